"""Structure rules (family S): required sections, their order and numbering, the title.

All rules read ``ctx.outline`` (built by report_lint.outline.build_outline) and the
profile's ``sections``. Headings are matched to the profile once per document and the
result is shared by S001/S002/S005/S006.

Profiles come in two modes (``profile.sections_mode``):
  headings — the format fixes numbered level-1 headings in order; a missing one is an error;
  topics   — old-era statutory contents, looked for in any heading and then in the text;
             a missing one is a warning (there was no national outline to follow).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional

from report_lint.checks.registry import Rule
from report_lint.model.findings import Edit, Finding, Location
from report_lint.model.document import Paragraph
from report_lint.outline.build import Heading, Section
from report_lint.facts.sections import _paragraph_texts, _run_in_heading, _spec_titles, normalize
from report_lint.text.numerals import to_chinese
from report_lint.outline.year import year_in_text

if TYPE_CHECKING:  # pragma: no cover
    from report_lint.facts.context import LintContext


def _label(h: Heading) -> str:
    if not h.number:
        return h.title
    if h.level == 1:
        return f"{h.number}、"
    if h.level == 2:
        return f"（{h.number}）"
    return f"{h.number}."


def _style(h: Heading) -> str:
    raw = h.raw.lstrip()
    if raw[:1] in "(（":
        return "paren"
    if raw[:1] == "第":
        return "part"
    return "dot" if h.level == 3 else "cn"


def _heading_loc(h: Heading) -> Location:
    return Location(block=h.block)


# -- rules ---------------------------------------------------------------------------------


class MissingSection(Rule):
    code = "S001"
    name = "missing-section"
    severity = "error"
    summary = {"zh": "缺少格式要求的部分", "en": "a section required by the format is missing"}
    doc = {
        "zh": "按所选格式（profile）逐一查找必备部分。'headings' 模式（如2018年十一部分提纲、2019/2021统一格式）下，"
        "每个部分应是一个一级标题，找不到即为错误；标题措辞略有不同（模糊匹配）时仍算找到，另报 S005。"
        "'topics' 模式（2008–2018 年《条例》法定内容）先在各级标题中找，再在正文中找，找不到为警告。",
        "en": "Looks for every required section of the selected profile. In 'headings' mode each section is a "
        "level-1 heading and a missing one is an error (a reworded heading still counts, reported as S005). "
        "In 'topics' mode (2008–2018 statutory contents) the topic is looked for in headings, then in the "
        "text, and a missing one is a warning.",
    }
    bad = (
        "一、总体情况\n二、主动公开政府信息情况\n三、政府信息公开行政复议、行政诉讼情况\n"
        "四、存在的主要问题及改进情况\n五、其他需要报告的事项"
    )
    good = (
        "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
        "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项"
    )

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        an = ctx.section_map
        if not an.missing:
            return
        topics = ctx.profile.sections_mode == "topics"
        severity = "warning" if topics else "error"
        for si, spec in an.missing:
            label = f"{spec.number}、{spec.title}" if spec.number else spec.title
            # Point at the heading the missing section should come before.
            after = [m for m in an.matches if m.index > si and m.block is not None]
            loc = Location(block=min(after, key=lambda m: m.index).block) if after and not topics else Location()
            if topics:
                zh = f"未找到《条例》规定的年度报告内容「{spec.title}」（标题和正文中均未提及）"
                en = f"the statutory content '{spec.title}' is not covered (neither a heading nor the text mentions it)"
                fix_zh = f"补充「{spec.title}」的内容，最好单列一个标题"
                fix_en = f"add a part on '{spec.title}', preferably under its own heading"
            else:
                zh = f"缺少格式要求的部分「{label}」"
                en = f"the section '{label}' required by the format is missing"
                fix_zh = f"按格式增加一级标题「{label}」并填写相应内容"
                fix_en = f"add the level-1 heading '{label}' with its content"
            yield self.finding(
                ctx,
                zh,
                en,
                location=loc,
                excerpt=label,
                numbers={"section": spec.key},
                fix_zh=fix_zh,
                fix_en=fix_en,
                severity=severity,
            )


class SectionOrder(Rule):
    code = "S002"
    name = "section-order"
    severity = "error"
    summary = {"zh": "各部分顺序与格式不符", "en": "sections are out of the format's order"}
    doc = {
        "zh": "格式规定了各部分的先后顺序时（profile.ordered），已找到的部分应按该顺序出现。"
        "取最长的顺序一致子序列，其余位置不对的部分逐一报告。",
        "en": "When the format fixes the order of sections (profile.ordered), the sections found must appear "
        "in that order. The longest in-order run is kept; every other section is reported.",
    }
    bad = "一、总体情况\n二、收到和处理政府信息公开申请情况\n三、主动公开政府信息情况"
    good = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况"

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        if not ctx.profile.ordered:
            return
        an = ctx.section_map
        seq = [m for m in an.matches if m.block is not None]
        if len(seq) < 2:
            return
        keep = _lis([m.index for m in seq])
        specs = ctx.profile.sections
        for i, m in enumerate(seq):
            if i in keep:
                continue
            prev = [specs[k] for k in range(m.index - 1, -1, -1) if any(x.index == k for x in seq)]
            want = f"应位于「{prev[0].title}」之后" if prev else "应位于各部分之首"
            want_en = f"should follow '{prev[0].title}'" if prev else "should come first"
            shown = m.heading.raw if m.heading else m.spec.title
            yield self.finding(
                ctx,
                f"「{shown}」的位置不符合格式规定的顺序，{want}",
                f"'{shown}' is out of the format's order; it {want_en}",
                location=Location(block=m.block),
                excerpt=shown,
                numbers={"section": m.spec.key, "expected_position": m.index + 1},
                fix_zh=f"按格式顺序调整各部分，将「{m.spec.title}」移到正确位置",
                fix_en=f"reorder the sections so that '{m.spec.title}' is in its place",
            )


def _lis(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (O(n log n))."""
    import bisect

    tails: list[int] = []
    tails_pos: list[int] = []
    prev: list[int] = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tails_pos.append(i)
        else:
            tails[k] = v
            tails_pos[k] = i
        prev[i] = tails_pos[k - 1] if k > 0 else -1
    out: set[int] = set()
    i = tails_pos[-1] if tails_pos else -1
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


