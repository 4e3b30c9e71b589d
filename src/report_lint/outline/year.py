"""The report year: read from the title (``report_year``) or any text (``year_in_text``)."""

from __future__ import annotations

from typing import Optional

from report_lint.model.document import Document
from report_lint.outline.build import Outline, build_outline
from report_lint.outline.classify import _YEAR_IN_TITLE
from report_lint.text.normalize import heading_to_half_width
from report_lint.text.numerals import cn_year


def year_in_text(text: str) -> Optional[int]:
    """First year 2000–2100 written in ``text`` (Arabic 2018 or Chinese 二〇一八)."""
    for m in _YEAR_IN_TITLE.finditer(heading_to_half_width(text)):  # full-width digits too
        if m.group(1):
            y = int(m.group(1))
        else:
            y = cn_year(m.group(2)) or 0
        if 2000 <= y <= 2100:
            return y
    return None


def report_year(document: Document, outline: Optional[Outline] = None) -> Optional[int]:
    """The report year named in the title (None when there is no title or no year).

    Prefers a year followed by 年/年度 ("2018年", "2018 年度"); the lead uses this for
    ``--profile auto``.
    """
    if outline is None:
        outline = build_outline(document)
    title = outline.title_text
    if not title:
        return None
    s = heading_to_half_width(title)
    for m in _YEAR_IN_TITLE.finditer(s):
        tail = s[m.end() : m.end() + 3].lstrip()
        if tail.startswith("年"):
            y = int(m.group(1)) if m.group(1) else (cn_year(m.group(2)) or 0)
            if 2000 <= y <= 2100:
                return y
    return year_in_text(s)
