"""Every format a report arrives in gives the same cells and findings as its clean text.

The HTML, DOCX and PDF copies are built by the libraries themselves (tests/render.py) from
the hand-written golden values; the nasty cases are made by hand here.
"""

from __future__ import annotations

import shutil

import opencc
import pytest
import sqlite_utils
from conftest import SEED_NAMES, cell_diff, expected_cells, golden, seed_text, serious
from render import to_docx, to_html, to_pdf
from typer.testing import CliRunner

from nianbao import cli
from nianbao.pipeline import process_path

S004 = SEED_NAMES[4]
RENDERERS = {"html": to_html, "docx": to_docx, "pdf": to_pdf}
CMS_NOISE = """<html><head><script>var menu = "行政许可 999件";</script><style>.x{{}}</style></head><body>
<div class="top-nav"><a href="/">首页</a> <a href="/xxgk">政府信息公开</a> 2024年</div>
<div id="breadcrumb">当前位置：首页 &gt; 年度报告</div>
<div class="content">{body}</div>
<div class="footer">版权所有 © 2025 某县人民政府 电话 0432-67051348</div>
<div class="dialog">您访问的链接即将离开“随县人民政府”门户网站，是否继续？</div>
<script>document.write("收到申请5件")</script></body></html>"""


def write(tmp_path, name: str, data) -> object:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def want_findings(seed: str) -> set:
    return {(f["rule"], f["severity"], tuple(f["fields"])) for f in golden(seed)["findings"]}


def assert_like_golden(report, seed: str) -> None:
    assert report.status == "ok", report.error
    diff = cell_diff(expected_cells(golden(seed)), {f: c.value for f, c in report.cells.items()})
    assert not diff, diff
    assert serious(report) == want_findings(seed)
    assert (report.organ, report.year) == (golden(seed)["organ"], golden(seed)["year"])


@pytest.mark.parametrize("fmt", list(RENDERERS))
@pytest.mark.parametrize("seed", SEED_NAMES)
def test_every_format_gives_the_golden_cells_and_findings(tmp_path, seed, fmt):
    report = process_path(write(tmp_path, f"{seed}.{fmt}", RENDERERS[fmt](seed_text(seed), golden(seed))))
    assert report.kind == fmt
    assert_like_golden(report, seed)


def test_html_merged_cells_are_read_by_position_and_nbsp_is_blank(tmp_path):
    g = golden(S004) | {}
    g["applications"] = dict(g["applications"]) | {"new": [1, None, 0, 0, 0, 0, 1]}
    report = process_path(write(tmp_path, "blank.html", to_html(seed_text(S004), g)))
    assert report.value("applications.new.commercial") is None
    assert report.value("applications.new.research") == 0 and report.value("applications.new.total") == 1
    assert [f.fields for f in report.findings if f.rule == "completeness.cell_blank"] == [["applications.new.commercial"]]


def test_cms_page_noise_is_dropped(tmp_path):
    page = to_html(seed_text(S004), golden(S004), wrap=lambda body: CMS_NOISE.format(body=body))
    report = process_path(write(tmp_path, "page.html", page))
    assert_like_golden(report, S004)
    assert "版权所有" not in report.text and "即将离开" not in report.text and "999" not in report.text


def test_unknown_extension_is_sniffed_by_content(tmp_path):
    assert process_path(write(tmp_path, "report.aspx", to_html(seed_text(S004), golden(S004)))).kind == "html"
    report = process_path(write(tmp_path, "download.bin", to_docx(seed_text(S004), golden(S004))))
    assert report.kind == "docx"
    assert_like_golden(report, S004)


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_traditional_characters(tmp_path, fmt):
    to_traditional = opencc.OpenCC("s2t").convert
    source = seed_text(S004) if fmt == "txt" else to_html(seed_text(S004), golden(S004))
    report = process_path(write(tmp_path, f"trad.{fmt}", to_traditional(source)))
    assert_like_golden(report, S004)
    [finding] = [f for f in report.findings if f.rule == "prose.active_table"]
    assert report.display_text[finding.start : finding.end] == "行政許可558件"  # the text as the user sees it
    assert report.text[finding.start : finding.end] == "行政许可558件"


def test_a_page_with_two_reports_is_said(tmp_path):
    bare = lambda body: body  # noqa: E731
    two = "<html><body>" + to_html(seed_text(S004), golden(S004), bare) + to_html(seed_text(SEED_NAMES[0]), golden(SEED_NAMES[0]), bare) + "</body></html>"
    report = process_path(write(tmp_path, "two.html", two))
    assert report.status == "failed" and report.error.startswith("the page holds 2 reports")


