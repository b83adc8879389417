"""Synthetic data folders of any size, for benchmarks and scaling tests.

``make_synthetic(n, folder)`` writes a valid data folder with ``n`` statements: the real
statements replicated in rounds under new ids (``s000031-stoltenberg-no-plans``), each with
copies of its real mentions, so every quote is still found verbatim in its article and the
folder passes ``boots.data.validate``. Articles, speakers, lexicon and borders are copied as they
are; ``responds_to`` links stay within a round.
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
        ignore=shutil.ignore_patterns("statements.csv", "mentions.csv", "quote_exclusions.csv"),
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
    target = picked.responds_to.map(position)
    has_target = target.notna()
    linked = round_of * base + target.fillna(0).astype(int)
    valid = has_target & (linked < n_statements)
    id_at = dict(enumerate(new_id))
    picked["responds_to"] = [
        id_at[int(t)] if ok else "" for t, ok in zip(linked, valid, strict=True)
    ]
    picked.loc[~valid, "responds_to_basis"] = ""
    picked["statement_id"] = new_id
    _write(picked, folder / "statements.csv")

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
    return folder


def add_outlets(folder: Path, outlets: list[str], template: str | None = None) -> Path:
    """Add one article per name in ``outlets`` to the data folder ``folder`` (in place): each a
    copy of the ``template`` article's text (default: the first article) made unique by
    trailing blank lines, with copies of its row, mentions and quotation exclusions, so the
    folder stays valid. A name may repeat or be an existing outlet (several articles of one
    outlet). For tests of many outlets; returns the folder."""
    import hashlib

    from boots.util import config as _config

    folder = Path(folder)
    articles = _read(folder / "articles.csv")
    mentions = _read(folder / "mentions.csv")
    exclusions = _read(folder / "quote_exclusions.csv")
    template = template or articles.article_id.iloc[0]
    row = articles[articles.article_id == template].iloc[0]
    raw = (folder / _config.ARTICLES_SUBDIR / row.file).read_bytes()
    new_rows, new_mentions, new_exclusions = [], [], []
    for number, outlet in enumerate(outlets, start=1):
        article_id = f"{template}-copy-{number}"
        data = raw + b"\n" * number
        digest = hashlib.sha256(data).hexdigest()
        file = f"{len(articles) + number - 1:03d}_{digest[:16]}.txt"
        (folder / _config.ARTICLES_SUBDIR / file).write_bytes(data)
        new_rows.append(
            {
                **row.to_dict(),
                "article_id": article_id,
                "outlet": outlet,
                "file": file,
                "sha256": digest,
            }
        )
        own = mentions[mentions.article_id == template]
        renamed = {m: f"{m}-c{number}" for m in own.mention_id}
        new_mentions.append(
            own.assign(article_id=article_id, mention_id=own.mention_id.map(renamed))
        )
        excluded = exclusions[exclusions.article_id == template]
        new_exclusions.append(
            excluded.assign(
                article_id=article_id,
                exclusion_id=excluded.exclusion_id + f"-c{number}",
                mention_id=excluded.mention_id.map(lambda m, names=renamed: names.get(m, "")),
            )
        )
    _write(
        pd.concat([articles, pd.DataFrame(new_rows)], ignore_index=True), folder / "articles.csv"
    )
    _write(pd.concat([mentions, *new_mentions], ignore_index=True), folder / "mentions.csv")
    _write(
        pd.concat([exclusions, *new_exclusions], ignore_index=True), folder / "quote_exclusions.csv"
    )
    return folder
