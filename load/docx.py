"""Word documents: paragraphs and tables in document order, merged cells expanded."""

from __future__ import annotations

import io

from .grid import clean_cell, render_grid
from .limits import check_word_tables

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _table_text(table) -> str:
    rows, above = [], {}
    for tr in table.rows:
        row, previous = [], None
        for c, cell in enumerate(tr.cells):
            tc = cell._tc
            text = clean_cell(cell.text)
            if tc is previous:
                text = ""  # the rest of a horizontally merged cell
            elif above.get(c) is tc and any(ch.isdigit() for ch in text):
                text = ""  # a value merged downwards is printed once
            row.append(text)
            above[c], previous = tc, tc
        rows.append(row)
    return render_grid(rows)


def docx_to_text(data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    check_word_tables(document.element.body)
    out = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            out.append(Paragraph(child, document).text)
        elif child.tag == f"{W}tbl":
            out.append(_table_text(Table(child, document)))
    return "\n".join(out).strip() + "\n"
