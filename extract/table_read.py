"""What a table reader hands back, whichever way it read the table (text rows or grid)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..report import BUILTIN, Cell, Finding
from .numbers import Token


@dataclass
class TableRead:
    """What the reader found in one table: cells, the table's span, and anything it could not place."""

    cells: dict[str, Cell] = field(default_factory=dict)
    span: tuple[int, int] | None = None
    anchors: dict[str, tuple[int, int]] = field(default_factory=dict)  # field → its row label's span
    findings: list[Finding] = field(default_factory=list)
    unsure: str | None = None  # why this reading should be checked by a second reader (Report.unsure_tables)


def token_cell(field_id: str, token: Token | None, extractor: str = BUILTIN) -> Cell:
    """The cell a printed token (or nothing) makes."""
    if token is None:
        return Cell(field=field_id, value=None, status="blank")
    if token.kind != "number":  # a marker (—, 无) or a percentage: printed, but not a count
        return Cell(field_id, None, token.start, token.end, extractor, token.raw, None, "unreadable")
    return Cell(field_id, token.value, token.start, token.end, extractor, token.raw, token.unit, "ok")
