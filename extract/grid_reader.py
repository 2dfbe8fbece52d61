"""Reading a table from its grid by header: each value placed by (row label, column label), never by order.

A loader's grid (load/grid.py) keeps every cell at its column, so a blank cell stays blank
where it is printed and a label spanning several columns is simply a label. This reader
1. sorts the grid's rows into header rows (they name columns), data rows (their label names
   a row of the table) and the rest (titles such as 第二十条第（一）项);
2. maps every column to a column of the table by the header cells above it, merged header
   cells included (an empty header cell lies under the merged cell to its left), the
   deepest header row deciding (商业企业 under 法人或其他组织 is 商业企业, not 其他);
3. names each data row by its innermost label cell (`3.其他` under `（六）其他处理`), so a
   label repeated down a rowspan belongs to every sub-row;
4. reads each field at (its row, its column). A column that cannot be mapped leaves its
   cells null with an error finding naming the table and the reason; a row with a number
   outside the mapped columns (a shifted row) is left null with an error finding.
A table printed the other way round (applicant types as rows) is read by the same pairs,
with the axes swapped; whichever orientation places more cells wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import fields as F
from ..load.grid import Grid, GridCell, find_grids
from ..report import Finding
from .labels import ACTIVE_KEYWORDS, APPLICATION_KEYWORDS_2019, APPLICATION_KEYWORDS_2021
from .numbers import Token, tokens
from .table_read import TableRead, token_cell

Keywords = tuple[str, ...]  # alternatives: any one of them names the thing


@dataclass(frozen=True)
class GridSpec:
    """One table's shape: its row keys, its column keys and the field at each (row, column)."""

    table: str  # active | applications | appeals
    name: str  # the table's printed name, for findings
    rows: tuple[tuple[str, Keywords], ...]  # row key → its label phrases; empty: one unlabeled data row
    cols: tuple[tuple[str, tuple[Keywords, ...]], ...]  # column key → the parts of its header path, all needed
    cells: dict[tuple[str, str], str]  # (row key, column key) → field id
    col_names: dict[str, str]  # column key → its printed label
    row_names: dict[str, str] = field(default_factory=dict)  # row key → its printed label
    transposable: bool = False
    min_rows: int = 1  # fewer rows named than this: a stray word, not this table

    def transposed(self) -> GridSpec:
        return GridSpec(
            self.table, self.name,
            tuple((key, parts[0]) for key, parts in self.cols),
            tuple((key, (phrases,)) for key, phrases in self.rows),
            {(c, r): f for (r, c), f in self.cells.items()},
            self.row_names, self.col_names, min_rows=self.min_rows,
        )


# --- matching printed labels -------------------------------------------------------------------
_PUNCT = re.compile(r"[\W_]+")
_NUMBERING = re.compile(r"^[一二三四五六七八九十\d]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")
_PLAIN_COUNT = re.compile(r"\d{1,6}")  # a cell that is just a count: its token is itself
_VALUE_ONLY = re.compile(r"[\s\d.,+\-—/\\*%]*(?:万元|元|件|条|个|项|次|份)?|无|空")


def canon(text: str) -> str:
    """A label without spaces and punctuation: `商业 企业` → `商业企业`, `本年增/减` → `本年增减`."""
    return _PUNCT.sub("", text)


@dataclass(frozen=True)
class _Label:
    canon: str
    core: str  # without its leading numbering: 三（七）总计 → 总计

    @classmethod
    def of(cls, text: str) -> _Label:
        return _label_of(text)


@lru_cache(maxsize=4096)  # the same labels recur in every report
def _label_of(text: str) -> _Label:
    c = canon(text)
    return _Label(c, _NUMBERING.sub("", c))


def _strength(label: _Label, phrases: Keywords) -> int:
    """How much of a label names this thing: the phrase's length when printed in it, or the label's own
    length when the label is an abbreviation of the phrase (`科研` for 科研机构); 0 when it does not."""
    best = 0
    for phrase in phrases:
        if phrase in label.canon:
            best = max(best, len(phrase))
        elif len(label.core) >= 2 and label.core in phrase:
            best = max(best, len(label.core))
    return best


