"""Plain-text and markdown reports.

Text arrives from many places: a drafter's "save as text", a crawler's page text, a
PDF-to-markdown conversion. So the reader is forgiving:

* decoding: UTF-8 (with or without BOM), UTF-16/32 with BOM (and BOM-less UTF-16 when
  the NUL pattern is unmistakable), legacy GBK files via GB18030, and as a last resort
  UTF-8 with replacement characters plus an ``encoding-replaced`` notice;
* blocks: every non-empty line is a paragraph; consecutive lines with TABs form a
  table, as do markdown pipe tables; ``#`` heading markers and ``**`` emphasis are
  stripped (the heading depth is kept as ``outline_level``);
* long run-together lines are cut before their headings (see ``segment.py``).
"""

from __future__ import annotations

import codecs
import re
from typing import Optional

from report_lint.model.document import Document, DocumentBuilder, table_from_rows
from report_lint.read.errors import Limits, ReadError
from report_lint.read.furniture import furniture_lines, is_site_chrome
from report_lint.read.segment import LONG_LINE_CHARS, SEGMENT_MIN_CHARS, Segmenter, line_start_headings

_MD_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_PIPE_SEP_CELL = re.compile(r"^:?-+:?$")
_BR_TAG = re.compile(r"<br\s*/?>", re.I)
_LEADING_WS = " \t\u3000"
_AMBIGUOUS_ROW_MAX = 50
_SENTENCE_END = re.compile(r"[。；！？]")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_bom(data: bytes) -> Optional[tuple[str, str, bool]]:
    """(text, encoding, replaced?) when the bytes start with a Unicode BOM, else None.
    A BOM states the encoding outright, so it wins over every guess (shared with the HTML reader)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(enc), enc, False
            except UnicodeDecodeError:
                return body.decode(enc, errors="replace"), enc, True
    return None


def decode_text(data: bytes) -> tuple[str, str, bool]:
    """Return (text, encoding name, replaced?) for the bytes of a text file."""
    by_bom = decode_bom(data)
    if by_bom is not None:
        return by_bom
    guess = _bomless_utf16(data)
    if guess:
        try:
            return data.decode(guess), guess, False
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030", False
    except UnicodeDecodeError:
        pass
    return data.decode("utf-8", errors="replace"), "utf-8", True


def _bomless_utf16(data: bytes) -> Optional[str]:
    # ASCII-heavy UTF-16 has a NUL in every other byte; real text in 8-bit encodings
    # has almost none, so a lopsided NUL pattern is a reliable signal.
    sample = data[:4096]
    n = len(sample) // 2
    if n < 8 or len(data) % 2:
        return None
    even = sample[0 : 2 * n : 2].count(0)
    odd = sample[1 : 2 * n : 2].count(0)
    if odd > 0.3 * n and even < 0.02 * n:
        return "utf-16-le"
    if even > 0.3 * n and odd < 0.02 * n:
        return "utf-16-be"
    return None


def _clean(text: str) -> str:
    return text.replace("**", "").strip()


def _heading(line: str, md: bool) -> Optional[tuple[int, str]]:
    """(depth, title) of an ATX heading line, else None. In .txt the "#" needs a
    following space (a stray "#" is text there); in .md it does not, because Chinese
    authors often write "#一、总体情况". Parsed by hand: no regex backtracking over
    long whitespace runs."""
    s = line.lstrip(" \t")
    if not s.startswith("#") or len(line) - len(s) > 3:
        return None
    depth = len(s) - len(s.lstrip("#"))
    if depth > 6:
        return None
    rest = s[depth:]
    if rest[:1] not in (" ", "\t") and (not md or not rest.strip()):
        return None
    rest = rest.strip(" \t")
    closing = rest.rstrip("#")
    if closing != rest and (not closing or closing[-1] in " \t"):
        rest = closing.rstrip(" \t")  # optional closing "##"
    return depth, rest


def _is_hrule(line: str) -> bool:
    s = line.replace(" ", "").replace("\t", "")
    return len(s) >= 3 and s[0] in "-*_" and s == s[0] * len(s)


def _line_text(line: str, md: bool) -> str:
    h = _heading(line, md)
    return _clean(h[1]) if h else _clean(line)


def _pipe_cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [_clean(_BR_TAG.sub("\n", c).replace("\\|", "|")) for c in _PIPE_SPLIT.split(s)]


def _is_pipe_separator(cells: list[str]) -> bool:
    return bool(cells) and all(_PIPE_SEP_CELL.match(c.replace(" ", "")) for c in cells)


def _tab_cells(line: str) -> list[str]:
    cells = [_clean(c) for c in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _run_together(line: str) -> bool:
    """A long line holding sentences and tabs is a whole report (or several paragraphs and
    tables) whose line breaks were lost, not one table row: a row's cells are short."""
    if len(line) < SEGMENT_MIN_CHARS:
        return False
    longest = max(len(c) for c in line.split("\t"))
    return longest >= SEGMENT_MIN_CHARS or len(_SENTENCE_END.findall(line)) >= 3


def _classify(line: str) -> str:
    """'blank', 'tab' (definite table row), 'lead' (only indentation tabs), 'pipe', 'flat'
    (run-together text with tabs) or 'text'."""
    s = line.strip()
    if not s:
        return "blank"
    if s.startswith("|") and s.count("|") >= 2:
        return "pipe"
    if "\t" in line:
        if _run_together(s):
            return "flat"
        return "tab" if "\t" in line.lstrip(_LEADING_WS) else "lead"
    return "text"


