"""Glued digits: a row's numbers printed with no separator, cut only where the table allows one reading."""

from __future__ import annotations

import csv
import json

from conftest import ROOT, cell_diff, expected_cells, run, serious

from nianbao import fields as F
from nianbao.extract import digits
from nianbao.extract.identities import table_identities
from nianbao.extract.numbers import tokens
from nianbao.report import BUILTIN, SPLIT

GLUED = ROOT / "golden" / "glued"
APPLICANTS = [F.application_id("new", c) for c in F.APPLICATION_COLUMNS]


def glued_golden() -> dict:
    return json.loads((GLUED / "glued_2021.json").read_text(encoding="utf-8"))


def glued_text() -> str:
    return (GLUED / "glued_2021.txt").read_text(encoding="utf-8")


def row(text: str, fields: list[str] = APPLICANTS) -> digits.GluedRow | None:
    return digits.glued_row(text, 0, len(text), tokens(text), "new", "一、本年新收", fields)


def readings(text: str, fields: list[str] = APPLICANTS) -> list[tuple]:
    glued = row(text, fields)
    assert glued is not None and glued.readings is not None
    return [r.values for r in glued.readings]


def resolved(*texts: str, known: dict | None = None, table: str = "applications") -> dict[str, digits.Outcome]:
    rows = []
    for i, text in enumerate(texts):
        name = F.application_rows(F.TEMPLATE_2021)[i][0]
        fields = [F.application_id(name, c) for c in F.APPLICATION_COLUMNS]
        rows.append(digits.glued_row(text, 0, len(text), tokens(text), name, name, fields))
    return digits.resolve(rows, table_identities(table, F.TEMPLATE_2021), known or {})


# --- the golden page -----------------------------------------------------------------------------
def test_glued_page_reads_exactly_and_says_what_it_could_not_read():
    g = glued_golden()
    report = run(glued_text(), "glued_2021.txt")
    assert not cell_diff(expected_cells(g), {f: c.value for f, c in report.cells.items()})
    assert serious(report) == {(f["rule"], f["severity"], tuple(f["fields"])) for f in g["findings"]}
    assert (report.organ, report.year, report.published, report.template) == (g["organ"], g["year"], g["published"], g["template"])


def test_every_cut_cell_points_at_its_own_digits_and_says_it_was_cut():
    report = run(glued_text())
    cut = {f: c for f, c in report.cells.items() if c.extractor == SPLIT}
    assert len(cut) > 150
    for fid, cell in cut.items():
        assert report.text[cell.start : cell.end] == cell.raw == str(cell.value), fid
    # the single number printed alone is the built-in reader's, not a cut
    assert report.cells["active.licensing"].extractor == BUILTIN
    new = [report.cells[f] for f in APPLICANTS]
    assert [report.text[c.start : c.end] for c in new] == ["214", "16", "2", "10", "0", "0", "242"]
    assert new[0].start + len("21416210") == new[4].start  # sub-spans of the one run, in order


def test_cells_left_null_keep_the_printed_digits_and_are_not_called_blank():
    report = run(glued_text())
    cell = report.cells["active.normative_docs.issued"]
    assert (cell.value, cell.status, cell.raw) == (None, "ambiguous", "6233440")
    assert report.text[cell.start : cell.end] == "6233440"
    assert not [f for f in report.findings if f.rule == "completeness.cell_blank"]
    assert set(report.unsure_tables) == {"active", "applications"}


def test_the_reviewer_is_told_the_candidates():
    report = run(glued_text())
    by_row = {f.fields[0]: f for f in report.findings if f.rule == digits.GLUED_RULE}
    petition = by_row["applications.not_processed.petition.natural_person"]
    assert petition.expected == [[1, 10, 0, 0, 0, 0, 11], [11, 0, 0, 0, 0, 0, 11]]
    assert "1｜10｜0｜0｜0｜0｜11" in petition.message and "无法确定" in petition.message
    unclear = by_row["applications.unavailable.unclear.natural_person"]
    assert "没有一种拆法符合本行合计" in unclear.message and "12｜3｜0｜0｜0｜0｜16" in unclear.message
    assert report.text[unclear.start : unclear.end] == "123000016"


# --- cutting one row -------------------------------------------------------------------------------
def test_no_leading_zeros_except_a_lone_zero():
    three = [F.active_id("regulations", c) for c in ("issued", "repealed", "in_force")]
    assert readings("1005", three) == [(10, 0, 5)]  # 1|00|5 and 1|0|05 are not printed numbers
    assert readings("105", three) == [(1, 0, 5)]
    assert readings("1000005") == [(1, 0, 0, 0, 0, 0, 5)]
    assert all(not (len(str(v)) > 1 and str(v).startswith("0")) for r in readings("2100300") for v in r)


