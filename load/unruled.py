"""Tables printed without ruling lines: rows by baseline, columns by the x ranges of the cells.

The detector's boxes on one printed line, split where the gap is wider than one and a half
character heights, are that line's segments. A run of at least three consecutive lines with two
or more segments each (two of them with three or more) is a table: its columns are the x ranges
of the segments of its fullest lines; a segment spanning several columns is a merged cell; a
column with no segment on a line is a blank cell. Anything that does not fit stays prose.
"""

from __future__ import annotations

from .scan import Box, Piece, TableRead


def segments(line: list[Piece]) -> list[Piece]:
    """A line's boxes (left to right) joined into segments where they touch or nearly touch."""
    out: list[list[Piece]] = []
    for piece in sorted(line, key=lambda p: p.box[0]):
        height = piece.box[3] - piece.box[1]
        if out and piece.box[0] - out[-1][-1].box[2] <= 1.5 * height:
            out[-1].append(piece)
        else:
            out.append([piece])
    return [_joined(group) for group in out]


def _joined(group: list[Piece]) -> Piece:
    if len(group) == 1:
        return group[0]
    box = (min(p.box[0] for p in group), min(p.box[1] for p in group), max(p.box[2] for p in group), max(p.box[3] for p in group))
    return Piece("".join(p.text for p in group), box, min(p.confidence for p in group),
                 min(p.digit_confidence for p in group), any(p.stamped for p in group))


def _overlap(a: Box, lo: int, hi: int) -> bool:
    return min(a[2], hi) - max(a[0], lo) > 0


def _columns(rows: list[list[Piece]]) -> list[tuple[int, int]]:
    """Column x ranges from the fullest lines, merged where they overlap from line to line."""
    most = max(len(r) for r in rows)
    bands: list[list[int]] = []
    for row in (r for r in rows if len(r) == most):
        for p in row:
            for band in bands:
                if min(band[1], p.box[2]) - max(band[0], p.box[0]) > 0:
                    band[0], band[1] = min(band[0], p.box[0]), max(band[1], p.box[2])
                    break
            else:
                bands.append([p.box[0], p.box[2]])
    return [(lo, hi) for lo, hi in sorted(bands)]


def _table(rows: list[list[Piece]]) -> TableRead | None:
    columns = _columns(rows)
    if len(columns) < 2:
        return None
    grid: list[list[tuple[Piece, int, int]]] = []
    for row in rows:
        cells, col = [], 0
        for p in row:
            covered = [i for i, (lo, hi) in enumerate(columns) if _overlap(p.box, lo, hi)]
            if not covered or covered[0] < col:
                return None  # a segment between columns or out of order: not a clean table
            while col < covered[0]:
                lo, hi = columns[col]
                cells.append((Piece("", (lo, p.box[1], hi, p.box[3]), 1.0), 1, 1))
                col += 1
            cells.append((p, 1, covered[-1] - covered[0] + 1))
            col = covered[-1] + 1
        while col < len(columns):
            lo, hi = columns[col]
            cells.append((Piece("", (lo, row[0].box[1], hi, row[0].box[3]), 1.0), 1, 1))
            col += 1
        grid.append(cells)
    box = (columns[0][0], rows[0][0].box[1], columns[-1][1], max(p.box[3] for p in rows[-1]))
    return TableRead(box, grid)


def tables_in_lines(lines: list[list[Piece]]) -> list[Piece | TableRead]:
    """Each line as one prose Piece, except runs of lines that read as a table."""
    split = [segments(line) for line in lines]
    out: list[Piece | TableRead] = []
    i = 0
    while i < len(split):
        j = i
        while j < len(split) and len(split[j]) >= 2:
            j += 1
        run = split[i:j]
        table = _table(run) if len(run) >= 3 and sum(1 for r in run if len(r) >= 3) >= 2 else None
        if table is not None:
            out.append(table)
            i = j
            continue
        out.append(_prose(split[i]))
        i += 1
    return out


def _prose(segs: list[Piece]) -> Piece:
    """A line read as prose: its segments joined by a space."""
    if len(segs) == 1:
        return segs[0]
    joined = _joined(segs)
    return Piece(" ".join(s.text for s in segs), joined.box, joined.confidence, joined.digit_confidence, joined.stamped)
