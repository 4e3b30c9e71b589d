"""The reviewer's HTML page: structure, in-place marks, safety, the multi-file site."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from report_lint.model.findings import Finding, Location
from report_lint.model.document import Cell, DocumentBuilder
from report_lint.outline.build import Heading, Outline, Section
from report_lint.report.common import ReportOptions
from report_lint.report.render import render
from report_lint.report.html import render_index
from report_lint.report.site import write_html_site
from report_lint.report.html import page_names, render_page

from .test_common import (  # noqa: F401  (fake_rules is a fixture)
    PHRASE,
    clean_result,
    failed_result,
    fake_rules,
    hostile_result,
    sample_result,
)

VOID = {"br", "meta", "input", "img", "link", "hr", "wbr", "source", "col", "area", "base", "embed", "track"}


class Tree(HTMLParser):
    """Flat list of elements with attributes, inner text and the raw script/style bodies."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.stack: list[dict] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._raw: list[str] | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "attr_list": attrs, "text": ""}
        self.elements.append(el)
        if tag in ("script", "style"):
            self._raw = []
        if tag not in VOID:
            self.stack.append(el)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._raw is not None:
            (self.scripts if tag == "script" else self.styles).append("".join(self._raw))
            self._raw = None
        while self.stack:
            el = self.stack.pop()
            if el["tag"] == tag:
                break

    def handle_data(self, data):
        if self._raw is not None:
            self._raw.append(data)
        for el in self.stack:
            el["text"] += data

    def find(self, tag=None, cls=None, **attrs):
        out = []
        for el in self.elements:
            if tag and el["tag"] != tag:
                continue
            if cls and cls not in (el["attrs"].get("class") or "").split():
                continue
            if any(el["attrs"].get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            out.append(el)
        return out

    def by_id(self, ident):
        found = [el for el in self.elements if el["attrs"].get("id") == ident]
        assert len(found) <= 1, f"duplicate id {ident}"
        return found[0] if found else None


def placed_findings(results) -> int:
    n = 0
    for r in results:
        blocks = len(r.document.blocks) if r.document is not None else 0
        for f in r.findings:
            b = f.location.block if f.location.block is not None else f.location.table
            n += b is not None and 0 <= b < blocks
    return n


def assert_safe(page: str, tree: Tree):
    """No event handlers, no external or script URLs, exactly our one script."""
    for el in tree.elements:
        for name, value in el["attr_list"]:
            assert not name.startswith("on"), (el["tag"], name)
            if name in ("src", "href", "action", "formaction", "xlink:href", "srcset", "poster", "data"):
                v = (value or "").strip().lower()
                assert not v.startswith(("http:", "https:", "javascript:", "data:", "//", "vbscript:")), (name, value)
    tags = {el["tag"] for el in tree.elements}
    assert not tags & {"img", "iframe", "svg", "link", "object", "embed", "base", "form", "textarea"}
    assert len(tree.find("script")) <= 1
    assert len(tree.find("style")) == 1
    assert not re.search(r"url\(|@import|@font-face", tree.styles[0])
    assert not re.search(r"<(?:script|img|iframe|svg)\b[^>]*\b(?:on\w+|src)=", page.split("<script>")[0], re.I)


def test_structure_counts_and_anchors(fake_rules):
    r = sample_result()
    page = render([r], "html", "zh")
    tree = Tree(page)
    in_text = [el for el in tree.elements if "data-finding" in el["attrs"]]
    assert len(in_text) == placed_findings([r]) == 2
    for el in in_text:
        assert "finding" in el["attrs"]["class"].split()
        assert el["attrs"]["id"] == f"f-{el['attrs']['data-finding']}"
        assert el["attrs"]["data-code"] and el["attrs"]["data-severity"] in ("error", "warning", "info")
    links = tree.find("a", "finding-link")
    assert len(links) == len(r.findings)
    for a in links:
        assert tree.by_id(a["attrs"]["href"][1:]) is not None
    # The unplaced finding is listed at the top with its anchor, before the document.
    general = tree.find("li", "finding-general")
    assert len(general) == 1 and general[0]["attrs"]["id"] == "f-1"
    assert page.index('class="finding-general') < page.index('class="doc"')


def test_phrase_marked_and_cell_outlined(fake_rules):
    tree = Tree(render([sample_result()], "html", "zh"))
    (mark,) = tree.find("mark", "finding")
    assert mark["text"] == PHRASE and mark["attrs"]["data-code"] == "N901" and mark["attrs"]["data-severity"] == "warning"
    flagged = tree.find("td", "flagged")
    assert len(flagged) == 1 and "sev-error" in flagged[0]["attrs"]["class"]
    assert flagged[0]["attrs"]["data-row"] == "3" and flagged[0]["attrs"]["data-col"] == "3"
    (flag,) = tree.find("a", "flag")
    assert flag["attrs"]["data-code"] == "T901"
    notes = tree.find("li", "note")
    assert len(notes) == 2
    cell_note = [n for n in notes if "T901" in n["text"]][0]
    assert "应为=10, 表中为=7" in cell_note["text"] and "把总计改为 10" in cell_note["text"]


def test_table_keeps_its_merged_cells(fake_rules):
    tree = Tree(render([sample_result()], "html", "zh"))
    tables = tree.find("table", "doc-table")
    assert len(tables) == 1
    tds = [el for el in tree.find("td") if "data-row" in el["attrs"]]
    assert len(tds) == 7
    assert tree.find("td", None, colspan="2")[0]["text"] == "项目"
    assert tree.find("td", None, rowspan="2")[0]["text"] == "申请"


def test_overlapping_and_out_of_range_spans_become_flags():
    b = DocumentBuilder("x.txt", "txt")
    b.paragraph("甲乙丙丁戊己庚辛")
    fs = [
        Finding("N901", "warning", {"zh": "a"}, Location(block=0, start=0, end=4)),
        Finding("N901", "warning", {"zh": "b"}, Location(block=0, start=2, end=6)),
        Finding("N901", "info", {"zh": "c"}, Location(block=0, start=5, end=99)),
        Finding("N901", "error", {"zh": "d"}, Location(block=0)),
    ]
    r = clean_result("x.txt")
    r.document, r.findings = b.doc, fs
    tree = Tree(render([r], "html", "zh"))
    assert len(tree.find("mark", "finding")) == 1
    assert len(tree.find("a", "flag")) == 3
    assert len([el for el in tree.elements if "data-finding" in el["attrs"]]) == 4
    (p,) = tree.find("p", "para")
    assert "flagged-para" in p["attrs"]["class"] and "sev-error" in p["attrs"]["class"]
    assert "甲乙丙丁戊己庚辛" in p["text"].replace("1", "").replace("2", "").replace("3", "").replace("4", "")


def test_row_and_whole_table_findings():
    b = DocumentBuilder("t.docx", "docx")
    b.table(2, 2, [Cell(0, 0, "a"), Cell(0, 1, "b"), Cell(1, 0, "c"), Cell(1, 1, "d")])
    fs = [
        Finding("T901", "error", {"zh": "row"}, Location(block=0, table=0, row=1)),
        Finding("T901", "warning", {"zh": "table"}, Location(block=0, table=0)),
        Finding("T901", "warning", {"zh": "bad cell"}, Location(block=0, table=0, row=9, col=9)),
    ]
    r = clean_result("t.docx")
    r.document, r.findings = b.doc, fs
    tree = Tree(render([r], "html", "zh"))
    assert len(tree.find("tr", "flagged-row")) == 1
    assert len([el for el in tree.elements if "data-finding" in el["attrs"]]) == 3
    (caption,) = tree.find("caption")
    assert len([el for el in tree.find("a", "flag")]) == 3 and "表格（块0）" in caption["text"]


def test_headings_from_outline_and_from_styles():
    r = sample_result()
    ol = Outline(title=0, title_text=r.document.blocks[0].text)
    ol.sections = [
        Section(Heading(1, 1, "一", 1, "总体情况", "一、总体情况"), end=3),
        Section(Heading(3, 1, "三", 3, "依申请公开情况", "三、依申请公开情况"), end=6),
    ]
    r.outline = ol
    tree = Tree(render([r], "html", "zh"))
    assert [el["text"] for el in tree.find("h3", "dh0")] == [r.document.blocks[0].text]
    assert [el["text"] for el in tree.find("h4", "dh1")] == ["一、总体情况", "三、依申请公开情况"]
    # No outline: fall back to the paragraphs' outline levels.
    r2 = sample_result()
    r2.document.blocks[1].outline_level = 0
    r2.document.blocks[3].outline_level = 1
    tree2 = Tree(render([r2], "html", "zh"))
    assert [el["text"] for el in tree2.find("h4")] == ["一、总体情况"]
    assert [el["text"] for el in tree2.find("h5")] == ["三、依申请公开情况"]


def test_paragraphs_inside_cells_render_in_their_cell_once():
    b = DocumentBuilder("n.docx", "docx")
    tbl = b.table(1, 2, [Cell(0, 0, "第一段\n第二段"), Cell(0, 1, "x")])
    b.paragraph("第一段", container=(tbl.index, 0, 0))
    p2 = b.paragraph("第二段", container=(tbl.index, 0, 0))
    b.paragraph("表后正文")
    r = clean_result("n.docx")
    r.document = b.doc
    r.findings = [Finding("N901", "warning", {"zh": "m"}, Location(block=p2.index, start=0, end=2))]
    page = render([r], "html", "zh")
    tree = Tree(page)
    assert page.count("第一段") == 1  # not repeated as a top-level paragraph
    (td,) = [el for el in tree.find("td") if el["attrs"].get("data-col") == "1"]
    assert re.sub(r"\d", "", td["text"]) == "第一段第二段"  # the mark's reference number removed
    (mark,) = tree.find("mark", "finding")
    assert mark["text"] == "第二"
    assert [el["text"] for el in tree.find("p", "para") if "表后" in el["text"]] == ["表后正文"]


def test_hostile_text_shows_as_text(fake_rules):
    r = hostile_result()
    page = render([r], "html", "zh")
    tree = Tree(page)
    assert_safe(page, tree)
    text = "".join(el["text"] for el in tree.find("article", "doc"))
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "javascript:alert(1)" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert len([el for el in tree.elements if "data-finding" in el["attrs"]]) == placed_findings([r])
    # Messages and titles carry the hostile text too: still text.
    assert any("<img src=x onerror=alert(1)>" in (el["attrs"].get("title") or "") for el in tree.elements)


def test_hostile_paths_and_control_characters(fake_rules):
    r = hostile_result("control-chars.txt")
    r.path = '"><script>alert(1)</script>.docx'
    page = render([r], "html", "zh")
    tree = Tree(page)
    assert_safe(page, tree)
    assert "\x1b" not in page and "\x00" not in page
    assert tree.find("h2")[0]["text"] == '"><script>alert(1)</script>.docx'


def test_csp_hash_matches_the_script_and_no_inline_handlers(fake_rules):
    page = render([sample_result()], "html", "zh")
    tree = Tree(page)
    (meta,) = tree.find("meta", None, http_equiv="Content-Security-Policy")
    csp = meta["attrs"]["content"]
    assert "default-src 'none'" in csp and "base-uri 'none'" in csp and "form-action 'none'" in csp
    assert "img-src data:" in csp and "style-src 'unsafe-inline'" in csp
    (script,) = tree.scripts
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert page.index("Content-Security-Policy") < page.index("<style>")
    assert not re.search(r"<[^>]*\son\w+\s*=", page)
    assert_safe(page, tree)


def test_filters_are_hidden_without_script_and_print_shows_all(fake_rules):
    tree = Tree(render([sample_result()], "html", "zh"))
    (nav,) = tree.find("nav", "filters")
    assert "hidden" in nav["attrs"]
    boxes = tree.find("input")
    assert {b["attrs"]["data-filter"] for b in boxes} == {"sev-error", "sev-warning", "sev-info", "fam-N", "fam-T"}
    assert all("checked" in b["attrs"] for b in boxes)
    css = tree.styles[0]
    assert "@media print" in css and ".filters" in css.split("@media print")[1]
    # Hiding rules exist only for screens.
    assert ".hide-sev-error" in css and css.index("@media screen") < css.index(".hide-sev-error")


def test_rule_explanations_without_script(fake_rules):
    tree = Tree(render([sample_result()], "html", "zh"))
    det = tree.by_id("rule-T901")
    assert det is not None and det["tag"] == "details"
    assert "测试用规则。" in det["text"] and "总计 5 = 2 + 2" in det["text"]
    assert "<b>说明</b>" in det["text"]  # rule docs are escaped too
    assert len(tree.find("a", "rule-link")) == 3


def test_header_determinism_and_timestamp(fake_rules):
    a = render([sample_result()], "html", "zh")
    assert a == render([sample_result()], "html", "zh")
    assert "生成时间" not in a
    b = render([sample_result()], "html", "zh", ReportOptions(timestamp="2024-03-01T10:00:00+08:00"))
    assert "生成时间" in b and "2024-03-01T10:00:00+08:00" in b
    tree = Tree(a)
    assert tree.find("html")[0]["attrs"]["lang"] == "zh-CN"
    head = tree.find("header", "report-head")[0]["text"]
    assert "seed-2018" in head and "2018" in head and "错误 1" in head and "警告 1" in head and "提示 1" in head
    assert "report-lint 0.1.0" in tree.find("header", "page-head")[0]["text"]


def test_english_page(fake_rules):
    tree = Tree(render([sample_result()], "html", "en"))
    assert tree.find("html")[0]["attrs"]["lang"] == "en"
    assert "Findings" in [el["text"] for el in tree.find("h3")]
    assert "total 7 is not the sum 10" in tree.find("ol", "findings-list")[0]["text"]


def test_unreadable_and_documentless_results(fake_rules):
    nodoc = sample_result()
    nodoc.document = None
    tree = Tree(render([failed_result(), nodoc], "html", "zh"))
    assert "这是旧版 .doc 文件" in tree.find("p", "file-error")[0]["text"]
    assert len(tree.find("p", "nodoc")) == 2
    assert len(tree.find("li", "finding-general")) == 3
    assert not [el for el in tree.elements if "data-finding" in el["attrs"]]
    ids = [el["attrs"]["id"] for el in tree.elements if "id" in el["attrs"]]
    assert len(ids) == len(set(ids))


def test_several_files_on_one_page_have_unique_ids(fake_rules):
    page = render([sample_result(), sample_result("b.docx"), clean_result()], "html", "zh")
    tree = Tree(page)
    ids = [el["attrs"]["id"] for el in tree.elements if "id" in el["attrs"]]
    assert len(ids) == len(set(ids))
    assert len(tree.find("section", "report")) == 3
    assert len(tree.find("a", "finding-link")) == 6


def test_index_and_site(tmp_path, fake_rules):
    results = [sample_result(), failed_result(), clean_result(), sample_result("../../<x>/司法局2018.docx")]
    names = page_names(results)
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"\d{4}-[0-9A-Za-z_\-\u4e00-\u9fff]+\.html", n) for n in names)
    written = write_html_site(results, tmp_path / "site", "zh", None)
    assert [p.name for p in written] == ["index.html", *names]
    assert all(p.parent == tmp_path / "site" for p in written)
    index = written[0].read_text(encoding="utf-8")
    tree = Tree(index)
    assert_safe(index, tree)
    # The index is the reviewer's dashboard (report.dashboard): its only script is the
    # constant sorting script, allowed by its hash.
    from report_lint.report.dashboard import SORT_HASH

    assert f"'{SORT_HASH}'" in tree.find("meta", None, http_equiv="Content-Security-Policy")[0]["attrs"]["content"]
    rows = [el for el in tree.find("tr") if el["attrs"].get("id", "").startswith("report-")]
    assert len(rows) == 4
    hrefs = re.findall(r'<tr id="report-\d+"><td[^>]*>[^<]*</td><td[^>]*>[^<]*</td><td[^>]*><a href="([^"]+)"', index)
    from urllib.parse import unquote

    assert [unquote(h) for h in hrefs] == names
    assert "错误" in rows[0]["text"] and "无法检查" in rows[1]["text"] and "无问题" in rows[2]["text"]
    page = (tmp_path / "site" / names[0]).read_text(encoding="utf-8")
    assert 'href="index.html"' in page
    assert render_index(results, "en").count("<tr>") == 5
    assert render_page([results[3]], "zh").count("&lt;x&gt;") >= 1


def test_odd_containers_do_not_lose_text_or_findings():
    b = DocumentBuilder("c.docx", "docx")
    t0 = b.table(1, 1, [Cell(0, 0, "外表")])
    t1 = b.table(1, 1, [Cell(0, 0, "内表")])
    t0.container = (t1.index, 0, 0)  # a cycle: each table inside the other
    t1.container = (t0.index, 0, 0)
    b.paragraph("坏容器", container=("x", None, 0))
    b.paragraph("越界容器", container=(99, 0, 0))
    r = clean_result("c.docx")
    r.document = b.doc
    r.findings = [
        Finding("T901", "error", {"zh": "m"}, Location(block=t1.index, table=t1.index, row=0, col=0)),
        Finding("N901", "warning", {"zh": "m"}, Location(block=3, start=0, end=1)),
    ]
    page = render([r], "html", "zh")
    tree = Tree(page)
    for s in ("外表", "内表", "坏容器", "越界容器"):
        assert s in page or s[1:] in page
    assert len([el for el in tree.elements if "data-finding" in el["attrs"]]) == 2
    ids = [el["attrs"]["id"] for el in tree.elements if "id" in el["attrs"]]
    assert len(ids) == len(set(ids))
