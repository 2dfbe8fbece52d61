"""Plausibility: values that are possible to print but unlikely to be right."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from operator import itemgetter

from .. import fields as F
from ..extract.metadata import organ_level
from ..report import Finding, Number, Report
from . import declare, rule
from .common import fmt
from .reading import POSITIONS, reading

declare("plausibility.value_too_large", "error", "印出的数值超出任何可能的件数或金额（如连写的20位数字），记为空，不采信", "数据库整数上限；年度报告格式")

# 万元 above which a fee looks like 元 printed in the 万元 column, by organ level.
FEE_LIMITS = {"township": 1000, "county": 100000}
LOWEST_FEE_LIMIT = min(FEE_LIMITS.values())  # below it, no level's limit is passed: the level need not be told


def _too_large(fee: Number, organ: str | None) -> bool:
    limit = FEE_LIMITS.get(organ_level(organ) or "")
    return limit is not None and fee >= limit


@rule("plausibility.count_not_integer", "error", "件数应为非负整数（2019年格式的「本年增/减」可为负）", "年度报告格式：各项均为件数")
def count_not_integer(report: Report) -> Iterable[Finding]:
    # the common case, told in bulk: every value a count or blank
    return _not_integers(report) if reading(report).odd_values else ()


def _not_integers(report: Report) -> Iterator[Finding]:
    for fid, cell in report.cells.items():
        if cell.value is None or fid in F.DECIMAL_FIELDS:
            continue
        if (cell.value < 0 and fid not in F.SIGNED_FIELDS) or not float(cell.value).is_integer():
            yield Finding("", "", [fid], f"「{F.label(fid)}」印为{cell.raw}，件数应为非负整数", expected="非负整数", actual=cell.value, start=cell.start, end=cell.end)


# The cells where a report states regulations (规章) it made and has in force.
REGULATIONS_2019 = [F.active2019_id("regulations", c) for c in ("made", "total")]
REGULATIONS_2021 = [F.active_id("regulations", c) for c in ("issued", "in_force")]
# Their places in a Reading's values, to take both in one step.
REGULATIONS_AT = {F.TEMPLATE_2019: itemgetter(*(POSITIONS[F.TEMPLATE_2019][f] for f in REGULATIONS_2019)),
                  F.TEMPLATE_2021: itemgetter(*(POSITIONS[F.TEMPLATE_2021][f] for f in REGULATIONS_2021))}


@rule("plausibility.regulations_low_level", "warning", "乡镇或县级机关报告了规章（只有国务院部门、省级政府和设区的市政府可制定规章）", "《立法法》第九十一条、第九十三条")
def regulations_low_level(report: Report) -> Iterable[Finding]:
    read = reading(report)
    made, in_force = REGULATIONS_AT[read.template](read.values)
    if not ((made or 0) > 0 or (in_force or 0) > 0):  # most reports: the organ's level need not be told (its patterns cost more)
        return ()
    level = organ_level(report.organ)
    if level not in ("township", "county"):
        return ()
    ids = REGULATIONS_2019 if read.template == F.TEMPLATE_2019 else REGULATIONS_2021
    printed = [f for f in ids if (report.value(f) or 0) > 0]
    cell = report.cells[printed[0]]
    return [Finding(
        "", "", printed, f"{report.organ}为{'乡镇' if level == 'township' else '县级'}机关，却报告规章{fmt(cell.value)}件",
        expected=0, actual=cell.value, start=cell.start, end=cell.end,
    )]


@rule("plausibility.fee_unit", "warning", "行政事业性收费金额疑似以元填入万元栏", "年度报告格式：收费金额单位为万元")
def fee_unit(report: Report) -> Iterable[Finding]:
    cell = report.cells.get("active.fees")
    if cell is None or cell.value is None:
        return ()
    if cell.unit == "元":
        reason = f"印为「{cell.raw}」，单位是元而非万元"
    elif cell.value >= LOWEST_FEE_LIMIT and _too_large(cell.value, report.organ):
        reason = f"为{fmt(cell.value)}万元，对该级机关而言过大，疑为以元填报"
    else:
        return ()
    return [Finding("", "", ["active.fees"], f"行政事业性收费{reason}", expected="万元", actual=cell.raw, start=cell.start, end=cell.end)]