@lru_cache(maxsize=16384)
def _row_hits(label: _Label, rows: tuple[tuple[str, Keywords], ...]) -> tuple[tuple[int, str], ...]:
    """(strength, row key) of every row this label names."""
    return tuple((s, key) for key, phrases in rows if (s := _strength(label, phrases)))


@lru_cache(maxsize=16384)
def _col_strengths(label: _Label, cols: tuple[tuple[str, tuple[Keywords, ...]], ...]) -> tuple[tuple[int, ...], ...]:
    """For every column key, how strongly this label names each part of its header path."""
    return tuple(tuple(_strength(label, phrases) for phrases in parts) for _, parts in cols)


def _is_label(text: str) -> bool:
    return bool(text) and bool(_CJK.search(text)) and not _VALUE_ONLY.fullmatch(text)


# --- one pass over the grids in one orientation ---------------------------------------------------------
@dataclass
class _Row:
    key: str
    grid: Grid
    index: int
    label: GridCell | None  # the label cell that named the row (its anchor); None for an unlabeled row
    mapping: dict[str, int]
    unmapped: dict[str, str]  # column key → why it has no column
    headed: set[int]  # columns with a header cell of their own


@dataclass
class _Pass:
    rows: dict[str, _Row] = field(default_factory=dict)
    duplicates: dict[str, list[_Row]] = field(default_factory=dict)
    unmatched: list[tuple[Grid, int]] = field(default_factory=list)  # data-like rows no label names
    grids: list[Grid] = field(default_factory=list)

    def placed(self, spec: GridSpec) -> int:
        return sum(1 for (r, c) in spec.cells if r in self.rows and c in self.rows[r].mapping)


def _row_key(spec: GridSpec, cells: list[GridCell]) -> tuple[str, GridCell, int] | None:
    """The row a data row is, told by its innermost (rightmost) label cell that names one; None if unsure."""
    for cell in reversed(cells):
        label = _Label.of(cell.text)
        scored = _row_hits(label, spec.rows)
        if not scored:
            continue
        best = max(s for s, _ in scored)
        keys = {key for s, key in scored if s == best}
        return (keys.pop(), cell, best) if len(keys) == 1 else None
    return None


def _col_hits(spec: GridSpec, cells: list[GridCell]) -> int:
    """How many column keys the row's label cells name (a header row names several)."""
    labels = [_Label.of(c.text) for c in cells]
    hit: set[int] = set()
    for lb in labels:
        hit.update(k for k, parts in enumerate(_col_strengths(lb, spec.cols)) if any(parts))
    return len(hit)


def _map_columns(spec: GridSpec, header: list[tuple[GridCell, ...]], width: int) -> tuple[dict[str, int], dict[str, str], set[int]]:
    """Column key → grid column, by the header cells above each column; why a key has none; the
    columns with a header cell of their own (a number under none of them is off its column)."""
    # The header path of every column: per header row, the cell there or the merged cell to its left.
    # An empty cell under a cell printed right above it is that cell's rowspan (PDF tables do not repeat it).
    paths: list[list[tuple[_Label, int, int]]] = [[] for _ in range(width)]  # (label, depth, origin column)
    for depth, row in enumerate(header):
        origin = None
        for c, cell in enumerate(row):
            if cell.text:
                origin = c
            elif depth and header[depth - 1][c].text:
                origin = None
                continue
            if origin is not None:
                paths[c].append((_Label.of(row[origin].text), depth, origin))
    best: dict[int, tuple[tuple[int, int], str, int]] = {}
    ambiguous: dict[int, set[str]] = {}
    for c, path in enumerate(paths):
        scored = []
        strengths = [_col_strengths(label, spec.cols) for label, _, _ in path]
        for k, (key, parts) in enumerate(spec.cols):
            deepest, total, origin = -1, 0, c
            for p in range(len(parts)):
                hits = [(depth, s, o) for (_, depth, o), st in zip(path, strengths) if (s := st[k][p])]
                if not hits:
                    break
                depth, s, o = max(hits)
                total += s
                if depth > deepest:
                    deepest, origin = depth, o
            else:
                scored.append(((deepest, total), key, origin))
        if not scored:
            continue
        top = max(score for score, _, _ in scored)
        keys = {key for score, key, _ in scored if score == top}
        if len(keys) == 1:
            best[c] = next(s for s in scored if s[0] == top)
        else:
            ambiguous[c] = keys
    mapping: dict[str, int] = {}
    unmapped: dict[str, str] = {}
    for key, parts in spec.cols:
        claims = [(score, c, origin) for c, (score, k, origin) in best.items() if k == key]
        if not claims:
            tied = [c for c, keys in ambiguous.items() if key in keys]
            unmapped[key] = (
                f"第{'、'.join(str(c + 1) for c in tied)}列的表头可对应多列，无法确定哪一列是「{spec.col_names[key]}」"
                if tied else f"表头中找不到「{spec.col_names[key]}」列"
            )
            continue
        top = max(score for score, _, _ in claims)
        cols = [c for score, c, _ in claims if score == top]
        origins = {origin for score, _, origin in claims if score == top}
        if len(cols) == 1:
            mapping[key] = cols[0]
        elif len(origins) == 1 and (o := origins.pop()) in cols:
            mapping[key] = o  # one merged header cell over several columns: its value sits in the first
        else:
            unmapped[key] = f"表头中第{'、'.join(str(c + 1) for c in cols)}列都像「{spec.col_names[key]}」，无法确定是哪一列"
    _by_elimination(spec, paths, mapping, unmapped)
    headed = {c for c, path in enumerate(paths) if any(o == c for _, _, o in path)}
    return mapping, unmapped, headed


