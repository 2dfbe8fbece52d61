"""The review page of one report: a single self-contained HTML file (no server, no network).

The report's text with every extracted number highlighted and linked to its cell; the
three tables re-drawn in the national layout, blanks visibly blank, flagged cells red;
the findings, each of which scrolls to and highlights its exact source span and cells.
Every piece of report text is escaped; data reach the script as JSON inside a
<script type="application/json"> block whose "</" is escaped, so a report containing
<script> or <img onerror> renders as text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Any

from .. import fields as F
from ..report import PROVENANCE_KINDS, provenance_kind
from ..store.status import STATUS_NAMES  # noqa: F401  (one list of status names; pages import it from here)
from . import layout, scan_view
from .reasons import chinese_reason

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}

CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#222;background:#f6f6f4}
header{background:#1f3a5f;color:#fff;padding:12px 20px}header h1{font-size:20px;margin:0 0 4px}header .meta{font-size:13px;opacity:.85}
main{display:grid;grid-template-columns:minmax(320px,34%) 1fr;gap:16px;padding:16px}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px;overflow:auto}
h2{font-size:16px;margin:4px 0 10px}
.finding{border-left:4px solid #999;padding:6px 8px;margin:0 0 8px;background:#fafafa;cursor:pointer}
.finding.error{border-color:#c62828}.finding.warning{border-color:#ef8f00}.finding.info{border-color:#1565c0}
.finding.active{outline:2px solid #1f3a5f;background:#eef3fa}
.finding .rule{font-family:monospace;font-size:12px;color:#555}.finding .desc{font-size:12px;color:#666}
.finding .msg{margin:4px 0}.finding .vals{font-size:13px}.badge{font-size:12px;padding:1px 6px;border-radius:8px;background:#eee;margin-right:4px}
.badge.error{background:#fde0e0;color:#b71c1c}.badge.warning{background:#fff0d6;color:#8a5300}.badge.info{background:#e3eefc;color:#0d47a1}
.status-confirmed{color:#1b5e20}.status-dismissed{color:#777;text-decoration:line-through}
table.national{border-collapse:collapse;margin:0 0 14px;font-size:13px}table.national td,table.national th{border:1px solid #999;padding:3px 6px;text-align:center}
table.national th{background:#f0f0f0;font-weight:normal;font-size:12px;max-width:260px}
td.v{cursor:pointer;min-width:28px}td.v.blank{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#eee 4px,#eee 8px);color:#999}
td.v.flagged{background:#ffcdd2;color:#b71c1c;font-weight:bold}td.v.hl{outline:3px solid #1f3a5f}
td.v.llm{border-bottom:3px double #6a1b9a}td.v.split{border-bottom:2px dashed #00796b}td.v.split::after{content:"✂";font-size:9px;color:#00796b;vertical-align:super}
#text a.num.split{box-shadow:inset 0 -2px 0 #00796b}
#text{white-space:pre-wrap;line-height:1.7;font-size:14px}
#text a.num{background:#e8f0fe;border-radius:2px;text-decoration:none;color:inherit}#text a.num.flagged{background:#ffcdd2}
mark.hit{background:#ffeb3b;outline:2px solid #f57f17}
.verdict{margin-top:6px}.verdict textarea{width:100%;height:36px}.verdict button{margin-right:6px}
.legend{font-size:12px;color:#555;margin-bottom:8px}
"""

