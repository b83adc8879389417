"""Measure the drafting assistant on three sets of articles, side by side.

``python -m boots.curate.bench [--data DIR] [--readme]`` (``make bench-draft``) drafts and scores:

* **the five articles** (``data/``), leave one out: each article is drafted with its own
  mentions and exclusions removed from the tables; its key is its curated mentions (speaker:
  the statement's speaker) and its excluded passages (repeats: the repeated mention's speaker
  and statement; not a statement: no speaker; off-topic quotations are not scored). The rules
  were written while reading these articles, so this measures fit, not generalisation;
* **the development split** (``tests/drafting/dev``): invented articles with hand keys, read
  and tuned on (it includes the first test split, spent once it was scored);
* **the held-out split** (``tests/drafting/holdout``): invented articles never read nor tuned
  on, written by another session after the pipeline was built: the figure to believe.

A split's article is added to the tables as ``make add-article`` would (headline and body
lines as proposed) and drafted with all the curated mentions of the five. Scoring, per key
row (``tests/drafting/README.md``): the passage is *found* when a drafted row's passage
contains it (edge punctuation aside); *speaker right* when such a row has the key's speaker,
or, for a passage that must get no speaker, when no drafted row overlapping it has one (a
row inside a smaller key passage nested in it, the quotation inside a quotation that the key
lists on its own, is that passage's row, not this one's);
*statement right* likewise with the statement. *Precision* is over the drafted rows with a
speaker: right when the row overlaps a key passage of that speaker. The benchmark also drafts
a synthetic article of 8,000, 16,000 and 32,000 quotations and prints the time: CPU time of
the drafting process (what the goal bounds, and what a busy shared machine does not inflate)
and elapsed time.

Written: ``build/bench-draft.csv`` and ``.json`` (the three tables), ``build/bench-draft-
details.csv`` (every key row and drafted row, scored), ``build/bench-draft-speed.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from pathlib import Path

import pandas as pd

from boots.curate import spreadsheet
from boots.curate.draft import draft
from boots.data import text
from boots.data.tables import DataError, Evidence, load
from boots.util import config
from boots.util.atomic import write_text

OUT_DIR = config.ROOT / "build"
SPLITS_DIR = config.ROOT / "tests" / "drafting"
SPLITS = ("dev", "holdout")
SETS = {
    "five": "the five articles (leave one out)",
    "dev": "development split",
    "holdout": "held-out split",
}
GOAL_LINES = {
    "holdout": "the held-out split (the figure to believe)",
    "dev": "the development split",
    "five": "the five articles (fit, not generalisation)",
}
GOALS = {
    "speaker right": "≥ 90 %",
    "statement right": "≥ 85 %",
    "precision of attributed rows": "≥ 95 %",
    "unnamed/scare/unknown/headline given a speaker": "0",
}
SPEED_SIZES = (8_000, 16_000, 32_000)
SPEED_GOAL_SECONDS = 10.0
_EDGE = " \t,;:.!?\"'“”‘’„‚«»‹›"
ATTRIBUTED = {"mention", "new_statement", "repeat", "off_topic"}


def held_out(evidence: Evidence, article_id: str) -> Evidence:
    """The tables as a curator adding ``article_id`` would find them: without its mentions."""
    mentions = evidence.mentions[evidence.mentions.article_id != article_id]
    exclusions = evidence.quote_exclusions[evidence.quote_exclusions.article_id != article_id]
    return dataclasses.replace(evidence, mentions=mentions, quote_exclusions=exclusions)


def with_article(evidence: Evidence, article_id: str, content: str) -> Evidence:
    """The tables with one more article: its headline as ``make add-article`` proposes it,
    every line its body (the invented articles have no page furniture)."""
    from boots.curate.add_article import propose_body

    proposal = propose_body(content)
    row = evidence.articles.iloc[[0]].copy()
    row["article_id"], row["file"] = article_id, f"{article_id}.txt"
    lines = content.count("\n") + (not content.endswith("\n"))
    row["headline"], row["body_lines"] = proposal.headline or None, f"1-{lines}"
    row["standfirst"] = None
    return dataclasses.replace(
        evidence,
        articles=pd.concat([evidence.articles, row], ignore_index=True),
        texts={**evidence.texts, article_id: content},
    )


def five_key(evidence: Evidence) -> pd.DataFrame:
    """The key of the five articles, from the curated tables (module docstring)."""
    speaker_of = dict(
        zip(evidence.statements.statement_id, evidence.statements.speaker_id, strict=True)
    )
    rows = []
    for m in evidence.mentions.itertuples():
        rows.append(
            (m.article_id, m.quote, speaker_of[m.statement_id], m.statement_id, m.quote_type)
        )
    statement_of = dict(
        zip(evidence.mentions.mention_id, evidence.mentions.statement_id, strict=True)
    )
    for x in evidence.quote_exclusions.itertuples():
        if x.reason == "repeat":
            statement = statement_of.get(x.mention_id, "")
            rows.append(
                (x.article_id, x.passage, speaker_of.get(statement, ""), statement, "repeat")
            )
        elif x.reason == "not_a_statement":
            rows.append((x.article_id, x.passage, "", "", "scare"))
        else:
            rows.append((x.article_id, x.passage, None, None, x.reason))
    return pd.DataFrame(
        rows, columns=["article_id", "passage", "speaker_id", "statement_id", "kind"]
    )


def _span(
    passage: str, content: str, occurrence: int = 0, others: tuple = ()
) -> tuple[int, int] | None:
    """Where the ``occurrence``-th printing of ``passage`` is, edge punctuation left out: a
    key lists a repeated passage once per printing, in order, except printings inside a
    longer passage of the key keyed to the same statement (``others``)."""
    every = [
        f
        for f in text.find_all(passage, content)
        if not any(s <= f.start and f.end <= e and e - s > f.end - f.start for s, e in others)
    ] or text.find_all(passage, content)
    if not every:
        return None
    found = every[min(occurrence, len(every) - 1)]
    start, end = found.start, found.end
    while start < end and content[start] in _EDGE:
        start += 1
    while end > start and content[end - 1] in _EDGE:
        end -= 1
    return start, end


def _drafted_spans(frame: pd.DataFrame, content: str) -> list[tuple[int, int]]:
    spans = []
    for row in frame.itertuples():
        start = int(row.offset)
        original = text.locate(row.quote, content[start:])
        spans.append((start, start + original.end) if original else (start, start + len(row.quote)))
    return spans


def _nested(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether one span contains the other."""
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def _inner(drafted: tuple[int, int], span: tuple[int, int], key_spans: list) -> bool:
    """Whether a drafted row lies inside another, smaller key passage nested in ``span``: the
    proposal for a quotation inside a quotation (``«When X says ‹...›»``), which the key
    lists on its own, does not give the outer passage a speaker."""
    return any(
        k and k != span and span[0] <= k[0] and k[1] <= span[1]
        and k[0] <= drafted[0] and drafted[1] <= k[1]
        for k, _, _ in key_spans
    )  # fmt: skip


