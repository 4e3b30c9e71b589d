"""The .docx reader: seed layouts, list numbering, merged cells, revisions, text boxes,
content controls, nested tables and hostile packages (built in memory, no blobs)."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest

from report_lint.read.errors import Limits, ReadError

from report_lint.read.dispatch import read_document
from report_lint.read.docx import read_docx
from report_lint.read.numbering import Numberer, NumberingDefinitions, chinese_counting, format_number, join_label
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = ROOT / "fixtures" / "seed"
SEED_TXT = SEED_DIR / "seed.txt"
TEMPLATE = ROOT / "fixtures" / "templates" / "template-2021.docx"
LAYOUTS = ["seed-typed.docx", "seed-headings.docx", "seed-numbered.docx", "seed-tracked.docx", "seed-split.docx"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PKG_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    "</Relationships>"
)


def document_xml(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>'


def make_docx(body: str = "", styles: str = "", numbering: str = "", parts: dict | None = None, document: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", PKG_RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", document if document is not None else document_xml(body))
        if styles:
            z.writestr("word/styles.xml", f"<w:styles {NS}>{styles}</w:styles>")
        if numbering:
            z.writestr("word/numbering.xml", f"<w:numbering {NS}>{numbering}</w:numbering>")
        for name, content in (parts or {}).items():
            z.writestr(name, content)
    return buf.getvalue()


def read(data: bytes, limits: Limits | None = None):
    return read_docx("t.docx", data, limits or Limits())


def p(text: str = "", ppr: str = "") -> str:
    runs = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{runs}</w:p>"


def tc(text: str = "", tcpr: str = "", inner: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{tcpr}</w:tcPr>' if tcpr else ''}{p(text) if text or not inner else ''}{inner}</w:tc>"


def tbl(rows: list[str], grid: int = 0, trpr: dict | None = None) -> str:
    g = "<w:tblGrid>" + "<w:gridCol/>" * grid + "</w:tblGrid>" if grid else ""
    trpr = trpr or {}
    out = []
    for i, r in enumerate(rows):
        pr = f"<w:trPr>{trpr[i]}</w:trPr>" if i in trpr else ""
        out.append(f"<w:tr>{pr}{r}</w:tr>")
    return f"<w:tbl>{g}{''.join(out)}</w:tbl>"


def texts(doc) -> list[str]:
    return [b.text for b in doc.paragraphs()]


# --------------------------------------------------------------------------- seed layouts


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _seed_expectations():
    lines = SEED_TXT.read_text(encoding="utf-8").split("\n")
    paragraphs = [_norm(line) for line in lines if line.strip() and "\t" not in line]
    rows = [line.split("\t") for line in lines if "\t" in line]
    start = next(i for i, r in enumerate(rows) if r[0] == "统计指标")
    header = rows[start]
    stats = [header] + [r for r in rows[start + 1 :] if r != header]
    return paragraphs, stats


def _stats_rows(doc) -> list[list[str]]:
    """The statistics table's rows, whether one Word table or one per page (header repeated)."""
    out: list[list[str]] = []
    for t in doc.tables():
        rows = [t.row_texts(r) for r in range(t.n_rows)]
        if not rows or rows[0][0] != "统计指标":
            continue
        out.extend(rows if not out else [r for r in rows if r != out[0]])
    return out


@pytest.mark.parametrize("name", LAYOUTS)
def test_layout_reads_back_to_the_seed(name):
    want_paras, want_stats = _seed_expectations()
    doc = read_document(SEED_DIR / name)
    assert doc.format == "docx"
    assert [_norm(t) for t in texts(doc)] == want_paras
    assert _stats_rows(doc) == want_stats


@pytest.mark.parametrize("name", LAYOUTS)
def test_layout_paragraph_text_is_exactly_the_seed_line(name):
    lines = [line for line in SEED_TXT.read_text(encoding="utf-8").split("\n") if line.strip() and "\t" not in line]
    assert texts(read_document(SEED_DIR / name)) == lines


def test_seed_typed_has_one_statistics_table_and_the_small_service_table():
    doc = read_document(SEED_DIR / "seed-typed.docx")
    shapes = [(t.n_rows, t.n_cols) for t in doc.tables()]
    assert shapes == [(7, 2), (66, 3)]
    assert doc.properties["created"].startswith("2019-01-17")
    assert doc.properties["modified"].startswith("2019-01-17")
    assert doc.notices == []


