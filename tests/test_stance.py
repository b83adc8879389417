"""Notebook 01's logic: the country rule, map data driven by the tables, titles."""

from __future__ import annotations

import pandas as pd
import pytest

from boots.analysis import stance
from boots.data import geo, tables
from boots.render import style


def frame(*rows):
    return pd.DataFrame(rows, columns=["stance", "rank", "name"])


def test_most_senior_position_decides_and_disagreement_is_marked_mixed():
    decided = stance.decide_stance(
        frame(("rules_out", 2, "Minister"), ("open", 1, "President"), ("other", 1, "President"))
    )
    assert decided.to_dict() == {"stance": "open", "mixed": True, "other_stance": "rules_out"}


def test_remarks_coded_other_do_not_colour_a_country_with_positions():
    decided = stance.decide_stance(frame(("other", 1, "PM"), ("rules_out", 3, "Spokesperson")))
    assert decided.to_dict() == {"stance": "rules_out", "mixed": False, "other_stance": None}


def test_a_country_with_only_other_remarks_is_other():
    assert stance.decide_stance(frame(("other", 1, "PM"))).stance == "other"


def test_ties_at_the_same_rank_go_to_the_more_frequent_stance():
    decided = stance.decide_stance(
        frame(("warns", 3, "a"), ("other", 3, "b"), ("warns", 3, "c"), ("welcomes", 3, "d"))
    )
    assert (decided.stance, decided.mixed) == ("warns", True)


def add_statement(data_dir, speaker_id, name, country, stance_code):
    """Append a speaker, a statement and a mention (of an existing passage) to a data copy."""
    with open(data_dir / "speakers.csv", "a", encoding="utf-8") as f:
        f.write(
            f"{speaker_id},{name},{name},,,Prime Minister,{country},Government,person,1,test row\n"
        )
    with open(data_dir / "statements.csv", "a", encoding="utf-8") as f:
        f.write(
            f"{speaker_id}-says,{speaker_id},2024-02-27,2024-02-27,test,,,{stance_code},categorical,"
            "any_troops,own_country,individual,Test statement.,\n"
        )
    with open(data_dir / "mentions.csv", "a", encoding="utf-8") as f:
        f.write(f"m999,{speaker_id}-says,voi,Deploying ground troops,direct,{name},said,,,0,1\n")


def test_adding_a_statement_for_a_country_without_one_changes_its_colour(data_copy):
    borders = geo.load_borders(data_copy)
    before = stance.map_data(tables.load(data_copy), borders).set_index("country")
    assert before.loc["NO", "stance"] == "no_statement"
    assert before.loc["NO", "colour"] == style.NO_STATEMENT["colour"]
    add_statement(data_copy, "test-norway", "Test Speaker", "NO", "rules_out")
    after = stance.map_data(tables.load(data_copy), borders).set_index("country")
    assert after.loc["NO", "stance"] == "rules_out"
    assert after.loc["NO", "colour"] == style.STANCE_COLOURS["rules_out"]
    assert after.drop(index="NO").equals(before.drop(index="NO"))


def test_a_dissenting_senior_speaker_makes_a_country_mixed(data_copy):
    add_statement(data_copy, "test-germany", "Test Speaker", "DE", "open")
    row = (
        stance.map_data(tables.load(data_copy), geo.load_borders(data_copy))
        .set_index("country")
        .loc["DE"]
    )
    assert (row.stance, row.mixed, row.other_stance, row.hatch) == (
        "open",
        True,
        "rules_out",
        "////",
    )
    assert row.hatch_colour == style.STANCE_COLOURS["rules_out"]


def test_speakers_off_the_map_are_kept_in_the_map_data(ev):
    mapped = stance.map_data(ev, geo.load_borders())
    off = mapped[~mapped.on_map].set_index("name")
    assert off.loc["NATO", "speakers"] == "Jens Stoltenberg"
    assert "US" in set(off.country)


def test_titles_are_computed_from_the_data():
    countries = pd.DataFrame(
        {"name": ["A", "B", "C", "D"], "stance": ["rules_out", "rules_out", "open", "warns"]}
    )
    assert (
        stance.map_title(countries)
        == "2 of 4 governments quoted ruled troops out; C kept the door open; D warned"
    )
    counts = pd.Series({"categorical": 1, "no_plans": 2, "not_now": 0, "unspecified": 3})
    assert (
        stance.firmness_title(counts)
        == "Of 6 denials, 1 was categorical, 2 denied only plans, 0 held 'for the moment'"
    )


@pytest.mark.parametrize(
    ("earliest", "latest", "label"),
    [
        ("2024-02-27", "2024-02-27", "on 27 Feb"),
        ("2024-02-26", "2024-02-28", "between 26 Feb and 28 Feb"),
        ("2024-02-26", None, "on or after 26 Feb"),
        (None, "2024-02-26", "on or before 26 Feb"),
        (None, None, "date not known"),
    ],
)
def test_date_labels_keep_open_ends_open(earliest, latest, label):
    row = {
        "date_earliest": pd.Timestamp(earliest) if earliest else pd.NaT,
        "date_latest": pd.Timestamp(latest) if latest else pd.NaT,
    }
    assert stance.date_label(row) == label


def test_statement_table_has_one_row_per_statement_with_the_shortest_quotation(ev):
    table = stance.statement_table(ev).set_index("statement_id")
    assert len(table) == len(ev.statements)
    assert (
        table.loc["stoltenberg-no-plans", "shortest wording"]
        == "no plans for NATO combat troops on the ground in Ukraine"
    )
    assert (
        table.loc["stoltenberg-no-plans", "reported by"]
        == "Al Jazeera, Associated Press, Euronews, Mind.ua, VOI"
    )
    assert table.loc["es-distanced", "wording is"] == "paraphrase"
