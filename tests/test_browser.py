"""The HTML report in a real browser: headless Chromium driven by Selenium, at 1280 × 800.

Needs the Debian packages ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them).
Without them these tests cannot run: in CI (``CI`` set) that is a failure; elsewhere every test
here is skipped and a warning says so in the summary — never silently. Selenium is given the
driver's path, so it downloads nothing.

What is checked: claim text size at "fit" (measured: the map is fitted to the column's
width and the page scrolls past it; at least 8 px in a 900-px column), the wheel, a
click on a claim (map, findings, table) highlights its quote in the source text and shows its
relations in words, the keyboard reaches and selects claims, the focus on a speaker or a
claim's neighbourhood, printing to A4 (CDP ``Page.printToPDF``: page count, the map on a page
of its own and inside it), the page without JavaScript, no console errors, and a 287-claim AIF
debate of the real shape (a forest of small trees and many isolated claims) gives a usable
report.
"""

from __future__ import annotations

import base64
import io
import json
import os
import random
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.mapfile import read_source_text
from argmap.model import ArgumentMap, Claim, Relation, Source, Speaker
from argmap.report import report
from tests.conftest import HANOI, run

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WIDTH, HEIGHT = 1280, 800
#: The content box of a portrait A4 page, in CSS pixels (after the stylesheet's margins).
A4_CONTENT_PX = ((210 - 24) / 25.4 * 96, (297 - 28) / 25.4 * 96)  # the @page margins

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    message = (
        "BROWSER TESTS NOT RUN: needs /usr/bin/chromium and /usr/bin/chromedriver "
        "(apt-get install -y chromium chromium-driver)"
    )
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    warnings.warn(message, pytest.PytestWarning, stacklevel=1)
    pytest.skip(message, allow_module_level=True)

from PIL import Image  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

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
        "--hide-scrollbars",
        f"--window-size={WIDTH},{HEIGHT}",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    metrics = {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def hanoi() -> ArgumentMap:
    return argmap.load(HANOI)


@pytest.fixture(scope="module")
def hanoi_html(hanoi: ArgumentMap, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hanoi") / "hanoi.html"
    text = read_source_text(HANOI.with_suffix(".txt").name, folder=HANOI.parent)
    path.write_text(report(hanoi, source_text=text), encoding="utf-8")
    return path


def load(driver: Any, path: Path, script: bool = True) -> None:
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not script})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(path.as_uri())
    # get() normally returns after the load event; one CI run under heavy load saw 137 of a
    # report's 287 claims, so wait until this very page says it is complete.
    WebDriverWait(driver, 60).until(
        lambda d: (
            d.execute_script("return document.URL") == path.as_uri()
            and d.execute_script("return document.readyState") == "complete"
        )
    )


def open_report(driver: Any, m: ArgumentMap, path: Path, source_text: str | None = None) -> None:
    path.write_text(report(m, source_text=source_text), encoding="utf-8")
    load(driver, path)


def severe(driver: Any) -> list[Any]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def claim_group(driver: Any, claim_id: str) -> Any:
    return driver.find_element(By.CSS_SELECTOR, f'#map-view svg g[id="claim-{claim_id}"]')


def claim_text_px(
    driver: Any, claim_ids: list[str] | None = None, statement: bool = True
) -> list[float]:
    """The rendered size in CSS pixels of the claims' text in the map, smallest first.

    With ``statement`` each claim counts with its largest line, its statement (what
    :func:`argmap.draw.geometry.smallest_text` measures); without, every line counts, the
    kind noted in small capitals under a statement too."""
    sizes: list[float] = driver.execute_script(
        """
        var wanted = arguments[0], statement = arguments[1];
        var out = [];
        document.querySelectorAll('#map-view svg g.node.claim').forEach(function (g) {
          if (wanted && wanted.indexOf(g.id.slice(6)) < 0) { return; }
          var lines = Array.from(g.querySelectorAll('text'), function (t) {
            var m = t.getScreenCTM();
            return parseFloat(t.getAttribute('font-size')) * Math.hypot(m.a, m.b);
          });
          if (statement) { lines = lines.length ? [Math.max.apply(null, lines)] : []; }
          out.push.apply(out, lines);
        });
        return out.sort(function (a, b) { return a - b; });
        """,
        claim_ids,
        statement,
    )
    return sizes


