"""A claim is computed, or it is checked (issue #20).

Every markdown cell of the notebooks is either a reviewed cell that states no fact about the
data (title, question, method, headings: listed by hash in ``fixtures/method_cells.json``) or
is not markdown at all: a typed paragraph about the data is a ``claims.say`` cell bound to a
predicate of ``boots.analysis.claims``. A new or edited markdown cell fails here, listed with
its first line, until it is reviewed (added to the list) or bound to a predicate.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from boots.analysis import claims, framing, spread, stance  # noqa: F401 (their predicates)
from boots.data import tables, validate
from boots.pipeline import variants
from boots.util import config

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))
METHOD_CELLS = Path(__file__).parent / "fixtures" / "method_cells.json"
SAID = claims.SAY_CALL


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def markdown_cells() -> dict[str, list[tuple[str, str]]]:
    """Notebook name -> (digest, first line) of each markdown cell."""
    return {
        path.name: [
            (_digest("".join(c["source"])), "".join(c["source"]).splitlines()[0])
            for c in _cells(path)
            if c["cell_type"] == "markdown"
        ]
        for path in NOTEBOOKS
    }


def claimed_names() -> list[str]:
    return [
        name
        for path in NOTEBOOKS
        for c in _cells(path)
        if c["cell_type"] == "code"
        for name in SAID.findall("".join(c["source"]))
    ]


def test_every_markdown_cell_is_reviewed_as_stating_no_fact():
    reviewed = json.loads(METHOD_CELLS.read_text(encoding="utf-8"))
    unreviewed = [
        f"{notebook}: {first}"
        for notebook, cells in markdown_cells().items()
        for digest, first in cells
        if digest not in reviewed.get(notebook, {})
    ]
    assert not unreviewed, (
        "markdown cells neither computed nor checked (bind a factual paragraph to a "
        "predicate with claims.say, or review the cell into tests/fixtures/method_cells.json):\n"
        + "\n".join(unreviewed)
    )


def test_every_claim_names_a_predicate_and_every_predicate_is_used():
    used = claimed_names()
    assert used, "the notebooks bind no typed paragraph to a check"
    assert set(used) <= set(claims.PREDICATES), set(used) - set(claims.PREDICATES)
    assert set(claims.PREDICATES) <= set(used), set(claims.PREDICATES) - set(used)
    for path in NOTEBOOKS:
        for c in _cells(path):
            if SAID.search("".join(c["source"])):
                assert "remove-input" in c["metadata"].get("tags", []), path.name


def test_every_claim_holds_on_the_project_data():
    evidence = tables.load(config.DEFAULT_DATA_DIR)
    assert [n for n in claims.PREDICATES if not claims.holds(evidence, n)] == []


def test_a_false_claim_on_the_project_data_fails_naming_it(monkeypatch):
    evidence = tables.load(config.DEFAULT_DATA_DIR)
    monkeypatch.setitem(claims.PREDICATES, "always_false", lambda ev: False)
    with pytest.raises(claims.ClaimFailed, match="always_false"):
        claims.say(evidence, "always_false", "A sentence.")


def test_claims_fail_where_the_data_says_otherwise(tmp_path):
    folder = variants.derive("no-french-speakers", tmp_path / "no-fr")
    evidence = tables.load(folder)
    assert not claims.holds(evidence, "france_alone_open")
    assert not claims.holds(evidence, "graph_nearly_star")
    flipped = tables.load(variants.derive("three-open", tmp_path / "open"))
    assert not claims.holds(flipped, "france_alone_open")
    assert claims.holds(flipped, "fico_before_remark")


def test_reliability_rows_of_statements_that_no_longer_exist_are_errors(tmp_path):
    folder = variants.derive("three-open", tmp_path / "folder")
    path = folder / "reliability" / "second_coding.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.startswith("tusk-no-plan,"))
    first = folder / "reliability" / "first_coding.csv"
    for target in (path, first):
        text = target.read_text(encoding="utf-8").replace("tusk-no-plan,", "tusk-gone,", 1)
        target.write_text(text, encoding="utf-8")
    problems = [
        p for p in validate.validate(folder).problems if p.expected.startswith("a statement_id of")
    ]
    assert {(p.file, p.column, p.value) for p in problems} == {
        ("reliability/second_coding.csv", "statement_id", "tusk-gone"),
        ("reliability/first_coding.csv", "statement_id", "tusk-gone"),
    }
    assert {p.line for p in problems if p.file.endswith("second_coding.csv")} == {row + 1}
    # The project's own codings keep two statements CHANGES.md records as removed: valid.
    assert validate.validate(config.DEFAULT_DATA_DIR).problems == []


def test_a_quotation_no_article_prints_makes_the_claim_fail(monkeypatch):
    evidence = tables.load(config.DEFAULT_DATA_DIR)
    assert claims.unprinted(evidence, 'Euronews says "with AP" and "no such words".') == [
        "no such words"
    ]
    assert claims.unprinted(evidence, 'AP has "probability ... inevitability".') == []
    monkeypatch.setitem(claims.PREDICATES, "always_true", lambda ev: True)
    with pytest.raises(claims.ClaimFailed, match="no such words"):
        claims.say(evidence, "always_true", 'A speaker said "no such words".')
