"""GitHub workflow commands and their escaping."""

from __future__ import annotations

from report_lint.model.findings import Finding, Location
from report_lint.report.render import render
from report_lint.report.github import command, escape_data, escape_property

from .test_common import clean_result, failed_result, hostile_result, sample_result


def test_escaping_per_spec():
    assert escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert escape_data("a:b,c") == "a:b,c"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    # Percent first: an already-encoded sequence must not be decoded by the runner.
    assert escape_data("%0A") == "%250A"


def test_command_shape():
    assert command("error", "msg", file="a,b:c.txt", line=3, title="T001") == "::error file=a%2Cb%3Ac.txt,line=3,title=T001::msg"
    assert command("notice", "m", file="x", line=None, title="") == "::notice file=x::m"


def test_one_annotation_per_finding_with_severity_commands():
    out = render([sample_result(), failed_result()], "github", "zh").splitlines()
    assert len(out) == 4
    assert out[0].startswith("::notice file=reports/司法局2018.docx,title=N901::缺少第六部分")
    assert out[1].startswith("::warning file=reports/司法局2018.docx,title=N901::正文写 12 件，表格为 10 件（第一部分，段落2）")
    assert out[2].startswith("::error file=reports/司法局2018.docx,title=T901::总计 7 不等于各项之和 10")
    assert "%0A修改建议：把总计改为 10" in out[2]
    assert out[3] == "::error file=reports/旧格式.doc,title=ole-doc::这是旧版 .doc 文件，请另存为 .docx"


def test_line_property_only_when_known():
    r = clean_result("r.txt")
    r.findings = [Finding("N901", "warning", {"en": "m", "zh": "m"}, Location(block=1, line=7))]
    assert render([r], "github", "en") == "::warning file=r.txt,line=7,title=N901::m (block 1, line 7)\n"


def test_hostile_text_cannot_start_its_own_command():
    r = hostile_result("workflow-commands.txt")
    out = render([r], "github", "zh")
    lines = out.splitlines()
    assert len(lines) == len(r.findings)
    assert all(ln.startswith(("::error file=fixtures/hostile/", "::warning file=fixtures/hostile/")) for ln in lines)
    assert "100%25" in out and "%250A%250D%2525" in out
    ctl = render([hostile_result("control-chars.txt")], "github", "zh")
    assert "\r" not in ctl and "\x1b" not in ctl and "\x00" not in ctl
    assert len(ctl.split("\n")) == len(hostile_result("control-chars.txt").findings) + 1
