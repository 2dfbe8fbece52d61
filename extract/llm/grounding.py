"""Grounding: a figure the model read is trusted only if its quote is in the source, holds its value and names what it counts."""

from __future__ import annotations

import re
from functools import lru_cache

from ..facts import key_phrases
from ..numbers import tokens

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=64)
def _squeezed(text: str) -> tuple[str, tuple[int, ...]]:
    """The text without whitespace, and for each kept character its offset in the text."""
    kept = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(ch for _, ch in kept), tuple(i for i, _ in kept)


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """The span of `quote` in `text`: exact, else ignoring whitespace. Never a fuzzy match."""
    if not quote or not quote.strip():
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    squeezed, offsets = _squeezed(text)
    needle = _SPACE.sub("", quote)
    at = squeezed.find(needle)
    if at < 0:
        return None
    return offsets[at], offsets[at + len(needle) - 1] + 1


def value_in(text: str, start: int, end: int, value: float) -> bool:
    """Whether a number printed in text[start:end] equals `value` exactly."""
    return any(t.value is not None and abs(t.value - value) < 1e-9 for t in tokens(text, start, end))


def names_its_subject(name: str, quote: str) -> bool:
    """Whether the quote names what the fact counts (许可 for active.licensing, 复议 for a review count …)."""
    phrases = key_phrases(name)
    squeezed = _SPACE.sub("", quote)
    return not phrases or any(p in squeezed for p in phrases)
