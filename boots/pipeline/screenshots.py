"""Screenshots of the built site for the README (``make screenshots``).

A headless Chromium or Chrome (``boots.pipeline.browser``, driven by selenium) photographs the index, one notebook page and one
article page of ``site/`` into ``docs/screenshots/``, so a newcomer sees the site before
building it. Run ``make`` first; the pages are read from disk, nothing from the network.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from boots.pipeline import browser
from boots.util import config
from boots.util.atomic import write_bytes

PAGES = {
    "index.png": "index.html",
    "notebook.png": "notebooks/01-stance-by-country.html#the-map",
    "article.png": "articles/aljazeera.html",
}
WINDOW = "1280,1600"


def shoot(site: Path, folder: Path, found: browser.Browser) -> list[Path]:
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser.driver(found, WINDOW, "--hide-scrollbars", "--allow-file-access-from-files")
    written = []
    try:
        for name, page in PAGES.items():
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
