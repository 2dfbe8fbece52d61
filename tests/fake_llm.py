"""A scriptable OpenAI-compatible chat-completions server on 127.0.0.1, for tests and benchmarks.

Real HTTP, so the real `openai` client (httpx2) and real instructor talk to it. Each
request is answered by the first scripted `Reply` in the queue, or by `default`, a
function of the parsed request body. A reply can be a status with headers (429 with
Retry-After, 500, 401), a body that is not JSON, a delay longer than the client's timeout,
a body trickled one byte at a time (`trickle`), a completion with no choices (`EMPTY_CHOICES`),
or a structured answer, which the server wraps the way the request's instructor mode
expects (tool call, JSON content, or a ```json block).
"""

from __future__ import annotations

import json
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


EMPTY_CHOICES = json.dumps({"id": "chatcmpl-empty", "object": "chat.completion", "created": 0, "model": "fake", "choices": [],
                            "usage": {"prompt_tokens": 1, "completion_tokens": 0, "total_tokens": 1}})


def unauthorized(echo: str = "") -> Reply:
    """A 401 as providers send it, echoing (part of) the key it was given, as some do."""
    return Reply(status=401, raw_body=json.dumps({"error": {"message": f"Incorrect API key provided: {echo}", "code": "invalid_api_key"}}))


def estimate_tokens(text: str) -> int:
    """The estimate nianbao's benchmark also uses: ~1.2 tokens per CJK character, ~3.5 characters per token otherwise."""
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return int(cjk * 1.2 + (len(text) - cjk) / 3.5) + 1


class FakeLLM:
    def __init__(self, default: Callable[[dict], Reply] | None = None, latency: float = 0.0):
        self.script: deque[Reply] = deque()
        self.default = default or (lambda body: Reply(status=500, raw_body='{"error": "no reply scripted"}'))
        self.latency = latency
        self.requests: list[dict] = []
        self.usage_sent = {"prompt_tokens": 0, "completion_tokens": 0, "completions": 0}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
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

    # --- the HTTP side ----------------------------------------------------------------------
    def _next_reply(self, body: dict) -> Reply:
        with self._lock:
            self.requests.append(body)
            if self.script:
                return self.script.popleft()
        return self.default(body)

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
                body = json.loads(self.rfile.read(length) or b"{}")
                try:
                    reply = fake._next_reply(body)
                except Exception as exc:  # noqa: BLE001 — a broken test responder answers 500 with its error, visibly
                    reply = Reply(status=500, raw_body=json.dumps({"error": {"message": f"fake responder: {exc!r}"}}))
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
