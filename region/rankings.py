"""Rankings of a region's organs in a year, on defined indicators, each with its formula.

A share is exact (a fraction of printed counts). A blank among its inputs makes it
uncomputable, and a zero denominator makes it undefined: both are said, never shown as 0%
and never ranked. Equal values share a rank and are marked as tied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .. import fields as F
from ..report import Number

A, P = F.application_id, F.appeal_id
CONCLUDED = ("upheld", "corrected", "other")  # 已审结: every result but 尚未审结
OPEN_ERRORS = "open_errors"  # not a cell: the report's open error findings


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    formula: str  # in Chinese, with the field ids, printed with every ranking
    numerator: tuple[str, ...]
    denominator: tuple[str, ...] = ()  # empty: a count, not a share
    unit: str = "件"

    @property
    def share(self) -> bool:
        return bool(self.denominator)


def _sum_text(ids: tuple[str, ...]) -> str:
    return "＋".join(f"{F.label(i)}（{i}）" for i in ids)


INDICATORS = [
    Indicator("received", "本年新收政府信息公开申请数", "", (A("new", "total"),)),
    Indicator("granted_share", "予以公开和部分公开占办理结果的比例", "", (A("granted", "total"), A("partly_granted", "total")), (A("total", "total"),)),
    Indicator("not_held_share", "「本机关不掌握相关政府信息」占办理结果的比例", "", (A("unavailable.not_held", "total"),), (A("total", "total"),)),
    Indicator("review_corrected_share", "行政复议结果纠正占已审结的比例", "", (P("review", "corrected"),),
              tuple(P("review", c) for c in CONCLUDED)),
    Indicator("litigation_corrected_share", "行政诉讼结果纠正占已审结的比例", "",
              (P("litigation_direct", "corrected"), P("litigation_after_review", "corrected")),
              tuple(P(g, c) for g in ("litigation_direct", "litigation_after_review") for c in CONCLUDED)),
    Indicator(OPEN_ERRORS, "每份报告待核的错误数", "待核（open）的错误级问题数 ÷ 报告份数", (OPEN_ERRORS,), unit="个"),
]
INDICATORS = [i if i.formula else Indicator(i.id, i.name, (f"（{_sum_text(i.numerator)}）÷（{_sum_text(i.denominator)}）" if i.share
                                                           else _sum_text(i.numerator)), i.numerator, i.denominator, i.unit)
              for i in INDICATORS]


@dataclass
class Entry:
    organ: str
    report_id: str
    numerator: Number | None
    denominator: Number | None  # None for a count
    state: str  # ok | blank (an input left blank) | zero_denominator
    value: Fraction | None = None
    rank: int | None = None
    tied: bool = False

    def shown(self, share: bool) -> str:
        """In Chinese, for pages and workbooks."""
        if self.state == "blank":
            return "有空白项，无法计算"
        if self.state == "zero_denominator":
            return "分母为0，无从计算"
        if not share:
            return f"{float(self.value):g}"
        return f"{float(self.value) * 100:.1f}%"


@dataclass
class Ranking:
    indicator: Indicator
    entries: list[Entry] = field(default_factory=list)  # ranked first (best rank first), then the unranked

    def to_json(self) -> dict[str, Any]:
        i = self.indicator
        return {"id": i.id, "name": i.name, "formula": i.formula, "share": i.share, "entries": [
            {"organ": e.organ, "report_id": e.report_id, "numerator": e.numerator, "denominator": e.denominator,
             "state": e.state, "value": None if e.value is None else float(e.value), "shown": e.shown(i.share),
             "rank": e.rank, "tied": e.tied} for e in self.entries]}


def _total(ids: tuple[str, ...], values: dict[str, Number | None]) -> Number | None:
    got = [values.get(i) for i in ids]
    return None if any(v is None for v in got) else sum(got)  # type: ignore[misc]


def rank(indicator: Indicator, organs: list[tuple[str, str, dict[str, Number | None]]]) -> Ranking:
    """`organs`: (organ, report id, {field or OPEN_ERRORS: value}). Highest first; ties share a rank."""
    entries = []
    for organ, rid, values in organs:
        num = _total(indicator.numerator, values)
        den = _total(indicator.denominator, values) if indicator.share else None
        if num is None or (indicator.share and den is None):
            entries.append(Entry(organ, rid, num, den, "blank"))
        elif indicator.share and den == 0:
            entries.append(Entry(organ, rid, num, den, "zero_denominator"))
        else:
            entries.append(Entry(organ, rid, num, den, "ok", Fraction(num) / Fraction(den) if indicator.share else Fraction(num)))
    ranked = sorted((e for e in entries if e.state == "ok"), key=lambda e: (-e.value, e.organ))
    for position, e in enumerate(ranked, start=1):
        previous = ranked[position - 2] if position > 1 else None
        e.rank = previous.rank if previous is not None and previous.value == e.value else position
    for e in ranked:
        e.tied = sum(1 for x in ranked if x.rank == e.rank) > 1
    unranked = sorted((e for e in entries if e.state != "ok"), key=lambda e: (e.state, e.organ))
    return Ranking(indicator, ranked + unranked)


def rankings(organs: list[tuple[str, str, dict[str, Number | None]]]) -> list[Ranking]:
    return [rank(i, organs) for i in INDICATORS]