def test_the_issue_example_has_one_reading_by_its_row_total():
    assert resolved("21710000218")["new"].reading.values == (217, 1, 0, 0, 0, 0, 218)


def test_separate_tokens_keep_their_place_and_only_runs_are_cut():
    text = "217 1000 0 218"
    glued = row(text)
    assert (217, 1, 0, 0, 0, 0, 218) in [r.values for r in glued.readings]
    printed = [(t.start, t.end) for t in glued.runs]
    for reading in glued.readings:  # no cut crosses the space between two printed tokens
        assert all(any(s <= t.start and t.end <= e for s, e in printed) for t in reading.tokens)
        assert [t.kind for t in reading.tokens].count("number") == 7
    assert row("1 0 0 0 0 0 1") is None


def test_a_decimal_or_a_number_with_a_unit_is_never_cut():
    assert row("12.5 3") is None
    assert row("1,234 5") is None
    assert row("1520件 3") is None


def test_the_next_rows_numbering_glued_to_a_run_is_not_a_value():
    text = "国家秘密00000002.其他法律"
    glued = digits.glued_row(text, 0, len(text), tokens(text), "x", "x", APPLICANTS)
    assert glued is not None and [r.values for r in glued.readings] == [(0,) * 7]
    assert glued.runs[0].raw == "0000000" and text[glued.runs[0].start : glued.runs[0].end] == "0000000"


def test_a_row_with_as_many_tokens_as_cells_is_not_glued():
    assert row("1 0 0 0 0 0 1") is None
    assert row("1 0 0") is None or row("1 0 0").readings == []  # too few digits to fill seven cells


def test_a_long_run_is_refused_without_searching():
    glued = row("1" * 25)
    assert glued is not None and glued.readings is None
    outcome = digits.resolve([glued], table_identities("applications", F.TEMPLATE_2021), {})["new"]
    finding = digits.finding(glued, outcome)
    assert outcome.reading is None and finding.severity == "error" and "未拆分" in finding.message
    huge = row("7" * 500)
    assert huge is not None and huge.readings is None


# --- choosing among readings -----------------------------------------------------------------------
def test_a_printed_error_is_reported_not_hidden_by_a_reading_that_adds_up():
    outcome = resolved("123000016")["new"]
    assert outcome.reading is None and outcome.problem == "none" and len(outcome.candidates) == 7


def test_one_reading_by_the_digits_is_kept_even_when_it_does_not_add_up():
    outcome = resolved("5200008")["new"]
    assert outcome.reading.values == (5, 2, 0, 0, 0, 0, 8) and outcome.how == "digits"


def test_several_readings_that_add_up_stay_null():
    outcome = resolved("110000011")["new"]
    assert outcome.reading is None and outcome.problem == "ambiguous" and len(outcome.candidates) == 2


def test_the_balance_with_known_rows_decides_a_row_its_own_total_cannot():
    known = {F.application_id("carried_over", c): v for c, v in zip(F.APPLICATION_COLUMNS, (3, 0, 0, 0, 0, 0, 3))}
    known |= {F.application_id("total", c): v for c, v in zip(F.APPLICATION_COLUMNS, (212, 16, 2, 10, 0, 0, 240))}
    known |= {F.application_id("carried_forward", c): v for c, v in zip(F.APPLICATION_COLUMNS, (5, 0, 0, 0, 0, 0, 5))}
    assert resolved("2141621000242")["new"].problem == "ambiguous"
    outcome = resolved("2141621000242", known=known)["new"]
    assert outcome.reading.values == (214, 16, 2, 10, 0, 0, 242) and outcome.how == "table"


def test_a_blank_in_a_column_sum_decides_nothing():
    known = {F.application_id("carried_over", c): None for c in F.APPLICATION_COLUMNS}
    known |= {F.application_id("total", c): v for c, v in zip(F.APPLICATION_COLUMNS, (212, 16, 2, 10, 0, 0, 240))}
    known |= {F.application_id("carried_forward", c): v for c, v in zip(F.APPLICATION_COLUMNS, (5, 0, 0, 0, 0, 0, 5))}
    assert resolved("2141621000242", known=known)["new"].reading is None


def test_appeals_groups_decide_the_data_row():
    text = "10201130000000000"
    glued = digits.glued_row(text, 0, len(text), tokens(text), "appeals", "x", list(F.APPEAL_FIELDS))
    outcome = digits.resolve([glued], table_identities("appeals", None), {})["appeals"]
    assert outcome.reading.values == (10, 2, 0, 1, 13) + (0,) * 10


