"""Validate the whole data package at once and report every problem.

Each problem names the file, the line of the CSV, the column, the bad value and what was
expected. Validation reads files and never writes them.

Four layers, each run only where the layer before found the file sound:

1. structure: the descriptor is well-formed and agrees with the project's schema (which is
   authoritative: ``boots.data.descriptor``); each file lies inside the data folder, is a
   regular file under its size cap (``boots.data.safe_files``), has no line too long to be a
   record, is UTF-8 (a byte-order mark is accepted), parses as CSV with one record per line,
   and has exactly the schema's columns in the schema's order;
2. cells: every value is strict for its column's type (``boots.data.cells``): real
   ``YYYY-MM-DD`` dates in the codebook's window, ASCII-digit integers, no control
   characters, no whitespace-only values, nothing a spreadsheet would run as a formula;
3. schema: required values, allowed values, patterns, ranges, unique and foreign keys,
   from the project's schema (``boots.data.constraints``);
4. evidence: article files (confined like the tables; a refused one is never read) match
   their SHA-256, country and language codes exist, dates are consistent, every quote is
   found in its article (with the closest passage when it is not), every passage inside
   quotation marks is a mention or an exclusion, and every lexicon pattern is safe
   (``boots.data.patterns``).

Run it as ``python -m boots.data.validate [DATA_DIR]`` (``make validate``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from boots.data import cells, constraints, descriptor, geo, patterns, safe_files, text
from boots.data.problems import Problem, Report, printable
from boots.data.schema import TO_FILL, Resource, SchemaError, resources
from boots.util import config

__all__ = ["Problem", "Report", "Table", "main", "print_report", "validate"]

# A record line longer than this is refused before the CSV parser sees it: no cell may hold
# more than cells.MAX_CELL_CHARS characters, and the widest table has 25 columns.
MAX_LINE_BYTES = 64 * 1024


@dataclass
class Table:
    """A CSV file read as text: one dict per record, with its line number."""

    resource: Resource
    rows: list[dict[str, str]]
    lines: list[int]
    records: list[list[str]] = field(default_factory=list)  # header first, as read

    def where(self, index: int) -> int:
        return self.lines[index]


# --- layer 1: structure -------------------------------------------------------------------


def _decode(raw: bytes, name: str, header: list[str] | None, report: Report) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        start = raw.rfind(b"\n", 0, error.start) + 1
        end = raw.find(b"\n", error.start)
        bad_line = raw[start : end if end != -1 else len(raw)].decode("utf-8", "replace")
        column = None
        try:
            cells = next(csv.reader([bad_line]))
            labels = header or next(csv.reader([raw.split(b"\n", 1)[0].decode("utf-8", "replace")]))
            for label, cell in zip(labels, cells, strict=False):
                if "\ufffd" in cell:
                    column = label
                    break
        except (csv.Error, StopIteration):
            pass
        bad = raw[error.start : error.end]
        report.add(
            name,
            line,
            column,
            f"bytes {bad!r}",
            "UTF-8 text (re-save the file as UTF-8; a byte-order mark is fine)",
        )
        return None


def _read_confined(data_dir: Path, name: str, report: Report) -> bytes | None:
    """The bytes of a table, or None after reporting why it may not be read."""
    try:
        return safe_files.read_bytes(data_dir, name, safe_files.MAX_TABLE_BYTES)
    except FileNotFoundError:
        report.add(name, None, None, None, "the file to exist (the schema lists it)")
    except safe_files.Refused as refused:
        report.add(name, None, None, None, str(refused))
    return None


def _long_line(raw: bytes, name: str, report: Report) -> bool:
    """Report the first line too long to be a record; True if there is one."""
    start = 0
    number = 1
    while start < len(raw):
        end = raw.find(b"\n", start)
        end = len(raw) if end == -1 else end
        if end - start > MAX_LINE_BYTES:
            report.add(
                name,
                number,
                None,
                None,
                f"lines of at most {MAX_LINE_BYTES // 1024} KiB (this one has "
                f"{end - start} bytes; a cell may hold at most {cells.MAX_CELL_CHARS} characters)",
            )
            return True
        start, number = end + 1, number + 1
    return False


def read_table(data_dir: Path, resource: Resource, report: Report) -> Table | None:
    """Read one CSV as text; report structural problems and return None if there are any."""
    name = resource.path
    before = len(report.problems)
    raw = _read_confined(data_dir, name, report)
    if raw is None or _long_line(raw, name, report):
        return None
    content = _decode(raw, name, resource.field_names, report)
    if content is None:
        return None
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    records: list[list[str]] = []
    lines: list[int] = []
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            report.add(
                name,
                start,
                None,
                None,
                f"well-formed CSV ({error}): look for an unbalanced double quote in the "
                f"record that starts on line {start}",
            )
            return None
        if reader.line_num != start:
            report.add(
                name,
                start,
                None,
                None,
                f"one record per line, but this record runs to line {reader.line_num}: "
                f"an unbalanced double quote on line {start} probably swallowed the lines "
                "after it",
            )
        records.append(record)
        lines.append(start)
    if not records:
        report.add(name, 1, None, None, "a header row naming the columns")
        return None
    header, expected = records[0], resource.field_names
    for label in header:
        if label not in expected:
            report.add(name, 1, label, label, "only the schema's columns: " + ", ".join(expected))
    for label in expected:
        if label not in header:
            report.add(name, 1, label, None, "this column to be present (the schema defines it)")
    if len(set(header)) != len(header):
        report.add(name, 1, None, ",".join(header), "each column name once")
    elif set(header) == set(expected) and header != expected:
        report.add(
            name,
            1,
            None,
            ",".join(header),
            "the columns in the schema's order: " + ",".join(expected),
        )
    for record, line in zip(records[1:], lines[1:], strict=True):
        if not any(cell.strip() for cell in record):
            report.add(name, line, None, None, "no blank lines")
        elif len(record) != len(header):
            report.add(
                name,
                line,
                None,
                f"{len(record)} values",
                f"{len(header)} values, one per column (check the commas and quotes)",
            )
    if len(report.problems) > before:
        return None
    rows = [dict(zip(header, record, strict=True)) for record in records[1:]]
    return Table(resource, rows, lines[1:], records)


# --- layer 2: cells -------------------------------------------------------------------------


def check_cells(table: Table, report: Report) -> None:
    """Every value strict for its column's type (``boots.data.cells``)."""
    fields = table.resource.fields
    for index, row in enumerate(table.rows):
        for field_ in fields:
            value = row[field_.name]
            found = cells.problem(field_, value) if value else None
            if found:
                report.add(table.resource.path, table.where(index), field_.name, value, found)


