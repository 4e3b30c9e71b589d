"""The one normaliser: named functions for the ways text is made comparable.

Drafters type the same thing many ways: full- or half-width digits and brackets, curly or
straight quotes, ideographic or no-break spaces, a dash of one of seven shapes. Each
function below folds exactly the differences that do not matter *for its purpose*, and
says what it keeps. They differ on purpose, in two ways:

- **Offsets kept or not.** ``digits_to_ascii``, ``number_chars_to_ascii`` and
  ``heading_to_half_width`` map one character to one character, so a span found in their
  output is the same span of the input (findings point into the original text). The
  ``*_key`` functions drop characters and are for comparing only.
- **How much is folded.** A heading key drops quotes but keeps ``、``; a label key folds
  ``，`` into ``、`` and lower-cases; a cell value drops every space; the date and phone
  scanners fold only the digits, because their patterns spell the separators (．－/) in
  both widths themselves and folding them would change which pattern matches.

Counting units and agency suffixes, which several stages also need to agree on, are
listed once in ``text/units.py``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FW_DIGITS = {chr(0xFF10 + i): str(i) for i in range(10)}

# ---------------------------------------------------------------------------------
# Offset-preserving folds


_DIGITS = str.maketrans(_FW_DIGITS)


def digits_to_ascii(text: str) -> str:
    """Full-width digits to ASCII (０１２ → 012), nothing else; offsets unchanged.

    For the date and phone scanners (text/dates.py, text/contacts.py)."""
    return text.translate(_DIGITS)


_NUMBER_CHARS = str.maketrans({**_FW_DIGITS, "．": ".", "－": "-", "＋": "+", "−": "-", "\u3000": " ", "\xa0": " "})


def number_chars_to_ascii(text: str) -> str:
    """The characters a written number is made of, to ASCII: full-width digits, decimal
    point and signs, the minus sign U+2212, ideographic and no-break spaces; offsets unchanged.

    For the numeral parser (text/numerals.py) and for reading values out of tables
    flattened into text (facts/flattened.py)."""
    return text.translate(_NUMBER_CHARS)


_HEADING_HALF = str.maketrans({"（": "(", "）": ")", "．": ".", "：": ":", "，": ",", "\u3000": " ", "\xa0": " ", **_FW_DIGITS})
# Most lines hold none of these characters, and str.translate with a dict table costs
# microseconds per non-ASCII line: one C-level search decides whether to translate at all.
_HEADING_HALF_NEEDED = re.compile("[（）．：，\u3000\xa0\uff10-\uff19]")


def heading_to_half_width(text: str) -> str:
    """The characters headings are told apart by (（）．：， digits, spaces) to half width;
    offsets unchanged. For classifying lines as headings (outline/classify.py, outline/year.py)."""
    return text.translate(_HEADING_HALF) if _HEADING_HALF_NEEDED.search(text) else text


# ---------------------------------------------------------------------------------
# Comparison keys (characters dropped: not for offsets)


_HEADING_KEY = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "【": "(",
        "】": ")",
        "〔": "(",
        "〕": ")",
        "[": "(",
        "]": ")",
        "，": ",",
        "：": ":",
        "；": ";",
        "．": ".",
        "＋": "+",
        **_FW_DIGITS,
        **{q: None for q in "“”„‟\"'‘’「」『』"},
        **{w: None for w in " \t\u3000\xa0\r\n"},
    }
)
_HEADING_TRAIL = "。.,:;!?！？ "


def heading_key(text: str) -> str:
    """A heading for comparison with a profile title: no spaces or quotes, half-width
    brackets and punctuation, no trailing 。：; (facts/sections.py, the heading matcher)."""
    return text.translate(_HEADING_KEY).rstrip(_HEADING_TRAIL)


_HEADING_NOISE_RE = re.compile(r"[\s\u3000\xa0“”\"'‘’、，,。.:：;；（）()《》〈〉【】\-—]+")


def heading_words(text: str) -> str:
    """Only the words of a heading: every space and punctuation mark removed, 、 and
    brackets included, so "（二）依申请公开" and "依申请公开：" keep just their words.
    Looser than ``heading_key``: for containment tests where a numbering or a bracket must
    not decide (checks/narrative.py, a binding's ``sections``)."""
    return _HEADING_NOISE_RE.sub("", text or "")


# Applied before NFKC: circled digits would otherwise become bare digits ("①" -> "1")
# and lose the punctuation that marks them as enumerators.
_LABEL_PRE = str.maketrans({chr(0x2460 + i): f"({i + 1})" for i in range(20)})

_LABEL_POST = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "「": '"',
        "」": '"',
        "『": '"',
        "』": '"',
        "‘": '"',
        "’": '"',
        "'": '"',
        "′": '"',
        "`": '"',
        "〔": "(",
        "〕": ")",
        "【": "(",
        "】": ")",
        "[": "(",
        "]": ")",
        "{": "(",
        "}": ")",
        "〈": "《",
        "〉": "》",
        "<": "《",
        ">": "》",
        "，": "、",
        ",": "、",
        "﹐": "、",
        "､": "、",
        "。": ".",
        "．": ".",
        "｡": ".",
        "—": "-",
        "–": "-",
        "−": "-",
        "―": "-",
        "‐": "-",
        "‑": "-",
        "─": "-",
        "；": ";",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
        "\u00ad": None,
    }
)

_WS_RE = re.compile(r"\s+")


@lru_cache(maxsize=32768)
def label_key(text: str) -> str:
    """A table label for comparison: NFKC, punctuation and quotes unified (，→、 “”→\"
    【】→()), no whitespace at all, lower case (text/labels.py, profiles/choose.py)."""
    t = unicodedata.normalize("NFKC", text.translate(_LABEL_PRE)).translate(_LABEL_POST)
    return _WS_RE.sub("", t).lower()


_VALUE = str.maketrans(
    {"—": "-", "–": "-", "−": "-", "―": "-", "‐": "-", "‑": "-", "─": "-", "，": ",", "．": ".", "\u200b": None, "\ufeff": None}
)


def cell_value_key(text: str) -> str:
    """A table cell's text for reading its value: NFKC, every dash a hyphen, full-width
    separators to ASCII, no spaces or zero-width characters ("1，015 件" → "1,015件").
    Keeps ，→, (unlike ``label_key``'s ，→、) so a thousands separator stays one
    (facts/tables.py)."""
    return _WS_RE.sub("", unicodedata.normalize("NFKC", text or "").translate(_VALUE))
