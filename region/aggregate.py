"""The compiled tables (汇总): every cell summed over the current reports in a scope.

A blank is not 0: each compiled cell keeps how many reports it sums and how many left it
blank, and a cell blank in every report stays null. Reports of the two national formats are
compiled separately (their active tables differ). The compiled tables' own arithmetic is
checked by the same rules as a report's, and every compiled cell keeps its parts, largest
first, for drilling down.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .. import fields as F
from ..report import Cell, Finding, Number, Report
from ..rules import RULES
from ..store import Store

TABLES = ("active", "applications", "appeals")


class Part(NamedTuple):
    value: Number | None
    report_id: str
    organ: str | None
    source: str


@dataclass
class Compiled:
    year: int
    template: str
    reports: list[dict[str, Any]]  # rows of Store.current_reports
    sums: dict[str, Number | None] = field(default_factory=dict)
    blank: dict[str, int] = field(default_factory=dict)  # reports that left the cell blank (or had no such cell)
    values: dict[str, dict[str, Number | None]] = field(default_factory=dict, repr=False)  # report id → {field: value}
    findings: list[Finding] = field(default_factory=list)  # the compiled tables' own arithmetic
    causes: list[list[dict[str, Any]]] = field(default_factory=list)  # per finding: reports in scope with the same rule's finding

    def parts(self, fid: str) -> list[Part]:
        """The reports behind a compiled cell: values largest first, then the blanks (built when drilled into)."""
        parts = [Part(self.values[r["id"]].get(fid), r["id"], r.get("roster_organ") or r.get("organ"), r["source"]) for r in self.reports]
        printed = sorted((p for p in parts if p.value is not None), key=lambda p: (-p.value, p.organ or ""))
        return printed + sorted((p for p in parts if p.value is None), key=lambda p: p.organ or "")

    def counted(self, fid: str) -> int:
        return len(self.reports) - self.blank[fid]

    def to_json(self) -> dict[str, Any]:
        return {"year": self.year, "reports": len(self.reports), "template": self.template, "cells": self.sums,
                "blank": self.blank, "findings": [{"rule": f.rule, "fields": f.fields, "message": f.message,
                                                   "expected": f.expected, "actual": f.actual,
                                                   "reports": [{"organ": c["organ"], "report_id": c["report_id"]} for c in causes]}
                                                  for f, causes in zip(self.findings, self.causes or [[]] * len(self.findings))]}


def cells_of(store: Store, report_ids: list[str]) -> dict[str, dict[str, Number | None]]:
    """report id → {field: value}, through the store's own reader (Store.values_of)."""
    out: dict[str, dict[str, Number | None]] = {rid: {} for rid in report_ids}
    out.update(store.values_of(report_ids))
    return out


def _total(values: list[Number]) -> Number:
    if all(isinstance(v, int) for v in values):
        return sum(values)  # type: ignore[arg-type]
    return round(math.fsum(values), 6)  # 万元 with two decimals: no 0.1 + 0.2 tails


def compile_reports(year: int, template: str, reports: list[dict[str, Any]], cells: dict[str, dict[str, Number | None]]) -> Compiled:
    """Pure: the compiled tables of `reports` (all of one template)."""
    out = Compiled(year, template, reports, values={r["id"]: cells[r["id"]] for r in reports})
    rows = [cells[r["id"]] for r in reports]
    for fid in F.fields_for(template):
        printed = [v for v in (row.get(fid) for row in rows) if v is not None]
        out.sums[fid] = _total(printed) if printed else None
        out.blank[fid] = len(rows) - len(printed)
    out.findings = check(out)
    return out


ARITHMETIC = "rules.arithmetic"


def check(compiled: Compiled) -> list[Finding]:
    """The format's own arithmetic over the compiled cells (the rules of rules/arithmetic.py, unchanged)."""
    report = Report(source="汇总", sha256="", template=compiled.template, tables_found={t: (0, 0) for t in TABLES},
                    cells={fid: Cell(fid, v) for fid, v in compiled.sums.items()})
    found = []
    for r in RULES.values():
        if r.check is not None and r.check.__module__.endswith(ARITHMETIC):
            for finding in r.check(report):
                finding.rule, finding.severity = r.id, finding.severity or r.severity
                blank = [f for f in finding.fields if compiled.blank.get(f)]
                if blank:  # a sum without some reports' blanks may disagree for that reason alone
                    finding.message += f"（其中{len(blank)}项在部分报告中空白，未计入合计）"
                found.append(finding)
    return found


def causes(store: Store, compiled: Compiled) -> list[list[dict[str, Any]]]:
    """For each compiled finding, the reports in scope that have a finding of the same rule on one of its fields."""
    ids = [r["id"] for r in compiled.reports]
    organ = {r["id"]: r.get("roster_organ") or r.get("organ") or r["source"] for r in compiled.reports}
    out = []
    for finding in compiled.findings:
        wanted = set(finding.fields)
        hits = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for rid, fields in store.conn.execute(
                    # +rule: by each report's own findings (its primary key), not by every finding of the rule in the database
                    f"SELECT report_id, fields FROM findings WHERE +rule = ? AND report_id IN ({marks})", [finding.rule, *chunk]):
                if wanted & set(json.loads(fields or "[]")) and rid not in {h["report_id"] for h in hits}:
                    hits.append({"report_id": rid, "organ": organ[rid]})
        out.append(sorted(hits, key=lambda h: h["organ"] or ""))
    return out


def template_of(report: dict[str, Any]) -> str:
    return report.get("template") or F.TEMPLATE_2021


def compile_scope(store: Store, year: int, reports: list[dict[str, Any]]) -> list[Compiled]:
    """One Compiled per national format present (2021 first); one empty 2021 table when there are no reports."""
    cells = cells_of(store, [r["id"] for r in reports])
    templates = sorted({template_of(r) for r in reports}, reverse=True) or [F.TEMPLATE_2021 if year >= 2021 else F.TEMPLATE_2019]
    out = [compile_reports(year, t, [r for r in reports if template_of(r) == t], cells) for t in templates]
    for c in out:
        c.causes = causes(store, c)
    return out


def to_json(compiled: list[Compiled]) -> dict[str, Any]:
    """One object; with both formats in scope, each compiled separately under `formats`."""
    if len(compiled) == 1:
        return compiled[0].to_json()
    return {"year": compiled[0].year, "reports": sum(len(c.reports) for c in compiled), "separately": True,
            "note": "两种年度报告格式分别汇总", "formats": {c.template: c.to_json() for c in compiled}}
