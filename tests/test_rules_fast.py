"""The rules' quick paths against the cell-by-cell reading they replace, on random reports.

The rules read each report once (rules/reading.py) and test sums and plausibility in bulk; the
references here are the plain definitions: a cell looked up by its field id, each sum written
out from fields.py as the rules were before they read reports once, each value judged by `plausible`. Random reports: consistent tables (so sums
hold) with cells then blanked, dropped, changed, made floats, negatives, bools or huge, in
either template or none, cells in another order, facts of any value.
"""

from __future__ import annotations

import math
import random
import sys
from concurrent.futures import ThreadPoolExecutor

from nianbao import fields as F
from nianbao.extract.implausible import all_plausible, plausible, refuse_implausible, refuse_one_by_one
from nianbao.report import Cell, Fact, Finding, Report
from nianbao.rules import arithmetic, completeness, plausibility, prose, run_rules
from nianbao.rules.common import fact_finding, fmt, same, span_of
from nianbao.rules.reading import read, reading

ODD = [None, 0, -1, -3, 2.5, 3.0, float("nan"), float("inf"), True, 10**10, 10**30, -(10**12), 7.25]
ORGANS = [None, "五华县安流镇人民政府", "某市财政局", "某县人民政府", "某省", "白石山镇"]


def _consistent(rng: random.Random, template: str) -> dict[str, int]:
    """Values of a template's tables whose rows, columns, balances and groups all add up."""
    values: dict[str, int] = {}
    rows = F.result_rows(template)
    for row in rows:
        parts = [rng.choice([0, 0, 1, 2, 7, 30]) for _ in F.APPLICANT_COLUMNS]
        for col, v in zip(F.APPLICANT_COLUMNS, parts):
            values[F.application_id(row, col)] = v
        values[F.application_id(row, "total")] = sum(parts)
    for col in F.APPLICATION_COLUMNS:
        total = sum(values[F.application_id(row, col)] for row in rows)
        forward = rng.choice([0, 1, 3]) if col != "total" else 0
        carried = rng.choice([0, 2]) if col != "total" else 0
        values[F.application_id("total", col)] = total
        values[F.application_id("carried_forward", col)] = forward
        values[F.application_id("carried_over", col)] = carried
        values[F.application_id("new", col)] = total + forward - carried
    for col in ("carried_forward", "carried_over", "new"):  # their totals too, so rows add up
        values[F.application_id(col, "total")] = sum(values[F.application_id(col, c)] for c in F.APPLICANT_COLUMNS)
    for group in F.APPEAL_GROUPS:
        parts = [rng.choice([0, 1, 4]) for _ in F.APPEAL_COLUMNS[:-1]]
        for col, v in zip(F.APPEAL_COLUMNS, parts):
            values[F.appeal_id(group, col)] = v
        values[F.appeal_id(group, "total")] = sum(parts)
    return values


def _cells(rng: random.Random, template: str) -> dict[str, Cell]:
    values = _consistent(rng, template)
    return {fid: Cell(fid, values.get(fid, rng.choice([0, 1, 5])), 10 * i, 10 * i + 1, raw=str(i))
            for i, fid in enumerate(F.fields_for(template))}


def random_report(rng: random.Random) -> Report:
    template = rng.choice([F.TEMPLATE_2021, F.TEMPLATE_2019, None])
    fields = F.fields_for(template or F.TEMPLATE_2021)
    cells = _cells(rng, template or F.TEMPLATE_2021)
    for _ in range(rng.choice([0, 0, 1, 3, 20])):  # the damage
        fid = rng.choice(fields)
        what = rng.random()
        if what < 0.2:
            cells.pop(fid, None)
        elif fid in cells:
            cell = cells[fid]
            if what < 0.5:
                cell.value, cell.status = None, rng.choice(["blank", "unreadable", "ambiguous"])
            elif what < 0.8:
                cell.value = rng.choice(ODD)
            else:
                cell.value = (cell.value or 0) + rng.choice([1, -1, 0.5])
            if rng.random() < 0.1:
                cell.alt_value, cell.alt_extractor = rng.choice(ODD[1:]), "llm:x"
    if rng.random() < 0.1:  # a field of the other template, or none at all
        cells["active2019.change.x" if rng.random() < 0.5 else "x.y"] = Cell("x", rng.choice(ODD))
    if rng.random() < 0.3:  # another order than the template's
        items = list(cells.items())
        rng.shuffle(items)
        cells = dict(items)
    names = ["applications.received", "proactive.total", "active.licensing", "appeals.none", "proactive.part:a"]
    facts = [Fact(rng.choice(names), rng.choice([1, 2, 3.5, 10**11, float("nan")]), i, i + 2, "q") for i in range(rng.randint(0, 5))]
    tables = {t: (0, 1) for t in ("active", "applications", "appeals") if rng.random() < 0.9}
    return Report(source="r", sha256="0", template=template, organ=rng.choice(ORGANS), cells=cells,
                  tables_found=tables, facts=facts)


