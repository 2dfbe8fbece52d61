"""Scanned reports read by local OCR: every cell against the golden labels, provenance, flags.

The scanned fixtures are built here at test time (tests/scans.py) from hand-written goldens:
the 2021 format at 300 dpi (a large number, a blank, a table split across pages), the 2019
format at 150 dpi (negative, decimal and large numbers, a sideways page, a red seal over a
value), and a text PDF whose last page is a 150-dpi scan. OCR costs seconds a page on this
machine, so the set is small, and the three reports are read in parallel by two processes.
"""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import scans
from conftest import cell_diff, expected_cells, run, seed_named, serious
from PIL import Image, ImageDraw, ImageFont

from nianbao import fields as F
from nianbao.extract.ocr import marks_in_normalized
from nianbao.load import LoadError, load
from nianbao.load.ruling import find_tables
from nianbao.pipeline import process_path, process_text
from nianbao.report import Report
from test_review import browser  # noqa: F401  (the headless Chromium fixture)


def not_ocr(report: Report) -> set:
    return {f for f in serious(report) if not f[0].startswith("ocr.")}


def flagged(report: Report) -> set[str]:
    return {fid for f in report.findings if f.severity in ("error", "warning") for fid in f.fields}


@pytest.fixture(scope="module")
def scan_files(tmp_path_factory) -> dict[str, tuple[Path, Path, dict]]:
    """name → (the scan, its text original, golden), written to a folder."""
    folder = tmp_path_factory.mktemp("scans")
    built = {
        "2021_300dpi": scans.fixture_2021_300dpi(),
        "2019_150dpi": scans.fixture_2019_150dpi()[:3],
        "2021_mixed_150dpi": scans.fixture_2021_mixed_150dpi(),
    }
    files = {}
    for name, (text_pdf, scan_pdf, g) in built.items():
        (folder / f"{name}.text.pdf").write_bytes(text_pdf)
        (folder / f"{name}.scan.pdf").write_bytes(scan_pdf)
        files[name] = (folder / f"{name}.scan.pdf", folder / f"{name}.text.pdf", g)
    return files


@pytest.fixture(scope="module")
def scanned(scan_files) -> dict[str, tuple[Report, Report, dict]]:
    """name → (report of the scan, report of its text original, golden), the scans read in parallel."""
    paths = {name: scan for name, (scan, _, _) in scan_files.items()}
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        reports = dict(zip(paths, pool.map(process_path, paths.values())))
    return {name: (reports[name], process_path(text), g) for name, (_, text, g) in scan_files.items()}


def test_a_300_dpi_scan_reads_every_cell_and_the_findings_of_its_text_original(scanned):
    scan, original, g = scanned["2021_300dpi"]
    assert (scan.status, scan.kind, original.kind) == ("ok", "ocr", "pdf")
    diff = cell_diff(expected_cells(g), {f: c.value for f, c in scan.cells.items()})
    assert not diff, diff
    assert scan.value("active.licensing") == 12345678 and scan.cells["appeals.review.corrected"].status == "blank"
    assert serious(scan) == serious(original) and (scan.organ, scan.year) == (original.organ, original.year)
    sources = scan.ocr_sources()
    printed = [fid for fid, c in scan.cells.items() if c.value is not None]
    assert set(printed) <= set(sources)  # every value read carries its page, box and confidence
    assert {sources[f]["page"] for f in printed} == {1, 2}  # the applications table runs over the page break
    assert set(scan.page_images) == {1, 2} and all(img[:3] == b"\xff\xd8\xff" for img in scan.page_images.values())


def test_nianbao_extract_reads_a_scan_with_its_default_limits_as_one_process_does(scan_files, scanned):
    """`nianbao extract` reads each file in a worker under an address-space limit (batch.py). The OCR
    runtime reserves ~1.4 GB of address space for ~0.7 GB resident: under a 1 GB limit every scan
    failed ("cannot read the scanned image (ONNXRuntimeError …"). Run as a person runs it: in a fresh
    process (under pytest the workers are forked from a process that has the runtime loaded already)."""
    exe = Path(sys.executable).with_name("nianbao")
    done = subprocess.run([str(exe), "extract", str(scan_files["2019_150dpi"][0]), "--json", "--jobs", "1"],
                          capture_output=True, text=True, timeout=300)
    [line] = done.stdout.splitlines()
    report = json.loads(line)
    assert (report["status"], report.get("error")) == ("ok", None), report.get("error")
    alone = scanned["2019_150dpi"][0]
    assert report["cells"] == json.loads(json.dumps(alone.to_json()["cells"], ensure_ascii=False))


