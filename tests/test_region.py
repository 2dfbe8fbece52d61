"""The region office's commands over a generated region (tests/region_gen.py): a city, its
districts and their departments, three years. Every expectation is computed here from what
the generator printed, never by calling the code under test."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from region_gen import CITY, FAILED, LATE, MISPRINTED, MISSING, NO_DATE, YEARS, generate
from typer.testing import CliRunner

from nianbao import cli
from nianbao.store import Store


def invoke(*args):
    return CliRunner().invoke(cli.app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def region():
    return generate()


@pytest.fixture(scope="module")
def region_db(region, tmp_path_factory) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "NIANBAO_LLM", "NIANBAO_DB"):
            mp.delenv(name, raising=False)
        folder = tmp_path_factory.mktemp("region")
        region.write(folder / "in")
        (folder / "organs.csv").write_text(region.roster_csv(), encoding="utf-8")
        db = folder / "region.db"
        assert invoke("extract", folder / "in", "--db", db, "-q").exit_code == 1  # the broken download fails
        result = invoke("roster", "import", folder / "organs.csv", "--db", db)
        assert result.exit_code == 0, result.output
        assert f"imported {len(region.organs)} organ(s)" in result.stdout
    return db


def status_json(db: Path, year: int, *extra) -> dict:
    result = invoke("roster", "status", "--year", year, "--db", db, "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- roster import ------------------------------------------------------------------------------
def test_roster_import_refuses_bad_rows_by_line_and_keeps_the_old_roster(region_db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("organ,parent,level,aliases\n甲县,,县,\n,甲县,部门,\n乙局,丙县,部门,\n甲县,,县,\n丁局,甲县,,\n戊局,甲县,部门,,x\n"
                   "己局,甲县,部门,,\n", encoding="utf-8")
    result = invoke("roster", "import", bad, "--db", region_db)
    assert result.exit_code == 1
    for line, words in ((3, "no organ name"), (4, "parent 丙县 is not in the roster"), (5, "already on line 2"),
                        (6, "no level"), (7, "cells")):
        assert f"bad.csv:{line}:" in result.stderr and words in result.stderr, (line, result.stderr)
    assert "bad.csv:2:" not in result.stderr and "bad.csv:8:" not in result.stderr
    store = Store(region_db)
    names = [r["organ"] for r in store.db.query("SELECT organ FROM roster ORDER BY line")]
    store.close()
    assert names == [o.name for o in generate().organs]  # nothing of the bad file got in


def test_roster_import_reads_gbk_and_chinese_headers(tmp_path):
    csv_file = tmp_path / "gbk.csv"
    csv_file.write_bytes("机关,上级,级别,别名\n甲县,,县,甲县人民政府\n甲县财政局,甲县,部门,甲县财政\n".encode("gbk"))
    db = tmp_path / "g.db"
    assert invoke("roster", "import", csv_file, "--db", db).exit_code == 0
    store = Store(db)
    rows = list(store.db.query("SELECT organ, parent, level, aliases FROM roster ORDER BY line"))
    store.close()
    assert rows == [{"organ": "甲县", "parent": None, "level": "county", "aliases": '["甲县人民政府"]'},
                    {"organ": "甲县财政局", "parent": "甲县", "level": "department", "aliases": '["甲县财政"]'}]
    assert invoke("roster", "import", tmp_path / "nope.csv", "--db", db).exit_code == 2


def test_a_cycle_in_parents_is_refused(tmp_path):
    csv_file = tmp_path / "c.csv"
    csv_file.write_text("organ,parent,level,aliases\n甲,乙,县,\n乙,甲,县,\n", encoding="utf-8")
    result = invoke("roster", "import", csv_file, "--db", tmp_path / "c.db")
    assert result.exit_code == 1 and "c.csv:2:" in result.stderr and "circle" in result.stderr


# --- roster status --------------------------------------------------------------------------------
def test_roster_status_found_failed_missing_and_late(region, region_db):
    for year in YEARS:
        got = status_json(region_db, year)
        states = {o["organ"]: o["state"] for o in got["organs"]}
        expected = {o.name: ("missing" if (o.name, year) in MISSING else "failed" if (o.name, year) in FAILED else "found")
                    for o in region.organs}
        assert states == expected
        late = {o["organ"]: o["days_late"] for o in got["organs"] if o["lateness"] == "late"}
        # deadlines of 条例第四十九条: departments 31 January, governments 31 March of the next year
        assert late == {name: (date.fromisoformat(day) - (date(y + 1, 1, 31) if "局" in name else date(y + 1, 3, 31))).days
                        for (name, y), day in LATE.items() if y == year}
        unknown = {o["organ"] for o in got["organs"] if o["lateness"] == "date_unknown"}
        assert unknown == {name for name, y in NO_DATE | FAILED if y == year}  # a broken download prints no date either
        assert got["unmatched"] == []
    got = status_json(region_db, 2024)
    [failed] = [o for o in got["organs"] if o["state"] == "failed"]
    assert failed["organ"] == next(iter(FAILED))[0] and failed["error"] and failed["matched_by"] == "file_name"
    [renamed] = [o for o in got["organs"] if o["organ"] == f"{CITY}西城区教育局"]
    assert renamed["matched_by"] == "alias" and renamed["state"] == "found"
    assert got["counts"] == {"found": len(region.organs) - 2, "failed": 1, "missing": 1, "late": 2, "date_unknown": 2}


def test_roster_status_under_an_organ_and_in_the_terminal(region, region_db):
    got = status_json(region_db, 2024, "--under", f"{CITY}南城区")
    assert [o["organ"] for o in got["organs"]] == [f"{CITY}南城区", f"{CITY}南城区财政局", f"{CITY}南城区教育局"]
    text = invoke("roster", "status", "--year", 2024, "--db", region_db)
    assert text.exit_code == 0
    line = next(x for x in text.stdout.splitlines() if f"{CITY}教育局 " in x)
    assert line.startswith("found") and "published 2025-02-15" in line and "due 2025-01-31" in line and "late (15 days)" in line
    assert next(x for x in text.stdout.splitlines() if f"{CITY}南城区教育局" in x).startswith("missing")
    assert invoke("roster", "status", "--year", 2024, "--db", region_db, "--under", "无此机关").exit_code == 2


def test_late_reports_are_findings_with_their_basis(region, region_db):
    store = Store(region_db)
    rows = list(store.db.query("SELECT r.organ, f.message, f.span_start, f.span_end, r.text FROM findings f "
                               "JOIN reports r ON r.id = f.report_id WHERE f.rule = 'region.late'"))
    store.close()
    assert {region.organ(name).printed for name, _ in LATE} == {r["organ"] for r in rows}
    for r in rows:
        assert "第四十九条" in r["message"] and "逾期" in r["message"]
        printed = r["text"][r["span_start"]:r["span_end"]]
        assert printed in ("2025年2月15日", "2025年4月2日")


def test_a_level_deadline_changes_lateness(region, region_db, tmp_path):
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(region_db, db)
    result = invoke("roster", "deadline", "部门", "02-20", "--db", db)
    assert result.exit_code == 0 and "02-20" in result.stdout
    got = status_json(db, 2024)
    assert {o["organ"] for o in got["organs"] if o["lateness"] == "late"} == {f"{CITY}东城区"}  # 02-15 is now in time
    assert invoke("roster", "deadline", "部门", "02-30", "--db", db).exit_code == 2
    assert invoke("roster", "deadline", "部门", "--db", db).exit_code == 0  # back to the default
    assert len([o for o in status_json(db, 2024)["organs"] if o["lateness"] == "late"]) == 2


def test_mispinted_report_is_read_as_printed(region, region_db):
    """The generator's deliberate error stays in the data as printed (sanity of the fixture itself)."""
    store = Store(region_db)
    organ, year = MISPRINTED
    value = store.db.execute("SELECT c.value FROM cells c JOIN reports r ON r.id = c.report_id WHERE r.organ = ? AND r.year = ? "
                             "AND c.field = 'applications.new.total'", [organ, year]).fetchone()[0]
    store.close()
    assert value == region.report(organ, year).true_new_natural + 1
