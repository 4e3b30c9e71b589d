"""The pipeline's guarantees: a document never produces a traceback, one broken rule never hides the others."""

from __future__ import annotations

import os

import pytest

from report_lint.checks import catalogue as registry
from report_lint.checks.registry import Rule
from report_lint.lint import LintOptions, lint_file
from report_lint.read.errors import Limits

from lintutil import FIXTURES

SEED = str(FIXTURES / "seed" / "seed.txt")


def test_time_limit_is_a_clear_error(monkeypatch):
    import report_lint.lint as linter

    def slow(path, opts):
        import time

        time.sleep(5)

    monkeypatch.setattr(linter, "_lint", slow)
    r = lint_file(SEED, LintOptions(limits=Limits(max_seconds=0.2)))
    assert r.error is not None and r.error.code == "timeout"
    assert "超时" in r.error.text("zh")


def test_internal_error_becomes_a_file_error(monkeypatch):
    import report_lint.lint as linter

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

    monkeypatch.setitem(registry.REGISTRY, "F999", Broken())
    r = lint_file(SEED, LintOptions())
    codes = [f.code for f in r.findings]
    assert "R900" in codes and "N002" in codes
    assert any("F999" in f.text("zh") for f in r.findings if f.code == "R900")


def test_debug_mode_re_raises(monkeypatch):
    import report_lint.lint as linter

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


# Report-shaped random text reaches every rule (random bytes rarely get past the outline).
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = [
    "某某局2019年政府信息公开工作年度报告",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "（一）",
    "1.",
    "附件：",
    "收到申请",
    "400余条",
    "近百件",
    "2万五千多",
    "未接到申请",
    "没有发生行政复议",
    "统计期限为2019年1月1日至2019年12月31日",
    "2020年2月30日",
    "星期三",
    "电话：0952-2020515",
    "邮编：75000",
    "http//x",
    "（文字描述）",
    "XX",
    "总计",
    "自然人",
    "一、本年新收政府信息公开申请数量",
    "（七）总计",
    "\t",
    "\t3",
    "\t-1",
    "\t无",
    "\t1.5",
    "\n",
    "\n\n",
    "。",
    "件",
    "条",
]


@settings(
    max_examples=int(os.environ.get("REPORT_LINT_FUZZ_EXAMPLES", 40)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=8), max_size=80))
def test_report_shaped_random_text_never_breaks_a_rule(tmp_path, monkeypatch, parts):
    monkeypatch.delenv("REPORT_LINT_DEBUG", raising=False)
    p = tmp_path / "r.txt"
    p.write_text("".join(parts), encoding="utf-8", errors="surrogatepass")
    r = lint_file(str(p), LintOptions())
    assert r.error is None or r.error.code in ("empty-file",), r.error
    assert not [f for f in r.findings if f.code == "R900"], [f.text("en") for f in r.findings if f.code == "R900"]
