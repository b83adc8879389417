"""One home per list of codes and words: the schema and boots.data.codebook; everything
else keyed by those codes (colours, markers, underline styles) covers exactly them."""

from __future__ import annotations

import re

from boots.analysis import sources
from boots.analysis.stance import decide_stance
from boots.data import codebook, text
from boots.render import style
from boots.util import config


def test_the_stance_encodings_cover_the_schema_codes_in_its_order():
    stances = codebook.stances()
    assert stances and codebook.NO_POSITION in stances
    assert list(style.STANCE_COLOURS) == stances
    assert list(style.STANCE_MARKERS) == stances
    assert list(style.STANCE_LINES) == stances
    assert codebook.positions() == [s for s in stances if s != codebook.NO_POSITION]


def test_the_country_rule_breaks_ties_in_the_schema_order():
    import pandas as pd

    first, second = codebook.positions()[:2]
    tie = pd.DataFrame({"stance": [second, first], "rank": [1, 1]})
    decided = decide_stance(tie)
    assert decided.stance == first and decided.mixed and decided.other_stance == second


def test_quote_types_come_from_the_schema_and_the_rule_returns_only_those():
    types = codebook.quote_types()
    assert set(codebook.QUOTED_TYPES) < set(types)
    assert list(sources.QUOTE_TYPE_COLOURS) == ["absent", *reversed(types)]
    content = 'He said "we will not send troops" to Kyiv.'
    quoted = text.Span(content.index("we"), content.index('" to'))
    passages = [text.QuotedPassage(quoted, content[quoted.start : quoted.end], '"')]
    found = {
        text.quote_type(text.Span(start, end), passages)
        for start, end in [(quoted.start, quoted.end), (0, quoted.start + 3), (0, 7)]
    }
    assert found == set(types)


def test_the_codebook_names_every_troop_noun_and_the_pattern_matches_each():
    codebook_text = (config.DEFAULT_DATA_DIR / "CODEBOOK.md").read_text(encoding="utf-8")
    scope_rules = "\n".join(
        line for line in codebook_text.splitlines() if re.search(r"\*\*C[34]\.\*\*", line)
    )
    for noun in codebook.TROOP_NOUNS:
        assert noun in scope_rules, f"{noun!r} is not in the codebook's rules C3/C4"
        assert codebook.TROOP_WORDS.search(f"no {noun} will go")
    assert not codebook.TROOP_WORDS.search("the war of aggression")
