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
    """The codebook's date window and cell length, and the README's cell timeout, are the
    values validation and the build use (one home each: the code; the docs are checked)."""
    from boots.data import cells, patterns
    from boots.pipeline import build

    codebook = (DATA / "CODEBOOK.md").read_text(encoding="utf-8")
    first, last = cells.DATE_WINDOW
    assert re.search(rf"between {first}\b[^.]*\band {last}\b", codebook, flags=re.S)
    assert f"at most {cells.MAX_CELL_CHARS} characters" in codebook
    assert f"more than {patterns.MAX_PATTERN_CHARS} characters" in codebook
    readme = (config.ROOT / "README.md").read_text(encoding="utf-8")
    assert f"per-cell timeout ({build.CELL_TIMEOUT} s" in readme
