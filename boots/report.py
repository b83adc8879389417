"""Small display helpers for the notebooks' narrative.

Numbers quoted in the narrative come from code: a notebook displays them with these
helpers (so the stored output is checked by nbval) rather than typing them in markdown.
Values from the data are escaped, so a quote containing markup is shown as text.
"""

from __future__ import annotations

import html
import re

from IPython.display import Markdown, display

from boots.site import FINDING_KEY

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def escape(value: object) -> str:
    """``value`` as literal markdown text: HTML-escaped and markdown punctuation backslashed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=False))


def say(template: str, **values: object) -> None:
    """Display ``template`` as markdown with ``{name}`` fields filled by escaped ``values``."""
    display(Markdown(template.format(**{k: escape(v) for k, v in values.items()})))


def finding(template: str, figure: str = "", **values: object) -> None:
    """Display the notebook's one-line finding; the site's index shows it with ``figure``."""
    plain = template.format(**{k: str(v) for k, v in values.items()})
    shown = template.format(**{k: escape(v) for k, v in values.items()})
    display(
        Markdown(f"**Finding:** {shown}"), metadata={FINDING_KEY: {"text": plain, "figure": figure}}
    )
