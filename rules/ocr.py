"""Values read from scanned pages that a person must check against the paper.

OCR can misread a digit and be sure of it; it is the worst kind of error, a wrong number that
looks printed. So a value read by OCR is flagged when the recognizer was unsure of a digit,
when a seal lies over it, or when the table's own arithmetic fails and reading one of its
digits as its look-alike (0/6/8/9, 1/7) would make the sum hold. The value is never changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from ..fields import label
from ..report import Finding, Report
from . import RULES, arithmetic, rule
from .common import fmt

BASIS = "扫描件识别（OCR）"
UNSURE_BELOW = 0.9  # a digit read with a lower probability than this is checked by a person
LOOK_ALIKE = {"0": "689", "6": "089", "8": "069", "9": "068", "1": "7", "7": "1"}


@rule("ocr.unsure", "warning", "扫描件中识别把握不足的数字，请对照原件核对", BASIS)
def unsure(report: Report) -> Iterable[Finding]:
    return _unsure(report) if report.ocr_marks else ()  # most reports: nothing read by OCR, no source to judge


def _unsure(report: Report) -> Iterator[Finding]:
    for fid, source in report.ocr_sources().items():
        cell = report.cells[fid]
        if cell.value is not None and source["digit_confidence"] < UNSURE_BELOW:
            yield Finding(
                rule="", severity="", fields=[fid],
                message=(f"「{label(fid)}」从扫描件第{source['page']}页识别为{fmt(cell.value)}，"
                         f"数字识别置信度仅{source['digit_confidence']:.2f}，请对照原件核对"),
                actual=cell.value, start=cell.start, end=cell.end,
            )


@rule("ocr.stamped", "warning", "扫描件中印章压住的数字，请对照原件核对", BASIS)
def stamped(report: Report) -> Iterable[Finding]:
    return _stamped(report) if report.ocr_marks else ()  # most reports: nothing read by OCR, no source to judge


def _stamped(report: Report) -> Iterator[Finding]:
    for fid, source in report.ocr_sources().items():
        cell = report.cells[fid]
        if source["stamped"] and cell.status != "blank":
            yield Finding(
                rule="", severity="", fields=[fid],
                message=f"「{label(fid)}」在扫描件第{source['page']}页被印章压住，识别为{fmt(cell.value)}，请对照原件核对",
                actual=cell.value, start=cell.start, end=cell.end,
            )


@rule("ocr.look_alike", "warning", "表内合计不符，而把扫描件中某个数字读作形近数字（0/6/8/9、1/7）即相符：可能是识别错误", BASIS)
def look_alike(report: Report) -> Iterable[Finding]:
    return _look_alike(report) if report.ocr_marks else ()  # most reports: nothing read by OCR, no source to judge


def _look_alike(report: Report) -> Iterator[Finding]:
    sources = report.ocr_sources()
    if not sources:
        return
    sums = [r for r in RULES.values() if r.check is not None and r.check.__module__ == arithmetic.__name__]
    for r in sums:
        for failed in r.check(report):
            for fid in failed.fields:
                for reading in _readings(report, fid) if fid in sources else ():
                    trial = replace(report, cells={**report.cells, fid: replace(report.cells[fid], value=reading)})
                    if not any(f.fields == failed.fields for f in r.check(trial)):
                        cell = report.cells[fid]
                        yield Finding(
                            rule="", severity="", fields=[fid],
                            message=(f"「{label(fid)}」从扫描件识别为{fmt(cell.value)}，{failed.message}；"
                                     f"若此格实为{fmt(reading)}则相符，请对照原件核对"),
                            expected=reading, actual=cell.value, start=cell.start, end=cell.end, key=f"{r.id}:{fmt(reading)}",
                        )


def _readings(report: Report, fid: str) -> list[int]:
    """The integers the printed digits could be with one look-alike digit changed."""
    value = report.cells[fid].value
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        return []
    digits = str(value)
    out = []
    for i, ch in enumerate(digits):
        for other in LOOK_ALIKE.get(ch, ""):
            candidate = digits[:i] + other + digits[i + 1:]
            if len(candidate) == 1 or candidate[0] != "0":
                out.append(int(candidate))
    return out
