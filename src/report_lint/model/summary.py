"""What one report keeps for the batch stage: a small, serialisable summary.

Cross-year rules (family Y) compare two reports; the per-file lint cannot see the other
one. So each linted file keeps the few facts those rules and the batch outputs need —
who and which year, the table cells compared across years (with how certainly each was
read and where it is), the text of the sections compared for 年年雷同, the signing date and
its deadline — and the batch stage works on these summaries alone (no document is kept
in memory, and a summary survives a worker process as plain data).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Optional


@dataclass
class CellFact:
    value: str
    """The number as read (a Decimal's text; "" when the cell was not a number)."""
    certain: bool
    """Read from a real table grid as a number (not from flattened text, not blank/invalid)."""
    status: str = "number"
    block: Optional[int] = None
    row: Optional[int] = None
    col: Optional[int] = None
    row_label: str = ""
    col_label: str = ""
    section: Optional[str] = None

    @property
    def number(self) -> Optional[Decimal]:
        if self.status != "number" or not self.value:
            return None
        try:
            return Decimal(self.value)
        except ArithmeticError:
            return None


@dataclass
class TextFact:
    text: str
    block: Optional[int] = None
    """The section heading's block."""
    section: Optional[str] = None


@dataclass
class ReportSummary:
    path: str
    title: str = ""
    agency: str = ""
    """The agency as the title names it."""
    agency_key: str = ""
    """Normal form used for linking (text.agency.normalise_agency)."""
    year: Optional[int] = None
    year_source: str = ""
    """title · period (statistics period) · option (--year) · "" (unknown)."""
    profile: str = ""
    era: str = ""
    """The format generation (profile ``era``): continuity is only compared within one."""
    cells: dict[str, CellFact] = field(default_factory=dict)
    """'table.row@col' → the cell, for the cells the profile's [crossyear] names."""
    texts: dict[str, TextFact] = field(default_factory=dict)
    """Section key → its text (overview, problems)."""
    signing_date: Optional[str] = None
    deadline: Optional[str] = None
    deadline_status: str = "unknown"
    """on-time · late · unknown (no date or no deadline)."""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "ReportSummary":
        d = dict(d)
        d["cells"] = {k: CellFact(**v) for k, v in (d.get("cells") or {}).items()}
        d["texts"] = {k: TextFact(**v) for k, v in (d.get("texts") or {}).items()}
        return cls(**d)
