"""Append the accepted rows of a reviewed draft to the curated tables.

``python -m boots.curate.accept ARTICLE_ID [--data DIR] [--draft FILE]``
(``make accept-draft ARTICLE=id [DATA=dir]``) reads ``build/draft/<id>-mentions.csv`` after
the curator's review and appends:

* to ``mentions.csv``, one row per accepted ``mention`` or ``new_statement`` proposal (its
  ``statement_id`` must then exist in ``statements.csv``), with a new ``mention_id``, the
  offset and quotation type validation derives, and ``order`` counted among the article's
  mentions;
* to ``quote_exclusions.csv``, one row per quoted passage of an accepted ``repeat``,
  ``off_topic`` or ``not_a_statement`` proposal that no mention covers (a repeat names the
  mention it restates).

All or nothing: if any accepted row cannot be recorded, the command lists every reason (draft
line and column) and writes nothing. Rows already in the tables are never rewritten.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from boots.curate import spreadsheet
from boots.curate.add_article import appended, write_all
from boots.curate.draft import COLUMNS, draft_path
from boots.data import cells, safe_files, text
from boots.data.schema import resources
from boots.data.tables import DataError, load
from boots.util import config
from boots.util.words import counted

YES = {"yes", "y", "x", "true", "1"}
MENTION_KINDS = {"mention", "new_statement"}
EXCLUSION_KINDS = {
    "repeat": "repeat",
    "off_topic": "off_topic",
    "not_a_statement": "not_a_statement",
}


class AcceptError(Exception):
    """The draft cannot be accepted; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _next_ids(existing, prefix: str, n: int) -> list[str]:
    numbers = [int(m.group(1)) for v in existing if (m := re.fullmatch(rf"{prefix}(\d+)", str(v)))]
    start = max(numbers, default=0) + 1
    widths = [len(str(v)) - len(prefix) for v in existing if re.fullmatch(rf"{prefix}\d+", str(v))]
    width = max(widths, default=3)
    return [f"{prefix}{start + i:0{width}d}" for i in range(n)]


def accept(
    article_id: str, data_dir: Path, draft_file: Path
) -> tuple[list[dict], list[dict], list[str]]:
    """Append the accepted rows of ``draft_file``; return the mentions and exclusions
    written, and warnings about recorded rows the curator must correct by hand."""
    try:
        frame = spreadsheet.read_csv(safe_files.read_file(draft_file, safe_files.MAX_TABLE_BYTES))
    except (OSError, ValueError, safe_files.Refused) as error:
        raise AcceptError(
            [f"{draft_file}: cannot be read ({error}); run make draft first"]
        ) from None
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise AcceptError([f"{draft_file}: columns missing: {', '.join(missing)}"])
    evidence = load(data_dir)
    if article_id not in set(evidence.articles.article_id):
        raise AcceptError([f"articles.csv: no article '{article_id}'"])
    content = evidence.texts[article_id]
    row = evidence.articles.set_index("article_id").loc[article_id]
    passages, _ = text.quoted_passages(content, text.body_spans(content, row.body_lines))
    statements = set(evidence.statements.statement_id)
    recorded = evidence.mentions[evidence.mentions.article_id == article_id]
    problems: list[str] = []
    accepted = frame[frame.accept.str.strip().str.lower().isin(YES)]
    mentions: list[dict] = []
    by_draft: dict[str, dict] = {}
    seen_statements = dict(zip(recorded.statement_id, recorded.mention_id, strict=True))
    for index, draft_row in accepted.iterrows():
        where = f"{draft_file.name}:{index + 2}"
        kind = draft_row.proposal.strip()
        if kind in MENTION_KINDS:
            for column in ("statement_id", "printed_speaker", "verb", "quote"):
                if not draft_row[column].strip():
                    problems.append(f"{where}: column '{column}': a value for an accepted mention")
            statement = draft_row.statement_id.strip()
            if statement and statement not in statements:
                problems.append(
                    f"{where}: column 'statement_id': '{statement}' is not in statements.csv "
                    "(add the statement first, or name an existing one)"
                )
            if statement in seen_statements:
                problems.append(
                    f"{where}: column 'statement_id': '{statement}' already has a mention in "
                    f"{article_id} ({seen_statements[statement]}); one mention per statement per article"
                )
            span = text.locate(draft_row.quote, content)
            if span is None:
                problems.append(f"{where}: column 'quote': not found verbatim in the article")
                continue
            mention = {
                "statement_id": statement,
                "article_id": article_id,
                "quote": draft_row.quote.strip(),
                "quote_type": text.quote_type(span, passages),
                "printed_speaker": draft_row.printed_speaker.strip(),
                "verb": draft_row.verb.strip(),
                "channel": draft_row.channel.strip(),
                "via": draft_row.via.strip(),
                "offset": str(span.start),
                "_span": span,
                "_where": where,
            }
            seen_statements.setdefault(statement, draft_row.draft_id)
            mentions.append(mention)
            by_draft[draft_row.draft_id] = mention
        elif kind in EXCLUSION_KINDS:
            continue
        else:
            problems.append(
                f"{where}: column 'proposal': '{kind}' cannot be accepted as it is; change it to "
                f"one of {', '.join([*MENTION_KINDS, *EXCLUSION_KINDS])} or clear 'accept'"
            )
    ids = _next_ids(list(evidence.mentions.mention_id), "m", len(mentions))
    for mention, mention_id in zip(mentions, ids, strict=True):
        mention["mention_id"] = mention_id
    # Orders: rank of each quote's position among all the article's mentions.
    spans = [text.locate(q, content) for q in recorded.quote] + [m["_span"] for m in mentions]
    starts = sorted({s.start for s in spans if s})
    for mention in mentions:
        mention["order"] = str(starts.index(mention["_span"].start) + 1)
    warnings = [
        f"mentions.csv: {mention_id} now ranks {starts.index(span.start) + 1} among the "
        f"article's mentions, not {order}: correct its order by hand (make validate says so)"
        for mention_id, quote, order in zip(
            recorded.mention_id, recorded.quote, recorded.order, strict=True
        )
        if (span := text.locate(quote, content)) and starts.index(span.start) + 1 != order
    ]
    covered = [s for s in spans if s]
    exclusions: list[dict] = []
    listed = {
        text.passage_key(p)
        for p in evidence.quote_exclusions[
            evidence.quote_exclusions.article_id == article_id
        ].passage
    }
    for index, draft_row in accepted.iterrows():
        kind = draft_row.proposal.strip()
        if kind not in EXCLUSION_KINDS:
            continue
        where = f"{draft_file.name}:{index + 2}"
        start = int(draft_row.offset) if draft_row.offset.strip().isdigit() else -1
        end = start + len(draft_row.quote)
        inside = [p for p in passages if start <= p.span.start < end + 2]
        if not inside:
            problems.append(
                f"{where}: no quoted passage at offset {draft_row.offset}: nothing to exclude"
            )
        mention_id = ""
        if kind == "repeat":
            target = by_draft.get(draft_row.repeat_of.strip())
            mention_id = target["mention_id"] if target else ""
            statement = draft_row.statement_id.strip()
            if not mention_id and statement in set(recorded.statement_id):
                mention_id = recorded[recorded.statement_id == statement].mention_id.iloc[0]
            if not mention_id:
                problems.append(
                    f"{where}: column 'repeat_of': a repeat needs the mention it restates "
                    "(accept that row too, or record its statement first)"
                )
        for passage in inside:
            key = text.passage_key(passage.text)
            if key in listed or text.within(passage.span, covered):
                continue
            listed.add(key)
            exclusions.append(
                {
                    "article_id": article_id,
                    "passage": text.normalise(passage.text),
                    "reason": EXCLUSION_KINDS[kind],
                    "mention_id": mention_id,
                    "note": _note(kind, draft_row),
                    "_where": where,
                }
            )
    if problems:
        raise AcceptError(problems)
    for exclusion, exclusion_id in zip(
        exclusions,
        _next_ids(list(evidence.quote_exclusions.exclusion_id), "x", len(exclusions)),
        strict=True,
    ):
        exclusion["exclusion_id"] = exclusion_id
    schema = resources()
    tables = {"mentions": mentions, "quote_exclusions": exclusions}
    problems = [
        problem for name, rows in tables.items() for problem in row_problems(schema[name], rows)
    ]
    if problems:
        raise AcceptError(problems)
    try:
        write_all(
            data_dir,
            {
                schema[name].path: appended(
                    data_dir, schema[name].path, schema[name].field_names, rows
                )
                for name, rows in tables.items()
            },
        )
    except safe_files.Refused as refused:
        raise AcceptError([f"mentions.csv and quote_exclusions.csv: expected {refused}"]) from None
    return mentions, exclusions, warnings


