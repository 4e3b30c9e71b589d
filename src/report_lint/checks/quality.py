"""Family Q: the quality of the text itself (文字质量).

Slips evaluators mark down and a drafter can fix at once: enumerations that skip or repeat
(一是…三是), doubled or unbalanced marks (《《, unclosed （), an item listed twice, doubled
characters and words (的的, 审核审核), the regulation cited by a wrong title or order number,
the improvement plan dated to the report year, the problems section left empty, headings
numbered with a mix of full- and half-width brackets.

Every rule reads body paragraphs only (tables hold labels, not prose; ``_paragraphs`` is the
one scan they share), is a warning or an info, and says what it saw. Quoted text (“…”) is left alone by the doubled-character rules:
a quotation may reproduce someone else's words as written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator, Optional

from report_lint.checks.registry import Rule
from report_lint.model.document import Table
from report_lint.model.findings import Finding, Location
from report_lint.text.numerals import cn_numeral

if TYPE_CHECKING:  # pragma: no cover
    from report_lint.facts.context import LintContext
    from report_lint.outline.build import Section


def _excerpt(text: str, start: int, end: int, width: int = 20) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


def _paragraphs(
    ctx: "LintContext", *, prose: bool = False, section: Optional["Section"] = None, blank: bool = False
) -> Iterator[tuple[int, str]]:
    """(block, text) of the body paragraphs (outside tables), in order: the one scan every
    rule of the family reads.

    Blank paragraphs are left out unless ``blank``. ``prose``: only those with sentence
    punctuation or of some length (a table flattened into lines of labels, "总计总计", is not
    prose). ``section``: only those in that section's body (after its heading, subsections
    included).
    """
    for p in ctx.body_paragraphs:
        if section is not None and not section.heading.block < p.index < section.end:
            continue
        if blank:
            if p.text is not None:
                yield p.index, p.text
            continue
        text = p.text or ""
        if text.strip() and (not prose or len(text.strip()) >= 16 or _PROSE_RE.search(text)):
            yield p.index, text


_PROSE_RE = re.compile(r"[，。；：,;]")


def _section(ctx: "LintContext", key: str) -> Optional["Section"]:
    """The level-1 section matched to the profile's section ``key`` (facts.sections did the matching)."""
    for m in ctx.section_map.matches:
        if m.spec.key == key and m.heading is not None:
            for sec in ctx.outline.sections:
                if sec.heading.block == m.heading.block:
                    return sec
    return None


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside “…” (and 「…」): quotations keep their words as written."""
    out = []
    for m in re.finditer(r"“[^“”]*”|「[^「」]*」", text):
        out.append(m.span())
    return out


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


# ---------------------------------------------------------------------------------
# Q001 enumerations

_CN_ORD = "一二三四五六七八九十"
_ENUM_KINDS = (
    # (kind, regex with the numeral in group 1, how it is written for messages)
    # (kind, regex with the numeral in group 1, the characters that may stand before the
    # marker ("" = any; 统一是 is no marker), how it is written for messages)
    ("是", re.compile(rf"([{_CN_ORD}]{{1,3}})是(?![否非])"), "。；;，,：:、）) \t\n\u3000", "{}是"),
    ("第", re.compile(rf"第([{_CN_ORD}]{{1,3}})[，,、：:]"), "。；;：: \t\n\u3000", "第{}"),
    ("括", re.compile(r"[（(]([1-9][0-9]?)[）)]"), "", "（{}）"),
)


# A numbered heading or item of another level between two markers (run together when the
# paragraph breaks were lost): "…满足社会公众各种申请条件。5.加强平台建设一是……".
_LIST_BREAK_RE = re.compile(rf"(?:^|(?<=[。；;！？\s]))(?:[0-9]{{1,2}}[.．、](?![0-9])|[（(][{_CN_ORD}]{{1,3}}[）)]|[{_CN_ORD}]{{1,3}}、)")


def _ordinal(s: str) -> Optional[int]:
    if s.isdigit():
        return int(s)
    return cn_numeral(s)


def enumeration_problems(text: str) -> list[tuple[str, int, int, str, str]]:
    """(problem, start, end, previous marker, this marker) for each enumeration of one paragraph.

    A list starts at its first item (一是/第一/（1）). A new list may start after a full stop
    (a second list in the same paragraph); inside one sentence going back to the first item
    is a restart. A marker that skips (一是…三是) is a gap, one that repeats the previous is a
    repeat. Lists that do not start at 1 may continue another paragraph and are not judged.
    """
    out = []
    for _kind, rx, before, fmt in _ENUM_KINDS:
        if _kind not in text and _kind != "括":
            continue
        items = []
        for m in rx.finditer(text):
            if before and m.start() > 0 and text[m.start() - 1] not in before:
                continue
            n = _ordinal(m.group(1))
            if n is not None and n > 0:
                items.append((n, m.start(), m.end(), m.group(1)))
        prev = None
        for n, start, end, raw in items:
            if prev is None:
                prev = (n, start, end, raw) if n == 1 else None
                continue
            pn, pstart, _pend, praw = prev
            if _LIST_BREAK_RE.search(text, pstart, start):
                prev = (n, start, end, raw) if n == 1 else None  # a numbered heading between: a new list
                continue
            if n == pn + 1:
                prev = (n, start, end, raw)
                continue
            if n == 1:
                if "。" in text[pstart:start] or "\n" in text[pstart:start]:
                    prev = (n, start, end, raw)  # a new list after a full stop
                    continue
                out.append(("restart", start, end, fmt.format(praw), fmt.format(raw)))
                prev = (n, start, end, raw)
                continue
            if n == pn:
                out.append(("repeat", start, end, fmt.format(praw), fmt.format(raw)))
            elif n > pn + 1:
                out.append(("gap", start, end, fmt.format(praw), fmt.format(raw)))
            else:
                out.append(("restart", start, end, fmt.format(praw), fmt.format(raw)))
            prev = (n, start, end, raw)
    out.sort(key=lambda x: x[1])
    return out


class EnumerationSequence(Rule):
    code = "Q001"
    name = "enumeration-sequence"
    severity = "warning"
    summary = {"zh": "列举序号跳号、重复或中途重新开始", "en": "An enumeration skips, repeats or restarts"}
    doc = {
        "zh": (
            "同一段中的列举（“一是……二是……三是”“第一，……第二，……”“（1）……（2）”）应连续编号。从“一是”"
            "开始的列举出现跳号（一是…三是）、重复（二是…二是）或在同一句内重新从“一是”开始时提示。句号之后重新"
            "从“一是”开始视为新的列举；不从第一项开始的列举可能接续上一段，不作判断。"
        ),
        "en": (
            "An enumeration in one paragraph (一是…二是…, 第一…第二…, （1）（2）) must count on: a skipped "
            "number, a repeated one or a restart inside one sentence is reported. Starting again after a full "
            "stop is a new list; a list that does not start at 1 may continue another paragraph and is not judged."
        ),
    }
    bad = "一是门户网站建设功能齐全；三是网络安全保密措施严密。"
    good = "一是门户网站建设功能齐全；二是网络安全保密措施严密。"

    _FIX = {"fix_zh": "按顺序连续编号，或补上遗漏的一项。", "fix_en": "Number the items in sequence, or add the missing item."}
    messages = {
        # one variant per problem of enumeration_problems
        "gap": {
            "zh": "列举序号跳号：“{previous}”之后是“{marker}”。",
            "en": "The enumeration skips a number: “{marker}” follows “{previous}”.",
            **_FIX,
        },
        "repeat": {
            "zh": "列举序号重复：“{previous}”之后是“{marker}”。",
            "en": "The enumeration repeats a number: “{marker}” follows “{previous}”.",
            **_FIX,
        },
        "restart": {
            "zh": "列举序号重新开始：“{previous}”之后是“{marker}”。",
            "en": "The enumeration restarts: “{marker}” follows “{previous}”.",
            **_FIX,
        },
    }

    def check(self, ctx):
        for block, text in _paragraphs(ctx):
            for problem, start, end, prev, this in enumeration_problems(text):
                yield self.report(
                    ctx,
                    problem,
                    Location(block=block, start=start, end=end),
                    excerpt=_excerpt(text, start, end),
                    numbers={"problem": problem, "previous": prev, "marker": this},
                    previous=prev,
                    marker=this,
                )


# ---------------------------------------------------------------------------------
# Q002 doubled marks · Q003 unbalanced marks

_DOUBLED_RE = re.compile(r"(?<![。，；：、《》])([《》，。；：、])\1(?![。，；：、《》])")


class DoubledMark(Rule):
    code = "Q002"
    name = "doubled-mark"
    severity = "warning"
    summary = {"zh": "标点符号重复（《《、，，、。。）", "en": "A punctuation mark is doubled (《《, ，，, 。。)"}
    doc = {
        "zh": (
            "同一标点连写两次（《《、》》、，，、。。、；；、：：、、、）几乎总是录入失误。三个及以上连写（如用句号"
            "代替省略号）不在此列。发现中给出确定的改法：删去多余的一个。"
        ),
        "en": (
            "The same mark written twice in a row (《《, 》》, ，，, 。。, ；；, ：：, 、、) is almost always a slip. "
            "Three or more in a row (full stops for an ellipsis) are not reported. The finding carries the "
            "certain fix: drop one of the two."
        ),
    }
    bad = "根据《《中华人民共和国政府信息公开条例》，编制本报告。"
    good = "根据《中华人民共和国政府信息公开条例》，编制本报告。"

    messages = {
        "doubled": {
            "zh": "标点“{mark}”重复：“{doubled}”应为“{mark}”。",
            "en": "The mark “{mark}” is doubled: “{doubled}” should be “{mark}”.",
            "fix_zh": "删去多余的“{mark}”。",
            "fix_en": "Remove the extra “{mark}”.",
        }
    }

    def check(self, ctx):
        for block, text in _paragraphs(ctx):
            for m in _DOUBLED_RE.finditer(text):
                mark = m.group(1)
                yield self.report(
                    ctx,
                    "doubled",
                    Location(block=block, start=m.start(), end=m.end()),
                    excerpt=_excerpt(text, m.start(), m.end()),
                    numbers={"replace": {"block": block, "start": m.start(), "end": m.end(), "old": m.group(0), "new": mark}},
                    mark=mark,
                    doubled=m.group(0),
                )


_PAIRS = {"（": "）", "(": ")", "“": "”", "《": "》"}
_CLOSERS = {"）": "（", ")": "(", "”": "“", "》": "《"}
_SAME_KIND = {"（": "（(", "(": "（(", "“": "“", "《": "《"}
_CLOSE_KIND = {"）": "）)", ")": "）)", "”": "”", "》": "》"}


_MARK_RE = re.compile(r"[（(“《）)”》。！？]")
_ITEM_MARK_RE = re.compile(r"(?:^|(?<=[\s。；;，,：:、]))[0-9一二三四五六七八九十]{1,2}[）)]$")


def unbalanced_marks(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(unclosed openers, unopened closers) of one paragraph as (position, mark).

    Full- and half-width parentheses close each other (a mixed pair is another matter).
    A 《 still open at the end of its sentence is unclosed there: a title never spans a
    full stop.
    """
    stack: list[tuple[int, str]] = []
    stray: list[tuple[int, str]] = []
    unclosed: list[tuple[int, str]] = []
    for mark in _MARK_RE.finditer(text):
        i, ch = mark.start(), mark.group(0)
        if ch in _PAIRS:
            stack.append((i, ch))
        elif ch in _CLOSERS:
            if ch in "）)" and _ITEM_MARK_RE.search(text, max(0, i - 3), i + 1):
                continue  # 1）2）: an item number, not a bracket
            want = _CLOSERS[ch]
            kinds = "（(" if want in "（(" else want
            j = len(stack) - 1
            while j >= 0 and stack[j][1] not in kinds:
                j -= 1
            if j < 0:
                stray.append((i, ch))
            else:
                # anything opened after the match and not closed is unclosed
                unclosed.extend(o for o in stack[j + 1 :] if o[1] == "《")
                stack = stack[:j] + [o for o in stack[j + 1 :] if o[1] != "《"]
        elif ch in "。！？":
            still = [o for o in stack if o[1] == "《"]
            if still:
                unclosed.extend(still)
                stack = [o for o in stack if o[1] != "《"]
    unclosed.extend(stack)
    unclosed.sort()
    return unclosed, stray


