"""Where each country stood: tables, map data and figures for notebook 01, one module per seam:

* ``statements``: statements in readers' words (a speaker's place, a date interval in words,
  the shortest wording printed), the statement table, tooltips and the stances' legend entries;
* ``rule``: the country rule (the stance drawn for a country, a speaker or a body) and the
  table of countries it gives;
* ``country_map``: the data behind the map, the choropleth and its title;
* ``firmness``: how firmly the denials were worded, the chart and its title;
* ``findings``: the facts notebook 01 states, computed once (``stance_facts``), from which its
  figure titles, prose and closing sentences are made.

Everything is derived from the curated tables: no country, speaker or colour is fixed here
beyond the palette keyed by the schema's stance codes (``boots.render.style``). This package
re-exports the public API of its modules, so ``from boots.analysis import stance`` then
``stance.map_data(ev, borders)`` works (the notebook and the spread analysis read that way).
"""

from boots.analysis.stance.country_map import (
    MAP_LIMITS,
    label_point,
    map_data,
    map_title,
    stance_map,
)
from boots.analysis.stance.findings import StanceFacts, stance_facts, what_we_found
from boots.analysis.stance.firmness import (
    firmness_chart,
    firmness_counts,
    firmness_data,
    firmness_title,
)
from boots.analysis.stance.rule import country_stances, decide_stance
from boots.analysis.stance.statements import (
    SHORT_NAMES,
    country_name,
    date_label,
    place,
    speaker_label,
    stance_handles,
    statement_table,
    statement_tooltips,
)

__all__ = [
    "MAP_LIMITS",
    "SHORT_NAMES",
    "StanceFacts",
    "country_name",
    "country_stances",
    "date_label",
    "decide_stance",
    "firmness_chart",
    "firmness_counts",
    "firmness_data",
    "firmness_title",
    "label_point",
    "map_data",
    "map_title",
    "place",
    "speaker_label",
    "stance_facts",
    "stance_handles",
    "stance_map",
    "statement_table",
    "statement_tooltips",
    "what_we_found",
]

# Registers the predicates of the notebook's typed paragraphs (boots.analysis.claims).
from boots.analysis.stance import claims as _claims  # noqa: F401
