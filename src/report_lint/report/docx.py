"""``--format docx``: the draft back in Word, each finding a comment (批注) on its place,
certain fixes (``--fix``) as tracked changes (修订) the drafter accepts or rejects.

How a finding finds its place. Findings point at the reader's model: a block index and,
for a phrase, character offsets into the paragraph's *accepted-view* text (list number in
front, tracked deletions gone, text boxes as their own blocks). The copy is opened with
python-docx (which writes the comments part), and the reader's own walker runs over the
same XML with a tracer (``read.docx.trace_blocks``) that records the ``w:p`` / ``w:tc``
elements each block comes from: one numbering of blocks, never a second guess. Inside a
paragraph, ``segments`` lists the accepted-view text piece by piece (which ``w:t`` of which
run), aligned with the model's text; runs are split at the phrase's boundaries (a split run
keeps a copy of its formatting), and the comment range starts before the first run and ends
after the last.

What is already in the draft survives: comment ids continue after the existing ones
(python-docx numbers new comments after the highest id), a range never contains a tracked
deletion (the largest deletion-free stretch of the phrase is taken), the comment reference
run is kept outside tracked insertions, and no part other than the document, its comments
and the package's bookkeeping is rewritten (styles, numbering, headers, footers, fields).

A finding without a place of its own (a missing table, a late date that is absent) is
anchored on the title — or on the first text of the document — never dropped; a table
finding on its cell (an empty cell gets an empty range inside it).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from lxml import etree

from report_lint.model.findings import Edit, FileResult, Finding
from report_lint.report.i18n import severity_label

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

W_P, W_R, W_T, W_RPR, W_PPR, W_TC = W + "p", W + "r", W + "t", W + "rPr", W + "pPr", W + "tc"
W_INS, W_DEL, W_MOVETO, W_MOVEFROM = W + "ins", W + "del", W + "moveTo", W + "moveFrom"
W_SDT, W_SDTCONTENT = W + "sdt", W + "sdtContent"
_REVISION_WRAPPERS = (W_INS, W_DEL, W_MOVETO, W_MOVEFROM)
_WRAPPERS = (W + "hyperlink", W + "smartTag", W + "customXml", W + "fldSimple", W + "dir", W + "bdo")
_ONE_CHAR = {W + "tab": "\t", W + "ptab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
_OFF = ("0", "false", "off")

AUTHOR = "report-lint"
INITIALS = "RL"
WORD_FORMATS = ("docx",)


class CopyError(Exception):
    """A commented copy that cannot be made; ``str()`` is one line, Chinese first."""

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh}（{en}）")
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


@dataclass
class CopyStats:
    comments: int = 0
    fixes: int = 0
    """Tracked changes written (one per fixed finding)."""
    on_phrase: int = 0
    on_paragraph: int = 0
    on_cell: int = 0
    elsewhere: int = 0
    """Findings without a place of their own, anchored on the title or the first text."""
    fixed: list[Finding] = field(default_factory=list)


# ------------------------------------------------------------------ paragraph text


@dataclass
class Seg:
    """A piece of a paragraph's accepted-view text: ``node`` (a ``w:t``, tab, symbol …) of
    run ``run``; or a deletion between pieces (``barrier``), which no anchor may contain."""

    run: object
    node: object
    start: int
    end: int
    splittable: bool
    barrier: bool = False


def _choose(el):
    c = el.find(MC + "Choice")
    return c if c is not None else el.find(MC + "Fallback")


def _hidden(r) -> bool:
    rpr = r.find(W_RPR)
    if rpr is None:
        return False
    v = rpr.find(W + "vanish")
    return v is not None and v.get(W + "val") not in _OFF


def _sym(el) -> str:
    raw = el.get(W + "char") or ""
    try:
        code = int(raw, 16)
        return "•" if 0xF000 <= code <= 0xF0FF else chr(code)
    except (ValueError, OverflowError):
        return ""


def segments(p) -> list[Seg]:
    """The accepted-view text of one ``w:p`` as segments, read as the reader reads it (text
    boxes anchored in the paragraph are blocks of their own and are not descended into)."""
    segs: list[Seg] = []
    pos = 0

    def add(run, node, text: str, splittable: bool) -> None:
        nonlocal pos
        if text:
            segs.append(Seg(run, node, pos, pos + len(text), splittable))
            pos += len(text)

    def run_children(r, el, atomic: bool) -> None:
        for ch in el:
            tag = ch.tag
            if tag == W_T:
                add(r, ch, ch.text or "", not atomic and el is r)
            elif tag in _ONE_CHAR:
                add(r, ch, _ONE_CHAR[tag], False)
            elif tag == W + "sym":
                add(r, ch, _sym(ch), False)
            elif tag == MC + "AlternateContent":
                chosen = _choose(ch)
                if chosen is not None:
                    run_children(r, chosen, True)
            elif tag == W + "ruby":
                base = ch.find(W + "rubyBase")
                if base is not None:
                    add(r, ch, "".join(t.text or "" for t in base.iter(W_T)), False)
            elif tag in (W_INS, W_MOVETO):
                run_children(r, ch, True)
            elif tag in (W_DEL, W_MOVEFROM):
                segs.append(Seg(r, ch, pos, pos, False, barrier=True))

    def inline(el) -> None:
        for ch in el:
            tag = ch.tag
            if tag == W_R:
                if not _hidden(ch):
                    run_children(ch, ch, False)
            elif tag in _WRAPPERS or tag in (W_INS, W_MOVETO):
                inline(ch)
            elif tag == W_SDT:
                c = ch.find(W_SDTCONTENT)
                if c is not None:
                    inline(c)
            elif tag in (W_DEL, W_MOVEFROM):
                segs.append(Seg(None, ch, pos, pos, False, barrier=True))
            elif tag == MC + "AlternateContent":
                chosen = _choose(ch)
                if chosen is not None:
                    inline(chosen)
            elif tag in (M + "oMathPara", M + "oMath"):
                add(None, ch, "".join(t.text or "" for t in ch.iter(M + "t")), False)

    inline(p)
    return segs


def seg_text(segs: list[Seg]) -> str:
    """The text the segments stand for (non-``w:t`` pieces by their reader character)."""
    out = []
    for s in segs:
        if s.barrier:
            continue
        tag = s.node.tag
        if tag == W_T:
            out.append(s.node.text or "")
        elif tag in _ONE_CHAR:
            out.append(_ONE_CHAR[tag])
        else:
            out.append("\ufffc" * (s.end - s.start))
    return "".join(out)


def _unit(s: Seg):
    return s.run if s.run is not None else s.node


# ------------------------------------------------------------------ run surgery


def _w(tag: str, **attrs) -> etree._Element:
    el = etree.Element(W + tag)
    for k, v in attrs.items():
        el.set(W + k, str(v))
    return el


def _split_run_before(r, node) -> None:
    """Move ``node`` and what follows it in run ``r`` into a new run right after ``r``, with
    a copy of ``r``'s formatting."""
    kids = [k for k in r if k.tag != W_RPR]
    if not kids or kids[0] is node:
        return
    r2 = r.makeelement(r.tag, dict(r.attrib))
    rpr = r.find(W_RPR)
    if rpr is not None:
        r2.append(copy.deepcopy(rpr))
    moving = False
    for k in list(r):
        if k is node:
            moving = True
        if moving:
            r2.append(k)
    r.addnext(r2)