def test_seed_split_keeps_each_page_as_its_own_table():
    doc = read_document(SEED_DIR / "seed-split.docx")
    stats = [t for t in doc.tables() if t.cell_at(0, 0).text == "统计指标"]
    assert len(stats) == 5
    assert all(t.row_texts(0) == ["统计指标", "单位", "统计数"] for t in stats)


def test_seed_numbered_labels_come_from_word_numbering():
    doc = read_document(SEED_DIR / "seed-numbered.docx")
    labelled = [(b.number_label, b.outline_level) for b in doc.paragraphs() if b.number_label]
    level1 = [lab for lab, lvl in labelled if lvl == 0]
    assert level1 == [f"{format_number(i, 'chineseCounting')}、" for i in range(1, 12)]
    assert [lab for lab, lvl in labelled if lvl == 1] == ["(一)", "(二)", "（三）"]
    raw = zipfile.ZipFile(SEED_DIR / "seed-numbered.docx").read("word/document.xml").decode("utf-8")
    # The numbers are not typed: the heading text starts right after <w:t>.
    assert "<w:t>总体公开工作情况概述</w:t>" in raw and "一、总体公开工作情况概述" not in raw
    assert "十一、" not in raw


def test_seed_headings_outline_levels():
    doc = read_document(SEED_DIR / "seed-headings.docx")
    levels = [(b.style, b.outline_level) for b in doc.paragraphs() if b.outline_level is not None]
    assert levels.count(("Heading 1", 0)) == 11
    assert levels.count(("Heading 2", 1)) == 3


def test_seed_tracked_notice():
    doc = read_document(SEED_DIR / "seed-tracked.docx")
    [n] = doc.notices
    assert n.kind == "tracked-changes"
    assert n.count == 7  # del + ins + moveFrom + moveTo + deleted paragraph mark + cell del/ins
    assert n.block == 0  # the title carries the first change


# --------------------------------------------------------------------------- numbering formats


CN_1_30 = (
    "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 "
    "二十一 二十二 二十三 二十四 二十五 二十六 二十七 二十八 二十九 三十"
).split()


def test_chinese_counting_1_to_30():
    assert [format_number(i, "chineseCounting") for i in range(1, 31)] == CN_1_30


@pytest.mark.parametrize(
    "n, want",
    [
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (2345, "二千三百四十五"),
        (9999, "九千九百九十九"),
    ],
)
def test_chinese_counting_thousand(n, want):
    assert format_number(n, "chineseCountingThousand") == want
    assert chinese_counting(n) == want


@pytest.mark.parametrize(
    "fmt, values, want",
    [
        ("ideographTraditional", [1, 2, 3, 10, 11], ["甲", "乙", "丙", "癸", "甲"]),
        ("decimalEnclosedParen", [1, 2, 20, 21], ["⑴", "⑵", "⒇", "(21)"]),
        ("decimalEnclosedCircle", [1, 10, 20], ["①", "⑩", "⑳"]),
        ("decimalEnclosedCircleChinese", [3], ["③"]),
        ("upperLetter", [1, 26, 27, 28], ["A", "Z", "AA", "BB"]),
        ("lowerLetter", [3], ["c"]),
        ("upperRoman", [4, 9, 14, 2019], ["IV", "IX", "XIV", "MMXIX"]),
        ("lowerRoman", [3], ["iii"]),
        ("japaneseCounting", [1, 10, 11, 100, 120], ["一", "十", "十一", "百", "百二十"]),
        ("taiwaneseCounting", [11, 20], ["十一", "二十"]),
        ("decimal", [7], ["7"]),
        ("decimalZero", [7], ["07"]),
        ("decimalFullWidth", [12], ["１２"]),
        ("chineseLegalSimplified", [1, 10, 12], ["壹", "壹拾", "壹拾贰"]),
        ("someFutureFormat", [5], ["5"]),
    ],
)
def test_number_formats(fmt, values, want):
    assert [format_number(v, fmt) for v in values] == want


def _defs(xml: str) -> NumberingDefinitions:
    return NumberingDefinitions(etree.fromstring(f"<w:numbering {NS}>{xml}</w:numbering>"))


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}<w:lvlText w:val="{text}"/></w:lvl>'


