"""A finding in a PDF names its page (and the line on it) in every output format;
findings in other formats carry no page at all."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from report_lint.lint import LintOptions, lint_file
from report_lint.report.render import render

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PDF = FIXTURES / "pdf" / "filled-2021-sum.pdf"
DOCX = FIXTURES / "gov" / "filled-2021-sum.docx"


@pytest.fixture(scope="module")
def pdf_result():
    r = lint_file(str(PDF), LintOptions(keep_document=True))
    assert r.error is None and r.findings
    return r


@pytest.fixture(scope="module")
def docx_result():
    return lint_file(str(DOCX), LintOptions(keep_document=True))


def _page(r) -> int:
    pages = {f.location.page for f in r.findings}
    assert len(pages) == 1 and None not in pages
    return pages.pop()


def test_location_has_page_and_line(pdf_result):
    for f in pdf_result.findings:
        assert f.location.page >= 1 and f.location.line >= 1


def test_json(pdf_result, docx_result):
    page = _page(pdf_result)
    data = json.loads(render([pdf_result], "json"))
    locs = [f["location"] for f in data["files"][0]["findings"]]
    assert all(loc["page"] == page and loc["line"] >= 1 for loc in locs)
    other = json.loads(render([docx_result], "json"))
    assert all("page" not in f["location"] for f in other["files"][0]["findings"])


def test_sarif(pdf_result, docx_result):
    page = _page(pdf_result)
    data = json.loads(render([pdf_result], "sarif"))
    for res in data["runs"][0]["results"]:
        phys = res["locations"][0]["physicalLocation"]
        assert phys["properties"]["page"] == page
        assert "region" not in phys  # a PDF has no source lines
    other = json.loads(render([docx_result], "sarif"))
    for res in other["runs"][0]["results"]:
        assert "properties" not in res["locations"][0]["physicalLocation"]


def test_text_and_text_en(pdf_result):
    page = _page(pdf_result)
    zh = render([pdf_result], "text")
    assert f":p{page}:" in zh and f"第{page}页第" in zh
    assert f"page {page}, line " in render([pdf_result], "text", lang="en")


def test_junit(pdf_result):
    page = _page(pdf_result)
    root = ET.fromstring(render([pdf_result], "junit"))
    names = [tc.get("name") for tc in root.iter("testcase")]
    assert any(f"page {page} line " in (n or "") for n in names), names


def test_github(pdf_result):
    page = _page(pdf_result)
    out = render([pdf_result], "github")
    assert f"第{page}页第" in out
    assert ",line=" not in out  # a PDF line is on a page, not in the file


def test_gitlab(pdf_result):
    page = _page(pdf_result)
    data = json.loads(render([pdf_result], "gitlab"))
    assert all(f"第{page}页第" in d["description"] for d in data)
    assert all(d["location"]["lines"]["begin"] == 1 for d in data)


def test_html(pdf_result):
    page = _page(pdf_result)
    html = render([pdf_result], "html")
    assert f"第{page}页第" in html
    # the report itself is rendered: its title and a table cell value
    assert "示例市示例局2021年政府信息公开工作年度报告" in html and "15574" in html
