"""Ruled tables on a page image: the grid the printed lines draw, merged cells included.

A scanned report's tables are ruled (the national format prints every border), so the lines
themselves say where rows and columns are, and a missing stretch of line between two grid
positions is a merged cell. This reads those lines with morphology (long thin runs of ink),
not with the OCR boxes: a lone "0" the text detector drops still sits in its own cell.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in page pixels, inside the borders


@dataclass(frozen=True, slots=True)
class RuledTable:
    box: tuple[int, int, int, int]
    cells: list[GridCell]  # row-major, each merged cell once, at its top-left position


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Dark pixels (text and lines) as 255 on a 0 background, robust to grey paper and noise."""
    import cv2

    blur = cv2.GaussianBlur(gray, (3, 3), 0)
    _, mask = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return mask


def line_masks(ink: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """(horizontal, vertical) ruling: ink runs far longer than any character (≥ ~1 cm)."""
    import cv2

    across, down = max(int(dpi * 0.4), 20), max(int(dpi * 0.2), 10)  # a vertical border may be one row tall
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (across, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, down)))
    # Close small gaps (noise, a faint scan) so a border reads as one line.
    gap = max(int(dpi * 0.03), 3)
    horizontal = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 3)))
    vertical = cv2.dilate(vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (3, gap)))
    return horizontal, vertical


def _positions(profile: np.ndarray, minimum: float) -> list[int]:
    """Centres of the runs where a projection profile reaches `minimum`."""
    on = profile >= minimum
    out, start = [], None
    for i, flag in enumerate(on):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            out.append((start + i - 1) // 2)
            start = None
    if start is not None:
        out.append((start + len(on) - 1) // 2)
    return out


def _with_ends(positions: list[int], covered: np.ndarray, dpi: float) -> list[int]:
    """Add the first and last covered pixel as borders when no line stands there."""
    if len(covered) == 0 or not positions:
        return positions
    out = list(positions)
    if out[0] - int(covered[0]) > dpi * 0.15:
        out.insert(0, int(covered[0]))
    if int(covered[-1]) - out[-1] > dpi * 0.15:
        out.append(int(covered[-1]))
    return out


def find_tables(gray: np.ndarray, dpi: float) -> list[RuledTable]:
    """Every ruled table on the page, top to bottom."""
    import cv2

    ink = ink_mask(gray)
    horizontal, vertical = line_masks(ink, dpi)
    frame = cv2.bitwise_or(horizontal, vertical)
    count, _, stats, _ = cv2.connectedComponentsWithStats(frame, connectivity=8)
    tables = []
    min_side = dpi * 0.3
    for i in range(1, count):
        x, y, w, h, _ = stats[i]
        if w < dpi * 1.0 or h < min_side:
            continue
        table = _grid(horizontal[y:y + h, x:x + w], vertical[y:y + h, x:x + w], (x, y), dpi)
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda t: t.box[1])


def _grid(horizontal: np.ndarray, vertical: np.ndarray, origin: tuple[int, int], dpi: float) -> RuledTable | None:
    h, w = horizontal.shape
    ys = _positions((horizontal > 0).sum(axis=1), dpi * 0.3)
    xs = _positions((vertical > 0).sum(axis=0), dpi * 0.15)
    # A table printed open at the sides (no outer border) still ends where its rules end.
    xs = _with_ends(xs, np.flatnonzero((horizontal > 0).any(axis=0)), dpi)
    ys = _with_ends(ys, np.flatnonzero((vertical > 0).any(axis=1)), dpi)
    if len(ys) < 2 or len(xs) < 2:
        return None
    reach = max(int(dpi * 0.02), 2)

    def has_h(y: int, x0: int, x1: int) -> bool:  # a horizontal border along y between x0 and x1
        band = horizontal[max(y - reach, 0):y + reach + 1, x0 + reach:max(x1 - reach, x0 + reach + 1)]
        return band.size > 0 and (band.max(axis=0) > 0).mean() > 0.6

    def has_v(x: int, y0: int, y1: int) -> bool:
        band = vertical[y0 + reach:max(y1 - reach, y0 + reach + 1), max(x - reach, 0):x + reach + 1]
        return band.size > 0 and (band.max(axis=1) > 0).mean() > 0.6

    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not has_v(xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and not has_h(ys[r + 1], xs[c], xs[c + 1]):
                parent[find((r + 1) * cols + c)] = find(r * cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(rows):
        for c in range(cols):
            groups.setdefault(find(r * cols + c), []).append((r, c))
    ox, oy = origin
    cells = []
    for members in groups.values():
        r0, c0 = min(r for r, _ in members), min(c for _, c in members)
        r1, c1 = max(r for r, _ in members), max(c for _, c in members)
        if len(members) != (r1 - r0 + 1) * (c1 - c0 + 1):
            continue  # not a rectangle: a broken border, read as separate cells is impossible; skip the odd shape
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (ox + xs[c0], oy + ys[r0], ox + xs[c1 + 1], oy + ys[r1 + 1])))
    cells.sort(key=lambda g: (g.row, g.col))
    return RuledTable((ox, oy, ox + w, oy + h), cells)