def _by_elimination(spec: GridSpec, paths: list[list[tuple[_Label, int, int]]], mapping: dict[str, int], unmapped: dict[str, str]) -> None:
    """A column whose upper header (its group, 行政复议) sits outside the grid: when its own label
    (结果维持) is printed in exactly one column no other key took, that column is it."""
    for key, parts in spec.cols:
        if key not in unmapped or len(parts) < 2:
            continue
        taken = set(mapping.values())
        cols = [c for c, path in enumerate(paths) if c not in taken and any(o == c and _strength(lb, parts[-1]) for lb, _, o in path)]
        if len(cols) == 1:
            mapping[key] = cols[0]
            del unmapped[key]


def _pass(spec: GridSpec, grids: list[Grid]) -> _Pass:
    out = _Pass()
    mapping: dict[str, int] | None = None
    unmapped: dict[str, str] = {}
    headed: set[int] = set()
    header: list[tuple[GridCell, ...]] = []
    width = -1
    for grid in grids:
        if grid.width != width:
            # A table broken by a page may come back with its label columns merged otherwise: its value
            # columns keep their place from the right edge. Its own header, if printed, replaces this.
            if mapping is None and header:
                mapping, unmapped, headed = _map_columns(spec, header, width)
            shift = grid.width - width
            carried = {k: c + shift for k, c in mapping.items()} if mapping else None
            if carried and min(carried.values()) < 0:
                carried = None
            header, mapping, width = [], carried, grid.width
            unmapped, headed = (unmapped, {c + shift for c in headed}) if carried else ({}, set())
        after_data = True
        for i, row in enumerate(grid.rows):
            labels = [cell for cell in row if _is_label(cell.text)]
            hits = _col_hits(spec, labels) if labels else 0
            named = _row_key(spec, labels) if labels and spec.rows else None
            if hits >= 2 or (hits and named is None):
                if after_data:
                    header = []
                header.append(row)
                mapping, after_data = None, False
                continue
            if mapping is None and header:
                mapping, unmapped, headed = _map_columns(spec, header, grid.width)
            if spec.rows and named is None:
                if labels and mapping and any(_numbers(row[c]) for c in set(mapping.values())):
                    out.unmatched.append((grid, i))
                continue
            if mapping is None:
                continue  # data before any header: nothing tells its columns
            if not spec.rows:  # one unlabeled data row: the first row with numbers under the header
                if not any(_numbers(row[c]) or _marker(row[c]) for c in mapping.values()):
                    continue
                named = (_unlabeled_key(out, mapping), row[0], 0)
            after_data = True
            key, label, _ = named
            found = _Row(key, grid, i, label if spec.rows else None, mapping, unmapped, headed)
            if grid not in out.grids:
                out.grids.append(grid)
            if key in out.rows:
                out.duplicates.setdefault(key, [out.rows[key]]).append(found)
                continue
            out.rows[key] = found
    return out


