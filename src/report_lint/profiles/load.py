"""Format profiles: load and validate ``rules/*.toml``.

A profile is the data a format year is checked against: required headings, table
schemas, identities between cells and narrative bindings. Profiles may ``extends``
another; lists are inherited and a child entry with the same ``key`` replaces the
parent's (a child can also ``drop`` inherited keys).

The schema, in one place
------------------------
Every level of a profile file is typed, and each file is checked on its own (so an error
names the file that holds the mistake): an unknown key or a value of the wrong type is a
``ProfileError`` such as ``gov-2021.toml: [[tables]] 'requests' [[rows]] 'total': unknown
key 'requried'``. The types come from the dataclasses below (their fields and annotations,
read by ``_schema``); nothing else lists the keys:

- ``[profile]``: ``PROFILE_KEYS``.
- ``[[sections]]``, ``[[tables]]`` (with ``rows``/``cols``), ``[[identities]]``,
  ``[[bindings]]``: the fields of ``SectionSpec``, ``TableSpec`` (``RowSpec``, ``ColSpec``),
  ``Identity``, ``Binding`` (``LISTS``), plus the TOML-only keys of ``LIST_EXTRAS``
  (``inherit``, a table's default row ``kind``).
- ``[regulation]``, ``[detect]``, ``[contact]``, ``[period]``, ``[format_rules]``,
  ``[crossyear]``: the rule parameters, one frozen dataclass each (``Regulation``, ``Detect``,
  ``Contact``, ``Period``, ``FormatRules``, ``CrossYear`` with its ``Carry`` and
  ``Continuity`` sub-tables; ``PARAM_TABLES``). Each field is a key, its annotation the type and its
  default the value a rule sees when no profile sets it (yamllint's ``CONF``/``DEFAULT``).
  ``Profile.regulation`` etc. keep the merged TOML as written; rules read the typed view,
  ``profile.params.format_rules.fee_words``.

To add a key: add a field (with a type and a default) to the dataclass of its level; that
is all (``_entry`` builds list entries from their fields). To add a top-level
table of rule parameters: write its frozen dataclass, add it to ``PARAM_TABLES`` and to
``Params``. To add a list of entries: add its dataclass to ``LISTS`` and build it in
``_build``. Types understood: ``str``, ``bool``, ``int``, ``float``, ``Optional[X]``,
``list[X]``, ``dict[str, X]``, a nested dataclass (a sub-table), and bare ``dict`` for a
free-form table whose keys are not checked.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Optional, Union

from report_lint.paths import rules_dir, tomllib


class ProfileError(ValueError):
    pass


@dataclass
class SectionSpec:
    key: str
    title: str
    number: Optional[str] = None
    """Expected level-1 numeral (一, 二 …) when the format fixes it."""
    variants: list[str] = field(default_factory=list)
    required: bool = True
    keywords: list[str] = field(default_factory=list)
    """Distinctive words: a heading containing all of one keyword group is a fuzzy match."""

    def all_titles(self) -> list[str]:
        return [self.title, *self.variants]


@dataclass
class SubtopicSpec:
    """A sub-topic of a format section (the overview's 主动公开, 依申请公开, 政府信息管理,
    平台建设, 监督保障): numbered at level 1 it is still part of its ``parent`` section."""

    key: str
    title: str
    words: list[str] = field(default_factory=list)
    """A level-1 heading containing one of these words is this sub-topic."""
    parent: str = "overview"


@dataclass
class ClaimSpec:
    """A statement about the whole of a kind, without figures ("申请均已办结", "均维持原行政行为")
    and the table cells it binds: ``zero`` cells must be 0, the sum of ``positive`` cells > 0."""

    key: str
    patterns: list[str]
    """Regexes of the claim phrase."""
    zero: list[str] = field(default_factory=list)
    positive: list[str] = field(default_factory=list)
    subject: str = ""
    """Regex that must occur in the sentence (what the claim is about)."""
    unless: list[str] = field(default_factory=list)
    """Regexes that, in the claim's clause (and the subject clause before it when the claim has
    no subject of its own), make it a claim about a part (其余, 其中, 除…外) or another kind."""
    exceptions: list[str] = field(default_factory=list)
    """Regexes that, after the claim in the same sentence, state an exception to it
    (…均已办结，另有2件结转下年度): the drafter said it, the claim is not read."""
    label: dict[str, str] = field(default_factory=dict)
    severity: str = "warning"


@dataclass
class RowSpec:
    key: str
    label: str
    variants: list[str] = field(default_factory=list)
    unit: Optional[str] = None
    kind: str = "count"
    """count (non-negative whole number) | amount (non-negative decimal) | signed (whole, may be negative)."""
    group: Optional[str] = None
    """Label of the enclosing group row (used to tell apart repeated labels like 1.政府网站…)."""
    optional: bool = False


@dataclass
class ColSpec:
    key: str
    label: str
    variants: list[str] = field(default_factory=list)
    kind: Optional[str] = None
    """Overrides the row kind for this column (e.g. 本年增/减 is signed)."""
    group: Optional[str] = None
    """Header text above this column when its own label repeats (table 四: 行政复议 / 复议后起诉 …)."""


@dataclass
class TableSpec:
    key: str
    title: str
    variants: list[str] = field(default_factory=list)
    section: Optional[str] = None
    layout: str = "list"
    """list: label column + one value column per ColSpec; grid: rows × cols matrix."""
    rows: list[RowSpec] = field(default_factory=list)
    cols: list[ColSpec] = field(default_factory=list)
    required: bool = True
    anchors: list[str] = field(default_factory=list)
    """Labels that identify this table among the document's tables."""
    cells: list[str] = field(default_factory=list)
    """For tables whose cells are not a full rows × cols product: explicit 'row@col' refs."""

    def row(self, key: str) -> Optional[RowSpec]:
        for r in self.rows:
            if r.key == key:
                return r
        return None

    def col(self, key: str) -> Optional[ColSpec]:
        for c in self.cols:
            if c.key == key:
                return c
        return None


