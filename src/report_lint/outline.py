"""The outline of a report: title, preamble, numbered sections, attachments.

Built by the Lark grammar in ``grammar/outline.lark`` over a stream of block tokens
(see ``build_outline``). This module holds the data classes every check reads.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass, field
from typing import Iterator, Optional

from report_lint.model import Document
from report_lint.resources import grammar_dir
from report_lint.tokens import ATTACH, H1, H2, H3, PARA, SIGNATURE, TABLE, TITLE, BlockToken, classify


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

    def all_blocks(self) -> list[int]:
        return list(range(self.heading.block, self.end))


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
# Building the outline: classify blocks into tokens (report_lint.tokens), parse the token
# stream with the LALR grammar in grammar/outline.lark, then turn the tree into an Outline.


GRAMMAR_FILE = "outline.lark"
_PARSER = None
_PARSER_LOCK = threading.Lock()
_BlockLexer = None
"""Custom lark lexer class, created on first use so importing this module does not import
lark; it must live at module level because lark's parser cache pickles it by name."""

# At run time the outline is parsed by ``report_lint._outline_parser``: the LALR tables
# lark builds from grammar/outline.lark, written out as data with a twenty-line driver
# (scripts/gen_outline_parser.py; tests fail when it is stale). Importing lark and
# loading its tables cost more than linting a whole report from a cold start, and the
# trees are identical (tests/test_perf_structure.py compares them with lark's own).
GENERATED_MODULE = "_outline_parser.py"


def _lexer_class():
    global _BlockLexer
    if _BlockLexer is None:
        from lark.lexer import Lexer, Token

        class _BlockLexer_(Lexer):
            """Feeds runs of pre-classified tokens to the parser; the value is the run's position."""

            def __init__(self, lexer_conf):  # noqa: D401 - lark's interface
                pass

            def lex(self, data):
                for i, run in enumerate(data):
                    yield Token(run[0], i)

        _BlockLexer_.__name__ = _BlockLexer_.__qualname__ = "_BlockLexer"
        _BlockLexer = _BlockLexer_
    return _BlockLexer


def _cache_path(grammar_text: str) -> Optional[str]:
    """Per-user cache file for the LALR tables (None: caching off or impossible).

    Under the user's cache directory rather than lark's default shared temp dir, because
    the cache is a pickle and must not be planted by someone else. The grammar's hash is
    in the name, so an edited grammar never loads stale tables.
    """
    if os.environ.get("REPORT_LINT_NO_CACHE"):
        return None
    try:
        import lark

        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        d = os.path.join(base, "report-lint")
        os.makedirs(d, mode=0o700, exist_ok=True)
        if not os.access(d, os.W_OK):
            return None
        import hashlib

        digest = hashlib.sha256(grammar_text.encode("utf-8")).hexdigest()[:16]
        return os.path.join(d, f"outline-{digest}-lark{lark.__version__}-py{sys.version_info[0]}{sys.version_info[1]}.lalr")
    except Exception:  # any odd home/permissions: run uncached
        return None


def _make_parser(cache: bool = True):
    from lark import Lark

    text = (grammar_dir() / GRAMMAR_FILE).read_text(encoding="utf-8")
    lexer = _lexer_class()
    kw = dict(parser="lalr", lexer=lexer, strict=True, start="start")
    path = _cache_path(text) if cache else None
    if path is None:
        return Lark(text, **kw)
    if os.path.exists(path):
        return Lark(text, cache=path, **kw)
    # First run: lark writes the cache in place; write to a private temp name and rename
    # so a concurrent process never reads a half-written pickle.
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".outline-", dir=os.path.dirname(path))
    os.close(fd)
    os.unlink(tmp)
    try:
        parser = Lark(text, cache=tmp, **kw)
        os.replace(tmp, path)
    except OSError:
        parser = Lark(text, **kw)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return parser


def outline_parser():
    """The LALR parser for grammar/outline.lark (its generated tables), built once per process."""
    global _PARSER
    if _PARSER is None:
        with _PARSER_LOCK:
            if _PARSER is None:
                from report_lint import _outline_parser as tables
                from report_lint.lalr import Parser

                _PARSER = Parser(tables.STATES, tables.RULES, tables.START, tables.END)
    return _PARSER


def _is_parse_error(e: BaseException) -> bool:
    """A parser failure (the generated parser's or lark's), told apart without importing lark."""
    for cls in type(e).__mro__:
        if cls.__name__ in ("ParseError", "LarkError") and cls.__module__.startswith(("report_lint.lalr", "lark")):
            return True
    return False




