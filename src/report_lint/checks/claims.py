"""Family N (N030–N031): claims about the whole of a kind, without figures, against the tables.

Reports say "申请均已全部按时办结", "行政复议…均维持原行政行为", "均胜诉", "无积压" without a number.
Such a statement binds table cells all the same: the profile's ``[[claims]]`` give the
phrase (``patterns``), what the sentence must be about (``subject``), the cells it says are
0 (``zero``: 结转下年度继续办理 for "均已办结"; 结果纠正/其他结果/尚未审结 for "均维持") and the
cells whose sum it presupposes to be positive (``positive``: there was something to uphold).

* N030 a claim says a cell is 0 and the table has a positive figure;
* N031 a claim presupposes cases and the table has none.

Precision first — only a clear claim about the whole of a kind is read:
* the sentence must name the subject (政府信息公开申请, 行政复议 …);
* the claim's own clause, and the clause before it when the claim has no subject of its own
  ("收到申请36件，均已办结"), must not hold a word of ``unless``:
  a part (其余, 其中, 除…外, 部分) or another kind (行政许可, 诉讼 for a claim about 复议);
* nor may the rest of the sentence state an exception (``exceptions``: 另有2件结转下年度);
* where the phrases of two claims overlap, the longest wins; a tie says nothing;
* a table that is not mapped, or a cell that is not a number, says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Optional

from report_lint.checks.registry import ObservationRule
from report_lint.model.findings import Location
from report_lint.profiles.load import ClaimSpec, Profile

if TYPE_CHECKING:  # pragma: no cover
    from report_lint.facts.context import LintContext

_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_CLAUSE_MARK = re.compile(r"[，,：:]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class _Compiled:
    spec: ClaimSpec
    patterns: list[re.Pattern]
    subject: Optional[re.Pattern]
    unless: Optional[re.Pattern]
    exceptions: Optional[re.Pattern]


_COMPILED: dict[tuple, list[_Compiled]] = {}


def _alternation(patterns: list[str]) -> Optional[re.Pattern]:
    return re.compile("|".join(f"(?:{u})" for u in patterns)) if patterns else None


def _compile(profile: Profile) -> list[_Compiled]:
    key = (profile.name, tuple((c.key, tuple(c.patterns), c.subject, tuple(c.unless), tuple(c.exceptions)) for c in profile.claims))
    hit = _COMPILED.get(key)
    if hit is not None:
        return hit
    out = []
    for c in profile.claims:
        try:
            pats = [re.compile(p) for p in c.patterns]
            subject = re.compile(c.subject) if c.subject else None
            unless = _alternation(c.unless)
            exceptions = _alternation(c.exceptions)
        except re.error:
            continue  # the profile loader reports bad patterns of a user's rules folder
        out.append(_Compiled(c, pats, subject, unless, exceptions))
    if len(_COMPILED) > 32:
        _COMPILED.clear()
    _COMPILED[key] = out
    return out


@dataclass
class Claim:
    """One claim found in the narrative."""

    spec: ClaimSpec
    block: int
    start: int
    end: int
    phrase: str
    """The claim with what it is about, as quoted in messages (from its clause's start)."""


@dataclass
class Violation:
    code: str
    claim: Claim
    cells: list[tuple[str, str, Decimal]]
    """(ref, label, value) of the cells that contradict the claim."""


def _scope(text: str, start: int, end: int) -> tuple[int, int, int, int]:
    """(sentence start, subject start, clause end, sentence end) around a match."""
    s0 = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        s0 = m.end()
    m_end = _SENTENCE_END.search(text, end)
    s1 = m_end.start() if m_end else len(text)
    c0 = s0
    for m in _CLAUSE_MARK.finditer(text, s0, start):
        c0 = m.end()
    subj = c0
    if len(_CJK.findall(text[c0:start])) < 2 and c0 > s0:
        # "收到申请36件，均已办结": the claim's subject is the clause before it.
        prev = s0
        for m in _CLAUSE_MARK.finditer(text, s0, c0 - 1):
            prev = m.end()
        subj = prev
    m_clause = _CLAUSE_MARK.search(text, end, s1)
    c1 = m_clause.start() if m_clause else s1
    return s0, subj, c1, s1


def find_claims(ctx: "LintContext") -> list[Claim]:
    compiled = _compile(ctx.profile)
    if not compiled:
        return []
    out: list[Claim] = []
    for p in ctx.body_paragraphs:
        text = p.text or ""
        if not text.strip():
            continue
        found: list[tuple[int, int, Claim]] = []
        said: set[tuple[str, int]] = set()
        for c in compiled:
            for rx in c.patterns:
                for m in rx.finditer(text):
                    s0, subj, c1, s1 = _scope(text, m.start(), m.end())
                    if c.subject is not None and not c.subject.search(text, s0, s1):
                        continue
                    if c.unless is not None and (c.unless.search(text, subj, m.start()) or c.unless.search(text, m.end(), c1)):
                        continue
                    if c.exceptions is not None and c.exceptions.search(text, m.end(), s1):
                        continue
                    if (c.spec.key, s0) in said:
                        continue  # one claim of a kind per sentence ("全部按时答复，无积压")
                    said.add((c.spec.key, s0))
                    phrase = text[subj:c1].strip()
                    found.append((m.start(), m.end(), Claim(c.spec, p.index, m.start(), m.end(), phrase)))
        # Overlapping phrases of different claims: the longest wins, a tie says nothing.
        found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
        kept: list[tuple[int, int, Claim]] = []
        for s, e, cl in found:
            overlap = [k for k in kept if k[0] < e and s < k[1]]
            if not overlap:
                kept.append((s, e, cl))
                continue
            if all(k[2].spec.key == cl.spec.key for k in overlap):
                continue  # the same claim found by two of its patterns
            longest = max(overlap, key=lambda k: k[1] - k[0])
            if (e - s) > longest[1] - longest[0]:
                for k in overlap:
                    kept.remove(k)
                kept.append((s, e, cl))
            elif (e - s) == longest[1] - longest[0]:
                for k in overlap:
                    kept.remove(k)  # two claims read the same words: ambiguous
        out.extend(k[2] for k in sorted(kept, key=lambda k: k[0]))
    return out


def _label(mt, ref_row: str, col: Optional[str]) -> str:
    spec = mt.spec
    row_spec = spec.row(ref_row) if spec is not None else None
    label = row_spec.label if row_spec is not None else ref_row  # "" for the unlabeled data row
    if col and spec is not None and len(spec.cols) > 1:
        col_spec = spec.col(col)
        col_label = col_spec.label if col_spec else col
        if col_spec is not None and getattr(col_spec, "group", None) and col_spec.group not in col_label:
            col_label = f"{col_spec.group}{col_label}"
        label = f"{label}／{col_label}" if label else col_label
    return label


def _cell(ctx: "LintContext", ref: str) -> Optional[tuple[str, Decimal]]:
    """(label, value) of a numeric cell; None when the table or the number is not there."""
    tkey, _, rest = ref.partition(".")
    row, _, col = rest.partition("@")
    mt = (ctx.tables or {}).get(tkey)
    if mt is None:
        return None
    cv = mt.get(row, col or None)
    if cv is None or cv.status != "number" or cv.value is None:
        return None
    return _label(mt, row, col or None), Decimal(cv.value)


def _violations(ctx: "LintContext") -> list[Violation]:
    """The claims of a report that its tables contradict, computed once per context."""
    return ctx.shared(_find_violations)


def _find_violations(ctx: "LintContext") -> list[Violation]:
    out: list[Violation] = []
    for claim in find_claims(ctx):
        spec = claim.spec
        bad = []
        for ref in spec.zero:
            cell = _cell(ctx, ref)
            if cell is not None and cell[1] > 0:
                bad.append((ref, cell[0], cell[1]))
        if bad:
            out.append(Violation("N030", claim, bad))
            continue
        if spec.positive:
            cells = [(ref, _cell(ctx, ref)) for ref in spec.positive]
            if all(c is not None for _, c in cells) and sum(c[1] for _, c in cells) == 0:
                out.append(Violation("N031", claim, [(ref, c[0], c[1]) for ref, c in cells]))
    return out


def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f") if v == v.to_integral_value() else str(v)


def _cells_zh(cells) -> str:
    return "，".join(f"「{label}」为 {_fmt(v)}" for _, label, v in cells)


def _cells_en(cells) -> str:
    return ", ".join(f"“{label}” is {_fmt(v)}" for _, label, v in cells)


def _where(c: Claim) -> Location:
    return Location(block=c.block, start=c.start, end=c.end)


def _numbers(v: Violation) -> dict:
    return {"claim": v.claim.spec.key, "cells": {ref: _fmt(val) for ref, _, val in v.cells}}


class ClaimContradictsTable(ObservationRule):
    code = "N030"
    name = "claim-contradicts-table"
    severity = "warning"
    observations = staticmethod(_violations)
    summary = {
        "zh": "正文“均已办结”“均维持”等整体性表述与统计表不符",
        "en": "a claim about every case of a kind contradicts the table",
    }
    doc = {
        "zh": "正文不写数字、而对某类事项作整体性表述（“申请均已全部按时办结”“无积压”“行政复议均维持原行政行为”"
        "“行政诉讼均胜诉”“未被纠错”）时，表格中相应的数应为 0：结转下年度继续办理、结果纠正、其他结果、尚未审结等。"
        "表述与表格项的对应关系来自格式配置（rules/*.toml 的 [[claims]]）。只认明确针对该类全部事项的表述："
        "句中须有表述对象（政府信息公开申请、行政复议……），且所在分句不含“其余”“其中”“除……外”等限定、"
        "句中未另行说明例外（如“另有2件结转下年度”），故为警告。",
        "en": "A statement about every case of a kind, without a figure ('申请均已全部按时办结', '无积压', "
        "'行政复议均维持原行政行为', '均胜诉', '未被纠错'), says some table cells are 0: requests carried into next "
        "year, results corrected, other results, cases pending. The phrases and cells come from the profile's "
        "[[claims]]. Only clear claims about the whole of a kind are read: the sentence names the subject, the "
        "clause has no 其余/其中/除…外, and the sentence states no exception; hence a warning.",
    }
    bad = "全年共收到政府信息公开申请46件，上年结转2件；予以公开19件，部分公开6件，申请均已全部按时办结。"
    good = "全年共收到政府信息公开申请46件，上年结转2件；予以公开19件，部分公开6件，结转下年度继续办理2件。"
    example_in = "clean-2021.txt"

    messages = {
        "contradicts": {
            "zh": "正文称“{phrase}”（{what_zh}），而表格中{cells_zh}，两者矛盾。",
            "en": "The text says “{phrase}” ({what_en}) but in the table {cells_en}.",
            "fix_zh": "核对表述与表格：如实写明例外（如“除2件结转下年度继续办理外”），或改正表格。",
            "fix_en": "Check the statement against the table: state the exception (e.g. X requests carried into next year) or correct the table.",
        },
    }

    def finding_for(self, ctx, v):
        c = v.claim
        label = c.spec.label or {}
        return self.report(
            ctx,
            "contradicts",
            _where(c),
            excerpt=c.phrase,
            numbers=_numbers(v),
            severity=c.spec.severity,
            phrase=c.phrase,
            what_zh=label.get("zh", c.spec.key),
            what_en=label.get("en", c.spec.key),
            cells_zh=_cells_zh(v.cells),
            cells_en=_cells_en(v.cells),
        )


class ClaimWithoutCases(ObservationRule):
    code = "N031"
    name = "claim-without-cases"
    severity = "warning"
    observations = staticmethod(_violations)
    summary = {
        "zh": "正文“均维持”“均胜诉”等表述以有案件为前提，而统计表为 0",
        "en": "a claim presupposes cases the table does not have",
    }
    doc = {
        "zh": "“行政复议均维持原行政行为”“行政诉讼均胜诉”等表述以发生过该类案件为前提；表格中该类案件总计为 0 时，"
        "正文与表格必有一处有误（常见于照抄往年报告）。对应关系来自格式配置（rules/*.toml 的 [[claims]] 的 positive）。",
        "en": "'行政复议均维持原行政行为', '行政诉讼均胜诉' presuppose that there were such cases; when the table's total "
        "for that kind is 0, the text or the table is wrong (often text copied from an earlier year). The cells come "
        "from the profile's [[claims]] (positive).",
    }
    bad = "本年度被申请行政复议1件，行政诉讼案件均胜诉。"
    good = "本年度被申请行政复议1件，未发生行政诉讼案件。"
    example_in = "clean-2019.txt"

    messages = {
        "no_cases": {
            "zh": "正文称“{phrase}”，以发生过该类案件为前提，而表格中{cells_zh}。",
            "en": "The text says “{phrase}”, which presupposes such cases, but in the table {cells_en}.",
            "fix_zh": "核对是否确有该类案件：没有则删去该表述，有则补正表格。",
            "fix_en": "Check whether there were such cases: drop the statement if not, correct the table if so.",
        },
    }

    def finding_for(self, ctx, v):
        c = v.claim
        return self.report(
            ctx,
            "no_cases",
            _where(c),
            excerpt=c.phrase,
            numbers=_numbers(v),
            severity=c.spec.severity,
            phrase=c.phrase,
            cells_zh=_cells_zh(v.cells),
            cells_en=_cells_en(v.cells),
        )
