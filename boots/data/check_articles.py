"""Validation layer 4: the tables against the article texts.

Article files (confined like the tables; a refused one is never read) match their SHA-256,
country and language codes exist, dates are consistent, every quote is found in its article
(with the closest passage when it is not), every passage inside quotation marks is a mention
or an exclusion, every passage a basis quotes is printed, and every lexicon pattern is safe
(``boots.data.patterns``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

from boots.data import cells, geo, patterns, safe_files, text
from boots.data.check_structure import Table
from boots.data.problems import Problem, Report
from boots.util import config


def parse_date(value: str) -> dt.date | None:
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
# An article's text is data shown line by line: a line break is "\n" only; a tab is kept
# (shown as a space); any other control character, the Unicode line and paragraph
# separators and the bidirectional overrides (which reorder what a reader sees) are refused.
_TEXT_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Caps on an article's shape, far above real articles (the five: at most 56 lines of at
# most 332 characters), so one file cannot make a page of millions of lines.
MAX_ARTICLE_LINES = 5000
MAX_LINE_CHARS = 20000


def check_text(file: str, content: str, report: Report) -> bool:
    """Whether ``content`` (the article file ``file``) is fit to show; each fault is
    reported at its line and character."""
    bad = _TEXT_FORBIDDEN.search(content)
    if bad:
        line = content.count("\n", 0, bad.start()) + 1
        char = bad.start() - (content.rfind("\n", 0, bad.start()) + 1) + 1
        hint = " (save the file with LF line endings)" if bad.group() == "\r" else ""
        report.add(
            file,
            line,
            None,
            None,
            f"article text without {cells.describe(bad.group())}{hint}",
            char,
        )
        return False
    lines = content.split("\n")
    if len(lines) > MAX_ARTICLE_LINES:
        report.add(
            file,
            None,
            None,
            None,
            f"at most {MAX_ARTICLE_LINES} lines (this file has {len(lines)})",
        )
        return False
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS:
            report.add(
                file,
                number,
                None,
                None,
                f"lines of at most {MAX_LINE_CHARS} characters (this one has {len(line)})",
            )
            return False
    return True


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
        if not check_text(f"{config.ARTICLES_SUBDIR}/{row['file']}", content, report):
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
                report.add(name, line, column, value, not_found(value, content, row["file"]))
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
        earliest, latest = (
            parse_date(row["published_earliest"]),
            parse_date(row["published_latest"]),
        )
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


def not_found(quote: str, content: str, file: str) -> str:
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


def check_lookalike_names(table: Table, report: Report) -> None:
    """Warn when two speakers' names differ only in letters that look alike (Latin ``a`` and
    Cyrillic ``а``): one may be a forged twin of the other."""
    name = table.resource.path
    first: dict[str, tuple[str, int]] = {}
    for index, row in enumerate(table.rows):
        shown, line = row["name"], table.where(index)
        if not shown:
            continue
        twin = first.setdefault(text.skeleton(shown), (shown, line))
        if twin[0] != shown:
            report.warnings.append(
                Problem(
                    name,
                    line,
                    "name",
                    shown,
                    f"a name that does not look like another speaker's: it reads like "
                    f"{twin[0]!r} (line {twin[1]}) but differs in look-alike letters",
                )
            )


def check_statements(table: Table, report: Report) -> None:
    """Each statement's date interval is ordered (codebook D5); either end may be open."""
    name = table.resource.path
    for index, row in enumerate(table.rows):
        earliest, latest = parse_date(row["date_earliest"]), parse_date(row["date_latest"])
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
        latest = parse_date(by_id[source]["date_latest"])
        target_earliest = parse_date(by_id[target]["date_earliest"])
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
                    not_found(row["quote"], article.text, article.file),
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
                not_found(row["printed_speaker"], article.text, article.file),
            )
        named = (
            text.locate(row["printed_speaker"], article.text) if row["printed_speaker"] else None
        )
        if named is not None and named.start > max(span.end, sentence.end):
            report.add(
                name,
                line,
                "printed_speaker",
                row["printed_speaker"],
                "a naming printed in the quote's sentence or before it (codebook P1); the first "
                f"'{row['printed_speaker']}' is on line {text.line_of(named.start, article.text)}, "
                f"after the quote's sentence on line {text.line_of(span.start, article.text)}",
            )
        if row["channel"] and text.normalise(row["channel"]) not in normalised_text:
            report.add(
                name,
                line,
                "channel",
                row["channel"],
                not_found(row["channel"], article.text, article.file),
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
        earliest = parse_date(statement["date_earliest"]) if statement else None
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


def check_mentioned(statements: Table, mentions: Table | None, report: Report) -> None:
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


def check_lexicon(table: Table, report: Report) -> None:
    """Every pattern is safe to run (``boots.data.patterns``: RE2, restricted syntax, never
    matching empty text)."""
    for index, row in enumerate(table.rows):
        if not row["pattern"]:
            continue  # a missing required value, reported by the schema layer
        reason = patterns.check(row["pattern"])
        if reason:
            report.add(table.resource.path, table.where(index), "pattern", row["pattern"], reason)


@lru_cache(maxsize=8)
def _border_codes(raw: bytes) -> frozenset[str]:
    """The country codes of a borders file, parsed in full (``geo.parse_borders``) once per
    content: a folder validated again, or a copy of one, has the same bytes."""
    return frozenset(geo.parse_borders(raw))


def check_borders(data_dir: Path, report: Report) -> None:
    """A folder's own borders file (optional: the map falls back to the project's) must be
    safe to read and hold country polygons with codes from the one list of codes."""
    name = geo.BORDERS_FILE
    if not os.path.lexists(data_dir / name):
        return
    try:
        countries = _border_codes(
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
