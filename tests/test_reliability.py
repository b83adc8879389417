"""Reliability: Krippendorff's alpha on the two frozen codings, and the adjudication table."""

from __future__ import annotations

from collections import Counter
from itertools import permutations

import pandas as pd
import pytest

from boots.analysis import reliability
from boots.data import tables


def alpha_by_hand(first: list[str], second: list[str]) -> float:
    """Nominal alpha from its definition (Krippendorff 2011): 1 - D_o / D_e, with the
    coincidence matrix of two coders and no missing values."""
    coincidences = Counter()
    for pair in zip(first, second, strict=True):
        for a, b in permutations(pair, 2):
            coincidences[(a, b)] += 1
    n = 2 * len(first)
    marginals = Counter(first) + Counter(second)
    observed = sum(c for (a, b), c in coincidences.items() if a != b) / n
    expected = sum(marginals[a] * marginals[b] for a in marginals for b in marginals if a != b)
    return 1 - observed / (expected / (n * (n - 1)))


def test_alpha_matches_its_definition_on_the_real_codings(ev):
    pairs = reliability.paired_codings(ev)
    table = reliability.agreement(ev)
    for variable in reliability.variables(ev):
        first, second = pairs[f"{variable}_first"], pairs[f"{variable}_second"]
        expected = 1.0 if first.equals(second) else alpha_by_hand(list(first), list(second))
        got = table.at[reliability.variable_label(variable), "alpha"]
        assert got == pytest.approx(expected, abs=1e-9), variable


def test_alpha_is_measured_on_the_frozen_codings_not_on_the_corrected_table(ev):
    # The corrected table has no statement the frozen codings lack to make alpha move:
    # two statements were removed from it since, and alpha still covers all 29.
    assert len(ev.first_coding) == len(ev.second_coding) > len(ev.statements)
    table = reliability.agreement(ev)
    assert (table.statements == len(ev.first_coding)).all()
    assert (table.agree + table.disagree == table.statements).all()


def test_every_disagreement_is_in_the_adjudication_table(ev):
    pairs = reliability.paired_codings(ev)
    disagreements = {
        (row.statement_id, variable)
        for variable in reliability.variables(ev)
        for row in pairs[pairs[f"{variable}_first"] != pairs[f"{variable}_second"]].itertuples()
    }
    adjudicated = set(zip(ev.adjudication.statement_id, ev.adjudication.variable, strict=True))
    assert disagreements == adjudicated
    assert int(reliability.agreement(ev).disagree.sum()) == len(disagreements)


def test_disagreement_table_shows_words_not_codes(ev):
    table = reliability.disagreements(ev)
    codes = {"not_applicable", "any_troops", "not_specified", "own_country", "no_plans"}
    shown = set(table[["first coder", "second coder", "adopted"]].to_numpy().ravel())
    assert not shown & codes
    assert table.rule.str.fullmatch(r"[A-Z][0-9]+").all()
    assert set(table["sided with"]) <= {"first coder", "second coder", "neither"}


@pytest.mark.parametrize(
    ("alpha", "verdict"),
    [
        (1.0, "reliable"),
        (0.8, "reliable"),
        (0.79, "tentative"),
        (0.667, "tentative"),
        (0.66, "unreliable"),
    ],
)
def test_thresholds(alpha, verdict):
    assert reliability.verdict(alpha) == verdict


def test_summary_sentence_names_each_variable_once():
    table = pd.DataFrame(
        {
            "alpha": [1.0, 0.7, 0.5],
            "verdict": [
                reliability.VERDICTS["reliable"],
                reliability.VERDICTS["tentative"],
                reliability.VERDICTS["unreliable"],
            ],
        },
        index=["stance", "scope", "firmness"],
    )
    sentence = reliability.summary_sentence(table)
    assert sentence.count("stance") == sentence.count("scope") == sentence.count("firmness") == 1
    assert "scope α = 0.70: tentative" in sentence
    assert "(" not in sentence and "\\" not in sentence


def test_units_that_are_also_the_codebooks_examples(data_copy):
    """A unit counts as a worked example when the codebook quotes three words or more of one
    of its reports, or names its id; codes and one- or two-word spans do not count."""
    codebook = data_copy / "CODEBOOK.md"
    codebook.write_text("Codes `rules_out`, `no_plans`; words `does not`.\n", encoding="utf-8")
    units = reliability.units_as_examples(tables.load(data_copy))
    assert units.examples == 0 and units.coded >= units.in_table > 0
    codebook.write_text(
        "Tusk: `Poland does not plan`; see also `kristersson-not-on-cards`.\n", encoding="utf-8"
    )
    assert reliability.units_as_examples(tables.load(data_copy)).examples == 2
    codebook.unlink()
    units = reliability.units_as_examples(tables.load(data_copy))
    assert units.examples is None
    template, values = reliability.units_prose(units)
    assert "codebook" not in template and values["coded"] == units.coded
