"""Build the collection: execute stale notebooks in place, update figures, render the site.

``python -m boots.pipeline.build [--force] [--data DIR] [--jobs N]`` (``make``, ``make FORCE=1``,
``make DATA=...``).

* Incremental: a notebook is executed only when its inputs changed: its own cells, the
  code of the package modules it imports (not comments or docstrings), the data files it
  read when it last ran, or the pinned requirements (``boots.pipeline.fingerprint``). The
  fingerprint, the list of files read and the hashes of the figures the notebook wrote are
  kept in the notebook's metadata (``metadata.boots``), so a fresh clone knows what is
  current. The data folder is validated once per change of its files (a stamp under the
  build folder of that data folder, ``build/<folder name>-<hash>/``). The site is re-rendered only
  when its inputs changed (``site_inputs``: data, notebooks, figures, page code), so a
  build with nothing changed reads and hashes files and imports neither pandas nor Sphinx.
* Safe: each notebook writes its figures into a staging folder; only when every cell has
  run are the figures moved into ``figures/`` and the executed notebook written over the
  old one (both atomically). A failing notebook is reported by name, cell and error, the
  build exits non-zero, and the previous notebook, figures and HTML stay as they were.
* Parallel: independent notebooks execute concurrently, one kernel each (``--jobs``,
  default: the number of cores, at most 2).
* ``--data DIR`` builds from another data folder into ``build/<folder name>-<hash>/`` (notebooks,
  figures, site), leaving the committed outputs untouched.
* Interruptible: Ctrl-C stops the build within seconds with one line saying so (exit status
  130, no traceback): running kernels are killed, their staging folders and connection files
  removed, and nothing is published, so the last good notebooks, figures and pages stay.
* Bounded: a cell that runs longer than the per-cell timeout (``--cell-timeout``,
  ``$BOOTS_CELL_TIMEOUT``, default 900 s) stops its notebook, which is reported as failed
  with the cell's number.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import fcntl
import hashlib
import json
import os
import re
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from boots import skip_iri_grammar
from boots.data.problems import printable
from boots.pipeline import fingerprint
from boots.pipeline.fingerprint import notebook_fingerprint
from boots.util import config
from boots.util.atomic import write_all, write_text
from boots.util.reads import recorded
from boots.util.words import counted

KERNEL = "python3"
CELL_TIMEOUT = 900
INTERRUPTED = 130  # the exit status of a program stopped by SIGINT


def cell_timeout() -> int:
    """Seconds a cell may run: ``$BOOTS_CELL_TIMEOUT`` or ``CELL_TIMEOUT``."""
    value = os.environ.get("BOOTS_CELL_TIMEOUT", "").strip()
    return int(value) if value.isascii() and value.isdigit() and int(value) > 0 else CELL_TIMEOUT


METADATA_KEY = "boots"


@dataclass(frozen=True)
class Layout:
    """Where a build reads and writes."""

    data_dir: Path
    notebooks_dir: Path
    figures_dir: Path
    site_dir: Path
    sources_dir: Path = config.NOTEBOOKS_DIR
    stamps_dir: Path = config.ROOT / "build" / "data" / ".stamps"

    @classmethod
    def default(cls) -> Layout:
        return cls(
            config.DEFAULT_DATA_DIR,
            config.NOTEBOOKS_DIR,
            config.DEFAULT_FIGURES_DIR,
            config.SITE_DIR,
        )

    @classmethod
    def in_folder(cls, folder: Path, data_dir: Path, sources_dir: Path | None = None) -> Layout:
        """Everything under ``folder`` (tests use this with temporary folders)."""
        folder = Path(folder)
        return cls(
            Path(data_dir),
            folder / "notebooks",
            folder / "figures",
            folder / "site",
            Path(sources_dir or config.NOTEBOOKS_DIR),
            folder / ".stamps",
        )

    @classmethod
    def for_data(cls, data_dir: Path) -> Layout:
        """A separate output tree under ``build/`` for another data folder, keyed by the
        folder's resolved path (``output_name``): ``a/data`` and ``b/data`` never share it."""
        data_dir = data_dir.resolve()
        if data_dir == config.DEFAULT_DATA_DIR.resolve():
            return cls.default()
        return cls.in_folder(config.ROOT / "build" / output_name(data_dir), data_dir)


