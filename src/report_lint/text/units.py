"""Words that several stages must agree on: the units written after a count, and the
suffixes that end an agency's name. Listed once here; each user takes the part it needs
and says why.
"""

from __future__ import annotations

COUNT_UNITS = ("人次", "条", "件", "个", "篇", "份", "次", "人", "起", "宗", "项", "家", "所", "期", "场")
"""Measure words after a count in the narrative (受理申请12件, 培训3期, 400余条). A figure
quoted in a message keeps its unit (checks/narrative.py)."""

MORE_COUNT_UNITS = ("名", "位", "户", "天", "日", "处", "部", "本", "张", "批")
"""Measure words also seen after a count in a table cell (3名, 2批)."""

MONEY_UNITS = ("万元", "亿元", "千元", "元")
RATIO_UNITS = ("%", "‰")

CELL_UNITS = tuple(u for u in COUNT_UNITS if u != "所") + MORE_COUNT_UNITS + MONEY_UNITS + RATIO_UNITS
"""Units a table cell may carry after its value ("12件", "3.5万元", "(件)"): the cell is
still that number (facts/tables.py). 所 is left out: in a cell it names a place (派出所)."""

NOT_PHONE_AFTER = frozenset("年月日号多余%％通届台" + "".join(u[0] for u in COUNT_UNITS + MORE_COUNT_UNITS + MONEY_UNITS))
"""Characters that make a digit run a date (年月日号), an approximate figure (多余), a
count or an amount rather than a phone number when they follow it (text/contacts.py)."""


def alternation(words) -> str:
    """A regex alternation of ``words``, longest first (so 人次 is tried before 人)."""
    return "|".join(sorted(words, key=len, reverse=True))


GOVERNMENT_SUFFIXES = ("人民政府", "政府")
DEPARTMENT_SUFFIXES = ("委员会", "办公室", "局", "委", "办", "厅", "署")
ADMIN_COMMITTEE_SUFFIXES = ("管委会", "管理委员会")
TOWNSHIP_SUFFIXES = ("街道", "镇", "乡")
OTHER_AGENCY_SUFFIXES = ("办事处", "中心", "院", "处", "所", "站", "队", "分局")

AGENCY_SUFFIXES = GOVERNMENT_SUFFIXES + DEPARTMENT_SUFFIXES + ADMIN_COMMITTEE_SUFFIXES + TOWNSHIP_SUFFIXES + OTHER_AGENCY_SUFFIXES
"""How a line that is an agency's name ends (a signature line, outline/classify.py). The
groups tell the agency kind for the deadline rule (checks/dates.py)."""
