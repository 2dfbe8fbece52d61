"""Every model answer, kept in the database so a re-run of the same batch makes no call.

Keyed by endpoint, model, instructor mode, prompt version, schema hash and input hash (the
region of the report asked about): two providers never share answers. It has its
own connection (worker threads ask the model; the main thread writes reports), and a
forked worker process opens its own: a SQLite connection must not cross a fork.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import weakref
from datetime import datetime, timezone

SCHEMA = """
CREATE TABLE IF NOT EXISTS llm_cache (
    key TEXT PRIMARY KEY, model TEXT, mode TEXT, prompt_version TEXT, schema_hash TEXT,
    input_hash TEXT, answer TEXT, created_at TEXT
);
"""


def cache_key(endpoint: str, model: str, mode: str, prompt_version: str, schema: dict, user_text: str) -> tuple[str, str, str]:
    schema_hash = hashlib.sha256(json.dumps(schema, sort_keys=True).encode()).hexdigest()[:16]
    input_hash = hashlib.sha256(user_text.encode()).hexdigest()[:16]
    key = hashlib.sha256("|".join([endpoint.rstrip("/"), model, mode, prompt_version, schema_hash, input_hash]).encode()).hexdigest()
    return key, schema_hash, input_hash


class LLMCache:
    def __init__(self, path: str):
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._connection().execute("PRAGMA journal_mode=WAL")
        self._connection().executescript(SCHEMA)
        ref = weakref.ref(self)
        os.register_at_fork(after_in_child=lambda: _forget(ref()))

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30, isolation_level=None)
        return self._conn

    def get(self, key: str) -> str | None:
        with self._lock:
            row = self._connection().execute("SELECT answer FROM llm_cache WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def put(self, key: str, model: str, mode: str, prompt_version: str, schema_hash: str, input_hash: str, answer: str) -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._lock:
            self._connection().execute(  # one autocommit write: the busy timeout lets it wait for a batch's transaction
                "INSERT OR REPLACE INTO llm_cache VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [key, model, mode, prompt_version, schema_hash, input_hash, answer, now],
            )

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _forget(cache: LLMCache | None) -> None:
    """In a forked child: the parent's connection and lock are left alone (never used, never closed); a new one opens on first use."""
    if cache is not None:
        cache._lock = threading.Lock()
        cache._conn = None
