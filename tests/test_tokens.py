"""Classifying blocks into outline tokens (report_lint.outline.classify)."""

from __future__ import annotations

import pytest

from report_lint.model.document import Cell, DocumentBuilder, Paragraph
from report_lint.outline.build import build_outline
from report_lint.outline.classify import ATTACH, H1, H2, H3, PARA, SIGNATURE, TABLE, TITLE, classify, classify_paragraph
from report_lint.text.numerals import cn_numeral, cn_year
from report_lint.outline.year import report_year, year_in_text


def doc(*lines: str, **para_kw):
    b = DocumentBuilder("t.txt", "txt")
    for i, ln in enumerate(lines, 1):
        b.paragraph(ln, line=i, **para_kw)
    return b.doc


def tok(text: str, **kw):
    return classify_paragraph(Paragraph(index=0, text=text, **kw))


@pytest.mark.parametrize(
    "s,n",
    [("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("九十九", 99)],
)
def test_cn_numeral_values(s, n):
    assert cn_numeral(s) == n


@pytest.mark.parametrize("s", ["", "二二", "十十", "一十一十", "零", "百"])
def test_cn_numeral_rejects_non_numerals(s):
    assert cn_numeral(s) is None


def test_cn_year():
    assert cn_year("二〇一八") == 2018
    assert cn_year("二○一九") == 2019
    assert cn_year("二零二一") == 2021
    assert cn_year("二X一八") is None


@pytest.mark.parametrize(
    "text,number,ordinal,title",
    [
        ("一、总体情况", "一", 1, "总体情况"),
        ("一.总体情况", "一", 1, "总体情况"),
        ("一．总体情况", "一", 1, "总体情况"),
        ("一 总体情况", "一", 1, "总体情况"),
        ("十一、存在问题及下一步工作思路", "十一", 11, "存在问题及下一步工作思路"),
        ("二十、其他", "二十", 20, "其他"),
        ("四、推进“互联网+政务服务”工作情况", "四", 4, "推进“互联网+政务服务”工作情况"),
        ("第二部分 主动公开政府信息情况", "二", 2, "主动公开政府信息情况"),
        ("一、总体情况。", "一", 1, "总体情况。"),
    ],
)
def test_level1_headings(text, number, ordinal, title):
    t = tok(text)
    assert (t.kind, t.level, t.number, t.ordinal, t.title) == (H1, 1, number, ordinal, title)


@pytest.mark.parametrize(
    "text,number,ordinal,title",
    [
        ("（一）推进财政资金使用信息公开", "一", 1, "推进财政资金使用信息公开"),
        ("(一) 推进财政资金使用信息公开", "一", 1, "推进财政资金使用信息公开"),
        ("（三）、推进公文公开", "三", 3, "推进公文公开"),
        ("（十二）其他", "十二", 12, "其他"),
    ],
)
def test_level2_headings(text, number, ordinal, title):
    t = tok(text)
    assert (t.kind, t.level, t.number, t.ordinal, t.title) == (H2, 2, number, ordinal, title)


@pytest.mark.parametrize(
    "text,ordinal,title",
    [
        ("1.加强组织领导", 1, "加强组织领导"),
        ("1、加强组织领导", 1, "加强组织领导"),
        ("1．加强组织领导", 1, "加强组织领导"),
        ("１．加强组织领导", 1, "加强组织领导"),
        ("（1）加强组织领导", 1, "加强组织领导"),
        ("(12) 加强组织领导", 12, "加强组织领导"),
        ("1. 组织开展公益性社会化法治宣传活动 (无子项)", 1, "组织开展公益性社会化法治宣传活动 (无子项)"),
    ],
)
def test_level3_headings(text, ordinal, title):
    t = tok(text)
    assert (t.kind, t.level, t.ordinal, t.title) == (H3, 3, ordinal, title)


@pytest.mark.parametrize(
    "text",
    [
        "1.加强组织领导。成立了以局长为组长的政务公开领导小组，明确专人负责。",
        "一是利用门户网站主动公开。2018年，通过市司法局门户网站发布各类政府信息400余条。",
        "一 是坚持问题导向，逐项整改到位",
        "1.5万元用于网站维护",
        "2018年，在市委、市政府的领导下，市司法局深入贯彻党的十九大精神。",
        "（一）主动公开情况。2018年共主动公开政府信息1015条，其中规范性文件1件。",
        "一、" + "很长的标题" * 10,
        "其他需要报告的事项2021年，无收取信息处理费情况。",
        "(2018 年度)",
        "二○一九年一月十七日起施行的办法对此作了规定，各单位应当遵照执行。",
    ],
)
def test_content_is_not_a_heading(text):
    assert tok(text).kind == PARA


def test_styled_heading_allows_longer_text_and_numberless_headings():
    long_title = "一、" + "关于进一步加强政府信息公开工作" * 3
    assert tok(long_title).kind == PARA
    assert tok(long_title, outline_level=0).kind == H1
    t = tok("总体情况", outline_level=0)
    assert (t.kind, t.numbering, t.number, t.ordinal) == (H1, "style", "", 0)
    assert tok("主动公开", style="Heading 2").kind == H2


def test_word_numbering_is_marked_auto():
    t = tok("二、主动公开政府信息情况", number_label="二、")
    assert (t.kind, t.numbering, t.ordinal) == (H1, "auto", 2)
    assert tok("二、主动公开政府信息情况").numbering == "typed"


def test_markdown_hashes_are_stripped_but_do_not_make_headings():
    assert tok("## 一、总体情况").kind == H1
    assert tok("## 一、总体情况").title == "总体情况"
    assert tok("### 三是提高解读效能。").kind == PARA


@pytest.mark.parametrize(
    "text,title", [("附件", ""), ("附件：政府信息公开情况统计表", "政府信息公开情况统计表"), ("附件1：统计表", "统计表"), ("附表", "")]
)
def test_attachments(text, title):
    t = tok(text)
    assert (t.kind, t.title) == (ATTACH, title)


@pytest.mark.parametrize("text", ["附件中列出了全年公开的信息目录。", "附件下载"])
def test_attachment_like_content(text):
    assert tok(text).kind == PARA


@pytest.mark.parametrize(
    "text",
    [
        "2019年1月17日",
        "二○一九年一月十七日",
        "(2026年1月23日)",
        "（2026年1月23日）",
        "石嘴山市司法局",
        "填报日期：2019年1月17日",
        "平潭综合实验区管委会办公室 二〇一三年一月",
    ],
)
def test_signature_lines(text):
    assert tok(text).kind == SIGNATURE


@pytest.mark.parametrize("text", ["截至2018年12月31日，共收到申请3件。", "网上服务能力", "事项清单及办事指南"])
def test_not_signature_lines(text):
    assert tok(text).kind != SIGNATURE


def test_title_single_line():
    toks = classify(doc("石嘴山市司法局 2018 年 政府信息公开工作年度报告", "本报告由石嘴山市司法局编制。", "一、总体情况"))
    assert [t.kind for t in toks] == [TITLE, PARA, H1]
    assert toks[0].title == "石嘴山市司法局 2018 年 政府信息公开工作年度报告"


def test_title_over_two_lines():
    toks = classify(doc("正文", "2024 年上海市科委政府信息公开工作", "年度报告", "根据《条例》的要求，市科委编制了本报告。"))
    assert [t.kind for t in toks] == [PARA, TITLE, TITLE, PARA]


def test_agency_line_before_title_is_part_of_it():
    toks = classify(doc("石嘴山市司法局", "2018年政府信息公开工作年度报告", "一、总体情况"))
    assert [t.kind for t in toks] == [TITLE, TITLE, H1]


def test_title_run_into_first_paragraph():
    toks = classify(doc("平潭县人民政府2011年政府信息公开工作年度报告 本报告主要根据《中华人民共和国政府信息公开条例》编制。" * 2))
    assert toks[0].kind == TITLE
    assert toks[0].title == "平潭县人民政府2011年政府信息公开工作年度报告"


def test_title_only_near_the_top():
    lines = ["一、总体情况", "正文。", "本机关2018年度政府信息公开工作年度报告"]
    assert TITLE not in [t.kind for t in classify(doc(*lines))]


def test_markdown_title():
    toks = classify(doc("# 沐阳县人民政府 2025 年 政府信息公开工作年度报告", "## 一、总体情况"))
    assert [t.kind for t in toks] == [TITLE, H1]
    assert toks[0].title == "沐阳县人民政府 2025 年 政府信息公开工作年度报告"


def test_tables_blank_and_cell_paragraphs():
    b = DocumentBuilder("t.docx", "docx")
    b.paragraph("一、总体情况")
    b.paragraph("   ")
    b.table(1, 1, [Cell(0, 0, "一、主动公开情况")])
    b.paragraph("一、主动公开情况", container=(2, 0, 0))
    b.paragraph("正文。")
    toks = classify(b.doc)
    assert [(t.kind, t.block) for t in toks] == [(H1, 0), (TABLE, 2), (PARA, 4)]


def test_year_in_text():
    assert year_in_text("2018年") == 2018
    assert year_in_text("二〇一八年政府信息公开") == 2018
    assert year_in_text("第1999号") is None
    assert year_in_text("编号12018") is None
    assert year_in_text("无年份") is None


@pytest.mark.parametrize(
    "title,year",
    [
        ("石嘴山市司法局 2018 年 政府信息公开工作年度报告", 2018),
        ("平潭综合实验区 2014年度政府信息公开工作年度报告", 2014),
        ("某某局二〇一八年政府信息公开工作年度报告", 2018),
        ("某某局二○一九年政府信息公开工作年度报告", 2019),
        ("2100号文件 某局2019年政府信息公开工作年度报告", 2019),
        ("政府信息公开工作年度报告格式模板", None),
    ],
)
def test_report_year(title, year):
    d = doc(title, "正文。")
    assert report_year(d) == year
    assert report_year(d, build_outline(d)) == year


def test_report_year_without_title():
    assert report_year(doc("一、总体情况", "正文。")) is None
