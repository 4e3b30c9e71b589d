"""Classify the blocks of a Document into outline tokens (one linear pass).

Every body block (paragraphs and tables outside table cells; blank paragraphs are
skipped) becomes one ``BlockToken`` whose ``kind`` is a terminal of
``grammar/outline.lark``:

  TITLE · H1 · H2 · H3 · ATTACH · SIGNATURE · TABLE · PARA

A numbered line is a heading only when it looks like one: short (≤ 40 characters after
the number), no sentence end (。！？；) before its end — a run-in "1.加强组织领导。…"
paragraph is content. A paragraph whose style/outline level says heading is a heading
even when longer.
"""

from __future__ import annotations

import re
from typing import Optional

from report_lint.model.document import Document, Paragraph, Table
from report_lint.text.normalize import heading_to_half_width
from report_lint.text.units import AGENCY_SUFFIXES, alternation
from report_lint.text.numerals import cn_numeral


TITLE = "TITLE"
H1 = "H1"
H2 = "H2"
H3 = "H3"
ATTACH = "ATTACH"
SIGNATURE = "SIGNATURE"
TABLE = "TABLE"
PARA = "PARA"
KINDS = (TITLE, H1, H2, H3, ATTACH, SIGNATURE, TABLE, PARA)

MAX_HEADING_CHARS = 40
"""Longest heading text after the number (typed headings)."""
MAX_STYLED_HEADING_CHARS = 80
"""Longest heading text when the paragraph style says heading."""
_LONGEST_SHORT_LINE = MAX_STYLED_HEADING_CHARS + 12
"""Longest paragraph that can be anything but PARA (styled heading text + number + '#')."""
TITLE_WINDOW = 8
"""Non-empty paragraphs at the top of the document where a title may appear."""

_CN = "一二三四五六七八九十"

_MD_HASHES = re.compile(r"#{1,6}[ \t]+")
# Level 1: 一、 一. 十一、 二十、 and bare "一 标题"; also 第一部分.
_H1 = re.compile(rf"(?P<num>[{_CN}]{{1,3}})[ \t]*(?P<sep>[、.]|(?=[ \t]))[ \t]*")
# Level 1 with debris (FORMS): a stray bullet, mark or letter before the numeral
# ("·五、", "-五、", "l五、"), or a comma/colon for the 、 ("五，", "五:").
_DEBRIS = "·•●○◆◇■□▪▫►▶★☆※・*~—–\\-_'\"“”‘’`.,;:!?、。，；：！？"
_H1_DEBRIS = re.compile(rf"(?P<pre>[{_DEBRIS}]{{1,2}}|[A-Za-z])[ \t]*(?P<num>[{_CN}]{{1,3}})[ \t]*(?P<sep>[、.])[ \t]*")
_H1_SEP = re.compile(rf"(?P<num>[{_CN}]{{1,3}})[ \t]*(?P<sep>[,:])[ \t]*")
FORMS = {
    "prefix": "stray characters before the numeral (·五、)",
    "space": "a space between the numeral and 、 (五 、)",
    "dot": "a full stop for the 、 (五. / 五．)",
    "sep": "a comma or colon for the 、 (五，/ 五：)",
    "paren": "a level-1 heading numbered like a level-2 one ((五))",
}
"""Irregular ways of writing a level-1 numeral that are still read as one."""
_H1_PART = re.compile(rf"第(?P<num>[{_CN}]{{1,3}})(?P<sep>部分|章)[ \t]*[、.:]?[ \t]*")
# Level 2: （一） (一) （一）、
_H2 = re.compile(rf"\([ \t]*(?P<num>[{_CN}]{{1,3}})[ \t]*\)[ \t]*(?P<sep>[、.]?)[ \t]*")
# Level 3: 1. 1、 （1） (1) — but not 1.5 or 2018.
_H3_DOT = re.compile(r"(?P<num>\d{1,2})[ \t]*(?P<sep>[、.])(?!\d)[ \t]*")
_H3_PAREN = re.compile(r"\([ \t]*(?P<num>\d{1,2})[ \t]*\)[ \t]*(?P<sep>[、.]?)[ \t]*")

