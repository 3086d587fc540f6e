"""The auditor's page in Debian's headless Chromium: it draws, filters and opens a cell.

Runs /usr/bin/chromium through /usr/bin/chromedriver (selenium); nothing is downloaded and
the browser is started with networking features off and a fresh profile. Skipped only where
Chromium or its driver is not installed.
"""
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ikextract.audit import report_command
from tests.fixtures.link.build import ingest_fixture

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

pytestmark = pytest.mark.skipif(not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
                                reason="Debian's chromium and chromium-driver not installed")


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    ingest_fixture(root / "processed", root / "raw")
    out = root / "site" / "granskning.html"
    res = CliRunner().invoke(report_command, [str(root / "processed"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def visible_rows(driver):
    return [tr for tr in driver.find_elements("css selector", "tr.risk") if tr.is_displayed()]


def pixel_spread(png: bytes) -> float:
    from PIL import Image, ImageStat
    img = Image.open(io.BytesIO(png)).convert("L")
    return ImageStat.Stat(img).stddev[0]


def test_the_page_draws_a_coloured_matrix(browser, page):
    browser.get(page.as_uri())
    assert browser.find_element("css selector", "html").get_attribute("lang") == "sv"
    assert browser.title == "Internkontroll: risker över åren"
    png = browser.get_screenshot_as_png()
    assert pixel_spread(png) > 20            # not a blank page
    from PIL import Image
    colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(1 << 20)
    assert len(colours) > 50                 # text, borders and status colours
    assert len(visible_rows(browser)) == 36
    assert "Visar 36 av 36 risker." in browser.find_element("id", "count").text


def test_filters_and_search_change_what_is_shown(browser, page):
    from selenium.webdriver.support.ui import Select
    browser.get(page.as_uri())
    Select(browser.find_element("id", "f-board")).select_by_visible_text(
        "Socialnämnden, Sigtuna kommun")
    rows = visible_rows(browser)
    assert len(rows) == 11
    assert browser.find_element("id", "count").text == "Visar 11 av 36 risker."
    Select(browser.find_element("id", "f-status")).select_by_value("ej_utford")
    rows = visible_rows(browser)
    assert 0 < len(rows) < 11
    shown = [a for a in browser.find_elements("css selector", "a.cell") if a.is_displayed()]
    assert shown and all(a.get_attribute("data-status") == "ej_utford" for a in shown)
    browser.find_element("id", "f-reset").click()
    assert len(visible_rows(browser)) == 36
    Select(browser.find_element("id", "f-year")).select_by_value("2025")
    assert all(th.text == "2025" for th in browser.find_elements("css selector", "thead th[data-year]")
               if th.is_displayed())
    browser.find_element("id", "f-reset").click()
    Select(browser.find_element("id", "f-scope")).select_by_value("recurring")
    assert len(visible_rows(browser)) == 33            # three risks are in one year only
    browser.find_element("id", "f-reset").click()
    browser.find_element("id", "f-text").send_keys("körkort")
    labels = [tr.find_element("css selector", "th").text for tr in visible_rows(browser)]
    assert len(labels) == 2 and all("körkort" in t.lower() for t in labels)
    # The search reads the occurrences' comments too, not only the risk's name.
    box = browser.find_element("id", "f-text")
    box.clear()
    box.send_keys("kvarstår från")
    labels = [tr.find_element("css selector", "th").text for tr in visible_rows(browser)]
    assert len(labels) == 1 and "attestordningen" in labels[0]


def test_a_cell_opens_its_occurrence_with_a_relative_source_link(browser, page):
    browser.get(page.as_uri())
    cell = next(a for a in browser.find_elements("css selector", "a.cell")
                if "s." in a.text)
    cell.click()
    panel = browser.find_element("id", cell.get_attribute("href").split("#", 1)[1])
    assert panel.is_displayed()
    text = panel.text
    assert "Resultat" in text and "Källa" in text and "Underlag för status" in text
    link = panel.find_element("css selector", "a.source")
    href = link.get_attribute("href")           # resolved by the browser against the page
    raw = link.get_dom_attribute("href")
    assert raw.startswith("../raw/") and "#page=" in raw
    assert Path(href.split("#")[0].removeprefix("file://")).exists()
    panel.find_element("css selector", "a.close").click()
    assert not panel.is_displayed()


def test_a_report_in_two_formats_is_shown_once(browser, page):
    browser.get(page.as_uri())
    section = browser.find_element(
        "xpath", "//section[h2[starts-with(normalize-space(), 'Kommunstyrelsen')]]")
    cells_2024 = section.find_elements("css selector", "td[data-year='2024'] a.cell")
    assert len(cells_2024) == 11                  # not 22: the DOCX twin is folded in
    also = browser.find_elements("css selector", "a.also")
    assert len(also) == 11 and all(a.get_dom_attribute("href").endswith(".docx") for a in also)
