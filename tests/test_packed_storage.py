"""One row per report: packed cells, sections and facts read back exactly, through the store and the SQL views."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import SEED_NAMES, SEEDS, run, seed_named

from nianbao import fields as F
from nianbao.report import Cell, Fact
from nianbao.store import Store
from nianbao.store.encoding import one_shot
from nianbao.store.packing import (
    _DUMP, _any_cell, _any_fact, _cell, _cell_json, _cells_json, pack_cells, pack_facts, unpack_cells, unpack_facts,
)


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
    # at the ends of the table of small numbers' digits (packing._SMALL_DECIMALS); a negative must not index it from the end
    Cell("f", 1023, 3, 7, "builtin", "1023"), Cell("f", 1024, 3, 7, "builtin", "1024"), Cell("f", -1, 3, 7, "builtin", "1023"),
    Cell("f", None, 3, 4, "builtin", "—", status="unreadable"), Cell("f", None, None, None, "builtin", "", status="blank"),
    Cell("f", None, None, None, "builtin", None, status="ok"), Cell("f", None, 3, None, "builtin", None, status="blank"),
    Cell("f", None, None, 4, "builtin", None, status="blank"), Cell("f", None, None, None, "builtin", None, "件", "blank"),
    # a blank off in a slot the int's branch tests first (the cell loop tests the two usual cells' slots apart)
    Cell("f", None, None, None, "llm:m", None, status="blank"), Cell("f", None, None, None, "builtin", None, status="blank", alt_value=3),
    Cell("f", None, None, None, "builtin", None, status="blank", alt_extractor="llm:m"),
    Cell("f", True, 3, 4, "builtin", "1"), Cell("f", False, 3, 4, "builtin", "0"),  # a bool is written true/false
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


def random_cell(rng) -> Cell:
    """Mostly the two usual cells, each often off in one slot (the way EDGE_CELLS are), sometimes in several."""
    value = rng.choice([None, None, 0, 0, 7, 12, -4, -1, 1023, 1024, 10**12, 1.5, 12.0, True])
    start = rng.choice([None, 0, 3, 3, 17, 3.0, True]) if value is not None else rng.choice([None, None, None, 3])
    digits = str(value) if value is not None else None
    end = (start + len(digits) if digits is not None and isinstance(start, int) else None) if rng.random() < 0.8 else rng.choice([None, 5, 9])
    raw = digits if rng.random() < 0.85 else rng.choice([None, "", "—", "12 ", "007", "12", "1023"])
    status = ("blank" if value is None else "ok") if rng.random() < 0.85 else rng.choice(["ok", "blank", "unreadable", "ambiguous"])
    extractor = "builtin" if rng.random() < 0.85 else rng.choice(["builtin:split", "llm:m", "builtin+llm:m/table_v1"])
    unit = None if rng.random() < 0.9 else rng.choice(["件", "万元", ""])
    alt_value = None if rng.random() < 0.9 else rng.choice([0, 13, 2.5])
    alt_extractor = None if rng.random() < 0.9 else "llm:m"
    return Cell("f", value, start, end, extractor, raw, unit, status, alt_value, alt_extractor)


def test_the_cell_loop_agrees_with_the_general_packing_on_random_cells():
    import random

    rng = random.Random(17)
    for _ in range(300):
        cells = [random_cell(rng) for _ in range(rng.randint(1, 40))]
        assert _cells_json(cells) == [_DUMP(_any_cell(c)) for c in cells]
        assert [_cell_json(c) for c in cells] == [_DUMP(_cell(c)) for c in cells]


def test_the_usual_fact_packs_as_the_general_one_on_random_facts():
    import random

    rng = random.Random(17)
    for _ in range(300):
        facts = []
        for _ in range(rng.randint(1, 12)):
            quote = rng.choice(["主动公开信息91条", "收到申请12件", "", None]) if rng.random() < 0.3 else "新增政府信息公开申请8件"
            start = rng.choice([0, 5, 120])
            end = start + len(quote or "") + (0 if rng.random() < 0.8 else rng.choice([1, -1]))
            facts.append(Fact(rng.choice(["proactive.total", "applications.new.total"]), rng.choice([0, 8, 91, 1.5]), start, end, quote,
                              None if rng.random() < 0.8 else rng.choice(["条", "件", ""]),
                              "builtin" if rng.random() < 0.8 else rng.choice(["llm:m", "builtin:split"])))
        assert pack_facts(facts) == _DUMP([_any_fact(f) for f in facts])
        assert unpack_facts(pack_facts(facts)) == facts


def random_json(rng, depth: int = 0):
    kind = rng.randrange(9 if depth < 3 else 6)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False, 0, -1, 7, 10**20, -(10**19)])
    if kind == 2:
        return rng.choice([0.0, -0.0, 1.5, 1e300, 2.5e-8, 12.0])
    if kind in (3, 4, 5):
        return "".join(rng.choice(['a', '"', "\\", "\n", "\x00", "\x1f", "\x7f", "é", "公开", "\u2028", "😀", "\ud800", "/"])
                       for _ in range(rng.randrange(6)))
    if kind in (6, 7):
        return [random_json(rng, depth + 1) for _ in range(rng.randrange(5))]
    return {rng.choice(["end", "unit", "公开", "a\"b", 3, 2.5, None, True]): random_json(rng, depth + 1) for _ in range(rng.randrange(4))}


@pytest.mark.parametrize("encoder", [
    json.JSONEncoder(), json.JSONEncoder(ensure_ascii=False), json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)])
def test_the_encoder_built_once_writes_what_encode_writes(encoder):
    import random

    rng = random.Random(17)
    fast = one_shot(encoder)
    for _ in range(2000):
        value = random_json(rng)
        assert fast(value) == encoder.encode(value)
    for bad in (float("nan"), [float("inf")], {"a": object()}, {(1, 2): 3}):  # refused alike, or written alike
        try:
            expected = encoder.encode(bad)
        except (ValueError, TypeError) as exc:
            with pytest.raises(type(exc)):
                fast(bad)
        else:
            assert fast(bad) == expected
