"""PDFs with a text layer: text in reading order, ruled tables as grids, page by page."""

from __future__ import annotations

import io

from .grid import clean_cell, render_grid


class NoTextLayer(Exception):
    pass


def pdf_to_text(data: bytes) -> str:
    import pdfplumber

    parts = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
            top = 0.0
            for table in tables:
                x0, y0, x1, y1 = table.bbox
                if y0 > top:  # the text between the previous table and this one
                    parts.append(page.crop((0, top, page.width, y0)).extract_text() or "")
                parts.append(render_grid([[clean_cell(c) for c in row] for row in table.extract()]))
                top = max(top, y1)
            if top < page.height:
                parts.append(page.crop((0, top, page.width, page.height)).extract_text() or "")
    text = "\n".join(parts).strip()
    if not text:
        raise NoTextLayer("no text layer (a scanned PDF?); OCR is not supported")
    return text + "\n"
