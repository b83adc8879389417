"""Readers' words for the schema's codes, and dates in the words the evidence allows.

Each coded column of ``data/datapackage.json`` lists its ``categories`` (Table Schema's
``{"value", "label"}`` pairs) next to its allowed values; this module is the one reader of
them, so figures, tables and the site all show "rules it out", never ``rules_out``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from boots.data.schema import read_descriptor
from boots.util import config


@cache
def _categories(data_dir: Path) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for resource in read_descriptor(data_dir).get("resources", []):
        for field in resource.get("schema", {}).get("fields", []):
            pairs = field.get("categories")
            if pairs:
                out.setdefault(field["name"], {}).update(
                    {str(p["value"]): str(p["label"]) for p in pairs}
                )
    return out


def categories(field: str, data_dir: Path | None = None) -> dict[str, str]:
    """Code -> label of a coded column, in the schema's order (``{}`` if it has none)."""
    return dict(_categories(Path(data_dir or config.data_dir()).resolve()).get(field, {}))


def label(field: str, code: object, data_dir: Path | None = None) -> str:
    """The reader's word for ``code`` of column ``field``; the code itself if it has none."""
    if code is None or (isinstance(code, float) and pd.isna(code)):
        return ""
    return categories(field, data_dir).get(str(code), str(code))


def labelled(frame: pd.DataFrame, data_dir: Path | None = None) -> pd.DataFrame:
    """``frame`` with every coded column (by name) shown in words."""
    out = frame.copy()
    for column in out.columns:
        names = categories(str(column), data_dir)
        if names:
            out[column] = out[column].map(
                lambda c, n=names: n.get(c, c) if isinstance(c, str) else c
            )
    return out


def _day(value) -> str:
    return f"{pd.Timestamp(value):%-d %B %Y}"


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


def date_as_known(earliest, latest) -> str:
    """A date in the words its bounds allow: 'on 27 February 2024', 'between 26 and 28
    February 2024', 'on or after ...', 'on or before ...' (an empty bound is an open end)."""
    if _missing(earliest) and _missing(latest):
        return "date unknown"
    if _missing(earliest):
        return f"on or before {_day(latest)}"
    if _missing(latest):
        return f"on or after {_day(earliest)}"
    first, last = pd.Timestamp(earliest), pd.Timestamp(latest)
    if first == last:
        return f"on {_day(first)}"
    if (first.year, first.month) == (last.year, last.month):
        return f"between {first:%-d} and {_day(last)}"
    return f"between {_day(first)} and {_day(last)}"


def statement_bounds(row) -> tuple[object, object]:
    """(earliest, latest) day a statement can have been made, from either layout of
    statements.csv: ``date_earliest``/``date_latest`` (open ends empty), or the older
    ``date`` with ``date_precision`` (day, range from ``date_earliest``, or before)."""
    if "date_latest" in row:
        return row.get("date_earliest"), row.get("date_latest")
    precision = row.get("date_precision")
    if precision == "day":
        return row["date"], row["date"]
    if precision == "range":
        return row.get("date_earliest"), row["date"]
    return None, row["date"]


def published_bounds(row) -> tuple[object, object]:
    """(earliest, latest) publication day of an article, from either layout of articles.csv:
    ``published_earliest``/``published_latest``, or the older ``published`` (its earliest
    possible day when ``published_certainty`` is 'inferred', so the end stays open)."""
    if "published_latest" in row or "published_earliest" in row:
        return row.get("published_earliest"), row.get("published_latest")
    if row.get("published_certainty") == "stated":
        return row["published"], row["published"]
    return row["published"], None
