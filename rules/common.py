"""Small helpers shared by the rules."""

from __future__ import annotations

from ..fields import label
from ..report import Fact, Finding, Number, Report


EPSILON = 1e-9  # two values this close are the same number (floats summed in another order)


def same(a: Number, b: Number) -> bool:
    return abs(a - b) < EPSILON


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


def names(fields: list[str]) -> str:
    return "、".join(f"「{label(f)}」" for f in fields)


def fact_finding(fact: Fact, fields: list[str], message: str, expected: object, actual: object, key: str) -> Finding:
    return Finding(
        rule="", severity="", fields=fields, message=message, expected=expected, actual=actual,
        start=fact.start, end=fact.end, key=key,
    )