class NumberingGap(Rule):
    code = "S003"
    name = "numbering-gap"
    severity = "error"
    summary = {"zh": "标题序号跳号、重号或重新编号", "en": "heading numbers skip, repeat or restart"}
    doc = {
        "zh": "一级标题序号应为一、二、三……连续编号：跳号（一、二、四）、重号（二、二）、倒序或中途重新从一开始均为错误。"
        "同一部分内的二级标题（（一）（二）……）和三级标题（1. 2. ……）同样检查，报警告。"
        "缺少的序号若出现在一段正文的开头（标题与正文连排），不算跳号。",
        "en": "Level-1 headings are numbered 一, 二, 三 … without gaps: a skip (一, 二, 四), a repeat (二, 二), "
        "going backwards or restarting at 一 is an error. Level-2 （一）（二） and level-3 1. 2. headings within "
        "a section are checked the same way as warnings. A missing number found at the start of a paragraph "
        "(heading run into the text) is not a gap.",
    }
    bad = "一、总体情况\n二、主动公开政府信息情况\n四、政府信息公开行政复议、行政诉讼情况"
    good = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况"

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        if not ctx.profile.numbered:
            return
        outline = ctx.outline
        top = [s for s in outline.sections if s.heading.ordinal > 0 and s.heading.number]
        start = outline.preamble[0] if outline.preamble else (outline.title if outline.title is not None else 0)
        yield from self._sequence(ctx, top, 1, start, "error")
        for parent in [*outline.orphans, *outline.walk()]:
            kids = [c for c in parent.children if c.heading.ordinal > 0 and c.heading.number]
            if not kids:
                continue
            for level in (2, 3):
                same = [c for c in kids if c.level == level]
                if level == 2:
                    yield from self._sequence(ctx, same, 2, parent.heading.block, "warning")
                else:
                    yield from self._level3(ctx, same, parent.heading.block)

    def _level3(self, ctx, kids: list[Section], start: int) -> Iterable[Finding]:
        # 1. and （1） are often nested lists under one heading: check each style's run, and
        # let a style restart at 1 after the other style intervened.
        runs: dict[str, list[Section]] = {}
        last_style = None
        for c in kids:
            st = _style(c.heading)
            if st in runs and last_style != st and c.heading.ordinal == 1:
                yield from self._sequence(ctx, runs[st], 3, start, "warning")
                runs[st] = []
            runs.setdefault(st, []).append(c)
            last_style = st
        for run in runs.values():
            yield from self._sequence(ctx, run, 3, start, "warning")

    def _sequence(self, ctx, secs: list[Section], level: int, start: int, severity: str) -> Iterable[Finding]:
        prev: Optional[Section] = None
        for s in secs:
            h = s.heading
            expected = prev.heading.ordinal + 1 if prev else 1
            o = h.ordinal
            if o != expected:
                kind = None
                if prev is not None and o == prev.heading.ordinal:
                    kind = "repeat"
                elif o > expected:
                    lo = prev.heading.block + 1 if prev is not None else start
                    if not _missing_run_in(ctx, level, range(expected, o), lo, h.block):
                        kind = "skip"
                elif o == 1:
                    kind = "restart"
                else:
                    kind = "backwards"
                if kind:
                    yield self._report(ctx, kind, h, prev.heading if prev else None, expected, level, severity)
            prev = s

    def _report(self, ctx, kind: str, h: Heading, prev: Optional[Heading], expected: int, level: int, severity: str) -> Finding:
        want = _numeral(level, expected)
        got = _label(h)
        before = _label(prev) if prev else ""
        lvl_zh = {1: "一级", 2: "二级", 3: "三级"}[level]
        if kind == "repeat":
            zh, en = f"{lvl_zh}标题序号重复：「{before}」之后又是「{got}」", f"level-{level} number repeated: '{got}' after '{before}'"
        elif kind == "skip":
            missing = "、".join(_numeral(level, k) for k in range(expected, h.ordinal))
            zh = f"{lvl_zh}标题跳号：{('「' + before + '」之后') if before else '开头'}是「{got}」，缺少{missing}"
            en = f"level-{level} numbering skips: '{got}' {('after ' + repr(before)) if before else 'first'}, missing {missing}"
        elif kind == "restart":
            zh, en = (
                f"{lvl_zh}标题重新从「{got}」编号（前一个是「{before}」）",
                f"level-{level} numbering restarts at '{got}' after '{before}'",
            )
        else:
            zh, en = (
                f"{lvl_zh}标题序号倒退：「{before}」之后是「{got}」",
                f"level-{level} numbering goes backwards: '{got}' after '{before}'",
            )
        return self.finding(
            ctx,
            zh,
            en,
            location=_heading_loc(h),
            excerpt=h.raw,
            numbers={"level": level, "expected": expected, "found": h.ordinal},
            fix_zh=f"将「{got}」改为「{want}」，或补上缺少的部分，使序号连续",
            fix_en=f"renumber '{got}' as '{want}' or add the missing part so numbers run on",
            severity=severity,
        )


