"""The .docx reader: WordprocessingML → ``report_lint.model.document.Document``.

We do not load the file through python-docx: its ``Document()`` would parse the same
parts again (plus every other part of the package) and its object model hides exactly
what we need (merged cells resolved per position, list numbers, tracked changes, text
boxes, content controls). The package is opened by ``readers.ooxml`` (checked zip, XML
without DTDs/entities) and the body is walked once with lxml.

What the model gets, and why:

* body paragraphs and tables in reading order; paragraphs inside table cells are cell
  text (joined with "\\n"), a table nested in a cell becomes its own ``Table`` block
  right after the enclosing table with ``container=(outer, row, col)``;
* the *accepted* view of tracked changes (what the document says once the drafter
  accepts them) plus one ``tracked-changes`` notice, because a published report must
  not carry unaccepted revisions;
* text in content controls and text boxes (read once: ``mc:Choice`` is taken, the VML
  ``mc:Fallback`` copy of the same box is skipped); text-box paragraphs follow the
  paragraph that anchors them;
* merged cells (``gridSpan``, ``vMerge``, legacy ``hMerge``, ``gridBefore/After``,
  short rows) resolved into a rectangular grid with each logical cell once;
* Word list numbers rendered in front of the text (``numbering.Numberer``), since
  headings numbered by Word carry no number in their text;
* style name and outline level; core document properties.

Empty paragraphs (nothing visible) are not emitted: they carry no content and would
only make block indices differ from the same report saved as text.
"""

from __future__ import annotations

import re
import time
from typing import Optional


from report_lint.model.document import Cell, Document, DocumentBuilder
from report_lint.read.errors import Limits, ReadError
from report_lint.read.numbering import Numberer, NumberingDefinitions, join_label
from report_lint.read.ooxml import Package, parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_VAL = W + "val"

W_BODY = W + "body"
W_P = W + "p"
W_R = W + "r"
W_T = W + "t"
W_TBL = W + "tbl"
W_TR = W + "tr"
W_TC = W + "tc"
W_PPR = W + "pPr"
W_RPR = W + "rPr"
W_TRPR = W + "trPr"
W_TCPR = W + "tcPr"
W_SDT = W + "sdt"
W_SDTCONTENT = W + "sdtContent"
W_CUSTOMXML = W + "customXml"
W_SMARTTAG = W + "smartTag"
W_HYPERLINK = W + "hyperlink"
W_FLDSIMPLE = W + "fldSimple"
W_DIR = W + "dir"
W_BDO = W + "bdo"
W_INS = W + "ins"
W_DEL = W + "del"
W_MOVEFROM = W + "moveFrom"
W_MOVETO = W + "moveTo"
W_TXBXCONTENT = W + "txbxContent"
W_TAB = W + "tab"
W_PTAB = W + "ptab"
W_BR = W + "br"
W_CR = W + "cr"
W_SYM = W + "sym"
W_NOBREAKHYPHEN = W + "noBreakHyphen"
W_DRAWING = W + "drawing"
W_PICT = W + "pict"
W_OBJECT = W + "object"
W_RUBY = W + "ruby"
W_RUBYBASE = W + "rubyBase"
W_VANISH = W + "vanish"
W_RPRCHANGE = W + "rPrChange"
W_PPRCHANGE = W + "pPrChange"
W_PSTYLE = W + "pStyle"
W_NUMPR = W + "numPr"
W_NUMID = W + "numId"
W_ILVL = W + "ilvl"
W_OUTLINELVL = W + "outlineLvl"
W_TRPRCHANGE = W + "trPrChange"
W_TCPR_REVISIONS = (W + "cellIns", W + "cellDel", W + "tcPrChange")
W_GRIDSPAN = W + "gridSpan"
W_VMERGE = W + "vMerge"
W_HMERGE = W + "hMerge"
W_GRIDBEFORE = W + "gridBefore"
W_GRIDAFTER = W + "gridAfter"
MC_ALTERNATE = MC + "AlternateContent"
MC_CHOICE = MC + "Choice"
MC_FALLBACK = MC + "Fallback"
M_OMATH = M + "oMath"
M_OMATHPARA = M + "oMathPara"
M_T = M + "t"

# Every element that is a revision a drafter still has to accept or reject.
_REVISION_TAGS = (
    W_INS,
    W_DEL,
    W_MOVEFROM,
    W_MOVETO,
    W_RPRCHANGE,
    W_PPRCHANGE,
    W + "tblPrChange",
    W + "trPrChange",
    W + "tcPrChange",
    W + "sectPrChange",
    W + "tblGridChange",
    W + "numberingChange",
    W + "cellIns",
    W + "cellDel",
    W + "cellMerge",
)
_CONTENT_REVISIONS = (W_INS, W_DEL, W_MOVEFROM, W_MOVETO)

