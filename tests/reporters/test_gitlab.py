"""GitLab Code Quality JSON."""

from __future__ import annotations

import json
import re

from report_lint.report.render import render

from .test_common import clean_result, failed_result, hostile_result, sample_result


def test_shape_and_severity_mapping():
    data = json.loads(render([sample_result(), clean_result()], "gitlab", "zh"))
    assert isinstance(data, list) and len(data) == 3
    for issue in data:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert issue["location"]["path"] == "reports/司法局2018.docx"
        assert issue["location"]["lines"]["begin"] == 1
    assert [(i["check_name"], i["severity"]) for i in data] == [("N901", "info"), ("N901", "minor"), ("T901", "major")]
    assert data[2]["description"] == "总计 7 不等于各项之和 10（第三部分，表格（块4）「总计」行「数量」列）"


def test_fingerprints_unique_and_stable_and_lines_used():
    a = json.loads(render([sample_result(), sample_result("b.docx"), hostile_result()], "gitlab", "en"))
    b = json.loads(render([sample_result(), sample_result("b.docx"), hostile_result()], "gitlab", "en"))
    assert a == b
    assert len({i["fingerprint"] for i in a}) == len(a)
    hostile = [i for i in a if i["location"]["path"].startswith("fixtures/hostile/")]
    assert any(i["location"]["lines"]["begin"] > 1 for i in hostile)


def test_unreadable_file_is_reported():
    (issue,) = json.loads(render([failed_result()], "gitlab", "zh"))
    assert issue["check_name"] == "ole-doc" and issue["severity"] == "critical"
    assert issue["location"]["path"] == "reports/旧格式.doc"
