"""The arithmetic the national format itself states (DOMAIN.md, "The arithmetic").

Each sum's field ids depend only on the template, so they are listed once here (`Sum`), with
their positions in a `Reading`'s values: a rule takes a sum's printed values in one C call and
adds them. Only a sum that does not hold is looked at again, cell by cell, by
`common.sum_finding`, which writes the finding: the quick test decides nothing it could get wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from .. import fields as F
from ..report import Finding, Report
from . import rule
from .common import fmt, same, span_of, sum_finding, values
from .reading import POSITIONS, reading

BASIS = "国办公开办函〔2021〕30号 年度报告格式"
TEMPLATES = (F.TEMPLATE_2021, F.TEMPLATE_2019)


@dataclass(frozen=True)
class Sum:
    """Printed `parts` whose sum is the printed `total` in a template; `what` names them in a finding."""

    parts: list[str]
    total: str
    what: str
    template: str
    # Their values, parts then total, out of Reading.values (fields.fields_for order) in one call.
    printed: Callable[[Sequence], tuple] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        at = POSITIONS[self.template]
        object.__setattr__(self, "printed", itemgetter(*(at[f] for f in [*self.parts, self.total])))


def _has(report: Report, table: str) -> bool:
    return table in report.tables_found


def _failed_sums(report: Report, sums: list[Sum]) -> Iterator[Finding]:
    """The findings of the sums that do not hold; a blank anywhere in a sum leaves it to completeness."""
    values_ = reading(report).values
    for s in sums:
        got = s.printed(values_)
        if None in got or same(sum(got[:-1]), got[-1]):
            continue
        found = sum_finding(report, s.parts, s.total, s.what)
        if found:
            yield found


ROW_SUMS = {
    t: [Sum([F.application_id(row, c) for c in F.APPLICANT_COLUMNS], F.application_id(row, "total"), f"「{label}」一行", t)
        for row, label in F.application_rows(t)]
    for t in TEMPLATES
}
COLUMN_SUMS = {
    t: [Sum([F.application_id(row, col) for row in F.result_rows(t)], F.application_id("total", col),
            f"「{F.APPLICATION_COLUMN_LABELS[col]}」一列的办理结果", t)
        for col in F.APPLICATION_COLUMNS]
    for t in TEMPLATES
}
APPEAL_SUMS = {
    t: [Sum([F.appeal_id(group, c) for c in F.APPEAL_COLUMNS[:-1]], F.appeal_id(group, "total"), f"「{F.APPEAL_GROUP_LABELS[group]}」", t)
        for group in F.APPEAL_GROUPS]
    for t in TEMPLATES
}


@rule("applications.row_total", "error", "申请表每一行：总计应等于六类申请人之和", BASIS)
def row_total(report: Report) -> Iterator[Finding]:
    if not _has(report, "applications"):
        return
    yield from _failed_sums(report, ROW_SUMS[reading(report).template])


@rule("applications.column_total", "error", "申请表每一列：三（七）总计应等于（一）至（六）各项办理结果之和", BASIS)
def column_total(report: Report) -> Iterator[Finding]:
    if not _has(report, "applications"):
        return
    yield from _failed_sums(report, COLUMN_SUMS[reading(report).template])


# Each column's new, carried_over, total, carried_forward: new + carried_over = total + carried_forward.
BALANCE_IDS = {col: [F.application_id(row, col) for row in ("new", "carried_over", "total", "carried_forward")] for col in F.APPLICATION_COLUMNS}
BALANCES = {t: [(col, itemgetter(*(POSITIONS[t][f] for f in BALANCE_IDS[col]))) for col in F.APPLICATION_COLUMNS] for t in TEMPLATES}


@rule("applications.balance", "error", "申请表每一列：新收＋上年结转应等于办理结果总计＋结转下年度", BASIS + "（表中勾稽关系说明）")
def balance(report: Report) -> Iterator[Finding]:
    if not _has(report, "applications"):
        return
    read = reading(report)
    for col, printed in BALANCES[read.template]:
        got = printed(read.values)
        if None in got or same(got[0] + got[1], got[2] + got[3]):
            continue
        found = balance_finding(report, col)
        if found:
            yield found


def balance_finding(report: Report, col: str) -> Finding | None:
    """A finding if column `col` does not balance, read cell by cell (None also when a cell is blank)."""
    ids = list(BALANCE_IDS[col])
    got = values(report, ids)
    if got is None:
        return None
    new, carried_over, total, carried_forward = got
    if same(new + carried_over, total + carried_forward):
        return None
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
def group_total(report: Report) -> Iterator[Finding]:
    if not _has(report, "appeals"):
        return
    yield from _failed_sums(report, APPEAL_SUMS[reading(report).template])
