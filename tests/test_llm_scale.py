"""The model path of a batch at scale, over real HTTP against the fake provider (tests/fake_llm.py).

Several reports ask the model at once, never more than `llm_concurrency`; a 429 is waited
out as long as its Retry-After asks (the provider measures the gap); what is stored does
not depend on how many were in flight, and comes in input order; a report whose call fails
for good is still stored, with the built-in reader's values and the reason.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import sqlite_utils
from conftest import SEEDS
from fake_llm import FakeLLM, Reply
from llm_oracle import correct, question

from nianbao.batch import BatchOptions, run_batch
from nianbao.extract.llm.cache import LLMCache
from nianbao.extract.llm.client import Asker
from nianbao.extract.llm.config import LLMConfig
from nianbao.extract.llm.extractor import LLMExtractor
from nianbao.pipeline import expand_inputs
from nianbao.store import Store

SEED = next(SEEDS.glob("002_*.txt"))  # the built-in reader misses one row of its 主动公开 table: one call under auto
REGULATIONS = re.compile(r"^规章\t0\t0\t0$", re.M)


def folder_of(tmp_path: Path, n: int) -> list:
    """n reports, each asking its own question (its 规章 row printed with its own numbers)."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    assert REGULATIONS.search(text)
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(REGULATIONS.sub(f"规章\t{i + 1}\t0\t{i + 1}", text), encoding="utf-8")
    return list(expand_inputs([str(folder)]))


def regulations_issued(body: dict) -> int:
    """Which report a question comes from: the 规章 本年制发 it prints (1 for the first report)."""
    return int(re.search(r"规章\s*\|?\s*⟦\d+:(\d+)⟧", question(body)[1]).group(1))


def batch(items: list, db: Path, fake: FakeLLM, concurrency: int, seen: list | None = None, cache: bool = True,
          **config) -> Counter:
    settings = {"base_url": fake.base_url, "api_key": "test", "model": "fake-model", "timeout": 10.0,
                "transport_retries": 3, "breaker": 1000} | config
    store = Store(db)
    answers = LLMCache(str(db)) if cache else None
    try:
        llm = LLMExtractor(Asker(LLMConfig(**settings), answers), "auto")
        result = run_batch(items, store, BatchOptions(llm=llm, llm_concurrency=concurrency),
                           on_report=(lambda r: seen.append(r.source)) if seen is not None else None)
    finally:
        store.close()
        if answers:
            answers.close()
    assert result.status == "done"
    return result.stats


def stored(db: Path) -> list:
    """What a run stores that does not depend on timing, in the order it was stored."""
    d = sqlite_utils.Database(db)
    reports = [(r["id"], r["source"], r["status"], r["error"], r["n_errors"], r["n_warnings"])
               for r in d.query("SELECT * FROM reports ORDER BY rowid")]
    cells = [tuple(r.values()) for r in d.query("SELECT * FROM cells ORDER BY report_id, field")]
    findings = [(r["report_id"], r["fingerprint"], r["message"]) for r in d.query("SELECT * FROM findings ORDER BY report_id, fingerprint")]
    calls = [(r["report_id"], r["part"], r["attempt"], r["ok"]) for r in d.query("SELECT * FROM llm_calls ORDER BY report_id, seq")]
    return [reports, cells, findings, calls]


def test_reports_ask_at_once_but_never_more_than_the_concurrency(tmp_path):
    items = folder_of(tmp_path, 12)
    with FakeLLM(default=correct, latency=0.3) as fake:
        stats = batch(items, tmp_path / "four.db", fake, concurrency=4)
        assert 1 < fake.max_in_flight <= 4
    assert stats["llm_calls"] == 12 and stats["ok"] == 12
    with FakeLLM(default=correct, latency=0.1) as fake:
        batch(items[:4], tmp_path / "one.db", fake, concurrency=1)
        assert fake.max_in_flight == 1


