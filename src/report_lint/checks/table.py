"""T: table arithmetic — identities between cells, blank and invalid cells, missing tables.

All arithmetic is Decimal: an amount written "0.80" compares exactly with "0.8", and a
sum of amounts never picks up binary rounding. An identity is evaluated only when every
cell it names holds a number: a blank cell is reported once (T004) instead of producing
a false sum error, an invalid one once (T005), a missing row or column once per table
(T007).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator, Optional

from report_lint.checks.registry import Rule, render
from report_lint.model.findings import SEVERITY_RANK, Location
from report_lint.model.findings import json_number as _num
from report_lint.profiles.load import Identity, TableSpec
from report_lint.facts.tables import CellValue, MappedTable

_MAX_LISTED = 12


# --------------------------------------------------------------------------------------
# Helpers shared by the rules


def _fmt(d: Decimal) -> str:
    return format(d, "f")


_NOTE_RE = re.compile(r"\s*[（(][^（）()]*[)）]\s*$")


def _short(label: str) -> str:
    """A label without its trailing explanatory note, for messages."""
    short = _NOTE_RE.sub("", label)
    return short or label


def _row_label(spec: TableSpec, key: str) -> str:
    r = spec.row(key)
    if r is not None and r.label:
        return _short(r.label)
    # A row the format prints without a label (the figures row of section 四): never show
    # the internal key to the reader.
    return "数字行" if r is not None else key


def _col_label(spec: TableSpec, key: str) -> str:
    c = spec.col(key)
    return _short(c.label) if c is not None else key


def _cell_label(spec: TableSpec, row: str, col: str, per: Optional[str]) -> str:
    """How a term is named in a message: the row label, or the column label when the
    identity runs along a row; both only when neither alone identifies the cell."""
    if per == "row" or (per is None and len(spec.rows) == 1 and len(spec.cols) > 1):
        return _col_label(spec, col)
    if per == "column" or len(spec.cols) == 1:
        return _row_label(spec, row)
    return f"{_row_label(spec, row)}（{_col_label(spec, col)}）"


def location_of(spec: TableSpec, cv: CellValue) -> Location:
    row = spec.row(cv.row_key)
    col = spec.col(cv.col_key)
    # A cell read from a table flattened into a paragraph has no grid position: point at the
    # paragraph and the characters holding the row's figures instead.
    flat = cv.row is None
    span = getattr(cv, "span", None) if flat else None
    return Location(
        block=cv.block,
        table=None if flat else cv.block,
        row=cv.row,
        col=cv.col,
        row_label=row.label if row is not None and row.label else cv.row_label,
        col_label=col.label if col is not None else cv.col_label,
        start=span[0] if span else None,
        end=span[1] if span else None,
    )


@dataclass
class Instance:
    """One evaluation of an identity (one column of a per-column identity, …)."""

    ident: Identity
    table: MappedTable
    lhs: list[CellValue]
    rhs: list[CellValue]
    along: Optional[str]
    """The column (per='column') or row (per='row') key this instance runs along."""

    @property
    def spec(self) -> TableSpec:
        return self.table.spec

    def label(self, cv: CellValue) -> str:
        return _cell_label(self.spec, cv.row_key, cv.col_key, self.ident.per)

    def where(self) -> tuple[str, str]:
        """Suffix naming the column / row the instance runs along (zh, en)."""
        if self.along is None:
            return "", ""
        if self.ident.per == "column":
            if len(self.spec.cols) == 1:
                return "", ""
            lab = _col_label(self.spec, self.along)
            return f"（「{lab}」列）", f" (column {lab})"
        lab = _row_label(self.spec, self.along)
        return f"（「{lab}」行）", f" (row {lab})"

    def sums(self) -> tuple[Decimal, Decimal]:
        return (
            sum((c.value for c in self.lhs), Decimal(0)),
            sum((c.value for c in self.rhs), Decimal(0)),
        )

    def terms(self) -> dict:
        return {c.ref: _num(c.value) for c in self.rhs}

    def notes(self) -> tuple[str, str]:
        zh, en = "", ""
        if self.ident.printed:
            zh += "这是格式中印明的勾稽关系。"
            en += " This identity is printed in the format itself."
        if self.ident.note:
            nz = self.ident.note.get("zh", "")
            ne = self.ident.note.get("en", nz)
            if nz:
                zh += f"依据：{nz}。"
                en += f" Rule: {ne}."
        return zh, en


def _expand(ident: Identity, spec: TableSpec) -> Iterator[tuple[list[tuple[str, str]], list[tuple[str, str]], Optional[str]]]:
    first_col = spec.cols[0].key

    def pair(ref: str) -> tuple[str, str]:
        row, _, col = ref.partition("@")
        return row, (col or first_col)

    if ident.per == "column":
        for col in ident.columns or [c.key for c in spec.cols]:
            yield [(r, col) for r in ident.lhs], [(r, col) for r in ident.rhs], col
    elif ident.per == "row":
        for row in ident.rows or [r.key for r in spec.rows]:
            yield [(row, c) for c in ident.lhs], [(row, c) for c in ident.rhs], row
    else:
        yield [pair(r) for r in ident.lhs], [pair(r) for r in ident.rhs], None


def instances(ctx, kind: str) -> Iterator[Instance]:
    """Identity instances of ``kind`` whose cells were all found and all hold numbers."""
    tables = ctx.tables
    for ident in ctx.profile.identities:
        if ident.kind != kind:
            continue
        mt = tables.get(ident.table)
        if mt is None or not mt.cells:
            continue
        for lhs, rhs, along in _expand(ident, mt.spec):
            lc = [mt.cells.get(k) for k in lhs]
            rc = [mt.cells.get(k) for k in rhs]
            cells = lc + rc
            if not cells or any(c is None or c.status != "number" for c in cells):
                continue
            yield Instance(ident, mt, lc, rc, along)  # type: ignore[arg-type]


_MANY_TERMS = 8


def _single_suspect(group: list) -> Optional[CellValue]:
    """The one cell shared by every broken identity of a table, when all are off by the same amount.

    A single mistyped cell breaks its row's and its column's identities by the same
    difference, and they meet at exactly that cell; more than one candidate (or differing
    amounts) means we cannot say which cell is wrong, so each identity is reported as is.
    """
    if len(group) < 2:
        return None
    diffs = {abs(a - e) for _, a, e in group}
    if len(diffs) != 1:
        return None
    common: Optional[dict] = None
    for inst, _, _ in group:
        refs = {c.ref: c for c in inst.lhs + inst.rhs}
        common = refs if common is None else {k: v for k, v in common.items() if k in refs}
    if common is None or len(common) != 1:
        return None
    return next(iter(common.values()))


def _joined(inst: Instance, cells: list[CellValue], lang: str = "zh") -> tuple[str, str]:
    """('a + b + c', '1 + 0 + 2'); long sums show their non-zero terms, the first few by name
    and the rest as one subtotal, so a 25-row column stays readable."""
    shown = cells
    if len(cells) > _MANY_TERMS:
        shown = [c for c in cells if c.value != 0]
    rest = [c for c in cells if c not in shown]
    if len(shown) > _MANY_TERMS:
        rest = [c for c in cells if c not in shown[: _MANY_TERMS - 2]]
        shown = shown[: _MANY_TERMS - 2]
    labels = " + ".join(inst.label(c) for c in shown)
    values = " + ".join(_fmt(c.value) for c in shown)
    if rest:
        subtotal = sum((c.value for c in rest), Decimal(0))
        more = f"其余{len(rest)}项" if lang == "zh" else f"{len(rest)} other items"
        labels = f"{labels} + {more}" if shown else more
        values = f"{values} + {_fmt(subtotal)}" if shown else _fmt(subtotal)
    return labels, values


# --------------------------------------------------------------------------------------
# Rules


class IdentitySum(Rule):
    code = "T001"
    name = "identity-sum"
    severity = "error"
    summary = {"zh": "合计数与分项之和不等", "en": "a total does not equal the sum of its items"}
    doc = {
        "zh": "表格中的合计数应等于其分项之和（如“收到申请数”等于当面、传真、网络、信函申请数之和；"
        "2019/2021 格式第三部分表格印明的勾稽关系：第一项加第二项之和等于第三项加第四项之和）。"
        '所用关系来自格式配置（rules/*.toml 的 identities，kind = "sum"）。'
        "含空白或非数字单元格的关系不核对（另由 T004、T005 报告）。",
        "en": "A total must equal the sum of its items (e.g. requests received = in person + fax + online + "
        "letter; the 2019/2021 section 三 table prints: item one plus item two equals item three plus item four). "
        'The identities come from the profile (identities with kind = "sum"). Identities that involve a blank '
        "or non-numeric cell are not evaluated (T004 and T005 report those cells).",
    }
    bad = "(一) 收到申请数\t件\t4\n1.当面申请数\t件\t1\n2.传真申请数\t件\t0\n3.网络申请数\t件\t2\n4.信函申请数\t件\t0"
    good = "(一) 收到申请数\t件\t3\n1.当面申请数\t件\t1\n2.传真申请数\t件\t0\n3.网络申请数\t件\t2\n4.信函申请数\t件\t0"

    _fix = {"fix_zh": "核对各分项和合计数，改正填错的一格", "fix_en": "check the items and the total and correct the wrong cell"}
    messages = {
        "total": {
            "zh": "「{total}」{where_zh}应等于 {rhs_zh} = {rhs_values} = {expected}，而表中为 {actual}。{notes_zh}",
            "en": "'{total}'{where_en} should equal {rhs_en} = {rhs_values} = {expected}, but the table says {actual}.{notes_en}",
            **_fix,
        },
        "sums": {
            "zh": "{lhs_zh} = {lhs_values} = {actual}{where_zh}，应等于 {rhs_zh} = {rhs_values} = {expected}，两者相差 {difference}。{notes_zh}",
            "en": "{lhs_en} = {lhs_values} = {actual}{where_en} should equal {rhs_en} = {rhs_values} = {expected}; "
            "they differ by {difference}.{notes_en}",
            **_fix,
        },
        "suspect": {
            "zh": "「{cell}」（{value}）很可能填错：它所在的 {count} 个合计关系都相差 {difference}。{identities_zh}",
            "en": "'{cell}' ({value}) is probably wrong: the {count} identities it takes part in are all off by {difference}. "
            "{identities_en}",
            "fix_zh": "核对「{cell}」这一格（以及相关合计），改正填错的数字",
            "fix_en": "check the cell '{cell}' (and the totals it feeds) and correct it",
        },
    }
    """``total`` and ``sums`` are one broken identity (one total, or a sum on either side);
    ``suspect`` quotes each identity it gathers in its ``total``/``sums`` message."""

    def check(self, ctx):
        failed = [(inst, *inst.sums()) for inst in instances(ctx, "sum")]
        failed = [f for f in failed if f[1] != f[2]]
        by_table: dict[str, list] = {}
        for f in failed:
            by_table.setdefault(f[0].ident.table, []).append(f)
        for group in by_table.values():
            suspect = _single_suspect(group)
            if suspect is not None:
                yield self._suspect_finding(ctx, group, suspect)
            else:
                for inst, actual, expected in group:
                    yield self._one(ctx, inst, actual, expected)

    def _suspect_finding(self, ctx, group, cell: CellValue):
        """Several identities broken by the same amount and sharing one cell: a single typo there."""
        inst0 = group[0][0]
        spec = inst0.spec
        diff = abs(group[0][1] - group[0][2])
        texts = [render(self.messages[variant], fields) for variant, fields in (self._fields(*g) for g in group)]
        return self.report(
            ctx,
            "suspect",
            location_of(spec, cell),
            excerpt=cell.raw.strip(),
            numbers={
                "suspect": cell.ref,
                "value": _num(cell.value),
                "difference": _num(diff),
                "identities": [inst.ident.key + (f"@{inst.along}" if inst.along else "") for inst, _, _ in group],
            },
            severity=max((inst.ident.severity for inst, _, _ in group), key=lambda s: SEVERITY_RANK.get(s, SEVERITY_RANK["error"])),
            cell=_cell_label(spec, cell.row_key, cell.col_key, None),
            value=_fmt(cell.value),
            count=len(group),
            difference=_fmt(diff),
            identities_zh=" ".join(t["zh"] for t in texts),
            identities_en=" ".join(t["en"] for t in texts),
        )

    def _fields(self, inst: Instance, actual: Decimal, expected: Decimal) -> tuple[str, dict]:
        """The variant and fields of one broken identity's message."""
        where_zh, where_en = inst.where()
        notes_zh, notes_en = inst.notes()
        rhs_zh, rhs_values = _joined(inst, inst.rhs)
        rhs_en, _ = _joined(inst, inst.rhs, "en")
        fields = dict(
            where_zh=where_zh,
            where_en=where_en,
            notes_zh=notes_zh,
            notes_en=notes_en,
            rhs_zh=rhs_zh,
            rhs_en=rhs_en,
            rhs_values=rhs_values,
            expected=_fmt(expected),
            actual=_fmt(actual),
        )
        if len(inst.lhs) == 1:
            return "total", dict(fields, total=inst.label(inst.lhs[0]))
        lhs_zh, lhs_values = _joined(inst, inst.lhs)
        lhs_en, _ = _joined(inst, inst.lhs, "en")
        return "sums", dict(fields, lhs_zh=lhs_zh, lhs_en=lhs_en, lhs_values=lhs_values, difference=_fmt(actual - expected))

    def _one(self, ctx, inst: Instance, actual: Decimal, expected: Decimal):
        variant, fields = self._fields(inst, actual, expected)
        numbers = {"expected": _num(expected), "actual": _num(actual), "terms": inst.terms(), "identity": inst.ident.key}
        if len(inst.lhs) > 1:
            numbers["lhs"] = {c.ref: _num(c.value) for c in inst.lhs}
        return self.report(
            ctx,
            variant,
            location_of(inst.spec, inst.lhs[0]),
            excerpt=inst.lhs[0].raw.strip(),
            numbers=numbers,
            severity=inst.ident.severity,
            **fields,
        )


