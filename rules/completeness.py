"""Completeness: every section, every table, every cell present and readable."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby

from .. import fields as F
from ..extract.sections import SECTION_TITLES
from ..report import Finding, Report
from . import declare, rule
from .common import names
from .reading import reading

BASIS = "国办公开办函〔2021〕30号：年度报告须包含六部分内容和三张统计表"
TABLE_NAMES = {"active": "主动公开政府信息情况表", "applications": "收到和处理政府信息公开申请情况表", "appeals": "政府信息公开行政复议、行政诉讼情况表"}
CHINESE_NUMBERS = "一二三四五六"

declare("table.row_alignment", "error", "表格某行的数值无法定位到列（个数与列数不符、印在表头之外的列、或一格多个数值），该行留空", "内置读取器")
declare("table.column_unmapped", "error", "表格某列的表头无法对应到格式规定的列，该列各格留空", "内置读取器：按表头读表")
declare("table.row_shifted", "info", "表格某行的数值整体偏离表头若干列（各列均有数值），已按表头顺序平移读取", "内置读取器：按表头读表")
declare("table.row_unmatched", "warning", "表格中印有数值的一行，行名对应不上格式规定的任何一行，未读取", "内置读取器：按表头读表")
declare("table.digits_split", "info", "一行数字连写（原文无分隔），已按数字位数或表格合计关系拆分出唯一读法（推断值，已标注）", "内置读取器：连写数字拆分")
declare("table.digits_glued", "error", "一行数字连写，没有或有多种拆法符合表格结构，或数字串过长未拆分；该行留空并列出候选读法", "内置读取器：连写数字拆分")
declare("extractors_disagree", "warning", "内置读取器与模型读法不同：两种读法都保留，存使全表合计成立的一方的值；无从判断时为错误，暂存内置读取器的值", "双读取器交叉核对")
declare("llm.filled", "warning", "内置读取器无法确定的行（缺失、位置不明、连写数字无法拆分）由模型整行读取，请核对", "双读取器交叉核对")
declare("llm.failed", "warning", "模型未能完成某部分的读取（超时、限流、答案不合格式），保留内置读取器的结果", "模型调用")
declare("llm.ungrounded", "warning", "模型给出的正文数字在原文中找不到引文或引文中无此数字，未采信", "引文核对（grounding）")
declare("llm.region_too_long", "warning", "某部分原文超过单次调用上限，未交给模型（不截断）", "模型调用")


@rule("completeness.section_missing", "warning", "缺少规定的六部分之一", BASIS)
def section_missing(report: Report) -> Iterable[Finding]:
    present = {s.number for s in report.sections}
    if present.issuperset(SECTION_TITLES):  # every section found (most reports): told in one C step
        return ()
    return [Finding("", "", [], f"未找到第{CHINESE_NUMBERS[number - 1]}部分「{title}」", expected=title, key=f"section{number}")
            for number, title in SECTION_TITLES.items() if number not in present]


@rule("completeness.table_missing", "error", "缺少规定的三张统计表之一", BASIS)
def table_missing(report: Report) -> Iterable[Finding]:
    if report.tables_found.keys() >= TABLE_NAMES.keys():  # all three found (most reports)
        return ()
    return _tables_missing(report)


def _tables_missing(report: Report) -> Iterator[Finding]:
    for table, name in TABLE_NAMES.items():
        if table not in report.tables_found:
            fields = [f for f in F.fields_for(report.template or F.TEMPLATE_2021) if F.table_of(f) == table]
            yield Finding("", "", fields[:1], f"未找到「{name}」", expected=name)


def _row_of(field_id: str) -> str:
    return field_id.rsplit(".", 1)[0] if F.table_of(field_id) != "active" else field_id.split(".")[1]


def _cells_with(report: Report, status: str) -> Iterator[list[str]]:
    """Cells of found tables with a status, grouped by row (one finding per row)."""
    cells = [  # among the few cells not "ok", read once for both rules
        fid for fid, cell in reading(report).unusual
        if cell.status == status and F.table_of(fid) in report.tables_found
    ]
    for _, group in groupby(cells, key=_row_of):
        yield list(group)


@rule("completeness.cell_blank", "warning", "表格单元格空白（空白不等于0）", BASIS + "；DOMAIN.md：空白本身即为问题")
def cell_blank(report: Report) -> Iterable[Finding]:
    return _blanks(report) if reading(report).unusual else ()  # most reports: every cell "ok"


def _blanks(report: Report) -> Iterator[Finding]:
    for fields in _cells_with(report, "blank"):
        # A blank prints nothing: point at its row's label, or at the table when the row itself is missing.
        table_start = report.tables_found[F.table_of(fields[0])][0]
        start, end = report.anchors.get(fields[0], (table_start, table_start))
        yield Finding("", "", fields, f"{names(fields)}未填写（空白），空白不等于0", expected="数字", actual=None, start=start, end=end)


@rule("completeness.cell_unreadable", "error", "表格单元格印有非数字内容", BASIS)
def cell_unreadable(report: Report) -> Iterable[Finding]:
    return _unreadable(report) if reading(report).unusual else ()  # most reports: every cell "ok"


def _unreadable(report: Report) -> Iterator[Finding]:
    for fields in _cells_with(report, "unreadable"):
        for fid in fields:
            cell = report.cells[fid]
            yield Finding(
                "", "", [fid], f"「{F.label(fid)}」印为「{cell.raw}」，{'是百分比，不是件数' if (cell.raw or '').endswith('%') else '不是数字'}",
                expected="数字", actual=cell.raw, start=cell.start, end=cell.end,
            )
