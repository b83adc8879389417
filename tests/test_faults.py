"""The fault suite: hostile and broken data folders are refused clearly, and safely.

Each case copies the project's data folder, injects one fault (a careless or hostile
contributor's), runs ``python -m boots.data.validate FOLDER`` in process and asserts that:

* the command exits non-zero, without a traceback;
* it names the file and the line of the fault (and the column, where there is one; a fault
  of a whole file, such as a FIFO in place of a table, has no line);
* nothing outside the folder was opened (an audit hook records every ``open``) or printed
  (a canary file beside the folder holds a secret that must never appear);
* no file of the folder changed;
* it finished within its time limit (an alarm stops a hang).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from boots.data import safe_files
from boots.data.schema import project_descriptor_path, resources
from boots.data.validate import main
from boots.util import config
from tests.helpers import read_rows, write_rows

TIME_LIMIT = 10  # seconds, per fault
SECRET = f"CANARY-{uuid.uuid4().hex}"
SCHEMA = resources()
DATE_COLUMNS = {r.name: [f.name for f in r.fields if f.type == "date"] for r in SCHEMA.values()}
PATH = {name: r.path for name, r in SCHEMA.items()}  # e.g. reliability/first_coding.csv

# --- what validation opens ---------------------------------------------------------------

_opened: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], str | bytes | Path):
        _opened.append(os.path.abspath(os.fsdecode(args[0])))


sys.addaudithook(_audit)


@contextlib.contextmanager
def recording_opens():
    global _opened
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


@contextlib.contextmanager
def time_limit(seconds: int):
    def expired(signum, frame):
        raise TimeoutError(f"validation did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def state(folder: Path) -> dict[str, str]:
    """Every entry of ``folder`` without following links or opening special files."""
    out = {}
    for name, path in safe_files.entries(folder):
        full = folder / name
        if path is not None:
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif full.is_symlink():
            out[name] = "link:" + os.readlink(full)
        else:
            out[name] = f"mode:{stat.S_IFMT(os.lstat(full).st_mode)}"
    return out


# --- how faults are written --------------------------------------------------------------

Apply = Callable[[Path, Path], None]  # (data folder, folder outside it with the canaries)


def row_line(table: str, row_id: str) -> int:
    """The line of the row whose first cell is ``row_id`` (one record per line)."""
    rows = read_rows(config.DEFAULT_DATA_DIR / PATH[table])
    return next(i for i, row in enumerate(rows, start=1) if row[0] == row_id)


def edit_cell(table: str, row_id: str, column: str, change: Callable[[str], str]) -> Apply:
    def apply(folder: Path, outside: Path) -> None:
        path = folder / PATH[table]
        rows = read_rows(path)
        at = rows[0].index(column)
        row = next(r for r in rows if r[0] == row_id)
        row[at] = change(row[at]) if callable(change) else change
        write_rows(path, rows)

    return apply


def edit_bytes(name: str, old: bytes, new: bytes) -> Apply:
    def apply(folder: Path, outside: Path) -> None:
        path = folder / name
        content = path.read_bytes()
        assert old in content, f"{old!r} not in {name}"
        path.write_bytes(content.replace(old, new, 1))

    return apply


def write_bytes(name: str, content: bytes) -> Apply:
    def apply(folder: Path, outside: Path) -> None:
        (folder / name).write_bytes(content)

    return apply


def replace_with(name: str, kind: str) -> Apply:
    """Put a symlink out of the folder, a FIFO, a folder or nothing where ``name`` was."""

    def apply(folder: Path, outside: Path) -> None:
        path = folder / name
        path.unlink()
        if kind == "canary":
            path.symlink_to(outside / "canary.txt")
        elif kind == "dev-zero":
            path.symlink_to("/dev/zero")
        elif kind == "proc-environ":
            path.symlink_to("/proc/self/environ")
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "folder":
            path.mkdir()
        elif kind == "loop":
            path.symlink_to(path.name)
        elif kind == "hardlink":
            os.link(outside / "canary.txt", path)
        else:
            assert kind == "missing"

    return apply


def edit_descriptor(change: Callable[[dict], None]) -> Apply:
    def apply(folder: Path, outside: Path) -> None:
        path = folder / config.DESCRIPTOR
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        change(descriptor)
        path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")

    return apply


def _resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def _field(descriptor: dict, resource: str, name: str) -> dict:
    return next(f for f in _resource(descriptor, resource)["schema"]["fields"] if f["name"] == name)


def descriptor_line(resource: str, field: str | None = None) -> int:
    text = project_descriptor_path().read_text(encoding="utf-8")
    at = text.index(f'"name": "{resource}"')
    if field:
        at = text.index(f'"name": "{field}"', at)
    return text.count("\n", 0, at) + 1


@dataclass(frozen=True)
class Fault:
    id: str
    file: str
    line: int | None  # None: a fault of the whole file, which has no line
    column: str | None
    apply: Apply
    cap: tuple[str, int] | None = None  # shrink a size cap of safe_files for this case


FAULTS: list[Fault] = []


def fault(id, file, line, column, apply, cap=None) -> None:
    FAULTS.append(Fault(id, file, line, column, apply, cap))


# --- the faults ----------------------------------------------------------------------------

# One text column of each table, in a row that exists, for the value-level faults.
TEXT_CELLS = {
    "articles": ("aljazeera", "outlet"),
    "speakers": ("macron", "role"),
    "statements": ("macron-nothing-ruled-out", "summary"),
    "mentions": ("m001", "verb"),
    "quote_exclusions": ("x01", "note"),
    "lexicon": ("full-scale-invasion", "rationale"),
}
TEXT_FAULTS = {
    "nul-byte": lambda v: v[:3] + "\x00" + v[3:],
    "terminal-escape": lambda v: v + "\x1b[2J",
    "tab": lambda v: v[:3] + "\t" + v[3:],
    "c1-control": lambda v: v + "\x9b6n",
    "bidi-override": lambda v: "\u202e" + v,
    "line-separator": lambda v: v[:3] + "\u2028:::{include} /etc/passwd" + v[3:],
    "byte-order-mark-inside": lambda v: v + "\ufeff",
    "whitespace-only": lambda v: "   ",
    "leading-space": lambda v: " " + v,
    "formula-equals": lambda v: '=HYPERLINK("http://example.com","x")',
    "formula-plus": lambda v: "+" + v,
    "formula-at": lambda v: "@SUM(A1)",
    "formula-minus": lambda v: "-x" + v,
    # OWASP's DDE payload: a digit after the "-" does not make it a number.
    "formula-minus-digit": lambda v: "-2+3+cmd|' /C calc'!A0",
    # The full-width forms some spreadsheets read alike (the draft guards them too).
    "formula-fullwidth-equals": lambda v: '\uff1dHYPERLINK("http://example.com","x")',
    "formula-fullwidth-at": lambda v: "\uff20SUM(A1)",
    "long-cell": lambda v: "x" * 2001,
}
for table, (row_id, column) in TEXT_CELLS.items():
    line = row_line(table, row_id)
    for kind, change in TEXT_FAULTS.items():
        fault(
            f"{table}-{kind}",
            PATH[table],
            line,
            column,
            edit_cell(table, row_id, column, change),
        )
    fault(
        f"{table}-megabyte-cell",
        PATH[table],
        line,
        None,
        edit_cell(table, row_id, column, "y" * 1_000_000),
    )

DATE_FAULTS = {
    "unpadded": "2024-3-9",
    "impossible": "2024-02-30",
    "compact": "20240227",
    "with-time": "2024-02-27T10:00",
    "before-window": "1999-12-31",
    "after-window": "2099-01-01",
    "arabic-indic-digits": "٢٠٢٤-٠٢-٢٧",
    "day-first": "27/02/2024",
}
for table, row_id in (("statements", "tusk-no-plan"), ("articles", "aljazeera")):
    column = DATE_COLUMNS[table][0]
    for kind, value in DATE_FAULTS.items():
        fault(
            f"{table}-date-{kind}",
            PATH[table],
            row_line(table, row_id),
            column,
            edit_cell(table, row_id, column, value),
        )

INTEGER_FAULTS = {
    "arabic-indic": "٣",
    "fullwidth": "１",
    "plus-sign": "+1",
    "decimal": "1.0",
    "leading-zero": "01",
    "exponent": "1e3",
    "huge": "9" * 20,
    "empty": "",
    "negative": "-1",
}
for table, row_id, column in (("speakers", "macron", "rank"), ("mentions", "m001", "order")):
    for kind, value in INTEGER_FAULTS.items():
        fault(
            f"{table}-{column}-{kind}",
            PATH[table],
            row_line(table, row_id),
            column,
            edit_cell(table, row_id, column, value),
        )

for table, row_id, column, value in (
    ("articles", "aljazeera", "translation", "google"),
    ("speakers", "macron", "kind", "robot"),
    ("statements", "macron-nothing-ruled-out", "stance", "maybe"),
    ("mentions", "m001", "quote_type", "indirect"),
    ("quote_exclusions", "x01", "reason", "boring"),
    ("lexicon", "full-scale-invasion", "group", "weather"),
    ("articles", "aljazeera", "sha256", "ABC"),
    ("speakers", "macron", "speaker_id", "Macron President"),
    ("statements", "macron-nothing-ruled-out", "time", "25:00"),
    ("articles", "aljazeera", "language", "xx"),
    ("speakers", "macron", "country", "XX"),
    ("speakers", "macron", "country", "UK"),
    ("articles", "ap-repost", "byline_wire", "TASS"),
    ("responses", "attal-cant-rule-out", "responds_to", "attal-cant-rule-out"),
    ("responses", "attal-cant-rule-out", "responds_to", "no-such-statement"),
    ("statements", "attal-cant-rule-out", "date_latest", "2024-02-26"),
    ("distortions", "d01", "passage", "words that no article printed"),
    ("distortions", "d01", "kind", "improved"),
    ("context", "k01", "field", "no_such_column"),
    ("adjudication", "fiala-not-send", "rule", "Z9"),
    ("adjudication", "fiala-not-send", "adjudicated", "categorical"),
    ("statements", "macron-nothing-ruled-out", "speaker_id", "nobody"),
    ("mentions", "m001", "statement_id", "no-such-statement"),
    ("mentions", "m001", "article_id", "no-such-article"),
    ("mentions", "m001", "quote", "words that no article printed"),
    ("mentions", "m001", "offset", "1"),
    ("mentions", "m001", "printed_speaker", "Jens Stoltenberger"),
    ("quote_exclusions", "x01", "article_id", "no-such-article"),
    ("quote_exclusions", "x01", "mention_id", "m999"),
    ("quote_exclusions", "x02", "passage", "Something ruled out"),
    ("articles", "aljazeera", "headline", "NATO denies everything"),
    ("articles", "aljazeera", "body_lines", "1-4500"),
    ("articles", "aljazeera", "file", "/etc/passwd"),
    ("articles", "aljazeera", "file", "/proc/self/environ"),
    ("articles", "aljazeera", "file", "../../outside/canary.txt"),
    ("articles", "aljazeera", "file", "..\\outside\\canary.txt"),
    ("articles", "aljazeera", "file", "sub/../../canary.txt"),
):
    fault(
        f"{table}-{column}-{value[:24]}",
        PATH[table],
        row_line(table, row_id),
        column,
        edit_cell(table, row_id, column, value),
    )

REQUIRED = {
    "articles": ("aljazeera", "outlet"),
    "speakers": ("macron", "name"),
    "statements": ("macron-nothing-ruled-out", "summary"),
    "mentions": ("m001", "verb"),
    "quote_exclusions": ("x01", "note"),
    "lexicon": ("full-scale-invasion", "label"),
    "distortions": ("d01", "evidence"),
    "context": ("k01", "fact"),
    "first_coding": ("macron-nothing-ruled-out", "stance"),
    "second_coding": ("macron-nothing-ruled-out", "stance"),
}
# Tables keyed by two columns: a duplicated first cell is not a duplicate key, so they get
# every fault but that one.
COMPOSITE = {
    "responses": ("attal-cant-rule-out", "basis"),
    "adjudication": ("macron-strategic-ambiguity", "reason"),
}
SECOND_ROW = {}
for table, (row_id, column) in (REQUIRED | COMPOSITE).items():
    fault(
        f"{table}-required-empty",
        PATH[table],
        row_line(table, row_id),
        column,
        edit_cell(table, row_id, column, ""),
    )
    rows = read_rows(config.DEFAULT_DATA_DIR / PATH[table])
    first, second = rows[1][0], rows[2][0]
    SECOND_ROW[table] = second
    key = rows[0][0]
    if table in COMPOSITE:
        continue
    fault(
        f"{table}-duplicate-id",
        PATH[table],
        3,
        key,
        edit_cell(table, second, key, first),
    )

for table in REQUIRED | COMPOSITE:
    name = PATH[table]
    second = SECOND_ROW[table]
    line = row_line(table, second)
    fault(
        f"{table}-unbalanced-quote",
        name,
        line,
        None,
        edit_bytes(name, f"\n{second},".encode(), f'\n"{second},'.encode()),
    )
    fault(
        f"{table}-extra-value",
        name,
        line,
        None,
        edit_bytes(name, f"\n{second},".encode(), f"\n{second},extra,".encode()),
    )
    fault(
        f"{table}-not-utf8",
        name,
        line,
        None,
        edit_bytes(name, f"\n{second},".encode(), f"\n{second}\xff,".encode("latin-1")),
    )
    fault(
        f"{table}-blank-line",
        name,
        line,
        None,
        edit_bytes(name, f"\n{second},".encode(), f"\n\n{second},".encode()),
    )
    fault(f"{table}-extra-column", name, 1, "surprise", edit_bytes(name, b"\n", b",surprise\n"))
    fault(f"{table}-empty-file", name, 1, None, write_bytes(name, b""))
    for kind in ("canary", "dev-zero", "fifo", "folder", "missing", "loop"):
        fault(f"{table}-{kind}", name, None, None, replace_with(name, kind))
    fault(
        f"{table}-over-size-cap", name, None, None, lambda f, o: None, cap=("MAX_TABLE_BYTES", 200)
    )

first_column = {t: read_rows(config.DEFAULT_DATA_DIR / PATH[t])[0] for t in REQUIRED}
for table, header in first_column.items():
    name = PATH[table]
    renamed = header[1]
    fault(
        f"{table}-renamed-column",
        name,
        1,
        f"{renamed}s",
        edit_bytes(
            name,
            f",{renamed},".encode() if len(header) > 2 else f",{renamed}\n".encode(),
            f",{renamed}s,".encode() if len(header) > 2 else f",{renamed}s\n".encode(),
        ),
    )
    fault(
        f"{table}-swapped-columns",
        name,
        1,
        None,
        edit_bytes(
            name, f"{header[0]},{header[1]},".encode(), f"{header[1]},{header[0]},".encode()
        ),
    )

ARTICLE = "articles/000_48a6bae5c0c654dd.txt"
ALJAZEERA = row_line("articles", "aljazeera")
for kind in ("canary", "dev-zero", "proc-environ", "fifo", "folder", "missing", "loop"):
    fault(f"article-{kind}", "articles.csv", ALJAZEERA, "file", replace_with(ARTICLE, kind))
fault(
    "article-over-size-cap",
    "articles.csv",
    ALJAZEERA,
    "file",
    lambda f, o: None,
    cap=("MAX_ARTICLE_BYTES", 100),
)
fault(
    "article-not-utf8",
    "articles.csv",
    ALJAZEERA,
    "file",
    edit_bytes(ARTICLE, b"Tuesday", b"Tu\xffsday"),
)
fault(
    "article-text-changed",
    "articles.csv",
    ALJAZEERA,
    "sha256",
    edit_bytes(ARTICLE, b"Tuesday", b"Wednesday"),
)

for id_, pattern in (
    ("word-boundary-only", r"\b"),
    ("inline-flag", "(?i)troops"),
    ("star-only", "x*"),
    ("empty-alternative", "troops|"),
    ("lookahead", "troops(?= on)"),
    ("backreference", r"(a)\1"),
    ("unclosed-class", "troops["),
    ("unbalanced-group", "a)|(b"),
    ("non-ascii", "séjourné"),
    ("single-byte", r"\C"),
    ("named-group", "(?P<t>troops)"),
    ("too-long", "a" * 301),
):
    fault(
        f"lexicon-pattern-{id_}",
        "lexicon.csv",
        row_line("lexicon", "full-scale-invasion"),
        "pattern",
        edit_cell("lexicon", "full-scale-invasion", "pattern", pattern),
    )

D = config.DESCRIPTOR
fault(
    "descriptor-trailing-comma",
    D,
    2,
    None,
    edit_bytes(D, b'"boots-on-the-ground",', b'"boots-on-the-ground",,'),
)
fault("descriptor-not-utf8", D, 2, None, edit_bytes(D, b"boots-on-the-ground", b"boots\xff"))
fault("descriptor-empty", D, 1, None, write_bytes(D, b""))
fault("descriptor-array", D, 1, None, write_bytes(D, b"[1, 2, 3]\n"))
fault("descriptor-deep-nesting", D, 1, None, write_bytes(D, b"[" * 100_000 + b"]" * 100_000))
fault(
    "descriptor-stance-enum-dropped",
    D,
    descriptor_line("statements", "stance"),
    None,
    edit_descriptor(lambda d: _field(d, "statements", "stance")["constraints"].pop("enum")),
)
fault(
    "descriptor-rank-type-changed",
    D,
    descriptor_line("speakers", "rank"),
    None,
    edit_descriptor(lambda d: _field(d, "speakers", "rank").update(type="string")),
)
fault(
    "descriptor-summary-not-required",
    D,
    descriptor_line("statements", "summary"),
    None,
    edit_descriptor(lambda d: _field(d, "statements", "summary")["constraints"].pop("required")),
)
fault(
    "descriptor-pattern-loosened",
    D,
    descriptor_line("articles", "sha256"),
    None,
    edit_descriptor(lambda d: _field(d, "articles", "sha256")["constraints"].update(pattern=".*")),
)
fault(
    "descriptor-path-outside",
    D,
    descriptor_line("statements"),
    None,
    edit_descriptor(lambda d: _resource(d, "statements").update(path="../outside/canary.txt")),
)
fault(
    "descriptor-primary-key-dropped",
    D,
    descriptor_line("mentions"),
    None,
    edit_descriptor(lambda d: _resource(d, "mentions")["schema"].pop("primaryKey")),
)
fault(
    "descriptor-foreign-key-dropped",
    D,
    descriptor_line("mentions"),
    None,
    edit_descriptor(lambda d: _resource(d, "mentions")["schema"].pop("foreignKeys")),
)
fault(
    "descriptor-resource-removed",
    D,
    descriptor_line("articles") - 2,
    None,
    edit_descriptor(lambda d: d["resources"].remove(_resource(d, "lexicon"))),
)
fault(
    "descriptor-field-renamed",
    D,
    descriptor_line("speakers"),
    None,
    edit_descriptor(lambda d: _field(d, "speakers", "role").update(name="title")),
)
fault(
    "descriptor-resources-not-a-list",
    D,
    descriptor_line("articles") - 2,
    None,
    edit_descriptor(lambda d: d.update(resources={"articles": 1})),
)
for kind in ("canary", "dev-zero", "fifo", "folder", "missing", "loop"):
    fault(f"descriptor-{kind}", D, None, None, replace_with(D, kind))
fault(
    "descriptor-over-size-cap", D, None, None, lambda f, o: None, cap=("MAX_DESCRIPTOR_BYTES", 100)
)


def to_fill_with_codebook(kind: str) -> Apply:
    """A cell left TO FILL (its message quotes the codebook) while CODEBOOK.md is hostile."""

    def apply(folder: Path, outside: Path) -> None:
        edit_cell("speakers", "macron", "role", "TO FILL")(folder, outside)
        replace_with("CODEBOOK.md", kind)(folder, outside)

    return apply


for kind in ("canary", "fifo", "dev-zero"):
    fault(
        f"to-fill-with-codebook-{kind}",
        "speakers.csv",
        row_line("speakers", "macron"),
        "role",
        to_fill_with_codebook(kind),
    )


# A CODEBOOK.md that is there but cannot be read is reported, not taken as absent (which
# silently turned off the check that every adjudication cites a rule numbered in it).
fault("codebook-not-utf8", "CODEBOOK.md", 1, None, write_bytes("CODEBOOK.md", b"**C1.** \xff\n"))
for kind in ("canary", "fifo", "folder"):
    fault(f"codebook-{kind}", "CODEBOOK.md", None, None, replace_with("CODEBOOK.md", kind))


def in_article_line(name: str, number: int, inserted: str) -> Apply:
    """Put ``inserted`` at the start of line ``number`` of the article file ``name``."""

    def apply(folder: Path, outside: Path) -> None:
        path = folder / name
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[number - 1] = inserted.format(canary=outside / "canary.txt") + lines[number - 1]
        path.write_text("\n".join(lines), encoding="utf-8", newline="")

    return apply


# Characters inside an article's text that could end a block or start a directive if any
# page read the text as markup, or reorder what a reader sees.
ARTICLE = f"{config.ARTICLES_SUBDIR}/{read_rows(config.DEFAULT_DATA_DIR / PATH['articles'])[1][1]}"
ARTICLE_TEXT_FAULTS = {
    "cr-cr-literalinclude": "\r\r```{{literalinclude}} {canary}\r```\r",
    "crlf": "x\r\n",
    "form-feed": "\x0c```{{raw}} html\n:file: {canary}\n```",
    "line-separator": "\u2028:::{{include}} {canary}",
    "paragraph-separator": "\u2029x",
    "nul": "\x00",
    "escape": "\x1b[2J",
    "vertical-tab": "\x0b",
    "c1-control": "\x85",
    "bidi-override": "\u202e",
    "bidi-isolate": "\u2066",
}
for kind, inserted in ARTICLE_TEXT_FAULTS.items():
    fault(f"article-text-{kind}", ARTICLE, 3, None, in_article_line(ARTICLE, 3, inserted))
fault("article-hardlink", "articles.csv", 2, "file", replace_with(ARTICLE, "hardlink"))
for table in ("speakers", "mentions"):
    fault(f"{table}-hardlink", PATH[table], None, None, replace_with(PATH[table], "hardlink"))
fault("article-text-line-too-long", ARTICLE, 3, None, in_article_line(ARTICLE, 3, "x" * 20_001))
fault("article-text-too-many-lines", ARTICLE, None, None, in_article_line(ARTICLE, 3, "\n" * 5_000))

# Invisible characters in names: two names that look alike must be alike.
NAME_CELLS = {
    "speakers": ("macron", "name"),
    "articles": ("aljazeera", "outlet"),
    "mentions": ("m001", "printed_speaker"),
}
INVISIBLE = {
    "zero-width-space": "\u200b",
    "zero-width-joiner": "\u200d",
    "word-joiner": "\u2060",
    "arabic-letter-mark": "\u061c",
    "soft-hyphen": "\u00ad",
    "left-to-right-mark": "\u200e",
}
for table, (row_id, column) in NAME_CELLS.items():
    for kind, char in INVISIBLE.items():
        fault(
            f"{table}-{column}-{kind}",
            PATH[table],
            row_line(table, row_id),
            column,
            edit_cell(table, row_id, column, lambda v, c=char: v[:2] + c + v[2:]),
        )

# Ids the site would rewrite or that collide with its own names and anchors.
SITE_NAME_FAULTS = [
    ("statements", "fico-not-planning", "statement_id", "1-fico-not-planning"),
    ("statements", "fico-not-planning", "statement_id", "fico--not-planning"),
    ("statements", "fico-not-planning", "statement_id", "fico-not-planning-"),
    ("mentions", "m001", "mention_id", "line-3"),
    ("quote_exclusions", "x01", "exclusion_id", "line-12"),
    ("quote_exclusions", "x01", "exclusion_id", "m001"),
    ("articles", "aljazeera", "article_id", "index"),
    ("articles", "aljazeera", "article_id", "genindex"),
    ("articles", "aljazeera", "article_id", "search"),
    # Anchors the page already has: the theme's elements and the page's own headings.
    ("statements", "tusk-no-plan", "statement_id", "main-content"),
    ("statements", "tusk-no-plan", "statement_id", "pst-header"),
    ("mentions", "m001", "mention_id", "the-text-as-printed"),
    ("mentions", "m002", "mention_id", "al-jazeera"),
    ("quote_exclusions", "x02", "exclusion_id", "quotations-not-counted-as-statements"),
    ("quote_exclusions", "x01", "exclusion_id", "searchbox"),
]


# An outlet's name is its article page's heading, whose anchor may not be a line's anchor
# or one of the theme's.
for outlet in ("Line 3", "Main Content"):
    fault(
        f"site-name-outlet-{outlet}",
        PATH["articles"],
        row_line("articles", "aljazeera"),
        "outlet",
        edit_cell("articles", "aljazeera", "outlet", outlet),
    )


def rename_everywhere(old: str, new: str) -> Apply:
    """Rename an id in every table that holds it, so nothing but the name is wrong."""

    def apply(folder: Path, outside: Path) -> None:
        for name in PATH.values():
            path = folder / name
            content = path.read_bytes()
            path.write_bytes(
                re.sub(
                    rb"(?<![a-z0-9-])" + re.escape(old.encode()) + rb"(?![a-z0-9-])",
                    new.encode(),
                    content,
                )
            )

    return apply


for table, row_id, column, value in SITE_NAME_FAULTS:
    fault(
        f"site-name-{table}-{value}",
        PATH[table],
        row_line(table, row_id),
        column,
        rename_everywhere(row_id, value),
    )

B = "geo/ne_110m_europe.geojson"
fault("borders-canary", B, None, None, replace_with(B, "canary"))
fault("borders-fifo", B, None, None, replace_with(B, "fifo"))
fault(
    "borders-not-json", B, 1, None, write_bytes(B, b'{"type": "FeatureCollection", features: []}')
)
fault("borders-unknown-code", B, 1, None, edit_bytes(B, b'"iso_a2":"AL"', b'"iso_a2":"ZZ"'))

IDS = [f.id for f in FAULTS]
assert len(set(IDS)) == len(IDS), "fault ids are unique"


# --- the test ------------------------------------------------------------------------------


# Every case starts from a fresh copy of the data folder; written in memory (/dev/shm, where
# the machine has it) the copy takes a quarter of the time it takes on disk.
MEMORY = Path("/dev/shm")


@pytest.fixture
def hostile(tmp_path):
    """A copy of the data folder and, beside it, canary files holding the secret."""
    in_memory = MEMORY.is_dir() and os.access(MEMORY, os.W_OK)
    base = Path(tempfile.mkdtemp(prefix="boots-fault-", dir=MEMORY)) if in_memory else tmp_path
    try:
        outside = base / "outside"
        outside.mkdir()
        (outside / "canary.txt").write_text(f"{SECRET}\n", encoding="utf-8")
        folder = base / "data"
        shutil.copytree(config.DEFAULT_DATA_DIR, folder)
        yield folder, outside
    finally:
        if in_memory:
            shutil.rmtree(base, ignore_errors=True)


def allowed(path: str, folder: Path) -> bool:
    """Validation may open files in the folder, and the project's code and schema."""
    real = os.path.realpath(path)
    roots = [str(folder.resolve()), sys.prefix, sys.base_prefix, str(config.ROOT / "boots")]
    return real == str(project_descriptor_path().resolve()) or any(
        real == root or real.startswith(root + os.sep) for root in roots
    )


