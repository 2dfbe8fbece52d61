"""Report metadata as printed: title, organ, region, reporting year, sign-off date."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .anchored import alternatives, finditer_at, positions, positions_by_last

_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
# The organ is the shortest start that the rest matches after: re tries all of the rest after each of its
# characters. The rest begins with \s, 关, a digit, 度 or 政 (all before 政府信息公开 is optional): the
# look-ahead turns every other place away with one test (same matches: tests/test_prose_fast.py).
_TITLE = re.compile(
    r"^(?:(?P<y1>\d{4})\s*年度?\s*)?(?P<organ>.*?)(?=[\s关\d度政])\s*(?:关于)?\s*(?:(?P<y2>\d{4})\s*年度?\s*)?(?:度\s*)?政府信息公开"
)
_COUNTED = ("统计",)
_PERIOD = re.compile(rf"{alternatives(_COUNTED)}(?:时限|期限|时间|区间|周期|期)?[^。\n]{{0,12}}?(\d{{4}})\s*年\s*1\s*月\s*1\s*日")
_PROSE_YEAR = re.compile(r"(\d{4})\s*年度?")
_LINE = re.compile(r"[^\n]+")
_SIGNOFF_DATE = re.compile(rf"^[ \t]*{_DATE}[ \t]*$", re.M)
_ISSUED = ("发布", "印发", "成文")
_DATE_WORDS = ("日期", "时间")
_ISSUE_DATE = re.compile(rf"{alternatives(_ISSUED)}{alternatives(_DATE_WORDS)}\s*[:：]\s*{_DATE}")
_ISSUE_WORDS = tuple(issued + date for issued in _ISSUED for date in _DATE_WORDS)  # every match begins with one
_PLACE_TAIL = re.compile(r"^(?P<region>.+?[省市县区旗])(?P<rest>[^省市县区旗]+?(?:镇|乡|街道|街道办事处)(?:人民政府|政府)?)$")
_ORGAN_SUFFIXES = ("镇", "乡", "街道")
_ORGAN_FOLLOWERS = ("收到", "在", "共", "人民政府", "政府", "全年", "本年", "今年", "坚持", "严格", "认真", "积极")
_ORGAN_FOLLOWED_BY = "(?=" + "|".join(_ORGAN_FOLLOWERS) + ")"
_ORGAN_IN_PROSE = re.compile(
    # After 年 the name may not begin with 度: "2024年度我镇" is 年度 + 我镇, not an organ "度我镇".
    rf"(?:^|(?<=[,，。、:：\s])|(?<=年)(?!度)|(?<=年度))(?P<name>[\u4e00-\u9fff]{{2,8}}?{alternatives(_ORGAN_SUFFIXES)})"
    + _ORGAN_FOLLOWED_BY,
    re.M,
)
_NOT_A_NAME = re.compile(r"[,，。;；:：!！?？、]|^我")  # (本溪市, 全州县 are names: only 我 never starts one)
_GENERIC = {"我镇", "全镇", "本镇", "该镇", "乡镇", "城镇", "各乡镇", "我乡", "全乡", "本乡", "我街道", "本街道"}


@dataclass
class Metadata:
    title: str | None = None
    title_span: tuple[int, int] | None = None
    organ: str | None = None
    region: str | None = None
    year: int | None = None
    year_sources: dict[str, int] = field(default_factory=dict)
    published: str | None = None
    published_span: tuple[int, int] | None = None


def _plausible_year(y: int) -> bool:
    return 2000 <= y <= 2100


def find_title(text: str, before: int, start: int = 0) -> tuple[str, tuple[int, int]] | None:
    """The title: the first lines before section 1 that name the report, joined if split."""
    lines = []  # the first five lines that hold more than markup: the title is one of the first four, or two of five
    for m in _LINE.finditer(text, start, max(start, before)):
        if line := m.group(0).strip("#* \t"):
            lines.append((m.start(), m.end(), line))
            if len(lines) == 5:
                break
    for i, (start, end, line) in enumerate(lines[:4]):
        if "政府信息公开" not in line or len(line) > 60:
            continue
        title, stop = line, end
        if "报告" not in line and i + 1 < len(lines) and len(lines[i + 1][2]) <= 10 and "报告" in lines[i + 1][2]:
            title, stop = line + lines[i + 1][2], lines[i + 1][1]
        if "报告" not in title:
            continue  # a sentence about disclosure ("我镇共收到政府信息公开申请1件"), not the report's title
        return title, (start, stop)
    return None


def organ_from_title(title: str) -> tuple[str | None, int | None]:
    m = _TITLE.match("".join(title.split()))  # without its white space (split's is re's \s: str.isspace)
    if not m:
        return None, None
    year = m["y1"] or m["y2"]
    organ = m["organ"].strip() or None
    if organ and (_NOT_A_NAME.search(organ) or organ in _GENERIC):
        organ = None  # a sentence ("我镇共收到政府信息公开申请"), not a title naming its organ
    return organ, int(year) if year else None


def split_region(organ: str) -> str | None:
    """`五华县安流镇` → `五华县`: the higher-level place printed before a township's name."""
    m = _PLACE_TAIL.match(organ)
    return m["region"] if m else None


