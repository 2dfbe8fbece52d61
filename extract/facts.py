"""Figures the prose states, each with the exact quote it was read from.

Names are the canonical field id where the sentence states a table cell
(`active.licensing`, `active.normative_docs.in_force`, `appeals.review.total`), otherwise a
claim name (`applications.received`, `applications.none`, `appeals.litigation` (both
litigation groups together), `proactive.total`, `proactive.part:<label>`, `proactive.share:<label>`).
Table regions are skipped: only narrative text states facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from operator import attrgetter

from ..report import Fact
from .anchored import alternatives, finditer_at, occurrences, positions
from .numbers import COUNT, parse_number

_GAP = r"[^。;\n\d]"  # within one clause, no digits
_COUNT_UNITS = r"件|条|个|份|宗"

# The words each whole-text pattern begins with: it is tried only where one of them stands (anchored.py).
_RECEIVING = ("收到", "受理", "接到", "接收", "新收")
_NOT = ("未", "没有")
_ALL = ("所有", "全部")

_RECEIVED = [
    re.compile(rf"{alternatives(_RECEIVING)}{_GAP}{{0,20}}?申请{_GAP}{{0,8}}?(?P<n>{COUNT})\s*(?:{_COUNT_UNITS})"),
    re.compile(rf"{alternatives(_RECEIVING)}{_GAP}{{0,6}}?(?P<n>{COUNT})\s*(?:{_COUNT_UNITS}){_GAP}{{0,10}}?申请"),
]
# "收到行政复议申请2件" is not a disclosure application: a received-count must name disclosure,
# or stand in section 三 (收到和处理政府信息公开申请情况).
_DISCLOSURE = re.compile(r"公开|依申请|信息")
_OTHER_APPLICATIONS = re.compile(r"复议|诉讼|信访|投诉|许可|低保|补贴|救助")
_NONE_RECEIVED = re.compile(rf"{alternatives(_NOT)}(?:收到|接到|受理){_GAP}{{0,16}}?申请")
_DECISIONS = re.compile(rf"(?P<kind>行政许可|行政处罚|行政强制){_GAP}{{0,10}}?(?P<n>{COUNT})\s*(?:件|宗|次|份)")
# 规章 and 规范性文件 counts: a sentence names the kind once and then states 制发 / 废止 / 现行有效 in
# any order (制发行政规范性文件3件，废止2件，现行有效40件; 清理后现行有效规范性文件40件).
_CLAUSE = re.compile(r"[^,，;；]+")
_DOC_KINDS = {"regulations": re.compile(r"规章(?!制度)"), "normative_docs": re.compile(r"规范性文件")}
_ANY_DOC_KIND = re.compile("|".join(p.pattern for p in _DOC_KINDS.values()))
_DOC_VERBS = {"制发": "issued", "制定": "issued", "出台": "issued", "印发": "issued",
              "废止": "repealed", "废除": "repealed", "作废": "repealed", "宣布失效": "repealed",
              "现行有效": "in_force", "继续有效": "in_force", "保留": "in_force"}
_DOC_COUNT = re.compile(rf"(?P<verb>{'|'.join(_DOC_VERBS)}){_GAP}{{0,15}}?(?P<n>{COUNT})\s*(?:件|条|个|份|部|篇)")
# 行政复议 / 行政诉讼 counts about disclosure (the sentence says 公开, or it stands in section 四).
_APPEALS = re.compile(rf"(?P<kind>行政复议|行政诉讼)(?P<gap>{_GAP}{{0,12}}?)(?P<n>{COUNT})\s*(?:件|起|宗|次|个)")
APPEAL_FACTS = {"行政复议": "appeals.review.total", "行政诉讼": "appeals.litigation"}
_FEES_WORD = "行政事业性收费"  # a long word: found by str.find of it whole (anchored.occurrences)
_FEES = re.compile(rf"{alternatives([_FEES_WORD])}{_GAP}{{0,8}}?(?P<n>\d[\d,]*(?:\.\d+)?[千亿]?)\s*(?P<unit>万元|元)")  # 1亿元 is 1e8 元
_ALL_CONCLUDED = re.compile(rf"{alternatives(_ALL)}{_GAP}{{0,10}}?申请{_GAP}{{0,6}}?(?:均已|均|已全部|全部)(?:按时)?办结")
_NO_APPEALS = re.compile(rf"{alternatives(_NOT)}(?:发生|出现|收到|涉及){_GAP}{{0,20}}?(?:行政复议|行政诉讼)")
_PROACTIVE_TOTAL = re.compile(rf"主动公开[^。;\n\d]{{0,25}}?(?P<n>{COUNT})\s*(?:条|件|篇)")
_SHARE_ITEM = re.compile(r"(?P<n>\d+)\s*条[^。\d%]{0,3}?占(?:比)?[^\d。\n]{0,10}?(?P<p>\d+(?:\.\d+)?)\s*%")
_LIST_ITEM = re.compile(r"(?P<label>[^,;:\d。]{1,16}?)\s*(?P<n>\d+)\s*条")
_SUBSECTION = re.compile(r"^\s*[(（]\s*[二三四五六七八九]\s*[)）]", re.M)
_LEADING_VERBS = ("其中", "共计", "共", "累计", "发布", "公开", "达", "为", "约", "有")
_TRAILING_VERBS = _LEADING_VERBS[1:]
_VERBS = re.compile(rf"^{alternatives(_LEADING_VERBS)}+|{alternatives(_TRAILING_VERBS)}+$")
_CLAUSE_BREAK = re.compile(r"[,;:。]")

_IN_TEXT_ORDER = attrgetter("start", "name")  # (start, name), got in C
DECISION_FIELDS = {"行政许可": "active.licensing", "行政处罚": "active.punishment", "行政强制": "active.coercion"}

# What a sentence stating each fact must name (a quote without it does not state that fact).
KEY_PHRASES: dict[str, tuple[str, ...]] = {
    "applications.received": ("申请",), "applications.none": ("申请",), "applications.all_concluded": ("办结",),
    "appeals.none": ("复议", "诉讼"), "appeals.review.total": ("复议",), "appeals.litigation": ("诉讼",),
    "active.licensing": ("许可",), "active.punishment": ("处罚",), "active.coercion": ("强制",), "active.fees": ("收费",),
    "active.regulations": ("规章",), "active.normative_docs": ("规范性文件",), "proactive.total": ("公开",),
}


def key_phrases(name: str) -> tuple[str, ...]:
    """The words a quote stating `name` must contain; () for the proactive parts, named by their own label."""
    if name.startswith(("active.regulations.", "active.normative_docs.")):
        return KEY_PHRASES[name.rsplit(".", 1)[0]]
    return KEY_PHRASES.get(name, ())


def _fact(name: str, value: float | int, m: re.Match[str], unit: str | None = None) -> Fact:
    return Fact(name, value, m.start(), m.end(), m.group(0), unit)


def _without_verbs(label: str) -> str:
    """`label` without the verbs before and after it (`共发布`, `其中`…).
    _VERBS can only match where the label starts or ends with one (`$` also before a final newline):
    most labels have none and are not searched."""
    if label.startswith(_LEADING_VERBS) or label.endswith(_TRAILING_VERBS) or label.endswith("\n"):
        return _VERBS.sub("", label)
    return label


def _outside(spans: Iterable[tuple[int, int]], m: re.Match[str]) -> bool:
    at = m.start()  # (a loop, not all() over a generator: called for every match in the text)
    for s, e in spans:
        if s <= at < e:
            return False
    return True


def _label_before(text: str, start: int, floor: int) -> str:
    """The name of a part: the clause just before its number (`工作动态类信息。共发布60条` → 工作动态类信息)."""
    line_start = max(text.rfind("\n", floor, start) + 1, floor)
    clauses = _CLAUSE_BREAK.split(text[line_start:start])
    for clause in reversed(clauses):
        label = _without_verbs(clause.strip()).strip()
        if label:
            return label
    return "?"


def _proactive(text: str, skip: list[tuple[int, int]], limit: int) -> list[Fact]:
    for total_m in _PROACTIVE_TOTAL.finditer(text, 0, limit):  # the first outside the tables
        if _outside(skip, total_m):
            break
    else:
        return []
    total = parse_number(total_m["n"])
    facts = [_fact("proactive.total", total, total_m)]
    sub = _subsection(text, total_m.end(), limit)
    window_end = min(sub.start() if sub else limit, total_m.end() + 1500)
    # Every share names its 占: a window without one is not scanned digit by digit.
    has_shares = text.find("占", total_m.end(), window_end) >= 0
    shares = _shares(text, total_m.end(), window_end) if has_shares else []
    if len(shares) >= 2:
        for m in shares:
            start, n = m.start(), m["n"]
            label = _label_before(text, start, total_m.end())
            part_end = m.start("n") + len(n) + 1
            facts.append(Fact(f"proactive.part:{label}", parse_number(n), start, part_end, text[start:part_end]))
            facts.append(Fact(f"proactive.share:{label}", float(m["p"]), m.start("p"), m.end(), text[m.start("p") : m.end()], unit="%"))
        return facts
    # "其中A 56条,B 5条…" in the same sentence: parts run until they reach the total.
    sentence_end = text.find("。", total_m.end(), window_end)
    sentence_end = window_end if sentence_end < 0 else sentence_end
    rest = text[total_m.end() : sentence_end]
    if "其中" not in rest:
        return facts
    items, running = [], 0
    for m in _LIST_ITEM.finditer(text, total_m.end() + rest.index("其中"), sentence_end):
        value = parse_number(m["n"])
        items.append((m, value))
        running += value
        if running == total:
            break
    for m, value in items:
        label = _without_verbs(m["label"].strip()).strip() or "?"
        facts.append(_fact(f"proactive.part:{label}", value, m))
    return facts


def _subsection(text: str, start: int, end: int) -> re.Match[str] | None:
    """`_SUBSECTION.search(text, start, end)`, tried only where it can match: at the first line start in
    the white space just before a ( or （. re tries `^` at every character up to the sub-heading.

    Exact: from a line start a match is white space and then its parenthesis; tried from any line start
    in that white space it goes the same way, so the first one is where search finds it."""
    half, full = text.find("(", start, end), text.find("（", start, end)
    while half >= 0 or full >= 0:
        if full < 0 or 0 <= half < full:
            at, half = half, text.find("(", half + 1, end)
        else:
            at, full = full, text.find("（", full + 1, end)
        space = at  # the white space before the parenthesis, from `start` on (\s)
        while space > start and text[space - 1].isspace():
            space -= 1
        if space == 0 or text[space - 1] == "\n":
            line_start = space
        else:
            line_start = text.find("\n", space, at) + 1
            if line_start == 0:
                continue  # no line starts in that white space: `^` holds nowhere before this parenthesis
        if m := _SUBSECTION.match(text, line_start, end):
            return m
    return None


def _shares(text: str, start: int, end: int) -> list[re.Match[str]]:
    """`list(_SHARE_ITEM.finditer(text, start, end))`, the pattern tried only where a count stands before
    a 条 (every share begins `60条`): re tries it at every digit, and a window of shares is full of them (65.93%).

    Exact: a match begins in the run of digits (and spaces) just before its first 条, and tried anywhere
    in that run it goes the same way after it; finditer tries the run's first place not inside the last match."""
    found = []
    after = start  # where finditer may try next: the window's start, then the end of the last match
    at = text.find("条", start, end)
    while at >= 0:
        digits_end = at
        while digits_end > after and text[digits_end - 1].isspace():  # \s
            digits_end -= 1
        begin = digits_end
        while begin > after and text[begin - 1].isdecimal():  # \d
            begin -= 1
        if begin < digits_end and (m := _SHARE_ITEM.match(text, begin, end)):
            found.append(m)
            after = m.end()
            at = text.find("条", max(after, at + 1), end)
        else:
            at = text.find("条", at + 1, end)
    return found


def _documents(text: str, skip: list[tuple[int, int]]) -> list[Fact]:
    """规章 / 规范性文件: 制发, 废止, 现行有效 counts, the kind carried from clause to clause of a sentence."""
    facts: list[Fact] = []
    for sentence_start, sentence_end in _sentences_naming_documents(text):
        if _within_one(skip, sentence_start, sentence_end):
            continue  # a table's row: every count in it would be skipped below
        kind, at = None, None
        for clause in _CLAUSE.finditer(text, sentence_start, sentence_end):
            # Both kinds begin with 规: a clause without one (found by memchr) names neither.
            named = {k: m for k, p in _DOC_KINDS.items() if (m := p.search(text, clause.start(), clause.end()))} \
                if text.find("规", clause.start(), clause.end()) >= 0 else {}
            if len(named) > 1:  # "规章、规范性文件0件" states the two rows together: no one cell
                kind, at = None, None
                continue
            if named:
                (kind, m), = named.items()
                at = m.start()
            if kind is None:
                continue
            for m in _DOC_COUNT.finditer(text, clause.start(), clause.end()):
                if not _outside(skip, m):
                    continue
                start = min(at, m.start())  # the quote names the kind it counts
                name = f"active.{kind}.{_DOC_VERBS[m['verb']]}"
                facts.append(Fact(name, parse_number(m["n"]), start, m.end(), text[start : m.end()]))
    return facts


def _within_one(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    for s, e in spans:
        if s <= start and end <= e:
            return True
    return False


def _sentences_naming_documents(text: str) -> list[tuple[int, int]]:
    """The sentences (runs between 。 and line ends) that name 规章 or 规范性文件, found from the words
    outwards: most lines are table rows, and visiting each of them cost more than the rest of the reader."""
    found: list[tuple[int, int]] = []
    for m in _ANY_DOC_KIND.finditer(text):
        if found and m.start() < found[-1][1]:
            continue  # the sentence already found
        found.append(_sentence_around(text, m.start(), m.end()))
    return found


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end]: from the 。 or line end before it to the 。 or line end after it.
    The line's ends are found first and 。 only within them: a table has no 。 to stop a search sooner."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    stop = text.find("。", end, line_end)
    return max(text.rfind("。", line_start, start) + 1, line_start), (line_end if stop < 0 else stop)


def _appeals(text: str, skip: list[tuple[int, int]], section4: tuple[int, int] | None) -> list[Fact]:
    facts = []
    for m in _APPEALS.finditer(text):
        if not _outside(skip, m) or "复议" in m["gap"] or "诉讼" in m["gap"]:  # "复议、诉讼各0件": two groups at once
            continue
        sentence_start = _sentence_around(text, m.start(), m.start())[0]
        in_section4 = section4 is not None and section4[0] <= m.start() < section4[1]
        if not in_section4 and "公开" not in text[sentence_start : m.end()]:
            continue
        facts.append(_fact(APPEAL_FACTS[m["kind"]], parse_number(m["n"]), m))
    return facts


def _about_disclosure(m: re.Match[str], section3: tuple[int, int] | None) -> bool:
    said = m.group(0)
    if _OTHER_APPLICATIONS.search(said):
        return False
    return bool(_DISCLOSURE.search(said)) or (section3 is not None and section3[0] <= m.start() < section3[1])


def read_facts(
    text: str, table_spans: list[tuple[int, int]], section1_end: int | None = None, section3: tuple[int, int] | None = None,
    section4: tuple[int, int] | None = None,
) -> list[Fact]:
    """Every fact the prose states outside the tables, in text order."""
    facts: list[Fact] = []
    facts += _proactive(text, table_spans, section1_end or len(text))
    # (each reader below runs only if its words stand in the text: most reports lack some of them)
    receiving, nots = positions(text, _RECEIVING), positions(text, _NOT)
    if receiving:
        for pattern in _RECEIVED:
            facts += [_fact("applications.received", parse_number(m["n"]), m) for m in finditer_at(pattern, text, receiving)
                      if _outside(table_spans, m) and _about_disclosure(m, section3)]
    if nots:
        facts += [_fact("applications.none", 0, m) for m in finditer_at(_NONE_RECEIVED, text, nots)
                  if _outside(table_spans, m) and _about_disclosure(m, section3)]
    for m in _DECISIONS.finditer(text):
        if _outside(table_spans, m):
            facts.append(_fact(DECISION_FIELDS[m["kind"]], parse_number(m["n"]), m))
    facts += _documents(text, table_spans)
    facts += _appeals(text, table_spans, section4)
    if fees := occurrences(text, _FEES_WORD):
        for m in finditer_at(_FEES, text, fees):
            if _outside(table_spans, m):
                facts.append(_fact("active.fees", parse_number(m["n"]), m, unit=m["unit"]))
    if alls := positions(text, _ALL):
        facts += [_fact("applications.all_concluded", 0, m) for m in finditer_at(_ALL_CONCLUDED, text, alls)
                  if _outside(table_spans, m)]
    if nots:
        facts += [_fact("appeals.none", 0, m) for m in finditer_at(_NO_APPEALS, text, nots) if _outside(table_spans, m)]
    # Two patterns can read the same sentence; keep one fact per (name, span).
    unique = {(f.name, f.start, f.end): f for f in facts}
    return sorted(unique.values(), key=_IN_TEXT_ORDER)
