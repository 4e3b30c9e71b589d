"""JUnit XML for CI test tabs: one <testsuite> per file, one <testcase> per finding.

error/warning findings are <failure type="severity">; info findings are passing test
cases whose note goes to <system-out>; a clean file gets one passing test case so it
shows up at all; an unreadable file is an <error>.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from report_lint.model.findings import FileResult, Finding
from report_lint.report.i18n import t
from report_lint.report.common import (
    TOOL_NAME,
    format_numbers,
    forward_slashes,
    logical_parts,
    norm_severity,
    sorted_findings,
    strip_controls,
)


def _x(s: Any) -> str:
    # ElementTree escapes markup but happily writes characters XML forbids.
    return strip_controls(str(s))


def _details(f: Finding, lang: str) -> str:
    lines = [f.text(lang)]
    where = f.location.describe(lang)
    if where:
        lines.append(t("label.location", lang) + where)
    if f.excerpt:
        lines.append(t("label.excerpt", lang) + f.excerpt)
    nums = format_numbers(f.numbers, lang)
    if nums:
        lines.append(t("label.numbers", lang) + nums)
    if f.fix:
        lines.append(t("label.fix", lang) + f.fix_text(lang))
    return _x("\n".join(lines))


def _case_name(f: Finding) -> str:
    loc = f.location
    place = "/".join(logical_parts(loc))
    if loc.page is not None:
        place = f"{place} page {loc.page}".strip()
    if loc.line is not None:
        place = f"{place} line {loc.line}".strip()
    return _x(f"{f.code} {place}".strip())


def to_element(results: list[FileResult], lang: str = "zh") -> ET.Element:
    root = ET.Element("testsuites", {"name": TOOL_NAME})
    all_tests = all_failures = all_errors = 0
    for fr in results:
        path = _x(forward_slashes(fr.path))
        suite = ET.SubElement(root, "testsuite", {"name": path})
        tests = failures = errors = 0
        if fr.error is not None:
            case = ET.SubElement(suite, "testcase", {"classname": path, "name": _x(fr.error.code)})
            err = ET.SubElement(case, "error", {"type": _x(fr.error.code), "message": _x(fr.error.text(lang))})
            err.text = _x(t("file.error", lang, path=fr.path, code=fr.error.code, message=fr.error.text(lang)))
            tests += 1
            errors += 1
        for f in sorted_findings(fr):
            sev = norm_severity(f.severity)
            case = ET.SubElement(suite, "testcase", {"classname": path, "name": _case_name(f)})
            tests += 1
            if sev in ("error", "warning"):
                fail = ET.SubElement(case, "failure", {"type": sev, "message": _x(f.text(lang))})
                fail.text = _details(f, lang)
                failures += 1
            else:
                out = ET.SubElement(case, "system-out")
                out.text = _details(f, lang)
        if tests == 0:
            ET.SubElement(suite, "testcase", {"classname": path, "name": _x(t("junit.clean", lang))})
            tests = 1
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        all_tests += tests
        all_failures += failures
        all_errors += errors
    root.set("tests", str(all_tests))
    root.set("failures", str(all_failures))
    root.set("errors", str(all_errors))
    return root


def render(results: list[FileResult], lang: str = "zh", options: Any = None) -> str:
    root = to_element(results, lang)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
