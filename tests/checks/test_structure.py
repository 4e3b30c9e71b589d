"""Structure rules S001–S007 (report_lint.checks.structure)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report_lint.checks.catalogue import REGISTRY
from report_lint.facts.sections import normalize


def analyse(ctx):
    return ctx.section_map


from report_lint.text.numerals import to_chinese as cn_number
from report_lint.facts.context import LintContext
from report_lint.model.document import DocumentBuilder, table_from_rows
from report_lint.outline.build import build_outline
from report_lint.profiles.load import Profile, SectionSpec, get_profile

# fixtures/seed/seed.txt is a verbatim copy of the shared seed; fall back to the original.
_SEED_FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "seed" / "seed.txt"
SEED = _SEED_FIXTURE if _SEED_FIXTURE.exists() else Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_69bd6c6401fe330c.txt"
S_CODES = ["S001", "S002", "S003", "S004", "S005", "S006", "S007"]


def doc_from_text(text: str):
    """Lines → paragraphs; runs of tab-separated lines → one table (a tiny text reader)."""
    b = DocumentBuilder("t.txt", "txt")
    rows: list[list[str]] = []
    for i, ln in enumerate(text.splitlines(), 1):
        if "\t" in ln:
            rows.append(ln.split("\t"))
            continue
        if rows:
            b.table(*table_from_rows(rows))
            rows = []
        if ln.strip():
            b.paragraph(ln, line=i)
    if rows:
        b.table(*table_from_rows(rows))
    return b.doc


# The six headings of the 2019/2021 national format (formats.md §2.2), as a profile of
# its own so these tests do not depend on the shipped rules/ files.
SIX = [
    ("overview", "一", "总体情况", ["总体工作情况"], []),
    ("active", "二", "主动公开政府信息情况", ["主动公开政府信息"], []),
    ("on_request", "三", "收到和处理政府信息公开申请情况", [], []),
    ("review", "四", "政府信息公开行政复议、行政诉讼情况", ["政府信息公开行政复议及行政诉讼情况"], []),
    ("problems", "五", "存在的主要问题及改进情况", ["政府信息公开工作存在的主要问题及改进情况"], []),
    ("other", "六", "其他需要报告的事项", [], []),
]


def six_profile(mode: str = "headings", ordered: bool = True, numbered: bool = True) -> Profile:
    return Profile(
        name="test-six",
        title={"zh": "测试", "en": "test"},
        sections=[SectionSpec(key=k, title=t, number=n, variants=v, keywords=kw) for k, n, t, v, kw in SIX],
        sections_mode=mode,
        ordered=ordered,
        numbered=numbered,
    )


GOOD = """某某局2021年政府信息公开工作年度报告
本报告依据《条例》编制。
一、总体情况
2021年，本局主动公开政府信息120条。
（一）主动公开
正文。
（二）依申请公开
正文。
二、主动公开政府信息情况
略。
三、收到和处理政府信息公开申请情况
略。
四、政府信息公开行政复议、行政诉讼情况
略。
五、存在的主要问题及改进情况
1.问题
正文。
2.改进
正文。
六、其他需要报告的事项
本年度未收取信息处理费。
某某局
2022年1月20日
"""


def lint(text: str, profile: Profile, codes=S_CODES):
    d = doc_from_text(text)
    ctx = LintContext(document=d, outline=build_outline(d), profile=profile, year=None)
    out = []
    for c in codes:
        out.extend(REGISTRY[c].check(ctx))
    return out


def only(findings, code):
    return [f for f in findings if f.code == code]


def test_rules_are_registered_with_names():
    names = {c: REGISTRY[c].name for c in S_CODES}
    assert names == {
        "S001": "missing-section",
        "S002": "section-order",
        "S003": "numbering-gap",
        "S004": "title-missing-year",
        "S005": "heading-variant",
        "S006": "unexpected-section",
        "S007": "outline-problem",
    }
    for c in S_CODES:
        r = REGISTRY[c]
        assert r.summary["zh"] and r.summary["en"] and r.doc["zh"] and r.bad and r.good


def test_clean_report_has_no_findings():
    assert lint(GOOD, six_profile()) == []


@pytest.mark.parametrize("code", S_CODES)
def test_rule_examples(code):
    """Each rule's documented bad example fires it and its good example does not."""
    rule = REGISTRY[code]
    title = "某某局2021年政府信息公开工作年度报告\n"
    prof = six_profile()
    bad = only(lint(("" if code == "S004" else title) + rule.bad, prof, [code]), code)
    good = only(lint(("" if code == "S004" else title) + rule.good, prof, [code]), code)
    assert bad, code
    assert not good, code


