"""OCR speed and accuracy on scanned copies of golden reports, read in parallel across reports.

    python bench/ocr.py [--jobs 2] [--only 2021_300dpi]

Builds the scanned fixtures of tests/test_ocr.py (tests/scans.py: 2021 format at 300 dpi,
2019 format at 150 dpi with a sideways page and a seal, a text PDF with one 150-dpi scanned
page), reads them with `--jobs` worker processes (one onnxruntime thread each), and prints per
report the pages read by OCR, seconds, cells right against the golden labels, cells wrong but
flagged or null, and cells wrong and unflagged (must be 0), and CPU seconds per page (what a page
costs without other load on the machine); then pages/s and s/report overall.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT.parent), str(ROOT / "tests")]

import scans  # noqa: E402
from conftest import expected_cells  # noqa: E402

from nianbao.pipeline import process_path  # noqa: E402

FIXTURES = {
    "2021_300dpi": lambda: scans.fixture_2021_300dpi(),
    "2019_150dpi": lambda: scans.fixture_2019_150dpi()[:3],
    "2021_mixed_150dpi": lambda: scans.fixture_2021_mixed_150dpi(),
}


def _timed(path: Path):
    t, cpu = time.perf_counter(), time.process_time()
    report = process_path(path)
    return report, time.perf_counter() - t, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", choices=list(FIXTURES), action="append")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="nianbao-ocr-"))
    goldens, paths = {}, {}
    for name in args.only or FIXTURES:
        _, scan_pdf, g = FIXTURES[name]()
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(scan_pdf)
        goldens[name] = g
    print(f"{'report':<20}{'OCR pages':>10}{'seconds':>9}{'s/page':>8}{'right':>10}{'flagged/null':>14}{'WRONG unflagged':>17}{'unsure flags':>14}{'CPU s/page':>12}")
    start = time.perf_counter()
    pages_total, seconds, cpus = 0, [], []
    with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(_timed, path): name for name, path in paths.items()}
        for done, future in enumerate(as_completed(futures), 1):
            name = futures[future]
            report, took, cpu = future.result()
            want = expected_cells(goldens[name])
            got = {f: c.value for f, c in report.cells.items()}
            flagged = {fid for f in report.findings if f.severity in ("error", "warning") for fid in f.fields}
            right = sum(1 for f in want if got.get(f) == want[f] and type(got.get(f)) is type(want[f]))
            wrong = [f for f in want if not (got.get(f) == want[f] and type(got.get(f)) is type(want[f]))]
            silent = [f for f in wrong if got.get(f) is not None and f not in flagged]
            unsure = sum(1 for f in report.findings if f.rule.startswith("ocr."))
            pages = len(report.page_images)
            pages_total += pages
            seconds.append(took)
            cpus.append(cpu)
            print(f"{name:<20}{pages:>10}{took:>9.1f}{took / max(pages, 1):>8.1f}{f'{right}/{len(want)}':>10}"
                  f"{len(wrong) - len(silent):>14}{len(silent):>17}{unsure:>14}{cpu / max(pages, 1):>12.1f}   [{done}/{len(futures)}]", flush=True)
    wall = time.perf_counter() - start
    print(f"\n{pages_total} pages in {wall:.1f} s wall with {args.jobs} workers: {pages_total / wall:.3f} pages/s, "
          f"{wall / len(seconds):.1f} s per scanned report (each report alone: {sum(seconds) / len(seconds):.1f} s on average); "
          f"CPU {sum(cpus) / max(pages_total, 1):.1f} s per page (the figure without other load on the machine)")


if __name__ == "__main__":
    main()