ABSTRACT_CN = (
    '<w:abstractNum w:abstractNumId="1">'
    + lvl(0, "chineseCounting", "%1、", extra='<w:suff w:val="nothing"/>')
    + lvl(1, "chineseCounting", "（%2）", extra='<w:suff w:val="nothing"/>')
    + lvl(2, "decimal", "%3.")
    + "</w:abstractNum>"
)


def test_numberer_restarts_deeper_levels():
    n = Numberer(_defs(ABSTRACT_CN + '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>'))
    seq = [(0,), (1,), (1,), (2,), (0,), (1,), (2,), (2,)]
    got = [n.label("5", s[0])[0] for s in seq]
    assert got == ["一、", "（一）", "（二）", "1.", "二、", "（一）", "1.", "2."]


def test_numberer_lvl_restart_zero_never_restarts():
    xml = (
        '<w:abstractNum w:abstractNumId="1">'
        + lvl(0, "decimal", "%1.")
        + lvl(1, "decimal", "%2)", extra='<w:lvlRestart w:val="0"/>')
        + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )
    n = Numberer(_defs(xml))
    assert [n.label("1", k)[0] for k in (0, 1, 1, 0, 1)] == ["1.", "1)", "2)", "2.", "3)"]


def test_numberer_start_and_start_override_and_shared_list():
    xml = (
        '<w:abstractNum w:abstractNumId="1">' + lvl(0, "chineseCounting", "%1、", start=3) + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>'
    )
    n = Numberer(_defs(xml))
    got = [n.label(nid, 0)[0] for nid in ("1", "1", "2", "3", "3", "1")]
    # w:start=3; a second num of the same list continues it; a startOverride restarts it once.
    assert got == ["三、", "四、", "五、", "七、", "八、", "九、"]


def test_numberer_multilevel_text_legal_and_level_override():
    xml = (
        '<w:abstractNum w:abstractNumId="1">'
        + lvl(0, "chineseCounting", "第%1章")
        + lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>")
        + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="1">'
        + lvl(1, "decimalEnclosedCircle", "%2")
        + "</w:lvlOverride></w:num>"
    )
    n = Numberer(_defs(xml))
    assert n.label("1", 0)[0] == "第一章"
    assert n.label("1", 1)[0] == "1.1"
    assert n.label("1", 1)[0] == "1.2"
    assert n.label("2", 1)[0] == "③"


def test_numberer_no_number_for_bullets_unknown_and_num_zero():
    xml = (
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>'
        "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )
    n = Numberer(_defs(xml))
    assert n.label("1", 0) is None
    assert n.label("0", 0) is None
    assert n.label("99", 0) is None
    assert n.label(None) is None


@pytest.mark.parametrize(
    "label, suffix, want",
    [
        ("一、", "tab", "一、总体情况"),
        ("（一）", "tab", "（一）总体情况"),
        ("1.", "tab", "1. 总体情况"),
        ("(一)", "space", "(一) 总体情况"),
        ("1.", "nothing", "1.总体情况"),
    ],
)
def test_join_label(label, suffix, want):
    assert join_label(label, suffix, "总体情况") == want


STYLES_WITH_LIST = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListBase"><w:name w:val="List Base"/><w:basedOn w:val="Heading1"/>'
    '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="报告一级标题"/><w:basedOn w:val="ListBase"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="标题 2"/><w:basedOn w:val="Normal"/></w:style>'
)
NUMBERING_7 = ABSTRACT_CN.replace('w:ilvl="0">', 'w:ilvl="0"><w:pStyle w:val="H1"/>', 1) + (
    '<w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num>'
)


def test_numbering_inherited_through_style_chain_and_on_paragraph():
    body = (
        p("总体情况", '<w:pStyle w:val="H1"/>')
        + p("主动公开", '<w:pStyle w:val="H2"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="7"/></w:numPr>')
        + p("正文")
        + p("依申请公开", '<w:pStyle w:val="H1"/>')
        + p("不编号的标题", '<w:pStyle w:val="H1"/><w:numPr><w:numId w:val="0"/></w:numPr>')
        + p("存在问题", '<w:pStyle w:val="H1"/>')
    )
    doc = read(make_docx(body, styles=STYLES_WITH_LIST, numbering=NUMBERING_7))
    assert texts(doc) == ["一、总体情况", "（一）主动公开", "正文", "二、依申请公开", "不编号的标题", "三、存在问题"]
    paras = list(doc.paragraphs())
    assert [x.number_label for x in paras] == ["一、", "（一）", None, "二、", None, "三、"]
    assert paras[0].style == "报告一级标题" and paras[0].outline_level == 0  # via basedOn → Heading1
    assert paras[1].outline_level == 1  # "标题 2" by name
    assert paras[2].style == "Normal" and paras[2].outline_level is None


