"""Numbers printed with a magnitude (万, 千, 亿) are read at their value; percentages are never counts."""

from __future__ import annotations

import pytest
from conftest import run, seed_named

from nianbao.extract.facts import read_facts
from nianbao.extract.numbers import parse_number, tokens


@pytest.mark.parametrize(("printed", "value", "unit"), [
    ("2万件", 20000, "件"),
    ("3千", 3000, None),
    ("1亿元", 100_000_000, "元"),
    ("1.2万", 12000, None),
    ("1.25万件", 12500, "件"),
    ("3万元", 3, "万元"),  # 万元 is a unit of its own (the fee column's): not scaled
    ("1.2", 1.2, None),  # a bare number is never scaled by the column's unit
])
def test_a_magnitude_printed_with_the_number_scales_it(printed, value, unit):
    [token] = tokens(printed)
    assert (token.kind, token.value, token.unit, token.raw) == ("number", value, unit, printed)
    assert type(token.value) is type(value)  # 1.2万 is exactly 12000, not 12000.000000000002
    assert parse_number(printed) == value


def test_a_percentage_is_not_a_count():
    [token] = tokens("19%")
    assert token.kind == "percent"


@pytest.mark.parametrize(("sentence", "name", "value"), [
    ("本年度行政许可2万件。", "active.licensing", 20000),
    ("行政处罚3千件。", "active.punishment", 3000),
    ("全年共收到政府信息公开申请1.2万件。", "applications.received", 12000),
    ("主动公开政府信息2.5万条。", "proactive.total", 25000),
])
def test_prose_with_a_magnitude_states_a_fact(sentence, name, value):
    facts = read_facts(sentence, [])
    assert [(f.name, f.value, f.quote) for f in facts] == [(name, value, sentence.rstrip("。").removeprefix("本年度").removeprefix("全年共"))]


def test_fees_in_yi_yuan_are_read_in_yuan():
    [fact] = read_facts("本年度行政事业性收费1亿元。", [])
    assert (fact.name, fact.value, fact.unit) == ("active.fees", 100_000_000, "元")


def test_a_table_cell_printed_with_wan_is_read_at_its_value_and_keeps_what_was_printed():
    report = run(seed_named("004").replace("行政许可 | 290 |", "行政许可 | 2万 |"))
    cell = report.cells["active.licensing"]
    assert (cell.value, cell.raw, cell.status) == (20000, "2万", "ok")


def test_the_fee_column_is_not_multiplied_by_its_own_unit():
    report = run(seed_named("004").replace("行政事业性收费 | 0 |", "行政事业性收费 | 1.2 |"))
    assert report.cells["active.fees"].value == 1.2


def test_a_percentage_in_a_count_cell_is_null_with_a_finding():
    report = run(seed_named("004").replace("行政许可 | 290 |", "行政许可 | 19% |"))
    cell = report.cells["active.licensing"]
    assert (cell.value, cell.status, cell.raw) == (None, "unreadable", "19%")
    [finding] = [f for f in report.findings if f.rule == "completeness.cell_unreadable" and f.fields == ["active.licensing"]]
    assert "百分比" in finding.message
