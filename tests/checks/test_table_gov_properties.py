"""Hypothesis properties of the national tables (issue: 2019/2021 formats).

The official 2021 template, filled by scripts/fill_template.py, is read once; each example
writes generated values into copies of its cells, so the real merged layout is exercised.
"""

from __future__ import annotations

import copy
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_lint.checks.table import IdentitySum, InvalidValue
from report_lint.facts.context import LintContext
from report_lint.outline.build import build_outline
from report_lint.profiles.load import get_profile
from report_lint.read.dispatch import read_document

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import fill_template  # noqa: E402

CLEAN = ROOT / "fixtures" / "gov" / "filled-2021-clean.docx"
PROFILE = get_profile("gov-2021")


@pytest.fixture(scope="module")
def base():
    doc = read_document(CLEAN)
    ctx = LintContext(document=doc, outline=build_outline(doc), profile=PROFILE, year=2021)
    return doc, ctx.tables


def _with_values(doc, tables, values: dict):
    d = copy.deepcopy(doc)
    for key, v in values.items():
        tkey, _, ref = key.partition(".")
        row, _, col = ref.partition("@")
        cv = tables[tkey].get(row, col)
        if cv is not None:
            d.blocks[cv.block].cell_at(cv.row, cv.col).text = str(v)
    return d


def _findings(doc):
    ctx = LintContext(document=doc, outline=build_outline(doc), profile=PROFILE, year=2021)
    return [f for rule in (IdentitySum, InvalidValue) for f in rule().check(ctx)], ctx


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=10**6))
def test_any_consistent_filled_table_is_clean(base, seed):
    doc, tables = base
    values, _ = fill_template.generate(seed)
    found, _ = _findings(_with_values(doc, tables, values))
    assert found == []


ARITH_TABLES = ("requests", "appeals")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_single_changed_cell_is_reported_at_its_row_or_column(base, data):
    doc, tables = base
    tkey = data.draw(st.sampled_from(ARITH_TABLES))
    cells = sorted(tables[tkey].cells.values(), key=lambda c: (c.row_key, c.col_key))
    cv = data.draw(st.sampled_from(cells))
    delta = data.draw(st.integers(min_value=-5, max_value=5).filter(lambda x: x != 0))
    new = (cv.value or Decimal(0)) + delta
    d = copy.deepcopy(doc)
    d.blocks[cv.block].cell_at(cv.row, cv.col).text = str(new)
    found, _ = _findings(d)
    assert found, f"changing {tkey}.{cv.ref} by {delta} went unnoticed"
    hits = [f for f in found if f.location.table == cv.block and (f.location.row == cv.row or f.location.col == cv.col)]
    assert hits, [(f.code, f.location) for f in found]
    if new >= 0:
        # A single typo that stays a valid count is pinned to the very cell (its row and column meet there)
        # unless it only takes part in one identity (table 四's items), where the total names the row.
        exact = [f for f in found if (f.location.row, f.location.col) == (cv.row, cv.col)]
        assert exact or tkey == "appeals", [(f.code, f.location) for f in found]
