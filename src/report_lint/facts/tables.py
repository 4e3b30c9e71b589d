"""Map the document's tables onto a profile's table schemas, by labels not positions.

INTERFACE (stable; checks rely on it):

    map_tables(document, profile) -> dict[str, MappedTable]   # keyed by TableSpec.key;
                                                               # a table not found is absent
    MappedTable.get(row_key, col_key=None) -> CellValue | None  # col defaults to the only column
    CellValue.value -> Decimal | None, .status in {'number','blank','invalid'}

ADDITIONS (additive, with defaults; no field was added to profiles.py):
    CellValue.row / .col may be None: a cell read from flattened text has no grid
        position; ``block`` is then the paragraph and CellValue.span the character span of
        the row's values in its text.
    MappedTable.flattened: bool  the table was read from running text.
    MappedTable.unreadable_cells: list[str]  'row@col' refs present in flattened text but
        not readable with certainty (each named in ``unreadable``).
    MappedTable.missing_cells: list[str]  'row@col' refs whose row and column were both
        found but not the cell itself (e.g. a band of a stacked table lacks that column).
    parse_value(text) -> (status, Decimal | None)  the cell-value reader, public for tests.
    ColSpec.group (optional): a header text that
        must appear above the column to tell repeated column labels apart. Without it,
        repeated column labels are told apart by header combinations and printed order.

HOW TOML EXPRESSES LAYOUTS (no new profile fields needed):
  * Row labels are written bare; numbering ("一、", "（三）", "1.", "其中：") and trailing
    notes in parentheses are ignored when comparing (report_lint.text.labels).
  * Repeated row labels (被依法纠错数 under 行政复议 and 行政诉讼; "其他"): RowSpec.group names
    the enclosing row (or merged label cell); the nearest enclosing text decides. Without a
    decisive group the k-th occurrence goes to the first unmatched spec after the last
    matched one (printed order).
  * Repeated column labels (结果维持 ×3 in section 四): a ColSpec variant may name the
    combination of header cells along the column, e.g. "复议后起诉 结果维持" matches the
    column whose headers read 行政诉讼 › 复议后起诉 › 结果维持. Otherwise printed order.
  * A table whose only data row has no label (section 四): give the TableSpec a single
    RowSpec (any label, "" allowed); the first unlabeled row under the header rows whose
    value cells are numbers or blank is taken.
  * Stacked sub-tables with their own header rows (2021 section 二): every header band
    (consecutive non-data rows with column labels) re-maps the columns for the data rows
    below it; ``TableSpec.cells`` lists which 'row@col' cells exist.

Finding the table: a document table starts a candidate when it shows an anchor (exact
label) and a row of the spec, or a header row and a row; the next tables continue it when
only blank or "续表"/page-number paragraphs lie between (or they match three rows or
more). Candidates whose rows are disjoint from the best one are joined to it (a table cut
by headings); a second copy of the same rows is ignored. No table: labels and numbers in
running text → a flattened table, read by report_lint.facts.flattened from the paragraph where
its labels are densest (and neighbours that continue it): rows whose split into cells is
unique are read, every other row is named in ``unreadable`` (never a guessed split, so
identities run only on certain rows); the spec's title words just above a table with
numbers → unreadable ("header not recognised"); otherwise the spec is absent.

Cell values (``parse_value``): "1,015", full-width digits, a trailing unit ("597条",
"0.8万元", "6（人次）") read as numbers. An empty cell and a dash or slash mark
("—", "-", "/", "——") are *blank*: the drafter wrote nothing countable, and blank is never
taken as 0. Any other text ("无", "约5", "5-6") is *invalid*: "无" most likely means 0, but
the cell must hold a number and guessing would hide the defect.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from typing import Optional

from report_lint.text import labels as L
from report_lint.text.normalize import cell_value_key
from report_lint.text.units import CELL_UNITS, alternation
from report_lint.facts.flattened import read_flattened
from report_lint.model.document import Cell, Document, Paragraph, Table
from report_lint.profiles.load import ColSpec, Profile, TableSpec, derived


@dataclass
class CellValue:
    row_key: str
    col_key: str
    raw: str
    value: Optional[Decimal]
    status: str
    """number · blank (empty cell, never taken as 0) · invalid (text that is not a number)."""
    block: int
    row: Optional[int]
    col: Optional[int]
    """Grid position in the document table; None for a cell read from flattened text
    (``block`` is then the paragraph, and ``span`` the values inside its text)."""
    row_label: str = ""
    col_label: str = ""
    span: Optional[tuple[int, int]] = None
    """Character span inside the paragraph text, for cells read from flattened text."""

    @property
    def ref(self) -> str:
        return f"{self.row_key}@{self.col_key}"


@dataclass
class MappedTable:
    spec: TableSpec
    blocks: list[int] = field(default_factory=list)
    """Document tables (block indices) that make up this table (a split table has several)."""
    cells: dict[tuple[str, str], CellValue] = field(default_factory=dict)
    missing_rows: list[str] = field(default_factory=list)
    missing_cols: list[str] = field(default_factory=list)
    unreadable: list[dict[str, str]] = field(default_factory=list)
    """Human-readable reasons why parts could not be read with certainty, each {"zh", "en"}."""
    missing_cells: list[str] = field(default_factory=list)
    """'row@col' refs whose row and column were found but not the cell (stacked layouts)."""
    unreadable_cells: list[str] = field(default_factory=list)
    """'row@col' refs that are there but could not be read with certainty (flattened text)."""
    flattened: bool = False
    """True when the table was read from running text (report_lint.facts.flattened)."""

    def get(self, row_key: str, col_key: Optional[str] = None) -> Optional[CellValue]:
        if col_key is None:
            col_key = self.spec.cols[0].key
        return self.cells.get((row_key, col_key))


# --------------------------------------------------------------------------------------
# Cell values

_BLANK_MARKS = frozenset({"-", "--", "---", "/", "//", "\\", "…", "……", "...", "、"})
_UNITS = alternation(CELL_UNITS)
_NUM_RE = re.compile(
    r"^(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    rf"(?:(?:{_UNITS})|\((?:{_UNITS})\))?$"
)
_WS_RE = re.compile(r"\s+")


def parse_value(text: str) -> tuple[str, Optional[Decimal]]:
    """('number', Decimal) · ('blank', None) · ('invalid', None); see the module docstring."""
    return _parse_cached(text or "")


@lru_cache(maxsize=16384)
def _parse_cached(text: str) -> tuple[str, Optional[Decimal]]:
    t = cell_value_key(text)
    if not t:
        return "blank", None
    if t in _BLANK_MARKS or set(t) <= {"-"}:
        return "blank", None
    m = _NUM_RE.match(t)
    if not m:
        return "invalid", None
    try:
        return "number", Decimal(m.group("num").replace(",", "").lstrip("+"))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
        return "invalid", None


@lru_cache(maxsize=16384)
def _looks_numeric(text: str) -> bool:
    status, _ = _parse_cached(text)
    return status == "number" or (status == "blank" and bool(text.strip()))


# --------------------------------------------------------------------------------------
# Spec matchers (built per map_tables call; labels are cached in report_lint.text.labels)


class _SpecIndex:
    def __init__(self, spec: TableSpec):
        self.spec = spec
        self.rows: L.LabelIndex[int] = L.LabelIndex(min_contained=6)
        for i, r in enumerate(spec.rows):
            self.rows.add([r.label, *r.variants], i)
        self.cols: L.LabelIndex[int] = L.LabelIndex(min_contained=3)
        for i, c in enumerate(spec.cols):
            self.cols.add([c.label, *c.variants], i)
        self.anchors: L.LabelIndex[int] = L.LabelIndex(min_contained=10**6)
        for i, a in enumerate(spec.anchors):
            self.anchors.add([a], i)
        self.hit_full = self.rows.full_keys() | self.anchors.full_keys()
        self.hit_free = self.rows.free_keys() | self.anchors.free_keys()
        self.row_pos = {r.key: i for i, r in enumerate(spec.rows)}
        self.unlabeled_row = len(spec.rows) == 1
        if spec.cells:
            self.expected = [tuple(ref.split("@", 1)) if "@" in ref else (ref, spec.cols[0].key) for ref in spec.cells]
        else:
            self.expected = [(r.key, c.key) for r in spec.rows for c in spec.cols]
        self.expected_set = set(self.expected)
        # Flattened-table detection: row labels, column labels and anchors (a one-row
        # table such as section 四 is known by its column headers), as written and as keys.
        self.flat_keys: dict[str, str] = {}
        for label in [*(r.label for r in spec.rows), *(c.label for c in spec.cols), *spec.anchors]:
            key = L.label_keys(label)[1]
            if len(key) < 4:
                continue
            self.flat_keys.setdefault(key, key)
            raw = L.note_free(_WS_RE.sub("", label))
            if len(raw) >= 4:
                self.flat_keys.setdefault(raw, key)
        self.flat_re = (
            re.compile("|".join(re.escape(k) for k in sorted(self.flat_keys, key=len, reverse=True)))
            if len(set(self.flat_keys.values())) >= 4
            else None
        )


# --------------------------------------------------------------------------------------
# One document table, row by row


@dataclass
class _Row:
    index: int
    cells: list[Cell]
    """Distinct cells of the row, left to right (a merged cell once)."""
    kind: str = "other"
    """data · header · other"""
    hit: list[int] = field(default_factory=list)
    """Candidate RowSpec indices (data rows)."""
    label_cell: Optional[Cell] = None
    col_hits: int = 0


def _distinct_cells(table: Table, r: int, merged: bool = True) -> list[Cell]:
    row = table.grid()[r]
    if not merged:
        return [c for c in row if c is not None]
    out: list[Cell] = []
    seen: set[int] = set()
    for c in row:
        if c is not None and id(c) not in seen:
            seen.add(id(c))
            out.append(c)
    return out


_Prepared = list[tuple[list[Cell], list[tuple[Cell, str, str]]]]
"""Per row: its distinct cells, and its label cells right to left with their keys."""


class _PreparedTable(list):
    """``_Prepared`` plus every label key of the table, so a spec none of whose row labels
    or anchors occur is passed over without classifying the rows."""

    full: frozenset = frozenset()
    free: frozenset = frozenset()


def _prepare(table: Table) -> _Prepared:
    """What every spec needs from a table, computed once per document (not once per spec)."""
    out = _PreparedTable()
    merged = any(c.rowspan > 1 or c.colspan > 1 for c in table.cells)
    for r in range(table.n_rows):
        cells = _distinct_cells(table, r, merged)
        labels = []
        for c in reversed(cells):
            if c.text.strip() and not _looks_numeric(c.text):
                full, free = L.label_keys(c.text)
                if full:
                    labels.append((c, full, free))
        out.append((cells, labels))
    out.full = frozenset(full for _, labels in out for _, full, _ in labels)
    out.free = frozenset(free for _, labels in out for _, _, free in labels if free)
    return out


def _shows_nothing_of(prepared: _Prepared, idx: _SpecIndex) -> bool:
    # Exact look-ups are what make a row "data" or count an anchor; without one, the
    # table neither starts nor continues a chain of this spec (see _classify).
    full = getattr(prepared, "full", None)
    if full is None:
        return False
    return full.isdisjoint(idx.hit_full) and prepared.free.isdisjoint(idx.hit_free)


def _classify(table: Table, idx: _SpecIndex, prepared: Optional[_Prepared] = None) -> tuple[int, list[_Row]]:
    """(number of distinct anchors seen, classified rows).

    Labels are first compared exactly; only a table that shows an anchor or an exact row
    label is searched again with "label contained in the cell" for its unmatched rows, so
    the many unrelated tables of a long document cost a few dictionary look-ups per cell.
    Label cells are tried right to left: the rightmost is the most specific (merged group
    cells sit to its left).
    """
    if prepared is None:
        prepared = _prepare(table)
    rows: list[_Row] = []
    anchors: set[int] = set()
    any_data = False
    for r, (cells, labels) in enumerate(prepared):
        row = _Row(index=r, cells=cells)
        col_hits = 0
        label_is_col = False
        for c, full, free in labels:
            is_col = bool(idx.cols.exact_keys(full, free))
            col_hits += is_col
            if idx.anchors:
                anchors.update(idx.anchors.exact_keys(full, free))
            if not row.hit:
                hit = idx.rows.exact_keys(full, free)
                if hit:
                    row.hit, row.label_cell, label_is_col = hit, c, is_col
        row.col_hits = col_hits
        _kind(row, table.n_cols, label_is_col)
        any_data = any_data or row.kind == "data"
        rows.append(row)
    if anchors or any_data:
        for row, (_, labels) in zip(rows, prepared):
            if row.hit or row.kind == "header":
                continue
            for c, _, _ in labels:
                hit = idx.rows.contained(c.text)
                if hit:
                    row.hit, row.label_cell = hit, c
                    _kind(row, table.n_cols)
                    break
    return len(anchors), rows


def _kind(row: _Row, n_cols: int, label_is_col: bool = False) -> None:
    # A row label that is also a column label ("总计") in the last column is a header
    # cell: a data row has its value cells to the right of its label.
    last = row.label_cell is not None and row.label_cell.col + row.label_cell.colspan >= n_cols
    if row.col_hits >= 2 or (row.col_hits == 1 and (not row.hit or (label_is_col and last))):
        row.kind = "header"
    elif row.hit:
        row.kind = "data"
    else:
        row.kind = "other"


def _table_score(table: Table, idx: _SpecIndex, prepared: Optional[_Prepared] = None) -> tuple[int, int, list[_Row]]:
    """(anchors found, data rows found, classified rows)."""
    n_anchor, rows = _classify(table, idx, prepared)
    return n_anchor, sum(1 for r in rows if r.kind == "data"), rows


# --------------------------------------------------------------------------------------
# Finding the document tables of a spec (a split table is several consecutive tables)

_CONT_RE = re.compile(r"续|^\(?第?-?\d+-?页?\)?$|^第\d+页(共\d+页)?$|^-+\d+-+$")


def _ignorable_between(p: Paragraph) -> bool:
    if len(p.text) > 60:
        return False
    key = L.clean(p.text)
    if not key:
        return True
    return len(key) <= 30 and bool(_CONT_RE.search(key))


def _chains(document: Document, idx: _SpecIndex, cache: Optional[dict[int, _Prepared]] = None) -> list[list[tuple[Table, list[_Row]]]]:
    cache = {} if cache is None else cache
    chains: list[list[tuple[Table, list[_Row]]]] = []
    current: Optional[list[tuple[Table, list[_Row]]]] = None
    gap_ok = True
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if gap_ok and block.container is None and not _ignorable_between(block):
                gap_ok = False
            continue
        if not isinstance(block, Table) or block.container is not None or block.n_rows == 0:
            continue
        prepared = cache.get(block.index)
        if prepared is None:
            prepared = cache[block.index] = _prepare(block)
        if _shows_nothing_of(prepared, idx):
            gap_ok = False  # an unrelated table, as below
            continue
        n_anchor, n_data, rows = _table_score(block, idx, prepared)
        has_header = any(r.kind == "header" for r in rows)
        starts = (n_anchor >= 1 and (n_data >= 1 or idx.unlabeled_row)) or (n_data >= 1 and has_header) or (n_data >= 2 and not idx.anchors)
        if current is not None and n_data >= 1 and (gap_ok or n_data >= 3):
            current.append((block, rows))
            gap_ok = True
        elif starts:
            current = [(block, rows)]
            chains.append(current)
            gap_ok = True
        else:
            # An unrelated table in between: only a strong part (three rows or more)
            # may still continue the chain.
            gap_ok = False
    return chains


# --------------------------------------------------------------------------------------
# Mapping


@dataclass
class _ColMap:
    cols: dict[int, int] = field(default_factory=dict)
    """grid column → ColSpec index."""
    labels: dict[int, str] = field(default_factory=dict)
    n_cols: int = 0


def _pick(cands: list[int], taken: set[int], last: int) -> Optional[int]:
    free = [i for i in cands if i not in taken]
    if not free:
        return None
    for i in free:
        if i > last:
            return i
    return free[0]


def _build_colmap(table: Table, band: list[_Row], idx: _SpecIndex) -> _ColMap:
    cm = _ColMap(n_cols=table.n_cols)
    grid = table.grid()
    taken: set[int] = set()
    used_cells: set[int] = set()
    last = -1
    for c in range(table.n_cols):
        path: list[Cell] = []
        seen: set[int] = set()
        for row in band:
            cell = grid[row.index][c]
            if cell is not None and id(cell) not in seen and cell.text.strip():
                seen.add(id(cell))
                path.append(cell)
        if not path or id(path[-1]) in used_cells:
            continue
        hit: list[int] = []
        # Most specific first: the whole header combination, then shorter tails.
        for k in range(len(path), 0, -1):
            hit = idx.cols.exact("".join(p.text for p in path[-k:]))
            if hit:
                break
        if not hit:
            hit = idx.cols.contained(path[-1].text)
        if not hit:
            continue
        if len(hit) > 1:
            grouped = [i for i in hit if _col_group_ok(idx.spec.cols[i], path)]
            if grouped and len(grouped) < len(hit):
                hit = grouped
        choice = _pick(hit, taken, last)
        if choice is None:
            continue
        taken.add(choice)
        last = choice
        used_cells.add(id(path[-1]))
        cm.cols[c] = choice
        cm.labels[c] = L.display(path[-1].text)
    return cm


def _col_group_ok(col: ColSpec, path: list[Cell]) -> bool:
    if not col.group:
        return False
    return any(L.find_in(p.text, col.group) for p in path[:-1])


def _fallback_colmap(table: Table, data_rows: list[_Row], idx: _SpecIndex) -> Optional[_ColMap]:
    """No header row: for a one-column spec, the rightmost column holding the most numbers."""
    if len(idx.spec.cols) != 1 or not data_rows:
        return None
    grid = table.grid()
    counts: dict[int, int] = {}
    for row in data_rows:
        lc = row.label_cell
        start = (lc.col + lc.colspan) if lc is not None else 0
        for c in range(start, table.n_cols):
            cell = grid[row.index][c]
            if cell is not None and cell is not lc and cell.col == c and _looks_numeric(cell.text):
                counts[c] = counts.get(c, 0) + 1
    if not counts:
        return None
    best = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return _ColMap(cols={best: 0}, labels={best: idx.spec.cols[0].label}, n_cols=table.n_cols)


_MAX_NAMED = 8
"""Rows named in one message before "等 n 行"."""


def _header_cols(rows: list[_Row], idx: _SpecIndex) -> set[int]:
    """ColSpec indices whose label is written in a non-data row of the table, wherever it
    stands (in a text table a merged header cell is written once, so positions mean little)."""
    out: set[int] = set()
    for row in rows:
        if row.kind == "data":
            continue
        for c in row.cells:
            if c.text.strip():
                out.update(idx.cols.exact(c.text))
    return out


class _Mapper:
    def __init__(self, idx: _SpecIndex, chain: list[tuple[Table, list[_Row]]], text_grid: bool = False):
        self.text_grid = text_grid
        """Tables of a text input: a merged label cell was written once (or its field left
        empty or out), so columns need not line up; the values are the trailing cells."""
        self.header_cols: set[int] = set()
        """ColSpec indices named by the header rows of the chain's text tables so far."""
        self.unaligned: set[int] = set()
        """Text tables (block indices) whose complete rows disagree with the header columns."""
        self.unaligned_rows: list[str] = []
        """Labels of the rows of such tables that could not be read (named, not guessed)."""
        self.idx = idx
        self.chain = chain
        self.spec = idx.spec
        self.out = MappedTable(spec=idx.spec, blocks=[t.index for t, _ in chain])
        self.taken: set[int] = set()
        self.last = -1
        self.context: list[_Row] = []
        """Rows seen so far (nearest last), for group decisions."""
        self.found_cols: set[int] = set()
        self.no_value_col = False

    def run(self) -> MappedTable:
        colmap: Optional[_ColMap] = None
        for table, rows in self.chain:
            if colmap is not None and colmap.n_cols != table.n_cols:
                colmap = None
            pending: list[_Row] = []
            plan: list[tuple[_Row, Optional[_ColMap]]] = []
            for row in rows:
                if row.kind == "data":
                    if pending:
                        colmap = self._band(table, pending) or colmap
                        pending = []
                plan.append((row, colmap))
                if row.kind != "data":
                    pending.append(row)
            tail_map = self._band(table, pending) or colmap
            fallback = None
            if any(cm is None and row.kind == "data" for row, cm in plan):
                fallback = _fallback_colmap(table, [r for r, _ in plan if r.kind == "data"], self.idx)
            if self.text_grid:
                # A continuation (table split over pages) keeps the columns named above it.
                self.header_cols |= _header_cols(rows, self.idx)
                if not self._aligned(table, plan):
                    self.unaligned.add(table.index)
            for row, cm in plan:
                if row.kind == "data":
                    self._assign(table, row, cm or fallback)
                else:
                    self._remember(row)
            if self.idx.unlabeled_row and 0 not in self.taken and tail_map is not None:
                self._unlabeled(table, pending, tail_map)
            colmap = tail_map
        self._finish()
        return self.out

    def _remember(self, row: _Row) -> None:
        self.context.append(row)

    def _band(self, table: Table, pending: list[_Row]) -> Optional[_ColMap]:
        last_header = max((i for i, r in enumerate(pending) if r.kind == "header"), default=-1)
        if last_header < 0:
            return None
        cm = _build_colmap(table, pending[: last_header + 1], self.idx)
        return cm if cm.cols else None

    def _choose_row(self, row: _Row) -> Optional[int]:
        cands = [i for i in row.hit if i not in self.taken]
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        own = [c.text for c in row.cells if c is not row.label_cell and c.text.strip()]
        groups = {i: self.idx.spec.rows[i].group for i in cands if self.idx.spec.rows[i].group}
        if groups:
            # Nearest enclosing text first: the row's own merged cells, then the rows above.
            layers = itertools.chain([own], ([c.text for c in r.cells if c.text.strip()] for r in reversed(self.context)))
            for texts in layers:
                winners = [i for i, g in groups.items() if any(L.find_in(t, g) for t in texts)]
                if winners:
                    if len(winners) == 1:
                        return winners[0]
                    cands = winners
                    break
        return _pick(cands, self.taken, self.last)

    def _row_cols(self, row_key: str) -> list[int]:
        """ColSpec indices of the cells the format has in this row, in printed order."""
        return [ci for ci, c in enumerate(self.spec.cols) if (row_key, c.key) in self.idx.expected_set]

    def _covered(self, row_key: str) -> bool:
        """The table's header rows name every column this row needs: only then are the
        row's trailing values read in the format's column order."""
        return set(self._row_cols(row_key)) <= self.header_cols

    def _trailing(self, row: _Row, row_key: str) -> Optional[list[tuple[int, Cell]]]:
        """(ColSpec index, cell) for a text row whose non-empty cells after its label are
        values and count exactly the format's cells of the row; None otherwise. Labels to the
        left (a merged group label written once, a row number) are never values."""
        lc = row.label_cell
        start = lc.col + 1 if lc is not None else 0
        values = [c for c in row.cells if c.col >= start and c is not lc and c.text.strip()]
        cols = self._row_cols(row_key)
        if not cols or len(values) != len(cols):
            return None
        if any(parse_value(c.text)[0] == "invalid" for c in values):
            return None
        return list(zip(cols, values))

    def _aligned(self, table: Table, plan: list[tuple[_Row, Optional[_ColMap]]]) -> bool:
        """False when a complete data row of a text table puts its values elsewhere than under
        the header columns (merged labels written once): then a row with a blank cell cannot
        be read by position. A tidy tab-separated table (or one without complete rows) reads
        by position as before. Rows are matched to their first candidate spec (a check, not a
        choice)."""
        for row, cm in plan:
            if row.kind != "data" or not row.hit or cm is None:
                continue
            key = self.spec.rows[row.hit[0]].key
            trail = self._trailing(row, key)
            if trail is None:
                continue
            by_col = {ci: c for ci, c in trail}
            for gc, ci in cm.cols.items():
                if ci in by_col and table.cell_at(row.index, gc) is not by_col[ci]:
                    return False
        return True

    def _assign(self, table: Table, row: _Row, cm: Optional[_ColMap]) -> None:
        choice = self._choose_row(row)
        self._remember(row)
        if choice is None:
            return
        self.taken.add(choice)
        self.last = choice
        if self.text_grid:
            rspec = self.spec.rows[choice]
            trail = self._trailing(row, rspec.key) if self._covered(rspec.key) else None
            if trail is not None:
                self._put_trailing(table, row, rspec, trail)
                return
            if table.index in self.unaligned and cm is not None:
                label = L.display(row.label_cell.text) if row.label_cell is not None else rspec.label
                self.out.unreadable_cells.extend(f"{rspec.key}@{self.spec.cols[ci].key}" for ci in self._row_cols(rspec.key))
                self.unaligned_rows.append(label)
                return
        if cm is None:
            self.no_value_col = True
            return
        rspec = self.spec.rows[choice]
        label_cell = row.label_cell
        row_label = L.display(label_cell.text) if label_cell is not None else rspec.label
        for c, ci in cm.cols.items():
            self.found_cols.add(ci)
            cspec = self.spec.cols[ci]
            key = (rspec.key, cspec.key)
            if key not in self.idx.expected_set or key in self.out.cells:
                continue
            cell = table.cell_at(row.index, c)
            if cell is None:
                continue
            raw = "" if cell is label_cell else cell.text
            status, value = parse_value(raw)
            self.out.cells[key] = CellValue(
                row_key=rspec.key,
                col_key=cspec.key,
                raw=raw,
                value=value,
                status=status,
                block=table.index,
                row=row.index,
                col=c,
                row_label=row_label,
                col_label=cm.labels.get(c, cspec.label),
            )

    def _put_trailing(self, table: Table, row: _Row, rspec, trail: list[tuple[int, Cell]]) -> None:
        row_label = L.display(row.label_cell.text) if row.label_cell is not None else rspec.label
        for ci, cell in trail:
            cspec = self.spec.cols[ci]
            key = (rspec.key, cspec.key)
            if key in self.out.cells:
                continue
            self.found_cols.add(ci)
            status, value = parse_value(cell.text)
            self.out.cells[key] = CellValue(
                row_key=rspec.key,
                col_key=cspec.key,
                raw=cell.text,
                value=value,
                status=status,
                block=table.index,
                row=row.index,
                col=cell.col,
                row_label=row_label,
                col_label=cspec.label,
            )

    def _unlabeled(self, table: Table, pending: list[_Row], cm: _ColMap) -> None:
        if self.text_grid:
            # A text table's unlabeled data row: all its cells are values, as many as the format's.
            last_header = max((i for i, r in enumerate(pending) if r.kind == "header"), default=-1)
            key = self.spec.rows[0].key
            rows = pending[last_header + 1 :] if self._covered(key) else []
            for row in rows:
                row.label_cell = None
                trail = self._trailing(row, key)
                if trail is not None and any(parse_value(c.text)[0] == "number" for _, c in trail):
                    self.taken.add(0)
                    self.last = 0
                    self._remember(row)
                    self._put_trailing(table, row, self.spec.rows[0], trail)
                    return

        last_header = max((i for i, r in enumerate(pending) if r.kind == "header"), default=-1)
        cands: list[_Row] = []
        grid = table.grid()
        for row in pending[last_header + 1 :]:
            values = [grid[row.index][c] for c in cm.cols]
            if any(v is None for v in values):
                continue
            value_ids = {id(v) for v in values}
            others = [c for c in row.cells if id(c) not in value_ids and c.text.strip()]
            if others or not all(_looks_numeric(v.text) or not v.text.strip() for v in values):
                continue
            cands.append(row)
        if not cands:
            return
        pick = next((r for r in cands if any(parse_value(grid[r.index][c].text)[0] == "number" for c in cm.cols)), cands[0])
        pick.hit = [0]
        pick.label_cell = None
        self._assign(table, pick, cm)

    def _finish(self) -> None:
        out = self.out
        spec = self.spec
        if self.unaligned_rows:
            shown = self.unaligned_rows[:_MAX_NAMED]
            more = f"等 {len(self.unaligned_rows)} 行" if len(self.unaligned_rows) > len(shown) else ""
            out.unreadable.append(
                {
                    "zh": f"《{spec.title}》各列未对齐（合并单元格只写了一次），以下各行的数字个数与格式的栏目数不符，无法确定数字属于哪一列："
                    + "、".join(f"「{x}」" for x in shown)
                    + more,
                    "en": f"《{spec.title}》: the columns do not line up (merged cells written once) and these rows hold a different count of numbers than the format's columns, so their numbers cannot be assigned: "
                    + ", ".join(shown)
                    + (" …" if more else ""),
                }
            )
        if self.no_value_col and not out.cells:
            if len(spec.cols) == 1:
                out.unreadable.append(
                    {
                        "zh": f"《{spec.title}》找不到数值列（如“{spec.cols[0].label}”）：数字可能和栏目名称挤在同一单元格里，表格无法逐格核对",
                        "en": f"《{spec.title}》: no value column (such as {spec.cols[0].label}) was found; numbers may share cells with the labels, so the table cannot be checked cell by cell",
                    }
                )
            else:
                heads = "、".join(f"“{c.label}”" for c in spec.cols[:3])
                out.unreadable.append(
                    {
                        "zh": f"《{spec.title}》找不到列标题（如{heads}），无法确定数字属于哪一列，表格无法逐格核对",
                        "en": f"《{spec.title}》: the column headers (such as {', '.join(c.label for c in spec.cols[:3])}) were not found, so the numbers cannot be assigned to columns",
                    }
                )
            return
        found_rows = {spec.rows[i].key for i in self.taken}
        out.missing_rows = [r.key for r in spec.rows if r.key not in found_rows and not r.optional]
        out.missing_cols = [c.key for i, c in enumerate(spec.cols) if i not in self.found_cols]
        missing_rows = set(out.missing_rows) | {r.key for r in spec.rows if r.key not in found_rows}
        missing_cols = set(out.missing_cols)
        unreadable = set(out.unreadable_cells)
        out.missing_cells = [
            f"{r}@{c}"
            for r, c in self.idx.expected
            if (r, c) not in out.cells and r not in missing_rows and c not in missing_cols and f"{r}@{c}" not in unreadable
        ]


