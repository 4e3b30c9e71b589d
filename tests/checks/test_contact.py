"""C rules, on paragraphs built from the seed's lines and on small hand-made fixtures."""

from __future__ import annotations

import pytest

from report_lint.checks.contact import ContactInconsistent, ContactMissing, EmailMalformed, PhoneMalformed, PostcodeMalformed, UrlMalformed
from report_lint.facts.context import LintContext, Options
from report_lint.model.document import Cell, DocumentBuilder
from report_lint.outline.build import Outline
from report_lint.profiles.load import Profile, get_profile

from lintutil import FIXTURES, context_for

ALL = (ContactMissing, PhoneMalformed, EmailMalformed, PostcodeMalformed, UrlMalformed, ContactInconsistent)

# Lines of the seed report (/work/shared/seed/000_69bd6c6401fe330c.txt).
SEED_PREAMBLE = (
    "本报告由石嘴山市司法局编制而成。本报告电子版可在“石嘴山市司法局”网（<http://sfj.shizuishan.gov.cn>）查阅或下载。"
    "如有疑问或意见建议，可直接与石嘴山市司法局联系（电话：0952—2020515；传真：0952—2012675；电子邮箱：sfj2675@163.com）。"
)
SEED_SITE = "官方网站: <http://szssfj.nxszs.gov.cn/>"
SEED_PHONES = " 联系方式: 电话: 0952-2035360 2012675"
SEED_LAST = "联系电话：0952-2012675"


def make_ctx(paras, profile="seed-2018", tables=(), expected=None):
    b = DocumentBuilder("t.txt", "txt")
    for i, t in enumerate(paras):
        b.paragraph(t, line=i + 1)
    for rows in tables:
        cells = [Cell(row=r, col=c, text=v) for r, row in enumerate(rows) for c, v in enumerate(row)]
        b.table(len(rows), max(len(r) for r in rows), cells)
    prof = get_profile(profile)
    if expected is not None:
        prof = Profile(name="t", title={"zh": "t", "en": "t"}, contact={"expected": expected})
    outline = Outline(title=0 if paras else None, title_text=paras[0] if paras else "")
    return LintContext(b.doc, outline, prof, 2018, Options())


def run(rule, ctx):
    return list(rule().check(ctx))


SEED_PARAS = [
    "石嘴山市司法局 2018 年 政府信息公开工作年度报告",
    SEED_PREAMBLE,
    "一、总体公开工作情况概述",
    "正文。",
    SEED_SITE,
    SEED_PHONES,
    SEED_LAST,
]


# -- C001 ---------------------------------------------------------------------------------------


def test_c001_missing_phone_when_expected():
    ctx = make_ctx(["某某局2018年报告", "如有疑问，请与本局办公室联系。"])
    found = run(ContactMissing, ctx)
    assert len(found) == 1 and found[0].severity == "warning" and "联系电话" in found[0].message["zh"]
    assert found[0].numbers["kind"] == "phone"


def test_c001_silent_when_present_or_not_expected():
    assert run(ContactMissing, make_ctx(SEED_PARAS)) == []
    assert run(ContactMissing, make_ctx(["某某局2018年报告", "无联系方式。"], profile="base-2008")) == []


def test_c001_several_kinds():
    ctx = make_ctx(["某某局报告", "电话：0952-2020515"], expected=["phone", "email", "postcode", "nonsense"])
    assert sorted(f.numbers["kind"] for f in run(ContactMissing, ctx)) == ["email", "postcode"]
    # 电话/传真 counts as both
    ctx = make_ctx(["某某局报告", "电话/传真：0591-23165370"], expected=["phone", "fax"])
    assert run(ContactMissing, ctx) == []


# -- C002–C005 ----------------------------------------------------------------------------------


def test_c002_bad_phone():
    found = run(PhoneMalformed, make_ctx(["某某局报告", "联系电话：0952-202051；传真：0952-2020515。"]))
    assert len(found) == 1
    f = found[0]
    assert f.severity == "warning" and "0952-202051" in f.message["zh"] and "7～8位" in f.message["zh"]
    assert (f.location.block, f.location.start, f.location.end) == (1, 5, 16)


def test_c002_seed_typography_is_fine():
    # em dash (preamble) and two numbers after one label (later block)
    assert run(PhoneMalformed, make_ctx(SEED_PARAS)) == []


def test_c002_in_a_table_cell():
    found = run(PhoneMalformed, make_ctx(["报告"], tables=[[["联系电话", "电话：952-2020515"]]]))
    assert len(found) == 1 and found[0].location.table == 1 and found[0].location.col == 1


