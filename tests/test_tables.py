"""Label matching (report_lint.text.labels) and mapping document tables onto profile schemas."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_lint.text import labels as L
from report_lint.model.document import Cell, DocumentBuilder, Table, table_from_rows
from report_lint.profiles.load import ColSpec, Profile, RowSpec, TableSpec, get_profile
from report_lint.facts.tables import map_tables, parse_value

from strategies import (
    HEADER,
    consistent_values,
    document_from_parts,
    seed_data_rows,
    seed_parts,
    seed_rows,
    split_rows,
    stats_rows,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = get_profile("seed-2018")
BASE = get_profile("base-2008")


# --------------------------------------------------------------------------------------
# labels


@pytest.mark.parametrize(
    "a, b",
    [
        ("商业\n企业", "商业企业"),
        ("商业\u3000企业", "商业企业"),
        ("商\xa0业 企业", "商业企业"),
        ("（一）主动公开政府信息数", "主动公开政府信息数"),
        ("(一) 主动公开政府信息数", "主动公开政府信息数"),
        ("一、主动公开情况", "主动公开情况"),
        ("十一、存在问题", "存在问题"),
        ("1.属于国家秘密", "属于国家秘密"),
        ("1．属于国家秘密", "属于国家秘密"),
        ("1、属于国家秘密", "属于国家秘密"),
        ("①属于国家秘密", "属于国家秘密"),
        ("其中：主动公开规范性文件数", "主动公开规范性文件数"),
        ("其中:主动公开规范性文件数", "主动公开规范性文件数"),
        ("其中：1.涉及国家秘密", "涉及国家秘密"),
        ("危及“三安全一稳定”", '危及"三安全一稳定"'),
        ("危及‘三安全一稳定’", '危及"三安全一稳定"'),
        ("本年收费金额（单位：万元）", "本年收费金额(单位:万元)"),
        ("不是〈条例〉所指政府信息", "不是《条例》所指政府信息"),
        ("危及国家安全、公共安全、经济 安全和社会稳定", "危及国家安全,公共安全,经济安全和社会稳定"),
    ],
)
def test_label_keys_equal(a, b):
    assert L.label_key(a) == L.label_key(b)


@pytest.mark.parametrize(
    "text, label",
    [
        ("(一) 主动公开政府信息数 (不同渠道和方式公开相同信息计 1 条)", "主动公开政府信息数"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
        ("本年收费金额（单位：万元）", "本年收费金额"),
        ("1.专职人员数（不包括政府公报及政府网站工作人员数）", "专职人员数"),
    ],
)
def test_trailing_notes_are_a_second_chance(text, label):
    assert L.label_key(text) != L.label_key(label)
    assert L.same_label(text, label)


def test_a_note_only_label_keeps_its_text():
    key = L.label_key("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    assert L.note_free(key) == key and "勾稽关系" in key


def test_numbers_inside_labels_are_not_enumerators():
    assert L.label_key("1.5倍") == "1.5倍"
    assert L.label_key("2019年收到申请数") == "2019年收到申请数"


def test_index_prefers_exact_over_contained():
    idx = L.LabelIndex(min_contained=6)
    idx.add(["政府网站在线访谈次数"], "interviews")
    idx.add(["主要负责同志参加政府网站在线访谈次数"], "chief")
    assert idx.lookup("其中：主要负责同志参加政府网站在线访谈次数") == ["chief"]
    assert idx.lookup("2.政府网站在线访谈次数") == ["interviews"]
    # Only containment: the longest contained label wins.
    assert idx.lookup("其中：主要负责同志参加政府网站在线访谈次数（含视频访谈）") == ["chief"]


def test_index_refuses_short_containment_and_ties():
    idx = L.LabelIndex(min_contained=6)
    idx.add(["收到申请数"], "received")
    assert idx.lookup("本季度收到申请数") == []  # 5 characters: too short to trust containment
    idx2 = L.LabelIndex(min_contained=4)
    idx2.add(["当面申请数"], "a")
    idx2.add(["网络申请数"], "b")
    assert idx2.contained("当面申请数网络申请数") == []


def test_index_returns_all_items_of_a_repeated_label():
    idx = L.LabelIndex()
    idx.add(["被依法纠错数"], "review")
    idx.add(["被依法纠错数"], "litigation")
    assert idx.lookup("(二) 被依法纠错数") == ["review", "litigation"]


# --------------------------------------------------------------------------------------
# values


@pytest.mark.parametrize(
    "text, value",
    [
        ("1015", "1015"),
        ("1,015", "1015"),
        ("1，015", "1015"),
        ("１０１５", "1015"),
        ("597条", "597"),
        ("597 条", "597"),
        ("0.8", "0.8"),
        ("0.80万元", "0.80"),
        ("6人次", "6"),
        ("6（人次）", "6"),
        (" 3\u3000", "3"),
        ("-8", "-8"),
        ("－8", "-8"),
        ("12,345,678", "12345678"),
    ],
)
def test_parse_numbers(text, value):
    status, v = parse_value(text)
    assert status == "number" and v == Decimal(value)


@pytest.mark.parametrize("text", ["", "  ", "\u3000", "—", "-", "/", "——", "－", "\\"])
def test_parse_blank_marks(text):
    assert parse_value(text) == ("blank", None)


@pytest.mark.parametrize("text", ["无", "约5", "5-6", "1,5", "1.2.3", "十", "N/A", "5个月"])
def test_parse_invalid(text):
    assert parse_value(text) == ("invalid", None)


def test_amounts_keep_their_written_precision():
    assert parse_value("0.80")[1] == Decimal("0.8")
    assert str(parse_value("0.80")[1]) == "0.80"


# --------------------------------------------------------------------------------------
# list layout: the seed's statistics table


def _expected_seed_values() -> dict[str, Decimal]:
    # The seed's figure rows are exactly the profile's rows, in order (formats.md §3.2).
    rows = seed_data_rows()
    spec_rows = BASE.table("stats").rows
    assert len(rows) == len(spec_rows) == 58
    return {spec.key: Decimal(r[2]) for spec, r in zip(spec_rows, rows)}


def _check_positions(doc, mt):
    for cv in mt.cells.values():
        table = doc.blocks[cv.block]
        assert isinstance(table, Table)
        assert table.cell_at(cv.row, cv.col).text == cv.raw


@pytest.mark.parametrize("gap", ["", None, "续表", "（续表）"])
def test_seed_split_table_maps_all_rows(gap):
    doc = document_from_parts(seed_parts(), gap=gap)
    mt = map_tables(doc, SEED)["stats"]
    assert mt.blocks == [t.index for t in doc.tables()] and len(mt.blocks) == 5
    assert mt.missing_rows == [] and mt.missing_cols == [] and mt.missing_cells == [] and mt.unreadable == []
    got = {r: cv.value for (r, _), cv in mt.cells.items()}
    assert got == _expected_seed_values()
    assert all(cv.status == "number" for cv in mt.cells.values())
    _check_positions(doc, mt)


def test_seed_one_piece_maps_the_same():
    doc = document_from_parts([seed_rows()])
    mt = map_tables(doc, SEED)["stats"]
    assert len(mt.blocks) == 1
    assert {r: cv.value for (r, _), cv in mt.cells.items()} == _expected_seed_values()
    assert mt.get("active.website").value == 597
    assert mt.get("org.budget").value == Decimal("0.8")
    assert mt.get("active.total").value == 1015
    assert mt.get("active.total").row_label.startswith("(一) 主动公开政府信息数")
    assert mt.get("active.total").col_label == "统计数"


def test_repeated_labels_follow_their_group():
    rows = [
        HEADER,
        ["五、行政诉讼数量", "件", "9"],
        ["(一) 维持具体行政行为或者驳回原告诉讼请求数", "件", "5"],
        ["(二) 被依法纠错数", "件", "3"],
        ["(三) 其他情形数", "件", "1"],
        ["四、行政复议数量", "件", "8"],
        ["(一) 维持具体行政行为数", "件", "4"],
        ["(二) 被依法纠错数", "件", "2"],
        ["(三) 其他情形数", "件", "2"],
    ]
    mt = map_tables(document_from_parts([rows]), BASE)["stats"]
    assert mt.get("litigation.corrected").value == 3
    assert mt.get("litigation.other").value == 1
    assert mt.get("review.corrected").value == 2
    assert mt.get("review.other").value == 2


def test_repeated_labels_without_group_rows_go_in_printed_order():
    rows = [HEADER, ["收到申请数", "件", "0"], ["被依法纠错数", "件", "7"], ["被依法纠错数", "件", "6"]]
    mt = map_tables(document_from_parts([rows]), BASE)["stats"]
    assert mt.get("review.corrected").value == 7
    assert mt.get("litigation.corrected").value == 6


def test_missing_row_is_listed_once_and_others_still_map():
    rows = [r for r in seed_rows() if "传真申请数" not in r[0]]
    mt = map_tables(document_from_parts([rows]), SEED)["stats"]
    assert mt.missing_rows == ["apply.fax"]
    assert mt.get("apply.fax") is None
    assert mt.get("apply.letter").value == 0
    assert len(mt.cells) == 57


def test_unrelated_table_between_parts_is_not_swallowed():
    parts = seed_parts()
    b = DocumentBuilder("t.txt", "txt")
    for i, rows in enumerate(parts):
        b.table(*table_from_rows(rows))
        if i == 1:
            b.table(*table_from_rows([["姓名", "电话"], ["刘高峰", "0952-2012675"]]))
    doc = b.doc
    mt = map_tables(doc, SEED)["stats"]
    assert 2 not in mt.blocks
    assert len(mt.cells) == 58


def test_parts_cut_by_text_are_joined_when_their_rows_are_new():
    parts = seed_parts()
    b = DocumentBuilder("t.txt", "txt")
    b.table(*table_from_rows(parts[0]))
    b.paragraph("九、政府信息公开会议和培训情况")
    b.table(*table_from_rows([HEADER, ["(一) 召开政府信息公开工作会议或专题会议数", "次", "1"]]))
    mt = map_tables(b.doc, SEED)["stats"]
    assert mt.blocks == [0, 2]
    assert mt.get("meetings.meetings").value == 1 and mt.get("active.total").value == 1015


def test_a_second_copy_of_rows_is_not_joined():
    parts = seed_parts()
    b = DocumentBuilder("t.txt", "txt")
    b.table(*table_from_rows(parts[0]))
    b.paragraph("附：上年度统计表")
    b.table(*table_from_rows([HEADER, ["(一) 主动公开政府信息数", "条", "999"], ["2.政府网站公开政府信息数", "条", "555"]]))
    mt = map_tables(b.doc, SEED)["stats"]
    assert mt.blocks == [0]
    assert mt.get("active.total").value == 1015 and mt.get("active.website").value == 597


def test_table_without_header_row_finds_the_value_column():
    rows = [r for r in seed_rows()[1:]]
    rows = [[str(i + 1), *r] for i, r in enumerate(rows)]  # a 序号 column in front
    mt = map_tables(document_from_parts([rows]), SEED)["stats"]
    assert {r: cv.value for (r, _), cv in mt.cells.items()} == _expected_seed_values()
    assert all(cv.col == 3 for cv in mt.cells.values())


def test_two_value_columns_by_header():
    spec = TableSpec(
        key="stats",
        title="统计表",
        anchors=["主动公开文件数"],
        rows=[RowSpec(key="docs", label="主动公开文件数"), RowSpec(key="web", label="政府网站公开数")],
        cols=[ColSpec(key="year", label="本年度", variants=["2017年度"]), ColSpec(key="cum", label="历年累计")],
    )
    prof = Profile(name="t", title={"zh": "t"}, tables=[spec])
    rows = [
        ["指标名称", "计量单位", "2017年度", "历年累计"],
        ["主动公开文件数", "条", "25", "789"],
        ["其中：1、政府网站公开数", "条", "20", "700"],
    ]
    mt = map_tables(document_from_parts([rows]), prof)["stats"]
    assert mt.get("docs", "year").value == 25 and mt.get("docs", "cum").value == 789
    assert mt.get("web", "year").value == 20 and mt.get("web", "cum").value == 700
    assert mt.get("web", "cum").col_label == "历年累计"


def test_missing_table_is_absent():
    b = DocumentBuilder("t.txt", "txt")
    b.paragraph("一、概述")
    b.table(*table_from_rows([["姓名", "电话"], ["甲", "1"]]))
    assert map_tables(b.doc, SEED) == {}


def test_flattened_table_is_unreadable_not_missing():
    b = DocumentBuilder("t.txt", "txt")
    flat = " ".join(f"{r[0]} {r[1]} {r[2]}" for r in seed_rows())
    b.paragraph("附件：政府信息公开情况统计表 " + flat)
    mt = map_tables(b.doc, SEED)["stats"]
    assert mt.cells == {} and mt.unreadable and mt.missing_rows == []
    assert mt.blocks == [0]


def test_labels_and_numbers_in_one_cell_is_unreadable():
    rows = [[f"{r[0]} {r[1]} {r[2]}"] for r in seed_rows()]
    mt = map_tables(document_from_parts([rows]), SEED)["stats"]
    assert mt.cells == {} and mt.unreadable and mt.missing_rows == []


def test_narrative_mentions_alone_are_not_a_flattened_table():
    b = DocumentBuilder("t.txt", "txt")
    b.paragraph("全年收到申请数3件，主动公开政府信息数100条。")
    assert map_tables(b.doc, SEED) == {}


# --------------------------------------------------------------------------------------
# grid layout (national formats): merged label cells, multi-row column headers


def _grid(rows: list[list], index: int = 0) -> Table:
    """Rows of cell specs: a str, or (text, rowspan, colspan); None = covered by a merge."""
    cells = []
    n_cols = 0
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for item in row:
            while (r, c) in covered:
                c += 1
            text, rs, cs = (item, 1, 1) if isinstance(item, str) else item
            cells.append(Cell(row=r, col=c, text=text, rowspan=rs, colspan=cs))
            for i in range(r, r + rs):
                for j in range(c, c + cs):
                    covered.add((i, j))
            c += cs
        n_cols = max(n_cols, c)
    n_cols = max([n_cols, *(j + 1 for _, j in covered)])
    return Table(index=index, n_rows=len(rows), n_cols=n_cols, cells=cells)


def _doc_with(*tables: Table):
    b = DocumentBuilder("t.docx", "docx")
    for t in tables:
        t.index = len(b.doc.blocks)
        b.doc.blocks.append(t)
    return b.doc


GOV21 = get_profile("gov-2021")

APPEALS_HEADER = [
    [("行政复议", 1, 5), ("行政诉讼", 1, 10)],
    [
        ("结果维持", 2, 1),
        ("结果\n纠正", 2, 1),
        ("其他\n结果", 2, 1),
        ("尚未\n审结", 2, 1),
        ("总计", 2, 1),
        ("未经复议直接起诉", 1, 5),
        ("复议后起诉", 1, 5),
    ],
    ["结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"] * 2,
]
APPEALS_KEYS = [f"{g}.{k}" for g in ("review", "direct", "after_review") for k in ("upheld", "corrected", "other", "pending", "total")]


def test_appeals_unlabeled_row_and_grouped_columns():
    values = [str(i * 3 + 1) for i in range(15)]
    t = _grid([*APPEALS_HEADER, values, ["\xa0"] * 15])
    mt = map_tables(_doc_with(t), GOV21)["appeals"]
    assert mt.missing_rows == [] and mt.missing_cols == [] and mt.missing_cells == []
    for key, v in zip(APPEALS_KEYS, values):
        cv = mt.get("cases", key)
        assert cv.value == Decimal(v) and cv.row == 3


def test_appeals_blank_template_row_maps_as_blank():
    t = _grid([*APPEALS_HEADER, [""] * 15])
    mt = map_tables(_doc_with(t), GOV21)["appeals"]
    assert len(mt.cells) == 15 and all(cv.status == "blank" for cv in mt.cells.values())


def test_requests_merged_label_cells_and_header_rows():
    head = [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 1, 7)],
        [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        ["商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他"],
    ]

    def vals(base):
        return [str(base + j) for j in range(7)]

    body = [
        [("一、本年新收政府信息公开申请数量", 1, 3), *vals(100)],
        [("三、本年度办理结果", 4, 1), ("（一）予以公开", 1, 2), *vals(200)],
        [("（三）不予公开", 2, 1), "1.属于国家秘密", *vals(300)],
        ["2.其他法律行政法规禁止公开", *vals(400)],
        [("（六）其他处理", 1, 1), "3.其他", *vals(500)],
    ]
    t = _grid(head + body)
    mt = map_tables(_doc_with(t), GOV21)["requests"]
    cols = ["natural", "business", "research", "nonprofit", "legal", "other", "total"]
    for row_key, base in [("new", 100), ("granted", 200), ("refused.secret", 300), ("refused.prohibited", 400), ("other.other", 500)]:
        for j, c in enumerate(cols):
            assert mt.get(row_key, c).value == base + j, (row_key, c)
    assert "carried" in mt.missing_rows and mt.missing_cols == []


def test_gov_docx_fixtures_map_every_cell():
    pytest.importorskip("docx")
    from report_lint.read.dispatch import read_document

    fixtures = sorted((ROOT / "fixtures" / "gov").glob("filled-2021-*.docx"))
    if not fixtures:
        pytest.skip("no generated 2021 fixtures")
    for path in fixtures:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        doc = read_document(path)
        mapped = map_tables(doc, GOV21)
        for ref, written in meta["values"].items():
            table, _, cell = ref.partition(".")
            row, _, col = cell.partition("@")
            cv = mapped[table].get(row, col)
            assert cv is not None and cv.raw.strip() == written.strip(), (path.name, ref)
        for mt in mapped.values():
            assert mt.missing_rows == [] and mt.missing_cols == [] and mt.missing_cells == []


# --------------------------------------------------------------------------------------
# properties


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_generated_tables_map_back_to_their_values(data):
    values = data.draw(consistent_values(BASE))
    rows = data.draw(stats_rows(BASE, values))
    parts = data.draw(split_rows(rows))
    gap = data.draw(st.sampled_from(["", None, "续表"]))
    doc = document_from_parts(parts, gap=gap)
    mt = map_tables(doc, BASE)["stats"]
    assert mt.missing_rows == [] and mt.unreadable == []
    assert {r: cv.value for (r, _), cv in mt.cells.items()} == values
    assert len(mt.blocks) == len(parts)


_cell_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["统计数", "收到申请数", "被依法纠错数", "总计", "其他", "结果维持", "—", "无", "1,015", ""]),
    st.integers(-5, 5000).map(str),
)


@st.composite
def _random_table(draw):
    n_rows = draw(st.integers(0, 6))
    n_cols = draw(st.integers(0, 5))
    cells = []
    for r in range(n_rows):
        for c in range(n_cols):
            if draw(st.booleans()) or (r == 0 and c == 0):
                cells.append(Cell(row=r, col=c, text=draw(_cell_text), rowspan=draw(st.integers(1, 3)), colspan=draw(st.integers(1, 3))))
    return Table(index=0, n_rows=n_rows, n_cols=n_cols, cells=cells)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_random_table(), st.text(max_size=30)), max_size=5))
def test_mapping_never_raises_on_odd_tables(blocks):
    b = DocumentBuilder("t.docx", "docx")
    for x in blocks:
        if isinstance(x, Table):
            x.index = len(b.doc.blocks)
            b.doc.blocks.append(x)
        else:
            b.paragraph(x)
    for prof in (SEED, GOV21, get_profile("gov-2019")):
        out = map_tables(b.doc, prof)
        for mt in out.values():
            for cv in mt.cells.values():
                assert cv.status in ("number", "blank", "invalid")


def test_total_header_in_the_last_column_is_a_header_not_a_row():
    # Corpus 021: the applicant headers were replaced by 数据1–6; only 总计 is recognisable.
    rows = [
        ["类别", "数据1", "数据2", "数据3", "数据4", "数据5", "数据6", "总计"],
        ["本年新收政府信息公开申请数量", "705", "3", "0", "0", "5", "0", "713"],
    ]
    mt = map_tables(document_from_parts([rows]), GOV21)["requests"]
    assert mt.get("new", "total").value == 713
    assert mt.get("results.total", "total") is None
    assert mt.missing_cols == ["natural", "business", "research", "nonprofit", "legal", "other"]
