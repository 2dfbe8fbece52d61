"""A circuit breaker: after N consecutive provider failures of the same kind, stop asking.

A wrong key (401) or a dead endpoint fails every call the same way; asking for every
report of a batch only wastes time (and, for a 429, quota). Answers that fail validation
are the model's doing, not the provider's: they neither count nor trip it. Its state is in
shared memory (shared.py): the worker processes of a batch count together, and the process
that made it sees when it has tripped.
"""

from __future__ import annotations

import ctypes

from ...report import Report
from .shared import SharedText, lock, value

NOT_ASKED = "not asked"  # starts every refusal, so a report's findings tell whether it was skipped


class Breaker:
    def __init__(self, limit: int):
        self.limit = max(1, limit)
        self._lock = lock()
        self._count = value(ctypes.c_int, 0)
        self._kind = SharedText(256)
        self._tripped = SharedText(2048)

    @property
    def tripped(self) -> str | None:
        """Why it opened, once it has."""
        return self._tripped.get() or None

    def succeeded(self) -> None:
        with self._lock:
            self._kind.set("")
            self._count.value = 0

    def failed(self, kind: str, reason: str) -> None:
        with self._lock:
            if self.tripped:
                return
            same = self._count.value > 0 and self._kind.get() == SharedText.cut(kind, 256)
            self._count.value = self._count.value + 1 if same else 1
            self._kind.set(kind)
            if self._count.value >= self.limit:
                self._tripped.set(f"{self._count.value} consecutive provider failures of one kind ({kind}), the last: {reason}")

    def refusal(self) -> str | None:
        """The error to return instead of asking, once the breaker is open."""
        return f"{NOT_ASKED}: the model was no longer asked after {self.tripped}" if self.tripped else None


def not_asked(report: Report) -> bool:
    """Whether the breaker kept any part of this report from the model (its llm.failed finding says so)."""
    return any(f.rule == "llm.failed" and NOT_ASKED in f.message for f in report.findings)
