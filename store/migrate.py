"""Databases written by earlier versions, brought to this one (schema.SCHEMA_VERSION).

- before cells were packed: long-form tables `cells`, `sections`, `facts` (then dropped);
- before texts were compressed (version < 2): `reports.text` and `reports.display_text` (then
  dropped: their content moves to `texts`), and report_data packed by the first packing, whose
  `raw` and `quote` came from the text. Both are repacked so nothing points into the text;
- before findings shared their lists of fields (version < 3): the `findings` table becomes
  finding_rows + field_sets, read and written through the `findings` view.

Runs inside the schema's write transaction, so a database is either wholly migrated or left
as it was. Every report first gets its integer key (`rid`).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .. import fields as F
from ..report import BUILTIN, Cell, Fact, Section
from .packing import pack_cells, pack_facts, pack_sections, unpack_sections
from .schema import FINDING_COLUMNS, VIEW_NAMES
from .text import pack_text

LONG_FORM = ("cells", "sections", "facts")
OLD_TEXT = ("text", "display_text")  # columns of reports before version 2


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def drop_views(conn: sqlite3.Connection) -> None:
    """This schema's views, to be created anew (a long-form table of the same name is left alone)."""
    views = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    for view in VIEW_NAMES:
        if view in views:
            conn.execute(f"DROP VIEW {view}")


def _old_texts(conn: sqlite3.Connection) -> bool:
    return any(t in _tables(conn) for t in LONG_FORM) or bool(set(OLD_TEXT) & _columns(conn, "reports"))


def needs_migration(conn: sqlite3.Connection) -> bool:
    return _old_texts(conn) or "findings" in _tables(conn)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring an older database to this version's storage; returns how many reports were repacked."""
    missing = [r[0] for r in conn.execute("SELECT id FROM reports WHERE rid IS NULL ORDER BY rowid")]
    if missing:
        start = int(conn.execute("SELECT COALESCE(MAX(rid), 0) FROM reports").fetchone()[0])
        conn.executemany("UPDATE reports SET rid = ? WHERE id = ?", [(start + i + 1, sha) for i, sha in enumerate(missing)])
    if not needs_migration(conn):
        return 0
    drop_views(conn)  # they read the old columns (DROP COLUMN refuses while they do); rebuilt by the caller
    if "findings" in _tables(conn):
        _share_fields(conn)
    return _move_texts(conn) if _old_texts(conn) else 0


def _share_fields(conn: sqlite3.Connection) -> None:
    """The findings table's rows into finding_rows, each distinct list of fields once into field_sets."""
    have = _columns(conn, "findings")
    conn.execute("INSERT OR IGNORE INTO field_sets (fields) SELECT DISTINCT fields FROM findings WHERE fields IS NOT NULL")
    rows = [c if c != "fields" else "field_set" for c in FINDING_COLUMNS]
    values = [("(SELECT id FROM field_sets s WHERE s.fields = f.fields)" if c == "fields" else f"f.{c}") if c in have else "NULL"
              for c in FINDING_COLUMNS]
    conn.execute(f"INSERT INTO finding_rows ({', '.join(rows)}) SELECT {', '.join(values)} FROM findings f ORDER BY f.rowid")
    conn.execute("DROP TABLE findings")


