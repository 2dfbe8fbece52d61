"""Building HTML, DOCX and PDF copies of a seed with the libraries themselves.

The tables are drawn in the national layout (merged cells as rowspan/colspan, Word merges,
reportlab SPANs) from the seed's hand-written golden values; the prose around them is the
seed's own text. A golden value of null is drawn as an empty cell.
"""

from __future__ import annotations

import html
import io

from conftest import expected_cells

from nianbao import fields as F
from nianbao.review import layout
from nianbao.extract.builtin import extract_builtin
from nianbao.extract.normalize import normalize
from nianbao.report import Report

Cell = tuple[str, int, int]  # text, rowspan, colspan
Spec = list[list[Cell]]


def spec(table: str, g: dict) -> Spec:
    """The table in the national layout (review/layout.py) with the golden values written in."""
    values = expected_cells(g)
    rows = layout.tables(g.get("template", F.TEMPLATE_2021))[table]
    def shown(text: str, field: str | None) -> str:
        if field is None:
            return text
        return "" if values[field] is None else str(values[field])

    return [[(shown(text, f), rs, cs) for text, rs, cs, f in row] for row in rows]


def pieces(seed_text: str, g: dict) -> list[tuple[str, object]]:
    """The seed as a sequence of ("text", str) and ("table", Spec), in reading order."""
    report = extract_builtin(Report(source="", sha256="", text=normalize(seed_text)))
    text = report.text
    out: list[tuple[str, object]] = []
    pos = 0
    for table, (start, end) in sorted(report.tables_found.items(), key=lambda kv: kv[1][0]):
        out.append(("text", text[pos:start]))
        out.append(("table", spec(table, g)))
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
def to_pdf(seed_text: str, g: dict, body_size: int = 9, cell_size: int = 6) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A3
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=body_size, leading=body_size * 1.45, wordWrap="CJK")
    small = ParagraphStyle("cell", fontName="STSong-Light", fontSize=cell_size, leading=cell_size * 1.35, wordWrap="CJK")
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