def organ_from_prose(text: str) -> str | None:
    # _ORGAN_IN_PROSE tried at every character costs ~0.2 ms a report: try it only 2–8 characters
    # before a 镇/乡/街道 followed by the right word (anchored.py keeps finditer's order and overlaps).
    return _most_named(finditer_at(_ORGAN_IN_PROSE, text, _organ_name_starts(text)))


def _most_named(found: Iterable[re.Match[str]]) -> str | None:
    """The name found most often, the first found of those tied (Counter.most_common(1)'s, without building a Counter)."""
    counts: dict[str, int] = {}
    for m in found:
        name = m["name"]
        if name not in _GENERIC:
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _organ_name_starts(text: str) -> list[int]:
    """Every place a name _ORGAN_IN_PROSE finds may start, in order: where its look-behind holds,
    2 to 8 CJK characters before a 镇/乡/街道 that one of _ORGAN_FOLLOWERS follows. Walking back
    from each ending over those characters (a 。 or , before the name stops the walk at once) tests
    far fewer places than the seven before every ending."""
    starts = []
    for suffix in _ORGAN_SUFFIXES:  # (each begins with its own character: str.find of one is a memchr)
        first, after = suffix[0], len(suffix)
        end = text.find(first)
        while end >= 0:
            if text.startswith(_ORGAN_FOLLOWERS, end + after) and (after == 1 or text.startswith(suffix, end)) \
                    and end >= 2 and "\u4e00" <= text[end - 1] <= "\u9fff":
                at, lowest = end - 2, max(0, end - 8)
                while at >= lowest and "\u4e00" <= text[at] <= "\u9fff":
                    if _name_may_start(text, at):
                        starts.append(at)
                    at -= 1
            end = text.find(first, end + 1)
    return sorted(set(starts))  # (endings close together walk over the same places)


_BEFORE_A_NAME = frozenset(",，。、:：")


def _name_may_start(text: str, at: int) -> bool:
    """What _ORGAN_IN_PROSE's look-behind asks of the characters before `at`, in Python: most of the
    seven places before each 镇 fail it, and one call of the pattern costs more than this test."""
    if at == 0:
        return True  # ^
    before = text[at - 1]
    return (before in _BEFORE_A_NAME or before.isspace()  # ^ after \n (a space), [,，。、:：\s]
            or (before == "年" and not text.startswith("度", at))  # (?<=年)(?!度)
            or (before == "度" and at >= 2 and text[at - 2] == "年"))  # (?<=年度)


_SIGNING_ORGAN = re.compile(r"(政府|镇|乡|街道|局|委员会|办公室|厅|部|委|办)$")


def organ_from_signoff(text: str, date_start: int) -> str | None:
    before = text[max(0, date_start - 80) : date_start].rstrip().rsplit("\n", 1)[-1].strip()
    if 2 <= len(before) <= 30 and _SIGNING_ORGAN.search(before):
        return before
    return None


# --- the page's own fields (load/page.py writes them as 网页…： lines at the top of the text) ----------
_PAGE_LINE = re.compile(r"网页(标题|发布机构|发布日期|成文日期|索引号)[:：][ \t]*([^\n]*)\n*")
_ANY_DATE = re.compile(r"(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})")
PageFields = dict[str, tuple[str, int, int]]  # name → (value, its span)


def page_fields(text: str) -> tuple[PageFields, int]:
    """The page's header fields with their spans, and where the report's own text starts."""
    fields: PageFields = {}
    pos = 0
    while m := _PAGE_LINE.match(text, pos):
        value = m.group(2).rstrip()
        fields[m.group(1)] = (value, m.start(2), m.start(2) + len(value))
        pos = m.end()
    return fields, pos


