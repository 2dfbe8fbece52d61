"""Building HTML, DOCX and PDF copies of a seed with the libraries themselves.

The tables are drawn in the national layout (merged cells as rowspan/colspan, Word merges,
reportlab SPANs) from the seed's hand-written golden values; the prose around them is the
seed's own text. A golden value of null is drawn as an empty cell.
"""

from __future__ import annotations

import html
import io

from nianbao import fields as F
from nianbao.extract.builtin import extract_builtin
from nianbao.extract.normalize import normalize
from nianbao.report import Report

Cell = tuple[str, int, int]  # text, rowspan, colspan
Spec = list[list[Cell]]


def _v(value) -> str:
    return "" if value is None else str(value)


def c(text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    return (text, rowspan, colspan)


def active_spec(g: dict) -> Spec:
    a = g["active"]
    one = lambda label, value: [c(label), c(_v(value), 1, 3)]  # noqa: E731
    return [
        [c("第二十条第（一）项", 1, 4)],
        [c("信息内容"), c("本年制发件数"), c("本年废止件数"), c("现行有效件数")],
        [c("规章")] + [c(_v(v)) for v in a["regulations"]],
        [c("行政规范性文件")] + [c(_v(v)) for v in a["normative_docs"]],
        [c("第二十条第（五）项", 1, 4)],
        [c("信息内容"), c("本年处理决定数量", 1, 3)],
        one("行政许可", a["licensing"]),
        [c("第二十条第（六）项", 1, 4)],
        [c("信息内容"), c("本年处理决定数量", 1, 3)],
        one("行政处罚", a["punishment"]),
        one("行政强制", a["coercion"]),
        [c("第二十条第（八）项", 1, 4)],
        [c("信息内容"), c("本年收费金额（单位：万元）", 1, 3)],
        one("行政事业性收费", a["fees"]),
    ]


GROUPS = [("（三）不予公开", 8), ("（四）无法提供", 3), ("（五）不予处理", 5), ("（六）其他处理", 3)]


def applications_spec(g: dict) -> Spec:
    values = g["applications"]
    labels = dict(F.APPLICATION_ROWS_2021)
    full = {
        "partly_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "other.overdue_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other.overdue_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    }
    vals = lambda row: [c(_v(v)) for v in values[row]]  # noqa: E731
    spec: Spec = [
        [c("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), c("申请人情况", 1, 7)],
        [c("自然人", 2), c("法人或其他组织", 1, 5), c("总计", 2)],
        [c("商业企业"), c("科研机构"), c("社会公益组织"), c("法律服务机构"), c("其他")],
        [c(labels["new"], 1, 3)] + vals("new"),
        [c(labels["carried_over"], 1, 3)] + vals("carried_over"),
        [c("三、本年度办理结果", 22), c("（一）予以公开", 1, 2)] + vals("granted"),
        [c(full["partly_granted"], 1, 2)] + vals("partly_granted"),
    ]
    rows = F.APPLICATION_ROW_IDS_2021[4:23]
    i = 0
    for group, size in GROUPS:
        for k in range(size):
            row = rows[i]
            label = full.get(row) or labels[row].split("）", 1)[-1]
            spec.append(([c(group, size)] if k == 0 else []) + [c(label)] + vals(row))
            i += 1
    spec.append([c("（七）总计", 1, 2)] + vals("total"))
    spec.append([c(labels["carried_forward"], 1, 3)] + vals("carried_forward"))
    return spec


def appeals_spec(g: dict) -> Spec:
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    values = [c(_v(v)) for group in F.APPEAL_GROUPS for v in g["appeals"][group]]
    return [
        [c("行政复议", 1, 5), c("行政诉讼", 1, 10)],
        [c(h, 2) for h in heads] + [c("未经复议直接起诉", 1, 5), c("复议后起诉", 1, 5)],
        [c(h) for h in heads] + [c(h) for h in heads],
        values,
    ]


SPECS = {"active": active_spec, "applications": applications_spec, "appeals": appeals_spec}


def pieces(seed_text: str, g: dict) -> list[tuple[str, object]]:
    """The seed as a sequence of ("text", str) and ("table", Spec), in reading order."""
    report = extract_builtin(Report(source="", sha256="", text=normalize(seed_text)))
    text = report.text
    out: list[tuple[str, object]] = []
    pos = 0
    for table, (start, end) in sorted(report.tables_found.items(), key=lambda kv: kv[1][0]):
        out.append(("text", text[pos:start]))
        out.append(("table", SPECS[table](g)))
        pos = end
    out.append(("text", text[pos:]))
    return out


# --- HTML ----------------------------------------------------------------------------------
def table_html(spec: Spec) -> str:
    rows = []
    for row in spec:
        tds = "".join(
            f'<td{f" rowspan={r}" if r > 1 else ""}{f" colspan={k}" if k > 1 else ""}>{html.escape(t) if t else "&nbsp;"}</td>'
            for t, r, k in row
        )
        rows.append(f"<tr>{tds}</tr>")
    return "<table border=1>" + "".join(rows) + "</table>"


def to_html(seed_text: str, g: dict, wrap=lambda body: f"<html><body>{body}</body></html>") -> str:
    body = []
    for kind, content in pieces(seed_text, g):
        if kind == "table":
            body.append(table_html(content))
        else:
            body.extend(f"<p>{html.escape(line)}</p>" for line in str(content).split("\n") if line.strip())
    return wrap("\n".join(body))


# --- DOCX ----------------------------------------------------------------------------------
def _positions(spec: Spec) -> tuple[list[tuple[int, int, Cell]], int, int]:
    taken, placed, width = set(), [], 0
    for r, row in enumerate(spec):
        col = 0
        for cell in row:
            while (r, col) in taken:
                col += 1
            _, rs, cs = cell
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, col + dc))
            placed.append((r, col, cell))
            col += cs
            width = max(width, col)
    return placed, len(spec), width


def to_docx(seed_text: str, g: dict) -> bytes:
    import docx

    document = docx.Document()
    for kind, content in pieces(seed_text, g):
        if kind == "text":
            for line in str(content).split("\n"):
                if line.strip():
                    document.add_paragraph(line)
            continue
        placed, height, width = _positions(content)
        table = document.add_table(rows=height, cols=width)
        for r, col, (text, rs, cs) in placed:
            cell = table.cell(r, col)
            if rs > 1 or cs > 1:
                cell = cell.merge(table.cell(r + rs - 1, col + cs - 1))
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF -----------------------------------------------------------------------------------
def to_pdf(seed_text: str, g: dict, body_size: int = 9) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A3
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=body_size, leading=body_size * 1.45, wordWrap="CJK")
    small = ParagraphStyle("cell", fontName="STSong-Light", fontSize=6, leading=8, wordWrap="CJK")
    story = []
    for kind, content in pieces(seed_text, g):
        if kind == "text":
            story.extend(Paragraph(html.escape(line), body) for line in str(content).split("\n") if line.strip())
            continue
        placed, height, width = _positions(content)
        grid = [["" for _ in range(width)] for _ in range(height)]
        style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        for r, col, (text, rs, cs) in placed:
            grid[r][col] = Paragraph(html.escape(text), small) if text else ""
            if rs > 1 or cs > 1:
                style.append(("SPAN", (col, r), (col + cs - 1, r + rs - 1)))
        widths = {4: [150, 90, 90, 90], 10: [60, 60, 250] + [50] * 7, 15: [50] * 15}[width]
        story.append(Table(grid, colWidths=widths, style=TableStyle(style)))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A3, leftMargin=30, rightMargin=30).build(story)
    return buffer.getvalue()
