#!/usr/bin/env python3
"""Build the catalogue of broken and hostile inputs report-lint must answer cleanly.

    python scripts/build_bad_inputs.py [OUT_DIR]      (default: fixtures/bad/)

``build(out_dir)`` returns {case name: path}. The robustness tests call it into a temp
folder; nothing it writes is committed (the files are large or binary, and rebuilding
takes about a second). ``CASES`` says, for every case, what a correct answer is: the
set of acceptable error codes, or ``None`` when the file must be linted (exit 0/1).

Everything is written by hand (zip entries, XML, OLE compound files) so each case is
exactly the damage it is named after, independent of python-docx or zipfile quirks;
only the "truncated" case starts from a real python-docx document, since truncating
something a real tool wrote is the point. Output is deterministic (fixed zip dates).
"""

from __future__ import annotations

import io
import os
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# --------------------------------------------------------------------------- expectations


@dataclass(frozen=True)
class Case:
    codes: Optional[frozenset]
    """Acceptable error codes; None = must be linted (findings or clean, no error)."""
    why: str
    must_say: str = ""
    """A phrase the Chinese message must contain (what the drafter has to do)."""


def _err(*codes: str, why: str, say: str = "") -> Case:
    return Case(frozenset(codes), why, say)


def _ok(why: str) -> Case:
    return Case(None, why)


CASES: dict[str, Case] = {
    "empty.txt": _err("empty-file", why="0-byte text file"),
    "empty.docx": _err("empty-file", why="0-byte .docx"),
    "not-a-zip.docx": _err("corrupt-docx", why=".docx whose bytes are plain text, not a zip"),
    "garbage.docx": _err("corrupt-docx", why=".docx of random binary bytes"),
    "truncated.docx": _err("corrupt-docx", why="first half of a valid python-docx document"),
    "no-document-xml.docx": _err("no-document-xml", why="valid zip with [Content_Types].xml but no word/document.xml"),
    "legacy.doc": _err("legacy-doc", why="Word 97-2003 OLE compound file", say="另存为 .docx"),
    "legacy-doc-renamed.docx": _err("legacy-doc", why="the same .doc renamed to .docx", say="另存为 .docx"),
    "legacy.wps": _err("legacy-wps", why="WPS Office OLE compound file (.wps)", say="另存为 .docx"),
    "legacy-wps-renamed.docx": _err("legacy-wps", "legacy-doc", why="the same .wps renamed to .docx", say="另存为 .docx"),
    "encrypted.docx": _err("encrypted", why="password-protected .docx (OLE: EncryptionInfo + EncryptedPackage)", say="已加密"),
    "encrypted-legacy.doc": _err("encrypted", why=".doc with the FIB fEncrypted bit set", say="已加密"),
    "rtf-as.doc": _err("rtf", why="RTF saved with a .doc extension", say="另存为 .docx"),
    "rtf-as.docx": _err("rtf", why="RTF saved with a .docx extension", say="另存为 .docx"),
    "html-as.docx": _ok("a web page saved as .docx: read as HTML by content"),
    "pdf-as.docx": _err("pdf", why="a PDF renamed to .docx"),
    "zip-bomb.docx": _err("zip-bomb", why="document.xml: 320 MB of one character, deflated to ~300 KB"),
    "zip-bomb-declared.docx": _err("zip-bomb", why="central directory declares a 1 GiB document.xml"),
    "zip-bomb-lying.docx": _err(
        "zip-bomb", "corrupt-docx", why="central directory declares 4 KB, the deflate stream inflates to 320 MB"
    ),
    "billion-laughs.docx": _err("unsafe-xml", why="document.xml with nested entity definitions (billion laughs)"),
    "xxe-file.docx": _err("unsafe-xml", why="external entity pointing at a local sentinel file"),
    "xxe-http.docx": _err("unsafe-xml", why="external entity pointing at a local http server"),
    "xxe-styles.docx": _err("unsafe-xml", why="external entity in styles.xml, not in the main part"),
    "xxe-parameter.docx": _err("unsafe-xml", why="external parameter entity (DTD fetch) in document.xml"),
    "paragraphs-100k.docx": _ok("100,000 paragraphs"),
    "table-1000-cols.docx": _ok("one table 1,000 columns wide"),
    "tables-nested-50.docx": _err("too-deep", why="tables nested 50 levels deep"),
    "xml-nested-deep.docx": _err("too-deep", "corrupt-docx", why="10,000 nested w:sdt elements"),
    "gbk.txt": _ok("a report in GBK"),
    "utf16-bom.txt": _ok("a report in UTF-16 LE with BOM"),
    "nul-bytes.txt": _ok("text with NUL bytes between lines"),
    "line-10mb.txt": _ok("a single 10 MB line"),
    "invalid-utf8.txt": _ok("UTF-8 with invalid byte sequences"),
    "control-chars.txt": _ok("C0/C1 control characters, bidi overrides, lone surrogate escapes"),
    "symlink-loop": _ok("folder containing a symlink to itself and a good report"),
    "odd-names": _ok("folder of files named with spaces, Chinese characters and a newline"),
    "does-not-exist.docx": _err("not-found", why="a path that does not exist"),
    "folder.docx": _err("is-directory", "no-files", why="an empty folder named like a file"),
    "fifo.txt": _err("not-a-file", why="a named pipe (reading it would block forever)"),
    "dangling-link.docx": _err("not-found", why="a symlink to a file that does not exist"),
}

