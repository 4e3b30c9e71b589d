"""PDF reader: a published report (PDF with a text layer) → the document model.

How a page is read (costs measured on ../shared/corpus/pdf/huaian-2024.pdf, see bench/):

* **Text** comes from PDFium (``pypdfium2``): every character with its box, ≈ 8 ms a
  page, where pdfminer (under pdfplumber) needs ≈ 100 ms a page to interpret the same
  content stream in Python.
* **Ruling lines** come from PDFium's path objects (thin filled rectangles, stroked
  lines and stroked rectangle outlines; white or filled-only backgrounds are not lines).
* **Tables** are found by pdfplumber's table finder from those lines
  (``vertical_strategy="explicit"``): it joins the lines into cells and groups the
  cells into tables, a merged cell being one larger cell. It is given the lines, so
  pdfplumber never parses the page's content stream itself. Characters are then put
  into the cells they fall in, and those characters are not read again as paragraphs.
* Lines of the remaining characters are reflowed into paragraphs; page numbers and
  running headers/footers are dropped; a table continued on the next page is joined.

Anything that cannot be read is a ``ReadError`` with a one-line message: a scan (no
text layer), a password to open, a damaged file, too many pages, a decompression bomb.
"""

from __future__ import annotations

import bisect
import ctypes
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from report_lint.model.document import Cell, Document, DocumentBuilder
from report_lint.read.errors import Limits, ReadError

# --------------------------------------------------------------------------- errors


def _broken(detail: str = "") -> ReadError:
    return ReadError(
        "pdf-damaged",
        "PDF 文件已损坏或不完整，无法读取" + (f"（{detail}）" if detail else "") + "；请重新导出或下载完整的文件",
        "the PDF is damaged or incomplete" + (f" ({detail})" if detail else "") + "; export or download it again",
    )


SCANNED = ReadError(
    "pdf-scanned",
    "这是扫描件（图片），无法读取文字；请提供 Word 原稿或可复制文字的 PDF",
    "this is a scan (pages are images): there is no text to read; provide the Word original or a PDF with selectable text",
)
ENCRYPTED = ReadError(
    "pdf-encrypted",
    "PDF 设置了打开密码，无法读取；请提供未加密的 PDF 或 Word 原稿",
    "the PDF is protected by a password to open it; provide an unencrypted PDF or the Word original",
)


GARBLED = ReadError(
    "pdf-garbled",
    "PDF 中的文字无法识别（字体缺少编码信息，复制出来是乱码）；请提供 Word 原稿或重新导出 PDF",
    "the PDF's text cannot be decoded (its fonts lack a character map: copied text is garbage); "
    "provide the Word original or export the PDF again",
)


def garbled(chars: list[str]) -> bool:
    """True when over a fifth of the characters are private-use code points, U+FFFD or
    control characters: what a font without a ToUnicode map gives. Reading on would
    turn missing headings and figures into certain-looking findings."""
    if not chars:
        return False
    bad = sum(1 for c in chars if "\ue000" <= c <= "\uf8ff" or c == "\ufffd" or c < " ")
    return bad * 5 > len(chars)


def _too_many_pages(n: int, cap: int) -> ReadError:
    return ReadError(
        "pdf-too-many-pages",
        f"PDF 页数过多（{n} 页，上限 {cap} 页）",
        f"too many pages in the PDF ({n}, limit {cap})",
    )


def _bomb(limits: Limits) -> ReadError:
    return ReadError(
        "pdf-bomb",
        f"PDF 中的压缩数据解压后过大（上限 {limits.max_unzipped_bytes // 1048576} MB），疑似恶意文件，已停止读取",
        f"a compressed stream in the PDF inflates beyond the limit ({limits.max_unzipped_bytes // 1048576} MB); reading stopped",
    )


# --------------------------------------------------------------------------- guards

_STREAM = re.compile(rb"stream\r?\n")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")


