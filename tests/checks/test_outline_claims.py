"""Issue 15: the outline and the claims read the way evaluators do.

S003/S010 each recognised section carries its format numeral; S011 the overview's sub-topics
numbered at level 1; S012 level-1 numerals written with debris; N030/N031 claims about the
whole of a kind (checks/claims.py) against the tables; one heading matcher for the narrative
section restrictions and --profile auto.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report_lint.checks import narrative
from report_lint.checks.catalogue import REGISTRY
from report_lint.checks.claims import find_claims
from report_lint.facts.sections import heading_score
from report_lint.model.document import DocumentBuilder
from report_lint.outline.classify import H1, H2, classify
from report_lint.profiles.choose import choose_profile
from report_lint.profiles.load import Binding, get_profile, load_profiles
from report_lint.text.numerals import to_chinese

from tests.lintutil import FIXTURES, context_for

CLEAN = (FIXTURES / "rules" / "clean-2021.txt").read_text(encoding="utf-8")
CLEAN_2018 = (FIXTURES / "rules" / "clean-2018.txt").read_text(encoding="utf-8")
STRUCT = ["S001", "S002", "S003", "S005", "S006", "S007", "S010", "S011", "S012"]
CLAIMS = ["N001", "N003", "N030", "N031"]


def findings(text: str, codes=STRUCT, profile: str = "gov-2021", year: int = 2021):
    ctx = context_for(text, profile, year)
    out = []
    for c in codes:
        out.extend(REGISTRY[c].check(ctx))
    return out


def by_code(found, code):
    return [f for f in found if f.code == code]


def renumber(text: str, mapping: dict[str, str]) -> str:
    """Rewrite level-1 headings (lines outside tables) by the start of their text."""
    out = []
    for line in text.split("\n"):
        if "\t" not in line:
            for old, new in mapping.items():
                if line.startswith(old):
                    line = new + line[len(old) :]
                    break
        out.append(line)
    return "\n".join(out)


SKIP_THREE = {
    "三、收到和处理": "四、收到和处理",
    "四、政府信息公开行政复议": "五、政府信息公开行政复议",
    "五、存在的主要问题": "六、存在的主要问题",
    "六、其他需要报告": "七、其他需要报告",
}


# -- item 1: each recognised section carries its own numeral ----------------------------


def test_clean_report_is_silent():
    assert findings(CLEAN) == []
    assert by_code(findings(CLEAN, CLAIMS), "N030") == [] and by_code(findings(CLEAN, CLAIMS), "N031") == []


def test_skipped_numeral_names_the_numerals_once():
    found = findings(renumber(CLEAN, SKIP_THREE))
    assert [f.code for f in found] == ["S003"]
    f = found[0]
    assert f.severity == "error"
    assert "「四、收到和处理政府信息公开申请情况」应为「三、」" in f.text()
    assert "「五、政府信息公开行政复议、行政诉讼情况」应为「四、」" in f.text()
    assert f.numbers["should_be"] == [3, 4, 5, 6]


def test_repeated_numeral_is_one_finding_at_the_wrong_heading():
    text = renumber(CLEAN, {"三、收到和处理": "二、收到和处理"})
    found = findings(text)
    assert [f.code for f in found] == ["S003"]
    assert "「二、收到和处理政府信息公开申请情况」应为「三、」" in found[0].text()
    # 四 after the wrong 二 is in its place: no second finding for the same fault.


def test_missing_section_is_not_also_a_gap():
    lines = [ln for ln in CLEAN.split("\n")]
    i = lines.index("五、存在的主要问题及改进情况")
    del lines[i : i + 2]  # 一 二 三 四 六: 六 is right for 其他需要报告的事项
    found = findings("\n".join(lines))
    assert [f.code for f in found] == ["S001"]


def test_missing_section_renumbered_is_a_warning():
    lines = [ln for ln in CLEAN.split("\n")]
    i = lines.index("五、存在的主要问题及改进情况")
    del lines[i : i + 2]
    found = findings(renumber("\n".join(lines), {"六、其他需要报告": "五、其他需要报告"}))
    assert [(f.code, f.severity) for f in found] == [("S001", "error"), ("S010", "warning")]
    assert "「五、其他需要报告的事项」应为「六、」" in found[1].text()
    assert "前面缺少「五、存在的主要问题及改进情况」" in found[1].text()


def test_restart_after_subtopics_names_the_numerals():
    # corpus 023's shape: sub-topics 二–三 at level 1, then the sections restart at 一.
    text = renumber(
        CLEAN,
        {
            "二、主动公开": "一、主动公开",
            "三、收到和处理": "二、收到和处理",
            "四、政府信息公开行政复议": "三、政府信息公开行政复议",
            "五、存在的主要问题": "四、存在的主要问题",
            "六、其他需要报告": "五、其他需要报告",
        },
    )
    text = text.replace("（二）依申请公开。", "二、依申请公开工作\n").replace("（三）政府信息管理。", "三、政府信息管理\n")
    found = findings(text)
    assert sorted(f.code for f in found) == ["S003", "S011"]
    s003 = by_code(found, "S003")[0]
    assert "「一、主动公开政府信息情况」应为「二、」" in s003.text()
    assert "「五、其他需要报告的事项」应为「六、」" in s003.text()


def test_sections_out_of_order_leave_numerals_to_s002():
    found = findings((FIXTURES / "rules" / "S002-bad.txt").read_text(encoding="utf-8"))
    assert [f.code for f in found] == ["S002"]


def test_fuzzy_match_is_not_held_to_a_numeral():
    # 三、主动公开 names section 二 only by its keyword: not certain, so the break is the
    # plain skip it was, without a numeral the format would give it; the 三 after it is right.
    text = renumber(CLEAN, {"二、主动公开政府信息情况": "三、主动公开"})
    ctx = context_for(text, "gov-2021", 2021)
    m = next(m for m in ctx.section_map.matches if m.spec.key == "active")
    assert not m.certain and m.heading.block not in ctx.section_map.numerals
    found = [f for f in findings(text) if f.code in ("S003", "S010")]
    assert [(f.code, f.excerpt) for f in found] == [("S003", "三、主动公开")]
    assert "should_be" not in found[0].numbers


# -- item 2: headings with debris are still headings ----------------------------------


@pytest.mark.parametrize(
    "written, form",
    [
        ("·五、存在的主要问题及改进情况", "prefix"),
        ("• 五、存在的主要问题及改进情况", "prefix"),
        ("a五、存在的主要问题及改进情况", "prefix"),
        ("五 、存在的主要问题及改进情况", "space"),
        ("五.存在的主要问题及改进情况", "dot"),
        ("五．存在的主要问题及改进情况", "dot"),
        ("五，存在的主要问题及改进情况", "sep"),
        ("（五）存在的主要问题及改进情况", "paren"),
        ("(五)存在的主要问题及改进情况", "paren"),
    ],
)
def test_debris_numeral_is_its_form_not_a_missing_section(written, form):
    text = CLEAN.replace("\n五、存在的主要问题及改进情况\n", f"\n{written}\n")
    found = findings(text)
    assert [f.code for f in found] == ["S012"], [f.text() for f in found]
    assert found[0].numbers["form"] == form and found[0].severity == "warning"
    assert "应写作「五、」" in found[0].text()


def test_real_subheadings_are_not_promoted():
    b = DocumentBuilder("t.txt", "txt")
    for ln in ["一、总体情况", "（一）主动公开", "（二）依申请公开", "二、主动公开政府信息情况", "（三）其他", "三、收到和处理"]:
        b.paragraph(ln)
    kinds = [(t.kind, t.number) for t in classify(b.doc)]
    assert kinds == [(H1, "一"), (H2, "一"), (H2, "二"), (H1, "二"), (H2, "三"), (H1, "三")]


@pytest.mark.parametrize("line", ["一，二，三类信息", "一是加强组织领导", "·一是加强领导", "二〇二一年工作"])
def test_enumerations_are_not_headings(line):
    b = DocumentBuilder("t.txt", "txt")
    b.paragraph(line)
    assert classify(b.doc)[0].kind != H1


def test_dot_form_is_silent_when_the_report_uses_it_throughout():
    text = re.sub(r"(?m)^([一二三四五六])、(?=[^\t]*$)", r"\1.", CLEAN)
    assert by_code(findings(text), "S012") == []


# -- item 3: sub-topics are not sections ------------------------------------------------


def test_subtopics_never_stand_in_for_sections():
    text = CLEAN.replace("（二）依申请公开。", "二、依申请公开工作\n").replace("（三）政府信息管理。", "三、政府信息管理情况\n")
    text = renumber(
        text,
        {
            "二、主动公开政府信息情况": "四、主动公开政府信息情况",
            "三、收到和处理": "五、收到和处理",
            "四、政府信息公开行政复议": "六、政府信息公开行政复议",
            "五、存在的主要问题": "七、存在的主要问题",
            "六、其他需要报告": "八、其他需要报告",
        },
    )
    ctx = context_for(text, "gov-2021", 2021)
    an = ctx.section_map
    assert [st.heading.raw for st in an.subtopics] == ["二、依申请公开工作", "三、政府信息管理情况"]
    on_request = next(m for m in an.matches if m.spec.key == "on_request")
    assert on_request.heading.raw == "五、收到和处理政府信息公开申请情况"
    overview = next(m for m in an.matches if m.spec.key == "overview")
    assert overview.end == next(s.heading.block for s in ctx.outline.sections if s.heading.title.startswith("主动公开政府信息情况"))
    found = findings(text)
    assert sorted(f.code for f in found) == ["S010", "S011"]
    assert all(f.severity == "warning" for f in found)


def test_subtopics_without_the_sections_leave_them_missing():
    text = CLEAN.replace("（二）依申请公开。", "二、依申请公开工作\n").replace("（三）政府信息管理。", "三、政府信息管理情况\n")
    lines = text.split("\n")
    start = lines.index("二、主动公开政府信息情况")
    end = lines.index("四、政府信息公开行政复议、行政诉讼情况")
    text = "\n".join(lines[:start] + lines[end:])
    found = findings(text)
    missing = {f.numbers["section"] for f in by_code(found, "S001")}
    assert missing == {"active", "on_request"}
    assert by_code(found, "S011")


def test_section_worded_like_a_subtopic_stays_a_section():
    # No sub-topic that names no section: 主动公开情况 / 依申请公开情况 are sections 二 and 三.
    text = renumber(CLEAN, {"二、主动公开政府信息情况": "二、主动公开情况", "三、收到和处理政府信息公开申请情况": "三、依申请公开情况"})
    ctx = context_for(text, "gov-2021", 2021)
    assert ctx.section_map.subtopics == []
    assert by_code(findings(text), "S011") == [] and by_code(findings(text), "S001") == []


def test_level2_subtopics_are_silent():
    assert by_code(findings(CLEAN), "S011") == []


# -- the one heading matcher ---------------------------------------------------------------


def test_narrative_section_restriction_uses_the_section_map():
    profile = get_profile("gov-2021")
    only = [
        Binding(
            key="requests.new",
            cells=["requests.new@total"],
            patterns=["收到政府信息公开申请\\s*{num}\\s*件"],
            sections=["on_request"],
        )
    ]
    prof = dataclasses.replace(profile, name="test-outline-sections", bindings=only)
    text = CLEAN.replace("全年共收到政府信息公开申请46件", "全年共收到政府信息公开申请40件")
    ctx = context_for(text, "gov-2021", 2021)
    ctx.profile = prof
    blocks = narrative._section_blocks(ctx, ["on_request"])
    assert blocks == ctx.section_map.blocks_of(["on_request"])
    head = next(m for m in ctx.section_map.matches if m.spec.key == "on_request")
    assert min(blocks) == head.block
    # The overview's （二）依申请公开 is not section 三: its 40 is outside the restriction.
    assert [o for o in narrative.observations(ctx)] == []


def test_profile_choice_uses_the_heading_matcher():
    seed = (FIXTURES / "seed" / "seed.txt").read_text(encoding="utf-8")
    ctx = context_for(seed, "seed-2018", 2018)
    profiles = load_profiles()
    assert heading_score(profiles["seed-2018"], ctx.outline) >= 6
    chosen = choose_profile(2018, ctx.document, ctx.outline, heading_score=heading_score)
    assert chosen.name == "seed-2018"
    ctx21 = context_for(CLEAN, "gov-2021", 2021)
    assert heading_score(profiles["gov-2021"], ctx21.outline) == 6
    assert choose_profile(2021, ctx21.document, ctx21.outline, heading_score=heading_score).name == "gov-2021"


# -- item 4 and issue 12: claims about the whole of a kind --------------------------------

ANSWERED = "全年共收到政府信息公开申请46件，上年结转2件；予以公开19件，部分公开6件，结转下年度继续办理2件。"


def claim_findings(sentence: str, text: str = CLEAN):
    return [
        (f.code, f.numbers.get("claim")) for f in findings(text.replace(ANSWERED, sentence), CLAIMS) if f.code in ("N030", "N031", "N003")
    ]


def test_all_answered_with_carry_over_is_a_finding():
    found = findings(CLEAN.replace(ANSWERED, "全年共收到政府信息公开申请46件，申请均已全部按时办结。"), CLAIMS)
    n030 = by_code(found, "N030")
    assert len(n030) == 1 and n030[0].severity == "warning"
    assert "申请均已全部按时办结" in n030[0].text() and "结转下年度继续办理" in n030[0].text()
    assert n030[0].numbers["cells"] == {"requests.carry_next@total": "2"}


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共收到政府信息公开申请46件，所有申请均已按要求办理完成。",
        "全年共收到政府信息公开申请46件，均已按时办结。",
        "全年共收到政府信息公开申请46件，全部按时答复，无积压。",
        "全年收到的政府信息公开申请均已依法答复。",
    ],
)
def test_claim_wordings(sentence):
    assert claim_findings(sentence) == [("N030", "requests.all_answered")]


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共收到政府信息公开申请46件，除2件结转下年度继续办理外，其余均已按时办结。",
        "全年共收到政府信息公开申请46件，均已办结，另有2件结转下年度继续办理。",
        "上年结转的2件政府信息公开申请均已办结。",
        "全年共收到政府信息公开申请46件，均在法定期限内予以答复。",
        "受理行政许可申请1268件，均已按时办结。",
        "政协提案2件，均已全部办结。",
        "全年共收到政府信息公开申请46件，其中40件均已办结。",
    ],
)
def test_partial_or_other_claims_are_silent(sentence):
    assert claim_findings(sentence) == []


def test_all_answered_without_carry_over_is_silent():
    text = CLEAN.replace("四、结转下年度继续办理\t\t\t2\t0\t0\t0\t0\t0\t2", "四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0")
    assert "结转下年度继续办理\t\t\t0" in text
    assert claim_findings("全年共收到政府信息公开申请46件，申请均已全部按时办结。", text) == []


REVIEW = "本年度被申请行政复议2件，被提起行政诉讼1件，均依法妥善办理。"
ZERO_APPEALS = "\t".join(["0"] * 15)


def appeal_findings(sentence: str, zero: bool = False):
    text = CLEAN.replace(REVIEW, sentence)
    if zero:
        text = text.replace("1\t0\t0\t1\t2\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0", ZERO_APPEALS)
    return [(f.code, f.numbers.get("claim")) for f in findings(text, CLAIMS) if f.code in ("N030", "N031", "N003")]


def test_upheld_claim_with_a_pending_case():
    # Issue 12: "行政复议X件，均维持原行政行为" with 尚未审结 1.
    assert appeal_findings("本年度被申请行政复议2件，均维持原行政行为。") == [("N030", "appeals.review_upheld")]


def test_won_claim_with_a_pending_lawsuit():
    assert appeal_findings("本年度被提起行政诉讼1件，均胜诉。") == [("N030", "appeals.litigation_won")]


def test_upheld_claim_without_cases():
    assert appeal_findings("本年度行政复议案件均被维持。", zero=True) == [("N031", "appeals.review_upheld")]


def test_no_appeal_claim_against_cases_is_n003():
    assert appeal_findings("本年度未发生政府信息公开行政复议案件。") == [("N003", None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度被申请行政复议2件，1件维持原行政行为，1件尚未审结。",
        "本年度行政复议、行政诉讼各1件，均维持原行政行为。",
        "本年度被申请行政复议2件，均维持原行政行为，另有1件尚未审结。",
        "本年度被申请行政复议2件，未被复议机关纠错。",
    ],
)
def test_appeal_claims_that_hold_or_are_partial_are_silent(sentence):
    assert appeal_findings(sentence) == []


def test_fee_claim_against_the_old_statistics_table():
    line = "健全依申请公开接收、登记、办理答复等流程。"
    text = CLEAN_2018.replace(line, line + "全年未向申请人收取任何费用。")
    assert by_code(findings(text, ["N030"], "seed-2018", 2018), "N030") == []
    charged = text.replace("七、依申请公开信息收取的费用\t万元\t0", "七、依申请公开信息收取的费用\t万元\t0.2")
    found = by_code(findings(charged, ["N030"], "seed-2018", 2018), "N030")
    assert [f.numbers["claim"] for f in found] == ["fees.none"]


def test_claim_patterns_of_every_profile_compile():
    for p in load_profiles().values():
        for c in p.claims:
            for rx in [*c.patterns, *c.unless, *c.exceptions, c.subject]:
                re.compile(rx)


def test_claims_are_found_once_per_phrase():
    ctx = context_for(CLEAN.replace(ANSWERED, "申请均已全部按时办结，无积压。"), "gov-2021", 2021)
    assert [c.spec.key for c in find_claims(ctx)] == ["requests.all_answered"]


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=4), st.integers(min_value=1, max_value=3))
def test_any_shift_of_the_later_numerals_is_reported_once(first_wrong, delta):
    """Renumber sections from ``first_wrong`` on by +delta: one S003 skip names them all."""
    keys = ["二、主动公开", "三、收到和处理", "四、政府信息公开行政复议", "五、存在的主要问题", "六、其他需要报告"][first_wrong:]
    mapping = {}
    for k in keys:
        n = "二三四五六".index(k[0]) + 2
        mapping[k] = to_chinese(n + delta) + k[1:]
    found = findings(renumber(CLEAN, mapping))
    assert [f.code for f in found] == ["S003"]
    assert found[0].numbers["should_be"] == list(range(first_wrong + 2, 7))


@pytest.mark.parametrize("code", ["S010", "S011", "S012", "N030", "N031"])
def test_rule_examples_and_docs(code):
    """Each new rule has bilingual docs; the structure rules' bad example fires under the 2021
    profile and the good one does not (the claim examples are prose: the fixtures test them)."""
    rule = REGISTRY[code]
    assert rule.summary["zh"] and rule.summary["en"] and rule.doc["zh"] and rule.doc["en"] and rule.bad and rule.good
    assert rule.severity == "warning"
    if code.startswith("S"):
        title = "某某局2021年政府信息公开工作年度报告\n"
        assert by_code(findings(title + rule.bad), code)
        assert not by_code(findings(title + rule.good), code)


def test_overview_length_counts_its_subtopics():
    from report_lint.checks.format import section_by_key, section_text

    text = CLEAN.replace("（二）依申请公开。", "二、依申请公开工作\n").replace("（三）政府信息管理。", "三、政府信息管理情况\n")
    ctx = context_for(text, "gov-2021", 2021)
    body = section_text(ctx, section_by_key(ctx, "overview"))
    assert "全年共收到政府信息公开申请46件" in body and "召开政务公开工作推进会" in body


def test_debris_lines_that_do_not_continue_the_numbers_are_text():
    b = DocumentBuilder("t.txt", "txt")
    for ln in ["一、总体情况", "二、主动公开政府信息情况", "·一、制度建设", "·二、平台建设", "三、收到和处理政府信息公开申请情况"]:
        b.paragraph(ln)
    assert [t.kind for t in classify(b.doc)] == [H1, H1, "PARA", "PARA", H1]