_ATTACH = re.compile(r"(?:附件|附表)(?=$|[ \t:\d一二三四五六七八九十])[ \t]*[\d一二三四五六七八九十]{0,2}[ \t]*:?[ \t]*|附:[ \t]*")
_SENTENCE_END = re.compile(r"[。！？；!?;]")

_YEAR_AR = r"(?:19|20|21)\d\d"
_YEAR_CN = r"[〇○零一二][〇○零一二三四五六七八九]{3}"
_MONTH = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
# A date line: "2019年1月17日", "二○一九年一月十七日", "(2026年1月23日)", "填报日期:2019年1月17日",
# "平潭综合实验区管委会办公室 二〇一三年一月". Only tried on short lines.
_DATE_LINE = re.compile(
    rf"(?:[^\d,。;]{{0,24}}?[ \t:]+)?\(?[ \t]*(?:{_YEAR_AR}|{_YEAR_CN})[ \t]*年[ \t]*{_MONTH}[ \t]*月"
    rf"(?:[ \t]*{_MONTH}[ \t]*日)?[ \t]*\)?"
)
_AGENCY_SUFFIX = alternation(AGENCY_SUFFIXES)
_AGENCY_LINE = re.compile(rf"[\u4e00-\u9fff()]{{2,30}}(?:{_AGENCY_SUFFIX})(?:[ \t]*\(盖章\))?")
_HAS_YEAR = re.compile(rf"{_YEAR_AR}[ \t]*年|{_YEAR_CN}[ \t]*年")
_TITLE_WORDS = re.compile(r"报告|年报")
_TITLE_CONTEXT = re.compile(r"信息公开|政务公开|年度")
_RUN_IN_TITLE = re.compile(r".{4,60}?(?:年度报告|年报)")
_STYLE_HEADING = re.compile(r"(?:heading|标题)[ \t]*(\d)", re.IGNORECASE)
_STYLE_TITLE = re.compile(r"^(?:title|标题)$", re.IGNORECASE)

_YEAR_IN_TITLE = re.compile(rf"(?<!\d)(20\d\d|2100)(?!\d)|({_YEAR_CN})")


class BlockToken:
    """One body block as the outline grammar sees it."""

    __slots__ = ("kind", "block", "level", "number", "ordinal", "title", "raw", "numbering", "style_key", "form")

    def __init__(
        self,
        kind: str,
        block: int,
        raw: str = "",
        level: int = 0,
        number: str = "",
        ordinal: int = 0,
        title: str = "",
        numbering: str = "typed",
        style_key: str = "",
        form: str = "",
    ):
        self.kind = kind
        self.block = block
        self.raw = raw
        self.level = level
        self.number = number
        self.ordinal = ordinal
        self.title = title
        self.numbering = numbering
        self.style_key = style_key
        """How the number is written ('cn', 'paren', 'dot', 'part'): sequences are checked per style."""
        self.form = form
        """A level-1 numeral written irregularly (see ``FORMS``); '' when written 一、."""

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"BlockToken({self.kind}, {self.block}, {self.number!r}, {self.title!r})"


_STYLE_LEVELS: dict[tuple[Optional[str], Optional[int]], tuple[Optional[int], bool]] = {}


def _style_level(p: Paragraph) -> tuple[Optional[int], bool]:
    """(heading level from style/outline level, is-title-style)."""
    # Asked once per paragraph; documents use a handful of (style, outline level) pairs.
    key = (p.style, p.outline_level)
    hit = _STYLE_LEVELS.get(key)
    if hit is None:
        if len(_STYLE_LEVELS) > 4096:
            _STYLE_LEVELS.clear()
        hit = _STYLE_LEVELS[key] = _style_level_uncached(p.style, p.outline_level)
    return hit


