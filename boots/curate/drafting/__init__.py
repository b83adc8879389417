"""The drafting assistant as a short pipeline of small extractors (``pipeline.py`` lists the
steps): quotation spans (``quotes``), attribution cues (``cues``), speaker references and
their resolution (``speakers``), reported speech (``reported``), statement matching
(``match``), and the kinds of proposal (``assign``). Vocabularies are data: the reporting
verbs and cue words beside this module (``lexicon``), the speakers' names, aliases and role
nouns in the data folder's ``speakers.csv``.
"""

from __future__ import annotations

import bisect
import gc

import pandas as pd

from boots.curate.drafting import assign, pipeline
from boots.curate.drafting import speakers as speaker_mod
from boots.data import text
from boots.data.schema import resources
from boots.data.tables import Evidence

COLUMNS = [
    "draft_id", "accept", "proposal", "statement_id", "statement_score", "speaker_id",
    "speaker_basis", "printed_speaker", "quote", "quote_type", "offset", "line", "verb",
    "channel", "via", "confidence", "repeat_of", "passages", "notes",
]  # fmt: skip
ACCEPT_CONFIDENCE = 0.6


def draft(evidence: Evidence, article_id: str) -> pd.DataFrame:
    """The draft of ``article_id``: one row per proposal and speaker.

    Python's cyclic garbage collector is paused while drafting: the pipeline allocates a few
    small objects per word and quotation, and the collector's full passes over them made the
    time grow faster than the article (32,000 quotations: about 12 s of CPU with it, 7.5 s
    without, measured on the project's machine). Its state is restored on return."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _draft(evidence, article_id)
    finally:
        if enabled:
            gc.enable()


def _draft(evidence: Evidence, article_id: str) -> pd.DataFrame:
    via_codes = tuple(resources()["mentions"].field("via").enum or ())
    if article_id not in set(evidence.articles.article_id):
        raise KeyError(f"no article '{article_id}' in articles.csv")
    article = evidence.articles.set_index("article_id").loc[article_id]
    content = evidence.texts[article_id]
    idx = speaker_mod.index(evidence.speakers)
    spans = pipeline.paragraphs(content, article.body_lines, article.headline)
    paras = pipeline.read(content, spans, idx)
    quoted = pipeline.attribute_quotes(paras)
    proposals = (
        quoted + pipeline.answers(paras, content, idx) + pipeline.reported_speech(paras, quoted)
    )
    tables = pipeline.tables_for(evidence, article_id, content)
    found = assign.rows(proposals, tables, content)
    found.sort(key=lambda r: (r["proposal"].start, r["proposal"].end))
    printed = assign.printed_names(ref for para in paras for ref in para.refs)
    line_starts = text.line_starts(content)
    for number, row in enumerate(found, start=1):
        row["draft_id"] = f"d{number:03d}"
        row["line"] = bisect.bisect_right(line_starts, row["proposal"].start)
    out = [_row(row, content, printed, via_codes) for row in found]
    return pd.DataFrame(out, columns=COLUMNS)


def _row(row: dict, content: str, printed, via_codes) -> dict:
    p: pipeline.Proposal = row["proposal"]
    speaker = row["speaker"] or ""
    cue = p.cue if speaker else None
    printed = assign.printed_speaker(p, speaker, printed) if speaker else ""
    confidence = assign.confidence(row)
    kind = row["kind"]
    repeat = row.get("repeat_of")
    verb = cue.text if cue else ""
    accept = (kind == "mention" and confidence >= ACCEPT_CONFIDENCE and verb and printed) or (
        kind == "repeat" and p.quote_type != "paraphrase" and repeat is not None
    )
    channel = cue.channel if cue else ""
    via = next((code for code in via_codes if code in channel.split()), "")
    return {
        "draft_id": row["draft_id"],
        "accept": "yes" if accept else "",
        "proposal": kind,
        "statement_id": row["statement"],
        "statement_score": round(row["score"]),
        "speaker_id": speaker,
        "speaker_basis": p.basis,
        "printed_speaker": printed,
        "quote": text.normalise(row["quote"]),
        "quote_type": p.quote_type,
        "offset": p.start,
        "line": row["line"],
        "verb": verb,
        "channel": channel,
        "via": via,
        "confidence": confidence,
        "repeat_of": repeat["draft_id"] if isinstance(repeat, dict) else "",
        "passages": " | ".join(content[s:e] for s, e in p.passages),
        "notes": "; ".join(assign.notes(row)),
    }
