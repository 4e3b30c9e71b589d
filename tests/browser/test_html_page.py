"""The reviewer's HTML page in a real browser (headless Chromium via Playwright).

Pages are made by the real command line, exactly as a user makes them; the JSON of the
same file is the expectation, so nothing here hard-codes what the rules find.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lintutil import FIXTURES, ROOT

ARTIFACTS = ROOT / "artifacts"
SEED_DOCX = FIXTURES / "seed" / "seed-numbered.docx"
FILLED_SUM = FIXTURES / "gov" / "filled-2021-sum.docx"
HOSTILE = FIXTURES / "hostile" / "html-injection.txt"

# Ways a document's text could try to run script if it were not escaped; each sets
# window.__pwned so the test can tell that none of them ran.
PWN_LINES = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '<svg onload="window.__pwned=3"></svg>',
    '<a href="javascript:window.__pwned=4" id="pwn-link">点击</a>',
    "</textarea></style></title><script>window.__pwned=5;alert(5)</script>",
)


def cli(*args: str) -> subprocess.CompletedProcess:
    p = subprocess.run([sys.executable, "-m", "report_lint", *args], capture_output=True, timeout=180, env=dict(os.environ))
    assert b"Traceback" not in p.stderr, p.stderr.decode("utf-8", "replace")
    return p


def make_page(src: Path, out_dir: Path, name: str = "page.html") -> tuple[Path, dict]:
    """The HTML page and the JSON of one file, both from the command line."""
    page = out_dir / name
    p = cli(str(src), "--format", "html", "--output", str(page))
    assert p.returncode in (0, 1), p.stderr.decode("utf-8", "replace")
    j = cli(str(src), "--format", "json")
    assert j.returncode == p.returncode
    data = json.loads(j.stdout.decode("utf-8"))
    assert len(data["files"]) == 1 and data["files"][0]["error"] is None
    return page, data["files"][0]


def hostile_seed(tmp_path: Path) -> Path:
    """The seed report with script-running markup next to and around its findings."""
    s = (FIXTURES / "seed" / "seed.txt").read_text(encoding="utf-8")
    phrase = "发布各类政府信息400余条"
    assert phrase in s
    s = s.replace(phrase, phrase + PWN_LINES[0] + PWN_LINES[1], 1)
    s = s.replace("一、总体公开工作情况概述", "一、总体公开工作情况概述" + PWN_LINES[2], 1)
    s += "\n" + "\n".join(PWN_LINES) + "\n"
    p = tmp_path / "hostile-seed.txt"
    p.write_text(s, encoding="utf-8")
    return p


def placed_count(file_json: dict, n_blocks: int) -> int:
    """html.py's rule for a mark in the text: location.block, else location.table, names a block that exists."""
    n = 0
    for f in file_json["findings"]:
        loc = f.get("location") or {}
        b = loc.get("block", loc.get("table"))
        n += isinstance(b, int) and 0 <= b < n_blocks
    return n


def block_count(page) -> int:
    # Every block of the document is rendered exactly once with id d1-b<index>.
    ids = page.eval_on_selector_all('[id^="d1-b"]', "els => els.map(e => e.id)")
    idx = sorted(int(m.group(1)) for i in ids if (m := re.fullmatch(r"d1-b(\d+)", i)))
    assert idx == list(range(len(idx))), "block ids must be 0..n-1, each once"
    return len(idx)


@pytest.fixture(params=["seed", "filled-sum", "hostile", "hostile-seed"])
def built(request, tmp_path):
    src = {
        "seed": SEED_DOCX,
        "filled-sum": FILLED_SUM,
        "hostile": HOSTILE,
        "hostile-seed": None,
    }[request.param]
    src = src or hostile_seed(tmp_path)
    page, data = make_page(src, tmp_path)
    return request.param, page, data


def test_marks_in_text_match_located_findings_and_nothing_leaves_the_page(built, watched):
    name, path, data = built
    url = watched.open(path)
    page = watched.page
    n_blocks = block_count(page)
    marked = page.locator("[data-finding]").count()
    assert marked == placed_count(data, n_blocks)
    if name in ("seed", "filled-sum", "hostile-seed"):
        assert marked > 0, "these fixtures have findings with a place in the text"
    # Every finding is listed, each list entry links to an existing target.
    assert page.locator("a.finding-link").count() == len(data["findings"])
    for href in page.eval_on_selector_all("a.finding-link", "els => els.map(e => e.getAttribute('href'))"):
        assert page.locator(f"[id='{href[1:]}']").count() == 1
    # The CSP lets exactly our script run: the filter bar it unhides is shown.
    if data["findings"]:
        assert page.locator("#filters").is_visible()
    watched.assert_quiet(url)


