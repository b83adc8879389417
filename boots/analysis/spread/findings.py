"""Notebook 02's findings, computed once from the tables and the article texts.

``spread_facts`` gathers every number, name and title the notebook states (its figure
titles, its prose and its closing sentences); the notebook and the tests read them from
there instead of computing them again.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from boots.analysis import memo
from boots.analysis.spread.reactions import reaction_graph, reaction_title
from boots.analysis.spread.relay import NO_CREDIT, reach_table, relay_table, relay_title
from boots.analysis.spread.timeline import article_marks, timeline_title
from boots.data import dates
from boots.data.tables import Evidence
from boots.render.report import names_list
from boots.util.words import agreeing, counted

NO_PAIR = "With a single article there is no pair of articles to compare"
NO_PAIR_CLAUSE = "there is no pair of articles to compare"


@dataclass(frozen=True)
class SpreadFacts:
    """What notebook 02 finds, in readers' names (speakers, outlets), never ids."""

    statements: int
    date_shapes: dict[str, int]  # shape of a statement's date interval -> statements
    outlets: int
    articles: int
    reached_all: tuple[str, ...]  # speakers of the statements every outlet carried
    reached_one: int  # statements carried by a single outlet
    reported: int  # statements carried by any outlet
    earliest_shared: int  # articles sharing the most common earliest possible date
    earliest_day: pd.Timestamp  # that date
    latest_known: int  # articles whose latest possible publication date is known
    uncredited: int  # mentions crediting no channel
    mentions: int
    closest: tuple[str, str] | None  # the two articles sharing the most wording (labels)
    closest_jaccard: float
    closest_shares: tuple[float, float]  # first's runs found in second, second's in first
    closest_why: str  # what their bylines say about it
    timeline_title: str
    reaction_title: str
    relay_title: str
    reuse_title: str

    def prose(self) -> dict[str, object]:
        """The facts as ``report.say`` fields: ``statements``, one count per date shape
        (``day``, ``between``, ``after``, ``before``, ``unknown``), ``outlets``, ``articles``,
        ``n_all`` and ``names`` (statements every outlet carried), ``n_one``, ``n``
        (statements carried), ``tied`` and ``day`` (the shared earliest date), ``latest`` (whether
        any article's latest date is known, in words),
        ``uncredited``, ``mentions``, ``a``, ``b``, ``score``, ``share_a``, ``share_b``,
        ``why`` (the closest pair) and ``shingle_words``."""
        from boots.analysis import reuse

        shapes = self.date_shapes
        a, b = self.closest or ("", "")
        share_a, share_b = (f"{x:.0%}" for x in self.closest_shares)
        return {
            "statements": self.statements,
            "day": f"{self.earliest_day:%-d %b}",
            "between": shapes["between"],
            "after": shapes["from"],
            "before": shapes["until"],
            "unknown": shapes["unknown"],
            "to_the_day": shapes["day"],
            "are": agreeing(shapes["day"], "is"),
            "have": agreeing(shapes["unknown"], "has"),
            "outlets": self.outlets,
            "articles": self.articles,
            "n_all": len(self.reached_all),
            "names": names_list(list(dict.fromkeys(self.reached_all))),
            "n_one": self.reached_one,
            "n": self.reported,
            "tied": self.earliest_shared,
            "latest": "none has a known latest date"
            if not self.latest_known
            else f"{self.latest_known} of them {'has' if self.latest_known == 1 else 'have'} "
            "a known latest date",
            "uncredited": self.uncredited,
            "mentions": self.mentions,
            "every_outlet": self.every_outlet,
            "order": self.order,
            "closest": (
                f"The closest pair is {a} and {b}: {share_b} of {b}'s "
                f"{reuse.SHINGLE_WORDS}-word runs appear in {a}, {share_a} of {a}'s in {b}. "
                f"Their bylines explain it: {self.closest_why}."
                if self.closest
                else NO_PAIR + "."
            ),
            "closest_short": self.closest_short,
        }

    @property
    def every_outlet(self) -> str:
        return f"all {self.outlets} outlets" if self.outlets > 1 else "the one outlet"

    @property
    def closest_short(self) -> str:
        if not self.closest:
            return NO_PAIR_CLAUSE
        a, b = self.closest
        return f"{a} and {b} share the most wording (Jaccard {self.closest_jaccard:.2f})"

    @property
    def order(self) -> str:
        """Whether the sources can tell which outlet carried a statement first, in words."""
        latest = (
            "none has a known latest date"
            if not self.latest_known
            else f"{self.latest_known} of them {agreeing(self.latest_known, 'has')} a known "
            "latest date"
        )
        if self.articles == 1:
            return "With a single article, the sources cannot tell which outlet was first."
        if self.earliest_shared == 1:
            return (
                f"No two of the {self.articles} articles share their earliest possible date, "
                f"and {latest}."
            )
        return (
            f"{self.earliest_shared} of the {self.articles} articles share the earliest possible "
            f"date {self.earliest_day:%-d %b} and {latest}, so the sources cannot say which "
            "outlet carried a statement first."
        )

    def what_we_found(self) -> list[str]:
        """The closing sentences."""
        shapes = self.date_shapes
        return [
            self.reaction_title + ".",
            f"Of {counted(self.statements, 'statement')}, {shapes['day']} "
            f"{agreeing(shapes['day'], 'is')} known to the day, "
            f"{shapes['between']} only to a range of days, {shapes['from']} only as on or after a "
            f"day, {shapes['until']} only as on or before a day, and {shapes['unknown']} "
            f"{agreeing(shapes['unknown'], 'has')} no date the articles fix.",
            f"{counted(len(self.reached_all), 'statement')} reached {self.every_outlet}"
            + (
                f" ({names_list(list(dict.fromkeys(self.reached_all)))})"
                if self.reached_all
                else ""
            )
            + (
                f"; {self.reached_one} of {self.reported} reached only one."
                if self.outlets > 1
                else "."
            ),
            f"{self.uncredited} of {counted(self.mentions, 'mention')} "
            f"{agreeing(self.uncredited, 'credits')} no channel for the words reported.",
            f"{self.closest_short}: {self.closest_why}." if self.closest else NO_PAIR + ".",
        ]