# -- the seed ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_text():
    if not SEED.exists():
        pytest.skip("shared seed report not available")
    return SEED.read_text(encoding="utf-8")


def test_seed_is_clean_under_its_profile(seed_text):
    found = lint(seed_text, get_profile("seed-2018"))
    assert [f for f in found if f.severity == "error"] == []
    assert found == []


def test_seed_is_clean_under_the_old_era_topics(seed_text):
    assert lint(seed_text, get_profile("base-2008")) == []


def test_seed_missing_section_is_an_error(seed_text):
    text = seed_text.replace("六、开展政策解读情况", "开展政策解读。")
    found = lint(text, get_profile("seed-2018"))
    s001 = only(found, "S001")
    assert len(s001) == 1 and s001[0].severity == "error"
    assert "六、开展政策解读情况" in s001[0].message["zh"]
    # The gap 五 → 七 is that missing section, and 七 is right for 七: one finding, not two.
    assert only(found, "S003") == []


# -- S001 ------------------------------------------------------------------------------------


def test_missing_section_headings_mode():
    text = GOOD.replace("三、收到和处理政府信息公开申请情况\n略。\n", "")
    found = lint(text, six_profile())
    s001 = only(found, "S001")
    assert len(s001) == 1
    f = s001[0]
    assert f.severity == "error" and f.numbers == {"section": "on_request"}
    assert f.excerpt == "三、收到和处理政府信息公开申请情况"
    assert f.fix["zh"].startswith("按格式增加")
    # Points at the heading it should come before.
    d = doc_from_text(text)
    assert d.blocks[f.location.block].text == "四、政府信息公开行政复议、行政诉讼情况"


def test_run_in_heading_is_not_missing():
    text = GOOD.replace(
        "三、收到和处理政府信息公开申请情况\n略。", "三、收到和处理政府信息公开申请情况 本年度收到申请3件，均已按时办结，其中予以公开2件。"
    )
    found = lint(text, six_profile())
    assert only(found, "S001") == []
    s005 = only(found, "S005")
    assert len(s005) == 1 and "连排" in s005[0].message["zh"]


def test_run_in_heading_with_a_typo_is_not_missing():
    text = GOOD.replace(
        "四、政府信息公开行政复议、行政诉讼情况\n略。",
        "四、政府信息公开行政法复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计，本年度均为0件。",
    )
    assert only(lint(text, six_profile()), "S001") == []


def test_topics_mode_missing_is_a_warning():
    prof = six_profile(mode="topics", ordered=False)
    text = GOOD.replace("三、收到和处理政府信息公开申请情况\n略。\n", "")
    s001 = only(lint(text, prof), "S001")
    assert len(s001) == 1 and s001[0].severity == "warning"
    assert "收到和处理政府信息公开申请情况" in s001[0].message["zh"]


def test_topics_mode_finds_topic_in_text_and_in_subheadings():
    prof = six_profile(mode="topics", ordered=False)
    in_text = GOOD.replace("三、收到和处理政府信息公开申请情况\n略。\n", "").replace(
        "2021年，本局主动公开政府信息120条。", "2021年，本局主动公开政府信息120条。收到和处理政府信息公开申请情况良好。"
    )
    assert only(lint(in_text, prof), "S001") == []
    as_sub = GOOD.replace("三、收到和处理政府信息公开申请情况\n略。\n", "").replace(
        "（二）依申请公开", "（二）收到和处理政府信息公开申请情况"
    )
    assert only(lint(as_sub, prof), "S001") == []


