"""Building the outline: grammar/outline.lark over block tokens (report_lint.outline.build)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_lint.outline import build as outline_mod
from report_lint.model.document import DocumentBuilder, table_from_rows
from report_lint.outline.build import Outline, build_outline, outline_parser
from report_lint.outline.classify import KINDS, BlockToken

SHARED = Path(__file__).resolve().parents[2] / "shared"
# fixtures/seed/seed.txt is a verbatim copy of the shared seed; fall back to the original.
_SEED_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "seed.txt"
SEED = _SEED_FIXTURE if _SEED_FIXTURE.exists() else SHARED / "seed" / "000_69bd6c6401fe330c.txt"
CORPUS = SHARED / "corpus" / "text"


def doc_from_text(text: str):
    """Lines → paragraphs; runs of tab-separated lines → one table (a tiny text reader)."""
    b = DocumentBuilder("t.txt", "txt")
    rows: list[list[str]] = []
    start = 0

    def flush():
        if rows:
            n, m, cells = table_from_rows(rows)
            b.table(n, m, cells, line=start)
            rows.clear()

    for i, ln in enumerate(text.splitlines(), 1):
        if "\t" in ln:
            if not rows:
                start = i
            rows.append(ln.split("\t"))
            continue
        flush()
        if ln.strip():
            b.paragraph(ln, line=i)
    flush()
    return b.doc


def shape(o: Outline) -> list[tuple]:
    """Everything an Outline says, as plain data, for comparing two outlines."""

    def sec(s):
        h = s.heading
        return (h.block, h.level, h.number, h.ordinal, h.title, s.end, tuple(s.blocks), tuple(sec(c) for c in s.children))

    return [
        o.title,
        o.title_text,
        tuple(o.preamble),
        tuple(sec(s) for s in o.sections),
        tuple(sec(s) for s in o.orphans),
        tuple(sec(a) for a in o.attachments),
        tuple(o.signature),
        tuple((p.block, p.kind) for p in o.problems if p.kind != "unparsed"),
    ]


# -- the seed ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    if not SEED.exists():
        pytest.skip("shared seed report not available")
    d = doc_from_text(SEED.read_text(encoding="utf-8"))
    return d, build_outline(d)


def test_seed_title_and_sections(seed):
    d, o = seed
    assert o.title == 0
    assert o.title_text == "石嘴山市司法局 2018 年 政府信息公开工作年度报告"
    assert [s.heading.number for s in o.sections] == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]
    assert [s.heading.ordinal for s in o.sections] == list(range(1, 12))
    assert o.sections[3].heading.title == "推进“互联网+政务服务”工作情况"
    assert o.problems == []
    assert o.orphans == []


def test_seed_subsections(seed):
    d, o = seed
    three = o.sections[2]
    assert [(c.level, c.heading.number, c.heading.title) for c in three.children] == [
        (2, "一", "推进财政资金使用信息公开"),
        (2, "二", "推进公共服务信息公开"),
        (2, "三", "推进公文、行政执法公开透明"),
    ]
    # The website chrome between 四 and 五 has 1. 2. 3. items: level-3 children of 四.
    four = o.sections[3]
    assert [(c.level, c.heading.ordinal) for c in four.children] == [(3, 1), (3, 2), (3, 3)]
    assert four.end == o.sections[4].heading.block


def test_seed_blocks_partition_the_body(seed):
    d, o = seed
    covered = []
    for s in o.walk():
        covered.append(s.heading.block)
        covered.extend(s.blocks)
    body = [b for b in range(o.sections[0].heading.block, o.attachments[0].heading.block) if d.blocks[b].text.strip()]
    assert sorted(covered) == body
    assert o.sections[-1].end == o.attachments[0].heading.block


def test_seed_attachments_hold_the_statistics_table(seed):
    d, o = seed
    assert [a.heading.title for a in o.attachments] == ["政府信息公开情况统计表", ""]
    last = o.attachments[-1]
    assert last.end == len(d.blocks)
    assert any(d.blocks[b].kind == "table" for b in last.blocks)
    # The table's own 一、/（一） rows never become sections.
    assert len(o.sections) == 11


def test_seed_section_paths(seed):
    d, o = seed
    sub = o.sections[2].children[1]
    assert o.section_path(sub.heading.block) == "三/（二）"
    assert o.section_path(sub.blocks[0]) == "三/（二）"
    assert o.section_path(o.sections[0].blocks[0]) == "一"
    assert o.section_path(o.attachments[-1].blocks[0]) == "附件"
    assert o.section_path(0) is None


# -- tolerance --------------------------------------------------------------------------------


def test_subheading_before_first_heading_is_an_orphan_problem():
    o = build_outline(doc_from_text("某局2019年政府信息公开工作年度报告\n（一）主动公开\n正文。\n1.细项\n一、总体情况\n正文。"))
    assert [s.heading.number for s in o.sections] == ["一"]
    assert [(s.level, s.heading.number) for s in o.orphans] == [(2, "一")]
    assert [(c.level, c.heading.ordinal) for c in o.orphans[0].children] == [(3, 1)]
    assert o.orphans[0].end == o.sections[0].heading.block
    assert [(p.block, p.kind) for p in o.problems] == [(1, "orphan-subheading")]
    assert "（一）主动公开" in o.problems[0].detail
    assert o.section_path(2) == "（一）"


def test_level3_directly_under_level1():
    o = build_outline(doc_from_text("一、总体情况\n1.组织领导\n正文。\n2.制度建设\n（一）另一个二级\n3.其下的三级"))
    one = o.sections[0]
    assert [(c.level, c.heading.ordinal) for c in one.children] == [(3, 1), (3, 2), (2, 1)]
    assert [(c.level, c.heading.ordinal) for c in one.children[2].children] == [(3, 3)]
    assert o.problems == []


def test_signature_lines_mid_document_are_content():
    o = build_outline(doc_from_text("一、总体情况\n石嘴山市司法局\n2019年1月17日\n正文。\n二、主动公开\n正文。"))
    assert o.signature == []
    assert o.sections[0].blocks == [1, 2, 3]


def test_trailing_signature():
    d = doc_from_text("某局2018年政府信息公开工作年度报告\n一、总体情况\n正文。\n某某市司法局\n2019年1月17日")
    o = build_outline(d)
    assert o.signature == [3, 4]
    assert o.sections[0].blocks == [2]
    assert o.sections[0].end == 3


def test_signature_after_an_attachment_listing():
    text = "一、总体情况\n正文。\n附件：政府信息公开情况统计表\n某某市司法局\n2019年1月17日\n附件\n统计表\n一、主动公开情况"
    o = build_outline(doc_from_text(text))
    assert o.signature == [3, 4]
    assert [a.heading.block for a in o.attachments] == [2, 5]
    assert o.attachments[0].end == 3 and o.attachments[0].blocks == []
    assert o.attachments[1].blocks == [6, 7]
    assert len(o.sections) == 1


def test_body_section_after_attachment_is_a_problem():
    o = build_outline(doc_from_text("一、总体情况\n正文。\n附件\n表格说明\n二、主动公开政府信息情况\n正文。"))
    assert [p.kind for p in o.problems] == ["section-after-attachment"]
    assert o.problems[0].block == 4


def test_attachment_table_rows_restarting_at_one_are_not_a_problem():
    o = build_outline(doc_from_text("一、总体情况\n二、其他\n附件\n一、主动公开情况\n二、回应解读情况"))
    assert o.problems == []


def test_title_later_in_document_is_content():
    o = build_outline(doc_from_text("一、总体情况\n某局2018年政府信息公开工作年度报告"))
    assert o.title is None
    assert o.sections[0].blocks == [1]


def test_preamble():
    o = build_outline(doc_from_text("某局2018年政府信息公开工作年度报告\n本报告依据《条例》编制。\n统计期限为2018年全年。\n一、总体情况"))
    assert o.preamble == [1, 2]


@pytest.mark.parametrize("text", ["", "   \n\n", "正文。", "附件", "2019年1月17日", "（一）只有二级"])
def test_degenerate_documents(text):
    o = build_outline(doc_from_text(text))
    assert o.sections == []
    o.index_sections()


# -- the grammar and its parser ----------------------------------------------------------------


def test_grammar_has_no_conflicts():
    # The parser is built with strict=True, under which lark raises on any shift/reduce or
    # reduce/reduce conflict; building it at all proves the grammar is conflict-free.
    from lark import Lark
    from lark.exceptions import GrammarError

    p = outline_mod._make_parser(cache=False)
    assert p.options.strict and p.options.parser == "lalr"
    ambiguous = "start: a* b*\na: H1 PARA*\nb: H1 PARA*\n%declare H1 PARA"
    with pytest.raises(GrammarError):
        Lark(ambiguous, parser="lalr", lexer=outline_mod.BlockLexer, strict=True)


def test_parser_is_built_once():
    assert outline_parser() is outline_parser()


def test_parser_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REPORT_LINT_NO_CACHE", raising=False)
    p1 = outline_mod._make_parser(cache=True)
    files = list((tmp_path / "report-lint").iterdir())
    assert len(files) == 1 and files[0].suffix == ".lalr" and files[0].stat().st_size > 0
    assert oct((tmp_path / "report-lint").stat().st_mode & 0o777) == "0o700"
    p2 = outline_mod._make_parser(cache=True)  # loaded from the file
    runs = [("TITLE", 0, 1), ("H1", 1, 2), ("PARA", 2, 3), ("ATTACH", 3, 4)]
    assert p1.parse(runs) == p2.parse(runs)
    assert list((tmp_path / "report-lint").iterdir()) == files


def test_parser_cache_can_be_disabled(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("REPORT_LINT_NO_CACHE", "1")
    outline_mod._make_parser(cache=True)
    assert not (tmp_path / "report-lint").exists() or not list((tmp_path / "report-lint").iterdir())


def test_unwritable_cache_dir_falls_back(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file, so the directory cannot exist
    monkeypatch.delenv("REPORT_LINT_NO_CACHE", raising=False)
    assert outline_mod._cache_path("grammar") is None
    assert outline_mod._make_parser(cache=True).parse([("H1", 0, 1)]) is not None


# -- grammar path == hand-written path, and no exception on anything ----------------------------


def _skeleton_by_hand(tokens):
    """The structure grammar/outline.lark describes, built by a stack: the oracle the
    grammar's trees are compared with."""
    sk = outline_mod._Skeleton()
    l1 = l2 = l3 = app = None
    for pos, t in enumerate(tokens):
        k = t.kind
        if app is not None or k == "ATTACH":
            if k == "ATTACH":
                app = outline_mod._Node(t)
                sk.appendices.append(app)
            else:
                app.leaves.append(pos)
        elif k == "H1":
            l1, l2, l3 = outline_mod._Node(t), None, None
            sk.sections.append(l1)
        elif k == "H2":
            l2, l3 = outline_mod._Node(t), None
            (l1 or sk.lead).children.append(l2)
        elif k == "H3":
            l3 = outline_mod._Node(t)
            (l2 or l1 or sk.lead).children.append(l3)
        else:
            (l3 or l2 or l1 or sk.lead).leaves.append(pos)
    return sk


