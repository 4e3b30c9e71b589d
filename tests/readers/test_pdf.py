"""PDF reader (report_lint.read.pdf): published reports read like their Word originals.

The PDFs in fixtures/pdf/ are LibreOffice exports of the Word fixtures (see
scripts/build_pdf_fixtures.py) plus one real published report (huaian-2024.pdf).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from report_lint.lint import LintOptions, lint_file
from report_lint.model.document import Paragraph, Table
from report_lint.read.dispatch import read_document
from report_lint.read.errors import Limits, ReadError
from report_lint.read.pdf import _PAGE_NO

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "fixtures" / "pdf"
GOV = ROOT / "fixtures" / "gov"
SEED = ROOT / "fixtures" / "seed"
KINDS = ["clean", "sum", "narrative", "placeholder", "blank"]
LAYOUTS = ["typed", "headings", "numbered", "split"]


def place(f) -> tuple:
    """A finding up to the form of its location: a .docx says block 11, row 11; a PDF
    says page 2, line 2. Both name the section and the row/column labels."""
    loc = f.location
    return (f.code, f.severity, loc.section, loc.row_label, loc.col_label)


def findings(path: Path) -> list[tuple]:
    r = lint_file(str(path), LintOptions())
    assert r.error is None, (path, r.error)
    return sorted(map(place, r.findings), key=repr)


@pytest.mark.parametrize("kind", KINDS)
def test_filled_template_pdf_gives_the_docx_findings(kind):
    assert findings(PDF / f"filled-2021-{kind}.pdf") == findings(GOV / f"filled-2021-{kind}.docx")


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "clean"])
def test_injected_defect_is_caught_in_pdf_form(kind):
    """The .json beside each .docx names the defect; its finding points at the cell or
    paragraph the defect is in, in the PDF as in the .docx."""
    detail = json.loads((GOV / f"filled-2021-{kind}.json").read_text(encoding="utf-8"))["detail"]
    got = lint_file(str(PDF / f"filled-2021-{kind}.pdf"), LintOptions()).findings
    assert got, kind
    assert all(f.location.page is not None and f.location.line is not None for f in got)
    value = detail.get("written", detail.get("stated", detail.get("placeholder")))
    if value is None:  # a blank cell: the finding is on a table cell
        assert any(f.location.table is not None and f.location.row is not None for f in got)
    else:  # the finding quotes the defective figure or text
        assert any(str(value) in f.excerpt + f.text("zh") for f in got), (value, [f.text("zh") for f in got])


def test_consistent_pdf_has_no_error_level_finding():
    r = lint_file(str(PDF / "filled-2021-clean.pdf"), LintOptions())
    assert r.error is None
    assert [f for f in r.findings if f.severity == "error"] == []


@pytest.mark.parametrize("layout", LAYOUTS)
def test_seed_layout_pdf_gives_the_docx_findings(layout):
    assert findings(PDF / f"seed-{layout}.pdf") == findings(SEED / f"seed-{layout}.docx")


def test_2019_report_pdf_gives_the_text_findings():
    assert findings(PDF / "report-2019.pdf") == findings(GOV / "report-2019.txt")


# -- huaian-2024.pdf: a real published report


@pytest.fixture(scope="module")
def huaian():
    return read_document(PDF / "huaian-2024.pdf")


def test_real_report_has_no_error_level_finding():
    r = lint_file(str(PDF / "huaian-2024.pdf"), LintOptions())
    assert r.error is None
    assert [f for f in r.findings if f.severity == "error"] == []
    assert r.year == 2024 and r.profile == "gov-2021"


def test_two_line_title_is_one_paragraph(huaian):
    first = next(huaian.paragraphs())
    assert first.text == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert first.page == 1


def test_headings_start_their_own_paragraphs(huaian):
    texts = [p.text for p in huaian.paragraphs()]
    for h in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ):
        assert h in texts
    assert any(t.startswith("（二）依申请公开情况。定期对政府信息公开申请集中的领域和热点问题") for t in texts)


def test_paragraph_continues_over_a_page_break(huaian):
    texts = [p.text for p in huaian.paragraphs()]
    # "…共计95" ends page 2, "个，在省办2024年…" starts page 3
    assert any("政务新媒体共计95个，在省办2024年四个季度" in t for t in texts)
    assert not any(t.startswith("个，") for t in texts)


def test_no_space_between_cjk_and_digits(huaian):
    text = "".join(p.text for p in huaian.paragraphs())
    assert "全市共受理政府信息公开申请3119件" in text
    assert not re.search(r"[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]", text)


def test_page_numbers_are_removed(huaian):
    assert not [p.text for p in huaian.paragraphs() if _PAGE_NO.match(p.text)]
    assert not any(re.search(r"-\s*\d\s*-", p.text) for p in huaian.paragraphs())


def test_tables_joined_across_pages(huaian):
    tables = list(huaian.tables())
    assert [(t.n_rows, t.n_cols) for t in tables] == [(14, 4), (28, 10), (4, 15)]
    active, requests, _ = tables
    # section 二's table runs over pages 3-4; the continuation merges the value columns
    assert active.row_texts(13)[:2] == ["行政事业性收费", "96171.6"]
    # a merged label cell cut by the page break keeps its whole text
    assert requests.row_texts(16)[1] == "（四）无法提供"
    assert requests.row_texts(27)[-1] == "103"


def test_merged_cells_have_spans(huaian):
    requests = list(huaian.tables())[1]
    top = requests.cell_at(0, 0)
    assert top.text.startswith("（本列数据的勾稽关系为") and top.rowspan == 3 and top.colspan == 3
    assert requests.cell_at(5, 0).text == "三、本年度办理结果" and requests.cell_at(5, 0).rowspan == 22


def test_cell_text_is_not_also_a_paragraph(huaian):
    texts = "\n".join(p.text for p in huaian.paragraphs())
    for label in ("本年新收政府信息公开申请数量", "属于国家秘密", "行政事业性收费", "未经复议直接起诉"):
        assert label not in texts


def test_every_block_has_page_and_line(huaian):
    for b in huaian.blocks:
        assert b.page and b.line, b
    pages = [b.page for b in huaian.blocks]
    assert pages == sorted(pages) and pages[-1] == 6


# -- forms that cannot be read, or only partly


def test_scanned_pdf_gets_its_message():
    with pytest.raises(ReadError) as e:
        read_document(PDF / "scanned.pdf")
    assert e.value.code == "pdf-scanned"
    assert e.value.zh == "这是扫描件（图片），无法读取文字；请提供 Word 原稿或可复制文字的 PDF"


def test_table_drawn_with_spaces_is_read_as_text():
    doc = read_document(PDF / "report-2019-spaces.pdf")
    assert list(doc.tables()) == []
    rows = [p.text for p in doc.paragraphs() if p.text.startswith("行政许可")]
    assert rows and re.search(r"行政许可\s{2,}120\s{2,}-3\s{2,}845", rows[0])
    assert lint_file(str(PDF / "report-2019-spaces.pdf"), LintOptions()).error is None


def test_page_cap_is_a_limit(tmp_path):
    with pytest.raises(ReadError) as e:
        read_document(PDF / "huaian-2024.pdf", Limits(max_pdf_pages=5))
    assert e.value.code == "pdf-too-many-pages" and "6" in e.value.zh


def test_page_furniture_pattern():
    for s in ("— 3 —", "- 3 -", "-3-", "第3页 共6页", "第 3 页", "3", "3/6", "Page 3 of 6"):
        assert _PAGE_NO.match(s), s
    for s in ("3件", "一、总体情况", "2024年"):
        assert not _PAGE_NO.match(s), s


def test_blocks_are_model_blocks(huaian):
    assert all(isinstance(b, (Paragraph, Table)) for b in huaian.blocks)
    assert huaian.format == "pdf"


def test_rows_know_their_page_and_line(huaian):
    requests = list(huaian.tables())[1]
    assert len(requests.row_places) == requests.n_rows
    assert requests.row_places[0] == (requests.page, requests.line)
    # the table starts on page 4; "2.没有现成信息需要另行制作" is on page 5
    assert requests.row_places[15][0] == 4 and requests.row_places[16][0] == 5
    lines = [line for page, line in requests.row_places if page == 5]
    assert lines == sorted(lines) and lines[0] >= 1


def test_cell_finding_points_at_its_row():
    r = lint_file(str(PDF / "filled-2021-sum.pdf"), LintOptions())
    (f,) = r.findings
    doc = read_document(PDF / "filled-2021-sum.pdf")
    table = doc.blocks[f.location.table]
    assert (f.location.page, f.location.line) == table.row_places[f.location.row]
    assert f.location.line > table.line


def _ruled_pdf(*pages: bytes) -> bytes:
    """A PDF with one page per content stream (Helvetica as /F1)."""
    n = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, content in enumerate(pages):
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objs.append(b"<< /Length %d >>stream\n" % len(content) + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_table_whose_rules_are_one_path(tmp_path):
    """All the borders of a 2 × 2 table stroked as one path (many subpaths)."""
    rules = b"0.5 w 72 700 m 300 700 l 72 680 m 300 680 l 72 660 m 300 660 l 72 700 m 72 660 l 186 700 m 186 660 l 300 700 m 300 660 l S\n"
    text = b"".join(
        b"BT /F1 10 Tf %d %d Td (%s) Tj ET\n" % (x, y, s)
        for x, y, s in ((80, 686, b"Item"), (194, 686, b"Count"), (80, 666, b"Requests"), (194, 666, b"12"))
    )
    p = tmp_path / "one-path.pdf"
    p.write_bytes(_ruled_pdf(rules + text + b"BT /F1 10 Tf 72 760 Td (Title line) Tj ET\n"))
    doc = read_document(p)
    (table,) = list(doc.tables())
    assert (table.n_rows, table.n_cols) == (2, 2)
    assert table.row_texts(0) == ["Item", "Count"] and table.row_texts(1) == ["Requests", "12"]
    assert [x.text for x in doc.paragraphs()] == ["Title line"]


def test_text_without_a_character_map_is_refused():
    from report_lint.read.pdf import garbled

    assert garbled(list("\ue001\ue002\ue003示例"))
    assert garbled(list("\ufffd\ufffd年报"))
    assert not garbled(list("淮安市人民政府2024年政府信息公开工作年度报告"))
    assert not garbled([])


def _cells(texts) -> bytes:
    return b"".join(b"BT /F1 10 Tf %d %d Td (%s) Tj ET\n" % (x, y, t) for x, y, t in texts)


def test_header_alone_at_the_bottom_of_a_page_joins_the_next_page(tmp_path):
    """Page 1 ends with the table's two header rows (the first spans both value
    columns); page 2 holds the body rows on a finer column grid."""
    head = b"0.5 w 72 120 m 400 120 l 72 100 m 400 100 l 72 80 m 400 80 l 72 120 m 72 80 l 200 120 m 200 80 l 400 120 m 400 80 l "
    head += b"300 100 m 300 80 l S\n"
    page1 = b"BT /F1 12 Tf 72 760 Td (1. Requests) Tj ET\n" + head
    page1 += _cells(((80, 106, b"Kind"), (210, 106, b"Applicants"), (80, 86, b""), (210, 86, b"People"), (310, 86, b"Firms")))
    body = b"0.5 w 72 780 m 400 780 l 72 760 m 400 760 l 72 740 m 400 740 l 72 780 m 72 740 l 200 780 m 200 740 l 300 780 m 300 740 l "
    body += b"400 780 m 400 740 l S\n"
    page2 = body + _cells(
        ((80, 766, b"New"), (210, 766, b"5"), (310, 766, b"1"), (80, 746, b"Carried"), (210, 746, b"2"), (310, 746, b"0"))
    )
    page2 += b"BT /F1 12 Tf 72 700 Td (2. Appeals) Tj ET\n"
    p = tmp_path / "header-alone.pdf"
    p.write_bytes(_ruled_pdf(page1, page2))
    doc = read_document(p)
    (table,) = list(doc.tables())
    assert (table.n_rows, table.n_cols) == (4, 3)
    assert table.row_texts(0) == ["Kind", "Applicants", "Applicants"]
    assert table.row_texts(2) == ["New", "5", "1"] and table.row_texts(3) == ["Carried", "2", "0"]
    assert table.cell_at(0, 1).colspan == 2
    assert [x.text for x in doc.paragraphs()] == ["1. Requests", "2. Appeals"]
    assert [pg for pg, _ in table.row_places] == [1, 1, 2, 2]


def test_page_cap_from_the_command_line_and_a_folder_of_pdfs(tmp_path):
    """--max-pages reaches the reader; a folder is searched for .pdf files."""
    import os
    import shutil
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    run = subprocess.run(
        [sys.executable, "-m", "report_lint", str(PDF / "huaian-2024.pdf"), "--max-pages", "3", "--format", "json"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 2
    assert json.loads(run.stdout)["files"][0]["error"]["code"] == "pdf-too-many-pages"
    shutil.copyfile(PDF / "filled-2021-sum.pdf", tmp_path / "a.pdf")
    run = subprocess.run(
        [sys.executable, "-m", "report_lint", str(tmp_path), "--format", "json"], capture_output=True, env=env, timeout=120
    )
    files = json.loads(run.stdout)["files"]
    assert run.returncode == 1 and [f["path"].endswith("a.pdf") for f in files] == [True]
    assert files[0]["findings"][0]["location"]["page"] == 2
