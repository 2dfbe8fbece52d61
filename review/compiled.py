"""The compiled tables (汇总) as one self-contained page: the national layout with the sums,
how many reports each cell sums and how many left it blank; a click on a cell lists the
reports that make it up, largest first, each linked to its own review page."""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Any

from .. import fields as F
from ..region.aggregate import Compiled
from .page import CSS, _fmt, national_tables

FORMAT_NAMES = {F.TEMPLATE_2021: "2021年版格式（国办公开办函〔2021〕30号）", F.TEMPLATE_2019: "2019年版格式（国办公开办函〔2019〕60号）"}

EXTRA_CSS = """
td.v small{display:block;color:#777;font-size:10px;font-weight:normal}
td.v.sel{outline:3px solid #1f3a5f}
#drill{position:sticky;top:8px;align-self:start;max-height:95vh}
#drill table{border-collapse:collapse;font-size:13px;width:100%}#drill td,#drill th{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left}
#drill td.n{text-align:right}
.wrap{padding:16px}.note{font-size:13px;color:#555;margin:0 0 10px}
main.compiled{grid-template-columns:1fr minmax(280px,30%)}
"""

SCRIPT = """
const parts = JSON.parse(document.getElementById('parts').textContent);
const drill = document.getElementById('drill-body');
const title = document.getElementById('drill-title');
function show(td){
  document.querySelectorAll('td.v.sel').forEach(x => x.classList.remove('sel'));
  td.classList.add('sel');
  const key = td.dataset.key;
  const rows = parts[key] || [];
  title.textContent = td.title;
  drill.replaceChildren(...rows.map(([organ, value, href]) => {
    const tr = document.createElement('tr');
    const a = document.createElement(href ? 'a' : 'span');
    if (href) a.href = href;
    a.textContent = organ;
    const name = document.createElement('td'); name.appendChild(a);
    const v = document.createElement('td'); v.className = 'n'; v.textContent = value;
    tr.append(name, v); return tr;
  }));
}
document.querySelectorAll('td.v').forEach(td => td.addEventListener('click', () => show(td)));
document.querySelectorAll('.finding[data-keys]').forEach(box => box.addEventListener('click', ev => {
  if (ev.target.closest('a')) return;
  document.querySelectorAll('td.v.sel').forEach(x => x.classList.remove('sel'));
  box.dataset.keys.split(' ').forEach(key => { const td = document.getElementById('cell-' + key); if (td) td.classList.add('sel'); });
}));
"""


def _value_td(compiled: Compiled, fid: str, colspan: int, flagged: set[str]) -> str:
    total = compiled.sums[fid]
    counted, blank = compiled.counted(fid), compiled.blank[fid]
    classes = "v" + (" blank" if total is None else "") + (" flagged" if fid in flagged else "")
    shown = "（空白）" if total is None else escape(_fmt(total))
    tip = f"{F.label(fid)}：{counted}份报告相加" + (f"，{blank}份空白" if blank else "")
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    key = f"{compiled.template}:{fid}"
    return (f'<td{span} class="{classes}" id="cell-{escape(key)}" data-key="{escape(key)}" data-field="{escape(fid)}" title="{escape(tip)}">'
            f"{shown}<small>{counted}份" + (f"·空白{blank}" if blank else "") + "</small></td>")


def tables_html(compiled: Compiled) -> str:
    flagged = {f for finding in compiled.findings for f in finding.fields}
    return national_tables(compiled.template, lambda fid, colspan: _value_td(compiled, fid, colspan, flagged))


def _parts(compiled: Compiled, link: Callable[[str], str | None]) -> dict[str, list[list[Any]]]:
    return {f"{compiled.template}:{fid}": [[p.organ or p.source, "（空白）" if p.value is None else _fmt(p.value), link(p.report_id) or ""]
                                           for p in parts]
            for fid in compiled.sums for parts in [compiled.parts(fid)]}


def _finding(c: Compiled, f, causes: list[dict], link: Callable[[str], str | None]) -> str:
    """A compiled finding; a click marks its cells. Below it, the reports with the same rule's finding."""
    keys = " ".join(f"{c.template}:{fid}" for fid in f.fields)
    names = []
    for cause in causes:
        href = link(cause["report_id"])
        names.append(f'<a href="{escape(href)}">{escape(cause["organ"])}</a>' if href else escape(cause["organ"]))
    where = (f'<div class="desc">本范围内有同类问题的报告：{"、".join(names)}</div>' if names
             else '<div class="desc">本范围内没有报告单独出现同类问题（可能由空白或各报告间差异造成）</div>')
    return (f'<div class="finding error" data-keys="{escape(keys)}"><span class="rule">{escape(f.rule)}</span>'
            f'<div class="msg">{escape(f.message)}</div>{where}</div>')


def render_compiled(compiled: list[Compiled], scope: str, link: Callable[[str], str | None] = lambda rid: None) -> str:
    year = compiled[0].year
    n = sum(len(c.reports) for c in compiled)
    parts: dict[str, list] = {}
    body = []
    if len(compiled) > 1:
        body.append('<p class="note">本范围内的报告使用了两种年度报告格式，两种格式的统计表不同，以下分别汇总，不相加。</p>')
    for c in compiled:
        parts |= _parts(c, link)
        findings = "".join(_finding(c, f, causes, link) for f, causes in zip(c.findings, c.causes or [[]] * len(c.findings))) \
            or "<p>汇总表各项勾稽关系相符。</p>"
        body.append(f'<section><h2>{FORMAT_NAMES.get(c.template, c.template)}：{len(c.reports)}份报告</h2>'
                    f'<p class="note">每格为各报告该项之和；小字为相加的报告份数与空白份数。全部空白的格保持空白，不计为0。点击单元格查看构成（从大到小）。</p>'
                    f'<h2>汇总表勾稽关系核对</h2>{findings}{tables_html(c)}</section>')
    title = f"{scope} {year}年度政府信息公开工作年度报告汇总表"
    payload = json.dumps(parts, ensure_ascii=False).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title><style>{CSS}{EXTRA_CSS}</style></head>
<body><header><h1>{escape(title)}</h1><div class="meta">共{n}份报告（每个机关取其当前版本）</div></header>
<main class="compiled"><div>{"".join(body)}</div>
<section id="drill"><h2>单元格构成</h2><div id="drill-title" class="note">点击左侧任一数值单元格</div><table><tbody id="drill-body"></tbody></table></section>
</main>
<script type="application/json" id="parts">{payload}</script>
<script>{SCRIPT}</script></body></html>
"""
