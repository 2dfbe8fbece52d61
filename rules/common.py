"""Small helpers shared by the rules."""

from __future__ import annotations

from ..fields import label
from ..report import Fact, Finding, Number, Report


def same(a: Number, b: Number) -> bool:
    return abs(a - b) < 1e-9


def fmt(value: Number | None) -> str:
    if value is None:
        return "空白"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def span_of(report: Report, fields: list[str]) -> tuple[int | None, int | None]:
    """The span of the first printed cell among `fields` (the one a reviewer should look at)."""
    for fid in fields:
        cell = report.cells.get(fid)
        if cell is not None and cell.start is not None:
            return cell.start, cell.end
    return None, None


def values(report: Report, fields: list[str]) -> list[Number] | None:
    """All values, or None if any is blank (blanks are the completeness rules' business)."""
    cells, out = report.cells, []
    for f in fields:  # the rules' innermost loop: plain look-ups, no method call per cell
        cell = cells.get(f)
        if cell is None or cell.value is None:
            return None
        out.append(cell.value)
    return out


def names(fields: list[str]) -> str:
    return "、".join(f"「{label(f)}」" for f in fields)


def sum_finding(report: Report, parts: list[str], total: str, what: str) -> Finding | None:
    """A finding if the printed `total` is not the sum of the printed `parts`."""
    got = values(report, parts + [total])
    if got is None:
        return None
    expected, actual = sum(got[:-1]), got[-1]
    if same(expected, actual):
        return None
    start, end = span_of(report, [total])
    return Finding(
        rule="", severity="", fields=parts + [total],
        message=f"{what}：各项之和为{fmt(expected)}，表中印为{fmt(actual)}",
        expected=expected, actual=actual, start=start, end=end,
    )


def fact_finding(fact: Fact, fields: list[str], message: str, expected: object, actual: object, key: str) -> Finding:
    return Finding(
        rule="", severity="", fields=fields, message=message, expected=expected, actual=actual,
        start=fact.start, end=fact.end, key=key,
    )
