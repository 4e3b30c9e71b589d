"""Y: across years (跨年度) — a report compared with the same agency's report of last year.

A report is never alone: this year's 上年结转 is last year's 结转下年度继续办理, this year's
现行有效件数 continues last year's, and a section copied from last year is the 年年雷同 the
format forbids (formats.md §2.3, §2.5 D3/D4). These rules need two documents, so they run
in the batch stage (``report_lint.batch``) after every file has been linted alone:

* the per-file lint calls ``batch.summary.summarise(ctx)`` and keeps a small serialisable
  ``ReportSummary`` (cells named by the profile's ``[crossyear]``, section texts, dates);
* the batch stage links reports of one agency in consecutive years and calls
  ``rule.compare(pair)`` for each linked pair; the findings go to the later report.

``check(ctx)`` of a Y rule yields nothing: a file linted alone gets no Y finding. What is
compared is data in rules/*.toml (``[crossyear]``): the carry-over row pair of table 三, the
running totals of table 二 per format, the sections compared for similarity and the
format's fixed wording that similarity ignores.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Optional

from report_lint.checks.registry import Rule, fix_text, render
from report_lint.model.findings import Finding, Location
from report_lint.model.summary import CellFact, ReportSummary
from report_lint.profiles.load import Continuity, CrossYear


# ---------------------------------------------------------------------------------------------
# What a report keeps for the batch stage (batch.summary.summarise reads it from here)


def crossyear_config(profile) -> CrossYear:
    """The profile's typed ``[crossyear]`` parameters."""
    return profile.params.crossyear


def needed_cells(cfg: CrossYear) -> list[str]:
    """'table.row@col' refs the [crossyear] config compares."""
    refs: list[str] = []
    carry = cfg.carry
    if carry is not None:
        for col in carry.cols:
            refs.append(f"{carry.table}.{carry.row}@{col}")
            refs.append(f"{carry.table}.{carry.previous_row}@{col}")
    for spec in cfg.continuity:
        for row in spec.rows:
            for col in [spec.cell, spec.previous_cell, *spec.add, *spec.subtract, *spec.add_previous]:
                refs.append(f"{spec.table}.{row}@{col}")
    return list(dict.fromkeys(refs))


# ---------------------------------------------------------------------------------------------
# The batch half: a linked pair


@dataclass
class Pair:
    """Two reports of one agency, ``previous`` for the year before ``current``."""

    previous: ReportSummary
    current: ReportSummary
    config: CrossYear
    """The current report's profile [crossyear]."""
    previous_config: CrossYear
    how: str = "auto"
    """auto (agency and year) · explicit (--previous)."""
    severity_overrides: dict = field(default_factory=dict)


def _name(path: str) -> str:
    return re.split(r"[\\/]", str(path))[-1]


def _fmt(d: Optional[Decimal]) -> str:
    if d is None:
        return "—"
    return str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")


class CrossYearRule(Rule):
    """A rule over a linked pair of reports. Alone, a file gives no finding."""

    def check(self, ctx):
        return ()

    def compare(self, pair: Pair) -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def pair_report(
        self,
        pair: Pair,
        variant: str,
        location: Location,
        numbers: dict,
        *,
        excerpt: str = "",
        severity: Optional[str] = None,
        **fields,
    ) -> Finding:
        """A finding on the later report of ``pair``: the ``messages[variant]`` templates rendered
        over ``fields`` and the pair's own ``year``/``file`` (this year's report, the file's name)
        and ``previous_year``/``previous_file`` (last year's)."""
        text = render(
            self.messages[variant],
            {
                "year": pair.current.year,
                "file": _name(pair.current.path),
                "previous_year": pair.previous.year,
                "previous_file": _name(pair.previous.path),
                **fields,
            },
        )
        numbers = {
            "previous_file": pair.previous.path,
            "previous_year": pair.previous.year,
            "current_file": pair.current.path,
            "current_year": pair.current.year,
            **numbers,
        }
        sev = pair.severity_overrides.get(self.code, severity or self.severity)
        return Finding(
            code=self.code,
            severity=sev,
            message={"zh": text["zh"], "en": text["en"]},
            location=location,
            excerpt=excerpt,
            numbers=numbers,
            fix=fix_text(text.get("fix_zh", ""), text.get("fix_en", "")),
        )


