"""The input itself: bytes the decoder could not read, shown as U+FFFD in the text."""

from __future__ import annotations

from collections.abc import Iterable

from ..load.text import replaced_bytes
from ..report import Finding, Report
from . import rule

BASIS = "原始文件编码"


@rule("input.bytes_replaced", "warning", "文件中有无法按UTF-8解码的字节，已显示为�，请核对原文件", BASIS)
def bytes_replaced(report: Report) -> Iterable[Finding]:
    n = replaced_bytes(report.encoding)
    if not n:  # most reports
        return ()
    first = report.text.find("\ufffd")
    return [Finding("", "", [], f"文件中有{n}处无法解码的字节（已显示为�，其余内容照常读取），其所在之处的文字或数字请核对原文件",
                    actual=n, start=first if first >= 0 else None, end=first + 1 if first >= 0 else None)]
