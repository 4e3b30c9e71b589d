"""Findings: what a rule reports, where, with the numbers involved."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Optional

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
"""The one order of severities (higher is worse)."""


def json_number(value) -> Any:
    """A number for ``Finding.numbers`` (JSON): int when whole, float otherwise, None kept.
    Messages format the Decimal itself, so nothing is lost in what the drafter reads."""
    if value is None:
        return None
    d = Decimal(value)
    return int(d) if d == d.to_integral_value() else float(d)


@dataclass
class Location:
    block: Optional[int] = None
    """Index into Document.blocks."""
    section: Optional[str] = None
    """Outline path of the enclosing section, e.g. '三' or '三/（二）'."""
    table: Optional[int] = None
    """Block index of the table (same as ``block`` for table findings)."""
    row: Optional[int] = None
    col: Optional[int] = None
    row_label: Optional[str] = None
    col_label: Optional[str] = None
    line: Optional[int] = None
    """1-based source line for text inputs; for a PDF, the line on ``page``."""
    start: Optional[int] = None
    end: Optional[int] = None
    """Character span of the excerpt inside the paragraph text."""
    page: Optional[int] = None
    """1-based page, for PDF inputs only (absent from every output otherwise)."""

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}

    def describe(self, lang: str = "zh") -> str:
        parts = []
        if self.section:
            if self.section == "附件":
                parts.append("附件" if lang == "zh" else "attachment")
            elif lang == "zh":
                head, _, rest = self.section.partition("/")
                where = f"第{head}部分" if not head.startswith("（") else head
                parts.append(where + rest.replace("/", ""))
            else:
                parts.append(f"section {self.section}")
        if self.table is not None and self.row is not None:
            if lang == "zh":
                t = f"表格（块{self.table}）"
                if self.row_label:
                    t += f"「{self.row_label}」行"
                else:
                    t += f"第{self.row + 1}行"
                if self.col_label:
                    t += f"「{self.col_label}」列"
                elif self.col is not None:
                    t += f"第{self.col + 1}列"
            else:
                t = f"table (block {self.table}) row {self.row_label or self.row + 1}"
                if self.col_label or self.col is not None:
                    t += f", column {self.col_label or (self.col or 0) + 1}"
            parts.append(t)
        elif self.block is not None:
            parts.append(f"段落{self.block}" if lang == "zh" else f"block {self.block}")
            if self.row_label:  # a figure of a table flattened into this paragraph
                if lang == "zh":
                    parts[-1] += f"「{self.row_label}」" + (f"「{self.col_label}」" if self.col_label else "")
                else:
                    parts[-1] += f" ({self.row_label}" + (f" / {self.col_label})" if self.col_label else ")")
        if self.page is not None:
            if lang == "zh":
                parts.append(f"第{self.page}页" + (f"第{self.line}行" if self.line is not None else ""))
            else:
                parts.append(f"page {self.page}" + (f", line {self.line}" if self.line is not None else ""))
        elif self.line is not None:
            parts.append(f"第{self.line}行" if lang == "zh" else f"line {self.line}")
        return "，".join(parts) if lang == "zh" else ", ".join(parts)


@dataclass(frozen=True)
class Edit:
    """A certain fix: replace ``old`` at ``start:end`` of paragraph ``block``'s text by ``new``.

    Offsets are in the paragraph's text as the checks read it (``Paragraph.text``). Only a
    rule that declares a fix (``Rule.fix``) attaches one, and only where nothing is left to
    judge — never to a number, where which side is wrong is the drafter's call.
    """

    block: int
    start: int
    end: int
    old: str
    new: str

    def to_dict(self) -> dict:
        return {"block": self.block, "start": self.start, "end": self.end, "old": self.old, "new": self.new}


@dataclass
class Finding:
    code: str
    severity: str
    message: dict[str, str]
    """{'zh': ..., 'en': ...}."""
    location: Location = field(default_factory=Location)
    excerpt: str = ""
    numbers: dict[str, Any] = field(default_factory=dict)
    fix: dict[str, str] = field(default_factory=dict)
    edit: Optional[Edit] = None
    """The fix as an edit of the text, when it is certain (``--fix --format docx`` writes it
    as a tracked change)."""

    def text(self, lang: str = "zh") -> str:
        return self.message.get(lang) or self.message.get("zh", "")

    def fix_text(self, lang: str = "zh") -> str:
        return self.fix.get(lang) or self.fix.get("zh", "")

    def sort_key(self) -> tuple:
        loc = self.location
        return (
            loc.block if loc.block is not None else -1,
            loc.row if loc.row is not None else -1,
            loc.col if loc.col is not None else -1,
            loc.start if loc.start is not None else -1,
            self.code,
            self.text("zh"),
        )

    def to_dict(self, lang: str = "zh") -> dict:
        d = {
            "code": self.code,
            "severity": self.severity,
            "message": self.text(lang),
            "location": self.location.to_dict(),
            "excerpt": self.excerpt,
        }
        if self.numbers:
            d["numbers"] = self.numbers
        if self.fix:
            d["fix"] = self.fix_text(lang)
        if self.edit is not None:
            d["edit"] = self.edit.to_dict()
        return d


@dataclass
class FileError:
    """A file that could not be linted at all (exit status 2)."""

    code: str
    message: dict[str, str]

    def text(self, lang: str = "zh") -> str:
        return self.message.get(lang) or self.message.get("zh", "")


@dataclass
class FileResult:
    path: str
    profile: Optional[str] = None
    year: Optional[int] = None
    error: Optional[FileError] = None
    findings: list[Finding] = field(default_factory=list)
    document: Any = None
    """The parsed Document (kept for reporters that render it, e.g. HTML)."""
    outline: Any = None
    summary: Any = None
    """The report's ReportSummary (model.summary): what the batch stage compares across years."""
    previous: Optional[str] = None
    """Path of last year's report this one was linked to (batch stage), if any."""
    link: Optional[dict] = None
    """The link to ``previous``: batch.link.Link.to_dict() (how it was linked, years)."""

    def counts(self) -> dict[str, int]:
        c = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            c[f.severity] = c.get(f.severity, 0) + 1
        return c
