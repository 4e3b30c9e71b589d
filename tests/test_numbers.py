"""Number mentions in Chinese text: parse_chinese, to_chinese, Quantity, NUM."""

from __future__ import annotations

import dataclasses

import re
import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report_lint.text.numerals import parse_chinese, to_chinese
from report_lint.text.quantities import NUM, NUM_RE, Quantity, find_quantities, fmt_number, parse_quantity

# ---------------------------------------------------------------------------------
# parse_chinese


@pytest.mark.parametrize(
    "text,value",
    [
        ("0", 0),
        ("零", 0),
        ("〇", 0),
        ("一", 1),
        ("两", 2),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("一十五", 15),
        ("一百零一", 101),
        ("一百一十", 110),
        ("一千零五", 1005),
        ("一千零五十", 1050),
        ("两万五千", 25000),
        ("二万零三百", 20300),
        ("十万零一十", 100010),
        ("三亿五千万", 350_000_000),
        ("一亿零一", 100_000_001),
        ("一万亿", 10**12),
        ("壹仟贰佰叁拾肆", 1234),
        ("伍拾", 50),
        ("2万五千", 25000),
        ("2万5000", 25000),
        ("1.5万", 15000),
        ("1.5亿", 150_000_000),
        ("3千", 3000),
        ("万", 10000),
        ("百", 100),
        ("１２３", 123),
        ("１，０１５", 1015),
        ("1,015", 1015),
        ("1，015", 1015),
        ("12,345,678", 12345678),
        ("二〇一八", 2018),
        ("二零一八", 2018),
        (" 1500 ", 1500),
        ("负五", -5),
    ],
)
def test_parse_chinese_values(text, value):
    got = parse_chinese(text)
    assert got == value
    assert isinstance(got, int)


@pytest.mark.parametrize(
    "text,value",
    [("一百五", 150), ("一千二", 1200), ("两万五", 25000), ("一亿五", 150_000_000), ("一百零五", 105), ("十五", 15)],
)
def test_a_lone_digit_after_a_unit_takes_the_next_place_as_people_say_it(text, value):
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text,value", [("1.5", Decimal("1.5")), ("0.8", Decimal("0.8")), ("１．２５", Decimal("1.25"))])
def test_parse_chinese_keeps_fractions_as_decimal(text, value):
    got = parse_chinese(text)
    assert isinstance(got, Decimal) and got == value


@pytest.mark.parametrize("text", ["", "   ", "abc", "1，2", "1,2", "1234,567", "十十", "百千", "万万", "12一", "1.5.3", "一二十", "条"])
def test_parse_chinese_rejects_what_is_not_one_number(text):
    with pytest.raises(ValueError):
        parse_chinese(text)


# ---------------------------------------------------------------------------------
# to_chinese


@pytest.mark.parametrize(
    "n,text",
    [
        (0, "零"),
        (5, "五"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (1015, "一千零一十五"),
        (20300, "二万零三百"),
        (100000, "十万"),
        (100010, "十万零一十"),
        (100_000_001, "一亿零一"),
        (150_000_000, "一亿五千万"),
        (10**12, "一万亿"),
    ],
)
def test_to_chinese_standard_reading(n, text):
    assert to_chinese(n) == text


def test_to_chinese_rejects_non_integers():
    with pytest.raises(TypeError):
        to_chinese(1.5)  # type: ignore[arg-type]


@settings(max_examples=400)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_round_trip_chinese(n):
    assert parse_chinese(to_chinese(n)) == n


@settings(max_examples=300)
@given(
    st.integers(min_value=0, max_value=9999),
    st.integers(min_value=0, max_value=9999),
    st.integers(min_value=0, max_value=9999),
)
def test_round_trip_mixed_digits_and_big_units(yi, wan, rest):
    n = yi * 10**8 + wan * 10**4 + rest
    if n == 0:
        return
    # Digits + 万/亿 (3亿2000万5000), the common way reports write large figures.
    parts = []
    if yi:
        parts.append(f"{yi}亿")
    if wan:
        parts.append(f"{wan}万")
    if rest:
        parts.append(str(rest) if rest >= 10 or not parts else f"零{rest}")
    assert parse_chinese("".join(parts)) == n
    # Digits for 万, Chinese for the rest (2万五千, 2万零五).
    if wan and not yi:
        tail = "" if not rest else ("零" if rest < 1000 else "") + to_chinese(rest)
        assert parse_chinese(f"{wan}万{tail}") == n


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9), st.sampled_from(["万", "亿"]))
def test_round_trip_decimal_with_big_unit(whole, tenth, unit):
    scale = 10**4 if unit == "万" else 10**8
    assert parse_chinese(f"{whole}.{tenth}{unit}") == whole * scale + tenth * scale // 10


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=10**9))
def test_grouped_and_full_width_digits(n):
    assert parse_chinese(f"{n:,}") == n
    assert parse_chinese(f"{n:,}".replace(",", "，")) == n
    assert parse_chinese(str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))) == n


# ---------------------------------------------------------------------------------
# Quantity


