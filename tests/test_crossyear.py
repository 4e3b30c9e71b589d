"""Across years: linking the reports of a batch and the cross-year rules (family Y).

The expectations come from the fixtures' own .json (written by fill_template.py --run:
which link is broken, the figure expected from last year and the figure written), never
from hard-coded numbers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from copy import deepcopy
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintutil import FIXTURES, ROOT
from report_lint.batch.crossyear import cross_check
from report_lint.batch.link import link_reports
from report_lint.checks.crossyear import CarryOver, Pair, RunningTotal, SimilarText, crossyear_config, similarity
from report_lint.lint import LintOptions, lint_file
from report_lint.model.summary import CellFact, ReportSummary
from report_lint.profiles.load import get_profile, load_profiles
from report_lint.text.agency import agency_from_title, normalise_agency

sys.path.insert(0, str(ROOT / "scripts"))
import fill_template  # noqa: E402

CROSS = FIXTURES / "crossyear"
BATCH = CROSS / "batch"
# The real pages of one agency, 2019–2022 (copies of ../shared/corpus/html, see fixtures/text/).
CORPUS_PAGES = sorted((FIXTURES / "text").glob("corpus-*.html"))


@lru_cache(maxsize=None)
def _lint(path: str):
    return lint_file(path, LintOptions())


def lint_batch(paths) -> tuple[list, object]:
    results = [deepcopy(_lint(str(p))) for p in paths]
    linking = cross_check(results)
    return results, linking


def meta(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def y_findings(results):
    return [(r, f) for r in results for f in r.findings if f.code.startswith("Y")]


def cli(*args: str) -> subprocess.CompletedProcess:
    p = subprocess.run([sys.executable, "-m", "report_lint", *args], capture_output=True, timeout=300, env=dict(os.environ))
    assert b"Traceback" not in p.stderr, p.stderr.decode("utf-8", "replace")
    return p


# -- the 3 × 3 folder ---------------------------------------------------------------------------


def test_batch_reports_exactly_the_two_broken_links():
    paths = sorted(BATCH.glob("*.docx"))
    assert len(paths) == 9
    results, linking = lint_batch(paths)
    assert all(r.error is None for r in results)
    assert len(linking.links) == 6 and all(lk.how == "auto" for lk in linking.links)
    broken = {p.name: meta(p)["link"] for p in paths if meta(p)["link"]}
    assert len(broken) == 2
    found = y_findings(results)
    assert sorted(Path(r.path).name for r, _ in found) == sorted(broken), [(r.path, f.code) for r, f in found]
    for r, f in found:
        link = broken[Path(r.path).name]
        prev = r.path.replace(str(meta(Path(r.path))["year"]), str(meta(Path(r.path))["year"] - 1))
        assert f.numbers["previous_file"] == prev and f.numbers["current_file"] == r.path
        assert Path(prev).name in f.text("zh") and Path(r.path).name in f.text("zh")
        if link["break"] == "carryover":
            assert f.code == "Y001" and f.severity == "error"
            col = link["cell"].split("@")[1]
            assert f.numbers["columns"][col] == {"current": Decimal(link["written"]), "previous": Decimal(link["expected"])}
            assert f"{link['written']}" in f.text("zh") and f"{link['expected']}" in f.text("zh")
        else:
            assert link["break"] == "in_force"
            assert f.code == "Y002" and f.severity == "warning"
            assert f.numbers["written"] == link["written"] and f.numbers["expected"] == link["expected"]
            assert f"{link['previous']}＋本年制发件数{link['issued']}－本年废止件数{link['repealed']}＝{link['expected']}" in f.text("zh")


def test_consistent_run_has_no_cross_year_finding():
    results, linking = lint_batch(sorted(BATCH.glob("jiaotong-*.docx")))
    assert len(linking.links) == 2
    assert not y_findings(results)
    assert [r.previous for r in results] == [None, results[0].path, results[1].path]


@pytest.mark.parametrize("path", sorted(p.name for p in BATCH.glob("*.docx")))
def test_each_file_alone_has_no_y_finding(path):
    alone = _lint(str(BATCH / path))
    assert alone.error is None and alone.summary is not None
    assert not [f for f in alone.findings if f.code.startswith("Y")]
    results, linking = lint_batch([BATCH / path])
    assert not linking.links and not y_findings(results)


def test_copied_sections_warn_with_similarity_and_shared_passage():
    results, _ = lint_batch(sorted((CROSS / "copied").glob("*.docx")))
    found = [f for _, f in y_findings(results)]
    assert found and {f.code for f in found} == {"Y003"}
    problems = [f for f in found if f.numbers["section"] == "problems"]
    assert len(problems) == 1 and problems[0].numbers["similarity"] >= problems[0].numbers["threshold"]
    passage = problems[0].numbers["longest_shared"]
    assert len(passage) == problems[0].numbers["longest_chars"] >= 20
    # shown as this year wrote it (years masked only for the comparison)
    assert passage in "".join(meta(CROSS / "copied" / "huanjing-2022.docx")["narrative"]["problems"]).replace("，", "").replace(
        "；", ""
    ).replace("。", "")


def test_previous_option_links_explicitly(tmp_path):
    cur, prev = BATCH / "shichang-2023.docx", BATCH / "shichang-2022.docx"
    p = cli(str(cur), "--previous", str(prev), "--format", "json")
    assert p.returncode == 1
    data = json.loads(p.stdout)
    assert [f["path"] for f in data["files"]] == [str(cur)]
    f0 = data["files"][0]
    assert f0["previous"]["how"] == "explicit" and f0["previous"]["previous"] == str(prev)
    assert data["links"] == [f0["previous"]]
    assert [f["code"] for f in f0["findings"] if f["code"].startswith("Y")] == ["Y001"]
    usage = cli(str(cur), str(prev), "--previous", str(prev))
    assert usage.returncode == 2 and b"--previous" in usage.stderr


def test_statistics_and_json_say_which_files_were_linked():
    p = cli(str(BATCH), "--statistics")
    out = p.stdout.decode("utf-8")
    assert "跨年度关联 6 对" in out
    for name in ("jiaotong", "shichang", "xianfu"):
        assert f"{name}-2023.docx（2023）← " in out and f"{name}-2022.docx（2022）" in out
    j = json.loads(cli(str(BATCH), "--format", "json").stdout)
    assert len(j["links"]) == 6
    assert {f["path"]: (f["previous"] or {}).get("previous") for f in j["files"]}[str(BATCH / "xianfu-2023.docx")] == str(
        BATCH / "xianfu-2022.docx"
    )


def test_config_maps_an_old_agency_name_to_the_new(tmp_path):
    old = ReportSummary(path="a.docx", agency="示例县经济贸易局", agency_key="示例县经济贸易局", year=2021)
    new = ReportSummary(path="b.docx", agency="示例县 商务局", agency_key=normalise_agency("示例县 商务局"), year=2022)
    assert not link_reports([old, new]).links
    lk = link_reports([old, new], renames={"示例县经济贸易局": "示例县商务局"}).links
    assert [(x.previous, x.current) for x in lk] == [("a.docx", "b.docx")]
    # through the command line: a report-lint.toml next to the reports
    for src, dst in ((BATCH / "shichang-2022.docx", "old.docx"), (BATCH / "shichang-2023.docx", "new.docx")):
        (tmp_path / dst).write_bytes(src.read_bytes())
    (tmp_path / "report-lint.toml").write_text('[agency-renames]\n"示例市市场监督管理局" = "示例市市场监管局"\n', encoding="utf-8")
    j = json.loads(cli(str(tmp_path), "--format", "json").stdout)
    assert len(j["links"]) == 1  # both titles map to one agency; renaming does not break the link


# -- linking ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, agency",
    [
        ("平潭综合实验区2019年度政府信息公开工作年度报告", "平潭综合实验区"),
        ("示例市交通运输局2022年政府信息公开工作年度报告", "示例市交通运输局"),
        ("2021年度示例县人民政府办公室政府信息公开工作年度报告", "示例县人民政府办公室"),
        ("示例县（区）司法局二〇二一年政府信息公开工作年度报告", "示例县（区）司法局"),
        ("政府信息公开工作年度报告", ""),
    ],
)
def test_agency_from_title(title, agency):
    assert agency_from_title(title) == agency


def test_normal_form_links_equivalent_names():
    same = [tuple(p) for p in crossyear_config(get_profile("gov-2021")).same_agency]
    assert normalise_agency("示例县 人民政府办公室", same) == normalise_agency("示例县人民政府", same)
    assert normalise_agency("（示例县）商务局", same) == normalise_agency("示例县商务局", same)
    assert normalise_agency("示例县商务局", same) != normalise_agency("示例县司法局", same)


def _s(path, agency, year):
    return ReportSummary(path=path, agency=agency, agency_key=normalise_agency(agency), year=year)


def test_linking_needs_consecutive_years_and_one_report_per_year():
    a, b, c = _s("a", "甲局", 2020), _s("b", "甲局", 2022), _s("c", "乙局", 2021)
    assert not link_reports([a, b, c]).links
    d1, d2, e = _s("d1", "甲局", 2021), _s("d2", "甲局", 2021), _s("e", "甲局", 2022)
    lk = link_reports([a, d1, d2, e])
    assert not lk.links  # two reports claim 甲局 2021: neither is linked
    assert [n["kind"] for n in lk.notes] == ["duplicate"]
    none = link_reports([_s("x", "", 2021), ReportSummary(path="y", agency="甲局", agency_key="甲局")])
    assert not none.links and {n["kind"] for n in none.notes} == {"no-agency", "no-year"}


def test_year_from_statistics_period_when_the_title_has_none(tmp_path):
    base = (FIXTURES / "rules" / "clean-2021.txt").read_text(encoding="utf-8").split("\n")
    body = "\n".join(base[1:])
    assert "统计" in body
    p = tmp_path / "r.txt"
    p.write_text("示例县示例局政府信息公开工作年度报告\n" + body, encoding="utf-8")
    r = lint_file(str(p), LintOptions())
    assert r.summary is not None
    if r.summary.year is not None:
        assert r.summary.year_source in ("period", "title")


# -- the rules on summaries (arithmetic properties) ---------------------------------------------


def _summary_from_values(values: dict, year: int, profile: str = "gov-2021", path: str = "") -> ReportSummary:
    s = ReportSummary(
        path=path or f"r{year}.docx", agency="示例局", agency_key="示例局", year=year, profile=profile, era=get_profile(profile).era
    )
    for ref, v in values.items():
        s.cells[ref] = CellFact(value=str(v), certain=True, block=1, row=1, col=1)
    return s


def _pair(prev: ReportSummary, cur: ReportSummary) -> Pair:
    cfg = crossyear_config(get_profile(cur.profile))
    return Pair(prev, cur, cfg, crossyear_config(get_profile(prev.profile)))


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), delta=st.integers(-5, 5), col=st.sampled_from(fill_template.APPLICANTS))
def test_carry_over_fires_exactly_when_a_column_differs(seed, delta, col):
    v1, _ = fill_template.generate(seed, 2021)
    v2, _ = fill_template.generate(seed + 1, 2022, previous=v1)
    prev, cur = _summary_from_values(v1, 2021), _summary_from_values(v2, 2022)
    assert not list(CarryOver().compare(_pair(prev, cur)))
    assert not list(RunningTotal().compare(_pair(prev, cur)))
    ref = f"requests.carried@{col}"
    cur.cells[ref] = CellFact(value=str(int(v2[ref]) + delta), certain=True, block=1, row=1, col=1)
    found = list(CarryOver().compare(_pair(prev, cur)))
    assert bool(found) == (delta != 0)
    if delta:
        assert col in found[0].numbers["columns"] and found[0].severity == "error"
        cur.cells[ref].certain = False  # read from plain text: never an error
        assert list(CarryOver().compare(_pair(prev, cur)))[0].severity == "warning"


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), delta=st.integers(-20, 20), row=st.sampled_from(["rules", "normative"]))
def test_in_force_continuity_arithmetic(seed, delta, row):
    v1, _ = fill_template.generate(seed, 2021)
    v2, _ = fill_template.generate(seed + 1, 2022, previous=v1)
    assert int(v2[f"active.{row}@in_force"]) == int(v1[f"active.{row}@in_force"]) + int(v2[f"active.{row}@issued"]) - int(
        v2[f"active.{row}@repealed"]
    )
    v2 = dict(v2)
    v2[f"active.{row}@in_force"] = int(v2[f"active.{row}@in_force"]) + delta
    found = list(RunningTotal().compare(_pair(_summary_from_values(v1, 2021), _summary_from_values(v2, 2022))))
    assert len(found) == (1 if delta else 0)
    if delta:
        assert found[0].numbers["difference"] == delta and found[0].numbers["row"] == row


def test_no_continuity_across_a_change_of_format():
    v1 = {"active.normative@total_public": 89, "active.normative@published": 77}
    v2, _ = fill_template.generate(3, 2021)
    prev = _summary_from_values(v1, 2020, "gov-2019")
    cur = _summary_from_values(v2, 2021, "gov-2021")
    cur.cells["active.normative@in_force"] = CellFact(value="1", certain=True)
    assert not list(RunningTotal().compare(_pair(prev, cur)))


def test_2019_format_running_totals():
    prev = _summary_from_values(
        {"active.licensing@prev_items": 396, "active.licensing@change": 5, "active.normative@total_public": 89}, 2019, "gov-2019"
    )
    ok = _summary_from_values(
        {"active.licensing@prev_items": 401, "active.normative@total_public": 166, "active.normative@published": 77}, 2020, "gov-2019"
    )
    assert not list(RunningTotal().compare(_pair(prev, ok)))
    bad = _summary_from_values(
        {"active.licensing@prev_items": 396, "active.normative@total_public": 166, "active.normative@published": 70}, 2020, "gov-2019"
    )
    rows = sorted(f.numbers["row"] for f in RunningTotal().compare(_pair(prev, bad)))
    assert rows == ["licensing", "normative"]


# -- similarity ----------------------------------------------------------------------------------


def test_similarity_ignores_the_formats_fixed_wording():
    cfg = crossyear_config(get_profile("gov-2021"))
    fixed = cfg.fixed_wording
    a = "（一）主动公开。（二）依申请公开。（三）政府信息管理。（四）平台建设。（五）监督保障。坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻《中华人民共和国政府信息公开条例》。"
    share, _, _ = similarity(a + "今年新建了查阅点。", a + "今年关停了两个账号。", fixed)
    assert share < 0.2
    assert similarity(a, a, fixed)[0] == 0.0  # nothing but the format's own words
    assert (
        similarity(
            "一是依申请公开答复说理不充分二是培训不足2022年将制定范本", "一是依申请公开答复说理不充分二是培训不足2021年将制定范本", fixed
        )[0]
        == 1.0
    )


def test_short_sections_are_not_compared():
    cfg = crossyear_config(get_profile("gov-2021"))
    prev, cur = _summary_from_values({}, 2021), _summary_from_values({}, 2022)
    from report_lint.model.summary import TextFact

    prev.texts["problems"] = TextFact("无。")
    cur.texts["problems"] = TextFact("无。")
    assert not list(SimilarText().compare(Pair(prev, cur, cfg, cfg)))


# -- the real run: Pingtan 2019–2022 --------------------------------------------------------------


def test_real_pages_2019_2022_link_and_give_no_error():
    pages = CORPUS_PAGES
    assert len(pages) == 4
    results, linking = lint_batch(pages)
    assert [(Path(lk.previous).name, Path(lk.current).name) for lk in linking.links] == [
        ("corpus-80576.html", "corpus-80595.html"),
        ("corpus-80595.html", "corpus-80613.html"),
        ("corpus-80613.html", "corpus-80629.html"),
    ]
    found = y_findings(results)
    # Precision: a cross-year error on published reports would have to be certain.
    assert not [f for _, f in found if f.severity == "error"]
    # 2020 (2019 format) → 2021 (2021 format): no running-total comparison across formats.
    assert not [f for r, f in found if f.code == "Y002" and Path(r.path).name == "corpus-80613.html"]
    assert not [f for _, f in found if f.code == "Y003"]


def test_every_profile_crossyear_reference_exists():
    for name, prof in load_profiles().items():
        cfg = crossyear_config(prof)
        carry = cfg.carry
        if carry and not prof.abstract:
            spec = prof.table(carry.table)
            assert spec is not None and spec.row(carry.row) and spec.row(carry.previous_row), name
        for c in cfg.continuity:
            spec = prof.table(c.table)
            assert spec is not None, (name, c)
            cols = {col.key for col in spec.cols}
            for row in c.rows:
                assert spec.row(row) is not None, (name, row)
            for col in [c.cell, c.previous_cell, *c.add, *c.subtract, *c.add_previous]:
                assert col in cols, (name, col)


def test_statistics_say_why_reports_were_not_linked(tmp_path):
    for name, src in (("a.docx", "jiaotong-2021"), ("b.docx", "jiaotong-2021"), ("c.docx", "jiaotong-2022")):
        (tmp_path / name).write_bytes((BATCH / f"{src}.docx").read_bytes())
    out = cli(str(tmp_path), "--statistics").stdout.decode("utf-8")
    assert "跨年度关联 0 对" in out
    assert f"同一机关同一年度有多份报告，均未按该年度关联：{tmp_path / 'a.docx'}、{tmp_path / 'b.docx'}" in out
