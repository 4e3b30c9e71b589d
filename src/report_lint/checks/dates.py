"""D: dates — the statistics period, impossible dates, weekdays, and the signing/publication date
against the statutory deadline.

One pass over the document finds every date and period sentence (``scan``); the rules read
that result, cached on the context, so no rule rescans the text.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Optional

from report_lint.checks.registry import Rule
from report_lint.model.findings import Edit, Location
from report_lint.model.document import Table
from report_lint.text.units import ADMIN_COMMITTEE_SUFFIXES, DEPARTMENT_SUFFIXES, GOVERNMENT_SUFFIXES, alternation
from report_lint.text.dates import WEEKDAY_EN, WEEKDAY_ZH, Period, TextDate, find_dates, find_periods

AGENCY_KIND_ZH = {
    "department": "县级以上人民政府部门",
    "township": "乡镇人民政府（街道）",
    "county": "县级人民政府",
    "city": "地市级人民政府",
    "province": "省级人民政府",
    "vertical": "实行垂直领导的部门",
}
AGENCY_KIND_EN = {
    "department": "government department",
    "township": "township government",
    "county": "county government (consolidated report)",
    "city": "prefecture-level city government (consolidated report)",
    "province": "provincial government (consolidated report)",
    "vertical": "vertically managed system",
}

# Labels of a line that carries the report's own date (filled in, signed or published).
_DATE_LABEL_RE = re.compile(
    r"^\s*[（(]?\s*(?P<label>填报日期|填报时间|报告日期|发布日期|发布时间|成文日期|印发日期|落款日期|公布日期)\s*[)）]?\s*[：:]?"
)
_STANDALONE_STRIP_RE = re.compile(r"[\s()（）【】\[\]]")


@dataclass
class DateMention:
    block: int
    date: TextDate
    row: Optional[int] = None
    col: Optional[int] = None
    text: str = ""


@dataclass
class PeriodMention:
    block: int
    period: Period
    text: str = ""
    row: Optional[int] = None
    col: Optional[int] = None


@dataclass
class SigningDate:
    block: int
    date: TextDate
    source: str
    """'signature' (closing date line) · 'standalone' (a line that is only a date) · the label (填报日期 …)."""
    row: Optional[int] = None
    col: Optional[int] = None
    text: str = ""


@dataclass
class DateScan:
    dates: list[DateMention] = field(default_factory=list)
    periods: list[PeriodMention] = field(default_factory=list)
    signing: list[SigningDate] = field(default_factory=list)


def scan(ctx) -> DateScan:
    """Every date, statistics period and signing date of the report, shared by the D rules."""
    return ctx.shared(_scan)


def _scan(ctx) -> DateScan:
    res = DateScan()
    signature_blocks = set(getattr(ctx.outline, "signature", []) or [])
    blocks = ctx.document.blocks
    items = list(ctx.texts)
    for i, (block, text, row, col) in enumerate(items):
        dates = find_dates(text) if text else []
        for d in dates:
            res.dates.append(DateMention(block, d, row, col, text))
        if "统计" in text:
            for p in find_periods(text, dates):
                if p.truncated and p.kind in ("blank", "unparsed") and row is None:
                    # PDF-derived text breaks sentences across paragraphs: read on into the next one.
                    nxt = items[i + 1] if i + 1 < len(items) else None
                    if nxt is not None and nxt[2] is None:
                        joined = text + nxt[1]
                        again = [q for q in find_periods(joined) if q.start_offset == p.start_offset]
                        if again:
                            p = again[0]
                            p.end_offset = min(p.end_offset, len(text))
                res.periods.append(PeriodMention(block, p, text, row, col))
        if not dates:
            continue
        # Dates that are the report's own date: signature lines, labelled lines, date-only lines.
        if row is None and block in signature_blocks:
            for d in dates:
                res.signing.append(SigningDate(block, d, "signature", None, None, text))
            continue
        added = False
        offset = 0
        for line in text.split("\n"):
            m = _DATE_LABEL_RE.match(line)
            if m:
                for d in dates:
                    if offset + m.end() <= d.start <= offset + m.end() + 6:
                        res.signing.append(SigningDate(block, d, m.group("label"), row, col, text))
                        added = True
                        break
            offset += len(line) + 1
        if added:
            continue
        if row is None and len(dates) == 1:
            d = dates[0]
            rest = text[: d.start] + text[(d.weekday_span[1] if d.weekday_span else d.end) :]
            if d.year is not None and d.day is not None and not _STANDALONE_STRIP_RE.sub("", rest):
                res.signing.append(SigningDate(block, d, "standalone", None, None, text))
    # A label alone in a table cell with the date in the next cell (填报日期 | 2019年1月20日).
    for blk in blocks:
        if not isinstance(blk, Table):
            continue
        for c in blk.cells:
            m = _DATE_LABEL_RE.match(c.text or "")
            if not m or c.text[m.end() :].strip():
                continue
            right = blk.cell_at(c.row, c.col + c.colspan)
            if right is None or right is c:
                continue
            ds = find_dates(right.text)
            if ds:
                res.signing.append(SigningDate(blk.index, ds[0], m.group("label"), right.row, right.col, right.text))
    return res


def _loc(block: int, row: Optional[int], col: Optional[int], start: int, end: int) -> Location:
    if row is None:
        return Location(block=block, start=start, end=end)
    return Location(block=block, table=block, row=row, col=col)


def _around(text: str, start: int, end: int, width: int = 24) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    return ("…" if a else "") + text[a:b].replace("\n", " ") + ("…" if b < len(text) else "")


def _same_day(stated: tuple, want: tuple) -> bool:
    # "统计期限为1月1日至12月31日" leaves the year implicit: that is the report year, not a wrong one.
    y, m, d = stated
    return (y is None or y == want[0]) and m == want[1] and d == want[2]


def _ymd_zh(t: Optional[tuple]) -> str:
    if not t:
        return "（缺）"
    y, m, d = t
    return f"{y if y is not None else '?'}年{m}月{d}日"


def _ymd_en(t: Optional[tuple]) -> str:
    if not t:
        return "(missing)"
    y, m, d = t
    return f"{y if y is not None else '????'}-{m:02d}-{d:02d}" if isinstance(m, int) and isinstance(d, int) else str(t)


# ---------------------------------------------------------------------------------------------


class PeriodMissing(Rule):
    code = "D001"
    name = "period-missing"
    severity = "warning"
    summary = {"zh": "未说明数据统计期限", "en": "no statement of the statistics period"}
    doc = {
        "zh": "报告中找不到说明数据统计期限的句子（如“本报告所列数据的统计期限自2018年1月1日起至2018年12月31日止”）。"
        "《条例》只说报告“上一年度”的情况，2019、2021 年统一格式也没有印出这句话（见 formats.md §2.7），"
        "但多数报告都会写明，写明才能让读者核对数据口径，所以这是警告。是否检查由格式配置 [period] required 决定。",
        "en": 'No sentence states the period the figures cover (e.g. "本报告所列数据的统计期限自2018年1月1日起至2018年12月31日止"). '
        'The regulation only says "the previous year" and the 2019/2021 national formats do not print such a sentence '
        "(formats.md §2.7), but most reports state it so that readers can check what the figures cover — hence a warning. "
        "The profile's [period] required decides whether this is checked.",
    }
    bad = "某某局2018年政府信息公开工作年度报告\n本报告由某某局编制。\n一、概述\n……"
    good = "某某局2018年政府信息公开工作年度报告\n本报告所列数据统计期限为2018年1月1日至2018年12月31日。\n一、概述\n……"

    _fix = {"fix_zh": "在报告开头说明数据的统计期限", "fix_en": "state the statistics period at the start of the report"}
    messages = {
        "missing": {
            "zh": "报告中没有找到说明数据统计期限的句子（如“本报告所列数据统计期限为{year}年1月1日至{year}年12月31日”）",
            "en": 'no sentence states the statistics period the figures cover (e.g. "…统计期限为{year}年1月1日至{year}年12月31日")',
            **_fix,
        },
        "missing-no-year": {
            "zh": "报告中没有找到说明数据统计期限的句子",
            "en": "no sentence states the statistics period the figures cover",
            **_fix,
        },
    }

    def check(self, ctx):
        if not ctx.profile.params.period.required:
            return
        if scan(ctx).periods:
            return
        year = ctx.year
        where = Location(block=ctx.outline.title) if ctx.outline.title is not None else Location()
        yield self.report(ctx, "missing" if year else "missing-no-year", where, year=year)


class PeriodWrong(Rule):
    code = "D002"
    name = "period-wrong"
    severity = "error"
    summary = {
        "zh": "统计期限不是报告年度的1月1日至12月31日，或留空",
        "en": "the statistics period is not 1 January–31 December of the report year, or is blank",
    }
    doc = {
        "zh": "报告说明的数据统计期限必须恰好是报告年度的1月1日至12月31日（《条例》：报告“上一年度”的情况；"
        "2021 年格式：数据核定时间点为报告年度的12月31日）。期限写成其他年份（常见于照搬上年报告）、"
        "起止日期不全年，或“统计期限自至”这样留空，都是确定的错误。没有报告年度时只检查留空。",
        "en": "The stated statistics period must be exactly 1 January to 31 December of the report year (the regulation: "
        '"the previous year"; the 2021 format: figures as of 31 December of the report year). Another year (typically '
        'copied from last year\'s report), a period that is not the whole year, or a blank "统计期限自至" is certainly wrong. '
        "Without a known report year only blanks are checked.",
    }
    bad = "（2018年度报告）本报告所列数据的统计期限自2017年1月1日起至2017年12月31日止。"
    good = "（2018年度报告）本报告所列数据的统计期限自2018年1月1日起至2018年12月31日止。"
    example_args = ("--year", "2018")

    _fix_blank = {"fix_zh": "填写统计期限的起止日期", "fix_en": "fill in the start and end dates of the statistics period"}
    messages = {
        "blank": {
            "zh": "“{keyword}”后没有填写起止日期，应为{year}年1月1日至{year}年12月31日",
            "en": 'the statistics period after "{keyword}" is blank; it should be {year}-01-01 to {year}-12-31',
            **_fix_blank,
        },
        "blank-no-year": {"zh": "“{keyword}”后没有填写起止日期", "en": 'the statistics period after "{keyword}" is blank', **_fix_blank},
        "wrong": {
            "zh": "统计期限“{stated_zh}”的{which_zh}与{year}年度报告不符，应为{year}年1月1日至{year}年12月31日",
            "en": "the statistics period ({stated_en}) has the wrong {which_en} for a {year} report; it should be {year}-01-01 to {year}-12-31",
            "fix_zh": "改为{year}年1月1日至{year}年12月31日",
            "fix_en": "change it to {year}-01-01 to {year}-12-31",
        },
    }
    fix = {
        "zh": "起止日期是1月1日至12月31日、只有年份写错，且标题写明的年度就是报告年度时，把年份改为报告年度",
        "en": "when the period runs 1 January to 31 December and only the year is wrong, and the title names the report "
        "year, the year becomes the report year",
    }

    def check(self, ctx):
        year = ctx.year
        title_year = _title_year(ctx)
        for pm in scan(ctx).periods:
            p = pm.period
            loc = _loc(pm.block, pm.row, pm.col, p.start_offset, min(p.end_offset, len(pm.text)))
            excerpt = _around(pm.text, p.start_offset, min(p.end_offset, len(pm.text)))
            if p.kind == "blank":
                yield self.report(ctx, "blank" if year else "blank-no-year", loc, excerpt=excerpt, keyword=p.keyword, year=year)
                continue
            if year is None or p.kind == "unparsed":
                continue
            want_s, want_e = (year, 1, 1), (year, 12, 31)
            bad_s = p.start_ymd is not None and not _same_day(p.start_ymd, want_s)
            bad_e = p.end_ymd is not None and not _same_day(p.end_ymd, want_e)
            if not (bad_s or bad_e):
                continue
            stated_zh = _ymd_zh(p.start_ymd) + "至" + _ymd_zh(p.end_ymd)
            stated_en = _ymd_en(p.start_ymd) + " to " + _ymd_en(p.end_ymd)
            if p.kind == "cutoff":
                stated_zh, stated_en = "截至" + _ymd_zh(p.end_ymd), "up to " + _ymd_en(p.end_ymd)
            elif p.kind == "open":
                stated_zh, stated_en = "自" + _ymd_zh(p.start_ymd) + "起", "from " + _ymd_en(p.start_ymd)
            which_zh = "起始日期" if bad_s and not bad_e else ("截止日期" if bad_e and not bad_s else "起止日期")
            which_en = "start" if bad_s and not bad_e else ("end" if bad_e and not bad_s else "start and end")
            yield self.report(
                ctx,
                "wrong",
                loc,
                excerpt=excerpt,
                numbers={
                    "year": year,
                    "stated_start": list(p.start_ymd) if p.start_ymd else None,
                    "stated_end": list(p.end_ymd) if p.end_ymd else None,
                },
                year=year,
                stated_zh=stated_zh,
                stated_en=stated_en,
                which_zh=which_zh,
                which_en=which_en,
                edit=_period_year_edit(pm, year) if title_year == year else None,
            )


_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _title_year(ctx) -> Optional[int]:
    from report_lint.outline.year import report_year

    return report_year(ctx.document, ctx.outline)


def _period_year_edit(pm: PeriodMention, year: int) -> Optional[Edit]:
    """The year digits of a whole-year period (1 January to 31 December) that names another
    year, rewritten as ``year`` in the same digits — only when the period, so changed, reads
    as exactly the report year. Anything else (wrong days, Chinese numerals, a table cell)
    is left to the drafter."""
    p = pm.period
    if pm.row is not None or p.kind != "range" or p.start is None or p.end is None:
        return None
    if not p.start_ymd or not p.end_ymd or tuple(p.start_ymd[1:]) != (1, 1) or tuple(p.end_ymd[1:]) != (12, 31):
        return None
    spans = []
    for d in (p.start, p.end):
        if d.year_inherited or d.year is None or d.year == year:
            continue
        if pm.text[d.start : d.end] != d.text:
            return None
        lead = len(d.text) - len(d.text.lstrip())
        for form in (str(d.year), str(d.year).translate(_FULLWIDTH_DIGITS)):
            if d.text[lead : lead + len(form)] == form and not d.text[lead + len(form) : lead + len(form) + 1].isdigit():
                want = str(year) if form.isascii() else str(year).translate(_FULLWIDTH_DIGITS)
                spans.append((d.start + lead, d.start + lead + len(form), want))
                break
        else:
            return None
    if not spans:
        return None
    a, b = spans[0][0], spans[-1][1]
    new = pm.text[a:b]
    for s, e, want in reversed(spans):
        new = new[: s - a] + want + new[e - a :]
    fixed = pm.text[:a] + new + pm.text[b:]
    again = [q for q in find_periods(fixed) if q.start_offset == p.start_offset]
    if len(again) != 1 or again[0].start_ymd != (year, 1, 1) or again[0].end_ymd != (year, 12, 31):
        return None
    return Edit(pm.block, a, b, pm.text[a:b], new)


class InvalidDate(Rule):
    code = "D003"
    name = "invalid-date"
    severity = "error"
    summary = {"zh": "日历上不存在的日期", "en": "a date that does not exist on the calendar"}
    doc = {
        "zh": "报告中出现日历上不存在的日期，如“2月30日”“2019年2月29日”（非闰年）“13月”。这类日期一定是笔误，"
        "须核对原始记录改正。2018-13-01 这类带分隔符的数字串可能是编号，不当作日期。",
        "en": 'A date that cannot exist: "2月30日", "2019年2月29日" (not a leap year), "13月". It is certainly a typo; '
        "check the source records. Digit strings such as 2018-13-01 may be codes and are not taken as dates.",
    }
    bad = "2018年2月30日召开政务公开工作会议。"
    good = "2018年2月28日召开政务公开工作会议。"

    messages = {
        "invalid": {
            "zh": "日期“{date}”不存在：{why_zh}",
            "en": 'the date "{date}" does not exist: {why_en}',
            "fix_zh": "核对原始记录，改为实际日期",
            "fix_en": "check the records and write the actual date",
        }
    }

    def check(self, ctx):
        for dm in scan(ctx).dates:
            d = dm.date
            if d.valid:
                continue
            yield self.report(
                ctx,
                "invalid",
                _loc(dm.block, dm.row, dm.col, d.start, d.end),
                excerpt=_around(dm.text, d.start, d.end),
                date=d.text.strip(),
                why_zh=d.problem.get("zh", ""),
                why_en=d.problem.get("en", ""),
            )


class WeekdayMismatch(Rule):
    code = "D004"
    name = "weekday-mismatch"
    severity = "error"
    summary = {"zh": "日期与所注星期不符", "en": "the stated weekday does not match the date"}
    doc = {
        "zh": "日期后注明的星期与该日期实际是星期几不符，如“2019年1月16日星期四”（实为星期三）。日期或星期必有一处写错。",
        "en": 'The weekday written after a date is not the weekday of that date, e.g. "2019年1月16日星期四" (it was a '
        "Wednesday). Either the date or the weekday is wrong.",
    }
    bad = "2019年01月16日星期四"
    good = "2019年01月16日星期三"

    messages = {
        "mismatch": {
            "zh": "{date_zh}是{actual_zh}，不是“{stated}”",
            "en": '{date} was a {actual_en}, not a {stated_en} ("{stated}")',
            "fix_zh": "核对日期和星期，改正其中错误的一处",
            "fix_en": "check the date and the weekday and correct the wrong one",
        }
    }

    def check(self, ctx):
        for dm in scan(ctx).dates:
            d = dm.date
            real = d.date
            if d.weekday is None or real is None or real.weekday() == d.weekday:
                continue
            end = d.weekday_span[1] if d.weekday_span else d.end
            yield self.report(
                ctx,
                "mismatch",
                _loc(dm.block, dm.row, dm.col, d.start, end),
                excerpt=_around(dm.text, d.start, end),
                numbers={"date": real.isoformat(), "stated_weekday": d.weekday + 1, "actual_weekday": real.weekday() + 1},
                date_zh=d.zh(),
                date=real.isoformat(),
                actual_zh=WEEKDAY_ZH[real.weekday()],
                actual_en=WEEKDAY_EN[real.weekday()],
                stated_en=WEEKDAY_EN[d.weekday],
                stated=d.weekday_text,
            )


# ---------------------------------------------------------------------------------------------
# Deadlines


_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_VERTICAL_RE = re.compile(
    r"税务局|税务总局|海关|气象局|邮政管理局|调查队|海事局|出入境|检验检疫|地震局|烟草|银保监|银监|证监|人民银行|外汇管理|统计调查"
)
_GOV = alternation(GOVERNMENT_SUFFIXES)
_GOV_OFFICE_RE = re.compile(rf"(?:{_GOV})(?:办公厅|办公室)$|政府办$")
_TOWNSHIP_RE = re.compile(rf"(?:街道办事处|街道|[乡镇](?:{_GOV})?)$")
_GOVERNMENT_RE = re.compile(rf"(?:{_GOV})$")
_ADMIN_COMMITTEE_RE = re.compile(rf"(?:{alternation(ADMIN_COMMITTEE_SUFFIXES)})$")
_DEPARTMENT_RE = re.compile(rf"(?:{alternation(DEPARTMENT_SUFFIXES)})$")
_AGENCY_CUT_RE = re.compile(r"\d{4}\s*年|[〇○零一二三四五六七八九]{4}年|政府信息公开|信息公开|政务公开|年度报告|工作报告")
_LEADING_YEAR_RE = re.compile(r"^[（(【\[]?\s*\d{4}\s*年度?\s*[)）】\]]?")
_TITLE_JUNK_RE = re.compile(r"[\s#*“”\"《》〈〉「」]")


def infer_agency_kind(title: str) -> Optional[str]:
    """The agency kind a report title names (deadline rules), or None when it cannot be told.

    县/区人民政府 → county · 市/州/盟人民政府 → city · 省/自治区/直辖市人民政府 → province ·
    乡/镇人民政府, 街道 → township · 局/委/办/厅 and government offices → department ·
    税务/海关/气象 … → vertical. A county-level city (XX市人民政府) reads as city: the later
    deadline, so a wrong guess never makes a report late that is not.
    """
    t = _TITLE_JUNK_RE.sub("", title or "")
    t = _LEADING_YEAR_RE.sub("", t)
    m = _AGENCY_CUT_RE.search(t)
    agency = t[: m.start()] if m else t
    agency = agency.strip("（）()【】[]：:，,")
    if not agency:
        return None
    if _VERTICAL_RE.search(agency):
        return "vertical"
    if _GOV_OFFICE_RE.search(agency):
        return "department"
    if _TOWNSHIP_RE.search(agency):
        return "township"
    gov = _GOVERNMENT_RE.search(agency)
    if gov:
        base = agency[: gov.start()]
        if base in _MUNICIPALITIES or base.endswith(("省", "自治区")):
            return "province"
        if base.endswith(("县", "区", "旗", "特区", "林区")):
            return "county"
        if base.endswith(("市", "州", "盟", "地区")):
            return "city"
        return None
    if _ADMIN_COMMITTEE_RE.search(agency):
        return None
    if _DEPARTMENT_RE.search(agency):
        return "department"
    return None


def _md(s) -> Optional[tuple[int, int]]:
    m = re.fullmatch(r"\s*(\d{1,2})-(\d{1,2})\s*", str(s or ""))
    if not m:
        return None
    return int(m.group(1)), int(m.group(2))


def _deadline_date(year: int, md: tuple[int, int]) -> Optional[_dt.date]:
    try:
        return _dt.date(year + 1, md[0], md[1])
    except ValueError:
        return None


def _title(ctx) -> str:
    t = getattr(ctx.outline, "title_text", "") or ""
    if t:
        return t
    idx = getattr(ctx.outline, "title", None)
    if idx is not None and 0 <= idx < len(ctx.document.blocks):
        return getattr(ctx.document.blocks[idx], "text", "") or ""
    for p in ctx.document.paragraphs():
        if p.text.strip():
            return p.text
    return ""


@dataclass
class _Deadline:
    date: _dt.date
    latest: _dt.date
    kind: Optional[str]
    inferred: bool
    certain_kind: bool
    """The deadline does not depend on a guessed agency kind."""


def deadline_for(ctx) -> Optional[_Deadline]:
    if ctx.year is None:
        return None
    reg = ctx.profile.params.regulation
    table = {k: _md(v) for k, v in reg.deadlines.items()}
    table = {k: v for k, v in table.items() if v}
    default = _md(reg.deadline)
    kind = ctx.options.agency_kind if ctx.options.agency_kind in AGENCY_KIND_ZH else None
    inferred = False
    if kind is None and table:
        kind = infer_agency_kind(_title(ctx))
        inferred = kind is not None
    md = table.get(kind) if kind in table else default
    if md is None:
        return None
    d = _deadline_date(ctx.year, md)
    if d is None:
        return None
    candidates = [x for x in [_deadline_date(ctx.year, v) for v in table.values()] + [d] if x]
    certain = not table or (kind is not None and not inferred)
    return _Deadline(d, max(candidates), kind if kind in table else None, inferred, certain)


def _source_zh(s: SigningDate) -> str:
    return {"signature": "落款日期", "standalone": "报告日期"}.get(s.source, s.source)


def _source_en(s: SigningDate) -> str:
    return {"signature": "signature date", "standalone": "report date"}.get(s.source, f"date labelled {s.source}")


def _unique_signing(ctx) -> list[SigningDate]:
    """One entry per distinct date: a report dated under its title and again at its signature
    has one date, not two defects. The closing signature is preferred as the place to point at."""
    by_date: dict[_dt.date, SigningDate] = {}
    for s in scan(ctx).signing:
        d = s.date.date
        if d is None:
            continue
        if d not in by_date or (s.source == "signature" and by_date[d].source != "signature"):
            by_date[d] = s
    return sorted(by_date.values(), key=lambda s: (s.block, s.row or 0, s.col or 0, s.date.start))


class LateSigning(Rule):
    code = "D005"
    name = "late-signing"
    severity = "error"
    summary = {"zh": "落款/填报/发布日期晚于法定公布期限", "en": "the signing, filing or publication date is after the statutory deadline"}
    doc = {
        "zh": "报告的落款日期、“填报日期”“报告日期”“发布日期”晚于法定期限。期限取自格式配置 [regulation]："
        "2007 年《条例》第三十一条为次年3月31日；2019 年修订后第四十九条及统一格式规定县级以上政府部门、乡镇为1月31日，"
        "县级政府2月20日，地市级3月10日，省级和垂直管理系统3月31日（formats.md §2.7）。机关类型取 --agency-kind，"
        "否则从标题推断（县/区人民政府→县级，市人民政府→地市级，局/委/办/厅→部门）。日期晚于所有期限、"
        "或机关类型是给定的，则为错误；仅因推断的机关类型而逾期时为警告，并说明推断依据。",
        "en": "The report's signature date or the date labelled 填报日期/报告日期/发布日期 is after the statutory deadline. "
        "The deadline comes from the profile's [regulation]: 31 March of the following year under the 2007 regulation "
        "(Art. 31); under the 2019 revision (Art. 49) and the national formats 31 January for departments and townships, "
        "20 February for county, 10 March for prefecture-level and 31 March for provincial governments and vertical "
        "systems (formats.md §2.7). The agency kind is --agency-kind or inferred from the title. An error when the date "
        "is after every deadline or the kind was given; a warning, naming the inference, when only the inferred kind makes it late.",
    }
    bad = "（2018年度报告）\n某某市司法局\n2019年4月2日"
    good = "（2018年度报告）\n某某市司法局\n2019年3月20日"

    messages = {
        "late": {
            "zh": "{source_zh}{date_zh}晚于法定公布期限{deadline_zh}{kind_zh}{basis_zh}",
            "en": "the {source_en} {date} is after the statutory deadline {deadline}{kind_en}{basis_en}",
            "fix_zh": "按期公布年度报告；如日期写错，改为实际的落款日期",
            "fix_en": "publish the report on time; if the date is a typo, write the actual date",
        }
    }

    def check(self, ctx):
        dl = deadline_for(ctx)
        if dl is None:
            return
        reg = ctx.profile.params.regulation
        basis_zh = reg.basis
        basis_en = reg.basis if reg.basis_en is None else reg.basis_en
        for s in _unique_signing(ctx):
            d = s.date.date
            if d is None or d <= dl.date:
                continue
            certain = dl.certain_kind or d > dl.latest
            kind_zh = kind_en = ""
            if dl.kind:
                how_zh = "按标题推断为" if dl.inferred else "按"
                how_en = "inferred from the title as" if dl.inferred else "as"
                kind_zh = f"（{how_zh}{AGENCY_KIND_ZH[dl.kind]}）"
                kind_en = f" ({how_en} {AGENCY_KIND_EN[dl.kind]})"
            yield self.report(
                ctx,
                "late",
                _loc(s.block, s.row, s.col, s.date.start, s.date.end),
                excerpt=_around(s.text, s.date.start, s.date.end),
                numbers={"date": d.isoformat(), "deadline": dl.date.isoformat(), "agency_kind": dl.kind},
                severity=None if certain else "warning",
                source_zh=_source_zh(s),
                source_en=_source_en(s),
                date_zh=f"{d.year}年{d.month}月{d.day}日",
                date=d.isoformat(),
                deadline_zh=f"{dl.date.year}年{dl.date.month}月{dl.date.day}日",
                deadline=dl.date.isoformat(),
                kind_zh=kind_zh,
                kind_en=kind_en,
                basis_zh=f"。依据：{basis_zh}" if basis_zh else "",
                basis_en=f". Basis: {basis_en}" if basis_en else "",
            )


class SigningBeforeYearEnd(Rule):
    code = "D006"
    name = "signing-before-year-end"
    severity = "error"
    summary = {"zh": "落款/填报日期早于报告年度结束", "en": "the signing or filing date is before the report year has ended"}
    doc = {
        "zh": "年度报告总结的是整个报告年度，落款、填报或发布日期不可能在报告年度12月31日（含）之前。"
        "常见原因是照搬上年报告时没有改落款年份（如2018年度报告落款“2018年1月20日”）。",
        "en": "An annual report covers the whole report year, so its signature, filing or publication date cannot be on or "
        "before 31 December of that year. The usual cause is last year's report reused without changing the date "
        '(a 2018 report dated "2018年1月20日").',
    }
    bad = "（2018年度报告）\n某某市司法局\n2018年1月20日"
    good = "（2018年度报告）\n某某市司法局\n2019年1月20日"

    messages = {
        "early": {
            "zh": "{source_zh}{date_zh}早于{year}年度结束（{year}年12月31日），年度报告不可能在此之前完成",
            "en": "the {source_en} {date} is not after the end of the report year {year} ({year}-12-31); the report cannot have been finished then",
            "fix_zh": "改为实际落款日期（应在{next_year}年）",
            "fix_en": "write the actual date (it should be in {next_year})",
        }
    }

    def check(self, ctx):
        year = ctx.year
        if year is None:
            return
        end = _dt.date(year, 12, 31)
        for s in _unique_signing(ctx):
            d = s.date.date
            if d is None or d > end:
                continue
            yield self.report(
                ctx,
                "early",
                _loc(s.block, s.row, s.col, s.date.start, s.date.end),
                excerpt=_around(s.text, s.date.start, s.date.end),
                numbers={"date": d.isoformat(), "year": year},
                source_zh=_source_zh(s),
                source_en=_source_en(s),
                date_zh=f"{d.year}年{d.month}月{d.day}日",
                date=d.isoformat(),
                year=year,
                next_year=year + 1,
            )