def test_a_reading_holds_what_the_cells_say():
    rng = random.Random(16)
    for _ in range(600):
        report = random_report(rng)
        got = read(report)
        template = F.TEMPLATE_2019 if report.template == F.TEMPLATE_2019 else F.TEMPLATE_2021
        assert got.template == template
        assert got.values == [report.value(f) for f in F.fields_for(template)]
        assert got.unusual == [(fid, c) for fid, c in report.cells.items() if c.status != "ok"]
        for name in {f.name for f in report.facts} | {"nothing"}:
            assert got.facts.get(name, []) == report.facts_named(name)
        counts = all(c.value is None or (isinstance(c.value, int) and c.value >= 0 and c.value < 2**64) for c in report.cells.values())
        assert got.odd_values is not counts


# --- the arithmetic rules as they were written cell by cell, from fields.py (the reference) ---
def _values(report: Report, fields: list[str]) -> list | None:
    got = [report.value(f) for f in fields]
    return None if None in got else got


def _sum_finding(report: Report, parts: list[str], total: str, what: str) -> Finding | None:
    got = _values(report, parts + [total])
    if got is None:
        return None
    expected, actual = sum(got[:-1]), got[-1]
    if same(expected, actual):
        return None
    start, end = span_of(report, [total])
    return Finding("", "", parts + [total], f"{what}：各项之和为{fmt(expected)}，表中印为{fmt(actual)}",
                   expected=expected, actual=actual, start=start, end=end)


def _balance_finding(report: Report, col: str) -> Finding | None:
    ids = [F.application_id(row, col) for row in ("new", "carried_over", "total", "carried_forward")]
    got = _values(report, ids)
    if got is None:
        return None
    new, carried_over, total, carried_forward = got
    if same(new + carried_over, total + carried_forward):
        return None
    start, end = span_of(report, [ids[2], ids[0]])
    message = (f"「{F.APPLICATION_COLUMN_LABELS[col]}」一列：新收{fmt(new)}＋上年结转{fmt(carried_over)}"
               f"＝{fmt(new + carried_over)}，而办理结果总计{fmt(total)}＋结转下年度{fmt(carried_forward)}"
               f"＝{fmt(total + carried_forward)}")
    return Finding("", "", ids, message, expected=new + carried_over, actual=total + carried_forward, start=start, end=end)


def _sums_one_by_one(report: Report, which: str) -> list:
    out = []
    if which == "row_total" and "applications" in report.tables_found:
        for row, label in F.application_rows(report.template):
            parts = [F.application_id(row, c) for c in F.APPLICANT_COLUMNS]
            out.append(_sum_finding(report, parts, F.application_id(row, "total"), f"「{label}」一行"))
    if which == "column_total" and "applications" in report.tables_found:
        for col in F.APPLICATION_COLUMNS:
            parts = [F.application_id(row, col) for row in F.result_rows(report.template)]
            what = f"「{F.APPLICATION_COLUMN_LABELS[col]}」一列的办理结果"
            out.append(_sum_finding(report, parts, F.application_id("total", col), what))
    if which == "balance" and "applications" in report.tables_found:
        out = [_balance_finding(report, col) for col in F.APPLICATION_COLUMNS]
    if which == "group_total" and "appeals" in report.tables_found:
        for group in F.APPEAL_GROUPS:
            parts = [F.appeal_id(group, c) for c in F.APPEAL_COLUMNS[:-1]]
            out.append(_sum_finding(report, parts, F.appeal_id(group, "total"), f"「{F.APPEAL_GROUP_LABELS[group]}」"))
    return [f for f in out if f]