def test_a_150_dpi_scan_with_a_sideways_page_and_a_seal_reads_or_flags_every_cell(scanned):
    scan, original, g = scanned["2019_150dpi"]
    assert (scan.status, scan.template) == ("ok", "2019")
    want = expected_cells(g)
    got = {f: c.value for f, c in scan.cells.items()}
    right = [f for f in want if got.get(f) == want[f] and type(got.get(f)) is type(want[f])]
    assert len(right) >= 0.995 * len(want), cell_diff(want, got)
    wrong = set(want) - set(right)
    assert all(got.get(f) is None or f in flagged(scan) for f in wrong), cell_diff(want, got)  # never silently wrong
    sealed = "appeals.review.total"
    assert got[sealed] is None or sealed in {fid for f in scan.findings if f.rule == "ocr.stamped" for fid in f.fields}
    assert scan.ocr_sources()["appeals.review.total"]["page"] == 2  # the sideways page was read
    assert not_ocr(scan) - {f for f in not_ocr(scan) if set(f[2]) & wrong} == not_ocr(original)


def test_a_scanned_page_inside_a_text_pdf_is_read_by_ocr_and_the_rest_from_the_text(scanned):
    scan, original, g = scanned["2021_mixed_150dpi"]
    diff = cell_diff(expected_cells(g), {f: c.value for f, c in scan.cells.items()})
    assert not diff, diff
    assert scan.kind == "ocr" and serious(scan) == serious(original)
    assert {m["page"] for m in scan.ocr_marks} == {2} and set(scan.page_images) == {2}
    on_page_1 = [f for f, c in scan.cells.items() if c.start is not None and c.start < scan.ocr_marks[0]["start"]]
    assert on_page_1 and not set(on_page_1) & set(scan.ocr_sources())  # page 1 came from its text layer


# --- a page image, read whole (small: one table) -----------------------------------------------
def table_image(dpi: int = 200) -> Image.Image:
    """A ruled table drawn by hand: a header merged over two columns, a label merged down two rows."""
    font = ImageFont.truetype(scans.NOTO_CJK, int(dpi * 10.5 / 72))
    image = Image.new("RGB", (int(dpi * 6), int(dpi * 2.4)), "white")
    draw = ImageDraw.Draw(image)
    xs = [int(dpi * v) for v in (0.3, 2.0, 3.5, 5.0)]
    ys = [int(dpi * v) for v in (0.6, 1.0, 1.4, 1.8)]
    for y in ys:
        draw.line((xs[0], y, xs[-1], y), fill="black", width=2)
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill="black", width=2)
    draw.rectangle((xs[1] + 2, ys[0] + 2, xs[3] - 2, ys[1] - 2), fill="white")  # no border inside the header
    draw.line((xs[3], ys[0], xs[3], ys[-1]), fill="black", width=2)
    draw.rectangle((xs[0] + 2, ys[1] + 2, xs[1] - 2, ys[3] - 2), fill="white")  # no border inside the label
    draw.line((xs[0], ys[1], xs[1], ys[1]), fill="black", width=2)
    draw.text((xs[0] + 10, int(dpi * 0.2)), "表一、行政复议情况", font=font, fill="black")
    for x, y, text in ((xs[1] + 100, ys[0] + 8, "申请人情况"), (xs[0] + 10, ys[1] + 50, "行政复议"),
                       (xs[1] + 10, ys[1] + 8, "56"), (xs[2] + 10, ys[1] + 8, "1907"), (xs[2] + 10, ys[2] + 8, "8")):
        draw.text((x, y), text, font=font, fill="black")
    return image


def test_ruled_grid_finds_merged_cells_without_ocr():
    [table] = find_tables(np.asarray(table_image().convert("L")), 200)
    shape = [(c.row, c.col, c.rowspan, c.colspan) for c in table.cells]
    assert shape == [(0, 0, 1, 1), (0, 1, 1, 2), (1, 0, 2, 1), (1, 1, 1, 1), (1, 2, 1, 1), (2, 1, 1, 1), (2, 2, 1, 1)]


def test_a_png_page_is_read_into_grid_lines_with_merged_cells_and_a_blank(tmp_path):
    path = tmp_path / "page.png"
    table_image().save(path, dpi=(200, 200))
    loaded = load(path)
    assert loaded.kind == "image"
    lines = [line for line in loaded.text.splitlines() if line.strip()]
    # The blank stays blank; the merged header is written once; the label merged down repeats.
    assert lines == ["表一、行政复议情况", " | 申请人情况 | |", "行政复议 | 56 | 1907 |", "行政复议 |  | 8 |"]
    digits = [m for m in loaded.ocr_marks if m.page == 1 and loaded.text[m.start:m.end] in ("56", "1907", "8")]
    assert len(digits) == 3 and all(m.confidence > 0.5 and m.box[2] > m.box[0] for m in digits)