class IdentityLe(Rule):
    code = "T002"
    name = "identity-le"
    severity = "error"
    summary = {"zh": "“其中”项大于其所属总数", "en": "a part (其中 item) exceeds the figure it belongs to"}
    doc = {
        "zh": "“其中”项是所属总数的一部分，不能大于总数（如“其中：主要负责同志参加新闻发布会次数”不能大于"
        '“参加或举办新闻发布会总次数”）。关系来自格式配置（identities，kind = "le"）；定位在总数一格。',
        "en": "A 其中 (of which) item is part of its parent figure and cannot exceed it (e.g. press conferences "
        'attended by the head cannot outnumber all press conferences). Identities with kind = "le" in the '
        "profile; the finding points at the parent cell.",
    }
    bad = "1.参加或举办新闻发布会总次数\t次\t1\n其中：主要负责同志参加新闻发布会次数\t次\t2"
    good = "1.参加或举办新闻发布会总次数\t次\t1\n其中：主要负责同志参加新闻发布会次数\t次\t0"
    example_in = "clean-2018.txt"
    messages = {
        "larger": {
            "zh": "「{part_label}」{where_zh}为 {part}，大于「{whole_label}」的 {whole}；前者是后者的一部分，不能更大。{notes_zh}",
            "en": "'{part_label}'{where_en} is {part}, more than '{whole_label}' ({whole}); "
            "the former is part of the latter and cannot be larger.{notes_en}",
            "fix_zh": "核对“其中”项和所属总数，改正填错的一格",
            "fix_en": "check the part and its parent figure and correct the wrong cell",
        }
    }

    def check(self, ctx):
        for inst in instances(ctx, "le"):
            part, whole = inst.sums()
            if part <= whole:
                continue
            where_zh, where_en = inst.where()
            notes_zh, notes_en = inst.notes()
            pl, pv = _joined(inst, inst.lhs)
            tl, tv = _joined(inst, inst.rhs)
            yield self.report(
                ctx,
                "larger",
                location_of(inst.spec, inst.rhs[0]),
                excerpt=inst.rhs[0].raw.strip(),
                numbers={
                    "part": _num(part),
                    "whole": _num(whole),
                    "terms": {c.ref: _num(c.value) for c in inst.lhs + inst.rhs},
                    "identity": inst.ident.key,
                },
                severity=inst.ident.severity,
                part_label=pl,
                whole_label=tl,
                part=_fmt(part) if len(inst.lhs) == 1 else f"{pv} = {_fmt(part)}",
                whole=_fmt(whole) if len(inst.rhs) == 1 else f"{tv} = {_fmt(whole)}",
                where_zh=where_zh,
                where_en=where_en,
                notes_zh=notes_zh,
                notes_en=notes_en,
            )


