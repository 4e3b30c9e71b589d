"""F: conformance to the format itself (template placeholders, section six, lengths, generation)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from report_lint.checks.registry import Rule
from report_lint.model.findings import Location
from report_lint.model.document import Paragraph
from report_lint.outline.build import Section


def section_by_key(ctx, key: str) -> Optional[Section]:
    """The level-1 section matched to the profile's section ``key`` (by title, not by number:
    a report that renumbers must not have its sixth heading taken for "其他需要报告的事项")."""
    for m in ctx.section_map.matches:
        if m.spec.key == key and m.heading is not None:
            for sec in ctx.outline.sections:
                if sec.heading.block == m.heading.block:
                    return sec
    return None


def section_text(ctx, sec: Section) -> str:
    """The paragraphs of a section, with the sub-topics numbered at level 1 that belong to
    it (the overview's 二、依申请公开工作 …: ``ctx.section_map``)."""
    end = sec.end
    for m in ctx.section_map.matches:
        if m.heading is not None and m.heading.block == sec.heading.block and m.end is not None:
            end = max(end, m.end)
    parts = []
    for b in range(sec.heading.block + 1, end):
        blk = ctx.document.blocks[b]
        if isinstance(blk, Paragraph) and blk.container is None:
            parts.append(blk.text)
    return "\n".join(parts)


@lru_cache(maxsize=32)
def _placeholder_re(placeholders: tuple[str, ...]) -> Optional[re.Pattern]:
    if not placeholders:
        return None
    alts = []
    for p in sorted(placeholders, key=len, reverse=True):
        esc = re.escape(p)
        # Latin placeholders (XX, XXXX) must not fire inside ordinary words or codes.
        if re.fullmatch(r"[A-Za-z]+", p):
            esc = rf"(?<![A-Za-z]){esc}(?![A-Za-z])"
        alts.append(esc)
    return re.compile("|".join(alts))


class PlaceholderLeft(Rule):
    code = "F001"
    name = "template-placeholder"
    severity = "error"
    summary = {"zh": "模板占位文字未替换", "en": "template placeholder left in the report"}
    doc = {
        "zh": "格式模板中的占位文字（如“（文字描述）”“XX”“××”“20XX年”）仍留在报告中，说明该处没有填写。"
        "占位文字清单由格式配置（rules/*.toml 的 placeholders）给出。",
        "en": 'Placeholder text from the format template ("（文字描述）", "XX", "××", "20XX年") is still in the '
        "report, so that part was never filled in. The list comes from the profile's placeholders.",
    }
    bad = "一、总体情况\n（文字描述）"
    good = "一、总体情况\n2021年，本机关……"
    messages = {
        "placeholder": {
            "zh": "模板占位文字“{placeholder}”未替换为实际内容",
            "en": 'template placeholder "{placeholder}" was not replaced with real content',
            "fix_zh": "用本机关的实际情况替换该占位文字",
            "fix_en": "replace the placeholder with this agency's actual content",
        }
    }

    def check(self, ctx):
        rx = _placeholder_re(tuple(ctx.profile.placeholders))
        if rx is None:
            return
        for block, text, row, col in ctx.texts:
            for m in rx.finditer(text):
                loc = (
                    Location(block=block, start=m.start(), end=m.end())
                    if row is None
                    else Location(block=block, table=block, row=row, col=col)
                )
                yield self.report(ctx, "placeholder", loc, excerpt=_around(text, m.start(), m.end()), placeholder=m.group(0))


def _around(text: str, start: int, end: int, width: int = 30) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


class FeeStatementMissing(Rule):
    code = "F002"
    name = "fee-statement-missing"
    severity = "warning"
    summary = {
        "zh": "“其他需要报告的事项”未说明信息处理费收取情况",
        "en": "section six does not state whether information processing fees were collected",
    }
    doc = {
        "zh": "2021 年格式要求：“各行政机关依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，在此处专门报告。”"
        "（国办公开办函〔2021〕30号）。报告中任何位置有关于信息处理费或收费的表述（“未收取信息处理费”“未向申请人"
        "收取相关费用”“没有收取”“不收取”“收取信息处理费0元”“未发生收费情况”等）即视为已说明；全文都没有时提示。"
        "没有收取也应写明。",
        "en": "The 2021 format requires section six to report information processing fees collected under the 2020 "
        "fee measures (国办公开办函〔2021〕30号). Any statement about the fee anywhere in the report counts "
        "(未收取信息处理费, 未向申请人收取相关费用, 没有收取, 不收取, 收取信息处理费0元, 未发生收费情况 …); "
        "fires only when the report has none. Write it even when no fee was collected.",
    }
    bad = "六、其他需要报告的事项\n无。"
    good = "六、其他需要报告的事项\n本年度未向申请人收取相关费用。"
    example_args = ("--profile", "gov-2021", "--year", "2021")
    messages = {
        "no-statement": {
            "zh": "全文未说明信息处理费收取情况（第{number}部分“{title}”及其他部分均未出现“{fee_words_zh}”等表述）",
            "en": 'the report never says whether information processing fees were collected (section {number} "{title}" included)',
            "fix_zh": "在第六部分写明本年度收取信息处理费的情况，未收取的写明“未收取信息处理费”",
            "fix_en": "state in section six whether information processing fees were collected this year (write that none were, if so)",
        }
    }

    def check(self, ctx):
        rules = ctx.profile.params.format_rules
        if not rules.fee_statement_required:
            return
        sec = section_by_key(ctx, rules.fee_section)
        if sec is None:
            return  # the missing section itself is S001's finding
        words = rules.fee_words
        text = section_text(ctx, sec) + sec.heading.title
        if any(w in text for w in words) or _FEE_STATEMENT_RE.search(text):
            return
        # Elsewhere in the report only a statement about this fee counts: 收费 alone is also
        # 行政事业性收费 (section 二) and the table's "未按收费通知要求缴纳费用" row.
        for p in ctx.body_paragraphs:
            if "处理费" in (p.text or "") or _FEE_STATEMENT_RE.search(p.text or ""):
                return
        yield self.report(
            ctx,
            "no-statement",
            Location(block=sec.heading.block),
            excerpt=sec.heading.raw,
            number=sec.heading.number,
            title=sec.heading.title,
            fee_words_zh="”“".join(words[:3]),
        )


# The ways reports say no fee was collected without naming 信息处理费: 未向申请人收取相关费用,
# 没有收取任何费用, 不收取费用, 未发生收费情况, 无收费.
_FEE_STATEMENT_RE = re.compile(
    r"(?:未|没有|不|无|均未|从未)(?:向[^。；;]{0,20}?)?收取[^。；;]{0,20}?费"
    r"|(?:未|没有)(?:发生|产生)(?:任何)?(?:收费|费用)"
    r"|(?:未|没有|无|不)收费"
)


class OverviewTooLong(Rule):
    code = "F003"
    name = "overview-too-long"
    severity = "warning"
    summary = {"zh": "“总体情况”篇幅超过一千字", "en": "the overview exceeds 1,000 characters"}
    doc = {
        "zh": "2021 年格式要求“总体情况”“重在聚焦主题、简明客观，篇幅原则上不超过一千字”。按该部分正文（不含标题、"
        "空白）的汉字和字符数计算。",
        "en": 'The 2021 format asks that the overview "in principle not exceed one thousand characters". Counted over '
        "the section's body text without the heading and whitespace.",
    }
    bad = (
        "一、总体情况\n"
        "2021年，示例县示例局以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》和国务院"
        "办公厅、省市县关于政务公开工作的部署要求，坚持以公开为常态、不公开为例外，围绕主动公开、依申请公开、政府信息管理、平台建"
        "设和监督保障五个方面推进各项工作，政府信息公开的规范化、标准化水平持续提升，人民群众的知情权、参与权、表达权和监督权得到"
        "有效保障。局党组年初召开专题会议研究部署全年政务公开工作，调整充实政务公开工作领导小组，明确分管领导和具体承办科室，将政"
        "务公开工作纳入年度目标责任考核，做到与业务工作同部署、同落实、同考核。\n"
        "（一）主动公开。严格落实公文公开属性源头认定制度，拟制公文时同步明确公开方式，凡属主动公开的文件在印发后二十个工作日内公"
        "开。全年制发行政规范性文件5件，现行有效行政规范性文件38件，均已在门户网站政府信息公开专栏集中公开，并同步发布政策解读"
        "材料，做到应解读尽解读；作出行政许可决定1268件、行政处罚决定356件、行政强制决定12件，处理结果均在作出决定后七个"
        "工作日内公开；全年收取行政事业性收费85.62万元，收费项目、依据和标准均向社会公开。围绕群众关心的重点事项，及时发布办"
        "事指南、通知公告和工作动态，持续加大财政预决算、重大建设项目、公共资源配置和社会公益事业等重点领域信息公开力度。\n"
        "（二）依申请公开。进一步规范依申请公开的受理、登记、审查、答复和归档流程，统一答复文书样式，建立疑难申请会商机制，确保答"
        "复内容准确、依据充分、程序合法。全年共收到政府信息公开申请46件，上年结转2件；予以公开19件，部分公开6件，结转下年度"
        "继续办理2件，其余均依法作出答复并告知救济途径，所有申请均在法定期限内办结，未出现逾期答复的情况。\n"
        "（三）政府信息管理。2021年3月15日（星期一）召开政务公开工作推进会，落实信息发布“三审三校”制度，对拟公开信息逐条"
        "进行保密审查和合法性审查；动态调整主动公开基本目录，全面清理历史公开信息，对已废止、失效的文件及时标注，确保公开内容准确"
        "、完整、有效。\n"
        "（四）平台建设。优化门户网站政府信息公开专栏，按照统一标准规范栏目设置，新增“政策文件”“政策解读”“重点领域信息公开”"
        "等栏目；规范政务新媒体信息发布，严格执行内容审核制度，全年未发生信息发布失当的情况；在办公场所设置政府信息公开查阅点，方"
        "便群众就近查阅。\n"
        "（五）监督保障。将政府信息公开工作纳入年度绩效考核，开展政务公开业务培训两次，参训人员六十余人次；主动接受社会监督，畅通"
        "意见反馈渠道。本年度被申请行政复议2件，被提起行政诉讼1件，均依法妥善办理。"
    )
    good = (
        "一、总体情况\n"
        "2021年，示例县示例局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕主动公开、依申请公开、政府信息管理、平台建设"
        "和监督保障推进各项工作。\n"
        "（一）主动公开。全年制发行政规范性文件5件，现行有效行政规范性文件38件；作出行政许可决定1268件、行政处罚决定356"
        "件、行政强制决定12件；全年收取行政事业性收费85.62万元。\n"
        "（二）依申请公开。全年共收到政府信息公开申请46件，上年结转2件；予以公开19件，部分公开6件，结转下年度继续办理2件。\n"
        "（三）政府信息管理。2021年3月15日（星期一）召开政务公开工作推进会，落实信息发布审核制度，动态调整主动公开基本目录"
        "。\n"
        "（四）平台建设。优化门户网站政府信息公开专栏，规范政务新媒体信息发布。\n"
        "（五）监督保障。本年度被申请行政复议2件，被提起行政诉讼1件，均依法妥善办理。"
    )
    example_in = "clean-2021.txt"
    messages = {
        "too-long": {
            "zh": "“{title}”正文约 {chars} 字，超过格式要求的 {limit} 字",
            "en": '"{title}" has about {chars} characters, over the format\'s {limit}',
            "fix_zh": "精简总体情况，聚焦主题，具体数据放在后续表格中",
            "fix_en": "shorten the overview; leave the figures to the tables that follow",
        }
    }

    def check(self, ctx):
        rules = ctx.profile.params.format_rules
        limit = rules.overview_max_chars
        if not limit:
            return
        sec = section_by_key(ctx, rules.overview_section)
        if sec is None:
            return
        n = len(re.sub(r"\s", "", section_text(ctx, sec)))
        if n > limit:
            yield self.report(
                ctx,
                "too-long",
                Location(block=sec.heading.block),
                excerpt=sec.heading.raw,
                numbers={"chars": n, "limit": limit},
                title=sec.heading.title,
                chars=n,
                limit=limit,
            )


_GEN_MARKERS = {
    "2019": ("本年新制作数量", "对外公开总数量", "第二十条第（九）项", "第二十条第(九)项"),
    "2008": ("主动公开政府信息数", "申请答复数"),
}


_CURRENT_TABLES_FIX = {
    "fix_zh": "按现行《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）的表格填报",
    "fix_en": "use the tables of the current format (国办公开办函〔2021〕30号)",
}


class OutdatedFormat(Rule):
    code = "F004"
    name = "outdated-format"
    severity = "warning"
    summary = {"zh": "使用了已被替代的旧版统计表", "en": "uses a superseded statistics table"}
    doc = {
        "zh": "2019 年起年度报告应使用全国统一格式；2021 年起使用修订后的格式（国办公开办函〔2021〕30号）。"
        "2021 年及以后的报告仍使用 2019 年（试行）表格（如“本年新制作数量”“第二十条第（九）项”），或 2019 年及以后的报告"
        "仍使用旧《政府信息公开情况统计表》时提示。（2021 格式自哪一年度起强制适用未见明文，故为警告。）",
        "en": "Since 2019 reports use the national format, revised in 2021 (国办公开办函〔2021〕30号). Fires when a "
        "2021+ report still has the 2019 (trial) tables, or a 2019+ report still has the pre-2019 statistics table. "
        "(No text states the first year the 2021 format is mandatory, hence a warning.)",
    }
    bad = "（一）主动公开政府信息情况\n本年新制作数量\t0"
    good = "（一）主动公开政府信息情况\n本年制发件数\t0"
    example_args = ("--year", "2022")
    messages = {
        # The variant is the generation of the tables found.
        "2019": {
            "zh": "{year}年度报告仍使用2019年（试行）格式的表格（出现“{marker}”）",
            "en": 'the {year} report still uses the 2019 (trial) format tables ("{marker}")',
            **_CURRENT_TABLES_FIX,
        },
        "2008": {
            "zh": "{year}年度报告仍使用2019年以前的《政府信息公开情况统计表》（出现“{marker}”）",
            "en": 'the {year} report still uses the pre-2019 statistics table ("{marker}")',
            **_CURRENT_TABLES_FIX,
        },
    }

    def check(self, ctx):
        if ctx.year is None:
            return
        profile_era = ctx.profile.era
        if ctx.year >= 2021:
            stale = ("2019", "2008")
        elif ctx.year >= 2019:
            stale = ("2008",)
        else:
            return
        if profile_era in stale:
            stale = tuple(s for s in stale if s != profile_era)
        for block, text, row, col in ctx.texts:
            for gen in stale:
                for m in _GEN_MARKERS[gen]:
                    i = text.find(m)
                    if i >= 0:
                        loc = (
                            Location(block=block, start=i, end=i + len(m))
                            if row is None
                            else Location(block=block, table=block, row=row, col=col)
                        )
                        yield self.report(ctx, gen, loc, excerpt=_around(text, i, i + len(m)), year=ctx.year, marker=m)
                        return  # one finding says it; every further label would only repeat it


class TitleNotAnnualReport(Rule):
    code = "F005"
    name = "title-not-annual-report"
    severity = "warning"
    summary = {"zh": "标题未写明“政府信息公开工作年度报告”", "en": "the title does not say 政府信息公开工作年度报告"}
    doc = {
        "zh": "监督部门通报过把“年度报告”写成“工作报告”等问题（莆田市 2010 年通报）。标题应包含“政府信息公开工作年度报告”"
        "（或“信息公开年度报告”）。",
        "en": "Supervising offices have criticised titles that say 工作报告 instead of 年度报告. The title should contain "
        "政府信息公开工作年度报告 (or 信息公开年度报告).",
    }
    bad = "××局2018年政府信息公开工作报告"
    good = "××局2018年政府信息公开工作年度报告"
    messages = {
        "not-annual-report": {
            "zh": "标题“{title}”未写明“政府信息公开工作年度报告”",
            "en": 'the title "{title}" does not say 政府信息公开工作年度报告',
            "fix_zh": "标题写作“（机关名称）××××年政府信息公开工作年度报告”",
            "fix_en": 'title it "<agency> <year>年政府信息公开工作年度报告"',
        }
    }

    def check(self, ctx):
        o = ctx.outline
        if o.title is None or not o.title_text:
            return  # no title at all is S004's finding
        t = re.sub(r"\s", "", o.title_text)
        if "年度报告" in t and "公开" in t:
            return
        yield self.report(ctx, "not-annual-report", Location(block=o.title), excerpt=o.title_text, title=o.title_text)
