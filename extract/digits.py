"""Glued digits: a row printed as `行政规范性文件 6233440` for 62 | 33 | 440.

Crawled copies of web tables and some PDF text layers drop the separators between a row's
cells. When a row carries fewer number tokens than cells, every way to cut its digit runs
into the row's cells is enumerated (no leading zeros except a lone 0). A reading is chosen
only when the digits allow one reading, or when exactly one reading is consistent with the
table's printed structure (the row's own total, then the column sums across rows). None or
several → the cells stay null and an error finding lists the candidates: a printed
arithmetic error is reported, never hidden by picking the reading that happens to add up.

The work of one table's glued rows is bounded by a count of steps (`Work`: readings built,
readings and combinations tested), not by the clock, so that a hostile report is read the same
on a busy machine as on an idle one. When the steps run out, the rows not yet decided stay null
with an error finding: nothing is guessed.

Pure functions: tokens in, readings and findings out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from math import prod

from ..report import Finding, Number
from .identities import Identity, failing
from .numbers import Token, parse_number

MAX_READINGS = 20_000  # readings of one row; beyond this the row is refused, not searched
TABLE_READINGS = 60_000  # readings kept for all the glued rows of one table (bounds memory on hostile input)
MAX_RUN = 40  # digits in one run; a longer run is not a row of counts
MAX_COMBINATIONS = 20_000  # joint readings of several ambiguous rows tried against the column sums
SHOWN = 6  # candidate readings listed in a finding
# Steps for all the glued rows of one table. The bounds above keep the readings, not the work of
# building them (a run read whole despite its leading zeros is built beyond `count`) nor of testing
# them; the most a table of the golden and test reports takes is ~275,000 steps (test_digits'
# table of sixteen-digit rows), so this is generous for any report, and a hostile one stops after
# well under a second or two of CPU instead of the batch's per-file timeout.
WORK_BUDGET = 400_000

SPLIT_RULE = "table.digits_split"  # info: a reading was chosen, and how
GLUED_RULE = "table.digits_glued"  # error: no reading, several, too many to try, or out of steps

# A digit run the tokenizer dropped as numbering because the next row's `2.` is glued to its end:
# `…国家秘密00000002.其他法律…` is 0000000 then the numbering 2.
_RUN_BEFORE_NUMBERING = re.compile(r"(?<![\d.,])(\d{2,})(?=[.、．]\s*[\u4e00-\u9fff])")


class OutOfWork(Exception):
    """The table's glued rows took more steps than its `Work` allows."""


class Work:
    """Steps left for one table's glued rows: a deterministic count, the same on any machine."""

    __slots__ = ("left",)

    def __init__(self, steps: int | None = None) -> None:
        self.left = WORK_BUDGET if steps is None else steps  # read when made, so a test may lower the budget

    def spend(self, steps: int = 1) -> None:
        self.left -= steps
        if self.left < 0:
            raise OutOfWork


@dataclass(frozen=True)
class Reading:
    """One way to read a row: a token per cell, and which of them are pieces of a cut run."""

    tokens: tuple[Token, ...]
    split: tuple[bool, ...]

    @property
    def values(self) -> tuple[Number | None, ...]:
        return tuple(t.value for t in self.tokens)

    def show(self) -> str:
        return "｜".join(t.raw for t in self.tokens)


@dataclass
class GluedRow:
    row: str
    label: str  # the printed row label, for messages
    fields: list[str]
    runs: list[Token]  # the printed tokens of the row, in order
    readings: list[Reading] | None  # None: too many to try
    span: tuple[int, int]
    count: int = 0  # how many readings the digits allow (computed before any is built)
    out_of_work: bool = False  # readings None because the table's steps ran out while building them


@dataclass
class Outcome:
    reading: Reading | None
    how: str = ""  # digits | row | table: what made the reading the only one
    problem: str = ""  # too_many | none | ambiguous | no_joint | out_of_work
    candidates: list[Reading] = field(default_factory=list)


def splittable(token: Token) -> bool:
    """A bare digit run of two or more digits (no sign, separator, decimal or unit) may be several cells."""
    return token.kind == "number" and token.unit is None and token.raw.isdigit() and len(token.raw) >= 2


def row_tokens(text: str, start: int, end: int, found: list[Token]) -> list[Token]:
    """The row's tokens, with the runs the tokenizer took for numbering (`00000002.其他`) given back."""
    taken = [(t.start, t.end) for t in found]
    extra = []
    for m in _RUN_BEFORE_NUMBERING.finditer(text, start, end):
        s, e = m.start(1), m.end(1) - 1  # the last digit is the next row's numbering
        if not any(a < e and s < b for a, b in taken):
            extra.append(Token("number", parse_number(text[s:e]), s, e, text[s:e]))  # never int(): a run may be thousands of digits
    return sorted(found + extra, key=lambda t: t.start)


