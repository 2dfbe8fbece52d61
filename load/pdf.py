"""PDFs with a text layer: text in reading order, ruled tables as grids, page by page."""

from __future__ import annotations

import io

import re
import unicodedata

from .grid import clean_cell, render_grid
from .limits import MAX_PDF_PAGES, TooLarge

_ENDS_SENTENCE = ("。", "：", ":", "；", ";", "！", "？", "!", "?", "）", ")")
_STARTS_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．]|第[一二三四五六七八九十]+)")


def unwrap(band: str) -> str:
    """Rejoin prose the page width broke: a line that runs to the full measure and ends mid-sentence
    continues on the next line (a fact like "行政许可558件" must not be split in two)."""
    lines = band.split("\n")
    widths = [_width(line.rstrip()) for line in lines]
    measure = max(widths, default=0)
    if measure < 40 or len(lines) < 2:
        return band
    out, last_width = [lines[0]], widths[0]
    for line, width in zip(lines[1:], widths[1:]):
        previous = out[-1].rstrip()
        if last_width >= 0.85 * measure and not previous.endswith(_ENDS_SENTENCE) and not _STARTS_ITEM.match(line):
            out[-1] = previous + line.lstrip()
        else:
            out.append(line)
        last_width = width  # the measure of the printed line, not of the joined one
    return "\n".join(out)


def _width(line: str) -> int:
    """Printed width: a CJK character is two half-width characters wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


class NoTextLayer(Exception):
    pass


_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[/共]\s*\d+\s*页?)?|\d+\s*/\s*\d+)\s*$")


def _without_page_number(band: str) -> str:
    """Drop a page number ("- 3 -", "第3页") standing alone at the top or bottom of a page."""
    lines = band.strip("\n").split("\n")
    while lines and _PAGE_NUMBER.match(lines[-1]):
        lines.pop()
    while lines and _PAGE_NUMBER.match(lines[0]):
        lines.pop(0)
    return "\n".join(lines)


OCR_PAGE = "\ue000{}\ue001"  # stands in the text for a scanned page, until OCR fills it in (load/__init__.py)


def scanned_page_dpi(page) -> float | None:
    """The resolution to read a page at when it is a scan (an image, next to no text), else None."""
    if sum(1 for ch in page.chars if not ch["text"].isspace()) >= 20:
        return None
    area = float(page.width * page.height) or 1.0
    scans = [im for im in page.images if float(im["width"] * im["height"]) >= 0.3 * area]
    if not scans:
        return None
    image = max(scans, key=lambda im: im["width"] * im["height"])
    pixels, points = (image.get("srcsize") or (0, 0))[0], float(image["width"])
    native = pixels / (points / 72) if points else 300.0
    return float(min(max(native, 150.0), 300.0))  # finer than 300 dpi only costs time


def pdf_to_text(data: bytes, scanned: list[tuple[int, float]] | None = None) -> str:
    """The PDF's text. With a `scanned` list, a page that is a scan becomes an OCR_PAGE placeholder
    and its (page number, dpi) is appended to the list, for the OCR loader to read."""
    import pdfplumber

    parts: list[str] = []
    prose: list[str] = []  # consecutive text bands, across page breaks, unwrapped together

    def flush() -> None:
        if prose:
            parts.append(unwrap("\n".join(prose)))
            prose.clear()

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise TooLarge(f"a PDF of {len(pdf.pages):,} pages (a report has a few dozen; limit {MAX_PDF_PAGES:,}); refused")
        for number, page in enumerate(pdf.pages, 1):
            dpi = scanned_page_dpi(page) if scanned is not None else None
            if dpi is not None:
                flush()
                parts.append(OCR_PAGE.format(number))
                scanned.append((number, dpi))
                continue
            tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
            top = 0.0
            for table in tables:
                x0, y0, x1, y1 = table.bbox
                if y0 > top:  # the text between the previous table and this one
                    prose.append(_without_page_number(page.crop((0, top, page.width, y0)).extract_text() or ""))
                flush()
                parts.append(render_grid([[clean_cell(c) for c in row] for row in table.extract()]))
                top = max(top, y1)
            if top < page.height:
                prose.append(_without_page_number(page.crop((0, top, page.width, page.height)).extract_text() or ""))
    flush()
    text = "\n".join(parts).strip()
    if not text:
        raise NoTextLayer("no text layer (a scanned PDF?); OCR is not supported")
    return text + "\n"