def _line_kinds(lines: list[str]) -> tuple[list[str], set[int], int]:
    """The kind of every line ('blank', 'tab', 'pipe', 'text', 'furniture'), the furniture
    lines, and how many long tab lines were run-together text (their tabs become spaces in
    ``lines``)."""
    kinds = [_classify(ln) for ln in lines]
    # Page numbers, running titles (PDF-to-text) and a web page's chrome are not the report's
    # text: they neither become paragraphs nor split the table they were printed into.
    furniture = furniture_lines(lines)
    furniture.update(i for i, (ln, k) in enumerate(zip(lines, kinds)) if k == "text" and is_site_chrome(ln))
    for i in furniture:
        kinds[i] = "furniture"
    # An indented line next to a table row is a row with empty leading cells
    # ("\t\t自然人"); elsewhere it is an indented paragraph.
    for i, k in enumerate(kinds):
        if k == "lead" and len(lines[i].strip()) <= _AMBIGUOUS_ROW_MAX:
            if (i > 0 and kinds[i - 1] == "tab") or (i + 1 < len(kinds) and kinds[i + 1] == "tab"):
                kinds[i] = "tab-lead"
    kinds = ["tab" if k == "tab-lead" else ("text" if k == "lead" else k) for k in kinds]
    flat = 0
    for i, k in enumerate(kinds):
        if k == "flat":
            lines[i] = lines[i].replace("\t", " ")
            kinds[i] = "text"
            flat += 1
    return kinds, furniture, flat


def _next_kinds(kinds: list[str]) -> list[str]:
    """For every line, the kind of the first line from it on that is neither furniture nor
    blank ("" at the end): a furniture line inside a run of table rows, with rows after it,
    does not end the table. One backward pass (no rescanning per line)."""
    out = [""] * len(kinds)
    nxt = ""
    for j in range(len(kinds) - 1, -1, -1):
        if kinds[j] not in ("furniture", "blank"):
            nxt = kinds[j]
        out[j] = nxt
    return out


def read_text(path: str, data: bytes, limits: Limits) -> Document:
    lower = path.lower()
    md = lower.endswith(_MD_SUFFIXES)
    b = DocumentBuilder(path, "md" if md else "txt")
    text, encoding, replaced = decode_text(data)
    b.doc.properties["encoding"] = encoding
    if replaced:
        b.notice("encoding-replaced", detail=f"{text.count(chr(0xFFFD))} × U+FFFD, {encoding}", count=text.count("\ufffd"))
    nul = text.count("\x00")
    if nul:
        text = text.replace("\x00", "")
        b.notice("nul-bytes", detail=f"{nul} NUL", count=nul)

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kinds, furniture, flat = _line_kinds(lines)
    next_kinds = _next_kinds(kinds) if furniture else kinds
    uncut = 0

    seg = Segmenter(line_headings=line_start_headings([_line_text(ln, md) for ln, k in zip(lines, kinds) if k == "text"]))
    n = len(lines)
    i = 0
    while i < n:
        if len(b.doc.blocks) >= limits.max_blocks:
            raise ReadError(
                "too-many-blocks",
                f"文件段落和表格过多（超过 {limits.max_blocks} 个），无法检查",
                f"the document has more than {limits.max_blocks} paragraphs and tables",
            )
        k = kinds[i]
        if k in ("blank", "furniture"):
            i += 1
            continue
        if k in ("tab", "pipe"):
            j = i
            while j < n and (kinds[j] == k or (kinds[j] == "furniture" and next_kinds[j] == k)):
                j += 1
            body = [x for x in range(i, j) if kinds[x] == k]
            if k == "tab":
                rows = [_tab_cells(lines[x]) for x in body]
            else:
                rows = [c for c in (_pipe_cells(lines[x]) for x in body) if not _is_pipe_separator(c)]
            if rows:
                r, c, cells = table_from_rows(rows)
                b.table(r, c, cells, line=i + 1)
            i = j
            continue
        raw = lines[i]
        line_no = i + 1
        i += 1
        if md and _is_hrule(raw):
            continue
        h = _heading(raw, md)
        if h and len(h[1]) < SEGMENT_MIN_CHARS:
            depth, title = h[0], _clean(h[1])
            if title:
                b.paragraph(title, style=f"Heading {depth}", outline_level=depth - 1, line=line_no)
                seg.observe(title)
            continue
        # A "#" line this long is a whole text run together after its first heading marker.
        para = _clean(h[1]) if h else _clean(raw)
        if not para:
            continue
        pieces = seg.split(para)
        if len(pieces) == 1:
            b.paragraph(para, line=line_no)
            uncut += len(para) >= LONG_LINE_CHARS
            continue
        for p in pieces:
            t = para[p.start : p.end].strip()
            if t:
                b.paragraph(t, line=line_no)
    if furniture:
        b.notice(
            "page-furniture",
            detail=f"{len(furniture)} page number / running title / site navigation line(s) left out",
            count=len(furniture),
        )
    if uncut:
        # A line this long lost its line breaks even where no heading could be cut out of it.
        b.notice("run-together-text", detail=f"{uncut} long line(s) without headings to cut at", count=uncut)
    if flat:
        b.notice("run-together-text", detail=f"{flat} long line(s) with tabs read as run-together text", count=flat)
    if seg.lines_cut:
        b.notice(
            "run-together-text",
            detail=f"{seg.lines_cut} long line(s) split into paragraphs before their headings",
            count=seg.lines_cut,
        )
    return b.doc
