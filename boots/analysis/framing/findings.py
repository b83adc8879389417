"""Notebook 03's findings, computed once from the tables and the article texts.

``framing_facts`` gathers every number, name and title the notebook states (its figure titles,
its prose, its one-line finding and its closing sentences); the notebook and the tests read
them from there instead of computing them again.
"""

from __future__ import annotations

from dataclasses import dataclass

from boots.analysis import memo
from boots.analysis.framing import changes, drift, prominence, wording
from boots.data import labels
from boots.data.tables import Evidence
from boots.render.report import names_list
from boots.util.words import agreeing, counted


@dataclass(frozen=True)
class FramingFacts:
    """What notebook 03 finds. Counts are ints, names are readers' names (outlets, speakers),
    never ids, except ``showcase`` (the statement ids the notebook follows, chosen by rule)."""

    articles: int
    headlines: dict[str, int]  # focus code -> headlines leading with it, most first, zeros last
    first_speakers: tuple[tuple[str, str], ...]  # (outlet, speaker quoted first), outlet order
    most_often_first: tuple[str, int]  # the speaker most outlets quote first, and how many
    prominence_title: str
    lexicon_title: str
    verbs_title: str
    drift_title: str
    showcase: dict[str, str]  # 'most quoted' / 'firmest warning' -> statement id
    most_changed_speaker: str  # whose wording changed most between outlets
    most_changed_similarity: float  # its lowest similarity to the earliest wording
    most_changed_outlets: tuple[str, ...]  # the outlets printing that least similar wording
    changes_per_outlet: dict[str, int]  # outlet -> changes to what a source said
    distortions_title: str
    commonest_change: dict[str, object]  # see ``changes.commonest_change``
    name_errors: int
    name_error_outlets: tuple[str, ...]

    def prose(self) -> dict[str, object]:
        """The facts as ``report.say`` fields: ``articles``, ``headlines_<focus code>`` (how many
        headlines lead with it) and ``focus_<focus code>`` (its label),
        ``firsts``, ``per_outlet`` (changes per outlet, joined by semicolons;
        ``per_outlet_commas`` by commas), the commonest change's fields, ``statement`` and ``low``
        (the most changed wording), ``errors``."""
        return {
            "articles": self.articles,
            **{f"headlines_{code}": n for code, n in self.headlines.items()},
            **{
                f"focus_{code}": label
                for code, label in labels.categories("headline_focus").items()
            },
            "firsts": "; ".join(f"{o}: {s}" for o, s in self.first_speakers),
            "per_outlet": "; ".join(f"{o} {n}" for o, n in self.changes_per_outlet.items()),
            "per_outlet_commas": ", ".join(f"{o} {n}" for o, n in self.changes_per_outlet.items()),
            **self.commonest_change,
            "statement": self.most_changed_speaker,
            "low": self.most_changed_similarity,
            "most_changed": self.most_changed,
            "lead": agreeing(self.headlines.get("nato_denial", 0), "leads"),
            "errors": self.name_errors,
        }

    @property
    def most_changed(self) -> str:
        """The most changed wording between outlets, in words."""
        if not self.most_changed_speaker:
            return "no statement is printed by two outlets, so no wording can be compared"
        return (
            f"the most changed wording between outlets is {self.most_changed_speaker}'s "
            f"(similarity down to {self.most_changed_similarity:.2f})"
        )

    def what_we_found(self) -> list[str]:
        """The closing sentences."""
        focus = labels.categories("headline_focus")
        leads = ", ".join(
            f"{n} with {focus.get(code, code)}" for code, n in self.headlines.items() if n
        )
        top, n_first = self.most_often_first
        errors = f"The articles print {counted(self.name_errors, 'name error')}"
        verb = agreeing(int(next(iter(self.headlines.values()), 0)), "leads")
        return [
            f"Of {counted(self.articles, 'headline')}, "
            f"{leads.replace(' with ', f' {verb} with ', 1)}.",
            f"{n_first} of {counted(self.articles, 'outlet')} {agreeing(n_first, 'quotes')} "
            f"{top} first."
            if n_first
            else "No outlet quotes a speaker first.",
            f"The wording that changed most between outlets is {self.most_changed_speaker}'s "
            f"(similarity down to {self.most_changed_similarity:.2f}, in "
            f"{names_list(list(self.most_changed_outlets))})."
            if self.most_changed_speaker
            else "No statement is printed by two outlets, so no wording can be compared.",
            errors
            + (f", in {names_list(list(self.name_error_outlets))}." if self.name_errors else "."),
        ]


@memo.per_evidence
def framing_facts(evidence: Evidence) -> FramingFacts:
    """Every finding notebook 03 states, computed once from the evidence."""
    articles = evidence.articles
    headline = articles.headline_focus.str.split(";").explode().value_counts()
    unused = [code for code in labels.categories("headline_focus") if code not in headline]
    table = prominence.prominence(evidence)
    firsts = table[table.first_rank == 1]
    top = firsts.speaker.value_counts()
    shares = prominence.stance_shares(evidence)
    own = wording.lexicon_counts(evidence, evidence.lexicon, voice="own")
    quoted = wording.lexicon_counts(evidence, evidence.lexicon, voice="quoted")
    verbs = wording.verb_counts(evidence, by="outlet")
    drifts = drift.drift_table(evidence)
    least = drifts.groupby("statement").similarity.min().sort_values()
    changed = drifts[drifts.statement == least.index[0]] if len(least) else drifts
    counts = changes.distortion_counts(evidence)
    errors = changes.printed_errors(evidence)
    return FramingFacts(
        articles=len(articles),
        headlines={**{c: int(n) for c, n in headline.items()}, **dict.fromkeys(unused, 0)},
        first_speakers=tuple(zip(firsts.outlet, firsts.speaker, strict=True)),
        most_often_first=(top.index[0], int(top.iloc[0])) if len(top) else ("", 0),
        prominence_title=prominence.prominence_title(shares),
        lexicon_title=wording.lexicon_title(own, quoted),
        verbs_title=wording.verbs_title(verbs),
        drift_title=drift.drift_title(drifts),
        showcase=drift.showcase_statements(evidence, drifts),
        most_changed_speaker=changed.speaker.iloc[0] if len(least) else "",
        most_changed_similarity=float(least.iloc[0]) if len(least) else 1.0,
        most_changed_outlets=tuple(changed[changed.similarity == least.iloc[0]].outlet)
        if len(least)
        else (),
        changes_per_outlet={o: int(n) for o, n in changes.by_outlet(counts).total.items()},
        distortions_title=changes.distortions_title(counts),
        commonest_change=changes.commonest_change(evidence),
        name_errors=len(errors),
        name_error_outlets=tuple(dict.fromkeys(errors.outlet)),
    )


def what_we_found(evidence: Evidence) -> list[str]:
    """Notebook 03's closing sentences (``FramingFacts.what_we_found``)."""
    return framing_facts(evidence).what_we_found()