def test_the_suite_is_broad():
    files = {f.file for f in FAULTS}
    assert set(PATH.values()) | {config.DESCRIPTOR} <= files


@pytest.mark.parametrize("case", FAULTS, ids=IDS)
def test_fault_is_refused_clearly_and_safely(case: Fault, hostile, capsys, monkeypatch):
    folder, outside = hostile
    case.apply(folder, outside)
    if case.cap:
        monkeypatch.setattr(safe_files, case.cap[0], case.cap[1])
    before, canary_before = state(folder), state(outside)
    started = time.monotonic()
    with time_limit(TIME_LIMIT), recording_opens() as opened:
        status = main([str(folder)])
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    printed = out + err
    assert status != 0, printed
    assert "Traceback" not in printed
    assert SECRET not in printed, "a file outside the folder was printed"
    outside_opened = [p for p in opened if not allowed(p, folder)]
    assert outside_opened == [], "validation opened files outside the folder"
    assert state(folder) == before, "validation changed the folder"
    assert state(outside) == canary_before
    assert elapsed < TIME_LIMIT
    where = case.file + (f":{case.line}:" if case.line else ":")
    lines = [line for line in out.splitlines() if line.startswith(where)]
    if case.line:  # the line named exactly (a character position may follow)
        lines += [line for line in out.splitlines() if line.startswith(where[:-1] + ":")]
    assert lines, f"nothing reported at {where}\n{printed}"
    if case.column:
        assert any(f"column '{case.column}'" in line for line in lines), (
            f"column {case.column} not named at {where}\n{printed}"
        )