@dataclass
class Identity:
    key: str
    table: str
    kind: str
    """sum: lhs total == rhs total · le: sum(lhs) <= sum(rhs) ·
    between: max(rhs) <= lhs[0] <= sum(rhs) (one item counted once across channels)."""
    lhs: list[str]
    rhs: list[str]
    per: Optional[str] = None
    """None: refs are 'row@col' (or 'row' for one-column tables);
    'column': refs are row keys, checked in every column (or ``columns``);
    'row': refs are column keys, checked in every row (or ``rows``)."""
    columns: list[str] = field(default_factory=list)
    rows: list[str] = field(default_factory=list)
    severity: str = "error"
    printed: bool = False
    """True when the format itself prints this identity (勾稽关系)."""
    note: dict[str, str] = field(default_factory=dict)


@dataclass
class Binding:
    key: str
    cells: list[str]
    """'table.row@col' refs the phrase states (all must agree)."""
    patterns: list[str] = field(default_factory=list)
    """Regexes with ``{num}`` where the number goes."""
    zero_patterns: list[str] = field(default_factory=list)
    """Regexes that state the figure is zero (未接到…, 没有发生…)."""
    sections: list[str] = field(default_factory=list)
    severity: str = "warning"
    label: dict[str, str] = field(default_factory=dict)
    sums: list[list[str]] = field(default_factory=list)
    """Expressions instead of single cells: each inner list is a sum of 'table.row@col' refs
    (``row.*`` refs expanded to the rows of that group); the figure must equal one of them.
    From ``sum = [...]`` (one expression) or ``any_of = [[...], ...]`` (either reading)."""

    @property
    def combined(self) -> bool:
        """A phrase that states several cells at once (予以公开及部分公开X件)."""
        return any(len(s) > 1 for s in self.sums)


# ---------------------------------------------------------------------------------
# Rule parameters: one frozen dataclass per top-level table; field = key, annotation =
# type, default = what a rule sees when no profile sets the key.


@dataclass(frozen=True)
class Regulation:
    """``[regulation]``: the statutory publication deadline (D005)."""

    name: str = ""
    deadline: Optional[str] = None
    """MM-DD of the following year, when the agency kind picks none of ``deadlines``."""
    deadlines: dict[str, str] = field(default_factory=dict)
    """MM-DD by agency kind (department, township, county, city, province, vertical)."""
    basis: str = ""
    """The regulation's words, quoted in the finding."""
    basis_en: Optional[str] = None
    """English basis; the Chinese one when not given."""


@dataclass(frozen=True)
class Detect:
    """``[detect]``: what makes ``--profile auto`` choose this profile (profiles/choose.py)."""

    markers: list[str] = field(default_factory=list)
    """Table labels only this era prints."""
    min_headings: int = 0
    """Chosen only when at least this many of its headings are found (0: no minimum)."""


@dataclass(frozen=True)
class Contact:
    """``[contact]``: contact details the report must give (C001)."""

    expected: list[str] = field(default_factory=list)
    """Kinds of text/contacts.py (phone, email, address …)."""


