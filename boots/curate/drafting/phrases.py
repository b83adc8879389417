"""Finding many phrases at once in linear time.

A regular expression that alternates a few hundred phrases (every printed name, alias and
reporting verb) is tried phrase by phrase at every position of the text. Here the text is
split into word tokens once and each token starts a dictionary look-up of the next one, two,
... up to the longest phrase's words: the cost is the number of tokens times the longest
phrase's length, whatever the number of phrases.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Words, with hyphens and inner apostrophes ("don't", "secretary-general"); a possessive 's is
# a token of its own, so "NATO's" holds the name "NATO".
TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*(?:['’](?![sS]\b)[^\W_]+)*|['’][sS]\b")


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """The word with typographic apostrophes straightened and accents dropped, so that
    ``Séjourné`` printed with its accents matches the table's ``Sejourne`` and the other way
    round."""
    word = word.replace("’", "'")
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens_of(phrase: str) -> tuple[str, ...]:
    return tuple(_fold(t) for t in TOKEN.findall(phrase))


@dataclass
class Match:
    start: int
    end: int
    value: object
    first_token: int
    last_token: int


class Tokens:
    """The word tokens of a text, with whether each is followed by white space only."""

    def __init__(self, text: str):
        self.text = text
        found = list(TOKEN.finditer(text.replace("’", "'")))  # same length: offsets hold
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]
        self.words = [w if w.isascii() else _fold(w) for w in (m.group() for m in found)]
        self.lower = [w.lower() for w in self.words]
        self.joined = [
            not text[self.ends[i] : self.starts[i + 1]].strip() for i in range(len(found) - 1)
        ] + [False]


class PhraseMatcher:
    """Leftmost-longest matches of a set of phrases (each with a value)."""

    def __init__(self, phrases: dict[str, object], ignore_case: bool):
        self.ignore_case = ignore_case
        self.table: dict[tuple[str, ...], object] = {}
        for phrase, value in phrases.items():
            key = tokens_of(phrase.lower() if ignore_case else phrase)
            if key:
                self.table.setdefault(key, value)
        self.longest = max((len(k) for k in self.table), default=0)
        self.firsts = {k[0] for k in self.table}

    def find(self, tokens: Tokens) -> list[Match]:
        words = tokens.lower if self.ignore_case else tokens.words
        out, i, n = [], 0, len(words)
        firsts = self.firsts
        while i < n:
            if words[i] not in firsts:
                i += 1
                continue
            found = None
            length = 1
            while length <= self.longest and i + length <= n:
                key = tuple(words[i : i + length])
                if key in self.table:
                    found = (length, self.table[key])
                if not tokens.joined[i + length - 1]:
                    break
                length += 1
            if found:
                last = i + found[0] - 1
                out.append(Match(tokens.starts[i], tokens.ends[last], found[1], i, last))
                i = last + 1
            else:
                i += 1
        return out
