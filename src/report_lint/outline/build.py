"""The outline of a report: title, preamble, numbered sections, attachments.

Built by the Lark grammar in ``grammar/outline.lark`` over a stream of block tokens
(see ``build_outline``). This module holds the data classes every check reads.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from dataclasses import dataclass, field
from typing import Iterator, Optional

import lark
from lark import Lark
from lark.lexer import Lexer, Token

from report_lint.model.document import Document
from report_lint.paths import grammar_dir
from report_lint.outline.classify import ATTACH, H1, H2, PARA, SIGNATURE, TABLE, TITLE, BlockToken, classify


@dataclass
class Heading:
    block: int
    level: int
    """1: 一、 · 2: （一） · 3: 1. / 1、 / （1）"""
    number: str
    """The numeral as written, without punctuation: '一', '十一', '1'."""
    ordinal: int
    """The numeral's value: 一 → 1, 十一 → 11."""
    title: str
    """Heading text after the number and its punctuation, stripped."""
    raw: str
    """The heading line as the drafter sees it."""
    numbering: str = "typed"
    """typed (number typed in the text) · auto (Word list numbering) · style (heading style, no number)."""
    form: str = ""
    """How an irregular level-1 numeral is written (outline.classify.FORMS); '' for 一、."""


@dataclass
class Section:
    heading: Heading
    children: list["Section"] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    """Content blocks directly under this heading (not in a child section)."""
    end: int = 0
    """Index one past the last block belonging to this section (children included)."""

    @property
    def level(self) -> int:
        return self.heading.level

    def walk(self) -> Iterator["Section"]:
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class OutlineProblem:
    block: int
    kind: str
    """e.g. 'orphan-subheading', 'unparsed'."""
    detail: str = ""


@dataclass
class Outline:
    title: Optional[int] = None
    """Block index of the title paragraph."""
    title_text: str = ""
    preamble: list[int] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    """Level-1 sections in document order."""
    attachments: list[Section] = field(default_factory=list)
    """附件 parts (heading level 1, number '附件')."""
    signature: list[int] = field(default_factory=list)
    """Signature / date lines at the end of the body."""
    problems: list[OutlineProblem] = field(default_factory=list)
    orphans: list[Section] = field(default_factory=list)
    """Sub-headings (（一） / 1.) that come before the first level-1 heading, with their content."""
    _section_of: dict[int, str] = field(default_factory=dict, repr=False)

    def walk(self) -> Iterator[Section]:
        for s in self.sections:
            yield from s.walk()

    def headings(self, level: Optional[int] = None) -> list[Heading]:
        return [s.heading for s in self.walk() if level is None or s.level == level]

    def section_path(self, block: int) -> Optional[str]:
        """'三' or '三/（二）' for the section holding ``block``; None outside sections."""
        return self._section_of.get(block)

    def index_sections(self) -> None:
        self._section_of.clear()

        def visit(sec: Section, prefix: str) -> None:
            h = sec.heading
            label = h.number if h.level == 1 else (f"（{h.number}）" if h.level == 2 else h.number)
            if not h.number:  # a styled heading without a number adds no step to the path
                path = prefix
            else:
                path = f"{prefix}/{label}" if prefix else label
            for b in range(h.block, sec.end):
                self._section_of[b] = path
            for c in sec.children:
                visit(c, path)

        for s in self.sections:
            visit(s, "")
        for o in self.orphans:
            visit(o, "")
        for a in self.attachments:
            for b in range(a.heading.block, a.end):
                self._section_of[b] = "附件"


# --------------------------------------------------------------------------------------
# Building the outline: classify blocks into tokens (report_lint.outline.classify), parse the token
# stream with the LALR grammar in grammar/outline.lark, then turn the tree into an Outline.


GRAMMAR_FILE = "outline.lark"
_PARSER: Optional[Lark] = None
_PARSER_LOCK = threading.Lock()


class BlockLexer(Lexer):
    """Feeds runs of pre-classified block tokens to the parser; a token's value is the
    run's position. Module level, because lark's parser cache pickles it by name."""

    def __init__(self, lexer_conf):  # lark's interface; nothing to configure
        pass

    def lex(self, data):
        for i, run in enumerate(data):
            yield Token(run[0], i)


