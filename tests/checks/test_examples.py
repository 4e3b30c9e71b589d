"""The rule's examples are its tests: every rule's ``bad`` example, linted as a text file
with the rule's ``example_args``, must fire the rule, and its ``good`` example must not.
An example that is a fragment of a report (``example_in``) is linted inside that clean
report of fixtures/rules/: the report itself is the good case, the report with ``good``
replaced by ``bad`` the bad one.

The runner is generic: a rule added to checks/catalogue.py is covered as soon as it has
examples. ``NOT_TEXT`` lists the rules whose examples cannot be a text file (what they
check is not in the words); ``NOT_YET`` the examples that are still descriptions rather
than report text. Both are strict: an entry that starts to pass fails, so it is removed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from report_lint.checks.catalogue import all_rules
from report_lint.lint import LintOptions, lint_file

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rules"

ARG_FIELDS = {"--profile": ("profile", str), "--year": ("year", int), "--agency-kind": ("agency_kind", str)}

NOT_TEXT = {
    "R001": "tracked changes exist only in a .docx (fixtures/seed/seed-tracked.docx, tests/readers)",
    "R002": "undecodable bytes cannot be written as a str (the MANIFEST generates them)",
    "R900": "fires only when another rule raises (tests/test_linter.py)",
    "Y001": "compares two reports of consecutive years (tests/test_crossyear.py)",
    "Y002": "compares two reports of consecutive years (tests/test_crossyear.py)",
    "Y003": "compares two reports of consecutive years (tests/test_crossyear.py)",
}

NOT_YET = {}

RULES = {r.code: r for r in all_rules()}


def options(rule, code: str) -> LintOptions:
    args = list(rule.example_args)
    if len(args) % 2:
        raise ValueError(f"{code}.example_args must be option/value pairs: {args}")
    kw: dict = {"select": (code,)}
    for flag, value in zip(args[::2], args[1::2]):
        if flag not in ARG_FIELDS:
            raise ValueError(f"{code}.example_args: unsupported option {flag} (supported: {', '.join(ARG_FIELDS)})")
        name, conv = ARG_FIELDS[flag]
        kw[name] = conv(value)
    return LintOptions(**kw)


def fired(rule, text: str, tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / f"{rule.code}-{name}.txt"
    path.write_text(text, encoding="utf-8")
    result = lint_file(str(path), options(rule, rule.code))
    assert result.error is None, f"{rule.code} {name} example could not be read: {result.error}"
    return [f.message["zh"] for f in result.findings if f.code == rule.code]


def _params():
    for code in sorted(RULES):
        if code in NOT_TEXT:
            continue
        marks = [pytest.mark.xfail(reason=NOT_YET[code], strict=True)] if code in NOT_YET else []
        yield pytest.param(code, marks=marks, id=code)


def texts(rule) -> tuple[str, str]:
    """The bad and the good document of a rule's examples."""
    if not rule.example_in:
        return rule.bad, rule.good
    base = (FIXTURES / rule.example_in).read_text(encoding="utf-8")
    assert rule.good in base, f"{rule.code}: the good example is not word for word in {rule.example_in}"
    return base.replace(rule.good, rule.bad, 1), base


@pytest.mark.parametrize("code", list(_params()))
def test_examples_run_through_their_rule(code, tmp_path):
    rule = RULES[code]
    assert rule.bad and rule.good, f"{code}: give the rule a bad and a good example (report text)"
    bad_text, good_text = texts(rule)
    bad = fired(rule, bad_text, tmp_path, "bad")
    good = fired(rule, good_text, tmp_path, "good")
    assert bad, f"{code}: the bad example does not fire the rule (example_args = {rule.example_args})"
    assert not good, f"{code}: the good example fires the rule: {good}"


def test_exception_lists_name_real_rules():
    assert set(NOT_TEXT) <= set(RULES) and set(NOT_YET) <= set(RULES)
    assert not set(NOT_TEXT) & set(NOT_YET)
