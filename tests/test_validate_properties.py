"""Property: whatever text a contributor puts in any cell, validation reports, never crashes.

For every column of every table, Hypothesis writes random values (any Unicode text, control
characters included, and values near the edges of each type) into a random row of a copy of
the data folder; validation must return a report whose every problem names its file. (A
longer, randomised run of the same property, 400 values per table, found no crash either.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boots.data.schema import resources
from boots.data.validate import validate
from boots.util import config
from tests.helpers import read_rows, write_rows

SCHEMA = resources()
EDGE_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "01",
    "٣",
    "１",
    "9" * 30,
    "1e3",
    "2024-02-29",
    "2024-2-29",
    "0000-00-00",
    "9999-12-31",
    "true",
    "NaN",
    "None",
    "null",
    '"',
    '""',
    ",",
    "\n",
    "\r\n",
    "\x00",
    "=1+1",
    "@x",
    "-x",
    "+1",
    "\u202e",
    "\ufeff",
    "../x",
    "/etc/passwd",
    "a;;b",
    ";",
    "1-2,2-1",
    "0-0",
    "99999999999-1",
    "(",
    "*",
    "\\",
    "x" * 3000,
]
values = st.one_of(
    st.sampled_from(EDGE_VALUES),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40),
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("property") / "data"
    shutil.copytree(config.DEFAULT_DATA_DIR, target)
    return target


COLUMNS = [(name, column) for name, res in SCHEMA.items() for column in res.field_names]


@pytest.mark.parametrize(("table", "column"), COLUMNS, ids=[f"{t}.{c}" for t, c in COLUMNS])
def test_random_values_in_any_column_never_crash_validation(table, column, folder):
    resource = SCHEMA[table]
    path = folder / resource.path
    original = path.read_bytes()
    rows = read_rows(path)
    at = rows[0].index(column)

    @settings(  # the number of examples is the profile's (tests/conftest.py)
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(row=st.integers(1, len(rows) - 1), value=values)
    def check(row: int, value: str) -> None:
        changed = [list(r) for r in rows]
        changed[row][at] = value
        write_rows(path, changed)
        try:
            report = validate(folder)
        finally:
            path.write_bytes(original)
        for problem in report.problems:
            assert problem.file and str(problem).startswith(problem.file)

    check()
