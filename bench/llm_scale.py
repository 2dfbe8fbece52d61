"""The model path at scale: is a batch limited by the provider, or by us?

    python bench/llm_scale.py [--reports 1000] [--latency 0.2] [--concurrency 16 64]

Runs `nianbao extract --llm always` as the CLI does (`batch.run_batch`: reports read in
threads, `--llm-concurrency` of them waiting on the provider at once, one writer storing)
against the local fake server of the tests (tests/fake_llm.py), which answers every call
correctly after a fixed latency. Every report is its own file (no answer cached, nothing
skipped). With C reports in flight, each asking its k calls one after another, the provider
allows at most C / latency calls per second: the bench prints the calls per second we
reached against that bound. Close to 100 % means the provider, not nianbao, sets the pace.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT.parent), str(ROOT / "tests")]

from fake_llm import FakeLLM  # noqa: E402
from llm_oracle import correct  # noqa: E402

from nianbao.batch import BatchOptions, run_batch  # noqa: E402
from nianbao.extract.llm.client import Asker  # noqa: E402
from nianbao.extract.llm.config import LLMConfig  # noqa: E402
from nianbao.extract.llm.extractor import LLMExtractor  # noqa: E402
from nianbao.pipeline import expand_inputs  # noqa: E402
from nianbao.store import Store  # noqa: E402


CELL = re.compile(r"(?<=[\t|] )\d+(?= \|)|(?<=\t)\d+(?=\t|\n)")


def build(folder: Path, n: int) -> None:
    """Every report its own numbers in every table, so no two ask the same question (no single-flight, no cache)."""
    seeds = sorted((ROOT / "golden" / "seeds").glob("*.txt"))
    texts = [s.read_text(encoding="utf-8") for s in seeds]
    for i in range(n):
        rng = random.Random(i)
        text = CELL.sub(lambda m: str(rng.randrange(1, 999)) if rng.random() < 0.3 else m.group(0), texts[i % len(texts)])
        (folder / f"{i:05d}.txt").write_text(text + f"\n（第{i}份）\n", encoding="utf-8")


def _serve(latency: float, conn) -> None:
    """The provider, in its own process (as a real one is): its work does not share our interpreter."""
    with FakeLLM(default=correct, latency=latency) as fake:
        conn.send(fake.base_url)
        conn.recv()  # until told to stop


def run(folder: Path, work: Path, latency: float, concurrency: int) -> tuple[float, int, int]:
    db = work / f"llm{concurrency}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    ours, theirs = multiprocessing.Pipe()
    provider = multiprocessing.get_context("fork").Process(target=_serve, args=(latency, theirs), daemon=True)
    provider.start()
    try:
        config = LLMConfig(base_url=ours.recv(), api_key="bench", model="bench", mode="TOOLS", use_cache=False,
                           transport_retries=0, concurrency=concurrency)
        options = BatchOptions(llm=LLMExtractor(Asker(config), "always"), llm_concurrency=concurrency)
        store = Store(db)
        started = time.perf_counter()
        result = run_batch(list(expand_inputs([str(folder)])), store, options)
        seconds = time.perf_counter() - started
        calls = store.conn.execute("SELECT COUNT(*) FROM llm_calls WHERE cache_hit = 0").fetchone()[0]
        store.close()
        return seconds, calls, result.stats["ok"]
    finally:
        ours.send("stop")
        provider.join(5)
        provider.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds the fake server waits before each answer")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[16, 64])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nianbao-llm-"))
    folder = work / "in"
    folder.mkdir()
    build(folder, args.reports)
    print(f"{args.reports} reports, --llm always, {args.latency * 1000:.0f} ms per call (fake server)")
    print(f"{'concurrency':>11} {'seconds':>8} {'calls':>6} {'calls/s':>8} {'provider bound':>15} {'of bound':>9} {'reports/s':>10}")
    for c in args.concurrency:
        seconds, calls, ok = run(folder, work, args.latency, c)
        bound = c / args.latency
        print(f"{c:>11} {seconds:>8.1f} {calls:>6} {calls / seconds:>8.1f} {bound:>15.1f} {100 * calls / seconds / bound:>8.0f}% "
              f"{ok / seconds:>10.1f}", flush=True)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
