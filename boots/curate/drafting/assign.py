"""Step 6 of the pipeline: statements, kinds of proposal and the rows of the draft.

Each proposal with a speaker is scored (``match.best``) against that speaker's statements;
one without a speaker gets no statement. Proposals are then taken fullest first (quotations
before paraphrases, more words first): the first to reach ``MIN_SCORE`` on a statement is
its ``mention``, later ones are ``repeat``s of it (the article's one mention per statement);
a quotation that reaches no statement but scores at least ``WEAK_SCORE`` on one of its
speaker's takes that one, with a note saying the match is weak.
The other kinds: ``recorded`` (the passage is already in mentions.csv or quote_exclusions.csv),
``new_statement`` (a quotation with a speaker that matches none of the speaker's statements
but names troops or refers back to something said before, rule S2 and C2), ``off_topic`` (one
that does neither), ``not_a_statement`` (a
heading, a scare quote, a short quotation without attribution), ``no_speaker`` (a longer one
without attribution, or one attributed to someone the tables do not know: the curator
decides). A paraphrase that matches no statement is dropped.
"""

from __future__ import annotations

import bisect

from boots.curate.drafting import match
from boots.curate.drafting.pipeline import (
    BASIS_CONFIDENCE,
    MIN_SCORE,
    SHORT_QUOTE_WORDS,
    WEAK_SCORE,
    Proposal,
    Tables,
)
from boots.data import text

NOTES = {
    "heading": "a quotation in a heading or headline: no statement",
    "scare": "a scare quote ('so-called'): no statement",
    "no attribution": "no attribution: a scare quote, title or unattributed quotation",
    "no attribution in its sentence": "no attribution in its sentence: a scare quote or title",
}
UNRESOLVED_NOTES = {
    "unnamed": "an unnamed source: name its office as the speaker if the article does",
    "unknown": "someone the tables do not know: add them to speakers.csv if they belong",
    "unresolved pronoun": "the pronoun points to no known speaker",
    "unresolved role": "the role noun points to no earlier speaker with that role",
}


def _words(content: str, proposal: Proposal) -> int:
    return sum(len(content[s:e].split()) for s, e in proposal.passages) or len(
        content[proposal.start : proposal.end].split()
    )


def rows(proposals: list[Proposal], tables: Tables, content: str) -> list[dict]:
    """One row per proposal and speaker, with its kind and statement (module docstring)."""
    out = []
    for proposal in proposals:
        quote = content[proposal.start : proposal.end]
        for speaker in proposal.speakers or (None,):
            candidates = tables.by_speaker.get(speaker, []) if speaker else []
            out.append(
                {
                    "proposal": proposal,
                    "speaker": speaker,
                    "quote": quote,
                    "scores": match.best(quote, tables.wordings, candidates),
                    "words": _words(content, proposal),
                    "keys": [text.passage_key(content[s:e]) for s, e in proposal.passages],
                }
            )
    taken: dict[str, dict] = {
        statement: {"draft_id": "recorded"} for _, statement in tables.recorded
    }
    order = sorted(
        out,
        key=lambda r: (r["proposal"].quote_type != "paraphrase", r["words"], -r["proposal"].start),
        reverse=True,
    )
    for row in order:
        _kind(row, tables, taken)
    _continue_reports(out, taken)
    return [r for r in out if r["kind"] != "drop"]


def _continue_reports(out: list[dict], taken: dict[str, dict]) -> None:
    """A reported clause or a continued quotation that matches no statement, right after a
    passage of the same speaker that does (``..., the chancellor said`` after his quotation),
    continues that report: a repeat of its statement."""
    before = None
    for row in sorted(out, key=lambda r: r["proposal"].start):
        if not row["speaker"]:
            continue
        if (
            (row["kind"] == "drop" or row["proposal"].basis == "continuation")
            and before is not None
            and before["speaker"] == row["speaker"]
            and before["statement"]
        ):
            row["statement"], row["kind"] = before["statement"], "repeat"
            row["repeat_of"] = taken.get(before["statement"])
            row["proposal"].notes.append("continues the report of the same speaker before it")
        before = row


