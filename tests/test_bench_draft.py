"""The drafting benchmark: what it counts, that it can fail, its three sets, and the README's
place for its tables (the numbers themselves are written by `make bench-draft`, not pinned
here, so a change to the drafter does not fail `make test` until the README is rewritten)."""

from __future__ import annotations

import os
import subprocess

import pandas as pd
import pytest

from boots.curate import bench
from boots.data import tables
from boots.util import config

ARTICLE = (
    "Harbour talks end without a deal\n\n"
    '"No sailors will be sent north," Anna Berg said on Monday.\n\n'
    'A senior official called the plan "a shot in the dark".\n'
)
KEY = pd.DataFrame(
    [
        ("harbour", "No sailors will be sent north", "berg", "berg-no-sailors", "direct", ""),
        ("harbour", "a shot in the dark", "", "", "unnamed", ""),
    ],
    columns=["article_id", "passage", "speaker_id", "statement_id", "kind", "note"],
)


@pytest.fixture(scope="module")
def evidence():
    return tables.load()


def _drafted(speakers: list[str], statements: list[str]) -> pd.DataFrame:
    quotes = ["No sailors will be sent north", "a shot in the dark"]
    offsets = [ARTICLE.index(q) for q in quotes]
    return pd.DataFrame(
        {
            "draft_id": ["d001", "d002"],
            "proposal": ["mention", "no_speaker"],
            "speaker_id": speakers,
            "statement_id": statements,
            "quote": quotes,
            "quote_type": ["direct", "direct"],
            "offset": offsets,
        }
    )


def test_scoring_counts_right_and_wrong_rows():
    keys, drafts = bench.score_article(
        "harbour", ARTICLE, _drafted(["berg", ""], ["berg-no-sailors", ""]), KEY
    )
    result = bench.summary(keys, drafts)
    assert result["speaker right"] == "2/2 (100 %)"
    assert result["statement right"] == "2/2 (100 %)"
    assert result["precision of attributed rows"] == "1/1 (100 %)"
    keys, drafts = bench.score_article(
        "harbour", ARTICLE, _drafted(["nowak", "berg"], ["", "berg-no-sailors"]), KEY
    )
    result = bench.summary(keys, drafts)
    assert result["speaker right"] == "0/2 (0 %)"
    assert result["precision of attributed rows"] == "0/2 (0 %)"
    assert result["unnamed/scare/unknown/headline given a speaker"] == "1 of 1"


def test_every_curated_mention_is_in_the_key_of_the_five(evidence):
    key = bench.five_key(evidence)
    assert len(key) == len(evidence.mentions) + len(evidence.quote_exclusions)
    assert set(evidence.mentions.quote) <= set(key.passage)


def test_wrong_speakers_score_low(evidence, monkeypatch):
    real = bench.draft

    def wrong_speakers(held, article_id):
        frame = real(held, article_id)
        return frame.assign(speaker_id=frame.speaker_id.where(frame.speaker_id == "", "nobody"))

    monkeypatch.setattr(bench, "draft", wrong_speakers)
    result = bench.summary(*bench.run_five(evidence))
    assert result["precision of attributed rows"].startswith("0/")
    assert not result["speaker right"].startswith(result["key passages"])


def test_a_split_folder_is_drafted_and_scored(evidence, tmp_path):
    (tmp_path / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    KEY.to_csv(tmp_path / "key.csv", index=False)
    keys, drafts = bench.run_split(evidence, tmp_path)
    assert [k["passage"] for k in keys] == list(KEY.passage)
    # Anna Berg is in no table of the project: the draft must give her quotation no speaker
    assert not any(d["speaker_id"] == "berg" for d in drafts)
    assert bench.run_split(evidence, tmp_path / "missing") is None


def test_bench_writes_its_tables(tmp_path):
    assert bench.main(["--out", str(tmp_path), "--only", "five", "--no-speed"]) == 0
    written = pd.read_csv(tmp_path / "bench-draft.csv")
    assert list(written.columns) == ["measure", bench.SETS["five"], "goal"]
    assert (tmp_path / "bench-draft.json").is_file()


def test_the_readme_holds_the_three_tables_side_by_side():
    readme = (config.ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index(bench.README_START) : readme.index(bench.README_END)]
    header = block.splitlines()[1]
    assert header == "| " + " | ".join(["measure", *bench.SETS.values(), "goal"]) + " |"


def test_make_lab_allows_root_only_for_root():
    dry = subprocess.run(
        ["make", "-n", "lab"],
        cwd=config.ROOT,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL"}},
        check=True,
    )
    line = [entry for entry in dry.stdout.splitlines() if "jupyter lab" in entry]
    assert line, dry.stdout
    assert ("--allow-root" in line[0]) == (os.geteuid() == 0)


def test_no_curated_mention_is_proposed_as_off_topic(evidence):
    """Rule S2 as drafted, leave one article out: a drafted off-topic row never overlaps a
    curated mention of its article."""
    for article_id in evidence.articles.article_id:
        content = evidence.texts[article_id]
        frame = bench.draft(bench.held_out(evidence, article_id), article_id)
        off = frame[frame.proposal == "off_topic"]
        spans = bench._drafted_spans(off, content)
        for quote in evidence.mentions[evidence.mentions.article_id == article_id].quote:
            located = bench._span(quote, content)
            assert located
            assert not any(s < located[1] and located[0] < e for s, e in spans), (article_id, quote)


def test_a_quotation_inside_an_unnamed_sources_words_is_scored_on_its_own():
    article = "Talks end\n\nA clerk said: \u201eWhen Anna Berg says \u201ano sailors\u2018, we hear a promise.\u201c\n"
    outer = "When Anna Berg says \u201ano sailors\u2018, we hear a promise."
    key = pd.DataFrame(
        [
            ("t", outer, "", "", "unnamed", ""),
            ("t", "no sailors", "berg", "berg-no-sailors", "partial", ""),
        ],
        columns=KEY.columns,
    )
    frame = pd.DataFrame(
        {
            "draft_id": ["d001", "d002"],
            "proposal": ["no_speaker", "mention"],
            "speaker_id": ["", "berg"],
            "statement_id": ["", "berg-no-sailors"],
            "quote": [outer, "no sailors"],
            "quote_type": ["direct", "direct"],
            "offset": [article.index(outer), article.index("no sailors")],
        }
    )
    result = bench.summary(*bench.score_article("t", article, frame, key))
    assert result["speaker right"] == "2/2 (100 %)"
    assert result["unnamed/scare/unknown/headline given a speaker"] == "0 of 1"
    # the same speaker on the outer row gives the unnamed passage a speaker
    wrong = frame.assign(speaker_id=["berg", "berg"])
    result = bench.summary(*bench.score_article("t", article, wrong, key))
    assert result["unnamed/scare/unknown/headline given a speaker"] == "1 of 1"


def test_the_speed_line_states_the_goal_met_or_missed():
    timings = [
        {"quotations": 8_000, "cpu_seconds": 2.0, "seconds": 4.0, "rows": 1},
        {"quotations": 32_000, "cpu_seconds": 9.5, "seconds": 20.0, "rows": 1},
    ]
    line = bench.speed_line(timings, (6.0, 5.0, 4.0), 2)
    assert "32,000 quotations in 9.5 s of CPU (20.0 s elapsed)" in line
    assert line.endswith("(met).") and "load average 6.0" in line
    timings[1]["cpu_seconds"] = 12.0
    assert bench.speed_line(timings, (6.0, 5.0, 4.0), 2).endswith("(missed).")
