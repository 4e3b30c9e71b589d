"""Reading a statistics table that lost its grid: labels and numbers run together in text.

Web crawlers flatten the national tables into one line of text, e.g.
"（一）予以公开6000017（二）部分公开…8100009（三）不予公开 1.属于国家秘密00000002.其他…".
The cell boundaries are gone; what survives is the printed order of the rows and columns.
This module reads back only what that order makes certain, and names what it does not:

* Row labels are located in printed order (keys from report_lint.text.labels, so spaces inside
  labels and full/half-width punctuation do not matter). The labels are tokenised
  leftmost-longest together with the column labels and group headers, so "其他" inside
  "其他法律行政法规禁止公开" or "其他处理" is not a label of its own; among all
  order-preserving choices of label occurrences the one finding most rows wins, earliest
  first on ties. A word naming both a row and a column ("总计", "其他") is a row only
  where numbers follow it, so the header's "总计" is not taken for the row of that name.
* A row's values are the run of numbers right after its label (after an optional note in
  parentheses), up to the first other character. The next row's enumerator glued to the
  digits ("00000002.其他…") is cut off only when it is exactly the number the format prints
  there (the position of that row within its group); any other digit followed by "." or
  "、" makes the row uncertain, because where the number ends cannot be told.
* The values are decided only when the split into cells is unique, assuming what the
  format requires (no cell left empty, whitespace only between cells):
    - as many whitespace-separated numbers as cells → those numbers;
    - as many digits as cells ("6000017", "0 0 00 00 0") → one digit per cell;
    - anything else ("713000074": 9 digits for 7 cells) → unreadable. Never guessed.
  A multi-digit number starting with 0 ("00") is not a plausible cell: uncertain.
* Values go to the columns in the format's printed order, and only when the headers of
  the row's columns were seen above it (stacked sub-tables re-state their own headers).
* A table whose only data row has no label (section 四) is read after its header: the run
  of numbers following the densest cluster of column labels.

INTERFACE:
    read_flattened(parts, spec) -> FlatReading
        parts: [(block index, text)] in document order, the paragraph(s) (or narrow-table
        cells) holding the flattened table; spec: the profile's TableSpec.
    FlatReading.cells -> list[FlatCell]  certain cells only
    FlatReading.rows  -> list[FlatRow]   every spec row with its status and problem
    FlatReading.reason(title) -> {"zh", "en"} or None (nothing located at all)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Optional, Sequence

from report_lint.text import labels as L
from report_lint.profiles.load import TableSpec, derived
from report_lint.text.normalize import number_chars_to_ascii

_LEAD_RE = re.compile(r"[\s:：]*(?:[(（][^()（）]{0,80}[)）][\s:：]*)?")
_VALUES_RE = re.compile(r"[\d\s.+\-]*")
_ENUM_PUNCT = ".．、"
_OPENERS = frozenset("(（[【《“\"‘'「『〔")
_KIND_RE = {
    "count": re.compile(r"\d+"),
    "signed": re.compile(r"[+-]?\d+"),
    "amount": re.compile(r"\d+(?:\.\d+)?"),
}
_SIGN_SPLIT_RE = re.compile(r"(?<=[\d.])(?=[+-])")
_MAX_CHARS = 100_000
"""A flattened statistics table is a paragraph of a few hundred characters; text longer than
this is not read (the caller keeps its generic "flattened" message)."""
_MAX_NODES = 1_000
"""Row-label occurrences the order-preserving assignment (quadratic) looks at, at most."""
_SEP = "\x00"
"""Between parts in the cleaned text: no label key contains it, so no token spans two parts."""


@dataclass
class FlatCell:
    row_key: str
    col_key: str
    raw: str
    value: Decimal
    block: int
    row_label: str
    col_label: str
    start: int
    end: int
    """Character span of the row's values inside the part's text."""


@dataclass
class FlatRow:
    key: str
    label: str
    """The spec label without its note ("" for the unlabeled row of section 四)."""
    status: str = "not_found"
    """read · unreadable · not_found · no_header"""
    problem: str = ""
    """For unreadable rows: none · split · zero · glued · format."""
    block: Optional[int] = None
    printed: str = ""
    values: str = ""
    """The value text as found (whitespace kept)."""
    n_cells: int = 0
    cells: list[FlatCell] = field(default_factory=list)

    def detail(self, lang: str) -> str:
        """Why the row could not be read, in a few words (for the T008 message)."""
        toks = self.values.split()
        digits = sum(ch.isdigit() for ch in self.values)
        n = self.n_cells
        if self.problem == "split":
            if len(toks) <= 1:
                return f"{digits}位数字对应{n}列" if lang == "zh" else f"{digits} digits for {n} columns"
            return f"{len(toks)}组共{digits}位数字对应{n}列" if lang == "zh" else f"{len(toks)} groups, {digits} digits, for {n} columns"
        if self.problem == "zero":
            bad = next((t for t in toks if len(t) > 1 and t.startswith("0") and t.isdigit()), "")
            return f"“{bad}”不像一格里的数" if lang == "zh" else f"'{bad}' is not one cell's number"
        if self.problem == "glued":
            return (
                "数字后紧接序号或标点，无法确定数字在哪里结束" if lang == "zh" else "a numbering mark or punctuation is glued to the digits"
            )
        if self.problem == "format":
            shown = " ".join(toks)[:24]
            return f"“{shown}”无法逐格拆分" if lang == "zh" else f"'{shown}' cannot be split into cells"
        return "栏目名称后没有数字" if lang == "zh" else "no number after the label"


@dataclass
class FlatReading:
    rows: list[FlatRow] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)

    @property
    def cells(self) -> list[FlatCell]:
        return [c for r in self.rows for c in r.cells]

    def rows_with(self, *status: str) -> list[FlatRow]:
        return [r for r in self.rows if r.status in status]

    def reason(self, title: str) -> Optional[dict[str, str]]:
        """One plain reason naming every row that could not be read, or None when all
        rows were read (nothing to report) or no row was even located (the caller keeps
        its generic "flattened" message)."""
        read = self.rows_with("read")
        bad = self.rows_with("unreadable")
        lost = self.rows_with("not_found")
        headless = self.rows_with("no_header")
        if not (bad or lost or headless):
            return None
        if not (read or bad or headless):
            return None
        zh = [f"《{title}》被压平成了文字（没有表格线）"]
        en = [f"the table 《{title}》 is flattened into text (no cell boundaries)"]
        if read:
            zh.append(f"数字个数与列数一致的 {_rows_text(len(read), 'zh')}已逐格读出")
            en.append(f"{_rows_text(len(read), 'en')} whose digits match the columns {'was' if len(read) == 1 else 'were'} read")
        if len(self.rows) == 1 and bad and not bad[0].printed:
            # The one unlabeled data row (section 四): no list of rows to name.
            zh.append(f"表中数字连在一起（{bad[0].detail('zh')}），无法确定分属哪一列")
            en.append(f"its digits run together ({bad[0].detail('en')}) and cannot be assigned to columns")
        elif bad:
            zh.append("以下各行的数字连在一起，无法确定分属哪一列：" + "、".join(f"{_name(r, 'zh')}（{r.detail('zh')}）" for r in bad))
            en.append(
                "the digits of these rows run together and cannot be assigned to columns: "
                + "; ".join(f"{_name(r, 'en')} ({r.detail('en')})" for r in bad)
            )
        if headless:
            zh.append("以下各行上方找不到列标题，无法确定数字属于哪一列：" + "、".join(_name(r, "zh") for r in headless))
            en.append("no column headers were found above these rows: " + "; ".join(_name(r, "en") for r in headless))
        if lost:
            zh.append("找不到以下各行的栏目名称：" + "、".join(_name(r, "zh") for r in lost))
            en.append("the labels of these rows were not found: " + "; ".join(_name(r, "en") for r in lost))
        zh.append("涉及这些数字的勾稽关系未核对")
        en.append("identities involving them were not checked")
        return {"zh": "；".join(zh), "en": "; ".join(en)}


def _name(row: FlatRow, lang: str) -> str:
    # As printed ("（七）总计", not the bare "总计" that also names a column), note dropped.
    name = _NOTE_RE.sub("", row.printed) or row.printed or row.label
    if name:
        return f"「{name}」" if lang == "zh" else name
    return "表中的数据行" if lang == "zh" else "the data row"


def _rows_text(n: int, lang: str) -> str:
    return f"{n} 行" if lang == "zh" else (f"{n} row" if n == 1 else f"{n} rows")


# --------------------------------------------------------------------------------------
# The spec, compiled once per TableSpec


_NOTE_RE = re.compile(r"\s*[（(][^（）()]*[)）]\s*$")


@dataclass
class _Role:
    rows: list[int] = field(default_factory=list)
    cols: list[int] = field(default_factory=list)
    other: bool = False
    """A group header or anchor: a word of the table that is neither a row nor a column."""


class _Compiled:
    def __init__(self, spec: TableSpec):
        self.spec = spec
        roles: dict[str, _Role] = {}

        def add(text: str, kind: str, i: int = -1) -> None:
            for key in set(L.label_keys(text)):
                if len(key) < 2:
                    continue
                role = roles.setdefault(key, _Role())
                if kind == "row" and i not in role.rows:
                    role.rows.append(i)
                elif kind == "col" and i not in role.cols:
                    role.cols.append(i)
                elif kind == "other":
                    role.other = True

        for i, r in enumerate(spec.rows):
            for text in (r.label, *r.variants):
                if text:
                    add(text, "row", i)
        for i, c in enumerate(spec.cols):
            for text in (c.label, *c.variants):
                add(text, "col", i)
        for r in spec.rows:
            if r.group:
                add(r.group, "other")
        for c in spec.cols:
            if c.group:
                add(c.group, "other")
        for a in spec.anchors:
            add(a, "other")
        self.roles = roles
        self.token_re = re.compile("|".join(re.escape(k) for k in sorted(roles, key=len, reverse=True))) if roles else None
        self.header_mode = len(spec.rows) == 1 and not L.label_key(spec.rows[0].label)
        col_pos = {c.key: i for i, c in enumerate(spec.cols)}
        if spec.cells:
            pairs = [tuple(ref.split("@", 1)) if "@" in ref else (ref, spec.cols[0].key) for ref in spec.cells]
        else:
            pairs = [(r.key, c.key) for r in spec.rows for c in spec.cols]
        self.row_cols: dict[str, list[int]] = {}
        for rk, ck in pairs:
            if ck in col_pos:
                self.row_cols.setdefault(rk, []).append(col_pos[ck])
        # The digit the format prints before a numbered sub-row ("2.其他法律…"): its place
        # among the consecutive rows of the same group.
        self.enum: list[Optional[str]] = []
        for i, r in enumerate(spec.rows):
            if not r.group:
                self.enum.append(None)
                continue
            k = 1
            while i - k >= 0 and spec.rows[i - k].group == r.group:
                k += 1
            self.enum.append(str(k))
        self.short = [(_NOTE_RE.sub("", r.label) or r.label) for r in spec.rows]

    def kind(self, row: int, col: int) -> str:
        c = self.spec.cols[col]
        return c.kind or self.spec.rows[row].kind or "count"


_CACHE: dict[int, tuple[TableSpec, _Compiled]] = {}


def _compiled(spec: TableSpec) -> _Compiled:
    return derived(_CACHE, spec, _Compiled)


# --------------------------------------------------------------------------------------
# Tokens


@dataclass
class _Token:
    part: int
    start: int
    end: int
    """Span in the part's original text."""
    role: _Role
    cstart: int
    cend: int
    """Span in the joined cleaned text (to look for digits between tokens)."""


