"""``--format docx``: findings as Word comments on a copy, certain fixes as tracked changes.

Every copy is reopened (python-docx for the comments, the reader for the text) and checked:
one comment per finding, each anchored on non-empty text at the finding's paragraph or
cell, the accepted-view text unchanged (apart from accepted fixes); the tracked fixes,
accepted, make their findings go away on the next lint.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from report_lint.app.cli import main
from report_lint.lint import LintOptions, lint_file
from report_lint.read.docx import read_docx, trace_blocks
from report_lint.read.errors import Limits
from report_lint.report.docx import CopyError, commented_copy

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

WORD_FIXTURES = sorted(
    [p for p in (FIXTURES / "seed").glob("*.docx")]
    + [p for p in (FIXTURES / "gov").glob("filled-2021-*.docx")]
    + [FIXTURES / "templates" / "template-2021.docx"]
)


def lint(path, **kw):
    return lint_file(str(path), LintOptions(keep_document=True, **kw))


def texts(data: bytes) -> list[str]:
    return [b.text for b in read_docx("x.docx", data, Limits()).blocks]


# ------------------------------------------------------------------ reading a copy back


def comment_ranges(data) -> dict[int, dict]:
    """Comment id → {'text': accepted-view text inside the range, 'p': the w:p holding the
    range start, 'deleted': whether a tracked deletion lies inside the range}."""
    d = docx.Document(io.BytesIO(data)) if isinstance(data, bytes) else data
    root = d.element.body
    open_: dict[int, dict] = {}
    out: dict[int, dict] = {}
    for el in root.iter():
        tag = el.tag
        if tag == W + "commentRangeStart":
            cid = int(el.get(W + "id"))
            p = el.getparent()
            while p is not None and p.tag != W + "p":
                p = p.getparent()
            open_[cid] = out[cid] = {"text": "", "p": p, "deleted": False}
        elif tag == W + "commentRangeEnd":
            open_.pop(int(el.get(W + "id")), None)
        elif tag in (W + "del", W + "moveFrom") and el.getparent().tag != W + "rPr":
            for r in open_.values():
                r["deleted"] = r["deleted"] or not _ours(el)
        elif tag == W + "t" and not _in_deletion(el) and not _hidden(el):
            for r in open_.values():
                r["text"] += el.text or ""
    return out


def _ours(el) -> bool:
    return el.get(W + "author") == "report-lint"


def _in_deletion(el) -> bool:
    a = el.getparent()
    while a is not None:
        if a.tag in (W + "del", W + "moveFrom"):
            return True
        a = a.getparent()
    return False


def _hidden(t) -> bool:
    r = t.getparent()
    rpr = r.find(W + "rPr") if r is not None else None
    v = rpr.find(W + "vanish") if rpr is not None else None
    return v is not None and v.get(W + "val") not in ("0", "false", "off")


def comments_by_id(data: bytes) -> dict[int, object]:
    d = docx.Document(io.BytesIO(data))
    return {c.comment_id: c for c in d.comments}


def where(data: bytes):
    """w:p → block index, and w:p inside a cell → (table, row, col), for the copy."""
    d = docx.Document(io.BytesIO(data))
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    def part(rt):
        try:
            return d.part.part_related_by(rt).element
        except (KeyError, AttributeError):
            return None

    _, src = trace_blocks(d.element.body, part(RT.STYLES), part(RT.NUMBERING))
    para = {}
    for b, ps in src.paragraphs.items():
        for p in ps:
            para[p] = b
    cell = {}
    for t, cells in src.cells.items():
        for rc, tcs in cells.items():
            for tc in tcs:
                for p in tc.iter(W + "p"):
                    cell.setdefault(p, (t, *rc))
    return d, para, cell


def check_copy(result, data: bytes, lang: str = "zh", fixed=()) -> None:
    """Every finding has exactly one comment, on its place, on non-empty text; a fixed finding
    on its tracked change (the new text in the accepted view)."""
    fixed_ids = {id(f) for f in fixed}
    d, para, cell = where(data)
    ranges = comment_ranges(d)
    ours = {c.comment_id: c for c in d.comments if c.author == "report-lint"}
    assert len(ours) == len(result.findings)
    doc = result.document

    def misplaced(f, r) -> str:
        """Why comment range ``r`` is not where finding ``f`` belongs ('' when it is)."""
        if r["deleted"]:
            return "the range contains a tracked deletion"
        loc = f.location
        if id(f) in fixed_ids:
            e = f.edit
            return "" if para.get(r["p"]) == e.block and r["text"] == e.new else f"fix comment on {r['text']!r}"
        if loc.table is not None and loc.row is not None:
            owner = doc.blocks[loc.table].cell_at(loc.row, loc.col or 0)
            got = cell.get(r["p"])
            if got is None or got[0] != loc.table or (got[1], got[2]) != (owner.row, owner.col):
                return f"not in cell {loc.table}/{owner.row}/{owner.col}: {got}"
            return "" if r["text"].strip() or not owner.text.strip() else "empty range in a cell with text"
        if not r["text"].strip():
            return "on empty text"
        if loc.block is not None and doc.blocks[loc.block].kind == "paragraph":
            if para.get(r["p"]) != loc.block:
                return f"in block {para.get(r['p'])}, not {loc.block}"
            if loc.start is not None and loc.end is not None and loc.end > loc.start:
                want = doc.blocks[loc.block].text[loc.start : loc.end]
                if r["text"] not in want and want not in r["text"]:
                    return f"on {r['text']!r}, not {want!r}"
        elif loc.block is None and result.outline is not None and result.outline.title is not None:
            if para.get(r["p"]) != result.outline.title:
                return "not on the title"
        return ""

    said = {cid: c.text for cid, c in ours.items()}
    unmatched = dict(ours)
    for f in result.findings:
        texts_ok = [cid for cid in unmatched if said[cid].startswith(f.code + " ") and f.text(lang) in said[cid]]
        assert texts_ok, f"no comment for {f.code} {f.text(lang)}"
        why = {cid: misplaced(f, ranges[cid]) for cid in texts_ok}
        good = [cid for cid in texts_ok if not why[cid]]
        assert good, f"{f.code} {f.location}: {why}"
        c = unmatched.pop(good[0])
        assert c.initials == "RL"
        if f.fix_text(lang):
            assert f.fix_text(lang) in said[good[0]]


@pytest.mark.parametrize("path", WORD_FIXTURES, ids=lambda p: p.name)
def test_every_finding_is_a_comment_on_its_place(path):
    result = lint(path)
    data, stats = commented_copy(result)
    check_copy(result, data)
    assert stats.comments == len(result.findings)
    assert texts(data) == texts(path.read_bytes())


def test_english_comments(tmp_path):
    path = FIXTURES / "seed" / "seed-typed.docx"
    result = lint(path)
    data, _ = commented_copy(result, lang="en")
    check_copy(result, data, lang="en")


def test_existing_comments_are_kept_and_ids_continue(tmp_path):
    src = FIXTURES / "seed" / "seed-typed.docx"
    d = docx.Document(str(src))
    first = next(p for p in d.paragraphs if p.text.strip())
    d.add_comment(first.runs, text="起草人的批注", author="张三", initials="ZS")
    draft = tmp_path / "draft.docx"
    d.save(str(draft))
    result = lint(draft)
    data, _ = commented_copy(result)
    comments = comments_by_id(data)
    assert comments[0].author == "张三" and comments[0].text == "起草人的批注"
    ours = sorted(cid for cid, c in comments.items() if c.author == "report-lint")
    assert ours == list(range(1, len(result.findings) + 1))
    check_copy(result, data)


def test_tracked_changes_in_the_draft_are_never_inside_a_comment():
    path = FIXTURES / "seed" / "seed-tracked.docx"
    result = lint(path)
    data, _ = commented_copy(result)
    assert all(not r["deleted"] for r in comment_ranges(data).values())
    raw = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    orig = zipfile.ZipFile(path).read("word/document.xml")
    assert raw.count(b"<w:del ") == orig.count(b"<w:del ") and raw.count(b"<w:ins ") == orig.count(b"<w:ins ")


def test_other_parts_are_untouched():
    path = FIXTURES / "templates" / "template-2021.docx"
    result = lint(path)
    data, _ = commented_copy(result)
    a, b = zipfile.ZipFile(path), zipfile.ZipFile(io.BytesIO(data))

    def canon(x):
        return etree.tostring(etree.fromstring(x), method="c14n")

    for name in a.namelist():
        if name.endswith("/") or name in ("word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"):
            continue
        assert canon(a.read(name)) == canon(b.read(name)) if name.endswith((".xml", ".rels")) else a.read(name) == b.read(name), name


# ------------------------------------------------------------------ certain fixes


def accept_all(data: bytes) -> bytes:
    """What Word's “accept all changes” does to the text: insertions stay, deletions go."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(zin.read("word/document.xml"))
    for el in list(root.iter(W + "del", W + "moveFrom")):
        if el.getparent().tag != W + "rPr":
            el.getparent().remove(el)
    for el in list(root.iter(W + "ins", W + "moveTo")):
        parent = el.getparent()
        if parent.tag == W + "rPr":
            parent.remove(el)
            continue
        i = parent.index(el)
        for k in list(el):
            parent.insert(i, k)
            i += 1
        parent.remove(el)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = (
                etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
                if info.filename == "word/document.xml"
                else zin.read(info)
            )
            zout.writestr(info, body)
    return buf.getvalue()