class UnbalancedMark(Rule):
    code = "Q003"
    name = "unbalanced-mark"
    severity = "warning"
    summary = {"zh": "括号、引号或书名号不成对", "en": "A bracket, quotation mark or title mark is unpaired"}
    doc = {
        "zh": (
            "段落中的（ ）、“ ”、《 》应成对出现：左括号、左引号到段末未闭合，书名号到句末未闭合，或出现没有左半边"
            "的右括号、右引号、右书名号时提示。全角与半角括号视为可以配对。段落在下一段开头闭合（分页、换行造成的"
            "断段）不报。"
        ),
        "en": (
            "（ ）, “ ” and 《 》 must pair up in a paragraph: an opener left open at the end of the paragraph "
            "(a title mark at the end of its sentence), or a closer without an opener, is reported. Full- and "
            "half-width parentheses pair with each other. A paragraph closed at the start of the next one "
            "(a break made by a page or line end) is not reported."
        ),
    }
    bad = "依据《中华人民共和国政府信息公开条例（国务院令第711号，编制本报告。"
    good = "依据《中华人民共和国政府信息公开条例》（国务院令第711号），编制本报告。"

    _FIX = {"fix_zh": "补上缺少的另一半，或删去多余的符号。", "fix_en": "Add the missing half of the pair, or remove the stray mark."}
    messages = {
        "unclosed": {
            "zh": "符号不成对：“{mark}”没有对应的“{closer}”。",
            "en": "Unpaired mark: “{mark}” is never closed by “{closer}”.",
            **_FIX,
        },
        "stray": {
            "zh": "符号不成对：“{mark}”前没有对应的“{opener}”。",
            "en": "Unpaired mark: “{mark}” closes no “{opener}”.",
            **_FIX,
        },
    }

    def check(self, ctx):
        paras = list(_paragraphs(ctx))
        for k, (block, text) in enumerate(paras):
            unclosed, stray = unbalanced_marks(text)
            if not unclosed and not stray:
                continue
            # A paragraph broken by a page or line end (PDF, copy-paste) closes in one of the
            # next few paragraphs, or opened in one of the previous ones.
            following = [t for _b, t in paras[k + 1 : k + 4]]
            previous = [t for _b, t in paras[max(0, k - 3) : k]]
            for pos, mark in unclosed:
                closer = _PAIRS[mark]
                if text[pos + 1 : pos + 2] == mark or text[pos - 1 : pos] == mark:
                    continue  # 《《: a doubled mark, Q002's finding
                if not re.search(r"[。！？]", text[pos:]) and any(_closes_first(t, mark) for t in following):
                    continue
                yield self._report(ctx, "unclosed", block, text, pos, mark, closer=closer)
            for pos, mark in stray:
                opener = _CLOSERS[mark]
                if text[pos + 1 : pos + 2] == mark or text[pos - 1 : pos] == mark:
                    continue
                if not re.search(r"[。！？]", text[:pos]) and any(_opens_last(t, opener) for t in previous):
                    continue
                yield self._report(ctx, "stray", block, text, pos, mark, opener=opener)

    def _report(self, ctx, variant, block, text, pos, mark, **fields) -> Finding:
        return self.report(
            ctx,
            variant,
            Location(block=block, start=pos, end=pos + 1),
            excerpt=_excerpt(text, pos, pos + 1),
            numbers={"mark": mark, "position": pos},
            mark=mark,
            **fields,
        )