def test_topics_mode_ignores_the_listing_sentence():
    prof = six_profile(mode="topics", ordered=False)
    text = (
        GOOD.replace("三、收到和处理政府信息公开申请情况\n略。\n", "")
        .replace("本报告依据《条例》编制。", "")
        .replace("2021年，本局主动公开", "本报告由总体情况、收到和处理政府信息公开申请情况等部分组成。2021年，本局主动公开")
    )
    assert len(only(lint(text, prof), "S001")) == 1


def test_old_era_profile_topics(seed_text):
    # base-2008 (topics): the seed covers 依申请公开 in its text; dropping every mention fires.
    prof = get_profile("base-2008")
    stripped = "\n".join(ln for ln in seed_text.splitlines() if "依申请" not in ln)
    s001 = only(lint(stripped, prof), "S001")
    # (The same paragraph also carried the seed's only mention of 行政复议.)
    assert "on_request" in [f.numbers["section"] for f in s001]
    assert {f.severity for f in s001} == {"warning"}


def test_optional_sections_are_not_required():
    prof = six_profile()
    prof.sections[5].required = False
    text = GOOD.replace("六、其他需要报告的事项\n本年度未收取信息处理费。\n", "")
    assert only(lint(text, prof), "S001") == []


# -- S002 ------------------------------------------------------------------------------------


SWAPPED = (
    GOOD.replace("二、主动公开政府信息情况", "二、@@")
    .replace("三、收到和处理政府信息公开申请情况", "三、主动公开政府信息情况")
    .replace("二、@@", "二、收到和处理政府信息公开申请情况")
)


def test_section_order():
    found = lint(SWAPPED, six_profile())
    s002 = only(found, "S002")
    assert len(s002) == 1
    assert s002[0].severity == "error"
    assert s002[0].excerpt in ("二、收到和处理政府信息公开申请情况", "三、主动公开政府信息情况")
    assert "顺序" in s002[0].message["zh"]
    # Numbers still run on, so no numbering finding.
    assert only(found, "S003") == []


def test_section_order_off_when_profile_unordered():
    assert only(lint(SWAPPED, six_profile(ordered=False)), "S002") == []


def test_lis_keeps_the_longest_in_order_run():
    from report_lint.checks.structure import _lis

    assert _lis([0, 1, 2]) == {0, 1, 2}
    assert _lis([0, 2, 1, 3]) in ({0, 1, 3}, {0, 2, 3})
    assert _lis([5, 0, 1, 2]) == {1, 2, 3}
    assert _lis([]) == set()


# -- S003 ------------------------------------------------------------------------------------


def test_level1_skip():
    # 三 skipped: the section after 二 is numbered 四 and the format gives it 三.
    text = GOOD.replace("三、收到和处理", "四、收到和处理")
    found = only(lint(text, six_profile()), "S003")
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error" and f.numbers == {"level": 1, "expected": 3, "found": 4, "should_be": [3]}
    assert "跳号" in f.message["zh"] and "「四、收到和处理政府信息公开申请情况」应为「三、」" in f.message["zh"]
    # The second 四 (行政复议…) has its own numeral: no second finding for the same fault.


def test_level1_skip_of_a_missing_section_is_s001s():
    text = GOOD.replace("三、收到和处理政府信息公开申请情况\n略。\n", "")
    found = lint(text, six_profile())
    assert only(found, "S003") == [] and len(only(found, "S001")) == 1


def test_level1_skip_at_an_unrecognised_heading():
    text = GOOD.replace(
        "六、其他需要报告的事项\n本年度未收取信息处理费。\n", "六、其他需要报告的事项\n本年度未收取信息处理费。\n八、工作亮点\n略。\n"
    )
    found = only(lint(text, six_profile()), "S003")
    assert [(f.numbers["expected"], f.numbers["found"]) for f in found] == [(7, 8)] and "should_be" not in found[0].numbers


