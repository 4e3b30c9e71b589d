"""Generated statistics tables (base-2008 《政府信息公开情况统计表》) for table tests.

Public helpers (other test modules may import them):

* ``SEED_STATS`` — the seed report's attached statistics table, verbatim, as it appears in
  /work/shared/seed/000_69bd6c6401fe330c.txt (石嘴山市司法局 2018): tab-separated lines after
  "附件：", split over five pages, each repeating the header row "统计指标 单位 统计数".
* ``seed_parts()`` — those pages as lists of rows of cell texts.
* ``seed_data_rows()`` — the rows that carry a figure (third column non-empty), in order.
* ``document_from_parts(parts, gap="")`` — a model.Document with one Word table per part
  (``gap`` None: tables back to back; a string: one paragraph with that text between parts).
* ``context_for(document, profile)`` — a LintContext with an empty outline.
* ``consistent_values(profile, table="stats")`` — strategy: row key → Decimal such that every
  identity of the table holds.
* ``stats_rows(profile, values, ...)`` — strategy: table rows (label, unit, value) in the
  profile's order with varied label and number styles.
* ``split_rows(rows)`` — strategy: the rows cut into pages, each with the header row.
* ``break_value(profile, values, key)`` — a new value for one cell that certainly breaks
  an identity the cell is in (or is itself invalid), and the cells a finding may point at.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from hypothesis import strategies as st

from report_lint.facts.context import LintContext, Options
from report_lint.model.document import DocumentBuilder, table_from_rows
from report_lint.outline.build import Outline
from report_lint.profiles.load import Identity, Profile

SEED_STATS = """\
统计指标\t单位\t统计数
一、主动公开情况\t\t
(一) 主动公开政府信息数 (不同渠道和方式公开相同信息计 1 条)\t条\t1015
其中：主动公开规范性文件数\t条\t1
制发规范性文件总数\t件\t1
(二) 通过不同渠道和方式公开政府信息的情况\t\t
1.政府公报公开政府信息数\t条\t0
2.政府网站公开政府信息数\t条\t597
3.政务微博公开政府信息数\t条\t336
4.政务微信公开政府信息数\t条\t309
5.其他方式公开政府信息数\t条\t150
二、回应解读情况\t\t
(一) 回应公众关注热点或重大舆情数 (不同方式回应同一热点或舆情计 1 次)\t次\t3

统计指标\t单位\t统计数
(二) 通过不同渠道和方式回应解读的情况\t\t
1.参加或举办新闻发布会总次数\t次\t0
其中：主要负责同志参加新闻发布会次数\t次\t0
2.政府网站在线访谈次数\t次\t0
其中：主要负责同志参加政府网站在线访谈次数\t次\t0
3.政策解读稿件发布数\t篇\t1
4.微博微信回应事件数\t次\t0
5.其他方式回应事件数\t次\t2
三、依申请公开情况\t\t
(一) 收到申请数\t件\t0
1.当面申请数\t件\t0
2.传真申请数\t件\t0
3.网络申请数\t件\t0
4.信函申请数\t件\t0
(二) 申请办结数\t件\t0
1.按时办结数\t件\t0
2.延期办结数\t件\t0

统计指标\t单位\t统计数
(三) 申请答复数\t件\t0
1.属于已主动公开范围数\t件\t0
2.同意公开答复数\t件\t0
3.同意部分公开答复数\t件\t0
4.不同意公开答复数\t件\t0
其中：涉及国家秘密\t件\t0
涉及商业秘密\t件\t0
涉及个人隐私\t件\t0
危及国家安全、公共安全、经济 安全和社会稳定\t件\t0
不是《条例》所指政府信息\t件\t0
法律法规规定的其他情形\t件\t0
5.不属于本行政机关公开数\t件\t0
6.申请信息不存在数\t件\t0
7.告知作出更改补充数\t件\t0
8.告知通过其他途径办理数\t件\t0
四、行政复议数量\t件\t0
(一) 维持具体行政行为数\t件\t0

