"""The field_sets ids a batch writer has met, so most findings name their list of fields by id.

A finding's list of fields is stored once in `field_sets` and named by its id (schema.py). Looking
the id up as each finding is written, after an `INSERT OR IGNORE` of the report's lists, cost
~3 µs per finding; the lists are the few a format's rules give, so a batch meets each one early.

An id is trusted once its row is committed: rows of field_sets are never deleted or renumbered.
One inserted or looked up in the open transaction is trusted until that transaction ends: a
report undone (the transaction rolled back and its other reports written again, store/written.py),
or a transaction not ended by `Store.commit`, forgets them (its insert may be undone, and the id
given again to another list). Ids are given in the order the
lists are met, as `INSERT OR IGNORE` of every list of every report gave them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence


class FieldSetIds:
    def __init__(self) -> None:
        self.committed: dict[str, int] = {}
        self.pending: dict[str, int] = {}  # met in the open transaction

    def ids_of(self, conn: sqlite3.Connection, lists: Sequence[str]) -> list[int] | None:
        """The id of each list (inserting those not stored yet), or None when one cannot be told."""
        committed, pending = self.committed, self.pending
        try:
            return [committed[f] for f in lists]  # the usual, once a batch has committed its first reports
        except (KeyError, TypeError):
            pass
        missing = [f for f in dict.fromkeys(lists) if f not in committed and f not in pending]
        if missing:
            if not all(type(f) is str for f in missing):  # e.g. None: stored as its own row each time, not looked up
                return None
            conn.executemany("INSERT OR IGNORE INTO field_sets (fields) VALUES (?)", [(f,) for f in missing])
            pending.update(conn.execute(f"SELECT fields, id FROM field_sets WHERE fields IN ({','.join('?' * len(missing))})",
                                        missing).fetchall())
        out = []
        for f in lists:
            found = committed.get(f)
            if found is None:
                found = pending.get(f)
                if found is None:
                    return None
            out.append(found)
        return out

    def committed_now(self) -> None:
        """The open transaction committed: what it met stays true."""
        self.committed.update(self.pending)
        self.pending.clear()

    def forget_pending(self) -> None:
        """The transaction was (or may have been) rolled back, or a new transaction starts."""
        self.pending.clear()
