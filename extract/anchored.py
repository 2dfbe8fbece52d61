"""A pattern's matches, looked for only where they can start.

`re` scans a pattern that begins with alternatives (`(?:未|没有)…`) one character at a time,
testing each against the set of first characters: over a whole report that costs more than
everything else the prose readers do. When every match must begin with one of a few words,
looking for each word's first character (a memchr) locates them far faster, and the pattern is
tried there only.
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
    groups = _by_first_character(tuple(words))
    if len(groups) == 1:
        ((first, same_start),) = groups
        return _starts(text, first, same_start, start)
    # Words in different groups begin with different characters, so no position is found twice:
    # the lists are joined and sorted, no set needed.
    found: list[int] = []
    for first, same_start in groups:
        found += _starts(text, first, same_start, start)
    found.sort()
    return found


def _starts(text: str, first: str, words: tuple[str, ...], start: int) -> list[int]:
    # str.find of one character is a memchr over the text, many times faster than any search for a
    # word (regex or str.find of two characters): the word is checked only where its first character stands.
    # Stepping one character on, occurrences that overlap (申申申 holds 申申 twice) are all found.
    found = []
    at = text.find(first, start)
    if words == (first,):  # the word is that one character (未): every place it stands
        while at >= 0:
            found.append(at)
            at = text.find(first, at + 1)
        return found
    while at >= 0:
        if text.startswith(words, at):
            found.append(at)
        at = text.find(first, at + 1)
    return found


def occurrences(text: str, word: str, start: int = 0) -> list[int]:
    """What positions(text, [word], start) gives, by str.find of the whole word: for a long word
    (行政事业性收费) that skips ahead by up to its length, where a search for its first character
    stops at every 行 (a 2-character word is found faster by positions)."""
    found = []
    at = text.find(word, start)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def positions_by_last(text: str, words: Iterable[str], start: int = 0) -> list[int]:
    """What positions() gives, found by the words' last characters: for words whose first characters
    stand everywhere in a report and their last ones seldom (发布日期: 发 is in every other sentence)."""
    found: set[int] = set()
    for last, same_end in _by_last_character(tuple(words)):
        at = text.find(last, start)
        while at >= 0:
            # one C call tells whether any of them ends here (most places hold none): only then each is placed
            if text.endswith(same_end, start, at + 1):
                for word in same_end:
                    begin = at - len(word) + 1
                    if begin >= start and text.startswith(word, begin):
                        found.add(begin)
            at = text.find(last, at + 1)
    return sorted(found)


@functools.cache
def _by_last_character(words: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[-1], []).append(word)
    return tuple((last, tuple(same)) for last, same in groups.items())


@functools.cache
def _by_first_character(words: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The words grouped by their first character (接到, 接收 → 接: both checked where one 接 stands)."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word)
    return tuple((first, tuple(same)) for first, same in groups.items())


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
