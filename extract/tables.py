"""The built-in table reader: one algorithm for every layout.

Each row is found by its printed label (whitespace between characters allowed, so
`自\\n然\\n人` or `商业\\n\\n企业` still match); its values are the number tokens between the
end of its label and the start of the next row's label, whatever separates them (tabs,
pipes, newlines, spaces). Only when a row has fewer numbers than columns are cell
positions (tabs, pipes) used to place the blanks; if that is ambiguous too, the row is left
null with an error finding, never filled in order. Tables that reach the text as a loader's
grid are read by their headers instead (extract/grid_reader.py).

Most rows of most text tables print one plain integer per cell: such a row is read by one
compiled pattern straight into its cells (read_plain_row); any other row by its tokens
(TokenIndex). Both give the same cells (tests/test_tables_fast.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any, NamedTuple

from .. import fields as F
from ..report import BUILTIN, SPLIT, Cell, Finding
from . import digits
from .identities import table_identities
from .labels import ACTIVE_KEYWORDS, APPLICATION_KEYWORDS_2019, APPLICATION_KEYWORDS_2021, spaced
from .numbers import MARKER, UNITS, Token, new_token, not_a_value, tokens
from .patterns import compiled
from .table_read import TableRead
from .table_read import token_cell as _cell


# Row label patterns of the applications table, in printed order (2021, and 2019 with one （六）其他处理 row).
APPLICATION_LABELS_2021: list[tuple[str, str]] = [(row, spaced(k)) for row, k in APPLICATION_KEYWORDS_2021]
APPLICATION_LABELS_2019: list[tuple[str, str]] = [(row, spaced(k)) for row, k in APPLICATION_KEYWORDS_2019]

# Row label patterns of the active table; the rows and their columns are fields.ACTIVE_ROWS_*.
ACTIVE_LABELS: dict[str, str] = {row: spaced(k) for row, k in ACTIVE_KEYWORDS.items()} | {
    "normative_docs": r"(?:行\s*政\s*)?" + spaced("规范性文件"),  # 2019 prints 规范性文件, 2021 行政规范性文件
}


def _canonical(template: str) -> dict[str, str]:
    """Each field id of a template to fields.py's own string object for it. Cells keyed by those very
    objects are found by identity (no string compare) wherever fields.py's lists look them up."""
    return {fid: fid for fid in F.fields_for(template)}


# One pattern per phrase, not one alternation: a pattern opening with a literal character is scanned
# for that character at C speed, an alternation of different first characters is tried at every
# position (about 8 times slower over a section). Only whether any phrase is printed matters here.
# Each phrase comes with one of its characters that the other format's table does not print: whitespace
# may stand between a phrase's characters, but each is printed as it is, so where str.find does not find
# that one (~0.1 µs) the phrase is not printed, without the pattern's search (~0.5 µs, most of it set-up).
_SIGNS_2019_ACTIVE = [(ch, re.compile(spaced(w))) for w, ch in (
    ("本年新制作", "新"), ("本年新公开", "新"), ("上一年项目数量", "目"), ("政府集中采购", "采"), ("对外公开总数量", "总"))]
_SIGNS_2021_OTHER = [(ch, re.compile(spaced(w))) for w, ch in (("逾期不补正", "逾"), ("缴纳费用", "缴"))]
_OTHER_PROCESSING = re.compile(spaced("其他处理"))


def _printed(signs: list[tuple[str, re.Pattern[str]]], text: str, span: tuple[int, int]) -> bool:
    return any(text.find(ch, *span) >= 0 and sign.search(text, *span) for ch, sign in signs)


def detect_template(text: str, active: tuple[int, int], applications: tuple[int, int]) -> str:
    """Which national format the tables follow, told by their own headers, not by the year."""
    if _printed(_SIGNS_2019_ACTIVE, text, active):
        return F.TEMPLATE_2019
    # 2021's phrases first: most reports print one, and then 其他处理 (both formats print it) is not looked for.
    if not _printed(_SIGNS_2021_OTHER, text, applications) and _OTHER_PROCESSING.search(text, *applications):
        return F.TEMPLATE_2019
    return F.TEMPLATE_2021


_ACTIVE_START = re.compile(spaced("第二十条") + "|" + spaced("信息内容"))
_APPEALS_HEADER = re.compile("|".join(spaced(w) for w in ("结果维持", "结果纠正", "尚未审结")))
_APPEALS_TITLE = re.compile(spaced("行政复议"))
_SEPARATED = re.compile(r"[\t|]")


