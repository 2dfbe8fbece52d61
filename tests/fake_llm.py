"""A scriptable OpenAI-compatible chat-completions server on 127.0.0.1, for tests and benchmarks.

Real HTTP, so the real `openai` client (httpx2) and real instructor talk to it. Each
request is answered by the first scripted `Reply` in the queue, or by `default`, a
function of the parsed request body.

Like a provider under load it can also refuse: `rate_limit` admits at most that many
requests in any one second and answers the others 429 at once, with `Retry-After` (whole
seconds) and `retry-after-ms` (the wait until a slot frees); `limit_every` answers every
k-th request 429 with `Retry-After: retry_after`. It records what a client did with it:
the most requests in flight at once (`max_in_flight`), every 429 it sent (`limited`), and,
when the same request comes back after a 429, the wait it asked for and the gap it saw
(`retry_gaps`). A reply can be a status with headers (429 with
Retry-After, 500, 401), a body that is not JSON, a delay longer than the client's timeout,
a body trickled one byte at a time (`trickle`), a completion with no choices (`EMPTY_CHOICES`),
or a structured answer, which the server wraps the way the request's instructor mode
expects (tool call, JSON content, or a ```json block).
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    answer: Any = None  # a dict → wrapped as the mode expects; a str → sent as the content as-is
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    raw_body: str | None = None  # sent instead of a completion (e.g. "not json" or an error body)
    delay: float = 0.0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    trickle: float = 0.0  # > 0: send the body one byte every `trickle` seconds (each read is quick, the whole never ends)
    trickle_head: bool = False  # with `trickle`: the status line and headers too
    refused: bool = False  # the provider's own rate limit: answered at once, without the latency


def _too_many(headers: dict[str, str]) -> Reply:
    return Reply(status=429, headers=headers, raw_body='{"error": {"message": "rate limit reached", "type": "requests"}}', refused=True)


def _asked_wait(headers: dict[str, str]) -> float:
    """The wait a 429 asks for, as an OpenAI client reads it (retry-after-ms first)."""
    if "retry-after-ms" in headers:
        return float(headers["retry-after-ms"]) / 1000
    return float(headers.get("Retry-After", 0))


EMPTY_CHOICES = json.dumps({"id": "chatcmpl-empty", "object": "chat.completion", "created": 0, "model": "fake", "choices": [],
                            "usage": {"prompt_tokens": 1, "completion_tokens": 0, "total_tokens": 1}})


def unauthorized(echo: str = "") -> Reply:
    """A 401 as providers send it, echoing (part of) the key it was given, as some do."""
    return Reply(status=401, raw_body=json.dumps({"error": {"message": f"Incorrect API key provided: {echo}", "code": "invalid_api_key"}}))


def estimate_tokens(text: str) -> int:
    """The estimate nianbao's benchmark also uses: ~1.2 tokens per CJK character, ~3.5 characters per token otherwise."""
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return int(cjk * 1.2 + (len(text) - cjk) / 3.5) + 1


class _Server(ThreadingHTTPServer):
    request_queue_size = 512  # the listen backlog: a burst of new connections is queued, not refused (default 5)


