"""Published web pages (the report as a government site shows it).

lxml's HTML parser (no network access; it never loads external entities) builds the
tree; scripts, styles, comments and hidden elements are ignored. Blocks in reading
order:

* a paragraph for every run of text between block boundaries — ``<p>``, ``<h1>``–
  ``<h6>`` (with ``outline_level``), ``<li>``, bare text in a ``<div>``; ``<br>`` ends
  a paragraph, so a ``<p>`` holding several ``<br>``-separated lines gives several;
* a table for every ``<table>``, its ``rowspan``/``colspan`` resolved into the same
  grid the Word reader builds (each logical cell once, at its top-left, with spans;
  short rows padded with empty cells; overlapping spans clipped instead of crashing).
  Cell text joins the cell's lines with ``"\\n"``. Tables nested in a cell become
  their own blocks after the outer table, with ``container`` set.

Whitespace follows the browser: runs of ASCII whitespace collapse to one space,
``&nbsp;`` becomes a plain space, U+3000 (ideographic space) is kept as written.
"""

from __future__ import annotations

import codecs
import re
from typing import Iterator, Optional

from report_lint.model.document import Cell, Document, DocumentBuilder, Table
from report_lint.read.furniture import is_site_chrome
from report_lint.read.errors import Limits, ReadError
from report_lint.read.text import decode_bom

# Block-level elements: entering or leaving one ends the current paragraph.
_BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre section article header footer "
    "main aside nav figure figcaption address center hr fieldset legend form details summary "
    "hgroup body html tr td th caption thead tbody tfoot dir menu".split()
)
_SKIP = frozenset(
    "script style noscript template head title iframe object embed svg math select textarea button "
    "frameset frame applet audio video canvas map".split()
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_WS_RUN = re.compile(r"[ \t\n\r\f]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]{0,512}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]{1,40})", re.I)
_INT = re.compile(r"\s*\+?(\d{1,7})")
_ASCII_WS = " \t\n\r\f\v"

MAX_COLSPAN = 1000
MAX_COLS = 1000
MAX_GRID_POSITIONS = 4_000_000
_GB_ALIASES = frozenset("gb2312 gbk x-gbk gb_2312-80 cp936 ms936 windows-936 csgb2312 euc-cn gb18030".split())


def _corrupt(detail: str = "") -> ReadError:
    zh = "无法解析该网页文件" + (f"（{detail}）" if detail else "")
    en = "cannot parse this HTML file" + (f" ({detail})" if detail else "")
    return ReadError("corrupt-html", zh, en)


def _norm_charset(name: bytes) -> Optional[str]:
    label = name.decode("ascii", "ignore").strip().lower()
    if label in _GB_ALIASES:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str, bool]:
    """Return (text, encoding, replaced?). BOM first; then UTF-8 when the bytes are
    valid UTF-8 (pages are often re-encoded without fixing ``<meta charset>``); then
    the declared charset; then GB18030; then UTF-8 with replacement."""
    by_bom = decode_bom(data)
    if by_bom is not None:
        return by_bom
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:8192])
    declared = _norm_charset(m.group(1)) if m else None
    for enc in (declared, "gb18030"):
        if enc and enc not in ("utf-8", "utf-16", "utf-32"):
            try:
                return data.decode(enc), enc, False
            except (UnicodeDecodeError, LookupError):
                pass
    return data.decode("utf-8", errors="replace"), "utf-8", True


def _tag(el) -> Optional[str]:
    t = el.tag
    if not isinstance(t, str):
        return None  # comment, processing instruction, entity
    if "}" in t:
        t = t.rsplit("}", 1)[1]
    return t.lower()


def _hidden(el) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style) is not None


def _collapse(pieces: list[str]) -> str:
    s = _WS_RUN.sub(" ", "".join(pieces))
    return s.replace("\xa0", " ").strip(_ASCII_WS)