_KIND_TEXT = {
    "TITLE": "某局2018年政府信息公开工作年度报告",
    "H1": "一、总体情况",
    "H2": "（一）主动公开",
    "H3": "1.细项",
    "ATTACH": "附件",
    "SIGNATURE": "2019年1月17日",
    "TABLE": None,
    "PARA": "正文。",
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(KINDS), max_size=40))
def test_tree_and_hand_builder_agree(kinds):
    tokens = [
        BlockToken(k, i, raw=k, level={"H1": 1, "H2": 2, "H3": 3, "ATTACH": 1}.get(k, 0), number="一", ordinal=1)
        for i, k in enumerate(kinds)
    ]
    runs = outline_mod._runs(tokens)
    tree = outline_parser().parse(runs)
    via_tree = outline_mod._outline_from_skeleton(outline_mod._skeleton_from_tree(tree, tokens, runs), tokens, len(tokens))
    by_hand = outline_mod._outline_from_skeleton(_skeleton_by_hand(tokens), tokens, len(tokens))
    assert shape(via_tree) == shape(by_hand)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list(_KIND_TEXT)), max_size=40))
def test_every_token_sequence_builds(kinds):
    b = DocumentBuilder("t.docx", "docx")
    for k in kinds:
        if _KIND_TEXT[k] is None:
            n, m, cells = table_from_rows([["a", "1"]])
            b.table(n, m, cells)
        else:
            b.paragraph(_KIND_TEXT[k])
    o = build_outline(b.doc)
    assert not [p for p in o.problems if p.kind == "unparsed"]
    ends_ok = all(s.heading.block < s.end <= len(b.doc.blocks) for s in o.walk())
    assert ends_ok