@pytest.mark.parametrize("src", [SEED_DOCX, FILLED_SUM], ids=["seed", "filled-sum"])
def test_clicking_a_finding_brings_its_place_into_view(src, tmp_path, watched):
    path, data = make_page(src, tmp_path)
    url = watched.open(path)
    page = watched.page
    targets = page.eval_on_selector_all(
        "a.finding-link",
        "els => els.map(e => e.getAttribute('href')).filter(h => document.getElementById(h.slice(1)).hasAttribute('data-finding'))",
    )
    assert targets, "fixture must have placed findings"
    for href in targets:
        page.evaluate("window.scrollTo(0, 0)")
        assert page.evaluate("window.scrollY") == 0
        page.locator(f"a.finding-link[href='{href}']").click()
        page.wait_for_function("h => location.hash === h", arg=href)
        top, bottom, inner, scrolled = page.evaluate(
            """h => { const r = document.getElementById(h.slice(1)).getBoundingClientRect();
                      return [r.top, r.bottom, window.innerHeight, window.scrollY]; }""",
            href,
        )
        assert scrolled > 0, f"{href}: the target is far below the list; the page must scroll"
        # Sub-pixel rounding can put the top a fraction above 0.
        assert -1 <= top and bottom <= inner + 1, (href, top, bottom, inner)
    watched.assert_quiet(url)


@pytest.mark.parametrize("src", [SEED_DOCX, FILLED_SUM], ids=["seed", "filled-sum"])
def test_clicked_target_is_not_hidden_under_the_filter_bar(src, tmp_path, watched):
    path, _ = make_page(src, tmp_path)
    watched.open(path)
    page = watched.page
    covered = []
    for href in page.eval_on_selector_all("a.finding-link", "els => els.map(e => e.getAttribute('href'))"):
        if page.locator(f"[id='{href[1:]}']").get_attribute("data-finding") is None:
            continue
        page.evaluate("window.scrollTo(0, 0)")
        page.locator(f"a.finding-link[href='{href}']").click()
        page.wait_for_function("h => location.hash === h", arg=href)
        hit = page.evaluate(
            """h => { const el = document.getElementById(h.slice(1)); const r = el.getBoundingClientRect();
                      const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                      return !!at && (at === el || el.contains(at)); }""",
            href,
        )
        if not hit:
            covered.append(href)
    assert not covered, f"targets covered by another element after the jump: {covered}"


@pytest.mark.parametrize("which", ["fixture", "seed"])
def test_hostile_text_is_text_and_runs_nothing(which, tmp_path, watched):
    src = HOSTILE if which == "fixture" else hostile_seed(tmp_path)
    path, data = make_page(src, tmp_path)
    url = watched.open(path)
    page = watched.page
    page.wait_for_timeout(300)  # give onerror/onload handlers, were any created, time to fire
    # The would-be javascript: link is text, not an element.
    assert page.locator("#pwn-link").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not watched.dialogs
    doc_text = page.locator("article.doc").inner_text()
    assert "<script>" in doc_text
    if which == "fixture":
        assert "<script>alert(1)</script>" in doc_text and "<img src=x onerror=alert(1)>" in doc_text
    else:
        for line in PWN_LINES:
            assert line in doc_text
    # Only the page's own script element; none of the injected elements exist in the DOM.
    assert page.locator("script").count() == 1
    for sel in ("img", "svg", "iframe", "base", "link", "textarea", "meta[http-equiv=refresh]"):
        assert page.locator(sel).count() == 0, sel
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert csp.count() == 1
    content = csp.get_attribute("content")
    assert "default-src 'none'" in content and re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", content)
    assert len(data["findings"]) == page.locator("a.finding-link").count()
    watched.assert_quiet(url)


@pytest.fixture
def two_file_page(tmp_path):
    """Both fixtures on one page (stdout), so errors and warnings of two families sit side by side."""
    p = cli(str(SEED_DOCX), str(FILLED_SUM), "--format", "html")
    assert p.returncode == 1
    page = tmp_path / "both.html"
    page.write_bytes(p.stdout)
    j = json.loads(cli(str(SEED_DOCX), str(FILLED_SUM), "--format", "json").stdout)
    return page, [f for fr in j["files"] for f in fr["findings"]]


