"""A batch of any size with flat memory: inputs walked lazily in the order they always had, stored
stamps looked up a chunk at a time, and the cross-year check finding the run's reports (and their
partners) in the database instead of in a list the writer keeps."""

from __future__ import annotations

import os
from pathlib import Path

import sqlite_utils
from conftest import SEEDS, seed_named

from nianbao import batch
from nianbao import store as store_module
from nianbao.batch import BatchOptions, run_batch
from nianbao.pipeline import SKIPPED_SUFFIXES, count_inputs, expand_inputs
from nianbao.store import Store

S004_FORWARD = "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"


def extract(items, db: Path, on_report=None, **options) -> batch.BatchResult:
    store = Store(db)
    try:
        return run_batch(items, store, BatchOptions(**{"jobs": 1, **options}), on_report=on_report)
    finally:
        store.close()


def test_a_folder_is_walked_lazily_in_the_order_sorted_rglob_gave(tmp_path):
    root = tmp_path / "tree"
    for name in ("a/sub/y.txt", "a/sub.txt", "a/x.txt", "a b.txt", "a-b/z.txt", "a.txt", "B/q.txt", "Z.TXT",
                 ".hidden.txt", ".hid/inner.txt", "style.css"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    (root / "empty").mkdir()
    os.symlink(root / "a" / "x.txt", root / "link.txt")  # a link to a file is that file
    os.symlink(root / "a", root / "linkdir")  # a linked folder is not entered (as rglob did not)
    os.symlink(root / "nowhere", root / "broken.txt")

    walked = expand_inputs([str(root)])
    assert not isinstance(walked, list)
    got = [str(p.relative_to(root)) for p, problem in walked if problem is None]
    # Paths sort part by part: "a/sub/y.txt" before "a/sub.txt" ("sub" < "sub.txt"), folder "a" before "a b.txt".
    assert got == [".hid/inner.txt", "B/q.txt", "Z.TXT", "a/sub/y.txt", "a/sub.txt", "a/x.txt", "a b.txt", "a-b/z.txt",
                   "a.txt", "link.txt"]
    old_way = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert [p for p, _ in expand_inputs([str(root)])] == [p for p in old_way if p.suffix.lower() not in SKIPPED_SUFFIXES]
    assert count_inputs([str(root), str(root / "nothing"), str(root / "*.nomatch")]) == len(got) + 2  # problems count as inputs


def test_run_batch_takes_a_generator_and_records_how_many_inputs_it_drew(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (folder / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    seen: list[str] = []
    result = extract(expand_inputs([str(folder)]), tmp_path / "t.db", on_report=lambda r: seen.append(r.source))
    assert result.status == "done" and result.stats["ok"] == 5
    assert seen == [str(p) for p in sorted(folder.iterdir())]
    run = next(sqlite_utils.Database(tmp_path / "t.db").query("SELECT n_inputs, n_ok FROM runs"))
    assert run == {"n_inputs": 5, "n_ok": 5}


def test_unchanged_files_are_skipped_across_many_look_up_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "STAMP_CHUNK", 4)  # 15 inputs: four look-ups, edits in the first, second and last
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        for seed in sorted(SEEDS.glob("*.txt")):
            (folder / f"{i}_{seed.name}").write_text(seed.read_text(encoding="utf-8") + f"\n（第{i}份）\n", encoding="utf-8")
    files = sorted(folder.iterdir())
    db = tmp_path / "t.db"
    first = extract(expand_inputs([str(folder)]), db)
    assert (first.stats["ok"], first.stats["skipped"]) == (15, 0)

    read: list[str] = []
    again = extract(expand_inputs([str(folder)]), db, on_report=lambda r: read.append(r.source))
    assert (again.stats["ok"], again.stats["skipped"], read) == (0, 15, [])

    edited = [files[0], files[5], files[14]]
    for path in edited:
        path.write_text(path.read_text(encoding="utf-8") + "\n（改）\n", encoding="utf-8")
    skipped: list[int] = []
    store = Store(db)
    try:
        third = run_batch(expand_inputs([str(folder)]), store, BatchOptions(jobs=2), on_report=lambda r: read.append(r.source),
                          on_skipped=skipped.append)
    finally:
        store.close()
    assert (third.stats["ok"], third.stats["skipped"]) == (3, 12)
    assert read == [str(p) for p in edited]  # in input order
    assert sum(skipped) == 12  # the progress bar is told about every skipped input

    forced = extract(expand_inputs([str(folder)]), db, force=True)
    assert (forced.stats["ok"], forced.stats["skipped"]) == (15, 0)
    current = list(sqlite_utils.Database(db).query("SELECT source FROM reports WHERE current = 1 ORDER BY source"))
    assert [r["source"] for r in current] == [str(p) for p in files]


def test_a_file_given_twice_is_looked_up_as_before_the_run(tmp_path, monkeypatch):
    """Stamps are looked up while the run stores: a version the run stored itself must not make a later mention 'unchanged'."""
    monkeypatch.setattr(batch, "STAMP_CHUNK", 1)  # each input looked up when drawn, after the ones before it were stored
    path, other = tmp_path / "a.txt", tmp_path / "b.txt"
    path.write_text(seed_named("001"), encoding="utf-8")
    other.write_text(seed_named("002"), encoding="utf-8")
    db = tmp_path / "t.db"
    extract([(path, None), (other, None)], db)
    path.write_text(seed_named("001") + "\n（改）\n", encoding="utf-8")
    changed = extract([(path, None), (other, None), (path, None)], db)
    assert (changed.stats["ok"], changed.stats["skipped"]) == (2, 1)  # both mentions of the edited file read
    unchanged = extract([(path, None), (other, None), (path, None)], db)
    assert (unchanged.stats["ok"], unchanged.stats["skipped"]) == (0, 3)


def _history(db: Path) -> dict[str, list[str]]:
    rows = sqlite_utils.Database(db).query(
        "SELECT r.source, f.message FROM findings f JOIN reports r ON r.id = f.report_id WHERE f.rule = 'history.carried_over' "
        "ORDER BY r.source")
    out: dict[str, list[str]] = {}
    for r in rows:
        out.setdefault(Path(r["source"]).name, []).append(r["message"])
    return out


def test_the_cross_year_check_finds_the_runs_reports_and_their_partners_in_the_database(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "YEARS_CHUNK", 2)  # the run's reports walked two at a time
    this_year = seed_named("004")  # 随县安居镇 2024, carried over 0 in every column
    last_year = "随县安居镇2023年政府信息公开工作年度报告\n" + this_year.replace("2024", "2023")
    folder = tmp_path / "in"
    folder.mkdir()
    # Two copies of last year's report: the later extracted one (b_) is the one compared with.
    (folder / "a_2023.txt").write_text(last_year.replace(S004_FORWARD, "四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |"), encoding="utf-8")
    (folder / "b_2023.txt").write_text(last_year.replace(S004_FORWARD, "四、结转下年度继续办理 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |"), encoding="utf-8")
    for name in ("c_2024.txt", "d_2024.txt", "e_2024.txt"):
        (folder / name).write_text(this_year + f"\n（{name}）\n", encoding="utf-8")
    db = tmp_path / "t.db"
    first = extract(expand_inputs([str(folder)]), db)
    found = _history(db)
    assert sorted(found) == ["c_2024.txt", "d_2024.txt", "e_2024.txt"]
    assert all(len(m) == 1 and "b_2023.txt" in m[0] and "上年结转下年5" in m[0] for m in found.values())
    assert first.stats["history"] == 3

    # A stale state a run must not repair unless it touches the report: drop one report's finding by hand.
    d = sqlite_utils.Database(db)
    d.execute("DELETE FROM findings WHERE rule = 'history.carried_over' AND report_id = "
              "(SELECT id FROM reports WHERE source LIKE '%d_2024.txt')")
    d.conn.commit()
    other = tmp_path / "other"
    other.mkdir()
    (other / "000.txt").write_text(seed_named("000"), encoding="utf-8")
    extract(expand_inputs([str(other)]), db)  # a run about another organ: 随县安居镇's reports are not re-checked
    assert sorted(_history(db)) == ["c_2024.txt", "e_2024.txt"]

    # Last year's report corrected (b_ now carries 0 forward): this run stored only b_, found by its run_id,
    # and its next-year partners (c_, d_, e_, unchanged and not read again) are re-checked against it.
    b = folder / "b_2023.txt"
    b.write_text(last_year, encoding="utf-8")
    fixed = extract(expand_inputs([str(folder)]), db)
    assert (fixed.stats["ok"], fixed.stats["skipped"]) == (1, 4)
    assert _history(db) == {}
    counts = list(d.query("SELECT n_errors, (SELECT COUNT(*) FROM findings f WHERE f.report_id = r.id AND f.severity = 'error') AS n "
                          "FROM reports r WHERE current = 1 AND source LIKE '%2024.txt'"))
    assert len(counts) == 3 and all(c["n_errors"] == c["n"] for c in counts)  # each one's count recomputed


def _two_years(tmp_path: Path, last_years_organ: str) -> Path:
    """A folder of 随县安居镇's 2024 report (carried over 0 in every column) and, titled as `last_years_organ`'s,
    the 2023 one carrying 5 forward: a cross-year finding on the 2024 report once the two are matched."""
    this_year = seed_named("004")
    last_year = f"{last_years_organ}2023年政府信息公开工作年度报告\n" + this_year.replace("2024", "2023").replace(
        S004_FORWARD, "四、结转下年度继续办理 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_2023.txt").write_text(last_year, encoding="utf-8")
    (folder / "b_2024.txt").write_text(this_year, encoding="utf-8")
    return folder


def test_a_report_that_loses_its_partner_loses_its_cross_year_finding_and_its_count(tmp_path):
    folder = _two_years(tmp_path, "城关镇")
    db = tmp_path / "t.db"
    extract(expand_inputs([str(folder)]), db)
    assert _history(db) == {}  # 城关镇 is not 随县安居镇 until a person says so
    store = Store(db)
    try:
        store.set_alias("城关镇", "随县安居镇")
        assert store.check_across_years() == 1
        assert list(_history(db)) == ["b_2024.txt"]
        assert _counts_match(store)
        store.set_alias("城关镇", None)  # taken back: the finding goes, and the report's counts with it
        assert store.check_across_years() == 0
        assert _history(db) == {}
        assert _counts_match(store)
    finally:
        store.close()


def _counts_match(store: Store) -> bool:
    rows = list(store.db.query(
        "SELECT n_errors, n_warnings, (SELECT COUNT(*) FROM findings f WHERE f.report_id = r.id AND f.severity = 'error') AS e, "
        "(SELECT COUNT(*) FROM findings f WHERE f.report_id = r.id AND f.severity = 'warning') AS w FROM reports r"))
    return len(rows) == 2 and all((r["n_errors"], r["n_warnings"]) == (r["e"], r["w"]) for r in rows)


def test_reports_of_an_interrupted_run_are_checked_across_years_by_the_next_run(tmp_path):
    folder = _two_years(tmp_path, "随县安居镇")
    db = tmp_path / "t.db"

    def stop_after_both(report):
        if report.source.endswith("b_2024.txt"):
            raise KeyboardInterrupt  # as a Ctrl-C once both reports are stored

    interrupted = extract(expand_inputs([str(folder)]), db, on_report=stop_after_both)
    assert interrupted.status == "interrupted" and interrupted.stats["ok"] == 2
    assert _history(db) == {}  # an interrupted run stops before its cross-year check

    again = extract(expand_inputs([str(folder)]), db)  # nothing changed: nothing read, yet the check catches up
    assert (again.stats["ok"], again.stats["skipped"]) == (0, 2)
    assert list(_history(db)) == ["b_2024.txt"] and again.stats["history"] == 1
    runs = list(sqlite_utils.Database(db).query("SELECT status, years_checked IS NOT NULL AS checked FROM runs ORDER BY id"))
    assert runs == [{"status": "interrupted", "checked": 1}, {"status": "done", "checked": 1}]

    # Once caught up, a later run does not check that run's reports again: a finding dropped by hand stays dropped.
    sqlite_utils.Database(db).execute("DELETE FROM findings WHERE rule LIKE 'history.%'").connection.commit()
    extract(expand_inputs([str(folder)]), db)
    assert _history(db) == {}


def test_a_names_suffix_is_what_path_says_it_is():
    """The walk filters names without making a Path each: its suffix must be Path's, for any name."""
    import random

    from nianbao.pipeline import name_suffix

    rng = random.Random(5)
    names = ["a.txt", "a.", ".txt", "..", "a..b", "a.tar.gz", ".a.b", "a", "年报.HTML", "x.db-wal"]
    names += ["".join(rng.choice("ab.年 ") for _ in range(rng.randint(1, 7))) for _ in range(3000)]
    for name in names:
        if name not in (".", "..") and "/" not in name:
            assert name_suffix(name) == Path(name).suffix, name


def test_a_file_whose_name_is_not_utf8_is_read_and_stored_under_its_bytes(tmp_path):
    """A GBK name (a zip unpacked on Linux) stopped the batch with a traceback: SQLite cannot store the
    name Python makes of it. Its part that is not UTF-8 is now stored as \\xNN, the same every run."""
    folder = tmp_path / "in"
    (folder / "四川").mkdir(parents=True)
    gbk = os.fsdecode(os.fsencode(folder / "四川") + b"/" + "年报".encode("gbk") + b".txt")
    Path(gbk).write_text(seed_named("001"), encoding="utf-8")
    (folder / "ok.txt").write_text(seed_named("002"), encoding="utf-8")
    db = tmp_path / "t.db"
    first = extract(expand_inputs([str(folder)]), db)
    assert (first.status, first.stats["ok"], first.stats["failed"]) == ("done", 2, 0)
    sources = sorted(r["source"] for r in sqlite_utils.Database(db).query("SELECT source FROM reports"))
    assert sources == [str(folder / "ok.txt"), str(folder / "四川") + "/\\xc4\\xea\\xb1\\xa8.txt"]
    again = extract(expand_inputs([str(folder)]), db)
    assert (again.stats["ok"], again.stats["skipped"]) == (0, 2)  # its stamp is found under the same name
