"""The reviewer's dashboard (index.html of --format html -o DIR) in a real browser: the
agency × year grid, sorting, the links to each report's page, nothing requested from
elsewhere and no script but the page's own."""

from __future__ import annotations

import os
import subprocess
import sys

from lintutil import FIXTURES

BATCH = FIXTURES / "crossyear" / "batch"


def make_site(tmp_path):
    site = tmp_path / "site"
    p = subprocess.run(
        [sys.executable, "-m", "report_lint", str(BATCH), "--format", "html", "-o", str(site)],
        capture_output=True,
        timeout=300,
        env=dict(os.environ),
    )
    assert b"Traceback" not in p.stderr and p.returncode == 1, p.stderr.decode("utf-8", "replace")
    return site


def test_dashboard_sorts_and_links_to_reports(tmp_path, watched):
    site = make_site(tmp_path)
    index = site / "index.html"
    url = watched.open(index)
    page = watched.page
    agencies = lambda: page.locator("#grid tbody tr td.agency").all_inner_texts()  # noqa: E731
    assert sorted(agencies()) == agencies() and len(agencies()) == 3
    # sort by the number of cross-year issues, descending (click twice)
    btn = page.locator("#grid thead th", has_text="跨年度问题").locator("button.sort")
    btn.click()
    btn.click()
    assert page.locator("#grid thead th[aria-sort=descending]").count() == 1
    first_two = agencies()[:2]
    assert sorted(first_two) == sorted(["示例市市场监督管理局", "示例县人民政府办公室"])
    # sort by agency name (the browser's Chinese collation), then reversed
    by_name = page.locator("#grid thead th", has_text="机关").first.locator("button.sort")
    by_name.click()
    ascending = agencies()
    by_name.click()
    assert agencies() == ascending[::-1] and sorted(ascending) == sorted(first_two + [a for a in ascending if a not in first_two])
    # the broken carry-over: the 2023 cell of 市场监督管理局 says so and opens that report
    row = page.locator("#grid tbody tr", has_text="示例市市场监督管理局")
    cell = row.locator("td").nth(6)  # agency, worst, errors, cross-year issues, 2021, 2022, 2023
    assert cell.locator("[data-crossyear=error]").count() == 1
    cell.locator("a").first.click()
    page.wait_for_load_state("load")
    report_url = page.url
    assert report_url != url and "shichang-2023" in report_url
    assert page.locator("[data-code=Y001]").count() >= 1
    page.locator("a[href='index.html']").click()
    page.wait_for_load_state("load")
    assert page.url == url
    assert page.evaluate("window.__pwned") is None
    watched.assert_quiet(url, report_url)


def test_dashboard_without_script_still_shows_everything(tmp_path, browser):
    site = make_site(tmp_path)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site / "index.html").resolve().as_uri(), wait_until="load")
        assert page.locator("#grid tbody tr").count() == 3
        assert page.locator("#reports tbody tr").count() == 9
        font = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert "PingFang SC" in font and "Microsoft YaHei" in font and "Noto Sans CJK SC" in font
    finally:
        context.close()