def check_streams(data: bytes, limits: Limits) -> None:
    """Inflate every Flate stream in bounded chunks before PDFium does it unbounded.

    The total inflated size must stay under ``max_unzipped_bytes`` and each stream's
    ratio under ``max_zip_ratio`` (for streams over 1 MB inflated); the scan stops at
    the first stream that would exceed them. A stream deflated twice (a filter chain
    ``[/FlateDecode /FlateDecode]``) is inflated twice, each time within the limits.
    Damaged streams are left to PDFium.
    """
    budget = limits.max_unzipped_bytes
    pos = 0
    while True:
        m = _STREAM.search(data, pos)
        if not m:
            return
        start = m.end()
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        pos = end + 9
        head = data[max(0, m.start() - 512) : m.start()]
        d = head.rfind(b"<<")
        layers = len(_FLATE.findall(head, d)) if d >= 0 else 0
        body = data[start:end]
        for _ in range(min(layers, 4)):
            body = _inflate(body, budget, limits)
            if body is None:
                break
            budget -= len(body)


def _inflate(raw: bytes, budget: int, limits: Limits) -> Optional[bytes]:
    """``raw`` inflated, or None if it is not a valid deflate stream; a ReadError when
    the output would pass ``budget`` bytes or ``max_zip_ratio`` times its input."""
    z = zlib.decompressobj()
    parts = []
    got = 0
    buf = raw
    try:
        while buf:
            out = z.decompress(buf, 1 << 20)
            got += len(out)
            if got > budget or (got > (1 << 20) and got > limits.max_zip_ratio * max(len(raw), 1)):
                raise _bomb(limits)
            parts.append(out)
            buf = z.unconsumed_tail
            if not out:
                break
    except zlib.error:
        return None
    return b"".join(parts)


# --------------------------------------------------------------------------- page content

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2014\u2018-\u201d\u2026]")


@dataclass
class Ch:
    c: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def h(self) -> float:
        return self.bottom - self.top


@dataclass
class Line:
    chars: list[Ch]
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    page: int = 0
    no: int = 0
    """1-based line number on its page (tables count one line per row)."""
    size: float = 0.0
    """The commonest font size on the line."""
    gapped: bool = False
    """A gap of 1.5 em or more between two characters: a row of a table drawn with
    spaces (or a form); such a line is a paragraph of its own."""

    @property
    def h(self) -> float:
        return self.size or (self.bottom - self.top)


@dataclass
class PTable:
    page: int
    top: float
    bottom: float
    n_rows: int
    n_cols: int
    xs: list[float]
    cells: list[Cell]
    line: int = 0
    pages: list[int] = field(default_factory=list)
    gaps: dict = field(default_factory=dict)
    """(row, col) → (space above, space below) the cell's text, in points."""
    row_places: list = field(default_factory=list)
    """(page, line on the page) of each row."""


def _join(chars: list[Ch]) -> str:
    """Characters of one line → text: no space between CJK characters; a space where
    the gap is wide between two non-CJK characters or about a character wide; a column
    gap (≥ 1.5 em, a table drawn with spaces) stays a run of spaces."""
    out: list[str] = []
    prev: Optional[Ch] = None
    for ch in chars:
        if prev is not None:
            gap = ch.x0 - prev.x1
            em = max(prev.h, ch.h, 1.0)
            if gap >= 1.5 * em:
                out.append("    ")
            elif gap > 0.9 * em or (gap > 0.18 * em and not _CJK.match(prev.c) and not _CJK.match(ch.c)):
                out.append(" ")
        out.append(ch.c)
        prev = ch
    return "".join(out)


def _line_size(chars: list[Ch]) -> float:
    """Font size of a line: the commonest advance width of its CJK characters (square
    glyphs: their width is the font size, whatever the font's ascent and descent);
    for a line without CJK, its box height."""
    sizes = Counter(round(c.x1 - c.x0) for c in chars if _CJK.match(c.c) and c.x1 > c.x0)
    if sizes:
        return float(sizes.most_common(1)[0][0])
    return max(c.bottom for c in chars) - min(c.top for c in chars)