_OFF = ("0", "false", "off")
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_UI_NAMES = {f"heading {i}": f"Heading {i}" for i in range(1, 10)}
_UI_NAMES.update({"caption": "Caption", "footer": "Footer", "header": "Header", "title": "Title"})
# Symbol/Wingdings glyphs that show up in reports (private-use code points in w:sym).
_SYM_MAP = {0xF0B7: "•", 0xF0A7: "▪", 0xF06C: "●", 0xF06E: "■", 0xF0FC: "✓", 0xF0FB: "✗", 0xF0D8: "➢", 0xF076: "❖", 0xF0B2: "″"}

_MAX_SPAN = 1000
_TIME_CHECK_EVERY = 2000


def read_docx(path: str, data: bytes, limits: Limits) -> Document:
    """Read a .docx (bytes already in memory) into a ``Document``; bad input → ``ReadError``."""
    try:
        return _read(path, data, limits)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(
            "too-deep", "文件结构嵌套过深，无法安全读取", "the document structure is nested too deeply to read safely"
        ) from None
    except MemoryError:
        raise ReadError("too-large", "文件内容过大，无法读取", "the document is too large to read") from None
    except Exception as e:  # noqa: BLE001 — a document must never produce a traceback
        raise ReadError(
            "corrupt-docx",
            "文件已损坏（不是完整的 .docx 压缩包），请重新保存或重新下载",
            f"the file is damaged or not a valid .docx ({type(e).__name__}: {e})",
        ) from None


def _read(path: str, data: bytes, limits: Limits) -> Document:
    pkg = Package.open(data, limits)
    main = pkg.main_document()
    if main is None:
        raise ReadError(
            "no-document-xml",
            "文件不是有效的 Word 文档：缺少 word/document.xml",
            "not a valid Word document: word/document.xml is missing",
        )
    raw = pkg.read(main) or b""
    root = _parse_document(raw, main, pkg)
    if root is not None and root.tag.startswith("{http://purl.oclc.org/ooxml/"):
        raise ReadError(
            "strict-ooxml",
            "文件是“Strict Open XML”格式，请在 Word 中另存为普通的 Word 文档（.docx）",
            "the file is in Strict Open XML format; save it as a regular Word document (.docx)",
        )
    body = root.find(W_BODY) if root is not None else None
    if body is None:
        raise ReadError(
            "no-document-xml",
            "文件不是有效的 Word 文档：word/document.xml 中没有正文",
            "not a valid Word document: word/document.xml has no body",
        )
    styles_name = pkg.rel_target(main, "/styles") or "word/styles.xml"
    numbering_name = pkg.rel_target(main, "/numbering") or "word/numbering.xml"
    builder = DocumentBuilder(path, "docx")
    styles = Styles(_optional_part(pkg, styles_name, builder))

    def load_numbering() -> Numberer:
        # Parsed only when a paragraph or style actually refers to a list.
        return Numberer(NumberingDefinitions(_optional_part(pkg, numbering_name, builder)), styles.numbering_style_nums)

    builder.doc.properties = _core_properties(pkg)
    walker = _Walker(builder, styles, load_numbering, limits)
    walker.walk_body(body)

    # The walk sees every content revision; property revisions it does not visit all
    # have "Change" in their tag name, so a byte search decides whether to count at all.
    need_count = walker.first_change_block is not None or b"Change" in raw
    n_changes = sum(1 for _ in body.iter(*_REVISION_TAGS)) if need_count else 0
    if n_changes:
        n_content = sum(1 for _ in body.iter(*_CONTENT_REVISIONS))
        first = walker.first_change_block
        if first is not None and first >= len(builder.doc.blocks):
            first = len(builder.doc.blocks) - 1 if builder.doc.blocks else None
        builder.notice(
            "tracked-changes",
            block=first,
            count=n_changes,
            detail=f"content={n_content} formatting={n_changes - n_content}",
        )
    return builder.doc


# --------------------------------------------------------------------------- parsing
#
# Most of document.xml is formatting (fonts, sizes, borders, spacing: ~75 % of the
# elements of a typical report) that the walk never reads, and parsing it costs more
# than everything else the linter does. Empty formatting elements are removed from the
# bytes before parsing, with one regex. What makes this exact:
#
# * only elements named in _FORMATTING are removed, only in their empty form
#   (``<w:sz w:val="24"/>``), and none of them is read below: the walk reads text only
#   from w:t (and m:t), and these elements never hold text;
# * the prefix ``w`` must be bound to WordprocessingML exactly once, in an ASCII-
#   compatible encoding, with no CDATA, comments, DOCTYPE, math, or markup inside a w:t
#   (where removing an element would join two pieces of text the walk reads apart);
# * the slim bytes must parse, and not be nested anywhere near the parser's depth limit
#   (so the original would have parsed too) — otherwise the original bytes are parsed,
#   and fail, exactly as before.

