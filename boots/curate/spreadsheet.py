"""CSV files a curator opens in a spreadsheet: cells that cannot run as formulas.

A draft (``make draft``) is reviewed in a spreadsheet, and its cells hold article text a
stranger wrote. Following OWASP's CSV injection guidance, a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return (or their full-width forms, which some
spreadsheets read alike) is written with a leading apostrophe, which spreadsheets show as
text and never evaluate; a cell that already starts with apostrophes before such a
character gets one more, so ``restore`` gives back every value exactly.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

TRIGGERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def _needs_guard(value: str) -> bool:
    return value.lstrip("'")[:1] in TRIGGERS


def neutralise(value: object) -> object:
    """``value`` as a spreadsheet shows it as text (non-strings unchanged)."""
    return "'" + value if isinstance(value, str) and _needs_guard(value) else value


def restore(value: str) -> str:
    """The value ``neutralise`` was given."""
    return value[1:] if value.startswith("'") and _needs_guard(value[1:]) else value


def to_csv(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text with every cell neutralised and quoted (the csv module leaves
    a cell holding a carriage return unquoted when lines end in ``\n``; quoted, it stays
    one cell)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(frame.columns)
    writer.writerows(
        ["" if pd.isna(v) else str(neutralise(v)) for v in row]
        for row in frame.itertuples(index=False)
    )
    return buffer.getvalue()


def read_csv(raw: bytes) -> pd.DataFrame:
    """A CSV written by ``to_csv`` (and reviewed), every cell as text, restored; a line
    break or carriage return inside a quoted cell stays in its cell."""
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    if not rows:
        raise ValueError("the file is empty")
    width = len(rows[0])
    body = [[restore(c) for c in row] + [""] * (width - len(row)) for row in rows[1:] if row]
    if any(len(row) > width for row in body):
        raise ValueError("a row has more cells than the header")
    return pd.DataFrame(body, columns=rows[0], dtype=str)
