"""Secrets never stored or printed: a provider's error text can echo the API key back."""

from __future__ import annotations

import logging
import re

MASK = "[redacted]"
# sk-… / pk-… keys, "Bearer <token>", and the value of key=… / "api_key": "…" / Authorization: … (name kept).
KEY_LIKE = re.compile(
    r"(?P<name>(?i:\b(?:api[_-]?key|access[_-]?token|authorization|x-api-key)\b)[\"']?\s*[:=]\s*[\"']?)(?:Bearer\s+)?[^\s\"',;}]{6,}"
    r"|\b(?:sk|pk|rk)-[A-Za-z0-9_\-]{6,}"
    r"|\bBearer\s+[A-Za-z0-9._~+/=\-]{6,}"
)


def redact(text: str, *secrets: str | None) -> str:
    """`text` with each given secret, and anything that looks like a key or bearer token, masked."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, MASK)
    return KEY_LIKE.sub(lambda m: (m.group("name") or "") + MASK, text)


class RedactingFilter(logging.Filter):
    """Masks keys in every log record that passes a handler (instructor and openai log raw error text)."""

    def __init__(self, *secrets: str | None):
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage(), *self.secrets), None
        return True
