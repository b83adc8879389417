"""Every page of the site opened in a headless Chromium or Chrome (whichever this machine
has, ``boots.pipeline.browser``; driven by selenium), as a reader's browser shows it: the page
renders without a failed load, every link and anchor it shows resolves, every image has loaded
and has real alt text, no code token or diff markup is in the visible text, and axe-core (from
a pinned PyPI package that bundles it, injected into the page) finds no serious or critical
accessibility violation.

Where no browser can be found the tests are skipped, with one line in the summary naming what
to install; under ``CI=true`` a missing browser fails them instead."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from boots.data import labels, tables
from boots.pipeline import browser as chrome
from tests.helpers import PLACEHOLDER_ALT, parse

REFERENCE_PAGES = {"codebook.html", "data-dictionary.html"}
pytestmark = pytest.mark.browser  # build-sized: `make test` runs it, `make check` does not

DIFF_MARKUP = re.compile(r"\[-|-\]|\{\+|\+\}")


FOUND = chrome.find()
if FOUND is None:  # one line in the summary for the whole module, at the end of `make test`
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {chrome.missing()}", pytrace=False)
    pytest.skip(f"browser tests skipped, {chrome.missing()}", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    driver = chrome.driver(
        FOUND,
        "1280,900",
        "--allow-file-access-from-files",  # lets the test look inside the figures' SVGs
    )
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def axe():
    return chrome.axe_path().read_text(encoding="utf-8")


def code_tokens() -> set[str]:
    """Words a reader must never meet: the schema's snake_case codes and the tables' ids."""
    evidence = tables.load()
    descriptor = labels.categories  # every coded column's codes
    tokens = {
        code
        for field in (
            "stance",
            "firmness",
            "scope",
            "whose_troops",
            "reported_as",
            "reason",
            "headline_focus",
            "quote_type",
            "translation",
            "reprint",
        )
        for code in descriptor(field)
        if "_" in code
    }
    tokens |= set(evidence.statements.statement_id)
    tokens |= {s for s in evidence.speakers.speaker_id if "-" in s}
    tokens |= {a for a in evidence.articles.article_id if "-" in a}
    return tokens


def site_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


@pytest.fixture(scope="module")
def visited(on_screens):
    """What the desktop walk read from each page (``on_screens``: one walk per width)."""
    return on_screens["desktop"]


def test_every_page_renders_without_failed_loads(on_screens):
    for screen, visited in on_screens.items():
        assert len(visited) >= 10
        for name, state in visited.items():
            assert state["main"] and state["title"] and len(state["text"]) > 100, (screen, name)
            assert state["errors"] == [], (screen, name, state["errors"])


def test_every_image_loads_and_has_real_alt_text(visited):
    for name, state in visited.items():
        for image in state["images"]:
            assert image["loaded"] or image["hidden"], (name, image["src"])
        for image in state["images"] + state["objects"]:
            alt = image["alt"]
            assert len(alt.split()) >= 4 and not PLACEHOLDER_ALT.search(alt), (name, image)


def test_figures_are_drawn_from_svgs_whose_marks_lead_to_the_evidence(visited, built_site):
    statements = parse(built_site / "statements.html").ids
    linked = set()
    for name, state in visited.items():
        for figure in state["objects"]:
            assert figure["svg"], (name, figure["src"], "the SVG did not load")
            for mark in figure["marks"]:
                parts = urlsplit(mark["href"])
                assert Path(unquote(parts.path)) == (built_site / "statements.html").resolve()
                assert parts.fragment in statements, (figure["src"], mark["href"])
                assert len(mark["title"].split()) >= 3, (figure["src"], mark)
            if figure["marks"]:
                linked.add(Path(figure["src"]).stem)
    assert {"01-stance-map", "01-firmness", "02-timeline", "02-reactions"} <= linked


def test_every_link_and_anchor_shown_resolves(visited, built_site):
    ids: dict[Path, set[str]] = {}
    broken = []
    for name, state in visited.items():
        for href in state["links"]:
            parts = urlsplit(href)
            if parts.scheme != "file":
                continue
            target = Path(unquote(parts.path))
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append((name, href))
            elif parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = parse(target).ids
                if parts.fragment not in ids[target]:
                    broken.append((name, href))
    assert broken == []


def codes_in(text: str, tokens: set[str]) -> list[str]:
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(tokens))) + r")(?![\w-])")
    return sorted(set(pattern.findall(text))) + DIFF_MARKUP.findall(text)


def test_the_code_check_can_fail():
    tokens = code_tokens()
    assert codes_in("Fico: rules_out, see fico-not-planning; [-old-] {+new+}", tokens) == [
        "fico-not-planning",
        "rules_out",
        "[-",
        "-]",
        "{+",
        "+}",
    ]
    assert codes_in("Fico rules it out; ground troops of any kind; well-known", tokens) == []


def test_readers_see_no_codes_and_no_diff_markup(visited):
    """On every page made from the data; the project's documentation pages (``docs/``,
    "About this project") are for curators and developers and name codes on purpose."""
    tokens = code_tokens()
    for name, state in visited.items():
        if name in REFERENCE_PAGES or name.startswith("docs/"):  # they explain the codes
            continue
        assert codes_in(state["text"], tokens) == [], name
    assert any(name.startswith("docs/") for name in visited), "the docs pages are visited too"
    assert any(not name.startswith("docs/") for name in visited)


# The reader's site on every screen: a desktop and a phone, as the browser draws them.
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
PAGE_LIMIT = 1_000_000  # bytes a page loads: its HTML and everything it loads
CHART_TEXT_PX = 12  # 9 pt
READ_CHARTS = ("01-firmness", "02-timeline", "02-reactions")


def at_width(browser, width: int, height: int) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


SHOWN = """
const images = [...document.images].map(i => ({
    src: i.getAttribute('src'), alt: i.getAttribute('alt') || '',
    loaded: i.complete && i.naturalWidth > 0,
    hidden: !i.getClientRects().length}));
