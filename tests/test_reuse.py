"""Text reuse on small texts whose overlap is known exactly."""

import pandas as pd
import pytest

from boots.analysis import reuse
from boots.data import tables
from boots.pipeline.synthetic import make_synthetic_articles
from boots.render import figures


def test_tokens_fold_case_typography_and_punctuation():
    assert reuse.tokens("“NATO’s chief” – said: no, NO!") == ["nato's", "chief", "said", "no", "no"]


def test_shingles():
    assert reuse.shingles(["a", "b", "c", "d"], 3) == {("a", "b", "c"), ("b", "c", "d")}
    assert reuse.shingles(["a", "b"], 3) == set()


def test_containment_and_jaccard_by_hand():
    # A = "one two three four five" has 3 trigrams; B shares the first two of them.
    a = reuse.shingles(reuse.tokens("one two three four five"), 3)
    b = reuse.shingles(reuse.tokens("one two three four six seven"), 3)
    assert len(a) == 3 and len(b) == 4 and len(a & b) == 2
    assert reuse.containment(a, b) == pytest.approx(2 / 3)
    assert reuse.containment(b, a) == pytest.approx(2 / 4)
    assert reuse.jaccard(a, b) == pytest.approx(2 / 5)
    assert reuse.containment(set(), b) == 0.0 and reuse.jaccard(set(), set()) == 0.0


def test_identical_and_disjoint_texts():
    a = reuse.shingles(reuse.tokens("the alliance has no plans to send troops"), 3)
    assert reuse.jaccard(a, a) == 1.0 and reuse.containment(a, a) == 1.0
    c = reuse.shingles(reuse.tokens("completely different words entirely here now"), 3)
    assert reuse.jaccard(a, c) == 0.0


def test_matrix_is_labelled_by_id_and_asymmetric_for_containment():
    contained, similar = reuse.reuse_matrices({"x": "a b c d e", "y": "a b c d e f g h"}, n=3)
    assert list(contained.index) == ["x", "y"] and list(contained.columns) == ["x", "y"]
    assert contained.at["x", "y"] == 1.0  # all 3 of x's trigrams are in y
    assert contained.at["y", "x"] == pytest.approx(3 / 6)
    assert similar.at["x", "y"] == similar.at["y", "x"] == pytest.approx(3 / 6)


def test_shared_passages_are_maximal_runs_longest_first():
    a = "intro words here the alliance has no plans to send troops and then a b c d filler x y z w"
    b = "x y z w elsewhere and the alliance has no plans to send troops today"
    passages = reuse.shared_passages(a, b, n=3)
    assert [p.text for p in passages] == ["the alliance has no plans to send troops", "x y z w"]
    assert [p.words for p in passages] == [8, 4]
    assert reuse.shared_passages(a, b, n=3, min_words=5)[0].words == 8


def test_shared_passage_at_the_very_end_is_found():
    assert reuse.shared_passages("p q r s t", "zz r s t", n=3)[0].text == "r s t"


def test_closest_pair_and_longest_shared():
    bodies = {
        "a": "one two three four five six",
        "b": "one two three four five seven",
        "c": "eight nine ten eleven",
    }
    _, similar = reuse.reuse_matrices(bodies, n=2)
    assert reuse.closest_pair(similar)[:2] == ("a", "b")
    table = reuse.longest_shared(bodies, n=2, min_words=3)
    assert table.to_dict("records") == [
        {"article_a": "a", "article_b": "b", "words": 5, "passage": "one two three four five"}
    ]
    assert isinstance(table, pd.DataFrame)


def real_corpus():
    ev = tables.load()
    return reuse.Corpus.of({a: ev.body(a) for a in ev.articles.article_id})


def test_pair_table_matches_the_matrices_on_the_real_articles():
    corpus = real_corpus()
    pairs = reuse.reuse_pairs(corpus, method="exact")
    contained, similar = reuse.matrices(pairs, corpus.ids)
    for row in pairs.itertuples(index=False):
        a, b = corpus.words[row.article_a], corpus.words[row.article_b]
        sa, sb = reuse.shingles(a), reuse.shingles(b)
        assert row.jaccard == pytest.approx(reuse.jaccard(sa, sb))
        assert contained.at[row.article_a, row.article_b] == pytest.approx(
            reuse.containment(sa, sb)
        )
        assert similar.at[row.article_b, row.article_a] == pytest.approx(row.jaccard)
    assert reuse.closest_pair(pairs) == reuse.closest_pair(similar)


