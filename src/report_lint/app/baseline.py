"""Baselines: record today's findings, later report only new ones.

A .docx cannot carry inline suppression comments, so suppression is by fingerprint. The
fingerprint avoids block indices and line numbers (they shift when a paragraph is added)
and uses what a finding is about: its code, section, table labels and excerpt.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable

from report_lint.model.findings import FileResult, Finding

VERSION = 1


def fingerprint(finding: Finding) -> str:
    loc = finding.location
    key = "\x1f".join(
        str(x or "")
        for x in (finding.code, loc.section, loc.row_label, loc.col_label, " ".join(finding.excerpt.split()), finding.text("zh"))
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _norm_path(p: str) -> str:
    return Path(p).as_posix()


def baseline_data(results: Iterable[FileResult]) -> dict:
    entries = []
    for r in results:
        for f in r.findings:
            entries.append({"path": _norm_path(r.path), "code": f.code, "fingerprint": fingerprint(f)})
    entries.sort(key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    return {"version": VERSION, "tool": "report-lint", "findings": entries}


def load_baseline(path: Path) -> set[tuple[str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError(f"{path}: not a report-lint baseline (version {VERSION})")
    return {(e["path"], e["fingerprint"]) for e in data.get("findings", [])}


def apply_baseline(results: list[FileResult], known: set[tuple[str, str]]) -> int:
    """Drop findings recorded in the baseline; return how many were dropped."""
    dropped = 0
    for r in results:
        keep = []
        for f in r.findings:
            if (_norm_path(r.path), fingerprint(f)) in known:
                dropped += 1
            else:
                keep.append(f)
        r.findings = keep
    return dropped