def group_lines(chars: list[Ch]) -> list[Line]:
    """Characters → lines, top to bottom, each left to right."""
    if not chars:
        return []
    chars = sorted(chars, key=lambda c: (c.top + c.bottom) / 2)
    lines: list[list[Ch]] = []
    cur: list[Ch] = []
    cy = 0.0
    ch_h = 0.0
    for c in chars:
        y = (c.top + c.bottom) / 2
        if cur and abs(y - cy) > 0.45 * max(ch_h, c.h, 1.0):
            lines.append(cur)
            cur = []
        if not cur:
            cy, ch_h = y, c.h
        cur.append(c)
    if cur:
        lines.append(cur)
    out = []
    for lc in lines:
        lc.sort(key=lambda c: c.x0)
        size = _line_size(lc)
        out.append(
            Line(
                gapped=any(b.x0 - a.x1 >= 1.5 * size for a, b in zip(lc, lc[1:])),
                chars=lc,
                text=_join(lc),
                x0=lc[0].x0,
                x1=max(c.x1 for c in lc),
                top=min(c.top for c in lc),
                bottom=max(c.bottom for c in lc),
                size=size,
            )
        )
    return out


def _page_chars(page, textpage, left: float, top: float) -> list[Ch]:
    n = textpage.count_chars()
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n)
    out = []
    k = 0
    for i in range(n):
        if k >= len(text):
            break
        c = text[k]
        k += 1
        if 0xD800 <= ord(c) <= 0xDBFF and k < len(text):  # a surrogate pair is one char index
            c += text[k]
            k += 1
        if c.isspace() or c == "\ufffe" or c == "\x00":
            continue
        x0, y0, x1, y1 = textpage.get_charbox(i, loose=True)
        if x1 <= x0 and y1 <= y0:
            continue
        out.append(Ch(c, x0 - left, x1 - left, top - y1, top - y0))
    return out


def _page_rules(page, left: float, top: float, raw) -> list[dict]:
    """Ruling-line candidates (pdfplumber object dicts, top-left origin).

    Walks the page's top-level objects through the raw PDFium API: a WPS page holds
    one text object per character, and wrapping each in a Python object costs more
    than reading the rest of the page.
    """
    out = []
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    fl, fb, fr, ft = (ctypes.c_float() for _ in range(4))
    path_type = raw.FPDF_PAGEOBJ_PATH
    count = raw.FPDFPage_CountObjects(page.raw)
    for k in range(count):
        obj = raw.FPDFPage_GetObject(page.raw, k)
        if raw.FPDFPageObj_GetType(obj) != path_type:
            continue
        if not raw.FPDFPageObj_GetBounds(obj, ctypes.byref(fl), ctypes.byref(fb), ctypes.byref(fr), ctypes.byref(ft)):
            continue
        l, bt, rt, t = fl.value, fb.value, fr.value, ft.value
        w, h = rt - l, t - bt
        if w < 0 or h < 0 or (w < 3 and h < 3):
            continue
        raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
        thin = w < 3 or h < 3
        if not stroke.value:
            if not fill.value or not thin:
                continue  # invisible, or shading rather than a rule
            raw.FPDFPageObj_GetFillColor(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a))
            if (r.value, g.value, b.value) == (255, 255, 255) or a.value == 0:
                continue  # a white background is no line
        elif not thin and raw.FPDFPath_CountSegments(obj) > 6:
            # one path holding many rules (all the borders of a table, say): its
            # straight horizontal and vertical segments are the lines
            out.extend(_segment_rules(obj, left, top, raw))
            continue
        x0, x1 = l - left, rt - left
        tp, bm = top - t, top - bt
        out.append(
            {"object_type": "rect", "x0": x0, "x1": x1, "top": tp, "bottom": bm, "doctop": tp, "width": w, "height": h, "y0": bt, "y1": t}
        )
    return out


def _rule(x0: float, y0: float, x1: float, y1: float, left: float, top: float) -> dict:
    """A rule from (x0, y0) to (x1, y1) in page space, as a pdfplumber object dict."""
    lo, hi = min(x0, x1), max(x0, x1)
    b, t = min(y0, y1), max(y0, y1)
    return {
        "object_type": "rect",
        "x0": lo - left,
        "x1": hi - left,
        "top": top - t,
        "bottom": top - b,
        "doctop": top - t,
        "width": hi - lo,
        "height": t - b,
        "y0": b,
        "y1": t,
    }


