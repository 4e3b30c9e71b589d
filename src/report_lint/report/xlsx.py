"""The batch as an Excel workbook (how review offices circulate results): a sheet with one
row per report, a sheet with every finding, a sheet with the cross-year links.

Built with openpyxl. Every value from a document is written as a string cell, never a
formula: openpyxl would otherwise store text starting with "=" as a formula, and a hostile
report could plant one (CSV/formula injection).
"""

from __future__ import annotations

import io
from typing import Any

from report_lint.model.findings import SEVERITIES, FileResult
from report_lint.report.batchdata import FAMILY_ORDER, FINDING_COLUMNS, finding_rows, h, report_rows, status
from report_lint.report.common import strip_controls
from report_lint.report.i18n import severity_label

_ILLEGAL = set(chr(c) for c in range(32)) - {"\t", "\n", "\r"}


def _clean(v: Any) -> Any:
    if v is None or isinstance(v, (int, float)):
        return v
    s = strip_controls(str(v))
    return "".join(ch for ch in s if ch not in _ILLEGAL)


def _put(ws, row: int, col: int, value: Any) -> None:
    cell = ws.cell(row=row, column=col)
    value = _clean(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with


def _sheet(ws, headers: list[str], rows: list[list[Any]], widths: list[int]) -> None:
    from openpyxl.styles import Alignment, Font

    for c, text in enumerate(headers, 1):
        _put(ws, 1, c, text)
        ws.cell(row=1, column=c).font = Font(bold=True)
    for r, values in enumerate(rows, 2):
        for c, v in enumerate(values, 1):
            _put(ws, r, c, v)
    from openpyxl.utils import get_column_letter

    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) > 40:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def render_bytes(results: list[FileResult], lang: str = "zh", options: Any = None) -> bytes:
    from openpyxl import Workbook
    from report_lint.checks.registry import FAMILIES
    from report_lint.report.i18n import pick

    wb = Workbook()
    ws = wb.active
    ws.title = "报告" if lang == "zh" else "Reports"
    rows = report_rows(results, lang)
    headers = [h("agency", lang), h("year", lang), h("file", lang), h("profile", lang)]
    headers += [severity_label(s, lang) for s in SEVERITIES]
    headers += [f"{f} {pick(FAMILIES.get(f), lang)}" for f in FAMILY_ORDER]
    headers += [
        h("worst", lang),
        h("signing", lang),
        h("deadline", lang),
        h("deadline_status", lang),
        h("previous", lang),
        h("link_how", lang),
        h("cross_year", lang),
        h("file_error", lang),
    ]
    data = []
    for r in rows:
        worst = status("failed", lang) if r.worst == "failed" else (severity_label(r.worst, lang) if r.worst else status("clean", lang))
        data.append(
            [r.agency, r.year, r.path, r.profile]
            + [r.counts.get(s, 0) for s in SEVERITIES]
            + [r.families.get(f, 0) for f in FAMILY_ORDER]
            + [
                worst,
                r.signing_date or "",
                r.deadline or "",
                status(r.deadline_status, lang),
                r.previous or "",
                status(r.link_how, lang),
                status(r.cross_year, lang),
                r.error,
            ]
        )
    _sheet(ws, headers, data, [24, 8, 40, 12] + [7] * len(SEVERITIES) + [7] * len(FAMILY_ORDER) + [10, 12, 12, 10, 40, 12, 12, 30])

    wf = wb.create_sheet("问题" if lang == "zh" else "Findings")
    frows = finding_rows(results, lang)
    _sheet(
        wf,
        [h(k, lang) for k in FINDING_COLUMNS],
        [[(severity_label(fr[k], lang) if k == "severity" else fr[k]) for k in FINDING_COLUMNS] for fr in frows],
        [36, 20, 8, 8, 8, 60, 24, 30, 30, 30],
    )

    wl = wb.create_sheet("跨年度关联" if lang == "zh" else "Links")
    links = [[r.agency, r.year, r.path, r.previous, status(r.link_how, lang), status(r.cross_year, lang)] for r in rows if r.previous]
    _sheet(
        wl,
        [h("agency", lang), h("year", lang), h("file", lang), h("previous", lang), h("link_how", lang), h("cross_year", lang)],
        links,
        [24, 8, 40, 40, 12, 12],
    )

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
