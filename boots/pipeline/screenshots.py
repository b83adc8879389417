"""Screenshots of the built site for the README (``make screenshots``).

A headless Chromium or Chrome (``boots.pipeline.browser``, driven by selenium) photographs
the index, one notebook page, one article page and the codebook of ``site/`` into
``docs/screenshots/``, at 1366 px (a desktop) and 390 px (a phone, and its site menu opened),
so a newcomer sees the site before building it. Run ``make`` first; the pages are read from
disk, nothing from the network.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from boots.pipeline import browser
from boots.util import config
from boots.util.atomic import write_bytes

PAGES = {
    "index": "index.html",
    "notebook": "notebooks/01-stance-by-country.html#the-map",
    "article": "articles/aljazeera.html",
    "codebook": "codebook.html#rule-f2",
}
# Each page on a desktop (``<page>.png``) and on a phone (``<page>-phone.png``), and the
# phone's site menu opened by its button (``menu-phone.png``).
SCREENS = {"": (1366, 1100), "-phone": (390, 844)}
WINDOW = "1366,1100"


def settled(driver, timeout: float = 10.0) -> None:
    """Wait until the page stops moving: the theme narrows its contents sidebar after the
    page has loaded, so a shot taken at once shows the sidebar over the article. Settled is
    the article's box and the sidebar's box unchanged across two checks 0.5 s apart."""
    import time

    script = (
        "return [...document.querySelectorAll('.bd-article, .bd-sidebar-secondary')]"
        ".map(e => {const r = e.getBoundingClientRect(); return [r.left, r.width, r.top];})"
    )
    previous, deadline = None, time.monotonic() + timeout
    while time.monotonic() < deadline:
        current = driver.execute_script(script)
        if current == previous:
            return
        previous = current
        time.sleep(0.5)


def shoot(site: Path, folder: Path, found: browser.Browser) -> list[Path]:
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser.driver(found, WINDOW, "--hide-scrollbars", "--allow-file-access-from-files")
    written = []
    try:
        for suffix, (width, height) in SCREENS.items():
            driver.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
            )
            shots = {f"{name}{suffix}.png": page for name, page in PAGES.items()}
            if suffix:
                shots[f"menu{suffix}.png"] = PAGES["notebook"]
            for name, page in shots.items():
                file, _, anchor = page.partition("#")
                path = site / file
                if not path.is_file():
                    raise FileNotFoundError(f"{path}: not built; run `make` first")
                driver.get(path.as_uri())
                if anchor:
                    driver.execute_script(
                        "document.getElementById(arguments[0]).scrollIntoView()", anchor
                    )
                # Figures are <object> SVGs, which load after the page: wait for them.
                WebDriverWait(driver, 20).until(
                    lambda d: d.execute_script(
                        "return [...document.querySelectorAll('object')]"
                        ".every(o => o.contentDocument && o.contentDocument.documentElement"
                        " && o.contentDocument.documentElement.tagName === 'svg')"
                    )
                )
                settled(driver)
                if name.startswith("menu"):
                    driver.execute_script(
                        "[...document.querySelectorAll('.primary-toggle')]"
                        ".find(b => b.getBoundingClientRect().width > 0).click()"
                    )
                write_bytes(folder / name, driver.get_screenshot_as_png())
                written.append(folder / name)
    finally:
        driver.quit()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m boots.pipeline.screenshots")
    parser.add_argument("--site", type=Path, default=config.SITE_DIR)
    parser.add_argument("--out", type=Path, default=config.ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    found = browser.find()
    if found is None:
        print(browser.missing(), file=sys.stderr)
        return 2
    for path in shoot(args.site, args.out, found):
        print(
            f"wrote {path.relative_to(config.ROOT) if path.is_relative_to(config.ROOT) else path}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
