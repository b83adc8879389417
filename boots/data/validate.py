"""Validate the whole data package at once and report every problem.

Each problem names the file, the line of the CSV, the column, the bad value and what was
expected. Validation reads files and never writes them.

Three layers, each run only where the layer before found the file sound:

1. structure: the file exists, is UTF-8 (a byte-order mark is accepted), parses as CSV with
   one record per line, and has exactly the schema's columns in the schema's order;
2. schema: types, required values, allowed values, patterns, unique and foreign keys,
   checked by frictionless against ``datapackage.json``;
3. evidence: article files match their SHA-256, country and language codes exist, dates are
   consistent, every quote is found in its article (with the closest passage when it is
   not), and every passage inside quotation marks is a mention or an exclusion.

Run it as ``python -m boots.data.validate [DATA_DIR]`` (``make validate``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from boots import skip_iri_grammar
from boots.data import text
from boots.data.schema import TO_FILL, Resource, SchemaError, resources
from boots.util import config
from boots.util.words import counted

MAX_SHOWN = 120


def _show(value: str) -> str:
    value = value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 1] + "…"
    return repr(value)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as the data allows."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        column = f" column '{self.column}':" if self.column else ""
        value = f" got {_show(self.value)};" if self.value is not None else ""
        return f"{where}:{column}{value} expected {self.expected}"


@dataclass
class Table:
    """A CSV file read as text: one dict per record, with its line number."""

    resource: Resource
    rows: list[dict[str, str]]
    lines: list[int]

    def where(self, index: int) -> int:
        return self.lines[index]


@dataclass
class Report:
    data_dir: Path
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    checked_quotes: int = 0
    checked_passages: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, file: str, line: int | None, column: str | None, value, expected: str) -> None:
        self.problems.append(
            Problem(file, line, column, None if value is None else str(value), expected)
        )

    def summary(self) -> str:
        tables = ", ".join(_counted_rows(n, name) for name, n in self.counts.items())
        verdict = "valid" if self.ok else counted(len(self.problems), "problem")
        try:
            shown = self.data_dir.resolve().relative_to(config.ROOT).as_posix()
        except ValueError:
            shown = str(self.data_dir)
        quotes = counted(self.checked_quotes, "quote")
        passages = counted(self.checked_passages, "quoted passage")
        return (
            f"{shown}: {verdict}; {tables}; {quotes} found in their articles; "
            f"{passages} accounted for"
        )


def _counted_rows(n: int, table: str) -> str:
    """'1 article', '5 articles', '19 lexicon': a table's row count in its own noun."""
    singular = table[:-1] if table.endswith("s") else table
    return counted(n, singular, table)


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


def read_table(data_dir: Path, resource: Resource, report: Report) -> Table | None:
    """Read one CSV as text; report structural problems and return None if there are any."""
    name = resource.path
    path = data_dir / resource.path
    before = len(report.problems)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        report.add(name, None, None, None, "the file to exist (datapackage.json lists it)")
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
    return Table(resource, rows, lines[1:])


# --- layer 2: schema (frictionless) ------------------------------------------------------


def check_schema(data_dir: Path, tables: dict[str, Table], report: Report) -> None:
    """Types, constraints and keys, as frictionless checks them against the descriptor."""
    skip_iri_grammar()
    from frictionless import Package, system

    descriptor_path = data_dir / config.DESCRIPTOR
    with system.use_context(trusted=True):
        package = Package(str(descriptor_path))
        result = package.validate()
    by_name = {res.name: res for res in resources(data_dir).values()}
    for task in result.tasks:
        resource = by_name.get(task.name)
        table = tables.get(task.name)
        if resource is None or table is None:
            continue
        for error in task.errors:
            _report_frictionless_error(error, resource, table, report)


def _report_frictionless_error(error, resource: Resource, table: Table, report: Report) -> None:
    row_number = getattr(error, "row_number", None)
    line = table.where(row_number - 2) if row_number and row_number >= 2 else None
    field_name = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    kind = error.type
    if kind == "primary-key" and len(resource.primary_key) == 1:
        return  # already reported as a unique-error or a missing required value
    if kind == "foreign-key":
        names = getattr(error, "field_names", None) or []
        for fk in resource.foreign_keys:
            if fk["fields"] == names:
                target = fk["reference"]["resource"] or resource.name
                wanted = ", ".join(fk["reference"]["fields"])
                break
        else:
            target, wanted = "?", "?"
        values = table.rows[row_number - 2] if row_number else {}
        for name in names:
            target_file = f"{target}.csv"
            report.add(
                resource.path,
                line,
                name,
                values.get(name),
                f"a value that exists in column '{wanted}' of {target_file}",
            )
        return
    field = resource.field(field_name) if field_name in resource.field_names else None
    if kind == "constraint-error" and field and "required" in error.note:
        expected = "a value (this column is required)"
        cell = ""
    elif kind == "unique-error" and field:
        expected = f"a value not used on an earlier row ({error.note}; the column is unique)"
    elif field is not None:
        expected = field.expectation()
    else:
        expected = error.note or error.message
    report.add(resource.path, line, field_name or None, cell, expected)


# --- layer 3: evidence ----------------------------------------------------------------------


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@dataclass
class Article:
    article_id: str
    file: str
    text: str
    body: list[text.Span]
    published: dt.date | None
    passages: list[text.QuotedPassage] = field(default_factory=list)
    unpaired: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.passages, self.unpaired = text.quoted_passages(self.text, self.body)
        self.normalised = text.normalise(self.text)


