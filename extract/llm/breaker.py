"""A circuit breaker: after N consecutive provider failures of the same kind, stop asking.

A wrong key (401) or a dead endpoint fails every call the same way; asking for every
report of a batch only wastes time (and, for a 429, quota). Answers that fail validation
are the model's doing, not the provider's: they neither count nor trip it.
"""

from __future__ import annotations

import threading

from ...report import Report

NOT_ASKED = "not asked"  # starts every refusal, so a report's findings tell whether it was skipped


class Breaker:
    def __init__(self, limit: int):
        self.limit = max(1, limit)
        self._lock = threading.Lock()
        self._kind: str | None = None
        self._count = 0
        self.tripped: str | None = None  # why it opened, once it has

    def succeeded(self) -> None:
        with self._lock:
            self._kind, self._count = None, 0

    def failed(self, kind: str, reason: str) -> None:
        with self._lock:
            if self.tripped:
                return
            self._count = self._count + 1 if kind == self._kind else 1
            self._kind = kind
            if self._count >= self.limit:
                self.tripped = f"{self._count} consecutive provider failures of one kind ({kind}), the last: {reason}"

    def refusal(self) -> str | None:
        """The error to return instead of asking, once the breaker is open."""
        return f"{NOT_ASKED}: the model was no longer asked after {self.tripped}" if self.tripped else None


def not_asked(report: Report) -> bool:
    """Whether the breaker kept any part of this report from the model (its llm.failed finding says so)."""
    return any(f.rule == "llm.failed" and NOT_ASKED in f.message for f in report.findings)