# --- what a person sees --------------------------------------------------------------------------
def test_cut_values_are_marked_as_inferred_on_the_page_and_in_exports(tmp_path):
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from nianbao import cli
    from nianbao.review.data import find_report_id, load_report
    from nianbao.review.page import render_report
    from nianbao.store import Store

    db = tmp_path / "t.db"
    source = tmp_path / "glued_2021.txt"
    source.write_text(glued_text(), encoding="utf-8")
    invoke = lambda *a: CliRunner().invoke(cli.app, [str(x) for x in a], catch_exceptions=False)  # noqa: E731
    assert invoke("extract", source, "--db", db, "-q").exit_code == 0
    store = Store(db)
    html = render_report(load_report(store, find_report_id(store, "glued_2021.txt")))
    store.close()
    assert 'class="v split" id="cell-applications.new.total"' in html
    assert "连写数字拆分（推断）" in html
    assert 'class="v" id="cell-active.licensing"' in html  # read plainly: no mark
    assert 'class="v blank flagged" id="cell-active.normative_docs.issued"' in html and ">6233440<" in html

    assert invoke("export", "--db", db, "--xlsx", tmp_path / "r.xlsx", "--csv", tmp_path / "csv", "--json", tmp_path / "r.json").exit_code == 0
    sheet = load_workbook(tmp_path / "r.xlsx")["单元格"]
    ids = [c.value for c in sheet[2]]
    [data] = list(sheet.iter_rows(min_row=3))
    new_total = data[ids.index("applications.new.total")]
    assert new_total.value == 242 and new_total.comment.text == "连写数字拆分（推断）" and new_total.fill.fgColor.rgb.endswith("B2DFDB")
    assert data[ids.index("active.licensing")].comment is None
    with (tmp_path / "csv" / "provenance.csv").open(encoding="utf-8-sig") as fh:
        rows = {r["field"]: r for r in csv.DictReader(fh)}
    assert rows["applications.new.total"]["kind"] == "split" and rows["applications.new.total"]["value"] == "242"
    assert "active.licensing" not in rows and "active.normative_docs.issued" not in rows
    [exported] = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert exported["provenance"]["appeals.review.total"] == "split" and "active.fees" not in exported["provenance"]


def test_a_table_of_long_glued_rows_is_bounded_as_a_whole():
    import re

    text = re.sub(r"(?m)(数量|公开|秘密|开|稳定”|权益|信息|案卷|事项|制作|明确|申请|出版物|费用|其他|总计|继续办理)(\d{7,})(?=\d\.|$)",
                  lambda m: m.group(1) + "1234567891234567", glued_text())
    report = run(text)
    refused = [f for f in report.findings if f.rule == digits.GLUED_RULE and "超出拆分上限" in f.message]
    assert refused and all("5005种" in f.message for f in refused)  # 16 digits into 7 cells: C(15, 6) readings each
    assert all(report.cells[f].value is None for f in refused[0].fields)


# --- numbers the printer did separate ------------------------------------------------------------
def _seed_with_regulations_row(row_text: str) -> str:
    seed = (ROOT / "golden" / "seeds" / "000_8504b1b078ec4e4d.txt").read_text(encoding="utf-8")
    printed = "\t规章\n\t0\n\t0\n\t0\n"
    assert printed in seed
    return seed.replace(printed, row_text, 1)


def test_numbers_separated_by_spaces_are_not_cut_a_missing_cell_may_be_a_blank():
    # `规章 12 3` may be 12 | (blank) | 3: cutting 12 into 1 | 2 would store two wrong numbers.
    regulations = [F.active_id("regulations", c) for c in ("issued", "repealed", "in_force")]
    for printed in ("规章 12 3\n", "规章 12  3\n"):
        report = run(_seed_with_regulations_row(printed))
        assert [report.cells[f].value for f in regulations] == [None, None, None]
        assert not any(report.cells[f].extractor == SPLIT for f in regulations)
        assert any(f.rule == "table.row_alignment" and f.severity == "error" and set(f.fields) == set(regulations)
                   for f in report.findings)


def test_a_run_with_a_leading_zero_is_never_read_whole():
    """`00` is two zeros glued, never one number 0: readings are exactly the ones `_count` counts (a run read
    whole despite its leading zero once made bogus candidates and left a row with one true reading ambiguous)."""
    found = tokens("00 1210002 15")
    glued = digits.glued_row("00 1210002 15", 0, 13, found, "new", "new", APPLICANTS)
    assert glued is not None and len(glued.readings) == glued.count == 8
    assert all(t.raw == "0" or t.raw[0] != "0" for r in glued.readings for t in r.tokens)
    row = "00 0 123456 0 0 0"  # seven columns: the digits allow one reading only, whatever the total says
    glued = digits.glued_row(row, 0, len(row), tokens(row), "new", "new", APPLICANTS)
    assert [r.values for r in glued.readings] == [(0, 0, 0, 123456, 0, 0, 0)]
