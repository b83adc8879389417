"""The drafting assistant's benchmark: it counts every curated mention, it can fail, and the
README shows what it measures now."""

from __future__ import annotations

import os
import subprocess

import pandas as pd
import pytest

from boots.curate import bench
from boots.data import tables
from boots.util import config


@pytest.fixture(scope="module")
def evidence():
    return tables.load()


@pytest.fixture(scope="module")
def result(evidence):
    return bench.table(bench.evaluate(evidence))


def test_every_curated_mention_is_counted_once(evidence, result):
    overall = result[result.name == "all"].iloc[0]
    assert overall.mentions == len(evidence.mentions)
    by_type = result[result.group == "quote type"].set_index("name").mentions
    counts = evidence.mentions.quote_type.value_counts()
    for quote_type, n in counts.items():
        assert by_type[quote_type] == n
    per_article = result[result.group == "article"].set_index("name").mentions
    assert per_article.to_dict() == evidence.mentions.article_id.value_counts().to_dict()


def test_wrong_proposals_score_low(evidence, monkeypatch):
    real = bench.draft

    def wrong_speakers(held, article_id):
        frame = real(held, article_id)
        return frame.assign(speaker_id="nobody", verb="whispered")

    monkeypatch.setattr(bench, "draft", wrong_speakers)
    overall = bench.table(bench.evaluate(evidence)).set_index("name").loc["all"]
    assert overall.speaker_P == 0 and overall.speaker_R == 0 and overall.verb_R == 0
    assert overall.passage_R > 0


def test_the_readme_shows_the_current_measurement(evidence, result):
    block = bench.readme_block(result, bench.row_proposals(evidence))
    readme = (config.ROOT / "README.md").read_text(encoding="utf-8")
    assert block in readme, "README table is stale: run `make bench-draft`"


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


def test_bench_writes_its_table(tmp_path):
    assert bench.main(["--out", str(tmp_path)]) == 0
    written = pd.read_csv(tmp_path / "bench-draft.csv")
    assert {"passage_P", "speaker_R", "statement_P", "verb_R"} <= set(written.columns)
    assert (tmp_path / "bench-draft.json").is_file()


def _kinds_over(drafted: pd.DataFrame, passage: str, content: str) -> set[str]:
    """The kinds of the proposals with a speaker whose passage overlaps ``passage``."""
    from boots.data import text

    span = text.locate(passage, content)
    assert span, passage
    kinds = set()
    for row in drafted[drafted.speaker_id != ""].itertuples():
        end = row.offset + len(bench._original(row.quote, content, row.offset))
        if row.offset < span.end and span.start < end:
            kinds.add(row.proposal)
    return kinds


def test_the_off_topic_rule_agrees_with_the_curated_tables(evidence):
    """Rule S2 as drafted, leave one article out: no curated mention is proposed as off
    topic, and every quotation the curators excluded as off topic that the draft gives a
    speaker is proposed as off topic."""
    exclusions = evidence.quote_exclusions
    off_topic = exclusions[exclusions.reason == "off_topic"]
    checked = 0
    for article_id in evidence.articles.article_id:
        content = evidence.texts[article_id]
        drafted = bench.draft(bench.held_out(evidence, article_id), article_id)
        for quote in evidence.mentions[evidence.mentions.article_id == article_id].quote:
            assert "off_topic" not in _kinds_over(drafted, quote, content), (article_id, quote)
        for passage in off_topic[off_topic.article_id == article_id].passage:
            kinds = _kinds_over(drafted, passage, content)
            if kinds:
                assert kinds == {"off_topic"}, (article_id, passage, kinds)
                checked += 1
    assert checked or off_topic.empty
