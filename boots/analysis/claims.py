"""Typed prose bound to a check: a claim is computed, or it is checked.

A paragraph a notebook's author wrote about the curated data (who stood alone, which text
copied which) is not computed from the data, so it is bound to a *predicate*: a function of
the evidence, registered here under the claim's name, that holds exactly when the paragraph
is true of the tables and texts being built. A notebook shows such a paragraph with
``claims.say(ev, "name", "the typed paragraph")`` in a cell whose input is removed:

* the predicate holds: the paragraph is shown;
* every phrase it sets in double quotation marks must be printed in one of the folder's
  articles (``unprinted``; words left out marked ``...``), so a quotation needs no check of
  its own; a term of ours is set in italics, not in quotation marks;
* it fails on another data folder: one short line (``NOT_HERE``) says a paragraph written
  about the project's curated data does not hold for this folder;
* it fails on the project's own ``data/``: the cell raises ``ClaimFailed`` naming the claim,
  so ``make`` and ``make test`` (nbval) fail until the prose or the data is corrected.

Each shown output carries ``{"boots-claim": {"name": ..., "holds": ...}}`` in its metadata, so
the tests can see that every claim was evaluated and shown only where it holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from boots.data import text
from boots.data.tables import Evidence
from boots.util import config

CLAIM_KEY = "boots-claim"
# A notebook cell's call, as the tests find it: ``claims.say(ev, "name", ...)``.
SAY_CALL = re.compile(r'claims\.say\(\s*ev,\s*"([a-z_]+)"')
NOT_HERE = (
    "*A paragraph written about the project's curated data does not hold for this data "
    "folder and is left out here.*"
)
PREDICATES: dict[str, Callable[[Evidence], bool]] = {}


class ClaimFailed(AssertionError):
    """A typed paragraph is false for the project's own data."""


def predicate(function: Callable[[Evidence], bool]) -> Callable[[Evidence], bool]:
    """Register ``function`` as the check of the claim of the same name."""
    PREDICATES[function.__name__] = function
    return function


def holds(evidence: Evidence, name: str) -> bool:
    """Whether the claim ``name`` is true of ``evidence`` (a missing row makes it false)."""
    try:
        return bool(PREDICATES[name](evidence))
    except (KeyError, IndexError, ValueError) as error:
        if isinstance(error, KeyError) and name not in PREDICATES:
            raise
        return False


_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')
_GAP = re.compile(r"\.\.\.|…")
_NESTED = re.compile(r"(?<!\w)'([^']+)'(?!\w)")


def unprinted(evidence: Evidence, paragraph: str) -> list[str]:
    """The phrases ``paragraph`` sets in double quotation marks that no article of the
    folder prints (case aside; the parts around a '...' all in one article)."""
    texts = [t.lower() for t in evidence.texts.values()]
    missing = []
    for match in _QUOTED.finditer(paragraph):
        phrase = " ".join((match.group(1) or match.group(2)).split())
        printed = _NESTED.sub(r'"\1"', phrase)  # a quotation inside it, in single marks
        parts = [p.strip().lower() for p in _GAP.split(printed) if p.strip()]
        if not any(all(text.locate(p, t) for p in parts) for t in texts):
            missing.append(phrase)
    return missing


def is_project_data(evidence: Evidence) -> bool:
    return evidence.data_dir.resolve() == config.DEFAULT_DATA_DIR.resolve()


def say(evidence: Evidence, name: str, paragraph: str) -> None:
    """Show the typed ``paragraph`` if its claim holds (see the module's docstring)."""
    from IPython.display import Markdown, display

    if name not in PREDICATES:
        raise KeyError(f"no predicate named {name!r} in boots.analysis.claims")
    missing = unprinted(evidence, paragraph)
    true = holds(evidence, name) and not missing
    if not true and is_project_data(evidence):
        why = f"; no article prints {missing!r}" if missing else ""
        raise ClaimFailed(
            f"claim {name!r} does not hold for the project's data{why}: correct the paragraph "
            f"or the data ({paragraph[:80]!r}...)"
        )
    display(
        Markdown(paragraph if true else NOT_HERE),
        metadata={CLAIM_KEY: {"name": name, "holds": true}},
    )


NO_REMARK = (
    "*This data folder holds no statement of Macron's remark of 26 February 2024: the question "
    "above is answered for the statements it holds.*"
)


def remark_note(evidence: Evidence) -> None:
    """Under a title that names Macron's remark: one line where the folder does not hold it."""
    from IPython.display import Markdown, display

    if REMARK not in set(evidence.statements.statement_id):
        display(Markdown(NO_REMARK))


