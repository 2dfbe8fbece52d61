"""A text table's plain rows are read straight from their digits (plain_row_tokens) or by one pattern into
their cells (read_plain_row): the same tokens and cells as the general reader, and the same stored reports."""

import dataclasses
import random
import re

import pytest

from conftest import ROOT, SEED_NAMES, run, seed_text
from test_layouts import QUIRKS

from nianbao import fields as F
from nianbao.extract import tables
from nianbao.extract.labels import APPLICATION_KEYWORDS_2021, spaced
from nianbao.extract.numbers import tokens
from nianbao.extract.table_read import token_cell
from nianbao.extract.tables import plain_row_tokens, read_plain_row

LABELS = ["予以公开", "\n\t1.属于国家秘密", "\n2、其他", " 3.5万", "\t12.属", "（二）部分公开", "1.属于国家秘密", "第二十条", "件数", "万元", "项目", "个人", "—", "无", "-", "5%", "(三)", "第3", "2024年", ""]
PIECES = ["1.属于", "2、其他", "\t3.", " ", " ", "|", "\t", "\n", "0", "12", "7", "1488", "007", "1,234", "3.5", "12件", "—", "无", "-2", "万", "（二）", "部分公开", "%"]


def _as_tuples(found):
    return [(t.kind, t.value, type(t.value), t.start, t.end, t.raw, t.unit) for t in found]


def test_a_plain_row_reads_as_the_general_reader_reads_it_in_its_table():
    rng = random.Random(2026)
    fast = 0
    for _ in range(40000):
        before = rng.choice(LABELS)
        if rng.random() < 0.5:  # anything
            segment = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12)))
        else:  # a row as tables print it, then perhaps the next row's numbering
            cells = [rng.choice(["0", "12", "1488", "007", "", "3"]) for _ in range(rng.randint(0, 7))]
            sep = rng.choice([" | ", "\t", "\n\t", " |\n"])
            segment = rng.choice([" ", "\t", " | ", "\n"]) + sep.join(cells) + rng.choice(["", " |", "\n", " \n"]) + rng.choice(LABELS)
        after = rng.choice(LABELS) + rng.choice(["", " 3 |", "\n"])
        text = before + segment + after
        start, end = len(before), len(before) + len(segment)
        plain = plain_row_tokens(text, start, end)
        if plain is None:
            continue
        fast += 1
        general = [t for t in tokens(text) if start <= t.start < end]
        assert _as_tuples(plain) == _as_tuples(general), (before, segment, after)
    assert fast > 4000  # the comparison was not vacuous


def test_what_is_not_plain_goes_to_the_general_reader():
    text = "规章 | 12 | 3\n件数"  # 3 and 件 join across the line end: `3\n件` is 3 件
    assert plain_row_tokens(text, 2, len(text) - 1) is None
    assert [t.raw for t in tokens(text) if t.start < len(text) - 1] == ["12", "3\n件"]
    assert plain_row_tokens("x | 12 | — |", 1, 12) is None  # a marker
    assert plain_row_tokens("x | -2 |", 1, 8) is None  # a sign
    assert plain_row_tokens("x12 |", 1, 5) is None  # no separator before the number
    found = plain_row_tokens("x | 12 | 0 |\n（二）部分公开", 1, 17)
    assert [(t.value, t.raw) for t in found] == [(12, "12"), (0, "0")]


# Words around a row's cells with what the one-pattern reader must refuse or may take: markers standing
# alone or inside words, numbering it can and cannot prove is numbering, units and magnitudes after the row.
WORDS = ["无正当理由", "无", " 无 ", "—", "——a", "-", "--", "---", "/", "a/b", "*", "空", "\\", "1. 属于", "2、其他", "3.\n其他",
         "4 . 属", "5  .属", "6.  属", "7.   属", "12.属", "1、", "(1)", "第3", "2024年", "件", "万", "%", "\u3000", " ", "\t", "\n", "|",
         "（三）不予公开", "x"]


def plain_row_cells(text: str, start: int, end: int, field_ids: list[str]) -> list | None:
    """The cells read_plain_row puts, or None when it says False (having put nothing)."""
    cells: dict = {}
    if read_plain_row(text, start, end, field_ids, cells):
        return list(cells.values())
    assert cells == {}
    return None


