import time

import pytest

from report_lint.text.contacts import classify_phone, find_contacts

# Lines of the seed report (/work/shared/seed/000_69bd6c6401fe330c.txt).
SEED_PREAMBLE = (
    "本报告电子版可在“石嘴山市司法局”网（<http://sfj.shizuishan.gov.cn>）查阅或下载。如有疑问或意见建议，"
    "可直接与石嘴山市司法局联系（电话：0952—2020515；传真：0952—2012675；电子邮箱：sfj2675@163.com）。"
)
SEED_BLOCK = ["官方网站: <http://szssfj.nxszs.gov.cn/>", " 联系方式: 电话: 0952-2035360 2012675", "联系电话：0952-2012675"]
# Pingtan 2011 report (/work/shared/corpus/text/001.txt).
PINGTAN = "联系（地址：平潭综合实验区管委会办公室；邮编：350400；电话：24336243；传真：24336410；电子邮箱：24336243@163.com）"


def by_kind(cs, kind):
    return [c for c in cs if c.kind == kind]


def test_seed_preamble():
    cs = find_contacts(SEED_PREAMBLE)
    assert [(c.kind, c.label, c.value) for c in cs] == [
        ("url", "", "http://sfj.shizuishan.gov.cn"),
        ("phone", "电话", "0952—2020515"),
        ("fax", "传真", "0952—2012675"),
        ("email", "电子邮箱", "sfj2675@163.com"),
    ]
    assert all(not c.problems for c in cs)
    assert cs[1].normalized == "0952-2020515"
    assert cs[0].own_site and cs[0].normalized == "sfj.shizuishan.gov.cn"
    for c in cs:
        assert SEED_PREAMBLE[c.start : c.end] == c.value


def test_seed_block_two_numbers_after_one_label():
    cs = find_contacts(SEED_BLOCK[1])
    assert [(c.kind, c.normalized, c.subtype) for c in cs] == [("phone", "0952-2035360", "fixed"), ("phone", "2012675", "local")]
    assert all(not c.problems for c in cs)
    site = find_contacts(SEED_BLOCK[0])[0]
    assert site.own_site and site.normalized == "szssfj.nxszs.gov.cn" and not site.problems


def test_pingtan_line():
    cs = find_contacts(PINGTAN)
    assert [c.kind for c in cs] == ["address", "postcode", "phone", "fax", "email"]
    assert all(not c.problems for c in cs)
    # the e-mail's user part is digits; it is not an extra phone number
    assert len([c for c in cs if c.kind in ("phone", "fax")]) == 2


@pytest.mark.parametrize(
    "number",
    [
        "0952-2020515",
        "0952—2020515",
        "0952–2020515",
        "0952－2020515",
        "0952——2020515",
        "(0952)2020515",
        "（0952）2020515",
        "0591-23165370",
        "24336243",
        "2020515",
        "13912345678",
        "139-1234-5678",
        "139 1234 5678",
        "0952 2020515",
        "12345",
        "0591-12345",
        "400-123-4567",
        "09522020515",
        "0952-2020515转8001",
    ],
)
def test_well_formed_numbers(number):
    cs = find_contacts(f"联系电话：{number}。")
    assert len(cs) == 1, [c.value for c in cs]
    assert cs[0].problems == [] and cs[0].value == number


@pytest.mark.parametrize(
    "number, why",
    [
        ("0952-202051", "应为7～8位"),
        ("0952-202051555", "应为7～8位"),
        ("952-2020515", "应以0开头"),
        ("09521-2020515", "0加2～3位"),
        ("1391234567", "11位手机号码"),
        ("12912345678", "第二位应为3～9"),
        ("095220205", "共10～12位"),
        ("243362431", "应为7～8位"),
    ],
)
def test_malformed_numbers(number, why):
    cs = find_contacts(f"电话：{number}；")
    assert len(cs) == 1
    assert any(why in p["zh"] for p in cs[0].problems), cs[0].problems
    assert cs[0].value == number


def test_label_decides_fax_or_phone():
    cs = find_contacts("电话：0591-23165250；传真：0591-23165251；电话/传真：0591-23165370；手机：13912345678")
    assert [c.kinds for c in cs] == [("phone",), ("fax",), ("phone", "fax"), ("phone",)]


