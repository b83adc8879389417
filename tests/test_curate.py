"""Adding an article, the messages that guide the curator, and accepting a reviewed draft.
Every case works on a temporary copy of the data."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from boots.curate.accept import AcceptError, accept
from boots.curate.add_article import AddError, add_article, propose_body
from boots.curate.draft import draft, write_draft
from boots.data import tables, text
from boots.data.schema import TO_FILL, resources
from boots.data.validate import Report, validate
from boots.util import config
from tests.helpers import ARTICLE, fill_curator_cells


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_add_article_copies_the_text_hashes_it_and_appends_one_row(data_copy):
    table = data_copy / "articles.csv"
    before = table.read_bytes()
    row = add_article(ARTICLE, data_copy, "ledger")
    digest = hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    numbers = [int(p.name[:3]) for p in (data_copy / "articles").glob("*.txt")]
    assert row["file"] == f"{max(numbers):03d}_{digest[:16]}.txt"
    assert (data_copy / "articles" / row["file"]).read_bytes() == ARTICLE.read_bytes()
    assert table.read_bytes().startswith(before), "existing rows are kept byte for byte"
    added = _rows(table)[-1]
    assert added["sha256"] == digest and added["article_id"] == "ledger"
    assert added["headline"] == ARTICLE.read_text(encoding="utf-8").splitlines()[0]
    assert added["body_lines"] == propose_body(ARTICLE.read_text(encoding="utf-8")).body_lines
    computed = {"article_id", "file", "sha256", "body_lines", "headline"}
    assert {c for c, v in added.items() if v != TO_FILL} == computed


def test_validation_lists_each_cell_left_to_fill_with_its_codebook_section(data_copy):
    add_article(ARTICLE, data_copy, "ledger")
    line = len(_rows(data_copy / "articles.csv")) + 1
    marked = {c for c, v in _rows(data_copy / "articles.csv")[-1].items() if v == TO_FILL}
    report = validate(data_copy)
    on_row = [p for p in report.problems if (p.file, p.line) == ("articles.csv", line)]
    assert sorted(p.column for p in on_row) == sorted(marked), "one problem per cell, no more"
    fields = resources()["articles"]
    for problem in on_row:
        assert problem.value == TO_FILL
        assert fields.field(problem.column).description in problem.expected
        assert "CODEBOOK.md, section 'articles.csv'" in problem.expected


def test_an_empty_sha256_gets_the_value_to_record(data_copy):
    table = data_copy / "articles.csv"
    rows = _rows(table)
    recorded = rows[0]["sha256"]
    table.write_text(table.read_text(encoding="utf-8").replace(recorded, ""), encoding="utf-8")
    report = validate(data_copy)
    about = [p for p in report.problems if p.column == "sha256"]
    assert len(about) == 1, [str(p) for p in about]
    assert f"{recorded} (the SHA-256 of {rows[0]['file']}: record this value)" in str(about[0])


def test_the_same_text_cannot_be_added_twice(data_copy):
    add_article(ARTICLE, data_copy, "ledger")
    with pytest.raises(AddError, match="already in the collection as 'ledger'"):
        add_article(ARTICLE, data_copy, "another")


def test_a_taken_id_and_a_non_utf8_file_are_refused(data_copy, tmp_path):
    with pytest.raises(AddError, match="is taken"):
        add_article(ARTICLE, data_copy, tables.load(data_copy).articles.article_id.iloc[0])
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 au lait\n".encode("latin-1"))
    with pytest.raises(AddError, match=r"latin.txt:1: not UTF-8"):
        add_article(latin, data_copy, "latin")


def test_body_lines_proposal_skips_page_furniture():
    proposal = propose_body(ARTICLE.read_text(encoding="utf-8"))
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    body = text.parse_line_ranges(proposal.body_lines)
    last = body[-1][1]
    assert lines[last - 1].startswith("One diplomat"), "the last prose line ends the body"
    assert all("Subscribe" not in lines[i] for i in range(last))


def test_closest_passage_hint_never_cuts_a_word():
    content = "Macron said that nothing can be ruled out in the future, he added."
    closest = text.closest_passage("nothing could be ruled out", content)
    start, end = closest.span.start, closest.span.end
    assert not content[start - 1].isalnum() and not content[end].isalnum()
    assert closest.passage.split()[0] in content.split()


def test_counts_agree_in_number():
    report = Report(config.DEFAULT_DATA_DIR)
    report.counts = {"articles": 1, "statements": 2, "quote_exclusions": 1, "lexicon": 3}
    report.checked_quotes, report.checked_passages = 1, 1
    summary = report.summary()
    assert "1 article," in summary and "2 statements" in summary
    assert "1 quote_exclusion," in summary and "3 lexicon" in summary
    assert "1 quote found" in summary and "1 quoted passage accounted" in summary
    report.add("x.csv", 1, None, None, "y")
    assert ": 1 problem;" in report.summary()


def _drafted(data_copy: Path, tmp_path: Path) -> Path:
    add_article(ARTICLE, data_copy, "ledger")
    fill_curator_cells(data_copy, "ledger", {})
    frame = draft(tables.load(data_copy), "ledger")
    path = tmp_path / "ledger-mentions.csv"
    write_draft(frame, path)
    return path


def test_accept_refuses_the_whole_draft_when_one_row_is_wrong(data_copy, tmp_path):
    path = _drafted(data_copy, tmp_path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    first = frame.index[frame.accept == "yes"][0]
    frame.loc[first, "statement_id"] = "no-such-statement"
    frame.to_csv(path, index=False)
    before = {p: p.read_bytes() for p in data_copy.glob("*.csv")}
    with pytest.raises(AcceptError) as raised:
        accept("ledger", data_copy, path)
    assert any(
        re.search(rf"ledger-mentions.csv:{first + 2}: column 'statement_id'", p)
        for p in raised.value.problems
    ), raised.value.problems
    assert {p: p.read_bytes() for p in data_copy.glob("*.csv")} == before


def test_accepted_rows_are_appended_with_ids_offsets_and_orders(data_copy, tmp_path):
    path = _drafted(data_copy, tmp_path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame.proposal == "no_speaker", ["proposal", "accept"]] = ["not_a_statement", "yes"]
    frame.to_csv(path, index=False)
    mentions_before = (data_copy / "mentions.csv").read_bytes()
    mentions, exclusions, warnings = accept("ledger", data_copy, path)
    assert warnings == []
    assert (data_copy / "mentions.csv").read_bytes().startswith(mentions_before)
    assert len(mentions) == (frame.proposal == "mention").sum()
    assert [m["order"] for m in mentions] == [str(i) for i in range(1, len(mentions) + 1)]
    written = tables.load(data_copy).mentions.set_index("mention_id")
    content = (data_copy / "articles" / _rows(data_copy / "articles.csv")[-1]["file"]).read_text(
        encoding="utf-8"
    )
    for mention in mentions:
        assert (
            written.at[mention["mention_id"], "offset"]
            == text.locate(mention["quote"], content).start
        )
    assert [e["reason"] for e in exclusions] == ["not_a_statement"]