# --- layer 3: schema constraints -----------------------------------------------------------


def check_schema(tables: dict[str, Table], report: Report) -> None:
    """Required and allowed values, patterns, ranges, unique and foreign keys, from the
    project's schema (``boots.data.constraints``). A cell already reported by the cell layer
    is not reported again."""
    skip = {(p.file, p.line, p.column) for p in report.problems}
    for table in tables.values():
        path = table.resource.path
        constraints.check_table(table, report, {(ln, c) for f, ln, c in skip if f == path})
    constraints.check_foreign_keys(tables, report, skip)


# --- layer 4: evidence ----------------------------------------------------------------------


def _date(value: str) -> dt.date | None:
    """The date a cell holds, or None if it is empty or not a strict date (reported by the
    cell layer)."""
    if not isinstance(value, str) or cells.date_problem(value):
        return None
    return dt.date.fromisoformat(value)


@dataclass
class Article:
    article_id: str
    file: str
    text: str
    body: list[text.Span]
    published_earliest: dt.date | None
    published_latest: dt.date | None
    line: int | None = None
    passages: list[text.QuotedPassage] = field(default_factory=list)
    unpaired: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.passages, self.unpaired = text.quoted_passages(self.text, self.body)
        self.normalised = text.normalise(self.text)


_COUNTRY_HINTS = {"UK": "GB", "EL": "GR", "EN": "GB"}


def check_articles(data_dir: Path, table: Table, report: Report) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    name = table.resource.path
    for index, row in enumerate(table.rows):
        line = table.where(index)
        try:
            safe_files.check_name(row["file"])
            if "/" in row["file"]:
                raise safe_files.Refused(f"a file name directly in {config.ARTICLES_SUBDIR}/")
            raw = safe_files.read_bytes(
                data_dir, f"{config.ARTICLES_SUBDIR}/{row['file']}", safe_files.MAX_ARTICLE_BYTES
            )
        except FileNotFoundError:
            report.add(
                name, line, "file", row["file"], f"a file of that name in {config.ARTICLES_SUBDIR}/"
            )
            continue
        except safe_files.Refused as refused:  # never read: no hash, no passage shown
            report.add(name, line, "file", row["file"], str(refused))
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if not row["sha256"]:
            _record_hash(report, name, line, row["file"], digest)
        elif digest != row["sha256"]:
            report.add(
                name,
                line,
                "sha256",
                row["sha256"],
                f"{digest}, the SHA-256 of {row['file']} (source texts must never change; "
                "if this is a new article, record its hash)",
            )
        try:
            content = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            report.add(name, line, "file", row["file"], f"a UTF-8 text file ({error})")
            continue
        try:
            body = text.body_spans(content, row["body_lines"])
        except ValueError as error:
            report.add(
                name, line, "body_lines", row["body_lines"], f"line ranges of the file: {error}"
            )
            body = [text.Span(0, len(content))]
        for column in ("headline", "standfirst", "lede"):
            value = row[column]
            if value and not text.within(text.locate(value, content) or text.Span(-1, -1), body):
                report.add(name, line, column, value, _not_found(value, content, row["file"]))
        for column in ("language", "original_language"):
            if row[column] and pycountry.languages.get(alpha_2=row[column]) is None:
                report.add(name, line, column, row[column], "an ISO 639-1 language code such as en")
        if row["byline_wire"] and row["byline_wire"] not in row["credits"].split(";"):
            report.add(
                name,
                line,
                "byline_wire",
                row["byline_wire"],
                f"one of the article's credits ({row['credits'] or 'none'})",
            )
        if row["translation"] == "none" and row["language"] != row["original_language"]:
            report.add(
                name,
                line,
                "translation",
                row["translation"],
                "a kind of translation, since original_language differs from language",
            )
        earliest, latest = _date(row["published_earliest"]), _date(row["published_latest"])
        if earliest and latest and earliest > latest:
            report.add(
                name,
                line,
                "published_latest",
                row["published_latest"],
                f"a date on or after published_earliest ({earliest}), or no value (open)",
            )
        articles[row["article_id"]] = Article(
            row["article_id"], row["file"], content, body, earliest, latest, line
        )
    return articles


