"""Rendering table grids as text lines, the one form every loader hands to the reader.

One line per grid row, cells joined by " | ". A merged cell's text appears in its first
grid position; positions it merely covers to the right are empty, so a value is never
counted twice. A label merged downwards (rowspan) is repeated: it names each row. Empty
and &nbsp; cells stay empty: a blank, never a zero.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
_HAS_DIGIT = re.compile(r"\d")


def clean_cell(text: str | None) -> str:
    return _SPACE.sub(" ", (text or "").replace("|", "｜")).strip()


def render_grid(rows: list[list[str]]) -> str:
    lines = [" | ".join(row).rstrip() for row in rows if any(cell for cell in row)]
    return "\n" + "\n".join(f"{line} |" for line in lines) + "\n"


def expand_spans(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """(text, rowspan, colspan) cells per row → a rectangular grid of texts."""
    grid: dict[tuple[int, int], str] = {}
    width = 0
    for r, cells in enumerate(rows):
        c = 0
        for text, rowspan, colspan in cells:
            while (r, c) in grid:
                c += 1
            for dr in range(max(rowspan, 1)):
                for dc in range(max(colspan, 1)):
                    # Covered positions: a label repeats down its rowspan; everything else is empty.
                    repeat = dc == 0 and (dr == 0 or not _HAS_DIGIT.search(text))
                    grid[(r + dr, c + dc)] = text if repeat else ""
            c += max(colspan, 1)
            width = max(width, c)
    height = max((r for r, _ in grid), default=-1) + 1
    return [[grid.get((r, c), "") for c in range(width)] for r in range(height)]