def test_outline_level_on_paragraph_and_body_text_level():
    body = p("甲", '<w:outlineLvl w:val="2"/>') + p("乙", '<w:pStyle w:val="Heading1"/><w:outlineLvl w:val="9"/>')
    doc = read(make_docx(body, styles=STYLES_WITH_LIST))
    assert [x.outline_level for x in doc.paragraphs()] == [2, None]
    assert [x.style for x in doc.paragraphs()] == ["Normal", "Heading 1"]


# --------------------------------------------------------------------------- merged cells


@pytest.fixture(scope="module")
def template():
    return read_document(TEMPLATE)


def test_template_table_three_merged_cells(template):
    t = [x for x in template.tables()][1]
    assert (t.n_rows, t.n_cols) == (28, 10)
    positions = [(c.row, c.col) for c in t.cells]
    assert len(positions) == len(set(positions))
    covered = sum(c.rowspan * c.colspan for c in t.cells)
    assert covered == 28 * 10  # every grid position belongs to exactly one logical cell
    corner = t.cell_at(0, 0)
    assert (corner.row, corner.col, corner.rowspan, corner.colspan) == (0, 0, 3, 3)
    assert corner.text.startswith("（本列数据的勾稽关系为")
    assert t.cell_at(2, 2) is corner
    head = t.cell_at(0, 3)
    assert head.text == "申请人情况" and head.colspan == 7
    natural = t.cell_at(1, 3)
    assert natural.text == "自然人" and natural.rowspan == 2 and t.cell_at(2, 3) is natural
    legal = t.cell_at(1, 4)
    assert legal.text == "法人或其他组织" and legal.colspan == 5
    total = t.cell_at(2, 9)
    assert total.text == "总计" and (total.row, total.rowspan) == (1, 2)
    # The template breaks "商业\n企业" over two lines inside the cell.
    assert [t.cell_at(2, k).value_text.replace("\n", "") for k in range(4, 9)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    result = t.cell_at(5, 0)
    assert result.text == "三、本年度办理结果" and result.rowspan == 22
    withheld = t.cell_at(7, 1)
    assert withheld.text == "（三）不予公开" and withheld.rowspan == 8
    assert t.cell_at(14, 1) is withheld
    assert t.cell_at(26, 1).text == "（七）总计" and t.cell_at(26, 1).colspan == 2
    assert t.cell_at(27, 0).text.startswith("四、结转下年度继续办理") and t.cell_at(27, 0).colspan == 3
    labels = [c.text for c in t.cells if c.col == 0 and c.row >= 3]
    assert labels == [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "四、结转下年度继续办理",
    ]


def test_template_other_tables(template):
    t2, t3 = [x for x in template.tables()][0], [x for x in template.tables()][2]
    assert (t2.n_rows, t2.n_cols) == (14, 4)
    assert t2.cell_at(0, 0).colspan == 4 and t2.cell_at(0, 3) is t2.cell_at(0, 0)
    assert (t3.n_rows, t3.n_cols) == (4, 15)
    assert t3.cell_at(0, 5).text == "行政诉讼" and t3.cell_at(0, 5).colspan == 10
    assert t3.cell_at(1, 0).rowspan == 2
    assert [x.text for x in template.paragraphs()][1:4] == ["一、总体情况", "（文字描述）", "二、主动公开政府信息情况"]


def test_grid_before_after_short_rows_and_hmerge():
    rows = [
        tc("a") + tc("b") + tc("c"),
        tc("d", '<w:gridSpan w:val="2"/>'),  # short row: padded
        tc("e") + tc("f"),
        tc("g", '<w:hMerge w:val="restart"/>') + tc("", "<w:hMerge/>") + tc("h"),
    ]
    t_xml = tbl(rows, grid=3, trpr={2: '<w:gridBefore w:val="1"/>'})
    doc = read(make_docx(t_xml))
    [t] = doc.tables()
    assert (t.n_rows, t.n_cols) == (4, 3)
    assert t.row_texts(1) == ["d", "d", ""]
    assert t.row_texts(2) == ["", "e", "f"]
    assert t.cell_at(3, 0).colspan == 2 and t.row_texts(3) == ["g", "g", "h"]
    assert sum(c.rowspan * c.colspan for c in t.cells) == 12


def test_vmerge_continue_without_restart_and_wider_rows():
    rows = [
        tc("x", "<w:vMerge/>") + tc("y"),
        tc("", "<w:vMerge/>") + tc("z") + tc("extra"),
    ]
    [t] = read(make_docx(tbl(rows, grid=2))).tables()
    assert t.n_cols == 3
    assert t.cell_at(0, 0).rowspan == 2 and t.cell_at(1, 0).text == "x"
    assert t.row_texts(0) == ["x", "y", ""]


# --------------------------------------------------------------------------- revisions, boxes, sdt, nesting


def rev(kind: str, inner: str, i: int = 1) -> str:
    return f'<w:{kind} w:id="{i}" w:author="A" w:date="2019-01-01T00:00:00Z">{inner}</w:{kind}>'


def r(text: str, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r>'


def test_tracked_changes_accepted_view_and_notice():
    body = (
        p("标题")
        + "<w:p>"
        + r("本年")
        + rev("ins", r("新收"))
        + rev("del", r("旧的", True), 2)
        + r("申请")
        + "</w:p>"
        + "<w:p>"
        + rev("moveFrom", r("挪走的字"), 3)
        + r("留下")
        + "</w:p>"
        + "<w:p>"
        + r("到")
        + rev("moveTo", r("挪走的字"), 4)
        + "</w:p>"
        + '<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="A" w:date="2019-01-01T00:00:00Z"/></w:rPr></w:pPr>'
        + r("前半")
        + "</w:p>"
        + p("后半")
        + tbl(
            [tc("保留"), "<w:tc><w:p>" + r("行被删") + "</w:p></w:tc>"],
            grid=1,
            trpr={1: '<w:del w:id="6" w:author="A" w:date="2019-01-01T00:00:00Z"/>'},
        )
    )
    doc = read(make_docx(body))
    assert texts(doc) == ["标题", "本年新收申请", "留下", "到挪走的字", "前半后半"]
    [t] = doc.tables()
    assert t.n_rows == 1 and t.cell_at(0, 0).text == "保留"
    [n] = doc.notices
    assert n.kind == "tracked-changes" and n.block == 1 and n.count == 6


def test_formatting_only_revision_is_still_reported():
    body = p("一") + '<w:p><w:r><w:rPr><w:b/><w:rPrChange w:id="1" w:author="A"><w:rPr/></w:rPrChange></w:rPr><w:t>二</w:t></w:r></w:p>'
    doc = read(make_docx(body))
    assert texts(doc) == ["一", "二"]
    [n] = doc.notices
    assert n.block == 1 and n.count == 1 and "formatting=1" in n.detail


def test_no_changes_no_notice():
    assert read(make_docx(p("正文"))).notices == []


TEXTBOX = (
    "<w:r><mc:AlternateContent>"
    '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>'
    "<w:txbxContent>" + p("框内第一段") + p("框内第二段") + "</w:txbxContent>"
    "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
    + p("框内第一段")
    + p("框内第二段")
    + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r>"
)


def test_text_box_read_once_after_its_anchor():
    body = p("前文") + "<w:p>" + r("锚段") + TEXTBOX + "</w:p>" + p("后文")
    assert texts(read(make_docx(body))) == ["前文", "锚段", "框内第一段", "框内第二段", "后文"]


def test_vml_only_text_box_and_box_in_empty_anchor():
    vml = "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + p("旧式文本框") + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    body = "<w:p>" + vml + "</w:p>" + p("后文")
    assert texts(read(make_docx(body))) == ["旧式文本框", "后文"]


def test_text_box_inside_table_cell_goes_to_the_cell():
    cell = "<w:tc><w:p>" + r("格") + TEXTBOX + "</w:p></w:tc>"
    doc = read(make_docx(tbl([cell], grid=1)))
    [t] = doc.tables()
    assert t.cell_at(0, 0).text == "格\n框内第一段\n框内第二段"
    assert texts(doc) == []


def test_content_controls_block_run_row_and_cell_level():
    sdt_block = "<w:sdt><w:sdtPr/><w:sdtContent>" + p("控件段落") + "</w:sdtContent></w:sdt>"
    sdt_run = "<w:p>" + r("填报单位：") + "<w:sdt><w:sdtPr/><w:sdtContent>" + r("石嘴山市司法局") + "</w:sdtContent></w:sdt></w:p>"
    sdt_row = "<w:sdt><w:sdtContent><w:tr>" + tc("行控件") + "</w:tr></w:sdtContent></w:sdt>"
    sdt_cell = "<w:tr><w:sdt><w:sdtContent>" + tc("格控件") + "</w:sdtContent></w:sdt></w:tr>"
    table = "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>" + sdt_row + sdt_cell + "</w:tbl>"
    doc = read(make_docx(sdt_block + sdt_run + table))
    assert texts(doc) == ["控件段落", "填报单位：石嘴山市司法局"]
    [t] = doc.tables()
    assert [t.cell_at(k, 0).text for k in range(2)] == ["行控件", "格控件"]


def test_nested_table_becomes_its_own_block_with_container():
    inner = tbl([tc("内1") + tc("内2")], grid=2)
    deeper = tbl([tc("最内")], grid=1)
    outer = tbl([tc("外A") + tc("外B"), tc("第一段", inner=p("第二段") + inner) + tc("C", inner=deeper)], grid=2)
    doc = read(make_docx(p("前") + outer + p("后")))
    kinds = [(b.kind, b.index) for b in doc.blocks]
    assert kinds == [("paragraph", 0), ("table", 1), ("table", 2), ("table", 3), ("paragraph", 4)]
    outer_t, inner_t, deeper_t = doc.blocks[1], doc.blocks[2], doc.blocks[3]
    assert outer_t.container is None
    assert outer_t.cell_at(1, 0).text == "第一段\n第二段"
    assert inner_t.container == (1, 1, 0) and inner_t.row_texts(0) == ["内1", "内2"]
    assert deeper_t.container == (1, 1, 1)


def test_run_content_tabs_breaks_symbols_fields_hidden():
    body = (
        "<w:p>" + r("甲") + "<w:r><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r>"
        '<w:r><w:t>0952</w:t><w:noBreakHyphen/><w:t>2012675</w:t><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
        '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r>'
        "<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>"
        "</w:p>" + p("　　") + p()
    )
    assert texts(read(make_docx(body))) == ["甲\t乙\n丙0952-2012675✓3显示链接"]


def test_empty_document_and_missing_styles_numbering():
    doc = read(make_docx(""))
    assert doc.blocks == [] and doc.notices == []
    doc = read(make_docx(p("x", '<w:pStyle w:val="Nope"/><w:numPr><w:numId w:val="3"/></w:numPr>')))
    assert texts(doc) == ["x"] and doc.block(0).style == "Nope"


def test_core_properties():
    core = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
        "<dc:title>年报</dc:title><cp:lastModifiedBy>张三</cp:lastModifiedBy>"
        "<dcterms:created>2019-01-10T08:00:00Z</dcterms:created><dcterms:modified>2019-01-17T09:30:00Z</dcterms:modified>"
        "</cp:coreProperties>"
    )
    doc = read(make_docx(p("x"), parts={"docProps/core.xml": core}))
    assert doc.properties == {
        "created": "2019-01-10T08:00:00Z",
        "modified": "2019-01-17T09:30:00Z",
        "last_modified_by": "张三",
        "title": "年报",
    }


# --------------------------------------------------------------------------- safety


def _code(data: bytes, limits: Limits | None = None) -> str:
    with pytest.raises(ReadError) as e:
        read(data, limits)
    assert e.value.zh and e.value.en
    return e.value.code


def test_zip_bomb_by_ratio():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", document_xml(p("x")))
        z.writestr("word/media/zeros.bin", b"\0" * (8 * 1024 * 1024))
    assert _code(buf.getvalue()) == "zip-bomb"


def test_zip_bomb_by_total_size():
    assert _code(make_docx(p("x" * 5000)), Limits(max_unzipped_bytes=2000)) == "zip-bomb"


def test_zip_central_directory_lying_about_size_is_still_capped():
    data = bytearray(make_docx(p("y" * 20000)))
    # Shrink the declared size in the central directory: the reader must not trust it.
    name = b"word/document.xml"
    k = data.rfind(b"PK\x01\x02", 0, data.find(name, data.find(b"PK\x01\x02")) + 1)
    data[k + 24 : k + 28] = (10).to_bytes(4, "little")
    with pytest.raises(ReadError) as e:
        read(bytes(data))
    assert e.value.code in ("corrupt-docx", "zip-bomb")


def test_missing_document_xml():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("word/styles.xml", f"<w:styles {NS}/>")
    assert _code(buf.getvalue()) == "no-document-xml"


def test_document_without_body():
    assert _code(make_docx(document=f"<w:document {NS}/>")) == "no-document-xml"


@pytest.mark.parametrize("cut", [10, 100, 1000, -200, -22])
def test_truncated_docx_is_corrupt(cut):
    data = (SEED_DIR / "seed-typed.docx").read_bytes()
    assert _code(data[:cut]) == "corrupt-docx"


def test_not_a_zip_at_all():
    assert _code(b"PK\x03\x04" + b"garbage" * 50) == "corrupt-docx"


def test_invalid_xml_is_corrupt():
    assert _code(make_docx(document="<w:document><w:body>")) == "corrupt-docx"


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    f"<w:document {NS}><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    f"<w:document {NS}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize("doc", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_doctype_in_document_is_unsafe(doc):
    assert _code(make_docx(document=doc)) == "unsafe-xml"


def test_doctype_in_utf16_part_is_unsafe():
    assert (
        _code(make_docx(document=XXE.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16")))
        == "unsafe-xml"
    )


def test_doctype_in_styles_is_unsafe():
    evil = f'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY e SYSTEM "http://example.invalid/x">]><w:styles {NS}/>'
    data = make_docx(p("x"), parts={"word/styles.xml": evil})
    assert _code(data) == "unsafe-xml"


def test_tables_nested_too_deep():
    t = tc("底")
    for _ in range(5):
        t = tbl([t], grid=1)
        t = tc("", inner=t)
    data = make_docx(tbl([t], grid=1))
    assert _code(data, Limits(max_nesting=3)) == "too-deep"
    assert len(list(read(data).tables())) == 6


def test_xml_nesting_beyond_parser_limit():
    deep = "<w:sdt><w:sdtContent>" * 400 + p("x") + "</w:sdtContent></w:sdt>" * 400
    assert _code(make_docx(deep)) in ("too-deep", "corrupt-docx")


def test_too_many_blocks():
    assert _code(make_docx(p("a") * 20), Limits(max_blocks=10)) == "too-many-blocks"


def test_encrypted_member():
    data = bytearray(make_docx(p("x")))
    k = data.find(b"PK\x03\x04")
    while k != -1:
        data[k + 6] |= 1  # general purpose flag: encrypted
        k = data.find(b"PK\x03\x04", k + 4)
    k = data.find(b"PK\x01\x02")
    while k != -1:
        data[k + 8] |= 1
        k = data.find(b"PK\x01\x02", k + 4)
    assert _code(bytes(data)) in ("encrypted", "corrupt-docx")


def test_read_document_dispatches_docx_bytes(tmp_path):
    f = tmp_path / "report.docx"
    f.write_bytes(make_docx(p("总体情况")))
    assert texts(read_document(f)) == ["总体情况"]
    f.write_bytes(make_docx(document=XXE))
    with pytest.raises(ReadError) as e:
        read_document(f)
    assert e.value.code == "unsafe-xml"


def test_damaged_files_never_raise_anything_but_read_error():
    data = (SEED_DIR / "seed-tracked.docx").read_bytes()
    rng = random.Random(20190117)
    outcomes = set()
    for _ in range(60):
        b = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        try:
            read(bytes(b))
            outcomes.add("ok")
        except ReadError as e:
            outcomes.add(e.code)
    assert outcomes  # every outcome was either a Document or a ReadError
    assert outcomes <= {"ok", "corrupt-docx", "zip-bomb", "no-document-xml", "unsafe-xml", "too-deep", "encrypted"}


def test_damaged_styles_or_numbering_degrade_to_a_notice():
    data = make_docx(
        p("x", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'),
        parts={"word/styles.xml": "<w:styles", "word/numbering.xml": "<oops"},
    )
    doc = read(data)
    assert texts(doc) == ["x"]
    assert sorted(n.detail.split(":")[0] for n in doc.notices if n.kind == "damaged-part") == ["word/numbering.xml", "word/styles.xml"]