@dataclass(frozen=True)
class Period:
    """``[period]``: the statistics-period sentence (D001)."""

    required: bool = False


@dataclass(frozen=True)
class FormatRules:
    """``[format_rules]``: what the format itself demands (F002, F003)."""

    overview_section: str = "overview"
    overview_max_chars: int = 0
    """Longest overview body in characters; 0: no limit."""
    fee_statement_required: bool = False
    fee_section: str = "other"
    fee_words: list[str] = field(default_factory=lambda: ["信息处理费", "处理费", "收费", "收取费用"])
    """Any of them in the fee section counts as the fee statement."""
    doubled_chars: list[str] = field(default_factory=list)
    """Characters whose doubling is almost always a slip (Q007)."""
    reduplications: list[str] = field(default_factory=list)
    """Words Chinese doubles on purpose (Q010 leaves them alone)."""


@dataclass(frozen=True)
class Carry:
    """``[crossyear] carry``: a row of this year's table that repeats a row of last year's
    (Y001: 二、上年结转 = last year's 四、结转下年度继续办理, column by column)."""

    table: str
    row: str
    """This year's row."""
    previous_row: str
    """The row of last year's report it must equal."""
    cols: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Continuity:
    """``[[crossyear.continuity]]``: a running total that continues last year's (Y002):
    ``cell`` = last year's ``previous`` + ``add`` − ``subtract`` + last year's ``add_previous``."""

    key: str
    table: str
    cell: str
    rows: list[str] = field(default_factory=list)
    previous: Optional[str] = None
    """Last year's column (``cell`` when not given)."""
    add: list[str] = field(default_factory=list)
    subtract: list[str] = field(default_factory=list)
    add_previous: list[str] = field(default_factory=list)

    @property
    def previous_cell(self) -> str:
        return self.previous or self.cell


@dataclass(frozen=True)
class CrossYear:
    """``[crossyear]``: what the cross-year rules (checks/crossyear.py) compare with the same
    agency's report of the year before, and how reports are linked."""

    carry: Optional[Carry] = None
    continuity: list[Continuity] = field(default_factory=list)
    similar_sections: list[str] = field(default_factory=list)
    """Sections compared with last year's (Y003)."""
    section_names: dict[str, str] = field(default_factory=dict)
    similar_threshold: float = 0.6
    """Share of this year's text found in last year's from which Y003 reports."""
    similar_min_chars: int = 60
    """Sections shorter than this (format wording left out) are not compared."""
    fixed_wording: list[str] = field(default_factory=list)
    """The format's own words, left out of the similarity."""
    same_agency: list[list[str]] = field(default_factory=list)
    """Pairs of agency-name endings that name one publisher (normalised before linking)."""

    @property
    def configured(self) -> bool:
        """Whether the profile compares anything across years."""
        return self != CrossYear()


@dataclass(frozen=True)
class Params:
    """The typed rule parameters of a profile (``Profile.params``)."""

    regulation: Regulation = field(default_factory=Regulation)
    detect: Detect = field(default_factory=Detect)
    contact: Contact = field(default_factory=Contact)
    period: Period = field(default_factory=Period)
    format_rules: FormatRules = field(default_factory=FormatRules)
    crossyear: CrossYear = field(default_factory=CrossYear)


PARAM_TABLES: dict[str, type] = {
    "regulation": Regulation,
    "detect": Detect,
    "contact": Contact,
    "period": Period,
    "format_rules": FormatRules,
    "crossyear": CrossYear,
}
"""Top-level table → its typed parameters (also the tables merged key by key on ``extends``)."""