# --- what the predicates look at ----------------------------------------------------------


def _statements(evidence: Evidence) -> pd.DataFrame:
    return evidence.statements_with_speakers().set_index("statement_id")


def _statement(evidence: Evidence, statement_id: str) -> pd.Series:
    return _statements(evidence).loc[statement_id]


def _article(evidence: Evidence, article_id: str) -> pd.Series:
    return evidence.articles.set_index("article_id").loc[article_id]


def _reports(evidence: Evidence, statement_id: str) -> set[str]:
    mentions = evidence.mentions
    return set(mentions[mentions.statement_id == statement_id].article_id)


def _answers(evidence: Evidence) -> set[tuple[str, str]]:
    r = evidence.responses
    return set(zip(r.statement_id, r.responds_to, strict=True))


REMARK = "macron-nothing-ruled-out"


# --- notebook 00 ----------------------------------------------------------------------------


@predicate
def sources_as_received(evidence: Evidence) -> bool:
    """Al Jazeera and AP are reposts, Euronews carries the AP byline, Mind.ua probably and VOI
    by machine translated (from Ukrainian, from Indonesian)."""
    a = lambda i: _article(evidence, i)  # noqa: E731
    return (
        a("aljazeera").reprint == "repost"
        and a("ap-repost").reprint == "repost"
        and a("euronews").byline_wire == "AP"
        and (a("mind").translation, a("mind").original_language) == ("probable", "uk")
        and (a("voi").translation, a("voi").original_language) == ("machine", "id")
    )


@predicate
def no_article_dated(evidence: Evidence) -> bool:
    """No article prints its own date: none has a known latest publication day."""
    return bool(evidence.articles.published_latest.isna().all())


# --- notebook 01 ----------------------------------------------------------------------------


@predicate
def france_alone_open(evidence: Evidence) -> bool:
    from boots.analysis.stance import stance_facts

    drawn = stance_facts(evidence).by_stance
    others = set(drawn) - {"open", "warns", "welcomes", "rules_out"}
    sejourne = _statement(evidence, "sejourne-non-combat")
    return (
        drawn.get("open") == ("France",)
        and drawn.get("warns") == ("Russia",)
        and drawn.get("welcomes") == ("Ukraine",)
        and not others
        and (sejourne.stance, sejourne.scope) == ("open", "non_combat_roles")
        and _statement(evidence, REMARK).stance == "open"
    )


@predicate
def narrow_denials(evidence: Evidence) -> bool:
    nato, uk = (
        _statement(evidence, "stoltenberg-no-plans"),
        _statement(evidence, "gb-no-large-scale"),
    )
    sejourne = _statement(evidence, "sejourne-non-combat")
    return (
        (nato.stance, nato.scope) == ("rules_out", "combat_troops")
        and (uk.stance, uk.scope) == ("rules_out", "large_scale")
        and sejourne.scope == "non_combat_roles"
        and _statement(evidence, REMARK).stance == "open"
    )


@predicate
def voi_collective(evidence: Evidence) -> bool:
    ids = [f"{c}-distanced" for c in ("de", "gb", "es", "pl", "cz")]
    rows = _statements(evidence).loc[ids]
    spain = _statements(evidence)
    return (
        all(_reports(evidence, i) == {"voi"} for i in ids)
        and set(rows.firmness) == {"unspecified"}
        and set(spain[spain.country == "ES"].index) == {"es-distanced"}
    )


@predicate
def offices_misattributed(evidence: Evidence) -> bool:
    from boots.analysis.framing import printed_errors

    errors = printed_errors(evidence)
    uk = _statement(evidence, "gb-no-large-scale")
    mind = evidence.outlet_names.get("mind")
    return (
        uk.speaker_id == "gb-pm-spokesperson"
        and ((errors.outlet == mind) & (errors.speaker == uk["name"])).any()
        and _statement(evidence, "it-pm-office-similar").speaker_id == "it-pm-office"
    )


# --- notebook 02 ----------------------------------------------------------------------------


def _before_remark(evidence: Evidence, statement_id: str) -> bool:
    row, remark = _statement(evidence, statement_id), _statement(evidence, REMARK)
    return pd.notna(row.date_latest) and row.date_latest <= remark.date_earliest


@predicate
def fico_before_remark(evidence: Evidence) -> bool:
    ids = ["fico-not-planning", "fico-others-weighing"]
    return all(_before_remark(evidence, i) for i in ids) and any(
        "aljazeera" in _reports(evidence, i) for i in ids
    )


