"""Every rule has a report that triggers it and a clean one that does not.

The pairs live in fixtures/rules/ as plain files anyone can open and lint by hand; their
MANIFEST.toml says which file belongs to which rule. This test holds the catalogue and
the fixtures together: a rule registered without fixtures fails here by name, and so
does a fixture that stops triggering its rule or a clean report that starts to.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from report_lint.checks.catalogue import all_rules, get_rule
from report_lint.model.findings import FileResult
from report_lint.lint import LintOptions, lint_file

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python < 3.11
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
RULES_DIR = ROOT / "fixtures" / "rules"
MANIFEST = tomllib.loads((RULES_DIR / "MANIFEST.toml").read_text(encoding="utf-8"))

ENTRY_KEYS = {"bad", "good", "generate", "base", "args", "skip", "note", "previous"}
ARG_FIELDS = {"--profile": ("profile", str), "--year": ("year", int), "--agency-kind": ("agency_kind", str)}

FIXTURE_CODES = sorted(code for code, e in MANIFEST.items() if "skip" not in e)


def options_from(args: list[str]) -> LintOptions:
    """LintOptions from the manifest's command-line style args."""
    if len(args) % 2:
        raise ValueError(f"args must be option/value pairs: {args}")
    kw: dict = {}
    for flag, value in zip(args[::2], args[1::2]):
        if flag not in ARG_FIELDS:
            raise ValueError(f"unsupported option {flag} (supported: {', '.join(ARG_FIELDS)})")
        name, conv = ARG_FIELDS[flag]
        kw[name] = conv(value)
    return LintOptions(**kw)


@lru_cache(maxsize=None)
def lint(path: str, args: tuple[str, ...], previous: str = "") -> FileResult:
    # Cached: the shared clean reports are linted once for all the rules that use them.
    result = lint_file(path, options_from(list(args)))
    if previous:
        # A cross-year rule (Y) compares with last year's report: the batch stage, as
        # `report-lint PATH --previous PREVIOUS` runs it.
        from copy import deepcopy

        from report_lint.batch.crossyear import cross_check

        result = deepcopy(result)
        prev = lint_file(previous, LintOptions())
        assert prev.summary is not None, f"{previous}: no summary"
        cross_check([result], {path: prev.summary})
    return result


def previous_of(code: str) -> str:
    p = MANIFEST[code].get("previous")
    return str(RULES_DIR / p) if p else ""


def _generate(kind: str, base: Path, dest: Path) -> Path:
    data = base.read_bytes()
    if kind == "invalid-bytes":
        # 0xFF starts no UTF-8 sequence and is no GB18030 lead byte, so both decodings
        # fail and the reader must fall back to replacement. Inserted after the first
        # line break, never at the start, where FF FE would read as a UTF-16 BOM.
        cut = data.index(b"\n") + 1
        dest.write_bytes(data[:cut] + b"\xff" + data[cut:])
        return dest
    raise ValueError(f"unknown generator {kind!r}")


def bad_path(code: str, tmp_path: Path) -> Path:
    entry = MANIFEST[code]
    if "generate" in entry:
        return _generate(entry["generate"], RULES_DIR / entry["base"], tmp_path / f"{code}-bad.txt")
    return RULES_DIR / entry["bad"]


def args_of(code: str) -> tuple[str, ...]:
    return tuple(MANIFEST[code].get("args", ()))


def found(result: FileResult) -> str:
    """The findings in a line, for assertion messages."""
    return ", ".join(f"{f.code}/{f.severity}" for f in result.findings) or "none"


# -- the manifest covers the catalogue -------------------------------------------------


def test_every_registered_rule_has_fixtures():
    registered = {r.code for r in all_rules()}
    missing = sorted(registered - set(MANIFEST))
    assert not missing, "rules without an entry in fixtures/rules/MANIFEST.toml: " + ", ".join(f"{c} ({get_rule(c).name})" for c in missing)


def test_manifest_names_only_registered_rules():
    registered = {r.code for r in all_rules()}
    unknown = sorted(set(MANIFEST) - registered)
    assert not unknown, f"manifest entries for codes no rule registers: {unknown}"


