"""The drafting pipeline: one pass over an article's paragraphs, then one over its proposals.

1. ``paragraphs``: the article's body lines (``body_lines``), one paragraph per line; a line
   that is the headline, or short and without a sentence's final punctuation, is a heading.
2. ``quotes.quotations``: the quotation spans of each paragraph (extractor a).
3. per paragraph, with the quoted words masked: ``speakers.find`` and ``Resolver`` (c), the
   sentences and ``cues.find``/``cues.attribute`` (b);
4. ``attribute_quotes``: each quotation takes the nearest cue of its sentence; a quotation
   that is a sentence of its own takes the attribution of the quotation before it in the
   paragraph (a quotation split by its attribution: joined into one proposal), of a cue
   ending the sentence before with ``:``, or of the quotation it continues from the paragraph
   before; one after a colon in a sentence without a cue is the sentence subject's; a quotation in a heading, after ``so-called``, or with none of these gets no
   speaker;
5. ``reported.clause`` (d): reported speech of cues with a known speaker and no quotation in
   their sentence (``X responded to Y's remark that ...``: Y's words);
6. ``assign``: statements by ``match.best`` (e) among the speaker's statements, one mention
   per statement per article (the fullest quotation; the others are repeats).

Each step touches each paragraph, quotation and cue a bounded number of times, so drafting
is linear in the article's length (the benchmark prints the time for 32,000 quotations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from boots.curate.drafting import cues as cue_mod
from boots.curate.drafting import lexicon, quotes, reported
from boots.curate.drafting import speakers as speaker_mod
from boots.curate.drafting.phrases import Tokens
from boots.data import text
from boots.data.tables import Evidence

# A statement scoring below this (match.similarity, 0-100) is not proposed.
MIN_SCORE = 45
WEAK_SCORE = 30  # the speaker's best statement, if it scores this, is proposed with a note
SHORT_QUOTE_WORDS = 4  # an unattributed quotation this short is a scare quote or a title
HEADING_WORDS = 20
BASIS_CONFIDENCE = {
    "name": 0.95,
    "alias": 0.9,
    "according to": 0.8,
    "pronoun": 0.8,
    "role": 0.75,
    "continuation": 0.75,
    "answer": 0.85,
}
_FINAL = re.compile("[.!?:;][\\s\"'\u201d\u2019\u00bb\u00ab\u201c\u203a\u2039)\\]]*$")
_ONLY_MARKS = re.compile("[\\W_" + cue_mod.MASK + "]*")


@dataclass
class Proposal:
    start: int
    end: int
    quote_type: str  # direct or paraphrase
    speakers: tuple[str, ...] = ()
    basis: str = "none"
    cue: cue_mod.Cue | None = None
    passages: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    no_statement: str = ""  # heading, scare, no attribution: why it is no statement
    reference: bool = False  # 'X took a similar position': points to another statement


@dataclass
class Paragraph:
    start: int
    end: int
    heading: bool
    quotes: list[quotes.Quote]
    masked: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    cues: list[cue_mod.Cue] = field(default_factory=list)
    refs: list[speaker_mod.Ref] = field(default_factory=list)
    inner: tuple[Proposal, ...] = ()  # quotations inside quotations


def paragraphs(content: str, body_lines: str, headline: str) -> list[tuple[int, int, bool]]:
    """``(start, end, heading)`` of each non-blank body line."""
    spans = text.body_spans(content, body_lines) if body_lines else [text.Span(0, len(content))]
    head = text.normalise(headline or "")
    out = []
    for span in spans:
        for line in re.finditer(r"[^\n]+", content[span.start : span.end]):
            start, end = span.start + line.start(), span.start + line.end()
            stripped = line.group().strip()
            if not stripped:
                continue
            words = len(stripped.split())
            heading = (bool(head) and text.normalise(stripped) == head) or (
                words <= HEADING_WORDS and not _FINAL.search(stripped) and stripped[0] != ">"
            )
            out.append((start, end, heading))
    return out


def _mask(content: str, start: int, end: int, found: list[quotes.Quote]) -> str:
    parts, at = [], start
    for quote in found:
        parts.append(content[at : quote.start])
        parts.append(cue_mod.MASK * (quote.end - quote.start))
        at = quote.end
    parts.append(content[at:end])
    return "".join(parts)


def read(content: str, spans: list[tuple[int, int, bool]], idx) -> list[Paragraph]:
    """Steps 2 and 3: quotations, references, sentences and attributed cues per paragraph."""
    found = quotes.quotations(content, [(s, e) for s, e, _ in spans])
    resolver = speaker_mod.Resolver(idx)
    out = []
    for (start, end, heading), paragraph_quotes in zip(spans, found, strict=True):
        para = Paragraph(start, end, heading, paragraph_quotes)
        para.masked = _mask(content, start, end, paragraph_quotes)
        para.sentences = cue_mod.sentences(para.masked, start)
        resolver.new_paragraph()
        tokens = Tokens(para.masked)
        refs = para.refs = speaker_mod.find(idx, para.masked, start, tokens)
        para.cues = cue_mod.find(para.masked, start, para.sentences, tokens)
        cue_mod.mark_addressees(para.cues, refs, para.masked, start)
        for ref in refs:
            resolver.resolve(ref)
        for number, cue in enumerate(para.cues):
            before = para.cues[number - 1] if number else None
            cue_mod.attribute(cue, refs, resolver, para.masked, start, before)
        for quote in paragraph_quotes:
            if quote.inner:
                para.inner += tuple(inner_quotes(content, quote, idx, resolver))
        out.append(para)
    return out


def inner_quotes(content: str, outer: quotes.Quote, idx, resolver) -> list[Proposal]:
    """Step 3b: a quotation inside another (``«When X says ‹...›, ...»``) is its own
    proposal, attributed from the outer quotation's words alone: the nearest cue of its
    sentence there whose verb reports (``says``; not ``spoke``, which may say how), whose subject is resolved with what the article said before (role
    nouns) but no pronoun outside the quotation. With no cue there it gets no speaker."""
    masked = _mask(content, outer.start, outer.end, outer.inner)
    sentences = cue_mod.sentences(masked, outer.start)
    tokens = Tokens(masked)
    scratch = speaker_mod.Resolver(idx)
    scratch.last_by_role = dict(resolver.last_by_role)
    scratch.last_subject_by_role = dict(resolver.last_subject_by_role)
    refs = speaker_mod.find(idx, masked, outer.start, tokens)
    cues = cue_mod.find(masked, outer.start, sentences, tokens)
    cue_mod.mark_addressees(cues, refs, masked, outer.start)
    for ref in refs:
        scratch.resolve(ref)
    for number, cue in enumerate(cues):
        before = cues[number - 1] if number else None
        cue_mod.attribute(cue, refs, scratch, masked, outer.start, before)
    out = []
    for quote in outer.inner:
        proposal = Proposal(quote.start, quote.end, "direct", passages=[(quote.start, quote.end)])
        sentence = next((x for x in sentences if x[0] <= quote.start < x[1]), None)
        near = [c for c in cues if c.sentence == sentence and c.reports]
        if near:
            _take(proposal, min(near, key=lambda c: (_gap(quote, c), not c.reports)))
            proposal.notes.append("a quotation inside another's words, attributed there")
        else:
            proposal.no_statement = "no attribution in its sentence"
        out.append(proposal)
    return out


def _sentence_of(para: Paragraph, position: int) -> tuple[int, int]:
    return next((s for s in para.sentences if s[0] <= position < s[1]), para.sentences[-1])


def _quote_only(para: Paragraph, sentence: tuple[int, int]) -> bool:
    local = para.masked[sentence[0] - para.start : sentence[1] - para.start]
    return not any(c.isalpha() for c in local)


def _gap(quote: quotes.Quote, cue: cue_mod.Cue) -> int:
    return cue.start - quote.end if cue.start >= quote.end else quote.start - cue.end


def attribute_quotes(paras: list[Paragraph]) -> list[Proposal]:
    """Step 4 (module docstring): one proposal per quotation, split quotations joined."""
    out: list[Proposal] = []
    last_of_previous: Proposal | None = None
    scare = lexicon.scare_pattern()
    for number, para in enumerate(paras):
        previous: Proposal | None = None
        for quote in para.quotes:
            proposal = Proposal(
                quote.start, quote.end, "direct", passages=[(quote.start, quote.end)]
            )
            sentence = _sentence_of(para, quote.start)
            before = para.masked[
                max(0, quote.start - para.start - 40) : max(0, quote.start - para.start - 1)
            ]
            in_sentence = [
                c for c in para.cues if c.sentence == sentence and not _new_clause(para, c, quote)
            ]
            if para.heading:
                proposal.no_statement = "heading"
            elif scare.search(before):
                proposal.no_statement = "scare"
            elif quote.continues and last_of_previous is not None and last_of_previous.cue:
                _inherit(proposal, last_of_previous, "continues the quotation before it")
            elif in_sentence:
                cue = min(in_sentence, key=lambda c: (_gap(quote, c), not c.reports))
                _take(proposal, cue)
                if (
                    previous is not None
                    and previous.speakers
                    and previous.speakers == proposal.speakers
                    and _sentence_of(para, previous.start) == sentence
                    and _split_by(para, previous, quote)
                ):
                    _join(previous, quote)
                    continue
            elif _quote_only(para, sentence) or quote.block:
                source = _source_of_lone_quote(para, number, paras, previous, sentence, quote)
                if isinstance(source, Proposal):
                    if source is previous and _split_by(para, previous, quote):
                        _join(previous, quote)
                        continue
                    _inherit(proposal, source, "a quotation of its own after another's")
                elif isinstance(source, cue_mod.Cue):
                    _take(proposal, source)
                else:
                    proposal.no_statement = "no attribution"
            elif (subject := _colon_subject(para, sentence, quote)) is not None:
                proposal.speakers, proposal.basis = subject.speakers, subject.basis or "none"
                proposal.notes.append("introduced by a colon after its speaker")
            else:
                proposal.no_statement = "no attribution in its sentence"
            out.append(proposal)
            previous = proposal
        if para.quotes:
            last_of_previous = out[-1] if out else None
        elif para.cues or any(c.isalpha() for c in para.masked):
            last_of_previous = None
    return out + [p for para in paras if not para.heading for p in para.inner]


_NEW_CLAUSE = re.compile(
    cue_mod.MASK
    + "[^"
    + cue_mod.MASK
    + r"]*[,;]\s*(?:and|but|while|whereas)\s+[^\W\d_]+(?:['’][^\W\d_]+)?\s+[^\W\d_]+[^"
    + cue_mod.MASK
    + "]*$",
    re.IGNORECASE,
)  # a conjunction and a clause of two words or more ('and Y was'; not 'and then')


def _new_clause(para: Paragraph, cue: cue_mod.Cue, quote: quotes.Quote) -> bool:
    """``X said "a", and Y was "b"``: a quotation after another of the cue's, past a
    coordinating conjunction and a clause of its own, is not the cue's."""
    if cue.end > quote.start:
        return False
    between = para.masked[cue.end - para.start : quote.start - para.start]
    return bool(_NEW_CLAUSE.search(between))


