"""Small display helpers for the notebooks' narrative.

Numbers quoted in the narrative come from code: a notebook displays them with these
helpers (so the stored output is checked by nbval) rather than typing them in markdown.
Values from the data are escaped, so a quote containing markup is shown as text.
"""

from __future__ import annotations

import html
import numbers
import re
import string

from IPython.display import Markdown, display

from boots.render.site import FINDING_KEY
from boots.util.words import counted

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>$-])")
# What renderers turn into a live link by themselves (GFM autolinks: scheme://, www., emails).
_AUTOLINK = re.compile(r":(?=//)|(?<=www)\.|@", re.IGNORECASE)
_ENTITY = {":": "&#58;", ".": "&#46;", "@": "&#64;"}


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