@pytest.mark.parametrize(
    "text",
    ["电话咨询3200人次，占65.31%", "通过热线电话11通", "2.传真申请数条003.电子邮件申请数条00", "公布值班电话", "电话：2018年开通"],
)
def test_counts_next_to_phone_words_are_not_numbers(text):
    assert by_kind(find_contacts(text), "phone") == [] and by_kind(find_contacts(text), "fax") == []


def test_unlabelled_numbers_with_area_code_or_mobile():
    cs = find_contacts("请拨打0952-2020515或13912345678咨询")
    assert [c.normalized for c in cs] == ["0952-2020515", "13912345678"]


def test_blank_after_label():
    cs = find_contacts("电话：；邮编：；电子邮箱：。")
    assert [c.kind for c in cs] == ["phone", "postcode", "email"]
    assert all(c.problems for c in cs)


@pytest.mark.parametrize(
    "value, why",
    [
        ("sfj2675@163", "不完整"),
        ("sfj2675#163.com", "缺少“@”"),
        ("sfj2675＠163.com", "全角"),
        ("abc@163。com", "中文句号"),
        ("24336243", "缺少“@”"),
        ("a..b@163.com", "用户名"),
    ],
)
def test_malformed_email(value, why):
    cs = by_kind(find_contacts(f"电子邮箱：{value}；"), "email")
    assert len(cs) == 1 and any(why in p["zh"] for p in cs[0].problems), cs[0].problems


def test_good_email_unlabelled_and_trailing_full_stop():
    cs = find_contacts("来信请寄 pzxxgkb@163.com。")
    assert [(c.kind, c.value, c.problems) for c in cs] == [("email", "pzxxgkb@163.com", [])]


@pytest.mark.parametrize(
    "text, ok", [("邮编：350400；", True), ("邮政编码：753000", True), ("邮编：75000；", False), ("邮编：3504001", False)]
)
def test_postcode(text, ok):
    cs = by_kind(find_contacts(text), "postcode")
    assert len(cs) == 1 and (not cs[0].problems) == ok
    if not ok:
        assert "6位" in cs[0].problems[0]["zh"]


@pytest.mark.parametrize(
    "text, host",
    [
        ("门户网站（www.pingtan.gov.cn）下载", "pingtan.gov.cn"),
        ("网站（http://www.pingtan.gov.cn）下载", "pingtan.gov.cn"),
        ("科委网站（https://stcsm.sh.gov.cn）下载", "stcsm.sh.gov.cn"),
        ("本局网站（sfj.shizuishan.gov.cn）查阅", "sfj.shizuishan.gov.cn"),
        ("网址：<http://a.gov.cn/zwgk/index.html>。", "a.gov.cn"),
    ],
)
def test_good_urls(text, host):
    cs = by_kind(find_contacts(text), "url")
    assert len(cs) == 1 and cs[0].normalized == host and cs[0].problems == []


@pytest.mark.parametrize(
    "url, why",
    [
        ("http//www.a.gov.cn", "缺少冒号"),
        ("http：//www.a.gov.cn", "全角冒号"),
        ("http:/www.a.gov.cn", "两个斜杠"),
        ("http:// www.a.gov.cn", "空格"),
        ("http://www.a。gov.cn", "中文句号"),
        ("htp://www.a.gov.cn", "拼写错误"),
        ("http://www.a.gov .cn", "空格"),
    ],
)
def test_malformed_urls(url, why):
    cs = by_kind(find_contacts(f"网址：{url}，欢迎访问"), "url")
    assert len(cs) == 1 and any(why in p["zh"] for p in cs[0].problems), (cs[0].value, cs[0].problems)


def test_own_site_needs_a_label_or_the_download_sentence():
    other = by_kind(find_contacts("转载了中国政府网（www.gov.cn）的文件。"), "url")
    assert len(other) == 1 and not other[0].own_site


def test_empty_and_random_text():
    assert find_contacts("") == []
    assert find_contacts("随便一段没有联系方式的文字，123，abc。") == []


def test_linear_time_on_hostile_text():
    text = ("电话：" + "0" * 50 + "-") * 2000 + ("a" * 5000 + "@") * 20 + ("http://" + "a." * 3000) + "（" + "a" * 10000
    t = time.perf_counter()
    find_contacts(text)
    assert time.perf_counter() - t < 2.0


def test_classify_phone_unit():
    assert classify_phone("0952-2020515")[0:2] == ("fixed", "0952-2020515")
    assert classify_phone("13912345678")[0] == "mobile"
    assert classify_phone("abc")[0] == "unknown"