def score_article(
    article_id: str, content: str, frame: pd.DataFrame, key: pd.DataFrame, unkeyed_repeats=False
):
    """Scored key rows and scored drafted rows of one article."""
    spans = _drafted_spans(frame, content)
    drafted = list(zip(spans, frame.speaker_id, frame.statement_id, frame.proposal, strict=True))
    key_rows, key_spans = [], []
    seen: dict[str, int] = {}
    first: dict[str, list[tuple[int, int]]] = {}  # by statement: a repeat inside its fuller row
    for passage, statement in zip(key.passage, key.statement_id, strict=True):
        found = text.locate(passage, content)
        if found and statement:
            first.setdefault(statement, []).append((found.start, found.end))
    for k in key.itertuples():
        others = tuple(first.get(k.statement_id, ())) if k.statement_id else ()
        span = _span(k.passage, content, seen.get(k.passage, 0), others)
        seen[k.passage] = seen.get(k.passage, 0) + 1
        key_spans.append((span, None if k.kind == "off_topic" else k.speaker_id, k.kind))
    for k, (span, _, _) in zip(key.itertuples(), key_spans, strict=True):
        off_topic = k.kind == "off_topic"
        if off_topic:
            continue  # off topic in the curated tables: who said it is not recorded
        row = {"set_article": article_id, "passage": k.passage, "kind": k.kind}
        row.update(key_speaker=k.speaker_id, key_statement=k.statement_id)
        containing = [d for d in drafted if span and _nested(d[0], span)]
        overlapping = [
            d
            for d in drafted
            if span
            and d[0][0] < span[1]
            and span[0] < d[0][1]
            and not _inner(d[0], span, key_spans)
        ]
        row["located"] = span is not None
        row["found"] = bool(containing)
        if k.speaker_id:
            row["speaker_right"] = any(d[1] == k.speaker_id for d in containing)
        else:
            row["speaker_right"] = not any(d[1] for d in overlapping)
        row["given_a_speaker"] = not k.speaker_id and any(d[1] for d in overlapping)
        same = [d for d in containing if d[1] == k.speaker_id] or containing
        if k.statement_id:
            row["statement_right"] = any(d[2] == k.statement_id for d in same)
        else:
            row["statement_right"] = not any(d[2] for d in same)
        key_rows.append(row)
    drafted_rows = []
    for (span, speaker, statement, kind), row in zip(drafted, frame.itertuples(), strict=True):
        if not speaker:
            continue
        covered = [
            k_speaker
            for k_span, k_speaker, _ in key_spans
            if k_span and k_span[0] < span[1] and span[0] < k_span[1]
        ]
        if covered and all(s is None for s in covered):
            continue  # overlaps only off-topic passages, whose speaker is not recorded
        if not covered and unkeyed_repeats and kind == "repeat" and row.quote_type == "paraphrase":
            continue  # the curated tables record no repeated paraphrase
        drafted_rows.append(
            {
                "set_article": article_id,
                "draft_id": row.draft_id,
                "proposal": kind,
                "speaker_id": speaker,
                "statement_id": statement,
                "quote": row.quote,
                "right": speaker in covered,
            }
        )
    return key_rows, drafted_rows


