"""Web pages: the report's text in reading order, its tables as grids, CMS noise dropped."""

from __future__ import annotations

import re

from lxml import etree

from .grid import clean_cell, render_spans
from .html_parse import parse_page
from .limits import check_positions, span

_DROP_TAGS = ["script", "style", "noscript", "iframe", "form", "button", "select", "nav", "header", "footer", "svg", "template"]
_NOISE = re.compile(r"(^|[\s_-])(nav|navbar|menu|breadcrumb|footer|header|share|sidebar|toolbar|login|search|copyright|topbar)([\s_-]|$)", re.I)
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote", "pre", "dd", "dt", "ul", "ol", "hr"}
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


def _closest_table(el: etree._Element) -> etree._Element | None:
    el = el.getparent()
    while el is not None and el.tag != "table":
        el = el.getparent()
    return el


def _is_noise(el: etree._Element) -> bool:
    marks = " ".join(filter(None, [el.get("class"), el.get("id"), el.get("role")]))
    if marks and _NOISE.search(marks) and el.tag not in ("table", "td", "tr"):
        return True
    text = el.text_content() if el.tag in ("div", "p", "span", "section") else ""
    return _LEAVING_BOX in text and len(text.strip()) < 80


def _walk(el: etree._Element, out: list[str]) -> None:
    if not isinstance(el.tag, str):  # comments, processing instructions
        if el.tail:
            out.append(el.tail)
        return
    if el.tag == "table":
        out.append(_table_text(el))
    else:
        if el.tag in _BLOCKS:
            out.append("\n")
        if el.text:
            out.append(el.text)
        for child in el:
            _walk(child, out)
        if el.tag in _BLOCKS:
            out.append("\n")
    if el.tail:
        out.append(el.tail)


def html_to_text(html: str) -> tuple[str, int]:
    """(the page's text with tables as grid lines, how many applications tables it holds)."""
    root = parse_page(html)  # whole, or refused: never silently cut at the parser's depth limit
    for el in root.iter(*_DROP_TAGS):
        el.drop_tree()
    for el in [el for el in root.iter() if isinstance(el.tag, str) and _is_noise(el)]:
        if el.getparent() is not None:
            el.drop_tree()
    body = root.find("body")
    out: list[str] = []
    _walk(body if body is not None else root, out)
    text = re.sub(r"[ \t]*\n[ \t\n]*\n", "\n\n", "".join(out))
    applications_tables = sum(1 for t in root.iter("table") if "本年新收" in re.sub(r"\s", "", t.text_content()))
    return text.strip() + "\n", applications_tables
