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

from .connection import retry_busy

LIMIT = 200  # reports kept; past it the store commits them (the memory stays bounded)


class Written:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.entries: list[tuple] = []

    def wrote(self, entry: tuple) -> bool:
        """A report was written whole (`entry`: what `undo`'s `write_again` takes); True once LIMIT are held."""
        self.entries.append(entry)
        return len(self.entries) >= LIMIT

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