def ensure_boundary(p, x: int, prefer_right: bool) -> int:
    """Make offset ``x`` of p's accepted text fall between two runs; returns the offset used
    (an unsplittable piece — a tab, a symbol, a formula — moves it to the piece's edge)."""
    for s in segments(p):
        if s.barrier:
            continue
        if s.start == x and s.run is not None:
            if s.node.getparent() is s.run:
                _split_run_before(s.run, s.node)
            return x
        if s.start < x < s.end:
            if not s.splittable:
                return s.end if prefer_right else s.start
            t = s.node
            k = x - s.start
            text = t.text or ""
            t.text = text[:k]
            t.set(XML_SPACE, "preserve")
            t2 = t.makeelement(W_T, {})
            t2.text = text[k:]
            t2.set(XML_SPACE, "preserve")
            t.addnext(t2)
            _split_run_before(s.run, t2)
            return x
    return x


def units_in(p, s: int, e: int) -> list[list]:
    """Runs (or formulas) covering [s, e), in stretches that do not cross a deletion."""
    groups: list[list] = [[]]
    for seg in segments(p):
        if seg.barrier:
            if s < seg.start < e and groups[-1]:
                groups.append([])
            continue
        if seg.start >= s and seg.end <= e and seg.end > seg.start:
            u = _unit(seg)
            if not groups[-1] or groups[-1][-1] is not u:
                groups[-1].append(u)
    return [g for g in groups if g]