def _row_text(rng: random.Random, ncols: int) -> tuple[str, int, int]:
    before = rng.choice(LABELS)
    head = "".join(rng.choice(WORDS) for _ in range(rng.randint(0, 3))) + rng.choice([" ", "\t", "|", "\n", ""])
    count = ncols + rng.choice([0, 0, 0, 0, -1, 1])
    cells = [rng.choice(["0", "12", "1488", "007", "3", "", "1,234", "-2", "3.5", "12件"] if rng.random() < 0.1 else ["0", "12", "1488", "007", "3"])
             for _ in range(max(count, 0))]
    sep = rng.choice([" | ", "\t", "\n\t", " |\n", "\t\t", " "])
    tail = rng.choice(["", " |", "\n", " \n", "\t"]) + "".join(rng.choice(WORDS) for _ in range(rng.randint(0, 3)))
    segment = head + sep.join(cells) + tail
    after = rng.choice(LABELS) + rng.choice(["", " 3 |", "\n"])
    return before + segment + after, len(before), len(before) + len(segment)


def test_the_one_pattern_row_reader_gives_the_cells_the_token_reader_gives():
    rng = random.Random(16)
    fast = 0
    for _ in range(40000):
        ncols = rng.choice([1, 2, 3, 5, 7, 15])
        text, start, end = _row_text(rng, ncols)
        field_ids = [f"f{i}" for i in range(ncols)]
        cells = plain_row_cells(text, start, end, field_ids)
        if cells is None:
            continue
        fast += 1
        # What the table reader did before it: the plain row's tokens, which are the general reader's.
        plain = plain_row_tokens(text, start, end)
        general = [t for t in tokens(text) if start <= t.start < end]
        assert plain is not None and _as_tuples(plain) == _as_tuples(general), (text, start, end)
        expected = [token_cell(fid, t) for fid, t in zip(field_ids, general)]
        assert len(general) == ncols and cells == expected, (text, start, end)
        assert [type(c.value) for c in cells] == [type(c.value) for c in expected]
    assert fast > 1500  # the comparison was not vacuous


def test_what_the_one_pattern_row_reader_leaves_to_the_token_reader():
    ids = ["a", "b"]
    assert [c.value for c in plain_row_cells("x\t1\t2\n2、其他", 1, 11, ids)] == [1, 2]
    assert plain_row_cells("x\t1\t2\n", 1, 6, ["a"]) is None  # more numbers than cells
    assert plain_row_cells("x\t1\n", 1, 4, ids) is None  # fewer
    assert plain_row_cells("x 无 \t1\t2\n", 1, 9, ids) is None  # a marker standing alone
    assert plain_row_cells("x无正当理由\t1\t2\n", 1, 13, ids) is not None  # 无 inside a word is no marker
    assert plain_row_cells("x\t1\t2\n2、\n其他", 1, 12, ids) is None  # `2、` then a line end: perhaps a value
    assert plain_row_cells("x\t1\t2\n件", 1, 6, ids) is None  # 2 件 read together
    # The next row's numbering right at the row's end: read by what follows it, past the row.
    assert [c.value for c in plain_row_cells("x\t1\t2\n\t2.重复申请", 1, 10, ids)] == [1, 2]
    assert plain_row_cells("x\t1\t2\n\t2.\n重复申请", 1, 10, ids) is None


# --- the readers with and without the one-pattern rows ----------------------------------------------
EDITS = ["", "—", "无", " 无 ", "12件", "1,234", "3.5", "-2", "00", "7", "\t", " ", "|", "\n", "万", "2、", "1.\n", "无正当理由"]


def _mutated(rng: random.Random, text: str) -> str:
    """The seed with a few random edits inside its tables (between its 主动公开 and 五、 headings)."""
    start, end = text.index("主动公开政府信息情况"), text.index("五、存在")
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(start, end)
        chars[at] = rng.choice(EDITS) if chars[at].isdigit() or chars[at] in "\t\n" or rng.random() < 0.1 else chars[at]
    return "".join(chars)


def _stored(text: str) -> dict:
    report = dataclasses.asdict(run(text))
    report.pop("timings")
    return report


def _texts_with_every_layout_quirk(rng: random.Random, mutated: int) -> list[str]:
    seeds = [seed_text(s) for s in SEED_NAMES]
    texts = [quirk(s) for s in seeds for quirk in QUIRKS] + [_mutated(rng, rng.choice(seeds)) for _ in range(mutated)]
    return texts + [(ROOT / "golden" / "glued" / "glued_2021.txt").read_text(encoding="utf-8"),
                    (ROOT / "golden" / "synthetic" / "synthetic_2019.txt").read_text(encoding="utf-8")]


