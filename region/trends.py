"""One organ across its years: every field, year by year, and a few series per table to chart.

The organ is found as the roster and the cross-year check find it (region/match.py); each
year counts its current report. A field a year's format does not have is told apart from a
field the report left blank.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import fields as F
from ..report import Number
from ..rules.history import organ_key, same_organ
from ..store import Store
from .aggregate import cells_of, template_of
from .match import Matcher
from .roster import Organ

# Per table, the series its chart draws: (name, the field in each format).
CHART_SERIES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "active": [("行政许可", ("active.licensing", "active2019.licensing.decisions")),
               ("行政处罚", ("active.punishment", "active2019.punishment.decisions")),
               ("行政强制", ("active.coercion", "active2019.coercion.decisions"))],
    "applications": [("本年新收", ("applications.new.total",)), ("办理结果总计", ("applications.total.total",)),
                     ("结转下年度", ("applications.carried_forward.total",))],
    "appeals": [("行政复议", ("appeals.review.total",)), ("诉讼·直接起诉", ("appeals.litigation_direct.total",)),
                ("诉讼·复议后起诉", ("appeals.litigation_after_review.total",))],
}
NOT_IN_FORMAT = "not_in_format"


@dataclass
class Trend:
    organ: str
    years: list[int]
    reports: dict[int, dict[str, Any]]  # year → its current report row
    cells: dict[int, dict[str, Number | None]] = field(default_factory=dict)

    def fields(self) -> list[str]:
        """Every field of the formats its years use, in table order (2021 ids first)."""
        templates = {template_of(r) for r in self.reports.values()}
        out = list(F.FIELDS_2021) if F.TEMPLATE_2021 in templates or not templates else []
        if F.TEMPLATE_2019 in templates:
            out += [f for f in F.FIELDS_2019 if f not in out]
        return out

    def value(self, fid: str, year: int) -> Number | None | str:
        """The printed value, None when blank, NOT_IN_FORMAT when that year's format has no such field."""
        if fid not in F.fields_for(template_of(self.reports[year])):
            return NOT_IN_FORMAT
        return self.cells[year].get(fid)

    def series(self, table: str) -> list[tuple[str, list[Number | None]]]:
        out = []
        for name, ids in CHART_SERIES[table]:
            values = []
            for year in self.years:
                have = [self.cells[year].get(fid) for fid in ids if fid in F.fields_for(template_of(self.reports[year]))]
                values.append(have[0] if have else None)
            out.append((name, values))
        return out

    def to_json(self) -> dict[str, Any]:
        return {"organ": self.organ, "years": self.years, "reports": {y: self.reports[y]["id"] for y in self.years},
                "templates": {y: template_of(self.reports[y]) for y in self.years},
                "cells": {fid: {y: self.value(fid, y) for y in self.years if self.value(fid, y) != NOT_IN_FORMAT}
                          for fid in self.fields()}}


def reports_of(organ: str, reports: list[dict[str, Any]], roster: list[Organ], aliases: dict[str, str]) -> list[dict[str, Any]]:
    """The organ's readable current reports, by the roster when it lists the organ, else by name as across years."""
    ok = [r for r in reports if r["status"] == "ok" and r.get("year")]
    in_roster = next((o for o in roster if o.name == organ or organ in o.aliases), None)
    if in_roster is not None:
        matcher = Matcher(roster, aliases)
        return [r for r in ok if matcher.match(r).organ == in_roster.name]
    key = organ_key(organ) or organ
    wanted = aliases.get(key, key)
    return [r for r in ok if same_organ(aliases.get(organ_key(r["organ"]) or "", organ_key(r["organ"]) or ""), wanted)
            or organ_key(r["organ"]) == key]


def trend(store: Store, organ: str, reports: list[dict[str, Any]]) -> Trend:
    by_year: dict[int, dict[str, Any]] = {}
    for r in sorted(reports, key=lambda r: r["extracted_at"] or ""):
        by_year[r["year"]] = r  # the latest extracted, should two files claim the same year
    years = sorted(by_year)
    cells = cells_of(store, [by_year[y]["id"] for y in years])
    return Trend(organ, years, by_year, {y: cells[by_year[y]["id"]] for y in years})
