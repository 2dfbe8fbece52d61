"""The writer alone: Store.save per report, and the database bytes per report by table.

    python bench/store_write.py [--reports 500] [--levels 1,3,6]

Reads a batch of generated reports (bench/throughput.py's: the seeds with 1 % of their table
numbers changed) once, in this process, then for each zstd level of the stored texts
(store/text.py) saves them all into a new database in one transaction, as the batch writer
does, and prints the CPU ms per report of `Store.save` — split into packing the rows
(`store.rows.report_rows`: JSON, compressing the text; in a batch the workers do it) and writing them
(`Store.save_rows`, the one writer) — and the database's KB per report, in all and by table
(with its indexes), from SQLite's dbstat.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent))  # run from a checkout without installing
sys.path.insert(0, str(ROOT / "bench"))

from throughput import build_batch  # noqa: E402

from nianbao.pipeline import process_path  # noqa: E402
from nianbao.store import Store  # noqa: E402


def by_table(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    index_of = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'").fetchall())
    out: dict[str, int] = {}
    for name, size in conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
        table = index_of.get(name, name)
        out[table] = out.get(table, 0) + size
    conn.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--levels", default="1", help="zstd levels of the stored texts, comma-separated (zlib's before session 19)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nianbao-store-"))
    (work / "in").mkdir()
    build_batch(work / "in", args.reports)
    reports = [process_path(p) for p in sorted((work / "in").iterdir())]
    n = len(reports)
    try:
        from nianbao.store import text as stored_text
    except ImportError:  # a version that stored the text as is
        stored_text = None
    try:
        from nianbao.store.rows import report_rows
    except ImportError:  # a version whose Store.save packed the rows itself
        report_rows = None
    for level in (int(x) for x in args.levels.split(",")) if stored_text else [None]:
        if stored_text:
            stored_text.LEVEL = level
        db = work / f"l{level}.db"
        store = Store(db)
        cpu0 = time.process_time()
        rows = [report_rows(r) for r in reports] if report_rows else reports  # in a batch, the workers' part
        cpu_rows = time.process_time() - cpu0
        store.begin()
        for row in rows:
            store.save_rows(row) if report_rows else store.save(row)
        store.commit()
        cpu = time.process_time() - cpu0
        store.close()
        sizes = by_table(db)
        total = db.stat().st_size
        top = sorted(sizes.items(), key=lambda kv: -kv[1])[:6]
        print(f"level {level}: save {1000 * cpu / n:.2f} CPU ms/report (packing rows {1000 * cpu_rows / n:.2f}, "
              f"writing them {1000 * (cpu - cpu_rows) / n:.2f}), DB {total / n / 1024:.1f} KB/report: "
              + ", ".join(f"{t} {s / n / 1024:.2f}" for t, s in top), flush=True)


if __name__ == "__main__":
    main()
