"""The LLM path over real HTTP: real openai client, real instructor, a local fake server.

No internet and no real model: tests/fake_llm.py answers as scripted, and
tests/llm_oracle.py supplies the correct answers the failures are scripted against.
"""

from __future__ import annotations

import json
import shutil
import time

import pytest
import sqlite_utils
from conftest import SEED_NAMES, SEEDS, cell_diff, expected_cells, golden, seed_named, seed_text, serious
from fake_llm import FakeLLM, Reply
from llm_oracle import correct, question, table_answer
from typer.testing import CliRunner

from nianbao import cli
from nianbao.extract.llm.client import Asker
from nianbao.extract.llm.config import LLMConfig, provider_defaults
from nianbao.extract.llm.extractor import LLMExtractor
from nianbao.pipeline import process_text

S004 = next(s for s in SEED_NAMES if s.startswith("004"))


def extractor(fake: FakeLLM, policy: str = "always", **config) -> LLMExtractor:
    settings = {"base_url": fake.base_url, "api_key": "test", "model": "fake-model", "timeout": 5.0,
                "transport_retries": 2, "reask": 2} | config
    return LLMExtractor(Asker(LLMConfig(**settings)), policy)


def run(text: str, llm: LLMExtractor):
    return process_text("t.txt", "0" * 64, text, None, llm)


def cells(report) -> dict:
    return {fid: c.value for fid, c in report.cells.items()}


def found(report, rule: str) -> list:
    return [f for f in report.findings if f.rule == rule]


# --- the request each instructor mode sends ----------------------------------------------------
@pytest.mark.parametrize("mode", ["TOOLS", "JSON", "JSON_SCHEMA", "MD_JSON"])
def test_each_mode_sends_its_request_and_both_extractors_agree_on_the_seed(mode):
    with FakeLLM(default=correct) as fake:
        report = run(seed_text(S004), extractor(fake, mode=mode))
        table_request = next(b for b in fake.requests if question(b)[0] == "table applications")
    if mode == "TOOLS":
        assert table_request["tools"][0]["function"]["name"] == "TableAnswer"
        assert table_request["tool_choice"] == {"type": "function", "function": {"name": "TableAnswer"}}
    elif mode == "JSON":
        assert table_request["response_format"] == {"type": "json_object"} and "tools" not in table_request
    elif mode == "JSON_SCHEMA":
        assert table_request["response_format"]["type"] == "json_schema"
        assert table_request["response_format"]["json_schema"]["name"] == "TableAnswer"
    else:
        assert "response_format" not in table_request and "tools" not in table_request
        assert "```json" in table_request["messages"][-1]["content"]
    assert not cell_diff(expected_cells(golden(S004)), cells(report))
    assert serious(report) == {("prose.active_table", "error", ("active.licensing",))}
    assert report.cells["active.licensing"].extractor == "builtin+llm:fake-model/table_v2"


def test_provider_defaults():
    assert provider_defaults("https://api.deepseek.com/v1") == ("JSON", None)
    assert provider_defaults("https://dashscope.aliyuncs.com/compatible-mode/v1") == ("JSON", {"enable_thinking": False})
    assert provider_defaults("http://localhost:11434/v1")[0] == "JSON_SCHEMA"
    assert provider_defaults("https://api.openai.com/v1")[0] == "TOOLS"


def test_qwen_request_turns_thinking_off():
    with FakeLLM(default=correct) as fake:
        run(seed_text(S004), extractor(fake, mode="JSON", extra_body={"enable_thinking": False}))
        assert fake.requests and all(b.get("enable_thinking") is False for b in fake.requests)


def test_config_from_environment(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "https://api.deepseek.com/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-x")
    monkeypatch.setenv("NIANBAO_MODEL", "deepseek-chat")
    config = LLMConfig.from_env()
    assert (config.mode, config.model, config.configured) == ("JSON", "deepseek-chat", True)
    assert LLMConfig.from_env(mode="MD_JSON").mode == "MD_JSON"
    with pytest.raises(ValueError):
        LLMConfig.from_env(mode="XML")


def test_report_text_never_reaches_a_template_engine():
    text = seed_text(S004).replace("六、其他需要报告的事项\n", "六、其他需要报告的事项\n模板字符 {{ secret }} {% if x %}保留{% endif %}。\n")
    with FakeLLM(default=correct) as fake:
        run(text, extractor(fake))
        sent = json.dumps(fake.requests, ensure_ascii=False)
    assert "{{ secret }} {% if x %}保留{% endif %}" in sent


