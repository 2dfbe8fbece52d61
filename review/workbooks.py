"""Workbooks for the region office: the compiled tables with their drill-down, an organ's
trends with native Excel charts, and the rankings. Blank cells are empty, never "None"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import fields as F
from ..region.aggregate import Compiled
from . import layout
from .compiled import FORMAT_NAMES
from .page import TABLE_TITLES

BOLD_FILL = "F0F0F0"
BLANK = "空白"


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="999999")
    return {"border": Border(left=thin, right=thin, top=thin, bottom=thin), "head": PatternFill("solid", fgColor=BOLD_FILL),
            "bold": Font(bold=True), "wrap": Alignment(wrap_text=True, vertical="center", horizontal="center"),
            "link": Font(color="1F3A5F", underline="single"), "red": PatternFill("solid", fgColor="FFCDD2"),
            "blank": PatternFill("lightGray")}


def draw_layout(sheet, template: str, top: int, value_of, style: dict, link_of=None, flagged: set[str] = frozenset()) -> int:
    """The three tables in the national layout from row `top`; returns the next free row.

    `value_of(field)` gives what a value slot shows; `link_of(field)` an in-book hyperlink target.
    """
    row = top
    for table, rows in layout.tables(template).items():
        sheet.cell(row=row, column=1, value=TABLE_TITLES[table]).font = style["bold"]
        row += 1
        placed, height, width = layout.positions(rows)
        for r, c, (text, rowspan, colspan, fid) in placed:
            cell = sheet.cell(row=row + r, column=1 + c)
            if fid:
                value = value_of(fid)
                if link_of:
                    cell.hyperlink = link_of(fid)
                    cell.font = style["link"]
                # A blank is said in words: an empty cell would lose its link (and could be read as 0).
                cell.value = BLANK if value is None else value
                if value is None:
                    cell.fill = style["blank"]
                if fid in flagged:
                    cell.fill = style["red"]
            else:
                cell.value = text
                cell.fill = style["head"]
            cell.alignment = style["wrap"]
            for dr in range(rowspan):
                for dc in range(colspan):
                    sheet.cell(row=row + r + dr, column=1 + c + dc).border = style["border"]
            if rowspan > 1 or colspan > 1:
                sheet.merge_cells(start_row=row + r, start_column=1 + c, end_row=row + r + rowspan - 1, end_column=c + colspan)
        row += height + 1
    return row


def compiled_xlsx(compiled: list[Compiled], path: Path, scope: str) -> None:
    """A sheet per format in the national layout (each value links to its parts), 明细 (the parts,
    largest first) and 核对 (the compiled tables' arithmetic)."""
    from openpyxl import Workbook

    style = _styles()
    book = Workbook()
    detail_rows: list[list[Any]] = [["格式", "字段", "名称", "机关", "数值", "说明", "报告编号", "文件"]]
    first_row: dict[tuple[str, str], int] = {}
    for c in compiled:
        for fid in F.fields_for(c.template):
            first_row[(c.template, fid)] = len(detail_rows) + 1
            for p in c.parts[fid]:
                detail_rows.append([c.template, fid, F.label(fid), p.organ or p.source, p.value,
                                    "空白" if p.value is None else "", p.report_id, p.source])
    sheet = book.active
    for i, c in enumerate(compiled):
        if i:
            sheet = book.create_sheet()
        sheet.title = f"汇总{c.template}" if len(compiled) > 1 else "汇总"
        sheet.cell(row=1, column=1, value=f"{scope} {c.year}年度政府信息公开工作年度报告汇总表 · {FORMAT_NAMES.get(c.template, c.template)} · {len(c.reports)}份报告").font = style["bold"]
        sheet.cell(row=2, column=1, value="每格为各报告该项之和（全部空白则空白，不计为0）；点击数值查看构成（明细表，从大到小）。")
        flagged = {f for finding in c.findings for f in finding.fields}
        draw_layout(sheet, c.template, 4, lambda fid, c=c: c.sums[fid], style,
                    link_of=lambda fid, c=c: f"#明细!A{first_row[(c.template, fid)]}", flagged=flagged)
        sheet.column_dimensions["A"].width = 18
        sheet.column_dimensions["C"].width = 30
    detail = book.create_sheet("明细")
    for r in detail_rows:
        detail.append(r)
    for cell in detail[1]:
        cell.font = style["bold"]
    detail.freeze_panes = "A2"
    checks = book.create_sheet("核对")
    checks.append(["格式", "规则", "字段", "说明", "应为", "汇总表为"])
    for c in compiled:
        for f in c.findings:
            checks.append([c.template, f.rule, "、".join(f.fields), f.message, f.expected, f.actual])
    if checks.max_row == 1:
        checks.append(["", "", "", "汇总表各项勾稽关系相符", "", ""])
    book.save(path)
