"""Machine-readable JSON. The shape is a contract other tools rely on:

    {"tool": {"name", "version"},
     "files": [{"path", "profile", "year", "error": null | {"code", "message"},
                "findings": [Finding.to_dict(lang), ...],
                "agency": the agency named by the title | null,
                "previous": null | {"previous", "current", "how", "agency",
                                    "previous_year", "current_year"}}],
     "links": [every non-null "previous" above: the cross-year links of the batch],
     "summary": {"files", "error", "warning", "info", "failed"}}

Key order is fixed (no sort_keys), findings come in ``Finding.sort_key`` order, paths
are written as given and nothing time-dependent is included, so two runs over the
same input produce byte-identical output.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

from report_lint.model.findings import FileResult
from report_lint.report.common import TOOL_NAME, sorted_findings, totals, version


def _default(o: Any) -> Any:
    # Rules may put Decimals, Fractions or sets in ``numbers``; render them without
    # losing precision and in a stable order.
    if isinstance(o, Decimal):
        return int(o) if o == o.to_integral_value() else str(o)
    if isinstance(o, Fraction):
        return o.numerator if o.denominator == 1 else str(o)
    if isinstance(o, (set, frozenset)):
        return sorted((str(x) for x in o))
    if hasattr(o, "to_dict"):
        return o.to_dict()
    return str(o)


def to_data(results: list[FileResult], lang: str = "zh") -> dict:
    files = []
    for fr in results:
        files.append(
            {
                "path": fr.path,
                "profile": fr.profile,
                "year": fr.year,
                "error": None if fr.error is None else {"code": fr.error.code, "message": fr.error.text(lang)},
                "findings": [f.to_dict(lang) for f in sorted_findings(fr)],
                "agency": getattr(fr.summary, "agency", None) if fr.summary is not None else None,
                "previous": fr.link,
            }
        )
    tot = totals(results)
    return {
        "tool": {"name": TOOL_NAME, "version": version()},
        "files": files,
        "links": [fr.link for fr in results if fr.link],
        "summary": {
            "files": tot["files"],
            "error": tot["error"],
            "warning": tot["warning"],
            "info": tot["info"],
            "failed": tot["failed"],
        },
    }


def render(results: list[FileResult], lang: str = "zh", options: Any = None) -> str:
    return json.dumps(to_data(results, lang), ensure_ascii=False, indent=2, default=_default) + "\n"