def _unlabeled_key(out: _Pass, mapping: dict[str, int]) -> str:
    """The data row of a table without row labels is "" — or, when the table is printed in parts
    (行政复议 and 行政诉讼 as two tables), a part of its own if its header names other columns."""
    taken = {col for row in out.rows.values() for col in row.mapping}
    return f"#{len(out.rows)}" if out.rows and not taken & set(mapping) else ""


def _numbers(cell: GridCell) -> list[Token]:
    if not _DIGIT.search(cell.text):
        return []
    return [t for t in tokens(cell.text) if t.kind == "number"]


def _marker(cell: GridCell) -> bool:
    return bool(cell.text) and any(t.kind == "marker" for t in tokens(cell.text))


# --- the reading -----------------------------------------------------------------------------------------
def read_table(text: str, start: int, end: int, table: str, template: str) -> TableRead | None:
    """`table` read from the loader grids in text[start:end] by (row, column) labels; None when none holds it."""
    return read_grid(text, find_grids(text, start, end), SPECS[(table, template)])


def read_grid(text: str, grids: list[Grid], spec: GridSpec) -> TableRead | None:
    """The table read from its grids by (row, column) labels; None when no grid here holds it."""
    if not grids:
        return None
    chosen, used = _pass(spec, grids), spec
    if spec.transposable and chosen.placed(spec) < len(spec.cells):
        flipped = spec.transposed()
        other = _pass(flipped, grids)
        if other.placed(flipped) > chosen.placed(spec):
            chosen, used = other, flipped
    if len(chosen.rows) < used.min_rows or not any(row.mapping for row in chosen.rows.values()):
        return None
    return _read(text, chosen, used)


def _read(text: str, found: _Pass, spec: GridSpec) -> TableRead:
    read = TableRead()
    row_fields: dict[str, list[tuple[str, str]]] = {}
    for (r, c), fid in spec.cells.items():
        row_fields.setdefault(r, []).append((c, fid))
    if not spec.rows and len(found.rows) > 1:  # a table in parts: each field from the part whose header names it
        parts = list(found.rows.values())
        for part in parts[1:]:
            row_fields[part.key] = [(c, f) for c, f in row_fields[""] if c in part.mapping]
        row_fields[""] = [(c, f) for c, f in row_fields[""] if not any(c in part.mapping for part in parts[1:])]
    col_problems: dict[str, tuple[str, list[str]]] = {}
    shifts = _row_shifts(found, row_fields)
    moved = [(key, k) for key, k in shifts.items() if k]
    if moved:
        where = "、".join(f"「{spec.row_names.get(key, key)}」{k:+d}列" for key, k in moved)
        first = found.rows[moved[0][0]].grid
        read.findings.append(Finding(
            "table.row_shifted", "info", [],
            f"「{spec.name}」有{len(moved)}行的数值整体偏离表头（{where}；行名单元格比表头左上角宽或窄），每行只在平移后的列中有数值，已平移读取",
            start=first.start, end=first.end,
        ))
    for key, fields in row_fields.items():
        row = found.rows.get(key)
        if row is None:
            continue  # a row not printed: its cells stay blank, as the completeness rules say
        if key in found.duplicates:
            _unsure_row(read, spec, [f for _, f in fields], found.duplicates[key],
                        "该行名在表中出现了不止一次，无法确定哪一行是它")
            continue
        cells = row.grid.rows[row.index]
        shift = shifts[key]
        if shift is None:
            # A number under no header of its own (under a neighbour's merged header, or none), or a row
            # that fits several offsets in a table whose rows disagree: its columns cannot be told.
            placed = set(row.mapping.values()) | row.headed
            stray = "、".join(f"第{c + 1}列「{cell.text}」" for c, cell in enumerate(cells) if c not in placed and _numbers(cell))
            why = f"在表头对应不上的位置印有数值（{stray}）" if stray else "与表头的错位无法确定（表中各行错位不一致）"
            _unsure_row(read, spec, [f for _, f in fields], [row], f"该行{why}，各列位置无法确定，整行留空")
            continue
        mapping = {col: c + shift for col, c in row.mapping.items()} if shift else row.mapping
        for col, fid in fields:
            c = mapping.get(col)
            if c is None:
                reason = row.unmapped.get(col, f"表头中找不到「{spec.col_names[col]}」列")
                col_problems.setdefault(col, (reason, []))[1].append(fid)
                read.cells[fid] = token_cell(fid, None)
                continue
            read.cells[fid] = _value(text, fid, cells[c], read)
            if row.label is not None:
                read.anchors[fid] = (row.label.start, row.label.end)
            else:
                read.anchors[fid] = (cells[c].start, cells[c].end)
    orphans = _orphans(found)
    for col, (reason, fids) in col_problems.items():
        message = f"「{spec.name}」{reason}{orphans}，该列{len(fids)}格留空，请人工核对"
        first = found.grids[0]
        read.findings.append(Finding("table.column_unmapped", "error", fids, message, start=first.start, end=first.end, key=col))
        _mark_unsure(read, message)
    for grid, i in found.unmatched:
        cells = grid.rows[i]
        label = " ".join(c.text for c in cells if _is_label(c.text))
        message = f"「{spec.name}」中有一行印有数值，但行名「{label}」对应不上表中任何一行，未读取"
        read.findings.append(Finding("table.row_unmatched", "warning", [], message, start=cells[0].start, end=cells[-1].end, key=label))
        _mark_unsure(read, message)
    if found.grids:
        read.span = (found.grids[0].start, found.grids[-1].end)
    return read


