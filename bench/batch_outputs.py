#!/usr/bin/env python3
"""How long the reviewer's outputs of a batch take: cross-year linking and checks, the
dashboard, the whole HTML site and the xlsx workbook, for a batch of N reports (200).

    python bench/batch_outputs.py [--reports 200] [--runs 3] [--out bench/results/batch-outputs.json]

The reports are real lint results: the cross-year fixtures (fixtures/crossyear, 2021 template
filled) and the Pingtan pages of 2019–2022 (fixtures/text/corpus-*.html) are linted once
(documents kept, as --format html keeps them), then replicated into N reports of N/4
agencies × 4 years by renaming path, agency and year — so linking and the grid have the
shape of a real batch. Linting itself is not in these figures (bench/run.py measures it).
Prints a table; --out writes the figures as JSON. Best of --runs, in milliseconds.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))


def build_batch(n: int):
    from report_lint.lint import LintOptions, lint_file

    sources = sorted((REPO / "fixtures" / "crossyear").glob("*/*.docx")) + sorted((REPO / "fixtures" / "text").glob("corpus-*.html"))
    linted = [lint_file(str(p), LintOptions(keep_document=True)) for p in sources]
    linted = [r for r in linted if r.error is None and r.summary is not None]
    out = []
    agencies = max(1, n // 4)
    for i in range(n):
        base = linted[i % len(linted)]
        r = copy.copy(base)
        r.findings = list(base.findings)
        s = copy.copy(base.summary)
        a, k = i % agencies, i // agencies
        s.agency = s.agency_key = f"示例市第{a:03d}局"
        s.year = 2019 + k
        s.path = r.path = f"batch/agency-{a:03d}/{2019 + k}.docx"
        r.summary, r.year, r.previous, r.link = s, s.year, None, None
        out.append(r)
    return out


def timed(fn, runs: int) -> float:
    best = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best.append((time.perf_counter() - t0) * 1000)
    return min(best)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out")
    args = ap.parse_args(argv)

    from report_lint.batch.crossyear import cross_check
    from report_lint.report.dashboard import render_dashboard
    from report_lint.report.site import write_html_site
    from report_lint.report.xlsx import render_bytes

    t0 = time.perf_counter()
    batch = build_batch(args.reports)
    setup = (time.perf_counter() - t0) * 1000

    def link():
        fresh = [copy.copy(r) for r in batch]
        return cross_check(fresh)

    linking = link()
    for r in batch:  # the outputs show the links
        lk = linking.predecessor_of(r.path)
        if lk is not None:
            r.previous, r.link = lk.previous, lk.to_dict()
    figures = {"reports": len(batch), "links": len(linking.links)}
    figures["crossyear_ms"] = timed(link, args.runs)
    figures["dashboard_ms"] = timed(lambda: render_dashboard(batch, "zh"), args.runs)
    figures["xlsx_ms"] = timed(lambda: render_bytes(batch, "zh"), args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        figures["html_site_ms"] = timed(lambda: write_html_site(batch, Path(tmp) / "site", "zh"), max(1, args.runs - 1))
        size = sum(p.stat().st_size for p in (Path(tmp) / "site").iterdir())
    figures["dashboard_plus_xlsx_ms"] = figures["dashboard_ms"] + figures["xlsx_ms"]
    figures["site_bytes"] = size
    figures["setup_lint_ms"] = setup
    rows = [
        ("reports in the batch", figures["reports"], ""),
        ("cross-year links", figures["links"], ""),
        ("link + Y rules", round(figures["crossyear_ms"], 1), "ms"),
        ("dashboard (index.html)", round(figures["dashboard_ms"], 1), "ms"),
        ("xlsx workbook", round(figures["xlsx_ms"], 1), "ms"),
        ("dashboard + xlsx", round(figures["dashboard_plus_xlsx_ms"], 1), "ms"),
        ("whole HTML site (index + a page per report)", round(figures["html_site_ms"], 1), "ms"),
        ("site size", round(size / 1e6, 1), "MB"),
    ]
    w = max(len(r[0]) for r in rows)
    for name, value, unit in rows:
        print(f"{name:<{w}}  {value:>10} {unit}")
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps({"figures": figures, "python": sys.version.split()[0]}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