def test_level1_repeat_and_restart():
    text = GOOD.replace("三、收到和处理", "二、收到和处理")
    found = only(lint(text, six_profile()), "S003")
    # The repeated 二 should be 三; the 四 after it is right (not a skip of its own).
    assert [(f.severity, f.numbers["found"], f.numbers["should_be"]) for f in found] == [("error", 2, [3])]
    assert "重复" in found[0].message["zh"]
    restart = GOOD.replace("五、存在的主要问题", "一、存在的主要问题").replace("六、其他需要", "二、其他需要")
    found = only(lint(restart, six_profile()), "S003")
    assert len(found) == 1 and "重新" in found[0].message["zh"] and found[0].numbers["should_be"] == [5, 6]
    backwards = GOOD.replace("五、存在的主要问题", "三、存在的主要问题")
    found = only(lint(backwards, six_profile()), "S003")
    assert len(found) == 1 and "倒退" in found[0].message["zh"] and found[0].numbers["should_be"] == [5]


def test_level1_gap_filled_by_run_in_paragraph():
    text = GOOD.replace(
        "三、收到和处理政府信息公开申请情况\n略。", "三、收到和处理政府信息公开申请情况。本年度收到申请3件，已全部办结，答复及时。"
    )
    assert only(lint(text, six_profile()), "S003") == []


def test_level2_gap_is_a_warning():
    text = GOOD.replace("（二）依申请公开", "（三）依申请公开")
    found = only(lint(text, six_profile()), "S003")
    assert [(f.severity, f.numbers["level"]) for f in found] == [("warning", 2)]
    assert found[0].location.section == "一/（三）"


def test_level3_gap_is_a_warning():
    text = GOOD.replace("2.改进", "3.改进")
    found = only(lint(text, six_profile()), "S003")
    assert [(f.severity, f.numbers["level"], f.numbers["expected"]) for f in found] == [("warning", 3, 2)]


def test_nested_level3_lists_restart_freely():
    text = GOOD.replace("1.问题\n正文。\n2.改进", "1.问题\n（1）甲\n（2）乙\n2.改进\n（1）丙\n（2）丁")
    assert only(lint(text, six_profile()), "S003") == []


def test_level2_numbering_restarts_per_section():
    text = GOOD.replace("略。\n三、", "（一）甲\n（二）乙\n三、", 1)
    assert only(lint(text, six_profile()), "S003") == []


def test_numbering_check_off_when_profile_unnumbered():
    text = GOOD.replace("三、收到和处理", "二、收到和处理")
    assert only(lint(text, six_profile(numbered=False)), "S003") == []


# -- S004 ------------------------------------------------------------------------------------


def test_title_missing():
    found = only(lint(GOOD.split("\n", 1)[1], six_profile()), "S004")
    assert len(found) == 1 and found[0].severity == "error"
    assert "未找到报告标题" in found[0].message["zh"]
    assert found[0].location.block == 0


def test_title_without_year():
    text = GOOD.replace("某某局2021年政府信息公开工作年度报告", "某某局政府信息公开工作年度报告")
    found = only(lint(text, six_profile()), "S004")
    assert len(found) == 1
    assert found[0].excerpt == "某某局政府信息公开工作年度报告"
    assert found[0].location.block == 0


@pytest.mark.parametrize("title", ["某某局二〇二一年政府信息公开工作年度报告", "某某局 2021 年度政府信息公开工作年度报告"])
def test_title_year_forms(title):
    assert only(lint(GOOD.replace("某某局2021年政府信息公开工作年度报告", title), six_profile()), "S004") == []


def test_title_over_two_lines_has_its_year():
    text = GOOD.replace("某某局2021年政府信息公开工作年度报告", "2021 年某某局政府信息公开工作\n年度报告")
    assert only(lint(text, six_profile()), "S004") == []


# -- S005 / S006 -------------------------------------------------------------------------------


def test_heading_variant():
    text = GOOD.replace("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政法复议、行政诉讼情况")
    found = lint(text, six_profile())
    s005 = only(found, "S005")
    assert len(s005) == 1
    f = s005[0]
    assert f.severity == "warning"
    assert "「政府信息公开行政法复议、行政诉讼情况」与「政府信息公开行政复议、行政诉讼情况」" in f.message["zh"]
    assert only(found, "S001") == [] and only(found, "S006") == []


def test_cosmetic_differences_are_exact():
    text = (
        GOOD.replace("四、政府信息公开行政复议、行政诉讼情况", "四、 政府信息公开行政复议、行政诉讼情况：")
        .replace("一、总体情况", "一、总 体 情 况")
        .replace("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况")
    )
    assert lint(text, six_profile()) == []


