"""The glued-digit resolver's work budget: steps and CPU seconds per table, for a hostile report and the golden page.

    python bench/glued_work.py [--budget N]

Steps are what `extract/digits.py` counts against WORK_BUDGET (readings built, readings and
combinations tested); CPU seconds are process_time of the whole pipeline on the text. With
--budget, the module's budget is replaced first (e.g. a huge one, to time the text unbounded).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT.parent), str(ROOT / "tests")]

from nianbao.extract import digits  # noqa: E402
from nianbao.pipeline import process_text  # noqa: E402


def measure(name: str, text: str) -> None:
    spent: list[digits.Work] = []
    real = digits.Work

    class Counted(real):
        __slots__ = ()

        def __init__(self, steps: int = digits.WORK_BUDGET) -> None:
            super().__init__(steps)
            spent.append(self)

    digits.Work = Counted
    try:
        started = time.process_time()
        report = process_text(name, "0" * 64, text, "utf-8", None, "text", [])
        cpu = time.process_time() - started
    finally:
        digits.Work = real
    steps = [digits.WORK_BUDGET - w.left for w in spent]
    out = sum(f.rule == digits.GLUED_RULE and "计算上限" in f.message for f in report.findings)
    print(f"{name:28} cpu {cpu:7.3f} s | steps per table {steps} | rows out of work {out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--budget", type=int, help="replace WORK_BUDGET (steps per table) before measuring")
    args = parser.parse_args()
    if args.budget:
        digits.WORK_BUDGET = args.budget
        digits.Work.__init__.__defaults__ = (args.budget,)
    from test_digits_budget import HOSTILE  # the minimal hostile text the tests use

    print(f"WORK_BUDGET {digits.WORK_BUDGET} steps per table")
    measure("hostile (四 twice, glued)", HOSTILE)
    measure("golden/glued/glued_2021.txt", (ROOT / "golden" / "glued" / "glued_2021.txt").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
