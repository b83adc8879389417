"""Shared fixtures. Tests never touch the committed data: they work on temporary copies."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from boots import config as boots_config


def pytest_configure(config):
    # Notebooks executed by nbval write their figures here, not over the committed ones. The
    # controller sets it before xdist starts its workers, which inherit it.
    os.environ.setdefault("BOOTS_FIGURES", tempfile.mkdtemp(prefix="boots-nbval-figures-"))


def pytest_sessionfinish(session, exitstatus):
    """After nbval has re-executed the notebooks: their figures must equal the committed
    ones byte for byte. This is the re-execution check; it fails the run if any differs."""
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller checks once, after all workers finish
    ran = (
        [item for item in session.items if str(item.fspath).endswith(".ipynb")]
        if session.items
        else []
    )
    if not ran and not session.config.getoption("nbval", default=False):
        return
    produced = Path(os.environ["BOOTS_FIGURES"])
    committed = boots_config.DEFAULT_FIGURES_DIR
    names = sorted(p.name for p in produced.iterdir()) if produced.is_dir() else []
    differing = [
        n
        for n in names
        if not (committed / n).is_file()
        or (committed / n).read_bytes() != (produced / n).read_bytes()
    ]
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if differing:
        if reporter:
            reporter.write_line(
                f"FAILED re-executed figures differ from figures/: {', '.join(differing)}", red=True
            )
        session.exitstatus = 1
    elif reporter and names:
        reporter.write_line(f"re-executed figures: {len(names)} files byte-identical to figures/")


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
