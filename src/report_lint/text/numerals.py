"""Chinese numerals: the one parser and the one writer every stage uses.

* ``parse_chinese`` reads one number written in Arabic digits (ASCII or full-width,
  thousands separators, decimals), Chinese numerals (小写 and 大写), or a mix
  (``2万五千``, ``1.5万``, ``3千``, ``两百``, ``一十一``).
* ``cn_numeral`` is the same reading restricted to a counting numeral written in Chinese
  characters only (heading numbers 一、 十一、, dates 十二月三十一日): a positive whole number,
  else None.
* ``cn_year`` reads a year written digit by digit (二〇一八 → 2018).
* ``to_chinese`` writes the standard reading (10 → 十, 1005 → 一千零五, 20300 → 二万零三百).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional, Union

from report_lint.text.normalize import number_chars_to_ascii

Number = Union[int, Decimal]

# ---------------------------------------------------------------------------------
# Characters

_DIGITS_ASCII = "0-9"
_DIGITS_FW = "０-９"
_D = _DIGITS_ASCII + _DIGITS_FW

_CN_DIGIT = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "幺": 1,
    "二": 2,
    "两": 2,
    "贰": 2,
    "貳": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CN_SMALL_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG_UNIT = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_ZERO_CHARS = "零〇○"

_CN_DIGIT_CHARS = "".join(_CN_DIGIT)
_CN_UNIT_CHARS = "".join(_CN_SMALL_UNIT) + "".join(_CN_BIG_UNIT)

_MAX_LEN = 40
_SPACE_RE = re.compile(r"[\s\u3000\xa0]+")

# A thousands separator is only taken as one between digit groups of exactly three
# (1,015 / 1，015); "1，2" stays two numbers.
_GROUPED_RE = re.compile(r"(?<![0-9])[0-9]{1,3}(?:[,，][0-9]{3})+(?![0-9])")
_TOKEN_RE = re.compile(
    rf"(?P<arabic>[0-9]+(?:\.[0-9]+)?)|(?P<cn>[{_CN_DIGIT_CHARS}])|(?P<unit>[{_CN_UNIT_CHARS}])|(?P<other>.)",
    re.S,
)


def _strip_separators(s: str) -> str:
    def ungroup(m: re.Match) -> str:
        return m.group(0).replace(",", "").replace("，", "")

    return _GROUPED_RE.sub(ungroup, s)


def _normalize_number_text(s: str) -> str:
    s = number_chars_to_ascii(s)
    s = _SPACE_RE.sub("", s)
    return _strip_separators(s)


def _as_number(d: Decimal) -> Number:
    if d == d.to_integral_value():
        return int(d)
    return d.normalize()


def parse_chinese(s: str) -> Number:
    """Value of one number written in digits, Chinese numerals, or a mix of both.

    Returns an ``int`` when the value is whole, else a ``Decimal``. Raises ``ValueError``
    when ``s`` is not one well-formed number.

    A lone digit right after a unit takes the next lower place, as people say it
    (一百五 = 150, 两万五 = 25000); after 零 it does not (一百零五 = 105).
    """
    if not isinstance(s, str):
        raise ValueError(f"not a number: {s!r}")
    t = _normalize_number_text(s)
    if t.startswith("负") and len(t) > 1:
        return -parse_chinese(t[1:])
    if not t:
        raise ValueError("empty number")
    if len(t) > _MAX_LEN:
        # No report figure is this long; refusing keeps Decimal/int conversions bounded.
        raise ValueError(f"implausibly long number: {s[:20]!r}…")
    if "," in t or "，" in t:
        raise ValueError(f"not one number: {s!r}")

    tokens: list[tuple[str, object]] = []
    for m in _TOKEN_RE.finditer(t):
        kind = m.lastgroup
        if kind == "other":
            raise ValueError(f"not a number: {s!r}")
        text = m.group(0)
        if kind == "arabic":
            tokens.append(("num", Decimal(text)))
        elif kind == "cn":
            tokens.append(("zero", None) if text in _ZERO_CHARS else ("num", Decimal(_CN_DIGIT[text])))
        elif text in _CN_SMALL_UNIT:
            tokens.append(("small", _CN_SMALL_UNIT[text]))
        else:
            tokens.append(("big", _CN_BIG_UNIT[text]))

    has_unit = any(k in ("small", "big") for k, _ in tokens)
    if not has_unit:
        return _parse_positional(tokens, s)
    return _parse_units(tokens, s)


def _parse_positional(tokens: list[tuple[str, object]], s: str) -> Number:
    # No units: either one Arabic number, or Chinese digits read one by one (二〇一八).
    if len(tokens) == 1:
        kind, v = tokens[0]
        return 0 if kind == "zero" else _as_number(v)  # type: ignore[arg-type]
    digits = []
    for kind, v in tokens:
        if kind == "zero":
            digits.append("0")
        elif isinstance(v, Decimal) and v == v.to_integral_value() and 0 <= v <= 9 and "." not in str(v):
            digits.append(str(int(v)))
        else:
            raise ValueError(f"not one number: {s!r}")
    return int("".join(digits))


def _parse_units(tokens: list[tuple[str, object]], s: str) -> Number:
    def bad() -> ValueError:
        return ValueError(f"not one number: {s!r}")

    total = Decimal(0)  # completed 亿 groups
    wan = Decimal(0)  # the completed 万 group inside the current 亿 group
    small = Decimal(0)  # below 万 inside the current 万 group
    pending: Optional[Decimal] = None  # a digit waiting for its unit
    last_small = 10**5  # 千/百/十 inside one 万 group must strictly decrease
    seen_value = False  # anything since the last 万/亿 (万 alone means 一万)
    seen_yi = False
    for kind, v in tokens:
        if kind == "num":
            if pending is not None:
                raise bad()
            pending = v  # type: ignore[assignment]
            seen_value = True
        elif kind == "zero":
            if pending is not None:
                raise bad()
            seen_value = True
        elif kind == "small":
            unit = int(v)  # type: ignore[arg-type]
            if unit >= last_small:
                raise bad()
            small += (pending if pending is not None else Decimal(1)) * unit
            pending = None
            last_small = unit
            seen_value = True
        else:
            unit = int(v)  # type: ignore[arg-type]
            group = small + (pending if pending is not None else Decimal(0))
            if unit == 10**8:
                if seen_yi:
                    raise bad()
                group += wan
                if group == 0 and not seen_value and not wan:
                    group = Decimal(1)
                if group == 0:
                    raise bad()
                total = group * unit
                wan = Decimal(0)
                seen_yi = True
            else:
                if group == 0 and not seen_value:
                    group = Decimal(1)
                if group == 0 or wan:
                    raise bad()
                wan = group * unit
            small = Decimal(0)
            pending = None
            last_small = 10**5
            seen_value = False
    if pending is not None and len(tokens) >= 2 and tokens[-2][0] in ("small", "big"):
        # 一百五 = 150, 两万五 = 25000: a lone digit right after a unit of 百 or more
        # takes the next lower place (after 零 it does not: 一百零五 = 105).
        unit = int(tokens[-2][1])  # type: ignore[arg-type]
        if unit >= 100 and pending == pending.to_integral_value() and 0 < pending <= 9:
            pending = pending * (unit // 10)
    return _as_number(total + wan + small + (pending if pending is not None else Decimal(0)))


# ---------------------------------------------------------------------------------
# Writing

_CN_WRITE = "零一二三四五六七八九"


def _four(n: int) -> str:
    """1 ≤ n ≤ 9999 with 一 kept before 十 (the caller drops a leading 一十)."""
    out = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            if zero and out:
                out.append("零")
            out.append(_CN_WRITE[d] + name)
            zero = False
        else:
            zero = True
    return "".join(out)


def _to_chinese(n: int) -> str:
    for unit, name in ((10**8, "亿"), (10**4, "万")):
        if n >= unit:
            hi, lo = divmod(n, unit)
            s = _to_chinese(hi) + name
            if lo:
                s += ("零" if lo < unit // 10 else "") + _to_chinese(lo)
            return s
    return _four(n)


def to_chinese(n: int) -> str:
    """Standard reading of a non-negative whole number: 10 → 十, 1005 → 一千零五,
    20300 → 二万零三百, 100010 → 十万零一十."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("to_chinese takes an int")
    if n < 0:
        return "负" + to_chinese(-n)
    if n == 0:
        return "零"
    s = _to_chinese(n)
    # 一十 only loses its 一 at the very start of the number (10 → 十, 110 → 一百一十).
    if s.startswith("一十"):
        s = s[1:]
    return s


