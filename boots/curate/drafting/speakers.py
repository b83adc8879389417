"""Extractor (c): who is named where, and whom a pronoun or a role noun points to.

References found in a paragraph (with the quoted words masked out), in order of precedence
where they overlap:

* ``name`` and ``alias``: the ``printed_names`` and ``aliases`` of ``speakers.csv`` (names
  match with their case, aliases in any case, with or without a leading ``the``), and the
  surname of a person's printed name when no other speaker has it;
* ``role``: ``the``/``this``/``that`` + at most one lower-case word + a role noun of
  ``speakers.csv``'s ``role_nouns`` (``the chancellor``, ``the defence minister``); it points
  to the nearest earlier reference to a speaker with that role noun in the article; with
  none, to nobody;
* ``unnamed``: a noun of a source without a name (``cue_words.csv``: ``officials``, ``a
  diplomat``), never a speaker;
* ``pronoun``: ``he``, ``she``, ``they``, ``it``: the nearest earlier compatible reference in
  the paragraph (a person for he and she, a person group or government for they, an office or
  government for it), else in the paragraph before; subjects are preferred to possessives
  and objects; when that reference is someone the tables do not know, nobody;
* ``relative``: ``who`` after a reference is that reference;
* ``unknown``: capitalised words the tables do not know (``Anna Berg``, ``the European
  Commission``): a person (two words or more, without ``the``) or a body that is not a known
  speaker, so nobody.

A reference followed by ``'s`` is possessive and one after a preposition is an object: neither
can be the subject of a reporting verb, though both can be what a later pronoun points to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from boots.curate.drafting import lexicon
from boots.curate.drafting.phrases import PhraseMatcher, Tokens

_POSSESSIVE = re.compile(r"^['’]s?(?!\w)")
TAIL = 40  # how far back the word before a reference is looked for (keeps the search linear)
_STARTS = set('.!?:\x00"“”„«»‚‘’(')
_WORD_BEFORE = re.compile(r"([\w-]+)\W*$")
_UPPER = "".join(chr(c) for c in range(0x250) if chr(c).isupper())
_CAPITALISED = re.compile(
    rf"(?<![\w'’-])[{_UPPER}][\w'’.-]*(?:\s+(?:[{_UPPER}][\w'’.-]*|de|von|van|der|da|al|bin|ibn))*(?![\w-])"
)


def _split(value) -> list[str]:
    return [v.strip() for v in str(value or "").split(";") if v.strip()]


@dataclass
class Ref:
    start: int
    end: int
    kind: str  # name, alias, role, unnamed, pronoun, relative, unknown
    text: str
    speakers: tuple[str, ...] = ()
    number: str = "person"  # person, plural, thing
    possessive: bool = False
    object: bool = False
    resolved: bool = False
    basis: str = ""
    roles: tuple[str, ...] = ()  # role nouns printed as a title before an unknown person


@dataclass
class Index:
    """The speakers of the tables as phrase matchers: names, aliases and role nouns."""

    names: PhraseMatcher  # printed names and surnames, with their case
    aliases: PhraseMatcher  # aliases, any case
    roles: PhraseMatcher  # role nouns, any case
    role_speakers: dict[str, set[str]]
    number: dict[str, str]
    unnamed: PhraseMatcher
    pronouns: PhraseMatcher
    relative: PhraseMatcher
    prepositions: frozenset[str] = field(default_factory=frozenset)
    bare_roles: re.Pattern | None = None
    country: dict[str, str] = field(default_factory=dict)
    title_before: re.Pattern | None = None


DETERMINERS = {"the", "this", "that"}
INDEFINITE = {"a", "an", "one"}


def index(speakers: pd.DataFrame) -> Index:
    names: dict[str, tuple[str, str]] = {}
    aliases: dict[str, tuple[str, str]] = {}
    role_speakers: dict[str, set[str]] = {}
    number = {}
    country: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for row in speakers.itertuples():
        for name in _split(row.printed_names):
            names.setdefault(name, (row.speaker_id, "name"))
            if row.kind == "person" and len(name.split()) > 1:
                surnames.setdefault(name.split()[-1], set()).add(row.speaker_id)
        for alias in _split(row.aliases):
            bare = re.sub(r"^the\s+", "", alias, flags=re.IGNORECASE)
            aliases.setdefault(bare, (row.speaker_id, "alias"))
        for noun in _split(getattr(row, "role_nouns", "")):
            role_speakers.setdefault(noun.lower(), set()).add(row.speaker_id)
        number[row.speaker_id] = "person" if row.kind == "person" else "thing"
        country[row.speaker_id] = str(getattr(row, "country", "") or "")
    for surname, owners in surnames.items():
        if len(owners) == 1 and surname not in names:  # a surname two speakers share names neither
            names[surname] = (next(iter(owners)), "name")
    return Index(
        names=PhraseMatcher(names, ignore_case=False),
        aliases=PhraseMatcher(aliases, ignore_case=True),
        roles=PhraseMatcher({noun: noun for noun in role_speakers}, ignore_case=True),
        role_speakers=role_speakers,
        number=number,
        unnamed=PhraseMatcher(lexicon.words("unnamed"), ignore_case=True),
        pronouns=PhraseMatcher(lexicon.words("pronoun"), ignore_case=True),
        relative=PhraseMatcher(lexicon.words("relative"), ignore_case=True),
        prepositions=frozenset(lexicon.words("preposition")),
        bare_roles=re.compile(lexicon.alternation(role_speakers), re.IGNORECASE)
        if role_speakers
        else None,
        country=country,
        title_before=re.compile("(" + lexicon.alternation(role_speakers) + r")\s+$", re.IGNORECASE)
        if role_speakers
        else None,
    )


def find(idx: Index, masked: str, offset: int, tokens: Tokens | None = None) -> list[Ref]:
    """The references of one masked paragraph (``masked`` starts at article ``offset``)."""
    taken = bytearray(len(masked))
    refs: list[Ref] = []
    tokens = tokens or Tokens(masked)

    def add(start: int, end: int, kind: str, **extra) -> None:
        if any(taken[start:end]):
            return
        taken[start:end] = b"\x01" * (end - start)
        refs.append(Ref(start + offset, end + offset, kind, masked[start:end], **extra))

    def with_determiner(match) -> int:
        before = match.first_token - 1
        if before >= 0 and tokens.joined[before] and tokens.lower[before] == "the":
            return tokens.starts[before]
        return match.start

    known = idx.names.find(tokens) + idx.aliases.find(tokens)
    for match in sorted(known, key=lambda m: (m.start, m.start - m.end)):
        speaker, kind = match.value
        before = match.first_token - 1
        if kind == "alias" and before >= 0 and tokens.lower[before] in INDEFINITE:
            # 'a Kremlin spokesman': one of several, an unnamed source, not the office holder
            add(tokens.starts[before], match.end, "unnamed", number="person")
            continue
        start = with_determiner(match) if kind == "alias" else match.start
        add(start, match.end, kind, speakers=(speaker,), number=idx.number[speaker])
    for match in idx.roles.find(tokens):
        first = match.first_token
        for back in (1, 2):  # 'the chancellor', 'the former chancellor'
            det = first - back
            if det < 0 or not all(tokens.joined[det:first]):
                break
            if tokens.lower[det] in DETERMINERS:
                if back == 1 or tokens.words[det + 1].islower():
                    add(tokens.starts[det], match.end, "role", basis=match.value)
                break
    function, verbs = lexicon.words("function"), lexicon.verbs()
    for match in idx.unnamed.find(tokens):
        following = match.last_token + 1
        if following < len(tokens.words) and tokens.joined[match.last_token]:
            word = tokens.words[following]
            if word.islower() and word not in function and word not in verbs:
                continue  # a modifier ('an official manner', 'government sources'), not a source
        add(match.start, match.end, "unnamed", number=match.value or "person")
    for match in idx.pronouns.find(tokens):
        add(match.start, match.end, "pronoun", number=match.value or "person")
    for match in idx.relative.find(tokens):
        add(match.start, match.end, "relative")
    for match in _CAPITALISED.finditer(masked):
        start, end = match.span()
        words = match.group().split()
        while words and words[0].lower() in function:
            start = masked.index(words[0], start) + len(words[0])
            words.pop(0)
        if not words:
            continue
        start = masked.index(words[0], start)
        tail = masked[max(0, start - TAIL) : start].rstrip()
        at_start = not tail or tail[-1] in _STARTS
        # a person's name takes no article: 'the Harbour Authority' is a body
        person = len(words) > 1 and not tail.lower().endswith("the")
        if len(words) > 1 or not at_start:
            title = idx.title_before.search(tail + " ") if person and idx.title_before else None
            roles = (title.group(1).lower(),) if title else ()
            add(start, end, "unknown", number="person" if person else "thing", roles=roles)
    refs.sort(key=lambda r: r.start)
    for ref in refs:
        local_end = ref.end - offset
        ref.possessive = bool(_POSSESSIVE.match(masked[local_end:]))
        before = _WORD_BEFORE.search(masked[max(0, ref.start - offset - TAIL) : ref.start - offset])
        ref.object = bool(before) and before.group(1).lower() in idx.prepositions
    _merge_adjacent(refs, masked, offset)
    return _possessed_roles(idx, refs, masked, offset)


def _possessed_roles(idx: Index, refs: list[Ref], masked: str, offset: int) -> list[Ref]:
    """``the Kremlin's spokesman``: a role noun owned by a known speaker whose role nouns
    include it is that speaker."""
    if idx.bare_roles is None:
        return refs
    out: list[Ref] = []
    skip_until = -1
    for ref in refs:
        if ref.start < skip_until:
            continue
        out.append(ref)
        if not (ref.possessive and len(ref.speakers) == 1):
            continue
        at = ref.end - offset
        owner = _POSSESSIVE.match(masked[at:])
        role = idx.bare_roles.match(masked, at + owner.end() + 1) if owner else None
        if role is None or not masked[at + owner.end() : role.start()].isspace():
            continue
        for _ in range(2):  # 'Northland's premier's spokesman': the last role of the chain
            more = _POSSESSIVE.match(masked[role.end() :])
            after = idx.bare_roles.match(masked, role.end() + more.end() + 1) if more else None
            if after is None or not masked[role.end() + more.end() : after.start()].isspace():
                break
            role = after
        holder = _holder(idx, ref.speakers[0], role.group().lower())
        if holder is not None:
            end = offset + role.end()
            out.append(
                Ref(
                    ref.start,
                    end,
                    "alias",
                    ref.text + masked[at : role.end()],
                    speakers=(holder,),
                    number=idx.number[holder],
                )
            )
            ref.possessive = True
            skip_until = end
    for ref in out:
        if ref.kind == "alias" and ref.end > ref.start:
            ref.possessive = bool(_POSSESSIVE.match(masked[ref.end - offset :]))
    return out


def _holder(idx: Index, owner: str, noun: str) -> str | None:
    """Who ``<owner>'s <noun>`` is: the owner when the noun is its own role noun (``the
    Kremlin's spokesman``), else the one speaker of the owner's country with that role noun
    (``Northland's defence minister``); None when there is not exactly one."""
    holders = idx.role_speakers.get(noun, set())
    if owner in holders:
        return owner
    country = idx.country.get(owner, "")
    same = [s for s in holders if country and idx.country.get(s) == country]
    return same[0] if len(same) == 1 else None


def _merge_adjacent(refs: list[Ref], masked: str, offset: int) -> None:
    """``German Chancellor Olaf Scholz``: an alias and a name of one speaker printed next to
    each other (or an unknown title before a name) are one reference; so are a role noun and
    the name after it in apposition (``the prime minister, Anna Berg``)."""
    i = 0
    while i + 1 < len(refs):
        a, b = refs[i], refs[i + 1]
        gap = masked[a.end - offset : b.start - offset]
        title = a.kind == "unknown" and b.kind == "name" and " " not in a.text.strip()
        # 'the prime minister, Anna Berg,': a role noun and the name in apposition after it
        named_role = a.kind == "role" and b.kind in ("name", "alias") and b.number == "person"
        if named_role and gap.strip() == ",":
            b.start, b.text, b.object = a.start, a.text + gap + b.text, a.object
            del refs[i]
            continue
        if not gap.strip() and b.speakers and (a.speakers == b.speakers or title):
            b.start, b.text, b.object = a.start, a.text + gap + b.text, a.object
            del refs[i]
            continue
        i += 1


_NO_OTHER: tuple[frozenset[str], frozenset[tuple[str, ...]]] = (frozenset(), frozenset())
COMPATIBLE = {
    "person": {"person"},
    "plural": {"plural", "thing", "group"},
    "thing": {"thing"},
}


class Resolver:
    """Resolves references in reading order; remembers what each points to."""

    def __init__(self, idx: Index):
        self.idx = idx
        self.history: list[Ref] = []  # resolved references, article order
        self.paragraph_starts: list[int] = [0]  # where each paragraph's references begin
        self.nouns_of: dict[str, list[str]] = {}
        for noun, owners in idx.role_speakers.items():
            for owner in owners:
                self.nouns_of.setdefault(owner, []).append(noun)
        self.last_by_role: dict[str, Ref] = {}  # the last reference to a speaker with the noun
        # the last such reference as a subject: a role noun points to it first ('X met the
        # Czech prime minister. The prime minister said' is X, the subject, if X has the noun)
        self.last_subject_by_role: dict[str, Ref] = {}
        self.gender = lexicon.words("gender")
        self.other_forms = {
            g: frozenset(w for w, h in self.gender.items() if h != g) for g in self.gender.values()
        }
        self._other = _NO_OTHER

    def new_paragraph(self) -> None:
        self.paragraph_starts.append(len(self.history))

    def _earlier(self, paragraphs: int):
        """The references of this paragraph and of ``paragraphs`` before it, nearest first."""
        stop = self.paragraph_starts[max(0, len(self.paragraph_starts) - 1 - paragraphs)]
        for at in range(len(self.history) - 1, stop - 1, -1):
            yield self.history[at]

    def resolve(self, ref: Ref) -> Ref:
        """Fill ``ref.speakers`` and ``ref.basis``; record it for later references."""
        if ref.resolved:
            return ref
        ref.resolved = True
        if ref.kind in ("name", "alias"):
            ref.basis = ref.kind
        elif ref.kind == "role":
            earlier = self.last_subject_by_role.get(ref.basis) or self.last_by_role.get(ref.basis)
            ref.basis = "role"
            if earlier is not None:
                ref.speakers, ref.number = earlier.speakers, earlier.number
        elif ref.kind == "pronoun":
            ref.basis = "pronoun"
            allowed = COMPATIBLE.get(ref.number, {"person"})
            self._other = self._other_gender(ref)
            target = self._antecedent(allowed, paragraphs=0)
            if target is None:
                target = self._antecedent(allowed, paragraphs=1)
            self._other = _NO_OTHER
            if target is not None:
                ref.speakers = target.speakers
        else:
            ref.basis = ref.kind
        self.history.append(ref)
        for noun in ref.roles:  # 'premier Anna Berg', unknown: she holds the role now
            self.last_by_role[noun] = ref
            if not (ref.object or ref.possessive):
                self.last_subject_by_role[noun] = ref
        if len(ref.speakers) == 1:
            subject = not (ref.object or ref.possessive)
            for noun in self.nouns_of.get(ref.speakers[0], ()):
                self.last_by_role[noun] = ref
                if subject:
                    self.last_subject_by_role[noun] = ref
        return ref

    def _antecedent(self, allowed: set[str], paragraphs: int) -> Ref | None:
        """The nearest earlier compatible reference, preferring subjects (neither possessive
        nor after a preposition)."""
        for subjects_only in (True, False):
            found = self._nearest(allowed, paragraphs, subjects_only)
            if found is not None:
                return found
        return None

    def _other_gender(self, ref: Ref) -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
        """``he ... she``: the pronouns of the other gender in this paragraph and the one
        before, and whom they point to: a pronoun points to neither."""
        gender = self.gender.get(ref.text.lower())
        if gender is None:
            return _NO_OTHER
        forms = self.other_forms[gender]
        taken = frozenset(
            e.speakers
            for e in self._earlier(1)
            if e.kind == "pronoun" and e.speakers and e.text.lower() in forms
        )
        return forms, taken

    def _nearest(self, allowed: set[str], paragraphs: int, subjects_only: bool):
        forms, taken = self._other
        for earlier in self._earlier(paragraphs):
            if earlier.kind in ("pronoun", "relative") and not earlier.speakers:
                continue
            if earlier.text.lower() in forms or (earlier.speakers and earlier.speakers in taken):
                continue
            if subjects_only and (earlier.possessive or earlier.object):
                continue
            group = "group" if len(earlier.speakers) > 1 else earlier.number
            if group in allowed or earlier.number in allowed:
                return earlier
        return None
