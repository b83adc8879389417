"""Benchmark the build and the data stages (``make bench``): prints figures, asserts nothing.

In one run, each timing the median of ``--runs`` repetitions (sizes once each):

* full rebuild: ``python -m boots.pipeline.build --force`` on a copy of the data (so the
  committed outputs are not touched), every notebook executed and every page rendered;
* floor: the same notebooks' code cells run as plain Python in one process, no kernel;
* naive: ``jupyter nbconvert --to html --execute`` on each notebook in turn;
* no-op rebuild: the build again with nothing changed;
* ``make check`` (the inner loop) and ``make test`` (the whole test suite, as the README runs
  it), side by side with the forced rebuild and their goals (at most 1x and 3x of it);
* synthetic folders of ``--articles`` articles (``boots.pipeline.synthetic``): the data
  stages (validation, text reuse, counts) and, up to ``--build-up-to`` articles, the full
  build, each with the peak memory of its largest process;
* synthetic tables of ``--statements`` statements, built from scratch.

Then the ratios against their goals, and the growth exponent of each size series (the
slope of log time against log size: 1 is linear). Everything runs in temporary folders;
the figures are also written to ``build/bench.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from boots.pipeline import build
from boots.pipeline.synthetic import make_synthetic, make_synthetic_articles
from boots.util import config
from boots.util.atomic import write_text

PYTHON = sys.executable

FLOOR_SCRIPT = """
import json, os, sys, matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from IPython.display import display  # a builtin in a kernel, not in plain Python
for path in sys.argv[1:]:
    cells = json.load(open(path, encoding="utf-8"))["cells"]
    code = "\\n".join(
        "\\n".join(line for line in "".join(c["source"]).splitlines() if not line.lstrip().startswith("%"))
        for c in cells if c["cell_type"] == "code"
    )
    os.chdir(os.path.dirname(path))
    exec(compile(code, path, "exec"), {"__name__": "__main__", "display": display})
    plt.close("all")
