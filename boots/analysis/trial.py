"""What a codebook trial measured: alpha per variable, every disagreement, every guess.

The trial (``boots.data.trial``) is two or more blind codings of invented units. Alpha is
Krippendorff's, nominal, from ``boots.analysis.reliability.nominal_alpha`` (the measure notebook
00 reports for the articles' own statements), on the first two codings. The page
``docs/codebook-trial.md`` reports these values; ``tests/test_codebook_trial.py`` binds it to them.
"""

from __future__ import annotations

import re

import pandas as pd

from boots.analysis.reliability import code_label, nominal_alpha, variable_label
from boots.data.trial import Trial, coded_variables

GOAL = 0.9  # issue 22: alpha at least 0.9 on every variable


def _pair(trial: Trial) -> tuple[tuple[str, pd.DataFrame], tuple[str, pd.DataFrame]]:
    first, second = list(trial.codings.items())[:2]
    return first, second


def agreement(trial: Trial) -> pd.DataFrame:
    """Per variable (in words): units, agreements, disagreements and nominal alpha."""
    (_, first), (_, second) = _pair(trial)
    rows = []
    for variable in coded_variables():
        agree = int((first[variable] == second[variable]).sum())
        rows.append(
            {
                "variable": variable_label(variable),
                "units": len(trial.units),
                "agree": agree,
                "disagree": len(trial.units) - agree,
                "alpha": nominal_alpha(first[variable], second[variable]),
            }
        )
    return pd.DataFrame(rows).set_index("variable")


def disagreements(trial: Trial) -> pd.DataFrame:
    """One row per unit and variable the two coders coded differently, codes in words."""
    (one, first), (two, second) = _pair(trial)
    rows = [
        {
            "unit": unit,
            "variable": variable_label(variable),
            one: code_label(variable, first.at[unit, variable]),
            two: code_label(variable, second.at[unit, variable]),
        }
        for unit in trial.units
        for variable in coded_variables()
        if first.at[unit, variable] != second.at[unit, variable]
    ]
    return pd.DataFrame(rows, columns=["unit", "variable", one, two])


def guesses(trial: Trial) -> dict[str, list[str]]:
    """Each unit some coder marked as guessed, with the coders who guessed, in unit order."""
    out: dict[str, list[str]] = {}
    for unit in trial.units:
        who = [c for c, coding in trial.codings.items() if coding.at[unit, "guessed"] == "yes"]
        if who:
            out[unit] = who
    return out


def results_table(trial: Trial) -> str:
    """The agreement table as Markdown, alpha to three decimals (the units are in
    ``units_sentence``; four columns fit a phone)."""
    lines = ["| variable | agree | disagree | alpha |", "|---|---:|---:|---:|"]
    for row in agreement(trial).itertuples():
        lines.append(f"| {row.Index} | {row.agree} | {row.disagree} | {row.alpha:.3f} |")
    return "\n".join(lines)


def coder_name(coder: str) -> str:
    """A coding's file stem in words: ``coder1`` -> "coder 1"."""
    return re.sub(r"(?<=[a-z])(?=[0-9])", " ", coder)


def disagreement_lines(trial: Trial) -> list[str]:
    """The opening of the page's line for each disagreement: unit, variable, both codes."""
    table = disagreements(trial)
    one, two = table.columns[2:4]
    return [
        f"- **{row.unit}**, {row.variable}: {coder_name(one)} “{row[one]}”, "
        f"{coder_name(two)} “{row[two]}”."
        for _, row in table.iterrows()
    ]


def guess_lines(trial: Trial) -> list[str]:
    """The opening of the page's line for each guessed unit: the unit and who guessed."""
    return [
        f"- **{unit}**, guessed by {' and '.join(map(coder_name, who))}."
        for unit, who in guesses(trial).items()
    ]


def units_sentence(trial: Trial) -> str:
    """How many coders coded how many units."""
    return (
        f"{len(trial.codings)} coders each coded all {len(trial.units)} units, "
        "independently and blind to each other."
    )


def goal_sentence(trial: Trial) -> str:
    """Whether the goal of issue 22 was met, in one sentence computed from the codings."""
    table = agreement(trial)
    met = table[table.alpha >= GOAL]
    guessed = guesses(trial)
    alpha = (
        f"Alpha is at least {GOAL} on {len(met)} of the {len(table)} variables"
        f" (lowest: {table.alpha.idxmin()}, {table.alpha.min():.3f})"
    )
    if not guessed:
        return alpha + ", and no code was guessed."
    return (
        alpha + f", but the coders marked {len(guessed)} of the {len(trial.units)} units as "
        "guessed, so the goal (no variable decided by guesswork) was not met."
    )
