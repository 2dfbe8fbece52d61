"""HTTP for the model: a total deadline per attempt, and which failures are worth another attempt.

httpx's timeouts bound each read, not the whole response: a provider that trickles a byte
every few seconds would hold a call forever. `DeadlineTransport` gives each request a total
deadline: a watchdog shuts the request's socket down when it passes (whatever phase the
request is in: headers or body), and the failure is reported as a read time-out. Each
request gets its own connection (no keep-alive), so the watchdog always knows its socket;
one TCP handshake per model call is nothing beside the call.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx2
import openai


class _Watchdog:
    """Shuts down one request's socket if the request outlives its deadline."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.fired = False
        self._stream = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def trace(self, name: str, info: dict) -> None:
        """httpcore's trace hook: note the connection's stream once it is open (TLS included)."""
        if name in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            with self._lock:
                self._stream = info.get("return_value")
            if self.fired:
                self._fire()

    def start(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        self._timer.cancel()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            sock = self._stream.get_extra_info("socket") if self._stream is not None else None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes a read blocked on it; the request fails at once
            except OSError:
                pass

    def timeout(self, request: httpx2.Request) -> httpx2.ReadTimeout:
        return httpx2.ReadTimeout(f"no complete answer within {self.seconds:g} s", request=request)


class _DeadlineStream(httpx2.SyncByteStream):
    def __init__(self, inner: httpx2.SyncByteStream, watch: _Watchdog, request: httpx2.Request):
        self.inner, self.watch, self.request = inner, watch, request

    def __iter__(self) -> Iterator[bytes]:
        try:
            for chunk in self.inner:
                if self.watch.fired or time.monotonic() > self.watch.deadline:
                    raise self.watch.timeout(self.request)
                yield chunk
        except httpx2.ReadTimeout:
            raise
        except Exception:
            if self.watch.fired:
                raise self.watch.timeout(self.request) from None
            raise

    def close(self) -> None:
        self.watch.cancel()
        self.inner.close()


class DeadlineTransport(httpx2.BaseTransport):
    def __init__(self, seconds: float, inner: httpx2.BaseTransport | None = None):
        self.seconds = seconds
        self.inner = inner or httpx2.HTTPTransport(limits=httpx2.Limits(max_keepalive_connections=0))

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        watch = _Watchdog(self.seconds)
        earlier = request.extensions.get("trace")

        def trace(name: str, info: dict) -> None:
            watch.trace(name, info)
            if earlier is not None:
                earlier(name, info)

        request.extensions["trace"] = trace
        watch.start()
        try:
            response = self.inner.handle_request(request)
        except Exception as exc:
            watch.cancel()
            if watch.fired and not isinstance(exc, httpx2.TimeoutException):
                raise watch.timeout(request) from None
            raise
        return httpx2.Response(status_code=response.status_code, headers=response.headers,
                               stream=_DeadlineStream(response.stream, watch, request), extensions=response.extensions)

    def close(self) -> None:
        self.inner.close()


def http_client(seconds: float) -> httpx2.Client:
    """What the openai client sends through: per-read timeout and a total deadline, both `seconds`."""
    return httpx2.Client(transport=DeadlineTransport(seconds), timeout=seconds, follow_redirects=True)


@dataclass(frozen=True)
class Failure:
    """What went wrong with one attempt, as far as retrying and the circuit breaker care."""

    kind: str  # e.g. "AuthenticationError (HTTP 401)", "APITimeoutError", "empty choices"
    provider: bool  # the provider failed (not the model's answer)
    retryable: bool
    retry_after: float | None = None


RETRY_STATUS = {408, 409, 429}


def classify(exc: BaseException, empty_choices: bool = False) -> Failure:
    """Sort a failed ask: transport trouble and 429/5xx are retried; 4xx (a wrong key, model or request) are not."""
    if empty_choices:
        return Failure("empty choices", provider=True, retryable=True)
    api = _api_error(exc)
    if isinstance(api, openai.APIStatusError):
        status = api.status_code
        kind = f"{type(api).__name__} (HTTP {status})"
        return Failure(kind, provider=True, retryable=status in RETRY_STATUS or status >= 500,
                       retry_after=_retry_after(api.response.headers))
    if isinstance(api, openai.APIConnectionError):  # APITimeoutError included
        return Failure(type(api).__name__, provider=True, retryable=True)
    return Failure(type(exc).__name__, provider=False, retryable=False)  # an invalid answer, after instructor's re-asks


def backoff(attempt: int, retry_after: float | None) -> float:
    """Seconds before the next attempt: the provider's Retry-After (at most a minute), else exponential with jitter."""
    if retry_after is not None:
        return min(max(retry_after, 0.0), 60.0)
    return min(8.0, 0.5 * 2**attempt) * (0.75 + random.random() / 2)


def _api_error(exc: BaseException) -> BaseException | None:
    seen = exc
    while seen is not None:
        if isinstance(seen, openai.APIError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _retry_after(headers) -> float | None:
    try:
        if headers.get("retry-after-ms"):
            return float(headers["retry-after-ms"]) / 1000
        if headers.get("retry-after"):
            return float(headers["retry-after"])
    except ValueError:
        return None
    return None
