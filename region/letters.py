"""Rectification letters (整改通知): one DOCX per organ listing its confirmed findings, each
with the printed evidence (the quoted passage and the table cells), the rule and its basis,
in Chinese, ready to send."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import fields as F
from ..rules import RULES
from ..store import Store
from .scope import load_roster, reports_in_scope

CHINESE_ORDINALS = "一二三四五六七八九十"
QUOTE_WIDTH = 60  # characters of context either side of a finding's span


@dataclass
class Evidence:
    line: int | None  # line of the span in the report's normalized text
    quote: str | None  # the passage, the span itself in 【】
    cells: list[tuple[str, str, str]]  # (field id, label, printed)


@dataclass
class Item:
    fingerprint: str
    rule: str
    description: str
    basis: str
    message: str
    expected: Any
    actual: Any
    evidence: Evidence


@dataclass
class Letter:
    organ: str
    year: int
    report: dict[str, Any]
    sender: str | None
    items: list[Item] = field(default_factory=list)


def _ordinal(i: int) -> str:
    return CHINESE_ORDINALS[i] if i < 10 else str(i + 1)


def quote(text: str, start: int | None, end: int | None) -> tuple[int | None, str | None]:
    """(line, passage): the line(s) around the span, cut to a readable width, the span in 【】."""
    if start is None or end is None or not text:
        return None, None
    lo = max(text.rfind("\n", 0, start) + 1, start - QUOTE_WIDTH)
    hi_nl = text.find("\n", end)
    hi = min(hi_nl if hi_nl != -1 else len(text), end + QUOTE_WIDTH)
    passage = text[lo:start] + "【" + text[start:end] + "】" + text[end:hi]
    return text.count("\n", 0, start) + 1, re.sub(r"[ \t]+", " ", passage).strip()


def _printed(cell: dict[str, Any] | None) -> str:
    if cell is None:
        return "未找到该单元格"
    if cell["value"] is None:
        return f"空白（印为「{cell['raw']}」）" if cell["raw"] else "空白"
    value = cell["value"]
    shown = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return f"{shown}（印为「{cell['raw']}」）" if cell["raw"] and cell["raw"] != shown else shown


def gather(store: Store, year: int, top: str | None = None, status: str = "confirmed") -> list[Letter]:
    """The letters to write: one per organ with findings of `status` on its current report."""
    reports = reports_in_scope(store, year, top)
    parents = {o.name: o.parent for o in load_roster(store)}
    letters = []
    for report in sorted(reports, key=lambda r: r.get("roster_organ") or r["organ"] or r["source"]):
        rows = list(store.db.query(
            "SELECT * FROM findings WHERE report_id = ? AND status = ? ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, span_start",
            [report["id"], status]))
        if not rows:
            continue
        text = store.text_of(report["id"])
        title = store.conn.execute("SELECT title FROM reports WHERE id = ?", [report["id"]]).fetchone()[0]
        cells = {c["field"]: c for c in store.db.query("SELECT field, value, raw FROM cells WHERE report_id = ?", [report["id"]])}
        organ = report.get("roster_organ") or report["organ"] or report["source"]
        letter = Letter(organ, year, {**report, "title": title}, parents.get(organ))
        for row in rows:
            rule = RULES.get(row["rule"])
            line, passage = quote(text, row["span_start"], row["span_end"])
            fields = json.loads(row["fields"] or "[]")
            letter.items.append(Item(
                row["fingerprint"], row["rule"], rule.description if rule else "", rule.basis if rule else "", row["message"],
                json.loads(row["expected"] or "null"), json.loads(row["actual"] or "null"),
                Evidence(line, passage, [(f, F.label(f), _printed(cells.get(f))) for f in fields[:12]]),
            ))
        letters.append(letter)
    return letters


def file_name(letter: Letter) -> str:
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", letter.organ)
    return f"{safe}_{letter.year}年度报告整改通知.docx"


def _value_text(value: Any) -> str:
    if value is None:
        return "空白"
    if isinstance(value, list):
        return "、".join(_value_text(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_docx(letter: Letter, path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")  # Word picks a Chinese font for Chinese text
    style.font.size = Pt(12)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(f"关于{letter.organ}{letter.year}年度政府信息公开工作年度报告存在问题的整改通知")
    run.bold, run.font.size = True, Pt(16)
    document.add_paragraph(f"{letter.organ}：")
    report = letter.report
    name = f"《{report['title']}》" if report.get("title") else f"{letter.year}年度政府信息公开工作年度报告"
    document.add_paragraph(
        f"经核查，你单位发布的{name}（文件：{Path(report['source']).name}）存在以下{len(letter.items)}个问题。"
        "请逐项核实，按《中华人民共和国政府信息公开条例》和年度报告格式要求整改，并将整改后的年度报告重新公布。")
    for i, item in enumerate(letter.items):
        p = document.add_paragraph()
        p.add_run(f"{_ordinal(i)}、{item.description or item.rule}").bold = True
        document.add_paragraph(f"问题：{item.message}")
        if item.expected is not None or item.actual is not None:
            document.add_paragraph(f"应为：{_value_text(item.expected)}；报告中为：{_value_text(item.actual)}")
        if item.evidence.quote:
            document.add_paragraph(f"原文（第{item.evidence.line}行）：「{item.evidence.quote}」")
        if item.evidence.cells:
            table = document.add_table(rows=1, cols=2)
            table.style = "Table Grid"
            table.rows[0].cells[0].text, table.rows[0].cells[1].text = "表格单元格", "报告所印"
            for _, label, printed in item.evidence.cells:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, printed
        document.add_paragraph(f"核对规则：{item.rule}；依据：{item.basis or '年度报告格式'}（问题编号{item.fingerprint}）")
    document.add_paragraph("特此通知。")
    closing = document.add_paragraph(letter.sender or "（发文机关）")
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    dated = document.add_paragraph("    年  月  日")
    dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(path)
