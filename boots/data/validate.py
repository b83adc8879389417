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
   their SHA-256, hold no control character but the line break and the tab, no Unicode line
   separator and no bidirectional override, and stay under caps on lines and line length, country and language codes exist, dates are consistent, every quote is
   found in its article (with the closest passage when it is not), every passage inside
   quotation marks is a mention or an exclusion, and every lexicon pattern is safe
   (``boots.data.patterns``).

The layers live in ``check_structure`` (1-3), ``check_articles`` (4),
``check_curation`` (the curators' records) and ``check_rules`` (coding rules checked against
the articles: venues, linking words, distortion sources); ``check_site_names`` checks that
every id survives as the page name or anchor the site makes of it. Run it as
``python -m boots.data.validate [DATA_DIR]`` (``make validate``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from boots.data import descriptor
from boots.data.check_articles import (
    check_articles,
    check_borders,
    check_coverage,
    check_lexicon,
    check_lookalike_names,
    check_mentioned,
    check_mentions,
    check_quoted_words,
    check_responses,
    check_speakers,
    check_statements,
)
from boots.data.check_curation import (
    check_adjudication,
    check_cells_to_fill,
    check_coded_statements,
    check_context,
    check_distortions,
    one_problem_per_cell,
)
from boots.data.check_rules import (
    check_distortion_sources,
    check_inferred_links,
    check_response_bases,
    check_venues,
)
from boots.data.check_site_names import check_site_names
from boots.data.check_structure import Table, check_cells, check_schema, read_table
from boots.data.problems import Problem, Report, printable
from boots.data.schema import SchemaError, resources
from boots.util import config

__all__ = ["Problem", "Report", "Table", "main", "print_report", "validate"]


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
    check_site_names(tables, report)
    get = tables.get
    articles = check_articles(data_dir, get("articles"), report) if get("articles") else {}
    if get("speakers"):
        all_read = (
            bool(articles) and len(articles) == len(get("articles").rows)
            if get("articles")
            else False
        )
        check_speakers(get("speakers"), articles, all_read, report)
        check_lookalike_names(get("speakers"), report)
    if get("statements"):
        check_statements(get("statements"), report)
        check_mentioned(get("statements"), get("mentions"), report)
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
        check_distortion_sources(get("distortions"), get("mentions"), report)
    if get("statements") and articles:
        check_venues(get("statements"), get("mentions"), articles, report)
    if get("responses") and articles:
        check_response_bases(get("responses"), get("mentions"), articles, report)
    if get("statements") and get("responses"):
        check_inferred_links(get("statements"), get("responses"), report)
    if get("context"):
        check_context(get("context"), tables, report)
    if get("adjudication"):
        check_adjudication(data_dir, tables, report)
    check_coded_statements(data_dir, tables, report)
    check_cells_to_fill(data_dir, tables, report)
    one_problem_per_cell(report)
    return report


def problems_table(report: Report):
    """The report's problems as a DataFrame (one row per problem), for notebooks."""
    import pandas as pd

    columns = ["file", "line", "column", "value", "expected"]
    rows = [[p.file, p.line, p.column, p.value, p.expected] for p in report.problems]
    return pd.DataFrame(rows, columns=columns)


def rows_checked(report: Report):
    """How many rows of each table validation checked, for readers: each table by its title
    in the schema ("Source articles", "Reliability: first coding"), never its file name."""
    import pandas as pd

    titles = {name: res.title for name, res in resources().items()}
    return pd.DataFrame(
        {
            "table": [titles.get(name, name.replace("_", " ")) for name in report.counts],
            "rows checked": list(report.counts.values()),
        }
    )


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
