"""Texts stored compressed; packing that needs no text; the views with the plain sqlite3 library;
an older database migrated whole; datasette reads the texts through nianbao's plugin."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
import tomllib
import subprocess
import sys
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import opencc
import pytest
import zstandard
from conftest import SEED_NAMES, SEEDS, expected_cells, golden, run, seed_named

from nianbao.pipeline import process_path
from nianbao.review.data import list_findings, load_report
from nianbao.review.page import render_report
from nianbao.store import Store
from nianbao.store.connection import PAGE_SIZE, StoreError
from nianbao.store.schema import SCHEMA_VERSION
from nianbao.store.text import pack_text, register, unpack_text

ROOT = Path(__file__).resolve().parent.parent
S004 = next(s for s in SEED_NAMES if s.startswith("004"))
# Databases written by earlier versions, `sqlite3 .dump`ed, each holding seed 004, the same in traditional
# characters, an empty file, and one finding confirmed by a person (the static `fields` labels left out):
# storage version 1 by nianbao e66f427 (text in reports.text, packing that read raw and quotes from it),
# version 2 by 8ce6fd5 (texts compressed; a findings table).
OLD_DUMPS = {version: Path(__file__).parent / "data" / f"store_v{version}.sql" for version in (1, 2)}


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "t.db")
    yield s
    s.close()


def traditional(tmp_path):
    path = tmp_path / "trad.txt"
    path.write_text(opencc.OpenCC("s2t").convert(seed_named("004")), encoding="utf-8")
    return process_path(path)


@pytest.mark.parametrize("text", ["", "a", "行政许可 | 290 |\n" * 300, "政府信息公开", "本年新收 | 1 |\n" * 3000])
def test_a_text_packs_and_unpacks_to_itself_compressed_unless_that_is_no_smaller(text):
    size, blob = pack_text(text)
    assert size == len(text.encode("utf-8")) and unpack_text(blob, size) == text
    # sqlar's rule: as is when compressing would not make it smaller (then length = size), else a zstd frame,
    # read here with zstandard itself, not with the function under test
    if len(blob) == size:
        assert blob == text.encode("utf-8") and len(zstandard.ZstdCompressor(level=1).compress(blob)) >= size
    else:
        assert blob[:4] == b"\x28\xb5\x2f\xfd" and zstandard.ZstdDecompressor().decompress(blob) == text.encode("utf-8")
    assert pack_text(None) == (None, None) and unpack_text(None, None) is None


@pytest.mark.parametrize("level", [1, 6, 9])
def test_a_zlib_text_an_earlier_nianbao_wrote_still_reads(level):
    text = seed_named("004")
    data = text.encode("utf-8")
    assert unpack_text(zlib.compress(data, level), len(data)) == text
    assert unpack_text(data, len(data)) == text  # stored as is, as sqlar does


def test_texts_unpack_right_from_several_threads_at_once():
    """datasette calls nianbao_text from a pool of threads: each must get its own text back whole."""
    texts = [(SEEDS / f"{name}.txt").read_text(encoding="utf-8") * (1 + i % 3) for i, name in enumerate(SEED_NAMES * 4)]
    packed = [pack_text(t) for t in texts]

    def read_all(offset: int) -> list[str | None]:
        order = [(i + offset) % len(texts) for i in range(len(texts))] * 5
        return [(i, unpack_text(packed[i][1], packed[i][0]), pack_text(texts[i])) for i in order]

    with ThreadPoolExecutor(8) as pool:
        for results in pool.map(read_all, range(8)):
            for i, text, again in results:
                assert text == texts[i] and unpack_text(again[1], again[0]) == texts[i]


def test_a_database_a_newer_nianbao_wrote_is_refused_in_one_line(tmp_path):
    Store(tmp_path / "new.db").close()
    conn = sqlite3.connect(tmp_path / "new.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    for readonly in (False, True):
        with pytest.raises(StoreError, match=rf"new\.db was written by a newer nianbao \(storage version {SCHEMA_VERSION + 1}; "
                                             rf"this one reads up to {SCHEMA_VERSION}\)"):
            Store(tmp_path / "new.db", readonly=readonly)
    out = subprocess.run([sys.executable, "-m", "nianbao.cli", "overview", "--db", str(tmp_path / "new.db")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode != 0 and "newer nianbao" in out.stdout + out.stderr and "Traceback" not in out.stderr


def test_long_texts_are_stored_compressed(store):
    report = run(seed_named("004"), "004.txt")
    store.save(report)
    [(size, blob)] = store.conn.execute("SELECT size, text FROM texts").fetchall()
    assert size == len(report.text.encode("utf-8")) and len(blob) < 0.6 * size


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_cell_span_points_at_its_printed_digits_in_the_stored_text(store, name):
    report = run((SEEDS / f"{name}.txt").read_text(encoding="utf-8"), f"{name}.txt")
    store.save(report)
    text = store.text_of(report.sha256)
    assert text == report.text
    want = expected_cells(golden(name))
    rows = list(store.db.query("SELECT field, value, raw, span_start, span_end FROM cells WHERE report_id = ?", [report.sha256]))
    assert {r["field"]: r["value"] for r in rows} == want  # the golden values, read from the source by a person
    for r in rows:
        if r["value"] is not None:
            assert text[r["span_start"] : r["span_end"]] == r["raw"] == str(r["value"]), r
    for f in store.db.query("SELECT quote, span_start, span_end FROM facts WHERE report_id = ?", [report.sha256]):
        assert text[f["span_start"] : f["span_end"]] == f["quote"]
    for s in store.db.query("SELECT title, span_start, span_end FROM sections WHERE report_id = ?", [report.sha256]):
        assert s["title"] in text[s["span_start"] : s["span_end"]]


def test_a_traditional_text_keeps_both_texts_and_its_spans(store, tmp_path):
    report = traditional(tmp_path)
    store.save(report)
    text, display = store.texts_of([report.sha256])[report.sha256]
    assert (text, display) == (report.text, report.display_text) and text != display
    [finding] = store.db.query("SELECT span_start, span_end FROM findings WHERE report_id = ? AND rule = 'prose.active_table'", [report.sha256])
    assert display[finding["span_start"] : finding["span_end"]] == "行政許可558件"  # as printed
    assert text[finding["span_start"] : finding["span_end"]] == "行政许可558件"
    [row] = store.db.query("SELECT text, display_text FROM report_text WHERE report_id = ?", [report.sha256])
    assert (row["text"], row["display_text"]) == (text, display)
    page = render_report(load_report(store, report.sha256))
    assert "行政許可558件" in page  # the review page shows the text as printed
    [line] = {r["line"] for r in list_findings(store) if r["rule"] == "prose.active_table"}
    assert line == text[: finding["span_start"]].count("\n") + 1


def test_the_long_form_views_need_no_nianbao_function(store, tmp_path):
    reports = [run((SEEDS / f"{name}.txt").read_text(encoding="utf-8"), f"{name}.txt") for name in SEED_NAMES] + [traditional(tmp_path)]
    for report in reports:
        store.save(report)
    plain = sqlite3.connect(store.path)  # the sqlite3 library as any SQL user has it: no nianbao_text
    plain.row_factory = sqlite3.Row
    by_report = {r.sha256: r for r in reports}
    cells = plain.execute("SELECT * FROM cells").fetchall()
    assert len(cells) == sum(len(r.cells) for r in reports)
    for row in cells:
        c = by_report[row["report_id"]].cells[row["field"]]
        assert (row["value"], row["raw"], row["span_start"], row["span_end"], row["status"], row["extractor"]) == (
            c.value, c.raw, c.start, c.end, c.status, c.extractor)
    facts = plain.execute("SELECT * FROM facts ORDER BY report_id, seq").fetchall()
    assert [(f["name"], f["value"], f["span_start"], f["span_end"], f["quote"]) for f in facts] == [
        (f.name, f.value, f.start, f.end, f.quote) for sha in sorted(by_report) for f in by_report[sha].facts]
    assert plain.execute("SELECT COUNT(*) FROM sections").fetchone()[0] == sum(len(r.sections) for r in reports)
    with pytest.raises(sqlite3.OperationalError, match="nianbao_text"):
        plain.execute("SELECT text FROM report_text").fetchall()
    plain.close()


def _old_database(tmp_path, version: int) -> Path:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_DUMPS[version].read_text(encoding="utf-8"))
    conn.execute("PRAGMA journal_mode=WAL")  # as nianbao wrote it
    conn.close()
    return path


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple]:
    return [tuple(r) for r in conn.execute(sql)]


@pytest.mark.parametrize("version", [1, 2])
def test_a_database_of_an_earlier_storage_is_migrated_whole(tmp_path, version):
    path = _old_database(tmp_path, version)
    before = sqlite3.connect(path)  # what the old version's own views said
    register(before)
    assert before.execute("PRAGMA user_version").fetchone()[0] == (0 if version == 1 else version)
    texts = {i: ("", None) for (i,) in before.execute("SELECT id FROM reports")}
    texts.update((i, (t, d)) for i, t, d in before.execute(
        "SELECT id, text, display_text FROM reports" if version == 1 else "SELECT report_id, text, display_text FROM report_text"))
    views = {v: _rows(before, f"SELECT * FROM {v} ORDER BY 1, 2") for v in ("cells", "sections", "facts")}
    findings = _rows(before, "SELECT * FROM findings ORDER BY report_id, fingerprint")
    before.close()
    assert any(d for _, d in texts.values()) and ("", None) in texts.values()  # a traditional one and the failure

    store = Store(path)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert not {"text", "display_text"} & {c.name for c in store.db["reports"].columns}
    assert store.texts_of(list(texts)) == {i: t for i, t in texts.items() if t != ("", None)}
    assert store.text_of(next(i for i, t in texts.items() if t == ("", None))) == ""
    for view, rows in views.items():
        assert _rows(store.conn, f"SELECT * FROM {view} ORDER BY 1, 2") == rows, view
    assert _rows(store.conn, "SELECT * FROM findings ORDER BY report_id, fingerprint") == findings  # every column, verdicts too
    assert ("confirmed", "核对过") in [(f[11], f[12]) for f in findings]
    want = expected_cells(golden(S004))
    for sha in texts:
        got = store.cells_of([sha]).get(sha)
        assert got is None or {f: c.value for f, c in got.items()} == want
    assert store.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0  # the old texts' space given back
    indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "idx_reports_source_path" in indexes and "idx_reports_status" not in indexes  # schema.DROPPED_INDEXES
    store.save(run(seed_named("000"), "000.txt"))  # and it takes new reports
    store.close()
    again = Store(path)  # opening a migrated database again changes nothing
    marks = ",".join("?" * len(texts))
    for view, rows in views.items():
        assert [tuple(r) for r in again.conn.execute(
            f"SELECT * FROM {view} WHERE report_id IN ({marks}) ORDER BY 1, 2", list(texts))] == rows, view
    again.close()


def test_a_reader_meeting_the_previous_storage_upgrades_it_once(tmp_path):
    path = _old_database(tmp_path, 1)
    store = Store(path, readonly=True)
    texts = [t for (t,) in store.conn.execute("SELECT text FROM report_text")]
    assert len(texts) == store.conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]  # a row per report
    assert sum(1 for t in texts if t) == 2  # the two reports read; the failure's text is ''
    store.close()


def test_datasette_reads_the_texts_through_the_plugin(store, tmp_path):
    from datasette.app import Datasette
    from datasette.plugins import pm

    from nianbao.review import datasette_plugin

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]["datasette"]
    assert declared == {"nianbao": "nianbao.review.datasette_plugin"}  # how an installed nianbao reaches datasette
    if not pm.is_registered(datasette_plugin):  # an editable install made before the entry point existed
        pm.register(datasette_plugin, name="nianbao")
    report = traditional(tmp_path)
    store.save(report)
    ds = Datasette([store.path])

    async def fetch():
        await ds.invoke_startup()
        direct = await ds.get_database().execute("SELECT nianbao_text(display_text, display_size) AS t FROM texts")
        view = await ds.client.get("/t/report_text.json?_shape=array")
        return direct.first()["t"], view

    direct, view = asyncio.run(fetch())
    assert direct == report.display_text
    assert view.status_code == 200 and view.json() == [{"report_id": report.sha256, "text": report.text, "display_text": report.display_text}]


def test_findings_read_and_write_as_the_table_did_with_each_list_of_fields_stored_once(store):
    seed = seed_named("004")
    reports = [run(seed, "a.txt"), run(seed.replace("行政许可 | 290 |", "行政许可 | 291 |"), "b.txt")]
    for report in reports:
        store.save(report)
    plain = sqlite3.connect(store.path)  # any SQLite, no nianbao
    for report in reports:
        got = plain.execute("SELECT rule, fields, message, span_start, span_end, status FROM findings WHERE report_id = ?",
                            [report.sha256]).fetchall()
        assert sorted(got) == sorted((f.rule, json.dumps(f.fields), f.message, f.start, f.end, "open") for f in report.findings)
    lists = {json.dumps(f.fields) for r in reports for f in r.findings}
    assert sum(len(r.findings) for r in reports) > len(lists)  # the two copies share lists of fields…
    assert sorted(r[0] for r in plain.execute("SELECT fields FROM field_sets")) == sorted(lists)  # …stored once each
    sha = reports[0].sha256
    [(fp, fields)] = plain.execute("SELECT fingerprint, fields FROM findings WHERE report_id = ? AND rule = 'prose.active_table'", [sha]).fetchall()
    with plain:  # a SQL user changes, adds and removes findings as before
        plain.execute("UPDATE findings SET status = 'dismissed', note = '已核' WHERE fingerprint = ?", [fp])
        plain.execute("INSERT INTO findings (report_id, fingerprint, rule, severity, fields, message, status) "
                      "VALUES (?, 'Fmanual', 'manual.note', 'info', '[\"active.fees\"]', '人工备注', 'open')", [sha])
    assert plain.execute("SELECT status, note, fields FROM findings WHERE fingerprint = ?", [fp]).fetchone() == ("dismissed", "已核", fields)
    assert plain.execute("SELECT fields FROM findings WHERE fingerprint = 'Fmanual'").fetchone() == ('["active.fees"]',)
    with plain:
        plain.execute("DELETE FROM findings WHERE fingerprint = 'Fmanual'")
    assert plain.execute("SELECT COUNT(*) FROM findings WHERE report_id = ?", [sha]).fetchone()[0] == len(reports[0].findings)
    plain.close()
    assert store.set_verdict(fp, "confirmed") == 2  # the finding on both copies (same organ, year, rule, fields)
    assert {f["status"] for f in store.findings(status="confirmed")} == {"confirmed"} and len(store.findings(status="confirmed")) == 2


def test_a_migration_while_someone_reads_the_file_migrates_and_leaves_compacting(tmp_path):
    path = _old_database(tmp_path, 1)
    other = sqlite3.connect(path)
    other.execute("BEGIN")
    other.execute("SELECT COUNT(*) FROM reports").fetchone()  # a reader holding the file
    started = time.perf_counter()
    store = Store(path)
    assert time.perf_counter() - started < 10  # it did not wait out the busy timeout
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.conn.execute("SELECT COUNT(*) FROM report_text WHERE text != ''").fetchone()[0] == 2
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    other.rollback()
    other.close()
    store.close()


def test_a_migrated_database_is_rewritten_in_this_versions_page_size(tmp_path):
    path = _old_database(tmp_path, 1)
    assert sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0] == 4096
    store = Store(path)
    assert [store.conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_size", "journal_mode", "freelist_count")] == [PAGE_SIZE, "wal", 0]
    store.close()


def test_report_text_has_a_row_for_every_report_a_failures_text_empty(tmp_path):
    """As reports.text was before texts were compressed: a failure's text is '', not a missing row."""
    store = Store(tmp_path / "t.db")
    store.save_failure("bad.txt", "0" * 64, "empty file")
    rows = store.conn.execute("SELECT report_id, text, display_text FROM report_text").fetchall()
    assert rows == [("0" * 64, "", None)]
