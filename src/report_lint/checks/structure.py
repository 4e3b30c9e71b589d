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

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional

from report_lint.checks.registry import Rule
from report_lint.model.findings import Edit, Finding, Location
from report_lint.model.document import Paragraph
from report_lint.outline.build import Heading, Section
from report_lint.facts.sections import _paragraph_texts, _run_in_heading, _spec_titles, normalize
from report_lint.text.numerals import cn_numeral, to_chinese
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
        "'topics' 模式（2008–2018 年《条例》法定内容）先在各级标题中找，再在正文中找，找不到为警告。"
        "文本未分段（换行丢失、由读取器按标题切分）时，提纲是推断出来的：找不到的部分报警告并说明原因，不报错误；"
        "连排文字中间出现的「序号＋格式标题」（如表格末行之后的「四、政府信息公开行政复议、行政诉讼情况」）也算找到。",
        "en": "Looks for every required section of the selected profile. In 'headings' mode each section is a "
        "level-1 heading and a missing one is an error (a reworded heading still counts, reported as S005). "
        "In 'topics' mode (2008–2018 statutory contents) the topic is looked for in headings, then in the "
        "text, and a missing one is a warning. When the text ran together (line breaks lost, cut at headings by the "
        "reader) the outline is inferred: a section not found is a warning that says why, not an error; the section's "
        "number and exact title inside a run-together line (e.g. after a table's last row) count as found.",
    }
    messages = {
        "topic-missing": {
            "zh": "未找到《条例》规定的年度报告内容「{title}」（标题和正文中均未提及）",
            "en": "the statutory content '{title}' is not covered (neither a heading nor the text mentions it)",
            "fix_zh": "补充「{title}」的内容，最好单列一个标题",
            "fix_en": "add a part on '{title}', preferably under its own heading",
        },
        "not-found-run-together": {
            "zh": "文本未分段，未能找到格式要求的部分「{section}」",
            "en": "the text runs together without line breaks; the section '{section}' required by the format was not found",
            "fix_zh": "核对是否有一级标题「{section}」；保存为带段落的文本或上传原文件可确认",
            "fix_en": "check that the heading '{section}' is there; a file with its paragraph breaks can confirm it",
        },
        "missing": {
            "zh": "缺少格式要求的部分「{section}」",
            "en": "the section '{section}' required by the format is missing",
            "fix_zh": "按格式增加一级标题「{section}」并填写相应内容",
            "fix_en": "add the level-1 heading '{section}' with its content",
        },
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
        guessed = ctx.run_together and not topics
        severity = "warning" if topics or guessed else "error"
        for si, spec in an.missing:
            label = f"{spec.number}、{spec.title}" if spec.number else spec.title
            # Point at the heading the missing section should come before.
            after = [m for m in an.matches if m.index > si and m.block is not None]
            loc = Location(block=min(after, key=lambda m: m.index).block) if after and not topics else Location()
            yield self.report(
                ctx,
                "topic-missing" if topics else "not-found-run-together" if guessed else "missing",
                loc,
                excerpt=label,
                numbers={"section": spec.key},
                severity=severity,
                title=spec.title,
                section=label,
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
    messages = {
        "after": {
            "zh": "「{shown}」的位置不符合格式规定的顺序，应位于「{prev}」之后",
            "en": "'{shown}' is out of the format's order; it should follow '{prev}'",
            "fix_zh": "按格式顺序调整各部分，将「{title}」移到正确位置",
            "fix_en": "reorder the sections so that '{title}' is in its place",
        },
        "first": {
            "zh": "「{shown}」的位置不符合格式规定的顺序，应位于各部分之首",
            "en": "'{shown}' is out of the format's order; it should come first",
            "fix_zh": "按格式顺序调整各部分，将「{title}」移到正确位置",
            "fix_en": "reorder the sections so that '{title}' is in its place",
        },
    }

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
            shown = m.heading.raw if m.heading else m.spec.title
            yield self.report(
                ctx,
                "after" if prev else "first",
                Location(block=m.block),
                excerpt=shown,
                numbers={"section": m.spec.key, "expected_position": m.index + 1},
                shown=shown,
                prev=prev[0].title if prev else "",
                title=m.spec.title,
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


_BREAK_TEXT = {
    "repeat": (
        "{level_zh}标题序号重复：「{before}」之后又是「{got}」",
        "level-{level} number repeated: '{got}' after '{before}'",
    ),
    "skip": (
        "{level_zh}标题跳号：「{before}」之后是「{got}」，缺少{missing}",
        "level-{level} numbering skips: '{got}' after {before!r}, missing {missing}",
    ),
    "skip-first": (
        "{level_zh}标题跳号：开头是「{got}」，缺少{missing}",
        "level-{level} numbering skips: '{got}' first, missing {missing}",
    ),
    "restart": (
        "{level_zh}标题重新从「{got}」编号（前一个是「{before}」）",
        "level-{level} numbering restarts at '{got}' after '{before}'",
    ),
    "backwards": (
        "{level_zh}标题序号倒退：「{before}」之后是「{got}」",
        "level-{level} numbering goes backwards: '{got}' after '{before}'",
    ),
}
"""S003's breaks of a numbering, (zh, en): each is a variant on its own, and again ending in
the numerals the format gives (``KIND-by-format``) when the heading is a section of the format."""


class NumberingGap(Rule):
    code = "S003"
    name = "numbering-gap"
    severity = "error"
    summary = {"zh": "标题序号跳号、重号或重新编号", "en": "heading numbers skip, repeat or restart"}
    doc = {
        "zh": "一级标题序号应为一、二、三……连续编号：跳号（一、二、四）、重号（二、二）、倒序或中途重新从一开始均为错误。"
        "同一部分内的二级标题（（一）（二）……）和三级标题（1. 2. ……）同样检查，报警告。"
        "缺少的序号若出现在一段正文的开头（标题与正文连排），不算跳号。"
        "一级标题确定对应格式中的某一部分时，按格式说明它应为哪个序号（如「收到和处理政府信息公开申请情况」应为「三、」），"
        "并一并列出其后因此错位的部分；该标题序号本身正确的（跳号只因前面缺少一个部分，S001 已报），不重复报告。文本未分段时（换行丢失），一级标题是推断出来的，报警告。"
        "以两个以上数字结尾的编号行（如「一、本年新收政府信息公开申请数量 40 3 0 1 2 0 46」）是丢了制表符的表格行，不是标题。",
        "en": "Level-1 headings are numbered 一, 二, 三 … without gaps: a skip (一, 二, 四), a repeat (二, 二), "
        "going backwards or restarting at 一 is an error. Level-2 （一）（二） and level-3 1. 2. headings within "
        "a section are checked the same way as warnings. A missing number found at the start of a paragraph "
        "(heading run into the text) is not a gap. When the heading is certainly one of the format's sections the "
        "finding says which numeral it should have (收到和处理政府信息公开申请情况 is 三) and lists the sections after "
        "it put off by the same fault; a heading whose own numeral is right (the gap is a missing section, S001) is "
        "not reported again. When the text ran together (line breaks lost) level-1 headings are inferred and faults "
        "are warnings. A numbered line ending in two or more numbers is a table row whose tabs were lost, not a heading.",
    }
    bad = "一、总体情况\n二、主动公开政府信息情况\n四、收到和处理政府信息公开申请情况"
    good = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况"
    messages = {
        **{
            kind: {
                "zh": zh,
                "en": en,
                "fix_zh": "将「{got}」改为「{want}」，或补上缺少的部分，使序号连续",
                "fix_en": "renumber '{got}' as '{want}' or add the missing part so numbers run on",
            }
            for kind, (zh, en) in _BREAK_TEXT.items()
        },
        **{
            f"{kind}-by-format": {
                "zh": zh + "。按格式，{should_be_zh}",
                "en": en + "; by the format, {should_be_en}",
                "fix_zh": "按格式改正一级标题序号：{should_be_zh}",
                "fix_en": "number the level-1 headings as the format does: {should_be_en}",
            }
            for kind, (zh, en) in _BREAK_TEXT.items()
        },
    }

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        if not ctx.profile.numbered:
            return
        outline = ctx.outline
        for brk in _level1_numbering(ctx).breaks:
            yield self._report(ctx, brk.kind, brk.heading, brk.prev, brk.expected, 1, "warning" if ctx.run_together else "error", brk.run)
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
        for kind, s, prev, expected in _breaks(ctx, secs, level, start):
            yield self._report(ctx, kind, s.heading, prev.heading if prev else None, expected, level, severity)

    def _report(
        self, ctx, kind: str, h: Heading, prev: Optional[Heading], expected: int, level: int, severity: str, run: tuple = ()
    ) -> Finding:
        before = _label(prev) if prev else ""
        variant = "skip-first" if kind == "skip" and not before else kind
        numbers = {"level": level, "expected": expected, "found": h.ordinal}
        if run:
            # The heading is a section of the format: say which numeral it should carry.
            variant += "-by-format"
            numbers["should_be"] = [n for _, n in run]
        return self.report(
            ctx,
            variant,
            _heading_loc(h),
            excerpt=h.raw,
            numbers=numbers,
            severity=severity,
            level=level,
            level_zh={1: "一级", 2: "二级", 3: "三级"}[level],
            got=_label(h),
            before=before,
            want=_numeral(level, expected),
            missing="、".join(_numeral(level, k) for k in range(expected, h.ordinal)),
            should_be_zh=_should_be_zh(run),
            should_be_en=_should_be_en(run),
        )


def _breaks(ctx: "LintContext", secs: list[Section], level: int, start: int) -> Iterable[tuple[str, Section, Optional[Section], int]]:
    """(kind, section, previous, expected ordinal) where a run of same-level headings skips,
    repeats, restarts or goes backwards. A skip whose missing numbers start paragraphs
    in between (headings run into the text) is not one."""
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
                yield kind, s, prev, expected
        prev = s


@dataclass
class _Break:
    kind: str
    heading: Heading
    prev: Optional[Heading]
    expected: int
    run: tuple = ()
    """(heading, the format's ordinal) of the recognised sections this break puts off their numerals."""


@dataclass
class _Level1:
    breaks: list[_Break]
    """Breaks of the level-1 numbering (S003)."""
    shifts: list[tuple]
    """Runs of recognised sections numbered in sequence but not as the format does (S010)."""


def _level1_numbering(ctx: "LintContext") -> _Level1:
    """The one analysis of level-1 numbers, shared by S003 and S010 (computed once per context)."""
    return ctx.shared(_analyse_level1)


def _analyse_level1(ctx: "LintContext") -> _Level1:
    """The level-1 numbers of the outline against the format's numerals.

    A heading matched with certainty to a section of the format carries that section's
    numeral (``ctx.section_map.numerals``). A break of the sequence at such a heading is
    reported once, naming the numeral it should have, together with the recognised
    sections after it that follow on from the wrong numeral; a break at a heading that has
    its right numeral is no fault of its own (the missing section is S001's, a wrong
    numeral before it is reported there). Recognised sections numbered off the format
    without any break (a section missing or added before them) are S010's.
    """
    outline = ctx.outline
    fmt = ctx.section_map.numerals if ctx.profile.sections_mode != "topics" else {}
    top = [s for s in outline.sections if s.heading.ordinal > 0 and s.heading.number]
    start = outline.preamble[0] if outline.preamble else (outline.title if outline.title is not None else 0)
    pos = {s.heading.block: i for i, s in enumerate(top)}
    covered: set[int] = set()
    breaks: list[_Break] = []

    def run_from(i: int) -> tuple:
        out = []
        while i < len(top):
            h = top[i].heading
            want = fmt.get(h.block)
            if want is None or want == h.ordinal or (out and h.ordinal != top[i - 1].heading.ordinal + 1):
                break
            out.append((h, want))
            covered.add(h.block)
            i += 1
        return tuple(out)

    for kind, sec, prev, expected in _breaks(ctx, top, 1, start):
        h = sec.heading
        want = fmt.get(h.block)
        if want is not None and want == h.ordinal:
            continue
        if h.block in covered:
            continue
        run = run_from(pos[h.block]) if want is not None else ()
        breaks.append(_Break(kind, h, prev.heading if prev else None, expected, run))
    shifts: list[tuple] = []
    i = 0
    while i < len(top):
        h = top[i].heading
        want = fmt.get(h.block)
        if want is not None and want != h.ordinal and h.block not in covered:
            run = run_from(i)
            shifts.append(run)
            i += max(1, len(run))
            continue
        i += 1
    return _Level1(breaks, shifts)


def _should_be_zh(run) -> str:
    return "，".join(f"「{_label(h)}{h.title}」应为「{to_chinese(n)}、」" for h, n in run)


def _should_be_en(run) -> str:
    return ", ".join(f"'{_label(h)}{h.title}' should be '{to_chinese(n)}、'" for h, n in run)


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
        "年份可写作阿拉伯数字（半角或全角）或汉字（二〇一八年），取值2000–2100。标题后紧接正文（换行丢失）时，"
        "以「……工作年度报告」结尾的开头部分即为标题；文本未分段而找不到标题时报警告。",
        "en": "The report needs a title that names the report year (e.g. 'XX局2018年政府信息公开工作年度报告'). "
        "The year may be written in Arabic (half- or full-width) or Chinese numerals (二〇一八年), 2000–2100. A title "
        "run into the text (line breaks lost) ends at '…工作年度报告'; when the text ran together and no title is found, "
        "it is a warning.",
    }
    bad = "石嘴山市司法局政府信息公开工作年度报告"
    good = "石嘴山市司法局2018年政府信息公开工作年度报告"
    messages = {
        "no-title": {
            "zh": "未找到报告标题（应为「××年政府信息公开工作年度报告」）",
            "en": "no report title found (expected '…年政府信息公开工作年度报告')",
            "fix_zh": "在正文开头加上标题，写明机关名称、年度和「政府信息公开工作年度报告」",
            "fix_en": "start the report with a title naming the agency, the year and 政府信息公开工作年度报告",
        },
        "no-title-run-together": {
            "zh": "文本未分段，未能找到报告标题（应为「××年政府信息公开工作年度报告」）",
            "en": "the text runs together without line breaks; no report title found (expected '…年政府信息公开工作年度报告')",
            "fix_zh": "在正文开头加上标题，写明机关名称、年度和「政府信息公开工作年度报告」",
            "fix_en": "start the report with a title naming the agency, the year and 政府信息公开工作年度报告",
        },
        "no-year": {
            "zh": "标题「{title}」未写明报告年度",
            "en": "the title '{title}' names no report year",
            "fix_zh": "在标题中写明报告年度，如「2018年政府信息公开工作年度报告」",
            "fix_en": "put the report year in the title, e.g. 2018年政府信息公开工作年度报告",
        },
    }

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        outline = ctx.outline
        if outline.title is None:
            first = next((p.index for p in ctx.document.paragraphs() if p.container is None and p.text.strip()), None)
            excerpt = ctx.document.blocks[first].text.strip()[:40] if first is not None else ""
            yield self.report(
                ctx,
                "no-title-run-together" if ctx.run_together else "no-title",
                Location(block=first),
                excerpt=excerpt,
                severity="warning" if ctx.run_together else None,
            )
            return
        if year_in_text(outline.title_text) is None:
            yield self.report(
                ctx,
                "no-year",
                Location(block=outline.title),
                excerpt=outline.title_text,
                title=outline.title_text,
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
    example_args = ("--profile", "gov-2021", "--year", "2021")
    fix = {
        "zh": "标题措辞不同（不是连排）时，把标题文字换成格式的标题，编号不动",
        "en": "a differently worded heading (not a run-in one) gets the format's heading text; its number stays",
    }
    messages = {
        "run-in": {
            "zh": "「{want}」的标题与正文连排，未单独成行",
            "en": "the heading '{want}' runs into its paragraph instead of standing on its own line",
            "fix_zh": "将「{want}」单独作为一级标题",
            "fix_en": "put '{want}' on its own line as a level-1 heading",
        },
        "text-after": {
            "zh": "「{want}」的标题后接正文，未单独成行",
            "en": "the heading '{want}' is followed by text on the same line",
            "fix_zh": "将「{want}」单独作为一级标题，正文另起一段",
            "fix_en": "put '{want}' on its own line and start the text in a new paragraph",
        },
        "reworded": {
            "zh": "标题与格式不一致：「{title}」与「{want}」",
            "en": "heading differs from the format: '{title}' vs '{want}'",
            "fix_zh": "按格式将标题改为「{want}」",
            "fix_en": "use the format's heading '{want}'",
        },
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
                yield self.report(
                    ctx,
                    "run-in",
                    Location(block=m.block),
                    excerpt=text[:40],
                    numbers={"section": m.spec.key},
                    want=want,
                )
                continue
            h = m.heading
            assert h is not None
            if _run_in_heading(h, _spec_titles(m.spec)):
                yield self.report(
                    ctx,
                    "text-after",
                    _heading_loc(h),
                    excerpt=h.raw,
                    numbers={"section": m.spec.key},
                    want=want,
                )
                continue
            yield self.report(
                ctx,
                "reworded",
                _heading_loc(h),
                excerpt=h.raw,
                numbers={"section": m.spec.key, "similarity": round(m.score, 2)},
                edit=_heading_edit(ctx, h, want),
                title=h.title,
                want=want,
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
    example_args = ("--profile", "gov-2021", "--year", "2021")
    messages = {
        "unmatched": {
            "zh": "一级标题「{heading}」不对应格式中的任何部分",
            "en": "the level-1 heading '{heading}' matches no section of the format",
            "fix_zh": "核对是否应并入格式规定的某一部分（如「其他需要报告的事项」），或按格式修改标题",
            "fix_en": "check whether it belongs under one of the format's sections, or reword it as the format does",
        }
    }

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        if ctx.profile.sections_mode == "topics" or not ctx.profile.sections:
            return
        for h in ctx.section_map.unmatched:
            yield self.report(ctx, "unmatched", _heading_loc(h), excerpt=h.raw, heading=h.raw)


_OUTLINE_FIX = {
    "fix_zh": "检查标题层级：一级标题用「一、」，二级用「（一）」，三级用「1.」，附件放在正文之后",
    "fix_en": "check heading levels: 一、 for level 1, （一） for level 2, 1. for level 3, attachments after the body",
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
    # One variant per kind of problem (``other`` for a kind without its own). The outline
    # builder words the problem's detail in Chinese only: the English gives its kind instead.
    messages = {
        "orphan-subheading": {
            "zh": "二级标题出现在一级标题之前{detail_zh}",
            "en": "a level-2 heading comes before the first level-1 heading ({detail_en})",
            **_OUTLINE_FIX,
        },
        "section-after-attachment": {
            "zh": "一级标题出现在附件之后{detail_zh}",
            "en": "a level-1 heading comes after the attachments ({detail_en})",
            **_OUTLINE_FIX,
        },
        "unparsed": {
            "zh": "未能按提纲语法解析文档结构，已按宽松方式识别{detail_zh}",
            "en": "the outline grammar could not parse the document; a tolerant reading was used ({detail_en})",
            **_OUTLINE_FIX,
        },
        "other": {
            "zh": "提纲结构异常{detail_zh}",
            "en": "outline structure problem ({detail_en})",
            **_OUTLINE_FIX,
        },
    }

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        blocks = ctx.document.blocks
        for p in ctx.outline.problems:
            excerpt = ""
            if 0 <= p.block < len(blocks) and isinstance(blocks[p.block], Paragraph):
                excerpt = blocks[p.block].text.strip()[:60]
            yield self.report(
                ctx,
                p.kind if p.kind in self.messages else "other",
                Location(block=p.block if blocks else None),
                excerpt=excerpt,
                numbers={"kind": p.kind},
                detail_zh=f"：{p.detail}" if p.detail else "",
                detail_en=p.kind,
            )


class SectionNumeral(Rule):
    code = "S010"
    name = "section-numeral"
    severity = "warning"
    summary = {"zh": "一级标题序号与格式规定的不一致", "en": "a section numbered otherwise than the format numbers it"}
    doc = {
        "zh": "统一格式规定了每个部分的序号（如 2021 年格式中「收到和处理政府信息公开申请情况」为「三、」）。"
        "一级标题确定对应格式中的某一部分（标题相同或几乎相同）时，其序号应为该部分的序号。"
        "序号本身连续、只因前面缺少或多出一个一级标题而整体错位时在此提示（缺少的部分另报 S001，多出的标题另报 S006/S011）；"
        "序号跳号、重号或重新编号的，由 S003 一并说明应改为哪个序号，不重复报告。",
        "en": "The national formats fix each section's numeral ('收到和处理政府信息公开申请情况' is 三 in the 2021 "
        "format). A level-1 heading that is certainly one of the format's sections should carry that numeral. "
        "Reported here when the numbers run on but are shifted by a section missing or added before them "
        "(the missing one is S001, the added one S006/S011); a skip, repeat or restart is S003, which then says "
        "which numeral each heading should have.",
    }
    bad = (
        "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
        "四、政府信息公开行政复议、行政诉讼情况\n五、其他需要报告的事项"
    )
    good = (
        "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
        "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项"
    )
    messages = {
        "shifted": {
            "zh": "一级标题序号与格式不一致：{should_be_zh}",
            "en": "level-1 headings numbered otherwise than the format: {should_be_en}",
            "fix_zh": "按格式改正一级标题序号：{should_be_zh}",
            "fix_en": "number the level-1 headings as the format does: {should_be_en}",
        },
        "shifted-missing": {
            "zh": "一级标题序号与格式不一致：{should_be_zh}（前面缺少{gone_zh}）",
            "en": "level-1 headings numbered otherwise than the format: {should_be_en} (missing before it: {gone_en})",
            "fix_zh": "按格式改正一级标题序号：{should_be_zh}",
            "fix_en": "number the level-1 headings as the format does: {should_be_en}",
        },
        "shifted-extra": {
            "zh": "一级标题序号与格式不一致：{should_be_zh}（前面多出一级标题{extra_zh}）",
            "en": "level-1 headings numbered otherwise than the format: {should_be_en} (extra level-1 headings before it: {extra_en})",
            "fix_zh": "按格式改正一级标题序号：{should_be_zh}",
            "fix_en": "number the level-1 headings as the format does: {should_be_en}",
        },
    }

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        if not ctx.profile.numbered or ctx.profile.sections_mode == "topics":
            return
        an = ctx.section_map
        for run in _level1_numbering(ctx).shifts:
            if not run:
                continue
            h, want = run[0]
            variant, cause = _shift_cause(ctx, h, want)
            yield self.report(
                ctx,
                variant,
                _heading_loc(h),
                excerpt=h.raw,
                numbers={
                    "section": next((m.spec.key for m in an.matches if m.heading is h), ""),
                    "found": h.ordinal,
                    "should_be": [n for _, n in run],
                },
                should_be_zh=_should_be_zh(run),
                should_be_en=_should_be_en(run),
                **cause,
            )


def _shift_cause(ctx: "LintContext", h: Heading, want: int) -> tuple[str, dict]:
    """S010's variant and its fields: the sections missing before a heading numbered too low,
    or the extra level-1 headings before one numbered too high."""
    an = ctx.section_map
    if h.ordinal < want:
        gone = [spec for _, spec in an.missing if spec.number and (n := cn_numeral(spec.number)) and n < want]
        if gone:
            return "shifted-missing", {
                "gone_zh": "、".join(f"「{s.number}、{s.title}」" for s in gone),
                "gone_en": ", ".join(s.title for s in gone),
            }
        return "shifted", {}
    extra = [x for x in [*an.unmatched, *(st.heading for st in an.subtopics)] if x.block < h.block]
    extra.sort(key=lambda x: x.block)
    if extra:
        return "shifted-extra", {
            "extra_zh": "、".join(f"「{x.raw}」" for x in extra[:3]) + ("等" if len(extra) > 3 else ""),
            "extra_en": ", ".join(x.raw for x in extra[:3]),
        }
    return "shifted", {}


class SubtopicAtLevelOne(Rule):
    code = "S011"
    name = "subtopic-at-level-1"
    severity = "warning"
    summary = {"zh": "总体情况的分项内容编为一级标题", "en": "a sub-topic of the overview numbered as a section"}
    doc = {
        "zh": "统一格式中「总体情况」一部分概述主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面的工作。"
        "这些分项紧接在「一、总体情况」之后编为「二、」「三、」……一级标题时，仍属于总体情况，"
        "不是格式规定的「主动公开政府信息情况」等部分，也不代替这些部分；应改为二级标题（（一）（二）……）。"
        "分项名称及其说法列在格式配置（rules/*.toml 的 subtopics）中。",
        "en": "The overview of the national formats covers 主动公开, 依申请公开, 政府信息管理, 平台建设 and 监督保障. "
        "Numbered 二、三、… right after 一、总体情况 these sub-topics are still part of the overview: they are not, "
        "and do not stand in for, the format's sections of similar wording. They should be level-2 headings "
        "（（一）（二）…）. The sub-topics and their wordings are profile data (subtopics in rules/*.toml).",
    }
    bad = "一、总体情况\n二、依申请公开工作\n三、政府信息管理情况\n四、主动公开政府信息情况"
    good = "一、总体情况\n（一）依申请公开工作\n（二）政府信息管理情况\n二、主动公开政府信息情况"
    messages = {
        "subtopics": {
            "zh": "一级标题{heads_zh}是「{parent}」的分项内容（{subtopics_zh}），不是格式规定的部分，应作为「{section}」下的二级标题",
            "en": "the level-1 headings {heads_en} are sub-topics of '{parent}', not sections of the format; "
            "make them level-2 headings under '{section}'",
            "fix_zh": "将这些标题改为「{section}」下的二级标题，如「（一）{example}」",
            "fix_en": "make them level-2 headings under '{section}', e.g. '（一）{example}'",
        }
    }

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        subs = ctx.section_map.subtopics
        i = 0
        while i < len(subs):
            j = i + 1
            while j < len(subs) and subs[j].parent is subs[i].parent:
                j += 1
            run = subs[i:j]
            parent = run[0].parent
            h = run[0].heading
            yield self.report(
                ctx,
                "subtopics",
                _heading_loc(h),
                excerpt=h.raw,
                numbers={"parent": parent.spec.key, "subtopics": [st.spec.key for st in run], "count": len(run)},
                heads_zh="、".join(f"「{st.heading.raw}」" for st in run),
                heads_en=", ".join(st.heading.raw for st in run),
                parent=f"{parent.heading.raw}" if parent.heading is not None else parent.spec.title,
                subtopics_zh="、".join(dict.fromkeys(st.spec.title for st in run)),
                section=parent.spec.title,
                example=run[0].heading.title,
            )
            i = j


_FORM_TEXT = {
    "prefix": ("序号前有多余字符", "stray characters before the numeral"),
    "space": ("序号与顿号之间有空格", "a space between the numeral and 、"),
    "dot": ("序号后用了点号而不是顿号", "a full stop instead of 、 after the numeral"),
    "sep": ("序号后用了逗号或冒号而不是顿号", "a comma or colon instead of 、 after the numeral"),
    "paren": ("一级标题用了二级标题的括号序号", "a level-1 heading numbered in brackets like a level-2 one"),
}


class HeadingNumeralForm(Rule):
    code = "S012"
    name = "heading-numeral-form"
    severity = "warning"
    summary = {"zh": "一级标题序号写法不规范", "en": "a level-1 numeral written irregularly"}
    doc = {
        "zh": "一级标题的序号应写作「五、」。序号前多了符号或字母（「·五、」）、序号与顿号之间有空格（「五 、」）、"
        "用逗号或冒号代替顿号（「五，」）、用括号（「（五）」，接续一级序号时）的，仍识别为一级标题（不报缺少该部分），"
        "在此提示写法。用点号（「五.」）的，仅在其余一级标题都用顿号时提示。",
        "en": "A level-1 numeral is written 五、. With stray characters before it (·五、), a space before the 、 (五 、), "
        "a comma or colon instead of 、 (五，), or in brackets when it continues the level-1 numbers (（五）) the "
        "heading is still read as a level-1 heading (the section is not missing) and the form is reported here. "
        "A full stop (五.) is reported only when the other level-1 headings use 、.",
    }
    bad = "四、政府信息公开行政复议、行政诉讼情况\n·五、存在的主要问题及改进情况"
    good = "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况"
    messages = {
        "irregular": {
            "zh": "一级标题「{heading}」序号写法不规范：{what_zh}，应写作「{number}、」",
            "en": "the level-1 heading '{heading}' has an irregular numeral: {what_en}; write '{number}、'",
            "fix_zh": "改为「{want}」",
            "fix_en": "write '{want}'",
        }
    }

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        top = [s.heading for s in ctx.outline.sections if s.heading.number and s.heading.numbering == "typed"]
        plain = sum(1 for h in top if not h.form)
        dots = sum(1 for h in top if h.form == "dot")
        for h in top:
            if not h.form or (h.form == "dot" and plain <= dots):
                continue
            what_zh, what_en = _FORM_TEXT.get(h.form, ("序号写法不规范", "irregular numeral"))
            yield self.report(
                ctx,
                "irregular",
                _heading_loc(h),
                excerpt=h.raw,
                numbers={"form": h.form, "number": h.number},
                heading=h.raw.strip(),
                what_zh=what_zh,
                what_en=what_en,
                number=h.number,
                want=f"{h.number}、{h.title}",
            )
