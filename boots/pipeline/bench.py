"""Benchmark the build (``make bench``): prints timings, asserts nothing.

In one run, each measured as the median of ``--runs`` repetitions (synthetic sizes once):

* full rebuild: ``python -m boots.pipeline.build --force`` on a copy of the data (so the committed
  outputs are not touched), every notebook executed and every page rendered;
* floor: the same notebooks' code cells run as plain Python in one process, no kernel;
* naive: ``jupyter nbconvert --to html --execute`` on each notebook in turn;
* no-op rebuild: the build again with nothing changed;
* synthetic tables of ``--sizes`` statements (``boots.pipeline.synthetic``), built from scratch.

Then the ratios rebuild/floor and naive/rebuild. Everything runs in temporary folders.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from boots.pipeline import build
from boots.pipeline.synthetic import make_synthetic
from boots.util import config

PYTHON = sys.executable

FLOOR_SCRIPT = """
import json, os, sys, matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
for path in sys.argv[1:]:
    cells = json.load(open(path, encoding="utf-8"))["cells"]
    code = "\\n".join(
        "\\n".join(line for line in "".join(c["source"]).splitlines() if not line.lstrip().startswith("%"))
        for c in cells if c["cell_type"] == "code"
    )
    os.chdir(os.path.dirname(path))
    exec(compile(code, path, "exec"), {"__name__": "__main__"})
    plt.close("all")
"""


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command[:4])}... failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )
    return elapsed


def _env(figures_dir: Path, data_dir: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, BOOTS_FIGURES=str(figures_dir), PYTHONDONTWRITEBYTECODE="1")
    if data_dir:
        env["BOOTS_DATA"] = str(data_dir)
    return env


def measure(runs: int, sizes: list[int], log=print) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    notebooks = [str(p) for p in build.notebooks_in(config.NOTEBOOKS_DIR)]
    with tempfile.TemporaryDirectory(prefix="boots-bench-") as scratch:
        scratch = Path(scratch)
        data = scratch / "bench-data"
        shutil.copytree(config.DEFAULT_DATA_DIR, data)
        figures_dir = scratch / "figures"
        figures_dir.mkdir()
        env = _env(figures_dir)
        builder = [PYTHON, "-m", "boots.pipeline.build", "--data", str(data)]
        out = build.Layout.for_data(data)
        try:
            _timed(builder, env)  # warm-up: validates once, as any first build does
            for name, command in [
                ("full rebuild", [*builder, "--force"]),
                ("floor (plain Python, one process)", [PYTHON, "-c", FLOOR_SCRIPT, *notebooks]),
                ("no-op rebuild", builder),
            ]:
                results[name] = []
                for _ in range(runs):
                    results[name].append(_timed(command, env))
                    log(f"  {name}: {results[name][-1]:.2f} s")
            results["naive (nbconvert --execute, one call each)"] = []
            html = scratch / "naive"
            for _ in range(runs):
                total = 0.0
                for notebook in notebooks:
                    command = [
                        PYTHON,
                        "-m",
                        "jupyter",
                        "nbconvert",
                        "--to",
                        "html",
                        "--execute",
                        notebook,
                        "--output-dir",
                        str(html),
                    ]
                    total += _timed(command, env)
                results["naive (nbconvert --execute, one call each)"].append(total)
                log(f"  naive: {total:.2f} s")
            for size in sizes:
                folder = make_synthetic(size, scratch / f"synthetic-{size}")
                name = f"synthetic {size:,} statements (first build)"
                results[name] = [
                    _timed(
                        [PYTHON, "-m", "boots.pipeline.build", "--data", str(folder), "--force"],
                        env,
                    )
                ]
                log(f"  {name}: {results[name][0]:.2f} s")
                shutil.rmtree(
                    build.Layout.for_data(folder).notebooks_dir.parent, ignore_errors=True
                )
        finally:
            shutil.rmtree(out.notebooks_dir.parent, ignore_errors=True)
    return results


def report(results: dict[str, list[float]]) -> str:
    lines = [f"{'measure':48} {'median s':>9} {'runs':>5}"]
    medians = {name: statistics.median(values) for name, values in results.items()}
    for name, values in results.items():
        lines.append(f"{name:48} {medians[name]:9.2f} {len(values):5d}")
    rebuild = medians.get("full rebuild")
    floor = medians.get("floor (plain Python, one process)")
    naive = medians.get("naive (nbconvert --execute, one call each)")
    if rebuild and floor:
        lines.append(f"rebuild / floor = {rebuild / floor:.2f}  (target: at most 1.5)")
    if rebuild and naive:
        lines.append(f"naive / rebuild = {naive / rebuild:.2f}  (target: at least 2)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m boots.pipeline.bench", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="synthetic table sizes, comma-separated ('' for none)",
    )
    parser.add_argument("--json", type=Path, help="also write the raw timings here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(
        f"benchmark: {len(build.notebooks_in(config.NOTEBOOKS_DIR))} notebooks, {os.cpu_count()} cores, {args.runs} runs",
        flush=True,
    )
    results = measure(args.runs, sizes, log=lambda m: print(m, flush=True))
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
