"""One row per report: its cells, sections and facts packed as compact JSON beside each other.

A report's 200 cells as 200 rows cost 35 KB (each row repeating the 64-character report id
and a field id); packed, they are one JSON array in the order the national format defines
(`fields.fields_for(template)`). Nothing packed points into the text to be read: the text is
stored compressed (store/text.py) and the long-form views must not need to decompress it.

A cell is `[value, start]` when it is the usual case: an integer printed as its own digits
(`raw` = the value's digits, the span as long as they are), read by the built-in reader.
Otherwise `[value, start, length]`, with what differs from the usual in a fourth slot:

- `raw` is the value's digits for an integer, else null, unless stated ({"raw": ...});
- `status` is "ok" for a value and "blank" for a null unless stated;
- `extractor` is "builtin" unless stated; `unit`, `alt_value`, `alt_extractor` only when set;
- an end without a start is {"end": ...}; a blank cell with nothing else is `null`.

A fact is `[name, value, start, quote]` (its end is start + the quote's length), with
{"end", "unit", "extractor"} in a fifth slot when they differ from that and the usual.

A report whose cells are not exactly its format's fields in order is packed as an object
keyed by field id instead. JSON (not a binary format) so SQLite's own json_each unpacks it:
the long-form views `cells`, `sections` and `facts` (store/schema.py) give SQL users,
datasette and exports today's columns with the plain `sqlite3` shell. `unpack_*` mirror
`pack_*` exactly; tests round-trip. (store/migrate.py reads the earlier packing, which
took `raw` and `quote` from the text.)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .. import fields as F
from ..report import BUILTIN, Cell, Fact, Section
from .encoding import one_shot

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
_DUMP = _ENCODER.encode  # what every packing is written as
_dump = one_shot(_ENCODER)  # the same text (store/encoding.py)


def _span(start: int | None, end: int | None, extra: dict[str, Any]) -> tuple[int | None, int | None]:
    """(start, length); an end without a start (or the reverse) is kept in `extra`."""
    if start is not None and end is not None:
        return start, end - start
    if end is not None:
        extra["end"] = end
    return start, None


def _digits(value: Any) -> str | None:
    """The raw a cell has unless stated: an integer's own digits (bool is not a number here)."""
    return str(value) if type(value) is int else None


def _cell(cell: Cell) -> Any:
    # The two cells nearly every report is made of, packed without building `extra`: a printed
    # integer read where it stands ([value, start]) and a blank (null). Same output as _any_cell.
    if cell.extractor == BUILTIN and cell.unit is None and cell.alt_value is None and cell.alt_extractor is None:
        value, start, end = cell.value, cell.start, cell.end
        if value is None:
            if start is None and end is None and cell.raw is None and cell.status == "blank":
                return None
        elif type(value) is int and start is not None and end is not None and cell.status == "ok":
            digits = str(value)
            if cell.raw == digits and end - start == len(digits):
                return [value, start]
    return _any_cell(cell)


def _cell_json(cell: Cell) -> str:
    """`_DUMP(_cell(cell))`."""
    return _cells_json((cell,))[0]


# str(n) for the counts a table prints nearly always (most cells are 0): a look-up in a table small enough to stay
# in cache instead of int -> str, CPython's dearest step in the cell loop; the same for every report.
_SMALL = 1024
_SMALL_DECIMALS = tuple(map(str, range(_SMALL)))


def _cells_json(cells: Iterable[Cell]) -> list[str]:
    """`_DUMP(_cell(cell))` of each cell. A report packs 200 cells: the two usual ones are written out here
    as text, without a list per cell for the encoder to walk, in one loop without a call per cell (together
    half of packing's time); any other cell, or a span that is not a plain int, goes through the encoder.
    Tests check they agree. (Testing the usual cell's nine slots over the whole list at once, with
    attrgetter and list.count, costs more: a map over 200 cells per slot is ~10 µs, this whole loop ~55.)

    The loop reads module names from locals and tests the value's type first (most cells hold an int, the
    rest are blanks): ~7 % less of packing in the real flow (CPython 3.11). The tests are _cell's, reordered."""
    out: list[str] = []
    add = out.append
    builtin, decimals, small, dump, any_cell = BUILTIN, _SMALL_DECIMALS, _SMALL, _dump, _any_cell
    for cell in cells:
        value = cell.value
        if type(value) is int:
            start, end = cell.start, cell.end
            if (type(start) is int and type(end) is int and cell.status == "ok" and cell.extractor == builtin
                    and cell.unit is None and cell.alt_value is None and cell.alt_extractor is None):
                digits = decimals[value] if 0 <= value < small else str(value)  # what the encoder writes for an int
                if cell.raw == digits and end - start == len(digits):
                    add(f"[{digits},{start}]")
                    continue
        elif (value is None and cell.status == "blank" and cell.start is None and cell.end is None and cell.raw is None
              and cell.extractor == builtin and cell.unit is None and cell.alt_value is None and cell.alt_extractor is None):
            add("null")
            continue
        add(dump(any_cell(cell)))
    return out


