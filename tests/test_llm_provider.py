"""When the model provider fails: circuit breaker, deadlines, retries with reasons, no leaked keys, cache per endpoint.

All over real HTTP against tests/fake_llm.py.
"""

from __future__ import annotations

import logging
import shutil
import time

import sqlite_utils
from conftest import SEEDS, seed_text
from fake_llm import EMPTY_CHOICES, FakeLLM, Reply, unauthorized
from llm_oracle import correct
from pydantic import BaseModel
from typer.testing import CliRunner

from nianbao import cli
from nianbao.extract.llm.client import Asker
from nianbao.extract.llm.config import LLMConfig
from nianbao.extract.llm.redact import redact

KEY = "ZX9-local-7788secret"  # a configured key that looks like nothing in particular


class Answer(BaseModel):
    x: int


def asker(fake: FakeLLM, **config) -> Asker:
    settings = {"base_url": fake.base_url, "api_key": KEY, "model": "fake-model", "timeout": 5.0,
                "transport_retries": 2, "reask": 1} | config
    return Asker(LLMConfig(**settings))


def ask(a: Asker):
    return a.ask("test", "test_v1", "system", "user", Answer)


def seeds(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    return folder


def extract(folder, db, fake: FakeLLM, *extra: str, env: dict | None = None):
    return CliRunner().invoke(cli.app, [
        "extract", str(folder), "--db", str(db), "--llm", "always", "--base-url", fake.base_url, "--model", "fake-model",
        "--concurrency", "1", *extra], env={"OPENAI_API_KEY": KEY, "NIANBAO_RETRIES": "0", **(env or {})})


# --- the circuit breaker -------------------------------------------------------------------------
def test_401_on_every_call_stops_asking_exits_non_zero_and_names_the_reports_not_asked(tmp_path):
    folder, db = seeds(tmp_path), tmp_path / "t.db"
    with FakeLLM(default=lambda body: unauthorized()) as fake:
        result = extract(folder, db, fake, env={"NIANBAO_BREAKER": "3"})
        asked = len(fake.requests)
    assert result.exit_code == 3, result.output
    assert asked == 3  # then the breaker opened: no more calls
    assert "stopped asking the model after 3 consecutive provider failures of one kind (AuthenticationError (HTTP 401)" in result.stderr
    after = result.stderr.split("not asked (the built-in reader's results are stored):\n")[1].splitlines()
    listed = [line.strip() for line in after if line.startswith("  ")]
    assert len(listed) >= 4 and all(line.startswith(str(folder)) for line in listed)  # the first report was asked (3 parts), the rest not
    database = sqlite_utils.Database(db)
    assert database.execute("SELECT COUNT(*) FROM reports WHERE status = 'ok'").fetchone()[0] == 5  # nothing lost


def test_failures_of_different_kinds_do_not_trip_the_breaker():
    replies = [unauthorized(), Reply(status=500, raw_body="{}"), unauthorized(), Reply(status=500, raw_body="{}")]
    with FakeLLM() as fake:
        fake.then(*replies)
        a = asker(fake, breaker=2, transport_retries=0)
        errors = [ask(a)[2] for _ in replies]
    assert all(e and "not asked" not in e for e in errors)
    assert a.breaker.tripped is None


# --- a total deadline per attempt -----------------------------------------------------------------
def test_a_provider_trickling_bytes_is_cut_off_at_the_deadline():
    with FakeLLM(default=lambda body: Reply({"x": 1}, trickle=0.5)) as fake:
        started = time.perf_counter()
        answer, calls, error = ask(asker(fake, timeout=1.5, transport_retries=0))
        elapsed = time.perf_counter() - started
    assert answer is None and "Timeout" in error
    assert elapsed < 4  # deadline 1.5 s + one read; before, ~150 bytes × 0.5 s held the call for over a minute
    assert [c.ok for c in calls] == [False]


def test_a_provider_trickling_its_headers_is_cut_off_at_the_deadline_too():
    with FakeLLM(default=lambda body: Reply({"x": 1}, trickle=0.5, trickle_head=True)) as fake:
        started = time.perf_counter()
        answer, calls, error = ask(asker(fake, timeout=1.5, transport_retries=0))
        elapsed = time.perf_counter() - started
    assert answer is None and "Timeout" in error and "1.5 s" in error
    assert elapsed < 2.5  # the watchdog hangs up at the deadline, whatever the request is waiting for


# --- retries: empty choices and transport failures, each logged with its reason --------------------
def test_empty_choices_are_retried_and_every_retry_is_logged_with_its_reason(caplog):
    caplog.set_level(logging.WARNING, logger="nianbao.llm")
    with FakeLLM(default=lambda body: Reply({"x": 7})) as fake:
        fake.then(Reply(raw_body=EMPTY_CHOICES), Reply(status=503, raw_body='{"error": {"message": "overloaded"}}'))
        answer, calls, error = ask(asker(fake))
        sent = len(fake.requests)
    assert (answer.x, error, sent) == (7, None, 3)
    assert [c.ok for c in calls] == [False, False, True]
    retries = [r.getMessage() for r in caplog.records if r.name == "nianbao.llm"]
    assert len(retries) == 2
    assert "no choices" in retries[0] and "HTTP 503" not in retries[0]
    assert "InternalServerError" in retries[1] and "503" in retries[1]


def test_a_401_is_not_retried():
    with FakeLLM(default=lambda body: unauthorized()) as fake:
        _, _, error = ask(asker(fake))
        assert len(fake.requests) == 1
    assert "AuthenticationError" in error


# --- secrets -------------------------------------------------------------------------------------------
def test_an_echoed_key_is_never_stored_shown_or_printed(tmp_path):
    folder, db = seeds(tmp_path), tmp_path / "t.db"
    leaked = f"{KEY} (header: Bearer abcdef123456) sk-proj-0123456789abcdef"
    with FakeLLM(default=lambda body: unauthorized(leaked)) as fake:
        result = extract(folder, db, fake, env={"NIANBAO_LOG": "debug"})
    assert result.exit_code == 3
    shown = CliRunner().invoke(cli.app, ["show", "004_355405dd3f944c58.txt", "--db", str(db), "--html", str(tmp_path / "p.html")])
    exported = CliRunner().invoke(cli.app, ["export", "--db", str(db), "--json", str(tmp_path / "all.json"), "--csv", str(tmp_path / "csv")])
    assert shown.exit_code == exported.exit_code == 0
    database = sqlite_utils.Database(db)
    stored = "\n".join(str(row) for table in database.table_names() for row in database[table].rows)
    database.close()
    assert "Incorrect API key provided: [redacted]" in stored  # the error is kept, the key is not
    written = [stored, result.output, (tmp_path / "p.html").read_text(encoding="utf-8"), (tmp_path / "all.json").read_text(encoding="utf-8"),
               (tmp_path / "csv" / "findings.csv").read_text(encoding="utf-8-sig")]
    for secret in (KEY, "abcdef123456", "sk-proj-0123456789abcdef"):
        assert not any(secret in text for text in written), secret


def test_redact_masks_keys_tokens_and_the_configured_key():
    text = 'key sk-abc123def456 / Authorization: Bearer eyJhbGciOi.x / "api_key": "qwerty123456" / mine: s3cr3t-value'
    assert redact(text, "s3cr3t-value") == 'key [redacted] / Authorization: [redacted] / "api_key": "[redacted]" / mine: [redacted]'


# --- quiet by default ------------------------------------------------------------------------------------
def test_instructor_says_nothing_on_stderr_by_default(tmp_path):
    folder, db = seeds(tmp_path), tmp_path / "t.db"
    with FakeLLM(default=lambda body: unauthorized()) as fake:
        result = extract(folder, db, fake)
    assert "API call failed" not in result.stderr and "Max retries exceeded" not in result.stderr


# --- the cache ----------------------------------------------------------------------------------------------
def test_the_cache_is_kept_per_endpoint_and_model(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "t.db"
    folder.mkdir()
    (folder / "004.txt").write_text(seed_text(next(p.stem for p in SEEDS.glob("004*"))), encoding="utf-8")
    with FakeLLM(default=correct) as first, FakeLLM(default=correct) as second:
        assert extract(folder, db, first).exit_code == 0
        asked = len(first.requests)
        assert extract(folder, db, first).exit_code == 0 and len(first.requests) == asked  # same endpoint: cached
        assert extract(folder, db, second).exit_code == 0
        assert len(second.requests) == asked  # another provider is asked, not answered from the first one's cache
        assert extract(folder, db, first, "--model", "other-model").exit_code == 0
        assert len(first.requests) == 2 * asked  # another model likewise
