"""A text table's plain rows are read straight from their digits: the same tokens as the general reader."""

import random

from nianbao.extract.numbers import tokens
from nianbao.extract.tables import plain_row_tokens

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