const objects = [...document.querySelectorAll('object')].map(o => {
    const svg = o.contentDocument && o.contentDocument.documentElement;
    return {src: o.getAttribute('data'), alt: o.getAttribute('aria-label') || '',
            svg: !!svg && svg.tagName === 'svg',
            marks: svg ? [...svg.querySelectorAll('a')].map(a => ({
                href: new URL(a.getAttribute('xlink:href'), o.data).href,
                title: (a.querySelector('title') || {}).textContent || ''})) : []};
});
const links = [...document.querySelectorAll('a[href]')].map(a => a.href);
return {title: document.title, text: document.body.innerText,
        main: !!document.querySelector('main'), images, objects, links};
"""


MEASURE = """
const done = arguments[arguments.length - 1];
const rules = new Set(arguments[0]);
const main = document.querySelector('main') || document.body;
const article = document.querySelector('article.bd-article') || main;
// Rule references a reader cannot follow: outside links, code and headings.
const unlinked = [];
const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  if (node.parentElement.closest('a, code, pre, h1, h2, h3, h4, h5, h6, script, style')) continue;
  for (const m of node.textContent.matchAll(/(?<![\\w-])([A-Z]\\d{1,2})(?![\\w-])/g))
    if (rules.has(m[1])) unlinked.push(m[1] + ': ' + node.textContent.trim().slice(0, 60));
}
// What sticks out of the screen sideways without a scrolling box of its own.
const width = document.documentElement.clientWidth;
const scrolls = (e) => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX);
const overflowing = [...article.querySelectorAll('*')].filter((e) => {
  const box = e.getBoundingClientRect();
  if (box.width === 0 || box.right <= width + 1) return false;
  for (let up = e.parentElement; up && up !== article; up = up.parentElement)
    if (scrolls(up) && up.getBoundingClientRect().right <= width + 1) return false;
  return true;
}).slice(0, 5).map((e) => `${e.tagName}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`);
// Every file the page loads: itself, stylesheets, scripts, images drawn, figures, fonts used.
const files = new Set([location.href.split('#')[0]]);
document.querySelectorAll('link[rel=stylesheet][href], script[src]').forEach(
  (e) => files.add((e.href || e.src).split('?')[0]));