def _segment_rules(obj, left: float, top: float, raw, limit: int = 5000) -> list[dict]:
    """The horizontal and vertical straight segments of a path object, in page space."""
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return []
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[dict] = []
    start = prev = None
    for i in range(min(raw.FPDFPath_CountSegments(obj), limit)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        if not seg or not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        pt = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = prev = pt
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
            _add_rule(out, prev, pt, left, top)
        prev = pt
        if raw.FPDFPathSegment_GetClose(seg) and start is not None:
            _add_rule(out, pt, start, left, top)
            prev = start
    return out


def _add_rule(out: list, a: tuple, b: tuple, left: float, top: float) -> None:
    dx, dy = abs(a[0] - b[0]), abs(a[1] - b[1])
    if (dx < 1 and dy >= 3) or (dy < 1 and dx >= 3):
        out.append(_rule(a[0], a[1], b[0], b[1], left, top))


def _grid(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(grid: list[float], v: float) -> int:
    """Index of the grid line nearest to ``v``."""
    i = bisect.bisect_left(grid, v)
    if i == 0:
        return 0
    if i == len(grid):
        return len(grid) - 1
    return i if grid[i] - v < v - grid[i - 1] else i - 1


def _cell_text(chars: list[Ch]) -> str:
    if not chars:
        return ""
    ys = [(c.top + c.bottom) / 2 for c in chars]
    if max(ys) - min(ys) < 0.45 * chars[0].h:  # one line, the usual cell
        return _join(sorted(chars, key=lambda c: c.x0)).strip()
    lines = group_lines(chars)
    parts: list[str] = []
    for ln in lines:
        if parts and parts[-1] and ln.text and not (_CJK.match(parts[-1][-1]) or _CJK.match(ln.text[0])):
            parts.append(" ")
        parts.append(ln.text)
    return "".join(parts).strip()


def build_table(page_no: int, bboxes: list[tuple], chars: list[Ch]) -> tuple[PTable, list[Ch]]:
    """pdfplumber cell boxes of one table + the page's characters → a table with spans
    (a merged cell covers several grid columns/rows) and the characters left over."""
    xs = _grid([c[0] for c in bboxes] + [c[2] for c in bboxes])
    ys = _grid([c[1] for c in bboxes] + [c[3] for c in bboxes])
    boxes = []
    owner: dict[tuple[int, int], int] = {}
    for x0, t, x1, b in bboxes:
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, t), _index(ys, b)
        if c1 > c0 and r1 > r0:
            boxes.append((r0, c0, r1 - r0, c1 - c0, t, b))
    boxes.sort()
    for i, (r0, c0, rs, cs, _, _) in enumerate(boxes):
        for r in range(r0, r0 + rs):
            for c in range(c0, c0 + cs):
                owner.setdefault((r, c), i)
    inside: dict[int, list[Ch]] = {i: [] for i in range(len(boxes))}
    rest = []
    tx0, tt, tx1, tb = xs[0], ys[0], xs[-1], ys[-1]
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        if not (tx0 <= cx <= tx1 and tt <= cy <= tb):
            rest.append(ch)
            continue
        col = min(max(bisect.bisect_right(xs, cx) - 1, 0), len(xs) - 2)
        row = min(max(bisect.bisect_right(ys, cy) - 1, 0), len(ys) - 2)
        i = owner.get((row, col))
        if i is not None:
            inside[i].append(ch)
        # a character inside the table's frame but in no cell goes with the frame
    cells = [Cell(row=r0, col=c0, text=_cell_text(inside[i]), rowspan=rs, colspan=cs) for i, (r0, c0, rs, cs, _, _) in enumerate(boxes)]
    gaps = {}
    for i, (r0, c0, _, _, top, bottom) in enumerate(boxes):
        if inside[i]:
            gaps[(r0, c0)] = (min(c.top for c in inside[i]) - top, bottom - max(c.bottom for c in inside[i]))
    t = PTable(page=page_no, top=tt, bottom=tb, n_rows=len(ys) - 1, n_cols=len(xs) - 1, xs=xs, cells=cells, pages=[page_no], gaps=gaps)
    return t, rest


# --------------------------------------------------------------------------- furniture

_PAGE_NO = re.compile(
    r"^(?:[-—–－一~～\s]*\d{1,4}[-—–－一~～\s]*|第\s*\d+\s*页(?:\s*[,，/／]?\s*共\s*\d+\s*页)?|\d+\s*[/／]\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$",
    re.IGNORECASE,
)


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def drop_furniture(pages: list[list], heights: list[float]) -> None:
    """Remove page numbers and running headers/footers (in place).

    ``pages`` holds each page's items (Line or PTable) top to bottom. Only a line at
    the very top or bottom of a page, in the outer 12 % of its height, is a candidate.
    """

    def edge_lines(items, h):
        lines = [it for it in items if isinstance(it, Line)]
        cands = []
        for ln in lines[:2]:
            if ln.bottom < 0.12 * h and all(not isinstance(it, PTable) or it.top > ln.bottom for it in items):
                cands.append(ln)
        for ln in lines[-2:]:
            if ln.top > 0.88 * h and all(not isinstance(it, PTable) or it.bottom < ln.top for it in items):
                cands.append(ln)
        return cands

    cand = [edge_lines(items, h) for items, h in zip(pages, heights)]
    keys = Counter(k for c in cand for k in {_furniture_key(ln.text) for ln in c})
    n = len(pages)
    repeated = {k for k, v in keys.items() if n >= 3 and v >= max(2, (n + 1) // 2)}
    for items, c in zip(pages, cand):
        for ln in c:
            if _PAGE_NO.match(ln.text.strip()) or _furniture_key(ln.text) in repeated:
                if ln in items:
                    items.remove(ln)


# --------------------------------------------------------------------------- reflow

_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[）)]|\d{1,2}\s*[、.．](?!\d)|第[一二三四五六七八九十]+[部分章节条]|附件|附表)"
)
_SENTENCE_END = re.compile(r"[。！？；：!?;:）)」』”]$")