class FakeLLM:
    def __init__(self, default: Callable[[dict], Reply] | None = None, latency: float = 0.0,
                 rate_limit: float | None = None, limit_every: int = 0, retry_after: float = 1.0):
        self.script: deque[Reply] = deque()
        self.default = default or (lambda body: Reply(status=500, raw_body='{"error": "no reply scripted"}'))
        self.latency = latency
        self.rate_limit = rate_limit
        self.limit_every = limit_every
        self.retry_after = retry_after
        self.requests: list[dict] = []
        self.usage_sent = {"prompt_tokens": 0, "completion_tokens": 0, "completions": 0}
        self.in_flight = self.max_in_flight = 0
        self.limited: list[float] = []  # the wait each 429 asked for, in seconds
        self.retry_gaps: list[tuple[float, float]] = []  # (wait asked, seconds until the same request came back)
        self._admitted: deque[float] = deque()  # when the requests of the last second were admitted (rate_limit)
        self._limited_at: dict[str, tuple[float, float]] = {}  # request → (when it was refused, wait asked)
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> "FakeLLM":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def then(self, *replies: Reply) -> "FakeLLM":
        self.script.extend(replies)
        return self

    def stats(self) -> dict:
        """What the clients did, as plain data (to send from a server in another process)."""
        with self._lock:
            return {"requests": len(self.requests), "max_in_flight": self.max_in_flight, "limited": list(self.limited),
                    "retry_gaps": list(self.retry_gaps), "completions": self.usage_sent["completions"]}

    # --- the HTTP side ----------------------------------------------------------------------
    def _next_reply(self, body: dict) -> Reply:
        with self._lock:
            self.requests.append(body)
            refused = self._refusal(len(self.requests))
            if refused is not None:
                return refused
            if self.script:
                return self.script.popleft()
        return self.default(body)

    def _refusal(self, nth: int) -> Reply | None:
        """A 429 from the provider's own limits, or None (called under the lock)."""
        if self.limit_every and nth % self.limit_every == 0:
            return _too_many({"Retry-After": f"{self.retry_after:g}"})
        if self.rate_limit is None:
            return None
        now = time.monotonic()
        while self._admitted and self._admitted[0] <= now - 1.0:
            self._admitted.popleft()
        if len(self._admitted) < self.rate_limit:
            self._admitted.append(now)
            return None
        wait = self._admitted[0] + 1.0 - now
        return _too_many({"Retry-After": str(math.ceil(wait)), "retry-after-ms": f"{wait * 1000:.0f}"})

    def _started(self, key: str) -> None:
        """Count the request in flight; if it comes back after a 429, note how long it waited."""
        now = time.monotonic()
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            if key in self._limited_at:
                refused_at, asked = self._limited_at.pop(key)
                self.retry_gaps.append((asked, now - refused_at))

    def _refused(self, key: str, reply: Reply) -> None:
        if reply.status != 429:
            return
        asked = _asked_wait(reply.headers)
        with self._lock:
            self.limited.append(asked)
            self._limited_at[key] = (time.monotonic(), asked)

    def _finished(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def _completion(self, body: dict, reply: Reply) -> dict:
        if isinstance(reply.answer, str):
            content, tool_calls = reply.answer, None
        elif body.get("tools"):
            name = body["tools"][0]["function"]["name"]
            args = json.dumps(reply.answer, ensure_ascii=False)
            content, tool_calls = None, [{"id": "call_1", "type": "function", "function": {"name": name, "arguments": args}}]
        elif body.get("response_format"):
            content, tool_calls = json.dumps(reply.answer, ensure_ascii=False), None
        else:  # MD_JSON: the answer in a fenced block, as chat models write it
            content, tool_calls = "```json\n" + json.dumps(reply.answer, ensure_ascii=False) + "\n```", None
        prompt = reply.prompt_tokens
        if prompt is None:
            prompt = estimate_tokens(json.dumps(body.get("messages", []), ensure_ascii=False))
        completion = reply.completion_tokens
        if completion is None:
            completion = estimate_tokens(content or tool_calls[0]["function"]["arguments"])
        with self._lock:
            self.usage_sent["prompt_tokens"] += prompt
            self.usage_sent["completion_tokens"] += completion
            self.usage_sent["completions"] += 1
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if tool_calls:
            message["tool_calls"] = tool_calls
        return {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": body.get("model", "fake"),
            "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if tool_calls else "stop"}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _dribble(self, data: bytes, pause: float) -> None:
                try:
                    for i in range(len(data)):
                        self.wfile.write(data[i : i + 1])
                        self.wfile.flush()
                        time.sleep(pause)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) or b"{}"
                key = hashlib.sha256(raw).hexdigest()  # a retry sends the same bytes
                body = json.loads(raw)
                fake._started(key)
                try:
                    try:
                        reply = fake._next_reply(body)
                    except Exception as exc:  # noqa: BLE001 — a broken test responder answers 500 with its error, visibly
                        reply = Reply(status=500, raw_body=json.dumps({"error": {"message": f"fake responder: {exc!r}"}}))
                    fake._refused(key, reply)
                    self._answer(body, reply)
                finally:
                    fake._finished()

            def _answer(self, body: dict, reply: Reply) -> None:
                if not reply.refused:
                    time.sleep(fake.latency + reply.delay)
                payload = reply.raw_body if reply.raw_body is not None else json.dumps(fake._completion(body, reply), ensure_ascii=False)
                data = payload.encode()
                if reply.trickle and reply.trickle_head:
                    head = f"HTTP/1.1 {reply.status} OK\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
                    self._dribble(head.encode() + data, reply.trickle)
                    return
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    if reply.trickle:
                        self._dribble(data, reply.trickle)
                    else:
                        self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout): nothing to answer

        return Handler
