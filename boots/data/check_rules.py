"""Validation of coding rules that can be checked against the articles: venues (codebook L1),
the reach of a response's linking words (R1, R3) and the source of a distortion (X1).

Each check reads the tables and the article texts and reports a problem naming the file, the
CSV line and the column; none writes anything.
"""

from __future__ import annotations

from collections import defaultdict

from boots.data import text
from boots.data.check_articles import INFERRED, Article, quoted_fragments
from boots.data.check_structure import Table
from boots.data.problems import Report

ASSUMED = "assumed (rule R3)"


def _reporting(mentions: Table | None) -> dict[str, list[dict]]:
    """Each statement's mentions (the articles that report it, with where)."""
    out: dict[str, list[dict]] = defaultdict(list)
    for row in mentions.rows if mentions else []:
        out[row["statement_id"]].append(row)
    return out


def _body(article: Article) -> str:
    """The article body in comparison form, case folded (venues may differ in case)."""
    return text.normalise(" ".join(article.text[s.start : s.end] for s in article.body)).casefold()


def check_venues(
    statements: Table, mentions: Table | None, articles: dict[str, Article], report: Report
) -> None:
    """A venue is printed in the body of an article that reports the statement, or in the
    words its date_basis quotes (which are checked against the articles), case aside (L1)."""
    reporting = _reporting(mentions)
    for index, row in enumerate(statements.rows):
        venue = row["venue"].strip()
        found = (articles.get(m["article_id"]) for m in reporting[row["statement_id"]])
        cited = [a for a in found if a is not None]
        if not venue or not cited:
            continue  # no venue, or no article read: nothing to compare with
        wanted = text.normalise(venue).casefold()
        quoted = [text.normalise(f).casefold() for f in quoted_fragments(row["date_basis"])]
        if not any(wanted in _body(article) for article in cited) and not any(
            wanted in words for words in quoted
        ):
            names = ", ".join(sorted({a.article_id for a in cited}))
            report.add(
                statements.resource.path,
                statements.where(index),
                "venue",
                venue,
                f"the place or audience as printed in an article that reports "
                f"{row['statement_id']} ({names}) or in the words its date_basis quotes: a venue "
                f"is copied, not described (codebook L1)",
            )


def _report_ends(mention: dict, article: Article) -> int | None:
    """Where the sentence of ``mention``'s report ends in its article, or None if the quote
    is not found (reported by the mentions check)."""
    spans = text.find_all(mention["quote"], article.text)
    if not spans:
        return None
    try:
        offset = int(mention["offset"])
    except ValueError:
        offset = spans[0].start
    span = min(spans, key=lambda s: abs(s.start - offset))
    return text.sentence_around(span, article.text).end


def check_response_bases(
    responses: Table, mentions: Table | None, articles: dict[str, Article], report: Report
) -> None:
    """A basis quotes linking words printed in an article that reports the reacting statement,
    in its body, no later than the sentence of that report (R1, R3)."""
    reporting = _reporting(mentions)
    for index, row in enumerate(responses.rows):
        fragments = quoted_fragments(row["basis"])
        places = [
            (articles[m["article_id"]], m)
            for m in reporting[row["statement_id"]]
            if m["article_id"] in articles
        ]
        if not places:
            continue  # no article reports it: the mentions check says so
        linked = False
        for article, mention in places:
            end = _report_ends(mention, article)
            if end is None:
                linked = True  # cannot judge: the quote itself is reported missing
                break
            for fragment in fragments:
                for span in text.find_all(fragment, article.text):
                    if span.start < end and text.within(span, article.body):
                        linked = True
        if not linked:
            names = ", ".join(sorted({a.article_id for a, _ in places}))
            report.add(
                responses.resource.path,
                responses.where(index),
                "basis",
                row["basis"],
                f"linking words quoted in single quotation marks, printed in the body of an "
                f"article that reports {row['statement_id']} ({names}) no later than the "
                f"sentence of its report there (codebook R1, R3)",
            )


def check_inferred_links(statements: Table, responses: Table, report: Report) -> None:
    """A date_earliest inferred from a response (D3) rests on a link that is not an
    assumption (R3): some link not marked 'assumed (rule R3)' gives that bound."""
    by_id = {row["statement_id"]: row for row in statements.rows}
    firm = defaultdict(set)
    for row in responses.rows:
        if ASSUMED not in row["basis"] and row["responds_to"] in by_id:
            firm[row["statement_id"]].add(by_id[row["responds_to"]]["date_earliest"])
    for index, row in enumerate(statements.rows):
        if INFERRED not in row["date_basis"] or not row["date_earliest"]:
            continue
        has_assumed = any(
            r["statement_id"] == row["statement_id"] and ASSUMED in r["basis"]
            for r in responses.rows
        )
        if has_assumed and row["date_earliest"] not in firm[row["statement_id"]]:
            report.add(
                statements.resource.path,
                statements.where(index),
                "date_earliest",
                row["date_earliest"],
                f"a bound from a response that is not an assumption: the links of "
                f"{row['statement_id']} that give it are marked {ASSUMED!r}, and D3 may not rest "
                f"on them (codebook R3)",
            )


def check_distortion_sources(distortions: Table, mentions: Table | None, report: Report) -> None:
    """The source passage comes from another article wherever another article reports the
    statement in words of its own (X1). An article whose report repeats this article's words
    exactly (a copy, a reprint) is no independent source, so it does not count."""
    reporting = _reporting(mentions)
    for index, row in enumerate(distortions.rows):
        if row["source_article_id"] != row["article_id"]:
            continue
        reports = reporting[row["statement_id"]]
        own = {
            text.passage_key(m["quote"]) for m in reports if m["article_id"] == row["article_id"]
        }
        others = sorted(
            {
                m["article_id"]
                for m in reports
                if m["article_id"] != row["article_id"] and text.passage_key(m["quote"]) not in own
            }
        )
        if others:
            report.add(
                distortions.resource.path,
                distortions.where(index),
                "source_article_id",
                row["source_article_id"],
                f"another article that reports {row['statement_id']} in words of its own "
                f"({', '.join(others)}): the source is taken from the article's own words only "
                f"where no other prints the statement (codebook X1)",
            )
