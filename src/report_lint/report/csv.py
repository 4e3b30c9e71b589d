"""Every finding of a batch as CSV (one row per finding), for spreadsheets and scripts.

UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly; a value that a
spreadsheet would take for a formula (starting with = + - @ or a tab) is prefixed with an
apostrophe, so a hostile report cannot plant one (CSV injection).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from report_lint.model.findings import FileResult
from report_lint.report.batchdata import FINDING_COLUMNS, finding_rows, h
from report_lint.report.common import strip_controls

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(v: Any) -> str:
    s = "" if v is None else strip_controls(str(v))
    if s.startswith(_FORMULA_START) and not _is_number(s):
        return "'" + s
    return s


def _is_number(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def render(results: list[FileResult], lang: str = "zh", options: Any = None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([h(k, lang) for k in FINDING_COLUMNS])
    for row in finding_rows(results, lang):
        w.writerow([_safe(row[k]) for k in FINDING_COLUMNS])
    return "\ufeff" + buf.getvalue()
