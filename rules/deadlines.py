"""Late against the roster: a report published after the deadline its organ's level has.

Declared here so `nianbao rules` lists it; the region room (region/late.py) finds each
report's organ in the roster and its deadline, and the store keeps the findings like any other.
"""

from __future__ import annotations

import re

from ..report import Finding
from . import declare

BASIS = "《中华人民共和国政府信息公开条例》第四十九条；名册所定各级期限"

declare("region.late", "error", "报告发布日期晚于公布期限（名册所列机关，按其级别或名册设置的期限）", BASIS)


def late_finding(text: str, published: str, deadline: str, origin: str, days: int) -> Finding:
    """The finding, pointing at the printed date when it can be found in the text."""
    start, end = _date_span(text, published)
    return Finding(
        "region.late", "error", [],
        f"发布日期{published}晚于公布期限{deadline}，逾期{days}天（期限依据：{origin}）",
        expected=f"≤{deadline}", actual=published, start=start, end=end,
    )


def _date_span(text: str, iso: str) -> tuple[int | None, int | None]:
    """The last place the date is printed (the sign-off stands at the end), else nothing."""
    y, m, d = (int(x) for x in iso.split("-"))
    pattern = re.compile(rf"{y}\s*年\s*0?{m}\s*月\s*0?{d}\s*日|{y}[-/.]0?{m}[-/.]0?{d}(?!\d)")
    found = None
    for found in pattern.finditer(text or ""):
        pass
    return (found.start(), found.end()) if found else (None, None)
