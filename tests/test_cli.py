"""The command line, as a user runs it: batches, JSON Lines, exit codes, interruption."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlite_utils
from conftest import SEEDS, seed_named
from typer.testing import CliRunner

from nianbao import cli, fields as F

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(cli.app, list(args), catch_exceptions=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The five seeds plus one of each kind of bad input, in one folder."""
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "news.md").write_text("会议要求各部门压实责任。\n" * 30, encoding="utf-8")
    text = seed_named("004")
    (tmp_path / "cut.txt").write_text(text[: text.index("四、政府信息公开行政复议")], encoding="utf-8")
    return tmp_path


def test_batch_goes_on_past_bad_inputs_and_stores_everything(folder, tmp_path):
    db = tmp_path / "out.db"
    result = invoke("extract", str(folder), "--db", str(db))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    failed_lines = [line for line in result.stderr.splitlines() if line.startswith("failed ")]
    assert len(failed_lines) == 4
    assert any("empty.txt: empty file" in line for line in failed_lines)
    assert any("cut.txt: report cut off after section 三" in line for line in failed_lines)
    assert "9 report(s): 5 ok, 4 failed" in result.stderr
    rows = sqlite_utils.Database(db)["reports"].rows
    assert sorted(r["status"] for r in rows) == ["failed"] * 4 + ["ok"] * 5
    run = next(sqlite_utils.Database(db)["runs"].rows)
    assert (run["status"], run["n_inputs"], run["n_ok"], run["n_failed"]) == ("done", 9, 5, 4)


def test_json_lines_follow_the_contract(tmp_path):
    result = invoke("extract", str(SEEDS), "--json", "-q")
    assert result.exit_code == 0
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == 5 and not (tmp_path / "nianbao.db").exists()
    for obj in objects:
        assert {"source", "sha256", "status", "error", "template", "organ", "region", "year", "published",
                "cells", "provenance", "sections", "facts", "findings"} <= set(obj)
        assert list(obj["cells"]) == F.FIELDS_2021
        assert all(set(p) == {"start", "end", "extractor"} for p in obj["provenance"].values())
    by_organ = {o["organ"]: o for o in objects}
    assert by_organ["米易县普威镇"]["cells"]["active.fees"] is None
    assert by_organ["安居镇"]["findings"][0]["rule"] == "prose.active_table"


def test_with_text_lets_a_reader_follow_every_span():
    result = invoke("extract", str(next(SEEDS.glob("004*"))), "--json", "--with-text", "-q")
    obj = json.loads(result.stdout)
    span = obj["provenance"]["active.licensing"]
    assert obj["text"][span["start"] : span["end"]] == "290"


def test_check_prints_findings_and_stores_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("check", str(next(SEEDS.glob("004*"))))
    assert result.exit_code == 0
    assert "[error] prose.active_table line 8: 正文称「行政许可558件」" in result.stdout
    assert not list(tmp_path.iterdir())
    assert invoke("check", str(next(SEEDS.glob("004*"))), "--fail-on", "error").exit_code == 1
    assert invoke("check", str(next(SEEDS.glob("001*"))), "--fail-on", "warning").exit_code == 0


def test_rules_lists_every_rule():
    result = invoke("rules", "--json")
    rules = json.loads(result.stdout)
    assert {r["id"] for r in rules} >= {"applications.row_total", "prose.active_table", "dates.late"}
    assert all(r["description"] and r["basis"] for r in rules)


def test_misuse_exits_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("extract", str(tmp_path / "*.nothing")).exit_code == 1  # a pattern that matches nothing is a failed input
    assert invoke("check", "x.txt", "--fail-on", "sometimes").exit_code == 2
    assert runner.invoke(cli.app, ["extract"]).exit_code == 2


def test_interrupted_batch_keeps_what_was_done(folder, tmp_path, monkeypatch):
    """Ctrl-C halfway through storing the third report: the two before it stay, whole, and nothing of the third."""
    from nianbao.store import Store

    db = tmp_path / "out.db"
    real = Store._save_findings
    calls = []

    def interrupt_on_third(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:  # the report's cells are written, its findings not yet
            raise KeyboardInterrupt
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "_save_findings", interrupt_on_third)
    result = invoke("extract", str(folder), "--db", str(db), "--jobs", "2")
    assert result.exit_code == 130
    database = sqlite_utils.Database(db)
    assert database["reports"].count == 2
    assert database["cells"].count == 400  # two whole reports (000, 001), never half of one
    assert next(database["runs"].rows)["status"] == "interrupted"


def test_the_installed_command_runs_the_readme_job(tmp_path):
    """The README's first command, through the real console script (not CliRunner)."""
    import subprocess
    import sys

    exe = Path(sys.executable).with_name("nianbao")
    done = subprocess.run([str(exe), "extract", str(SEEDS), "--db", str(tmp_path / "nianbao.db")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "5 report(s): 5 ok, 0 failed; findings: 1 error, 1 warning" in done.stderr
    checked = subprocess.run([str(exe), "check", str(SEEDS)], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0 and "[error] prose.active_table line 8" in checked.stdout


def test_a_database_that_cannot_be_written_is_one_clear_line(tmp_path, monkeypatch):
    import sqlite3

    from nianbao.store import Store

    def locked(self, rows, run_id=None, stamp=None):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Store, "save_rows", locked)  # what the batch's writer calls
    result = runner.invoke(cli.app, ["extract", str(SEEDS), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 1
    assert "cannot write to" in result.stderr and "database is locked" in result.stderr
    assert "Traceback" not in result.output
    assert next(sqlite_utils.Database(tmp_path / "t.db")["runs"].rows)["status"] == "failed"


@pytest.mark.parametrize("command", [["overview"], ["show", "x"], ["review"], ["stats"], ["trends", "x"], ["extract", str(SEEDS)]])
def test_a_file_that_is_not_a_database_is_one_clear_line(tmp_path, command):
    """(a read command used to end in a traceback: `DatabaseError: file is not a database`; found by the session-19 review)"""
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("这不是数据库\n" * 50, encoding="utf-8")
    result = runner.invoke(cli.app, [*command, "--db", str(not_a_database)])
    assert result.exit_code in (1, 2) and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{not_a_database}" in result.stderr and "not a database" in result.stderr
    assert not_a_database.read_text(encoding="utf-8") == "这不是数据库\n" * 50  # left as it was
