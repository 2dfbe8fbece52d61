"""Loading: turn a file on disk into source text, or fail with one clear reason.

Every loader returns the same `Loaded` value so the stages after it never know where a
report came from.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from .errors import LoadError
from .text import decode_text

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a real report is well under 1 MB; 20 MB is a mistake
NO_TEXT = "no text layer and no scanned page image in it (a blank or drawn-only PDF)"


@dataclass(slots=True)  # (not frozen: that sets each field through object.__setattr__, ~1 us a file)
class Loaded:
    raw_sha256: str
    text: str
    encoding: str
    kind: str = "text"  # text | html | docx | pdf | ocr (a PDF with pages read by OCR) | image
    ocr_marks: tuple = ()  # load.scanned.OcrMark per piece read by OCR: span in `text`, page, box, confidence
    page_images: dict[int, bytes] = field(default_factory=dict)  # page number → JPEG of each page read by OCR


_HTML_TAGS = (b"<html", b"<!doctype html", b"<table", b"<body", b"<div", b"<p>")


def sniff(data: bytes, path: PurePath) -> str:
    """What the bytes are, by their content; the file name is only a hint, and its suffix is
    read only where it decides (for a plain text it never does: Path.suffix costs ~1.5 us a file)."""
    head = data[:4096].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or path.suffix.lower() == ".docx" else "zip"
    # Every tag begins with <: plain text, which has none, is neither lowered nor searched for each of them.
    if head.find(b"<", 0, 2048) >= 0:
        lowered = head[:2048].lower()
        if any(tag in lowered for tag in _HTML_TAGS):
            return "html"
    if b"<" in head and path.suffix.lower() in (".html", ".htm"):
        return "html"
    return "text"


def load(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read and decode one input file. Raises LoadError with a one-line reason."""
    data = read_bytes(path, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    if not data or data.isspace():  # (what `not data.strip()` tells, without copying the data)
        raise LoadError("empty file")
    kind = sniff(data, path)
    if kind == "pdf":
        from .limits import check_pdf_streams

        check_pdf_streams(data, max_bytes)  # a compression bomb is refused before pdfminer inflates it
        return _pdf(digest, data, str(path))
    if kind == "image":
        return _image(digest, data, str(path))
    if kind == "docx":
        from .limits import check_zip

        check_zip(data, max_bytes)  # the unpacked size is bounded too, before anything is inflated
        return Loaded(digest, _docx(data), "docx", "docx")
    if kind == "zip":
        raise LoadError("a zip archive, not a report (unpack it first)")
    text, encoding = decode_text(data)
    if text is None:
        if path.suffix.lower() == ".pdf":
            raise LoadError("named .pdf but is not a PDF (no %PDF header)")
        raise LoadError("binary file, not text (no known text encoding fits)")
    if kind == "html":
        from .html import html_to_text

        text, applications_tables = html_to_text(text)
        if applications_tables > 1:
            raise LoadError(f"the page holds {applications_tables} reports ({applications_tables} applications tables); save each report as its own file")
    return Loaded(digest, text, encoding, kind)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; LoadError when it cannot be read or is larger than `max_bytes` (checked before reading).

    One open and read instead of stat + Path.read_bytes (which opens, fstats and reads again
    through a buffered file): a third of loading a small .txt. A path that cannot be opened goes the
    old way, stat first, so each failure keeps the reason it always had (a too-large unreadable file
    is "too large")."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return _stat_then_read(path, max_bytes)
    try:
        data = b""
        if max_bytes >= _SMALL:
            # A report is far smaller than _SMALL: read at once, and a second read that finds the end tells
            # it was the whole file, so no fstat is needed (building its stat_result cost more than the read).
            # A file no larger than the limit reads the same either way; anything else goes on below.
            try:
                data = os.read(fd, _SMALL)
            except OSError:
                data = b""  # (a folder): fstat first, as below, so it fails for the reason it always did
            else:
                if len(data) < _SMALL:
                    if not (more := os.read(fd, 1)):
                        return data
                    data += more  # not at its end after all (a pipe): the rest is read below
        size = os.fstat(fd).st_size
        _check_size(size, max_bytes)
        if len(data) <= size:
            data += os.read(fd, size + 1 - len(data))
        if len(data) == size:  # stopped where fstat says the file ends: at its end, no read more to see that
            return data
        while more := os.read(fd, max(size + 1 - len(data), 1 << 16)):  # to the end, as Path.read_bytes reads
            data += more
            _check_size(len(data), max_bytes)  # a pipe or a device, whose size fstat does not give, is bounded too
        return data
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


_SMALL = 1 << 16


def _stat_then_read(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from None
    _check_size(size, max_bytes)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from None


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise LoadError(
            f"file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB limit; raise it with --max-bytes)"
        )


def _pdf(digest: str, data: bytes, source: str) -> Loaded:
    from .pdf import OCR_PAGE, NoTextLayer, pdf_to_text

    scanned: list[tuple[int, float]] = []
    try:
        text = pdf_to_text(data, scanned)
    except NoTextLayer:
        from .pdf_failures import TRUNCATED, truncated

        raise LoadError(TRUNCATED if truncated(data) else NO_TEXT) from None
    except LoadError:
        raise
    except Exception as exc:  # noqa: BLE001 — pdfminer raises many kinds; each means "cannot read this PDF"
        from .pdf_failures import pdf_failure

        raise LoadError(pdf_failure(data, exc)) from None
    if not scanned:
        return Loaded(digest, text, "pdf", "pdf")
    from .scanned import fill_pdf_pages

    read = _ocr(lambda: fill_pdf_pages(text, data, scanned, OCR_PAGE, source))
    if not read.text.strip():
        raise LoadError(f"scanned PDF: OCR found no text on its {len(scanned)} page(s)")
    return Loaded(digest, read.text, "pdf", "ocr", read.marks, read.page_images)


def _image(digest: str, data: bytes, source: str) -> Loaded:
    from .scanned import decodable, read_image_file

    if not decodable(data):
        raise LoadError("binary file: it starts like an image (PNG/JPEG/TIFF) but cannot be decoded as one")
    read = _ocr(lambda: read_image_file(data, source))
    if not read.text.strip():
        raise LoadError("image: OCR found no text in it")
    return Loaded(digest, read.text, "image", "image", read.marks, read.page_images)


def _ocr(read):
    """Run an OCR read; a missing extra or an unreadable image is one clear line."""
    from .ocr import OcrUnavailable

    try:
        return read()
    except OcrUnavailable as exc:
        raise LoadError(str(exc)) from None
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 — PIL, pdfium and onnxruntime raise many kinds; each means "cannot read this scan"
        raise LoadError(f"cannot read the scanned image ({type(exc).__name__}: {str(exc)[:120]})") from None


def _docx(data: bytes) -> str:
    from .docx import docx_to_text

    try:
        return docx_to_text(data)
    except LoadError:
        raise
    except Exception as exc:  # noqa: BLE001 — a broken package raises zip, XML or key errors
        raise LoadError(f"not a readable .docx ({type(exc).__name__}: {str(exc)[:120]})") from None