def run_five(evidence: Evidence):
    key = five_key(evidence)
    keys, drafts = [], []
    for article_id in evidence.articles.article_id:
        frame = draft(held_out(evidence, article_id), article_id)
        k, d = score_article(
            article_id, evidence.texts[article_id], frame, key[key.article_id == article_id], True
        )
        keys += k
        drafts += d
    return keys, drafts


def read_split(folder: Path) -> tuple[dict[str, str], pd.DataFrame] | None:
    key_file = folder / "key.csv"
    if not key_file.is_file():
        return None
    key = pd.read_csv(key_file, dtype=str, keep_default_na=False)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    return texts, key


def run_split(evidence: Evidence, folder: Path):
    found = read_split(folder)
    if found is None:
        return None
    texts, key = found
    keys, drafts = [], []
    for article_id, content in texts.items():
        frame = draft(with_article(evidence, article_id, content), article_id)
        k, d = score_article(article_id, content, frame, key[key.article_id == article_id])
        keys += k
        drafts += d
    return keys, drafts


def summary(keys: list[dict], drafts: list[dict]) -> dict[str, str]:
    k = pd.DataFrame(keys)
    d = pd.DataFrame(drafts, columns=["right"])
    n = len(k)

    def share(right: int, of: int) -> str:
        return f"{right}/{of} ({100 * right / of:.0f} %)" if of else "–"

    silent = k[k.key_speaker == ""]
    return {
        "articles": str(k.set_article.nunique()),
        "key passages": str(n),
        "passages found": share(int(k.found.sum()), n),
        "speaker right": share(int(k.speaker_right.sum()), n),
        "statement right": share(int(k.statement_right.sum()), n),
        "precision of attributed rows": share(int(d.right.sum()), len(d)),
        "unnamed/scare/unknown/headline given a speaker": f"{int(silent.given_a_speaker.sum())} of {len(silent)}",
    }


