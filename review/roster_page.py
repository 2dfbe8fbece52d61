"""Roster status for a year as one page: every expected organ, found / failed (why, in Chinese) /
missing, its deadline and where it comes from, late or on time or unknown."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..region.coverage import STATE_NAMES, Coverage
from ..region.deadlines import LATENESS_NAMES, level_name
from .page import CSS
from .reasons import chinese_reason

EXTRA_CSS = """.wrap{padding:16px}td.label{text-align:left}tr.missing td{background:#fff3e0}tr.failed td{background:#fde0e0}
td.late{color:#b71c1c;font-weight:bold}.cards{display:flex;gap:12px;margin-bottom:12px}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 14px;text-align:center}.card .n{font-size:22px;font-weight:bold;color:#1f3a5f}"""


def render_coverage(cov: Coverage, link: Callable[[str], str | None] = lambda rid: None) -> str:
    counts = cov.counts()
    cards = "".join(f'<div class="card"><div class="n">{n}</div><div>{label}</div></div>' for label, n in [
        ("应报机关", len(cov.organs)), ("已找到", counts["found"]), ("读取失败", counts["failed"]), ("缺失", counts["missing"]),
        ("逾期", counts["late"]), ("发布日期不详", counts["date_unknown"])])
    rows = []
    for o in cov.organs:
        href = link(o.report_id) if o.report_id else None
        name = f'<a href="{escape(href)}">{escape(o.organ)}</a>' if href else escape(o.organ)
        late = LATENESS_NAMES.get(o.lateness or "", "")
        if o.lateness == "late":
            late += f"{o.days_late}天"
        rows.append(
            f'<tr class="{o.state}"><td class="label">{name}</td><td>{escape(level_name(o.level))}</td><td class="label">{escape(o.parent or "")}</td>'
            f"<td>{STATE_NAMES[o.state]}</td><td>{escape(o.published or '')}</td>"
            f'<td title="{escape(o.deadline_origin)}">{escape(o.deadline or "未设")}</td>'
            f'<td class="{"late" if o.lateness == "late" else ""}">{escape(late)}</td>'
            f'<td class="label">{escape(chinese_reason(o.error))}</td></tr>')
    unmatched = "".join(
        f'<tr><td class="label">{escape(u["organ"] or u["source"])}</td><td class="label">'
        + escape("可匹配多个名册机关：" + "、".join(u["candidates"]) if u["candidates"] else "名册中没有对应机关") + "</td></tr>"
        for u in cov.unmatched)
    extra = (f'<h2>未能对应到名册的报告</h2><table class="national"><tr><th>报告</th><th>原因</th></tr>{unmatched}</table>' if unmatched else "")
    scope = cov.under or "全部名册机关"
    title = f"{scope} {cov.year}年度政府信息公开工作年度报告报送情况"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title><style>{CSS}{EXTRA_CSS}</style></head>
<body><header><h1>{escape(title)}</h1><div class="meta">期限依据《中华人民共和国政府信息公开条例》第四十九条，或名册所设；发布日期不详的不作推断</div></header>
<div class="wrap"><div class="cards">{cards}</div>
<table class="national"><tr><th>机关</th><th>级别</th><th>上级</th><th>报告</th><th>发布日期</th><th>期限</th><th>是否逾期</th><th>读取失败原因</th></tr>{"".join(rows)}</table>
{extra}</div></body></html>
"""
