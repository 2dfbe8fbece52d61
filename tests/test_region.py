"""The region office's commands over a generated region (tests/region_gen.py): a city, its
districts and their departments, three years. Every expectation is computed here from what
the generator printed, never by calling the code under test."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT
from region_gen import CITY, FAILED, LATE, MISPRINTED, MISSING, NO_DATE, NO_REVIEWS, SAME_NEW, YEARS, generate
from typer.testing import CliRunner

from nianbao import cli
from nianbao import fields as F
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


def test_roster_status_page_in_chinese(region, region_db, tmp_path):
    assert invoke("roster", "status", "--year", 2024, "--db", region_db, "--html", tmp_path).exit_code == 0
    page = (tmp_path / "roster-2024.html").read_text(encoding="utf-8")
    rows = {m[0]: m[1] for m in re.findall(r'<tr class="\w+"><td class="label">(?:<a [^>]*>)?([^<]+)(?:</a>)?</td>(.*?)</tr>', page)}
    assert set(rows) == {o.name for o in region.organs}
    assert "逾期15天" in rows[f"{CITY}教育局"] and "逾期2天" in rows[f"{CITY}东城区"]
    assert "缺失" in rows[next(iter(MISSING))[0]]
    failed = rows[next(iter(FAILED))[0]]
    assert "读取失败" in failed and "不是政府信息公开工作年度报告" in failed and "not a government" not in failed
    assert "发布日期不详" in rows[next(iter(NO_DATE))[0]] and "None" not in page


def test_late_reports_are_findings_with_their_basis(region, region_db):
    store = Store(region_db)
    rows = list(store.db.query("SELECT r.organ, f.message, f.span_start, f.span_end, t.text FROM findings f "
                               "JOIN reports r ON r.id = f.report_id JOIN report_text t ON t.report_id = r.id WHERE f.rule = 'region.late'"))
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


# --- compiled tables (汇总) -------------------------------------------------------------------------
def expected_compiled(region, year: int, organs: set[str] | None = None) -> tuple[int, dict, dict]:
    """(reports, sums, blanks) computed from what the generator printed."""
    printed = [r for r in region.reports if r.year == year and (organs is None or r.organ.name in organs)]
    sums, blanks = {}, {}
    for fid in F.FIELDS_2021:
        values = [r.cells[fid] for r in printed if r.cells[fid] is not None]
        sums[fid] = (round(sum(values), 6) if any(isinstance(v, float) for v in values) else sum(values)) if values else None
        blanks[fid] = len(printed) - len(values)
    return len(printed), sums, blanks


def aggregate_json(db: Path, year: int, *extra) -> dict:
    result = invoke("aggregate", "--year", year, "--db", db, "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_aggregate_sums_every_cell_and_keeps_blanks_null(region, region_db):
    for year in YEARS:
        n, sums, blanks = expected_compiled(region, year)
        got = aggregate_json(region_db, year)
        assert got["year"] == year and got["reports"] == n and got["template"] == "2021"
        assert set(got["cells"]) == set(F.FIELDS_2021)
        wrong = {f: (got["cells"][f], sums[f]) for f in sums if got["cells"][f] != pytest.approx(sums[f]) or
                 (sums[f] is None) != (got["cells"][f] is None)}
        assert not wrong
        assert got["blank"] == blanks
    got = aggregate_json(region_db, 2024)
    assert got["cells"]["active.coercion"] is None and got["blank"]["active.coercion"] == got["reports"]  # blank everywhere: null, not 0
    assert got["blank"]["active.fees"] == 1 and got["cells"]["active.fees"] is not None


def test_aggregate_under_a_district(region, region_db):
    district = f"{CITY}东城区"
    n, sums, blanks = expected_compiled(region, 2024, {o.name for o in region.organs if o.name.startswith(district)})
    got = aggregate_json(region_db, 2024, "--under", district)
    assert got["reports"] == n == 3
    assert got["cells"]["applications.new.total"] == sums["applications.new.total"]
    assert got["blank"] == blanks


def test_the_compiled_tables_arithmetic_is_checked(region, region_db):
    # 2024: one report printed its `new` row total one too high, so the compiled row and the
    # compiled balance of the total column are off by one too; 2023 adds up everywhere.
    got = aggregate_json(region_db, 2024)
    n, sums, _ = expected_compiled(region, 2024)
    parts = sum(sums[F.application_id("new", c)] for c in F.APPLICANT_COLUMNS)
    assert parts + 1 == sums["applications.new.total"]
    assert {f["rule"] for f in got["findings"]} == {"applications.row_total", "applications.balance"}
    [row] = [f for f in got["findings"] if f["rule"] == "applications.row_total"]
    assert (row["expected"], row["actual"]) == (parts, parts + 1)
    assert [r["organ"] for r in row["reports"]] == [region.report(*MISPRINTED).organ.printed]  # where it comes from
    assert aggregate_json(region_db, 2023)["findings"] == []


def test_aggregate_xlsx_layout_and_drill_down_largest_first(region, region_db, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "agg.xlsx"
    assert invoke("aggregate", "--year", 2024, "--db", region_db, "--xlsx", path).exit_code == 0
    book = load_workbook(path)
    sheet, detail = book["汇总"], book["明细"]
    _, sums, _ = expected_compiled(region, 2024)
    header = [c.value for c in detail[1]]
    rows = [dict(zip(header, [c.value for c in r])) for r in detail.iter_rows(min_row=2)]
    linked = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.hyperlink is not None:
                linked[cell.hyperlink.location or cell.hyperlink.target] = cell.value
    assert len(linked) == len(F.FIELDS_2021)
    for target, value in linked.items():
        first = int(target.rsplit("!A", 1)[1])
        fid = detail.cell(row=first, column=2).value
        assert value == (pytest.approx(sums[fid]) if sums[fid] is not None else "空白"), fid
        block = [r for r in rows if r["字段"] == fid]
        printed = [r["数值"] for r in block if r["数值"] is not None]
        assert printed == sorted(printed, reverse=True)
        assert len(block) == 10 and len(printed) == 10 - sum(r["说明"] == "空白" for r in block)
    licensing = [r for r in rows if r["字段"] == "active.licensing"]
    top = max((r for r in region.reports if r.year == 2024), key=lambda r: r.cells["active.licensing"])
    assert licensing[0]["机关"] == top.organ.printed and licensing[0]["数值"] == top.cells["active.licensing"]
    for ws in book.worksheets:
        for row in ws.iter_rows():
            assert all(c.value != "None" for c in row)


def test_two_formats_in_scope_are_compiled_separately(region, tmp_path):
    text = (ROOT / "golden" / "synthetic" / "synthetic_2019.txt").read_text(encoding="utf-8")
    text = text.replace("2019年", "2022年").replace("2020年1月20日", "2023年1月20日")
    folder = tmp_path / "in"
    region.write(folder)
    (folder / "old_format.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "mixed.db"
    invoke("extract", folder, "--db", db, "-q")
    result = invoke("aggregate", "--year", 2022, "--db", db, "--json")
    got = json.loads(result.stdout)
    assert "separately" in result.stderr
    assert got["separately"] is True and set(got["formats"]) == {"2021", "2019"}
    n, sums, _ = expected_compiled(region, 2022)
    assert got["formats"]["2021"]["reports"] == n and got["formats"]["2021"]["cells"]["applications.new.total"] == sums["applications.new.total"]
    golden = json.loads((ROOT / "golden" / "synthetic" / "synthetic_2019.json").read_text(encoding="utf-8"))
    assert got["formats"]["2019"]["reports"] == 1 and got["reports"] == n + 1
    assert got["formats"]["2019"]["cells"]["active2019.licensing.decisions"] == golden["active2019"]["licensing"][2]
    assert "active2019.licensing.decisions" not in got["formats"]["2021"]["cells"]
    # an organ the roster does not list (there is none here) is found by its printed name
    trend = json.loads(invoke("trends", "某市交通运输局", "--db", db, "--json").stdout)
    assert trend["years"] == [2022] and trend["templates"] == {"2022": "2019"}
    assert trend["cells"]["active2019.procurement.amount"] == {"2022": golden["active2019"]["procurement"][1]}
    assert "active.licensing" not in trend["cells"]  # not in that year's format: absent, not null


# --- trends ------------------------------------------------------------------------------------------
def test_trends_of_an_organ_every_field_every_year(region, region_db):
    organ = f"{CITY}西城区教育局"  # published under its new name: found through the roster's alias
    result = invoke("trends", organ, "--db", region_db, "--json")
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert got["years"] == YEARS
    for fid in F.FIELDS_2021:
        expected = {str(y): region.report(organ, y).cells[fid] for y in YEARS}
        assert got["cells"][fid] == expected, fid
    assert invoke("trends", "无此机关", "--db", region_db).exit_code == 1


def test_trends_xlsx_has_a_native_chart_per_table(region, region_db, tmp_path):
    from openpyxl import load_workbook

    organ = f"{CITY}东城区财政局"
    path = tmp_path / "t.xlsx"
    assert invoke("trends", organ, "--db", region_db, "--xlsx", path).exit_code == 0
    book = load_workbook(path)
    assert len(book.worksheets) == 3
    for sheet in book.worksheets:
        assert len(sheet._charts) == 1  # noqa: SLF001 — openpyxl keeps the charts it read here
    sheet = book.worksheets[0]
    rows = {r[0].value: [c.value for c in r[2:]] for r in sheet.iter_rows() if r[0].value and "." in str(r[0].value)}
    assert rows["active.licensing"] == [region.report(organ, y).cells["active.licensing"] for y in YEARS]
    assert rows["active.coercion"][-1] is None  # blank in 2024: an empty cell, not 0 and not "None"
    assert rows["active.fees"][-1] is None


# --- rankings ----------------------------------------------------------------------------------------
def expected_ranking(values: dict[str, tuple]) -> tuple[list[tuple[str, int, bool]], set[str]]:
    """Competition ranking (1, 2, 2, 4), highest first, from (numerator, denominator) per organ; and the unranked."""
    from fractions import Fraction

    ok = {o: Fraction(n, d) for o, (n, d) in values.items() if d != 0}
    order = sorted(ok, key=lambda o: (-ok[o], o))
    ranks = [(o, 1 + sum(1 for x in ok.values() if x > ok[o]), sum(1 for x in ok.values() if x == ok[o]) > 1) for o in order]
    return ranks, set(values) - set(ok)


def test_rankings_formulas_ties_and_zero_denominators(region, region_db):
    result = invoke("rankings", "--year", 2023, "--db", region_db, "--json")
    assert result.exit_code == 0, result.output
    got = {i["id"]: i for i in json.loads(result.stdout)["indicators"]}
    printed = {r.organ.printed: r.cells for r in region.reports if r.year == 2023}
    t = lambda cells, *ids: sum(cells[i] for i in ids)  # noqa: E731
    concluded = lambda g: [F.appeal_id(g, c) for c in ("upheld", "corrected", "other")]  # noqa: E731
    definitions = {
        "received": lambda c: (c["applications.new.total"], 1),
        "granted_share": lambda c: (t(c, "applications.granted.total", "applications.partly_granted.total"), c["applications.total.total"]),
        "not_held_share": lambda c: (c["applications.unavailable.not_held.total"], c["applications.total.total"]),
        "review_corrected_share": lambda c: (c["appeals.review.corrected"], t(c, *concluded("review"))),
        "litigation_corrected_share": lambda c: (
            t(c, "appeals.litigation_direct.corrected", "appeals.litigation_after_review.corrected"),
            t(c, *concluded("litigation_direct"), *concluded("litigation_after_review"))),
    }
    for indicator, define in definitions.items():
        ranks, unranked = expected_ranking({o: define(c) for o, c in printed.items()})
        entries = got[indicator]["entries"]
        assert [(e["organ"], e["rank"], e["tied"]) for e in entries if e["rank"] is not None] == ranks, indicator
        assert {e["organ"] for e in entries if e["rank"] is None} == unranked
        assert all(e["state"] == "zero_denominator" and e["value"] is None and "分母为0" in e["shown"]
                   for e in entries if e["rank"] is None)
        for field_id in re.findall(r"（([a-z_.]+)）", got[indicator]["formula"]):
            assert field_id in F.FIELDS_2021  # the formula names the very fields it uses
    # the generator made one zero denominator and one tie
    no_reviews = region.organ(NO_REVIEWS[0]).printed
    [entry] = [e for e in got["review_corrected_share"]["entries"] if e["organ"] == no_reviews]
    assert (entry["state"], entry["rank"], entry["numerator"], entry["denominator"]) == ("zero_denominator", None, 0, 0)
    tied = [e for e in got["received"]["entries"] if e["organ"] in {region.organ(n).printed for n, _ in SAME_NEW}]
    assert tied[0]["rank"] == tied[1]["rank"] and tied[0]["tied"] and tied[1]["tied"]
    text = invoke("rankings", "--year", 2023, "--db", region_db).stdout
    assert f"{tied[0]['rank']}=  " in text and "分母为0" in text and "applications.new.total" in text


def test_rankings_page_and_workbook_say_ties_and_zero_denominators(region, region_db, tmp_path):
    from openpyxl import load_workbook

    assert invoke("rankings", "--year", 2023, "--db", region_db, "--html", tmp_path, "--xlsx", tmp_path / "r.xlsx").exit_code == 0
    page = (tmp_path / "rankings-2023.html").read_text(encoding="utf-8")
    assert "（并列）" in page and "分母为0，无从计算" in page and "计算方法：" in page and "0.0%" not in page.split("分母为0")[0][-80:]
    book = load_workbook(tmp_path / "r.xlsx")
    review = next(ws for ws in book.worksheets if ws.title.startswith("行政复议"))
    assert review["A2"].value.startswith("计算方法：") and "appeals.review.corrected" in review["A2"].value
    rows = [[c.value for c in r] for r in review.iter_rows(min_row=4)]
    no_reviews = region.organ(NO_REVIEWS[0]).printed
    [row] = [r for r in rows if r[1] == no_reviews]
    assert row[0] == "不参与排名" and row[2] == "分母为0，无从计算" and row[3:5] == [0, 0]
    received = next(ws for ws in book.worksheets if ws.title.startswith("本年新收"))
    ranks = [r[0].value for r in received.iter_rows(min_row=4)]
    assert any(isinstance(v, str) and v.endswith("（并列）") for v in ranks)


def test_rankings_open_errors_per_report_and_blank_inputs(region, region_db):
    got = {i["id"]: i for i in json.loads(invoke("rankings", "--year", 2024, "--db", region_db, "--json").stdout)["indicators"]}
    store = Store(region_db)
    errors = dict(store.conn.execute("SELECT r.organ, COUNT(f.rule) FROM reports r LEFT JOIN findings f ON f.report_id = r.id "
                                     "AND f.severity = 'error' AND f.status = 'open' WHERE r.year = 2024 AND r.status = 'ok' GROUP BY r.organ"))
    store.close()
    # the misprinted report has two arithmetic errors; the two late ones one region.late each
    assert errors[region.organ(MISPRINTED[0]).printed] == 2
    assert {o for o, n in errors.items() if n == 1} == {region.organ(n).printed for n, _ in LATE}
    entries = got["open_errors"]["entries"]
    assert entries[0]["organ"] == region.organ(MISPRINTED[0]).printed and entries[0]["value"] == 2
    assert got["open_errors"]["formula"].startswith("待核")


# --- rectification: letters and the status of a finding -----------------------------------------------
def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    return "\n".join([p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells])


def error_findings(db: Path) -> dict[tuple[str, str], dict]:
    rows = [json.loads(x) for x in invoke("review", "--db", db, "--status", "all", "--severity", "error", "--json").stdout.splitlines()]
    return {(r["organ"], r["rule"]): r for r in rows if r["year"] == 2024}


def test_letters_status_workflow_and_fixed_on_republication(region, region_db, tmp_path):
    import shutil

    db = tmp_path / "letters.db"
    shutil.copy(region_db, db)
    folder = region_db.parent / "in"
    misprinted, late = region.report(*MISPRINTED), region.organ(f"{CITY}教育局")
    found = error_findings(db)
    row_total = found[(misprinted.organ.printed, "applications.row_total")]
    late_one = found[(late.printed, "region.late")]
    other_late = found[(region.organ(f"{CITY}东城区").printed, "region.late")]
    assert invoke("review", "--db", db, "confirm", row_total["fingerprint"], "--note", "已电话核实").exit_code == 0
    assert invoke("review", "--db", db, "confirm", late_one["fingerprint"]).exit_code == 0

    out = tmp_path / "letters"
    result = invoke("letters", "--year", 2024, "--out", out, "--db", db, "--sender", "示例市人民政府办公室")
    assert result.exit_code == 0, result.output
    letters = sorted(p.name for p in out.iterdir())
    assert letters == sorted([f"{misprinted.organ.name}_2024年度报告整改通知.docx", f"{late.name}_2024年度报告整改通知.docx"])
    text = docx_text(out / f"{misprinted.organ.name}_2024年度报告整改通知.docx")
    total = misprinted.true_new_natural + 1
    parts = [misprinted.cells[F.application_id("new", c)] for c in F.APPLICANT_COLUMNS]
    assert f"关于{misprinted.organ.name}2024年度政府信息公开工作年度报告存在问题的整改通知" in text
    assert f"【{total}】" in text  # the quoted passage, the printed total marked
    assert f"各项之和为{sum(parts)}，表中印为{total}" in text
    assert "一、本年新收政府信息公开申请数量·总计\n" + str(total) in text  # the table cell as printed
    assert "国办公开办函〔2021〕30号" in text and "applications.row_total" in text and "示例市人民政府办公室" in text
    late_text = docx_text(out / f"{late.name}_2024年度报告整改通知.docx")
    assert "第四十九条" in late_text and "【2025年2月15日】" in late_text and "逾期15天" in late_text
    for name in letters:
        assert "None" not in docx_text(out / name)

    statuses = {r["fingerprint"]: r["status"] for r in error_findings(db).values()}
    assert statuses[row_total["fingerprint"]] == statuses[late_one["fingerprint"]] == "sent"
    assert statuses[other_late["fingerprint"]] == "open"  # never confirmed: no letter
    refused = invoke("review", "--db", db, "reopen", row_total["fingerprint"])
    assert refused.exit_code == 1 and "sent" in refused.stderr
    assert invoke("review", "--db", db, "dispute", late_one["fingerprint"], "--note", "单位称已按时报送").exit_code == 0
    assert invoke("review", "--db", db, "dispute", other_late["fingerprint"]).exit_code == 1  # open cannot be disputed

    invoke("extract", folder, "--db", db, "-q")  # the same files again: verdicts stay
    statuses = {r["fingerprint"]: r["status"] for r in error_findings(db).values()}
    assert (statuses[row_total["fingerprint"]], statuses[late_one["fingerprint"]]) == ("sent", "disputed")

    republished = tmp_path / "republished"
    republished.mkdir()
    misprinted_fixed = region.report(*MISPRINTED)
    cells = {**misprinted_fixed.cells, "applications.new.total": misprinted_fixed.true_new_natural}
    from region_gen import report_text

    # a re-publication without its applications table cannot fire that table's rules: still sent, not fixed
    text = report_text(misprinted.organ.printed, 2024, cells, "2025-01-24")
    start, end = text.index("(本列数据的勾稽关系"), text.index("四、政府信息公开行政复议")
    (tmp_path / "partial").mkdir()
    (tmp_path / "partial" / "不全.txt").write_text(text[:start] + text[end:], encoding="utf-8")
    invoke("extract", tmp_path / "partial", "--db", db, "-q")
    assert {r["fingerprint"]: r["status"] for r in error_findings(db).values()}.get(row_total["fingerprint"], "sent") == "sent"
    store = Store(db)
    assert store.conn.execute("SELECT status FROM verdicts WHERE fingerprint = ?", [row_total["fingerprint"]]).fetchone()[0] == "sent"
    store.close()
    (republished / "重新发布.txt").write_text(report_text(misprinted.organ.printed, 2024, cells, "2025-01-25"), encoding="utf-8")
    result = invoke("extract", republished, "--db", db, "-q")
    assert result.exit_code == 0
    store = Store(db)
    [(status, note)] = store.conn.execute("SELECT status, note FROM verdicts WHERE fingerprint = ?", [row_total["fingerprint"]]).fetchall()
    log = [r["status"] for r in store.db.query("SELECT status FROM status_log WHERE fingerprint = ? ORDER BY rowid", [row_total["fingerprint"]])]
    store.close()
    assert status == "fixed" and "重新发布.txt" in note
    assert log == ["confirmed", "sent", "fixed"]

    board = invoke("overview", "--db", db, "--html", tmp_path / "ov" / "index.html")
    assert board.exit_code == 0
    head = board.stdout.splitlines()[0]
    assert "sent:0" in head and "fixed:1" in head and "disputed:1" in head and "confirmed:0" in head
    line = next(x for x in board.stdout.splitlines() if x.startswith(misprinted.organ.printed))
    assert line.split()[-2] == "1"  # fixed, on the organ's row
    assert "整改进度" in (tmp_path / "ov" / "index.html").read_text(encoding="utf-8")


def test_draft_letters_leave_findings_confirmed(region, region_db, tmp_path):
    import shutil

    db = tmp_path / "draft.db"
    shutil.copy(region_db, db)
    fp = error_findings(db)[(region.organ(f"{CITY}东城区").printed, "region.late")]["fingerprint"]
    invoke("review", "--db", db, "confirm", fp)
    assert invoke("letters", "--year", 2024, "--out", tmp_path / "d", "--db", db, "--draft").exit_code == 0
    assert len(list((tmp_path / "d").iterdir())) == 1
    assert error_findings(db)[(region.organ(f"{CITY}东城区").printed, "region.late")]["status"] == "confirmed"
    assert invoke("letters", "--year", 2023, "--out", tmp_path / "none", "--db", db).exit_code == 0
    assert not list((tmp_path / "none").iterdir())


# --- matching reports to the roster ----------------------------------------------------------------------
def test_matching_by_place_alias_and_ambiguity():
    from nianbao.region.match import Matcher
    from nianbao.region.roster import Organ

    roster = [Organ("随县", None, "county"), Organ("随县安居镇", "随县", "township"), Organ("某县", None, "county"),
              Organ("某县安居镇", "某县", "township"), Organ("安流镇", None, "township", ("安流乡",))]
    m = Matcher(roster, {})
    assert m.match({"organ": "随县安居镇人民政府"}).organ == "随县安居镇"  # exact, 人民政府 ignored
    both = m.match({"organ": "安居镇人民政府"})
    assert (both.organ, both.how, both.candidates) == (None, "ambiguous", ("某县安居镇", "随县安居镇"))
    assert m.match({"organ": "安居镇人民政府", "region": "随县"}).organ == "随县安居镇"  # the printed place decides
    assert (m.match({"organ": "五华县安流镇人民政府"}).organ, m.match({"organ": "五华县安流镇人民政府"}).how) == ("安流镇", "place")
    assert m.match({"organ": "安流乡"}).how == "alias"
    assert m.match({"organ": "别的镇"}).how == "none"
    assert Matcher(roster, {"别的镇": "随县安居镇"}).match({"organ": "别的镇"}).organ == "随县安居镇"  # a person's alias
    assert m.match({"organ": None, "source": "x/随县安居镇2024.pdf"}).organ == "随县安居镇"  # longest name in the file name wins
