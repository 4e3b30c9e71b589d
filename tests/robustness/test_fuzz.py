"""Fuzzing the whole pipeline in-process: random Word documents, random bytes and
damaged copies of a real .docx and of real PDFs go through ``lint_file``; nothing may escape, every
error must be a known code, and no rule may crash (R900) or the linter hit its
last-resort ``internal-error``.

Examples per test: REPORT_LINT_FUZZ_EXAMPLES (default 60, kept small for CI).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings

from report_lint.lint import LintOptions, lint_file

from . import FIXTURES, KNOWN_ERROR_CODES, has_cjk
from .strategies import docx_documents, mutated_docx, mutated_xml_docx, random_bytes

N = int(os.environ.get("REPORT_LINT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=N,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    database=None,
)
BASE_DOCX = (FIXTURES / "seed" / "seed-numbered.docx").read_bytes()
TRACKED_DOCX = (FIXTURES / "seed" / "seed-tracked.docx").read_bytes()
# a LibreOffice export (compressed streams, tables) and a real published report
BASE_PDF = (FIXTURES / "pdf" / "filled-2021-clean.pdf").read_bytes()
REAL_PDF = (FIXTURES / "pdf" / "huaian-2024.pdf").read_bytes()

_DIR = tempfile.mkdtemp(prefix="report-lint-fuzz-")
atexit.register(shutil.rmtree, _DIR, True)


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch):
    # With REPORT_LINT_DEBUG set the linter re-raises; the promise under test is the
    # default behaviour a drafter gets.
    monkeypatch.delenv("REPORT_LINT_DEBUG", raising=False)


def check(data: bytes, name: str) -> None:
    path = Path(_DIR) / name
    path.write_bytes(data)
    result = lint_file(str(path), LintOptions())
    if result.error is not None:
        code = result.error.code
        assert code != "internal-error", f"internal error on {name}: {result.error.message['en']}"
        assert code in KNOWN_ERROR_CODES, code
        zh = result.error.message.get("zh", "")
        assert zh and "\n" not in zh and has_cjk(zh), result.error
        assert result.findings == []
    else:
        assert isinstance(result.findings, list)
        crashed = [f for f in result.findings if f.code == "R900"]
        assert not crashed, [f.message["en"] for f in crashed]
        for f in result.findings:
            assert f.severity in ("error", "warning", "info")
            assert f.text("zh")
    assert path.read_bytes() == data, "the linter modified its input"


@FUZZ
@given(docx_documents())
def test_random_word_documents(data):
    check(data, "random.docx")


@FUZZ
@given(random_bytes())
@example(b"PK\x05\x06" + b"\0" * 18)  # an empty zip
@example(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600)  # OLE header with nonsense sectors
def test_random_bytes_as_docx(data):
    check(data, "random.docx")


@FUZZ
@given(random_bytes())
def test_random_bytes_as_text(data):
    check(data, "random.txt")


@FUZZ
@given(random_bytes())
def test_random_bytes_as_html(data):
    check(data, "random.html")


@FUZZ
@given(random_bytes())
def test_random_bytes_as_doc(data):
    check(data, "random.doc")


@FUZZ
@given(mutated_docx(BASE_DOCX))
def test_damaged_zip_bytes(data):
    check(data, "mutated.docx")


@FUZZ
@given(mutated_xml_docx(BASE_DOCX))
def test_damaged_document_xml(data):
    check(data, "mutated-xml.docx")


@FUZZ
@given(mutated_xml_docx(TRACKED_DOCX))
def test_damaged_tracked_changes(data):
    check(data, "mutated-tracked.docx")


@FUZZ
@given(random_bytes())
@example(b"%PDF-1.7\n")
@example(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF")
def test_random_bytes_as_pdf(data):
    check(data, "random.pdf")


@FUZZ
@given(mutated_docx(BASE_PDF))  # the byte mutator knows no format
def test_damaged_pdf_bytes(data):
    check(data, "mutated.pdf")


@FUZZ
@given(mutated_docx(REAL_PDF))
def test_damaged_real_pdf(data):
    check(data, "mutated-real.pdf")