def _record_hash(report: Report, name: str, line: int, file: str, digest: str) -> None:
    """An empty sha256 (a new article): the message is the value to record."""
    report.add(name, line, "sha256", "", f"{digest} (the SHA-256 of {file}: record this value)")


def _not_found(quote: str, content: str, file: str) -> str:
    closest = text.closest_passage(quote, content)
    if closest is None:
        return f"words found verbatim in {file}"
    line = text.line_of(closest.span.start, content)
    return (
        f"words found verbatim in {file} (after normalising quote marks, dashes and spaces); "
        f"closest passage, line {line}, {closest.score:.0f}% similar: {closest.passage!r}"
    )


def check_speakers(
    table: Table, articles: dict[str, Article], all_articles_read: bool, report: Report
) -> None:
    name = table.resource.path
    corpus = text.normalise(" ".join(a.text for a in articles.values()))
    for index, row in enumerate(table.rows):
        line = table.where(index)
        code = row["country"]
        if code and code not in geo.country_codes():
            hint = (
                f" ({code} is not one: use {_COUNTRY_HINTS[code]})"
                if code in _COUNTRY_HINTS
                else ""
            )
            report.add(
                name,
                line,
                "country",
                code,
                "an ISO 3166-1 alpha-2 country code"
                + "".join(f", or {c} for {n}" for c, n in geo.USER_ASSIGNED.items())
                + hint,
            )
        if row["kind"] == "government" and not code:
            report.add(name, line, "country", code, "a country code for a government")
        for printed in filter(None, row["printed_names"].split(";")):
            if all_articles_read and text.normalise(printed) not in corpus:
                report.add(
                    name,
                    line,
                    "printed_names",
                    printed,
                    "a name form printed in one of the articles",
                )


def check_statements(table: Table, report: Report) -> None:
    """Each statement's date interval is ordered (codebook D5); either end may be open."""
    name = table.resource.path
    for index, row in enumerate(table.rows):
        earliest, latest = _date(row["date_earliest"]), _date(row["date_latest"])
        if earliest and latest and earliest > latest:
            report.add(
                name,
                table.where(index),
                "date_latest",
                row["date_latest"],
                f"a date on or after date_earliest ({earliest}), or no value (an open end)",
            )


INFERRED = "inferred (rule D3)"


def check_responses(table: Table, statements: Table | None, report: Report) -> None:
    """No statement answers itself, and none answers a statement made after it (D5)."""
    name = table.resource.path
    by_id = {row["statement_id"]: row for row in statements.rows} if statements else {}
    for index, row in enumerate(table.rows):
        line = table.where(index)
        source, target = row["statement_id"], row["responds_to"]
        if source == target:
            report.add(name, line, "responds_to", target, "another statement's id (not its own)")
            continue
        if source not in by_id or target not in by_id:
            continue  # unknown ids: reported by the foreign-key check
        latest = _date(by_id[source]["date_latest"])
        target_earliest = _date(by_id[target]["date_earliest"])
        if latest and target_earliest and latest < target_earliest:
            report.add(
                name,
                line,
                "responds_to",
                target,
                f"a statement that can have been made on or before {latest} (the latest day "
                f"of {source}); {target} was made on or after {target_earliest}",
            )
    # D3: an earliest bound inferred from a response is the earliest bound of a statement
    # this one responds to, as responses.csv records it.
    targets = defaultdict(set)
    for row in table.rows:
        targets[row["statement_id"]].add(row["responds_to"])
    for index, row in enumerate(statements.rows if statements else []):
        if INFERRED not in row["date_basis"]:
            continue
        bounds = {by_id[t]["date_earliest"] for t in targets[row["statement_id"]] if t in by_id}
        if row["date_earliest"] not in bounds:
            report.add(
                statements.resource.path,
                statements.where(index),
                "date_earliest",
                row["date_earliest"],
                "the date_earliest of a statement it responds to in responses.csv ("
                + (", ".join(sorted(b for b in bounds if b)) or "it responds to none")
                + "), since date_basis says the bound is inferred (codebook D3)",
            )


