"""The HTML report in a real browser: headless Chromium driven by Selenium.

Needs the Debian packages ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them);
without them the tests are skipped, except in CI (``CI`` set), where they fail. Selenium is
given the driver's path, so it downloads nothing.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.model import ArgumentMap, Claim, Relation, Source, Speaker
from argmap.report import report
from tests.conftest import HANOI

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    message = "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)

from PIL import Image  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

PWN = "window.__pwned = 1"
HOSTILE_TEXTS = [
    f"<script>{PWN}</script>",
    '"]; x [label=<b>',
    f"javascript:{PWN}",
    f'<img src=x onerror="{PWN}">',
]
HOSTILE_QUOTE = f"it ends here </script><script>{PWN}</script> and goes on"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def open_report(driver: Any, m: ArgumentMap, path: Path) -> None:
    path.write_text(report(m), encoding="utf-8")
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(path.as_uri())


def severe(driver: Any) -> list[Any]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def claim_group(driver: Any, claim_id: str) -> Any:
    return driver.find_element(By.CSS_SELECTOR, f'#map svg g[id="claim-{claim_id}"]')


def click_claim(driver: Any, claim_id: str) -> str:
    claim_group(driver, claim_id).click()
    text: str = driver.find_element(By.ID, "panel-quote").text
    return text


def test_hanoi_report(browser: Any, tmp_path: Path) -> None:
    m = argmap.load(HANOI)
    open_report(browser, m, tmp_path / "hanoi.html")

    ids = browser.execute_script(
        "return Array.from(document.querySelectorAll('#map svg g.node.claim'), g => g.id)"
    )
    assert len(ids) == len(m.claims)
    assert sorted(ids) == sorted(f"claim-{c.id}" for c in m.claims)

    claim, other = m.claims[3], m.claims[-1]
    assert click_claim(browser, claim.id) == f"“{claim.quote}”"
    assert browser.find_element(By.ID, "panel-text").text == claim.text
    # Hovering shows another claim's quote; leaving it shows the clicked claim's again.
    ActionChains(browser).move_to_element(claim_group(browser, other.id)).perform()
    assert browser.find_element(By.ID, "panel-quote").text == f"“{other.quote}”"
    ActionChains(browser).move_to_element(browser.find_element(By.TAG_NAME, "h1")).perform()
    assert browser.find_element(By.ID, "panel-quote").text == f"“{claim.quote}”"

    view_box = "return document.querySelector('#map svg').getAttribute('viewBox')"
    before = browser.execute_script(view_box)
    browser.find_element(By.ID, "zoom-in").click()
    zoomed = browser.execute_script(view_box)
    assert before and zoomed and zoomed != before
    browser.find_element(By.ID, "zoom-reset").click()

    assert severe(browser) == []

    screenshot = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("RGB")
    colours = screenshot.getcolors(maxcolors=1 << 24) or []
    assert len(colours) > 10


def test_hostile_map_runs_no_script(browser: Any, tmp_path: Path) -> None:
    speakers = (
        Speaker("ann", f"<script>{PWN}</script>", url=f"javascript:{PWN}"),
        Speaker("bob", '"]; x [label=<b>', role=f'<img src=x onerror="{PWN}">'),
    )
    claims = tuple(
        Claim(f"c{i}", ("ann", "bob")[i % 2], text, quote=HOSTILE_QUOTE)
        for i, text in enumerate(HOSTILE_TEXTS)
    )
    m = ArgumentMap.checked(  # by hand, past the loader: the page must be safe alone
        title=f"<script>{PWN}</script>",
        speakers=speakers,
        claims=claims,
        relations=(Relation("c1", "c0", "attacks", quote=HOSTILE_QUOTE, note=f"</script>{PWN}"),),
        source=Source(title="</title><script>x</script>", url=f"javascript:{PWN}"),
    )
    open_report(browser, m, tmp_path / "hostile.html")

    assert browser.execute_script("return window.__pwned") is None
    assert (
        browser.execute_script("return document.querySelectorAll('a[href^=\"javascript\"]').length")
        == 0
    )
    assert browser.execute_script("return document.scripts.length") == 2  # data and the page's own
    assert browser.title == f"<script>{PWN}</script>"
    body = browser.find_element(By.TAG_NAME, "body").text
    for text in [*HOSTILE_TEXTS, HOSTILE_QUOTE]:
        assert text in body
    assert click_claim(browser, "c2") == f"“{HOSTILE_QUOTE}”"
    assert browser.find_element(By.ID, "panel-text").text == HOSTILE_TEXTS[2]
    assert browser.execute_script("return window.__pwned") is None
    assert severe(browser) == []