def _style_level_uncached(style: Optional[str], outline_level: Optional[int]) -> tuple[Optional[int], bool]:
    style = style or ""
    if style and _STYLE_TITLE.match(style.strip()):
        return None, True
    if outline_level is not None and 0 <= outline_level <= 8:
        return min(outline_level + 1, 3), False
    m = _STYLE_HEADING.search(style) if style else None
    if m:
        lvl = int(m.group(1))
        if lvl >= 1:
            return min(lvl, 3), False
    return None, False


_ROW_VALUES = re.compile(r"(?:[\s\u3000]+[0-9０-９][0-9０-９.,，]*){2,}[\s\u3000]*$")
"""Two or more numbers set apart at the end: a table row whose tabs became spaces
("一、本年新收政府信息公开申请数量 40 3 0 1 2 0 46"), not a heading."""


def _heading_text_ok(title: str, limit: int, bare: bool) -> bool:
    if len(title) > limit:
        return False
    if _ROW_VALUES.search(title):
        return False
    # A sentence end is allowed only as the last character ("（一）总体情况。").
    m = _SENTENCE_END.search(title)
    if m and m.end() < len(title):
        return False
    if bare and ("," in title or "，" in title or m):
        return False
    if m and ("," in title or "，" in title):
        # "其他需要报告的事项2021年，无收取信息处理费情况。" is a sentence, not a heading.
        return False
    return True


def classify_paragraph(p: Paragraph, *, index: Optional[int] = None) -> BlockToken:
    """Classify one paragraph on its own (no title/position context)."""
    idx = p.index if index is None else index
    raw = p.text.strip()
    if len(raw) > _LONGEST_SHORT_LINE:
        # Too long for a heading, attachment or signature line: skip the regexes.
        return BlockToken(PARA, idx, raw)
    s = heading_to_half_width(raw)
    styled_level, _ = _style_level(p)
    m = _MD_HASHES.match(s) if s.startswith("#") else None
    if m:
        # Markdown '#' is dropped without promoting the line: in PDF→markdown conversions
        # it marks table captions and run-in items as often as real headings.
        s = s[m.end() :]
        raw = raw[m.end() :]
    if not s:
        return BlockToken(PARA, idx, raw)
    limit = MAX_STYLED_HEADING_CHARS if styled_level is not None else MAX_HEADING_CHARS
    numbering = "auto" if p.number_label and raw.startswith(p.number_label.strip()) else "typed"
    first = s[0]

    tok = None
    if first == "(":
        tok = _numbered(_H2, s, raw, idx, H2, 2, limit, numbering, "paren", cn=True) or _numbered(
            _H3_PAREN, s, raw, idx, H3, 3, limit, numbering, "paren", cn=False
        )
    elif first in _CN:
        tok = _numbered(_H1, s, raw, idx, H1, 1, limit, numbering, "cn", cn=True)
        if tok is None:
            tok = _numbered(_H1_SEP, s, raw, idx, H1, 1, min(limit, 30), numbering, "cn", cn=True)
            if tok is not None and ("," in tok.title or "，" in tok.title or tok.title[:1] in _CN or _SENTENCE_END.search(tok.title)):
                tok = None  # 一，二，三类… is an enumeration, not a heading
            elif tok is not None:
                tok.form = "sep"
        elif not tok.form:
            m = _H1.match(s)
            sep = m.group("sep") if m else ""
            if sep == ".":
                tok.form = "dot"
            elif sep and s[m.start("sep") - 1] in " \t":
                tok.form = "space"
    elif first == "第":
        tok = _numbered(_H1_PART, s, raw, idx, H1, 1, limit, numbering, "part", cn=True)
    elif first.isdigit():
        tok = _numbered(_H3_DOT, s, raw, idx, H3, 3, limit, numbering, "dot", cn=False)
    elif first in _DEBRIS or (first.isascii() and first.isalpha()):
        tok = _numbered(_H1_DEBRIS, s, raw, idx, H1, 1, limit, numbering, "cn", cn=True)
        if tok is not None:
            tok.form = "prefix"
    elif first == "附":
        am = _ATTACH.match(s)
        if am:
            rest = raw[am.end() :].strip()
            if len(rest) <= 60 and not _SENTENCE_END.search(rest):
                return BlockToken(ATTACH, idx, raw, level=1, number="附件", title=rest)
    if tok is not None:
        return tok

    if styled_level is not None and _heading_text_ok(s, MAX_STYLED_HEADING_CHARS, False):
        kind = (H1, H2, H3)[styled_level - 1]
        return BlockToken(kind, idx, raw, level=styled_level, title=raw, numbering="style", style_key="style")

    if len(s) <= 40:
        if _DATE_LINE.fullmatch(s) or _AGENCY_LINE.fullmatch(s):
            return BlockToken(SIGNATURE, idx, raw, title=raw)
    return BlockToken(PARA, idx, raw)


