"""Notebook 03's typed paragraphs: the predicates that check them (``boots.analysis.claims``)."""

from __future__ import annotations

from boots.analysis import claims as c
from boots.data.tables import Evidence


@c.predicate
def told_as_denial(evidence: Evidence) -> bool:
    focus = evidence.articles.set_index("article_id").headline_focus.str.split(";")
    warning = [a for a, codes in focus.items() if "kremlin_warning" in codes]
    remark = [a for a, codes in focus.items() if "macron_remark" in codes]
    denials = sum(bool({"nato_denial", "allied_denials"} & set(c)) for c in focus)
    return (
        warning == ["euronews"]
        and not remark
        and denials > len(focus) / 2
        and c.REMARK in set(evidence.statements.statement_id)
    )


@c.predicate
def stoltenberg_opens(evidence: Evidence) -> bool:
    from boots.analysis.framing.findings import framing_facts

    firsts = dict(framing_facts(evidence).first_speakers)
    x = evidence.quote_exclusions
    return (
        firsts.pop("Euronews", None) == "Dmitry Peskov"
        and len(firsts) >= 2
        and set(firsts.values()) == {"Jens Stoltenberg"}
        and ((x.article_id == "ap-repost") & (x.reason == "off_topic")).sum() >= 2
    )


@c.predicate
def military_operation_euronews(evidence: Evidence) -> bool:
    from boots.analysis.framing.wording import kwic

    hits = kwic(evidence, evidence.lexicon)
    own = hits[hits.voice == "own"]
    operation = own[own.match.str.contains("military operation", case=False)]
    boots = hits[hits.match.str.contains("boots on the ground", case=False)]
    names = evidence.outlet_names
    return (
        set(operation.outlet) == {names["euronews"]}
        and c.article(evidence, "euronews").byline_wire == "AP"
        and set(boots.outlet) == {names["aljazeera"], names["ap-repost"]}
        and set(boots.voice) == {"own"}
    )


@c.predicate
def stoltenberg_sentence_drift(evidence: Evidence) -> bool:
    m = evidence.mentions
    voi = m[(m.statement_id == "stoltenberg-no-plans") & (m.article_id == "voi")]
    return (
        {"ap-repost", "euronews", "aljazeera", "mind", "voi"}
        <= c.reports(evidence, "stoltenberg-no-plans")
        and c.article(evidence, "mind").translation != "none"
        and c.article(evidence, "voi").translation == "machine"
        and voi.via.fillna("").str.contains("TASS").any()
        and {"voi", "euronews"} <= c.reports(evidence, "peskov-inevitability")
    )


@c.predicate
def one_article_per_outlet(evidence: Evidence) -> bool:
    return evidence.articles.outlet.is_unique