def test_quotes_and_brackets_are_normalized():
    assert normalize("推进“互联网+政务服务”工作情况") == normalize('推进"互联网+政务服务"工作情况') == "推进互联网+政务服务工作情况"
    assert normalize("（一）总体情况。") == normalize("(一) 总体情况") == "(一)总体情况"
    assert normalize("１２：") == "12"


def test_heading_with_text_after_it():
    text = GOOD.replace("六、其他需要报告的事项", "六、其他需要报告的事项 无其他需要报告的事项")
    s005 = only(lint(text, six_profile()), "S005")
    assert len(s005) == 1 and "后接正文" in s005[0].message["zh"]


def test_unrelated_headings_are_not_fuzzy_matches():
    # Same shape, different section: 依申请公开情况 vs 主动公开情况 must not pair up.
    prof = Profile(name="p", title={"zh": "p"}, sections=[SectionSpec(key="a", title="主动公开情况", number="一")])
    found = lint("某局2019年政府信息公开工作年度报告\n一、依申请公开情况\n正文。", prof)
    assert [f.code for f in found] == ["S001", "S006"]


def test_unexpected_section_is_info():
    text = GOOD.replace("六、其他需要报告的事项", "六、其他需要报告的事项\n正文。\n七、工作亮点")
    found = lint(text, six_profile())
    s006 = only(found, "S006")
    assert [(f.severity, f.excerpt) for f in s006] == [("info", "七、工作亮点")]


def test_no_unexpected_sections_in_topics_mode():
    text = GOOD.replace("六、其他需要报告的事项", "六、其他需要报告的事项\n正文。\n七、工作亮点")
    assert only(lint(text, six_profile(mode="topics", ordered=False)), "S006") == []


def test_analysis_is_shared_between_rules():
    d = doc_from_text(GOOD)
    ctx = LintContext(document=d, outline=build_outline(d), profile=six_profile(), year=None)
    assert analyse(ctx) is analyse(ctx)
    assert [m.spec.key for m in analyse(ctx).matches] == [k for k, *_ in SIX]


# -- S007 ------------------------------------------------------------------------------------


def test_outline_problem():
    text = GOOD.replace("本报告依据《条例》编制。", "（一）提前出现的二级标题\n正文。")
    found = only(lint(text, six_profile()), "S007")
    assert len(found) == 1
    f = found[0]
    assert f.severity == "warning" and "二级标题出现在一级标题之前" in f.message["zh"]
    assert f.excerpt == "（一）提前出现的二级标题"
    assert f.numbers == {"kind": "orphan-subheading"}


# -- robustness --------------------------------------------------------------------------------


def test_cn_number():
    assert [cn_number(n) for n in (1, 10, 11, 20, 21, 99)] == ["一", "十", "十一", "二十", "二十一", "九十九"]


@pytest.mark.parametrize("text", ["", "\n\n", "正文。", "附件\n一、主动公开情况", "统计指标\t单位\t统计数\n一、主动公开情况\t\t"])
def test_degenerate_documents_do_not_raise(text):
    for prof in (six_profile(), six_profile(mode="topics", ordered=False), Profile(name="empty", title={"zh": "空"})):
        lint(text, prof)


_LINES = st.one_of(
    st.text(max_size=25),
    st.sampled_from([ln for ln in GOOD.splitlines()] + ["（三）乙", "3.丙", "附件", "一、主动公开情况", "七、工作亮点", "2019年1月1日"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, max_size=30), st.sampled_from(["headings", "topics"]))
def test_random_documents_do_not_raise(lines, mode):
    found = lint("\n".join(lines), six_profile(mode=mode, ordered=mode == "headings"))
    for f in found:
        assert f.code in S_CODES and f.severity in ("error", "warning", "info")
        assert f.message["zh"] and f.message["en"]


def test_sentence_starting_with_title_words_is_not_a_run_in_heading():
    text = GOOD.replace("一、总体情况\n", "总体情况良好，各项工作有序推进。\n")
    found = lint(text, six_profile())
    assert [f.numbers.get("section") for f in only(found, "S001")] == ["overview"]
    assert only(found, "S005") == []
