"""R: what the reader noticed about the file itself (tracked changes, encoding repairs)."""

from __future__ import annotations

from report_lint.checks.registry import Rule
from report_lint.model.findings import Location


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

    def check(self, ctx):
        for n in ctx.document.notices:
            if n.kind == "tracked-changes":
                yield self.finding(
                    ctx,
                    f"文档仍含 {n.count} 处修订痕迹；以下检查按接受全部修订后的文字进行",
                    f"the document still contains {n.count} tracked change(s); checks below use the text with all changes accepted",
                    Location(block=n.block),
                    numbers={"changes": n.count},
                    fix_zh="在 Word 中“审阅 → 接受 → 接受所有修订”（或拒绝不需要的修订）后再发布",
                    fix_en="In Word: Review → Accept → Accept All Changes (or reject the unwanted ones) before publishing",
                )


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

    def check(self, ctx):
        for n in ctx.document.notices:
            if n.kind in ("encoding-replaced", "nul-bytes"):
                zh = "文本中有无法识别的字节，已替换" if n.kind == "encoding-replaced" else "文本中含有 NUL 空字节，已删除"
                en = "undecodable bytes were replaced" if n.kind == "encoding-replaced" else "NUL bytes were removed from the text"
                yield self.finding(
                    ctx,
                    f"{zh}（{n.detail}）" if n.detail else zh,
                    f"{en} ({n.detail})" if n.detail else en,
                    Location(block=n.block),
                    fix_zh="以 UTF-8 编码重新保存文件",
                    fix_en="save the file as UTF-8",
                )


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

    def check(self, ctx):
        return ()  # emitted by the linter itself when a rule raises
