"""Figures that stay readable at any number of outlets: the heaviest by name, the rest pooled.

A figure with a row or column per outlet (or per article) is readable up to about a dozen;
past ``MAX_SHOWN`` the ``MAX_SHOWN - 1`` heaviest keep their own row or column and the others
are summed into one ("84 other outlets"). The tables behind the figures keep every outlet.
"""

from __future__ import annotations

import pandas as pd

MAX_SHOWN = 12


def others_label(n: int) -> str:
    return f"{n:,} other outlet{'s' if n != 1 else ''}"


def heaviest(weights: pd.Series, shown: int = MAX_SHOWN) -> list:
    """The labels of ``weights`` to show by name: all when they fit, else the
    ``shown - 1`` heaviest (ties in their given order)."""
    if len(weights) <= shown:
        return list(weights.index)
    order = pd.Series(range(len(weights)), index=weights.index)
    ranked = pd.DataFrame({"weight": weights, "order": order}).sort_values(
        ["weight", "order"], ascending=[False, True], kind="stable"
    )
    return list(ranked.index[: shown - 1])


def pooled(frame: pd.DataFrame, axis: str = "columns", shown: int = MAX_SHOWN) -> pd.DataFrame:
    """``frame`` with its outlets (columns, or rows with ``axis='index'``) beyond the
    heaviest summed into one ``others_label`` column or row; unchanged when they fit."""
    data = frame if axis == "columns" else frame.T
    if data.shape[1] <= shown:
        return frame
    kept = heaviest(data.sum(axis=0), shown)
    rest = [c for c in data.columns if c not in kept]
    out = data[kept].copy()
    out[others_label(len(rest))] = data[rest].sum(axis=1)
    return out if axis == "columns" else out.T


def listed(names, shown: int = 5) -> str:
    """Outlet names for a one-line note: each once, in order, all when they fit, else the
    first ``shown - 1`` and the number of the others ("A, B and 12 other outlets")."""
    names = list(dict.fromkeys(names))
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[: shown - 1])} and {others_label(len(names) - shown + 1)}"
