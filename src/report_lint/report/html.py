"""The reviewer's page: the report itself with every finding marked in place.

One self-contained HTML file: inline <style>, one constant inline <script> allowed by
its CSP hash, no external resources. Every piece of text that came from a document
(paragraphs, cells, excerpts, messages, paths) goes through ``esc``.

Anchors (stable, used by browser tests):
- ``#f-N``  the finding's element in the text: ``<mark class="finding">`` for a
  phrase, ``<a class="finding flag">`` badge for a cell, a row, a table or a whole
  paragraph. Each has ``data-finding``, ``data-code``, ``data-severity``. Findings
  with no usable block get ``#f-N`` on their entry in the "without a place" list
  (class ``finding-general``, no ``data-finding``).
- ``#l-N``  the finding's entry in the findings list (``a.finding-link`` → ``#f-N``).
- ``#rule-CODE``  the rule explanation (<details>).
N counts findings across the page in reading order, from 1.
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

from report_lint.model.findings import SEVERITIES, SEVERITY_RANK, FileResult, Finding
from report_lint.report.i18n import pick, severity_label, t
from report_lint.model.document import Paragraph, Table
from report_lint.report.common import (
    TOOL_NAME,
    format_numbers,
    norm_severity,
    rule_catalogue,
    sorted_findings,
    strip_controls,
    timestamp_text,
    totals,
    version,
    worst_severity,
)
from report_lint.report.html_assets import CSS, SCRIPT, SCRIPT_HASH, csp, filter_css

_TOKEN_RE = re.compile(r"[^A-Za-z0-9_-]")


def esc(s: Any) -> str:
    return _html.escape(strip_controls("" if s is None else str(s)), quote=True)


def esc_text(s: Any) -> str:
    """Escaped text with line breaks kept visible."""
    s = "" if s is None else str(s).replace("\u2028", "\n").replace("\u2029", "\n")
    return esc(s).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def token(s: Any) -> str:
    """A value safe as a class name / id fragment."""
    return _TOKEN_RE.sub("_", str(s)) or "_"


def _family(code: str) -> str:
    return token(code[:1].upper() or "_")


def _html_lang(lang: str) -> str:
    return "en" if lang == "en" else "zh-CN"


# ---------------------------------------------------------------- numbering


@dataclass
class _Item:
    num: int
    finding: Finding
    lang: str = "zh"
    placed: bool = False
    marked: bool = False
    """Shown as a <mark> over its phrase (so the note need not repeat the excerpt)."""

    @property
    def sev(self) -> str:
        return norm_severity(self.finding.severity)

    @property
    def cls(self) -> str:
        return f"sev-{self.sev} fam-{_family(self.finding.code)}"

    def attrs(self, extra_cls: str = "") -> str:
        f = self.finding
        cls = " ".join(x for x in ("finding", extra_cls.strip(), self.cls) if x)
        return (
            f'class="{cls}" id="f-{self.num}" data-finding="{self.num}" '
            f'data-code="{esc(f.code)}" data-severity="{self.sev}" title="{esc(f.text(self.lang))}"'
        )


@dataclass
class _FilePlan:
    result: FileResult
    items: list[_Item] = field(default_factory=list)
    by_block: dict[int, list[_Item]] = field(default_factory=dict)
    general: list[_Item] = field(default_factory=list)
    cell_marks: dict[int, list[tuple[int, int, _Item]]] = field(default_factory=dict)
    """Table block → (row, col, item) for the further cells a finding names in its
    ``numbers["cells"]`` ([block, row, col] each; e.g. every blank cell of one T004)."""


def _target_block(f: Finding, doc: Any) -> Optional[int]:
    if doc is None:
        return None
    loc = f.location
    b = loc.block if loc.block is not None else loc.table
    if b is None or not (0 <= b < len(doc.blocks)):
        return None
    return b


def _plan(results: list[FileResult], lang: str) -> list[_FilePlan]:
    plans = []
    n = 0
    for fr in results:
        plan = _FilePlan(fr)
        doc = fr.document
        for f in sorted_findings(fr):
            n += 1
            item = _Item(n, f, lang)
            plan.items.append(item)
            b = _target_block(f, doc)
            if b is None:
                plan.general.append(item)
            else:
                plan.by_block.setdefault(b, []).append(item)
            refs = f.numbers.get("cells")
            for ref in refs if isinstance(refs, list) else ():
                if isinstance(ref, (list, tuple)) and len(ref) == 3 and all(isinstance(x, int) for x in ref):
                    plan.cell_marks.setdefault(ref[0], []).append((ref[1], ref[2], item))
        plans.append(plan)
    return plans


# ---------------------------------------------------------------- text with marks


def _ref(item: _Item) -> str:
    return f'<sup class="ref {item.cls}"><a href="#l-{item.num}">{item.num}</a></sup>'


def _flag(item: _Item, extra: str = "") -> str:
    item.placed = True
    return f'<a {item.attrs("flag " + extra)} href="#l-{item.num}">{item.num}</a>'


def _marked_text(text: str, items: list[_Item]) -> tuple[str, list[_Item]]:
    """``text`` escaped, with each item's [start, end) span wrapped in <mark>.

    Spans that are missing, out of range or overlap an earlier span are returned
    as leftovers for the caller to show as flags (a phrase cannot be two marks).
    """
    spans = []
    leftovers = []
    for it in items:
        s, e = it.finding.location.start, it.finding.location.end
        if s is None or e is None or not (0 <= s < e <= len(text)):
            leftovers.append(it)
        else:
            spans.append((s, e, it))
    spans.sort(key=lambda x: (x[0], -x[1], x[2].num))
    out = []
    pos = 0
    for s, e, it in spans:
        if s < pos:
            leftovers.append(it)
            continue
        out.append(esc_text(text[pos:s]))
        out.append(f"<mark {it.attrs()}>{esc_text(text[s:e])}</mark>{_ref(it)}")
        it.placed = it.marked = True
        pos = e
    out.append(esc_text(text[pos:]))
    leftovers.sort(key=lambda it: it.num)
    return "".join(out), leftovers


# ---------------------------------------------------------------- document


class _DocRenderer:
    def __init__(self, plan: _FilePlan, file_no: int, lang: str):
        self.plan = plan
        self.doc = plan.result.document
        self.lang = lang
        self.file_no = file_no
        self.heading_level = self._headings(plan.result.outline)
        self.contained: dict[tuple[int, int, int], list[int]] = {}
        self.inside: set[int] = set()
        self._rendered: set[int] = set()
        self._index_containers()

    def _headings(self, outline: Any) -> dict[int, int]:
        levels: dict[int, int] = {}
        if outline is not None:
            try:
                if getattr(outline, "title", None) is not None:
                    levels[outline.title] = 0
                for sec in outline.walk():
                    levels[sec.heading.block] = max(1, min(3, int(sec.heading.level)))
                for att in getattr(outline, "attachments", []) or []:
                    levels[att.heading.block] = 1
            except (AttributeError, TypeError, ValueError):
                # A half-built outline must not cost the reviewer the whole page.
                pass
        if not levels:
            for b in self.doc.blocks:
                if isinstance(b, Paragraph) and b.container is None and b.outline_level is not None:
                    levels[b.index] = max(1, min(3, b.outline_level + 1))
        return levels

    def _index_containers(self) -> None:
        blocks = self.doc.blocks
        for b in blocks:
            c = getattr(b, "container", None)
            if not c or len(c) != 3:
                continue
            ti, r, col = c
            if not (all(isinstance(x, int) for x in c) and 0 <= ti < len(blocks) and ti != b.index):
                continue
            tbl = blocks[ti]
            if not isinstance(tbl, Table) or tbl.cell_at(r, col) is None:
                continue
            top = tbl.cell_at(r, col)
            self.contained.setdefault((ti, top.row, top.col), []).append(b.index)
            self.inside.add(b.index)

    def render(self) -> str:
        out = []
        for b in self.doc.blocks:
            if b.index in self.inside:
                continue
            pending: list[_Item] = []
            out.append(self._block(b, pending, depth=0))
            out.append(self._notes(pending))
        html = "".join(out)
        # Blocks held inside a container cycle were never reached from the top: show them
        # at the end rather than lose their text and findings.
        missed = [i for i in sorted(self.inside) if i not in self._rendered]
        for i in missed:
            pending = []
            html += self._block(self.doc.blocks[i], pending, depth=0) + self._notes(pending)
        return html

    def _bid(self, index: int) -> str:
        return f"d{self.file_no}-b{index}"

    def _block(self, b: Any, pending: list[_Item], depth: int) -> str:
        if b.index in self._rendered or depth > 20:
            return ""
        self._rendered.add(b.index)
        items = self.plan.by_block.get(b.index, [])
        pending.extend(items)
        if isinstance(b, Table):
            return self._table(b, items, pending, depth)
        return self._paragraph(b, items)

    def _paragraph(self, p: Any, items: list[_Item]) -> str:
        text = getattr(p, "text", "") or ""
        body, left = _marked_text(text, items)
        flags = "".join(_flag(it) for it in left)
        level = self.heading_level.get(p.index) if getattr(p, "container", None) is None else None
        cls = ""
        if left:
            worst = max(left, key=lambda it: SEVERITY_RANK.get(it.sev, 0)).sev
            cls = f" flagged-para sev-{worst}"
        if level is not None:
            tag = f"h{3 + level}"
            return f'<{tag} class="dh dh{level}{cls}" id="{self._bid(p.index)}">{flags}{body}</{tag}>'
        return f'<p id="{self._bid(p.index)}" class="para{cls}">{flags}{body}</p>'

    def _table(self, tbl: Table, items: list[_Item], pending: list[_Item], depth: int) -> str:
        by_cell: dict[tuple[int, int], list[_Item]] = {}
        by_row: dict[int, list[_Item]] = {}
        whole: list[_Item] = []
        for it in items:
            loc = it.finding.location
            if loc.row is not None and 0 <= loc.row < tbl.n_rows:
                if loc.col is not None and tbl.cell_at(loc.row, loc.col) is not None:
                    top = tbl.cell_at(loc.row, loc.col)
                    by_cell.setdefault((top.row, top.col), []).append(it)
                elif loc.col is None:
                    by_row.setdefault(loc.row, []).append(it)
                else:
                    whole.append(it)
            else:
                whole.append(it)
        for r, c, it in self.plan.cell_marks.get(tbl.index, ()):
            top = tbl.cell_at(r, c)
            if top is not None and it not in by_cell.setdefault((top.row, top.col), []):
                by_cell[(top.row, top.col)].append(it)
        caption = esc(t("html.table", self.lang, n=tbl.index)) + "".join(_flag(it) for it in whole)
        rows = []
        grid = tbl.grid()
        for r in range(tbl.n_rows):
            row_items = by_row.get(r, [])
            tds = []
            given = False
            for c in range(tbl.n_cols):
                cell = grid[r][c]
                if cell is None:
                    tds.append('<td class="void"></td>')
                    continue
                if cell.row != r or cell.col != c:
                    continue
                tds.append(self._cell(tbl, cell, by_cell.get((r, c), []), [] if given else row_items, pending, depth))
                given = True
            if row_items and not given:
                # Every position of the row is covered from above: flag it on the caption.
                caption += "".join(_flag(it) for it in row_items)
            tr_cls = ' class="flagged-row"' if row_items else ""
            rows.append(f"<tr{tr_cls}>{''.join(tds)}</tr>")
        return (
            f'<div class="table-wrap" id="{self._bid(tbl.index)}"><table class="doc-table">'
            f"<caption>{caption}</caption><tbody>{''.join(rows)}</tbody></table></div>"
        )

    def _cell(self, tbl: Table, cell: Any, items: list[_Item], row_items: list[_Item], pending: list[_Item], depth: int) -> str:
        rs = max(1, min(cell.rowspan, tbl.n_rows - cell.row))
        cs = max(1, min(cell.colspan, tbl.n_cols - cell.col))
        attrs = f' data-row="{cell.row + 1}" data-col="{cell.col + 1}"'
        if rs > 1:
            attrs += f' rowspan="{rs}"'
        if cs > 1:
            attrs += f' colspan="{cs}"'
        inner_blocks = self.contained.get((tbl.index, cell.row, cell.col))
        if inner_blocks:
            body = "".join(self._block(self.doc.blocks[i], pending, depth + 1) for i in inner_blocks)
            left = items
        else:
            body, left = _marked_text(cell.text or "", items)
        flags = "".join(_flag(it) for it in list(row_items) + list(left))
        if items:
            worst = max(items, key=lambda it: SEVERITY_RANK.get(it.sev, 0)).sev
            fams = " ".join(sorted({f"fam-{_family(it.finding.code)}" for it in items}))
            attrs = f' class="flagged sev-{worst} {fams}"' + attrs
        return f"<td{attrs}>{flags}{body}</td>"

    def _notes(self, items: list[_Item]) -> str:
        if not items:
            return ""
        lis = "".join(_note(it, self.lang) for it in sorted(items, key=lambda it: it.num))
        return f'<aside class="notes" aria-label="{esc(t("html.notes", self.lang))}"><ol>{lis}</ol></aside>'


def _note(it: _Item, lang: str) -> str:
    f = it.finding
    parts = [
        f'<li class="note {it.cls}">',
        f'<a class="num" href="#f-{it.num}">{it.num}</a>',
        f'<span class="sev-label sev-{it.sev}">{esc(severity_label(it.sev, lang))}</span> ',
        f"<code>{esc(f.code)}</code> {esc(f.text(lang))}",
    ]
    where = f.location.describe(lang)
    if where:
        parts.append(f' <span class="place">（{esc(where)}）</span>' if lang == "zh" else f' <span class="place">({esc(where)})</span>')
    if f.excerpt and not it.marked:
        parts.append(f'<div class="excerpt">{esc(t("label.excerpt", lang))}{esc(f.excerpt)}</div>')
    nums = format_numbers(f.numbers, lang)
    if nums:
        parts.append(f'<div class="numbers">{esc(t("label.numbers", lang))}{esc(nums)}</div>')
    if f.fix:
        parts.append(f'<div class="fix">{esc(t("label.fix", lang))}{esc(f.fix_text(lang))}</div>')
    parts.append("</li>")
    return "".join(parts)


# ---------------------------------------------------------------- page parts


def _counts_html(counts: dict[str, int], lang: str) -> str:
    return "".join(
        f'<span class="count"><span class="sev-label sev-{s}">{esc(severity_label(s, lang))}</span> {counts.get(s, 0)}</span>'
        for s in SEVERITIES
    )


def _meta(rows: list[tuple[str, str]]) -> str:
    return '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _findings_list(plan: _FilePlan, lang: str) -> str:
    if not plan.items:
        return f'<p class="none">{esc(t("html.none", lang))}</p>'
    lis = []
    for it in plan.items:
        f = it.finding
        where = f.location.describe(lang)
        place = f' <span class="place">{esc(where)}</span>' if where else ""
        lis.append(
            f'<li class="finding-item {it.cls}" id="l-{it.num}" data-code="{esc(f.code)}" data-severity="{it.sev}">'
            f'<a class="finding-link" href="#f-{it.num}"><span class="num">{it.num}</span>'
            f'<span class="sev-label sev-{it.sev}">{esc(severity_label(it.sev, lang))}</span> '
            f'<code>{esc(f.code)}</code> <span class="msg">{esc(f.text(lang))}</span>{place}</a>'
            f'<a class="rule-link" href="#rule-{token(f.code)}">{esc(t("html.ruledoc", lang))}</a></li>'
        )
    return f'<ol class="findings-list">{"".join(lis)}</ol>'


def _general_list(plan: _FilePlan, lang: str) -> str:
    if not plan.general:
        return ""
    lis = []
    for it in plan.general:
        f = it.finding
        it.placed = True
        extra = []
        if f.excerpt:
            extra.append(f'<div class="excerpt">{esc(t("label.excerpt", lang))}{esc(f.excerpt)}</div>')
        nums = format_numbers(f.numbers, lang)
        if nums:
            extra.append(f'<div class="numbers">{esc(t("label.numbers", lang))}{esc(nums)}</div>')
        if f.fix:
            extra.append(f'<div class="fix">{esc(t("label.fix", lang))}{esc(f.fix_text(lang))}</div>')
        lis.append(
            f'<li class="finding-general {it.cls}" id="f-{it.num}" data-code="{esc(f.code)}" data-severity="{it.sev}">'
            f'<a class="num" href="#l-{it.num}">{it.num}</a>'
            f'<span class="sev-label sev-{it.sev}">{esc(severity_label(it.sev, lang))}</span> '
            f"<code>{esc(f.code)}</code> {esc(f.text(lang))}{''.join(extra)}</li>"
        )
    return f'<section class="general"><h3>{esc(t("html.general", lang))}</h3><ul class="general-list">{"".join(lis)}</ul></section>'


def _rule_docs(codes: list[str], lang: str) -> str:
    if not codes:
        return ""
    catalogue = rule_catalogue()
    out = [f'<section class="rules"><h2>{esc(t("html.rules", lang))}</h2>']
    for code in codes:
        rule = catalogue.get(code)
        if rule is None:
            out.append(f'<details class="rule-doc" id="rule-{token(code)}"><summary><code>{esc(code)}</code></summary></details>')
            continue
        summary = pick(getattr(rule, "summary", None), lang)
        doc = pick(getattr(rule, "doc", None), lang)
        body = "".join(f"<p>{esc_text(para)}</p>" for para in re.split(r"\n\s*\n", doc) if para.strip()) if doc else ""
        if getattr(rule, "bad", ""):
            body += f"<p>{esc(t('html.bad', lang))}</p><pre>{esc(rule.bad)}</pre>"
        if getattr(rule, "good", ""):
            body += f"<p>{esc(t('html.good', lang))}</p><pre>{esc(rule.good)}</pre>"
        out.append(
            f'<details class="rule-doc" id="rule-{token(code)}"><summary><code>{esc(code)}</code> '
            f"{esc(getattr(rule, 'name', ''))} — {esc(summary)}</summary>{body}</details>"
        )
    out.append("</section>")
    return "".join(out)


def _filters(plans: list[_FilePlan], lang: str) -> str:
    sevs = [s for s in SEVERITIES if any(it.sev == s for p in plans for it in p.items)]
    fams = sorted({_family(it.finding.code) for p in plans for it in p.items})
    if not sevs:
        return ""
    from report_lint.checks.registry import FAMILIES

    def box(kind: str, value: str, label: str) -> str:
        return f'<label><input type="checkbox" checked data-filter="{kind}-{value}"> {esc(label)}</label>'

    sev_boxes = "".join(box("sev", s, severity_label(s, lang)) for s in sevs)
    fam_boxes = "".join(box("fam", f, f"{f} {pick(FAMILIES.get(f), lang)}".strip()) for f in fams)
    return (
        f'<nav class="filters" id="filters" hidden aria-label="{esc(t("html.filters", lang))}">'
        f"<fieldset><legend>{esc(t('html.filter.severity', lang))}</legend>{sev_boxes}</fieldset>"
        f"<fieldset><legend>{esc(t('html.filter.family', lang))}</legend>{fam_boxes}</fieldset></nav>"
    )


def _page(title: str, body: str, lang: str, extra_css: str = "", script: bool = True) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_html_lang(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp(SCRIPT_HASH if script else None)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{TOOL_NAME} {esc(version())}">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n"
        f"<body>\n{body}\n" + (f"<script>{SCRIPT}</script>\n" if script else "") + "</body>\n</html>\n"
    )


def _report_section(plan: _FilePlan, file_no: int, lang: str) -> str:
    fr = plan.result
    counts = fr.counts()
    rows = [
        (esc(t("html.file", lang)), esc(fr.path)),
        (esc(t("html.profile", lang)), esc(fr.profile or "—")),
        (esc(t("html.year", lang)), esc(fr.year if fr.year is not None else "—")),
        (esc(t("html.counts", lang)), _counts_html(counts, lang)),
    ]
    tag = "h2"
    out = [f'<section class="report" id="r-{file_no}"><header class="report-head">']
    out.append(f"<{tag}>{esc(fr.path)}</{tag}>{_meta(rows)}</header>")
    if fr.error is not None:
        msg = t("html.cannot", lang, code=fr.error.code, message=fr.error.text(lang))
        out.append(f'<p class="file-error" role="alert">{esc(msg)}</p>')
    out.append(f'<section class="findings" id="findings-{file_no}"><h3>{esc(t("html.findings", lang))}</h3>')
    out.append(_findings_list(plan, lang) + "</section>")
    out.append(_general_list(plan, lang))
    out.append(f'<section class="document"><h3>{esc(t("html.document", lang))}</h3>')
    doc = fr.document
    if doc is None or not getattr(doc, "blocks", None):
        out.append(f'<p class="nodoc">{esc(t("html.nodoc", lang))}</p>')
    else:
        out.append(f'<article class="doc">{_DocRenderer(plan, file_no, lang).render()}</article>')
    out.append("</section></section>")
    # Anything a renderer could not place (e.g. a cell finding on a cycle-hidden block)
    # is promoted to the general list so every finding keeps its #f-N target.
    lost = [it for it in plan.items if not it.placed]
    if lost:
        plan.general = lost
        out.insert(-1, _general_list(plan, lang))
    return "".join(out)


def render_page(results: list[FileResult], lang: str = "zh", options: Any = None, back_href: Optional[str] = None) -> str:
    """One page for ``results`` (normally one file; several are stacked)."""
    plans = _plan(results, lang)
    multi = len(plans) > 1
    tot = totals(results)
    head_rows = [(esc(t("html.tool", lang)), esc(f"{TOOL_NAME} {version()}"))]
    ts = timestamp_text(options)
    if ts:
        head_rows.append((esc(t("html.generated", lang)), esc(ts)))
    if multi:
        head_rows.append((esc(t("html.counts", lang)), _counts_html(tot, lang)))
    title = t("html.title", lang)
    if len(results) == 1:
        title += " — " + results[0].path
    body = [f'<a class="skip" href="#findings-1">{esc(t("html.skip", lang))}</a>']
    body.append(_filters(plans, lang))
    body.append(f'<main><header class="page-head"><h1>{esc(t("html.title", lang))}</h1>{_meta(head_rows)}')
    if back_href:
        body.append(f'<p><a href="{esc(back_href)}">{esc(t("html.index.title", lang))}</a></p>')
    body.append("</header>")
    for i, plan in enumerate(plans, 1):
        body.append(_report_section(plan, i, lang))
    codes = sorted({it.finding.code for p in plans for it in p.items})
    body.append(_rule_docs(codes, lang))
    body.append("</main>")
    fams = tuple(sorted({_family(it.finding.code) for p in plans for it in p.items}))
    return _page(title, "\n".join(b for b in body if b), lang, filter_css(SEVERITIES, fams))


def render(results: list[FileResult], lang: str = "zh", options: Any = None) -> str:
    return render_page(results, lang, options)


# ---------------------------------------------------------------- site


_UNSAFE_NAME_RE = re.compile(r"[^0-9A-Za-z_\-\u4e00-\u9fff]+")


def page_names(results: list[FileResult]) -> list[str]:
    """Unique, filesystem- and URL-safe page names: '0001-<stem>.html'."""
    names = []
    for i, fr in enumerate(results, 1):
        stem = Path(str(fr.path).replace("\\", "/")).stem
        slug = _UNSAFE_NAME_RE.sub("-", stem).strip("-")[:60] or "report"
        names.append(f"{i:04d}-{slug}.html")
    return names


def render_index(results: list[FileResult], lang: str = "zh", options: Any = None, hrefs: Optional[list[str]] = None) -> str:
    """A page with one row per report (counts, worst severity) linking to its page."""
    hrefs = hrefs if hrefs is not None else page_names(results)
    tot = totals(results)
    head = [(esc(t("html.tool", lang)), esc(f"{TOOL_NAME} {version()}"))]
    ts = timestamp_text(options)
    if ts:
        head.append((esc(t("html.generated", lang)), esc(ts)))
    head.append((esc(t("html.counts", lang)), _counts_html(tot, lang)))
    ths = [t("html.file", lang), t("html.profile", lang), t("html.year", lang)]
    ths += [severity_label(s, lang) for s in SEVERITIES] + [t("html.worst", lang), ""]
    rows = []
    for fr, href in zip(results, hrefs):
        c = fr.counts()
        if fr.error is not None:
            worst = f'<span class="sev-label sev-error">{esc(t("html.failed", lang))}</span>'
        else:
            w = worst_severity(fr)
            worst = (
                f'<span class="sev-label sev-{norm_severity(w)}">{esc(severity_label(norm_severity(w), lang))}</span>'
                if w
                else esc(t("html.clean", lang))
            )
        link = f'<a href="{esc(quote(href))}">{esc(t("html.open", lang))}</a>'
        cells = [esc(fr.path), esc(fr.profile or "—"), esc(fr.year if fr.year is not None else "—")]
        rows.append(
            "<tr>"
            + "".join(f"<td>{x}</td>" for x in cells)
            + "".join(f'<td class="n">{c.get(s, 0)}</td>' for s in SEVERITIES)
            + f"<td>{worst}</td><td>{link}</td></tr>"
        )
    body = (
        f'<main><header class="page-head"><h1>{esc(t("html.index.title", lang))}</h1>{_meta(head)}</header>'
        '<table class="index"><thead><tr>'
        + "".join(f"<th>{esc(h)}</th>" for h in ths)
        + f"</tr></thead><tbody>{''.join(rows)}</tbody></table></main>"
    )
    return _page(t("html.index.title", lang), body, lang, script=False)
