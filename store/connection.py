"""Opening the database so many users can share it: writers wait their turn, readers never write.

- WAL: readers (review, serve, datasette) never block a writer, nor a writer them.
- A busy timeout: a writer that finds the database locked waits instead of failing.
- Every write is one short `BEGIN IMMEDIATE` transaction: the write lock is taken at the
  start (where SQLite's busy handler can wait for it), never upgraded from a read midway
  (where SQLite gives up at once to avoid a deadlock). Taking the lock is retried.
- Read commands open the file read-only (`mode=ro`); on a read-only file system, where the
  WAL's shared-memory file cannot be created, as `immutable=1`.
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from .text import register as register_functions

BUSY_TIMEOUT = 30.0  # seconds SQLite itself waits for a lock, per attempt
LOCK_ATTEMPTS = 5  # then `BEGIN IMMEDIATE` is tried again this many times in all
PAGE_SIZE = 8192  # bytes; see connect_writer


class StoreError(Exception):
    """A database that cannot be opened or written, said in one line (the CLI prints it as is)."""


def is_busy(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


def check_folder(path: Path) -> None:
    """A database in a folder that does not exist is a user's typo: say so, don't create folders."""
    if not path.parent.is_dir():
        raise StoreError(f"the folder {path.parent} does not exist (for the database {path})")


def connect_writer(path: Path) -> sqlite3.Connection:
    """A connection for writing: WAL, a busy timeout, and no implicit transactions (see `write`)."""
    check_folder(path)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
        register_functions(conn)
        # A new file only (SQLite ignores it afterwards): 8 KB pages hold two or three 2.6-3.4 KB report
        # rows (texts, report_data) each, where 4 KB pages held one and left up to a third empty; larger
        # pages cost more in the many small tables than they save (bench/store_write.py: 12.8, 11.6,
        # 12.0, 12.5 KB per report at 4, 8, 16, 32 KB).
        conn.execute(f"PRAGMA page_size={PAGE_SIZE}")
        # NORMAL before WAL: a new file's switch to WAL (a rollback-journal write) then syncs its journal once, not twice.
        conn.execute("PRAGMA synchronous=NORMAL")
        retry_busy(lambda: conn.execute("PRAGMA journal_mode=WAL").fetchone())
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the database {path}: {exc}") from None
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def connect_reader(path: Path) -> sqlite3.Connection:
    """A read-only connection; works on a read-only file or file system and never creates the file."""
    check_folder(path)
    if not path.is_file():
        raise StoreError(f"no database at {path} (run nianbao extract first)")
    uri = "file:" + quote(str(path.resolve()))
    try:
        conn = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
        register_functions(conn)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # WAL files are opened (or fail) here
        return conn
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc) and "readonly" not in str(exc):
            raise StoreError(f"cannot read the database {path}: {exc}") from None
    except sqlite3.DatabaseError as exc:  # not a database, or a damaged one: said in one line, as extract says it
        raise StoreError(f"cannot read the database {path}: {exc}") from None
    # A WAL database on a read-only file system: its -shm cannot be created. Nobody can be
    # writing to it either, so reading it as immutable is safe.
    try:
        conn = sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, isolation_level=None, check_same_thread=False)
        register_functions(conn)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read the database {path}: {exc}") from None
    return conn


def retry_busy(action, attempts: int = LOCK_ATTEMPTS):
    """Run `action`; when the database is still locked after the busy timeout, back off and try again."""
    for attempt in range(attempts):
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or attempt == attempts - 1:
                raise
            time.sleep(min(2.0, 0.05 * 2**attempt) * (1 + random.random()))


@contextlib.contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One short write transaction that takes the write lock first (BEGIN IMMEDIATE), retried while busy.

    Nested use (a write inside a write) joins the outer transaction.
    """
    if conn.in_transaction:
        yield conn
        return
    retry_busy(lambda: conn.execute("BEGIN IMMEDIATE"))
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
