"""D rules. Contexts are built directly (paragraphs, outline, profile) so each rule is tested on
exactly the blocks it reads; the seed is also run through the real reader and outline builder."""

from __future__ import annotations

import pytest

from report_lint.checks.dates import (
    InvalidDate,
    LateSigning,
    PeriodMissing,
    PeriodWrong,
    SigningBeforeYearEnd,
    WeekdayMismatch,
    infer_agency_kind,
)
from report_lint.facts.context import LintContext, Options
from report_lint.model.document import Cell, DocumentBuilder
from report_lint.outline.build import Outline
from report_lint.profiles.load import Profile, get_profile

from lintutil import FIXTURES, context_for

ALL = (PeriodMissing, PeriodWrong, InvalidDate, WeekdayMismatch, LateSigning, SigningBeforeYearEnd)

# The seed's preamble sentence (/work/shared/seed/000_69bd6c6401fe330c.txt).
SEED_PERIOD = (
    "本报告由石嘴山市司法局……编制而成，所列政府信息公开数据统计期限为 2018 年 1 月 1 日至 2018 年 12 月 31 日。本报告电子版可在网上查阅。"
)
# Pingtan 2013 report, blank period (/work/shared/corpus/text/005.txt).
PINGTAN_BLANK = "本报告由平潭县人民政府办公室编制……共五个部分组成。本报告所列数据的统计期限自至。本报告的电子版可在“平潭综合实验区管委会门户网站”（http://www.pingtan.gov.cn）下载。"

NATIONAL = dict(
    deadline="01-31",
    basis="《条例》（2019）第四十九条",
    basis_en="Art. 49 of the 2019 regulation",
    deadlines={"department": "01-31", "township": "01-31", "county": "02-20", "city": "03-10", "province": "03-31", "vertical": "03-31"},
)


def national_profile(**kw) -> Profile:
    return Profile(name="t-national", title={"zh": "t", "en": "t"}, regulation=dict(NATIONAL), period=kw.get("period", {}), contact={})


def make_ctx(paras, profile="base-2008", year=2018, signature=(), tables=(), agency_kind=None):
    b = DocumentBuilder("t.txt", "txt")
    for i, t in enumerate(paras):
        b.paragraph(t, line=i + 1)
    for rows in tables:
        cells = [Cell(row=r, col=c, text=v) for r, row in enumerate(rows) for c, v in enumerate(row)]
        b.table(len(rows), max(len(r) for r in rows), cells)
    prof = get_profile(profile) if isinstance(profile, str) else profile
    outline = Outline(title=0 if paras else None, title_text=paras[0] if paras else "", signature=list(signature))
    return LintContext(b.doc, outline, prof, year, Options(agency_kind=agency_kind))


def run(rule, ctx):
    return list(rule().check(ctx))


# -- D001 ---------------------------------------------------------------------------------------


def test_d001_fires_when_no_period_sentence_and_profile_requires_it():
    ctx = make_ctx(["某某局2018年政府信息公开工作年度报告", "本报告由某某局编制。", "一、概述"])
    found = run(PeriodMissing, ctx)
    assert len(found) == 1 and found[0].severity == "warning"
    assert "统计期限" in found[0].message["zh"] and "2018年1月1日" in found[0].message["zh"]


def test_d001_silent_when_period_present_or_not_required():
    assert run(PeriodMissing, make_ctx(["某某局2018年报告", SEED_PERIOD])) == []
    # a blank period is a statement (D002's business), not a missing one
    assert run(PeriodMissing, make_ctx(["某某局2013年报告", PINGTAN_BLANK], year=2013)) == []
    assert run(PeriodMissing, make_ctx(["某某局2019年报告", "一、总体情况"], profile=national_profile(), year=2019)) == []


# -- D002 ---------------------------------------------------------------------------------------


def test_d002_wrong_year_is_an_error():
    ctx = make_ctx(["某某局2018年报告", "本报告所列数据的统计期限自2017年1月1日起至2017年12月31日止。"])
    found = run(PeriodWrong, ctx)
    assert len(found) == 1
    f = found[0]
    assert (
        f.severity == "error"
        and "2017年1月1日至2017年12月31日" in f.message["zh"]
        and "应为2018年1月1日至2018年12月31日" in f.message["zh"]
    )
    assert f.location.block == 1 and f.location.start is not None
    assert f.numbers["stated_start"] == [2017, 1, 1]


