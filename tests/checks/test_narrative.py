"""Family N: narrative figures against the statistics table (fake tables, real profile)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Optional

import pytest

from report_lint.checks import narrative
from report_lint.checks.narrative import (
    NarrativeApproxIncompatible,
    NarrativeFigureBlank,
    NarrativeNumberMismatch,
    NarrativeZeroMismatch,
    compiled_bindings,
    find_mentions,
)
from report_lint.checks.catalogue import REGISTRY
from report_lint.facts.context import LintContext, Options
from report_lint.model.document import DocumentBuilder
from report_lint.outline.build import Heading, Outline, Section
from report_lint.profiles.load import Binding, get_profile
from report_lint.facts.tables import CellValue, MappedTable

ROOT = Path(__file__).resolve().parents[2]
SEED_PATHS = [
    ROOT / "fixtures" / "seed" / "seed.txt",
    ROOT.parent / "shared" / "seed" / "000_69bd6c6401fe330c.txt",
]
RULES = (NarrativeNumberMismatch, NarrativeApproxIncompatible, NarrativeZeroMismatch, NarrativeFigureBlank)

# The seed's statistics table (石嘴山市司法局 2018), the rows its narrative binds to.
SEED_TABLE = {
    "active.total": 1015,
    "active.normative": 1,
    "active.normative_issued": 1,
    "active.website": 597,
    "active.weibo": 336,
    "active.wechat": 309,
    "active.other": 150,
    "apply.received": 0,
    "review.total": 0,
    "litigation.total": 0,
    "response.interpretations": 1,
}

# The bound paragraphs of the seed, verbatim (sections 二, 六, 八, 九).
SEED_EXCERPT = [
    "二、主动公开政府信息",
    "一是利用门户网站主动公开。2018年，通过市司法局门户网站发布各类政府信息400余条，其中，工作动态80余条，"
    "图片新闻20余条，建议提案办理2条，政策解读60条，法律法规30余条。二是通过政务新媒体主动公开。2018年，"
    "市司法局“法治石嘴山”微信公众平台刊发新闻600余条，总关注量2万五千多。阅读量和传播力位居宁夏司法行政系统"
    "官方新媒体前列。三是通过传统媒体主动公开。2018年，通过报刊、电视、广播等传统新闻媒体公开各类政府信息150条。",
    "六、开展政策解读情况",
    "2018年,及时公开制发的1个政策性文件《石嘴山市开展一村(社区)一法律顾问工作实施方案》和征求意见情况，"
    "并对《石嘴山市开展一村(社区)一法律顾问工作实施方案》解读情况进行全面梳理，查漏补缺，保证了一个政策性文件"
    "至少有一个解读材料或解读方式，全面实现“应解读，尽解读”。",
    "八、进一步规范依申请公开工作",
    "2018年，未接到群众提出依申请公开事项诉求，没有发生因政务公开申请行政复议、提起行政诉讼情况。",
    "九、公开平台载体建设情况",
    "“百名法治模范”、双随机一公开工作等进行及时公开。全年共通过石嘴山司法局网、微博、微信等平台公布信息 1500 余条。"
    "在宁夏法治报、石嘴山日报等媒体上刊登信息 152 余篇。",
]


def cell(key: str, value, spec, status: Optional[str] = None) -> CellValue:
    if status is None:
        status = "number" if value is not None else "blank"
    raw = "" if value is None else str(value)
    dec = Decimal(str(value)) if status == "number" else None
    row = spec.row(key)
    return CellValue(key, "value", raw, dec, status, 900, 0, 2, row_label=row.label if row else key, col_label="统计数")


def make_ctx(paragraphs: list[str], values: Optional[dict] = None, profile=None, outline=None, statuses=None) -> LintContext:
    profile = profile or get_profile("base-2008")
    b = DocumentBuilder("t.txt", "txt")
    for i, text in enumerate(paragraphs, 1):
        b.paragraph(text, line=i)
    ctx = LintContext(document=b.doc, outline=outline or Outline(), profile=profile, year=2018, options=Options())
    tables = {}
    if values is not None:
        spec = profile.table("stats")
        mt = MappedTable(spec=spec, blocks=[900])
        for k, v in values.items():
            mt.cells[(k, "value")] = cell(k, v, spec, (statuses or {}).get(k))
        tables["stats"] = mt
    ctx.__dict__["tables"] = tables  # stands in for map_tables (cached_property slot)
    return ctx


def run(ctx) -> list:
    out = []
    for rule in RULES:
        out.extend(rule().check(ctx))
    return sorted(out, key=lambda f: f.sort_key())


def seed_text() -> Optional[str]:
    for p in SEED_PATHS:
        if p.is_file():
            return p.read_text(encoding="utf-8")
    return None


# ---------------------------------------------------------------------------------
# The seed


def check_seed_findings(found):
    assert sorted(f.code for f in found) == ["N001", "N002", "N002", "N002"]
    by_cell = {f.numbers["cell"]: f for f in found}
    assert set(by_cell) == {"stats.active.website", "stats.active.wechat", "stats.active.total", "stats.response.interpretations"}
    interp = by_cell["stats.response.interpretations"]
    assert interp.code == "N001" and interp.numbers["text"] == 60 and interp.numbers["table"] == 1
    web = by_cell["stats.active.website"]
    assert web.severity == "warning"
    assert "“400余条”表示 400 至 500 之间" in web.text("zh") and "597" in web.text("zh")
    assert "政府网站公开政府信息数" in web.text("zh") and "between 400 and 500" in web.text("en")
    assert web.numbers == {"text": "400余条", "low": 400, "high": 500, "table": 597, "cell": "stats.active.website"}
    assert "600余条" in by_cell["stats.active.wechat"].text("zh") and "309" in by_cell["stats.active.wechat"].text("zh")
    total = by_cell["stats.active.total"]
    assert "1500 至 1600" in total.text("zh") and "1015" in total.text("zh")
    excerpts = " ".join(f.excerpt for f in found)
    for silent in ("150条", "政策性文件", "未接到", "没有发生", "152"):
        assert silent not in excerpts


def test_seed_excerpt_warns_on_the_three_approximate_figures_and_the_interpretations():
    ctx = make_ctx(SEED_EXCERPT, SEED_TABLE)
    found = run(ctx)
    check_seed_findings(found)
    for f in found:
        para = ctx.document.blocks[f.location.block].text
        assert para[f.location.start : f.location.end] == f.excerpt
        assert f.location.line == f.location.block + 1


def test_seed_binds_the_consistent_statements_too():
    ctx = make_ctx(SEED_EXCERPT, SEED_TABLE)
    keys = sorted((m.binding.key, m.zero) for m in find_mentions(ctx))
    assert keys == sorted(
        [
            ("active.website", False),
            ("active.wechat", False),
            ("active.other", False),
            ("active.normative_issued_and_disclosed", False),
            ("apply.received", True),
            ("review.total", True),
            ("litigation.total", True),
            ("active.total", False),
            ("response.interpretations", False),
        ]
    )


@pytest.mark.skipif(seed_text() is None, reason="seed report not available")
@pytest.mark.parametrize("profile", ["base-2008", "seed-2018"])
def test_whole_seed_text_line_by_line(profile):
    lines = [ln for ln in seed_text().split("\n") if ln.strip()]
    ctx = make_ctx(lines, SEED_TABLE, profile=get_profile(profile))
    check_seed_findings(run(ctx))


def test_design_card_zero_normative_documents_disclosed_is_n001():
    ctx = make_ctx(SEED_EXCERPT, {**SEED_TABLE, "active.normative": 0})
    found = [f for f in run(ctx) if f.code == "N001" and "normative" in f.numbers["cell"]]
    assert len(found) == 1  # 制发规范性文件总数 = 1 agrees; only the disclosed count differs
    f = found[0]
    assert f.severity == "warning"
    assert f.numbers == {"text": 1, "table": 0, "cell": "stats.active.normative"}
    zh = f.text("zh")
    assert "“公开制发的1个政策性文件”（1）" in zh and "「主动公开规范性文件数」为 0" in zh
    assert "(1)" in f.text("en") and "is 0" in f.text("en")
    assert f.excerpt == "公开制发的1个政策性文件"


# ---------------------------------------------------------------------------------
# Each rule: one text that fires, one that does not


def test_n001_exact_figure_differs():
    para = ["2018年，通过报刊、电视、广播等传统新闻媒体公开各类政府信息150条。"]
    found = run(make_ctx(para, {"active.other": 149}))
    assert [f.code for f in found] == ["N001"]
    assert found[0].numbers == {"text": 150, "table": 149, "cell": "stats.active.other"}
    assert run(make_ctx(para, {"active.other": 150})) == []


def test_n001_reads_chinese_numerals_and_separators():
    assert run(make_ctx(["全年共主动公开政府信息一千零一十五条。"], {"active.total": 1015})) == []
    assert run(make_ctx(["全年共主动公开政府信息1,015条。"], {"active.total": 1015})) == []
    found = run(make_ctx(["全年共主动公开政府信息一千零五条。"], {"active.total": 1015}))
    assert [f.code for f in found] == ["N001"] and found[0].numbers["text"] == 1005


def test_n002_compatible_approximation_is_silent():
    para = ["通过市司法局门户网站发布各类政府信息500余条。"]
    assert run(make_ctx(para, {"active.website": 597})) == []
    found = run(make_ctx(para, {"active.website": 500}))
    assert [f.code for f in found] == ["N002"]  # 500余 means more than 500


def test_qualifier_after_the_unit_still_qualifies_the_number():
    para = ["通过政府网站公开政府信息400条左右。"]
    assert run(make_ctx(para, {"active.website": 420})) == []
    found = run(make_ctx(para, {"active.website": 597}))
    assert [f.code for f in found] == ["N002"]
    assert found[0].numbers["text"] == "400条左右" and "±10%" in found[0].text("zh")


def test_n003_zero_statement_against_a_positive_figure():
    para = ["2018年，未接到群众提出依申请公开事项诉求，没有发生因政务公开申请行政复议、提起行政诉讼情况。"]
    found = run(make_ctx(para, {"apply.received": 3, "review.total": 0, "litigation.total": 1}))
    assert [(f.code, f.numbers["cell"]) for f in found] == [
        ("N003", "stats.apply.received"),
        ("N003", "stats.litigation.total"),
    ]
    f = found[0]
    assert f.severity == "warning" and f.numbers["table"] == 3 and "（即为 0）" in f.text("zh")
    assert "「收到申请数」为 3" in f.text("zh")
    assert run(make_ctx(para, {"apply.received": 0, "review.total": 0, "litigation.total": 0})) == []


def test_zero_pattern_ignores_outcome_clauses():
    # "no reconsideration was overturned" says nothing about how many there were.
    para = ["全年发生行政复议2件，没有发生行政复议被纠错的情况。"]
    found = run(make_ctx(para, {"review.total": 2}))
    assert found == []


def test_n004_blank_or_missing_cell_is_info():
    para = ["2018年，及时公开制发的1个规范性文件。"]
    found = run(make_ctx(para, {"active.normative": None, "active.normative_issued": 1}))
    assert [(f.code, f.severity) for f in found] == [("N004", "info")]
    assert "为空，无从核对" in found[0].text("zh") and found[0].numbers == {"text": 1, "cell": "stats.active.normative"}
    missing = run(make_ctx(para, {"active.normative_issued": 1}))
    assert [f.code for f in missing] == ["N004"] and "未找到该项" in missing[0].text("zh")
    assert run(make_ctx(para, {"active.normative": 1, "active.normative_issued": 1})) == []


def test_invalid_cell_is_left_to_the_table_rules():
    para = ["通过报刊、电视、广播等传统新闻媒体公开各类政府信息150条。"]
    ctx = make_ctx(para, {"active.other": "无"}, statuses={"active.other": "invalid"})
    assert run(ctx) == []


def test_no_mapped_table_means_nothing_to_say():
    assert run(make_ctx(SEED_EXCERPT, None)) == []


def test_unbound_figures_stay_silent():
    para = [
        "2018年，全市共办理各类法律援助案件3000余件，共收到网民来帖70余件。",
        "在宁夏法治报、石嘴山日报等媒体上刊登信息 152 余篇。",
        "区经济发展局全年共发布信息291条。",
        "区县已入驻审批服务部门13个，共受理申请121510件。",
    ]
    values = {k: 1 for k in SEED_TABLE}
    assert run(make_ctx(para, values)) == []


def test_innermost_phrase_wins_between_bindings():
    para = ["全年通过政府网站公开政府信息597条。"]
    assert run(make_ctx(para, {"active.total": 1015, "active.website": 597})) == []
    found = run(make_ctx(para, {"active.total": 1015, "active.website": 500}))
    assert [(f.code, f.numbers["cell"]) for f in found] == [("N001", "stats.active.website")]


def test_ambiguous_phrase_binds_nothing():
    profile = get_profile("base-2008")
    twin = [
        Binding(key="a", cells=["stats.active.weibo"], patterns=["信息\\s*{num}\\s*条"]),
        Binding(key="b", cells=["stats.active.wechat"], patterns=["信息\\s*{num}\\s*条"]),
    ]
    prof = dataclasses.replace(profile, name="test-ambiguous", bindings=twin)
    assert run(make_ctx(["发布信息5条。"], {"active.weibo": 1, "active.wechat": 1}, profile=prof)) == []


def test_binding_restricted_to_a_section():
    profile = get_profile("base-2008")
    only = [
        Binding(
            key="apply.received",
            cells=["stats.apply.received"],
            patterns=["申请\\s*{num}\\s*件"],
            sections=["on_request"],
        )
    ]
    prof = dataclasses.replace(profile, name="test-sections", bindings=only)
    paras = ["一、概述", "收到申请5件。", "二、依申请公开政府信息情况", "收到申请5件。"]
    outline = Outline(
        sections=[
            Section(Heading(0, 1, "一", 1, "概述", paras[0]), blocks=[1], end=2),
            Section(Heading(2, 1, "二", 2, "依申请公开政府信息情况", paras[2]), blocks=[3], end=4),
        ]
    )
    found = run(make_ctx(paras, {"apply.received": 3}, profile=prof, outline=outline))
    assert [(f.code, f.location.block) for f in found] == [("N001", 3)]
    # The section is not in the document: the binding is not used at all.
    bare = Outline(sections=[Section(Heading(0, 1, "一", 1, "概述", paras[0]), blocks=[1, 2, 3], end=4)])
    assert run(make_ctx(paras, {"apply.received": 3}, profile=prof, outline=bare)) == []


def test_odd_input_does_not_raise():
    values = {k: 1 for k in SEED_TABLE}
    for paras in ([], [""], ["   "], ["信息十十条" * 3], ["全年共主动公开政府信息" + "1" * 5000 + "条"], ["\x00\ufffd条件"]):
        found = run(make_ctx(paras, values))
        assert all(f.code.startswith("N") for f in found)
    bad_regex = Binding(key="x", cells=["stats.active.total"], patterns=["(信息{num}条"], zero_patterns=["(未"])
    prof = dataclasses.replace(get_profile("base-2008"), name="test-bad-regex", bindings=[bad_regex])
    assert run(make_ctx(["信息5条"], values, profile=prof)) == []


def test_scan_runs_once_per_context_and_patterns_compile_once_per_profile():
    profile = get_profile("base-2008")
    assert compiled_bindings(profile) is compiled_bindings(profile)
    ctx = make_ctx(SEED_EXCERPT, SEED_TABLE)
    first = narrative.observations(ctx)
    assert narrative.observations(ctx) is first


def test_rules_are_registered_with_docs_and_examples():
    expected = {
        "N001": ("narrative-number-mismatch", "warning"),
        "N002": ("narrative-approx-incompatible", "warning"),
        "N003": ("narrative-zero-mismatch", "warning"),
        "N004": ("narrative-figure-blank", "info"),
    }
    for code, (name, severity) in expected.items():
        rule = REGISTRY[code]
        assert (rule.name, rule.severity) == (name, severity)
        assert rule.summary["zh"] and rule.summary["en"] and rule.doc["zh"] and rule.doc["en"]
        assert rule.bad and rule.good and rule.bad != rule.good


@pytest.mark.parametrize(
    "pattern,literal",
    [
        ("(共|全年)?制发(了)?(行政)?规范性文件\\s*{num}", "规范性文件"),
        ("ab?c", "a"),
        ("a|b", ""),
        ("x[abc]yz", "yz"),
        ("ab{0,3}cd", "cd"),
        ("中[^)]文", "中"),
        ("(未|没有)(收到|接到)", ""),
    ],
)
def test_required_literal_is_only_what_every_match_contains(pattern, literal):
    assert narrative.required_literal(pattern) == literal


def test_every_profile_binding_literal_is_really_required():
    # The prefilter must never hide a match: each pattern's literal occurs in its own matches.
    samples = (
        "\n".join(SEED_EXCERPT) + "全年共主动公开政府信息12条。收到政府信息公开申请3件。行政复议1件，行政诉讼2起。共制发规范性文件4件。"
    )
    checked = 0
    for cb in compiled_bindings(get_profile("base-2008")):
        for lit, pat in cb.patterns + cb.zero_patterns:
            for m in pat.finditer(samples):
                assert lit in m.group(0), (lit, pat.pattern)
                checked += 1
    assert checked >= 12
