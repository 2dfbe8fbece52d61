"""The whole batch at a glance: counts, the reports with the most findings, two charts, failures."""

from __future__ import annotations

from html import escape
from typing import Any

from ..rules import RULES
from ..store import Store
from .board import board, board_html
from .reasons import chinese_reason
from .page import CSS, SEVERITY_NAMES, STATUS_NAMES


def overview_data(store: Store) -> dict[str, Any]:
    q = lambda sql, *args: list(store.db.query(sql, list(args)))  # noqa: E731
    return {
        "reports": q("SELECT status, COUNT(*) AS n FROM reports WHERE current = 1 GROUP BY status"),
        "by_severity": q("SELECT severity, status, COUNT(*) AS n FROM findings GROUP BY severity, status"),
        "by_rule": q("SELECT rule, severity, COUNT(*) AS n, SUM(status = 'open') AS open FROM findings "
                     "WHERE severity != 'info' GROUP BY rule ORDER BY n DESC"),
        "worst": q("SELECT r.id, r.source, r.organ, r.year, r.n_errors, r.n_warnings, SUM(f.status = 'open') AS open "
                   "FROM reports r LEFT JOIN findings f ON f.report_id = r.id AND f.severity != 'info' WHERE r.status = 'ok' AND r.current = 1 "
                   "GROUP BY r.id ORDER BY r.n_errors DESC, r.n_warnings DESC, r.organ LIMIT 30"),
        "received": q("SELECT r.id, r.organ, r.year, c.value FROM reports r JOIN cells c ON c.report_id = r.id "
                      "WHERE c.field = 'applications.new.total' AND r.status = 'ok' AND r.current = 1 ORDER BY c.value DESC, r.organ LIMIT 30"),
        "failures": q("SELECT id, source, error FROM reports WHERE status != 'ok' AND current = 1 ORDER BY source"),
        "all": q("SELECT id FROM reports WHERE current = 1"),  # earlier versions of a file are history, not counted
        "board": board(store),
    }


def page_name(report_id: str) -> str:
    return f"report-{report_id[:12]}.html"


def _bars(rows: list[tuple[str, float, str]], unit: str) -> str:
    """A horizontal bar chart as inline SVG: (label, value, href)."""
    if not rows:
        return "<p>（无）</p>"
    top = max(v for _, v, _ in rows) or 1
    height = 22 * len(rows) + 6
    bars = []
    for i, (label, value, href) in enumerate(rows):
        y = 4 + 22 * i
        width = 360 * value / top
        text = f'<text x="236" y="{y + 14}" text-anchor="end" font-size="12">{escape(label[:30])}</text>'
        bar = f'<rect x="240" y="{y}" width="{width:.1f}" height="16" fill="#1f3a5f"></rect>'
        if href:
            bar = f'<a href="{escape(href)}">{bar}</a>'
        bars.append(f'{text}{bar}<text x="{244 + width:.1f}" y="{y + 13}" font-size="12">{value:g}{unit}</text>')
    return f'<svg width="680" height="{height}" role="img">{"".join(bars)}</svg>'


def render_overview(data: dict[str, Any], link=page_name) -> str:
    counts = {r["status"]: r["n"] for r in data["reports"]}
    severity: dict[str, int] = {}
    for r in data["by_severity"]:
        severity[r["severity"]] = severity.get(r["severity"], 0) + r["n"]
    open_ = sum(r["n"] for r in data["by_severity"] if r["status"] == "open" and r["severity"] != "info")
    cards = "".join(
        f'<div class="card"><div class="n">{n}</div><div>{label}</div></div>'
        for label, n in [("报告", sum(counts.values())), ("读取成功", counts.get("ok", 0)), ("读取失败", sum(v for k, v in counts.items() if k != "ok")),
                         ("错误", severity.get("error", 0)), ("警告", severity.get("warning", 0)), ("待核", open_)]
    )
    rules_rows = "".join(
        f'<tr><td class="label">{escape(r["rule"])}</td><td class="label">{escape(RULES[r["rule"]].description if r["rule"] in RULES else "")}</td>'
        f'<td>{SEVERITY_NAMES.get(r["severity"], r["severity"])}</td><td>{r["n"]}</td><td>{r["open"]}</td></tr>'
        for r in data["by_rule"]
    ) or '<tr><td colspan="5">没有发现问题</td></tr>'
    worst = "".join(
        f'<tr><td class="label"><a href="{escape(link(r["id"]))}">{escape(r["organ"] or r["source"])}</a></td><td>{r["year"] or ""}</td>'
        f'<td>{r["n_errors"] or 0}</td><td>{r["n_warnings"] or 0}</td><td>{r["open"] or 0}</td></tr>'
        for r in data["worst"]
    )
    failures = "".join(
        f'<tr><td class="label">{escape(r["source"])}</td><td class="label">{escape(chinese_reason(r["error"]))}</td></tr>' for r in data["failures"]
    ) or '<tr><td colspan="2">无</td></tr>'
    by_rule_chart = _bars([(r["rule"], r["n"], "") for r in data["by_rule"]], "")
    received_chart = _bars([(f'{r["organ"] or "?"} {r["year"] or ""}', r["value"], link(r["id"])) for r in data["received"] if r["value"] is not None], "件")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>年报核对总览</title><style>{CSS}
.cards{{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:12px}}.card{{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:90px;text-align:center}}
.card .n{{font-size:26px;font-weight:bold;color:#1f3a5f}}.wrap{{padding:16px}}section{{margin-bottom:16px}}</style></head>
<body><header><h1>政府信息公开工作年度报告 · 核对总览</h1><div class="meta">核对状态分为{"、".join(STATUS_NAMES.values())}；在各报告页（nianbao serve）或 nianbao review 中确认或排除</div></header>
<div class="wrap"><div class="cards">{cards}</div>
{board_html(data["board"]) if data.get("board") else ""}
<section><h2>各规则发现的问题</h2>{by_rule_chart}
<table class="national"><tr><th>规则</th><th>检查内容</th><th>级别</th><th>问题数</th><th>待核</th></tr>{rules_rows}</table></section>
<section><h2>问题最多的报告</h2><table class="national"><tr><th>机关</th><th>年度</th><th>错误</th><th>警告</th><th>待核</th></tr>{worst}</table></section>
<section><h2>各机关本年新收政府信息公开申请数</h2>{received_chart}</section>
<section><h2>读取失败的文件</h2><table class="national"><tr><th>文件</th><th>原因</th></tr>{failures}</table></section>
</div></body></html>
"""
