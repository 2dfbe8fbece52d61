"""Across years: this year's report against the same organ's report of the year before.

Pure functions over two reports' cells; the store finds the pairs (organ names matched
loosely, corrected by the user's aliases) and keeps the findings like any other.
"""

from __future__ import annotations

import re

from .. import fields as F
from ..report import Finding
from . import declare
from .common import fmt

declare("history.carried_over", "error", "本年「上年结转」应等于上一年报告的「结转下年度继续办理」（逐列）", "DOMAIN.md：跨年度核对")
declare("history.in_force", "warning", "上年现行有效件数＋本年制发－本年废止，应等于本年现行有效件数（修订、失效可致合理差异）", "DOMAIN.md：跨年度核对")

_SUFFIX = re.compile(r"(人民政府|政府)$")


def organ_key(organ: str | None) -> str | None:
    """`五华县安流镇人民政府` → `五华县安流镇`: what two years' names are compared on."""
    return _SUFFIX.sub("", re.sub(r"\s+", "", organ)) if organ else None


def same_organ(a: str, b: str) -> bool:
    """Exact, or one name is the other with its higher-level place in front (`安流镇` / `五华县安流镇`)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.endswith(short) and re.search(r"[省市县区旗]$", long_[: -len(short)]) is not None


_PLACE_END = "省市县区旗"


def shorter_names(name: str) -> list[str]:
    """The shorter names `same_organ` accepts for `name`: each tail after a place (`五华县安流镇` → `安流镇`)."""
    return [name[i + 1 :] for i, ch in enumerate(name[:-3]) if ch in _PLACE_END and len(name) - i - 1 >= 3]


def name_pairs(name: str) -> list[tuple[str, str]]:
    """The pairs of names `same_organ` matches that `name` brings: itself, and each of its shorter
    names both ways. Over every name of a set, these pairs are exactly the pairs of the set's names
    that `same_organ` matches, so a table of them finds a report's partners by look-up (the store's
    cross-year check keeps it in SQLite, not in memory)."""
    return [(name, name)] + [pair for short in shorter_names(name) for pair in ((name, short), (short, name))]


def compare_years(previous: dict, current: dict, previous_name: str) -> list[Finding]:
    """Findings on `current` ({field: value}) against `previous`, the same organ's report of the year before."""
    findings = []
    cols = [c for c in F.APPLICATION_COLUMNS
            if current.get(F.application_id("carried_over", c)) is not None
            and previous.get(F.application_id("carried_forward", c)) is not None
            and abs(current[F.application_id("carried_over", c)] - previous[F.application_id("carried_forward", c)]) > 1e-9]
    if cols:
        shown = "；".join(f"{F.APPLICATION_COLUMN_LABELS[c]}：上年结转下年{fmt(previous[F.application_id('carried_forward', c)])}，"
                         f"本年上年结转{fmt(current[F.application_id('carried_over', c)])}" for c in cols)
        findings.append(Finding(
            "history.carried_over", "error", [F.application_id("carried_over", c) for c in cols],
            f"与上一年报告（{previous_name}）不衔接：{shown}",
            expected=[previous[F.application_id("carried_forward", c)] for c in cols],
            actual=[current[F.application_id("carried_over", c)] for c in cols],
        ))
    for row, name in (("regulations", "规章"), ("normative_docs", "行政规范性文件")):
        ids = [F.active_id(row, c) for c in ("issued", "repealed", "in_force")]
        before = previous.get(ids[2])
        issued, repealed, now = (current.get(i) for i in ids)
        if None in (before, issued, repealed, now):
            continue
        expected = before + issued - repealed
        if abs(expected - now) > 1e-9:
            findings.append(Finding(
                "history.in_force", "warning", ids,
                f"{name}：上年现行有效{fmt(before)}＋本年制发{fmt(issued)}－本年废止{fmt(repealed)}＝{fmt(expected)}，"
                f"本年现行有效印为{fmt(now)}（上一年报告：{previous_name}）",
                expected=expected, actual=now,
            ))
    return findings

