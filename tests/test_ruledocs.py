from pathlib import Path

from report_lint.checks.registry import FAMILIES, selected
from report_lint.checks.catalogue import all_rules
from report_lint.report.ruledocs import explain, markdown

ROOT = Path(__file__).resolve().parents[1]


def test_docs_rules_md_is_up_to_date():
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == markdown(), "docs/rules.md is stale: run python scripts/gen_rule_docs.py"


def test_every_rule_is_documented_in_both_languages():
    rules = all_rules()
    assert len(rules) >= 25
    for r in rules:
        assert r.code[0] in FAMILIES
        assert r.summary.get("zh") and r.summary.get("en"), r.code
        assert r.doc.get("zh") and r.doc.get("en"), r.code
        assert r.severity in ("error", "warning", "info")


def test_explain_shows_examples():
    text = explain("F001", "zh")
    assert "会触发的例子" in text and "（文字描述）" in text
    assert explain("f001", "en").startswith("F001 (template-placeholder)")
    assert explain("X999") is None


def test_select_and_ignore_prefixes_like_ruff():
    assert selected("T001")
    assert selected("T001", select=["T"]) and not selected("N001", select=["T"])
    assert not selected("T001", ignore=["T"])
    assert selected("T001", select=["T001"], ignore=["T"])  # the more specific wins
    assert not selected("T001", select=["T"], ignore=["T001"])
    assert selected("C006", select=["ALL"]) and not selected("C006", select=["ALL"], ignore=["C"])
