"""GitHub Actions workflow commands: one annotation per finding.

    ::error file=PATH,line=N,title=CODE::message

Escaping follows the runner's rules (actions/toolkit ``command.ts``): in the message
``%`` ``\\r`` ``\\n`` become ``%25`` ``%0D`` ``%0A``; in property values ``:`` and ``,``
additionally become ``%3A`` ``%2C``. Escaping line breaks is also what stops a hostile
document from starting a workflow command of its own on a fresh line.
"""

from __future__ import annotations

from typing import Any

from report_lint.model.findings import FileResult, Finding
from report_lint.report.i18n import t
from report_lint.report.common import forward_slashes, norm_severity, sorted_findings, strip_controls

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    # Not in the spec, but the log viewer interprets ANSI escapes: a report must not
    # repaint the CI log.
    return strip_controls(s)


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props: Any) -> str:
    items = [f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None and v != ""]
    head = f"::{name}"
    if items:
        head += " " + ",".join(items)
    return f"{head}::{escape_data(message)}"


def _message(f: Finding, lang: str) -> str:
    msg = f.text(lang)
    where = f.location.describe(lang)
    if where:
        msg += f"（{where}）" if lang == "zh" else f" ({where})"
    if f.excerpt:
        msg += "\n" + t("label.excerpt", lang) + f.excerpt
    if f.fix:
        msg += "\n" + t("label.fix", lang) + f.fix_text(lang)
    return msg


def render(results: list[FileResult], lang: str = "zh", options: Any = None) -> str:
    lines = []
    for fr in results:
        path = forward_slashes(fr.path)
        if fr.error is not None:
            lines.append(command("error", fr.error.text(lang), file=path, title=fr.error.code))
        for f in sorted_findings(fr):
            # A PDF's line is on its page, not in the file: the page is in the message.
            line = f.location.line if f.location.page is None and f.location.line is not None and f.location.line >= 1 else None
            lines.append(command(_COMMAND[norm_severity(f.severity)], _message(f, lang), file=path, line=line, title=f.code))
    return "".join(s + "\n" for s in lines)