_SHIFTS = (0, 1, -1, 2, -2)


def _row_shifts(found: _Pass, row_fields: dict[str, list[tuple[str, str]]]) -> dict[str, int | None]:
    """How far each data row sits from its header: 0 when every printed value lies under a header cell
    of its own; k when the values lie under the header moved k columns (a label merged wider than the
    corner above it). The rows under one header decide together when one offset fits them all (0
    first); otherwise each row alone, and a row that fits none, or several, gets None (left null)."""
    fits: dict[str, set[int]] = {}
    for row in found.rows.values():
        cells = row.grid.rows[row.index]
        mapped = {row.mapping[col] for col, _ in row_fields.get(row.key, []) if col in row.mapping}
        printed = {c for c, cell in enumerate(cells) if cell.text and not _is_label(cell.text)}
        fits[row.key] = {k for k in _SHIFTS if printed <= (mapped | row.headed if k == 0 else {m + k for m in mapped})}
    out: dict[str, int | None] = {}
    groups: dict[int, list[_Row]] = {}
    for row in found.rows.values():
        groups.setdefault(id(row.mapping), []).append(row)
    for rows in groups.values():
        common = set(_SHIFTS).intersection(*(fits[r.key] for r in rows if fits[r.key]))  # a row that fits none is its own problem
        agreed = 0 if 0 in common else (common.pop() if len(common) == 1 else None)
        for r in rows:
            alone = next(iter(fits[r.key])) if len(fits[r.key]) == 1 else None
            out[r.key] = (agreed if agreed is not None else alone) if fits[r.key] else None
    return out


def _orphans(found: _Pass) -> str:
    """The printed headers over numbers that no column of the table took, to name in the finding."""
    named: dict[tuple[int, int], str] = {}
    for row in found.rows.values():
        cells = row.grid.rows[row.index]
        for c in sorted(row.headed - set(row.mapping.values())):
            if _numbers(cells[c]):
                named.setdefault((id(row.grid), c), f"第{c + 1}列")
    return f"（印有数值但表头对应不上的列：{'、'.join(dict.fromkeys(named.values()))}）" if named else ""


def _value(text: str, fid: str, cell: GridCell, read: TableRead):
    if not cell.text:
        return token_cell(fid, None)
    if _PLAIN_COUNT.fullmatch(cell.text):  # the common case, as tokens() would read it
        return token_cell(fid, Token("number", int(cell.text), cell.start, cell.end, cell.text))
    found = tokens(text, cell.start, cell.end)
    if len(found) == 1:
        return token_cell(fid, found[0])
    unreadable = token_cell(fid, None)
    unreadable.start, unreadable.end, unreadable.raw, unreadable.status = cell.start, cell.end, cell.text, "unreadable"
    if len(found) > 1:
        message = f"单元格「{cell.text}」印有{len(found)}个数值，无法确定哪一个是该格的值，留空"
        read.findings.append(Finding("table.row_alignment", "error", [fid], message, start=cell.start, end=cell.end))
        _mark_unsure(read, message)
    return unreadable


