"""Re-runs: an unchanged file is not read again; an edited one replaces its version; the cross-year
check looks partners up by organ and year and re-checks only what changed and its partners."""

from __future__ import annotations

import os
import shutil

import pytest
import sqlite_utils
from conftest import SEEDS, seed_named
from typer.testing import CliRunner

from nianbao import cli
from nianbao.rules.history import name_pairs, same_organ, shorter_names

S004_FORWARD = "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"


def invoke(*args) -> object:
    return CliRunner().invoke(cli.app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def folder(tmp_path):
    out = tmp_path / "in"
    out.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, out / seed.name)
    return out


def test_unchanged_files_are_not_read_again_and_an_edited_one_replaces_its_version(folder, tmp_path):
    db = tmp_path / "t.db"
    first = invoke("extract", folder, "--db", db)
    assert "5 report(s): 5 ok" in first.stderr
    second = invoke("extract", folder, "--db", db)
    assert second.exit_code == 0
    assert "0 report(s): 0 ok, 0 failed" in second.stderr and "5 unchanged, not read again" in second.stderr
    edited = next(folder.glob("004*"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("行政许可 | 290 |", "行政许可 | 291 |"), encoding="utf-8")
    third = invoke("extract", folder, "--db", db)
    assert "1 report(s): 1 ok" in third.stderr and "4 unchanged" in third.stderr
    d = sqlite_utils.Database(db)
    versions = list(d.query("SELECT current FROM reports WHERE source = ? ORDER BY current", [str(edited)]))
    assert [v["current"] for v in versions] == [0, 1]  # the earlier version kept as history, not counted
    assert d.execute("SELECT value FROM cells c JOIN reports r ON r.id = c.report_id WHERE r.current = 1 AND r.source = ? "
                     "AND c.field = 'active.licensing'", [str(edited)]).fetchone()[0] == 291
    forced = invoke("extract", folder, "--db", db, "--force")
    assert "5 report(s): 5 ok" in forced.stderr and "not read again" not in forced.stderr


def test_workers_are_started_only_for_files_to_read(folder, tmp_path, monkeypatch):
    """A re-run of unchanged files forks no worker process (two forks and stops were a third of its time)."""
    from nianbao import batch

    started = []
    real = batch._Worker.__init__

    def counted(self, *args, **kwargs):
        started.append(1)
        real(self, *args, **kwargs)

    monkeypatch.setattr(batch._Worker, "__init__", counted)
    for seed in list(folder.iterdir()):  # 10 files: more than one list of GIVEN_AT_ONCE (8)
        (folder / f"copy_{seed.name}").write_text(seed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    db = tmp_path / "t.db"
    assert "10 report(s): 10 ok" in invoke("extract", folder, "--db", db, "--jobs", "2").stderr
    assert len(started) == 2
    assert "10 unchanged" in invoke("extract", folder, "--db", db, "--jobs", "2").stderr
    assert len(started) == 2  # none for the re-run
    edited = next(folder.glob("004*"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert "1 report(s): 1 ok" in invoke("extract", folder, "--db", db, "--jobs", "2").stderr
    assert len(started) == 3  # one file to read: one worker (the second would have had nothing)


def test_files_that_may_be_slow_are_shared_between_the_workers(tmp_path, monkeypatch):
    """A list of files ends at a scan, a PDF or a Word file: a few of them are no longer all one worker's (they
    went eight to a list, so five scans were read one after another while the other worker idled)."""
    from nianbao import batch

    given: dict[int, list[str]] = {}
    real = batch._Worker.give

    def recorded(self, tasks):
        given.setdefault(id(self), []).extend(path.name for _, (path, _problem) in tasks)
        real(self, tasks)

    monkeypatch.setattr(batch._Worker, "give", recorded)
    folder = tmp_path / "scans"
    folder.mkdir()
    for i in range(5):
        (folder / f"scan{i}.pdf").write_bytes(b"%PDF-1.4 not really\n")
    (folder / "report.txt").write_text(seed_named("004"), encoding="utf-8")
    result = invoke("extract", folder, "--db", tmp_path / "t.db", "--jobs", "2")
    assert "6 report(s)" in result.stderr
    assert len(given) == 2 and all(names for names in given.values())
    assert sorted(name for names in given.values() for name in names) == sorted(p.name for p in folder.iterdir())


def test_a_file_with_the_same_size_but_a_new_time_is_read_again(folder, tmp_path):
    db = tmp_path / "t.db"
    invoke("extract", folder, "--db", db, "-q")
    touched = next(folder.glob("001*"))
    st = touched.stat()
    os.utime(touched, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    again = invoke("extract", folder, "--db", db)
    assert "1 report(s): 1 ok" in again.stderr and "4 unchanged" in again.stderr


def test_other_options_read_again(folder, tmp_path):
    db = tmp_path / "t.db"
    invoke("extract", folder, "--db", db, "-q")
    again = invoke("extract", folder, "--db", db, "--max-bytes", "10000000")
    assert "5 report(s): 5 ok" in again.stderr


def test_the_name_pairs_find_exactly_the_names_same_organ_matches():
    names = ["安居镇", "随县安居镇", "湖北省随县安居镇", "随县", "某市安居镇", "安居", "县安居镇", "五华县安流镇", "安流镇"]
    pairs = {pair for n in names for pair in name_pairs(n)}  # the table the store's cross-year check joins on
    for n in names:
        assert sorted(m for m in names if (n, m) in pairs) == sorted(m for m in names if same_organ(m, n)), n
    assert shorter_names("湖北省随县安居镇") == ["随县安居镇", "安居镇"]


def test_editing_last_years_report_rechecks_this_years_unchanged_one(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    this_year = seed_named("004")
    last_year = "随县安居镇2023年政府信息公开工作年度报告\n" + this_year.replace("2024", "2023")
    (folder / "2024.txt").write_text(this_year, encoding="utf-8")
    (folder / "2023.txt").write_text(last_year.replace(S004_FORWARD, "四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |"), encoding="utf-8")
    db = tmp_path / "t.db"
    invoke("extract", folder, "--db", db, "-q")

    def history() -> list[str]:
        return [r["source"] for r in sqlite_utils.Database(db).query(
            "SELECT r.source FROM findings f JOIN reports r ON r.id = f.report_id WHERE f.rule = 'history.carried_over'")]

    assert history() == [str(folder / "2024.txt")]
    (folder / "2023.txt").write_text(last_year, encoding="utf-8")  # corrected: carried forward 0, as 2024 carried over
    result = invoke("extract", folder, "--db", db)
    assert "1 report(s): 1 ok" in result.stderr and "1 unchanged" in result.stderr
    assert history() == []