@memo.per_evidence
def spread_facts(evidence: Evidence) -> SpreadFacts:
    """Every finding notebook 02 states, computed once from the tables and the article texts."""
    from boots.analysis import reuse

    nodes, edges = reaction_graph(evidence)
    relay = relay_table(evidence)
    reach = reach_table(evidence, relay)
    earliest = article_marks(evidence).published_earliest.value_counts()
    _, pairs = reuse.article_reuse(evidence)
    names = evidence.article_labels
    wires = evidence.articles.set_index("article_id").byline_wire
    if pairs.empty:
        first = second = None
        score, shares, why = 0.0, (0.0, 0.0), ""
    else:
        first, second, score = reuse.closest_pair(pairs)
        shares = (float(pairs.a_in_b.iloc[0]), float(pairs.b_in_a.iloc[0]))
        why = reuse.pair_explanation(wires[first], wires[second])
    return SpreadFacts(
        statements=len(evidence.statements),
        date_shapes={k: int(n) for k, n in dates.kind_counts(evidence.statements).items()},
        outlets=evidence.articles.outlet.nunique(),
        articles=len(evidence.articles),
        reached_all=tuple(reach[reach["reached all"]].speaker),
        reached_one=int((reach.outlets == 1).sum()),
        reported=len(reach),
        earliest_shared=int(earliest.max()),
        earliest_day=earliest.idxmax(),
        latest_known=int(evidence.articles.published_latest.notna().sum()),
        uncredited=int((relay.channel == NO_CREDIT).sum()),
        mentions=len(relay),
        closest=(names[first], names[second]) if first else None,
        closest_jaccard=score,
        closest_shares=shares,
        closest_why=why,
        timeline_title=timeline_title(evidence),
        reaction_title=reaction_title(nodes, edges),
        relay_title=relay_title(relay),
        reuse_title=reuse.reuse_title(pairs, names),
    )


def what_we_found(evidence: Evidence) -> list[str]:
    """Notebook 02's closing sentences (``SpreadFacts.what_we_found``)."""
    return spread_facts(evidence).what_we_found()