@lru_cache(maxsize=4096)
def _count_cuts(digits: str, parts: int) -> int:
    """How many ways `digits` cuts into `parts` numbers without leading zeros."""
    if parts == 1:
        return 1 if len(digits) == 1 or digits[0] != "0" else 0
    if digits[0] == "0":
        return _count_cuts(digits[1:], parts - 1) if len(digits) > 1 else 0
    return sum(_count_cuts(digits[i:], parts - 1) for i in range(1, len(digits) - parts + 2))


def _cuts(digits: str, parts: int) -> Iterator[list[str]]:
    if parts == 1:
        if len(digits) == 1 or digits[0] != "0":
            yield [digits]
        return
    longest = 1 if digits[0] == "0" else len(digits) - parts + 1
    for i in range(1, longest + 1):
        for rest in _cuts(digits[i:], parts - 1):
            yield [digits[:i], *rest]


def _ways(token: Token, parts: int) -> int:
    if not splittable(token):
        return 1 if parts == 1 else 0
    return _count_cuts(token.raw, parts) if parts <= len(token.raw) else 0


def _count(tokens: list[Token], ncols: int) -> int:
    """Readings of the whole row: distribute the cells over the tokens, multiply each token's cuts."""
    ways = [1] + [0] * ncols  # ways[c]: readings of the tokens so far into c cells
    for token in tokens:
        top = len(token.raw) if splittable(token) else 1
        ways = [sum(ways[c - k] * _ways(token, k) for k in range(1, min(top, c) + 1)) for c in range(ncols + 1)]
    return ways[ncols]


def _pieces(token: Token, parts: int) -> Iterator[list[Token]]:
    if parts == 1:
        yield [token]
        return
    for cut in _cuts(token.raw, parts):
        out, pos = [], token.start
        for digits in cut:
            out.append(Token("number", int(digits), pos, pos + len(digits), digits))
            pos += len(digits)
        yield out


def _readings(tokens: list[Token], ncols: int, work: Work) -> Iterator[Reading]:
    work.spend()  # a step per call and per reading built, at every depth
    if not tokens:
        if ncols == 0:
            work.spend()
            yield Reading((), ())
        return
    first, rest = tokens[0], tokens[1:]
    top = min(len(first.raw) if splittable(first) else 1, ncols - len(rest))
    for k in range(1, top + 1):
        # As _count counts: a run read whole only where it may stand as one number (no leading zero, as `00`)
        if _ways(first, k) == 0 or _count(rest, ncols - k) == 0:
            continue
        for head in _pieces(first, k):
            for tail in _readings(rest, ncols - k, work):
                work.spend()
                yield Reading(tuple(head) + tail.tokens, (k > 1,) * k + tail.split)


def glued_row(
    text: str, start: int, end: int, found: list[Token], row: str, label: str, fields: list[str], budget: int = MAX_READINGS,
    work: Work | None = None,
) -> GluedRow | None:
    """The row as glued digits with its readings, or None when it is not one (nothing to cut, or no cut fits).

    More than `budget` readings (at most MAX_READINGS) are not built: the row is refused. Building
    them spends the table's `work` (a fresh WORK_BUDGET when None); when it runs out the row is
    refused as out of work.
    """
    tokens = row_tokens(text, start, end, found)
    ncols = len(fields)
    if len(tokens) >= ncols or not any(splittable(t) for t in tokens):
        return None
    span = (tokens[0].start, tokens[-1].end)
    if any(splittable(t) and len(t.raw) > MAX_RUN for t in tokens):
        return GluedRow(row, label, fields, tokens, None, span)
    count = _count(tokens, ncols)
    if count == 0:
        return None
    if count > min(MAX_READINGS, budget):
        return GluedRow(row, label, fields, tokens, None, span, count)
    try:
        readings = list(_readings(tokens, ncols, work or Work()))
    except OutOfWork:
        return GluedRow(row, label, fields, tokens, None, span, count, out_of_work=True)
    return GluedRow(row, label, fields, tokens, readings, span, count)


def _within(identity: Identity, fields: set[str]) -> bool:
    return set(identity.fields) <= fields


def _consistent(
    reading: Reading, row: GluedRow, identities: list[Identity], known: Mapping[str, Number | None], work: Work
) -> bool:
    work.spend(1 + len(identities))  # a test costs about one step per sum it checks
    return not failing(identities, {**known, **dict(zip(row.fields, reading.values))})


def resolve(
    rows: list[GluedRow], identities: list[Identity], known: Mapping[str, Number | None], work: Work | None = None
) -> dict[str, Outcome]:
    """Choose each glued row's reading where the digits or the table's sums allow exactly one.

    `known` holds the cells read without cutting (None for a blank). A row's own total decides
    first; column sums decide only among readings that already satisfy their row, and only
    when one reading (or one combination across rows) makes them hold. Testing readings spends
    `work` (the steps left after building them; a fresh WORK_BUDGET when None): when it runs out,
    every row not decided by then is out of work (a decision already made stays: later steps
    never undo one).
    """
    out: dict[str, Outcome] = {}
    try:
        _resolve(rows, identities, known, work or Work(), out)
    except OutOfWork:
        for row in rows:
            out.setdefault(row.row, Outcome(None, problem="out_of_work"))
    return out


