"""One organ across its years, as one self-contained page: per table a small line chart
(inline SVG, no network) and every field year by year; blanks and fields a year's format
does not have are shown as such."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from .. import fields as F
from ..report import Number
from ..region.trends import NOT_IN_FORMAT, Trend
from .page import CSS, TABLE_TITLES, _fmt

COLOURS = ["#1f3a5f", "#c62828", "#2e7d32"]
EXTRA_CSS = """
.wrap{padding:16px}section{margin-bottom:16px}.chart{margin:0 0 10px}
table.trend{border-collapse:collapse;font-size:13px}table.trend td,table.trend th{border:1px solid #ccc;padding:3px 8px}
table.trend td.n{text-align:right}table.trend td.label{text-align:left;max-width:420px}
table.trend td.blank{color:#999;background:repeating-linear-gradient(45deg,#fff,#fff 4px,#eee 4px,#eee 8px)}
table.trend td.na{color:#bbb}.note{font-size:13px;color:#555}
"""


def line_chart(years: list[int], series: list[tuple[str, list[Number | None]]], width: int = 460, height: int = 170) -> str:
    """A small line chart: one line per series, a gap where a year is blank."""
    left, right, top, bottom = 48, 130, 12, 26
    values = [v for _, vs in series for v in vs if v is not None]
    high = max(values, default=0) or 1
    x = lambda i: left + (width - left - right) * (i / max(1, len(years) - 1) if len(years) > 1 else 0.5)  # noqa: E731
    y = lambda v: top + (height - top - bottom) * (1 - v / high)  # noqa: E731
    parts = [f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - right}" y2="{y(0):.1f}" stroke="#999"/>',
             f'<text x="{left - 6}" y="{y(high) + 4:.1f}" font-size="11" text-anchor="end">{escape(_fmt(high))}</text>',
             f'<text x="{left - 6}" y="{y(0) + 4:.1f}" font-size="11" text-anchor="end">0</text>']
    for i, year in enumerate(years):
        parts.append(f'<text x="{x(i):.1f}" y="{height - 8}" font-size="11" text-anchor="middle">{year}年</text>')
    for k, (name, vs) in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        run: list[str] = []
        for i, v in enumerate(vs + [None]):
            if v is not None:
                run.append(f"{x(i):.1f},{y(v):.1f}")
                parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"><title>{escape(name)} {years[i]}年：{escape(_fmt(v))}</title></circle>')
            elif run:
                if len(run) > 1:
                    parts.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" stroke-width="2"/>')
                run = []
        parts.append(f'<rect x="{width - right + 10}" y="{top + 18 * k}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{width - right + 24}" y="{top + 18 * k + 9}" font-size="12">{escape(name)}</text>')
    return f'<svg class="chart" width="{width}" height="{height}" role="img" xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'


def _cell(value) -> str:
    if value == NOT_IN_FORMAT:
        return '<td class="n na" title="该年度格式无此项">—</td>'
    if value is None:
        return '<td class="n blank">（空白）</td>'
    return f'<td class="n">{escape(_fmt(value))}</td>'


def trend_page_name(organ: str) -> str:
    """A file name for an organ's page that any file system takes (the organ's name hashed)."""
    import hashlib

    return f"trend-{hashlib.sha1(organ.encode()).hexdigest()[:10]}.html"


def render_trend(trend: Trend, link: Callable[[str], str | None] = lambda rid: None) -> str:
    heads = []
    for year in trend.years:
        href = link(trend.reports[year]["id"])
        heads.append(f'<th><a href="{escape(href)}">{year}年</a></th>' if href else f"<th>{year}年</th>")
    fields = trend.fields()
    sections = []
    for table, title in TABLE_TITLES.items():
        rows = "".join(
            f'<tr><td class="label" title="{escape(fid)}">{escape(F.label(fid))}</td>' + "".join(_cell(trend.value(fid, y)) for y in trend.years) + "</tr>"
            for fid in fields if F.table_of(fid) == table)
        sections.append(f'<section id="{table}"><h2>{title}</h2>{line_chart(trend.years, trend.series(table))}'
                        f'<table class="trend"><tr><th>项目</th>{"".join(heads)}</tr>{rows}</table></section>')
    title = f"{trend.organ} 历年政府信息公开工作年度报告数据"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title><style>{CSS}{EXTRA_CSS}</style></head>
<body><header><h1>{escape(title)}</h1><div class="meta">{len(trend.years)}个年度：{"、".join(f"{y}年" for y in trend.years)}（每年取当前版本）</div></header>
<div class="wrap"><p class="note">（空白）为报告未填；—为该年度报告格式无此项。折线在空白年度断开。</p>{"".join(sections)}</div></body></html>
"""
