"""Dates: the reporting year told consistently, and the report published on time."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from ..extract.metadata import organ_level
from ..report import Finding, Report
from . import rule

BASIS = "《政府信息公开条例》第四十九条、第五十条"
SOURCE_NAMES = {"title": "标题", "period": "统计时限", "prose": "正文", "page": "网页标题"}


def date_pattern(iso: str) -> re.Pattern[str]:
    """A printed date as a whole: 2024年12月1日 (or 2024-12-01, 2024/12/1, 2024.12.1), never part of a longer number.

    `2024年12月1日` is not found inside `2024年12月11日`, nor `2024年1月1日` inside `12024年1月1日`.
    """
    y, m, d = (int(x) for x in iso.split("-"))
    return re.compile(rf"(?<!\d){y}\s*年\s*0?{m}\s*月\s*0?{d}\s*[日号]|(?<!\d){y}[-/.]0?{m}[-/.]0?{d}(?!\.?\d)")


def _signed_span(report: Report) -> tuple[int | None, int | None]:
    """Where the sign-off date itself is printed (the metadata span may include a label like 发布日期：)."""
    if not report.published_span:
        return None, None
    start, end = report.published_span
    inner = date_span(report.text[start:end], report.published or "")
    return (start + inner[0], start + inner[1]) if inner[0] is not None else (start, end)


def date_span(text: str, iso: str) -> tuple[int | None, int | None]:
    """The last place the date is printed whole (the sign-off stands at the end), else (None, None)."""
    found = None
    for found in date_pattern(iso).finditer(text or ""):
        pass
    return (found.start(), found.end()) if found else (None, None)


def signed_on(report: Report) -> date | None:
    """The sign-off date as a date; None when none is printed or the one printed is no real day (2020年2月31日)."""
    try:
        return date.fromisoformat(report.published) if report.published else None
    except ValueError:
        return None


@rule("dates.impossible", "error", "落款日期不是真实存在的日期", BASIS)
def impossible(report: Report) -> Iterable[Finding]:
    # Printed as it is (`published` keeps 2020-02-31): no year or deadline is judged from it.
    if not report.published or signed_on(report) is not None:  # most reports
        return ()
    start, end = _signed_span(report)
    return [Finding("", "", [], f"落款日期{report.published}不是真实存在的日期，请核对原文",
                    actual=report.published, start=start, end=end)]


@rule("dates.year_mismatch", "warning", "标题年份、统计时限与落款日期所示年度不一致", BASIS)
def year_mismatch(report: Report) -> Iterable[Finding]:
    years = report.year_sources
    if len(years) < 2 and not report.published:  # most reports: one year told, no sign-off
        return ()
    return _years_differ(report, years)


def _years_differ(report: Report, years: dict[str, int]) -> Iterator[Finding]:
    if len(set(years.values())) > 1:
        told = "，".join(f"{SOURCE_NAMES[k]}为{v}年" for k, v in years.items())
        yield Finding("", "", [], f"报告年度不一致：{told}", expected=report.year, actual=sorted(set(years.values())))
    signed = signed_on(report)
    if signed is not None and report.year:
        if signed.year <= report.year:
            start, end = _signed_span(report)
            yield Finding(
                "", "", [], f"落款日期{report.published}早于或等于{report.year}年度结束之前，年度或日期可能有误",
                expected=f">{report.year}-12-31", actual=report.published, start=start, end=end, key="signed_early",
            )


@rule("dates.late", "warning", "报告落款日期晚于法定公布期限（部门1月31日，县级以上政府3月31日）", BASIS)
def late(report: Report) -> Iterable[Finding]:
    signed = signed_on(report)
    if signed is None or not report.year:
        return ()
    earliest = date(report.year + 1, 1, 31)  # the departments' deadline; the others' is later
    if signed <= earliest:  # on time whatever the organ: its level (patterns) need not be told
        return ()
    level = organ_level(report.organ)
    deadline = earliest if level == "department" else date(report.year + 1, 3, 31)
    if signed <= deadline:
        return ()
    start, end = _signed_span(report)
    kind = "部门" if level == "department" else "政府"
    return [Finding(
        "", "", [], f"落款日期{report.published}晚于{kind}年报的公布期限{deadline.isoformat()}（按机关名称判断，仅供参考）",
        expected=deadline.isoformat(), actual=report.published, start=start, end=end,
    )]