@dataclass
class Profile:
    name: str
    title: dict[str, str]
    extends: Optional[str] = None
    abstract: bool = False
    era: str = ""
    years: tuple[int, int] = (0, 9999)
    regulation: dict = field(default_factory=dict)
    """deadline (MM-DD of the following year), deadlines by agency kind, basis text."""
    detect: dict = field(default_factory=dict)
    """Heading words that make --profile auto prefer this profile."""
    sections: list[SectionSpec] = field(default_factory=list)
    sections_mode: str = "headings"
    """headings: each section is a numbered heading (missing = error);
    topics: old-era statutory contents looked for in headings, then text (missing = warning)."""
    ordered: bool = True
    numbered: bool = True
    tables: list[TableSpec] = field(default_factory=list)
    identities: list[Identity] = field(default_factory=list)
    bindings: list[Binding] = field(default_factory=list)
    subtopics: list[SubtopicSpec] = field(default_factory=list)
    claims: list[ClaimSpec] = field(default_factory=list)
    contact: dict = field(default_factory=dict)
    period: dict = field(default_factory=dict)
    placeholders: list[str] = field(default_factory=list)
    format_rules: dict = field(default_factory=dict)
    crossyear: dict = field(default_factory=dict)
    """What the cross-year rules (checks/crossyear.py) compare with last year's report."""
    source: str = ""

    def table(self, key: str) -> Optional[TableSpec]:
        for t in self.tables:
            if t.key == key:
                return t
        return None

    def section(self, key: str) -> Optional[SectionSpec]:
        for s in self.sections:
            if s.key == key:
                return s
        return None

    @cached_property
    def params(self) -> Params:
        """The rule parameters, typed and with their defaults (raises ProfileError when a
        table given in code, not read from a file, has an unknown key or a wrong type)."""
        where = self.source or self.name
        return Params(**{k: typed(cls, getattr(self, k) or {}, f"{where}: [{k}]") for k, cls in PARAM_TABLES.items()})


def derived(cache: dict, obj, build):
    """Data derived from a profile object (a TableSpec's label index …), built once per object.

    Keyed by identity, with the object kept in the entry so its id cannot be reused while
    cached; bounded because profiles from other rules folders may come and go."""
    hit = cache.get(id(obj))
    if hit is not None and hit[0] is obj:
        return hit[1]
    if len(cache) > 256:
        cache.clear()
    value = build(obj)
    cache[id(obj)] = (obj, value)
    return value


_KEY_RE = re.compile(r"^[a-z0-9_.\-]+$")
"""What an entry's ``key`` may be (it is written into refs such as ``table.row@col``)."""

# ---------------------------------------------------------------------------------
# The schema of a profile file (see the module docstring).

LISTS: dict[str, type] = {
    "sections": SectionSpec,
    "tables": TableSpec,
    "identities": Identity,
    "bindings": Binding,
    "subtopics": SubtopicSpec,
    "claims": ClaimSpec,
}
"""Top-level arrays of tables → the dataclass of one entry."""

LIST_EXTRAS: dict[type, dict[str, object]] = {
    SectionSpec: {"inherit": bool},
    TableSpec: {"inherit": bool, "kind": str},
    Identity: {"inherit": bool},
    Binding: {"inherit": bool, "sum": list, "any_of": list},
    SubtopicSpec: {"inherit": bool},
    ClaimSpec: {"inherit": bool},
}
"""Keys an entry may have that are not fields: ``inherit`` (merge with the parent's entry of
the same key) and a table's ``kind`` (the default kind of its rows)."""

PROFILE_KEYS: dict[str, object] = {
    "name": str,
    "title": str,
    "title_en": str,
    "extends": str,
    "abstract": bool,
    "era": str,
    "years": list[int],
    "sections_mode": str,
    "ordered": bool,
    "numbered": bool,
    "drop": list[str],
    **{f"replace_{k}": bool for k in LISTS},
}
"""``[profile]``."""


def _top_level() -> dict[str, object]:
    return {"profile": PROFILE_KEYS, "placeholders": list[str], **{k: list[c] for k, c in LISTS.items()}, **PARAM_TABLES}


@lru_cache(maxsize=None)
def _schema(cls: type) -> dict[str, object]:
    """A dataclass's keys and their types (its init fields, plus LIST_EXTRAS)."""
    hints = typing.get_type_hints(cls)
    return {**{f.name: hints[f.name] for f in fields(cls) if f.init}, **LIST_EXTRAS.get(cls, {})}


_UNIONS = (Union, types.UnionType)
"""``Optional[X]`` and ``X | None``."""


def _describe(hint) -> str:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in _UNIONS:
        return " or ".join(_describe(a) for a in args if a is not type(None))
    if origin is list:
        return f"a list of {_describe(args[0])}" if args else "a list"
    if origin is dict or hint is dict or isinstance(hint, dict) or is_dataclass(hint):
        return "a table"
    return {bool: "true or false", int: "a whole number", float: "a number", str: "a string"}.get(hint, str(hint))


def _is(value, scalar: type) -> bool:
    if scalar is bool:
        return isinstance(value, bool)
    if scalar is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if scalar is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, scalar)


def _wrong(value, hint, where: str):
    raise ProfileError(f"{where}: expected {_describe(hint)}, got {type(value).__name__} {value!r}")


