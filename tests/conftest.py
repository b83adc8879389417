"""Shared fixtures. Tests never touch the committed data: they work on temporary copies."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from boots.util import config as boots_config


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the project's data folder."""
    target = tmp_path / "data"
    shutil.copytree(boots_config.DEFAULT_DATA_DIR, target)
    return target


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a text file, failing loudly if ``old`` is not there (so a test cannot go stale)."""
    content = path.read_text(encoding="utf-8")
    assert content.count(old) >= 1, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site rendered from the committed notebooks, figures and tables, in a temporary
    folder (the same build as ``make``'s site step)."""
    from boots.pipeline import build

    folder = tmp_path_factory.mktemp("out")
    layout = build.Layout(
        boots_config.DEFAULT_DATA_DIR,
        boots_config.NOTEBOOKS_DIR,
        boots_config.DEFAULT_FIGURES_DIR,
        folder / "site",
    )
    messages: list[str] = []
    failed = build.render(layout, build.notebooks_in(boots_config.NOTEBOOKS_DIR), messages.append)
    assert not failed, "\n".join(messages)
    return folder / "site"