def _colon_subject(para: Paragraph, sentence: tuple[int, int], quote: quotes.Quote):
    """``X had a message for them: "..."``: a quotation after a colon, in a sentence with no
    cue, is its subject's (the first reference that is neither possessive nor an object)."""
    before = para.masked[sentence[0] - para.start : quote.start - para.start]
    if not before.rstrip(" \t" + "".join(quotes.MARKS)).endswith(":"):
        return None
    refs = [r for r in para.refs if sentence[0] <= r.start < quote.start]
    subjects = [r for r in refs if not r.possessive and not r.object]
    return subjects[0] if subjects and subjects[0].speakers else None


def _join(previous: Proposal, quote: quotes.Quote) -> None:
    previous.end = quote.end
    previous.passages.append((quote.start, quote.end))
    previous.notes.append("a quotation split by its attribution, joined")


def _split_by(para: Paragraph, previous: Proposal, quote: quotes.Quote) -> bool:
    """Whether ``previous`` and ``quote`` are one quotation split by its attribution: the
    first part starts its sentence and the cue comes between the two."""
    cue = previous.cue
    if cue is None or not (previous.passages[-1][1] <= cue.start < quote.start):
        return False
    sentence = _sentence_of(para, previous.start)
    before = para.masked[sentence[0] - para.start : previous.start - para.start]
    return not any(c.isalpha() for c in before)


