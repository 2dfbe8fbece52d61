"""Web pages: the report's text in reading order, its tables as grids, CMS noise dropped."""

from __future__ import annotations

import re

from lxml import etree

from .grid import clean_cell, render_spans
from .html_parse import parse_page
from .limits import check_positions, span
from .page import classify, head_fields, page_header

_DROP_TAGS = ["script", "style", "noscript", "iframe", "form", "button", "select", "nav", "header", "footer", "svg", "template"]
_NOISE = re.compile(r"(^|[\s_-])(nav|navbar|menu|breadcrumb|footer|header|share|sidebar|toolbar|login|search|copyright|topbar)([\s_-]|$)", re.I)
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote", "pre", "dd", "dt", "ul", "ol", "hr",
           "table", "td", "th"}  # table parts are blocks only in a layout table: a data table becomes a grid
_LAYOUT_CELL_CHARS = 300  # no cell of a statistics table holds this much text: a page laid out in a table does
_LEAVING_BOX = "即将离开"


def _span(cell: etree._Element, name: str) -> int:
    return span(cell.get(name), name)  # capped: colspan=100000000 is refused, not expanded


def _table_text(table: etree._Element) -> str:
    rows = []
    for tr in table.iter("tr"):
        if tr.getparent() is not None and _closest_table(tr) is not table:
            continue  # a row of a nested table
        rows.append([(clean_cell(td.text_content()), _span(td, "rowspan"), _span(td, "colspan")) for td in tr if td.tag in ("td", "th")])
    check_positions(rows)
    return render_spans(rows)


def _is_layout(table: etree._Element) -> bool:
    """A table that lays out the page (it holds other tables, or whole passages of text), not a grid of data."""
    if any(t is not table for t in table.iter("table")):
        return True
    return any(len(_text_upto(td, _LAYOUT_CELL_CHARS)) > _LAYOUT_CELL_CHARS for td in table.iter("td", "th"))


def _closest_table(el: etree._Element) -> etree._Element | None:
    el = el.getparent()
    while el is not None and el.tag != "table":
        el = el.getparent()
    return el


def _is_noise(el: etree._Element) -> bool:
    marks = " ".join(filter(None, [el.get("class"), el.get("id"), el.get("role")]))
    if marks and _NOISE.search(marks) and el.tag not in ("table", "td", "tr"):
        return True
    text = _text_upto(el, 400) if el.tag in ("div", "p", "span", "section") else ""
    return _LEAVING_BOX in text and len(text.strip()) < 80


def _text_upto(el: etree._Element, limit: int) -> str:
    """The element's text, read no further than `limit` characters: checks that want short blocks
    stay linear on a deeply nested page instead of reading its whole text at every level."""
    parts, size = [], 0
    for t in el.itertext():
        parts.append(t)
        size += len(t)
        if size > limit:
            break
    return "".join(parts)


class _Layout(dict):
    """Whether each table lays out the page, decided once per table (several passes ask)."""

    def __missing__(self, table: etree._Element) -> bool:
        self[table] = _is_layout(table)
        return self[table]


def _walk(el: etree._Element, out: list[str], layout: _Layout | None = None) -> None:
    layout = _Layout() if layout is None else layout
    if not isinstance(el.tag, str):  # comments, processing instructions
        if el.tail:
            out.append(el.tail)
        return
    if el.tag == "table" and not layout[el]:
        out.append(_table_text(el))
    else:
        if el.tag in _BLOCKS:
            out.append("\n")
        if el.text:
            out.append(el.text)
        for child in el:
            _walk(child, out, layout)
        if el.tag in _BLOCKS:
            out.append("\n")
    if el.tail:
        out.append(el.tail)


def html_to_text(html: str) -> tuple[str, int]:
    """(the page's text with tables as grid lines, how many applications tables it holds)."""
    root = parse_page(html)  # whole, or refused: never silently cut at the parser's depth limit
    fields = head_fields(root)
    for el in root.iter(*_DROP_TAGS):
        el.drop_tree()
    body = root.find("body")
    body = body if body is not None else root
    parts: dict[etree._Element, dict[str, str] | bool] = {}

    def page_part(el: etree._Element) -> bool:
        parts[el] = True if _is_noise(el) else classify(el)
        return bool(parts[el])

    layout = _Layout()
    for el in _outermost(body, page_part, layout):
        if isinstance(parts[el], dict):  # the page's header fields: kept as 网页…： lines, not as text
            for name, value in parts[el].items():
                fields.setdefault(name, value)
        el.drop_tree()
    out: list[str] = []
    _walk(body, out, layout)
    text = re.sub(r"[ \t]*\n[ \t\n]*\n", "\n\n", "".join(out))
    return page_header(fields) + text.strip() + "\n", _applications_tables(root)


def _outermost(root: etree._Element, test, layout: _Layout) -> list[etree._Element]:
    """Elements that pass `test`, outermost first, none inside another (each is dropped whole).
    A statistics table is not searched inside: page noise is never one of its cells."""
    found: list[etree._Element] = []
    stack = [child for child in reversed(root) if isinstance(child.tag, str)]
    while stack:
        el = stack.pop()
        if test(el):
            found.append(el)
        elif el.tag != "table" or layout[el]:
            stack.extend(child for child in reversed(el) if isinstance(child.tag, str))
    return found


def _applications_tables(root: etree._Element) -> int:
    """How many applications tables the page holds, each counted once, by the innermost table
    (the layout tables around it hold its text too)."""
    if "本年新收" not in re.sub(r"\s", "", root.text_content()):
        return 0
    # Innermost first: a table around a holding table holds it too, and is known so without reading
    # its text again (on a deeply nested page that reading is quadratic).
    holding, counted = set(), 0
    for t in sorted(root.iter("table"), key=lambda t: -sum(1 for _ in t.iterancestors())):
        if any(inner in holding for inner in t.iter("table") if inner is not t):
            holding.add(t)
        elif "本年新收" in re.sub(r"\s", "", t.text_content()):
            holding.add(t)
            counted += 1
    return counted
