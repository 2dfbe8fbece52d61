"""A region's rankings for a year as one page: each indicator with its formula, ties marked,
blanks and zero denominators said in words."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..region.rankings import Ranking
from .page import CSS, _fmt

EXTRA_CSS = ".wrap{padding:16px}section{margin-bottom:16px}.formula{font-size:12px;color:#555;margin:0 0 8px}td.label{text-align:left}"


def rank_text(rank: int | None, tied: bool) -> str:
    if rank is None:
        return "不参与排名"
    return f"{rank}（并列）" if tied else str(rank)


def render_rankings(rankings: list[Ranking], year: int, scope: str, link: Callable[[str], str | None] = lambda rid: None) -> str:
    sections = []
    for r in rankings:
        i = r.indicator
        rows = []
        for e in r.entries:
            href = link(e.report_id)
            name = f'<a href="{escape(href)}">{escape(e.organ)}</a>' if href else escape(e.organ)
            num = "空白" if e.numerator is None else _fmt(e.numerator)
            den = "" if not i.share else ("空白" if e.denominator is None else _fmt(e.denominator))
            rows.append(f"<tr><td>{rank_text(e.rank, e.tied)}</td><td class=\"label\">{name}</td><td>{escape(e.shown(i.share))}</td>"
                        f"<td>{escape(num)}</td>" + (f"<td>{escape(den)}</td>" if i.share else "") + "</tr>")
        head = "<tr><th>名次</th><th>机关</th><th>数值</th><th>分子</th>" + ("<th>分母</th>" if i.share else "") + "</tr>"
        sections.append(f'<section id="{escape(i.id)}"><h2>{escape(i.name)}</h2><p class="formula">计算方法：{escape(i.formula)}；从高到低排列，数值相同者并列。</p>'
                        f'<table class="national">{head}{"".join(rows)}</table></section>')
    title = f"{scope} {year}年度政府信息公开工作年度报告指标排名"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title><style>{CSS}{EXTRA_CSS}</style></head>
<body><header><h1>{escape(title)}</h1><div class="meta">有空白项或分母为0的机关不参与该项排名，也不记为0%</div></header>
<div class="wrap">{"".join(sections)}</div></body></html>
"""
