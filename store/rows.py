"""What the store writes for one report, worked out without the database.

A batch's workers call `report_rows` beside the reader, so the one writer only executes
statements: packing 200 cells to JSON, fingerprinting findings and pickling a Report of 200
Cell objects across processes cost the writer more than all its SQL. Only what needs the
database stays in `Store.save_rows`: the integer key, earlier versions, a person's verdicts.
"""

from __future__ import annotations

import json
import operator
import os
from dataclasses import dataclass, field, fields
from hashlib import sha1
from pathlib import Path
from typing import Any

from ..extract.llm.breaker import not_asked
from ..report import Finding, Report
from .encoding import one_shot
from .packing import pack_cells, pack_facts, pack_sections
from .text import pack_text

SEVERITIES = ("error", "warning", "info")


def report_key(report: Report) -> str:
    """What identifies 'the same report' across corrected versions of a file: organ + year."""
    if report.organ and report.year:
        # The organ without whitespace and without a closing 人民政府 or 政府 (as re.sub(r"\s+", "", ...) and
        # re.sub("(人民政府|政府)$", "", ...) did: \s is exactly str.isspace's whitespace, and once it is gone no
        # line break is left for `$` to match before). String methods: two regex calls were ~a µs of a report.
        organ = "".join(report.organ.split())
        if organ.endswith("政府"):
            organ = organ[:-4] if organ.endswith("人民政府") else organ[:-2]
        return f"{organ}|{report.year}"
    return Path(report.source).name


def absolute(path: str) -> str:
    """`os.path.abspath(path)`: a path already absolute and normal (no empty, "." or ".." part; nearly every
    batch's input) as it is, without normpath's walk over its parts in Python; any other by abspath."""
    if type(path) is str and path[:1] == "/" and path[-1:] != "/" and "//" not in path and "/." not in path and os.sep == "/":
        return path
    return os.path.abspath(path)


def fingerprint(key: str, finding: Finding, ordinal: int = 0) -> str:
    basis = "|".join([key, finding.rule, ",".join(sorted(finding.fields)), finding.key] + ([f"#{ordinal}"] if ordinal else []))
    return "F" + sha1(basis.encode()).hexdigest()[:10]


def fingerprints(key: str, findings: list[Finding]) -> list[str]:
    """One distinct fingerprint per finding. Rules give findings that share rule and fields a
    distinguishing `key` (stable across re-extraction, so verdicts follow the right finding); should
    two still collide, the later ones are numbered rather than silently dropped."""
    if not findings:
        return []
    # = fingerprint(key, f), written out: a report has a few findings, and the call was a third of the cost.
    # The report's key (Chinese: it made the whole basis a UTF-8 encode) is encoded once; the rest of each
    # basis, nearly always ASCII, then encodes as a copy. UTF-8 of a join is the join of the UTF-8s.
    head = (key + "|").encode()
    seen: set[str] = set()
    out = []
    for f in findings:
        rest = "|".join([f.rule, ",".join(sorted(f.fields)), f.key])
        try:
            fp = "F" + sha1(head + rest.encode()).hexdigest()[:10]
        except UnicodeEncodeError:  # a lone surrogate: raised as the whole basis raises it (same position)
            fp = fingerprint(key, f)
        ordinal = 0
        while fp in seen:
            ordinal += 1
            fp = fingerprint(key, f, ordinal)
        seen.add(fp)
        out.append(fp)
    return out


# json.dumps(x) and json.dumps(x, ensure_ascii=False), exactly: the second builds a new encoder per call otherwise,
# and either builds the C encoder per call (store/encoding.py).
_FIELDS = one_shot(json.JSONEncoder())
_VALUE = one_shot(json.JSONEncoder(ensure_ascii=False))


# A report has a few findings, each encoding its expected and actual value, nearly always an int or None:
# written directly here, as the encoder would (it costs ~0.9 µs a call to set up); tests check both agree.
def _value_json(value: Any) -> str:
    """`_VALUE(value)`: an int or None (nearly every finding's expected and actual) directly, anything else by the encoder."""
    if value is None:
        return "null"
    if type(value) is int:
        return int.__repr__(value)  # what the encoder writes for an int
    return _VALUE(value)


def finding_rows(key: str, findings: list[Finding]) -> list[tuple]:
    """Per finding: fingerprint, rule, severity, fields, message, expected, actual, span_start, span_end."""
    return [
        (fp, f.rule, f.severity, _FIELDS(f.fields), f.message, _value_json(f.expected), _value_json(f.actual), f.start, f.end)
        for f, fp in zip(findings, fingerprints(key, findings))
    ]


