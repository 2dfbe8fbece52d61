"""Normalize source text so that one set of patterns reads every layout.

Spans everywhere else point into the text this returns, and `--with-text` shows it.
Labels split across lines (`自\\n然\\n人`) are left in place: label patterns allow
whitespace between characters instead, so line structure survives for the reader.
"""

from __future__ import annotations

_ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
_SPACES = ["\u00a0", "\u3000", "\u2002", "\u2003", "\u2009", "\u202f"]


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # Full-width ASCII (！ … ～, digits, letters, （）：，．) → half-width.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    for ch in _ZERO_WIDTH:
        table[ord(ch)] = None
    for ch in _SPACES:
        table[ord(ch)] = " "
    table[ord("\u2014")] = "—"  # keep em dash; listed to document it is deliberate
    return table


_TABLE = _build_table()


def normalize(text: str) -> str:
    """Full-width → half-width, odd spaces → space, zero-width removed, CRLF/CR → LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_TABLE)
