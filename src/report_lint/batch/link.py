"""Linking the reports of a batch: the same agency, consecutive years.

A report's agency comes from its title, normalised (``text.agency``: spaces, brackets,
the profile's equivalent names such as 人民政府办公室 / 人民政府); its year from the title
or, failing that, the statistics period. Reports with one agency key and years N−1 and N
are linked. ``explicit`` (``--previous``) links a report to a given predecessor whatever
the titles say; ``renames`` (configuration ``agency-renames``) maps an old name to the new.

A report with no predecessor is simply not cross-checked. Two reports claiming the same
agency and year are not linked to anything by that year (which of them is the real one
cannot be told), and the ambiguity is reported as a note, never as a finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Optional

from report_lint.model.summary import ReportSummary
from report_lint.text.agency import normalise_agency


@dataclass
class Link:
    previous: str
    current: str
    how: str
    """auto (agency and consecutive years) · explicit (--previous)."""
    agency: str = ""
    previous_year: Optional[int] = None
    current_year: Optional[int] = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Linking:
    links: list[Link] = field(default_factory=list)
    unlinked: list[str] = field(default_factory=list)
    """Reports with no predecessor in the batch (not cross-checked)."""
    notes: list[dict] = field(default_factory=list)
    """{'kind': 'duplicate' | 'no-agency' | 'no-year', 'paths': [...], 'agency', 'year'}."""

    def predecessor_of(self, path: str) -> Optional[Link]:
        for lk in self.links:
            if lk.current == path:
                return lk
        return None


def agency_key(s: ReportSummary, same: Iterable[tuple[str, str]] = (), renames: Optional[Mapping[str, str]] = None) -> str:
    return normalise_agency(s.agency_key or s.agency, same, renames)


def link_reports(
    summaries: list[ReportSummary],
    explicit: Optional[Mapping[str, ReportSummary]] = None,
    renames: Optional[Mapping[str, str]] = None,
    same: Iterable[tuple[str, str]] = (),
) -> Linking:
    """Links between ``summaries`` (and to the explicit predecessors), in batch order."""
    explicit = dict(explicit or {})
    same = tuple(same)
    out = Linking()
    groups: dict[str, dict[int, list[ReportSummary]]] = {}
    for s in summaries:
        key = agency_key(s, same, renames)
        if not key:
            if s.path not in explicit:
                out.notes.append({"kind": "no-agency", "paths": [s.path], "agency": "", "year": s.year})
            continue
        if s.year is None:
            if s.path not in explicit:
                out.notes.append({"kind": "no-year", "paths": [s.path], "agency": key, "year": None})
            continue
        groups.setdefault(key, {}).setdefault(s.year, []).append(s)
    for key, by_year in groups.items():
        for year, group in sorted(by_year.items()):
            if len(group) > 1:
                out.notes.append({"kind": "duplicate", "paths": [g.path for g in group], "agency": key, "year": year})
    for s in summaries:
        if s.path in explicit:
            p = explicit[s.path]
            out.links.append(Link(p.path, s.path, "explicit", s.agency or p.agency, p.year, s.year))
            continue
        key = agency_key(s, same, renames)
        by_year = groups.get(key, {}) if key else {}
        if s.year is None or len(by_year.get(s.year, [])) != 1 or len(by_year.get(s.year - 1, [])) != 1:
            out.unlinked.append(s.path)
            continue
        p = by_year[s.year - 1][0]
        out.links.append(Link(p.path, s.path, "auto", s.agency, p.year, s.year))
    return out
