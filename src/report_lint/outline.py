"""The outline of a report: title, preamble, numbered sections, attachments.

Built by the Lark grammar in ``grammar/outline.lark`` over a stream of block tokens
(see ``build_outline``). This module holds the data classes every check reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional


@dataclass
class Heading:
    block: int
    level: int
    """1: 一、 · 2: （一） · 3: 1. / 1、 / （1）"""
    number: str
    """The numeral as written, without punctuation: '一', '十一', '1'."""
    ordinal: int
    """The numeral's value: 一 → 1, 十一 → 11."""
    title: str
    """Heading text after the number and its punctuation, stripped."""
    raw: str
    """The heading line as the drafter sees it."""
    numbering: str = "typed"
    """typed (number typed in the text) · auto (Word list numbering) · style (heading style, no number)."""


@dataclass
class Section:
    heading: Heading
    children: list["Section"] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    """Content blocks directly under this heading (not in a child section)."""
    end: int = 0
    """Index one past the last block belonging to this section (children included)."""

    @property
    def level(self) -> int:
        return self.heading.level

    def walk(self) -> Iterator["Section"]:
        yield self
        for c in self.children:
            yield from c.walk()

    def all_blocks(self) -> list[int]:
        return list(range(self.heading.block, self.end))


@dataclass
class OutlineProblem:
    block: int
    kind: str
    """e.g. 'orphan-subheading', 'unparsed'."""
    detail: str = ""


@dataclass
class Outline:
    title: Optional[int] = None
    """Block index of the title paragraph."""
    title_text: str = ""
    preamble: list[int] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    """Level-1 sections in document order."""
    attachments: list[Section] = field(default_factory=list)
    """附件 parts (heading level 1, number '附件')."""
    signature: list[int] = field(default_factory=list)
    """Signature / date lines at the end of the body."""
    problems: list[OutlineProblem] = field(default_factory=list)
    _section_of: dict[int, str] = field(default_factory=dict, repr=False)

    def walk(self) -> Iterator[Section]:
        for s in self.sections:
            yield from s.walk()

    def headings(self, level: Optional[int] = None) -> list[Heading]:
        return [s.heading for s in self.walk() if level is None or s.level == level]

    def section_path(self, block: int) -> Optional[str]:
        """'三' or '三/（二）' for the section holding ``block``; None outside sections."""
        return self._section_of.get(block)

    def index_sections(self) -> None:
        self._section_of.clear()

        def visit(sec: Section, prefix: str) -> None:
            h = sec.heading
            label = h.number if h.level == 1 else (f"（{h.number}）" if h.level == 2 else h.number)
            path = f"{prefix}/{label}" if prefix else label
            for b in range(h.block, sec.end):
                self._section_of[b] = path
            for c in sec.children:
                visit(c, path)

        for s in self.sections:
            visit(s, "")
        for a in self.attachments:
            for b in range(a.heading.block, a.end):
                self._section_of[b] = "附件"
