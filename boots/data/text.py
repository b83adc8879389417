"""Matching quotes against article texts.

Matching normalises only what typesetting changes without changing words:
typographic double quotes become ``"``, typographic single quotes and apostrophes
become ``'``, dashes become ``-`` and every run of whitespace becomes one space.
Everything else (spelling, punctuation, brackets, ellipses, case) must match exactly.
All positions reported here are character offsets into the original, unnormalised text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"'),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)
_SPACE = re.compile(r"\s+")
# str.translate walks every character in Python's slow path once a text is not ASCII; a
# regular expression finds the few typographic marks and replaces only those.
_TYPOGRAPHY = re.compile("[" + "".join(chr(c) for c in _TRANSLATE) + "]")


def _typeset(text: str) -> str:
    """``text`` with typographic quotes, apostrophes and dashes folded (same length)."""
    return _TYPOGRAPHY.sub(lambda mark: _TRANSLATE[ord(mark.group())], text)


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """The comparison form of ``text`` (see the module docstring), stripped at both ends."""
    return _SPACE.sub(" ", _typeset(text)).strip()


# Whether each code point up to U+3000 is one that str.isspace() (and so the regular
# expression \s) counts as space; no code point above U+3000 is.
_IS_SPACE = np.array([chr(c).isspace() for c in range(0x3002)], dtype=bool)


def fold(text: str) -> str:
    """``text`` with typographic quotes, apostrophes and dashes folded as ``normalise`` does,
    but whitespace kept: the result has the same length, so offsets carry over."""
    return text.translate(_TRANSLATE)


def passage_key(passage: str) -> str:
    """How a quoted passage is matched (exclusions, repeats): normalised, without the edge
    punctuation that quotation marks may enclose."""
    return normalise(passage).strip(",;:. ")


@lru_cache(maxsize=256)
def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` without stripping; also return, for each output character,
    the offset of the original character it came from (one extra entry maps the end)."""
    translated = _typeset(text)
    codes = np.frombuffer(translated.encode("utf-32-le"), dtype=np.uint32)
    space = _IS_SPACE[np.minimum(codes, len(_IS_SPACE) - 1)]
    repeated = space & np.concatenate(([False], space[:-1]))  # a space after a space goes
    index = np.flatnonzero(~repeated).tolist()
    index.append(len(text))
    return _SPACE.sub(" ", translated), index


@dataclass(frozen=True)
class Span:
    """A passage of an article: ``text[start:end]``."""

    start: int
    end: int


def find_all(quote: str, text: str) -> list[Span]:
    """Every place where ``quote`` occurs in ``text`` after normalisation."""
    needle = normalise(quote)
    if not needle:
        return []
    haystack, index = normalise_with_map(text)
    spans = []
    at = haystack.find(needle)
    while at != -1:
        spans.append(Span(index[at], index[at + len(needle) - 1] + 1))
        at = haystack.find(needle, at + 1)
    return spans


def locate(quote: str, text: str) -> Span | None:
    """The first place where ``quote`` occurs in ``text`` after normalisation, or None."""
    spans = find_all(quote, text)
    return spans[0] if spans else None


@dataclass(frozen=True)
class Closest:
    """The passage of a text that best matches a quote that was not found verbatim."""

    span: Span
    passage: str
    score: float


def closest_passage(quote: str, text: str) -> Closest | None:
    """The passage of ``text`` most similar to ``quote`` (fuzzy, for error messages)."""
    needle = normalise(quote)
    haystack, index = normalise_with_map(text)
    if not needle or not haystack:
        return None
    alignment = fuzz.partial_ratio_alignment(needle, haystack)
    if alignment is None:
        return None
    first, last = _whole_words(haystack, alignment.dest_start, alignment.dest_end)
    start = index[first]
    end = index[max(last - 1, first)] + 1
    return Closest(Span(start, end), text[start:end], round(alignment.score, 1))


def _in_word(char: str) -> bool:
    return char.isalnum() or char in "'-"


