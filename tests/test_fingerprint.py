"""The build's fingerprints: what makes a notebook stale, and what does not."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import subprocess
import sys

import pytest

from boots.pipeline import fingerprint
from boots.util import config, reads

NOTEBOOK_01 = config.NOTEBOOKS_DIR / "01-stance-by-country.ipynb"


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_docstrings_comments_and_formatting_do_not_count_but_code_does():
    plain = ast.parse("def f(x):\n    return x + 1\n")
    documented = ast.parse(
        '"""Module."""\n\n# a comment\ndef f(x):\n    """Add one."""\n    return (x + 1)\n'
    )
    changed = ast.parse("def f(x):\n    return x + 2\n")
    strip = fingerprint._without_docstrings
    assert strip(plain) == strip(documented)
    assert strip(plain) != strip(changed)


def test_a_notebook_depends_only_on_the_modules_it_imports():
    modules = fingerprint.imported_by(load(NOTEBOOK_01))
    assert "boots.analysis.stance" in modules and "boots.data.geo" in modules  # direct, indirect
    assert "boots.analysis.framing" not in modules  # notebook 03's module
    assert "boots.pipeline.build" not in modules


def test_only_files_the_notebook_read_count(data_copy):
    notebook = load(NOTEBOOK_01)
    read = ["articles.csv", "statements.csv"]
    before = fingerprint.notebook_fingerprint(notebook, data_copy, read)
    (data_copy / "CODEBOOK.md").write_text("edited", encoding="utf-8")
    assert fingerprint.notebook_fingerprint(notebook, data_copy, read) == before
    with open(data_copy / "statements.csv", "a", encoding="utf-8") as table:
        table.write("\n")
    assert fingerprint.notebook_fingerprint(notebook, data_copy, read) != before
    assert fingerprint.notebook_fingerprint(notebook, data_copy, None) is None


def test_reads_are_recorded_inside_the_data_folder_only(data_copy, tmp_path):
    log = tmp_path / "reads.log"
    outside = tmp_path / "outside.txt"
    outside.write_text("x", encoding="utf-8")
    code = (
        "import os, boots; "
        f"open({str(data_copy / 'speakers.csv')!r}).read(); "
        f"os.listdir({str(data_copy / 'articles')!r}); "
        f"open({str(outside)!r}).read(); "
        f"open({str(data_copy / 'speakers.csv')!r}).read()"
    )
    env = dict(os.environ, BOOTS_READ_LOG=str(log), BOOTS_DATA=str(data_copy))
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=config.ROOT)
    assert reads.recorded(log) == ["articles", "speakers.csv"]
    assert log.read_text(encoding="utf-8").count("speakers.csv") == 1


@pytest.mark.parametrize(
    ("notebook_name", "package", "module", "docstring"),
    [
        ("01-stance-by-country.ipynb", "stance", "firmness", '"""How firmly'),
        ("02-how-the-remark-spread.ipynb", "spread", "relay", '"""Relay and reach'),
        ("03-outlet-framing.ipynb", "framing", "drift", '"""Quote drift'),
    ],
)
def test_a_change_in_a_package_module_reruns_its_notebook_and_a_docstring_does_not(
    notebook_name, package, module, docstring, tmp_path, monkeypatch
):
    """Notebooks 01 to 03 import the stance, spread and framing packages; the fingerprint
    follows each package's re-exports into every one of its modules (checked on a copy of
    the package with one module edited)."""
    import shutil

    notebook = load(config.NOTEBOOKS_DIR / notebook_name)
    folder = config.ROOT / "boots" / "analysis" / package
    modules = set(fingerprint.imported_by(notebook))
    parts = {f"boots.analysis.{package}.{p.stem}" for p in folder.glob("[!_]*.py")}
    assert len(parts) >= 5 and parts <= modules
    edited = f"boots/analysis/{package}/{module}.py"

    def fingerprint_with(module_source: str | None) -> str:
        """The fingerprint with the package copied (and the module rewritten)."""
        root = tmp_path / str(len(list(tmp_path.iterdir())))
        shutil.copytree(config.ROOT / "boots", root / "boots")
        shutil.copy(config.ROOT / "requirements.txt", root)
        if module_source is not None:
            (root / edited).write_text(module_source, encoding="utf-8")
        monkeypatch.setattr(config, "ROOT", root)
        return fingerprint.notebook_fingerprint(notebook, config.DEFAULT_DATA_DIR, [])

    source = (config.ROOT / edited).read_text(encoding="utf-8")
    assert source.startswith(docstring)
    before = fingerprint_with(None)
    reworded = source.replace(docstring, docstring[:3] + "Reworded: " + docstring[3:], 1)
    assert fingerprint_with(reworded) == before
    assert fingerprint_with(source + "\nEDITED = 41\n") != before


def test_module_digests_are_cached_by_the_bytes_of_the_module(tmp_path, monkeypatch):
    cache = tmp_path / "code.json"
    monkeypatch.setattr(fingerprint, "CACHE_FILE", cache)
    name = "boots.util.words"
    raw = fingerprint.module_file(name).read_bytes()
    key = f"{name}:{hashlib.sha256(raw).hexdigest()}"

    def digest_with_cache(modules) -> str:
        if modules is not None:
            stored = {"python": fingerprint._PYTHON, "modules": modules}
            cache.write_text(modules if isinstance(modules, str) else json.dumps(stored))
        monkeypatch.setattr(fingerprint, "_cache", None)
        monkeypatch.setattr(fingerprint, "_used", set())
        return fingerprint.code_digest(name)

    cache.unlink(missing_ok=True)
    parsed = digest_with_cache(None)
    fingerprint.save_cache()
    assert json.loads(cache.read_text())["modules"][key][0] == parsed
    assert digest_with_cache({key: ["from the cache", []]}) == "from the cache"
    assert digest_with_cache({f"{name}:{'0' * 64}": ["other bytes", []]}) == parsed
    assert digest_with_cache("{not json") == parsed
