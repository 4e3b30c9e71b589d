"""Terminal output, ruff-like.

    path:REF: CODE [severity] message
      位置：第三部分，表格（块12）「总计」行
      原文：…
      修改建议：…

REF is the source line for text inputs, else ``b<block>`` / ``b<table>:r<row>c<col>``
(1-based row/column). Document text is flattened to one line and stripped of control
characters so a hostile report cannot forge output lines or send terminal escapes.
"""

from __future__ import annotations

from typing import Any

from report_lint.model.findings import FileResult
from report_lint.report.i18n import pick, t
from report_lint.report.common import block_ref, format_numbers, norm_severity, one_line, opt, rule_catalogue, sorted_findings, totals

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_SEV_COLOUR = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}


class _Paint:
    def __init__(self, on: bool):
        self.on = on

    def __call__(self, s: str, *codes: str) -> str:
        if not self.on or not codes:
            return s
        return "".join(codes) + s + _RESET


def render(results: list[FileResult], lang: str = "zh", options: Any = None) -> str:
    paint = _Paint(bool(opt(options, "color", False)))
    if opt(options, "statistics", False):
        return render_statistics(results, lang, options)
    show_fix = opt(options, "show_fix", True)
    lines: list[str] = []
    for fr in results:
        path = one_line(fr.path)
        if fr.error is not None:
            msg = t("file.error", lang, path=path, code=one_line(fr.error.code), message=one_line(fr.error.text(lang)))
            lines.append(paint(msg, _BOLD, _SEV_COLOUR["error"]))
        for f in sorted_findings(fr):
            sev = norm_severity(f.severity)
            ref = block_ref(f.location)
            head = paint(path, _BOLD) + (f":{ref}" if ref else "") + ": "
            head += paint(one_line(f.code), _BOLD, _SEV_COLOUR[sev]) + " "
            head += paint(f"[{sev}]", _SEV_COLOUR[sev]) + " " + one_line(f.text(lang))
            lines.append(head)
            where = f.location.describe(lang)
            if where:
                lines.append("  " + paint(t("label.location", lang) + one_line(where), _DIM))
            if f.excerpt:
                lines.append("  " + t("label.excerpt", lang) + one_line(f.excerpt))
            nums = format_numbers(f.numbers, lang)
            if nums:
                lines.append("  " + t("label.numbers", lang) + one_line(nums))
            if show_fix and f.fix:
                lines.append("  " + paint(t("label.fix", lang), _BOLD) + one_line(f.fix_text(lang)))
    lines.append(summary_line(results, lang, paint))
    return "\n".join(lines) + "\n"


def link_lines(results: list[FileResult], lang: str = "zh", notes: Any = ()) -> list[str]:
    """Which reports were linked to last year's (batch stage), and why others were not
    (``notes``: batch.link.Linking.notes), for --statistics."""
    links = [fr.link for fr in results if getattr(fr, "link", None)]
    checked = [fr for fr in results if getattr(fr, "summary", None) is not None]
    if not links and len(checked) < 2:
        return []
    out = _link_list(links, checked, lang)
    why = {
        "duplicate": ("同一机关同一年度有多份报告，均未按该年度关联", "several reports of one agency and year; none linked by that year"),
        "no-agency": ("标题中未能识别机关名称，未关联", "no agency found in the title; not linked"),
        "no-year": ("未能确定报告年度，未关联", "no report year found; not linked"),
    }
    for n in notes or ():
        zh, en = why.get(n.get("kind"), (n.get("kind", ""), n.get("kind", "")))
        paths = "、".join(one_line(p) for p in n.get("paths", [])) if lang == "zh" else ", ".join(one_line(p) for p in n.get("paths", []))
        out.append(f"  {zh}：{paths}" if lang == "zh" else f"  {en}: {paths}")
    return out


def _link_list(links: list, checked: list, lang: str) -> list[str]:
    if lang == "zh":
        out = [f"跨年度关联 {len(links)} 对（{len(checked) - len(links)} 份报告无上年报告，未作跨年度核对）"]
        for lk in links:
            how = "指定" if lk["how"] == "explicit" else "自动"
            out.append(f"  {one_line(lk['current'])}（{lk['current_year']}）← {one_line(lk['previous'])}（{lk['previous_year']}）[{how}]")
    else:
        out = [f"cross-year links: {len(links)} ({len(checked) - len(links)} report(s) without a predecessor were not cross-checked)"]
        for lk in links:
            out.append(
                f"  {one_line(lk['current'])} ({lk['current_year']}) <- {one_line(lk['previous'])} ({lk['previous_year']}) [{lk['how']}]"
            )
    return out


def summary_line(results: list[FileResult], lang: str = "zh", paint: Any = None) -> str:
    paint = paint or _Paint(False)
    tot = totals(results)
    n = tot["error"] + tot["warning"] + tot["info"]
    if n:
        s = t("summary", lang, n=n, error=tot["error"], warning=tot["warning"], info=tot["info"])
    else:
        s = t("summary.none", lang)
    if tot["failed"]:
        s += ("；" if lang == "zh" else "; ") + t("summary.failed", lang, n=tot["failed"])
    worst = "error" if tot["error"] or tot["failed"] else ("warning" if tot["warning"] else None)
    return paint(s, _BOLD, _SEV_COLOUR[worst]) if worst else paint(s, _BOLD)


def render_statistics(results: list[FileResult], lang: str = "zh", options: Any = None) -> str:
    """Counts per rule code, most frequent first (ties by code)."""
    paint = _Paint(bool(opt(options, "color", False)))
    counts: dict[str, int] = {}
    sev_of: dict[str, str] = {}
    for fr in results:
        for f in fr.findings:
            counts[f.code] = counts.get(f.code, 0) + 1
            sev_of.setdefault(f.code, norm_severity(f.severity))
    rules = rule_catalogue() if counts else {}
    lines = []
    width = max((len(str(c)) for c in counts.values()), default=1)
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = rules.get(code)
        name = rule.name if rule is not None else ""
        summ = pick(getattr(rule, "summary", None), lang) if rule is not None else ""
        sev = sev_of[code]
        row = f"{n:>{width}}  {paint(one_line(code), _BOLD)}  {paint(f'[{sev}]', _SEV_COLOUR[sev])}  {one_line(name)}"
        if summ:
            row += f"  {one_line(summ)}"
        lines.append(row.rstrip())
    lines.extend(link_lines(results, lang, opt(options, "link_notes", ())))
    lines.append(summary_line(results, lang, paint))
    return "\n".join(lines) + "\n"