def _mark_unsure(read: TableRead, why: str) -> None:
    read.unsure = f"{read.unsure}；{why}" if read.unsure else why


def _unsure_row(read: TableRead, spec: GridSpec, fids: list[str], rows: list[_Row], why: str) -> None:
    cells = rows[0].grid.rows[rows[0].index]
    message = f"「{spec.name}」{why}"
    for fid in fids:
        read.cells[fid] = token_cell(fid, None)
    read.findings.append(Finding("table.row_alignment", "error", fids, message, start=cells[0].start, end=cells[-1].end))
    _mark_unsure(read, message)


# --- the three tables' shapes, from fields.py ------------------------------------------------------------
TABLE_NAMES = {"active": "主动公开政府信息情况表", "applications": "收到和处理政府信息公开申请情况表", "appeals": "政府信息公开行政复议、行政诉讼情况表"}
_PAREN = re.compile(r"[（(][^)）]*[)）]")


def _phrase(label: str) -> str:
    """A printed column label as a phrase to look for: without its note in brackets or its punctuation."""
    return canon(_PAREN.sub("", label))


def _active_spec(template: str) -> GridSpec:
    cells: dict[tuple[str, str], str] = {}
    col_names: dict[str, str] = {}
    if template == F.TEMPLATE_2019:
        rows, col_labels, field_id = F.ACTIVE_ROWS_2019, F.ACTIVE_COLUMN_LABELS_2019, F.active2019_id
        for row, _, cols in rows:
            for col in cols:
                cells[(row, col)] = field_id(row, col)
        col_names = dict(col_labels)
    else:
        rows = F.ACTIVE_ROWS_2021
        for row, _, cols in rows:
            for col in cols:
                key = col or f"single.{_phrase(F.ACTIVE_SINGLE_COLUMN_LABELS[row])}"
                cells[(row, key)] = F.active_id(row, col)
                col_names[key] = F.ACTIVE_COLUMN_LABELS[col] if col else F.ACTIVE_SINGLE_COLUMN_LABELS[row]
    row_keys = tuple((row, (ACTIVE_KEYWORDS[row],)) for row, _, _ in rows)
    col_keys = tuple((key, ((_phrase(name),),)) for key, name in col_names.items())
    return GridSpec("active", TABLE_NAMES["active"], row_keys, col_keys, cells, col_names)


def _applications_spec(template: str) -> GridSpec:
    keywords = APPLICATION_KEYWORDS_2019 if template == F.TEMPLATE_2019 else APPLICATION_KEYWORDS_2021
    cells = {(row, col): F.application_id(row, col) for row, _ in keywords for col in F.APPLICATION_COLUMNS}
    col_keys = tuple((col, ((F.APPLICATION_COLUMN_LABELS[col],),)) for col in F.APPLICATION_COLUMNS)
    return GridSpec(
        "applications", TABLE_NAMES["applications"], tuple((row, (k,)) for row, k in keywords), col_keys, cells,
        dict(F.APPLICATION_COLUMN_LABELS), dict(F.application_rows(template)), transposable=True, min_rows=5,
    )


def _appeals_spec() -> GridSpec:
    groups = {g: _phrase(F.APPEAL_GROUP_LABELS[g].split("·")[-1]) for g in F.APPEAL_GROUPS}
    cols = tuple(
        (f"{g}.{c}", ((groups[g],), (_phrase(F.APPEAL_COLUMN_LABELS[c]),))) for g in F.APPEAL_GROUPS for c in F.APPEAL_COLUMNS
    )
    cells = {("", f"{g}.{c}"): F.appeal_id(g, c) for g in F.APPEAL_GROUPS for c in F.APPEAL_COLUMNS}
    names = {f"{g}.{c}": f"{F.APPEAL_GROUP_LABELS[g]}·{F.APPEAL_COLUMN_LABELS[c]}" for g in F.APPEAL_GROUPS for c in F.APPEAL_COLUMNS}
    return GridSpec("appeals", TABLE_NAMES["appeals"], (), cols, cells, names)


SPECS: dict[tuple[str, str], GridSpec] = {
    (table, template): spec
    for template in (F.TEMPLATE_2021, F.TEMPLATE_2019)
    for table, spec in (
        ("active", _active_spec(template)), ("applications", _applications_spec(template)), ("appeals", _appeals_spec()),
    )
}