def check_mentions(
    table: Table,
    statements: Table | None,
    speakers: Table | None,
    articles: dict[str, Article],
    report: Report,
) -> dict[str, list[text.Span]]:
    """Check every quote against its article; return the matched spans per article."""
    name = table.resource.path
    statement_rows = {r["statement_id"]: r for r in statements.rows} if statements else {}
    statement_line = (
        {r["statement_id"]: statements.where(i) for i, r in enumerate(statements.rows)}
        if statements
        else {}
    )
    speaker_rows = {r["speaker_id"]: r for r in speakers.rows} if speakers else {}
    spans: dict[str, list[text.Span]] = defaultdict(list)
    located: list[tuple[int, dict, text.Span]] = []
    unlocated: set[str] = set()
    seen: dict[tuple[str, str], int] = {}
    predated: set[str] = set()  # articles already reported as dated before what they report
    for index, row in enumerate(table.rows):
        line = table.where(index)
        key = (row["statement_id"], row["article_id"])
        if key in seen:
            report.add(
                name,
                line,
                "statement_id",
                row["statement_id"],
                f"one mention per statement per article (line {seen[key]} already links this statement to {row['article_id']})",
            )
        seen.setdefault(key, line)
        article = articles.get(row["article_id"])
        if article is None:
            continue  # unknown article: reported by the foreign-key check
        span = text.locate(row["quote"], article.text) if row["quote"] else None
        if span is None:
            unlocated.add(row["article_id"])
            if row["quote"]:
                report.add(
                    name,
                    line,
                    "quote",
                    row["quote"],
                    _not_found(row["quote"], article.text, article.file),
                )
            continue
        report.checked_quotes += 1
        if not text.within(span, article.body):
            report.add(
                name,
                line,
                "quote",
                row["quote"],
                f"a passage of the article body (found on line {text.line_of(span.start, article.text)}, which articles.csv body_lines leaves out)",
            )
        spans[row["article_id"]].append(span)
        located.append((index, row, span))
        if row["offset"] != str(span.start):
            report.add(
                name,
                line,
                "offset",
                row["offset"],
                f"{span.start} (where the quote starts in {article.file})",
            )
        derived = _quote_type(span, article.passages)
        if row["quote_type"] != derived:
            report.add(
                name,
                line,
                "quote_type",
                row["quote_type"],
                f"{derived} (from the quotation marks around the passage)",
            )
        sentence = text.attribution_sentence(span, article.text)
        words = text.normalise(article.text[sentence.start : sentence.end]).lower()
        if row["verb"] and text.normalise(row["verb"]).lower() not in words:
            report.add(
                name,
                line,
                "verb",
                row["verb"],
                "the verb that introduces this quote, printed in its sentence (or, for a "
                "quotation standing alone, in the sentence before; codebook V1), which starts "
                f"on line {text.line_of(sentence.start, article.text)} of {article.file}",
            )
        normalised_text = article.normalised
        if row["printed_speaker"] and text.normalise(row["printed_speaker"]) not in normalised_text:
            report.add(
                name,
                line,
                "printed_speaker",
                row["printed_speaker"],
                _not_found(row["printed_speaker"], article.text, article.file),
            )
        if row["channel"] and text.normalise(row["channel"]) not in normalised_text:
            report.add(
                name,
                line,
                "channel",
                row["channel"],
                _not_found(row["channel"], article.text, article.file),
            )
        if row["via"] and not row["channel"]:
            report.add(
                name, line, "channel", row["channel"], f"the printed credit for via={row['via']}"
            )
        speaker = speaker_rows.get(
            statement_rows.get(row["statement_id"], {}).get("speaker_id", "")
        )
        if speaker and row["printed_speaker"]:
            forms = [text.normalise(f) for f in speaker["printed_names"].split(";") if f]
            if not any(form in text.normalise(row["printed_speaker"]) for form in forms):
                report.add(
                    name,
                    line,
                    "printed_speaker",
                    row["printed_speaker"],
                    f"a designation containing one of the printed_names of speaker '{speaker['speaker_id']}' in speakers.csv: {speaker['printed_names']}",
                )
        statement = statement_rows.get(row["statement_id"])
        earliest = _date(statement["date_earliest"]) if statement else None
        too_early = (
            article.published_earliest and earliest and article.published_earliest < earliest
        )
        if too_early and article.article_id not in predated:
            predated.add(article.article_id)
            report.add(
                "articles.csv",
                article.line,
                "published_earliest",
                str(article.published_earliest),
                f"a date on or after {earliest}: the article reports {row['statement_id']}, "
                "made no earlier than that (codebook D6)",
            )
        if earliest and article.published_latest and earliest > article.published_latest:
            report.add(
                statements.resource.path,
                statement_line[row["statement_id"]],
                "date_earliest",
                statement["date_earliest"],
                f"a date no later than {article.published_latest} (the latest day "
                f"{row['article_id']}, which reports it, can have been published)",
            )
    # The order of an article's mentions is only known once all its quotes are found.
    _check_order(
        [item for item in located if item[1]["article_id"] not in unlocated], table, report
    )
    return spans


