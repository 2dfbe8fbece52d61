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

MIN_NAME = 3  # same_organ's shortest name matched by suffix


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


class Matcher:
    """The roster indexed once, so matching thousands of reports stays linear."""

    def __init__(self, roster: list[Organ], aliases: dict[str, str]):
        self.aliases = aliases
        self.by_key: dict[str, list[tuple[str, str]]] = {}  # name key → [(roster organ, how)]
        self.by_suffix: dict[str, set[str]] = {}  # every tail (≥ MIN_NAME) of a name key → those keys
        for organ in roster:
            for key, how in _keys(organ):
                self.by_key.setdefault(key, []).append((organ.name, how))
                for i in range(len(key) - MIN_NAME + 1):
                    self.by_suffix.setdefault(key[i:], set()).add(key)

    def match(self, report: dict[str, Any]) -> Match:
        """`report`: a row of Store.current_reports."""
        if not report.get("organ"):
            return self._by_file_name(report)
        key = organ_key(report["organ"]) or ""
        names = {key, self.aliases.get(key, key)}
        exact: dict[str, str] = {}
        for name in names:
            for organ, how in self.by_key.get(name, []):
                exact.setdefault(organ, how)
        if len(exact) == 1:
            return Match(*next(iter(exact.items())))
        if exact:
            return Match(None, "ambiguous", tuple(sorted(exact)))
        loose: set[str] = set()
        for name in names:
            shorter = {name[i:] for i in range(1, len(name) - MIN_NAME + 1)} & self.by_key.keys()  # roster names inside it
            longer = self.by_suffix.get(name, set())  # roster names ending with it
            for k in shorter | longer:
                if same_organ(k, name):
                    loose.update(organ for organ, _ in self.by_key[k])
        if len(loose) > 1 and report.get("region"):  # the printed place before a township's name decides
            loose = {n for n in loose if n.startswith(report["region"])} or loose
        if len(loose) == 1:
            return Match(loose.pop(), "place")
        if loose:
            return Match(None, "ambiguous", tuple(sorted(loose)))
        return Match(None, "none")

    def _by_file_name(self, report: dict[str, Any]) -> Match:
        name = re.sub(r"\s+", "", Path(report.get("source") or "").name)
        hits = sorted({(len(k), organ) for k, pairs in self.by_key.items() if len(k) >= 2 and k in name for organ, _ in pairs}, reverse=True)
        if not hits:
            return Match(None, "none")
        longest = [n for length, n in hits if length == hits[0][0]]
        if len(longest) == 1:
            return Match(longest[0], "file_name")
        return Match(None, "ambiguous", tuple(sorted(longest)))


def match_report(report: dict[str, Any], roster: list[Organ], aliases: dict[str, str]) -> Match:
    """One report (for many, build a Matcher once)."""
    return Matcher(roster, aliases).match(report)


def report_year(report: dict[str, Any]) -> int | None:
    """The year a report is on; for a failed input that printed none, a year in its file name."""
    if report.get("year"):
        return int(report["year"])
    years = re.findall(r"(?<!\d)(20\d\d)(?!\d)", Path(report.get("source") or "").name)
    return int(years[0]) if len(set(years)) == 1 else None
