"""Shared builders for the reporter tests, and tests of the shared reporter helpers.

The builders make FileResults directly (no readers, no real rules) so the reporters
are tested on exactly the shapes they promise to handle. ``fake_rules`` swaps the
rule registry for two fake rules for the duration of a test, so the catalogue is
known and other helpers' rules never leak in (nor ours into theirs).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from report_lint.checks import catalogue as registry
from report_lint.model.findings import FileError, FileResult, Finding, Location
from report_lint.report.i18n import STRINGS, severity_label, t
from report_lint.model.document import Cell, DocumentBuilder
from report_lint.report.render import FORMATS, get_reporter, render
from report_lint.report.common import ReportOptions, fingerprints, logical_parts, one_line, opt, totals

HOSTILE = Path(__file__).resolve().parents[2] / "fixtures" / "hostile"


class FakeTotal(registry.Rule):
    code = "T901"
    name = "fake-total"
    severity = "error"
    summary = {"zh": "总计不等于各项之和（测试）", "en": "Total is not the sum (test)"}
    doc = {"zh": "测试用规则。\n\n第二段 <b>说明</b>。", "en": "A test rule.\n\nSecond <b>paragraph</b>."}
    bad = "总计 5 = 2 + 2"
    good = "总计 4 = 2 + 2"


class FakeNarrative(registry.Rule):
    code = "N901"
    name = "fake-narrative"
    severity = "warning"
    summary = {"zh": "正文数字与表格不一致（测试）", "en": "Narrative differs from table (test)"}
    doc = {"zh": "测试用规则。", "en": "A test rule."}


@pytest.fixture
def fake_rules(monkeypatch):
    monkeypatch.setattr(registry, "REGISTRY", {"T901": FakeTotal(), "N901": FakeNarrative()})
    return registry.REGISTRY


PARA2 = "2018年共收到政府信息公开申请12件，办结12件。"
PHRASE = "12件"
P_START = PARA2.index(PHRASE)


def sample_document(path: str = "reports/司法局2018.docx"):
    b = DocumentBuilder(path, "docx")
    b.paragraph("石嘴山市司法局2018年政府信息公开工作年度报告")  # 0
    b.paragraph("一、总体情况")  # 1
    b.paragraph(PARA2)  # 2
    b.paragraph("三、依申请公开情况")  # 3
    b.table(  # 4: a merged header cell and a row-spanning label
        3,
        3,
        [
            Cell(0, 0, "项目", colspan=2),
            Cell(0, 2, "数量"),
            Cell(1, 0, "申请", rowspan=2),
            Cell(1, 1, "收到申请"),
            Cell(1, 2, "10"),
            Cell(2, 1, "总计"),
            Cell(2, 2, "7"),
        ],
    )
    b.paragraph("联系电话：0952-2020515")  # 5
    return b.doc


def sample_findings() -> list[Finding]:
    return [
        Finding(
            "T901",
            "error",
            {"zh": "总计 7 不等于各项之和 10", "en": "total 7 is not the sum 10"},
            Location(block=4, table=4, row=2, col=2, section="三", row_label="总计", col_label="数量"),
            excerpt="7",
            numbers={"expected": 10, "actual": 7},
            fix={"zh": "把总计改为 10", "en": "change the total to 10"},
        ),
        Finding(
            "N901",
            "warning",
            {"zh": "正文写 12 件，表格为 10 件", "en": "text says 12, table says 10"},
            Location(block=2, section="一", start=P_START, end=P_START + len(PHRASE)),
            excerpt=PHRASE,
        ),
        Finding("N901", "info", {"zh": "缺少第六部分（测试）", "en": "section six missing (test)"}, Location()),
    ]


def sample_result(path: str = "reports/司法局2018.docx") -> FileResult:
    return FileResult(path, "seed-2018", 2018, None, sample_findings(), sample_document(path), None)


def failed_result(path: str = "reports\\旧格式.doc") -> FileResult:
    return FileResult(path, error=FileError("ole-doc", {"zh": "这是旧版 .doc 文件，请另存为 .docx", "en": "old .doc file; save as .docx"}))


def clean_result(path: str = "reports/clean.txt") -> FileResult:
    return FileResult(path, "base-2008", 2015, None, [], sample_document(path), None)


def hostile_result(name: str = "html-injection.txt") -> FileResult:
    """A text report made from a hostile fixture, with a finding on every line."""
    raw = (HOSTILE / name).read_bytes().decode("utf-8")  # keep lone \r: read_text would turn it into \n
    lines = raw.split("\n")
    b = DocumentBuilder(f"fixtures/hostile/{name}", "txt")
    findings = []
    for i, line in enumerate(lines):
        if not line:
            continue
        p = b.paragraph(line, line=i + 1)
        half = max(1, len(line) // 2)
        findings.append(
            Finding(
                "N901",
                "warning",
                {"zh": f"可疑文字：{line}", "en": f"suspicious text: {line}"},
                Location(block=p.index, line=i + 1, start=0, end=half),
                excerpt=line,
                fix={"zh": f"删除 {line}", "en": f"remove {line}"},
            )
        )
    b.table(1, 2, [Cell(0, 0, lines[2]), Cell(0, 1, lines[3])])
    findings.append(
        Finding(
            "T901",
            "error",
            {"zh": lines[3], "en": lines[3]},
            Location(block=b.doc.blocks[-1].index, table=b.doc.blocks[-1].index, row=0, col=1),
            excerpt=lines[3],
        )
    )
    return FileResult(f"fixtures/hostile/{name}", "base-2008", 2021, None, findings, b.doc, None)


# ---------------------------------------------------------------- tests of the helpers


def test_every_format_has_a_reporter(fake_rules):
    results = [sample_result(), failed_result()]
    for fmt in FORMATS:
        out = render(results, fmt, "zh", ReportOptions())
        assert isinstance(out, str) and out.strip(), fmt
        assert get_reporter(fmt.upper()) is get_reporter(fmt)


def test_unknown_format_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown output format"):
        get_reporter("yaml")


def test_options_from_dataclass_dict_object_or_none():
    assert opt(ReportOptions(color=True), "color") is True
    assert opt({"color": True}, "color") is True
    assert opt(None, "color", False) is False
    assert opt(object(), "statistics", "x") == "x"


def test_totals_count_findings_and_failed_files():
    tot = totals([sample_result(), failed_result(), clean_result()])
    assert tot == {"files": 3, "error": 1, "warning": 1, "info": 1, "failed": 1}


def test_one_line_removes_escapes_and_line_breaks():
    s = one_line("a\x1b[31mb\r\nc\x00d\u2028e\x9b")
    assert "\x1b" not in s and "\n" not in s and "\r" not in s and "\x00" not in s and "\u2028" not in s
    assert "\x9b" not in s
    assert s.startswith("a") and "b" in s and "e" in s


def test_logical_parts_for_cell_and_paragraph():
    assert logical_parts(Location(block=12, table=12, row=4, col=2, section="三")) == ["三", "table@12", "row 5", "col 3"]
    assert logical_parts(Location(block=3, section="一/（二）")) == ["一/（二）", "block@3"]
    assert logical_parts(Location()) == []


def test_fingerprints_ignore_block_and_line_shifts():
    a = sample_findings()
    b = sample_findings()
    for f in b:
        if f.location.block is not None:
            f.location.block += 5
            f.location.table = f.location.block if f.location.table is not None else None
            f.location.line = 99
    assert fingerprints(a) == fingerprints(b)


def test_fingerprints_differ_by_code_excerpt_and_occurrence():
    f1 = Finding("T901", "error", {"zh": "x"}, Location(section="三"), excerpt="7")
    f2 = Finding("N901", "error", {"zh": "x"}, Location(section="三"), excerpt="7")
    f3 = Finding("T901", "error", {"zh": "x"}, Location(section="三"), excerpt="8")
    fps = fingerprints([f1, f2, f3, f1])
    assert len(set(fps)) == 4
    assert fingerprints([f1])[0] == fps[0]


def test_i18n_has_both_languages_for_every_string():
    for key, entry in STRINGS.items():
        assert entry.get("zh") and entry.get("en"), key
    assert severity_label("warning", "zh") == "警告"
    assert severity_label("warning", "en") == "warning"
    assert t("summary.none", "fr") == t("summary.none", "zh")
