"""Readers' words for the schema's codes (dates in words: ``boots.data.dates``).

Each coded column of ``data/datapackage.json`` lists its ``categories`` (Table Schema's
``{"value", "label"}`` pairs) next to its allowed values; this module is the one reader of
them, so figures, tables and the site all show "rules it out", never ``rules_out``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from boots.data.schema import read_descriptor


@cache
def _categories() -> dict[tuple[str | None, str], dict[str, str]]:
    """Labels by (resource, field), and by (None, field) for every resource together, from
    the project's descriptor (authoritative: a data folder's own copy cannot relabel)."""
    out: dict[tuple[str | None, str], dict[str, str]] = {}
    for resource in read_descriptor().get("resources", []):
        for field in resource.get("schema", {}).get("fields", []):
            pairs = field.get("categories")
            if pairs:
                named = {str(p["value"]): str(p["label"]) for p in pairs}
                out.setdefault((resource["name"], field["name"]), {}).update(named)
                out.setdefault((None, field["name"]), {}).update(named)
    return out


def categories(field: str, resource: str | None = None) -> dict[str, str]:
    """Code -> label of a coded column, in the schema's order (``{}`` if it has none);
    ``resource`` names the table where several tables have a column of that name (a table
    whose column carries no labels of its own takes those of the same-named columns)."""
    table = _categories()
    return dict(table.get((resource, field)) or table.get((None, field), {}))


def label(field: str, code: object) -> str:
    """The reader's word for ``code`` of column ``field``; the code itself if it has none."""
    if code is None or (isinstance(code, float) and pd.isna(code)):
        return ""
    return categories(field).get(str(code), str(code))
