"""What a web page prints around the report: noise to drop, and header fields that name the report.

Older portals lay the whole page out in tables and surround the report with navigation,
breadcrumbs (当前位置：首页 > …), 相关链接 lists, print/close bars and a footer with 备案号,
网站标识码 and telephone numbers. None of it may become a cell or a fact, so it is dropped by
what it says, whatever its markup. The page's own header fields (<title>, the ArticleTitle /
PubDate / ContentSource meta tags of Chinese government sites, and 索引号 | 发布机构 | 发布日期
blocks above the text) are not the report either, but they name it: they are kept as
`网页…：` lines at the top of the text (`page_header`), where the metadata reader finds them
with their spans and checks them against what the report itself states.
"""

from __future__ import annotations

import re

from lxml import etree

_BREADCRUMB = re.compile(r"^\s*(?:当前位置|您现在的位置|你现在的位置|您的位置|你的位置|您所在的位置|所在位置|当前页面)\s*[:：]?")
_RELATED = re.compile(r"^\s*【?(?:相关链接|相关文章|相关阅读|相关新闻|相关信息|相关文件|相关稿件|友情链接|推荐阅读|热点推荐|热门文章|猜你喜欢)")
_FOOTER = re.compile(r"备案号|ICP\s*备|网站标识码|版权所有|公网安备|Copyright|©", re.IGNORECASE)  # only a site's footer says these
_FOOTER_WEAK = re.compile(r"主办单位|承办单位|协办单位|技术支持|网站地图|联系我们|联系电话|电话[:：]|邮编|传真")  # a report may say one of them
_TOOLS = re.compile(r"打印本页|关闭窗口|【\s*打印\s*】|【\s*关闭\s*】|分享到|上一篇|下一篇|字号\s*[:：]|浏览次数|阅读次数|访问量|收藏本页")
_REPORT = re.compile(r"本年新收|政府信息公开工作年度报告.{0,40}一、")  # never drop what holds the report
_CANDIDATES = {"div", "td", "th", "tr", "table", "tbody", "ul", "ol", "li", "p", "span", "section", "dl", "dd", "dt", "center", "font", "h1", "h2", "h3", "h4", "h5", "h6", "a"}

# Header fields: printed label → the name it is kept under.
_FIELD_NAMES = {
    "名称": "标题", "标题": "标题", "文件名称": "标题",
    "发布机构": "发布机构", "发文机关": "发布机构", "发文单位": "发布机构", "发布单位": "发布机构", "来源": "发布机构", "信息来源": "发布机构",
    "发布日期": "发布日期", "发文日期": "发布日期", "发布时间": "发布日期", "公开日期": "发布日期", "生成日期": "发布日期",
    "成文日期": "成文日期", "索引号": "索引号",
}
_LABEL = "|".join(sorted((r"\s*".join(k) for k in _FIELD_NAMES), key=len, reverse=True))
_FIELD = re.compile(rf"(?<![\u4e00-\u9fff])({_LABEL})\s*[:：]\s*(.*?)\s*(?=(?<=\s)[\u4e00-\u9fff]{{2,6}}\s*[:：]|$)")
_META_TAGS = {"articletitle": "标题", "contentsource": "发布机构", "pubdate": "发布日期", "firstpublishedtime": "发布日期"}
_SPACES = re.compile(r"\s+")
PAGE_FIELDS = ["标题", "发布机构", "发布日期", "成文日期", "索引号"]  # in the order they are written


def _flat(el: etree._Element, limit: int | None = None) -> str:
    """The element's text, words joined by one space; past `limit` characters it stops reading
    (a check that only wants short blocks must not read a whole nested page for every element)."""
    parts, size = [], 0
    for t in el.itertext():
        if t := t.strip():
            parts.append(t)
            size += len(t) + 1
            if limit is not None and size > limit:
                break
    return " ".join(parts)


def _link_share(el: etree._Element, text: str) -> float:
    links = sum(len(_flat(a)) for a in el.iter("a"))
    return links / max(len(re.sub(r"\s", "", text)), 1)


def classify(el: etree._Element) -> dict[str, str] | bool:
    """A header-field block (its fields), page noise (True), or the report's own (False); one
    bounded read of the element's text serves every check."""
    if el.tag not in _CANDIDATES:
        return False
    text = _flat(el, 2001)
    if not text or len(text) > 2000 or _REPORT.search(text):
        return False
    if len(text) <= 600 and el.tag in ("table", "div", "ul", "dl", "p", "tbody") and (fields := _header_fields(text)):
        return fields
    return _is_noise(el, text)


def _is_noise(el: etree._Element, text: str) -> bool:
    """Navigation, breadcrumbs, related links, print bars and footers, told by what they say."""
    if _BREADCRUMB.match(text) and len(text) < 200:
        return True
    if _RELATED.match(text) and (len(text) < 60 or _link_share(el, text) > 0.5):
        return True
    if len(text) < 400 and (_FOOTER.search(text) or len(set(_FOOTER_WEAK.findall(text))) >= 3):
        return True
    if _TOOLS.search(text) and len(text) < 120:
        return True
    return len(text) < 600 and sum(1 for _ in el.iter("a")) >= 4 and _link_share(el, text) > 0.7  # a menu: links only


def _header_fields(text: str) -> dict[str, str] | None:
    """The fields of a 索引号 | 发布机构 | 发布日期 block above the text, or None if it is not one."""
    fields: dict[str, str] = {}
    for m in _FIELD.finditer(text):
        name = _FIELD_NAMES[re.sub(r"\s", "", m.group(1))]
        if m.group(2) and name not in fields:
            fields[name] = m.group(2)
    return fields if len(fields) >= 2 else None


def head_fields(root: etree._Element) -> dict[str, str]:
    """<title> and the government sites' meta tags (ArticleTitle, PubDate, ContentSource)."""
    fields: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = _META_TAGS.get((meta.get("name") or "").strip().lower())
        content = (meta.get("content") or "").strip()
        if name and content and name not in fields:
            fields[name] = content
    title = root.find(".//title")
    if "标题" not in fields and title is not None and (text := _flat(title)):
        fields["标题"] = re.split(r"\s*[_|｜]\s*|\s+-\s+", text)[0]  # "报告_某县人民政府": the site's name is not the title
    return fields


def page_header(fields: dict[str, str]) -> str:
    """The page's fields as `网页…：` lines for the top of the text (empty when the page has none)."""
    lines = [f"网页{name}：{_SPACES.sub(' ', fields[name])}" for name in PAGE_FIELDS if fields.get(name)]
    return "\n".join(lines) + "\n\n" if lines else ""
