"""Which heading is which section of the format: the one matcher of headings to a
profile's sections, shared by the structure, format and narrative rules.

``analyse`` pairs the outline's level-1 headings (every heading in ``topics`` mode) with
the profile's sections: exact titles first, then reworded ones (similarity, containment,
keyword groups), then a heading run into its first paragraph (headings mode) or the topic
discussed in the text (topics mode). Rules read the result as ``ctx.section_map``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Iterable, Optional

from report_lint.model.document import Document, Paragraph
from report_lint.outline.build import Heading, Outline
from report_lint.profiles.load import Profile, SectionSpec
from report_lint.text.normalize import heading_key

FUZZY_RATIO = 0.72
"""Similarity above which a heading is taken as a reworded profile heading. Lower values
pair unrelated sections of the same shape (依申请公开情况 / 主动公开情况 score 0.62)."""
CONTAIN_SCORE = 0.8
"""Score of a heading that contains a profile title (or is contained in it)."""

_KEYWORD_SPLIT = re.compile(r"[\s&＆]+")
_LISTING = re.compile(r"(?:本报告|报告全文|年度报告)[^。]{0,12}?(?:由|包括|分为|共分)")
_CN_NUM = "一二三四五六七八九"
_CN_PREFIX = re.compile(r"([一二三四五六七八九十]{1,3})[、.]")


normalize = heading_key
"""Heading text for comparison (the name the structure rules import)."""


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


def _paragraph_texts(document: Document, blocks: Iterable[int]) -> Iterable[tuple[int, str]]:
    doc_blocks = document.blocks
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


def analyse(document: Document, outline: Outline, profile: Profile) -> Analysis:
    """Match the outline's headings to the profile's sections (read through
    ``LintContext.section_map``, computed once per document)."""
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
            (b, normalize(t)) for b, t in _paragraph_texts(document, _body_blocks(outline, len(document.blocks))) if not _LISTING.search(t)
        ]
    for si, spec in enumerate(specs):
        if si in used_s:
            continue
        found = _find_in_text(document, outline, spec, titles[si], groups[si], texts if topics else None)
        if found is not None:
            an.matches.append(Match(spec, si, None, False, 0.0, block=found, how="text" if topics else "run-in"))
            used_s.add(si)
        elif spec.required:
            an.missing.append((si, spec))
    an.matches.sort(key=lambda m: m.block if m.block is not None else -1)
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
    document: Document,
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
    for b, text in _paragraph_texts(document, _body_blocks(outline, len(document.blocks))):
        if b not in heading_blocks and _starts_with_title(text, titles, spec.number):
            return b
    for b, text in _paragraph_texts(document, outline.preamble):
        if _starts_with_title(text, titles, spec.number):
            return b
    return _inline_heading(document, titles, spec.number)


def _inline_heading(document: Document, titles: list[str], number: Optional[str]) -> Optional[int]:
    """A level-1 heading inside a run-together paragraph, after a table row or a sentence
    ("…结转下年度继续办理 2 0 0 四、政府信息公开行政复议、行政诉讼情况 行政复议…"): the
    section's own number followed by its exact title. Only in text the reader had to cut
    (line breaks lost); sentences that list the parts of the report ("本报告由…组成") do
    not count."""
    if not number or not any(n.kind == "run-together-text" for n in document.notices):
        return None  # a document with its own line breaks: a heading is a line (a contents line is not)
    keys = [f"{number}、{t}" for t in titles if len(t) >= 4]
    for b, text in _paragraph_texts(document, range(len(document.blocks))):
        n = normalize(text)
        if any(k in n for k in keys) and not _LISTING.search(text):
            return b
    return None
