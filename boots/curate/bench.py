"""Measure the drafting assistant against the curated truth, leave one article out.

``python -m boots.curate.bench [--data DIR]`` (``make bench-draft``): for each article, the
mentions of that article are removed from the tables, the article is drafted from what
remains, and the proposed mentions are compared with ALL its curated mentions (direct,
partial and paraphrase). Speakers, statements (with their summaries) and the other
articles' mentions stay: they are what a curator adding the article would have.

A proposal *finds* a curated mention when their passages overlap in the article; proposals
and mentions are paired one to one, preferring the same speaker, then the same statement,
then the larger overlap (two speakers of one sentence are two mentions, and need two
proposals). For each of passage, speaker, statement and verb:

* precision = proposals paired with a mention and right on that item / proposals giving it;
* recall = mentions paired with a proposal right on that item / mentions.

Verbs are compared as printed, without auxiliaries (``has insisted`` = ``insisted``). Only
proposals of kind ``mention`` count: repeats, exclusions and passages without a speaker are
proposals of another kind. The table (per article, per quote type, and overall, with
direct+partial together) is printed and written to ``build/bench-draft.csv`` and
``build/bench-draft.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

import pandas as pd

from boots.curate import spreadsheet
from boots.curate.draft import draft
from boots.data import text
from boots.data.tables import DataError, Evidence, load
from boots.util import config
from boots.util.atomic import write_text
from boots.util.words import verb_words

OUT_DIR = config.ROOT / "build"
ITEMS = ("passage", "speaker", "statement", "verb")


def _verb(value) -> str:
    return " ".join(verb_words(str(value or "")))


def held_out(evidence: Evidence, article_id: str) -> Evidence:
    """The tables as a curator adding ``article_id`` would find them: without its mentions."""
    mentions = evidence.mentions[evidence.mentions.article_id != article_id]
    exclusions = evidence.quote_exclusions[evidence.quote_exclusions.article_id != article_id]
    return dataclasses.replace(evidence, mentions=mentions, quote_exclusions=exclusions)


def pair(proposals: pd.DataFrame, truth: pd.DataFrame, content: str) -> list[tuple[int, int]]:
    """One-to-one pairs (proposal index, mention index) of overlapping passages."""
    spans = {}
    for index, quote in zip(truth.index, truth.quote, strict=True):
        span = text.locate(quote, content)
        spans[index] = (span.start, span.end) if span else (-1, -1)
    candidates = []
    for p_index, proposal in proposals.iterrows():
        p_start = int(proposal.offset)
        p_end = p_start + len(_original(proposal.quote, content, p_start))
        for t_index, mention in truth.iterrows():
            t_start, t_end = spans[t_index]
            overlap = min(p_end, t_end) - max(p_start, t_start)
            if overlap <= 0:
                continue
            candidates.append(
                (
                    proposal.speaker_id == mention.speaker_id,
                    proposal.statement_id == mention.statement_id,
                    overlap,
                    p_index,
                    t_index,
                )
            )
    pairs, used_p, used_t = [], set(), set()
    for *_, p_index, t_index in sorted(candidates, reverse=True):
        if p_index in used_p or t_index in used_t:
            continue
        pairs.append((p_index, t_index))
        used_p.add(p_index)
        used_t.add(t_index)
    return pairs


def _original(quote: str, content: str, offset: int) -> str:
    """The stretch of the article from ``offset`` that normalises to ``quote``."""
    span = text.locate(quote, content[offset:])
    return content[offset : offset + span.end] if span else quote


def evaluate(evidence: Evidence) -> pd.DataFrame:
    """One row per curated mention and one per unpaired proposal, with what was right."""
    rows = []
    full = evidence.mentions_in_full()
    for article_id in evidence.articles.article_id:
        content = evidence.texts[article_id]
        drafted = draft(held_out(evidence, article_id), article_id)
        proposals = drafted[drafted.proposal == "mention"].reset_index(drop=True)
        truth = full[full.article_id == article_id].reset_index(drop=True)
        pairs = dict(pair(proposals, truth, content))
        paired_truth = {t: p for p, t in pairs.items()}
        for t_index, mention in truth.iterrows():
            p_index = paired_truth.get(t_index)
            proposal = proposals.loc[p_index] if p_index is not None else None
            rows.append(_row(article_id, mention.quote_type, mention, proposal))
        for p_index, proposal in proposals.iterrows():
            if p_index not in pairs:
                rows.append(_row(article_id, proposal.quote_type, None, proposal))
    return pd.DataFrame(rows)


def _row(article_id: str, quote_type: str, mention, proposal) -> dict:
    row = {"article_id": article_id, "quote_type": quote_type}
    row["truth"] = mention is not None
    row["proposed"] = proposal is not None
    row["mention_id"] = mention.mention_id if mention is not None else ""
    row["draft_id"] = proposal.draft_id if proposal is not None else ""
    paired = mention is not None and proposal is not None
    row["passage_right"] = paired
    row["passage_given"] = proposal is not None
    for item, column in (("speaker", "speaker_id"), ("statement", "statement_id")):
        given = proposal is not None and bool(proposal[column])
        row[f"{item}_given"] = given
        row[f"{item}_right"] = paired and given and proposal[column] == mention[column]
    verb_given = proposal is not None and bool(proposal.verb)
    row["verb_given"] = verb_given
    row["verb_right"] = paired and verb_given and _verb(proposal.verb) == _verb(mention.verb)
    return row


def scores(frame: pd.DataFrame) -> dict[str, float | int]:
    out: dict[str, float | int] = {"mentions": int(frame.truth.sum())}
    out["proposals"] = int(frame.proposed.sum())
    for item in ITEMS:
        right_p = int((frame[f"{item}_right"] & frame.proposed).sum())
        given = int(frame[f"{item}_given"].sum())
        truth = int(frame.truth.sum())
        right_r = int((frame[f"{item}_right"] & frame.truth).sum())
        out[f"{item}_P"] = round(100 * right_p / given, 1) if given else float("nan")
        out[f"{item}_R"] = round(100 * right_r / truth, 1) if truth else float("nan")
    return out


def table(frame: pd.DataFrame) -> pd.DataFrame:
    """Scores per article, per quote type, direct+partial, and overall."""
    rows = []
    for article_id, part in frame.groupby("article_id", sort=False):
        rows.append({"group": "article", "name": article_id, **scores(part)})
    for quote_type in ("direct", "partial", "paraphrase"):
        part = frame[frame.quote_type == quote_type]
        rows.append({"group": "quote type", "name": quote_type, **scores(part)})
    quoted = frame[frame.quote_type.isin(["direct", "partial"])]
    rows.append({"group": "quote type", "name": "direct+partial", **scores(quoted)})
    rows.append({"group": "overall", "name": "all", **scores(frame)})
    return pd.DataFrame(rows)


def misses(frame: pd.DataFrame) -> pd.DataFrame:
    """The curated mentions not fully right, and the proposals that found nothing."""
    wrong = ~(frame.speaker_right & frame.statement_right & frame.verb_right)
    return frame[wrong][
        ["article_id", "quote_type", "mention_id", "draft_id"] + [f"{i}_right" for i in ITEMS]
    ]


def row_proposals(evidence: Evidence) -> pd.DataFrame:
    """How often ``make add-article``'s proposals equal the curated articles.csv cells."""
    from boots.curate.add_article import propose_body

    rows = []
    for article in evidence.articles.itertuples():
        proposal = propose_body(evidence.texts[article.article_id])
        rows.append(
            {
                "article_id": article.article_id,
                "body_lines": article.body_lines,
                "proposed_body_lines": proposal.body_lines,
                "headline_right": proposal.headline == article.headline,
            }
        )
    return pd.DataFrame(rows)


