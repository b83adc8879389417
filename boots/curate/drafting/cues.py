"""Extractor (b): attribution cues and their subjects.

A cue is a reporting verb of ``reporting_verbs.csv`` (``said``, ``told``, ``ruled out``) or a
phrase of kind ``source_after`` in ``cue_words.csv`` (``according to``), found in a paragraph
whose quoted words are masked out. Its speaker is found in both orders:

* ``X said`` / ``X told Y``: the reference (``speakers.py``) nearest before the verb in its
  sentence, after any quotation there, that is neither possessive nor the object of a
  preposition; ``who`` stands for the reference before it; ``X and Y said`` gives both;
* ``"...," said X``: when nothing precedes the verb and the verb allows it
  (``speaker_after``), the first reference after it, up to the next punctuation;
* ``according to X``: the first reference after the phrase;
* ``X called it "...", and warned``: a verb after ``and`` or ``but`` shares the subject of
  the verb before it in the sentence.

A subject that is an unnamed source, a person the tables do not know, or nothing at all
gives no speaker. For a verb with an addressee (``told reporters``) the words up to ``that``
or the next punctuation are the channel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from boots.curate.drafting import lexicon
from boots.curate.drafting.phrases import PhraseMatcher, Tokens
from boots.curate.drafting.speakers import Ref, Resolver

MASK = "\x00"
_SENTENCE_END = re.compile(
    "[.!?][" + MASK + "\"'\u201d\u2019\u00bb\u00ab\u203a\u2039)\\]]*\\s+"
    "(?=[A-Z" + MASK + "\"'\u201c\u201e\u00ab\u00bb\u2018\u201a\u2039\u203a(\\[])"
)
_STOP_AFTER = re.compile("[,.;:!?" + MASK + "\u2013\u2014]|\\s-\\s|\\bthat\\b")
_APPOSITIVE = re.compile(r",[^,;:" + MASK + r"]{1,80},\s*$")
# 'X called it "...", and warned': the second verb shares the first's subject.
_SHARED_SUBJECT = re.compile(r"(?:^|[," + MASK + r"\"'”’»]\s*)(?:and|but)\s+(?:also\s+)?$")
_PARTICIPLE = re.compile(r",\s*[a-z]+ing\b")  # ', meeting Y,': a participle's clause
_COORDINATION = re.compile(r"^\s*(?:,|,?\s*and(?:\s+the)?|&)\s*$")  # "X, Y and the Z said"
OBJECT_PRONOUNS = {"him", "her", "them"}
TAIL = 40  # how far back a word before a cue is looked for (keeps the search linear)
_WORDS_BEFORE = re.compile(r"(\w+)(?:\s+not)?\s+$", re.IGNORECASE)


@dataclass
class Cue:
    start: int
    end: int
    text: str
    verb: lexicon.Verb | None
    sentence: tuple[int, int]
    speakers: tuple[str, ...] = ()
    basis: str = "none"
    subject: Ref | None = None
    channel: str = ""
    refs: list[Ref] = field(default_factory=list)

    @property
    def reports(self) -> bool:
        return self.verb is None or self.verb.reports


def sentences(masked: str, offset: int) -> list[tuple[int, int]]:
    """Sentence spans (article offsets) of one masked paragraph."""
    out, start = [], 0
    for match in _SENTENCE_END.finditer(masked):
        out.append((offset + start, offset + match.end()))
        start = match.end()
    if start < len(masked):
        out.append((offset + start, offset + len(masked)))
    return out


@cache
def _verb_matcher() -> PhraseMatcher:
    return PhraseMatcher(lexicon.verbs(), ignore_case=True)


@cache
def _source_matcher() -> PhraseMatcher:
    return PhraseMatcher(dict.fromkeys(lexicon.words("source_after")), ignore_case=True)


def find(
    masked: str, offset: int, spans: list[tuple[int, int]], tokens: Tokens | None = None
) -> list[Cue]:
    """The cues of one masked paragraph, in order."""
    tokens = tokens or Tokens(masked)
    found = [(m.start, m.end, m.value) for m in _verb_matcher().find(tokens)]
    found += [(m.start, m.end, None) for m in _source_matcher().find(tokens)]
    cues = []
    passive = lexicon.words("passive")
    for start, end, verb in sorted(found, key=lambda f: f[0]):
        before = _WORDS_BEFORE.search(masked[max(0, start - TAIL) : start])
        if verb is not None and before and before.group(1).lower() in passive:
            continue  # 'was not warned': the subject is whom the words were for
        at = offset + start
        sentence = next((s for s in spans if s[0] <= at < s[1]), spans[-1])
        cues.append(Cue(at, offset + end, masked[start:end], verb, sentence))
    return cues


def mark_addressees(cues: list[Cue], refs: list[Ref], masked: str, offset: int) -> None:
    """``told the radio``: the reference right after a verb with an addressee is an object,
    no subject and a pronoun's last resort."""
    starts = {r.start: r for r in refs}
    for cue in cues:
        if cue.verb is None or not cue.verb.addressee:
            continue
        gap = len(masked[cue.end - offset :]) - len(masked[cue.end - offset :].lstrip())
        ref = starts.get(cue.end + gap)
        if ref is not None:
            ref.object = True


