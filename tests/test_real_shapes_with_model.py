"""Issue 9: every real-shaped page reads exactly with a correct model, over real HTTP (tests/fake_llm.py).

The model here knows the hand-written golden values (golden/real_shapes/*.json) and points at the
printed cells that hold them; it reads nothing with nianbao's own readers. With `--llm always` every
table is read by both, so the stored cells must equal the golden file and the two readers must agree.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, cell_diff, expected_cells, serious
from fake_llm import FakeLLM
from llm_oracle import knows_the_golden, question

from nianbao import fields as F
from nianbao.extract.llm.client import Asker
from nianbao.extract.llm.config import LLMConfig
from nianbao.extract.llm.extractor import LLMExtractor
from nianbao.extract.numbers import parse_number
from nianbao.pipeline import process_path

SHAPES = ROOT / "golden" / "real_shapes"
CASES = ["blank_total_2021", "blank_total_2019", "transposed_2021", "cms_layout_2020"]


def golden_of(name: str) -> dict:
    return json.loads((SHAPES / f"{name}.json").read_text(encoding="utf-8"))


def read_with_model(path, golden: dict, policy: str):
    with FakeLLM(default=knows_the_golden(expected_cells(golden))) as fake:
        config = LLMConfig(base_url=fake.base_url, api_key="t", model="fake-model", timeout=5.0, transport_retries=1, reask=2)
        report = process_path(path, llm=LLMExtractor(Asker(config), policy))
        asked = [question(b)[0] for b in fake.requests]
    return report, asked


@pytest.mark.parametrize("name", CASES)
def test_a_correct_model_reads_every_real_shaped_page_exactly(name):
    g = golden_of(name)
    report, asked = read_with_model(SHAPES / f"{name}.html", g, "always")
    assert {"table active", "table applications", "table appeals"} <= set(asked)
    assert all(c.ok for c in report.llm_calls), [(c.part, c.ok) for c in report.llm_calls]
    diff = cell_diff(expected_cells(g), {f: c.value for f, c in report.cells.items()})
    assert not diff, diff
    assert not [f for f in report.findings if f.rule == "extractors_disagree"]
    assert not [f for f in report.findings if f.rule.startswith("llm.") and f.severity != "info"]
    assert serious(report) == {(f["rule"], f["severity"], tuple(f["fields"])) for f in g["findings"]}
    read_by_both = [c for c in report.cells.values() if c.value is not None and "llm:" in c.extractor]
    assert len(read_by_both) > 150  # the model's reading was taken, not ignored
    for cell in report.cells.values():
        if cell.value is not None:
            assert parse_number(report.text[cell.start : cell.end]) == cell.value, cell.field


def test_a_table_the_builtin_reader_leaves_unsure_is_filled_exactly_by_a_correct_model(tmp_path):
    page = (SHAPES / "transposed_2021.html").read_text(encoding="utf-8").replace("<th>4.保护第三方合法权益</th>", "<th>4.第三方权益</th>")
    (tmp_path / "t.html").write_text(page, encoding="utf-8")
    g = golden_of("transposed_2021")
    third = [F.application_id("denied.third_party", c) for c in F.APPLICATION_COLUMNS]
    report, asked = read_with_model(tmp_path / "t.html", g, "auto")
    assert [a for a in asked if a.startswith("table ")] == ["table applications"]
    diff = cell_diff(expected_cells(g), {f: c.value for f, c in report.cells.items()})
    assert not diff, diff
    filled = [report.cells[f] for f in third]
    assert [c.value for c in filled] == [2, 0, 0, 0, 0, 0, 2]
    assert all(c.extractor.startswith("llm:fake-model") for c in filled)
    assert [report.text[c.start : c.end] for c in filled] == ["2", "0", "0", "0", "0", "0", "2"]
    assert not [f for f in report.findings if f.rule == "extractors_disagree"]