统计指标\t单位\t统计数
(二) 被依法纠错数\t件\t0
(三) 其他情形数\t件\t0
五、行政诉讼数量\t件\t0
(一) 维持具体行政行为或者驳回原告诉讼请求数\t件\t0
(二) 被依法纠错数\t件\t0
(三) 其他情形数\t件\t0
六、举报投诉数量\t件\t0
七、依申请公开信息收取的费用\t万元\t0
八、机构建设和保障经费情况\t\t
(一) 政府信息公开工作专门机构数\t个\t1
(二) 设置政府信息公开查阅点数\t个\t0
(三) 从事政府信息公开工作人员数\t人\t2
1.专职人员数（不包括政府公报及政府网站工作人员数）\t人\t0
2.兼职人员数\t人\t2
(四) 政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面经费）\t万元\t0.8
九、政府信息公开会议和培训情况\t\t

统计指标\t单位\t统计数
(一) 召开政府信息公开工作会议或专题会议数\t次\t1
(二) 举办各类培训班数\t次\t1
(三) 接受培训人员数\t人次\t6
"""

HEADER = ["统计指标", "单位", "统计数"]


def seed_parts() -> list[list[list[str]]]:
    parts = []
    for chunk in SEED_STATS.strip("\n").split("\n\n"):
        parts.append([line.split("\t") for line in chunk.split("\n") if line])
    return parts


def seed_rows() -> list[list[str]]:
    """All rows of the seed table in one piece (one header row)."""
    parts = seed_parts()
    rows = list(parts[0])
    for p in parts[1:]:
        rows.extend(p[1:])
    return rows


def seed_data_rows() -> list[list[str]]:
    return [r for r in seed_rows()[1:] if len(r) > 2 and r[2].strip()]


def document_from_parts(
    parts: list[list[list[str]]], gap: Optional[str] = "", before: str = "附件：政府信息公开情况统计表", after: str = "填报人：刘高峰"
):
    b = DocumentBuilder("generated.txt", "txt")
    if before:
        b.paragraph(before)
    for i, rows in enumerate(parts):
        if i and gap is not None:
            b.paragraph(gap)
        n_rows, n_cols, cells = table_from_rows(rows)
        b.table(n_rows, n_cols, cells)
    if after:
        b.paragraph(after)
    return b.doc


def context_for(document, profile: Profile, year: Optional[int] = None) -> LintContext:
    return LintContext(document=document, outline=Outline(), profile=profile, year=year, options=Options())


# --------------------------------------------------------------------------------------
# Consistent values


def _identities(profile: Profile, table: str) -> list[Identity]:
    return [i for i in profile.identities if i.table == table and i.per is None]


def _row(ref: str) -> str:
    return ref.split("@", 1)[0]


@st.composite
def consistent_values(draw, profile: Profile, table: str = "stats", max_count: int = 400):
    """Row key → Decimal for a one-column table such that every identity holds.

    Free cells are drawn; a cell on the left of a sum/between identity is derived from its
    right side; the left of an "le" identity is drawn below its right side.
    """
    spec = profile.table(table)
    idents = _identities(profile, table)
    defined: dict[str, Identity] = {}
    for ident in idents:
        target = _row(ident.lhs[0])
        assert len(ident.lhs) == 1 and target not in defined, "generator handles one defining identity per cell"
        defined[target] = ident
    values: dict[str, Decimal] = {}

    def value(key: str) -> Decimal:
        if key in values:
            return values[key]
        ident = defined.get(key)
        if ident is None:
            kind = spec.row(key).kind
            if kind == "amount":
                cents = draw(st.integers(min_value=0, max_value=max_count * 100))
                v = Decimal(cents).scaleb(-2)
            else:
                v = Decimal(draw(st.integers(min_value=0, max_value=max_count)))
        else:
            parts = [value(_row(r)) for r in ident.rhs]
            if ident.kind == "sum":
                v = sum(parts, Decimal(0))
            elif ident.kind == "between":
                lo, hi = max(parts, default=Decimal(0)), sum(parts, Decimal(0))
                v = Decimal(draw(st.integers(min_value=int(lo), max_value=int(hi))))
            else:  # le
                hi = sum(parts, Decimal(0))
                v = Decimal(draw(st.integers(min_value=0, max_value=int(hi))))
        values[key] = v
        return v

    for r in spec.rows:
        value(r.key)
    return values


# --------------------------------------------------------------------------------------
# Rendering rows

_FULLWIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
_CN_ENUM = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]


def _fmt_number(v: Decimal, style: str, unit: Optional[str]) -> str:
    text = format(v, "f")
    if style == "thousands" and v == v.to_integral_value():
        text = f"{int(v):,}"
    elif style == "fullwidth":
        text = text.translate(_FULLWIDTH)
    elif style == "unit" and unit:
        text = f"{text}{unit}"
    elif style == "spaced":
        text = f" {text}\u3000"
    return text


@st.composite
def stats_rows(draw, profile: Profile, values: dict[str, Decimal], table: str = "stats"):
    """Rows [label, unit, value] in the profile's order, with the seed's group rows kept
    out and label/number styles drawn per row."""
    spec = profile.table(table)
    rows = []
    for i, r in enumerate(spec.rows):
        lstyle = draw(st.sampled_from(["bare", "paren", "cn", "digit", "fullparen", "spaced", "note", "other"]))
        label = r.label
        if lstyle == "paren":
            label = f"({_CN_ENUM[i % 10]}) {label}"
        elif lstyle == "cn":
            label = f"{_CN_ENUM[i % 10]}、{label}"
        elif lstyle == "digit":
            label = f"{i % 9 + 1}.{label}"
        elif lstyle == "fullparen":
            label = f"（{_CN_ENUM[i % 10]}）{label}"
        elif lstyle == "spaced":
            mid = len(label) // 2
            label = f"{label[:mid]}\n{label[mid:]}\u3000"
        elif lstyle == "note":
            label = f"{label}（单位：{r.unit or '件'}）"
        elif lstyle == "other":
            label = f"其中：{label}"
        nstyle = draw(st.sampled_from(["plain", "thousands", "fullwidth", "unit", "spaced"]))
        rows.append([label, r.unit or "", _fmt_number(values[r.key], nstyle, r.unit)])
    return rows


@st.composite
def split_rows(draw, rows: list[list[str]], header: list[str] = HEADER):
    """Cut rows into 1–5 pages; every page starts with the header row."""
    n = len(rows)
    k = draw(st.integers(min_value=0, max_value=min(4, n - 1)))
    cuts = sorted(draw(st.sets(st.integers(min_value=1, max_value=n - 1), min_size=k, max_size=k))) if k else []
    bounds = [0, *cuts, n]
    return [[list(header), *rows[a:b]] for a, b in zip(bounds, bounds[1:])]


# --------------------------------------------------------------------------------------
# Breaking one cell


def break_value(profile: Profile, values: dict[str, Decimal], key: str, bump: int, table: str = "stats") -> tuple[Decimal, set[str]]:
    """A value for ``key`` that breaks at least one identity it is in (or is negative,
    which is invalid by itself), and the row keys a finding may be located at: the cell
    itself or the anchor cell (total / parent) of an identity it takes part in."""
    idents = [i for i in _identities(profile, table) if key in {_row(r) for r in i.lhs + i.rhs}]
    assert idents, f"{key} is in no identity"
    allowed = {key}
    for i in idents:
        allowed.add(_row(i.rhs[0]) if i.kind == "le" else _row(i.lhs[0]))
    v = values[key]
    bump_d = Decimal(bump)

    def total(refs):
        return sum((values[_row(r)] for r in refs), Decimal(0))

    for i in idents:
        if i.kind == "sum":
            return v + bump_d, allowed
    for i in idents:
        lhs = {_row(r) for r in i.lhs}
        if i.kind == "between" and key in lhs:
            return total(i.rhs) + bump_d, allowed
        if i.kind == "between":
            return values[_row(i.lhs[0])] + bump_d, allowed
    i = idents[0]
    if key in {_row(r) for r in i.lhs}:
        return total(i.rhs) + bump_d, allowed
    return total(i.lhs) - bump_d, allowed


def involved_keys(profile: Profile, table: str = "stats") -> list[str]:
    keys: list[str] = []
    for i in _identities(profile, table):
        for r in i.lhs + i.rhs:
            k = _row(r)
            if k not in keys:
                keys.append(k)
    return keys