_CHAR_CLEAN: dict[str, str] = {}


def _char_clean(ch: str) -> str:
    t = _CHAR_CLEAN.get(ch)
    if t is None:
        if len(_CHAR_CLEAN) > 65536:
            _CHAR_CLEAN.clear()
        t = _CHAR_CLEAN[ch] = L.clean(ch)
    return t


def _clean_with_map(text: str) -> tuple[str, list[int]]:
    """``labels.clean`` character by character, with the source index of every output char."""
    get = _CHAR_CLEAN.get
    mapped = [get(ch) if ch in _CHAR_CLEAN else _char_clean(ch) for ch in text]
    if max(map(len, mapped), default=0) <= 1:
        return "".join(mapped), [i for i, t in enumerate(mapped) if t]
    pos: list[int] = []
    for i, t in enumerate(mapped):
        pos.extend([i] * len(t))
    return "".join(mapped), pos


def _tokens(comp: _Compiled, texts: list[str]) -> tuple[list[_Token], str]:
    cleaned_parts: list[str] = []
    maps: list[list[int]] = []
    for t in texts:
        c, m = _clean_with_map(t.replace(_SEP, " "))
        cleaned_parts.append(c)
        maps.append(m)
    joined = _SEP.join(cleaned_parts)
    offsets = []
    o = 0
    for c in cleaned_parts:
        offsets.append(o)
        o += len(c) + 1
    tokens: list[_Token] = []
    if comp.token_re is None:
        return tokens, joined
    p = 0
    for m in comp.token_re.finditer(joined):
        while p + 1 < len(offsets) and m.start() >= offsets[p + 1]:
            p += 1
        a, b = m.start() - offsets[p], m.end() - offsets[p]
        pos = maps[p]
        tokens.append(_Token(p, pos[a], pos[b - 1] + 1, comp.roles[m.group()], m.start(), m.end()))
    return tokens, joined


