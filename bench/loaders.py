"""Per-report time of each loader: the five seeds as .txt, .html, .docx and .pdf, end to end.

    python bench/loaders.py [--repeat 20]

Copies are built with the test renderers (tests/render.py); each is loaded, extracted and
checked `--repeat` times; prints the mean milliseconds per report and the load share.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT.parent), str(ROOT / "tests")]

from conftest import SEED_NAMES, golden, seed_text  # noqa: E402
from render import to_docx, to_html, to_pdf  # noqa: E402

from nianbao.pipeline import process_path  # noqa: E402

RENDERERS = {"txt": lambda text, g: text, "html": to_html, "docx": to_docx, "pdf": to_pdf}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="nianbao-loaders-"))
    print(f"{'format':<8}{'ms/report':>11}{'of which load':>15}{'  size':>10}")
    for fmt, render in RENDERERS.items():
        totals, loads, sizes = [], [], []
        for seed in SEED_NAMES:
            data = render(seed_text(seed), golden(seed))
            path = folder / f"{seed}.{fmt}"
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
            sizes.append(path.stat().st_size)
            for _ in range(args.repeat):
                started = time.perf_counter()
                report = process_path(path)
                totals.append(time.perf_counter() - started)
                loads.append(report.timings.get("load", 0.0))
                assert report.status == "ok", report.error
        print(f"{fmt:<8}{1000 * statistics.mean(totals):>11.1f}{1000 * statistics.mean(loads):>15.1f}{statistics.mean(sizes) / 1024:>8.0f} KB")


if __name__ == "__main__":
    main()
