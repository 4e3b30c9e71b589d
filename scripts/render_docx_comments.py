"""Render the first commented page of a .docx to PNG with its comments in the margin.

LibreOffice (soffice) turns the copy into a PDF with the comments as annotations,
pdftoppm renders the page, and the comments LibreOffice read back are drawn in a margin
next to the line they are anchored on. Usage:

    python scripts/render_docx_comments.py COPY.docx OUT.png
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path


def _notes(pdf_path):
    """(page index, [{'x0', 'top', 'contents'}]) of the first page with text annotations."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(str(pdf_path))
    for i in range(len(pdf)):
        page = pdf[i]
        height = page.get_height()
        notes = []
        for k in range(raw.FPDFPage_GetAnnotCount(page.raw)):
            a = raw.FPDFPage_GetAnnot(page.raw, k)
            if raw.FPDFAnnot_GetSubtype(a) != raw.FPDF_ANNOT_TEXT:
                continue
            n = raw.FPDFAnnot_GetStringValue(a, b"Contents", None, 0)
            buf = ctypes.create_string_buffer(n)
            raw.FPDFAnnot_GetStringValue(a, b"Contents", ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)), n)
            rect = raw.FS_RECTF()
            raw.FPDFAnnot_GetRect(a, rect)
            notes.append({"x0": rect.left, "top": height - rect.top, "contents": buf.raw.decode("utf-16-le").rstrip("\x00")})
        if notes:
            return i, notes
    return 0, []


def main(src: str, out: str) -> None:
    from PIL import Image, ImageDraw, ImageFont

    with tempfile.TemporaryDirectory() as td:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={Path(td, 'lo').as_uri()}",
                "--headless",
                "--convert-to",
                'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
                "--outdir",
                td,
                src,
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf_path = next(Path(td).glob("*.pdf"))
        page_no, notes = _notes(pdf_path)
        dpi = 110
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-png",
                "-f",
                str(page_no + 1),
                "-l",
                str(page_no + 1),
                "-singlefile",
                str(pdf_path),
                str(Path(td) / "page"),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        page_img = Image.open(Path(td) / "page.png").convert("RGB")
    scale = dpi / 72
    margin = 520
    img = Image.new("RGB", (page_img.width + margin, page_img.height), "white")
    img.paste(page_img, (0, 0))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 15)
    y_next = 10
    for a in sorted(notes, key=lambda a: a["top"]):
        text = a["contents"]
        x0, top = a["x0"] * scale, a["top"] * scale
        lines = []
        for para in text.split("\n"):
            line = ""
            for ch in para:
                if draw.textlength(line + ch, font=font) > margin - 40:
                    lines.append(line)
                    line = ""
                line += ch
            lines.append(line)
        y = max(y_next, top - 10)
        box_h = 20 * len(lines) + 10
        bx = page_img.width + 10
        draw.rectangle([bx, y, bx + margin - 20, y + box_h], fill=(255, 244, 204), outline=(220, 170, 0))
        for k, line in enumerate(lines):
            draw.text((bx + 8, y + 5 + 20 * k), line, fill="black", font=font)
        draw.line([(x0, top + 6), (bx, y + 10)], fill=(220, 170, 0), width=2)
        y_next = y + box_h + 8
    img.save(out)
    print(f"wrote {out} (page {page_no + 1}, {len(notes)} comments)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