def _replace_in_runs(d, old: str, new: str) -> None:
    for t in d.element.body.iter(W + "t"):
        if t.text and old in t.text:
            t.text = t.text.replace(old, new, 1)
            return
    raise AssertionError(f"{old!r} is not inside one run of the fixture")


def fix_draft(tmp_path: Path) -> Path:
    """The seed report with a full-width ＠, a statistics period naming 2017 in a 2018 report and
    a heading worded differently from the format — each inside one run, as a drafter types them."""
    d = docx.Document(str(FIXTURES / "seed" / "seed-typed.docx"))
    _replace_in_runs(d, "sfj2675@163.com", "sfj2675＠163.com")
    _replace_in_runs(d, "统计期限为 2018 年 1 月 1 日至 2018 年 12 月 31 日", "统计期限为 2017 年 1 月 1 日至 2017 年 12 月 31 日")
    _replace_in_runs(d, "二、主动公开政府信息", "二、主动公开的政府信息")
    path = tmp_path / "draft.docx"
    d.save(str(path))
    return path


FIXED = {"C003", "D002", "S005"}


def test_certain_fixes_are_edits_on_the_findings(tmp_path):
    result = lint(fix_draft(tmp_path))
    edits = {f.code: f.edit for f in result.findings if f.edit is not None}
    assert set(edits) == FIXED
    assert (edits["C003"].old, edits["C003"].new) == ("＠", "@")
    assert edits["D002"].old.startswith("2017") and edits["D002"].new == edits["D002"].old.replace("2017", "2018")
    assert (edits["S005"].old, edits["S005"].new) == ("主动公开的政府信息", "主动公开政府信息")
    for f in result.findings:
        e = f.edit
        if e is not None:
            assert result.document.blocks[e.block].text[e.start : e.end] == e.old


