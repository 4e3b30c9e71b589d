"""The JSON reporter: the exact shape other tools rely on, and determinism."""

from __future__ import annotations

import json
from decimal import Decimal

from report_lint import __version__
from report_lint.model.findings import Finding, Location
from report_lint.report.render import render

from .test_common import clean_result, failed_result, sample_result


def test_exact_shape_and_key_order():
    out = render([sample_result(), failed_result()], "json", "zh")
    data = json.loads(out)
    assert list(data) == ["tool", "files", "links", "summary"]
    assert data["links"] == []  # cross-year links of the batch (none here)
    assert data["tool"] == {"name": "report-lint", "version": __version__}
    f0, f1 = data["files"]
    assert list(f0) == ["path", "profile", "year", "error", "findings", "agency", "previous"]
    assert f0["agency"] is None and f0["previous"] is None
    assert f0["path"] == "reports/司法局2018.docx" and f0["profile"] == "seed-2018" and f0["year"] == 2018
    assert f0["error"] is None
    assert f1["error"] == {"code": "ole-doc", "message": "这是旧版 .doc 文件，请另存为 .docx"}
    assert f1["path"] == "reports\\旧格式.doc" and f1["findings"] == []
    assert list(data["summary"])[:4] == ["files", "error", "warning", "info"]
    assert data["summary"] == {"files": 2, "error": 1, "warning": 1, "info": 1, "failed": 1}


def test_findings_are_finding_to_dict_in_sort_key_order():
    r = sample_result()
    data = json.loads(render([r], "json", "en"))
    expected = [f.to_dict("en") for f in sorted(r.findings, key=lambda f: f.sort_key())]
    assert data["files"][0]["findings"] == expected
    assert [x["code"] for x in data["files"][0]["findings"]] == ["N901", "N901", "T901"]


def test_chinese_is_written_as_is_and_output_is_deterministic():
    a = render([sample_result(), clean_result()], "json", "zh")
    b = render([sample_result(), clean_result()], "json", "zh")
    assert a == b
    assert "总计 7 不等于各项之和 10" in a and "\\u" not in a
    assert a.endswith("}\n") and a.startswith('{\n  "tool"')


def test_unusual_numbers_are_serialised():
    r = clean_result()
    r.findings = [
        Finding("T901", "error", {"zh": "x"}, Location(block=4), numbers={"sum": Decimal("10"), "ratio": Decimal("0.50"), "rows": {3, 1}})
    ]
    nums = json.loads(render([r], "json", "zh"))["files"][0]["findings"][0]["numbers"]
    assert nums == {"sum": 10, "ratio": "0.50", "rows": ["1", "3"]}
