"""Build the collection: execute stale notebooks in place, update figures, render the site.

``python -m boots.pipeline.build [--force] [--data DIR] [--jobs N]`` (``make``, ``make FORCE=1``,
``make DATA=...``).

* Incremental: a notebook is executed only when its inputs changed: its own cells, the
  code of the package modules it imports (not comments or docstrings), the data files it
  read when it last ran, or the pinned requirements (``boots.pipeline.fingerprint``). The
  fingerprint, the list of files read and the hashes of the figures the notebook wrote are
  kept in the notebook's metadata (``metadata.boots``), so a fresh clone knows what is
  current. The data folder is validated once per change of its files (a stamp under the
  build folder of that data folder, ``build/<folder name>/``).
* Safe: each notebook writes its figures into a staging folder; only when every cell has
  run are the figures moved into ``figures/`` and the executed notebook written over the
  old one (both atomically). A failing notebook is reported by name, cell and error, the
  build exits non-zero, and the previous notebook, figures and HTML stay as they were.
* Parallel: independent notebooks execute concurrently, one kernel each (``--jobs``,
  default: the number of cores, at most 2).
* ``--data DIR`` builds from another data folder into ``build/<folder name>/`` (notebooks,
  figures, site), leaving the committed outputs untouched.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from boots import skip_iri_grammar
from boots.pipeline.fingerprint import notebook_fingerprint
from boots.util import config
from boots.util.atomic import write_bytes, write_text
from boots.util.reads import recorded
from boots.util.words import counted

KERNEL = "python3"
CELL_TIMEOUT = 900
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
        """A separate output tree under ``build/`` for another data folder."""
        data_dir = data_dir.resolve()
        if data_dir == config.DEFAULT_DATA_DIR.resolve():
            return cls.default()
        return cls.in_folder(config.ROOT / "build" / data_dir.name, data_dir)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def data_fingerprint(data_dir: Path) -> str:
    """Hash of every file in the data folder (what validation checks)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(data_dir).as_posix()}\0".encode())
        digest.update(_sha256(path.read_bytes()).encode())
    return digest.hexdigest()


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


def is_current(notebook: dict, fingerprint: str | None, figures_dir: Path) -> bool:
    """Whether the stored outputs were produced from these inputs and are still on disk."""
    meta = notebook.get("metadata", {}).get(METADATA_KEY, {})
    if fingerprint is None or meta.get("inputs") != fingerprint:
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


def _failure(notebook, error: Exception) -> str:
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                count = cell.get("execution_count")
                return f"cell {number} (In [{count}]) raised {output['ename']}: {output['evalue']}"
    return f"{type(error).__name__}: {str(error).strip().splitlines()[-1] if str(error).strip() else ''}"


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
        client = NotebookClient(
            notebook,
            timeout=CELL_TIMEOUT,
            kernel_name=KERNEL,
            record_timing=False,
            resources={"metadata": {"path": str(target.parent)}},
        )
        # Talk to the kernel over local sockets in the staging folder, not TCP ports.
        client.km = client.create_kernel_manager()
        client.km.transport = "ipc"
        client.km.ip = str(Path(scratch) / "kernel")
        try:
            await client.async_execute(env=env)
        except Exception as error:  # any failure: report it, publish nothing
            outcome.error = _failure(notebook, error)
            outcome.seconds = time.perf_counter() - started
            return outcome
        produced = sorted(staging.iterdir())
        layout.figures_dir.mkdir(parents=True, exist_ok=True)
        for staged in produced:
            data = staged.read_bytes()
            outcome.figures[staged.name] = _sha256(data)
            destination = layout.figures_dir / staged.name
            if not destination.exists() or destination.read_bytes() != data:
                write_bytes(destination, data)
        for old in layout.figures_dir.glob(f"{prefix}*"):
            if old.name not in outcome.figures:
                old.unlink()
        reads = recorded(read_log)
    source = json.loads(path.read_text(encoding="utf-8"))
    notebook.metadata[METADATA_KEY] = {
        "inputs": notebook_fingerprint(source, layout.data_dir, reads),
        "reads": reads,
        "figures": outcome.figures,
    }
    write_text(target, nbformat.writes(notebook) + "\n")
    outcome.executed = True
    outcome.seconds = time.perf_counter() - started
    return outcome


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

    return await asyncio.gather(*(one(*job) for job in jobs_list))


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
        fingerprint = current_fingerprint(notebook, current, layout.data_dir)
        if not force and is_current(current, fingerprint, layout.figures_dir):
            outcomes.append(Outcome(target))
            continue
        todo.append((source, target))
    log(f"notebooks: {len(todo)} to execute, {len(sources) - len(todo)} up to date")
    if todo:
        jobs = jobs or min(2, os.cpu_count() or 1)
        outcomes += asyncio.run(_run_all(todo, jobs, layout, log))
    failed = [o for o in outcomes if o.error]
    for outcome in failed:
        log(f"error: {_shown(outcome.notebook)}: {outcome.error}")
    site_failed = render(layout, sources, log)
    verdict = (
        f"{counted(len(failed), 'notebook')} failed; previous outputs kept"
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


def render(layout: Layout, sources: list[Path], log=print) -> bool:
    """Render the site from the notebooks and tables; return whether it failed."""
    from boots.data import tables
    from boots.pipeline.pages import site_sources
    from boots.render.site import SiteError, build_site

    started = time.perf_counter()
    pages = site_sources(
        tables.load(layout.data_dir),
        [layout.notebooks_dir / s.name for s in sources],
        layout.figures_dir,
    )
    try:
        changed = build_site(pages, site_work_dir(layout), layout.site_dir)
    except SiteError as error:
        log(f"error: the site did not build; {_shown(layout.site_dir)} keeps its last version:")
        log(str(error))
        return True
    log(
        f"site: {len(changed)} file(s) updated in {_shown(layout.site_dir)} "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return False


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
    args = parser.parse_args(argv)
    if args.data and not args.data.is_dir():
        print(f"{args.data}: not a folder", file=sys.stderr)
        return 2
    layout = Layout.for_data(args.data) if args.data else Layout.default()
    return build(layout, force=args.force, jobs=args.jobs, log=lambda m: print(m, flush=True))


if __name__ == "__main__":
    sys.exit(main())
