"""Validation of the curators' records about the coding: distortions, outside facts, the
adjudication of the reliability codings, and the cells a curator still has to fill.
"""

from __future__ import annotations

import re
from pathlib import Path

from boots.data import safe_files, text
from boots.data.check_articles import Article, not_found
from boots.data.check_structure import Table
from boots.data.folder import CODEBOOK
from boots.data.problems import Report
from boots.data.schema import TO_FILL, resources


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
                    not_found(row[passage_column], article.text, article.file),
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


def _codebook_rules(data_dir: Path, report: Report) -> set[str] | None:
    """The numbered rules (``**C2.**``) of the data folder's CODEBOOK.md, if it has one. One
    that is there but cannot be read (a link out, a FIFO, not UTF-8) is reported: taken as
    absent, it would turn off the check that adjudications cite its rules."""
    try:  # confined and capped like every data file: a link out or a FIFO is not read
        raw = safe_files.read_bytes(data_dir, CODEBOOK, safe_files.MAX_DESCRIPTOR_BYTES)
    except FileNotFoundError:
        return None
    except safe_files.Refused as refused:
        report.add(CODEBOOK, None, None, None, str(refused))
        return None
    except OSError as error:
        report.add(CODEBOOK, None, None, None, f"a readable file ({error.strerror})")
        return None
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        report.add(CODEBOOK, line, None, f"bytes {raw[error.start : error.end]!r}", "UTF-8 text")
        return None
    return set(re.findall(r"\*\*([A-Z][0-9]+)\.", content))


def _recorded_removals(data_dir: Path) -> set[str]:
    """Statements CHANGES.md records as removed: a table row ``| `id` | removed ...``."""
    try:  # confined and capped like every data file
        raw = safe_files.read_bytes(data_dir, "CHANGES.md", safe_files.MAX_DESCRIPTOR_BYTES)
        content = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError, safe_files.Refused):
        return set()
    return set(re.findall(r"^\|\s*`([^`|]+)`\s*\|\s*removed\b", content, flags=re.MULTILINE))


def check_coded_statements(data_dir: Path, tables: dict[str, Table], report: Report) -> None:
    """Every row of the frozen codings (reliability/) is about a statement of statements.csv,
    or one whose removal data/CHANGES.md records (the codings are frozen as they were coded)."""
    statements = tables.get("statements")
    if statements is None:
        return
    known = {r["statement_id"] for r in statements.rows}
    removed = _recorded_removals(data_dir)
    for resource in ("first_coding", "second_coding", "adjudication"):
        table = tables.get(resource)
        if table is None:
            continue
        for index, row in enumerate(table.rows):
            sid = row["statement_id"]
            if sid not in known and sid not in removed:
                report.add(
                    table.resource.path,
                    table.where(index),
                    "statement_id",
                    sid,
                    "a statement_id of statements.csv (or one CHANGES.md records as removed)",
                )


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
    rules = _codebook_rules(data_dir, report)
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


def _codebook_section(data_dir: Path, column: str, table_file: str) -> str:
    """The heading of the codebook section that explains ``column`` (for messages)."""
    try:  # confined and capped like every data file: a link out or a FIFO is not read
        raw = safe_files.read_bytes(data_dir, CODEBOOK, safe_files.MAX_DESCRIPTOR_BYTES)
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


def check_cells_to_fill(data_dir: Path, tables: dict[str, Table], report: Report) -> None:
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


def one_problem_per_cell(report: Report) -> None:
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
