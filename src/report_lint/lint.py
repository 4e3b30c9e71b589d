"""The pipeline for one file: read → outline → profile → checks → findings.

Nothing here knows a format or a rule; it wires the layers together and guarantees
that a document never produces a traceback: unreadable files become a FileError.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Optional

from report_lint.model.findings import FileError, FileResult, Finding
from report_lint.read.errors import Limits, ReadError


@dataclass
class LintOptions:
    profile: str = "auto"
    year: Optional[int] = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    agency_kind: Optional[str] = None
    severity_overrides: dict[str, str] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    keep_document: bool = False
    """Keep the parsed document on the result (the HTML reporter renders it)."""
    rules_dir: Optional[str] = None


class LintTimeout(BaseException):
    """Raised by the watchdog. A BaseException so that no reader's or rule's ``except
    Exception`` can swallow it and turn a timeout into a misleading "corrupt file"."""


class _Watchdog:
    """SIGALRM for one file when we can (main thread of this process, POSIX)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.armed = False
        self.old = None

    def _on_alarm(self, signum, frame):  # pragma: no cover - timing dependent
        if self.armed:
            raise LintTimeout()

    def arm(self) -> None:
        import signal
        import threading

        if not self.seconds or self.seconds <= 0 or not hasattr(signal, "setitimer"):
            return
        if threading.current_thread() is not threading.main_thread():
            return
        self.old = signal.signal(signal.SIGALRM, self._on_alarm)
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def disarm(self) -> None:
        if self.old is None:
            return
        import signal

        self.armed = False  # an alarm landing from here on is ignored
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.old)
        self.old = None


def lint_file(path: str, opts: LintOptions) -> FileResult:
    # The readers check their own budgets where they loop; the watchdog covers everything else
    # (a pathological regex, a huge table) so one file can never hang a batch. Disarming in
    # both paths restores the previous handler even when the alarm fires while arming.
    dog = _Watchdog(opts.limits.max_seconds)
    try:
        dog.arm()
        try:
            return _lint_guarded(path, opts)
        finally:
            dog.disarm()
    except LintTimeout:
        dog.disarm()
        return _timeout(path, opts)


def _timeout(path: str, opts: LintOptions) -> FileResult:
    s = opts.limits.max_seconds
    return FileResult(
        path=path,
        error=FileError(
            "timeout",
            {
                "zh": f"检查超时（超过 {s:g} 秒），文件可能过大或结构异常；可用 --timeout 调整时限",
                "en": f"checking took longer than {s:g} s; the file may be too large or malformed (see --timeout)",
            },
        ),
    )


def _lint_guarded(path: str, opts: LintOptions) -> FileResult:
    try:
        return _lint(path, opts)
    except ReadError as e:
        return FileResult(path=path, error=FileError(e.code, {"zh": e.zh, "en": e.en}))
    except RecursionError:
        return FileResult(
            path=path,
            error=FileError("too-deep", {"zh": "文档结构嵌套过深，无法检查", "en": "the document is nested too deeply to check"}),
        )
    except MemoryError:
        return FileResult(
            path=path, error=FileError("too-large", {"zh": "文档过大，内存不足，无法检查", "en": "the document is too large to check"})
        )
    except Exception as e:  # last line of defence: a bug must not become a traceback for the drafter
        if os.environ.get("REPORT_LINT_DEBUG"):
            raise
        return FileResult(
            path=path,
            error=FileError(
                "internal-error",
                {
                    "zh": f"检查时发生内部错误（{type(e).__name__}），请将该文件反馈给 report-lint 维护者",
                    "en": f"internal error while checking ({type(e).__name__}); please report this file to the report-lint maintainers",
                },
            ),
        )


def _lint(path: str, opts: LintOptions) -> FileResult:
    from report_lint.profiles.choose import choose_profile
    from report_lint.checks.registry import selected
    from report_lint.checks.catalogue import all_rules
    from report_lint.checks.reader import RuleFailed
    from report_lint.facts.context import LintContext, Options
    from report_lint.facts.sections import heading_score
    from report_lint.outline.build import build_outline
    from report_lint.profiles.load import get_profile
    from report_lint.read.dispatch import read_document
    from report_lint.outline.year import report_year

    import time

    # Besides the signal watchdog, check the clock between stages: signals can be delayed
    # (long C calls) or unavailable (threads, Windows), the deadline between rules is not.
    deadline = time.monotonic() + opts.limits.max_seconds if opts.limits.max_seconds and opts.limits.max_seconds > 0 else None

    def on_time() -> None:
        if deadline is not None and time.monotonic() > deadline:
            raise LintTimeout()

    doc = read_document(path, opts.limits)
    on_time()
    outline = build_outline(doc)
    on_time()
    year = opts.year if opts.year is not None else report_year(doc, outline)
    if opts.profile and opts.profile != "auto":
        profile = get_profile(opts.profile, opts.rules_dir)
    else:
        profile = choose_profile(year, doc, outline, opts.rules_dir, heading_score=heading_score)
    ctx = LintContext(
        document=doc,
        outline=outline,
        profile=profile,
        year=year,
        options=Options(agency_kind=opts.agency_kind, severity_overrides=dict(opts.severity_overrides), year_given=opts.year is not None),
    )
    findings: list[Finding] = []
    for rule in all_rules():
        if not selected(rule.code, opts.select, opts.ignore):
            continue
        on_time()
        try:
            findings.extend(rule.check(ctx))
        except Exception as e:
            if os.environ.get("REPORT_LINT_DEBUG"):
                raise
            # One broken rule must not hide the others' findings; say which rule failed.
            findings.append(RuleFailed().failed(rule.code, e))
    findings = [f for f in findings if selected(f.code, opts.select, opts.ignore)]
    findings.sort(key=Finding.sort_key)
    return FileResult(
        path=path,
        profile=profile.name,
        year=year,
        findings=findings,
        document=doc if opts.keep_document else None,
        outline=outline if opts.keep_document else None,
        summary=_summary(ctx, path),
    )


def _summary(ctx, path: str):
    """What the batch stage needs of this report (batch.summary.summarise); a failure
    only costs the cross-year checks of this file, never its findings."""
    from report_lint.batch.summary import summarise

    try:
        return summarise(ctx, path)
    except Exception:
        if os.environ.get("REPORT_LINT_DEBUG"):
            raise
        return None
