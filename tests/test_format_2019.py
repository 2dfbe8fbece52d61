"""The 2019 national format (reports on 2019 and 2020), told by its tables, with its own ids and rules.

The goldens are SYNTHETIC, written by hand in two layouts: tab-separated text and HTML
with rowspan/colspan inside CMS noise (golden/synthetic/).
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, cell_diff, expected_cells, serious
from fake_llm import FakeLLM
from llm_oracle import correct

from nianbao import fields as F
from nianbao.extract.llm.client import Asker
from nianbao.extract.llm.config import LLMConfig
from nianbao.extract.llm.extractor import LLMExtractor
from nianbao.pipeline import process_path, process_text

SYNTHETIC = ROOT / "golden" / "synthetic"
GOLDEN = json.loads((SYNTHETIC / "synthetic_2019.json").read_text(encoding="utf-8"))
WANT = {(f["rule"], f["severity"], tuple(f["fields"])) for f in GOLDEN["findings"]}


@pytest.mark.parametrize("name", ["synthetic_2019.txt", "synthetic_2019.html"])
def test_2019_golden(name):
    report = process_path(SYNTHETIC / name)
    assert (report.status, report.template) == ("ok", "2019")
    assert list(report.cells) == F.FIELDS_2019 and len(F.FIELDS_2019) == 198
    diff = cell_diff(expected_cells(GOLDEN), {f: c.value for f, c in report.cells.items()})
    assert not diff, diff
    assert serious(report) == WANT
    assert (report.organ, report.year, report.published) == (GOLDEN["organ"], GOLDEN["year"], GOLDEN["published"])


def test_the_version_is_told_by_the_tables_not_the_year():
    """A 2020 report in the 2021 layout is read as 2021; the 2019 layout is 2019 whatever the year says."""
    text = (SYNTHETIC / "synthetic_2019.txt").read_text(encoding="utf-8").replace("2019年政府信息公开", "2021年政府信息公开")
    assert process_text("x", "0" * 64, text).template == "2019"
    seed = (ROOT / "golden" / "seeds").glob("004*").__next__().read_text(encoding="utf-8")
    assert process_text("y", "0" * 64, seed.replace("2024年", "2020年")).template == "2021"


def test_2019_rules_use_that_formats_rows():
    text = (SYNTHETIC / "synthetic_2019.txt").read_text(encoding="utf-8")
    broken = text.replace("\t（六）其他处理\t\t0\t0\t0\t1\t0\t0\t1", "\t（六）其他处理\t\t0\t0\t0\t2\t0\t0\t2")
    report = process_text("x", "0" * 64, broken)
    columns = {f.fields[-1] for f in report.findings if f.rule == "applications.column_total"}
    assert columns == {"applications.total.social_welfare", "applications.total.total"}
    prose = text.replace("全年共收到政府信息公开申请13件", "全年共收到政府信息公开申请13件，办理行政许可1200件")
    [finding] = [f for f in process_text("x", "0" * 64, prose).findings if f.rule == "prose.active_table"]
    assert finding.fields == ["active2019.licensing.decisions"] and finding.actual == 1203


def test_2019_with_the_model_cross_checking():
    with FakeLLM(default=correct) as fake:
        config = LLMConfig(base_url=fake.base_url, api_key="t", model="fake-model", timeout=5.0)
        report = process_path(SYNTHETIC / "synthetic_2019.txt", llm=LLMExtractor(Asker(config), "always"))
    assert not [f for f in report.findings if f.rule in ("extractors_disagree", "llm.failed")]
    assert report.cells["active2019.procurement.amount"].extractor == "builtin+llm:fake-model/table_v2"
    assert serious(report) == WANT


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_2019_in_every_format(tmp_path, fmt):
    from render import to_docx, to_html, to_pdf

    render = {"html": to_html, "docx": to_docx, "pdf": to_pdf}[fmt]
    data = render((SYNTHETIC / "synthetic_2019.txt").read_text(encoding="utf-8"), GOLDEN)
    path = tmp_path / f"synthetic_2019.{fmt}"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    report = process_path(path)
    assert (report.status, report.template) == ("ok", "2019")
    assert not cell_diff(expected_cells(GOLDEN), {f: c.value for f, c in report.cells.items()})
    assert serious(report) == WANT