def _any_cell(cell: Cell) -> Any:
    extra: dict[str, Any] = {}
    start, length = _span(cell.start, cell.end, extra)
    usual_raw = _digits(cell.value)
    if cell.raw != usual_raw:
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
    if start is not None and usual_raw is not None and length == len(usual_raw):
        return [cell.value, start]
    return [cell.value, start, length]


def pack_cells(cells: dict[str, Cell], template: str | None) -> tuple[str | None, str | None]:
    """(layout, JSON): layout is the template when the cells are its fields in order, else None (an object)."""
    if not cells:
        return None, None
    if template in (F.TEMPLATE_2021, F.TEMPLATE_2019) and list(cells) == F.fields_for(template):
        return template, "[" + ",".join(_cells_json(cells.values())) + "]"  # = _DUMP([_cell(c) ...])
    return None, _dump({f: _cell(c) for f, c in cells.items()})


def unpack_cells(layout: str | None, packed: str | None) -> dict[str, Cell]:
    if not packed:
        return {}
    data = json.loads(packed)
    pairs = zip(F.fields_for(layout), data, strict=True) if layout else data.items()
    return {f: _unpack_cell(f, item) for f, item in pairs}


def _unpack_cell(field_id: str, item: Any) -> Cell:
    if item is None:
        return Cell(field_id, None, status="blank", raw=None)
    if len(item) == 2:
        value, start = item
        raw = _digits(value)
        return Cell(field_id, value, start, start + len(raw), BUILTIN, raw)
    value, start, length, *rest = item
    extra = rest[0] if rest else {}
    end = start + length if start is not None and length is not None else extra.get("end")
    return Cell(
        field_id, value, start, end, extra.get("extractor", BUILTIN), extra.get("raw", _digits(value)), extra.get("unit"),
        extra.get("status", "blank" if value is None else "ok"), extra.get("alt_value"), extra.get("alt_extractor"),
    )


def pack_sections(sections: list[Section]) -> str | None:
    return _dump([[s.number, s.title, s.start, s.end - s.start] for s in sections]) if sections else None


def unpack_sections(packed: str | None) -> list[Section]:
    return [Section(n, title, start, start + length) for n, title, start, length in json.loads(packed)] if packed else []


def pack_facts(facts: list[Fact]) -> str | None:
    out = []
    for f in facts:
        quote = f.quote
        # The usual fact (nearly all) without an `extra` to build and test: `_any_fact`'s conditions, in its order.
        if not (quote is None or f.end != f.start + len(quote)) and f.unit is None and not f.extractor != BUILTIN:
            out.append([f.name, f.value, f.start, quote])
        else:
            out.append(_any_fact(f))
    return _dump(out) if out else None


def _any_fact(f: Fact) -> list[Any]:
    extra: dict[str, Any] = {}
    if f.quote is None or f.end != f.start + len(f.quote):
        extra["end"] = f.end
    if f.unit is not None:
        extra["unit"] = f.unit
    if f.extractor != BUILTIN:
        extra["extractor"] = f.extractor
    return [f.name, f.value, f.start, f.quote] + ([extra] if extra else [])


def unpack_facts(packed: str | None) -> list[Fact]:
    out = []
    for name, value, start, quote, *rest in json.loads(packed) if packed else []:
        extra = rest[0] if rest else {}
        end = extra["end"] if "end" in extra else start + len(quote)
        out.append(Fact(name, value, start, end, quote, extra.get("unit"), extra.get("extractor", BUILTIN)))
    return out