def _cell_loc(c: CellFact) -> Location:
    if c.row is None:
        return Location(block=c.block, section=c.section, row_label=c.row_label or None, col_label=c.col_label or None)
    return Location(
        block=c.block, table=c.block, row=c.row, col=c.col, section=c.section, row_label=c.row_label or None, col_label=c.col_label or None
    )


class CarryOver(CrossYearRule):
    code = "Y001"
    name = "carry-over-mismatch"
    severity = "error"
    summary = {
        "zh": "上年结转申请数与上一年度报告的“结转下年度继续办理”不一致",
        "en": "requests carried over from last year differ from last year's report's 结转下年度继续办理",
    }
    doc = {
        "zh": "收到和处理政府信息公开申请情况表（第三部分）中，本年度的“二、上年结转政府信息公开申请数量”就是上一年度报告的"
        "“四、结转下年度继续办理”，逐列（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）都应相等"
        "（formats.md §2.5 D3；2019 与 2021 格式此两行相同，格式更替的年份之间同样适用）。需要同一机关上一年度的报告："
        "批量检查时按标题中的机关名称和年度自动关联，或用 --previous 指定。两份表格都从真实表格中确定读出时为错误；"
        "任何一方读自纯文本等降级形式时为警告。结果写在本年度报告上，列出两份文件、两个年度和每一列的数字。",
        "en": "In the table of section 三, this year's row 二、上年结转政府信息公开申请数量 is last year's row "
        "四、结转下年度继续办理, column by column (自然人 … 总计) (formats.md §2.5 D3; both the 2019 and the 2021 format "
        "have these rows, so the check also runs across the change of format). It needs the same agency's report of the "
        "year before: linked in a batch by the agency and year of the titles, or given with --previous. An error when both "
        "tables were read with certainty from real table grids; a warning when either was read from a degraded form "
        "(plain text). Reported on this year's report, naming both files, both years and every column's figures.",
    }
    bad = "2022年报告：结转下年度继续办理 自然人 4 件\n2023年报告：上年结转 自然人 7 件"
    good = "2022年报告：结转下年度继续办理 自然人 4 件\n2023年报告：上年结转 自然人 4 件"
    _zh = "{year}年报告（{file}）的“上年结转政府信息公开申请数量”与{previous_year}年报告（{previous_file}）的“结转下年度继续办理”不一致：{columns_zh}"
    _en = (
        "the {year} report ({file}): 上年结转 differs from 结转下年度继续办理 in the {previous_year} report ({previous_file}): {columns_en}"
    )
    _fix = {
        "fix_zh": "核对{year}年上年结转与{previous_year}年结转下年度继续办理的数字，改正错误的一方",
        "fix_en": "check the {year} carried-over figures against {previous_year}'s carried-forward ones and correct the wrong one",
    }
    messages = {
        "mismatch": {"zh": _zh, "en": _en, **_fix},
        "mismatch-degraded": {
            "zh": _zh + "（有表格读自纯文本等降级形式，不作为错误）",
            "en": _en + " (a table was read from a degraded form such as plain text, so not an error)",
            **_fix,
        },
    }
    """``mismatch-degraded``: a table of either report was read from a degraded form, so a warning."""

    def compare(self, pair: Pair) -> Iterable[Finding]:
        carry = pair.config.carry
        pcarry = pair.previous_config.carry
        if carry is None or pcarry is None:
            return
        diffs = []
        for col in carry.cols:
            cur = pair.current.cells.get(f"{carry.table}.{carry.row}@{col}")
            prev = pair.previous.cells.get(f"{pcarry.table}.{pcarry.previous_row}@{col}")
            if cur is None or prev is None or cur.number is None or prev.number is None:
                continue
            if cur.number != prev.number:
                diffs.append((col, cur, prev))
        if not diffs:
            return
        certain = all(c.certain and p.certain for _, c, p in diffs)
        yield self.pair_report(
            pair,
            "mismatch" if certain else "mismatch-degraded",
            _cell_loc(diffs[0][1]),
            {
                "columns": {col: {"current": c.number, "previous": p.number} for col, c, p in diffs},
                "current_cell": f"{carry.table}.{carry.row}@{diffs[0][0]}",
                "previous_cell": f"{pcarry.table}.{pcarry.previous_row}@{diffs[0][0]}",
            },
            severity=None if certain else "warning",
            columns_zh="；".join(
                f"{c.col_label or col}：本年上年结转{_fmt(c.number)}件，上年报告结转下年度继续办理{_fmt(p.number)}件" for col, c, p in diffs
            ),
            columns_en="; ".join(f"{col}: carried over {_fmt(c.number)} vs {_fmt(p.number)} carried forward" for col, c, p in diffs),
        )


