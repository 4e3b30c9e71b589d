"""The agency a report is about, read from its title, and the one normal form used to link
reports of the same agency across years.

    agency_from_title("平潭综合实验区2019年度政府信息公开工作年度报告") == "平潭综合实验区"
    normalise_agency("示例县 人民政府办公室", same=[("人民政府办公室", "人民政府")]) == "示例县人民政府"

Normal form: NFKC (full-width letters and digits, ideographic space), no whitespace, no
brackets or quotes (their text is kept: "（试点）" and "试点" are the same name), and a
trailing name the profile declares equivalent replaced by its canonical one ("人民政府办公室"
and "人民政府" publish one report). Renames (an agency's old name → its new one, from the
configuration) are applied to the normal form, repeatedly, so a chain of renames resolves.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Mapping, Optional

# The title, after the agency: a year, then the words of "政府信息公开工作年度报告".
_CUT_RE = re.compile(r"\d{4}\s*年|[〇○零一二三四五六七八九]{4}\s*年|关于|政府信息公开|信息公开|政务公开|年度报告|工作报告|工作年度")
_LEADING_YEAR_RE = re.compile(r"^[（(【\[]?\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年度?\s*[)）】\]]?")
_DROP_RE = re.compile(r"[\s\u3000#*“”\"'‘’《》〈〉「」『』（）()【】\[\]·•:：,，、.。_\-—]")


def agency_from_title(title: str) -> str:
    """The agency named before the year / "政府信息公开" in a report title ("" when none)."""
    # As written (the dashboard shows it); \d also matches full-width digits.
    t = re.sub(r"\s+", "", title or "")
    t = _LEADING_YEAR_RE.sub("", t)
    m = _CUT_RE.search(t)
    name = t[: m.start()] if m else ""
    return name.strip("（）()【】[]：:，,、 ")


def normalise_agency(name: str, same: Iterable[tuple[str, str]] = (), renames: Optional[Mapping[str, str]] = None) -> str:
    """The linking key of an agency name (see the module doc); "" for no name."""
    same = tuple(sorted(same, key=lambda p: -len(p[0])))
    key = _plain(name, same)
    if renames:
        table = {_plain(k, same): _plain(v, same) for k, v in renames.items()}
        seen = {key}
        while key in table and table[key] not in seen:
            key = table[key]
            seen.add(key)
    return key


def _plain(name: str, same: tuple[tuple[str, str], ...]) -> str:
    key = _DROP_RE.sub("", unicodedata.normalize("NFKC", name or ""))
    for variant, canonical in same:
        if variant and key.endswith(variant):
            return key[: len(key) - len(variant)] + canonical
    return key