[...document.images].filter((i) => i.complete && i.naturalWidth > 0 && i.currentSrc)
  .forEach((i) => files.add(i.currentSrc.split('?')[0]));
const figures = [...document.querySelectorAll('object')];
figures.forEach((o) => files.add(o.data.split('?')[0]));
const loaded = [...document.fonts].filter((f) => f.status === 'loaded')
  .map((f) => `${f.family.replace(/"/g, '')}|${f.weight}`);
for (const sheet of document.styleSheets) {
  let cssRules = [];
  try { cssRules = [...sheet.cssRules]; } catch (error) { continue; }
  for (const rule of cssRules) {
    if (!(rule instanceof CSSFontFaceRule)) continue;
    const key = `${rule.style.fontFamily.replace(/"/g, '')}|${rule.style.fontWeight || '400'}`;
    const url = (rule.style.getPropertyValue('src').match(/url\\("?([^")]+)"?\\)/) || [])[1];
    if (url && loaded.includes(key)) files.add(new URL(url, sheet.href).href);
  }
}
// Chart text as drawn: each text's font size times the figure's scale on the page.
const charts = {};
figures.forEach((o) => {
  const svg = o.contentDocument && o.contentDocument.documentElement;
  if (!svg || !svg.viewBox || !svg.viewBox.baseVal.width) return;
  const scale = o.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim())
    .map((t) => parseFloat(o.contentDocument.defaultView.getComputedStyle(t).fontSize) * scale);
  charts[o.getAttribute('data').split('/').pop().replace('.svg', '')] = Math.min(...sizes);
});
axe.run(document, {resultTypes: ['violations']}).then((r) => done({
  unlinked, overflowing, files: [...files], charts,
  pageWidth: document.documentElement.scrollWidth, width,
  violations: r.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => `${v.id} (${v.impact}): ${v.help}; e.g. ${v.nodes[0].target}`)}));
