"""Run the cross-year rules over the linked pairs of a batch.

Input: the per-file results (each carrying its ``ReportSummary``) and, for ``--previous``,
summaries of predecessors that are not themselves reported. Output: Y findings appended
to the later report of each pair, ``FileResult.previous`` set, and the ``Linking``
(reported by ``--statistics`` and the JSON).
"""

from __future__ import annotations

import os
from typing import Iterable, Mapping, Optional

from report_lint.batch.link import Linking, link_reports
from report_lint.model.findings import FileResult, Finding, Location
from report_lint.model.summary import ReportSummary
from report_lint.profiles.load import CrossYear


def _profile_data(name: str) -> CrossYear:
    from report_lint.checks.crossyear import crossyear_config
    from report_lint.profiles.load import load_profiles

    try:
        p = load_profiles().get(name)
        return crossyear_config(p) if p is not None else CrossYear()
    except Exception:
        return CrossYear()


def _same_names() -> tuple[tuple[str, str], ...]:
    from report_lint.profiles.load import load_profiles

    pairs: list[tuple[str, str]] = []
    try:
        for p in load_profiles().values():
            for a, b in p.params.crossyear.same_agency:
                pairs.append((a, b))
    except Exception:
        return ()
    return tuple(dict.fromkeys(pairs))


def cross_check(
    results: list[FileResult],
    explicit: Optional[Mapping[str, ReportSummary]] = None,
    renames: Optional[Mapping[str, str]] = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    severity_overrides: Optional[dict] = None,
) -> Linking:
    from report_lint.checks.catalogue import all_rules
    from report_lint.checks.crossyear import CrossYearRule, Pair
    from report_lint.checks.registry import selected

    summaries = [r.summary for r in results if r.error is None and r.summary is not None]
    linking = link_reports(summaries, explicit, renames, _same_names())
    by_path: dict[str, FileResult] = {r.path: r for r in results}
    known: dict[str, ReportSummary] = {s.path: s for s in summaries}
    known.update({s.path: s for s in (explicit or {}).values()})
    rules = [r for r in all_rules() if isinstance(r, CrossYearRule) and selected(r.code, select, ignore)]
    configs: dict[str, CrossYear] = {}

    def config(name: str) -> CrossYear:
        if name not in configs:
            configs[name] = _profile_data(name)
        return configs[name]

    for lk in linking.links:
        cur_r = by_path.get(lk.current)
        prev, cur = known.get(lk.previous), known.get(lk.current)
        if cur_r is None or prev is None or cur is None:
            continue
        cur_r.previous = lk.previous
        cur_r.link = lk.to_dict()
        pair = Pair(prev, cur, config(cur.profile), config(prev.profile), lk.how, dict(severity_overrides or {}))
        new: list[Finding] = []
        for rule in rules:
            try:
                new.extend(rule.compare(pair))
            except Exception as e:
                if os.environ.get("REPORT_LINT_DEBUG"):
                    raise
                new.append(
                    Finding(
                        code="R900",
                        severity="warning",
                        message={
                            "zh": f"规则 {rule.code} 比较 {lk.previous} 时出错（{type(e).__name__}），其结果缺失，请反馈给维护者",
                            "en": f"rule {rule.code} failed comparing with {lk.previous} ({type(e).__name__}); its results are missing — please report it",
                        },
                        location=Location(),
                    )
                )
        new = [f for f in new if selected(f.code, select, ignore)]
        if new:
            cur_r.findings = sorted(cur_r.findings + new, key=Finding.sort_key)
    return linking
