"""Validation of the identifiers the site turns into page names and anchors.

The site keeps an identifier only if it survives as what it becomes:

* a **statement_id** is the anchor of its entry (``statements.html#<id>``), made by docutils'
  ``make_id``, which drops leading digits and hyphens and merges repeated hyphens
  (``1-fico-not-planning`` and ``fico--not-planning`` both become ``fico-not-planning``); so
  an id must be its own ``make_id``, or every link to it would be dead;
* a **mention_id** or **exclusion_id** is an anchor on its article's page, beside the line
  anchors ``line-<n>``: it may not have that form, and a mention and an exclusion may not
  share an id;
* no such id may be an anchor its page already has: the theme's own elements
  (``main-content``, ``searchbox``, ids starting ``pst-``, ``bd-``, ``jb-``, ``sbt-``) and
  the page's headings (on an article page, the outlet's name as docutils and MyST make it an anchor,
  ``the-text-as-printed`` and ``quotations-not-counted-as-statements``; on the statements
  page, ``every-statement-and-its-evidence``): the browser would go to the first of the two;
* an **outlet** heads its article's page, so its heading's anchor may not be a line's
  anchor or one of the theme's (``Line 3``, ``Main Content``);
* an **article_id** names its page, ``articles/<id>.html``, so it may not be a name Sphinx
  or the site already uses (``index``, ``genindex``, ``search``, ...).

Each problem names the table's row and column.
"""

from __future__ import annotations

import re

from docutils.nodes import make_id
from myst_parser.slugs import github_slugify

from boots.data.check_structure import Table
from boots.data.problems import Report

RESERVED_PAGES = frozenset({"index", "genindex", "search", "searchindex", "py-modindex", "objects"})
LINE_ANCHOR = re.compile(r"line-[0-9]+")
# The ids sphinx-book-theme (and pydata-sphinx-theme under it) gives its own elements.
THEME_ANCHORS = frozenset(
    {"main-content", "print-main-content", "searchbox", "search-results", "ethical-ad-placement"}
)
THEME_PREFIXES = ("pst-", "bd-", "jb-", "sbt-")
# The anchors of the fixed headings of the pages (``boots.pipeline.pages``; a test checks
# them against the built site).
ARTICLE_HEADINGS = frozenset({"the-text-as-printed", "quotations-not-counted-as-statements"})
STATEMENTS_HEADINGS = frozenset({"every-statement-and-its-evidence"})


def heading_anchors(heading: str) -> set[str]:
    """The anchors a page heading gets: docutils' id and MyST's slug (``myst_heading_anchors``)."""
    return {make_id(heading), github_slugify(heading)} - {""}


def taken_by(value: str, headings: frozenset[str]) -> str | None:
    """What already uses ``value`` as an anchor on the page, or None."""
    if value in THEME_ANCHORS or value.startswith(THEME_PREFIXES):
        return "the site's theme"
    if value in headings:
        return "a heading of the page"
    return None


def check_site_names(tables: dict[str, Table], report: Report) -> None:
    statements = tables.get("statements")
    if statements:
        for index, row in enumerate(statements.rows):
            value = row["statement_id"]
            taken = taken_by(value, STATEMENTS_HEADINGS) if value else None
            if taken:
                report.add(
                    statements.resource.path,
                    statements.where(index),
                    "statement_id",
                    value,
                    f"an id that is not already an anchor of the statements page ({taken} "
                    "uses it, so links to this entry would go there)",
                )
            elif value and make_id(value) != value:
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
            for anchor in sorted(heading_anchors(row["outlet"] or "")):
                if LINE_ANCHOR.fullmatch(anchor) or taken_by(anchor, frozenset()):
                    report.add(
                        articles.resource.path,
                        articles.where(index),
                        "outlet",
                        row["outlet"],
                        f"a name whose heading anchor on the article's page ({anchor!r}) is "
                        "not a line's anchor (line-<number>) or one of the site's theme",
                    )
                    break
            if row["article_id"] in RESERVED_PAGES:
                report.add(
                    articles.resource.path,
                    articles.where(index),
                    "article_id",
                    row["article_id"],
                    "an id that is not one of the site's own page names "
                    f"({', '.join(sorted(RESERVED_PAGES))})",
                )
    outlets = {row["article_id"]: row["outlet"] for row in articles.rows} if articles else {}
    seen: dict[str, str] = {}
    for name, column in (("mentions", "mention_id"), ("quote_exclusions", "exclusion_id")):
        table = tables.get(name)
        if not table:
            continue
        for index, row in enumerate(table.rows):
            value = row[column]
            outlet = outlets.get(row.get("article_id", ""), "")
            headings = ARTICLE_HEADINGS | heading_anchors(outlet)
            taken = taken_by(value, frozenset(headings))
            if taken:
                report.add(
                    table.resource.path,
                    table.where(index),
                    column,
                    value,
                    f"an id that is not already an anchor of its article's page ({taken} "
                    "uses it, so links to this passage would go there)",
                )
            elif LINE_ANCHOR.fullmatch(value):
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