@dataclass
class ReportRows:
    """One report as the rows it becomes, plus the little a batch's progress and summary need
    (worked out in a worker process and passed to the writer: no Report crosses)."""

    sha256: str
    source: str
    source_path: str  # absolute: one current version per path
    status: str
    error: str | None
    key: str  # report_key
    # The `reports` row from `source` to `n_info`, in store.REPORT_COLUMNS order (see Store.save_rows).
    head: tuple
    seconds: float
    text: tuple | None  # texts: size, compressed blob, display size, display blob (store/text.py); None: no text
    data: tuple[str | None, str | None, str | None, str | None] | None  # report_data: layout, cells, sections, facts
    findings: list[tuple]  # finding_rows
    ocr: str | None = None
    page_images: list[tuple[int, bytes]] = field(default_factory=list)
    llm_calls: list[tuple] = field(default_factory=list)  # store.LLM_CALL_COLUMNS after report_id, seq, run_id
    counts: dict[str, int] = field(default_factory=dict)  # findings per severity
    timings: dict[str, float] = field(default_factory=dict)
    llm_made: int = 0  # calls that went to the provider
    llm_cache_hits: int = 0
    json_line: str | None = None  # the report's JSON (Report.to_json), when the batch prints JSON Lines
    llm_not_asked: bool = False  # the circuit breaker kept a part of this report from the model (extract/llm/breaker.py)

    def __reduce__(self) -> tuple:
        # Pickled by a worker and unpickled by the one writer, per report: as its values in field order,
        # without a dict of field names (unpickling 8.3 -> 6.3 µs in the writer, pickling 10.4 -> 9.5).
        return ReportRows, _values(self)


_values = operator.attrgetter(*(f.name for f in fields(ReportRows)))


def rows_values(rows: ReportRows) -> tuple:
    """`rows` as its values in field order: plain str, bytes, numbers, tuples, lists and dicts (what a batch's
    worker sends the writer with marshal, batch.py); `rows_from_values` turns them back."""
    return _values(rows)


def rows_from_values(values: tuple | list) -> ReportRows:
    return ReportRows(*values)


def report_rows(report: Report, json_line: bool = False, with_text: bool = False) -> ReportRows:
    """Everything `Store.save_rows` writes for `report`; `json_line` also renders its JSON for printing.

    `report` comes from pipeline.process_text, whose values were checked for plausibility there
    (refuse_implausible); `Store.save`, which takes a Report from anywhere, checks it first."""
    key = report_key(report)
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in report.findings:
        if f.severity in counts:
            counts[f.severity] += 1
    layout, cells = pack_cells(report.cells, report.template)
    sections, facts = pack_sections(report.sections), pack_facts(report.facts)
    ocr, calls = None, report.llm_calls
    if report.ocr_marks:  # a scanned input: where each value was read, and the pages to show it on
        ocr = json.dumps({"cells": report.ocr_sources(), "marks": report.ocr_marks})
    return ReportRows(
        sha256=report.sha256, source=report.source, source_path=absolute(report.source),
        status=report.status, error=report.error, key=key,
        head=(report.source, report.status, report.error, report.encoding, report.template, report.organ,
              report.region, report.year, report.published, report.title, key, report.kind,
              counts["error"], counts["warning"], counts["info"]),
        # Compressed here, in the worker: compressing is much of what storing a report costs.
        text=(*pack_text(report.text), *pack_text(report.display_text)) if report.text or report.display_text is not None else None,
        seconds=round(sum(report.timings.values()), 6),
        data=(layout, cells, sections, facts) if cells or sections or facts else None,
        findings=finding_rows(key, report.findings), ocr=ocr,
        page_images=sorted(report.page_images.items()) if report.ocr_marks else [],
        llm_calls=[(c.part, c.model, c.mode, c.prompt_version, c.attempt, c.prompt_tokens, c.completion_tokens,
                    c.latency_ms, int(c.cache_hit), int(c.ok), c.error) for c in calls],
        counts=counts, timings=dict(report.timings),
        llm_made=sum(1 for c in calls if not c.cache_hit) if calls else 0,
        llm_cache_hits=sum(1 for c in calls if c.cache_hit) if calls else 0,
        json_line=_VALUE(report.to_json(with_text)) if json_line else None,  # = json.dumps(..., ensure_ascii=False)
        llm_not_asked=not_asked(report),
    )