def _quote_type(span: text.Span, passages: list[text.QuotedPassage]) -> str:
    return text.quote_type(span, passages)


def _check_order(located: list[tuple[int, dict, text.Span]], table: Table, report: Report) -> None:
    per_article: dict[str, list[int]] = defaultdict(list)
    for _, row, span in located:
        per_article[row["article_id"]].append(span.start)
    ranks = {a: sorted(set(starts)) for a, starts in per_article.items()}
    for index, row, span in located:
        expected = ranks[row["article_id"]].index(span.start) + 1
        if row["order"] != str(expected):
            report.add(
                table.resource.path,
                table.where(index),
                "order",
                row["order"],
                f"{expected} (rank of this quote's position among {row['article_id']}'s mentions)",
            )


def check_coverage(
    exclusions: Table | None,
    mentions: Table | None,
    articles: dict[str, Article],
    spans: dict[str, list[text.Span]],
    report: Report,
) -> None:
    """Every quoted passage in an article body is inside a mention or listed as excluded."""
    excluded: dict[str, set[str]] = defaultdict(set)
    mention_articles = {r["mention_id"]: r["article_id"] for r in mentions.rows} if mentions else {}
    all_passages = {}
    for article_id, article in articles.items():
        all_passages[article_id] = {text.passage_key(p.text) for p in article.passages}
        for offset in article.unpaired:
            report.warnings.append(
                Problem(
                    f"articles/{article.file}",
                    text.line_of(offset, article.text),
                    None,
                    None,
                    "an even number of double quotation marks in this paragraph (passages here may be paired wrongly; check by hand)",
                )
            )
    if exclusions:
        name = exclusions.resource.path
        for index, row in enumerate(exclusions.rows):
            line = exclusions.where(index)
            key = text.passage_key(row["passage"])
            if row["article_id"] in all_passages and key not in all_passages[row["article_id"]]:
                report.add(
                    name,
                    line,
                    "passage",
                    row["passage"],
                    f"the words inside one pair of quotation marks in the body of {row['article_id']}",
                )
            if key in excluded[row["article_id"]]:
                report.add(
                    name, line, "passage", row["passage"], "each passage listed once per article"
                )
            excluded[row["article_id"]].add(key)
            if row["reason"] == "repeat" and not row["mention_id"]:
                report.add(
                    name,
                    line,
                    "mention_id",
                    "",
                    "the mention this passage repeats (reason is 'repeat')",
                )
            if row["mention_id"] and row["reason"] != "repeat":
                report.add(
                    name,
                    line,
                    "reason",
                    row["reason"],
                    "repeat (a mention_id is given) or no mention_id",
                )
            target = mention_articles.get(row["mention_id"])
            if target and target != row["article_id"]:
                report.add(
                    name,
                    line,
                    "mention_id",
                    row["mention_id"],
                    f"a mention in the same article ({row['article_id']}), not {target}",
                )
    for article_id, article in articles.items():
        for passage in article.passages:
            report.checked_passages += 1
            if text.within(passage.span, spans.get(article_id, [])):
                continue
            if text.passage_key(passage.text) in excluded[article_id]:
                continue
            report.add(
                f"articles/{article.file}",
                text.line_of(passage.span.start, article.text),
                None,
                passage.text,
                f"a mention whose quote covers this quoted passage (mentions.csv), or a row for it in quote_exclusions.csv with a reason (article {article_id})",
            )


# --- the whole package -------------------------------------------------------------------


