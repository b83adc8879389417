"""The package's layers point one way (contracts in pyproject.toml, checked by import-linter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from boots.util import config


def test_imports_point_one_way():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=config.ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout, result.stdout


def test_every_module_lives_in_a_layer():
    package = config.ROOT / "boots"
    loose = sorted(p.name for p in package.glob("*.py") if p.name != "__init__.py")
    assert loose == [], f"modules outside the layer sub-packages: {loose}"
