"""The SQLite store against a real database file."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest
import sqlite_utils
from datasette.app import Datasette
from conftest import SEED_NAMES, SEEDS, run, seed_named

from nianbao.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "t.db")
    yield s
    s.close()


def counts(store: Store) -> dict[str, int]:
    return {t: store.db[t].count for t in ("reports", "cells", "sections", "facts", "findings")}


def save_seeds(store: Store) -> None:
    for name in SEED_NAMES:
        store.save(run((SEEDS / f"{name}.txt").read_text(), str(SEEDS / f"{name}.txt")))


def test_saves_every_cell_in_long_form_with_span_and_extractor(store):
    save_seeds(store)
    assert counts(store) == {"reports": 5, "cells": 1000, "sections": 30, "facts": 37, "findings": 2}
    row = next(store.db.query("SELECT c.* FROM cells c JOIN reports r ON r.id = c.report_id "
                              "WHERE r.organ = '安居镇' AND c.field = 'active.licensing'"))
    text = next(store.db.query("SELECT t.text FROM report_text t JOIN reports r ON r.id = t.report_id WHERE r.organ = '安居镇'"))["text"]
    assert (row["value"], row["extractor"], text[row["span_start"] : row["span_end"]]) == (290, "builtin", "290")
    blank = next(store.db.query("SELECT value, status FROM cells WHERE field = 'active.fees' AND value IS NULL"))
    assert blank == {"value": None, "status": "blank"}


def test_rerunning_is_idempotent(store):
    save_seeds(store)
    before = counts(store)
    save_seeds(store)
    assert counts(store) == before


def test_a_batch_keeps_savepoints_in_memory_only_while_it_writes(store):
    pragma = lambda name: store.conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    before = pragma("temp_store"), pragma("cache_size")
    with store.writing_many():
        assert (pragma("temp_store"), pragma("cache_size")) == (2, -16 * 1024)  # MEMORY; 16 MB
        store.begin()
        save_seeds(store)
        store.commit()
    assert (pragma("temp_store"), pragma("cache_size")) == before  # the cross-year check's temporary tables grow with the database: on disk again
    assert counts(store)["reports"] == 5


def test_verdict_survives_reextraction_and_a_corrected_version(store):
    text = seed_named("004")
    store.save(run(text, "004.txt"))
    [finding] = store.findings()
    assert (finding["status"], finding["note"], finding["reviewed_at"]) == ("open", None, None)  # no verdict yet
    assert store.set_verdict(finding["fingerprint"], "confirmed", "已电话核实") == 1
    decided = store.db["verdicts"].get(finding["fingerprint"])["decided_at"]
    store.save(run(text, "004.txt"))  # the same file again
    [again] = store.findings()
    assert (again["status"], again["note"], again["reviewed_at"]) == ("confirmed", "已电话核实", decided)
    corrected = text.replace("行政许可 | 290 |", "行政许可 | 291 |")  # still disagrees with 558
    store.save(run(corrected, "004-v2.txt"))
    statuses = {r["report_id"][:8]: (r["fingerprint"], r["status"]) for r in store.findings()}
    assert len(statuses) == 2 and {s for _, s in statuses.values()} == {"confirmed"}


def test_a_verdict_is_carried_over_as_it_stands_even_one_written_by_hand(store):
    """Whatever a verdicts row holds reaches the finding (a NULL status stays NULL); without one it is open."""
    text = seed_named("004")
    store.save(run(text, "004.txt"))
    [finding] = store.findings()
    store.conn.execute("INSERT INTO verdicts (fingerprint, status, note, decided_at) VALUES (?, NULL, 'by hand', '2026-01-02')",
                       [finding["fingerprint"]])
    store.save(run(text, "004.txt"))
    [again] = store.findings()
    assert (again["status"], again["note"], again["reviewed_at"]) == (None, "by hand", "2026-01-02")
    store.conn.execute("DELETE FROM verdicts")
    store.save(run(text, "004.txt"))
    [third] = store.findings()
    assert (third["status"], third["note"], third["reviewed_at"]) == ("open", None, None)


def test_two_versions_of_a_file_in_one_transaction_take_the_next_keys_in_turn(store):
    text = seed_named("004")
    store.save(run(seed_named("001"), "001.txt"))
    store.begin()
    first = run(text, "004.txt")
    store.save(first)
    second = run(text.replace("行政许可 | 290 |", "行政许可 | 291 |"), "004.txt")
    store.save(second)
    store.save(first)  # back to the first: its row and key again, the second becomes history
    store.commit()
    rows = {r["id"]: (r["rid"], r["current"], r["superseded_by"]) for r in store.db.query("SELECT id, rid, current, superseded_by FROM reports")}
    assert rows[first.sha256] == (2, 1, None) and rows[second.sha256] == (3, 0, first.sha256)
    assert sorted(r[0] for r in store.conn.execute("SELECT rid FROM report_data")) == [1, 2, 3]


def batch_of_field_lists(lists: list[list[str]]) -> list:
    """One seed's rows again and again, under other ids and paths, each with one finding on the given fields."""
    import dataclasses

    from nianbao.store.rows import report_rows

    base = report_rows(run(seed_named("004"), "004.txt"))
    finding = base.findings[0]
    return [dataclasses.replace(base, sha256=f"{i:064x}", source=f"{i}.txt", source_path=f"/x/{i}.txt",
                                findings=[(f"F{i:010x}", *finding[1:3], json.dumps(fields), *finding[4:])])
            for i, fields in enumerate(lists)]


