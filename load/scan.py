"""One scanned page image → its prose lines and ruled tables, in reading order, with boxes.

Steps: turn the page upright (a page scanned sideways or upside down), straighten a slight
skew, find the ruled tables (load/ruling.py), read each table cell's ink line by line with the
recognizer, and read the prose around the tables through the text detector. Every piece keeps
its box on the upright page and the recognizer's confidence, for provenance and review.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import ocr
from .ruling import GridCell, RuledTable, find_tables

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 on the upright page


@dataclass(slots=True)
class Piece:
    """A read piece of text: a prose line or a table cell's content."""

    text: str
    box: Box
    confidence: float
    digit_confidence: float = 1.0
    stamped: bool = False  # red ink (a seal) lies over it


@dataclass(slots=True)
class TableRead:
    box: Box
    rows: list[list[tuple[Piece, int, int]]]  # grid rows of (cell, rowspan, colspan)


@dataclass(slots=True)
class PageRead:
    width: int
    height: int
    rotation: int  # degrees the scan was turned to read it upright
    skew: float  # degrees of skew straightened
    blocks: list[Piece | TableRead] = field(default_factory=list)  # top to bottom
    upright: np.ndarray | None = None  # the upright page (grayscale), for the review image


def read_page(image: np.ndarray, dpi: float) -> PageRead:
    """Read one page image (RGB or grayscale array) scanned at `dpi`."""
    rgb = image if image.ndim == 3 else np.stack([image] * 3, axis=-1)
    gray, stamp = _channels(rgb)
    boxes = ocr.detect(gray)
    rotation = _rotation(gray, boxes)
    if rotation:
        gray, stamp = np.ascontiguousarray(np.rot90(gray, rotation // 90)), np.ascontiguousarray(np.rot90(stamp, rotation // 90))
        boxes = ocr.detect(gray)
    skew = _skew(boxes)
    if abs(skew) > 0.05:
        gray, matrix = _rotate(gray, skew)
        stamp, _ = _rotate(stamp, skew, fill=0)
        boxes = [_transform(b, matrix) for b in boxes]
    tables = find_tables(gray, dpi)
    page = PageRead(gray.shape[1], gray.shape[0], rotation, round(skew, 2), upright=gray)
    for table in tables:
        page.blocks.append(_read_table(gray, stamp, table, dpi))
    page.blocks.extend(_read_prose(gray, stamp, boxes, tables, dpi))
    page.blocks.sort(key=lambda b: b.box[1])
    return page


def _channels(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(grayscale to read, mask of seal-red ink). On a page with a red seal the red channel is read:
    there the seal is nearly as light as the paper while black print stays black, so the digits
    and labels under it read (JPEG's coarse colour would leave seal edges dark in plain luminance)."""
    import cv2

    r, g, b = (rgb[..., i].astype(np.int32) for i in range(3))
    stamp = ((r - np.maximum(g, b)) > 60).astype(np.uint8)
    if stamp.sum() > 50:
        stamp = cv2.dilate(stamp, np.ones((5, 5), np.uint8))
        return np.ascontiguousarray(rgb[..., 0]), stamp
    return np.ascontiguousarray(((r * 299 + g * 587 + b * 114) // 1000).astype(np.uint8)), stamp


def _rotation(gray: np.ndarray, boxes: list[np.ndarray]) -> int:
    """0, 90, 180 or 270: the turn (counter-clockwise, as np.rot90) that puts the text upright."""
    sizes = [_size(b) for b in boxes]
    tall = sum(1 for w, h in sizes if h > 2 * w)
    wide = sum(1 for w, h in sizes if w > 2 * h)
    candidates = (90, 270) if tall > wide else (0, 180)
    sample = [_head(_crop(gray, b)) for b in sorted(boxes, key=lambda b: -max(_size(b)))[:6]]
    if not sample:
        return 0
    scores = {}
    for turn in candidates:
        scores[turn] = sum(r.confidence for r in ocr.recognize([np.rot90(s, turn // 90) for s in sample])) / len(sample)
        if turn == 0 and scores[turn] > 0.9:
            return 0  # reads well as scanned: no need to try it upside down
    return max(candidates, key=lambda t: scores[t])


def _head(strip: np.ndarray) -> np.ndarray:
    """The first few characters of a line (along its long side): enough to tell which way is up."""
    h, w = strip.shape
    return strip[:, : 8 * h] if w >= h else strip[: 8 * w, :]


def _size(quad: np.ndarray) -> tuple[float, float]:
    return float(np.linalg.norm(quad[1] - quad[0])), float(np.linalg.norm(quad[3] - quad[0]))


def _skew(boxes: list[np.ndarray]) -> float:
    """Median angle (degrees) of the long text lines' top edges."""
    angles = []
    for b in boxes:
        w, h = _size(b)
        if w > 6 * h:
            dx, dy = b[1] - b[0]
            angles.append(float(np.degrees(np.arctan2(dy, dx))))
    return float(np.median(angles)) if len(angles) >= 3 else 0.0


def _rotate(img: np.ndarray, angle: float, fill: int = 255) -> tuple[np.ndarray, np.ndarray]:
    import cv2

    h, w = img.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out = cv2.warpAffine(img, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)
    return out, matrix


def _transform(quad: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    return (np.hstack([quad, np.ones((4, 1), np.float32)]) @ matrix.T).astype(np.float32)


def _crop(gray: np.ndarray, quad: np.ndarray) -> np.ndarray:
    x0, y0 = np.floor(quad.min(axis=0)).astype(int)
    x1, y1 = np.ceil(quad.max(axis=0)).astype(int)
    return gray[max(y0, 0):max(y1, y0 + 1), max(x0, 0):max(x1, x0 + 1)]


def _bbox(quad: np.ndarray) -> Box:
    x0, y0 = quad.min(axis=0)
    x1, y1 = quad.max(axis=0)
    return int(x0), int(y0), int(x1), int(y1)


# --- tables ---------------------------------------------------------------------------------
def _read_table(gray: np.ndarray, stamp: np.ndarray, table: RuledTable, dpi: float) -> TableRead:
    """Each cell's ink, cut into text lines, read by the recognizer; a cell's lines joined."""
    inset = max(int(dpi * 0.02), 3)  # past the border's own thickness
    strips, owners = [], []
    for i, cell in enumerate(table.cells):
        x0, y0, x1, y1 = cell.box
        for sx0, sy0, sx1, sy1 in _ink_lines(gray, (x0 + inset, y0 + inset, x1 - inset, y1 - inset), dpi):
            strips.append(gray[sy0:sy1, sx0:sx1])
            owners.append((i, (sx0, sy0, sx1, sy1)))
    reads = ocr.recognize(strips)
    texts: dict[int, list[tuple[ocr.Read, Box]]] = {}
    for (i, box), read in zip(owners, reads):
        texts.setdefault(i, []).append((read, box))
    rows: list[list[tuple[Piece, int, int]]] = []
    for i, cell in enumerate(table.cells):
        while len(rows) <= cell.row:
            rows.append([])
        parts = texts.get(i, [])
        text = _join([r.text for r, _ in parts])
        x0, y0, x1, y1 = cell.box
        piece = Piece(
            text, cell.box,
            confidence=min((r.confidence for r, _ in parts), default=1.0),
            digit_confidence=min((r.digit_confidence() for r, _ in parts), default=1.0),
            stamped=bool(stamp[y0:y1, x0:x1].any()) and bool(parts),
        )
        rows[cell.row].append((piece, cell.rowspan, cell.colspan))
    return TableRead(table.box, rows)


def _ink_lines(gray: np.ndarray, box: Box, dpi: float) -> list[Box]:
    """The text lines inside a cell: bands of rows holding ink, each cut to its ink's width."""
    import cv2

    x0, y0, x1, y1 = box
    if x1 - x0 < 4 or y1 - y0 < 4:
        return []
    crop = gray[y0:y1, x0:x1]
    # Ink is clearly darker than the cell's paper. Not Otsu: on a blank cell it would call noise ink;
    # not a fixed dark level: a thin stroke (the 二 of 二、) scans light grey.
    ink = (crop < float(np.median(crop)) - 45).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    speck = max(int((dpi / 150) ** 2 * 3), 2)  # noise, not a stroke (a printed "." at 9 pt is larger)
    keep = np.zeros(count, bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] > speck
    ink = keep[labels]
    rows = ink.any(axis=1)
    bands, start = [], None
    for y, on in enumerate(np.append(rows, False)):
        if on and start is None:
            start = y
        elif not on and start is not None:
            bands.append([start, y])
            start = None
    # A gap shorter than a stroke is inside a character (e.g. 三): merge such bands.
    merged: list[list[int]] = []
    for band in bands:
        if merged and band[0] - merged[-1][1] < dpi * 0.02:
            merged[-1][1] = band[1]
        else:
            merged.append(band)
    out = []
    for top, bottom in merged:
        if bottom - top < dpi * 0.02:
            continue  # a speck row
        cols = np.flatnonzero(ink[top:bottom].any(axis=0))
        out.append((x0 + int(cols[0]), y0 + top, x0 + int(cols[-1]) + 1, y0 + bottom))
    return out


def _join(lines: list[str]) -> str:
    """A cell's wrapped lines as one text (Chinese wraps without a space)."""
    out = ""
    for line in (s.strip() for s in lines):
        if out and line and out[-1].isascii() and line[0].isascii() and out[-1].isalnum() and line[0].isalnum():
            out += " "
        out += line
    return out


# --- prose ----------------------------------------------------------------------------------
def _read_prose(gray: np.ndarray, stamp: np.ndarray, boxes: list[np.ndarray], tables: list[RuledTable], dpi: float) -> list[Piece | TableRead]:
    """Detected lines outside every ruled table, grouped into printed lines by baseline, read left to
    right; runs of lines set out in columns become tables (load/unruled.py)."""
    def outside(quad: np.ndarray) -> bool:
        cx, cy = quad.mean(axis=0)
        return not any(t.box[0] <= cx <= t.box[2] and t.box[1] <= cy <= t.box[3] for t in tables)

    quads = [q for q in boxes if outside(q)]
    reads = ocr.recognize([_crop(gray, q) for q in quads])
    items = [(_bbox(q), r) for q, r in zip(quads, reads) if r.text.strip()]
    lines: list[list[tuple[Box, ocr.Read]]] = []
    for box, read in sorted(items, key=lambda it: (it[0][1] + it[0][3]) / 2):
        centre, height = (box[1] + box[3]) / 2, box[3] - box[1]
        if lines:
            last = lines[-1][-1][0]
            if abs(centre - (last[1] + last[3]) / 2) < 0.5 * max(height, last[3] - last[1]):
                lines[-1].append((box, read))
                continue
        lines.append([(box, read)])
    from .unruled import tables_in_lines  # (imports this module's types)

    def piece(box: Box, read: ocr.Read) -> Piece:
        x0, y0, x1, y1 = box
        return Piece(read.text.strip(), box, read.confidence, read.digit_confidence(), bool(stamp[y0:y1, x0:x1].any()))

    blocks = tables_in_lines([[piece(box, read) for box, read in line] for line in lines])
    # A table found by its layout is read again cell by cell from the ink, as ruled cells are:
    # the detector drops lone small digits and cuts them too tight to read.
    return [_reread(gray, stamp, b, dpi) if isinstance(b, TableRead) else b for b in blocks]


def _reread(gray: np.ndarray, stamp: np.ndarray, table: TableRead, dpi: float) -> TableRead:
    bands = _bands([[(p.box[0], p.box[2], cs) for p, _, cs in row] for row in table.rows])
    heights = [(min(p.box[1] for p, _, _ in row if p.text), max(p.box[3] for p, _, _ in row if p.text)) for row in table.rows]
    cells, boxes = [], []
    for r, row in enumerate(table.rows):
        top = (heights[r - 1][1] + heights[r][0]) // 2 if r else heights[r][0] - (heights[r][1] - heights[r][0]) // 2
        bottom = (heights[r][1] + heights[r + 1][0]) // 2 if r + 1 < len(heights) else heights[r][1] + (heights[r][1] - heights[r][0]) // 2
        col = 0
        for p, rs, cs in row:
            x0, x1 = bands[col][0], bands[col + cs - 1][1]
            cells.append(GridCell(r, col, rs, cs, (x0, max(top, 0), x1, bottom)))
            boxes.append(p)
            col += cs
    return _read_table(gray, stamp, RuledTable(table.box, cells), dpi)


def _bands(rows: list[list[tuple[int, int, int]]]) -> list[tuple[int, int]]:
    """Each column's reading range: from halfway to the column before to halfway to the next."""
    width = max(sum(cs for _, _, cs in row) for row in rows)
    spans: list[list[int]] = [[10**9, -1] for _ in range(width)]
    for row in rows:
        col = 0
        for x0, x1, cs in row:
            if cs == 1:
                spans[col][0], spans[col][1] = min(spans[col][0], x0), max(spans[col][1], x1)
            col += cs
    out = []
    for c, (lo, hi) in enumerate(spans):
        left = (spans[c - 1][1] + lo) // 2 if c else lo - 20
        right = (hi + spans[c + 1][0]) // 2 if c + 1 < width else hi + 20
        out.append((max(left, 0), right))
    return out
