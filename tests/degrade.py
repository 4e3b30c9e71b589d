"""The ways real reports arrive: degradations of form, as text → text functions.

A drafter's Word file reaches report-lint saved as plain text, copied out of a browser,
scraped onto one line by a crawler, or printed to PDF and extracted again. Each function
here does to a clean report what one of those routes does, and nothing else: the words and
numbers stay, in the same order. ``tests/test_degraded.py`` applies every degradation (and
every pair) to every clean fixture and checks that none of them creates an error-level
finding.

The starting point of every degradation is ``word_text``: the document as Word's
*Save as → Plain text* writes it (one line per paragraph, one line per table row, cells
separated by tabs, a horizontally merged cell written once, a vertically merged one as an
empty field). Text fixtures are taken as they are.
"""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path
from typing import Callable

from report_lint.model.document import Paragraph, Table
from report_lint.read.dispatch import read_document


def word_text(path: Path, vertical: str = "empty") -> str:
    """The document as Word's plain-text save (``vertical="empty"``) or a browser's copy of
    the HTML page (``vertical="missing"``: the covered field is not written at all) writes it."""
    if path.suffix.lower() in (".txt", ".md"):
        return path.read_text(encoding="utf-8")
    doc = read_document(path)
    lines: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            if b.container is None and b.text.strip():
                lines.append(b.text.replace("\n", " "))
        elif isinstance(b, Table) and b.container is None:
            lines.extend(_table_lines(b, vertical))
    return "\n".join(lines) + "\n"


def _table_lines(t: Table, vertical: str) -> list[str]:
    grid = t.grid()
    out = []
    for r in range(t.n_rows):
        fields: list[str] = []
        for c in range(t.n_cols):
            cell = grid[r][c]
            if cell is None:
                fields.append("")
            elif cell.row == r and cell.col == c:
                fields.append("".join(cell.text.split("\n")).replace("\t", " "))
            elif cell.col == c and cell.row < r:
                if vertical == "empty":
                    fields.append("")
            # covered horizontally: the merged cell was written once
        if vertical == "missing":
            while fields and not fields[-1].strip():
                fields.pop()
        if any(f.strip() for f in fields):
            out.append("\t".join(fields))
    return out


# -- degradations: text → text (rng for the ones that choose a place) -------------------


def plain_text_save(text: str, rng: random.Random) -> str:
    """Word's plain-text save: the starting form itself."""
    return text


def copy_paste_no_empty_fields(text: str, rng: random.Random) -> str:
    """A browser's copy of an HTML table: fields of vertically merged cells are missing."""
    out = []
    for ln in text.split("\n"):
        if "\t" in ln:
            ln = "\t".join(c for c in ln.split("\t") if c.strip())
        out.append(ln)
    return "\n".join(out)


def one_line(text: str, rng: random.Random) -> str:
    """A crawler's page text: every line break replaced by a space."""
    return text.replace("\n", " ")


def one_line_glued(text: str, rng: random.Random) -> str:
    """A crawler that drops line breaks without a space (table cells keep their tabs)."""
    return text.replace("\n", "")


def tabs_to_spaces(text: str, rng: random.Random) -> str:
    """A CMS or e-mail client that turns tabs into single spaces."""
    return text.replace("\t", " ")


_FURNITURE_EVERY = 25


def page_furniture(text: str, rng: random.Random) -> str:
    """PDF-to-text: page footers and running titles every 25 lines (inside tables too)."""
    lines = text.split("\n")
    pages = max(1, (len(lines) + _FURNITURE_EVERY - 1) // _FURNITURE_EVERY)
    title = next((ln.strip() for ln in lines if ln.strip()), "")[:30]
    style = rng.randrange(3)
    out = []
    for i, ln in enumerate(lines):
        out.append(ln)
        if (i + 1) % _FURNITURE_EVERY == 0:
            n = (i + 1) // _FURNITURE_EVERY
            if style == 0:
                out.append(f"— {n} —")
            elif style == 1:
                out.append(f"第 {n} 页 共 {pages} 页")
            else:
                out.append(f"- {n} -")
                if title:
                    out.append(title)
    return "\n".join(out)


_TO_FULL = str.maketrans({**{str(i): chr(0xFF10 + i) for i in range(10)}, "(": "（", ")": "）"})
_TO_HALF = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "（": "(", "）": ")"})


def full_width(text: str, rng: random.Random) -> str:
    """Digits and brackets typed full-width (an input method left in full-width mode)."""
    return text.translate(_TO_FULL)


def half_width(text: str, rng: random.Random) -> str:
    """Brackets and digits converted to half-width (a "normalise punctuation" macro)."""
    return text.translate(_TO_HALF)


def split_table(text: str, rng: random.Random) -> str:
    """A table broken over two pages: a blank line (and, at random, a repeat of the header
    rows) inserted at a random row of every tab-separated table."""
    lines = text.split("\n")
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            j = i
            while j < len(lines) and "\t" in lines[j]:
                j += 1
            if j - i >= 4:
                runs.append((i, j))
            i = j
        else:
            i += 1
    for a, b in reversed(runs):
        at = rng.randrange(a + 2, b - 1)
        insert = [""]
        if rng.random() < 0.5:
            insert += lines[a : min(a + 2, at)]
        lines[at:at] = insert
    return "\n".join(lines)


Degradation = Callable[[str, random.Random], str]

DEGRADATIONS: dict[str, Degradation] = {
    "plain-text": plain_text_save,
    "copy-paste": copy_paste_no_empty_fields,
    "one-line": one_line,
    "one-line-glued": one_line_glued,
    "tabs-spaces": tabs_to_spaces,
    "furniture": page_furniture,
    "full-width": full_width,
    "half-width": half_width,
    "split-table": split_table,
}


def pairs() -> list[tuple[str, str]]:
    """Every pair of distinct degradations (the starting form excluded); a line-break
    removal goes last, since after it there are no lines left to work on, and two of them
    do not pair."""
    last = ("one-line", "one-line-glued")
    names = [n for n in DEGRADATIONS if n != "plain-text"]
    out = []
    for a, b in itertools.combinations(names, 2):
        if a in last and b in last:
            continue
        out.append((b, a) if a in last else (a, b))
    return out


def apply(text: str, names: tuple[str, ...], seed: int = 0) -> str:
    rng = random.Random(seed)
    for n in names:
        text = DEGRADATIONS[n](text, rng)
    return text


_WS = re.compile(r"\s+")


def words(text: str) -> str:
    """The text without whitespace (what every degradation keeps)."""
    return _WS.sub("", text)
