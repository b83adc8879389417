"""Load a codebook trial: invented units and the blind codings of them (``docs/codebook-trial/``).

A trial folder holds ``units.json`` (the units, each with a ``unit`` id) and one
``coder<N>.csv`` per coder, each with a row per unit: the four coded variables, and
``guessed`` (``yes``/``no``: the coder could not reach a code from the codebook's words).
Loading checks what the measurement rests on: every coder coded every unit exactly once,
with the codes the schema allows, and said whether each code was guessed. A problem stops
loading with a ``TrialError`` naming the file, the line and the column.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from boots.data.schema import resources
from boots.util import config

TRIAL_DIR = config.DOCS_DIR / "codebook-trial"
UNITS = "units.json"
GUESSED = ("yes", "no")


class TrialError(Exception):
    """The trial folder cannot be loaded; the message names the file, line and column."""


@dataclass(frozen=True)
class Trial:
    """The units' ids, in their order, and each coder's codes, indexed by unit."""

    folder: Path
    units: list[str]
    codings: dict[str, pd.DataFrame]  # coder (file stem) -> one row per unit


def coded_variables() -> list[str]:
    """The variables a coder codes, as the schema lists them for the adjudication table."""
    return list(resources()["adjudication"].field("variable").enum)


def _allowed(variable: str) -> list[str]:
    return list(resources()["statements"].field(variable).enum)


def _units(folder: Path) -> list[str]:
    path = folder / UNITS
    try:
        units = [str(u["unit"]) for u in json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError, KeyError) as error:
        raise TrialError(f"{path}: not a list of units with a 'unit' id ({error})") from None
    if len(set(units)) != len(units):
        raise TrialError(f"{path}: a unit id appears twice")
    return units


def _coding(path: Path, units: list[str]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as error:
        raise TrialError(f"{path}: cannot be read as CSV ({error})") from None
    needed = ["unit", *coded_variables(), "guessed"]
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise TrialError(f"{path}:1: missing column(s) {', '.join(missing)}")
    for column, allowed in [("unit", units), ("guessed", list(GUESSED))] + [
        (v, _allowed(v)) for v in coded_variables()
    ]:
        for line, value in zip(range(2, len(frame) + 2), frame[column], strict=True):
            if value not in allowed:
                raise TrialError(
                    f"{path}:{line}: column '{column}': got {value!r}; "
                    f"expected one of {', '.join(allowed)}"
                )
    twice = frame.unit[frame.unit.duplicated()]
    if not twice.empty:
        raise TrialError(f"{path}: unit {twice.iloc[0]} coded twice")
    absent = [u for u in units if u not in set(frame.unit)]
    if absent:
        raise TrialError(f"{path}: unit(s) not coded: {', '.join(absent)}")
    return frame.set_index("unit").loc[units]


def load_trial(folder: Path = TRIAL_DIR) -> Trial:
    """The trial in ``folder``: its units and every ``coder*.csv`` coding of them."""
    units = _units(folder)
    paths = sorted(folder.glob("coder*.csv"))
    if len(paths) < 2:
        raise TrialError(f"{folder}: a trial needs two codings (coder1.csv, coder2.csv, ...)")
    return Trial(folder, units, {p.stem: _coding(p, units) for p in paths})
