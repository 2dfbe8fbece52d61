"""One current version per file: an edited file replaces its report (the old one is history), a deleted one can be pruned."""

from __future__ import annotations

import json

import sqlite_utils
from conftest import seed_named
from typer.testing import CliRunner

from nianbao import cli
from nianbao.review.overview import overview_data
from nianbao.store import Store


def invoke(*args: object):
    return CliRunner().invoke(cli.app, [str(a) for a in args])


def _rows(db, sql: str, *args) -> list[dict]:
    database = sqlite_utils.Database(db)
    rows = list(database.query(sql, list(args)))
    database.close()
    return rows


def test_an_edited_file_is_one_report_and_its_old_version_is_history(tmp_path):
    db, path = tmp_path / "t.db", tmp_path / "anju.txt"
    text = seed_named("004")
    path.write_text(text, encoding="utf-8")
    assert invoke("extract", path, "--db", db, "-q").exit_code == 0
    [finding] = [json.loads(line) for line in invoke("review", "--db", db, "--json", "--severity", "error").stdout.splitlines()]
    assert invoke("review", "--db", db, "confirm", finding["fingerprint"], "--note", "核实").exit_code == 0

    path.write_text(text.replace("行政许可 | 290 |", "行政许可 | 291 |"), encoding="utf-8")  # corrected, still disagrees with 558
    assert invoke("extract", path, "--db", db, "-q").exit_code == 0

    versions = _rows(db, "SELECT id, current, superseded_by FROM reports ORDER BY current")
    assert [v["current"] for v in versions] == [0, 1] and versions[0]["superseded_by"] == versions[1]["id"]
    old, new = versions[0]["id"], versions[1]["id"]
    assert _rows(db, "SELECT COUNT(*) AS n FROM cells WHERE report_id = ?", old) == [{"n": 200}]  # kept as history
    assert _rows(db, "SELECT COUNT(*) AS n FROM findings WHERE report_id = ?", old) == [{"n": 0}]  # not counted
    listed = [json.loads(line) for line in invoke("review", "--db", db, "--json", "--status", "all").stdout.splitlines()]
    assert {r["report_id"] for r in listed} == {new}
    assert [(r["status"], r["note"]) for r in listed if r["fingerprint"] == finding["fingerprint"]] == [("confirmed", "核实")]
    store = Store(db, readonly=True)
    data = overview_data(store)
    store.close()
    assert [r["id"] for r in data["all"]] == [new] and data["reports"] == [{"status": "ok", "n": 1}]
    assert invoke("export", "--db", db, "--json", tmp_path / "all.json").exit_code == 0
    exported = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in exported] == [new] and exported[0]["cells"]["active.licensing"] == 291
    shown = invoke("show", "anju.txt", "--db", db)
    assert shown.exit_code == 0 and "安居镇" in shown.stdout  # by name: the current version, not "several match"


def test_prune_drops_the_reports_of_deleted_files_and_keeps_verdicts(tmp_path):
    db, keep, gone = tmp_path / "t.db", tmp_path / "keep.txt", tmp_path / "gone.txt"
    keep.write_text(seed_named("000"), encoding="utf-8")
    gone.write_text(seed_named("004"), encoding="utf-8")
    assert invoke("extract", keep, gone, "--db", db, "-q").exit_code == 0
    [fp] = [r["fingerprint"] for r in _rows(db, "SELECT fingerprint FROM findings WHERE severity = 'error'")]
    assert invoke("review", "--db", db, "dismiss", fp).exit_code == 0
    gone.unlink()

    listed = invoke("prune", "--db", db, "--dry-run")
    assert listed.exit_code == 0 and str(gone) in listed.stdout and str(keep) not in listed.stdout
    assert len(_rows(db, "SELECT id FROM reports")) == 2
    assert invoke("prune", "--db", db).exit_code == 0
    assert [r["source"] for r in _rows(db, "SELECT source FROM reports")] == [str(keep)]
    assert _rows(db, "SELECT COUNT(*) AS n FROM cells") == [{"n": 200}]
    assert _rows(db, "SELECT fingerprint, status FROM verdicts") == [{"fingerprint": fp, "status": "dismissed"}]


def test_prune_history_drops_earlier_versions_only(tmp_path):
    db, path = tmp_path / "t.db", tmp_path / "a.txt"
    path.write_text(seed_named("000"), encoding="utf-8")
    assert invoke("extract", path, "--db", db, "-q").exit_code == 0
    path.write_text(seed_named("000") + "\n（更正）\n", encoding="utf-8")
    assert invoke("extract", path, "--db", db, "-q").exit_code == 0
    assert invoke("prune", "--db", db).exit_code == 0  # the file is there: nothing to drop
    assert len(_rows(db, "SELECT id FROM reports")) == 2
    assert invoke("prune", "--db", db, "--history").exit_code == 0
    assert _rows(db, "SELECT current FROM reports") == [{"current": 1}]


def test_an_earlier_versions_counts_agree_with_its_findings(tmp_path):
    """Its findings go when it is superseded, so its error / warning / info counts (the review page's
    header, the reports table) go too: a version never says 1 error while it lists none."""
    db, path = tmp_path / "t.db", tmp_path / "anju.txt"
    text = seed_named("004")  # one error: 行政许可 290 against the total 558
    path.write_text(text, encoding="utf-8")
    assert invoke("extract", path, "--db", db, "-q").exit_code == 0
    assert _rows(db, "SELECT n_errors FROM reports") == [{"n_errors": 1}]
    path.write_text(text.replace("行政许可 | 290 |", "行政许可 | 291 |"), encoding="utf-8")
    assert invoke("extract", path, "--db", db, "-q").exit_code == 0
    counted = "SELECT COUNT(*) FROM findings f WHERE f.report_id = r.id AND f.severity = "
    rows = _rows(db, f"SELECT current, n_errors, n_warnings, n_info, ({counted}'error') AS errors, ({counted}'warning') AS warnings, "
                     f"({counted}'info') AS infos FROM reports r ORDER BY current")
    assert [r["current"] for r in rows] == [0, 1]
    for r in rows:
        assert (r["n_errors"], r["n_warnings"], r["n_info"]) == (r["errors"], r["warnings"], r["infos"]), r


def test_of_each_report_the_newest_stored_copy_counts_ties_broken_by_storing_order(tmp_path):
    """Copies of one report (organ|year) under three file names: the newest extracted counts; copies
    stored within the same second count by the order they were stored; a report of its own stays."""
    from nianbao.pipeline import process_text

    store = Store(tmp_path / "t.db")
    text = seed_named("004")
    ids = []
    for i, name in enumerate(("a.txt", "b.txt", "c.txt")):
        report = process_text(str(tmp_path / name), f"{i:064d}", text + f"\n（副本{i}）\n")
        store.save(report)
        ids.append(report.sha256)
    other = process_text(str(tmp_path / "d.txt"), "9" * 64, seed_named("002"))
    store.save(other)
    store.conn.execute("UPDATE reports SET extracted_at = '2026-01-01T00:00:00+00:00'")  # all in one second
    assert {r["id"] for r in store.current_reports()} == {ids[2], other.sha256}
    store.conn.execute("UPDATE reports SET extracted_at = '2026-01-02T00:00:00+00:00' WHERE id = ?", [ids[0]])
    assert {r["id"] for r in store.current_reports()} == {ids[0], other.sha256}
    assert {r["id"] for r in store.current_reports(year=2024)} == {ids[0], other.sha256}  # both seeds report on 2024
    assert store.current_reports(year=2023) == []