def _closes_first(text: str, opener: str) -> bool:
    closers = _CLOSE_KIND[_PAIRS[opener]]
    openers = _SAME_KIND[opener]
    for ch in text:
        if ch in closers:
            return True
        if ch in openers:
            return False
    return False


def _opens_last(text: str, opener: str) -> bool:
    openers = _SAME_KIND[opener]
    closers = _CLOSE_KIND[_PAIRS[opener]]
    for ch in reversed(text):
        if ch in openers:
            return True
        if ch in closers:
            return False
    return False


# ---------------------------------------------------------------------------------
# Q004 the same item twice in one enumeration

_CLAUSE_END_RE = re.compile(r"[，,。；;：:（）()“”《》\s]")
_NOT_ITEM_RE = re.compile(r"[\d０-９]")
_CLAUSE_BREAKS = frozenset("，,。；;：:（）()“”《》 \n\t\u3000")


def repeated_items(text: str) -> list[tuple[int, int, str]]:
    """(start, end, item) for an item listed twice in one 、-separated enumeration.

    A list is a clause (up to ，。；： or a bracket) holding 、. Its first item runs on from
    the words before the list (充分利用宁夏法治报), its last into the words after it
    (图解等解读形式): compared by suffix and by prefix. Items between are 2–12 characters
    without digits, or the clause is no list of names and is left alone.
    """
    out = []
    pos = text.find("、")
    while pos >= 0:
        m = _CLAUSE_END_RE.search(text, pos)
        end = m.start() if m else len(text)
        lo = max(0, pos - 40)  # the first item is compared by its end: a short window will do
        start = pos
        while start > lo and text[start - 1] not in _CLAUSE_BREAKS:
            start -= 1
        items = text[start:end].split("、")
        pos = text.find("、", end)
        middle = items[1:-1]
        if any(not 2 <= len(it) <= 12 or _NOT_ITEM_RE.search(it) for it in middle):
            continue
        last = items[-1]
        cut = next((i for i in range(2, len(last)) if last[i] in "等和及与以"), None)
        if cut is not None:
            items[-1] = last[:cut]
        if len(items[-1]) > 12:
            continue
        offsets = [start]
        for it in text[start:end].split("、")[:-1]:
            offsets.append(offsets[-1] + len(it) + 1)
        seen: set[str] = set()
        for k in range(1, len(items)):
            it = items[k]
            if len(it) >= 2 and not _NOT_ITEM_RE.search(it) and (it in seen or items[0].endswith(it)):
                out.append((offsets[k], offsets[k] + len(it), it))
            seen.add(it)
    return out


