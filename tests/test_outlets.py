"""Per-outlet figures pool the outlets that do not fit, keeping every count."""

from __future__ import annotations

import pandas as pd

from boots.analysis import outlets


def test_few_outlets_are_left_alone():
    frame = pd.DataFrame({"A": [1, 2], "B": [3, 4]})
    assert outlets.pooled(frame).equals(frame)


def test_many_outlets_keep_the_heaviest_and_sum_the_rest():
    frame = pd.DataFrame({f"O{i}": [i, 1] for i in range(20)})
    pooled = outlets.pooled(frame, shown=5)
    assert list(pooled.columns) == ["O19", "O18", "O17", "O16", "16 other outlets"]
    assert pooled.to_numpy().sum() == frame.to_numpy().sum()
    assert pooled["16 other outlets"].tolist() == [sum(range(16)), 16]
    rows = outlets.pooled(frame.T, axis="index", shown=5)
    assert list(rows.index) == list(pooled.columns)


def test_ties_keep_the_given_order():
    weights = pd.Series([1, 1, 1, 1], index=list("abcd"))
    assert outlets.heaviest(weights, shown=3) == ["a", "b"]


def test_per_outlet_figures_stay_readable_with_many_outlets(tmp_path):
    import matplotlib.pyplot as plt

    from boots.analysis import evidence, framing
    from boots.data import tables
    from boots.pipeline.synthetic import make_synthetic_articles

    ev = tables.load(make_synthetic_articles(60, tmp_path / "data"))
    assert ev.articles.outlet.nunique() > outlets.MAX_SHOWN
    matrix = evidence.coverage_matrix(ev)
    lexicon_own = framing.lexicon_counts(ev, ev.lexicon, "own")
    lexicon_quoted = framing.lexicon_counts(ev, ev.lexicon, "quoted")
    verbs = framing.verb_counts(ev)
    shares = framing.stance_shares(ev)
    drawn = {
        "coverage": evidence.coverage_figure(matrix, ev).axes[0].get_xticklabels(),
        "lexicon": framing.lexicon_figure(lexicon_own, lexicon_quoted, "t")
        .axes[0]
        .get_xticklabels(),
        "verbs": framing.verbs_figure(verbs, "t").axes[0].get_yticklabels(),
        "prominence": framing.prominence_figure(framing.prominence(ev), shares, "t")
        .axes[0]
        .get_yticklabels(),
    }
    for name, ticks in drawn.items():
        assert 2 <= len(ticks) <= outlets.MAX_SHOWN, name
    assert (
        drawn["coverage"][-1]
        .get_text()
        .replace("\n", " ")
        .startswith(outlets.others_label(ev.articles.outlet.nunique() - outlets.MAX_SHOWN + 1))
    )
    plt.close("all")
