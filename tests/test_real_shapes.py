"""Tables read by their headers: real-shaped grids (golden/real_shapes/), written cell by cell by hand.

The pages print blank 总计 cells, blanks at the start of a row whose label is padded with
an empty cell, labels merged over columns and down rows. Read by position these shift a
value one column; read by (row label, column label) every value stays where it is printed.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, SEED_NAMES, cell_diff, expected_cells, run, seed_text, serious
from fake_llm import FakeLLM
from llm_oracle import correct, question
from render import to_docx, to_html, to_pdf

from nianbao import fields as F
from nianbao.extract.grid_reader import SPECS, read_grid
from nianbao.extract.llm.client import Asker
from nianbao.extract.llm.config import LLMConfig
from nianbao.extract.llm.extractor import LLMExtractor
from nianbao.extract.numbers import parse_number
from nianbao.load.grid import find_grids, render_grid, render_spans
from nianbao.pipeline import process_path, process_text

SHAPES = ROOT / "golden" / "real_shapes"
CASES = ["blank_total_2021", "blank_total_2019", "transposed_2021"]


def golden_of(name: str) -> dict:
    return json.loads((SHAPES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", CASES)
def test_real_shaped_grid_reads_exactly(name):
    g = golden_of(name)
    report = process_path(SHAPES / f"{name}.html")
    assert (report.status, report.template) == ("ok", g["template"])
    diff = cell_diff(expected_cells(g), {f: c.value for f, c in report.cells.items()})
    assert not diff, diff
    assert serious(report) == {(f["rule"], f["severity"], tuple(f["fields"])) for f in g["findings"]}
    assert (report.organ, report.year, report.published) == (g["organ"], g["year"], g["published"])


@pytest.mark.parametrize("name", CASES)
def test_every_value_points_at_its_printed_token(name):
    report = process_path(SHAPES / f"{name}.html")
    printed = [c for c in report.cells.values() if c.value is not None]
    assert len(printed) > 150
    for cell in printed:
        assert parse_number(report.text[cell.start : cell.end]) == cell.value, cell.field
        line = report.text[report.text.rfind("\n", 0, cell.start) + 1 : report.text.find("\n", cell.end)]
        assert line.endswith(" |"), f"{cell.field} does not point into a grid line"


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
@pytest.mark.parametrize("name", ["blank_total_2021", "blank_total_2019"])
def test_the_same_blanks_drawn_as_word_and_pdf_tables_read_exactly(tmp_path, name, fmt):
    """The fixture's values (blanks included) drawn in the national layout by the libraries themselves."""
    g = golden_of(name)
    data = {"html": to_html, "docx": to_docx, "pdf": to_pdf}[fmt](seed_text(SEED_NAMES[0]), g)
    (tmp_path / f"r.{fmt}").write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    report = process_path(tmp_path / f"r.{fmt}")
    assert report.template == g["template"]
    diff = cell_diff(expected_cells(g), {f: c.value for f, c in report.cells.items()})
    assert not diff, diff
    assert not [f for f in report.findings if f.rule.startswith("table.")]


SPLIT_APPEALS = """<table><tr>
<td><table border="1"><tr><td colspan="5">行政复议</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td>2</td><td>0</td><td>1</td><td>0</td><td>3</td></tr></table></td>
<td><table border="1"><tr><td colspan="10">行政诉讼</td></tr>
<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td>1</td><td>0</td><td>0</td><td>1</td><td>2</td><td>0</td><td>0</td><td>0</td><td></td><td>0</td></tr></table></td>
</tr></table>"""


def test_appeals_printed_as_two_tables_side_by_side_read_each_part_by_its_header(tmp_path):
    page = (SHAPES / "blank_total_2021.html").read_text(encoding="utf-8")
    start = page.index("<table", page.index("四、政府信息公开行政复议"))
    end = page.index("</table>", start) + len("</table>")
    (tmp_path / "p.html").write_text(page[:start] + SPLIT_APPEALS + page[end:], encoding="utf-8")
    report = process_path(tmp_path / "p.html")
    got = {g: [report.value(F.appeal_id(g, c)) for c in F.APPEAL_COLUMNS] for g in F.APPEAL_GROUPS}
    assert got == {"review": [2, 0, 1, 0, 3], "litigation_direct": [1, 0, 0, 1, 2], "litigation_after_review": [0, 0, 0, None, 0]}
    assert not [f for f in report.findings if f.rule.startswith("table.")]