def stored_fields(store: Store) -> dict[str, list[str]]:
    return {r["report_id"]: json.loads(r["fields"]) for r in store.db.query("SELECT report_id, fields FROM findings")}


def everything(store: Store) -> dict[str, list]:
    """What a store holds of its reports, but the time each was stored."""
    from nianbao.store import _REPORT_COLUMNS

    columns = ", ".join(c for c in _REPORT_COLUMNS if c != "extracted_at")
    return {table: list(store.conn.execute(f"SELECT {columns if table == 'reports' else '*'} FROM {table} ORDER BY rowid"))
            for table in ("reports", "report_data", "texts", "finding_rows", "field_sets")}


def saved_one_by_one(path, rows) -> Store:
    """Each report in its own transaction (as outside a batch): what a batch transaction must come to."""
    plain = Store(path)
    for row in rows:
        try:
            plain.save_rows(row)
        except sqlite3.Error:
            pass
    return plain


def test_a_batch_names_each_findings_fields_right_even_after_a_report_is_undone(tmp_path):
    """The batch writer trusts field_sets ids it met (store/field_sets.py): one inserted by a report that was undone
    is given again to another list, and must not be trusted for the first. The report is undone by writing the
    transaction's others again (store/written.py): all as if it had never been tried, a second version included."""
    import dataclasses

    lists = [["a"], ["b"], ["c"], ["b"], ["a", "c"], ["c"], ["d"]]
    rows = batch_of_field_lists(lists)
    rows[1].llm_calls = [("too", "few")]  # stored after its findings: the insert fails, the report is undone
    rows[2] = dataclasses.replace(rows[2], source_path=rows[0].source_path)  # a second version of the first file
    store = Store(tmp_path / "batch.db")
    with store.writing_many():
        store.begin()
        for row in rows:
            try:
                store.save_rows(row)
            except sqlite3.Error:
                pass
            if row is rows[3]:
                store.commit()  # ids met before stay trusted; the rest are met again
                store.begin()
        store.commit()
    expected = {row.sha256: fields for row, fields in zip(rows, lists) if row not in (rows[0], rows[1])}  # the first: history
    assert stored_fields(store) == expected
    plain = saved_one_by_one(tmp_path / "plain.db", rows)
    assert everything(store) == everything(plain)
    assert store.db["reports"].get(rows[0].sha256)["superseded_by"] == rows[2].sha256
    store.close()
    plain.close()


def interrupt_text(monkeypatch, store: Store, calls: set[int]) -> None:
    """Ctrl-C in the middle of a report (its row written, its text not) at these calls of `_save_text`."""
    real, n = store._save_text, [0]

    def interrupted(rid, text):
        n[0] += 1
        if n[0] in calls:
            raise KeyboardInterrupt
        real(rid, text)

    monkeypatch.setattr(store, "_save_text", interrupted)