class IdentityBetween(Rule):
    code = "T003"
    name = "identity-between"
    severity = "warning"
    summary = {"zh": "总数不在各渠道数的合理范围内", "en": "a total lies outside the range its channels allow"}
    doc = {
        "zh": "同一信息在不同渠道公开只计1条，所以总数应不小于任一渠道数、不大于各渠道数之和"
        "（如“主动公开政府信息数”与政府公报、网站、微博、微信、其他方式各渠道数）。"
        '关系来自格式配置（identities，kind = "between"），严重程度由配置给出。',
        "en": "An item published on several channels counts once, so the total lies between the largest channel "
        "and the sum of the channels (e.g. information proactively disclosed vs gazette, website, Weibo, WeChat "
        'and other channels). Identities with kind = "between"; the profile sets the severity.',
    }
    bad = "1.政府公报公开政府信息数\t条\t0\n2.政府网站公开政府信息数\t条\t1597"
    good = "1.政府公报公开政府信息数\t条\t0\n2.政府网站公开政府信息数\t条\t597"
    example_in = "clean-2018.txt"
    _fix = {"fix_zh": "核对总数和各渠道数", "fix_en": "check the total and the channel figures"}
    messages = {
        "below": {
            "zh": "「{total_label}」{where_zh}为 {total}，小于其中「{top_label}」的 {top}；总数不应小于任何一个渠道数。{notes_zh}",
            "en": "'{total_label}'{where_en} is {total}, less than '{top_label}' ({top}); the total cannot be below any channel.{notes_en}",
            **_fix,
        },
        "above": {
            "zh": "「{total_label}」{where_zh}为 {total}，大于各渠道之和 {channels_zh} = {channels} = {sum}；总数不应超过各渠道数之和。{notes_zh}",
            "en": "'{total_label}'{where_en} is {total}, more than the sum of its channels {channels_en} = {channels} = {sum}.{notes_en}",
            **_fix,
        },
    }

    def check(self, ctx):
        for inst in instances(ctx, "between"):
            total_cell = inst.lhs[0]
            total = total_cell.value
            top = max(inst.rhs, key=lambda c: c.value)
            _, s = inst.sums()
            if total < top.value:
                variant = "below"
                fields = {"top_label": inst.label(top), "top": _fmt(top.value)}
            elif total > s:
                channels_zh, channels = _joined(inst, inst.rhs)
                channels_en, _ = _joined(inst, inst.rhs, "en")
                variant = "above"
                fields = {"channels_zh": channels_zh, "channels_en": channels_en, "channels": channels, "sum": _fmt(s)}
            else:
                continue
            where_zh, where_en = inst.where()
            notes_zh, notes_en = inst.notes()
            numbers = {"actual": _num(total), "min": _num(top.value), "max": _num(s), "terms": inst.terms(), "identity": inst.ident.key}
            yield self.report(
                ctx,
                variant,
                location_of(inst.spec, total_cell),
                excerpt=total_cell.raw.strip(),
                numbers=numbers,
                severity=inst.ident.severity,
                total_label=inst.label(total_cell),
                total=_fmt(total),
                where_zh=where_zh,
                where_en=where_en,
                notes_zh=notes_zh,
                notes_en=notes_en,
                **fields,
            )