def test_lsh_finds_every_copy_the_exact_comparison_finds(tmp_path):
    # The real articles plus synthetic ones, one in twenty a repost of another: the LSH
    # candidates must include every pair the exact comparison finds from LSH_COMPLETE_FROM
    # up, with the same measures.
    folder = make_synthetic_articles(120, tmp_path / "data")
    ev = tables.load(folder)
    corpus = reuse.Corpus.of({a: ev.body(a) for a in ev.articles.article_id})
    exact = reuse.reuse_pairs(corpus, method="exact")
    lsh = reuse.reuse_pairs(corpus, method="lsh")
    copies = exact[exact.jaccard >= reuse.LSH_COMPLETE_FROM]
    assert len(copies) >= 5
    found = lsh.set_index(["article_a", "article_b"])
    for row in copies.itertuples(index=False):
        assert found.at[(row.article_a, row.article_b), "jaccard"] == row.jaccard
    assert reuse.closest_pair(lsh) == reuse.closest_pair(exact)


def test_real_articles_are_compared_exactly_and_lsh_agrees_on_the_closest_copy():
    corpus = real_corpus()
    assert len(corpus.ids) <= reuse.EXACT_UP_TO
    assert len(reuse.candidate_pairs(corpus)) == len(corpus.ids) * (len(corpus.ids) - 1) // 2
    # The AP copy reposted under another id is a copy LSH must find, as the exact method does.
    bodies = {a: " ".join(corpus.words[a]) for a in corpus.ids}
    bodies["ap-copy"] = bodies["ap-repost"] + " a closing line the copy adds"
    both = reuse.Corpus.of(bodies)
    assert reuse.closest_pair(reuse.reuse_pairs(both, method="lsh"))[:2] == ("ap-repost", "ap-copy")


def test_figure_ranks_pairs_beyond_the_heatmap_size(tmp_path):
    folder = make_synthetic_articles(reuse.HEATMAP_UP_TO + 10, tmp_path / "data")
    ev = tables.load(folder)
    corpus = reuse.Corpus.of({a: ev.body(a) for a in ev.articles.article_id})
    pairs = reuse.reuse_pairs(corpus)
    fig = reuse.reuse_figure(pairs, ev.outlet_names, "title", ids=corpus.ids)
    bars = fig.axes[0].patches
    assert len(bars) == min(reuse.TOP_PAIRS, len(pairs))
    per_outlet = ev.articles.outlet.value_counts()
    for names in (ev.outlet_names, ev.article_labels):  # the notebook passes article labels
        drawn = reuse.reuse_figure(pairs, names, "title", ids=corpus.ids)
        labels = [t.get_text() for t in drawn.axes[0].get_yticklabels()]
        named = 0
        for label, a, b in zip(labels, pairs.article_a, pairs.article_b, strict=False):
            assert len(label) <= figures.MAX_LINE_CHARS  # not cut again when saved
            for article in (a, b):
                if per_outlet[ev.outlet_names[article]] > 1:  # told apart by its id, never cut
                    assert f"({article})" in label, label
                    named += 1
        assert named  # the synthetic outlets publish several articles each
    assert (
        reuse.label_of(
            "x1", {"x1": "A very long outlet name indeed"}, {"A very long outlet name indeed"}, 20
        )
        == "A very long … (x1)"
    )
    real = real_corpus()
    small = reuse.reuse_figure(reuse.reuse_pairs(real), ev.outlet_names, "title", ids=real.ids)
    assert small.axes[0].images  # a heat map for a few articles


def test_shorten_words_never_cuts_a_word():
    label = "Synthetic Outlet 00012 / Another Outlet"
    short = figures.shorten_words(label, 25)
    assert len(short) <= 25 and short.endswith(" …")
    assert label.startswith(short.removesuffix(" …") + " ")
    assert figures.shorten_words("Short one", 25) == "Short one"