class RepeatedListItem(Rule):
    code = "Q004"
    name = "repeated-list-item"
    severity = "warning"
    summary = {"zh": "同一列举中某项重复出现", "en": "An item appears twice in one enumeration"}
    doc = {
        "zh": "以顿号分隔的列举（“A、B、A”“A、A”）中同一项出现两次，通常是复制粘贴或修改时遗留的重复。",
        "en": "An item appears twice in one list separated by 、 (“A、B、A”, “A、A”), usually left over from copying or editing.",
    }
    bad = "公开财政预算、决算、三公经费、决算等信息。"
    good = "公开财政预算、决算、三公经费等信息。"
    messages = {
        "repeated": {
            "zh": "列举中“{item}”出现两次。",
            "en": "“{item}” is listed twice in one enumeration.",
            "fix_zh": "删去重复的一项，或改为本应列出的另一项。",
            "fix_en": "Remove the repeated item, or replace it with the one meant.",
        }
    }

    def check(self, ctx):
        for block, text in _paragraphs(ctx, prose=True):
            if "、" not in text:
                continue
            for start, end, item in repeated_items(text):
                yield self.report(
                    ctx,
                    "repeated",
                    Location(block=block, start=start, end=end),
                    excerpt=_excerpt(text, start, end),
                    numbers={"item": item},
                    item=item,
                )


