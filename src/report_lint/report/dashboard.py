"""The reviewer's dashboard: the index page of ``--format html -o DIR`` for a batch.

One row per agency, one column per year; each cell shows the worst severity and the
counts of that report and links to its page, plus the cross-year status (linked to last
year's report or not, and whether the Y rules found anything). Below the grid, every
report in a list. Columns sort on click.

Same safety as the report page: self-contained, every text escaped, a strict CSP whose
only script is the constant ``SORT_SCRIPT`` allowed by its hash (no data is ever put in a
script). Without the script the page is complete, only not sortable.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any, Optional
from urllib.parse import quote

from report_lint.model.findings import SEVERITIES, FileResult
from report_lint.report.batchdata import ReportRow, display_name, h, report_rows, status
from report_lint.report.common import TOOL_NAME, timestamp_text, totals, version
from report_lint.report.html import _counts_html, _html_lang, _meta, esc
from report_lint.report.html_assets import CSS, csp
from report_lint.report.i18n import severity_label, t

FONT_STACK = (
    '"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",SimSun,sans-serif'
)

DASHBOARD_CSS = (
    "body{font-family:-apple-system," + FONT_STACK + "}"
    "main{max-width:none}"
    "table.grid{border-collapse:collapse;font-size:.9rem;margin:.6rem 0}"
    "table.grid th,table.grid td{border:1px solid var(--line);padding:.3rem .5rem;vertical-align:top;text-align:left}"
    "table.grid th{background:#f3f4f6;white-space:nowrap}"
    "table.grid td.agency{font-weight:600;white-space:nowrap}"
    "table.grid td.empty{background:#fafafa;color:var(--muted)}"
    "th button.sort{font:inherit;border:0;background:none;padding:0;cursor:pointer;color:inherit}"
    "th button.sort::after{content:' \\2195';color:var(--muted)}"
    "th[aria-sort=ascending] button.sort::after{content:' \\2191'}th[aria-sort=descending] button.sort::after{content:' \\2193'}"
    ".cell a{text-decoration:none;display:block}.cell .counts{font-size:.8rem;color:var(--muted)}"
    ".xy{display:inline-block;margin-top:.15rem;font-size:.78rem;padding:0 .3em;border-radius:3px;border:1px solid var(--line)}"
    ".xy-ok{color:#1e6b35;border-color:#8cc49b}.xy-error{color:#fff;background:var(--err);border-color:var(--err)}"
    ".xy-warning{background:#fff1c2;border-color:#e0a100}.xy-none{color:var(--muted)}"
    ".legend{font-size:.85rem;color:var(--muted)}"
)

SORT_SCRIPT = """(function () {
  "use strict";
  function key(td, numeric) {
    var v = td ? td.getAttribute("data-sort") : null;
    if (v === null) { v = td ? td.textContent : ""; }
    if (numeric) { var n = parseFloat(v); return isNaN(n) ? -Infinity : n; }
    return v;
  }
  var tables = document.querySelectorAll("table[data-sortable]");
  for (var ti = 0; ti < tables.length; ti++) {
    (function (table) {
      var ths = table.querySelectorAll("thead th");
      for (var i = 0; i < ths.length; i++) {
        (function (th, col) {
          var b = th.querySelector("button.sort");
          if (!b) { return; }
          b.addEventListener("click", function () {
            var asc = th.getAttribute("aria-sort") !== "ascending";
            for (var j = 0; j < ths.length; j++) { ths[j].removeAttribute("aria-sort"); }
            th.setAttribute("aria-sort", asc ? "ascending" : "descending");
            var numeric = th.getAttribute("data-type") === "number";
            var body = table.tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            rows.sort(function (a, b) {
              var x = key(a.cells[col], numeric), y = key(b.cells[col], numeric);
              var c = numeric ? (x - y) : String(x).localeCompare(String(y), "zh-CN");
              return asc ? c : -c;
            });
            for (var k = 0; k < rows.length; k++) { body.appendChild(rows[k]); }
          });
        })(ths[i], i);
      }
    })(tables[ti]);
  }
})();"""

SORT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SORT_SCRIPT.encode("utf-8")).digest()).decode("ascii")

_RANK = {"failed": 4, "error": 3, "warning": 2, "info": 1, None: 0}


def _sev_badge(worst: Optional[str], lang: str) -> str:
    if worst == "failed":
        return f'<span class="sev-label sev-error">{esc(t("html.failed", lang))}</span>'
    if worst:
        return f'<span class="sev-label sev-{worst}">{esc(severity_label(worst, lang))}</span>'
    return f'<span class="sev-label">{esc(t("html.clean", lang))}</span>'


def _counts_short(r: ReportRow, lang: str) -> str:
    return " ".join(f"{severity_label(s, lang)}{r.counts.get(s, 0)}" for s in SEVERITIES)


def _xy(r: ReportRow, lang: str) -> str:
    if r.previous is None:
        label = status("none", lang)
        tip = label
    else:
        label = ("跨年度：" if lang == "zh" else "cross-year: ") + status(r.cross_year, lang)
        tip = f"上年报告：{r.previous}" if lang == "zh" else f"linked to {r.previous}"
        n = sum(r.cross_counts.values())
        if n:
            label += f" {n}"
    return f'<span class="xy xy-{esc(r.cross_year)}" data-crossyear="{esc(r.cross_year)}" title="{esc(tip)}">{esc(label)}</span>'


def _cell(r: ReportRow, href: str, lang: str) -> str:
    return (
        f'<div class="cell" data-report="{r.index}"><a href="{esc(quote(href))}" title="{esc(r.path)}">'
        f'{_sev_badge(r.worst, lang)} <span class="counts">{esc(_counts_short(r, lang))}</span></a>{_xy(r, lang)}</div>'
    )


def _th(label: str, numeric: bool = False) -> str:
    typ = ' data-type="number"' if numeric else ""
    return f'<th scope="col"{typ}><button type="button" class="sort">{esc(label)}</button></th>'


def render_dashboard(results: list[FileResult], lang: str = "zh", options: Any = None, hrefs: Optional[list[str]] = None) -> str:
    from report_lint.report.html import page_names

    hrefs = hrefs if hrefs is not None else page_names(results)
    rows = report_rows(results, lang)
    tot = totals(results)
    head = [(esc(t("html.tool", lang)), esc(f"{TOOL_NAME} {version()}"))]
    ts = timestamp_text(options)
    if ts:
        head.append((esc(t("html.generated", lang)), esc(ts)))
    head.append((esc(t("html.counts", lang)), _counts_html(tot, lang)))
    linked = sum(1 for r in rows if r.previous)
    head.append((esc("跨年度关联" if lang == "zh" else "Cross-year links"), esc(str(linked))))

    # The grid: agency × year.
    years = sorted({r.year for r in rows if r.year is not None})
    no_year = any(r.year is None for r in rows)
    agencies: dict[str, list[ReportRow]] = {}
    for r in rows:
        agencies.setdefault(r.agency_key or display_name(r), []).append(r)
    grid_rows = []
    for _key, group in sorted(agencies.items(), key=lambda kv: kv[0]):
        name = display_name(group[0])
        worst = max((_RANK.get(r.worst, 0) for r in group), default=0)
        errors = sum(r.counts.get("error", 0) for r in group)
        xy_bad = sum(1 for r in group if r.cross_year in ("error", "warning"))
        tds = [f'<td class="agency" data-sort="{esc(name)}">{esc(name)}</td>']
        tds.append(
            f'<td class="n" data-sort="{worst}">{_sev_badge(next((r.worst for r in group if _RANK.get(r.worst, 0) == worst), None), lang)}</td>'
        )
        tds.append(f'<td class="n" data-sort="{errors}">{errors}</td>')
        tds.append(f'<td class="n" data-sort="{xy_bad}">{xy_bad}</td>')
        for y in years + ([None] if no_year else []):
            cell = [r for r in group if r.year == y]
            if not cell:
                tds.append('<td class="empty" data-sort="-1">—</td>')
                continue
            rank = max(_RANK.get(r.worst, 0) for r in cell)
            tds.append(f'<td data-sort="{rank}">' + "".join(_cell(r, hrefs[r.index], lang) for r in cell) + "</td>")
        grid_rows.append("<tr>" + "".join(tds) + "</tr>")
    ths = [_th("机关" if lang == "zh" else "Agency"), _th(t("html.worst", lang), True), _th(severity_label("error", lang), True)]
    ths.append(_th("跨年度问题" if lang == "zh" else "Cross-year issues", True))
    ths += [_th(f"{y}年" if lang == "zh" else str(y), True) for y in years]
    if no_year:
        ths.append(_th("年度不明" if lang == "zh" else "Year unknown", True))
    grid = (
        f"<h2>{esc('按机关和年度' if lang == 'zh' else 'By agency and year')}</h2>"
        f'<p class="legend">{esc(_legend(lang))}</p>'
        '<div class="table-wrap"><table class="grid" id="grid" data-sortable><thead><tr>'
        + "".join(ths)
        + "</tr></thead><tbody>"
        + "".join(grid_rows)
        + "</tbody></table></div>"
    )

    # Every report, one row each.
    lths = [_th(h("agency", lang)), _th(h("year", lang), True), _th(h("file", lang)), _th(h("profile", lang))]
    lths += [_th(severity_label(s, lang), True) for s in SEVERITIES]
    lths += [_th(h("worst", lang), True), _th(h("deadline_status", lang)), _th(h("previous", lang)), _th(h("cross_year", lang))]
    lrows = []
    for r in rows:
        href = hrefs[r.index]
        cells = [
            f'<td data-sort="{esc(display_name(r))}">{esc(display_name(r))}</td>',
            f'<td class="n" data-sort="{r.year if r.year is not None else -1}">{esc(r.year if r.year is not None else "—")}</td>',
            f'<td data-sort="{esc(r.path)}"><a href="{esc(quote(href))}">{esc(r.path)}</a></td>',
            f"<td>{esc(r.profile or '—')}</td>",
        ]
        cells += [f'<td class="n">{r.counts.get(s, 0)}</td>' for s in SEVERITIES]
        cells.append(f'<td data-sort="{_RANK.get(r.worst, 0)}">{_sev_badge(r.worst, lang)}</td>')
        cells.append(f"<td>{esc(status(r.deadline_status, lang))}" + (f" {esc(r.signing_date)}" if r.signing_date else "") + "</td>")
        cells.append(f"<td>{esc(r.previous or '—')}</td>")
        cells.append(f'<td data-sort="{esc(r.cross_year)}">{_xy(r, lang)}</td>')
        lrows.append(f'<tr id="report-{r.index}">' + "".join(cells) + "</tr>")
    listing = (
        f"<h2>{esc('全部报告' if lang == 'zh' else 'All reports')}</h2>"
        '<div class="table-wrap"><table class="index" id="reports" data-sortable><thead><tr>'
        + "".join(lths)
        + "</tr></thead><tbody>"
        + "".join(lrows)
        + "</tbody></table></div>"
    )
    body = f'<main><header class="page-head"><h1>{esc(t("html.index.title", lang))}</h1>{_meta(head)}</header>{grid}{listing}</main>'
    title = t("html.index.title", lang)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_html_lang(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp(SORT_HASH)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{TOOL_NAME} {esc(version())}">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}{DASHBOARD_CSS}</style>\n</head>\n"
        f"<body>\n{body}\n<script>{SORT_SCRIPT}</script>\n</body>\n</html>\n"
    )


def _legend(lang: str) -> str:
    if lang == "zh":
        return "每格为该机关该年度报告的最高级别和各级别问题数，点击打开该报告；下方为跨年度核对状态（与上年报告关联后的 Y 类规则结果）。点击列标题排序。"
    return "Each cell: the worst severity and counts of that agency's report for that year (click to open it), and below it the cross-year status (Y rules against last year's report). Click a column heading to sort."
