"""The codebook trial's page states what its codings give: every number on it is computed.

``docs/codebook-trial.md`` is typed prose; these tests recompute, from the frozen codings in
``docs/codebook-trial/``, each number and list it states, and fail when the page and the
codings part."""

import json
import re

import pandas as pd
import pytest

from boots.analysis import trial as measured
from boots.analysis.reliability import nominal_alpha, variable_label
from boots.data.trial import TRIAL_DIR, TrialError, coded_variables, load_trial
from boots.util import config

PAGE = config.DOCS_DIR / "codebook-trial.md"


@pytest.fixture(scope="module")
def trial():
    return load_trial()


@pytest.fixture(scope="module")
def page():
    return PAGE.read_text(encoding="utf-8")


def _section(page: str, title: str) -> str:
    return page.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_page_states_the_computed_table_and_sentences(trial, page):
    assert measured.results_table(trial) in page
    assert measured.units_sentence(trial) in page
    assert measured.goal_sentence(trial) in page


def test_the_page_lists_every_disagreement_and_no_other(trial, page):
    section = _section(page, "Disagreements")
    for line in measured.disagreement_lines(trial):
        assert line in section
    assert set(re.findall(r"\*\*(f\d+)\*\*", section)) == set(measured.disagreements(trial).unit)


def test_the_page_lists_every_guessed_unit_and_no_other(trial, page):
    section = _section(page, "Guesses")
    for line in measured.guess_lines(trial):
        assert line in section
    assert set(re.findall(r"\*\*(f\d+)\*\*", section)) == set(measured.guesses(trial))


def test_no_number_on_the_page_escapes_the_check(trial, page):
    """What is left of the page once the computed text is taken out holds no number but the
    trial's provenance (its date, the codebook's commit, the issue), units, rule ids and
    W5's steps."""
    rest = page
    computed = [
        measured.results_table(trial),
        measured.units_sentence(trial),
        measured.goal_sentence(trial),
        *measured.disagreement_lines(trial),
        *measured.guess_lines(trial),
    ]
    for text in computed:
        rest = rest.replace(text, "")
    tokens = re.findall(r"[\w.-]*\d[\w.-]*", rest)
    provenance = {"2026-12-06", "e16764f", "22", "00"}
    for token in tokens:
        token = token.strip(".-")
        assert (
            token in provenance
            or re.fullmatch(r"[A-Z]\d", token)
            or token in trial.units
            or token == str(measured.GOAL)  # issue 22's goal, as the computed sentence has it
        ), f"{token!r} on the page is neither computed nor provenance"


def test_alpha_is_the_projects_nominal_alpha_on_the_two_codings(trial):
    first, second = trial.codings.values()
    table = measured.agreement(trial)
    for variable in coded_variables():
        name = variable_label(variable)
        assert table.at[name, "alpha"] == nominal_alpha(first[variable], second[variable])
        assert table.at[name, "agree"] == int((first[variable] == second[variable]).sum())


def test_the_trial_material_is_kept_whole():
    """The codings and units are the trial's, not edited: the coders' units are the units,
    and every coder coded each of them once."""
    units = json.loads((TRIAL_DIR / "units.json").read_text(encoding="utf-8"))
    blind = json.loads((TRIAL_DIR / "units_blind.json").read_text(encoding="utf-8"))
    assert [u["unit"] for u in units] == [u["unit"] for u in blind]
    for coder in ("coder1", "coder2"):
        frame = pd.read_csv(TRIAL_DIR / f"{coder}.csv", dtype=str)
        assert sorted(frame.unit) == sorted(u["unit"] for u in units)


def _copy(tmp_path, rewrite=None):
    for name in ("units.json", "coder1.csv", "coder2.csv"):
        (tmp_path / name).write_bytes((TRIAL_DIR / name).read_bytes())
    if rewrite:
        path = tmp_path / "coder2.csv"
        path.write_text(rewrite(path.read_text(encoding="utf-8")), encoding="utf-8")
    return tmp_path


def test_agreement_and_guesses_follow_the_codings(tmp_path):
    """Coder 2 copying coder 1's codes and guessing nothing gives alpha 1 and only coder 1's
    guesses: the measure reads the files, it does not restate the page."""
    folder = _copy(tmp_path)
    (folder / "coder2.csv").write_bytes((folder / "coder1.csv").read_bytes())
    copied = load_trial(folder)
    assert (measured.agreement(copied).alpha == 1.0).all()
    assert measured.disagreements(copied).empty
    assert all(who == ["coder1", "coder2"] for who in measured.guesses(copied).values())


@pytest.mark.parametrize(
    ("rewrite", "message"),
    [
        (lambda t: t.replace("f17,warns", "f17,threatens", 1), "coder2.csv:18: column 'stance'"),
        (lambda t: "\n".join(t.splitlines()[:-1]) + "\n", "unit(s) not coded: f30"),
        (lambda t: t.replace(",no,", ",maybe,", 1), "column 'guessed'"),
    ],
)
def test_a_damaged_coding_is_refused_with_file_and_line(tmp_path, rewrite, message):
    with pytest.raises(TrialError, match=re.escape(message)):
        load_trial(_copy(tmp_path, rewrite))
