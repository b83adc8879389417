"""The data dictionary and the codebook cannot drift from the schema."""

import re

from boots.data.dictionary import main as dictionary_main
from boots.data.dictionary import render
from boots.data.schema import resources
from boots.util import config

DATA = config.DEFAULT_DATA_DIR


def test_data_dictionary_is_generated_from_the_schema():
    assert (DATA / "README.md").read_text(encoding="utf-8") == render()
    assert dictionary_main(["--check"]) == 0


def test_data_dictionary_lists_exactly_the_columns_of_each_csv():
    dictionary = (DATA / "README.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", dictionary, flags=re.M)[1:]
    for resource, section in zip(resources().values(), sections, strict=True):
        header = (DATA / resource.path).read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        listed = re.findall(r"^\| `([a-z0-9_]+)` \|", section, flags=re.M)
        assert listed == header, resource.path


def test_codebook_explains_every_column_and_every_code():
    codebook = (DATA / "CODEBOOK.md").read_text(encoding="utf-8")
    quoted = set(re.findall(r"`([^`]+)`", codebook))
    for resource in resources().values():
        for field in resource.fields:
            assert field.name in quoted, f"{resource.path}: column {field.name} not in the codebook"
            for code in field.enum:
                assert code in quoted, (
                    f"{resource.path}: code {code} of {field.name} not in the codebook"
                )


def test_the_docs_state_the_limits_the_code_applies():
    """The codebook's date window and cell length, and the cell timeout in docs/validation.md, are the
    values validation and the build use (one home each: the code; the docs are checked)."""
    from boots.data import cells, patterns
    from boots.pipeline import build

    codebook = (DATA / "CODEBOOK.md").read_text(encoding="utf-8")
    first, last = cells.DATE_WINDOW
    assert re.search(rf"between {first}\b[^.]*\band {last}\b", codebook, flags=re.S)
    assert f"at most {cells.MAX_CELL_CHARS} characters" in codebook
    assert f"more than {patterns.MAX_PATTERN_CHARS} characters" in codebook
    validation = (config.DOCS_DIR / "validation.md").read_text(encoding="utf-8")
    assert f"per-cell timeout ({build.CELL_TIMEOUT} s" in validation


def test_the_readme_states_the_findings_the_committed_notebooks_computed():
    """The README's "What the collection finds" is the notebooks' findings, copied by the
    build, never typed: one line per notebook, each its stored finding."""
    from boots.pipeline import readme
    from boots.pipeline.build import notebooks_in

    notebooks = notebooks_in(config.NOTEBOOKS_DIR)
    block = readme.findings_block(notebooks)
    assert block.count("\n- **[") == len(notebooks)
    text = (config.ROOT / "README.md").read_text(encoding="utf-8")
    assert block in text, (
        "README findings are stale: run `make` (or python -m boots.pipeline.readme)"
    )


def test_findings_reach_the_readme_as_literal_text(tmp_path):
    """A finding is data: any Markdown it holds is escaped, so it shows as typed."""
    import json

    from boots.pipeline import readme
    from boots.render.report import FINDING_KEY

    cell = {
        "cell_type": "code",
        "source": "",
        "outputs": [{"metadata": {FINDING_KEY: {"text": "[x](javascript:1) <b>*y*</b>"}}}],
    }
    notebook = tmp_path / "00-a.ipynb"
    notebook.write_text(
        json.dumps({"cells": [{"cell_type": "markdown", "source": "# T_1"}, cell]}),
        encoding="utf-8",
    )
    target = tmp_path / "README.md"
    target.write_text(f"intro\n{readme.START}\n{readme.END}\nend\n", encoding="utf-8")
    assert readme.update([notebook], target)
    assert (
        "- **[T\\_1](notebooks/00-a.ipynb).** \\[x\\](javascript:1) \\<b\\>\\*y\\*\\</b\\>"
        in target.read_text(encoding="utf-8")
    )
    assert not readme.update([notebook], target), "a current block is not rewritten"
