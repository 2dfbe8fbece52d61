"""Parsing a page with lxml without silently losing what lies deeper than libxml2's nesting limit.

libxml2 stops building the tree 256 levels down (2048 with huge_tree) and keeps only what came
before: a report wrapped in thousands of <div>s would come out empty. When that limit is hit,
the page is parsed again with its layout wrappers removed (they carry no text); if it is still
too deep, it is refused with that reason.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from .limits import TooLarge

# Layout wrappers: block ones become a line break (they separated text), inline ones vanish.
_BLOCK_WRAPPERS = re.compile(r"</?(?:div|section|article|main|aside|center|blockquote|dl|dd|dt|ul|ol|li)\b[^>]*>", re.IGNORECASE)
_INLINE_WRAPPERS = re.compile(r"</?(?:span|font|a|b|i|u|em|strong|small|big|sub|sup|label|abbr|code)\b[^>]*>", re.IGNORECASE)


def _too_deep(parser: etree.HTMLParser) -> bool:
    return any(e.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in e.message for e in parser.error_log)


def _parse(html: str) -> tuple[etree._Element, bool]:
    parser = lxml.html.HTMLParser()
    root = lxml.html.document_fromstring(html, parser=parser)
    return root, _too_deep(parser)


def parse_page(html: str) -> etree._Element:
    """The page's tree, whole; TooLarge when its nesting cannot be read even without wrappers."""
    root, too_deep = _parse(html)
    if not too_deep:
        return root
    root, too_deep = _parse(_INLINE_WRAPPERS.sub("", _BLOCK_WRAPPERS.sub("<br>", html)))
    if too_deep:
        raise TooLarge("HTML nested more than 256 levels deep even without its layout wrappers; "
                       "the parser would drop the text below that depth, so the page is refused")
    return root