def _numbered(
    rx: re.Pattern,
    s: str,
    raw: str,
    idx: int,
    kind: str,
    level: int,
    limit: int,
    numbering: str,
    style_key: str,
    cn: bool,
) -> Optional[BlockToken]:
    m = rx.match(s)
    if not m:
        return None
    num = m.group("num")
    ordinal = cn_numeral(num) if cn else int(num)
    if not ordinal:
        return None
    title = raw[m.end() :].strip()
    bare = kind == H1 and style_key == "cn" and not m.group("sep")
    if bare and not title:
        return None
    if not _heading_text_ok(title, limit, bare):
        return None
    if bare and len(title) > 30:
        return None
    return BlockToken(kind, idx, raw, level=level, number=num, ordinal=ordinal, title=title, numbering=numbering, style_key=style_key)


def _is_title_line(s: str) -> bool:
    if len(s) > 60 or s.endswith(("。", ":")) or "," in s:
        return False
    return bool(_TITLE_WORDS.search(s)) and bool(_TITLE_CONTEXT.search(s))


def _is_title_lead_in(s: str) -> bool:
    """A short first half of a title broken over two lines (agency, year, …工作)."""
    if len(s) > 40 or _SENTENCE_END.search(s) or "," in s or "，" in s or ":" in s or "：" in s:
        return False
    return bool(_HAS_YEAR.search(s) or "信息公开" in s or _AGENCY_LINE.fullmatch(s.replace(" ", "")))


def classify(document: Document) -> list[BlockToken]:
    """Tokens for the body blocks of ``document`` in order (one pass).

    Skipped: blank paragraphs and blocks inside table cells (they belong to their table).
    """
    out: list[BlockToken] = []
    in_title_window = True
    top_paras = 0
    for b in document.blocks:
        if b.container is not None:
            continue
        if isinstance(b, Table):
            out.append(BlockToken(TABLE, b.index))
            continue
        if not isinstance(b, Paragraph):  # pragma: no cover - the model has two block kinds
            continue
        text = b.text
        if not text or text.isspace():
            continue
        tok = classify_paragraph(b)
        if in_title_window:
            title = _title_token(b, tok, top_paras, out)
            if title is not None:
                tok = title
                in_title_window = False
            elif tok.kind in (H1, H2, H3, ATTACH) and tok.numbering != "style":
                in_title_window = False
        top_paras += 1
        if top_paras >= TITLE_WINDOW:
            in_title_window = False
        out.append(tok)
    _demote_deeper_h1(document, out)
    _promote_paren_h1(out)
    return out