def _source_of_lone_quote(para, number, paras, previous, sentence, quote):
    """What attributes a quotation that is a sentence of its own (step 4)."""
    if previous is not None and previous.cue is not None:
        return previous
    earlier = [s for s in para.sentences if s[1] <= sentence[0]]
    if earlier:
        text_before = para.masked[earlier[-1][0] - para.start : earlier[-1][1] - para.start]
        cues = [c for c in para.cues if c.sentence == earlier[-1]]
        if text_before.rstrip().endswith(":") and cues:
            return cues[-1]
        return None
    if number and not any(c.isalpha() for c in para.masked):
        before = paras[number - 1]
        if before.masked.rstrip().endswith(":") and before.cues:
            return before.cues[-1]
    return None


def _take(proposal: Proposal, cue: cue_mod.Cue) -> None:
    proposal.cue = cue
    proposal.speakers = cue.speakers
    proposal.basis = cue.basis


def _inherit(proposal: Proposal, source: Proposal, note: str) -> None:
    proposal.cue = source.cue
    proposal.speakers = source.speakers
    proposal.basis = "continuation" if source.speakers else source.basis
    proposal.notes.append(note)


def reported_speech(paras: list[Paragraph], quoted: list[Proposal]) -> list[Proposal]:
    """Step 5: paraphrase proposals for cues that attribute no quotation."""
    used = {id(p.cue) for p in quoted if p.cue is not None}
    quoting = {(p.speakers, p.cue.sentence) for p in quoted if p.cue is not None and p.speakers}
    out = []
    for para in paras:
        if para.heading:
            continue
        outer: list[tuple[int, int]] = []  # the clauses reported so far in the paragraph
        for cue in para.cues:
            if any(s <= cue.start < e for s, e in outer):
                continue  # a report inside another's report belongs to it
            span = reported.reference(cue, para.masked, para.start) if cue.speakers else None
            refers = span is not None
            if span is not None:
                span = (_subject_start(para, cue, span[0]), span[1])
            elif cue.reports:
                span = reported.clause(cue, para.masked, para.start)
                if span is not None:
                    span = _before_next_subject(para, cue, span)
                if span is not None:  # a clause never ends with 'and' or 'but'
                    head = para.masked[span[0] - para.start : span[1] - para.start]
                    span = (span[0], span[0] + len(_AND.sub("", head)))
            if span is not None:
                outer.append(span)
            if span is None:
                continue
            if (id(cue) in used or (cue.speakers, cue.sentence) in quoting) and not _leads_in(
                para, cue, span
            ):
                continue  # a sentence that quotes its speaker: the quotation is the report
            proposal = Proposal(*span, "paraphrase", reference=refers)
            _take(proposal, cue)
            owner = _owner_between(para, cue.end, span[0])
            if owner is not None:
                proposal.speakers, proposal.basis = owner.speakers, owner.kind
                proposal.notes.append("the words of the speaker whose remark they are")
            if not proposal.speakers:
                continue
            proposal.notes.append("paraphrase candidate: reported speech without quotation marks")
            out.append(proposal)
    return out


