"""Word list numbering (numbering.xml) rendered the way the drafter sees it.

Chinese reports very often number their headings ("一、", "（一）") with Word's list
numbering rather than typing the numbers; the text then carries no number at all and
the outline is lost unless we replay the counters. ``Numberer`` is fed paragraphs in
document order and returns each paragraph's label.

Semantics follow Word:
* counters belong to the abstract numbering definition, so two ``w:num`` instances of
  the same abstractNum continue one list;
* the first paragraph that uses a ``w:num`` with ``w:startOverride`` restarts that level
  at the override value;
* using a level restarts every deeper level (unless that level's ``w:lvlRestart`` says
  otherwise; ``0`` = never restart);
* ``%N`` in ``w:lvlText`` is the current value of level N (1-based) in level N's format
  (all decimal when the level is ``w:isLgl``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = W + "val"

_CN_DIGITS = "〇一二三四五六七八九"
_CN_COUNTING = "零一二三四五六七八九"  # an inner zero is read 零 (一百零一), digit-by-digit formats write 〇
_CN_LEGAL_SIMPLIFIED = "零壹贰叁肆伍陆柒捌玖"
_CN_LEGAL_TRADITIONAL = "零壹貳參肆伍陸柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def chinese_counting(
    n: int, digits: str = _CN_COUNTING, units: tuple[str, str, str] = ("十", "百", "千"), drop_leading_one: bool = True
) -> str:
    """1→一, 10→十, 11→十一, 20→二十, 100→一百, 101→一百零一, 110→一百一十 (n < 10000)."""
    if n <= 0 or n >= 10000:
        return str(n)
    parts: list[str] = []
    places = ((1000, units[2]), (100, units[1]), (10, units[0]), (1, ""))
    zero_pending = False
    started = False
    for value, unit in places:
        d = (n // value) % 10
        if d == 0:
            if started:
                zero_pending = True
            continue
        if zero_pending:
            parts.append(digits[0])
            zero_pending = False
        if value == 10 and d == 1 and not started and drop_leading_one:
            parts.append(unit)  # 10..19 are 十, 十一 … not 一十
        else:
            parts.append(digits[d] + unit)
        started = True
    return "".join(parts)


def _japanese_counting(n: int) -> str:
    # Japanese omits 一 before every unit: 百, 千, 十.
    if n <= 0 or n >= 10000:
        return str(n)
    out = []
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = (n // value) % 10
        if d == 0:
            continue
        out.append((unit if d == 1 and unit else _CN_COUNTING[d] + unit))
    return "".join(out)


def _letters(n: int, upper: bool) -> str:
    # Word repeats the letter: 27 → AA, 28 → BB (not spreadsheet-style AB).
    if n <= 0:
        return str(n)
    ch = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return ch * ((n - 1) // 26 + 1)


def _roman(n: int, upper: bool) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    s = "".join(out)
    return s if upper else s.lower()


def _enclosed(n: int, first: int, last_n: int, fallback: str) -> str:
    if 1 <= n <= last_n:
        return chr(first + n - 1)
    return fallback.format(n)


def format_number(n: int, fmt: str) -> str:
    """Render counter value ``n`` in OOXML ``w:numFmt`` ``fmt``; unknown formats fall back to decimal."""
    if fmt in ("decimal", "", None):
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_counting(n)
    if fmt in ("japaneseCounting",):
        return _japanese_counting(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(c)] for c in str(n)) if n >= 0 else str(n)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(n, _CN_LEGAL_SIMPLIFIED, ("拾", "佰", "仟"), drop_leading_one=False)
    if fmt in ("ideographLegalTraditional", "japaneseLegal"):
        return chinese_counting(n, _CN_LEGAL_TRADITIONAL, ("拾", "佰", "仟"), drop_leading_one=False)
    if fmt in ("ideographTraditional",):
        return _HEAVENLY_STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("ideographZodiac",):
        return _EARTHLY_BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt == "upperLetter":
        return _letters(n, True)
    if fmt == "lowerLetter":
        return _letters(n, False)
    if fmt == "upperRoman":
        return _roman(n, True)
    if fmt == "lowerRoman":
        return _roman(n, False)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 20, "({})")  # ⑴ … ⒇
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, 0x2460, 20, "{}")  # ① … ⑳
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 20, "{}.")  # ⒈ … ⒛
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(c)) for c in str(n)) if n >= 0 else str(n)
    if fmt == "decimalHalfWidth":
        return str(n)
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: Optional[str] = None
    """``w:lvlText``; None when absent (Word then shows no number)."""
    restart: Optional[int] = None
    """``w:lvlRestart`` value (1-based level that restarts this one; 0 = never); None = default."""
    suffix: str = "tab"
    is_legal: bool = False
    pstyle: Optional[str] = None


@dataclass
class NumInstance:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


def _int(el, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(_VAL))
    except (TypeError, ValueError):
        return default


def _parse_level(lvl) -> Level:
    out = Level()
    out.start = _int(lvl.find(W + "start"), 1)
    f = lvl.find(W + "numFmt")
    if f is not None:
        out.fmt = f.get(_VAL) or "decimal"
    t = lvl.find(W + "lvlText")
    if t is not None:
        out.text = t.get(_VAL) or ""
    r = lvl.find(W + "lvlRestart")
    if r is not None:
        out.restart = _int(r, 0)
    s = lvl.find(W + "suff")
    if s is not None:
        out.suffix = s.get(_VAL) or "tab"
    lg = lvl.find(W + "isLgl")
    out.is_legal = lg is not None and lg.get(_VAL) not in ("0", "false", "off")
    ps = lvl.find(W + "pStyle")
    if ps is not None:
        out.pstyle = ps.get(_VAL)
    return out


class NumberingDefinitions:
    """Parsed numbering.xml (abstract definitions and their instances)."""

    def __init__(self, root=None):
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.style_links: dict[str, str] = {}
        """abstractNumId → numbering style id (``w:numStyleLink``) whose numId is the real list."""
        self.nums: dict[str, NumInstance] = {}
        if root is None:
            return
        for a in root.iter(W + "abstractNum"):
            aid = a.get(W + "abstractNumId")
            if aid is None:
                continue
            levels: dict[int, Level] = {}
            for lvl in a.findall(W + "lvl"):
                try:
                    ilvl = int(lvl.get(W + "ilvl", "0"))
                except ValueError:
                    continue
                if 0 <= ilvl <= 8:
                    levels[ilvl] = _parse_level(lvl)
            self.abstracts[aid] = levels
            link = a.find(W + "numStyleLink")
            if link is not None and link.get(_VAL):
                self.style_links[aid] = link.get(_VAL)
        for n in root.iter(W + "num"):
            nid = n.get(W + "numId")
            ref = n.find(W + "abstractNumId")
            if nid is None or ref is None or ref.get(_VAL) is None:
                continue
            inst = NumInstance(abstract_id=ref.get(_VAL))
            for ov in n.findall(W + "lvlOverride"):
                try:
                    ilvl = int(ov.get(W + "ilvl", "0"))
                except ValueError:
                    continue
                so = ov.find(W + "startOverride")
                if so is not None:
                    inst.start_overrides[ilvl] = _int(so, 1)
                lv = ov.find(W + "lvl")
                if lv is not None:
                    inst.level_overrides[ilvl] = _parse_level(lv)
            self.nums[nid] = inst

    def level_for_style(self, num_id: str, style_id: str) -> Optional[int]:
        """The level whose ``w:pStyle`` names ``style_id`` (numbering attached to a style)."""
        inst = self.nums.get(num_id)
        if inst is None:
            return None
        for ilvl, lv in self.abstracts.get(inst.abstract_id, {}).items():
            if lv.pstyle == style_id:
                return ilvl
        return None


class Numberer:
    """Replays Word's list counters; call ``label`` for every paragraph in document order."""

    def __init__(self, defs: NumberingDefinitions, style_num_ids: Optional[dict[str, str]] = None):
        self.defs = defs
        self._style_num_ids = style_num_ids or {}
        """numbering style id → numId, to follow ``w:numStyleLink``."""
        self._counters: dict[str, list[Optional[int]]] = {}
        self._used_nums: set[str] = set()

    def _resolve(self, num_id: str) -> Optional[tuple[str, NumInstance]]:
        inst = self.defs.nums.get(num_id)
        if inst is None:
            return None
        aid = inst.abstract_id
        # A list defined by a numbering style: the abstractNum only points at the style.
        for _ in range(3):
            link = self.defs.style_links.get(aid)
            if link is None:
                break
            nid = self._style_num_ids.get(link)
            target = self.defs.nums.get(nid) if nid else None
            if target is None:
                break
            aid = target.abstract_id
        return aid, inst

    def _level(self, aid: str, inst: NumInstance, ilvl: int) -> Optional[Level]:
        return inst.level_overrides.get(ilvl) or self.defs.abstracts.get(aid, {}).get(ilvl)

    def _start(self, aid: str, inst: NumInstance, ilvl: int) -> int:
        if ilvl in inst.start_overrides:
            return inst.start_overrides[ilvl]
        lv = self._level(aid, inst, ilvl)
        return lv.start if lv is not None else 1

    def label(self, num_id: Optional[str], ilvl: int = 0) -> Optional[tuple[str, str]]:
        """Advance the list and return ``(label, suffix)``; None when the paragraph has no number.

        ``suffix`` is Word's ``w:suff``: 'tab', 'space' or 'nothing'.
        """
        if not num_id or num_id == "0":
            return None  # numId 0 explicitly removes numbering inherited from a style
        resolved = self._resolve(num_id)
        if resolved is None:
            return None
        aid, inst = resolved
        ilvl = min(max(ilvl, 0), 8)
        lvl = self._level(aid, inst, ilvl)
        if lvl is None:
            return None
        counters = self._counters.setdefault(aid, [None] * 9)
        if num_id not in self._used_nums:
            self._used_nums.add(num_id)
            for ov_level in inst.start_overrides:
                if 0 <= ov_level <= 8:
                    counters[ov_level] = None
        cur = counters[ilvl]
        counters[ilvl] = self._start(aid, inst, ilvl) if cur is None else cur + 1
        for deeper in range(ilvl + 1, 9):
            dl = self._level(aid, inst, deeper)
            restart = dl.restart if dl is not None else None
            if restart is not None and restart - 1 >= deeper:
                restart = None  # the spec says a restart level below this one is ignored
            if restart is None or (restart > 0 and ilvl < restart):
                counters[deeper] = None
        if lvl.fmt == "bullet" or lvl.text is None:
            return None
        return self._render(aid, inst, lvl, counters), lvl.suffix

    def _render(self, aid: str, inst: NumInstance, lvl: Level, counters: list[Optional[int]]) -> str:
        text = lvl.text or ""
        if "%" not in text:
            return text
        out = []
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                k = int(text[i + 1]) - 1
                val = counters[k]
                if val is None:
                    val = self._start(aid, inst, k)
                kl = self._level(aid, inst, k)
                fmt = "decimal" if lvl.is_legal else (kl.fmt if kl is not None else "decimal")
                out.append(format_number(val, fmt) if fmt != "bullet" else "")
                i += 2
                continue
            out.append(ch)
            i += 1
        return "".join(out)


def join_label(label: str, suffix: str, text: str) -> str:
    """The paragraph text as displayed: label, the gap Word puts after it, then the text.

    A tab after a label ending in full-width punctuation ("一、", "（一）") reads as no gap
    at all to a drafter and to heading patterns; after ASCII ("1.", "(1)") it reads as a space.
    """
    if not label:
        return text
    if suffix == "space":
        gap = " "
    elif suffix == "nothing":
        gap = ""
    else:
        gap = "" if ord(label[-1]) > 0x2E7F else " "
    return label + gap + text
