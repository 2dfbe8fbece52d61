"""A run killed outright (kill -9) stays `running`; the next run that starts marks it `killed` once its process
is surely gone, and checks its reports across years, as it does an interrupted run's. A live run is left alone."""

from __future__ import annotations

import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import sqlite_utils
from conftest import seed_named

from nianbao.batch import BatchOptions, run_batch
from nianbao.pipeline import expand_inputs, process_path
from nianbao.store import Store
from nianbao.store.liveness import is_gone, this_process

S004_FORWARD = "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
MARK_OF_CHILD = "from nianbao.store.liveness import this_process; print(this_process(), flush=True)"


def _child_mark(child: subprocess.Popen) -> str:
    return child.stdout.readline().strip()


def test_this_process_is_not_gone_and_a_finished_one_is():
    assert not is_gone(this_process())
    done = subprocess.run([sys.executable, "-c", MARK_OF_CHILD], capture_output=True, text=True, check=True)
    assert is_gone(done.stdout.strip())


def test_a_process_killed_outright_is_gone_waited_for_or_not():
    child = subprocess.Popen([sys.executable, "-c", MARK_OF_CHILD + "; import time; time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        mark = _child_mark(child)
        assert mark.startswith(f"{socket.gethostname()}:{child.pid}:") and not is_gone(mark)
        child.send_signal(signal.SIGKILL)
        deadline = time.monotonic() + 10
        while not is_gone(mark) and time.monotonic() < deadline:  # a zombie until waited for: gone all the same
            time.sleep(0.01)
        assert is_gone(mark)
    finally:
        child.kill()
        child.wait()
    assert is_gone(mark)


def test_only_a_surely_ended_process_is_gone():
    host, pid, start = this_process().rsplit(":", 2)
    assert start, "this machine has /proc: the start time is recorded"
    assert is_gone(f"{host}:{pid}:{int(start) + 1}")  # this pid, but a process started at another time: the pid was reused
    assert not is_gone(f"{host}:{pid}:")  # no start time recorded: the pid alone, and it is alive
    assert not is_gone(f"another-{host}:{pid}:1")  # another machine's run: nothing can be told from here
    for mark in (None, "", "x", f"{host}:abc:1", f"{host}:0:1", f"{host}:-5:1", f"{host}:{pid}"):
        assert not is_gone(mark), mark


def _two_years_first_then_many(tmp_path: Path, n_fillers: int) -> Path:
    """随县安居镇's 2023 report carrying 5 forward and its 2024 one carrying 0 over (a cross-year finding once both are
    checked), first in the folder, then `n_fillers` reports of another organ, each its own bytes."""
    this_year = seed_named("004")
    last_year = "随县安居镇2023年政府信息公开工作年度报告\n" + this_year.replace("2024", "2023").replace(
        S004_FORWARD, "四、结转下年度继续办理 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_2023.txt").write_text(last_year, encoding="utf-8")
    (folder / "b_2024.txt").write_text(this_year, encoding="utf-8")
    filler = seed_named("001")
    for i in range(n_fillers):
        (folder / f"c_{i:05d}.txt").write_text(f"{filler}\n（第{i}份）\n", encoding="utf-8")
    return folder


def _history(db: Path) -> list[str]:
    return [r["source"] for r in sqlite_utils.Database(db).query(
        "SELECT r.source FROM findings f JOIN reports r ON r.id = f.report_id WHERE f.rule LIKE 'history.%' ORDER BY 1")]


def _runs(db: Path) -> list[dict]:
    return list(sqlite_utils.Database(db).query("SELECT status, years_checked IS NOT NULL AS checked FROM runs ORDER BY id"))


def test_the_reports_of_a_run_killed_outright_are_checked_across_years_by_the_next_run(tmp_path):
    folder = _two_years_first_then_many(tmp_path, 1500)
    db = tmp_path / "t.db"
    batch = subprocess.Popen([sys.executable, "-m", "nianbao.cli", "extract", str(folder), "--db", str(db), "--jobs", "1"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:  # killed once the pair is committed, long before its last file
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and batch.poll() is None:
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
                    if conn.execute("SELECT COUNT(*) FROM reports WHERE source LIKE '%b_2024.txt'").fetchone()[0]:
                        break
            except sqlite3.OperationalError:  # not created yet
                pass
            time.sleep(0.005)
        batch.send_signal(signal.SIGKILL)
    finally:
        batch.kill()
        batch.wait()
    assert batch.returncode == -signal.SIGKILL, "the batch ended before it could be killed: make the folder larger"
    assert _runs(db) == [{"status": "running", "checked": 0}]  # nothing was left to say otherwise
    assert _history(db) == []  # killed before its cross-year check
    stored_before = sqlite_utils.Database(db).execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    assert 2 <= stored_before < 1502

    store = Store(db)
    try:
        again = run_batch(expand_inputs([str(folder)]), store, BatchOptions(jobs=1))
    finally:
        store.close()
    assert again.status == "done" and again.stats["skipped"] == stored_before  # what the killed run stored is not read again
    assert _runs(db) == [{"status": "killed", "checked": 1}, {"status": "done", "checked": 1}]
    assert _history(db) == [str(folder / "b_2024.txt")] and again.stats["history"] == 1


def test_a_run_whose_process_is_alive_stays_running_for_its_own_check(tmp_path):
    folder = _two_years_first_then_many(tmp_path, 0)
    db = tmp_path / "t.db"
    other = Store(db)  # another user's batch, live: started, its reports stored, its check still to come
    try:
        live = other.start_run(["extract"])
        for path in sorted(folder.iterdir()):
            other.save(process_path(path), live)
        mine = Store(db)
        try:
            assert run_batch([], mine, BatchOptions(jobs=1)).status == "done"
        finally:
            mine.close()
        assert _runs(db) == [{"status": "running", "checked": 0}, {"status": "done", "checked": 1}]
        assert _history(db) == []  # the live run's reports are its own to check
        other.check_run_across_years(live)
        assert _history(db) == [str(folder / "b_2024.txt")]
    finally:
        other.close()
