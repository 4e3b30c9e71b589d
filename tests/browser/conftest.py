"""A real headless Chromium for the reviewer's page, driven by Playwright's sync API.

Only the Python package is used: browsers are never downloaded (`playwright install`
is not run); the system Chromium is launched by path. Locally the tests skip when
either is missing; under CI (CI set) they fail instead, so a broken CI image cannot
turn the browser tests into silent skips.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # No background traffic: the tests assert that nothing but the page itself is requested.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str):
    if _in_ci():
        pytest.fail(f"browser tests cannot run in CI: {reason} (.ci/run should have installed it)", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str | None:
    explicit = os.environ.get("REPORT_LINT_CHROMIUM")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    for c in CANDIDATES:
        if os.access(c, os.X_OK):
            return c
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is not installed (pip install '.[test]')")
    exe = chromium_path()
    if exe is None:
        _unavailable("no Chromium found (/usr/bin/chromium; set REPORT_LINT_CHROMIUM to another binary)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


@dataclass
class Watched:
    """A page plus everything it did that a test may want to forbid."""

    page: object
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: Path) -> str:
        url = path.resolve().as_uri()
        self.page.goto(url, wait_until="load")
        return url

    def assert_quiet(self, *allowed_urls: str) -> None:
        assert self.requests and set(self.requests) <= set(allowed_urls), self.requests
        assert not self.console_errors, self.console_errors
        assert not self.page_errors, self.page_errors
        assert not self.dialogs, self.dialogs


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, java_script_enabled=True)
    page = context.new_page()
    w = Watched(page)
    page.on("request", lambda r: w.requests.append(r.url))
    page.on("console", lambda m: w.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: w.page_errors.append(str(e)))

    def on_dialog(d):
        w.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield w
    finally:
        context.close()
