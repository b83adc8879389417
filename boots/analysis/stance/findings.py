"""Notebook 01's findings, computed once from the tables.

``stance_facts`` gathers every number, name and title the notebook states (its figure
titles, its prose and its closing sentences); the notebook and the tests read them from
there instead of computing them again.
"""

from __future__ import annotations

from dataclasses import dataclass

from boots.analysis import memo
from boots.analysis.stance.country_map import map_title
from boots.analysis.stance.firmness import firmness_counts, firmness_title
from boots.analysis.stance.rule import country_stances
from boots.data import labels
from boots.data.tables import Evidence
from boots.render.report import names_list
from boots.util.words import agreeing, counted


@dataclass(frozen=True)
class StanceFacts:
    """What notebook 01 finds, in readers' names (countries, speakers), never ids."""

    governments: int  # countries with a statement
    by_stance: dict[str, tuple[str, ...]]  # stance drawn for a country -> its names
    mixed: tuple[str, ...]  # countries whose speakers took different positions
    firmness: dict[str, int]  # firmness code -> statements ruling troops out
    narrow: tuple[tuple[str, str], ...]  # (speaker, scope in words): denials of less than all
    map_title: str
    firmness_title: str

    @property
    def denials(self) -> int:
        return sum(self.firmness.values())

    def prose(self) -> dict[str, object]:
        """The facts as ``report.say`` fields: ``governments``, ``mixed`` (how many),
        ``positions`` (whether each country's speakers agreed, a sentence),
        ``rules_out`` (governments ruling troops out), ``open`` (their names, or 'none'),
        ``denials`` and one count per firmness code (``categorical``, ``no_plans``, ...)."""
        return {
            "governments": self.governments,
            "are": agreeing(self.governments, "is"),
            "mixed": len(self.mixed),
            "positions": self.positions,
            "rules_out": len(self.by_stance.get("rules_out", ())),
            "open": ", ".join(self.by_stance.get("open", ())) or "none",
            "denials": self.denials,
            **self.firmness,
        }

    def what_we_found(self) -> list[str]:
        """The closing sentences."""
        f = self.firmness
        return [
            self.map_title + ".",
            f"Of {counted(self.denials, 'denial')}, {f['categorical']} "
            f"{agreeing(f['categorical'], 'was')} categorical, "
            f"{f['no_plans']} denied only current plans, {f['not_now']} held only "
            f"for the moment, and for {f['unspecified']} no article prints the wording."
            if self.denials
            else "No statement rules troops out.",
            f"{counted(len(self.narrow), 'denial')} ruled out less than all troops ("
            + names_list([f"{name}: {scope}" for name, scope in self.narrow])
            + ")."
            if self.narrow
            else "Every denial covered troops of any kind.",
            self.positions,
        ]

    @property
    def positions(self) -> str:
        """Whether each country's speakers agreed, as a sentence that reads at any count."""
        if self.mixed:
            return (
                f"In {len(self.mixed)} of {counted(self.governments, 'country')}, speakers took "
                f"different positions ({names_list(list(self.mixed))})."
            )
        if self.governments == 1:
            return "In the one country, every speaker quoted took the same position."
        if not self.governments:
            return "No country's speakers are quoted."
        return (
            f"In each of the {self.governments} countries, every speaker quoted took the "
            "same position."
        )


@memo.per_evidence
def stance_facts(evidence: Evidence) -> StanceFacts:
    """Every finding notebook 01 states, computed once from the tables."""
    countries = country_stances(evidence)
    firmness = firmness_counts(evidence)
    stated = evidence.statements_with_speakers()
    narrow = stated[
        (stated.stance == "rules_out") & stated.scope.isin(["combat_troops", "large_scale"])
    ]
    scope = labels.categories("scope")
    return StanceFacts(
        governments=len(countries),
        by_stance={s: tuple(g.name) for s, g in countries.groupby("stance")},
        mixed=tuple(countries[countries.mixed].name),
        firmness={code: int(n) for code, n in firmness.items()},
        narrow=tuple(zip(narrow.name, narrow.scope.map(scope), strict=True)),
        map_title=map_title(countries),
        firmness_title=firmness_title(firmness),
    )


def what_we_found(evidence: Evidence) -> list[str]:
    """Notebook 01's closing sentences (``StanceFacts.what_we_found``)."""
    return stance_facts(evidence).what_we_found()
