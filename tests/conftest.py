"""Shared fixtures. Tests never touch the committed data: they work on temporary copies.

Helpers (functions and constants) live in ``tests/helpers.py`` and are imported from there,
``from tests.helpers import ...``; this file holds only fixtures."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import settings

from boots.util import config as boots_config
from tests.helpers import snapshot  # noqa: F401 (test_draft.py imports it from here)

# Examples per property: `make test` (and a bare `pytest`) run the thorough profile; the inner
# loop `make check` passes `--hypothesis-profile=check`, the same properties on fewer
# examples. Both are derandomized, so a run is the same run every time.
settings.register_profile("thorough", max_examples=6, derandomize=True)
settings.register_profile("check", max_examples=2, derandomize=True)
settings.load_profile("thorough")


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


def _size(item: pytest.Item) -> int:
    """Largest first: the browser walk, then the other build-sized checks, then the notebooks
    (strict nbval), then the unit tests."""
    if item.get_closest_marker("browser"):
        return 0
    if item.get_closest_marker("build"):
        return 1
    return 2 if item.path.suffix == ".ipynb" else 3


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Two test workers (``-n 2 --dist loadfile``: a file's tests stay on one worker, so a
    notebook's cells share its kernel and a module's tests its one build or walk) that
    finish together: files are handed out largest first (``--no-loadscope-reorder`` keeps
    this order), the files of unit tests by their number of tests, so the small ones fill in
    beside the long ones instead of leaving one worker alone with a long one at the end."""
    tests_in = Counter(item.path for item in items)
    first = {}
    for item in items:
        first[item.path] = min(first.get(item.path, 3), _size(item))
    items.sort(key=lambda item: (first[item.path], -tests_in[item.path], str(item.path)))
