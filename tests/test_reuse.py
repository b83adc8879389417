"""Text reuse on small texts whose overlap is known exactly."""

import pandas as pd
import pytest

from boots.analysis import reuse


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
