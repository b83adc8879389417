"""Tables as readers see them: words for codes, names for identifiers.

``view(frame)`` turns a table computed by the analyses into the one a reader should see:
coded values, index entries and column headers become their labels from the schema
(``boots.data.labels``), identifier columns are dropped (the table already names the
speaker, outlet or statement in words), yes/no for booleans and dates in words. ``show``
displays the result with ``boots.render.report.table``.
"""

from __future__ import annotations

import pandas as pd

from boots.data import labels
from boots.render import report

IDENTIFIERS = {
    "article_id",
    "statement_id",
    "speaker_id",
    "mention_id",
    "exclusion_id",
    "term_id",
    "article",
    "statement",
    "reference_article",
    "position",
}
# Columns that hold a schema field's codes under another name.
ALIASES = {
    "other_stance": "stance",
    "stances": "stance",
    "focus": "headline_focus",
    "headline foregrounds": "headline_focus",
    "lede foregrounds": "headline_focus",
    "date is": "published_certainty",
    "wording is": "quote_type",
}


# Column names that are abbreviations, in words.
HEADERS = {
    "article_a": "article",
    "article_b": "and article",
    "a_in_b": "share of the first's wording in the second",
    "b_in_a": "share of the second's wording in the first",
    "shared": "shared runs of words",
}


def _field(name: object) -> dict[str, str]:
    name = str(name)
    return labels.categories(ALIASES.get(name, name))


def _words(value: object, names: dict[str, str]) -> object:
    if not isinstance(value, str):
        return value
    for separator in (";", ", "):
        if separator in value and all(part in names for part in value.split(separator)):
            return ", ".join(names[part] for part in value.split(separator))
    return names.get(value, value)


def _says_nothing(series: pd.Series, rows: int) -> bool:
    """An empty column, or a yes/no column with one answer on every row ("mixed: no")."""
    text = series.map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else v)
    if (text.astype(str).str.strip() == "").all():
        return True
    return rows > 1 and set(text) in ({"yes"}, {"no"})


def _as_percentages(out: pd.DataFrame) -> pd.DataFrame:
    """Shares as percentages: columns named as shares, and tables whose numbers are all
    fractions of their row (each row sums to 1)."""
    floats = [c for c in out.columns if pd.api.types.is_float_dtype(out[c])]
    shares = [c for c in floats if str(c).startswith("share")]
    values = out[floats] if floats else None
    if (
        values is not None
        and len(floats) > 1
        and ((values >= 0) & (values <= 1)).all().all()
        and (values.sum(axis=1) - 1).abs().max() < 0.011
    ):
        shares = floats
    for column in shares:
        out[column] = out[column].map(lambda v: "" if pd.isna(v) else f"{v:.0%}")
    return out


def view(frame: pd.DataFrame | pd.Series, names: dict[str, str] | None = None) -> pd.DataFrame:
    """``frame`` in readers' words (see the module docstring); ``names`` (an id -> name
    mapping such as ``Evidence.outlet_names``) names the ids in any text column."""
    out = frame.to_frame() if isinstance(frame, pd.Series) else frame.copy()
    if names:
        for column in out.columns:
            if (
                not pd.api.types.is_numeric_dtype(out[column])
                and out[column].isin(list(names)).any()
            ):
                out[column] = out[column].map(lambda v: names.get(v, v))
    out = out.drop(columns=[c for c in out.columns if str(c) in IDENTIFIERS])
    if {"country", "name"} <= set(out.columns):  # an ISO code beside the country's name
        out = out.drop(columns="country").rename(columns={"name": "country"})
    for column in out.columns:
        names = _field(column)
        series = out[column]
        if names:
            out[column] = series.map(lambda v, n=names: _words(v, n))
        elif pd.api.types.is_bool_dtype(series):
            out[column] = series.map({True: "yes", False: "no"})
        elif pd.api.types.is_datetime64_any_dtype(series):
            out[column] = series.map(lambda d: "" if pd.isna(d) else f"{d:%-d %B %Y}")
    out = out.drop(columns=[c for c in out.columns if _says_nothing(out[c], len(out))])
    out = _as_percentages(out)
    index_names = _field(out.index.name)
    if index_names:
        out.index = out.index.map(lambda v: _words(v, index_names))
    out = out.rename(columns=HEADERS)
    column_names = _field(out.columns.name)
    if column_names:
        out = out.rename(columns=lambda c: _words(c, column_names))
    elif sum(str(c) in labels.categories("stance") for c in out.columns) >= 2:
        stance = {**labels.categories("stance"), "none": "not a statement"}
        out = out.rename(columns=lambda c: stance.get(str(c), c))
    return out


def show(
    frame,
    empty: str = "No rows.",
    html_columns: tuple[str, ...] = (),
    names: dict[str, str] | None = None,
):
    """Display ``view(frame, names)`` as a reader's table."""
    return report.table(view(frame, names), empty=empty, html_columns=html_columns)