class RunningTotal(CrossYearRule):
    code = "Y002"
    name = "running-total-discontinuity"
    severity = "warning"
    summary = {
        "zh": "现行有效件数等累计数与上年数加减本年变动不符",
        "en": "a running total (现行有效件数 …) does not continue last year's with this year's changes",
    }
    doc = {
        "zh": "主动公开情况表（第二部分）的累计数应接续上一年度报告：2021 格式“现行有效件数”＝上年现行有效件数＋本年制发件数"
        "－本年废止件数（规章、行政规范性文件）；2019 格式“对外公开总数量”＝上年对外公开总数量＋本年新公开数量，"
        "“上一年项目数量”＝上年报告的上一年项目数量＋上年报告的本年增/减（formats.md §2.4、§2.5 D4）。"
        "修改、重新公布、集中清理等也会改变现行有效件数，这一关系并非格式明文规定，故为警告，并给出算式。"
        "两份报告格式不同（如 2020 年用 2019 格式、2021 年用 2021 格式）时列不对应，不作比较。",
        "en": "The running totals of section 二 continue last year's report: in the 2021 format 现行有效件数 = last year's "
        "现行有效件数 + 本年制发件数 − 本年废止件数 (规章, 行政规范性文件); in the 2019 format 对外公开总数量 = last "
        "year's + 本年新公开数量, and 上一年项目数量 = last year's 上一年项目数量 + last year's 本年增/减 (formats.md §2.4, "
        "§2.5 D4). Amendments, re-promulgations and clean-ups also change the count and the relation is not printed in "
        "the format, so this is a warning with the arithmetic. Reports in different formats (2020 in the 2019 format, "
        "2021 in the 2021 format) have different columns and are not compared.",
    }
    bad = "2021年：行政规范性文件 现行有效 126 件\n2022年：制发 30 件，废止 3 件，现行有效 144 件（应为 153 件）"
    good = "2021年：行政规范性文件 现行有效 126 件\n2022年：制发 30 件，废止 3 件，现行有效 153 件"
    messages = {
        "discontinued": {
            "zh": "{year}年报告（{file}）「{row_zh}」{col_zh}为{written}，按{previous_year}年报告（{previous_file}）接续应为{terms_zh}＝{expected}，"
            "相差{difference}（修改、集中清理等也会改变累计数，请核实）",
            "en": "the {year} report ({file}): {row_en} {col_en} is {written}; continuing the {previous_year} report ({previous_file}) gives "
            "{terms_en} = {expected} (difference {difference}; amendments or clean-ups also change the count — please verify)",
            "fix_zh": "核对累计数；如有修改、清理等其他变动，在正文中说明",
            "fix_en": "check the running total; explain other changes (amendments, clean-ups) in the text",
        }
    }
    """The Chinese names the row and column by their printed labels, the English by their keys;
    ``terms`` is the arithmetic from last year's figure."""

    def compare(self, pair: Pair) -> Iterable[Finding]:
        cur, prev = pair.current, pair.previous
        if not cur.era or cur.era != prev.era:
            return
        pspecs = {s.key for s in pair.previous_config.continuity}
        for spec in pair.config.continuity:
            if spec.key not in pspecs:
                continue
            t = spec.table
            for row in spec.rows:
                f = self._row(pair, spec, t, row)
                if f is not None:
                    yield f

    def _row(self, pair: Pair, spec: Continuity, t: str, row: str) -> Optional[Finding]:
        cur, prev = pair.current, pair.previous

        def get(s: ReportSummary, col: str) -> Optional[CellFact]:
            c = s.cells.get(f"{t}.{row}@{col}")
            return c if c is not None and c.number is not None else None

        target = get(cur, spec.cell)
        base = get(prev, spec.previous_cell)
        if target is None or base is None:
            return None
        terms_zh = [f"上年{base.col_label or spec.previous_cell}{_fmt(base.number)}"]
        terms_en = [f"last year's {spec.previous_cell} {_fmt(base.number)}"]
        expected = base.number
        for sign, cols, who in (("+", spec.add, cur), ("-", spec.subtract, cur), ("+", spec.add_previous, prev)):
            for col in cols:
                c = get(who, col)
                if c is None:
                    return None
                expected = expected + c.number if sign == "+" else expected - c.number
                label = (c.col_label or col) if who is cur else "上年" + (c.col_label or col)
                terms_zh.append(f"{'＋' if sign == '+' else '－'}{label}{_fmt(c.number)}")
                terms_en.append(f"{sign} {'last year' if who is prev else 'this year'}'s {col} {_fmt(c.number)}")
        if expected == target.number:
            return None
        return self.pair_report(
            pair,
            "discontinued",
            _cell_loc(target),
            {
                "row": row,
                "cell": f"{t}.{row}@{spec.cell}",
                "written": target.number,
                "expected": expected,
                "previous": base.number,
                "difference": target.number - expected,
            },
            row_zh=target.row_label or row,
            row_en=row,
            col_zh=target.col_label or spec.cell,
            col_en=spec.cell,
            written=_fmt(target.number),
            terms_zh="".join(terms_zh),
            terms_en=" ".join(terms_en),
            expected=_fmt(expected),
            difference=_fmt(target.number - expected),
        )


