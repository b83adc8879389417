"""Headline and lede: what each outlet foregrounds (``articles.csv`` focus codes)."""

from __future__ import annotations

import pandas as pd

from boots.data.tables import Evidence


def focus_table(evidence: Evidence) -> pd.DataFrame:
    """Headline and lede of each outlet side by side, with what each foregrounds."""
    articles = evidence.articles
    return pd.DataFrame(
        {
            "outlet": articles.outlet,
            "headline": articles.headline,
            "headline foregrounds": articles.headline_focus.str.replace(";", ", "),
            "lede": articles.lede,
            "lede foregrounds": articles.lede_focus.str.replace(";", ", "),
        }
    )


def focus_matrix(evidence: Evidence) -> pd.DataFrame:
    """Focus code x outlet: 'headline and lede', 'headline', 'lede' or ''."""
    codes: list[str] = []
    for column in ("headline_focus", "lede_focus"):
        for value in evidence.articles[column]:
            codes.extend(c for c in value.split(";") if c not in codes)
    rows = {}
    labels = evidence.article_labels
    for article in evidence.articles.itertuples():
        head, lede = set(article.headline_focus.split(";")), set(article.lede_focus.split(";"))
        rows[labels[article.article_id]] = [
            "headline and lede"
            if c in head and c in lede
            else "headline"
            if c in head
            else "lede"
            if c in lede
            else ""
            for c in codes
        ]
    matrix = pd.DataFrame(rows, index=codes)
    matrix.index.name = "focus"
    return matrix
