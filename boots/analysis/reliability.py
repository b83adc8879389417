"""How reliable is the coding? Krippendorff's alpha on two independent codings.

The two codings are frozen in ``data/reliability/`` (codebook, section reliability/): the
first coding as it stood before anyone saw the second, and a blind second coding. Alpha is
computed on them, never on the adjudicated table, with the ``krippendorff`` package (nominal
level). The adjudication table gives every disagreement, the value adopted and the rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import krippendorff
import numpy as np
import pandas as pd

from boots.analysis import memo
from boots.data import labels, safe_files, text
from boots.data.schema import resources
from boots.data.tables import Evidence
from boots.util.words import counted

# Krippendorff (2004), Content Analysis, 2nd ed., p. 241: rely on variables with
# alpha >= .800; draw tentative conclusions only from .667 <= alpha < .800.
RELIABLE = 0.800
TENTATIVE = 0.667
VERDICTS = {
    "reliable": f"reliable (alpha ≥ {RELIABLE:.3f})",
    "tentative": f"tentative ({TENTATIVE:.3f} ≤ alpha < {RELIABLE:.3f})",
    "unreliable": f"not reliable (alpha < {TENTATIVE:.3f})",
}


def variables(evidence: Evidence) -> list[str]:
    """The coded variables, as the schema lists them for the adjudication table."""
    return list(resources()["adjudication"].field("variable").enum)


def variable_label(variable: str) -> str:
    return labels.label("variable", variable)


def code_label(variable: str, code: str) -> str:
    """A code in words, from the one home of each variable's labels (the schema)."""
    return labels.label(variable, code)


def verdict(alpha: float) -> str:
    if alpha >= RELIABLE:
        return "reliable"
    if alpha >= TENTATIVE:
        return "tentative"
    return "unreliable"


def nominal_alpha(first: pd.Series, second: pd.Series) -> float:
    """Krippendorff's alpha (nominal) for two coders' codes of the same units."""
    codes = sorted(set(first) | set(second))
    number = {code: i for i, code in enumerate(codes)}
    data = np.array([first.map(number).to_numpy(), second.map(number).to_numpy()], dtype=float)
    if len(codes) == 1:
        return 1.0  # both coders used one code for every unit: perfect, if uninformative
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def paired_codings(evidence: Evidence) -> pd.DataFrame:
    """One row per statement coded by both coders, with both coders' codes."""
    return evidence.first_coding.merge(
        evidence.second_coding, on="statement_id", suffixes=("_first", "_second"), validate="1:1"
    )


def agreement(evidence: Evidence) -> pd.DataFrame:
    """Per variable: units, agreements, disagreements, percent agreement, alpha, verdict."""
    pairs = paired_codings(evidence)
    rows = []
    for variable in variables(evidence):
        first, second = pairs[f"{variable}_first"], pairs[f"{variable}_second"]
        alpha = nominal_alpha(first, second)
        agree = int((first == second).sum())
        rows.append(
            {
                "variable": variable_label(variable),
                "statements": len(pairs),
                "agree": agree,
                "disagree": len(pairs) - agree,
                "agreement": agree / len(pairs),
                "alpha": alpha,
                "verdict": VERDICTS[verdict(alpha)],
            }
        )
    return pd.DataFrame(rows).set_index("variable")


def disagreements(evidence: Evidence) -> pd.DataFrame:
    """Every disagreement, in words: the statement, both codes, the adjudicated code, the
    codebook rule and the reason."""
    adjudication = evidence.adjudication
    speakers = evidence.speakers.set_index("speaker_id").name
    statements = evidence.statements.set_index("statement_id")
    speaker_of = statements.speaker_id.map(speakers)
    summary_of = statements.summary

    def words(column: str) -> list[str]:
        return [
            code_label(v, c)
            for v, c in zip(adjudication.variable, adjudication[column], strict=True)
        ]

    return pd.DataFrame(
        {
            "speaker": adjudication.statement_id.map(speaker_of),
            "statement": adjudication.statement_id.map(summary_of),
            "variable": adjudication.variable.map(variable_label),
            "first coder": words("first"),
            "second coder": words("second"),
            "adopted": words("adjudicated"),
            "sided with": np.select(
                [
                    adjudication.adjudicated == adjudication["first"],
                    adjudication.adjudicated == adjudication["second"],
                ],
                ["first coder", "second coder"],
                "neither",
            ),
            "rule": adjudication.rule,
            "reason": adjudication.reason,
        }
    )


VERDICT_WORDS = {
    "reliable": f"reliable, alpha at least {RELIABLE:.3f}",
    "tentative": f"tentative, alpha from {TENTATIVE:.3f} to below {RELIABLE:.3f}",
    "unreliable": f"not reliable, alpha below {TENTATIVE:.3f}",
}


