"""The first hour of a new user: what extract says next, show by any name, no "None" anywhere a
person reads, and failure reasons in Chinese on the Chinese pages."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from conftest import SEEDS, seed_named
from region_gen import CITY, MISPRINTED, generate
from typer.testing import CliRunner

from nianbao import cli
from nianbao.pipeline import process_path
from nianbao.review.reasons import UNKNOWN, chinese_reason


def invoke(*args):
    return CliRunner().invoke(cli.app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def seeds_db(tmp_path) -> Path:
    db = tmp_path / "s.db"
    assert invoke("extract", SEEDS, "--db", db).exit_code == 0
    return db


def test_extract_ends_with_the_command_to_look_at_the_results(tmp_path):
    db = tmp_path / "my reports.db"
    result = invoke("extract", SEEDS, "--db", db)
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("look at the results: nianbao serve --db ") and "'" + str(db) + "'" in last
    assert "look at the results" not in invoke("extract", SEEDS, "--json").stderr  # nothing stored: nothing to look at


def test_show_by_id_prefix_path_or_file_name_and_candidates_otherwise(seeds_db):
    seed = next(SEEDS.glob("004*"))
    by_name = invoke("show", seed.name, "--db", seeds_db)
    assert by_name.exit_code == 0 and "安居镇" in by_name.stdout
    assert invoke("show", str(seed), "--db", seeds_db).stdout == by_name.stdout
    report_id = json.loads(invoke("review", "--db", seeds_db, "--json", "--severity", "error").stdout.splitlines()[0])["report_id"]
    assert invoke("show", report_id[:10], "--db", seeds_db).stdout == by_name.stdout
    unknown = invoke("show", "安居", "--db", seeds_db)
    assert unknown.exit_code == 1 and "did you mean" in unknown.stderr and "004_" in unknown.stderr


def test_a_name_two_files_share_is_ambiguous_and_both_are_listed(tmp_path):
    for folder, seed in (("a", "004"), ("b", "000")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(seed_named(seed), encoding="utf-8")
    db = tmp_path / "two.db"
    invoke("extract", tmp_path / "a", tmp_path / "b", "--db", db, "-q")
    ambiguous = invoke("show", "report.txt", "--db", db)
    assert ambiguous.exit_code == 1 and "matches 2 reports" in ambiguous.stderr
    listed = {line.split()[0] for line in ambiguous.stderr.splitlines()[1:]}
    assert listed == {i[:12] for i in ids_all(db)}
    assert invoke("show", str(tmp_path / "a" / "report.txt"), "--db", db).exit_code == 0  # the path is not ambiguous


def ids_all(db: Path) -> list[str]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM reports")]


# --- failure reasons in Chinese -----------------------------------------------------------------------
def bad_inputs(folder: Path) -> list[Path]:
    folder.mkdir()
    files = {
        "empty.txt": b"",
        "archive.zip": None,
        "binary.bin": bytes(range(256)) * 20,
        "fake.pdf": "不是PDF".encode() * 20 + bytes(range(256)),
        "notes.txt": "会议纪要\n今天讨论了工作安排。\n".encode(),
        "cut.txt": "\n".join(seed_named("004").splitlines()[:8]).encode(),
    }
    out = []
    for name, data in files.items():
        path = folder / name
        if data is None:
            with zipfile.ZipFile(path, "w") as z:
                z.writestr("a.txt", "x")
        else:
            path.write_bytes(data)
        out.append(path)
    out.append(folder / "missing.txt")
    return out


def test_every_failure_reason_has_its_chinese(tmp_path):
    for path in bad_inputs(tmp_path / "bad"):
        report = process_path(path)
        assert report.status == "failed", path
        chinese = chinese_reason(report.error)
        assert not chinese.startswith(UNKNOWN.split("{")[0]), (path.name, report.error)
        latin = re.sub(r"--max-bytes|PDF|%%EOF|%PDF|\.docx|\.pdf|OCR|rowspan|colspan", "", chinese)
        assert not re.search(r"[A-Za-z]{3,}", latin), (path.name, chinese)


def test_failed_reports_read_in_chinese_on_the_pages(tmp_path):
    folder = tmp_path / "in"
    bad_inputs(folder)
    db = tmp_path / "f.db"
    invoke("extract", folder, "--db", db, "-q")
    assert invoke("overview", "--db", db, "--html", tmp_path / "out" / "index.html").exit_code == 0
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "空文件" in index and "这是压缩包" in index and "不是政府信息公开工作年度报告" in index
    assert "empty file" not in index and "zip archive" not in index
    page = next(p for p in (tmp_path / "out").glob("report-*.html") if "空文件" in p.read_text(encoding="utf-8"))
    assert "读取失败" in page.read_text(encoding="utf-8")


# --- no "None" where a person reads -----------------------------------------------------------------------
def test_no_none_in_any_page_workbook_or_letter(tmp_path):
    import docx
    from openpyxl import load_workbook

    region = generate()
    region.write(tmp_path / "in")
    bad_inputs(tmp_path / "in" / "bad")
    (tmp_path / "organs.csv").write_text(region.roster_csv(), encoding="utf-8")
    db = tmp_path / "r.db"
    invoke("extract", tmp_path / "in", "--db", db, "-q")
    invoke("roster", "import", tmp_path / "organs.csv", "--db", db)
    for line in invoke("review", "--db", db, "--json", "--severity", "error").stdout.splitlines():
        invoke("review", "--db", db, "confirm", json.loads(line)["fingerprint"])
    out = tmp_path / "out"
    for args in (["overview", "--html", out / "index.html"], ["export", "--xlsx", out / "export.xlsx"],
                 ["aggregate", "--year", 2024, "--html", out, "--xlsx", out / "agg.xlsx"],
                 ["trends", region.report(*MISPRINTED).organ.name, "--html", out, "--xlsx", out / "trend.xlsx"],
                 ["rankings", "--year", 2024, "--html", out, "--xlsx", out / "rank.xlsx"],
                 ["letters", "--year", 2024, "--out", out / "letters"]):
        result = invoke(*args, "--db", db)
        assert result.exit_code == 0, (args, result.output)
    pages = list(out.glob("*.html"))
    assert len(pages) > 30
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "None" not in text, page.name
    for book in out.glob("*.xlsx"):
        for sheet in load_workbook(book).worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert "None" not in str(cell.value if cell.value is not None else ""), (book.name, sheet.title, cell.coordinate)
    letters = list((out / "letters").glob("*.docx"))
    assert len(letters) >= 3 and any(CITY in p.name for p in letters)
    for letter in letters:
        document = docx.Document(str(letter))
        text = "\n".join([p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells])
        assert "None" not in text and "null" not in text, letter.name


def test_the_reasons_batches_and_scans_give_are_in_chinese_too():
    from nianbao.batch import MEMORY_REASON
    from nianbao.load import NO_TEXT
    from nianbao.load.pdf_failures import TRUNCATED

    for reason in (MEMORY_REASON, NO_TEXT, TRUNCATED, "scanned PDF: OCR found no text on its 3 page(s)",
                   "took longer than 30 s to read (--file-timeout); stopped", "image: OCR found no text in it",
                   "the process reading this file stopped unexpectedly (exit code 3); not read"):
        chinese = chinese_reason(reason)
        assert not chinese.startswith(UNKNOWN.split("{")[0]) and not re.search(r"[a-z]{4,}", chinese.replace("--file-timeout", "")), (reason, chinese)
    assert chinese_reason(NO_TEXT) != chinese_reason("no text layer (a scanned PDF?); OCR is not supported")