"""


@pytest.fixture(scope="module")
def on_screens(built_site, browser, axe):
    """Each page at each width of ``WIDTHS``, loaded once: what the checks read from it
    (what the page shows, what it logged, what it loads, its layout, and axe-core's
    accessibility violations)."""
    from boots.pipeline.pages import reference_pages

    rules = reference_pages(tables.load())[0].rules
    results: dict[str, dict[str, dict]] = {}
    # A first visit with an empty browser profile makes the theme log that it has no stored
    # light/dark mode yet (it then stores one): open the site once before the pages are read.
    browser.get((built_site / "index.html").as_uri())
    try:
        for screen, (width, height) in WIDTHS.items():
            at_width(browser, width, height)
            results[screen] = {}
            for path in site_pages(built_site):
                browser.get_log("browser")  # drop anything logged before this page
                browser.get(path.as_uri())
                WebDriverWait(browser, 20, poll_frequency=0.05).until(
                    lambda d: d.execute_script(
                        "return [...document.querySelectorAll('object')].every(o =>"
                        " o.contentDocument && o.contentDocument.readyState === 'complete')"
                        " && document.fonts.status === 'loaded'"
                    )
                )
                state = browser.execute_script(SHOWN)
                state["errors"] = [e["message"] for e in browser.get_log("browser")]
                browser.execute_script(axe)
                state |= browser.execute_async_script(MEASURE, rules)
                results[screen][path.relative_to(built_site).as_posix()] = state
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return results


def test_no_page_scrolls_sideways_on_a_phone(on_screens):
    for name, state in on_screens["phone"].items():
        assert state["width"] == 390, name
        assert state["pageWidth"] <= state["width"], (name, state["pageWidth"])
        assert state["overflowing"] == [], name


def test_every_page_loads_under_a_megabyte(on_screens, built_site):
    for name, state in on_screens["desktop"].items():
        files = {Path(unquote(urlsplit(u).path)) for u in state["files"] if u.startswith("file:")}
        missing = [f for f in files if not f.is_file()]
        assert missing == [], (name, missing)
        assert any(f.suffix == ".css" for f in files) and any(f.suffix == ".js" for f in files)
        assert not any(f.name == "fontawesome.js" for f in files), name
        total = sum(f.stat().st_size for f in files)
        assert total < PAGE_LIMIT, (name, total, sorted(f.name for f in files))


def test_chart_text_is_at_least_9_points_on_a_desktop(on_screens):
    drawn = {}
    for state in on_screens["desktop"].values():
        drawn |= state["charts"]
    assert set(READ_CHARTS) <= set(drawn)
    for chart in READ_CHARTS:
        assert drawn[chart] >= CHART_TEXT_PX - 0.05, (chart, drawn[chart])


def test_every_rule_reference_is_a_link(on_screens):
    assert any(state["unlinked"] == [] for state in on_screens["desktop"].values())
    unlinked = {n: s["unlinked"] for n, s in on_screens["desktop"].items() if s["unlinked"]}
    # The codebook states each rule once, in bold: that definition is not a link to itself.
    definitions = unlinked.pop("codebook.html", [])
    assert unlinked == {}
    assert all(": " in d for d in definitions)


def test_rule_references_lead_to_the_codebook(built_site):
    page = (built_site / "statements.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'href="codebook\.html#(rule-[a-z]\d+)"', page))
    assert targets, "statements.html links no rule"
    assert targets <= parse(built_site / "codebook.html").ids


def test_no_serious_accessibility_violation_at_either_width(on_screens):
    problems = {
        (screen, name): state["violations"]
        for screen, pages_ in on_screens.items()
        for name, state in pages_.items()
        if state["violations"]
    }
    assert problems == {}


VISIBLE = """
const e = document.querySelector(arguments[0]);
if (!e) return false;
const box = e.getBoundingClientRect();
return getComputedStyle(e).display !== 'none' && box.width > 0 && box.right > 0
  && box.left < window.innerWidth;
