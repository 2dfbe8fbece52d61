"""Late against the roster: a report published after the deadline its organ's level has.

Declared here so `nianbao rules` lists it; the region room (region/late.py) finds each
report's organ in the roster and its deadline, and the store keeps the findings like any other.
"""

from __future__ import annotations

from ..report import Finding
from . import declare
from .dates import date_span

BASIS = "《中华人民共和国政府信息公开条例》第四十九条；名册所定各级期限"

declare("region.late", "error", "报告发布日期晚于公布期限（名册所列机关，按其级别或名册设置的期限）", BASIS)


def late_finding(text: str, published: str, deadline: str, origin: str, days: int) -> Finding:
    """The finding, pointing at the printed date when it can be found in the text."""
    start, end = date_span(text, published)
    return Finding(
        "region.late", "error", [],
        f"发布日期{published}晚于公布期限{deadline}，逾期{days}天（期限依据：{origin}）",
        expected=f"≤{deadline}", actual=published, start=start, end=end,
    )