def test_fixes_as_tracked_changes_make_their_findings_go_away(tmp_path):
    draft = fix_draft(tmp_path)
    result = lint(draft)
    data, stats = commented_copy(result, fix=True)
    assert stats.fixes == 3 and {f.code for f in stats.fixed} == FIXED
    check_copy(result, data, fixed=stats.fixed)
    # The accepted view of the copy is the draft with exactly those edits.
    want = [b.text for b in result.document.blocks]
    for f in sorted(stats.fixed, key=lambda f: -f.edit.start):
        e = f.edit
        want[e.block] = want[e.block][: e.start] + e.new + want[e.block][e.end :]
    assert texts(data) == want
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    revs = list(root.iter(W + "ins", W + "del"))
    assert len(revs) == 6 and all(r.get(W + "author") == "report-lint" and r.get(W + "date") for r in revs)
    # Accepted (as Word's "accept all" does), the fixed findings are gone and nothing else changed.
    accepted = tmp_path / "accepted.docx"
    accepted.write_bytes(accept_all(data))
    after = lint(accepted)
    codes_before = sorted(f.code for f in result.findings if f.code not in FIXED)
    assert sorted(f.code for f in after.findings) == codes_before
    assert texts(accepted.read_bytes()) == want
    # Linting the copy itself reads the accepted view too: only the notice of revisions is new.
    again = lint(_write(tmp_path / "copy.docx", data))
    assert sorted(f.code for f in again.findings if f.code != "R001") == codes_before