def _best_chain(tokens: list[_Token], joined: str) -> dict[int, int]:
    """token index → row index: the order-preserving assignment with the most rows,
    earliest occurrences on ties.

    A word that names both a row and a column ("总计", "其他") is a row only where
    numbers follow it: in the header it is followed by the next header word.
    """

    def numbers_follow(ti: int) -> bool:
        end = tokens[ti + 1].cstart if ti + 1 < len(tokens) else len(joined)
        gap = joined[tokens[ti].cend : end].split(_SEP, 1)[0]
        return any(ch.isdigit() for ch in gap)

    nodes = [(ti, r) for ti, t in enumerate(tokens) if t.role.rows and (not t.role.cols or numbers_follow(ti)) for r in sorted(t.role.rows)]
    if not nodes or len(nodes) > _MAX_NODES:
        return {}
    n = len(nodes)
    length = [1] * n
    for a in range(n - 1, -1, -1):
        ta, ra = nodes[a]
        best = 0
        for b in range(a + 1, n):
            tb, rb = nodes[b]
            if tb > ta and rb > ra and length[b] > best:
                best = length[b]
        length[a] = 1 + best
    top = max(length)
    chain: dict[int, int] = {}
    cur = next(a for a in range(n) if length[a] == top)
    while True:
        ta, ra = nodes[cur]
        chain[ta] = ra
        need = length[cur] - 1
        if need == 0:
            break
        cur = next(b for b in range(cur + 1, n) if nodes[b][0] > ta and nodes[b][1] > ra and length[b] == need)
    return chain