# ---------------------------------------------------------------------------------
# Q005 improvement plan dated to the report year

_PLAN_RE = re.compile(
    r"(?P<year>(?:19|20)[0-9]{2})年(?:度)?[，,]?\s*(?:我局|我委|我办|我厅|我县|我市|我区|我镇|我乡|我街道|本机关|本单位|我单位|我们|本局|本部门)?\s*"
    # 将 is also the object marker (2021年，将政务公开纳入考核 tells what was done): only 将
    # before a verb of intent, or 拟, reads as a plan.
    r"(?:拟|将要|将(?=进一步|继续|持续|加强|加大|加快|着力|重点|不断|全面|深入|切实|坚持|围绕|推动|推进|完善|强化|提升|"
    r"做好|抓好|健全|建立|优化|规范|落实|开展|丰富|拓展|探索|积极|努力|严格|定期|及时|组织|启动|力争))"
)


class PlanDatedToReportYear(Rule):
    code = "Q005"
    name = "plan-dated-report-year"
    severity = "warning"
    summary = {
        "zh": "改进计划的年份写成了报告年度",
        "en": "The improvement plan is dated to the report year",
    }
    doc = {
        "zh": (
            "“存在的主要问题及改进情况”中的改进打算（“2021年，将进一步……”“2021年拟……”）应指向报告年度的下一年。"
            "年份等于报告年度时多半是沿用上年报告未改年份。只看该部分中年份后紧跟“拟”“将要”或“将”加表示打算的动词"
            "（进一步、继续、加强、推进……）的表述；“将”后接名词（“2021年，将政务公开纳入考核”）是叙述已做的事，不报。"
        ),
        "en": (
            "In the section on problems and improvements, a plan (“2021年，将进一步……”, “2021年拟……”) belongs to "
            "the year after the report year; the report year there is usually left over from last year's report. "
            "Only a year directly followed by 拟, 将要, or 将 with a verb of intent (进一步, 继续, 加强, 推进 …) is "
            "read; 将 before a noun (2021年，将政务公开纳入考核) tells what was done and is not reported."
        ),
    }
    bad = "2021年，将加强栏目日常巡查"
    good = "2022年，将加强栏目日常巡查"
    example_in = "clean-2021.txt"  # the plan needs the report year (the title) and the problems section
    messages = {
        "report-year": {
            "zh": "改进计划“{plan}”写的是报告年度 {year} 年，应为 {expected} 年。",
            "en": "The plan “{plan}” is dated {year}, the report year; it should be {expected}.",
            "fix_zh": "将改进计划的年份改为 {expected} 年。",
            "fix_en": "Date the plan {expected}.",
        }
    }

    def check(self, ctx):
        if not ctx.year:
            return
        sec = _section(ctx, "problems")
        if sec is None:
            return
        for block, text in _paragraphs(ctx, section=sec):
            for m in _PLAN_RE.finditer(text):
                if int(m.group("year")) != ctx.year:
                    continue
                yield self.report(
                    ctx,
                    "report-year",
                    Location(block=block, start=m.start(), end=m.end()),
                    excerpt=_excerpt(text, m.start(), m.end()),
                    numbers={"year": ctx.year, "expected": ctx.year + 1},
                    plan=m.group(0),
                    year=ctx.year,
                    expected=ctx.year + 1,
                )


# ---------------------------------------------------------------------------------
# Q006 the regulation cited wrongly

_RIGHT_TITLE = "中华人民共和国政府信息公开条例"
_TITLE_RE = re.compile(r"《([^《》]{2,30})》")
_SLIP_RE = re.compile(r"^(?:中华人民共和国|中国)?(?:政府)?(?:信息)?(?:公开)?(?:工作)?条例$")
_ORDER_RE = re.compile(r"国务院令(?:第)?\s*(\d{3})\s*号")


def regulation_slip(title: str) -> bool:
    """A title meant as the national regulation but written wrongly."""
    t = re.sub(r"\s+", "", title)
    if t == _RIGHT_TITLE or t == "政府信息公开条例" or ("公开" not in t and "信息" not in t):
        return False  # 《政府信息公开条例》: the usual short form, not a slip
    return bool(_SLIP_RE.match(t)) and t not in ("条例",)


