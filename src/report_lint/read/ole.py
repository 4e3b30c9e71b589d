"""OLE compound files: legacy .doc/.wps and password-protected .docx.

We do not read their text; we say precisely what they are so the drafter knows what
to do. The directory is parsed properly (a small, bounded CFB reader) because a raw
byte search for stream names misfires: a .doc's own UTF-16 text can contain the
word "EncryptedPackage". When the directory cannot be parsed (a damaged file) the
byte search is the fallback, so the answer is never worse than a guess.
"""

from __future__ import annotations

import struct
from typing import Optional

from report_lint.read.errors import ReadError

_SIG = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENDOFCHAIN = 0xFFFFFFFE
_MAXREGSECT = 0xFFFFFFFA
_NOSTREAM = 0xFFFFFFFF
# Bounds: a hostile file must not make us walk long chains or loops.
_MAX_DIR_ENTRIES = 4096
_MAX_CHAIN = 1 << 16

_KNOWN = ("EncryptedPackage", "EncryptionInfo", "WordDocument", "WpsCustomData", "Workbook", "Book", "PowerPoint Document")


class _CFB:
    """Just enough of [MS-CFB] to list stream names and read the start of one stream."""

    def __init__(self, data: bytes):
        if len(data) < 512 or not data.startswith(_SIG):
            raise ValueError("not a compound file")
        self.data = data
        shift = struct.unpack_from("<H", data, 30)[0]
        if shift not in (9, 12):
            raise ValueError("bad sector shift")
        self.ssize = 1 << shift
        n_fat, self.dir_start = struct.unpack_from("<II", data, 44)
        self.mini_cutoff = struct.unpack_from("<I", data, 56)[0]
        difat_start, n_difat = struct.unpack_from("<II", data, 68)
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 76) if s <= _MAXREGSECT]
        sect = difat_start
        hops = 0
        per = self.ssize // 4 - 1
        while sect <= _MAXREGSECT and hops < min(n_difat, 1024):
            vals = struct.unpack_from(f"<{per + 1}I", self._sector(sect))
            fat_sectors += [s for s in vals[:per] if s <= _MAXREGSECT]
            sect = vals[per]
            hops += 1
        fat_sectors = fat_sectors[: max(n_fat, 0)]
        fat: list[int] = []
        for s in fat_sectors:
            fat.extend(struct.unpack(f"<{self.ssize // 4}I", self._sector(s)))
        self.fat = fat

    def _sector(self, n: int) -> bytes:
        off = (n + 1) * self.ssize
        blob = self.data[off : off + self.ssize]
        if len(blob) < self.ssize:
            raise ValueError("sector beyond end of file")
        return blob

    def _chain(self, start: int, limit_bytes: int):
        sect, seen, got = start, set(), 0
        while sect <= _MAXREGSECT and got < limit_bytes:
            if sect in seen or len(seen) > _MAX_CHAIN or sect >= len(self.fat):
                raise ValueError("bad sector chain")
            seen.add(sect)
            yield self._sector(sect)
            got += self.ssize
            sect = self.fat[sect]

    def entries(self) -> list[tuple[str, int, int, int]]:
        """(name, type, start sector, size) for every directory entry."""
        raw = b"".join(self._chain(self.dir_start, _MAX_DIR_ENTRIES * 128))
        out = []
        for off in range(0, len(raw) - 127, 128):
            nlen = struct.unpack_from("<H", raw, off + 64)[0]
            typ = raw[off + 66]
            if typ == 0 or not 2 <= nlen <= 64:
                continue
            name = raw[off : off + nlen - 2].decode("utf-16-le", "replace")
            start, size = struct.unpack_from("<IQ", raw, off + 116)
            out.append((name, typ, start, size))
        return out

    def read_head(self, start: int, size: int, n: int) -> Optional[bytes]:
        """First ``n`` bytes of a stream stored in regular sectors (None when it is in the mini stream)."""
        if size < self.mini_cutoff:
            return None
        return b"".join(self._chain(start, n))[:n]


def _stream_names(data: bytes) -> tuple[set[str], Optional[bytes]]:
    """Names of the streams we care about, and the WordDocument stream's first bytes."""
    try:
        cfb = _CFB(data)
        names = set()
        fib = None
        for name, typ, start, size in cfb.entries():
            if typ == 2 and name in _KNOWN:
                names.add(name)
                if name == "WordDocument":
                    fib = cfb.read_head(start, size, 32)
        if names:
            return names, fib
    except (ValueError, struct.error, IndexError):
        pass
    # Damaged directory: fall back to searching the raw bytes for UTF-16 names.
    return {n for n in _KNOWN if n.encode("utf-16-le") in data}, None


def _fib_encrypted(fib: Optional[bytes]) -> bool:
    # FibBase: wIdent 0xA5EC, then at offset 10 the flags word; bit 0x0100 is fEncrypted
    # (a .doc saved with an "open" password, or obfuscated).
    if not fib or len(fib) < 12:
        return False
    ident, flags = struct.unpack_from("<H", fib, 0)[0], struct.unpack_from("<H", fib, 10)[0]
    return ident == 0xA5EC and bool(flags & 0x0100)


def classify_ole(data: bytes, suffix: str) -> ReadError:
    names, fib = _stream_names(data)
    if "EncryptedPackage" in names or "EncryptionInfo" in names or _fib_encrypted(fib):
        return ReadError(
            "encrypted",
            "文件已加密（设置了打开密码），请在 Word 或 WPS 中取消密码后另存为 .docx 再检查",
            "the file is password-protected; remove the password in Word or WPS and save it as .docx",
        )
    if "Workbook" in names or "Book" in names:
        return ReadError(
            "not-word", "这是 Excel 表格文件，不是 Word 文档，请检查报告正文（.docx）", "this is an Excel workbook, not a Word document"
        )
    if "PowerPoint Document" in names:
        return ReadError(
            "not-word",
            "这是 PowerPoint 演示文稿，不是 Word 文档，请检查报告正文（.docx）",
            "this is a PowerPoint file, not a Word document",
        )
    if suffix == ".wps" or "WpsCustomData" in names:
        return ReadError(
            "legacy-wps",
            "这是 WPS 旧格式（.wps），无法直接检查，请在 WPS 中另存为 .docx",
            "this is a legacy WPS file (.wps); save it as .docx in WPS",
        )
    if "WordDocument" in names:
        return ReadError(
            "legacy-doc",
            "这是 Word 97-2003 旧格式（.doc），无法直接检查，请在 Word 或 WPS 中另存为 .docx",
            "this is a legacy Word 97-2003 file (.doc); save it as .docx in Word or WPS",
        )
    return ReadError(
        "ole-unknown",
        "这是一个旧版 Office 复合文档，不是 .docx，请另存为 .docx",
        "this is a legacy Office compound file, not .docx; save it as .docx",
    )