# --- grounding -------------------------------------------------------------------------------
def scripted_facts(figures: list[dict]):
    def answer(body):
        task, text = question(body)
        if task == "facts" and "安居镇收到1条" in text:
            return Reply({"figures": figures})
        return correct(body)
    return answer


def test_invented_number_is_caught_by_grounding():
    figures = [
        {"name": "applications.received", "value": 5, "quote": "2024年安居镇收到1条依申请公开"},  # value not in the quote
        {"name": "active.licensing", "value": 600, "quote": "本年度处理行政许可600件"},  # quote not in the source
        {"name": "applications.received", "value": 1, "quote": "2024年安居镇收到1条依申请公开"},  # grounded
    ]
    with FakeLLM(default=scripted_facts(figures)) as fake:
        report = run(seed_text(S004), extractor(fake))
    ungrounded = found(report, "llm.ungrounded")
    assert sorted(f.actual for f in ungrounded) == [5, 600]
    assert not [f for f in report.facts if f.value in (5, 600)]
    assert "原文中找不到该引文" in " ".join(f.message for f in ungrounded)


def test_quote_with_different_whitespace_is_still_grounded_but_a_fuzzy_one_is_not():
    figures = [
        {"name": "proactive.total", "value": 68, "quote": "主动公开信息68条"},  # source prints "主动公开信息 68 条"
        {"name": "proactive.part:通知公告", "value": 5, "quote": "通知公告5条。"},  # no such text ("5 条，图片…")
    ]

    def answer(body):
        task, text = question(body)
        return Reply({"figures": figures}) if task == "facts" and "68" in text else correct(body)

    with FakeLLM(default=answer) as fake:
        report = run(seed_named("002"), extractor(fake))
    assert [f.actual for f in found(report, "llm.ungrounded")] == [5]


# --- cross-check ------------------------------------------------------------------------------
def test_a_mismapped_cell_becomes_a_disagreement_not_a_silent_choice():
    def swapped(body):
        task, text = question(body)
        if task == "table active":
            answer = table_answer("active", text)
            rows = {r["row"]: r for r in answer["rows"]}
            rows["licensing"]["tokens"], rows["punishment"]["tokens"] = rows["punishment"]["tokens"], rows["licensing"]["tokens"]
            return Reply(answer)
        return correct(body)

    with FakeLLM(default=swapped) as fake:
        report = run(seed_text(S004), extractor(fake))
    [f] = found(report, "extractors_disagree")  # one finding for the table, naming every cell that differs
    assert f.fields == ["active.licensing", "active.punishment"]
    assert (f.expected, f.actual) == ([24, 290], [290, 24])
    assert f.severity == "error" and "合计关系不能判定" in f.message  # the active table states no sums: a person decides
    cell = report.cells["active.licensing"]
    assert (cell.value, cell.alt_value, cell.extractor) == (290, 24, "builtin")


def test_auto_asks_only_for_what_the_builtin_reader_could_not_read():
    """On the seeds only 002's active table is incomplete (its fee row is missing): one call, and the blank stays blank."""
    with FakeLLM(default=correct) as fake:
        reports = {seed: run(seed_text(seed), extractor(fake, policy="auto")) for seed in SEED_NAMES}
        asked = [question(b)[0] for b in fake.requests]
    assert asked == ["table active"]
    assert {seed for seed, r in reports.items() if r.llm_calls} == {SEED_NAMES[2]}
    for seed, report in reports.items():
        assert not cell_diff(expected_cells(golden(seed)), cells(report)), seed
        assert serious(report) == {(f["rule"], f["severity"], tuple(f["fields"])) for f in golden(seed)["findings"]}