README_START = "<!-- bench-draft:start (written by make bench-draft) -->"
README_END = "<!-- bench-draft:end -->"
LABELS = {
    "passage": "passage found",
    "speaker": "speaker right",
    "statement": "statement right",
    "verb": "verb right",
}


def _cell(value) -> str:
    return "–" if pd.isna(value) else f"{value:.0f}"


def readme_block(result: pd.DataFrame, proposals: pd.DataFrame) -> str:
    """The measured table as markdown, for the README (between its markers)."""
    header = ["", "mentions", *(f"{LABELS[i]} P / R (%)" for i in ITEMS)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in result.itertuples():
        name = f"**{row.name}**" if row.group != "article" else f"`{row.name}`"
        cells = [
            f"{_cell(getattr(row, f'{i}_P'))} / {_cell(getattr(row, f'{i}_R'))}" for i in ITEMS
        ]
        lines.append("| " + " | ".join([name, str(row.mentions), *cells]) + " |")
    same_body = proposals[proposals.body_lines == proposals.proposed_body_lines]
    differ = proposals[proposals.body_lines != proposals.proposed_body_lines]
    note = (
        f"\n`make add-article`, on the same articles: the proposed `body_lines` equal the curated "
        f"ones for {len(same_body)} of {len(proposals)}"
        + (
            " (not for "
            + ", ".join(
                f"`{r.article_id}`: `{r.proposed_body_lines}` for `{r.body_lines}`"
                for r in differ.itertuples()
            )
            + ")"
            if len(differ)
            else ""
        )
        + f"; the proposed headline is right for {int(proposals.headline_right.sum())} of {len(proposals)}."
    )
    return "\n".join([README_START, *lines, note, README_END])


def update_readme(block: str, readme: Path = config.ROOT / "README.md") -> bool:
    """Replace the README's measured table; return whether it changed."""
    content = readme.read_text(encoding="utf-8")
    start, end = content.find(README_START), content.find(README_END)
    if start == -1 or end == -1:
        raise ValueError(f"{readme}: no {README_START} ... {README_END} markers")
    updated = content[:start] + block + content[end + len(README_END) :]
    if updated != content:
        write_text(readme, updated)
    return updated != content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m boots.curate.bench", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--data", type=Path, help="the data folder (default: data/)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where to write the table")
    parser.add_argument("--readme", action="store_true", help="also write the table into README.md")
    args = parser.parse_args(argv)
    try:
        evidence = load(args.data)
    except DataError as error:
        print(f"bench-draft: {error}", file=sys.stderr)
        return 2
    frame = evaluate(evidence)
    result = table(frame)
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(result.to_string(index=False))
    args.out.mkdir(parents=True, exist_ok=True)
    write_text(args.out / "bench-draft.csv", result.to_csv(index=False, lineterminator="\n"))
    # The details hold article text and may be opened in a spreadsheet: no formula cells.
    write_text(args.out / "bench-draft-details.csv", spreadsheet.to_csv(frame))
    write_text(
        args.out / "bench-draft.json",
        json.dumps(json.loads(result.to_json(orient="records")), indent=2) + "\n",
    )
    print(f"written: {args.out / 'bench-draft.csv'} (and .json, -details.csv)")
    if args.readme:
        changed = update_readme(readme_block(result, row_proposals(evidence)))
        print("README.md: measured table " + ("updated" if changed else "already current"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
