"""Validation: the real data passes; each kind of bad input gets a located, clear error.

Every case runs on a temporary copy, checks the exact file, line and column reported,
checks that the command-line entry point exits 1 without a traceback, and checks that
validation changed no file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from boots.data.validate import main, validate
from boots.util import config
from tests.helpers import expect_problem, line_of, replace_in


def test_the_curated_data_is_valid():
    """The data folder's validation in `make test` (run once, here)."""
    report = validate(config.DEFAULT_DATA_DIR)
    assert report.problems == [], "\n".join(map(str, report.problems))
    assert report.warnings == [], "\n".join(map(str, report.warnings))
    assert report.checked_quotes == report.counts["mentions"] > 0
    assert report.checked_passages > 0


def test_unbalanced_quote(data_copy, capsys):
    path = data_copy / "speakers.csv"
    line = line_of(path, "macron")
    replace_in(path, "macron,Emmanuel Macron,", 'macron,"Emmanuel Macron,')
    expect_problem(data_copy, "speakers.csv", line, None, "unbalanced double quote", capsys)


def test_unbalanced_quote_at_the_end_of_the_file(data_copy, capsys):
    path = data_copy / "quote_exclusions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join([*lines[:-1], lines[-1].replace(",", ',"', 1)]) + "\n",
        encoding="utf-8",
    )
    expect_problem(
        data_copy, "quote_exclusions.csv", len(lines), None, "unbalanced double quote", capsys
    )


def test_byte_order_mark_is_accepted(data_copy):
    path = data_copy / "statements.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    report = validate(data_copy)
    assert report.problems == []


def test_non_utf8_bytes(data_copy, capsys):
    path = data_copy / "speakers.csv"
    line = line_of(path, "sejourne")
    path.write_bytes(
        path.read_bytes().replace(
            "Stéphane Séjourné".encode(), "Stéphane Séjourné".encode("latin-1")
        )
    )
    expect_problem(data_copy, "speakers.csv", line, "name", "UTF-8", capsys)


def test_unknown_stance_code(data_copy, capsys):
    path = data_copy / "statements.csv"
    line = line_of(path, "attal-cant-rule-out")
    replace_in(
        path,
        "open,not_applicable,not_specified,not_applicable,individual,You can",
        "maybe,not_applicable,not_specified,not_applicable,individual,You can",
    )
    expect_problem(
        data_copy,
        "statements.csv",
        line,
        "stance",
        "one of open, rules_out, warns, welcomes, other",
        capsys,
    )


def test_invalid_country_code(data_copy, capsys):
    path = data_copy / "speakers.csv"
    line = line_of(path, "gb-pm-spokesperson")
    replace_in(path, "UK Prime Minister,GB,", "UK Prime Minister,UK,")
    expect_problem(data_copy, "speakers.csv", line, "country", "use GB", capsys)


def test_impossible_date(data_copy, capsys):
    path = data_copy / "statements.csv"
    line = line_of(path, "tusk-no-plan")
    replace_in(
        path, "tusk-no-plan,tusk,2024-02-27,2024-02-27", "tusk-no-plan,tusk,2024-02-30,2024-02-30"
    )
    expect_problem(data_copy, "statements.csv", line, "date_earliest", "'2024-02-30'", capsys)


def test_duplicate_id(data_copy, capsys):
    path = data_copy / "mentions.csv"
    line = line_of(path, "m002")
    replace_in(path, "\nm002,", "\nm001,")
    expect_problem(data_copy, "mentions.csv", line, "mention_id", "unique", capsys)


def test_mention_of_a_missing_statement(data_copy, capsys):
    path = data_copy / "mentions.csv"
    line = line_of(path, "m001")
    replace_in(path, "\nm001,stoltenberg-no-plans,", "\nm001,stoltenberg-no-plan,")
    expect_problem(data_copy, "mentions.csv", line, "statement_id", "statements.csv", capsys)


def test_mention_of_a_missing_article(data_copy, capsys):
    path = data_copy / "mentions.csv"
    line = line_of(path, "m001")
    replace_in(
        path, "\nm001,stoltenberg-no-plans,aljazeera,", "\nm001,stoltenberg-no-plans,al-jazeera,"
    )
    expect_problem(data_copy, "mentions.csv", line, "article_id", "articles.csv", capsys)


