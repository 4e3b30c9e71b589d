"""The rule base class, the families, and ruff-style code selection.

Every rule is a small class with a code, docs and a ``check``; ``checks.catalogue`` lists them.

Rule families (the code's letter):
  S structure · D dates · C contact details · T table arithmetic ·
  N narrative ↔ table · F format/template conformance · Q text quality · R reader notices ·
  Y across years (compares a report with last year's; runs in the batch stage)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, ClassVar, Iterable, Optional

from report_lint.model.findings import Edit, Finding, Location

if TYPE_CHECKING:  # pragma: no cover
    from report_lint.facts.context import LintContext

FAMILIES = {
    "S": {"zh": "结构", "en": "structure"},
    "D": {"zh": "日期", "en": "dates"},
    "C": {"zh": "联系方式", "en": "contact details"},
    "T": {"zh": "表格勾稽", "en": "table arithmetic"},
    "N": {"zh": "正文与表格一致", "en": "narrative vs table"},
    "F": {"zh": "格式规范", "en": "format conformance"},
    "Q": {"zh": "文字质量", "en": "text quality"},
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
    example_args: ClassVar[tuple[str, ...]] = ()
    """Command-line options the ``bad``/``good`` examples are linted with (``--profile``,
    ``--year``, ``--agency-kind``), when the text alone does not choose them;
    tests/checks/test_examples.py runs every example through its rule."""
    example_in: ClassVar[str] = ""
    """For examples that are a fragment of a whole report (a table row, a sentence checked
    against the table): the clean report in the repository's fixtures/rules/ that holds
    ``good`` word for word. The good example is then that report, the bad one the same
    report with ``good`` replaced by ``bad``."""
    messages: ClassVar[dict[str, dict[str, str]]] = {}
    """The rule's messages, one entry per variant of the finding (ruff's ``message(&self)``,
    Vale's ``message:``): ``{"variant": {"zh": "…{field}…", "en": "…", "fix_zh": "…",
    "fix_en": "…"}}``. The templates are ``str.format`` strings over the fields the rule
    passes to ``report`` (a literal brace is doubled); ``fix_*`` may be left out."""
    fix: ClassVar[dict[str, str]] = {}
    """The certain fix this rule can attach to its findings (``Finding.edit``), in words
    ({'zh', 'en'}); empty when it has none. ``--fix --format docx`` writes such fixes as
    tracked changes; ``report-lint rule CODE`` and docs/rules.md list them."""

    @property
    def fixable(self) -> bool:
        return bool(self.fix)

    @property
    def family(self) -> str:
        return self.code[0]

    def check(self, ctx: "LintContext") -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def report(
        self,
        ctx: "LintContext",
        variant: str,
        location: Optional[Location] = None,
        *,
        excerpt: str = "",
        numbers: Optional[dict] = None,
        severity: Optional[str] = None,
        edit: Optional[Edit] = None,
        **fields,
    ) -> Finding:
        """A finding whose message and fix are the ``messages[variant]`` templates rendered
        over ``fields``."""
        text = render(self.messages[variant], fields)
        return self.finding(
            ctx,
            text["zh"],
            text["en"],
            location,
            excerpt=excerpt,
            numbers=numbers,
            fix_zh=text.get("fix_zh", ""),
            fix_en=text.get("fix_en", ""),
            severity=severity,
            edit=edit,
        )

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
        edit: Optional[Edit] = None,
    ) -> Finding:
        loc = location or Location()
        if loc.section is None and loc.block is not None:
            loc.section = ctx.section_path(loc.block)
        if loc.page is None and loc.line is None and loc.table is not None and loc.row is not None:
            place = ctx.row_place(loc.table, loc.row)
            if place is not None:
                loc.page, loc.line = place
        if loc.line is None and loc.block is not None:
            loc.line = ctx.block_line(loc.block)
        if loc.page is None and loc.block is not None:
            loc.page = ctx.block_page(loc.block)
        fix = fix_text(fix_zh, fix_en)
        if edit is not None and not self.fix:
            raise ValueError(f"{self.code} attaches an edit but declares no fix")
        if edit is not None and (edit.block != loc.block or loc.table is not None):
            edit = None  # an edit addresses the finding's own paragraph, never a table cell
        return Finding(
            code=self.code,
            severity=ctx.severity_for(self.code, severity or self.severity),
            message={"zh": zh, "en": en},
            location=loc,
            excerpt=excerpt,
            numbers=numbers or {},
            fix=fix,
            edit=edit,
        )


class ObservationRule(Rule):
    """A rule over a shared per-document fact: one scan of the document serves several rules.

    The scan (``observations``, a function of the context) runs once per document: it keeps
    its result on the context, so the rules that share it read one list. Each observation
    names the rule it belongs to (``observation.code``); a rule keeps its own and says how one
    becomes a finding (``finding_for``). Subclasses set ``observations = staticmethod(scan)``.
    """

    observations: ClassVar[Callable[["LintContext"], Iterable]]

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        for ob in self.observations(ctx):
            if ob.code == self.code:
                yield self.finding_for(ctx, ob)

    def finding_for(self, ctx: "LintContext", ob) -> Finding:  # pragma: no cover - interface
        raise NotImplementedError


def fix_text(zh: str, en: str = "") -> dict[str, str]:
    """A finding's ``fix`` in both languages (the English falls back to the Chinese); empty
    when there is no fix."""
    return {"zh": zh, "en": en or zh} if zh else {}


def render(templates: dict[str, str], fields: dict) -> dict[str, str]:
    """Each template of ``templates`` (zh, en, fix_zh, fix_en) filled in from ``fields``."""
    return {k: t.format_map(fields) for k, t in templates.items()}


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
