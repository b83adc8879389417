"""Load the curated tables as typed pandas DataFrames, typed by the schema.

Loading is strict but shallow: it parses every table and converts each column to its
schema type, and stops with a ``DataError`` naming the file if that fails. The full check
(quotes against articles, keys, codes) is ``boots.data.validate`` / ``make validate``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from boots.data import safe_files, text
from boots.data.schema import TO_FILL, Resource, SchemaError, resources
from boots.util import config


class DataError(Exception):
    """The data folder cannot be loaded; the message names the file."""


@dataclass(frozen=True)
class Evidence:
    """The curated tables and the article texts of one data folder."""

    data_dir: Path
    articles: pd.DataFrame
    speakers: pd.DataFrame
    statements: pd.DataFrame
    mentions: pd.DataFrame
    quote_exclusions: pd.DataFrame
    lexicon: pd.DataFrame
    responses: pd.DataFrame
    distortions: pd.DataFrame
    context: pd.DataFrame
    first_coding: pd.DataFrame
    second_coding: pd.DataFrame
    adjudication: pd.DataFrame
    texts: dict[str, str]

    @property
    def outlet_names(self) -> dict[str, str]:
        """Outlet of each article, by article_id, in articles.csv order."""
        return dict(zip(self.articles.article_id, self.articles.outlet, strict=True))

    @property
    def outlets(self) -> list[str]:
        """Each outlet once, in articles.csv order (several articles may share an outlet)."""
        return list(dict.fromkeys(self.articles.outlet))

    @property
    def article_labels(self) -> dict[str, str]:
        """A label per article_id: its outlet, with the article_id where an outlet has several."""
        counts = self.articles.outlet.value_counts()
        return {
            a: o if counts[o] == 1 else f"{o} ({a})"
            for a, o in zip(self.articles.article_id, self.articles.outlet, strict=True)
        }

    @property
    def article_order(self) -> dict[str, int]:
        """Position of each article in articles.csv, by article_id."""
        return {article: i for i, article in enumerate(self.articles.article_id)}

    @cached_property
    def computed(self) -> dict:
        """Results the analyses computed from this evidence, kept so that each is computed
        once (``boots.analysis.memo``); the tables are never changed after loading."""
        return {}

    @cached_property
    def body_lines(self) -> dict[str, str]:
        """Each article's ``body_lines``, by article_id."""
        return dict(zip(self.articles.article_id, self.articles.body_lines, strict=True))

    def body(self, article_id: str) -> str:
        """The article's body lines (headline included), joined."""
        return text.body_text(self.texts[article_id], self.body_lines[article_id])

    def statements_with_speakers(self) -> pd.DataFrame:
        """Statements joined with their speaker's name, role, country, kind and rank."""
        speakers = self.speakers.rename(columns={"notes": "speaker_notes"})
        return self.statements.merge(speakers, on="speaker_id", how="left", validate="m:1")

    def mentions_in_full(self) -> pd.DataFrame:
        """Mentions joined with their statement, speaker and article outlet."""
        outlets = self.articles[["article_id", "outlet", "published_earliest"]]
        merged = self.mentions.merge(
            self.statements_with_speakers().drop(columns=["notes"]),
            on="statement_id",
            how="left",
            validate="m:1",
        )
        return merged.merge(outlets, on="article_id", how="left", validate="m:1")


def _typed(frame: pd.DataFrame, resource: Resource, path: Path) -> pd.DataFrame:
    for field in resource.fields:
        column = frame[field.name]
        if field.type != "string":
            # A cell `make add-article` left for the curator is missing until filled in.
            column = column.replace(TO_FILL, "")
        try:
            if field.type == "date":
                frame[field.name] = pd.to_datetime(column.replace("", None), format="%Y-%m-%d")
            elif field.type == "integer":
                frame[field.name] = pd.to_numeric(column.replace("", None)).astype("Int64")
            elif field.type == "number":
                frame[field.name] = pd.to_numeric(column.replace("", None))
            elif not field.required:
                frame[field.name] = column.replace("", None)
        except (ValueError, TypeError) as error:
            raise DataError(
                f"{path}: column '{field.name}' is not all {field.type}s ({error}); "
                "run `make validate` for the full report"
            ) from None
    return frame


def _read(data_dir: Path, name: str, limit: int) -> bytes:
    """A data file's bytes, read as validation reads them (confined to the folder, capped)."""
    try:
        return safe_files.read_bytes(data_dir, name, limit)
    except (OSError, safe_files.Refused) as error:
        raise DataError(
            f"{data_dir / name}: cannot be read ({error}); run `make validate`"
        ) from None


def read_resource(resource: Resource, data_dir: Path) -> pd.DataFrame:
    path = data_dir / resource.path
    raw = _read(data_dir, resource.path, safe_files.MAX_TABLE_BYTES)
    try:
        frame = pd.read_csv(
            io.BytesIO(raw),
            dtype=str,
            keep_default_na=False,
            encoding="utf-8-sig",
            on_bad_lines="error",
        )
    except (OSError, ValueError, pd.errors.ParserError) as error:
        raise DataError(f"{path}: cannot be read ({error}); run `make validate`") from None
    if list(frame.columns) != resource.field_names:
        raise DataError(
            f"{path}: columns {list(frame.columns)} differ from the schema's "
            f"{resource.field_names}; run `make validate`"
        )
    return _typed(frame, resource, path)


def load(data_dir: Path | str | None = None) -> Evidence:
    """Load the data folder (default: ``$BOOTS_DATA`` or ``data/``)."""
    folder = Path(data_dir) if data_dir else config.data_dir()
    try:
        schema = resources()
    except SchemaError as error:
        raise DataError(str(error)) from None
    frames = {name: read_resource(resource, folder) for name, resource in schema.items()}
    texts = {}
    for article_id, file in zip(
        frames["articles"].article_id, frames["articles"].file, strict=True
    ):
        name = f"{config.ARTICLES_SUBDIR}/{file}"
        raw = _read(folder, name, safe_files.MAX_ARTICLE_BYTES)
        try:
            texts[article_id] = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise DataError(
                f"{folder / name}: cannot be read ({error}); run `make validate`"
            ) from None
    return Evidence(folder, texts=texts, **frames)
