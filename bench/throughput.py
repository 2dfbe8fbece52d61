"""Throughput of the whole job against a plain-Python floor, timed in the same run.

    python bench/throughput.py [--sizes 500,2000,4000,20000] [--jobs N] [--keep DIR]

For each size, builds a batch by cycling the five seeds with their table numbers varied
(so the rules have real work: most varied copies no longer add up; every file unique),
then times, on the same files:

- the floor: plain Python reading each file, hashing it, finding its digit runs and writing
  one row per report to SQLite (one transaction) — what any tool must at least do;
- `nianbao extract DIR --db DB` as the CLI runs it (`batch.run_batch`, default --jobs);
- the same command again on the unchanged files (the re-run).

and prints reports/s, the ratio to the floor, cost per report (ms), the re-run ratio, database
bytes per report and peak memory (max RSS of this process and of the largest worker).
The machine is shared: run it twice and read the figures as ±20 %.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent))  # run from a checkout without installing

from nianbao.batch import BatchOptions, run_batch  # noqa: E402
from nianbao.pipeline import count_inputs, expand_inputs  # noqa: E402
from nianbao.store import Store  # noqa: E402

CELL = re.compile(r"(?<=[\t|] )\d+(?= \|)|(?<=\t)\d+(?=\t|\n)")
DIGITS = re.compile(r"\d+")


def build_batch(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    seeds = sorted((ROOT / "golden" / "seeds").glob("*.txt"))
    texts = [s.read_text(encoding="utf-8") for s in seeds]
    for i in range(n):
        # Most cells keep their printed value; one in a hundred changes, so most copies have a few findings.
        text = CELL.sub(lambda m: str(rng.choice([1, 2, 3, 8, 120])) if rng.random() < 0.01 else m.group(0), texts[i % len(texts)])
        text += f"\n（第{i}份）\n"  # every file its own bytes, as real reports are
        (folder / f"{i:06d}_{seeds[i % len(seeds)].stem[:3]}.txt").write_text(text, encoding="utf-8")


def cpu() -> float:
    """CPU seconds of this process and its finished children: on a shared machine, steadier than wall time."""
    return own_cpu() + workers_cpu()


def own_cpu() -> float:
    """CPU seconds of this process: in `extract`, the writer's (it stores while the workers read)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime


def workers_cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def floor(folder: Path, db_path: Path) -> tuple[float, float]:
    """Read, hash, find digit runs, one row per report: the least any reader must do."""
    started, cpu0 = time.perf_counter(), cpu()
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE r (id TEXT PRIMARY KEY, source TEXT, numbers INTEGER, first TEXT)")
    with conn:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            runs = DIGITS.findall(data.decode("utf-8"))
            conn.execute("INSERT OR REPLACE INTO r VALUES (?, ?, ?, ?)", (digest, str(path), len(runs), ",".join(runs[:20])))
    conn.close()
    return time.perf_counter() - started, cpu() - cpu0


def extract(folder: Path, db_path: Path, jobs: int | None) -> tuple[float, float, dict]:
    started, cpu0, own0 = time.perf_counter(), cpu(), own_cpu()
    store = Store(db_path)
    options = BatchOptions() if jobs is None else BatchOptions(jobs=jobs)
    result = run_batch(expand_inputs([str(folder)]), store, options, ["bench/throughput.py"], total=count_inputs([str(folder)]))  # as the CLI: walked, not listed
    store.close()
    assert result.status == "done", result
    stats = {k: result.stats.get(k, 0) for k in ('ok', 'failed', 'error', 'warning', 'skipped')}
    return time.perf_counter() - started, cpu() - cpu0, {**stats, "writer_cpu": own_cpu() - own0}


def db_bytes(db_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db_path.stat().st_size


def one_size(work: Path, n: int, jobs: int | None) -> dict:
    batch = work / f"batch{n}"
    shutil.rmtree(batch, ignore_errors=True)
    batch.mkdir(parents=True)
    build_batch(batch, n)
    db_path = work / f"bench{n}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    floor_db = work / f"floor{n}.db"
    floor_db.unlink(missing_ok=True)
    floor(batch, floor_db)  # warm the page cache, so both read files from memory
    floor_db.unlink()
    floor_s, floor_cpu = floor(batch, floor_db)
    first_s, first_cpu, stats = extract(batch, db_path, jobs)
    rerun_s, rerun_cpu, rerun_stats = extract(batch, db_path, jobs)
    return {"n": n, "floor_s": floor_s, "first_s": first_s, "rerun_s": rerun_s, "stats": stats, "rerun_skipped": rerun_stats["skipped"],
            "floor_cpu": floor_cpu, "first_cpu": first_cpu, "rerun_cpu": rerun_cpu,
            "db_bytes": db_bytes(db_path)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="500,2000,4000,20000", help="comma-separated batch sizes (what issue 12 asks by default)")
    parser.add_argument("--jobs", type=int, help="worker processes (default: the machine's cores, as the CLI)")
    parser.add_argument("--keep", type=Path, help="build the batches and databases in this folder and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"cores: {os.cpu_count()}, jobs: {args.jobs or os.cpu_count()}; the machine may be shared: figures are ±20 %")
    print("wall: seconds as a user waits; cpu: CPU seconds of all processes (steadier on a busy machine)")
    print("writer: CPU ms per report of the process that stores (the rest of cpu ms/rep is the workers')")
    print(f"{'reports':>8} {'floor r/s':>10} {'nianbao r/s':>12} {'× floor':>8} {'ms/report':>10} {'cpu ms/rep':>10} {'writer':>7} "
          f"{'cpu × floor':>11} {'re-run':>7} {'re-run cpu':>10} {'DB KB/rep':>9}  findings")
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        r = one_size(work, n, args.jobs)
        rows.append(r)
        s = r["stats"]
        print(f"{n:>8} {n / r['floor_s']:>10.0f} {n / r['first_s']:>12.0f} {r['first_s'] / r['floor_s']:>8.1f} "
              f"{1000 * r['first_s'] / n:>10.2f} {1000 * r['first_cpu'] / n:>10.2f} {1000 * s['writer_cpu'] / n:>7.2f} "
              f"{r['first_cpu'] / r['floor_cpu']:>11.1f} "
              f"{r['rerun_s'] / r['first_s']:>7.3f} {r['rerun_cpu'] / r['first_cpu']:>10.3f} {r['db_bytes'] / n / 1024:>9.1f}  "
              f"ok {s['ok']} failed {s['failed']} error {s['error']} warning {s['warning']} (re-run skipped {r['rerun_skipped']})", flush=True)
        if not args.keep:
            shutil.rmtree(work / f"batch{n}", ignore_errors=True)
    small = rows[0]
    for large in rows[1:]:  # the cost per report must not grow with the batch
        growth = (large["first_s"] / large["n"]) / (small["first_s"] / small["n"])
        growth_cpu = (large["first_cpu"] / large["n"]) / (small["first_cpu"] / small["n"])
        print(f"cost per report, {large['n']} vs {small['n']} reports: {growth:.2f}× wall, {growth_cpu:.2f}× cpu")
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: writer {me:.0f} MB, largest worker {children:.0f} MB (max RSS)")


if __name__ == "__main__":
    main()