def test_the_readers_store_the_same_with_and_without_the_one_pattern_rows(monkeypatch):
    texts = _texts_with_every_layout_quirk(random.Random(1216), 150)
    taken, tables_taken = [], []
    fast_row, fast_table = tables.read_plain_row, tables._read_plain_table
    monkeypatch.setattr(tables, "read_plain_row", lambda *a: taken.append(fast_row(*a)) or taken[-1])
    monkeypatch.setattr(tables, "_read_plain_table", lambda *a: tables_taken.append(fast_table(*a)) or tables_taken[-1])
    with_fast = [_stored(t) for t in texts]
    monkeypatch.setattr(tables, "read_plain_row", lambda *a: False)
    monkeypatch.setattr(tables, "_read_plain_table", lambda *a: None)
    for text, stored in zip(texts, with_fast):
        assert _stored(text) == stored, text
    # Both ways were taken: rows read by one pattern (alone or in their table's), and rows left to the tokens.
    rows_in_tables = sum(len(spans) - 1 for spans in tables_taken if spans is not None)
    assert taken.count(True) + rows_in_tables > 3000 and taken.count(False) > 100


def test_a_table_read_by_one_pattern_stores_what_its_rows_read_one_by_one_store(monkeypatch):
    texts = _texts_with_every_layout_quirk(random.Random(1801), 150)
    tables_taken = []
    fast_table = tables._read_plain_table
    monkeypatch.setattr(tables, "_read_plain_table", lambda *a: tables_taken.append(fast_table(*a)) or tables_taken[-1])
    with_fast = [_stored(t) for t in texts]
    monkeypatch.setattr(tables, "_read_plain_table", lambda *a: None)
    for text, stored in zip(texts, with_fast):
        assert _stored(text) == stored, text
    taken = sum(spans is not None for spans in tables_taken)
    assert taken > 80 and len(tables_taken) - taken > 50  # both ways were taken


# --- a whole table by one pattern: its rows cut and read as row by row ------------------------------
# A made-up table whose labels open with characters its rows also print (其, 行, 予), one label with an
# optional opening (行政规范性文件 or 规范性文件), rows of 1 to 7 cells.
_TABLE_KEYS = [("new", "本年新收"), ("granted", "予以公开"), ("other", "其他"), ("docs", None), ("licensing", "行政许可"), ("total", "总计")]
_TABLE_LABELS = [(row, spaced(k) if k else tables.ACTIVE_LABELS["normative_docs"]) for row, k in _TABLE_KEYS]
_TABLE_COLS = {"new": 7, "granted": 3, "other": 1, "docs": 3, "licensing": 1, "total": 2}
_TABLE_LAYOUT = tables._layout(_TABLE_LABELS, [(row, [f"{row}.{i}" for i in range(_TABLE_COLS[row])]) for row, _ in _TABLE_KEYS], one_pattern=True)
_PRINTED_LABELS = {"new": ["本年新收"], "granted": ["予以公开", "予 以公开"], "other": ["其他", "其\n他"], "docs": ["行政规范性文件", "规范性文件", "行 政规范性文件"],
                   "licensing": ["行政许可", "行政\t许可"], "total": ["总计"]}
# What stands around a row's cells: words, the next labels' openings and whole labels, markers, numbering
# in every spacing, units and magnitudes, digits of other scripts. Mostly what a table prints (_WORDS_AROUND,
# and _NUMBERING after the cells), now and then anything (_ANYTHING_AROUND).
_WORDS_AROUND = ["\n", "\t", " ", "|", "\n\t", "申请数量", "(二)", "（三）不予公开", "其", "予", "予以", "行", "行政", "许可", "总", "无正当理由", "a/b"]
_NUMBERING = ["\n\t1.属于", "\t2.其他", "\n2、重复", "\n\t3. 本机关", "\n\t1.", "\n 2 .属于", "\n  2.属", "\n2.  属于", "\n2.危及", "\n\t4.保护"]
_ANYTHING_AROUND = ["其 他", "其他", "规范性文件", "无", " 无 ", "—", "-", "*", "1.属于", "2. ", " 2.", "2 .", "2.\n", "12", "(1)",
                    "第3", "2024年", "件", "\n万", "%", "\u0663", "\uff12", "\u3000", "\n2.\t", "\\", "a\\b", "1.a", "3.5", "2.国"]
_VALUES = ["0", "12", "007", "1488", "3", "0", "0"]
_ODD_VALUES = ["", "—", "12件", "1,234", "-2", "3.5", "\u0663", "无"]