def test_auto_fills_a_row_the_builtin_reader_could_not_find():
    text = seed_text(S004).replace("一、本年新收政府信息公开申请数量", "一、本年度新接收的政府信息公开申请")

    def knows_the_row(body):
        task, rendered = question(body)
        if task != "table applications":
            return correct(body)
        answer = table_answer("applications", rendered)
        line = next(line for line in rendered.splitlines() if "本年度新接收" in line)
        answer["rows"][0]["tokens"] = [int(t) for t in __import__("re").findall(r"⟦(\d+):", line)]
        return Reply(answer)

    with FakeLLM(default=knows_the_row) as fake:
        without = run(text, None)
        report = run(text, extractor(fake, policy="auto"))
        asked = [question(b)[0] for b in fake.requests]
    assert without.value("applications.new.total") is None
    assert asked == ["table applications"]
    assert not cell_diff(expected_cells(golden(S004)), cells(report))
    assert report.cells["applications.new.total"].extractor == "llm:fake-model/table_v2"
    assert not found(report, "completeness.cell_blank")


# --- failures: the model can fail, the report never loses what the built-in reader found -----------
def only_tables_fail(*replies: Reply):
    """A responder that answers metadata and facts correctly and gives `replies` (in turn) to tables."""
    queue = list(replies)

    def answer(body):
        if question(body)[0].startswith("table ") and queue:
            return queue.pop(0)
        return correct(body)
    return answer


def test_wrong_shape_is_reasked_then_accepted():
    wrong = Reply({"rows": [{"row": "licensing", "tokens": [1, 2]}]})
    with FakeLLM(default=only_tables_fail(wrong)) as fake:
        report = run(seed_text(S004), extractor(fake))
    table_calls = [c for c in report.llm_calls if c.part == "table:active"]
    assert [(c.attempt, c.ok) for c in table_calls] == [(1, False), (2, True)]
    assert not found(report, "llm.failed") and not found(report, "extractors_disagree")


def test_invalid_json_is_reasked():
    with FakeLLM(default=only_tables_fail(Reply("{not json at all"))) as fake:
        report = run(seed_text(S004), extractor(fake, mode="JSON"))
    assert [c.ok for c in report.llm_calls if c.part == "table:active"] == [False, True]
    assert not found(report, "llm.failed")


def test_a_model_that_keeps_answering_the_wrong_shape_gives_up_and_loses_nothing():
    wrong = Reply({"rows": []})
    with FakeLLM(default=only_tables_fail(wrong, wrong, wrong)) as fake:
        report = run(seed_text(S004), extractor(fake, reask=2))
    assert [c.ok for c in report.llm_calls if c.part == "table:active"] == [False, False, False]
    [failed] = [f for f in found(report, "llm.failed") if "table:active" in f.message]
    assert not cell_diff(expected_cells(golden(S004)), cells(report))


def test_429_with_retry_after_is_retried_by_the_client():
    limited = Reply(status=429, headers={"Retry-After": "1"}, raw_body='{"error": {"message": "rate limited"}}')
    with FakeLLM(default=only_tables_fail(limited)) as fake:
        started = time.perf_counter()
        report = run(seed_text(S004), extractor(fake))
        elapsed = time.perf_counter() - started
    assert elapsed >= 1.0  # Retry-After honoured
    assert not found(report, "llm.failed")
    attempts = [c for c in report.llm_calls if c.part == "table:active"]  # every HTTP attempt is accounted for
    assert [c.ok for c in attempts] == [False, True] and "RateLimitError" in attempts[0].error


def test_500_is_retried_within_bounds_then_reported():
    error = Reply(status=500, raw_body='{"error": {"message": "boom"}}')
    with FakeLLM(default=only_tables_fail(error)) as fake:
        report = run(seed_text(S004), extractor(fake))
    assert not found(report, "llm.failed")
    with FakeLLM(default=only_tables_fail(*[error] * 9)) as fake:
        report = run(seed_text(S004), extractor(fake, transport_retries=2))
        table_requests = [b for b in fake.requests if question(b)[0].startswith("table ")]
    assert len(table_requests) >= 3  # 1 + 2 transport retries for the first table, never more layers
    assert any("InternalServerError" in f.message for f in found(report, "llm.failed"))
    assert not cell_diff(expected_cells(golden(S004)), cells(report))


