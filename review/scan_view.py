"""The scanned page beside the tables: the page image with the clicked cell's box drawn on it.

Page images are the JPEGs the store keeps (100 dpi, upright); OCR boxes are in their pixels,
so a box is drawn as a percentage of the image and scales with it.
"""

from __future__ import annotations

import base64
from html import escape
from typing import Any

CSS = """
.scanwrap{display:flex;gap:12px;align-items:flex-start}.scanwrap>.tables{flex:1 1 auto;min-width:0}
#scan{flex:0 0 42%;position:sticky;top:0;max-height:100vh;overflow:auto;border:1px solid #ccc;background:#fff}
#scan .page{position:relative;display:none}#scan .page.shown{display:block}#scan img{width:100%;display:block}
#scan .box{position:absolute;box-sizing:border-box;border:3px solid #d81b60;box-shadow:0 0 0 2000px rgba(0,0,0,.08);pointer-events:none}
#scan .caption{font-size:12px;color:#555;padding:4px}
td.v.ocr{border-bottom:2px dotted #00796b}
"""

SCRIPT = """
const scan = data.scan;
function showScan(field){
  if (!scan) return;
  const src = scan.cells[field];
  document.querySelectorAll('#scan .page').forEach(p => p.classList.remove('shown'));
  const caption = document.querySelector('#scan .caption');
  if (!src) { caption.textContent = '此格不是从扫描件识别的。'; return; }
  const page = document.getElementById('scan-page-' + src.page);
  if (!page) return;
  page.classList.add('shown');
  const img = page.querySelector('img'), box = page.querySelector('.box');
  const [x0, y0, x1, y1] = src.box, w = Number(img.dataset.width), h = Number(img.dataset.height);
  Object.assign(box.style, {left: (100 * x0 / w) + '%', top: (100 * y0 / h) + '%', width: (100 * (x1 - x0) / w) + '%', height: (100 * (y1 - y0) / h) + '%', display: 'block'});
  caption.textContent = `第${src.page}页　识别置信度 ${src.confidence.toFixed(2)}，数字 ${src.digit_confidence.toFixed(2)}` + (src.stamped ? '　印章压字' : '');
  box.scrollIntoView({block: 'center'});
}
document.querySelectorAll('td.v').forEach(td => td.addEventListener('click', () => showScan(td.dataset.field)));
"""


def _size(jpeg: bytes) -> tuple[int, int]:
    """Width and height from a JPEG's frame header (no imaging library needed to review)."""
    i = 2
    while i + 9 < len(jpeg):
        if jpeg[i] != 0xFF:
            i += 1
            continue
        marker, length = jpeg[i + 1], int.from_bytes(jpeg[i + 2:i + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            return int.from_bytes(jpeg[i + 7:i + 9], "big"), int.from_bytes(jpeg[i + 5:i + 7], "big")
        i += 2 + length
    return 1, 1


def panel(scan: dict[str, Any]) -> str:
    """The page images, each with a box to place; the first page is shown until a cell is clicked."""
    pages = []
    for i, (number, jpeg) in enumerate(sorted(scan["pages"].items())):
        w, h = _size(jpeg)
        uri = "data:image/jpeg;base64," + base64.b64encode(jpeg).decode()
        pages.append(
            f'<div class="page{" shown" if i == 0 else ""}" id="scan-page-{int(number)}">'
            f'<img src="{uri}" alt="扫描件第{int(number)}页" data-width="{w}" data-height="{h}">'
            '<div class="box" style="display:none"></div></div>'
        )
    return f'<div id="scan"><div class="caption">扫描件：点击单元格，看它在原件上的位置。</div>{"".join(pages)}</div>'


def cell_title(scan: dict[str, Any] | None, field: str) -> str:
    """A scanned cell's provenance for its tooltip."""
    src = (scan or {}).get("cells", {}).get(field)
    if not src:
        return ""
    return escape(f"（扫描件第{src['page']}页，识别置信度{src['digit_confidence']:.2f}）")
