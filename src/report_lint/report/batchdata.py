"""Rows of a batch, shared by the reviewer's outputs (dashboard, xlsx, csv).

One row per report: agency, year, file, profile, counts per severity and per rule family,
signing date and deadline status, the linked predecessor and the cross-year status; one
row per finding. Everything is plain data (str, int, None); the formats only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from report_lint.model.findings import SEVERITIES, FileResult, Finding
from report_lint.report.common import format_numbers, norm_severity, sorted_findings, worst_severity
from report_lint.report.i18n import pick, severity_label

FAMILY_ORDER = ("S", "D", "C", "T", "N", "F", "Y", "R")


@dataclass
class ReportRow:
    index: int
    """Position in the batch (0-based; the per-report page of the dashboard)."""
    path: str
    agency: str
    agency_key: str
    year: Optional[int]
    profile: str
    counts: dict[str, int]
    families: dict[str, int]
    worst: Optional[str]
    """error · warning · info · None (clean) · 'failed' (could not be checked)."""
    error: str = ""
    signing_date: Optional[str] = None
    deadline: Optional[str] = None
    deadline_status: str = "unknown"
    previous: Optional[str] = None
    link_how: str = ""
    cross_year: str = "none"
    """none (no predecessor linked) · ok (linked, no Y finding) · warning · error."""
    cross_counts: dict[str, int] = field(default_factory=dict)


def report_rows(results: list[FileResult], lang: str = "zh") -> list[ReportRow]:
    rows = []
    for i, fr in enumerate(results):
        s = getattr(fr, "summary", None)
        fams = {f: 0 for f in FAMILY_ORDER}
        cross = {sev: 0 for sev in SEVERITIES}
        for f in fr.findings:
            fams[f.code[:1]] = fams.get(f.code[:1], 0) + 1
            if f.code.startswith("Y"):
                cross[norm_severity(f.severity)] += 1
        prev = getattr(fr, "previous", None)
        if prev is None:
            cy = "none"
        elif cross["error"]:
            cy = "error"
        elif cross["warning"] or cross["info"]:
            cy = "warning"
        else:
            cy = "ok"
        link = getattr(fr, "link", None) or {}
        rows.append(
            ReportRow(
                index=i,
                path=fr.path,
                agency=(s.agency if s is not None else "") or "",
                agency_key=(s.agency_key if s is not None else "") or "",
                year=(s.year if s is not None and s.year is not None else fr.year),
                profile=fr.profile or "",
                counts=fr.counts(),
                families=fams,
                worst="failed" if fr.error is not None else worst_severity(fr),
                error=fr.error.text(lang) if fr.error is not None else "",
                signing_date=s.signing_date if s is not None else None,
                deadline=s.deadline if s is not None else None,
                deadline_status=s.deadline_status if s is not None else "unknown",
                previous=prev,
                link_how=link.get("how", ""),
                cross_year=cy,
                cross_counts=cross,
            )
        )
    return rows


def place(f: Finding, lang: str = "zh") -> str:
    return f.location.describe(lang)


FINDING_COLUMNS = ("file", "agency", "year", "code", "severity", "message", "place", "excerpt", "numbers", "fix")

HEADERS = {
    "file": {"zh": "文件", "en": "File"},
    "agency": {"zh": "机关", "en": "Agency"},
    "year": {"zh": "年度", "en": "Year"},
    "profile": {"zh": "规则集", "en": "Profile"},
    "code": {"zh": "规则", "en": "Code"},
    "severity": {"zh": "级别", "en": "Severity"},
    "message": {"zh": "说明", "en": "Message"},
    "place": {"zh": "位置", "en": "Place"},
    "excerpt": {"zh": "原文", "en": "Excerpt"},
    "numbers": {"zh": "数值", "en": "Numbers"},
    "fix": {"zh": "修改建议", "en": "Suggested fix"},
    "worst": {"zh": "最高级别", "en": "Worst"},
    "signing": {"zh": "落款日期", "en": "Signing date"},
    "deadline": {"zh": "公布期限", "en": "Deadline"},
    "deadline_status": {"zh": "是否按期", "en": "Deadline status"},
    "previous": {"zh": "上年报告", "en": "Linked predecessor"},
    "link_how": {"zh": "关联方式", "en": "Linked by"},
    "cross_year": {"zh": "跨年度核对", "en": "Cross-year"},
    "file_error": {"zh": "无法检查的原因", "en": "Why not checked"},
}

STATUS = {
    "on-time": {"zh": "按期", "en": "on time"},
    "late": {"zh": "逾期", "en": "late"},
    "unknown": {"zh": "未知", "en": "unknown"},
    "none": {"zh": "无上年报告", "en": "no predecessor"},
    "ok": {"zh": "一致", "en": "consistent"},
    "warning": {"zh": "有警告", "en": "warnings"},
    "error": {"zh": "有错误", "en": "errors"},
    "failed": {"zh": "无法检查", "en": "not checked"},
    "clean": {"zh": "无问题", "en": "clean"},
    "auto": {"zh": "自动", "en": "auto"},
    "explicit": {"zh": "指定（--previous）", "en": "explicit (--previous)"},
}


def h(key: str, lang: str) -> str:
    return pick(HEADERS[key], lang)


def status(key: Optional[str], lang: str) -> str:
    if not key:
        return ""
    if key in ("error", "warning", "info") and key not in STATUS:
        return severity_label(key, lang)
    return pick(STATUS.get(key), lang) or key


def finding_rows(results: list[FileResult], lang: str = "zh") -> list[dict[str, Any]]:
    out = []
    for fr in results:
        s = getattr(fr, "summary", None)
        agency = (s.agency if s is not None else "") or ""
        year = s.year if s is not None and s.year is not None else fr.year
        for f in sorted_findings(fr):
            out.append(
                {
                    "file": fr.path,
                    "agency": agency,
                    "year": year,
                    "code": f.code,
                    "severity": norm_severity(f.severity),
                    "message": f.text(lang),
                    "place": place(f, lang),
                    "excerpt": f.excerpt or "",
                    "numbers": format_numbers(f.numbers) if f.numbers else "",
                    "fix": f.fix_text(lang),
                }
            )
    return out


def display_name(row: ReportRow) -> str:
    return row.agency or Path(str(row.path).replace("\\", "/")).stem
