"""The cross-year check by index (store/years.py) against the check as it was: every report in temporary tables.

Random databases of a few organs under loosely matching names (a place in front, 人民政府 behind, a space,
an empty key), aliases set and taken back, several years, several runs (some interrupted before their
check), files re-extracted (earlier versions no longer current), failures, and stale cross-year findings
left by earlier checks. The same database is checked by `_reference` below (the former implementation,
kept here verbatim but for being a function) and by the store, both as the store that wrote the run (the
run's (organ, year) kept in memory) and as another store (the run's reports found by their run_id); the
finding rows (in rowid order), every report's counts and the returned counts must be the same.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from nianbao import fields as F
from nianbao.report import Cell, Report
from nianbao.rules.history import compare_years, name_pairs, organ_key
from nianbao.store import YEARS_CHUNK, Store, finding_rows, years

ORGANS = ["安流镇", "五华县安流镇", "梅州市五华县安流镇", "安流镇人民政府", "五华县 安流镇政府", "城关镇", "随县城关镇",
          "城关镇人民政府", "人民政府", "随县", "旗下营镇", "某旗旗下营镇", "梅州市五华县"]
_UNCHECKED_RUNS = "SELECT id FROM main.runs WHERE status IN ('interrupted', 'failed', 'killed') AND years_checked IS NULL"
CARRIED = [(F.application_id("carried_over", c), F.application_id("carried_forward", c)) for c in F.APPLICATION_COLUMNS]
ACTIVE = [F.active_id(row, col) for row in ("regulations", "normative_docs") for col in ("issued", "repealed", "in_force")]


# --- the former implementation ------------------------------------------------------------------------

def _reference(store: Store, run_id: int | None, changed: Iterable[str] | None, of_run: bool) -> int:
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    cursor = None
    try:
        _index_for_years(store)
        if of_run:
            conn.execute("INSERT INTO temp.xy_wanted SELECT id FROM temp.xy_reports "
                         f"WHERE run_id = ? OR run_id IN ({_UNCHECKED_RUNS})", [run_id])
        elif changed is None:
            conn.execute("INSERT INTO temp.xy_wanted SELECT id FROM temp.xy_reports")
        else:
            conn.executemany("INSERT OR IGNORE INTO temp.xy_wanted SELECT id FROM temp.xy_reports WHERE id = ?", ((sha,) for sha in changed))
        conn.execute(
            "INSERT OR IGNORE INTO temp.xy_wanted SELECT b.id FROM "
            "(SELECT DISTINCT a.name, a.year FROM temp.xy_wanted w JOIN temp.xy_reports a ON a.id = w.id) k "
            "JOIN temp.xy_names m ON m.name = k.name JOIN temp.xy_reports b ON b.name = m.other AND b.year = k.year + 1")
        cursor = conn.execute(
            "SELECT a.id, a.report_key, (SELECT MAX((SELECT MAX(x.ord) FROM temp.xy_reports x WHERE x.name = m.other "
            "AND x.year = a.year - 1)) FROM temp.xy_names m WHERE m.name = a.name) "
            "FROM temp.xy_wanted w JOIN temp.xy_reports a ON a.id = w.id")
        while chunk := cursor.fetchmany(YEARS_CHUNK):
            _check_years_of(store, chunk, run_id)
    finally:
        if cursor is not None:
            cursor.close()
        for table in ("xy_wanted", "xy_names", "xy_reports"):
            conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
    if of_run:
        conn.execute(f"UPDATE runs SET years_checked = 'x' WHERE id = ? OR id IN ({_UNCHECKED_RUNS})", [run_id])
    n = int(conn.execute("SELECT COUNT(*) FROM finding_rows WHERE rule LIKE 'history.%'").fetchone()[0])
    conn.execute("COMMIT")
    return n


def _index_for_years(store: Store) -> None:
    conn = store.conn
    conn.execute("CREATE TEMP TABLE xy_reports (ord INTEGER PRIMARY KEY, id TEXT UNIQUE, name TEXT, year INTEGER, "
                 "organ TEXT, source TEXT, report_key TEXT, run_id INTEGER)")
    conn.execute("CREATE TEMP TABLE xy_names (name TEXT, other TEXT, PRIMARY KEY (name, other)) WITHOUT ROWID")
    conn.execute("CREATE TEMP TABLE xy_wanted (id TEXT PRIMARY KEY) WITHOUT ROWID")
    aliases = dict(conn.execute("SELECT name, canonical FROM organ_aliases").fetchall())

    def rows() -> Iterator[tuple]:
        for ordinal, (sha, organ, year, source, key, run) in enumerate(conn.execute(
                "SELECT id, organ, year, source, report_key, run_id FROM reports WHERE status = 'ok' AND current = 1 "
                "AND organ IS NOT NULL AND year IS NOT NULL ORDER BY extracted_at, rowid")):
            k = organ_key(organ)
            if k:
                yield ordinal, sha, aliases.get(k, k), year, organ, source, key, run

    conn.executemany("INSERT INTO temp.xy_reports VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows())
    conn.execute("CREATE INDEX temp.xy_by_name ON xy_reports (name, year, ord)")
    conn.execute("CREATE INDEX temp.xy_by_run ON xy_reports (run_id)")
    conn.executemany("INSERT OR IGNORE INTO temp.xy_names VALUES (?, ?)", (
        pair for (name,) in conn.execute("SELECT DISTINCT name FROM temp.xy_reports") for pair in name_pairs(name)))


def _check_years_of(store: Store, chunk: list[tuple[str, str, int | None]], run_id: int | None) -> None:
    conn = store.conn
    ords = sorted({o for _, _, o in chunk if o is not None})
    previous = {row[0]: row[1:] for row in conn.execute(
        f"SELECT ord, id, organ, year, source FROM temp.xy_reports WHERE ord IN ({','.join('?' * len(ords))})", ords)} if ords else {}
    pairs = {sha: previous[o] for sha, _, o in chunk if o is not None}
    values = store.values_of(list({*pairs, *(p[0] for p in pairs.values())}))
    ids = [sha for sha, _, _ in chunk]
    had = [sha for (sha,) in conn.execute(
        f"SELECT DISTINCT report_id FROM finding_rows WHERE rule LIKE 'history.%' AND report_id IN ({','.join('?' * len(ids))})", ids)]
    if had:
        conn.execute(f"DELETE FROM finding_rows WHERE rule LIKE 'history.%' AND report_id IN ({','.join('?' * len(had))})", had)
    for sha, key, _ in chunk:
        if sha in pairs:
            prev, organ, year, source = pairs[sha]
            found = compare_years(values.get(prev, {}), values.get(sha, {}), f"{organ} {year}年，{source}")
            store._save_findings(sha, key, finding_rows(key, found), run_id)
    recount = sorted({*had, *pairs})
    if recount:
        conn.execute(
            "UPDATE reports SET n_errors = (SELECT COUNT(*) FROM finding_rows f WHERE f.report_id = reports.id AND f.severity = 'error'), "
            "n_warnings = (SELECT COUNT(*) FROM finding_rows f WHERE f.report_id = reports.id AND f.severity = 'warning') "
            f"WHERE id IN ({','.join('?' * len(recount))})", recount)


# --- random databases ---------------------------------------------------------------------------------

def _report(rng: random.Random, n: int, path: str) -> Report:
    if rng.random() < 0.08:
        return Report(source=path, sha256=f"{rng.getrandbits(128):064x}", status="failed", error="unreadable")
    cells = {}
    for over, forward in CARRIED:
        for f in (over, forward):
            if rng.random() < 0.9:
                cells[f] = Cell(f, rng.choice([0, 0, 1, 2]))
    for f in ACTIVE:
        if rng.random() < 0.9:
            cells[f] = Cell(f, rng.choice([0, 1, 2, 3]))
    organ = rng.choice(ORGANS + [None])
    year = rng.choice([2020, 2021, 2022, 2023, None]) if rng.random() < 0.1 else rng.choice([2021, 2022, 2023])
    if rng.random() < 0.03:  # not as the reader gives it, but a database may hold it: a year stored as text or a fraction
        year = rng.choice(["2022年", "2022", 2022.5])
    return Report(source=path, sha256=f"{rng.getrandbits(128):064x}", template=F.TEMPLATE_2021, organ=organ, year=year, cells=cells)


def _stale_finding(store: Store, rng: random.Random) -> None:
    """A cross-year finding a person (or an earlier version) left on some report: the check must replace or keep it alike."""
    ids = [r[0] for r in store.conn.execute("SELECT id FROM reports ORDER BY rowid")]
    if ids:
        sha = rng.choice(ids)
        store.conn.execute("INSERT OR IGNORE INTO finding_rows (report_id, fingerprint, report_key, rule, severity, message, status) "
                           "VALUES (?, ?, 'k', 'history.in_force', 'warning', 'stale', 'open')", [sha, f"{rng.getrandbits(64):016x}"])


def _database(tmp_path: Path, seed: int) -> tuple[Store, int, Path]:
    rng = random.Random(seed)
    db = tmp_path / f"r{seed}.db"
    store = Store(db)
    paths = [f"/in/{i}.txt" for i in range(rng.randint(6, 40))]
    for _ in range(rng.randint(1, 4)):  # earlier runs
        run = store.start_run(["x"])
        for _ in range(rng.randint(3, 30)):
            store.save(_report(rng, 0, rng.choice(paths)), run)
        if rng.random() < 0.3:
            store.finish_run(run, rng.choice(["interrupted", "failed", "killed"]), {})  # ended before its check
        else:
            store.check_run_across_years(run)
            store.finish_run(run, "done", {})
        if rng.random() < 0.4:
            store.set_alias(rng.choice(ORGANS), rng.choice(ORGANS + [None]))
        if rng.random() < 0.3:
            with store.conn:
                _stale_finding(store, rng)
    run = store.start_run(["x"])
    for _ in range(rng.randint(0, 30)):
        store.save(_report(rng, 0, rng.choice(paths)), run)
    return store, run, db


def _copy(store: Store, to: Path) -> Store:
    target = sqlite3.connect(to)
    store.conn.backup(target)
    target.close()
    return Store(to)


def _state(store: Store) -> tuple:
    findings = store.conn.execute("SELECT rowid, * FROM finding_rows ORDER BY rowid").fetchall()
    counts = store.conn.execute("SELECT id, n_errors, n_warnings, n_info FROM reports ORDER BY rowid").fetchall()
    checked = store.conn.execute("SELECT id, years_checked IS NOT NULL FROM runs ORDER BY id").fetchall()
    return findings, counts, checked


@pytest.mark.parametrize("seed", range(40))
def test_the_run_check_by_index_agrees_with_every_report_in_temporary_tables(tmp_path, seed):
    store, run, _ = _database(tmp_path, seed)
    old, other = _copy(store, tmp_path / "old.db"), _copy(store, tmp_path / "other.db")
    try:
        expected = _reference(old, run, None, of_run=True)
        assert store.check_run_across_years(run) == expected  # the store that wrote the run: its (organ, year) kept
        assert other.check_run_across_years(run) == expected  # another store: the run's reports found by run_id
        assert _state(store) == _state(old) == _state(other)
    finally:
        for s in (store, old, other):
            s.close()


@pytest.mark.parametrize("seed", range(40, 60))
def test_checking_named_reports_or_all_by_index_agrees_with_the_former_check(tmp_path, seed):
    store, run, _ = _database(tmp_path, seed)
    rng = random.Random(seed)
    ids = [r[0] for r in store.conn.execute("SELECT id FROM reports ORDER BY rowid")]
    changed = rng.sample(ids, rng.randint(0, len(ids))) + rng.sample(ids, min(2, len(ids)))  # some named twice
    old, other, old_all = (_copy(store, tmp_path / f"{name}.db") for name in ("old", "other", "old_all"))
    try:
        assert store.check_across_years(run, changed) == _reference(old, run, changed, of_run=False)
        assert _state(store) == _state(old)
        assert other.check_across_years(run) == _reference(old_all, run, None, of_run=False)
        assert _state(other) == _state(old_all)
    finally:
        for s in (store, old, other, old_all):
            s.close()


def test_cross_year_findings_are_counted_and_found_by_their_own_index_as_like_finds_them(tmp_path):
    store = Store(tmp_path / "t.db")
    try:
        with store.conn:
            store.conn.execute("INSERT INTO reports (id) VALUES ('r'), ('s')")
            for i, rule in enumerate(["applications.x", "history.carried_over", "History.in_force", "historyx", "history.",
                                      "history.carried_over", None, 5, "zz.history.x", "历史.x"]):
                store.conn.execute("INSERT INTO finding_rows (report_id, fingerprint, rule) VALUES (?, ?, ?)", ["rs"[i % 2], str(i), rule])
        like = store.conn.execute("SELECT COUNT(*), COUNT(DISTINCT report_id) FROM finding_rows WHERE +rule LIKE 'history.%'").fetchone()
        assert (years.count_cross_year(store.conn), 2) == tuple(like) == (4, 2)
        plan = " ".join(r[3] for r in store.conn.execute(f"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM finding_rows WHERE {years.HISTORY}"))
        assert "idx_finding_rows_history" in plan, plan
        with store.conn:
            store.conn.execute("DELETE FROM finding_rows WHERE rule IN ('History.in_force', 'history.')")  # now only report 's' has any
        for wanted in (["r", "s"], ["r", "s", "t", "u", "v"]):  # fewer wanted reports than such findings, then more
            store.conn.execute("CREATE TEMP TABLE xy_wanted (id TEXT PRIMARY KEY, report_key TEXT, organ TEXT, year INTEGER, had INTEGER)")
            store.conn.executemany("INSERT INTO temp.xy_wanted (id) VALUES (?)", [(w,) for w in wanted])
            years.mark_had(store.conn)
            assert [r[0] for r in store.conn.execute("SELECT id FROM temp.xy_wanted WHERE had ORDER BY id")] == ["s"]
            store.conn.execute("DROP TABLE temp.xy_wanted")
    finally:
        store.close()


def test_an_older_database_loses_the_rule_index_and_gains_the_cross_year_one(tmp_path):
    path = tmp_path / "old.db"
    Store(path).close()
    older = sqlite3.connect(path)
    older.execute("DROP INDEX idx_finding_rows_history")
    older.execute("CREATE INDEX idx_finding_rows_rule ON finding_rows(rule)")  # as earlier versions made it
    older.close()
    store = Store(path)
    try:
        indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "idx_finding_rows_history" in indexes and "idx_finding_rows_rule" not in indexes
    finally:
        store.close()
