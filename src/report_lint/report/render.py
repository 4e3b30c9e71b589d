"""Rendering findings in an output format: one module per format under ``report``.

The format modules are imported on demand so that ``report-lint --format text`` never pays
for the HTML or SARIF code.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

from report_lint.model.findings import FileResult

FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab", "html", "csv")
"""Text formats; ``xlsx`` is binary (report.xlsx.render_bytes, written by the CLI)."""


Reporter = Callable[[list, str, Any], str]


def get_reporter(name: str) -> Reporter:
    """The ``render(results, lang, options)`` function of format ``name``."""
    key = (name or "").strip().lower()
    if key not in FORMATS:
        raise ValueError(f"unknown output format {name!r}; choose one of: {', '.join(FORMATS)}")
    mod = importlib.import_module(f"report_lint.report.{key}")
    return mod.render


def render(results: list[FileResult], fmt: str = "text", lang: str = "zh", options: Any = None) -> str:
    return get_reporter(fmt)(list(results), lang, options)
