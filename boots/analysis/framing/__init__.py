"""How the outlets framed the story, for notebook 03, one module per seam:

* ``headlines``: what each headline and lede foregrounds;
* ``prominence``: who each outlet quotes first and most, and with which stance;
* ``wording``: the lexicon counted in context (own words against quoted words) and the
  attribution verbs;
* ``drift``: how the same statement's wording differs between articles;
* ``changes``: changes an outlet made to what a source said, and printed name errors;
* ``findings``: the facts notebook 03 states, computed once (``framing_facts``), from which its
  figure titles, prose and closing sentences are made.

Everything is computed from the curated tables and the article texts; nothing is typed in.
This package re-exports the public API of its modules, so ``from boots.analysis import
framing`` then ``framing.drift_table(ev)`` works (the notebook reads that way: the modules'
names would otherwise clash with the tables it computes, ``prominence`` or ``drift``).
"""

from boots.analysis.framing.changes import (
    commonest_change,
    distortion_counts,
    distortion_kinds,
    distortion_table,
    distortions_figure,
    distortions_title,
    printed_errors,
)
from boots.analysis.framing.drift import (
    DRIFT_HTML,
    DRIFT_ROWS,
    coverage,
    diff_html,
    drift_figure,
    drift_table,
    drift_title,
    drift_view,
    quoted_wordings,
    showcase_statements,
    similarity,
    word_diff,
    wordings_of,
)
from boots.analysis.framing.findings import FramingFacts, framing_facts, what_we_found
from boots.analysis.framing.headlines import focus_matrix, focus_table
from boots.analysis.framing.prominence import (
    UNATTRIBUTED,
    mentions_by_stance,
    prominence,
    prominence_figure,
    prominence_title,
    quoted_passages,
    stance_shares,
)
from boots.analysis.framing.wording import (
    MAX_VERBS_SHOWN,
    VOICES,
    kwic,
    lemma,
    lexicon_by_voice,
    lexicon_counts,
    lexicon_figure,
    lexicon_title,
    verb_counts,
    verbs_figure,
    verbs_title,
)

__all__ = [
    "DRIFT_HTML",
    "DRIFT_ROWS",
    "MAX_VERBS_SHOWN",
    "UNATTRIBUTED",
    "VOICES",
    "FramingFacts",
    "commonest_change",
    "coverage",
    "diff_html",
    "distortion_counts",
    "distortion_kinds",
    "distortion_table",
    "distortions_figure",
    "distortions_title",
    "drift_figure",
    "drift_table",
    "drift_title",
    "drift_view",
    "focus_matrix",
    "focus_table",
    "framing_facts",
    "kwic",
    "lemma",
    "lexicon_by_voice",
    "lexicon_counts",
    "lexicon_figure",
    "lexicon_title",
    "mentions_by_stance",
    "printed_errors",
    "prominence",
    "prominence_figure",
    "prominence_title",
    "quoted_passages",
    "quoted_wordings",
    "showcase_statements",
    "similarity",
    "stance_shares",
    "verb_counts",
    "verbs_figure",
    "verbs_title",
    "what_we_found",
    "word_diff",
    "wordings_of",
]

# Registers the predicates of the notebook's typed paragraphs (boots.analysis.claims).
from boots.analysis.framing import claims as _claims  # noqa: F401
