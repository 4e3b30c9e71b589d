"""Hardened opening of OOXML packages (zip + XML parts).

Everything a hostile or broken .docx can do to us is stopped here, before any
content is interpreted:

* the zip is checked from its central directory (declared sizes) before a byte is
  inflated: total size and compression ratio bound the work (zip bombs);
* every part is read with a hard cap, so a central directory that lies about sizes
  cannot make us inflate more than the limit either;
* XML is parsed without DTD loading, entity expansion or network access, and any part
  that carries a ``<!DOCTYPE`` is rejected outright (billion laughs, XXE): a genuine
  Office part never has one;
* zipfile / zlib / lxml exceptions become ``ReadError`` with a message a drafter can act on.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from typing import Optional

from lxml import etree

from report_lint.read.errors import Limits, ReadError

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_OFFICE_DOCUMENT_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
RT_CORE_PROPS = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

_DOCTYPE_MARKERS = (
    b"<!DOCTYPE",
    "<!DOCTYPE".encode("utf-16-le"),
    "<!DOCTYPE".encode("utf-16-be"),
)


def _corrupt(detail: str = "") -> ReadError:
    en = "the file is damaged (not a complete .docx zip archive); save it again or download it again"
    if detail:
        en += f" ({detail})"
    return ReadError("corrupt-docx", "文件已损坏（不是完整的 .docx 压缩包），请重新保存或重新下载", en)


def _unsafe(part: str) -> ReadError:
    return ReadError(
        "unsafe-xml",
        f"文件包含不安全的 XML 声明（DOCTYPE，位于 {part}），正常的 Word 文档不会有，已拒绝读取",
        f"the file contains an unsafe XML declaration (DOCTYPE in {part}); Word never writes one, refusing to read",
    )


def make_parser() -> etree.XMLParser:
    # A fresh parser per package: lxml parser objects must not be shared across threads.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


def parse_xml(data: bytes, part: str, parser: Optional[etree.XMLParser] = None) -> etree._Element:
    """Parse one XML part safely; never expands entities, never fetches anything."""
    # The UTF-16 markers hold NUL bytes: a part without any NUL (every UTF-8 part) cannot
    # contain them, and one memchr is far cheaper than two more substring searches.
    if _DOCTYPE_MARKERS[0] in data or (b"\x00" in data and any(m in data for m in _DOCTYPE_MARKERS[1:])):
        raise _unsafe(part)
    try:
        root = etree.fromstring(data, parser or make_parser())
    except etree.XMLSyntaxError as e:
        msg = str(e)
        if "depth" in msg.lower() or "nested" in msg.lower():
            raise ReadError(
                "too-deep",
                f"文件结构嵌套过深（{part}），无法安全读取",
                f"the document structure is nested too deeply ({part}); cannot read it safely",
            ) from None
        raise ReadError(
            "corrupt-docx",
            f"文件已损坏（{part} 不是有效的 XML），请在 Word 或 WPS 中重新保存",
            f"the file is damaged ({part} is not valid XML: {msg}); save it again in Word or WPS",
        ) from None
    except (ValueError, MemoryError) as e:
        raise _corrupt(f"{part}: {e}") from None
    if root is None:
        raise _corrupt(f"{part} is empty")
    tree = root.getroottree()
    if tree.docinfo.doctype:
        # Belt and braces for encodings the byte scan above does not cover.
        raise _unsafe(part)
    return root


_CHUNK = 1 << 20
_RATIO_FLOOR = 8 << 20
"""Parts that inflate to less than this are never refused for their ratio (tiny, highly
repetitive XML such as an empty numbering part compresses extremely well)."""


class Package:
    """A checked OOXML zip. Construct with ``Package.open``."""

    def __init__(self, zf: zipfile.ZipFile, limits: Limits):
        self._zf = zf
        self._limits = limits
        self._names = {i.filename.lstrip("/"): i for i in zf.infolist() if not i.is_dir()}
        self._lower = {n.lower(): n for n in self._names}
        self.parser = make_parser()
        self._rels_cache: dict[str, dict[str, tuple[str, str]]] = {}

    @classmethod
    def open(cls, data: bytes, limits: Limits) -> "Package":
        if len(data) > limits.max_file_bytes:
            mb = limits.max_file_bytes // 1048576
            raise ReadError(
                "too-large",
                f"文件过大（{len(data) // 1048576} MB，上限 {mb} MB）",
                f"file too large ({len(data) // 1048576} MB, limit {mb} MB)",
            )
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            infos = zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError) as e:
            raise _corrupt(str(e)) from None
        total = 0
        for i in infos:
            if i.file_size < 0 or i.compress_size < 0:
                raise _corrupt("negative size in zip directory")
            total += i.file_size
        ratio = total / max(len(data), 1)
        if total > limits.max_unzipped_bytes or ratio > limits.max_zip_ratio:
            raise ReadError(
                "zip-bomb",
                f"文件解压后过大（{total // 1048576} MB，压缩比 {ratio:.0f}:1），疑似“压缩炸弹”，已拒绝读取",
                f"the file would unpack to {total // 1048576} MB (compression ratio {ratio:.0f}:1); "
                "looks like a zip bomb, refusing to read",
            )
        return cls(zf, limits)

    def has(self, name: str) -> bool:
        return self._find(name) is not None

    def _find(self, name: str) -> Optional[str]:
        name = name.lstrip("/")
        if name in self._names:
            return name
        # Part names are case-insensitive in OPC; some tools write "Word/Document.xml".
        return self._lower.get(name.lower())

    def read(self, name: str) -> Optional[bytes]:
        real = self._find(name)
        if real is None:
            return None
        info = self._names[real]
        cap = self._limits.max_unzipped_bytes
        try:
            if info.flag_bits & 0x1:
                raise ReadError(
                    "encrypted",
                    "文件已加密（设置了密码），请取消密码后另存为 .docx 再检查",
                    "the file is password-protected; remove the password and save it as .docx again",
                )
            # The declared sizes were checked on open, but a crafted zip can lie about them:
            # inflate in chunks and stop as soon as the real output passes the size cap or the
            # ratio cap (measured against the compressed size, with a floor for tiny parts).
            allowed = min(cap, max(self._limits.max_zip_ratio * max(info.compress_size, 1), _RATIO_FLOOR))
            chunks = []
            total = 0
            with self._zf.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > allowed:
                        raise ReadError(
                            "zip-bomb",
                            "文件解压后过大，疑似“压缩炸弹”，已拒绝读取",
                            "a part unpacks beyond the size or ratio limit; looks like a zip bomb, refusing to read",
                        )
                    chunks.append(chunk)
            blob = b"".join(chunks)
        except ReadError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError) as e:
            raise _corrupt(f"{real}: {e}") from None
        return blob

    def xml(self, name: str) -> Optional[etree._Element]:
        blob = self.read(name)
        if blob is None:
            return None
        return parse_xml(blob, name, self.parser)

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationships of ``part`` (``''`` for the package): rId → (type, absolute target)."""
        cached = self._rels_cache.get(part)
        if cached is not None:
            return cached
        d, base = posixpath.split(part.lstrip("/"))
        rels_name = posixpath.join(d, "_rels", base + ".rels")
        root = self.xml(rels_name)
        out: dict[str, tuple[str, str]] = {}
        self._rels_cache[part] = out
        if root is None:
            return out
        for r in root.iter(f"{{{REL_NS}}}Relationship"):
            if r.get("TargetMode") == "External":
                continue
            target = r.get("Target") or ""
            if target.startswith("/"):
                absolute = target.lstrip("/")
            else:
                absolute = posixpath.normpath(posixpath.join(d, target))
            out[r.get("Id") or ""] = (r.get("Type") or "", absolute)
        return out

    def rel_target(self, part: str, rel_type_suffix: str) -> Optional[str]:
        for typ, target in self.rels(part).values():
            if typ.endswith(rel_type_suffix):
                return target
        return None

    def main_document(self) -> Optional[str]:
        for typ, target in self.rels("").values():
            if typ in (RT_OFFICE_DOCUMENT, RT_OFFICE_DOCUMENT_STRICT) and self.has(target):
                return self._find(target)
        return self._find("word/document.xml")