def _largest(p, groups: list[list]) -> list:
    lengths = {}
    for seg in segments(p):
        if not seg.barrier:
            lengths[id(_unit(seg))] = lengths.get(id(_unit(seg)), 0) + seg.end - seg.start
    return max(groups, key=lambda g: sum(lengths.get(id(u), 0) for u in g))


# ------------------------------------------------------------------ anchors


@dataclass
class Anchor:
    """Where a comment goes: from ``first`` to ``last`` (siblings-or-not runs), or an empty
    range at the start of paragraph ``empty_in``."""

    first: object = None
    last: object = None
    empty_in: object = None
    how: str = "phrase"


def place_comment(a: Anchor, cid: int, ref_style: Optional[str]) -> None:
    start = _w("commentRangeStart", id=cid)
    end = _w("commentRangeEnd", id=cid)
    ref = _w("r")
    if ref_style:
        rpr = etree.SubElement(ref, W_RPR)
        rpr.append(_w("rStyle", val=ref_style))
    ref.append(_w("commentReference", id=cid))
    if a.empty_in is not None:
        p = a.empty_in
        i = 1 if len(p) and p[0].tag == W_PPR else 0
        p.insert(i, start)
        start.addnext(end)
        end.addnext(ref)
        return
    a.first.addprevious(start)
    a.last.addnext(end)
    # The reference run stays outside any tracked insertion or deletion: rejecting a
    # revision must not take the comment with it.
    holder = end
    while holder.getparent() is not None and holder.getparent().tag in _REVISION_WRAPPERS:
        holder = holder.getparent()
    holder.addnext(ref)


class ParaMap:
    """Model offsets of one paragraph block → (``w:p``, offset in its segments' text).

    The model's text is the source paragraphs' texts (stripped of line breaks at the
    ends) one after the other — several when a deleted paragraph mark joined them — with
    the list number in front of the last. When that does not hold, ``offsets`` is None and
    the caller anchors on the whole paragraph.
    """

    def __init__(self, model_text: str, ps: list):
        self.offsets: Optional[list[tuple[object, int, int, int]]] = None
        parts = []
        for p in ps:
            raw = seg_text(segments(p))
            s = raw.strip("\n")
            parts.append((p, s, len(raw) - len(raw.lstrip("\n"))))
        out = []
        pos = 0
        m = model_text
        for i, (p, s, lead) in enumerate(parts):
            off = len(m) - len(s) if i == len(parts) - 1 else pos
            if off < pos or m[off : off + len(s)] != _model_view(s, m[off : off + len(s)]):
                return
            out.append((p, off, lead, len(s)))
            pos = off + len(s)
        if out:
            self.offsets = out

    def locate(self, start: int, end: int) -> Optional[tuple[object, int, int]]:
        """(w:p, local start, local end) of a model span, clipped to one source paragraph."""
        for p, off, lead, n in self.offsets or ():
            s, e = max(start, off), min(end, off + n)
            if e > s:
                return p, s - off + lead, e - off + lead
        return None


def _model_view(seg_s: str, model_s: str) -> str:
    """Segment text compared with the model's: pieces the model reads as other characters
    (symbols, formulas) stand as U+FFFC here and match whatever the model has there."""
    if "\ufffc" not in seg_s or len(seg_s) != len(model_s):
        return seg_s
    return "".join(b if a == "\ufffc" else a for a, b in zip(seg_s, model_s))


# ------------------------------------------------------------------ tracked changes