"""


MEASURED = """
import resource, subprocess, sys, time
started = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stdout.write(result.stdout[-3000:])
sys.stderr.write(result.stderr[-3000:])
print(f"\\nBENCH {elapsed} {peak}")
sys.exit(result.returncode)
"""


def _measured(command: list[str], env: dict[str, str], cwd: Path | None = None):
    """Run ``command``; return (seconds, peak resident memory in MB of its largest process,
    its descendants included)."""
    result = subprocess.run(
        [PYTHON, "-c", MEASURED, *command], env=env, capture_output=True, text=True, cwd=cwd
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command[:4])}... failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )
    seconds, peak_kb = result.stdout.rsplit("BENCH ", 1)[1].split()
    return float(seconds), int(peak_kb) / 1024


def _timed(command: list[str], env: dict[str, str], cwd: Path | None = None) -> float:
    return _measured(command, env, cwd)[0]


def _env(figures_dir: Path, data_dir: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, BOOTS_FIGURES=str(figures_dir), PYTHONDONTWRITEBYTECODE="1")
    if data_dir:
        env["BOOTS_DATA"] = str(data_dir)
    return env


def data_stages(folder: Path) -> dict[str, float]:
    """The data stages a notebook build rests on, timed: validation, loading, text reuse
    (``reuse_pairs``) and the counts per outlet. Run in its own process by the benchmark."""
    from boots.analysis import reuse, sources
    from boots.data import tables
    from boots.data.validate import validate

    seconds = {}
    started = time.perf_counter()
    report = validate(folder)
    if not report.ok:
        raise SystemExit(f"{folder}: {report.summary()}")
    seconds["validate"] = time.perf_counter() - started
    started = time.perf_counter()
    ev = tables.load(folder)
    seconds["load"] = time.perf_counter() - started
    started = time.perf_counter()
    corpus = reuse.Corpus.of({a: ev.body(a) for a in ev.articles.article_id})
    reuse.reuse_pairs(corpus)
    seconds["reuse"] = time.perf_counter() - started
    started = time.perf_counter()
    sources.counts(ev)
    ev.mentions_in_full().groupby(["outlet", "stance"]).size()
    sources.coverage_matrix(ev)
    seconds["counts"] = time.perf_counter() - started
    return seconds


def _runs(name: str, command, env, runs: int, results: dict, log, cwd=None) -> None:
    results[name] = []
    for _ in range(runs):
        results[name].append(_timed(command, env, cwd))
        log(f"  {name}: {results[name][-1]:.2f} s")


def measure(
    runs: int,
    statement_sizes: list[int],
    article_sizes: list[int],
    build_up_to: int,
    with_tests: bool = True,
    log=print,
) -> tuple[dict[str, list[float]], dict[str, dict[str, float]]]:
    """Timings by measure (seconds, one per run) and the article series by size."""
    results: dict[str, list[float]] = {}
    series: dict[str, dict[str, float]] = {}
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
                _runs(name, command, env, runs, results, log)
            if with_tests:
                for target in ("check", "test"):
                    command = ["make", "--no-print-directory", target]
                    _runs(
                        f"make {target}", command, dict(os.environ), runs, results, log, config.ROOT
                    )
            results["naive (nbconvert --execute, one call each)"] = []
            html = scratch / "naive"
            for _ in range(runs):
                total = 0.0
                for notebook in notebooks:
                    command = [
                        *(PYTHON, "-m", "jupyter", "nbconvert", "--to", "html", "--execute"),
                        *(notebook, "--output-dir", str(html)),
                    ]
                    total += _timed(command, env)
                results["naive (nbconvert --execute, one call each)"].append(total)
                log(f"  naive: {total:.2f} s")
            for size in article_sizes:
                folder = make_synthetic_articles(size, scratch / f"articles-{size}")
                stage = [PYTHON, "-m", "boots.pipeline.speed_bench", "--stages", str(folder)]
                data_s, data_mb = _measured(stage, env)
                row = {"data_s": round(data_s, 2), "data_peak_mb": round(data_mb)}
                if size <= build_up_to:
                    command = [PYTHON, "-m", "boots.pipeline.build", "--data", str(folder)]
                    build_s, build_mb = _measured([*command, "--force"], env)
                    row.update(build_s=round(build_s, 2), build_peak_mb=round(build_mb))
                    shutil.rmtree(build.Layout.for_data(folder).notebooks_dir.parent)
                row["peak_mb"] = max(row.get("build_peak_mb", 0), row["data_peak_mb"])
                series[str(size)] = row
                shutil.rmtree(folder)
                log(f"  {size:,} articles: {row}")
            for size in statement_sizes:
                folder = make_synthetic(size, scratch / f"synthetic-{size}")
                name = f"synthetic {size:,} statements (first build)"
                command = [PYTHON, "-m", "boots.pipeline.build", "--data", str(folder), "--force"]
                results[name] = [_timed(command, env)]
                log(f"  {name}: {results[name][0]:.2f} s")
                shutil.rmtree(build.Layout.for_data(folder).notebooks_dir.parent)
        finally:
            shutil.rmtree(out.notebooks_dir.parent, ignore_errors=True)
    return results, series


def exponent(series: dict[str, dict[str, float]], key: str) -> float | None:
    """Slope of log(time) against log(size) over the sizes that have ``key`` (least squares)."""
    points = [(math.log(int(n)), math.log(row[key])) for n, row in series.items() if key in row]
    if len(points) < 2:
        return None
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points)
    return slope / sum((x - mean_x) ** 2 for x, _ in points)


# The test commands against a forced rebuild: `make check`, the inner loop, within one
# rebuild; `make test`, with its three build-sized checks, within three.
TEST_GOALS = {
    "check_over_rebuild": ("make check", 1.0),
    "test_over_rebuild": ("make test", 3.0),
}
GOALS = {
    "rebuild_over_floor": ("full rebuild / floor", 1.5, "at most"),
    **{
        key: (f"{name} / full rebuild", goal, "at most") for key, (name, goal) in TEST_GOALS.items()
    },
    "naive_over_rebuild": ("naive / full rebuild", 2.0, "at least"),
    "noop_s": ("no-op rebuild, s", 1.0, "at most"),
}


def summary(results: dict[str, list[float]], series: dict[str, dict[str, float]]) -> dict:
    """Everything the benchmark found, as written to ``build/bench.json``."""
    medians = {name: statistics.median(values) for name, values in results.items()}
    rebuild = medians.get("full rebuild")
    floor = medians.get("floor (plain Python, one process)")
    naive = medians.get("naive (nbconvert --execute, one call each)")
    tests = medians.get("make test")
    check = medians.get("make check")
    ratio = lambda a, b: round(a / b, 2) if a and b else None  # noqa: E731
    return {
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
        "medians_s": {name: round(value, 2) for name, value in medians.items()},
        "runs": {name: len(values) for name, values in results.items()},
        "rebuild_over_floor": ratio(rebuild, floor),
        "check_over_rebuild": ratio(check, rebuild),
        "test_over_rebuild": ratio(tests, rebuild),
        "naive_over_rebuild": ratio(naive, rebuild),
        "noop_s": round(medians["no-op rebuild"], 2) if "no-op rebuild" in medians else None,
        "articles": series,
        "articles_exponent": {
            key: round(value, 2)
            for key in ("data_s", "build_s")
            if (value := exponent(series, key)) is not None
        },
    }


def side_by_side(found: dict) -> list[str]:
    """The forced rebuild, `make check` and `make test`, each with its goal."""
    medians = found["medians_s"]
    if "full rebuild" not in medians:
        return []
    rebuild = medians["full rebuild"]
    lines = [
        f"{'':14} {'median s':>9} {'x rebuild':>10}  goal",
        f"{'full rebuild':14} {rebuild:9.2f} {1:10.2f}  (forced: every notebook and page)",
    ]
    for key, (name, goal) in TEST_GOALS.items():
        if name in medians:
            ratio = found[key]
            verdict = "met" if ratio <= goal else "MISSED"
            lines.append(
                f"{name:14} {medians[name]:9.2f} {ratio:10.2f}  at most {goal:g}x: {verdict}"
            )
    return [*lines, ""]


def report(found: dict) -> str:
    lines = [*side_by_side(found), f"{'measure':48} {'median s':>9} {'runs':>5}"]
    for name, value in found["medians_s"].items():
        lines.append(f"{name:48} {value:9.2f} {found['runs'][name]:5d}")
    for key, (label, goal, sense) in GOALS.items():
        value = found.get(key)
        if value is not None:
            met = value <= goal if sense == "at most" else value >= goal
            lines.append(
                f"{label:30} {value:7.2f}  goal {sense} {goal}: {'met' if met else 'MISSED'}"
            )
    if found["articles"]:
        lines.append(f"{'articles':>9} {'data s':>8} {'build s':>8} {'peak MB':>8}")
        for size, row in found["articles"].items():
            build_s = f"{row['build_s']:8.1f}" if "build_s" in row else f"{'-':>8}"
            lines.append(f"{int(size):9,} {row['data_s']:8.1f} {build_s} {row['peak_mb']:8,}")
        for key, value in found["articles_exponent"].items():
            lines.append(f"growth exponent of {key}: {value} (1 is linear)")
        goals = [
            ("1000", "build_s", 180, "full build of 1,000 articles"),
            ("10000", "data_s", 120, "data stages of 10,000 articles"),
        ]
        for size, key, limit, label in goals:
            row = found["articles"].get(size, {})
            if key in row:
                verdict = "met" if row[key] <= limit else "MISSED"
                lines.append(f"{label}: {row[key]:.1f} s, goal at most {limit} s: {verdict}")
        peak = max(row["peak_mb"] for row in found["articles"].values())
        lines.append(
            f"peak memory {peak:,} MB, goal under 4,096 MB: {'met' if peak < 4096 else 'MISSED'}"
        )
    return "\n".join(lines)


def _sizes(value: str) -> list[int]:
    return [int(s) for s in value.split(",") if s.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m boots.pipeline.speed_bench", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", default="100,1000,10000", help="synthetic article counts")
    parser.add_argument(
        "--build-up-to", type=int, default=1000, help="full builds only up to this many articles"
    )
    parser.add_argument(
        "--statements", default="", help="synthetic statement counts, e.g. 1000,10000"
    )
    parser.add_argument(
        "--no-tests", action="store_true", help="do not time `make check` and `make test`"
    )
    parser.add_argument("--stages", type=Path, help=argparse.SUPPRESS)  # one data-stage run
    parser.add_argument("--json", type=Path, default=config.ROOT / "build" / "bench.json")
    args = parser.parse_args(argv)
    if args.stages:
        print(json.dumps(data_stages(args.stages)))
        return 0
    print(
        f"benchmark: {len(build.notebooks_in(config.NOTEBOOKS_DIR))} notebooks, "
        f"{os.cpu_count()} cores, {args.runs} runs",
        flush=True,
    )
    results, series = measure(
        args.runs,
        _sizes(args.statements),
        _sizes(args.articles),
        args.build_up_to,
        with_tests=not args.no_tests,
        log=lambda m: print(m, flush=True),
    )
    found = summary(results, series)
    print(report(found))
    write_text(args.json, json.dumps(found, indent=1) + "\n")
    print(f"written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