_FORMATTING = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang "
    "eastAsianLayout keepNext keepLines pageBreakBefore widowControl suppressLineNumbers suppressAutoHyphens "
    "kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd ind "
    "contextualSpacing mirrorIndents jc textDirection textAlignment cnfStyle tcW noWrap tcFitText vAlign "
    "hideMark wBefore wAfter cantSplit trHeight tblHeader tblStyle tblW tblInd tblLayout tblLook "
    "tblStyleRowBandSize tblStyleColBandSize gridCol top left bottom right start end insideH insideV tl2br "
    "tr2bl between bar pgSz pgMar cols docGrid lastRenderedPageBreak proofErr bookmarkStart bookmarkEnd"
).split()
"""Formatting-only WordprocessingML elements: none of them is read by the walk or counted
as a revision (tests/test_perf_structure.py checks both against the tags the walk uses)."""


def _trie(words: list[str]) -> str:
    # Alternatives grouped by their first letter: the regex engine rejects a tag after
    # one comparison per letter instead of one per name.
    groups: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        groups.setdefault(w[:1], []).append(w[1:])
    alts = []
    for head, rests in sorted(groups.items()):
        tails = [r for r in rests if r]
        if not tails:
            alts.append(re.escape(head))
        else:
            alts.append(re.escape(head) + "(?:" + _trie(tails) + ")" + ("?" if "" in rests else ""))
    return "|".join(alts)


# The start tag ends at the first ">" (an attribute value holding "/>" would leave the
# rest of the tag as text inside a formatting container: text the walk never reads).
_STRIP_RE = re.compile(("<w:(?:" + _trie(_FORMATTING) + ")(?=[\\s/])[^<>]*/>").encode("ascii"))
_W_DECL_RE = re.compile(rb"xmlns:w\s*=\s*([\"'])([^\"']*)\1")
_XML_DECL_RE = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.\-]+)[\"']")
# One scan for everything that rules stripping out: markup inside a w:t, CDATA, comments,
# DOCTYPE (<!…), processing instructions after the XML declaration (<?…), math (<m:…).
_NOT_STRIPPABLE_RE = re.compile(rb"<w:t(?:\s[^<>]*)?>[^<]*<(?!/w:t>)|<[!?]|<m:")
_STRIP_MIN_BYTES = 4096
_DEEP = None
_DEPTH_MARGIN = 200
"""libxml2 refuses documents nested deeper than 256 elements (without huge_tree); a slim
tree nested 200 deep falls back to the original bytes."""


