"""The arithmetic the national format itself states (DOMAIN.md, "The arithmetic").

Each sum's field ids depend only on the template, so they are listed once here (`Sum`) with
their places in a `Reading`'s values (fields.fields_for order): a rule cuts a sum's parts out of
that list in one step, adds them and compares, instead of looking each cell up by its id.
tests/test_rules_fast.py holds these rules to the same arithmetic written cell by cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import compress
from operator import add, itemgetter, ne

from .. import fields as F
from ..report import Finding, Number, Report
from . import rule
from .common import EPSILON, fmt, span_of
from .reading import POSITIONS, reading

BASIS = "国办公开办函〔2021〕30号 年度报告格式"
TEMPLATES = (F.TEMPLATE_2021, F.TEMPLATE_2019)


def _slice(positions: list[int]) -> slice:
    """The slice of a Reading's values holding `positions`: a row or a column of a table is evenly
    spaced in fields.py's order (rows one after another), which this checks when the module loads."""
    step = positions[1] - positions[0]
    if step <= 0 or positions != list(range(positions[0], positions[-1] + 1, step)):
        raise ValueError(f"fields.py no longer lists these fields evenly spaced: {positions}")
    return slice(positions[0], positions[-1] + 1, step)


@dataclass(frozen=True)
class Sum:
    """Printed `parts` whose sum is the printed `total` in a template; `what` names them in a finding."""

    parts: list[str]
    total: str
    what: str
    template: str
    parts_at: slice = field(init=False, repr=False, compare=False)  # their places in Reading.values
    at: int = field(init=False, repr=False, compare=False)  # the total's place
    fields: tuple[str, ...] = field(init=False, repr=False, compare=False)  # a finding's fields: the parts, then the total

    def __post_init__(self) -> None:
        places = POSITIONS[self.template]
        object.__setattr__(self, "parts_at", _slice([places[f] for f in self.parts]))
        object.__setattr__(self, "at", places[self.total])
        object.__setattr__(self, "fields", (*self.parts, self.total))


class Sums(list[Sum]):
    """A rule's sums in one template, and where all their parts and totals are, to take them at once."""

    def __init__(self, sums: list[Sum]) -> None:
        super().__init__(sums)
        self.parts_at = [s.parts_at for s in sums]
        self.totals = itemgetter(*(s.at for s in sums))


def _failed_sums(report: Report, table: str, which: dict[str, Sums]) -> list[Finding]:
    """The findings of the sums that do not hold; a blank anywhere in a sum leaves it to completeness.

    A list, not a generator: the sum rules return it as their findings (a rule may return any
    iterable), which spares most reports, where every sum holds, two generators per rule."""
    if table not in report.tables_found:
        return []
    read = reading(report)
    sums, values = which[read.template], read.values
    try:  # every part printed (most reports): all the sums added in one C loop, no Python step per sum
        added: tuple[Number | None, ...] = tuple(map(sum, map(values.__getitem__, sums.parts_at)))
    except TypeError:  # a blank part (None) somewhere: sum by sum
        added = tuple(None if None in (parts := values[s.parts_at]) else sum(parts) for s in sums)
    totals = sums.totals(values)
    if added == totals:  # every sum holds (the added values are new objects: no NaN is taken as equal)
        return []
    failed = []
    for i in compress(range(len(sums)), map(ne, added, totals)):  # only the sums whose values differ
        expected, total = added[i], totals[i]
        if expected is None or total is None:
            continue
        # common.same written out (a call per sum costs as much as the sum); `not <`, as NaN is never the same
        if not abs(expected - total) < EPSILON:
            failed.append(_sum_mismatch(report, sums[i], expected, total))
    return failed


def _sum_mismatch(report: Report, s: Sum, expected: Number, actual: Number) -> Finding:
    # common.span_of for the one field written out: the bench's reports have a few of these each
    cell = report.cells.get(s.total)
    start, end = (None, None) if cell is None or cell.start is None else (cell.start, cell.end)
    return Finding("", "", list(s.fields), f"{s.what}：各项之和为{fmt(expected)}，表中印为{fmt(actual)}",
                   expected, actual, start, end)


