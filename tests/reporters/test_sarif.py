"""SARIF 2.1.0: schema-valid, full catalogue, stable fingerprints, notifications.

tests/data/sarif-schema-2.1.0.json is a copy of /work/shared/schemas/sarif-schema-2.1.0.json
(the OASIS SARIF 2.1.0 schema) so these tests do not depend on the shared folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from report_lint.model.findings import Finding, Location
from report_lint.report.render import render
from report_lint.report.sarif import FINGERPRINT_KEY, artifact_location

from .test_common import (  # noqa: F401  (fake_rules is a fixture)
    clean_result,
    failed_result,
    fake_rules,
    hostile_result,
    sample_result,
)

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def sarif(results, lang="zh"):
    data = json.loads(render(results, "sarif", lang))
    jsonschema.validate(data, SCHEMA)
    return data


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_schema_valid_with_findings_failures_and_clean_files(fake_rules, lang):
    data = sarif([sample_result(), failed_result(), clean_result(), hostile_result()], lang)
    assert data["version"] == "2.1.0"


def test_catalogue_and_rule_indices(fake_rules):
    run = sarif([sample_result()])["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["N901", "T901"]
    t = rules[1]
    assert t["name"] == "fake-total"
    assert t["shortDescription"]["text"] == "总计不等于各项之和（测试）"
    assert t["fullDescription"]["text"].startswith("测试用规则。")
    assert "总计 5 = 2 + 2" in t["help"]["markdown"] and t["help"]["text"]
    assert t["defaultConfiguration"]["level"] == "error"
    assert rules[0]["defaultConfiguration"]["level"] == "warning"
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    assert [r["level"] for r in run["results"]] == ["note", "warning", "error"]


def test_codes_missing_from_catalogue_still_get_a_rule(fake_rules):
    r = clean_result()
    r.findings = [Finding("S777", "warning", {"zh": "x"}, Location(block=1))]
    run = sarif([r])["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    res = run["results"][0]
    assert rules[res["ruleIndex"]]["id"] == "S777"


def test_locations_physical_logical_and_region_only_with_lines(fake_rules):
    run = sarif([sample_result(), hostile_result()])["runs"][0]
    cell = run["results"][2]["locations"][0]
    assert cell["physicalLocation"]["artifactLocation"] == {
        "uri": "reports/%E5%8F%B8%E6%B3%95%E5%B1%802018.docx",
        "uriBaseId": "%SRCROOT%",
    }
    assert "region" not in cell["physicalLocation"]  # a .docx has no lines
    assert cell["logicalLocations"] == [{"name": "col 3", "fullyQualifiedName": "三/table@4/row 3/col 3", "kind": "member"}]
    assert "logicalLocations" not in run["results"][0]["locations"][0]
    texty = [r for r in run["results"] if "hostile" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]]
    with_line = [r for r in texty if "region" in r["locations"][0]["physicalLocation"]]
    assert with_line and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in with_line)


def test_message_and_properties(fake_rules):
    res = sarif([sample_result()])["runs"][0]["results"][2]
    assert res["message"]["text"] == "总计 7 不等于各项之和 10"
    assert res["properties"]["fix"] == "把总计改为 10"
    assert res["properties"]["numbers"] == {"expected": 10, "actual": 7}
    assert res["properties"]["place"] == "第三部分，表格（块4）「总计」行「数量」列"


def test_fingerprints_stable_across_runs_and_edits_elsewhere(fake_rules):
    a = sarif([sample_result()])["runs"][0]["results"]
    shifted = sample_result()
    for f in shifted.findings:
        if f.location.block is not None:
            f.location.block += 3
            if f.location.table is not None:
                f.location.table += 3
    b = sarif([shifted])["runs"][0]["results"]
    fa = sorted(r["partialFingerprints"][FINGERPRINT_KEY] for r in a)
    fb = sorted(r["partialFingerprints"][FINGERPRINT_KEY] for r in b)
    assert fa == fb and len(set(fa)) == 3


def test_unreadable_files_become_notifications(fake_rules):
    run = sarif([failed_result(), sample_result()])["runs"][0]
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    (n,) = inv["toolExecutionNotifications"]
    assert n["level"] == "error" and n["descriptor"]["id"] == "ole-doc"
    assert n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "reports/%E6%97%A7%E6%A0%BC%E5%BC%8F.doc"
    ok = sarif([sample_result()])["runs"][0]["invocations"][0]
    assert ok == {"executionSuccessful": True}


def test_artifact_locations():
    assert artifact_location("./a b/报告.docx") == {"uri": "a%20b/%E6%8A%A5%E5%91%8A.docx", "uriBaseId": "%SRCROOT%"}
    assert artifact_location("/srv/r.docx") == {"uri": "file:///srv/r.docx"}
    assert artifact_location("C:\\r\\x.docx") == {"uri": "file:///C:/r/x.docx"}
