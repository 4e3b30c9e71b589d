"""Contact details in report text: phone and fax numbers, e-mail, postcode, web addresses, address.

``find_contacts(text)`` returns every mention with its character span, what kind it is,
the number/address normalised, and ``problems`` (reasons it is malformed, {'zh','en'} each).

Typographic variants a drafter uses on purpose are not problems: an em dash, en dash or
full-width hyphen between area code and number ("0952—2020515"), a parenthesised area code
("(0952)2020515"), several numbers after one label ("0952-2035360 2012675": the second is a
local number in the same area), local numbers without an area code ("24336243").

All patterns are compiled once and flat (no nested quantifiers).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from report_lint.text.normalize import digits_to_ascii
from report_lint.text.units import NOT_PHONE_AFTER

KIND_ZH = {"phone": "联系电话", "fax": "传真号码", "email": "电子邮箱", "postcode": "邮政编码", "url": "网站地址", "address": "通讯地址"}
KIND_EN = {
    "phone": "phone number",
    "fax": "fax number",
    "email": "e-mail address",
    "postcode": "postcode",
    "url": "website address",
    "address": "postal address",
}
KINDS = tuple(KIND_ZH)

_DASH = "\\-—–－‐―﹣"

# ---------------------------------------------------------------------------------------------
# Phones

_PHONE_LABEL_RE = re.compile(
    r"(?:(?:联系|咨询|办公|监督|投诉|举报|值班|服务|受理|热线|办事)?(?P<w>电话|传真|手机)(?:号码)?"
    r"(?:\s{0,2}[/／、及和或]\s{0,2}(?P<w2>电话|传真)(?:号码)?|[（(](?P<w3>电话|传真)[)）])?"
    r"|(?<![A-Za-z])(?P<lat>[Tt][Ee][Ll]|[Ff][Aa][Xx]|[Pp]hone)(?![A-Za-z]))"
    r"\.?\s{0,2}(?:[：:]|为|是)?\s{0,2}"
)
_NUM_RUN_RE = re.compile(rf"[（(]?\d[\d \t\u3000\xa0{_DASH}()（）、,，/／或转]{{0,80}}")
_TOKEN_RE = re.compile(r"[^\s\u3000\xa0、,，/／或]+")
_DASH_SPLIT_RE = re.compile(rf"[{_DASH}]{{1,2}}")
_PAREN_AREA_RE = re.compile(rf"[（(](?P<a>\d+)[)）][{_DASH}\s]{{0,2}}(?P<rest>.+)")
_AREA_ONLY_RE = re.compile(rf"[（(]?0\d{{2,3}}[)）]?[{_DASH}]{{0,2}}")
_SEPARATOR_AFTER_LABEL = set("；;，,。）)、")

_UNLABELLED_PHONE_RE = re.compile(
    rf"(?<![\dA-Za-z.{_DASH}])(?:[（(]0\d{{2,3}}[)）]\s?|0\d{{2,3}}[{_DASH}]{{1,2}})\d{{7,8}}(?![\d])"
    r"|(?<![\dA-Za-z.])1[3-9]\d{9}(?![\d])"
)

# ---------------------------------------------------------------------------------------------
# E-mail, postcode, address

_EMAIL_LABEL_RE = re.compile(r"(?:电子邮箱|电子邮件|电子信箱|邮箱地址|邮箱|(?<![A-Za-z])[Ee]-?[Mm]ail(?![A-Za-z]))\s{0,2}[：:]\s{0,2}")
_EMAIL_VALUE_RE = re.compile(r"[A-Za-z0-9._%+\-@＠。．#]{1,120}")
_EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,64}[@＠][A-Za-z0-9\-.．。]{1,255}")
_EMAIL_LOCAL_RE = re.compile(r"[A-Za-z0-9._%+\-]+")
_DOMAIN_LABEL_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?")
_TLD_RE = re.compile(r"[A-Za-z]{2,24}")

_POST_LABEL_RE = re.compile(r"(?:邮政编码|邮编)\s{0,2}[：:]?\s{0,2}")
_POST_SPLIT_RE = re.compile(r"\d{3}[ \-]\d{3}(?!\d)")
_POST_VALUE_RE = re.compile(r"\d{1,12}")

_ADDRESS_LABEL_RE = re.compile(r"(?:通讯|通信|联系|办公|单位)?(?<![站页箱络])地址\s{0,2}[：:]\s{0,2}")

# ---------------------------------------------------------------------------------------------
# URLs

_URL_BODY = r"[A-Za-z0-9\-._~%/?#=&+:@．。]{0,200}"
_SCHEME_URL_RE = re.compile(
    r"(?<![A-Za-z])(?P<scheme>[Hh][TtPp]{2,4}[Ss]?)(?P<sep>[ \t]?[:：]?[ \t]?/{1,3}[ \t]?|[ \t]?[:：][ \t]?)"
    rf"(?P<body>[A-Za-z0-9]{_URL_BODY})"
)
_WWW_RE = re.compile(rf"(?<![A-Za-z0-9.\-/@])(?P<body>[Ww]{{3}}[.．。][A-Za-z0-9]{_URL_BODY})")
_BRACKET_URL_RE = re.compile(r"[（(<]\s{0,2}(?P<body>[A-Za-z0-9][A-Za-z0-9\-._~%/?#=&+:．]{2,200})\s{0,2}[）)>]")
_KNOWN_SUFFIX = (".gov.cn", ".cn", ".com", ".net", ".org", ".edu.cn")
_URL_TRAIL = ".,;:!?。．"
_SPACE_IN_URL_RE = re.compile(r"[ \t\u3000]{1,3}[.．。/][A-Za-z0-9]|[ \t\u3000]{1,3}(?:gov|com|cn|net|org)(?![A-Za-z])")
_OWN_SITE_LABEL_RE = re.compile(r"(?:官方网站|门户网站|政府网站|网站地址|网址|网站|官网)\s{0,2}[：:]\s{0,2}[<（(“\"]?\s{0,2}$")
_OWN_SITE_SENTENCE_RE = re.compile(r"电子版|下载")
_SENTENCE_END_RE = re.compile(r"[。；;！!？?\n]")


@dataclass
class Contact:
    kind: str
    """phone · fax · email · postcode · url · address."""
    start: int
    end: int
    value: str
    """The text as written."""
    label: str = ""
    """The label in front of it ('电话', '电话/传真', '电子邮箱' …); empty when unlabelled."""
    kinds: tuple[str, ...] = ()
    """Every kind the mention stands for ('电话/传真' → phone and fax)."""
    normalized: str = ""
    """Comparable form: digits with one '-' after the area code, lower-case e-mail, URL host."""
    subtype: str = ""
    """Phones: fixed · local · mobile · service · toll-free; URLs: scheme · www · bare."""
    problems: list[dict[str, str]] = field(default_factory=list)
    own_site: bool = False
    """URLs: stated as the report's own website (labelled 官方网站/网址 …, or in the 电子版/下载 sentence)."""
    sentence: tuple[int, int] = (0, 0)
    """Span of the sentence holding the mention (to tell apart 'listed together' from 'stated twice')."""

    @property
    def malformed(self) -> bool:
        return bool(self.problems)

    def __post_init__(self) -> None:
        if not self.kinds:
            self.kinds = (self.kind,)