def _schema_cells(ctx) -> Iterator[tuple[MappedTable, CellValue]]:
    for mt in ctx.tables.values():
        for cv in mt.cells.values():
            yield mt, cv


class BlankCell(Rule):
    code = "T004"
    name = "blank-cell"
    severity = "warning"
    summary = {"zh": "表格单元格空白（空白不等于 0）", "en": "a table cell is blank (blank is not zero)"}
    doc = {
        "zh": "格式表格中的数据单元格没有填写，或只填了“—”“/”之类的符号。空白不等于 0：没有发生的事项应填 0。"
        "涉及空白单元格的勾稽关系不核对，以免误报算术错误。每张表报告一次，列出前几格和空白格数；整张表都空白时报告“表格尚未填写”。",
        "en": "A data cell of the format's table is empty or holds only a dash or slash. Blank is not zero: "
        "write 0 for nothing. Identities involving the blank cell are not evaluated, to avoid false arithmetic errors. "
        "Reported once per table with the first few cells and the count; a table with every cell blank is reported as not filled in.",
    }
    bad = "(一) 收到申请数\t件\t\n"
    good = "(一) 收到申请数\t件\t0\n"
    example_in = "clean-2018.txt"
    _fix = {"fix_zh": "填写数字（没有发生的填 0）", "fix_en": "enter a number (0 for nothing)"}
    messages = {
        "unfilled": {
            "zh": "《{title}》表格尚未填写：{count} 格全部空白。空白不等于 0，没有发生的请填 0。",
            "en": "《{title}》 has not been filled in: all {count} cells are blank. Blank is not zero: write 0 for nothing.",
            "fix_zh": "逐格填写数字（没有发生的填 0）",
            "fix_en": "enter a number in every cell (0 for nothing)",
        },
        "one": {
            "zh": "《{title}》的{cells_zh}为空白。空白不等于 0，没有发生的请填 0；涉及这些格的勾稽关系未核对。",
            "en": "{cells_en} of 《{title}》 is blank. Blank is not zero, write 0 for nothing; identities involving these cells were not checked.",
            **_fix,
        },
        "many": {
            "zh": "《{title}》有 {count} 格空白：{cells_zh}{more_zh}。空白不等于 0，没有发生的请填 0；涉及这些格的勾稽关系未核对。",
            "en": "《{title}》 has {count} blank cells: {cells_en}{more_en}. Blank is not zero, write 0 for nothing; "
            "identities involving these cells were not checked.",
            **_fix,
        },
    }
    """``cells_zh`` also quotes the mark a cell holds (a dash, a slash); the English names the
    cells only."""

    def check(self, ctx):
        # One finding per table: a blank template must not bury the reader under one
        # finding per cell. The finding carries every blank cell ("cells", [block, row,
        # col]) so the HTML page still outlines each of them.
        for mt in ctx.tables.values():
            blank = [cv for cv in mt.cells.values() if cv.status == "blank"]
            if not blank:
                continue
            spec = mt.spec
            blank.sort(key=lambda cv: (cv.block, cv.row if cv.row is not None else -1, cv.col if cv.col is not None else -1))
            cells = [[cv.block, cv.row, cv.col] for cv in blank if cv.row is not None]
            numbers = {"count": len(blank), "cells": cells}
            if len(blank) == len(mt.cells):
                yield self.report(ctx, "unfilled", location_of(spec, blank[0]), numbers=numbers, title=spec.title, count=len(blank))
                continue
            shown_zh, shown_en = [], []
            for cv in blank[:_MAX_LISTED]:
                label = _cell_label(spec, cv.row_key, cv.col_key, None)
                mark = cv.raw.strip()
                shown_zh.append(f"「{label}」" + (f"（只填了“{mark}”）" if mark else ""))
                shown_en.append(f"'{label}'")
            more = len(blank) > len(shown_zh)
            yield self.report(
                ctx,
                "one" if len(blank) == 1 else "many",
                location_of(spec, blank[0]),
                excerpt=blank[0].raw.strip(),
                numbers=numbers,
                title=spec.title,
                count=len(blank),
                cells_zh="、".join(shown_zh),
                cells_en=", ".join(shown_en),
                more_zh="等" if more else "",
                more_en=", …" if more else "",
            )