def _events(root) -> Iterator[tuple]:
    """Walk ``root`` in document order, yielding ``("para", text, block_element)`` for
    each run of text between block boundaries and ``("table", element)`` for each
    table (whose subtree is not entered). Iterative, so deep nesting cannot overflow
    the Python stack."""
    buf: list[str] = []
    ctx: list = [root]
    stack: list[tuple] = [(root, False)]

    def flush():
        if buf:
            text = _collapse(buf)
            buf.clear()
            if text:
                return ("para", text, ctx[-1])
        return None

    while stack:
        el, end = stack.pop()
        if end:
            if el is _TAIL:
                continue
            if isinstance(el, str):  # tail text of an element whose content was skipped
                buf.append(el)
                continue
            if el is root or _tag(el) in _BLOCK:
                ev = flush()
                if ev:
                    yield ev
                if el is not root and ctx[-1] is el:
                    ctx.pop()
            if el is not root and el.tail:
                buf.append(el.tail)
            continue
        tag = _tag(el)
        if el is not root and (tag is None or tag in _SKIP or tag in ("table", "br") or _hidden(el)):
            # Content not read as text here; a block or line boundary still ends the paragraph.
            if tag in _BLOCK or tag in ("table", "br"):
                ev = flush()
                if ev:
                    yield ev
            if tag == "table" and not _hidden(el):
                yield ("table", el)
            stack.append((el.tail, True) if el.tail else (_TAIL, True))
            continue
        if tag in _BLOCK and el is not root:
            ev = flush()
            if ev:
                yield ev
            ctx.append(el)
            if tag == "ol":
                _number_items(el)
        stack.append((el, True))
        for child in reversed(el):
            stack.append((child, False))
        if el.text:
            buf.append(el.text)


_TAIL = object()


def _number_items(ol) -> None:
    m = _INT.match(ol.get("start") or "")
    n = int(m.group(1)) if m else 1
    for child in ol:
        if _tag(child) == "li":
            child.set("data-report-lint-number", str(n))
            n += 1


def _span(value: Optional[str], default: int = 1) -> int:
    if not value:
        return default
    m = _INT.match(value)
    return int(m.group(1)) if m else default


class _HtmlReader:
    def __init__(self, path: str, limits: Limits):
        self.b = DocumentBuilder(path, "html")
        self.limits = limits
        self.chrome = 0

    def _check_blocks(self) -> None:
        if len(self.b.doc.blocks) >= self.limits.max_blocks:
            raise ReadError(
                "too-many-blocks",
                f"文件段落和表格过多（超过 {self.limits.max_blocks} 个），无法检查",
                f"the document has more than {self.limits.max_blocks} paragraphs and tables",
            )

    def body(self, root) -> None:
        for ev in _events(root):
            self._check_blocks()
            if ev[0] == "para":
                self._paragraph(ev[1], ev[2])
            else:
                self.table(ev[1], None, 1)

    def _paragraph(self, text: str, el) -> None:
        if is_site_chrome(text) or _tag(el) == "nav" or any(_tag(a) == "nav" for a in el.iterancestors()):
            self.chrome += 1  # the site's breadcrumbs, meta line and buttons are not the report
            return
        tag = _tag(el)
        kw: dict = {"line": getattr(el, "sourceline", None)}
        if tag in _HEADINGS:
            n = _HEADINGS[tag]
            kw["style"] = f"Heading {n}"
            kw["outline_level"] = n - 1
        elif tag == "li":
            num = el.get("data-report-lint-number")
            if num:
                kw["number_label"] = f"{num}."
                text = f"{num}.{text}"
        self.b.paragraph(text, **kw)

    def table(self, el, container: Optional[tuple[int, int, int]], depth: int) -> None:
        cap = None
        for child in el:
            if _tag(child) == "caption":
                cap = child
                break
        if cap is not None:
            for ev in _events(cap):
                if ev[0] == "para":
                    self.b.paragraph(ev[1], line=getattr(cap, "sourceline", None), container=container)
        t = self.b.reserve_table(line=getattr(el, "sourceline", None), container=container)
        nested: list[tuple] = []
        rows = _rows(el)
        self._grid(t, rows, nested)
        for sub, pos in nested:
            self._check_blocks()
            if depth >= self.limits.max_nesting:
                self.b.notice("nested-tables-skipped", block=t.index, detail=f"depth > {self.limits.max_nesting}")
                break
            self.table(sub, pos, depth + 1)

    def _grid(self, t: Table, rows: list[list], nested: list) -> None:
        n_rows = len(rows)
        occupied: dict[int, set[int]] = {}  # lazily: a page may hold many empty <tr>
        cells: list[Cell] = []
        n_cols = 0
        area = 0
        for r, tds in enumerate(rows):
            occ = occupied.setdefault(r, set())
            c = 0
            for td in tds:
                while c in occ:
                    c += 1
                if c >= MAX_COLS:
                    break
                cs = min(max(_span(td.get("colspan")), 1), MAX_COLSPAN)
                rs = _span(td.get("rowspan"))
                rs = n_rows - r if rs <= 0 else min(rs, n_rows - r)  # rowspan=0: to the end
                # Clip a colspan that would run into a cell spanning down from above,
                # so logical cells never overlap (as in Word's grid).
                w = 0
                while w < cs and c + w < MAX_COLS and (c + w) not in occ:
                    w += 1
                area += w * rs
                if area > MAX_GRID_POSITIONS:
                    raise ReadError("too-large", "网页中的表格过大，无法读取", "a table in the page is too large to read")
                for rr in range(r, r + rs):
                    occupied.setdefault(rr, set()).update(range(c, c + w))
                text, inner = _cell_text(td)
                for sub in inner:
                    nested.append((sub, (t.index, r, c)))
                cells.append(Cell(row=r, col=c, text=text, rowspan=rs, colspan=w))
                c += w
                n_cols = max(n_cols, c)
        if n_rows * n_cols > MAX_GRID_POSITIONS:
            raise ReadError("too-large", "网页中的表格过大，无法读取", "a table in the page is too large to read")
        for r in range(n_rows):
            occ = occupied.get(r, ())
            for c in range(n_cols):
                if c not in occ:
                    cells.append(Cell(row=r, col=c, text=""))  # short rows
        cells.sort(key=lambda x: (x.row, x.col))
        t.n_rows, t.n_cols, t.cells = n_rows, n_cols, cells
        t._grid = None


