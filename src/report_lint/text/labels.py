"""Label normalization and matching for table rows and columns.

Drafters retype the official labels: full- or half-width brackets, line breaks inside a
cell ("商业\\n企业"), enumerators ("（一）", "1.", "一、", "其中："), explanatory notes in
trailing parentheses ("（不同渠道和方式公开相同信息计1条）"). Matching therefore works on
*keys*:

* ``label_key(text)``  — the full key: NFKC, punctuation/quotes unified, all whitespace
  removed, leading enumerators stripped, lower-cased;
* ``note_free(key)``   — the same key with trailing parenthetical notes removed (the
  "second chance" key).

``LabelIndex`` looks a cell text up against a set of labels: exact full key first, then
exact note-free key, then (only for long labels) "label contained in the cell text" with
the longest contained label winning. There is deliberately no fuzzy matching: a guess
that swaps two rows would turn into a false arithmetic error.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Generic, Iterable, TypeVar

from report_lint.text.normalize import label_key


T = TypeVar("T")

_WS_RE = re.compile(r"\s+")

_CN_NUM = "一二三四五六七八九十百零〇两"
# One leading enumerator or "其中:" prefix; applied repeatedly ("其中:1.…").
_ENUM_RE = re.compile(
    r"^(?:"
    rf"\([{_CN_NUM}]+\)[、.:]?"
    rf"|第[{_CN_NUM}]+(?:部分|项)?[、.:]"
    rf"|[{_CN_NUM}]+[、.:]"
    r"|\(\d{1,3}\)[、.:]?"
    r"|\d{1,3}(?:[、:)]|\.(?!\d))"
    r"|其中[:]?"
    r")"
)
_TRAILING_NOTE_RE = re.compile(r"\([^()]*\)$")


clean = label_key
"""NFKC, unified punctuation and quotes, no whitespace at all, lower case (text/normalize.py)."""


def strip_enumerators(key: str) -> str:
    """Drop leading enumerators and "其中:" from a cleaned key (never down to nothing)."""
    while True:
        m = _ENUM_RE.match(key)
        if not m or m.end() >= len(key):
            return key
        key = key[m.end() :]


def note_free(key: str) -> str:
    """Drop trailing parenthetical notes from a key; keep the key if nothing would remain."""
    out = key
    while True:
        m = _TRAILING_NOTE_RE.search(out)
        if not m or m.start() == 0:
            break
        out = out[: m.start()]
    return out


@lru_cache(maxsize=32768)
def label_key(text: str) -> str:
    """The full matching key of a label or a cell text."""
    return strip_enumerators(clean(text))


@lru_cache(maxsize=32768)
def label_keys(text: str) -> tuple[str, str]:
    """(full key, note-free key)."""
    k = label_key(text)
    return k, note_free(k)


def same_label(a: str, b: str) -> bool:
    """True when two texts name the same label (exact key or note-free key)."""
    ka, na = label_keys(a)
    kb, nb = label_keys(b)
    return bool(ka) and (ka == kb or na == nb)


def display(text: str) -> str:
    """A cell text for messages: whitespace runs collapsed, trimmed."""
    return _WS_RE.sub(" ", text.replace("\u3000", " ").replace("\xa0", " ")).strip()


class LabelIndex(Generic[T]):
    """Labels (with variants) → items; several items may share a label (repeated rows)."""

    def __init__(self, min_contained: int = 6):
        self.min_contained = min_contained
        self._full: dict[str, list[T]] = {}
        self._free: dict[str, list[T]] = {}
        self._long: list[tuple[str, T]] = []

    def add(self, labels: Iterable[str], item: T) -> None:
        seen_full: set[str] = set()
        seen_free: set[str] = set()
        for label in labels:
            full, free = label_keys(label)
            if not full:
                continue
            if full not in seen_full:
                seen_full.add(full)
                self._full.setdefault(full, []).append(item)
            if free and free not in seen_free:
                seen_free.add(free)
                self._free.setdefault(free, []).append(item)
                if len(free) >= self.min_contained:
                    self._long.append((free, item))

    def __bool__(self) -> bool:
        return bool(self._full)

    def full_keys(self) -> set[str]:
        """Every full key an exact look-up can hit."""
        return set(self._full)

    def free_keys(self) -> set[str]:
        """Every note-free key an exact look-up can hit."""
        return set(self._free)

    def exact(self, text: str) -> list[T]:
        """Items whose label equals the text (full key, then note-free key)."""
        return self.exact_keys(*label_keys(text))

    def exact_keys(self, full: str, free: str) -> list[T]:
        """``exact`` for keys already computed with ``label_keys``."""
        if not full:
            return []
        hit = self._full.get(full) or self._free.get(free)
        return list(hit) if hit else []

    def contained(self, text: str) -> list[T]:
        """Items whose (long) label is contained in the text; the longest label wins.

        Two different labels of the same length both contained is ambiguous → nothing.
        """
        full = label_key(text)
        if not full:
            return []
        best_len = 0
        groups: dict[str, list[T]] = {}
        for key, item in self._long:
            if len(key) < best_len or key not in full:
                continue
            if len(key) > best_len:
                best_len, groups = len(key), {}
            bucket = groups.setdefault(key, [])
            if item not in bucket:
                bucket.append(item)
        if not groups:
            return []
        buckets = list(groups.values())
        if any(b != buckets[0] for b in buckets[1:]):
            # Different labels of equal length name different items: refuse to guess.
            return []
        return buckets[0]

    def lookup(self, text: str, allow_contained: bool = True) -> list[T]:
        hit = self.exact(text)
        if hit or not allow_contained:
            return hit
        return self.contained(text)


def find_in(key_or_text: str, needle: str) -> bool:
    """True when ``needle``'s key occurs in the text's key (group / context tests)."""
    n = label_keys(needle)[1] or label_key(needle)
    return bool(n) and n in label_key(key_or_text)