def cn_numeral(s: str) -> Optional[int]:
    """A counting numeral written in Chinese characters (一, 十, 十一, 一十一, 两, 二十三,
    一百零五) as a positive int; None for anything else.

    Digits side by side are a positional reading (一二, 二〇), not a counting numeral, and
    a bare unit (百) or zero (零, 〇) counts nothing: those are None, as are digits,
    decimals and the empty string. This is what heading numbers (十一、) and dates
    (十二月三十一日) are written with.
    """
    if not s or len(s) > 12 or s[0] not in _CN_DIGIT and s[0] not in "十拾":
        return None
    if any(ch not in _CN_DIGIT and ch not in _CN_SMALL_UNIT and ch not in _CN_BIG_UNIT for ch in s):
        return None
    for a, b in zip(s, s[1:]):
        if a in _CN_DIGIT and b in _CN_DIGIT and (a not in _ZERO_CHARS or b in _ZERO_CHARS):
            return None
    try:
        v = parse_chinese(s)
    except ValueError:
        return None
    return v if isinstance(v, int) and v > 0 else None


_LETTER_ZERO = frozenset("OＯo")
"""Letters typed for 〇 in years written digit by digit."""


def cn_year(s: str) -> Optional[int]:
    """A year written digit by digit: 二〇一八 / 二○一八 / 二零一八 → 2018, also with the
    letter O typed for 〇 (二O一八); None otherwise."""
    if not s:
        return None
    out = 0
    for ch in s:
        d = 0 if ch in _LETTER_ZERO else _CN_DIGIT.get(ch)
        if d is None:
            return None
        out = out * 10 + d
    return out
