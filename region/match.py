"""Which roster organ a stored report belongs to.

The same logic as the cross-year check (rules/history.py): names compared without
人民政府/政府 (`organ_key`), equal or one with its higher-level place in front
(`same_organ`), after the aliases a person set (`organ_aliases`), plus the roster's own
aliases. A report that fits several roster organs equally is matched to none and said so.
A failed input that names no organ is matched by its file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..rules.history import organ_key, same_organ
from .roster import Organ


@dataclass(frozen=True)
class Match:
    organ: str | None  # the roster organ, or None
    how: str  # exact | alias | place | file_name | ambiguous | none
    candidates: tuple[str, ...] = ()


def _keys(organ: Organ) -> list[tuple[str, str]]:
    """(name key, how) for the organ's name and each alias."""
    out = [(organ_key(organ.name) or organ.name, "exact")]
    out += [(organ_key(a) or a, "alias") for a in organ.aliases]
    return out


def match_report(report: dict[str, Any], roster: list[Organ], aliases: dict[str, str]) -> Match:
    """`report`: a row of Store.current_reports; `aliases`: organ key → the name it is matched as (Store.organ_names)."""
    if report.get("organ"):
        key = organ_key(report["organ"]) or ""
        names = {key, aliases.get(key, key)}
        exact = [o.name for o in roster if any(k in names for k, _ in _keys(o))]
        if len(exact) == 1:
            how = next(h for k, h in _keys(next(o for o in roster if o.name == exact[0])) if k in names)
            return Match(exact[0], how)
        if len(exact) > 1:
            return Match(None, "ambiguous", tuple(exact))
        loose = [o.name for o in roster if any(same_organ(k, n) for k, _ in _keys(o) for n in names)]
        if len(loose) > 1 and report.get("region"):  # the printed place before a township's name decides
            by_place = [n for n in loose if n.startswith(report["region"])]
            loose = by_place or loose
        if len(loose) == 1:
            return Match(loose[0], "place")
        if loose:
            return Match(None, "ambiguous", tuple(loose))
        return Match(None, "none")
    name = re.sub(r"\s+", "", Path(report.get("source") or "").name)
    hits = sorted({(len(k), o.name) for o in roster for k, _ in _keys(o) if len(k) >= 2 and k in name}, reverse=True)
    if not hits:
        return Match(None, "none")
    longest = [n for length, n in hits if length == hits[0][0]]
    if len(longest) == 1:
        return Match(longest[0], "file_name")
    return Match(None, "ambiguous", tuple(sorted(longest)))


def report_year(report: dict[str, Any]) -> int | None:
    """The year a report is on; for a failed input that printed none, a year in its file name."""
    if report.get("year"):
        return int(report["year"])
    years = re.findall(r"(?<!\d)(20\d\d)(?!\d)", Path(report.get("source") or "").name)
    return int(years[0]) if len(set(years)) == 1 else None
