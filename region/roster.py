"""The roster: every organ a region expects a report from, read from a CSV an office keeps.

Columns `organ, parent, level, aliases` (and optionally `deadline`), UTF-8 or GBK. A file
with any bad row is refused whole, each bad row named by its line, so a roster is never
half imported.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from .deadlines import level_key, parse_deadline

COLUMNS = ("organ", "parent", "level", "aliases")
OPTIONAL = ("deadline",)
# Chinese headers an office may have typed instead.
HEADER_NAMES = {"机关": "organ", "机关名称": "organ", "单位": "organ", "上级": "parent", "上级机关": "parent",
                "级别": "level", "层级": "level", "别名": "aliases", "期限": "deadline", "公布期限": "deadline"}
_ALIAS_SPLIT = re.compile(r"[;；、,，|/]")


@dataclass(frozen=True)
class Organ:
    name: str
    parent: str | None
    level: str
    aliases: tuple[str, ...] = ()
    deadline: str | None = None  # MM-DD, this organ's own deadline when it differs from its level's
    line: int = 0


@dataclass
class RosterError(Exception):
    """The rows that stop an import: (line, problem)."""

    problems: list[tuple[int, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(f"line {line}: {problem}" for line, problem in self.problems)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GBK (GB18030, its superset)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise RosterError([(0, "neither UTF-8 nor GBK text")]) from None


def parse_roster(data: bytes) -> list[Organ]:
    """Every row as an Organ, or RosterError listing every bad row (nothing is returned then)."""
    rows = list(csv.reader(io.StringIO(decode(data))))
    problems: list[tuple[int, str]] = []
    if not rows:
        raise RosterError([(1, "empty file: the first line must name the columns organ, parent, level, aliases")])
    header = [HEADER_NAMES.get(h.strip(), h.strip().lower()) for h in rows[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise RosterError([(1, f"missing column(s) {', '.join(missing)} (the first line must name organ, parent, level, aliases)")])
    unknown = [h for h in header if h and h not in COLUMNS + OPTIONAL]
    if unknown:
        raise RosterError([(1, f"unknown column(s) {', '.join(unknown)}")])
    organs: list[Organ] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if any(cell.strip() for cell in row[len(header):]):
            problems.append((number, f"{len(row)} cells, the header has {len(header)}"))
            continue
        cell = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        name = re.sub(r"\s+", "", cell["organ"])
        if not name:
            problems.append((number, "no organ name"))
            continue
        if name in seen:
            problems.append((number, f"{name} is already on line {seen[name]}"))
            continue
        seen[name] = number
        if not cell["level"]:
            problems.append((number, f"{name}: no level"))
            continue
        deadline = None
        if cell.get("deadline"):
            deadline = parse_deadline(cell["deadline"])
            if deadline is None:
                problems.append((number, f"{name}: deadline {cell['deadline']!r} is not a month and day (01-31 or 1月31日)"))
                continue
        aliases = tuple(a for a in (re.sub(r"\s+", "", x) for x in _ALIAS_SPLIT.split(cell["aliases"])) if a and a != name)
        organs.append(Organ(name, re.sub(r"\s+", "", cell["parent"]) or None, level_key(cell["level"]), aliases, deadline, number))
    names = {o.name for o in organs}
    for organ in organs:
        if organ.parent and organ.parent not in names and organ.parent not in {n for n in seen}:
            problems.append((organ.line, f"{organ.name}: parent {organ.parent} is not in the roster"))
        if organ.parent == organ.name:
            problems.append((organ.line, f"{organ.name} is its own parent"))
    problems.extend(_cycles(organs))
    if problems:
        raise RosterError(sorted(problems))
    return organs


def _cycles(organs: list[Organ]) -> list[tuple[int, str]]:
    parent = {o.name: o.parent for o in organs}
    out = []
    for organ in organs:
        seen, at = {organ.name}, organ.parent
        while at is not None and at in parent:
            if at in seen:
                out.append((organ.line, f"{organ.name}: its parents go round in a circle"))
                break
            seen.add(at)
            at = parent[at]
    return out


def under(organs: list[Organ], top: str | None) -> list[Organ]:
    """`top` and every organ below it (all of them when `top` is None), in roster order."""
    if top is None:
        return list(organs)
    children: dict[str | None, list[str]] = {}
    for o in organs:
        children.setdefault(o.parent, []).append(o.name)
    wanted, stack = set(), [top]
    while stack:
        name = stack.pop()
        if name not in wanted:
            wanted.add(name)
            stack.extend(children.get(name, []))
    return [o for o in organs if o.name in wanted]


def find(organs: list[Organ], name: str) -> Organ | None:
    """A roster organ by its name or one of its aliases."""
    name = re.sub(r"\s+", "", name)
    return next((o for o in organs if o.name == name), None) or next((o for o in organs if name in o.aliases), None)
