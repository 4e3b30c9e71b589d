#!/usr/bin/env python3
"""Build the catalogue of broken and hostile inputs report-lint must answer cleanly.

    python scripts/build_bad_inputs.py [OUT_DIR]      (default: fixtures/bad/)

``build(out_dir)`` returns {case name: path}. The robustness tests call it into a temp
folder; nothing it writes is committed (the files are large or binary, and rebuilding
takes about a second). ``CASES`` says, for every case, what a correct answer is: the
set of acceptable error codes, or ``None`` when the file must be linted (exit 0/1).

Everything is written by hand (zip entries, XML, OLE compound files) so each case is
exactly the damage it is named after, independent of python-docx or zipfile quirks;
only the "truncated" cases start from a real document (python-docx's, and LibreOffice's
PDF in fixtures/pdf/), since truncating something a real tool wrote is the point. PDFs
are written object by object, the encrypted ones with the standard security handler. Output is deterministic (fixed zip dates).
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
    "pdf-as.docx": _err("pdf-damaged", why="a broken PDF (no pages) renamed to .docx: read as PDF by content"),
    "pdf-encrypted.pdf": _err("pdf-encrypted", why="PDF with a password to open (standard handler, RC4 40-bit)", say="密码"),
    "pdf-permissions-only.pdf": _ok("PDF with an owner password only (printing/copying restricted): readable"),
    "pdf-scanned.pdf": _err("pdf-scanned", why="a page holding only an image: a scan without text", say="扫描件"),
    "pdf-no-text.pdf": _err("pdf-no-text", why="a page with neither text nor images"),
    "pdf-truncated.pdf": _err("pdf-damaged", why="first half of fixtures/pdf/filled-2021-clean.pdf"),
    "pdf-header-only.pdf": _err("pdf-damaged", why="a PDF header and half an object, nothing else"),
    "pdf-flate-bomb.pdf": _err("pdf-bomb", why="content stream: 300 MB of spaces deflated to ~300 KB"),
    "pdf-flate-bomb-double.pdf": _err("pdf-bomb", why="the same stream deflated twice (filter chain): a 1.4 KB file"),
    "pdf-page-tree-loop.pdf": _err("pdf-damaged", why="the page tree lists itself (and a node pointing back) as kids"),
    "pdf-5000-pages.pdf": _err("pdf-too-many-pages", why="5,000 pages (they share one content stream: 800 KB)"),
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


# --------------------------------------------------------------------------- PDF


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


_PDF_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_PDF_ID = bytes(range(16))


def _pdf_pw(pw: bytes) -> bytes:
    return (pw + _PDF_PAD)[:32]


def pdf_bytes(objects: dict[int, bytes], root: int = 1, encrypt: Optional[tuple[bytes, bytes, int]] = None) -> bytes:
    """A PDF from numbered object bodies (``b"<<...>>"`` or ``b"<<...>>stream\\n...\\nendstream"``).

    ``encrypt=(user_password, owner_password, permissions)`` applies the standard
    security handler, revision 2 (40-bit RC4), to every stream: the oldest scheme
    every reader supports, enough to say "this PDF has a password".
    """
    import hashlib

    trailer = f"/Size {max(objects) + 1} /Root {root} 0 R /ID [<{_PDF_ID.hex()}> <{_PDF_ID.hex()}>]".encode()
    objs = dict(objects)
    if encrypt is not None:
        user, owner, perms = encrypt
        okey = hashlib.md5(_pdf_pw(owner or user)).digest()[:5]
        o = _rc4(okey, _pdf_pw(user))
        key = hashlib.md5(_pdf_pw(user) + o + struct.pack("<i", perms) + _PDF_ID).digest()[:5]
        u = _rc4(key, _PDF_PAD)
        for num, body in objs.items():
            if b"stream\n" in body:
                head, _, rest = body.partition(b"stream\n")
                data = rest.rsplit(b"\nendstream", 1)[0]
                okey2 = hashlib.md5(key + struct.pack("<i", num)[:3] + b"\0\0").digest()[:10]
                enc = _rc4(okey2, data)
                head = head.replace(b"/Length %d" % len(data), b"/Length %d" % len(enc))
                objs[num] = head + b"stream\n" + enc + b"\nendstream"
        enc_num = max(objs) + 1
        objs[enc_num] = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (o.hex().encode(), u.hex().encode(), perms)
        trailer = f"/Size {enc_num + 1} /Root {root} 0 R /Encrypt {enc_num} 0 R /ID [<{_PDF_ID.hex()}> <{_PDF_ID.hex()}>]".encode()
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = out.tell()
        out.write(b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n")
    xref = out.tell()
    size = max(objs) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for num in range(1, size):
        if num in offsets:
            out.write(b"%010d 00000 n \n" % offsets[num])
        else:
            out.write(b"0000000000 65535 f \n")
    out.write(b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>stream\n" % (len(data), extra) + data + b"\nendstream"


_PDF_TEXT = (
    "BT /F1 14 Tf 72 760 Td (Sample 2021 annual report on government information disclosure) Tj ET\n"
    "BT /F1 12 Tf 72 730 Td (1. Overview: 12 requests received, 10 answered.) Tj ET\n"
).encode()


def _text_pdf_objects(content: bytes = _PDF_TEXT, pages: int = 1) -> dict[int, bytes]:
    kids = " ".join(f"{10 + i} 0 R" for i in range(pages))
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        4: _stream(content),
    }
    for i in range(pages):
        objs[10 + i] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    return objs


def pdf_text(pages: int = 1, encrypt: Optional[tuple[bytes, bytes, int]] = None) -> bytes:
    return pdf_bytes(_text_pdf_objects(pages=pages), encrypt=encrypt)


def pdf_image_only() -> bytes:
    """One page holding only a grey image: what a scanner produces."""
    pixels = bytes([200]) * (64 * 64)
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        4: _stream(zlib.compress(pixels), b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "),
        5: _stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
    }
    return pdf_bytes(objs)


def pdf_flate_bomb(megabytes: int = 300, double: bool = False) -> bytes:
    """A page whose content stream inflates from ~300 KB to ``megabytes`` MB of spaces;
    ``double``: deflated once more (filter chain [/FlateDecode /FlateDecode]), ~1 KB."""
    z = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(z.compress(chunk) for _ in range(megabytes)) + z.compress(_PDF_TEXT) + z.flush()
    objs = _text_pdf_objects()
    if double:
        objs[4] = _stream(zlib.compress(data, 9), b"/Filter [/FlateDecode /FlateDecode] ")
    else:
        objs[4] = _stream(data, b"/Filter /FlateDecode ")
    return pdf_bytes(objs)


def pdf_page_tree_loop() -> bytes:
    """The page tree's node lists itself (and a second node pointing back) as kids."""
    objs = _text_pdf_objects()
    objs[2] = b"<< /Type /Pages /Kids [2 0 R 5 0 R 10 0 R] /Count 3 >>"
    objs[5] = b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"
    return pdf_bytes(objs)


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
    put("pdf-encrypted.pdf", pdf_text(encrypt=(b"secret", b"owner", -44)))
    put("pdf-permissions-only.pdf", pdf_text(encrypt=(b"", b"owner", -3904)))
    put("pdf-scanned.pdf", pdf_image_only())
    put("pdf-no-text.pdf", pdf_bytes({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", 3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"}))
    real_pdf = (ROOT / "fixtures" / "pdf" / "filled-2021-clean.pdf").read_bytes()
    put("pdf-truncated.pdf", real_pdf[: len(real_pdf) // 2])
    put("pdf-header-only.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<")
    put("pdf-flate-bomb.pdf", pdf_flate_bomb())
    put("pdf-flate-bomb-double.pdf", pdf_flate_bomb(double=True))
    put("pdf-page-tree-loop.pdf", pdf_page_tree_loop())
    put("pdf-5000-pages.pdf", pdf_text(pages=5000))

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
