"""Normalize source text so that one set of patterns reads every layout.

Spans everywhere else point into the text this returns, and `--with-text` shows it.
Labels split across lines (`自\\n然\\n人`) are left in place: label patterns allow
whitespace between characters instead, so line structure survives for the reader.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
_SPACES = ["\u00a0", "\u3000", "\u2002", "\u2003", "\u2009", "\u202f"]


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # Full-width ASCII (！ … ～, digits, letters, （）：，．) → half-width.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    for ch in _ZERO_WIDTH:
        table[ord(ch)] = None
    for ch in _SPACES:
        table[ord(ch)] = " "
    table[ord("\u2014")] = "—"  # keep em dash; listed to document it is deliberate
    # A lone surrogate (half a UTF-16 pair: a PDF's broken character map gives one) is no character: shown
    # as U+FFFD, as a damaged byte is (one for one, so spans keep their places). Left in, no UTF-8 encoder
    # after it takes it (OpenCC, the text's compression, JSON) and the whole report failed as an internal error.
    for code in range(0xD800, 0xE000):
        table[code] = "\ufffd"
    return table


_TABLE = _build_table()
_SURROGATE_FIRST, _SURROGATE_LAST = "\ud800", "\udfff"
# str.translate looks every character up in a dict, and a callback per change costs as much again
# (a report has a hundred （，：). Instead the first character left to change is found by one
# character class and str.replace changes it everywhere at once; the next search starts after it.
# No replacement holds a character to change, so each distinct one is replaced once.
_REPLACEMENT = {chr(code): to or "" for code, to in _TABLE.items() if chr(code) != to}  # (— stays —)
_TO_CHANGE = re.compile("[" + "".join(re.escape(ch) for ch in _REPLACEMENT if not _SURROGATE_FIRST <= ch <= _SURROGATE_LAST)
                        + f"{_SURROGATE_FIRST}-{_SURROGATE_LAST}]")  # the surrogates as one range: 2,048 characters are slow to compile


def normalize(text: str) -> str:
    """Full-width → half-width, odd spaces → space, zero-width removed, CRLF/CR → LF."""
    return _normalize(text, _TO_CHANGE)[0]


def _normalize(text: str, first: re.Pattern[str]) -> tuple[str, bool]:
    """normalize(text), and whether `first` met a character normalize does not change.

    `first` is _TO_CHANGE, or that class with every character OpenCC may change (_TO_CHANGE_OR_T2S):
    then the one scan normalize makes over its output also tells whether to_simplified has work.
    Once one such character is met the rest is searched for _TO_CHANGE only (a traditional text
    would stop at every other character)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    met = False
    pattern = first
    m = pattern.search(text)
    while m:
        to = _REPLACEMENT.get(m.group())
        if to is None:  # not one to change: one OpenCC may
            met, pattern = True, _TO_CHANGE
            m = pattern.search(text, m.start() + 1)
            continue
        text = text.replace(m.group(), to)
        m = pattern.search(text, m.start() + len(to))
    return text, met


_T2S = None  # OpenCC's converter: built at the first text holding a character it may change (_converter)
_T2S_CONFIG: Path | None = None  # the t2s.json it is built from, the one the check below was derived from
_PREPARED = False
_MAY_CHANGE = None
_TO_CHANGE_OR_T2S = None
_TO_CHANGE_OR_T2S_IN_BMP = None  # the same class without the astral planes' range (the last in it)


def _prepare() -> None:
    """The check of which characters OpenCC's t2s conversion may change (t2s_keys.py), without the converter.

    Importing opencc and building its converter (~4.5 ms, loading its library and dictionaries) is left to
    the first text that needs it: most reports are simplified and never do. So the check is read from the
    t2s.json shipped in the opencc package, and the converter is later built from that very file."""
    global _PREPARED, _T2S_CONFIG, _MAY_CHANGE, _TO_CHANGE_OR_T2S, _TO_CHANGE_OR_T2S_IN_BMP
    if _PREPARED:
        return
    from .patterns import compiled
    from .t2s_keys import ASTRAL, may_change, shipped_config

    config = _T2S_CONFIG = shipped_config()
    if config is None:  # not where the package ships it: the converter OpenCC("t2s") finds says which file it read
        config = getattr(_converter(), "config", None)  # (opencc ≥ 1.1.9 keeps it)
    _MAY_CHANGE = may_change(Path(config)) if config else None
    if _MAY_CHANGE is not None:  # both are one bracketed class: their union is one class
        union = _TO_CHANGE.pattern[:-1] + _MAY_CHANGE.pattern[1:]
        _TO_CHANGE_OR_T2S = compiled(union)  # ~3 ms each with re.compile (patterns.py)
        if union.endswith(ASTRAL + "]"):
            _TO_CHANGE_OR_T2S_IN_BMP = compiled(union[: -len(ASTRAL) - 1] + "]")
    _PREPARED = True


def _converter():
    global _T2S
    if _T2S is None:
        import opencc

        _T2S = opencc.OpenCC(str(_T2S_CONFIG)) if _T2S_CONFIG is not None else opencc.OpenCC("t2s")
    return _T2S


# A str is stored with 1, 2 or 4 bytes a character, the fewest its widest character needs (PEP 393),
# and sys.getsizeof counts them: a text stored with at most 2 holds nothing beyond U+FFFF. A size this
# cannot explain (another layout) counts as wide, so the full class is used: never a wrong answer.
_NARROW_BASE = sys.getsizeof("\u0100") - 2  # a 2-byte str's size less 2 bytes for each character


def _narrow(text: str) -> bool:
    """True only if `text` holds no character beyond U+FFFF (sure from its size, in constant time)."""
    return sys.getsizeof(text) <= _NARROW_BASE + 2 * len(text)


def to_simplified(text: str) -> str | None:
    """The text in simplified characters, of the same length; None if it has no traditional ones."""
    _prepare()
    if _MAY_CHANGE is not None and not _MAY_CHANGE.search(text):
        return None  # no character OpenCC's dictionaries would change (t2s_keys.py): it converts to itself
    return _convert(text)


def normalized_and_simplified(raw_text: str) -> tuple[str, str | None]:
    """`normalize(raw_text)` and `to_simplified` of it, with one scan of the text instead of two.

    normalize's replacements are ASCII, spaces or nothing, none of which OpenCC changes: a character
    it would change in the normalized text stood in `raw_text` and normalize's scan meets it."""
    _prepare()
    if _TO_CHANGE_OR_T2S is None:  # no check of which characters may change: every text is converted
        text = normalize(raw_text)
        return text, to_simplified(text)
    # Nothing beyond the BMP in the text (nearly every report): the class without that range finds the
    # same characters, and sre tests each character against one range fewer (~10.5 instead of 15 µs a report).
    narrow = _TO_CHANGE_OR_T2S_IN_BMP is not None and _narrow(raw_text)
    text, met = _normalize(raw_text, _TO_CHANGE_OR_T2S_IN_BMP if narrow else _TO_CHANGE_OR_T2S)
    return text, (_convert(text) if met else None)


def _convert(text: str) -> str | None:
    converter = _converter()
    converted = converter.convert(text)
    if converted == text:
        return None
    if len(converted) != len(text):  # a phrase mapped to another length: convert character by character
        converted = "".join(ch if len(c := converter.convert(ch)) != 1 else c for ch in text)
    return converted
