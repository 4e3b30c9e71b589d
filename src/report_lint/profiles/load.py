"""Format profiles: load and validate ``rules/*.toml``.

A profile is the data a format year is checked against: required headings, table
schemas, identities between cells and narrative bindings. Profiles may ``extends``
another; lists are inherited and a child entry with the same ``key`` replaces the
parent's (a child can also ``drop`` inherited keys).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from report_lint.paths import rules_dir


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
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

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
        data["_source"] = path.name
        raws[meta["name"]] = data
    return raws


_LIST_KEYS = ("sections", "tables", "identities", "bindings")
_DICT_KEYS = ("regulation", "contact", "period", "format_rules", "detect", "crossyear")


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


def _require(d: dict, key: str, where: str):
    if key not in d:
        raise ProfileError(f"{where}: missing {key!r}")
    return d[key]


def validate_patterns(binding: Binding, where: str = "") -> None:
    """Raise ProfileError for a binding pattern that is not a valid regex."""
    for p in binding.patterns + binding.zero_patterns:
        try:
            re.compile(p.replace("{num}", "(?P<num>0)"))
        except re.error as e:
            raise ProfileError(f"{where or binding.key}: bad pattern {p!r}: {e}") from e


def _build(data: dict, check_patterns: bool = True) -> Profile:
    meta = data["profile"]
    src = data.get("_source", "?")
    name = meta["name"]
    where = f"{src} [{name}]"
    sections = []
    for s in data.get("sections", []):
        sections.append(
            SectionSpec(
                key=_require(s, "key", where),
                title=_require(s, "title", where),
                number=s.get("number"),
                variants=list(s.get("variants", [])),
                required=bool(s.get("required", True)),
                keywords=list(s.get("keywords", [])),
            )
        )
    tables = []
    for t in data.get("tables", []):
        tw = f"{where} table {t.get('key')}"
        rows = [
            RowSpec(
                key=_require(r, "key", tw),
                label=_require(r, "label", tw),
                variants=list(r.get("variants", [])),
                unit=r.get("unit"),
                kind=r.get("kind", t.get("kind", "count")),
                group=r.get("group"),
                optional=bool(r.get("optional", False)),
            )
            for r in t.get("rows", [])
        ]
        cols = [
            ColSpec(
                key=_require(c, "key", tw),
                label=_require(c, "label", tw),
                variants=list(c.get("variants", [])),
                kind=c.get("kind"),
                group=c.get("group"),
            )
            for c in t.get("cols", [])
        ]
        if not cols:
            raise ProfileError(f"{tw}: a table needs at least one column")
        for r in rows:
            if r.kind not in ("count", "amount", "signed"):
                raise ProfileError(f"{tw}: row {r.key}: unknown kind {r.kind!r}")
        for c in cols:
            if c.kind not in (None, "count", "amount", "signed"):
                raise ProfileError(f"{tw}: column {c.key}: unknown kind {c.kind!r}")
        tables.append(
            TableSpec(
                key=_require(t, "key", where),
                title=_require(t, "title", where),
                variants=list(t.get("variants", [])),
                section=t.get("section"),
                layout=t.get("layout", "list"),
                rows=rows,
                cols=cols,
                required=bool(t.get("required", True)),
                anchors=list(t.get("anchors", [])),
                cells=list(t.get("cells", [])),
            )
        )
    tkeys = {t.key: t for t in tables}
    identities = []
    for i in data.get("identities", []):
        iw = f"{where} identity {i.get('key')}"
        ident = Identity(
            key=_require(i, "key", iw),
            table=_require(i, "table", iw),
            kind=_require(i, "kind", iw),
            lhs=list(_require(i, "lhs", iw)),
            rhs=list(_require(i, "rhs", iw)),
            per=i.get("per"),
            columns=list(i.get("columns", [])),
            rows=list(i.get("rows", [])),
            severity=i.get("severity", "error"),
            printed=bool(i.get("printed", False)),
            note=dict(i.get("note", {})),
        )
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
        binding = Binding(
            key=_require(b, "key", bw),
            cells=list(_require(b, "cells", bw)),
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
        contact=dict(data.get("contact", {})),
        period=dict(data.get("period", {})),
        placeholders=list(data.get("placeholders", [])),
        format_rules=dict(data.get("format_rules", {})),
        crossyear=dict(data.get("crossyear", {})),
        source=data.get("_source", ""),
    )


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
