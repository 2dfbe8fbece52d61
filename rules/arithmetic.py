"""The arithmetic the national format itself states (DOMAIN.md, "The arithmetic")."""

from __future__ import annotations

from collections.abc import Iterator

from .. import fields as F
from ..report import Finding, Report
from . import rule
from .common import fmt, same, span_of, sum_finding, values

BASIS = "国办公开办函〔2021〕30号 年度报告格式"


def _has(report: Report, table: str) -> bool:
    return table in report.tables_found


@rule("applications.row_total", "error", "申请表每一行：总计应等于六类申请人之和", BASIS)
def row_total(report: Report) -> Iterator[Finding]:
    if not _has(report, "applications"):
        return
    for row, label in F.application_rows(report.template):
        parts = [F.application_id(row, c) for c in F.APPLICANT_COLUMNS]
        found = sum_finding(report, parts, F.application_id(row, "total"), f"「{label}」一行")
        if found:
            yield found


@rule("applications.column_total", "error", "申请表每一列：三（七）总计应等于（一）至（六）各项办理结果之和", BASIS)
def column_total(report: Report) -> Iterator[Finding]:
    if not _has(report, "applications"):
        return
    for col in F.APPLICATION_COLUMNS:
        parts = [F.application_id(row, col) for row in F.result_rows(report.template)]
        what = f"「{F.APPLICATION_COLUMN_LABELS[col]}」一列的办理结果"
        found = sum_finding(report, parts, F.application_id("total", col), what)
        if found:
            yield found


@rule("applications.balance", "error", "申请表每一列：新收＋上年结转应等于办理结果总计＋结转下年度", BASIS + "（表中勾稽关系说明）")
def balance(report: Report) -> Iterator[Finding]:
    if not _has(report, "applications"):
        return
    for col in F.APPLICATION_COLUMNS:
        ids = [F.application_id(row, col) for row in ("new", "carried_over", "total", "carried_forward")]
        got = values(report, ids)
        if got is None:
            continue
        new, carried_over, total, carried_forward = got
        if same(new + carried_over, total + carried_forward):
            continue
        start, end = span_of(report, [ids[2], ids[0]])
        yield Finding(
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
    for group in F.APPEAL_GROUPS:
        parts = [F.appeal_id(group, c) for c in F.APPEAL_COLUMNS[:-1]]
        found = sum_finding(report, parts, F.appeal_id(group, "total"), f"「{F.APPEAL_GROUP_LABELS[group]}」")
        if found:
            yield found
