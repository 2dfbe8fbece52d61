"""Exports an office can send on: a workbook, CSV files, JSON.

Cells are wide (one row per report, one column per field, the Chinese label in the
header and the field id under it); findings are long, with their status and notes.
Cells involved in an open or confirmed error/warning are coloured in the workbook; a value
not read plainly by the built-in reader (cut from glued digits, read by the model) is shaded
and commented, and listed with its kind in provenance.csv and the JSON's "provenance".
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from .. import fields as F
from ..report import PROVENANCE_KINDS, provenance_kind
from ..store import Store
from .reasons import chinese_reason

REPORT_COLUMNS = [("id", "报告编号"), ("source", "文件"), ("organ", "机关"), ("region", "上级地区"), ("year", "年度"),
                  ("template", "格式"), ("status", "读取状态"), ("error", "失败原因"), ("published", "落款日期")]
FINDING_COLUMNS = [("fingerprint", "编号"), ("organ", "机关"), ("year", "年度"), ("source", "文件"), ("rule", "规则"),
                   ("severity", "级别"), ("fields", "字段"), ("message", "说明"), ("expected", "应为"), ("actual", "印为"),
                   ("status", "核对结果"), ("note", "备注"), ("reviewed_at", "核对时间")]


INFERRED_FILLS = {"split": "B2DFDB", "llm": "E1BEE7"}  # teal: cut from glued digits; purple: the model's reading


def _fields(store: Store) -> list[str]:
    templates = {r["template"] for r in store.db.query("SELECT DISTINCT template FROM reports WHERE template IS NOT NULL")}
    out = list(F.FIELDS_2021)
    if F.TEMPLATE_2019 in templates:
        out += [f for f in F.FIELDS_2019 if f not in F.FIELDS_2021]
    return out


def gather(store: Store) -> tuple[list[str], list[dict[str, Any]], list[dict[str, Any]]]:
    """(field ids, one dict per report with its cells and flagged fields, findings)."""
    fields = _fields(store)
    reports = {r["id"]: {**r, "cells": {}, "flagged": set(), "provenance": {}} for r in store.db.query(
        f"SELECT {', '.join(c for c, _ in REPORT_COLUMNS)} FROM reports WHERE current = 1 ORDER BY organ, year, source")}
    for row in store.db.query("SELECT report_id, field, value, extractor FROM cells"):
        if row["report_id"] in reports:
            reports[row["report_id"]]["cells"][row["field"]] = row["value"]
            kind = provenance_kind(row["extractor"])
            if kind != "builtin" and row["value"] is not None:  # the plain case goes unsaid
                reports[row["report_id"]]["provenance"][row["field"]] = kind
    findings = list(store.db.query(
        "SELECT f.*, r.organ, r.year, r.source FROM findings f JOIN reports r ON r.id = f.report_id ORDER BY r.organ, r.year, f.rule"))
    for f in findings:
        if f["severity"] in ("error", "warning") and f["status"] != "dismissed":
            reports[f["report_id"]]["flagged"].update(json.loads(f["fields"] or "[]"))
    return fields, list(reports.values()), findings


def to_xlsx(store: Store, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    fields, reports, findings = gather(store)
    red = PatternFill("solid", fgColor="FFCDD2")
    bold = Font(bold=True)
    book = Workbook()
    sheet = book.active
    sheet.title = "单元格"
    sheet.append([label for _, label in REPORT_COLUMNS] + [F.label(f) for f in fields])
    sheet.append([c for c, _ in REPORT_COLUMNS] + fields)
    for cell in sheet[1]:
        cell.font = bold
    for r in reports:
        sheet.append([_shown(c, r[c]) for c, _ in REPORT_COLUMNS] + [r["cells"].get(f) for f in fields])
        row = sheet.max_row
        for i, f in enumerate(fields, start=len(REPORT_COLUMNS) + 1):
            kind = r["provenance"].get(f)
            if kind:
                sheet.cell(row=row, column=i).comment = Comment(PROVENANCE_KINDS[kind], "nianbao")
            if f in r["flagged"]:
                sheet.cell(row=row, column=i).fill = red
            elif kind in INFERRED_FILLS:
                sheet.cell(row=row, column=i).fill = PatternFill("solid", fgColor=INFERRED_FILLS[kind])
    sheet.freeze_panes = sheet.cell(row=3, column=len(REPORT_COLUMNS) + 1)
    sheet2 = book.create_sheet("问题")
    sheet2.append([label for _, label in FINDING_COLUMNS])
    for cell in sheet2[1]:
        cell.font = bold
    for f in findings:
        sheet2.append([_plain(f[c]) for c, _ in FINDING_COLUMNS])
        if f["severity"] == "error" and f["status"] != "dismissed":
            sheet2.cell(row=sheet2.max_row, column=6).fill = red
    book.save(path)


def _shown(column: str, value: Any) -> Any:
    """A report column as a person reads it in the workbook: the failure reason in Chinese."""
    return chinese_reason(value) if column == "error" else value


def _plain(value: Any) -> Any:
    """JSON text of a list or value as a reader expects it in a cell: a list joined with 、, a blank
    in it as 空白, JSON null as an empty cell (never "None" or "null")."""
    if isinstance(value, str) and (value[:1] in ("[", '"') or value == "null"):
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        if isinstance(decoded, list):
            return "、".join("空白" if v is None else str(v) for v in decoded)
        return decoded
    return value


def to_csv(store: Store, folder: Path) -> None:
    fields, reports, findings = gather(store)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "cells.csv").open("w", newline="", encoding="utf-8-sig") as fh:  # BOM: Excel opens it as UTF-8
        writer = csv.writer(fh)
        writer.writerow([c for c, _ in REPORT_COLUMNS] + fields)
        writer.writerow([label for _, label in REPORT_COLUMNS] + [F.label(f) for f in fields])
        for r in reports:
            writer.writerow([r[c] for c, _ in REPORT_COLUMNS] + [r["cells"].get(f) for f in fields])
    with (folder / "provenance.csv").open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "organ", "year", "field", "label", "value", "kind", "读取方式"])
        for r in reports:
            for f, kind in r["provenance"].items():
                writer.writerow([r["id"], r["organ"], r["year"], f, F.label(f), r["cells"].get(f), kind, PROVENANCE_KINDS[kind]])
    with (folder / "findings.csv").open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow([c for c, _ in FINDING_COLUMNS])
        for f in findings:
            writer.writerow([_plain(f[c]) for c, _ in FINDING_COLUMNS])


def to_json(store: Store, path: Path) -> None:
    fields, reports, findings = gather(store)
    by_report: dict[str, list] = {}
    for f in findings:
        by_report.setdefault(f["report_id"], []).append({c: _plain(f[c]) for c, _ in FINDING_COLUMNS})
    out = [
        {**{c: r[c] for c, _ in REPORT_COLUMNS}, "cells": {f: r["cells"].get(f) for f in fields if f in r["cells"]},
         "provenance": r["provenance"], "findings": by_report.get(r["id"], [])}
        for r in reports
    ]
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