class TokenIndex:
    """A table region's tokens; rows take theirs by position.

    For the rows read_plain_row leaves (a blank cell, a marker, a unit, glued digits …). A row whose
    numbers are nothing but plain integers between separators is read straight from its digits; the
    region is tokenized, once, for the first row that holds anything else. Both give the same tokens
    (tests/test_tables_fast.py)."""

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self._tokens: list[Token] | None = None
        self._starts: list[int] = []
        self._plain: dict[tuple[int, int], list[Token] | None] = {}  # each row is asked for twice

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = tokens(self.text, self.start, self.end)
            self._starts = [t.start for t in self._tokens]
        return self._tokens

    def between(self, start: int, end: int) -> list[Token]:
        if self.start <= start <= end <= self.end:
            if (start, end) not in self._plain:
                self._plain[start, end] = plain_row_tokens(self.text, start, end)
            if (plain := self._plain[start, end]) is not None:
                return plain
        found = self.tokens
        return found[bisect_left(self._starts, start) : bisect_left(self._starts, end)]


# A row segment of plain integers between separators, perhaps after the rest of its label cell and
# before the next row's heading (any words without digits, and numbering such as `2.其他`). Nothing
# outside the numbers can then change how they read: each has a separator before it and after it
# (past any spaces), so no sign, label or look-around reaches them; only a unit or magnitude could
# join the last one across the whitespace after it, and a marker (—, 无 standing alone) could be a
# cell: both are checked.
_NUMBERING = r"(?<=\s)[0-9]{1,3}(?= {0,2}[.、])"  # `1.属于…`, `2. 其他`: checked below as the general reader checks it
_PLAIN_ROW = re.compile(rf"(?:\D*[ \t|\n](?:[0-9]{{1,18}} *[|\t\n][ \t|\n]*)*)?(?P<tail>(?:\D|{_NUMBERING})*)")
_DIGIT_RUN = re.compile(r"[0-9]+")
_NEXT_PRINTED = re.compile(r"\s*")
_ATTACHES = frozenset("千万亿" + UNITS.replace("|", ""))  # what _NUMBER reads as a number's magnitude or unit
PLAIN_ROW_MAX = 600  # characters: beyond, the general reader (the pattern may backtrack over words)


def plain_row_tokens(text: str, start: int, end: int) -> list[Token] | None:
    """The tokens of text[start:end] when its numbers are plain integers between separators, else None."""
    m = _PLAIN_ROW.fullmatch(text, start, end) if end - start <= PLAIN_ROW_MAX else None
    if m is None or MARKER.search(text, start, end):
        return None
    tail = m.start("tail")
    if any(not not_a_value(text, d.start()) for d in _DIGIT_RUN.finditer(text, tail, end)):
        return None
    found = [new_token(Token, ("number", int(digits), d.start(), d.end(), digits, None))
             for d in _DIGIT_RUN.finditer(text, start, tail) for digits in (d.group(),)]
    if found and _attaches(text, found[-1].end):
        return None
    return found


def _attaches(text: str, end: int) -> bool:
    """Whether what is printed next after a number ending at `end` (past whitespace) is a unit or magnitude of it."""
    # Most rows end in a few separators before the next label: str.lstrip strips what `\s` matches (str.isspace),
    # at a third of a pattern match's cost; past eight characters of whitespace, the pattern.
    printed = text[end : end + 8].lstrip()
    if printed:
        return printed[0] in _ATTACHES
    after = _NEXT_PRINTED.match(text, end).end()
    return text[after : after + 1] in _ATTACHES  # `12\n件…`: the general reading may join them


