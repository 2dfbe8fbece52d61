"""Reading printed numbers: `1,234`, `0.5`, `251000元`, `3万元`, `2万件`, `-2`, and cells that are not numbers.

A magnitude printed with the number scales it (`2万件` is 20000, `1.2万` 12000, `3千` 3000,
`1亿元` 100000000 元); `万元` is a unit of its own (the fee column's), so `3万元` stays 3 万元, and
a bare number in a column is never scaled by the column's unit. `raw` keeps what was printed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from ..report import Number

UNITS = "万元|元|件|条|个|项|次|份|%"

MAGNITUDES = {"千": 1000, "万": 10_000, "亿": 100_000_000}
# A printed number with its optional magnitude and unit. Thousands separators only in their exact grouping.
_NUMBER = re.compile(
    rf"(?<![\d.,])(?P<sign>-)?(?P<int>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(?P<frac>\d+))?(?![\d])"
    rf"(?:\s*(?P<mag>万(?!元)|千(?![米克瓦])|亿))?(?:\s*(?P<unit>{UNITS}))?"
)
# The number a fact pattern captures, magnitude included (`2万` of `行政许可2万件`), for parse_number.
COUNT = r"\d[\d,]*(?:(?:\.\d+)?[千万亿](?!元))?"
# A printed cell that holds no number: dashes, slashes, 无, 空 … standing alone between separators.
# Three or more hyphens are a markdown table's separator row, not a cell.
MARKER = re.compile(r"(?<![^\s|])(?:—+|-{1,2}|/|\\|无|空|\*)(?![^\s|])")
_CJK = re.compile(r"[\u4e00-\u9fff]")


class Token(NamedTuple):  # a tuple: made by the hundred per report, it must be cheap to build
    kind: str  # "number" | "percent" (19%) | "marker" (a printed non-number: —, /, 无)
    value: Number | None
    start: int
    end: int
    raw: str
    unit: str | None = None


def parse_number(raw: str) -> Number | None:
    """The value of one printed number (`"1,234"` → 1234, `"0.50万元"` → 0.5); None if it is not one."""
    printed = raw.strip()
    if printed.isascii() and printed.isdigit() and len(printed) <= MAX_DIGITS:
        return int(printed)  # the usual count (`91`): what the pattern reads it as (tests/test_numbers.py)
    return _read_pattern(printed)


def _read_pattern(printed: str) -> Number | None:
    m = _NUMBER.fullmatch(printed)
    return _value(m) if m else None


MAX_DIGITS = 18  # an integer part this long still fits SQLite's INTEGER; nothing a report prints is longer


def _value(m: re.Match[str]) -> Number:
    digits = m["int"].replace(",", "")
    sign = -1 if m["sign"] else 1
    if len(digits) > MAX_DIGITS:
        # Glued digits, not a value: never converted (int() of thousands of digits raises or crawls);
        # infinite, so whoever reads it sees a value beyond any limit (extract/implausible.py).
        return sign * math.inf
    if m["mag"]:
        # Exact: 1.2万 is 12000, not 12000.000000000002.
        scaled = Decimal(f"{digits}.{m['frac'] or 0}") * MAGNITUDES[m["mag"]]
        return sign * (int(scaled) if scaled == scaled.to_integral_value() else float(scaled))
    if m["frac"] is not None:
        return sign * float(f"{digits}.{m['frac']}")
    return sign * int(digits)


def not_a_value(text: str, start: int) -> bool:
    """Whether `tokens` finds no value starting at `start`: no number matches there, or it is numbering."""
    m = _NUMBER.match(text, start)
    return m is None or _is_numbering(text, m)


def _is_numbering(text: str, m: re.Match[str]) -> bool:
    """`1.属于…`, `3、收到…`, `(1)`, `第1项`, `2024年`: numbers that label, not values."""
    end, start = m.end(), m.start()
    if m["sign"] and start > 0 and not text[start - 1].isspace() and text[start - 1] != "|":
        return True  # a dash joining two things, e.g. a date range, not a minus sign
    after = text[end : end + 4].lstrip(" ")
    if m["unit"] is None and m["mag"] is None and after[:1] in (".", "、") and _CJK.match(after[1:].lstrip(" ")[:1] or "x"):
        return True
    if m["unit"] is None and m["mag"] is None and after[:1] in ("年", "月", "日", "号", "项", "类", "季"):
        return True
    before = text[max(0, start - 1) : start]
    if before == "第":
        return True
    if before in ("(", "（") and after[:1] in (")", "）"):
        return True
    return False


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Every value-like token in text[start:end], in order, with absolute spans.

    The hot path of every table: one compiled pass, each match's groups read once, and the
    common cell (a plain integer between separators) never goes through the general checks."""
    end = len(text) if end is None else end
    found: list[Token] = []
    append = found.append
    # Scanned digits first: a pattern opening with a look-behind is tried at every character, one
    # opening with a digit is not. What _NUMBER's look-behind and sign would decide is decided here.
    for c in _DIGITS_FIRST.finditer(text, start, end):
        s = c.start()
        before = text[s - 1] if s > 0 else ""
        if before == "-" and s - 1 >= start and not _joined(text[s - 2 : s - 1]):
            _general(text, _NUMBER.match(text, s - 1, end), append)  # signed: as _NUMBER reads it
            continue
        if _joined(before):
            continue  # inside a longer number (12.5, 1,23): _NUMBER's look-behind refuses every digit here
        digits, frac, mag, unit = c.groups()
        e = c.end()
        nxt = text[e : e + 1]
        if nxt == " ":  # as _is_numbering reads what follows: up to three spaces skipped
            nxt = text[e : e + 4].lstrip(" ")[:1]
        if (nxt in _PLAIN_AFTER and before not in _LABEL_BEFORE and unit is None and mag is None and frac is None
                and len(digits) <= MAX_DIGITS and "," not in digits):
            # A plain integer before a separator or a line end: nothing can make it a label (`1.`, `3、`, `2024年`, `第1`).
            append(new_token(Token, ("number", int(digits), s, e, digits, None)))
            continue
        _general(text, _NUMBER.match(text, s, end), append)
    markers = [Token("marker", None, m.start(), m.end(), m.group(0)) for m in MARKER.finditer(text, start, end)]
    if markers:  # else already in order
        found.extend(markers)
        found.sort(key=lambda t: t.start)
    return found


def _joined(char: str) -> bool:
    """Whether a number right after `char` continues another (_NUMBER's look-behind: [\\d.,])."""
    return char in _JOINING or (char >= "\x80" and char.isdecimal())  # the ASCII digits are in the set


_JOINING = frozenset("0123456789.,")  # and any other decimal digit; "" (the text's start) joins nothing


def _general(text: str, m: re.Match[str] | None, append: Callable[[Token], None]) -> None:
    """Any number the fast path does not take: a sign, a fraction, a magnitude, a unit, a possible label."""
    if m is None or _is_numbering(text, m):
        return
    unit = m["unit"]
    kind = "percent" if unit == "%" else "number"  # a share, never a count: no table cell holds one
    append(Token(kind, _value(m), m.start(), m.end(), m.group(0), unit))


_DIGITS_FIRST = re.compile(_NUMBER.pattern.removeprefix(r"(?<![\d.,])(?P<sign>-)?"))
# new_token(Token, (…)) is Token(…) built in C: NamedTuple's own __new__ runs in Python, per cell.
new_token = tuple.__new__
# After a number, these end it as a value at once: a cell separator or the end of a line.
_PLAIN_AFTER = frozenset(("|", "\t", "\n", ""))
_LABEL_BEFORE = frozenset(("第", "(", "（"))