# --------------------------------------------------------------------------------------
# Values of one row


def _values(
    comp: _Compiled, row: int, cols: list[int], text: str, start: int, end: int, enum_next: Optional[str]
) -> tuple[str, str, int, int, list[str]]:
    """(status, problem, value start, value end, raw cell texts) for the region text[start:end]."""
    region = number_chars_to_ascii(text[start:end])
    if enum_next is not None:
        stripped = region.rstrip()
        for p in _ENUM_PUNCT:
            if stripped.endswith(enum_next + p):
                region = stripped[: -len(enum_next) - 1]
                break
    i = _LEAD_RE.match(region).end()
    vm = _VALUES_RE.match(region, i)
    vtext = vm.group()
    a = start + i
    b = start + i + len(vtext.rstrip())
    if not any(ch.isdigit() for ch in vtext):
        return "unreadable", "none", a, b, []
    after = region[vm.end() :]
    core = vtext.rstrip()
    if core.endswith((".", "-", "+")):
        return "unreadable", "glued", a, b, []
    if after:
        nxt = after[0]
        if not ("\u3400" <= nxt <= "\u9fff" or nxt in _OPENERS):
            return "unreadable", "glued", a, b, []
    # A sign starts a number of its own ("35-15": 35 and -15 in a 本年增/减 column).
    toks = [t for piece in core.split() for t in _SIGN_SPLIT_RE.split(piece) if t]
    n = len(cols)
    if len(toks) == n:
        if not all(_KIND_RE[comp.kind(row, c)].fullmatch(t) for t, c in zip(toks, cols)):
            return "unreadable", "format", a, b, []
        if any(len(t) > 1 and t.isdigit() and t.startswith("0") for t in toks):
            return "unreadable", "zero", a, b, []
        return "read", "", a, b, toks
    if all(t.isdigit() for t in toks):
        digits = "".join(toks)
        if len(digits) == n:
            return "read", "", a, b, list(digits)
        return "unreadable", "split", a, b, []
    return "unreadable", "format", a, b, []


_CN_ENUM_RE = re.compile(r"(?:[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．])\s*$")


def _enumerator_before(text: str, start: int, digit: Optional[str]) -> str:
    """The printed numbering right before a label ("（七）", "一、", "2."), for messages."""
    head = text[max(0, start - 8) : start]
    m = _CN_ENUM_RE.search(head)
    if m:
        return m.group().strip()
    if digit is not None:
        stripped = number_chars_to_ascii(head.rstrip())
        for p in _ENUM_PUNCT:
            if stripped.endswith(digit + p):
                return digit + p
    return ""


def _make_cells(comp: _Compiled, row: int, cols: list[int], raws: list[str], block: int, printed: str, a: int, b: int) -> list[FlatCell]:
    spec = comp.spec
    rspec = spec.rows[row]
    out = []
    for c, raw in zip(cols, raws):
        try:
            value = Decimal(raw.lstrip("+"))
        except InvalidOperation:  # pragma: no cover - the kind regexes admit only literals
            return []
        cspec = spec.cols[c]
        out.append(FlatCell(rspec.key, cspec.key, raw, value, block, printed, cspec.label, a, b))
    return out