def _around(rng: random.Random, most: int, numbering: bool = False) -> list[str]:
    found = [rng.choice(_WORDS_AROUND) for _ in range(rng.randint(0, most))]
    if numbering and rng.random() < 0.4:
        found.append(rng.choice(_NUMBERING))
    if rng.random() < 0.04:
        found.insert(rng.randint(0, len(found)), rng.choice(_ANYTHING_AROUND))
    return found


def _table_text(rng: random.Random) -> str:
    parts = [rng.choice(["", "表格\n", "其他\n", "\t"])]
    for row, _ in _TABLE_KEYS:
        if rng.random() < 0.98:  # else the label is not printed
            parts.append(rng.choice(_PRINTED_LABELS[row]))
        parts += _around(rng, 2)
        count = _TABLE_COLS[row] + (rng.choice([-1, 1]) if rng.random() < 0.02 else 0)
        values = [rng.choice(_ODD_VALUES) if rng.random() < 0.01 else rng.choice(_VALUES) for _ in range(count)]
        sep = rng.choice(["\n\t", "\t", " | ", " ", "\n", "\t\t", "|"])
        parts.append(rng.choice(["\n\t", "\t", " | ", " ", "|"]) + sep.join(values) + rng.choice(["\n", "\t", " |", " \n", "\n\n\t"]))
        parts += _around(rng, 3, numbering=True)
        if rng.random() < 0.01:
            parts.append("说明" * rng.choice([290, 310]))  # about read_plain_row's length limit
    return "".join(parts)


def test_a_table_by_one_pattern_cuts_and_reads_its_rows_as_the_row_reader_does():
    rng = random.Random(1802)
    layout, rows = _TABLE_LAYOUT, _TABLE_LAYOUT.rows
    taken = 0
    for _ in range(30000):
        text = _table_text(rng)
        start = rng.choice([0, 0, 1])
        cells: dict = {}
        spans = tables._read_plain_table(text, layout, start, len(text), cells)
        if spans is None:
            assert cells == {}
            continue
        taken += 1
        expected = tables._find_labels(text, layout.labels, start, len(text))
        assert list(spans.items()) == list(expected.items()), text
        row_by_row: dict = {}
        for (row, field_ids), (next_row, _) in zip(rows, rows[1:]):
            assert read_plain_row(text, spans[row][1], spans[next_row][0], field_ids, row_by_row), (text, row)
        assert list(cells.items()) == list(row_by_row.items()), text
        assert [type(c.value) for c in cells.values()] == [type(c.value) for c in row_by_row.values()]
    assert 2000 < taken < 27000  # both ways were taken


def test_a_row_label_opens_with_a_character_no_cell_or_word_before_it_can_take():
    for layout in (*tables._APPLICATIONS.values(), _TABLE_LAYOUT):
        for _, label in layout.labels:
            assert tables._label_opens(label.pattern)
    assert tables._label_opens(tables.ACTIVE_LABELS["normative_docs"]) == "行规"
    for label in ("\\s*其他", "万\\s*元", "无\\s*其", "(?:其\\s*)?\\s*他", "1\\s*年", "其?他", "其他|总计", "(?:行?政)?规", "(?:行|政)规"):
        with pytest.raises(ValueError):
            tables._label_opens(label)


# --- the plain row's pattern: its first branches before and after the cells ---------------------------
SOUP = ["\t", " ", "|", "\n", "0", "12", "—", "无", "2.", "1、", "件", "万", "x", "（二）", "\u3000", "  ", "3 .", "无正当"]


def test_the_first_branches_before_and_after_the_cells_match_as_the_general_pattern_alone():
    rng = random.Random(1730)
    general = {n: re.compile(tables._plain_cells_source(n, tables._GENERAL_HEAD, tables._GENERAL_TAIL)) for n in (1, 2, 3, 5, 7, 15)}
    matched = quick_head = quick_tail = 0
    for _ in range(60000):
        ncols = rng.choice(list(general))
        if rng.random() < 0.7:
            text, start, end = _row_text(rng, ncols)
        else:
            text = "".join(rng.choice(SOUP) for _ in range(rng.randint(0, 25)))
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
        fast = tables._plain_cells_pattern(ncols).fullmatch(text, start, end)
        slow = general[ncols].fullmatch(text, start, end)
        assert (fast is None) == (slow is None), (text, start, end, ncols)
        if fast is None:
            continue
        matched += 1
        assert (fast.regs, fast.lastindex) == (slow.regs, slow.lastindex), (text, start, end, ncols)
        quick_head += not text[start:fast.start(1)].strip(" \t|\n")
        quick_tail += not re.search(r"[\d—\-/\\无空*]", text[fast.end(ncols) : end])
    # Both ways taken on each side: the first branches and the general ones.
    assert matched > 2000 and min(quick_head, quick_tail, matched - quick_head, matched - quick_tail) > 300