def _subject_before(cue: Cue, refs: list[Ref], masked: str, offset: int) -> list[Ref]:
    window_start = cue.sentence[0]
    last_mask = masked.rfind(MASK, cue.sentence[0] - offset, cue.start - offset)
    if last_mask >= 0:
        window_start = offset + last_mask + 1
    inside = [r for r in refs if window_start <= r.start and r.end <= cue.start]
    candidates = [
        r
        for r in inside
        if not r.possessive and not r.object and r.text.lower() not in OBJECT_PRONOUNS
    ]
    # 'after X said': a known name right before the verb is its subject, whatever precedes it
    last = inside[-1] if inside else None
    if (
        last is not None
        and last.speakers
        and last.kind in ("name", "alias")
        and not last.possessive
        and not masked[last.end - offset : cue.start - offset].strip()
    ):
        candidates = [r for r in candidates if r is not last] + [last]
    if not candidates:
        return []
    chosen = candidates[-1]
    appositive = _APPOSITIVE.search(masked, window_start - offset, cue.start - offset)
    participle = bool(appositive) and bool(_PARTICIPLE.match(appositive.group()))
    inside_appositive = appositive and chosen.start >= offset + appositive.start()
    if inside_appositive and (not chosen.speakers or participle):
        before = [r for r in candidates if r.end <= offset + appositive.start()]
        if before and not masked[before[-1].end - offset : appositive.start()].strip():
            # 'X, his defence minister, said', 'X, meeting Y in Z, said': X is the subject
            chosen = before[-1]
    if chosen.kind == "relative":
        before = [r for r in inside if r.end <= chosen.start and not r.possessive]
        return before[-1:]
    group, gaps = [chosen], []
    position = inside.index(chosen)
    while position > 0 and group[0].speakers:
        earlier = inside[position - 1]
        gap = masked[earlier.end - offset : group[0].start - offset]
        if not earlier.speakers or not _COORDINATION.match(gap):
            break
        group.insert(0, earlier)
        gaps.insert(0, gap.strip())
        position -= 1
    if gaps and gaps[-1] == ",":
        return group[-1:]  # 'X, Y said': a list ends with 'and'; without it, Y is the subject
    return group


def _after(cue: Cue, refs: list[Ref], masked: str, offset: int) -> list[Ref]:
    rest = masked[cue.end - offset : cue.sentence[1] - offset]
    stop = _STOP_AFTER.search(rest)
    limit = cue.end + (stop.start() if stop else len(rest))
    after = [r for r in refs if cue.end <= r.start < limit]  # a reference may run on past a comma
    candidates = [r for r in after if not r.possessive]
    indirect = candidates and candidates[0].kind not in ("name", "alias")
    if indirect and stop and rest[stop.start()] == ",":
        named = [r for r in refs if r.start > limit and r.kind in ("name", "alias")]
        if named and not masked[limit - offset + 1 : named[0].start - offset].strip():
            return named[:1]  # 'said the prime minister, Anna Berg': the name tells who
    return candidates[:1]


def attribute(
    cue: Cue, refs: list[Ref], resolver: Resolver, masked: str, offset: int, previous=None
) -> None:
    """Fill the cue's speakers, basis, subject and channel (module docstring); ``previous``
    is the cue before it in the paragraph, whose subject a coordinated verb shares."""
    if cue.verb is not None and previous is not None and previous.sentence == cue.sentence:
        between = masked[previous.end - offset : cue.start - offset]
        if _SHARED_SUBJECT.search(between):
            cue.speakers, cue.basis, cue.subject = (
                previous.speakers,
                previous.basis,
                previous.subject,
            )
            cue.refs = previous.refs
            return
    if cue.verb is None:
        group = _after(cue, refs, masked, offset)
        basis_of_order = "according to"
    else:
        group = _subject_before(cue, refs, masked, offset)
        basis_of_order = ""
        if not group and cue.verb.speaker_after:
            group = _after(cue, refs, masked, offset)
        if cue.verb.addressee:
            rest = masked[cue.end - offset : cue.sentence[1] - offset]
            stop = _STOP_AFTER.search(rest)
            addressee = rest[: stop.start() if stop else len(rest)].strip()
            if addressee and addressee.split()[0].lower() not in {"that", "him", "her", "them"}:
                cue.channel = f"{cue.text} {addressee}"
    if not group:
        cue.basis = "none"
        return
    speakers: list[str] = []
    for ref in group:
        resolver.resolve(ref)
        speakers.extend(ref.speakers)
    cue.subject = group[-1]
    cue.refs = group
    cue.speakers = tuple(dict.fromkeys(speakers))
    kind = group[-1].kind
    cue.basis = basis_of_order or (group[-1].basis if cue.speakers else kind)
    if not cue.speakers and kind in ("pronoun", "role"):
        cue.basis = f"unresolved {kind}"
