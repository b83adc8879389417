"""Statements in readers' words, for notebook 01 and the other analyses: where a speaker
stands (country name, or the body), when a statement was made (its date interval in words),
the shortest wording any article printed, the statement table, the tooltip a linked mark
shows and the legend entries for the stances.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.lines import Line2D

from boots.data import codebook, dates, geo, labels
from boots.data.tables import Evidence
from boots.render import style


def date_label(row) -> str:
    """The statement's date interval in words: 'on 27 Feb', 'on or after 26 Feb',
    'on or before 26 Feb', 'date not known' (codebook D1)."""
    return dates.interval_words(row["date_earliest"], row["date_latest"])


def _shortest_quotes(evidence: Evidence) -> pd.DataFrame:
    mentions = evidence.mentions.assign(
        quoted=evidence.mentions.quote_type.isin(codebook.QUOTED_TYPES),
        length=evidence.mentions.quote.str.len(),
    )
    best = mentions.sort_values(
        ["statement_id", "quoted", "length", "mention_id"], ascending=[True, False, True, True]
    )
    best = best.drop_duplicates("statement_id")
    return best.set_index("statement_id")[["quote", "quote_type"]]


def _outlets(evidence: Evidence) -> pd.Series:
    order, outlet = evidence.article_order, evidence.outlet_names
    return evidence.mentions.groupby("statement_id").article_id.agg(
        lambda ids: ", ".join(dict.fromkeys(outlet[a] for a in sorted(set(ids), key=order.get)))
    )


SHORT_NAMES = {"Russian Federation": "Russia"}


def country_name(code: str | None) -> str:
    """Short English name of an ISO alpha-2 code ('international body' for none)."""
    if not isinstance(code, str) or not code:
        return "international body"
    name = geo.country_name(code)
    if name is None:
        return code
    name = name.split(", ")[0]
    return SHORT_NAMES.get(name, name)


def speaker_label(name: str, where: str, form: str = "{name} ({place})") -> str:
    """A speaker with their country ('Olaf Scholz (Germany)', or in ``form``), but not when
    the name already says it: 'Government of Germany', not 'Government of Germany (Germany)'."""
    return name if str(where).lower() in str(name).lower() else form.format(name=name, place=where)


def stance_handles(stances: set, markersize: float, edgecolor: str) -> list[Line2D]:
    """Legend entries for the stances present, in the palette's order: each stance's colour
    and shape (so a colour-blind reader can tell them apart), with its label."""
    return [
        Line2D(
            [],
            [],
            marker=style.STANCE_MARKERS[s],
            linestyle="",
            markersize=markersize,
            markerfacecolor=style.STANCE_COLOURS[s],
            markeredgecolor=edgecolor,
            label=labels.label("stance", s),
        )
        for s in style.STANCE_COLOURS
        if s in stances
    ]


def place(stated: pd.DataFrame) -> pd.Series:
    """Country name of each statement's speaker, or its organisation (NATO) if it has none."""
    return stated.country.map(country_name).where(stated.country.notna(), stated.organisation)


def statement_table(evidence: Evidence) -> pd.DataFrame:
    """Every statement, by country: speaker, stance and the shortest verbatim wording any
    article printed first, then country, role, date, firmness, scope and the outlets
    reporting it."""
    stated = evidence.statements_with_speakers()
    quotes = _shortest_quotes(evidence)
    table = pd.DataFrame(
        {
            # Who said what, and the stance, first: all a phone shows before the table scrolls.
            "speaker": stated.name,
            "stance": stated.stance,
            "shortest wording": stated.statement_id.map(quotes.quote),
            "country": place(stated),
            "role": stated.role,
            "date": stated.apply(date_label, axis=1),
            "firmness": stated.firmness,
            "scope": stated.scope,
            "wording is": stated.statement_id.map(quotes.quote_type),
            "reported by": stated.statement_id.map(_outlets(evidence)),
            "statement_id": stated.statement_id,
            "_sort": list(
                zip(stated.country.fillna(""), stated["rank"], dates.sort_keys(stated), strict=True)
            ),
        }
    )
    return table.sort_values("_sort", kind="stable").drop(columns="_sort").reset_index(drop=True)


def statement_tooltips(evidence: Evidence) -> pd.Series:
    """What a mark linked to a statement says on hover: speaker, date as known, stance and
    the shortest wording printed (or the summary, when no article prints one)."""
    stated = evidence.statements_with_speakers().set_index("statement_id")
    quotes = _shortest_quotes(evidence)
    out = {}
    for statement_id, row in stated.iterrows():
        date = dates.statement_date(row)
        quote = quotes.quote.get(statement_id)
        said = f"“{quote}”" if isinstance(quote, str) else f"{row.summary} (no wording printed)"
        out[statement_id] = f"{row['name']}, {date} ({labels.label('stance', row.stance)}): {said}"
    return pd.Series(out, name="tooltip", dtype=object)