def answers(paras: list[Paragraph], content: str, idx=None) -> list[Proposal]:
    """Step 5b: a transcript's answers (``A: ...``, ``A (Name): ...``) are the words of the
    person answering: the one the brackets name, else the one person the paragraph before
    the questions introduces (``Speaking: X``, ``X answers our questions``). When that person
    is someone the tables do not know, or the introduction names several known people and the
    label none, the answer is nobody's and is not proposed. In a transcript (two labelled
    lines or more), a line labelled with a known speaker's name (``Anna Berg: ...``,
    ``BERG: ...``) is that speaker's words; a heading is never an answer."""
    label = lexicon.transcript_label()
    answer_words = set(lexicon.words("answer_label"))
    introduction: list[speaker_mod.Ref] = []  # the people of the last paragraph naming any
    out = []
    labelled = 0  # transcript lines: Q/A labels and labels naming a known person
    for para in paras:
        if not _LABEL_START.match(content, para.start, para.end):
            continue
        named = _NAME_LABEL.match(content, para.start, para.end)
        if label.match(content, para.start, para.end) or (
            named and idx is not None and _label_speaker(idx, named.group("who"))
        ):
            labelled += 1
    for para in paras:
        cheap = _LABEL_START.match(content, para.start, para.end)
        found = label.match(content, para.start, para.end) if cheap else None
        named = _NAME_LABEL.match(content, para.start, para.end) if cheap else None
        if found is None and named is not None and labelled >= 2 and idx is not None:
            speakers = _label_speaker(idx, named.group("who"))
            start, end = named.end(), para.end
            while end > start and content[end - 1].isspace():
                end -= 1
            if speakers and not para.heading and end > start:
                proposal = Proposal(
                    start, end, "direct", speakers, "answer", passages=[(start, end)]
                )
                proposal.notes.append("a transcript line labelled with its speaker's name")
                out.append(proposal)
                continue
        if found is None:
            people = [
                r
                for r in para.refs
                if r.number == "person" and r.kind in _PEOPLE and not r.possessive
            ]  # 'X's gamble: an interview with Y' introduces Y
            introduction = people or introduction
            continue
        if found.group("kind").lower() not in answer_words:
            continue
        known = {s for r in introduction for s in r.speakers}
        single = bool(introduction) and bool(introduction[0].speakers) and len(known) == 1
        speakers = introduction[0].speakers if single else ()
        if found.group("who") is not None:
            who = (found.start("who"), found.end("who"))
            inside = [r for r in para.refs if who[0] <= r.start < who[1]]
            named = {s for r in inside if r.kind in ("name", "alias") for s in r.speakers}
            speakers = tuple(named) if len(named) == 1 else ()
        start, end = found.end(), para.end
        while end > start and content[end - 1].isspace():
            end -= 1
        if not speakers or end <= start:
            continue
        proposal = Proposal(start, end, "direct", speakers, "answer", passages=[(start, end)])
        proposal.notes.append("a transcript's answer: the words of the person answering")
        out.append(proposal)
    return out


