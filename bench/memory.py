"""Peak memory of `nianbao extract` at two batch sizes: flat means peak(large) ≈ peak(small).

    python bench/memory.py [--sizes 10000,40000] [--keep DIR]

For each size, builds a batch like bench/throughput.py (the five seeds, 1 % of their table numbers
varied, every file unique), but half the copies are the year before (2023), so the cross-year check
has a partner to compare for every 2024 report. Then runs, each in a fresh process so its peak is its
own, `nianbao extract DIR --db DB` (the real command: inputs counted then walked, the run's
reports checked across years, the region's after-batch checks), and the same again on the unchanged
files (the re-run: every file looked up, none read). Prints the peak resident memory (max RSS) of
the writer (the command's process) and of the largest worker, and the writer's RSS at a quarter,
half, three quarters and the end of the run's wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent))  # run from a checkout without installing
sys.path.insert(0, str(ROOT / "bench"))

from throughput import CELL  # noqa: E402


def build_batch(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    seeds = sorted((ROOT / "golden" / "seeds").glob("*.txt"))
    texts = [s.read_text(encoding="utf-8") for s in seeds]
    for i in range(n):
        text = CELL.sub(lambda m: str(rng.choice([1, 2, 3, 8, 120])) if rng.random() < 0.01 else m.group(0), texts[i % len(texts)])
        if (i // len(texts)) % 2:
            text = text.replace("2024", "2023")  # the same organ a year earlier: a cross-year partner
        text += f"\n（第{i}份）\n"
        (folder / f"{i:06d}_{seeds[i % len(seeds)].stem[:3]}.txt").write_text(text, encoding="utf-8")


def _rss_mb(pid: int | str = "self") -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def one_run(folder: str, db: str) -> None:
    """In its own process: the real command, with the writer's and the workers' RSS sampled each 0.2 s."""
    import multiprocessing

    from nianbao import cli

    samples: list[tuple[float, float, float]] = []  # (seconds, writer MB, largest worker MB)
    stop = threading.Event()
    started = time.monotonic()

    def sample() -> None:
        while not stop.wait(0.2):
            workers = [_rss_mb(p.pid) for p in multiprocessing.active_children()]
            samples.append((time.monotonic() - started, _rss_mb(), max(workers, default=0.0)))

    threading.Thread(target=sample, daemon=True).start()
    try:
        cli.app(["extract", folder, "--db", db, "-q"], standalone_mode=False)
    except SystemExit:
        pass
    seconds = time.monotonic() - started
    stop.set()
    at = {}
    for q in (0.25, 0.5, 0.75, 1.0):
        before = [s for s in samples if s[0] <= q * seconds]
        at[q] = before[-1][1] if before else 0.0
    print(json.dumps({
        "seconds": seconds,
        "writer_peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "writer_at": at,
    }))


def measure(folder: Path, db: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--one", str(folder), str(db)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,40000", help="comma-separated batch sizes")
    parser.add_argument("--keep", type=Path, help="build the batches and databases in this folder and keep them")
    parser.add_argument("--one", nargs=2, metavar=("FOLDER", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_run(*args.one)
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="nianbao-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"cores: {os.cpu_count()}; peak = max RSS of the process (writer: the extract command; worker: the largest)")
    print(f"{'reports':>8} {'run':>7} {'seconds':>8} {'writer MB':>10} {'worker MB':>10}  writer RSS at 25/50/75/100 % of the run")
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        batch = work / f"batch{n}"
        shutil.rmtree(batch, ignore_errors=True)
        batch.mkdir(parents=True)
        build_batch(batch, n)
        db = work / f"memory{n}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        for label in ("first", "re-run"):
            r = measure(batch, db)
            rows.append((n, label, r))
            at = " / ".join(f"{v:.0f}" for v in r["writer_at"].values())
            print(f"{n:>8} {label:>7} {r['seconds']:>8.1f} {r['writer_peak']:>10.0f} {r['worker_peak']:>10.0f}  {at}", flush=True)
        if not args.keep:
            shutil.rmtree(batch, ignore_errors=True)
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
    firsts = [(n, r) for n, label, r in rows if label == "first"]
    if len(firsts) > 1:
        (n0, small), (n1, large) = firsts[0], firsts[-1]
        print(f"peak {n1} vs {n0} reports: writer {large['writer_peak'] / small['writer_peak']:.2f}×, "
              f"largest worker {large['worker_peak'] / small['worker_peak']:.2f}× "
              f"({(large['writer_peak'] - small['writer_peak']) * 1024 * 1024 / (n1 - n0):.0f} bytes per extra report in the writer)")


if __name__ == "__main__":
    main()
