"""Cutting run-together text before its headings (report_lint.read.segment)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report_lint.read.segment import SEGMENT_MIN_CHARS, Segmenter, level1_number, line_start_headings, split_paragraphs
from report_lint.text.numerals import cn_numeral

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "text"
FILLER = "推进政府信息公开工作，完善工作机制，拓展公开渠道，规范操作流程。" * 4  # 132 chars, no headings
LEVEL1 = "一二三四五六七八九十"


def body_line(name: str) -> str:
    lines = (FIXTURES / name).read_text(encoding="utf-8").split("\n")
    return max(lines, key=len)


def level1_titles(pieces: list[str]) -> list[int]:
    return [n for n in (level1_number(p) for p in pieces) if n is not None]


@pytest.mark.parametrize(
    "s,value",
    [
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十三", 23),
        ("九十九", 99),
        ("一十", 10),
        ("十十", None),
        ("一二", None),
        ("", None),
    ],
)
def test_cn_numeral(s, value):
    assert cn_numeral(s) == value


def test_corpus_001_headings_in_order_and_annex():
    pieces = split_paragraphs(body_line("corpus-001.txt"))
    assert level1_titles(pieces) == [1, 2, 3, 4]
    assert pieces[0].startswith("本报告主要根据")
    heads = [p for p in pieces if level1_number(p)]
    assert heads[0].startswith("一、 概述") and heads[1].startswith("二、主动公开政府信息情况")
    # Sub-headings of 二 and of 四, each in sequence
    subs = [p[:3] for p in pieces if p.startswith("（")]
    assert subs == ["（一）", "（二）", "（三）", "（一）", "（二）", "（三）"]
    assert pieces[-1].startswith("附件1：平潭综合实验区管委会2011年政府信息公开情况统计表")
    # The flattened statistics table stays one paragraph of plain text.
    assert "主动公开信息数 条 425 1516" in pieces[-1]


def test_corpus_015_yields_one_to_six():
    pieces = split_paragraphs(body_line("corpus-015.txt"))
    assert level1_titles(pieces) == [1, 2, 3, 4, 5, 6]
    heads = [p for p in pieces if level1_number(p)]
    # 三 is glued to the last table cell ("…24252.311082三、收到…") and still found;
    assert heads[2].startswith("三、收到和处理政府信息公开申请情况")
    # the table's row labels 一、…四、 inside section 三 are not headings.
    assert heads[3].startswith("四、政府信息公开行政复议、行政诉讼情况")
    assert any("一、本年新收政府信息公开申请数量" in p and not p.startswith("一、本年") for p in pieces)
    assert not any(p.startswith("四、结转下年度") for p in pieces)
    assert heads[1].startswith("二、主动公开政府信息情况") and "行政事业性收费24252.311082" in heads[1]


def test_corpus_013_heading_glued_to_a_unit():
    pieces = split_paragraphs(body_line("corpus-013.txt"))
    assert level1_titles(pieces) == [1, 2, 3, 4, 5, 6]
    heads = [p for p in pieces if level1_number(p)]
    assert heads[1].endswith("75394432.52元")
    assert heads[2].startswith("三、收到和处理政府信息公开申请情况")
    # Row labels of the flattened table 三 stay inside its paragraph.
    assert "（一）予以公开" in heads[2] and "（七）总计" in heads[2]


def test_no_cut_inside_quotes_or_titles():
    text = (
        "前言。" + FILLER + " 一、总体情况 " + FILLER + "按照“第一阶段。 二、推进实施”的要求，"
        "印发《工作方案。 二、保障措施》。" + FILLER + " 二、主动公开政府信息情况 " + FILLER
    )
    pieces = split_paragraphs(text)
    heads = [p for p in pieces if level1_number(p)]
    assert [h[:4] for h in heads] == ["一、总体", "二、主动"]
    assert "“第一阶段。 二、推进实施”" in heads[0] and "《工作方案。 二、保障措施》" in heads[0]


def test_inline_lists_and_ordinals_do_not_cut():
    text = FILLER + "。第一、加强领导。分为一、二、三类人员。其一、完善机制。" + FILLER + "。" + FILLER
    assert split_paragraphs(text) == [text]


def test_out_of_sequence_numbers_do_not_cut():
    long = FILLER * 3  # a line over LONG_LINE_CHARS, where a single heading may be cut
    text = "前言。" + long + " 一、总体情况 " + long + "。 三、收到和处理政府信息公开申请情况 " + long
    pieces = split_paragraphs(text)
    assert len(pieces) == 2  # only the cut before 一、; 三、 does not follow 一、
    assert pieces[1].startswith("一、总体情况") and "三、收到和处理" in pieces[1]


def test_weak_candidate_bridges_but_never_ends_a_chain():
    # 二 glued to a digit is accepted because 三 (strong) follows it …
    text = "前言。" + FILLER + "一、甲 " + FILLER + "合计25二、乙 " + FILLER + "。三、丙 " + FILLER
    assert level1_titles(split_paragraphs(text)) == [1, 2, 3]
    # … but a trailing weak one (a flattened table row label) is not.
    text = "前言。" + FILLER + "一、甲 " + FILLER + "。二、乙 " + FILLER + "合计25三、丙 " + FILLER
    assert level1_titles(split_paragraphs(text)) == [1, 2]


def test_a_single_heading_inside_a_medium_line_is_not_cut():
    text = "主要做法：" + FILLER + "。一、加强领导，" + FILLER
    assert 200 < len(text) < 1000
    assert split_paragraphs(text) == [text]


def test_short_lines_are_never_cut():
    text = "前言。一、总体情况。二、主动公开。三、依申请公开。"
    assert len(text) < SEGMENT_MIN_CHARS
    assert split_paragraphs(text) == [text]


def test_numbering_continues_across_lines():
    seg = Segmenter()
    seg.split("一、总体情况")
    line = FILLER + "。二、主动公开政府信息情况 " + FILLER + "。三、收到和处理政府信息公开申请情况 " + FILLER
    pieces = seg.split(line)
    assert [p.number for p in pieces if p.kind == "level1"] == [2, 3]
    assert seg.next_l1 == 4


def test_structured_documents_keep_inline_enumerations():
    # 二、 and 三、 already start lines of their own, so the inline ones are an enumeration.
    seg = Segmenter(line_headings=line_start_headings(["一、总体情况", "x", "二、主动公开", "三、依申请公开"]))
    seg.split("一、总体情况")
    line = "主要做法：" + FILLER + "。二、完善机制，" + FILLER + "。三、强化监督，" + FILLER
    assert [p.kind for p in seg.split(line)] == ["lead"]


def test_annex_restarts_numbering():
    text = (
        "前言。"
        + FILLER
        + " 一、总体情况 "
        + FILLER
        + " 二、其他 "
        + FILLER
        + " 附件：统计表 一、主动公开情况 "
        + FILLER
        + "。 二、回应解读情况 x"
    )
    pieces = split_paragraphs(text)
    kinds = [p[:2] for p in pieces]
    assert kinds == ["前言", "一、", "二、", "附件", "一、", "二、"]


def test_annex_reference_is_not_a_heading():
    text = "前言。" + FILLER + "（详见 附件2）。 附件下载 " + FILLER
    assert split_paragraphs(text) == [text]


def test_enormous_line_is_fast():
    unit = "。一、" + "字" * 7 + "。二、" + "字" * 7 + "合计3三、" + "字" * 5 + "《十、》"
    line = unit * 40000  # ~1.4 M chars, ~160 000 candidates
    t0 = time.perf_counter()
    pieces = Segmenter().split(line)
    assert time.perf_counter() - t0 < 5.0
    assert pieces and pieces[-1].end == len(line)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(LEVEL1 + "、（）()。；《》“” 第附件表：1a\n字")), min_size=0, max_size=600))
def test_pieces_tile_the_line(text):
    pieces = Segmenter(min_chars=20).split(text)
    assert pieces[0].start == 0 and pieces[-1].end == len(text)
    for a, b in zip(pieces, pieces[1:]):
        assert a.end == b.start
    for p in pieces[1:]:
        assert p.kind in ("level1", "level2", "annex")
