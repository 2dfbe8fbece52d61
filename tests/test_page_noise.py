"""A report inside an older portal's page: layout tables, navigation, breadcrumbs, 相关链接, footer.

golden/real_shapes/cms_layout_2020.html is written by hand in that shape; its expected values
(cms_layout_2020.json) were read from the page cell by cell.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, cell_diff, expected_cells, serious

from nianbao.extract.metadata import page_fields
from nianbao.pipeline import process_path

SHAPES = ROOT / "golden" / "real_shapes"
PAGE = (SHAPES / "cms_layout_2020.html").read_text(encoding="utf-8")
GOLDEN = json.loads((SHAPES / "cms_layout_2020.json").read_text(encoding="utf-8"))


def read(tmp_path, page: str = PAGE):
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    return process_path(tmp_path / "page.html")


def test_a_page_laid_out_in_tables_is_one_report_read_exactly(tmp_path):
    report = read(tmp_path)
    assert (report.status, report.template) == ("ok", GOLDEN["template"]), report.error
    diff = cell_diff(expected_cells(GOLDEN), {f: c.value for f, c in report.cells.items()})
    assert not diff, diff
    assert serious(report) == set()
    assert [(f.name, f.value) for f in report.facts] == [(f["name"], f["value"]) for f in GOLDEN["facts"]]


def test_navigation_breadcrumbs_related_links_and_footer_never_reach_the_text(tmp_path):
    report = read(tmp_path)
    for noise in GOLDEN["noise_never_read"]:
        assert noise not in report.text.split("网页索引号")[-1].split("\n", 1)[-1], noise


def test_organ_year_and_date_come_from_the_page_when_the_body_does_not_state_them(tmp_path):
    report = read(tmp_path)
    assert (report.organ, report.year, report.published) == (GOLDEN["organ"], GOLDEN["year"], GOLDEN["published"])
    fields, body = page_fields(report.text)
    assert report.text[slice(*report.published_span)] == "2021-03-26 16:20"  # the date points at the page's own field
    assert fields["发布机构"][0] == "示例县人民政府办公室" and body < report.sections[0].start
    assert report.text[slice(*report.title_span)] == report.title == "示例县人民政府2020年政府信息公开工作年度报告"


def test_each_applications_table_counted_once_by_the_innermost_table(tmp_path):
    two = PAGE.replace("</body>", "<table><tr><td><table border=1><tr><td>一、本年新收政府信息公开申请数量</td><td>1</td></tr></table></td></tr></table></body>")
    report = read(tmp_path, two)
    assert report.status == "failed" and report.error.startswith("the page holds 2 reports")


# --- metadata.page_mismatch: fires on a page that disagrees with its report, silent otherwise -------------
def mismatches(report) -> dict[str, str]:
    return {f.key: f.message for f in report.findings if f.rule == "metadata.page_mismatch"}


def test_page_and_body_that_agree_raise_nothing(tmp_path):
    assert mismatches(read(tmp_path)) == {}
    signed_same_day = read(tmp_path, PAGE.replace(*signed("2021年3月26日")))
    assert signed_same_day.published == "2021-03-26" and mismatches(signed_same_day) == {}


FEE = "<p>　　本年度未收取信息处理费。</p>"


def signed(day: str) -> tuple[str, str]:
    return FEE, f"{FEE}<p>示例县人民政府</p><p>{day}</p>"


@pytest.mark.parametrize(("edits", "key", "said"), [
    ([("content=\"示例县人民政府2020年政府", "content=\"示例县人民政府2021年政府")], "year", "网页标题写的是2021年度，报告正文写的是2020年度"),
    ([("content=\"示例县人民政府2020年政府", "content=\"示例县财政局2020年政府"), signed("2021年3月26日")], "organ",
     "网页标题写的机关是「示例县财政局」，报告正文写的是「示例县人民政府」"),
    ([signed("2021年3月29日")], "date", "网页发布日期2021-03-26早于报告落款日期2021-03-29"),
])
def test_page_that_disagrees_with_its_report_is_a_finding(tmp_path, edits, key, said):
    page = PAGE
    for edit in edits:
        page = page.replace(*edit)
    report = read(tmp_path, page)
    found = mismatches(report)
    assert list(found) == [key] and said in found[key]
    [finding] = [f for f in report.findings if f.rule == "metadata.page_mismatch"]
    assert finding.severity == "warning" and report.text[finding.start : finding.end].strip()


def test_the_body_wins_over_the_page(tmp_path):
    report = read(tmp_path, PAGE.replace("content=\"示例县人民政府2020年政府", "content=\"示例县人民政府2021年政府"))
    assert report.year == 2020  # the body's 统计期限 says 2020; the page's 2021 is only a finding


def test_a_report_sentence_that_names_a_site_owner_is_not_a_footer(tmp_path):
    said = "县政府门户网站主办单位为县政府办公室，联系电话0753-6123456，全年发布政务信息1200条。"
    report = read(tmp_path, PAGE.replace(FEE, f"{FEE}<p>{said}</p>"))
    assert said.replace("，", ",").replace("。", ".") in report.text.replace("，", ",").replace("。", ".")
    assert "粤ICP备" not in report.text and "网站标识码" not in report.text