def _without_a_row_label(rng: random.Random, text: str) -> str:
    """The seed with one of its applications table's row labels printed otherwise (that row not found)."""
    row, label = rng.choice(APPLICATION_KEYWORDS_2021)
    return text.replace(label, "某某某", 1)


def test_every_found_row_points_its_fields_at_its_label_in_table_order():
    rng = random.Random(1731)
    seeds = [seed_text(s) for s in SEED_NAMES]
    texts = seeds + [_without_a_row_label(rng, rng.choice(seeds)) for _ in range(40)]
    some_missing = 0
    for text in texts:
        report = run(text)
        start, end = report.tables_found.get("applications", (0, len(report.text)))
        layout = tables._APPLICATIONS[report.template]
        spans = tables._find_labels(report.text, layout.labels, start, end)
        read = tables.read_applications(report.text, start, end, report.template)
        expected = [(fid, spans[row]) for row, field_ids in layout.rows if row in spans for fid in field_ids]
        assert list(read.anchors.items()) == expected
        some_missing += len(spans) < len(layout.rows)
    assert some_missing > 10


def test_the_readers_put_into_one_table_read_what_they_read_into_their_own():
    """extract_builtin hands each text reader a TableRead around the report's cells and anchors: each
    table's cells, anchors, findings, span and doubts are those it reads on its own, in the same order."""
    rng = random.Random(1732)
    seeds = [seed_text(s) for s in SEED_NAMES]
    texts = [quirk(s) for s in seeds for quirk in QUIRKS] + [_mutated(rng, rng.choice(seeds)) for _ in range(60)]
    texts += [(ROOT / "golden" / "glued" / "glued_2021.txt").read_text(encoding="utf-8")]
    findings = 0
    for text in texts:
        report = run(text)
        cells: dict = {}
        anchors: dict = {}
        merged_cells: dict = {}
        merged_anchors: dict = {}
        for table, reader in (("active", tables.read_active), ("applications", tables.read_applications), ("appeals", tables.read_appeals)):
            start, end = report.tables_found.get(table, (0, len(report.text)))
            own = reader(report.text, start, end, report.template)
            into = tables.TableRead(cells=cells, anchors=anchors)
            shared = reader(report.text, start, end, report.template, into)
            assert shared is into
            assert (shared.span, shared.findings, shared.unsure) == (own.span, own.findings, own.unsure)
            merged_cells.update(own.cells)
            merged_anchors.update(own.anchors)
            findings += len(own.findings)
        assert list(cells.items()) == list(merged_cells.items())
        assert list(anchors.items()) == list(merged_anchors.items())
    assert findings > 20  # glued and misaligned rows were among them


def _without_a_table(rng: random.Random, text: str) -> str:
    """The seed with one of its tables' headings or labels printed otherwise: that table not read, or not all of it."""
    words = rng.choice([["第二十条", "信息内容"], ["结果维持", "结果纠正", "尚未审结", "行政复议"],
                        [k for _, k in APPLICATION_KEYWORDS_2021], ["规章", "总计", "本年新收"]])
    for word in words:
        text = text.replace(word, "某某")
    return text


def test_the_text_readers_put_their_templates_fields_only_so_counting_them_tells_a_full_report():
    """extract_builtin skips the blank fill when a report that had no cells has as many as its template
    has fields: that tells every field is there only because the text readers put no other key."""
    rng = random.Random(1803)
    seeds = [seed_text(s) for s in SEED_NAMES]
    texts = _texts_with_every_layout_quirk(rng, 60) + [_without_a_table(rng, rng.choice(seeds)) for _ in range(80)]
    full = partial = 0
    for text in texts:
        report = run(text)
        cells: dict = {}
        for table, reader in (("active", tables.read_active), ("applications", tables.read_applications), ("appeals", tables.read_appeals)):
            start, end = report.tables_found.get(table, (0, len(report.text)))
            reader(report.text, start, end, report.template, tables.TableRead(cells=cells, anchors={}))
        template_fields = F.FIELD_SETS[report.template]
        assert cells.keys() <= template_fields
        assert (len(cells) == len(template_fields)) == (cells.keys() >= template_fields)
        assert list(report.cells) == list(cells) + [f for f in F.fields_for(report.template) if f not in cells]
        full += len(cells) == len(template_fields)
        partial += len(cells) < len(template_fields)
    assert full > 50 and partial > 20


