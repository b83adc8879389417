"""Committed notebooks are executed, current, and reproducible; the build fails safely."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path

import nbformat
import pytest

from boots.pipeline import build
from boots.util import config
from tests.helpers import snapshot

NOTEBOOKS = build.notebooks_in(config.NOTEBOOKS_DIR)


def code_cells(path: Path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [
        c for c in notebook["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()
    ]


def ends_with_expression(source: str) -> bool:
    lines = [line for line in source.splitlines() if not line.lstrip().startswith("%")]
    tree = ast.parse("\n".join(lines))
    return (
        bool(tree.body)
        and isinstance(tree.body[-1], ast.Expr)
        and not source.rstrip().endswith(";")
    )


def test_there_are_notebooks_starting_with_the_evidence():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00-the-evidence.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_is_fully_executed(path):
    cells = code_cells(path)
    counts = [c["execution_count"] for c in cells]
    assert None not in counts, f"{path.name}: unexecuted cells; run `make`"
    assert counts == list(range(1, len(cells) + 1)), (
        f"{path.name}: not run top to bottom in one kernel"
    )
    for number, cell in enumerate(cells, start=1):
        kinds = [o["output_type"] for o in cell["outputs"]]
        assert "error" not in kinds, f"{path.name}: code cell {number} holds an error"
        if ends_with_expression("".join(cell["source"])):
            assert cell["outputs"], (
                f"{path.name}: code cell {number} ends with an expression but has no output"
            )
        text = json.dumps(cell["outputs"])
        assert str(config.ROOT) not in text, (
            f"{path.name}: cell {number} output holds a machine-specific path"
        )


# What a merge tool leaves in a notebook: nbdime's record of a conflict, git's markers.
MERGE_LEFTOVERS = ("nbdime-conflicts", "local_diff", "remote_diff", "<<<<<<< ", ">>>>>>> ")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_holds_no_merge_leftovers(path):
    text = path.read_text(encoding="utf-8")
    found = [marker.strip() for marker in MERGE_LEFTOVERS if marker in text]
    assert not found, f"{path.name} holds what a merge left: {found}; resolve and re-run `make`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_outputs_come_from_the_current_inputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    expected = build.current_fingerprint(notebook, notebook, config.DEFAULT_DATA_DIR)
    meta = notebook["metadata"].get("boots", {})
    assert expected is not None, f"{path.name} has no record of the data it read; run `make`"
    assert meta.get("inputs") == expected, (
        f"{path.name} is stale: its data, code or cells changed since it ran; run `make`"
    )
    assert build.is_current(notebook, expected, config.DEFAULT_FIGURES_DIR), (
        f"{path.name}: its figures changed; run `make`"
    )


def test_every_figure_has_its_data_and_both_formats():
    pngs = sorted(config.DEFAULT_FIGURES_DIR.glob("*.png"))
    assert pngs
    for png in pngs:
        assert png.with_suffix(".svg").is_file() and png.with_suffix(".csv").is_file(), png.name
    recorded = set()
    for path in NOTEBOOKS:
        recorded |= set(json.loads(path.read_text())["metadata"]["boots"]["figures"])
    on_disk = {p.name for p in config.DEFAULT_FIGURES_DIR.iterdir() if p.is_file()}
    assert on_disk == recorded, "figures/ holds files no notebook wrote, or misses some"


# Writes its "figure" files the way figures.save does (into $BOOTS_FIGURES), without
# importing the plotting stack, so the probe's kernels start fast.
BROKEN_SOURCE = """
import os, pathlib
folder = pathlib.Path(os.environ["BOOTS_FIGURES"])
(folder / "09-probe.png").write_bytes(b"png VALUE")
(folder / "09-probe.csv").write_text("y\\nVALUE\\n")
"""


def _probe_notebook(path: Path, value: str, fail: bool) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.cells = [
        nbformat.v4.new_markdown_cell(
            "# 09 · probe\n\n**Question:** does a failure keep the last good outputs?"
        ),
        nbformat.v4.new_code_cell(BROKEN_SOURCE.replace("VALUE", value)),
    ]
    if fail:
        notebook.cells.append(nbformat.v4.new_code_cell("raise ValueError('deliberately broken')"))
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell{number}"
    nbformat.write(notebook, path)


def outputs(folder: Path) -> dict[str, str]:
    """What a build publishes (figures, notebooks, site), not its working files."""
    return {
        name: digest
        for name, digest in snapshot(folder).items()
        if name.split("/")[0] in {"figures", "notebooks", "site"}
    }


@pytest.mark.build
def test_builds_are_incremental_and_a_failure_keeps_the_last_good_outputs(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    committed = snapshot(config.DEFAULT_FIGURES_DIR)
    layout = build.Layout.in_folder(tmp_path / "out", config.DEFAULT_DATA_DIR, sources_dir=sources)
    _probe_notebook(sources / "09-probe.ipynb", "2", fail=False)
    assert build.build(layout, log=lambda _: None) == 0
    good = outputs(tmp_path / "out")
    assert {
        "figures/09-probe.png",
        "figures/09-probe.csv",
        "notebooks/09-probe.ipynb",
        "site/notebooks/09-probe.html",
    } <= set(good)

    messages: list[str] = []
    assert build.build(layout, log=messages.append) == 0
    assert "notebooks: 0 to execute, 1 up to date" in messages, "nothing changed: nothing runs"

    _probe_notebook(sources / "09-probe.ipynb", "3", fail=True)
    messages.clear()
    assert build.build(layout, log=messages.append) == 1
    report = "\n".join(messages)
    assert "09-probe.ipynb: cell 3 (In [2]) raised ValueError: deliberately broken" in report
    assert outputs(tmp_path / "out") == good, "the failed run must leave the last good outputs"
    assert snapshot(config.DEFAULT_FIGURES_DIR) == committed, (
        "a build elsewhere never touches figures/"
    )


def test_nbval_kernels_start_outside_the_project(pytestconfig):
    """nbval re-executes every notebook in a kernel started in an unrelated temporary folder
    (root conftest.py), so its stored outputs and byte-identical figures also prove that the
    notebooks run from any working directory."""
    import nbval.plugin

    folder = os.environ["BOOTS_KERNEL_CWD"]
    assert nbval.plugin.RunningKernel.__init__.__name__ == "started_elsewhere"
    assert not Path(folder).resolve().is_relative_to(config.ROOT)


def _identifiers() -> dict[str, set[str]]:
    """Every id of the curated tables, by table, read from the CSV files."""
    import csv

    columns = {
        "statements": "statement_id",
        "speakers": "speaker_id",
        "articles": "article_id",
        "mentions": "mention_id",
    }
    found = {}
    for table, column in columns.items():
        path = config.DEFAULT_DATA_DIR / f"{table}.csv"
        with path.open(encoding="utf-8-sig", newline="") as stream:
            found[table] = {row[column] for row in csv.DictReader(stream)}
    return found


def typed_ids(notebook: dict) -> list[str]:
    """Ids typed in the notebook's cells, as 'cell N: table id'. Code cells are searched
    for every kind of id; markdown cells for statement and mention ids (speaker and article
    ids such as 'mind' may be words of the prose)."""
    import re

    identifiers = _identifiers()
    found = []
    for number, cell in enumerate(notebook["cells"], start=1):
        source = "".join(cell["source"])
        kinds = (
            identifiers
            if cell["cell_type"] == "code"
            else {k: identifiers[k] for k in ("statements", "mentions")}
        )
        for table, ids in kinds.items():
            found += [
                f"cell {number}: {table} {i}"
                for i in sorted(ids)
                if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", source)
            ]
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_id_is_typed_in_a_notebook(path):
    """Notebooks choose statements, speakers and articles by rule in the package (the
    analyses' ``*_facts``), never by an id typed in a cell."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert typed_ids(notebook) == [], f"{path.name} types ids"


def test_the_id_guard_finds_typed_ids():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell('peskov = drift[drift.statement == "peskov-inevitability"]'),
        nbformat.v4.new_code_cell("show(framing.printed_errors(ev))  # from voi and macron"),
        nbformat.v4.new_markdown_cell("Keep in mind `m001`; VOI and Macron are names."),
    ]
    assert typed_ids(notebook) == [
        "cell 1: statements peskov-inevitability",
        "cell 1: speakers peskov",  # a variable named for the speaker it assumes
        "cell 2: speakers macron",
        "cell 2: articles voi",
        "cell 3: mentions m001",
    ]