def map_figures(driver: Any) -> dict[str, float]:
    """The map's box and the column's width in CSS pixels, and the map's scale (pixels per
    point of its drawing) and the scale that fitting the column's width gives."""
    figures: dict[str, float] = driver.execute_script(
        """
        var svg = document.querySelector('#map-view svg');
        var box = svg.getBoundingClientRect();
        var home = svg.getAttribute('viewBox').split(' ').map(Number);
        return {width: box.width, height: box.height, top: box.top + window.scrollY,
                column: document.querySelector('main').getBoundingClientRect().width,
                scale: svg.getScreenCTM().a, width_scale: box.width / home[2]};
        """
    )
    return figures


def folds_open(driver: Any) -> dict[str, bool]:
    """Which folded sections are open, by section id."""
    folds: dict[str, bool] = driver.execute_script(
        "var out = {}; document.querySelectorAll('details.fold').forEach("
        "d => { out[d.closest('section').id] = d.open; }); return out"
    )
    return folds


def current_marks(driver: Any) -> list[str]:
    marks: list[str] = driver.execute_script(
        "return Array.from(document.querySelectorAll('mark.current'), m => m.textContent)"
    )
    return marks


def in_viewport(driver: Any, element: Any) -> bool:
    rect = driver.execute_script("return arguments[0].getBoundingClientRect().toJSON()", element)
    return bool(rect["bottom"] > 0 and rect["top"] < HEIGHT and rect["height"] > 0)


def in_viewport_of_map(driver: Any, element: Any) -> bool:
    """Whether an element of the map lies inside the map's window (its viewBox as drawn)."""
    return bool(
        driver.execute_script(
            "var v = document.querySelector('#map-view svg').getBoundingClientRect();"
            "var r = arguments[0].getBoundingClientRect();"
            "return r.left >= v.left - 1 && r.right <= v.right + 1"
            " && r.top >= v.top - 1 && r.bottom <= v.bottom + 1;",
            element,
        )
    )


def pdf_pages(driver: Any) -> tuple[int, bytes]:
    options = {"paperWidth": 210 / 25.4, "paperHeight": 297 / 25.4, "preferCSSPageSize": True}
    data = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", options)["data"])
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data)), data


def record(request: pytest.FixtureRequest, **figures: Any) -> None:
    """Keep measured figures with the test's report (``-rA`` or JUnit XML shows them)."""
    for key, value in figures.items():
        request.node.user_properties.append((key, value))
    print(json.dumps(figures))


