"""Valid folders derived from data/ build, and say nothing false (issue #20).

Each variant of ``boots.pipeline.variants`` is built as ``make DATA=`` builds it: exit 0, every
notebook page published, and every typed paragraph's check evaluated, the paragraph shown
exactly where its predicate holds on the variant. ``make test`` builds a few variants;
``make test-variants`` (``BOOTS_TEST_VARIANTS=all``, also run by ``.ci/run``) builds them all.
"""

from __future__ import annotations

import ast
import json
import os

import pytest

from boots.analysis import claims, framing, spread, stance  # noqa: F401 (their predicates)
from boots.data import tables, validate
from boots.pipeline import build, variants
from boots.util import config

pytestmark = pytest.mark.build  # each variant executes every notebook: `make check` leaves it out

QUICK = ["only-mind", "no-french-speakers"]
CHOSEN = list(variants.VARIANTS) if os.environ.get("BOOTS_TEST_VARIANTS") == "all" else QUICK


@pytest.mark.parametrize("name", CHOSEN)
def test_variant_builds_and_shows_only_true_paragraphs(name, tmp_path):
    folder = variants.derive(name, tmp_path / name)
    assert validate.validate(folder).problems == []
    layout = build.Layout.in_folder(tmp_path / "out", folder)
    assert build.build(layout, jobs=1, log=lambda m: None) == 0
    evidence = tables.load(folder)
    notebooks = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))
    for source in notebooks:
        assert (layout.site_dir / "notebooks" / f"{source.stem}.html").is_file(), source.name
        executed = json.loads((layout.notebooks_dir / source.name).read_text(encoding="utf-8"))
        said = [
            output
            for cell in executed["cells"]
            for output in cell.get("outputs", [])
            if claims.CLAIM_KEY in output.get("metadata", {})
        ]
        expected = _claimed(source)
        assert [o["metadata"][claims.CLAIM_KEY]["name"] for o in said] == [n for n, _ in expected]
        for output, (name, paragraph) in zip(said, expected, strict=True):
            meta = output["metadata"][claims.CLAIM_KEY]
            assert meta["holds"] == claims.true_of(evidence, name, paragraph), meta
            shown = "".join(output["data"]["text/markdown"])
            assert shown == (paragraph if meta["holds"] else claims.NOT_HERE), meta
    index = (layout.site_dir / "index.html").read_text(encoding="utf-8")
    for outlet in evidence.articles.outlet:
        assert outlet in index


def _claimed(source) -> list[tuple[str, str]]:
    """(claim, typed paragraph) of each ``claims.say`` cell of a notebook, in order."""
    calls = []
    for cell in json.loads(source.read_text(encoding="utf-8"))["cells"]:
        code = "".join(cell["source"])
        if cell["cell_type"] == "code" and claims.SAY_CALL.search(code):
            call = ast.parse(code).body[0].value
            calls.append((call.args[1].value, call.args[2].value))
    return calls
