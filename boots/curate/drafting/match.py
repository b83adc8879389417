"""Extractor (e): which recorded statement a passage reports, by a paraphrase-aware similarity.

Two passages are compared on their content words (``cue_words.csv``'s function words left
out), each reduced to its dictionary form (lemminflect) and its Snowball stem, so
``sent``/``sending``/``send`` and ``troops``/``troop`` agree; and on their negation: a passage that says ``not`` (``no``, ``never``, ``n't``...)
where the other does not says the opposite, whatever words they share. The score (0-100) is

    70 × shared stems / the smaller passage's stems  (scaled down when fewer than 3 are shared)
  + 30 × rapidfuzz's token-set ratio                 (word order and spelling)
  − 25 × the first term's fraction, when one is negated and the other is not (opposite
    claims about the same things; the fewer things shared, the less negation tells).

A statement's wordings are its summary and the quotations of its mentions in the other
articles; a passage scores the best of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer
from lemminflect import getAllLemmas
from rapidfuzz import fuzz

from boots.curate.drafting import lexicon

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
SHARED_FOR_FULL_WEIGHT = 3
NEGATION_PENALTY = 25


@cache
def _stemmer():
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """The word's dictionary form (lemminflect: ``sent`` → ``send``), then its stem."""
    lemmas = getAllLemmas(word)
    for pos in ("VERB", "NOUN", "ADJ"):
        if pos in lemmas:
            word = lemmas[pos][0]
            break
    return _stemmer().stemWord(word)


@dataclass(frozen=True)
class Words:
    text: str
    stems: frozenset[str]
    negated: bool


@lru_cache(maxsize=16384)
def words(passage: str) -> Words:
    function = lexicon.words("function")
    negation = lexicon.words("negation")
    tokens = [t.lower().replace("’", "'") for t in _WORD.findall(passage)]
    negations = sum(t in negation or t.endswith("n't") for t in tokens)
    stems = frozenset(_stem(t) for t in tokens if t not in function and t not in negation)
    return Words(" ".join(tokens), stems, bool(negations % 2))


def similarity(a: str, b: str) -> float:
    """How well passage ``a`` and wording ``b`` say the same thing (module docstring)."""
    x, y = words(a), words(b)
    if not x.stems or not y.stems:
        return 0.0
    shared = len(x.stems & y.stems)
    content = shared / min(len(x.stems), len(y.stems)) * min(1.0, shared / SHARED_FOR_FULL_WEIGHT)
    score = 70 * content + 0.3 * fuzz.token_set_ratio(x.text, y.text)
    if x.negated != y.negated:
        score -= NEGATION_PENALTY * content
    return max(0.0, score)


def best(passage: str, wordings: dict[str, list[str]], candidates) -> list[tuple[float, str]]:
    """``(score, statement_id)`` for each candidate statement, best first."""
    scored = [
        (max((similarity(passage, w) for w in wordings.get(s, ())), default=0.0), s)
        for s in candidates
    ]
    return sorted(scored, reverse=True)
