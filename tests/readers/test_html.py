"""HTML reader (report_lint.read.html) on the published pages and on hostile markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report_lint.model.document import Table
from report_lint.read.errors import Limits, ReadError
from report_lint.read.dispatch import read_document
from report_lint.read.html import read_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "text"
PAGES = ["80576", "80595", "80613", "80629"]


def read(html, limits: Limits | None = None):
    data = html.encode("utf-8") if isinstance(html, str) else html
    return read_html("page.html", data, limits or Limits())


def distinct_cells(t: Table, row: int) -> list[str]:
    """The logical cells of a row, left to right, each once."""
    out, seen = [], set()
    for c in t.grid()[row]:
        if c is not None and id(c) not in seen:
            seen.add(id(c))
            out.append(c.value_text)
    return out


def row_by_label(t: Table, label: str) -> list[str]:
    for r in range(t.n_rows):
        cells = distinct_cells(t, r)
        if any(c.startswith(label) for c in cells):
            return cells
    raise AssertionError(f"no row labelled {label!r}")


def numbers(cells: list[str]) -> list[int]:
    return [int(c) for c in cells if c.isdigit()]


def assert_well_formed(t: Table) -> None:
    """Every grid position covered by exactly one logical cell."""
    covered = {}
    for c in t.cells:
        assert c.rowspan >= 1 and c.colspan >= 1
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                assert 0 <= r < t.n_rows and 0 <= k < t.n_cols
                assert (r, k) not in covered, f"overlap at {(r, k)}"
                covered[(r, k)] = c
    assert len(covered) == t.n_rows * t.n_cols


@pytest.fixture(scope="module", params=PAGES)
def page(request):
    return request.param, read_document(FIXTURES / f"corpus-{request.param}.html")


# -- the corpus pages


def test_three_tables_and_rectangular_grids(page):
    name, doc = page
    tables = list(doc.tables())
    assert len(tables) == 3, name
    for t in tables:
        assert_well_formed(t)
        assert t.container is None
    t3 = tables[1]
    grid = t3.grid()
    assert len(grid) == t3.n_rows and all(len(r) == t3.n_cols and None not in r for r in grid)
    assert t3.n_cols >= 10
    assert doc.format == "html" and doc.notices == []


def test_headings_and_title(page):
    name, doc = page
    ps = list(doc.paragraphs())
    assert ps[0].outline_level == 0 and ps[0].style == "Heading 1" and "政府信息公开工作年度报告" in ps[0].text
    heads = [p.text.lstrip("\u3000 ")[:2] for p in ps if p.text.lstrip("\u3000 ")[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert heads == ["一、", "二、", "三、", "四、", "五、", "六、"]
    # Blocks keep reading order: the section 三 heading comes right before its table.
    h3 = next(p for p in ps if p.text.startswith("三、收到和处理"))
    assert isinstance(doc.blocks[h3.index + 1], Table)
    assert all(p.line for p in ps)


def test_80576_first_row_of_table_three():
    doc = read_document(FIXTURES / "corpus-80576.html")
    t3 = list(doc.tables())[1]
    assert numbers(row_by_label(t3, "一、本年新收")) == [23, 0, 0, 0, 0, 0, 23]
    assert numbers(row_by_label(t3, "（七）总计")) == [23, 0, 0, 0, 0, 0, 23]


def test_80595_total_row_and_trailing_blank_row():
    doc = read_document(FIXTURES / "corpus-80595.html")
    t3 = list(doc.tables())[1]
    total = numbers(row_by_label(t3, "（七）总计"))
    assert total[0] == 20 and total[-1] == 21  # 自然人 20 / 总计 21 as published
    t4 = list(doc.tables())[2]
    assert t4.row_texts(t4.n_rows - 1) == [""] * 15  # the borderless row of &nbsp; cells


def test_80613_cell_text_joins_paragraphs_and_breaks():
    doc = read_document(FIXTURES / "corpus-80613.html")
    t1, t3, t4 = doc.tables()
    assert t1.cell_at(0, 0).text == "第二十条第（一）项" and t1.cell_at(0, 0).colspan == 4  # &nbsp; stripped
    assert t1.cell_at(2, 1).text == "0"  # "&nbsp;0"
    assert "商业\n企业" in [c.text for c in t3.cells]
    assert t4.cell_at(1, 1).text == "结\n果\n纠\n正"  # <p>结</p><p>果<br>纠</p><p>正</p>
    assert numbers(row_by_label(t3, "一、本年新收")) == [64, 0, 0, 2, 0, 4, 70]


def test_80629_tab_indented_paragraphs_and_nbsp_cells():
    doc = read_document(FIXTURES / "corpus-80629.html")
    assert not any(p.text.startswith(("\t", " ")) for p in doc.paragraphs())
    t4 = list(doc.tables())[2]
    assert numbers(distinct_cells(t4, t4.n_rows - 1))[:5] == [0, 1, 1, 0, 2]


# -- markup features


def test_spans_resolved_like_word_merges():
    doc = read("<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr><tr><td>C</td><td>D</td></tr><tr><td>E</td></tr></table>")
    (t,) = doc.tables()
    assert (t.n_rows, t.n_cols) == (3, 3)
    assert_well_formed(t)
    assert [[c.text if c else None for c in r] for r in t.grid()] == [["A", "B", "B"], ["A", "C", "D"], ["E", "", ""]]
    a = t.cell_at(0, 0)
    assert (a.rowspan, a.colspan) == (2, 1) and t.cell_at(0, 1).colspan == 2


def test_overlapping_and_silly_spans_do_not_crash():
    doc = read(
        "<table><tr><td>x</td><td rowspan=3>R</td></tr>"
        "<tr><td colspan=5>wide</td><td>y</td></tr>"
        "<tr><td rowspan=0>to end</td><td colspan=0>z</td><td rowspan=-1 colspan=abc>w</td></tr>"
        "<tr><td rowspan=99999 colspan=99999>huge</td></tr></table>"
    )
    (t,) = doc.tables()
    assert_well_formed(t)
    wide = next(c for c in t.cells if c.text == "wide")
    assert wide.colspan == 1  # clipped where the rowspan from above begins
    assert next(c for c in t.cells if c.text == "to end").rowspan == 2


def test_nested_tables_get_their_own_blocks():
    doc = read("<table><tr><td>外<table><tr><td>内</td></tr></table>尾</td><td>b</td></tr></table><p>后</p>")
    outer, inner = doc.tables()
    assert outer.container is None and inner.container == (outer.index, 0, 0)
    assert outer.cell_at(0, 0).text == "外\n尾"
    assert inner.cell_at(0, 0).text == "内"
    assert [type(b).__name__ for b in doc.blocks] == ["Table", "Table", "Paragraph"]


def test_paragraph_blocks():
    doc = read(
        "<html><head><title>T</title><style>p{}</style><script>var a='<p>x</p>';</script></head><body>"
        "<h2>一、总体情况</h2><!-- 注释 --><div>散落文字<p>段落<br>第二行</p>尾巴</div>"
        "<ol><li>甲</li><li>乙</li></ol><ul><li>丙</li></ul>"
        "<p>&nbsp;</p><p>a&nbsp;&nbsp;b\u3000c\n  d</p><p style='display:none'>隐藏</p></body></html>"
    )
    got = [(p.text, p.outline_level) for p in doc.paragraphs()]
    assert got == [
        ("一、总体情况", 1),
        ("散落文字", None),
        ("段落", None),
        ("第二行", None),
        ("尾巴", None),
        ("1.甲", None),
        ("2.乙", None),
        ("丙", None),
        ("a  b\u3000c d", None),
    ]
    assert list(doc.paragraphs())[5].number_label == "1."


@pytest.mark.parametrize(
    "data",
    [
        '<html><head><meta charset="gbk"></head><body><p>年度报告</p></body></html>'.encode("gbk"),
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>年度报告</p></body></html>'.encode(
            "gb18030"
        ),
        '<html><head><meta charset="gbk"></head><body><p>年度报告</p></body></html>'.encode("utf-8"),  # mislabelled
        b"\xef\xbb\xbf<p>\xe5\xb9\xb4\xe5\xba\xa6\xe6\x8a\xa5\xe5\x91\x8a</p>",
        b"\xff\xfe" + "<p>年度报告</p>".encode("utf-16-le"),
        "<p>年度报告</p>".encode("gb18030"),  # no declaration at all
    ],
    ids=["meta-gbk", "http-equiv-gb2312", "utf8-mislabelled-gbk", "utf8-bom", "utf16-bom", "undeclared-gb18030"],
)
def test_encodings(data):
    doc = read(data)
    assert [p.text for p in doc.paragraphs()] == ["年度报告"]
    assert doc.notices == []


def test_invalid_bytes_notice_and_nul():
    doc = read(b"<p>\xe5\xb9\xb4\xff\xfe\xff\x00x</p>")
    assert {n.kind for n in doc.notices} == {"encoding-replaced", "nul-bytes"}
    assert list(doc.paragraphs())[0].text.startswith("年")


def test_empty_and_whitespace_documents():
    assert read("   \n ").blocks == []
    assert read("<html></html>").blocks == []


def test_max_blocks_limit():
    with pytest.raises(ReadError) as e:
        read("<p>a</p><p>b</p><p>c</p>", limits=Limits(max_blocks=2))
    assert e.value.code == "too-many-blocks"


def test_deep_nesting_is_a_read_error_not_a_silent_cut():
    # libxml2 stops at depth 256; reading only the part before would hide the rest.
    with pytest.raises(ReadError) as e:
        read("<div>" * 5000 + "深" + "</div>" * 5000)
    assert e.value.code == "too-deep"
    doc = read("<div>" * 200 + "深" + "</div>" * 200)  # deep but within the parser's limit
    assert [p.text for p in doc.paragraphs()] == ["深"]


def test_deeply_nested_tables_are_capped():
    html = "<table><tr><td>" * 30 + "x" + "</td></tr></table>" * 30
    doc = read(html, limits=Limits(max_nesting=5))
    assert len(list(doc.tables())) <= 5
    assert "nested-tables-skipped" in [n.kind for n in doc.notices]


# -- hypothesis: hostile markup never escapes as anything but ReadError

_TAGS = ["p", "div", "table", "tr", "td", "th", "tbody", "br", "span", "h1", "h3", "li", "ol", "script", "style", "caption", "b"]
_ATTRS = st.sampled_from(
    ["", " rowspan=2", " colspan=3", " rowspan=0", ' colspan="-1"', " rowspan=999999", ' style="display:none"', " hidden", " start=x"]
)


@st.composite
def html_fragments(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 3))
        if kind == 0 or depth > 4:
            parts.append(draw(st.text(alphabet="一、（）&;<>nbsp \u3000\t\n甲1", max_size=8)))
        elif kind == 1:
            parts.append(
                draw(st.sampled_from(["<br>", "<!-- c -->", "&nbsp;", "&#0;", "&#xD800;", "<?pi x?>", "</td>", "<tr>", "<![CDATA[x]]>"]))
            )
        else:
            tag = draw(st.sampled_from(_TAGS))
            inner = draw(html_fragments(depth + 1))
            close = draw(st.booleans())
            parts.append(f"<{tag}{draw(_ATTRS)}>{inner}" + (f"</{tag}>" if close else ""))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(html_fragments(), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_arbitrary_small_html_never_raises(fragment, encoding):
    data = ("<html><body>" + fragment).encode(encoding, errors="replace")
    try:
        doc = read(data)
    except ReadError:
        return
    for t in doc.tables():
        assert_well_formed(t)
    assert all(b.index == i for i, b in enumerate(doc.blocks))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(data):
    try:
        read(b"<html>" + data)
    except ReadError:
        pass