def _p(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


class _Sentences:
    """Sentence bounds by bisection over the sentence ends, found once per text."""

    def __init__(self, text: str):
        self.n = len(text)
        self.ends = [m.start() for m in _SENTENCE_END_RE.finditer(text)]

    def span(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.ends, start)
        a = self.ends[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(self.ends, end)
        b = self.ends[j] if j < len(self.ends) else self.n
        return (a, b)


# ---------------------------------------------------------------------------------------------


def classify_phone(token: str) -> tuple[str, str, list[dict[str, str]]]:
    """(subtype, normalized, problems) for one number as written after a phone/fax label."""
    t = token
    ext = ""
    if "转" in t:
        t, _, ext = t.partition("转")
    area = None
    m = _PAREN_AREA_RE.fullmatch(t)
    if m:
        area, t = m.group("a"), m.group("rest")
    parts = _DASH_SPLIT_RE.split(t)
    if any(not p.isdigit() for p in parts) or (ext and not ext.isdigit()):
        return ("unknown", token, [])
    digits = "".join(parts)
    problems: list[dict[str, str]] = []
    if area is None and len(parts) >= 2 and parts[0].startswith("1") and len(digits) == 11:
        if not re.fullmatch(r"1[3-9]\d{9}", digits):
            problems.append(_p(f"手机号码“{token}”第二位应为3～9", f"mobile number {token}: the second digit must be 3–9"))
        return ("mobile", digits, problems)
    if area is None and digits[:3] in ("400", "800") and len(digits) == 10:
        return ("toll-free", digits, [])
    if area is None and len(parts) == 1:
        n = len(digits)
        if digits.startswith("1"):
            if n == 11:
                if not re.fullmatch(r"1[3-9]\d{9}", digits):
                    problems.append(_p(f"手机号码“{token}”第二位应为3～9", f"mobile number {token}: the second digit must be 3–9"))
                return ("mobile", digits, problems)
            if 3 <= n <= 6:
                return ("service", digits, [])
            problems.append(
                _p(
                    f"号码“{token}”以1开头，应为11位手机号码或3～6位服务号码（如12345），这里是{n}位",
                    f"number {token} starts with 1, so it should be an 11-digit mobile number or a 3–6-digit service number (such as 12345); it has {n} digits",
                )
            )
            return ("mobile", digits, problems)
        if digits.startswith("0"):
            if 10 <= n <= 12:
                return ("fixed", digits, [])
            problems.append(
                _p(
                    f"号码“{token}”以0开头，应为区号（0加2～3位）加7～8位号码，共10～12位，这里是{n}位",
                    f"number {token} starts with 0, so it should be an area code (0 + 2–3 digits) plus a 7–8-digit number, 10–12 digits in all; it has {n}",
                )
            )
            return ("fixed", digits, problems)
        if 7 <= n <= 8:
            return ("local", digits, [])
        if n <= 4 or (n <= 6 and digits[0] == "9"):
            return ("service", digits, [])
        problems.append(_p(f"号码“{token}”应为7～8位，这里是{n}位", f"number {token} should have 7–8 digits; it has {n}"))
        return ("local", digits, problems)
    # Area code and number (and perhaps an extension).
    if area is None:
        area, local, rest = parts[0], parts[1], parts[2:]
    else:
        local, rest = parts[0], parts[1:]
    if rest:
        ext = ext or rest[0]
        if len(rest) > 1:
            problems.append(_p(f"号码“{token}”分段过多，无法识别", f"number {token} has too many parts to read"))
    if not area.startswith("0"):
        problems.append(_p(f"区号“{area}”应以0开头（如0952）", f"area code {area} must start with 0 (e.g. 0952)"))
    elif not 3 <= len(area) <= 4:
        problems.append(
            _p(
                f"区号“{area}”应为0加2～3位数字，这里是{len(area)}位",
                f"area code {area} should be 0 plus 2–3 digits; it has {len(area)} digits",
            )
        )
    if 3 <= len(local) <= 6 and local[0] in "19" and not problems:
        # "0591-12345": a municipal service line dialled with its area code.
        return ("service", f"{area}-{local}", [])
    if not 7 <= len(local) <= 8:
        problems.append(
            _p(
                f"区号后的号码“{local}”应为7～8位，这里是{len(local)}位",
                f"the number after the area code ({local}) should have 7–8 digits; it has {len(local)}",
            )
        )
    if ext and len(ext) > 6:
        problems.append(_p(f"分机号“{ext}”过长", f"extension {ext} is too long"))
    norm = f"{area}-{local}" + (f"-{ext}" if ext else "")
    return ("fixed", norm, problems)


def _phone_kinds(m: re.Match) -> tuple[str, ...]:
    words = {m.group("w"), m.group("w2"), m.group("w3")}
    lat = (m.group("lat") or "").lower()
    kinds = []
    if "电话" in words or "手机" in words or lat in ("tel", "phone"):
        kinds.append("phone")
    if "传真" in words or lat == "fax":
        kinds.append("fax")
    return tuple(kinds) or ("phone",)


def _labelled_phones(text: str, norm: str, out: list[Contact]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for lab in _PHONE_LABEL_RE.finditer(norm):
        kinds = _phone_kinds(lab)
        label = text[lab.start() : lab.end()].strip().rstrip("：:为是").strip()
        run = _NUM_RUN_RE.match(norm, lab.end())
        if run is None:
            after = norm[lab.end() : lab.end() + 1]
            if norm[lab.start() : lab.end()].rstrip().endswith(("：", ":")) and after in _SEPARATOR_AFTER_LABEL:
                out.append(
                    Contact(
                        kinds[0],
                        lab.start(),
                        lab.end(),
                        "",
                        label=label,
                        kinds=kinds,
                        problems=[_p(f"“{label}”后没有填写号码", f'nothing is filled in after "{label}"')],
                    )
                )
            continue
        run_text = run.group(0)
        # Trailing separators and brackets belong to the sentence, not the number.
        r_end = len(run_text)
        while r_end and not run_text[r_end - 1].isdigit():
            r_end -= 1
        run_text = run_text[:r_end]
        base = run.start()
        toks = [(base + t.start(), base + t.end(), t.group(0)) for t in _TOKEN_RE.finditer(run_text)]
        toks = _merge_tokens(toks)
        for i, (a, b, tok) in enumerate(toks):
            following = norm[b : b + 1]
            if following in NOT_PHONE_AFTER or (following and following.isdigit()):
                break  # "电话咨询3200人次": a count, and nothing after it is a number either
            digits = re.sub(r"\D", "", tok)
            if i > 0 and len(digits) < 7:
                break  # trailing short numbers after a valid one are not phone numbers
            if len(digits) <= 2:
                break
            subtype, normalized, problems = classify_phone(tok)
            if subtype == "unknown":
                continue
            kind = kinds[0]
            out.append(Contact(kind, a, b, text[a:b], label=label, kinds=kinds, normalized=normalized, subtype=subtype, problems=problems))
            spans.append((a, b))
    return spans


def _merge_tokens(toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Rejoin numbers written with spaces: '0952 2020515', '139 1234 5678'."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        a, b, t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt and _AREA_ONLY_RE.fullmatch(t) and nxt[2].isdigit() and 7 <= len(nxt[2]) <= 8:
            out.append((a, nxt[1], t + "-" + nxt[2] if not t.endswith(tuple("-—–－‐―﹣)）")) else t + nxt[2]))
            i += 2
            continue
        if (
            i + 2 < len(toks)
            and re.fullmatch(r"1[3-9]\d", t)
            and re.fullmatch(r"\d{4}", toks[i + 1][2])
            and re.fullmatch(r"\d{4}", toks[i + 2][2])
        ):
            out.append((a, toks[i + 2][1], t + toks[i + 1][2] + toks[i + 2][2]))
            i += 3
            continue
        out.append((a, b, t))
        i += 1
    return out


def _unlabelled_phones(text: str, norm: str, taken: list[tuple[int, int]], out: list[Contact]) -> None:
    for m in _UNLABELLED_PHONE_RE.finditer(norm):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        subtype, normalized, problems = classify_phone(m.group(0).replace(" ", ""))
        out.append(
            Contact("phone", m.start(), m.end(), text[m.start() : m.end()], normalized=normalized, subtype=subtype, problems=problems)
        )


# ---------------------------------------------------------------------------------------------


def check_email(value: str) -> list[dict[str, str]]:
    v = value
    problems: list[dict[str, str]] = []
    if "＠" in v:
        problems.append(_p("用了全角“＠”，应为半角“@”", "full-width ＠ used instead of @"))
        v = v.replace("＠", "@")
    if "@" not in v:
        problems.append(_p("缺少“@”", "no @ sign"))
        return problems
    if v.count("@") > 1:
        problems.append(_p("有多个“@”", "more than one @ sign"))
        return problems
    local, _, domain = v.partition("@")
    if not local or not _EMAIL_LOCAL_RE.fullmatch(local) or local.startswith(".") or local.endswith(".") or ".." in local:
        problems.append(_p(f"“@”前的用户名“{local}”不正确", f'the user part "{local}" is not valid'))
    if "。" in domain or "．" in domain:
        problems.append(_p("域名中用了中文句号或全角点", "the domain contains a Chinese full stop or full-width dot"))
        domain = domain.replace("。", ".").replace("．", ".")
    labels = domain.split(".")
    if len(labels) < 2:
        problems.append(
            _p(f"域名“{domain}”不完整（缺少 .com、.cn 等后缀）", f'the domain "{domain}" is incomplete (no .com, .cn … suffix)')
        )
    elif not all(_DOMAIN_LABEL_RE.fullmatch(x) for x in labels) or not _TLD_RE.fullmatch(labels[-1]):
        problems.append(_p(f"域名“{domain}”不正确", f'the domain "{domain}" is not valid'))
    return problems


def _emails(text: str, norm: str, out: list[Contact]) -> None:
    taken: list[tuple[int, int]] = []
    for lab in _EMAIL_LABEL_RE.finditer(norm):
        label = text[lab.start() : lab.end()].strip().rstrip("：:").strip()
        v = _EMAIL_VALUE_RE.match(norm, lab.end())
        value = v.group(0).rstrip(".。．") if v is not None else ""
        if not value:
            # A label with nothing after it: a blank only when the label is followed by its separator.
            if norm[lab.end() : lab.end() + 1] in _SEPARATOR_AFTER_LABEL:
                out.append(
                    Contact(
                        "email",
                        lab.start(),
                        lab.end(),
                        "",
                        label=label,
                        problems=[_p(f"“{label}”后没有填写地址", f'nothing is filled in after "{label}"')],
                    )
                )
            continue
        if not re.search(r"[A-Za-z0-9]", value):
            continue
        a, b = v.start(), v.start() + len(value)
        out.append(Contact("email", a, b, text[a:b], label=label, normalized=value.lower(), problems=check_email(value)))
        taken.append((a, b))
    for m in _EMAIL_RE.finditer(norm):
        value = m.group(0).rstrip(".。．")
        a, b = m.start(), m.start() + len(value)
        if any(x < b and a < y for x, y in taken):
            continue
        out.append(Contact("email", a, b, text[a:b], normalized=value.lower(), problems=check_email(value)))


def _postcodes(text: str, norm: str, out: list[Contact]) -> None:
    for lab in _POST_LABEL_RE.finditer(norm):
        label = text[lab.start() : lab.end()].strip().rstrip("：:").strip()
        m = _POST_SPLIT_RE.match(norm, lab.end()) or _POST_VALUE_RE.match(norm, lab.end())
        if m is None:
            if norm[lab.start() : lab.end()].rstrip().endswith(("：", ":")) and norm[lab.end() : lab.end() + 1] in _SEPARATOR_AFTER_LABEL:
                out.append(
                    Contact(
                        "postcode",
                        lab.start(),
                        lab.end(),
                        "",
                        label=label,
                        problems=[_p(f"“{label}”后没有填写邮编", f'nothing is filled in after "{label}"')],
                    )
                )
            continue
        digits = re.sub(r"\D", "", m.group(0))
        problems = []
        if len(digits) != 6:
            problems.append(
                _p(
                    f"邮政编码“{m.group(0)}”应为6位数字，这里是{len(digits)}位",
                    f"postcode {m.group(0)} should have 6 digits; it has {len(digits)}",
                )
            )
        out.append(Contact("postcode", m.start(), m.end(), text[m.start() : m.end()], label=label, normalized=digits, problems=problems))


def _addresses(text: str, norm: str, out: list[Contact]) -> None:
    for lab in _ADDRESS_LABEL_RE.finditer(norm):
        nxt = norm[lab.end() : lab.end() + 1]
        if not nxt or nxt in _SEPARATOR_AFTER_LABEL or nxt.isspace():
            continue
        e = _SENTENCE_END_RE.search(norm, lab.end())
        stop = min(e.start() if e else len(norm), lab.end() + 80)
        for sep in "；;，,）)":
            k = norm.find(sep, lab.end(), stop)
            if k != -1:
                stop = k
        label = text[lab.start() : lab.end()].strip().rstrip("：:").strip()
        out.append(Contact("address", lab.end(), stop, text[lab.end() : stop], label=label, normalized=norm[lab.end() : stop].strip()))


# ---------------------------------------------------------------------------------------------


def url_host(body: str) -> str:
    host = re.split(r"[/?#]", body, maxsplit=1)[0]
    host = host.split("@")[-1].split(":")[0].lower()
    return host[4:] if host.startswith("www.") else host


def check_url(scheme: Optional[str], sep: Optional[str], body: str, after: str) -> list[dict[str, str]]:
    problems: list[dict[str, str]] = []
    if scheme is not None:
        if scheme.lower() not in ("http", "https"):
            problems.append(_p(f"协议名“{scheme}”拼写错误（应为 http 或 https）", f'scheme "{scheme}" is misspelt (http or https)'))
        s = sep or ""
        if s != "://":
            if any(c in s for c in " \t"):
                problems.append(_p("网址中有空格", "the address contains a space"))
            s2 = s.replace(" ", "").replace("\t", "")
            if "：" in s2:
                problems.append(_p("“://”中用了全角冒号“：”", 'full-width colon "：" in "://"'))
            elif ":" not in s2:
                problems.append(
                    _p(f"“{scheme}”后缺少冒号（应为“{scheme.lower()}://”）", f'no colon after "{scheme}" (should be "{scheme.lower()}://")')
                )
            if s2.replace("：", ":").lstrip(":") != "//":
                problems.append(_p("“:”后应为两个斜杠“//”", '":" must be followed by two slashes "//"'))
    host_raw = re.split(r"[/?#]", body, maxsplit=1)[0]
    if "。" in host_raw or "．" in host_raw:
        problems.append(_p("域名中用了中文句号或全角点", "the domain contains a Chinese full stop or full-width dot"))
    host = host_raw.replace("。", ".").replace("．", ".").split("@")[-1].split(":")[0]
    labels = host.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL_RE.fullmatch(x) for x in labels) or not _TLD_RE.fullmatch(labels[-1]):
        if not any("域名" in p["zh"] for p in problems):
            problems.append(_p(f"域名“{host_raw}”不完整或不正确", f'the domain "{host_raw}" is incomplete or invalid'))
    if _SPACE_IN_URL_RE.match(after) and not any("空格" in p["zh"] for p in problems):
        problems.append(_p("网址中有空格", "the address contains a space"))
    return problems


def _urls(text: str, norm: str, out: list[Contact], sentences: "_Sentences") -> None:
    taken: list[tuple[int, int]] = []

    def add(a: int, b: int, scheme: Optional[str], sep: Optional[str], body: str, subtype: str) -> None:
        cut = len(body) - len(body.rstrip(_URL_TRAIL))
        body, b = body[: len(body) - cut], b - cut
        if not body:
            return
        problems = check_url(scheme, sep, body, norm[b : b + 8])
        before = norm[max(0, a - 12) : a]
        sent = sentences.span(a, b)
        # Bounded window: a run-on "sentence" (text without punctuation) must not make this quadratic.
        own = bool(_OWN_SITE_LABEL_RE.search(before)) or bool(
            _OWN_SITE_SENTENCE_RE.search(norm, max(sent[0], a - 300), min(sent[1], b + 300))
        )
        host = url_host(body.replace("。", ".").replace("．", "."))
        out.append(Contact("url", a, b, text[a:b], normalized=host, subtype=subtype, problems=problems, own_site=own, sentence=sent))
        taken.append((a, b))

    for m in _SCHEME_URL_RE.finditer(norm):
        add(m.start(), m.end(), m.group("scheme"), m.group("sep"), m.group("body"), "scheme")
    for m in _WWW_RE.finditer(norm):
        if any(x < m.end() and m.start() < y for x, y in taken):
            continue
        add(m.start(), m.end(), None, None, m.group("body"), "www")
    for m in _BRACKET_URL_RE.finditer(norm):
        body = m.group("body")
        a, b = m.start("body"), m.end("body")
        if "@" in body or any(x < b and a < y for x, y in taken):
            continue
        host = re.split(r"[/?#]", body, maxsplit=1)[0].lower().replace("．", ".")
        if not host.endswith(_KNOWN_SUFFIX) or not re.search(r"[a-z]", host.split(".")[0]):
            continue
        add(a, b, None, None, body, "bare")


# ---------------------------------------------------------------------------------------------


# What every detector below needs before it can report anything: a label word (电话 传真
# 手机 · 邮箱 邮件 邮编 邮政编码 → 邮 · 信箱 · 地址), an @, a Latin letter (Tel/Fax/e-mail,
# every web address), or — for an unlabelled phone number — the number itself.
_CONTACT_WORDS = ("电话", "传真", "手机", "邮", "信箱", "地址", "@", "＠")
_LATIN_RE = re.compile(r"[A-Za-z]")
_SEVEN_DIGITS_RE = re.compile(r"\d{7}")


def _may_hold_contact(text: str) -> bool:
    """False only for text in which ``find_contacts`` cannot find anything (most table cells)."""
    if _LATIN_RE.search(text) is not None:
        return True
    for w in _CONTACT_WORDS:
        if w in text:
            return True
    # Both phone forms hold seven \d in a row, and digits_to_ascii() only swaps one \d for another:
    # the cheap search spares most numbered prose the translate and the long regex.
    return len(text) >= 10 and _SEVEN_DIGITS_RE.search(text) is not None and _UNLABELLED_PHONE_RE.search(digits_to_ascii(text)) is not None


def find_contacts(text: str) -> list[Contact]:
    """Every contact detail mentioned in ``text``, in order of position."""
    if not text or not _may_hold_contact(text):
        return []
    norm = digits_to_ascii(text)
    out: list[Contact] = []
    phone_spans = _labelled_phones(text, norm, out)
    if "@" in norm or "＠" in norm or "邮箱" in norm or "mail" in norm.lower() or "信箱" in norm or "邮件" in norm:
        _emails(text, norm, out)
    # An e-mail's user part can look like a phone number (24336243@163.com).
    email_spans = [(c.start, c.end) for c in out if c.kind == "email"]
    _unlabelled_phones(text, norm, phone_spans + email_spans, out)
    if "邮" in norm:
        _postcodes(text, norm, out)
    if "地址" in norm:
        _addresses(text, norm, out)
    sentences = _Sentences(norm)
    _urls(text, norm, out, sentences)
    for c in out:
        if c.kind != "url":
            c.sentence = sentences.span(c.start, c.end)
    # A URL inside an e-mail ("abc@www.x.cn") is the e-mail's domain, not a website.
    emails = [(c.start, c.end) for c in out if c.kind == "email"]
    out = [c for c in out if not (c.kind == "url" and any(a <= c.start and c.end <= b for a, b in emails))]
    out.sort(key=lambda c: (c.start, c.end))
    return out