_ZERO_WORDS = frozenset({"无", "没有", "零", "暂无", "空", "无此项"})


class InvalidValue(Rule):
    code = "T005"
    name = "invalid-value"
    severity = "error"
    summary = {"zh": "表格单元格不是合法数值", "en": "a table cell does not hold a valid value"}
    doc = {
        "zh": "数据单元格应填写数字：件数、人数等计数为非负整数；金额（如“万元”）为非负数，可有小数；"
        '少数栏目（配置中 kind = "signed"，如 2019 格式的“本年增/减”）可为负数。'
        "填写文字（如“无”“约5”）、计数填负数或小数，都会报告。",
        "en": "A data cell holds a number: counts are non-negative whole numbers, amounts (万元) non-negative and "
        'may have decimals, and a few columns (kind = "signed", e.g. the 2019 format\'s 本年增/减) may be negative. '
        'Text ("无", "约5"), negative counts and fractional counts are reported.',
    }
    bad = "(一) 收到申请数\t件\t无"
    good = "(一) 收到申请数\t件\t0"
    example_in = "clean-2018.txt"
    _fix = {"fix_zh": "改填正确的数字", "fix_en": "enter the correct number"}
    messages = {
        "zero-word": {
            "zh": "「{cell}」填写的“{raw}”不是数字；没有发生的请填 0。",
            "en": "'{cell}' holds '{raw}', which is not a number; write 0 for nothing.",
            **_fix,
        },
        "text": {"zh": "「{cell}」填写的“{raw}”不是数字。", "en": "'{cell}' holds '{raw}', which is not a number.", **_fix},
        "negative-count": {
            "zh": "「{cell}」为 {value}：计数不能为负数。",
            "en": "'{cell}' is {value}: a count cannot be negative.",
            **_fix,
        },
        "fractional-count": {
            "zh": "「{cell}」为 {value}：计数应为整数。",
            "en": "'{cell}' is {value}: a count must be a whole number.",
            **_fix,
        },
        "negative-amount": {
            "zh": "「{cell}」为 {value}：金额不能为负数。",
            "en": "'{cell}' is {value}: an amount cannot be negative.",
            **_fix,
        },
        "fractional-signed": {"zh": "「{cell}」为 {value}：应为整数。", "en": "'{cell}' is {value}: it must be a whole number.", **_fix},
    }

    def check(self, ctx):
        for mt, cv in _schema_cells(ctx):
            # Most cells hold a whole non-negative number, valid for every kind: skip them
            # before looking anything up.
            if cv.status == "number":
                if cv.value is None or (cv.value == cv.value.to_integral_value() and cv.value >= 0):
                    continue
            elif cv.status != "invalid":
                continue
            spec = mt.spec
            row = spec.row(cv.row_key)
            col = spec.col(cv.col_key)
            kind = (col.kind if col is not None and col.kind else None) or (row.kind if row is not None else "count")
            raw = cv.raw.strip()
            value = ""
            if cv.status == "invalid":
                variant, problem = ("zero-word" if raw in _ZERO_WORDS else "text"), "text"
            elif cv.status == "number" and cv.value is not None:
                v = cv.value
                whole = v == v.to_integral_value()
                value = _fmt(v)
                if kind == "count" and v < 0:
                    variant, problem = "negative-count", "negative"
                elif kind == "count" and not whole:
                    variant, problem = "fractional-count", "fraction"
                elif kind == "amount" and v < 0:
                    variant, problem = "negative-amount", "negative"
                elif kind == "signed" and not whole:
                    variant, problem = "fractional-signed", "fraction"
                else:
                    continue
            else:
                continue
            yield self.report(
                ctx,
                variant,
                location_of(spec, cv),
                excerpt=raw,
                numbers={"kind": kind, "problem": problem},
                cell=_cell_label(spec, cv.row_key, cv.col_key, None),
                raw=raw,
                value=value,
            )