def test_d002_partial_year_names_the_wrong_end():
    found = run(PeriodWrong, make_ctx(["某某局2018年报告", "统计期限为2018年1月1日至2018年11月30日。"]))
    assert len(found) == 1 and "截止日期" in found[0].message["zh"]


def test_d002_blank_period_is_an_error_even_without_a_year():
    for year in (2013, None):
        found = run(PeriodWrong, make_ctx(["平潭县人民政府2013年政府信息公开工作年度报告", PINGTAN_BLANK], year=year))
        assert len(found) == 1 and found[0].severity == "error"
        assert "没有填写" in found[0].message["zh"]
        assert found[0].excerpt and "自至" in found[0].excerpt


@pytest.mark.parametrize(
    "sentence",
    [
        SEED_PERIOD,
        "本报告所列数据统计期限为2018年1月1日至12月31日。",
        "统计期限为2018年度。",
        "统计期限为1月1日至12月31日。",
        "本报告中所列数据统计时限为2018年1月1日至2018年12月31日。",
    ],
)
def test_d002_correct_periods_are_silent(sentence):
    assert run(PeriodWrong, make_ctx(["某某局2018年报告", sentence])) == []


def test_d002_wrong_year_not_checked_without_report_year():
    assert run(PeriodWrong, make_ctx(["报告", "统计期限自2017年1月1日起至2017年12月31日止。"], year=None)) == []


def test_d002_sentence_broken_across_paragraphs():
    # PDF-derived text (shape of /work/shared/corpus/text/023.txt)
    paras = [
        "2024年上海市科委政府信息公开工作年度报告",
        "本年度报告中所列数据的统计周期",
        "为 2024 年 1 月 1 日至 12 月 31 日。年度报告电子版可以下载。",
    ]
    assert run(PeriodWrong, make_ctx(paras, year=2024)) == []
    assert run(PeriodMissing, make_ctx(paras, year=2024)) == []
    found = run(PeriodWrong, make_ctx(paras, year=2025))
    assert len(found) == 1 and found[0].location.block == 1


# -- D003 / D004 --------------------------------------------------------------------------------


def test_d003_impossible_date_in_text_and_table():
    ctx = make_ctx(["某某局2018年报告", "2018年2月30日召开政务公开工作会议。"], tables=[[["填报日期", "2019年13月5日"]]])
    found = run(InvalidDate, ctx)
    assert [f.severity for f in found] == ["error", "error"]
    assert "2018年2月30日" in found[0].message["zh"] and "28天" in found[0].message["zh"]
    assert (found[0].location.start, found[0].location.end) == (0, len("2018年2月30日"))
    assert found[1].location.table == 2 and found[1].location.row == 0 and found[1].location.col == 1


def test_d003_valid_dates_are_silent():
    assert run(InvalidDate, make_ctx(["报告", "2018年2月28日、2020年2月29日、二〇一九年一月十七日召开会议。"])) == []


def test_d004_seed_weekday_matches():
    # from the seed's screenshot description: 2019-01-16 was a Wednesday
    line = "At the top, there is a header with the court's name '石嘴山市司法局' and the date '2019年01月16日星期三'."
    assert run(WeekdayMismatch, make_ctx(["报告", line])) == []


def test_d004_wrong_weekday_is_an_error():
    found = run(WeekdayMismatch, make_ctx(["报告", "2019年01月16日星期四，召开会议。"]))
    assert len(found) == 1 and found[0].severity == "error"
    assert "星期三" in found[0].message["zh"] and "Wednesday" in found[0].message["en"]
    assert found[0].location.end == len("2019年01月16日星期四")


# -- D005 / D006 --------------------------------------------------------------------------------


def test_d005_signature_after_march_31_under_the_2007_regulation():
    paras = ["某某市司法局2018年政府信息公开工作年度报告", "正文。", "某某市司法局", "2019年4月2日"]
    found = run(LateSigning, make_ctx(paras, signature=[2, 3]))
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error" and "2019年4月2日" in f.message["zh"] and "2019年3月31日" in f.message["zh"]
    assert "第三十一条" in f.message["zh"]  # basis from rules/base-2008.toml
    assert f.numbers["deadline"] == "2019-03-31"
    assert run(LateSigning, make_ctx(paras[:3] + ["2019年3月31日"], signature=[2, 3])) == []