def summary_sentence(table: pd.DataFrame) -> str:
    """Which variables meet which threshold, in one sentence computed from ``table`` (no
    parentheses or backslashes, which notebook renderers may read as mathematics)."""
    parts = []
    for key in VERDICTS:
        chosen = table[table.verdict == VERDICTS[key]]
        if chosen.empty:
            continue
        named = ", ".join(f"{name} α = {alpha:.2f}" for name, alpha in chosen.alpha.items())
        parts.append(f"{named}: {VERDICT_WORDS[key]}")
    return "; ".join(parts) + "."


@dataclass(frozen=True)
class ReliabilityFacts:
    """What notebook 00 says about the two codings."""

    verdicts: str  # ``summary_sentence`` of the agreement table
    codes: int  # codes compared (statements x variables)
    disagreements: int
    sided_with: dict[str, int]  # 'first coder' / 'second coder' / 'neither' -> decisions
    weakest: str  # the variable with the lowest alpha, in words

    def prose(self) -> dict[str, object]:
        """The facts as ``report.say`` fields: ``reliable``, ``tentative`` (the thresholds),
        ``verdicts``, ``codes``, ``disagreements``, ``decided`` (disagreements adjudicated), ``first``, ``second``, ``weakest``."""
        return {
            "reliable": RELIABLE,
            "tentative": TENTATIVE,
            "verdicts": self.verdicts,
            "codes": self.codes,
            "disagreements": self.disagreements,
            "decided": sum(self.sided_with.values()),
            "first": self.sided_with.get("first coder", 0),
            "second": self.sided_with.get("second coder", 0),
            "weakest": self.weakest,
            "decisions": self.decisions,
        }

    @property
    def decisions(self) -> str:
        """How the disagreements were decided, and the least reliable variable, in words."""
        decided = sum(self.sided_with.values())
        if not self.disagreements:
            return "The two codings agree on every code."
        first = self.sided_with.get("first coder", 0)
        second = self.sided_with.get("second coder", 0)
        return (
            f"Of {counted(decided, 'disagreement')}, {counted(first, 'was', 'were')} decided for "
            f"the first coding and {second} for the second coder. The least reliable variable "
            f"is {self.weakest}."
        )


@memo.per_evidence
def reliability_facts(evidence: Evidence) -> ReliabilityFacts:
    """What notebook 00 states about the coding's reliability, computed once."""
    table = agreement(evidence)
    sided = disagreements(evidence)["sided with"].value_counts()
    return ReliabilityFacts(
        verdicts=summary_sentence(table),
        codes=int(table.statements.sum()),
        disagreements=int(table.disagree.sum()),
        sided_with={who: int(n) for who, n in sided.items()},
        weakest=str(table.alpha.idxmin()),
    )


@dataclass(frozen=True)
class Units:
    """On which statements the alphas were measured, and how many of them the codebook
    itself uses as worked examples."""

    coded: int  # statements both coders coded (the frozen codings' units)
    in_table: int  # of those, statements the table still holds
    examples: int | None  # of those, statements the codebook cites; None without a codebook


_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def codebook_passages(codebook: str) -> list[str]:
    """The article words a codebook quotes as examples: its code spans of three words or
    more, in comparison form (codes and ids are one word, so they drop out)."""
    spans = (text.normalise(span) for span in _CODE_SPAN.findall(codebook))
    return [span.strip(" .,;:") for span in spans if len(span.split()) >= 3]


def units_as_examples(evidence: Evidence) -> Units:
    """How many of the reliability units are also the codebook's worked examples: a unit
    counts when the codebook names its id or quotes three words or more of one of its
    mentions (``data/CODEBOOK.md`` of the data folder)."""
    units = set(evidence.first_coding.statement_id) & set(evidence.second_coding.statement_id)
    in_table = units & set(evidence.statements.statement_id)
    try:
        raw = safe_files.read_bytes(
            evidence.data_dir, "CODEBOOK.md", safe_files.MAX_DESCRIPTOR_BYTES
        )
        codebook = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError, safe_files.Refused):
        return Units(coded=len(units), in_table=len(in_table), examples=None)
    passages = codebook_passages(codebook)
    quotes = evidence.mentions.groupby("statement_id").quote.agg(list)
    named = set(re.findall(r"`([a-z0-9-]+)`", codebook))

    def cited(statement: str) -> bool:
        words = [text.normalise(q) for q in quotes.get(statement, [])]
        return statement in named or any(p in w for p in passages for w in words)

    return Units(
        coded=len(units), in_table=len(in_table), examples=sum(map(cited, sorted(in_table)))
    )


def units_prose(units: Units) -> tuple[str, dict[str, int]]:
    """Notebook 00's sentence on the units (a ``report.say`` template and its values); the
    part about the codebook's examples only where the data folder has a codebook."""
    template = (
        "The alphas were measured on the **{coded:~statement}** both coders coded, the "
        "articles' own statements; **{in_table}** of them are still in the table."
    )
    if units.examples is not None:
        template += (
            " **{examples}** of those {in_table} are also worked examples in the codebook (it "
            "names the statement or quotes three words or more of its reports), so these alphas "
            "show agreement on the cases the rules were written from, not on statements new to "
            "the codebook."
        )
    values = {"coded": units.coded, "in_table": units.in_table, "examples": units.examples or 0}
    return template, values
