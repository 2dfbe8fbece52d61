"""The hostile battery, end to end: time and peak memory of one `nianbao extract` over a folder
of good reports mixed with span bombs, a zip bomb, deep nesting, encrypted and truncated PDFs,
UTF-16 without BOM, 50 MB of random text, binary and empty files.

    python bench/hostile.py [--zip-bomb-mb 300] [--big-text-mb 50] [--keep DIR]

Prints each file's outcome (stored report or failure reason) and seconds, then the whole run's
wall time and the extract process's peak resident memory. Exits 1 if any file's outcome is not
the expected one or a traceback was printed.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT.parent), str(ROOT / "tests")]

from hostile_files import OK, build  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--zip-bomb-mb", type=int, default=300, help="what the zip bomb's document.xml unpacks to")
    parser.add_argument("--big-text-mb", type=int, default=50, help="size of the random text file")
    parser.add_argument("--keep", type=Path, help="build the folder here and keep it (default: a temporary folder)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "in"
        started = time.perf_counter()
        expected = build(folder, args.zip_bomb_mb, args.big_text_mb)
        built = time.perf_counter() - started
        size = sum(p.stat().st_size for p in folder.iterdir())
        db = Path(tmp) / "hostile.db"
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "nianbao.cli", "extract", str(folder), "--db", str(db), "--quiet"],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rows = {Path(r[0]).name: r[1:] for r in sqlite3.connect(db).execute(
            "SELECT source, status, error, seconds, (SELECT COUNT(*) FROM cells c WHERE c.report_id = reports.id AND c.value IS NOT NULL) "
            "FROM reports")}

    wrong = 0
    print(f"{'file':<28} {'expected':<10} {'seconds':>8}  outcome")
    for name, want in sorted(expected.items()):
        status, error, secs, values = rows.get(name, ("missing", "not stored", None, 0))
        good = (status == "ok" and values > 0) if want == OK else (status == "failed" and (error or "").startswith(want))
        wrong += not good
        outcome = f"stored, {values} values" if status == "ok" else f"failed: {error}"
        print(f"{name:<28} {'report' if want == OK else 'failure':<10} {secs or 0:>8.3f}  {'' if good else 'UNEXPECTED '}{outcome[:110]}")
    traceback = "Traceback" in done.stderr
    print()
    print(f"inputs: {len(expected)} files, {size / 1e6:.1f} MB on disk (built in {built:.1f} s); zip bomb unpacks to {args.zip_bomb_mb} MB")
    print(f"extract: {seconds:.1f} s wall, peak memory {peak_mb:.0f} MB, exit code {done.returncode}, traceback printed: {traceback}")
    print(f"outcomes: {len(expected) - wrong} as expected, {wrong} unexpected")
    return 1 if wrong or traceback else 0


if __name__ == "__main__":
    sys.exit(main())
