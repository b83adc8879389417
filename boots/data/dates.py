"""Dates as intervals with open ends (codebook D1-D6).

A statement's date is ``date_earliest`` to ``date_latest``; a publication date is
``published_earliest`` to ``published_latest``. Either end may be missing: an open end, which
is never replaced by a guess. These helpers turn an interval into the words readers see and
into a sort key, so that every table, title and figure words it the same way.
"""

from __future__ import annotations

import pandas as pd

# Words for each shape of interval; {a} is the earliest day, {b} the latest.
DAY_FORMAT = "%-d %b"
LONG_DAY_FORMAT = "%-d %B %Y"  # where a date stands alone (pages, tooltips, tables)
WORDS = {
    "day": "on {b}",
    "between": "between {a} and {b}",
    "from": "on or after {a}",
    "until": "on or before {b}",
    "unknown": "date not known",
}


def _given(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value) and not pd.isna(value)


def interval_kind(earliest, latest) -> str:
    """'day', 'between', 'from' (open latest), 'until' (open earliest) or 'unknown'."""
    if _given(earliest) and _given(latest):
        return "day" if earliest == latest else "between"
    if _given(earliest):
        return "from"
    if _given(latest):
        return "until"
    return "unknown"


def interval_words(earliest, latest, day_format: str = DAY_FORMAT) -> str:
    """The interval in words: 'on 27 Feb', 'on or after 26 Feb', 'date not known'."""
    kind = interval_kind(earliest, latest)
    a = f"{earliest:{day_format}}" if _given(earliest) else ""
    b = f"{latest:{day_format}}" if _given(latest) else ""
    return WORDS[kind].format(a=a, b=b)


def _field(row, name: str):
    return (
        row[name]
        if hasattr(row, "__getitem__") and not isinstance(row, tuple)
        else getattr(row, name)
    )


def statement_date(row, day_format: str = LONG_DAY_FORMAT) -> str:
    """When a statement (a row of statements.csv) can have been made, in words."""
    return interval_words(_field(row, "date_earliest"), _field(row, "date_latest"), day_format)


def publication_date(row, day_format: str = LONG_DAY_FORMAT) -> str:
    """When an article (a row of articles.csv) can have been published, in words."""
    return interval_words(
        _field(row, "published_earliest"), _field(row, "published_latest"), day_format
    )


def interval_sort_key(earliest, latest) -> tuple:
    """Order intervals by what is known: an open earliest end sorts first, an open latest
    end after every closed one with the same start, and an interval with no known end last."""
    low, high = pd.Timestamp.min, pd.Timestamp.max
    if not _given(earliest) and not _given(latest):
        return (high, high)
    return (
        pd.Timestamp(earliest) if _given(earliest) else low,
        pd.Timestamp(latest) if _given(latest) else high,
    )


def sort_keys(frame: pd.DataFrame, earliest: str = "date_earliest", latest: str = "date_latest"):
    """``interval_sort_key`` of each row of ``frame``, as a list (for a sort column)."""
    return [interval_sort_key(a, b) for a, b in zip(frame[earliest], frame[latest], strict=True)]


def kind_counts(frame: pd.DataFrame, earliest: str = "date_earliest", latest: str = "date_latest"):
    """How many rows of ``frame`` have each shape of interval (``interval_kind``), with every
    shape listed, in the order of ``WORDS``."""
    kinds = pd.Series(
        [interval_kind(a, b) for a, b in zip(frame[earliest], frame[latest], strict=True)],
        dtype=object,
    )
    return kinds.value_counts().reindex(list(WORDS), fill_value=0)