class TableMissing(Rule):
    code = "T006"
    name = "table-missing"
    severity = "error"
    summary = {"zh": "找不到格式要求的表格", "en": "a table the format requires is missing"}
    doc = {
        "zh": "格式要求的表格（由格式配置的 tables 给出、required = true）在文档中找不到。"
        "查找依据是表格中的栏目名称（anchors），与表格位置无关。表格若被压平成文字，则由 T008 报告。"
        "文本未分段（换行丢失）时，栏目名称可能与前后文字粘连，找不到只报警告。",
        "en": "A table the format requires (profile tables with required = true) is not in the document. Tables "
        "are found by their labels (anchors), not by position. A table flattened into text is reported by T008. "
        "When the text ran together (line breaks lost) the labels may be glued to their neighbours, so not finding "
        "the table is a warning.",
    }
    bad = "一、总体情况\n本机关全年主动公开政府信息1015条。"
    good = "统计指标\t单位\t统计数\n(一) 主动公开政府信息数\t条\t10"
    _fix = {"fix_zh": "按格式补上《{title}》", "fix_en": "add the table 《{title}》 as the format prescribes"}
    messages = {
        "missing": {
            "zh": "找不到《{title}》：格式要求的这张表格不在文档中（按栏目名称查找：{anchors}）。",
            "en": "The table 《{title}》 required by the format is missing (looked for the labels: {anchors}).",
            **_fix,
        },
        "run-together": {
            "zh": "文本未分段，找不到《{title}》：格式要求的这张表格不在文档中（按栏目名称查找：{anchors}）。",
            "en": "The text runs together without line breaks; The table 《{title}》 required by the format is missing "
            "(looked for the labels: {anchors}).",
            **_fix,
        },
    }

    def check(self, ctx):
        tables = ctx.tables
        for spec in ctx.profile.tables:
            if not spec.required or spec.key in tables:
                continue
            # In text that ran together the table's rows and labels are glued to their
            # neighbours: not finding it is not certain it is missing.
            yield self.report(
                ctx,
                "run-together" if ctx.run_together else "missing",
                Location(),
                numbers={"table": spec.key},
                severity="warning" if ctx.run_together else None,
                title=spec.title,
                anchors="、".join(spec.anchors[:4]),
            )


