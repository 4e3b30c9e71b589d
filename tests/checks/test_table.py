"""T rules: identities (T001–T003), blank and invalid cells, missing/unreadable tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_lint.checks.table import (
    BlankCell,
    IdentityBetween,
    IdentityLe,
    IdentitySum,
    InvalidValue,
    RowOrColumnMissing,
    TableMissing,
    TableUnreadable,
)
from report_lint.model.document import DocumentBuilder, table_from_rows
from report_lint.profiles.load import ColSpec, Identity, Profile, RowSpec, TableSpec, get_profile

from strategies import (
    break_value,
    consistent_values,
    context_for,
    document_from_parts,
    involved_keys,
    seed_parts,
    seed_rows,
    split_rows,
    stats_rows,
)

ROOT = Path(__file__).resolve().parents[2]
SEED = get_profile("seed-2018")
BASE = get_profile("base-2008")
ALL_T = (IdentitySum, IdentityLe, IdentityBetween, BlankCell, InvalidValue, TableMissing, RowOrColumnMissing, TableUnreadable)


def run(rules, doc, profile=SEED):
    ctx = context_for(doc, profile)
    out = []
    for r in rules:
        out.extend(r().check(ctx))
    return out


def seed_with(changes: dict[str, str], drop: tuple[str, ...] = ()):
    """The seed table in one piece with some value cells rewritten (by label prefix match)."""
    rows = []
    for r in seed_rows():
        label = r[0]
        if any(d in label for d in drop):
            continue
        for needle, value in changes.items():
            if needle in label:
                r = [r[0], r[1], value]
        rows.append(r)
    return document_from_parts([rows])


def cell_of(doc, label_part: str):
    """(block, row) of the seed row whose label contains ``label_part``."""
    for t in doc.tables():
        for i in range(t.n_rows):
            if label_part in t.cell_at(i, 0).text:
                return t.index, i
    raise AssertionError(label_part)


# --------------------------------------------------------------------------------------
# the seed is clean


@pytest.mark.parametrize("split", [False, True])
def test_seed_has_no_table_findings(split):
    doc = document_from_parts(seed_parts() if split else [seed_rows()])
    assert run(ALL_T, doc) == []


# --------------------------------------------------------------------------------------
# T001


def test_t001_names_the_cells_and_the_arithmetic():
    doc = seed_with({"收到申请数": "4", "当面申请数": "1", "网络申请数": "2"})
    found = run([IdentitySum], doc)
    assert len(found) == 1
    f = found[0]
    assert f.code == "T001" and f.severity == "error"
    assert f.text("zh") == "「收到申请数」应等于 当面申请数 + 传真申请数 + 网络申请数 + 信函申请数 = 1 + 0 + 2 + 0 = 3，而表中为 4。"
    assert "should equal" in f.text("en") and "= 3" in f.text("en")
    assert f.numbers["expected"] == 3 and f.numbers["actual"] == 4
    assert f.numbers["terms"] == {"apply.in_person@value": 1, "apply.fax@value": 0, "apply.online@value": 2, "apply.letter@value": 0}
    block, row = cell_of(doc, "收到申请数")
    loc = f.location
    assert (loc.block, loc.table, loc.row, loc.col) == (block, block, row, 2)
    assert loc.row_label == "收到申请数" and loc.col_label == "统计数"


def test_t001_breaking_the_seed_replied_sum():
    doc = document_from_parts(seed_parts())
    block, row = cell_of(doc, "申请答复数")
    doc.blocks[block].cell_at(row, 2).text = "2"
    found = run(ALL_T, doc)
    assert [f.code for f in found] == ["T001"]
    f = found[0]
    assert "「申请答复数」应等于" in f.text("zh") and "而表中为 2" in f.text("zh")
    assert "属于已主动公开范围数" in f.text("zh") and "告知通过其他途径办理数" in f.text("zh")
    assert (f.location.block, f.location.row) == (block, row)
    assert f.numbers["expected"] == 0 and f.numbers["actual"] == 2


def test_t001_amounts_compare_exactly():
    spec = TableSpec(
        key="fees",
        title="收费",
        anchors=["收费合计"],
        rows=[
            RowSpec(key="total", label="收费合计", kind="amount"),
            RowSpec(key="a", label="甲项收费", kind="amount"),
            RowSpec(key="b", label="乙项收费", kind="amount"),
        ],
        cols=[ColSpec(key="value", label="金额")],
    )
    ident = Identity(key="fees.sum", table="fees", kind="sum", lhs=["total"], rhs=["a", "b"])
    prof = Profile(name="t", title={"zh": "t"}, tables=[spec], identities=[ident])

    def doc(total):
        return document_from_parts([[["项目", "金额"], ["收费合计", total], ["甲项收费", "0.1"], ["乙项收费", "0.20"]]])

    assert run([IdentitySum], doc("0.3"), prof) == []
    assert run([IdentitySum], doc("0.30"), prof) == []
    bad = run([IdentitySum], doc("0.31"), prof)
    assert len(bad) == 1 and "0.1 + 0.20 = 0.30" in bad[0].text("zh")


# --------------------------------------------------------------------------------------
# T002 / T003


def test_t002_part_above_parent():
    doc = seed_with({"参加或举办新闻发布会总次数": "1", "主要负责同志参加新闻发布会次数": "2"})
    found = run(ALL_T, doc)
    assert [f.code for f in found] == ["T002"]
    f = found[0]
    assert f.severity == "error"
    assert "「主要负责同志参加新闻发布会次数」为 2，大于「参加或举办新闻发布会总次数」的 1" in f.text("zh")
    block, row = cell_of(doc, "参加或举办新闻发布会总次数")
    assert (f.location.block, f.location.row) == (block, row)


def test_t002_equal_is_fine():
    doc = seed_with({"参加或举办新闻发布会总次数": "2", "主要负责同志参加新闻发布会次数": "2"})
    assert run([IdentityLe], doc) == []


def test_t003_total_below_a_channel():
    doc = seed_with({"主动公开政府信息数": "500"})
    found = run(ALL_T, doc)
    assert [f.code for f in found] == ["T003"]
    f = found[0]
    assert f.severity == "warning"
    assert "小于其中「政府网站公开政府信息数」的 597" in f.text("zh")
    assert f.numbers["min"] == 597 and f.numbers["max"] == 1392


def test_t003_total_above_the_channel_sum():
    doc = seed_with({"主动公开政府信息数": "1400"})
    found = run([IdentityBetween], doc)
    assert len(found) == 1 and "大于各渠道之和" in found[0].text("zh") and "= 1392" in found[0].text("zh")


@pytest.mark.parametrize("total", ["597", "1015", "1392"])
def test_t003_within_range_is_fine(total):
    assert run([IdentityBetween], seed_with({"主动公开政府信息数": total})) == []


# --------------------------------------------------------------------------------------
# T004 / T005


@pytest.mark.parametrize("mark", ["", "—", "/"])
def test_t004_blank_cell_once_and_no_arithmetic(mark):
    doc = seed_with({"收到申请数": mark, "当面申请数": "3"})
    found = run(ALL_T, doc)
    assert [f.code for f in found] == ["T004"]
    f = found[0]
    assert f.severity == "warning" and "空白不等于 0" in f.text("zh")
    block, row = cell_of(doc, "收到申请数")
    assert (f.location.block, f.location.row, f.location.col) == (block, row, 2)


def test_t005_text_in_a_count_cell():
    doc = seed_with({"收到申请数": "无"})
    found = run(ALL_T, doc)
    assert [f.code for f in found] == ["T005"]
    assert found[0].severity == "error" and "请填 0" in found[0].text("zh")


@pytest.mark.parametrize("value, problem", [("-1", "negative"), ("1.5", "fraction")])
def test_t005_count_must_be_a_whole_non_negative_number(value, problem):
    found = run([InvalidValue], seed_with({"举报投诉数量": value}))
    assert len(found) == 1 and found[0].numbers["problem"] == problem


def test_t005_amount_may_have_decimals_but_not_be_negative():
    assert run([InvalidValue], seed_with({"依申请公开信息收取的费用": "0.35"})) == []
    found = run([InvalidValue], seed_with({"依申请公开信息收取的费用": "-0.35"}))
    assert len(found) == 1 and found[0].numbers == {"kind": "amount", "problem": "negative"}


def test_t005_signed_column_allows_negatives():
    spec = TableSpec(
        key="items",
        title="事项",
        anchors=["行政许可"],
        rows=[RowSpec(key="lic", label="行政许可")],
        cols=[ColSpec(key="prev", label="上一年项目数量"), ColSpec(key="delta", label="本年增/减", kind="signed")],
    )
    prof = Profile(name="t", title={"zh": "t"}, tables=[spec])
    doc = document_from_parts([[["信息内容", "上一年项目数量", "本年增/减"], ["行政许可", "10", "-3"]]])
    assert run([InvalidValue], doc, prof) == []
    doc = document_from_parts([[["信息内容", "上一年项目数量", "本年增/减"], ["行政许可", "-10", "-3"]]])
    found = run([InvalidValue], doc, prof)
    assert len(found) == 1 and found[0].location.col == 1


# --------------------------------------------------------------------------------------
# T006 / T007 / T008


def test_t006_required_table_missing():
    b = DocumentBuilder("t.txt", "txt")
    b.paragraph("一、总体公开工作情况概述")
    found = run(ALL_T, b.doc)
    assert [f.code for f in found] == ["T006"]
    assert found[0].severity == "error" and "政府信息公开情况统计表" in found[0].text("zh")


def test_t006_optional_table_missing_is_silent():
    b = DocumentBuilder("t.txt", "txt")
    b.paragraph("一、概述")
    assert run(ALL_T, b.doc, BASE) == []


def test_t007_one_finding_lists_missing_rows_no_cascade():
    doc = seed_with({}, drop=("传真申请数", "信函申请数"))
    found = run(ALL_T, doc)
    assert [f.code for f in found] == ["T007"]
    f = found[0]
    assert "「传真申请数」" in f.text("zh") and "「信函申请数」" in f.text("zh")
    assert f.numbers["rows"] == ["apply.fax", "apply.letter"]
    assert f.location.block == doc.tables().__next__().index


def test_t008_flattened_table_is_a_warning_not_missing():
    b = DocumentBuilder("t.txt", "txt")
    b.paragraph("附件：政府信息公开情况统计表 " + " ".join(" ".join(r) for r in seed_rows()))
    found = run(ALL_T, b.doc)
    assert [f.code for f in found] == ["T008"]
    assert found[0].severity == "warning" and "压平" in found[0].text("zh") and "flattened" in found[0].text("en")


# --------------------------------------------------------------------------------------
# national formats (grid tables) through the generated Word fixtures


def _gov_fixture(name: str):
    pytest.importorskip("docx")
    from report_lint.read.dispatch import read_document

    path = ROOT / "fixtures" / "gov" / f"filled-2021-{name}.docx"
    if not path.exists():
        pytest.skip(f"{path.name} not generated")
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return read_document(path), meta


def test_gov_clean_fixture_has_no_table_findings():
    doc, _ = _gov_fixture("clean")
    assert run(ALL_T, doc, get_profile("gov-2021")) == []


def test_gov_sum_fixture_reports_the_broken_cell():
    doc, meta = _gov_fixture("sum")
    found = run(ALL_T, doc, get_profile("gov-2021"))
    assert found and {f.code for f in found} == {"T001"}
    row, _, col = meta["detail"]["cell"].partition(".")[2].partition("@")
    mapped = context_for(doc, get_profile("gov-2021")).tables["requests"]
    cv = mapped.get(row, col)
    # Every finding points at the broken cell or a total it feeds (its row total, its column total).
    totals = {(cv.row, cv.col), (cv.row, mapped.get(row, "total").col), (mapped.get("results.total", col).row, cv.col)}
    assert all((f.location.row, f.location.col) in totals for f in found)


def test_gov_printed_identity_says_so():
    doc, _ = _gov_fixture("clean")
    gov = get_profile("gov-2021")
    mapped = context_for(doc, gov).tables["requests"]
    cv = mapped.get("carried", "natural")
    doc.blocks[cv.block].cell_at(cv.row, cv.col).text = str(cv.value + 1)
    found = run([IdentitySum], doc, gov)
    # One typo breaks the printed identity and the row total; they meet at the changed cell.
    assert len(found) == 1
    f = found[0]
    assert f.numbers["suspect"] == "carried@natural"
    assert "requests.balance@natural" in f.numbers["identities"]
    assert (f.location.row, f.location.col) == (cv.row, cv.col)
    assert "格式中印明的勾稽关系" in f.text("zh") and "printed in the format" in f.text("en")
    assert "（「自然人」列）" in f.text("zh")


def test_two_unrelated_typos_are_reported_identity_by_identity():
    doc, _ = _gov_fixture("clean")
    gov = get_profile("gov-2021")
    mapped = context_for(doc, gov).tables["requests"]
    for row, col in (("carried", "natural"), ("granted", "business")):
        cv = mapped.get(row, col)
        doc.blocks[cv.block].cell_at(cv.row, cv.col).text = str(cv.value + 1)
    found = run([IdentitySum], doc, gov)
    assert len(found) >= 3 and not any("suspect" in f.numbers for f in found)


def test_gov_blank_fixture_is_one_warning():
    doc, meta = _gov_fixture("blank")
    found = run(ALL_T, doc, get_profile("gov-2021"))
    assert [f.code for f in found] == ["T004"]


# --------------------------------------------------------------------------------------
# properties


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_consistent_generated_table_has_no_identity_findings(data):
    values = data.draw(consistent_values(BASE))
    rows = data.draw(stats_rows(BASE, values))
    parts = data.draw(split_rows(rows))
    found = run(ALL_T, document_from_parts(parts), BASE)
    assert found == []


KEYS = involved_keys(BASE)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_breaking_one_cell_is_found_at_that_cell_or_its_total(data):
    values = data.draw(consistent_values(BASE))
    key = data.draw(st.sampled_from(KEYS))
    bump = data.draw(st.integers(min_value=1, max_value=50))
    new, allowed = break_value(BASE, values, key, bump)
    broken = dict(values)
    broken[key] = new
    rows = data.draw(stats_rows(BASE, broken))
    parts = data.draw(split_rows(rows))
    doc = document_from_parts(parts)
    ctx = context_for(doc, BASE)
    mt = ctx.tables["stats"]
    assert mt.get(key).value == new
    positions = {(mt.get(k).block, mt.get(k).row) for k in allowed}
    found = [f for r in ALL_T for f in r().check(ctx)]
    assert found, (key, new)
    assert any((f.location.block, f.location.row) in positions for f in found if f.code in ("T001", "T002", "T003", "T005"))


def test_t008_garbled_header_under_the_tables_title_is_not_missing():
    # Shape of corpus 023 (PDF → text): the header words spill into paragraphs above a
    # table whose own header cells are broken.
    gov = get_profile("gov-2021")
    b = DocumentBuilder("t.txt", "txt")
    b.paragraph("四、政府信息公开行政复议、行政诉讼情况")
    b.paragraph("行政复议行政诉讼")
    b.paragraph("未经复议直接起诉复议后起诉")
    b.table(*table_from_rows([["维持", "纠正", "结果", "审结"], ["1", "0", "0", "0"]]))
    found = [f for f in run(ALL_T, b.doc, gov) if f.numbers.get("table") == "appeals"]
    assert [f.code for f in found] == ["T008"]
    assert found[0].location.block == 3


def test_t006_when_the_title_words_are_not_near_any_table():
    gov = get_profile("gov-2021")
    b = DocumentBuilder("t.txt", "txt")
    b.paragraph("四、政府信息公开行政复议、行政诉讼情况")
    b.paragraph("本年度未发生行政复议、行政诉讼。")
    found = [f for f in run([TableMissing], b.doc, gov) if f.numbers.get("table") == "appeals"]
    assert [f.code for f in found] == ["T006"]


def test_every_reason_a_table_is_unreadable_is_bilingual():
    # The labels of table 四 on lines of their own, their numbers set apart by spaces (a text
    # table whose tabs became spaces): the reader names the table unreadable in both
    # languages, the one shape T008 reads.
    from report_lint.facts.tables import _index_for, _unrecognised

    gov = get_profile("gov-2021")
    b = DocumentBuilder("t.txt", "txt")
    for line in ("行政复议   1 0 0", "未经复议直接起诉   0 0 0 0 0", "复议后起诉   0 0 0 0 0", "尚未审结   0 0 0"):
        b.paragraph(line)
    spec = next(t for t in gov.tables if t.key == "appeals")
    mt = _unrecognised(b.doc, _index_for(spec))
    assert mt is not None and mt.unreadable
    for reason in mt.unreadable:
        assert set(reason) == {"zh", "en"}
        assert "没有表格结构" in reason["zh"] and "without a table structure" in reason["en"]
