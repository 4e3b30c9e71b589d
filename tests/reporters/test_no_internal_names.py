"""Every message a user reads uses the labels of the format, never an internal name.

Every fixture (and the one-line form of the 2021 report, where tables cannot be read) is
rendered in every output a person reads (text, JUnit, GitHub annotations; the HTML page's
visible text) in both languages. The output may hold ASCII only as a rule code, a number, a
URL, an e-mail address, a file name or a path; in Chinese output, nothing else (no key such
as ``cases`` or ``section=overview``); in English output, no internal key of a profile
(section, table, row and column keys, identity keys) and no snake_case, dotted or
``row@col`` identifier.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from report_lint.checks.catalogue import RULES
from report_lint.lint import LintOptions, lint_file
from report_lint.profiles.load import load_profiles
from report_lint.read.dispatch import read_document
from report_lint.model.findings import SEVERITIES
from report_lint.report.common import format_numbers
from report_lint.report.i18n import t
from report_lint.report.render import render

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
FILES = sorted(
    p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".docx", ".html", ".md") and "hostile" not in p.parts and p.stem != "README"
)

CODES = {r.code for r in RULES} | {a for r in RULES for a in r.aliases}
NAMES = {r.name for r in RULES}
ALLOWED = re.compile(
    r"https?://\S+"  # URL
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)*"  # e-mail (also a broken one quoted from the document)
    r"|(?:[\w-]+\.)+(?:cn|com|net|org)\b|\.(?:cn|com|net|org)\b"  # domain names
    r"|(?:[\w.-]*/)*[\w.-]+\.(?:txt|docx|html?|md|pdf|json|toml|xlsx)\b"  # file name / path
    r"|[0-9][0-9A-Za-z.:+-]*"  # numbers, dates, times, 3.5万
    r"|[A-Z]\d{3}"  # rule codes
    r"|r\d+c\d+|b\d+|L\d+"  # text reporter's block/row/col references (b4:r3c2)
)
ASCII_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.@-]*")
ZH_OK = {"PDF", "HTML", "Word", "WPS", "Excel", "CI", "UTF-8", "GBK", "URL", "SARIF", "JSON", "docx", "txt", "Tab", "TAB"}


def _internal_keys() -> set[str]:
    keys: set[str] = set()
    for prof in load_profiles().values():
        keys.update(s.key for s in prof.sections)
        keys.update(getattr(i, "key", "") for i in prof.identities)
        for tab in prof.tables:
            keys.add(tab.key)
            keys.update(r.key for r in tab.rows)
            keys.update(c.key for c in tab.cols)
    return {k for k in keys if k and not k.isdigit()}


INTERNAL = _internal_keys()


def _bad_words(text: str, lang: str, source: str) -> list[str]:
    text = ALLOWED.sub(" ", text)
    bad = []
    for m in ASCII_WORD.finditer(text):
        w = m.group(0).strip(".-")
        if not w or w in CODES or w in source:  # a word quoted from the document is its own
            continue
        if lang == "zh":
            if w not in ZH_OK and w not in NAMES and w not in SEVERITIES:
                bad.append(w)
        elif "_" in w or "@" in w or re.fullmatch(r"[a-z]{2,}(?:\.[a-z_]{2,})+", w):
            bad.append(w)
    if lang == "en":
        bad += [v for v in re.findall(r"=([A-Za-z_][\w.@-]*)", text) if v in INTERNAL]
    return bad


def _source_text(path: Path) -> str:
    doc = read_document(path)
    return "\n".join(getattr(b, "text", "") for b in doc.blocks) + str(path)


def _without_excerpts(out: str, lang: str) -> str:
    label = t("label.excerpt", lang).strip()
    return "\n".join(ln for ln in out.splitlines() if not ln.strip().startswith(label))


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    out = [(p, lint_file(str(p), LintOptions())) for p in FILES]
    flat = tmp_path_factory.mktemp("flat") / "oneline.txt"
    flat.write_text((FIXTURES / "gov" / "report-2021.txt").read_text(encoding="utf-8").replace("\n", " "), encoding="utf-8")
    out.append((flat, lint_file(str(flat), LintOptions())))
    return out, {p: _source_text(p) for p, _ in out}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["text", "junit", "github"])
def test_outputs_name_no_internal_key(results, fmt, lang):
    results, sources = results
    problems = {}
    for path, res in results:
        if not res.findings:
            continue
        out = _without_excerpts(render([res], fmt, lang), lang)
        if fmt == "junit":
            out = html.unescape(re.sub(r"<[^>]+>", " ", out))
        elif fmt == "github":
            out = re.sub(r"(?m)^::\w+ [^:]*::", " ", out)  # the workflow command itself
        bad = _bad_words(out, lang, sources[path])
        if bad:
            problems[path.name] = sorted(set(bad))[:10]
    assert problems == {}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_notes_name_no_internal_key(results, lang):
    """The HTML page shows the document itself; its notes are the findings' texts."""
    results, sources = results
    problems = {}
    for path, res in results:
        for f in res.findings:
            shown = " ".join((f.text(lang), f.fix_text(lang), f.location.describe(lang), format_numbers(f.numbers, lang)))
            bad = _bad_words(shown, lang, sources[path])
            if bad:
                problems.setdefault(path.name, set()).update(bad)
    assert problems == {}