def test_hanoi_report_reads_at_fit(
    browser: Any, hanoi: ArgumentMap, hanoi_html: Path, request: pytest.FixtureRequest
) -> None:
    load(browser, hanoi_html)
    ids = browser.execute_script(
        "return Array.from(document.querySelectorAll('#map-view svg g.node.claim'), g => g.id)"
    )
    assert sorted(ids) == sorted(f"claim-{c.id}" for c in hanoi.claims)
    # The first thing on the page after the title is the findings.
    first = browser.execute_script("return document.querySelector('main > section').id")
    assert first == "findings"
    # At fit the map is drawn at the scale that fits the column's width, however tall that
    # makes it (the page scrolls past it): not shrunk to the window's height.
    fit = map_figures(browser)
    assert fit["width"] >= fit["column"] - 4
    assert fit["scale"] == pytest.approx(fit["width_scale"], rel=1e-3)
    assert fit["height"] == pytest.approx(fit["width"] * hanoi_aspect(hanoi_html), rel=0.01)
    sizes = claim_text_px(browser)
    every_line = claim_text_px(browser, statement=False)
    length = browser.execute_script("return document.documentElement.scrollHeight")
    record(
        request,
        text_px_min=round(sizes[0], 2),
        text_px_median=round(sizes[len(sizes) // 2], 2),
        kind_note_px=round(every_line[0], 2),
        map_height_px=round(fit["height"]),
    )
    record(request, page_length_px=length, bytes=hanoi_html.stat().st_size)
    assert sizes[0] >= 8
    assert hanoi_html.stat().st_size < 1_000_000
    # The wheel scrolls the page past the map; Ctrl + wheel zooms it.
    box = "return document.querySelector('#map-view svg').getAttribute('viewBox')"
    home = browser.execute_script(box)
    wheel = (
        "var e = new WheelEvent('wheel', {deltaY: arguments[0], ctrlKey: arguments[1],"
        " clientX: 400, clientY: 400, bubbles: true, cancelable: true});"
        "document.querySelector('#map-view svg').dispatchEvent(e); return e.defaultPrevented"
    )
    assert browser.execute_script(wheel, 100, False) is False
    assert browser.execute_script(box) == home
    assert browser.execute_script(wheel, -100, True) is True
    assert claim_text_px(browser)[0] > sizes[0] * 1.1
    browser.find_element(By.ID, "zoom-reset").click()
    # Zooming in makes the text larger; Fit goes back.
    browser.find_element(By.ID, "zoom-in").click()
    assert claim_text_px(browser)[0] > sizes[0] * 1.4
    browser.find_element(By.ID, "zoom-reset").click()
    assert claim_text_px(browser)[0] == pytest.approx(sizes[0])
    assert severe(browser) == []
    screenshot = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("RGB")
    assert screenshot.size == (WIDTH, HEIGHT)
    assert len(screenshot.getcolors(maxcolors=1 << 24) or []) > 10


def hanoi_aspect(path: Path) -> float:
    """Height over width of the map's drawing, from the SVG's viewBox in the page."""
    box = re.search(r'<svg[^>]*viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', path.read_text())
    assert box is not None
    return float(box.group(2)) / float(box.group(1))


def test_hanoi_text_is_8px_at_900px(
    browser: Any, hanoi_html: Path, request: pytest.FixtureRequest
) -> None:
    # The body's padding is 1.5rem a side: a window 948 px wide leaves a 900-px column.
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 900 + 48, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        load(browser, hanoi_html)
        fit = map_figures(browser)
        assert fit["column"] == pytest.approx(900, abs=1)
        assert fit["width"] >= 900 - 4
        sizes = claim_text_px(browser)
        record(
            request,
            text_px_900=round(sizes[0], 2),
            kind_note_px_900=round(claim_text_px(browser, statement=False)[0], 2),
        )
        assert sizes[0] >= 8
    finally:
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
        )


def test_clicking_a_claim_highlights_its_quote(
    browser: Any, hanoi: ArgumentMap, hanoi_html: Path
) -> None:
    load(browser, hanoi_html)
    claim = next(c for c in hanoi.claims if c.outcome and c.quote)
    incoming = [r for r in hanoi.relations if r.to_id == claim.id]
    outgoing = [r for r in hanoi.relations if r.from_id == claim.id]
    assert incoming or outgoing
    claim_group(browser, claim.id).click()
    # Its quote, and only its quote, is highlighted, and scrolled into view.
    assert "".join(current_marks(browser)) == claim.quote
    mark = browser.find_element(By.CSS_SELECTOR, "mark.current")
    assert in_viewport(browser, mark)
    assert (
        browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", mark)
        == "solid"
    )
    panel = browser.find_element(By.ID, "panel")
    assert panel.is_displayed()
    text = panel.text
    assert claim.text in text
    assert claim.outcome is not None and claim.outcome.note and claim.outcome.note in text
    assert ("From this claim:" in text) == bool(outgoing)
    assert ("To this claim:" in text) == bool(incoming)
    assert not re.search(r"\br\d+\b", text)  # relations in words, no ids
    for relation in outgoing + incoming:
        other = relation.to_id if relation.from_id == claim.id else relation.from_id
        if hanoi.is_claim(other):
            assert hanoi.claim(other).text in text
    assert "selected" in claim_group(browser, claim.id).get_attribute("class")
    # A claim named in the panel is one click further.
    other_link = panel.find_element(By.CSS_SELECTOR, "a[data-claim]")
    other = other_link.get_attribute("data-claim")
    other_link.click()
    assert "".join(current_marks(browser)) == hanoi.claim(other).quote
    assert severe(browser) == []


def test_claims_in_findings_and_table_lead_to_their_quote(
    browser: Any, hanoi: ArgumentMap, hanoi_html: Path
) -> None:
    load(browser, hanoi_html)
    # The source text, the claims and the relations are folded; a link into one opens it.
    assert folds_open(browser) == {"source": False, "claims": False, "relations": False}
    link = browser.find_element(By.CSS_SELECTOR, "#finding-forecasts a[data-claim]")
    claim = hanoi.claim(link.get_attribute("data-claim"))
    link.click()
    assert "".join(current_marks(browser)) == claim.quote
    assert in_viewport(browser, browser.find_element(By.CSS_SELECTOR, "mark.current"))
    assert folds_open(browser) == {"source": True, "claims": False, "relations": False}
    # A link without a script's help (to a relation) opens its fold too.
    relation = browser.find_element(By.CSS_SELECTOR, 'mark.relation-quote a[href^="#rel-"]')
    relation.click()
    assert folds_open(browser)["relations"]
    target = browser.current_url.rsplit("#", 1)[1]
    assert in_viewport(browser, browser.find_element(By.ID, target))
    # The table opens with its switch, and its links lead to the quotes.
    browser.find_element(By.CSS_SELECTOR, "#claims summary").click()
    assert folds_open(browser)["claims"]
    row_link = browser.find_element(
        By.CSS_SELECTOR, f'tr[id="row-{hanoi.claims[-1].id}"] a.claim-text'
    )
    browser.execute_script("arguments[0].scrollIntoView()", row_link)
    row_link.click()
    assert "".join(current_marks(browser)) == hanoi.claims[-1].quote
    assert severe(browser) == []


def test_keyboard_selects_and_focuses(browser: Any, hanoi: ArgumentMap, hanoi_html: Path) -> None:
    load(browser, hanoi_html)
    fit_px = claim_text_px(browser)[0]
    # Tab from the map's controls reaches the map and then its claims.
    browser.find_element(By.ID, "zoom-reset").click()
    focused = []
    for _ in range(12):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        focused.append(browser.execute_script("return document.activeElement.id"))
    claims_reached = [f for f in focused if f.startswith("claim-")]
    assert "map-view" in focused and claims_reached
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert "".join(current_marks(browser)) == hanoi.claim(claims_reached[-1][6:]).quote
    # The panel's button shows the claim's neighbourhood in the map, the rest dimmed.
    browser.find_element(By.ID, "panel-focus").send_keys(Keys.ENTER)
    focus = browser.execute_script(
        "return Array.from(document.querySelectorAll('#map-view g.node.claim.in-focus'), g => g.id)"
    )
    claim_id = claims_reached[-1][6:]
    neighbours = {claim_id} | {
        end
        for r in hanoi.relations
        if claim_id in (r.from_id, r.to_id)
        for end in (r.from_id, r.to_id)
        if hanoi.is_claim(end)
    }
    assert {f[6:] for f in focus} == neighbours
    # Zoomed onto the neighbourhood: larger than at fit, readable, and in the window though
    # the map is taller than the window.
    focused = claim_text_px(browser, sorted(neighbours))[0]
    assert focused >= 8 and focused > 1.5 * fit_px
    assert all(in_viewport(browser, claim_group(browser, c)) for c in neighbours)
    # Arrow keys pan, + zooms, 0 fits.
    view = browser.find_element(By.ID, "map-view")
    box = "return document.querySelector('#map-view svg').getAttribute('viewBox')"
    before = browser.execute_script(box)
    view.send_keys(Keys.ARROW_RIGHT)
    assert browser.execute_script(box) != before
    view.send_keys("0")
    # A speaker: the select is keyboard-operable like any other.
    speaker = next(s for s in hanoi.speakers if hanoi.claims_by(s.id))
    Select(browser.find_element(By.ID, "focus-speaker")).select_by_value(speaker.id)
    focus = browser.execute_script(
        "return Array.from(document.querySelectorAll('#map-view g.node.claim.in-focus'), g => g.id)"
    )
    assert {f[6:] for f in focus} == {c.id for c in hanoi.claims_by(speaker.id)}
    assert claim_text_px(browser, [c.id for c in hanoi.claims_by(speaker.id)])[0] > fit_px
    assert severe(browser) == []


def test_the_keyboard_can_skip_past_the_map(browser: Any, hanoi_html: Path) -> None:
    # Every claim is a Tab stop (44 here, 290 on a large debate): a link leads round them.
    load(browser, hanoi_html)
    browser.find_element(By.ID, "zoom-reset").click()
    for _ in range(4):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        link = browser.switch_to.active_element
        if link.text == "Skip past the map":
            break
    assert link.text == "Skip past the map" and in_viewport(browser, link)
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.execute_script("return document.activeElement.id") == "map-end"
    ActionChains(browser).send_keys(Keys.TAB).perform()
    after = "return document.activeElement.closest('#map') === null"
    assert browser.execute_script(after)


def test_a_claims_neighbourhood_keeps_the_claim_in_sight(
    browser: Any, hanoi: ArgumentMap, hanoi_html: Path
) -> None:
    # A neighbourhood taller than the window was shown from its top: 6 of Hanoi's 44 claims
    # ended below the window (Sagitov's "Collective security ..." at y 874-938 of 800).
    load(browser, hanoi_html)
    hidden = []
    for claim in hanoi.claims:
        browser.execute_script("window.scrollTo(0, 0)")
        row = browser.find_element(By.CSS_SELECTOR, f'tr[id="row-{claim.id}"] a.claim-text')
        browser.execute_script("arguments[0].click()", row)
        browser.execute_script("document.getElementById('panel-focus').click()")
        if not in_viewport(browser, claim_group(browser, claim.id)):
            hidden.append(claim.id)
    assert hidden == []


def test_on_a_phone(browser: Any, hanoi_html: Path) -> None:
    # At 390 px the Speakers table ran off the screen, and a claim's panel came after the
    # whole source text, three screens below the quote it explains.
    phone = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", phone)
    try:
        load(browser, hanoi_html)
        widths = browser.execute_script(
            "return [window.innerWidth, document.documentElement.scrollWidth]"
        )
        assert widths[0] == 390 and widths[1] <= widths[0]
        # ... and then it broke the names to fit: "Iva/n/Ti/m/of/ee/v" (no more lines than
        # words now: each speaker is a block of labelled lines)
        words = {s.name: len(s.name.split()) for s in argmap.load(HANOI).speakers}
        assert all(lines <= words[name] for name, lines in name_lines(browser).items())
        link = browser.find_element(By.CSS_SELECTOR, "#finding-forecasts a[data-claim]")
        browser.execute_script("arguments[0].click()", link)
        mark = browser.find_element(By.CSS_SELECTOR, "mark.current")
        panel = browser.find_element(By.ID, "panel")
        assert in_viewport(browser, mark) and panel.is_displayed()
        top = browser.execute_script("return arguments[0].getBoundingClientRect().top", panel)
        assert top < browser.execute_script("return window.innerHeight")  # in sight
        # The panel at the foot of the window hid the end of the quote it was opened for,
        # and only the Escape key (no phone has one) closed it.
        for link in browser.find_elements(By.CSS_SELECTOR, "section.finding a[data-claim]"):
            browser.execute_script("arguments[0].click()", link)
            marks = browser.find_elements(By.CSS_SELECTOR, "mark.current")
            bottom = browser.execute_script(
                "return arguments[0].getBoundingClientRect().bottom", marks[0]
            )
            top = browser.execute_script("return arguments[0].getBoundingClientRect().top", panel)
            assert 0 < bottom <= top + 1
        browser.find_element(By.ID, "panel-close").click()
        assert not panel.is_displayed() and not browser.find_elements(By.CSS_SELECTOR, ".current")
    finally:
        desk = {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", desk)


def name_lines(driver: Any) -> dict[str, int]:
    """Each name in the Speakers table, and on how many lines it is drawn."""
    lines: dict[str, int] = driver.execute_script(
        """var out = {};
        document.querySelectorAll('#table-speakers tbody th').forEach(function (th) {
          var range = document.createRange(); range.selectNodeContents(th);
          var tops = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
          out[th.textContent] = tops.size; });
        return out;"""
    )
    return lines


@pytest.mark.parametrize("width", [900, 390])
def test_long_words_and_small_maps(browser: Any, tmp_path: Path, width: int) -> None:
    # One long word widened the page to 1,762 px at both widths; at 900 px the names in the
    # Speakers table broke letter by letter; a map of three claims was blown up to a poster.
    long = "https://example.org/" + "very" * 30 + "/long"
    m = ArgumentMap(
        "T",
        (Speaker("ann", "Ivan Timofeev", role="Programme director of the club"),),
        (Claim("a", "ann", f"See {long} for it."), Claim("b", "ann", "B.")),
        (Relation("b", "a", "supports"),),
    )
    screen = {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": width < 500}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", screen)
    try:
        open_report(browser, m, tmp_path / "long.html")
        inner, scroll, svg, natural = browser.execute_script(
            "var svg = document.querySelector('#map-view svg');"
            "return [window.innerWidth, document.documentElement.scrollWidth,"
            " svg.getBoundingClientRect().width, svg.viewBox.baseVal.width * 4 / 3]"
        )
        assert (inner, scroll) == (width, width)
        assert name_lines(browser)["Ivan Timofeev"] <= 2
        assert svg <= natural + 1  # never above its own size
    finally:
        desk = {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", desk)


def test_without_javascript(browser: Any, hanoi: ArgumentMap, hanoi_html: Path) -> None:
    load(browser, hanoi_html, script=False)
    try:
        assert not browser.find_element(By.CSS_SELECTOR, "#map .toolbar").is_displayed()
        assert not browser.find_element(By.ID, "panel").is_displayed()
        # Nothing is folded without the script: every link lands on a visible element.
        assert folds_open(browser) == {"source": True, "claims": True, "relations": True}
        # A claim's link still leads to its quote, which :target highlights.
        link = browser.find_element(By.CSS_SELECTOR, "#finding-forecasts a[data-claim]")
        claim = link.get_attribute("data-claim")
        link.click()
        assert browser.current_url.endswith(f"#quote-{claim}")
        mark = browser.find_element(By.CSS_SELECTOR, f'span[id="quote-{claim}"] + mark')
        assert in_viewport(browser, mark)
        colour = browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", mark)
        assert colour == "solid"
        # The relations of a claim open without a script.
        details = browser.find_element(By.CSS_SELECTOR, ".links details")
        browser.execute_script("arguments[0].scrollIntoView()", details)
        details.find_element(By.TAG_NAME, "summary").click()
        assert details.get_attribute("open") is not None
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_prints_to_a4(
    browser: Any, hanoi_html: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    load(browser, hanoi_html)
    pages, data = pdf_pages(browser)
    (tmp_path / "hanoi.pdf").write_bytes(data)
    record(request, pdf_pages=pages)
    assert 4 <= pages <= 24
    # A wide map is the one landscape page, between portrait ones: a page of its own; a
    # tall one (the flow layout draws the Hanoi panel taller than wide) stays portrait.
    boxes = [
        tuple(float(v) for v in box.split())
        for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data)[:pages]
    ]
    landscape = [i for i, box in enumerate(boxes) if box[2] > box[3]]
    wide = '<section id="map" class="wide"' in hanoi_html.read_text()
    if wide:
        assert len(landscape) == 1 and 0 < landscape[0] < pages - 1, boxes
    else:
        assert landscape == [], boxes
    # In print the map is on a page of its own and fits it, the controls are gone, and
    # links show their address.
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    figures = browser.execute_script(
        """
        var svg = document.querySelector('#map-view svg').getBoundingClientRect();
        var section = getComputedStyle(document.getElementById('map'));
        var link = document.querySelector('header a[href^="http"]');
        return {width: svg.width, height: svg.height, before: section.breakBefore,
                after: section.breakAfter,
                toolbar: getComputedStyle(document.querySelector('.toolbar')).display,
                address: link ? getComputedStyle(link, '::after').content : null};
        """
    )
    assert figures["before"] == "page" and figures["after"] == "page"
    # The folded sections print whole, even where no beforeprint event opened them.
    assert not any(folds_open(browser).values())
    shown = "return document.querySelector(arguments[0]).checkVisibility()"
    for part in ("#table-claims", ".source-text", "ul.relations"):
        assert browser.execute_script(shown, part), part
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert not browser.execute_script(shown, "#table-claims")  # folded on screen
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert figures["toolbar"] == "none"
    # on the page's short side when landscape, its long side when portrait
    assert figures["height"] <= A4_CONTENT_PX[0 if wide else 1]
    assert figures["address"] is None or "http" in figures["address"]
    rows = browser.execute_script(
        "return Array.from(document.querySelectorAll('tr, li'),"
        " e => getComputedStyle(e).breakInside).filter(v => v !== 'avoid').length"
    )
    assert rows == 0
    assert severe(browser) == []


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
    open_report(browser, m, tmp_path / "hostile.html", source_text=f"Said: {HOSTILE_QUOTE}.")

    assert browser.execute_script("return window.__pwned") is None
    assert (
        browser.execute_script("return document.querySelectorAll('a[href^=\"javascript\"]').length")
        == 0
    )
    assert browser.execute_script("return document.scripts.length") == 2  # data and the page's own
    assert browser.title == f"<script>{PWN}</script>"
    for summary in browser.find_elements(By.CSS_SELECTOR, "details.fold > summary"):
        summary.click()  # the folded sections, opened as a reader would
    assert all(folds_open(browser).values())
    body = browser.find_element(By.TAG_NAME, "body").text
    for text in [*HOSTILE_TEXTS, HOSTILE_QUOTE]:
        assert text in body
    claim_group(browser, "c2").click()
    assert "".join(current_marks(browser)) == HOSTILE_QUOTE
    assert HOSTILE_TEXTS[2] in browser.find_element(By.ID, "panel").text
    assert browser.execute_script("return window.__pwned") is None
    assert severe(browser) == []


# --- a debate of the real shape ---------------------------------------------------------------

WORDS = [
    "tax",
    "growth",
    "budget",
    "schools",
    "rail",
    "energy",
    "prices",
    "wages",
    "housing",
    "trade",
    "border",
    "police",
    "health",
    "climate",
    "farms",
    "tariffs",
    "pensions",
    "courts",
    "water",
    "roads",
]


def aif_debate(claims: int = 287, speakers: int = 7, seed: int = 13) -> tuple[dict[str, Any], str]:
    """An AIFdb-style debate and its transcript, generated the same way every time.

    Shaped like the real corpora (AIFdb radio and TV debates): a forest of small argument
    trees (one to six claims, supports and a few conflicts and rephrases), many claims that
    nothing joins, several speakers taking turns, and each locution ``"Name : words"``.
    """
    rng = random.Random(seed)
    names = [f"Speaker {chr(65 + i)}" for i in range(speakers)]
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []
    transcript: list[str] = []
    node = iter(range(1, 10**6))

    def add(kind: str, text: str) -> int:
        ident = next(node)
        nodes.append({"nodeID": str(ident), "text": text, "type": kind})
        return ident

    def edge(a: int, b: int) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": str(a), "toID": str(b)})

    inodes: list[int] = []
    for i in range(claims):
        speaker = names[rng.randrange(speakers)]
        topic = rng.sample(WORDS, 3)
        said = f"the {topic[0]} plan means {topic[1]} will follow {topic[2]} number {i}"
        claim = add("I", f"The {topic[0]} plan leads from {topic[1]} to {topic[2]} ({i}).")
        loc = add("L", f"{speaker} : {said}")
        ya = add("YA", "Asserting")
        edge(loc, ya)
        edge(ya, claim)
        locutions.append({"nodeID": str(loc), "personID": speaker})
        transcript.append(f"{speaker}: {said}.")
        inodes.append(claim)
    # Trees over about 55% of the claims; the rest stand alone.
    order = inodes[:]
    rng.shuffle(order)
    joined = order[: int(len(order) * 0.55)]
    while joined:
        size = min(len(joined), rng.randint(2, 6))
        tree, joined = joined[:size], joined[size:]
        for child_index in range(1, len(tree)):
            parent = tree[rng.randrange(child_index)]
            kind, text = rng.choice(
                [("RA", "Default Inference")] * 6
                + [("CA", "Default Conflict")] * 2
                + [("MA", "Default Rephrase")]
            )
            scheme = add(kind, text)
            edge(tree[child_index], scheme)
            edge(scheme, parent)
    return {"nodes": nodes, "edges": edges, "locutions": locutions}, "\n\n".join(transcript) + "\n"


def test_a_287_claim_aif_debate_gives_a_usable_report(
    browser: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    debate, transcript = aif_debate()
    assert aif_debate() == (debate, transcript)  # deterministic
    source = tmp_path / "debate.aif.json"
    source.write_text(json.dumps(debate), encoding="utf-8")
    (tmp_path / "transcript.txt").write_text(transcript, encoding="utf-8")
    out = tmp_path / "debate.html"
    result = run(
        "report", str(source), "--source-text", str(tmp_path / "transcript.txt"), "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    m = argmap.formats.read(source)
    assert len(m.claims) == 287
    isolated = [c for c in m.claims if not any(c.id in (r.from_id, r.to_id) for r in m.relations)]
    assert len(isolated) > 100
    size = out.stat().st_size
    assert size < 2_000_000
    load(browser, out)
    groups = browser.execute_script(
        "return document.querySelectorAll('#map-view svg g.node.claim').length"
    )
    assert groups == 287
    marks = browser.execute_script(
        "return new Set(Array.from(document.querySelectorAll('mark.claim-quote'), m => m.dataset.claim)).size"
    )
    assert marks == 287
    fit = claim_text_px(browser)
    # An isolated claim, clicked in the map, leads to its quote.
    lone = isolated[len(isolated) // 2]
    browser.execute_script(
        "arguments[0].scrollIntoView({block: 'center'})", claim_group(browser, lone.id)
    )
    browser.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
        claim_group(browser, lone.id),
    )
    assert "".join(current_marks(browser)) == lone.quote
    # A claim in a tree: its neighbourhood, focused, reads at 10 px or more.
    joined = next(c for c in m.claims if c not in isolated)
    browser.find_element(By.CSS_SELECTOR, "#claims summary").click()
    browser.find_element(By.CSS_SELECTOR, f'tr[id="row-{joined.id}"] a.claim-text').send_keys(
        Keys.ENTER
    )
    browser.find_element(By.ID, "panel-focus").click()
    focused = claim_text_px(browser, [joined.id])
    record(
        request,
        aif_bytes=size,
        aif_text_px_fit=round(fit[0], 2),
        aif_text_px_focused=round(focused[0], 2),
    )
    assert focused[0] >= 10 > fit[0] or focused[0] >= fit[0] >= 10
    # Escape undoes the focus, then lets the claim go and closes its panel.
    view = browser.find_element(By.ID, "map-view")
    view.send_keys(Keys.ESCAPE)
    assert not browser.execute_script(
        "return document.querySelector('#map-view svg').classList.contains('focusing')"
    )
    view.send_keys(Keys.ESCAPE)
    assert browser.execute_script("return document.getElementById('panel').hidden")
    assert current_marks(browser) == []
    # A speaker's focus frames every claim of theirs, also those linked outside their box
    # (in components, it framed the box of unlinked claims alone: 2 of 34 in sight).
    for speaker in [s.id for s in m.speakers if m.claims_by(s.id)][:3]:
        Select(browser.find_element(By.ID, "focus-speaker")).select_by_value(speaker)
        claims = [c.id for c in m.claims_by(speaker)]
        seen = [in_viewport_of_map(browser, claim_group(browser, c)) for c in claims]
        assert sum(seen) >= 0.9 * len(claims), (speaker, sum(seen), len(claims))
    pages, _ = pdf_pages(browser)
    record(request, aif_pdf_pages=pages)
    assert pages < 120
    assert severe(browser) == []