def _numeral(level: int, n: int) -> str:
    if level == 1:
        return f"{to_chinese(n)}、"
    if level == 2:
        return f"（{to_chinese(n)}）"
    return f"{n}."


_RUN_IN_PREFIX = {
    1: lambda n: (f"{to_chinese(n)}、", f"{to_chinese(n)}."),
    2: lambda n: (f"({to_chinese(n)})",),
    3: lambda n: (f"{n}.", f"{n}、", f"({n})"),
}


def _missing_run_in(ctx: "LintContext", level: int, numbers: range, lo: int, hi: int) -> bool:
    """True when every missing number starts a paragraph between blocks lo and hi."""
    need = set(numbers)
    for _, text in _paragraph_texts(ctx.document, range(lo, hi)):
        s = normalize(text[:12])
        for n in list(need):
            if s.startswith(_RUN_IN_PREFIX[level](n)):
                need.discard(n)
        if not need:
            return True
    return False


class TitleMissingYear(Rule):
    code = "S004"
    name = "title-missing-year"
    severity = "error"
    summary = {"zh": "标题缺失或未写明年度", "en": "no title, or the title names no year"}
    doc = {
        "zh": "年度报告应有标题，且标题写明报告年度（如「XX局2018年政府信息公开工作年度报告」）。"
        "年份可写作阿拉伯数字或汉字（二〇一八年），取值2000–2100。",
        "en": "The report needs a title that names the report year (e.g. 'XX局2018年政府信息公开工作年度报告'). "
        "The year may be written in Arabic or Chinese numerals (二〇一八年), 2000–2100.",
    }
    bad = "石嘴山市司法局政府信息公开工作年度报告"
    good = "石嘴山市司法局2018年政府信息公开工作年度报告"

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        outline = ctx.outline
        if outline.title is None:
            first = next((p.index for p in ctx.document.paragraphs() if p.container is None and p.text.strip()), None)
            excerpt = ctx.document.blocks[first].text.strip()[:40] if first is not None else ""
            yield self.finding(
                ctx,
                "未找到报告标题（应为「××年政府信息公开工作年度报告」）",
                "no report title found (expected '…年政府信息公开工作年度报告')",
                location=Location(block=first),
                excerpt=excerpt,
                fix_zh="在正文开头加上标题，写明机关名称、年度和「政府信息公开工作年度报告」",
                fix_en="start the report with a title naming the agency, the year and 政府信息公开工作年度报告",
            )
            return
        if year_in_text(outline.title_text) is None:
            yield self.finding(
                ctx,
                f"标题「{outline.title_text}」未写明报告年度",
                f"the title '{outline.title_text}' names no report year",
                location=Location(block=outline.title),
                excerpt=outline.title_text,
                fix_zh="在标题中写明报告年度，如「2018年政府信息公开工作年度报告」",
                fix_en="put the report year in the title, e.g. 2018年政府信息公开工作年度报告",
            )