def _whole_words(haystack: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``haystack[start:end]`` so that it neither starts nor ends inside a word."""
    while start > 0 and _in_word(haystack[start - 1]) and _in_word(haystack[start]):
        start -= 1
    while (
        end < len(haystack) and end > 0 and _in_word(haystack[end - 1]) and _in_word(haystack[end])
    ):
        end += 1
    while start < end and haystack[start] == " ":
        start += 1
    while end > start and haystack[end - 1] == " ":
        end -= 1
    return start, end


def line_starts(text: str) -> list[int]:
    """Offset of the first character of each line (line 1 first)."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def line_of(offset: int, text: str) -> int:
    """The 1-based line number holding character ``offset``."""
    return text.count("\n", 0, offset) + 1


_RANGES = re.compile(r"^\d+(-\d+)?(,\d+(-\d+)?)*$")


def parse_line_ranges(value: str) -> list[tuple[int, int]]:
    """Parse ``"1,10-39"`` into inclusive 1-based ``[(1, 1), (10, 39)]``.

    Raises ValueError for bad syntax, reversed or overlapping ranges."""
    compact = value.replace(" ", "")
    if not _RANGES.match(compact):
        raise ValueError(f"not a list of line ranges like '1,10-39': {value!r}")
    ranges = []
    for part in compact.split(","):
        first, _, last = part.partition("-")
        lo, hi = int(first), int(last or first)
        if lo < 1 or hi < lo:
            raise ValueError(f"range {part!r} is empty or starts below line 1")
        if ranges and lo <= ranges[-1][1]:
            raise ValueError(f"range {part!r} overlaps or precedes the range before it")
        ranges.append((lo, hi))
    return ranges


def body_spans(text: str, body_lines: str) -> list[Span]:
    """The character spans of ``text`` covered by the line ranges ``body_lines``."""
    starts = line_starts(text)
    n_lines = len(starts)
    spans = []
    for lo, hi in parse_line_ranges(body_lines):
        if hi > n_lines:
            raise ValueError(f"line {hi} is past the end of the text ({n_lines} lines)")
        end = starts[hi] - 1 if hi < n_lines else len(text)
        spans.append(Span(starts[lo - 1], end))
    return spans


def body_text(text: str, body_lines: str) -> str:
    """The lines ``body_lines`` names, joined by line breaks."""
    return "\n".join(text[s.start : s.end] for s in body_spans(text, body_lines))


def within(span: Span, spans: list[Span]) -> bool:
    """Whether ``span`` lies inside one of ``spans``."""
    return any(outer.start <= span.start and span.end <= outer.end for outer in spans)


@dataclass(frozen=True)
class QuotedPassage:
    """Words an article prints inside quotation marks: ``span`` excludes the marks, any
    leading space and any trailing ``, ; : .``."""

    span: Span
    text: str
    mark: str


_OPENING_BEFORE = set(" ([{-/\u2026")
# Punctuation that English prints inside closing quotation marks ("..., he said") belongs to
# the sentence, not to the quoted words, so it is trimmed from the end of a quoted passage.
_EDGE_PUNCTUATION = set(",;:. \t")


def _single_quote_pairs(line: str) -> list[tuple[int, int]]:
    """Pairs of single quotation marks in a normalised line, telling quotes from apostrophes:
    an opening mark follows a space or the line start and precedes a letter or digit; a
    closing mark follows a non-space and precedes no letter or digit."""
    pairs = []
    opened = None
    for at, char in enumerate(line):
        if char != "'":
            continue
        before = line[at - 1] if at else " "
        after = line[at + 1] if at + 1 < len(line) else " "
        if opened is None:
            if (before in _OPENING_BEFORE or before == '"') and after.isalnum():
                opened = at
        elif not before.isspace() and not after.isalnum():
            pairs.append((opened, at))
            opened = None
    return pairs


def quoted_passages(text: str, spans: list[Span]) -> tuple[list[QuotedPassage], list[int]]:
    """All passages inside quotation marks within ``spans``, paragraph by paragraph.

    Double marks (straight or typographic, in any mix) pair up in order within a paragraph;
    single marks pair up as described in ``_single_quote_pairs``. Also returns the offsets of
    paragraphs whose double marks do not pair up (an odd count), for the curator to check."""
    passages, unpaired = _quoted_passages(text, tuple(spans))
    return list(passages), list(unpaired)


# Validation reads the same article texts again and again (the fault and property tests
# validate hundreds of copies of one folder): the passages are a function of the text and
# the spans alone, so they are kept, keyed by both.
@lru_cache(maxsize=256)
def _quoted_passages(
    text: str, spans: tuple[Span, ...]
) -> tuple[tuple[QuotedPassage, ...], tuple[int, ...]]:
    passages: list[QuotedPassage] = []
    unpaired: list[int] = []
    for outer in spans:
        for match in re.finditer(r"[^\n]+", text[outer.start : outer.end]):
            base = outer.start + match.start()
            line, index = normalise_with_map(match.group())
            marks = [i for i, c in enumerate(line) if c == '"']
            if len(marks) % 2:
                unpaired.append(base)
            pairs = [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
            for kind, found in (('"', pairs), ("'", _single_quote_pairs(line))):
                for open_at, close_at in found:
                    start, end = base + index[open_at] + 1, base + index[close_at]
                    while end > start and text[end - 1] in _EDGE_PUNCTUATION:
                        end -= 1
                    while start < end and text[start].isspace():
                        start += 1
                    if end > start:
                        passages.append(QuotedPassage(Span(start, end), text[start:end], kind))
    passages.sort(key=lambda p: (p.span.start, p.span.end))
    return tuple(passages), tuple(unpaired)


# A sentence ends at . ! or ? (with any closing quotation marks or brackets printed after
# it) followed by white space, or at a line break: articles print one paragraph per line.
_SENTENCE_END = re.compile("[.!?][\"'\u201c\u201d\u2018\u2019)\\]]*(?=\\s)|\n")


@lru_cache(maxsize=256)
def sentence_ends(text: str) -> tuple[int, ...]:
    """Offsets just after each sentence end in ``text`` (see ``_SENTENCE_END``), in order
    (kept per text: every mention of an article asks for the same ones)."""
    return tuple(match.end() for match in _SENTENCE_END.finditer(text))


def sentence_around(span: Span, text: str) -> Span:
    """The sentence, or run of sentences, that holds ``span``: from the last sentence end
    before its start to the first sentence end at or after its end."""
    ends = sentence_ends(text)
    before = bisect.bisect_right(ends, span.start)  # ends[:before] are <= span.start
    after = bisect.bisect_left(ends, span.end)  # ends[after:] are >= span.end
    start = ends[before - 1] if before else 0
    end = ends[after] if after < len(ends) else len(text)
    return Span(start, end)


def attribution_sentence(span: Span, text: str) -> Span:
    """Where the words that introduce the quotation at ``span`` are printed (codebook V1):
    its own sentence, or, when that sentence is the quotation alone (no letter outside the
    quoted words), the sentence just before it."""
    own = sentence_around(span, text)
    outside = text[own.start : span.start] + text[span.end : own.end]
    if any(char.isalpha() for char in outside):
        return own
    last = len(text[: own.start].rstrip()) - 1
    if last < 0:
        return own
    before = sentence_around(Span(last, last + 1), text)
    return Span(before.start, own.end)


def quote_type(span: Span, passages: list[QuotedPassage]) -> str:
    """direct (starts inside quotation marks), partial (overlaps quoted words) or paraphrase."""
    if any(p.span.start <= span.start < p.span.end for p in passages):
        return "direct"
    if any(p.span.start < span.end and span.start < p.span.end for p in passages):
        return "partial"
    return "paraphrase"


@lru_cache(maxsize=4096)
def _latin_look(char: str) -> str:
    """A Latin letter ``char`` looks like (from Unicode's confusables table), or ``char``."""
    from confusable_homoglyphs import confusables

    found = confusables.is_confusable(char, greedy=True, preferred_aliases=["latin"]) or []
    for entry in found:
        for glyph in entry["homoglyphs"]:
            if glyph["n"].startswith("LATIN") and len(glyph["c"]) == 1:
                return glyph["c"]
    return char


def skeleton(name: str) -> str:
    """``name`` as it looks: each letter replaced by the Latin letter it is confusable with
    (Unicode confusables, via ``confusable_homoglyphs``), case and spacing folded, so two
    names that render alike have one skeleton."""
    folded = unicodedata.normalize("NFKC", name)
    return " ".join("".join(_latin_look(c) for c in folded).casefold().split())
