"""Number mentions in Chinese text: parsing, writing, and what approximate forms mean.

Pure functions; every regex is compiled once at import.

* ``parse_chinese`` reads one number written in Arabic digits (ASCII or full-width,
  thousands separators, decimals), Chinese numerals (小写 and 大写), or a mix
  (``2万五千``, ``1.5万``, ``3千``).
* ``to_chinese`` writes the standard reading (10 → 十, 1005 → 一千零五, 20300 → 二万零三百).
* ``NUM`` is a regex fragment matching one number mention with optional approximation
  words (近/约/余/多/左右 …); ``parse_quantity`` turns such a mention into a ``Quantity``
  (an interval) that a table value can be compared with.

How approximate mentions are read (the linter only warns when a value is CLEARLY
outside the interval, so every reading errs on the wide side):

=================  ====================  =============================================
form               kind                  interval for stated value v
=================  ====================  =============================================
400                exact                 [v, v]
400余 / 400多       more_than             (v, v + step) where step is the place of v's
二十几 / 百余                              last non-zero digit: 400余 → (400, 500),
                                         1500余 → (1500, 1600), 70余 → (70, 80),
                                         2万五千多 → (25000, 26000), 百余 → (100, 200).
                                         A non-round v (step 1, e.g. 152余) reads
                                         [v, v + 1]: the writer most likely means v.
超过/逾/多于 400     more_than             (v, ∞) — open above: "more than" puts no cap.
400以上 / 至少 /     at_least              [v, ∞)
不少于 400
不到/不足/少于 400   less_than             [0, v)
400以下 / 以内 /     less_than             [0, v]
不超过 400
约/大约/大概 400,    about                 [0.9·v, 1.1·v] (±10 %)
400左右 / 400上下
近/将近/接近 400,    about                 [0.9·v, v) — "近百件" → [90, 100)
近百
数十 / 几百          about                 [2·u, 10·u) for the unit u (数十 → [20, 100))
三四百 / 七八十       about                 [3·u, 4·u] (two adjacent digits before a unit)
无 / 零 / 0          exact                 [0, 0]
=================  ====================  =============================================

When a prefix and a suffix both qualify the number (约400余) the interval is the
hull of the two readings (the wider, more forgiving one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional

from report_lint.text.numerals import (
    _CN_DIGIT_CHARS,
    _CN_DIGIT,
    _CN_UNIT_CHARS,
    _D,
    parse_chinese,
)


# ---------------------------------------------------------------------------------
# Mentions in text

# Linear by construction: every repetition consumes exactly one character and the
# alternatives are disjoint, so nothing can backtrack combinatorially.
_CHAR = rf"[{_D}{_CN_DIGIT_CHARS}{_CN_UNIT_CHARS}]"
_CORE = (
    rf"{_CHAR}"
    rf"(?:{_CHAR}"
    rf"|[.．](?=[{_D}])"
    rf"|[,，](?<![{_D}]{{4}}[,，])(?<=[{_D}][,，])(?=[{_D}]{{3}}(?![{_D}]))"
    r")*"
)
_PREFIXES = {
    "大约": "about",
    "大概": "about",
    "约": "about",
    "将近": "near",
    "接近": "near",
    "近": "near",
    "超过": "more_than",
    "多于": "more_than",
    "逾": "more_than",
    "不少于": "at_least",
    "至少": "at_least",
    "不到": "less_than",
    "不足": "less_than",
    "少于": "less_than",
    "不超过": "at_most",
    "数": "several",
    "几": "several",
}
_SUFFIXES = {
    "余": "more_than",
    "多": "more_than",
    "几": "more_than",
    "左右": "about",
    "上下": "about",
    "以上": "at_least",
    "以下": "at_most",
    "以内": "at_most",
}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PREFIX_RE_SRC = rf"(?:{_alt(w for w in _PREFIXES if w not in ('数', '几'))}|[数几](?=[十百千万]))"
_SUFFIX_RE_SRC = rf"(?:[ \u3000\xa0]{{0,2}}(?:{_alt(_SUFFIXES)}))"

NUM = rf"(?:(?<![{_D}.．])(?:{_PREFIX_RE_SRC}[ \u3000\xa0]{{0,2}})?{_CORE}{_SUFFIX_RE_SRC}?|无)"
"""Regex fragment matching one number mention (no capturing groups; wrap it as
``(?P<num>...)``). Digits with separators/decimals, Chinese numerals, mixed forms,
with an optional approximation prefix (近/约/超过 …) and suffix (余/多/左右 …), or 无."""

NUM_RE = re.compile(NUM)


@dataclass(frozen=True)
class Quantity:
    """What a number mention says: an interval the true value lies in.

    ``low``/``high`` are ``None`` when unbounded; ``low_open``/``high_open`` say whether
    the bound itself is excluded. ``kind`` is exact · more_than · about · at_least ·
    less_than (see the module docstring for each form's reading).
    """

    value: Decimal
    low: Optional[Decimal]
    high: Optional[Decimal]
    kind: str = "exact"
    low_open: bool = False
    high_open: bool = False
    text: str = ""

    @property
    def exact(self) -> bool:
        return self.kind == "exact"

    def compatible(self, x) -> bool:
        x = Decimal(x) if not isinstance(x, Decimal) else x
        if self.low is not None and (x < self.low or (self.low_open and x == self.low)):
            return False
        if self.high is not None and (x > self.high or (self.high_open and x == self.high)):
            return False
        return True

    def describe(self, lang: str = "zh") -> str:
        """The reading of the mention, for messages: '400 至 500 之间'."""
        lo = fmt_number(self.low) if self.low is not None else None
        hi = fmt_number(self.high) if self.high is not None else None
        if self.exact:
            return fmt_number(self.value)
        zh = lang == "zh"
        if self.kind == "less_than" and hi is not None:
            if zh:
                return f"少于 {hi}" if self.high_open else f"不超过 {hi}"
            return f"less than {hi}" if self.high_open else f"at most {hi}"
        if lo is not None and hi is not None:
            if lo == hi:
                return lo
            if zh:
                note = ""
                if self.kind == "about" and not self.high_open and self.low == self.value * Decimal("0.9"):
                    note = "（按 ±10% 计）"
                return f"{lo} 至 {hi} 之间{note}"
            return f"between {lo} and {hi}"
        if lo is not None:
            if zh:
                return f"大于 {lo}" if self.low_open else f"不少于 {lo}"
            return f"more than {lo}" if self.low_open else f"at least {lo}"
        if hi is not None:
            if zh:
                return f"少于 {hi}" if self.high_open else f"不超过 {hi}"
            return f"less than {hi}" if self.high_open else f"at most {hi}"
        return "任意数" if zh else "any number"


def fmt_number(d) -> str:
    """Plain decimal text without exponent or trailing zeros (597, 0.8, 1500)."""
    if d is None:
        return ""
    d = Decimal(d)
    if d == d.to_integral_value():
        return format(d.quantize(Decimal(1)), "f") if d.adjusted() < 28 else format(d, "f")
    return format(d.normalize(), "f")


def _step(v: Decimal) -> Decimal:
    # The place of the last non-zero digit: 400 → 100, 1500 → 100, 152 → 1, 1.5 → 0.1.
    if v == 0:
        return Decimal(1)
    exp = v.normalize().as_tuple().exponent
    return Decimal(10) ** int(exp)


_RANGE_RE = re.compile(r"^([一二三四五六七八])([二三四五六七八九])([十百千万])$")
_WS_RE = re.compile(r"[\s\u3000\xa0]+")
_PREFIX_LIST = sorted(_PREFIXES, key=len, reverse=True)
_SUFFIX_LIST = sorted(_SUFFIXES, key=len, reverse=True)


def _interval(kind: str, v: Decimal) -> tuple[str, Optional[Decimal], Optional[Decimal], bool, bool]:
    """(kind, low, high, low_open, high_open) for one qualifier."""
    if kind == "exact":
        return "exact", v, v, False, False
    if kind == "more_than_capped":
        step = _step(v)
        if step <= 1:
            return "more_than", v, v + step, False, False
        return "more_than", v, v + step, True, True
    if kind == "more_than":
        return "more_than", v, None, True, False
    if kind == "at_least":
        return "at_least", v, None, False, False
    if kind == "less_than":
        return "less_than", Decimal(0), v, False, True
    if kind == "at_most":
        return "less_than", Decimal(0), v, False, False
    if kind == "about":
        return "about", v * Decimal("0.9"), v * Decimal("1.1"), False, False
    if kind == "near":
        return "about", v * Decimal("0.9"), v, False, True
    raise ValueError(kind)


def parse_quantity(text: str) -> Quantity:
    """Read one number mention (as matched by ``NUM``, optionally followed by a
    qualifier such as 左右 that stood after the unit) into a ``Quantity``.

    Raises ``ValueError`` when the text holds no well-formed number.
    """
    raw = text
    t = _WS_RE.sub("", text or "")
    if t in ("无", "没有"):
        return Quantity(Decimal(0), Decimal(0), Decimal(0), "exact", text=raw)
    prefix = next((p for p in _PREFIX_LIST if t.startswith(p) and len(t) > len(p)), None)
    if prefix:
        t = t[len(prefix) :]
    suffix = next((x for x in _SUFFIX_LIST if t.endswith(x) and len(t) > len(x)), None)
    if suffix:
        t = t[: -len(suffix)]
    if not t:
        raise ValueError(f"no number in {raw!r}")

    pkind = _PREFIXES.get(prefix or "", "")
    if pkind == "several":
        # 数十 / 几百: a few of that unit, read as [2u, 10u).
        if suffix or t not in ("十", "百", "千", "万", "十万", "百万", "千万", "亿"):
            raise ValueError(f"not a number: {raw!r}")
        u = Decimal(parse_chinese(t))
        return Quantity(u * 2, u * 2, u * 10, "about", False, True, text=raw)

    rm = _RANGE_RE.match(t)
    if rm and _CN_DIGIT[rm.group(2)] == _CN_DIGIT[rm.group(1)] + 1:
        # 三四百: between the two readings.
        u = Decimal(parse_chinese(rm.group(3)))
        lo, hi = _CN_DIGIT[rm.group(1)] * u, _CN_DIGIT[rm.group(2)] * u
        return Quantity(lo, lo, hi, "about", False, False, text=raw)

    v = Decimal(parse_chinese(t))
    readings = []
    if pkind:
        readings.append(_interval(pkind, v))
    if suffix:
        skind = _SUFFIXES[suffix]
        readings.append(_interval("more_than_capped" if skind == "more_than" else skind, v))
    if not readings:
        readings.append(_interval("exact", v))
    if len(readings) == 1:
        kind, lo, hi, lo_open, hi_open = readings[0]
        return Quantity(v, lo, hi, kind, lo_open, hi_open, text=raw)
    # Prefix and suffix together (约400余): the hull, i.e. the more forgiving reading.
    (k1, lo1, hi1, lo1o, hi1o), (k2, lo2, hi2, lo2o, hi2o) = readings
    if lo1 is None or lo2 is None:
        lo, lo_open = None, False
    elif lo1 < lo2 or (lo1 == lo2 and not lo1o):
        lo, lo_open = lo1, lo1o
    else:
        lo, lo_open = lo2, lo2o
    if hi1 is None or hi2 is None:
        hi, hi_open = None, False
    elif hi1 > hi2 or (hi1 == hi2 and not hi1o):
        hi, hi_open = hi1, hi1o
    else:
        hi, hi_open = hi2, hi2o
    kind = k1 if k1 == k2 else "about"
    return Quantity(v, lo, hi, kind, lo_open, hi_open, text=raw)


def find_quantities(text: str) -> list[tuple[int, int, Quantity]]:
    """Every well-formed number mention in ``text`` as (start, end, Quantity)."""
    out = []
    for m in NUM_RE.finditer(text):
        try:
            out.append((m.start(), m.end(), parse_quantity(m.group(0))))
        except (ValueError, InvalidOperation):
            continue
    return out
