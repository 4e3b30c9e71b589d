import datetime as dt
import time

import pytest

from report_lint.text.dates import find_dates, find_period, find_periods
from report_lint.text.numerals import cn_numeral as parse_cn_number


def one(text):
    ds = find_dates(text)
    assert len(ds) == 1, [d.text for d in ds]
    return ds[0]


@pytest.mark.parametrize(
    "text, ymd",
    [
        ("2018年1月1日", (2018, 1, 1)),
        ("2018 年 1 月 1 日", (2018, 1, 1)),
        ("2019年01月16日", (2019, 1, 16)),
        ("2018年1月1号", (2018, 1, 1)),
        ("2018-01-01", (2018, 1, 1)),
        ("2018.1.1", (2018, 1, 1)),
        ("2018/1/1", (2018, 1, 1)),
        ("２０１８年１２月３１日", (2018, 12, 31)),
        ("二○一九年一月十七日", (2019, 1, 17)),
        ("二〇一二年二月二十日", (2012, 2, 20)),
        ("二零二零年十二月三十一日", (2020, 12, 31)),
    ],
)
def test_forms_and_spans(text, ymd):
    s = "落款：" + text + "。"
    d = one(s)
    assert d.ymd == ymd and d.valid
    assert s[d.start : d.end] == text
    assert d.date == dt.date(*ymd)


def test_range_second_date_inherits_year():
    ds = find_dates("2018年1月1日至12月31日")
    assert [d.ymd for d in ds] == [(2018, 1, 1), (2018, 12, 31)]
    assert ds[1].year_inherited and not ds[0].year_inherited


def test_month_day_without_connector_has_no_year():
    ds = find_dates("2018年1月1日召开会议，每年3月31日前公布")
    assert ds[1].ymd == (None, 3, 31) and not ds[1].year_inherited and ds[1].valid


@pytest.mark.parametrize(
    "text, why",
    [
        ("2018年2月30日", "2月只有28天"),
        ("2019年2月29日", "不是闰年"),
        ("2018年4月31日", "4月只有30天"),
        ("2018年13月1日", "没有13月"),
        ("2018年13月", "没有13月"),
        ("2月30日", "2月只有29天"),
        ("2018-02-30", "2月只有28天"),
        ("0218年1月1日", "年份"),
    ],
)
def test_impossible_dates_are_reported_not_dropped(text, why):
    d = one("于" + text + "完成")
    assert not d.valid and d.date is None
    assert why in d.problem["zh"] and d.problem["en"]


def test_leap_day_is_valid():
    assert one("2020年2月29日").valid


@pytest.mark.parametrize(
    "text", ["192.168.1.1", "GF-009001-000-00", "v1.2.3", "2018-13-01", "每月15日", "12个月30日内", "1-12月", "2018年10月", "0952-2020515"]
)
def test_things_that_are_not_dates(text):
    assert find_dates(text) == []


def test_weekday_parsed():
    d = one("石嘴山市司法局 2019年01月16日星期三 首页")
    assert d.weekday == 2 and d.weekday_text == "星期三" and d.date.weekday() == 2
    d2 = one("二〇一二年二月二十日（周一）")
    assert d2.weekday == 0 and d2.weekday_span[1] == len("二〇一二年二月二十日（周一）")


def test_parse_cn_number():
    assert [parse_cn_number(s) for s in ("一", "十", "十二", "二十", "三十一", "〇")] == [1, 10, 12, 20, 31, None]
    assert parse_cn_number("十十") is None and parse_cn_number("") is None and parse_cn_number("甲") is None


@pytest.mark.parametrize(
    "text, kind, start, end",
    [
        # seed preamble
        ("所列政府信息公开数据统计期限为 2018 年 1 月 1 日至 2018 年 12 月 31 日。本报告电子版", "range", (2018, 1, 1), (2018, 12, 31)),
        ("本报告所列数据的统计期限自2011年1月1日起至2011年12月31日止。", "range", (2011, 1, 1), (2011, 12, 31)),
        ("本报告所列数据统计期限从2025年1月1日至2025年12月31日止。", "range", (2025, 1, 1), (2025, 12, 31)),
        ("本报告中所列数据统计时限为2022年1月1日至2022年12月31日。", "range", (2022, 1, 1), (2022, 12, 31)),
        ("所列数据的统计周期\n为 2024 年 1 月 1 日至 12 月 31 日。", "range", (2024, 1, 1), (2024, 12, 31)),
        ("数据统计时间为2018年1月1日—2018年12月31日。", "range", (2018, 1, 1), (2018, 12, 31)),
        ("统计期限为2018年度。", "year", (2018, 1, 1), (2018, 12, 31)),
        ("统计期限为2018年1月至12月。", "months", (2018, 1, 1), (2018, 12, 31)),
        ("统计时间截至2018年12月31日。", "cutoff", None, (2018, 12, 31)),
    ],
)
def test_periods(text, kind, start, end):
    p = find_period(text)
    assert p is not None and p.kind == kind
    assert p.start_ymd == start and p.end_ymd == end
    assert text[p.start_offset : p.start_offset + 2] == "统计"


@pytest.mark.parametrize(
    "text",
    [
        "本报告所列数据的统计期限自至。本报告的电子版",
        "统计期限为    年  月  日至    年  月  日。",
        "统计期限为20XX年1月1日至20XX年12月31日。",
    ],
)
def test_blank_period(text):
    p = find_period(text)
    assert p is not None and p.blank and p.start_ymd is None and p.end_ymd is None


def test_blank_at_end_of_text_is_marked_truncated():
    p = find_period("本报告所列数据的统计周期")
    assert p.blank and p.truncated


def test_weak_keyword_without_a_date_is_not_a_period():
    assert find_periods("各部门统计时间口径不一致，需要统一。") == []
    assert find_periods("加强统计工作。") == []


def test_linear_time_on_hostile_text():
    text = ("2018年" * 5000) + ("1月" * 5000) + ("统计期限" * 3000) + ("0" * 20000) + ("二○一" * 5000)
    t = time.perf_counter()
    find_dates(text)
    find_periods(text)
    assert time.perf_counter() - t < 2.0