def test_a_page_with_no_report(tmp_path):
    report = process_path(write(tmp_path, "news.html", CMS_NOISE.format(body="<p>今日召开全县安全生产工作会议。</p>")))
    assert report.status == "failed" and report.error.startswith("not a government information disclosure annual report")


def test_a_pdf_without_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.setFillGray(0.8)
    page.rect(50, 50, 400, 600, fill=1)  # what a scanned page looks like to a text extractor: shapes, no text
    page.save()
    report = process_path(path)
    assert (report.status, report.error) == ("failed", "no text layer and no scanned page image in it (a blank or drawn-only PDF)")


def test_binary_with_a_pdf_name(tmp_path):
    report = process_path(write(tmp_path, "report.pdf", bytes(range(256)) * 40))
    assert (report.status, report.error) == ("failed", "named .pdf but is not a PDF (no %PDF header)")


def test_a_broken_pdf(tmp_path):
    report = process_path(write(tmp_path, "broken.pdf", b"%PDF-1.4\n" + b"garbage" * 100))
    assert report.status == "failed" and report.error.startswith("not a readable PDF")


def test_a_folder_of_every_format_gives_identical_cells(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    for seed in SEED_NAMES:
        shutil.copy(f"{__file__.rsplit('/', 2)[0]}/golden/seeds/{seed}.txt", folder / f"{seed}.txt")
        for fmt, render in RENDERERS.items():
            write(folder, f"{seed}.{fmt}", render(seed_text(seed), golden(seed)))
    write(folder, "scan.pdf", b"%PDF-1.4\n%%EOF")
    write(folder, "style.css", "body{}")  # an asset a saved page brings along: skipped
    db = tmp_path / "t.db"
    result = CliRunner().invoke(cli.app, ["extract", str(folder), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 1 and "21 report(s): 20 ok, 1 failed" in result.stderr
    database = sqlite_utils.Database(db)
    per_organ = {}
    for row in database.query(
        "SELECT r.organ, r.kind, group_concat(c.field || '=' || coalesce(c.value, 'null'), ';') AS cells "
        "FROM reports r JOIN cells c ON c.report_id = r.id WHERE r.status = 'ok' GROUP BY r.id"
    ):
        per_organ.setdefault(row["organ"], set()).add(row["cells"])
    assert len(per_organ) == 5 and all(len(variants) == 1 for variants in per_organ.values())
    findings = {(r["organ"], r["kind"], r["rule"]) for r in database.query(
        "SELECT r.organ, r.kind, f.rule FROM findings f JOIN reports r ON r.id = f.report_id WHERE f.severity != 'info'")}
    assert {(o, r) for o, _, r in findings} == {("安居镇", "prose.active_table"), ("米易县普威镇", "completeness.cell_blank")}
    assert len(findings) == 8  # both findings in each of the four formats


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_pdf_prose_wrapped_at_the_page_edge_keeps_every_fact(tmp_path, seed):
    """Large type wraps sentences (and across pages); facts such as 行政许可558件 must survive."""
    from collections import Counter

    report = process_path(write(tmp_path, f"{seed}.pdf", to_pdf(seed_text(seed), golden(seed), body_size=20)))
    assert_like_golden(report, seed)
    assert Counter((f.name, f.value) for f in report.facts) == Counter((n, v) for n, v in golden(seed)["facts"])


def test_unwrap_joins_broken_sentences_and_drops_page_numbers():
    from nianbao.load.pdf import _without_page_number, unwrap

    band = "本年度处理行政许可558件，行政处罚24件，行政强制0件，本年度行政事业性收费\n0元。\n二、主动公开政府信息情况\n短行"
    assert unwrap(band) == "本年度处理行政许可558件，行政处罚24件，行政强制0件，本年度行政事业性收费0元。\n二、主动公开政府信息情况\n短行"
    item = "（一）主动公开情况：本镇全年主动公开政府信息共计六十一条，其中政策文件\n（二）依申请公开"
    assert unwrap(item) == item  # a numbered item starts a new line
    assert _without_page_number("- 3 -\n正文\n第 4 页") == "正文"
    assert _without_page_number("3\n0\n3") == "3\n0\n3"  # values of a one-cell-per-line table are not page numbers
