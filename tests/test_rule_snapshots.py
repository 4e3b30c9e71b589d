"""Each bad fixture's findings of its rule, as the drafter reads them: code, place and
Chinese message, kept in ``fixtures/rules/CODE-bad.snap`` beside MANIFEST.toml.

A change to a message or to where a finding points shows up here as a diff of plain
text. When the change is intended, refresh the snapshots and commit them:

    REPORT_LINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_rule_snapshots.py

A rule whose fixtures have no snapshot yet fails with that same command. Only the
fixture's own code is kept, so a new rule elsewhere never changes another rule's snapshot.
"""

from __future__ import annotations

import os

import pytest

from test_rule_fixtures import FIXTURE_CODES, RULES_DIR, args_of, bad_path, lint

UPDATE = os.environ.get("REPORT_LINT_UPDATE_SNAPSHOTS") == "1"
HOW = "REPORT_LINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_rule_snapshots.py"


def snapshot_path(code: str):
    return RULES_DIR / f"{code}-bad.snap"


def render(code: str, result) -> str:
    lines = [
        f"# {code}: findings of {code} on its bad fixture (code, place, message). Refresh: {HOW}",
    ]
    for f in result.findings:
        if f.code != code:
            continue
        place = f.location.describe("zh") or "-"
        message = f.message["zh"].replace("\n", " ")
        lines.append(f"{f.code}\t{f.severity}\t{place}\t{message}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("code", FIXTURE_CODES)
def test_bad_fixture_matches_its_snapshot(code, tmp_path):
    result = lint(str(bad_path(code, tmp_path)), args_of(code))
    got = render(code, result)
    path = snapshot_path(code)
    if UPDATE:
        if not path.exists() or path.read_text(encoding="utf-8") != got:
            path.write_text(got, encoding="utf-8")
        return
    assert path.exists(), f"{code}: no snapshot {path.name} yet; create it with {HOW} and commit it"
    want = path.read_text(encoding="utf-8")
    assert got == want, f"{code}: findings differ from {path.name} (if intended: {HOW})"


def test_no_snapshot_without_a_fixture():
    stale = sorted(p.name for p in RULES_DIR.glob("*.snap") if p.name.removesuffix("-bad.snap") not in FIXTURE_CODES)
    assert not stale, f"snapshots of codes without a bad fixture: {stale}"
