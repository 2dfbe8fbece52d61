"""Reading printed numbers, and not mistaking numbering or dates for values."""

import pytest

from nianbao.extract.normalize import normalize
from nianbao.extract.numbers import parse_number, tokens


@pytest.mark.parametrize(
    "raw, value",
    [("0", 0), ("1,234", 1234), ("0.5", 0.5), ("251000元", 251000), ("3万元", 3), ("12 件", 12), ("-2", -2), ("1,234,567", 1234567)],
)
def test_parse_number(raw, value):
    got = parse_number(raw)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("raw", ["", "无", "—", "1,23", "abc", "1.2.3"])
def test_not_a_number(raw):
    assert parse_number(raw) is None


def test_numbering_dates_and_parentheses_are_not_values():
    text = "1.属于国家秘密\t0\n3、 收到申请\n(1) 2024年 第2项 5\n2. 重复申请 7"
    assert [t.value for t in tokens(text)] == [0, 5, 7]


def test_markers_are_tokens_without_value():
    found = tokens("行政强制 | — | / | 无 | 3 |")
    assert [(t.kind, t.raw) for t in found] == [("marker", "—"), ("marker", "/"), ("marker", "无"), ("number", "3")]


def test_spans_are_absolute():
    text = "abc 12 def 3,456"
    assert [(text[t.start : t.end], t.value) for t in tokens(text)] == [("12", 12), ("3,456", 3456)]


def test_normalize_full_width_spaces_zero_width_and_crlf():
    assert normalize("１２３\u3000（一）\u00a0a\u200bb\r\nc\rd") == "123 (一) ab\nc\nd"


@pytest.mark.parametrize(
    "text, values",
    [
        # A cell separator after the number: a value, read on the fast path.
        ("规章 | 12 | 0 |\n", [12, 0]),
        ("规章\t12\t0\n", [12, 0]),
        # Spaces before what follows do not hide a label: `1 、`, `2024 年`, `3 .属于` stay numbering.
        ("1 、属于国家秘密 | 5 |", [5]),
        ("2024 年 | 8 |", [8]),
        ("3  .属于 | 9 |", [9]),
        # …but four spaces end the look-ahead, as they always did.
        ("1    、属于 | 9 |", [1, 9]),
        # Labels before the number, a sign, a unit after spaces: never the fast path.
        ("第2 | 6 |", [6]),
        ("(1) | 4 |", [4]),
        ("行政许可 -2 |", [-2]),
        ("2024-2 |", [2024, 2]),  # a dash joining two numbers is not a minus sign
        ("收费 3 万元 |", [3]),
        ("许可 2 万 |", [20000]),
        ("1,234 |", [1234]),
        ("1234567890123456789 |", [float("inf")]),
    ],
)
def test_values_and_labels_around_separators_and_spaces(text, values):
    assert [t.value for t in tokens(text) if t.kind == "number"] == values


def _reference_tokens(text, start=0, end=None):
    """The token reader as it was before its fast path: every match of the one general pattern."""
    from nianbao.extract.numbers import _NUMBER, MARKER, _is_numbering, _value

    end = len(text) if end is None else end
    found = [(("percent" if m["unit"] == "%" else "number"), _value(m), m.start(), m.end(), m.group(0), m["unit"])
             for m in _NUMBER.finditer(text, start, end) if not _is_numbering(text, m)]
    found += [("marker", None, m.start(), m.end(), m.group(0), None) for m in MARKER.finditer(text, start, end)]
    return sorted(found, key=lambda t: t[2])


def test_the_fast_token_reader_reads_what_the_general_pattern_reads():
    """Digits scanned first, the look-behind and sign decided in Python: the same tokens, on random text."""
    import random

    rng = random.Random(12)
    pieces = list("0123456789 ,.-|\t\n年月第(（)）、万千亿元件条%—/无空*属") + ["٣", "1,234", "12.5", "万元", "--"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 24)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        for bounds in ((0, None), (start, end)):
            got = [(t.kind, t.value, type(t.value), t.start, t.end, t.raw, t.unit) for t in tokens(text, *bounds)]
            want = [(k, v, type(v), s, e, r, u) for k, v, s, e, r, u in _reference_tokens(text, *bounds)]
            assert got == want, (text, bounds)


def test_a_plain_count_reads_as_the_pattern_reads_it():
    import random

    from nianbao.extract.numbers import _read_pattern

    rng = random.Random(12)
    pieces = ["0", "7", "12", "007", "1" * 18, "1" * 19, "1" * 40, ",", ".", "-", " ", "\u3000", "万", "元", "件", "１", "²", "a"]
    plain = 0
    for _ in range(20000):
        raw = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
        got, general = parse_number(raw), _read_pattern(raw.strip())
        assert got == general and type(got) is type(general), raw
        plain += raw.strip().isdigit()
    assert plain > 1000  # the fast way was taken often
