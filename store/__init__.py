"""The SQLite store (one file, opens as-is in datasette).

Each report is written in one transaction keyed on the sha256 of its bytes, so re-running
a file replaces it and a crash never leaves half a report. Human verdicts live in their
own table keyed by the finding's fingerprint, so re-extraction never resets them.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from .. import __version__
from .. import fields as F
from ..report import Finding, Report
from ..rules.history import compare_years, organ_key, same_organ
from .schema import INDEXES, TABLES

VERDICTS = ("open", "confirmed", "dismissed")
CELL_COLUMNS = ("report_id", "field", "value", "raw", "unit", "status", "span_start", "span_end", "extractor", "alt_value", "alt_extractor")
SECTION_COLUMNS = ("report_id", "number", "title", "span_start", "span_end")
FACT_COLUMNS = ("report_id", "seq", "name", "value", "unit", "span_start", "span_end", "quote", "extractor")
LLM_CALL_COLUMNS = (
    "report_id", "seq", "run_id", "part", "model", "mode", "prompt_version", "attempt",
    "prompt_tokens", "completion_tokens", "latency_ms", "cache_hit", "ok", "error",
)
FINDING_COLUMNS = (
    "report_id", "fingerprint", "report_key", "rule", "severity", "fields", "message", "expected", "actual",
    "span_start", "span_end", "status", "note", "reviewed_at", "run_id",
)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def report_key(report: Report) -> str:
    """What identifies 'the same report' across corrected versions of a file: organ + year."""
    if report.organ and report.year:
        organ = re.sub(r"(人民政府|政府)$", "", re.sub(r"\s+", "", report.organ))
        return f"{organ}|{report.year}"
    return Path(report.source).name


def fingerprint(key: str, finding: Finding) -> str:
    basis = "|".join([key, finding.rule, ",".join(sorted(finding.fields)), finding.key])
    return "F" + hashlib.sha1(basis.encode()).hexdigest()[:10]


class Store:
    def __init__(self, path: str | Path):
        self.path = str(path)
        self.db = sqlite_utils.Database(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")  # readers (datasette, serve) never block a batch
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.conn.executescript(TABLES)
        self._add_missing_columns()
        self.db.conn.executescript(INDEXES)
        if not self.db["fields"].count:
            with self.db.atomic():
                self.db["fields"].insert_all(
                    {"field": f, "label": F.label(f), "tbl": F.table_of(f), "template": template}
                    for template in (F.TEMPLATE_2021, F.TEMPLATE_2019)
                    for f in F.fields_for(template)
                    if template == F.TEMPLATE_2021 or f not in F.FIELDS_2021  # appeals and most rows are shared
                )

    def _add_missing_columns(self) -> None:
        """A database written by an older version gets the columns added since (all nullable)."""
        wanted = sqlite_utils.Database(memory=True)
        wanted.conn.executescript(TABLES)
        for name in wanted.table_names():
            have = {c.name for c in self.db[name].columns}
            for column in wanted[name].columns:
                if column.name not in have:
                    self.db.execute(f"ALTER TABLE {name} ADD COLUMN {column.name} {column.type}")

    def close(self) -> None:
        self.db.close()

    # --- runs ---------------------------------------------------------------------------
    def start_run(self, argv: list[str]) -> int:
        with self.db.atomic():
            table = self.db["runs"].insert(
                {"started_at": now(), "version": __version__, "status": "running", "argv": json.dumps(argv, ensure_ascii=False)}
            )
        return int(table.last_pk)

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        with self.db.atomic():
            self.db["runs"].update(run_id, {"finished_at": now(), "status": status, **stats})

    # --- reports ------------------------------------------------------------------------
    def save(self, report: Report, run_id: int | None = None) -> None:
        """Write one report and everything extracted from it, atomically, replacing any earlier copy."""
        rid = report.sha256
        key = report_key(report)
        counts = {s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning", "info")}
        with self.db.atomic():
            for table in ("cells", "sections", "facts", "findings", "page_images"):  # llm_calls is a usage log: kept per run
                self.db.execute(f"DELETE FROM {table} WHERE report_id = ?", [rid])
            self.db["reports"].upsert(
                {
                    "id": rid, "source": report.source, "status": report.status, "error": report.error,
                    "encoding": report.encoding, "template": report.template, "organ": report.organ,
                    "region": report.region, "year": report.year, "published": report.published,
                    "title": report.title, "report_key": key, "text": report.text,
                    "display_text": report.display_text, "kind": report.kind,
                    "n_errors": counts["error"], "n_warnings": counts["warning"], "n_info": counts["info"],
                    "run_id": run_id, "extracted_at": now(), "version": __version__,
                    "seconds": round(sum(report.timings.values()), 6),
                    "ocr": json.dumps({"cells": report.ocr_sources(), "marks": report.ocr_marks}) if report.ocr_marks else None,
                },
                pk="id",
            )
            # The hot path: one prepared statement per table (insert_all re-plans every row).
            self._insert_many("cells", CELL_COLUMNS, (
                (rid, c.field, c.value, c.raw, c.unit, c.status, c.start, c.end, c.extractor, c.alt_value, c.alt_extractor)
                for c in report.cells.values()
            ))
            self._insert_many("sections", SECTION_COLUMNS, ((rid, s.number, s.title, s.start, s.end) for s in report.sections))
            self._insert_many("facts", FACT_COLUMNS, (
                (rid, i, f.name, f.value, f.unit, f.start, f.end, f.quote, f.extractor) for i, f in enumerate(report.facts)
            ))
            self._save_findings(rid, key, report.findings, run_id)
            self._insert_many("page_images", ("report_id", "page", "image"), ((rid, n, image) for n, image in sorted(report.page_images.items())))
            self._insert_many("llm_calls", LLM_CALL_COLUMNS, (
                (rid, i, run_id or 0, c.part, c.model, c.mode, c.prompt_version, c.attempt, c.prompt_tokens,
                 c.completion_tokens, c.latency_ms, int(c.cache_hit), int(c.ok), c.error)
                for i, c in enumerate(report.llm_calls)
            ))

    def _save_findings(self, rid: str, key: str, findings: list[Finding], run_id: int | None) -> None:
        rows = {}
        for f in findings:
            fp = fingerprint(key, f)
            rows[fp] = {
                "report_id": rid, "fingerprint": fp, "report_key": key, "rule": f.rule, "severity": f.severity,
                "fields": json.dumps(f.fields), "message": f.message,
                "expected": json.dumps(f.expected, ensure_ascii=False), "actual": json.dumps(f.actual, ensure_ascii=False),
                "span_start": f.start, "span_end": f.end, "status": "open", "note": None, "reviewed_at": None,
                "run_id": run_id,
            }
        if rows:  # carry over any verdict a person gave this finding before
            marks = ",".join("?" * len(rows))
            for fp, status, note, decided in self.db.execute(
                f"SELECT fingerprint, status, note, decided_at FROM verdicts WHERE fingerprint IN ({marks})", list(rows)
            ).fetchall():
                rows[fp].update(status=status, note=note, reviewed_at=decided)
        self._insert_many("findings", FINDING_COLUMNS, (tuple(r[c] for c in FINDING_COLUMNS) for r in rows.values()))

    def _insert_many(self, table: str, columns: tuple[str, ...], rows) -> None:
        marks = ", ".join("?" * len(columns))
        self.db.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def save_failure(self, source: str, sha256: str, error: str, run_id: int | None = None) -> None:
        self.save(Report(source=source, sha256=sha256, status="failed", error=error), run_id)

    # --- across years ---------------------------------------------------------------------
    def organ_names(self) -> dict[str, str]:
        """Each organ key in the database → the name it is matched as (its alias, else itself)."""
        aliases = {r["name"]: r["canonical"] for r in self.db.query("SELECT name, canonical FROM organ_aliases")}
        keys = {organ_key(r["organ"]) for r in self.db.query("SELECT DISTINCT organ FROM reports WHERE organ IS NOT NULL")}
        return {k: aliases.get(k, k) for k in keys if k}

    def set_alias(self, name: str, canonical: str | None) -> None:
        with self.db.atomic():
            if canonical:
                self.db["organ_aliases"].upsert({"name": organ_key(name), "canonical": organ_key(canonical)}, pk="name")
            else:
                self.db.execute("DELETE FROM organ_aliases WHERE name = ?", [organ_key(name)])

    def check_across_years(self, run_id: int | None = None) -> int:
        """Recompute the cross-year findings of every report; returns how many there are."""
        names = self.organ_names()
        reports = list(self.db.query(
            "SELECT id, organ, year, source, report_key FROM reports WHERE status = 'ok' AND organ IS NOT NULL AND year IS NOT NULL "
            "ORDER BY extracted_at"))
        canonical = {r["id"]: names.get(organ_key(r["organ"])) for r in reports}
        cells: dict[str, dict] = {}

        def cells_of(rid: str) -> dict:
            if rid not in cells:
                cells[rid] = {c["field"]: c["value"] for c in self.db.query("SELECT field, value FROM cells WHERE report_id = ?", [rid])}
            return cells[rid]

        by_year: dict[int, list[dict]] = {}
        for r in reports:  # in extraction order, so the last match is the latest copy
            by_year.setdefault(r["year"], []).append(r)
        found: dict[str, list[Finding]] = {}
        for current in reports:
            previous = [p for p in by_year.get(current["year"] - 1, []) if same_organ(canonical[p["id"]], canonical[current["id"]])]
            if previous:
                p = previous[-1]  # the latest extracted copy of last year's report
                found[current["id"]] = compare_years(cells_of(p["id"]), cells_of(current["id"]), f"{p['organ']} {p['year']}年，{p['source']}")
        with self.db.atomic():
            self.db.execute("DELETE FROM findings WHERE rule LIKE 'history.%'")
            for r in reports:
                self._save_findings(r["id"], r["report_key"], found.get(r["id"], []), run_id)
            self.db.execute(
                "UPDATE reports SET n_errors = (SELECT COUNT(*) FROM findings f WHERE f.report_id = reports.id AND f.severity = 'error'), "
                "n_warnings = (SELECT COUNT(*) FROM findings f WHERE f.report_id = reports.id AND f.severity = 'warning')")
        return sum(len(v) for v in found.values())

    # --- review -------------------------------------------------------------------------
    def set_verdict(self, fp: str, status: str, note: str | None = None) -> int:
        """Record a person's verdict on a finding; returns how many stored findings it applies to."""
        if status not in VERDICTS:
            raise ValueError(f"status must be one of {', '.join(VERDICTS)}")
        decided = now()
        with self.db.atomic():
            self.db["verdicts"].upsert({"fingerprint": fp, "status": status, "note": note, "decided_at": decided}, pk="fingerprint")
            cursor = self.db.execute(
                "UPDATE findings SET status = ?, note = ?, reviewed_at = ? WHERE fingerprint = ?", [status, note, decided, fp]
            )
        return cursor.rowcount

    def findings(self, report_id: str | None = None, status: str | None = None) -> list[dict[str, Any]]:
        where, args = [], []
        if report_id:
            where.append("report_id = ?"), args.append(report_id)
        if status:
            where.append("status = ?"), args.append(status)
        return list(self.db["findings"].rows_where(" AND ".join(where) or None, args, order_by="report_id, rule"))
