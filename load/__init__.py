"""Loading: turn a file on disk into source text, or fail with one clear reason.

Every loader returns the same `Loaded` value so the stages after it never know where a
report came from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .text import decode_text

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a real report is well under 1 MB; 20 MB is a mistake


class LoadError(Exception):
    """An input that cannot become a report. The message names the problem, not the file."""


@dataclass(frozen=True, slots=True)
class Loaded:
    raw_sha256: str
    text: str
    encoding: str


def load(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read and decode one input file. Raises LoadError with a one-line reason."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise LoadError(
            f"file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB limit; raise it with --max-bytes)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from None
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise LoadError("empty file")
    text, encoding = decode_text(data)
    if text is None:
        raise LoadError("binary file, not text (no known text encoding fits)")
    return Loaded(raw_sha256=digest, text=text, encoding=encoding)