def _cache_path(grammar_text: str) -> Optional[str]:
    """Where lark keeps the parser it built from the grammar (None: caching off or impossible).

    Under the user's cache directory rather than lark's default shared temporary directory,
    since the cache is a pickle and must not be planted by someone else. lark keys the file's
    contents by the grammar and options itself; the name only keeps versions apart.
    """
    if os.environ.get("REPORT_LINT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    d = os.path.join(base, "report-lint")
    try:
        os.makedirs(d, mode=0o700, exist_ok=True)
    except OSError:
        return None
    if not os.access(d, os.W_OK):
        return None
    digest = hashlib.sha256(grammar_text.encode("utf-8")).hexdigest()[:16]
    return os.path.join(d, f"outline-{digest}-lark{lark.__version__}-py{sys.version_info[0]}{sys.version_info[1]}.lalr")


def _make_parser(cache: bool = True) -> Lark:
    text = (grammar_dir() / GRAMMAR_FILE).read_text(encoding="utf-8")
    path = _cache_path(text) if cache else None
    kw = dict(parser="lalr", lexer=BlockLexer, strict=True, start="start")
    return Lark(text, cache=path, **kw) if path else Lark(text, **kw)


def outline_parser() -> Lark:
    """The LALR parser lark builds from grammar/outline.lark, once per process."""
    global _PARSER
    if _PARSER is None:
        with _PARSER_LOCK:
            if _PARSER is None:
                _PARSER = _make_parser()
    return _PARSER


# -- tree → outline ----------------------------------------------------------------------


class _Node:
    """A heading and what the grammar put under it, before ends are known."""

    __slots__ = ("tok", "leaves", "children")

    def __init__(self, tok: Optional[BlockToken]):
        self.tok = tok
        self.leaves: list[int] = []
        """Token positions of content directly under this heading."""
        self.children: list[_Node] = []


class _Skeleton:
    def __init__(self) -> None:
        self.lead = _Node(None)
        self.sections: list[_Node] = []
        self.appendices: list[_Node] = []


_RUN_KINDS = frozenset((PARA, TABLE))


def _runs(tokens: list[BlockToken]) -> list[tuple[str, int, int]]:
    """(kind, start, end) over token positions, with consecutive PARA/TABLE merged into
    one PARA run: the grammar treats them alike, and long reports are mostly content, so
    the parser sees a fraction of the blocks."""
    out: list[tuple[str, int, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        k = tokens[i].kind
        j = i + 1
        if k in _RUN_KINDS:
            while j < n and tokens[j].kind in _RUN_KINDS:
                j += 1
            k = PARA
        out.append((k, i, j))
        i = j
    return out


def _skeleton_from_tree(tree, tokens: list[BlockToken], runs: list[tuple[str, int, int]]) -> _Skeleton:
    # A subtree has ``data``; a token (one run of blocks) does not.
    sk = _Skeleton()

    def leaf(node: _Node, tok) -> None:
        _, a, b = runs[int(tok.value)]
        node.leaves.extend(range(a, b))

    def head(tok) -> BlockToken:
        return tokens[runs[int(tok.value)][1]]

    def fill(node: _Node, children: list) -> None:
        for ch in children:
            if not hasattr(ch, "data"):
                leaf(node, ch)
            else:
                sub = _Node(head(ch.children[0]))
                fill(sub, ch.children[1:])
                node.children.append(sub)

    for part in tree.children:
        if part.data == "lead":
            fill(sk.lead, part.children)
        elif part.data == "section":
            n = _Node(head(part.children[0]))
            fill(n, part.children[1:])
            sk.sections.append(n)
        elif part.data == "appendix":
            n = _Node(head(part.children[0]))
            for c in part.children[1:]:
                leaf(n, c)
            sk.appendices.append(n)
    return sk


def _heading(t: BlockToken) -> Heading:
    return Heading(
        block=t.block, level=t.level, number=t.number, ordinal=t.ordinal, title=t.title, raw=t.raw, numbering=t.numbering, form=t.form
    )


def _signature_positions(tokens: list[BlockToken]) -> list[int]:
    """Token positions of the closing signature: the SIGNATURE run that ends the body,
    plus the one right after a first 附件 line that only lists the attachment."""
    first_att = next((i for i, t in enumerate(tokens) if t.kind == ATTACH), len(tokens))
    j = first_att
    while j > 0 and tokens[j - 1].kind == SIGNATURE:
        j -= 1
    out = list(range(j, first_att))
    if first_att < len(tokens):
        k = first_att + 1
        while k < len(tokens) and tokens[k].kind == SIGNATURE:
            k += 1
        if k > first_att + 1 and (k == len(tokens) or tokens[k].kind == ATTACH):
            out.extend(range(first_att + 1, k))
    return out


def _outline_from_skeleton(sk: _Skeleton, tokens: list[BlockToken], n_blocks: int) -> Outline:
    out = Outline()
    sig_pos = _signature_positions(tokens)
    sig = set(sig_pos)
    out.signature = [tokens[p].block for p in sig_pos]

    # Title: the first run of TITLE tokens in the lead; later TITLE-like lines are content.
    lead_leaves = sk.lead.leaves
    title_pos: list[int] = []
    for p in lead_leaves:
        if tokens[p].kind == TITLE and (not title_pos or p == title_pos[-1] + 1):
            title_pos.append(p)
        elif title_pos:
            break
    if title_pos:
        out.title = tokens[title_pos[0]].block
        out.title_text = "".join(tokens[p].title for p in title_pos)
    taken = set(title_pos)
    out.preamble = [tokens[p].block for p in lead_leaves if p not in taken and p not in sig]

    def convert(node: _Node) -> Section:
        sec = Section(heading=_heading(node.tok))
        sec.blocks = [tokens[p].block for p in node.leaves if p not in sig]
        sec.children = [convert(c) for c in node.children]
        return sec

    out.sections = [convert(n) for n in sk.sections]
    out.orphans = [convert(n) for n in sk.lead.children]
    for i, n in enumerate(sk.appendices):
        h = _heading(n.tok)
        h.ordinal = i + 1
        a = Section(heading=h, blocks=[tokens[p].block for p in n.leaves if p not in sig])
        out.attachments.append(a)

    # Ends: a section runs to the next sibling, the body's end (signature or 附件), or the
    # parent's end.
    body_end = n_blocks
    if out.signature:
        body_end = min(body_end, out.signature[0])
    if out.attachments:
        body_end = min(body_end, out.attachments[0].heading.block)

    def close(secs: list[Section], end: int) -> None:
        for i, s in enumerate(secs):
            s.end = secs[i + 1].heading.block if i + 1 < len(secs) else end
            close(s.children, s.end)

    first_body = out.sections[0].heading.block if out.sections else body_end
    close(out.orphans, first_body)
    close(out.sections, body_end)
    for i, a in enumerate(out.attachments):
        end = out.attachments[i + 1].heading.block if i + 1 < len(out.attachments) else n_blocks
        later_sig = [b for b in out.signature if b > a.heading.block]
        if later_sig:
            end = min(end, later_sig[0])
        a.end = end

    _collect_problems(out, sk, tokens)
    return out


def _collect_problems(out: Outline, sk: _Skeleton, tokens: list[BlockToken]) -> None:
    first_orphan2 = next((o for o in sk.lead.children if o.tok.kind == H2), None)
    if first_orphan2 is not None:
        n = sum(1 for o in sk.lead.children if o.tok.kind == H2)
        out.problems.append(
            OutlineProblem(
                block=first_orphan2.tok.block,
                kind="orphan-subheading",
                detail=f"二级标题「{first_orphan2.tok.raw}」出现在第一个一级标题之前（共{n}个）",
            )
        )
    # A level-1 heading inside an attachment that continues the body's numbering is a body
    # section placed after 附件, not a row of the attached table (those restart at 一).
    if out.sections and sk.appendices:
        last = out.sections[-1].heading.ordinal
        for app in sk.appendices:
            for p in app.leaves:
                t = tokens[p]
                if t.kind == H1 and last and t.ordinal == last + 1:
                    out.problems.append(
                        OutlineProblem(block=t.block, kind="section-after-attachment", detail=f"一级标题「{t.raw}」位于附件之后")
                    )
                    last = t.ordinal


def build_outline(document: Document) -> Outline:
    """Classify the blocks of ``document``, parse them with the outline grammar, and
    return the Outline (sections indexed for ``section_path``). The grammar accepts every
    sequence of its tokens, so structural defects come out as ``OutlineProblem``s."""
    tokens = classify(document)
    runs = _runs(tokens)
    sk = _skeleton_from_tree(outline_parser().parse(runs), tokens, runs)
    out = _outline_from_skeleton(sk, tokens, len(document.blocks))
    out.index_sections()
    return out
