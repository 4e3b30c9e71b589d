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

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Iterable, Optional

from report_lint import startcache
from report_lint.checks.registry import Rule, register
from report_lint.findings import Finding, Location
from report_lint.model import Paragraph
from report_lint.outline import Heading, Outline, Section
from report_lint.profiles import SectionSpec
from report_lint.tokens import year_in_text

if TYPE_CHECKING:  # pragma: no cover
    from report_lint.context import LintContext

FUZZY_RATIO = 0.72
"""Similarity above which a heading is taken as a reworded profile heading. Lower values
pair unrelated sections of the same shape (依申请公开情况 / 主动公开情况 score 0.62)."""
CONTAIN_SCORE = 0.8
"""Score of a heading that contains a profile title (or is contained in it)."""

# Normalisation for comparing headings: full/half width, brackets, quotes, spaces and
# trailing punctuation do not make a heading different.
_NORM = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "【": "(",
        "】": ")",
        "〔": "(",
        "〕": ")",
        "[": "(",
        "]": ")",
        "，": ",",
        "：": ":",
        "；": ";",
        "．": ".",
        "＋": "+",
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{q: None for q in "“”„‟\"'‘’「」『』"},
        **{w: None for w in " \t\u3000\xa0\r\n"},
    }
)
_TRAIL = "。.,:;!?！？ "
_KEYWORD_SPLIT = startcache.compile(r"[\s&＆]+")
_LISTING = startcache.compile(r"(?:本报告|报告全文|年度报告)[^。]{0,12}?(?:由|包括|分为|共分)")
_CN_NUM = "一二三四五六七八九"
_CN_PREFIX = startcache.compile(r"([一二三四五六七八九十]{1,3})[、.]")


def normalize(text: str) -> str:
    """Heading text for comparison (no spaces, quotes; half-width brackets; no trailing 。：)."""
    return text.translate(_NORM).rstrip(_TRAIL)


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十 (1–99)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    out = ""
    if tens:
        out = ("" if tens == 1 else _CN_NUM[tens - 1]) + "十"
    if ones:
        out += _CN_NUM[ones - 1]
    return out


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


# -- matching headings to the profile ----------------------------------------------------


@dataclass
class Match:
    spec: SectionSpec
    index: int
    """Position of the spec in profile.sections."""
    heading: Optional[Heading]
    """The matched heading (None when found only in the text, topics mode)."""
    exact: bool
    score: float
    block: Optional[int] = None
    """Block where it was found (heading block, or the paragraph for text/run-in matches)."""
    how: str = "heading"
    """heading · run-in (the heading is the start of a paragraph) · text (topics mode)."""


@dataclass
class Analysis:
    matches: list[Match] = field(default_factory=list)
    """In document order of the matched blocks."""
    missing: list[tuple[int, SectionSpec]] = field(default_factory=list)
    unmatched: list[Heading] = field(default_factory=list)
    """Level-1 headings that match no profile section (headings mode)."""


def _keyword_groups(spec: SectionSpec) -> list[list[str]]:
    groups = []
    for k in spec.keywords:
        words = [normalize(w) for w in _KEYWORD_SPLIT.split(k) if w.strip()]
        if words:
            groups.append(words)
    return groups


def _score(title_n: str, spec_titles: list[str], groups: list[list[str]]) -> tuple[bool, float]:
    """(exact, score) of a normalised heading against a spec's normalised titles."""
    if not title_n:
        return False, 0.0
    best = 0.0
    for t in spec_titles:
        if title_n == t:
            return True, 1.0
        short, long_ = (t, title_n) if len(t) <= len(title_n) else (title_n, t)
        if len(short) >= 4 and short in long_:
            best = max(best, CONTAIN_SCORE)
        # Upper bound of the ratio from the lengths alone, before building a matcher.
        if 2 * len(short) < FUZZY_RATIO * (len(short) + len(long_)):
            continue
        sm = SequenceMatcher(None, title_n, t, autojunk=False)
        if sm.quick_ratio() >= FUZZY_RATIO:
            best = max(best, sm.ratio())
    for g in groups:
        if all(w in title_n for w in g):
            best = max(best, CONTAIN_SCORE)
    return False, best