def test_a_label_with_its_unspaced_printing_first_matches_as_the_label_alone():
    rng = random.Random(1919)
    alphabet = ["其", "他", "本", "年", ".", "(", "*", "a", "1", "“"]
    for _ in range(3000):
        label = spaced("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))))
        fast, plain = re.compile(tables._unspaced_first(label)), re.compile(label)
        assert fast.pattern != plain.pattern  # taken for every spaced(…) label
        text = "".join(rng.choice(alphabet + [" ", "\n", "\t", "\u3000", "  "]) for _ in range(rng.randint(0, 14)))
        for pos in range(len(text) + 1):
            got, expected = fast.match(text, pos), plain.match(text, pos)
            assert (got and got.span()) == (expected and expected.span()), (label, text, pos)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for other in (tables.ACTIVE_LABELS["normative_docs"], r"\s*其他", "其他|总计", spaced("其 他"), spaced("其\t他")):
        assert tables._unspaced_first(other) == other


def test_what_follows_a_number_is_looked_at_past_whitespace_as_the_pattern_looks():
    def reference(text: str, end: int) -> bool:  # _attaches as a pattern says it
        after = re.compile(r"\s*").match(text, end).end()
        return text[after : after + 1] in tables._ATTACHES

    spaces = [" ", "\n", "\t", "\r", "\x0b", "\x1c", "\x85", "\xa0", "\u2028", "\u3000", "\u200b", "\ufeff"]
    printed = ["件", "万", "元", "%", "其", "1", "|", "—", "x"]
    rng = random.Random(1903)
    for _ in range(20000):
        text = "".join(rng.choice(spaces if rng.random() < 0.8 else printed) for _ in range(rng.randint(0, 20)))
        for end in range(len(text) + 1):
            assert tables._attaches(text, end) == reference(text, end), (text, end)
    # str.lstrip strips what `\s` matches, every code point
    assert [c for c in map(chr, range(0x110000)) if ((c + "x").lstrip() == "x") != bool(re.match(r"\s", c))] == []


def test_a_format_sign_is_looked_for_only_where_its_character_is_printed_as_its_pattern_finds_it():
    for signs in (tables._SIGNS_2019_ACTIVE, tables._SIGNS_2021_OTHER):
        for ch, sign in signs:
            assert ch in sign.pattern.replace(r"\s*", "")  # the character is one of the phrase's
    rng = random.Random(1904)
    pieces = ["本年新制作", "本 年\n新制作", "本年新", "上一年项目数量", "政府\t集中采购", "对外公开总数量", "逾期不补正",
              "缴纳\n费用", "新", "目", "采", "总", "逾", "缴", "本年", "\n\t", "0", " ", "其他处理", "对外公开"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        a = rng.randint(0, len(text))
        span = (a, rng.randint(a, len(text)))
        for signs in (tables._SIGNS_2019_ACTIVE, tables._SIGNS_2021_OTHER):
            assert tables._printed(signs, text, span) == any(sign.search(text, *span) for _, sign in signs), (text, span)


def test_the_format_is_told_as_its_definition_tells_it():
    def reference(text: str, active: tuple[int, int], applications: tuple[int, int]) -> str:
        def printed(phrases, span):
            return any(re.compile(spaced(w)).search(text, *span) for w in phrases)
        if printed(("本年新制作", "本年新公开", "上一年项目数量", "政府集中采购", "对外公开总数量"), active):
            return F.TEMPLATE_2019
        if printed(("其他处理",), applications) and not printed(("逾期不补正", "缴纳费用"), applications):
            return F.TEMPLATE_2019
        return F.TEMPLATE_2021

    rng = random.Random(1907)
    pieces = ["本年新制作", "本年 新公开", "上一年项目数量", "政府集中采购", "对外公开总数量", "其他处理", "其他\n处理", "其他",
              "逾期不补正", "逾期", "缴纳 费用", "缴纳", "本年制发件数", "\n\t", "0", "申请", "新", "总"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        cuts = sorted(rng.randint(0, len(text)) for _ in range(4))
        active, applications = (cuts[0], cuts[1]), (cuts[2], cuts[3])
        if rng.random() < 0.5:
            active, applications = applications, active
        assert tables.detect_template(text, active, applications) == reference(text, active, applications), (text, active, applications)
