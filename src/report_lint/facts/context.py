"""What a check sees: the document, its outline, the profile and shared derived data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Optional, TypeVar

from report_lint.model.document import Document, Paragraph, Table
from report_lint.outline.build import Outline
from report_lint.facts.sections import Analysis, analyse
from report_lint.profiles.load import Profile

T = TypeVar("T")


@dataclass
class Options:
    """The run's options a rule may read (the report year is ``LintContext.year``)."""

    agency_kind: Optional[str] = None
    """department | township | county | city | province | vertical (deadline rules)."""
    severity_overrides: dict[str, str] = field(default_factory=dict)
    year_given: bool = False
    """The report year was given on the command line (``--year``), not read from the report."""


@dataclass
class LintContext:
    document: Document
    outline: Outline
    profile: Profile
    year: Optional[int]
    options: Options = field(default_factory=Options)

    _shared: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def shared(self, compute: Callable[["LintContext"], T]) -> T:
        """``compute(self)``, computed once per document: the one way a scan shared by the
        rules of one family (the dates of a report, its contact details, its narrative
        figures) is cached. The family module owns ``compute``; the context only keeps the
        result, keyed by the function. Facts every family reads are the cached properties
        below."""
        try:
            return self._shared[compute]
        except KeyError:
            value = self._shared[compute] = compute(self)
            return value

    def severity_for(self, code: str, default: str) -> str:
        return self.options.severity_overrides.get(code, default)

    def section_path(self, block: int) -> Optional[str]:
        return self.outline.section_path(block)

    def block_line(self, block: int) -> Optional[int]:
        if 0 <= block < len(self.document.blocks):
            return getattr(self.document.blocks[block], "line", None)
        return None

    def block_page(self, block: int) -> Optional[int]:
        """1-based page of a block read from a PDF (None for every other format)."""
        if 0 <= block < len(self.document.blocks):
            return getattr(self.document.blocks[block], "page", None)
        return None

    def row_place(self, table: int, row: int) -> Optional[tuple[int, int]]:
        """(page, line) of a table row read from a PDF (None for every other format)."""
        if 0 <= table < len(self.document.blocks):
            places = getattr(self.document.blocks[table], "row_places", None)
            if places and 0 <= row < len(places):
                return places[row]
        return None

    @cached_property
    def tables(self):
        """Profile tables mapped onto the document's tables (report_lint.facts.tables.MappedTable by key)."""
        from report_lint.facts.tables import map_tables

        return map_tables(self.document, self.profile)

    @cached_property
    def run_together(self) -> bool:
        """True when the reader had to cut run-together text into paragraphs (line breaks lost):
        the outline then comes from guesses, not from the document's own structure, and a
        heading that could not be found is not certainly missing."""
        return any(n.kind == "run-together-text" for n in self.document.notices)

    @cached_property
    def section_map(self) -> Analysis:
        """The profile's sections matched to the document's headings (facts.sections)."""
        return analyse(self.document, self.outline, self.profile)

    @cached_property
    def texts(self) -> list[tuple[int, str, Optional[int], Optional[int]]]:
        """(block, text, row, col) for every body paragraph and non-blank table cell, in order
        (row/col are None for paragraphs). Rules that scan all the words of a report share it."""
        out: list[tuple[int, str, Optional[int], Optional[int]]] = []
        for blk in self.document.blocks:
            if isinstance(blk, Paragraph):
                if blk.container is None:
                    out.append((blk.index, blk.text, None, None))
            elif isinstance(blk, Table):
                for c in blk.cells:
                    if c.text and c.text.strip():
                        out.append((blk.index, c.text, c.row, c.col))
        return out

    @cached_property
    def body_paragraphs(self) -> list[Paragraph]:
        """Paragraphs outside tables (narrative text)."""
        return [p for p in self.document.paragraphs() if p.container is None]
