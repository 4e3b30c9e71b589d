"""JUnit XML: suites per file, failures per finding, errors for unreadable files."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from report_lint.report.render import render

from .test_common import clean_result, failed_result, hostile_result, sample_result


def parse(results, lang="zh"):
    return ET.fromstring(render(results, "junit", lang).encode("utf-8"))


def test_counts_per_suite_and_total():
    root = parse([sample_result(), failed_result(), clean_result()])
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["reports/司法局2018.docx", "reports/旧格式.doc", "reports/clean.txt"]
    s0, s1, s2 = suites
    assert (s0.get("tests"), s0.get("failures"), s0.get("errors")) == ("3", "2", "0")
    assert len(s0.findall("testcase")) == 3 and len(s0.findall("testcase/failure")) == 2
    assert (s1.get("tests"), s1.get("failures"), s1.get("errors")) == ("1", "0", "1")
    assert (s2.get("tests"), s2.get("failures"), s2.get("errors")) == ("1", "0", "0")
    assert root.get("tests") == "5" and root.get("failures") == "2" and root.get("errors") == "1"


def test_failure_details():
    root = parse([sample_result()])
    cases = root.findall("testsuite/testcase")
    assert all(c.get("classname") == "reports/司法局2018.docx" for c in cases)
    t = [c for c in cases if c.get("name").startswith("T901")][0]
    assert t.get("name") == "T901 三/table@4/row 3/col 3"
    fail = t.find("failure")
    assert fail.get("type") == "error" and fail.get("message") == "总计 7 不等于各项之和 10"
    assert "修改建议：把总计改为 10" in fail.text and "数值：应为=10, 表中为=7" in fail.text
    info = [c for c in cases if c.find("failure") is None]
    assert len(info) == 1 and "缺少第六部分" in info[0].find("system-out").text


def test_unreadable_and_clean():
    root = parse([failed_result(), clean_result()], "en")
    err = root.find("testsuite/testcase/error")
    assert err.get("type") == "ole-doc" and err.get("message") == "old .doc file; save as .docx"
    clean = root.findall("testsuite")[1].findall("testcase")
    assert len(clean) == 1 and list(clean[0]) == [] and clean[0].get("name") == "no problems"


def test_control_characters_do_not_break_xml():
    r = hostile_result("control-chars.txt")
    root = parse([r, hostile_result()])
    assert len(root.findall("testsuite/testcase")) == len(r.findings) + len(hostile_result().findings)