def test_a_label_merged_down_its_sub_rows_belongs_to_each():
    report = process_path(SHAPES / "blank_total_2021.html")
    other = {row: [report.value(F.application_id(row, c)) for c in ("natural_person", "commercial", "total")]
             for row in ("other.overdue_correction", "other.overdue_fee", "other.other")}
    assert other == {"other.overdue_correction": [1, 0, 1], "other.overdue_fee": [0, 0, 0], "other.other": [0, 1, 1]}
    anchors = {row: report.text[slice(*report.anchors[F.application_id(row, "total")])] for row in other}
    assert anchors == {"other.overdue_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                       "other.overdue_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                       "other.other": "3.其他"}


def test_transposed_table_with_a_header_that_names_nothing_is_null_there_not_wrong(tmp_path):
    page = (SHAPES / "transposed_2021.html").read_text(encoding="utf-8").replace("<th>4.保护第三方合法权益</th>", "<th>4.第三方权益</th>")
    (tmp_path / "t.html").write_text(page, encoding="utf-8")
    report = process_path(tmp_path / "t.html")
    g = expected_cells(golden_of("transposed_2021"))
    third = {F.application_id("denied.third_party", c) for c in F.APPLICATION_COLUMNS}
    for fid, value in g.items():
        assert report.value(fid) == (None if fid in third else value), fid
    [finding] = [f for f in report.findings if f.rule == "table.column_unmapped"]
    assert set(finding.fields) == third and "保护第三方合法权益" in finding.message
    assert "applications" in report.unsure_tables


def test_a_table_left_unsure_goes_to_the_model_and_a_clean_page_does_not(tmp_path):
    """--llm auto: an unmapped column makes its table unsure, so the model is asked for that table only."""
    page = (SHAPES / "transposed_2021.html").read_text(encoding="utf-8").replace("<th>4.保护第三方合法权益</th>", "<th>4.第三方权益</th>")
    (tmp_path / "t.html").write_text(page, encoding="utf-8")
    asked = {}
    for path in (tmp_path / "t.html", SHAPES / "cms_layout_2020.html"):
        with FakeLLM(default=correct) as fake:
            config = LLMConfig(base_url=fake.base_url, api_key="t", model="fake-model", timeout=5.0)
            process_path(path, llm=LLMExtractor(Asker(config), "auto"))
        asked[path.name] = [question(body)[0] for body in fake.requests]
    assert asked == {"t.html": ["table applications"], "cms_layout_2020.html": []}


def test_a_transposed_table_whose_rows_name_no_applicant_is_not_guessed(tmp_path):
    page = (SHAPES / "transposed_2021.html").read_text(encoding="utf-8").replace('<td colspan="2">自然人</td>', '<td colspan="2">个人</td>')
    (tmp_path / "t.html").write_text(page, encoding="utf-8")
    report = process_path(tmp_path / "t.html")
    assert all(report.value(F.application_id(r, "natural_person")) is None for r, _ in F.APPLICATION_ROWS_2021)
    assert report.value("applications.new.commercial") == 8 and report.value("applications.new.total") == 51
    assert any(f.rule == "table.row_unmatched" and "个人" in f.message for f in report.findings)
    assert "applications" in report.unsure_tables


# --- the grid reader on small grids -----------------------------------------------------------------------
HEADER = [
    [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 2), ("申请人情况", 1, 7)],
    [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
    [("商业企业", 1, 1), ("科研机构", 1, 1), ("社会公益组织", 1, 1), ("法律服务机构", 1, 1), ("其他", 1, 1)],
]


def row(label: str, *values: str) -> list[tuple[str, int, int]]:
    return [(label, 1, 2)] + [(v, 1, 1) for v in values]


def applications(rows: list[list[tuple[str, int, int]]], header=HEADER):
    text = "三、收到和处理政府信息公开申请情况\n" + render_spans(header + rows)
    return text, read_grid(text, find_grids(text), SPECS[("applications", F.TEMPLATE_2021)])


FIVE_ROWS = [
    row("一、本年新收政府信息公开申请数量", "3", "", "0", "0", "1", "0", "4"),
    row("二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", ""),
    row("（一）予以公开", "2", "0", "0", "0", "1", "0", "3"),
    row("（二）部分公开", "1", "0", "0", "0", "0", "0", "1"),
    row("（七）总计", "3", "0", "0", "0", "1", "0", "4"),
]


