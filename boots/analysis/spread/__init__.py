"""How the remark spread: timeline, reaction graph and relay, for notebook 02, one module per
seam:

* ``timeline``: timeline rows are speakers; each statement is a bar over the days it can have
  been made, with the articles' publication days above;
* ``reactions``: the reaction graph links speakers (A → B: a statement by B responds to one
  by A), one column per date interval;
* ``relay``: the relay links speakers to the channel each article credits (the wire named in
  the mention, else the article's byline wire, else "no credit") and on to the outlets, and
  the reach of each statement (how many outlets, which can have been first);
* ``common``: what those share (statements with their speaker's place, nodes in columns);
* ``findings``: the facts notebook 02 states, computed once (``spread_facts``), from which
  its figure titles, prose and closing sentences are made.

All are computed from the curated tables, grouped so that their size follows the number of
speakers and outlets, not the number of statements. This package re-exports the public API
of its modules, so ``from boots.analysis import spread`` then ``spread.relay_table(ev)`` works
(the notebook reads that way).
"""

from boots.analysis.spread.findings import SpreadFacts, spread_facts, what_we_found
from boots.analysis.spread.reactions import (
    REACTION_GAP,
    reaction_figure,
    reaction_graph,
    reaction_title,
)
from boots.analysis.spread.relay import (
    NO_CREDIT,
    RELAY_LARGEST_NODE,
    RELAY_WIDEST_FLOW,
    reach_table,
    relay_figure,
    relay_flows,
    relay_table,
    relay_title,
)
from boots.analysis.spread.timeline import (
    FADE_STEPS,
    NOTE_LINE,
    NOTE_OUTLETS,
    NOTE_WIDTH,
    ONE_DAY,
    article_marks,
    root_statement,
    timeline_figure,
    timeline_rows,
    timeline_title,
)

__all__ = [
    "FADE_STEPS",
    "NOTE_LINE",
    "NOTE_OUTLETS",
    "NOTE_WIDTH",
    "NO_CREDIT",
    "ONE_DAY",
    "REACTION_GAP",
    "RELAY_LARGEST_NODE",
    "RELAY_WIDEST_FLOW",
    "SpreadFacts",
    "article_marks",
    "reach_table",
    "reaction_figure",
    "reaction_graph",
    "reaction_title",
    "relay_figure",
    "relay_flows",
    "relay_table",
    "relay_title",
    "root_statement",
    "spread_facts",
    "timeline_figure",
    "timeline_rows",
    "timeline_title",
    "what_we_found",
]

# Registers the predicates of the notebook's typed paragraphs (boots.analysis.claims).
from boots.analysis.spread import claims as _claims  # noqa: F401
