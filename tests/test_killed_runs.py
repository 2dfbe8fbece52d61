"""A run killed outright (kill -9) stays `running`; the next run that starts marks it `killed` once its process
is surely gone, and checks its reports across years, as it does an interrupted run's. A live run is left alone."""

from __future__ import annotations

import builtins
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import sqlite_utils
from conftest import seed_named
from test_streamed_batch import _two_years

from nianbao.batch import BatchOptions, run_batch
from nianbao.pipeline import expand_inputs, process_path
from nianbao.store import Store
from nianbao.store import liveness
from nianbao.store.liveness import is_gone, this_process

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
        assert mark.rsplit(":", 2)[1] == str(child.pid) and not is_gone(mark)
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
    place, pid, start = this_process().rsplit(":", 2)
    host, boot, pid_namespace, time_namespace = place.split("|")
    assert host == socket.gethostname() and boot and pid_namespace.startswith("pid:") and start, "this machine has /proc"
    assert is_gone(f"{place}:{pid}:{int(start) + 1}")  # this pid, but a process started at another time: the pid was reused
    assert not is_gone(f"{place}:{pid}:")  # no start time recorded: the pid alone, and it is alive
    ended = subprocess.run([sys.executable, "-c", MARK_OF_CHILD], capture_output=True, text=True, check=True).stdout.strip()
    gone_pid, gone_start = ended.rsplit(":", 2)[1:]
    assert is_gone(ended)
    # The same ended process seen from elsewhere: another host, another boot, another PID or time namespace
    # (a container with the host's name): its pids are not ours to judge, so never gone.
    for other in (f"another-{host}|{boot}|{pid_namespace}|{time_namespace}", f"{host}|another-boot|{pid_namespace}|{time_namespace}",
                  f"{host}|{boot}|pid:[1]|{time_namespace}", f"{host}|{boot}|{pid_namespace}|time:[1]", host):
        assert not is_gone(f"{other}:{gone_pid}:{gone_start}"), other
    for mark in (None, "", "x", f"{place}:abc:1", f"{place}:0:1", f"{place}:-5:1", f"{place}:{pid}", f"{place}:²:1", f"{place}:١٢:1"):
        assert not is_gone(mark), mark


def _hide_pid(monkeypatch, pid: int) -> None:
    """/proc mounted with hidepid=2: /proc/<pid> is absent for another user's process, which still exists
    (kill(pid, 0) says EPERM)."""
    real_open, real_kill = builtins.open, os.kill

    def fake_open(file, *a, **k):
        if file == f"/proc/{pid}/stat":
            raise FileNotFoundError(2, "No such file or directory", file)
        return real_open(file, *a, **k)

    def fake_kill(p, sig):
        if p == pid:
            raise PermissionError(1, "Operation not permitted")
        return real_kill(p, sig)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "kill", fake_kill)


def test_a_live_process_that_proc_hides_is_not_gone(monkeypatch):
    """(found by the session-19 review: "no /proc/<pid>" was taken for "no such process")"""
    mark = this_process()
    _hide_pid(monkeypatch, os.getpid())
    assert not is_gone(mark)


def test_a_live_run_hidden_from_another_run_is_still_caught_up_once_really_killed(tmp_path, monkeypatch):
    """(from the session-19 review) A live run must not be marked killed by a run that cannot see its process:
    its cross-year check would be marked done, and once it is really killed its later reports never checked."""
    folder = _two_years_first_then_many(tmp_path, 0)
    last_year, this_year = sorted(folder.iterdir())
    db = tmp_path / "t.db"
    other = Store(db)  # another user's live batch
    live = other.start_run(["extract"])
    other.save(process_path(last_year), live)
    with monkeypatch.context() as hidden:  # a second user's run, where /proc hides the first user's processes
        _hide_pid(hidden, os.getpid())
        mine = Store(db)
        assert run_batch([], mine, BatchOptions(jobs=1)).status == "done"
        mine.close()
    assert _runs(db)[0] == {"status": "running", "checked": 0}
    other.save(process_path(this_year), live)  # the live run goes on, then is killed before its own check
    other.close()
    monkeypatch.setattr(liveness, "is_gone", lambda mark: mark == this_process())  # its process, now surely gone
    later = Store(db)
    assert run_batch([], later, BatchOptions(jobs=1)).status == "done"
    later.close()
    assert _runs(db)[0] == {"status": "killed", "checked": 1}
    assert _history(db) == [str(this_year)]


def _two_years_first_then_many(tmp_path: Path, n_fillers: int) -> Path:
    """test_streamed_batch's pair (随县安居镇's 2023 report carrying 5 forward, its 2024 one carrying 0 over: a
    cross-year finding once both are checked), first in the folder, then `n_fillers` reports of another organ,
    each its own bytes."""
    folder = _two_years(tmp_path, "随县安居镇")
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