def test_c003_bad_email():
    found = run(EmailMalformed, make_ctx(["报告", "电子邮箱：sfj2675@163；"]))
    assert len(found) == 1 and found[0].severity == "warning" and "sfj2675@163" in found[0].message["zh"]
    assert run(EmailMalformed, make_ctx(SEED_PARAS)) == []


def test_c004_bad_postcode():
    found = run(PostcodeMalformed, make_ctx(["报告", "地址：某某路1号；邮编：75300；电话：0952-2020515"]))
    assert len(found) == 1 and "6位" in found[0].message["zh"] and "75300" in found[0].message["zh"]
    assert run(PostcodeMalformed, make_ctx(["报告", "邮编：753000"])) == []


@pytest.mark.parametrize(
    "url", ["http//www.example.gov.cn", "http：//www.example.gov.cn", "http://www.example。gov.cn", "http:// www.example.gov.cn"]
)
def test_c005_bad_url(url):
    found = run(UrlMalformed, make_ctx(["报告", f"本报告电子版可在本局网站（{url}）下载。"]))
    assert len(found) == 1 and found[0].severity == "warning" and found[0].code == "C005"


def test_c005_good_urls_are_silent():
    assert run(UrlMalformed, make_ctx(SEED_PARAS)) == []
    assert run(UrlMalformed, make_ctx(["报告", "门户网站（www.pingtan.gov.cn）的“政府信息公开专栏”中下载"])) == []


# -- C006 ---------------------------------------------------------------------------------------


def test_c006_seed_two_websites():
    found = run(ContactInconsistent, make_ctx(SEED_PARAS))
    assert len(found) == 1
    f = found[0]
    assert f.severity == "warning" and f.location.block == 4
    assert "http://sfj.shizuishan.gov.cn" in f.message["zh"] and "http://szssfj.nxszs.gov.cn/" in f.message["zh"]
    # places in words, not block numbers (which differ between a .txt and a .docx of the report)
    assert "报告开头" in f.message["zh"] and "段落" not in f.message["zh"]
    assert f.numbers["first_block"] == 1


def test_c006_same_site_twice_is_fine():
    paras = list(SEED_PARAS)
    paras[4] = "官方网站: <http://sfj.shizuishan.gov.cn/>"
    assert run(ContactInconsistent, make_ctx(paras)) == []
    paras[4] = "官方网站: <http://www.sfj.shizuishan.gov.cn/index.html>"
    assert run(ContactInconsistent, make_ctx(paras)) == []


def test_c006_sites_listed_together_are_fine():
    text = "本报告电子版可在本局网站（www.a.gov.cn）和市政府门户网站（www.b.gov.cn）下载。"
    assert run(ContactInconsistent, make_ctx(["报告", text])) == []


def test_c006_other_sites_mentioned_in_passing_are_not_compared():
    paras = ["报告", SEED_PREAMBLE, "转载中国政府网（www.gov.cn）发布的政策解读。"]
    assert run(ContactInconsistent, make_ctx(paras)) == []


def test_c006_two_different_emails():
    found = run(ContactInconsistent, make_ctx(["报告", "电子邮箱：a@163.com。", "正文。", "邮箱：b@163.com"]))
    assert len(found) == 1 and "a@163.com" in found[0].message["zh"] and "b@163.com" in found[0].message["zh"]


def test_c006_different_phones_and_fax_labels_are_not_flagged():
    paras = ["报告", "电话：0952-2020515；传真：0952-2012675。", "联系电话：0952-2035360", "电话：0952-2012675"]
    assert run(ContactInconsistent, make_ctx(paras)) == []


# -- whole documents ----------------------------------------------------------------------------


def test_seed_end_to_end():
    text = (FIXTURES / "seed" / "seed.txt").read_text(encoding="utf-8")
    ctx = context_for(text, "seed-2018", 2018)
    found = [f for rule in ALL for f in run(rule, ctx)]
    assert [f.severity for f in found if f.severity == "error"] == []
    assert [f.code for f in found] == ["C006"]
    assert "sfj.shizuishan.gov.cn" in found[0].message["zh"] and "szssfj.nxszs.gov.cn" in found[0].message["zh"]


@pytest.mark.parametrize("paras", [[], [""], ["随便一段文字 ### 123 @@@ http:// www. 电话：", "邮编：", "（.cn）"]])
def test_odd_input_never_raises(paras):
    ctx = make_ctx(paras, tables=[[[""]]])
    for rule in ALL:
        list(rule().check(ctx))
