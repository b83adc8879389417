"""Shared fixtures. Tests never touch the committed data: they work on temporary copies.

Helpers (functions and constants) live in ``tests/helpers.py`` and are imported from there,
``from tests.helpers import ...``; this file holds only fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from boots.util import config as boots_config
from tests.helpers import snapshot  # noqa: F401 (test_draft.py imports it from here)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the project's data folder."""
    target = tmp_path / "data"
    shutil.copytree(boots_config.DEFAULT_DATA_DIR, target)
    return target


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The project's site (``site/``), brought up to date from the committed notebooks,
    figures and tables by the build's own site step: a no-op after ``make``, a full render
    on a fresh clone. A lock keeps the test workers from rendering it twice at once."""
    from filelock import FileLock

    from boots.pipeline import build

    layout = build.Layout.default()
    lock = build.site_work_dir(layout).with_suffix(".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    messages: list[str] = []
    with FileLock(lock):
        failed = build.render(layout, build.notebooks_in(layout.sources_dir), messages.append)
    assert not failed, "\n".join(messages)
    return layout.site_dir


@pytest.fixture(scope="session")
def ev():
    """The project's tables, loaded once for the session (``Evidence`` is never changed after
    loading, so the tests can share it)."""
    from boots.data import tables

    return tables.load()
