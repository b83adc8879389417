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
from tests.test_site import PLACEHOLDER_ALT, parse

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
def visited(built_site, browser, axe):
    """Each page loaded in the browser once: what the checks below read from it."""
    results = {}
    # A first visit with an empty browser profile makes the theme log that it has no stored
    # light/dark mode yet (it then stores one): open the site once before the pages are read.
    browser.get((built_site / "index.html").as_uri())
    for path in site_pages(built_site):
        browser.get_log("browser")  # drop anything logged before this page
        browser.get(path.as_uri())
        WebDriverWait(browser, 20).until(
            lambda d: d.execute_script(
                "return [...document.querySelectorAll('object')].every(o => o.contentDocument"
                " && o.contentDocument.readyState === 'complete')"
            )
        )
        state = browser.execute_script(
            """
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
        )
        state["errors"] = [e["message"] for e in browser.get_log("browser")]
        browser.execute_script(axe)
        state["violations"] = browser.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']}).then(r => done(
                r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                 .map(v => `${v.id} (${v.impact}): ${v.help}; e.g. ${v.nodes[0].target}`)));
            """
        )
        results[path.relative_to(built_site).as_posix()] = state
    return results


def test_every_page_renders_without_failed_loads(visited):
    assert len(visited) >= 10
    for name, state in visited.items():
        assert state["main"] and state["title"] and len(state["text"]) > 100, name
        assert state["errors"] == [], (name, state["errors"])


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
        if name.startswith("docs/"):
            continue
        assert codes_in(state["text"], tokens) == [], name
    assert any(name.startswith("docs/") for name in visited), "the docs pages are visited too"
    assert any(not name.startswith("docs/") for name in visited)


def test_no_serious_or_critical_accessibility_violations(visited):
    problems = {name: state["violations"] for name, state in visited.items() if state["violations"]}
    assert problems == {}
