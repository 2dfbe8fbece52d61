"""The built-in deterministic extractor: sections, metadata, the three tables, prose facts."""

from __future__ import annotations

from .. import fields as F
from ..report import Cell, Report
from .facts import read_facts
from .metadata import read_metadata
from .sections import find_sections, section_bounds
from .tables import detect_template, read_active, read_appeals, read_applications


def extract_builtin(report: Report) -> Report:
    """Fill `report` (whose `text` is already normalized) with everything the built-in reader finds."""
    text = report.text
    report.sections = find_sections(text)
    by_number = {s.number: s for s in report.sections}

    def bounds(number: int) -> tuple[int, int]:
        return section_bounds(report.sections, number, len(text))

    report.template = detect_template(text, bounds(2), bounds(3))
    for table, reader, number in (
        ("active", read_active, 2),
        ("applications", read_applications, 3),
        ("appeals", read_appeals, 4),
    ):
        start, end = bounds(number)
        read = reader(text, start, end, report.template)
        report.cells.update(read.cells)
        report.anchors.update(read.anchors)
        report.findings.extend(read.findings)
        if read.span:
            report.tables_found[table] = read.span
        if read.unsure:
            report.unsure_tables[table] = read.unsure
    for fid in F.fields_for(report.template):
        report.cells.setdefault(fid, Cell(field=fid, value=None, status="blank"))

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

