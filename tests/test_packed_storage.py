"""One row per report: packed cells, sections and facts read back exactly, through the store and the SQL views."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import SEED_NAMES, SEEDS, run, seed_named

from nianbao import fields as F
from nianbao.report import Cell, Fact
from nianbao.store import Store
from nianbao.store.packing import _DUMP, _any_cell, _cell, _cell_json, pack_cells, pack_facts, unpack_cells, unpack_facts


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "t.db")
    yield s
    s.close()


def long_form(report) -> list[dict]:
    return sorted(({"report_id": report.sha256, "field": c.field, "value": c.value, "raw": c.raw, "unit": c.unit,
                    "status": c.status, "span_start": c.start, "span_end": c.end, "extractor": c.extractor,
                    "alt_value": c.alt_value, "alt_extractor": c.alt_extractor} for c in report.cells.values()),
                  key=lambda r: r["field"])


def odd_report():
    """Seed 004 with every kind of cell the readers produce: units, another reader's value, unreadable, split."""
    report = run(seed_named("004"), "odd.txt")
    cells = report.cells
    fees = cells["active.fees"]
    cells["active.fees"] = Cell("active.fees", 1.5, fees.start, fees.end, "builtin+llm:m/table_v1", "1.5万元", "万元", "ok", 15000, "llm:m")
    cells["applications.new.total"] = Cell("applications.new.total", None, 10, 11, "builtin", "—", None, "unreadable")
    cells["applications.new.research"] = Cell("applications.new.research", 7, 20, 22, "builtin", None)  # a span, no raw
    cells["appeals.review.total"] = Cell("appeals.review.total", 0, None, None, "builtin", None, status="ok")
    report.facts.append(Fact("proactive.total", 91, 5, 9, "主动公开信息91条", "条", "llm:m"))
    return report


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_seed_reads_back_cell_for_cell(store, name):
    report = run((SEEDS / f"{name}.txt").read_text(encoding="utf-8"), f"{name}.txt")
    store.save(report)
    assert store.cells_of([report.sha256])[report.sha256] == report.cells
    rows = sorted(store.db.query("SELECT * FROM cells WHERE report_id = ?", [report.sha256]), key=lambda r: r["field"])
    assert rows == long_form(report)
    assert [r["field"] for r in store.db.query("SELECT field FROM cells WHERE report_id = ?", [report.sha256])] == F.fields_for(report.template)


def test_odd_cells_and_facts_read_back_exactly(store):
    report = odd_report()
    store.save(report)
    assert store.cells_of([report.sha256])[report.sha256] == report.cells
    assert sorted(store.db.query("SELECT * FROM cells WHERE report_id = ?", [report.sha256]), key=lambda r: r["field"]) == long_form(report)
    facts = list(store.db.query("SELECT * FROM facts WHERE report_id = ? ORDER BY seq", [report.sha256]))
    assert [(f["name"], f["value"], f["span_start"], f["span_end"], f["quote"], f["unit"], f["extractor"]) for f in facts] == [
        (f.name, f.value, f.start, f.end, f.quote, f.unit, f.extractor) for f in report.facts]
    sections = list(store.db.query("SELECT number, title, span_start, span_end FROM sections WHERE report_id = ?", [report.sha256]))
    assert sections == [{"number": s.number, "title": s.title, "span_start": s.start, "span_end": s.end} for s in report.sections]


def test_cells_that_are_not_a_whole_format_pack_by_field_id():
    report = odd_report()
    some = {f: report.cells[f] for f in list(report.cells)[:5][::-1]}  # a few, out of order
    layout, packed = pack_cells(some, report.template)
    assert layout is None and unpack_cells(layout, packed) == some
    layout, packed = pack_cells(report.cells, report.template)
    assert layout == report.template and unpack_cells(layout, packed) == report.cells
    assert packed == _DUMP([_any_cell(c) for c in report.cells.values()])  # the cells written out as the encoder would
    assert unpack_facts(pack_facts(report.facts)) == report.facts


