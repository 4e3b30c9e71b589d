"""The words checked as carefully as the tables (issue 12).

Bindings over expressions (sums of cells, row groups, either of two readings), percentages
against every plausible base, the same measure stated twice, and the text-quality family Q.
Most cases edit one phrase of fixtures/gov/report-2021.txt, whose table is consistent, and
lint the result: the clean wording must be silent, the wrong one must be named.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from report_lint.checks.narrative import find_shares, share_fits, share_problems
from report_lint.checks.quality import enumeration_problems, regulation_slip, repeated_items, unbalanced_marks
from report_lint.lint import LintOptions, lint_file
from report_lint.profiles.load import ProfileError, load_profiles

ROOT = Path(__file__).resolve().parents[1]
REPORT = (ROOT / "fixtures" / "gov" / "report-2021.txt").read_text(encoding="utf-8")
ORIGINAL = "予以公开19件，部分公开6件"
SECTION_SIX = "2021年，本机关未收取信息处理费。"


def lint_text(tmp_path: Path, text: str, name: str = "r.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return lint_file(str(path), LintOptions())


def edited(old: str, new: str) -> str:
    assert old in REPORT, old
    return REPORT.replace(old, new, 1)


def codes(result, prefix: str = "") -> list[str]:
    return [f.code for f in result.findings if f.code.startswith(prefix)]


# ---------------------------------------------------------------------------------
# The issue's table


def test_issue_row_one_combined_phrase_and_share_are_silent(tmp_path):
    r = lint_text(tmp_path, edited(ORIGINAL, "予以公开及部分公开25件，占52.1%"))
    assert codes(r, "N") == []


def test_issue_row_two_wrong_share_is_named(tmp_path):
    r = lint_text(tmp_path, edited(ORIGINAL, "予以公开及部分公开25件，占58.1%"))
    assert codes(r, "N") == ["N010"]
    f = r.findings[0]
    msg = f.text("zh")
    assert "58.1%" in msg and "25/48 = 52.1%" in msg and "25/46 = 54.3%" in msg
    assert f.numbers["percent"] == 58.1 and 48 in f.numbers["bases"] and 46 in f.numbers["bases"]
    assert f.severity == "warning"


# ---------------------------------------------------------------------------------
# Bindings over expressions: one clean and one wrong wording per binding
# (table of report-2021: new 46, carried 2, granted 19, partial 6, refused 4, unable 12,
# not processed 3, other 2, total 46; lawsuits 1 direct + 0 after review).

BINDINGS = [
    # (binding, clean wording, wrong wording, code the wrong one gives)
    ("requests.granted_and_partial", "予以公开及部分公开25件", "予以公开及部分公开27件", "N001"),
    ("requests.granted_and_partial (和)", "予以公开和部分公开二十五件", "予以公开和部分公开二十七件", "N001"),
    ("requests.refused", "不予公开4件", "不予公开5件", "N001"),
    ("requests.refused (Chinese numeral)", "不予公开四件", "不予公开七件", "N001"),
    ("requests.unable", "无法提供12件", "无法提供11件", "N001"),
    ("requests.unable (approximate)", "无法提供十余件", "无法提供近百件", "N002"),
    ("requests.ignored", "不予处理3件", "不予处理4件", "N001"),
    ("requests.other_processing", "其他处理2件", "其他处理3件", "N001"),
    ("requests.closed", "办结政府信息公开申请46件", "办结政府信息公开申请48件", "N001"),
    ("requests.accepted (new + carried)", "受理政府信息公开申请48件", "受理政府信息公开申请47件", "N001"),
    ("requests.accepted (new alone)", "受理政府信息公开申请46件", "受理政府信息公开申请45件", "N001"),
]


@pytest.mark.parametrize("binding,good,bad,code", BINDINGS, ids=[b[0] for b in BINDINGS])
def test_expression_binding(tmp_path, binding, good, bad, code):
    clean = lint_text(tmp_path, edited(ORIGINAL, good), "good.txt")
    assert codes(clean, "N") == [], [f.text("zh") for f in clean.findings]
    wrong = lint_text(tmp_path, edited(ORIGINAL, bad), "bad.txt")
    assert codes(wrong, "N") == [code], [f.text("zh") for f in wrong.findings]


def test_litigation_sum_binding(tmp_path):
    # "被提起行政诉讼1件" is already in the overview: direct 1 + after review 0.
    assert "被提起行政诉讼1件" in REPORT
    assert codes(lint_text(tmp_path, REPORT), "N") == []
    r = lint_text(tmp_path, edited("被提起行政诉讼1件", "被提起行政诉讼2件"))
    assert codes(r, "N") == ["N001"]
    assert "未经复议直接起诉总计＋复议后起诉总计" in r.findings[0].text("zh")


def test_both_kinds_together_is_not_the_lawsuit_figure(tmp_path):
    r = lint_text(tmp_path, edited("被提起行政诉讼1件", "行政复议、行政诉讼案件3件"))
    assert codes(r, "N") == []


def test_accepted_names_both_readings(tmp_path):
    r = lint_text(tmp_path, edited(ORIGINAL, "受理政府信息公开申请47件"))
    msg = r.findings[0].text("zh")
    assert "为 48" in msg and "为 46" in msg and "均不相符" in msg


def test_combined_phrase_is_never_read_as_its_last_word(tmp_path):
    # 部分公开 alone is 6: the combined phrase states 25 and must not be compared with 6.
    r = lint_text(tmp_path, edited(ORIGINAL, "予以公开及部分公开25件"))
    assert all("部分公开25件”（25），而" not in f.text("zh") for f in r.findings)
    assert codes(r, "N") == []


def test_sum_binding_refs_expand_per_profile():
    profiles = load_profiles()
    b21 = {b.key: b for b in profiles["gov-2021"].bindings}
    b19 = {b.key: b for b in profiles["gov-2019"].bindings}
    assert len(b21["requests.refused"].sums[0]) == 8
    assert len(b21["requests.unable"].sums[0]) == 3
    assert len(b21["requests.ignored"].sums[0]) == 5
    assert len(b21["requests.other_processing"].sums[0]) == 3
    # The 2019 format has one 其他处理 row: the group reference is that row.
    assert b19["requests.other_processing"].sums == [["requests.other@total"]]
    assert b21["requests.accepted"].sums == [["requests.new@total", "requests.carried@total"], ["requests.new@total"]]
    assert b21["requests.granted_and_partial"].combined and not b21["requests.closed"].combined


def _rules_dir(tmp_path: Path, binding: str) -> Path:
    d = tmp_path / "rules"
    d.mkdir()
    (d / "x.toml").write_text(
        '[profile]\nname = "x"\n\n[[tables]]\nkey = "t"\ntitle = "T"\n'
        '[[tables.rows]]\nkey = "a.one"\nlabel = "A1"\n[[tables.rows]]\nkey = "a.two"\nlabel = "A2"\n'
        '[[tables.cols]]\nkey = "n"\nlabel = "N"\n\n' + binding,
        encoding="utf-8",
    )
    return d


def test_loader_validates_text_quality_lists(tmp_path):
    d = _rules_dir(tmp_path, '[format_rules]\nreduplications = "研究研究"\n')
    with pytest.raises(ProfileError):
        load_profiles(str(d))


def test_loader_expands_and_validates_sums(tmp_path):
    ok = _rules_dir(tmp_path, '[[bindings]]\nkey = "b"\nsum = ["t.a.*@n"]\npatterns = [\'A{num}件\']\n')
    assert load_profiles(str(ok))["x"].bindings[0].sums == [["t.a.one@n", "t.a.two@n"]]


@pytest.mark.parametrize(
    "body",
    [
        'sum = ["t.b.*@n"]',  # no row of that group
        'sum = ["t.a.one@m"]',  # unknown column
        'sum = ["t.a.one@n"]\nany_of = [["t.a.one@n"]]',  # both forms
        'any_of = ["t.a.one@n"]',  # not a list of lists
    ],
)
def test_loader_rejects_bad_sums(tmp_path, body):
    d = _rules_dir(tmp_path, f"[[bindings]]\nkey = \"b\"\n{body}\npatterns = ['A{{num}}件']\n")
    with pytest.raises(ProfileError):
        load_profiles(str(d))


# ---------------------------------------------------------------------------------
# Percentages


def test_share_fits_precision_and_truncation():
    assert share_fits(Decimal(25), Decimal(48), Decimal("52.1"), 1)  # 52.083…
    assert share_fits(Decimal(25), Decimal(48), Decimal("52.08"), 2)
    assert not share_fits(Decimal(25), Decimal(48), Decimal("52.2"), 1)
    assert share_fits(Decimal(2), Decimal(3), Decimal("66.6"), 1)  # truncated 66.66…
    assert share_fits(Decimal(2), Decimal(3), Decimal("66.7"), 1)  # rounded
    assert share_fits(Decimal(2), Decimal(3), Decimal(67), 0)
    assert not share_fits(Decimal(2), Decimal(3), Decimal(68), 0)


def test_share_forms_are_read():
    forms = {
        "予以公开25件，占52.1%": ("25", "52.1", None),
        "其中自然人申请二十件（占比43.5%）": ("20", "43.5", None),
        "25件，占全部申请的52.1%": ("25", "52.1", None),
        "办理110件，完成目标100件的110%": ("110", "110", "100"),
        "受理审批事项117件，办结117件，办结率100%": ("117", "100", "117"),
    }
    for text, (x, y, base) in forms.items():
        (sh,) = find_shares(0, text)
        assert (sh.x, sh.y) == (Decimal(x), Decimal(y)), text
        assert sh.base == (Decimal(base) if base else None), text


def test_respectively_pairs_shares_with_counts():
    shares = find_shares(0, "共收到申请46件，其中自然人40件、法人6件，分别占87%、13%。")
    assert [(s.x, s.y) for s in shares] == [(40, 87), (6, 13)]
    assert share_problems([(0, "共收到申请46件，其中自然人40件、法人6件，分别占87%、13%。")]) == []
    bad = share_problems([(0, "共收到申请46件，其中自然人40件、法人6件，分别占87%、23%。")])
    assert {p.code for p in bad} == {"N010", "N011"}


def test_base_the_report_does_not_state_is_not_judged():
    assert share_problems([(0, "本年办理申请25件，占全市申请总量的12%。")]) == []
    assert share_problems([(0, "本年办理申请25件，增长15%。")]) == []


def test_share_without_a_whole_in_view_is_not_judged():
    # No total stated before it and not a share of requests: the base is unknown.
    assert share_problems([(0, "作出行政处罚决定356件，占40%。")]) == []
    # The total stated in an earlier sentence of the paragraph is in view.
    (p,) = share_problems([(0, "共收到申请46件。其中自然人申请40件，占97%。")])
    assert p.code == "N010" and p.tried[0][0] == 46
    # A share of requests is judged against the table's totals.
    (p,) = share_problems([(0, "予以公开25件，占58.1%。")], lambda: [("本年新收", Decimal(46)), ("新收＋上年结转", Decimal(48))])
    assert [b for b, _w in p.tried] == [46, 48]


def test_explicit_ratio_checked():
    (p,) = share_problems([(0, "全年办理120件，完成目标100件的110%。")])
    assert p.code == "N010" and p.tried[0][0] == 100
    assert share_problems([(0, "全年办理110件，完成目标100件的110%。")]) == []


def _fmt(value: Decimal, places: int, truncate: bool) -> str:
    q = Decimal(1).scaleb(-places)
    if truncate:
        value = (value / q).to_integral_value(rounding="ROUND_DOWN") * q
    else:
        value = value.quantize(q, rounding="ROUND_HALF_UP")
    return f"{value:.{places}f}"


LABELS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


@st.composite
def consistent_paragraph(draw):
    parts = draw(st.lists(st.integers(1, 3000), min_size=2, max_size=6))
    total = sum(parts)
    places = draw(st.integers(0, 2))
    truncate = draw(st.booleans())
    shares = [_fmt(Decimal(x) * 100 / total, places, truncate) for x in parts]
    return total, parts, shares, places, truncate


def _paragraph(total, parts, shares) -> str:
    items = "；".join(f"{LABELS[i]}申请{x}件，占{y}%" for i, (x, y) in enumerate(zip(parts, shares)))
    return f"全年共收到政府信息公开申请{total}件，其中{items}。"


@settings(max_examples=150, deadline=None)
@given(consistent_paragraph())
def test_consistent_shares_are_silent(case):
    total, parts, shares, _places, _truncate = case
    assert share_problems([(0, _paragraph(total, parts, shares))]) == []


@settings(max_examples=150, deadline=None)
@given(consistent_paragraph(), st.data())
def test_one_wrong_share_is_caught_and_named(case, data):
    total, parts, shares, places, _truncate = case
    i = data.draw(st.integers(0, len(parts) - 1))
    unit = Decimal(1).scaleb(-places)
    right = Decimal(parts[i]) * 100 / total
    off = data.draw(st.integers(2, 500)) * unit * data.draw(st.sampled_from([1, -1]))
    wrong = (right + off).quantize(unit)
    assume(Decimal(0) < wrong <= 100)
    # Precision first: a wrong share that happens to fit another figure the paragraph
    # states (another part, the total, the sum of everything) is not a certain slip.
    stated = set(parts) | {total, 2 * total}
    assume(not any(share_fits(Decimal(parts[i]), Decimal(b), wrong, places) for b in stated if b >= parts[i]))
    shares = list(shares)
    shares[i] = f"{wrong:.{places}f}"
    problems = share_problems([(0, _paragraph(total, parts, shares))])
    named = [p for p in problems if p.code == "N010"]
    assert len(named) == 1
    assert named[0].share.x == parts[i] and named[0].share.y == wrong


def test_n011_shares_of_a_stated_total(tmp_path):
    text = "共收到申请46件，其中自然人申请40件，占87%；法人或其他组织申请6件，占23%。"
    assert {p.code for p in share_problems([(0, text)])} == {"N010", "N011"}
    assert share_problems([(0, text.replace("23%", "13%"))]) == []


# ---------------------------------------------------------------------------------
# The same measure twice


def test_same_measure_of_another_agency_is_another_measure(tmp_path):
    text = edited(SECTION_SIX, SECTION_SIX + "\n其中，区财政局收到政府信息公开申请3件。")
    assert codes(lint_text(tmp_path, text), "N012") == []
    text = edited(SECTION_SIX, SECTION_SIX + "\n2021年，本机关共收到政府信息公开申请47件。")
    assert codes(lint_text(tmp_path, text, "b.txt"), "N012") == ["N012"]


def test_same_measure_twice(tmp_path):
    extra = "通过门户网站发布信息597条。"
    r = lint_text(tmp_path, edited(SECTION_SIX, SECTION_SIX + "\n" + extra + "此外，通过门户网站发布信息596条。"))
    (f,) = [f for f in r.findings if f.code == "N012"]
    assert f.numbers["first"] == 597 and f.numbers["second"] == 596
    same = lint_text(tmp_path, edited(SECTION_SIX, SECTION_SIX + "\n" + extra + "其中通过门户网站发布信息597条。"), "s.txt")
    assert codes(same, "N012") == []
    other_subject = lint_text(tmp_path, edited(SECTION_SIX, SECTION_SIX + "\n" + extra + "区财政局通过门户网站发布信息96条。"), "u.txt")
    assert codes(other_subject, "N012") == []
    other_channel = lint_text(tmp_path, edited(SECTION_SIX, SECTION_SIX + "\n" + extra + "通过微信公众号发布信息596条。"), "o.txt")
    assert codes(other_channel, "N012") == []


# ---------------------------------------------------------------------------------
# Q: text quality


@pytest.mark.parametrize(
    "text,expected",
    [
        ("一是加强培训；二是完善制度；三是强化监督。", []),
        ("一是加强培训；三是强化监督。", ["gap"]),
        ("一是加强培训；二是完善制度；二是强化监督。", ["repeat"]),
        ("一是加强培训；二是完善制度，一是强化监督。", ["restart"]),
        ("一是问题甲；二是问题乙。一是改进甲；二是改进乙。", []),  # a second list after a full stop
        ("二是完善制度；四是强化监督。", []),  # does not start at 1: may continue another paragraph
        ("第一，加强培训。第二，完善制度。第四，强化监督。", ["gap"]),
        ("（1）加强培训；（2）完善制度；（2）强化监督。", ["repeat"]),
        ("统一是基础；二是完善。", []),  # 统一是 is no marker
        ("一是畅通渠道。二是柔性答复。5.加强平台建设二是推动热线入驻。", []),  # a numbered item between
    ],
)
def test_enumeration_problems(text, expected):
    assert [p[0] for p in enumeration_problems(text)] == expected


@pytest.mark.parametrize(
    "text,unclosed,stray",
    [
        ("依据《条例》（2019年修订）编制。", 0, 0),
        ("依据《条例（2019年修订）编制。", 1, 0),
        ("优化网站（含移动端，规范发布。", 1, 0),
        ("优化网站含移动端），规范发布。", 0, 1),
        ("称“放管服”改革。", 0, 0),
        ("称“放管服改革。", 1, 0),
        ("依据（半角混用)编制。", 0, 0),
        ("主要做法：1）加强培训；2）完善制度。", 0, 0),  # item numbers, not brackets
    ],
)
def test_unbalanced_marks(text, unclosed, stray):
    u, s = unbalanced_marks(text)
    assert (len(u), len(s)) == (unclosed, stray)


def test_unbalanced_mark_broken_paragraph_is_silent(tmp_path):
    # A paragraph broken in the middle (PDF line ends): the next one closes the title.
    text = edited("优化门户网站政府信息公开专栏，", "优化门户网站《政府信息\n公开专栏》，")
    assert codes(lint_text(tmp_path, text), "Q003") == []


@pytest.mark.parametrize(
    "text,items",
    [
        ("充分利用宁夏法治报、石嘴山日报、石嘴山日报等传统媒体。", ["石嘴山日报"]),
        ("丰富图解、视频、图解等解读形式。", ["图解"]),
        ("丰富图解、视频等解读形式。", []),
        ("公开预算、决算、三公经费等信息。", []),
    ],
)
def test_repeated_items(text, items):
    assert [i[2] for i in repeated_items(text)] == items


@pytest.mark.parametrize(
    "title,slip",
    [
        ("中华人民共和国政府信息公开条例", False),
        ("政府信息公开条例", False),  # the usual short form
        ("中华人民共和国政府信息公开工作条例", True),
        ("政府信息公开工作条例", True),
        ("中华人民共和国信息公开条例", True),
        ("上海市政府信息公开规定", False),
        ("中华人民共和国政府信息公开工作年度报告格式", False),
    ],
)
def test_regulation_slip(title, slip):
    assert regulation_slip(title) is slip


def test_old_order_number_after_2019(tmp_path):
    text = edited("《中华人民共和国政府信息公开条例》和", "《中华人民共和国政府信息公开条例》（国务院令第492号）和")
    (f,) = [f for f in lint_text(tmp_path, text).findings if f.code == "Q006"]
    assert f.numbers["expected"] == 711
    fine = edited("《中华人民共和国政府信息公开条例》和", "《中华人民共和国政府信息公开条例》（国务院令第711号）和")
    assert codes(lint_text(tmp_path, fine, "f.txt"), "Q006") == []


@pytest.mark.parametrize(
    "new,code,hit",
    [
        ("规范的的政务新媒体信息发布", "Q007", True),
        ("规范“的的”二字的写法", "Q007", False),  # inside a quotation
        ("问题一了了之", "Q007", False),
        ("为了了解群众需求", "Q007", False),
        ("达到目的的手段", "Q007", False),
        ("现在在网站发布", "Q007", False),
        ("实实在在地发布", "Q007", False),
        ("的的确确发布", "Q007", False),
        ("等等", "Q007", False),
        ("规范经费经费管理", "Q010", True),
        ("规范工作工作机制", "Q010", True),
        ("大家研究研究发布机制", "Q010", False),  # an intended reduplication (profile list)
        ("一个一个落实", "Q010", False),
        ("天天发布", "Q010", False),
    ],
)
def test_doubled_characters_and_words(tmp_path, new, code, hit):
    r = lint_text(tmp_path, edited("规范政务新媒体信息发布", new))
    assert (code in codes(r)) is hit, [f.text("zh") for f in r.findings]


def test_doubled_mark_carries_its_fix(tmp_path):
    r = lint_text(tmp_path, edited("认真贯彻落实《", "认真贯彻落实《《"))
    (f,) = [f for f in r.findings if f.code == "Q002"]
    rep = f.numbers["replace"]
    assert rep["old"] == "《《" and rep["new"] == "《" and rep["end"] - rep["start"] == 2
    assert codes(r, "Q003") == []  # the extra 《 is Q002's finding, not an unpaired mark


def test_plan_in_next_year_is_fine_report_year_is_not(tmp_path):
    assert codes(lint_text(tmp_path, REPORT), "Q005") == []
    r = lint_text(tmp_path, edited("2022年，将加强栏目日常巡查", "2021年，我局将加强栏目日常巡查"))
    assert codes(r, "Q005") == ["Q005"]
    # 将 as the object marker narrates what was done in the year.
    done = lint_text(tmp_path, edited("2022年，将加强栏目日常巡查", "2021年，将栏目巡查纳入考核，2022年将加强栏目日常巡查"), "d.txt")
    assert codes(done, "Q005") == []


@pytest.mark.parametrize(
    "body,hit", [("无。", True), ("暂无。", True), ("有待改进。", True), ("一是部分栏目更新不够及时，2022年将加强巡查。", False)]
)
def test_problems_section_empty(tmp_path, body, hit):
    old = "一是部分栏目更新不够及时；二是政策解读形式较为单一。2022年，将加强栏目日常巡查，丰富图解、视频等解读形式。"
    r = lint_text(tmp_path, edited(old, body))
    assert ("Q009" in codes(r)) is hit


# ---------------------------------------------------------------------------------
# F002: the fee statement as reports write it


@pytest.mark.parametrize(
    "statement",
    [
        "本年度未向申请人收取相关费用。",
        "没有收取任何费用。",
        "不收取费用。",
        "收取信息处理费0元。",
        "未发生收费情况。",
        "未收取信息处理费。",
    ],
)
def test_fee_statement_wordings(tmp_path, statement):
    assert codes(lint_text(tmp_path, edited(SECTION_SIX, statement)), "F002") == []


def test_fee_statement_elsewhere_counts(tmp_path):
    text = edited(SECTION_SIX, "无。").replace("结转下年度继续办理2件。", "结转下年度继续办理2件，均未向申请人收取费用。", 1)
    assert codes(lint_text(tmp_path, text), "F002") == []


def test_fee_statement_missing_everywhere(tmp_path):
    # 行政事业性收费 (section 二) and the table's 收费通知 row are no statement about this fee.
    assert codes(lint_text(tmp_path, edited(SECTION_SIX, "无。")), "F002") == ["F002"]