@pytest.mark.parametrize(
    "text,kind,inside,outside",
    [
        ("400", "exact", [400], [399, 401]),
        ("400余", "more_than", [401, 450, 499], [400, 500, 597]),
        ("2万五千多", "more_than", [25001, 25999], [25000, 26000]),
        ("600余", "more_than", [650], [309, 700]),
        ("1500 余", "more_than", [1550], [1015, 1600]),
        ("1500余", "more_than", [1501], [1500, 1600]),
        ("70余", "more_than", [71, 79], [70, 80]),
        ("152余", "more_than", [152, 153], [151, 154]),
        ("百余", "more_than", [101, 199], [100, 200]),
        ("十几", "more_than", [11, 19], [10, 20]),
        ("二十多", "more_than", [25], [20, 30]),
        ("1.5万余", "more_than", [15500], [15000, 16000]),
        ("近百", "about", [90, 99], [89, 100]),
        ("近100", "about", [95], [100, 80]),
        ("约300", "about", [270, 300, 330], [269, 331]),
        ("300左右", "about", [270, 330], [269, 331]),
        ("300上下", "about", [300], [400]),
        ("超过400", "more_than", [401, 10**6], [400, 399]),
        ("逾400", "more_than", [500], [400]),
        ("400以上", "at_least", [400, 900], [399]),
        ("至少400", "at_least", [400], [399]),
        ("不到400", "less_than", [0, 399], [400]),
        ("不足10", "less_than", [9], [10]),
        ("400以内", "less_than", [400], [401]),
        ("数十", "about", [20, 99], [10, 100]),
        ("几百", "about", [200, 999], [100, 1000]),
        ("三四百", "about", [300, 350, 400], [299, 401]),
        ("无", "exact", [0], [1]),
        ("零", "exact", [0], [1]),
        ("约400余", "about", [360, 499], [359, 500]),
    ],
)
def test_quantity_readings(text, kind, inside, outside):
    q = parse_quantity(text)
    assert q.kind == kind
    assert q.exact == (kind == "exact")
    for x in inside:
        assert q.compatible(Decimal(x)), (text, x)
    for x in outside:
        assert not q.compatible(Decimal(x)), (text, x)


def test_quantity_accepts_plain_ints_and_describes_its_reading():
    q = parse_quantity("400余")
    assert q.compatible(450) and not q.compatible(597)
    assert q.describe("zh") == "400 至 500 之间"
    assert q.describe("en") == "between 400 and 500"
    assert "±10%" in parse_quantity("约300").describe("zh")
    assert parse_quantity("超过400").describe("zh") == "大于 400"
    assert parse_quantity("不到400").describe("en") == "less than 400"
    assert parse_quantity("597").describe("zh") == "597"


def test_quantity_is_a_value_object():
    q = Quantity(Decimal(5), Decimal(5), Decimal(5))
    assert q.exact and q.compatible(5) and not q.compatible(6)
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.low = Decimal(0)  # type: ignore[misc]


@pytest.mark.parametrize("text", ["", "余", "约", "左右", "十十余", "abc"])
def test_parse_quantity_rejects_non_numbers(text):
    with pytest.raises(ValueError):
        parse_quantity(text)


def test_fmt_number_is_plain():
    assert fmt_number(Decimal("1.50")) == "1.5"
    assert fmt_number(Decimal("1E+3")) == "1000"
    assert fmt_number(Decimal("90.0")) == "90"


# ---------------------------------------------------------------------------------
# NUM


def mentions(text: str) -> list[str]:
    return [m.group(0) for m in NUM_RE.finditer(text)]


def test_num_finds_each_form_in_running_text():
    text = "发布各类政府信息400余条，总关注量2万五千多。近百件、约300条、信息 1500 余条、1,015条与１，０１５条、制发的1个文件"
    assert mentions(text) == ["400余", "2万五千多", "近百", "约300", "1500 余", "1,015", "１，０１５", "1"]


def test_num_keeps_a_list_of_numbers_apart():
    assert mentions("第1，2，3项") == ["1", "2", "3"]
    assert mentions("1234,567") == ["1234", "567"]


def test_num_has_no_capturing_groups_and_nests_in_a_binding():
    assert re.compile(NUM).groups == 0
    pat = re.compile(rf"信息\s*(?P<num>{NUM})\s*条")
    m = pat.search("通过门户网站发布各类政府信息400余条")
    assert m and m.group("num") == "400余"
    two = re.compile(rf"(?P<a>{NUM})和(?P<b>{NUM})")
    assert two.search("3和4").group("a", "b") == ("3", "4")


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_num_matches_every_written_form_whole(n):
    for form in (str(n), f"{n:,}", to_chinese(n), f"{to_chinese(n)}余", f"约{n}"):
        assert NUM_RE.fullmatch(form), form


def test_find_quantities_skips_malformed_runs():
    text = "信息十十条，信息400余条"
    found = find_quantities(text)
    assert [(text[s:e], q.kind) for s, e, q in found] == [("400余", "more_than")]


@pytest.mark.parametrize(
    "text",
    [
        "1" * 1_000_000,
        "一" * 1_000_000,
        "1," * 500_000,
        "123，" * 250_000,
        "1." * 500_000,
        "1 " * 500_000,
        "约" * 1_000_000,
        "近1,000余 " * 100_000,
        "1" + " " * 1_000_000 + "余",
    ],
    ids=["digits", "chinese", "commas", "fw-commas", "dots", "spaces", "prefixes", "mentions", "long-gap"],
)
def test_num_is_linear_on_a_megabyte(text):
    bound = re.compile(rf"信息\s*(?P<num>{NUM})\s*条")
    t0 = time.perf_counter()
    n = sum(1 for _ in NUM_RE.finditer(text))
    bound.search(text)
    elapsed = time.perf_counter() - t0
    assert n >= 1 or text.startswith("约")
    assert elapsed < 1.0, elapsed
