"""Split run-together text back into paragraphs.

Web crawlers often lose every paragraph break, so a whole report arrives as one
line: ``…联系。 一、 概述 推进…。 二、主动公开政府信息情况 （一）…``. The outline
parser needs the headings at the start of paragraphs, so long lines are cut in
front of headings — but only where the cut is safe:

* level-1 headings ``一、`` … ``九十九、`` and level-2 headings ``（一）`` / ``(一)``
  are accepted only as an unbroken sequence (一, 二, 三 …): a stray ``三、`` inside a
  sentence, ``一、二、三类`` or ``第一、`` never starts a paragraph;
* a candidate is *strong* when a sentence end, whitespace or the line start precedes
  it, *weak* otherwise (``…24252.311082三、收到和处理…`` where the crawler glued a table
  cell to the next heading). Weak candidates may only bridge a gap between strong
  ones — a chain never ends on a weak candidate — so the row labels of a flattened
  table (``…470二、上年结转…``) do not become headings on their own;
* nothing inside ``《…》`` titles or ``“…”`` quotes is cut;
* ``附件`` / ``附表`` headings start a paragraph and restart the level-1 numbering.

Flattened tables stay as plain paragraph text; the table mapper decides what it can
read from them. Everything here is linear or n·log n in the line length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from report_lint.text.numerals import cn_numeral

SEGMENT_MIN_CHARS = 200
"""Lines shorter than this are ordinary paragraphs and are never cut."""

SHORT_LINE_MIN_CHAIN = 2
"""Below ``LONG_LINE_CHARS`` a single level-1 heading inside a line is more likely an
inline enumeration (``主要做法：一、… 二、…``) than a lost paragraph break."""

LONG_LINE_CHARS = 1000

_NUMERAL_CHARS = "一二三四五六七八九十"

_L1_RE = re.compile(r"[一二三四五六七八九十]{1,3}、")
_L2_RE = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")
# Inside a line only "附件：" / "附件1：" (with the colon) count: "见 附件2）" does not.
_ANNEX_RE = re.compile(r"附[件表](?=[0-9０-９一二三四五六七八九十]{0,2}[：:])")
_L1_AT_START = re.compile(r"\s*([一二三四五六七八九十]{1,3})、")
_L2_AT_START = re.compile(r"\s*[（(]([一二三四五六七八九十]{1,3})[）)]")
_ANNEX_AT_START = re.compile(r"\s*附[件表](?:[0-9０-９一二三四五六七八九十]|[：:]|\s|$)")

# Titles and short quotations; bounded so an unbalanced mark cannot swallow a line.
_SPAN_RE = re.compile(r"《[^《》\n]{0,200}》|“[^“”\n]{0,100}”|「[^「」\n]{0,100}」")

_STRONG_PREV = frozenset("。；！？」”』;!?")
# Characters that make "X、" part of running text rather than a heading:
# 第一、 / 其一、 / 之一、 / （一、二类） / 一、二、三.
_L1_BAD_PREV = frozenset("第其之、（(“‘《〈" + _NUMERAL_CHARS)
_L2_BAD_PREV = frozenset("第、" + _NUMERAL_CHARS)
_L2_BAD_NEXT = frozenset("、项款条（(")


def level1_number(text: str, pos: int = 0) -> Optional[int]:
    """Number of a level-1 heading marker (``一、``) at ``pos`` of ``text``."""
    m = _L1_AT_START.match(text, pos)
    if not m:
        return None
    rest = text[m.end() : m.end() + 2]
    if len(rest) == 2 and rest[0] in _NUMERAL_CHARS and rest[1] == "、":
        return None  # 一、二、三类…
    return cn_numeral(m.group(1))


def level2_number(text: str, pos: int = 0) -> Optional[int]:
    m = _L2_AT_START.match(text, pos)
    return cn_numeral(m.group(1)) if m else None


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    kind: str
    """'lead' (text before the first cut), 'level1', 'level2' or 'annex'."""
    number: Optional[int] = None


@dataclass(frozen=True)
class _Cand:
    pos: int
    num: int
    strong: bool


class _Spans:
    """Sorted disjoint intervals of quoted text; membership by bisection."""

    def __init__(self, text: str):
        starts: list[int] = []
        ends: list[int] = []
        for m in _SPAN_RE.finditer(text):
            starts.append(m.start())
            ends.append(m.end())
        self.starts, self.ends = starts, ends

    def inside(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.starts[i] < pos < self.ends[i]


def _strong(text: str, pos: int, lo: int) -> bool:
    if pos <= lo:
        return True
    p = text[pos - 1]
    return p in _STRONG_PREV or p.isspace()


def _level1_cands(text: str, lo: int, hi: int, spans: _Spans) -> list[_Cand]:
    out = []
    for m in _L1_RE.finditer(text, lo, hi):
        pos = m.start()
        if pos > lo and text[pos - 1] in _L1_BAD_PREV:
            continue
        nxt = text[m.end() : m.end() + 2]
        if len(nxt) == 2 and nxt[0] in _NUMERAL_CHARS and nxt[1] == "、":
            continue
        num = cn_numeral(m.group()[:-1])
        if num is None or spans.inside(pos):
            continue
        out.append(_Cand(pos, num, _strong(text, pos, lo)))
    return out


def _level2_cands(text: str, lo: int, hi: int, spans: _Spans) -> list[_Cand]:
    out = []
    for m in _L2_RE.finditer(text, lo, hi):
        pos = m.start()
        if pos > lo and text[pos - 1] in _L2_BAD_PREV:
            continue
        if m.end() < len(text) and text[m.end()] in _L2_BAD_NEXT:
            continue
        num = cn_numeral(m.group()[1:-1])
        if num is None or spans.inside(pos):
            continue
        out.append(_Cand(pos, num, _strong(text, pos, lo)))
    return out


def _best_chain(cands: list[_Cand], start: int) -> list[_Cand]:
    """Longest run start, start+1, … at increasing positions, ending on a strong
    candidate; ties go to more strong candidates, then to earlier positions."""
    groups: dict[int, list[_Cand]] = {}
    for c in cands:  # already in position order
        if c.num >= start:
            groups.setdefault(c.num, []).append(c)
    if start not in groups:
        return []
    # best[num][i] = (length, strongs) of the best chain beginning at groups[num][i];
    # suffix[num][i] = index j >= i of the best such chain (earliest on ties).
    best: dict[int, list[Optional[tuple[int, int]]]] = {}
    link: dict[int, list[Optional[int]]] = {}
    suffix: dict[int, list[Optional[int]]] = {}
    top = max(groups)
    for num in range(top, start - 1, -1):
        g = groups.get(num)
        if not g:
            if num > start:
                continue
            return []
        nxt = groups.get(num + 1)
        nxt_pos = [c.pos for c in nxt] if nxt else []
        vals: list[Optional[tuple[int, int]]] = []
        links: list[Optional[int]] = []
        for c in g:
            val: Optional[tuple[int, int]] = (1, 1) if c.strong else None
            lk = None
            if nxt:
                j = bisect.bisect_right(nxt_pos, c.pos)
                if j < len(nxt):
                    k = suffix[num + 1][j]
                    if k is not None:
                        nv = best[num + 1][k]
                        val = (nv[0] + 1, nv[1] + (1 if c.strong else 0))
                        lk = k
            vals.append(val)
            links.append(lk)
        suf: list[Optional[int]] = [None] * len(g)
        cur: Optional[int] = None
        for i in range(len(g) - 1, -1, -1):
            if vals[i] is not None and (cur is None or vals[i] >= vals[cur]):
                cur = i
            suf[i] = cur
        best[num], link[num], suffix[num] = vals, links, suf
    i0 = suffix[start][0]
    if i0 is None:
        return []
    chain = []
    num, i = start, i0
    while i is not None:
        chain.append(groups[num][i])
        i = link[num][i]
        num += 1
    return chain


def _annex_positions(text: str, spans: _Spans) -> list[int]:
    out = []
    for m in _ANNEX_RE.finditer(text):
        pos = m.start()
        if _strong(text, pos, 0) and not spans.inside(pos):
            out.append(pos)
    return out


class Segmenter:
    """Cuts the long lines of one document, in order.

    Level-1 numbering continues across lines (``一、`` on one line, ``二、`` glued
    into the next), so feed every paragraph line of a document — short lines only
    update the expected numbers.
    """

    def __init__(self, min_chars: int = SEGMENT_MIN_CHARS, line_headings: Optional[set[int]] = None):
        self.min_chars = min_chars
        self.next_l1 = 1
        self.next_l2 = 1
        self.lines_cut = 0
        # Structured documents (level-1 headings already on lines of their own) only
        # get cuts for the numbers that are missing there: an inline enumeration
        # "…。二、完善机制。三、…" must not compete with the real "二、" heading line.
        self.line_headings = line_headings if line_headings and len(line_headings) >= 2 else None

    def observe(self, text: str) -> None:
        """Track numbering from a paragraph that is not cut."""
        n1 = level1_number(text)
        if n1 is not None:
            self.next_l1, self.next_l2 = n1 + 1, 1
            return
        n2 = level2_number(text)
        if n2 is not None:
            self.next_l2 = n2 + 1
            return
        if _ANNEX_AT_START.match(text):
            self.next_l1, self.next_l2 = 1, 1

    def split(self, text: str) -> list[Piece]:
        """Pieces of ``text`` (offsets into it). Short lines come back whole."""
        if len(text) < self.min_chars:
            self.observe(text)
            return [Piece(0, len(text), "lead")]
        spans = _Spans(text)
        min_chain = 1 if len(text) >= LONG_LINE_CHARS else SHORT_LINE_MIN_CHAIN

        # Regions between 附件 headings; numbering restarts in each annex.
        annex = [p for p in _annex_positions(text, spans) if p > 0]
        bounds = [0] + annex + [len(text)]
        cuts: list[tuple[int, str, Optional[int]]] = []  # (pos, kind, number)
        if _ANNEX_AT_START.match(text):
            self.next_l1, self.next_l2 = 1, 1
        for r in range(len(bounds) - 1):
            lo, hi = bounds[r], bounds[r + 1]
            if r > 0:
                cuts.append((lo, "annex", None))
                self.next_l1, self.next_l2 = 1, 1
            cands = _level1_cands(text, lo, hi, spans)
            if self.line_headings is not None:
                cands = [c for c in cands if c.num not in self.line_headings or c.pos == lo]
            own = level1_number(text, lo)
            own2 = level2_number(text, lo) if own is None else None
            if own2 is not None:
                self.next_l2 = own2
            # A line that opens with its own heading fixes where the sequence stands.
            chain = _best_chain(cands, own if own is not None else self.next_l1)
            if not chain and self.next_l1 != 1 and self.line_headings is None:
                restart = _best_chain(cands, 1)
                if len(restart) >= 2:
                    chain = restart
            if len(chain) < min_chain and not (chain and chain[0].pos == lo):
                chain = []
            # Level-2 cuts only where the line is evidently run together: it holds
            # level-1 cuts, follows an annex cut, or itself starts with a heading.
            do_l2 = (bool(chain) or r > 0 or own is not None or own2 is not None) and (self.line_headings is None or bool(chain))
            l1_bounds = [lo] + [c.pos for c in chain] + [hi]
            for s in range(len(l1_bounds) - 1):
                a, b = l1_bounds[s], l1_bounds[s + 1]
                if s > 0:
                    c = chain[s - 1]
                    if c.pos > 0:
                        cuts.append((c.pos, "level1", c.num))
                    self.next_l1, self.next_l2 = c.num + 1, 1
                if not do_l2 or b - a < 2:
                    continue
                c2 = _best_chain(_level2_cands(text, a, b, spans), self.next_l2)
                if len(c2) < 2 and not (c2 and self.next_l2 > 1):
                    # A lone （一） is more often a table row label (…办理结果 （一）予以公开…)
                    # than a section with a single sub-heading.
                    c2 = []
                for c in c2:
                    if c.pos > 0:
                        cuts.append((c.pos, "level2", c.num))
                if c2:
                    self.next_l2 = c2[-1].num + 1
        if not cuts:
            return [Piece(0, len(text), "lead")]
        self.lines_cut += 1
        cuts.sort()
        pieces = []
        if cuts[0][0] > 0:
            pieces.append(Piece(0, cuts[0][0], "lead"))
        for i, (pos, kind, num) in enumerate(cuts):
            end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
            if end > pos:
                pieces.append(Piece(pos, end, kind, num))
        return pieces


def line_start_headings(lines: list[str], max_chars: int = 100) -> set[int]:
    """Level-1 numbers that start a short line of their own (structured documents)."""
    out = set()
    for ln in lines:
        if len(ln) <= max_chars:
            n = level1_number(ln)
            if n is not None:
                out.add(n)
    return out


def split_paragraphs(text: str, min_chars: int = SEGMENT_MIN_CHARS) -> list[str]:
    """Cut one run-together text with fresh numbering; empty pieces dropped."""
    seg = Segmenter(min_chars)
    out = []
    for p in seg.split(text):
        t = text[p.start : p.end].strip()
        if t:
            out.append(t)
    return out
