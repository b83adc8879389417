"""Per-outlet figures pool the outlets that do not fit, keeping every count."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from boots.analysis import pooling
from boots.data import tables


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """60 synthetic articles from about 20 outlets: more than fit in a figure by name."""
    from boots.pipeline.synthetic import make_synthetic_articles

    folder = make_synthetic_articles(60, tmp_path_factory.mktemp("many") / "data")
    ev = tables.load(folder)
    assert ev.articles.outlet.nunique() > pooling.MAX_SHOWN
    return ev


def test_few_outlets_are_left_alone():
    frame = pd.DataFrame({"A": [1, 2], "B": [3, 4]})
    assert pooling.pooled(frame).equals(frame)


def test_many_outlets_keep_the_heaviest_and_sum_the_rest():
    frame = pd.DataFrame({f"O{i}": [i, 1] for i in range(20)})
    pooled = pooling.pooled(frame, shown=5)
    assert list(pooled.columns) == ["O19", "O18", "O17", "O16", "16 other outlets"]
    assert pooled.to_numpy().sum() == frame.to_numpy().sum()
    assert pooled["16 other outlets"].tolist() == [sum(range(16)), 16]
    rows = pooling.pooled(frame.T, axis="index", shown=5)
    assert list(rows.index) == list(pooled.columns)


def test_ties_keep_the_given_order():
    weights = pd.Series([1, 1, 1, 1], index=list("abcd"))
    assert pooling.heaviest(weights, shown=3) == ["a", "b"]


def test_per_outlet_figures_stay_readable_with_many_outlets(many):
    from boots.analysis import framing, sources

    ev = many
    matrix = sources.coverage_matrix(ev)
    lexicon_own = framing.lexicon_counts(ev, ev.lexicon, "own")
    lexicon_quoted = framing.lexicon_counts(ev, ev.lexicon, "quoted")
    verbs = framing.verb_counts(ev)
    shares = framing.stance_shares(ev)
    drawn = {
        "coverage": sources.coverage_figure(matrix, ev).axes[0].get_xticklabels(),
        "lexicon": framing.lexicon_figure(lexicon_own, lexicon_quoted, "t")
        .axes[0]
        .get_xticklabels(),
        "verbs": framing.verbs_figure(verbs, "t").axes[0].get_yticklabels(),
        "prominence": framing.prominence_figure(framing.prominence(ev), shares, "t")
        .axes[0]
        .get_yticklabels(),
    }
    for name, ticks in drawn.items():
        assert 2 <= len(ticks) <= pooling.MAX_SHOWN, name
    assert (
        drawn["coverage"][-1]
        .get_text()
        .replace("\n", " ")
        .startswith(pooling.others_label(ev.articles.outlet.nunique() - pooling.MAX_SHOWN + 1))
    )
    plt.close("all")


def test_a_note_names_a_few_outlets_and_counts_the_rest():
    assert pooling.listed(["A", "B", "A", "C"]) == "A, B, C"
    assert pooling.listed([f"O{i}" for i in range(10)], shown=4) == "O0, O1, O2 and 7 other outlets"
    assert pooling.listed(["A", "B", "C", "D"], shown=4) == "A, B, C, D"


def test_the_relay_graph_names_the_heaviest_outlets_and_pools_the_rest(many):
    from boots.analysis import spread

    relay = spread.relay_table(many)
    flows = spread.relay_flows(relay)
    ax = spread.relay_figure(flows, relay, "t").axes[0]
    outlet_x = max(text.xy[0] for text in ax.texts if hasattr(text, "xy"))
    shown = [t.get_text() for t in ax.texts if hasattr(t, "xy") and t.xy[0] == outlet_x]
    n = relay.outlet.nunique()
    assert len(shown) == pooling.MAX_SHOWN
    assert shown[-1] == pooling.others_label(n - pooling.MAX_SHOWN + 1)
    assert set(shown[:-1]) < set(relay.outlet)
    # the heaviest flow is drawn no wider than in the five real articles' figure
    widths = [w for collection in ax.collections for w in collection.get_linewidths()]
    assert max(widths) <= 0.6 + 0.9 * spread.RELAY_WIDEST_FLOW + 1e-9
    plt.close("all")


def test_the_timeline_notes_stay_short_with_many_outlets(many):
    from boots.analysis import spread

    marks = spread.article_marks(many)
    fig = spread.timeline_figure(spread.timeline_rows(many), marks, "t")
    notes = [t.get_text() for t in fig.axes[0].texts if t.get_text().startswith("published")]
    assert len(notes) == marks.published_earliest.nunique()
    for note in notes:
        assert "other outlets →" in " ".join(note.split())  # wrapped over lines
        assert max(len(line) for line in note.splitlines()) <= spread.NOTE_WIDTH + 2
    width = fig.get_tightbbox(fig.canvas.get_renderer()).width
    assert width < 1.6 * fig.get_figwidth()  # inches: no line running off to the side
    plt.close("all")
