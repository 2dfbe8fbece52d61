"""Many users, one database: two batches and a person giving verdicts, all at once.

Each round starts from a database holding one report with a finding, then runs two
`nianbao extract` processes into it at the same time while this process records verdicts
(through the library, through `nianbao serve`, and through `nianbao review confirm`). Every writer must succeed and
every write must be there afterwards. Before WAL + busy timeout + BEGIN IMMEDIATE this
failed in about half the rounds ('database is locked').
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import sqlite_utils
from conftest import SEEDS, seed_named

from nianbao.review.server import make_server
from nianbao.store import Store

EXE = Path(sys.executable).with_name("nianbao")
ROUNDS = 4


def _folder(root: Path, name: str, tag: str) -> Path:
    """The five seeds, each made a distinct file (its own sha256) by a trailing line."""
    folder = root / name
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (folder / seed.name).write_text(seed.read_text(encoding="utf-8") + f"\n（{tag}）\n", encoding="utf-8")
    return folder


def _post(server, fingerprint: str, status: str, note: str) -> None:
    """A verdict button clicked in `nianbao serve`."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.server_address[1]}/verdict", method="POST",
        data=json.dumps({"fingerprint": fingerprint, "status": status, "note": note}).encode(),
        headers={"Content-Type": "application/json", "X-Nianbao-Token": server.token})
    with urllib.request.urlopen(request, timeout=60) as answer:
        assert json.loads(answer.read())["ok"]


def _verdicts(db: Path, server, fingerprint: str, stop: threading.Event, errors: list[str], done: list[str]) -> None:
    """A person clicking confirm / dismiss as fast as the store lets them: through the library and through serve, in turn."""
    i = 0
    while not stop.is_set():
        status = ("confirmed", "dismissed")[i % 2]
        try:
            if i % 2:
                _post(server, fingerprint, status, f"note {i}")
            else:
                store = Store(db)
                try:
                    store.set_verdict(fingerprint, status, f"note {i}")
                finally:
                    store.close()
            done.append(status)
        except Exception as exc:  # noqa: BLE001 — the test counts every failure
            errors.append(f"verdict {i}: {type(exc).__name__}: {exc}")
        i += 1
        time.sleep(0.01)


def test_two_extracts_and_a_stream_of_verdicts_share_one_database(tmp_path):
    failures: list[str] = []
    for round_ in range(ROUNDS):
        root = tmp_path / f"round{round_}"
        root.mkdir()
        db = root / "shared.db"
        first = root / "first.txt"
        first.write_text(seed_named("004"), encoding="utf-8")
        seeded = subprocess.run([str(EXE), "extract", str(first), "--db", str(db), "-q"], capture_output=True, text=True, timeout=60)
        assert seeded.returncode == 0, seeded.stderr
        [fingerprint] = [r["fingerprint"] for r in sqlite_utils.Database(db).query("SELECT fingerprint FROM findings")]
        a, b = _folder(root, "a", "甲"), _folder(root, "b", "乙")
        stop, errors, done = threading.Event(), [], []
        server = make_server(db, "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        clicker = threading.Thread(target=_verdicts, args=(db, server, fingerprint, stop, errors, done))
        clicker.start()
        procs = [subprocess.Popen([str(EXE), "extract", str(f), "--db", str(db), "-q"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for f in (a, b)]
        confirm = subprocess.run([str(EXE), "review", "--db", str(db), "confirm", fingerprint, "--note", "cli"],
                                 capture_output=True, text=True, timeout=60)
        outs = [p.communicate(timeout=120) for p in procs]
        stop.set()
        clicker.join()
        server.shutdown()
        server.server_close()
        for p, (_, err) in zip(procs, outs, strict=True):
            if p.returncode != 0:
                failures.append(f"round {round_}: extract exit {p.returncode}: {err.strip()[-300:]}")
        if confirm.returncode != 0:
            failures.append(f"round {round_}: review confirm exit {confirm.returncode}: {confirm.stderr.strip()[-300:]}")
        failures += [f"round {round_}: {e}" for e in errors]
        database = sqlite_utils.Database(db)
        reports = database.execute("SELECT COUNT(*) FROM reports WHERE status = 'ok'").fetchone()[0]
        runs = [r["status"] for r in database.query("SELECT status FROM runs ORDER BY id")]
        if reports != 11 or runs != ["done"] * 3:
            failures.append(f"round {round_}: lost writes: {reports} reports (want 11), runs {runs}")
        [verdict] = list(database.query("SELECT status FROM verdicts WHERE fingerprint = ?", [fingerprint]))
        if len(done) < 3 or verdict["status"] not in ("confirmed", "dismissed"):
            failures.append(f"round {round_}: {len(done)} verdicts recorded; the database holds {verdict}")
        database.close()
        shutil.rmtree(root / "a"), shutil.rmtree(root / "b")
    assert not failures, "\n".join(failures)