_PEOPLE = ("name", "alias", "unknown")
_NAME_LABEL = re.compile(r"\s*(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s*:\s+")


def _label_speaker(idx, who: str) -> tuple[str, ...]:
    """The one known speaker a transcript label names (``Anna Berg``, ``BERG``), or none."""
    tokens = Tokens(who.title() if who.isupper() else who)
    found = idx.names.find(tokens) + idx.aliases.find(tokens)
    speakers = {m.value[0] for m in found if idx.number[m.value[0]] == "person"}
    covers = any(m.end >= len(who.rstrip()) for m in found)  # the label ends with the name
    return (next(iter(speakers)),) if len(speakers) == 1 and covers else ()


_LABEL_START = re.compile(r"[^\n:(]{0,40}[(:]")  # a cheap test before the label patterns


_AND = re.compile(
    r"[\s,;]*(?:\b(?:and|but|while|whereas)\b)?[\s,;]*(?:\b(?:the|a|an)\b)?\s*$", re.IGNORECASE
)  # what joins a clause to the next subject, and that subject's article


def _before_next_subject(para: Paragraph, cue: cue_mod.Cue, span: tuple[int, int]):
    """``X said ..., and Y took ...``: a reported clause ends before the subject of the next
    cue of its sentence when that subject is another speaker."""
    for other in para.cues:
        if other.start <= cue.start or not other.refs or other.speakers == cue.speakers:
            continue
        subject = other.refs[0].start
        if span[0] < subject < span[1] and other.speakers:
            head = para.masked[span[0] - para.start : subject - para.start]
            end = span[0] + len(_AND.sub("", head))
            return (span[0], end) if len(head.split()) >= reported.MIN_WORDS else None
    return span


