"""Add an article to a data folder: copy its text, record its hash, propose its row.

``python -m boots.curate.add_article FILE [--data DIR] [--id ARTICLE_ID]``
(``make add-article FILE=path/to/text.txt [DATA=dir] [ID=article_id]``):

1. copies the text byte for byte into ``<data>/articles/`` under the collection's naming
   convention, ``NNN_<first 16 hex digits of its SHA-256>.txt`` (NNN: the next number);
2. appends a row to ``articles.csv`` with everything that can be computed: ``article_id``
   (from the file name unless ``--id`` is given), ``file``, ``sha256``, and proposals for
   ``body_lines`` and ``headline`` read from the text (the lede is only suggested: a
   standfirst looks like a lede to a program);
3. marks every other cell ``TO FILL``: ``make validate`` then lists each of them with what the
   column holds and the codebook section to read, until the curator has filled them.

Nothing else in the data folder changes; a text already in the collection is refused.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from boots.data import safe_files
from boots.data.check_articles import check_text
from boots.data.check_site_names import RESERVED_PAGES
from boots.data.problems import Report
from boots.data.schema import TO_FILL, resources
from boots.util import config
from boots.util.words import counted

# Lines that are page furniture, not article text (bylines excepted: they are short anyway).
CHROME = re.compile(
    r"subscri|newsletter|share this|leave a (?:comment|reply)|related (?:news|articles?)|"
    r"you might also like|advertisement|cookies?\b|sign up|support us|read more|follow us|"
    r"copyright|all rights reserved|click here|this article|\(source:|photo:|^search$",
    re.IGNORECASE,
)
WIRE_CREDIT = re.compile(r"^\(?[A-Z][A-Za-z/&.]{1,12}\)?$")


class AddError(Exception):
    """The article cannot be added; the message says why."""


def _words(line: str) -> int:
    return len(line.split())


def _text_like(line: str) -> bool:
    stripped = line.strip()
    return (
        _words(stripped) >= 8
        and stripped[-1] in ".!?:\"'\u201d\u2019)]"
        and not CHROME.search(stripped)
    )


def _ranges(numbers: list[int]) -> str:
    parts, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            parts.append(f"{start}" if start == n else f"{start}-{n}")
            start = None
    return ",".join(parts)


@dataclass(frozen=True)
class BodyProposal:
    body_lines: str
    headline: str
    lede: str


def propose_body(content: str) -> BodyProposal:
    """Which lines are article text: the headline (the first line of four or more words
    followed closely by prose) and the longest run of prose lines (eight or more words
    ending a sentence), short lines between prose lines included (subheadings), page
    furniture (subscription pitches, share buttons, captions with a source) breaking a run;
    a wire credit such as ``(AP)`` right after the run belongs to it."""
    lines = content.split("\n")
    prose = [_text_like(line) for line in lines]
    headline_index = None
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for position, i in enumerate(filled):
        line = lines[i].strip()
        if (
            _words(line) < 4
            or CHROME.search(line)
            or line.lower().startswith("by ")
            or line.endswith(".")  # headlines end without a full stop
        ):
            continue
        if any(prose[j] for j in filled[position + 1 : position + 4]):
            headline_index = i
            break
    runs: list[list[int]] = []
    current: list[int] = []
    pending: list[int] = []
    for i, line in enumerate(lines):
        if headline_index is not None and i <= headline_index:
            continue
        if not line.strip():
            continue
        if prose[i]:
            current.extend(pending)
            current.append(i)
            pending = []
        elif (
            current
            and _words(line) <= 8
            and not CHROME.search(line)
            and not WIRE_CREDIT.match(line.strip())
        ):
            pending.append(i)  # a subheading, if prose follows
        else:
            if current:
                if WIRE_CREDIT.match(line.strip()):
                    current.append(i)
                runs.append(current)
            current, pending = [], []
    if current:
        runs.append(current)
    if not runs and headline_index is None:
        raise AddError("no line of the text reads as article prose; is it the right file?")
    best = max(runs, key=lambda run: sum(_words(lines[i]) for i in run)) if runs else []
    chosen = list(range(best[0], best[-1] + 1)) if best else []
    if headline_index is not None:
        between = range(headline_index + 1, best[0]) if best else range(0)
        if not any(CHROME.search(lines[i]) for i in between):
            chosen = list(range(headline_index, best[-1] + 1)) if best else [headline_index]
        else:
            chosen = [headline_index, *chosen]
    numbers = [i + 1 for i in chosen if lines[i].strip() or (chosen[0] < i < chosen[-1])]
    headline = lines[headline_index].strip() if headline_index is not None else ""
    lede = next((lines[i].strip() for i in best if prose[i]), "")
    return BodyProposal(_ranges(numbers), headline, lede)


def _slug(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "article"


def appended(data_dir: Path, name: str, header: list[str], rows: list[dict[str, str]]) -> bytes:
    """The table ``name`` of ``data_dir`` with ``rows`` appended, what is there kept byte
    for byte (read through ``safe_files``: confined and capped)."""
    raw = safe_files.read_bytes(data_dir, name, safe_files.MAX_TABLE_BYTES)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([row.get(c, "") for c in header])
    separator = b"" if not raw or raw.endswith(b"\n") or not rows else b"\n"
    return raw + separator + buffer.getvalue().encode("utf-8")


def write_all(data_dir: Path, contents: dict[str, bytes]) -> None:
    """Write each table of ``contents`` (name -> bytes) through ``safe_files``, all or
    nothing: when one write fails, those already made are put back as they were."""
    before = {
        name: safe_files.read_bytes(data_dir, name, safe_files.MAX_TABLE_BYTES) for name in contents
    }
    done = []
    try:
        for name, data in contents.items():
            if data != before[name]:
                safe_files.write_bytes(data_dir, name, data)
                done.append(name)
    except BaseException:
        for name in done:
            safe_files.write_bytes(data_dir, name, before[name])
        raise


def append_rows(data_dir: Path, name: str, header: list[str], rows: list[dict[str, str]]) -> None:
    """Append records to the table ``name`` of ``data_dir`` (confined, atomic)."""
    if rows:
        write_all(data_dir, {name: appended(data_dir, name, header, rows)})


def add_article(source: Path, data_dir: Path, article_id: str | None = None) -> dict[str, str]:
    """Copy ``source`` into ``data_dir`` and append its articles.csv row; return the row.

    Everything in the folder is read and written through ``safe_files``: a linked
    ``articles/`` or ``articles.csv``, a FIFO or a hard link is refused (``AddError``) and
    nothing is written."""
    source, data_dir = Path(source), Path(data_dir)
    try:
        raw = safe_files.read_file(source, safe_files.MAX_ARTICLE_BYTES)
    except FileNotFoundError:
        raise AddError(f"{source}: no such file") from None
    except safe_files.Refused as refused:
        raise AddError(f"{source}: expected {refused}") from None
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise AddError(f"{source}:{line}: not UTF-8 text; save it as UTF-8 first") from None
    if not content.strip():
        raise AddError(f"{source}: the file is empty")
    report = Report(data_dir)
    if not check_text(str(source), content, report):
        raise AddError(str(report.problems[0]))
    resource = resources()["articles"]
    try:
        table = safe_files.read_bytes(data_dir, resource.path, safe_files.MAX_TABLE_BYTES)
        existing = safe_files.names_in(data_dir, config.ARTICLES_SUBDIR)
        records = list(csv.DictReader(io.StringIO(table.decode("utf-8-sig"), newline="")))
    except FileNotFoundError as error:
        raise AddError(f"{error.filename}: not found in the data folder") from None
    except safe_files.Refused as refused:
        raise AddError(
            f"{resource.path} and {config.ARTICLES_SUBDIR}/: expected {refused}"
        ) from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise AddError(
            f"{resource.path}: not a readable table ({error}); run make validate"
        ) from None
    digest = hashlib.sha256(raw).hexdigest()
    for record in records:
        if record.get("sha256") == digest:
            raise AddError(
                f"{source}: this text is already in the collection as '{record['article_id']}'"
            )
    article_id = article_id or _slug(source.stem)
    pattern = resource.field("article_id").pattern
    # fullmatch: the pattern's "$" alone would let a final line break through.
    if pattern and not re.fullmatch(pattern, article_id):
        raise AddError(f"article id {article_id!r} does not match {pattern} (give --id / ID=)")
    if article_id in RESERVED_PAGES:
        raise AddError(
            f"article id {article_id!r} is one of the site's own page names "
            f"({', '.join(sorted(RESERVED_PAGES))}); give another: ID=..."
        )
    if article_id in {r.get("article_id") for r in records}:
        raise AddError(f"article id '{article_id}' is taken in articles.csv (give another: ID=...)")
    numbers = [int(m.group(1)) for n in existing if (m := re.match(r"(\d+)_", n))]
    name = f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}.txt"
    proposal = propose_body(content)
    row = dict.fromkeys(resource.field_names, TO_FILL)
    row.update(
        article_id=article_id,
        file=name,
        sha256=digest,
        body_lines=proposal.body_lines,
        headline=proposal.headline or TO_FILL,
    )
    where = f"{config.ARTICLES_SUBDIR}/{name}"
    try:
        safe_files.write_bytes(data_dir, where, raw)
    except safe_files.Refused as refused:
        raise AddError(f"{where}: expected {refused}; nothing written") from None
    try:
        append_rows(data_dir, resource.path, resource.field_names, [row])
    except BaseException as error:
        (Path(data_dir).resolve() / where).unlink()  # written just above, confined
        if isinstance(error, safe_files.Refused):
            raise AddError(f"{resource.path}: expected {error}; nothing written") from None
        raise
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m boots.curate.add_article", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("file", type=Path, help="the article text (UTF-8)")
    parser.add_argument("--data", type=Path, help="the data folder (default: data/)")
    parser.add_argument(
        "--id", dest="article_id", help="the article_id (default: from the file name)"
    )
    args = parser.parse_args(argv)
    data_dir = (args.data or config.data_dir()).resolve()
    try:
        row = add_article(args.file, data_dir, args.article_id)
    except AddError as error:
        print(f"add-article: {error}", file=sys.stderr)
        return 2
    to_fill = [c for c, v in row.items() if v == TO_FILL]
    print(f"copied {args.file} to {data_dir / config.ARTICLES_SUBDIR / row['file']}")
    print(f"articles.csv: appended '{row['article_id']}' (sha256 {row['sha256']})")
    print(f"  proposed body_lines: {row['body_lines']}  (check them against the text)")
    print(f"  proposed headline:   {row['headline']}")
    first = propose_body(
        safe_files.read_file(args.file, safe_files.MAX_ARTICLE_BYTES).decode()
    ).lede
    print(f"  first prose line:    {first[:100]}  (the lede, unless it is a standfirst)")
    print(
        f"{counted(len(to_fill), 'cell')} marked {TO_FILL}: {', '.join(to_fill)}. "
        "`make validate` lists each with the codebook section to read; then "
        f"`make draft ARTICLE={row['article_id']}` proposes its mentions."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