@dataclass
class Metrics:
    left: float
    right: float
    em: float
    spacing: float


def page_metrics(lines: list[Line], width: float) -> Metrics:
    if not lines:
        return Metrics(0, width, 12, 18)
    ems = Counter(round(ln.h) for ln in lines)
    em = float(ems.most_common(1)[0][0]) or 12.0
    body = [ln for ln in lines if abs(ln.h - em) <= 1.5]
    lefts = Counter(round(ln.x0) for ln in body)
    left = float(min(lefts.most_common(2), key=lambda kv: kv[0])[0]) if lefts else 0.0
    rights = sorted(ln.x1 for ln in body)
    right = rights[int(len(rights) * 0.9)] if rights else width
    gaps = [b.top - a.bottom for a, b in zip(body, body[1:]) if 0 < b.top - a.bottom < 3 * em]
    spacing = sorted(gaps)[len(gaps) // 2] if gaps else em * 0.5
    return Metrics(left, right, em, spacing)


def page_metrics_all(pages: list[list], width: float) -> dict[int, Metrics]:
    """Font size and line spacing over the document; margins per page (odd and even
    pages of a printed report often have mirrored margins)."""
    lines = [it for items in pages for it in items if isinstance(it, Line)]
    g = page_metrics(lines, width)
    out = {}
    for p, items in enumerate(pages, 1):
        pl = [it for it in items if isinstance(it, Line)]
        m = page_metrics(pl, width) if len(pl) >= 6 else g
        out[p] = Metrics(m.left, m.right, g.em, g.spacing)
    return out


_CLOSING = set("。，、；：？！）」』”’》〉】.,;:?!)%")


def _first_token_width(ln: Line) -> float:
    """Width of what the line starts with that could not have been broken: a run of
    Latin letters/digits, or one CJK character with the closing punctuation after it."""
    cs = ln.chars
    if not cs:
        return 0.0
    k = 1
    if _CJK.match(cs[0].c) or cs[0].c in _CLOSING:
        while k < len(cs) and cs[k].c in _CLOSING:
            k += 1
    else:
        while k < len(cs) and not _CJK.match(cs[k].c) and cs[k].x0 - cs[k - 1].x1 < 0.18 * ln.h:
            k += 1
        while k < len(cs) and cs[k].c in _CLOSING:
            k += 1
    return cs[k - 1].x1 - cs[0].x0


def _centred(ln: Line, m: Metrics) -> bool:
    lm = ln.x0 - m.left
    rm = m.right - ln.x1
    return lm > 2 * m.em and rm > 2 * m.em and abs(lm - rm) < 1.5 * m.em


def reflow(lines: list[Line], m: Metrics) -> list[list[Line]]:
    """Lines of a page segment (no table between them) → paragraphs (lists of lines)."""
    paras: list[list[Line]] = []
    cur: list[Line] = []
    for ln in lines:
        if cur:
            prev = cur[-1]
            new = False
            big = max(prev.h, ln.h)
            if abs(ln.h - prev.h) > 0.2 * big and not (_centred(prev, m) and _centred(ln, m)):
                new = True  # a change of font size
            elif ln.top - prev.bottom > max(m.spacing * 1.8, 0.6 * big):
                new = True  # a blank line's worth of space
            elif _centred(prev, m) and _centred(ln, m) and abs(ln.h - prev.h) <= 0.2 * big and prev.h >= m.em * 1.1:
                new = False  # a title over two (centred, large) lines
            elif _centred(prev, m) or _centred(ln, m):
                new = True
            elif prev.gapped or ln.gapped:
                new = True
            elif m.right - prev.x1 > _first_token_width(ln) + 0.6 * m.em:
                new = True  # the next line's first word would have fitted: a paragraph end
            elif ln.x0 > m.left + 0.8 * m.em:
                new = True  # an indented first line
            elif _HEADING.match(ln.text):
                new = True
            if new:
                paras.append(cur)
                cur = []
        cur.append(ln)
    if cur:
        paras.append(cur)
    return paras


def para_text(lines: list[Line]) -> str:
    parts: list[str] = []
    for ln in lines:
        t = ln.text.strip()
        if parts and t:
            a, b = parts[-1][-1], t[0]
            if not (_CJK.match(a) or _CJK.match(b)) and not a == "-":
                parts.append(" ")
        parts.append(t)
    return "".join(parts)


# --------------------------------------------------------------------------- tables across pages


def _column_map(a: PTable, b: PTable, tol: float = 3.0) -> Optional[list[int]]:
    """For a continuation ``b`` of ``a``: the index in ``a``'s column grid of each of
    ``b``'s grid lines, when ``b`` has the same outer frame and every one of its column
    lines is one of ``a``'s (a continuation whose rows merge some columns); else None."""
    if abs(a.xs[0] - b.xs[0]) > tol or abs(a.xs[-1] - b.xs[-1]) > tol:
        return None
    out = []
    for x in b.xs:
        k = _index(a.xs, x)
        if abs(a.xs[k] - x) > tol:
            return None
        out.append(k)
    return out


def _refine(a: PTable, b: PTable) -> bool:
    """When the part on the first page has fewer column lines than its continuation
    (a header alone at the bottom of a page, its cells spanning the data columns),
    put ``a`` on ``b``'s finer column grid; False when the grids do not nest."""
    cols = _column_map(b, a)
    if cols is None:
        return False
    for c in a.cells:
        c0, c1 = cols[c.col], cols[c.col + c.colspan]
        c.col, c.colspan = c0, c1 - c0
    a.gaps = {(r, cols[c]): g for (r, c), g in a.gaps.items()}
    a.xs, a.n_cols = list(b.xs), b.n_cols
    return True


def _rows(t: PTable) -> list[list[str]]:
    g = [[""] * t.n_cols for _ in range(t.n_rows)]
    for c in t.cells:
        g[c.row][c.col] = c.text
    return g


def join_tables(a: PTable, b: PTable, cols: list[int]) -> None:
    """Append ``b`` (the next page's part) to ``a``: drop a repeated header, and
    continue a merged label cell or a row that the page break cut in two."""
    if cols != list(range(len(a.xs))):
        for c in b.cells:
            c0, c1 = cols[c.col], cols[c.col + c.colspan]
            c.col, c.colspan = c0, c1 - c0
        b.n_cols = a.n_cols
    ra, rb = _rows(a), _rows(b)
    skip = 0
    while skip < min(len(ra), len(rb)) - 1 and rb[skip] == ra[skip] and any(rb[skip]):
        skip += 1
    # a's cells reaching its last row, by column
    bottom = {c.col: c for c in a.cells if c.row + c.rowspan == a.n_rows}
    # a row broken by the page: the continuation's first row holds only the rest of
    # text cells (the label's second line), everything else in it empty
    first = [c for c in b.cells if c.row == skip]
    filled = [c for c in first if c.text]
    if (
        filled
        and all(c.rowspan == 1 for c in first)
        and all(
            (up := bottom.get(c.col)) is not None
            and up.colspan == c.colspan
            and up.text
            and not _NUMBER.match(up.text)
            and not _NUMBER.match(c.text)
            for c in filled
        )
    ):
        for c in filled:
            bottom[c.col].text += c.text
        skip += 1
        bottom = {}
    off = a.n_rows - skip
    for c in b.cells:
        if c.row < skip:
            continue
        up = bottom.get(c.col) if c.row == skip else None
        if up is not None and up.colspan == c.colspan and up.text and not _NUMBER.match(up.text):
            if not c.text:
                up.rowspan += c.rowspan  # a merged label cell, its text on the first page
                continue
            ga, gb = a.gaps.get((up.row, up.col)), b.gaps.get((c.row, c.col))
            if not _NUMBER.match(c.text) and ga and gb and ga[1] < ga[0] and gb[0] + _TOP_ALIGNED_PT < gb[1]:
                # a merged label cell whose lines the page break shared out: on the
                # first page its text sits at the bottom, on the next at the top
                up.text += c.text
                up.rowspan += c.rowspan
                continue
        a.cells.append(Cell(row=c.row + off, col=c.col, text=c.text, rowspan=c.rowspan, colspan=c.colspan))
    a.n_rows += b.n_rows - skip
    a.row_places.extend(b.row_places[skip:])
    a.pages.append(b.page)


_NUMBER = re.compile(r"^[-+]?\d[\d,，.]*$")
_TOP_ALIGNED_PT = 15.0
"""Points: how much more space below than above a cell's text means it is top-aligned."""


# --------------------------------------------------------------------------- document


def read_pdf(path: str, data: bytes, limits: Limits) -> Document:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    check_streams(data, limits)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            raise ENCRYPTED from None
        if "security" in msg:
            raise ENCRYPTED from None
        raise _broken() from None
    try:
        n = len(pdf)
        cap = limits.max_pdf_pages
        if n > cap:
            raise _too_many_pages(n, cap)
        if n == 0:
            raise _broken("没有页面")
        pages: list[list] = []
        heights: list[float] = []
        widths: list[float] = []
        ruled: dict[int, list[dict]] = {}
        page_chars: list[list[Ch]] = []
        any_text = False
        images = 0
        for i in range(n):
            try:
                page = pdf[i]
            except pdfium.PdfiumError:
                raise _broken("页面结构无效") from None
            try:
                l, b, r, t = page.get_mediabox()
                heights.append(t - b)
                widths.append(r - l)
                tp = page.get_textpage()
                chars = _page_chars(page, tp, l, t)
                tp.close()
                any_text = any_text or bool(chars)
                if chars:
                    rules = _page_rules(page, l, t, raw)
                    if len(rules) >= 4:
                        ruled[i] = rules
                elif not any_text:
                    images += sum(1 for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))
                page_chars.append(chars)
            finally:
                page.close()
        if not any_text:
            if images:
                raise SCANNED
            raise ReadError("pdf-no-text", "PDF 中没有可读取的文字", "the PDF has no text to read")
        if garbled([c.c for chars in page_chars for c in chars]):
            raise GARBLED
        tables_by_page: dict[int, list[PTable]] = {}
        if ruled:
            found_by_page = _find_tables(pdf, data, ruled)
            for i, found in found_by_page.items():
                chars = page_chars[i]
                tabs = []
                for cells in sorted(found, key=lambda cells: min(c[1] for c in cells)):
                    if len(cells) < 2:
                        continue
                    pt, chars = build_table(i + 1, cells, chars)
                    tabs.append(pt)
                page_chars[i] = chars
                tables_by_page[i] = tabs
        for i, chars in enumerate(page_chars):
            items: list = list(group_lines(chars)) + tables_by_page.get(i, [])
            items.sort(key=lambda it: it.top)
            pages.append(items)
        drop_furniture(pages, heights)
        return _assemble(path, pages, widths and max(widths) or 595.0)
    finally:
        pdf.close()