LEAD_IN_WORDS = 5
_MARKS_CLASS = r"[\s,:" + re.escape("".join(sorted(quotes.MARKS))) + "]*"
_LEAD_IN = re.compile(_MARKS_CLASS + r"(?:\b(?:and|but)\b)?" + _MARKS_CLASS + "$", re.IGNORECASE)


def _leads_in(para: Paragraph, cue: cue_mod.Cue, span: tuple[int, int]) -> bool:
    """``X said <clause>, "<quotation>"`` or ``X said <clause>: "<quotation>"``: a reported
    clause of ``LEAD_IN_WORDS`` words or more, right after the verb of a subject printed
    before it, that ends at a comma or colon right before the speaker's quotation is a report
    of its own (not ``X said the ships would "stay"``, nor ``..., said X, "..."``)."""
    if not cue.refs or cue.refs[-1].end > cue.start:
        return False
    if "," in para.masked[cue.end - para.start : span[0] - para.start]:
        return False
    local = para.masked[span[1] - para.start :]
    mask = local.find(cue_mod.MASK)
    if mask < 0 or not _LEAD_IN.match(local[:mask]) or not any(c in ",:" for c in local[:mask]):
        return False
    return len(para.masked[span[0] - para.start : span[1] - para.start].split()) >= LEAD_IN_WORDS


def _subject_start(para: Paragraph, cue: cue_mod.Cue, start: int) -> int:
    """Where a subject printed in several parts starts (``Hungary's foreign minister, Anna
    Berg, said``): earlier references to the same speakers, only punctuation between."""
    for ref in reversed([r for r in para.refs if cue.sentence[0] <= r.start and r.end <= start]):
        gap = para.masked[ref.end - para.start : start - para.start]
        if ref.speakers != cue.speakers or any(c.isalnum() for c in gap):
            break
        start = ref.start
    return start


def _owner_between(para: Paragraph, start: int, end: int):
    """``X responded to Y's remark that ...``: a known speaker's possessive between the verb
    and the clause owns the clause."""
    owners = [r for r in para.refs if start <= r.start < end and r.possessive and r.speakers]
    return owners[-1] if owners else None


@dataclass
class Tables:
    """What the statement step needs from the curated tables."""

    statements: pd.DataFrame  # indexed by statement_id
    by_speaker: dict[str, list[str]]
    wordings: dict[str, list[str]]
    recorded: list[tuple[text.Span, str]]
    excluded: set[str]
    topic: re.Pattern
    refers_back: re.Pattern


def tables_for(evidence: Evidence, article_id: str, content: str) -> Tables:
    statements = evidence.statements.set_index("statement_id")
    wordings: dict[str, list[str]] = {s: [summary] for s, summary in statements.summary.items()}
    others = evidence.mentions[evidence.mentions.article_id != article_id]
    for statement, quote in zip(others.statement_id, others.quote, strict=True):
        if quote not in wordings.setdefault(
            statement, []
        ):  # a quotation printed by several outlets
            wordings[statement].append(quote)
    recorded = []
    own = evidence.mentions[evidence.mentions.article_id == article_id]
    for quote, statement in zip(own.quote, own.statement_id, strict=True):
        span = text.locate(quote, content)
        if span:
            recorded.append((span, statement))
    own_exclusions = evidence.quote_exclusions[evidence.quote_exclusions.article_id == article_id]
    troop_terms = evidence.lexicon[evidence.lexicon.group == "troops"].pattern
    topic = "|".join([lexicon.alternation(lexicon.words("topic")), *troop_terms])
    return Tables(
        statements,
        {k: list(v) for k, v in statements.groupby("speaker_id").groups.items()},
        wordings,
        recorded,
        {text.passage_key(p) for p in own_exclusions.passage},
        re.compile(topic, re.IGNORECASE),
        re.compile(lexicon.alternation(lexicon.words("refers_back")), re.IGNORECASE),
    )
