"""Why a PDF could not be read, in words a person can act on."""

from __future__ import annotations

import re


def _cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's exception as the first argument of its own."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
    return inner or exc.__cause__ or exc.__context__ or exc


_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")


def truncated(data: bytes) -> bool:
    """A PDF that begins as one (it holds objects) but lacks the %%EOF a whole PDF ends with
    within its last kilobyte (readers look no further either): it was cut off."""
    return b"%%EOF" not in data[-1024:] and _OBJECT.search(data, 0, 1 << 20) is not None


TRUNCATED = "truncated PDF (it does not end with %%EOF: the download or copy was cut off)"


def pdf_failure(data: bytes, exc: BaseException) -> str:
    """One line for a PDF that pdfminer/pdfplumber refused."""
    cause = _cause(exc)
    name = type(cause).__name__
    if name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning") or "encrypt" in str(cause).lower():
        return "encrypted PDF: it needs a password to open; save an unprotected copy"
    if truncated(data):
        return TRUNCATED
    detail = str(cause)[:120] or "no detail"
    return f"not a readable PDF ({name}: {detail})"