EDGE_CELLS = [  # each near one of the two usual cells, off in one way; the fast paths must hand them on
    Cell("f", 12, 3, 5, "builtin", "12"), Cell("f", None, status="blank"),
    Cell("f", 12, 3, 6, "builtin", "12"), Cell("f", 12, 3, 5, "builtin", "12 "), Cell("f", 12, 3, 5, "builtin", None),
    Cell("f", 12, 3, 5, "llm:m", "12"), Cell("f", 12, 3, 5, "builtin", "12", "件"), Cell("f", 12, 3, 5, "builtin", "12", status="inferred"),
    Cell("f", 12, 3, 5, "builtin", "12", alt_value=13), Cell("f", 12, 3, 5, "builtin", "12", alt_extractor="llm:m"),
    Cell("f", 12, None, 5, "builtin", "12"), Cell("f", 12, 3, None, "builtin", "12"), Cell("f", 12, None, None, "builtin", "12"),
    Cell("f", 12.0, 3, 5, "builtin", "12"), Cell("f", 12.5, 3, 7, "builtin", "12.5"), Cell("f", True, 3, 4, "builtin", "True"),
    Cell("f", -4, 3, 5, "builtin", "-4"), Cell("f", 0, 0, 1, "builtin", "0"), Cell("f", 10**30, 3, 34, "builtin", str(10**30)),
    Cell("f", 12, 3.0, 5.0, "builtin", "12"), Cell("f", 12, True, 3, "builtin", "12"),
    Cell("f", None, 3, 4, "builtin", "—", status="unreadable"), Cell("f", None, None, None, "builtin", "", status="blank"),
    Cell("f", None, None, None, "builtin", None, status="ok"), Cell("f", None, 3, None, "builtin", None, status="blank"),
    Cell("f", None, None, 4, "builtin", None, status="blank"), Cell("f", None, None, None, "builtin", None, "件", "blank"),
]


@pytest.mark.parametrize("cell", EDGE_CELLS + list(odd_report().cells.values()))
def test_the_fast_cell_packings_agree_with_the_general_one(cell):
    assert _cell(cell) == _any_cell(cell)
    assert _cell_json(cell) == _DUMP(_any_cell(cell))


def test_one_row_per_report_and_integer_keys(store):
    for name in SEED_NAMES:
        store.save(run((SEEDS / f"{name}.txt").read_text(encoding="utf-8"), f"{name}.txt"))
    assert store.db["report_data"].count == 5
    rids = [r[0] for r in store.conn.execute("SELECT rid FROM reports ORDER BY rid")]
    assert rids == [1, 2, 3, 4, 5]


def test_a_failure_stores_its_reason_only(store):
    store.save_failure("bad.txt", "0" * 64, "empty file")
    assert store.db["report_data"].count == 0 and store.db["cells"].count == 0
    assert store.db["reports"].get("0" * 64)["error"] == "empty file"


OLD_SCHEMA = """
CREATE TABLE reports (id TEXT PRIMARY KEY, source TEXT, status TEXT, error TEXT, template TEXT, organ TEXT, year INTEGER,
    report_key TEXT, text TEXT, extracted_at TEXT);
CREATE TABLE cells (report_id TEXT NOT NULL, field TEXT NOT NULL, value NUMERIC, raw TEXT, unit TEXT, status TEXT,
    span_start INTEGER, span_end INTEGER, extractor TEXT, alt_value NUMERIC, alt_extractor TEXT, PRIMARY KEY (report_id, field)) WITHOUT ROWID;
CREATE TABLE sections (report_id TEXT NOT NULL, number INTEGER, title TEXT, span_start INTEGER, span_end INTEGER,
    PRIMARY KEY (report_id, number)) WITHOUT ROWID;
CREATE TABLE facts (report_id TEXT NOT NULL, seq INTEGER, name TEXT, value NUMERIC, unit TEXT, span_start INTEGER,
    span_end INTEGER, quote TEXT, extractor TEXT, PRIMARY KEY (report_id, seq)) WITHOUT ROWID;
"""


def test_an_old_long_form_database_is_migrated_whole(tmp_path):
    report = odd_report()
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    conn.execute("INSERT INTO reports (id, source, status, template, organ, year, text) VALUES (?, ?, 'ok', ?, ?, ?, ?)",
                 [report.sha256, report.source, report.template, report.organ, report.year, report.text])
    conn.executemany("INSERT INTO cells VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [tuple(r.values()) for r in long_form(report)])
    conn.executemany("INSERT INTO sections VALUES (?, ?, ?, ?, ?)", [(report.sha256, s.number, s.title, s.start, s.end) for s in report.sections])
    conn.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        (report.sha256, i, f.name, f.value, f.unit, f.start, f.end, f.quote, f.extractor) for i, f in enumerate(report.facts)])
    conn.commit()
    conn.close()
    store = Store(path)
    assert {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")} >= {"cells", "sections", "facts"}
    assert store.cells_of([report.sha256])[report.sha256] == report.cells
    assert sorted(store.db.query("SELECT * FROM cells"), key=lambda r: r["field"]) == long_form(report)
    assert store.db["facts"].count == len(report.facts) and store.db["sections"].count == len(report.sections)
    store.close()
