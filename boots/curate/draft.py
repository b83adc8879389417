"""The drafting assistant: propose the mentions of an article for a curator to review.

``python -m boots.curate.draft ARTICLE_ID [--data DIR]`` (``make draft ARTICLE=id``) writes
``build/draft/<article_id>-mentions.csv``, one row per proposal, and never touches the data
folder. How it reads an article:

1. **Quoted passages** are the ones validation finds (``text.quoted_passages``: straight,
   curly and single marks, per paragraph); a passage inside another (a nested quote) belongs
   to the outer one. The passages of one sentence form one proposal, and a quotation split by
   its attribution (``"A," he said. "B."``) is joined into one. A passage embedded in a
   clause (``should not be "ruled out" in the future``) is proposed as a partial quote with
   its clause. A sentence whose quoted fragments are introduced by different verbs (``he
   underlined that "A" ..., he also said that "B"``) gives one proposal per fragment (rule
   V2).
2. **Reported speech without quotation marks** is a sentence whose subject is a speaker and
   whose verb is an attribution verb (``X said that ...``, ``X and Y ruled out ...``, ``a
   position was expressed by X``): a paraphrase candidate.
3. **Speakers** are resolved from ``speakers.csv``: printed names, surnames of named people,
   and ``aliases`` (role and organisation designations: ``the NATO chief``, ``the Kremlin``).
   The subject is the nearest reference before the verb that is neither possessive
   (``Macron's remarks``) nor the object of a preposition (``differed from Macron``), or
   after it (``said German Chancellor Olaf Scholz``); coordinated subjects (``X and Y``) give
   one row each. ``he``/``she``/``they``, ``according to him`` and a definite epithet (``the
   populist``) take the nearest earlier speaker; a quotation paragraph with no attribution
   continues the quotation before it. A subject that is none of these (``an official``,
   ``participants``, ``Sweden`` when no speaker is Sweden) gives no speaker; so does a short
   quotation with no attribution at all (a scare quote or a title).
4. **Verbs** (rules V1, V2): the verb that introduces the quotation in its sentence: a
   participle that runs into the quotation (``echoed the comments, saying, "..."``) rather
   than the main verb; ``According to`` where that phrase is the sentence's attribution; for
   fragments, each its own verb.
5. **Topic** (rule S2): a quotation is about troops when its words name them (the scope rules'
   nouns, the lexicon's ``troops`` terms), when its sentence presents it as a reaction to a
   remark (``echoed the comments``), or when it refers back (``It``, ``This``, ``In that
   case``, rule C2) to its sentence or to the sentence before, unless that sentence reports
   someone else or the quotation itself says what it refers to (``This is a war of
   aggression``). A quotation that is not, and that matches no recorded statement of its
   speaker clearly (``CLEAR_MATCH``), is proposed as off topic.
6. **Statements**: each proposal is compared (rapidfuzz) with every recorded wording of every
   statement of its speaker, and with the statement's summary; the article gets at most one
   mention per statement (the rule of ``mentions.csv``): the fullest quotation wins (of a
   sentence's fragments, the one closest to the statement's summary, which states its point)
   and the others are proposed as repeats (``quote_exclusions.csv``). A report continued by
   ``According to him`` in the next sentence is one passage with it. An on-topic quotation
   matching no statement is a new statement to curate.

Every proposal carries the evidence for it (how the speaker was found, the score of the
statement) and a confidence; ``make accept-draft`` appends the rows marked ``accept=yes``.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from boots.curate import spreadsheet
from boots.data import patterns, text
from boots.data.schema import resources
from boots.data.tables import DataError, Evidence, load
from boots.util import config
from boots.util.atomic import write_text
from boots.util.words import counted

DRAFT_DIR = config.ROOT / "build" / "draft"

# Attribution verbs, as dictionary forms (lemminflect maps printed forms to them). Verbs whose
# printed forms are also common nouns ('states', 'notes', 'calls') count only as -ed or -ing.
ATTRIBUTION_VERBS = {
    "say", "tell", "add", "insist", "echo", "underline", "confirm", "assure", "call",
    "stress", "note", "warn", "claim", "deny", "reiterate", "express", "rule", "distance",
    "decline", "state", "explain", "argue", "announce", "suggest", "respond", "reply",
    "write", "urge", "remind", "acknowledge", "admit", "emphasise", "emphasize",
    "declare", "comment", "speak", "reject", "caution", "vow", "pledge", "maintain",
}  # fmt: skip
NOUN_LIKE_VERBS = {"state", "note", "call", "claim", "comment", "pledge", "caution", "reply"}
PARTICLES = {"rule": ("out",), "distance": ("themselves", "itself", "himself", "herself")}
PRONOUNS = {"he": "person", "she": "person", "they": "any"}
PREPOSITIONS = {
    "by", "from", "to", "with", "about", "of", "on", "for", "against", "than", "at", "like",
    "after", "before", "between", "toward", "towards", "into", "over", "under", "upon",
    "including", "clarify", "among", "despite", "via", "unlike",
}  # fmt: skip
# Subjects that are sources without a name: a proposal attributed to them gets no speaker.
UNNAMED = re.compile(
    r"\b(officials?|sources?|diplomats?|aides?|analysts?|experts?|observers?|participants?|"
    r"people|insiders?|someone|spokes(?:person|man|woman)|lawmakers?|reporters?|critics?|"
    r"residents?|witness(?:es)?|commentators?)\b",
    re.IGNORECASE,
)
ROLE_NOUNS = {
    "spokesperson", "spokesman", "spokeswoman", "speaker", "adviser", "advisor", "minister",
    "chief", "secretary-general", "secretary", "general", "president", "chancellor",
    "counterpart", "leader", "head", "office",
}  # fmt: skip
FUNCTION_WORDS = {
    "the", "a", "an", "but", "and", "however", "while", "when", "as", "in", "on", "at",
    "after", "before", "earlier", "later", "meanwhile", "separately", "asked", "also", "yet",
    "so", "if", "although", "though", "responding", "following", "according", "his", "her",
    "their", "its", "this", "that", "these", "those", "then", "still", "now", "both",
}  # fmt: skip
# Rule S2: a point is about troops for Ukraine when it says whether, which or whose troops may
# be sent, what sending them would cause, or how a remark about them is to be read. Its words
# then name the troops, as the codebook's scope rules do (C3, C4: troops, soldiers,
# contingents, forces, personnel, a deployment) or as the lexicon's `troops` terms do (`boots
# on the ground`), or they refer back to words that do (rule C2: `It`, `This`, `In that case`).
TROOP_WORDS = re.compile(
    r"\b(troops?|soldiers?|contingents?|forces|personnel|deploy(?:s|ed|ing|ment|ments)?)\b",
    re.IGNORECASE,
)
TROOP_TERMS_GROUP = "troops"
# A referring word the quotation itself identifies as the war ('This is a war of aggression')
# refers to the war, not back to troops: the lexicon's `war` terms name the war.
WAR_TERMS_GROUP = "war"
IDENTIFIED = re.compile(r"\s*(?:'s|is|was|remains)\s+([^,.;:!?]{1,80})", re.IGNORECASE)
REFERS_BACK = re.compile(
    r"^\W*(?:(?:but|and|so)\s+)?(?:that\s+)?"
    r"(?:it|this|that|these|those|such|in\s+(?:that|this|such\s+a)\s+case)\b",
    re.IGNORECASE,
)
# A quotation whose words name no troops is still a report of a recorded statement (which S2
# has admitted) when it matches that statement's wording at least this well; a weaker match is
# no evidence, and the quotation is off topic.
CLEAR_MATCH = 70
# A quotation presented as a reaction to a remark says how that remark is to be read (S2); the
# words are those that link responses (rule R1): `echoed the comments`, `welcomed the prospect`.
REACTION = re.compile(
    r"\b(?:echo\w*|respond\w*|react\w*|welcom\w*|clarif\w*|asked\s+about|differ\w*)\b"
    r"[^.;:]{0,40}?\b(?:remarks?|comments?|suggestions?|prospect|idea|proposals?|words|"
    r"statements?)\b",
    re.IGNORECASE,
)
# Printed names of the wires whose ``via`` code (in the schema) is an abbreviation.
WIRE_NAMES = {"Associated Press": "AP", "Radio Free Europe": "RFE/RL"}
TIME_WORDS = re.compile(
    r"^(?:\s*(?:,|on\s+(?:\w+day|\d+\s+\w+|\w+\s+\d+)(?:\s*\(\d+\s+\w+\))?|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|today|yesterday|later|also|again|earlier|then|that|had|has|have|"
    r"previously|repeatedly|once\s+more|in\s+a\s+statement)\b)+",
    re.IGNORECASE,
)
_PROPER_NAME = re.compile(r"(?<![\w'])([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){1,3})(?![\w])")
COLLECTIVE_WORDS = {"several", "some", "many", "most", "other", "western", "european", "all"}
MIN_SCORE = 55  # a statement scoring below this is not proposed
MASK = "\x00"


@dataclass
class Ref:
    """A speaker named, designated or pointed to in the article."""

    start: int
    end: int
    speaker: str | None
    kind: str  # name, alias or pronoun
    possessive: bool = False
    prepositional: bool = False
    printed: str = ""
    pronoun_kind: str = ""


@dataclass
class Proposal:
    start: int
    end: int
    quote_type: str
    passages: list[text.QuotedPassage]
    speakers: list[str] = field(default_factory=list)
    basis: str = "none"
    verb: str = ""
    channel: str = ""
    printed: dict[str, str] = field(default_factory=dict)
    sentence: tuple[int, int] = (0, 0)
    notes: list[str] = field(default_factory=list)
    according: str = ""  # the printed 'according to', where that is the attribution
    points_back: bool = False  # 'According to him': the attribution is a pronoun
    fragment: bool = False  # one of a sentence's fragments introduced by different verbs (V2)

    @property
    def quoted_words(self) -> int:
        return sum(len(p.text.split()) for p in self.passages)


# --- speakers -------------------------------------------------------------------------------


def _split(value) -> list[str]:
    return [v.strip() for v in str(value or "").split(";") if v and v.strip()]


def _form_pattern(form: str, alias: bool) -> re.Pattern:
    words = [re.escape(w) for w in re.split(r"[\s-]+", text.fold(form).strip()) if w]
    body = r"[\s-]+".join(words)
    if alias and words and words[0].lower() == "the":
        body = r"(?:the[\s-]+)?" + r"[\s-]+".join(words[1:])
    return re.compile(rf"(?<![\w']){body}(?![\w])", re.IGNORECASE if alias else 0)


def speaker_forms(speakers: pd.DataFrame) -> list[tuple[re.Pattern, str, str, str]]:
    """(pattern, speaker_id, kind, speaker kind) for every name form and alias."""
    forms: list[tuple[str, str, str, str]] = []
    surnames: dict[str, set[str]] = {}
    for row in speakers.itertuples():
        names = {*_split(row.printed_names), row.name}
        for name in names:
            forms.append((name, row.speaker_id, "name", row.kind))
            parts = name.split()
            if row.kind == "person" and len(parts) >= 2 and len(parts[-1]) >= 3:
                surnames.setdefault(parts[-1], set()).add(row.speaker_id)
        for alias in _split(getattr(row, "aliases", "")):
            forms.append((alias, row.speaker_id, "alias", row.kind))
    kinds = dict(zip(speakers.speaker_id, speakers.kind, strict=True))
    known = {f[0] for f in forms}
    for surname, owners in surnames.items():
        if len(owners) == 1 and surname not in known:
            owner = next(iter(owners))
            forms.append((surname, owner, "name", kinds[owner]))
    return [(_form_pattern(f, k == "alias"), s, k, sk) for f, s, k, sk in forms]


def _word_before(masked: str, start: int) -> str:
    match = re.search(r"([\w'-]+)\W*$", masked[max(0, start - 40) : start])
    return match.group(1).lower() if match else ""


def _extend_back(masked: str, start: int, floor: int) -> int:
    """Extend a reference back over the title before it ('Kremlin spokesperson Dmitry')."""
    while True:
        match = re.search(r"([\w'.-]+)\s+$", masked[max(floor, start - 40) : start])
        if not match:
            return start
        word = match.group(1)
        begin = start - len(match.group(0))
        if word.lower() in FUNCTION_WORDS or not (word[0].isupper() or word.lower() in ROLE_NOUNS):
            return start
        start = begin


def find_refs(masked: str, forms, spans: list[text.Span], content: str) -> list[Ref]:
    """Every speaker reference and pronoun in the body, outside quotation marks."""
    found: list[tuple[int, int, str, str]] = []
    for outer in spans:
        region = masked[outer.start : outer.end]
        for pattern, speaker, kind, _ in forms:
            for match in pattern.finditer(region):
                found.append(
                    (outer.start + match.start(), outer.start + match.end(), speaker, kind)
                )
        for match in re.finditer(r"\b(he|she|they|him|her|them)\b", region, re.IGNORECASE):
            found.append((outer.start + match.start(), outer.start + match.end(), "", "pronoun"))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0]), f[3] != "name"))
    refs: list[Ref] = []
    taken_until = -1
    for start, end, speaker, kind in found:
        if start < taken_until:
            continue
        taken_until = end
        following = masked[end : end + 3]
        line_start = masked.rfind("\n", 0, start) + 1
        begin = _extend_back(masked, start, line_start)
        word = masked[start:end].lower()
        pronoun_kind = ""
        if kind == "pronoun":
            pronoun_kind = PRONOUNS.get(
                {"him": "he", "her": "she", "them": "they"}.get(word, word), ""
            )
            if word == "her" and re.match(r"\s+[a-z]", masked[end : end + 3]):
                continue  # 'her country': a possessive, not a pronoun
        refs.append(
            Ref(
                start,
                end,
                speaker or None,
                kind,
                possessive=bool(re.match(r"'s?\b|'(?=\s)", following)),
                prepositional=_word_before(masked, begin) in PREPOSITIONS,
                printed=content[begin:end],
                pronoun_kind=pronoun_kind,
            )
        )
    # A name right after an alias of the same speaker is one reference ('German Chancellor
    # Olaf Scholz'); keep the name, which carries the printed designation.
    merged: list[Ref] = []
    for ref in refs:
        if (
            merged
            and merged[-1].speaker == ref.speaker
            and ref.kind == "name"
            and merged[-1].kind == "alias"
            and not masked[merged[-1].end : ref.start].strip(" ,")
        ):
            ref.prepositional = merged[-1].prepositional
            merged[-1] = ref
            continue
        merged.append(ref)
    return merged


# --- text structure ---------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?][\"'\x00]*\s+(?=[\"'(\x00]*[A-Z\x00])")


def paragraphs(content: str, spans: list[text.Span]) -> list[tuple[int, int]]:
    out = []
    for outer in spans:
        for match in re.finditer(r"[^\n]+", content[outer.start : outer.end]):
            if match.group().strip():
                out.append((outer.start + match.start(), outer.start + match.end()))
    return out


def sentences(masked: str, paragraph: tuple[int, int]) -> list[tuple[int, int]]:
    start, end = paragraph
    out, at = [], start
    for match in _SENTENCE_END.finditer(masked, start, end):
        out.append((at, match.end()))
        at = match.end()
    if at < end:
        out.append((at, end))
    return [(s, e) for s, e in out if masked[s:e].strip()]


@cache
def _lemma(word: str) -> str:
    from lemminflect import getLemma

    lemmas = getLemma(word.lower(), upos="VERB")
    return lemmas[0] if lemmas else word.lower()


@dataclass
class Verb:
    start: int
    end: int
    lemma: str
    printed: str  # the verb as printed, with its particle ('ruled out')

    @property
    def participle(self) -> bool:
        return self.printed.split()[0].lower().endswith("ing")


def verbs_in(masked: str, start: int, end: int) -> list[Verb]:
    out = []
    for match in re.finditer(r"\b[A-Za-z]+\b", masked[start:end]):
        word = match.group()
        if word[0].isupper() and match.start() > 0:
            continue
        lemma = _lemma(word)
        if lemma not in ATTRIBUTION_VERBS:
            continue
        if word.lower() == lemma and (
            lemma not in {"say", "tell", "warn"}
            or re.search(
                r"\bto\s+$", masked[max(start, start + match.start() - 4) : start + match.start()]
            )
        ):
            continue  # a bare infinitive ('to confirm', 'declined to say') is no attribution
        if lemma in NOUN_LIKE_VERBS and not word.lower().endswith(("ed", "ing")):
            continue
        if word.lower().endswith("s") and lemma in NOUN_LIKE_VERBS:
            continue
        v_start, v_end = start + match.start(), start + match.end()
        printed = word
        particles = PARTICLES.get(lemma)
        if particles:
            follow = re.match(r"\s+(?:\w+\s+)?(" + "|".join(particles) + r")\b", masked[v_end:end])
            if not follow:
                continue
            if lemma == "rule":
                printed = f"{word} out"
                if not follow.group(0).strip().startswith("out"):
                    printed = word + follow.group(0)
        out.append(Verb(v_start, v_end, lemma, printed))
    return out


_CHANNEL_STOP = {"that", "on", "about", "after", "before", "when", "while", "if", "amid", "as"}
_DETERMINERS = {"the", "a", "an", "this", "these", "his", "her", "its", "their", "it", "he"}
_DETERMINERS |= {"she", "they", "there", "we", "i", "some", "any", "no"}
_LINKS = {"during", "in", "at", "to", "of", "for", "with", "from", "by", "on"}


def _channel_object(rest: str) -> str:
    """Whom the words were told to or quoted from, up to where the reported words begin:
    'reporters in Freiburg', 'The Associated Press', 'reporters during a visit to Vienna'."""
    words: list[str] = []
    for match in re.finditer(r"\S+", rest):
        token = match.group()
        bare = token.strip("\"'").lower()
        if re.match(r"[\x00(]", token) or bare in _CHANNEL_STOP:
            break
        if words and bare in _DETERMINERS and words[-1].lower() not in _LINKS:
            break
        if words and bare == "day" and words[-1].lower() == "the":
            words.pop()
            break
        head = re.match(r"[^,.;:\x00()]*", token).group()
        if head:
            words.append(head)
        if head != token:
            break
    return " ".join(words)


# --- the drafter -------------------------------------------------------------------------------


class Drafter:
    """Drafts one article of an evidence folder."""

    def __init__(self, evidence: Evidence, article_id: str):
        self.evidence = evidence
        self.article_id = article_id
        row = evidence.articles.set_index("article_id").loc[article_id]
        self.content = evidence.texts[article_id]
        self.folded = text.fold(self.content)
        self.body = text.body_spans(self.content, row.body_lines)
        passages, _ = text.quoted_passages(self.content, self.body)
        self.passages = [
            p
            for p in passages
            if not any(
                o is not p and o.span.start <= p.span.start and p.span.end <= o.span.end
                for o in passages
            )
        ]
        chars = list(self.folded)
        for passage in self.passages:
            first = max(passage.span.start - 1, 0)
            last = min(passage.span.end + 1, len(chars))
            for i in range(first, last):
                if (i >= passage.span.start and i < passage.span.end) or chars[i] in "\"'":
                    chars[i] = MASK
        self.masked = "".join(chars)
        self.wires = resources()["mentions"].field("via").enum
        speakers = evidence.speakers
        self.kinds = dict(zip(speakers.speaker_id, speakers.kind, strict=True))
        self.refs = find_refs(self.masked, speaker_forms(speakers), self.body, self.content)
        self.paragraphs = paragraphs(self.content, self.body)
        self.headline_end = self.paragraphs[0][1] if self.paragraphs else 0
        self.standfirst = str(row.get("standfirst") or "")
        lexicon = evidence.lexicon
        self.troop_terms, self.war_terms = (
            [patterns.compile_term(pattern) for pattern in lexicon.pattern[lexicon.group == group]]
            for group in (TROOP_TERMS_GROUP, WAR_TERMS_GROUP)
        )

    # -- speakers

    def _coordinated(self, ref: Ref, floor: int) -> list[Ref]:
        group = [ref]
        earlier = [r for r in self.refs if floor <= r.end <= ref.start and r.kind != "pronoun"]
        for other in reversed(earlier):
            gap = self.masked[other.end : group[0].start]
            if other.possessive or other.prepositional:
                continue
            if re.fullmatch(
                r"\s*(,|,?\s+and)\s+(?:(?:the|his|her|its|their)\s+)?[\w\s'-]{0,40}", gap
            ) and not verbs_in(self.masked, other.end, group[0].start):
                group.insert(0, other)
            else:
                break
        return group

    def _unknown_speaker_between(self, start: int, end: int) -> bool:
        """Whether someone the tables do not know speaks or is introduced between ``start``
        and ``end`` ('Mark Rutte, the Dutch prime minister,', 'said Mark Rutte'): a pronoun
        after that may be theirs, so it resolves to no one."""
        for match in _PROPER_NAME.finditer(self.masked, start, end):
            if match.group(1).split()[0].lower() in FUNCTION_WORDS | COLLECTIVE_WORDS:
                continue
            if any(r.start < match.end() and match.start() < r.end for r in self.refs):
                continue
            after = self.masked[match.end() : match.end() + 80]
            before = self.masked[max(0, match.start() - 30) : match.start()]
            if re.match(r"\s*,|\s+(?:was|is|has|had|who)\b", after):
                return True
            stop = re.search(r"[.!?]\s", self.masked[match.end() : match.end() + 25])
            reach = match.end() + (stop.start() if stop else 25)
            if verbs_in(self.masked, match.end(), min(end, reach)):
                return True  # 'said Mark Rutte', 'Mark Rutte said' (not across a full stop)
            spoken = [
                v
                for v in verbs_in(self.masked, max(0, match.start() - 12), match.start())
                if v.lemma != "tell"  # 'told Radio Free Europe': whom, not who
            ]
            if spoken and re.search(r"\w\s*$", before):
                return True
        return False

    def antecedent(self, position: int, pronoun_kind: str = "person", floor: int = 0) -> list[Ref]:
        """The speaker(s) a pronoun at ``position`` points to: the nearest earlier reference
        that is neither possessive nor the object of a preposition, unless someone the tables
        do not know is introduced in between."""
        for ref in reversed([r for r in self.refs if floor <= r.end <= position]):
            if ref.kind == "pronoun" or ref.possessive or ref.prepositional or not ref.speaker:
                continue
            if pronoun_kind == "person" and self.kinds.get(ref.speaker) != "person":
                continue
            if self._unknown_speaker_between(ref.end, position):
                return []
            group = self._coordinated(ref, max(0, ref.start - 200))
            if pronoun_kind == "any" or len(group) == 1:
                return group if pronoun_kind == "any" else [ref]
            return [ref]
        return []

    def _resolve(self, window: tuple[int, int]) -> tuple[list[Ref], str]:
        """The subject in ``window`` (text before a verb): refs and how they were found."""
        start, end = window
        relative = re.search(r",\s*(?:which|who)\s*$", self.masked[start:end])
        if relative:
            before = [
                r for r in self.refs if start <= r.start and r.end <= end and r.kind != "pronoun"
            ]
            if before and not self.masked[before[-1].end : start + relative.start()].strip():
                return [before[-1]], before[-1].kind
        inside = [
            r
            for r in self.refs
            if start <= r.start and r.end <= end and not r.possessive and not r.prepositional
        ]
        if inside:
            last = inside[-1]
            if last.kind == "pronoun":
                found = self.antecedent(last.start, last.pronoun_kind or "person")
                return found, "pronoun" if found else "unresolved pronoun"
            return self._coordinated(last, start), last.kind
        words = self.masked[start:end].strip(" ,;:\x00-")
        if not words:
            return [], "none"
        if UNNAMED.search(words):
            return [], "unnamed source"
        epithet = re.match(r"(?:\w+,\s+)?the\s+([a-z][\w-]*)(?=\s*(?:,|$))", words, re.IGNORECASE)
        if epithet and epithet.group(1).islower():
            found = self.antecedent(start)
            return found, "epithet" if found else "none"
        return [], "none"

    def subject(
        self,
        verb: Verb,
        sentence: tuple[int, int],
        after: int | None = None,
        paraphrase: bool = False,
    ):
        """Who speaks through ``verb`` in ``sentence`` (``after``: a closing quotation mark
        the verb follows, for post-quotation attributions)."""
        s_start, s_end = sentence
        passive = re.match(r"\s+by\s+", self.masked[verb.end : s_end])
        if passive:
            region = (verb.end, s_end)
            refs = [
                r
                for r in self.refs
                if region[0] <= r.start < region[1] and r.kind != "pronoun" and not r.possessive
            ]
            if refs:
                first = refs[0]
                group = [first]
                for other in refs[1:]:
                    gap = self.masked[group[-1].end : other.start]
                    if re.fullmatch(r"\s*(,|,?\s+and)\s+[\w\s'-]{0,40}", gap):
                        group.append(other)
                return group, first.kind
        floor = s_start if after is None else after
        boundary = floor
        for match in re.finditer(r"[\x00:;]+", self.masked[floor : verb.start]):
            boundary = floor + match.end()
        found, basis = self._resolve((boundary, verb.start))
        if found or basis not in {"none"} or paraphrase:
            return found, basis
        following = self.masked[verb.end : min(s_end, verb.end + 80)]
        stop = re.search(r"[,.;:\x00]", following)
        region_end = verb.end + (stop.start() if stop else len(following))
        refs = [
            r
            for r in self.refs
            if verb.end <= r.start and r.end <= region_end and r.kind != "pronoun"
        ]
        if refs:
            return [refs[0]], refs[0].kind
        return [], basis

    # -- channels

    def channel(self, sentence: tuple[int, int], verb: Verb | None) -> str:
        s_start, s_end = sentence
        region = self.masked[s_start:s_end]
        patterns = [
            r"\b(?:quoted\s+(?:from|by)|citing|according\s+to|in\s+an\s+interview\s+with)\s+"
        ]
        if verb is not None and verb.lemma == "tell":
            patterns.insert(0, re.escape(self.masked[verb.start : verb.end]) + r"\s+")
        for pattern in patterns:
            for match in re.finditer(pattern, region):
                obj = _channel_object(region[match.end() :])
                if not obj or (
                    pattern.startswith(r"\b(?:quoted")
                    and not self._wire(obj)
                    and "according" in match.group()
                ):
                    continue
                begin = s_start + match.start()
                return self.content[begin : begin + len(match.group()) + len(obj)].strip()
        return ""

    def _wire(self, channel: str) -> str:
        """The ``via`` code (the schema's list) a printed credit names, or ''."""
        for name, code in WIRE_NAMES.items():
            if code in self.wires and name.lower() in channel.lower():
                return code
        for code in self.wires:
            if re.search(rf"(?<![\w/]){re.escape(code)}(?![\w/])", channel):
                return code
        return ""

    # -- proposals

    def _sentence_of(self, position: int) -> tuple[tuple[int, int], int, list[tuple[int, int]]]:
        for index, paragraph in enumerate(self.paragraphs):
            if paragraph[0] <= position < paragraph[1]:
                for sentence in sentences(self.masked, paragraph):
                    if sentence[0] <= position < sentence[1]:
                        return sentence, index, sentences(self.masked, paragraph)
        return (position, position), -1, []

    def _clause_start(
        self, sentence: tuple[int, int], opening: int, introducing: Verb | None = None
    ) -> int:
        """Where the clause holding an embedded quotation begins: after the attribution
        (``introducing``, the verb that introduces it: 'said that', 'According to him,') or
        at the sentence start."""
        s_start = sentence[0]
        before = self.masked[s_start:opening]
        cut = 0
        last = introducing.end if introducing else opening
        for verb in verbs_in(self.masked, s_start, last):
            tail = re.match(
                r"(?:\s+that\b|\s+on\s+\w+|\s+\w+day\b)*\s*", self.masked[verb.end : opening]
            )
            cut = max(cut, verb.end - s_start + (tail.end() if tail else 0))
        for match in re.finditer(r"(?:according to \w+,|[:;])\s*", before, re.IGNORECASE):
            cut = max(cut, match.end())
        start = s_start + cut
        while start < opening and (self.content[start].isspace() or self.content[start] == ","):
            start += 1
        return start

    def _clause_end(self, sentence: tuple[int, int], closing: int) -> int:
        rest = self.masked[closing : sentence[1]]
        stop = re.search(r"[,;.!?](?=\s|$)|\x00", rest)
        end = closing + (stop.start() if stop else len(rest.rstrip()))
        while end > closing and self.content[end - 1].isspace():
            end -= 1
        return end

    def _opening(self, passage: text.QuotedPassage) -> int:
        at = passage.span.start - 1
        while at > 0 and self.folded[at] not in "\"'":
            at -= 1
        return at

    def _closing(self, passage: text.QuotedPassage) -> int:
        at = passage.span.end
        while at < len(self.folded) and self.folded[at] not in "\"'":
            at += 1
        return min(at + 1, len(self.folded))

    def quote_proposals(self) -> list[Proposal]:
        groups: dict[tuple[int, int], list[text.QuotedPassage]] = {}
        for passage in self.passages:
            sentence, _, _ = self._sentence_of(passage.span.start)
            groups.setdefault(sentence, []).append(passage)
        proposals: list[Proposal] = []
        previous: Proposal | None = None
        previous_paragraph = -2
        fragments = [
            (whole, region, part)
            for whole, passages in sorted(groups.items())
            for region, part in self._fragments(whole, passages)
        ]
        # ``sentence`` is where the fragment's attribution is looked for: the whole sentence,
        # or its stretch between the fragment's neighbours (rule V2).
        for whole, sentence, passages in fragments:
            paragraph = self._sentence_of(whole[0])[1]
            first, last = passages[0], passages[-1]
            opening, closing = self._opening(first), self._closing(last)
            starts_sentence = not self.masked[sentence[0] : opening].strip()
            pre = verbs_in(self.masked, sentence[0], opening)
            post = verbs_in(self.masked, closing, sentence[1])
            between = verbs_in(self.masked, opening, closing)
            verb, after = None, None
            if pre:
                # V1: the verb that introduces the quote. A participle does when the quotation
                # follows it ('echoed the comments, saying, "..."'); one that does not
                # ('declined to give details, speaking of "..."') leaves it to the verb before.
                verb = pre[-1]
                if verb.participle and len(pre) > 1 and not self._introduces(verb, opening):
                    verb = pre[-2]
            elif post:
                verb, after = post[0], closing
            elif between:
                verb = between[0]
            proposal = Proposal(first.span.start, last.span.end, "direct", passages, sentence=whole)
            proposal.fragment = sentence != whole
            before_words = self.masked[sentence[0] : opening]
            verb_ends = bool(pre) and self._introduces(pre[-1], opening)
            embedded = (
                not starts_sentence
                and not verb_ends
                and not re.search(
                    r"(?:[:,]|\bthat|" + self._channel_tail(sentence, opening) + r")\s*$",
                    before_words,
                )
            )
            if embedded:
                proposal.quote_type = "partial"
                proposal.start = self._clause_start(sentence, opening, verb if pre else None)
                proposal.end = max(self._clause_end(sentence, closing), last.span.end)
            colon = re.search(r":\s*$", self.masked[sentence[0] : opening])
            if verb is not None:
                found, basis = self.subject(verb, sentence, after)
                proposal.speakers = [r.speaker for r in found if r.speaker]
                proposal.basis = basis
                proposal.verb = self._printed_verb(verb)
                proposal.channel = self.channel(sentence, verb)
                self._printed(proposal, found)
            elif colon and starts_sentence is False:
                # 'Tusk was blunter: "..."': the subject before the colon speaks, with no verb.
                found, basis = self._resolve((sentence[0], sentence[0] + colon.start()))
                proposal.speakers = [r.speaker for r in found if r.speaker]
                proposal.basis = basis
                proposal.notes.append("no attribution verb before the colon: fill in the verb")
                self._printed(proposal, found)
            else:
                according = re.search(
                    r"according to (\w+(?:\s+\w+){0,4}?)\s*,",
                    self.masked[sentence[0] : opening],
                    re.IGNORECASE,
                )
                if according:
                    refs = [
                        r
                        for r in self.refs
                        if sentence[0] <= r.start < opening and r.kind != "pronoun"
                    ]
                    pronouns = [
                        r
                        for r in self.refs
                        if sentence[0] <= r.start < opening and r.kind == "pronoun"
                    ]
                    found = refs[:1] or (self.antecedent(pronouns[0].start) if pronouns else [])
                    proposal.speakers = [r.speaker for r in found if r.speaker]
                    proposal.basis = "according to"
                    proposal.points_back = not refs
                    proposal.according = text.normalise(
                        self.content[
                            sentence[0] + according.start() : sentence[0] + according.start() + 12
                        ]
                    )
                    source = (
                        previous if previous and previous.speakers == proposal.speakers else None
                    )
                    # V1: 'According to him' is the attribution phrase of its sentence.
                    proposal.verb = proposal.according
                    proposal.channel = self.channel(sentence, None) or (
                        source.channel if source else ""
                    )
                    self._printed(proposal, found)
                elif (
                    previous is not None
                    and starts_sentence
                    and previous.speakers
                    and previous_paragraph in (paragraph, paragraph - 1)
                    and (
                        len(first.text.split()) >= 5
                        or re.search(
                            r"[.!?]$", self.folded[first.span.start : closing - 1].rstrip()
                        )
                    )
                ):
                    if (
                        previous_paragraph == paragraph
                        and previous.quote_type == "direct"
                        and previous.sentence[1] == whole[0]
                        and not self.masked[
                            previous.sentence[0] : self._opening(previous.passages[0])
                        ].strip()
                    ):
                        previous.end = last.span.end
                        previous.passages.extend(passages)
                        continue
                    proposal.speakers = list(previous.speakers)
                    proposal.basis = "continuation"
                    proposal.verb, proposal.channel = previous.verb, previous.channel
                    proposal.printed = dict(previous.printed)
            proposals.append(proposal)
            previous, previous_paragraph = proposal, paragraph
        return proposals

    # -- topic (rule S2)

    def names_troops(self, words: str) -> bool:
        """Whether ``words`` name troops (C3, C4 or the lexicon's troops terms)."""
        folded = text.normalise(words)
        return bool(TROOP_WORDS.search(folded)) or any(
            term.search(folded) for term in self.troop_terms
        )

    def _sentence_before(self, sentence: tuple[int, int]) -> tuple[int, int] | None:
        _, index, own = self._sentence_of(sentence[0])
        earlier = [s for s in own if s[1] <= sentence[0]]
        if earlier:
            return earlier[-1]
        if index > 0:
            return sentences(self.masked, self.paragraphs[index - 1])[-1]
        return None

    def about_troops(self, proposal: Proposal) -> bool:
        """S2: whether the proposal's words name troops, or its sentence presents them as
        a reaction to a remark, or they refer back (C2) to words that do."""
        words = self.content[proposal.start : proposal.end]
        if self.names_troops(words):
            return True
        s_start, s_end = proposal.sentence
        if REACTION.search(self.masked[s_start:s_end]):
            return True
        refers = REFERS_BACK.match(text.fold(words))
        if not refers:
            return False
        identified = IDENTIFIED.match(text.fold(words), refers.end())
        if identified and any(term.search(identified.group(1)) for term in self.war_terms):
            return False  # 'This is a war of aggression': the war, not troops
        return self._refers_to_troops(proposal.sentence, set(proposal.speakers))

    def _refers_to_troops(self, sentence: tuple[int, int], speakers: set[str], depth=0) -> bool:
        """C2: whether words referring back from ``sentence`` find troops named in it (outside
        the quotation marks: the question put, the report) or in the sentence before, unless
        that reports someone else; a sentence before that itself refers back passes the
        reference on ('It is ...' then 'In that case ...')."""
        outside = self.masked[sentence[0] : sentence[1]].replace(MASK, " ")
        if self.names_troops(outside) or REACTION.search(outside):
            return True
        before = self._sentence_before(sentence)
        if before is None or before[1] <= self.headline_end or depth >= 2:
            return False  # the headline reports no one's words
        reporting = {
            ref.speaker
            for verb in verbs_in(self.masked, *before)
            for ref in self.subject(verb, before)[0]
            if ref.speaker
        }
        if reporting - speakers:
            return False  # the sentence before reports someone else: it is not referred to
        words = self.content[before[0] : before[1]]
        if self.names_troops(words) or REACTION.search(text.fold(words)):
            return True
        first_words = text.fold(words).lstrip(" \"'(")
        return bool(REFERS_BACK.match(first_words)) and self._refers_to_troops(
            before, speakers, depth + 1
        )

    def _introduces(self, verb: Verb, opening: int) -> bool:
        """Whether ``verb`` runs straight into the quotation opening at ``opening``: nothing
        but punctuation, 'that' and time words ('on Tuesday') between them."""
        gap = re.sub(r"[\s,:\x00]+", " ", self.masked[verb.start + len(verb.printed) : opening])
        return not TIME_WORDS.sub("", gap).strip()

    def _fragments(
        self, sentence: tuple[int, int], passages: list[text.QuotedPassage]
    ) -> list[tuple[tuple[int, int], list[text.QuotedPassage]]]:
        """V2: a sentence whose quoted fragments are introduced by different verbs ('While he
        underlined that "A" ..., he also said that "B."') gives one proposal per fragment,
        each with the stretch of the sentence its attribution stands in. A quotation its
        attribution interrupts ('"A," he said, "B."') has one verb: one proposal."""
        if not verbs_in(self.masked, sentence[0], self._opening(passages[0])):
            return [(sentence, passages)]
        out: list[tuple[tuple[int, int], list[text.QuotedPassage]]] = []
        start, current = sentence[0], [passages[0]]
        for before, passage in itertools.pairwise(passages):
            gap_start, gap_end = self._closing(before), self._opening(passage)
            if verbs_in(self.masked, gap_start, gap_end):
                out.append(((start, gap_end), current))
                start, current = gap_start, [passage]
            else:
                current.append(passage)
        out.append(((start, sentence[1]), current))
        return out

    def _channel_tail(self, sentence: tuple[int, int], opening: int) -> str:
        """A pattern for the credit just before a quotation ('told AP "that ...'), which
        makes the quotation direct, not embedded."""
        channels = {self.channel(sentence, None)}
        for verb in verbs_in(self.masked, sentence[0], opening):
            channels.add(self.channel(sentence, verb))
        parts = [re.escape(text.fold(c)) for c in channels if c]
        return "|".join(parts) if parts else r"(?!x)x"

    def _printed_verb(self, verb: Verb) -> str:
        return (
            text.normalise(self.content[verb.start : verb.start + len(verb.printed)])
            if verb.lemma != "rule"
            else verb.printed
        )

    def _printed(self, proposal: Proposal, found: list[Ref]) -> None:
        """How the article names each speaker: the reference with a name nearest the proposal."""
        for speaker in proposal.speakers:
            named = [r for r in self.refs if r.speaker == speaker and r.kind == "name"]
            own = [r for r in found if r.speaker == speaker and r.kind == "name"]
            before = [r for r in named if r.start <= proposal.start]
            choice = own or before[-1:] or named[:1]
            proposal.printed[speaker] = text.normalise(choice[0].printed) if choice else ""

    def paraphrase_proposals(self, quoted: list[Proposal]) -> list[Proposal]:
        out: list[Proposal] = []
        with_quotes = {p.sentence for p in quoted}
        for paragraph in self.paragraphs:
            for sentence in sentences(self.masked, paragraph):
                if sentence in with_quotes or MASK in self.masked[sentence[0] : sentence[1]]:
                    continue
                according = self._according(sentence)
                if according is not None:
                    out.append(according)
                    continue
                last: Proposal | None = None
                for verb in verbs_in(self.masked, *sentence):
                    if last is not None and verb.participle:
                        if re.search(
                            r",\s*$", self.masked[last.start : verb.start]
                        ) and verb.lemma in {"say", "state"}:
                            last.start = self._content_start(verb, sentence)
                        continue
                    if verb.participle:
                        continue  # 'Scholz, speaking in Freiburg, said ...': the finite verb reports
                    found, basis = self.subject(verb, sentence, paraphrase=True)
                    speakers = [r.speaker for r in found if r.speaker]
                    if not speakers:
                        continue
                    passive = re.match(r"\s+by\s+", self.masked[verb.end : sentence[1]])
                    if passive:
                        start = sentence[0]
                        end = verb.start
                        while end > start and self.content[end - 1] in " \t":
                            end -= 1
                        aux = re.search(
                            r"\s+(?:was|were|is|are|has been|have been)$", self.content[start:end]
                        )
                        if aux:
                            end = start + aux.start()
                        spans = [(start, end)]
                    else:
                        start = self._content_start(verb, sentence)
                        end = sentence[1]
                        spans = self._split_content(start, end)
                    for c_start, c_end in spans:
                        c_end = self._trim_end(c_start, c_end)
                        if len(self.content[c_start:c_end].split()) < 3:
                            continue
                        proposal = Proposal(
                            c_start, c_end, "paraphrase", [], speakers, basis,
                            self._printed_verb(verb), self.channel(sentence, verb), sentence=sentence,
                        )  # fmt: skip
                        self._printed(proposal, found)
                        out.append(proposal)
                        last = proposal
        return out

    def _according(self, sentence: tuple[int, int]) -> Proposal | None:
        """'According to X, ...': reported speech whose attribution is a phrase, not a verb."""
        match = re.match(
            r"\W*(?:\w+,\s+)?(according\s+to)\s+([^,]{1,80}),\s*",
            self.masked[sentence[0] : sentence[1]],
            re.IGNORECASE,
        )
        if not match:
            return None
        start, end = sentence[0] + match.start(2), sentence[0] + match.end(2)
        refs = [r for r in self.refs if start <= r.start and r.end <= end]
        named = [r for r in refs if r.kind != "pronoun" and not r.possessive]
        pointing = False
        if named:
            found = self._coordinated(named[-1], start)
        elif refs:
            found = self.antecedent(refs[0].start, refs[0].pronoun_kind or "person")
            pointing = True
        else:
            return None
        speakers = [r.speaker for r in found if r.speaker]
        content_start = sentence[0] + match.end()
        content_end = self._trim_end(content_start, sentence[1])
        if not speakers or len(self.content[content_start:content_end].split()) < 3:
            return None
        proposal = Proposal(
            content_start, content_end, "paraphrase", [], speakers, "according to",
            sentence=sentence,
        )  # fmt: skip
        proposal.according = text.normalise(
            self.content[sentence[0] + match.start(1) : sentence[0] + match.end(1)]
        )
        proposal.points_back = pointing
        self._printed(proposal, found)
        return proposal

    def _content_start(self, verb: Verb, sentence: tuple[int, int]) -> int:
        at = verb.start + len(verb.printed)
        if verb.lemma == "tell":
            channel = self.channel(sentence, verb)
            if channel:
                found = self.content.find(channel, sentence[0])
                if found != -1:
                    at = max(at, found + len(channel))
        if verb.lemma == "distance":
            skip = re.match(r"\s+\w+\s+from\s+", self.masked[at : sentence[1]])
            if skip:
                at += skip.end()
        skip = TIME_WORDS.match(self.masked[at : sentence[1]])
        if skip:
            at += skip.end()
        while at < sentence[1] and self.content[at] in " ,":
            at += 1
        return at

    def _split_content(self, start: int, end: int) -> list[tuple[int, int]]:
        parts, at = [], start
        for match in re.finditer(r",\s+(?:but|and)\s+that\s+", self.masked[start:end]):
            parts.append((at, start + match.start()))
            at = start + match.end()
        parts.append((at, end))
        return parts

    def _trim_end(self, start: int, end: int) -> int:
        while end > start and self.content[end - 1] in " \t.,;:":
            end -= 1
        return end

    def proposals(self) -> list[Proposal]:
        quoted = self.quote_proposals()
        every = sorted(quoted + self.paraphrase_proposals(quoted), key=lambda p: (p.start, p.end))
        # 'According to him, ...' is its sentence's attribution (rule V1), but credits no one:
        # it takes the channel of the speaker's attribution before it. A continued quotation
        # takes both the verb and the channel.
        last: dict[tuple[str, ...], Proposal] = {}
        for proposal in every:
            key = tuple(proposal.speakers)
            if proposal.according:
                proposal.verb = proposal.according
            if key in last and (not proposal.verb or proposal.according):
                proposal.verb = proposal.verb or last[key].verb
                proposal.channel = proposal.channel or last[key].channel
            if proposal.verb and key and not proposal.according:
                last[key] = proposal
        return every


# --- statements ------------------------------------------------------------------------------


def _score(a: str, b: str) -> float:
    a, b = text.normalise(a).lower(), text.normalise(b).lower()
    if not a or not b:
        return 0.0
    return max(
        fuzz.token_set_ratio(a, b), fuzz.partial_ratio(a, b) if min(len(a), len(b)) >= 12 else 0
    )


def wordings(evidence: Evidence, exclude_article: str) -> dict[str, list[str]]:
    """Every recorded wording of every statement (the summary included), outside one article."""
    out: dict[str, list[str]] = {
        s: [summary]
        for s, summary in zip(
            evidence.statements.statement_id, evidence.statements.summary, strict=True
        )
    }
    others = evidence.mentions[evidence.mentions.article_id != exclude_article]
    for statement, quote in zip(others.statement_id, others.quote, strict=True):
        out.setdefault(statement, []).append(quote)
    return out


COLUMNS = [
    "draft_id", "accept", "proposal", "statement_id", "statement_score", "speaker_id",
    "speaker_basis", "printed_speaker", "quote", "quote_type", "offset", "line", "verb",
    "channel", "via", "confidence", "repeat_of", "passages", "notes",
]  # fmt: skip
BASIS_CONFIDENCE = {
    "name": 0.95, "alias": 0.9, "pronoun": 0.8, "according to": 0.8, "continuation": 0.75,
    "epithet": 0.6,
}  # fmt: skip


def draft(evidence: Evidence, article_id: str) -> pd.DataFrame:
    """The draft of ``article_id``: one row per proposal (see the module docstring)."""
    if article_id not in set(evidence.articles.article_id):
        raise KeyError(f"no article '{article_id}' in articles.csv")
    drafter = Drafter(evidence, article_id)
    content = drafter.content
    statements = evidence.statements.set_index("statement_id")
    by_speaker = statements.groupby("speaker_id").groups
    known = wordings(evidence, article_id)
    recorded = evidence.mentions[evidence.mentions.article_id == article_id]
    recorded_spans = []
    for quote, statement in zip(recorded.quote, recorded.statement_id, strict=True):
        span = text.locate(quote, content)
        if span:
            recorded_spans.append((span, statement))
    own_exclusions = evidence.quote_exclusions[evidence.quote_exclusions.article_id == article_id]
    excluded = {text.passage_key(p) for p in own_exclusions.passage}
    rows: list[dict] = []
    for proposal in drafter.proposals():
        quote = content[proposal.start : proposal.end]
        speakers = proposal.speakers or [None]
        for speaker in dict.fromkeys(speakers):
            candidates = list(by_speaker.get(speaker, [])) if speaker else list(statements.index)
            scores = sorted(
                ((max(_score(quote, w) for w in known.get(s, [""])), s) for s in candidates),
                reverse=True,
            )
            rows.append(
                {
                    "proposal": proposal,
                    "on_topic": drafter.about_troops(proposal),
                    "speaker": speaker,
                    "scores": scores,
                    "quote": quote,
                }
            )

    # One mention per statement per article: the fullest quotation of a statement is its
    # mention, the others repeats of it.
    # A sentence's fragments (V2) compete as one quotation: of those, the one that carries the
    # statement's point (scores best against its summary) is the mention.
    sentence_words: dict[tuple[int, int], int] = {}
    for row in rows:
        p = row["proposal"]
        if p.fragment and row["speaker"] == p.speakers[0]:
            sentence_words[p.sentence] = sentence_words.get(p.sentence, 0) + p.quoted_words
    summaries = dict(zip(statements.index, statements.summary, strict=True))

    def priority(row):
        p = row["proposal"]
        in_head = p.start < drafter.headline_end or (
            drafter.standfirst
            and text.normalise(drafter.standfirst).find(text.normalise(row["quote"])) >= 0
        )
        point = 0.0
        if p.fragment and row["scores"]:
            point = _score(row["quote"], summaries[row["scores"][0][1]])
        return (
            p.quote_type != "paraphrase",
            sentence_words.get(p.sentence, p.quoted_words) if p.fragment else p.quoted_words,
            point,
            p.quoted_words,
            not in_head,
            len(row["quote"]),
            -p.start,
        )

    taken: dict[str, dict] = {}
    for _span, statement in recorded_spans:
        taken[statement] = {"draft_id": "recorded"}
    for row in sorted(rows, key=priority, reverse=True):
        p = row["proposal"]
        overlaps = [s for span, s in recorded_spans if span.start < p.end and p.start < span.end]
        row["statement"], row["score"], row["repeat_of"] = "", 0.0, None
        if overlaps:
            own = [s for s in overlaps if statements.at[s, "speaker_id"] == row["speaker"]]
            row["kind"], row["statement"] = "recorded", (own or overlaps)[0]
            continue
        if p.passages and all(text.passage_key(q.text) in excluded for q in p.passages):
            row["kind"] = "recorded"  # its passages are already in quote_exclusions.csv
            continue
        if (
            row["speaker"]
            and p.quote_type != "paraphrase"
            and not row["on_topic"]
            and not (row["scores"] and row["scores"][0][0] >= CLEAR_MATCH)
        ):
            # S2: a quotation whose words name no troops, and which reports no recorded
            # statement clearly, is off topic.
            row["kind"], row["closest"] = "off_topic", row["scores"][:1]
            continue
        strong = [(score, s) for score, s in row["scores"] if score >= MIN_SCORE]
        if not row["speaker"]:
            strong = [(score, s) for score, s in strong if score >= 85]
        free = [(score, s) for score, s in strong if s not in taken]
        if row["speaker"] and free and (not strong or free[0][0] >= strong[0][0] - 15):
            row["kind"], row["score"], row["statement"] = "mention", free[0][0], free[0][1]
            taken[free[0][1]] = row
        elif strong:
            row["kind"], row["score"], row["statement"] = "repeat", strong[0][0], strong[0][1]
            row["repeat_of"] = taken.get(strong[0][1])
            if row["repeat_of"] is None and row["speaker"]:
                row["kind"] = "mention"
                taken[strong[0][1]] = row
            elif row["repeat_of"] is None:
                row["kind"] = "no_speaker"  # the statement it resembles is only a suggestion
        elif not row["speaker"]:
            short = p.quoted_words <= 4
            row["kind"] = "not_a_statement" if short and p.basis in {"none"} else "no_speaker"
            if p.basis == "unnamed source":
                row["kind"] = "no_speaker"
        elif p.quote_type != "paraphrase":
            row["kind"] = "new_statement"
        else:
            row["kind"] = "drop"
    _join_continued_reports(rows, drafter, content)
    rows = [r for r in rows if r["kind"] != "drop"]
    rows.sort(key=lambda r: (r["proposal"].start, r["proposal"].end))
    for number, row in enumerate(rows, start=1):
        row["draft_id"] = f"d{number:03d}"
    # A credit printed with another report of the same statement in the article (the lede's
    # 'told The Associated Press') is the mention's channel when its own sentence has none.
    credited = {
        (r["statement"], r["speaker"]): r["proposal"]
        for r in reversed(rows)
        if r["kind"] == "repeat" and r["proposal"].channel
    }
    for row in rows:
        source = credited.get((row["statement"], row["speaker"]))
        if row["kind"] == "mention" and not row["proposal"].channel and source is not None:
            row["proposal"].channel = source.channel
            row["proposal"].notes.append(
                f"channel printed on line {text.line_of(source.start, content)} with another "
                "report of this statement"
            )
    out = []
    for row in rows:
        p = row["proposal"]
        speaker = row["speaker"] or ""
        confidence = BASIS_CONFIDENCE.get(p.basis, 0.3) if speaker else 0.0
        if row["statement"]:
            confidence *= min(1.0, row["score"] / 100 + 0.1)
        elif speaker:
            confidence *= 0.5
        notes = list(p.notes)
        if p.quote_type == "partial":
            notes.append("partial: a paraphrase with quoted words; check where the clause starts")
        if p.quote_type == "paraphrase":
            notes.append("paraphrase candidate: reported speech without quotation marks")
        if p.basis == "unnamed source":
            notes.append(
                "an unnamed source: name its office as the speaker if the article does, "
                "else not_a_statement (codebook, quote_exclusions.csv)"
            )
        if p.basis == "unresolved pronoun":
            notes.append("the pronoun may point to someone not in speakers.csv: no speaker")
        if row["kind"] == "new_statement":
            notes.append("no recorded statement of this speaker matches: add one to statements.csv")
        if row["kind"] == "off_topic":
            closest = "".join(
                f"; the closest statement of this speaker, {s}, scores {score:.0f}"
                for score, s in row.get("closest", [])
            )
            notes.append(
                "names no troops, refers back to none and is no reaction to a remark "
                f"(rule S2){closest}: list it in quote_exclusions.csv as off_topic"
            )
        if row["kind"] == "not_a_statement":
            notes.append("no attribution: a scare quote, title or heading")
        repeat = row.get("repeat_of")
        kind = row["kind"]
        accept = (
            "yes"
            if (kind == "mention" and confidence >= 0.6 and p.verb and p.printed.get(speaker))
            or (kind == "repeat" and p.passages and repeat)
            else ""
        )
        out.append(
            {
                "draft_id": row["draft_id"],
                "accept": accept,
                "proposal": kind,
                "statement_id": row["statement"],
                "statement_score": round(row["score"]),
                "speaker_id": speaker,
                "speaker_basis": p.basis,
                "printed_speaker": p.printed.get(speaker, "") if speaker else "",
                "quote": text.normalise(row["quote"]),
                "quote_type": p.quote_type,
                "offset": p.start,
                "line": text.line_of(p.start, content),
                "verb": p.verb if speaker else "",
                "channel": p.channel if speaker else "",
                "via": drafter._wire(p.channel) if speaker else "",
                "confidence": round(confidence, 2),
                "repeat_of": repeat["draft_id"] if isinstance(repeat, dict) else "",
                "passages": " | ".join(q.text for q in p.passages),
                "notes": "; ".join(notes),
            }
        )
    return pd.DataFrame(out, columns=COLUMNS)


def _join_continued_reports(rows: list[dict], drafter: Drafter, content: str) -> None:
    """One report of one statement is one passage: a mention attributed only by 'According to
    him' that continues the same speaker's report of the same statement in the sentence just
    before is joined with it, and takes that sentence's verb (rule V1: the verb of the
    sentence where the quote begins)."""
    for row in rows:
        p = row["proposal"]
        if row["kind"] != "mention" or not p.points_back or len(p.speakers) != 1:
            continue
        before = drafter._sentence_before(p.sentence)
        for other in rows:
            q = other["proposal"]
            if (
                other["kind"] == "repeat"
                and other["statement"] == row["statement"]
                and other["speaker"] == row["speaker"]
                and q.sentence == before
                and len(q.speakers) == 1
            ):
                p.start = q.start
                p.quote_type = "partial" if p.passages else "paraphrase"
                p.verb, p.channel = q.verb or p.verb, q.channel or p.channel
                p.printed = {**p.printed, **q.printed}
                p.notes.append(
                    "joined with the report of the same statement in the sentence before, "
                    "which 'According to' continues"
                )
                row["quote"] = content[p.start : p.end]
                other["kind"] = "drop"
                break


# How the command's summary names each kind of proposal (singular, plural).
KIND_NOUNS = {
    "mention": ("mention", "mentions"),
    "new_statement": ("mention of a new statement", "mentions of new statements"),
    "repeat": ("repeat", "repeats"),
    "off_topic": ("off-topic quotation", "off-topic quotations"),
    "not_a_statement": ("quotation that is not a statement", "quotations that are not statements"),
    "no_speaker": ("passage without a speaker", "passages without a speaker"),
    "recorded": ("passage already recorded", "passages already recorded"),
}


def draft_path(article_id: str, out_dir: Path | None = None) -> Path:
    return Path(out_dir or DRAFT_DIR) / f"{article_id}-mentions.csv"


def write_draft(frame: pd.DataFrame, path: Path) -> None:
    write_text(path, spreadsheet.to_csv(frame))  # no cell runs as a formula


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m boots.curate.draft", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("article_id")
    parser.add_argument("--data", type=Path, help="the data folder (default: data/)")
    parser.add_argument(
        "--out",
        type=Path,
        help=f"folder for the draft (default: {DRAFT_DIR.relative_to(config.ROOT)})",
    )
    args = parser.parse_args(argv)
    try:
        evidence = load(args.data)
        frame = draft(evidence, args.article_id)
    except (DataError, KeyError) as error:
        print(f"draft: {error.args[0] if error.args else error}", file=sys.stderr)
        return 2
    path = draft_path(args.article_id, args.out)
    write_draft(frame, path)
    counts = frame.proposal.value_counts()
    summary = ", ".join(
        counted(int(n), *KIND_NOUNS.get(kind, (kind, kind))) for kind, n in counts.items()
    )
    shown = path.relative_to(config.ROOT) if path.is_relative_to(config.ROOT) else path
    print(f"{shown}: {summary or 'nothing to propose'}")
    print(
        "Review it (set accept to yes or empty, fix any cell), then: make accept-draft "
        f"ARTICLE={args.article_id}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