def _item_where(where: str, item, i: int) -> str:
    return f"{where} {item.get('key')!r}" if isinstance(item, dict) and "key" in item else f"{where} #{i + 1}"


@lru_cache(maxsize=None)
def _checker(hint):
    """A function ``(value, where) -> None`` raising ProfileError naming ``where`` when
    ``value`` is not of type ``hint``, at any depth (built once per type: profiles are
    checked on every start-up)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in _UNIONS:
        inner = [a for a in args if a is not type(None)]  # TOML has no null: Optional[X] is X
        options = [_checker(a) for a in inner]

        def check_union(value, where):
            for check in options:
                try:
                    return check(value, where)
                except ProfileError:
                    continue
            _wrong(value, hint, where)

        return options[0] if len(options) == 1 else check_union
    if origin is list or hint is list:
        item = args[0] if args else None
        scalar = item if item in (str, bool, int, float) else None
        check_item = _checker(item) if item is not None and scalar is None else None

        def check_list(value, where):
            if not isinstance(value, list):
                _wrong(value, hint, where)
            if scalar is not None:
                for i, x in enumerate(value):
                    if not _is(x, scalar):
                        _wrong(x, scalar, f"{where} #{i + 1}")
            elif check_item is not None:
                for i, x in enumerate(value):
                    check_item(x, _item_where(where, x, i))

        return check_list
    if origin is dict or hint is dict:
        check_value = _checker(args[1]) if args else None

        def check_dict(value, where):
            if not isinstance(value, dict):
                _wrong(value, hint, where)
            if check_value is not None:
                for k, v in value.items():
                    check_value(v, f"{where}.{k}")

        return check_dict
    if is_dataclass(hint):
        return _table_checker(tuple(_schema(hint).items()))
    if isinstance(hint, type):

        def check_scalar(value, where):
            if not _is(value, hint):
                _wrong(value, hint, where)

        return check_scalar
    raise TypeError(f"profile schema: unsupported type {hint!r}")


@lru_cache(maxsize=None)
def _table_checker(schema_items: tuple):
    schema = dict(schema_items)
    checks = {k: _checker(t) for k, t in schema.items()}

    def check_table(value, where):
        if not isinstance(value, dict):
            _wrong(value, dict, where)
        for key, v in value.items():
            check = checks.get(key)
            if check is None:
                raise ProfileError(f"{where}: unknown key {key!r} (known: {', '.join(schema)})")
            check(v, f"{where} {key}")
        key = value.get("key")
        if isinstance(key, str) and not _KEY_RE.match(key):
            raise ProfileError(f"{where}: key {key!r} may hold only a-z, 0-9, '_', '.' and '-'")

    return check_table


def _check(value, hint, where: str) -> None:
    """Raise ProfileError naming ``where`` when ``value`` is not of type ``hint`` (a type, or
    a dict of key → type for a table)."""
    if isinstance(hint, dict):
        _table_checker(tuple(hint.items()))(value, where)
    else:
        _checker(hint)(value, where)


def check_file(data: dict, source: str) -> None:
    """Raise ProfileError for an unknown key or a value of the wrong type anywhere in one
    parsed profile file (before inheritance, so the error names the file that has it)."""
    top = _top_level()
    for key, value in data.items():
        if key not in top:
            raise ProfileError(f"{source}: unknown top-level key {key!r} (known: {', '.join(top)})")
        hint = top[key]
        if isinstance(hint, dict):
            where = f"{source}: [{key}]"
        elif typing.get_origin(hint) is list and is_dataclass(typing.get_args(hint)[0]):
            where = f"{source}: [[{key}]]"
        elif is_dataclass(hint):
            where = f"{source}: [{key}]"
        else:
            where = f"{source}: {key}"
        _check(value, hint, where)
        if key in PARAM_TABLES:
            _construct(hint, value, where)  # a sub-table is whole in one file: its required keys too


def typed(cls: type, raw: dict, where: str):
    """``cls(**raw)`` once every key of ``raw`` is checked to be a field of ``cls`` of the
    right type; absent keys take the field's default, nested tables become their dataclass."""
    _check(raw, cls, where)
    return _construct(cls, raw, where)