# --------------------------------------------------------------------------------------
# Flattened tables: no Word table, but the labels and numbers sit in body paragraphs

_DIGIT_RE = re.compile(r"\d")
_SPACED_ROW_RE = re.compile(r"(?:^|\s)\d[\d.,]*(?:[ \u3000]+\d[\d.,]*){2,}[ \u3000]*$")
"""Three or more numbers set apart by spaces at the end of a line: a table row whose tabs
became spaces (narrative sentences do not end that way)."""


class _FlatText:
    """Body paragraphs and the cells of narrow tables, whitespace removed, joined once per
    document: one C-level regex pass per spec finds flattened tables."""

    _SEP = "\x00"

    def __init__(self, document: Document):
        pairs: list[tuple[int, str]] = []
        for block in document.blocks:
            if type(block) is Paragraph:
                if block.container is None and block.text:
                    pairs.append((block.index, block.text))
            elif isinstance(block, Table):
                # Only a table of one or two columns can hold a flattened statistics
                # table; a wider one was read as a table (or is another table).
                if block.n_cols <= 2:
                    pairs.extend((block.index, c.text) for c in block.cells if c.text)
            elif isinstance(block, Paragraph):  # a subclass
                if block.container is None and block.text:
                    pairs.append((block.index, block.text))
        pairs = [(i, t.replace(self._SEP, "")) for i, t in pairs if not t.isspace()]
        self.owners = [i for i, _ in pairs]
        self.raw = [t for _, t in pairs]
        """Each part as written (whitespace kept: it separates the numbers of a row)."""
        self.text = _WS_RE.sub("", self._SEP.join(self.raw))
        self.starts = [0, *(m.end() for m in re.finditer(self._SEP, self.text))]

    def part(self, i: int) -> str:
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[i] : end]