# --------------------------------------------------------------------------- helpers

REPORT_LINES = [
    "石嘴山市司法局2018年政府信息公开工作年度报告",
    "一、总体情况",
    "2018年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息1015条。",
    "二、主动公开政府信息情况",
    "通过政府网站公开政府信息597条。",
    "三、依申请公开政府信息情况",
    "本年度未收到政府信息公开申请。",
    "四、政府信息公开的收费及减免情况",
    "未收取任何费用。",
    "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
    "无。",
    "六、存在的主要问题及改进情况",
    "公开内容不够丰富，下一步将加强。",
]


def _xml_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{_xml_text(text)}</w:t></w:r></w:p>'


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
DOC_RELS_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>'
)


def document_xml(body: str, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        + prolog
        + f'<w:document xmlns:w="{W_NS}"><w:body>'
        + body
        + "</w:body></w:document>"
    ).encode("utf-8")


def zip_bytes(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = compression
            zf.writestr(info, data)
    return buf.getvalue()


def docx_bytes(body: str, extra: Optional[dict[str, bytes]] = None, prolog: str = "") -> bytes:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES.encode(),
        "_rels/.rels": PACKAGE_RELS.encode(),
        "word/document.xml": document_xml(body, prolog),
    }
    parts.update(extra or {})
    return zip_bytes(parts)


def report_body() -> str:
    return "".join(_para(x) for x in REPORT_LINES)


def python_docx_bytes() -> bytes:
    """A real python-docx document (what a drafter's tool writes), deterministic."""
    import datetime as dt

    import docx

    d = docx.Document()
    for line in REPORT_LINES:
        d.add_paragraph(line)
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["统计指标", "单位", "统计数"], ["主动公开政府信息数", "条", "1015"], ["收到申请数", "件", "0"]]):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    cp = d.core_properties
    cp.created = cp.modified = dt.datetime(2020, 1, 1)
    cp.last_modified_by = cp.author = "report-lint"
    buf = io.BytesIO()
    d.save(buf)
    # Re-zip with fixed timestamps so the catalogue is byte-identical across builds.
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    return zip_bytes({i.filename: src.read(i) for i in src.infolist()})


# --------------------------------------------------------------------------- OLE (CFB)

_SECTOR = 512
_ENDOFCHAIN = 0xFFFFFFFE
_FREESECT = 0xFFFFFFFF
_FATSECT = 0xFFFFFFFD
_NOSTREAM = 0xFFFFFFFF


def _cfb_less(a: str, b: str) -> bool:
    # CFB orders siblings by name length first, then by upper-cased name.
    return (len(a), a.upper()) < (len(b), b.upper())


