"""What the model costs: calls and tokens per report, and batch wall time by concurrency.

    python bench/llm_cost.py [--reports 200] [--latency 0.05] [--concurrency 1 8 32]

Runs nianbao's real LLM path (openai client, instructor, TOOLS mode) against the local
fake server of the tests (tests/fake_llm.py), which answers correctly (tests/llm_oracle.py).
Tokens are counted with cl100k_base (the bpe-openai package ships it; no download) over
exactly what was sent: every message, plus the tool schema, and over the answers.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT.parent), str(ROOT / "tests")]

from bpe_openai import get_encoding  # noqa: E402
from fake_llm import FakeLLM, Reply  # noqa: E402
from llm_oracle import correct  # noqa: E402

from nianbao.extract.llm.client import Asker  # noqa: E402
from nianbao.extract.llm.config import LLMConfig  # noqa: E402
from nianbao.extract.llm.extractor import LLMExtractor  # noqa: E402
from nianbao.pipeline import process_text  # noqa: E402

ENC = get_encoding("cl100k_base")
SEEDS = sorted((ROOT / "golden" / "seeds").glob("*.txt"))


def counted(answers: list[str]):
    """The oracle, remembering each answer it gives so completion tokens can be counted."""
    def respond(body: dict) -> Reply:
        reply = correct(body)
        answers.append(json.dumps(reply.answer, ensure_ascii=False))
        return reply
    return respond


def prompt_tokens(body: dict) -> int:
    text = "".join(m.get("content") or "" for m in body["messages"])
    extra = json.dumps(body.get("tools") or body.get("response_format") or "", ensure_ascii=False)
    return len(ENC.encode(text)) + len(ENC.encode(extra)) + 4 * len(body["messages"])  # ~4 tokens of framing per message


def extractor(fake: FakeLLM, policy: str) -> LLMExtractor:
    config = LLMConfig(base_url=fake.base_url, api_key="bench", model="bench", mode="TOOLS", use_cache=False, transport_retries=0)
    return LLMExtractor(Asker(config), policy)


def per_report() -> None:
    print("calls and cl100k_base tokens per report (TOOLS mode):")
    print(f"  {'seed':<28}{'policy':<8}{'calls':>6}{'prompt':>9}{'completion':>12}{'largest call':>14}")
    for policy in ("auto", "always"):
        totals = [0, 0, 0]
        for seed in SEEDS:
            answers: list[str] = []
            with FakeLLM(default=counted(answers)) as fake:
                process_text(seed.name, "0" * 64, seed.read_text(encoding="utf-8"), None, extractor(fake, policy))
                prompts = [prompt_tokens(b) for b in fake.requests]
            completion = sum(len(ENC.encode(a)) for a in answers)
            totals = [totals[0] + len(prompts), totals[1] + sum(prompts), totals[2] + completion]
            print(f"  {seed.name:<28}{policy:<8}{len(prompts):>6}{sum(prompts):>9}{completion:>12}{max(prompts, default=0):>14}")
        n = len(SEEDS)
        print(f"  {'mean per report':<28}{policy:<8}{totals[0] / n:>6.1f}{totals[1] / n:>9.0f}{totals[2] / n:>12.0f}")


def batch(n: int, latency: float, concurrency: int) -> tuple[float, int]:
    texts = [(s.name, s.read_text(encoding="utf-8")) for s in SEEDS]
    with FakeLLM(default=correct, latency=latency) as fake:
        llm = extractor(fake, "always")
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            list(pool.map(lambda i: process_text(texts[i % 5][0], "0" * 64, texts[i % 5][1], None, llm), range(n)))
        return time.perf_counter() - started, len(fake.requests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds the fake server waits before each answer")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    args = parser.parse_args()
    per_report()
    print(f"\n{args.reports}-report batch, --llm always, {args.latency * 1000:.0f} ms per call:")
    for c in args.concurrency:
        seconds, calls = batch(args.reports, args.latency, c)
        print(f"  concurrency {c:>3}: {seconds:7.1f} s  ({calls} calls, {args.reports / seconds:.1f} reports/s)")


if __name__ == "__main__":
    main()
