"""The roster and its deadlines in the database (the region room reads and judges them)."""

from __future__ import annotations

import json
from typing import Any

from . import Store
from .connection import write


def replace_roster(store: Store, rows: list[dict[str, Any]]) -> None:
    """The whole roster at once: an import replaces the previous one in one transaction."""
    with write(store.conn):
        store.db.execute("DELETE FROM roster")
        store.db.conn.executemany(
            "INSERT INTO roster (organ, parent, level, aliases, deadline, line) VALUES (?, ?, ?, ?, ?, ?)",
            [(r["organ"], r["parent"], r["level"], json.dumps(list(r["aliases"]), ensure_ascii=False), r["deadline"], r["line"]) for r in rows],
        )


def roster_rows(store: Store) -> list[dict[str, Any]]:
    return [{**r, "aliases": json.loads(r["aliases"] or "[]")} for r in store.db.query("SELECT * FROM roster ORDER BY line")]


def set_level_deadline(store: Store, level: str, deadline: str | None) -> None:
    with write(store.conn):
        if deadline:
            store.db["level_deadlines"].upsert({"level": level, "deadline": deadline}, pk="level")
        else:
            store.db.execute("DELETE FROM level_deadlines WHERE level = ?", [level])


def level_deadlines(store: Store) -> dict[str, str]:
    return {r["level"]: r["deadline"] for r in store.db.query("SELECT level, deadline FROM level_deadlines")}
