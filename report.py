"""The extracted report: what every stage after extraction reads, and what the store writes.

Spans (`start`, `end`) are character offsets into `Report.text`, the normalized source text.
"""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from typing import Any

Number = int | float

BUILTIN = "builtin"  # the name of the deterministic extractor, stored with every value it reads
# A value the built-in reader cut out of glued digits (`6233440` → 62 | 33 | 440): inferred from the
# table's structure, not separated in print; its span is the exact sub-span of its digits.
SPLIT = "builtin:split"
PROVENANCE_KINDS = {  # what a person is told about where a value came from (README: "Provenance kinds")
    "builtin": "内置读取器", "split": "连写数字拆分（推断）", "llm": "模型读取", "both": "内置读取器与模型一致",
}


def provenance_kind(extractor: str | None) -> str:
    """builtin | split | llm | both, from a cell's extractor string (`builtin+llm:…` when both readers agree)."""
    extractor = extractor or BUILTIN
    if "+" in extractor:
        return "both"
    if extractor.startswith("llm"):
        return "llm"
    return "split" if extractor == SPLIT else "builtin"


@dataclass(slots=True)
class Cell:
    """One table cell. `value` is None when the cell is blank, missing or unreadable."""

    field: str
    value: Number | None
    start: int | None = None  # span of the printed token; None when nothing was printed
    end: int | None = None
    extractor: str = BUILTIN
    raw: str | None = None  # the printed token, e.g. "251000元" or "—"
    unit: str | None = None  # unit printed with the number, e.g. "元", "万元", "件"
    status: str = "ok"  # ok | blank (nothing printed) | unreadable (printed, not a number) | ambiguous (glued digits, no single reading)
    alt_value: Number | None = None  # another extractor's differing value (cross-check)
    alt_extractor: str | None = None


@dataclass(slots=True)
class Section:
    number: int  # 1..6 as in the national format
    title: str  # as printed (heading line, without markdown)
    start: int
    end: int


@dataclass(slots=True)
class Fact:
    """A figure read from the prose, grounded by a quote at [start, end)."""

    name: str  # a canonical field id where the fact states a cell, else e.g. "proactive.total"
    value: Number
    start: int
    end: int
    quote: str
    unit: str | None = None
    extractor: str = BUILTIN


@dataclass(slots=True)
class Finding:
    rule: str
    severity: str  # error | warning | info
    fields: list[str]
    message: str  # Chinese, for the reviewer
    expected: Any = None
    actual: Any = None
    start: int | None = None
    end: int | None = None
    key: str = ""  # tells apart findings of one rule on the same fields (e.g. two sentences)


@dataclass
class Report:
    source: str
    sha256: str
    text: str = ""
    status: str = "ok"  # ok | failed
    error: str | None = None
    encoding: str | None = None
    kind: str = "text"  # what the input was: text | html | docx | pdf
    display_text: str | None = None  # the text as printed, when `text` was converted to simplified characters
    template: str | None = None
    organ: str | None = None
    region: str | None = None
    year: int | None = None
    published: str | None = None  # ISO date of the sign-off, if printed
    published_span: tuple[int, int] | None = None
    title: str | None = None
    title_span: tuple[int, int] | None = None
    year_sources: dict[str, int] = field(default_factory=dict)  # title / period / prose / page (the web page's title) → year
    cells: dict[str, Cell] = field(default_factory=dict)
    tables_found: dict[str, tuple[int, int]] = field(default_factory=dict)  # table → region span
    anchors: dict[str, tuple[int, int]] = field(default_factory=dict)  # field → its row label (for blanks)
    sections: list[Section] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    llm_calls: list[Any] = field(default_factory=list)  # extract.llm.client.Call, one per attempt or cache hit
    unsure_tables: dict[str, str] = field(default_factory=dict)  # table → why the built-in reading is unsure (asks the model)
    # Pieces read by OCR (scanned pages): {"start", "end", "page", "box", "confidence", "digit_confidence",
    # "stamped"}, spans into `text`, boxes in the pixels of `page_images` (load/scanned.py, REVIEW_DPI).
    ocr_marks: list[dict[str, Any]] = field(default_factory=list)
    page_images: dict[int, bytes] = field(default_factory=dict)  # page number → JPEG of each page read by OCR

    def value(self, field_id: str) -> Number | None:
        cell = self.cells.get(field_id)
        return None if cell is None else cell.value

    def ocr_mark_at(self, start: int | None) -> dict[str, Any] | None:
        """The OCR mark whose span holds offset `start`, when that text was read from a scanned page."""
        if start is None or not self.ocr_marks:
            return None
        i = bisect.bisect_right([m["start"] for m in self.ocr_marks], start) - 1
        if i >= 0 and self.ocr_marks[i]["start"] <= start < self.ocr_marks[i]["end"]:
            return self.ocr_marks[i]
        return None

    def ocr_sources(self) -> dict[str, dict[str, Any]]:
        """Field id → {page, box, confidence, digit_confidence, stamped} for each value read by OCR."""
        if not self.ocr_marks:
            return {}  # the common case: nothing was read by OCR
        out = {}
        for fid, cell in self.cells.items():
            mark = self.ocr_mark_at(cell.start)
            if mark is not None:
                out[fid] = {k: mark[k] for k in ("page", "box", "confidence", "digit_confidence", "stamped")}
        return out

    def facts_named(self, name: str) -> list[Fact]:
        return [f for f in self.facts if f.name == name]

    def to_json(self, with_text: bool = False) -> dict[str, Any]:
        """The stable JSON contract (README: "The JSON contract")."""
        out: dict[str, Any] = {
            "source": self.source,
            "sha256": self.sha256,
            "status": self.status,
            "error": self.error,
            "template": self.template,
            "organ": self.organ,
            "region": self.region,
            "year": self.year,
            "published": self.published,
            "cells": {fid: c.value for fid, c in self.cells.items()},
            "provenance": {fid: _provenance(c) for fid, c in self.cells.items() if c.start is not None or c.alt_extractor},
            "sections": [asdict(s) for s in self.sections],
            "facts": [
                {"name": f.name, "value": f.value, "start": f.start, "end": f.end, "quote": f.quote}
                for f in self.facts
            ],
            "findings": [asdict(f) for f in self.findings],
        }
        if self.ocr_marks:
            out["ocr"] = self.ocr_sources()  # where each OCR-read value was read: page, box, confidence
        if self.llm_calls:
            out["llm"] = {
                "calls": sum(1 for c in self.llm_calls if not c.cache_hit),
                "cache_hits": sum(1 for c in self.llm_calls if c.cache_hit),
                "prompt_tokens": sum(c.prompt_tokens for c in self.llm_calls),
                "completion_tokens": sum(c.completion_tokens for c in self.llm_calls),
            }
        if with_text:
            out["text"] = self.text
        return out


def _provenance(cell: Cell) -> dict[str, Any]:
    """Where a value came from; a second extractor's differing reading is kept beside it."""
    out: dict[str, Any] = {"start": cell.start, "end": cell.end, "extractor": cell.extractor}
    if cell.alt_extractor:
        out["alt_value"], out["alt_extractor"] = cell.alt_value, cell.alt_extractor
    return out