def synthetic(evidence: Evidence, quotations: int) -> tuple[Evidence, str]:
    """An article of ``quotations`` quotations built from the tables' own statements and
    names, in three patterns (speaker after, pronoun, role), one paragraph each."""
    speakers = evidence.speakers.set_index("speaker_id")
    pairs = [
        (speakers.at[s.speaker_id, "name"], s.summary)
        for s in evidence.statements.itertuples()
        if s.speaker_id in speakers.index
    ]
    paragraphs = ["A synthetic article for timing the drafting assistant"]
    for i in range(quotations):
        name, words = pairs[i % len(pairs)]
        words = words.replace('"', "'")
        if i % 3 == 0:
            paragraphs.append(f'"{words}," {name} said on day {i}.')
        elif i % 3 == 1:
            paragraphs.append(f'{name} spoke again. "{words}," he told reporters.')
        else:
            paragraphs.append(f'According to {name}, {words[0].lower() + words[1:]} "{words}"')
    content = "\n\n".join(paragraphs) + "\n"
    held = with_article(evidence, "synthetic", content)
    return held, "synthetic"


def speed(evidence: Evidence) -> list[dict]:
    out = []
    for size in SPEED_SIZES:
        held, article_id = synthetic(evidence, size)
        started, cpu = time.perf_counter(), time.process_time()
        frame = draft(held, article_id)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        out.append(
            {
                "quotations": size,
                "cpu_seconds": round(cpu, 2),
                "seconds": round(seconds, 2),
                "rows": len(frame),
            }
        )
    return out


README_START = "<!-- bench-draft:start (written by make bench-draft) -->"
README_END = "<!-- bench-draft:end -->"


def table(results: dict[str, dict[str, str]]) -> pd.DataFrame:
    measures = list(next(iter(results.values())))
    frame = pd.DataFrame({SETS[name]: [r[m] for m in measures] for name, r in results.items()})
    frame.insert(0, "measure", measures)
    frame["goal"] = [GOALS.get(m, "") for m in measures]
    return frame


def _percent(cell: str) -> float | None:
    """The share in a cell like ``12/20 (60 %)``."""
    if "/" not in cell:
        return None
    right, of = cell.split(" ")[0].split("/")
    return int(right) / int(of) if int(of) else None


def goals_missed(result: dict[str, str]) -> list[str]:
    """The goals a set's figures miss, as words."""
    missed = []
    for measure, floor in (
        ("speaker right", 0.90),
        ("statement right", 0.85),
        ("precision of attributed rows", 0.95),
    ):
        share = _percent(result[measure])
        if share is not None and share < floor:
            missed.append(f"{measure} {result[measure]} (goal ≥ {floor:.0%})")
    silent = result["unnamed/scare/unknown/headline given a speaker"]
    if not silent.startswith("0 "):
        missed.append(f"{silent} passages that must have no speaker given one (goal: none)")
    return missed


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


def speed_line(timings: list[dict], load: tuple[float, float, float], cores: int) -> str:
    """The measured drafting times as a sentence, with the machine's load when measured."""
    parts = [
        f"{t['quotations']:,} quotations in {t['cpu_seconds']:.1f} s of CPU "
        f"({t['seconds']:.1f} s elapsed)"
        for t in timings
    ]
    largest = max(timings, key=lambda t: t["quotations"])
    verdict = "met" if largest["cpu_seconds"] < SPEED_GOAL_SECONDS else "missed"
    return (
        f"Drafting time, a synthetic article (this run, {cores} cores, load average "
        f"{load[0]:.1f}): " + ", ".join(parts) + f"; goal for {largest['quotations']:,}: under "
        f"{SPEED_GOAL_SECONDS:.0f} s of CPU ({verdict})."
    )


