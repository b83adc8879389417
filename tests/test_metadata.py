"""The conventions of open research data: licences, citation, data release, Binder, hooks.

Each file a stranger's tool reads (GitHub's licence and citation detection, a Frictionless
reader, repo2docker, pre-commit) is checked the way that tool reads it."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from boots.util import config

ROOT = config.ROOT
DESCRIPTOR = json.loads((config.DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
CFFCONVERT = ROOT / ".venv" / "cffconvert" / "bin" / "cffconvert"


def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_the_code_is_mit_licensed_and_the_package_says_so():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n") and "Permission is hereby granted" in text
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"


def test_the_tables_are_cc_by_and_the_articles_are_their_publishers():
    assert [licence["name"] for licence in DESCRIPTOR["licenses"]] == ["CC-BY-4.0"]
    for text in (
        (config.DEFAULT_DATA_DIR / "LICENSE.md").read_text(encoding="utf-8"),
        (ROOT / "README.md").read_text(encoding="utf-8"),
        DESCRIPTOR["description"],
    ):
        flat = " ".join(text.split())
        assert "CC BY 4.0" in flat
        assert "copyright of its publisher" in flat
        assert "evidence" in flat and "research" in flat


def test_citation_cff_is_valid_by_cffconvert():
    if not CFFCONVERT.is_file():
        pytest.fail(f"{CFFCONVERT} is missing: run `make env`")
    checked = subprocess.run(
        [str(CFFCONVERT), "--validate", "-i", str(ROOT / "CITATION.cff")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "valid" in checked.stdout


def test_cffconvert_catches_an_invalid_citation(tmp_path):
    """The check above can fail: a citation without authors is refused."""
    if not CFFCONVERT.is_file():
        pytest.fail(f"{CFFCONVERT} is missing: run `make env`")
    broken = tmp_path / "CITATION.cff"
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    broken.write_text(re.sub(r"(?ms)^authors:.*?(?=^version:)", "", text), encoding="utf-8")
    checked = subprocess.run(
        [str(CFFCONVERT), "--validate", "-i", str(broken)], capture_output=True, check=False
    )
    assert checked.returncode != 0


def released_versions() -> list[str]:
    changes = (config.DEFAULT_DATA_DIR / "CHANGES.md").read_text(encoding="utf-8")
    return re.findall(r"(?m)^## (\d+\.\d+\.\d+) \(\d{4}-\d{2}-\d{2}\)$", changes)


def test_one_data_release_version_everywhere():
    """The data package, the citation and the change log name the same, latest release."""
    versions = released_versions()
    assert versions, "CHANGES.md has no release heading ('## X.Y.Z (YYYY-MM-DD)')"
    as_numbers = [tuple(int(n) for n in v.split(".")) for v in versions]
    assert as_numbers == sorted(as_numbers), "releases are listed oldest first"
    assert DESCRIPTOR["version"] == versions[-1]
    assert str(citation()["version"]) == versions[-1]
    changes = (config.DEFAULT_DATA_DIR / "CHANGES.md").read_text(encoding="utf-8")
    assert "\n## Unreleased\n" in changes, "entries since the last release go under Unreleased"


def test_the_data_package_names_its_contributors_and_one_source_per_article():
    assert DESCRIPTOR["contributors"] and all(c["title"] for c in DESCRIPTOR["contributors"])
    with (config.DEFAULT_DATA_DIR / "articles.csv").open(encoding="utf-8", newline="") as stream:
        articles = list(csv.DictReader(stream))
    sources = DESCRIPTOR["sources"]
    assert len(sources) == len(articles)
    for source, article in zip(sources, articles, strict=True):
        assert source["title"].startswith(f"{article['outlet']}: {article['headline']} (")
        assert f"articles/{article['file']}" in source["title"]
        # Only an address an article or its row prints may be given; none of these does.
        printed = (config.DEFAULT_DATA_DIR / "articles" / article["file"]).read_text(
            encoding="utf-8"
        ) + json.dumps(article)
        assert "path" not in source or source["path"] in printed


def test_repo2docker_finds_the_environment_and_installs_the_same_pins():
    binder = ROOT / "binder"
    requirements = binder / "requirements.txt"
    assert requirements.is_file()
    assert requirements.read_bytes() == (ROOT / "requirements.txt").read_bytes()
    assert re.fullmatch(r"python-3\.11\n", (binder / "runtime.txt").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"].startswith(">=3.11")
    post_build = binder / "postBuild"
    assert os.access(post_build, os.X_OK), "repo2docker runs postBuild only when executable"
    script = post_build.read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash\n")
    assert "pip install --no-deps --editable ." in script
    # repo2docker reads binder/ alone when it exists: no second, differing environment file.
    for ignored in ("environment.yml", "Pipfile", "setup.py", "install.R", "apt.txt"):
        assert not (binder / ignored).exists()


def test_every_pre_commit_hook_runs_something_that_exists():
    hooks = [
        hook
        for repo in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"]
        for hook in repo["hooks"]
    ]
    assert hooks
    for hook in hooks:
        entry = hook["entry"].split()
        assert (ROOT / entry[0]).name in {"ruff", "python"}, hook["id"]
        if entry[1:2] == ["-m"]:
            module = entry[2]
            assert importlib.util.find_spec(module) is not None, f"{hook['id']}: no {module}"
            source = Path(importlib.util.find_spec(module).origin)
            assert "__main__" in source.read_text(encoding="utf-8"), hook["id"]
