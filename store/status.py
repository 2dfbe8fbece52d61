"""A finding's life: open → confirmed → sent → fixed or disputed (or dismissed on the way).

A person confirms, dismisses, reopens, or records a dispute; `letters` marks confirmed
findings sent; re-extraction marks a sent finding fixed when the organ's re-published report
no longer has it. Every change is logged with the report version it stood on.
"""

from __future__ import annotations

from typing import Any

from . import STATUSES, Store, now
from .connection import write

STATUS_NAMES = {"open": "待核", "confirmed": "已确认", "dismissed": "已排除", "sent": "已发整改通知", "fixed": "已整改", "disputed": "有异议"}
# What may follow each status. The same status again only updates the note.
TRANSITIONS: dict[str, set[str]] = {
    "open": {"confirmed", "dismissed"},
    "confirmed": {"open", "dismissed", "sent"},
    "dismissed": {"open", "confirmed"},
    "sent": {"fixed", "disputed"},
    "disputed": {"confirmed", "dismissed", "fixed"},
    "fixed": {"open", "confirmed"},
}


class StatusError(ValueError):
    """A change the workflow does not allow, said in one line."""


def current_status(store: Store, fp: str) -> str | None:
    row = store.conn.execute("SELECT status FROM findings WHERE fingerprint = ? LIMIT 1", [fp]).fetchone()
    return None if row is None else (row[0] or "open")


def change_status(store: Store, fp: str, status: str, note: str | None = None, by: str = "person") -> int:
    """Move a finding to `status` if the workflow allows it; returns how many stored findings changed (0: no such finding)."""
    if status not in STATUSES:
        raise StatusError(f"status must be one of {', '.join(STATUSES)}")
    with write(store.conn):  # read the status and change it under one lock
        before = current_status(store, fp)
        if before is None:
            return 0
        if status != before and status not in TRANSITIONS.get(before, set()):
            allowed = "、".join(STATUS_NAMES[s] for s in sorted(TRANSITIONS.get(before, set())))
            raise StatusError(f"{fp} is {before} ({STATUS_NAMES.get(before, before)}); it can become: {allowed or 'nothing'}")
        changed = store.set_verdict(fp, status, note)
        _log(store, fp, status, before, note, by)
    return changed


def _log(store: Store, fp: str, status: str, before: str | None, note: str | None, by: str) -> None:
    row = store.conn.execute(
        "SELECT f.report_id, f.report_key FROM findings f JOIN reports r ON r.id = f.report_id "
        "WHERE f.fingerprint = ? ORDER BY r.current DESC, r.extracted_at DESC LIMIT 1", [fp]).fetchone()
    store.conn.execute("INSERT INTO status_log (fingerprint, status, previous, note, at, report_id, report_key, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [fp, status, before, note, now(), row[0] if row else None, row[1] if row else None, by])


def history(store: Store, fp: str) -> list[dict[str, Any]]:
    return list(store.db.query("SELECT * FROM status_log WHERE fingerprint = ? ORDER BY rowid", [fp]))


def mark_fixed_by_republication(store: Store) -> list[str]:
    """Each sent finding whose organ's current report is a newer, readable, complete (all three tables) version
    without it: fixed. Returns them."""
    fixed = []
    sent = store.conn.execute(
        "SELECT v.fingerprint, l.report_id, l.report_key FROM verdicts v JOIN status_log l ON l.fingerprint = v.fingerprint "
        "AND l.rowid = (SELECT MAX(rowid) FROM status_log WHERE fingerprint = v.fingerprint AND status = 'sent') "
        "WHERE v.status = 'sent'").fetchall()
    current: dict[str, dict[str, Any] | None] = {}  # only the keys of sent findings: a batch of 100,000 loads none when nothing was sent
    for fp, sent_on, key in sent:
        if key not in current:
            current[key] = _current_readable(store, key)
        now_report = current[key]
        if now_report is None or now_report["id"] == sent_on:
            continue  # not re-published (or not readable): still waiting
        still = store.conn.execute("SELECT 1 FROM findings WHERE fingerprint = ? AND report_id = ?", [fp, now_report["id"]]).fetchone()
        incomplete = store.conn.execute(  # a table missing from the new version cannot fire its rules: not a fix
            "SELECT 1 FROM findings WHERE report_id = ? AND +rule = 'completeness.table_missing'", [now_report["id"]]).fetchone()
        if still is None and incomplete is None:
            note = f"重新发布的报告（{now_report['source']}）中此问题不再出现"
            with write(store.conn):
                store.db["verdicts"].upsert({"fingerprint": fp, "status": "fixed", "note": note, "decided_at": now()}, pk="fingerprint")
                store.conn.execute("UPDATE findings SET status = 'fixed', note = ?, reviewed_at = ? WHERE fingerprint = ?", [note, now(), fp])
                store.conn.execute(
                    "INSERT INTO status_log (fingerprint, status, previous, note, at, report_id, report_key, by) VALUES (?, 'fixed', 'sent', ?, ?, ?, ?, 're-extraction')",
                    [fp, note, now(), now_report["id"], key])
            fixed.append(fp)
    return fixed


def _current_readable(store: Store, key: str) -> dict[str, Any] | None:
    """The report `current_reports` counts for this report_key (the latest extracted current copy), if it was read."""
    row = store.conn.execute(
        "SELECT id, source, status FROM reports WHERE current = 1 AND report_key = ? ORDER BY extracted_at DESC, rowid DESC LIMIT 1",
        [key]).fetchone()
    return {"id": row[0], "source": row[1]} if row and row[2] == "ok" else None
