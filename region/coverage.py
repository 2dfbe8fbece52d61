"""Roster status for a year: for each expected organ, its report found, failed or missing, and late or not."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .deadlines import LATENESS_NAMES, deadline_for, lateness, level_name
from .match import Matcher, report_year
from .roster import Organ, under

STATE_NAMES = {"found": "已找到", "failed": "读取失败", "missing": "缺失"}


@dataclass
class OrganStatus:
    organ: str
    parent: str | None
    level: str
    state: str  # found | failed | missing
    report_id: str | None = None
    source: str | None = None
    error: str | None = None  # why the report failed
    published: str | None = None
    deadline: str | None = None  # ISO date, or None when the level has none
    deadline_origin: str = ""
    lateness: str | None = None  # late | on_time | date_unknown | deadline_unknown (None when missing)
    days_late: int | None = None
    matched_by: str | None = None  # exact | alias | place | file_name

    @property
    def late(self) -> bool | None:
        return {"late": True, "on_time": False}.get(self.lateness or "")


@dataclass
class Coverage:
    year: int
    under: str | None
    organs: list[OrganStatus]
    unmatched: list[dict[str, Any]] = field(default_factory=list)  # reports of the year that fit no roster organ, or several

    def counts(self) -> dict[str, int]:
        out = {s: sum(o.state == s for o in self.organs) for s in STATE_NAMES}
        out["late"] = sum(o.lateness == "late" for o in self.organs)
        out["date_unknown"] = sum(o.lateness == "date_unknown" for o in self.organs)
        return out

    def to_json(self) -> dict[str, Any]:
        return {"year": self.year, "under": self.under, "counts": self.counts(),
                "organs": [asdict(o) | {"late": o.late} for o in self.organs], "unmatched": self.unmatched}


def assign(reports: list[dict[str, Any]], roster: list[Organ], aliases: dict[str, str], year: int) -> tuple[dict[str, list[tuple[dict, str]]], list[dict]]:
    """(roster organ → [(report, how)], reports of `year` matched to no single organ)."""
    by_organ: dict[str, list[tuple[dict, str]]] = {}
    unmatched = []
    matcher = Matcher(roster, aliases)
    for report in reports:
        if report_year(report) != year:
            continue
        m = matcher.match(report)
        if m.organ:
            by_organ.setdefault(m.organ, []).append((report, m.how))
        else:
            unmatched.append({"report_id": report["id"], "source": report["source"], "organ": report.get("organ"),
                              "status": report["status"], "why": m.how, "candidates": list(m.candidates)})
    return by_organ, unmatched


def coverage(reports: list[dict[str, Any]], roster: list[Organ], aliases: dict[str, str], year: int,
             top: str | None = None, level_deadlines: dict[str, str] | None = None) -> Coverage:
    """`reports`: Store.current_reports(); `aliases`: Store.organ_names()."""
    by_organ, unmatched = assign(reports, roster, aliases, year)
    out = []
    for organ in under(roster, top):
        deadline = deadline_for(organ.level, year, organ.deadline, level_deadlines)
        status = OrganStatus(organ.name, organ.parent, organ.level, "missing", deadline=deadline.day.isoformat() if deadline.day else None,
                             deadline_origin=deadline.origin)
        matched = by_organ.get(organ.name, [])
        ok = [(r, how) for r, how in matched if r["status"] == "ok"]
        chosen = (ok or matched or [None])[-1]  # a readable report wins over a failed copy of it
        if chosen is not None:
            report, how = chosen
            status.state = "found" if report["status"] == "ok" else "failed"
            status.report_id, status.source, status.error = report["id"], report["source"], report.get("error")
            status.published, status.matched_by = report.get("published"), how
            judged = lateness(report.get("published"), deadline)
            status.lateness, status.days_late = judged.state, judged.days
        out.append(status)
    if top is not None:
        wanted = {o.organ for o in out}
        unmatched = [u for u in unmatched if any(c in wanted for c in u["candidates"])]
    return Coverage(year, top, out, unmatched)


def describe(status: OrganStatus) -> str:
    """One line of Chinese for a page or a letter."""
    parts = [STATE_NAMES[status.state]]
    if status.error:
        parts.append(f"原因：{status.error}")
    if status.lateness:
        late = LATENESS_NAMES[status.lateness]
        if status.lateness == "late":
            late += f"{status.days_late}天（发布日期{status.published}，期限{status.deadline}）"
        parts.append(late)
    return f"{status.organ}（{level_name(status.level)}）：" + "；".join(parts)
