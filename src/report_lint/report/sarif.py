"""SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, IDE viewers).

Design choices:
- the driver carries the full rule catalogue, so dashboards can show help for rules
  that did not fire; findings of a code missing from the catalogue get a minimal
  entry so every ``ruleIndex`` is valid;
- ``region`` only when a source line is known (text inputs): a .docx has no lines
  and an invented line would be a lie;
- ``logicalLocations`` give the section/table/row/column place every format has;
- ``partialFingerprints`` hash rule, section, row/column labels and excerpt, never
  line numbers or block indices, so findings survive edits elsewhere in the file;
- unreadable files become error notifications of the invocation.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from report_lint.model.findings import FileResult, Finding
from report_lint.report.i18n import pick
from report_lint.report.common import (
    TOOL_NAME,
    fingerprints,
    forward_slashes,
    logical_parts,
    norm_severity,
    rule_catalogue,
    sorted_findings,
    version,
)

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "reportLint/v1"
SRCROOT = "%SRCROOT%"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_location(path: str) -> dict:
    """Relative paths stay relative to %SRCROOT%; absolute ones become file: URIs."""
    p = forward_slashes(path)
    if os.path.isabs(path) or (len(p) > 2 and p[1] == ":" and p[2] == "/"):
        if not p.startswith("/"):
            p = "/" + p  # Windows drive path
        return {"uri": "file://" + quote(p, safe="/:")}
    while p.startswith("./"):
        p = p[2:]
    return {"uri": quote(p, safe="/"), "uriBaseId": SRCROOT}


def _rule_descriptor(rule: Any, lang: str) -> dict:
    summary = pick(getattr(rule, "summary", None), lang) or rule.code
    doc = pick(getattr(rule, "doc", None), lang)
    md = [f"**{rule.code}** {summary}"]
    if doc:
        md += ["", doc]
    bad = getattr(rule, "bad", "") or ""
    good = getattr(rule, "good", "") or ""
    if bad:
        md += ["", "不符合：" if lang == "zh" else "Fires on:", "", "```text", bad, "```"]
    if good:
        md += ["", "符合：" if lang == "zh" else "Does not fire on:", "", "```text", good, "```"]
    from report_lint.checks.registry import FAMILIES

    fam = FAMILIES.get(rule.code[:1], {})
    return {
        "id": rule.code,
        "name": getattr(rule, "name", "") or rule.code,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": doc or summary},
        "help": {"text": doc or summary, "markdown": "\n".join(md)},
        "defaultConfiguration": {"level": _LEVEL[norm_severity(getattr(rule, "severity", "error"))]},
        "properties": {"tags": [t for t in (pick(fam, "en"), pick(fam, "zh")) if t]},
    }


def _logical_locations(f: Finding) -> list[dict]:
    parts = logical_parts(f.location)
    if not parts:
        return []
    loc = f.location
    kind = "module" if len(parts) == 1 and loc.section and loc.block is None and loc.table is None else "member"
    return [{"name": parts[-1], "fullyQualifiedName": "/".join(parts), "kind": kind}]


def _result(f: Finding, path: str, rule_index: int, fp: str, lang: str) -> dict:
    phys: dict = {"artifactLocation": artifact_location(path)}
    if f.location.page is not None:
        # A PDF has pages, not source lines: page and line on it go in the property bag.
        phys["properties"] = {"page": int(f.location.page)}
        if f.location.line is not None:
            phys["properties"]["line"] = int(f.location.line)
    elif f.location.line is not None and f.location.line >= 1:
        phys["region"] = {"startLine": int(f.location.line)}
    location: dict = {"physicalLocation": phys}
    logical = _logical_locations(f)
    if logical:
        location["logicalLocations"] = logical
    res: dict = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[norm_severity(f.severity)],
        "message": {"text": f.text(lang) or f.code},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
    }
    props: dict = {}
    where = f.location.describe(lang)
    if where:
        props["place"] = where
    if f.excerpt:
        props["excerpt"] = f.excerpt
    if f.fix:
        props["fix"] = f.fix_text(lang)
    if f.numbers:
        props["numbers"] = f.numbers
    if props:
        res["properties"] = props
    return res


def to_data(results: list[FileResult], lang: str = "zh") -> dict:
    catalogue = rule_catalogue()
    codes = list(sorted(catalogue))
    extra = sorted({f.code for fr in results for f in fr.findings} - set(catalogue))
    rules = [_rule_descriptor(catalogue[c], lang) for c in codes]
    for c in extra:
        rules.append(
            {
                "id": c,
                "name": c,
                "shortDescription": {"text": c},
                "defaultConfiguration": {"level": "warning"},
            }
        )
    index = {r["id"]: i for i, r in enumerate(rules)}

    out_results = []
    notifications = []
    for fr in results:
        if fr.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": fr.error.text(lang) or fr.error.code},
                    "descriptor": {"id": fr.error.code},
                    "locations": [{"physicalLocation": {"artifactLocation": artifact_location(fr.path)}}],
                }
            )
        fs = sorted_findings(fr)
        for f, fp in zip(fs, fingerprints(fs)):
            out_results.append(_result(f, fr.path, index[f.code], fp, lang))

    driver = {"name": TOOL_NAME, "version": version(), "semanticVersion": version(), "rules": rules}
    invocation: dict = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The directory report-lint was run from."}}},
        "results": out_results,
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results: list[FileResult], lang: str = "zh", options: Any = None) -> str:
    from report_lint.report.json import _default

    return json.dumps(to_data(results, lang), ensure_ascii=False, indent=2, default=_default) + "\n"