def test_retry_after_is_waited_out_before_the_same_request_comes_back(tmp_path):
    items = folder_of(tmp_path, 9)
    with FakeLLM(default=correct, limit_every=3, retry_after=1) as fake:  # every third request: 429, Retry-After: 1
        stats = batch(items, tmp_path / "t.db", fake, concurrency=4)
        gaps = list(fake.retry_gaps)
    assert len(gaps) >= 3 and all(asked == 1 for asked, _ in gaps)
    assert all(gap >= asked for asked, gap in gaps)
    assert stats["ok"] == 9
    d = sqlite_utils.Database(tmp_path / "t.db")
    assert d.execute("SELECT COUNT(*) FROM llm_calls WHERE error LIKE 'RateLimitError%'").fetchone()[0] == len(gaps)
    assert d.execute("SELECT COUNT(*) FROM findings WHERE rule = 'llm.failed'").fetchone()[0] == 0


def test_a_providers_rate_limit_is_waited_out_to_the_millisecond_it_asks(tmp_path):
    items = folder_of(tmp_path, 8)
    with FakeLLM(default=correct, latency=0.05, rate_limit=3) as fake:  # 3 requests a second, 429 with retry-after-ms beyond
        stats = batch(items, tmp_path / "t.db", fake, concurrency=8, transport_retries=10)
        gaps, limited = list(fake.retry_gaps), list(fake.limited)
    assert limited and all(0 <= asked <= 1 for asked in limited)
    assert gaps and all(gap >= asked for asked, gap in gaps)
    assert stats["ok"] == 8 and stats["llm_calls"] == 8 + len(limited)


def test_what_is_stored_does_not_depend_on_how_many_ask_at_once(tmp_path):
    items = folder_of(tmp_path, 10)

    def slower_first(body: dict) -> Reply:  # the first reports answered last: at 5 in flight they finish out of order
        reply = correct(body)
        reply.delay = 0.05 * (10 - regulations_issued(body))
        return reply

    orders = {}
    for c in (1, 5):
        orders[c] = []
        with FakeLLM(default=slower_first) as fake:
            batch(items, tmp_path / f"c{c}.db", fake, concurrency=c, seen=orders[c])
            if c > 1:
                assert fake.max_in_flight > 1
    assert stored(tmp_path / "c1.db") == stored(tmp_path / "c5.db")
    assert orders[1] == orders[5] == [str(p) for p, _ in items]
    assert [r[1] for r in stored(tmp_path / "c5.db")[0]] == [str(p) for p, _ in items]


def test_a_report_whose_call_fails_for_good_is_stored_with_the_reason(tmp_path):
    items = folder_of(tmp_path, 8)

    def some_fail(body: dict) -> Reply:  # reports 3 and 6: the provider fails every time
        if regulations_issued(body) in (3, 6):
            return Reply(status=500, raw_body='{"error": {"message": "boom"}}')
        return correct(body)

    with FakeLLM(default=some_fail, latency=0.2) as fake:
        stats = batch(items, tmp_path / "t.db", fake, concurrency=4, transport_retries=1, cache=False)
        assert fake.max_in_flight > 1
    assert stats["ok"] == 8 and stats["failed"] == 0
    d = sqlite_utils.Database(tmp_path / "t.db")
    assert d.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 8
    failed = {Path(r["source"]).name: r["message"] for r in d.query(
        "SELECT r.source, f.message FROM findings f JOIN reports r ON r.id = f.report_id WHERE f.rule = 'llm.failed'")}
    assert sorted(failed) == ["002.txt", "005.txt"]
    assert all("InternalServerError" in m for m in failed.values())
    # the built-in reader's values stay: the 规章 row each of them printed
    issued = dict(d.execute("SELECT r.source, c.value FROM cells c JOIN reports r ON r.id = c.report_id "
                            "WHERE c.field = 'active.regulations.issued'").fetchall())
    assert [issued[str(p)] for p, _ in items] == list(range(1, 9))
