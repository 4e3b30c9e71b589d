"""Hypothesis strategies for hostile and random inputs (tests/robustness/test_fuzz.py).

* ``docx_documents()`` — real .docx bytes (zip + XML written here, not by python-docx)
  with random paragraphs (CJK, heading-like text, control characters), numbering
  definitions with random formats / levels / starts / overrides, styles with random
  ``basedOn`` chains (cycles included), tables with random ``gridSpan`` / ``vMerge`` /
  ``hMerge`` / ``gridBefore`` / ``gridAfter``, nested tables, tracked changes
  (ins / del / moveFrom / moveTo, deleted paragraph marks), content controls (sdt)
  and text boxes.
* ``random_bytes()`` — arbitrary bytes, sometimes behind a magic number (zip, OLE,
  RTF, PDF, HTML, BOMs) so the sniffer sends them down every reader.
* ``mutated_docx(base)`` — a valid .docx with bytes flipped, truncated, inserted or
  removed; ``mutated_xml_docx(base)`` — the same damage applied to document.xml
  *before* zipping, so the damage reaches the XML parser and the walker instead of
  stopping at the zip CRC.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

from hypothesis import strategies as st

from . import load_builder

_builder = load_builder()

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
ZIP_DATE = (2020, 1, 1, 0, 0, 0)

# The package boilerplate is the catalogue builder's: one definition of a minimal .docx.
CONTENT_TYPES = _builder.CONTENT_TYPES
PACKAGE_RELS = _builder.PACKAGE_RELS
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    "</Relationships>"
)

# Text a report is made of, plus what breaks naive code: digits in every width,
# heading numbers, full-width punctuation, XML-legal control characters, bidi marks,
# astral characters.
_PIECES = [
    "一、",
    "二、",
    "三、",
    "十一、",
    "（一）",
    "(二)",
    "1.",
    "第一章",
    "附件：",
    "政府信息公开工作年度报告",
    "主动公开",
    "依申请公开",
    "行政复议",
    "行政诉讼",
    "收费",
    "合计",
    "其中：",
    "2018年",
    "2021年",
    "1月1日",
    "12月31日",
    "条",
    "件",
    "次",
    "万元",
    "0",
    "1015",
    "１２３",
    "-5",
    "3.14",
    "1,234",
    "０",
    "〇",
    "百分之五十",
    "%",
    "电话：0952-1234567",
    "http://example.gov.cn",
    "邮编：753000",
    " ",
    "\t",
    "\n",
    "\u3000",
    "\u00a0",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\U0001f600",
    "𠀀",
    "<",
    ">",
    "&",
    '"',
    "'",
    "]]>",
    "%1",
    "\\",
]
_CHARS = st.characters(
    blacklist_categories=("Cs",),
    # XML 1.0 forbids these; a producer that wrote them made a broken file, which
    # random_bytes / mutations cover. Here the documents are well-formed.
    blacklist_characters=[chr(c) for c in range(0x20) if c not in (9, 10, 13)] + ["\ufffe", "\uffff"],
)
text = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(_CHARS, max_size=12)), max_size=8).map("".join)

NUM_FORMATS = [
    "decimal",
    "chineseCounting",
    "chineseCountingThousand",
    "chineseLegalSimplified",
    "ideographTraditional",
    "ideographZodiac",
    "ideographDigital",
    "japaneseCounting",
    "upperRoman",
    "lowerRoman",
    "upperLetter",
    "lowerLetter",
    "decimalEnclosedCircle",
    "decimalEnclosedCircleChinese",
    "decimalEnclosedParen",
    "decimalFullWidth",
    "decimalZero",
    "ordinal",
    "cardinalText",
    "bullet",
    "none",
    "",
    "bogusFormat",
]
LVL_TEXTS = ["%1、", "（%1）", "(%1)", "%1.", "%1.%2", "%1.%2.%3", "第%1章", "%9", "%0", "%", "%%1", "", "•", "%10"]
INTS = st.one_of(st.integers(-3, 30), st.sampled_from([0, 99, 9999, 10000, 2**31 - 1, 2**31, -(2**31), 10**12]))
INT_TEXT = st.one_of(INTS.map(str), st.sampled_from(["", "x", "1.5", " 2", "-", "０", "1e3"]))


def _attr(name: str, value) -> str:
    return f" {name}={quoteattr(str(value))}"


@st.composite
def run_xml(draw) -> str:
    t = escape(draw(text))
    kind = draw(st.sampled_from(["t", "t", "t", "tab", "br", "sym", "vanish", "delText", "drawing"]))
    if kind == "t":
        return f'<w:r><w:t xml:space="preserve">{t}</w:t></w:r>'
    if kind == "tab":
        return f"<w:r><w:tab/><w:t>{t}</w:t></w:r>"
    if kind == "br":
        return f"<w:r><w:t>{t}</w:t><w:br/><w:cr/></w:r>"
    if kind == "sym":
        return (
            f'<w:r><w:sym w:font="Symbol"{_attr("w:char", draw(st.sampled_from(["F0B7", "0041", "ZZZZ", "", "110000", "D800"])))}/></w:r>'
        )
    if kind == "vanish":
        return (
            f"<w:r><w:rPr><w:vanish{_attr('w:val', draw(st.sampled_from(['1', '0', 'false', 'on', 'junk'])))}/></w:rPr><w:t>{t}</w:t></w:r>"
        )
    if kind == "delText":
        return f"<w:r><w:delText>{t}</w:delText></w:r>"
    inner = draw(st.lists(paragraph_xml_plain(), max_size=2))
    return (
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>{"".join(inner)}'
        f"</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict/></mc:Fallback></mc:AlternateContent></w:r>"
    )


@st.composite
def inline_xml(draw) -> str:
    runs = draw(st.lists(run_xml(), max_size=4))
    wrap = draw(st.sampled_from(["none", "none", "ins", "del", "moveFrom", "moveTo", "hyperlink", "sdt", "smartTag"]))
    body = "".join(runs)
    rev = ' w:id="1" w:author="a" w:date="2020-01-01T00:00:00Z"'
    if wrap in ("ins", "del", "moveFrom", "moveTo"):
        if wrap in ("del", "moveFrom"):
            body = (
                body.replace('<w:t xml:space="preserve">', '<w:delText xml:space="preserve">')
                .replace("<w:t>", "<w:delText>")
                .replace("</w:t>", "</w:delText>")
            )
        return f"<w:{wrap}{rev}>{body}</w:{wrap}>"
    if wrap == "hyperlink":
        return f'<w:hyperlink w:anchor="x">{body}</w:hyperlink>'
    if wrap == "sdt":
        return f"<w:sdt><w:sdtPr/><w:sdtContent>{body}</w:sdtContent></w:sdt>"
    if wrap == "smartTag":
        return f'<w:smartTag w:element="place">{body}</w:smartTag>'
    return body


def _ppr(draw, with_rev: bool = True) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append(
            f"<w:pStyle{_attr('w:val', draw(st.sampled_from(['Heading1', 'Heading2', 'H1', 'Normal', 'S1', 'S2', 'missing', ''])))}/>"
        )
    if draw(st.booleans()):
        num = "".join(
            x
            for x in (
                f"<w:ilvl{_attr('w:val', draw(INT_TEXT))}/>" if draw(st.booleans()) else "",
                f"<w:numId{_attr('w:val', draw(st.one_of(st.integers(0, 6).map(str), INT_TEXT)))}/>" if draw(st.booleans()) else "",
            )
        )
        parts.append(f"<w:numPr>{num}</w:numPr>")
    if draw(st.booleans()):
        parts.append(f"<w:outlineLvl{_attr('w:val', draw(INT_TEXT))}/>")
    if with_rev and draw(st.integers(0, 5)) == 0:
        parts.append('<w:rPr><w:del w:id="2" w:author="a"/></w:rPr>')
    if with_rev and draw(st.integers(0, 8)) == 0:
        parts.append('<w:pPrChange w:id="3" w:author="a"><w:pPr/></w:pPrChange>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


@st.composite
def paragraph_xml_plain(draw) -> str:
    return f'<w:p>{_ppr(draw, with_rev=False)}<w:r><w:t xml:space="preserve">{escape(draw(text))}</w:t></w:r></w:p>'


@st.composite
def paragraph_xml(draw) -> str:
    inl = "".join(draw(st.lists(inline_xml(), max_size=3)))
    return f"<w:p>{_ppr(draw)}{inl}</w:p>"


def _cell_props(draw) -> str:
    parts = []
    if draw(st.integers(0, 3)) == 0:
        parts.append(f"<w:gridSpan{_attr('w:val', draw(st.one_of(st.integers(0, 6).map(str), INT_TEXT)))}/>")
    v = draw(st.sampled_from(["", "", "restart", "continue", "bare", "junk"]))
    if v == "bare":
        parts.append("<w:vMerge/>")
    elif v:
        parts.append(f"<w:vMerge{_attr('w:val', v)}/>")
    if draw(st.integers(0, 6)) == 0:
        parts.append(f"<w:hMerge{_attr('w:val', draw(st.sampled_from(['restart', 'continue'])))}/>")
    if draw(st.integers(0, 10)) == 0:
        parts.append('<w:cellIns w:id="4" w:author="a"/>')
    return f"<w:tcPr>{''.join(parts)}</w:tcPr>" if parts else ""


def table_xml(depth: int):
    @st.composite
    def build(draw) -> str:
        n_rows = draw(st.integers(0, 5))
        rows = []
        for _ in range(n_rows):
            trpr = []
            if draw(st.integers(0, 4)) == 0:
                trpr.append(f"<w:gridBefore{_attr('w:val', draw(INT_TEXT))}/>")
            if draw(st.integers(0, 4)) == 0:
                trpr.append(f"<w:gridAfter{_attr('w:val', draw(INT_TEXT))}/>")
            if draw(st.integers(0, 8)) == 0:
                trpr.append('<w:del w:id="5" w:author="a"/>')
            if draw(st.integers(0, 8)) == 0:
                trpr.append('<w:ins w:id="6" w:author="a"/>')
            cells = []
            for _ in range(draw(st.integers(0, 5))):
                content = "".join(draw(st.lists(paragraph_xml(), max_size=2)))
                if depth > 0 and draw(st.integers(0, 3)) == 0:
                    content += draw(table_xml(depth - 1)) + "<w:p/>"
                cell = f"<w:tc>{_cell_props(draw)}{content or '<w:p/>'}</w:tc>"
                if draw(st.integers(0, 10)) == 0:
                    cell = f"<w:sdt><w:sdtContent>{cell}</w:sdtContent></w:sdt>"
                cells.append(cell)
            row = f"<w:tr>{'<w:trPr>' + ''.join(trpr) + '</w:trPr>' if trpr else ''}{''.join(cells)}</w:tr>"
            if draw(st.integers(0, 12)) == 0:
                row = f'<w:ins w:id="7" w:author="a">{row}</w:ins>'
            rows.append(row)
        grid = "<w:tblGrid>" + '<w:gridCol w:w="100"/>' * draw(st.integers(0, 6)) + "</w:tblGrid>"
        return f"<w:tbl><w:tblPr/>{grid}{''.join(rows)}</w:tbl>"

    return build()


@st.composite
def block_xml(draw) -> str:
    kind = draw(st.sampled_from(["p", "p", "p", "p", "tbl", "sdt", "ins", "del", "customXml"]))
    if kind == "p":
        return draw(paragraph_xml())
    if kind == "tbl":
        return draw(table_xml(draw(st.integers(0, 3))))
    inner = "".join(draw(st.lists(paragraph_xml(), max_size=2)))
    if kind == "sdt":
        return f"<w:sdt><w:sdtPr/><w:sdtContent>{inner}</w:sdtContent></w:sdt>"
    if kind == "customXml":
        return f'<w:customXml w:element="x">{inner}</w:customXml>'
    return f'<w:{kind} w:id="8" w:author="a">{inner}</w:{kind}>'


@st.composite
def numbering_xml(draw) -> str:
    abstracts = []
    for a in range(draw(st.integers(0, 4))):
        lvls = []
        for _ in range(draw(st.integers(0, 10))):
            ilvl = draw(st.one_of(st.integers(0, 8), INT_TEXT))
            parts = [
                f"<w:start{_attr('w:val', draw(INT_TEXT))}/>" if draw(st.booleans()) else "",
                f"<w:numFmt{_attr('w:val', draw(st.sampled_from(NUM_FORMATS)))}/>" if draw(st.integers(0, 5)) else "",
                f"<w:lvlText{_attr('w:val', draw(st.one_of(st.sampled_from(LVL_TEXTS), text)))}/>" if draw(st.integers(0, 5)) else "",
                f"<w:lvlRestart{_attr('w:val', draw(INT_TEXT))}/>" if draw(st.integers(0, 4)) == 0 else "",
                "<w:isLgl/>" if draw(st.integers(0, 6)) == 0 else "",
                f"<w:suff{_attr('w:val', draw(st.sampled_from(['tab', 'space', 'nothing', 'junk'])))}/>" if draw(st.booleans()) else "",
                f"<w:pStyle{_attr('w:val', draw(st.sampled_from(['Heading1', 'H1', 'S1'])))}/>" if draw(st.integers(0, 4)) == 0 else "",
            ]
            lvls.append(f"<w:lvl{_attr('w:ilvl', ilvl)}>{''.join(parts)}</w:lvl>")
        link = f"<w:numStyleLink{_attr('w:val', 'S2')}/>" if draw(st.integers(0, 8)) == 0 else ""
        abstracts.append(f"<w:abstractNum{_attr('w:abstractNumId', a)}>{link}{''.join(lvls)}</w:abstractNum>")
    nums = []
    for n in range(1, draw(st.integers(0, 5)) + 1):
        overrides = ""
        for _ in range(draw(st.integers(0, 2))):
            body = f"<w:startOverride{_attr('w:val', draw(INT_TEXT))}/>" if draw(st.booleans()) else ""
            if draw(st.booleans()):
                body += f"<w:lvl{_attr('w:ilvl', draw(st.integers(0, 8)))}><w:numFmt{_attr('w:val', draw(st.sampled_from(NUM_FORMATS)))}/><w:lvlText{_attr('w:val', draw(st.sampled_from(LVL_TEXTS)))}/></w:lvl>"
            overrides += f"<w:lvlOverride{_attr('w:ilvl', draw(INT_TEXT))}>{body}</w:lvlOverride>"
        abs_id = draw(st.one_of(st.integers(0, 4), INT_TEXT))
        nums.append(
            f"<w:num{_attr('w:numId', draw(st.one_of(st.just(n), INT_TEXT)))}><w:abstractNumId{_attr('w:val', abs_id)}/>{overrides}</w:num>"
        )
    return f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">{"".join(abstracts)}{"".join(nums)}</w:numbering>'


@st.composite
def styles_xml(draw) -> str:
    ids = ["Normal", "Heading1", "Heading2", "H1", "S1", "S2"]
    styles = []
    for sid in draw(st.lists(st.sampled_from(ids), max_size=6)):
        parts = [f"<w:name{_attr('w:val', draw(st.sampled_from(['heading 1', 'heading 2', '标题 1', 'Normal', 'Title', sid, ''])))}/>"]
        if draw(st.booleans()):
            parts.append(f"<w:basedOn{_attr('w:val', draw(st.sampled_from(ids + ['missing'])))}/>")  # cycles allowed
        ppr = ""
        if draw(st.booleans()):
            ppr += f"<w:numPr><w:ilvl{_attr('w:val', draw(INT_TEXT))}/><w:numId{_attr('w:val', draw(st.integers(0, 6)))}/></w:numPr>"
        if draw(st.booleans()):
            ppr += f"<w:outlineLvl{_attr('w:val', draw(INT_TEXT))}/>"
        if ppr:
            parts.append(f"<w:pPr>{ppr}</w:pPr>")
        typ = draw(st.sampled_from(["paragraph", "paragraph", "numbering", "character", "table"]))
        default = ' w:default="1"' if draw(st.integers(0, 5)) == 0 else ""
        styles.append(f'<w:style w:type="{typ}"{default}{_attr("w:styleId", sid)}>{"".join(parts)}</w:style>')
    return f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}">{"".join(styles)}</w:styles>'


def zip_parts(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(zipfile.ZipInfo(name, ZIP_DATE), data, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


@st.composite
def docx_documents(draw) -> bytes:
    title = draw(st.sampled_from(["", "某某市人民政府办公室2021年政府信息公开工作年度报告", "2018年政府信息公开工作年度报告"]))
    blocks = ([f"<w:p><w:r><w:t>{title}</w:t></w:r></w:p>"] if title else []) + draw(st.lists(block_xml(), min_size=1, max_size=20))
    body = "".join(blocks)
    if draw(st.booleans()):
        body += '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    doc = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" xmlns:wps="{WPS_NS}" mc:Ignorable="wps"><w:body>{body}</w:body></w:document>'
    )
    parts = {"[Content_Types].xml": CONTENT_TYPES.encode(), "_rels/.rels": PACKAGE_RELS.encode(), "word/document.xml": doc.encode("utf-8")}
    if draw(st.integers(0, 4)):
        parts["word/_rels/document.xml.rels"] = DOC_RELS.encode()
        if draw(st.integers(0, 4)):
            parts["word/numbering.xml"] = draw(numbering_xml()).encode("utf-8")
        if draw(st.integers(0, 4)):
            parts["word/styles.xml"] = draw(styles_xml()).encode("utf-8")
    return zip_parts(parts)


_MAGICS = [
    b"",
    b"",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"{\\rtf1",
    b"%PDF-1.7",
    b"<html>",
    b"<!DOCTYPE html>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xff\xfe\x00\x00",
    b"MIME-Version: 1.0\r\nContent-Type: multipart/related",
]


@st.composite
def random_bytes(draw) -> bytes:
    return draw(st.sampled_from(_MAGICS)) + draw(st.binary(max_size=2048))


def _mutate(draw, data: bytes, max_ops: int = 4) -> bytes:
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, max_ops))):
        if not buf:
            break
        op = draw(st.sampled_from(["flip", "flip", "set", "truncate", "insert", "delete", "duplicate"]))
        i = draw(st.integers(0, len(buf) - 1))
        if op == "flip":
            buf[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "set":
            buf[i] = draw(st.sampled_from([0, 0xFF, 0x7F, 0x3C, 0x3E, 0x26]))
        elif op == "truncate":
            del buf[i:]
        elif op == "insert":
            buf[i:i] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del buf[i : i + draw(st.integers(1, 64))]
        else:
            j = min(len(buf), i + draw(st.integers(1, 256)))
            buf[i:i] = buf[i:j]
    return bytes(buf)


def mutated_docx(base: bytes):
    """A valid .docx with its zip bytes damaged."""

    @st.composite
    def build(draw) -> bytes:
        return _mutate(draw, base)

    return build()


def mutated_xml_docx(base: bytes):
    """A valid .docx re-zipped after damaging word/document.xml (or another part)."""
    src = zipfile.ZipFile(io.BytesIO(base))
    parts = {i.filename: src.read(i) for i in src.infolist()}
    names = sorted(n for n in parts if n.endswith(".xml") or n.endswith(".rels"))

    @st.composite
    def build(draw) -> bytes:
        target = draw(st.sampled_from(["word/document.xml"] * 4 + names))
        new = dict(parts)
        new[target] = _mutate(draw, parts[target], max_ops=3)
        return zip_parts(new)

    return build()