def _visible(page, selector: str) -> list[bool]:
    loc = page.locator(selector)
    return [loc.nth(i).is_visible() for i in range(loc.count())]


def test_filters_hide_and_show_entries(two_file_page, watched):
    path, findings = two_file_page
    url = watched.open(path)
    page = watched.page
    sevs = {f["severity"] for f in findings}
    assert {"error", "warning"} <= sevs, "the two fixtures give both severities"
    n_warn = sum(f["severity"] == "warning" for f in findings)
    n_err = sum(f["severity"] == "error" for f in findings)
    assert _visible(page, ".finding-item.sev-warning") == [True] * n_warn

    page.locator("input[data-filter='sev-warning']").uncheck()
    assert _visible(page, ".finding-item.sev-warning") == [False] * n_warn
    assert _visible(page, ".note.sev-warning") == [False] * page.locator(".note.sev-warning").count()
    assert _visible(page, ".finding-item.sev-error") == [True] * n_err
    # A hidden mark stays in the text (the reader still reads it) but loses its highlight.
    mark = page.locator("mark.finding.sev-warning").first
    assert mark.is_visible()
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") in ("rgba(0, 0, 0, 0)", "transparent")

    page.locator("input[data-filter='sev-warning']").check()
    assert _visible(page, ".finding-item.sev-warning") == [True] * n_warn

    # Family filter: T (the table sums of the filled template) off, N stays.
    page.locator("input[data-filter='fam-T']").uncheck()
    assert not any(_visible(page, ".finding-item.fam-T"))
    assert all(_visible(page, ".finding-item.fam-N"))
    watched.assert_quiet(url)


def test_print_shows_every_finding_whatever_the_filters(two_file_page, watched):
    path, findings = two_file_page
    url = watched.open(path)
    page = watched.page
    for box in page.locator("input[data-filter]").all():
        box.uncheck()
    assert not any(_visible(page, ".finding-item"))
    page.emulate_media(media="print")
    assert _visible(page, ".finding-item") == [True] * len(findings)
    assert all(_visible(page, "[data-finding]"))
    assert not page.locator("#filters").is_visible()
    page.emulate_media(media="screen")
    assert not any(_visible(page, ".finding-item"))
    watched.assert_quiet(url)


def test_site_index_links_to_pages_without_requests_elsewhere(tmp_path, watched):
    site = tmp_path / "site"
    p = cli(str(SEED_DOCX), str(FILLED_SUM), str(HOSTILE), "--format", "html", "--output", str(site))
    assert p.returncode == 1
    index = site / "index.html"
    url = watched.open(index)
    page = watched.page
    links = page.locator("table.index a")
    assert links.count() == 3
    assert page.locator("script").count() == 1  # the dashboard's constant sorting script
    pages = []
    for i in range(3):
        watched.open(index)
        links.nth(i).click()
        page.wait_for_load_state("load")
        assert page.url != url and page.url.startswith(site.resolve().as_uri() + "/")
        pages.append(page.url)
        assert page.locator("section.report").count() == 1
        page.locator("a[href='index.html']").click()
        page.wait_for_load_state("load")
        assert page.url == url
    watched.assert_quiet(url, *pages)


@pytest.mark.parametrize("src,name", [(SEED_DOCX, "seed-numbered"), (FILLED_SUM, "filled-2021-sum")], ids=["seed", "filled-sum"])
def test_screenshots_for_the_reviewer(src, name, tmp_path, watched):
    path, _ = make_page(src, tmp_path)
    url = watched.open(path)
    ARTIFACTS.mkdir(exist_ok=True)
    first = ARTIFACTS / f"{name}.png"
    full = ARTIFACTS / f"{name}-full.png"
    watched.page.screenshot(path=str(first))
    watched.page.screenshot(path=str(full), full_page=True)
    for shot in (first, full):
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    watched.assert_quiet(url)


def test_the_watcher_sees_what_the_other_tests_forbid(tmp_path, watched):
    """Guards against vacuous passes: a page that does every forbidden thing is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><body><img src='http://127.0.0.1:9/x.png'>"
        "<script>window.__pwned=1; console.error('boom'); alert('hi'); null.x;</script></body></html>",
        encoding="utf-8",
    )
    url = watched.open(bad)
    watched.page.wait_for_timeout(300)
    assert watched.page.evaluate("window.__pwned") == 1
    assert watched.dialogs and watched.console_errors and watched.page_errors
    assert any(u.startswith("http://") for u in watched.requests)
    with pytest.raises(AssertionError):
        watched.assert_quiet(url)
