"""Dates in Chinese report text, with character spans.

Recognised forms (spans index the original string; full-width digits count as digits):

  2018年1月1日 · 2018 年 1 月 1 日 · 2019年01月16日星期三 · 2018年1月1日至12月31日
  (the second date inherits the year) · 2018-01-01 · 2018.1.1 · 2018/1/1 ·
  二○一九年一月十七日 · 二〇一二年二月二十日 · 1月1日 (no year) · 2018年13月 (month only)

A date that cannot exist (2月30日, 13月) is returned with ``valid=False`` and a reason,
never dropped: an impossible date is a defect the checks report.

``find_periods`` reads statistics-period sentences ("统计期限为2018年1月1日至2018年12月31日",
"统计期限自至" = blank).

Every pattern is compiled once; none nests quantifiers, so a scan is linear in the text.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Optional

from report_lint.text.normalize import digits_to_ascii
from report_lint.text.numerals import cn_numeral, cn_year


_CN_YEAR_CLS = "〇○零OＯ一二三四五六七八九"
_CN_NUM_CLS = "一二三四五六七八九十"

_S = r"\s{0,2}"
_DATE_RE = re.compile(
    # 1. year-month-day with 年月日 (Arabic or Chinese numerals)
    rf"(?:(?<![\d.])(?P<y>\d{{4}})|(?<![{_CN_YEAR_CLS}十])(?P<yc>[{_CN_YEAR_CLS}]{{4}}))"
    rf"{_S}年{_S}(?:(?P<m>\d{{1,2}})|(?P<mc>[{_CN_NUM_CLS}]{{1,3}})){_S}月"
    rf"{_S}(?:(?P<d>\d{{1,2}})|(?P<dc>[{_CN_NUM_CLS}]{{1,4}})){_S}[日号]"
    # 2. numeric with one repeated separator: 2018-01-01 · 2018.1.1 · 2018/1/1
    r"|(?<![\d.])(?P<yi>(?:19|20)\d{2})(?P<sep>[-./])(?P<mi>\d{1,2})(?P=sep)(?P<di>\d{1,2})(?![\d])(?!(?P=sep)\d)"
    # 3. year-month without a day (only used to catch impossible months such as 2018年13月)
    rf"|(?<![\d.])(?P<y3>\d{{4}}){_S}年{_S}(?P<m3>\d{{1,2}}){_S}月(?!{_S}[\d{_CN_NUM_CLS}])"
    # 4. month-day without a year: 12月31日 · 十二月三十一日
    rf"|(?<![\d{_CN_YEAR_CLS}十])(?:(?P<m2>\d{{1,2}})|(?P<mc2>[{_CN_NUM_CLS}]{{1,3}})){_S}月"
    rf"{_S}(?:(?P<d2>\d{{1,2}})|(?P<dc2>[{_CN_NUM_CLS}]{{1,4}})){_S}[日号]"
)

_WEEKDAY_RE = re.compile(r"[ \t\u3000\xa0]{0,2}[（(]?[ \t\u3000\xa0]?(?:星期|礼拜|周)(?P<w>[一二三四五六日天])[ \t\u3000\xa0]?[)）]?")
_WEEKDAY_NUM = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WEEKDAY_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# What may stand between two dates of a range ("2018年1月1日起至12月31日").
_CONNECTOR_RE = re.compile(r"\s{0,3}(?:起\s{0,2})?[，,]?\s{0,2}(?:至|到|—{1,2}|–|-|－|~|～)\s{0,3}")


@dataclass
class TextDate:
    start: int
    end: int
    """Span of the date itself (the weekday, if any, is ``weekday_span``)."""
    text: str
    year: Optional[int]
    month: Optional[int]
    day: Optional[int]
    style: str
    """arabic (年月日 with digits) · chinese (二○一九年…) · numeric (2018-01-01) · month (2018年13月) · monthday (12月31日)."""
    valid: bool = True
    problem: dict[str, str] = field(default_factory=dict)
    """Why the date cannot exist ({'zh','en'}); empty when valid."""
    year_inherited: bool = False
    """The year was taken from the preceding date of a range (…至12月31日)."""
    weekday: Optional[int] = None
    """Stated weekday, 0 = Monday … 6 = Sunday."""
    weekday_text: str = ""
    weekday_span: Optional[tuple[int, int]] = None

    @property
    def date(self) -> Optional[_dt.date]:
        if not self.valid or self.year is None or self.month is None or self.day is None:
            return None
        return _dt.date(self.year, self.month, self.day)

    @property
    def ymd(self) -> tuple[Optional[int], Optional[int], Optional[int]]:
        return (self.year, self.month, self.day)

    def zh(self) -> str:
        """The date written the usual way (2018年1月1日), whatever form the text used."""
        parts = []
        if self.year is not None:
            parts.append(f"{self.year}年")
        if self.month is not None:
            parts.append(f"{self.month}月")
        if self.day is not None:
            parts.append(f"{self.day}日")
        return "".join(parts)


def _validate(d: TextDate) -> None:
    y, m, day = d.year, d.month, d.day
    if y is not None and not (1000 <= y <= 2100):
        d.valid = False
        d.problem = {"zh": f"年份“{y}”不可能", "en": f"year {y} is not plausible"}
        return
    if m is None or not 1 <= m <= 12:
        d.valid = False
        d.problem = {"zh": f"没有{m}月", "en": f"there is no month {m}"}
        return
    if day is None:
        return
    if y is None:
        last = 29 if m == 2 else calendar.monthrange(2001, m)[1]
    else:
        last = calendar.monthrange(y, m)[1]
    if not 1 <= day <= last:
        d.valid = False
        if y is not None and m == 2 and day == 29:
            d.problem = {"zh": f"{y}年不是闰年，2月只有28天", "en": f"{y} is not a leap year; February has 28 days"}
        else:
            d.problem = {"zh": f"{m}月只有{last}天，没有{day}日", "en": f"month {m} has {last} days; there is no day {day}"}


def _weekday(d: TextDate, text: str) -> None:
    w = _WEEKDAY_RE.match(text, d.end)
    if w:
        d.weekday = _WEEKDAY_NUM[w.group("w")]
        d.weekday_text = w.group(0).strip()
        d.weekday_span = (w.start() + (len(w.group(0)) - len(w.group(0).lstrip())), w.end())


def _may_hold_date(text: str) -> bool:
    """False only for text ``_DATE_RE`` cannot match: each of its forms has 月 or a numeric
    separator (most table cells are bare numbers)."""
    return "月" in text or "-" in text or "." in text or "/" in text


def find_dates(text: str) -> list[TextDate]:
    """Every date in ``text`` in order, invalid ones included (``valid=False``)."""
    if not text or not _may_hold_date(text):
        return []
    norm = digits_to_ascii(text)
    out: list[TextDate] = []
    for m in _DATE_RE.finditer(norm):
        g = m.groupdict()
        d: Optional[TextDate]
        if g["y"] is not None or g["yc"] is not None:
            if g["y"] is not None:
                year, style = int(g["y"]), "arabic"
            else:
                year, style = cn_year(g["yc"]), "chinese"
                # A run of numerals before 年 that is no plausible year is prose, not a date.
                if year is None or not 1900 <= year <= 2100:
                    continue
            month = int(g["m"]) if g["m"] is not None else cn_numeral(g["mc"])
            day = int(g["d"]) if g["d"] is not None else cn_numeral(g["dc"])
            if month is None or day is None:
                continue
            d = TextDate(m.start(), m.end(), text[m.start() : m.end()], year, month, day, style)
        elif g["yi"] is not None:
            month, day = int(g["mi"]), int(g["di"])
            # Dotted numbers are dates only when the parts look like a month and a day;
            # otherwise they are version numbers, codes or amounts, not bad dates.
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            d = TextDate(m.start(), m.end(), text[m.start() : m.end()], int(g["yi"]), month, day, "numeric")
        elif g["y3"] is not None:
            month = int(g["m3"])
            if 1 <= month <= 12:
                continue  # a plain month reference, nothing to say
            d = TextDate(m.start(), m.end(), text[m.start() : m.end()], int(g["y3"]), month, None, "month")
        else:
            month = int(g["m2"]) if g["m2"] is not None else cn_numeral(g["mc2"])
            day = int(g["d2"]) if g["d2"] is not None else cn_numeral(g["dc2"])
            if month is None or day is None:
                continue
            d = TextDate(m.start(), m.end(), text[m.start() : m.end()], None, month, day, "monthday")
            prev = out[-1] if out else None
            if prev is not None and prev.year is not None:
                gap = _CONNECTOR_RE.fullmatch(norm, prev.end if prev.weekday_span is None else prev.weekday_span[1], m.start())
                if gap is not None:
                    d.year = prev.year
                    d.year_inherited = True
        _validate(d)
        _weekday(d, norm)
        out.append(d)
    return out


# ---------------------------------------------------------------------------------------------
# Statistics-period sentences

# Strong keywords introduce a period even when it was left blank ("统计期限自至");
# weak ones (统计时间 …) also occur in other senses, so they count only with a date.
_PERIOD_KW_RE = re.compile(r"统计(?P<kw>期限|时限|期间|周期|区间|时间|时段|日期)")
_STRONG_KW = {"期限", "时限", "期间", "周期", "区间"}
_CLAUSE_END_RE = re.compile(r"[。；;！!？?]")
_CLAUSE_MAX = 100
_LEAD_MAX = 14
"""Most characters allowed between the keyword and the first date ("为", "是从", "范围为")."""
_CUTOFF_RE = re.compile(r"截[至止]")
_YEAR_ONLY_RE = re.compile(r"(?<!\d)(?P<y>\d{4})\s{0,2}年\s{0,2}(?:度|全年)")
_YEAR_RANGE_RE = re.compile(r"(?<!\d)(?P<y1>\d{4})\s{0,2}年度?\s{0,2}(?:至|到|—{1,2}|-|~|～)\s{0,2}(?P<y2>\d{4})\s{0,2}年度?(?!\s{0,2}\d)")
_MONTH_RANGE_RE = re.compile(
    r"(?<!\d)(?P<y1>\d{4})\s{0,2}年\s{0,2}(?P<m1>\d{1,2})\s{0,2}月份?\s{0,2}(?:起\s{0,2})?(?:至|到|—{1,2}|-|~|～)\s{0,2}"
    r"(?:(?P<y2>\d{4})\s{0,2}年\s{0,2})?(?P<m2>\d{1,2})\s{0,2}月份?(?!\s{0,2}\d)"
)
# What is left of a blank period once its frame words are removed ("自 年 月 日至 年 月 日").
_BLANK_STRIP_RE = re.compile(r"[\s为是自从起至到止：:，,、年月日度份—\-~～XxＸｘ×某□_＿*＊.．…（）()]")


@dataclass
class Period:
    keyword: str
    """The keyword as written, e.g. '统计期限'."""
    start_offset: int
    end_offset: int
    """Span from the keyword to the end of what was read."""
    kind: str
    """range (start and end dates) · open (start only) · cutoff (截至 end only) · year (2018年度) ·
    months (2018年1月至12月) · blank (nothing filled in) · unparsed (something there, not readable)."""
    start: Optional[TextDate] = None
    end: Optional[TextDate] = None
    start_ymd: Optional[tuple] = None
    end_ymd: Optional[tuple] = None
    """(year, month, day) the period states; synthesised for year/months kinds."""
    truncated: bool = False
    """The text ended before the sentence did (the rest may be in the next paragraph)."""
    text: str = ""

    @property
    def blank(self) -> bool:
        return self.kind == "blank"

    def describe(self) -> str:
        if self.kind == "blank":
            return "（空白）"

        def fmt(t: Optional[tuple]) -> str:
            if not t:
                return "？"
            y, m, d = t
            return f"{y if y is not None else '？'}年{m}月{d}日"

        return f"{fmt(self.start_ymd)}至{fmt(self.end_ymd)}"


def find_periods(text: str, dates: Optional[list[TextDate]] = None) -> list[Period]:
    """Every statistics-period statement in ``text``. ``dates`` may pass ``find_dates(text)``."""
    if not text or "统计" not in text:
        return []
    norm = digits_to_ascii(text)
    out: list[Period] = []
    all_dates = dates if dates is not None else None
    pos = 0
    while True:
        m = _PERIOD_KW_RE.search(norm, pos)
        if m is None:
            break
        pos = m.end()
        strong = m.group("kw") in _STRONG_KW
        e = _CLAUSE_END_RE.search(norm, m.end(), min(len(norm), m.end() + _CLAUSE_MAX))
        truncated = e is None and m.end() + _CLAUSE_MAX >= len(norm)
        c_end = e.start() if e else min(len(norm), m.end() + _CLAUSE_MAX)
        clause = norm[m.end() : c_end]
        if all_dates is None:
            all_dates = find_dates(text)
        in_clause = [d for d in all_dates if m.end() <= d.start and d.end <= c_end and d.style != "month"]
        p = Period(m.group(0), m.start(), c_end, "unparsed", truncated=truncated, text=text[m.start() : c_end])
        if strong and _looks_unfilled(clause):
            p.kind = "blank"
            out.append(p)
            continue
        if in_clause and in_clause[0].start - m.end() <= _LEAD_MAX:
            first = in_clause[0]
            lead = norm[m.end() : first.start]
            end = None
            if len(in_clause) > 1:
                gap_end = first.end if first.weekday_span is None else first.weekday_span[1]
                if _CONNECTOR_RE.fullmatch(norm, gap_end, in_clause[1].start):
                    end = in_clause[1]
            if end is not None:
                p.kind, p.start, p.end = "range", first, end
                p.start_ymd, p.end_ymd = first.ymd, end.ymd
                p.end_offset = end.end
            elif _CUTOFF_RE.search(lead):
                p.kind, p.end, p.end_ymd = "cutoff", first, first.ymd
                p.end_offset = first.end
            else:
                p.kind, p.start, p.start_ymd = "open", first, first.ymd
                p.end_offset = first.end
            out.append(p)
            pos = p.end_offset
            continue
        head = norm[m.end() : min(c_end, m.end() + _LEAD_MAX + 20)]
        mr = _MONTH_RANGE_RE.search(head)
        yr = _YEAR_RANGE_RE.search(head)
        yo = _YEAR_ONLY_RE.search(head)
        if mr and mr.start() <= _LEAD_MAX:
            y1, m1 = int(mr.group("y1")), int(mr.group("m1"))
            y2 = int(mr.group("y2")) if mr.group("y2") else y1
            m2 = int(mr.group("m2"))
            last = calendar.monthrange(y2, m2)[1] if 1 <= m2 <= 12 and 1 <= y2 <= 9999 else 31
            p.kind, p.start_ymd, p.end_ymd = "months", (y1, m1, 1), (y2, m2, last)
            p.end_offset = m.end() + mr.end()
        elif yr and yr.start() <= _LEAD_MAX:
            p.kind, p.start_ymd, p.end_ymd = "year", (int(yr.group("y1")), 1, 1), (int(yr.group("y2")), 12, 31)
            p.end_offset = m.end() + yr.end()
        elif yo and yo.start() <= _LEAD_MAX:
            y = int(yo.group("y"))
            p.kind, p.start_ymd, p.end_ymd = "year", (y, 1, 1), (y, 12, 31)
            p.end_offset = m.end() + yo.end()
        elif strong and not _BLANK_STRIP_RE.sub("", clause):
            p.kind = "blank"
        elif strong and not truncated and re.search(r"\d", clause[: _LEAD_MAX + 10]):
            p.kind = "unparsed"
        else:
            continue
        out.append(p)
        pos = max(pos, p.end_offset)
    return out


_UNFILLED_RE = re.compile(r"(?:20|19)?[XxＸｘ×某□_＿*＊]{2,4}\s{0,2}年")


def _looks_unfilled(clause: str) -> bool:
    """'20XX年1月1日至20XX年12月31日': a template period never filled in."""
    return _UNFILLED_RE.search(clause[: _LEAD_MAX + 10]) is not None


def find_period(text: str) -> Optional[Period]:
    """The first statistics-period statement in ``text`` (None when there is none)."""
    ps = find_periods(text)
    return ps[0] if ps else None
