"""What a hostile data folder cannot do beyond the single faults of the fault suite: loosen
the schema, slip a command through `make`, or hang the lexicon; and what a careful one may
do: use XK for Kosovo, or live in a folder whose name has spaces."""

from __future__ import annotations

import json
import shutil
import subprocess
import time

import pytest

from boots.data import geo, patterns
from boots.data.validate import validate
from boots.util import config
from tests.helpers import replace_in


def test_a_loosened_descriptor_does_not_loosen_validation(data_copy):
    path = data_copy / config.DESCRIPTOR
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    statements = next(r for r in descriptor["resources"] if r["name"] == "statements")
    stance = next(f for f in statements["schema"]["fields"] if f["name"] == "stance")
    del stance["constraints"]["enum"]
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    replace_in(
        data_copy / "statements.csv",
        "open,not_applicable,not_specified,not_applicable,individual,You can",
        "bogus,not_applicable,not_specified,not_applicable,individual,You can",
    )
    problems = [str(p) for p in validate(data_copy).problems]
    assert any(p.startswith("datapackage.json:") and "enum" in p for p in problems), problems
    assert any(
        p.startswith("statements.csv:") and "column 'stance': got 'bogus'" in p for p in problems
    ), "the project's enum still applies"


def test_descriptions_may_differ_from_the_projects(data_copy):
    path = data_copy / config.DESCRIPTOR
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["title"] = "A fork"
    descriptor["resources"][0]["schema"]["fields"][0]["description"] = "Reworded."
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert validate(data_copy).ok


def test_kosovo_and_every_code_the_map_draws_are_accepted(data_copy):
    replace_in(data_copy / "speakers.csv", "President of France,FR,", "President of France,XK,")
    report = validate(data_copy)
    assert not [p for p in report.problems if p.column == "country"], report.problems
    drawn = set(geo.load_borders(config.DEFAULT_DATA_DIR))
    assert "XK" in drawn and drawn <= geo.country_codes()


def test_a_catastrophic_pattern_runs_in_linear_time():
    pattern = r"(\w+\s?)+$"
    assert patterns.check(pattern) is None, "safe on RE2, so it is allowed"
    text = "a" * 50_000 + "!"
    started = time.perf_counter()
    assert list(patterns.compile_term(pattern).finditer(text)) == []
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"\b", "cannot match the empty string"),
        ("(?i)troops", "no inline flags"),
        ("troops|", "cannot match the empty string"),
        ("(?=x)troops", "look-around"),
    ],
)
def test_unsafe_patterns_are_rejected_with_the_reason(pattern, reason):
    assert reason in (patterns.check(pattern) or "")


def _make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=config.ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_make_validate_runs_no_command_from_the_folder_name(tmp_path):
    marker = tmp_path / "injected"
    for data in (
        f'data" ; touch {marker} ; echo "',
        f"data`touch {marker}`",
        f"data$(touch {marker})",
        f"data$(shell touch {marker})",
        f"data'; touch {marker}; '",
    ):
        result = _make("validate", f"DATA={data}")
        assert result.returncode == 2, result.stdout + result.stderr
        assert "not a folder" in result.stderr
        assert not marker.exists(), f"DATA={data!r} ran a command"


def test_make_validate_takes_a_folder_whose_name_has_spaces(tmp_path):
    folder = tmp_path / "a folder with spaces" / "my data"
    shutil.copytree(config.DEFAULT_DATA_DIR, folder)
    result = _make("validate", f"DATA={folder}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "my data: valid" in result.stdout
