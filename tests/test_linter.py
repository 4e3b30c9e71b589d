"""The pipeline's guarantees: a document never produces a traceback, one broken rule never hides the others."""

from __future__ import annotations

import pytest

from report_lint.checks import registry
from report_lint.checks.registry import Rule
from report_lint.linter import LintOptions, lint_file
from report_lint.readers import Limits

from lintutil import FIXTURES

SEED = str(FIXTURES / "seed" / "seed.txt")


def test_time_limit_is_a_clear_error(monkeypatch):
    import report_lint.linter as linter

    def slow(path, opts):
        import time

        time.sleep(5)

    monkeypatch.setattr(linter, "_lint", slow)
    r = lint_file(SEED, LintOptions(limits=Limits(max_seconds=0.2)))
    assert r.error is not None and r.error.code == "timeout"
    assert "超时" in r.error.text("zh")


def test_internal_error_becomes_a_file_error(monkeypatch):
    import report_lint.linter as linter

    monkeypatch.delenv("REPORT_LINT_DEBUG", raising=False)

    def boom(path, opts):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(linter, "_lint", boom)
    r = lint_file(SEED, LintOptions())
    assert r.error.code == "internal-error" and "ZeroDivisionError" in r.error.text("en")


def test_a_failing_rule_is_reported_and_the_others_still_run(monkeypatch):
    monkeypatch.delenv("REPORT_LINT_DEBUG", raising=False)

    class Broken(Rule):
        code = "F999"
        name = "broken"
        summary = {"zh": "坏", "en": "broken"}

        def check(self, ctx):
            raise KeyError("x")

    registry.load_all()
    monkeypatch.setitem(registry.REGISTRY, "F999", Broken())
    r = lint_file(SEED, LintOptions())
    codes = [f.code for f in r.findings]
    assert "R900" in codes and "N002" in codes
    assert any("F999" in f.text("zh") for f in r.findings if f.code == "R900")


def test_debug_mode_re_raises(monkeypatch):
    import report_lint.linter as linter

    monkeypatch.setenv("REPORT_LINT_DEBUG", "1")
    monkeypatch.setattr(linter, "_lint", lambda p, o: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        lint_file(SEED, LintOptions())


def test_forced_profile_and_year():
    r = lint_file(SEED, LintOptions(profile="base-2008", year=2018))
    assert r.profile == "base-2008" and r.year == 2018
    r = lint_file(SEED, LintOptions(year=2017))
    assert r.year == 2017 and any(f.code == "D002" for f in r.findings)  # the period says 2018


def test_select_filters_findings():
    r = lint_file(SEED, LintOptions(select=("N",)))
    assert r.findings and {f.code[0] for f in r.findings} == {"N"}
