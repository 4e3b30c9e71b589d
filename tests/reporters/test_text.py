"""The terminal reporter: one headline per finding, detail lines, summary, statistics."""

from __future__ import annotations

from report_lint.model.findings import Finding, Location
from report_lint.report.common import ReportOptions
from report_lint.report.render import render

from .test_common import (  # noqa: F401  (fake_rules is a fixture)
    clean_result,
    failed_result,
    fake_rules,
    hostile_result,
    sample_result,
)


def test_headlines_details_and_summary_in_chinese(fake_rules):
    out = render([sample_result()], "text", "zh")
    lines = out.splitlines()
    assert "reports/司法局2018.docx:b4:r3c3: T901 [error] 总计 7 不等于各项之和 10" in lines
    assert "reports/司法局2018.docx:b2: N901 [warning] 正文写 12 件，表格为 10 件" in lines
    # A finding with no place: just the path.
    assert "reports/司法局2018.docx: N901 [info] 缺少第六部分（测试）" in lines
    i = lines.index("reports/司法局2018.docx:b4:r3c3: T901 [error] 总计 7 不等于各项之和 10")
    assert lines[i + 1] == "  位置：第三部分，表格（块4）「总计」行「数量」列"
    assert lines[i + 2] == "  原文：7"
    assert lines[i + 3] == "  数值：应为=10, 表中为=7"
    assert lines[i + 4] == "  修改建议：把总计改为 10"
    assert lines[-1] == "共 3 个问题：错误 1，警告 1，提示 1"


def test_english(fake_rules):
    out = render([sample_result()], "text", "en")
    assert "T901 [error] total 7 is not the sum 10" in out
    assert "  Suggested fix: change the total to 10" in out
    assert out.splitlines()[-1] == "Found 3 problems: 1 errors, 1 warnings, 1 info"


def test_line_number_is_used_when_known():
    f = Finding("N901", "warning", {"zh": "消息"}, Location(block=7, line=42))
    r = clean_result("a.txt")
    r.findings = [f]
    assert render([r], "text", "zh").startswith("a.txt:42: N901 [warning] 消息\n")


def test_unreadable_file_is_one_line_and_counted():
    out = render([failed_result()], "text", "zh")
    assert out.splitlines()[0] == "reports\\旧格式.doc: 无法检查（ole-doc）：这是旧版 .doc 文件，请另存为 .docx"
    assert out.splitlines()[-1] == "未发现问题；无法检查的文件 1 个"
    en = render([failed_result()], "text", "en").splitlines()
    assert en[0].startswith("reports\\旧格式.doc: could not check (ole-doc): ")


def test_clean_file_says_so():
    assert render([clean_result()], "text", "zh") == "未发现问题\n"
    assert render([clean_result()], "text", "en") == "No problems found\n"


def test_colour_only_when_asked(fake_rules):
    plain = render([sample_result()], "text", "zh", ReportOptions(color=False))
    assert "\x1b" not in plain
    coloured = render([sample_result()], "text", "zh", ReportOptions(color=True))
    assert "\x1b[31m" in coloured and "\x1b[0m" in coloured
    # Colour changes decoration only.
    import re

    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_hostile_text_cannot_forge_lines_or_send_escapes():
    r = hostile_result("control-chars.txt")
    out = render([r], "text", "zh")
    assert "\x1b" not in out and "\x07" not in out and "\x00" not in out and "\r" not in out and "\x9b" not in out
    headlines = [ln for ln in out.splitlines() if not ln.startswith("  ")]
    # One headline per finding plus the summary: the fake "E999 [error]" line did not become one.
    assert len(headlines) == len(r.findings) + 1
    assert not any(ln.startswith("伪造") for ln in out.splitlines())


def test_statistics_counts_per_rule_sorted_by_count(fake_rules):
    a, b = sample_result(), sample_result("other.docx")
    out = render([a, b], "text", "zh", ReportOptions(statistics=True))
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["4", "N901", "[warning]", "fake-narrative"]
    assert lines[1].split()[:4] == ["2", "T901", "[error]", "fake-total"]
    assert "正文数字与表格不一致（测试）" in lines[0]
    assert lines[-1] == "共 6 个问题：错误 2，警告 2，提示 2"
    en = render([a], "text", "en", {"statistics": True})
    assert "Narrative differs from table (test)" in en


def test_statistics_for_unknown_codes_and_no_findings(fake_rules):
    r = clean_result()
    r.findings = [Finding("S777", "warning", {"zh": "x"})]
    out = render([r], "text", "zh", ReportOptions(statistics=True))
    assert out.splitlines()[0].split() == ["1", "S777", "[warning]"]
    assert render([clean_result()], "text", "zh", ReportOptions(statistics=True)) == "未发现问题\n"
