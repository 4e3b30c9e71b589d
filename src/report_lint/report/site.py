"""``--format html -o DIR`` for a batch: the reviewer's dashboard as index.html
(report.dashboard) and one page per report (report.html), in one folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from report_lint.model.findings import FileResult
from report_lint.report.dashboard import render_dashboard
from report_lint.report.html import page_names, render_page


def write_html_site(results: list[FileResult], out_dir: Any, lang: str = "zh", options: Any = None) -> list[Path]:
    """Write index.html (the reviewer's dashboard, report.dashboard) and one page per file
    into ``out_dir``; returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = page_names(results)
    written = []
    index = out / "index.html"
    index.write_text(render_dashboard(results, lang, options, names), encoding="utf-8")
    written.append(index)
    for fr, name in zip(results, names):
        p = out / name
        p.write_text(render_page([fr], lang, options, back_href="index.html"), encoding="utf-8")
        written.append(p)
    return written