def row_problems(resource, rows: list[dict]) -> list[str]:
    """What validation would refuse in the new rows' cells (text, type, allowed values,
    pattern), each named by the draft line it comes from: checked before anything is
    written, so a tampered draft appends nothing."""
    problems = []
    for row in rows:
        for field in resource.fields:
            value = str(row.get(field.name, ""))
            found = cells.problem(field, value)
            if not found and value and field.enum and value not in field.enum:
                found = "one of " + ", ".join(field.enum)
            if not found and value and field.pattern and not re.search(field.pattern, value):
                found = f"a value matching {field.pattern}"
            if found:
                problems.append(
                    f"{row.get('_where', resource.path)}: column '{field.name}' "
                    f"(for {resource.path}): expected {found}"
                )
    return problems


def _note(kind: str, row) -> str:
    if kind == "repeat":
        return f"Restates {row.statement_id}, recorded with its fuller wording (accepted from the draft)."
    if kind == "off_topic":
        return f"Not about troops for Ukraine (accepted from the draft; speaker {row.speaker_id or 'unknown'})."
    if row.speaker_basis == "unnamed source":
        return "Words of an anonymous source no office can be named for (accepted from the draft)."
    return "No attribution: a scare quote, title or heading (accepted from the draft)."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m boots.curate.accept", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("article_id")
    parser.add_argument("--data", type=Path, help="the data folder (default: data/)")
    parser.add_argument(
        "--draft", type=Path, help="the reviewed draft (default: build/draft/<id>-mentions.csv)"
    )
    args = parser.parse_args(argv)
    data_dir = (args.data or config.data_dir()).resolve()
    draft_file = args.draft or draft_path(args.article_id)
    try:
        mentions, exclusions, warnings = accept(args.article_id, data_dir, draft_file)
    except AcceptError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(
            f"accept-draft: nothing written ({counted(len(error.problems), 'problem')})",
            file=sys.stderr,
        )
        return 1
    except DataError as error:
        print(f"accept-draft: {error}", file=sys.stderr)
        return 2
    for warning in warnings:
        print(f"warning: {warning}")
    ids = [m["mention_id"] for m in mentions]
    print(
        f"mentions.csv: appended {counted(len(mentions), 'mention')}"
        + (f" ({ids[0]}-{ids[-1]})" if ids else "")
        + f"; quote_exclusions.csv: appended {counted(len(exclusions), 'exclusion')}"
    )
    print("Next: make validate, then make")
    return 0


if __name__ == "__main__":
    sys.exit(main())
