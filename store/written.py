"""A batch's open transaction, without a savepoint per report: the reports it holds are kept, so
that one failing half-way is undone by writing the others again.

A batch writes many reports per transaction (`Store.begin` … `Store.commit`), and a report that
fails half-way (an error, Ctrl-C) must leave nothing of itself. A savepoint per report did that
for ~0.015 of the writer's ~0.125 CPU ms per report: SAVEPOINT, RELEASE, and SQLite copying to
the sub-journal each page the report changed that was already in the file. (One savepoint for
many reports costs more still, per report, the more reports it spans: measured at 10, 50, 100.)
Failures are rare: then the transaction is rolled back and the reports before the failing one
are written again, in their order and with their own time stamps, so it holds exactly what it
held before that report began. (Between the two another writer may get in: the reports are then
stored after its writes, as if it had come first.) Should writing them again fail too (a second
Ctrl-C, a full disk), the transaction is rolled back: its reports are lost, never half of one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from .connection import retry_busy

LIMIT = 200  # reports kept; past it the store commits them (the memory stays bounded)
# …and bytes kept: a scanned report carries a JPEG per page (~100 KB each), and 200 of them would hold
# hundreds of MB in the writer; past this the store commits too.
MAX_BYTES = 16 * 1024 * 1024


class Written:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.entries: list[tuple] = []
        self.bytes = 0

    def wrote(self, entry: tuple) -> bool:
        """A report was written whole (`entry`: what `undo`'s `write_again` takes, its ReportRows first);
        True once LIMIT reports or MAX_BYTES are held."""
        self.entries.append(entry)
        self.bytes += held(entry[0])
        return len(self.entries) >= LIMIT or self.bytes >= MAX_BYTES

    def undo(self, write_again: Callable[..., None]) -> None:
        """The report being written failed: the transaction without it (rolled back, the others written again)."""
        entries, self.entries = self.entries, []
        if self.conn.in_transaction:  # else SQLite rolled it back itself (e.g. a full disk)
            self.conn.execute("ROLLBACK")
        retry_busy(lambda: self.conn.execute("BEGIN IMMEDIATE"))
        try:
            for entry in entries:
                write_again(*entry)
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.entries = entries


def held(rows: Any) -> int:
    """About how many bytes a report's rows (store.rows.ReportRows) hold: its text, packed data, OCR and page images."""
    n = len(rows.ocr) if rows.ocr else 0
    if rows.page_images:
        n += sum(len(image) for _, image in rows.page_images)
    text, data = rows.text, rows.data
    if text is not None:
        n += len(text[1] or b"") + len(text[3] or b"")
    if data is not None:
        n += sum(len(part or "") for part in data)
    for f in rows.findings:  # a finding's message is most of it
        n += len(f[4] or "")
    return n
