"""Hostile and odd inputs: each is refused by one clear reason (or read), never a crash or a hang.

Every file here is built on the fly. Each test guards one way a single bad file used to take a
whole batch down (MemoryError, a hang, a silent loss of text, a traceback).
"""

from __future__ import annotations

import io
import struct
import time
import zipfile
from pathlib import Path

import pytest
from conftest import SEED_NAMES, expected_cells, golden, seed_named
from hostile_files import encrypted_pdf
from nianbao import cli
from nianbao.pipeline import process_path
from render import to_docx, to_html, to_pdf
from typer.testing import CliRunner

GOLDEN_004 = SEED_NAMES[4]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def cells(report) -> dict:
    return {f: c.value for f, c in report.cells.items()}


def quick(path: Path, **kwargs):
    """process_path, which must answer at once: a hostile file is refused before it is expanded."""
    started = time.perf_counter()
    report = process_path(path, **kwargs)
    assert time.perf_counter() - started < 10, "a hostile file must be refused quickly, not expanded"
    return report


# --- spans ---------------------------------------------------------------------------------
def test_a_colspan_of_a_hundred_million_is_refused_not_expanded(tmp_path):
    page = "<html><body><table><tr><td colspan=100000000>1</td></tr></table></body></html>"
    assert len(page) < 110
    report = quick(write(tmp_path, "span.html", page))
    assert report.status == "failed"
    assert "colspan=100000000" in report.error and "refused" in report.error


def test_a_huge_rowspan_is_refused_not_expanded(tmp_path):
    report = quick(write(tmp_path, "rows.html", "<table><tr><td rowspan=99999999>x</td><td>1</td></tr></table>"))
    assert report.status == "failed" and "rowspan=99999999" in report.error


def test_many_large_spans_together_are_refused_by_the_table_size(tmp_path):
    # Each span is within the cap; together they would expand to millions of cells.
    row = "<tr>" + "<td rowspan=200 colspan=60>x</td>" * 300 + "</tr>"
    report = quick(write(tmp_path, "many.html", f"<table>{row}</table>"))
    assert report.status == "failed" and "expands to 3,600,000 cells" in report.error


def test_real_spans_are_still_read(tmp_path):
    report = process_path(write(tmp_path, "r.html", to_html(seed_named("004"), golden(GOLDEN_004))))
    assert report.status == "ok" and cells(report) == expected_cells(golden(GOLDEN_004))


def _docx_with_table(mark) -> bytes:
    """A Word document whose one table is edited by `mark(table)` at the XML level."""
    import docx

    document = docx.Document()
    document.add_paragraph("一、总体情况")
    table = document.add_table(rows=3, cols=2)
    mark(table)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set(tc, tag: str, value: str | None) -> None:
    from docx.oxml.ns import qn
    from lxml import etree

    props = tc.get_or_add_tcPr()
    el = etree.SubElement(props, qn(f"w:{tag}"))
    if value is not None:
        el.set(qn("w:val"), value)


def test_a_word_gridspan_of_a_hundred_million_is_refused(tmp_path):
    data = _docx_with_table(lambda t: _set(t.rows[0].cells[0]._tc, "gridSpan", "100000000"))
    report = quick(write(tmp_path, "span.docx", data))
    assert report.status == "failed" and "colspan=100000000" in report.error


def test_a_word_cell_merged_down_thousands_of_rows_is_refused(tmp_path):
    def long_merge(table):
        _set(table.rows[0].cells[0]._tc, "vMerge", "restart")
        for _ in range(2000):
            tc = table.add_row().cells[0]._tc
            _set(tc, "vMerge", None)  # no value: "continue"

    report = quick(write(tmp_path, "merge.docx", _docx_with_table(long_merge)))
    assert report.status == "failed" and "merged down more than 256 rows" in report.error


def test_real_word_merges_are_still_read(tmp_path):
    report = process_path(write(tmp_path, "r.docx", to_docx(seed_named("004"), golden(GOLDEN_004))))
    assert report.status == "ok" and cells(report) == expected_cells(golden(GOLDEN_004))


