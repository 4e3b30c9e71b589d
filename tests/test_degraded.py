"""A degradation of form never creates an error-level finding.

Every clean fixture (the seed, filled official templates over many seeds, the public 2019 and
2021 reports, the corpus reports without a real error-level defect) is degraded the ways
real reports arrive (``tests/degrade.py``: Word plain-text save, a browser's copy, one line,
tabs lost, page furniture, full/half width, a table split over two pages — and every pair of
them). The degraded form may lose findings only where it says so (a T008-style warning, or a
structure warning naming run-together text), and may not gain an error. Defects whose
numbers stay in order (a changed cell of table 三, a changed 总计 of table 四, a narrative
figure) are still caught in every form.

Hypothesis examples: ``REPORT_LINT_DEGRADED_EXAMPLES`` (default 3) filled-template seeds. The
corpus reports with real defects are degraded too (against their own clean findings).
"""

from __future__ import annotations

import collections
import importlib.util
import os
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_lint.lint import LintOptions, lint_file
from report_lint.report.render import render

sys.path.insert(0, str(Path(__file__).resolve().parent))
import degrade  # noqa: E402
from lintutil import FIXTURES, ROOT, SHARED  # noqa: E402

EXAMPLES = int(os.environ.get("REPORT_LINT_DEGRADED_EXAMPLES", "3"))

FORMS: list[tuple[str, ...]] = [(n,) for n in degrade.DEGRADATIONS] + degrade.pairs()

CLEAN = [
    FIXTURES / "seed" / "seed.txt",
    FIXTURES / "seed" / "seed-typed.docx",
    FIXTURES / "gov" / "filled-2021-clean.docx",
    FIXTURES / "gov" / "report-2019.txt",
    FIXTURES / "gov" / "report-2021.txt",
]
# Corpus reports whose MANIFEST lists no error-level defect (arithmetic consistent, headings
# complete); the others are degraded too, against their own clean findings, below.
CORPUS_CLEAN = ["text/015.txt", "text/021.txt", "html/80576.html", "html/80613.html"]

READ_LOSS = ("T007", "T008")
"""Codes that say what could not be read: a degraded form may lose findings behind them."""


def _spec():
    spec = importlib.util.spec_from_file_location("fill_template", ROOT / "scripts" / "fill_template.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fill_template", mod)
    spec.loader.exec_module(mod)
    return mod


fill_template = _spec()


def lint_text(tmp: Path, text: str, name: str = "report.txt"):
    p = tmp / name
    p.write_text(text, encoding="utf-8")
    return lint_file(str(p), LintOptions()).findings


def errors(findings) -> collections.Counter:
    return collections.Counter(f.code for f in findings if f.severity == "error")


def says_what_it_lost(findings) -> bool:
    return any(f.code in READ_LOSS or (f.severity == "warning" and "文本未分段" in f.text("zh")) for f in findings)


def form_text(path: Path, form: tuple[str, ...], seed: int = 0) -> str:
    base = degrade.word_text(path, "missing" if form[0] == "copy-paste" else "empty")
    return degrade.apply(base, form, seed)


def check_invariant(path: Path, tmp: Path, forms=FORMS, seed: int = 0) -> list[str]:
    clean = lint_file(str(path), LintOptions()).findings
    base = errors(clean)
    problems = []
    for form in forms:
        text = form_text(path, form, seed)
        assert degrade.words(text).count("报告") >= 1  # the words are still there
        got = lint_text(tmp, text)
        new = errors(got) - base
        if new:
            detail = "; ".join(f"{f.code} {f.text('zh')[:80]}" for f in got if f.severity == "error" and f.code in new)
            problems.append(f"{path.name} {'+'.join(form)}: new errors {dict(new)}: {detail}")
        lost = base - errors(got)
        if lost and not says_what_it_lost(got):
            problems.append(f"{path.name} {'+'.join(form)}: lost {dict(lost)} without saying what it could not read")
    return problems


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_degraded_fixture_gains_no_error(path: Path, tmp_path: Path):
    assert check_invariant(path, tmp_path) == []