def _spec_titles(spec: SectionSpec) -> list[str]:
    return [n for n in (normalize(t) for t in spec.all_titles()) if n]


def _all_headings(outline: Outline) -> list[Heading]:
    hs = [s.heading for o in outline.orphans for s in o.walk()]
    hs.extend(s.heading for s in outline.walk())
    hs.sort(key=lambda h: h.block)
    return hs


def _paragraph_texts(ctx: "LintContext", blocks: Iterable[int]) -> Iterable[tuple[int, str]]:
    doc_blocks = ctx.document.blocks
    for b in blocks:
        if 0 <= b < len(doc_blocks):
            p = doc_blocks[b]
            if isinstance(p, Paragraph) and p.container is None and p.text.strip():
                yield b, p.text


def _starts_with_title(text: str, titles: list[str], number: Optional[str]) -> bool:
    """Paragraph that begins with a numbered section heading run into the text
    ("一、总体情况 2019年…"). The level-1 number is required, so ordinary sentences that
    happen to begin with a title's words do not count. With the section's own number, a
    reworded start counts too (a typo such as "四、政府信息公开行政法复议…" must not make
    the section "missing")."""
    s = normalize(text[:80])
    m = _CN_PREFIX.match(s)
    if not m:
        return False
    same_number = m.group(1) == number
    s = s[m.end() :]
    for t in titles:
        if not t:
            continue
        if s.startswith(t):
            return True
        if same_number and len(t) >= 4:
            head = s[: len(t) + 1]
            sm = SequenceMatcher(None, head, t, autojunk=False)
            if sm.quick_ratio() >= FUZZY_RATIO and sm.ratio() >= FUZZY_RATIO:
                return True
    return False


def _run_in_heading(h: Heading, titles: list[str]) -> bool:
    """A heading line that carries text after the section title ("六、其他需要报告的事项 无")."""
    first, sep, rest = h.title.strip().partition(" ")
    if not sep:
        first, sep, rest = h.title.strip().partition("\u3000")
    return bool(sep and rest.strip()) and normalize(first) in titles


def analyse(ctx: "LintContext") -> Analysis:
    """Match the outline's headings to the profile's sections (cached on the context)."""
    cached = getattr(ctx, "_structure_analysis", None)
    if cached is not None and cached[0] is ctx.outline and cached[1] is ctx.profile:
        return cached[2]
    result = _analyse(ctx)
    # LintContext is a plain dataclass (unhashable); keep the result on the instance so
    # the four rules that need it match once per document.
    ctx._structure_analysis = (ctx.outline, ctx.profile, result)  # type: ignore[attr-defined]
    return result


def _analyse(ctx: "LintContext") -> Analysis:
    profile = ctx.profile
    outline = ctx.outline
    specs = profile.sections
    an = Analysis()
    if not specs:
        return an
    topics = profile.sections_mode == "topics"
    titles = [_spec_titles(s) for s in specs]
    groups = [_keyword_groups(s) for s in specs]
    headings = _all_headings(outline) if topics else [s.heading for s in outline.sections]

    used_h: set[int] = set()
    used_s: set[int] = set()
    # Exact matches first, by lookup; only what is left is compared fuzzily.
    exact_of: dict[str, int] = {}
    for si, ts in enumerate(titles):
        for t in ts:
            exact_of.setdefault(t, si)
    normed = [normalize(h.title) for h in headings]
    for hi, hn in enumerate(normed):
        si = exact_of.get(hn, -1)
        if si >= 0 and si not in used_s:
            used_h.add(hi)
            used_s.add(si)
            an.matches.append(Match(specs[si], si, headings[hi], True, 1.0, block=headings[hi].block))
    candidates: list[tuple[float, int, int]] = []
    for hi, hn in enumerate(normed):
        if hi in used_h:
            continue
        for si in range(len(specs)):
            if si in used_s:
                continue
            _, score = _score(hn, titles[si], groups[si])
            if score >= FUZZY_RATIO:
                candidates.append((-score, hi, si))
    candidates.sort()
    for neg, hi, si in candidates:
        if hi in used_h or si in used_s:
            continue
        used_h.add(hi)
        used_s.add(si)
        h = headings[hi]
        an.matches.append(Match(specs[si], si, h, False, -neg, block=h.block))

    # Not found as a heading: a heading run into its first paragraph (headings mode) or
    # the topic discussed in the text (topics mode).
    texts: list[tuple[int, str]] = []
    if topics and len(used_s) < len(specs):
        # Normalised once for all topics; listing sentences ("本报告由概述、主动公开…组成")
        # name every topic without covering it.
        texts = [
            (b, normalize(t))
            for b, t in _paragraph_texts(ctx, _body_blocks(outline, len(ctx.document.blocks)))
            if not _LISTING.search(t)
        ]
    for si, spec in enumerate(specs):
        if si in used_s:
            continue
        found = _find_in_text(ctx, outline, spec, titles[si], groups[si], texts if topics else None)
        if found is not None:
            an.matches.append(Match(spec, si, None, False, 0.0, block=found, how="text" if topics else "run-in"))
            used_s.add(si)
        elif spec.required:
            an.missing.append((si, spec))
    an.matches.sort(key=lambda m: (m.block if m.block is not None else -1))
    if not topics:
        an.unmatched = [h for hi, h in enumerate(headings) if hi not in used_h]
    return an


