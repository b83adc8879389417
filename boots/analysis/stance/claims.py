"""Notebook 01's typed paragraphs: the predicates that check them (``boots.analysis.claims``)."""

from __future__ import annotations

from boots.analysis import claims as c
from boots.data.tables import Evidence


@c.predicate
def france_alone_open(evidence: Evidence) -> bool:
    from boots.analysis.stance.findings import stance_facts

    drawn = stance_facts(evidence).by_stance
    others = set(drawn) - {"open", "warns", "welcomes", "rules_out"}
    sejourne = c.statement(evidence, "sejourne-non-combat")
    return (
        drawn.get("open") == ("France",)
        and drawn.get("warns") == ("Russia",)
        and drawn.get("welcomes") == ("Ukraine",)
        and not others
        and (sejourne.stance, sejourne.scope) == ("open", "non_combat_roles")
        and c.statement(evidence, c.REMARK).stance == "open"
    )


@c.predicate
def narrow_denials(evidence: Evidence) -> bool:
    nato, uk = (
        c.statement(evidence, "stoltenberg-no-plans"),
        c.statement(evidence, "gb-no-large-scale"),
    )
    sejourne = c.statement(evidence, "sejourne-non-combat")
    return (
        (nato.stance, nato.scope) == ("rules_out", "combat_troops")
        and (uk.stance, uk.scope) == ("rules_out", "large_scale")
        and sejourne.scope == "non_combat_roles"
        and c.statement(evidence, c.REMARK).stance == "open"
    )


@c.predicate
def voi_collective(evidence: Evidence) -> bool:
    ids = [f"{c}-distanced" for c in ("de", "gb", "es", "pl", "cz")]
    rows = c.statements(evidence).loc[ids]
    spain = c.statements(evidence)
    return (
        all(c.reports(evidence, i) == {"voi"} for i in ids)
        and set(rows.firmness) == {"unspecified"}
        and set(spain[spain.country == "ES"].index) == {"es-distanced"}
    )


@c.predicate
def offices_misattributed(evidence: Evidence) -> bool:
    mentions = evidence.mentions_in_full()
    uk = mentions[(mentions.statement_id == "gb-no-large-scale") & (mentions.article_id == "mind")]
    misnamed = any(
        form and form.lower() in m.printed_speaker.lower() and form not in f"{m.name} {m.role}"
        for m in uk.itertuples()
        for form in m.printed_names.split(";")
    )
    return (
        c.statement(evidence, "gb-no-large-scale").speaker_id == "gb-pm-spokesperson"
        and misnamed
        and c.statement(evidence, "it-pm-office-similar").speaker_id == "it-pm-office"
    )