def _rows(table) -> list[list]:
    rows = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(g for g in child if _tag(g) == "tr")
    return [[c for c in tr if _tag(c) in ("td", "th")] for tr in rows]


def _cell_text(td) -> tuple[str, list]:
    lines: list[str] = []
    inner: list = []
    for ev in _events(td):
        if ev[0] == "para":
            lines.append(ev[1])
        else:
            inner.append(ev[1])
    return "\n".join(lines), inner


def read_html(path: str, data: bytes, limits: Limits) -> Document:
    try:
        return _read_html(path, data, limits)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError("too-deep", "网页结构嵌套过深，无法安全读取", "the page is nested too deeply to read safely") from None
    except Exception as e:  # lxml and anything else a hostile page can provoke
        raise _corrupt(type(e).__name__) from None


def _read_html(path: str, data: bytes, limits: Limits) -> Document:
    import lxml.html
    from lxml import etree

    reader = _HtmlReader(path, limits)
    b = reader.b
    text, encoding, replaced = decode_html(data)
    b.doc.properties["encoding"] = encoding
    if replaced:
        n = text.count("\ufffd")
        b.notice("encoding-replaced", detail=f"{n} × U+FFFD, {encoding}", count=n)
    nul = text.count("\x00")
    if nul:
        text = text.replace("\x00", "")
        b.notice("nul-bytes", detail=f"{nul} NUL", count=nul)
    if not text.strip():
        return b.doc
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True, recover=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except etree.ParserError:
        return b.doc  # nothing but whitespace/markup: an empty document, not a broken one
    if root is None:
        return b.doc
    for err in parser.error_log:
        if err.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in (err.message or ""):
            # libxml2 stopped reading; linting the part before the cut would report
            # everything after it as missing.
            raise ReadError("too-deep", "网页结构嵌套过深，无法安全读取", "the page is nested too deeply to read safely")
    body = root.find("body")
    reader.body(body if body is not None else root)
    if reader.chrome:
        b.notice("site-chrome", detail=f"{reader.chrome} navigation / meta line(s) left out", count=reader.chrome)
    return b.doc
