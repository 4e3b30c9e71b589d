"""Small UI strings shared by the reporters (Chinese first, English second).

Rule texts live with the rules; this module holds only the words around them
(labels, summaries, headings of the HTML page).
"""

from __future__ import annotations

LANGS = ("zh", "en")

STRINGS: dict[str, dict[str, str]] = {
    # severities
    "sev.error": {"zh": "错误", "en": "error"},
    "sev.warning": {"zh": "警告", "en": "warning"},
    "sev.info": {"zh": "提示", "en": "info"},
    # text reporter
    "summary": {
        "zh": "共 {n} 个问题：错误 {error}，警告 {warning}，提示 {info}",
        "en": "Found {n} problems: {error} errors, {warning} warnings, {info} info",
    },
    "summary.none": {"zh": "未发现问题", "en": "No problems found"},
    "summary.failed": {"zh": "无法检查的文件 {n} 个", "en": "{n} file(s) could not be checked"},
    "file.error": {"zh": "{path}: 无法检查（{code}）：{message}", "en": "{path}: could not check ({code}): {message}"},
    "label.location": {"zh": "位置：", "en": "Location: "},
    "label.excerpt": {"zh": "原文：", "en": "Excerpt: "},
    "label.fix": {"zh": "修改建议：", "en": "Suggested fix: "},
    "label.numbers": {"zh": "数值：", "en": "Numbers: "},
    "stats.header": {"zh": "数量  代码  级别  规则", "en": "count  code  severity  rule"},
    "stats.total": {"zh": "合计 {n}", "en": "total {n}"},
    # html reporter
    "html.title": {"zh": "政府信息公开年报检查结果", "en": "Annual report check results"},
    "html.index.title": {"zh": "年报检查结果汇总", "en": "Annual report check summary"},
    "html.file": {"zh": "文件", "en": "File"},
    "html.profile": {"zh": "规则集", "en": "Profile"},
    "html.year": {"zh": "报告年度", "en": "Report year"},
    "html.tool": {"zh": "检查工具", "en": "Tool"},
    "html.generated": {"zh": "生成时间", "en": "Generated at"},
    "html.counts": {"zh": "问题数量", "en": "Problems"},
    "html.worst": {"zh": "最高级别", "en": "Worst severity"},
    "html.open": {"zh": "查看报告", "en": "Open report"},
    "html.clean": {"zh": "无问题", "en": "clean"},
    "html.failed": {"zh": "无法检查", "en": "not checked"},
    "html.findings": {"zh": "问题清单", "en": "Findings"},
    "html.general": {"zh": "未定位到具体位置的问题", "en": "Findings without a place in the text"},
    "html.document": {"zh": "报告原文（已标注问题）", "en": "Report text (findings marked)"},
    "html.nodoc": {"zh": "未能显示原文。", "en": "The report text is not available."},
    "html.filters": {"zh": "筛选", "en": "Filter"},
    "html.filter.severity": {"zh": "按级别", "en": "By severity"},
    "html.filter.family": {"zh": "按规则类别", "en": "By rule family"},
    "html.rules": {"zh": "规则说明", "en": "Rule explanations"},
    "html.ruledoc": {"zh": "规则说明", "en": "About this rule"},
    "html.bad": {"zh": "会触发的写法", "en": "Fires on"},
    "html.good": {"zh": "不会触发的写法", "en": "Does not fire on"},
    "html.table": {"zh": "表格（块{n}）", "en": "Table (block {n})"},
    "html.notes": {"zh": "本处问题", "en": "Findings here"},
    "html.none": {"zh": "未发现问题。", "en": "No problems found."},
    "html.place": {"zh": "位置", "en": "Place"},
    "html.code": {"zh": "代码", "en": "Code"},
    "html.message": {"zh": "说明", "en": "Message"},
    "html.severity": {"zh": "级别", "en": "Severity"},
    "html.skip": {"zh": "跳到问题清单", "en": "Skip to the findings"},
    "html.cannot": {"zh": "无法检查（{code}）：{message}", "en": "Could not check ({code}): {message}"},
    # junit
    "junit.clean": {"zh": "未发现问题", "en": "no problems"},
}


# Names of the numbers a finding carries, as a reader sees them. A number whose key is not
# here is for machines only (JSON and SARIF keep every key).
NUMBER_LABELS: dict[str, dict[str, str]] = {
    "expected": {"zh": "应为", "en": "expected"},
    "actual": {"zh": "表中为", "en": "actual"},
    "found": {"zh": "实为", "en": "found"},
    "level": {"zh": "标题级别", "en": "level"},
    "expected_position": {"zh": "应在第几部分", "en": "expected position"},
    "similarity": {"zh": "相似度", "en": "similarity"},
    "count": {"zh": "数量", "en": "count"},
    "changes": {"zh": "修订处数", "en": "changes"},
    "chars": {"zh": "字数", "en": "characters"},
    "limit": {"zh": "上限", "en": "limit"},
    "text": {"zh": "正文数字", "en": "in the text"},
    "table": {"zh": "表中数字", "en": "in the table"},
    "min": {"zh": "下限", "en": "at least"},
    "max": {"zh": "上限", "en": "at most"},
    "date": {"zh": "日期", "en": "date"},
    "year": {"zh": "年度", "en": "year"},
    "deadline": {"zh": "期限", "en": "deadline"},
    "stated_weekday": {"zh": "所写星期", "en": "stated weekday"},
    "actual_weekday": {"zh": "实际星期", "en": "actual weekday"},
}


def number_label(key: str, lang: str = "zh") -> str | None:
    d = NUMBER_LABELS.get(key)
    return d.get(norm_lang(lang)) if d else None


def norm_lang(lang: str | None) -> str:
    return lang if lang in LANGS else "zh"


def t(key: str, lang: str = "zh", **kw) -> str:
    """The UI string ``key`` in ``lang`` (falls back to Chinese), formatted with ``kw``."""
    entry = STRINGS[key]
    s = entry.get(norm_lang(lang)) or entry["zh"]
    return s.format(**kw) if kw else s


def severity_label(severity: str, lang: str = "zh") -> str:
    key = f"sev.{severity}"
    return t(key, lang) if key in STRINGS else severity


def pick(d: dict | None, lang: str = "zh") -> str:
    """A {'zh','en'} text in ``lang``, falling back to the other language."""
    if not d:
        return ""
    return d.get(norm_lang(lang)) or d.get("zh") or d.get("en") or ""
