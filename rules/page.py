"""The web page's header (its title, 发布日期) against what the report itself states."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..extract.metadata import page_date, page_fields, page_title
from ..report import Finding, Report
from . import rule

BASIS = "网页标题、发布信息与报告正文交叉核对（网页所示的机关、年度、日期应与报告一致）"
_SUFFIX = re.compile(r"(?:人民政府|政府)?(?:办公室|办公厅)?$")


def _same_organ(a: str, b: str) -> bool:
    """One organ named twice: 某县人民政府 and 某县人民政府办公室, or 某县政府 and 某县人民政府 (not 某县财政局)."""
    return _SUFFIX.sub("", a) == _SUFFIX.sub("", b)


@rule("metadata.page_mismatch", "warning", "网页标题或发布日期与报告正文所述的机关、年度、日期不一致", BASIS)
def page_mismatch(report: Report) -> Iterable[Finding]:
    fields, body = page_fields(report.text)
    return _mismatches(report, fields, body) if fields else ()  # most reports: no page header


def _mismatches(report: Report, fields: dict, body: int) -> Iterator[Finding]:
    organ, year = page_title(fields)
    if "标题" in fields:
        _, start, end = fields["标题"]
        body_year = report.year_sources.get("title") or report.year_sources.get("period")
        if year and body_year and year != body_year:
            yield Finding("", "", [], f"网页标题写的是{year}年度，报告正文写的是{body_year}年度", expected=body_year, actual=year,
                          start=start, end=end, key="year")
        if organ and report.organ and not _same_organ(organ, report.organ):
            yield Finding("", "", [], f"网页标题写的机关是「{organ}」，报告正文写的是「{report.organ}」", expected=report.organ, actual=organ,
                          start=start, end=end, key="organ")
    posted = fields.get("发布日期")
    signed_in_body = report.published_span is not None and report.published_span[0] >= body
    if posted and report.published and signed_in_body and (day := page_date(posted[0])) and day < report.published:
        yield Finding("", "", [], f"网页发布日期{day}早于报告落款日期{report.published}：报告不能在签发前发布，日期可能有误",
                      expected=f">={report.published}", actual=day, start=posted[1], end=posted[2], key="date")

