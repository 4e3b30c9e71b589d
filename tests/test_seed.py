"""The seed report (石嘴山市司法局 2018) end to end, as text and in every Word layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from report_lint.lint import LintOptions, lint_file

from lintutil import FIXTURES

SEED_TXT = FIXTURES / "seed" / "seed.txt"
LAYOUTS = sorted((FIXTURES / "seed").glob("seed-*.docx"))


def signature(result):
    # Block indices differ between layouts (a Word table vs tab lines); what a finding says must not.
    return sorted((f.code, f.severity, f.text("zh")) for f in result.findings if f.code != "R001")


@pytest.fixture(scope="module")
def seed_result():
    return lint_file(str(SEED_TXT), LintOptions())


def test_seed_uses_its_own_profile_and_year(seed_result):
    assert seed_result.error is None
    assert seed_result.profile == "seed-2018"
    assert seed_result.year == 2018


def test_seed_has_no_error_level_findings(seed_result):
    errors = [(f.code, f.text("zh")) for f in seed_result.findings if f.severity == "error"]
    assert errors == []


def test_seed_narrative_contradictions_are_warnings(seed_result):
    n = [f for f in seed_result.findings if f.code.startswith("N")]
    assert all(f.severity == "warning" for f in n)
    pairs = {(f.numbers.get("table"), f.excerpt) for f in n}
    tables = sorted(int(p[0]) for p in pairs if p[0] is not None)
    # 400余条 vs 597 (website), 600余条 vs 309 (WeChat), 1500余条 vs 1015 (total), 政策解读60条 vs 1.
    assert 597 in tables and 309 in tables and 1015 in tables and 1 in tables
    website = next(f for f in n if f.numbers.get("table") == 597)
    assert "400" in website.text("zh") and "597" in website.text("zh")


def test_seed_consistent_statements_are_silent(seed_result):
    texts = " ".join(f.excerpt for f in seed_result.findings if f.code.startswith("N"))
    assert "150条" not in texts  # 通过传统媒体公开 150 = table 150
    assert "政策性文件" not in texts  # 制发并公开 1 个 = 1 and 1
    assert "未接到" not in texts and "没有发生" not in texts


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda p: p.name)
def test_every_word_layout_gives_the_same_findings(seed_result, layout):
    r = lint_file(str(layout), LintOptions())
    assert r.error is None, r.error
    assert r.profile == "seed-2018" and r.year == 2018
    assert signature(r) == signature(seed_result)


def test_layouts_exist():
    names = {p.name for p in LAYOUTS}
    assert {"seed-typed.docx", "seed-headings.docx", "seed-numbered.docx", "seed-tracked.docx", "seed-split.docx"} <= names


def test_tracked_layout_reports_tracked_changes_as_info():
    r = lint_file(str(FIXTURES / "seed" / "seed-tracked.docx"), LintOptions())
    r001 = [f for f in r.findings if f.code == "R001"]
    assert len(r001) == 1 and r001[0].severity == "info"


def _seed_with_cell(tmp_path: Path, label: str, new_value: str) -> Path:
    text = SEED_TXT.read_text(encoding="utf-8")
    pattern = re.compile(rf"^({re.escape(label)}\t[^\t\n]*\t)(\S+)$", re.M)
    new, n = pattern.subn(rf"\g<1>{new_value}", text, count=1)
    assert n == 1, label
    p = tmp_path / "seed-changed.txt"
    p.write_text(new, encoding="utf-8")
    return p


def test_zero_normative_documents_disclosed_contradicts_the_text(tmp_path):
    p = _seed_with_cell(tmp_path, "其中：主动公开规范性文件数", "0")
    r = lint_file(str(p), LintOptions())
    n = [f for f in r.findings if f.code == "N001" and f.numbers.get("cell") == "stats.active.normative"]
    assert len(n) == 1, [f.code for f in r.findings]
    msg = n[0].text("zh")
    assert "1" in msg and "0" in msg and "主动公开规范性文件数" in msg
    assert n[0].numbers["text"] == 1 and n[0].numbers["table"] == 0


def test_breaking_a_sum_is_a_T_error_with_the_arithmetic(tmp_path):
    p = _seed_with_cell(tmp_path, "3.网络申请数", "2")
    r = lint_file(str(p), LintOptions())
    t = [f for f in r.findings if f.code == "T001"]
    assert t and all(f.severity == "error" for f in t)
    msg = t[0].text("zh")
    assert "收到申请数" in msg and "网络申请数" in msg and "0 + 0 + 2 + 0 = 2" in msg