def _kind(row: dict, tables: Tables, taken: dict[str, dict]) -> None:
    p: Proposal = row["proposal"]
    row.update(statement="", score=0.0, repeat_of=None)
    overlaps = [s for span, s in tables.recorded if span.start < p.end and p.start < span.end]
    if overlaps:
        row["kind"], row["statement"] = "recorded", overlaps[0]
        return
    if row["keys"] and all(k in tables.excluded for k in row["keys"]):
        row["kind"] = "recorded"
        return
    if not row["speaker"]:
        # attributed to someone the tables lack: the curator decides; unattributed and short,
        # a heading or a scare quote: no statement
        short = row["words"] <= SHORT_QUOTE_WORDS and p.cue is None
        unsaid = short or p.no_statement in ("heading", "scare")
        row["kind"] = "not_a_statement" if unsaid and p.quote_type != "paraphrase" else "no_speaker"
        if p.no_statement == "heading":  # a headline quoting words: whose statement they come from
            best = match.best(row["quote"], tables.wordings, tables.statements.index)[:1]
            if best and best[0][0] >= MIN_SCORE:
                row["score"], row["statement"] = best[0]
                p.notes.append("the headline's words come from this statement; no speaker")
        return
    strong = [(score, s) for score, s in row["scores"] if score >= MIN_SCORE]
    weak = row["scores"] and row["scores"][0][0] >= WEAK_SCORE and p.quote_type != "paraphrase"
    if not strong and weak:
        strong = row["scores"][:1]  # the speaker's closest statement, weakly: check it
        p.notes.append(f"a weak match (score below {MIN_SCORE}): check the statement")
    own = tables.by_speaker.get(row["speaker"], [])
    if not strong and p.reference and len(own) == 1:
        strong = [(row["scores"][0][0] if row["scores"] else 0.0, own[0])]
        p.notes.append("a report pointing to another statement: the speaker's only one; check it")
    if strong:
        score, statement = strong[0]
        row["score"], row["statement"] = score, statement
        if statement in taken:
            row["kind"], row["repeat_of"] = "repeat", taken[statement]
        else:
            row["kind"] = "mention"
            taken[statement] = row
        return
    if p.quote_type == "paraphrase":
        row["kind"] = "drop"
    elif tables.topic.search(row["quote"]) or tables.refers_back.search(row["quote"]):
        row["kind"] = "new_statement"
    else:
        row["kind"] = "off_topic"
        row["closest"] = row["scores"][:1]


def printed_names(history) -> dict[str, tuple[list[int], list[str]]]:
    """Where each speaker is printed by name or alias: sorted offsets and the words."""
    out: dict[str, tuple[list[int], list[str]]] = {}
    for ref in sorted(history, key=lambda r: r.start):
        if ref.kind in ("name", "alias"):
            for speaker in ref.speakers:
                starts, texts = out.setdefault(speaker, ([], []))
                starts.append(ref.start)
                texts.append(ref.text)
    return out


def printed_speaker(proposal: Proposal, speaker: str, printed) -> str:
    """How the article prints the speaker: the subject itself when it is a name or alias,
    else the last name or alias of that speaker printed before the proposal."""
    cue = proposal.cue
    for ref in cue.refs if cue else []:
        if ref.kind in ("name", "alias") and speaker in ref.speakers:
            return ref.text
    starts, texts = printed.get(speaker, ([], []))
    at = bisect.bisect_left(starts, proposal.start)
    return texts[at - 1] if at else ""


def confidence(row: dict) -> float:
    p: Proposal = row["proposal"]
    if not row["speaker"]:
        return 0.0
    value = BASIS_CONFIDENCE.get(p.basis, 0.3)
    if row["statement"]:
        value *= min(1.0, row["score"] / 100 + 0.1)
    else:
        value *= 0.5
    return round(value, 2)


def notes(row: dict) -> list[str]:
    p: Proposal = row["proposal"]
    out = list(p.notes)
    if p.no_statement:
        out.append(NOTES[p.no_statement])
    if not row["speaker"] and p.basis in UNRESOLVED_NOTES:
        out.append(UNRESOLVED_NOTES[p.basis])
    if row["kind"] == "new_statement":
        out.append("no recorded statement of this speaker matches: add one to statements.csv")
    if row["kind"] == "off_topic":
        closest = "".join(
            f"; the closest statement of this speaker, {s}, scores {score:.0f}"
            for score, s in row.get("closest", [])
        )
        out.append(f"names no troops (rule S2){closest}: list it in quote_exclusions.csv")
    return out