@pytest.mark.parametrize("code", sorted(MANIFEST))
def test_manifest_entry_is_well_formed(code):
    entry = MANIFEST[code]
    assert set(entry) <= ENTRY_KEYS, f"{code}: unknown keys {sorted(set(entry) - ENTRY_KEYS)}"
    if "skip" in entry:
        assert entry["skip"].strip(), f"{code}: a skipped code must say why"
        assert not ({"bad", "good", "generate"} & set(entry)), f"{code}: skipped but lists fixtures"
        return
    assert entry.get("note", "").strip(), f"{code}: no note saying what the defect is"
    assert ("bad" in entry) != ("generate" in entry), f"{code}: give exactly one of bad / generate"
    files = [entry["good"], entry.get("bad") or entry["base"]] + ([entry["previous"]] if "previous" in entry else [])
    for name in files:
        assert (RULES_DIR / name).is_file(), f"{code}: {name} does not exist"
    options_from(list(entry.get("args", [])))  # raises on an unsupported option


def test_every_fixture_file_is_used():
    used = set()
    for entry in MANIFEST.values():
        for key in ("bad", "good", "base", "previous"):
            if key in entry:
                used.add((RULES_DIR / entry[key]).resolve())
    present = {p.resolve() for p in RULES_DIR.iterdir() if p.suffix in (".txt", ".docx", ".html", ".md") and p.name != "README.md"}
    orphans = sorted(p.name for p in present - used)
    assert not orphans, f"fixtures no manifest entry uses: {orphans}"


# -- each pair does what it says ---------------------------------------------------------


@pytest.mark.parametrize("code", FIXTURE_CODES)
def test_bad_fixture_triggers_rule(code, tmp_path):
    path = bad_path(code, tmp_path)
    result = lint(str(path), args_of(code), previous_of(code))
    assert result.error is None, f"{code}: {path.name} could not be linted: {result.error}"
    assert code in {f.code for f in result.findings}, f"{code}: {path.name} does not trigger it (found: {found(result)})"


@pytest.mark.parametrize("code", FIXTURE_CODES)
def test_bad_fixture_has_no_other_errors(code, tmp_path):
    # One defect per file: another error-level finding means the fixture tests more than
    # its rule, or a rule fires where it should not.
    path = bad_path(code, tmp_path)
    result = lint(str(path), args_of(code), previous_of(code))
    others = sorted({f.code for f in result.findings if f.severity == "error" and f.code != code})
    assert not others, f"{code}: {path.name} also has errors {others}"


@pytest.mark.parametrize("code", FIXTURE_CODES)
def test_good_fixture_does_not_trigger_rule(code):
    good = RULES_DIR / MANIFEST[code]["good"]
    result = lint(str(good), args_of(code), previous_of(code))
    assert result.error is None, f"{code}: {good.name} could not be linted: {result.error}"
    hits = [f for f in result.findings if f.code == code]
    assert not hits, f"{code} fires on the clean file {good.name}: " + "; ".join(f.text("en") for f in hits)


@pytest.mark.parametrize("code", FIXTURE_CODES)
def test_bad_and_good_use_the_same_profile(code, tmp_path):
    # The pair differs by the defect only; a different profile would compare other rules.
    bad = lint(str(bad_path(code, tmp_path)), args_of(code))
    good = lint(str(RULES_DIR / MANIFEST[code]["good"]), args_of(code))
    assert (bad.profile, bad.year) == (good.profile, good.year), f"{code}: bad {bad.profile}/{bad.year}, good {good.profile}/{good.year}"


@pytest.mark.parametrize("good", sorted({e["good"] for e in MANIFEST.values() if "good" in e}))
def test_clean_files_have_no_errors(good):
    result = lint(str(RULES_DIR / good), ())
    assert result.error is None, f"{good} could not be linted: {result.error}"
    errors = [f for f in result.findings if f.severity == "error"]
    assert not errors, f"{good} has errors: " + "; ".join(f"{f.code} {f.text('en')}" for f in errors)


@pytest.mark.parametrize(
    "name, profile",
    [("clean-2021.txt", "gov-2021"), ("clean-2019.txt", "gov-2019"), ("clean-2018.txt", "seed-2018")],
)
def test_clean_reports_pick_their_profile(name, profile):
    # --profile auto must choose the format the clean report was written for, or its
    # pairs would exercise the wrong profile's rules.
    assert lint(str(RULES_DIR / name), ()).profile == profile


# -- R900 has no document that triggers it --------------------------------------------------


def test_rule_failure_is_reported_as_r900(monkeypatch):
    rule = get_rule("F005")

    def boom(ctx):
        raise RuntimeError("forced failure")

    monkeypatch.delenv("REPORT_LINT_DEBUG", raising=False)
    monkeypatch.setattr(rule, "check", boom)
    result = lint_file(str(RULES_DIR / "clean-2021.txt"), LintOptions())
    r900 = [f for f in result.findings if f.code == "R900"]
    assert result.error is None
    assert len(r900) == 1 and "F005" in r900[0].text("en"), found(result)
