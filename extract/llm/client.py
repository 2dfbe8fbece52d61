"""One question to the model: prompt in, validated answer out, every attempt accounted for.

Retries are one layer each: this module retries provider failures (timeouts, connection
errors, 429 honouring Retry-After, 5xx, a response with no choices) `transport_retries`
times, logging each with its reason (logger "nianbao.llm"); instructor re-asks `reask`
times only when an answer fails structural validation. The openai client itself does not
retry (its retries are silent and blind to empty answers). Each attempt has a total
deadline (transport.py). After `breaker` consecutive provider failures of one kind the
Asker stops asking (breaker.py). A part that still fails returns its error, with any key
masked; the caller keeps what the built-in reader found.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from importlib import resources
from typing import Any, TypeVar

import instructor
import openai
from pydantic import BaseModel, ValidationError

from .breaker import Breaker
from .shared import InFlight
from .cache import LLMCache, cache_key
from .config import LLMConfig
from .redact import redact
from .transport import Failure, backoff, classify, http_client

log = logging.getLogger("nianbao.llm")
# instructor logs every failed call at ERROR; with no handler configured Python would print
# those (with the provider's raw error text) on stderr. They go through logging only.
logging.getLogger("instructor").addHandler(logging.NullHandler())
logging.getLogger("nianbao").addHandler(logging.NullHandler())

T = TypeVar("T", bound=BaseModel)


@dataclass
class Call:
    """One HTTP attempt (or one cache hit) and what it cost."""

    part: str
    prompt_version: str
    model: str
    mode: str
    attempt: int
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: float = 0.0
    cache_hit: bool = False
    ok: bool = True
    error: str | None = None


def load_prompt(name: str) -> str:
    """A versioned prompt file from prompts/ (its stem, e.g. "table_v2", is the prompt version)."""
    return resources.files("nianbao").joinpath("prompts", f"{name}.md").read_text(encoding="utf-8")


class Asker:
    def __init__(self, config: LLMConfig, cache: LLMCache | None = None):
        self.config = config
        self.cache = cache if config.use_cache else None
        raw = openai.OpenAI(
            base_url=config.base_url,
            api_key=config.api_key or "not-needed",  # local servers (Ollama, vLLM) take any key
            timeout=config.timeout,
            max_retries=0,  # retried here, with reasons logged (see the module docstring)
            http_client=http_client(config.timeout),
        )
        self.breaker = Breaker(config.breaker)
        self.client = instructor.from_openai(raw, mode=instructor.Mode[config.mode])
        self._local = threading.local()  # the calls of the question this thread is asking
        self._inflight = InFlight()  # identical questions asked at once (by any worker process) are asked once
        self.client.on("completion:kwargs", self._attempt_started)
        self.client.on("completion:response", self._attempt_answered)
        self.client.on("completion:error", self._attempt_failed)

    # --- hooks: instructor calls them once per attempt, re-asks included ---------------------
    def _attempt_started(self, *args: Any, **kwargs: Any) -> None:
        self._local.started = time.perf_counter()

    def _new_call(self, ok: bool, error: str | None = None) -> Call:
        q = self._local.question
        latency = 1000 * (time.perf_counter() - getattr(self._local, "started", time.perf_counter()))
        return Call(q["part"], q["prompt_version"], self.config.model, self.config.mode,
                    len(self._local.calls) + 1, latency_ms=round(latency, 1), ok=ok, error=error)

    def _attempt_answered(self, response: Any) -> None:
        call = self._new_call(ok=True)
        if not getattr(response, "choices", None):  # nothing to parse: a provider failure, retried as one
            self._local.empty_choices = True
            call.ok, call.error = False, "empty choices: the provider returned no answer"
        usage = getattr(response, "usage", None)
        call.prompt_tokens = getattr(usage, "prompt_tokens", 0) or 0
        call.completion_tokens = getattr(usage, "completion_tokens", 0) or 0
        self._local.calls.append(call)

    def _attempt_failed(self, error: Exception, **kwargs: Any) -> None:
        self._local.calls.append(self._new_call(ok=False, error=self._short(error)))

    # --- the question -------------------------------------------------------------------------
    def ask(self, part: str, prompt_version: str, system: str, user: str, response_model: type[T]) -> tuple[T | None, list[Call], str | None]:
        """Ask once (with the retries above). Returns (answer or None, calls, error or None)."""
        schema = response_model.model_json_schema()
        key, schema_hash, input_hash = cache_key(self.config.base_url or "", self.config.model, self.config.mode, prompt_version,
                                                 schema, system + "\n" + user)
        if self.cache is None:
            return self._ask_unless_open(key, schema_hash, input_hash, part, prompt_version, system, user, response_model)
        claimed = False
        patience = time.monotonic() + self.config.timeout * (self.config.transport_retries + 1) * (self.config.reask + 1)
        while True:
            hit = self._cached(key, part, prompt_version, response_model)
            if hit is not None:
                return hit
            if self._inflight.claim(key):
                claimed = True
                break  # this thread asks
            if time.monotonic() > patience:
                break  # the one asking is gone (its process killed) or stuck: ask too
            # The same question is being asked for another report, maybe in another worker process:
            # wait for it to end, then look in the cache again (if that ask failed, the next loop asks).
            while self._inflight.busy(key) and time.monotonic() <= patience:
                time.sleep(0.02)
        try:
            return self._ask_unless_open(key, schema_hash, input_hash, part, prompt_version, system, user, response_model)
        finally:
            if claimed:
                self._inflight.release(key)

    def _cached(self, key: str, part: str, prompt_version: str, response_model: type[T]) -> tuple[T, list[Call], None] | None:
        cached = self.cache.get(key) if self.cache is not None else None
        if cached is None:
            return None
        try:
            answer = response_model.model_validate_json(cached)
        except ValidationError:
            return None  # stale entry (e.g. different token ids): ask again
        return answer, [Call(part, prompt_version, self.config.model, self.config.mode, 0, cache_hit=True)], None

    def _ask_unless_open(self, *args: Any) -> tuple[T | None, list[Call], str | None]:
        refusal = self.breaker.refusal()
        if refusal:
            return None, [], refusal
        return self._ask_model(*args)

    def _ask_model(self, key: str, schema_hash: str, input_hash: str, part: str, prompt_version: str,
                   system: str, user: str, response_model: type[T]) -> tuple[T | None, list[Call], str | None]:
        self._local.calls = []
        self._local.question = {"part": part, "prompt_version": prompt_version}
        kwargs: dict[str, Any] = {}
        if self.config.extra_body:
            kwargs["extra_body"] = self.config.extra_body
        for attempt in range(self.config.transport_retries + 1):
            self._local.empty_choices = False
            try:
                # No `context=`: instructor would render the messages as Jinja, and report text may contain `{{`.
                answer = self.client.chat.completions.create(
                    model=self.config.model,
                    response_model=response_model,
                    messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
                    max_retries=self.config.reask,
                    **kwargs,
                )
            except Exception as exc:  # noqa: BLE001 — any failure of the model leaves the report as the built-in reader made it
                failure = classify(exc, self._local.empty_choices)
                reason = "the provider returned no choices" if self._local.empty_choices else self._short(exc)
                if failure.retryable and attempt < self.config.transport_retries:
                    self._log_retry(part, attempt, failure, reason)
                    continue
                return self._failed(failure, reason)
            break
        self.breaker.succeeded()
        calls = self._local.calls
        _mark_rejected(calls[:-1], "invalid answer (re-asked)")
        if self.cache is not None:
            self.cache.put(key, self.config.model, self.config.mode, prompt_version, schema_hash, input_hash, answer.model_dump_json())
        return answer, calls, None


    def _log_retry(self, part: str, attempt: int, failure: Failure, reason: str) -> None:
        wait = backoff(attempt, failure.retry_after)
        log.warning("model %s: attempt %d of %d failed (%s); retrying in %.1f s",
                    part, attempt + 1, self.config.transport_retries + 1, reason, wait)
        time.sleep(wait)

    def _failed(self, failure: Failure, reason: str) -> tuple[None, list[Call], str]:
        calls = self._local.calls
        _mark_rejected(calls, "invalid answer")
        if failure.provider:
            self.breaker.failed(failure.kind, reason)
        else:
            self.breaker.succeeded()  # the provider answered; the answer was wrong
        return None, calls, reason

    def _short(self, exc: BaseException) -> str:
        return redact(_short(exc), self.config.api_key)


def _mark_rejected(calls: list[Call], error: str) -> None:
    """An attempt that got an answer yet was followed by another (or by giving up) failed validation."""
    for c in calls:
        if c.ok:
            c.ok, c.error = False, error


def _short(exc: BaseException) -> str:
    """One line: the root cause's kind and the first line of its message."""
    root = exc
    while root.__cause__ is not None:
        root = root.__cause__
    first = (str(root).strip().splitlines() or [""])[0]
    return f"{type(root).__name__}: {first}"[:300]
