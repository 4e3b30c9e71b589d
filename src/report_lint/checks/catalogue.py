"""The rule catalogue: every rule, listed once, explicitly (as yamllint's ``_RULES``).

A rule is a class in the module of its family; adding one means adding it here. Codes are
checked when this module is imported: unique, of a known family, a letter and three digits;
renamed codes stay reachable through a rule's ``aliases``.
"""

from __future__ import annotations

from typing import Optional

from report_lint.checks import claims, contact, crossyear, dates, format, narrative, quality, reader, structure, table
from report_lint.checks.registry import FAMILIES, Rule

RULES: tuple[type[Rule], ...] = (
    # structure
    structure.MissingSection,
    structure.SectionOrder,
    structure.NumberingGap,
    structure.TitleMissingYear,
    structure.HeadingVariant,
    structure.UnexpectedSection,
    structure.OutlineProblemRule,
    structure.SectionNumeral,
    structure.SubtopicAtLevelOne,
    structure.HeadingNumeralForm,
    # dates
    dates.PeriodMissing,
    dates.PeriodWrong,
    dates.InvalidDate,
    dates.WeekdayMismatch,
    dates.LateSigning,
    dates.SigningBeforeYearEnd,
    # contact
    contact.ContactMissing,
    contact.PhoneMalformed,
    contact.EmailMalformed,
    contact.PostcodeMalformed,
    contact.UrlMalformed,
    contact.ContactInconsistent,
    # table
    table.IdentitySum,
    table.IdentityLe,
    table.IdentityBetween,
    table.BlankCell,
    table.InvalidValue,
    table.TableMissing,
    table.RowOrColumnMissing,
    table.TableUnreadable,
    # narrative
    narrative.NarrativeNumberMismatch,
    narrative.NarrativeApproxIncompatible,
    narrative.NarrativeZeroMismatch,
    narrative.NarrativeFigureBlank,
    # claims (family N)
    claims.ClaimContradictsTable,
    claims.ClaimWithoutCases,
    narrative.PercentageFitsNoBase,
    narrative.SharesNotHundred,
    narrative.SameMeasureTwice,
    # format
    format.PlaceholderLeft,
    format.FeeStatementMissing,
    format.OverviewTooLong,
    format.OutdatedFormat,
    format.TitleNotAnnualReport,
    # quality
    quality.EnumerationSequence,
    quality.DoubledMark,
    quality.UnbalancedMark,
    quality.RepeatedListItem,
    quality.PlanDatedToReportYear,
    quality.RegulationMiscited,
    quality.DoubledCharacter,
    quality.MixedHeadingBrackets,
    quality.ProblemsSectionEmpty,
    quality.DoubledWord,
    # reader
    reader.TrackedChanges,
    reader.EncodingRepaired,
    reader.RuleFailed,
    # across years (batch stage: checks.crossyear, batch.crossyear)
    crossyear.CarryOver,
    crossyear.RunningTotal,
    crossyear.SimilarText,
)


def _instances(classes: tuple[type[Rule], ...]) -> dict[str, Rule]:
    out: dict[str, Rule] = {}
    for cls in classes:
        code = cls.code
        if code in out:
            raise ValueError(f"duplicate rule code {code}")
        if code[0] not in FAMILIES or len(code) != 4 or not code[1:].isdigit():
            raise ValueError(f"bad rule code {code}")
        out[code] = cls()
    return out


REGISTRY: dict[str, Rule] = _instances(RULES)
"""One instance of each rule, by code."""

ALIASES: dict[str, str] = {alias: code for code, rule in REGISTRY.items() for alias in rule.aliases}
"""Old codes of renamed rules → their current codes."""


def all_rules() -> list[Rule]:
    return [REGISTRY[k] for k in sorted(REGISTRY)]


def get_rule(code: str) -> Optional[Rule]:
    code = code.upper()
    return REGISTRY.get(ALIASES.get(code, code))
