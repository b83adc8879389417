"""Small display helpers for the notebooks' narrative.

Numbers quoted in the narrative come from code: a notebook displays them with these
helpers (so the stored output is checked by nbval) rather than typing them in markdown.
Values from the data are escaped, so a quote containing markup is shown as text.
"""

from __future__ import annotations

import hashlib
import html
import numbers
import re
import string
from collections import Counter

from IPython.display import HTML, Markdown, display

from boots.util.words import counted

# The output metadata key under which a notebook's one-line finding is stored (the site's
# index shows it).
FINDING_KEY = "boots-finding"
# A reader's table shows at most this many rows (and says how many it leaves out).
MAX_TABLE_ROWS = 80
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>$-])")
# What renderers turn into a live link by themselves (GFM autolinks: scheme://, www., emails).
_AUTOLINK = re.compile(r":(?=//)|(?<=www)\.|@", re.IGNORECASE)
_ENTITY = {":": "&#58;", ".": "&#46;", "@": "&#64;"}
# How many tables of each set of columns this kernel has shown: a notebook page holds all
# its tables, so the second table with the same columns gets its own id (``t<hash>r2``).
_SHOWN: Counter[str] = Counter()


def escape(value: object) -> str:
    """``value`` as literal markdown text: HTML-escaped, markdown punctuation and ``$`` (math)
    backslashed, and URLs and e-mail addresses defused so no renderer makes a link the data
    did not ask for (they still read the same)."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=False))
    return _AUTOLINK.sub(lambda m: _ENTITY[m.group()], text)


def setup() -> None:
    """Notebook defaults: the project's plot style, and tables that show quotes in full."""
    import pandas as pd

    from boots.render import figures

    figures.use_style()
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 80)
    pd.set_option("display.min_rows", 40)


def _escaped(values: dict[str, object]) -> dict[str, object]:
    """Text values escaped; numbers kept as numbers so format specs like ``{x:.2f}`` work."""
    return {
        key: value if isinstance(value, numbers.Real) else escape(value)
        for key, value in values.items()
    }


class _Prose(string.Formatter):
    """``str.format`` plus counts that agree in number: ``{n:~statement}`` is "1 statement"
    or "2 statements" (``{n:~child/children}`` for an irregular plural)."""

    def format_field(self, value, format_spec: str):
        if format_spec.startswith("~"):
            singular, _, plural = format_spec[1:].partition("/")
            return counted(int(value), singular, plural or None)
        return super().format_field(value, format_spec)


def prose(template: str, **values: object) -> str:
    """``template`` filled with ``values`` (see ``_Prose`` for counted nouns)."""
    return _Prose().format(template, **values)


def say(template: str, **values: object) -> None:
    """Display ``template`` as markdown with ``{name}`` fields filled by escaped ``values``."""
    display(Markdown(prose(template, **_escaped(values))))


def finding(template: str, figure: str = "", **values: object) -> None:
    """Display the notebook's one-line finding; the site's index shows it with ``figure``."""
    plain = prose(template, **values)
    shown = prose(template, **_escaped(values))
    display(
        Markdown(f"**Finding:** {shown}"), metadata={FINDING_KEY: {"text": plain, "figure": figure}}
    )


def table(
    frame,
    empty: str = "No rows.",
    html_columns: tuple[str, ...] = (),
    index: bool | None = None,
    digits: int = 2,
):
    """A table for readers (great_tables): no index column unless it carries meaning
    (``index``; default: only when it is named or not a plain row number), headers in
    words, text left-aligned and wrapped between words, numbers right-aligned.
    ``html_columns`` hold markup made by the package (``<ins>``/``<del>``), shown as such;
    everything else is escaped. An empty table is the sentence ``empty``."""
    import pandas as pd
    from great_tables import GT

    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    if frame.empty:
        return Markdown(escape(empty))
    total = len(frame)
    frame = frame.head(MAX_TABLE_ROWS)
    plain_index = frame.index.name is None and isinstance(frame.index, pd.RangeIndex)
    if index or (index is None and not plain_index):
        frame = frame.reset_index()
    frame = frame.rename(columns=lambda c: str(c).replace("_", " "))
    html_columns = tuple(c.replace("_", " ") for c in html_columns)
    percentages = [
        c
        for c in frame.columns
        if frame[c].map(lambda v: isinstance(v, str) and bool(re.fullmatch(r"\d+%|", v))).all()
        and frame[c].astype(str).str.endswith("%").any()
    ]
    numeric = [
        c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c]) or c in percentages
    ]
    floats = [c for c in numeric if pd.api.types.is_float_dtype(frame[c])]
    text = [c for c in frame.columns if c not in numeric or c in percentages]
    shown = frame.copy()
    for column in text:
        if column not in html_columns:
            shown[column] = shown[column].map(
                lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)
            )
    identity = "t" + hashlib.sha256("|".join(map(str, frame.columns)).encode()).hexdigest()[:8]
    _SHOWN[identity] += 1
    if _SHOWN[identity] > 1:  # "r" is no hex digit: no other table's id or column id
        identity = f"{identity}r{_SHOWN[identity]}"
    gt = GT(shown, id=identity).cols_align("left", columns=text)
    if numeric:
        gt = gt.cols_align("right", columns=numeric)
    if floats:
        gt = gt.fmt_number(columns=floats, decimals=digits)
    if html_columns:
        gt = gt.fmt(lambda value: value, columns=list(html_columns))
    gt = gt.tab_options(
        table_font_size="14px",
        table_width="100%",
        column_labels_font_weight="bold",
        data_row_padding="4px",
    )
    if total > MAX_TABLE_ROWS:
        gt = gt.tab_source_note(f"The first {MAX_TABLE_ROWS:,} of {total:,} rows.")
    markup = gt.as_raw_html()
    caption = "Table of " + ", ".join(map(str, list(frame.columns)[:4]))
    # The table scrolls sideways on narrow screens: a keyboard user must be able to reach it.
    markup = markup.replace(
        f'<div id="{identity}" style=',
        f'<div id="{identity}" tabindex="0" role="region" '
        f'aria-label="{html.escape(caption, quote=True)}" style=',
        1,
    )
    return HTML(markup)


def what_we_found(sentences: list[str]) -> None:
    """Display a notebook's closing finding: three to five sentences computed by the
    analysis modules (``<module>.what_we_found``), as one paragraph."""
    if not 3 <= len(sentences) <= 5:
        raise ValueError(f"'What we found' takes three to five sentences, not {len(sentences)}")
    display(Markdown(" ".join(escape(s) for s in sentences)))


def names_list(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = [str(n) for n in names]
    if not names:
        return "none"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
