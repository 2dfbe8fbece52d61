"""The built-in deterministic extractor: sections, metadata, the three tables, prose facts."""

from __future__ import annotations

from .. import fields as F
from ..report import Cell, Report
from .facts import read_facts
from .metadata import read_metadata
from .sections import find_sections, section_bounds
from .grid_reader import read_table
from .table_read import TableRead
from .tables import detect_template, read_active, read_appeals, read_applications


GRID_KINDS = {"html", "docx", "pdf", "ocr", "image"}  # loaders whose tables reach the text as grids (load/grid.py)


def extract_builtin(report: Report) -> Report:
    """Fill `report` (whose `text` is already normalized) with everything the built-in reader finds."""
    text = report.text
    report.sections = find_sections(text)
    by_number = {s.number: s for s in report.sections}

    def bounds(number: int) -> tuple[int, int]:
        return section_bounds(report.sections, number, len(text))

    report.template = detect_template(text, bounds(2), bounds(3))
    from_grids = report.kind in GRID_KINDS
    had_cells = bool(report.cells)
    for table, reader, number in (
        ("active", read_active, 2),
        ("applications", read_applications, 3),
        ("appeals", read_appeals, 4),
    ):
        start, end = bounds(number)
        # The text readers put their cells and anchors straight into the report's (tables.read_active).
        into = TableRead(cells=report.cells, anchors=report.anchors)
        # A loader's grid keeps each cell at its column: read it by header. Text rows have no such geometry.
        read = (read_table(text, start, end, table, report.template) if from_grids else None) or reader(
            text, start, end, report.template, into
        )
        if read is not into:
            report.cells.update(read.cells)
            report.anchors.update(read.anchors)
        report.findings.extend(read.findings)
        if read.span:
            report.tables_found[table] = read.span
        if read.unsure:
            report.unsure_tables[table] = read.unsure
    cells = report.cells
    fields = F.fields_for(report.template)
    # Most reports print every row. The text readers put the template's own fields only (their layouts
    # come from fields.py): then, into a report that had no cells, as many cells as the template has
    # fields are all of them (the set comparison below walks 200 keys: ~4 µs a report).
    every_field = not from_grids and not had_cells and len(cells) == len(F.FIELD_SETS[report.template])
    if not every_field and not cells.keys() >= F.FIELD_SETS[report.template]:
        for fid in fields:
            if fid not in cells:  # (setdefault would build a Cell for each of the 200 fields)
                cells[fid] = Cell(field=fid, value=None, status="blank")

    s1, s6 = by_number.get(1), by_number.get(6)
    meta = read_metadata(text, s1.start if s1 else None, s6.start if s6 else None)
    report.title, report.title_span = meta.title, meta.title_span
    report.organ, report.region, report.year = meta.organ, meta.region, meta.year
    report.year_sources, report.published = meta.year_sources, meta.published
    report.published_span = meta.published_span
    s3, s4 = by_number.get(3), by_number.get(4)
    report.facts = read_facts(text, list(report.tables_found.values()), s1.end if s1 else None,
                              (s3.start, s3.end) if s3 else None, (s4.start, s4.end) if s4 else None)
    return report