def test_ctrl_c_in_the_middle_of_a_report_leaves_the_batch_transaction_as_before_it(tmp_path, monkeypatch):
    import itertools

    import nianbao.store as S

    ticks = itertools.count()
    monkeypatch.setattr(S, "now", lambda: f"2026-01-01T00:00:{next(ticks):02d}")
    rows = batch_of_field_lists([["a"], ["b"], ["c"], ["d"]])
    store = Store(tmp_path / "batch.db")
    with store.writing_many():
        store.begin()
        for row in rows[:3]:
            store.save_rows(row)
        stamped = dict(store.conn.execute("SELECT id, extracted_at FROM reports"))
        interrupt_text(monkeypatch, store, {1})
        with pytest.raises(KeyboardInterrupt):
            store.save_rows(rows[3])
        store.commit()
    assert everything(store) == everything(saved_one_by_one(tmp_path / "plain.db", rows[:3]))
    assert dict(store.conn.execute("SELECT id, extracted_at FROM reports")) == stamped  # written again as they were


def test_a_second_ctrl_c_while_the_others_are_written_again_leaves_none_of_them(tmp_path, monkeypatch):
    rows = batch_of_field_lists([["a"], ["b"], ["c"]])
    store = Store(tmp_path / "batch.db")
    with store.writing_many():
        store.begin()
        store.save_rows(rows[0])
        store.save_rows(rows[1])
        interrupt_text(monkeypatch, store, {1, 3})  # the third report, then the second as it is written again
        with pytest.raises(KeyboardInterrupt):
            store.save_rows(rows[2])
        store.commit()
    assert everything(store) == everything(saved_one_by_one(tmp_path / "plain.db", []))  # never half a report


def test_a_long_batch_transaction_is_committed_a_limit_at_a_time(tmp_path, monkeypatch):
    import nianbao.store.written as W

    monkeypatch.setattr(W, "LIMIT", 2)
    rows = batch_of_field_lists([["a"], ["b"], ["c"], ["d"], ["e"], ["f"]])
    store = Store(tmp_path / "batch.db")
    with store.writing_many():
        store.begin()
        for row in rows[:5]:
            store.save_rows(row)
        assert len(store._written.entries) == 1  # two committed twice; the fifth is kept
        interrupt_text(monkeypatch, store, {1})
        with pytest.raises(KeyboardInterrupt):
            store.save_rows(rows[5])
        store.commit()
    assert everything(store) == everything(saved_one_by_one(tmp_path / "plain.db", rows[:5]))


def test_a_batch_looks_its_inputs_stamps_up_by_their_paths(store):
    """Not by walking every report read successfully (an index on status made SQLite do that: schema.DROPPED_INDEXES)."""
    save_seeds(store)
    paths = [str(SEEDS / f"{name}.txt") for name in SEED_NAMES[:2]]
    sent: list[str] = []  # the query as stamps_of sends it (SQLite's trace of each statement)
    store.conn.set_trace_callback(sent.append)
    store.stamps_of(paths)
    store.conn.set_trace_callback(None)
    [query] = [q for q in sent if "source_path IN" in q]
    plan = " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + query))
    assert "idx_reports_source_path" in plan and "SCAN" not in plan, plan


