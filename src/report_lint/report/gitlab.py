"""GitLab Code Quality report (a JSON list of Code Climate-style issues).

GitLab needs ``location.lines.begin``; documents without source lines (.docx) use 1,
the file is still the right one and the description names the place.
Fingerprints are md5 (what GitLab expects) over the same stable key as SARIF.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from report_lint.model.findings import FileResult
from report_lint.report.common import fingerprints, forward_slashes, norm_severity, sorted_findings

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def to_data(results: list[FileResult], lang: str = "zh") -> list[dict]:
    out: list[dict] = []
    for fr in results:
        path = forward_slashes(fr.path)
        if fr.error is not None:
            fp = hashlib.md5(f"{path}\x1f{fr.error.code}".encode("utf-8")).hexdigest()
            out.append(
                {
                    "description": fr.error.text(lang) or fr.error.code,
                    "check_name": fr.error.code,
                    "fingerprint": fp,
                    "severity": "critical",
                    "location": {"path": path, "lines": {"begin": 1}},
                }
            )
        fs = sorted_findings(fr)
        # The path joins the key so the same finding in two files stays two issues.
        for f, fp in zip(fs, fingerprints(fs, "sha256")):
            desc = f.text(lang)
            where = f.location.describe(lang)
            if where:
                desc += f"（{where}）" if lang == "zh" else f" ({where})"
            # A PDF's line is on its page, not in the file: the page is in the description.
            line = f.location.line if f.location.page is None and f.location.line is not None and f.location.line >= 1 else 1
            out.append(
                {
                    "description": desc,
                    "check_name": f.code,
                    "fingerprint": hashlib.md5(f"{path}\x1f{fp}".encode("utf-8")).hexdigest(),
                    "severity": _SEVERITY[norm_severity(f.severity)],
                    "location": {"path": path, "lines": {"begin": int(line)}},
                }
            )
    return out


def render(results: list[FileResult], lang: str = "zh", options: Any = None) -> str:
    return json.dumps(to_data(results, lang), ensure_ascii=False, indent=2) + "\n"