# --- zip bombs -----------------------------------------------------------------------------
def _bomb(unpacked_mb: int) -> bytes:
    """A .docx whose word/document.xml inflates to `unpacked_mb` MB from a few tens of KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as part:
            block = b" " * (1 << 20)
            for _ in range(unpacked_mb):
                part.write(block)
    return buffer.getvalue()


def test_a_docx_that_unpacks_past_max_bytes_is_refused_before_inflating(tmp_path):
    data = _bomb(40)
    assert len(data) < 200_000  # small on disk: --max-bytes on the file alone lets it through
    report = quick(write(tmp_path, "bomb.docx", data))
    assert report.status == "failed"
    assert report.error.startswith("a .docx that unpacks to 41.9 MB (> 21 MB limit")


def test_max_bytes_bounds_the_unpacked_size(tmp_path):
    report = quick(write(tmp_path, "bomb.docx", _bomb(3)), max_bytes=2_000_000)
    assert report.status == "failed" and "unpacks to 3.1 MB (> 2 MB limit" in report.error


def test_a_docx_that_lies_about_its_sizes_is_refused_as_damaged(tmp_path):
    data = bytearray(_bomb(30))
    # Declare document.xml as 1 KB in the central directory: inflation must stop there, not at 30 MB.
    central = data.index(b"PK\x01\x02" , data.index(b"PK\x01\x02") + 4)  # the second entry's header
    assert data[central + 46 : central + 46 + 17] == b"word/document.xml"
    struct.pack_into("<I", data, central + 24, 1024)
    report = quick(write(tmp_path, "liar.docx", bytes(data)))
    assert report.status == "failed"
    assert report.error.startswith(("not a readable .docx", "a .docx that unpacks to"))


# --- deep nesting --------------------------------------------------------------------------
def test_a_report_inside_five_thousand_divs_is_read_whole(tmp_path):
    page = to_html(seed_named("004"), golden(GOLDEN_004), wrap=lambda body: "<html><body>" + "<div>" * 5000 + body + "</div>" * 5000 + "</body></html>")
    report = process_path(write(tmp_path, "deep.html", page))
    assert report.status == "ok", report.error
    assert cells(report) == expected_cells(golden(GOLDEN_004))


def test_nesting_that_cannot_be_unwrapped_is_refused_with_its_reason(tmp_path):
    page = "<html><body>" + "<table><tr><td>" * 3000 + "一、总体情况 收到申请5件" + "</td></tr></table>" * 3000 + "</body></html>"
    report = quick(write(tmp_path, "deep.html", page))
    assert report.status == "failed" and report.error.startswith("HTML nested more than 256 levels deep")


# --- encodings -----------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_not_called_binary(tmp_path, encoding):
    report = process_path(write(tmp_path, "u16.txt", seed_named("004").encode(encoding)))
    assert report.status == "ok" and report.encoding == encoding
    assert cells(report) == expected_cells(golden(GOLDEN_004))


def test_random_bytes_with_nuls_are_still_binary(tmp_path):
    import random

    noise = random.Random(7).randbytes(100_000)
    report = process_path(write(tmp_path, "noise.txt", noise))
    assert report.status == "failed" and report.error.startswith("binary file")


# --- PDFs ----------------------------------------------------------------------------------
def test_a_pdf_compression_bomb_is_refused_before_pdfminer_inflates_it(tmp_path):
    from hostile_files import flate_bomb_pdf

    report = quick(write(tmp_path, "bomb.pdf", flate_bomb_pdf(30)))
    assert report.status == "failed" and report.error.startswith("a PDF whose streams unpack to more than 21 MB")


def test_a_pdf_of_thousands_of_pages_is_refused(tmp_path):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    for _ in range(1001):
        c.showPage()
    c.save()
    report = quick(write(tmp_path, "pages.pdf", buffer.getvalue()))
    assert report.status == "failed" and report.error.startswith("a PDF of 1,001 pages")


def test_an_encrypted_pdf_says_so(tmp_path):
    report = process_path(write(tmp_path, "locked.pdf", encrypted_pdf()))
    assert report.status == "failed" and report.error.startswith("encrypted PDF")


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.95])
def test_a_truncated_pdf_says_so(tmp_path, keep):
    data = to_pdf(seed_named("004"), golden(GOLDEN_004))
    report = process_path(write(tmp_path, "cut.pdf", data[: int(len(data) * keep)]))
    assert report.status == "failed" and report.error.startswith("truncated PDF")


# --- printing ------------------------------------------------------------------------------
@pytest.mark.parametrize("folder", ["x[/y]", "[bold]red", "a[/]", ":smile:"])
def test_paths_are_printed_literally_not_as_rich_markup(tmp_path, folder):
    where = tmp_path / folder
    where.mkdir(parents=True)
    path = write(where, "r.txt", "会议要求各部门压实责任。\n" * 3)
    result = CliRunner().invoke(cli.app, ["check", str(path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"failed {path}: not a government information disclosure annual report" in result.output


def test_a_lone_surrogate_is_shown_as_a_replacement_character_and_the_report_is_read():
    """Half a UTF-16 pair (a PDF's broken character map gives one) is no character: it became an internal
    error in OpenCC and in every UTF-8 encoder after it. Now it reads as U+FFFD, and the cells as printed."""
    from nianbao.pipeline import process_text

    text = seed_named("001")
    good = process_text("a.txt", "0" * 64, text)
    broken = text.replace("报告", "报\ud800告", 1).replace("信息", "信\udfff息", 1)
    report = process_text("a.txt", "0" * 64, broken)
    assert report.status == "ok" and report.error is None
    assert "\ud800" not in report.text and report.text.count("\ufffd") == good.text.count("\ufffd") + 2
    assert len(report.text) == len(good.text) + 2  # one character each: every span still points where it did
    assert {f: (c.value, report.text[c.start:c.end] if c.start is not None else None) for f, c in report.cells.items()} == \
        {f: (c.value, good.text[c.start:c.end] if c.start is not None else None) for f, c in good.cells.items()}
