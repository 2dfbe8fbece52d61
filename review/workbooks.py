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
            for p in c.parts(fid):
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


def trend_xlsx(trend, path: Path) -> None:
    """A sheet per table: the chart's series and a native Excel line chart, then every field year by year."""
    from openpyxl import Workbook
    from openpyxl.chart import LineChart, Reference

    from ..region.trends import NOT_IN_FORMAT

    style = _styles()
    book = Workbook()
    book.remove(book.active)
    years = [f"{y}年" for y in trend.years]
    for table, title in TABLE_TITLES.items():
        sheet = book.create_sheet(title[:31])
        sheet.append([f"{trend.organ} · {title}"])
        sheet["A1"].font = style["bold"]
        sheet.append(["图表", "系列"] + years)
        series = trend.series(table)
        for name, values in series:
            sheet.append(["", name] + values)
        chart = LineChart()
        chart.title = title
        chart.height, chart.width = 7, 14
        chart.add_data(Reference(sheet, min_col=2, max_col=2 + len(years), min_row=3, max_row=2 + len(series)), from_rows=True, titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=3, max_col=2 + len(years), min_row=2, max_row=2))
        start = 4 + len(series)
        sheet.add_chart(chart, f"{chr(ord('C') + len(years) + 1)}2")
        sheet.cell(row=start, column=1, value="字段").font = style["bold"]
        sheet.cell(row=start, column=2, value="名称").font = style["bold"]
        for i, y in enumerate(years):
            sheet.cell(row=start, column=3 + i, value=y).font = style["bold"]
        for fid in trend.fields():
            if F.table_of(fid) != table:
                continue
            shown = []
            for year in trend.years:
                value = trend.value(fid, year)
                shown.append("该年格式无此项" if value == NOT_IN_FORMAT else value)  # a blank stays an empty cell
            sheet.append([fid, F.label(fid)] + shown)
        sheet.column_dimensions["A"].width = 34
        sheet.column_dimensions["B"].width = 40
    book.save(path)


def rankings_xlsx(rankings, path: Path, year: int, scope: str) -> None:
    """A sheet per indicator: its formula on top, then rank (ties marked), organ, value, numerator, denominator."""
    from openpyxl import Workbook

    from .rankings_page import rank_text

    style = _styles()
    book = Workbook()
    book.remove(book.active)
    for r in rankings:
        i = r.indicator
        sheet = book.create_sheet(i.name[:31].replace("「", "").replace("」", ""))
        sheet.append([f"{scope} {year}年度 · {i.name}"])
        sheet["A1"].font = style["bold"]
        sheet.append([f"计算方法：{i.formula}；从高到低，数值相同者并列；有空白项或分母为0者不排名。"])
        sheet.append(["名次", "机关", "数值", "分子"] + (["分母"] if i.share else []) + ["报告编号"])
        for cell in sheet[3]:
            cell.font = style["bold"]
        for e in r.entries:
            value = e.shown(i.share) if e.value is None else (float(e.value) if i.share else e.numerator)
            row = [rank_text(e.rank, e.tied) if e.rank is None or e.tied else e.rank, e.organ, value,
                   "空白" if e.numerator is None else e.numerator]
            if i.share:
                row.append("空白" if e.denominator is None else e.denominator)
            sheet.append(row + [e.report_id])
            if i.share and e.value is not None:
                sheet.cell(row=sheet.max_row, column=3).number_format = "0.0%"
        sheet.column_dimensions["B"].width = 28
    book.save(path)
