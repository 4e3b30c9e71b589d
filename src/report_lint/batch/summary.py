"""What one report keeps for the batch stage: ``summarise(ctx, path)`` → ``ReportSummary``.

Called by the per-file lint (lint.py) once the rules have run, on the facts they already
computed (mapped tables, section matches, date scan — nothing is read twice). It sits in
the batch stage, above checks/, because it gathers facts of several rule families (the
cross-year cells and texts of ``checks.crossyear``, the signing date and deadline of
``checks.dates``) and a rule family may not import another.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from report_lint.checks.crossyear import crossyear_config, needed_cells
from report_lint.checks.dates import _title, _unique_signing, deadline_for, scan
from report_lint.checks.format import section_by_key, section_text
from report_lint.model.summary import CellFact, ReportSummary, TextFact
from report_lint.text.agency import agency_from_title, normalise_agency

if TYPE_CHECKING:  # pragma: no cover
    from report_lint.facts.context import LintContext


def summarise(ctx: "LintContext", path: str) -> ReportSummary:
    """The facts of one linted report that the cross-year rules and batch outputs need."""
    cfg = crossyear_config(ctx.profile)
    title = _title(ctx).strip()
    agency = agency_from_title(title)
    same = [tuple(p) for p in cfg.same_agency]
    year, source = ctx.year, ("title" if ctx.year is not None else "")
    if ctx.options.year_given:
        source = "option"
    if year is None:
        # No year in the title: the statistics period names it (统计期限为2022年1月1日至12月31日).
        for pm in scan(ctx).periods:
            ymd = pm.period.end_ymd or pm.period.start_ymd
            if ymd and ymd[0]:
                year, source = int(ymd[0]), "period"
                break
    s = ReportSummary(
        path=path,
        title=title[:200],
        agency=agency,
        agency_key=normalise_agency(agency, same),
        year=year,
        year_source=source,
        profile=ctx.profile.name,
        era=getattr(ctx.profile, "era", "") or "",
    )
    tables = ctx.tables if cfg.configured else {}
    for ref in needed_cells(cfg):
        tkey, _, cell = ref.partition(".")
        row, _, col = cell.partition("@")
        mt = tables.get(tkey)
        cv = mt.get(row, col) if mt is not None else None
        if cv is None:
            continue
        certain = cv.status == "number" and not mt.flattened and cell not in mt.unreadable_cells and cv.row is not None
        s.cells[ref] = CellFact(
            value="" if cv.value is None else str(cv.value),
            certain=certain,
            status=cv.status,
            block=cv.block,
            row=cv.row,
            col=cv.col,
            row_label=re.sub(r"\s+", "", cv.row_label or ""),
            col_label=re.sub(r"\s+", "", cv.col_label or ""),
            section=ctx.section_path(cv.block),
        )
    for key in cfg.similar_sections:
        sec = section_by_key(ctx, key)
        if sec is not None:
            s.texts[key] = TextFact(section_text(ctx, sec), sec.heading.block, ctx.section_path(sec.heading.block))
    signing = [x.date.date for x in _unique_signing(ctx) if x.date.date is not None]
    if signing:
        d = max(signing)
        s.signing_date = d.isoformat()
        dl = deadline_for(ctx)
        if dl is not None:
            s.deadline = dl.date.isoformat()
            s.deadline_status = "late" if d > dl.date else "on-time"
    return s
