"""Notebook 02's logic: timeline, reaction graph, relay, all driven by the tables."""

from __future__ import annotations

import csv
import hashlib

import pandas as pd

from boots.analysis import reuse, spread
from boots.data import tables
from boots.data.validate import validate

SIXTH = """Test Wire Daily: NATO rules out troops

NATO's chief Jens Stoltenberg said there are “no plans for NATO combat troops on the ground in Ukraine”, according to Reuters.

Macron had said “nothing can be ruled out”.
"""


def add_sixth_article(folder):
    """A sixth article with two mentions, added the way the README tells a curator to."""
    path = folder / "articles" / "005_test.txt"
    path.write_text(SIXTH, encoding="utf-8")
    lede = "NATO's chief Jens Stoltenberg said there are “no plans for NATO combat troops on the ground in Ukraine”, according to Reuters."
    append(
        folder / "articles.csv",
        [
            "testwire",
            "005_test.txt",
            hashlib.sha256(path.read_bytes()).hexdigest(),
            "Test Wire Daily",
            "test outlet",
            "invented for a test",
            "stated",
            "en",
            "en",
            "none",
            "n/a",
            "original",
            "n/a",
            "Reuters",
            "",
            "Test Wire Daily: NATO rules out troops",
            "",
            lede,
            "nato_denial",
            "nato_denial",
            "2024-03-01",
            "2024-03-01",
            "stated",
            "test",
            "1-5",
            "",
        ],
    )
    stoltenberg = "no plans for NATO combat troops on the ground in Ukraine"
    macron = "nothing can be ruled out"
    append(
        folder / "mentions.csv",
        [
            "m901",
            "stoltenberg-no-plans",
            "testwire",
            stoltenberg,
            "direct",
            "NATO's chief Jens Stoltenberg",
            "said",
            "according to Reuters",
            "Reuters",
            str(SIXTH.index(stoltenberg)),
            "1",
        ],
    )
    append(
        folder / "mentions.csv",
        [
            "m902",
            "macron-nothing-ruled-out",
            "testwire",
            macron,
            "direct",
            "Macron",
            "said",
            "",
            "",
            str(SIXTH.index(macron)),
            "2",
        ],
    )


def append(path, row):
    with open(path, "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(row)


def test_the_sixth_article_is_valid_data(data_copy):
    add_sixth_article(data_copy)
    report = validate(data_copy)
    assert report.problems == [], "\n".join(map(str, report.problems))


def test_a_sixth_article_changes_timeline_relay_and_reuse_without_code_changes(data_copy):
    before = tables.load(data_copy)
    add_sixth_article(data_copy)
    after = tables.load(data_copy)

    marks = spread.article_marks(after)
    assert len(marks) == len(spread.article_marks(before)) + 1
    new_mark = marks.set_index("article_id").loc["testwire"]
    assert new_mark.published_earliest == pd.Timestamp("2024-03-01")
    assert new_mark.published == "on 1 Mar"

    relay = spread.relay_table(after)
    new = relay[relay.article_id == "testwire"].set_index("statement_id")
    assert new.at["stoltenberg-no-plans", "channel"] == "Reuters"
    assert new.at["macron-nothing-ruled-out", "channel"] == spread.NO_CREDIT
    reach = spread.reach_table(after, relay).set_index("statement_id")
    earlier = before.mentions[before.mentions.statement_id == "stoltenberg-no-plans"]
    assert reach.at["stoltenberg-no-plans", "outlets"] == earlier.article_id.nunique() + 1
    assert "Test Wire Daily" in reach.at["stoltenberg-no-plans", "carried by"]

    bodies = {a: after.body(a) for a in after.articles.article_id}
    contained, similar = reuse.reuse_matrices(bodies)
    assert contained.shape == similar.shape == (6, 6) and "testwire" in contained.index
    assert contained.at["testwire", "aljazeera"] > 0  # it repeats Al Jazeera's quotation


def test_reaction_graph_links_speakers_with_counts(ev):
    nodes, edges = spread.reaction_graph(ev)
    peskov = edges[(edges.source == "macron") & (edges.target == "peskov")]
    assert peskov.statements.item() == 3
    # Euronews alone says Stoltenberg "echoed Scholz's words" (responses.csv, rule R2).
    assert set(edges.source) == {"macron", "scholz"}
    scholz = edges[edges.source == "scholz"]
    assert scholz.target.tolist() == ["stoltenberg"]
    assert nodes.set_index("speaker_id").at["macron", "stance"] == "open"


def test_relay_falls_back_from_credit_to_byline_to_none(ev):
    relay = spread.relay_table(ev).set_index(["statement_id", "article_id"])
    assert relay.at[("stoltenberg-no-plans", "voi"), "channel"] == "TASS"
    assert relay.at[("stoltenberg-no-plans", "euronews"), "channel"] == "AP (byline)"
    assert relay.at[("stoltenberg-no-plans", "aljazeera"), "channel"] == spread.NO_CREDIT


def test_first_outlet_lists_every_tie():
    relay = pd.DataFrame(
        {
            "statement_id": ["s", "s", "s"],
            "speaker": ["X"] * 3,
            "outlet": ["A", "B", "C"],
            "published on or after": pd.to_datetime(["2024-02-28", "2024-02-27", "2024-02-27"]),
            "channel": ["AP", "AP", spread.NO_CREDIT],
        }
    )

    class Fake:
        articles = pd.DataFrame({"outlet": ["A", "B", "C", "D"]})

    row = spread.reach_table(Fake(), relay).iloc[0]
    assert row["can have been first"] == "B, C"
    assert row.outlets == 3 and not row["reached all"]


def test_titles_count_from_the_data(ev):
    relay = spread.relay_table(ev)
    title = spread.relay_title(relay)
    assert title.startswith(
        f"{(relay.channel == spread.NO_CREDIT).sum()} of {len(relay)} mentions credit no channel"
    )
    assert spread.root_statement(ev) == "macron-nothing-ruled-out"


def test_timeline_keeps_open_ends_open(ev):
    rows = spread.timeline_rows(ev)
    fico = rows[rows.speaker_id == "fico"]
    assert fico.date_earliest.isna().all() and (fico.when == "on or before 26 Feb").all()
    sejourne = rows[rows.speaker_id == "sejourne"].iloc[0]
    assert pd.isna(sejourne.date_latest) and sejourne.when == "on or after 26 Feb"
    # No row gets a bound its statements lack.
    stated = ev.statements.set_index("statement_id")
    for row in rows.itertuples():
        ids = row.ids.split(";")
        assert stated.loc[ids, "date_latest"].isna().all() == pd.isna(row.date_latest)


def test_timeline_title_counts_only_known_latest_days(ev):
    title = spread.timeline_title(ev)
    open_latest = int(ev.statements.date_latest.isna().sum())
    assert f"{open_latest} have no known latest day" in title
