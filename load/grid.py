"""Table grids as text lines: the one form every loader hands on, and the one parser that reads it back.

Every loader (HTML, DOCX, PDF, and OCR) renders a table through `render_grid` (rows of cell
texts) or `render_spans` (rows of (text, rowspan, colspan) cells, merged cells expanded by
`expand_spans`). One line per grid row, cells joined by " | ", each line ending in " |".
The grid is rectangular: every line has the same number of cells, so a cell's column is
its position on the line. A merged cell's text appears in its first grid position;
positions it merely covers to the right are empty, so a value is never counted twice. A
label merged downwards (rowspan) is repeated: it names each row. Empty and &nbsp; cells
stay empty: a blank, never a zero. A "|" printed inside a cell becomes "¦", so it never
splits a cell.

`find_grids` is the inverse: it finds those blocks in the (normalized) text again and gives
each cell's position (row, column) with its span in that text, so the table reader reads by
(row, column) and every value keeps its provenance. Normalization keeps the lines intact
(it only maps characters), so the spans point into `Report.text`. Blocks whose rows have
different numbers of cells (copies of web tables that lost their geometry) are not grids:
they are read as text rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")
_HAS_DIGIT = re.compile(r"\d")
CELL_BAR = "¦"  # a "|" printed inside a cell; normalization leaves it alone (it would turn "｜" into "|")


def clean_cell(text: str | None) -> str:
    return _SPACE.sub(" ", (text or "").replace("|", CELL_BAR).replace("｜", CELL_BAR)).strip()


def render_grid(rows: list[list[str]]) -> str:
    """Rows of cell texts (already expanded, one entry per grid column) → grid lines.

    Rows are padded to the widest one, so the block stays rectangular; rows with no text are dropped."""
    rows = [[clean_cell(cell) for cell in row] for row in rows]
    width = max((len(row) for row in rows), default=0)
    lines = [" | ".join(row + [""] * (width - len(row))).rstrip() for row in rows if any(cell for cell in row)]
    return "\n" + "\n".join(f"{line} |" for line in lines) + "\n"


def render_spans(rows: list[list[tuple[str, int, int]]]) -> str:
    """Rows of (text, rowspan, colspan) cells, as HTML or OCR give them → grid lines."""
    return render_grid(expand_spans(rows))


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


# --- reading grids back ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class GridCell:
    text: str  # the cell's text, stripped
    start: int  # its span in the text; an empty cell has start == end, at its place on the line
    end: int


@dataclass(frozen=True, slots=True)
class Grid:
    start: int  # span of the whole block in the text
    end: int
    rows: tuple[tuple[GridCell, ...], ...]

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


_GRID_LINE = re.compile(r"^[^\n|]*\|[^\n]*\|[ \t]*$", re.M)  # at least two bars, the last one ends the line
_SEPARATOR_ROW = re.compile(r"^[\s|:\-]*-{3,}[\s|:\-]*$")  # a markdown |---|---| row


def _cells(text: str, start: int, end: int) -> tuple[GridCell, ...]:
    cells = []
    pos = start
    line = text[start:end].rstrip(" \t")
    for piece in line.split("|")[:-1]:  # the piece after the last bar is the line's end
        stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        s = pos + lead if stripped else pos + len(piece)
        cells.append(GridCell(stripped, s, s + len(stripped)))
        pos += len(piece) + 1
    return tuple(cells)


def find_grids(text: str, start: int = 0, end: int | None = None) -> list[Grid]:
    """Every rendered grid whose lines lie in text[start:end], with each cell's span."""
    end = len(text) if end is None else end
    grids: list[Grid] = []
    block: list[tuple[int, int]] = []

    def close() -> None:
        rows = [_cells(text, s, e) for s, e in block if not _SEPARATOR_ROW.match(text[s:e])]
        if len(rows) >= 2 and len({len(row) for row in rows}) == 1:
            grids.append(Grid(block[0][0], block[-1][1], tuple(rows)))
        block.clear()

    for m in _GRID_LINE.finditer(text, start, end):
        if block and m.start() != block[-1][1] + 1:
            close()
        block.append((m.start(), m.end()))
    if block:
        close()
    return grids