def generated_parser_source() -> str:
    """The text of ``report_lint/_outline_parser.py``: lark's LALR tables for
    grammar/outline.lark in a canonical numbering (breadth-first from the start state,
    symbols in sorted order), so the same grammar always gives the same text."""
    import hashlib

    import lark
    from lark.parsers.lalr_analysis import Shift

    text = (grammar_dir() / GRAMMAR_FILE).read_text(encoding="utf-8")
    p = _make_parser(cache=False)
    if p.options.keep_all_tokens or p.options.maybe_placeholders and any("[" in ln for ln in text.splitlines() if not ln.lstrip().startswith("//")):
        raise ValueError("the generated outline parser supports neither keep_all_tokens nor [optional] placeholders")
    for r in p.rules:
        if r.alias or r.options.expand1 or r.options.keep_all_tokens or getattr(r.options, "empty_indices", ()):
            raise ValueError(f"rule {r} uses a tree option the generated parser does not implement")
        for sym in r.expansion:
            if sym.is_term and (sym.filter_out or sym.name.startswith("_")):
                raise ValueError(f"rule {r}: filtered terminals are not supported by the generated parser")
    table = p.parser.parser.parser.parse_table
    start = table.start_states["start"]
    end = table.end_states["start"]
    rules = sorted({(str(r.origin.name), tuple(str(s.name) for s in r.expansion)) for r in p.rules})
    rule_index = {r: i for i, r in enumerate(rules)}
    order = {start: 0}
    queue = [start]
    while queue:
        st = queue.pop(0)
        for sym in sorted(table.states[st]):
            action, arg = table.states[st][sym]
            if action is Shift and arg not in order:
                order[arg] = len(order)
                queue.append(arg)
    if end not in order or len(order) != len(table.states):
        raise ValueError("unreachable LALR states")
    by_new = sorted(order, key=order.get)
    lines = [
        '"""LALR tables for grammar/outline.lark, generated by scripts/gen_outline_parser.py — do not edit.',
        "",
        f"Built with lark {lark.__version__}; tests/test_perf_structure.py fails when this is stale.",
        '"""',
        "",
        "# fmt: off",
        f"GRAMMAR_SHA256 = {hashlib.sha256(text.encode('utf-8')).hexdigest()!r}",
        "SHIFT, REDUCE = 0, 1",
        "START = 0",
        f"END = {order[end]}",
        "RULES = (",
    ]
    for origin, expansion in rules:
        lines.append(f"    ({origin!r}, {len(expansion)}),  # {' '.join(expansion) or '<empty>'}")
    lines.append(")")
    lines.append("STATES = (")
    for st in by_new:
        acts = []
        for sym in sorted(table.states[st]):
            action, arg = table.states[st][sym]
            if action is Shift:
                acts.append(f"{str(sym)!r}: (0, {order[arg]})")
            else:
                key = (str(arg.origin.name), tuple(str(s.name) for s in arg.expansion))
                acts.append(f"{str(sym)!r}: (1, {rule_index[key]})")
        lines.append("    {" + ", ".join(acts) + "},")
    lines.append(")")
    lines.append("# fmt: on")
    return "\n".join(lines) + "\n"


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
    # Duck-typed: a subtree has ``data`` (the generated parser's Tree or lark's), a token
    # does not, so trees from either parser convert alike.
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


def _skeleton_by_hand(tokens: list[BlockToken]) -> _Skeleton:
    """The same structure as the grammar, by a stack; used only if lark fails."""
    sk = _Skeleton()
    l1: Optional[_Node] = None
    l2: Optional[_Node] = None
    l3: Optional[_Node] = None
    app: Optional[_Node] = None
    for pos, t in enumerate(tokens):
        k = t.kind
        if app is not None or k == ATTACH:
            if k == ATTACH:
                app = _Node(t)
                sk.appendices.append(app)
            else:
                app.leaves.append(pos)
        elif k == H1:
            l1, l2, l3 = _Node(t), None, None
            sk.sections.append(l1)
        elif k == H2:
            l2, l3 = _Node(t), None
            (l1 or sk.lead).children.append(l2)
        elif k == H3:
            l3 = _Node(t)
            (l2 or l1 or sk.lead).children.append(l3)
        else:
            (l3 or l2 or l1 or sk.lead).leaves.append(pos)
    return sk


def _heading(t: BlockToken) -> Heading:
    return Heading(block=t.block, level=t.level, number=t.number, ordinal=t.ordinal, title=t.title, raw=t.raw, numbering=t.numbering)


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
    return the Outline (sections indexed for ``section_path``). Never raises for a
    document: if the parser fails, a hand-written builder of the same structure takes
    over and the failure is recorded as an 'unparsed' problem."""
    tokens = classify(document)
    n_blocks = len(document.blocks)
    problem: Optional[OutlineProblem] = None
    try:
        try:
            runs = _runs(tokens)
            tree = outline_parser().parse(runs)
            sk = _skeleton_from_tree(tree, tokens, runs)
        except Exception as e:
            if not _is_parse_error(e):
                raise
            sk = _skeleton_by_hand(tokens)
            problem = OutlineProblem(block=tokens[0].block if tokens else 0, kind="unparsed", detail=(str(e).splitlines() or [""])[0][:200])
    except (ImportError, OSError) as e:  # the parser module unavailable
        sk = _skeleton_by_hand(tokens)
        problem = OutlineProblem(block=0, kind="unparsed", detail=f"{type(e).__name__}: {e}"[:200])
    out = _outline_from_skeleton(sk, tokens, n_blocks)
    if problem is not None:
        out.problems.insert(0, problem)
    out.index_sections()
    return out