class HeadingVariant(Rule):
    code = "S005"
    name = "heading-variant"
    severity = "warning"
    summary = {"zh": "标题措辞与格式不一致", "en": "heading worded differently from the format"}
    doc = {
        "zh": "'headings' 模式下，与格式标题相近但不完全相同的一级标题（忽略空格、全半角、括号和引号的差别）"
        "按相近程度认定为该部分，同时提示措辞差异；标题与正文连排时也在此提示。",
        "en": "In 'headings' mode a level-1 heading close to but not the same as the format's (spaces, "
        "full/half width, brackets and quotes ignored) is taken as that section, and the difference is "
        "reported; so is a heading run into its first paragraph.",
    }
    bad = "四、政府信息公开行政法复议、行政诉讼情况"
    good = "四、政府信息公开行政复议、行政诉讼情况"
    fix = {
        "zh": "标题措辞不同（不是连排）时，把标题文字换成格式的标题，编号不动",
        "en": "a differently worded heading (not a run-in one) gets the format's heading text; its number stays",
    }

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        if ctx.profile.sections_mode == "topics":
            return
        for m in ctx.section_map.matches:
            if m.exact:
                continue
            want = m.spec.title
            if m.how == "run-in":
                text = ctx.document.blocks[m.block].text.strip() if m.block is not None else ""
                yield self.finding(
                    ctx,
                    f"「{want}」的标题与正文连排，未单独成行",
                    f"the heading '{want}' runs into its paragraph instead of standing on its own line",
                    location=Location(block=m.block),
                    excerpt=text[:40],
                    numbers={"section": m.spec.key},
                    fix_zh=f"将「{want}」单独作为一级标题",
                    fix_en=f"put '{want}' on its own line as a level-1 heading",
                )
                continue
            h = m.heading
            assert h is not None
            if _run_in_heading(h, _spec_titles(m.spec)):
                yield self.finding(
                    ctx,
                    f"「{want}」的标题后接正文，未单独成行",
                    f"the heading '{want}' is followed by text on the same line",
                    location=_heading_loc(h),
                    excerpt=h.raw,
                    numbers={"section": m.spec.key},
                    fix_zh=f"将「{want}」单独作为一级标题，正文另起一段",
                    fix_en=f"put '{want}' on its own line and start the text in a new paragraph",
                )
                continue
            yield self.finding(
                ctx,
                f"标题与格式不一致：「{h.title}」与「{want}」",
                f"heading differs from the format: '{h.title}' vs '{want}'",
                location=_heading_loc(h),
                excerpt=h.raw,
                numbers={"section": m.spec.key, "similarity": round(m.score, 2)},
                fix_zh=f"按格式将标题改为「{want}」",
                fix_en=f"use the format's heading '{want}'",
                edit=_heading_edit(ctx, h, want),
            )


