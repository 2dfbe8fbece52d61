"""The SQLite store (one file, opens as-is in datasette).

Each report is written in one transaction keyed on the sha256 of its bytes, so re-running
a file replaces it and a crash never leaves half a report. Human verdicts live in their
own table keyed by the finding's fingerprint, so re-extraction never resets them.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from .. import __version__
from .. import fields as F
from ..extract.implausible import refuse_implausible
from ..report import Cell, Finding, Report
from ..rules.history import compare_years, organ_key
from .connection import BUSY_TIMEOUT, PAGE_SIZE, StoreError, connect_reader, connect_writer, retry_busy, write
from .field_sets import FieldSetIds
from .migrate import drop_views, migrate, needs_migration
from .packing import unpack_cells
from .rows import ReportRows, finding_rows, fingerprint, fingerprints, report_key, report_rows
from .schema import DROPPED_INDEXES, FINDING_COLUMNS, INDEXES, SCHEMA_VERSION, TABLES, VIEWS, statements
from .text import unpack_text
from . import liveness, years
from .verdict_prints import VerdictPrints
from .written import Written

__all__ = ["ReportRows", "Store", "StoreError", "VERDICTS", "fingerprint", "fingerprints", "report_key", "report_rows"]

BATCH_CACHE_MB = 16  # SQLite's page cache while a batch writes (Store.writing_many)
# Runs that ended without their cross-year check: interrupted, failed, or killed (a run still `running` may be
# another process's, which checks its own at its end; one whose process is gone is marked killed by the next run).
_UNCHECKED_RUNS = "SELECT id FROM main.runs WHERE status IN ('interrupted', 'failed', 'killed') AND years_checked IS NULL"
YEARS_CHUNK = 100  # reports compared with last year's and rewritten at a time by the cross-year check
VERDICTS = ("open", "confirmed", "dismissed")  # what a reviewer decides on a finding
# The whole life of a finding: a confirmed one is sent to its organ in a letter, then fixed or disputed.
STATUSES = VERDICTS + ("sent", "fixed", "disputed")
CELL_COLUMNS = ("report_id", "field", "value", "raw", "unit", "status", "span_start", "span_end", "extractor", "alt_value", "alt_extractor")
SECTION_COLUMNS = ("report_id", "number", "title", "span_start", "span_end")
FACT_COLUMNS = ("report_id", "seq", "name", "value", "unit", "span_start", "span_end", "quote", "extractor")
LLM_CALL_COLUMNS = (
    "report_id", "seq", "run_id", "part", "model", "mode", "prompt_version", "attempt",
    "prompt_tokens", "completion_tokens", "latency_ms", "cache_hit", "ok", "error",
)


_REPORT_COLUMNS = (
    "id", "rid", "source", "status", "error", "encoding", "template", "organ", "region", "year", "published", "title",
    "report_key", "kind", "n_errors", "n_warnings", "n_info", "run_id", "extracted_at", "version",
    "seconds", "source_path", "current", "superseded_by", "file_size", "file_mtime_ns", "options",
)
_ORGAN, _YEAR = _REPORT_COLUMNS.index("organ") - 2, _REPORT_COLUMNS.index("year") - 2  # in ReportRows.head
# A report's row: inserted when its id is not stored (looked up first, under the write lock), which costs
# ~5 µs less than the upsert's insert; else the upsert, which keeps the row, so its rid and rowid stay.
_INSERT_REPORT = f"INSERT INTO reports ({', '.join(_REPORT_COLUMNS)}) VALUES ({', '.join('?' * len(_REPORT_COLUMNS))})"
_UPSERT_REPORT = f"{_INSERT_REPORT} ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _REPORT_COLUMNS[1:])}"


# A finding as `finding_rows` gives it, after its report id and before the run: its list of fields by
# its field_sets id, and the verdict a person gave its fingerprint before carried over (else open)
# in the same statement, rather than a look-up of the verdicts per report first. As values with a
# look-up each, not `INSERT … SELECT … FROM (SELECT 1) LEFT JOIN verdicts`: the same row, 3.5 µs less
# per finding (a join for one row costs more than three look-ups by primary key). A verdict, if any,
# is the one row its fingerprint keys: its status as it is (even NULL), 'open' when there is none.
_FINDING_PARAMS = ("report_id", "fingerprint", "report_key", "rule", "severity", "fields", "message", "expected", "actual",
                   "span_start", "span_end", "run_id")
_FROM_VERDICT = {
    "status": "(SELECT CASE WHEN COUNT(*) = 0 THEN 'open' ELSE MAX(status) END FROM verdicts WHERE fingerprint = ?2)",
    "note": "(SELECT note FROM verdicts WHERE fingerprint = ?2)",
    "reviewed_at": "(SELECT decided_at FROM verdicts WHERE fingerprint = ?2)",
}
_FIELDS_AT = _FINDING_PARAMS.index("fields") - 2  # in a finding as `finding_rows` gives it: (fingerprint, rule, …)
_INSERT_FINDING = (
    f"INSERT INTO finding_rows ({', '.join(c if c != 'fields' else 'field_set' for c in FINDING_COLUMNS)}) VALUES ("
    + ", ".join(_FROM_VERDICT[c] if c in _FROM_VERDICT else f"(SELECT id FROM field_sets WHERE fields = ?{_FINDING_PARAMS.index(c) + 1})"
                if c == "fields" else f"?{_FINDING_PARAMS.index(c) + 1}" for c in FINDING_COLUMNS)
    + ")"
)
# The same, with the finding's field_sets id given (store/field_sets.py) instead of looked up.
_INSERT_FINDING_BY_ID = _INSERT_FINDING.replace(f"(SELECT id FROM field_sets WHERE fields = ?{_FINDING_PARAMS.index('fields') + 1})",
                                                f"?{_FINDING_PARAMS.index('fields') + 1}")
# The same for a finding whose fingerprint has no verdict (store/verdict_prints.py): what the look-ups give then.
_INSERT_FINDING_OPEN = _INSERT_FINDING_BY_ID
for _column, _value in (("status", "'open'"), ("note", "NULL"), ("reviewed_at", "NULL")):
    _INSERT_FINDING_OPEN = _INSERT_FINDING_OPEN.replace(_FROM_VERDICT[_column], _value)
# This report's row, if stored before, and the current versions of its file (last column 0); then the
# next integer key (1), in one statement rather than two. The key is taken under the write lock, so
# two writers never share one.
_KNOWN_AND_NEXT_RID = ("SELECT id, rid, 0 FROM reports WHERE id = ?1 OR (source_path = ?2 AND current = 1) "
                       "UNION ALL SELECT NULL, COALESCE(MAX(rid), 0) + 1, 1 FROM reports")


_LAST_SECOND: tuple[int, str] = (-1, "")  # the second `now` last wrote, and how


def now() -> str:
    """The time in UTC to the second, as `datetime.now(timezone.utc).isoformat(timespec="seconds")` writes it:
    written once a second (a batch stores a report every ~0.1 ms, and writing it cost 1.6 µs)."""
    global _LAST_SECOND
    second = time.time_ns() // 1_000_000_000  # the clock datetime.now reads, to the second (floor, as it does)
    last, text = _LAST_SECOND
    if second != last:
        text = datetime.fromtimestamp(second, timezone.utc).isoformat(timespec="seconds")
        _LAST_SECOND = (second, text)
    return text


@contextlib.contextmanager
def savepoint(conn: sqlite3.Connection) -> Iterator[None]:
    """A nested transaction: on any exception only what was written inside it is undone."""
    conn.execute("SAVEPOINT report")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK TO report")
        conn.execute("RELEASE report")
        raise
    conn.execute("RELEASE report")


@functools.cache
def _wanted_columns() -> dict[str, tuple[tuple[str, str], ...]]:
    """Each table of this version's schema → its (column, type) pairs."""
    wanted = sqlite_utils.Database(memory=True, execute_plugins=False)
    wanted.conn.executescript(TABLES)
    return {name: tuple((c.name, c.type) for c in wanted[name].columns) for name in wanted.table_names()}


