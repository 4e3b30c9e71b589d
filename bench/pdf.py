#!/usr/bin/env python3
"""PDF figures: what reading a published PDF costs, against two floors in the same run.

    python bench/pdf.py                 # 5 runs, 50-PDF batch; about a minute on 2 cores
    python bench/pdf.py --quick         # 1 run, 10-PDF batch (checks it still works)
    python bench/pdf.py --out bench/results/pdf.json

Per page, in one warm process, CPU time (``time.process_time``), median over runs:

* ``pdf_read_ms_per_page``: report-lint's reader (``read_document``) on the PDF;
* ``pdf_lint_ms_per_page``: the whole lint (reading, outline, profile, rules);
* ``plumber_floor_ms_per_page``: pdfplumber's own ``extract_text()`` + ``extract_tables()``
  on every page: the obvious way to get the text and the tables of a PDF in Python;
* ``pdfium_floor_ms_per_page``: PDFium's text extraction alone (``get_textpage`` +
  ``get_text_range``): the least any reader of the text layer pays.

``read_ratio_plumber`` = read / pdfplumber floor: budget **≤ 1.0** (reading must not
cost more than the obvious way). ``read_ratio_pdfium`` = read / PDFium floor: the
figure to push down (no budget). Batch throughput: ``report-lint -j 1`` and ``-j 2``
over 50 PDFs (the fixture PDFs, cycled), wall time, PDFs per second.

Inputs: fixtures/pdf/huaian-2024.pdf (a real published report, 6 pages) and
fixtures/pdf/filled-2021-clean.pdf (the filled official template, 3 pages, every page
a table).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "fixtures" / "pdf"
INPUTS = ["huaian-2024.pdf", "filled-2021-clean.pdf"]
BUDGETS = {"read_ratio_plumber": ("<=", 1.0, "reading a PDF costs no more than pdfplumber's extract_text + extract_tables")}


def _cpu(fn, runs: int) -> float:
    ts = []
    for _ in range(runs):
        gc.collect()
        t = time.process_time()
        fn()
        ts.append(time.process_time() - t)
    return statistics.median(ts)


def per_page(path: Path, runs: int) -> dict:
    import pdfplumber
    import pypdfium2 as pdfium

    from report_lint.lint import LintOptions, lint_file
    from report_lint.read.dispatch import read_document

    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)

    def plumber():
        with pdfplumber.open(path) as pdf:
            for p in pdf.pages:
                p.extract_text()
                p.extract_tables()

    def pdfium_text():
        doc = pdfium.PdfDocument(str(path))
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
        doc.close()

    opts = LintOptions()
    # one untimed round: imports, compiled patterns, profiles
    read_document(path)
    lint_file(str(path), opts)
    plumber()
    pdfium_text()
    read = _cpu(lambda: read_document(path), runs)
    lint = _cpu(lambda: lint_file(str(path), opts), runs)
    floor_p = _cpu(plumber, runs)
    floor_f = _cpu(pdfium_text, runs)
    ms = 1000.0 / pages
    return {
        "pages": pages,
        "pdf_read_ms_per_page": round(read * ms, 2),
        "pdf_lint_ms_per_page": round(lint * ms, 2),
        "plumber_floor_ms_per_page": round(floor_p * ms, 2),
        "pdfium_floor_ms_per_page": round(floor_f * ms, 2),
        "read_ratio_plumber": round(read / floor_p, 3),
        "lint_ratio_plumber": round(lint / floor_p, 3),
        "read_ratio_pdfium": round(read / floor_f, 2),
    }


def batch(n: int, runs: int) -> dict:
    sources = sorted(p for p in PDFS.glob("*.pdf") if p.name != "scanned.pdf")
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    out = {}
    with tempfile.TemporaryDirectory(prefix="rl-pdf-batch-") as tmp:
        d = Path(tmp) / "batch"
        d.mkdir()
        for i in range(n):
            src = sources[i % len(sources)]
            shutil.copyfile(src, d / f"{i:03d}-{src.name}")
        for j in (1, 2):
            cmd = [sys.executable, "-m", "report_lint", "-j", str(j), "--format", "json", "-o", os.devnull, str(d)]
            subprocess.run(cmd, check=False, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm the page cache
            ts = []
            for _ in range(runs):
                t = time.perf_counter()
                rc = subprocess.run(cmd, check=False, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
                ts.append(time.perf_counter() - t)
                if rc not in (0, 1):
                    raise SystemExit(f"batch run failed (exit {rc}): {' '.join(cmd)}")
            out[f"batch_j{j}_s"] = round(statistics.median(ts), 3)
            out[f"batch_j{j}_pdfs_per_s"] = round(n / statistics.median(ts), 2)
    out["batch_speedup"] = round(out["batch_j2_pdfs_per_s"] / out["batch_j1_pdfs_per_s"], 2)
    out["batch_pdfs"] = n
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "pdf.json"))
    a = ap.parse_args(argv)
    runs = 1 if a.quick else a.runs
    n = 10 if a.quick else a.batch
    sys.path.insert(0, str(ROOT / "src"))
    figures: dict = {"inputs": {}}
    for name in INPUTS:
        figures["inputs"][name] = per_page(PDFS / name, runs)
    figures.update(batch(n, runs if not a.quick else 1))
    met = {}
    for name, f in figures["inputs"].items():
        limit = BUDGETS["read_ratio_plumber"][1]
        met[name] = f["read_ratio_plumber"] <= limit
    figures["budget"] = {"read_ratio_plumber": "<= 1.0", "met": met}
    figures["machine"] = {"cpu_count": os.cpu_count(), "python": sys.version.split()[0]}
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    rows = [
        ("input", "pages", "read ms/p", "lint ms/p", "pdfplumber floor ms/p", "PDFium floor ms/p", "read/plumber (≤1.0)", "read/PDFium")
    ]
    for name, f in figures["inputs"].items():
        rows.append(
            (
                name,
                str(f["pages"]),
                str(f["pdf_read_ms_per_page"]),
                str(f["pdf_lint_ms_per_page"]),
                str(f["plumber_floor_ms_per_page"]),
                str(f["pdfium_floor_ms_per_page"]),
                f"{f['read_ratio_plumber']} {'met' if met[name] else 'NOT MET'}",
                str(f["read_ratio_pdfium"]),
            )
        )
    w = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w[i]) for i, c in enumerate(r)))
    print(
        f"batch of {figures['batch_pdfs']} PDFs: -j 1 {figures['batch_j1_pdfs_per_s']} PDF/s ({figures['batch_j1_s']} s), "
        f"-j 2 {figures['batch_j2_pdfs_per_s']} PDF/s ({figures['batch_j2_s']} s), speedup {figures['batch_speedup']}"
    )
    print("written", a.out)
    return 0 if all(met.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
