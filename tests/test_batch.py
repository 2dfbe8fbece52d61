"""The batch runner: worker processes read, one writer stores, one bad file never stops the rest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils
from conftest import SEEDS, run, seed_named

from nianbao import batch
from nianbao.batch import BatchOptions, run_batch
from nianbao.pipeline import expand_inputs
from nianbao.store import Store


def seed_folder(folder: Path, copies: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            text = seed.read_text(encoding="utf-8")
            # each copy its own bytes (so its own report), same cells
            (folder / f"{i:03d}_{seed.name}").write_text(text + f"\n<!-- copy {i} -->\n" * (i > 0), encoding="utf-8")
    return folder


def stored(db: Path) -> list[tuple]:
    """Everything a run stores that does not depend on timing, in the order it was stored."""
    d = sqlite_utils.Database(db)
    reports = [(r["id"], r["source"], r["status"], r["error"], r["organ"], r["n_errors"], r["n_warnings"])
               for r in d.query("SELECT * FROM reports ORDER BY rowid")]
    cells = [tuple(r.values()) for r in d.query("SELECT * FROM cells ORDER BY report_id, field")]
    findings = [(r["report_id"], r["fingerprint"], r["message"]) for r in d.query("SELECT * FROM findings ORDER BY report_id, fingerprint")]
    return [reports, cells, findings]


def extract(items, db: Path, **options) -> batch.BatchResult:
    store = Store(db)
    try:
        return run_batch(items, store, BatchOptions(**options))
    finally:
        store.close()


def test_two_workers_store_exactly_what_one_stores_in_the_same_order(tmp_path):
    folder = seed_folder(tmp_path / "in", copies=3)
    (folder / "zz_empty.txt").write_bytes(b"")
    items = list(expand_inputs([str(folder)]))
    one = extract(items, tmp_path / "one.db", jobs=1)
    two = extract(items, tmp_path / "two.db", jobs=2)
    assert (one.status, two.status) == ("done", "done")
    assert one.stats == two.stats and one.stats["ok"] == 15 and one.stats["failed"] == 1
    assert stored(tmp_path / "one.db") == stored(tmp_path / "two.db")
    assert [r[1] for r in stored(tmp_path / "one.db")[0]] == [str(p) for p, _ in items]


def _misbehave(path, max_bytes, llm=None):
    """Stands in for the reader (the workers are forked, so they see it): each file name says how to fail."""
    name = path.name
    if "hang" in name:
        time.sleep(60)
    if "hog" in name:
        hog = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GB, far past the limit
        return hog
    if "deep" in name:
        def down(n):
            return down(n + 1)
        down(0)
    if "crash" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    return _real_process_path(path, max_bytes, llm)


_real_process_path = batch.process_path


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_hang_a_memory_hog_a_recursion_and_a_crash_each_become_that_files_failure(tmp_path, monkeypatch, jobs):
    folder = seed_folder(tmp_path / "in")
    for bad in ("hang", "hog", "deep", "crash"):
        (folder / f"001_{bad}.txt").write_text(f"{bad}\n" + next(SEEDS.glob("004*")).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(batch, "process_path", _misbehave)
    items = list(expand_inputs([str(folder)]))
    started = time.monotonic()
    result = extract(items, tmp_path / "t.db", jobs=jobs, file_timeout=2, memory_mb=300)
    assert time.monotonic() - started < 30
    assert result.status == "done" and result.stats["ok"] == 5 and result.stats["failed"] == 4
    errors = {Path(r["source"]).name: r["error"] for r in sqlite_utils.Database(tmp_path / "t.db").query(
        "SELECT source, error FROM reports WHERE status = 'failed'")}
    assert errors == {
        "001_hang.txt": "took longer than 2 s to read (--file-timeout); stopped",
        "001_hog.txt": batch.MEMORY_REASON,
        "001_deep.txt": "nested too deeply to read (RecursionError); not read",
        "001_crash.txt": "the process reading this file died with SIGKILL (killed: probably out of memory); not read",
    }
    # the good reports after the bad ones are all there, whole
    assert sqlite_utils.Database(tmp_path / "t.db").execute("SELECT COUNT(*) FROM cells").fetchone()[0] == 5 * 200


def _slow(path, max_bytes, llm=None):
    """A reader for which a file named *_slowN_* takes N tenths of a second."""
    for part in path.name.split("_"):
        if part.startswith("slow"):
            time.sleep(int(part[4:]) / 10)
    return _real_process_path(path, max_bytes, llm)


def test_a_worker_sends_what_it_finished_before_it_starts_a_file_once_that_has_waited(tmp_path, monkeypatch):
    """Results come back a group at a time, but a finished report is not kept waiting for the whole group:
    once what a worker holds has waited HOLD_SECONDS, it is sent before the next file is started."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = seed_named("004")
    for name in ("a_fast_.txt", "b_slow3_.txt", "c_fast_.txt", "d_slow30_.txt"):  # one group: given together
        (folder / name).write_text(f"{name}\n" + text, encoding="utf-8")
    monkeypatch.setattr(batch, "process_path", _slow)
    written: dict[str, float] = {}
    started = time.monotonic()
    store = Store(tmp_path / "t.db")
    try:
        result = run_batch(list(expand_inputs([str(folder)])), store, BatchOptions(jobs=1),
                           on_report=lambda rows: written.setdefault(Path(rows.source).name, time.monotonic() - started))
    finally:
        store.close()
    assert result.stats["ok"] == 4
    # a and b were sent before c was started (they had waited 0.3 s), so long before d's 3 s were over;
    # c, finished just before d started, waits for d (a text file is not expected to be slow)
    assert written["a_fast_.txt"] < 2.0 and written["b_slow3_.txt"] < 2.0
    assert written["d_slow30_.txt"] >= 3.0 and written["c_fast_.txt"] >= 3.0


