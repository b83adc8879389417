"""Synthetic data folders of any size, for benchmarks and scaling tests.

``make_synthetic(n, folder)`` writes a valid data folder with ``n`` statements: the real
statements replicated in rounds under new ids (``s000031-stoltenberg-no-plans``), each with
copies of its real mentions, so every quote is still found verbatim in its article and the
folder passes ``boots.data.validate``. Articles, speakers, lexicon and borders are copied as they
are; responses link copies within a round, and distortions point at the first copies.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from boots.util import config


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n")


def make_synthetic(n_statements: int, folder: Path, source: Path | None = None) -> Path:
    """Write a data folder with ``n_statements`` statements into ``folder``; return it."""
    source = Path(source or config.DEFAULT_DATA_DIR)
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(
        source,
        folder,
        ignore=shutil.ignore_patterns(
            "statements.csv",
            "mentions.csv",
            "quote_exclusions.csv",
            "responses.csv",
            "distortions.csv",
        ),
    )
    statements = _read(source / "statements.csv")
    mentions = _read(source / "mentions.csv")
    exclusions = _read(source / "quote_exclusions.csv")
    base = len(statements)
    rounds = -(-n_statements // base)
    index = pd.RangeIndex(rounds * base)[:n_statements]
    picked = statements.iloc[index % base].reset_index(drop=True)
    round_of = pd.Series(index // base)
    new_id = "s" + pd.Series(index).map("{:06d}".format) + "-" + picked.statement_id
    position = {sid: i for i, sid in enumerate(statements.statement_id)}
    picked["statement_id"] = new_id
    _write(picked, folder / "statements.csv")

    # Each copy answers the copy of its target in the same round, when that copy exists.
    responses = _read(source / "responses.csv")
    copies_of = pd.DataFrame(
        {"statement": statements.statement_id.iloc[index % base].to_numpy(), "round": round_of}
    )
    linked = copies_of.merge(responses, left_on="statement", right_on="statement_id")
    offset = linked["round"].to_numpy() * base
    target_index = offset + linked.responds_to.map(position).to_numpy()
    source_index = offset + linked.statement.map(position).to_numpy()
    keep = (target_index < n_statements) & (source_index < n_statements)
    id_at = dict(enumerate(new_id))
    _write(
        pd.DataFrame(
            {
                "statement_id": [id_at[int(i)] for i in source_index[keep]],
                "responds_to": [id_at[int(i)] for i in target_index[keep]],
                "basis": linked.basis[keep].to_numpy(),
            }
        ),
        folder / "responses.csv",
    )

    old_to_new = pd.Series(new_id.to_numpy(), index=range(n_statements))
    copies = mentions.merge(
        pd.DataFrame(
            {
                "statement_id": picked.statement_id.str.split("-", n=1).str[1],
                "new_id": old_to_new,
                "order_in": range(n_statements),
            }
        ),
        on="statement_id",
    ).sort_values(["order_in", "mention_id"], kind="stable")
    first_round = copies[copies.order_in < base]
    copies = copies.assign(
        statement_id=copies.new_id,
        mention_id="m" + pd.Series(range(len(copies)), index=copies.index).map("{:07d}".format),
    )
    renamed = dict(
        zip(
            mentions.set_index(["statement_id", "article_id"]).mention_id.reindex(
                list(zip(first_round.statement_id, first_round.article_id, strict=True))
            ),
            copies.loc[first_round.index, "mention_id"],
            strict=True,
        )
    )
    _write(copies[mentions.columns], folder / "mentions.csv")
    exclusions = exclusions.assign(
        mention_id=exclusions.mention_id.map(lambda m: renamed.get(m, "") if m else "")
    )
    _write(exclusions, folder / "quote_exclusions.csv")
    first_copy = dict(
        zip(picked.statement_id.str.split("-", n=1).str[1][:base], new_id[:base], strict=True)
    )
    distortions = _read(source / "distortions.csv")
    distortions = distortions[distortions.statement_id.isin(first_copy)]
    _write(
        distortions.assign(statement_id=distortions.statement_id.map(first_copy)),
        folder / "distortions.csv",
    )
    return folder