def output_name(data_dir: Path) -> str:
    """``<folder name>-<8 hex digits of its resolved path's SHA-256>``: readable, and one
    output folder per data folder."""
    resolved = Path(data_dir).resolve()
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", resolved.name).strip("._-") or "data"
    key = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:8]
    return f"{readable[:40]}-{key}"


class Busy(Exception):
    """Another build of the same outputs is running."""


@contextlib.contextmanager
def output_lock(layout: Layout):
    """Hold the lock of ``layout``'s outputs for one build (``Busy`` if another holds it).
    An advisory ``flock``: the kernel releases it when a build ends, even killed."""
    path = layout.stamps_dir / "build.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(_shown(layout.notebooks_dir.parent)) from None
        yield
    finally:
        os.close(handle)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def data_fingerprint(data_dir: Path) -> str:
    """Hash of the files the schema names (``boots.data.folder.digest``), read confined and
    capped as validation reads them; nothing else in the folder is opened or listed."""
    from boots.data import folder

    return folder.digest(data_dir)


def current_fingerprint(source: dict, built: dict, data_dir: Path) -> str | None:
    """The fingerprint of the source notebook's inputs as they are now, given what its
    built version read when it ran (None if that is unknown: it must run)."""
    reads = built.get("metadata", {}).get(METADATA_KEY, {}).get("reads")
    return notebook_fingerprint(source, data_dir, reads)


@dataclass
class Outcome:
    notebook: Path
    executed: bool = False
    seconds: float = 0.0
    error: str | None = None
    figures: dict[str, str] = field(default_factory=dict)


def is_current(notebook: dict, inputs: str | None, figures_dir: Path) -> bool:
    """Whether the stored outputs were produced from these inputs and are still on disk."""
    meta = notebook.get("metadata", {}).get(METADATA_KEY, {})
    if inputs is None or meta.get("inputs") != inputs:
        return False
    for name, digest in meta.get("figures", {}).items():
        path = figures_dir / name
        if not path.is_file() or _sha256(path.read_bytes()) != digest:
            return False
    return all(
        cell.get("execution_count") is not None
        for cell in notebook["cells"]
        if cell["cell_type"] == "code" and "".join(cell["source"]).strip()
    )


def _failure(notebook, error: Exception, running: int | None, timeout: int) -> str:
    from nbclient.exceptions import CellTimeoutError

    if isinstance(error, CellTimeoutError | TimeoutError):
        where = f"cell {running + 1}" if running is not None else "a cell"
        return (
            f"{where} did not finish within {timeout} s (the per-cell timeout; "
            "BOOTS_CELL_TIMEOUT=seconds changes it) and was stopped"
        )
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                count = cell.get("execution_count")
                return f"cell {number} (In [{count}]) raised {output['ename']}: {output['evalue']}"
    return f"{type(error).__name__}: {str(error).strip().splitlines()[-1] if str(error).strip() else ''}"


# A Unix socket's path holds at most 107 bytes on Linux and 103 on macOS; the kernel's
# sockets add "-<port>" (a digit or two) to the name given.
SOCKET_PATH_MAX = 100


def kernel_address(scratch: Path) -> tuple[str, str]:
    """(transport, ip) for a kernel whose connection files live in ``scratch``: local
    sockets in ``scratch`` when their path fits, else TCP on the loopback (a long temporary
    folder, such as a user's deep ``TMPDIR``, would make the socket's path too long)."""
    socket = str(scratch / "kernel")
    if len(os.fsencode(socket)) <= SOCKET_PATH_MAX:
        return "ipc", socket
    return "tcp", "127.0.0.1"