SCRIPT = """
const data = JSON.parse(document.getElementById('data').textContent);
const textEl = document.getElementById('text');
function clearMarks(){
  document.querySelectorAll('mark.hit').forEach(m => { m.replaceWith(...m.childNodes); });
  textEl.normalize();
  document.querySelectorAll('td.v.hl').forEach(td => td.classList.remove('hl'));
  document.querySelectorAll('.finding.active').forEach(f => f.classList.remove('active'));
}
function locate(offset){
  const walker = document.createTreeWalker(textEl, NodeFilter.SHOW_TEXT);
  let seen = 0, node;
  while ((node = walker.nextNode())) {
    if (seen + node.length >= offset) return [node, offset - seen];
    seen += node.length;
  }
  return null;
}
function highlight(start, end){
  if (start === null || start === undefined) return null;
  const a = locate(start), b = locate(end);
  if (!a || !b) return null;
  const range = document.createRange();
  range.setStart(a[0], a[1]); range.setEnd(b[0], b[1]);
  const mark = document.createElement('mark'); mark.className = 'hit';
  mark.appendChild(range.extractContents()); range.insertNode(mark);
  return mark;
}
function showFinding(el){
  clearMarks();
  el.classList.add('active');
  const f = data.findings[Number(el.dataset.index)];
  (f.fields || []).forEach(id => { const td = document.getElementById('cell-' + id); if (td) td.classList.add('hl'); });
  const mark = highlight(f.span_start, f.span_end);
  if (mark) mark.scrollIntoView({block: 'center'});
}
function showCell(td){
  clearMarks();
  td.classList.add('hl');
  const c = data.cells[td.dataset.field];
  const mark = c ? highlight(c.span_start, c.span_end) : null;
  if (mark) mark.scrollIntoView({block: 'center'});
}
document.querySelectorAll('.finding').forEach(el => el.addEventListener('click', ev => { if (!ev.target.closest('.verdict')) showFinding(el); }));
document.querySelectorAll('td.v').forEach(td => td.addEventListener('click', () => showCell(td)));
document.querySelectorAll('#text a.num').forEach(a => a.addEventListener('click', ev => {
  ev.preventDefault(); const td = document.getElementById('cell-' + a.dataset.field);
  if (td) { clearMarks(); td.classList.add('hl'); td.scrollIntoView({block: 'center'}); }
}));
const token = document.querySelector('meta[name=nianbao-token]');
// Keyboard review (live pages): j/k next/previous finding, c/d/o confirm/dismiss/reopen it, n next report with open findings.
const boxes = Array.from(document.querySelectorAll('.finding'));
function activeIndex(){ return boxes.findIndex(b => b.classList.contains('active')); }
document.addEventListener('keydown', ev => {
  if (ev.target.closest('textarea') || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const i = activeIndex();
  if (ev.key === 'j' && boxes.length) showFinding(boxes[Math.min(i + 1, boxes.length - 1)]);
  else if (ev.key === 'k' && boxes.length) showFinding(boxes[Math.max(i - 1, 0)]);
  else if (token && i >= 0 && 'cdo'.includes(ev.key)) {
    const status = {c: 'confirmed', d: 'dismissed', o: 'open'}[ev.key];
    boxes[i].querySelector(`button[data-status=${status}]`).click();
  } else if (token && ev.key === 'n') window.location = '/next';
});
document.querySelectorAll('.verdict button').forEach(btn => btn.addEventListener('click', async () => {
  const box = btn.closest('.finding');
  const response = await fetch('/verdict', {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Nianbao-Token': token.content},
    body: JSON.stringify({fingerprint: box.dataset.fingerprint, status: btn.dataset.status, note: box.querySelector('textarea').value})});
  const result = await response.json();
  box.querySelector('.status').textContent = result.ok ? result.label : ('未保存：' + result.error);
  box.querySelector('.status').className = 'status status-' + (result.ok ? btn.dataset.status : 'open');
}));
"""


def _json_for_script(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str).replace("</", "<\\/")


def _flagged_fields(findings: list[dict]) -> set[str]:
    return {f for x in findings if x["severity"] in ("error", "warning") and x["status"] != "dismissed" for f in x["fields"]}


def _value_td(field: str, cells: dict, flagged: set[str], colspan: int = 1, scan: dict | None = None) -> str:
    cell = cells.get(field)
    value = None if cell is None else cell["value"]
    classes = ["v"]
    if value is None:
        classes.append("blank")
        shown = escape(cell["raw"]) if cell is not None and cell["raw"] else "（空白）"
    else:
        shown = escape(_fmt(value))
    if field in flagged:
        classes.append("flagged")
    kind = provenance_kind(cell["extractor"]) if cell is not None and value is not None else None
    if kind in ("llm", "split"):
        classes.append(kind)
    said = f"（{PROVENANCE_KINDS[kind]}）" if kind in ("llm", "split", "both") else ""
    if cell and cell["alt_extractor"]:
        said += f"（另一读取器读为 {_fmt(cell['alt_value'])}）"
    title = escape(F.label(field) + said)
    if scan and field in scan["cells"]:
        classes.append("ocr")
        title += scan_view.cell_title(scan, field)
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    return f'<td{span} class="{" ".join(classes)}" id="cell-{escape(field)}" data-field="{escape(field)}" title="{title}">{shown}</td>'


