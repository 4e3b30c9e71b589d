"""Plain-text and markdown reader (report_lint.read.text)."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report_lint.model.document import Paragraph, Table
from report_lint.read.errors import Limits, ReadError
from report_lint.read.dispatch import read_document
from report_lint.read.text import decode_text, read_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "text"
SAMPLE = "一、总体情况\n本机关2023年主动公开政府信息120条。\n"


def read(text_or_bytes, name: str = "r.txt", limits: Limits | None = None):
    data = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else text_or_bytes
    return read_text(name, data, limits or Limits())


def paras(doc) -> list[str]:
    return [p.text for p in doc.paragraphs()]


def kinds(doc) -> list[str]:
    return [n.kind for n in doc.notices]


# -- decoding


@pytest.mark.parametrize(
    "data,encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        ("Report 2023\n一、总体情况\nplain ASCII lines keep NULs in every other byte\n".encode("utf-16-le"), "utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16le-bom", "utf16be-bom", "utf16le-nobom"],
)
def test_decodings(data, encoding):
    doc = read(data)
    assert doc.properties["encoding"] == encoding
    assert "一、总体情况" in paras(doc)
    assert not any(p.startswith("\ufeff") for p in paras(doc))
    assert kinds(doc) == []


def test_undecodable_bytes_are_replaced_with_a_notice():
    # \xff is invalid in UTF-8 and in GB18030.
    data = "一、总体情况\n".encode("utf-8") + b"\xff\xfe\xff abc\n"
    doc = read(data)
    assert paras(doc)[0] == "一、总体情况"
    assert "\ufffd" in paras(doc)[1]
    (n,) = doc.notices
    assert n.kind == "encoding-replaced" and n.count >= 1


def test_nul_bytes_are_stripped_with_a_notice():
    doc = read("一、总体\x00情况\n正文\x00\x00\n")
    assert paras(doc) == ["一、总体情况", "正文"]
    (n,) = doc.notices
    assert n.kind == "nul-bytes" and n.count == 3


def test_decode_text_prefers_utf8_over_gb18030():
    # These bytes are valid in both; UTF-8 must win.
    text, enc, replaced = decode_text("年度报告".encode("utf-8"))
    assert (text, enc, replaced) == ("年度报告", "utf-8", False)


# -- paragraphs and line numbers


def test_lines_become_paragraphs_with_line_numbers():
    doc = read("\n标题\r\n\r\n  正文一  \r正文二\n\n")
    assert [(p.text, p.line) for p in doc.paragraphs()] == [("标题", 2), ("正文一", 4), ("正文二", 5)]
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))
    assert doc.format == "txt"


def test_indented_paragraph_with_leading_tab_is_not_a_table():
    doc = read("\t第一段正文。\n\n\t第二段正文。\n")
    assert paras(doc) == ["第一段正文。", "第二段正文。"]
    assert list(doc.tables()) == []


# -- tables


def test_tab_lines_form_a_table_with_trailing_empty_cells_trimmed():
    doc = read("表一\n统计指标\t单位\t统计数\n一、主动公开情况\t\t\n主动公开政府信息数\t条\t1015\n结尾\n")
    (t,) = doc.tables()
    assert (t.n_rows, t.n_cols, t.line) == (3, 3, 2)
    assert t.row_texts(0) == ["统计指标", "单位", "统计数"]
    assert t.row_texts(1) == ["一、主动公开情况", "", ""]
    assert t.cell_at(2, 2).text == "1015"
    assert [type(b) for b in doc.blocks] == [Paragraph, Table, Paragraph]


def test_tab_groups_separated_by_blank_lines_stay_separate_tables():
    doc = read("a\tb\n1\t2\n\na\tb\n3\t4\n")
    tables = list(doc.tables())
    assert [t.row_texts(1) for t in tables] == [["1", "2"], ["3", "4"]]


def test_row_with_leading_empty_cell_next_to_a_table_row():
    doc = read("\t自然人\t法人\n新收\t3\t4\n")
    (t,) = doc.tables()
    assert t.row_texts(0) == ["", "自然人", "法人"]
    doc = read("项目\t数量\n\t\t合计\n")  # only indentation tabs, but adjacent to a row
    (t,) = doc.tables()
    assert t.n_rows == 2 and t.row_texts(1) == ["", "", "合计"]


def test_markdown_pipe_table_drops_the_separator_row():
    doc = read("| 信息内容 | 本年制发件数 |\n|---|:---:|\n| 规章 | **0** |\n| a \\| b | 1 |\n", name="r.md")
    (t,) = doc.tables()
    assert doc.format == "md"
    assert t.row_texts(0) == ["信息内容", "本年制发件数"]
    assert t.row_texts(1) == ["规章", "0"]
    assert t.row_texts(2) == ["a | b", "1"]
    assert t.n_rows == 3


def test_markdown_headings_and_emphasis():
    doc = read("# 年度报告\n## 一、总体情况 ##\n###（一）主动公开\n正文**加粗**内容\n---\n", name="r.md")
    ps = list(doc.paragraphs())
    assert [(p.text, p.outline_level) for p in ps] == [
        ("年度报告", 0),
        ("一、总体情况", 1),
        ("（一）主动公开", 2),
        ("正文加粗内容", None),
    ]
    assert ps[1].style == "Heading 2"


def test_txt_needs_a_space_after_the_hash():
    doc = read("# 一、总体情况\n#号码不是标题\n")
    assert [(p.text, p.outline_level) for p in doc.paragraphs()] == [("一、总体情况", 0), ("#号码不是标题", None)]


def test_max_blocks_limit():
    with pytest.raises(ReadError) as e:
        read("a\nb\nc\nd\n", limits=Limits(max_blocks=2))
    assert e.value.code == "too-many-blocks"


# -- the seed and the corpus


@pytest.fixture(scope="module")
def seed():
    return read_document(FIXTURES / "seed-2018.txt")


def test_seed_headings_one_to_eleven(seed):
    numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]
    heads = [p for p in seed.paragraphs() if any(p.text.startswith(n + "、") for n in numerals) and len(p.text) < 40]
    firsts = [p.text.split("、")[0] for p in heads]
    assert firsts == numerals
    assert heads[0].text == "一、总体公开工作情况概述" and heads[-1].text == "十一、存在问题及下一步工作思路"
    assert all(p.line is not None for p in heads)
    assert seed.notices == []  # no run-together cuts in a properly broken text


def test_seed_statistics_tables(seed):
    stats = [t for t in seed.tables() if t.row_texts(0) == ["统计指标", "单位", "统计数"]]
    assert len(stats) == 5  # the header row repeats once per printed page
    first = next(t for t in seed.tables() if t.row_texts(0)[0] == "统计指标")
    assert first is stats[0]
    rows = [t.row_texts(r) for t in stats for r in range(t.n_rows)]
    assert ["2.政府网站公开政府信息数", "条", "597"] in rows
    assert all(t.n_cols == 3 for t in stats)
    # The emphasis markers of the scraped service list are gone.
    assert "组织开展法治文化活动 可不见面办理" in paras(seed)


def test_corpus_015_run_together_line_is_cut():
    doc = read_document(FIXTURES / "corpus-015.txt")
    ps = list(doc.paragraphs())
    assert ps[0].text == "平潭综合实验区2021年度政府信息公开工作年度报告" and ps[0].line == 1
    heads = [p for p in ps if p.text[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert [p.text[0] for p in heads] == list("一二三四五六")
    assert all(p.line == 2 for p in heads)
    assert "run-together-text" in kinds(doc)


def test_large_single_line_is_linear():
    line = ("。一、总体情况" + "字" * 40 + "合计3二、" + "字" * 30) * 20000  # ~1.8 M chars
    t0 = time.perf_counter()
    doc = read(line)
    assert time.perf_counter() - t0 < 10.0
    assert sum(len(p.text) for p in doc.paragraphs()) <= len(line)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data):
    doc = read(data)
    assert all(b.index == i for i, b in enumerate(doc.blocks))


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("一二三十、（）|#*\t\n\r 。-:年表附件\x00\ufeffa1")), max_size=500),
    st.sampled_from(["r.txt", "r.md"]),
)
def test_arbitrary_text_never_raises(text, name):
    doc = read(text, name=name)
    for t in doc.tables():
        assert len(t.cells) == t.n_rows * t.n_cols
    for p in doc.paragraphs():
        assert p.text and p.text == p.text.strip() and "\x00" not in p.text
