"""R: what the reader noticed about the file itself (tracked changes, encoding repairs)."""

from __future__ import annotations

from report_lint.checks.registry import Rule, render
from report_lint.model.findings import Finding, Location


class TrackedChanges(Rule):
    code = "R001"
    name = "tracked-changes"
    severity = "info"
    summary = {"zh": "文档仍含修订痕迹", "en": "the document still contains tracked changes"}
    doc = {
        "zh": "Word 文档中仍有未接受或拒绝的修订（插入、删除）。检查按“全部接受修订”后的文字进行；"
        "发布前请接受或拒绝全部修订，避免把删除的内容一并公开。",
        "en": "The Word file still has tracked insertions or deletions. report-lint checks the text as if all "
        "changes were accepted; accept or reject them before publishing so deleted text is not published.",
    }
    bad = "（含修订的 .docx）"
    good = "（已接受全部修订的 .docx）"

    messages = {
        "tracked": {
            "zh": "文档仍含 {count} 处修订痕迹；以下检查按接受全部修订后的文字进行",
            "en": "the document still contains {count} tracked change(s); checks below use the text with all changes accepted",
            "fix_zh": "在 Word 中“审阅 → 接受 → 接受所有修订”（或拒绝不需要的修订）后再发布",
            "fix_en": "In Word: Review → Accept → Accept All Changes (or reject the unwanted ones) before publishing",
        }
    }

    def check(self, ctx):
        for n in ctx.document.notices:
            if n.kind == "tracked-changes":
                yield self.report(ctx, "tracked", Location(block=n.block), numbers={"changes": n.count}, count=n.count)


class EncodingRepaired(Rule):
    code = "R002"
    name = "encoding-repaired"
    severity = "warning"
    summary = {"zh": "文本编码有误，部分字符无法识别", "en": "text encoding problems: some characters could not be decoded"}
    doc = {
        "zh": "文本文件既不是有效的 UTF-8，也不是 GB18030/GBK；无法识别的字节已替换为 �，相关文字的检查可能不准确。"
        "请以 UTF-8 编码重新保存。",
        "en": "The text file is neither valid UTF-8 nor GB18030/GBK; undecodable bytes were replaced with �, so checks "
        "of that text may be inaccurate. Save the file as UTF-8.",
    }
    bad = "（含无效字节的文本文件）"
    good = "（UTF-8 编码的文本文件）"

    _fix = {"fix_zh": "以 UTF-8 编码重新保存文件", "fix_en": "save the file as UTF-8"}
    messages = {
        "encoding-replaced": {"zh": "文本中有无法识别的字节，已替换", "en": "undecodable bytes were replaced", **_fix},
        "encoding-replaced-detail": {
            "zh": "文本中有无法识别的字节，已替换（{detail}）",
            "en": "undecodable bytes were replaced ({detail})",
            **_fix,
        },
        "nul-bytes": {"zh": "文本中含有 NUL 空字节，已删除", "en": "NUL bytes were removed from the text", **_fix},
        "nul-bytes-detail": {
            "zh": "文本中含有 NUL 空字节，已删除（{detail}）",
            "en": "NUL bytes were removed from the text ({detail})",
            **_fix,
        },
    }

    def check(self, ctx):
        for n in ctx.document.notices:
            if n.kind in ("encoding-replaced", "nul-bytes"):
                variant = n.kind + ("-detail" if n.detail else "")
                yield self.report(ctx, variant, Location(block=n.block), detail=n.detail)


class RuleFailed(Rule):
    code = "R900"
    name = "rule-failed"
    severity = "warning"
    summary = {"zh": "某条规则检查时出错", "en": "a rule failed while checking"}
    doc = {
        "zh": "某条规则在检查本文件时发生内部错误，该规则的结果缺失。其余规则的结果不受影响。请把该文件反馈给维护者。",
        "en": "A rule raised an internal error on this file, so its results are missing; other rules are unaffected. "
        "Please report the file to the maintainers.",
    }

    messages = {
        "failed": {
            "zh": "规则 {code} 检查本文件时出错（{error}），其结果缺失，请反馈给维护者",
            "en": "rule {code} failed on this file ({error}); its results are missing — please report it",
        }
    }

    def check(self, ctx):
        """Finds nothing in a document: the linter calls ``failed`` when another rule raises."""
        return iter(())

    def failed(self, code: str, error: BaseException) -> Finding:
        """The finding that stands for rule ``code``'s missing results (not subject to
        severity overrides: it reports on the tool, not on the document)."""
        return Finding(
            code=self.code,
            severity=self.severity,
            message=render(self.messages["failed"], {"code": code, "error": type(error).__name__}),
            location=Location(),
        )