def _not_integer_one_by_one(report: Report) -> list:
    return [fid for fid, cell in report.cells.items() if cell.value is not None and fid not in F.DECIMAL_FIELDS
            and ((cell.value < 0 and fid not in F.SIGNED_FIELDS) or not float(cell.value).is_integer())]


def _blank_one_by_one(report: Report, status: str) -> list:
    return [fid for fid, c in report.cells.items() if c.status == status and F.table_of(fid) in report.tables_found]


def test_the_quick_rules_find_what_the_cell_by_cell_rules_find():
    rng = random.Random(12)
    fired = holding = 0
    for _ in range(600):
        report = random_report(rng)
        for which in ("row_total", "column_total", "balance", "group_total"):
            quick = list(getattr(arithmetic, which)(report))
            assert repr(quick) == repr(_sums_one_by_one(report, which))  # repr: NaN != NaN
            fired += bool(quick)
        holding += not any(arithmetic.row_total(report))
        refused = refuse_one_by_one(report)  # count_not_integer meets no huge value in the pipeline (float() of one overflows)
        assert [f.fields[0] for f in plausibility.count_not_integer(refused)] == _not_integer_one_by_one(refused)
        for status, check in (("blank", completeness.cell_blank), ("unreadable", completeness.cell_unreadable)):
            assert [fid for f in check(refused) for fid in f.fields] == _blank_one_by_one(refused, status)
    assert fired > 300 and holding > 200  # both ways, often


def test_run_rules_reads_each_report_afresh():
    report = Report(source="r", sha256="0", template=F.TEMPLATE_2021, cells=_cells(random.Random(3), F.TEMPLATE_2021),
                    tables_found={"applications": (0, 1)})
    first = run_rules(report)
    reading_after = reading(report)
    assert reading_after is not reading(report)  # nothing is kept once run_rules is done
    fid = F.application_id("granted", "natural_person")
    report.cells[fid] = Cell(fid, 10**6, 0, 1)  # breaks its row and its column
    again = run_rules(report)
    assert not [f for f in first if f.rule.startswith("applications.")]
    assert [f.fields[-1] for f in again if f.rule in ("applications.row_total", "applications.column_total")] == [
        F.application_id("granted", "total"), F.application_id("total", "natural_person")]


def test_all_plausible_only_says_yes_when_each_value_is():
    rng = random.Random(7)
    said_yes = 0
    for _ in range(20000):
        values = [rng.choice(ODD + [1, 2, 9999999999, -9999999999, 0.1]) for _ in range(rng.randint(0, 6))]
        if all_plausible(values):
            said_yes += 1
            assert all(plausible(v) for v in values), values
    assert said_yes > 2000
    assert all_plausible([None, 0, 5, 2.5]) and not all_plausible([1, float("nan")]) and not all_plausible([10**10])
    assert not all_plausible([1.5, 10**400])  # a sum that overflows: looked at one by one
    assert math.isnan(float("nan")) and not plausible(float("nan"))


def test_refusing_in_bulk_is_refusing_one_by_one():
    refused = 0
    for i in range(600):
        quick, slow = random_report(random.Random(i)), random_report(random.Random(i))  # the same report twice
        refuse_implausible(quick)
        refuse_one_by_one(slow)
        assert repr(quick) == repr(slow)  # repr: NaN != NaN, but prints the same
        refused += bool(slow.findings)
    assert 100 < refused < 500  # both kinds of report, often


def test_reports_checked_in_threads_get_the_findings_they_get_alone():
    """run_rules keeps one reading at a time (rules/reading.py): threads checking reports at once
    (batch_llm) each still get their own report's findings."""
    reports = [random_report(random.Random(i)) for i in range(40)]
    alone = [repr(run_rules(r)) for r in reports]
    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns as often as they can
    try:
        with ThreadPoolExecutor(4) as pool:
            together = list(pool.map(lambda r: repr(run_rules(r)), reports * 5))
    finally:
        sys.setswitchinterval(switching)
    assert together == alone * 5


