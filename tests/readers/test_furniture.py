"""Page furniture (page numbers, running titles) is left out of the text readers' blocks."""

from __future__ import annotations

from report_lint.model.document import Paragraph, Table
from report_lint.read.errors import Limits
from report_lint.read.furniture import furniture_lines, is_page_number, is_site_chrome, strip_furniture
from report_lint.read.text import read_text


def test_page_number_shapes():
    for s in ("— 3 —", "- 3 -", "－12－", "第3页 共6页", "第 3 页，共 6 页", "共6页 第3页", "3/6", "Page 3 of 6", "第３页"):
        assert is_page_number(s), s
    for s in ("3", "一、总体情况", "2021年", "3-6件", "（第3项）"):
        assert not is_page_number(s), s


def test_bare_numbers_only_when_they_count_pages():
    lines = ["甲", "1", "乙", "丙", "2", "丁", "3"]
    assert furniture_lines(lines) == {1, 4, 6}
    assert furniture_lines(["甲", "5", "乙"]) == set()  # a lone figure stays
    assert furniture_lines(["甲", "5", "乙", "9"]) == set()


def test_running_title_repeats_go_first_stays():
    title = "示例县示例局2021年政府信息公开工作年度报告"
    lines = [title, "正文。", title, "更多正文。", title, "结尾。"]
    kept, n = strip_furniture(lines)
    assert n == 2 and kept == [title, "正文。", "更多正文。", "结尾。"]
    # Sentences and table rows repeat for their own reasons.
    assert strip_furniture(["无。", "无。", "无。"])[1] == 0
    assert strip_furniture(["a\tb\tc"] * 3)[1] == 0


def test_footer_inside_a_table_neither_splits_it_nor_becomes_a_paragraph():
    rows = ["项目\t甲\t乙", "一\t1\t2", "二\t3\t4", "三\t5\t6"]
    text = "\n".join(["标题", *rows[:2], "— 2 —", *rows[2:], "第 3 页 共 3 页", "结尾"])
    doc = read_text("t.txt", text.encode(), Limits())
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    paras = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert len(tables) == 1 and tables[0].n_rows == 4
    assert paras == ["标题", "结尾"]
    assert any(n.kind == "page-furniture" and n.count == 2 for n in doc.notices)


CHROME = [
    "当前位置：首页 > 政务公开 > 政府信息公开年报",
    "您的位置: 首页 » 信息公开",
    "首页 > 政务公开 > 年度报告",
    "发布日期：2022-02-08 来源：示例县人民政府 字号：[ 大 中 小 ]",
    "【打印本页】",
    "分享到：",
]


def test_site_chrome_lines():
    for s in CHROME:
        assert is_site_chrome(s), s
    for s in ("一、总体情况", "示例县2021年政府信息公开工作年度报告", "信息来源：本机关。", "首页改版后，访问量明显上升。"):
        assert not is_site_chrome(s), s


def test_site_chrome_before_the_article_is_not_the_title():
    from report_lint.outline.build import build_outline
    from report_lint.read.html import read_html

    title = "示例县示例局2021年政府信息公开工作年度报告"
    page = (
        "<html><body><nav><a>首页</a> <a>政务公开</a></nav>"
        + "".join(f"<p>{c}</p>" for c in CHROME)
        + f"<h1>{title}</h1><p>一、总体情况</p><p>正文。</p></body></html>"
    )
    doc = read_html("p.html", page.encode(), Limits())
    texts = [b.text for b in doc.blocks]
    assert texts[0] == title and not any(c in texts for c in CHROME)
    assert build_outline(doc).title_text == title
    assert any(n.kind == "site-chrome" for n in doc.notices)


def test_repeated_numbered_headings_are_not_running_titles():
    lines = ["（一）工作情况说明", "正文。", "（一）工作情况说明", "正文。", "（一）工作情况说明"]
    assert strip_furniture(lines)[1] == 0