# --- flags: no OCR needed, marks placed by hand ----------------------------------------------------
def with_marks(text: str, fields_conf: dict[str, tuple[float, bool]]) -> Report:
    """The seed text processed with OCR marks laid over the given cells' printed tokens."""
    plain = run(text)
    marks = [{"start": plain.cells[f].start, "end": plain.cells[f].end, "page": 1, "box": [1, 2, 3, 4],
              "confidence": conf, "digit_confidence": conf, "stamped": stamped} for f, (conf, stamped) in fields_conf.items()]
    return process_text("scan.pdf", "0" * 64, text, ocr_marks=sorted(marks, key=lambda m: m["start"]))


def test_a_digit_read_unsure_or_under_a_seal_is_flagged_and_a_sure_one_is_not():
    report = with_marks(seed_named("000"), {"active.licensing": (0.42, False), "active.punishment": (0.99, False),
                                            "applications.new.total": (0.99, True)})
    found = {(f.rule, tuple(f.fields)) for f in report.findings if f.rule.startswith("ocr.")}
    assert found == {("ocr.unsure", ("active.licensing",)), ("ocr.stamped", ("applications.new.total",))}
    assert report.value("active.licensing") == 1488  # flagged, never changed
    assert report.to_json()["ocr"]["active.licensing"]["digit_confidence"] == 0.42


def misread(field: str, digit: str) -> str:
    """Seed 000 with one printed cell token replaced, as OCR might have read it."""
    plain = run(seed_named("000"))
    cell = plain.cells[field]
    assert plain.text[cell.start:cell.end] == "0"
    return plain.text[:cell.start] + digit + plain.text[cell.end:]


def test_a_look_alike_digit_that_would_make_a_total_hold_is_flagged():
    field = "applications.new.commercial"  # printed 0; the row 3 = 3+0+0+0+0+0
    report = with_marks(misread(field, "8"), {field: (0.99, False)})
    assert report.value(field) == 8  # flagged, never changed
    found = [f for f in report.findings if f.rule == "ocr.look_alike"]
    assert found and {tuple(f.fields) for f in found} == {(field,)} and {f.expected for f in found} == {0}
    assert {f.key.split(":")[0] for f in found} >= {"applications.row_total"}


def test_look_alike_is_silent_for_text_input_and_for_a_digit_with_no_look_alike_that_fits():
    field = "applications.new.commercial"
    assert not [f for f in run(misread(field, "8")).findings if f.rule == "ocr.look_alike"]  # typed text: no OCR marks
    report = with_marks(misread(field, "5"), {field: (0.99, False)})
    assert report.findings and not [f for f in report.findings if f.rule == "ocr.look_alike"]


def test_marks_follow_the_text_through_normalization():
    raw = "表\r\n\u200b行政许可 | 558 |\r\n"
    [mark] = marks_in_normalized(raw, [{"start": raw.index("558"), "end": raw.index("558") + 3}])
    text = "表\n行政许可 | 558 |\n"
    assert text[mark["start"]:mark["end"]] == "558"


def test_without_the_ocr_extra_a_scan_fails_with_the_command_that_installs_it(tmp_path, monkeypatch):
    import sys

    from nianbao.load import ocr

    monkeypatch.setattr(ocr, "_ENGINE", None)
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails as if not installed
    path = tmp_path / "scan.pdf"
    path.write_bytes(scans.image_pdf([table_image(100)], 100))
    with pytest.raises(LoadError) as failure:
        load(path)
    assert str(failure.value) == "a scanned page needs OCR, which is not installed; install it with: pip install -e '.[ocr]' (in the nianbao folder)"
    report = process_path(path)
    assert report.status == "failed" and "pip install -e '.[ocr]'" in report.error


def test_fields_of_a_scan_have_labels():
    assert F.label("appeals.review.total")  # used in the flags' messages


def test_the_review_page_of_a_scan_shows_the_page_image_and_each_cells_box(scanned, tmp_path):
    from nianbao.review.data import load_report
    from nianbao.review.page import render_report
    from nianbao.store import Store

    scan = scanned["2021_mixed_150dpi"][0]
    store = Store(tmp_path / "t.db")
    store.save(scan)
    store.save(scan)  # re-saving replaces the page images, never doubles them
    assert store.db.execute("SELECT COUNT(*) FROM page_images").fetchone()[0] == 1
    data = load_report(store, scan.sha256)
    html = render_report(data)
    store.close()
    field = next(f for f, c in scan.cells.items() if c.value is not None and f in scan.ocr_sources())
    assert data["scan"]["cells"][field] == scan.ocr_sources()[field]
    assert 'id="scan-page-2"' in html and "data:image/jpeg;base64," in html
    assert f'id="cell-{field}"' in html and "扫描件第2页" in html


