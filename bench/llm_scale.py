"""The model path at scale: is a batch limited by the provider, or by us?

    python bench/llm_scale.py [--reports 1000] [--latency 0.2 1.0] [--concurrency 1 4 16 32]
                              [--rate-limit 20] [--limit-every 10] [--budget 40]

Runs a batch as `nianbao extract --llm auto` does (`batch.run_batch`, the answer cache in
the database) against the local fake provider of the tests (tests/fake_llm.py, in its own
process, over real HTTP), which answers every call correctly after a fixed latency. Every
report is a variant of seed 002 with its own numbers, on which the built-in reader is unsure
of one table only (a row missing from the 主动公开 table), so each needs exactly one model
call, and no two ask the same question: nothing is answered from the cache. The calls made
are counted in the database's `llm_calls` and checked against the number of reports.

With C reports in flight and one call each taking L seconds, the provider allows at most
C / L reports per second: the bench prints what we reached against that bound. A row whose
1,000 reports would take longer than `--budget` seconds at the bound runs fewer reports (the
ratio is what matters; the column `reports` says how many).

Then the provider's limits: a rate limit of `--rate-limit` requests per second (429 at once,
with Retry-After and retry-after-ms) and every `--limit-every`-th request refused 429 with
`Retry-After: 1` anyway. The bound is then the rate limit: the bench prints the throughput
against it, the 429s the provider sent, the retries, how long each retried request waited
against what its 429 asked (measured by the provider), and whether every report was stored.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT.parent), str(ROOT / "tests")]

from fake_llm import FakeLLM  # noqa: E402
from llm_oracle import correct  # noqa: E402

from nianbao.batch import BatchOptions, run_batch  # noqa: E402
from nianbao.extract.llm.cache import LLMCache  # noqa: E402
from nianbao.extract.llm.client import Asker  # noqa: E402
from nianbao.extract.llm.config import LLMConfig  # noqa: E402
from nianbao.extract.llm.extractor import LLMExtractor  # noqa: E402
from nianbao.pipeline import expand_inputs  # noqa: E402
from nianbao.store import Store  # noqa: E402

SEED = ROOT / "golden" / "seeds" / "002_c95c1b585de130d6.txt"  # its 主动公开 table lacks the fee row: one call under auto
CELL = re.compile(r"(?<=\t)\d+(?=\t|\n)")
REGULATIONS = re.compile(r"^规章\t\d+\t\d+", re.M)  # the first row of the table the model is asked about


def build(folder: Path, n: int) -> None:
    """n variants of the seed, each with its own numbers (about a third of its cells changed, and its 规章 row)."""
    text = SEED.read_text(encoding="utf-8")
    for i in range(n):
        rng = random.Random(i)
        varied = CELL.sub(lambda m: str(rng.randrange(1, 999)) if rng.random() < 0.3 else m.group(0), text)
        varied = REGULATIONS.sub(f"规章\t{i % 997 + 1}\t{i // 997 + 1}", varied, count=1)  # so no two ask the same
        (folder / f"{i:05d}.txt").write_text(varied + f"\n（第{i}份）\n", encoding="utf-8")


def _serve(conn, latency: float, rate_limit: float | None, limit_every: int) -> None:
    """The provider, in its own process (as a real one is): its work does not share our interpreter."""
    with FakeLLM(default=correct, latency=latency, rate_limit=rate_limit, limit_every=limit_every) as fake:
        conn.send(fake.base_url)
        conn.recv()  # until told to stop
        conn.send(fake.stats() | {"cpu": time.process_time()})


def run(folder: Path, work: Path, n: int, latency: float, concurrency: int, rate_limit: float | None = None,
        limit_every: int = 0, retries: int = 3) -> dict:
    db = work / "llm.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    ours, theirs = multiprocessing.Pipe()
    provider = multiprocessing.get_context("fork").Process(target=_serve, args=(theirs, latency, rate_limit, limit_every), daemon=True)
    provider.start()
    try:
        config = LLMConfig(base_url=ours.recv(), api_key="bench", model="bench", mode="TOOLS", transport_retries=retries,
                           concurrency=concurrency, breaker=10**6)
        store = Store(db)
        cache = LLMCache(str(db))  # as the CLI: every answer cached in the database (none is asked twice here)
        options = BatchOptions(llm=LLMExtractor(Asker(config, cache), "auto"), llm_concurrency=concurrency)
        items = sorted(expand_inputs([str(folder)]))[:n]
        load = os.getloadavg()[0]
        cpu, children = time.process_time(), _children_cpu()
        started = time.perf_counter()
        result = run_batch(items, store, options)
        seconds = time.perf_counter() - started
        cpu, children = time.process_time() - cpu, _children_cpu() - children  # the workers have been joined
        q = store.conn.execute
        out = {
            "seconds": seconds, "reports": len(items), "load": load,
            "writer_ms": 1000 * cpu / len(items), "workers_ms": 1000 * children / len(items), "ok": result.stats["ok"], "failed": result.stats["failed"],
            "stored": q("SELECT COUNT(*) FROM reports").fetchone()[0],
            "answered": q("SELECT COUNT(*) FROM llm_calls WHERE ok = 1 AND cache_hit = 0").fetchone()[0],
            "attempts": q("SELECT COUNT(*) FROM llm_calls WHERE cache_hit = 0").fetchone()[0],
            "rate_limited": q("SELECT COUNT(*) FROM llm_calls WHERE error LIKE 'RateLimitError%'").fetchone()[0],
            "gave_up": q("SELECT COUNT(DISTINCT report_id) FROM findings WHERE rule = 'llm.failed'").fetchone()[0],
            "per_report": _answers_per_report(store),
        }
        store.close()
        cache.close()
        ours.send("stop")
        out["provider"] = ours.recv()
        out["provider_ms"] = 1000 * out["provider"]["cpu"] / len(items)
        return out
    finally:
        provider.join(5)
        provider.kill()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _answers_per_report(store: Store) -> str:
    """How many model answers each stored report got, as `answers×reports` (e.g. `1×1000`)."""
    got = dict(store.conn.execute("SELECT report_id, COUNT(*) FROM llm_calls WHERE ok = 1 GROUP BY report_id").fetchall())
    ids = [r[0] for r in store.conn.execute("SELECT id FROM reports")]
    spread = Counter(got.get(i, 0) for i in ids)
    return " ".join(f"{k}×{v}" for k, v in sorted(spread.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--latency", type=float, nargs="+", default=[0.2, 1.0], help="seconds the fake provider takes per answer")
    parser.add_argument("--concurrency", type=int, nargs="*", default=[1, 4, 16, 32], help="none: only the run against the limits")
    parser.add_argument("--budget", type=float, default=40.0, help="seconds a row may take at the provider's bound")
    parser.add_argument("--rate-limit", type=float, nargs="+", default=[20.0], help="requests per second the provider admits (a limited run each)")
    parser.add_argument("--limit-every", type=int, default=10, help="every k-th request refused 429 anyway (limited run)")
    parser.add_argument("--limited-concurrency", type=int, default=32)
    parser.add_argument("--limited-latency", type=float, default=0.2)
    parser.add_argument("--no-limited", action="store_true", help="skip the run against the provider's limits")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nianbao-llm-"))
    folder = work / "in"
    folder.mkdir()
    build(folder, args.reports)
    print(f"{args.reports} reports built, each needing one model call (--llm auto); fake provider in its own process", flush=True)
    if args.concurrency:
        print(f"{'latency':>7} {'in flight':>9} {'reports':>7} {'seconds':>7} {'reports/s':>9} {'bound':>6} {'of bound':>8} "
              f"{'calls':>5} {'calls/report':>12} {'max in flight':>13} {'stored':>6}  CPU ms/report: writer+workers, provider; load")
    for latency in args.latency:
        for c in args.concurrency:
            bound = c / latency
            n = min(args.reports, max(c, int(bound * args.budget)))
            r = run(folder, work, n, latency, c)
            rate = r["ok"] / r["seconds"]
            per = r["per_report"]
            print(f"{latency * 1000:>5.0f}ms {c:>9} {n:>7} {r['seconds']:>7.1f} {rate:>9.1f} {bound:>6.1f} {100 * rate / bound:>7.0f}% "
                  f"{r['answered']:>5} {per:>12} {r['provider']['max_in_flight']:>13} {r['stored']:>6}  "
                  f"{r['writer_ms']:.1f}+{r['workers_ms']:.1f}, {r['provider_ms']:.1f}; {r['load']:.1f}", flush=True)
    if not args.no_limited:
        for limit in args.rate_limit:
            limited(folder, work, args, limit)
    shutil.rmtree(work, ignore_errors=True)


def limited(folder: Path, work: Path, args: argparse.Namespace, limit: float) -> None:
    c, latency = args.limited_concurrency, args.limited_latency
    bound = min(limit, c / latency)
    n = min(args.reports, int(bound * args.budget))
    print(f"\nprovider limits: {limit:g} requests/s (429 + Retry-After/retry-after-ms beyond), and every {args.limit_every}th "
          f"request 429 with Retry-After: 1; {c} in flight, {latency * 1000:.0f} ms per answer, {n} reports, 8 retries", flush=True)
    r = run(folder, work, n, latency, c, rate_limit=limit, limit_every=args.limit_every, retries=8)
    p = r["provider"]
    rate = r["ok"] / r["seconds"]
    gaps = p["retry_gaps"]
    early = sum(1 for asked, gap in gaps if gap < asked)
    overs = [gap - asked for asked, gap in gaps]
    print(f"  {r['seconds']:.1f} s, {rate:.1f} reports/s against the provider's {bound:g}/s ({100 * rate / bound:.0f} %); "
          f"answers {p['completions']} ({p['completions'] / r['seconds']:.1f}/s), requests {p['requests']}, max in flight {p['max_in_flight']}")
    print(f"  429s sent {len(p['limited'])} (asked waits {min(p['limited'], default=0):.2f}–{max(p['limited'], default=0):.2f} s); "
          f"retries logged {r['rate_limited']}; retried requests {len(gaps)}: came back before the wait asked {early}, "
          f"after it by median {statistics.median(overs) if overs else 0:.3f} s (max {max(overs, default=0):.3f} s)")
    print(f"  reports {r['reports']}: stored {r['stored']} ({r['ok']} ok, {r['failed']} failed), "
          f"gave up on the model for {r['gave_up']}, model answers per report (answers×reports) {r['per_report']}", flush=True)


if __name__ == "__main__":
    main()