def _construct(hint, value, where: str):
    """``value`` (checked against ``hint``) with each table whose type is a dataclass built
    as that dataclass; a required key that is missing is a ProfileError naming it."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in _UNIONS:
        inner = [a for a in args if a is not type(None)]
        return _construct(inner[0], value, where) if len(inner) == 1 else value
    if origin is list and args and is_dataclass(args[0]):
        return [_construct(args[0], x, _item_where(where, x, i)) for i, x in enumerate(value)]
    if is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        _, required = _fields_of(hint)
        for name in required:
            if name not in value:
                raise ProfileError(f"{where}: missing {name!r}")
        return hint(**{k: _construct(hints[k], v, f"{where} {k}") for k, v in value.items()})
    return value


def _merge_keyed(parent: list, child: list, drop: list[str]) -> list:
    out = [p for p in parent if p.get("key") not in drop]
    index = {p.get("key"): i for i, p in enumerate(out)}
    for c in child:
        k = c.get("key")
        if k in index:
            # ``inherit = true``: override only the fields given, keep the parent's rest.
            out[index[k]] = {**out[index[k]], **c} if c.get("inherit") else c
        else:
            out.append(c)
    return out


def _parse_toml_files(paths: list[Path]) -> list[dict]:
    """The parsed TOML of each file (a syntax error names the file)."""
    out = []
    for path in paths:
        try:
            out.append(tomllib.loads(path.read_text(encoding="utf-8")))
        except tomllib.TOMLDecodeError as e:
            raise ProfileError(f"{path.name}: {e}") from e
    return out


def _raw_profiles(directory: Path) -> dict[str, dict]:
    raws: dict[str, dict] = {}
    paths = sorted(directory.glob("*.toml"))
    for path, data in zip(paths, _parse_toml_files(paths)):
        meta = data.get("profile")
        if not isinstance(meta, dict) or "name" not in meta:
            raise ProfileError(f"{path.name}: missing [profile] name")
        check_file(data, path.name)
        data["_source"] = path.name
        raws[meta["name"]] = data
    return raws


_LIST_KEYS = tuple(LISTS)
_DICT_KEYS = tuple(PARAM_TABLES)


def _resolve(name: str, raws: dict[str, dict], seen: tuple = ()) -> dict:
    if name in seen:
        raise ProfileError(f"profile inheritance cycle: {' -> '.join(seen + (name,))}")
    if name not in raws:
        raise ProfileError(f"unknown profile {name!r}")
    raw = raws[name]
    parent_name = raw["profile"].get("extends")
    if not parent_name:
        return raw
    parent = _resolve(parent_name, raws, seen + (name,))
    merged = dict(parent)
    merged["profile"] = {**{k: v for k, v in parent["profile"].items() if k != "abstract"}, **raw["profile"]}
    drop = raw["profile"].get("drop", [])
    for k in _LIST_KEYS:
        if raw["profile"].get(f"replace_{k}"):
            merged[k] = raw.get(k, [])
        else:
            merged[k] = _merge_keyed(parent.get(k, []), raw.get(k, []), drop)
    for k in _DICT_KEYS:
        merged[k] = {**parent.get(k, {}), **raw.get(k, {})}
    if "placeholders" in raw:
        merged["placeholders"] = raw["placeholders"]
    merged["_source"] = raw["_source"]
    return merged


def _entry(cls: type, raw: dict, where: str, **given):
    """One entry of a list (a section, table, row, column, identity, binding) from its TOML
    table: each field of ``cls`` the table gives (copied), ``given`` over them, the field's
    default otherwise; a field without a default that is not given is a ProfileError."""
    names, required = _fields_of(cls)
    # Lists and tables copied (one level: their items are strings), so that no two
    # profiles share a list through inheritance.
    kw = {k: (v.copy() if type(v) in (list, dict) else v) for k, v in raw.items() if k in names}
    kw.update(given)
    for name in required:
        if name not in kw:
            raise ProfileError(f"{where}: missing {name!r}")
    return cls(**kw)


@lru_cache(maxsize=None)
def _fields_of(cls: type) -> tuple[frozenset, tuple[str, ...]]:
    """A dataclass's init fields, and those without a default (in declaration order)."""
    init = [f for f in fields(cls) if f.init]
    return frozenset(f.name for f in init), tuple(f.name for f in init if f.default is MISSING and f.default_factory is MISSING)


def validate_patterns(binding: Binding, where: str = "") -> None:
    """Raise ProfileError for a binding pattern that is not a valid regex."""
    for p in binding.patterns + binding.zero_patterns:
        try:
            re.compile(p.replace("{num}", "(?P<num>0)"))
        except re.error as e:
            raise ProfileError(f"{where or binding.key}: bad pattern {p!r}: {e}") from e


def _require(d: dict, key: str, where: str):
    if key not in d:
        raise ProfileError(f"{where}: missing {key!r}")
    return d[key]


