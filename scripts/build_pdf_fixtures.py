#!/usr/bin/env python3
"""Build the PDF fixtures (fixtures/pdf/) from the Word fixtures with LibreOffice.

Run from the repository root:  python scripts/build_pdf_fixtures.py

Needs `soffice` (LibreOffice) and `pdftoppm` (poppler-utils) on PATH; the PDFs are
committed, so CI and the tests need neither. What it writes:

* `filled-2021-<kind>.pdf`: each filled official 2021 template (fixtures/gov/*.docx:
  clean and one per injected defect) exported by LibreOffice ("soffice --headless
  --convert-to pdf"): real ruling lines, merged cells, tables broken over pages.
* `seed-<layout>.pdf`: the seed report's Word layouts (fixtures/seed/*.docx) except
  seed-tracked.docx (LibreOffice prints unaccepted revisions as markup).
* `report-2019.pdf`: fixtures/gov/report-2019.txt turned into a .docx (each run of
  TAB-separated lines a bordered Word table, every other line a paragraph), exported.
* `report-2019-spaces.pdf`: the same report with every table row written as one
  8-point line whose cells are set apart by spaces: a table drawn with spaces, no ruling
  lines at all (what a plain-text export or a typewriter-style report looks like).
* `scanned.pdf`: the first two pages of filled-2021-clean.pdf rendered to grey images
  (pdftoppm) and wrapped, image only, in a PDF (Pillow, already installed as a
  dependency of pdfplumber): a scan without a text layer.
* `huaian-2024.pdf`: copied from ../shared/corpus/pdf/ (a real published report).

LibreOffice stamps a creation date and a document ID into each PDF, so a rebuild
changes bytes even when nothing else changed; the text, tables and layout are the same.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_fixtures import add_table, new_document, save_deterministic
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
GOV = ROOT / "fixtures" / "gov"
SEED = ROOT / "fixtures" / "seed"
OUT = ROOT / "fixtures" / "pdf"
HUAIAN = ROOT.parent / "shared" / "corpus" / "pdf" / "huaian-2024.pdf"
if not HUAIAN.exists():  # a worktree beside the main checkout
    HUAIAN = Path("/work/shared/corpus/pdf/huaian-2024.pdf")


def soffice_pdf(sources: list[Path], outdir: Path) -> None:
    """Export .docx files to PDF in one LibreOffice run (its own throwaway profile)."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, sources),
        ]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    for s in sources:
        if not (outdir / (s.stem + ".pdf")).exists():
            raise SystemExit(f"LibreOffice did not export {s}")


def text_blocks(text: str) -> list[tuple[str, object]]:
    """Lines → ("p", line) paragraphs and ("t", rows) runs of TAB-separated lines."""
    out: list[tuple[str, object]] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            out.append(("t", rows))
            continue
        if lines[i].strip():
            out.append(("p", lines[i]))
        i += 1
    return out


def text_to_docx(text: str, path: Path, tables_as_spaces: bool = False) -> None:
    blocks = text_blocks(text)
    title = next(b for k, b in blocks if k == "p")
    d = new_document(str(title))
    for kind, block in blocks:
        if kind == "p":
            d.add_paragraph(block)
        elif not tables_as_spaces:
            add_table(d, block)
        else:
            # one line per row, cells apart by spaces, small enough not to wrap
            for r in block:
                p = d.add_paragraph("      ".join(c for c in r if c.strip()))
                p.paragraph_format.space_after = 0
                for run in p.runs:
                    run.font.size = Pt(8)
    save_deterministic(d, path)


def scanned_pdf(source_pdf: Path, dest: Path, pages: int = 2, dpi: int = 60) -> None:
    """Render pages to PNG with pdftoppm and wrap the images (no text) in a PDF."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="scan-") as tmp:
        prefix = Path(tmp) / "page"
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", "1", "-l", str(pages), str(source_pdf), str(prefix)],
            check=True,
            timeout=120,
        )
        images = [Image.open(p).convert("L") for p in sorted(Path(tmp).glob("page*.png"))]
        if not images:
            raise SystemExit("pdftoppm rendered nothing")
        buf = io.BytesIO()
        images[0].save(buf, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    dest.write_bytes(buf.getvalue())


def main() -> int:
    if not shutil.which("soffice"):
        raise SystemExit("soffice (LibreOffice) is needed to build the PDF fixtures")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pdf-fixtures-") as tmp:
        work = Path(tmp)
        # seed-tracked.docx is left out: LibreOffice prints unaccepted revisions as
        # markup (the deleted "（征求意见稿）" stays in the PDF's text), and a published
        # PDF has them accepted, which is seed-typed.pdf.
        layouts = [p for p in sorted(SEED.glob("*.docx")) if p.stem != "seed-tracked"]
        sources = sorted(GOV.glob("filled-2021-*.docx")) + layouts
        report = (GOV / "report-2019.txt").read_text(encoding="utf-8")
        text_to_docx(report, work / "report-2019.docx")
        text_to_docx(report, work / "report-2019-spaces.docx", tables_as_spaces=True)
        sources += [work / "report-2019.docx", work / "report-2019-spaces.docx"]
        soffice_pdf(sources, work)
        for s in sources:
            shutil.copyfile(work / (s.stem + ".pdf"), OUT / (s.stem + ".pdf"))
            print("built", (OUT / (s.stem + ".pdf")).relative_to(ROOT))
    scanned_pdf(OUT / "filled-2021-clean.pdf", OUT / "scanned.pdf")
    print("built", (OUT / "scanned.pdf").relative_to(ROOT))
    shutil.copyfile(HUAIAN, OUT / "huaian-2024.pdf")
    print("copied", HUAIAN, "->", (OUT / "huaian-2024.pdf").relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
