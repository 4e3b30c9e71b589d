"""C: contact details — present when the profile expects them, well formed, and consistent.

One pass over the document (``scan``) finds every phone/fax number, e-mail, postcode, web
address and postal address; the rules read that result, cached on the context.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from report_lint.checks.registry import Rule
from report_lint.text.contacts import KIND_EN, KIND_ZH, Contact, find_contacts
from report_lint.model.findings import Edit, Location


@dataclass
class ContactMention:
    block: int
    contact: Contact
    text: str
    row: Optional[int] = None
    col: Optional[int] = None


def scan(ctx) -> list[ContactMention]:
    """Every contact detail in the report, shared by the C rules."""
    return ctx.shared(_scan)


def _scan(ctx) -> list[ContactMention]:
    return [ContactMention(block, c, text, row, col) for block, text, row, col in ctx.texts for c in find_contacts(text)]


def _loc(m: ContactMention) -> Location:
    if m.row is None:
        return Location(block=m.block, start=m.contact.start, end=m.contact.end)
    return Location(block=m.block, table=m.block, row=m.row, col=m.col)


def _place(ctx, m: ContactMention, lang: str) -> str:
    """Where a mention is, in words that do not depend on block numbering (which differs between
    a .txt and a .docx of the same report): its section, or the opening before the first section."""
    sec = ctx.section_path(m.block)
    if sec == "附件":
        return "附件中" if lang == "zh" else "the attachment"
    if sec:
        return Location(section=sec).describe(lang)
    first = ctx.outline.sections[0].heading.block if ctx.outline.sections else None
    if first is None or m.block < first:
        return "报告开头" if lang == "zh" else "the opening"
    return "报告结尾" if lang == "zh" else "the closing part"


def _around(text: str, start: int, end: int, width: int = 24) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    return ("…" if a else "") + text[a:b].replace("\n", " ") + ("…" if b < len(text) else "")


def _malformed(rule: Rule, ctx, kinds: tuple[str, ...], edit_for=None):
    """The rule's ``malformed`` message for each contact of ``kinds`` with problems."""
    for m in scan(ctx):
        c = m.contact
        if c.kind not in kinds or not c.problems:
            continue
        shown = c.value or c.label
        why_zh = "；".join(p["zh"] for p in c.problems)
        why_en = "; ".join(p["en"] for p in c.problems)
        # The label tells phone from fax; for the other kinds it would only repeat the noun.
        label_zh = f"（{c.label}）" if c.label and c.value and c.kind in ("phone", "fax") else ""
        yield rule.report(
            ctx,
            "malformed",
            _loc(m),
            excerpt=_around(m.text, c.start, c.end),
            shown=shown,
            label_zh=label_zh,
            why_zh=why_zh,
            why_en=why_en,
            edit=edit_for(m) if edit_for is not None else None,
        )


def _fullwidth_at_edit(m: ContactMention) -> Optional[Edit]:
    """The full-width ＠ of an e-mail address made half-width — only when that is all that is
    wrong: the address, so changed, must read as a well-formed e-mail address."""
    c = m.contact
    if m.row is not None:
        return None
    span = m.text[c.start : c.end]
    first, last = span.find("＠"), span.rfind("＠")
    if first < 0:
        return None
    fixed = m.text[: c.start] + span.replace("＠", "@") + m.text[c.end :]
    again = [x for x in find_contacts(fixed) if x.kind == "email" and x.start <= c.start + first < x.end]
    if len(again) != 1 or again[0].problems:
        return None
    old = span[first : last + 1]
    return Edit(m.block, c.start + first, c.start + last + 1, old, old.replace("＠", "@"))


class ContactMissing(Rule):
    code = "C001"
    name = "contact-missing"
    severity = "warning"
    summary = {"zh": "缺少格式要求的联系方式", "en": "a contact detail the profile expects is missing"}
    doc = {
        "zh": "格式配置 [contact] expected 列出报告应当提供的联系方式（phone 电话、fax 传真、email 电子邮箱、postcode 邮编、"
        "url 网址、address 地址），报告中一处也找不到时提示。全国统一格式并不要求联系方式（formats.md §2.7、§5），"
        "因此只在配置要求时检查，且为警告。",
        "en": "The profile's [contact] expected lists the contact details a report should give (phone, fax, email, "
        "postcode, url, address); fires when one appears nowhere in the report. The national formats do not require "
        "contact details (formats.md §2.7, §5), so this runs only when the profile asks and is a warning.",
    }
    bad = "如有疑问，请与本局办公室联系。"
    good = "如有疑问，请与本局办公室联系（电话：0952-2020515）。"
    example_args = ("--profile", "seed-2018")
    messages = {
        "missing": {
            "zh": "报告中没有找到{kind_zh}",
            "en": "the report gives no {kind_en}",
            "fix_zh": "在报告开头或结尾写明{kind_zh}，方便公众咨询",
            "fix_en": "give the {kind_en} at the start or end of the report so the public can ask questions",
        }
    }

    def check(self, ctx):
        expected = [k for k in ctx.profile.params.contact.expected if k in KIND_ZH]
        if not expected:
            return
        found: set[str] = set()
        for m in scan(ctx):
            found.update(m.contact.kinds)
        for k in expected:
            if k in found:
                continue
            yield self.report(
                ctx,
                "missing",
                Location(block=ctx.outline.title) if ctx.outline.title is not None else Location(),
                numbers={"kind": k},
                kind_zh=KIND_ZH[k],
                kind_en=KIND_EN[k],
            )


