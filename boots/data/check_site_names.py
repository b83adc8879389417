"""Validation of the identifiers the site turns into page names and anchors.

The site keeps an identifier only if it survives as what it becomes:

* a **statement_id** is the anchor of its entry (``statements.html#<id>``), made by docutils'
  ``make_id``, which drops leading digits and hyphens and merges repeated hyphens
  (``1-fico-not-planning`` and ``fico--not-planning`` both become ``fico-not-planning``); so
  an id must be its own ``make_id``, or every link to it would be dead;
* a **mention_id** or **exclusion_id** is an anchor on its article's page, beside the line
  anchors ``line-<n>``: it may not have that form, and a mention and an exclusion may not
  share an id;
* an **article_id** names its page, ``articles/<id>.html``, so it may not be a name Sphinx
  or the site already uses (``index``, ``genindex``, ``search``, ...).

Each problem names the table's row and column.
"""

from __future__ import annotations

import re

from docutils.nodes import make_id

from boots.data.check_structure import Table
from boots.data.problems import Report

RESERVED_PAGES = frozenset({"index", "genindex", "search", "searchindex", "py-modindex", "objects"})
LINE_ANCHOR = re.compile(r"line-[0-9]+")


def check_site_names(tables: dict[str, Table], report: Report) -> None:
    statements = tables.get("statements")
    if statements:
        for index, row in enumerate(statements.rows):
            value = row["statement_id"]
            if value and make_id(value) != value:
                report.add(
                    statements.resource.path,
                    statements.where(index),
                    "statement_id",
                    value,
                    f"an id the site keeps as its anchor: starting with a letter, without "
                    f"'--' or a final '-' (the page would link it as {make_id(value)!r})",
                )
    articles = tables.get("articles")
    if articles:
        for index, row in enumerate(articles.rows):
            if row["article_id"] in RESERVED_PAGES:
                report.add(
                    articles.resource.path,
                    articles.where(index),
                    "article_id",
                    row["article_id"],
                    "an id that is not one of the site's own page names "
                    f"({', '.join(sorted(RESERVED_PAGES))})",
                )
    seen: dict[str, str] = {}
    for name, column in (("mentions", "mention_id"), ("quote_exclusions", "exclusion_id")):
        table = tables.get(name)
        if not table:
            continue
        for index, row in enumerate(table.rows):
            value = row[column]
            if LINE_ANCHOR.fullmatch(value):
                report.add(
                    table.resource.path,
                    table.where(index),
                    column,
                    value,
                    "an id not of the form line-<number> (the article page's line anchors)",
                )
            elif value in seen and seen[value] != name:
                report.add(
                    table.resource.path,
                    table.where(index),
                    column,
                    value,
                    f"an id no mention or exclusion already has (the article page's anchors; "
                    f"{seen[value]} has it)",
                )
            seen.setdefault(value, name)