def _body_blocks(outline: Outline, n_blocks: int) -> Iterable[int]:
    if outline.sections or outline.orphans:
        for s in [*outline.orphans, *outline.sections]:
            yield from range(s.heading.block, s.end)
    else:
        skip = set(outline.signature)
        if outline.title is not None:
            skip.add(outline.title)
        end = outline.attachments[0].heading.block if outline.attachments else n_blocks
        yield from (b for b in range(0, end) if b not in skip)


def _find_in_text(
    ctx: "LintContext",
    outline: Outline,
    spec: SectionSpec,
    titles: list[str],
    groups: list[list[str]],
    topic_texts: Optional[list[tuple[int, str]]],
) -> Optional[int]:
    if topic_texts is not None:
        for b, n in topic_texts:
            if any(t in n for t in titles) or any(all(w in n for w in g) for g in groups):
                return b
        return None
    # Run-in level-1 heading: a body paragraph outside any numbered heading's own line.
    heading_blocks = {s.heading.block for s in outline.walk()}
    for b, text in _paragraph_texts(ctx, _body_blocks(outline, len(ctx.document.blocks))):
        if b not in heading_blocks and _starts_with_title(text, titles, spec.number):
            return b
    for b, text in _paragraph_texts(ctx, outline.preamble):
        if _starts_with_title(text, titles, spec.number):
            return b
    return None


def _heading_loc(h: Heading) -> Location:
    return Location(block=h.block)


# -- rules ---------------------------------------------------------------------------------


@register
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
        an = analyse(ctx)
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


@register
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
        an = analyse(ctx)
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


@register
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
            zh, en = f"{lvl_zh}标题重新从「{got}」编号（前一个是「{before}」）", f"level-{level} numbering restarts at '{got}' after '{before}'"
        else:
            zh, en = f"{lvl_zh}标题序号倒退：「{before}」之后是「{got}」", f"level-{level} numbering goes backwards: '{got}' after '{before}'"
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
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    return f"{n}."


_RUN_IN_PREFIX = {
    1: lambda n: (f"{cn_number(n)}、", f"{cn_number(n)}."),
    2: lambda n: (f"({cn_number(n)})",),
    3: lambda n: (f"{n}.", f"{n}、", f"({n})"),
}


def _missing_run_in(ctx: "LintContext", level: int, numbers: range, lo: int, hi: int) -> bool:
    """True when every missing number starts a paragraph between blocks lo and hi."""
    need = set(numbers)
    for _, text in _paragraph_texts(ctx, range(lo, hi)):
        s = normalize(text[:12])
        for n in list(need):
            if s.startswith(_RUN_IN_PREFIX[level](n)):
                need.discard(n)
        if not need:
            return True
    return False


@register
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


@register
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

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        if ctx.profile.sections_mode == "topics":
            return
        for m in analyse(ctx).matches:
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
            )


@register
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
        for h in analyse(ctx).unmatched:
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
    "unparsed": ("未能按提纲语法解析文档结构，已按宽松方式识别", "the outline grammar could not parse the document; a tolerant reading was used"),
}


@register
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