def validate(data_dir: Path | None = None) -> Report:
    """Validate the data folder ``data_dir`` (default: the configured data folder) against
    the project's schema. Reads only regular files inside the folder; writes nothing."""
    data_dir = Path(data_dir) if data_dir else config.data_dir()
    report = Report(data_dir)
    try:
        schema = resources()
    except SchemaError as error:  # the project's own descriptor: a broken checkout
        report.add(config.DESCRIPTOR, None, None, None, f"a readable descriptor ({error})")
        return report
    descriptor.check(data_dir, report)
    tables: dict[str, Table] = {}
    for name, resource in schema.items():
        table = read_table(data_dir, resource, report)
        if table is not None:
            tables[name] = table
            report.counts[name] = len(table.rows)
            check_cells(table, report)
    if len(tables) == len(schema):
        check_schema(tables, report)
    get = tables.get
    articles = check_articles(data_dir, get("articles"), report) if get("articles") else {}
    if get("speakers"):
        all_read = (
            bool(articles) and len(articles) == len(get("articles").rows)
            if get("articles")
            else False
        )
        check_speakers(get("speakers"), articles, all_read, report)
    if get("statements"):
        check_statements(get("statements"), report)
        _check_mentioned(get("statements"), get("mentions"), report)
    if get("responses"):
        check_responses(get("responses"), get("statements"), report)
    spans = {}
    if get("mentions"):
        spans = check_mentions(
            get("mentions"), get("statements"), get("speakers"), articles, report
        )
    if get("lexicon"):
        check_lexicon(get("lexicon"), report)
    check_borders(data_dir, report)
    if get("mentions") or get("quote_exclusions"):
        check_coverage(get("quote_exclusions"), get("mentions"), articles, spans, report)
    if articles and len(articles) == len(get("articles").rows):
        check_quoted_words(tables, articles, report)
    if get("distortions"):
        check_distortions(get("distortions"), get("mentions"), articles, report)
    if get("context"):
        check_context(get("context"), tables, report)
    if get("adjudication"):
        check_adjudication(data_dir, tables, report)
    _cells_to_fill(data_dir, tables, report)
    _one_problem_per_cell(report)
    return report


# Columns that explain a coding with the articles' words: every passage they quote in single
# quotation marks must be printed in one of the articles (codebook D1, R1, X1).
QUOTING_COLUMNS = {
    "articles": ["published_basis"],
    "statements": ["date_basis"],
    "responses": ["basis"],
    "distortions": ["evidence"],
    "adjudication": ["reason"],
}
_QUOTED = re.compile(r"(?:^|(?<=[\s(]))'(.+?)'(?=[\s;:,.)]|$)")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")


def quoted_fragments(value: str) -> list[str]:
    """The words a basis quotes: each passage in single quotation marks, split at ellipses
    ('...'), which stand for words left out."""
    pieces = []
    for passage in _QUOTED.findall(value):
        pieces += [p for p in _ELLIPSIS.split(passage) if p.strip()]
    return pieces


def check_quoted_words(tables: dict[str, Table], articles: dict[str, Article], report: Report):
    """Every passage a basis, reason or evidence quotes is printed in one of the articles."""
    corpus = "\n".join(a.normalised for a in articles.values())
    for resource, columns in QUOTING_COLUMNS.items():
        table = tables.get(resource)
        if table is None:
            continue
        for index, row in enumerate(table.rows):
            for column in columns:
                for fragment in quoted_fragments(row.get(column, "")):
                    if text.normalise(fragment) not in corpus:
                        report.add(
                            table.resource.path,
                            table.where(index),
                            column,
                            fragment,
                            "words printed in one of the articles (a passage quoted in single "
                            "quotation marks must be verbatim; '...' marks words left out)",
                        )


def check_distortions(
    table: Table, mentions: Table | None, articles: dict[str, Article], report: Report
) -> None:
    """Both passages are printed in their article bodies, and the source article reports
    the statement (codebook X1)."""
    name = table.resource.path
    reported = {(r["statement_id"], r["article_id"]) for r in mentions.rows} if mentions else set()
    for index, row in enumerate(table.rows):
        line = table.where(index)
        for article_column, passage_column in (
            ("article_id", "passage"),
            ("source_article_id", "source_passage"),
        ):
            article = articles.get(row[article_column])
            if article is None:
                continue  # unknown article: reported by the foreign-key check
            span = text.locate(row[passage_column], article.text)
            if span is None:
                report.add(
                    name,
                    line,
                    passage_column,
                    row[passage_column],
                    _not_found(row[passage_column], article.text, article.file),
                )
            elif not text.within(span, article.body):
                report.add(
                    name,
                    line,
                    passage_column,
                    row[passage_column],
                    f"a passage of the article body of {article.article_id}",
                )
        if mentions and (row["statement_id"], row["source_article_id"]) not in reported:
            report.add(
                name,
                line,
                "source_article_id",
                row["source_article_id"],
                f"an article that reports {row['statement_id']} (a mention in mentions.csv)",
            )


