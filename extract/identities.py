"""The sums the national format itself states, as data: which cells must add up to which.

The splitter uses them to choose among readings of glued digits, and the LLM merge to
tell which reader's table is consistent. They never edit a value; the arithmetic rules
(rules/arithmetic.py) report a printed sum that does not hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .. import fields as F
from ..report import Number


@dataclass(frozen=True)
class Identity:
    """sum(left) == sum(right), e.g. six applicant columns == the row's 总计."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    what: str  # for messages: 「予以公开」一行

    @property
    def fields(self) -> tuple[str, ...]:
        return self.left + self.right


def table_identities(table: str, template: str | None) -> list[Identity]:
    """Every identity of a table in this format (the active table states none)."""
    template = template or F.TEMPLATE_2021
    out: list[Identity] = []
    if table == "applications":
        for row, label in F.application_rows(template):
            out.append(Identity(tuple(F.application_id(row, c) for c in F.APPLICANT_COLUMNS), (F.application_id(row, "total"),),
                                f"「{label}」一行"))
        for col in F.APPLICATION_COLUMNS:
            name = F.APPLICATION_COLUMN_LABELS[col]
            out.append(Identity(tuple(F.application_id(r, col) for r in F.result_rows(template)), (F.application_id("total", col),),
                                f"「{name}」一列的办理结果"))
            out.append(Identity((F.application_id("new", col), F.application_id("carried_over", col)),
                                (F.application_id("total", col), F.application_id("carried_forward", col)), f"「{name}」一列的收支"))
    elif table == "appeals":
        for group in F.APPEAL_GROUPS:
            out.append(Identity(tuple(F.appeal_id(group, c) for c in F.APPEAL_COLUMNS[:-1]), (F.appeal_id(group, "total"),),
                                f"「{F.APPEAL_GROUP_LABELS[group]}」"))
    return out


def holds(identity: Identity, values: Mapping[str, Number | None]) -> bool | None:
    """True/False when every cell of the identity has a value; None when one is blank or unknown."""
    got = [values.get(f) for f in identity.fields]
    if any(v is None for v in got):
        return None
    left = sum(got[: len(identity.left)])  # type: ignore[arg-type]
    right = sum(got[len(identity.left) :])  # type: ignore[arg-type]
    return abs(left - right) < 1e-9


def failing(identities: list[Identity], values: Mapping[str, Number | None]) -> list[Identity]:
    """The identities that can be checked and do not hold."""
    return [i for i in identities if holds(i, values) is False]
