"""A database written before cells were packed: its long-form tables become report_data rows.

Runs inside the schema's write transaction, so a database is either wholly migrated or
left as it was. Every report first gets its integer key (`rid`).
"""

from __future__ import annotations

import sqlite3

from .. import fields as F
from ..report import Cell, Fact, Section
from .packing import pack_cells, pack_facts, pack_sections

LONG_FORM = ("cells", "sections", "facts")


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def migrate_long_form(conn: sqlite3.Connection) -> int:
    """Pack an older database's long-form tables (then drop them); returns how many reports were packed."""
    tables = _tables(conn)
    missing = [r[0] for r in conn.execute("SELECT id FROM reports WHERE rid IS NULL ORDER BY rowid")]
    if missing:
        start = int(conn.execute("SELECT COALESCE(MAX(rid), 0) FROM reports").fetchone()[0])
        conn.executemany("UPDATE reports SET rid = ? WHERE id = ?", [(start + i + 1, sha) for i, sha in enumerate(missing)])
    old = [t for t in LONG_FORM if t in tables]
    if not old:
        return 0
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
    packed = 0
    for sha, rid, template, text in conn.execute("SELECT id, rid, template, text FROM reports").fetchall():
        text = text or ""
        mine = cells.get(sha, {})
        order = F.fields_for(template) if template in (F.TEMPLATE_2021, F.TEMPLATE_2019) else []
        if order and set(mine) == set(order):
            mine = {f: mine[f] for f in order}
        layout, packed_cells = pack_cells(mine, template, text)
        row = (rid, layout, packed_cells, pack_sections(sections.get(sha, [])), pack_facts(facts.get(sha, []), text))
        if any(row[2:]):
            conn.execute("INSERT OR REPLACE INTO report_data (rid, layout, cells, sections, facts) VALUES (?, ?, ?, ?, ?)", row)
            packed += 1
    for table in old:
        conn.execute(f"DROP TABLE {table}")
    return packed
