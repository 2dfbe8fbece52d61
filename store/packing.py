"""One row per report: its cells, sections and facts packed as compact JSON beside each other.

A report's 200 cells as 200 rows cost 35 KB (each row repeating the 64-character report id
and a field id); packed, they are one JSON array in the order the national format defines
(`fields.fields_for(template)`), each cell `[value, start, length]` and only what differs
from the usual beside it in a fourth slot:

- `raw` is the text its span covers unless stated ({"raw": ...});
- `status` is "ok" for a value and "blank" for a null unless stated;
- `extractor` is "builtin" unless stated; `unit`, `alt_value`, `alt_extractor` only when set;
- a blank cell with nothing else is `null`.

A report whose cells are not exactly its format's fields in order is packed as an object
keyed by field id instead. JSON (not a binary format) so SQLite's own json_each unpacks it:
the long-form views `cells`, `sections` and `facts` (store/schema.py) give SQL users,
datasette and exports today's columns. `unpack_*` mirror `pack_*` exactly; tests round-trip.
"""

from __future__ import annotations

import json
from typing import Any

from .. import fields as F
from ..report import BUILTIN, Cell, Fact, Section

_DUMP = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def _span(start: int | None, end: int | None, extra: dict[str, Any]) -> tuple[int | None, int | None]:
    """(start, length); an end without a start (or the reverse) is kept in `extra`."""
    if start is not None and end is not None:
        return start, end - start
    if end is not None:
        extra["end"] = end
    return start, None


def _cell(cell: Cell, text: str) -> Any:
    extra: dict[str, Any] = {}
    start, length = _span(cell.start, cell.end, extra)
    if cell.raw != (text[cell.start : cell.end] if cell.start is not None and cell.end is not None else None):
        extra["raw"] = cell.raw
    if cell.status != ("blank" if cell.value is None else "ok"):
        extra["status"] = cell.status
    if cell.extractor != BUILTIN:
        extra["extractor"] = cell.extractor
    for name in ("unit", "alt_value", "alt_extractor"):
        if getattr(cell, name) is not None:
            extra[name] = getattr(cell, name)
    if extra:
        return [cell.value, start, length, extra]
    if cell.value is None and start is None:
        return None
    return [cell.value, start, length]


def pack_cells(cells: dict[str, Cell], template: str | None, text: str) -> tuple[str | None, str | None]:
    """(layout, JSON): layout is the template when the cells are its fields in order, else None (an object)."""
    if not cells:
        return None, None
    if template in (F.TEMPLATE_2021, F.TEMPLATE_2019) and list(cells) == F.fields_for(template):
        return template, _DUMP([_cell(c, text) for c in cells.values()])
    return None, _DUMP({f: _cell(c, text) for f, c in cells.items()})


def unpack_cells(layout: str | None, packed: str | None, text: str) -> dict[str, Cell]:
    if not packed:
        return {}
    data = json.loads(packed)
    pairs = zip(F.fields_for(layout), data, strict=True) if layout else data.items()
    return {f: _unpack_cell(f, item, text) for f, item in pairs}


def _unpack_cell(field_id: str, item: Any, text: str) -> Cell:
    if item is None:
        return Cell(field_id, None, status="blank", raw=None)
    value, start, length, *rest = item
    extra = rest[0] if rest else {}
    end = start + length if start is not None and length is not None else extra.get("end")
    raw = extra["raw"] if "raw" in extra else (text[start:end] if start is not None and end is not None else None)
    return Cell(
        field_id, value, start, end, extra.get("extractor", BUILTIN), raw, extra.get("unit"),
        extra.get("status", "blank" if value is None else "ok"), extra.get("alt_value"), extra.get("alt_extractor"),
    )


def pack_sections(sections: list[Section]) -> str | None:
    return _DUMP([[s.number, s.title, s.start, s.end - s.start] for s in sections]) if sections else None


def unpack_sections(packed: str | None) -> list[Section]:
    return [Section(n, title, start, start + length) for n, title, start, length in json.loads(packed)] if packed else []


def pack_facts(facts: list[Fact], text: str) -> str | None:
    out = []
    for f in facts:
        extra: dict[str, Any] = {}
        if f.quote != text[f.start : f.end]:
            extra["quote"] = f.quote
        if f.unit is not None:
            extra["unit"] = f.unit
        if f.extractor != BUILTIN:
            extra["extractor"] = f.extractor
        out.append([f.name, f.value, f.start, f.end - f.start] + ([extra] if extra else []))
    return _DUMP(out) if out else None


def unpack_facts(packed: str | None, text: str) -> list[Fact]:
    out = []
    for name, value, start, length, *rest in json.loads(packed) if packed else []:
        extra = rest[0] if rest else {}
        end = start + length
        out.append(Fact(name, value, start, end, extra.get("quote", text[start:end]), extra.get("unit"), extra.get("extractor", BUILTIN)))
    return out