# The commonest row of all, one plain integer in each of its n cells, read by one pattern with a
# group per cell (no per-number Python step), its cells made straight from the groups. It takes only
# what plain_row_tokens takes, checked inside the pattern where plain_row_tokens checks after it:
# a marker's first character (—, -, /, \, 无, 空, *) only where another printed character follows it,
# so no marker can stand alone (`无正当理由` passes, `无` between tabs does not); digits in the tail
# only as numbering that `_is_numbering` certainly refuses (`1.属于`, `2、 其他`: a CJK character
# within the four characters it looks at). Anything else goes the general way (tests/test_tables_fast.py).
_MARKER_FIRST = r"—\-/\\无空*"
_TEXT = rf"[^\d{_MARKER_FIRST}]*(?:[{_MARKER_FIRST}](?=[^\s|])[^\d{_MARKER_FIRST}]*)*"  # \D without a marker
_CERTAIN_NUMBERING = r"(?<=\s)[0-9]{1,3}(?=(?:[.、] {0,2}| [.、] ?|  [.、])[\u4e00-\u9fff])"
# Possessive (`*+`): a cell's digits, its spaces and its separators are each followed by what they cannot
# hold (spaces or a separator, a separator, the next digit), so giving back never finds another match;
# sre then keeps no backtracking state for them (a 7-cell row matches about 15% faster).
_CELL = r"([0-9]{1,18}+) *+[|\t\n][ \t|\n]*+"
# After the last cell, what is printed next must not join it as a unit or magnitude; when that is past
# the row's end (or is such a character), the `open` group marks it for _attaches to look.
_LAST_CELL = rf"([0-9]{{1,18}}+)(?:(?=\s*[^\s{''.join(map(re.escape, sorted(_ATTACHES)))}])|(?P<open>)) *+[|\t\n][ \t|\n]*"
# The next row's numbering right before its label (`\n\t2.` + 重复申请): what follows it is past the
# row's end, out of the pattern's sight, so it is checked after the match as plain_row_tokens checks it.
_LAST_NUMBERING = r"(?:(?<=\s)(?P<numbering>[0-9]{1,3}) {0,2}[.、] {0,2})?"
# Before the first cell and after the last, a first branch for what most rows print (separators only
# before; words without a digit or marker after), tried before the general one it is a part of: the
# same strings match and the cells' groups are the same (each cell is the next digit run), but the
# common row skips the general branch's repeated group (about 25% of a row's match).
_GENERAL_HEAD = rf"{_TEXT}[ \t|\n]"
_GENERAL_TAIL = rf"{_TEXT}(?:{_CERTAIN_NUMBERING}{_TEXT})*{_LAST_NUMBERING}"
_HEAD = rf"(?:[ \t|\n]++|{_GENERAL_HEAD})"
_TAIL = rf"(?:[^\d{_MARKER_FIRST}]*+\Z|{_GENERAL_TAIL})"
_PLAIN_CELLS: dict[int, re.Pattern[str]] = {}
_new_cell = object.__new__
# The value of each 0 … 999 as printed without leading zeros (`007` is not a key: int() reads it).
# int(str) first copies the string to ASCII, about three times a dict look-up; most cells are small counts.
# A miss (a larger or zero-led number) is int()'s reading. A plain dict, not a subclass with __missing__:
# CPython 3.11 specializes a subscript of an exact dict only (~12 ns a cell less), and a try costs nothing.
_SMALL_INTS: dict[str, int] = {str(n): n for n in range(1000)}


def _plain_cells_source(ncols: int, head: str = _HEAD, tail: str = _TAIL) -> str:
    """The pattern of a plain row of `ncols` cells (groups 1 … ncols); the tests also build it with the
    general head and tail alone."""
    return f"{head}{_CELL * (ncols - 1)}{_LAST_CELL}{tail}"


def _plain_cells_pattern(ncols: int) -> re.Pattern[str]:
    if ncols not in _PLAIN_CELLS:
        _PLAIN_CELLS[ncols] = compiled(_plain_cells_source(ncols))  # ~2 ms each with re.compile (patterns.py)
        # read_plain_row finds `open` and `numbering` by number, right after the cells
        assert _PLAIN_CELLS[ncols].groupindex == {"open": ncols + 1, "numbering": ncols + 2}
    return _PLAIN_CELLS[ncols]


def read_plain_row(text: str, start: int, end: int, field_ids: list[str], cells: dict[str, Cell]) -> bool:
    """Put the row's cells into `cells` when text[start:end] holds one plain integer per field between
    separators; else put nothing and say False.

    The same cells as reading plain_row_tokens' tokens into them (tests/test_tables_fast.py). Written
    the fast way, as the slots of a new Cell set in place: Cell(…) runs the dataclass __init__ through
    type.__call__, about 40% dearer, and a report's tables make 200 cells. Every field is set (the
    tests compare these cells with Cell(…)'s)."""
    if end - start > PLAIN_ROW_MAX:
        return False
    ncols = len(field_ids)
    m = (_PLAIN_CELLS.get(ncols) or _plain_cells_pattern(ncols)).fullmatch(text, start, end)
    if m is None:
        return False
    # m.regs: every group's span in one C call (m.span(i) is a method call per cell); the `open` and
    # `numbering` groups are the two after the cells (a group not taken spans (-1, -1)).
    regs = m.regs
    if m.lastindex != ncols:  # `open` or `numbering` took part (groups close in order): look past the row
        if regs[ncols + 1][0] >= 0 and _attaches(text, regs[ncols][1]):
            return False
        numbering = regs[ncols + 2][0]
        if numbering >= 0 and not not_a_value(text, numbering):
            return False
    _put_cells(field_ids, m.groups(), regs[1:], cells)  # zip stops at the last cell
    return True


