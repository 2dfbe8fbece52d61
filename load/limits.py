"""What a real report can hold, so a hostile file is refused by a reason instead of exhausting memory.

The national tables have at most 16 columns and a few dozen rows; the caps leave a wide margin
for layout tables around them, and refuse only what no printed table can be.
"""

from __future__ import annotations

import re
import zipfile
import zlib

from .errors import LoadError

MAX_COLSPAN = 64  # cells a merged cell may cover across (national tables: at most 16 columns)
MAX_ROWSPAN = 256  # rows a merged cell may cover down (national tables: a few dozen rows)
MAX_TABLE_POSITIONS = 250_000  # grid positions one table may expand to (the applications table: ~250)
MAX_ZIP_MEMBERS = 5_000  # a Word document has a few dozen parts
MAX_PDF_PAGES = 1_000  # a report has a few dozen pages
_CHUNK = 1 << 20


class TooLarge(LoadError):
    """A structure far beyond any real report: refused before it is expanded."""


def span(value: str | None, name: str) -> int:
    """A printed rowspan/colspan as an int (1 when absent or not a number), refused beyond the cap."""
    try:
        n = int(str(value).strip()) if value is not None else 1
    except ValueError:
        return 1
    cap = MAX_COLSPAN if name == "colspan" else MAX_ROWSPAN
    if n > cap:
        raise TooLarge(f"a table cell with {name}={n} (a real table spans at most {cap}); refused as malformed or hostile")
    return max(1, n)


def check_positions(rows: list[list[tuple[str, int, int]]]) -> None:
    """A table whose merged cells would expand to more grid positions than any real table has."""
    positions = sum(rowspan * colspan for cells in rows for _, rowspan, colspan in cells)
    if positions > MAX_TABLE_POSITIONS:
        raise TooLarge(f"a table that expands to {positions:,} cells (limit {MAX_TABLE_POSITIONS:,}); refused as malformed or hostile")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _val(parent, tag: str) -> str | None:
    el = parent.find(f"{_W}{tag}") if parent is not None else None
    return None if el is None else el.get(f"{_W}val", "")


def check_word_tables(body) -> None:
    """Word's merges (w:gridSpan across, w:vMerge down) under the same caps as HTML spans.

    python-docx repeats a cell once per grid column it spans and follows a vertical merge up one
    row at a time, recursively: an absurd span would hang it or exhaust the stack."""
    for tbl in body.iter(f"{_W}tbl"):
        positions, merged_down = 0, {}
        for tr in tbl.iterchildren(f"{_W}tr"):
            before = _val(tr.find(f"{_W}trPr"), "gridBefore")
            col = 0 if before is None else span(before, "colspan")  # the row starts this many columns in
            for tc in tr.iterchildren(f"{_W}tc"):
                props = tc.find(f"{_W}tcPr")
                width = span(_val(props, "gridSpan"), "colspan")
                vmerge = _val(props, "vMerge")
                if vmerge is not None and vmerge in ("", "continue"):
                    merged_down[col] = merged_down.get(col, 1) + 1
                    if merged_down[col] > MAX_ROWSPAN:
                        raise TooLarge(f"a Word table cell merged down more than {MAX_ROWSPAN} rows; refused as malformed or hostile")
                else:
                    merged_down[col] = 1
                col += width
            positions += col
            if positions > MAX_TABLE_POSITIONS:
                raise TooLarge(f"a Word table with more than {MAX_TABLE_POSITIONS:,} cells; refused as malformed or hostile")


def check_zip(data: bytes, max_bytes: int) -> None:
    """A .docx is a zip: bound what it unpacks to by --max-bytes before any part is inflated.

    The sizes the archive declares are checked first; then every part is inflated in chunks and
    counted, so an archive that lies about its sizes is stopped at the cap too."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise LoadError(f"not a readable .docx (broken zip: {str(exc)[:120]})") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise TooLarge(f"a .docx with {len(members):,} parts (a Word document has a few dozen); refused")
        odd = [m.filename for m in members if m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)]
        if odd:
            raise LoadError(f"not a Word document: part {odd[0]!r} uses a compression Word never writes")
        declared = sum(m.file_size for m in members)
        if declared > max_bytes:
            raise TooLarge(_unpacked_message(declared, max_bytes))
        inflated = 0
        try:
            for member in members:
                with archive.open(member) as part:
                    while block := part.read(_CHUNK):
                        inflated += len(block)
                        if inflated > max_bytes:
                            raise TooLarge(_unpacked_message(inflated, max_bytes, "at least "))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError) as exc:
            raise LoadError(f"not a readable .docx (damaged zip: {str(exc)[:120]})") from None


_STREAM = re.compile(rb"stream\r?\n")
# Streams pdfminer never lexes to read the text: images (OCR renders them itself) and embedded font programs.
_NOT_LEXED = re.compile(rb"/Subtype\s*/(?:Image|Type1C|CIDFontType0C|OpenType)\b|/Length[123]\b")


def check_pdf_streams(data: bytes, max_bytes: int) -> None:
    """A PDF's compressed streams, inflated in chunks and counted before pdfminer inflates them whole:
    a 100 KB stream can unpack to 100 MB (a compression bomb) that pdfminer would hold in memory and
    lex character by character. Page content and the other streams it reads are bounded by --max-bytes
    (a report's are a few MB); images and embedded fonts are not counted."""
    cap = max_bytes
    total, pos = 0, 0
    while (m := _STREAM.search(data, pos)) is not None:
        end = data.find(b"endstream", m.end())
        end = len(data) if end < 0 else end
        head = data[max(0, m.start() - 2048) : m.start()]
        if not _NOT_LEXED.search(head, head.rfind(b" obj") + 1):
            total += _inflated_size(data, m.end(), end, cap - total + 1)
        if total > cap:
            raise TooLarge(f"a PDF whose streams unpack to more than {cap / 1e6:.0f} MB (a compression bomb?); "
                           "refused (raise it with --max-bytes)")
        pos = end + 9
    return None


def _inflated_size(data: bytes, start: int, end: int, limit: int) -> int:
    """How many bytes the zlib stream data[start:end] inflates to, counting no further than `limit`;
    0 when it is not zlib data (an image, another filter)."""
    inflater = zlib.decompressobj()
    size, chunk = 0, memoryview(data)[start:end]
    try:
        while chunk and size <= limit:
            size += len(inflater.decompress(chunk, _CHUNK))
            chunk = inflater.unconsumed_tail
    except zlib.error:
        return size
    return size


def _unpacked_message(size: int, max_bytes: int, qualifier: str = "") -> str:
    return (f"a .docx that unpacks to {qualifier}{size / 1e6:.1f} MB (> {max_bytes / 1e6:.0f} MB limit; "
            "a zip bomb? raise it with --max-bytes)")