def _promote_paren_h1(tokens: list[BlockToken]) -> None:
    """Level-1 headings with debris are kept only where they continue the level-1 numbers.

    A "（五）" line that continues the level-1 numbering is a level-1 heading written like
    a level-2 one: the first sub-heading after "四、" numbered 五, with the next level-1
    heading (if any) numbered 六 and no sibling （六） after it. Real sub-headings under
    "四、" start at （一）."""
    last_h1: Optional[BlockToken] = None
    h2_since = False
    for i, t in enumerate(tokens):
        if t.kind == H1:
            if t.form in ("prefix", "sep") and t.ordinal != (last_h1.ordinal + 1 if last_h1 is not None else 1):
                # "·三、" or "三，" inside a section's text that does not continue the level-1
                # numbers is a list item, not a heading with debris.
                tokens[i] = BlockToken(PARA, t.block, t.raw)
                continue
            last_h1, h2_since = t, False
            continue
        if t.kind != H2:
            continue
        if last_h1 is not None and not h2_since and t.style_key == "paren" and last_h1.ordinal and t.ordinal == last_h1.ordinal + 1:
            nxt = next(
                (u for u in tokens[i + 1 :] if u.kind in (H1, H2, ATTACH) and not (u.kind == H2 and u.ordinal != t.ordinal + 1)), None
            )
            if nxt is None or nxt.kind == ATTACH or (nxt.kind == H1 and nxt.ordinal == t.ordinal + 1):
                tokens[i] = BlockToken(
                    H1,
                    t.block,
                    t.raw,
                    level=1,
                    number=t.number,
                    ordinal=t.ordinal,
                    title=t.title,
                    numbering=t.numbering,
                    style_key="cn",
                    form="paren",
                )
                last_h1, h2_since = tokens[i], False
                continue
        h2_since = True


def _demote_deeper_h1(document: Document, tokens: list[BlockToken]) -> None:
    """A "一、" line whose explicit outline level is deeper than the real level-1 headings' is not a section.

    PDF→markdown conversions and styled drafts mark table row labels such as
    "### 一、本年新收政府信息公开申请数量" one level below "## 一、总体情况"; taking them as
    sections would invent a numbering restart.
    """
    levels: dict[int, int] = {}
    for t in tokens:
        if t.kind == H1:
            lvl = document.blocks[t.block].outline_level
            if lvl is not None:
                levels[lvl] = levels.get(lvl, 0) + 1
    if len(levels) < 2:
        return
    top = min(levels)
    if levels[top] < 2:
        return
    for i, t in enumerate(tokens):
        if t.kind == H1:
            lvl = document.blocks[t.block].outline_level
            if lvl is not None and lvl > top:
                tokens[i] = BlockToken(PARA, t.block, t.raw)


def _title_token(b: Paragraph, tok: BlockToken, position: int, out: list[BlockToken]) -> Optional[BlockToken]:
    """A TITLE token for ``b`` when it is the report title (may upgrade the line before)."""
    if tok.kind not in (PARA, SIGNATURE) and tok.numbering != "style":
        return None
    raw = tok.raw
    s = heading_to_half_width(raw)
    ms = _MD_HASHES.match(s)
    if ms:
        s = s[ms.end() :]
        raw = raw[ms.end() :].strip()
    _, title_style = _style_level(b)
    if _is_title_line(s) or (title_style and len(s) <= 80):
        # The line before may be the first half of a title broken in two.
        if out and out[-1].kind in (PARA, SIGNATURE) and _is_title_lead_in(heading_to_half_width(out[-1].raw)):
            prev = out[-1]
            out[-1] = BlockToken(TITLE, prev.block, prev.raw, title=prev.raw)
        return BlockToken(TITLE, b.index, tok.raw, title=raw)
    if position == 0 and tok.kind == PARA:
        # Title run into the first paragraph (line breaks lost): keep its prefix.
        mt = _RUN_IN_TITLE.match(s)
        # The canonical ending "…工作年度报告" closes a title even when the text runs on
        # without a space ("…年度报告根据《条例》…", line breaks lost).
        if (
            mt
            and _TITLE_CONTEXT.search(mt.group(0))
            and len(s) > mt.end()
            and (s[mt.end()] in " \t" or mt.group(0).endswith("工作年度报告"))
        ):
            return BlockToken(TITLE, b.index, tok.raw, title=raw[: mt.end()].strip())
    return None
