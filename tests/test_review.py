"""Human review: verdicts, exports, across years, datasette, and the pages in a real headless Chromium."""

from __future__ import annotations

import asyncio
import csv
import json
import shutil
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import SEEDS, seed_named
from datasette.app import Datasette
from openpyxl import load_workbook
from typer.testing import CliRunner

from nianbao import cli
from nianbao.review.data import find_report_id, load_report
from nianbao.review.page import render_report
from nianbao.review.server import make_server
from nianbao.store import Store

S004_FORWARD = "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"


def invoke(*args: str):
    return CliRunner().invoke(cli.app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "t.db"
    assert invoke("extract", SEEDS, "--db", path, "-q").exit_code == 0
    return path


def fingerprint_of(db: Path, rule: str) -> str:
    store = Store(db)
    [row] = [f for f in store.findings() if f["rule"] == rule]
    store.close()
    return row["fingerprint"]


# --- verdicts from the terminal ---------------------------------------------------------------
def test_review_lists_confirms_and_keeps_verdicts_across_reextraction(db):
    listed = invoke("review", "--db", db, "--severity", "error", "--json")
    [row] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert row["rule"] == "prose.active_table" and row["organ"] == "安居镇"
    assert row["line"] == 8  # 行政许可558件 stands on line 8 of 004
    assert f"{row['source']}:8" in invoke("review", "--db", db).stdout
    assert invoke("review", "--db", db, "confirm", row["fingerprint"], "--note", "已电话核实").exit_code == 0
    assert invoke("extract", SEEDS, "--db", db, "-q").exit_code == 0  # extract again
    confirmed = [json.loads(line) for line in invoke("review", "--db", db, "--status", "confirmed", "--json").stdout.splitlines()]
    assert [(r["fingerprint"], r["note"]) for r in confirmed] == [(row["fingerprint"], "已电话核实")]
    assert invoke("review", "--db", db, "--json").stdout.count("\n") == 1  # only the other finding is still open
    assert invoke("review", "--db", db, "dismiss", "Fnothing").exit_code == 1


# --- exports ------------------------------------------------------------------------------------
def test_xlsx_has_labels_values_colours_and_verdicts(db, tmp_path):
    invoke("review", "--db", db, "confirm", fingerprint_of(db, "prose.active_table"), "--note", "已核实")
    path = tmp_path / "out" / "results.xlsx"
    assert invoke("export", "--db", db, "--xlsx", path).exit_code == 0
    book = load_workbook(path)
    cells, findings = book["单元格"], book["问题"]
    labels = [c.value for c in cells[1]]
    ids = [c.value for c in cells[2]]
    assert "行政许可·本年处理决定数量" in labels and ids[labels.index("行政许可·本年处理决定数量")] == "active.licensing"
    rows = {row[2].value: row for row in cells.iter_rows(min_row=3)}
    licensing = rows["安居镇"][ids.index("active.licensing")]
    assert licensing.value == 290 and licensing.fill.fgColor.rgb.endswith("FFCDD2")
    assert rows["安居镇"][ids.index("active.punishment")].fill.fgColor.rgb in (None, "00000000")
    fee = rows["米易县普威镇"][ids.index("active.fees")]
    assert fee.value is None and fee.fill.fgColor.rgb.endswith("FFCDD2")
    header = [c.value for c in findings[1]]
    data = [dict(zip(header, [c.value for c in row])) for row in findings.iter_rows(min_row=2)]
    assert {(d["规则"], d["核对结果"], d["备注"]) for d in data} == {
        ("prose.active_table", "confirmed", "已核实"), ("completeness.cell_blank", "open", None)}


def test_csv_and_json_exports(db, tmp_path):
    assert invoke("export", "--db", db, "--csv", tmp_path / "csv", "--json", tmp_path / "all.json").exit_code == 0
    with (tmp_path / "csv" / "cells.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["id", "source", "organ"] and rows[1][2] == "机关"
    assert len(rows) == 2 + 5
    everything = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    [anju] = [r for r in everything if r["organ"] == "安居镇"]
    assert anju["cells"]["active.licensing"] == 290 and anju["findings"][0]["rule"] == "prose.active_table"


# --- across years -------------------------------------------------------------------------------
def test_carried_over_against_last_years_report_and_aliases(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    this_year = seed_named("004")
    last_year = "随县安居镇2023年政府信息公开工作年度报告\n" + this_year.replace("2024", "2023").replace(
        S004_FORWARD, "四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |")
    (folder / "2024.txt").write_text(this_year, encoding="utf-8")
    (folder / "2023.txt").write_text(last_year, encoding="utf-8")
    db = tmp_path / "t.db"
    invoke("extract", folder, "--db", db, "-q")
    store = Store(db)
    [finding] = [f for f in store.findings() if f["rule"] == "history.carried_over"]
    assert json.loads(finding["fields"]) == ["applications.carried_over.natural_person", "applications.carried_over.total"]
    assert "随县安居镇 2023年" in finding["message"] and json.loads(finding["expected"]) == [2, 2]
    store.set_verdict(finding["fingerprint"], "confirmed", "上年报告有误")
    store.close()
    invoke("extract", folder, "--db", db, "-q")  # re-run: the verdict stays
    store = Store(db)
    assert [f["status"] for f in store.findings() if f["rule"] == "history.carried_over"] == ["confirmed"]
    store.close()
    # A name that does not match by itself is matched once a person says so.
    (folder / "2024.txt").write_text(this_year.replace("安居镇", "安居乡"), encoding="utf-8")
    db2 = tmp_path / "t2.db"
    invoke("extract", folder, "--db", db2, "-q")
    store = Store(db2)
    assert not [f for f in store.findings() if f["rule"] == "history.carried_over"]
    store.close()
    result = invoke("organs", "--db", db2, "alias", "安居乡", "随县安居镇")
    assert "1 cross-year finding" in result.stdout
    store = Store(db2)
    assert [f["rule"] for f in store.findings() if f["rule"].startswith("history.")] == ["history.carried_over"]
    store.close()


# --- datasette ----------------------------------------------------------------------------------
def test_datasette_metadata_labels_and_facets(db, tmp_path):
    meta = tmp_path / "metadata.json"
    meta.write_text(invoke("metadata", "--db", db).stdout, encoding="utf-8")
    ds = Datasette([str(db)], metadata=json.loads(meta.read_text(encoding="utf-8")))

    async def fetch():
        await ds.invoke_startup()
        return await ds.client.get("/t/findings.json?_facet=rule&_shape=objects")

    response = asyncio.run(fetch())
    assert response.status_code == 200
    facets = response.json()["facet_results"]["rule"]["results"]
    assert {f["value"] for f in facets} == {"prose.active_table", "completeness.cell_blank"}
    assert ds.metadata("description", database="t", table="findings").startswith("发现的问题")


# --- the pages in a real browser -----------------------------------------------------------------
@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def page_of(db: Path, source_name: str, tmp_path: Path) -> Path:
    store = Store(db)
    html = render_report(load_report(store, find_report_id(store, source_name)))
    store.close()
    path = tmp_path / f"{source_name}.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_red_cells_are_the_flagged_ones_and_a_finding_click_highlights_its_span(db, tmp_path, browser):
    from selenium.webdriver.common.by import By

    browser.get(page_of(db, next(SEEDS.glob("004*")).name, tmp_path).as_uri())
    red = {td.get_attribute("data-field") for td in browser.find_elements(By.CSS_SELECTOR, "td.v.flagged")}
    assert red == {"active.licensing"}
    browser.find_element(By.CSS_SELECTOR, ".finding").click()
    [mark] = browser.find_elements(By.CSS_SELECTOR, "mark.hit")
    assert mark.text == "行政许可558件"
    assert browser.find_element(By.ID, "cell-active.licensing").get_attribute("class").split() == ["v", "flagged", "hl"]
    blank_page = page_of(db, next(SEEDS.glob("002*")).name, tmp_path)
    browser.get(blank_page.as_uri())
    fee = browser.find_element(By.ID, "cell-active.fees")
    assert "blank" in fee.get_attribute("class") and fee.text == "（空白）"


def test_report_text_cannot_run_script(tmp_path, browser):
    from selenium.webdriver.common.by import By

    hostile = seed_named("004").replace(
        "六、其他需要报告的事项\n", "六、其他需要报告的事项\n<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"></script>\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hostile.txt").write_text(hostile, encoding="utf-8")
    db = tmp_path / "h.db"
    invoke("extract", tmp_path / "in", "--db", db, "-q")
    browser.get(page_of(db, "hostile.txt", tmp_path).as_uri())
    assert browser.execute_script("return window.__pwned === undefined")
    assert "<script>window.__pwned=1</script>" in browser.find_element(By.ID, "text").text
    assert not browser.find_elements(By.CSS_SELECTOR, "#text img")


def test_serve_confirm_button_writes_the_verdict_and_a_post_without_token_is_refused(db, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    server = make_server(db, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        browser.get(base + "/")
        browser.find_element(By.LINK_TEXT, "安居镇").click()
        box = browser.find_element(By.CSS_SELECTOR, ".finding")
        box.find_element(By.TAG_NAME, "textarea").send_keys("已电话核实")
        box.find_element(By.CSS_SELECTOR, "button[data-status=confirmed]").click()
        WebDriverWait(browser, 10).until(lambda d: box.find_element(By.CSS_SELECTOR, ".status").text == "已确认")
        store = Store(db)
        [row] = [f for f in store.findings() if f["rule"] == "prose.active_table"]
        store.close()
        assert (row["status"], row["note"]) == ("confirmed", "已电话核实")
        forged = urllib.request.Request(base + "/verdict", method="POST", headers={"Content-Type": "application/json"},
                                        data=json.dumps({"fingerprint": row["fingerprint"], "status": "dismissed"}).encode())
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(forged, timeout=5)
        assert refused.value.code == 403
        form = urllib.request.Request(base + "/verdict", method="POST", data=b"fingerprint=x&status=dismissed",
                                      headers={"X-Nianbao-Token": server.token, "Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as not_json:
            urllib.request.urlopen(form, timeout=5)
        assert not_json.value.code == 415
        rebound = urllib.request.Request(base + "/", headers={"Host": "attacker.example"})
        with pytest.raises(urllib.error.HTTPError) as wrong_host:
            urllib.request.urlopen(rebound, timeout=5)
        assert wrong_host.value.code == 421
        store = Store(db)
        assert [f["status"] for f in store.findings() if f["rule"] == "prose.active_table"] == ["confirmed"]
        store.close()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_national_layout_is_rectangular_and_places_every_field_once(template):
    from nianbao import fields as F
    from nianbao.review import layout

    placed = []
    for table, rows in layout.tables(template).items():
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(rows):
            col = 0
            for text, rowspan, colspan, field in row:
                while (r, col) in taken:
                    col += 1
                taken.update((r + dr, col + dc) for dr in range(rowspan) for dc in range(colspan))
                col += colspan
                if field:
                    placed.append(field)
        widths = {max(c for rr, c in taken if rr == r) + 1 for r in range(len(rows))}
        assert len(widths) == 1, (table, widths)
    assert sorted(placed) == sorted(F.fields_for(template))


def test_keyboard_review_in_serve(db, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    server = make_server(db, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        browser.get(base + "/next")  # the report with the most open errors: 安居镇
        assert "安居镇" in browser.title
        body = browser.find_element(By.TAG_NAME, "body")
        body.send_keys("j")
        assert browser.find_element(By.CSS_SELECTOR, "mark.hit").text == "行政许可558件"
        body.send_keys("d")
        WebDriverWait(browser, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, ".finding .status").text == "已排除")
        body.send_keys("n")  # next report with open findings: 米易县普威镇's blank fee
        WebDriverWait(browser, 10).until(lambda d: "米易县普威镇" in d.title)
        store = Store(db)
        assert {f["rule"]: f["status"] for f in store.findings()} == {"prose.active_table": "dismissed", "completeness.cell_blank": "open"}
        store.close()
    finally:
        server.shutdown()
        server.server_close()
