"""Strict checks of single cell values, driven by each column's schema type.

Frictionless, which checks the constraints afterwards, is lenient where a curated table must
not be: it reads ``2024-3-9`` as a date and Arabic-Indic digits as an integer. These checks
run first, on the text of every cell, and make each value mean one thing:

* any text: no NUL or other control character (tabs and line breaks included, and the
  Unicode line and paragraph separators), no
  bidirectional-override or byte-order-mark character (nor, in a name, an invisible one), not only whitespace, no leading or
  trailing whitespace, at most ``MAX_CELL_CHARS`` characters, and nothing a spreadsheet would
  run as a formula (a value starting ``=``, ``+`` or ``@`` or their full-width forms, or
  ``-`` unless the whole value is a number such as ``-3`` or ``-0.5``);
* ``date``: ``YYYY-MM-DD`` in ASCII digits, a real calendar day, inside ``DATE_WINDOW``;
* ``integer``: ASCII digits, optionally a leading ``-``, no leading zeros, at most 15 digits;
* ``number``: the same, with an optional decimal part;
* ``boolean``: ``true`` or ``false``.

``problem(field, value)`` returns what was expected, in words, or None when the value is fine.
Empty cells are left to the ``required`` constraint.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from boots.data.schema import Field

MAX_CELL_CHARS = 2000
# The window a date in the tables may fall in: from Russia's full-scale invasion of Ukraine
# (the war Macron's remark is about) to the end of 2026. data/CODEBOOK.md states it; a test
# keeps the two in step.
DATE_WINDOW = (dt.date(2022, 2, 24), dt.date(2026, 12, 31))

_FORBIDDEN = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
# Columns that name someone or something: two names that look alike must be alike, so no
# invisible character (soft hyphen, Mongolian vowel separator, zero-width space, non-joiner
# and joiner, word joiner and invisible operators) may hide in one.
NAME_COLUMNS = frozenset({"name", "printed_names", "outlet", "printed_speaker", "via"})
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200d\u2060-\u2064]")
# A "-" may start only a number: "-2+3+cmd|' /C calc'!A0" is a formula to a spreadsheet;
# the full-width forms of = + - @, which some spreadsheets read alike, start nothing.
_FORMULA = re.compile(r"^(?:[=+@\uff1d\uff0b\uff0d\uff20]|-(?![0-9]+(?:\.[0-9]+)?$))")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,14})")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?")

_NAMES = {
    "\t": "a tab",
    "\n": "a line break",
    "\r": "a carriage return",
    "\x00": "a NUL byte",
    "\x0c": "a form feed",
    "\u2028": "a Unicode line separator (U+2028)",
    "\u2029": "a Unicode paragraph separator (U+2029)",
    "\ufeff": "a byte-order mark",
}


def describe(char: str) -> str:
    name = _NAMES.get(char)
    if name:
        return name
    if char in "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064":
        return f"an invisible character (U+{ord(char):04X})"
    if "\u200e" <= char <= "\u2069" or char == "\u061c":
        return f"a bidirectional-text control (U+{ord(char):04X})"
    return f"a control character (U+{ord(char):04X})"


@lru_cache(maxsize=65536)
def text_problem(value: str) -> str | None:
    """What is wrong with ``value`` as any cell's text, or None (kept per value: a folder
    validated again, or copies of one, repeat the same cells)."""
    if len(value) > MAX_CELL_CHARS:
        return f"at most {MAX_CELL_CHARS} characters (this cell has {len(value)})"
    bad = _FORBIDDEN.search(value)
    if bad:
        return f"text without {describe(bad.group())} (at character {bad.start() + 1})"
    if not value.strip():
        return "a value that is not only whitespace (leave the cell empty instead)"
    if value != value.strip():
        return "no spaces at the start or end of the value"
    if _FORMULA.match(value):
        return (
            "a value that does not start like a spreadsheet formula (=, +, @, their "
            "full-width forms, or - unless the whole value is a number); reword it, e.g. put the text in quotation marks"
        )
    return None


def date_problem(value: str) -> str | None:
    """What is wrong with ``value`` as a date, or None."""
    first, last = DATE_WINDOW
    if not _DATE.fullmatch(value):
        return "a date written YYYY-MM-DD with two-digit month and day (e.g. 2024-02-27)"
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return "a date written YYYY-MM-DD that exists in the calendar"
    if not first <= day <= last:
        return f"a date from {first} to {last} (the window data/CODEBOOK.md sets)"
    return None


def problem(field: Field, value: str) -> str | None:
    """What is wrong with ``value`` in a column described by ``field``, or None."""
    if value == "":
        return None
    found = text_problem(value)
    if found:
        return found
    hidden = _INVISIBLE.search(value) if field.name in NAME_COLUMNS else None
    if hidden:
        return f"a name without {describe(hidden.group())} (at character {hidden.start() + 1})"
    if field.type == "date":
        return date_problem(value)
    if field.type == "integer" and not _INTEGER.fullmatch(value):
        return "a whole number written in ASCII digits 0-9 (no plus sign, spaces, decimals or leading zeros)"
    if field.type == "number" and not _NUMBER.fullmatch(value):
        return "a number written in ASCII digits 0-9, with a point for decimals"
    if field.type == "boolean" and value not in {"true", "false"}:
        return "true or false"
    return None