async def execute(path: Path, target: Path, layout: Layout) -> Outcome:
    """Execute one notebook; on success publish its figures, then the notebook itself."""
    skip_iri_grammar()
    import nbformat
    from nbclient import NotebookClient

    outcome = Outcome(target)
    started = time.perf_counter()
    notebook = nbformat.read(path, as_version=4)
    prefix = target.name.split("-", 1)[0] + "-"
    with tempfile.TemporaryDirectory(prefix="boots-build-") as scratch:
        staging = Path(scratch) / "figures"
        staging.mkdir()
        read_log = Path(scratch) / "reads.log"
        env = dict(
            os.environ,
            BOOTS_DATA=str(layout.data_dir),
            BOOTS_FIGURES=staging,
            BOOTS_READ_LOG=str(read_log),
            MPLBACKEND="module://matplotlib_inline.backend_inline",
        )
        env.pop("JPY_PARENT_PID", None)
        timeout = cell_timeout()
        running: list[int] = []
        client = NotebookClient(
            notebook,
            timeout=timeout,
            kernel_name=KERNEL,
            record_timing=False,
            shutdown_kernel="immediate",
            on_cell_start=lambda cell, cell_index: running.append(cell_index),
            resources={"metadata": {"path": str(target.parent)}},
        )
        # Keep the kernel's connection file in the staging folder, and talk to it over local
        # sockets there where their path is short enough (else TCP on the loopback), so
        # removing the folder leaves nothing behind.
        client.km = client.create_kernel_manager()
        client.km.transport, client.km.ip = kernel_address(Path(scratch))
        client.km.connection_file = str(Path(scratch) / "kernel.json")
        manager = client.km
        try:
            await client.async_execute(env=env)
            await asyncio.sleep(0)  # a Ctrl-C that arrived during the last cell lands here
        except Exception as error:  # any failure: report it, publish nothing
            if getattr(asyncio.get_running_loop(), "interrupted", False):
                raise asyncio.CancelledError from None  # Ctrl-C, not a failure
            outcome.error = _failure(notebook, error, running[-1] if running else None, timeout)
            outcome.seconds = time.perf_counter() - started
            return outcome
        finally:  # also on Ctrl-C (cancellation): no kernel outlives its notebook
            await _kill(manager)
        produced = sorted(staging.iterdir())
        publish: dict[Path, bytes] = {}
        for staged in produced:
            data = staged.read_bytes()
            outcome.figures[staged.name] = _sha256(data)
            destination = layout.figures_dir / staged.name
            if not destination.exists() or destination.read_bytes() != data:
                publish[destination] = data
        stale = tuple(
            old
            for old in sorted(layout.figures_dir.glob(f"{prefix}*"))
            if old.name not in outcome.figures
        )
        reads = recorded(read_log)
    source = json.loads(path.read_text(encoding="utf-8"))
    notebook.metadata[METADATA_KEY] = {
        "inputs": notebook_fingerprint(source, layout.data_dir, reads),
        "reads": reads,
        "figures": outcome.figures,
    }
    # The figures and the notebook together, or nothing (a full disk keeps the old ones).
    publish[target] = (nbformat.writes(notebook) + "\n").encode("utf-8")
    write_all(publish, remove=stale)
    outcome.executed = True
    outcome.seconds = time.perf_counter() - started
    return outcome


async def _kill(manager) -> None:
    """Stop a kernel at once if nbclient has not already (shielded from cancellation)."""

    async def kill() -> None:
        try:
            if manager.has_kernel:
                await manager.shutdown_kernel(now=True)
        except Exception:  # already gone
            pass
        finally:
            cleanup = manager.cleanup_resources()
            if asyncio.iscoroutine(cleanup):
                await cleanup

    await asyncio.shield(kill())


async def _run_all(jobs_list, jobs: int, layout: Layout, log) -> list[Outcome]:
    semaphore = asyncio.Semaphore(jobs)
    started = time.perf_counter()

    async def one(path: Path, target: Path) -> Outcome:
        async with semaphore:
            log(f"  executing {target.name} ...")
            outcome = await execute(path, target, layout)
            status = "ok" if outcome.error is None else "FAILED"
            log(
                f"  {status:6} {target.name} in {outcome.seconds:.1f} s (elapsed {time.perf_counter() - started:.1f} s)"
            )
            return outcome

    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(one(*job)) for job in jobs_list]
    if isinstance(loop, _BuildLoop):
        loop.on_interrupt = lambda: [task.cancel() for task in tasks]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    if getattr(loop, "interrupted", False):
        raise KeyboardInterrupt
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


