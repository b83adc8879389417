"""The country rule: the stance drawn for a country (or a speaker, or a body).

A country's colour is the stance of its most senior speaker (lowest ``rank`` in
``speakers.csv``) among its statements that take a position (stance other than ``other``);
if several statements share that rank, the most frequent stance, ties broken in the schema's order
of the stances (``codebook.positions()``: open, rules_out, warns, welcomes). When a country's statements take different positions, the
country is marked ``mixed`` and drawn hatched in the colour of the other position. A country
whose only statements are ``other`` gets the ``other`` colour; a country with no statement
is drawn as "no statement reported".
"""

from __future__ import annotations

import pandas as pd

from boots.analysis.stance.statements import country_name
from boots.data import codebook
from boots.data.tables import Evidence


def decide_stance(group: pd.DataFrame) -> pd.Series:
    """The module's country rule applied to one group of statements (a country's, a
    speaker's, a body's): the stance drawn for it, whether it is mixed, and the other stance."""
    positions = group[group.stance != codebook.NO_POSITION]
    if positions.empty:
        return pd.Series({"stance": codebook.NO_POSITION, "mixed": False, "other_stance": None})
    order = codebook.positions()
    senior = positions[positions["rank"] == positions["rank"].min()]
    counts = senior.stance.value_counts()
    best = max(counts.index, key=lambda s: (counts[s], -order.index(s)))
    others = [s for s in order if s in set(positions.stance) and s != best]
    return pd.Series(
        {"stance": best, "mixed": bool(others), "other_stance": others[0] if others else None}
    )


def country_stances(evidence: Evidence) -> pd.DataFrame:
    """One row per country with a statement: the stance drawn for it and why."""
    stated = evidence.statements_with_speakers().dropna(subset=["country"])
    if stated.empty:
        return pd.DataFrame(
            columns=[
                "country",
                "name",
                "stance",
                "mixed",
                "other_stance",
                "stances",
                "speakers",
                "statements",
            ]
        )
    decided = stated.groupby("country").apply(decide_stance, include_groups=False)
    detail = stated.groupby("country").agg(
        stances=("stance", lambda s: ";".join(sorted(set(s)))),
        speakers=("name", lambda s: "; ".join(dict.fromkeys(s))),
        statements=("statement_id", "size"),
    )
    out = decided.join(detail).reset_index()
    out.insert(1, "name", out.country.map(country_name))
    return out
