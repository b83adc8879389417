"""Notebook 03's logic, with expectations computed by hand."""

from __future__ import annotations

import csv
from types import SimpleNamespace

import pandas as pd
import pytest

from boots.analysis import framing
from boots.util import config


def test_word_diff_similarity_and_coverage_by_hand():
    reference, wording = ["a", "b", "c", "d"], ["a", "x", "c", "d"]
    assert framing.word_diff(reference, wording) == "a [-b-] {+x+} c d"
    assert framing.similarity(reference, wording) == pytest.approx(2 * 3 / 8)
    assert framing.coverage(reference, wording) == pytest.approx(3 / 4)
    excerpt = ["b", "c"]
    assert framing.coverage(reference, excerpt) == 1.0
    assert framing.similarity(reference, excerpt) == pytest.approx(2 * 2 / 6)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("said", "say"),
        ("told", "tell"),
        ("saying", "say"),
        ("has insisted", "insist"),
        ("ruled out", "rule out"),
        ("echoed", "echo"),
    ],
)
def test_lemma(printed, expected):
    assert framing.lemma(printed) == expected


def test_quoted_words_are_counted_and_attributed_by_hand(ev):
    table = framing.prominence(ev).set_index(["outlet", "speaker"])
    # “You can’t rule anything out in a war.” = 8 words; Podolyak's quotation = 17 words.
    assert table.at[("Al Jazeera", "Gabriel Attal"), "quoted_words"] == 8
    assert table.at[("Al Jazeera", "Mykhailo Podolyak"), "quoted_words"] == 17
    # Tusk is only paraphrased by Al Jazeera: a mention, but no quoted words.
    assert table.at[("Al Jazeera", "Donald Tusk"), "quoted_words"] == 0
    assert table.at[("Al Jazeera", "Donald Tusk"), "mentions"] == 1
    # Euronews' headline quotes Peskov ('inevitability', a repeat): he comes first.
    assert table.at[("Euronews", "Dmitry Peskov"), "first_rank"] == 1


def test_stance_shares_sum_to_one_per_outlet(ev):
    shares = framing.stance_shares(ev)
    assert list(shares.index) == list(ev.articles.outlet)
    assert (shares.sum(axis=1).round(9) == 1).all()


def test_lexicon_counts_and_kwic_on_a_tiny_corpus():
    evidence = SimpleNamespace(
        articles=pd.DataFrame(
            {"article_id": ["a", "b"], "outlet": ["A", "B"], "body_lines": ["1", "1"]}
        ),
        texts={
            "a": "Boots on the ground? No boots on ground, the military operation.",
            "b": "No plans.",
        },
        outlets=["A", "B"],
    )
    lexicon = pd.DataFrame(
        {
            "term_id": ["boots", "op"],
            "group": ["troops", "war"],
            "label": ["boots", "op"],
            "pattern": ["boots on (the )?ground", "military operation"],
        }
    )
    counts = framing.lexicon_counts(evidence, lexicon)
    assert counts.loc["boots", "A"] == 2 and counts.loc["op", "A"] == 1
    assert counts.loc["boots", "B"] == 0
    hits = framing.kwic(evidence, lexicon, width=10)
    assert list(hits.match) == ["Boots on the ground", "boots on ground", "military operation"]
    # Context is cut at word boundaries, never inside a word ("ound, the "), marked "…".
    assert hits.iloc[2].left == "…the ".rjust(10)
    assert hits.iloc[0].right == "? No boots"
    assert hits.iloc[1].right == ", the…"


def test_drift_surfaces_stoltenberg_in_every_outlet_and_peskovs_possibility(ev):
    drift = framing.drift_table(ev)
    stoltenberg = drift[drift.statement == "stoltenberg-no-plans"]
    assert set(stoltenberg.outlet) == set(ev.articles.outlet)
    assert stoltenberg.set_index("outlet").at["Associated Press", "similarity"] == 1.0
    voi = drift[(drift.statement == "peskov-inevitability") & (drift.outlet == "VOI")].iloc[0]
    assert "[-probability-] {+possibility+}" in voi["diff"]
    minimum = drift.groupby("statement", sort=False).similarity.min()
    assert list(minimum) == sorted(minimum), "most changed statements first"


def test_drift_csv_has_the_columns_the_issue_names():
    header = (
        (config.DEFAULT_FIGURES_DIR / "03-quote-drift.csv")
        .read_text(encoding="utf-8")
        .splitlines()[0]
    )
    columns = next(csv.reader([header]))
    assert {"statement", "article", "wording", "similarity"} <= set(columns)