def test_without_fix_nothing_is_changed(tmp_path):
    result = lint(fix_draft(tmp_path))
    data, stats = commented_copy(result)
    assert stats.fixes == 0
    assert texts(data) == [b.text for b in result.document.blocks]
    assert b"report-lint" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_no_fix_for_a_number():
    from report_lint.checks.catalogue import all_rules

    fixable = {r.code for r in all_rules() if r.fix}
    assert FIXED <= fixable
    assert not {c for c in fixable if c[0] in "TN"}, "numbers in a table or the text are the drafter's call"


def test_fix_only_where_certain(tmp_path):
    d = docx.Document(str(FIXTURES / "seed" / "seed-typed.docx"))
    # ＠ plus a missing domain suffix: making it half-width would not make the address right.
    _replace_in_runs(d, "sfj2675@163.com", "sfj2675＠163")
    # Wrong month as well as wrong year: not a copied year, the drafter must look.
    _replace_in_runs(d, "2018 年 1 月 1 日至 2018 年 12 月 31 日", "2017 年 2 月 1 日至 2017 年 12 月 31 日")
    path = tmp_path / "draft.docx"
    d.save(str(path))
    result = lint(path)
    assert {"C003", "D002"} <= {f.code for f in result.findings}
    assert all(f.edit is None for f in result.findings if f.code in ("C003", "D002"))


def test_period_year_is_not_fixed_against_a_year_the_title_does_not_name(tmp_path):
    result = lint(fix_draft(tmp_path), year=2019)
    d002 = [f for f in result.findings if f.code == "D002"]
    assert d002 and all(f.edit is None for f in d002)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------ command line