def _put_cells(field_ids: Iterable[str], printed: Iterable[str], spans: Iterable[tuple[int, int]], cells: dict[str, Cell]) -> None:
    """A plain integer's cell for each field, from its printed digits and their span.

    Written the fast way, as the slots of a new Cell set in place: Cell(…) runs the dataclass __init__
    through type.__call__, about 40% dearer, and a report's tables make 200 cells. Every field is set
    (the tests compare these cells with Cell(…)'s). Module names are read from locals in the loop."""
    new_cell, cell_type, value_of, builtin = _new_cell, Cell, _SMALL_INTS, BUILTIN
    for fid, digits_printed, (cell_start, cell_end) in zip(field_ids, printed, spans):
        cell = new_cell(cell_type)
        cell.field = fid
        try:
            cell.value = value_of[digits_printed]
        except KeyError:
            cell.value = int(digits_printed)
        cell.start = cell_start
        cell.end = cell_end
        cell.extractor = builtin
        cell.raw = digits_printed
        cell.unit = None
        cell.status = "ok"
        cell.alt_value = None
        cell.alt_extractor = None
        cells[fid] = cell


# --- a whole table of plain rows, read by one pattern ----------------------------------------------
# Most text tables print every row's label and one plain integer in each cell. Row by row, such a table
# costs a label search, a fullmatch, a groups() and a regs per row (25 rows in the applications table);
# one pattern reads all its rows but the last in one match, and their cells in one loop. Where it
# matches (and no marker stands alone in it, checked after), each row's segment (its label's end to the
# next label's start) is the one _find_labels cuts, and the row's own pattern (_plain_cells_pattern)
# fullmatches it with the same cells and passes read_plain_row's looks past the row:
# - each next label is its first occurrence after the previous one, as _find_labels searches: a row's
#   head never holds it (`(?!label)` where it could open), its cells cannot (a label opens with a CJK
#   character, checked below), and its tail stops where it first opens. The pattern matches a text in
#   one way only, so the label's span there is its own pattern's match.
# - the head is one the row pattern takes, the cells are its cells, and the tail holds what its tail
#   takes: words without a digit, a marker followed by a printed character within the row (the search
#   after the match and the look-behind before each label), and numbering _CERTAIN_NUMBERING proves
#   (before the characters fields.py prints after numbering only). One such numbering may stand right
#   before the next label, whose CJK character is past the row: the row pattern takes it as `numbering`,
#   and not_a_value looks past the row at that same character and refuses it as a value.
# - the first printed character after the last cell is no unit or magnitude; when it is the next
#   label's (past the row), the row pattern's `open` has _attaches look at that same character.
# - no segment is longer than PLAIN_ROW_MAX (checked after the match).
# The last row runs to the table's end, where no label follows: it is read as any row is. Any other
# table fails the match and is read row by row (tests/test_tables_fast.py).
# Every class in it is ASCII or one or two runs of characters: re compiles a class of several other
# characters into a 64 K bitmap (~0.1 ms) and a class of CJK ranges character by character (~0.7 ms),
# which for ~100 rows would cost a process more than it saves in a thousand reports.

# spaced(…), perhaps after an optional (?:…)? (ACTIVE_LABELS); each opening character not repeated or optional.
_LABEL_OPENING = re.compile(r"(?:\(\?:([^\\(])(?![?*+{])[^()]*\)\?)?([^\\(])(?![?*+{])")


def _label_opens(label: str) -> str:
    """The characters a row label's pattern can open with; each a CJK character that is neither a marker
    nor a unit or magnitude (what the one-pattern table relies on)."""
    m = _LABEL_OPENING.match(label) if "|" not in label else None
    opens = "".join(ch for ch in m.groups() if ch) if m else ""
    if not opens or any(not "\u4e00" <= ch <= "\u9fff" or ch in _ATTACHES or ch in _MARKER_FIRST for ch in opens):
        raise ValueError(f"row label {label!r}: the one-pattern table needs it to open with a CJK character")
    return opens


def _either(chars: Iterable[str]) -> str:
    """One of `chars`, as branches: re would fold `[…]` or `a|b|…` into a 64 K bitmap (~0.2 ms to compile,
    per row); the never-matching last branch keeps the branches."""
    return "(?:" + "|".join(map(re.escape, chars)) + "|(?!))"


# What the national format prints right after a row's numbering (`1.属于…`, `2.重复申请`), from fields.py:
# CJK characters all, so numbering before one of them is numbering _CERTAIN_NUMBERING proves.
_AFTER_NUMBERING = sorted({ch for _, printed in F.APPLICATION_ROWS_2021 + F.APPLICATION_ROWS_2019
                           for ch in re.findall(r"[0-9][.、]\s*(\S)", printed)})
assert _AFTER_NUMBERING and all("\u4e00" <= ch <= "\u9fff" for ch in _AFTER_NUMBERING)
_NATIONAL_NUMBERING = rf"(?<=\s)[0-9]{{1,3}}(?=[.、] ?{_either(_AFTER_NUMBERING)})"  # (the commonest of its spacings)
_MARKERS = "—-/\\无空*"  # the characters of _MARKER_FIRST
assert set(_MARKERS) == set(re.sub(r"\\(.)", r"\1", _MARKER_FIRST))
_NOT_AFTER_A_MARKER = "".join(rf"(?<!{re.escape(ch)})" for ch in _MARKERS if ch > "\xff") + r"(?<![\-/\\*])"
_LAST_CELL_BEFORE_WORDS = rf"([0-9]{{1,18}}+)(?=\s*+(?!{_either(sorted(_ATTACHES))})\S) *+[|\t\n]"


