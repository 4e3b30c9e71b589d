"""Page furniture (page numbers, running titles) is left out of the text readers' blocks."""

from __future__ import annotations

from report_lint.model.document import Paragraph, Table
from report_lint.read.errors import Limits
from report_lint.read.furniture import furniture_lines, is_page_number, strip_furniture
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
