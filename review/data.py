"""Reading what review needs from the database: one report whole, or the findings of many."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import fields as F
from ..rules import RULES
from ..store import Store


def match_reports(store: Store, ref: str) -> list[dict[str, Any]]:
    """Every report `ref` names: its id or a prefix of it, its source path (as given at extraction, or
    the same file by any path) or its file name. By path or name, the file's current version; an
    earlier version is reached by its id."""
    ref = ref.strip()
    if not ref:
        return []
    rows = list(store.db.query("SELECT id, source, source_path, organ, year, current, status FROM reports ORDER BY source"))
    resolved = str(Path(ref).resolve()) if Path(ref).exists() else None
    out = {}
    for r in rows:
        by_id = r["id"].startswith(ref.lower())
        by_path = r["current"] and (r["source"] == ref or (resolved is not None and r["source_path"] == resolved)
                                    or Path(r["source"]).name == ref)
        if by_id or by_path:
            out[r["id"]] = r
    return list(out.values())


def suggest_reports(store: Store, ref: str, limit: int = 20) -> list[dict[str, Any]]:
    """Reports whose file or organ contains `ref` (else the latest extracted), for a person who mistyped."""
    rows = list(store.db.query(
        "SELECT id, source, organ, year, status FROM reports WHERE current = 1 AND (instr(source, ?) > 0 OR instr(COALESCE(organ, ''), ?) > 0) "
        "ORDER BY source LIMIT ?", [ref, ref, limit]))
    return rows or list(store.db.query(
        "SELECT id, source, organ, year, status FROM reports WHERE current = 1 ORDER BY extracted_at DESC LIMIT ?", [limit]))


def find_report_id(store: Store, ref: str) -> str | None:
    """The one report `ref` names (see match_reports); None if none or several do."""
    found = match_reports(store, ref)
    return found[0]["id"] if len(found) == 1 else None


def load_report(store: Store, report_id: str) -> dict[str, Any]:
    """Everything one review page shows."""
    text, display_text = store.texts_of([report_id]).get(report_id, ("", None))
    report = {**store.db["reports"].get(report_id), "text": text, "display_text": display_text}
    cells = {r["field"]: r for r in store.db.query("SELECT * FROM cells WHERE report_id = ?", [report_id])}
    findings = [
        {**f, "fields": json.loads(f["fields"] or "[]"), "expected": json.loads(f["expected"] or "null"),
         "actual": json.loads(f["actual"] or "null"), "description": RULES[f["rule"]].description if f["rule"] in RULES else ""}
        for f in store.db.query(
            "SELECT * FROM findings WHERE report_id = ? ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, span_start",
            [report_id],
        )
    ]
    facts = list(store.db.query("SELECT * FROM facts WHERE report_id = ? ORDER BY seq", [report_id]))
    sections = list(store.db.query("SELECT * FROM sections WHERE report_id = ? ORDER BY number", [report_id]))
    return {"report": report, "cells": cells, "findings": findings, "facts": facts, "sections": sections,
            "labels": {f: F.label(f) for f in cells}, "scan": _scan(store, report)}


def _scan(store: Store, report: dict[str, Any]) -> dict[str, Any] | None:
    """For a scanned report: its page images and where on them each cell was read."""
    if not report.get("ocr"):
        return None
    pages = {r["page"]: r["image"] for r in store.db.query(
        "SELECT page, image FROM page_images WHERE report_id = ? ORDER BY page", [report["id"]])}
    return {"cells": json.loads(report["ocr"]).get("cells", {}), "pages": pages}


FILTERS = {"rule": "f.rule = ?", "severity": "f.severity = ?", "status": "f.status = ?", "organ": "r.organ LIKE ?", "year": "r.year = ?"}


def list_findings(store: Store, **filters: Any) -> list[dict[str, Any]]:
    """Findings with their report, newest batch first, filtered by rule/severity/status/organ/year."""
    where, args = [], []
    for name, clause in FILTERS.items():
        value = filters.get(name)
        if value is not None:
            where.append(clause)
            args.append(f"%{value}%" if name == "organ" else value)
    sql = (
        "SELECT f.fingerprint, f.rule, f.severity, f.status, f.note, f.message, f.fields, f.span_start, NULL AS line, "
        "r.id AS report_id, r.source, r.organ, r.year, r.run_id FROM findings f JOIN reports r ON r.id = f.report_id "
        + (f"WHERE {' AND '.join(where)} " if where else "")
        + "ORDER BY r.run_id DESC, r.source, CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END"
    )
    rows = list(store.db.query(sql, args))
    # the line of the span in the text, so `source:line` opens at the place in an editor (each text decompressed once)
    texts = store.texts_of(list({r["report_id"] for r in rows if r["span_start"] is not None}))
    for r in rows:
        if r["span_start"] is not None and r["report_id"] in texts:
            r["line"] = texts[r["report_id"]][0].count("\n", 0, r["span_start"]) + 1
    return rows
