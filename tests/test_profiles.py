"""The format profiles in rules/*.toml: loading, inheritance, and the national formats'
schemas (formats.md §2), plus the fixtures made from them (fixtures/gov/)."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from report_lint.profiles.load import Identity, Profile, ProfileError, load_profiles
from report_lint.paths import rules_dir

REPO = Path(__file__).resolve().parent.parent
GOV = REPO / "fixtures" / "gov"
GOV_PROFILES = ("gov-2019", "gov-2021")
SIMPLE_NUM = r"(?P<num>-?\d+(?:\.\d+)?)"


@pytest.fixture(scope="module")
def profiles() -> dict[str, Profile]:
    return load_profiles()


def _fill_module():
    spec = importlib.util.spec_from_file_location("fill_template", REPO / "scripts" / "fill_template.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fill_template", mod)
    spec.loader.exec_module(mod)
    return mod


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern.replace("{num}", SIMPLE_NUM))


def _violations(ident: Identity, profile: Profile, get) -> list[str]:
    """Where ``ident`` fails; ``get(row, col)`` gives a Decimal (None = cell absent)."""
    spec = profile.table(ident.table)
    if ident.per == "column":
        checks = [([(r, c.key) for r in ident.lhs], [(r, c.key) for r in ident.rhs], c.key) for c in spec.cols]
    elif ident.per == "row":
        checks = [([(r.key, c) for c in ident.lhs], [(r.key, c) for c in ident.rhs], r.key) for r in spec.rows]
    else:
        split = lambda refs: [tuple(ref.split("@", 1)) for ref in refs]  # noqa: E731
        checks = [(split(ident.lhs), split(ident.rhs), "")]
    bad = []
    for lhs, rhs, where in checks:
        lv = [get(r, c) for r, c in lhs]
        rv = [get(r, c) for r, c in rhs]
        if None in lv or None in rv:
            continue
        if sum(lv) != sum(rv):
            bad.append(f"{ident.key}:{where}")
    return bad


def _all_violations(profile: Profile, values: dict[str, object]) -> list[str]:
    """Identity failures over a flat ``table.row@col`` → value dict."""
    out = []
    for ident in profile.identities:

        def get(r, c, t=ident.table):
            v = values.get(f"{t}.{r}@{c}")
            return None if v in (None, "") else Decimal(str(v))

        out += _violations(ident, profile, get)
    return out


# ---------------------------------------------------------------------------------------
# Loading


def test_every_profile_loads(profiles):
    assert {"base-2008", "seed-2018", "gov-base", "gov-2019", "gov-2021"} <= set(profiles)
    for name, p in profiles.items():
        assert p.name == name
        assert p.source.endswith(".toml")
        assert p.title["zh"] and p.title["en"]


def test_gov_base_is_abstract_and_children_are_not(profiles):
    assert profiles["gov-base"].abstract
    for name in GOV_PROFILES:
        assert not profiles[name].abstract
        assert profiles[name].extends == "gov-base"
        assert profiles[name].source == f"{name}.toml"


def test_years_and_eras(profiles):
    assert profiles["gov-2019"].years == (2019, 2020)
    assert profiles["gov-2021"].years == (2021, 2100)
    assert profiles["gov-2019"].era == "2019"
    assert profiles["gov-2021"].era == "2021"
    # Each report year has exactly one national-format profile, right after the old era.
    concrete = [p for p in profiles.values() if not p.abstract and p.era in ("2019", "2021")]
    for year in range(2019, 2101):
        assert len([p for p in concrete if p.years[0] <= year <= p.years[1]]) == 1, year
    assert profiles["base-2008"].years[1] + 1 == profiles["gov-2019"].years[0]


# ---------------------------------------------------------------------------------------
# Sections


@pytest.mark.parametrize("name", GOV_PROFILES)
def test_six_numbered_ordered_sections(profiles, name):
    p = profiles[name]
    assert p.sections_mode == "headings" and p.ordered and p.numbered
    assert [s.number for s in p.sections] == list("一二三四五六")
    assert [s.key for s in p.sections] == ["overview", "active", "on_request", "review", "problems", "other"]
    assert [s.title for s in p.sections] == [
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
        "其他需要报告的事项",
    ]
    assert all(s.required and s.keywords for s in p.sections)


@pytest.mark.parametrize(
    "heading, key",
    [
        ("五、政府信息公开工作存在的主要问题及改进情况", "problems"),
        ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "review"),
        ("四、政府信息公开行政复议及行政诉讼情况", "review"),
        ("四、政府信息公开行政复议、行政诉讼情况", "review"),
        ("三、收到和处理政府信息公开申请情况", "on_request"),
    ],
)
def test_heading_variants_seen_in_real_reports(profiles, heading, key):
    title = heading.split("、", 1)[1]
    for name in GOV_PROFILES:
        assert title in profiles[name].section(key).all_titles()


def test_each_section_has_a_keyword_no_other_section_title_contains(profiles):
    # A fuzzy keyword must not pull in another section's own heading.
    p = profiles["gov-2021"]
    for s in p.sections:
        others = [t for o in p.sections if o.key != s.key for t in o.all_titles()]
        assert any(not any(k in t for t in others) for k in s.keywords), s.key


# ---------------------------------------------------------------------------------------
# Tables


@pytest.mark.parametrize("name, n_cells, n_rows", [("gov-2019", 22, 8), ("gov-2021", 10, 6)])
def test_active_table_cells(profiles, name, n_cells, n_rows):
    t = profiles[name].table("active")
    assert t.layout == "grid" and t.section == "active"
    assert len(t.cells) == n_cells == len(set(t.cells))
    assert len(t.rows) == n_rows
    used_rows = {ref.split("@")[0] for ref in t.cells}
    used_cols = {ref.split("@")[1] for ref in t.cells}
    assert used_rows == {r.key for r in t.rows}
    assert used_cols == {c.key for c in t.cols}


def test_active_2019_columns_per_item(profiles):
    t = profiles["gov-2019"].table("active")
    by_row: dict[str, list[str]] = {}
    for ref in t.cells:
        r, c = ref.split("@")
        by_row.setdefault(r, []).append(c)
    assert by_row["licensing"] == by_row["other_services"] == ["prev_items", "change", "decisions"]
    assert by_row["penalty"] == by_row["coercion"] == ["prev_items", "change", "decisions"]
    assert by_row["fees"] == ["prev_items", "change"]
    assert by_row["procurement"] == ["items", "amount"]
    assert t.col("change").kind == "signed"
    assert t.col("amount").kind == "amount"
    assert t.row("normative").label == "规范性文件"


def test_active_2021_columns_per_item(profiles):
    t = profiles["gov-2021"].table("active")
    assert [c.label for c in t.cols[:3]] == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert t.row("normative").label == "行政规范性文件"
    assert t.col("fee_amount").kind == "amount"
    assert t.row("fees").unit == "万元"
    assert not any(r.key in ("other_services", "procurement") for r in t.rows)


@pytest.mark.parametrize("name, n_rows", [("gov-2019", 23), ("gov-2021", 25)])
def test_requests_table_shape(profiles, name, n_rows):
    t = profiles[name].table("requests")
    assert len(t.rows) == n_rows
    assert [c.label for c in t.cols] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert not t.cells  # a full rows × cols product
    assert len(t.rows) * len(t.cols) == n_rows * 7
    assert [r.key for r in t.rows[:2]] == ["new", "carried"]
    assert [r.key for r in t.rows[-2:]] == ["results.total", "carry_next"]


def test_other_results_differ_between_formats(profiles):
    r19 = [r.key for r in profiles["gov-2019"].table("requests").rows]
    r21 = [r.key for r in profiles["gov-2021"].table("requests").rows]
    assert "other" in r19 and not any(k.startswith("other.") for k in r19)
    assert ["other.no_amend", "other.no_fee", "other.other"] == [k for k in r21 if k.startswith("other.")]
    assert [k for k in r19 if k != "other"] == [k for k in r21 if not k.startswith("other.")]


def test_repeated_row_labels_have_groups(profiles):
    for name in GOV_PROFILES:
        t = profiles[name].table("requests")
        labels = [r.label for r in t.rows] + [c.label for c in t.cols]
        for r in t.rows:
            if labels.count(r.label) > 1:
                assert r.group, (name, r.key)
        assert t.row("results.total").group == "本年度办理结果"


def test_row_label_variants(profiles):
    t = profiles["gov-2021"].table("requests")
    assert '危及"三安全一稳定"' in t.row("refused.security").variants
    assert t.row("refused.security").label == "危及“三安全一稳定”"
    partial = t.row("partial")
    assert partial.label == "部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert "部分公开" in partial.variants and any("(" in v for v in partial.variants)


def test_appeals_table(profiles):
    for name in GOV_PROFILES:
        t = profiles[name].table("appeals")
        assert len(t.rows) == 1 and len(t.cols) == 15
        assert [c.key for c in t.cols] == [
            f"{g}.{k}" for g in ("review", "direct", "after_review") for k in ("upheld", "corrected", "other", "pending", "total")
        ]
        # Repeated labels are told apart by header-combination variants.
        for c in t.cols:
            group = {"review": "行政复议", "direct": "未经复议直接起诉", "after_review": "复议后起诉"}[c.key.split(".")[0]]
            assert any(v.startswith(group) and v.endswith(c.label) for v in c.variants), c.key


def test_column_kinds_are_known(profiles):
    for name in GOV_PROFILES:
        for t in profiles[name].tables:
            for c in t.cols:
                assert c.kind in (None, "count", "amount", "signed"), (name, t.key, c.key)


# ---------------------------------------------------------------------------------------
# Identities


def test_identities(profiles):
    for name in GOV_PROFILES:
        p = profiles[name]
        idents = {i.key: i for i in p.identities}
        assert set(idents) == {
            "requests.balance",
            "requests.results",
            "requests.applicants",
            "appeals.review",
            "appeals.direct",
            "appeals.after_review",
        }
        assert all(i.severity == "error" and i.kind == "sum" for i in p.identities)
        bal = idents["requests.balance"]
        assert bal.printed and bal.per == "column"
        assert (bal.lhs, bal.rhs) == (["new", "carried"], ["results.total", "carry_next"])
        assert [i.key for i in p.identities if i.printed] == ["requests.balance"]
        # Every result row, and nothing else, adds up to （七）总计.
        rows = [r.key for r in p.table("requests").rows]
        assert idents["requests.results"].rhs == rows[2:-2]
        app = idents["requests.applicants"]
        assert app.per == "row" and app.lhs == ["total"] and len(app.rhs) == 6
        for g in ("review", "direct", "after_review"):
            i = idents[f"appeals.{g}"]
            assert i.per is None and i.lhs == [f"cases@{g}.total"] and len(i.rhs) == 4


# ---------------------------------------------------------------------------------------
# Bindings


def test_binding_cells_exist(profiles):
    for name in GOV_PROFILES:
        p = profiles[name]
        for b in p.bindings:
            assert b.patterns or b.zero_patterns, b.key
            for ref in b.cells:
                tkey, _, cell = ref.partition(".")
                row, _, col = cell.partition("@")
                t = p.table(tkey)
                assert t.row(row) is not None and t.col(col) is not None, (name, ref)
                if t.cells:
                    assert f"{row}@{col}" in t.cells, (name, ref)


def test_normative_binding_points_at_each_formats_column(profiles):
    b19 = {b.key: b for b in profiles["gov-2019"].bindings}["active.normative_issued"]
    b21 = {b.key: b for b in profiles["gov-2021"].bindings}["active.normative_issued"]
    t19, t21 = profiles["gov-2019"].table("active"), profiles["gov-2021"].table("active")
    assert b19.cells == b21.cells == ["active.normative@issued"]
    assert t19.col("issued").label == "本年新制作数量"
    assert t21.col("issued").label == "本年制发件数"


def _captures(profile: Profile, text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for b in profile.bindings:
        for p in b.patterns:
            for m in _compile(p).finditer(text):
                out.setdefault(b.key, []).append(m.group("num"))
        for z in b.zero_patterns:
            if re.search(z, text):
                out.setdefault(b.key, []).append("zero")
    return out


@pytest.mark.parametrize(
    "text, key, num",
    [
        ("全年共收到政府信息公开申请46件", "requests.new", "46"),
        ("本年度全区共收到70件申请，及时依法依规办结69件", "requests.new", "70"),
        ("本年度未收到政府信息公开申请。", "requests.new", "zero"),
        ("上年结转2件", "requests.carried", "2"),
        ("予以公开19件", "requests.granted", "19"),
        ("同意公开答复 9 件", "requests.granted", "9"),
        ("部分公开答复 0 件", "requests.partial", "0"),
        ("结转下一年 31 件", "requests.carry_next", "31"),
        ("转下一年度办理答复的有 1 件", "requests.carry_next", "1"),
        ("共有行政诉讼案件1件、行政复议案件2件", "appeals.review", "2"),
        ("未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况", "appeals.review", "zero"),
        ("未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况", "appeals.litigation_zero", "zero"),
        ("动态更新本年度制发的规范性文件88件", "active.normative_issued", "88"),
        ("集中公开现行有效行政规范性文件698件", "active.normative_in_force", "698"),
        ("作出行政许可决定1268件", "active.licensing", "1268"),
        ("全年收取行政事业性收费85.62万元", "active.fees", "85.62"),
    ],
)
def test_binding_matches(profiles, text, key, num):
    assert num in _captures(profiles["gov-2021"], text).get(key, [])


@pytest.mark.parametrize(
    "text, key",
    [
        # 受理 can mean new + carried (corpus 021: 749 = 713 + 36).
        ("全县全年共受理政府信息公开申请 749 件", "requests.new"),
        ("不予以公开3件", "requests.granted"),
        ("部分予以公开3件", "requests.granted"),
        ("上年结转政府信息公开申请数量", "requests.carried"),
        # A 复议机关 counts other bodies' cases.
        ("全年共办理行政复议案件120件", "appeals.review"),
        ("受理行政复议申请30件", "appeals.review"),
        ("行政复议后起诉2件", "appeals.review"),
        ("依法做好相关行政复议、行政诉讼案件的应诉工作，全县共办理相关案件 74 件", "appeals.review"),
        ("本年度未发生行政复议，被提起行政诉讼2件", "appeals.litigation_zero"),
        ("未发生行政复议后起诉的行政诉讼", "appeals.review"),
        # 信息处理费 is not 行政事业性收费; 元 is not the table's 万元.
        ("收取信息处理费共计380元", "active.fees"),
        ("收取行政事业性收费856200元", "active.fees"),
        ("全年公开政策文件4件", "active.normative_issued"),
        ("已宣布废止规范性文件5件", "active.normative_repealed"),
        ("行政许可事项12项", "active.licensing"),
    ],
)
def test_binding_does_not_match(profiles, text, key):
    assert key not in _captures(profiles["gov-2021"], text)


def test_no_binding_states_a_litigation_count(profiles):
    # A stated 行政诉讼 count is the sum of two groups, which a binding cannot state.
    for name in GOV_PROFILES:
        b = {b.key: b for b in profiles[name].bindings}["appeals.litigation_zero"]
        assert not b.patterns and len(b.cells) == 2


# ---------------------------------------------------------------------------------------
# Regulation, period, contact, placeholders, format rules


@pytest.mark.parametrize("name", GOV_PROFILES)
def test_regulation(profiles, name):
    reg = profiles[name].regulation
    assert reg["deadline"] == "01-31"
    assert reg["deadlines"] == {
        "department": "01-31",
        "township": "01-31",
        "county": "02-20",
        "city": "03-10",
        "province": "03-31",
        "vertical": "03-31",
    }
    assert "第四十九条" in reg["basis"] and "2月20日" in reg["basis"]
    assert "Art. 49" in reg["basis_en"]
    assert profiles[name].period == {"required": False}
    assert profiles[name].contact == {"expected": []}


@pytest.mark.parametrize("name", GOV_PROFILES)
def test_placeholders(profiles, name):
    ph = profiles[name].placeholders
    for p in ("（文字描述）", "（文字描述，收取信息处理费情况在此处报告。）", "XX", "××", "20XX年", "XXXX"):
        assert p in ph


def test_format_rules(profiles):
    fr = profiles["gov-2021"].format_rules
    assert fr["overview_max_chars"] == 1000
    assert fr["fee_statement_required"] is True
    assert profiles["gov-2021"].section(fr["fee_section"]).number == "六"
    assert profiles["gov-2021"].section(fr["overview_section"]).number == "一"
    assert "信息处理费" in fr["fee_words"]
    # The 2019 format asks for no fee statement and no overview length; only the text-quality
    # lists shared by every profile (gov-base) are there.
    assert set(profiles["gov-2019"].format_rules) == {"doubled_chars", "reduplications"}


# ---------------------------------------------------------------------------------------
# Inheritance and errors (on copies of rules/ in a temporary directory)


def _rules_copy(tmp_path: Path) -> Path:
    d = tmp_path / "rules"
    shutil.copytree(rules_dir(), d)
    return d


def test_child_overrides_and_drops(tmp_path):
    d = _rules_copy(tmp_path)
    (d / "gov-test.toml").write_text(
        '[profile]\nname = "gov-test"\nextends = "gov-2021"\ndrop = ["appeals.review"]\n'
        "years = [2200, 2201]\n\n"
        '[[sections]]\nkey = "overview"\ninherit = true\ntitle = "概述"\n\n'
        "[format_rules]\noverview_max_chars = 800\n",
        encoding="utf-8",
    )
    ps = load_profiles(str(d))
    child, parent = ps["gov-test"], ps["gov-2021"]
    assert child.section("overview").title == "概述"
    # inherit = true keeps the fields not given.
    assert child.section("overview").number == "一"
    assert child.section("overview").keywords == parent.section("overview").keywords
    assert "appeals.review" not in {b.key for b in child.bindings}
    assert "appeals.review" not in {i.key for i in child.identities}
    assert child.format_rules["overview_max_chars"] == 800
    assert child.format_rules["fee_statement_required"] is True
    assert len(child.table("active").cells) == 10
    assert child.placeholders == parent.placeholders
    assert child.regulation == parent.regulation


def test_gov_2019_replaces_the_base_request_table(profiles):
    assert len(profiles["gov-base"].table("requests").rows) == 25
    assert len(profiles["gov-2019"].table("requests").rows) == 23
    assert profiles["gov-base"].table("active") is None


def test_broken_toml_names_the_file(tmp_path):
    d = _rules_copy(tmp_path)
    (d / "gov-broken.toml").write_text('[profile]\nname = "gov-broken"\nyears = [2019,\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="gov-broken.toml"):
        load_profiles(str(d))


def test_bad_reference_names_the_file(tmp_path):
    d = _rules_copy(tmp_path)
    text = (d / "gov-2021.toml").read_text(encoding="utf-8")
    (d / "gov-2021.toml").write_text(
        text.replace('cells = ["active.normative@issued"]', 'cells = ["active.nonexistent@issued"]', 1), encoding="utf-8"
    )
    with pytest.raises(ProfileError, match=r"gov-2021\.toml.*active\.nonexistent"):
        load_profiles(str(d))


def test_unknown_parent_is_an_error(tmp_path):
    d = _rules_copy(tmp_path)
    (d / "orphan.toml").write_text('[profile]\nname = "orphan"\nextends = "gov-1999"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="gov-1999"):
        load_profiles(str(d))


# ---------------------------------------------------------------------------------------
# Fixtures made for these profiles


@pytest.fixture(scope="module")
def fill():
    return _fill_module()


@pytest.mark.parametrize("seed", range(1, 16))
def test_generated_values_satisfy_every_identity(profiles, fill, seed):
    p = profiles["gov-2021"]
    values, narrative = fill.generate(seed)
    expected = {f"requests.{r.key}@{c.key}" for r in p.table("requests").rows for c in p.table("requests").cols}
    expected |= {f"active.{ref}" for ref in p.table("active").cells}
    expected |= {f"appeals.cases@{c.key}" for c in p.table("appeals").cols}
    assert set(values) == expected
    assert _all_violations(p, values) == []
    # The narrative states figures the bindings read back exactly.
    text = "".join(narrative["overview"])
    caps = _captures(p, text)
    for b in p.bindings:
        for num in caps.get(b.key, []):
            if num != "zero":
                assert all(Decimal(num) == Decimal(str(values[c])) for c in b.cells), b.key
    assert {"requests.new", "requests.granted", "active.normative_issued", "appeals.review"} <= set(caps)


def test_fill_writes_values_and_defects(tmp_path, profiles, fill):
    p = profiles["gov-2021"]
    values, narrative = fill.generate(3)
    clean = fill.fill(values, narrative, tmp_path / "clean.docx", seed=3)
    assert clean["values"] == {k: str(v) for k, v in values.items()}
    broken = fill.fill(values, narrative, tmp_path / "sum.docx", defect="sum", seed=3)
    ref = broken["detail"]["cell"]
    assert broken["detail"]["written"] == broken["detail"]["expected"] + 1
    bad = _all_violations(p, broken["values"])
    assert "requests.results:natural" in bad and any(v.startswith("requests.applicants:") for v in bad)
    assert "requests.balance:natural" not in bad  # the printed relation still holds
    blank = fill.fill(values, narrative, tmp_path / "blank.docx", defect="blank", seed=3)
    assert blank["detail"]["cell"] not in blank["values"] and blank["detail"]["expected"] == 0
    ph = fill.fill(values, narrative, tmp_path / "ph.docx", defect="placeholder", seed=3)
    assert "problems" not in ph["narrative"]
    with pytest.raises(ValueError):
        fill.fill(values, narrative, tmp_path / "x.docx", defect="nonsense")
    assert ref.startswith("requests.") and ref.endswith("@natural")


def _docx_text(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    import docx

    d = docx.Document(str(path))
    paras = [p.text for p in d.paragraphs]
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in d.tables]
    return paras, tables


@pytest.mark.parametrize("defect", ["clean", "sum", "narrative", "placeholder", "blank"])
def test_committed_docx_fixtures(profiles, defect):
    path = GOV / f"filled-2021-{defect}.docx"
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    paras, tables = _docx_text(path)
    # The template's structure is kept: three tables, merged cells and all.
    assert [(len(t), len(t[0])) for t in tables] == [(14, 4), (28, 10), (4, 15)]
    p = profiles["gov-2021"]
    bad = _all_violations(p, meta["values"])
    placeholders = [x for x in paras if x.strip() == "（文字描述）"]
    if defect == "sum":
        row = meta["detail"]["cell"].split("@")[0].split(".", 1)[1]
        # One natural-person result cell +1: its column's （七）总计 and its row's 总计 disagree,
        # the printed 勾稽关系 does not.
        assert sorted(bad) == sorted(["requests.results:natural", f"requests.applicants:{row}"])
    else:
        assert bad == []
    assert bool(placeholders) == (defect == "placeholder")
    if defect == "narrative":
        stated = meta["detail"]["stated"]
        assert any(f"收到政府信息公开申请{stated}件" in x for x in paras)
        assert stated != int(meta["values"]["requests.new@total"])
    if defect == "blank":
        assert meta["detail"]["cell"] not in meta["values"]
    # The values in the JSON are the ones in the document's section 三 table.
    fill = _fill_module()
    for (key, _), cells in zip(fill.REQUEST_ROWS, tables[1][3:]):
        for col, text in zip(fill.REQUEST_COLS, cells[3:10]):
            ref = f"requests.{key}@{col}"
            if ref in meta["values"]:
                assert text == meta["values"][ref], ref
            else:
                assert text.strip() == "", ref


def test_text_fixtures_map_and_add_up(profiles):
    from report_lint.read.dispatch import read_document
    from report_lint.facts.tables import map_tables

    for fname, pname, n in (("report-2019.txt", "gov-2019", (22, 161, 15)), ("report-2021.txt", "gov-2021", (10, 175, 15))):
        p = profiles[pname]
        mapped = map_tables(read_document(GOV / fname), p)
        assert (len(mapped["active"].cells), len(mapped["requests"].cells), len(mapped["appeals"].cells)) == n, fname
        values = {f"{k}.{r}@{c}": cv.value for k, m in mapped.items() for (r, c), cv in m.cells.items() if cv.value is not None}
        assert _all_violations(p, values) == [], fname
        text = "".join(par.text for par in read_document(GOV / fname).paragraphs())
        caps = _captures(p, text)
        assert len(caps) >= 8, fname
        for b in p.bindings:
            for num in caps.get(b.key, []):
                want = Decimal(0) if num == "zero" else Decimal(num)
                assert all(values[c] == want for c in b.cells), (fname, b.key)
