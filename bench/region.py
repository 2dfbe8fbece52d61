"""Speed of the region office's commands over a big region, in one process.

    python bench/region.py [--districts 30] [--departments 40] [--years 3]

Stores a synthetic region straight into a fresh database (a city, its districts, their
departments; every 2021 cell filled, a few blank; no extraction: that is bench/throughput.py's
job), imports its roster, then times roster status, the deadline check run after every
extract, 汇总, rankings, one organ's trend, the board and letters' gathering. Prints seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent))  # run from a checkout without installing

from nianbao import fields as F  # noqa: E402
from nianbao.region.aggregate import compile_scope  # noqa: E402
from nianbao.region.letters import gather  # noqa: E402
from nianbao.region.scope import check_deadlines, organ_trend, region_rankings, reports_in_scope, roster_status  # noqa: E402
from nianbao.report import Cell, Report  # noqa: E402
from nianbao.review.board import board  # noqa: E402
from nianbao.store import Store  # noqa: E402
from nianbao.store.roster import replace_roster  # noqa: E402


def timed(label: str, action):
    start = time.perf_counter()
    result = action()
    print(f"{label:<34} {time.perf_counter() - start:8.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--districts", type=int, default=30)
    parser.add_argument("--departments", type=int, default=40)
    parser.add_argument("--years", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(1)
    organs = [("样市", None, "city")] + [(f"样市{d}局", "样市", "department") for d in range(args.departments)]
    for i in range(args.districts):
        district = f"样市第{i}区"
        organs.append((district, "样市", "county"))
        organs += [(f"{district}{d}局", district, "department") for d in range(args.departments)]
    db = Path(tempfile.mkdtemp()) / "region.db"
    store = Store(db)
    years = list(range(2024 - args.years + 1, 2025))

    def fill() -> int:
        n = 0
        for name, _, level in organs:
            for year in years:
                if rng.random() < 0.03:
                    continue  # missing
                cells = {f: Cell(f, None if rng.random() < 0.01 else rng.randint(0, 50)) for f in F.FIELDS_2021}
                day = f"{year + 1}-0{1 if level == 'department' else 3}-{rng.choice([20, 28])}"
                report = Report(source=f"{name}_{year}.txt", sha256=hashlib.sha256(f"{name}{year}".encode()).hexdigest(),
                                organ=name + ("人民政府" if level != "department" else ""), year=year, published=day,
                                template=F.TEMPLATE_2021, cells=cells, tables_found={"active": (0, 0), "applications": (0, 0), "appeals": (0, 0)})
                store.save(report)
                n += 1
        return n

    n = timed(f"store {len(organs)} organs x {len(years)} years", fill)
    print(f"  ({n} reports, {n * len(F.FIELDS_2021):,} cells)")
    replace_roster(store, [{"organ": o, "parent": p, "level": lv, "aliases": (), "deadline": None, "line": i + 2}
                           for i, (o, p, lv) in enumerate(organs)])
    year = years[-1]
    timed("roster status (all organs)", lambda: roster_status(store, year))
    timed("deadline check (after extract)", lambda: check_deadlines(store))
    timed("汇总 whole region", lambda: compile_scope(store, year, reports_in_scope(store, year)))
    timed("汇总 one district (--under)", lambda: compile_scope(store, year, reports_in_scope(store, year, "样市第0区")))
    timed("rankings", lambda: region_rankings(store, year))
    timed("one organ's trend", lambda: organ_trend(store, "样市第0区0局"))
    timed("board", lambda: board(store))
    timed("letters: gather confirmed", lambda: gather(store, year))
    store.close()


if __name__ == "__main__":
    main()