def test_printed_errors_list_each_error_once_with_its_correction(ev):
    errors = framing.printed_errors(ev)
    assert set(errors["name form"]) == {
        "Rishi Sunak",
        "Peter Fiala",
        "Giorgi Meloni",
        "Peter Szijjarto",
        "Stephane Sejourne",
    }
    kinds = errors.set_index("name form").kind
    assert (
        kinds["Stephane Sejourne"] == "accents dropped"
        and kinds["Rishi Sunak"] == "misspelt or misattributed"
    )
    assert errors.correction.str.len().gt(0).all()


def test_mentions_by_stance_count_every_mention_once(ev):
    counts = framing.mentions_by_stance(ev)
    per_outlet = ev.mentions_in_full().groupby("outlet").size()
    assert counts.sum(axis=1).to_dict() == per_outlet.to_dict()
    # VOI's denials: Stoltenberg, Scholz, Pistorius, the White House, the US government
    # (reported with unnamed allies) and five governments.
    assert counts.loc["VOI", "rules_out"] == 10
    assert counts.loc["VOI", "open"] == 2  # Macron and Séjourné


def test_lexicon_counts_split_own_words_from_quoted_words(ev):
    everything = framing.lexicon_counts(ev, ev.lexicon)
    own = framing.lexicon_counts(ev, ev.lexicon, voice="own")
    quoted = framing.lexicon_counts(ev, ev.lexicon, voice="quoted")
    numbers = list(ev.articles.outlet)
    assert (own[numbers] + quoted[numbers]).equals(everything[numbers])
    # Peskov's "not about the probability" is quoted; VOI's "a signal from France about the
    # possibility" is its own framing.
    assert quoted.at["probability", "Euronews"] >= 1
    assert own.at["probability", "VOI"] >= 1
    hits = framing.kwic(ev, ev.lexicon)
    peskov = hits[(hits.outlet == "Euronews") & (hits.match == "probability")]
    assert set(peskov.voice) == {"quoted"}


def test_distortion_counts_list_every_outlet_and_add_up(ev):
    counts = framing.distortion_counts(ev)
    assert list(counts.index) == list(ev.articles.outlet)
    assert counts.total.sum() == len(ev.distortions)
    kinds = counts.drop(columns=["total", "statements reported"])
    assert (kinds.sum(axis=1) == counts.total).all()
    table = framing.distortion_table(ev)
    assert not table.change.isin(ev.distortions.kind).any()  # labels, not codes
    assert framing.distortions_title(counts).startswith(
        f"{(counts.total > 0).sum()} of {len(counts)} outlets"
    )


def test_showcase_statements_follow_their_rule(ev):
    drift = framing.drift_table(ev)
    chosen = framing.showcase_statements(ev, drift)
    quoted = drift[drift.quote_type != "paraphrase"].groupby("statement").outlet.nunique()
    assert quoted[chosen["most quoted"]] == quoted.max()
    stated = ev.statements.set_index("statement_id")
    warning = stated.loc[chosen["firmest warning"]]
    assert warning.stance == "warns"
    warnings = stated[stated.stance == "warns"]
    assert "categorical" in set(warnings.firmness)
    assert warning.firmness == "categorical"


def test_drift_and_distortion_figures_pool_outlets_past_the_readable_number():
    import matplotlib.pyplot as plt

    from boots.analysis import pooling

    names = [f"Outlet {i:02d}" for i in range(20)]
    drift = pd.DataFrame(
        {
            "statement": ["s1"] * 20 + ["s2"] * 5,
            "speaker": ["A"] * 25,
            "summary": ["said something"] * 25,
            "article": [f"a{i:02d}" for i in range(20)] + [f"a{i:02d}" for i in range(5)],
            "outlet": names + names[:5],
            "quote_type": ["direct"] * 25,
            "similarity": [1.0] * 25,
        }
    )
    fig = framing.drift_figure(drift, "Drift")
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    # MAX_SHOWN - 1 named: the five with two wordings first, then in order; the rest pooled.
    named = pooling.MAX_SHOWN - 1
    pooled = pooling.others_label(len(names) - named)
    assert legend == [*names[:5], *names[5:named], pooled, "hollow: paraphrase"]

    kinds = list(framing.distortion_kinds().values())
    counts = pd.DataFrame(0, index=pd.Index(names + names[:1], name="outlet"), columns=kinds)
    counts.iloc[:, 0] = range(21)  # "Outlet 00" has two articles: 0 + 20 changes
    counts.insert(0, "total", counts.sum(axis=1))
    counts["statements reported"] = 3
    fig = framing.distortions_figure(counts, framing.distortions_title(counts))
    rows = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert rows == ["Outlet 00", *[f"Outlet {i}" for i in range(19, 9, -1)], "9 other outlets"]
    # The title's place is the style's (boots.render.figures sets the axes' title location).
    title = "".join(fig.axes[0].get_title(loc) for loc in ("left", "center", "right"))
    assert title.startswith("20 of 20 outlets changed what a source said")
    plt.close("all")
