"""Labels from the schema, dates in words, tables in words, and the closing findings."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from boots.analysis import evidence as evidence_module
from boots.analysis import framing, readable, spread, stance
from boots.data import labels, tables
from boots.util import config


@pytest.fixture(scope="module")
def ev():
    return tables.load()


def test_every_coded_column_has_a_label_for_each_allowed_value_and_no_other():
    descriptor = json.loads((config.DEFAULT_DATA_DIR / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            enum = field.get("constraints", {}).get("enum")
            if not enum or field["name"] == "byline_wire" or field["name"] == "via":
                continue
            values = [c["value"] for c in field.get("categories", [])]
            assert values == enum, (resource["name"], field["name"])
            assert all(
                (c["label"] and c["label"] != c["value"]) or "_" not in c["value"]
                for c in field["categories"]
            )


def test_labels_replace_codes_and_leave_unknown_values_alone():
    assert labels.label("stance", "rules_out") == "rules it out"
    assert labels.label("scope", "any_troops") == "ground troops of any kind"
    assert labels.label("firmness", "no_plans").startswith("no current plans")
    assert labels.label("stance", "not-a-code") == "not-a-code"
    assert labels.label("stance", None) == ""


@pytest.mark.parametrize(
    ("earliest", "latest", "words"),
    [
        ("2024-02-27", "2024-02-27", "on 27 February 2024"),
        ("2024-02-26", "2024-02-28", "between 26 and 28 February 2024"),
        ("2024-01-30", "2024-02-02", "between 30 January 2024 and 2 February 2024"),
        ("2024-02-27", None, "on or after 27 February 2024"),
        ("", "2024-02-26", "on or before 26 February 2024"),
        (None, float("nan"), "date unknown"),
    ],
)
def test_dates_say_no_more_than_their_bounds(earliest, latest, words):
    assert labels.date_as_known(earliest, latest) == words


def test_statement_bounds_read_both_layouts_of_the_table():
    day = pd.Timestamp("2024-02-27")
    old = {"date": day, "date_precision": "before", "date_earliest": None}
    assert labels.statement_bounds(old) == (None, day)
    new = {"date_earliest": None, "date_latest": day}
    assert labels.statement_bounds(new) == (None, day)
    article = {"published": day, "published_certainty": "inferred"}
    assert labels.published_bounds(article) == (day, None), "no earlier than bounds nothing above"


def test_readable_tables_show_words_not_codes(ev):
    countries = readable.view(stance.country_stances(ev))
    assert "country" in countries.columns and "CZ" not in set(countries.country)
    assert "rules it out" in set(countries.stance)
    assert not {"rules_out", "warns"} & set(countries.stance)
    focus = readable.view(framing.focus_matrix(ev))
    assert "NATO's denial" in focus.index and "nato_denial" not in focus.index
    shares = readable.view(framing.stance_shares(ev))
    assert "rules it out" in shares.columns and "rules_out" not in shares.columns
    reach = readable.view(spread.reach_table(ev, spread.relay_table(ev)))
    assert "statement_id" not in reach.columns and set(reach["reached all"]) <= {"yes", "no"}


def test_drift_changes_are_ins_and_del_and_keep_the_printed_case():
    html = framing.diff_html(
        "There are no plans for NATO troops", "There are No plans to send troops"
    )
    assert html.startswith("There are No plans")
    assert '<del class="drift" title="not in this wording">for NATO</del>' in html
    assert '<ins class="drift" title="added in this wording">to send</ins>' in html
    assert "[-" not in html and "{+" not in html
    assert "&lt;b&gt;" in framing.diff_html("a", "a <b>")


@pytest.mark.parametrize("module", [stance, spread, framing])
def test_what_we_found_is_three_to_five_computed_sentences(ev, module):
    sentences = module.what_we_found(ev)
    assert 3 <= len(sentences) <= 5
    assert all((s.endswith(".") and s[0].isupper()) or s[0].isdigit() for s in sentences)


def test_what_we_found_numbers_come_from_the_tables(ev):
    first = evidence_module.what_we_found(ev, problems=0, found=len(ev.mentions))[0]
    assert f"report {len(ev.statements)} statements" in first
    assert f"in {len(ev.mentions)} mentions" in first
    firmness = stance.firmness_counts(ev)
    assert (
        f"Of {firmness.sum()} denials, {firmness['categorical']} were categorical"
        in (stance.what_we_found(ev)[1])
    )