# --------------------------------------------------------------------------------------
# Entry point


def read_flattened(parts: Sequence[tuple[int, str]], spec: TableSpec) -> FlatReading:
    comp = _compiled(spec)
    texts = [t or "" for _, t in parts]
    blocks = [b for b, _ in parts]
    reading = FlatReading(blocks=sorted(set(blocks)))
    reading.rows = [FlatRow(key=r.key, label=comp.short[i]) for i, r in enumerate(spec.rows)]
    for fr in reading.rows:
        fr.n_cells = len(comp.row_cols.get(fr.key, []))
    if not parts or not spec.rows or sum(len(t) for t in texts) > _MAX_CHARS:
        return reading
    tokens, joined = _tokens(comp, texts)
    if comp.header_mode:
        _read_header_mode(comp, reading, tokens, joined, texts, blocks)
    else:
        _read_labeled(comp, reading, tokens, joined, texts, blocks)
    for fr, r in zip(reading.rows, spec.rows):
        if fr.status == "not_found" and r.optional:
            fr.status = "optional"
    return reading


def _read_labeled(comp: _Compiled, reading: FlatReading, tokens: list[_Token], joined: str, texts: list[str], blocks: list[int]) -> None:
    chain = _best_chain(tokens, joined)
    ordered = sorted(chain)
    # Columns whose header was printed above each row. Cumulative: a stacked sub-table
    # re-states its own headers, and a label word that could not be told from a column
    # header must not hide the headers printed above it.
    seen: set[int] = set()
    bands: dict[int, frozenset[int]] = {}
    for ti, tok in enumerate(tokens):
        if ti in chain:
            bands[ti] = frozenset(seen)
        elif tok.role.cols:
            seen.update(tok.role.cols)
    for n, ti in enumerate(ordered):
        tok = tokens[ti]
        row = chain[ti]
        fr = reading.rows[row]
        text = texts[tok.part]
        fr.block = blocks[tok.part]
        fr.printed = L.display(_enumerator_before(text, tok.start, comp.enum[row]) + text[tok.start : tok.end])
        nxt = tokens[ordered[n + 1]] if n + 1 < len(ordered) else None
        if nxt is not None and nxt.part == tok.part:
            end, enum_next = nxt.start, comp.enum[chain[ordered[n + 1]]]
        else:
            end, enum_next = len(text), None
        cols = comp.row_cols.get(fr.key, [])
        if not cols:
            fr.status = "read"
            continue
        status, problem, a, b, raws = _values(comp, row, cols, text, tok.end, end, enum_next)
        fr.values = text[a:b]
        if not set(cols) <= bands[ti]:
            fr.status = "no_header"
            continue
        fr.status, fr.problem = status, problem
        if status == "read":
            fr.cells = _make_cells(comp, row, cols, raws, fr.block, fr.printed, a, b)


def _read_header_mode(
    comp: _Compiled, reading: FlatReading, tokens: list[_Token], joined: str, texts: list[str], blocks: list[int]
) -> None:
    """The one unlabeled data row: the numbers right after the densest header cluster."""
    clusters: list[list[_Token]] = []
    for tok in tokens:
        if clusters:
            prev = clusters[-1][-1]
            gap = joined[prev.cend : tok.cstart]
            if prev.part == tok.part and not any(ch.isdigit() for ch in gap):
                clusters[-1].append(tok)
                continue
        clusters.append([tok])
    fr = reading.rows[0]
    cols = comp.row_cols.get(fr.key, [])
    if not clusters or not cols:
        return
    best = max(clusters, key=lambda cl: sum(1 for t in cl if t.role.cols))
    covered = {c for t in best for c in t.role.cols}
    last = best[-1]
    text, part, start = texts[last.part], last.part, last.end
    if not any(ch.isdigit() for ch in text[start:]) and part + 1 < len(texts):
        # Header and figures on lines of their own (tabs turned into spaces): the figures
        # are the next line.
        part += 1
        text, start = texts[part], 0
    fr.block = blocks[part]
    status, problem, a, b, raws = _values(comp, 0, cols, text, start, len(text), None)
    fr.values = text[a:b]
    if not covered:
        return
    if not set(cols) <= covered:
        fr.status = "no_header"
        return
    fr.status, fr.problem = status, problem
    if status == "read":
        fr.cells = _make_cells(comp, 0, cols, raws, fr.block, "", a, b)
