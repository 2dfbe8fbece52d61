"""The region's pages in a real headless Chromium: the compiled tables (汇总) and an organ's
trends, their drill-downs, and no tofu: every Chinese character on them renders with a real
glyph (the CJK fonts .ci/run installs), which the check below proves it can tell apart."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from region_gen import CITY, MISPRINTED, YEARS, generate
from typer.testing import CliRunner

from nianbao import cli

# Each distinct character of the page drawn alone on a canvas in the page's own font, compared
# with a character no font has (U+10FFFD, private use): the same pixels mean the browser drew
# its "missing glyph" box for it. Returns the characters drawn as tofu.
TOFU_CHECK = r"""
const chars = arguments[0] !== null ? arguments[0] : document.body.innerText;
const family = getComputedStyle(document.body).fontFamily;
function draw(ch){
  const canvas = document.createElement('canvas'); canvas.width = 48; canvas.height = 48;
  const ctx = canvas.getContext('2d'); ctx.font = '32px ' + family; ctx.textBaseline = 'top';
  ctx.fillText(ch, 4, 4); return canvas.toDataURL();
}
const missing = draw(String.fromCodePoint(0x10FFFD));
const empty = (() => { const c = document.createElement('canvas'); c.width = 48; c.height = 48; return c.toDataURL(); })();
const han = Array.from(new Set(Array.from(chars).filter(ch => /[\u3400-\u9fff\uf900-\ufaff\u{F0000}-\u{10FFFF}]/u.test(ch))));
return {checked: han.length, tofu: han.filter(ch => { const d = draw(ch); return d === missing || d === empty; })};
"""


TREND_ORGAN = f"{CITY}东城区财政局"


def invoke(*args):
    return CliRunner().invoke(cli.app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--window-size=1400,1000",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def region():
    return generate()


@pytest.fixture(scope="module")
def pages(region, tmp_path_factory) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "NIANBAO_LLM", "NIANBAO_DB"):
            mp.delenv(name, raising=False)
        folder = tmp_path_factory.mktemp("pages")
        region.write(folder / "in")
        (folder / "organs.csv").write_text(region.roster_csv(), encoding="utf-8")
        db = folder / "r.db"
        invoke("extract", folder / "in", "--db", db, "-q")
        assert invoke("roster", "import", folder / "organs.csv", "--db", db).exit_code == 0
        assert invoke("aggregate", "--year", 2024, "--db", db, "--html", folder / "out").exit_code == 0
        assert invoke("trends", TREND_ORGAN, "--db", db, "--html", folder / "out").exit_code == 0
        assert invoke("overview", "--db", db, "--html", folder / "out" / "index.html").exit_code == 0
        assert invoke("roster", "status", "--year", 2024, "--db", db, "--html", folder / "out").exit_code == 0
    return folder / "out"


def no_tofu(browser, screenshot: Path) -> None:
    browser.save_screenshot(str(screenshot))
    result = browser.execute_script(TOFU_CHECK, None)
    assert result["checked"] > 50, result  # the page does hold Chinese text
    assert result["tofu"] == [], f"drawn as missing-glyph boxes: {''.join(result['tofu'])}"


def test_the_tofu_check_can_fail(pages, browser):
    """A character no installed font has is caught; ordinary Chinese is not."""
    browser.get((pages / "aggregate-2024.html").as_uri())
    assert browser.execute_script(TOFU_CHECK, "汇总\U0010fffc\U000f0001")["tofu"] == ["\U0010fffc", "\U000f0001"]
    assert browser.execute_script(TOFU_CHECK, "汇总表")["tofu"] == []


def test_compiled_page_shows_sums_and_drills_down_largest_first(region, pages, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get((pages / "aggregate-2024.html").as_uri())
    printed = [r for r in region.reports if r.year == 2024]
    td = browser.find_element(By.ID, "cell-2021:active.licensing")
    assert td.text.split("\n")[0] == str(sum(r.cells["active.licensing"] for r in printed))
    coercion = browser.find_element(By.ID, "cell-2021:active.coercion")
    assert coercion.text.split("\n")[0] == "（空白）" and "blank" in coercion.get_attribute("class")
    td.click()
    rows = [tr.find_elements(By.TAG_NAME, "td") for tr in browser.find_elements(By.CSS_SELECTOR, "#drill-body tr")]
    shown = [(a.text, int(b.text)) for a, b in rows]
    expected = sorted(((r.organ.printed, r.cells["active.licensing"]) for r in printed), key=lambda x: -x[1])
    assert [v for _, v in shown] == [v for _, v in expected] and shown[0] == expected[0]
    link = rows[0][0].find_element(By.TAG_NAME, "a").get_attribute("href")
    browser.get(link)  # each part opens its own report's review page
    assert expected[0][0] in browser.title
    browser.get((pages / "aggregate-2024.html").as_uri())
    findings = [json.loads(json.dumps(e.text)) for e in browser.find_elements(By.CSS_SELECTOR, ".finding .rule")]
    assert findings == ["applications.row_total", "applications.balance"]
    first = browser.find_element(By.CSS_SELECTOR, ".finding")
    assert region.report(*MISPRINTED).organ.printed in first.text  # the report behind it is named
    first.find_element(By.CSS_SELECTOR, ".msg").click()
    marked = {td.get_attribute("data-field") for td in browser.find_elements(By.CSS_SELECTOR, "td.v.sel")}
    assert marked == {f"applications.new.{c}" for c in ("natural_person", "commercial", "research", "social_welfare",
                                                         "legal_service", "other_org", "total")}
    no_tofu(browser, tmp_path / "compiled.png")


def test_trend_page_has_a_chart_per_table_and_every_year(region, pages, browser, tmp_path):
    from selenium.webdriver.common.by import By

    from nianbao.review.trend_page import trend_page_name

    browser.get((pages / trend_page_name(TREND_ORGAN)).as_uri())
    assert TREND_ORGAN in browser.title
    sections = browser.find_elements(By.CSS_SELECTOR, "section")
    assert [s.get_attribute("id") for s in sections] == ["active", "applications", "appeals"]
    for section in sections:
        svg = section.find_element(By.CSS_SELECTOR, "svg.chart")
        assert svg.size["width"] > 300 and svg.size["height"] > 100  # drawn, not collapsed
        assert len(svg.find_elements(By.TAG_NAME, "circle")) >= 3
    printed = {y: region.report(TREND_ORGAN, y).cells for y in YEARS}
    row = next(tr for tr in sections[0].find_elements(By.CSS_SELECTOR, "tr") if tr.text.startswith("行政许可"))
    assert [td.text for td in row.find_elements(By.CSS_SELECTOR, "td.n")] == [str(printed[y]["active.licensing"]) for y in YEARS]
    coercion = next(tr for tr in sections[0].find_elements(By.CSS_SELECTOR, "tr") if tr.text.startswith("行政强制"))
    assert coercion.find_elements(By.CSS_SELECTOR, "td.n")[-1].text == "（空白）"
    # the chart's line for 行政强制 stops where 2024 is blank: its points are 2022 and 2023 only
    green = sections[0].find_elements(By.CSS_SELECTOR, "svg.chart circle[fill='#2e7d32']")
    assert len(green) == 2
    headers = [a.text for a in sections[0].find_elements(By.CSS_SELECTOR, "th a")]
    assert headers == [f"{y}年" for y in YEARS]
    no_tofu(browser, tmp_path / "trend.png")


def test_overview_roster_and_a_report_page_have_no_tofu(pages, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get((pages / "roster-2024.html").as_uri())
    no_tofu(browser, tmp_path / "roster.png")

    browser.get((pages / "index.html").as_uri())
    assert browser.find_element(By.ID, "board").text.startswith("整改进度")
    no_tofu(browser, tmp_path / "overview.png")
    browser.find_element(By.CSS_SELECTOR, "td.label a").click()
    assert "年度报告核对" in browser.title
    no_tofu(browser, tmp_path / "report.png")
