"""Helpers every output format shares: sorting, totals, one-line text, logical places,
fingerprints, the rule catalogue and the numbers a finding carries.

Numbering convention for humans (text, HTML, SARIF logical names): rows, columns are
1-based. Machine fields (JSON ``location``) keep the 0-based values of ``Location``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable, Optional

from report_lint.model.findings import SEVERITIES, SEVERITY_RANK, FileResult, Finding, Location
from report_lint.report.i18n import number_label

TOOL_NAME = "report-lint"


@dataclass
class ReportOptions:
    color: bool = False
    """ANSI colour in the text reporter (only when asked; never auto-detected here)."""
    statistics: bool = False
    """Text reporter: counts per rule instead of the findings."""
    timestamp: Any = None
    """HTML 'generated at': None (omit, deterministic output), True (now), a datetime or a string."""
    show_fix: bool = True
    link_notes: list = field(default_factory=list)
    """Why reports of a batch were not linked across years (batch.link.Linking.notes), for --statistics."""


def opt(options: Any, name: str, default: Any = None) -> Any:
    """Read an option from a ReportOptions, a dict, any object with attributes, or None."""
    if options is None:
        return default
    if isinstance(options, dict):
        return options.get(name, default)
    return getattr(options, name, default)


# ---------------------------------------------------------------- shared helpers


def version() -> str:
    from report_lint import __version__

    return __version__


def sorted_findings(fr: FileResult) -> list[Finding]:
    return sorted(fr.findings, key=lambda f: f.sort_key())


def totals(results: Iterable[FileResult]) -> dict[str, int]:
    """{'files', 'error', 'warning', 'info', 'failed'} over all results."""
    out = {"files": 0, "error": 0, "warning": 0, "info": 0, "failed": 0}
    for fr in results:
        out["files"] += 1
        if fr.error is not None:
            out["failed"] += 1
        for f in fr.findings:
            sev = f.severity if f.severity in SEVERITIES else "info"
            out[sev] += 1
    return out


def worst_severity(fr: FileResult) -> Optional[str]:
    best = None
    for f in fr.findings:
        if best is None or SEVERITY_RANK.get(f.severity, 0) > SEVERITY_RANK.get(best, 0):
            best = f.severity
    return best


def norm_severity(sev: str) -> str:
    return sev if sev in SEVERITIES else "info"


def forward_slashes(path: str) -> str:
    return str(path).replace("\\", "/")


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_NEWLINES_RE = re.compile(r"\r\n|\r|\n")


def one_line(s: str) -> str:
    """Document text made safe for a single terminal/log line.

    Hostile documents may carry ANSI escapes or line breaks that would forge extra
    output lines; control characters become U+FFFD and line breaks a visible '⏎'.
    """
    s = _NEWLINES_RE.sub("⏎", s or "")
    s = s.replace("\t", " ")
    return _CONTROL_RE.sub("\ufffd", s)


def strip_controls(s: str) -> str:
    """Remove characters that are invalid in XML/HTML text (keeps tab and line breaks)."""
    return _CONTROL_RE.sub("\ufffd", s or "")


def logical_parts(loc: Location) -> list[str]:
    """Pieces of a logical name like '三/table@12/row 5/col 3'."""
    parts: list[str] = []
    if loc.section:
        parts.append(loc.section)
    if loc.table is not None:
        parts.append(f"table@{loc.table}")
        if loc.row is not None:
            parts.append(f"row {loc.row + 1}")
        if loc.col is not None:
            parts.append(f"col {loc.col + 1}")
    elif loc.block is not None:
        parts.append(f"block@{loc.block}")
    return parts


def block_ref(loc: Location) -> str:
    """Short position after the path in one-line formats: line when known, else block/cell
    (a PDF's place is ``p<page>:<line on the page>``)."""
    if loc.page is not None:
        return f"p{loc.page}" + (f":{loc.line}" if loc.line is not None else "")
    if loc.line is not None:
        return str(loc.line)
    if loc.table is not None:
        ref = f"b{loc.table}"
        if loc.row is not None:
            ref += f":r{loc.row + 1}"
            if loc.col is not None:
                ref += f"c{loc.col + 1}"
        return ref
    if loc.block is not None:
        return f"b{loc.block}"
    return ""


def _fingerprint_base(f: Finding) -> str:
    # Labels rather than block indices or lines: inserting a paragraph above a table
    # must not make every finding look new to code-scanning dashboards.
    loc = f.location
    fields = [
        f.code,
        loc.section or "",
        loc.row_label or ("" if loc.row is None else f"r{loc.row}"),
        loc.col_label or ("" if loc.col is None else f"c{loc.col}"),
        " ".join((f.excerpt or "").split()),
    ]
    return "\x1f".join(fields)


def fingerprints(findings: list[Finding], algo: str = "sha256") -> list[str]:
    """A stable fingerprint per finding (same order as ``findings``).

    Identical keys (same rule, section, labels and excerpt) get an occurrence
    counter in reading order so they stay distinct.
    """
    import hashlib  # only the formats that print fingerprints pay for importing it

    seen: dict[str, int] = {}
    out = []
    for f in findings:
        base = _fingerprint_base(f)
        n = seen.get(base, 0) + 1
        seen[base] = n
        h = hashlib.new(algo)
        h.update(f"{base}\x1f{n}".encode("utf-8"))
        out.append(h.hexdigest())
    return out


def rule_catalogue() -> dict[str, Any]:
    """Registered rules by code."""
    from report_lint.checks.catalogue import all_rules

    return {r.code: r for r in all_rules()}


def timestamp_text(options: Any) -> Optional[str]:
    ts = opt(options, "timestamp")
    if ts is None or ts is False:
        return None
    if ts is True:
        return datetime.now(timezone.utc).isoformat(timespec="seconds")
    if isinstance(ts, datetime):
        return ts.isoformat(timespec="seconds")
    return str(ts)


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_.@-]*")


def format_numbers(numbers: dict, lang: str = "zh") -> str:
    """'名称=值, …' for the numbers a finding carries that a reader can use. Internal
    references (cells, keys of the format's sections, tables and rows) and per-term maps are
    for machines (JSON and SARIF keep them); the message already spells out the arithmetic."""
    parts = []
    for k, v in numbers.items():
        label = number_label(k, lang)
        if label is None or isinstance(v, (dict, list, tuple, set)) or v is None:
            continue
        if isinstance(v, str) and _IDENTIFIER.fullmatch(v):
            continue
        parts.append(f"{label}={v}")
    return ", ".join(parts)