class RegulationMiscited(Rule):
    code = "Q006"
    name = "regulation-miscited"
    severity = "warning"
    summary = {"zh": "《中华人民共和国政府信息公开条例》名称或令号写错", "en": "The regulation is cited with a wrong title or order number"}
    doc = {
        "zh": (
            "条例全称为《中华人民共和国政府信息公开条例》（2019 年修订为国务院令第711号，2008 年施行的原条例为第492号）。"
            "常见误写：《政府信息公开工作条例》《中华人民共和国政府信息公开工作条例》《中华人民共和国信息公开条例》；"
            "2019 年及以后的报告只引第492号而不引第711号，或 2019 年以前的报告引第711号。"
        ),
        "en": (
            "The title is 《中华人民共和国政府信息公开条例》 (State Council order 711 for the 2019 revision, 492 for "
            "the 2008 original). Common slips: 《政府信息公开工作条例》, 《中华人民共和国政府信息公开工作条例》, "
            "《中华人民共和国信息公开条例》; a report for 2019 or later citing order 492 without 711, or one for "
            "an earlier year citing 711."
        ),
    }
    bad = "贯彻实施《中华人民共和国政府信息公开工作条例》"
    good = "贯彻实施《中华人民共和国政府信息公开条例》"
    messages = {
        "title": {
            "zh": "条例名称写作《{title}》，应为《{right}》。",
            "en": "The regulation is cited as 《{title}》; its title is 《{right}》.",
            "fix_zh": "改为《{right}》。",
            "fix_en": "Write 《{right}》.",
        },
        "order": {
            "zh": "{year} 年度报告引用“{cited}”，适用的条例为国务院令第{right}号。",
            "en": "A report for {year} cites “{cited}”; the regulation in force is order {right}.",
            "fix_zh": "改为国务院令第{right}号。",
            "fix_en": "Cite order {right}.",
        },
    }

    def check(self, ctx):
        paras = list(_paragraphs(ctx))
        seen: set[str] = set()
        for block, text in paras:
            for m in _TITLE_RE.finditer(text):
                title = m.group(1)
                if title in seen or not regulation_slip(title):
                    continue
                seen.add(title)
                yield self.report(
                    ctx,
                    "title",
                    Location(block=block, start=m.start(), end=m.end()),
                    excerpt=_excerpt(text, m.start(), m.end()),
                    numbers={"replace": {"block": block, "start": m.start(1), "end": m.end(1), "old": title, "new": _RIGHT_TITLE}},
                    title=title,
                    right=_RIGHT_TITLE,
                )
        if not ctx.year:
            return
        orders = [(block, m) for block, text in paras for m in _ORDER_RE.finditer(text)]
        numbers = {m.group(1) for _b, m in orders}
        for block, m in orders:
            n = m.group(1)
            wrong = (n == "492" and ctx.year >= 2019 and "711" not in numbers) or (n == "711" and ctx.year < 2019)
            if not wrong:
                continue
            right = "711" if n == "492" else "492"
            yield self.report(
                ctx,
                "order",
                Location(block=block, start=m.start(), end=m.end()),
                excerpt=m.group(0),
                numbers={"order": int(n), "expected": int(right), "year": ctx.year},
                year=ctx.year,
                cited=m.group(0),
                right=right,
            )
            return


# ---------------------------------------------------------------------------------
# Q007 doubled characters · Q010 doubled words

# Doubled characters that are two words meeting (为了了解, 目的的, 现在在, 实实在在, 的的确确):
# (the character, what may stand before it, what may follow it).
_WORD_JOINS = {
    "的的": ("目标端", "确"),
    "了了": ("一为除罢", "解之分然如"),
    "在在": ("实现存所正自", ""),
}


