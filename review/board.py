"""The rectification board: findings per status, overall and per organ, over the current reports.

A sent finding that a re-published report no longer has is counted as fixed on that organ
even though no stored finding carries it any more (its verdict and log do).
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..store import STATUSES, Store
from ..store.status import STATUS_NAMES


def board(store: Store) -> dict[str, Any]:
    current = [r for r in store.current_reports() if r["status"] == "ok"]
    by_id = {r["id"]: r for r in current}
    by_key = {r["report_key"]: r for r in current}
    rows: dict[tuple[str, int | None], dict[str, int]] = {}

    def add(report: dict[str, Any], status: str) -> None:
        counts = rows.setdefault((report["organ"] or report["source"], report["year"]), dict.fromkeys(STATUSES, 0))
        counts[status] = counts.get(status, 0) + 1

    seen = set()
    for rid, fp, status in store.conn.execute("SELECT report_id, fingerprint, status FROM findings WHERE severity != 'info'"):
        if rid in by_id:
            add(by_id[rid], status or "open")
            seen.add(fp)
    for fp, key in store.conn.execute(
            "SELECT v.fingerprint, (SELECT report_key FROM status_log l WHERE l.fingerprint = v.fingerprint ORDER BY l.rowid DESC LIMIT 1) "
            "FROM verdicts v WHERE v.status = 'fixed'"):
        if fp not in seen and key in by_key:
            add(by_key[key], "fixed")
    totals = dict.fromkeys(STATUSES, 0)
    for counts in rows.values():
        for s, n in counts.items():
            totals[s] += n
    organs = [{"organ": organ, "year": year, "counts": counts} for (organ, year), counts in sorted(rows.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0))]
    return {"statuses": totals, "organs": organs}


ORDER = ("open", "confirmed", "sent", "disputed", "fixed", "dismissed")


def board_lines(data: dict[str, Any]) -> list[str]:
    """The board as plain text for the terminal."""
    head = "  ".join(f"{s}:{data['statuses'][s]}" for s in ORDER)
    out = [f"findings (errors and warnings) by status: {head}"]
    width = max((len(o["organ"]) for o in data["organs"]), default=4)
    out.append(f"{'organ':<{width}}  year  " + "  ".join(f"{s:>9}" for s in ORDER))
    for o in data["organs"]:
        out.append(f"{o['organ']:<{width}}  {o['year'] or '':<4}  " + "  ".join(f"{o['counts'][s]:>9}" for s in ORDER))
    return out


def board_html(data: dict[str, Any]) -> str:
    heads = "".join(f"<th>{STATUS_NAMES[s]}</th>" for s in ORDER)
    rows = "".join(
        f'<tr><td class="label">{escape(o["organ"])}</td><td>{o["year"] or ""}</td>' + "".join(f"<td>{o['counts'][s]}</td>" for s in ORDER) + "</tr>"
        for o in data["organs"]) or f'<tr><td colspan="{len(ORDER) + 2}">没有待处理的问题</td></tr>'
    total = "".join(f"<td><b>{data['statuses'][s]}</b></td>" for s in ORDER)
    return (f'<section id="board"><h2>整改进度（错误和警告，按状态）</h2><table class="national"><tr><th>机关</th><th>年度</th>{heads}</tr>'
            f'<tr><td class="label"><b>合计</b></td><td></td>{total}</tr>{rows}</table></section>')
