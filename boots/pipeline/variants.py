"""Valid data folders derived from the project's own: fewer articles, fewer speakers, other
stances. The build must hold on each of them (issue #20: every notebook page published,
every typed paragraph shown only where its check holds), and the tests build them.

Each derivation copies the folder and removes what the removed rows leave dangling, in the
order the foreign keys run: articles -> mentions -> statements (a statement no article
reports any more) -> responses, distortions, quote exclusions, outside facts (context.csv)
and the frozen reliability codings of those statements. A statement's quotation that is no
longer a statement stays in its article; validation reports it only as a warning.

``VARIANTS`` names the folders the tests build; ``python -m boots.pipeline.variants NAME DIR``
writes one (``--list`` lists them).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from boots.util import config

_FRAMES = (
    "articles",
    "speakers",
    "statements",
    "mentions",
    "quote_exclusions",
    "responses",
    "distortions",
    "context",
    "reliability/first_coding",
    "reliability/second_coding",
    "reliability/adjudication",
)


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(
        folder / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )


def _write(frame: pd.DataFrame, folder: Path, name: str) -> None:
    frame.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")


def _copy(source: Path, folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(source, folder)
    return folder


def _prune(folder: Path, articles: set[str] | None = None, statements: set[str] | None = None):
    """Keep only ``articles`` and ``statements`` (None: all) and what still refers to them."""
    t = {name: _read(folder, name) for name in _FRAMES}
    if articles is not None:
        dropped = t["articles"][~t["articles"].article_id.isin(articles)]
        for file in dropped.file:
            (folder / config.ARTICLES_SUBDIR / file).unlink(missing_ok=True)
        t["articles"] = t["articles"][t["articles"].article_id.isin(articles)]
    kept_articles = set(t["articles"].article_id)
    mentions = t["mentions"][t["mentions"].article_id.isin(kept_articles)]
    if statements is not None:
        mentions = mentions[mentions.statement_id.isin(statements)]
    order = mentions.offset.astype(int).groupby(mentions.article_id).rank(method="dense")
    t["mentions"] = mentions.assign(order=order.astype(int).astype(str))
    reported = set(mentions.statement_id)
    t["statements"] = t["statements"][t["statements"].statement_id.isin(reported)]
    kept = set(t["statements"].statement_id)
    t["speakers"] = t["speakers"][t["speakers"].speaker_id.isin(set(t["statements"].speaker_id))]
    speakers = set(t["speakers"].speaker_id)
    exclusions = t["quote_exclusions"]
    t["quote_exclusions"] = exclusions[
        exclusions.article_id.isin(kept_articles)
        & (exclusions.mention_id.eq("") | exclusions.mention_id.isin(set(mentions.mention_id)))
    ]
    responses = t["responses"]
    t["responses"] = responses[responses.statement_id.isin(kept) & responses.responds_to.isin(kept)]
    distortions = t["distortions"]
    pairs = set(zip(mentions.statement_id, mentions.article_id, strict=True))
    t["distortions"] = distortions[
        distortions.article_id.isin(kept_articles)
        & distortions.statement_id.isin(kept)
        & pd.Series(
            [
                (s, a) in pairs
                for s, a in zip(
                    distortions.statement_id, distortions.source_article_id, strict=True
                )
            ],
            index=distortions.index,
            dtype=bool,
        )
    ]
    records = {"articles": kept_articles, "speakers": speakers, "statements": kept}
    context = t["context"]
    t["context"] = context[
        pd.Series(
            [
                r not in records or k in records[r]
                for r, k in zip(context.resource, context.record, strict=True)
            ],
            index=context.index,
            dtype=bool,
        )
    ]
    coded = set(t["reliability/first_coding"].statement_id) - set(
        _read(config.DEFAULT_DATA_DIR, "statements").statement_id
    )  # statements removed before this folder was derived: kept, as frozen
    for name in (
        "reliability/first_coding",
        "reliability/second_coding",
        "reliability/adjudication",
    ):
        frame = t[name]
        t[name] = frame[frame.statement_id.isin(kept | coded)]
    for name, frame in t.items():
        _write(frame, folder, name)
    return _repair(folder)


# Curators' records whose row may go when what it cites went with the removed rows.
_DROPPABLE = ("context.csv", "distortions.csv", "responses.csv", "reliability/adjudication.csv")
_RESTATEMENT = "As in the project's data, from articles this derived folder leaves out."
# Cells that quote or copy words of an article the folder leaves out: (file, column at
# fault) -> (column rewritten, its new value). The values they justify stay those of the
# project's data, which is what a derived test folder needs.
_RESTATED = {
    ("statements.csv", "date_basis"): ("date_basis", _RESTATEMENT),
    ("statements.csv", "date_earliest"): ("date_basis", _RESTATEMENT),
    ("statements.csv", "date_latest"): ("date_basis", _RESTATEMENT),
    ("statements.csv", "venue"): ("venue", ""),
    ("articles.csv", "published_basis"): ("published_basis", _RESTATEMENT),
}
_UNACCOUNTED = "a mention whose quote covers this quoted passage"


def _repair(folder: Path, rounds: int = 3) -> Path:
    """What validation finds dangling after a removal: a quoted passage whose statement went
    is listed in quote_exclusions.csv (not a statement of this folder); a curator's record
    that quotes words only a removed article printed is dropped."""
    from boots.data import validate

    for _ in range(rounds):
        problems = validate.validate(folder).problems
        if not problems:
            return folder
        exclusions = _read(folder, "quote_exclusions")
        added = []
        drop: dict[str, set[int]] = {}
        restate: dict[tuple[str, str], set[int]] = {}
        for problem in problems:
            if problem.file.startswith("articles/") and problem.expected.startswith(_UNACCOUNTED):
                article_id = problem.expected.rsplit("(article ", 1)[1].rstrip(")")
                added.append((article_id, problem.value))
            elif (problem.file, problem.column) in _RESTATED and problem.line:
                column, _ = _RESTATED[problem.file, problem.column]
                restate.setdefault((problem.file, column), set()).add(problem.line - 2)
            elif problem.file == "speakers.csv" and problem.column == "printed_names":
                restate.setdefault((problem.file, problem.value), set()).add(problem.line - 2)
            elif problem.file in _DROPPABLE and problem.line:
                drop.setdefault(problem.file, set()).add(problem.line - 2)
        rows = [
            {
                "exclusion_id": f"xv{n:03d}",
                "article_id": article_id,
                "passage": passage,
                "reason": "not_a_statement",
                "mention_id": "",
                "note": "A statement of the project's data, not part of this derived folder.",
            }
            for n, (article_id, passage) in enumerate(dict.fromkeys(added), start=len(exclusions))
        ]
        _write(pd.concat([exclusions, pd.DataFrame(rows, dtype=str)]), folder, "quote_exclusions")
        for (file, column), lines in restate.items():
            name = file.removesuffix(".csv")
            frame = _read(folder, name)
            for index in sorted(lines):
                if column in frame.columns:
                    value = _RESTATED[file, column][1]
                    frame.iloc[index, frame.columns.get_loc(column)] = value
                else:  # a name form no article of this folder prints
                    names = frame.iloc[index]["printed_names"].split(";")
                    kept = ";".join(n for n in names if n != column) or names[0]
                    frame.iloc[index, frame.columns.get_loc("printed_names")] = kept
            _write(frame, folder, name)
        adjudicated = drop.pop("reliability/adjudication.csv", set())
        if adjudicated:  # a coding whose adjudication cannot stay leaves the measure whole
            frame = _read(folder, "reliability/adjudication")
            gone = set(frame.statement_id.iloc[sorted(adjudicated)])
            for name in ("first_coding", "second_coding", "adjudication"):
                coding = _read(folder, f"reliability/{name}")
                _write(coding[~coding.statement_id.isin(gone)], folder, f"reliability/{name}")
        for file, lines in drop.items():
            name = file.removesuffix(".csv")
            frame = _read(folder, name)
            _write(frame.drop(index=frame.index[sorted(lines)]), folder, name)
    return folder


def only_articles(ids: set[str]) -> Callable[[Path, Path], Path]:
    def derive(source: Path, folder: Path) -> Path:
        return _prune(_copy(source, folder), articles=set(ids))

    return derive


def without_article(article_id: str) -> Callable[[Path, Path], Path]:
    def derive(source: Path, folder: Path) -> Path:
        keep = set(_read(source, "articles").article_id) - {article_id}
        return _prune(_copy(source, folder), articles=keep)

    return derive


def without_country(country: str) -> Callable[[Path, Path], Path]:
    """Every speaker of ``country`` (ISO code) removed, with everything about them."""

    def derive(source: Path, folder: Path) -> Path:
        speakers = _read(source, "speakers")
        gone = set(speakers[speakers.country == country].speaker_id)
        statements = _read(source, "statements")
        keep = set(statements[~statements.speaker_id.isin(gone)].statement_id)
        return _prune(_copy(source, folder), statements=keep)

    return derive


def flipped_open(countries: set[str]) -> Callable[[Path, Path], Path]:
    """The statements of ``countries``' speakers that rule troops out coded ``open``."""

    def derive(source: Path, folder: Path) -> Path:
        folder = _copy(source, folder)
        speakers = _read(folder, "speakers")
        theirs = set(speakers[speakers.country.isin(countries)].speaker_id)
        statements = _read(folder, "statements")
        flip = statements.speaker_id.isin(theirs) & statements.stance.eq("rules_out")
        statements.loc[flip, "stance"] = "open"
        statements.loc[flip, "firmness"] = "not_applicable"
        _write(statements, folder, "statements")
        return folder

    return derive


VARIANTS: dict[str, Callable[[Path, Path], Path]] = {
    "no-french-speakers": without_country("FR"),
    "only-mind": only_articles({"mind"}),
    "three-open": flipped_open({"PL", "DE", "GB"}),
    **{
        f"without-{a}": without_article(a)
        for a in ("aljazeera", "ap-repost", "euronews", "mind", "voi")
    },
    **{f"only-{a}": only_articles({a}) for a in ("aljazeera", "ap-repost", "euronews", "voi")},
    "no-russian-speakers": without_country("RU"),
}


def derive(name: str, folder: Path, source: Path | None = None) -> Path:
    """Write the variant ``name`` of ``source`` (default: the project's data) into ``folder``."""
    return VARIANTS[name](Path(source or config.DEFAULT_DATA_DIR), Path(folder))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m boots.pipeline.variants")
    parser.add_argument("name", nargs="?", choices=sorted(VARIANTS))
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args(argv)
    if args.list or not args.name or not args.folder:
        print("\n".join(VARIANTS))
        return 0
    print(derive(args.name, args.folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
