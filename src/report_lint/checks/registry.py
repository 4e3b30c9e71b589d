"""The rule base class, the families, and ruff-style code selection.

Every rule is a small class with a code, docs and a ``check``; ``checks.catalogue`` lists them.

Rule families (the code's letter):
  S structure · D dates · C contact details · T table arithmetic ·
  N narrative ↔ table · F format/template conformance · R reader notices ·
  Y across years (compares a report with last year's; runs in the batch stage)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Iterable, Optional

from report_lint.model.findings import Finding, Location

if TYPE_CHECKING:  # pragma: no cover
    from report_lint.facts.context import LintContext

FAMILIES = {
    "S": {"zh": "结构", "en": "structure"},
    "D": {"zh": "日期", "en": "dates"},
    "C": {"zh": "联系方式", "en": "contact details"},
    "T": {"zh": "表格勾稽", "en": "table arithmetic"},
    "N": {"zh": "正文与表格一致", "en": "narrative vs table"},
    "F": {"zh": "格式规范", "en": "format conformance"},
    "R": {"zh": "文档读取", "en": "document reading"},
    "Y": {"zh": "跨年度", "en": "across years"},
}


class Rule:
    """Base class. Subclasses set the class attributes and implement ``check``.

    ``doc`` holds the long explanation shown by ``report-lint rule CODE``;
    ``bad``/``good`` are short example texts (one that fires, one that does not).
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str] = "error"
    summary: ClassVar[dict[str, str]]
    doc: ClassVar[dict[str, str]] = {}
    bad: ClassVar[str] = ""
    good: ClassVar[str] = ""
    aliases: ClassVar[tuple[str, ...]] = ()
    """Former codes of this rule: ``--select``/``--ignore``/``rule CODE`` still accept them."""

    @property
    def family(self) -> str:
        return self.code[0]

    def check(self, ctx: "LintContext") -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def finding(
        self,
        ctx: "LintContext",
        zh: str,
        en: str,
        location: Optional[Location] = None,
        excerpt: str = "",
        numbers: Optional[dict] = None,
        fix_zh: str = "",
        fix_en: str = "",
        severity: Optional[str] = None,
    ) -> Finding:
        loc = location or Location()
        if loc.section is None and loc.block is not None:
            loc.section = ctx.section_path(loc.block)
        if loc.line is None and loc.block is not None:
            loc.line = ctx.block_line(loc.block)
        fix = {"zh": fix_zh, "en": fix_en or fix_zh} if fix_zh else {}
        return Finding(
            code=self.code,
            severity=ctx.severity_for(self.code, severity or self.severity),
            message={"zh": zh, "en": en},
            location=loc,
            excerpt=excerpt,
            numbers=numbers or {},
            fix=fix,
        )


def selected(code: str, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> bool:
    """ruff-style selection: a code or a prefix (``T``, ``T0``, ``T001``); ``ALL`` selects all."""
    sel = [s.upper() for s in select]
    ign = [s.upper() for s in ignore]

    def best(prefixes: list[str]) -> int:
        m = -1
        for p in prefixes:
            if p == "ALL":
                m = max(m, 0)
            elif code.startswith(p):
                m = max(m, len(p))
        return m

    s = best(sel) if sel else 0
    i = best(ign)
    if s < 0:
        return False
    return not (i >= 0 and i >= s)