def database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """sqlite-utils over our connection, without its plugins: nianbao uses none, and finding them (a scan of
    every installed package's entry points) cost ~15 of the ~25 CPU ms of opening a store the first time."""
    return sqlite_utils.Database(conn, execute_plugins=False)


class Store:
    """The database. `readonly=True` for commands that only read: they work on a read-only file or file system."""

    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        self._field_set_ids: FieldSetIds | None = None  # while a batch writes (writing_many)
        self._written: Written | None = None  # in a transaction a batch began (begin … commit)
        # The run this store started → the (organ, year) of each report it wrote for it, ok or not: where the
        # cross-year check looks for the run's reports, instead of reading every report's run_id.
        self._run_groups: dict[int, set[tuple[Any, Any]]] = {}
        self._verdicts = VerdictPrints()
        self._prints: frozenset[str] | None = None  # the fingerprints with a verdict, as the open batch transaction sees them
        self.conn = connect_reader(Path(path)) if readonly else connect_writer(Path(path))
        self.db = database(self.conn)
        self._refuse_newer()
        if readonly and self._schema_gaps():
            self._upgrade_then_reopen()
        if not readonly:
            try:
                migrated = self._create_schema()
            except sqlite3.Error as exc:
                self.conn.close()
                raise StoreError(f"cannot write to the database {path}: {exc}") from None
            if migrated:
                self._compact()
            self._watch_verdicts()

    def _refuse_newer(self) -> None:
        """A database a newer nianbao wrote (texts compressed another way, tables this one does not know) is not
        read or written here: said in one line, rather than a failure deep inside a page or a batch."""
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            self.conn.close()
            raise StoreError(f"the database {self.path} was written by a newer nianbao (storage version {version}; "
                             f"this one reads up to {SCHEMA_VERSION}): upgrade nianbao to open it")

    def _compact(self) -> None:
        """After a migration: give back the old texts' pages and rewrite the file in this version's page size.
        Once, and only when nobody else has the file open (leaving WAL needs that); a failure only costs space."""
        self.conn.execute("PRAGMA busy_timeout = 0")  # someone else has it open: skip at once, don't wait
        with contextlib.suppress(sqlite3.OperationalError):
            if self.conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete":
                self.conn.execute(f"PRAGMA page_size={PAGE_SIZE}")
            self.conn.execute("VACUUM")
        self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        retry_busy(lambda: self.conn.execute("PRAGMA journal_mode=WAL").fetchone())

    def _create_schema(self) -> bool:
        """Tables, columns an older version lacked, indexes and field labels: one short write, safe to race.
        True when an older database's storage was migrated."""
        with write(self.conn):
            fresh = self.conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is None
            for statement in statements(TABLES):
                self.conn.execute(statement)
            if not fresh:  # (a new file's tables were just made whole: comparing them costs ~4 ms the first time)
                self._add_missing_columns()
            for statement in statements(INDEXES):
                self.conn.execute(statement)
            for index in DROPPED_INDEXES:
                self.conn.execute(f"DROP INDEX IF EXISTS {index}")
            self.conn.executemany("INSERT OR IGNORE INTO field_slots (layout, pos, field) VALUES (?, ?, ?)", [
                (t, i, f) for t in (F.TEMPLATE_2021, F.TEMPLATE_2019) for i, f in enumerate(F.fields_for(t))])
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            migrated = needs_migration(self.conn)
            migrate(self.conn)  # also gives every report its integer key
            if version < SCHEMA_VERSION:  # views of an older version read what is no longer there
                drop_views(self.conn)
            for statement in statements(VIEWS):
                self.conn.execute(statement)
            if version < SCHEMA_VERSION:
                self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.conn.execute("UPDATE reports SET current = 1 WHERE current IS NULL")  # written before versions were kept
            self.conn.executemany(
                "INSERT OR IGNORE INTO fields (field, label, tbl, template) VALUES (?, ?, ?, ?)",
                [(f, F.label(f), F.table_of(f), template)
                 for template in (F.TEMPLATE_2021, F.TEMPLATE_2019)
                 for f in F.fields_for(template)
                 if template == F.TEMPLATE_2021 or f not in F.FIELDS_2021],  # appeals and most rows are shared
            )
        return migrated

    def _add_missing_columns(self) -> None:
        """A database written by an older version gets the columns added since (all nullable)."""
        for name, columns in _wanted_columns().items():
            have = {c.name for c in self.db[name].columns}
            for column, kind in columns:
                if column not in have:
                    self.conn.execute(f"ALTER TABLE {name} ADD COLUMN {column} {kind}")

    def _schema_gaps(self) -> list[str]:
        """Tables and columns this version reads that the file lacks (written by an older nianbao)."""
        gaps = []
        for name, columns in _wanted_columns().items():
            have = {row[1] for row in self.conn.execute(f"PRAGMA table_info({name})")}
            gaps += [name] if not have else [f"{name}.{c}" for c, _ in columns if c not in have]
        if self.conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            gaps.append(f"storage version {SCHEMA_VERSION}")
        return gaps

    def _upgrade_then_reopen(self) -> None:
        """A reader meeting an older database upgrades it once as a writer, or says in one line why it cannot."""
        gaps = self._schema_gaps()
        self.conn.close()
        try:
            Store(self.path).close()
        except StoreError as exc:
            raise StoreError(f"the database {self.path} was written by an older nianbao (it lacks {', '.join(gaps[:3])}) "
                             f"and cannot be upgraded here: {exc}") from None
        self.conn = connect_reader(Path(self.path))
        self.db = database(self.conn)

    def close(self) -> None:
        self.db.close()

    # --- runs ---------------------------------------------------------------------------
    def start_run(self, argv: list[str]) -> int:
        with write(self.conn):
            self._mark_killed_runs()
            table = self.db["runs"].insert(
                {"started_at": now(), "version": __version__, "status": "running", "argv": json.dumps(argv, ensure_ascii=False),
                 "process": liveness.this_process()}
            )
        self._run_groups = {int(table.last_pk): set()}
        return int(table.last_pk)

    def _mark_killed_runs(self) -> None:
        """Runs still `running` whose process has surely ended (killed outright) become `killed`: their reports
        are then checked across years by the next run that gets to its check, as an interrupted run's are."""
        running = self.conn.execute("SELECT id, process FROM runs WHERE status = 'running' AND process IS NOT NULL").fetchall()
        for run_id, process in running:
            if liveness.is_gone(process):
                self.conn.execute("UPDATE runs SET status = 'killed' WHERE id = ?", [run_id])

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        with write(self.conn):
            self.db["runs"].update(run_id, {"finished_at": now(), "status": status, **stats})

    # --- reports ------------------------------------------------------------------------
    def save(self, report: Report, run_id: int | None = None) -> None:
        """Write one report and everything extracted from it, atomically, replacing any earlier copy."""
        refuse_implausible(report)  # a value beyond SQLite's INTEGER must never abort a batch (a no-op after the pipeline)
        self.save_rows(report_rows(report), run_id)

    def save_rows(self, rows: ReportRows, run_id: int | None = None, stamp: tuple[int, int, str] | None = None) -> None:
        """Write one report's rows (`report_rows`, worked out in a batch's worker), atomically; `stamp`, the
        file's (size, mtime_ns, options) as read, lets the next batch skip it while unchanged (`stamps_of`)."""
        written = self._written if self.conn.in_transaction else None
        if written is None:  # its own transaction, or one opened elsewhere: in a savepoint of its own
            with write(self.conn), savepoint(self.conn):
                self._save_rows(rows, run_id, stamp, None, now())
            return
        # A batch's transaction (`begin` … `commit`): whole, or not at all, by writing the others again (store/written.py)
        ids, at = self._field_set_ids, now()
        try:
            self._save_rows(rows, run_id, stamp, ids, at)
        except BaseException:
            ids.forget_pending()  # what this transaction inserted is undone
            self._prints = None  # asked again once the transaction is begun again
            try:
                written.undo(lambda *entry: self._save_rows(*entry[:3], ids, entry[3]))
            except BaseException:
                ids.forget_pending()
                raise
            raise
        if written.wrote((rows, run_id, stamp, at)):
            self.commit()
            self.begin()

    def _save_rows(self, rows: ReportRows, run_id: int | None, stamp: tuple[int, int, str] | None, ids: FieldSetIds | None,
                   extracted_at: str) -> None:
        sha = rows.sha256
        found = self.conn.execute(_KNOWN_AND_NEXT_RID, [sha, rows.source_path]).fetchall()
        if len(found) == 1:  # the usual: a report not stored before, of a file without a current version
            rid, row = found[0][1], None
        else:
            known, next_rid = [r for r in found if not r[2]], next(r[1] for r in found if r[2])
            self._supersede([old for old, _, _ in known if old != sha], sha)
            row = next((r for r in known if r[0] == sha), None)
            rid = row[1] if row and row[1] is not None else next_rid
        if row is not None:  # a new report has no findings (the foreign key keeps them from outliving their report)
            self.conn.execute("DELETE FROM finding_rows WHERE report_id = ?", [sha])  # llm_calls is a usage log: kept per run
        self.conn.execute(_INSERT_REPORT if row is None else _UPSERT_REPORT, (
            sha, rid, *rows.head, run_id, extracted_at, __version__, rows.seconds, rows.source_path, 1, None,
            *(stamp or (None, None, None)),
        ))
        self._save_text(rid, rows.text)
        if rows.data is not None:
            self.conn.execute("INSERT OR REPLACE INTO report_data (rid, layout, cells, sections, facts) VALUES (?, ?, ?, ?, ?)",
                              (rid, *rows.data))
        else:  # a failure stores its reason only
            self.conn.execute("DELETE FROM report_data WHERE rid = ?", [rid])
        self._save_findings(sha, rows.key, rows.findings, run_id, ids)
        if rows.ocr is not None:
            self.conn.execute("UPDATE reports SET ocr = ? WHERE id = ?", [rows.ocr, sha])
            self.conn.execute("DELETE FROM page_images WHERE report_id = ?", [sha])
            self._insert_many("page_images", ("report_id", "page", "image"), ((sha, n, image) for n, image in rows.page_images))
        if rows.llm_calls:
            self._insert_many("llm_calls", LLM_CALL_COLUMNS, ((sha, i, run_id or 0, *c) for i, c in enumerate(rows.llm_calls)))
        groups = self._run_groups.get(run_id)  # type: ignore[arg-type]
        if groups is not None:
            groups.add((rows.head[_ORGAN], rows.head[_YEAR]))

    def _save_text(self, rid: int, text: tuple | None) -> None:
        """`text` as `report_rows` packed it (size, blob, display size, display blob), or None."""
        if text is not None:
            self.conn.execute("INSERT OR REPLACE INTO texts (rid, size, text, display_size, display_text) VALUES (?, ?, ?, ?, ?)",
                              (rid, *text))
        else:  # a failure has no text
            self.conn.execute("DELETE FROM texts WHERE rid = ?", [rid])

    def texts_of(self, report_ids: list[str]) -> dict[str, tuple[str, str | None]]:
        """report id → (its normalized text, which every span points into; the text as printed when it was
        converted from traditional characters, else None). The one way nianbao reads a stored text."""
        out: dict[str, tuple[str, str | None]] = {}
        for chunk in range(0, len(report_ids), 500):
            ids = report_ids[chunk : chunk + 500]
            for sha, size, text, display_size, display in self.conn.execute(
                f"SELECT r.id, t.size, t.text, t.display_size, t.display_text FROM reports r JOIN texts t ON t.rid = r.rid "
                f"WHERE r.id IN ({','.join('?' * len(ids))})", ids):
                out[sha] = (unpack_text(text, size) or "", unpack_text(display, display_size))
        return out

    def text_of(self, report_id: str) -> str:
        """One report's normalized text ("" when it has none, as a failure)."""
        return self.texts_of([report_id]).get(report_id, ("", None))[0]

    def stamp(self, sha: str, size: int, mtime_ns: int, options: str) -> None:
        """Record the file as read (size, mtime, options), so an unchanged file is not read next time."""
        with write(self.conn):
            self.conn.execute("UPDATE reports SET file_size = ?, file_mtime_ns = ?, options = ? WHERE id = ?", [size, mtime_ns, options, sha])

    def stamps_of(self, source_paths: list[str], run_id: int | None = None) -> dict[str, tuple[int, int, str]]:
        """Of these source paths, each one's (size, mtime_ns, options) of its current version, when it was
        read successfully; by the indexed path, so a batch looks its inputs up a chunk at a time instead
        of loading every stamp. Versions stored by `run_id` (the run asking) are not counted."""
        if not source_paths:
            return {}
        not_this_run = "" if run_id is None else f" AND run_id IS NOT {int(run_id)}"
        return {path: (size, mtime, options) for path, size, mtime, options in self.conn.execute(
            "SELECT source_path, file_size, file_mtime_ns, options FROM reports "
            f"WHERE source_path IN ({','.join('?' * len(source_paths))}) AND current = 1 AND status = 'ok' "
            f"AND file_size IS NOT NULL{not_this_run} ORDER BY rowid", source_paths)}

    def cells_of(self, report_ids: list[str]) -> dict[str, dict[str, Cell]]:
        """report id → its cells, unpacked from the one row each report has (faster than the `cells` view)."""
        out: dict[str, dict[str, Cell]] = {}
        for chunk in range(0, len(report_ids), 500):
            ids = report_ids[chunk : chunk + 500]
            for sha, layout, packed in self.conn.execute(
                f"SELECT r.id, d.layout, d.cells FROM reports r JOIN report_data d ON d.rid = r.rid "
                f"WHERE r.id IN ({','.join('?' * len(ids))})", ids):
                out[sha] = unpack_cells(layout, packed)
        return out

    def values_of(self, report_ids: list[str]) -> dict[str, dict[str, Any]]:
        """report id → {field: value} (what the rules across reports compare)."""
        return {sha: {f: c.value for f, c in cells.items()} for sha, cells in self.cells_of(report_ids).items()}

    @contextlib.contextmanager
    def writing_many(self) -> Iterator[None]:
        """While a batch writes many reports per transaction (`begin` … `commit`), each whole or not at all
        without a savepoint of its own (store/written.py), naming lists of fields by the ids met before
        (store/field_sets.py).

        SQLite copies each page a savepoint or a statement changes that was already in the file to a
        sub-journal, a temporary file once it passes 64 KB. With temporary storage in memory (decided when
        a transaction starts) that is a copy, not a file write: the writer's SQL per report 0.21 -> 0.17 ms
        when each report had a savepoint. Only meanwhile: the cross-year check's temporary tables, which
        grow with the database, stay on disk.

        And a page cache of BATCH_CACHE_MB instead of SQLite's 2 MB: the reports' sha256 ids and the
        findings' fingerprints are random keys, so each report's inserts land on index pages all over;
        past ~6,000 reports they no longer stay cached (save_rows at 20,000 reports 0.22 -> 0.18 ms).
        A bound, so the writer's memory stays flat."""
        previous = self.conn.execute("PRAGMA temp_store").fetchone()[0]
        cache = self.conn.execute("PRAGMA cache_size").fetchone()[0]
        outside = not self.conn.in_transaction  # it cannot change within one (nor would it count before the next)
        if outside:
            self.conn.execute("PRAGMA temp_store = MEMORY")
            self._watch_verdicts()  # changing temp_store drops every TEMP object: the triggers made again
        self.conn.execute(f"PRAGMA cache_size = {-BATCH_CACHE_MB * 1024}")  # negative: KiB
        self._field_set_ids = FieldSetIds()
        try:
            yield
        finally:
            self._field_set_ids = self._written = None
            self.conn.execute(f"PRAGMA cache_size = {int(cache)}")
            if outside and not self.conn.in_transaction:  # still in one: its commit failed, the batch too
                self.conn.execute(f"PRAGMA temp_store = {int(previous)}")
                self._watch_verdicts()

    def begin(self) -> None:
        """Open a transaction many `save`s join (the batch writer's); `commit` ends it."""
        if not self.conn.in_transaction:
            self._written = self._prints = None
            retry_busy(lambda: self.conn.execute("BEGIN IMMEDIATE"))
            if self._field_set_ids is not None:  # a batch writes (writing_many): no savepoint per report
                self._field_set_ids.forget_pending()  # met in a transaction that did not end by `commit`
                self._written = Written(self.conn)

    def commit(self) -> None:
        self._written = self._prints = None
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
            if self._field_set_ids is not None:
                self._field_set_ids.committed_now()

    def _supersede(self, older: list[str], rid: str) -> None:
        """Earlier versions of this file (`older`: its other current ones) become history: their row, text and
        cells stay, marked not current; their findings go (a person's verdicts stay in `verdicts`, keyed by
        fingerprint), and with them their counts: no batch-wide recount sets them right afterwards."""
        for old in older:
            self.conn.execute("DELETE FROM finding_rows WHERE report_id = ?", [old])
            self.conn.execute("UPDATE reports SET current = 0, superseded_by = ?, n_errors = 0, n_warnings = 0, n_info = 0 "
                              "WHERE id = ?", [rid, old])

    def prune(self, history: bool = False, dry_run: bool = False) -> list[dict[str, Any]]:
        """Drop every version of the reports whose file is gone (and, with `history`, earlier versions
        of files still there). Verdicts stay. Returns the dropped rows (id, source, current)."""
        rows = list(self.db.query("SELECT id, source, source_path, current FROM reports"))
        gone = [r for r in rows if not os.path.exists(r["source_path"] or r["source"]) or (history and not r["current"])]
        if not dry_run and gone:
            with write(self.conn):
                for r in gone:
                    self._drop(r["id"])
        return [{"id": r["id"], "source": r["source"], "current": bool(r["current"])} for r in gone]

    def _drop(self, rid: str) -> None:
        for table in ("report_data", "texts"):
            self.conn.execute(f"DELETE FROM {table} WHERE rid = (SELECT rid FROM reports WHERE id = ?)", [rid])
        for table in ("findings", "llm_calls", "page_images"):
            self.conn.execute(f"DELETE FROM {table} WHERE report_id = ?", [rid])
        self.conn.execute("UPDATE reports SET superseded_by = NULL WHERE superseded_by = ?", [rid])
        self.conn.execute("DELETE FROM reports WHERE id = ?", [rid])

    def _save_findings(self, rid: str, key: str, findings: list[tuple], run_id: int | None, ids: FieldSetIds | None = None) -> None:
        """`findings` as `finding_rows` gives them; a verdict a person gave a finding before is carried over.
        `ids`: the field_sets ids a batch has met (store/field_sets.py)."""
        if not findings:
            return
        if len({f[0] for f in findings}) != len(findings):  # one row per fingerprint: the last given, where the first was
            findings = list({f[0]: f for f in findings}.values())
        at = _FIELDS_AT  # the finding's list of fields, which the row holds by its field_sets id
        if ids is not None:
            found = ids.ids_of(self.conn, [f[at] for f in findings])
            if found is not None:
                prints = self._prints
                if prints is None:
                    prints = self._prints = self._verdicts.now(self.conn)
                insert = _INSERT_FINDING_OPEN if prints.isdisjoint([f[0] for f in findings]) else _INSERT_FINDING_BY_ID
                self.conn.executemany(insert, [(rid, f[0], key, *f[1:at], i, *f[at + 1 :], run_id) for f, i in zip(findings, found)])
                return
        # What the `findings` view's insert trigger does, without a trigger per row: each list of fields once.
        self.conn.executemany("INSERT OR IGNORE INTO field_sets (fields) VALUES (?)", [(f[at],) for f in findings])
        self.conn.executemany(_INSERT_FINDING, [(rid, f[0], key, *f[1:], run_id) for f in findings])  # in _FINDING_PARAMS order

    def _insert_many(self, table: str, columns: tuple[str, ...], rows) -> None:
        marks = ", ".join("?" * len(columns))
        self.db.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def save_failure(self, source: str, sha256: str, error: str, run_id: int | None = None) -> None:
        self.save(Report(source=source, sha256=sha256, status="failed", error=error), run_id)

    # --- across years ---------------------------------------------------------------------
    def organ_names(self) -> dict[str, str]:
        """Each organ key in the database → the name it is matched as (its alias, else itself)."""
        aliases = {r["name"]: r["canonical"] for r in self.db.query("SELECT name, canonical FROM organ_aliases")}
        keys = {organ_key(r["organ"]) for r in self.db.query("SELECT DISTINCT organ FROM reports WHERE organ IS NOT NULL AND current = 1")}
        return {k: aliases.get(k, k) for k in keys if k}

    def set_alias(self, name: str, canonical: str | None) -> None:
        with write(self.conn):
            if canonical:
                self.db["organ_aliases"].upsert({"name": organ_key(name), "canonical": organ_key(canonical)}, pk="name")
            else:
                self.db.execute("DELETE FROM organ_aliases WHERE name = ?", [organ_key(name)])

    def check_across_years(self, run_id: int | None = None, changed: Iterable[str] | None = None) -> int:
        """Recompute the cross-year findings of the reports in `changed` (all when None) and of their
        partners (the same organ's report of the next year); returns how many cross-year findings there are."""
        with write(self.conn):  # read and rewrite under one lock: a batch saving meanwhile is never half-seen
            self._check_across_years(run_id, changed, of_run=False)
            return self._count_history()

    def check_run_across_years(self, run_id: int) -> int:
        """`check_across_years` for the reports run `run_id` stored, found in the database by their run_id
        (a batch keeps no list of them), and for those of earlier runs that ended before their check (a Ctrl-C,
        a failed write: their files are not read again while unchanged, so they would never be checked);
        returns how many cross-year findings there are."""
        with write(self.conn):
            self._check_across_years(run_id, None, of_run=True)
            self.conn.execute(f"UPDATE runs SET years_checked = ? WHERE id = ? OR id IN ({_UNCHECKED_RUNS})", [now(), run_id])
            return self._count_history()

    def _count_history(self) -> int:
        return years.count_cross_year(self.conn)

    def _check_across_years(self, run_id: int | None, changed: Iterable[str] | None, of_run: bool) -> None:
        """By index (store/years.py): the reports to check go to a temporary table, with the next year's reports
        matched with them, and are walked a chunk at a time; each (name, year) group's partner is looked up once.
        Python's work and memory go by organ names and (name, year) groups, not by reports; the database is read by
        index but for one scan of the (organ, year) index (in C, ~0.05 µs per stored report)."""
        cursor = None
        self.conn.execute("DROP TABLE IF EXISTS temp.xy_wanted")
        self.conn.execute("CREATE TEMP TABLE xy_wanted (id TEXT PRIMARY KEY, report_key TEXT, organ TEXT, year INTEGER, had INTEGER) "
                          "WITHOUT ROWID")
        try:
            aliases = dict(self.conn.execute("SELECT name, canonical FROM organ_aliases").fetchall())  # a person's list: small
            groups, ids = self._groups_to_check(run_id, changed, of_run)
            names = years.Names(self.conn, {y for _, y in groups}, aliases)
            if ids is not None:  # the reports named, of those compared at all
                self.conn.executemany(f"{years.INSERT_WANTED} WHERE id = ? AND {years.IN_SCOPE}",
                                      [(sha,) for sha, organ in ids if organ in names.of_organ])
            elif of_run:  # the run's, and those of runs that ended before their check
                self.conn.executemany(f"{years.INSERT_GROUP} AND (run_id = ? OR run_id IN ({_UNCHECKED_RUNS}))",
                                      [(o, y, run_id) for o, y in groups if o in names.of_organ])
            else:
                self.conn.executemany(years.INSERT_GROUP, [(o, y) for o, y in groups if o in names.of_organ])
            matching = functools.cache(names.matching)
            self.conn.executemany(years.INSERT_NEXT_YEAR, [(matching(name), year) for name, year in {
                (names.of_organ[o], y) for o, y in self.conn.execute("SELECT DISTINCT organ, year FROM temp.xy_wanted")}])
            years.mark_had(self.conn)
            partners: dict[tuple[str, Any], tuple | None] = {}  # (name, year) → its partner: (id, organ, year, source)
            cursor = self.conn.execute("SELECT id, report_key, organ, year, had FROM temp.xy_wanted ORDER BY id")
            while rows := cursor.fetchmany(YEARS_CHUNK):
                chunk = []
                for sha, key, organ, year, had in rows:
                    group = (names.of_organ[organ], year)
                    if group not in partners:
                        partners[group] = self.conn.execute(years.PARTNER, [matching(group[0]), year]).fetchone()
                    chunk.append((sha, key, partners[group], had))
                self._check_years_of(chunk, run_id)
        finally:
            if cursor is not None:
                cursor.close()  # a table cannot be dropped under a pending statement
            self.conn.execute("DROP TABLE IF EXISTS temp.xy_wanted")

    def _groups_to_check(self, run_id: int | None, changed: Iterable[str] | None,
                         of_run: bool) -> tuple[set[tuple[str, Any]], list[tuple[str, str]] | None]:
        """The (organ, year) of each report to check, or more; and, when they were named (`changed`), their (id, organ)."""
        compared = f"{years.IN_SCOPE} AND organ IS NOT NULL AND year IS NOT NULL"
        if changed is not None:
            rows = []
            named = list(dict.fromkeys(changed))
            for at in range(0, len(named), 500):
                part = named[at : at + 500]
                rows += self.conn.execute(f"SELECT id, organ, year FROM reports WHERE id IN ({','.join('?' * len(part))}) AND {compared}",
                                          part).fetchall()
            return {(organ, year) for _, organ, year in rows}, [(sha, organ) for sha, organ, _ in rows]
        if not of_run:
            return set(self.conn.execute(f"SELECT DISTINCT organ, year FROM reports WHERE {compared}").fetchall()), None
        unchecked = self.conn.execute(f"SELECT EXISTS ({_UNCHECKED_RUNS})").fetchone()[0]
        kept = self._run_groups.get(run_id) if run_id is not None else None
        if kept is None or unchecked:  # not a run this store wrote, or reports of earlier runs too: every report's run_id read
            found = set(self.conn.execute(f"SELECT DISTINCT organ, year FROM reports WHERE (run_id = ? OR run_id IN ({_UNCHECKED_RUNS})) "
                                          f"AND {compared}", [run_id]).fetchall())
            return found | (kept or set()), None
        return set(kept), None

    def _check_years_of(self, chunk: list[tuple[str, str, tuple | None, Any]], run_id: int | None) -> None:
        """Compare a chunk of (report id, report_key, its partner's (id, organ, year, source) or None, whether it has
        cross-year findings now) with last year's; replace their cross-year findings."""
        pairs = {sha: partner for sha, _, partner, _ in chunk if partner is not None}
        values = self.values_of(list({*pairs, *(p[0] for p in pairs.values())}))
        had = [sha for sha, _, _, has in chunk if has]
        # finding_rows, the table under the `findings` view: the same rows, without the view's join and its delete trigger per row
        if had:
            self.conn.execute(f"DELETE FROM finding_rows WHERE {years.HISTORY} AND report_id IN ({','.join('?' * len(had))})", had)
        for sha, key, _, _ in chunk:
            if sha in pairs:
                prev, organ, year, source = pairs[sha]
                found = compare_years(values.get(prev, {}), values.get(sha, {}), f"{organ} {year}年，{source}")
                self._save_findings(sha, key, finding_rows(key, found), run_id)
        # Recounted: the reports whose history findings went or came. The others' findings are as they were, and
        # so are their counts (every writer of findings sets them); recounting every report of a batch cost ~10 ms per 2,000.
        recount = sorted({*had, *pairs})
        if recount:
            self.conn.execute(
                "UPDATE reports SET n_errors = (SELECT COUNT(*) FROM finding_rows f WHERE f.report_id = reports.id AND f.severity = 'error'), "
                "n_warnings = (SELECT COUNT(*) FROM finding_rows f WHERE f.report_id = reports.id AND f.severity = 'warning') "
                f"WHERE id IN ({','.join('?' * len(recount))})", recount)

    def replace_findings(self, rule_prefix: str, found: dict[str, list[Finding]], run_id: int | None = None) -> None:
        """Replace every finding whose rule starts with `rule_prefix` by `found` (report id → findings); verdicts carry over.
        Only the reports that had or get such findings are touched (looked up, recounted), so the memory and the
        work do not grow with the database when there are few (after every batch: the region's deadlines)."""
        with write(self.conn):
            touched = {r[0] for r in self.conn.execute("SELECT DISTINCT report_id FROM findings WHERE rule LIKE ?", [rule_prefix + "%"])}
            self.db.execute("DELETE FROM findings WHERE rule LIKE ?", [rule_prefix + "%"])
            ids = list(found)
            for chunk in range(0, len(ids), 500):
                part = ids[chunk : chunk + 500]
                keys = dict(self.conn.execute(f"SELECT id, report_key FROM reports WHERE id IN ({','.join('?' * len(part))})", part).fetchall())
                for rid in part:
                    if rid in keys:
                        self._save_findings(rid, keys[rid], finding_rows(keys[rid], found[rid]), run_id)
                        touched.add(rid)
            touched_ids = sorted(touched)
            for chunk in range(0, len(touched_ids), 500):
                part = touched_ids[chunk : chunk + 500]
                self.db.execute(
                    "UPDATE reports SET n_errors = (SELECT COUNT(*) FROM findings f WHERE f.report_id = reports.id AND f.severity = 'error'), "
                    "n_warnings = (SELECT COUNT(*) FROM findings f WHERE f.report_id = reports.id AND f.severity = 'warning') "
                    f"WHERE id IN ({','.join('?' * len(part))})", part)

    # --- the reports that count now ---------------------------------------------------------
    def current_reports(self, year: int | None = None) -> list[dict[str, Any]]:
        """Of each file's current version (see `_supersede`), per report (report_key: organ|year, else the
        file name) the latest extracted copy, ok or failed: a re-published report under a new file name
        replaces the old one too.

        The one place that says which stored versions count: the roster, 汇总, trends, rankings,
        letters and the automatic 'fixed' all read through it, so a change of what 'current'
        means (e.g. per source path) changes them all at once.
        """
        # One pass, ranked per report_key (a correlated NOT EXISTS was quadratic in the copies of a key).
        # A report without a key is its own group, as `n.report_key = r.report_key` never held for NULL.
        sql = (
            "SELECT id, source, status, error, template, organ, region, year, published, report_key, extracted_at, "
            "n_errors, n_warnings FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY report_key, "
            "CASE WHEN report_key IS NULL THEN rowid END ORDER BY extracted_at DESC, rowid DESC) AS newest "
            "FROM reports WHERE current = 1) WHERE newest = 1"
        )
        args: list[Any] = []
        if year is not None:
            sql += " AND year = ?"
            args.append(year)
        return list(self.db.query(sql + " ORDER BY organ, year, source", args))

    # --- review -------------------------------------------------------------------------
    def set_verdict(self, fp: str, status: str, note: str | None = None) -> int:
        """Record a person's verdict on a finding; returns how many stored findings it applies to.

        A fingerprint no stored finding has is refused (0, nothing written): a typo must not
        leave a verdict waiting for a finding that will never come.
        """
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}")
        decided = now()
        with write(self.conn):
            if self.conn.execute("SELECT 1 FROM findings WHERE fingerprint = ? LIMIT 1", [fp]).fetchone() is None:
                return 0
            self.db["verdicts"].upsert({"fingerprint": fp, "status": status, "note": note, "decided_at": decided}, pk="fingerprint")
            cursor = self.db.execute(  # the table under the `findings` view: its rowcount counts the findings changed
                "UPDATE finding_rows SET status = ?, note = ?, reviewed_at = ? WHERE fingerprint = ?", [status, note, decided, fp]
            )
        return cursor.rowcount

    def _verdicts_written(self) -> None:
        """This connection wrote a verdict (the TEMP triggers of `_watch_verdicts` call it): the fingerprints a
        batch keeps are read again (store/verdict_prints.py)."""
        self._verdicts.forget()
        self._prints = None

    def _watch_verdicts(self) -> None:
        """A verdict written through this connection by any path, plain SQL included, makes the fingerprints a batch
        keeps be read again (other connections' writes show in `PRAGMA data_version`; this one's do not): without
        it such a verdict was written over as 'open' at the next re-extraction. TEMP triggers: this connection's
        own, nothing in the file."""
        self.conn.create_function("nianbao_verdicts_written", 0, lambda: self._verdicts_written())
        for event in ("INSERT", "DELETE", "UPDATE OF fingerprint"):
            self.conn.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS nianbao_verdicts_{event.split()[0].lower()} AFTER {event} "
                              "ON main.verdicts BEGIN SELECT nianbao_verdicts_written(); END")

    def findings(self, report_id: str | None = None, status: str | None = None) -> list[dict[str, Any]]:
        where, args = [], []
        if report_id:
            where.append("report_id = ?"), args.append(report_id)
        if status:
            where.append("status = ?"), args.append(status)
        return list(self.db["findings"].rows_where(" AND ".join(where) or None, args, order_by="report_id, rule"))