def page_date(value: str) -> str | None:
    """`2021-01-28 09:30`, `2021年1月28日`, `2021/1/28` → ISO; None if it is not a plausible date."""
    m = _ANY_DATE.search(value)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if _plausible_year(y) and 1 <= mo <= 12 and 1 <= d <= 31 else None


def page_title(fields: PageFields) -> tuple[str | None, int | None]:
    """(organ, year) as the page's title names them."""
    title = fields.get("标题")
    return organ_from_title(title[0]) if title and "政府信息公开" in title[0] else (None, None)


def read_metadata(text: str, section1_start: int | None, section6_start: int | None) -> Metadata:
    """What the report states about itself; what only the page's header says fills the gaps."""
    meta = Metadata()
    page, body = page_fields(text)
    found = find_title(text, section1_start if section1_start is not None else min(len(text), body + 300), body)
    if found:
        meta.title, meta.title_span = found
        meta.organ, title_year = organ_from_title(meta.title)
        if title_year and _plausible_year(title_year):
            meta.year_sources["title"] = title_year
    period = next(finditer_at(_PERIOD, text, positions(text, _COUNTED)), None)  # search, by its word
    if period and _plausible_year(int(period.group(1))):
        meta.year_sources["period"] = int(period.group(1))
    tail_from = section6_start if section6_start is not None else max(0, len(text) - 400)
    signoff = None
    for signoff in _SIGNOFF_DATE.finditer(text, tail_from):
        pass
    # search, tried where its words stand: found by 期 and 间, seldom in a report (发 is everywhere)
    date = signoff or next(finditer_at(_ISSUE_DATE, text, positions_by_last(text, _ISSUE_WORDS, body)), None)
    if date:
        y, mo, d = (int(g) for g in date.groups()[-3:])
        if _plausible_year(y) and 1 <= mo <= 12 and 1 <= d <= 31:
            meta.published = f"{y:04d}-{mo:02d}-{d:02d}"
            meta.published_span = (date.start(), date.end())
    page_organ, page_year = page_title(page)
    if meta.title is None and page_organ is not None:  # the body prints no title: the page's names the report
        meta.title, meta.title_span = page["标题"][0], page["标题"][1:]
    if not meta.organ and signoff:
        meta.organ = organ_from_signoff(text, signoff.start())
    meta.organ = meta.organ or page_organ or organ_from_prose(text[body:]) or (page["发布机构"][0] if "发布机构" in page else None)
    if not meta.year_sources:
        for m in _PROSE_YEAR.finditer(text, max(section1_start or 0, body)):
            if _plausible_year(int(m.group(1))):
                meta.year_sources["prose"] = int(m.group(1))
                break
    if not meta.year_sources and page_year and _plausible_year(page_year):
        meta.year_sources["page"] = page_year  # the body states no year: the page's title does
    if meta.published is None:  # the page's own date: 成文日期 (signed) before 发布日期 (posted)
        for name in ("成文日期", "发布日期"):
            if name in page and (iso := page_date(page[name][0])):
                meta.published, meta.published_span = iso, page[name][1:]
                break
    for source in ("title", "period", "page", "prose"):
        if source in meta.year_sources:
            meta.year = meta.year_sources[source]
            break
    meta.region = split_region(meta.organ) if meta.organ else None
    return meta


# Compiled once: the rules ask organ_level of every report, and re.search(str, …) looks its pattern up each call.
_GOVERNMENT = re.compile(r"(人民政府|政府)$")
_LEVEL_ENDINGS = {level: re.compile(pattern) for level, pattern in {
    "township": r"(镇|乡|街道|街道办事处)$",
    "department": r"(局|委|办|厅|部|署|中心|委员会|办公室|院|会|所|站|队)$",
    "province": r"(省|自治区)$",
    "county": r"(县|旗|区)$",
}.items()}


def organ_level(organ: str | None) -> str | None:
    """township | county | department | province | government (a city) | None, as far as the name tells."""
    if not organ:
        return None
    name = _GOVERNMENT.sub("", organ)
    if _LEVEL_ENDINGS["township"].search(name):
        return "township"
    if _LEVEL_ENDINGS["department"].search(name):
        return "department"
    if _LEVEL_ENDINGS["province"].search(name) or name in ("北京市", "天津市", "上海市", "重庆市"):
        return "province"
    if _LEVEL_ENDINGS["county"].search(name):  # a district (区) is county-level, like a county
        return "county"
    if organ.endswith("政府"):
        return "government"
    return None