def readme_block(
    frame: pd.DataFrame, results: dict, proposals: pd.DataFrame, speed: str = ""
) -> str:
    """The three tables side by side, the goals each set misses, ``make add-article``'s
    proposals on the five and the drafting time, as markdown for the README (between its
    markers)."""
    header = list(frame.columns)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(str(v) for v in row) + " |")
    lines.append("")
    for name in sorted(
        results, key=["holdout", "dev", "five"].index
    ):  # the figure to believe first
        missed = goals_missed(results[name])
        verdict = "; ".join(missed) if missed else "none"
        lines.append(f"Goals missed on {GOAL_LINES[name]}: {verdict}.")
        lines.append("")
    differ = proposals[proposals.body_lines != proposals.proposed_body_lines]
    lines.append(
        f"`make add-article`, on the five articles: the proposed `body_lines` equal the curated "
        f"ones for {len(proposals) - len(differ)} of {len(proposals)}"
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
        + f"; the proposed headline is right for {int(proposals.headline_right.sum())} of "
        f"{len(proposals)}."
    )
    if speed:
        lines += ["", speed]
    return "\n".join([README_START, *lines, README_END])


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
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where to write the tables")
    parser.add_argument(
        "--splits", type=Path, default=SPLITS_DIR, help="the dev/ and holdout/ folders"
    )
    parser.add_argument(
        "--only", choices=["five", *SPLITS], action="append", help="score only these sets"
    )
    parser.add_argument("--no-speed", action="store_true", help="skip the timing")
    parser.add_argument(
        "--readme", action="store_true", help="also write the tables into README.md"
    )
    args = parser.parse_args(argv)
    try:
        evidence = load(args.data)
    except DataError as error:
        print(f"bench-draft: {error}", file=sys.stderr)
        return 2
    wanted = args.only or ["five", *SPLITS]
    results, details = {}, []
    for name in wanted:
        run = run_five(evidence) if name == "five" else run_split(evidence, args.splits / name)
        if run is None:
            print(f"bench-draft: no {args.splits / name / 'key.csv'}: {SETS[name]} not scored")
            continue
        keys, drafts = run
        results[name] = summary(keys, drafts)
        details += [{"set": name, "row": "key", **k} for k in keys]
        details += [{"set": name, "row": "drafted", **d} for d in drafts]
    frame = table(results)
    with pd.option_context(
        "display.width", 200, "display.max_columns", 10, "display.max_colwidth", 60
    ):
        print(frame.to_string(index=False))
    args.out.mkdir(parents=True, exist_ok=True)
    write_text(args.out / "bench-draft.csv", frame.to_csv(index=False, lineterminator="\n"))
    write_text(
        args.out / "bench-draft.json", json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    )
    write_text(
        args.out / "bench-draft-details.csv",
        # The details hold article text and may be opened in a spreadsheet: no formula cells.
        spreadsheet.to_csv(pd.DataFrame(details)),
    )
    print(f"written: {args.out / 'bench-draft.csv'} (and .json, -details.csv)")
    timings: list[dict] = []
    if not args.no_speed:
        timings = speed(evidence)
        for t in timings:
            print(
                f"drafting {t['quotations']:,} quotations: {t['cpu_seconds']:.2f} s of CPU "
                f"({t['seconds']:.2f} s elapsed; goal for 32,000: < {SPEED_GOAL_SECONDS:.0f} s)"
            )
        write_text(args.out / "bench-draft-speed.json", json.dumps(timings, indent=2) + "\n")
    if args.readme:
        if set(results) != {"five", *SPLITS}:
            print("bench-draft: README.md not written: it shows all three sets", file=sys.stderr)
            return 2
        measured = speed_line(timings, os.getloadavg(), os.cpu_count() or 0) if timings else ""
        changed = update_readme(readme_block(frame, results, row_proposals(evidence), measured))
        print("README.md: measured tables " + ("updated" if changed else "already current"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
