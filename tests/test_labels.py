"""Labels from the schema, dates in words, tables in words, and the closing findings."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from boots.analysis import framing, reader_tables, sources, spread, stance
from boots.data import dates, labels
from boots.util import config


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


DAY, LATER = pd.Timestamp("2024-02-26"), pd.Timestamp("2024-02-28")


@pytest.mark.parametrize(
    ("earliest", "latest", "words"),
    [
        (DAY, DAY, "on 26 February 2024"),
        (DAY, LATER, "between 26 February 2024 and 28 February 2024"),
        (DAY, pd.NaT, "on or after 26 February 2024"),
        ("", LATER, "on or before 28 February 2024"),
        (None, float("nan"), "date not known"),
    ],
)
def test_statement_dates_say_no_more_than_their_bounds(earliest, latest, words):
    row = pd.Series({"date_earliest": earliest, "date_latest": latest}, dtype=object)
    assert dates.statement_date(row) == words


def test_a_publication_date_known_from_below_stays_open(ev):
    for row in ev.articles.itertuples():
        words = dates.publication_date(row)
        assert words.startswith("on or after "), "no earlier than bounds nothing above"


def test_readable_tables_show_words_not_codes(ev):
    countries = reader_tables.view(stance.country_stances(ev))
    assert "country" in countries.columns and "CZ" not in set(countries.country)
    assert "rules it out" in set(countries.stance)
    assert not {"rules_out", "warns"} & set(countries.stance)
    focus = reader_tables.view(framing.focus_matrix(ev))
    assert "NATO's denial" in focus.index and "nato_denial" not in focus.index
    shares = reader_tables.view(framing.stance_shares(ev))
    assert "rules it out" in shares.columns and "rules_out" not in shares.columns
    reach = reader_tables.view(spread.reach_table(ev, spread.relay_table(ev)))
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
    first = sources.what_we_found(ev, problems=0, found=len(ev.mentions))[0]
    assert f"report {len(ev.statements)} statements" in first
    assert f"in {len(ev.mentions)} mentions" in first
    firmness = stance.firmness_counts(ev)
    assert (
        f"Of {firmness.sum()} denials, {firmness['categorical']} were categorical"
        in (stance.what_we_found(ev)[1])
    )