def _build(data: dict, check_patterns: bool = True) -> Profile:
    meta = data["profile"]
    src = data.get("_source", "?")
    name = meta["name"]
    where = f"{src} [{name}]"
    sections = [_entry(SectionSpec, s, where) for s in data.get("sections", [])]
    tables = []
    for t in data.get("tables", []):
        tw = f"{where} table {t.get('key')}"
        row_kind = {"kind": t.get("kind", "count")}
        rows = [_entry(RowSpec, {**row_kind, **r}, tw) for r in t.get("rows", [])]
        cols = [_entry(ColSpec, c, tw) for c in t.get("cols", [])]
        if not cols:
            raise ProfileError(f"{tw}: a table needs at least one column")
        for r in rows:
            if r.kind not in ("count", "amount", "signed"):
                raise ProfileError(f"{tw}: row {r.key}: unknown kind {r.kind!r}")
        for c in cols:
            if c.kind not in (None, "count", "amount", "signed"):
                raise ProfileError(f"{tw}: column {c.key}: unknown kind {c.kind!r}")
        tables.append(_entry(TableSpec, t, where, rows=rows, cols=cols))
    tkeys = {t.key: t for t in tables}
    identities = []
    for i in data.get("identities", []):
        iw = f"{where} identity {i.get('key')}"
        ident = _entry(Identity, i, iw)
        if ident.kind not in ("sum", "le", "between"):
            raise ProfileError(f"{iw}: unknown kind {ident.kind!r}")
        spec = tkeys.get(ident.table)
        if spec is None:
            raise ProfileError(f"{iw}: unknown table {ident.table!r}")
        _validate_refs(ident, spec, iw)
        identities.append(ident)
    bindings = []
    for b in data.get("bindings", []):
        bw = f"{where} binding {b.get('key')}"
        sums = _binding_sums(b, tkeys, bw)
        binding = Binding(
            key=_require(b, "key", bw),
            cells=list(b.get("cells", [])) if sums else list(_require(b, "cells", bw)),
            sums=sums,
            patterns=list(b.get("patterns", [])),
            zero_patterns=list(b.get("zero_patterns", [])),
            sections=list(b.get("sections", [])),
            severity=b.get("severity", "warning"),
            label=dict(b.get("label", {})),
        )
        for ref in binding.cells:
            tkey, _, cell = ref.partition(".")
            spec = tkeys.get(tkey)
            row = cell.split("@")[0]
            if spec is None or spec.row(row) is None:
                raise ProfileError(f"{bw}: unknown cell {ref!r}")
        for p in binding.patterns:
            if "{num}" not in p:
                raise ProfileError(f"{bw}: pattern without {{num}}: {p!r}")
        if check_patterns:
            validate_patterns(binding, bw)
        bindings.append(binding)
    subtopics = [
        SubtopicSpec(
            key=_require(t, "key", f"{where} subtopic"),
            title=_require(t, "title", f"{where} subtopic {t.get('key')}"),
            words=list(t.get("words", [])),
            parent=t.get("parent", "overview"),
        )
        for t in data.get("subtopics", [])
    ]
    claims = []
    for c in data.get("claims", []):
        cw = f"{where} claim {c.get('key')}"
        claim = ClaimSpec(
            key=_require(c, "key", cw),
            patterns=list(_require(c, "patterns", cw)),
            zero=list(c.get("zero", [])),
            positive=list(c.get("positive", [])),
            subject=c.get("subject", ""),
            unless=list(c.get("unless", [])),
            exceptions=list(c.get("exceptions", [])),
            label=dict(c.get("label", {})),
            severity=c.get("severity", "warning"),
        )
        if not claim.zero and not claim.positive:
            raise ProfileError(f"{cw}: a claim binds no cell (zero or positive)")
        for ref in claim.zero + claim.positive:
            tkey, _, cell = ref.partition(".")
            spec = tkeys.get(tkey)
            row, _, col = cell.partition("@")
            if spec is None or spec.row(row) is None or (col and spec.col(col) is None):
                raise ProfileError(f"{cw}: unknown cell {ref!r}")
        if check_patterns:
            for p in claim.patterns + claim.unless + claim.exceptions + ([claim.subject] if claim.subject else []):
                try:
                    re.compile(p)
                except re.error as e:
                    raise ProfileError(f"{cw}: bad pattern {p!r}: {e}") from e
        claims.append(claim)
    for k in ("doubled_chars", "reduplications"):  # text-quality lists (checks/quality.py)
        v = data.get("format_rules", {}).get(k, [])
        if not isinstance(v, list) or not all(isinstance(w, str) and w for w in v):
            raise ProfileError(f"{where}: format_rules.{k} must be a list of non-empty strings")
    years = meta.get("years", [0, 9999])
    return Profile(
        name=name,
        title={"zh": meta.get("title", name), "en": meta.get("title_en", meta.get("title", name))},
        extends=meta.get("extends"),
        abstract=bool(meta.get("abstract", False)),
        era=meta.get("era", ""),
        years=(int(years[0]), int(years[1])),
        regulation=dict(data.get("regulation", {})),
        detect=dict(data.get("detect", {})),
        sections=sections,
        sections_mode=meta.get("sections_mode", "headings"),
        ordered=bool(meta.get("ordered", True)),
        numbered=bool(meta.get("numbered", True)),
        tables=tables,
        identities=identities,
        bindings=bindings,
        subtopics=subtopics,
        claims=claims,
        contact=dict(data.get("contact", {})),
        period=dict(data.get("period", {})),
        placeholders=list(data.get("placeholders", [])),
        format_rules=dict(data.get("format_rules", {})),
        crossyear=dict(data.get("crossyear", {})),
        source=data.get("_source", ""),
    )


