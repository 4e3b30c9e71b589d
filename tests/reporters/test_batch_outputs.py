"""The reviewer's outputs for a batch: the dashboard (index of --format html -o DIR), the
xlsx workbook (read back with openpyxl) and the findings as CSV."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys

from lintutil import FIXTURES
from report_lint.model.findings import FileResult, Finding, Location
from report_lint.model.summary import ReportSummary
from report_lint.report.csv import render as render_csv
from report_lint.report.dashboard import SORT_HASH, SORT_SCRIPT, render_dashboard
from report_lint.report.xlsx import render_bytes

BATCH = FIXTURES / "crossyear" / "batch"


def cli(*args: str) -> subprocess.CompletedProcess:
    p = subprocess.run([sys.executable, "-m", "report_lint", *args], capture_output=True, timeout=300, env=dict(os.environ))
    assert b"Traceback" not in p.stderr, p.stderr.decode("utf-8", "replace")
    return p


HOSTILE = '=HYPERLINK("http://x","<script>alert(1)</script>")'


def hostile_results() -> list[FileResult]:
    f = Finding("Y001", "error", {"zh": HOSTILE, "en": HOSTILE}, Location(block=1), excerpt="@SUM(A1)", numbers={"a": 1})
    a = FileResult(path="a<b>.docx", profile="gov-2021", year=2022, findings=[f])
    a.summary = ReportSummary(path=a.path, agency='<img src=x onerror="alert(1)">局', agency_key="x局", year=2022)
    a.previous = "old.docx"
    a.link = {"previous": "old.docx", "current": a.path, "how": "explicit", "agency": "x局", "previous_year": 2021, "current_year": 2022}
    b = FileResult(path="b.docx", profile="gov-2021", year=2021)
    b.summary = ReportSummary(
        path=b.path, agency="+乙局", agency_key="乙局", year=2021, signing_date="2022-03-01", deadline="2022-01-31", deadline_status="late"
    )
    return [a, b]


def test_workbook_reads_back(tmp_path):
    out = tmp_path / "summary.xlsx"
    p = cli(str(BATCH), "--format", "xlsx", "-o", str(out))
    assert p.returncode == 1, p.stderr
    from openpyxl import load_workbook

    wb = load_workbook(out)
    assert wb.sheetnames == ["报告", "问题", "跨年度关联"]
    reports = list(wb["报告"].iter_rows(values_only=True))
    head = reports[0]
    assert head[:4] == ("机关", "年度", "文件", "规则集") and "上年报告" in head and "是否按期" in head and "Y 跨年度" in head
    rows = {r[head.index("文件")]: r for r in reports[1:]}
    assert len(rows) == 9
    s23 = rows[str(BATCH / "shichang-2023.docx")]
    assert s23[0] == "示例市市场监督管理局" and s23[1] == 2023
    assert s23[head.index("上年报告")] == str(BATCH / "shichang-2022.docx")
    assert s23[head.index("Y 跨年度")] == 1 and s23[head.index("跨年度核对")] == "有错误"
    assert rows[str(BATCH / "jiaotong-2021.docx")][head.index("跨年度核对")] == "无上年报告"
    assert rows[str(BATCH / "jiaotong-2023.docx")][head.index("跨年度核对")] == "一致"
    findings = list(wb["问题"].iter_rows(values_only=True))
    assert findings[0][:6] == ("文件", "机关", "年度", "规则", "级别", "说明")
    assert sorted(r[3] for r in findings[1:]) == ["Y001", "Y002"]
    assert len(list(wb["跨年度关联"].iter_rows(values_only=True))) == 7


def test_workbook_never_stores_a_formula():
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(render_bytes(hostile_results(), "en")))
    assert wb.sheetnames == ["Reports", "Findings", "Links"]
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    msgs = [r[5] for r in wb["Findings"].iter_rows(min_row=2, values_only=True)]
    assert msgs == [HOSTILE]


def test_csv_of_findings():
    text = render_csv(hostile_results(), "zh")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == ["文件", "机关", "年度", "规则", "级别", "说明", "位置", "原文", "数值", "修改建议"]
    assert len(rows) == 2
    assert rows[1][5] == "'" + HOSTILE and rows[1][7] == "'@SUM(A1)" and rows[1][3] == "Y001"
    p = cli(str(BATCH), "--format", "csv")
    got = list(csv.reader(io.StringIO(p.stdout.decode("utf-8-sig"))))
    assert sorted(r[3] for r in got[1:]) == ["Y001", "Y002"]


def test_dashboard_grid_is_agency_by_year_and_script_safe():
    page = render_dashboard(hostile_results(), "zh")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert page.count("<script>") == 1 and SORT_SCRIPT in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert f"'{SORT_HASH}'" in csp and "default-src 'none'" in csp
    assert "PingFang SC" in page and "Microsoft YaHei" in page and "Noto Sans CJK SC" in page and "SimSun" in page
    grid = page[page.index('id="grid"') : page.index("</table>")]
    assert grid.count("<tr>") == 1 + 2  # header + one row per agency
    assert ">2021年<" in grid and ">2022年<" in grid
    assert 'data-crossyear="error"' in page and "0001-a-b.html" in page


def test_site_index_is_the_dashboard(tmp_path):
    site = tmp_path / "site"
    p = cli(str(BATCH), "--format", "html", "-o", str(site))
    assert p.returncode == 1
    index = (site / "index.html").read_text(encoding="utf-8")
    grid = index[index.index('id="grid"') : index.index("</table>")]
    assert grid.count("<tr>") == 4  # header + 3 agencies
    assert all(f">{y}年<" in grid for y in (2021, 2022, 2023))
    assert grid.count('class="cell"') == 9
    assert grid.count('data-crossyear="ok"') == 4 and grid.count('data-crossyear="none"') == 3
    assert grid.count('data-crossyear="error"') == 1 and grid.count('data-crossyear="warning"') == 1
    pages = sorted(x.name for x in site.glob("0*.html"))
    assert len(pages) == 9 and all(name in index for name in pages)


def test_xlsx_needs_an_output_file():
    p = cli(str(BATCH / "jiaotong-2021.docx"), "--format", "xlsx")
    assert p.returncode == 2 and b"-o summary.xlsx" in p.stderr
