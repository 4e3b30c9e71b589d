#!/usr/bin/env python3
"""Fill the official 2021 template (政府信息公开工作年度报告格式模板) to make .docx fixtures.

Only the empty value cells of the three tables and the "（文字描述）" paragraphs are edited
(plus, when ``narrative['title']`` is given, the template's title line); the template's own
merged cells, widths and fonts are kept, so a fixture has the real WPS table structure.

    python scripts/fill_template.py --seed 1 --out fixtures/gov/filled-2021.docx [--defect sum]

Values are keyed like profile bindings, ``table.row@col`` with the keys of rules/gov-2021.toml
(``requests.new@total``, ``active.normative@issued``, ``appeals.cases@review.total``).
``generate(seed)`` makes values in which every identity of gov-2021 holds and a narrative
that states some of them; ``fill`` writes a document and returns what it wrote, including
where the requested defect went, so tests need not hard-code it. The CLI also writes that
description next to the document (``<out>.json``).

Defects: sum (one section 三 cell +1) · narrative (the text's 收到申请X件 disagrees with the
table) · placeholder (section 五 keeps "（文字描述）") · blank (one section 三 cell left empty).

A run of years for one agency (cross-year fixtures): each year's 上年结转 is last year's
结转下年度继续办理 per column, 现行有效件数 continues (last + 本年制发 − 本年废止), and the
free wording changes per year; ``--break`` breaks one link (carryover · in_force · copied):

    python scripts/fill_template.py --run 2021-2023 --agency 示例市交通运输局 --seed 2 \
        --out-dir fixtures/crossyear --stem jiaotong --break carryover
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import sys
from decimal import Decimal
from pathlib import Path
from typing import Optional

from docx import Document
from docx.oxml.ns import qn

REPO = Path(__file__).resolve().parent.parent
SHARED_TEMPLATE = Path("/work/shared/templates/template-2021.docx")
TEMPLATE = REPO / "fixtures" / "templates" / "template-2021.docx"

DEFECTS = ("sum", "narrative", "placeholder", "blank")
PLACEHOLDER = "（文字描述）"
FEE_PLACEHOLDER = "（文字描述，收取信息处理费情况在此处报告。）"

# Section 二: label in the first column → row key, and the column keys of its value cells
# in printed order (the （五）（六）（八） rows have one value cell merged across three columns).
ACTIVE_ROWS = {
    "规章": ("rules", ("issued", "repealed", "in_force")),
    "行政规范性文件": ("normative", ("issued", "repealed", "in_force")),
    "行政许可": ("licensing", ("decisions",)),
    "行政处罚": ("penalty", ("decisions",)),
    "行政强制": ("coercion", ("decisions",)),
    "行政事业性收费": ("fees", ("fee_amount",)),
}

APPLICANTS = ("natural", "business", "research", "nonprofit", "legal", "other")
REQUEST_COLS = APPLICANTS + ("total",)

# Section 三 data rows in template order, with a word of the printed label to verify the
# position against (a different template would otherwise be filled silently wrong).
REQUEST_ROWS = (
    ("new", "本年新收"),
    ("carried", "上年结转"),
    ("granted", "予以公开"),
    ("partial", "部分公开"),
    ("refused.secret", "国家秘密"),
    ("refused.prohibited", "禁止公开"),
    ("refused.security", "三安全一稳定"),
    ("refused.third_party", "第三方"),
    ("refused.internal", "内部事务"),
    ("refused.process", "过程性"),
    ("refused.enforcement", "执法案卷"),
    ("refused.inquiry", "行政查询"),
    ("unable.not_held", "不掌握"),
    ("unable.needs_creation", "另行制作"),
    ("unable.unclear", "仍不明确"),
    ("ignored.complaint", "信访"),
    ("ignored.repeat", "重复申请"),
    ("ignored.publication", "出版物"),
    ("ignored.excessive", "大量反复"),
    ("ignored.confirm", "确认或重新出具"),
    ("other.no_amend", "不补正"),
    ("other.no_fee", "缴纳费用"),
    ("other.other", "其他"),
    ("results.total", "总计"),
    ("carry_next", "结转下年度"),
)
RESULT_ROWS = tuple(k for k, _ in REQUEST_ROWS[2:-2])

APPEAL_COLS = tuple(
    f"{g}.{c}" for g in ("review", "direct", "after_review") for c in ("upheld", "corrected", "other", "pending", "total")
)

# How often each outcome occurs, roughly as in real reports (most requests are granted or
# concern information the agency does not hold).
RESULT_WEIGHTS = {
    "granted": 30, "partial": 8,
    "refused.secret": 0.3, "refused.prohibited": 0.3, "refused.security": 0.5, "refused.third_party": 1.5,
    "refused.internal": 1.5, "refused.process": 1.5, "refused.enforcement": 1, "refused.inquiry": 1,
    "unable.not_held": 20, "unable.needs_creation": 4, "unable.unclear": 2,
    "ignored.complaint": 4, "ignored.repeat": 3, "ignored.publication": 0.5, "ignored.excessive": 0.5, "ignored.confirm": 0.5,
    "other.no_amend": 4, "other.no_fee": 0.3, "other.other": 2,
}


def ensure_template() -> Path:
    """The template inside the repo (copied once from shared/, byte for byte)."""
    if not TEMPLATE.exists():
        if not SHARED_TEMPLATE.exists():
            raise FileNotFoundError(f"template not found: {TEMPLATE} (nor {SHARED_TEMPLATE})")
        TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SHARED_TEMPLATE, TEMPLATE)
    return TEMPLATE


# --------------------------------------------------------------------------------------
# Values


def generate(seed: int = 1, year: int = 2021, agency: str = "示例市示例局", previous: Optional[dict] = None,
             varied: Optional[bool] = None) -> tuple[dict, dict]:
    """(values, narrative) for one consistent report; same seed, same report.

    ``previous``: last year's values of the same agency. When given, this year's
    上年结转 per column is last year's 结转下年度继续办理, 现行有效件数 continues last
    year's (last + 本年制发 − 本年废止). The random draws are the same as without it, so a
    seed's other figures do not move. ``varied`` (default: when ``previous`` is given): the
    narrative's free wording is drawn per year (a run must not read as 年年雷同).
    """
    rng = random.Random(seed)
    v: dict[str, object] = {}

    rules_issued = rng.randint(0, 2)
    v["active.rules@issued"] = rules_issued
    v["active.rules@repealed"] = rng.randint(0, 1)
    v["active.rules@in_force"] = rules_issued + rng.randint(0, 12)
    norm_issued = rng.randint(3, 30)
    v["active.normative@issued"] = norm_issued
    v["active.normative@repealed"] = rng.randint(0, 8)
    v["active.normative@in_force"] = norm_issued + rng.randint(20, 200)
    if previous is not None:
        for row in ("rules", "normative"):
            last = int(previous[f"active.{row}@in_force"])
            issued = int(v[f"active.{row}@issued"])
            # Nothing can be repealed that was not in force.
            repealed = min(int(v[f"active.{row}@repealed"]), last + issued)
            v[f"active.{row}@repealed"] = repealed
            v[f"active.{row}@in_force"] = last + issued - repealed
    v["active.licensing@decisions"] = rng.randint(100, 20000)
    v["active.penalty@decisions"] = rng.randint(10, 5000)
    v["active.coercion@decisions"] = rng.randint(0, 300)
    # 万元 with up to four decimals, as real reports print it (e.g. 4068.208).
    v["active.fees@fee_amount"] = format((Decimal(rng.randint(0, 50_000_000)) / 10000).quantize(Decimal("0.0001")).normalize(), "f")

    new = {
        "natural": rng.randint(20, 150),
        "business": rng.randint(0, 8),
        "research": rng.randint(0, 2),
        "nonprofit": rng.randint(0, 2),
        "legal": rng.randint(0, 6),
        "other": rng.randint(0, 3),
    }
    carried = {c: (rng.randint(0, 6) if c == "natural" else rng.choice((0, 0, 0, 1))) for c in APPLICANTS}
    if previous is not None:
        carried = {c: int(previous[f"requests.carry_next@{c}"]) for c in APPLICANTS}
    carry_next = {c: min(new[c] + carried[c], rng.randint(0, 8) if c == "natural" else rng.choice((0, 0, 0, 1))) for c in APPLICANTS}
    keys = list(RESULT_WEIGHTS)
    weights = [RESULT_WEIGHTS[k] for k in keys]
    results = {(r, c): 0 for r in RESULT_ROWS for c in APPLICANTS}
    for c in APPLICANTS:
        handled = new[c] + carried[c] - carry_next[c]
        for r in rng.choices(keys, weights, k=handled):
            results[(r, c)] += 1
    for c in APPLICANTS:
        v[f"requests.new@{c}"] = new[c]
        v[f"requests.carried@{c}"] = carried[c]
        v[f"requests.carry_next@{c}"] = carry_next[c]
        for r in RESULT_ROWS:
            v[f"requests.{r}@{c}"] = results[(r, c)]
        v[f"requests.results.total@{c}"] = sum(results[(r, c)] for r in RESULT_ROWS)
    for r, _ in REQUEST_ROWS:
        v[f"requests.{r}@total"] = sum(v[f"requests.{r}@{c}"] for c in APPLICANTS)

    for g, scale in (("review", 4), ("direct", 3), ("after_review", 2)):
        parts = [rng.randint(0, scale), rng.randint(0, max(1, scale // 2)), rng.randint(0, 1), rng.randint(0, 2)]
        for name, n in zip(("upheld", "corrected", "other", "pending"), parts):
            v[f"appeals.cases@{g}.{name}"] = n
        v[f"appeals.cases@{g}.total"] = sum(parts)

    return v, narrative_for(v, year, agency, varied=previous is not None if varied is None else varied, seed=seed)


# Free wording for the narrative of a run of years: each year takes other sentences, as a
# real agency writes new problems and measures each year (a run must not be 年年雷同).
MANAGEMENT_WORDING = (
    "（三）政府信息管理。严格落实信息发布审核制度，动态调整主动公开基本目录，及时清理过期失效信息。",
    "（三）政府信息管理。建立公开属性源头认定机制，公文拟制时同步明确公开方式，全年未发生泄密事件。",
    "（三）政府信息管理。开展行政规范性文件集中清理，对已废止、失效文件在网站显著标注，便于群众查询。",
    "（三）政府信息管理。完善政府信息公开保密审查流程，实行“先审查、后公开”和“一事一审”。",
)
PLATFORM_WORDING = (
    "（四）平台建设。优化门户网站政府信息公开专栏，规范政务新媒体信息发布。",
    "（四）平台建设。完成门户网站集约化迁移，统一栏目设置和检索入口，提升移动端浏览体验。",
    "（四）平台建设。整合关停两个低效政务新媒体账号，推动政务服务事项在一网通办平台集中公开。",
    "（四）平台建设。在政务服务大厅设置政府信息查阅点，配备专人提供现场查询和咨询服务。",
)
PROBLEMS_WORDING = (
    ("公开内容的规范性有待加强，部分栏目更新不够及时", "加强栏目日常巡查，建立更新台账，逾期未更新的及时督办"),
    ("政策解读形式较为单一，图解、视频等解读占比偏低", "丰富图解、音视频、动漫等解读形式，提高解读的可读性"),
    ("依申请公开答复文书的说理不够充分", "制定答复文书范本，逐件说明法律依据和救济途径"),
    ("基层工作人员业务能力参差不齐", "举办政府信息公开业务培训两期，覆盖各科室信息员"),
    ("重点领域信息公开的深度不够，部分数据未按时发布", "梳理重点领域公开清单，明确责任科室和发布时限"),
    ("政务新媒体互动回应不够及时", "建立留言办理转办机制，确保群众留言五个工作日内答复"),
)


def narrative_for(v: dict, year: int = 2021, agency: str = "示例市示例局", varied: bool = False, seed: int = 0) -> dict:
    """Narrative paragraphs (section key → list of paragraphs) that state some table figures.

    ``varied``: the overview's 管理/平台 sentences and section 五 are chosen by year from the
    wording pools above (two consecutive years never share a sentence); otherwise the fixed
    wording of the single-report fixtures.
    """
    lawsuits = v["appeals.cases@direct.total"] + v["appeals.cases@after_review.total"]
    management, platform = MANAGEMENT_WORDING[0], PLATFORM_WORDING[0]
    problems = [
        "一是公开内容的规范性有待加强，部分栏目更新不够及时；二是政策解读形式较为单一。",
        f"{year + 1}年，将加强栏目日常巡查，丰富图解、视频等解读形式，提升公开质量。",
    ]
    if varied:
        k = year + seed
        management = MANAGEMENT_WORDING[k % len(MANAGEMENT_WORDING)]
        platform = PLATFORM_WORDING[(k + 1) % len(PLATFORM_WORDING)]
        first, second = PROBLEMS_WORDING[(2 * k) % len(PROBLEMS_WORDING)], PROBLEMS_WORDING[(2 * k + 1) % len(PROBLEMS_WORDING)]
        problems = [
            f"一是{first[0]}；二是{second[0]}。",
            f"针对上述问题，{year + 1}年将{first[1]}；同时{second[1]}。",
        ]
    return {
        "title": f"{agency}{year}年政府信息公开工作年度报告",
        "overview": [
            f"{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
            "围绕主动公开、依申请公开、政府信息管理、平台建设和监督保障等方面扎实推进政府信息公开工作。",
            f"（一）主动公开。全年制发行政规范性文件{v['active.normative@issued']}件，"
            f"现行有效行政规范性文件{v['active.normative@in_force']}件；"
            f"作出行政许可决定{v['active.licensing@decisions']}件、行政处罚决定{v['active.penalty@decisions']}件；"
            f"全年收取行政事业性收费{v['active.fees@fee_amount']}万元。",
            f"（二）依申请公开。全年共收到政府信息公开申请{v['requests.new@total']}件，上年结转{v['requests.carried@total']}件；"
            f"予以公开{v['requests.granted@total']}件，部分公开{v['requests.partial@total']}件，"
            f"结转下年度继续办理{v['requests.carry_next@total']}件。",
            management,
            platform,
            f"（五）监督保障。本年度被申请行政复议{v['appeals.cases@review.total']}件，被提起行政诉讼{lawsuits}件，"
            "均依法妥善办理。",
        ],
        "problems": problems,
        "other": [f"{year}年，本机关未收取信息处理费。"],
    }


# --------------------------------------------------------------------------------------
# Writing


def _run_props(paragraph_el, fallback_el=None):
    """rPr for a new run: the paragraph's first run's, else its paragraph-mark props."""
    for el in (paragraph_el, fallback_el):
        if el is None:
            continue
        r = el.find(qn("w:r"))
        if r is not None and r.find(qn("w:rPr")) is not None:
            return copy.deepcopy(r.find(qn("w:rPr")))
        ppr = el.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:rPr")) is not None:
            return copy.deepcopy(ppr.find(qn("w:rPr")))
    return None


def _set_paragraph_text(p_el, text: str, fallback_el=None) -> None:
    rpr = _run_props(p_el, fallback_el)
    for child in list(p_el):
        if child.tag != qn("w:pPr"):
            p_el.remove(child)
    r = p_el.makeelement(qn("w:r"), {})
    if rpr is not None:
        r.append(rpr)
    t = r.makeelement(qn("w:t"), {})
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    p_el.append(r)


def _set_cell(cell, text: str) -> None:
    paras = cell._tc.findall(qn("w:p"))
    _set_paragraph_text(paras[0], text)
    # A cell holding stray full-width spaces in further paragraphs would read as "0\n　".
    for extra in paras[1:]:
        if not "".join(t.text or "" for t in extra.iter(qn("w:t"))).strip("\u3000 \xa0"):
            cell._tc.remove(extra)


def _distinct_cells(row) -> list:
    out, seen = [], set()
    for c in row.cells:
        if id(c._tc) not in seen:
            seen.add(id(c._tc))
            out.append(c)
    return out


def _fmt(value) -> str:
    return "" if value is None else str(value)


def _replace_placeholder(doc, placeholder: str, paragraphs: list[str]) -> bool:
    for p in doc.paragraphs:
        if p.text.strip() == placeholder:
            el = p._p
            _set_paragraph_text(el, paragraphs[0])
            anchor = el
            for text in paragraphs[1:]:
                clone = copy.deepcopy(el)
                for attr in list(clone.attrib):
                    # Word wants paragraph ids unique; a copy must not repeat the original's.
                    if attr.endswith("}paraId") or attr.endswith("}textId"):
                        del clone.attrib[attr]
                _set_paragraph_text(clone, text)
                anchor.addnext(clone)
                anchor = clone
            return True
    return False


def _paras(value) -> list[str]:
    if isinstance(value, str):
        return [s for s in value.split("\n") if s.strip()] or [value]
    return list(value)


def fill(values: dict, narrative: dict, out_path, defect: Optional[str] = None, template: Optional[Path] = None, seed: int = 0) -> dict:
    """Write a filled copy of the template to ``out_path``; return what was written.

    ``values``: ``table.row@col`` → number (or numeric string); a missing key leaves its cell
    as the template has it. ``narrative``: ``overview``/``problems``/``other`` → paragraph
    list (or a string with newlines), optional ``title``. ``defect``: one of DEFECTS or None.
    The result: ``{"defect", "detail", "values", "narrative"}`` — ``values`` as written
    (after the defect), ``detail`` where the defect is.
    """
    if defect is not None and defect not in DEFECTS:
        raise ValueError(f"unknown defect {defect!r}; one of {', '.join(DEFECTS)}")
    values = dict(values)
    narrative = {k: (_paras(v) if k != "title" else v) for k, v in narrative.items()}
    detail: dict = {}
    blank_ref = None
    rng = random.Random(seed)

    if defect == "sum":
        # A result cell of the natural-person column: breaks （七）总计 (column) and the row's
        # 总计 (row) while the printed 勾稽关系 still holds — the kind of slip real reports show.
        cands = [r for r in RESULT_ROWS if int(values.get(f"requests.{r}@natural", 0)) > 0]
        row = rng.choice(cands) if cands else "granted"
        ref = f"requests.{row}@natural"
        detail = {"cell": ref, "expected": int(values.get(ref, 0)), "written": int(values.get(ref, 0)) + 1}
        values[ref] = detail["written"]
    elif defect == "narrative":
        stated = int(values["requests.new@total"]) + rng.randint(1, 5)
        detail = {"cell": "requests.new@total", "expected": int(values["requests.new@total"]), "stated": stated}
        narrative["overview"] = [
            p.replace(f"收到政府信息公开申请{values['requests.new@total']}件", f"收到政府信息公开申请{stated}件") for p in narrative["overview"]
        ]
        if not any(f"申请{stated}件" in p for p in narrative["overview"]):
            narrative["overview"].append(f"全年共收到政府信息公开申请{stated}件。")
    elif defect == "placeholder":
        narrative.pop("problems", None)
        detail = {"section": "problems", "placeholder": PLACEHOLDER}
    elif defect == "blank":
        # A zero cell, so the arithmetic still holds if a reader took blank for 0: the only
        # thing wrong is the blank itself.
        zeros = [f"requests.{r}@{c}" for r, _ in REQUEST_ROWS for c in APPLICANTS if int(values.get(f"requests.{r}@{c}", 1)) == 0]
        blank_ref = zeros[0] if zeros else "requests.refused.secret@research"
        detail = {"cell": blank_ref, "expected": int(values.get(blank_ref, 0))}

    doc = Document(str(template or ensure_template()))
    tables = doc.tables
    if len(tables) != 3:
        raise ValueError(f"expected the template's 3 tables, found {len(tables)}")
    active, requests, appeals = tables

    written: dict[str, str] = {}

    def put(cell, ref: str) -> None:
        if ref == blank_ref or ref not in values:
            return
        text = _fmt(values[ref])
        _set_cell(cell, text)
        written[ref] = text

    for row in active.rows:
        cells = _distinct_cells(row)
        label = cells[0].text.strip()
        if label in ACTIVE_ROWS:
            key, cols = ACTIVE_ROWS[label]
            for cell, col in zip(cells[1:], cols):
                put(cell, f"active.{key}@{col}")

    data_rows = list(requests.rows)[3:]
    if len(data_rows) != len(REQUEST_ROWS):
        raise ValueError(f"section 三 table: expected {len(REQUEST_ROWS)} data rows, found {len(data_rows)}")
    for row, (key, word) in zip(data_rows, REQUEST_ROWS):
        cells = row.cells
        label = "".join(dict.fromkeys(c.text for c in cells[:3]))
        if word not in label:
            raise ValueError(f"section 三 table: row {key!r} expected to contain {word!r}, found {label!r}")
        for cell, col in zip(cells[3:10], REQUEST_COLS):
            put(cell, f"requests.{key}@{col}")

    appeal_cells = _distinct_cells(list(appeals.rows)[3])
    for cell, col in zip(appeal_cells, APPEAL_COLS):
        put(cell, f"appeals.cases@{col}")

    if narrative.get("title"):
        for p in doc.paragraphs:
            if p.text.strip() == "政府信息公开工作年度报告格式模板":
                _set_paragraph_text(p._p, narrative["title"])
                break
    # Template order: 一 and 五 use the plain placeholder, 六 the fee one; replace in order.
    for key in ("overview", "problems"):
        if key in narrative:
            _replace_placeholder(doc, PLACEHOLDER, narrative[key])
    if "other" in narrative:
        _replace_placeholder(doc, FEE_PLACEHOLDER, narrative["other"])

    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return {"defect": defect, "detail": detail, "values": written, "narrative": narrative}


# --------------------------------------------------------------------------------------
# A run of years for one agency

BREAKS = ("carryover", "in_force", "copied")


def generate_run(seed: int, years: list[int], agency: str, brk: Optional[str] = None, at: Optional[int] = None) -> list[dict]:
    """Consecutive years of one agency: ``[{"year", "values", "narrative", "link"}, ...]``.

    Each year after the first continues the last (see ``generate(previous=...)``). ``brk``
    breaks the link into year ``at`` (default: the last year) and nothing else — every
    identity inside each report still holds:

    * ``carryover``: one column's 上年结转 differs from last year's 结转下年度继续办理
      (this year's results absorb the difference, so its own 勾稽关系 holds);
    * ``in_force``: 现行有效 行政规范性文件 ≠ last year's + 本年制发 − 本年废止;
    * ``copied``: sections 一 and 五 repeat last year's wording (figures and years updated),
      the 年年雷同 evaluators complain of.

    ``link`` describes the break where there is one: which cell, the expected figure (from
    last year) and the written one, so tests need not hard-code it.
    """
    if brk is not None and brk not in BREAKS:
        raise ValueError(f"unknown break {brk!r}; one of {', '.join(BREAKS)}")
    years = list(years)
    if any(b - a != 1 for a, b in zip(years, years[1:])):
        raise ValueError(f"years must be consecutive: {years}")
    at = years[-1] if at is None else at
    if brk is not None and at not in years[1:]:
        raise ValueError(f"a break needs a year with a predecessor in the run, not {at}")
    rng = random.Random(f"run-{seed}-{agency}")
    out: list[dict] = []
    previous: Optional[dict] = None
    for i, year in enumerate(years):
        link: dict = {}
        basis = previous
        if brk == "carryover" and year == at:
            col = rng.choice(("natural", "legal", "other"))
            delta = rng.choice((-1, 1)) * rng.randint(1, 3)
            expected = int(previous[f"requests.carry_next@{col}"])
            if expected + delta < 0:
                delta = -delta
            basis = {**previous, f"requests.carry_next@{col}": expected + delta}
            link = {"break": brk, "cell": f"requests.carried@{col}", "previous_cell": f"requests.carry_next@{col}",
                    "expected": expected, "written": expected + delta}
        elif brk == "in_force" and year == at:
            last = int(previous["active.normative@in_force"])
            delta = rng.choice((-1, 1)) * rng.randint(2, 9)
            basis = {**previous, "active.normative@in_force": last + delta}
        values, narrative = generate(seed * 1000 + i, year, agency, previous=basis, varied=True)
        if brk == "in_force" and year == at:
            expected = last + int(values["active.normative@issued"]) - int(values["active.normative@repealed"])
            link = {"break": brk, "cell": "active.normative@in_force", "previous_cell": "active.normative@in_force",
                    "previous": last, "issued": int(values["active.normative@issued"]),
                    "repealed": int(values["active.normative@repealed"]),
                    "expected": expected, "written": int(values["active.normative@in_force"])}
        if brk == "copied" and year == at:
            # Last year's text with this year's figures: what copying a report forward gives.
            fresh = narrative_for(values, year - 1, agency, varied=True, seed=seed * 1000 + i - 1)
            narrative["overview"] = [p.replace(f"{year - 1}年", f"{year}年") for p in fresh["overview"]]
            narrative["problems"] = [p.replace(f"{year}年", f"{year + 1}年") for p in fresh["problems"]]
            link = {"break": brk, "sections": ["overview", "problems"]}
        out.append({"year": year, "values": values, "narrative": narrative, "link": link})
        previous = values
    return out


def fill_run(out_dir, stem: str, seed: int, years: list[int], agency: str, brk: Optional[str] = None,
             at: Optional[int] = None, write_json: bool = True) -> list[Path]:
    """Write ``<out_dir>/<stem>-<year>.docx`` (+ ``.json``) for each year of a run."""
    paths = []
    out_dir = Path(out_dir)
    for item in generate_run(seed, years, agency, brk, at):
        path = out_dir / f"{stem}-{item['year']}.docx"
        result = fill(item["values"], item["narrative"], path)
        if write_json:
            meta = {"seed": seed, "year": item["year"], "agency": agency, "run": {"years": list(years), "break": brk},
                    "link": item["link"], "template": "fixtures/templates/template-2021.docx", **result}
            path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _years(text: str) -> list[int]:
    a, _, b = text.partition("-")
    return list(range(int(a), int(b or a) + 1))


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--year", type=int, default=2021)
    ap.add_argument("--out", help="one report: the .docx to write")
    ap.add_argument("--defect", choices=DEFECTS)
    ap.add_argument("--no-json", action="store_true", help="do not write <out>.json")
    run = ap.add_argument_group("a run of years for one agency (instead of --out)")
    run.add_argument("--run", metavar="YYYY-YYYY", help="consecutive years, e.g. 2021-2023")
    run.add_argument("--agency", default="示例市示例局")
    run.add_argument("--out-dir", help="folder for <stem>-<year>.docx")
    run.add_argument("--stem", default="report")
    run.add_argument("--break", dest="brk", choices=BREAKS, help="break the link into one year")
    run.add_argument("--at", type=int, help="the year whose link is broken (default: the last)")
    args = ap.parse_args(argv)
    if args.run:
        if not args.out_dir:
            ap.error("--run needs --out-dir")
        for path in fill_run(args.out_dir, args.stem, args.seed, _years(args.run), args.agency, args.brk, args.at, not args.no_json):
            print(f"wrote {path}")
        return 0
    if not args.out:
        ap.error("--out (one report) or --run with --out-dir (a run of years) is required")
    values, narrative = generate(args.seed, args.year)
    result = fill(values, narrative, args.out, args.defect, seed=args.seed)
    if not args.no_json:
        meta = {"seed": args.seed, "year": args.year, "template": "fixtures/templates/template-2021.docx", **result}
        Path(args.out).with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}" + (f" (defect: {args.defect})" if args.defect else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