def _resolve(rows: list[GluedRow], identities: list[Identity], known: Mapping[str, Number | None], work: Work,
             out: dict[str, Outcome]) -> None:
    pending: dict[str, tuple[GluedRow, list[Reading]]] = {}
    values = dict(known)
    for row in rows:
        if row.readings is None:
            out[row.row] = Outcome(None, problem="out_of_work" if row.out_of_work else "too_many")
            continue
        if len(row.readings) == 1:
            out[row.row] = Outcome(row.readings[0], "digits")
            values.update(zip(row.fields, row.readings[0].values))
            continue
        own = [i for i in identities if _within(i, set(row.fields))]
        fitting = [r for r in row.readings if _consistent(r, row, own, {}, work)]
        if not fitting:
            out[row.row] = Outcome(None, problem="none", candidates=row.readings)
        elif len(fitting) == 1 and own:
            out[row.row] = Outcome(fitting[0], "row")
            values.update(zip(row.fields, fitting[0].values))
        else:
            pending[row.row] = (row, fitting)
    _by_columns(pending, identities, values, out, work)
    for row, fitting in pending.values():
        out[row.row] = Outcome(None, problem="ambiguous", candidates=fitting)


def _by_columns(pending: dict[str, tuple[GluedRow, list[Reading]]], identities: list[Identity],
                values: dict[str, Number | None], out: dict[str, Outcome], work: Work) -> None:
    """Narrow ambiguous rows by the sums that cross rows; chosen rows leave `pending`."""
    progress = True
    while progress and pending:  # one row at a time, while the other rows of its sums are known
        progress = False
        for name, (row, fitting) in list(pending.items()):
            cross = [i for i in identities if set(i.fields) & set(row.fields) and not _within(i, set(row.fields))
                     and all(f in row.fields or f in values for f in i.fields)]
            kept = [r for r in fitting if _consistent(r, row, cross, values, work)] if cross else fitting
            if len(kept) == 1:
                out[name] = Outcome(kept[0], "table")
                values.update(zip(row.fields, kept[0].values))
                del pending[name]
                progress = True
            elif 1 < len(kept) < len(fitting):
                pending[name] = (row, kept)
    if len(pending) < 2 or prod(len(f) for _, f in pending.values()) > MAX_COMBINATIONS:
        return
    rows = list(pending.values())
    pending_fields = {f for row, _ in rows for f in row.fields}
    involved = [i for i in identities if set(i.fields) & pending_fields]
    seen: list[set[Reading]] = [set() for _ in rows]
    for combo in product(*(fitting for _, fitting in rows)):
        work.spend(1 + len(involved))
        trial = dict(values)
        for (row, _), reading in zip(rows, combo):
            trial.update(zip(row.fields, reading.values))
        if not failing(involved, trial):
            for i, reading in enumerate(combo):
                seen[i].add(reading)
    for (row, _), readings in zip(rows, seen):
        if len(readings) == 1:
            out[row.row] = Outcome(next(iter(readings)), "table")
            del pending[row.row]
        elif readings:
            pending[row.row] = (row, [r for r in pending[row.row][1] if r in readings])


HOW = {"digits": "数字位数只容一种拆法", "row": "只有一种拆法符合本行合计", "table": "只有一种拆法符合各列合计"}


def finding(row: GluedRow, outcome: Outcome) -> Finding:
    """What the reviewer is told about a glued row: the reading chosen (info), or why none was (error)."""
    printed = " ".join(t.raw for t in row.runs)
    fields = list(row.fields)
    start, end = row.span
    if outcome.reading is not None:
        return Finding(SPLIT_RULE, "info", fields,
                       f"「{row.label}」一行数字连写为「{printed}」，{HOW[outcome.how]}：{outcome.reading.show()}（推断，非原文分隔）",
                       actual=printed, start=start, end=end)
    shown = "、".join(r.show() for r in outcome.candidates[:SHOWN])
    more = f"等共{len(outcome.candidates)}种" if len(outcome.candidates) > SHOWN else f"共{len(outcome.candidates)}种"
    if outcome.problem == "out_of_work":
        message = (f"「{row.label}」一行数字连写为「{printed}」，可能的拆法过多，在计算上限（每表{WORK_BUDGET}步）内"
                   f"未能完成拆分，未拆分，已留空，请核对原文")
    elif outcome.problem == "too_many":
        how_many = f"可能的拆法有{row.count}种" if row.count else f"数字串超过{MAX_RUN}位"
        message = f"「{row.label}」一行数字连写为「{printed}」，{how_many}，超出拆分上限，未拆分，已留空"
    elif outcome.problem == "none":
        message = f"「{row.label}」一行数字连写为「{printed}」，没有一种拆法符合本行合计（候选：{shown}，{more}），可能印刷有误，已留空，请核对原文"
    else:
        message = f"「{row.label}」一行数字连写为「{printed}」，有多种拆法都符合表格结构（{shown}，{more}），无法确定，已留空"
    return Finding(GLUED_RULE, "error", fields, message, expected=[list(r.values) for r in outcome.candidates[:SHOWN]],
                   actual=printed, start=start, end=end)