class DoubledCharacter(Rule):
    code = "Q007"
    name = "doubled-character"
    severity = "warning"
    summary = {"zh": "字重复（的的、了了、在在）", "en": "A character is doubled (的的, 了了, 在在)"}
    doc = {
        "zh": (
            "“的的”“了了”“在在”等连写几乎总是录入失误。字表来自格式配置（format_rules.doubled_chars）；引号内的"
            "文字不查（引文照录原话）。两个词相接造成的重字不报：为了了解、一了了之、目的的、现在在、实实在在、的的确确。"
        ),
        "en": (
            "的的, 了了, 在在 and the like are almost always slips. The list comes from the profile "
            "(format_rules.doubled_chars); quoted text is left alone, and so are two words meeting: 为了了解, "
            "一了了之, 目的的, 现在在, 实实在在, 的的确确."
        ),
    }
    bad = "建成统一的的网站界面。"
    good = "建成统一的网站界面。"
    messages = {
        "doubled": {
            "zh": "“{doubled}”重复，多写了一个“{char}”。",
            "en": "“{doubled}”: the character “{char}” is doubled.",
            "fix_zh": "删去多余的“{char}”。",
            "fix_en": "Remove the extra “{char}”.",
        }
    }

    def check(self, ctx):
        # The characters are the profile's (rules/*.toml); a profile without the list checks none.
        chars = ctx.profile.params.format_rules.doubled_chars
        if not chars:
            return
        rx = re.compile("(" + "|".join(re.escape(c) for c in chars) + r")\1")
        for block, text in _paragraphs(ctx, prose=True):
            quoted = None
            for m in rx.finditer(text):
                before, after = _WORD_JOINS.get(m.group(0), ("", ""))
                prev_ch = text[m.start() - 1 : m.start()]
                next_ch = text[m.end() : m.end() + 1]
                if (prev_ch and prev_ch in before) or (next_ch and next_ch in after):
                    continue
                if quoted is None:
                    quoted = _quoted_spans(text)
                if _inside(quoted, m.start()):
                    continue
                c = m.group(1)
                yield self.report(
                    ctx,
                    "doubled",
                    Location(block=block, start=m.start(), end=m.end()),
                    excerpt=_excerpt(text, m.start(), m.end()),
                    numbers={"replace": {"block": block, "start": m.start(), "end": m.end(), "old": m.group(0), "new": c}},
                    doubled=m.group(0),
                    char=c,
                )


_DOUBLED_WORD_RE = re.compile(r"([\u4e00-\u9fff]{2,4})\1")


class DoubledWord(Rule):
    code = "Q010"
    name = "doubled-word"
    severity = "warning"
    summary = {"zh": "词语重复（经费经费、工作工作）", "en": "A word is written twice in a row"}
    doc = {
        "zh": (
            "两至四字的词连写两次（“经费经费”“审核审核”）多半是编辑遗留。有意的重叠（研究研究、看看、常常、天天……）"
            "列在格式配置 format_rules.reduplications 中，不报；“一个一个”一类（一X一X）不报；引号内的文字不查。"
        ),
        "en": (
            "A word of two to four characters written twice in a row (经费经费, 审核审核) is usually left over from "
            "editing. Intentional reduplications (研究研究, 看看, 常常 …) are listed in the profile's "
            "format_rules.reduplications and not reported, nor is 一X一X; quoted text is left alone."
        ),
    }
    bad = "规范审核审核发布机制。"
    good = "规范审核发布机制。"
    messages = {
        "doubled": {
            "zh": "“{word}”连写了两次（“{doubled}”）。",
            "en": "The word “{word}” is written twice (“{doubled}”).",
            "fix_zh": "删去重复的“{word}”。",
            "fix_en": "Remove the repeated “{word}”.",
        }
    }

    def check(self, ctx):
        # The intended reduplications are the profile's (rules/*.toml).
        allowed = set(ctx.profile.params.format_rules.reduplications)
        for block, text in _paragraphs(ctx, prose=True):
            quoted = None
            pos = 0
            while True:
                m = _DOUBLED_WORD_RE.search(text, pos)
                if m is None:
                    break
                pos = m.start() + 1
                word = m.group(1)
                if m.group(0) in allowed or word in allowed or len(set(word)) == 1:
                    continue
                if word[0] == "一" and len(word) == 2:
                    continue  # 一个一个, 一步一步
                if any(ch in "一二三四五六七八九十百千万零〇" for ch in word) and all(
                    ch in "一二三四五六七八九十百千万零〇" for ch in word
                ):
                    continue  # numerals
                if quoted is None:
                    quoted = _quoted_spans(text)
                if _inside(quoted, m.start()):
                    continue
                pos = m.end()
                yield self.report(
                    ctx,
                    "doubled",
                    Location(block=block, start=m.start(), end=m.end()),
                    excerpt=_excerpt(text, m.start(), m.end()),
                    numbers={
                        "word": word,
                        "replace": {"block": block, "start": m.start(), "end": m.end(), "old": m.group(0), "new": word},
                    },
                    word=word,
                    doubled=m.group(0),
                )


# ---------------------------------------------------------------------------------
# Q008 mixed bracket widths in headings · Q009 the problems section empty


_BRACKET_NUMBER_RE = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")


