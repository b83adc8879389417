"""Extractor (d): reported speech, the words a cue reports without quotation marks.

For a cue whose verb reports (``reports`` in ``reporting_verbs.csv``) and whose speaker is
known, and to which no quotation was attributed:

* ``X said (that) ...``, ``X ruled out ...``: the clause after the verb (after ``that`` when
  printed), to the end of the sentence;
* ``X told Y that ...``: the clause after ``that`` (without one, the words after the addressee
  are no report);
* ``According to X, ...``: the rest of the sentence; ``..., according to X``: the sentence
  before the cue.

A clause of fewer than ``MIN_WORDS`` words is no report. ``reference`` finds the reports
that only point to another statement (``X took a similar position``, ``X said the same``):
the passage is the clause with its subject.
"""

from __future__ import annotations

import re

from boots.curate.drafting import lexicon
from boots.curate.drafting.cues import MASK, Cue
from boots.curate.drafting.quotes import MARKS

MIN_WORDS = 3
_THAT_NEAR = re.compile(r"^[^,.;:!?" + MASK + r"]{0,60}?\bthat\b", re.IGNORECASE)
_THAT_LATER = re.compile(r"\bthat\b", re.IGNORECASE)
_CLAUSE_STOP = re.compile("[" + MASK + ";:]")
_EDGE = " \t,;:.!?-\u2013\u2014" + "".join(sorted(MARKS))  # and quotation marks


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


_TITLE_AFTER_COMMA = re.compile(r",(?:\s+[a-z][\w-]*){0,3}\s*$")


def _clause_before(masked: str, offset: int, cue: Cue) -> int | None:
    """``<clause>, the chancellor said.``, ``<clause>, presidential adviser X said.``: the
    subject (after at most three lower-case words of a title) follows a comma and the verb
    ends the sentence; the article offset of that comma, or None."""
    start = cue.sentence[0] - offset
    before = masked[start : cue.refs[0].start - offset]
    after = masked[cue.end - offset : cue.sentence[1] - offset].strip(_EDGE)
    comma = _TITLE_AFTER_COMMA.search(before)
    return offset + start + comma.start() if comma and not after else None


def clause(cue: Cue, masked: str, offset: int) -> tuple[int, int] | None:
    """Article offsets of the words ``cue`` reports, or None (module docstring)."""
    s_start, s_end = cue.sentence
    if cue.verb is None:
        before = masked[s_start - offset : cue.start - offset]
        if before.strip(_EDGE):
            start, end = s_start, cue.start
        else:
            subject_end = cue.refs[-1].end if cue.refs else cue.end
            start, end = subject_end, s_end
    else:
        start, end = cue.end, s_end
        rest = masked[start - offset : end - offset]
        if cue.verb.addressee:
            that = _THAT_LATER.search(rest)
            if that is None:
                return None
            start += that.end()
        else:
            that = _THAT_NEAR.match(rest)
            if that:
                start += that.end()
            elif cue.refs and (comma := _clause_before(masked, offset, cue)) is not None:
                start, end = s_start, comma
    local = masked[start - offset : end - offset]
    stop = _CLAUSE_STOP.search(local)
    if stop:
        end = start + stop.start()
    a, b = _trim(masked, start - offset, end - offset)
    if len(masked[a:b].split()) < MIN_WORDS:
        return None
    return offset + a, offset + b


REFERENCE_WORDS = 4  # 'said much the same': a clause this short with an 'alike' word
_REFERENCE_STOP = re.compile("[" + MASK + ",;:.!?]")


def reference(cue: Cue, masked: str, offset: int) -> tuple[int, int] | None:
    """Article offsets of a report that points to another statement, from its subject's
    start: ``X took a similar position`` (a ``refers`` cue), ``X said much the same`` (a
    reporting verb, then a short clause with an ``alike`` word); else None."""
    if cue.verb is None or not cue.refs or cue.refs[0].start >= cue.start:
        return None
    start = cue.refs[0].start
    if cue.verb.refers:
        return start, cue.end
    if not cue.verb.reports:
        return None
    rest = masked[cue.end - offset : min(cue.sentence[1] - offset, cue.end - offset + 80)]
    stop = _REFERENCE_STOP.search(rest)
    clause = rest[: stop.start() if stop else len(rest)]
    words = clause.lower().split()
    alike = lexicon.words("alike")
    if not words or len(words) > REFERENCE_WORDS or not any(w in alike for w in words):
        return None
    return start, cue.end + len(clause.rstrip())
