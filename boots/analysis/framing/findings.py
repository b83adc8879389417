"""Notebook 03's findings, computed once from the tables and the article texts."""

from __future__ import annotations

from boots.analysis.framing.changes import printed_errors
from boots.analysis.framing.drift import drift_table
from boots.analysis.framing.prominence import prominence
from boots.data import labels
from boots.data.tables import Evidence
from boots.render.report import names_list


def what_we_found(evidence: Evidence) -> list[str]:
    """Notebook 03's closing sentences, computed from the tables and the article texts."""
    articles = evidence.articles
    headline = articles.headline_focus.str.split(";").explode().value_counts()
    focus = labels.categories("headline_focus")
    leads = ", ".join(f"{count} with {focus.get(code, code)}" for code, count in headline.items())
    firsts = prominence(evidence)
    firsts = firsts[firsts.first_rank == 1]
    top = firsts.speaker.value_counts()
    drift = drift_table(evidence)
    least = drift.groupby("statement").similarity.min().sort_values()
    changed = drift[drift.statement == least.index[0]]
    errors = printed_errors(evidence)
    return [
        f"Of {len(articles)} headlines, {leads.replace(' with ', ' lead with ', 1)}.",
        f"{top.iloc[0]} of {len(articles)} outlets quote {top.index[0]} first.",
        f"The wording that changed most between outlets is {changed.speaker.iloc[0]}'s "
        f"(similarity down to {least.iloc[0]:.2f}, in "
        f"{names_list(list(changed[changed.similarity == least.iloc[0]].outlet))}).",
        f"The articles print {len(errors)} name errors"
        + (f", in {names_list(list(dict.fromkeys(errors.outlet)))}." if len(errors) else "."),
    ]
