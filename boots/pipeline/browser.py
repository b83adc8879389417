"""The headless browser the browser test and the screenshots drive, found on this machine.

Any Chromium or Google Chrome will do: Debian's ``chromium`` (with ``chromium-driver``),
Ubuntu's ``chromium-browser``, ``google-chrome``, or the macOS applications; ``$BOOTS_CHROME``
names another. The driver is the ``chromedriver`` on the PATH (``$BOOTS_CHROMEDRIVER``
names another). axe-core, the accessibility engine injected into each page, comes from a
pinned PyPI package that bundles it (``axe-playwright-python``; only its ``axe.min.js`` is
read), so nothing but PyPI is needed for it.

``python -m boots.pipeline.browser`` prints what it found, or what to install and exits 1.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

# Names on the PATH, most specific first.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
MACOS_APPS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
AXE_PACKAGE = "axe_playwright_python"  # its axe.min.js is axe-core, pinned in requirements.txt
INSTALL_HINT = (
    "install Chromium and its driver (Debian/Ubuntu: `make browser`, or apt-get install "
    "chromium chromium-driver; Fedora: dnf install chromium chromedriver; macOS: Google Chrome "
    "and `brew install chromedriver`), or set BOOTS_CHROME and BOOTS_CHROMEDRIVER"
)


@dataclass(frozen=True)
class Browser:
    binary: str
    driver: str


def _executable(path: str | None) -> str | None:
    if path and Path(path).is_file() and os.access(path, os.X_OK):
        return str(path)
    return None


def find_binary() -> str | None:
    named = os.environ.get("BOOTS_CHROME", "").strip()
    if named:
        return _executable(named) or _executable(shutil.which(named))
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in MACOS_APPS if _executable(p)), None)


def find_driver() -> str | None:
    named = os.environ.get("BOOTS_CHROMEDRIVER", "").strip()
    if named:
        return _executable(named) or _executable(shutil.which(named))
    return shutil.which("chromedriver")


def find() -> Browser | None:
    """The browser and driver to use, or None when either is missing."""
    binary, driver = find_binary(), find_driver()
    return Browser(binary, driver) if binary and driver else None


def missing() -> str:
    """What is missing, in one line that says what to install."""
    what = "Chromium or Chrome browser" if find_binary() is None else "chromedriver"
    return f"no {what} found: {INSTALL_HINT}"


def axe_path() -> Path:
    """The axe-core script bundled by the pinned PyPI package (found without importing it,
    which would import Playwright)."""
    spec = importlib.util.find_spec(AXE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"{AXE_PACKAGE} is not installed: run `make env`")
    return Path(next(iter(spec.submodule_search_locations))) / "axe.min.js"


def axe_version() -> str:
    head = axe_path().read_text(encoding="utf-8")[:200]
    found = re.search(r"axe v(\d+\.\d+\.\d+)", head)
    return found.group(1) if found else "unknown"


def driver(browser: Browser, window: str, *arguments: str):
    """A headless selenium driver of ``browser`` with a window of ``window`` ("W,H")."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = browser.binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", *arguments):
        options.add_argument(argument)
    options.add_argument(f"--window-size={window}")
    options.set_capability("goog:loggingPrefs", {"browser": "SEVERE"})
    return webdriver.Chrome(options=options, service=Service(browser.driver))


def main() -> int:
    found = find()
    if found is None:
        print(missing(), file=sys.stderr)
        return 1
    print(f"browser: {found.binary}\ndriver: {found.driver}\naxe-core: {axe_version()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