def test_blank_cells_stay_null_at_their_own_column():
    _, read = applications(FIVE_ROWS)
    new = [read.cells[F.application_id("new", c)].value for c in F.APPLICATION_COLUMNS]
    assert new == [3, None, 0, 0, 1, 0, 4]
    assert read.cells["applications.carried_over.total"].value is None
    assert read.cells["applications.carried_over.total"].status == "blank"
    assert not read.findings and read.unsure is None


def test_a_column_whose_header_cannot_be_mapped_is_null_with_an_error():
    header = [HEADER[0], HEADER[1], [("商业企业", 1, 1), ("科技单位", 1, 1), ("社会公益组织", 1, 1), ("法律服务机构", 1, 1), ("其他", 1, 1)]]
    _, read = applications(FIVE_ROWS, header)
    assert read.cells["applications.new.research"].value is None
    assert read.cells["applications.new.legal_service"].value == 1  # the other columns keep their own values
    [finding] = [f for f in read.findings if f.rule == "table.column_unmapped"]
    assert finding.severity == "error" and "科研机构" in finding.message and "收到和处理政府信息公开申请情况表" in finding.message
    assert set(finding.fields) == {F.application_id(r, "research") for r in ("new", "carried_over", "granted", "partly_granted", "total")}
    assert "第5列" in finding.message  # the column whose printed header matched nothing
    assert read.cells["applications.new.natural_person"].value == 3  # a column of its own: no doubt on the others
    assert not any(f.rule == "table.row_alignment" for f in read.findings)
    assert read.unsure and "科研机构" in read.unsure


def test_an_abbreviated_header_still_names_its_column():
    header = [HEADER[0], HEADER[1], [("商业", 1, 1), ("科研", 1, 1), ("公益组织", 1, 1), ("法律服务", 1, 1), ("其他", 1, 1)]]
    _, read = applications(FIVE_ROWS, header)
    assert [read.cells[F.application_id("new", c)].value for c in F.APPLICATION_COLUMNS] == [3, None, 0, 0, 1, 0, 4]
    assert not read.findings


def test_a_row_with_a_number_beyond_every_column_is_null_not_guessed():
    extra = row("（二）部分公开", "1", "", "0", "0", "0", "0", "1", "7")  # one value more than the header has columns
    _, read = applications(FIVE_ROWS[:3] + [extra] + FIVE_ROWS[4:])
    assert all(read.cells[F.application_id("partly_granted", c)].value is None for c in F.APPLICATION_COLUMNS)
    [finding] = [f for f in read.findings if f.rule == "table.row_alignment"]
    assert finding.severity == "error" and "applications.partly_granted.total" in finding.fields and "第10列「7」" in finding.message
    assert read.cells["applications.granted.total"].value == 3


def test_a_row_pushed_right_by_an_extra_cell_is_read_where_its_values_fit_and_said_so():
    shifted = row("（二）部分公开", "1", "", "0", "0", "0", "0", "1")
    shifted.insert(1, ("", 1, 1))  # an extra empty cell: every value one column to the right
    _, read = applications(FIVE_ROWS[:3] + [shifted] + FIVE_ROWS[4:])
    assert [read.cells[F.application_id("partly_granted", c)].value for c in F.APPLICATION_COLUMNS] == [1, None, 0, 0, 0, 0, 1]
    [note] = [f for f in read.findings if f.rule == "table.row_shifted"]
    assert note.severity == "info" and "部分公开" in note.message


def test_labels_merged_wider_than_the_corner_are_read_one_column_over_when_every_row_agrees():
    """The corner spans two columns but the row labels three: every value sits one column right of its header."""
    wide = [[(r[0][0], 1, 3)] + r[1:] for r in FIVE_ROWS]
    _, read = applications(wide)
    values = {r: [read.cells[F.application_id(r, c)].value for c in F.APPLICATION_COLUMNS]
              for r in ("new", "carried_over", "granted", "total")}
    assert values == {"new": [3, None, 0, 0, 1, 0, 4], "carried_over": [0, 0, 0, 0, 0, 0, None],
                      "granted": [2, 0, 0, 0, 1, 0, 3], "total": [3, 0, 0, 0, 1, 0, 4]}
    [shifted] = [f for f in read.findings if f.rule == "table.row_shifted"]
    assert shifted.severity == "info" and "1列" in shifted.message
    assert not [f for f in read.findings if f.severity == "error"]