class Revisions:
    """Ids and date for the tracked changes written: ids after every id already used by a
    revision, bookmark or comment range in the document."""

    def __init__(self, root, when: Optional[dt.datetime] = None):
        top = 0
        for el in root.iter():
            v = el.get(W + "id") if isinstance(el.tag, str) else None
            if v is not None and v.isdigit() and len(v) < 10:
                top = max(top, int(v))
        self.next_id = top + 1
        self.date = (when or dt.datetime.now(dt.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")

    def mark(self, tag: str) -> etree._Element:
        el = _w(tag, id=self.next_id, author=AUTHOR, date=self.date)
        self.next_id += 1
        return el


def replace_tracked(p, s: int, e: int, old: str, new: str, rev: Revisions) -> Optional[Anchor]:
    """Replace [s, e) of p's accepted text (reading ``old``) by ``new`` as a tracked deletion
    and insertion. None (nothing changed) when the span is not plain text in plain runs:
    the finding then keeps its comment only."""
    if seg_text(segments(p))[s:e] != old or not (old or new):
        return None
    if ensure_boundary(p, e, True) != e or ensure_boundary(p, s, False) != s:
        return None
    groups = units_in(p, s, e)
    if len(groups) > 1:
        return None
    runs = groups[0] if groups else []
    if runs:
        parent = runs[0].getparent()
        if parent is None or parent.tag not in (W_P, W + "hyperlink", W + "smartTag"):
            return None
        i0 = parent.index(runs[0])
        for j, r in enumerate(runs):
            if r.tag != W_R or r.getparent() is not parent or parent.index(r) != i0 + j:
                return None
            if any(k.tag not in (W_RPR, W_T) for k in r):
                return None
        if _in_field(runs[0]):
            return None  # a field's result is rewritten by Word when the field updates
        rpr = runs[0].find(W_RPR)
        d = rev.mark("del")
        runs[0].addprevious(d)
        for r in runs:
            d.append(r)
            for t in r.findall(W_T):
                t.tag = W + "delText"
                t.set(XML_SPACE, "preserve")
        first = last = d
        after = d
    else:
        nxt = next((seg for seg in segments(p) if seg.start >= s and seg.run is not None and not seg.barrier), None)
        if nxt is None or nxt.run.getparent() is None or nxt.run.getparent().tag in _REVISION_WRAPPERS:
            return None
        rpr = nxt.run.find(W_RPR)
        first = last = after = None
    if new:
        ins = rev.mark("ins")
        r = etree.SubElement(ins, W_R)
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        t = etree.SubElement(r, W_T)
        t.text = new
        t.set(XML_SPACE, "preserve")
        if after is not None:
            after.addnext(ins)
        else:
            nxt.run.addprevious(ins)
            first = ins
        last = ins
    return Anchor(first, last, how="fix")


def _in_field(run) -> bool:
    """Whether ``run`` sits between a complex field's begin and end in its paragraph."""
    depth = 0
    for el in run.itersiblings(preceding=True):
        for fc in el.iter(W + "fldChar"):
            kind = fc.get(W + "fldCharType")
            if kind == "end":
                depth -= 1
            elif kind == "begin":
                depth += 1
    return depth > 0


# ------------------------------------------------------------------ the copy


def comment_text(f: Finding, lang: str, fixed: bool = False) -> str:
    sev = severity_label(f.severity, lang)
    head = f"{f.code} {sev}：" if lang == "zh" else f"{f.code} ({sev}): "
    lines = [head + f.text(lang)]
    fx = f.fix_text(lang)
    if fx:
        lines.append(("修改建议：" if lang == "zh" else "Fix: ") + fx)
    if fixed:
        lines.append(
            "已按此修改写入修订，请接受或拒绝。"
            if lang == "zh"
            else "This fix is in the document as a tracked change: accept or reject it."
        )
    return "\n".join(_xml_safe(x) for x in lines)


def _xml_safe(s: str) -> str:
    # Control characters from the document (in an excerpt or message) are not XML.
    return "".join(
        ch if ch in "\t\n" or (ch >= " " and ch not in "\ufffe\uffff" and not 0xD800 <= ord(ch) <= 0xDFFF) else "\ufffd" for ch in s
    )


class CommentedCopy:
    """One draft opened for comments; ``add`` each finding, then ``to_bytes``."""

    def __init__(self, path: str, data: Optional[bytes] = None, lang: str = "zh", when: Optional[dt.datetime] = None):
        import docx  # python-docx: only this output format needs it

        from report_lint.read.docx import trace_blocks

        self.lang = lang
        try:
            self.d = docx.Document(io.BytesIO(data) if data is not None else path)
        except Exception as e:  # noqa: BLE001 — a document must never produce a traceback
            raise CopyError(
                f"无法在此 Word 文件上写入批注（{type(e).__name__}），请在 Word 中另存为 .docx 后重试",
                f"cannot write comments into this Word file ({type(e).__name__}: {e}); save it again as .docx and retry",
            ) from None
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        self.body = self.d.element.body
        styles = self._part(RT.STYLES)
        self.doc, self.src = trace_blocks(self.body, styles, self._part(RT.NUMBERING), path)
        self.rev = Revisions(self.d.element, when)
        ids = {el.get(W + "styleId") for el in styles.iter(W + "style")} if styles is not None else set()
        self.ref_style = "CommentReference" if "CommentReference" in ids else None
        self.stats = CopyStats()

    def _part(self, reltype):
        try:
            part = self.d.part.part_related_by(reltype)
        except KeyError:
            return None
        el = getattr(part, "element", None)
        if el is None:  # a part python-docx does not know by its content type
            from report_lint.read.ooxml import parse_xml

            try:
                el = parse_xml(part.blob, str(part.partname))
            except Exception:  # noqa: BLE001 — styles are optional for anchoring
                return None
        return el

    # -- anchors

    def _paragraph(self, block: int, start: Optional[int], end: Optional[int]) -> Optional[Anchor]:
        ps = self.src.paragraphs.get(block)
        if not ps:
            return None
        if start is not None and end is not None and end > start:
            hit = ParaMap(self.doc.blocks[block].text, ps).locate(start, end)
            if hit is not None:
                p, s, e = hit
                e = ensure_boundary(p, e, True)
                s = ensure_boundary(p, s, False)
                groups = units_in(p, s, e)
                if groups:
                    g = _largest(p, groups)
                    return Anchor(g[0], g[-1], how="phrase")
        for p in ps:
            a = _whole(p)
            if a is not None:
                return a
        return None

    def _cell(self, table: int, row: int, col: int) -> Optional[Anchor]:
        t = self.doc.blocks[table] if 0 <= table < len(self.doc.blocks) else None
        if t is None or t.kind != "table":
            return None
        c = t.cell_at(row, col)
        if c is None:
            return None
        tcs = self.src.cells.get(table, {}).get((c.row, c.col), [])
        ps = [p for tc in tcs for p in tc.iter(W_P) if _owner_cell(p) is tc]
        for p in ps:
            a = _whole(p)
            if a is not None:
                a.how = "cell"
                return a
        if ps:
            return Anchor(empty_in=ps[0], how="cell")
        return None

    def _block(self, block: Optional[int]) -> Optional[Anchor]:
        if block is None or not 0 <= block < len(self.doc.blocks):
            return None
        b = self.doc.blocks[block]
        if b.kind == "paragraph":
            return self._paragraph(block, None, None)
        for c in b.cells:
            if c.text.strip():
                a = self._cell(block, c.row, c.col)
                if a is not None:
                    return a
        return None

    def anchor(self, f: Finding, fallback: Iterable[Optional[int]] = ()) -> Anchor:
        loc = f.location
        a = None
        if loc.table is not None and loc.row is not None:
            a = self._cell(loc.table, loc.row, loc.col if loc.col is not None else 0)
        if a is None and loc.block is not None and loc.start is not None and (loc.table is None or loc.row is None):
            a = self._paragraph(loc.block, loc.start, loc.end)
        if a is None and loc.block is not None:
            a = self._block(loc.block)
            if a is not None and a.how == "phrase":
                a.how = "paragraph"
        if a is None:
            for b in list(fallback) + list(range(len(self.doc.blocks))):
                a = self._block(b)
                if a is not None:
                    a.how = "elsewhere"
                    break
        if a is None:
            a = Anchor(empty_in=self._first_paragraph(), how="elsewhere")
        return a

    def _first_paragraph(self):
        for p in self.body.iter(W_P):
            return p
        p = _w("p")
        sect = self.body.find(W + "sectPr")
        if sect is not None:
            sect.addprevious(p)
        else:
            self.body.append(p)
        return p

    # -- fixes

    def apply(self, e: Edit) -> Optional[Anchor]:
        ps = self.src.paragraphs.get(e.block)
        if not ps or self.doc.blocks[e.block].text[e.start : e.end] != e.old:
            return None
        hit = ParaMap(self.doc.blocks[e.block].text, ps).locate(e.start, e.end) if e.end > e.start else None
        if hit is None:
            return None
        p, s, t = hit
        if t - s != e.end - e.start:
            return None
        a = replace_tracked(p, s, t, e.old, e.new, self.rev)
        if a is not None:
            # The accepted view now reads the new text: later anchors in this paragraph
            # (findings are taken from the end backwards) align with it.
            b = self.doc.blocks[e.block]
            b.text = b.text[: e.start] + e.new + b.text[e.end :]
        return a

    # -- comments

    def add(self, f: Finding, fix: bool = False, fallback: Iterable[Optional[int]] = ()) -> Anchor:
        a = self.apply(f.edit) if fix and f.edit is not None else None
        if a is not None:
            self.stats.fixes += 1
            self.stats.fixed.append(f)
        else:
            a = self.anchor(f, fallback)
        c = self.d.comments.add_comment(comment_text(f, self.lang, fixed=a.how == "fix"), author=AUTHOR, initials=INITIALS)
        place_comment(a, c.comment_id, self.ref_style)
        self.stats.comments += 1
        if a.how in ("phrase", "fix"):
            self.stats.on_phrase += 1
        elif a.how == "paragraph":
            self.stats.on_paragraph += 1
        elif a.how == "cell":
            self.stats.on_cell += 1
        else:
            self.stats.elsewhere += 1
        return a

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.d.save(buf)
        return buf.getvalue()


def _whole(p) -> Optional[Anchor]:
    groups = units_in(p, 0, 1 << 30)
    if not groups:
        return None
    g = _largest(p, groups)
    return Anchor(g[0], g[-1], how="paragraph")


def _owner_cell(p):
    el = p.getparent()
    while el is not None and el.tag != W_TC:
        el = el.getparent()
    return el


def commented_copy(
    result: FileResult, lang: str = "zh", fix: bool = False, data: Optional[bytes] = None, when: Optional[dt.datetime] = None
) -> tuple[bytes, CopyStats]:
    """The .docx bytes of ``result.path`` with a comment per finding (and, with ``fix``, the
    certain fixes as tracked changes). Raises ``CopyError`` for a file that is not a Word
    original or cannot be opened for writing."""
    fmt = getattr(result.document, "format", None) or _suffix_format(result.path)
    if fmt not in WORD_FORMATS:
        raise not_word(result.path)
    copy_ = CommentedCopy(result.path, data, lang, when)
    checked = getattr(result.document, "blocks", None)
    if checked is not None and [b.text for b in checked] != [b.text for b in copy_.doc.blocks]:
        raise CopyError(
            "文件在检查之后已被修改，请重新运行",
            "the file changed after it was checked; run again",
        )
    title = getattr(result.outline, "title", None)

    # Latest place first: splitting runs or applying a fix for one finding never moves the
    # place of one still to come.
    def place(f: Finding) -> tuple:
        loc = f.location
        start = f.edit.start if fix and f.edit is not None else loc.start
        return (
            loc.block if loc.block is not None else -1,
            loc.row if loc.row is not None else -1,
            loc.col if loc.col is not None else -1,
            start if start is not None else -1,
        )

    for f in sorted(result.findings, key=place, reverse=True):
        copy_.add(f, fix=fix, fallback=(title,))
    return copy_.to_bytes(), copy_.stats


def not_word(path: str) -> CopyError:
    """The one-line answer for a draft that is not a Word original (.txt, .md, .html, .pdf …)."""
    kind = Path(path).suffix.lower().lstrip(".") or "text"
    return CopyError(
        f"批注只能写在 Word 原稿上，这是 {kind} 文件：请用 .docx 原稿运行 --format docx",
        f"comments need a Word original and this is a {kind} file: run --format docx on the .docx draft",
    )


def _suffix_format(path: str) -> str:
    return "docx" if Path(path).suffix.lower() in (".docx", ".docm", ".dotx", ".dotm") else Path(path).suffix.lower().lstrip(".")


def copy_name(path: str, taken: set[str]) -> str:
    """File name of the commented copy of ``path`` inside an output folder (unique in ``taken``)."""
    stem = Path(path).stem or "report"
    name = f"{stem}-report-lint.docx"
    n = 2
    while name.lower() in taken:
        name = f"{stem}-report-lint-{n}.docx"
        n += 1
    taken.add(name.lower())
    return name
