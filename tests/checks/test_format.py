from report_lint.checks.format import FeeStatementMissing, OutdatedFormat, OverviewTooLong, PlaceholderLeft, TitleNotAnnualReport

from lintutil import run_rule

GOOD_2021 = """某某局2021年政府信息公开工作年度报告
一、总体情况
2021年，本局认真贯彻《条例》，主动公开政府信息120条。
二、主动公开政府信息情况
略。
三、收到和处理政府信息公开申请情况
略。
四、政府信息公开行政复议、行政诉讼情况
略。
五、存在的主要问题及改进情况
略。
六、其他需要报告的事项
本年度未收取信息处理费。
"""


def test_clean_2021_report_has_no_format_findings():
    for rule in (PlaceholderLeft, FeeStatementMissing, OverviewTooLong, OutdatedFormat, TitleNotAnnualReport):
        assert run_rule(rule, GOOD_2021, "gov-2021", 2021) == [], rule.code


def test_placeholder_left_is_an_error_at_its_phrase():
    text = GOOD_2021.replace("略。\n五、", "（文字描述）\n五、", 1)
    found = run_rule(PlaceholderLeft, text, "gov-2021", 2021)
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error" and "（文字描述）" in f.message["zh"]
    assert f.location.start is not None and f.location.end - f.location.start == len("（文字描述）")


def test_latin_placeholder_does_not_fire_inside_words():
    text = GOOD_2021.replace("120条。", "120条，访问 www.XXTOWN.gov.cn 与 XX县。")
    found = run_rule(PlaceholderLeft, text, "gov-2021", 2021)
    assert [f.message["zh"] for f in found] == ["模板占位文字“XX”未替换为实际内容"]


def test_fee_statement_missing_fires_when_section_six_is_silent():
    text = GOOD_2021.replace("本年度未收取信息处理费。", "无。")
    found = run_rule(FeeStatementMissing, text, "gov-2021", 2021)
    assert len(found) == 1 and found[0].code == "F002"
    assert run_rule(FeeStatementMissing, text, "gov-2019", 2019) == []  # 2019 format has no such requirement


def test_overview_over_1000_characters():
    long = GOOD_2021.replace("主动公开政府信息120条。", "主动公开政府信息120条。" + "推进政务公开。" * 200)
    found = run_rule(OverviewTooLong, long, "gov-2021", 2021)
    assert len(found) == 1 and found[0].numbers["chars"] > 1000 and found[0].numbers["limit"] == 1000


def test_2019_tables_in_a_2022_report_are_flagged_once():
    text = GOOD_2021 + "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n"
    found = run_rule(OutdatedFormat, text, "gov-2021", 2022)
    assert len(found) == 1 and "2019" in found[0].message["zh"]
    assert run_rule(OutdatedFormat, text, "gov-2019", 2020) == []


def test_title_that_says_work_report():
    text = GOOD_2021.replace("工作年度报告", "工作报告", 1)
    found = run_rule(TitleNotAnnualReport, text, "gov-2021", 2021)
    assert len(found) == 1 and found[0].code == "F005"
