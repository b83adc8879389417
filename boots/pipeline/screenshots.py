"""Screenshots of the built site for the README (``make screenshots``).

Headless Chromium (Debian's ``chromium``) photographs the index, one notebook page and one
article page of ``site/`` into ``docs/screenshots/``, so a newcomer sees the site before
building it. Run ``make`` first; the pages are read from disk, nothing from the network.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from boots.util import config
from boots.util.atomic import write_bytes

PAGES = {
    "index.png": "index.html",
    "notebook.png": "notebooks/01-stance-by-country.html#the-map",
    "article.png": "articles/aljazeera.html",
}
WINDOW = "1280,1600"


def shoot(site: Path, folder: Path, browser: str) -> list[Path]:
    written = []
    for name, page in PAGES.items():
        path = site / page.split("#")[0]
        if not path.is_file():
            raise FileNotFoundError(f"{path}: not built; run `make` first")
        url = path.as_uri() + ("#" + page.split("#")[1] if "#" in page else "")
        with tempfile.TemporaryDirectory(prefix="boots-shot-") as scratch:
            shot = Path(scratch) / name
            subprocess.run(
                [
                    browser,
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--hide-scrollbars",
                    f"--user-data-dir={scratch}/profile",
                    f"--window-size={WINDOW}",
                    f"--screenshot={shot}",
                    url,
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            write_bytes(folder / name, shot.read_bytes())
        written.append(folder / name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m boots.pipeline.screenshots")
    parser.add_argument("--site", type=Path, default=config.SITE_DIR)
    parser.add_argument("--out", type=Path, default=config.ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    browser = shutil.which("chromium")
    if browser is None:
        print("chromium is missing: run `make browser`", file=sys.stderr)
        return 2
    for path in shoot(args.site, args.out, browser):
        print(
            f"wrote {path.relative_to(config.ROOT) if path.is_relative_to(config.ROOT) else path}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
