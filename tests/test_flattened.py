"""Tables flattened into running text (report_lint.facts.flattened, wired in by tables.map_tables).

The corpus excerpts under fixtures/text/flattened-*.txt are the crawler's one-line text of
平潭 reports 2019–2022; the same reports as published HTML pages (fixtures/text/corpus-
80576.html … 80629.html) are the oracle: every cell read from the flattened text must equal
the cell of the real table, and a row is read only when its split into cells is unique.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintutil import FIXTURES, ROOT, SHARED, context_for
from report_lint.checks import table as T
from report_lint.facts.flattened import read_flattened
from report_lint.profiles.load import get_profile
from report_lint.read.dispatch import read_document
from report_lint.facts.tables import map_tables

TEXT = FIXTURES / "text"
GOV19 = get_profile("gov-2019")
GOV21 = get_profile("gov-2021")
ALL_T = (
    T.IdentitySum,
    T.IdentityLe,
    T.IdentityBetween,
    T.BlankCell,
    T.InvalidValue,
    T.TableMissing,
    T.RowOrColumnMissing,
    T.TableUnreadable,
)

# fixture → (profile, the same report as an HTML page)
CASES = {
    "flattened-013-requests.txt": ("gov-2019", "corpus-80576.html"),
    "flattened-014-requests.txt": ("gov-2019", "corpus-80595.html"),
    "flattened-015-active.txt": ("gov-2021", "corpus-80613.html"),
    "flattened-015-appeals.txt": ("gov-2021", "corpus-80613.html"),
    "flattened-016-requests.txt": ("gov-2021", "corpus-80629.html"),
    "flattened-016-appeals.txt": ("gov-2021", "corpus-80629.html"),
}


def ctx_of(name: str):
    profile, _ = CASES.get(name, ("gov-2019", None))
    return context_for((TEXT / name).read_text(encoding="utf-8"), profile)


def html_tables(name: str):
    profile, html = CASES[name]
    return map_tables(read_document(str(TEXT / html)), get_profile(profile))


def findings(ctx, code: str = "", table: str = ""):
    # An excerpt holds one table: the others are absent (T006), which is not under test here.
    out = [f for r in ALL_T for f in r().check(ctx) if f.code != "T006"]
    if code:
        out = [f for f in out if f.code == code]
    if table:
        out = [f for f in out if f.numbers.get("table") == table or f.numbers.get("identity", "").startswith(table + ".")]
    return out


# --------------------------------------------------------------------------------------
# The corpus: what is read equals the published table


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_cell_read_from_flattened_text_equals_the_published_table(name):
    ctx = ctx_of(name)
    real = html_tables(name)
    assert ctx.tables, name
    for key, mt in ctx.tables.items():
        assert mt.flattened and mt.blocks == [0]
        for (row, col), cv in mt.cells.items():
            truth = real[key].get(row, col)
            assert truth is not None and truth.status == "number", (name, row, col)
            assert cv.value == truth.value, (name, row, col, cv.raw, truth.raw)
            # A flattened cell points at the paragraph, with its labels, not a grid position.
            assert cv.status == "number" and cv.block == 0 and cv.row is None and cv.col is None
            loc = T.location_of(mt.spec, cv)
            assert loc.block == 0 and loc.col_label and (loc.row_label or mt.spec.rows[0].label == "")
            a, b = cv.span
            para = ctx.document.blocks[0].text
            assert cv.raw in para[a:b]


def test_014_single_digit_rows_are_read_and_the_run_together_rows_are_named():
    ctx = ctx_of("flattened-014-requests.txt")
    mt = ctx.tables["requests"]
    real = html_tables("flattened-014-requests.txt")["requests"]
    # "6000017", "4 0 0 0 0 0 4" and "0 0 00 00 0" are unique splits; every spec row but two is read.
    for row in ("granted", "partial", "unable.not_held", "unable.unclear", "ignored.repeat", "other", "carry_next"):
        assert [mt.get(row, c.key).value for c in mt.spec.cols] == [real.get(row, c.key).value for c in mt.spec.cols]
    # "200 000121" and "20 0 00 0 121": 9 digits for 7 cells → not guessed, named.
    assert mt.get("new", "total") is None and mt.get("results.total", "total") is None
    assert {"new@natural", "results.total@total"} <= set(mt.unreadable_cells)
    t008 = findings(ctx, "T008")
    assert len(t008) == 1 and t008[0].severity == "warning" and t008[0].location.block == 0
    msg = t008[0].text("zh")
    assert "「（七）总计」（5组共9位数字对应7列）" in msg and "「一、本年新收政府信息公开申请数量」" in msg
    assert "予以公开" not in msg  # read rows are not named


def test_014_known_defect_is_not_evaluated_while_its_total_row_is_uncertain():
    # MANIFEST 014: result rows sum to 27 while （七）总计 is 21 — but the flattened 总计 row
    # "20 0 00 0 121" cannot be split, so no identity that needs it is evaluated.
    ctx = ctx_of("flattened-014-requests.txt")
    assert [f for f in findings(ctx) if f.severity == "error"] == []
    # the per-row identity (总计列 = 各类申请人之和) runs on the rows that were read
    inst = [i for i in T.instances(ctx, "sum") if i.ident.key == "requests.applicants"]
    assert len(inst) == 21


def test_014_known_defect_is_caught_when_the_involved_rows_are_certain():
    # The same excerpt with the two run-together rows spaced as the HTML page prints them.
    ctx = context_for((TEXT / "flattened-014-requests-spaced.txt").read_text(encoding="utf-8"), "gov-2019")
    real = html_tables("flattened-014-requests.txt")["requests"]
    errors = [f for f in findings(ctx) if f.severity == "error"]
    assert errors and all(f.code == "T001" and f.numbers["identity"] == "requests.results" for f in errors)
    ident = GOV19.identities[[i.key for i in GOV19.identities].index("requests.results")]
    by_col = {f.location.col_label: f for f in errors}
    for col in ("自然人", "总计"):
        key = next(c.key for c in real.spec.cols if c.label == col)
        expected = sum(real.get(r, key).value for r in ident.rhs)
        assert by_col[col].numbers["expected"] == expected
        assert by_col[col].numbers["actual"] == real.get("results.total", key).value
        assert by_col[col].location.block == 0 and by_col[col].location.row_label.endswith("总计")
    assert findings(ctx, "T008", "requests") == []


def test_016_nine_digit_rows_are_unreadable_and_named():
    ctx = ctx_of("flattened-016-requests.txt")
    mt = ctx.tables["requests"]
    text = (TEXT / "flattened-016-requests.txt").read_text(encoding="utf-8")
    msg = findings(ctx, "T008")[0].text("zh")
    for row, printed, run in (
        ("new", "一、本年新收政府信息公开申请数量", "713000074"),
        ("granted", "（一）予以公开", "210000021"),
        ("unable.not_held", "1.本机关不掌握相关政府信息", "370000037"),
        ("results.total", "（七）总计", "723000075"),
    ):
        assert run in text
        assert all(mt.get(row, c.key) is None for c in mt.spec.cols)
        assert f"「{printed}」（{len(run)}位数字对应7列）" in msg
    # "00000002.其他…": the glued enumerator of the next row is not a digit of this one.
    assert "00000002.其他法律行政法规禁止公开" in text
    assert [mt.get("refused.secret", c.key).raw for c in mt.spec.cols] == ["0"] * 7
    assert [f for f in findings(ctx) if f.severity == "error"] == []


def test_016_table_four_is_read_from_the_spaced_run():
    ctx = ctx_of("flattened-016-appeals.txt")
    mt = ctx.tables["appeals"]
    assert len(mt.cells) == 15 and mt.unreadable == []
    review = [mt.get("cases", k).value for k in ("review.upheld", "review.corrected", "review.other", "review.pending")]
    assert sum(review) == mt.get("cases", "review.total").value > 0  # 2 = 0 + 1 + 1 + 0
    evaluated = {i.ident.key for i in T.instances(ctx, "sum")}
    assert evaluated == {"appeals.review", "appeals.direct", "appeals.after_review"}
    assert findings(ctx) == []


def test_015_table_four_with_seventeen_digits_is_unreadable():
    ctx = ctx_of("flattened-015-appeals.txt")
    mt = ctx.tables["appeals"]
    assert mt.cells == {} and len(mt.unreadable_cells) == 15
    found = findings(ctx)
    assert [f.code for f in found] == ["T008"]
    assert "17位数字对应15列" in found[0].text("zh") and "17 digits for 15 columns" in found[0].text("en")


def test_015_stacked_table_two_reads_one_column_rows_and_names_the_rest():
    ctx = ctx_of("flattened-015-active.txt")
    mt = ctx.tables["active"]
    assert {r for r, _ in mt.cells} == {"rules", "licensing", "penalty", "coercion", "fees"}
    assert mt.get("fees", "fee_amount").value == Decimal("24252.311082")
    assert "「行政规范性文件」（6位数字对应3列）" in findings(ctx, "T008")[0].text("zh")


def test_013_spaced_runs_whose_digits_match_the_columns_are_read():
    ctx = ctx_of("flattened-013-requests.txt")
    mt = ctx.tables["requests"]
    text = (TEXT / "flattened-013-requests.txt").read_text(encoding="utf-8")
    assert "其他处理0 0 0 0 0 00" in text and "继续办理 0 0 00 00 0" in text
    assert [mt.get("other", c.key).raw for c in mt.spec.cols] == ["0"] * 7
    assert [mt.get("carry_next", c.key).raw for c in mt.spec.cols] == ["0"] * 7


def test_the_paragraph_holding_the_table_is_chosen_not_a_narrative_mention():
    text = (TEXT / "flattened-016-requests.txt").read_text(encoding="utf-8")
    ctx = context_for("（二）依申请公开方面 2022年收到政府信息公开申请75件，予以公开21件，部分公开9件。\n" + text, "gov-2021")
    mt = ctx.tables["requests"]
    assert mt.blocks == [1] and {cv.block for cv in mt.cells.values()} == {1}
    assert findings(ctx, "T008")[0].location.block == 1


# --------------------------------------------------------------------------------------
# The reader on small texts: certain or named, never guessed

SPEC21 = GOV21.table("requests")
SPEC19_ACTIVE = GOV19.table("active")
HEADER = "申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 "


def read(text: str, spec=SPEC21):
    r = read_flattened([(0, text)], spec)
    return {fr.key: fr for fr in r.rows}, r


def test_a_glued_digit_that_is_not_the_next_rows_number_makes_the_row_uncertain():
    rows, _ = read(HEADER + "（三）不予公开 1.属于国家秘密00000003.其他法律行政法规禁止公开0000000")
    assert rows["refused.secret"].status == "unreadable" and rows["refused.secret"].problem == "glued"
    assert rows["refused.prohibited"].status == "read"
    rows, _ = read(HEADER + "（三）不予公开 1.属于国家秘密00000002.其他法律行政法规禁止公开0000000")
    assert [c.raw for c in rows["refused.secret"].cells] == ["0"] * 7


@pytest.mark.parametrize(
    "values, problem",
    [
        ("0 0 00 0 0 0 0", "zero"),  # seven groups, but "00" is not one cell's number
        ("1,015 0 0 0 0 0 1,015", "glued"),  # thousands separators: where does a number end?
        ("12 3", "split"),
        ("", "none"),
        ("1 0 0 0 0 0 1 2 3", "split"),
    ],
)
def test_rows_that_cannot_be_split_uniquely_are_unreadable(values, problem):
    rows, reading = read(HEADER + "（一）予以公开" + values + "（二）部分公开（区分处理的，只计这一情形，不计其他情形）1000001")
    assert rows["granted"].status == "unreadable" and rows["granted"].problem == problem
    assert rows["granted"].cells == [] and rows["partial"].status == "read"
    assert "「（一）予以公开」" in reading.reason(SPEC21.title)["zh"]


def test_without_column_headers_nothing_is_assigned_to_columns():
    rows, reading = read("（一）予以公开1000001（二）部分公开2000002")
    assert rows["granted"].status == rows["partial"].status == "no_header" and reading.cells == []
    assert "列标题" in reading.reason(SPEC21.title)["zh"]


def test_rows_whose_labels_are_absent_are_named():
    rows, reading = read(HEADER + "（一）予以公开1000001（二）部分公开2000002")
    assert rows["granted"].status == "read" and rows["new"].status == "not_found"
    assert "找不到以下各行的栏目名称：「本年新收政府信息公开申请数量」" in reading.reason(SPEC21.title)["zh"]


def test_header_words_are_not_taken_for_the_rows_of_the_same_name():
    # "总计" and "其他" head columns and name rows; the order of the rows decides.
    rows, _ = read(
        HEADER + "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 1000001"
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0000000 3.其他 0200002（七）总计 3200005"
    )
    assert [c.raw for c in rows["other.other"].cells] == ["0", "2", "0", "0", "0", "0", "2"]
    assert [c.raw for c in rows["results.total"].cells] == ["3", "2", "0", "0", "0", "0", "5"]


def test_narrative_after_the_last_row_does_not_change_its_reading():
    rows, _ = read(HEADER + "四、结转下年度继续办理 1000001 五、存在的主要问题及改进情况 2022年，一是……")
    assert [c.raw for c in rows["carry_next"].cells] == ["1", "0", "0", "0", "0", "0", "1"]


def test_a_sign_starts_a_number_of_its_own_in_a_signed_column():
    head = "第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费"
    rows, _ = read(head + "35-15", SPEC19_ACTIVE)
    assert [c.value for c in rows["fees"].cells] == [35, -15]
    head = "第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量行政处罚"
    rows, _ = read(head + "2648-18538", SPEC19_ACTIVE)
    assert rows["penalty"].status == "unreadable" and rows["penalty"].cells == []


def test_odd_input_does_not_raise():
    for text in ("", " ", "\x00", "总计总计总计", "（七）总计" * 50, HEADER * 3, "0" * 500):
        r = read_flattened([(0, text), (1, text)], SPEC21)
        assert all(fr.status != "read" or fr.cells or not fr.n_cells for fr in r.rows)


def test_hostile_repetition_is_bounded():
    import time

    t0 = time.perf_counter()
    for text in ("（七）总计 1000001" * 5000, "予以公开" * 30000, HEADER + "1" * 99_000):
        r = read_flattened([(0, text)], SPEC21)
        assert r.reason(SPEC21.title) is None or "压平" in r.reason(SPEC21.title)["zh"]
    assert time.perf_counter() - t0 < 5


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="0123456789 .-、（）总计其他予以公开部分不予处理一二三四1.", max_size=300))
def test_random_text_never_raises_and_read_cells_come_from_the_text(text):
    r = read_flattened([(3, HEADER + text)], SPEC21)
    for c in r.cells:
        assert c.block == 3 and c.raw in (HEADER + text)[c.start : c.end]


# --------------------------------------------------------------------------------------
# Property: a rendered 2021 table, spaces dropped at random, is read exactly where the
# split is unique and never read wrong.

LAYOUT_2021 = [
    ("一、", "new"),
    ("二、", "carried"),
    ("三、本年度办理结果 （一）", "granted"),
    ("（二）", "partial"),
    ("（三）不予公开 1.", "refused.secret"),
    ("2.", "refused.prohibited"),
    ("3.", "refused.security"),
    ("4.", "refused.third_party"),
    ("5.", "refused.internal"),
    ("6.", "refused.process"),
    ("7.", "refused.enforcement"),
    ("8.", "refused.inquiry"),
    ("（四）无法提供 1.", "unable.not_held"),
    ("2.", "unable.needs_creation"),
    ("3.", "unable.unclear"),
    ("（五）不予处理 1.", "ignored.complaint"),
    ("2.", "ignored.repeat"),
    ("3.", "ignored.publication"),
    ("4.", "ignored.excessive"),
    ("5.", "ignored.confirm"),
    ("（六）其他处理 1.", "other.no_amend"),
    ("2.", "other.no_fee"),
    ("3.", "other.other"),
    ("（七）", "results.total"),
    ("四、", "carry_next"),
]

value = st.one_of(st.just(0), st.integers(0, 9), st.integers(10, 999))
row_values = st.lists(value, min_size=7, max_size=7)
gaps = st.lists(st.sampled_from(["", " "]), min_size=8, max_size=8)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(row_values, gaps), min_size=len(LAYOUT_2021), max_size=len(LAYOUT_2021)))
def test_rendered_rows_are_read_exactly_when_the_split_is_unique(rows):
    parts = ["三、收到和处理政府信息公开申请情况 ", HEADER]
    for (prefix, key), (vals, gap) in zip(LAYOUT_2021, rows):
        parts.append(prefix + SPEC21.row(key).label + gap[0])
        parts.append("".join(str(v) + (gap[i + 1] if i < 6 else "") for i, v in enumerate(vals)) + gap[7])
    got, _ = read("".join(parts))
    for (_, key), (vals, gap) in zip(LAYOUT_2021, rows):
        fr = got[key]
        unique = all(v < 10 for v in vals) or all(g == " " for g in gap[1:7])
        assert (fr.status == "read") == unique, (key, vals, gap, fr.values, fr.problem)
        if fr.status == "read":
            assert [c.value for c in fr.cells] == vals


# --------------------------------------------------------------------------------------
# Whole reports through the CLI: no error that is not a real defect


CORPUS = SHARED / "corpus" / "text"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")
def test_corpus_013_to_016_give_no_arithmetic_error_from_flattened_tables():
    paths = [str(CORPUS / f"{n}.txt") for n in ("013", "014", "015", "016")]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.run(
        [sys.executable, "-m", "report_lint", *paths, "--format", "json", "--no-color"], capture_output=True, env=env, timeout=300
    )
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    errors = [f for fr in data["files"] for f in fr["findings"] if f["severity"] == "error"]
    assert errors == []
    t008 = [f for fr in data["files"] for f in fr["findings"] if f["code"] == "T008"]
    assert t008 and all("压平" in f["message"] for f in t008)
