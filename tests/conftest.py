"""Shared fixtures: the seeds, their hand-written golden expectations, and helpers."""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from nianbao import fields as F
from nianbao.pipeline import process_text
from nianbao.report import Report

# Hermetic: compiled patterns (extract/patterns.py) are cached in a directory of this run's own, never the
# user's ~/.cache, so every run starts with none; it is looked for at the first
# big pattern, never at import (and the subprocesses the tests start inherit it).
os.environ["NIANBAO_CACHE_DIR"] = tempfile.mkdtemp(prefix="nianbao-test-cache-")
atexit.register(shutil.rmtree, os.environ["NIANBAO_CACHE_DIR"], True)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "golden" / "seeds"
EXPECTED = ROOT / "golden" / "expected"
SEED_NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))


def seed_text(stem: str) -> str:
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")


def seed_named(prefix: str) -> str:
    """The text of the seed whose name starts with `prefix` ("000" … "004")."""
    return seed_text(next(s for s in SEED_NAMES if s.startswith(prefix)))


def golden(stem: str) -> dict:
    return json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))


def run(text: str, source: str = "test.txt") -> Report:
    return process_text(source, hashlib.sha256(text.encode()).hexdigest(), text)


def expected_cells(g: dict) -> dict[str, object]:
    """Expand the golden file's row lists into every canonical field id of its template."""
    cells: dict[str, object] = {}
    template = g.get("template", F.TEMPLATE_2021)
    if template == F.TEMPLATE_2019:
        for row, _, cols in F.ACTIVE_ROWS_2019:
            for col, value in zip(cols, g["active2019"][row], strict=True):
                cells[F.active2019_id(row, col)] = value
    else:
        for row, _, cols in F.ACTIVE_ROWS_2021:
            values = g["active"][row] if isinstance(g["active"][row], list) else [g["active"][row]]
            for col, value in zip(cols, values, strict=True):
                cells[F.active_id(row, col)] = value
    for row, _ in F.application_rows(template):
        for col, value in zip(F.APPLICATION_COLUMNS, g["applications"][row], strict=True):
            cells[F.application_id(row, col)] = value
    for group in F.APPEAL_GROUPS:
        for col, value in zip(F.APPEAL_COLUMNS, g["appeals"][group], strict=True):
            cells[F.appeal_id(group, col)] = value
    assert set(cells) == set(F.fields_for(template)), "golden file does not cover every canonical field"
    return cells


def cell_diff(expected: dict[str, object], actual: dict[str, object]) -> str:
    lines = [
        f"  {fid} ({F.label(fid)}): expected {expected.get(fid)!r}, got {actual.get(fid)!r}"
        for fid in list(dict.fromkeys(list(expected) + list(actual)))
        if expected.get(fid) != actual.get(fid) or type(expected.get(fid)) is not type(actual.get(fid))
    ]
    return "\n".join(lines)


def serious(report: Report) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(f.rule, f.severity, tuple(f.fields)) for f in report.findings if f.severity in ("error", "warning")}


@pytest.fixture(autouse=True)
def no_real_llm(monkeypatch):
    """Tests never see a real endpoint or key from the machine's environment."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "NIANBAO_API_KEY", "NIANBAO_BASE_URL", "NIANBAO_LLM", "NIANBAO_MODEL",
                 "NIANBAO_INSTRUCTOR_MODE", "NIANBAO_DB", "NIANBAO_CONCURRENCY", "NIANBAO_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(params=SEED_NAMES)
def seed(request) -> str:
    return request.param