class PhoneMalformed(Rule):
    code = "C002"
    name = "phone-malformed"
    severity = "warning"
    summary = {"zh": "电话/传真号码格式不正确", "en": "a phone or fax number is malformed"}
    doc = {
        "zh": "“电话”“传真”“联系电话”等标签后的号码不合格式：区号应为0加2～3位数字，区号后的号码应为7～8位，"
        "手机号码为11位（1开头，第二位3～9），以1开头的短号为3～6位服务号码（如12345）。"
        "破折号、全角连字符、括号区号（“0952—2020515”“(0952)2020515”）和同一标签后的多个号码"
        "（“0952-2035360 2012675”）都是正常写法，不提示；不带区号的7～8位本地号码也不提示。",
        "en": "A number after 电话/传真/联系电话 does not have a valid shape: the area code is 0 plus 2–3 digits, the number "
        "after it has 7–8 digits, a mobile number has 11 digits (1, then 3–9), a short number starting with 1 is a 3–6-digit "
        "service line (12345). Dashes of any kind, full-width hyphens, a bracketed area code and several numbers after one "
        "label are ordinary typography and do not fire; nor does a 7–8-digit local number without an area code.",
    }
    bad = "联系电话：0952-202051"
    good = "联系电话：0952—2020515"

    messages = {
        "malformed": {
            "zh": "号码“{shown}”{label_zh}格式不正确：{why_zh}",
            "en": 'the number "{shown}" is malformed: {why_en}',
            "fix_zh": "核对号码位数和区号",
            "fix_en": "check the digits and the area code",
        }
    }

    def check(self, ctx):
        yield from _malformed(self, ctx, ("phone", "fax"))


class EmailMalformed(Rule):
    code = "C003"
    name = "email-malformed"
    severity = "warning"
    summary = {"zh": "电子邮箱地址格式不正确", "en": "an e-mail address is malformed"}
    doc = {
        "zh": "电子邮箱地址不合格式：缺少“@”或域名后缀（如“sfj2675@163”）、用了全角“＠”、域名中用了中文句号“。”等。",
        "en": 'An e-mail address is malformed: no @ or no domain suffix ("sfj2675@163"), a full-width ＠, a Chinese '
        "full stop inside the domain, and similar.",
    }
    bad = "电子邮箱：sfj2675@163"
    good = "电子邮箱：sfj2675@163.com"
    fix = {
        "zh": "地址中只有全角“＠”一处错误时，改为半角“@”",
        "en": "a full-width ＠ that is the only thing wrong with the address becomes a half-width @",
    }

    messages = {
        "malformed": {
            "zh": "电子邮箱“{shown}”{label_zh}格式不正确：{why_zh}",
            "en": 'the e-mail address "{shown}" is malformed: {why_en}',
            "fix_zh": "改为完整的半角邮箱地址，如 name@163.com",
            "fix_en": "write the full address in half-width characters, e.g. name@163.com",
        }
    }

    def check(self, ctx):
        yield from _malformed(self, ctx, ("email",), edit_for=_fullwidth_at_edit)


class PostcodeMalformed(Rule):
    code = "C004"
    name = "postcode-malformed"
    severity = "warning"
    summary = {"zh": "邮政编码不是6位数字", "en": "a postcode is not 6 digits"}
    doc = {
        "zh": "“邮编”“邮政编码”后的号码应为6位数字；位数不对或留空时提示。",
        "en": "The number after 邮编/邮政编码 must have 6 digits; fires when it has another length or is blank.",
    }
    bad = "邮编：75000"
    good = "邮编：753000"

    messages = {
        "malformed": {
            "zh": "邮政编码“{shown}”{label_zh}格式不正确：{why_zh}",
            "en": 'the postcode "{shown}" is malformed: {why_en}',
            "fix_zh": "改为6位邮政编码",
            "fix_en": "write the 6-digit postcode",
        }
    }

    def check(self, ctx):
        yield from _malformed(self, ctx, ("postcode",))