def test_a_span_bomb_is_a_stored_failure_and_the_batch_goes_on(tmp_path):
    folder = seed_folder(tmp_path / "in")
    (folder / "000_bomb.html").write_text("<html><body><table><tr><td colspan=100000000 rowspan=100000000>1</td></tr></table></body></html>")
    result = extract(list(expand_inputs([str(folder)])), tmp_path / "t.db", jobs=1, file_timeout=20, memory_mb=500)
    assert result.stats["ok"] == 5 and result.stats["failed"] == 1


def test_ctrl_c_leaves_every_stored_report_whole(tmp_path):
    """A real SIGINT to a running `nianbao extract`: exit 130, the run marked interrupted, no half report."""
    # 3,000 reports: well over a second of reading, so the batch cannot end between the first commit and the signal
    folder = seed_folder(tmp_path / "in", copies=600)
    db = tmp_path / "t.db"
    exe = Path(sys.executable).with_name("nianbao")
    proc = subprocess.Popen([str(exe), "extract", str(folder), "--db", str(db), "--jobs", "2", "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.05)
            try:
                if sqlite_utils.Database(db).execute("SELECT COUNT(*) FROM reports").fetchone()[0] > 0:
                    break
            except Exception:  # noqa: BLE001 — the database is still being created
                continue
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    d = sqlite_utils.Database(db)
    n = d.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    assert 0 < n < 3000
    assert d.execute("SELECT COUNT(*) FROM cells").fetchone()[0] == n * 200
    assert next(d["runs"].rows)["status"] == "interrupted"


def test_ctrl_c_is_seen_while_a_file_is_still_being_read(tmp_path, monkeypatch):
    """A Ctrl-C while a worker is stuck on one file stops the batch now, not when that file times out."""
    import threading

    folder = seed_folder(tmp_path / "in")
    (folder / "000_hang.txt").write_text("hang\n" + seed_named("004"), encoding="utf-8")  # read first, hangs 60 s
    monkeypatch.setattr(batch, "process_path", _misbehave)
    items = list(expand_inputs([str(folder)]))
    timer = threading.Timer(2.0, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    started = time.monotonic()
    try:
        result = extract(items, tmp_path / "t.db", jobs=1, file_timeout=45)
    finally:
        timer.cancel()
    assert result.status == "interrupted"
    assert time.monotonic() - started < 20  # not the 45 s --file-timeout
    assert next(sqlite_utils.Database(tmp_path / "t.db")["runs"].rows)["status"] == "interrupted"


def test_a_report_the_store_cannot_take_is_that_files_failure(tmp_path, monkeypatch):
    from nianbao.store import rows as store_module  # where a report becomes its rows (in the worker)

    real = store_module.pack_cells
    refused = run(seed_named("002"), "002.txt").cells  # 米易县's report

    def refuse_one(cells, template):
        if cells == refused:
            raise ValueError("a value JSON cannot hold")
        return real(cells, template)

    monkeypatch.setattr(store_module, "pack_cells", refuse_one)
    folder = seed_folder(tmp_path / "in")
    result = extract(list(expand_inputs([str(folder)])), tmp_path / "t.db", jobs=1)
    assert result.status == "done" and result.stats["ok"] == 4 and result.stats["failed"] == 1
    [row] = sqlite_utils.Database(tmp_path / "t.db").query("SELECT error FROM reports WHERE status = 'failed'")
    assert row["error"] == "could not be stored (ValueError: a value JSON cannot hold); please report it"
    assert sqlite_utils.Database(tmp_path / "t.db").execute("SELECT COUNT(*) FROM cells").fetchone()[0] == 4 * 200


class Name(str):  # a type marshal does not write
    pass


def test_results_cross_from_worker_to_writer_unchanged_whichever_way_they_are_written():
    """A worker sends its results with marshal when they are plain rows, else pickled: the writer gets them back equal."""
    from nianbao.batch import decode_results, encode_results
    from nianbao.store.rows import report_rows

    reports = [run(seed_named(n), f"{n}.txt") for n in ("001", "002", "004")]
    rows = [(i, report_rows(r)) for i, r in enumerate(reports)]
    sent = encode_results(rows)
    assert sent[:1] == b"M" and decode_results(sent) == rows

    odd = report_rows(reports[0])
    odd.source = Name(odd.source)  # the whole group is pickled instead
    sent = encode_results([*rows, (9, odd)])
    assert sent[:1] == b"P" and decode_results(sent) == [*rows, (9, odd)]
    sent = encode_results([(0, reports[0])])  # a Report (read_all), not rows
    assert sent[:1] == b"P" and decode_results(sent)[0][1].cells == reports[0].cells


def test_a_worker_killed_while_sending_a_result_blames_that_file_only(monkeypatch):
    """The OOM killer taking a worker while it writes out one file's result: that file fails, the others are read.
    (Results go back a group at a time: the group is read again by a fresh worker, each result sent alone.)"""
    import pickle
    import types

    from nianbao.report import Report

    parent = os.getpid()

    def dumps(obj, *a, **k):
        if "big" in repr(obj) and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return pickle.dumps(obj, *a, **k)

    monkeypatch.setattr(batch, "pickle", types.SimpleNamespace(dumps=dumps, loads=pickle.loads, HIGHEST_PROTOCOL=pickle.HIGHEST_PROTOCOL))
    monkeypatch.setattr(batch, "read_one", lambda item, mb, llm=None: Report(source=str(item[0]), sha256=str(item[0]), status="failed", error="read fine"))
    for jobs in (1, 2):
        items = [(Path(f"/a/f{i:02d}" + ("big" if i == 2 else "")), None) for i in range(30)]
        got = {r.source: r.error for r in batch._in_workers(iter(items), batch.BatchOptions(jobs=jobs, file_timeout=5, memory_mb=None), batch.as_report) if r}
        assert len(got) == 30
        assert {s: e for s, e in got.items() if e != "read fine"} == {
            "/a/f02big": "the process reading this file died with SIGKILL (killed: probably out of memory); not read"}


def test_what_a_worker_holds_is_sent_before_it_starts_a_file_of_a_kind_that_can_be_slow(tmp_path, monkeypatch):
    """A scan can take seconds (OCR): the text read before it is not kept back until the scan is done."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = seed_named("004")
    for name in ("a_fast_.txt", "b_slow20_.pdf"):
        (folder / name).write_text(f"{name}\n" + text, encoding="utf-8")  # (a text in a .pdf: read as the text it is)
    monkeypatch.setattr(batch, "process_path", _slow)
    written: dict[str, float] = {}
    started = time.monotonic()
    store = Store(tmp_path / "t.db")
    try:
        run_batch(list(expand_inputs([str(folder)])), store, BatchOptions(jobs=1),
                  on_report=lambda rows: written.setdefault(Path(rows.source).name, time.monotonic() - started))
    finally:
        store.close()
    assert written["a_fast_.txt"] < 1.5 <= 2.0 <= written["b_slow20_.pdf"]