def _find_tables(pdf, data: bytes, ruled: dict[int, list[dict]]) -> dict[int, list[list[tuple]]]:
    """Cell boxes of each table on the ruled pages, by pdfplumber's table finder.

    The finder is given the ruling lines (``explicit`` strategies), so pdfminer only
    opens the file and its page tree; it never interprets a content stream. pdfminer is
    less forgiving than PDFium of a damaged cross-reference table: when it cannot open
    a file PDFium could, it gets PDFium's re-saved copy (a rebuilt cross-reference).
    """
    import io

    import pdfplumber

    def run(buf: bytes) -> dict[int, list[list[tuple]]]:
        out = {}
        with pdfplumber.open(io.BytesIO(buf)) as plumb:
            for i, rules in ruled.items():
                settings = {
                    "vertical_strategy": "explicit",
                    "horizontal_strategy": "explicit",
                    "explicit_vertical_lines": rules,
                    "explicit_horizontal_lines": rules,
                }
                out[i] = [list(t.cells) for t in plumb.pages[i].find_tables(settings)]
        return out

    try:
        return run(data)
    except Exception:  # noqa: BLE001 - pdfminer raises many types on a damaged file
        pass
    try:
        buf = io.BytesIO()
        pdf.save(buf)
        return run(buf.getvalue())
    except Exception:  # noqa: BLE001
        raise _broken("表格无法读取") from None