_COUNTRY_HINTS = {"UK": "GB", "EL": "GR", "EN": "GB"}


def check_articles(data_dir: Path, table: Table, report: Report) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    folder = data_dir / config.ARTICLES_SUBDIR
    name = table.resource.path
    for index, row in enumerate(table.rows):
        line = table.where(index)
        path = folder / row["file"]
        try:
            raw = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            report.add(name, line, "file", row["file"], f"a file of that name in {folder}")
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
        articles[row["article_id"]] = Article(
            row["article_id"], row["file"], content, body, _date(row["published"])
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
        if code and pycountry.countries.get(alpha_2=code) is None:
            hint = (
                f" ({code} is not one: use {_COUNTRY_HINTS[code]})"
                if code in _COUNTRY_HINTS
                else ""
            )
            report.add(name, line, "country", code, f"an ISO 3166-1 alpha-2 country code{hint}")
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
    name = table.resource.path
    by_id = {row["statement_id"]: row for row in table.rows}
    for index, row in enumerate(table.rows):
        line = table.where(index)
        date, earliest = _date(row["date"]), _date(row["date_earliest"])
        precision = row["date_precision"]
        if precision == "day" and row["date_earliest"] != row["date"]:
            report.add(
                name,
                line,
                "date_earliest",
                row["date_earliest"],
                f"{row['date']} (the same as date, for precision 'day')",
            )
        elif precision == "range" and date and (earliest is None or earliest >= date):
            report.add(
                name,
                line,
                "date_earliest",
                row["date_earliest"],
                f"a date before {row['date']} (for precision 'range')",
            )
        elif precision == "before" and row["date_earliest"]:
            report.add(
                name,
                line,
                "date_earliest",
                row["date_earliest"],
                "no value (precision 'before' has no earlier bound)",
            )
        target = row["responds_to"]
        if target and target == row["statement_id"]:
            report.add(name, line, "responds_to", target, "another statement's id (not its own)")
        elif target in by_id and date:
            target_start = _date(by_id[target]["date_earliest"] or by_id[target]["date"])
            if target_start and target_start > date:
                report.add(
                    name,
                    line,
                    "responds_to",
                    target,
                    f"a statement made on or before {row['date']}",
                )
        if bool(target) != bool(row["responds_to_basis"]):
            missing = "responds_to_basis" if target else "responds_to"
            report.add(
                name,
                line,
                missing,
                row[missing],
                "a value whenever the other of responds_to / responds_to_basis has one",
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
        window = text.normalise(article.text[max(0, span.start - 400) : span.end + 400]).lower()
        if row["verb"] and text.normalise(row["verb"]).lower() not in window:
            report.add(
                name, line, "verb", row["verb"], "a word printed within 400 characters of the quote"
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
        earliest = _date(statement["date_earliest"] or statement["date"]) if statement else None
        if statement and statement["date_precision"] == "before":
            earliest = None
        if earliest and article.published and earliest > article.published:
            report.add(
                "statements.csv",
                statement_line[row["statement_id"]],
                "date",
                statement["date"],
                f"a date no later than {article.published} (when {row['article_id']} was published, reporting it)",
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


def passage_key(passage: str) -> str:
    """How exclusions match passages: normalised, without edge punctuation."""
    return text.normalise(passage).strip(",;:. ")


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
        all_passages[article_id] = {passage_key(p.text) for p in article.passages}
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
            key = passage_key(row["passage"])
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
            if passage_key(passage.text) in excluded[article_id]:
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
    """Validate the data package in ``data_dir`` (default: the configured data folder)."""
    data_dir = Path(data_dir) if data_dir else config.data_dir()
    report = Report(data_dir)
    try:
        schema = resources(data_dir)
    except SchemaError as error:
        report.add(config.DESCRIPTOR, None, None, None, f"a readable descriptor ({error})")
        return report
    tables: dict[str, Table] = {}
    for name, resource in schema.items():
        table = read_table(data_dir, resource, report)
        if table is not None:
            tables[name] = table
            report.counts[name] = len(table.rows)
    if len(tables) == len(schema):
        check_schema(data_dir, tables, report)
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
    spans = {}
    if get("mentions"):
        spans = check_mentions(
            get("mentions"), get("statements"), get("speakers"), articles, report
        )
    if get("lexicon"):
        check_lexicon(get("lexicon"), report)
    if get("mentions") or get("quote_exclusions"):
        check_coverage(get("quote_exclusions"), get("mentions"), articles, spans, report)
    _cells_to_fill(data_dir, tables, report)
    _one_problem_per_cell(report)
    return report


def _codebook_section(data_dir: Path, column: str, table_file: str) -> str:
    """The heading of the codebook section that explains ``column`` (for messages)."""
    try:
        lines = (data_dir / "CODEBOOK.md").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
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
    """Every pattern compiles and cannot match empty text."""
    import re

    for index, row in enumerate(table.rows):
        try:
            compiled = re.compile(row["pattern"], re.IGNORECASE)
        except re.error as error:
            report.add(
                table.resource.path,
                table.where(index),
                "pattern",
                row["pattern"],
                f"a valid regular expression ({error})",
            )
            continue
        if compiled.fullmatch(""):
            report.add(
                table.resource.path,
                table.where(index),
                "pattern",
                row["pattern"],
                "a pattern that cannot match empty text",
            )


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
    data_dir = Path(args[0]).resolve() if args else config.data_dir()
    if not data_dir.is_dir():
        print(f"{data_dir}: not a folder", file=sys.stderr)
        return 2
    return print_report(validate(data_dir))


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