class _BuildLoop(asyncio.SelectorEventLoop):
    """The build's event loop: Ctrl-C cancels every notebook (each kills its kernel) and
    marks the build interrupted.

    nbclient installs, for each kernel it starts, a SIGINT handler of its own on the running
    loop and removes it when that kernel is done, which would leave the signal unhandled
    between kernels and report an interrupt as a dead kernel. This loop keeps one handler
    for the whole build instead, and ignores the ones nbclient asks for.
    """

    def __init__(self) -> None:
        super().__init__()
        self.interrupted = False
        self.on_interrupt = lambda: None
        super().add_signal_handler(signal.SIGINT, self._interrupt)

    def _interrupt(self) -> None:
        self.interrupted = True
        self.on_interrupt()

    def add_signal_handler(self, sig, callback, *args) -> None:
        if sig != signal.SIGINT:
            super().add_signal_handler(sig, callback, *args)

    def remove_signal_handler(self, sig) -> bool:
        return sig != signal.SIGINT and super().remove_signal_handler(sig)

    def close(self) -> None:  # give Ctrl-C back to Python (KeyboardInterrupt) after the run
        if not self.is_closed():
            super().remove_signal_handler(signal.SIGINT)
        super().close()


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(config.ROOT).as_posix()
    except ValueError:
        return str(path)


def notebooks_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))


def build(layout: Layout, force: bool = False, jobs: int | None = None, log=print) -> int:
    """Run the build; return the process exit code."""
    started = time.perf_counter()
    data_state = data_fingerprint(layout.data_dir)
    stamp = layout.stamps_dir / "validated"
    if not (stamp.is_file() and stamp.read_text() == data_state):
        from boots.data.validate import validate

        report = validate(layout.data_dir)
        if not report.ok:
            for problem in report.problems:
                log(str(problem))
            log(
                f"build stopped: {counted(len(report.problems), 'data problem')}; nothing was executed"
            )
            return 1
        log(report.summary())
        write_text(stamp, data_state)
    sources = notebooks_in(layout.sources_dir)
    if not sources:
        log("no notebooks to build")
        return 1
    layout.notebooks_dir.mkdir(parents=True, exist_ok=True)
    todo, outcomes = [], []
    for source in sources:
        target = layout.notebooks_dir / source.name
        notebook = json.loads(source.read_text(encoding="utf-8"))
        current = json.loads(target.read_text(encoding="utf-8")) if target.exists() else notebook
        inputs = current_fingerprint(notebook, current, layout.data_dir)
        if not force and is_current(current, inputs, layout.figures_dir):
            outcomes.append(Outcome(target))
            continue
        todo.append((source, target))
    log(f"notebooks: {len(todo)} to execute, {len(sources) - len(todo)} up to date")
    if todo:
        jobs = jobs or min(2, os.cpu_count() or 1)
        with asyncio.Runner(loop_factory=_BuildLoop) as runner:
            outcomes += runner.run(_run_all(todo, jobs, layout, log))
    failed = [o for o in outcomes if o.error]
    for outcome in failed:
        log(f"error: {_shown(outcome.notebook)}: {outcome.error}")
    # A failed notebook would leave the site partial (its page missing or stale): the
    # folder's last good site stays as it is.
    site_failed = False if failed else render(layout, sources, log, data_state, fresh=force)
    if todo and not failed and layout == Layout.default():
        from boots.pipeline import readme  # only after an execution: a no-op build stays light

        if readme.update(notebooks_in(layout.notebooks_dir)):
            log("README.md: its findings rewritten from the notebooks")
    fingerprint.save_cache()
    verdict = (
        f"{counted(len(failed), 'notebook')} failed; previous outputs and site kept"
        if failed
        else "failed: site not updated"
        if site_failed
        else "done"
    )
    log(f"build {verdict} in {time.perf_counter() - started:.1f} s")
    return 1 if failed or site_failed else 0


def site_work_dir(layout: Layout) -> Path:
    """Where Sphinx keeps its sources, cache and output between builds of ``layout``."""
    if layout.site_dir.resolve() == config.SITE_DIR.resolve():
        return config.ROOT / "build" / "site-work"
    return layout.site_dir.parent / "site-work"


# The modules that make the site's pages; their code is part of the site's inputs.
SITE_MODULES = {
    "boots.pipeline.pages",
    "boots.render.site",
    "boots.render.sphinx_guard",
    "boots.render.sphinx_links",
}