"""


def _shown_toggle(browser, kind: str):
    buttons = [
        b for b in browser.find_elements("css selector", f".{kind}-toggle") if b.is_displayed()
    ]
    assert buttons, f"no visible {kind} sidebar button"
    return buttons[0]


@pytest.mark.parametrize("screen", list(WIDTHS))
def test_site_menu_and_contents_open_and_close_by_click(built_site, browser, screen):
    from selenium.webdriver.common.keys import Keys

    width, height = WIDTHS[screen]
    page = built_site / "notebooks" / "01-stance-by-country.html"
    try:
        at_width(browser, width, height)
        # A phone has a touch screen (set before the page loads, which then takes taps).
        browser.execute_cdp_cmd(
            "Emulation.setTouchEmulationEnabled",
            {"enabled": screen == "phone", "maxTouchPoints": 5},
        )
        browser.get(page.as_uri())
        WebDriverWait(browser, 10).until(
            lambda d: d.execute_script("return document.readyState") == "complete"
        )
        kinds = ["primary"] + (["secondary"] if screen == "phone" else [])
        for kind in kinds:
            sidebar, dialog = f"#pst-{kind}-sidebar", f"#pst-{kind}-sidebar-modal"
            button = _shown_toggle(browser, kind)
            if screen == "desktop":
                assert browser.execute_script(VISIBLE, sidebar)
                button.click()
                assert not browser.execute_script(VISIBLE, sidebar), "a click did not hide it"
                assert button.get_attribute("aria-expanded") == "false"
                button.click()
                assert browser.execute_script(VISIBLE, sidebar), "a second click did not show it"
                assert button.get_attribute("aria-expanded") == "true"
                continue
            assert not browser.execute_script(VISIBLE, dialog)
            button.click()
            assert browser.execute_script(f"return document.querySelector('{dialog}').open")
            assert browser.execute_script(VISIBLE, dialog), "a click did not open it"
            links = browser.execute_script(
                f"return [...document.querySelectorAll('{dialog} a')].filter(a =>"
                " a.getBoundingClientRect().width > 0).length"
            )
            assert links >= 5, "the open menu shows no links"
            assert button.get_attribute("aria-expanded") == "true"
            browser.find_element("css selector", f"{dialog} .boots-close").click()
            assert not browser.execute_script(f"return document.querySelector('{dialog}').open")
            assert button.get_attribute("aria-expanded") == "false"
            # By keyboard: Enter on the focused button opens it, Escape closes it.
            button.send_keys(Keys.ENTER)
            assert browser.execute_script(f"return document.querySelector('{dialog}').open")
            browser.switch_to.active_element.send_keys(Keys.ESCAPE)
            assert not browser.execute_script(f"return document.querySelector('{dialog}').open")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


PHONE_WINDOW = WIDTHS["phone"]
CENTRE = """
const box = arguments[0].getBoundingClientRect();
return [box.left + box.width / 2, box.top + box.height / 2];
"""


@pytest.fixture(scope="module")
def phone():
    """A browser whose window is a phone's screen (no emulated viewport inside a larger
    window), with touch input, so a tap lands where a finger would. Headless Chromium (156)
    widens a ``--window-size`` under 500 px to 500, but resizing the running window gives
    its page a 390 px viewport; the height then grows by what the browser keeps for itself,
    so the page sees 390x844."""
    width, height = PHONE_WINDOW
    driver = chrome.driver(FOUND, f"{width},{height}")
    driver.set_window_size(width, height)
    kept = driver.execute_script("return outerHeight - innerHeight")
    driver.set_window_size(width, height + kept)
    driver.execute_cdp_cmd(
        "Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5}
    )
    yield driver
    driver.quit()


def _tap(driver, element) -> None:
    """A finger's tap at the centre of ``element``: touch start and touch end, which the
    browser turns into a tap gesture and a click, as on a phone."""
    x, y = driver.execute_script(CENTRE, element)
    point = [{"x": x, "y": y, "radiusX": 4, "radiusY": 4, "force": 1}]
    driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": point})
    driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def _is_open(driver, dialog: str) -> bool:
    return driver.execute_script(f"return document.querySelector('{dialog}').open")


def test_site_menu_and_contents_open_and_close_by_tap_on_a_phone(built_site, phone):
    phone.get((built_site / "notebooks" / "01-stance-by-country.html").as_uri())
    WebDriverWait(phone, 10).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )
    shown = phone.execute_script(
        "return [window.innerWidth, window.innerHeight, navigator.maxTouchPoints,"
        " matchMedia('(pointer: coarse)').matches || 'ontouchstart' in window]"
    )
    assert shown[:2] == list(PHONE_WINDOW), f"the window is not a phone's screen: {shown}"
    assert shown[2] > 0 and shown[3], f"the page sees no touch screen: {shown}"
    for kind in ("primary", "secondary"):
        dialog = f"#pst-{kind}-sidebar-modal"
        button = _shown_toggle(phone, kind)
        assert not _is_open(phone, dialog)
        _tap(phone, button)
        WebDriverWait(phone, 5).until(
            lambda d, dialog=dialog: _is_open(d, dialog), f"a tap did not open {kind}"
        )
        assert phone.execute_script(VISIBLE, dialog)
        links = phone.execute_script(
            f"return [...document.querySelectorAll('{dialog} a')].filter(a =>"
            " a.getBoundingClientRect().width > 0).length"
        )
        assert links >= 5, "the menu opened by a tap shows no links"
        _tap(phone, phone.find_element("css selector", f"{dialog} .boots-close"))
        WebDriverWait(phone, 5).until(
            lambda d, dialog=dialog: not _is_open(d, dialog), f"a tap on Close did not close {kind}"
        )
        assert button.get_attribute("aria-expanded") == "false"
