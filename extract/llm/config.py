"""LLM settings from flags and the environment, with per-provider defaults.

Environment: OPENAI_API_KEY / NIANBAO_API_KEY, OPENAI_BASE_URL / NIANBAO_BASE_URL,
NIANBAO_MODEL, NIANBAO_INSTRUCTOR_MODE, NIANBAO_TIMEOUT, NIANBAO_RETRIES, NIANBAO_REASK,
NIANBAO_CONCURRENCY, NIANBAO_PRICE_INPUT, NIANBAO_PRICE_OUTPUT (per million tokens),
NIANBAO_MAX_REGION_CHARS, NIANBAO_BREAKER (consecutive provider failures of one kind before
the model is no longer asked).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any

MODES = ("TOOLS", "JSON", "JSON_SCHEMA", "MD_JSON")


def provider_defaults(base_url: str | None) -> tuple[str, dict[str, Any] | None]:
    """The instructor mode (and extra request body) each provider accepts."""
    url = (base_url or "").lower()
    if "deepseek" in url:
        return "JSON", None  # rejects json_schema; its reasoning models reject tool_choice
    if "dashscope" in url:
        return "JSON", {"enable_thinking": False}  # Qwen: thinking off, or JSON mode is refused
    if ":11434" in url or "ollama" in url or "vllm" in url or ":8000" in url:
        return "JSON_SCHEMA", None  # Ollama and vLLM constrain decoding to the schema
    return "TOOLS", None


@dataclass(frozen=True)
class LLMConfig:
    base_url: str | None = None
    api_key: str | None = None
    model: str = "gpt-4o-mini"
    mode: str = "TOOLS"
    extra_body: dict[str, Any] | None = None
    timeout: float = 60.0  # seconds per HTTP attempt, in all (and per read)
    transport_retries: int = 3  # retries of provider failures (timeouts, 429, 5xx, no choices)
    reask: int = 2  # instructor re-asks on a structurally invalid answer
    concurrency: int = 4
    price_input: float = 0.0  # per million prompt tokens
    price_output: float = 0.0  # per million completion tokens
    max_region_chars: int = 12000
    use_cache: bool = True
    breaker: int = 5  # consecutive provider failures of one kind, then stop asking
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def configured(self) -> bool:
        return bool(self.api_key or self.base_url)

    @classmethod
    def from_env(cls, **overrides: Any) -> "LLMConfig":
        env = os.environ
        base_url = overrides.pop("base_url", None) or env.get("NIANBAO_BASE_URL") or env.get("OPENAI_BASE_URL")
        mode, extra_body = provider_defaults(base_url)
        values: dict[str, Any] = {
            "base_url": base_url,
            "api_key": env.get("NIANBAO_API_KEY") or env.get("OPENAI_API_KEY"),
            "model": env.get("NIANBAO_MODEL", cls.model),
            "mode": env.get("NIANBAO_INSTRUCTOR_MODE", mode).upper(),
            "extra_body": extra_body,
            "timeout": float(env.get("NIANBAO_TIMEOUT", cls.timeout)),
            "transport_retries": int(env.get("NIANBAO_RETRIES", cls.transport_retries)),
            "reask": int(env.get("NIANBAO_REASK", cls.reask)),
            "concurrency": int(env.get("NIANBAO_CONCURRENCY", cls.concurrency)),
            "price_input": float(env.get("NIANBAO_PRICE_INPUT", 0)),
            "price_output": float(env.get("NIANBAO_PRICE_OUTPUT", 0)),
            "max_region_chars": int(env.get("NIANBAO_MAX_REGION_CHARS", cls.max_region_chars)),
            "breaker": int(env.get("NIANBAO_BREAKER", cls.breaker)),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        if values["mode"] not in MODES:
            raise ValueError(f"instructor mode must be one of {', '.join(MODES)}, not {values['mode']!r}")
        return cls(**values)

    def with_(self, **changes: Any) -> "LLMConfig":
        return replace(self, **changes)