def _row_to_next_label(ncols: int, label: str) -> str:
    """A plain row of `ncols` cells (groups 1 … ncols) and the next row's label (group ncols + 1).

    Short (re compiles ~1 µs a character, and a table has 25 rows) and without a repeated or an
    atomic group (sre copies every group's mark so far at each step of those: with 200 groups, more
    than the rows' own matches cost). Nothing in it can match one text two ways, so a table that does
    not read fails without backtracking."""
    # Neither a value nor where the label could open: a label printed there would be its first occurrence.
    # Markers are taken here and checked after the match (_marker_stands_alone) and before the label.
    opens = _label_opens(label)
    words = rf"[^\d{opens}]*+"
    elsewhere = rf"(?:(?!{label})[{opens}]{words}|)"  # once in a head or a tail: where the label does not open
    head = rf"{words}{elsewhere}(?<=[ \t|\n])"  # anything without a digit, ending in a separator
    tail = rf"{words}(?:{_NATIONAL_NUMBERING}{words}|){elsewhere}"
    return rf"{head}{_CELL * (ncols - 1)}{_LAST_CELL_BEFORE_WORDS}{tail}{_NOT_AFTER_A_MARKER}({_unspaced_first(label)})"


def _unspaced_first(label: str) -> str:
    """A label written by spaced(…), its printing without whitespace tried first: the same strings at the same
    places, matched in one way (`(?!…)` keeps the spaced branch off what the first takes; a label of printed
    characters is matched by spaced(…) at one length at most). sre matches a run of literals far faster than
    a `\\s*` between each two characters: ~2 µs of a table's ~20 µs match. Any other pattern is kept as it is."""
    chars = [piece[-1:] for piece in label.split(r"\s*")]
    if spaced("".join(chars)) != label or any(ch.isspace() for ch in chars):  # (spaced takes each at one length)
        return label
    unspaced = re.escape("".join(chars))
    return f"(?:{unspaced}|(?!{unspaced}){label})"


def _marker_stands_alone(text: str, start: int, end: int) -> bool:
    """Whether a marker in text[start:end] has a space or a separator after it (as no row's words may).
    str.find per marker: the few markers a table prints are found at C speed (a search by pattern
    tries each character, ~3 µs over a table)."""
    for marker in _MARKERS:
        at = text.find(marker, start, end)
        while at >= 0:
            after = text[at + 1 : at + 2]
            if after.isspace() or after == "|":
                return True
            at = text.find(marker, at + 1, end)
    return False


class _PlainTable(NamedTuple):
    """A table's rows as one pattern: every row but the last, each up to the next row's label."""

    source: str  # compiled when a table of this layout is first read (~10 ms a table, see _row_to_next_label)
    pattern: list[re.Pattern[str]]  # … into this list (empty before)
    fields: list[str]  # the field ids of every row but the last, in turn
    cell_groups: tuple[int, ...]  # their cells' groups, for m.group(*…) (only the cells' digits are made) …
    spans: Callable[[tuple[Any, ...]], tuple[tuple[int, int], ...]]  # … and spans from m.regs
    labels: Callable[[tuple[Any, ...]], tuple[tuple[int, int], ...]]  # every row's label but the first, from m.regs
    rows: list[str]  # every row, in order


def _plain_table(labels: list[tuple[str, str]], rows: list[tuple[str, list[str]]]) -> _PlainTable:
    if len(rows) < 3:
        raise ValueError("a one-pattern table has two rows or more before its last (itemgetter then gives tuples)")
    source, cells, next_labels, group = [], [], [], 0
    for (_, field_ids), (_, next_label) in zip(rows, labels[1:]):
        source.append(_row_to_next_label(len(field_ids), next_label))
        cells += range(group + 1, group + 1 + len(field_ids))
        group += len(field_ids) + 1
        next_labels.append(group)
    return _PlainTable(
        "".join(source), [], [fid for _, field_ids in rows[:-1] for fid in field_ids],
        tuple(cells), itemgetter(*cells), itemgetter(*next_labels), [row for row, _ in rows],
    )


