"""Notebook 02's typed paragraphs: the predicates that check them (``boots.analysis.claims``)."""

from __future__ import annotations

import pandas as pd

from boots.analysis import claims as c
from boots.data.tables import Evidence


def _before_remark(evidence: Evidence, statement_id: str) -> bool:
    row, remark = c.statement(evidence, statement_id), c.statement(evidence, c.REMARK)
    return pd.notna(row.date_latest) and row.date_latest <= remark.date_earliest


@c.predicate
def fico_before_remark(evidence: Evidence) -> bool:
    ids = ["fico-not-planning", "fico-others-weighing"]
    return all(_before_remark(evidence, i) for i in ids) and any(
        "aljazeera" in c.reports(evidence, i) for i in ids
    )


@c.predicate
def graph_nearly_star(evidence: Evidence) -> bool:
    links = c.answers(evidence)
    others = {link for link in links if link[1] != c.REMARK}
    return (
        len(links) >= 5
        and others == {("stoltenberg-no-plans", "scholz-no-ground-troops")}
        and set(evidence.distortions.statement_id) >= {"stoltenberg-no-plans"}
        and ("scholz-no-ground-troops", c.REMARK) in links
        and ("sejourne-non-combat", c.REMARK) in links
        and "aljazeera" in c.reports(evidence, "stoltenberg-no-plans")
    )


@c.predicate
def stoltenberg_most_routes(evidence: Evidence) -> bool:
    from boots.analysis.spread.relay import relay_table

    relay = relay_table(evidence)
    routes = relay.groupby("statement_id").channel.nunique()
    theirs = relay[relay.statement_id == "stoltenberg-no-plans"]
    channel = dict(zip(theirs.article_id, theirs.channel, strict=True))
    return (
        routes.idxmax() == "stoltenberg-no-plans"
        and routes.max() > routes.drop("stoltenberg-no-plans").max()
        and "AP" in channel.get("ap-repost", "")
        and "AP" in channel.get("mind", "")
        and "AP" in channel.get("euronews", "")
        and "TASS" in channel.get("voi", "")
        and channel.get("aljazeera") is not None
        and "AP" not in channel["aljazeera"]
    )


@c.predicate
def longest_shared_passages(evidence: Evidence) -> bool:
    from boots.analysis import reuse

    _, pairs = reuse.article_reuse(evidence)
    apart = pairs[pairs.article_a.isin(["mind", "voi"]) | pairs.article_b.isin(["mind", "voi"])]
    closest = reuse.closest_pair(pairs)[:2] if len(pairs) else ()
    return (
        set(closest) == {"ap-repost", "euronews"}
        and {"aljazeera", "mind", "voi"} <= set(evidence.texts)
        and pd.isna(c.article(evidence, "aljazeera").byline_wire)
        and not apart.empty
        and float(apart[["a_in_b", "b_in_a"]].max().max()) < 0.1
    )


@c.predicate
def no_times_given(evidence: Evidence) -> bool:
    dated = evidence.articles.published_latest.notna().sum()
    return bool(evidence.statements.time.isna().all()) and dated < len(evidence.articles) / 2


@c.predicate
def channels_mostly_uncredited(evidence: Evidence) -> bool:
    from boots.analysis.spread.relay import NO_CREDIT, relay_table

    relay = relay_table(evidence)
    aljazeera = relay[relay.article_id == "aljazeera"]
    return (
        (relay.channel == NO_CREDIT).sum() > len(relay) / 2
        and longest_shared_passages(evidence)
        and set(aljazeera[aljazeera.speaker.isin(["Jens Stoltenberg", "Dmitry Peskov"])].channel)
        == {NO_CREDIT}
    )


@c.predicate
def fico_not_an_answer(evidence: Evidence) -> bool:
    ids = {"fico-not-planning", "fico-others-weighing"}
    answering = {s for s, _ in c.answers(evidence)}
    return all(_before_remark(evidence, i) for i in ids) and not ids & answering
