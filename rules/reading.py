"""A report as the rules read it: its values, its cells' statuses and its facts, read once.

Two dozen rules look at the same few things. Read one cell at a time, rule after rule, the
engine cost more than reading the tables; so `run_rules` reads each report once into plain
lists and dicts (a `Reading`) and every rule asks `reading(report)` for it. A rule stays a pure
function of its report: called on its own (a test, ocr.look_alike's trial copies) it gets a
fresh reading of the report it was given. Nothing is kept across reports.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from .. import fields as F
from ..report import Cell, Fact, Number, Report


@dataclass(slots=True)
class Reading:
    template: str  # the format `values` follows: 2019, else 2021 (as the rules' field lists: fields.application_rows)
    values: list[Number | None]  # that template's fields (fields.fields_for) in order; None where blank or not read
    odd_values: bool  # some cell (of any field) holds something other than a count: a non-negative int or blank
    unusual: list[tuple[str, Cell]]  # the cells whose status is not "ok" (blank, unreadable, …), in the report's order
    facts: dict[str, list[Fact]]  # the prose facts by name, each list in the report's order
    proactive: tuple[list[Fact], list[Fact]] | None = None  # prose.py's parts and shares, once one of its rules asks


def read(report: Report) -> Reading:
    """The reading of `report` as it is now."""
    cells = report.cells
    template = F.TEMPLATE_2019 if report.template == F.TEMPLATE_2019 else F.TEMPLATE_2021
    fields = F.fields_for(template)
    # One pass for both the values and "is every cell ok?" (most reports): the values of the ok cells
    # are all the values when no cell is left out.
    every = [cell.value for cell in cells.values() if cell.status == "ok"]
    # The built-in reader stores exactly the template's fields in order: its values are the list.
    in_order = list(cells) == fields
    if len(every) == len(cells):
        unusual: list[tuple[str, Cell]] = []
    else:  # the few cells left out, and their values put back in their places (else a second pass)
        unusual = [(fid, cell) for fid, cell in cells.items() if cell.status != "ok"]
        if in_order:
            at = POSITIONS[template]
            for fid, cell in unusual:  # in the cells' order, which is the values' order: each lands in its place
                every.insert(at[fid], cell.value)
        else:
            every = [cell.value for cell in cells.values()]
    values = every if in_order else [None if (c := cells.get(f)) is None else c.value for f in fields]
    facts: dict[str, list[Fact]] = {}
    for fact in report.facts:
        facts.setdefault(fact.name, []).append(fact)
    return Reading(template=template, values=values, odd_values=not _counts(every), unusual=unusual, facts=facts)


def _counts(values: list) -> bool:
    """True when every value is a non-negative int or None, checked in one C loop rather than one
    Python step per cell: an array of unsigned 64-bit ints takes exactly the ints 0 ≤ n < 2**64
    (and bools); a float, a negative or a larger int raises. filter drops the blanks (and zeros).

    (Without filter when no cell is blank measured no cheaper: most values are 0, which filter drops at once.)"""
    try:
        array("Q", filter(None, values))
    except (TypeError, OverflowError):
        return False
    return True


# The reading `run_rules` made, with its report. One slot, not one per thread: if two threads check
# reports at once (batch_llm), a rule whose report is not the one kept reads its own afresh, which is
# the same reading, only slower. A plain global is looked up faster than a threading.local.
_kept: tuple[Report, Reading] | None = None


def reading(report: Report) -> Reading:
    """The reading `run_rules` made of `report` while it checks it, else a fresh one."""
    kept = _kept
    if kept is not None and kept[0] is report:
        return kept[1]
    return read(report)


def keep(report: Report | None) -> None:
    """Read `report` once for the rules about to check it (None: forget it; run_rules does, when done)."""
    global _kept
    _kept = None if report is None else (report, read(report))


# Positions of each template's fields in `Reading.values`.
POSITIONS = {t: {fid: i for i, fid in enumerate(F.fields_for(t))} for t in (F.TEMPLATE_2021, F.TEMPLATE_2019)}