ROW_SUMS = {
    t: Sums([Sum([F.application_id(row, c) for c in F.APPLICANT_COLUMNS], F.application_id(row, "total"), f"「{label}」一行", t)
             for row, label in F.application_rows(t)])
    for t in TEMPLATES
}
COLUMN_SUMS = {
    t: Sums([Sum([F.application_id(row, col) for row in F.result_rows(t)], F.application_id("total", col),
                 f"「{F.APPLICATION_COLUMN_LABELS[col]}」一列的办理结果", t)
             for col in F.APPLICATION_COLUMNS])
    for t in TEMPLATES
}
APPEAL_SUMS = {
    t: Sums([Sum([F.appeal_id(group, c) for c in F.APPEAL_COLUMNS[:-1]], F.appeal_id(group, "total"), f"「{F.APPEAL_GROUP_LABELS[group]}」", t)
             for group in F.APPEAL_GROUPS])
    for t in TEMPLATES
}


@rule("applications.row_total", "error", "申请表每一行：总计应等于六类申请人之和", BASIS)
def row_total(report: Report) -> list[Finding]:
    return _failed_sums(report, "applications", ROW_SUMS)


@rule("applications.column_total", "error", "申请表每一列：三（七）总计应等于（一）至（六）各项办理结果之和", BASIS)
def column_total(report: Report) -> list[Finding]:
    return _failed_sums(report, "applications", COLUMN_SUMS)


# Each column's new, carried_over, total, carried_forward: new + carried_over = total + carried_forward.
BALANCE_IDS = {col: [F.application_id(row, col) for row in ("new", "carried_over", "total", "carried_forward")] for col in F.APPLICATION_COLUMNS}
BALANCES = {t: [(col, itemgetter(*(POSITIONS[t][f] for f in BALANCE_IDS[col]))) for col in F.APPLICATION_COLUMNS] for t in TEMPLATES}
# The four rows (new, carried_over, total, carried_forward) across the columns, one slice each.
BALANCE_ROWS = {t: [_slice([POSITIONS[t][BALANCE_IDS[col][k]] for col in F.APPLICATION_COLUMNS]) for k in range(4)] for t in TEMPLATES}


@rule("applications.balance", "error", "申请表每一列：新收＋上年结转应等于办理结果总计＋结转下年度", BASIS + "（表中勾稽关系说明）")
def balance(report: Report) -> Iterable[Finding]:
    if "applications" not in report.tables_found:
        return ()
    read = reading(report)
    values = read.values
    if not read.odd_values:  # every value an int or blank: a balance holds exactly when both sides are equal
        new, carried_over, total, carried_forward = map(values.__getitem__, BALANCE_ROWS[read.template])
        try:  # all seven columns' sides added and compared in C
            income, outcome = list(map(add, new, carried_over)), list(map(add, total, carried_forward))
        except TypeError:  # a blank (None): column by column, below
            pass
        else:
            if income == outcome:
                return ()
            # ints: a column is out of balance exactly where its sides differ
            return [_unbalanced(report, col, n, c, t, f)
                    for col, n, c, t, f, i, o in zip(F.APPLICATION_COLUMNS, new, carried_over, total, carried_forward, income, outcome)
                    if i != o]
    return _unbalanced_columns(report, values, read.template)


def _unbalanced_columns(report: Report, values: list[Number | None], template: str) -> Iterator[Finding]:
    """balance's general path, column by column: blanks skipped, floats compared as common.same does."""
    for col, take in BALANCES[template]:
        got = take(values)
        if None in got:
            continue
        new, carried_over, total, carried_forward = got
        if not abs((new + carried_over) - (total + carried_forward)) < EPSILON:  # common.same, as above
            yield _unbalanced(report, col, new, carried_over, total, carried_forward)


def _unbalanced(report: Report, col: str, new: Number, carried_over: Number, total: Number, carried_forward: Number) -> Finding:
    ids = list(BALANCE_IDS[col])
    start, end = span_of(report, [ids[2], ids[0]])
    return Finding(
        rule="", severity="", fields=ids,
        message=(
            f"「{F.APPLICATION_COLUMN_LABELS[col]}」一列：新收{fmt(new)}＋上年结转{fmt(carried_over)}"
            f"＝{fmt(new + carried_over)}，而办理结果总计{fmt(total)}＋结转下年度{fmt(carried_forward)}"
            f"＝{fmt(total + carried_forward)}"
        ),
        expected=new + carried_over, actual=total + carried_forward, start=start, end=end,
    )


@rule("appeals.group_total", "error", "复议诉讼表每一组：总计应等于维持、纠正、其他、尚未审结之和", BASIS)
def group_total(report: Report) -> list[Finding]:
    return _failed_sums(report, "appeals", APPEAL_SUMS)
