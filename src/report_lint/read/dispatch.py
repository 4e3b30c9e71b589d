"""Reading a file: sniff its bytes and hand it to the reader of its format.

Readers turn a file into a ``report_lint.model.document.Document``.

One module per input format. ``read_document`` sniffs the bytes (not only the
extension: drafts arrive renamed) and dispatches. Anything a reader cannot read is a
``ReadError`` with a code and a one-line message a drafter understands; readers never
let another exception escape for a bad document.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Optional

from report_lint.model.document import Document
from report_lint.read.errors import Limits, ReadError


_WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
_LEGACY_SUFFIXES = (".doc", ".dot", ".wps", ".wpt")


def sniff(data: bytes, suffix: str) -> str:
    """Return 'docx', 'ole', 'zip', 'odt', 'html', 'mht', 'rtf', 'pdf', 'text' or 'empty'."""
    if not data:
        return "empty"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        # An OpenDocument file stores its (uncompressed) mimetype as the first member.
        if data[30:38] == b"mimetype" and b"application/vnd.oasis.opendocument" in data[38:120]:
            return "odt"
        return "docx" if suffix in _WORD_SUFFIXES + ("",) or b"word/" in data[:65536] else "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"%PDF"):
        return "pdf"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"mime-version:") and b"multipart/related" in head:
        return "mht"
    if head.startswith((b"<!doctype html", b"<html", b"<meta", b"<body", b"<div", b"<h1", b"<p", b"<table")) or (
        suffix in (".html", ".htm") and head.startswith(b"<")
    ):
        return "html"
    return "text"


def _looks_binary(data: bytes) -> bool:
    """True for bytes no text editor wrote: NULs (outside UTF-16) or many control bytes."""
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\0" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return ctrl > len(sample) // 20


def read_document(path: str | Path, limits: Optional[Limits] = None, data: Optional[bytes] = None) -> Document:
    limits = limits or Limits()
    p = Path(path)
    if data is None:
        data = read_bytes(p, limits)
    suffix = p.suffix.lower()
    kind = sniff(data, suffix)
    if kind == "empty":
        raise ReadError("empty-file", "文件是空的（0 字节），没有可检查的内容", "the file is empty (0 bytes)")
    if kind == "docx" or (kind == "zip" and suffix in _WORD_SUFFIXES):
        from report_lint.read.docx import read_docx

        return read_docx(str(p), data, limits)
    if kind == "zip":
        raise ReadError("not-docx", "这是一个 zip 压缩包，不是 Word 文档（.docx）", "this is a zip archive, not a Word document (.docx)")
    if kind == "odt":
        raise ReadError(
            "odt",
            "这是 OpenDocument 格式（.odt），请在 WPS 或 Word 中另存为 .docx",
            "this is an OpenDocument text file (.odt); save it as .docx in WPS or Word",
        )
    if kind == "ole":
        from report_lint.read.ole import classify_ole

        raise classify_ole(data, suffix)
    if kind == "rtf":
        raise ReadError("rtf", "这是 RTF 格式，请在 Word 或 WPS 中另存为 .docx", "this is an RTF file; save it as .docx in Word or WPS")
    if kind == "mht":
        raise ReadError(
            "mht",
            "这是“单个文件网页”（.mht）格式，请在 Word 或 WPS 中另存为 .docx",
            "this is a single-file web page (MHTML); save it as .docx in Word or WPS",
        )
    if kind == "pdf":
        from report_lint.read.pdf import read_pdf

        return read_pdf(str(p), data, limits)
    if kind == "html":
        from report_lint.read.html import read_html

        return read_html(str(p), data, limits)
    # Text under a Word name. A real .docx is always a zip, so this one is damaged (or
    # renamed); a legacy name on plain text is common (tools "save as .doc"), and is
    # read as text unless the bytes are binary.
    if suffix in _WORD_SUFFIXES:
        raise ReadError(
            "corrupt-docx",
            "文件已损坏（扩展名是 .docx，但内容不是 Word 文档），请在 Word 或 WPS 中重新保存",
            "the file is damaged: named .docx, but its content is not a Word document; save it again in Word or WPS",
        )
    if suffix in _LEGACY_SUFFIXES and _looks_binary(data):
        raise ReadError(
            "corrupt-doc",
            "文件已损坏或不是可识别的 Word 文档，请在 Word 或 WPS 中打开后另存为 .docx",
            "the file is damaged or not a recognisable Word document; open it in Word or WPS and save it as .docx",
        )
    from report_lint.read.text import read_text

    return read_text(str(p), data, limits)


def read_bytes(p: Path, limits: Limits) -> bytes:
    """The file's bytes, or a ReadError saying why not (never blocks on a pipe or device)."""
    too_large = ReadError(
        "too-large",
        f"文件过大（上限 {limits.max_file_bytes // 1048576} MB）",
        f"file too large (limit {limits.max_file_bytes // 1048576} MB)",
    )
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise ReadError("is-directory", "这是一个文件夹，不是文件", "this is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            # A FIFO would block forever, /dev/zero would never end.
            raise ReadError(
                "not-a-file", "这不是普通文件（可能是管道或设备），无法检查", "not a regular file (a pipe or device); cannot check it"
            )
        size = st.st_size
        if size > limits.max_file_bytes:
            raise ReadError(
                "too-large",
                f"文件过大（{size // 1048576} MB，上限 {limits.max_file_bytes // 1048576} MB）",
                f"file too large ({size // 1048576} MB, limit {limits.max_file_bytes // 1048576} MB)",
            )
        with p.open("rb") as fh:
            data = fh.read(limits.max_file_bytes + 1)
        if len(data) > limits.max_file_bytes:
            raise too_large  # the file grew while we read it
        return data
    except ReadError:
        raise
    except FileNotFoundError:
        if p.is_symlink():
            raise ReadError(
                "not-found", "文件不存在（这是一个指向不存在文件的快捷链接）", "file not found (a link to a missing file)"
            ) from None
        raise ReadError("not-found", "文件不存在", "file not found") from None
    except PermissionError:
        raise ReadError("permission", "没有读取该文件的权限", "permission denied") from None
    except IsADirectoryError:
        raise ReadError("is-directory", "这是一个文件夹，不是文件", "this is a folder, not a file") from None
    except OSError as e:
        detail = e.strerror or type(e).__name__
        raise ReadError("os-error", f"无法读取文件：{detail}", f"cannot read file: {detail}") from None
    except ValueError as e:  # e.g. a NUL byte in the path
        raise ReadError("bad-path", f"文件路径无效：{e}", f"invalid path: {e}") from None
