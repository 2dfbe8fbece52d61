"""A pattern's matches, looked for only where they can start.

`re` scans a pattern that begins with alternatives (`(?:未|没有)…`) one character at a time,
testing each against the set of first characters: over a whole report that costs more than
everything else the prose readers do. When every match must begin with one of a few words,
a literal search for each word locates them far faster, and the pattern is tried there only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator


def alternatives(words: Iterable[str]) -> str:
    """`(?:w1|w2|…)`: the words as one regex group, so a pattern and its start words share one list."""
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


def positions(text: str, words: Iterable[str], start: int = 0) -> list[int]:
    """Every position from `start` on where one of `words` starts, in order, each once."""
    found: set[int] = set()
    for word in words:
        literal = _literal(word)
        m = literal.search(text, start)
        while m:
            found.add(m.start())
            m = literal.search(text, m.start() + 1)  # from the next character: occurrences may overlap
    return sorted(found)


@functools.cache
def _literal(word: str) -> re.Pattern[str]:
    # re finds a literal in Chinese text faster than str.find does (a tight loop on its first character).
    return re.compile(re.escape(word))


def finditer_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches `pattern.finditer(text)` gives, trying `pattern` only at `starts` (ascending).

    Exact when every match of `pattern` starts at one of `starts` and none is empty: like
    finditer, each match is the leftmost one beginning at or after the end of the one before
    (a match at a position is the same whether `search` reaches it or `match` starts there:
    look-behinds and `^` see the whole text either way)."""
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)):
            yield m
            end = m.end()