def _label_list(items: list[str]) -> str:
    shown = items[:_MAX_LISTED]
    more = len(items) - len(shown)
    return "、".join(f"「{x}」" for x in shown) + (f" 等共 {len(items)} 项" if more > 0 else "")


class RowOrColumnMissing(Rule):
    code = "T007"
    name = "row-or-column-missing"
    severity = "warning"
    summary = {"zh": "表格缺少格式规定的行或列", "en": "a table lacks rows or columns of the format"}
    doc = {
        "zh": "找到了格式表格，但其中有些行或列按栏目名称找不到（可能被删去、改名或合并）。"
        "每张表只报告一次，列出所有找不到的行和列；涉及这些格的勾稽关系不核对。",
        "en": "The format's table was found but some rows or columns could not be found by their labels (deleted, "
        "renamed or merged). One finding per table lists them all; identities involving them are not evaluated.",
    }
    bad = "(二) 申请办结数\t件\t0\n2.延期办结数\t件\t0\n"
    good = "(二) 申请办结数\t件\t0\n1.按时办结数\t件\t0\n2.延期办结数\t件\t0\n"
    example_in = "clean-2018.txt"
    messages = {
        "missing": {
            "zh": "《{title}》{missing_zh}。涉及这些栏目的勾稽关系未核对。",
            "en": "《{title}》: {missing_en}. Identities involving them were not checked.",
            "fix_zh": "按格式补全表格的行和列，栏目名称与格式一致",
            "fix_en": "restore the format's rows and columns with their printed labels",
        }
    }

    def check(self, ctx):
        for mt in ctx.tables.values():
            if not (mt.missing_rows or mt.missing_cols or mt.missing_cells) or not mt.blocks:
                continue
            spec = mt.spec
            zh_parts, en_parts = [], []
            if mt.missing_rows:
                labels = [_row_label(spec, k) for k in mt.missing_rows]
                zh_parts.append(f"缺少行 {_label_list(labels)}")
                en_parts.append(f"rows missing: {', '.join(labels[:_MAX_LISTED])}{' …' if len(labels) > _MAX_LISTED else ''}")
            if mt.missing_cols:
                labels = [_col_label(spec, k) for k in mt.missing_cols]
                zh_parts.append(f"缺少列 {_label_list(labels)}")
                en_parts.append(f"columns missing: {', '.join(labels)}")
            if mt.missing_cells:
                labels = []
                for ref in mt.missing_cells:
                    r, _, c = ref.partition("@")
                    labels.append(f"{_row_label(spec, r)}（{_col_label(spec, c)}）")
                zh_parts.append(f"缺少单元格 {_label_list(labels)}")
                en_parts.append(f"cells missing: {', '.join(labels[:_MAX_LISTED])}")
            yield self.report(
                ctx,
                "missing",
                Location(block=mt.blocks[0], table=mt.blocks[0]),
                numbers={"rows": list(mt.missing_rows), "cols": list(mt.missing_cols), "cells": list(mt.missing_cells)},
                title=spec.title,
                missing_zh="；".join(zh_parts),
                missing_en="; ".join(en_parts),
            )