_NEIGHBOUR_KEYS = 3
"""A part next to the densest one continues the flattened table when it shows this many
of the table's labels with numbers (a split paragraph), not a narrative mention or two."""


_ROW_LINE_CHARS = 400
"""A table row (or header row, or a row group cut out of run-together text) written as a
line of its own is shorter than this."""
_HEADER_LINES = 4


def _line_run(flat: _FlatText, any_part: dict[int, set[str]]) -> Optional[tuple[int, int, set[str]]]:
    """(first, last, labels) of the longest run of consecutive short parts that each show a
    label of the table: a table whose tabs became spaces, one row (or header row) per line.
    The header lines carry no digits but must be read with the rows below them."""
    best: Optional[tuple[int, int, set[str]]] = None
    i = 0
    n = len(flat.raw)

    def in_run(k: int) -> bool:
        # A line with a label of the table, or a row of spaced figures whose label is too
        # short to search for ("（七）总计 40 3 0 1 2 0 46", "3.其他 1 0 0 0 0 0 1").
        return len(flat.raw[k]) <= _ROW_LINE_CHARS and (k in any_part or bool(_SPACED_ROW_RE.search(flat.raw[k])))

    while i < n:
        if i not in any_part or not in_run(i):
            i += 1
            continue
        j, keys = i, set()
        while j < n and in_run(j):
            keys |= any_part.get(j, set())
            j += 1
        if j - i >= 3 and (best is None or len(keys) > len(best[2])):
            best = (i, j - 1, keys)
        i = j
    if best is not None:
        # Header lines right above (short, no figures) name the columns; labels shorter than
        # four characters (自然人, 总计) are not in the search keys, so take them by position.
        lo = best[0]
        while (
            lo > 0 and best[0] - lo < _HEADER_LINES and len(flat.raw[lo - 1]) <= _ROW_LINE_CHARS and not _DIGIT_RE.search(flat.raw[lo - 1])
        ):
            lo -= 1
        best = (lo, best[1], best[2])
    return best


