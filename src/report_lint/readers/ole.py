"""OLE compound files: legacy .doc/.wps and password-protected .docx.

We do not read them; we say precisely what they are so the drafter knows what to do.
"""

from __future__ import annotations

from report_lint.readers import ReadError


def _stream_names(data: bytes) -> set[str]:
    # Directory entry names are UTF-16LE; searching the raw bytes for the names we care
    # about is enough to classify without a full CFB parser.
    found = set()
    for name in ("EncryptedPackage", "EncryptionInfo", "WordDocument", "WpsCustomData", "Workbook", "PowerPoint Document"):
        if name.encode("utf-16-le") in data:
            found.add(name)
    return found


def classify_ole(data: bytes, suffix: str) -> ReadError:
    names = _stream_names(data)
    if "EncryptedPackage" in names or "EncryptionInfo" in names:
        return ReadError("encrypted", "文件已加密，请先解除密码再检查", "the file is password-protected; remove the password first")
    if suffix == ".wps" or "WpsCustomData" in names:
        return ReadError("legacy-wps", "这是 WPS 旧格式（.wps），请在 WPS 中另存为 .docx", "this is a legacy WPS file (.wps); save it as .docx in WPS")
    if "WordDocument" in names:
        return ReadError("legacy-doc", "这是 .doc 格式，请在 Word 或 WPS 中另存为 .docx", "this is a legacy .doc file; save it as .docx in Word or WPS")
    return ReadError("ole-unknown", "这是一个旧版 Office 复合文档，不是 .docx，请另存为 .docx", "this is a legacy Office compound file, not .docx; save it as .docx")