def run_cli(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out = capsys.readouterr()
    return e.value.code, out.out, out.err


def test_cli_one_file(tmp_path, capsys):
    src = FIXTURES / "seed" / "seed-typed.docx"
    out = tmp_path / "out.docx"
    code, stdout, _ = run_cli([src, "--format", "docx", "-o", out], capsys)
    assert code == 0 and out.is_file() and str(out) in stdout
    assert len(comments_by_id(out.read_bytes())) == len(lint(src).findings)
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_folder_gives_one_copy_each_and_other_inputs_are_refused(tmp_path, capsys):
    out = tmp_path / "copies"
    a, b = FIXTURES / "seed" / "seed-typed.docx", FIXTURES / "gov" / "filled-2021-sum.docx"
    txt = FIXTURES / "gov" / "report-2019.txt"
    code, stdout, stderr = run_cli([a, txt, b, "--format", "docx", "-o", out, "--fix"], capsys)
    assert code == 2  # the .txt file
    assert sorted(p.name for p in out.iterdir()) == ["filled-2021-sum-report-lint.docx", "seed-typed-report-lint.docx"]
    lines = [x for x in stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "report-2019.txt" in lines[0] and "Word" in lines[0]


def test_cli_refuses_to_write_over_the_draft(tmp_path, capsys):
    draft = tmp_path / "draft.docx"
    shutil.copy(FIXTURES / "seed" / "seed-typed.docx", draft)
    before = draft.read_bytes()
    code, _, stderr = run_cli([draft, "--format", "docx", "-o", draft], capsys)
    assert code == 2 and "拒绝覆盖" in stderr
    assert draft.read_bytes() == before


def test_cli_usage(tmp_path, capsys):
    src = FIXTURES / "seed" / "seed-typed.docx"
    assert run_cli([src, "--format", "docx"], capsys)[0] == 2
    assert run_cli([src, "--fix", "-o", tmp_path / "x.txt"], capsys)[0] == 2


def test_cli_pdf_input(tmp_path, capsys):
    pdf = next((ROOT.parent / "shared" / "corpus" / "pdf").glob("*.pdf"), None)
    if pdf is None:
        pytest.skip("no PDF in the shared corpus")
    code, _, stderr = run_cli([pdf, "--format", "docx", "-o", tmp_path / "x.docx", "--lang", "en"], capsys)
    assert code == 2 and "comments need a Word original" in stderr and len(stderr.strip().splitlines()) == 1


# ------------------------------------------------------------------ LibreOffice round trip


def test_libreoffice_reads_every_comment(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    pdfium = pytest.importorskip("pypdfium2")
    import ctypes

    import pypdfium2.raw as raw

    result = lint(fix_draft(tmp_path))
    data, stats = commented_copy(result, fix=True)
    copy_path = _write(tmp_path / "copy.docx", data)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
         'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}', "--outdir", str(tmp_path), str(copy_path)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    pdf = pdfium.PdfDocument(str(tmp_path / "copy.pdf"))
    notes = []
    for i in range(len(pdf)):
        page = pdf[i]
        for k in range(raw.FPDFPage_GetAnnotCount(page.raw)):
            a = raw.FPDFPage_GetAnnot(page.raw, k)
            if raw.FPDFAnnot_GetSubtype(a) != raw.FPDF_ANNOT_TEXT:
                continue
            n = raw.FPDFAnnot_GetStringValue(a, b"Contents", None, 0)
            buf = ctypes.create_string_buffer(n)
            raw.FPDFAnnot_GetStringValue(a, b"Contents", ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)), n)
            notes.append(buf.raw.decode("utf-16-le").rstrip("\x00"))
    assert sorted(x.split(" ")[0] for x in notes) == sorted(f.code for f in result.findings)
    # Saved again by LibreOffice as .docx: the same accepted text, the same comments, the
    # tracked changes still there to accept.
    back = tmp_path / "lo"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx", "--outdir", str(back), str(copy_path)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    resaved = (back / "copy.docx").read_bytes()
    assert texts(resaved) == texts(data)
    assert sorted(c.text.split(" ")[0] for c in docx.Document(io.BytesIO(resaved)).comments) == sorted(f.code for f in result.findings)
    accepted = _write(tmp_path / "lo-accepted.docx", accept_all(resaved))
    assert not FIXED & {f.code for f in lint(accepted).findings}


# ------------------------------------------------------------------ random documents

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from robustness.strategies import docx_documents  # noqa: E402


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(docx_documents(), st.randoms(use_true_random=False), st.booleans())
def test_random_documents_never_raise_and_keep_their_text(data, rnd, with_edits):
    """Comments on random spans, cells and nowhere, and random replacements as tracked
    changes: the copy is always written, has one comment per finding, and reads as the
    original apart from the replacements that were applied."""
    from report_lint.model.findings import Edit, FileResult, Finding, Location
    from report_lint.read.errors import ReadError

    try:
        doc = read_docx("r.docx", data, Limits())
    except ReadError:
        return
    findings, want = [], [b.text for b in doc.blocks]
    for b in doc.blocks:
        if b.kind == "paragraph":
            s = rnd.randint(0, len(b.text))
            e = rnd.randint(s, len(b.text))
            edit = Edit(b.index, s, e, b.text[s:e], "Ｚ") if with_edits and e > s else None
            findings.append(Finding("X001", "warning", {"zh": "段落"}, Location(block=b.index, start=s, end=e), edit=edit))
        elif b.n_rows and b.n_cols:
            loc = Location(block=b.index, table=b.index, row=rnd.randrange(b.n_rows), col=rnd.randrange(b.n_cols))
            findings.append(Finding("X002", "error", {"zh": "单元格"}, loc))
    findings.append(Finding("X003", "info", {"zh": "无位置"}, Location()))
    result = FileResult(path="r.docx", findings=findings, document=doc)
    try:
        out, stats = commented_copy(result, fix=with_edits, data=data)
    except CopyError as e:
        # python-docx cannot open every package our reader can (a relationship to a missing
        # part): a one-line refusal, never a traceback.
        assert "\n" not in str(e)
        return
    assert stats.comments == len(findings)
    assert len([c for c in docx.Document(io.BytesIO(out)).comments if c.author == "report-lint"]) == len(findings)
    for f in stats.fixed:
        e = f.edit
        want[e.block] = want[e.block][: e.start] + e.new + want[e.block][e.end :]
    assert texts(out) == want


# ------------------------------------------------------------------ the edits, on plain text


def test_edits_on_text_inputs(tmp_path):
    from lintutil import lint_text, run_rule

    from report_lint.checks.structure import HeadingVariant

    text = (
        "某某市司法局2018年政府信息公开工作年度报告\n"
        "本报告所列数据的统计期限自2017年1月1日起至2017年12月31日止。如有疑问请联系（电子邮箱：abc＠163.com）。\n"
    )
    result = lint_text(tmp_path, text)
    edits = {f.code: f.edit for f in result.findings if f.edit is not None}
    assert edits["D002"].old == "2017年1月1日起至2017" and edits["D002"].new == "2018年1月1日起至2018"
    assert (edits["C003"].old, edits["C003"].new) == ("＠", "@")
    line = text.splitlines()[1]
    for e in edits.values():
        assert e.block == 1 and line[e.start : e.end] == e.old
    # Full-width digits stay full-width.
    wide = lint_text(tmp_path, text.replace("2017年1月1日起至2017年", "２０１７年1月1日起至２０１７年"), name="wide.txt")
    d002 = next(f for f in wide.findings if f.code == "D002")
    assert d002.edit is not None and d002.edit.new == "２０１８年1月1日起至２０１８"
    report = (
        "某某市司法局2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n正文。\n"
        "三、收到和处理政府信息公开申请情况\n正文。\n四、政府信息公开行政法复议、行政诉讼情况\n正文。\n"
        "五、存在的主要问题及改进情况\n正文。\n六、其他需要报告的事项\n无。\n"
    )
    (s005,) = run_rule(HeadingVariant, report, "gov-2021", 2021)
    assert (s005.edit.old, s005.edit.new) == ("政府信息公开行政法复议、行政诉讼情况", "政府信息公开行政复议、行政诉讼情况")
    assert s005.to_dict()["edit"]["new"] == "政府信息公开行政复议、行政诉讼情况"


def test_an_edit_needs_a_declared_fix():
    from report_lint.checks.registry import Rule
    from report_lint.model.findings import Edit

    class NoFix(Rule):
        code = "X999"
        name = "no-fix"
        summary = {"zh": "无", "en": "none"}

    class Ctx:
        def section_path(self, block):
            return None

        def block_line(self, block):
            return None

        def severity_for(self, code, sev):
            return sev

    with pytest.raises(ValueError):
        NoFix().finding(Ctx(), "甲", "a", edit=Edit(0, 0, 1, "甲", "乙"))


def test_a_finding_without_a_place_sits_on_the_title(tmp_path):
    d = docx.Document(str(FIXTURES / "gov" / "filled-2021-clean.docx"))
    last = d.tables[-1]._tbl
    last.getparent().remove(last)
    path = tmp_path / "no-table.docx"
    d.save(str(path))
    result = lint(path)
    placeless = [f for f in result.findings if f.location.block is None]
    assert placeless, "a missing table has no place of its own"
    data, stats = commented_copy(result)
    assert stats.elsewhere == len(placeless)
    check_copy(result, data)  # on the title, on its text
