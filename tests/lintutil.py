"""Shared test helpers: lint a text snippet end to end through the real pipeline."""

from __future__ import annotations

from pathlib import Path

from report_lint.facts.context import LintContext, Options
from report_lint.lint import LintOptions, lint_file
from report_lint.outline.build import build_outline
from report_lint.profiles.load import get_profile
from report_lint.read.text import read_text
from report_lint.read.errors import Limits

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def context_for(text: str, profile: str, year: int | None = None, path: str = "t.txt") -> LintContext:
    doc = read_text(path, text.encode("utf-8"), Limits())
    outline = build_outline(doc)
    return LintContext(document=doc, outline=outline, profile=get_profile(profile), year=year, options=Options())


def run_rule(rule_cls, text: str, profile: str, year: int | None = None):
    return list(rule_cls().check(context_for(text, profile, year)))


def lint_text(tmp_path: Path, text: str, name: str = "report.txt", **kw):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return lint_file(str(p), LintOptions(**kw))


def codes(findings) -> list[str]:
    return sorted(f.code for f in findings)