def test_rows_that_disagree_on_their_offset_are_read_only_where_one_offset_fits():
    wide = [[(r[0][0], 1, 3)] + r[1:] for r in FIVE_ROWS]
    mixed = FIVE_ROWS[:1] + wide[1:]  # 一、本年新收 sits under the header, the others one column right
    _, read = applications(mixed)
    assert [read.cells[F.application_id("new", c)].value for c in F.APPLICATION_COLUMNS] == [3, None, 0, 0, 1, 0, 4]
    # Complete rows are pinned to one offset each and read there (and said so); 二、上年结转, whose blank
    # 总计 lets it fit both offsets, cannot be told in a table whose rows disagree: null, with an error.
    for r, want in (("granted", [2, 0, 0, 0, 1, 0, 3]), ("total", [3, 0, 0, 0, 1, 0, 4])):
        assert [read.cells[F.application_id(r, c)].value for c in F.APPLICATION_COLUMNS] == want
    assert all(read.cells[F.application_id("carried_over", c)].value is None for c in F.APPLICATION_COLUMNS)
    [error] = [f for f in read.findings if f.severity == "error"]
    assert error.rule == "table.row_alignment" and "applications.carried_over.total" in error.fields and "错位" in error.message


def test_rows_are_found_by_label_in_any_order():
    _, read = applications([FIVE_ROWS[4], FIVE_ROWS[2], FIVE_ROWS[0], FIVE_ROWS[3], FIVE_ROWS[1]])
    assert read.cells["applications.new.total"].value == 4 and read.cells["applications.total.legal_service"].value == 1
    assert read.cells["applications.granted.natural_person"].value == 2


def test_a_row_printed_twice_is_null_with_an_error():
    _, read = applications(FIVE_ROWS + [row("（一）予以公开", "5", "0", "0", "0", "1", "0", "6")])
    assert read.cells["applications.granted.natural_person"].value is None
    assert any(f.rule == "table.row_alignment" and "applications.granted.total" in f.fields for f in read.findings)


def test_ocr_cells_of_text_rowspan_colspan_go_through_the_same_grid():
    """h11ocr hands rows of (text, rowspan, colspan): render_spans is the entry point; the reader needs nothing else."""
    text, read = applications(FIVE_ROWS)
    assert render_spans(HEADER + FIVE_ROWS) in text
    cell = read.cells["applications.new.legal_service"]
    assert text[cell.start : cell.end] == "1"


def test_render_grid_pads_rows_to_a_rectangle_and_keeps_bars_in_cells():
    text = render_grid([["规章", "0", "1|2"], ["行政许可", "5"]])
    [grid] = find_grids(text)
    assert grid.width == 3
    assert [c.text for c in grid.rows[0]] == ["规章", "0", "1¦2"]
    assert [c.text for c in grid.rows[1]] == ["行政许可", "5", ""]
    assert text[grid.rows[1][1].start : grid.rows[1][1].end] == "5"


def test_plain_text_pipe_rows_are_not_read_as_grids():
    """A text file's pipe rows may be rectangular without their geometry (a crawler's copy): the text reader reads them."""
    text = "三、收到和处理政府信息公开申请情况\n" + render_spans(HEADER + FIVE_ROWS)
    assert run(text).value("applications.granted.legal_service") == 1
    as_page = process_text("x.html", "0" * 64, text, kind="html")
    assert as_page.value("applications.new.commercial") is None and as_page.value("applications.new.legal_service") == 1


# --- the text reader never fills in order ---------------------------------------------------------------
def test_a_text_row_that_cannot_be_placed_is_null_not_filled_in_order():
    text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 3 1 4\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n（一）予以公开 3 0 0 0 1 0 4\n（二）部分公开 0 0 0 0 0 0 0\n（七）总计 3 0 0 0 1 0 4\n"
    report = run(text)
    assert [report.value(F.application_id("new", c)) for c in F.APPLICATION_COLUMNS] == [None] * 7
    [finding] = [f for f in report.findings if f.rule == "table.row_alignment"]
    assert finding.severity == "error" and "整行留空" in finding.message
    assert report.unsure_tables.get("applications")
