"""Project paths, anchored at the project root so code runs from any working directory.

One setting chooses the data folder: the environment variable ``BOOTS_DATA`` (default
``data/``). ``BOOTS_FIGURES`` likewise chooses where figures are written (default
``figures/``). ``make DATA=...`` sets both.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = ROOT / "data"
DEFAULT_FIGURES_DIR = ROOT / "figures"
NOTEBOOKS_DIR = ROOT / "notebooks"
SITE_DIR = ROOT / "site"
DOCS_DIR = ROOT / "docs"  # the documentation pages the site shows too

DESCRIPTOR = "datapackage.json"
ARTICLES_SUBDIR = "articles"


def _from_env(name: str, default: Path) -> Path:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser().resolve() if value else default


def data_dir() -> Path:
    """The data folder in use: ``$BOOTS_DATA`` or the project's ``data/``."""
    return _from_env("BOOTS_DATA", DEFAULT_DATA_DIR)


def figures_dir() -> Path:
    """The figures folder in use: ``$BOOTS_FIGURES`` or the project's ``figures/``."""
    return _from_env("BOOTS_FIGURES", DEFAULT_FIGURES_DIR)
