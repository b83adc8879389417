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

import hashlib
import itertools
import re
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from boots.analysis import memo
from boots.data import text
from boots.data.tables import Evidence
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


# Up to this many articles every pair is compared; above it MinHash LSH proposes the pairs
# to compare (each still measured exactly), so the work grows with the number of articles
# and of similar pairs rather than with its square.
EXACT_UP_TO = 300
# LSH bands and rows per band: a pair with Jaccard similarity J becomes a candidate with
# probability 1 - (1 - J**4)**64: 0.98 at J = 0.5 and 0.9996 at J = 0.6 (pairs that share half
# their wording or more: copies), 0.10 at J = 0.2, 0.006 at J = 0.1. Above EXACT_UP_TO articles
# the pair table is therefore (almost) complete for copies and partial for looser overlap.
LSH_BANDS, LSH_ROWS = 64, 4
LSH_COMPLETE_FROM = 0.5
HEATMAP_UP_TO = 30  # above this many articles the figure ranks pairs instead of a grid
TOP_PAIRS = 25
PAIR_NAME_CHARS = 38  # each article's label in a pair's (ids kept whole): 79 characters at most


def _hashed(words: list[str], n: int) -> frozenset[int]:
    """The article's shingles as stable 64-bit hashes (the same in every process; two
    different shingles share a hash with probability about 2^-64, so counts are exact in
    practice)."""
    return frozenset(
        int.from_bytes(hashlib.blake2b(" ".join(words[i : i + n]).encode(), digest_size=8).digest())
        for i in range(len(words) - n + 1)
    )


@dataclass
class Corpus:
    """Every article tokenised and shingled once, for all pairs."""

    ids: list[str]
    words: dict[str, list[str]]
    sets: dict[str, frozenset[int]]
    n: int = SHINGLE_WORDS

    @classmethod
    def of(cls, bodies: dict[str, str], n: int = SHINGLE_WORDS) -> Corpus:
        words = {key: tokens(value) for key, value in bodies.items()}
        return cls(list(bodies), words, {k: _hashed(w, n) for k, w in words.items()}, n)


@memo.per_evidence
def article_reuse(evidence: Evidence) -> tuple[Corpus, pd.DataFrame]:
    """Every article body as a ``Corpus`` and its pair table (``reuse_pairs``), computed once
    per evidence (the corpus is shared: read it, do not change it)."""
    corpus = Corpus.of(
        {article: evidence.body(article) for article in evidence.articles.article_id}
    )
    return corpus, reuse_pairs(corpus)


def candidate_pairs(corpus: Corpus, method: str = "auto") -> list[tuple[str, str]]:
    """Pairs of articles worth measuring, in corpus order: every pair (``exact``), or the
    pairs MinHash LSH proposes (``lsh``; see ``LSH_BANDS``); ``auto`` chooses by ``EXACT_UP_TO``."""
    if method == "auto":
        method = "exact" if len(corpus.ids) <= EXACT_UP_TO else "lsh"
    if method == "exact":
        return list(itertools.combinations(corpus.ids, 2))
    from datasketch import MinHash, MinHashLSH

    low32 = np.uint64(0xFFFFFFFF)
    permutations = LSH_BANDS * LSH_ROWS
    lsh = MinHashLSH(num_perm=permutations, params=(LSH_BANDS, LSH_ROWS))
    position = {key: i for i, key in enumerate(corpus.ids)}
    signatures = {}
    for key in corpus.ids:
        signature = MinHash(num_perm=permutations, hashfunc=int)
        values = np.fromiter(corpus.sets[key], dtype=np.uint64, count=len(corpus.sets[key]))
        if len(values):
            signature.update_batch(values & low32)
            lsh.insert(key, signature)
        signatures[key] = signature
    pairs = set()
    for key in corpus.ids:
        if corpus.sets[key]:
            for other in lsh.query(signatures[key]):
                if other != key:
                    pairs.add(tuple(sorted((key, other), key=position.__getitem__)))
    return sorted(pairs, key=lambda p: (position[p[0]], position[p[1]]))