# -- similarity --------------------------------------------------------------------------------

_DROP = re.compile(r"[\s\u3000\W_]+", re.UNICODE)
# Years (2021, 二〇二一) are masked: a text copied forward with only its years changed is
# still a copy. Other figures are kept: a sentence whose figures changed reports a new year.
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|[〇○零一二三四五六七八九]{4}(?=年)")


def _masked(text: str, fixed: Iterable[str], blank: str) -> tuple[str, str]:
    """(plain, masked): ``plain`` is ``text`` without spaces and punctuation; ``masked`` has the
    same length, years as '#', and every occurrence of the format's fixed wording replaced by
    ``blank`` characters (which never match the other text's)."""
    plain = _DROP.sub("", unicodedata.normalize("NFKC", text or ""))
    masked = _YEAR_RE.sub(_hashes, plain)
    for phrase in _fixed_phrases(tuple(fixed)):
        if phrase in masked:
            masked = masked.replace(phrase, blank * len(phrase))
    return plain, masked


def _hashes(m: re.Match) -> str:
    return "#" * len(m.group(0))


@lru_cache(maxsize=16)
def _fixed_phrases(fixed: tuple[str, ...]) -> tuple[str, ...]:
    """The fixed wording as it appears in a masked text, longest first."""
    phrases = {_YEAR_RE.sub(_hashes, _DROP.sub("", unicodedata.normalize("NFKC", p))) for p in fixed if p}
    return tuple(sorted((p for p in phrases if len(p) >= 2), key=len, reverse=True))


def _shingles(s: str, n: int, blank: str) -> set[str]:
    return {s[i : i + n] for i in range(len(s) - n + 1) if blank not in s[i : i + n]}


def similarity(current: str, previous: str, fixed: Iterable[str] = (), n: int = 8, passage_from: float = 0.0) -> tuple[float, str, int]:
    """(share of this year's text found in last year's, longest shared passage, its length).

    The share is the fraction of this year's character n-grams (spaces and punctuation
    dropped, years masked so a text copied forward with new years still matches) that
    also occur in last year's text; n-grams touching the format's fixed wording are left
    out of both sides, so two reports sharing only the template's words score 0.
    The longest passage is computed only when the share reaches ``passage_from``.
    """
    fixed = tuple(fixed)
    plain, cur = _masked(current, fixed, "\x01")
    _, prev = _masked(previous, fixed, "\x02")
    a = _shingles(cur, n, "\x01")
    if not a:
        return 0.0, "", 0
    b = _shingles(prev, n, "\x02")
    share = len(a & b) / len(a)
    if share < passage_from:
        return share, "", 0  # the longest passage is only shown when the rule fires
    m = difflib.SequenceMatcher(None, cur, prev, autojunk=False).find_longest_match(0, len(cur), 0, len(prev))
    return share, plain[m.a : m.a + m.size], m.size