def site_inputs(layout: Layout, sources: list[Path], data_state: str | None = None) -> str:
    """Hash of everything the site is made from: the data folder, the executed notebooks,
    the figures, the documentation pages, the code of the page-making modules (as the
    notebooks' fingerprints count code) and the pinned requirements."""
    digest = hashlib.sha256()
    digest.update((data_state or data_fingerprint(layout.data_dir)).encode())
    for source in sources:
        path = layout.notebooks_dir / source.name
        content = _sha256(path.read_bytes()) if path.is_file() else "missing"
        digest.update(f"notebook\0{source.name}\0{content}\0".encode())
    if layout.figures_dir.is_dir():
        for path in sorted(layout.figures_dir.iterdir()):
            if path.is_file():
                digest.update(f"figure\0{path.name}\0{_sha256(path.read_bytes())}\0".encode())
    for path in sorted(config.DOCS_DIR.glob("*.md")):
        digest.update(f"doc\0{path.name}\0{_sha256(path.read_bytes())}\0".encode())
    for name in fingerprint.closure(SITE_MODULES):
        digest.update(f"code\0{name}\0{fingerprint.code_digest(name)}\0".encode())
    digest.update(_sha256((config.ROOT / "requirements.txt").read_bytes()).encode())
    return digest.hexdigest()


def render(
    layout: Layout,
    sources: list[Path],
    log=print,
    data_state: str | None = None,
    fresh: bool = False,
) -> bool:
    """Render the site from the notebooks and tables; return whether it failed.

    When none of the site's inputs (``site_inputs``) changed since the last good build and
    the site is still there, nothing is generated: pandas, the pages and Sphinx are not even
    imported, which keeps a no-op build fast. ``fresh`` (``--force``) renders every page
    from scratch."""
    started = time.perf_counter()
    inputs = site_inputs(layout, sources, data_state)
    stamp = site_work_dir(layout) / "inputs.sha256"
    if (
        not fresh
        and stamp.is_file()
        and stamp.read_text(encoding="utf-8") == inputs
        and (layout.site_dir / "index.html").is_file()
    ):
        log(f"site: up to date in {_shown(layout.site_dir)}")
        return False

    from boots.data import tables
    from boots.pipeline.pages import site_sources
    from boots.render.site import SiteError, build_site

    pages = site_sources(
        tables.load(layout.data_dir),
        [layout.notebooks_dir / s.name for s in sources],
        layout.figures_dir,
    )
    try:
        changed = build_site(pages, site_work_dir(layout), layout.site_dir, fresh=fresh)
    except SiteError as error:
        log(f"error: the site did not build; {_shown(layout.site_dir)} keeps its last version:")
        log(str(error))
        return True
    write_text(stamp, inputs)
    log(
        f"site: {len(changed)} file(s) updated in {_shown(layout.site_dir)} "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return False


def run(layout: Layout, force: bool = False, jobs: int | None = None, log=print) -> int:
    """``build`` under the outputs' lock, stopping cleanly on Ctrl-C (one line, exit status
    130), on another build of the same outputs, and on a disk that is full or read-only (one
    line naming the file): the last good outputs are kept in every case."""
    try:
        with output_lock(layout):
            return build(layout, force=force, jobs=jobs, log=log)
    except KeyboardInterrupt:
        log("build interrupted (Ctrl-C): kernels stopped; the last good outputs are kept")
        return INTERRUPTED
    except Busy as busy:
        log(f"build not started: another build of {busy} is running; wait for it to end")
        return 1
    except OSError as error:
        where = f" at {printable(os.fsdecode(error.filename))}" if error.filename else ""
        log(
            f"build stopped{where}: {error.strerror or error} (a full disk or a read-only "
            "folder?); nothing half-written was published, the last good outputs are kept"
        )
        return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m boots.pipeline.build", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--force", action="store_true", help="execute every notebook")
    parser.add_argument(
        "--data", type=Path, help="build from another data folder into build/<name>/"
    )
    parser.add_argument(
        "--jobs", type=int, help="notebooks executed at once (default: cores, max 2)"
    )
    parser.add_argument(
        "--cell-timeout",
        type=int,
        help=f"seconds a cell may run (default: $BOOTS_CELL_TIMEOUT or {CELL_TIMEOUT})",
    )
    args = parser.parse_args(argv)
    if args.cell_timeout:
        os.environ["BOOTS_CELL_TIMEOUT"] = str(args.cell_timeout)
    try:
        is_folder = args.data is None or args.data.is_dir()
    except (OSError, ValueError):
        is_folder = False
    if not is_folder:
        print(printable(f"{str(args.data)!r}: not a folder"), file=sys.stderr)
        return 2
    layout = Layout.for_data(args.data) if args.data else Layout.default()
    return run(layout, force=args.force, jobs=args.jobs, log=lambda m: print(m, flush=True))


if __name__ == "__main__":
    sys.exit(main())