def test_errors_that_cancel_out_are_still_found():
    """A count moved from one column to another within a row leaves the row and the table's grand
    sums as they were: the quick paths must still tell each column apart, as the cell-by-cell rules do."""
    rng = random.Random(5)
    tried = 0
    for _ in range(300):
        template = rng.choice([F.TEMPLATE_2021, F.TEMPLATE_2019])
        report = Report(source="r", sha256="0", template=template, cells=_cells(rng, template),
                        tables_found={"applications": (0, 1), "appeals": (0, 1)})
        row = rng.choice(["new", "carried_over", "carried_forward", *F.result_rows(template)])
        a, b = (report.cells[F.application_id(row, c)] for c in rng.sample(F.APPLICANT_COLUMNS, 2))
        if not b.value:
            continue
        moved = rng.randint(1, b.value)  # counts stay non-negative ints: the quick paths are taken
        a.value, b.value = a.value + moved, b.value - moved
        found = 0
        for which in ("row_total", "column_total", "balance"):
            quick = list(getattr(arithmetic, which)(report))
            assert repr(quick) == repr(_sums_one_by_one(report, which))
            found += len(quick)
        assert found >= 2  # both columns, by their results' sum or by their balance
        tried += 1
    assert tried > 100


# --- the proactive rules as they were: the facts scanned by each rule, the counts gathered by label ---
def _parts_sum_before(report: Report) -> list[Finding]:
    totals = report.facts_named("proactive.total")
    parts = [f for f in report.facts if f.name.startswith(prose.PART)]
    if not totals or len(parts) < 2:
        return []
    total, stated = totals[0], sum(p.value for p in parts)
    if same(total.value, stated):
        return []
    listing = "＋".join(fmt(p.value) for p in parts)
    return [fact_finding(total, [], f"正文称「{total.quote}」，其分项{listing}＝{fmt(stated)}", stated, total.value, "proactive.total#1")]


def _percentages_before(report: Report) -> list[Finding]:
    totals = report.facts_named("proactive.total")
    if not totals or not totals[0].value:
        return []
    total, counts, shares, out = totals[0].value, {}, [], []
    for fact in report.facts:
        if fact.name.startswith(prose.PART):
            counts[fact.name[len(prose.PART):]] = fact.value
        elif fact.name.startswith(prose.SHARE):
            shares.append(fact)
    for share in shares:
        label = share.name[len(prose.SHARE):]
        if label not in counts:
            continue
        decimals = len(share.quote.rstrip("%").partition(".")[2])
        expected = 100 * counts[label] / total
        if abs(expected - share.value) <= 10 ** -decimals + 1e-9:
            continue
        out.append(fact_finding(share, [], f"「{label}」{fmt(counts[label])}条占{fmt(total)}条应为{expected:.{decimals}f}%，正文印为{share.quote}",
                                round(expected, decimals), share.value, share.name))
    return out


def test_the_proactive_rules_find_what_they_found_scanning_the_facts_each():
    """parts_sum and percentages read the parts and shares once (prose._proactive) and a part's count
    from the reading's facts by name; the same findings as each rule scanning the facts itself, in
    the same order, with names repeated and interleaved (the last count of a part is the one judged)."""
    rng = random.Random(18)
    names = ["proactive.total", "proactive.part:甲", "proactive.part:乙", "proactive.share:甲", "proactive.share:乙",
             "proactive.share:丙", "proactive.partial", "applications.received"]
    fired = 0
    for _ in range(3000):
        facts = []
        for i in range(rng.randint(0, 9)):
            name = rng.choice(names)
            if name.startswith(prose.SHARE):
                value = rng.choice([10, 25.0, 33.33, 50, 12.5, 0.1])
                quote = f"{value}%"
            else:
                value = rng.choice([0, 1, 2, 3, 4, 8, 2.5, 10**12])
                quote = f"{value}条"
            facts.append(Fact(name, value, i, i + 2, quote))
        report = Report(source="r", sha256="0", facts=facts)
        for quick, before in ((prose.parts_sum, _parts_sum_before), (prose.percentages, _percentages_before)):
            got = list(quick(report))
            assert repr(got) == repr(before(report))
            fired += bool(got)
    assert fired > 500
