"""One message shape: a rule's ``messages`` are zh/en templates (and fixes) per variant over
the finding's fields. Both languages of a variant must state the same facts, so that
neither silently drops a number the other gives."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from report_lint.checks.catalogue import all_rules
from report_lint.checks import registry
from report_lint.checks.registry import render

KEYS = {"zh", "en", "fix_zh", "fix_en"}
WITH_MESSAGES = [r for r in all_rules() if r.messages]

ZH_ONLY = {"label", "subtopics", "fee_words"}
"""Facts only the Chinese message gives: the report's own label (电话/传真) quoted after the
number, which the English message words as "the number"; the names of the overview's
sub-topics (S011: 依申请公开、政府信息管理), which it words as "sub-topics"; the phrases a fee
statement would use (F002: 未收取信息处理费 …), which it leaves out."""


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def facts(template: str) -> set[str]:
    """The fields a template states, a language's own wording (``date_zh``, ``kind_en``)
    counted as the fact it words (``date``, ``kind``)."""
    return {name.removesuffix("_zh").removesuffix("_en") for name in fields(template)}


def test_every_rule_states_its_messages_as_templates():
    # The one message shape: every rule of every family declares its messages as templates.
    for r in all_rules():
        assert r.messages, f"{r.code} has no message templates"


def test_no_rule_writes_a_message_outside_its_templates():
    # ``Rule.finding`` (literal zh/en strings) is the constructor ``Rule.report`` calls after
    # rendering the templates; a rule module that called it would bypass its templates.
    checks = Path(registry.__file__).parent
    for module in sorted(checks.glob("*.py")):
        if module.name != "registry.py":
            assert ".finding(" not in module.read_text(encoding="utf-8"), module.name


@pytest.mark.parametrize("rule", WITH_MESSAGES, ids=lambda r: r.code)
def test_templates_are_well_formed(rule):
    for variant, t in rule.messages.items():
        assert t.keys() <= KEYS, f"{rule.code}/{variant}: unknown keys {sorted(t.keys() - KEYS)}"
        assert t.get("zh") and t.get("en"), f"{rule.code}/{variant}: needs zh and en"
        assert facts(t["zh"]) - ZH_ONLY == facts(t["en"]), f"{rule.code}/{variant}: zh and en state different fields"
        assert ("fix_zh" in t) == ("fix_en" in t), f"{rule.code}/{variant}: a fix in one language only"
        if "fix_zh" in t:
            assert facts(t["fix_zh"]) == facts(t["fix_en"]), f"{rule.code}/{variant}: fixes state different fields"
        sample = {name: f"<{name}>" for key in t for name in fields(t[key])}
        out = render(t, sample)
        assert all("{" not in out[k] or "{" in t[k].replace("{{", "") for k in out)


def test_render_fills_every_template():
    out = render({"zh": "共{n}件", "en": "{n} items", "fix_zh": "改为{m}", "fix_en": "write {m}"}, {"n": 3, "m": 4})
    assert out == {"zh": "共3件", "en": "3 items", "fix_zh": "改为4", "fix_en": "write 4"}
