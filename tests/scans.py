"""Scanned copies of a golden report, built at test time (nothing binary is committed).

The text PDF from tests/render.py is rasterized with pdfium at a scan resolution, then made to
look scanned: a slight skew, mild noise, JPEG compression; optionally a red seal over a value
or a page turned sideways. The pages go into an image-only PDF, as a scanner writes one.
"""

from __future__ import annotations

import io
import json

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

def _cjk_font() -> str:
    """A font file with Chinese glyphs: Noto Serif CJK (fonts-noto-cjk, .ci/run installs it), else any fc-list finds."""
    import subprocess
    from pathlib import Path

    noto = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
    if Path(noto).exists():
        return noto
    found = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout.split(":")[0].strip()
    return found or noto


NOTO_CJK = _cjk_font()


def rasterize(pdf: bytes, dpi: int) -> list[Image.Image]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [document[i].render(scale=dpi / 72, rev_byteorder=True).to_pil().convert("RGB") for i in range(len(document))]
    finally:
        document.close()


def scanned(page: Image.Image, skew: float, noise: float, seed: int) -> Image.Image:
    """A page as a flatbed scanner returns it: turned a little, soft, grainy."""
    page = page.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    pixels = np.asarray(page).astype(np.float32)
    pixels += np.random.default_rng(seed).normal(0, noise, pixels.shape[:2])[..., None]
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def seal(page: Image.Image, centre: tuple[float, float], dpi: int) -> Image.Image:
    """A red round seal, as offices stamp their reports, centred on `centre` (pixels)."""
    radius = int(dpi * 0.8)
    layer = Image.new("RGBA", page.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    x, y = centre
    red = (220, 30, 40, 170)
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=red, width=max(dpi // 40, 3))
    font = ImageFont.truetype(NOTO_CJK, int(dpi * 0.22))
    draw.text((x, y - radius * 0.45), "人民政府办公室", font=font, fill=red, anchor="mm")
    draw.regular_polygon((x, y, dpi * 0.22), 5, fill=red)
    draw.text((x, y + radius * 0.55), "信息公开专用章", font=font, fill=red, anchor="mm")
    return Image.alpha_composite(page.convert("RGBA"), layer).convert("RGB")


def image_pdf(pages: list[Image.Image], dpi: int) -> bytes:
    """An image-only PDF (JPEG pages, no text layer)."""
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=85)
    return buffer.getvalue()


def cell_centre(pdf: bytes, page_index: int, value_text: str, table_index: int, dpi: int, row: int, col: int) -> tuple[float, float]:
    """Where a table cell is printed (in pixels at `dpi`), checked to print `value_text`."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[page_index]
        table = sorted(page.find_tables(), key=lambda t: t.bbox[1])[table_index]
        box = table.rows[row].cells[col]
        printed = (page.crop(box).extract_text() or "").strip()
        if printed != value_text:
            raise LookupError(f"the cell prints {printed!r}, not {value_text!r}")
        x0, top, x1, bottom = box
        return (x0 + x1) / 2 * dpi / 72, (top + bottom) / 2 * dpi / 72


def replace_pages(text_pdf: bytes, scans: dict[int, bytes]) -> bytes:
    """`text_pdf` with the given pages (0-based index → a one-page image PDF) swapped for scans."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    source = pdfium.PdfDocument(text_pdf)
    try:
        for i in range(len(source)):
            if i in scans:
                out.import_pages(pdfium.PdfDocument(scans[i]), [0])
            else:
                out.import_pages(source, [i])
        buffer = io.BytesIO()
        out.save(buffer)
        return buffer.getvalue()
    finally:
        source.close()
        out.close()


# --- the fixtures: each a hand-chosen golden, its text PDF, and a scanned copy -------------------
def golden_2021_variant(g: dict) -> dict:
    """Seed 000's golden with a large number and a blank written in (the labels of those cells,
    chosen here by hand: 行政许可 12345678, 行政复议·结果纠正 blank)."""
    g = json.loads(json.dumps(g))
    g["active"]["licensing"] = 12345678
    g["appeals"]["review"][1] = None
    return g


def fixture_2021_300dpi() -> tuple[bytes, bytes, dict]:
    """(text PDF, its scan at 300 dpi, golden): the 2021 format, 6-pt table text, the
    applications table split across the page break, a large number and a blank."""
    from conftest import SEED_NAMES, golden, seed_text
    from render import to_pdf

    g = golden_2021_variant(golden(SEED_NAMES[0]))
    text_pdf = to_pdf(seed_text(SEED_NAMES[0]), g)
    pages = [scanned(p, skew, 6, i) for i, (p, skew) in enumerate(zip(rasterize(text_pdf, 300), (0.3, -0.2)))]
    return text_pdf, image_pdf(pages, 300), g


def fixture_2019_150dpi() -> tuple[bytes, bytes, dict, str]:
    """(text PDF, its scan at 150 dpi, golden, the field under the seal): the 2019 format
    (negative and large numbers, a decimal), 9-pt table text, page 2 scanned sideways,
    a red seal over the 行政复议·总计 value."""
    from conftest import ROOT
    from render import to_pdf

    synthetic = ROOT / "golden" / "synthetic"
    g = json.loads((synthetic / "synthetic_2019.json").read_text(encoding="utf-8"))
    text_pdf = to_pdf((synthetic / "synthetic_2019.txt").read_text(encoding="utf-8"), g, body_size=10, cell_size=9)
    pages = rasterize(text_pdf, 150)
    last = len(pages) - 1
    # The appeals table runs onto the last page; its last row holds the values, 行政复议·总计 fifth.
    centre = cell_centre(text_pdf, last, str(g["appeals"]["review"][-1]), -1, 150, row=-1, col=4)
    pages[last] = seal(pages[last], centre, 150)
    pages = [scanned(p, skew, 8, 10 + i) for i, (p, skew) in enumerate(zip(pages, (0.5, -0.4, 0.3)))]
    pages[last] = pages[last].transpose(Image.Transpose.ROTATE_90)
    return text_pdf, image_pdf(pages, 150), g, "appeals.review.total"


def fixture_2021_mixed_150dpi() -> tuple[bytes, bytes, dict]:
    """(text PDF, the same PDF with its last page a 150-dpi scan, golden): a scanned page
    inside a text PDF, 9-pt table text, tables continued from the page before."""
    from conftest import SEED_NAMES, golden, seed_text
    from render import to_pdf

    g = golden(SEED_NAMES[3])
    text_pdf = to_pdf(seed_text(SEED_NAMES[3]), g, cell_size=9)
    pages = rasterize(text_pdf, 150)
    last = len(pages) - 1
    page = image_pdf([scanned(pages[last], -0.3, 8, 20)], 150)
    return text_pdf, replace_pages(text_pdf, {last: page}), g