class UrlMalformed(Rule):
    code = "C005"
    name = "url-malformed"
    severity = "warning"
    summary = {"zh": "网址格式不正确", "en": "a web address is malformed"}
    doc = {
        "zh": "网址不合格式，读者照抄无法打开：缺少冒号（“http//”）、用了全角冒号、斜杠数不对、网址中有空格、"
        "域名中用了中文句号“。”或全角点、域名不完整等。",
        "en": 'A web address that cannot be opened as written: no colon ("http//"), a full-width colon, the wrong number '
        "of slashes, a space inside, a Chinese full stop or full-width dot in the domain, an incomplete domain.",
    }
    bad = "本报告电子版可在本局网站（http//www.example.gov.cn）下载。"
    good = "本报告电子版可在本局网站（http://www.example.gov.cn）下载。"

    messages = {
        "malformed": {
            "zh": "网址“{shown}”{label_zh}格式不正确：{why_zh}",
            "en": 'the web address "{shown}" is malformed: {why_en}',
            "fix_zh": "改为完整、半角、无空格的网址，如 http://www.example.gov.cn",
            "fix_en": "write the full address in half-width characters without spaces, e.g. http://www.example.gov.cn",
        }
    }

    def check(self, ctx):
        yield from _malformed(self, ctx, ("url",))


class ContactInconsistent(Rule):
    code = "C006"
    name = "contact-inconsistent"
    severity = "warning"
    summary = {"zh": "同一联系方式前后写法不一致", "en": "the same contact detail is given differently in two places"}
    doc = {
        "zh": "本机关网站（标为“官方网站”“网址”等，或在“电子版可在…下载/查阅”一句中）在两处给出不同的域名，"
        "或标注的电子邮箱在两处不同。同一句中并列的多个网址、多个邮箱视为有意列出，不提示。"
        "电话号码不比较：机关常列出多条线路，一处写“传真”另一处写“电话”也是正常的。",
        "en": 'The agency\'s own website (labelled 官方网站/网址…, or in the "电子版可在…下载/查阅" sentence) is given with '
        "different domains in two places, or the labelled e-mail address differs between two places. Several sites or "
        "addresses listed in one sentence are deliberate and do not fire. Phone numbers are not compared: agencies list "
        "several lines, and one number labelled 传真 here and 电话 there is normal.",
    }
    bad = "本报告电子版可在本局网站（http://sfj.shizuishan.gov.cn）下载。\n……\n官方网站：http://szssfj.nxszs.gov.cn/"
    good = "本报告电子版可在本局网站（http://sfj.shizuishan.gov.cn）下载。\n……\n官方网站：http://sfj.shizuishan.gov.cn/"

    messages = {
        "url": {
            "zh": "本机关网站地址前后不一致：{pa_zh}为“{a}”，{pb_zh}为“{b}”",
            "en": 'the agency\'s website address differs: "{a}" in {pa_en}, "{b}" in {pb_en}',
            "fix_zh": "核对后统一为正确的地址",
            "fix_en": "check which is right and use it in both places",
        },
        "email": {
            "zh": "电子邮箱前后不一致：{pa_zh}为“{a}”，{pb_zh}为“{b}”",
            "en": 'the e-mail address differs: "{a}" in {pa_en}, "{b}" in {pb_en}',
            "fix_zh": "核对后统一为正确的地址",
            "fix_en": "check which is right and use it in both places",
        },
    }

    def check(self, ctx):
        mentions = scan(ctx)
        sites = [m for m in mentions if m.contact.kind == "url" and m.contact.own_site and not m.contact.problems and m.contact.normalized]
        yield from self._compare(ctx, sites, "url")
        mails = [m for m in mentions if m.contact.kind == "email" and m.contact.label and not m.contact.problems and m.contact.normalized]
        yield from self._compare(ctx, mails, "email")

    def _compare(self, ctx, items: list[ContactMention], kind: str):
        if len(items) < 2:
            return
        first = items[0]
        reported = {first.contact.normalized}
        for m in items[1:]:
            v = m.contact.normalized
            if v in reported:
                continue
            if m.block == first.block and m.row == first.row and m.col == first.col and m.contact.sentence == first.contact.sentence:
                reported.add(v)  # listed together on purpose
                continue
            reported.add(v)
            a, b = first.contact.value.strip(), m.contact.value.strip()
            pa_zh, pb_zh, pa_en, pb_en = _place(ctx, first, "zh"), _place(ctx, m, "zh"), _place(ctx, first, "en"), _place(ctx, m, "en")
            if pa_zh == pb_zh:
                pa_zh, pb_zh, pa_en, pb_en = pa_zh + "前文", pb_zh + "后文", "earlier in " + pa_en, "later in " + pb_en
            yield self.report(
                ctx,
                kind,
                _loc(m),
                excerpt=_around(m.text, m.contact.start, m.contact.end),
                numbers={"kind": kind, "first": a, "second": b, "first_block": first.block},
                a=a,
                b=b,
                pa_zh=pa_zh,
                pb_zh=pb_zh,
                pa_en=pa_en,
                pb_en=pb_en,
            )