def _flattened(document: Document, idx: _SpecIndex, flat: Optional[_FlatText] = None) -> Optional[MappedTable]:
    spec = idx.spec
    rx = idx.flat_re
    if rx is None:
        return None
    flat = flat or _FlatText(document)
    if not flat.owners:
        return None
    found: set[str] = set()
    per_part: dict[int, set[str]] = {}
    any_part: dict[int, set[str]] = {}
    digits: dict[int, bool] = {}
    for m in rx.finditer(flat.text):
        i = bisect.bisect_right(flat.starts, m.start()) - 1
        if i not in digits:
            digits[i] = bool(_DIGIT_RE.search(flat.part(i)))
        key = idx.flat_keys[m.group()]
        any_part.setdefault(i, set()).add(key)
        if not digits[i]:
            continue
        found.add(key)
        per_part.setdefault(i, set()).add(key)
    n_keys = len(set(idx.flat_keys.values()))
    run = _line_run(flat, any_part)
    if idx.unlabeled_row and run is not None and any(_SPACED_ROW_RE.search(flat.raw[i]) for i in range(run[0], run[1] + 1)):
        # A table known by its column headers only (section 四) whose tabs became spaces: the
        # headers are lines without figures, the figures a line below them.
        found |= run[2]
        per_part = {i: any_part.get(i, set()) for i in range(run[0], run[1] + 1)}
    if len(found) < max(4, (n_keys * 2 + 4) // 5) or not per_part:
        return None
    # The table sits where its labels are densest; narrative mentions elsewhere are not it.
    main = max(per_part, key=lambda i: (len(per_part[i]), -i))
    lo = hi = main
    while lo - 1 in per_part and len(per_part[lo - 1]) >= _NEIGHBOUR_KEYS:
        lo -= 1
    while hi + 1 in per_part and len(per_part[hi + 1]) >= _NEIGHBOUR_KEYS:
        hi += 1
    if run is not None and len(run[2]) > len(set().union(*(per_part.get(i, set()) for i in range(lo, hi + 1)))):
        lo, hi = run[0], run[1]
    parts = [(flat.owners[i], flat.raw[i]) for i in range(lo, hi + 1)]
    reading = read_flattened(parts, spec)
    blocks = sorted({b for b, _ in parts})
    out = MappedTable(spec=spec, blocks=blocks, flattened=True)
    for fc in reading.cells:
        out.cells[(fc.row_key, fc.col_key)] = CellValue(
            row_key=fc.row_key,
            col_key=fc.col_key,
            raw=fc.raw,
            value=fc.value,
            status="number",
            block=fc.block,
            row=None,
            col=None,
            row_label=fc.row_label,
            col_label=fc.col_label,
            span=(fc.start, fc.end),
        )
    out.unreadable_cells = [f"{r}@{c}" for r, c in idx.expected if (r, c) not in out.cells]
    reason = reading.reason(spec.title)
    if reason is not None:
        out.unreadable.append(reason)
    elif not out.cells:
        out.unreadable.append(
            {
                "zh": f"《{spec.title}》没有按表格逐格填写，而是压平成了文字（{len(found)} 个栏目名称和数字混在同一段落或单元格里），无法逐格核对",
                "en": f"the table 《{spec.title}》 is flattened into text ({len(found)} row labels share paragraphs or cells with the numbers) and cannot be checked cell by cell",
            }
        )
    return out


def _best_mapping(idx: _SpecIndex, chains: list[list[tuple[Table, list[_Row]]]], text_grid: bool = False) -> Optional[MappedTable]:
    """The best chain, joined by the other chains that found only rows it lacks.

    A table cut into pieces by headings or text (each piece with its own anchors) shows up
    as several chains with disjoint rows; a second copy of the same table shares rows with
    the first and is left out.
    """
    if not chains:
        return None
    runs = []
    for chain in chains:
        m = _Mapper(idx, chain, text_grid)
        mt = m.run()
        runs.append((chain, m.taken, mt))
    best_i = max(range(len(runs)), key=lambda i: (len(runs[i][2].cells) * 2 + len(runs[i][1]), -i))
    taken = set(runs[best_i][1])
    keep = [best_i]
    for i, (_, rows, _) in enumerate(runs):
        if i != best_i and rows and not (rows & taken):
            keep.append(i)
            taken |= rows
    if len(keep) == 1:
        return runs[best_i][2]
    joined = [part for i in sorted(keep) for part in runs[i][0]]
    return _Mapper(idx, joined, text_grid).run()


_LOOKBACK = 8
"""Paragraphs above a table searched for its title words (a broken header spills there)."""


def _unrecognised(document: Document, idx: _SpecIndex) -> Optional[MappedTable]:
    """A table with numbers right under text naming two or more of the spec's anchors.

    Garbled conversions (PDF → text) keep the table's title words but break its header
    cells; the table is there, so "missing" would be wrong — it is unreadable.
    """
    spec = idx.spec
    anchors = {L.label_keys(a)[1] for a in spec.anchors}
    anchors.discard("")
    if len(anchors) < 2:
        return None
    blocks = document.blocks
    for block in blocks:
        if not isinstance(block, Table) or block.container is not None:
            continue
        if not any(parse_value(c.text)[0] == "number" for c in block.cells):
            continue
        texts = [c.text for c in block.cells]
        i, taken = block.index - 1, 0
        while i >= 0 and taken < _LOOKBACK:
            prev = blocks[i]
            if isinstance(prev, Table):
                break
            if prev.container is None:
                texts.append(prev.text)
                taken += 1
            i -= 1
        joined = L.clean("".join(texts))
        found = {a for a in anchors if a in joined}
        if len(found) >= 2:
            return MappedTable(
                spec=spec,
                blocks=[block.index],
                unreadable=[
                    {
                        "zh": f"《{spec.title}》的表格在文档中（附近有“{'”“'.join(sorted(found))}”等栏目名称），但表头无法识别，表格无法逐格核对",
                        "en": f"the table 《{spec.title}》 is there (its labels {', '.join(sorted(found))} are nearby) but its header cannot be recognised, so it cannot be checked cell by cell",
                    }
                ],
            )
    # No table block at all: the header words and the numbers on lines of their own (a text
    # table whose tabs became spaces). The table is there; it is unreadable, not missing.
    paras = [b for b in blocks if isinstance(b, Paragraph) and b.container is None]
    for i in range(len(paras)):
        window = paras[i : i + _LOOKBACK]
        if not any(_SPACED_ROW_RE.search(p.text) for p in window):
            continue
        joined = L.clean("".join(p.text for p in window))
        found = {a for a in anchors if a in joined}
        if len(found) >= 2:
            return MappedTable(
                spec=spec,
                blocks=[paras[i].index],
                unreadable=[
                    {
                        "zh": f"《{spec.title}》的栏目名称在文中（“{'”“'.join(sorted(found))}”），但没有表格结构（制表符或表格线），表格无法逐格核对",
                        "en": f"the labels of 《{spec.title}》 ({', '.join(sorted(found))}) are in the text without a table structure (tabs or cell borders), so it cannot be checked cell by cell",
                    }
                ],
            )
    return None


_INDEX_CACHE: dict[int, tuple[TableSpec, _SpecIndex]] = {}


def _index_for(spec: TableSpec) -> _SpecIndex:
    return derived(_INDEX_CACHE, spec, _SpecIndex)


def map_tables(document: Document, profile: Profile) -> dict[str, MappedTable]:
    out: dict[str, MappedTable] = {}
    prepared: dict[int, _Prepared] = {}
    flat: Optional[_FlatText] = None
    for spec in profile.tables:
        if not spec.rows or not spec.cols:
            continue
        idx = _index_for(spec)
        chains = _chains(document, idx, prepared)
        best = _best_mapping(idx, chains, document.format in ("txt", "md"))
        if best is None:
            if flat is None:
                flat = _FlatText(document)
            best = _flattened(document, idx, flat) or _unrecognised(document, idx)
        if best is not None:
            out[spec.key] = best
    return out