class SimilarText(CrossYearRule):
    code = "Y003"
    name = "text-copied-from-last-year"
    severity = "warning"
    summary = {
        "zh": "“存在的主要问题及改进情况”或“总体情况”与上一年度报告几乎相同（年年雷同）",
        "en": "the problems section or the overview is nearly identical to last year's report",
    }
    doc = {
        "zh": "格式要求“查找问题要有针对性，改进举措要有实效性，不得出现敷衍了事甚至年年雷同现象”（formats.md §2.3）。"
        "本规则比较本年度与上一年度报告的“存在的主要问题及改进情况”和“总体情况”：去掉空格标点、把年份视为相同"
        "（只改了年份的照搬仍算照搬；其他数字照常比较，数字不同的句子说的是本年情况），再去掉格式本身的固定用语（各部分标题、条例名称、格式说明列举的工作方面等，"
        "见 rules/*.toml [crossyear] fixed_wording），取本年文字中每 8 个连续字符的片段，计算其中也出现在上年文字里的比例。"
        "比例达到阈值（默认 60%）且本年文字足够长时给出警告，附相似度和最长的相同段落。只共用格式固定用语的两份报告相似度为 0。",
        "en": "The format demands that problems and measures be specific and forbids 年年雷同 (the same text every year) "
        "(formats.md §2.3). This rule compares this year's sections 存在的主要问题及改进情况 and 总体情况 with last year's: "
        "spaces and punctuation dropped, years treated as equal (a copy with new years is still a copy; other figures are "
        "compared, a sentence with new figures reports this year), the "
        "format's own fixed wording removed (section titles, the regulation's name, the aspects the format lists; "
        "rules/*.toml [crossyear] fixed_wording); then the share of this year's 8-character pieces that also occur in last "
        "year's text. At or above the threshold (60% by default), for a text long enough, a warning with the similarity and "
        "the longest shared passage. Two reports that share only the format's fixed wording score 0.",
    }
    bad = "2021年：一是公开内容的规范性有待加强……\n2022年：一是公开内容的规范性有待加强……（照抄上年）"
    good = "2021年：一是公开内容的规范性有待加强……\n2022年：一是依申请公开答复文书的说理不够充分……"
    messages = {
        "similar": {
            "zh": "{year}年报告（{file}）“{section_zh}”与{previous_year}年报告（{previous_file}）相似度{percent}%（本年文字中{percent}%的8字片段在上年出现，"
            "已排除格式固定用语、年份视为相同），最长相同段落{size}字：“{passage}”",
            "en": "the {year} report ({file}): section {section_en} is {percent}% similar to the {previous_year} report ({previous_file}) "
            "({percent}% of this year's 8-character pieces occur last year; fixed wording excluded, years treated as equal); "
            'longest shared passage {size} characters: "{passage}"',
            "fix_zh": "针对本年度的实际情况查找问题、提出改进措施，不要照搬上年报告",
            "fix_en": "describe this year's actual problems and measures instead of repeating last year's report",
        }
    }
    """``section_zh`` is the section's name, ``section_en`` its key in [crossyear] section_names."""

    def compare(self, pair: Pair) -> Iterable[Finding]:
        cfg = pair.config
        threshold = float(cfg.similar_threshold)
        min_chars = cfg.similar_min_chars
        fixed = cfg.fixed_wording
        names = cfg.section_names
        for key in cfg.similar_sections:
            cur = pair.current.texts.get(key)
            prev = pair.previous.texts.get(key)
            if cur is None or prev is None:
                continue
            plain_len = len(_DROP.sub("", cur.text))
            if plain_len < min_chars:
                continue
            share, passage, size = similarity(cur.text, prev.text, fixed, passage_from=threshold)
            if share < threshold:
                continue
            shown = passage if len(passage) <= 60 else passage[:60] + "…"
            yield self.pair_report(
                pair,
                "similar",
                Location(block=cur.block, section=cur.section),
                {"section": key, "similarity": round(share, 3), "threshold": threshold, "longest_shared": passage, "longest_chars": size},
                excerpt=shown,
                section_zh=names.get(key, key),
                section_en=key,
                percent=round(share * 100),
                size=size,
                passage=shown,
            )