def test_empty_required_field(data_copy, capsys):
    path = data_copy / "statements.csv"
    line = line_of(path, "attal-cant-rule-out")
    replace_in(path, "You cannot rule anything out in a war.", "")
    expect_problem(data_copy, "statements.csv", line, "summary", "required", capsys)


def test_unknown_extra_column(data_copy, capsys):
    path = data_copy / "mentions.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join([rows[0] + ",sentiment"] + [r + ",x" for r in rows[1:]]) + "\n", encoding="utf-8"
    )
    expect_problem(data_copy, "mentions.csv", 1, "sentiment", "only the schema's columns", capsys)


def test_quote_absent_from_its_article_names_the_closest_passage(data_copy, capsys):
    path = data_copy / "mentions.csv"
    line = line_of(path, "m001")
    replace_in(
        path,
        "no plans for NATO combat troops on the ground in Ukraine,",
        "no plans for NATO fighting troops on the ground in Ukraine,",
    )
    report = expect_problem(
        data_copy, "mentions.csv", line, "quote", "closest passage, line 9", capsys
    )
    assert "no plans for NATO combat troops on the ground in Ukraine" in str(report.problems[0])
    assert not [p for p in report.problems if p.column == "order"], "no cascade of order errors"


def test_missing_article_file(data_copy, capsys):
    (data_copy / "articles" / "003_8a319cc9db30a8f5.txt").unlink()
    path = data_copy / "articles.csv"
    report = expect_problem(
        data_copy, "articles.csv", line_of(path, "mind"), "file", "003_8a319cc9db30a8f5.txt", capsys
    )
    assert len(report.problems) == 1, "a missing file is one problem, not a cascade"


def test_changed_article_text_fails_its_hash(data_copy, capsys):
    article = data_copy / "articles" / "000_48a6bae5c0c654dd.txt"
    article.write_bytes(article.read_bytes().replace(b"Tuesday", b"Wednesday", 1))
    expect_problem(
        data_copy,
        "articles.csv",
        line_of(data_copy / "articles.csv", "aljazeera"),
        "sha256",
        "must never change",
        capsys,
    )


def test_uncovered_quoted_passage_is_reported(data_copy, capsys):
    path = data_copy / "quote_exclusions.csv"
    rows = [r for r in path.read_text(encoding="utf-8").splitlines() if not r.startswith("x02,")]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    expect_problem(
        data_copy, "articles/000_48a6bae5c0c654dd.txt", 21, None, "Nothing ruled out", capsys
    )


def test_wrong_offset_names_the_right_one(data_copy, capsys):
    path = data_copy / "mentions.csv"
    line = line_of(path, "m001")
    content = path.read_text(encoding="utf-8").splitlines()
    row = content[line - 1]
    offset = row.split(",")[-2]
    content[line - 1] = row[: row.rfind("," + offset + ",")] + ",1," + row.split(",")[-1]
    path.write_text("\n".join(content) + "\n", encoding="utf-8")
    expect_problem(data_copy, "mentions.csv", line, "offset", f"expected {offset}", capsys)


@pytest.mark.parametrize("args", [["/no/such/folder"], ["a", "b"]])
def test_command_line_usage_errors(args):
    assert main(args) == 2


def test_command_line_exit_status_without_traceback(data_copy):
    replace_in(data_copy / "speakers.csv", ",FR,Presidency", ",XX,Presidency")
    result = subprocess.run(
        [sys.executable, "-m", "boots.data.validate", str(data_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "speakers.csv:2: column 'country': got 'XX'" in result.stdout
    assert "Traceback" not in result.stderr


def test_printed_speaker_named_only_after_the_quote(data_copy, capsys):
    """P1: the naming is the nearest one at or before the quote, never one printed later."""
    path = data_copy / "mentions.csv"
    line = line_of(path, "m001")
    replace_in(path, ",Jens Stoltenberg,said,", ",Stoltenberg again insisted,said,")
    expect_problem(data_copy, "mentions.csv", line, "printed_speaker", "P1", capsys)