def _fmt(value: Any) -> str:
    """A value as a person reads it: never "None" (a blank is 空白), a list joined with 、."""
    if value is None:
        return "空白"
    if isinstance(value, (list, tuple)):
        return "、".join(_fmt(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


READ_STATUS = {"ok": "读取成功", "failed": "读取失败"}
FORMAT_SHORT = {"2021": "2021年版", "2019": "2019年版"}


TABLE_TITLES = {"active": "主动公开政府信息情况", "applications": "收到和处理政府信息公开申请情况", "appeals": "政府信息公开行政复议、行政诉讼情况"}


def national_tables(template: str, value_td: Callable[[str, int], str]) -> str:
    """The three tables as the national format prints them, merged cells and all; `value_td`
    draws the cell of a field (given its colspan), so a report and a compiled table share the frame."""
    out = []
    for table, rows in layout.tables(template).items():
        out.append(f'<h2>{TABLE_TITLES[table]}</h2><table class="national">')
        for row in rows:
            slots = []
            for text, rowspan, colspan, field in row:
                if field:
                    slots.append(value_td(field, colspan))
                else:
                    spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
                    slots.append(f"<th{spans}>{escape(text)}</th>")
            out.append("<tr>" + "".join(slots) + "</tr>")
        out.append("</table>")
    return "\n".join(out)


def _tables(template: str, cells: dict, flagged: set[str], scan: dict | None = None) -> str:
    return national_tables(template, lambda field, colspan: _value_td(field, cells, flagged, colspan, scan))


def _text_with_numbers(text: str, cells: dict, flagged: set[str]) -> str:
    """The report text, escaped, with each extracted number a link to its cell."""
    spans = sorted((c["span_start"], c["span_end"], f) for f, c in cells.items() if c["span_start"] is not None and c["value"] is not None)
    out, pos = [], 0
    for start, end, field in spans:
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        cls = "num flagged" if field in flagged else "num"
        if provenance_kind(cells[field]["extractor"]) == "split":
            cls += " split"
        out.append(f'<a class="{cls}" href="#cell-{escape(field)}" data-field="{escape(field)}" title="{escape(F.label(field))}">{escape(text[start:end])}</a>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _finding_html(i: int, f: dict, live: bool) -> str:
    values = ""
    if f["expected"] is not None or f["actual"] is not None:
        values = f'<div class="vals">应为：{escape(_fmt(f["expected"]))}　印为：{escape(_fmt(f["actual"]))}</div>'
    note = f'<div class="note">备注：{escape(f["note"])}</div>' if f.get("note") else ""
    verdict = ""
    if live:
        verdict = (
            '<div class="verdict"><textarea placeholder="备注（可选）">' + escape(f.get("note") or "") + "</textarea>"
            '<button data-status="confirmed">确认</button><button data-status="dismissed">排除</button>'
            '<button data-status="open">重新待核</button></div>'
        )
    return (
        f'<div class="finding {escape(f["severity"])}" data-index="{i}" data-fingerprint="{escape(f["fingerprint"])}" id="{escape(f["fingerprint"])}">'
        f'<span class="badge {escape(f["severity"])}">{SEVERITY_NAMES.get(f["severity"], f["severity"])}</span>'
        f'<span class="rule">{escape(f["rule"])} · {escape(f["fingerprint"])}</span> '
        f'<span class="status status-{escape(f["status"])}">{STATUS_NAMES.get(f["status"], f["status"])}</span>'
        f'<div class="desc">{escape(f["description"])}</div><div class="msg">{escape(f["message"])}</div>{values}{note}{verdict}</div>'
    )


def render_report(data: dict[str, Any], token: str | None = None, back: str | None = None) -> str:
    """The page; with a token it is the live page of `nianbao serve` (verdict buttons)."""
    report, cells, findings = data["report"], data["cells"], data["findings"]
    flagged = _flagged_fields(findings)
    title = f"{report['organ'] or '（未识别机关）'} {report['year'] or ''} 年度报告核对"
    text = report["display_text"] or report["text"] or ""
    meta = (
        f"来源：{escape(report['source'])}　格式：{escape(FORMAT_SHORT.get(report['template'] or '', report['template'] or '未识别'))}"
        f"　状态：{escape(READ_STATUS.get(report['status'], report['status'] or ''))}"
        + (f"（{escape(chinese_reason(report['error']))}）" if report["error"] else "")
        + f"　错误 {report['n_errors'] or 0}，警告 {report['n_warnings'] or 0}，提示 {report['n_info'] or 0}"
    )
    nav = f'<a href="{escape(back)}" style="color:#fff">← 总览</a>　' if back else ""
    if token:
        nav += '<a href="/next" style="color:#fff">下一份待核报告 →</a>　（键盘：j/k 上下，c 确认，d 排除，o 重新待核，n 下一份）　'
    token_meta = f'<meta name="nianbao-token" content="{escape(token)}">' if token else ""
    payload = {"cells": {f: {"span_start": c["span_start"], "span_end": c["span_end"]} for f, c in cells.items()},
               "findings": [{"fields": f["fields"], "span_start": f["span_start"], "span_end": f["span_end"]} for f in findings]}
    scan = data.get("scan")
    tables = _tables(report["template"] or F.TEMPLATE_2021, cells, flagged, scan)
    if scan:  # a scanned report: the page image beside the tables
        payload["scan"] = {"cells": scan["cells"]}
        tables = f'<div class="scanwrap"><div class="tables">{tables}</div>{scan_view.panel(scan)}</div>'
    findings_html = "\n".join(_finding_html(i, f, token is not None) for i, f in enumerate(findings)) or "<p>没有发现问题。</p>"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
{token_meta}<title>{escape(title)}</title><style>{CSS}{scan_view.CSS if scan else ""}</style></head>
<body><header><h1>{escape(title)}</h1><div class="meta">{nav}{meta}</div></header>
<main>
<section id="findings"><h2>发现的问题（{len(findings)}）</h2>
<div class="legend">点击问题：定位原文并标出相关单元格。红色单元格为有待核问题的单元格；斜纹为空白；双下划线为模型读取的值；虚线下划线加✂为从连写数字中拆分推断的值（原文未分隔，请核对）。</div>
{findings_html}</section>
<section id="right">{tables}
<h2>原文（规范化后）</h2><div id="text">{_text_with_numbers(text, cells, flagged)}</div></section>
</main>
<script type="application/json" id="data">{_json_for_script(payload)}</script>
<script>{SCRIPT}{scan_view.SCRIPT if scan else ""}</script></body></html>
"""