@pytest.mark.parametrize("name", CORPUS_CLEAN)
def test_degraded_corpus_report_gains_no_error(name: str, tmp_path: Path):
    path = SHARED / "corpus" / name
    if not path.exists():
        pytest.skip("shared corpus not present")
    assert check_invariant(path, tmp_path) == []


def _other_corpus() -> list[str]:
    base = SHARED / "corpus"
    names = sorted(str(p.relative_to(base)) for p in [*base.glob("text/*.txt"), *base.glob("html/*.html")]) if base.exists() else []
    return [n for n in names if n not in CORPUS_CLEAN]


@pytest.mark.parametrize("name", _other_corpus())
def test_degraded_corpus_report_with_defects_gains_no_error(name: str, tmp_path: Path):
    """The corpus reports with real defects: degraded forms keep them, add none."""
    assert check_invariant(SHARED / "corpus" / name, tmp_path) == []


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=2, max_value=10_000))
def test_degraded_filled_template_gains_no_error(seed: int, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("filled")
    values, narrative = fill_template.generate(seed)
    doc = tmp / "filled.docx"
    fill_template.fill(values, narrative, doc, template=fill_template.ensure_template(), seed=seed)
    assert check_invariant(doc, tmp, seed=seed) == []


# -- defects survive the forms that keep the numbers in order ---------------------------


def _defect_docs(tmp: Path) -> dict[str, tuple[Path, str]]:
    """name → (document, code that must fire)."""
    values, narrative = fill_template.generate(7)
    out = {}
    sum_doc = tmp / "sum.docx"
    fill_template.fill(values, narrative, sum_doc, defect="sum", template=fill_template.ensure_template(), seed=7)
    out["table-3-cell"] = (sum_doc, "T001")
    bad = dict(values)
    bad["appeals.cases@direct.total"] = int(bad["appeals.cases@direct.total"]) + 1
    total_doc = tmp / "appeals-total.docx"
    fill_template.fill(bad, narrative, total_doc, template=fill_template.ensure_template(), seed=7)
    out["table-4-total"] = (total_doc, "T001")
    narr_doc = tmp / "narrative.docx"
    fill_template.fill(values, narrative, narr_doc, defect="narrative", template=fill_template.ensure_template(), seed=7)
    out["narrative-figure"] = (narr_doc, "N001")
    return out


def test_defects_caught_in_every_form(tmp_path: Path):
    """Every form keeps the numbers in order, so every defect is still caught: table rows
    whose cells were written once per merge, whose tabs became spaces, or which ran onto one
    line are read where their numbers count exactly the format's columns."""
    missed = []
    for name, (doc, code) in _defect_docs(tmp_path).items():
        assert code in {f.code for f in lint_file(str(doc), LintOptions()).findings}, name
        for form in FORMS:
            got = lint_text(tmp_path, form_text(doc, form))
            if code not in {f.code for f in got}:
                missed.append(f"{name} {'+'.join(form)}: {code} not reported")
    assert missed == []


def test_unfilled_template_gives_a_handful_of_findings():
    template = fill_template.ensure_template()
    result = lint_file(str(template), LintOptions(keep_document=True))
    findings = result.findings
    assert len(findings) <= 10, collections.Counter(f.code for f in findings)
    blank = [f for f in findings if f.code == "T004"]
    assert len(blank) == 3 and all("表格尚未填写" in f.text("zh") for f in blank)
    # One finding per table, but the HTML page still outlines every blank cell.
    cells = sum(len(f.numbers["cells"]) for f in blank)
    assert cells == 200
    page = render([result], "html", "zh")
    assert len(re.findall(r'<td class="flagged sev-warning', page)) == cells


def test_one_line_2021_report_has_no_error(tmp_path: Path):
    """The check of ../shared/hooks/before-stop: newlines replaced by spaces."""
    text = (FIXTURES / "gov" / "report-2021.txt").read_text(encoding="utf-8").replace("\n", " ")
    assert errors(lint_text(tmp_path, text)) == collections.Counter()