def _read_plain_table(text: str, layout: _Layout, start: int, end: int, cells: dict[str, Cell]) -> dict[str, tuple[int, int]] | None:
    """Every row's label span when the table from `start` reads as one plain table (see above), its
    cells (all rows' but the last) put into `cells`; else None, and nothing put."""
    first = layout.labels[0][1].search(text, start, end)
    if first is None:
        return None
    plain = layout.plain
    assert plain is not None
    if not plain.pattern:
        plain.pattern.append(compiled(plain.source))  # ~14 ms with re.compile (patterns.py)
    m = plain.pattern[0].match(text, first.end(), end)
    if m is None or _marker_stands_alone(text, first.end(), m.end()):
        return None
    regs = m.regs
    label_spans = plain.labels(regs)
    row_start = first.end()
    for label_start, label_end in label_spans:
        if label_start - row_start > PLAIN_ROW_MAX:
            return None  # read_plain_row leaves so long a row to the general reader
        row_start = label_end
    _put_cells(plain.fields, m.group(*plain.cell_groups), plain.spans(regs), cells)
    return dict(zip(plain.rows, ((first.start(), first.end()), *label_spans)))


class _Layout(NamedTuple):
    """A text table's rows as the reader looks for them (derived from fields.py once)."""

    labels: list[tuple[str, re.Pattern[str]]]  # each row's label pattern, in printed order
    rows: list[tuple[str, list[str]]]  # each row with its field ids
    fields: list[str]  # every row's field ids in turn …
    field_spans: Callable[[dict[str, tuple[int, int]]], tuple[tuple[int, int], ...]]  # … and their rows' spans from spans
    plain: _PlainTable | None  # the table whose rows are all plain, read by one pattern (_read_plain_table)


def _layout(labels: list[tuple[str, str]], rows: list[tuple[str, list[str]]], one_pattern: bool = False) -> _Layout:
    return _Layout(
        [(row, re.compile(p)) for row, p in labels], rows,
        [fid for _, field_ids in rows for fid in field_ids],
        itemgetter(*[row for row, field_ids in rows for _ in field_ids]), _plain_table(labels, rows) if one_pattern else None,
    )


_ACTIVE = {  # template → its active table's layout
    template: _layout(
        [(row, ACTIVE_LABELS[row]) for row, _, _ in rows],
        [(row, [_canonical(template)[field_id(row, c)] for c in cols]) for row, _, cols in rows],
    )
    for template, rows, field_id in (
        (F.TEMPLATE_2021, F.ACTIVE_ROWS_2021, F.active_id),
        (F.TEMPLATE_2019, F.ACTIVE_ROWS_2019, F.active2019_id),
    )
}
# The applications table is read by one pattern where it can be (_read_plain_table): its 25 rows save
# ~30 µs a table for ~15 ms of compiling once. The active table's 6 rows of 3 or 1 cells saved ~1 µs.
_APPLICATIONS = {  # template → its applications table's layout
    template: _layout(
        labels,
        [(row, [_canonical(template)[F.application_id(row, c)] for c in F.APPLICATION_COLUMNS]) for row, _ in labels],
        one_pattern=True,
    )
    for template, labels in ((F.TEMPLATE_2021, APPLICATION_LABELS_2021), (F.TEMPLATE_2019, APPLICATION_LABELS_2019))
}


def _positional(text: str, start: int, end: int, ncols: int, skip_first: bool) -> list[Token | None] | None:
    """Place values by their cell position on the row's line when it is tab or pipe separated."""
    line_end = text.find("\n", start, end)
    line_end = end if line_end < 0 else line_end
    line = text[start:line_end]
    if not _SEPARATED.search(line):
        return None
    parts, offsets, pos = [], [], start
    for piece in re.split(r"([\t|])", line):
        if piece in ("\t", "|"):
            pos += 1
            continue
        parts.append(piece)
        offsets.append(pos)
        pos += len(piece)
    if skip_first:  # the first piece is the rest of the label cell
        parts, offsets = parts[1:], offsets[1:]
    while parts and not parts[-1].strip():
        parts.pop(), offsets.pop()
    while parts and not parts[0].strip():
        parts.pop(0), offsets.pop(0)
    if len(parts) != ncols:
        return None
    placed: list[Token | None] = []
    for piece, offset in zip(parts, offsets):
        found = tokens(text, offset, offset + len(piece))
        if len(found) > 1:
            return None
        placed.append(found[0] if found else None)
    return placed


def read_row(
    text: str, table: TokenIndex, start: int, end: int, ncols: int, last: bool, skip_first: bool = True
) -> tuple[list[Token | None], str | None]:
    """The row's values, one per column (None = blank), and a problem description if any."""
    found = table.between(start, end)
    if len(found) == ncols:
        return list(found), None
    if len(found) > ncols:
        if last:  # the table's last row: what follows it in the region is not the table
            return list(found[:ncols]), None
        return [None] * ncols, f"该行印有{len(found)}个数值，多于{ncols}列，无法确定各列的值，整行留空"
    placed = _positional(text, start, end, ncols, skip_first)
    if placed is not None:
        return placed, None
    if not found:
        return [None] * ncols, None
    # Never filled in order: a wrong column is worse than a blank. Null cells, an error, a second reader.
    return [None] * ncols, f"该行只印有{len(found)}个数值（应为{ncols}列），无法确定空白所在列，整行留空"