def test_a_table_open_at_the_sides_keeps_its_first_and_last_column():
    image = table_image()
    draw = ImageDraw.Draw(image)
    for x in (int(200 * 0.3), int(200 * 5.0)):  # erase the outer vertical borders
        draw.line((x, int(200 * 0.6) + 3, x, int(200 * 1.8) - 3), fill="white", width=6)
    [table] = find_tables(np.asarray(image.convert("L")), 200)
    assert max(c.col + c.colspan for c in table.cells) == 3
    assert [(c.row, c.col, c.rowspan, c.colspan) for c in table.cells][:2] == [(0, 0, 1, 1), (0, 1, 1, 2)]


def test_clicking_a_scanned_cell_draws_its_box_on_the_page_image(scanned, tmp_path, browser):  # noqa: F811
    from selenium.webdriver.common.by import By

    from nianbao.review.data import load_report
    from nianbao.review.page import render_report
    from nianbao.store import Store

    scan = scanned["2021_mixed_150dpi"][0]
    store = Store(tmp_path / "t.db")
    store.save(scan)
    page = tmp_path / "page.html"
    page.write_text(render_report(load_report(store, scan.sha256)), encoding="utf-8")
    store.close()
    field = next(f for f, c in scan.cells.items() if c.value is not None and f in scan.ocr_sources())
    x0, y0, x1, y1 = scan.ocr_sources()[field]["box"]
    browser.set_window_size(1600, 1000)
    browser.get(page.as_uri())
    browser.find_element(By.ID, f"cell-{field}").click()
    image = browser.find_element(By.CSS_SELECTOR, "#scan-page-2 img")
    box = browser.find_element(By.CSS_SELECTOR, "#scan-page-2 .box")
    assert box.is_displayed() and image.is_displayed()
    scale = image.size["width"] / int(image.get_attribute("data-width"))
    assert abs(box.size["width"] - (x1 - x0) * scale) < 3 and abs(box.size["height"] - (y1 - y0) * scale) < 3
    assert abs((box.location["x"] - image.location["x"]) - x0 * scale) < 3
    assert "第2页" in browser.find_element(By.CSS_SELECTOR, "#scan .caption").text


def unruled_image(dpi: int = 200) -> Image.Image:
    """A table printed without any ruling: a header merged over two columns, a blank, under a prose line."""
    font = ImageFont.truetype(scans.NOTO_CJK, int(dpi * 10.5 / 72))
    image = Image.new("RGB", (int(dpi * 6.5), int(dpi * 2.6)), "white")
    draw = ImageDraw.Draw(image)
    draw.text((int(dpi * 0.3), int(dpi * 0.2)), "本年度行政复议和行政诉讼情况如下。", font=font, fill="black")
    cols = [int(dpi * v) for v in (0.3, 2.4, 3.9, 5.2)]
    rows = [(("信息内容", 0), ("本年处理决定数量", 1)),
            (("行政许可", 0), ("1488", 1), ("21", 2), ("3", 3)),
            (("行政处罚", 0), ("19", 1), ("", 2), ("7", 3)),
            (("行政强制", 0), ("0", 1), ("6", 2), ("906", 3))]
    for r, row in enumerate(rows):
        for text, c in row:
            draw.text((cols[c], int(dpi * (0.8 + 0.4 * r))), text, font=font, fill="black")
    return image


def test_a_table_printed_without_ruling_is_read_by_baseline_and_columns(tmp_path):
    path = tmp_path / "unruled.png"
    unruled_image().save(path, dpi=(200, 200))
    loaded = load(path)
    lines = [line for line in loaded.text.splitlines() if line.strip()]
    # The header merged over two columns is written once; the blank stays blank; the lone 6 the
    # detector drops is read from the ink of its column.
    assert lines == ["本年度行政复议和行政诉讼情况如下。", "信息内容 | 本年处理决定数量 |  | |",
                     "行政许可 | 1488 | 21 | 3 |", "行政处罚 | 19 |  | 7 |", "行政强制 | 0 | 6 | 906 |"]
    marked = {loaded.text[m.start:m.end] for m in loaded.ocr_marks}
    assert {"1488", "21", "3", "19", "7", "0", "6", "906"} <= marked
