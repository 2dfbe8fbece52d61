"""The region as the database holds it: its roster, and the current reports in a scope."""

from __future__ import annotations

from typing import Any

from ..rules.deadlines import late_finding
from ..store import Store
from ..store.roster import level_deadlines, roster_rows
from .coverage import Coverage, assign, coverage
from .roster import Organ, find, under
from .trends import Trend, reports_of, trend


class ScopeError(Exception):
    """A scope that cannot be read: no roster, or an organ not in it. One line for the person."""


def load_roster(store: Store) -> list[Organ]:
    return [Organ(r["organ"], r["parent"], r["level"], tuple(r["aliases"]), r["deadline"], r["line"]) for r in roster_rows(store)]


def roster_status(store: Store, year: int, top: str | None = None) -> Coverage:
    roster = load_roster(store)
    if not roster:
        raise ScopeError("no roster in the database: import one with `nianbao roster import organs.csv`")
    return coverage(store.current_reports(), roster, store.organ_names(), year, _top(roster, top), level_deadlines(store))


def _top(roster: list[Organ], top: str | None) -> str | None:
    if top is None:
        return None
    organ = find(roster, top)
    if organ is None:
        raise ScopeError(f"{top} is not in the roster")
    return organ.name


def reports_in_scope(store: Store, year: int, top: str | None = None) -> list[dict[str, Any]]:
    """The current readable reports on `year`; with `top`, only those of roster organs under it (each with its `roster_organ`)."""
    current = [r for r in store.current_reports(year) if r["status"] == "ok"]
    if top is None:
        return current
    roster = load_roster(store)
    if not roster:
        raise ScopeError("--under needs a roster: import one with `nianbao roster import organs.csv`")
    wanted = {o.name for o in under(roster, _top(roster, top))}
    by_organ, _ = assign(current, roster, store.organ_names(), year)
    return [{**r, "roster_organ": organ} for organ, pairs in by_organ.items() if organ in wanted for r, _ in pairs]


def check_deadlines(store: Store, run_id: int | None = None) -> int:
    """Recompute every `region.late` finding from the roster; returns how many there are."""
    roster = load_roster(store)
    found: dict[str, list] = {}
    if roster:
        reports = store.current_reports()
        years = sorted({r["year"] for r in reports if r["year"] and r["status"] == "ok"})
        aliases, deadlines = store.organ_names(), level_deadlines(store)
        for year in years:
            for status in coverage(reports, roster, aliases, year, None, deadlines).organs:
                if status.state == "found" and status.lateness == "late":
                    text = store.text_of(status.report_id)
                    found[status.report_id] = [late_finding(text, status.published, status.deadline, status.deadline_origin, status.days_late)]
    store.replace_findings("region.", found, run_id)
    return sum(len(v) for v in found.values())


def organ_trend(store: Store, organ: str) -> Trend:
    """Every year of one organ (a roster name or alias, or a name as printed)."""
    roster = load_roster(store)
    listed = find(roster, organ)
    name = listed.name if listed else organ
    reports = reports_of(name, store.current_reports(), roster, store.organ_names())
    if not reports:
        raise ScopeError(f"no readable report of {organ} in the database")
    return trend(store, name, reports)


def region_rankings(store: Store, year: int, top: str | None = None):
    """Every indicator over the current reports of the scope (one entry per organ)."""
    from .aggregate import cells_of
    from .rankings import OPEN_ERRORS, rankings

    reports = reports_in_scope(store, year, top)
    cells = cells_of(store, [r["id"] for r in reports])
    errors = dict(store.conn.execute(
        "SELECT report_id, COUNT(*) FROM findings WHERE severity = 'error' AND status = 'open' GROUP BY report_id").fetchall())
    organs = [(r.get("roster_organ") or r["organ"] or r["source"], r["id"], {**cells[r["id"]], OPEN_ERRORS: errors.get(r["id"], 0)})
              for r in reports]
    return rankings(organs)