_FRAGMENTS = [
    "一、",
    "十一、",
    "（一）",
    "(二)",
    "1.",
    "（1）",
    "附件",
    "附表：",
    "2019年1月17日",
    "二○一九年",
    "政府信息公开",
    "年度报告",
    "。",
    "，",
    "\t",
    " ",
    "局",
    "#",
    "第一部分",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=30), st.lists(st.sampled_from(_FRAGMENTS), max_size=6).map("".join)), max_size=30))
def test_random_text_never_raises(lines):
    d = doc_from_text("\n".join(lines))
    o = build_outline(d)
    assert not [p for p in o.problems if p.kind == "unparsed"]
    for s in o.walk():
        assert s.heading.block < s.end <= len(d.blocks)


def _corpus_files():
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.glob("*.txt"))


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_corpus_files_build(path):
    text = path.read_text(encoding="utf-8")
    # The files are mostly one line (the crawler lost paragraph breaks); split at spaces too
    # so the classifier sees short lines as well as the long ones.
    for variant in (text, text.replace(" ", "\n")):
        o = build_outline(doc_from_text(variant))
        assert not [p for p in o.problems if p.kind == "unparsed"]
        assert o.title is not None


def test_corpus_through_the_text_reader():
    read_text = pytest.importorskip("report_lint.read.text").read_text
    from report_lint.read.errors import Limits

    files = _corpus_files()
    if not files:
        pytest.skip("shared corpus not available")
    for path in files:
        d = read_text(str(path), path.read_bytes(), Limits())
        o = build_outline(d)
        assert not [p for p in o.problems if p.kind == "unparsed"], path.name


def test_large_document_is_fast(seed):
    import time

    d = doc_from_text(SEED.read_text(encoding="utf-8") * 20)
    build_outline(d)
    t = time.perf_counter()
    build_outline(d)
    # ~1500 blocks; a few ms in practice. Generous bound: only catches accidental quadratics.
    assert time.perf_counter() - t < 1.0


@pytest.mark.skipif(os.name != "posix", reason="cache directory permissions are POSIX")
def test_cache_file_name_changes_with_the_grammar(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REPORT_LINT_NO_CACHE", raising=False)
    a = outline_mod._cache_path("start: A\n")
    b = outline_mod._cache_path("start: B\n")
    if a is None or b is None:
        pytest.skip("no writable cache directory")
    assert a != b