def _strip_formatting(raw: bytes) -> Optional[bytes]:
    """``raw`` without its empty formatting elements, or None when that is not provably exact."""
    if len(raw) < _STRIP_MIN_BYTES:
        return None  # nothing to gain
    m = _XML_DECL_RE.match(raw)
    if m is not None and m.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:200]:
        return None  # UTF-16: no ASCII markup to match anyway
    decls = _W_DECL_RE.findall(raw)
    if len(decls) != 1 or decls[0][1] != W_NS.encode("ascii"):
        return None
    if _NOT_STRIPPABLE_RE.search(raw, raw.find(b"?>") + 2 if raw.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml") else 0):
        return None
    slim, n = _STRIP_RE.subn(b"", raw)
    return slim if n else None


def _too_deep(root) -> bool:
    global _DEEP
    if _DEEP is None:
        from lxml import etree

        # Level by level from the root: linear in the size of the tree.
        _DEEP = etree.XPath("boolean(" + "/*" * _DEPTH_MARGIN + ")")
    return bool(_DEEP(root))


def _parse_document(raw: bytes, part: str, pkg: Package):
    slim = _strip_formatting(raw)
    if slim is not None:
        try:
            root = parse_xml(slim, part, pkg.parser)
        except ReadError:
            root = None
        if root is not None and not _too_deep(root):
            return root
    return parse_xml(raw, part, pkg.parser)


def _optional_part(pkg: Package, name: str, builder: DocumentBuilder):
    """A part the text can be read without (styles, numbering): damage is a notice, not a failure.

    Unsafe XML is still fatal — a hostile part is never silently skipped.
    """
    try:
        return pkg.xml(name)
    except ReadError as e:
        if e.code in ("unsafe-xml", "zip-bomb"):
            raise
        builder.notice("damaged-part", detail=f"{name}: {e.en}")
        return None


# --------------------------------------------------------------------------- styles


class _Style:
    __slots__ = ("sid", "name", "based_on", "num_id", "ilvl", "outline", "kind")

    def __init__(
        self, sid: str, name: str, based_on: Optional[str], num_id: Optional[str], ilvl: Optional[int], outline: Optional[int], kind: str
    ):
        self.sid, self.name, self.based_on = sid, name, based_on
        self.num_id, self.ilvl, self.outline, self.kind = num_id, ilvl, outline, kind


def _ival(el) -> Optional[int]:
    if el is None:
        return None
    try:
        return int(el.get(_VAL))
    except (TypeError, ValueError):
        return None


class Styles:
    """styles.xml: names, ``basedOn`` chains, numbering and outline level per paragraph style."""

    def __init__(self, root):
        self._elements: dict[str, object] = {}
        self._parsed: dict[str, Optional[_Style]] = {}
        self.default_para: Optional[str] = None
        self.numbering_style_nums: dict[str, str] = {}
        self._num_cache: dict[str, tuple[Optional[str], Optional[int], Optional[str]]] = {}
        self._outline_cache: dict[str, Optional[int]] = {}
        self._para_cache: dict = {}
        if root is None:
            return
        # Index only; a style is parsed when a paragraph first uses it (templates carry
        # hundreds of styles, documents use a handful).
        style_tag = W + "style"
        id_attr = W + "styleId"
        type_attr = W + "type"
        for el in root:
            if el.tag != style_tag:
                continue
            sid = el.get(id_attr)
            if not sid or sid in self._elements:
                continue
            self._elements[sid] = el
            kind = el.get(type_attr)
            if kind == "numbering":
                st = self.get(sid)
                if st is not None and st.num_id:
                    self.numbering_style_nums[sid] = st.num_id
            elif self.default_para is None and (kind or "paragraph") == "paragraph" and el.get(W + "default") in ("1", "true", "on"):
                self.default_para = sid

    def get(self, sid: str) -> Optional[_Style]:
        if sid in self._parsed:
            return self._parsed[sid]
        el = self._elements.get(sid)
        st = None
        if el is not None:
            kind = el.get(W + "type") or "paragraph"
            name = based = num_id = ilvl = outline = None
            for ch in el:
                tag = ch.tag
                if tag == W + "name":
                    name = ch.get(_VAL)
                elif tag == W + "basedOn":
                    based = ch.get(_VAL)
                elif tag == W_PPR:
                    for x in ch:
                        if x.tag == W_NUMPR:
                            for y in x:
                                if y.tag == W_NUMID:
                                    num_id = y.get(_VAL)
                                elif y.tag == W_ILVL:
                                    ilvl = _ival(y)
                        elif x.tag == W_OUTLINELVL:
                            outline = _ival(x)
            name = name or sid
            st = _Style(sid, _UI_NAMES.get(name, name), based, num_id, ilvl, outline, kind)
        self._parsed[sid] = st
        return st

    def _chain(self, sid: Optional[str]):
        seen = set()
        while sid and sid not in seen and len(seen) < 32:
            seen.add(sid)
            st = self.get(sid)
            if st is None:
                return
            yield st
            sid = st.based_on

    def name(self, sid: Optional[str]) -> Optional[str]:
        st = self.get(sid) if sid else None
        return st.name if st is not None else sid

    def numbering(self, sid: Optional[str]) -> tuple[Optional[str], Optional[int], Optional[str]]:
        """(numId, ilvl, defining style id) inherited through ``basedOn``."""
        if not sid:
            return None, None, None
        hit = self._num_cache.get(sid)
        if hit is None:
            hit = (None, None, None)
            ilvl = None
            for st in self._chain(sid):
                if ilvl is None and st.ilvl is not None:
                    ilvl = st.ilvl
                if st.num_id is not None:
                    hit = (st.num_id, ilvl, st.sid)
                    break
            self._num_cache[sid] = hit
        return hit

    def paragraph_info(self, sid: Optional[str]):
        """(name, numbering(sid), outline(sid)) in one cached lookup: asked for every paragraph."""
        hit = self._para_cache.get(sid)
        if hit is None:
            hit = self._para_cache[sid] = (self.name(sid), self.numbering(sid), self.outline(sid))
        return hit

    def outline(self, sid: Optional[str]) -> Optional[int]:
        if not sid:
            return None
        if sid in self._outline_cache:
            return self._outline_cache[sid]
        level = None
        for st in self._chain(sid):
            if st.outline is not None:
                level = st.outline
                break
            m = _HEADING_NAME.match(st.name.strip())
            if m:
                level = int(m.group(1)) - 1
                break
        if level is not None and not 0 <= level <= 8:
            level = None  # outlineLvl 9 is "body text"
        self._outline_cache[sid] = level
        return level


# --------------------------------------------------------------------------- walking


class _BodySink:
    container = None


class _CellSink:
    __slots__ = ("container", "texts")

    def __init__(self, container: tuple[int, int, int]):
        self.container = container
        self.texts: list[str] = []


def _choose_alternate(el):
    """mc:AlternateContent → the branch to read: the first Choice, else the Fallback."""
    choice = el.find(MC_CHOICE)
    if choice is not None:
        return choice
    return el.find(MC_FALLBACK)


class _Walker:
    def __init__(self, builder: DocumentBuilder, styles: Styles, load_numbering, limits: Limits):
        self.b = builder
        self.styles = styles
        self._load_numbering = load_numbering
        self._numberer: Optional[Numberer] = None
        self.limits = limits
        self.first_change_block: Optional[int] = None
        self._hint = 0
        """Index of the block being built (for locating the first tracked change)."""
        self._pending: Optional[tuple[object, str]] = None
        """(sink, text) of a paragraph whose mark was deleted: it joins the next paragraph."""
        self._n_paras = 0
        self._t0 = time.monotonic()

    @property
    def numberer(self) -> Numberer:
        if self._numberer is None:
            self._numberer = self._load_numbering()
        return self._numberer

    # -- bookkeeping

    def _changed(self) -> None:
        if self.first_change_block is None:
            self.first_change_block = self._hint

    def _check_time(self) -> None:
        if time.monotonic() - self._t0 > self.limits.max_seconds:
            raise ReadError(
                "timeout",
                f"读取文件超时（超过 {self.limits.max_seconds:.0f} 秒）",
                f"reading the document took longer than {self.limits.max_seconds:.0f} s",
            )

    def _check_blocks(self) -> None:
        if len(self.b.doc.blocks) >= self.limits.max_blocks:
            raise ReadError(
                "too-many-blocks",
                f"文件段落和表格过多（超过 {self.limits.max_blocks} 个），无法检查",
                f"the document has more than {self.limits.max_blocks} paragraphs and tables",
            )

    # -- block level

    def walk_body(self, body) -> None:
        sink = _BodySink()
        self._blocks(body, sink, 0)
        self._flush_pending()

    def _blocks(self, parent, sink, depth: int) -> None:
        for el in parent:
            tag = el.tag
            if tag == W_P:
                self._paragraph(el, sink, depth)
            elif tag == W_TBL:
                self._table(el, sink, depth + 1)
            elif tag == W_SDT:
                content = el.find(W_SDTCONTENT)
                if content is not None:
                    self._blocks(content, sink, depth)
            elif tag == W_CUSTOMXML:
                self._blocks(el, sink, depth)
            elif tag == W_INS or tag == W_MOVETO:
                self._changed()
                self._blocks(el, sink, depth)
            elif tag == W_DEL or tag == W_MOVEFROM:
                self._changed()
            elif tag == MC_ALTERNATE:
                chosen = _choose_alternate(el)
                if chosen is not None:
                    self._blocks(chosen, sink, depth)

    def _flush_pending(self) -> None:
        if self._pending is not None:
            sink, text = self._pending
            self._pending = None
            self._emit(sink, text, None, None, None)

    def _emit(self, sink, text: str, style: Optional[str], outline: Optional[int], label: Optional[str]) -> None:
        if isinstance(sink, _CellSink):
            if text.strip():
                sink.texts.append(text)
            return
        if not text.strip():
            return
        self._check_blocks()
        self.b.paragraph(text, style=style, outline_level=outline, number_label=label)
        self._hint = len(self.b.doc.blocks)

    def _paragraph(self, p, sink, depth: int) -> None:  # noqa: C901 - one branch per OOXML paragraph feature
        self._n_paras += 1
        if self._n_paras % _TIME_CHECK_EVERY == 0:
            self._check_time()
        style_id = None
        num_id = None
        ilvl = None
        outline = None
        mark_deleted = False
        # One pass over pPr's children: lxml's find() costs more than a tag comparison.
        ppr = p[0] if len(p) and p[0].tag == W_PPR else None
        if ppr is not None:
            for ch in ppr:
                tag = ch.tag
                if tag == W_PSTYLE:
                    style_id = ch.get(_VAL)
                elif tag == W_NUMPR:
                    for x in ch:
                        if x.tag == W_NUMID:
                            num_id = x.get(_VAL)
                        elif x.tag == W_ILVL:
                            ilvl = _ival(x)
                elif tag == W_OUTLINELVL:
                    outline = _ival(ch)
                elif tag == W_RPR:
                    for x in ch:
                        xt = x.tag
                        if xt == W_DEL or xt == W_MOVEFROM:
                            mark_deleted = True
                            self._changed()
                        elif xt == W_INS or xt == W_MOVETO or xt == W_RPRCHANGE:
                            self._changed()
                elif tag == W_PPRCHANGE:
                    self._changed()
        if style_id is None:
            style_id = self.styles.default_para

        out: list[str] = []
        boxes: list = []
        self._inline(p, out, boxes)
        text = "".join(out).strip("\n")

        if self._pending is not None:
            psink, ptext = self._pending
            if psink is sink:
                text = ptext + text
                self._pending = None
            else:
                self._flush_pending()
        if mark_deleted:
            # Accepting the deletion of a paragraph mark joins this paragraph to the next
            # one, which keeps the next one's properties (its mark survives).
            self._pending = (sink, text)
            for box in boxes:
                self._blocks(box, sink, depth)
            return

        style_name, style_num, style_outline = self.styles.paragraph_info(style_id)
        if num_id is None or ilvl is None:
            s_num, s_ilvl, s_def = style_num
            if num_id is None:
                num_id = s_num
            if ilvl is None:
                ilvl = s_ilvl
            if ilvl is None and num_id is not None:
                ilvl = self.numberer.defs.level_for_style(num_id, style_id or "")
                if ilvl is None and s_def:
                    ilvl = self.numberer.defs.level_for_style(num_id, s_def)
        label = None
        if num_id is not None:
            numberer = self.numberer
            got = numberer.label(num_id, ilvl or 0)
            if got is not None and got[0]:
                label = got[0]
                text = join_label(label, got[1], text)
        if outline is None or not 0 <= outline <= 8:
            outline = style_outline if outline is None else None
        if sink.container is not None:  # a cell: its text only
            if text.strip():
                sink.texts.append(text)
        else:
            self._emit(sink, text, style_name, outline, label)
        for box in boxes:
            self._blocks(box, sink, depth)

    # -- inline level

    def _inline(self, el, out: list, boxes: list) -> None:
        for ch in el:
            tag = ch.tag
            if tag == W_R:
                # Most runs hold only w:t once formatting is stripped: read them here, and
                # hand any other run to _run from its start (nothing but text was taken yet).
                mark = len(out)
                for x in ch:
                    xt = x.tag
                    if xt == W_T:
                        t = x.text
                        if t:
                            out.append(t)
                    elif xt != W_RPR or len(x):  # an empty rPr (all formatting) says nothing
                        del out[mark:]
                        self._run(ch, out, boxes)
                        break
            elif tag in (W_HYPERLINK, W_SMARTTAG, W_CUSTOMXML, W_FLDSIMPLE, W_DIR, W_BDO):
                self._inline(ch, out, boxes)
            elif tag == W_SDT:
                content = ch.find(W_SDTCONTENT)
                if content is not None:
                    self._inline(content, out, boxes)
            elif tag == W_INS or tag == W_MOVETO:
                self._changed()
                self._inline(ch, out, boxes)
            elif tag == W_DEL or tag == W_MOVEFROM:
                self._changed()
            elif tag == MC_ALTERNATE:
                chosen = _choose_alternate(ch)
                if chosen is not None:
                    self._inline(chosen, out, boxes)
            elif tag == M_OMATHPARA or tag == M_OMATH:
                out.append("".join(t.text or "" for t in ch.iter(M_T)))

    def _run(self, r, out: list, boxes: list) -> None:
        for ch in r:
            tag = ch.tag
            if tag == W_T:
                if ch.text:
                    out.append(ch.text)
            elif tag == W_RPR:
                if len(ch):
                    # What find(W_VANISH) / find(W_RPRCHANGE) would return: the first of each.
                    vanish = change = None
                    for x in ch:
                        xt = x.tag
                        if xt == W_VANISH:
                            if vanish is None:
                                vanish = x
                        elif xt == W_RPRCHANGE:
                            change = x
                    if vanish is not None and vanish.get(_VAL) not in _OFF:
                        return  # hidden text (and any drawing in it): the drafter does not see it
                    if change is not None:
                        self._changed()
            elif tag == W_TAB or tag == W_PTAB:
                out.append("\t")
            elif tag == W_BR or tag == W_CR:
                out.append("\n")
            elif tag == W_NOBREAKHYPHEN:
                out.append("-")
            elif tag == W_SYM:
                out.append(_sym(ch))
            elif tag in (W_DRAWING, W_PICT, W_OBJECT):
                _find_boxes(ch, boxes)
            elif tag == MC_ALTERNATE:
                chosen = _choose_alternate(ch)
                if chosen is not None:
                    self._run(chosen, out, boxes)
            elif tag == W_RUBY:
                base = ch.find(W_RUBYBASE)
                if base is not None:
                    self._inline(base, out, boxes)
            elif tag == W_INS or tag == W_MOVETO:  # not schema-valid inside a run, but seen
                self._changed()
                self._run(ch, out, boxes)
            elif tag == W_DEL or tag == W_MOVEFROM:
                self._changed()

    # -- tables

    def _table(self, tbl, sink, depth: int) -> None:  # noqa: C901 - the merge grid is one piece of bookkeeping
        if depth > self.limits.max_nesting:
            raise ReadError(
                "too-deep",
                f"表格嵌套层数过多（超过 {self.limits.max_nesting} 层），无法安全读取",
                f"tables are nested more than {self.limits.max_nesting} levels deep",
            )
        self._flush_pending()
        self._check_blocks()
        t = self.b.reserve_table(container=sink.container)
        outer_hint = self._hint
        self._hint = t.index
        tblpr = tbl.find(W + "tblPr")
        if tblpr is not None and tblpr.find(W + "tblPrChange") is not None:
            self._changed()

        cells: list[Cell] = []
        n_cols = 0
        open_v: dict[int, Cell] = {}
        r_idx = 0
        for tr in _rows(tbl):
            before = after = 0
            deleted = False
            for pr in tr:
                if pr.tag == W_TRPR:
                    for ch in pr:
                        tag = ch.tag
                        if tag == W_GRIDBEFORE:
                            before = _span(ch, 0)
                        elif tag == W_GRIDAFTER:
                            after = _span(ch, 0)
                        elif tag == W_DEL:
                            deleted = True
                            self._changed()
                        elif tag == W_INS or tag == W_TRPRCHANGE:
                            self._changed()
                    break
                if pr.tag == W_TC:
                    break
            if deleted:
                continue  # a deleted row is gone once changes are accepted
            col = before
            new_open: dict[int, Cell] = {}
            last: Optional[Cell] = None
            for tc in _row_cells(tr):
                span = 1
                v_restart = v_continue = h_continue = False
                tcpr = tc[0] if len(tc) and tc[0].tag == W_TCPR else None
                if tcpr is not None:
                    for ch in tcpr:
                        tag = ch.tag
                        if tag == W_GRIDSPAN:
                            span = _span(ch, 1)
                        elif tag == W_VMERGE:
                            if ch.get(_VAL) == "restart":
                                v_restart = True
                            else:
                                v_continue = True  # no w:val means "continue"
                        elif tag == W_HMERGE:
                            if ch.get(_VAL) != "restart":
                                h_continue = True
                        elif tag in W_TCPR_REVISIONS:
                            self._changed()
                if v_continue and col in open_v:
                    owner = open_v[col]
                    owner.rowspan = r_idx - owner.row + 1
                    new_open[col] = owner
                elif h_continue and last is not None and last.row == r_idx:
                    owner = last
                    owner.colspan = col + span - owner.col
                else:
                    owner = Cell(row=r_idx, col=col, text="", colspan=span)
                    cells.append(owner)
                    if v_restart or v_continue:
                        new_open[col] = owner
                text = self._cell_text(tc, (t.index, owner.row, owner.col), depth)
                if text:
                    owner.text = owner.text + "\n" + text if owner.text else text
                last = owner
                col += span
            open_v = new_open
            n_cols = max(n_cols, col + after)
            r_idx += 1

        n_rows = r_idx
        # One bytearray per row, marked by slice: the positions no cell covers are the
        # gridBefore/After and short-row gaps that get an empty cell.
        covered = [bytearray(n_cols) for _ in range(n_rows)]
        ones = b"\x01" * n_cols
        for c in cells:
            c0 = c.col
            c1 = c0 + c.colspan
            if c1 > n_cols:
                c1 = n_cols
            if c1 > c0:
                mark = ones[: c1 - c0]
                r0 = c.row
                if c.rowspan == 1:
                    covered[r0][c0:c1] = mark
                else:
                    for rr in range(r0, min(r0 + c.rowspan, n_rows)):
                        covered[rr][c0:c1] = mark
        n_owned = len(cells)
        for rr in range(n_rows):
            row = covered[rr]
            if row.count(0):
                for cc in range(n_cols):
                    if not row[cc]:
                        cells.append(Cell(row=rr, col=cc, text=""))  # gridBefore/After and short rows
        if len(cells) != n_owned:
            # Cells are created row by row, left to right (spans are >= 1): already in
            # (row, col) order unless gap cells were appended above.
            cells.sort(key=lambda c: (c.row, c.col))
        t.n_rows, t.n_cols, t.cells = n_rows, n_cols, cells
        t._grid = None
        self._hint = max(outer_hint, len(self.b.doc.blocks)) if not isinstance(sink, _CellSink) else outer_hint

    def _cell_text(self, tc, container: tuple[int, int, int], depth: int) -> str:
        sink = _CellSink(container)
        self._blocks(tc, sink, depth)
        if self._pending is not None and self._pending[0] is sink:
            self._flush_pending()
        return "\n".join(sink.texts)


def _through_wrappers(parent, tag):
    """Children with ``tag``, looking through content controls, custom XML, inserted/moved
    revisions and alternate content (rows of a table, cells of a row)."""
    for el in parent:
        t = el.tag
        if t == tag:
            yield el
        elif t == W_SDT:
            content = el.find(W_SDTCONTENT)
            if content is not None:
                yield from _through_wrappers(content, tag)
        elif t in (W_CUSTOMXML, W_INS, W_MOVETO):
            yield from _through_wrappers(el, tag)
        elif t == MC_ALTERNATE:
            chosen = _choose_alternate(el)
            if chosen is not None:
                yield from _through_wrappers(chosen, tag)


def _rows(tbl):
    return _through_wrappers(tbl, W_TR)


def _row_cells(tr):
    return _through_wrappers(tr, W_TC)


def _span(el, default: int) -> int:
    v = _ival(el)
    if v is None:
        return default
    return min(max(v, 0 if default == 0 else 1), _MAX_SPAN)


def _find_boxes(el, boxes: list) -> None:
    """Collect top-level text-box contents under a drawing, reading each box once."""
    for ch in el:
        tag = ch.tag
        if tag == W_TXBXCONTENT:
            boxes.append(ch)
        elif tag == MC_ALTERNATE:
            chosen = _choose_alternate(ch)
            if chosen is not None:
                _find_boxes(chosen, boxes)
        elif isinstance(tag, str):
            _find_boxes(ch, boxes)


def _sym(el) -> str:
    raw = el.get(W + "char") or ""
    try:
        code = int(raw, 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:
        return _SYM_MAP.get(code, chr(code))
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return ""


# --------------------------------------------------------------------------- properties

_CORE_FIELDS = (
    ("{http://purl.org/dc/terms/}created", "created"),
    ("{http://purl.org/dc/terms/}modified", "modified"),
    ("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy", "last_modified_by"),
    ("{http://purl.org/dc/elements/1.1/}title", "title"),
    ("{http://purl.org/dc/elements/1.1/}creator", "author"),
)


def _core_properties(pkg: Package) -> dict:
    name = pkg.rel_target("", "/metadata/core-properties") or "docProps/core.xml"
    try:
        root = pkg.xml(name)
    except ReadError as e:
        if e.code == "unsafe-xml":
            raise
        return {}  # damaged metadata must not stop the linting of the text
    if root is None:
        return {}
    props = {}
    for tag, key in _CORE_FIELDS:
        el = root.find(tag)
        if el is not None and el.text and el.text.strip():
            props[key] = el.text.strip()
    return props


# --------------------------------------------------------------------------- provenance


class BlockSources:
    """Which elements of the body each block was read from (``trace_blocks``)."""

    def __init__(self) -> None:
        self.paragraphs: dict[int, list] = {}
        """Paragraph block → its ``w:p`` elements (several when deleted paragraph marks joined them)."""
        self.cells: dict[int, dict[tuple[int, int], list]] = {}
        """Table block → (row, col) of a logical cell → its ``w:tc`` elements (one per merged row)."""


def _mark_deleted(p) -> bool:
    ppr = p[0] if len(p) and p[0].tag == W_PPR else None
    rpr = ppr.find(W_RPR) if ppr is not None else None
    return rpr is not None and (rpr.find(W_DEL) is not None or rpr.find(W_MOVEFROM) is not None)


class _TracingWalker(_Walker):
    """The walker, recording where each block comes from. Writers that put something back
    into the document (comments on a copy) address blocks exactly as the checks saw them."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.sources = BlockSources()
        self._current = None
        self._joined: list = []
        self._flushing = False

    def _paragraph(self, p, sink, depth: int) -> None:
        outer, self._current = self._current, p
        try:
            super()._paragraph(p, sink, depth)
        finally:
            self._current = outer
        if sink.container is None and self._pending is not None and _mark_deleted(p):
            self._joined.append(p)

    def _flush_pending(self) -> None:
        self._flushing = True
        try:
            super()._flush_pending()
        finally:
            self._flushing = False

    def _emit(self, sink, text: str, style, outline, label) -> None:
        n = len(self.b.doc.blocks)
        super()._emit(sink, text, style, outline, label)
        if sink.container is not None:
            return
        if len(self.b.doc.blocks) > n:
            current = [] if self._flushing or self._current is None else [self._current]
            self.sources.paragraphs[n] = self._joined + current
        self._joined = []

    def _cell_text(self, tc, container: tuple[int, int, int], depth: int) -> str:
        t, r, c = container
        self.sources.cells.setdefault(t, {}).setdefault((r, c), []).append(tc)
        return super()._cell_text(tc, container, depth)


def trace_blocks(body, styles_root, numbering_root, path: str = "", limits: Optional[Limits] = None) -> tuple[Document, BlockSources]:
    """Read an already parsed body (e.g. python-docx's) into a ``Document`` exactly as
    ``read_docx`` does, plus the elements each block comes from."""
    builder = DocumentBuilder(path, "docx")
    styles = Styles(styles_root)

    def load_numbering() -> Numberer:
        return Numberer(NumberingDefinitions(numbering_root), styles.numbering_style_nums)

    walker = _TracingWalker(builder, styles, load_numbering, limits or Limits())
    walker.walk_body(body)
    return builder.doc, walker.sources
