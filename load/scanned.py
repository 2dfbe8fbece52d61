"""Scanned documents: page images → the report's text, with where each piece was read.

Prose lines become text lines in reading order (rejoined where the page width broke them,
as for text PDFs); each table becomes rows of (text, rowspan, colspan) cells handed to the
same grid functions as the HTML and Word loaders (load/grid.py), so one reader reads them all.
Every piece read keeps a mark: its character span in the text, page, box and confidence.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

import numpy as np

from .grid import clean_cell, expand_spans, render_grid
from .pdf import unwrap
from .scan import PageRead, Piece, TableRead, read_page

log = logging.getLogger("nianbao.ocr")

REVIEW_DPI = 100  # page images kept for the review page: enough to see a digit, ~100 KB a page


@dataclass(frozen=True, slots=True)
class OcrMark:
    """Where a piece of the loader's text was read: span in that text, page (1-based), box, confidence."""

    start: int
    end: int
    page: int
    box: tuple[int, int, int, int]  # in the review image's pixels (REVIEW_DPI), on the upright page
    confidence: float
    digit_confidence: float
    stamped: bool = False

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "page": self.page, "box": list(self.box),
                "confidence": round(self.confidence, 4), "digit_confidence": round(self.digit_confidence, 4),
                "stamped": self.stamped}


@dataclass(frozen=True, slots=True)
class Scanned:
    text: str
    marks: tuple[OcrMark, ...]
    page_images: dict[int, bytes]  # page number → JPEG of the upright page at REVIEW_DPI


def read_images(images: list[tuple[int, np.ndarray, float]], source: str = "") -> Scanned:
    """Read (page number, image, dpi) pages and put their text together in page order."""
    pages: list[tuple[int, PageRead, float]] = []
    for i, (number, image, dpi) in enumerate(images, 1):
        log.info("OCR %s: page %d (%d of %d)", source, number, i, len(images))
        pages.append((number, read_page(image, dpi), dpi))
    return assemble(pages)


def assemble(pages: list[tuple[int, PageRead, float]]) -> Scanned:
    parts: list[str] = []
    placed: list[tuple[str, int, Piece, float]] = []  # (text as written, page, piece, scale) in text order
    prose: list[tuple[str, int, Piece, float]] = []

    def flush() -> None:
        if prose:
            parts.append(unwrap("\n".join(t for t, *_ in prose)))
            placed.extend(prose)
            prose.clear()

    for number, page, dpi in pages:
        scale = REVIEW_DPI / dpi
        for block in page.blocks:
            if isinstance(block, TableRead):
                flush()
                parts.append(render_grid(expand_spans([[(clean_cell(p.text), rs, cs) for p, rs, cs in row] for row in block.rows])))
                placed.extend((clean_cell(p.text), number, p, scale) for row in block.rows for p, _, _ in row)
            elif block.text.strip():
                prose.append((block.text.strip(), number, block, scale))
    flush()
    text = "\n".join(parts).strip() + "\n"
    return Scanned(text, tuple(_marks(text, placed)), {n: _review_image(p, dpi) for n, p, dpi in pages})


def _marks(text: str, placed: list[tuple[str, int, Piece, float]]) -> list[OcrMark]:
    """Find each piece in the text, in order (the text holds them in the order they were placed)."""
    out, cursor = [], 0
    for written, page, piece, scale in placed:
        if not written:
            continue
        at = text.find(written, cursor)
        if at < 0:
            continue
        cursor = at + len(written)
        box = tuple(int(round(v * scale)) for v in piece.box)
        out.append(OcrMark(at, cursor, page, box, piece.confidence, piece.digit_confidence, piece.stamped))
    return out


def _review_image(page: PageRead, dpi: float) -> bytes:
    from PIL import Image

    image = Image.fromarray(page.upright)
    scale = REVIEW_DPI / dpi
    if scale < 1:
        image = image.resize((max(int(page.width * scale), 1), max(int(page.height * scale), 1)), Image.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70, optimize=True)
    return buffer.getvalue()


# --- inputs -----------------------------------------------------------------------------------
def image_dpi(image, fallback_inches: float = 11.69) -> float:
    """The scan's resolution: as recorded in the file, else guessed from an A4 page's long side."""
    recorded = image.info.get("dpi")
    if recorded and recorded[0] and 50 <= float(recorded[0]) <= 1200:
        return float(recorded[0])
    return max(max(image.size) / fallback_inches, 72.0)


def decodable(data: bytes) -> bool:
    """Whether the bytes are an image the imaging library can decode (True when it is not installed:
    reading will then say how to install OCR)."""
    try:
        from PIL import Image
    except ImportError:
        return True
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        return True
    except Exception:  # noqa: BLE001 — PIL raises many kinds for a broken file
        return False


def read_image_file(data: bytes, source: str = "") -> Scanned:
    """A PNG or JPEG of one page (a multi-frame TIFF/GIF: every frame a page)."""
    from PIL import Image, ImageOps

    image = Image.open(io.BytesIO(data))
    frames = []
    for n in range(getattr(image, "n_frames", 1)):
        image.seek(n)
        frame = ImageOps.exif_transpose(image.convert("RGB"))
        frames.append((n + 1, np.asarray(frame), image_dpi(image)))
    return read_images(frames, source)


def render_pdf_pages(data: bytes, pages: list[tuple[int, float]]) -> list[tuple[int, np.ndarray, float]]:
    """Rasterize the given (page number, dpi) pages of a PDF with pdfium."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        out = []
        for number, dpi in pages:
            bitmap = document[number - 1].render(scale=dpi / 72, rev_byteorder=True)
            out.append((number, np.asarray(bitmap.to_pil().convert("RGB")), dpi))
        return out
    finally:
        document.close()


def fill_pdf_pages(text: str, data: bytes, pages: list[tuple[int, float]], placeholder: str, source: str = "") -> Scanned:
    """Read the scanned `pages` of a PDF and put each page's text where its placeholder stands."""
    out, marks, images, pos = [], [], {}, 0
    for number, dpi in pages:
        read = read_images(render_pdf_pages(data, [(number, dpi)]), source)
        at = text.index(placeholder.format(number), pos)
        out.append(text[pos:at])
        offset = sum(len(p) for p in out)
        marks.extend(OcrMark(m.start + offset, m.end + offset, m.page, m.box, m.confidence, m.digit_confidence, m.stamped) for m in read.marks)
        out.append(read.text)
        images.update(read.page_images)
        pos = at + len(placeholder.format(number))
    out.append(text[pos:])
    return Scanned("".join(out), tuple(marks), images)