def _binding_sums(b: dict, tkeys: dict, where: str) -> list[list[str]]:
    """A binding's ``sum``/``any_of`` expressions with ``row.*`` refs expanded (validated)."""
    if "sum" in b and "any_of" in b:
        raise ProfileError(f"{where}: give either 'sum' or 'any_of', not both")
    raw = [b["sum"]] if "sum" in b else b.get("any_of", [])
    if not isinstance(raw, list) or not all(isinstance(e, list) and e and all(isinstance(r, str) for r in e) for e in raw):
        raise ProfileError(f"{where}: 'sum' is a list of cell refs, 'any_of' a list of such lists")
    out = []
    for expr in raw:
        refs: list[str] = []
        for ref in expr:
            tkey, _, cell = ref.partition(".")
            row, _, col = cell.partition("@")
            spec = tkeys.get(tkey)
            if spec is None:
                raise ProfileError(f"{where}: unknown table in {ref!r}")
            if row.endswith(".*"):
                group = row[:-2]
                rows = [r.key for r in spec.rows if r.key == group or r.key.startswith(group + ".")]
            else:
                rows = [row] if spec.row(row) is not None else []
            if not rows or (col and spec.col(col) is None):
                raise ProfileError(f"{where}: unknown cell {ref!r}")
            refs.extend(f"{tkey}.{r}@{col}" if col else f"{tkey}.{r}" for r in rows)
        out.append(refs)
    return out


def _validate_refs(ident: Identity, spec: TableSpec, where: str) -> None:
    for ref in ident.lhs + ident.rhs:
        if ident.per == "column":
            ok = spec.row(ref) is not None
        elif ident.per == "row":
            ok = spec.col(ref) is not None
        else:
            row, _, col = ref.partition("@")
            ok = spec.row(row) is not None and (not col or spec.col(col) is not None)
        if not ok:
            raise ProfileError(f"{where}: unknown reference {ref!r} in table {spec.key!r}")


def load_profiles(directory: Optional[str] = None) -> dict[str, Profile]:
    """All concrete (non-abstract) and abstract profiles by name, inheritance resolved."""
    # One cache key per directory however it is asked for (load_profiles() and
    # load_profiles(None) would otherwise be two keys, and two loads).
    return _load_profiles(str(directory) if directory else None)


@lru_cache(maxsize=8)
def _load_profiles(directory: Optional[str]) -> dict[str, Profile]:
    d = Path(directory) if directory else rules_dir()
    raws = _raw_profiles(d)
    # The built-in profiles' patterns are compiled by the test suite
    # (tests/test_perf_structure.py); compiling them again on every start-up only to
    # validate them would cost more than reading the report. A rules directory of the
    # user's own is validated here, where a bad pattern can name its file.
    check = directory is not None and not _same_dir(d, rules_dir())
    out = {}
    for name in raws:
        out[name] = _build(_resolve(name, raws), check_patterns=check)
    return out


def _same_dir(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def get_profile(name: str, directory: Optional[str] = None) -> Profile:
    profiles = load_profiles(directory)
    if name not in profiles:
        raise ProfileError(f"unknown profile {name!r}; known: {', '.join(sorted(p for p in profiles if not profiles[p].abstract))}")
    return profiles[name]
