"""The drafting assistant: propose the mentions of an article for a curator to review.

``python -m boots.curate.draft ARTICLE_ID [--data DIR]`` (``make draft ARTICLE=id``) writes
``build/draft/<article_id>-mentions.csv``, one row per proposal, and never touches the data
folder. The drafting itself is the pipeline of ``boots.curate.drafting`` (quotations, cues,
speakers, reported speech, statements). Every proposal carries the evidence for it (how the
speaker was found, the statement's score) and a confidence; ``make accept-draft`` appends
the rows marked ``accept=yes``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from boots.curate import spreadsheet
from boots.curate.drafting import COLUMNS, draft
from boots.data.tables import DataError, load
from boots.util import config
from boots.util.atomic import write_text
from boots.util.words import counted

__all__ = ["COLUMNS", "draft", "draft_path", "main", "write_draft"]

DRAFT_DIR = config.ROOT / "build" / "draft"

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
