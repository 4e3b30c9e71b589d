"""The document model every reader produces and every check reads.

A document is an ordered list of blocks (paragraphs and tables) in reading order.
Each block has a stable ``index`` (its position in ``Document.blocks``) which is the
anchor every finding points to; tables additionally address cells by row/column of
their resolved grid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional, Union


@dataclass
class Paragraph:
    index: int
    text: str
    """Visible text as the drafter sees it, including an automatic list number
    (``number_label``) rendered in front of it when Word numbering supplies one."""
    style: Optional[str] = None
    """Style name (``Heading 1``, ``Normal`` …) when the source has one."""
    outline_level: Optional[int] = None
    """0-based outline level from a heading style or ``w:outlineLvl`` (0 = top)."""
    number_label: Optional[str] = None
    """Automatic number produced by Word list numbering, e.g. ``一、`` or ``（二）``."""
    line: Optional[int] = None
    """1-based source line for text inputs; for a PDF, the line on ``page``."""
    container: Optional[tuple[int, int, int]] = None
    """(table index, row, col) when this paragraph sits inside a table cell."""
    page: Optional[int] = None
    """1-based page, for PDF inputs only."""

    kind = "paragraph"


@dataclass
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1

    @property
    def value_text(self) -> str:
        return self.text.strip().replace("\u3000", "").replace("\xa0", "")


@dataclass
class Table:
    index: int
    n_rows: int
    n_cols: int
    cells: list[Cell] = field(default_factory=list)
    """Each logical cell once, at its top-left position, with its spans."""
    line: Optional[int] = None
    container: Optional[tuple[int, int, int]] = None
    """(table index, row, col) when nested inside another table's cell."""
    page: Optional[int] = None
    """1-based page where the table starts, for PDF inputs only (``line`` is then the
    line on that page)."""
    row_places: Optional[list[tuple[int, int]]] = None
    """(page, line on the page) of each row, for PDF inputs only: a table continued
    over a page break has rows on two pages."""

    kind = "table"

    def __post_init__(self) -> None:
        self._grid: Optional[list[list[Optional[Cell]]]] = None

    def grid(self) -> list[list[Optional[Cell]]]:
        """n_rows × n_cols positions; a merged cell appears at every position it covers."""
        if self._grid is None:
            g: list[list[Optional[Cell]]] = [[None] * self.n_cols for _ in range(self.n_rows)]
            for c in self.cells:
                for r in range(c.row, min(c.row + c.rowspan, self.n_rows)):
                    for k in range(c.col, min(c.col + c.colspan, self.n_cols)):
                        g[r][k] = c
            self._grid = g
        return self._grid

    def cell_at(self, row: int, col: int) -> Optional[Cell]:
        if 0 <= row < self.n_rows and 0 <= col < self.n_cols:
            return self.grid()[row][col]
        return None

    def row_texts(self, row: int) -> list[str]:
        return [(c.text if c is not None else "") for c in self.grid()[row]]

    @property
    def text(self) -> str:
        return "\n".join("\t".join(self.row_texts(r)) for r in range(self.n_rows))


Block = Union[Paragraph, Table]


@dataclass
class ReaderNotice:
    """Something the reader saw that a check may want to report (e.g. tracked changes)."""

    kind: str
    block: Optional[int] = None
    detail: str = ""
    count: int = 1


@dataclass
class Document:
    path: str
    format: str
    """'docx', 'txt', 'md', 'html' or 'pdf'."""
    blocks: list[Block] = field(default_factory=list)
    notices: list[ReaderNotice] = field(default_factory=list)
    properties: dict = field(default_factory=dict)
    """Document properties when the format carries them (docx core properties)."""

    def paragraphs(self) -> Iterator[Paragraph]:
        for b in self.blocks:
            if isinstance(b, Paragraph):
                yield b

    def tables(self) -> Iterator[Table]:
        for b in self.blocks:
            if isinstance(b, Table):
                yield b

    def block(self, index: int) -> Block:
        return self.blocks[index]


class DocumentBuilder:
    """Appends blocks with consecutive indices; readers use it so indices stay stable."""

    def __init__(self, path: str, fmt: str):
        self.doc = Document(path=path, format=fmt)

    def paragraph(self, text: str, **kw) -> Paragraph:
        p = Paragraph(index=len(self.doc.blocks), text=text, **kw)
        self.doc.blocks.append(p)
        return p

    def table(self, n_rows: int, n_cols: int, cells: list[Cell], **kw) -> Table:
        t = Table(index=len(self.doc.blocks), n_rows=n_rows, n_cols=n_cols, cells=cells, **kw)
        self.doc.blocks.append(t)
        return t

    def reserve_table(self, **kw) -> Table:
        """Add an empty table now (to keep reading order) and fill its grid later."""
        return self.table(0, 0, [], **kw)

    def notice(self, kind: str, block: Optional[int] = None, detail: str = "", count: int = 1) -> None:
        self.doc.notices.append(ReaderNotice(kind=kind, block=block, detail=detail, count=count))


def table_from_rows(rows: list[list[str]]) -> tuple[int, int, list[Cell]]:
    """Build an unmerged grid from ragged rows (text readers)."""
    n_cols = max((len(r) for r in rows), default=0)
    cells = [Cell(row=i, col=j, text=(r[j] if j < len(r) else "")) for i, r in enumerate(rows) for j in range(n_cols)]
    return len(rows), n_cols, cells
