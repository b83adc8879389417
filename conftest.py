"""Session hooks for the whole suite, notebooks included (so they live at the root).

nbval re-executes every notebook; its kernels write their figures into one temporary folder
(never over the committed ``figures/``), and at the end of the session those figures must
equal the committed ones byte for byte: the re-execution check of ``make test``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from boots.util import config as boots_config


def pytest_configure(config):
    # Notebooks executed by nbval write their figures here, not over the committed ones. The
    # controller sets it before xdist starts its workers, which inherit it.
    os.environ.setdefault("BOOTS_FIGURES", tempfile.mkdtemp(prefix="boots-nbval-figures-"))
    # nbval starts each kernel in the notebook's folder; start it in an unrelated one
    # instead, so the same run proves the notebooks work from any working directory.
    os.environ.setdefault("BOOTS_KERNEL_CWD", tempfile.mkdtemp(prefix="boots-nbval-cwd-"))
    _start_kernels_elsewhere(os.environ["BOOTS_KERNEL_CWD"])


def _start_kernels_elsewhere(folder: str) -> None:
    import nbval.plugin

    original = nbval.plugin.RunningKernel.__init__
    if original.__name__ == "started_elsewhere":
        return

    def started_elsewhere(self, kernel_name, cwd=None, *args, **kwargs):
        original(self, kernel_name, folder, *args, **kwargs)

    nbval.plugin.RunningKernel.__init__ = started_elsewhere


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
