"""What a reader may refuse: the limits a file must stay within and the one error type.

Anything a reader cannot read is a ``ReadError`` with a stable code and a one-line message
a drafter understands; readers never let another exception escape for a bad document.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Limits:
    max_file_bytes: int = 50 * 1024 * 1024
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_zip_ratio: int = 200
    max_nesting: int = 20
    max_blocks: int = 200_000
    max_seconds: float = 60.0
    max_pdf_pages: int = 500


class ReadError(Exception):
    """A file that cannot be linted. ``code`` is stable (used in JSON/SARIF)."""

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(en)
        self.code = code
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en