PAIR_COLUMNS = ["article_a", "article_b", "shared", "a_in_b", "b_in_a", "jaccard"]


def reuse_pairs(
    bodies: dict[str, str] | Corpus, n: int = SHINGLE_WORDS, method: str = "auto"
) -> pd.DataFrame:
    """One row per pair of articles that share at least one shingle: shared shingles,
    containment both ways (``a_in_b``: share of A's shingles found in B) and Jaccard, most
    similar first. Above ``EXACT_UP_TO`` articles only LSH candidates are measured (each
    exactly), so the table is complete from ``LSH_COMPLETE_FROM`` up and partial below it."""
    corpus = bodies if isinstance(bodies, Corpus) else Corpus.of(bodies, n)
    rows = []
    for a, b in candidate_pairs(corpus, method):
        sa, sb = corpus.sets[a], corpus.sets[b]
        shared = len(sa & sb)
        if shared:
            rows.append((a, b, shared, shared / len(sa), shared / len(sb), shared / len(sa | sb)))
    frame = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    return frame.sort_values("jaccard", ascending=False, kind="stable").reset_index(drop=True)


def reuse_matrices(
    bodies: dict[str, str], n: int = SHINGLE_WORDS
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Containment (row article in column article) and Jaccard matrices, labelled by id
    (every pair compared: for a few dozen articles; ``reuse_pairs`` scales)."""
    corpus = Corpus.of(bodies, n)
    return matrices(reuse_pairs(corpus, method="exact"), corpus.ids)


def matrices(pairs: pd.DataFrame, ids: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The pair table as square containment and Jaccard matrices (1 on the diagonal, 0
    where a pair shares nothing)."""
    contained = pd.DataFrame(np.eye(len(ids)), index=ids, columns=ids)
    similar = contained.copy()
    for row in pairs.itertuples(index=False):
        contained.at[row.article_a, row.article_b] = row.a_in_b
        contained.at[row.article_b, row.article_a] = row.b_in_a
        similar.at[row.article_a, row.article_b] = similar.at[row.article_b, row.article_a] = (
            row.jaccard
        )
    for frame in (contained, similar):
        frame.index.name = "article_id"
    return contained, similar


@dataclass(frozen=True)
class Passage:
    words: int
    text: str


def shared_passages(
    a: str | list[str], b: str | list[str], n: int = SHINGLE_WORDS, min_words: int | None = None
) -> list[Passage]:
    """Maximal runs of ``a``'s words whose every n-word shingle also occurs in ``b``,
    longest first (ties in order of appearance in ``a``). ``a`` and ``b`` are texts, or
    their ``tokens`` already computed."""
    words_a = tokens(a) if isinstance(a, str) else a
    in_b = shingles(tokens(b) if isinstance(b, str) else b, n)
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
    """The two different articles with the highest Jaccard similarity, from a pair table
    (``reuse_pairs``) or a square Jaccard matrix."""
    if list(similar.columns[:2]) == PAIR_COLUMNS[:2]:
        top = similar.iloc[0]
        return top.article_a, top.article_b, float(top.jaccard)
    pairs = [(a, b, similar.at[a, b]) for a, b in itertools.combinations(similar.index, 2)]
    return max(pairs, key=lambda p: p[2])


def longest_shared(
    bodies: dict[str, str] | Corpus,
    n: int = SHINGLE_WORDS,
    top: int = 3,
    min_words: int = 12,
    pairs: pd.DataFrame | None = None,
    most_similar: int = 20,
) -> pd.DataFrame:
    """For each pair of articles, its ``top`` longest shared passages of ``min_words`` or
    more; given a pair table, only for its ``most_similar`` pairs (where long passages are)."""
    corpus = bodies if isinstance(bodies, Corpus) else Corpus.of(bodies, n)
    if pairs is None:
        compared = list(itertools.combinations(corpus.ids, 2))
    else:
        compared = list(zip(pairs.article_a, pairs.article_b, strict=True))[:most_similar]
    rows = []
    for a, b in compared:
        for passage in shared_passages(corpus.words[a], corpus.words[b], corpus.n, min_words)[:top]:
            rows.append(
                {"article_a": a, "article_b": b, "words": passage.words, "passage": passage.text}
            )
    frame = pd.DataFrame(rows, columns=["article_a", "article_b", "words", "passage"])
    return frame.sort_values(
        ["words", "article_a", "article_b"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)


def reuse_title(similar: pd.DataFrame, outlets: dict[str, str]) -> str:
    """The text-reuse figure's finding: the closest pair and its Jaccard similarity."""
    if similar.empty:
        return "With a single article there is no pair of articles to compare"
    first, second, score = closest_pair(similar)
    return f"{outlets[first]} and {outlets[second]} share the most wording (Jaccard {score:.2f})"


def pair_explanation(wire_a: str | None, wire_b: str | None) -> str:
    """Why two articles may share wording, judged from their byline wires."""
    wire_a, wire_b = (w if isinstance(w, str) and w else None for w in (wire_a, wire_b))
    if wire_a and wire_a == wire_b:
        return f"both are credited to {wire_a}, so both descend from the same {wire_a} copy"
    credited = ", ".join(w for w in (wire_a, wire_b) if w) or "neither"
    return f"their bylines do not share a wire ({credited}), so the shared wording has a source they do not credit"


def reuse_figure(
    reuse: pd.DataFrame, names: dict[str, str], title: str, ids: list[str] | None = None
):
    """The reuse figure for a pair table (``reuse_pairs``; ``ids``: every article, in order)
    or a containment matrix: a heat map for up to ``HEATMAP_UP_TO`` articles, else the
    ``TOP_PAIRS`` most similar pairs ranked (an N x N grid is unreadable past a few dozen)."""
    if list(reuse.columns[:2]) == PAIR_COLUMNS[:2]:
        ids = ids if ids is not None else list(dict.fromkeys([*reuse.article_a, *reuse.article_b]))
        if len(ids) > HEATMAP_UP_TO:
            return top_pairs_figure(reuse, names, title)
        reuse = matrices(reuse, ids)[0]
    return heatmap_figure(reuse, names, title)


def label_of(
    article: str, names: dict[str, str], ambiguous: set[str], width: int | None = None
) -> str:
    """An article's outlet, with its id where the outlet published several articles (given
    as ``names``, e.g. ``Evidence.article_labels``, or added here for the ``ambiguous``
    outlets); at most ``width`` characters, the outlet's name cut and the id kept whole."""
    name = names.get(article, article)
    label = f"{name} ({article})" if name in ambiguous else name
    if not width or len(label) <= width:
        return label
    suffix = f" ({article})"
    if label.endswith(suffix):
        return figures.shorten_words(label[: -len(suffix)], width - len(suffix)) + suffix
    return figures.shorten_words(label, width)


def top_pairs_figure(pairs: pd.DataFrame, names: dict[str, str], title: str):
    """The ``TOP_PAIRS`` most similar pairs as ranked bars (Jaccard), labelled by outlet."""
    top = pairs.head(TOP_PAIRS)
    counts = pd.Series(list(names.values())).value_counts()
    ambiguous = set(counts[counts > 1].index)
    labels = [
        f"{label_of(a, names, ambiguous, PAIR_NAME_CHARS)} / "
        f"{label_of(b, names, ambiguous, PAIR_NAME_CHARS)}"
        for a, b in zip(top.article_a, top.article_b, strict=True)
    ]
    fig, ax = plt.subplots(figsize=(8, 0.28 * len(top) + 1.4))
    ax.barh(range(len(top)), top.jaccard, color="#0072B2")
    ax.set_yticks(range(len(top)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(f"Jaccard similarity of {SHINGLE_WORDS}-word sequences")
    ax.set_title(f"{title}\n(the {len(top)} most similar of {len(names):,} articles' pairs)")
    figures.source_note(fig, "article bodies (articles.csv body_lines)")
    return fig


def heatmap_figure(contained: pd.DataFrame, names: dict[str, str], title: str):
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
