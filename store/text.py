"""A report's text stored zlib-compressed, readable from SQL by `nianbao_text(blob, size)`.

The normalized text is most of what a report stores (8 KB of UTF-8 for 1–2 KB of cells) and
compresses to about 43 %. It is stored the way SQLite's own archive format (sqlar) stores a
file: `size` is its length in UTF-8 bytes, `blob` is zlib's output — or the bytes as they are
when compressing would not make them smaller (then `length(blob) = size`). So:

- every connection nianbao opens, and datasette with nianbao installed (review/datasette_plugin.py),
  has `nianbao_text(blob, size)`; the `report_text` view (report_id, text, display_text) uses it;
- the plain `sqlite3` shell reads it without nianbao: `CAST(sqlar_uncompress(text, size) AS TEXT)`.

Level 1: 0.08 CPU ms per 8 KB report where zlib's default (6) takes 0.14, for 6 % more compressed
text (3.59 KB against 3.40 per report of bench/throughput.py's batch); with 8 KB pages two texts
share a page either way, so the file was the same 9.2 KB per report at both (bench/store_write.py
--levels 1,6, 1,000 reports). Any level reads back the same: zlib's output is self-describing.
"""

from __future__ import annotations

import sqlite3
import zlib

LEVEL = 1  # see above: the worker's CPU per report counts more than 6 % of the text's bytes
FUNCTION = "nianbao_text"


def pack_text(text: str | None) -> tuple[int | None, bytes | None]:
    """(size in UTF-8 bytes, stored bytes); (None, None) for no text."""
    if text is None:
        return None, None
    data = text.encode("utf-8")
    packed = zlib.compress(data, LEVEL)
    return len(data), packed if len(packed) < len(data) else data


def unpack_text(blob: bytes | None, size: int | None) -> str | None:
    """The text `pack_text` stored (None stays None)."""
    if blob is None:
        return None
    data = bytes(blob)
    return (data if len(data) == size else zlib.decompress(data)).decode("utf-8")


def register(conn: sqlite3.Connection) -> None:
    """Make `nianbao_text(blob, size)` available on this connection (deterministic: usable in views and indexes)."""
    conn.create_function(FUNCTION, 2, unpack_text, deterministic=True)