def check_context(table: Table, tables: dict[str, Table], report: Report) -> None:
    """Each outside fact names a table, one of its records and one of its columns (K1)."""
    name = table.resource.path
    for index, row in enumerate(table.rows):
        line = table.where(index)
        target = tables.get(row["resource"])
        if target is None and row["resource"] in resources():
            continue  # the table could not be read: reported already
        if target is None:
            report.add(
                name,
                line,
                "resource",
                row["resource"],
                "a table of this data package: " + ", ".join(tables),
            )
            continue
        key = target.resource.primary_key
        if len(key) == 1 and row["record"] not in {r[key[0]] for r in target.rows}:
            report.add(name, line, "record", row["record"], f"a {key[0]} in {target.resource.path}")
        if row["field"] not in target.resource.field_names:
            report.add(name, line, "field", row["field"], f"a column of {target.resource.path}")


def _codebook_rules(data_dir: Path) -> set[str] | None:
    """The numbered rules (``**C2.**``) of the data folder's CODEBOOK.md, if it has one."""
    try:  # confined and capped like every data file: a link out or a FIFO is not read
        raw = safe_files.read_bytes(data_dir, "CODEBOOK.md", safe_files.MAX_DESCRIPTOR_BYTES)
        content = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError, safe_files.Refused):
        return None
    return set(re.findall(r"\*\*([A-Z][0-9]+)\.", content))


def check_adjudication(data_dir: Path, tables: dict[str, Table], report: Report) -> None:
    """The frozen codings cover the same statements; each adjudicated disagreement matches
    them, adopts an allowed code that statements.csv now holds, and cites a codebook rule."""
    table = tables["adjudication"]
    first, second = tables.get("first_coding"), tables.get("second_coding")
    statements = tables.get("statements")
    if first is None or second is None:
        return
    codes = {r["statement_id"]: r for r in first.rows}, {r["statement_id"]: r for r in second.rows}
    current = {r["statement_id"]: r for r in statements.rows} if statements else {}
    allowed = {}
    if statements:
        for variable in table.resource.field("variable").enum:
            allowed[variable] = statements.resource.field(variable).enum
    rules = _codebook_rules(data_dir)
    name = table.resource.path
    adjudicated = set()
    for index, row in enumerate(table.rows):
        line = table.where(index)
        sid, variable = row["statement_id"], row["variable"]
        adjudicated.add((sid, variable))
        if sid not in codes[0] or sid not in codes[1] or variable not in allowed:
            continue
        for column, coding in (("first", codes[0]), ("second", codes[1])):
            if row[column] != coding[sid][variable]:
                report.add(
                    name,
                    line,
                    column,
                    row[column],
                    f"{coding[sid][variable]}, the {column} coding's {variable} for {sid}",
                )
        if row["adjudicated"] not in allowed[variable]:
            report.add(
                name,
                line,
                "adjudicated",
                row["adjudicated"],
                "one of " + ", ".join(allowed[variable]),
            )
        elif sid in current and current[sid][variable] != row["adjudicated"]:
            report.add(
                name,
                line,
                "adjudicated",
                row["adjudicated"],
                f"{current[sid][variable]}, the value statements.csv holds for {sid} (or "
                "correct statements.csv)",
            )
        if rules is not None and row["rule"] not in rules:
            report.add(name, line, "rule", row["rule"], "a rule numbered in CODEBOOK.md (e.g. C2)")
    for index, row in enumerate(first.rows):
        other = codes[1].get(row["statement_id"])
        if other is None:
            report.add(
                first.resource.path,
                first.where(index),
                "statement_id",
                row["statement_id"],
                f"a statement also coded in {second.resource.path}",
            )
            continue
        for variable in allowed:
            unsettled = (row["statement_id"], variable) not in adjudicated
            if row[variable] != other[variable] and unsettled:
                report.add(
                    first.resource.path,
                    first.where(index),
                    variable,
                    row[variable],
                    f"a row in {name} adjudicating the second coder's {other[variable]!r} "
                    f"for {row['statement_id']}",
                )


def check_borders(data_dir: Path, report: Report) -> None:
    """A folder's own borders file (optional: the map falls back to the project's) must be
    safe to read and hold country polygons with codes from the one list of codes."""
    name = geo.BORDERS_FILE
    if not os.path.lexists(data_dir / name):
        return
    try:
        countries = geo.parse_borders(
            safe_files.read_bytes(data_dir, name, safe_files.MAX_BORDERS_BYTES)
        )
    except safe_files.Refused as refused:
        report.add(name, None, None, None, str(refused))
        return
    except json.JSONDecodeError as error:
        report.add(name, error.lineno, None, None, f"valid JSON ({error.msg})", char=error.colno)
        return
    except (ValueError, KeyError, TypeError, IndexError, RecursionError) as error:
        report.add(
            name,
            1,
            None,
            None,
            f"a GeoJSON FeatureCollection of country polygons like the project's "
            f"({type(error).__name__}: {error})",
        )
        return
    for code in sorted(set(countries) - geo.country_codes()):
        report.add(name, 1, None, code, "features whose iso_a2 is a known country code")