def _glued(
    text: str, table: TokenIndex, start: int, end: int, row: str, field_ids: list[str], skip_first: bool = True,
    budget: int = digits.MAX_READINGS, work: digits.Work | None = None,
) -> digits.GluedRow | None:
    """The row as glued digits (fewer tokens than cells, no cell separators to place them), else None."""
    found = table.between(start, end)
    if len(found) >= len(field_ids) or _positional(text, start, end, len(field_ids), skip_first) is not None:
        return None
    if _separated_by_space(text, found):
        # The printer did separate this row's numbers, so a missing cell is more likely a blank
        # than glue: `规章 12 3` may be 12 | (blank) | 3. Cutting 12 would store a wrong 1 and 2.
        return None
    label = "复议诉讼表数据行" if row == "appeals" else F.label(field_ids[0]).split("·")[0]
    return digits.glued_row(text, start, end, found, row, label, field_ids, budget, work)


def _separated_by_space(text: str, found: list[Token]) -> bool:
    """Whether two of the row's printed numbers stand apart with only whitespace between them."""
    return any(not text[a.end : b.start].strip() and b.start > a.end for a, b in zip(found, found[1:]))


def _place_glued(
    read: TableRead, glued: list[digits.GluedRow], table: str, template: str | None, work: digits.Work | None = None
) -> None:
    """Cut the glued rows once the rest of the table is read: its column sums may decide a row."""
    if not glued:
        return
    unsure = {f for finding in read.findings for f in finding.fields}  # a row placed in doubt decides nothing
    # (read.cells may hold the tables read before this one too: the identities name this table's cells only)
    known = {fid: cell.value for fid, cell in read.cells.items() if fid not in unsure}
    outcomes = digits.resolve(glued, table_identities(table, template), known, work)
    for row in glued:
        outcome = outcomes[row.row]
        read.findings.append(digits.finding(row, outcome))
        if outcome.reading is None:  # printed, but no single reading: null, pointing at the digits
            printed = " ".join(t.raw for t in row.runs)
            for fid in row.fields:
                read.cells[fid] = Cell(fid, None, row.span[0], row.span[1], BUILTIN, printed, None, "ambiguous")
            read.unsure = read.unsure or f"「{row.label}」一行连写数字无法唯一拆分"
            continue
        for fid, token, cut in zip(row.fields, outcome.reading.tokens, outcome.reading.split):
            read.cells[fid] = _cell(fid, token, SPLIT if cut else BUILTIN)


def _find_labels(text: str, labels: list[tuple[str, re.Pattern[str]]], start: int, end: int) -> dict[str, tuple[int, int]]:
    """Each row label's span, searched in order; a label not found is skipped."""
    spans: dict[str, tuple[int, int]] = {}
    pos = start
    for row, pattern in labels:
        m = pattern.search(text, pos, end)
        if m:
            spans[row] = (m.start(), m.end())
            pos = m.end()
    return spans


def _read_rows(
    text: str, layout: _Layout, spans: dict[str, tuple[int, int]], end: int, table: str, template: str | None,
    read: TableRead, done: int = 0,
) -> TableRead:
    """Read every row whose label was found into `read`; rows not found get blank cells; glued rows are cut last.
    The first `done` rows are read already (_read_plain_table)."""
    rows = layout.rows[done:] if done else layout.rows
    glued: list[digits.GluedRow] = []
    order = list(spans)  # the rows found, in printed order: _find_labels searches them in `rows` order
    first = spans[order[0]][0] if order else end
    # Each found row's segment ends where the next found row's label starts (the last one at `end`).
    # (`done` rows read means every row was found: the rows left are the last ones in `order`.)
    seg_ends = dict(zip(order[done:], [spans[row][0] for row in order[done + 1 :]] + [end]))
    index: TokenIndex | None = None  # the region's tokens, for the first row the one-pattern reader leaves
    work: digits.Work | None = None  # the steps the table's glued rows may take, made with its first one
    cells, anchors = read.cells, read.anchors
    for row, field_ids in rows:
        span = spans.get(row)
        if span is None:
            for fid in field_ids:
                cells[fid] = Cell(fid, None, None, None, BUILTIN, None, None, "blank")  # token_cell(fid, None)
            continue
        seg_start, seg_end = span[1], seg_ends[row]
        if read_plain_row(text, seg_start, seg_end, field_ids, cells):
            continue  # what _glued (None: as many tokens as cells) and read_row give for this row
        index = index or TokenIndex(text, first, end)
        budget = digits.TABLE_READINGS - sum(len(g.readings or ()) for g in glued)
        work = work or digits.Work()
        as_glued = _glued(text, index, seg_start, seg_end, row, field_ids, budget=budget, work=work)
        if as_glued is not None:
            glued.append(as_glued)
            continue
        values, problem = read_row(text, index, seg_start, seg_end, len(field_ids), last=row == order[-1])
        for fid, token in zip(field_ids, values):
            cells[fid] = _cell(fid, token)
        if problem:
            read.findings.append(
                Finding("table.row_alignment", "error", list(field_ids), problem, start=span[0], end=seg_end)
            )
            read.unsure = read.unsure or problem
    _place_glued(read, glued, table, template, work)
    # Each found row's fields point at its label. Most tables print every row: then one C-level pass
    # over the table's fields (a dict per row built and merged cost as much as a row's cells).
    if len(spans) == len(layout.rows):
        anchors.update(zip(layout.fields, layout.field_spans(spans)))
    else:
        for row, field_ids in layout.rows:
            if row in spans:
                anchors.update(dict.fromkeys(field_ids, spans[row]))
    if spans:
        read.span = (first, end)
    return read


