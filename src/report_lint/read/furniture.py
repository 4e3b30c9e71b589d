"""Page furniture: what a printed page adds around the report's own text.

Text extracted from a PDF (or a Word file printed and scanned back) carries the page's
footer and header on lines of their own, often in the middle of a table: page numbers
(``— 3 —``, ``- 3 -``, ``第3页 共6页``, ``3/6``, a bare ``3``) and a running title repeated
on every page. Readers drop them before the outline and table readers see the text, so a
footer neither splits a table nor becomes a paragraph of its section. Only lines that are
certainly furniture go:

* a page-number line of a recognised shape;
* bare numbers only when they count pages (1, 2, 3 … or 2, 3, 4 …, at least two of them),
  so a lone figure on a line of its own stays;
* a short line repeated three times or more (a running title); its first occurrence stays
  (it may be the report's own title).

Shared by the text reader and, for PDF, the PDF reader.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional

_PAGE_SHAPES = re.compile(
    r"[\s\u3000]*(?:"
    r"[—–－\-─]{1,2}[\s\u3000]*[0-9０-９]{1,4}[\s\u3000]*[—–－\-─]{1,2}"  # — 3 —  /  - 3 -
    r"|第[\s\u3000]*[0-9０-９]{1,4}[\s\u3000]*页(?:[\s\u3000，,/]*共[\s\u3000]*[0-9０-９]{1,4}[\s\u3000]*页)?"  # 第3页 共6页
    r"|共[\s\u3000]*[0-9０-９]{1,4}[\s\u3000]*页[\s\u3000，,]*第[\s\u3000]*[0-9０-９]{1,4}[\s\u3000]*页"
    r"|[0-9０-９]{1,4}[\s\u3000]*/[\s\u3000]*[0-9０-９]{1,4}"  # 3/6
    r"|(?:Page|page|PAGE)[\s\u3000]*[0-9]{1,4}(?:[\s\u3000]*(?:of|/)[\s\u3000]*[0-9]{1,4})?"
    r")[\s\u3000]*"
)
_BARE = re.compile(r"[\s\u3000]*([0-9０-９]{1,4})[\s\u3000]*")
_HALF = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})

RUNNING_MIN_REPEATS = 3
RUNNING_MIN_CHARS = 6
RUNNING_MAX_CHARS = 40
_SENTENCE_END = re.compile(r"[。；;！？!?：:]$")
_ENUMERATED = re.compile(r"[（(]?[一二三四五六七八九十0-9０-９]{1,3}[、.．）)]")
"""A numbered heading or item repeats for its own reasons (（一）工作情况 in every part)."""


def is_page_number(line: str) -> bool:
    """A line that is only a page number of a recognised shape (not a bare number)."""
    return bool(_PAGE_SHAPES.fullmatch(line))


def furniture_lines(lines: list[str]) -> set[int]:
    """Indices of ``lines`` that are page furniture (see the module doc)."""
    out: set[int] = set()
    bare: list[tuple[int, int]] = []
    for i, ln in enumerate(lines):
        if "\t" in ln or not ln.strip():
            continue
        if is_page_number(ln):
            out.add(i)
            continue
        m = _BARE.fullmatch(ln)
        if m:
            bare.append((i, int(m.group(1).translate(_HALF))))
    out.update(_page_count_run(bare))
    out.update(_running_titles(lines, out))
    return out


def _page_count_run(bare: list[tuple[int, int]]) -> list[int]:
    """Bare numbers that go up by one from line to line (at least two): page numbers."""
    if len(bare) < 2:
        return []
    best: list[int] = []
    run: list[tuple[int, int]] = []
    for item in bare:
        if run and item[1] == run[-1][1] + 1:
            run.append(item)
        else:
            run = [item]
        if len(run) > len(best):
            best = [i for i, _ in run]
    return best if len(best) >= 2 else []


def _running_titles(lines: list[str], skip: set[int]) -> list[int]:
    keys: list[Optional[str]] = []
    for i, ln in enumerate(lines):
        s = ln.strip()
        if (
            i in skip
            or "\t" in ln
            or not (RUNNING_MIN_CHARS <= len(s) <= RUNNING_MAX_CHARS)
            or _SENTENCE_END.search(s)
            or _ENUMERATED.match(s)
        ):
            keys.append(None)
        else:
            keys.append(s)
    counts = Counter(k for k in keys if k is not None)
    repeated = {k for k, n in counts.items() if n >= RUNNING_MIN_REPEATS}
    out = []
    seen: set[str] = set()
    for i, k in enumerate(keys):
        if k in repeated:
            if k in seen:
                out.append(i)
            seen.add(k)
    return out


def strip_furniture(lines: list[str]) -> tuple[list[str], int]:
    """``lines`` without page furniture, and how many lines were dropped."""
    drop = furniture_lines(lines)
    if not drop:
        return lines, 0
    return [ln for i, ln in enumerate(lines) if i not in drop], len(drop)


# -- web pages: the site's chrome around the article ------------------------------------

_CHROME_START = re.compile(
    r"[\s\u3000]*[【\[]?(?:当前位置|您的位置|您现在的位置|现在位置|所在位置|位置导航|分享到|打印本页|关闭窗口|打印|关闭|返回顶部|扫一扫在手机打开当前页)[】\]]?"
    r"(?:[\s\u3000]*[:：>»›]|[\s\u3000]*$)"
)
_CHROME_FIELDS = re.compile(r"(?:发布日期|发布时间|信息来源|来源|字号|浏览次数|点击数|访问量|作者|索引号|文号)[\s\u3000]*[:：]")
_CRUMB = re.compile(r"[>»›]")
CHROME_MAX_CHARS = 120


def is_site_chrome(text: str) -> bool:
    """A short line of a web page's own furniture: breadcrumbs ("当前位置：首页 > …"), the
    article's meta line ("发布日期：… 来源：… 字号：大 中 小"), share and print buttons.
    Never the title, never report text."""
    s = text.strip()
    if not s or len(s) > CHROME_MAX_CHARS:
        return False
    if _CHROME_START.match(s):
        return True
    if len(_CHROME_FIELDS.findall(s)) >= 2:
        return True
    return s.startswith("首页") and len(_CRUMB.findall(s)) >= 2