def _continues(last: Line, first: Line, metrics: dict[int, Metrics]) -> bool:
    """Does ``first`` (the first line of a page) go on with the paragraph that ``last``
    (the last line of the previous page) was in?"""
    if first.page != last.page + 1 or last.gapped or first.gapped:
        return False
    m, pm = metrics[first.page], metrics[last.page]
    return (
        pm.right - last.x1 <= _first_token_width(first) + 0.6 * pm.em  # the last line was full
        and first.x0 <= m.left + 0.8 * m.em  # the first line is not indented
        and abs(first.h - last.h) <= 0.2 * max(first.h, last.h)
        and not _HEADING.match(first.text)
        and not _SENTENCE_END.search(last.text.strip())
    )


def _assemble(path: str, pages: list[list], width: float) -> Document:
    b = DocumentBuilder(path, "pdf")
    # line numbers per page: text lines and table rows, top to bottom
    for p, items in enumerate(pages, 1):
        no = 0
        for it in items:
            no += 1
            if isinstance(it, Line):
                it.page, it.no = p, no
            else:
                it.line = no
                it.row_places = [(p, no + r) for r in range(it.n_rows)]
                no += it.n_rows - 1
    metrics = page_metrics_all(pages, width)
    out: list = []  # PTable or list[Line] (a paragraph)
    last_table: Optional[PTable] = None
    for p, items in enumerate(pages, 1):
        seg: list[Line] = []
        for k, it in enumerate(items):
            if isinstance(it, Line):
                seg.append(it)
                continue
            out.extend(reflow(seg, metrics[p]))
            seg = []
            prev = out[-1] if out else None
            # a table that goes on at the top of the next page
            if isinstance(prev, PTable) and prev is last_table and k == 0 and prev.pages[-1] == it.page - 1:
                cols = _column_map(prev, it)
                if cols is None and _refine(prev, it):
                    cols = list(range(len(it.xs)))  # prev now has it's column grid
                if cols is not None:
                    join_tables(prev, it, cols)
                    continue
            out.append(it)
            last_table = it
        out.extend(reflow(seg, metrics[p]))
    merged: list = []
    for blk in out:
        if merged and isinstance(blk, list) and isinstance(merged[-1], list) and _continues(merged[-1][-1], blk[0], metrics):
            merged[-1] = merged[-1] + blk
            continue
        merged.append(blk)
    for blk in merged:
        if isinstance(blk, PTable):
            b.table(blk.n_rows, blk.n_cols, blk.cells, line=blk.line, page=blk.page, row_places=blk.row_places)
        else:
            text = para_text(blk)
            if text:
                b.paragraph(text, line=blk[0].no, page=blk[0].page)
    return b.doc