# Each text reader puts what it reads into `into` (a new TableRead when None) and hands that back:
# extract_builtin passes one around the report's own cells and anchors, so that a table's 200 cells
# and anchors are not put into dicts of their own first and merged into the report's after.


def read_active(text: str, start: int, end: int, template: str = F.TEMPLATE_2021, into: TableRead | None = None) -> TableRead:
    read = TableRead() if into is None else into
    m = _ACTIVE_START.search(text, start, end)
    if not m:
        return read
    layout = _ACTIVE[template]
    spans = _find_labels(text, layout.labels, m.start(), end)
    _read_rows(text, layout, spans, end, "active", template, read)
    if read.span:
        read.span = (m.start(), end)
    return read


def read_applications(text: str, start: int, end: int, template: str = F.TEMPLATE_2021, into: TableRead | None = None) -> TableRead:
    read = TableRead() if into is None else into
    layout = _APPLICATIONS[template]
    spans = _read_plain_table(text, layout, start, end, read.cells)
    if spans is not None:  # every row printed, all but the last read
        return _read_rows(text, layout, spans, end, "applications", template, read, done=len(layout.rows) - 1)
    spans = _find_labels(text, layout.labels, start, end)
    if "new" not in spans and len(spans) < 5:
        return read  # a stray word is not a table
    return _read_rows(text, layout, spans, end, "applications", template, read)


def read_appeals(text: str, start: int, end: int, template: str = F.TEMPLATE_2021, into: TableRead | None = None) -> TableRead:
    read = TableRead() if into is None else into
    header = _APPEALS_HEADER.search(text, start, end) or _APPEALS_TITLE.search(text, start, end)
    if not header:
        return read
    # The table starts at its 行政复议 | 行政诉讼 title row: the last 行政复议 just above the headers.
    titles = list(_APPEALS_TITLE.finditer(text, max(start, header.start() - 120), header.start()))
    anchor = titles[-1].start() if titles else header.start()
    table_start = max(text.rfind("\n", start, anchor) + 1, start)
    field_ids = list(F.APPEAL_FIELDS)
    if read_plain_row(text, header.end(), end, field_ids, read.cells):
        # One plain number per cell after the header and nothing else: the data row holds them all,
        # wherever its line starts (data_start below only places a row with fewer numbers).
        read.anchors.update(dict.fromkeys(field_ids, (header.start(), header.end())))
        read.span = (table_start, end)
        return read
    index = TokenIndex(text, header.end(), end)
    found = index.between(header.end(), end)
    if not found:
        return read
    # The data start on the line of the first number after the header (no label cell there).
    data_start = text.rfind("\n", header.end(), found[0].start) + 1 or found[0].start
    read.span = (table_start, end)
    work = digits.Work()  # one budget for building and testing the data row's readings
    as_glued = _glued(text, index, data_start, end, "appeals", field_ids, skip_first=False, work=work)
    if as_glued is not None:
        for fid in field_ids:
            read.anchors[fid] = (header.start(), header.end())
        _place_glued(read, [as_glued], "appeals", template, work)
        return read
    values, problem = read_row(text, index, data_start, end, len(field_ids), last=True, skip_first=False)
    for fid, token in zip(field_ids, values):
        read.cells[fid] = _cell(fid, token)
        read.anchors[fid] = (header.start(), header.end())  # the groups share one data row under this header
    if problem:
        read.findings.append(Finding("table.row_alignment", "error", field_ids, problem, start=header.start(), end=end))
        read.unsure = read.unsure or problem
    read.span = (table_start, end)
    return read