def test_a_model_that_never_answers_does_not_stop_the_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    with FakeLLM(default=lambda body: Reply({"rows": []}, delay=3)) as fake:
        started = time.perf_counter()
        result = CliRunner().invoke(cli.app, [
            "extract", str(folder), "--db", str(tmp_path / "t.db"), "--llm", "always", "--base-url", fake.base_url,
            "--timeout", "0.3", "--concurrency", "5", "--model", "slow",
        ], env={"NIANBAO_RETRIES": "0"}, catch_exceptions=False)
        elapsed = time.perf_counter() - started
    assert result.exit_code == 3, result.output  # the batch ends whole; the breaker stopped asking after 5 time-outs
    assert "not asked" in result.stderr
    assert elapsed < 20
    db = sqlite_utils.Database(tmp_path / "t.db")
    assert db["reports"].count == 5
    failures = list(db.query("SELECT DISTINCT rule FROM findings WHERE rule LIKE 'llm.%'"))
    assert failures == [{"rule": "llm.failed"}]
    timeouts = list(db.query("SELECT error FROM llm_calls WHERE ok = 0 LIMIT 1"))
    assert "Timeout" in timeouts[0]["error"]
    licensing = next(db.query("SELECT value FROM cells c JOIN reports r ON r.id = c.report_id WHERE r.organ = '安居镇' AND field = 'active.licensing'"))
    assert licensing["value"] == 290


# --- cache and accounting -----------------------------------------------------------------------
def test_second_run_is_call_free_and_tokens_add_up(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    db_path = tmp_path / "t.db"
    args = ["extract", str(folder), "--db", str(db_path), "--llm", "always", "--model", "fake-model"]
    with FakeLLM(default=correct) as fake:
        first = CliRunner().invoke(cli.app, args + ["--base-url", fake.base_url], catch_exceptions=False)
        calls_after_first = len(fake.requests)
        second = CliRunner().invoke(cli.app, args + ["--base-url", fake.base_url, "--force"], catch_exceptions=False)
        sent = dict(fake.usage_sent)
        assert len(fake.requests) == calls_after_first  # zero calls the second time
        third = CliRunner().invoke(cli.app, args + ["--base-url", fake.base_url, "--no-cache"], catch_exceptions=False)
        asked_without_cache = len(fake.requests) - calls_after_first
    assert first.exit_code == second.exit_code == third.exit_code == 0
    db = sqlite_utils.Database(db_path)
    by_run = {r["run_id"]: r for r in db.query(
        "SELECT run_id, SUM(cache_hit = 0) AS calls, SUM(cache_hit) AS hits, SUM(prompt_tokens) AS p, SUM(completion_tokens) AS c "
        "FROM llm_calls GROUP BY run_id")}
    questions = by_run[1]["calls"] + by_run[1]["hits"]
    # Seeds 001 and 002 print identical applications and appeals tables (002 lacks the fee row, so
    # their active tables differ): each asked once, answered twice (single-flight + cache).
    assert by_run[1]["calls"] == calls_after_first and by_run[1]["hits"] == 2
    assert by_run[2]["calls"] == 0 and by_run[2]["hits"] == questions
    assert asked_without_cache == questions
    assert (by_run[1]["p"], by_run[1]["c"]) == (sent["prompt_tokens"], sent["completion_tokens"])
    stats = CliRunner().invoke(cli.app, ["stats", "--db", str(db_path), "--json", "--price-input", "1", "--price-output", "2"])
    runs = json.loads(stats.stdout)["runs"]
    assert runs[0]["prompt_tokens"] == sent["prompt_tokens"]
    assert runs[0]["cost"] == round((sent["prompt_tokens"] + 2 * sent["completion_tokens"]) / 1e6, 4)
    assert runs[1]["cache_hits"] == questions


def test_llm_needs_an_endpoint():
    result = CliRunner().invoke(cli.app, ["check", str(SEEDS), "--llm", "always"])
    assert result.exit_code == 2 and "OPENAI_API_KEY" in result.stderr


def test_an_invented_token_id_is_rejected_structurally_and_reasked():
    invented = Reply({"rows": [{"row": r, "tokens": [9999] * n} for r, n in
                               [("regulations", 3), ("normative_docs", 3), ("licensing", 1), ("punishment", 1), ("coercion", 1), ("fees", 1)]]})
    with FakeLLM(default=only_tables_fail(invented)) as fake:
        report = run(seed_text(S004), extractor(fake))
        reask = next(b for b in fake.requests[1:] if question(b)[0] == "table active")
    assert "token id 9999 does not exist" in json.dumps(reask["messages"], ensure_ascii=False)
    assert [c.ok for c in report.llm_calls if c.part == "table:active"] == [False, True]
    assert not cell_diff(expected_cells(golden(S004)), cells(report))
