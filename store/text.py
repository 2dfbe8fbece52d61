"""A report's text stored zstd-compressed, readable from SQL by `nianbao_text(blob, size)`.

The normalized text is most of what a report stores (8 KB of UTF-8 for 1–2 KB of cells) and
compresses to under half. `size` is its length in UTF-8 bytes, `blob` the compressed bytes — or
the bytes as they are when compressing would not make them smaller (then `length(blob) = size`),
the rule of SQLite's archive format (sqlar). So:

- every connection nianbao opens, and datasette with nianbao installed (review/datasette_plugin.py),
  has `nianbao_text(blob, size)`; the `report_text` view (report_id, text, display_text) uses it;
- in Python, `unpack_text(blob, size)`.

Why zstd (level 1) and not zlib: compressing is done for every report, in the workers, and zlib was
a tenth of a batch's CPU: zlib level 1 takes ~0.09 ms per 8 KB report, zstd level 1 ~0.02 for about
the same size (3.8 KB against 3.6; bench/throughput.py's batch). The price: the plain `sqlite3`
shell's `sqlar_uncompress` (zlib only) no longer reads the texts. Databases written before hold
zlib blobs, and still read: a zstd frame says so in its first four bytes, a zlib stream never starts
with them (its first byte is 0x78 at every level nianbao used).
"""

from __future__ import annotations

import sqlite3
import threading
import zlib

import zstandard

LEVEL = 1  # see above: the worker's CPU per report counts more than 5 % of the text's bytes
FUNCTION = "nianbao_text"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"  # every zstd frame starts with it
# A zstd (de)compressor is not safe to share between threads (datasette calls nianbao_text from several):
# one per thread, made once (making one per call costs half as much again as compressing an 8 KB text).
_PER_THREAD = threading.local()


def pack_text(text: str | None) -> tuple[int | None, bytes | None]:
    """(size in UTF-8 bytes, stored bytes); (None, None) for no text."""
    if text is None:
        return None, None
    data = text.encode("utf-8")
    level, compressor = getattr(_PER_THREAD, "compressor", (None, None))
    if level != LEVEL:  # this thread's first text (or LEVEL changed, as bench/store_write.py does)
        compressor = zstandard.ZstdCompressor(level=LEVEL)  # its frames record the size: decompress needs it
        _PER_THREAD.compressor = (LEVEL, compressor)
    packed = compressor.compress(data)
    return len(data), packed if len(packed) < len(data) else data


def unpack_text(blob: bytes | None, size: int | None) -> str | None:
    """The text `pack_text` stored (None stays None), zstd or, written by an older nianbao, zlib."""
    if blob is None:
        return None
    data = bytes(blob)
    if len(data) == size:
        return data.decode("utf-8")
    if data[:4] != ZSTD_MAGIC:
        return zlib.decompress(data).decode("utf-8")
    try:
        decompressor = _PER_THREAD.decompressor
    except AttributeError:
        decompressor = _PER_THREAD.decompressor = zstandard.ZstdDecompressor()
    return decompressor.decompress(data).decode("utf-8")


def register(conn: sqlite3.Connection) -> None:
    """Make `nianbao_text(blob, size)` available on this connection (deterministic: usable in views and indexes)."""
    conn.create_function(FUNCTION, 2, unpack_text, deterministic=True)
