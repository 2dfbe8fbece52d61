"""Glued digits under a work budget: a hostile row stops after a counted number of steps, and says so.

The budget counts steps (readings built, readings and combinations tested), never time, so these
tests assert on the count and on the outcome: null cells pointing at the printed digits and an
error finding, as for a row with no single reading.
"""

from __future__ import annotations

from conftest import run
from test_digits import APPLICANTS, glued_text

from nianbao import fields as F
from nianbao.extract import digits, tables
from nianbao.extract.identities import table_identities
from nianbao.extract.numbers import tokens

# Section 四 printed twice with glued digits (found by bench/differential.py, notes/s16/h16fuzz.md):
# its one data row read as ~2 million readings, which took 40-50 s of CPU, because a run of zeros was
# also read whole (`0000000` as one 0, which no reading may do). Now it has its 6,321 counted readings
# and takes ~47,000 steps; the tests below lower the budget (SMALL) to run it out on this row.
HEADER = ("四、政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼\n"
          "结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉\n"
          "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计\n")
HOSTILE = (HEADER + "10201130000000000请0000000\n3.其他1000001\n（七）总计2121621000240\n"
           + HEADER + "10201130000000000\n")
PRINTED = "10201130000000000 0000000 1000001 2121621000240 10201130000000000"
SMALL = 5_000  # steps: fewer than building this row's 6,321 readings takes


def test_the_hostile_row_builds_only_its_counted_readings():
    found = tokens(HOSTILE, 0, len(HOSTILE))
    work = digits.Work()
    glued = digits.glued_row(HOSTILE, HOSTILE.index("1020"), len(HOSTILE), found, "appeals", "x", list(F.APPEAL_FIELDS), work=work)
    assert glued is not None and len(glued.readings) == glued.count == 6321
    assert digits.WORK_BUDGET - work.left < 60_000  # ~47,000: an eighth of the budget
    assert not any(len(t.raw) > 1 and t.raw[0] == "0" for r in glued.readings for t in r.tokens)  # no `00` read as one 0


def test_the_hostile_appeals_row_runs_out_of_steps_while_building_its_readings():
    found = tokens(HOSTILE, 0, len(HOSTILE))
    data_start = HOSTILE.index("1020")
    work = digits.Work(SMALL)
    glued = digits.glued_row(HOSTILE, data_start, len(HOSTILE), found, "appeals", "x", list(F.APPEAL_FIELDS), work=work)
    assert glued is not None and glued.readings is None and glued.out_of_work
    assert work.left < 0  # the whole budget was spent, and no more: it stopped at the first step over
    assert glued.count <= digits.MAX_READINGS  # the readings bound alone would have let it run
    outcome = digits.resolve([glued], table_identities("appeals", None), {}, work)["appeals"]
    assert outcome.reading is None and outcome.problem == "out_of_work" and outcome.candidates == []


def test_the_hostile_report_leaves_the_appeals_cells_null_and_tells_the_reviewer(monkeypatch):
    monkeypatch.setattr(digits, "WORK_BUDGET", SMALL)
    read = tables.read_appeals(HOSTILE, 0, len(HOSTILE))
    [finding] = read.findings
    assert (finding.rule, finding.severity, finding.fields) == (digits.GLUED_RULE, "error", list(F.APPEAL_FIELDS))
    assert f"连写为「{PRINTED}」" in finding.message and "计算上限" in finding.message and "已留空" in finding.message
    assert finding.expected == [] and finding.actual == PRINTED
    start, end = HOSTILE.index("1020"), len(HOSTILE) - 1  # from the first printed digit to the last
    assert (finding.start, finding.end) == (start, end)
    for fid in F.APPEAL_FIELDS:
        cell = read.cells[fid]
        assert (cell.value, cell.status, cell.raw, cell.start, cell.end) == (None, "ambiguous", PRINTED, start, end), fid
    assert read.unsure


def test_the_whole_pipeline_keeps_the_hostile_report_with_its_finding(monkeypatch):
    report = run(HOSTILE)  # the default budget: its readings are built and tested, none fits
    assert all(report.cells[fid].value is None for fid in F.APPEAL_FIELDS)
    assert any(f.rule == digits.GLUED_RULE and "没有一种拆法" in f.message for f in report.findings)
    monkeypatch.setattr(digits, "WORK_BUDGET", SMALL)
    report = run(HOSTILE)
    assert all(report.cells[fid].value is None for fid in F.APPEAL_FIELDS)
    assert any(f.rule == digits.GLUED_RULE and "计算上限" in f.message for f in report.findings)


def test_the_glued_golden_page_stays_far_within_the_budget():
    # Its rows are decided exactly as test_digits' golden test expects; they take ~3,000 steps a table.
    spent = []
    real = digits.Work

    class Counted(real):
        __slots__ = ()

        def __init__(self, steps: int | None = None) -> None:
            super().__init__(steps)
            spent.append(self)

    digits.Work = Counted
    try:
        report = run(glued_text())
    finally:
        digits.Work = real
    assert spent and max(digits.WORK_BUDGET - w.left for w in spent) < digits.WORK_BUDGET // 50
    assert not any("计算上限" in f.message for f in report.findings)


def test_a_row_decided_before_the_steps_run_out_keeps_its_reading_the_rest_are_null():
    ids = table_identities("applications", F.TEMPLATE_2021)
    decided = digits.glued_row("21710000218", 0, 11, tokens("21710000218"), "new", "new", APPLICANTS)
    other_fields = [F.application_id("carried_over", c) for c in F.APPLICATION_COLUMNS]
    other = digits.glued_row("110000011", 0, 9, tokens("110000011"), "carried_over", "carried_over", other_fields)
    assert decided is not None and other is not None
    needed = len(decided.readings) * (1 + len([i for i in ids if set(i.fields) <= set(APPLICANTS)]))
    out = digits.resolve([decided, other], ids, {}, digits.Work(needed))
    assert out["new"].reading.values == (217, 1, 0, 0, 0, 0, 218) and out["new"].how == "row"
    assert out["carried_over"].reading is None and out["carried_over"].problem == "out_of_work"
    # with the default budget the second row is ambiguous, as before: the budget only cut the work short
    assert digits.resolve([decided, other], ids, {})["carried_over"].problem == "ambiguous"


def test_a_table_shares_one_budget_a_row_built_after_it_ran_out_is_refused():
    work = digits.Work(3)
    first = digits.glued_row("2141621000242", 0, 13, tokens("2141621000242"), "new", "new", APPLICANTS, work=work)
    second = digits.glued_row("5200008", 0, 7, tokens("5200008"), "new", "new", APPLICANTS, work=work)
    assert first.out_of_work and second.out_of_work
    finding = digits.finding(second, digits.resolve([second], [], {}, work)["new"])
    assert finding.severity == "error" and "「5200008」" in finding.message and "计算上限" in finding.message
    assert digits.glued_row("5200008", 0, 7, tokens("5200008"), "new", "new", APPLICANTS).readings is not None