def cfb_bytes(streams: dict[str, bytes]) -> bytes:
    """A minimal, valid compound file (version 3, 512-byte sectors).

    Every stream is padded to at least 4096 bytes (the mini-stream cutoff), so no
    mini FAT / mini stream is needed. All streams live directly under the root.
    """
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    data = {n: streams[n] + b"\0" * max(0, 4096 - len(streams[n])) for n in names}
    n_stream_sectors = {n: -(-len(data[n]) // _SECTOR) for n in names}
    n_entries = 1 + len(names)
    n_dir = -(-n_entries // 4)
    content = n_dir + sum(n_stream_sectors.values())
    n_fat = 1
    while n_fat * 128 < content + n_fat:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("too large for a header-only DIFAT")
    fat: list[int] = [_FATSECT] * n_fat
    dir_start = len(fat)
    fat += [len(fat) + i + 1 for i in range(n_dir - 1)] + [_ENDOFCHAIN]
    starts = {}
    for n in names:
        k = n_stream_sectors[n]
        starts[n] = len(fat)
        fat += [len(fat) + i + 1 for i in range(k - 1)] + [_ENDOFCHAIN]
    fat += [_FREESECT] * (n_fat * 128 - len(fat))

    # Balanced binary tree over the sorted names (all black: readers do not check colours).
    left = {}
    right = {}

    def tree(lo: int, hi: int) -> int:
        if lo >= hi:
            return _NOSTREAM
        mid = (lo + hi) // 2
        left[mid] = tree(lo, mid)
        right[mid] = tree(mid + 1, hi)
        return mid + 1  # directory id (0 is the root entry)

    root_child = tree(0, len(names))

    def entry(name: str, typ: int, lft: int, rgt: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        assert len(raw) <= 64
        return (
            raw.ljust(64, b"\0")
            + struct.pack("<HBB", len(raw), typ, 1)
            + struct.pack("<III", lft, rgt, child)
            + b"\0" * 16
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )

    dirs = [entry("Root Entry", 5, _NOSTREAM, _NOSTREAM, root_child, _ENDOFCHAIN, 0)]
    for i, n in enumerate(names):
        dirs.append(entry(n, 2, left[i], right[i], _NOSTREAM, starts[n], len(streams[n]) if len(streams[n]) >= 4096 else 4096))
    empty = b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", _NOSTREAM, _NOSTREAM, _NOSTREAM) + b"\0" * 48
    while len(dirs) % 4:
        dirs.append(empty)

    header = bytearray(_SECTOR)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, n_fat, dir_start, 0, 4096, _ENDOFCHAIN, 0, _ENDOFCHAIN, 0)
    difat = list(range(n_fat)) + [_FREESECT] * (109 - n_fat)
    struct.pack_into("<109I", header, 76, *difat)

    out = bytearray(header)
    out += struct.pack(f"<{len(fat)}I", *fat)
    out += b"".join(dirs)
    for n in names:
        out += data[n].ljust(n_stream_sectors[n] * _SECTOR, b"\0")
    return bytes(out)


def word_fib(encrypted: bool = False) -> bytes:
    """The start of a WordDocument stream: FibBase (wIdent, nFib, unused, lid, pnNext, flags)."""
    flags = 0x0200  # fExtChar
    if encrypted:
        flags |= 0x0100  # fEncrypted
    fib = struct.pack("<HHHHHH", 0xA5EC, 0x00C1, 0, 0x0804, 0, flags)
    text = "政府信息公开工作年度报告".encode("utf-16-le")
    return (fib + b"\0" * (0x200 - len(fib)) + text).ljust(8192, b"\0")


# --------------------------------------------------------------------------- bombs


def _deflate_repeated(prefix: bytes, unit: bytes, count: int, suffix: bytes) -> tuple[bytes, int, int]:
    """(raw deflate stream, crc32, size) of prefix + unit*count + suffix, built in chunks."""
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    crc = zlib.crc32(prefix)
    out = [co.compress(prefix)]
    chunk = unit * (1 << 20)
    left = count
    while left > 0:
        n = min(left, 1 << 20)
        piece = chunk if n == 1 << 20 else unit * n
        crc = zlib.crc32(piece, crc)
        out.append(co.compress(piece))
        left -= n
    crc = zlib.crc32(suffix, crc)
    out.append(co.compress(suffix))
    out.append(co.flush())
    return b"".join(out), crc & 0xFFFFFFFF, len(prefix) + len(unit) * count + len(suffix)


def raw_zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip from (name, deflated data, crc, real size, size to declare) — sizes may lie."""
    out = bytearray()
    central = bytearray()
    dostime = (ZIP_DATE[3] << 11) | (ZIP_DATE[4] << 5) | (ZIP_DATE[5] // 2)
    dosdate = ((ZIP_DATE[0] - 1980) << 9) | (ZIP_DATE[1] << 5) | ZIP_DATE[2]
    for name, comp, crc, _real, declared in entries:
        nb = name.encode()
        off = len(out)
        out += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, dostime, dosdate, crc, len(comp), declared, len(nb), 0)
        out += nb + comp
        central += struct.pack(
            "<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 8, dostime, dosdate, crc, len(comp), declared, len(nb), 0, 0, 0, 0, 0, off
        )
        central += nb
    cd_off = len(out)
    out += central
    out += struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), cd_off, 0)
    return bytes(out)


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    comp = co.compress(data) + co.flush()
    return comp, zlib.crc32(data) & 0xFFFFFFFF, len(data)


_BOMB_CACHE: dict[int, tuple[bytes, int, int]] = {}


def zip_bomb(declared_size: Optional[int] = None, megabytes: int = 320) -> bytes:
    if megabytes not in _BOMB_CACHE:
        prefix = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode()
        suffix = b"</w:t></w:r></w:p></w:body></w:document>"
        _BOMB_CACHE[megabytes] = _deflate_repeated(prefix, b"A", megabytes << 20, suffix)
    comp, crc, size = _BOMB_CACHE[megabytes]
    entries = []
    for name, raw in (("[Content_Types].xml", CONTENT_TYPES.encode()), ("_rels/.rels", PACKAGE_RELS.encode())):
        c, cc, n = _deflated(raw)
        entries.append((name, c, cc, n, n))
    entries.append(("word/document.xml", comp, crc, size, size if declared_size is None else declared_size))
    return raw_zip(entries)


def zip_declared_huge() -> bytes:
    """Small real content, but the central directory claims document.xml is 1 GiB."""
    raw = document_xml(report_body())
    entries = []
    for name, data in (("[Content_Types].xml", CONTENT_TYPES.encode()), ("_rels/.rels", PACKAGE_RELS.encode()), ("word/document.xml", raw)):
        c, cc, n = _deflated(data)
        entries.append((name, c, cc, n, (1 << 30) if name == "word/document.xml" else n))
    return raw_zip(entries)


# --------------------------------------------------------------------------- documents


def billion_laughs() -> bytes:
    ents = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
    prolog = "<!DOCTYPE w:document [" + "".join(ents) + "]>"
    return docx_bytes(_para("标题") + "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", prolog=prolog)


def xxe(target: str, in_styles: bool = False, parameter: bool = False) -> bytes:
    if parameter:
        prolog = f'<!DOCTYPE w:document [<!ENTITY % ext SYSTEM "{target}"> %ext;]>'
        return docx_bytes(report_body(), prolog=prolog)
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{target}">]>'
    leak = "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>"
    if not in_styles:
        return docx_bytes(_para(REPORT_LINES[0]) + leak + report_body(), prolog=prolog)
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        + prolog.replace("w:document", "w:styles")
        + f'<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:styleId="a"><w:name w:val="&xxe;"/></w:style></w:styles>'
    ).encode()
    body = f'<w:p><w:pPr><w:pStyle w:val="a"/></w:pPr><w:r><w:t>{REPORT_LINES[0]}</w:t></w:r></w:p>' + report_body()
    return docx_bytes(body, {"word/styles.xml": styles, "word/_rels/document.xml.rels": DOC_RELS_STYLES.encode()})


def many_paragraphs(n: int = 100_000) -> bytes:
    body = [_para(x) for x in REPORT_LINES]
    body += [_para(f"第{i}段：本机关主动公开政府信息{i % 997}条，其中规范性文件{i % 13}件。") for i in range(n - len(body))]
    return docx_bytes("".join(body))


def wide_table(cols: int = 1000, rows: int = 3) -> bytes:
    grid = "<w:tblGrid>" + '<w:gridCol w:w="10"/>' * cols + "</w:tblGrid>"
    trs = []
    for r in range(rows):
        tcs = "".join(f"<w:tc><w:p><w:r><w:t>{r * cols + c}</w:t></w:r></w:p></w:tc>" for c in range(cols))
        trs.append(f"<w:tr>{tcs}</w:tr>")
    return docx_bytes(report_body() + f"<w:tbl>{grid}{''.join(trs)}</w:tbl>")


def nested_tables(depth: int = 50) -> bytes:
    inner = _para("最里层")
    for d in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{_para(f'第{depth - d}层')}{inner}</w:tc></w:tr></w:tbl><w:p/>"
    return docx_bytes(report_body() + inner)


def nested_xml(depth: int = 10_000) -> bytes:
    body = "<w:sdt><w:sdtContent>" * depth + _para("深") + "</w:sdtContent></w:sdt>" * depth
    return docx_bytes(report_body() + body)


def report_text() -> str:
    return "\n".join(REPORT_LINES) + "\n"


# --------------------------------------------------------------------------- build


def build(out_dir, xxe_url: str = "http://127.0.0.1:9/xxe", sentinel: Optional[Path] = None) -> dict[str, Path]:
    """Write every case of ``CASES`` into ``out_dir``; return {name: path}.

    ``xxe_url`` is what the HTTP external entity points at (tests run a local server
    there and assert it gets no request); ``sentinel`` is the local file the file-XXE
    case points at (default: ``out_dir/sentinel.txt``, created with a unique marker).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}

    def put(name: str, data: bytes) -> Path:
        p = out / name
        p.write_bytes(data)
        paths[name] = p
        return p

    if sentinel is None:
        sentinel = out / "sentinel.txt"
        sentinel.write_text("REPORT-LINT-XXE-SENTINEL-7f3a9c\n", encoding="utf-8")

    text = report_text()
    put("empty.txt", b"")
    put("empty.docx", b"")
    put("not-a-zip.docx", text.encode("utf-8"))
    put("garbage.docx", bytes((i * 7919 + 13) % 251 for i in range(8192)))
    good = python_docx_bytes()
    put("truncated.docx", good[: len(good) // 2])
    put("no-document-xml.docx", zip_bytes({"[Content_Types].xml": CONTENT_TYPES.encode(), "_rels/.rels": PACKAGE_RELS.encode()}))

    doc = cfb_bytes({"WordDocument": word_fib(), "1Table": b"\0" * 4096, "\x05SummaryInformation": b"\0" * 4096})
    put("legacy.doc", doc)
    put("legacy-doc-renamed.docx", doc)
    wps = cfb_bytes({"WordDocument": word_fib(), "1Table": b"\0" * 4096, "WpsCustomData": b"WPS Office".ljust(4096, b"\0")})
    put("legacy.wps", wps)
    put("legacy-wps-renamed.docx", wps)
    enc_info = struct.pack("<HHI", 4, 4, 0x40) + b"<?xml version=\"1.0\"?><encryption/>"
    put(
        "encrypted.docx",
        cfb_bytes({"EncryptionInfo": enc_info, "EncryptedPackage": struct.pack("<Q", 8192) + b"\x5a" * 8192}),
    )
    put("encrypted-legacy.doc", cfb_bytes({"WordDocument": word_fib(encrypted=True), "1Table": b"\0" * 4096}))

    rtf = ("{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0 SimSun;}}\\f0 " + "\\par ".join(REPORT_LINES) + "}").encode("gbk")
    put("rtf-as.doc", rtf)
    put("rtf-as.docx", rtf)
    html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>年报</title></head><body>" + "".join(
        f"<p>{_xml_text(x)}</p>" for x in REPORT_LINES
    ) + "</body></html>"
    put("html-as.docx", html.encode("utf-8"))
    put("pdf-as.docx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    put("zip-bomb.docx", zip_bomb())
    put("zip-bomb-declared.docx", zip_declared_huge())
    put("zip-bomb-lying.docx", zip_bomb(declared_size=4096))
    put("billion-laughs.docx", billion_laughs())
    put("xxe-file.docx", xxe(Path(sentinel).resolve().as_uri()))
    put("xxe-http.docx", xxe(xxe_url))
    put("xxe-styles.docx", xxe(Path(sentinel).resolve().as_uri(), in_styles=True))
    put("xxe-parameter.docx", xxe(xxe_url, parameter=True))
    put("paragraphs-100k.docx", many_paragraphs())
    put("table-1000-cols.docx", wide_table())
    put("tables-nested-50.docx", nested_tables())
    put("xml-nested-deep.docx", nested_xml())

    put("gbk.txt", text.encode("gbk"))
    put("utf16-bom.txt", b"\xff\xfe" + text.encode("utf-16-le"))
    put("nul-bytes.txt", text.replace("\n", "\n\0\0").encode("utf-8"))
    put("line-10mb.txt", ("本机关主动公开政府信息。" * (10 * (1 << 20) // 36)).encode("utf-8") + b"\n")
    put("invalid-utf8.txt", text.encode("utf-8")[:40] + b"\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x90\x28\xbc" + text.encode("utf-8")[40:])
    put("control-chars.txt", (REPORT_LINES[0] + "\x01\x02\x1b[31m\x7f\x85\u202e反转\u202c\ufeff\n" + text).encode("utf-8"))

    loop = out / "symlink-loop"
    loop.mkdir(exist_ok=True)
    (loop / "report.txt").write_text(text, encoding="utf-8")
    link = loop / "self"
    if not link.is_symlink():
        link.symlink_to(".", target_is_directory=True)
    link2 = loop / "parent-loop"
    if not link2.is_symlink():
        link2.symlink_to("..", target_is_directory=True)
    paths["symlink-loop"] = loop

    odd = out / "odd-names"
    odd.mkdir(exist_ok=True)
    for name in ("with space.txt", "政府信息公开年报.txt", "new\nline.txt", "tab\tand 空格 .docx"):
        p = odd / name
        if name.endswith(".docx"):
            p.write_bytes(good)
        else:
            p.write_text(text, encoding="utf-8")
    paths["odd-names"] = odd

    paths["does-not-exist.docx"] = out / "does-not-exist.docx"
    folder = out / "folder.docx"
    folder.mkdir(exist_ok=True)
    paths["folder.docx"] = folder
    fifo = out / "fifo.txt"
    if not fifo.exists() and hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
    paths["fifo.txt"] = fifo
    dangling = out / "dangling-link.docx"
    if not dangling.is_symlink():
        dangling.symlink_to(out / "nowhere" / "gone.docx")
    paths["dangling-link.docx"] = dangling

    missing = set(CASES) - set(paths)
    assert not missing, missing
    return paths


def good_inputs(out_dir) -> dict[str, Path]:
    """Files that must lint without error (for batches mixing good and bad files)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    res = {}
    for name, data in (("good.docx", python_docx_bytes()), ("good.txt", report_text().encode("utf-8"))):
        p = out / name
        p.write_bytes(data)
        res[name] = p
    return res


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "fixtures" / "bad"
    paths = build(out)
    for name, p in paths.items():
        try:
            size = p.stat().st_size if p.is_file() and not p.is_symlink() else "-"
        except OSError:
            size = "-"
        print(f"{name}\t{size}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
