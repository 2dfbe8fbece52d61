"""Throughput of the whole job: files on disk → extracted, checked, stored in a fresh database.

    python bench/throughput.py [--reports 2000] [--keep DIR]

Builds a batch by cycling the five seeds with their table numbers varied (so the rules
have real work: most varied copies no longer add up), then runs exactly what
`nianbao extract DIR --db DB` runs, in one process, and prints reports/s, seconds per
stage and peak memory.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent))  # run from a checkout without installing

from nianbao.pipeline import expand_inputs, process_path  # noqa: E402
from nianbao.store import Store  # noqa: E402

CELL = re.compile(r"(?<=[\t|] )\d+(?= \|)|(?<=\t)\d+(?=\t|\n)")


def build_batch(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    seeds = sorted((ROOT / "golden" / "seeds").glob("*.txt"))
    texts = [s.read_text(encoding="utf-8") for s in seeds]
    for i in range(n):
        # Most cells keep their printed value; one in a hundred changes, so most copies have a few findings.
        text = CELL.sub(lambda m: str(rng.choice([1, 2, 3, 8, 120])) if rng.random() < 0.01 else m.group(0), texts[i % len(texts)])
        (folder / f"{i:05d}_{seeds[i % len(seeds)].stem[:3]}.txt").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="build the batch and database in this folder and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    batch = work / "batch"
    batch.mkdir(parents=True, exist_ok=True)
    build_batch(batch, args.reports)
    db_path = work / "bench.db"
    db_path.unlink(missing_ok=True)

    store = Store(db_path)
    run_id = store.start_run(["bench/throughput.py"])
    stages: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    started = time.perf_counter()
    for path, _ in expand_inputs([str(batch)]):
        report = process_path(path)
        t = time.perf_counter()
        store.save(report, run_id)
        stages["store"] += time.perf_counter() - t
        stages.update(report.timings)
        severities.update(f.severity for f in report.findings)
    elapsed = time.perf_counter() - started
    store.finish_run(run_id, "done", {"n_inputs": args.reports, "seconds": elapsed})
    store.close()

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"reports:          {args.reports}")
    print(f"wall time:        {elapsed:.2f} s")
    print(f"throughput:       {args.reports / elapsed:.0f} reports/s (one process, one core)")
    print(f"peak memory:      {peak_mb:.0f} MB (max RSS of the process)")
    print(f"database:         {db_path.stat().st_size / 1e6:.1f} MB")
    print(f"findings:         {dict(severities)}")
    print("seconds by stage:")
    for stage, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<10} {seconds:7.2f} s  {1000 * seconds / args.reports:6.2f} ms/report  {100 * seconds / elapsed:5.1f}%")


if __name__ == "__main__":
    main()
