"""Readers turn a file into a ``report_lint.model.Document``.

One module per input format. ``read_document`` sniffs the bytes (not only the
extension: drafts arrive renamed) and dispatches. Anything a reader cannot read is a
``ReadError`` with a code and a one-line message a drafter understands; readers never
let another exception escape for a bad document.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from report_lint.model import Document


@dataclass
class Limits:
    max_file_bytes: int = 50 * 1024 * 1024
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_zip_ratio: int = 200
    max_nesting: int = 20
    max_blocks: int = 200_000
    max_seconds: float = 60.0


class ReadError(Exception):
    """A file that cannot be linted. ``code`` is stable (used in JSON/SARIF)."""

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(en)
        self.code = code
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


def sniff(data: bytes, suffix: str) -> str:
    """Return 'docx', 'ole', 'zip', 'html', 'rtf', 'pdf', 'text' or 'empty'."""
    if not data:
        return "empty"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "docx" if suffix in (".docx", ".docm", ".dotx", "") or b"word/" in data[:65536] else "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"%PDF"):
        return "pdf"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<meta", b"<body", b"<div", b"<h1", b"<p", b"<table")) or (
        suffix in (".html", ".htm") and head.startswith(b"<")
    ):
        return "html"
    return "text"


def read_document(path: str | Path, limits: Optional[Limits] = None, data: Optional[bytes] = None) -> Document:
    limits = limits or Limits()
    p = Path(path)
    if data is None:
        data = read_bytes(p, limits)
    suffix = p.suffix.lower()
    kind = sniff(data, suffix)
    if kind == "empty":
        raise ReadError("empty-file", "文件是空的（0 字节），没有可检查的内容", "the file is empty (0 bytes)")
    if kind == "docx" or (kind == "zip" and suffix in (".docx", ".docm")):
        from report_lint.readers.docx import read_docx

        return read_docx(str(p), data, limits)
    if kind == "zip":
        raise ReadError("not-docx", "这是一个 zip 压缩包，不是 Word 文档（.docx）", "this is a zip archive, not a Word document (.docx)")
    if kind == "ole":
        from report_lint.readers.ole import classify_ole

        raise classify_ole(data, suffix)
    if kind == "rtf":
        raise ReadError("rtf", "这是 RTF 格式，请在 Word 或 WPS 中另存为 .docx", "this is an RTF file; save it as .docx in Word or WPS")
    if kind == "pdf":
        raise ReadError("pdf", "这是 PDF 文件，请检查原始的 Word 文档（.docx）或导出为文本", "this is a PDF; check the original .docx or export it as text")
    if kind == "html":
        from report_lint.readers.html import read_html

        return read_html(str(p), data, limits)
    from report_lint.readers.text import read_text

    return read_text(str(p), data, limits)


def read_bytes(p: Path, limits: Limits) -> bytes:
    try:
        if p.is_dir():
            raise ReadError("is-directory", "这是一个文件夹，不是文件", "this is a folder, not a file")
        size = p.stat().st_size
        if size > limits.max_file_bytes:
            raise ReadError(
                "too-large",
                f"文件过大（{size // 1048576} MB，上限 {limits.max_file_bytes // 1048576} MB）",
                f"file too large ({size // 1048576} MB, limit {limits.max_file_bytes // 1048576} MB)",
            )
        with p.open("rb") as fh:
            return fh.read(limits.max_file_bytes + 1)
    except ReadError:
        raise
    except FileNotFoundError:
        raise ReadError("not-found", "文件不存在", "file not found") from None
    except PermissionError:
        raise ReadError("permission", "没有读取该文件的权限", "permission denied") from None
    except OSError as e:
        raise ReadError("os-error", f"无法读取文件：{e.strerror or e}", f"cannot read file: {e.strerror or e}") from None
