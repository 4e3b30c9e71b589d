"""The structures that keep report-lint fast must stay faithful to their sources."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


ROOT = Path(__file__).resolve().parents[1]


# -- the outline is parsed by lark at run time ------------------------------------------------


def test_linting_parses_the_outline_with_lark(tmp_path):
    import subprocess

    code = (
        "import sys; from report_lint.lint import lint_file, LintOptions; "
        f"r = lint_file({str(ROOT / 'fixtures' / 'seed' / 'seed.txt')!r}, LintOptions()); "
        "assert r.error is None, r.error; "
        "print('lark' in sys.modules)"
    )
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "True"


# -- profiles ---------------------------------------------------------------------------------


def test_every_builtin_binding_pattern_compiles():
    # Built-in profiles are not re-validated at start-up (profiles._load_profiles): this is
    # where their patterns are checked.
    from report_lint.checks import narrative
    from report_lint.checks.narrative import compiled_bindings
    from report_lint.profiles.load import load_profiles, validate_patterns

    n = 0
    for name, profile in load_profiles().items():
        for b in profile.bindings:
            validate_patterns(b, f"{name} binding {b.key}")
            n += len(b.patterns) + len(b.zero_patterns)
        for cb in compiled_bindings(profile):
            for _, pat in cb.patterns + cb.zero_patterns:
                # The form the scan compiles lazily (with the NUM fragment) compiles too.
                assert pat._compiled() is not narrative._NEVER, pat.pattern
    assert n > 0


def test_profiles_load_once_however_asked():
    from report_lint.profiles.load import load_profiles
    from report_lint.paths import rules_dir

    assert load_profiles() is load_profiles(None)
    assert load_profiles(str(rules_dir())) == load_profiles()


def test_a_bad_pattern_in_a_users_rules_dir_is_still_an_error(tmp_path):
    import shutil

    import pytest

    from report_lint.profiles.load import ProfileError, load_profiles
    from report_lint.paths import rules_dir

    d = tmp_path / "rules"
    shutil.copytree(rules_dir(), d)
    text = (d / "gov-2021.toml").read_text(encoding="utf-8")
    marker = "patterns = [\n"
    assert marker in text
    (d / "gov-2021.toml").write_text(text.replace(marker, marker + "  '(unclosed{num}',\n", 1), encoding="utf-8")
    with pytest.raises(ProfileError, match="bad pattern"):
        load_profiles(str(d))


# -- contacts: the pre-filter never hides a contact ---------------------------------------------


def _find_contacts_unfiltered(text):
    from report_lint.text import contacts

    saved = contacts._may_hold_contact
    contacts._may_hold_contact = lambda t: True
    try:
        return contacts.find_contacts(text)
    finally:
        contacts._may_hold_contact = saved


_CONTACT_BITS = [
    "电话",
    "传真",
    "手机",
    "联系电话：",
    "Tel:",
    "FAX",
    "phone",
    "邮箱：",
    "电子邮件",
    "邮编",
    "邮政编码：",
    "信箱",
    "地址：",
    "@",
    "＠",
    "www.",
    "http://",
    "ｈｔｔｐ",
    "gov.cn",
    "(",
    ")",
    "（",
    "）",
    "-",
    "—",
    "0952",
    "２０２０５１５",
    "13912345678",
    "2020515",
    "750001",
    "12345",
    "abc",
    "。",
    "；",
    " ",
    "\u3000",
    "一",
    "共",
    "件",
    "0",
    "1",
    "9",
    "٣",
    "٤٥٦٧٨٩٠١٢٣",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CONTACT_BITS), max_size=12).map("".join))
def test_contact_prefilter_never_hides_a_contact(text):
    from report_lint.text.contacts import find_contacts

    assert find_contacts(text) == _find_contacts_unfiltered(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_contact_prefilter_on_any_text(text):
    from report_lint.text.contacts import find_contacts

    assert find_contacts(text) == _find_contacts_unfiltered(text)


# -- dates: the pre-filter never hides a date ---------------------------------------------------

_DATE_BITS = [
    "2018",
    "２０１８",
    "年",
    "月",
    "日",
    "号",
    "1",
    "12",
    "31",
    "十二",
    "三十一",
    "二〇一九",
    "-",
    ".",
    "/",
    "—",
    "至",
    "星期一",
    "（",
    "）",
    " ",
    "统计期限",
    "自",
    "起",
    "0",
    "9",
]


def _find_dates_unfiltered(text):
    from report_lint.text import dates as textdates

    saved = textdates._may_hold_date
    textdates._may_hold_date = lambda t: True
    try:
        return textdates.find_dates(text)
    finally:
        textdates._may_hold_date = saved


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DATE_BITS), max_size=10).map("".join))
def test_date_prefilter_never_hides_a_date(text):
    from report_lint.text.dates import find_dates

    assert find_dates(text) == _find_dates_unfiltered(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_date_prefilter_on_any_text(text):
    from report_lint.text.dates import find_dates

    assert find_dates(text) == _find_dates_unfiltered(text)


# -- the .docx reader: stripping formatting before parsing changes nothing ----------------------

import io  # noqa: E402
import zipfile  # noqa: E402

import pytest  # noqa: E402

from report_lint.read.errors import Limits  # noqa: E402
from report_lint.read import docx as docx_reader  # noqa: E402

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = (
    f'xmlns:w="{_W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
)
_PKG = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    ),
}


def _docx(document: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in _PKG.items():
            z.writestr(name, text)
        z.writestr("word/document.xml", document)
    return buf.getvalue()


def _document(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_NS}><w:body>{body}</w:body></w:document>'


def _read_both(data: bytes, monkeypatch):
    """(blocks and notices read with stripping, the same without)."""

    def snap():
        try:
            d = docx_reader.read_docx("t.docx", data, Limits())
        except Exception as e:  # noqa: BLE001 - compare errors too
            return ("error", type(e).__name__, getattr(e, "code", None))
        return (repr(d.blocks), repr(getattr(d, "notices", None)))

    with monkeypatch.context() as m:
        m.setattr(docx_reader, "_STRIP_MIN_BYTES", 0)
        stripped = snap()
    with monkeypatch.context() as m:
        m.setattr(docx_reader, "_strip_formatting", lambda raw: None)
        plain = snap()
    return stripped, plain


def _walker_tags() -> set[str]:
    """Local names of every WordprocessingML tag the reader looks at."""
    names = set()
    for key, value in vars(docx_reader).items():
        values = value if isinstance(value, tuple) else (value,)
        if key.startswith(("W_", "_REVISION", "_CONTENT")):
            for v in values:
                if isinstance(v, str) and v.startswith(docx_reader.W):
                    names.add(v[len(docx_reader.W) :])
    return names


def test_stripped_elements_are_never_read_by_the_walk():
    tags = _walker_tags()
    assert {"t", "p", "tc", "pStyle", "vanish", "gridSpan", "ins", "rPrChange", "cellMerge"} <= tags
    assert not tags & set(docx_reader._FORMATTING)


_RPR = '<w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="a/>b"/><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/>{extra}</w:rPr>'
_PIECES = [
    "<w:r>" + _RPR.format(extra="") + "<w:t>正文</w:t></w:r>",
    "<w:r>" + _RPR.format(extra="<w:vanish/>") + "<w:t>隐藏</w:t></w:r>",
    "<w:r>" + _RPR.format(extra='<w:vanish w:val="0"/>') + "<w:t>不隐藏</w:t></w:r>",
    "<w:r>" + _RPR.format(extra='<w:rPrChange w:id="1" w:author="a"><w:rPr><w:b/></w:rPr></w:rPrChange>') + "<w:t>改格式</w:t></w:r>",
    '<w:ins w:id="2" w:author="a"><w:r><w:rPr><w:color w:val="FF0000"/></w:rPr><w:t>插入</w:t></w:r></w:ins>',
    '<w:del w:id="3" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>',
    '<w:r><w:t xml:space="preserve"> 1 </w:t><w:tab/><w:br/><w:lastRenderedPageBreak/><w:t>2</w:t></w:r>',
    '<w:r><w:sym w:font="Wingdings" w:char="F0B7"/><w:noBreakHyphen/></w:r>',
    '<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="x"/><w:r><w:t>书签</w:t></w:r><w:bookmarkEnd w:id="0"/>',
    '<w:hyperlink><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>www.example.gov.cn</w:t></w:r></w:hyperlink>',
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
    "<w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict/></mc:Fallback>"
    "</mc:AlternateContent></w:r>",
    "<w:sdt><w:sdtPr><w:rPr><w:b/></w:rPr></w:sdtPr><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt>",
]
_PPRS = [
    "",
    '<w:pPr><w:pStyle w:val="Heading1"/><w:spacing w:before="0"/><w:ind w:firstLine="420"/><w:jc w:val="both"/></w:pPr>',
    '<w:pPr><w:keepNext/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr>',
    '<w:pPr><w:rPr><w:del w:id="9" w:author="a"/><w:sz w:val="21"/></w:rPr></w:pPr>',
    '<w:pPr><w:pPrChange w:id="8" w:author="a"><w:pPr><w:jc w:val="left"/></w:pPr></w:pPrChange></w:pPr>',
]
_TCPRS = [
    '<w:tcPr><w:tcW w:w="100" w:type="dxa"/><w:tcBorders><w:top w:val="single"/><w:left w:val="nil"/></w:tcBorders><w:shd w:fill="auto"/><w:vAlign w:val="center"/></w:tcPr>',
    '<w:tcPr><w:gridSpan w:val="2"/><w:vAlign w:val="top"/></w:tcPr>',
    '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>',
    '<w:tcPr><w:vMerge/><w:tcW w:w="1"/></w:tcPr>',
    "<w:tcPr><w:hMerge/></w:tcPr>",
    '<w:tcPr><w:cellIns w:id="5" w:author="a"/></w:tcPr>',
]


@st.composite
def _paragraph(draw):
    inner = "".join(draw(st.lists(st.sampled_from(_PIECES), max_size=4)))
    return f"<w:p>{draw(st.sampled_from(_PPRS))}{inner}</w:p>"


@st.composite
def _table(draw):
    rows = []
    for _ in range(draw(st.integers(1, 3))):
        before = draw(st.sampled_from(["", '<w:trPr><w:gridBefore w:val="1"/><w:trHeight w:val="300"/><w:cantSplit/></w:trPr>']))
        cells = "".join(f"<w:tc>{draw(st.sampled_from(_TCPRS))}{draw(_paragraph())}</w:tc>" for _ in range(draw(st.integers(1, 3))))
        rows.append(f"<w:tr>{before}{cells}</w:tr>")
    props = '<w:tblPr><w:tblStyle w:val="a"/><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single"/></w:tblBorders><w:tblLook w:val="04A0"/></w:tblPr>'
    grid = '<w:tblGrid><w:gridCol w:w="1"/></w:tblGrid>'
    return f"<w:tbl>{props}{grid}{''.join(rows)}</w:tbl>"


# monkeypatch is only used through monkeypatch.context(), undone within each example.
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_paragraph(), _table()), min_size=1, max_size=8))
def test_reading_with_and_without_stripping_agree(monkeypatch, blocks):
    body = "".join(blocks) + '<w:sectPr><w:pgSz w:w="11906"/><w:pgMar w:top="1440"/><w:cols w:space="425"/></w:sectPr>'
    stripped, plain = _read_both(_docx(_document(body)), monkeypatch)
    assert stripped == plain


def test_every_fixture_docx_reads_the_same_with_and_without_stripping(monkeypatch):
    paths = sorted((ROOT / "fixtures").rglob("*.docx"))
    assert paths
    for path in paths:
        stripped, plain = _read_both(path.read_bytes(), monkeypatch)
        assert stripped == plain, path


_BIG = _PIECES[0] * 200


@pytest.mark.parametrize(
    "document",
    [
        _document(f"<w:p>{_BIG}</w:p>"),
        _document(f"<w:p><w:r><w:t>a<w:b/>b</w:t></w:r>{_BIG}</w:p>"),  # markup inside w:t
        _document(f"<w:p><w:r><w:t><![CDATA[<w:b/>]]></w:t></w:r>{_BIG}</w:p>"),
        _document(f"<!-- <w:b/> --><w:p>{_BIG}</w:p>"),
        _document(f"<w:p><m:oMath><m:r><m:t>x</m:t></m:r></m:oMath>{_BIG}</w:p>"),
        _document(f'<w:p xmlns:w="urn:other">{_BIG}</w:p>'),  # the prefix rebound
        _document(f"<w:p>{_BIG}</w:p>").replace('encoding="UTF-8"', 'encoding="GBK"'),
    ],
)
def test_strip_only_when_it_is_exact(document):
    got = docx_reader._strip_formatting(document.encode("utf-8"))
    if document == _document(f"<w:p>{_BIG}</w:p>"):
        assert got is not None and b"rFonts" not in got and b"<w:t>" in got
    else:
        assert got is None


def test_a_slim_tree_near_the_depth_limit_is_parsed_from_the_original(monkeypatch):
    # 110 nested content controls (~225 elements deep): within libxml2's limit of 256 either
    # way, but deep enough that the reader must not trust the slim parse and reads the original.
    deep = "<w:sdt><w:sdtContent>" * 110 + f"<w:p>{_BIG}</w:p>" + "</w:sdtContent></w:sdt>" * 110
    data = _docx(_document(deep))
    calls = []
    real = docx_reader.parse_xml

    def spy(blob, part, parser=None):
        calls.append(len(blob))
        return real(blob, part, parser)

    monkeypatch.setattr(docx_reader, "parse_xml", spy)
    doc = docx_reader.read_docx("t.docx", data, Limits())
    assert doc.blocks
    raw_len = len(_document(deep).encode("utf-8"))
    assert raw_len in calls and min(calls) < raw_len  # slim parsed first, then the original
