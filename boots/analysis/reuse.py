"""Text reuse between articles: word n-gram shingles, containment, Jaccard, shared passages.

Texts are compared as lower-case word sequences after the project's normalisation
(``boots.data.text.normalise``), so typography does not count as a difference. A *shingle* is a
run of ``n`` consecutive words. For two texts A and B with shingle sets S(A), S(B):

* containment of A in B = |S(A) ∩ S(B)| / |S(A)|: the share of A's shingles that B also has
  (high when B reproduces much of A, whatever B adds);
* Jaccard = |S(A) ∩ S(B)| / |S(A) ∪ S(B)|: overlap relative to both.

Shared passages are maximal runs of A's words whose every shingle occurs in B.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from boots.data import text
from boots.render import figures

SHINGLE_WORDS = 5
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def tokens(passage: str) -> list[str]:
    """Lower-case words of ``passage`` (apostrophes kept inside words, other punctuation dropped)."""
    return _WORD.findall(text.normalise(passage).lower())


def shingles(words: list[str], n: int = SHINGLE_WORDS) -> set[tuple[str, ...]]:
    """The set of runs of ``n`` consecutive words (empty if there are fewer than ``n``)."""
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def containment(a: set, b: set) -> float:
    """Share of ``a``'s shingles that ``b`` also has (0 if ``a`` is empty)."""
    return len(a & b) / len(a) if a else 0.0


def jaccard(a: set, b: set) -> float:
    """Shared shingles over all shingles of either (0 if both are empty)."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def reuse_matrices(
    bodies: dict[str, str], n: int = SHINGLE_WORDS
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Containment (row article in column article) and Jaccard matrices, labelled by id."""
    sets = {key: shingles(tokens(value), n) for key, value in bodies.items()}
    ids = list(sets)
    contained = pd.DataFrame(
        [[containment(sets[a], sets[b]) for b in ids] for a in ids], index=ids, columns=ids
    )
    similar = pd.DataFrame(
        [[jaccard(sets[a], sets[b]) for b in ids] for a in ids], index=ids, columns=ids
    )
    for frame in (contained, similar):
        frame.index.name = "article_id"
    return contained, similar


@dataclass(frozen=True)
class Passage:
    words: int
    text: str


def shared_passages(
    a: str, b: str, n: int = SHINGLE_WORDS, min_words: int | None = None
) -> list[Passage]:
    """Maximal runs of ``a``'s words whose every n-word shingle also occurs in ``b``,
    longest first (ties in order of appearance in ``a``)."""
    words_a = tokens(a)
    in_b = shingles(tokens(b), n)
    found: list[Passage] = []
    start = None
    for i in range(len(words_a) - n + 2):
        hit = i <= len(words_a) - n and tuple(words_a[i : i + n]) in in_b
        if hit and start is None:
            start = i
        elif not hit and start is not None:
            run = words_a[start : i - 1 + n]
            found.append(Passage(len(run), " ".join(run)))
            start = None
    minimum = min_words or n
    kept = [p for p in found if p.words >= minimum]
    return sorted(kept, key=lambda p: -p.words)


def closest_pair(similar: pd.DataFrame) -> tuple[str, str, float]:
    """The two different articles with the highest Jaccard similarity."""
    pairs = [(a, b, similar.at[a, b]) for a, b in itertools.combinations(similar.index, 2)]
    return max(pairs, key=lambda p: p[2])


def longest_shared(
    bodies: dict[str, str], n: int = SHINGLE_WORDS, top: int = 3, min_words: int = 12
) -> pd.DataFrame:
    """For each pair of articles, its ``top`` longest shared passages of ``min_words`` or more."""
    rows = []
    for a, b in itertools.combinations(bodies, 2):
        for passage in shared_passages(bodies[a], bodies[b], n, min_words)[:top]:
            rows.append(
                {"article_a": a, "article_b": b, "words": passage.words, "passage": passage.text}
            )
    frame = pd.DataFrame(rows, columns=["article_a", "article_b", "words", "passage"])
    return frame.sort_values(
        ["words", "article_a", "article_b"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)


def reuse_title(similar: pd.DataFrame, outlets: dict[str, str]) -> str:
    """The text-reuse figure's finding: the closest pair and its Jaccard similarity."""
    first, second, score = closest_pair(similar)
    return f"{outlets[first]} and {outlets[second]} share the most wording (Jaccard {score:.2f})"


def pair_explanation(wire_a: str | None, wire_b: str | None) -> str:
    """Why two articles may share wording, judged from their byline wires."""
    wire_a, wire_b = (w if isinstance(w, str) and w else None for w in (wire_a, wire_b))
    if wire_a and wire_a == wire_b:
        return f"both are credited to {wire_a}, so both descend from the same {wire_a} copy"
    credited = ", ".join(w for w in (wire_a, wire_b) if w) or "neither"
    return f"their bylines do not share a wire ({credited}), so the shared wording has a source they do not credit"


def reuse_figure(contained: pd.DataFrame, names: dict[str, str], title: str):
    """Heat map of containment: row article's shingles found in the column article."""
    labels = [names.get(a, a) for a in contained.index]
    fig, ax = plt.subplots(figsize=(7.5, 6.2))
    values = contained.to_numpy(dtype=float, copy=True)
    np.fill_diagonal(values, np.nan)
    colours = plt.get_cmap("Blues").with_extremes(bad="#EEEEEE")
    image = figures.annotated_heatmap(
        ax,
        values,
        lambda v, i, j: "—" if i == j else f"{v:.0%}",
        dark_above=0.2,
        vmax=max(0.3, float(np.nanmax(values))),
        cmap=colours,
    )
    ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel(f"...found in this article (shared {SHINGLE_WORDS}-word sequences)")
    ax.set_ylabel("Share of this article's wording...")
    fig.colorbar(image, ax=ax, shrink=0.75, format=lambda v, _: f"{v:.0%}")
    ax.set_title(title)
    figures.source_note(fig, "article bodies (articles.csv body_lines)")
    return fig