def test_d005_labelled_and_standalone_dates():
    late_label = ["某某局2018年报告", "填报日期：2019年4月10日"]
    assert len(run(LateSigning, make_ctx(late_label))) == 1
    standalone = ["某某局2018年报告", "（二〇一九年四月十日）"]
    assert len(run(LateSigning, make_ctx(standalone))) == 1
    cell = make_ctx(["某某局2018年报告"], tables=[[["填报日期", "2019年4月10日"]]])
    found = run(LateSigning, cell)
    assert len(found) == 1 and found[0].location.row == 0 and found[0].location.col == 1
    # a late date in running text is not the report's own date
    assert run(LateSigning, make_ctx(["某某局2018年报告", "2019年4月10日召开了总结会。"])) == []


def test_d005_national_deadline_by_inferred_kind_is_a_warning():
    paras = ["某某市司法局2019年政府信息公开工作年度报告", "正文。", "2020年2月10日"]
    found = run(LateSigning, make_ctx(paras, profile=national_profile(), year=2019, signature=[2]))
    assert len(found) == 1 and found[0].severity == "warning"
    assert "推断" in found[0].message["zh"] and "2020年1月31日" in found[0].message["zh"]
    # given explicitly, the kind is certain
    found = run(LateSigning, make_ctx(paras, profile=national_profile(), year=2019, signature=[2], agency_kind="department"))
    assert len(found) == 1 and found[0].severity == "error"


def test_d005_county_consolidated_report_has_until_february_20():
    paras = ["某某县人民政府2019年政府信息公开工作年度报告", "正文。", "2020年2月10日"]
    assert run(LateSigning, make_ctx(paras, profile=national_profile(), year=2019, signature=[2])) == []
    late = paras[:2] + ["2020年4月1日"]
    found = run(LateSigning, make_ctx(late, profile=national_profile(), year=2019, signature=[2]))
    # after every possible deadline: certain whatever the kind
    assert len(found) == 1 and found[0].severity == "error" and "2020年2月20日" in found[0].message["zh"]


def test_d006_signature_in_the_report_year():
    paras = ["某某市司法局2018年政府信息公开工作年度报告", "正文。", "某某市司法局", "2018年1月20日"]
    found = run(SigningBeforeYearEnd, make_ctx(paras, signature=[2, 3]))
    assert len(found) == 1 and found[0].severity == "error" and "2018年1月20日" in found[0].message["zh"]
    assert run(SigningBeforeYearEnd, make_ctx(paras[:3] + ["2019年1月20日"], signature=[2, 3])) == []
    assert run(SigningBeforeYearEnd, make_ctx(paras, signature=[2, 3], year=None)) == []


@pytest.mark.parametrize(
    "title, kind",
    [
        ("石嘴山市司法局 2018 年 政府信息公开工作年度报告", "department"),
        ("沐阳县人民政府 2025 年 政府信息公开工作年度报告", "county"),
        ("福州市晋安区人民政府2016年政府信息公开工作年度报告", "county"),
        ("福州市人民政府2020年政府信息公开工作年度报告", "city"),
        ("福建省人民政府2020年政府信息公开工作年度报告", "province"),
        ("上海市人民政府2022年政府信息公开工作年度报告", "province"),
        ("2019年上海市人民政府办公厅政府信息公开工作年度报告", "department"),
        ("某某镇人民政府2020年政府信息公开工作年度报告", "township"),
        ("国家税务总局某某市税务局2020年政府信息公开工作年度报告", "vertical"),
        ("平潭综合实验区2019年度政府信息公开工作年度报告", None),
        ("", None),
    ],
)
def test_infer_agency_kind(title, kind):
    assert infer_agency_kind(title) == kind


# -- whole documents ----------------------------------------------------------------------------


def test_seed_has_no_date_findings():
    text = (FIXTURES / "seed" / "seed.txt").read_text(encoding="utf-8")
    ctx = context_for(text, "seed-2018", 2018)
    for rule in ALL:
        assert run(rule, ctx) == [], rule.code


@pytest.mark.parametrize(
    "paras",
    [[], [""], ["随便一段文字 ### 123 @@@"], ["统计", "统计期限", "2018年", "二○"]],
)
def test_odd_input_never_raises(paras):
    ctx = make_ctx(paras, tables=[[[""]]])
    for rule in ALL:
        list(rule().check(ctx))
