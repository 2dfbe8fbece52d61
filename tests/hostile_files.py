"""A folder of hostile and odd files mixed with good reports, built on the fly.

Used by tests/test_hostile_battery.py and bench/hostile.py. Each file comes with what nianbao
must make of it: "ok" (a report, stored with its cells) or the start of its one-line failure
reason. Nothing here is downloaded or stored in the repository.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

from conftest import SEED_NAMES, SEEDS, golden, seed_named
from render import to_docx, to_html, to_pdf

OK = "ok"
MB = 1 << 20


def _seed004() -> tuple[str, dict]:
    return seed_named("004"), golden(SEED_NAMES[4])


def _zip_bomb(unpacked_mb: int) -> bytes:
    """A .docx-looking zip whose word/document.xml inflates to `unpacked_mb` MB (about 1000:1)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=unpacked_mb >= 2048) as part:
            block = b"<w:p/>" * (MB // 6)
            for _ in range(unpacked_mb):
                part.write(block)
    return buffer.getvalue()


def _word(edit: Callable) -> bytes:
    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    def mark(tc, tag: str, value: str | None) -> None:
        el = etree.SubElement(tc.get_or_add_tcPr(), qn(f"w:{tag}"))
        if value is not None:
            el.set(qn("w:val"), value)

    document = docx.Document()
    document.add_paragraph("一、总体情况")
    table = document.add_table(rows=2, cols=2)
    edit(table, mark)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _long_merge(table, mark) -> None:
    mark(table.rows[0].cells[0]._tc, "vMerge", "restart")
    for _ in range(3000):
        mark(table.add_row().cells[0]._tc, "vMerge", None)


def flate_bomb_pdf(unpacked_mb: int) -> bytes:
    """A valid one-page PDF whose content stream inflates to `unpacked_mb` MB of spaces (about 1000:1)."""
    import zlib

    deflate = zlib.compressobj(9)
    packed = b"".join(deflate.compress(b" " * MB) for _ in range(unpacked_mb)) + deflate.flush()
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(bodies, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref))
    return out.getvalue()


def encrypted_pdf() -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(100, 700, "2024")
    c.showPage()
    c.save()
    return buffer.getvalue()


def _random_text(size: int, seed: int = 7) -> bytes:
    """UTF-8 text of random CJK characters, digits and punctuation: text, but no report."""
    rng = random.Random(seed)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)] + list("0123456789，。、\n ")
    block = "".join(rng.choice(alphabet) for _ in range(MB // 3)).encode()
    return (block * (size // len(block) + 1))[:size].rsplit(b"\n", 1)[0]


def _glued(digits: str) -> str:
    row = "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
    return seed_named("004").replace(row, row.replace("| 1 | 0", f"| {digits} | 0", 1))


def build(folder: Path, zip_bomb_mb: int = 300, big_text_mb: int = 50) -> dict[str, str]:
    """Write the battery into `folder`; returns file name → "ok" or the start of its failure reason."""
    text, g = _seed004()
    pdf = to_pdf(text, g)
    files: dict[str, tuple[bytes | str, str]] = {
        # good reports, in every format and a few odd shapes
        **{f"good_{name[:3]}.txt": ((SEEDS / f"{name}.txt").read_bytes(), OK) for name in SEED_NAMES},
        "good_004.html": (to_html(text, g), OK),
        "good_004.docx": (to_docx(text, g), OK),
        "good_004.pdf": (pdf, OK),
        "good_deep_divs.html": (to_html(text, g, wrap=lambda b: "<html><body>" + "<div>" * 5000 + b + "</div>" * 5000 + "</body></html>"), OK),
        "good_utf16_no_bom.txt": (text.encode("utf-16-le"), OK),
        "good_glued_24_digits.txt": (_glued("1" * 24), OK),
        # hostile
        "bomb_colspan.html": ("<html><body><table><tr><td colspan=100000000>1</td></tr></table></body></html>", "a table cell with colspan=100000000"),
        "bomb_rowspan.html": ("<table><tr><td rowspan=2147483647>x</td><td>1</td></tr></table>", "a table cell with rowspan=2147483647"),
        "bomb_many_spans.html": ("<table><tr>" + "<td rowspan=250 colspan=60>x</td>" * 500 + "</tr></table>", "a table that expands to"),
        "bomb_gridspan.docx": (_word(lambda t, mark: mark(t.rows[0].cells[0]._tc, "gridSpan", "100000000")), "a table cell with colspan=100000000"),
        "bomb_vmerge.docx": (_word(_long_merge), "a Word table cell merged down more than"),
        "bomb_zip.docx": (_zip_bomb(zip_bomb_mb), "a .docx that unpacks to"),
        "deep_tables.html": ("<html><body>" + "<table><tr><td>" * 3000 + "一、总体情况" + "</td></tr></table>" * 3000 + "</body></html>", "HTML nested more than 256 levels deep"),
        "bomb_flate.pdf": (flate_bomb_pdf(zip_bomb_mb), "a PDF whose streams unpack to more than"),
        "encrypted.pdf": (encrypted_pdf(), "encrypted PDF"),
        "truncated.pdf": (pdf[: len(pdf) * 2 // 3], "truncated PDF"),
        f"random_{big_text_mb}mb.txt": (_random_text(big_text_mb * MB), "file too large"),
        "random_8mb.txt": (_random_text(8 * MB, seed=8), "not a government information disclosure annual report"),
        "binary.bin": (random.Random(3).randbytes(2 * MB), "binary file"),
        "empty.txt": (b"", "empty file"),
        "archive.zip": (_zip_of(text), "a zip archive"),
        "not_a_pdf.pdf": (bytes(range(256)) * 64, "named .pdf but is not a PDF"),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data.encode() if isinstance(data, str) else data)
    return {name: expected for name, (_, expected) in files.items()}


def _zip_of(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("report.txt", text)
    return buffer.getvalue()