@predicate
def graph_nearly_star(evidence: Evidence) -> bool:
    links = _answers(evidence)
    others = {link for link in links if link[1] != REMARK}
    return (
        len(links) >= 5
        and others == {("stoltenberg-no-plans", "scholz-no-ground-troops")}
        and set(evidence.distortions.statement_id) >= {"stoltenberg-no-plans"}
        and ("scholz-no-ground-troops", REMARK) in links
        and ("sejourne-non-combat", REMARK) in links
        and "aljazeera" in _reports(evidence, "stoltenberg-no-plans")
    )


@predicate
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


@predicate
def longest_shared_passages(evidence: Evidence) -> bool:
    from boots.analysis import reuse

    _, pairs = reuse.article_reuse(evidence)
    apart = pairs[pairs.article_a.isin(["mind", "voi"]) | pairs.article_b.isin(["mind", "voi"])]
    closest = reuse.closest_pair(pairs)[:2] if len(pairs) else ()
    return (
        set(closest) == {"ap-repost", "euronews"}
        and {"aljazeera", "mind", "voi"} <= set(evidence.texts)
        and pd.isna(_article(evidence, "aljazeera").byline_wire)
        and not apart.empty
        and float(apart[["a_in_b", "b_in_a"]].max().max()) < 0.1
    )


@predicate
def no_times_given(evidence: Evidence) -> bool:
    dated = evidence.articles.published_latest.notna().sum()
    return bool(evidence.statements.time.isna().all()) and dated < len(evidence.articles) / 2


@predicate
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


@predicate
def fico_not_an_answer(evidence: Evidence) -> bool:
    ids = {"fico-not-planning", "fico-others-weighing"}
    answering = {s for s, _ in _answers(evidence)}
    return all(_before_remark(evidence, i) for i in ids) and not ids & answering


# --- notebook 03 ----------------------------------------------------------------------------


@predicate
def told_as_denial(evidence: Evidence) -> bool:
    focus = evidence.articles.set_index("article_id").headline_focus.str.split(";")
    warning = [a for a, codes in focus.items() if "kremlin_warning" in codes]
    remark = [a for a, codes in focus.items() if "macron_remark" in codes]
    denials = sum(bool({"nato_denial", "allied_denials"} & set(c)) for c in focus)
    return (
        warning == ["euronews"]
        and not remark
        and denials > len(focus) / 2
        and REMARK in set(evidence.statements.statement_id)
    )


@predicate
def stoltenberg_opens(evidence: Evidence) -> bool:
    from boots.analysis.framing import framing_facts

    firsts = dict(framing_facts(evidence).first_speakers)
    x = evidence.quote_exclusions
    return (
        firsts.pop("Euronews", None) == "Dmitry Peskov"
        and len(firsts) >= 2
        and set(firsts.values()) == {"Jens Stoltenberg"}
        and ((x.article_id == "ap-repost") & (x.reason == "off_topic")).sum() >= 2
    )


@predicate
def military_operation_euronews(evidence: Evidence) -> bool:
    from boots.analysis.framing import kwic

    hits = kwic(evidence, evidence.lexicon)
    own = hits[hits.voice == "own"]
    operation = own[own.match.str.contains("military operation", case=False)]
    boots = hits[hits.match.str.contains("boots on the ground", case=False)]
    names = evidence.outlet_names
    return (
        set(operation.outlet) == {names["euronews"]}
        and _article(evidence, "euronews").byline_wire == "AP"
        and set(boots.outlet) == {names["aljazeera"], names["ap-repost"]}
        and set(boots.voice) == {"own"}
    )


@predicate
def stoltenberg_sentence_drift(evidence: Evidence) -> bool:
    from boots.analysis.spread.relay import relay_table

    relay = relay_table(evidence)
    voi = relay[(relay.statement_id == "stoltenberg-no-plans") & (relay.article_id == "voi")]
    return (
        {"ap-repost", "euronews", "aljazeera", "mind", "voi"}
        <= _reports(evidence, "stoltenberg-no-plans")
        and _article(evidence, "mind").translation != "none"
        and _article(evidence, "voi").translation == "machine"
        and voi.channel.str.contains("TASS").any()
        and {"voi", "euronews"} <= _reports(evidence, "peskov-inevitability")
    )


@predicate
def one_article_per_outlet(evidence: Evidence) -> bool:
    return evidence.articles.outlet.is_unique
