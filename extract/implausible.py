"""Values no report can print: refused with a finding, never stored.

A run of 20 glued digits is one "number" to the tokenizer; stored as it is, it overflowed
SQLite's INTEGER and aborted the batch. Whatever reader produced it (built-in, split, model),
a value at or beyond LIMIT is no count or amount an annual report prints: the cell becomes
null (status "implausible"), the fact is dropped, and an error finding shows what was printed.
"""

from __future__ import annotations

import math

from .. import fields as F
from ..report import Finding, Number, Report

LIMIT = 10**10  # ten billion: beyond any count, and beyond any fee in 元 a province collects
RULE = "plausibility.value_too_large"


def plausible(value: Number | None) -> bool:
    if value is None:
        return True
    if type(value) is int:  # nearly every value: no NaN to look for
        return -LIMIT < value < LIMIT
    return not (isinstance(value, float) and math.isnan(value)) and abs(value) < LIMIT


def refuse_implausible(report: Report) -> Report:
    """Null every cell value and drop every fact beyond LIMIT, each with an error finding. Idempotent."""
    cells = report.cells.values()
    # One pass over the cells for most reports: the values of the cells without a second reader's
    # value (alt_value) are all the values when no cell is left out; else the two lists.
    values = [c.value for c in cells if c.alt_value is None]
    alt_values = [] if len(values) == len(cells) else [c.alt_value for c in cells]
    if alt_values:
        values = [c.value for c in cells]
    nothing_to_refuse = (  # nearly every report, told without a Python step per value
        all_plausible(values) and (not alt_values or all_plausible(alt_values)) and all_plausible([f.value for f in report.facts])
    )
    return report if nothing_to_refuse else refuse_one_by_one(report)


def all_plausible(values: list[Number | None]) -> bool:
    """True only when every value is None or plausible, told in bulk (C loops) for the common case.

    The sum of the absolute values bounds each of them and is NaN when one is NaN, so a sum below
    LIMIT means each is plausible. False means "look one by one": a larger sum, or a value that
    abs() or the sum refuses, is for `refuse_one_by_one` to judge."""
    try:
        return sum(map(abs, filter(None, values))) < LIMIT
    except (TypeError, OverflowError):
        return False


def refuse_one_by_one(report: Report) -> Report:
    """refuse_implausible's reference: each cell and fact judged by `plausible`."""
    for fid, cell in report.cells.items():
        if cell.alt_value is not None and not plausible(cell.alt_value):
            cell.alt_value = None  # the other reader's absurd value is not kept either
        if cell.value is None or plausible(cell.value):
            continue
        shown = cell.raw or str(cell.value)
        report.findings.append(Finding(
            RULE, "error", [fid], f"「{F.label(fid)}」印为「{_short(shown)}」，超出任何可能的件数或金额，未采信（记为空）",
            expected=f"< {LIMIT}", actual=_short(shown), start=cell.start, end=cell.end,
        ))
        cell.value, cell.status = None, "implausible"
    kept = []
    for fact in report.facts:
        if plausible(fact.value):
            kept.append(fact)
            continue
        report.findings.append(Finding(
            RULE, "error", [fact.name] if fact.name in F.LABELS else [],
            f"正文「{_short(fact.quote)}」中的数字超出任何可能的件数或金额，未采信",
            expected=f"< {LIMIT}", actual=_short(fact.quote), start=fact.start, end=fact.end, key=f"{fact.name}@{fact.start}",
        ))
    report.facts = kept
    return report


def _short(text: str, keep: int = 40) -> str:
    return text if len(text) <= keep else f"{text[:keep]}…（共{len(text)}字符）"