class TableUnreadable(Rule):
    code = "T008"
    name = "table-unreadable"
    severity = "warning"
    summary = {"zh": "表格无法逐格读取", "en": "a table cannot be read cell by cell"}
    doc = {
        "zh": "找到了格式表格的内容，但无法可靠地逐格读取（例如表格被压平成一段文字、表头被打成一行文字，或数字与栏目名称挤在同一单元格），"
        "因此未做勾稽核对。请使用真正的表格并保持格式规定的行列。",
        "en": "The table's content is there but cannot be read cell by cell with certainty (e.g. flattened into "
        "text, its header typed as one line of text, or numbers sharing cells with labels), so no arithmetic was "
        "checked. Use a real table with the format's rows and columns.",
    }
    # The two header rows of the 2021 format's table 三 typed as one line of text: the numbers
    # below can no longer be assigned to the applicant columns.
    bad = "自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他"
    good = "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t"
    example_in = "clean-2021.txt"

    messages = {
        "unreadable": {
            "zh": "{why_zh}。",
            "en": "{why_en}.",
            "fix_zh": "把表格做成真正的表格（每个数字一格）",
            "fix_en": "make it a real table with one number per cell",
        }
    }
    """``why``: the reasons the table reader gave (``MappedTable.unreadable``), in each language."""

    def check(self, ctx):
        for mt in ctx.tables.values():
            if not mt.unreadable:
                continue
            block = mt.blocks[0] if mt.blocks else None
            yield self.report(
                ctx,
                "unreadable",
                Location(block=block, table=block if block is not None and _is_table(ctx, block) else None),
                numbers={"table": mt.spec.key},
                why_zh="；".join(r["zh"] for r in mt.unreadable),
                why_en="; ".join(r["en"] for r in mt.unreadable),
            )


def _is_table(ctx, block: int) -> bool:
    blocks = ctx.document.blocks
    return 0 <= block < len(blocks) and getattr(blocks[block], "kind", "") == "table"
