"""Finding the six sections by their printed headings.

A heading is a short line, optionally numbered (`一、`, `3、`, `（三）`, markdown `##`), that
contains the section's key words. Sections are searched in order, so a sub-heading that
reuses a number (`### 三、政务公开程序规范化举措` inside section 1) is never taken.
"""

from __future__ import annotations

import re

from ..report import Section

SECTION_TITLES = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}

_TITLE_STARTS = {number: title[:4] for number, title in SECTION_TITLES.items()}  # what an unnumbered heading begins with
_KEYWORDS = {
    number: re.compile(pattern)
    for number, pattern in {
        1: r"总体情况",
        2: r"主动公开",
        3: r"(?:收到|处理).{0,12}申请",
        4: r"行政复议|行政诉讼",
        5: r"主要问题|问题及改进|改进情况",
        6: r"其他需要报告|其他事项",
    }.items()
}
_NUMBERING = r"(?:[一二三四五六七八九十]+|\d{1,2})\s*[、.,．]"  # 一、 3、: the six sections' own numbering
_SUB_NUMBERING = r"[(（]\s*[一二三四五六七八九十\d]+\s*[)）]"  # （一） (1): sub-items, rarely a section
_MAX_TITLE_CHARS = 60
_HEADING_LINE = re.compile(
    rf"^[ \t#*>]*(?:(?P<num>{_NUMBERING})|(?P<sub>{_SUB_NUMBERING}))?\s*(?P<title>[^\n]{{2,{_MAX_TITLE_CHARS}}})$", re.M
)
_MAX_HEADING_CHARS = 40


def _is_heading(line_title: str, number: int, numbered: bool) -> bool:
    """Whether a heading line's title (holding a hit of section `number`'s key words) is that section's heading.

    The key words are not looked for again: find_sections found them on this line, and they stand in its
    title (numbering and markup hold none of their first characters; stripping stops at their characters)."""
    title = line_title.strip().strip("*# \t")
    if len(title) > _MAX_HEADING_CHARS:
        return False
    if title.endswith(("。", ";", "；")):
        return False  # a sentence, not a heading
    # An unnumbered or sub-numbered line counts only if it is the section's title itself, not prose.
    return numbered or title.startswith(_TITLE_STARTS[number])


def find_sections(text: str) -> list[Section]:
    """The sections found, in order; each ends where the next found one starts."""
    found: list[tuple[int, str, int]] = []  # (number, title, start)
    pos = 0
    for number in range(1, 7):
        # Jump from one key-word hit to the next and test only the line it stands on.
        for hit in _KEYWORDS[number].finditer(text, pos):
            line_end = text.find("\n", hit.end())
            line_end = len(text) if line_end < 0 else line_end
            if line_end - hit.start() > _MAX_TITLE_CHARS:
                # The key word would stand in the title (numbering and markup hold none of its characters),
                # and a title is the line's last 60 characters at most: _HEADING_LINE cannot match here.
                continue  # (before looking back for the line's start: a hit in prose needs no more)
            line_start = text.rfind("\n", 0, hit.start()) + 1
            m = _HEADING_LINE.match(text, line_start, line_end)
            if m and _is_heading(m["title"], number, m["num"] is not None):
                title = text[m.start() : m.end()].strip().strip("#* \t").strip()
                found.append((number, title, m.start()))
                pos = m.end()
                break
    sections = []
    for i, (number, title, start) in enumerate(found):
        end = found[i + 1][2] if i + 1 < len(found) else len(text)
        sections.append(Section(number, title, start, end))
    return sections


def section_bounds(sections: list[Section], number: int, text_length: int) -> tuple[int, int]:
    """Where section `number` is: its own span, or, when its heading was not found, between its neighbours."""
    for s in sections:
        if s.number == number:
            return s.start, s.end
    before = [s.end for s in sections if s.number < number]
    after = [s.start for s in sections if s.number > number]
    return (max(before) if before else 0), (min(after) if after else text_length)