def test_a_failed_save_leaves_the_previous_copy_whole(store, monkeypatch):
    report = run(seed_named("004"), "004.txt")
    store.save(report)
    before = counts(store)

    def crash(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_save_findings", crash)
    with pytest.raises(RuntimeError):
        store.save(report)
    assert counts(store) == before


def test_failure_is_stored_with_its_reason(store):
    store.save_failure("bad.txt", "0" * 64, "empty file")
    row = store.db["reports"].get("0" * 64)
    assert (row["status"], row["error"], row["source"]) == ("failed", "empty file", "bad.txt")


def test_verdict_status_is_checked(store):
    with pytest.raises(ValueError):
        store.set_verdict("Fabc", "maybe")


def test_opens_in_datasette(store):
    save_seeds(store)
    ds = Datasette([store.path])

    async def fetch():
        await ds.invoke_startup()
        return await ds.client.get("/t/findings.json?_shape=array")

    response = asyncio.run(fetch())
    assert response.status_code == 200
    rows = response.json()
    assert {r["rule"] for r in rows} == {"prose.active_table", "completeness.cell_blank"}
    assert json.loads(rows[0]["fields"])


def test_an_older_database_gets_the_new_columns(tmp_path):
    old = sqlite_utils.Database(tmp_path / "old.db")
    old.execute("CREATE TABLE reports (id TEXT PRIMARY KEY, source TEXT, status TEXT)")
    old.close()
    store = Store(tmp_path / "old.db")
    store.save(run(seed_named("004"), "004.txt"))
    assert {"kind", "report_key", "rid"} <= {c.name for c in store.db["reports"].columns}
    assert store.db["reports"].count == 1


def test_now_writes_the_second_as_datetime_now_would(monkeypatch):
    """`now` is written once a second (store.now): the text datetime.now(timezone.utc) would give at each instant."""
    from datetime import datetime, timedelta, timezone

    import nianbao.store as S

    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    for ns in (1_764_532_800_000_000_000, 1_764_532_800_999_999_999, 1_764_532_801_000_000_000, 1_764_532_800_500_000_000,
               86_399_999_999_999, 951_825_599_999_999_999):  # a second's start and end, back, a day's and a leap day's end
        monkeypatch.setattr(S.time, "time_ns", lambda ns=ns: ns)
        assert S.now() == (epoch + timedelta(microseconds=ns // 1000)).isoformat(timespec="seconds")
    monkeypatch.undo()
    before = datetime.now(timezone.utc).isoformat(timespec="seconds")
    assert before <= S.now() <= datetime.now(timezone.utc).isoformat(timespec="seconds")


def test_a_batch_transaction_holding_many_bytes_is_committed_before_its_report_limit():
    """store/written.py keeps the rows of a batch transaction's reports to write them again after a failure:
    bounded by bytes as well as by count, so scanned reports (a JPEG per page) do not pile up in the writer."""
    from types import SimpleNamespace

    from nianbao.store import written as W

    def rows(image_bytes: int) -> SimpleNamespace:
        return SimpleNamespace(ocr="{}", page_images=[(1, b"x" * image_bytes)], text=(10, b"t" * 10, None, None),
                               data=("2021", "[]", None, None), findings=[("F1", "r", "error", "[]", "消息", "1", "2", 0, 1)])

    held = W.Written(sqlite3.connect(":memory:"))
    scanned = 2 * 1024 * 1024  # a scan of twenty-odd pages
    told = [held.wrote((rows(scanned), None, None, "t")) for _ in range(8)]
    assert told == [False] * 7 + [True]  # 8 × 2 MB reaches 16 MB long before 200 reports
    plain = W.Written(sqlite3.connect(":memory:"))
    assert not any(plain.wrote((rows(0), None, None, "t")) for _ in range(W.LIMIT - 1))
    assert plain.wrote((rows(0), None, None, "t"))  # …and plain ones still at the limit
    assert W.held(rows(100)) == 100 + 2 + 10 + 4 + 2 + 2  # image, ocr, text, layout, cells, message


def test_a_reports_findings_of_one_rule_are_looked_up_by_report(store):
    """store/status.py and region/aggregate.py ask for one rule's findings of given reports: by the reports' own
    findings (the primary key), not by walking every finding of that rule in the database (`+rule` keeps SQLite,
    without statistics, off the rule index)."""
    import inspect

    from nianbao.region import aggregate
    from nianbao.store import status

    store.save(run(seed_named("004"), "004.txt"))
    asked = [("SELECT 1 FROM findings WHERE report_id = ? AND +rule = 'completeness.table_missing'", ["x"], status),
             ("SELECT report_id, fields FROM findings WHERE +rule = ? AND report_id IN (?, ?)", ["r", "a", "b"], aggregate)]
    for query, args, module in asked:
        assert query.split(" IN (")[0].replace("?, ?", "") in inspect.getsource(module).replace('f"', '"')  # as written there
        plan = " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + query, args))
        assert "(report_id=?)" in plan and "idx_finding_rows_rule" not in plan, plan


def test_opening_a_store_does_not_look_for_sqlite_utils_plugins(tmp_path, monkeypatch):
    # Finding them scans every installed package's entry points (~15 ms); nianbao uses none.
    import sqlite_utils.db

    def refuse():
        raise AssertionError("sqlite-utils plugins looked for")

    monkeypatch.setattr(sqlite_utils.db, "ensure_plugins_loaded", refuse)
    Store(tmp_path / "t.db").close()
    Store(tmp_path / "t.db", readonly=True).close()


def test_findings_given_twice_under_one_fingerprint_are_stored_once_alike_in_a_batch_and_alone(tmp_path):
    """The last one given, where the first stood: as a dict by fingerprint keeps them, in a batch or not."""
    import dataclasses

    rows = batch_of_field_lists([["a"], ["b"], ["c"]])
    finding = rows[0].findings[0]
    twice = [(f"F{n}", *finding[1:3], json.dumps([name]), f"message {name}", *finding[5:]) for n, name in ((1, "x"), (2, "y"), (1, "z"))]
    rows = [dataclasses.replace(row, findings=twice) for row in rows]
    batch = Store(tmp_path / "batch.db")
    with batch.writing_many():
        batch.begin()
        for row in rows:
            batch.save_rows(row)
        batch.commit()
    plain = saved_one_by_one(tmp_path / "plain.db", rows)
    assert everything(batch) == everything(plain)
    assert [(r[1], r[6]) for r in everything(batch)["finding_rows"][:2]] == [("F1", "message z"), ("F2", "message y")]
    batch.close()
    plain.close()


def test_the_findings_status_index_is_dropped_and_a_reports_findings_of_a_status_are_found_by_report(tmp_path):
    """schema.DROPPED_INDEXES: an older database loses idx_finding_rows_status when a writer opens it; letters ask for
    one report's findings of a status by the report (primary key), which SQLite, without statistics, left for it."""
    import inspect

    from nianbao.region import letters

    path = tmp_path / "old.db"
    Store(path).close()
    older = sqlite3.connect(path)
    older.execute("CREATE INDEX idx_finding_rows_status ON finding_rows(status, severity)")  # as earlier versions made it
    older.close()
    store = Store(path)
    try:
        indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "idx_finding_rows_status" not in indexes and "idx_finding_rows_fingerprint" in indexes
        query = "SELECT * FROM findings WHERE report_id = ? AND status = ?"
        assert query in inspect.getsource(letters)
        plan = " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + query, ["r", "confirmed"]))
        assert "(report_id=?)" in plan, plan
    finally:
        store.close()


@pytest.mark.parametrize("seed", range(6))
def test_a_report_not_stored_before_is_inserted_as_the_upsert_would_insert_it(tmp_path, monkeypatch, seed):
    """Its row by a plain INSERT (the id looked up first, under the write lock); a report stored before by the upsert,
    which keeps its row. Random reports saved again, second versions of a file, in a batch and alone, against the upsert always."""
    import dataclasses
    import random

    import nianbao.store as S

    rng = random.Random(seed)
    base = batch_of_field_lists([["a"], ["b"], ["c"], ["d"], ["e"]])
    rows = [dataclasses.replace(rng.choice(base), source_path=f"/x/{rng.randint(0, 3)}.txt") for _ in range(12)]

    def write(path):
        store = Store(path)
        with store.writing_many():
            store.begin()
            for row in rows[:6]:
                store.save_rows(row)
            store.commit()
        for row in rows[6:]:
            store.save_rows(row)
        return store

    fast = write(tmp_path / "fast.db")
    monkeypatch.setattr(S, "_INSERT_REPORT", S._UPSERT_REPORT)
    upsert = write(tmp_path / "upsert.db")
    assert everything(fast) == everything(upsert)
    fast.close()
    upsert.close()


def test_a_verdict_written_on_the_batch_connection_is_carried_over(tmp_path):
    """A batch keeps the fingerprints that have verdicts; one written on its own connection by plain SQL
    (not set_verdict) must be carried over at the next re-extraction too (the review of session 18)."""
    from nianbao.store import report_rows

    store = Store(tmp_path / "t.db")
    text = seed_named("004")
    with store.writing_many():
        store.begin()
        store.save_rows(report_rows(run(text, "004.txt")))
        store.commit()
        [finding] = store.findings()
        store.conn.execute("INSERT INTO verdicts (fingerprint, status, note, decided_at) VALUES (?, 'confirmed', 'by hand', '2026-01-02')",
                           [finding["fingerprint"]])
        store.begin()
        store.save_rows(report_rows(run(text, "004.txt")))
        store.commit()
    [again] = store.findings()
    store.close()
    assert (again["status"], again["note"]) == ("confirmed", "by hand")