class MixedHeadingBrackets(Rule):
    code = "Q008"
    name = "mixed-heading-brackets"
    severity = "info"
    summary = {"zh": "标题序号混用全角与半角括号", "en": "Heading numbers mix full- and half-width brackets"}
    doc = {
        "zh": "同一文档中带括号的标题序号有的用全角“（一）”，有的用半角“(一)”。统一为全角括号更规范。",
        "en": "Some bracketed heading numbers use full-width （一）, others half-width (一). Use full-width throughout.",
    }
    bad = "（一）主动公开\n(二)依申请公开"
    good = "（一）主动公开\n（二）依申请公开"
    _FIX = {"fix_zh": "标题序号统一使用全角括号“（一）”。", "fix_en": "Use full-width brackets （一） for all heading numbers."}
    _EN = "Heading numbers mix brackets: {full} full-width, {half} half-width, e.g. “{example}”."
    messages = {
        # by the brackets of the fewer headings (the example is one of them)
        "few-half": {
            "zh": "标题序号混用括号：{full} 个用全角“（ ）”，{half} 个用半角“( )”；如“{example}”用半角“( )”。",
            "en": _EN,
            **_FIX,
        },
        "few-full": {
            "zh": "标题序号混用括号：{full} 个用全角“（ ）”，{half} 个用半角“( )”；如“{example}”用全角“（ ）”。",
            "en": _EN,
            **_FIX,
        },
    }

    def check(self, ctx):
        # Headings of the outline and run-in headings (（一）主动公开。全年……) alike.
        full, half = [], []
        for block, text in _paragraphs(ctx):
            m = _BRACKET_NUMBER_RE.match(text.lstrip())
            if m is None:
                continue
            if "(" in m.group(0) or ")" in m.group(0):
                half.append((block, text.strip()))
            else:
                full.append((block, text.strip()))
        if not full or not half:
            return
        minority = half if len(half) <= len(full) else full
        block, raw = minority[0]
        yield self.report(
            ctx,
            "few-half" if minority is half else "few-full",
            Location(block=block),
            excerpt=raw[:40],
            numbers={"full_width": len(full), "half_width": len(half)},
            full=len(full),
            half=len(half),
            example=raw[:20],
        )


_EMPTY_RE = re.compile(r"^(无|暂无|没有|无其他需要报告的事项|本年度无|无相关情况|无此类情况|不存在)[。.]?$")
_PUNCT_RE = re.compile(r"[\s\u3000\xa0，。、；：,.;:“”\"'（）()]+")


class ProblemsSectionEmpty(Rule):
    code = "Q009"
    name = "problems-section-empty"
    severity = "warning"
    summary = {"zh": "“存在的主要问题及改进情况”实质上空白", "en": "The problems-and-improvements section is empty in substance"}
    doc = {
        "zh": (
            "“存在的主要问题及改进情况”只写“无”“暂无”“无其他需要报告的事项”，或正文不足 15 个字时提示：该部分应"
            "如实写出问题和改进打算，评估时常据此扣分。"
        ),
        "en": (
            "The section on problems and improvements says only 无/暂无/无其他需要报告的事项, or has fewer than 15 "
            "characters of text: it should name the problems and the plan; evaluators mark it down."
        ),
    }
    bad = "五、存在的主要问题及改进情况\n无。"
    good = "五、存在的主要问题及改进情况\n一是部分栏目更新不够及时。2022年，将加强栏目日常巡查。"

    MIN_CHARS = 15
    _FIX = {
        "fix_zh": "如实写出本年度工作中存在的主要问题和下一年的改进打算。",
        "fix_en": "State the year's main problems and next year's plan to improve.",
    }
    messages = {
        "empty": {
            "zh": "第{number}部分“{title}”实质上空白（正文：“{body}”，{chars} 字）。",
            "en": "Section {number} “{title}” is empty in substance (“{body}”, {chars} characters).",
            **_FIX,
        },
        "blank": {
            "zh": "第{number}部分“{title}”实质上空白（正文：“无内容”，{chars} 字）。",
            "en": "Section {number} “{title}” is empty in substance (“”, {chars} characters).",
            **_FIX,
        },
    }

    def check(self, ctx):
        sec = _section(ctx, "problems")
        if sec is None:
            return
        if any(isinstance(ctx.document.blocks[b], Table) for b in range(sec.heading.block + 1, sec.end)):
            return
        texts = list(_paragraphs(ctx, section=sec, blank=True))
        body = "".join(t for _b, t in texts).strip()
        if any(ph and ph in body for ph in ctx.profile.placeholders):
            return  # the template's placeholder left in: F001 says so
        bare = _PUNCT_RE.sub("", body)
        if len(bare) >= self.MIN_CHARS and not _EMPTY_RE.match(body):
            return
        where = texts[0][0] if texts else sec.heading.block
        yield self.report(
            ctx,
            "empty" if body else "blank",
            Location(block=where),
            excerpt=body[:40] or sec.heading.raw,
            numbers={"chars": len(bare), "minimum": self.MIN_CHARS},
            number=sec.heading.number,
            title=sec.heading.title,
            body=body[:20],
            chars=len(bare),
        )


__all__ = [
    "EnumerationSequence",
    "DoubledMark",
    "UnbalancedMark",
    "RepeatedListItem",
    "PlanDatedToReportYear",
    "RegulationMiscited",
    "DoubledCharacter",
    "MixedHeadingBrackets",
    "ProblemsSectionEmpty",
    "DoubledWord",
]
