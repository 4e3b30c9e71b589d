"""Family N: figures stated in the narrative against the statistics tables.

The profile's ``[[bindings]]`` say which phrases state which table cells: ``patterns``
hold ``{num}`` where the number goes, ``zero_patterns`` state that the figure is zero
(未接到…申请, 没有发生…行政复议). Everything else in the text stays unbound and silent.

One pass over the narrative paragraphs (``ctx.body_paragraphs``) finds every bound
mention; the result is kept on the context so the four rules share it:

* N001 an exact figure differs from the table,
* N002 an approximate figure (400余条, 近百件, 约300) whose reading excludes the table value,
* N003 a zero statement while the table has a positive figure,
* N004 the bound cell is blank or absent, so nothing can be compared.

How mentions are bound:
* a binding restricted to ``sections`` only looks inside the sections the heading matcher
  (``ctx.section_map``, the one S001 reads) found for those section specs; if none is
  found the binding is not used at all;
* when phrases of several bindings capture the same number, the innermost (shortest)
  phrase wins — "全年通过政府网站公开信息597条" is the website figure, not the total;
  a tie between different bindings is ambiguous and nothing is reported;
* a qualifier written after the unit (400条左右, 300件以上) still qualifies the number;
* nothing is reported when the table is not mapped or the cell is not a number
  (invalid cells are the T family's business).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Optional

from report_lint.checks.registry import ObservationRule, Rule
from report_lint.model.findings import Location
from report_lint.model.findings import json_number as _jsonable
from report_lint.text.quantities import NUM, Quantity, fmt_number, parse_quantity
from report_lint.profiles.load import Binding, Profile
from report_lint.text.units import COUNT_UNITS, alternation

if TYPE_CHECKING:  # pragma: no cover
    from report_lint.facts.context import LintContext


@dataclass
class _CompiledBinding:
    binding: Binding
    patterns: list[tuple[str, "_LazyPattern"]]
    zero_patterns: list[tuple[str, "_LazyPattern"]]
    """(required literal, regex): the regex only runs on text containing the literal."""


_REGEX_META = set(".^$*+?{}[]()|\\")


def required_literal(pattern: str) -> str:
    """The longest plain run every match must contain ('' when unsure).

    Only text outside groups and classes counts, and a character followed by a
    quantifier is not required. A substring test is far cheaper than a regex whose
    leading optional group ("(共|全年)?") defeats the engine's own literal search.
    """
    runs: list[str] = []
    cur: list[str] = []
    depth = 0
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            runs.append("".join(cur))
            cur = []
            i += 2
            continue
        if ch == "[":
            runs.append("".join(cur))
            cur = []
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            continue
        if ch == "(":
            runs.append("".join(cur))
            cur = []
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return ""  # top-level alternation: no single literal is required
        elif ch in "?*{":
            if cur:
                cur.pop()  # the quantified character may be absent
            runs.append("".join(cur))
            cur = []
            if ch == "{":
                while i < n and pattern[i] != "}":
                    i += 1
        elif ch == "+":
            runs.append("".join(cur))  # required, but the run ends here
            cur = []
        elif depth == 0 and ch not in _REGEX_META:
            cur.append(ch)
        i += 1
    runs.append("".join(cur))
    return max(runs, key=len, default="")


@dataclass
class Mention:
    """One phrase of the narrative that states a bound figure."""

    binding: Binding
    block: int
    start: int
    end: int
    phrase: str
    quantity: Quantity
    zero: bool = False
    num_text: str = ""
    """The number as quoted in messages, with its unit and qualifiers (400余条)."""


@dataclass
class Observation:
    """A mention checked against one bound cell; ``code`` is the rule it belongs to."""

    code: str
    mention: Mention
    ref: str
    label: str
    table_name: dict
    value: Optional[Decimal] = None
    missing: bool = False
    alternatives: list = field(default_factory=list)
    """Other readings of a sum binding that did not match either: (label, value)."""

    def others(self, lang: str = "zh") -> str:
        """The other readings tried, for messages (受理 = 新收＋结转 or 新收): ，「新收」为 46."""
        if lang == "zh":
            return "".join(f"，「{lab}」为 {fmt_number(v)}" for lab, v in self.alternatives)
        return "".join(f"; “{lab}” is {fmt_number(v)}" for lab, v in self.alternatives)


_COMPILED: dict[tuple, list[_CompiledBinding]] = {}
_NUM_GROUP = f"(?P<num>{NUM})"
# The unit after a number (quoted with it in messages) and a qualifier written after
# the unit, which still qualifies the number (400条左右).
_UNIT_RE = re.compile(rf"[ \u3000\xa0]{{0,2}}(?:{alternation(COUNT_UNITS)})")
_TRAILING_RE = re.compile(r"[ \u3000\xa0]{0,2}(左右|上下|以上|以下|以内)")


class _LazyPattern:
    """A binding regex compiled on first use.

    A report states only some of the bound figures: the scan tries a regex only on text
    holding its required literal, so most of them are never needed. Each embeds the
    ``NUM`` fragment, which makes compiling all of them cost more than reading a report
    from a cold start. A pattern that does not compile matches nothing (as before, when
    it was dropped): the profile loader reports bad patterns.
    """

    __slots__ = ("pattern", "_regex")

    def __init__(self, source: str):
        self.pattern = source
        self._regex: Optional[re.Pattern] = None

    def _compiled(self) -> Optional[re.Pattern]:
        rx = self._regex
        if rx is None:
            try:
                rx = re.compile(self.pattern)
            except re.error:
                rx = _NEVER
            self._regex = rx
        return rx

    def finditer(self, text: str):
        return self._compiled().finditer(text)


_NEVER = re.compile(r"(?!)")


def compiled_bindings(profile: Profile) -> list[_CompiledBinding]:
    """The profile's binding regexes, prepared once per profile (name and content) and
    compiled on first use (``_LazyPattern``)."""
    fingerprint = tuple((b.key, tuple(b.patterns), tuple(b.zero_patterns), tuple(map(tuple, b.sums))) for b in profile.bindings)
    key = (profile.name, fingerprint)
    cached = _COMPILED.get(key)
    if cached is not None:
        return cached
    out = []
    for b in profile.bindings:
        pats, zeros = [], []
        for p in b.patterns:
            if "{num}" not in p:
                continue
            # Only the first {num} captures; a second one would repeat the group name.
            first, _, rest = p.partition("{num}")
            source = first + _NUM_GROUP + rest.replace("{num}", f"(?:{NUM})")
            pats.append((required_literal(p.replace("{num}", "(?:0)")), _LazyPattern(source)))
        for p in b.zero_patterns:
            zeros.append((required_literal(p), _LazyPattern(p)))
        out.append(_CompiledBinding(b, pats, zeros))
    if len(_COMPILED) > 32:  # profiles are few; bound the cache for long-running callers
        _COMPILED.clear()
    _COMPILED[key] = out
    return out


# ---------------------------------------------------------------------------------
# Sections


def _section_blocks(ctx: "LintContext", keys: list[str]) -> set[int]:
    """Blocks of the sections S001 found for ``keys`` (the one heading matcher,
    ``ctx.section_map``): the heading and all under it."""
    return ctx.section_map.blocks_of(keys)


# ---------------------------------------------------------------------------------
# The scan


def _quantity_for(text: str, m: re.Match) -> tuple[Optional[Quantity], str]:
    num = m.group("num")
    start, pos = m.span("num")
    unit = _UNIT_RE.match(text, pos)
    if unit:
        pos = unit.end()
    tail = _TRAILING_RE.match(text, pos)
    if tail:
        try:
            return parse_quantity(num + tail.group(1)), text[start : tail.end()]
        except (ValueError, ArithmeticError):
            pass
    try:
        return parse_quantity(num), text[start:pos]
    except (ValueError, ArithmeticError):
        return None, text[start:pos]


def find_mentions(ctx: "LintContext") -> list[Mention]:
    """Every bound mention in the narrative, in document order."""
    cbs = compiled_bindings(ctx.profile)
    if not cbs:
        return []
    allowed: list[Optional[set[int]]] = [_section_blocks(ctx, cb.binding.sections) if cb.binding.sections else None for cb in cbs]
    # One flat plan in the original order (binding by binding, its number patterns then its
    # zero patterns): the order decides which match wins a tie, so it must not change.
    plan: list[tuple[int, bool, str, _LazyPattern]] = []
    for i, cb in enumerate(cbs):
        plan.extend((i, False, lit, pat) for lit, pat in cb.patterns)
        plan.extend((i, True, lit, pat) for lit, pat in cb.zero_patterns)
    restricted = any(a is not None for a in allowed)
    mentions: list[Mention] = []
    for p in ctx.body_paragraphs:
        text = p.text or ""
        if not text.strip():
            continue
        # number span → candidate (phrase length, binding index, match)
        claims: dict[tuple[int, int], list[tuple[int, int, re.Match]]] = {}
        zero_seen: set[tuple[int, int]] = set()
        found: list[Mention] = []
        for i, is_zero, lit, pat in plan:
            if lit and lit not in text:
                continue
            if restricted:
                blocks = allowed[i]
                if blocks is not None and p.index not in blocks:
                    continue
            if not is_zero:
                for m in pat.finditer(text):
                    claims.setdefault(m.span("num"), []).append((m.end() - m.start(), i, m))
                continue
            for m in pat.finditer(text):
                if (i, m.start()) in zero_seen:
                    continue
                zero_seen.add((i, m.start()))
                zero = Quantity(Decimal(0), Decimal(0), Decimal(0), "exact", text=m.group(0))
                found.append(Mention(cbs[i].binding, p.index, m.start(), m.end(), m.group(0), zero, True, "0"))
        for _span, cands in claims.items():
            # A combined phrase (予以公开及部分公开25件) states a sum: it wins over the
            # single-cell phrase it ends with (部分公开25件), the longest such phrase first.
            combined = [c for c in cands if cbs[c[1]].binding.combined]
            if combined:
                longest = max(c[0] for c in combined)
                winners = [c for c in combined if c[0] == longest]
            else:
                shortest = min(c[0] for c in cands)
                winners = [c for c in cands if c[0] == shortest]
            if len({c[1] for c in winners}) > 1:
                continue  # two bindings read the same phrase: ambiguous, stay silent
            _, i, m = winners[0]
            q, quoted = _quantity_for(text, m)
            if q is None:
                continue
            found.append(Mention(cbs[i].binding, p.index, m.start(), m.end(), m.group(0), q, False, quoted))
        found.sort(key=lambda x: (x.start, x.end, x.binding.key))
        mentions.extend(found)
    return mentions


def mentions(ctx: "LintContext") -> list[Mention]:
    """``find_mentions`` computed once per context (N001–N004 and N012 share it)."""
    return ctx.shared(find_mentions)


def _split_ref(ref: str) -> tuple[str, str, Optional[str]]:
    tkey, _, rest = ref.partition(".")
    row, _, col = rest.partition("@")
    return tkey, row, (col or None)


def _table_name(spec) -> dict:
    title = getattr(spec, "title", "") or ""
    if "统计表" in title or not title:
        return {"zh": "统计表", "en": "statistics table"}
    return {"zh": f"表格《{title}》", "en": f"table “{title}”"}


def _cell_label(mt, ref: str) -> str:
    _tkey, row, col = _split_ref(ref)
    spec = mt.spec
    row_spec = spec.row(row) if spec is not None else None
    cv = mt.get(row, col)
    label = row_spec.label if row_spec and row_spec.label else ((cv.row_label if cv else "") or row)
    if col and spec is not None and len(spec.cols) > 1:
        col_spec = spec.col(col)
        label = f"{label}／{col_spec.label if col_spec else col}"
    return label


def _group_label(mt, refs: list[str]) -> str:
    """「不予公开」 for all the rows of one group, else the labels joined with ＋."""
    spec = mt.spec
    rows = [spec.row(_split_ref(r)[1]) if spec is not None else None for r in refs]
    groups = {r.group for r in rows if r is not None}
    if len(refs) > 1 and len(groups) == 1 and None not in groups and all(r is not None and "." in r.key for r in rows):
        prefix = {r.key.split(".")[0] for r in rows}
        if len(prefix) == 1:
            return f"{groups.pop()}（{len(refs)}项之和）"
    return "＋".join(_term_label(mt, r) for r in refs)


def _term_label(mt, ref: str) -> str:
    """One term of a sum, short: the row label, or the column's group and label when the
    row has none (table 四: 直接起诉总计)."""
    _tkey, row, col = _split_ref(ref)
    spec = mt.spec
    row_spec = spec.row(row) if spec is not None else None
    if row_spec is not None and row_spec.label:
        return _short(row_spec.label)
    col_spec = spec.col(col) if spec is not None and col else None
    if col_spec is not None:
        return f"{col_spec.group or ''}{col_spec.label}"
    return ref


def _short(label: str) -> str:
    """部分公开（区分处理的，只计这一情形…） → 部分公开; a label that starts with a bracket stays."""
    cut = label.find("（", 1)
    return label[:cut] if cut > 0 else label


def _sum_value(mt, refs: list[str]) -> Optional[Decimal]:
    """The sum of the cells, or None when one of them is not a readable number."""
    total = Decimal(0)
    for ref in refs:
        _tkey, row, col = _split_ref(ref)
        cv = mt.get(row, col)
        if cv is None or cv.status != "number" or cv.value is None:
            return None
        total += Decimal(cv.value)
    return total


def _observe_sums(ctx: "LintContext", mention: Mention, tables) -> list[Observation]:
    """A mention bound to expressions: silent when it matches any reading."""
    readings: list[tuple[str, Decimal, list[str]]] = []
    name = None
    for refs in mention.binding.sums:
        mt = tables.get(_split_ref(refs[0])[0])
        if mt is None or mt.unreadable:
            return []
        value = _sum_value(mt, refs)
        if value is None:
            continue  # a blank or invalid term: that reading cannot be compared
        readings.append((_group_label(mt, refs), value, refs))
        name = name or _table_name(mt.spec)
    if not readings:
        return []
    q = mention.quantity
    if mention.zero:
        if all(v > 0 for _l, v, _r in readings):
            label, value, refs = readings[0]
            return [Observation("N003", mention, "+".join(refs), label, name, value)]
        return []
    if any(q.compatible(v) for _l, v, _r in readings):
        return []
    label, value, refs = readings[0]
    ob = Observation("N001" if q.exact else "N002", mention, "+".join(refs), label, name, value)
    ob.alternatives = [(lab, v) for lab, v, _r in readings[1:]]
    return [ob]


def _observe(ctx: "LintContext") -> list[Observation]:
    tables = ctx.tables or {}
    out: list[Observation] = []
    for mention in mentions(ctx):
        if mention.binding.sums:
            out.extend(_observe_sums(ctx, mention, tables))
        for ref in mention.binding.cells:
            tkey, row, col = _split_ref(ref)
            mt = tables.get(tkey)
            if mt is None:
                continue  # table not mapped: nothing to compare with
            spec = mt.spec
            row_spec = spec.row(row) if spec is not None else None
            cv = mt.get(row, col)
            # The profile's clean label, not the printed one ("(一) 主动公开政府信息数 (不同渠道…)").
            # A row printed without a label (the figures row of section 四) is named by its
            # column alone: never by the profile's internal key.
            label = row_spec.label if row_spec and row_spec.label else (cv.row_label if cv else "")
            if col and spec is not None and len(spec.cols) > 1:
                col_spec = spec.col(col)
                col_label = col_spec.label if col_spec else ((cv.col_label if cv else "") or col)
                label = f"{label}／{col_label}" if label else col_label
            label = label or row
            name = _table_name(spec)
            if cv is None and mt.unreadable:
                continue  # the table could not be read cell by cell (T008 says so): no figure to compare
            if cv is None or cv.status == "blank":
                out.append(Observation("N004", mention, ref, label, name, missing=cv is None))
                continue
            if cv.status != "number" or cv.value is None:
                continue
            value = Decimal(cv.value)
            q = mention.quantity
            if mention.zero:
                if value > 0:
                    out.append(Observation("N003", mention, ref, label, name, value))
            elif not q.compatible(value):
                out.append(Observation("N001" if q.exact else "N002", mention, ref, label, name, value))
    return out


def observations(ctx: "LintContext") -> list[Observation]:
    """The shared scan, computed once per context."""
    return ctx.shared(_observe)


def _where(ob: Observation) -> Location:
    return Location(block=ob.mention.block, start=ob.mention.start, end=ob.mention.end)


def _cell_fields(ob: Observation) -> dict:
    """The fields every N001–N004 message states: the phrase, the table and the cell."""
    return {
        "phrase": ob.mention.phrase,
        "table_zh": ob.table_name["zh"],
        "table_en": ob.table_name["en"],
        "cell": ob.label,
    }


class NarrativeNumberMismatch(ObservationRule):
    code = "N001"
    name = "narrative-number-mismatch"
    severity = "warning"
    observations = staticmethod(observations)
    summary = {
        "zh": "正文所述数字与统计表不一致",
        "en": "A figure stated in the text differs from the table",
    }
    doc = {
        "zh": (
            "正文中按配置短语（如“通过门户网站发布政府信息{数}条”“公开制发的{数}个规范性文件”）陈述的确切数字，"
            "应与统计表中对应项一致。短语与表格项的对应关系来自格式配置（rules/*.toml 的 [[bindings]]），"
            "属于模式匹配推断，故为警告；消息给出触发的短语、正文数字和表格数字。"
        ),
        "en": (
            'An exact figure the text states with a configured phrase ("published N items on the portal", '
            '"disclosed the N normative documents issued") must equal the bound table cell. Phrases are bound '
            "to cells by the profile's [[bindings]] patterns — a heuristic, hence a warning; the message quotes "
            "the phrase that bound it and both numbers."
        ),
    }
    bad = "及时公开制发的2个规范性文件"
    good = "及时公开制发的1个规范性文件"
    example_in = "clean-2018.txt"

    _fix = {
        "fix_zh": "核对正文数字与统计表，改正有误的一方。",
        "fix_en": "Check the figure against the table and correct whichever is wrong.",
    }
    messages = {
        "differs": {
            "zh": "正文称“{phrase}”（{n}），而{table_zh}「{cell}」为 {value}，两者不一致。",
            "en": "The text says “{phrase}” ({n}) but the {table_en} row “{cell}” is {value}.",
            **_fix,
        },
        "no_reading_fits": {
            "zh": "正文称“{phrase}”（{n}），而{table_zh}「{cell}」为 {value}{others_zh}，均不相符。",
            "en": "The text says “{phrase}” ({n}) but the {table_en} row “{cell}” is {value}{others_en}; neither matches.",
            **_fix,
        },
    }

    def finding_for(self, ctx, ob):
        m = ob.mention
        return self.report(
            ctx,
            "no_reading_fits" if ob.alternatives else "differs",
            _where(ob),
            excerpt=m.phrase,
            numbers={"text": _jsonable(m.quantity.value), "table": _jsonable(ob.value), "cell": ob.ref},
            severity=m.binding.severity,
            n=fmt_number(m.quantity.value),
            value=fmt_number(ob.value),
            others_zh=ob.others("zh"),
            others_en=ob.others("en"),
            **_cell_fields(ob),
        )


class NarrativeApproxIncompatible(ObservationRule):
    code = "N002"
    name = "narrative-approx-incompatible"
    severity = "warning"
    observations = staticmethod(observations)
    summary = {
        "zh": "正文所述约数与统计表明显不符",
        "en": "An approximate figure in the text cannot match the table",
    }
    doc = {
        "zh": (
            "正文中的约数按通常含义理解为一个区间：“400余条”为 400 至 500 之间，“1500余条”为 1500 至 1600 之间"
            "（按末位非零数字所在数位计），“152余篇”为 152 至 153；“约300”“300左右”为 ±10%；“近百”为 90 至 100；"
            "“超过400”为大于 400；“不到400”为少于 400。统计表数字落在该区间之外时提示。区间取宽，只在明显不符时才报。"
        ),
        "en": (
            'An approximate figure is read as an interval: "400余" is between 400 and 500, "1500余" between 1500 '
            'and 1600 (the step is the place of the last non-zero digit), "152余" 152 to 153; "约300"/"300左右" '
            '±10 %; "近百" 90 to 100; "超过400" more than 400; "不到400" less than 400. A table value outside '
            "the interval is reported. Readings are generous so only clear contradictions fire."
        ),
    }
    bad = "通过市司法局门户网站发布各类政府信息400余条"
    good = "通过市司法局门户网站发布各类政府信息597条"
    example_in = "clean-2018.txt"

    _fix = {
        "fix_zh": "核对正文约数与统计表，改正有误的一方，或写出确切数字。",
        "fix_en": "Check the approximate figure against the table; correct it or state the exact number.",
    }
    messages = {
        "outside": {
            "zh": "正文称“{phrase}”，“{num_text}”表示 {reading_zh}，而{table_zh}「{cell}」为 {value}。",
            "en": "The text says “{phrase}”: “{num_text}” means {reading_en}, but the {table_en} row “{cell}” is {value}.",
            **_fix,
        },
        "no_reading_fits": {
            "zh": "正文称“{phrase}”，“{num_text}”表示 {reading_zh}，而{table_zh}「{cell}」为 {value}{others_zh}，均不相符。",
            "en": "The text says “{phrase}”: “{num_text}” means {reading_en}, but the {table_en} row “{cell}” is "
            "{value}{others_en}; neither matches.",
            **_fix,
        },
    }

    def finding_for(self, ctx, ob):
        m = ob.mention
        q = m.quantity
        return self.report(
            ctx,
            "no_reading_fits" if ob.alternatives else "outside",
            _where(ob),
            excerpt=m.phrase,
            numbers={
                "text": m.num_text,
                "low": _jsonable(q.low),
                "high": _jsonable(q.high),
                "table": _jsonable(ob.value),
                "cell": ob.ref,
            },
            severity=m.binding.severity,
            num_text=m.num_text,
            reading_zh=q.describe("zh"),
            reading_en=q.describe("en"),
            value=fmt_number(ob.value),
            others_zh=ob.others("zh"),
            others_en=ob.others("en"),
            **_cell_fields(ob),
        )


class NarrativeZeroMismatch(ObservationRule):
    code = "N003"
    name = "narrative-zero-mismatch"
    severity = "warning"
    observations = staticmethod(observations)
    summary = {
        "zh": "正文称没有发生，统计表却有数字",
        "en": "The text says none, the table has a positive figure",
    }
    doc = {
        "zh": (
            "正文以“未接到…申请”“没有发生…行政复议、行政诉讼”等表述说明某项为零，而统计表对应项大于 0。"
            "零值表述由格式配置的 zero_patterns 识别，属于模式匹配推断，故为警告。"
        ),
        "en": (
            'The text states a figure is zero ("received no requests", "no reconsideration or lawsuit '
            "occurred\") while the bound table cell is positive. Zero statements come from the profile's "
            "zero_patterns — a heuristic, hence a warning."
        ),
    }
    bad = "(一) 收到申请数\t件\t3"
    good = "(一) 收到申请数\t件\t0"
    example_in = "clean-2018.txt"

    messages = {
        "not_zero": {
            "zh": "正文称“{phrase}”（即为 0），而{table_zh}「{cell}」为 {value}。",
            "en": "The text says “{phrase}” (i.e. none) but the {table_en} row “{cell}” is {value}.",
            "fix_zh": "核对正文表述与统计表，改正有误的一方。",
            "fix_en": "Check the statement against the table and correct whichever is wrong.",
        },
    }

    def finding_for(self, ctx, ob):
        m = ob.mention
        return self.report(
            ctx,
            "not_zero",
            _where(ob),
            excerpt=m.phrase,
            numbers={"text": 0, "table": _jsonable(ob.value), "cell": ob.ref},
            severity=m.binding.severity,
            value=fmt_number(ob.value),
            **_cell_fields(ob),
        )


class NarrativeFigureBlank(ObservationRule):
    code = "N004"
    name = "narrative-figure-blank"
    severity = "info"
    observations = staticmethod(observations)
    summary = {
        "zh": "正文陈述了数字，统计表对应项为空",
        "en": "The text states a figure whose table cell is blank",
    }
    doc = {
        "zh": (
            "正文按配置短语陈述了某项数字（或称其为零），但统计表中对应的单元格为空或未找到该项，无从核对。"
            "空白单元格不按 0 处理；建议在表中填写数字（为零时填 0）。"
        ),
        "en": (
            "The text states a figure (or says it is zero) but the bound table cell is blank or missing, so "
            "nothing can be compared. A blank cell is never taken as 0; fill in the table (0 when none)."
        ),
    }
    bad = "制发规范性文件总数\t件\t\n"
    good = "制发规范性文件总数\t件\t1\n"
    example_in = "clean-2018.txt"

    _fix = {"fix_zh": "在统计表中填写该项数字（为零时填 0）。", "fix_en": "Fill in the table cell (0 when none)."}
    messages = {
        "blank": {
            "zh": "正文称“{phrase}”（{n}），但{table_zh}「{cell}」为空，无从核对。",
            "en": "The text says “{phrase}” ({n}) but the {table_en} row “{cell}” is blank; nothing to compare.",
            **_fix,
        },
        "missing": {
            "zh": "正文称“{phrase}”（{n}），但{table_zh}「{cell}」未找到该项，无从核对。",
            "en": "The text says “{phrase}” ({n}) but the {table_en} row “{cell}” is missing; nothing to compare.",
            **_fix,
        },
    }

    def finding_for(self, ctx, ob):
        m = ob.mention
        n = m.num_text if not m.quantity.exact else fmt_number(m.quantity.value)
        return self.report(
            ctx,
            "missing" if ob.missing else "blank",
            _where(ob),
            excerpt=m.phrase,
            numbers={"text": _jsonable(m.quantity.value) if m.quantity.exact else n, "cell": ob.ref},
            n=n,
            **_cell_fields(ob),
        )


# ---------------------------------------------------------------------------------
# Percentages: "X件，占Y%", "占比Y%", "A件……B件的Y%", "分别占Y1%、Y2%"

_UNIT_SRC = r"(?:人次|[条件个篇份次人起宗项家所期场])"
_PCT_SRC = r"(?P<y>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]"
# X, its unit, then 占/占比/占……的 and the share; the share follows within the clause.
_SHARE_RE = re.compile(
    rf"(?P<x>{NUM})\s*(?P<u>{_UNIT_SRC})\s*[，,、]?\s*[（(]?\s*(?:其中\s*)?"
    rf"占(?:比|比例|比重)?(?:为|达|达到|约为)?\s*(?:(?P<of>[^，。；;,\d%％０-９]{{1,14}}?)的(?:比例|比重)?(?:为)?)?\s*{_PCT_SRC}"
)
# An explicit base: "办理110件，完成目标100件的110%", "为上年120件的85%".
_RATIO_RE = re.compile(
    rf"(?P<x>{NUM})\s*(?P<u>{_UNIT_SRC})[，,]?[^。；;，,%％\d]{{0,14}}?(?P<b>{NUM})\s*(?P<u2>{_UNIT_SRC})的\s*{_PCT_SRC}"
)
# "分别占87%、13%" / "分别占比…": shares paired in order with the counts before them.
_RESPECTIVELY_RE = re.compile(
    r"(?:分别占(?:比|比例)?(?:为)?|(?:所)?占(?:比|比例|比重)分别(?:为|是))\s*((?:[0-9０-９]+(?:[.．][0-9０-９]+)?\s*[%％][、，,和及与\s]*){2,})"
)
_PERCENT_SIGN_RE = re.compile(r"[%％]")
_REACH = 120
"""How far before its percent sign a share statement may start."""
_PCT_ITEM_RE = re.compile(r"([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]")
_COUNT_RE = re.compile(rf"(?P<x>{NUM})\s*(?P<u>{_UNIT_SRC})")
_SENTENCE_RE = re.compile(r"[^。！？!?]+[。！？!?]?")
# "受理审批事项117件，办结171件，办结率100%": a rate with both counts stated.
_RATE_RE = re.compile(
    rf"(?:受理|收到)[^。；;，,\d]{{0,12}}?(?P<b>{NUM})\s*(?P<u2>{_UNIT_SRC})[，,]\s*(?:已|共|全部)?办结[^。；;，,\d]{{0,6}}?(?P<x>{NUM})\s*(?P<u>{_UNIT_SRC})"
    rf"[，,]\s*办结率(?:为|达|达到)?\s*{_PCT_SRC}"
)
# "占……的Y%" naming its base: only bases of this report's own figures are checked.
_WIDER_RE = re.compile(r"全国|全省|全市|全区|全县|全州|全盟|全系统|上年|去年|同期|目标|计划")
_OURS_RE = re.compile(r"申请|总数|总量|总计|全部|全年|本年|信息|件数|办结|答复|收到|受理")
# A share of requests: the table's totals (新收, 新收＋结转, 办理结果总计) are plausible bases.
_REQUEST_WORDS_RE = re.compile(r"申请|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|办结|答复|受理")
_FW_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


@dataclass
class Share:
    """One stated share: ``x`` of some base is ``y`` percent (written with ``places`` decimals)."""

    block: int
    start: int
    end: int
    phrase: str
    x: Decimal
    unit: str
    y: Decimal
    places: int
    base: Optional[Decimal] = None
    """An explicit base (B件的Y%); None when the base is implied."""
    sentence: int = 0
    """Index of the sentence within its paragraph (shares listed together share one)."""


def _pct(text: str) -> tuple[Decimal, int]:
    t = text.translate(_FW_DIGITS)
    places = len(t.partition(".")[2])
    return Decimal(t), places


def share_fits(x: Decimal, base: Decimal, y: Decimal, places: int) -> bool:
    """Whether x/base, written with ``places`` decimals, may read ``y``: rounded (±half a unit
    of the last digit) or truncated."""
    if base <= 0:
        return False
    r = x * 100 / base
    unit = Decimal(1).scaleb(-places)
    eps = Decimal("1e-9")
    return abs(r - y) <= unit / 2 + eps or (y - eps <= r < y + unit)


def _exact(text: str) -> Optional[Decimal]:
    try:
        q = parse_quantity(text)
    except (ValueError, ArithmeticError):
        return None
    return q.value if q.exact else None


def _stated(text: str) -> Optional[Decimal]:
    """The value a count states, approximate ones included (约4900 → 4900): as a base."""
    try:
        return parse_quantity(text).value
    except (ValueError, ArithmeticError):
        return None


def _counts(text: str, lo: int = 0, hi: Optional[int] = None, exact: bool = False) -> list[tuple[int, int, Decimal, str]]:
    """Counts with a unit in text[lo:hi]: (start, end, value, unit); approximate ones
    (约4900人次) by their stated value unless ``exact``."""
    out = []
    for m in _COUNT_RE.finditer(text, lo, len(text) if hi is None else hi):
        v = _exact(m.group("x")) if exact else _stated(m.group("x"))
        if v is not None:
            out.append((m.start(), m.end(), v, m.group("u")))
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE_RE.finditer(text)]


def find_shares(block: int, text: str) -> list[Share]:
    """Every checkable share statement of one paragraph."""
    if "%" not in text and "％" not in text:
        return []
    spans = _sentences(text)
    starts = [a for a, _b in spans]

    def sentence_of(pos: int) -> int:
        i = bisect_right(starts, pos) - 1
        return i if i >= 0 and pos < spans[i][1] else len(spans)

    out: list[Share] = []
    taken: set[int] = set()
    # Every form ends at its percent sign: each regex runs only on the short stretch before
    # one, so a long paragraph costs time in its percent signs, not in its length.
    ends = sorted({m.end() for m in _PERCENT_SIGN_RE.finditer(text)})

    def ending_at_signs(rx):
        for end in ends:
            for m in rx.finditer(text, max(0, end - _REACH), end):
                if m.end() == end:
                    yield m

    for m in list(ending_at_signs(_RATE_RE)) + list(ending_at_signs(_RATIO_RE)):
        if m.start("y") in taken:
            continue
        x, b = _exact(m.group("x")), _exact(m.group("b"))
        if x is None or b is None or m.group("u") != m.group("u2"):
            continue
        y, places = _pct(m.group("y"))
        out.append(Share(block, m.start(), m.end(), m.group(0), x, m.group("u"), y, places, b, sentence_of(m.start())))
        taken.add(m.start("y"))
    for m in ending_at_signs(_SHARE_RE):
        if m.start("y") in taken:
            continue
        of = m.group("of")
        if of and (_WIDER_RE.search(of) or not _OURS_RE.search(of)):
            continue  # 占全市总量的12%: a base this report does not state
        x = _exact(m.group("x"))
        if x is None:
            continue
        y, places = _pct(m.group("y"))
        out.append(Share(block, m.start(), m.end(), m.group(0), x, m.group("u"), y, places, None, sentence_of(m.start())))
        taken.add(m.start("y"))
    for m in _RESPECTIVELY_RE.finditer(text) if "分别" in text else ():
        items = list(_PCT_ITEM_RE.finditer(text, m.start(1), m.end(1)))
        if any(it.start() in taken for it in items):
            continue
        si = sentence_of(m.start())
        a = spans[si][0] if si < len(spans) else 0
        counts = _counts(text, max(a, m.start() - _WINDOW), m.start(), exact=True)
        if len(counts) < len(items):
            continue
        counts = counts[-len(items) :]
        if len({c[3] for c in counts}) != 1:
            continue
        for (cs, _ce, v, u), it in zip(counts, items):
            y, places = _pct(it.group(1))
            out.append(Share(block, cs, it.end(), text[cs : it.end()], v, u, y, places, None, si))
    out.sort(key=lambda s: s.start)
    return out


def _table_bases(ctx: "LintContext") -> list[tuple[str, Decimal]]:
    """Bases the statistics table makes plausible: 本年新收, 新收＋上年结转, （七）总计."""
    mt = (ctx.tables or {}).get("requests")
    if mt is None or getattr(mt, "unreadable", False):
        return []
    out = []
    for label, refs in (
        ("本年新收", ["requests.new@total"]),
        ("新收＋上年结转", ["requests.new@total", "requests.carried@total"]),
        ("办理结果总计", ["requests.results.total@total"]),
    ):
        try:
            v = _sum_value(mt, refs)
        except Exception:  # a profile without one of these rows
            v = None
        if v is not None and v > 0:
            out.append((label, v))
    return out


@dataclass
class ShareProblem:
    code: str
    share: Share
    tried: list[tuple[Decimal, str]]
    """(base, where it came from) for N010; for N011 the shares listed together."""
    group: list[Share] = field(default_factory=list)
    parts_total: Optional[Decimal] = None


def _share_problems(ctx: "LintContext") -> list[ShareProblem]:
    """The shared scan of percentages, computed once per context."""
    return ctx.shared(_scan_shares)


def _scan_shares(ctx: "LintContext") -> list[ShareProblem]:
    paragraphs = [(p.index, p.text or "") for p in ctx.body_paragraphs]
    return share_problems(paragraphs, lambda: _table_bases(ctx))


def share_problems(paragraphs: list[tuple[int, str]], table_bases=lambda: []) -> list[ShareProblem]:
    """N010/N011 problems of the paragraphs (block, text) in order; ``table_bases`` gives
    the table's (label, value) bases, asked for only when a paragraph states a share.

    Each share is read within a window around it (its sentence, at most ``_WINDOW``
    characters either side, and the end of the previous paragraph): a whole the reader
    cannot see there is no base, and a report that lost its paragraph breaks (one line)
    still costs time linear in its length.
    """
    out: list[ShareProblem] = []
    bases_of_table: Optional[list] = None
    prev_text = ""
    for block, text in paragraphs:
        shares = find_shares(block, text)
        if not shares:
            prev_text = text
            continue
        if bases_of_table is None:
            bases_of_table = table_bases()
        spans = _sentences(text)
        counts = _counts(text)
        count_starts = [c[0] for c in counts]

        def window(lo: int, hi: int, counts=counts, count_starts=count_starts):
            return counts[bisect_left(count_starts, lo) : bisect_left(count_starts, hi)]

        prev_counts = _counts(prev_text, max(0, len(prev_text) - _WINDOW))
        by_sentence: dict[int, list[Share]] = {}
        for sh in shares:
            if sh.base is None:
                by_sentence.setdefault(sh.sentence, []).append(sh)
        for sh in shares:
            if sh.base is not None:
                if not share_fits(sh.x, sh.base, sh.y, sh.places):
                    out.append(ShareProblem("N010", sh, [(sh.base, "正文")]))
                continue
            problem = _share_problem(sh, text, spans, window, by_sentence.get(sh.sentence, []), prev_counts, bases_of_table)
            if problem is not None:
                out.append(problem)
        for group in by_sentence.values():
            lo = max(0, group[0].start - _WINDOW)
            hi = min(len(text), group[-1].end + _WINDOW)
            out.extend(_hundred_problems(group, window(lo, hi) + prev_counts))
        prev_text = text
    return out


_WINDOW = 600


def _share_problem(sh: Share, text: str, spans, window, listed: list[Share], prev_counts, bases_of_table) -> Optional[ShareProblem]:
    """N010 for one share whose base is implied, or None when some plausible base fits."""
    a, b = spans[sh.sentence] if sh.sentence < len(spans) else (0, len(text))
    lo, hi = max(0, a, sh.start - _WINDOW), min(len(text), b, sh.end + _WINDOW)
    near = window(max(0, sh.start - _WINDOW), min(len(text), sh.end + _WINDOW))
    # Judged only when the whole is in view: a larger figure stated before the share, or a
    # share of requests (the table states their totals). "行政处罚356件，占40%" with no
    # total in view is left alone.
    about_requests = sh.unit == "件" and bool(_REQUEST_WORDS_RE.search(text, lo, sh.end))
    stated_before = any(u == sh.unit and v > sh.x and s_ < sh.start for s_, _e, v, u in near)
    if not stated_before and not (about_requests and bases_of_table):
        return None
    # Ranked by how plausible a base is: the table's totals and the figures around the
    # share first, sums next, the previous paragraph's last (the message names the first few).
    bases: dict[Decimal, str] = {}
    if about_requests:
        for label, v in bases_of_table:
            bases.setdefault(v, label)
    for s_, _e, v, u in near:
        if u == sh.unit and v > sh.x and not (sh.start <= s_ < sh.end):
            bases.setdefault(v, "正文")
    same_unit = [c[2] for c in near if c[3] == sh.unit]
    if len(same_unit) > 1:
        bases.setdefault(sum(same_unit), "各项之和")
    same_sentence = [c[2] for c in near if lo <= c[0] < hi and c[3] == sh.unit]
    if len(same_sentence) > 1:
        bases.setdefault(sum(same_sentence), "各项之和")
    listed = [s for s in listed if s.unit == sh.unit]
    if len(listed) > 1:
        bases.setdefault(sum(s.x for s in listed), "各项之和")
    for _s, _e, v, u in prev_counts:
        if u == sh.unit and v > sh.x:
            bases.setdefault(v, "上一段")
    bases = {v: w for v, w in bases.items() if v >= sh.x and v > 0}
    if not bases or any(share_fits(sh.x, v, sh.y, sh.places) for v in bases):
        return None
    if sh.y > 100:
        return None  # growth or a target beyond the whole: no implied base
    rank = {"各项之和": 1, "上一段": 2}
    return ShareProblem("N010", sh, sorted(bases.items(), key=lambda kv: rank.get(kv[1], 0)))


def _hundred_problems(group: list[Share], counts) -> list[ShareProblem]:
    """Shares listed together (one sentence) whose counts add up to a total stated near
    them must add up to 100 %."""
    if len(group) < 2 or len({s.unit for s in group}) != 1:
        return []
    parts = sum(s.x for s in group)
    own = {s.start for s in group}
    stated = {v for a, _b, v, u in counts if u == group[0].unit and a not in own}
    if parts not in stated:
        return []
    total = sum(s.y for s in group)
    slack = sum(Decimal(1).scaleb(-s.places) for s in group)
    if abs(total - 100) > slack:
        return [ShareProblem("N011", group[0], [], group, parts)]
    return []


def _pct_text(y: Decimal, places: int) -> str:
    return f"{y:.{places}f}%"


class PercentageFitsNoBase(ObservationRule):
    code = "N010"
    name = "percentage-fits-no-base"
    severity = "warning"
    observations = staticmethod(_share_problems)
    summary = {
        "zh": "正文所述百分比与任何合理基数都不相符",
        "en": "A stated percentage fits no plausible base",
    }
    doc = {
        "zh": (
            "“X件，占Y%”“占比Y%”“A件……B件的Y%”中的百分比应等于 X 除以某个基数。基数取正文附近写出的总数（同一段"
            "及上一段中同单位、更大的数字）、列举各项之和，以及统计表的本年新收、新收＋上年结转、办理结果总计；写明 B"
            "的（“完成目标B件的Y%”）只用 B。按写出的精度比较（52.1% 容许 ±0.05，51.85% 容许 ±0.005），截尾也算相符。"
            "只有没有任何基数相符时才提示，并列出所试的算式。"
        ),
        "en": (
            'The percentage in "X件，占Y%", "占比Y%" or "A件……B件的Y%" must equal X divided by some base: a '
            "larger figure with the same unit stated in the paragraph or the one before, the sum of the parts "
            "listed, or the table's new requests, new + carried over, or the total of results; an explicit base "
            '("B件的Y%") is the only one tried. Compared at the precision written (52.1 % ±0.05), truncation '
            "accepted. Fires only when no base fits, and lists the divisions tried."
        ),
    }
    bad = "全年共收到政府信息公开申请46件，上年结转2件；予以公开及部分公开25件，占58.1%，结转下年度继续办理2件。"
    good = "全年共收到政府信息公开申请46件，上年结转2件；予以公开19件，部分公开6件，结转下年度继续办理2件。"
    example_in = "clean-2021.txt"

    messages = {
        "no_base": {
            "zh": "正文称“{phrase}”：{tried_zh}，均不是 {percent}。",
            "en": "The text says “{phrase}”: {tried_en}; none is {percent}.",
            "fix_zh": "核对百分比的分子、分母和计算结果，改正有误的一方。",
            "fix_en": "Check the count, the base and the division; correct whichever is wrong.",
        },
    }

    def finding_for(self, ctx, pr):
        sh = pr.share
        x = fmt_number(sh.x)
        calcs = [f"{x}/{fmt_number(b)} = {_pct_text(sh.x * 100 / b, max(sh.places, 1))}" for b, _w in pr.tried[:4]]
        # The divisions tried (the first four); the Chinese says how many bases there were.
        more = f" 等 {len(pr.tried)} 个基数" if len(pr.tried) > 4 else ""
        return self.report(
            ctx,
            "no_base",
            Location(block=sh.block, start=sh.start, end=sh.end),
            excerpt=sh.phrase,
            numbers={
                "x": _jsonable(sh.x),
                "percent": _jsonable(sh.y),
                "bases": [_jsonable(b) for b, _w in pr.tried],
            },
            phrase=sh.phrase,
            tried_zh="，".join(calcs) + more,
            tried_en=", ".join(calcs),
            percent=_pct_text(sh.y, sh.places),
        )


class SharesNotHundred(ObservationRule):
    code = "N011"
    name = "shares-not-hundred"
    severity = "warning"
    observations = staticmethod(_share_problems)
    summary = {
        "zh": "同一总数的各项占比之和不是 100%",
        "en": "Shares of one total do not add up to 100 %",
    }
    doc = {
        "zh": (
            "同一句中列出的各项（“自然人40件，占87%；法人6件，占13%”或“……分别占87%、13%”），其件数之和等于正文写出的"
            "总数时，各项占比之和应为 100%，容许每项末位一个单位的舍入误差。"
        ),
        "en": (
            "When the parts listed in one sentence add up to a total the text states, their shares must add up "
            "to 100 %, allowing one unit of the last digit per share for rounding."
        ),
    }
    bad = "共收到申请46件，其中自然人申请40件，占87%；法人或其他组织申请6件，占23%。"
    good = "共收到申请46件，其中自然人申请40件，占87%；法人或其他组织申请6件，占13%。"

    messages = {
        "not_hundred": {
            "zh": "各项件数之和为 {parts}（正文所述总数），其占比 {shares_zh} = {total}，不是 100%。",
            "en": "The parts add up to the stated total {parts}, but their shares {shares_en} = {total}, not 100 %.",
            "fix_zh": "核对各项占比，改正有误的一项。",
            "fix_en": "Check each share and correct the wrong one.",
        },
    }

    def finding_for(self, ctx, pr):
        g = pr.group
        total = sum(s.y for s in g)
        places = max(s.places for s in g)
        shares = [_pct_text(s.y, s.places) for s in g]
        first, last = g[0], g[-1]
        return self.report(
            ctx,
            "not_hundred",
            Location(block=first.block, start=first.start, end=last.end),
            excerpt="；".join(s.phrase for s in g),
            numbers={"shares": [_jsonable(s.y) for s in g], "sum": _jsonable(total), "parts_total": _jsonable(pr.parts_total)},
            parts=fmt_number(pr.parts_total),
            shares_zh="＋".join(shares),
            shares_en=" + ".join(shares),
            total=_pct_text(total, places),
        )


# ---------------------------------------------------------------------------------
# The same measure stated twice with different numbers

# "通过门户网站发布信息597条": a channel, a verb and a unit make one measure.
_CHANNEL_RE = re.compile(
    rf"(?:通过|在|依托)(?P<ch>[^，。；;、,\d通在]{{2,14}}?(?:网站|网|公众号|微博|平台|客户端|APP|App|专栏|公开栏|政务新媒体|新媒体|报纸|公报))"
    rf"(?:上)?(?:共|累计|全年)?(?P<verb>发布|公开|推送|刊登|刊发|更新)(?P<obj>[^，。；;、,\d]{{0,10}}?)\s*(?:共|共计)?\s*(?P<num>{NUM})\s*(?P<u>{_UNIT_SRC})"
)


@dataclass
class Statement:
    key: tuple
    label: str
    label_en: str
    block: int
    start: int
    end: int
    phrase: str
    value: Decimal


# The subject of a clause, with what does not change the measure taken out: time words and
# the agency speaking of itself ("全年共", "2021年，本机关", "我局").
_CLAUSE_BREAK_RE = re.compile(r"[，,。；;：:！？!?\n（）()]")
_NOT_SUBJECT_RE = re.compile(
    r"(?:19|20)[0-9]{2}年度?|全年|本年度?|今年|年内|当年|共计|共|累计|合计|总计|其中|此外|另外|同时|"
    r"本机关|本单位|本部门|我单位|我部门|我们|我[局委办厅署院县市区镇乡]|本[局委办厅署院县市区镇乡]|"
    r"[一二三四五六七八九十]+是|[（(][一二三四五六七八九十0-9]+[）)]|\s"
)


def _subject(text: str, start: int) -> str:
    """Who a clause is about: the words between the clause's start and the phrase, with time
    words and the agency's self-references removed ("" for the report's own agency)."""
    lo = max(0, start - 30)
    cut = lo
    for m in _CLAUSE_BREAK_RE.finditer(text, lo, start):
        cut = m.end()
    return _NOT_SUBJECT_RE.sub("", text[cut:start])


def _statements(ctx: "LintContext") -> list[Statement]:
    out: list[Statement] = []
    texts = {p.index: p.text or "" for p in ctx.body_paragraphs}
    for m in mentions(ctx):
        if m.zero or not m.quantity.exact:
            continue
        label = m.binding.label.get("zh") or m.binding.key
        label_en = m.binding.label.get("en") or label
        key = ("binding", m.binding.key, _subject(texts.get(m.block, ""), m.start))
        out.append(Statement(key, label, label_en, m.block, m.start, m.end, m.phrase, m.quantity.value))
    for p in ctx.body_paragraphs:
        text = p.text or ""
        if "通过" not in text and "在" not in text and "依托" not in text:
            continue
        for m in _CHANNEL_RE.finditer(text):
            v = _exact(m.group("num"))
            if v is None:
                continue
            obj = re.sub(r"^(了|各类|各项)", "", m.group("obj"))
            key = ("channel", _subject(text, m.start()), m.group("ch"), m.group("verb"), obj, m.group("u"))
            label = f"通过{m.group('ch')}{m.group('verb')}{obj}"
            out.append(Statement(key, label, label, p.index, m.start(), m.end(), m.group(0), v))
    return out


class SameMeasureTwice(Rule):
    code = "N012"
    name = "same-measure-differs"
    severity = "warning"
    summary = {
        "zh": "同一数据在正文中两次陈述，数字不同",
        "en": "The same measure is stated twice with different numbers",
    }
    doc = {
        "zh": (
            "同一项数据（同一主体、同一动作、同一单位：如按格式配置短语识别的“收到政府信息公开申请X件”，或“通过门户网站"
            "发布信息X条”）在正文中出现两次且数字不同，至少有一处有误。只比较确切数字；约数和不同渠道、不同对象不比较。"
        ),
        "en": (
            "The same measure (same subject, verb and unit: a phrase bound by the profile such as “received N "
            "requests”, or “published N items through the portal”) appears twice with different exact numbers; "
            "at least one is wrong. Approximate figures and different channels or objects are not compared."
        ),
    }
    bad = "全年共收到政府信息公开申请46件……（三）本年度共收到政府信息公开申请48件。"
    good = "全年共收到政府信息公开申请46件……（三）本年度共收到政府信息公开申请46件。"
    messages = {
        "differs": {
            "zh": "“{measure_zh}”两次陈述数字不同：前文“{first}”（{where_zh}）为 {first_value}，此处“{phrase}”为 {value}。",
            "en": "“{measure_en}” is stated twice: “{first}” ({where_en}) says {first_value}, “{phrase}” here says {value}.",
            "fix_zh": "核对两处数字，统一为正确的数字。",
            "fix_en": "Check both figures and make them agree.",
        },
    }

    def check(self, ctx):
        first: dict[tuple, Statement] = {}
        reported: set[tuple] = set()
        for st in _statements(ctx):
            prev = first.get(st.key)
            if prev is None:
                first[st.key] = st
                continue
            if prev.value == st.value or (st.key, st.value) in reported:
                continue
            reported.add((st.key, st.value))
            where = Location(block=prev.block, section=ctx.section_path(prev.block))
            yield self.report(
                ctx,
                "differs",
                Location(block=st.block, start=st.start, end=st.end),
                excerpt=st.phrase,
                numbers={"first": _jsonable(prev.value), "second": _jsonable(st.value), "first_block": prev.block},
                measure_zh=st.label,
                measure_en=st.label_en,
                first=prev.phrase,
                where_zh=where.describe("zh"),
                where_en=where.describe("en"),
                first_value=fmt_number(prev.value),
                phrase=st.phrase,
                value=fmt_number(st.value),
            )
