"""The model path of a batch at scale, over real HTTP against the fake provider (tests/fake_llm.py).

Several reports ask the model at once, never more than `llm_concurrency`; a 429 is waited
out as long as its Retry-After asks (the provider measures the gap); what is stored does
not depend on how many were in flight, and comes in input order; a report whose call fails
for good is still stored, with the built-in reader's values and the reason.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import sqlite_utils
from conftest import SEEDS
from fake_llm import FakeLLM, Reply
from llm_oracle import correct, question

from nianbao import batch as batch_module
from nianbao import batch_llm
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
          jobs: int = 2, **config) -> Counter:
    settings = {"base_url": fake.base_url, "api_key": "test", "model": "fake-model", "timeout": 10.0,
                "transport_retries": 3, "breaker": 1000} | config
    store = Store(db)
    answers = LLMCache(str(db)) if cache else None
    try:
        llm = LLMExtractor(Asker(LLMConfig(**settings), answers), "auto")
        result = run_batch(items, store, BatchOptions(llm=llm, llm_concurrency=concurrency, jobs=jobs),
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


# --- the worker processes of the model path -------------------------------------------------------
def test_the_same_question_from_two_worker_processes_is_asked_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(2):  # two files, one report each, the same tables: the same question
        (folder / f"{i}.txt").write_text(SEED.read_text(encoding="utf-8") + f"\n（第{i}份）\n", encoding="utf-8")
    items = list(expand_inputs([str(folder)]))
    with FakeLLM(default=correct, latency=0.5) as fake:
        stats = batch(items, tmp_path / "t.db", fake, concurrency=2, jobs=2)  # one report in each of two workers
        asked = len(fake.requests)
    assert asked == 1 and stats["llm_calls"] == 1 and stats["llm_cache_hits"] == 1


def test_the_breaker_counts_the_failures_of_every_worker_and_the_batch_sees_it(tmp_path):
    items = folder_of(tmp_path, 12)
    store, db = None, tmp_path / "t.db"
    with FakeLLM(default=lambda body: Reply(status=401, raw_body='{"error": {"message": "bad key"}}'), latency=0.1) as fake:
        llm = LLMExtractor(Asker(LLMConfig(base_url=fake.base_url, api_key="k", model="m", transport_retries=0, breaker=3,
                                           use_cache=False)), "auto")
        store = Store(db)
        result = run_batch(items, store, BatchOptions(llm=llm, llm_concurrency=2, jobs=2))
        store.close()
        asked = len(fake.requests)
    assert 3 <= asked <= 4  # three failures trip it; one more may have been in flight in the other worker
    assert llm.asker.breaker.tripped and "AuthenticationError (HTTP 401)" in llm.asker.breaker.tripped
    assert result.stats["ok"] == 12  # nothing lost: the built-in reader's results are stored
    d = sqlite_utils.Database(db)
    assert d.execute("SELECT COUNT(*) FROM findings WHERE rule = 'llm.failed' AND message LIKE '%not asked%'").fetchone()[0] == 12 - asked


def _misbehave(path, max_bytes, llm=None):
    """Stands in for the reader (the workers are forked, so they see it): a file named so hangs or kills its worker.

    A `slow` file hangs the first time only (it leaves a mark beside itself): it is read again whole."""
    if "hang" in path.name:
        time.sleep(60)
    mark = path.with_suffix(".read")
    if "slow" in path.name and not mark.exists():
        mark.touch()
        time.sleep(60)
    if "crash" in path.name:
        os.kill(os.getpid(), signal.SIGKILL)
    return _real_process_path(path, max_bytes, llm)


_real_process_path = batch_module.process_path


def test_a_worker_killed_with_several_reports_in_hand_loses_only_the_culprit(tmp_path, monkeypatch):
    items = folder_of(tmp_path, 8)
    crash = items[2][0].with_name("002_crash.txt")
    items[2][0].rename(crash)
    items[2] = (crash, None)
    monkeypatch.setattr(batch_module, "process_path", _misbehave)
    seen: list = []
    with FakeLLM(default=correct, latency=0.3) as fake:
        stats = batch(items, tmp_path / "t.db", fake, concurrency=4, jobs=1, seen=seen)  # one worker, four at once
    assert stats["ok"] == 7 and stats["failed"] == 1
    assert seen == [str(p) for p, _ in items]
    errors = dict(sqlite_utils.Database(tmp_path / "t.db").execute("SELECT source, error FROM reports").fetchall())
    assert errors[str(crash)] == "the process reading this file died with SIGKILL (killed: probably out of memory); not read"
    assert all(error is None for source, error in errors.items() if source != str(crash))


def test_a_report_past_its_deadline_fails_alone_and_the_others_are_read_again(tmp_path, monkeypatch):
    items = folder_of(tmp_path, 8)
    for i, name in ((0, "000_hang.txt"), (6, "006_slow.txt")):  # two at once: the slow one starts ~1.5 s after the hang
        items[i][0].rename(items[i][0].with_name(name))
        items[i] = (items[i][0].with_name(name), None)
    monkeypatch.setattr(batch_module, "process_path", _misbehave)
    with FakeLLM(default=correct, latency=0.2) as fake:
        store = Store(tmp_path / "t.db")
        llm = LLMExtractor(Asker(LLMConfig(base_url=fake.base_url, api_key="k", model="m", timeout=0.3,
                                           transport_retries=0, reask=0, use_cache=False)), "auto")
        options = BatchOptions(llm=llm, llm_concurrency=2, jobs=1, file_timeout=1)
        seconds = batch_llm.model_seconds(llm) + 1  # 4 s: when the hang's time is up, the slow one is still in hand
        result = run_batch(items, store, options)
        store.close()
    assert result.stats["ok"] == 7 and result.stats["failed"] == 1
    errors = dict(sqlite_utils.Database(tmp_path / "t.db").execute("SELECT source, error FROM reports").fetchall())
    assert errors.pop(str(items[0][0])) == f"took longer than {seconds:g} s to read (--file-timeout and the model's deadlines); stopped"
    assert set(errors.values()) == {None}  # the slow one too: its worker was killed, it was read again
    assert items[6][0].with_suffix(".read").exists()


def test_ctrl_c_with_reports_waiting_on_the_model_leaves_every_stored_report_whole(tmp_path):
    """A real SIGINT to `nianbao extract --llm auto` while reports wait on the provider: exit 130, no half report."""
    items = folder_of(tmp_path, 60)
    db = tmp_path / "t.db"
    exe = Path(sys.executable).with_name("nianbao")
    with FakeLLM(default=correct, latency=0.3) as fake:
        proc = subprocess.Popen([str(exe), "extract", str(items[0][0].parent), "--db", str(db), "--llm", "auto", "--base-url",
                                 fake.base_url, "--model", "m", "--llm-concurrency", "4", "--jobs", "2", "-q"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ | {"OPENAI_API_KEY": "k"})
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and len(fake.requests) < 8:
                time.sleep(0.1)
            proc.send_signal(signal.SIGINT)
            _, stderr = proc.communicate(timeout=60)
        finally:
            proc.kill()
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    d = sqlite_utils.Database(db)
    n = d.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    assert 0 < n < 60
    assert d.execute("SELECT COUNT(*) FROM cells").fetchone()[0] == n * 200
    assert d.execute("SELECT COUNT(DISTINCT report_id) FROM llm_calls").fetchone()[0] == n  # each stored with its call
    assert next(d["runs"].rows)["status"] == "interrupted"


def test_without_shared_memory_the_breaker_and_the_single_flight_work_in_one_process(monkeypatch):
    from nianbao.extract.llm import shared
    from nianbao.extract.llm.breaker import Breaker

    class NoSharedMemory:  # no writable /dev/shm nor temporary directory
        def __getattr__(self, name):
            def refuse(*args, **kwargs):
                raise OSError(f"{name}: no shared memory")
            return refuse

    monkeypatch.setattr(shared, "context", NoSharedMemory)
    breaker = Breaker(2)
    breaker.failed("APITimeoutError", "slow")
    breaker.failed("RateLimitError (HTTP 429)", "busy")
    assert breaker.tripped is None  # two kinds: not consecutive failures of one kind
    breaker.failed("RateLimitError (HTTP 429)", "busy again")
    assert breaker.tripped == "2 consecutive provider failures of one kind (RateLimitError (HTTP 429)), the last: busy again"
    asking = shared.InFlight()
    key = "a1" * 32
    assert asking.claim(key) and not asking.claim(key) and asking.busy(key)
    asking.release(key)
    assert not asking.busy(key) and asking.claim(key)