def _move_texts(conn: sqlite3.Connection) -> int:
    old = [t for t in LONG_FORM if t in _tables(conn)]
    have = _columns(conn, "reports")
    text_sql, display_sql = ("text" if "text" in have else "NULL"), ("display_text" if "display_text" in have else "NULL")
    long_form = _long_form(conn, old) if old else None
    ids = [r[0] for r in conn.execute("SELECT id FROM reports ORDER BY rid")]
    repacked = 0
    for chunk in range(0, len(ids), 500):  # a chunk at a time: memory stays flat on a large database
        part = ids[chunk : chunk + 500]
        rows = conn.execute(
            f"SELECT r.id, r.rid, r.template, {text_sql}, {display_sql}, d.layout, d.cells, d.sections, d.facts "
            f"FROM reports r LEFT JOIN report_data d ON d.rid = r.rid WHERE r.id IN ({','.join('?' * len(part))})", part).fetchall()
        for sha, rid, template, text, display, layout, cells, sections, facts in rows:
            text = text or ""
            if long_form is not None:
                mine = long_form[0].get(sha, {})
                order = F.fields_for(template) if template in (F.TEMPLATE_2021, F.TEMPLATE_2019) else []
                if order and set(mine) == set(order):
                    mine = {f: mine[f] for f in order}
                found = (mine, long_form[1].get(sha, []), long_form[2].get(sha, []))
            else:
                found = (_first_cells(layout, cells, text), unpack_sections(sections), _first_facts(facts, text))
            repacked += _write(conn, rid, template, *found)
            if text or display is not None:
                conn.execute("INSERT OR REPLACE INTO texts (rid, size, text, display_size, display_text) VALUES (?, ?, ?, ?, ?)",
                             (rid, *pack_text(text), *pack_text(display)))
    for table in old:
        conn.execute(f"DROP TABLE {table}")
    for column in OLD_TEXT:
        if column in have:
            conn.execute(f"ALTER TABLE reports DROP COLUMN {column}")
    return repacked


def _write(conn: sqlite3.Connection, rid: int, template: str | None, cells: dict[str, Cell],
           sections: list[Section], facts: list[Fact]) -> int:
    layout, packed = pack_cells(cells, template)
    row = (rid, layout, packed, pack_sections(sections), pack_facts(facts))
    if not any(row[2:]):
        conn.execute("DELETE FROM report_data WHERE rid = ?", [rid])
        return 0
    conn.execute("INSERT OR REPLACE INTO report_data (rid, layout, cells, sections, facts) VALUES (?, ?, ?, ?, ?)", row)
    return 1


def _long_form(conn: sqlite3.Connection, old: list[str]) -> tuple[dict, dict, dict]:
    cells: dict[str, dict[str, Cell]] = {}
    sections: dict[str, list[Section]] = {}
    facts: dict[str, list[Fact]] = {}
    if "cells" in old:
        for sha, field, value, raw, unit, status, start, end, extractor, alt_value, alt_extractor in conn.execute(
            "SELECT report_id, field, value, raw, unit, status, span_start, span_end, extractor, alt_value, alt_extractor FROM cells"):
            cells.setdefault(sha, {})[field] = Cell(field, value, start, end, extractor or "builtin", raw, unit, status or "ok", alt_value, alt_extractor)
    if "sections" in old:
        for sha, number, title, start, end in conn.execute("SELECT report_id, number, title, span_start, span_end FROM sections ORDER BY report_id, number"):
            sections.setdefault(sha, []).append(Section(number, title, start, end))
    if "facts" in old:
        for sha, name, value, unit, start, end, quote, extractor in conn.execute(
            "SELECT report_id, name, value, unit, span_start, span_end, quote, extractor FROM facts ORDER BY report_id, seq"):
            facts.setdefault(sha, []).append(Fact(name, value, start, end, quote, unit, extractor or "builtin"))
    return cells, sections, facts


# --- the first packing (version 1): raw and quote were the text's span unless stated -------------------

def _first_cells(layout: str | None, packed: str | None, text: str) -> dict[str, Cell]:
    if not packed:
        return {}
    data = json.loads(packed)
    pairs = zip(F.fields_for(layout), data, strict=True) if layout else data.items()
    return {f: _first_cell(f, item, text) for f, item in pairs}


def _first_cell(field_id: str, item: Any, text: str) -> Cell:
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


def _first_facts(packed: str | None, text: str) -> list[Fact]:
    out = []
    for name, value, start, length, *rest in json.loads(packed) if packed else []:
        extra = rest[0] if rest else {}
        end = start + length
        out.append(Fact(name, value, start, end, extra.get("quote", text[start:end]), extra.get("unit"), extra.get("extractor", BUILTIN)))
    return out