def _codebook_section(data_dir: Path, column: str, table_file: str) -> str:
    """The heading of the codebook section that explains ``column`` (for messages)."""
    try:  # confined and capped like every data file: a link out or a FIFO is not read
        raw = safe_files.read_bytes(data_dir, "CODEBOOK.md", safe_files.MAX_DESCRIPTOR_BYTES)
        lines = raw.decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError, safe_files.Refused):
        return table_file
    parent, heading = None, None
    for line in lines:
        if line.startswith("#"):
            heading = line.lstrip("# ").strip()
            if not line.startswith("###"):
                parent = heading  # a subsection ('### Dates') belongs to its table's section
        elif f"`{column}`" in line and parent == table_file:
            return heading
    return table_file


def _cells_to_fill(data_dir: Path, tables: dict[str, Table], report: Report) -> None:
    """Cells still marked TO FILL (left by `make add-article`): one problem each, saying what
    the column holds and where the codebook explains it; other complaints about them go."""
    marked = set()
    for table in tables.values():
        for index, row in enumerate(table.rows):
            for column, value in row.items():
                if value.strip() != TO_FILL:
                    continue
                line = table.where(index)
                marked.add((table.resource.path, line, column))
                field_ = table.resource.field(column)
                section = _codebook_section(data_dir, column, table.resource.path)
                rule = "required" if field_.required else "optional: fill it or leave it empty"
                report.add(
                    table.resource.path,
                    line,
                    column,
                    value,
                    f"the curator's value ({rule}): {field_.description} "
                    f"Read CODEBOOK.md, section '{section}'",
                )
    if marked:
        report.problems = [
            p
            for p in report.problems
            if (p.file, p.line, p.column) not in marked
            or p.expected.startswith("the curator's value")
        ]


def _one_problem_per_cell(report: Report) -> None:
    """Drop the generic 'this column is required' where a cell has a more specific message."""
    specific = {
        (p.file, p.line, p.column)
        for p in report.problems
        if p.column and not p.expected.startswith("a value (this column is required)")
    }
    report.problems = [
        p
        for p in report.problems
        if not (
            p.expected.startswith("a value (this column is required)")
            and (p.file, p.line, p.column) in specific
        )
    ]


def check_lexicon(table: Table, report: Report) -> None:
    """Every pattern is safe to run (``boots.data.patterns``: RE2, restricted syntax, never
    matching empty text)."""
    for index, row in enumerate(table.rows):
        if not row["pattern"]:
            continue  # a missing required value, reported by the schema layer
        reason = patterns.check(row["pattern"])
        if reason:
            report.add(table.resource.path, table.where(index), "pattern", row["pattern"], reason)


def _check_mentioned(statements: Table, mentions: Table | None, report: Report) -> None:
    if mentions is None:
        return
    reported = {row["statement_id"] for row in mentions.rows}
    for index, row in enumerate(statements.rows):
        if row["statement_id"] not in reported:
            report.add(
                statements.resource.path,
                statements.where(index),
                "statement_id",
                row["statement_id"],
                "at least one mention in mentions.csv (every statement must be traceable to an article)",
            )


def problems_table(report: Report):
    """The report's problems as a DataFrame (one row per problem), for notebooks."""
    import pandas as pd

    columns = ["file", "line", "column", "value", "expected"]
    rows = [[p.file, p.line, p.column, p.value, p.expected] for p in report.problems]
    return pd.DataFrame(rows, columns=columns)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in {"-h", "--help"}):
        print("usage: python -m boots.data.validate [DATA_DIR]", file=sys.stderr)
        return 2
    try:
        data_dir = Path(args[0]).resolve() if args else config.data_dir()
        is_folder = data_dir.is_dir()
    except (OSError, ValueError):  # a NUL byte or an unreadable name
        data_dir, is_folder = Path(args[0]), False
    if not is_folder:
        print(printable(f"{str(data_dir)!r}: not a folder"), file=sys.stderr)
        return 2
    try:
        return print_report(validate(data_dir))
    except KeyboardInterrupt:
        print("validation interrupted; nothing was changed", file=sys.stderr)
        return 130


def print_report(report: Report) -> int:
    """Print warnings, problems and the summary; return the command's exit status."""
    for warning in report.warnings:
        print(f"warning: {warning}")
    for problem in report.problems:
        print(problem)
    print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
