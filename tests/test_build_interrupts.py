"""The build stops cleanly: on Ctrl-C within seconds, and on a hanging cell by the timeout.

Both leave no kernel running, no temporary folder or kernel file behind, and the last good
outputs exactly as they were."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat
import pytest

from boots.pipeline import build
from boots.util import config
from tests.helpers import snapshot, write_last_good_notebook

pytestmark = pytest.mark.build  # build-sized: `make test` runs it, `make check` does not

DRIVER = """
import sys
from pathlib import Path
from boots.pipeline import build
from boots.util import config

out, sources = map(Path, sys.argv[1:3])
layout = build.Layout.in_folder(out, config.DEFAULT_DATA_DIR, sources_dir=sources)
sys.exit(build.run(layout, log=lambda message: print(message, flush=True)))
"""


def _probe_notebook(path: Path, question: str, *code: str) -> None:
    """A notebook asking ``question``, whose code cells are ``code``."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.cells = [
        nbformat.v4.new_markdown_cell(f"# 09 · probe\n\n**Question:** {question}"),
        *(nbformat.v4.new_code_cell(source) for source in code),
    ]
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell{number}"
    nbformat.write(notebook, path)


def _hanging_notebook(path: Path, started: Path) -> None:
    touch = f"pathlib.Path({str(started)!r}).touch()\ntime.sleep(600)"
    _probe_notebook(path, "does the build stop?", "import pathlib, time", touch)


def _last_good_outputs(out: Path) -> dict[str, str]:
    write_last_good_notebook(out)
    (out / "figures" / "09-probe.png").write_bytes(b"last good figure")
    return _outputs(out)


def _outputs(out: Path) -> dict[str, str]:
    """Notebooks and figures (the build's validation stamp is a record, not an output)."""
    return {k: v for k, v in snapshot(out).items() if k.split("/")[0] in {"notebooks", "figures"}}


def _processes_marked(mark: str) -> list[int]:
    """Processes (kernels included) whose environment carries ``mark``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if mark.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _wait_until_gone(mark: str, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := _processes_marked(mark)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def test_ctrl_c_stops_the_build_within_seconds_and_keeps_the_last_good_outputs(tmp_path):
    sources, out, scratch, runtime = (tmp_path / n for n in ("src", "out", "tmp", "runtime"))
    for folder in (sources, scratch, runtime):
        folder.mkdir()
    started = tmp_path / "cell-started"
    _hanging_notebook(sources / "09-probe.ipynb", started)
    good = _last_good_outputs(out)
    mark = f"boots-test-{uuid.uuid4().hex}"
    env = dict(
        os.environ,
        BOOTS_TEST_MARK=mark,
        TMPDIR=str(scratch),
        JUPYTER_RUNTIME_DIR=str(runtime),
        PYTHONPATH=str(config.ROOT),
    )
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(out), str(sources)],
        cwd=config.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        deadline = time.monotonic() + 120
        while not started.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the hanging cell never started"
            time.sleep(0.1)
        assert _processes_marked(mark), "a kernel is running"
        interrupted = time.monotonic()
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends to the foreground group
        stdout, stderr = process.communicate(timeout=15)
        stopped_in = time.monotonic() - interrupted
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == build.INTERRUPTED, stdout + stderr
    assert stopped_in < 10, f"took {stopped_in:.1f} s to stop"
    assert "build interrupted (Ctrl-C)" in stdout
    assert "Traceback" not in stdout + stderr and "Error" not in stderr, stderr
    assert _wait_until_gone(mark, 5) == [], "no kernel may outlive the build"
    assert _outputs(out) == good, "an interrupted build publishes nothing"
    assert list(scratch.iterdir()) == [], "no temporary build folder is left"
    assert list(runtime.iterdir()) == [], "no kernel connection file is left"


def test_a_hanging_cell_is_stopped_by_the_per_cell_timeout(tmp_path, monkeypatch):
    sources, out, scratch = tmp_path / "src", tmp_path / "out", tmp_path / "tmp"
    sources.mkdir()
    scratch.mkdir()
    _hanging_notebook(sources / "09-probe.ipynb", tmp_path / "cell-started")
    good = _last_good_outputs(out)
    mark = f"boots-test-{uuid.uuid4().hex}"
    monkeypatch.setenv("BOOTS_TEST_MARK", mark)
    monkeypatch.setenv("BOOTS_CELL_TIMEOUT", "2")
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    # After a failed notebook the site step must not run (the folder's last good site stays,
    # never a partial one); a call to it is recorded, not run.
    rendered: list[build.Layout] = []
    monkeypatch.setattr(build, "render", lambda layout, *args, **kwargs: rendered.append(layout))
    layout = build.Layout.in_folder(out, config.DEFAULT_DATA_DIR, sources_dir=sources)
    messages: list[str] = []
    assert build.run(layout, log=messages.append) == 1
    assert rendered == [], "after a failed notebook the site is left as it was"
    report = "\n".join(messages)
    assert (
        "09-probe.ipynb: cell 3 did not finish within 2 s (the per-cell timeout; "
        "BOOTS_CELL_TIMEOUT=seconds changes it) and was stopped" in report
    ), report
    assert _wait_until_gone(mark, 5) == []
    assert _outputs(out) == good
    assert list(scratch.iterdir()) == []


def test_a_temporary_folder_too_deep_for_a_socket_still_runs_the_kernel(tmp_path, monkeypatch):
    """Where the temporary folder's path is too long for a local socket (a user's deep
    ``TMPDIR``: a Unix socket's path holds at most 107 bytes), the kernel is reached over
    TCP on the loopback instead, and the notebook runs; no temporary folder is left."""
    sources, out = tmp_path / "src", tmp_path / "out"
    scratch = tmp_path / ("deep-" * 12) / "tmp"
    sources.mkdir()
    scratch.mkdir(parents=True)
    socket = scratch / "boots-build-12345678" / "kernel"
    assert len(os.fsencode(socket)) > build.SOCKET_PATH_MAX  # the case under test
    assert build.kernel_address(socket.parent) == ("tcp", "127.0.0.1")
    assert build.kernel_address(Path("/tmp/boots-build-12345678")) == (
        "ipc",
        "/tmp/boots-build-12345678/kernel",
    )
    _probe_notebook(sources / "09-probe.ipynb", "does the kernel start?", "print(6 * 7)")
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    monkeypatch.setattr(build, "render", lambda layout, *args, **kwargs: False)
    layout = build.Layout.in_folder(out, config.DEFAULT_DATA_DIR, sources_dir=sources)
    messages: list[str] = []
    assert build.run(layout, log=messages.append) == 0, "\n".join(messages)
    executed = nbformat.read(out / "notebooks" / "09-probe.ipynb", as_version=4)
    assert executed.cells[1].outputs[0]["text"] == "42\n"
    assert list(scratch.iterdir()) == []
