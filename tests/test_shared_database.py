"""One database, many users: read-only opens, one --db for every command, refused unknown verdicts."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils
from conftest import SEEDS
from typer.testing import CliRunner

from nianbao import cli
from nianbao.store import Store, StoreError

EXE = Path(sys.executable).with_name("nianbao")


def invoke(*args: object, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli.app, [str(a) for a in args], env=env)


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "data" / "t.db"
    path.parent.mkdir()
    assert invoke("extract", SEEDS, "--db", path, "-q").exit_code == 0
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _error_fingerprint(db: Path) -> str:
    database = sqlite_utils.Database(db)
    [fp] = [r["fingerprint"] for r in database.query("SELECT fingerprint FROM findings WHERE severity = 'error'")]
    database.close()
    return fp


# --- read-only ------------------------------------------------------------------------------
def _as_unprivileged(args: list[str]) -> subprocess.CompletedProcess:
    """Run the installed command so file permissions bind it (root loses its override of them)."""
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + [str(EXE), *args], capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def readonly_db(db):
    """The database in a folder nobody may write to, as on a read-only file system (no -wal/-shm can be made)."""
    assert not Path(str(db) + "-wal").exists()  # closed cleanly: the WAL was folded back into the file
    db.chmod(0o444)
    db.parent.chmod(0o555)
    yield db
    db.parent.chmod(0o755)
    db.chmod(0o644)


def test_read_commands_work_on_a_read_only_database_and_leave_it_untouched(readonly_db, tmp_path):
    before = _sha(readonly_db)
    fp = _error_fingerprint(readonly_db)
    out = tmp_path / "out"
    runs = {
        "review": _as_unprivileged(["review", "--db", str(readonly_db), "--json"]),
        "show": _as_unprivileged(["show", "004_355405dd3f944c58.txt", "--db", str(readonly_db)]),
        "stats": _as_unprivileged(["stats", "--db", str(readonly_db)]),
        "export": _as_unprivileged(["export", "--db", str(readonly_db), "--csv", str(out / "csv")]),
        "overview": _as_unprivileged(["overview", "--db", str(readonly_db), "--html", str(out / "index.html")]),
    }
    for name, done in runs.items():
        assert done.returncode == 0, f"{name}: {done.stderr}"
        assert "Traceback" not in done.stderr, name
    assert fp in runs["review"].stdout and "安居镇" in runs["show"].stdout
    assert (out / "csv" / "cells.csv").exists() and (out / "index.html").exists()
    assert _sha(readonly_db) == before and sorted(p.name for p in readonly_db.parent.iterdir()) == ["t.db"]


def test_a_write_to_a_read_only_database_is_one_line(readonly_db):
    writes = [["review", "--db", str(readonly_db), "confirm", _error_fingerprint(readonly_db)],
              ["extract", str(SEEDS / "000_8504b1b078ec4e4d.txt"), "--db", str(readonly_db)],
              ["prune", "--db", str(readonly_db)], ["organs", "--db", str(readonly_db), "alias", "安居镇", "某镇"]]
    for args in writes:
        done = _as_unprivileged(args)
        assert done.returncode != 0, args
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, (args, done.stderr)
        assert "readonly" in done.stderr or "read-only" in done.stderr, (args, done.stderr)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_shows_a_read_only_database_and_a_verdict_there_is_a_clear_error(readonly_db):
    fp, port, before = _error_fingerprint(readonly_db), _free_port(), _sha(readonly_db)
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"] if os.geteuid() == 0 else []
    serve = subprocess.Popen(prefix + [str(EXE), "serve", "--db", str(readonly_db), "--port", str(port)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                overview = urllib.request.urlopen(base + "/", timeout=5).read().decode()
                break
            except urllib.error.URLError:
                time.sleep(0.2)
        assert "安居镇" in overview
        [report] = re.findall(r'href="/report/([0-9a-f]{64})"[^>]*>安居镇', overview)[:1]
        page = urllib.request.urlopen(f"{base}/report/{report}", timeout=5).read().decode()
        token = re.search(r'<meta name="?nianbao-token"? content="([^"]+)"', page).group(1)
        post = urllib.request.Request(base + "/verdict", method="POST", data=json.dumps({"fingerprint": fp, "status": "confirmed"}).encode(),
                                      headers={"Content-Type": "application/json", "X-Nianbao-Token": token})
        try:
            urllib.request.urlopen(post, timeout=10)
            raise AssertionError("a verdict on a read-only database was accepted")
        except urllib.error.HTTPError as refused:
            assert refused.code == 503 and "readonly" in json.loads(refused.read())["error"]
    finally:
        serve.terminate()
        _, err = serve.communicate(timeout=10)
    assert "Traceback" not in err
    assert _sha(readonly_db) == before and sorted(p.name for p in readonly_db.parent.iterdir()) == ["t.db"]


def test_reading_opens_the_file_read_only(db):
    store = Store(db, readonly=True)
    with pytest.raises(Exception, match="readonly"):
        store.db.execute("DELETE FROM verdicts")
    store.close()


def _age(db: Path) -> None:
    """Make the file look written by an older nianbao: a table this version has is missing."""
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE organ_aliases")
    conn.commit()
    conn.close()


def test_an_older_database_is_upgraded_by_a_reader_or_refused_in_one_line_when_read_only(db):
    _age(db)
    assert invoke("review", "--db", db, "--json").exit_code == 0  # upgraded on the way
    assert "organ_aliases" in sqlite_utils.Database(db).table_names()
    _age(db)
    db.chmod(0o444)
    db.parent.chmod(0o555)
    try:
        done = _as_unprivileged(["review", "--db", str(db)])
    finally:
        db.parent.chmod(0o755)
        db.chmod(0o644)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "written by an older nianbao" in done.stderr


# --- one --db for every command ------------------------------------------------------------------
def test_every_command_takes_nianbao_db(db, tmp_path):
    env = {"NIANBAO_DB": str(db)}
    stats = invoke("stats", "--json", env=env)
    assert stats.exit_code == 0, stats.output
    assert '"runs"' in stats.stdout
    fp = _error_fingerprint(db)
    assert invoke("review", "--json", env=env).stdout.count(fp) == 1
    assert invoke("review", "confirm", fp, env=env).exit_code == 0
    assert invoke("show", "004_355405dd3f944c58.txt", env=env).exit_code == 0
    assert invoke("organs", env=env).exit_code == 0


def test_review_confirm_takes_db_after_the_subcommand(db):
    fp = _error_fingerprint(db)
    done = invoke("review", "confirm", fp, "--db", db, "--note", "ok")
    assert done.exit_code == 0, done.output
    [row] = list(sqlite_utils.Database(db).query("SELECT status, note FROM verdicts"))
    assert row == {"status": "confirmed", "note": "ok"}
    assert invoke("organs", "alias", "安居镇", "某镇", "--db", db).exit_code == 0


@pytest.mark.parametrize("command", [
    ["extract", str(SEEDS / "004_355405dd3f944c58.txt")], ["stats"], ["review"], ["review", "confirm", "Fabc"],
    ["show", "x"], ["overview"], ["export", "--csv", "x"], ["serve"], ["organs"],
])
def test_a_db_in_a_missing_folder_is_said_plainly(command, tmp_path):
    missing = tmp_path / "no" / "such" / "t.db"
    done = invoke(*command, "--db", missing)
    assert done.exit_code == 2, done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)
    assert f"the folder {missing.parent} does not exist" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not missing.parent.exists()


# --- verdicts ----------------------------------------------------------------------------------
def test_a_verdict_for_an_unknown_fingerprint_is_refused_and_not_stored(db):
    done = invoke("review", "--db", db, "confirm", "Fdoesnotexist", "--note", "typo")
    assert done.exit_code == 1 and "no finding Fdoesnotexist" in done.stderr
    store = Store(db)
    assert store.set_verdict("Fnothing000", "dismissed") == 0
    store.close()
    assert sqlite_utils.Database(db)["verdicts"].count == 0


def test_store_errors_are_one_line(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing" / "t.db")
    with pytest.raises(StoreError, match="no database at"):
        Store(tmp_path / "t.db", readonly=True)
    assert not (tmp_path / "t.db").exists()
    shutil.rmtree(tmp_path, ignore_errors=True)