def _heading_edit(ctx: "LintContext", h: Heading, want: str) -> Optional[Edit]:
    """The heading's words (after its number) replaced by the format's: only when they stand
    once, at the end of the heading paragraph."""
    block = ctx.document.blocks[h.block]
    text = getattr(block, "text", "") if isinstance(block, Paragraph) else ""
    title = h.title
    if not title or title == want or text.count(title) != 1:
        return None
    i = text.find(title)
    if text[i + len(title) :].strip():
        return None
    return Edit(h.block, i, i + len(title), title, want)


class UnexpectedSection(Rule):
    code = "S006"
    name = "unexpected-section"
    severity = "info"
    summary = {"zh": "格式之外的一级标题", "en": "a level-1 heading the format does not have"}
    doc = {
        "zh": "'headings' 模式下，不对应格式中任何部分的一级标题。多为自行增加的部分或标题措辞相差过大，仅作提示。",
        "en": "In 'headings' mode, a level-1 heading that matches no section of the format — usually an added "
        "part or a heading reworded beyond recognition. Informational.",
    }
    bad = "七、工作亮点"
    good = "六、其他需要报告的事项"

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        if ctx.profile.sections_mode == "topics" or not ctx.profile.sections:
            return
        for h in ctx.section_map.unmatched:
            yield self.finding(
                ctx,
                f"一级标题「{h.raw}」不对应格式中的任何部分",
                f"the level-1 heading '{h.raw}' matches no section of the format",
                location=_heading_loc(h),
                excerpt=h.raw,
                fix_zh="核对是否应并入格式规定的某一部分（如「其他需要报告的事项」），或按格式修改标题",
                fix_en="check whether it belongs under one of the format's sections, or reword it as the format does",
            )


_PROBLEM_TEXT = {
    "orphan-subheading": ("二级标题出现在一级标题之前", "a level-2 heading comes before the first level-1 heading"),
    "section-after-attachment": ("一级标题出现在附件之后", "a level-1 heading comes after the attachments"),
    "unparsed": (
        "未能按提纲语法解析文档结构，已按宽松方式识别",
        "the outline grammar could not parse the document; a tolerant reading was used",
    ),
}


class OutlineProblemRule(Rule):
    code = "S007"
    name = "outline-problem"
    severity = "warning"
    summary = {"zh": "提纲结构异常", "en": "outline structure problem"}
    doc = {
        "zh": "构建提纲时发现的结构问题，例如二级标题出现在第一个一级标题之前、正文部分出现在附件之后。",
        "en": "Structural problems found while building the outline, e.g. a level-2 heading before the first "
        "level-1 heading, or a body section after the attachments.",
    }
    bad = "（一）主动公开情况\n一、总体情况"
    good = "一、总体情况\n（一）主动公开情况"

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        blocks = ctx.document.blocks
        for p in ctx.outline.problems:
            zh, en = _PROBLEM_TEXT.get(p.kind, ("提纲结构异常", "outline structure problem"))
            excerpt = ""
            if 0 <= p.block < len(blocks) and isinstance(blocks[p.block], Paragraph):
                excerpt = blocks[p.block].text.strip()[:60]
            yield self.finding(
                ctx,
                f"{zh}：{p.detail}" if p.detail else zh,
                f"{en} ({p.kind})",
                location=Location(block=p.block if blocks else None),
                excerpt=excerpt,
                numbers={"kind": p.kind},
                fix_zh="检查标题层级：一级标题用「一、」，二级用「（一）」，三级用「1.」，附件放在正文之后",
                fix_en="check heading levels: 一、 for level 1, （一） for level 2, 1. for level 3, attachments after the body",
            )
