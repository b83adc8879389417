"""Issue 22's rules, enforced by validation (``boots.data.check_rules``): venues are printed
(L1), linking words reach the report they link (R1, R3), an inferred date rests on no assumed
link (R3, D3), and a distortion's source comes from another article where one reports the
statement (X1).

Each rule has a failing case, with the exact file, line and column of the error
(``expect_problem`` also checks nothing was rewritten), and a passing case on the same row."""

from __future__ import annotations

from pathlib import Path

from boots.data.validate import validate
from tests.helpers import replace_in
from tests.test_validate import expect_problem, line_of


def problems_at(data: Path, file: str, line: int, column: str) -> list:
    return [
        p for p in validate(data).problems if (p.file, p.line, p.column) == (file, line, column)
    ]


def test_a_venue_no_article_prints(data_copy, capsys):
    path = data_copy / "statements.csv"
    line = line_of(path, "kristersson-not-on-cards")
    replace_in(
        path, ",Swedish public broadcaster SVT,", ",Interview with Swedish public broadcaster SVT,"
    )
    report = expect_problem(data_copy, "statements.csv", line, "venue", "'Interview with", capsys)
    assert any("codebook L1" in p.expected for p in report.problems)


def test_a_venue_as_printed_whatever_its_case(data_copy):
    path = data_copy / "statements.csv"
    line = line_of(path, "kristersson-not-on-cards")
    replace_in(path, ",Swedish public broadcaster SVT,", ",swedish public broadcaster SVT,")
    assert problems_at(data_copy, "statements.csv", line, "venue") == []


def test_a_venue_from_the_words_the_date_basis_quotes(data_copy, capsys):
    # Scholz's second statement is placed in Freiburg by Mind.ua's words for his first (D2),
    # which its date_basis quotes; a venue its basis does not quote is refused.
    path = data_copy / "statements.csv"
    line = line_of(path, "scholz-not-participating")
    assert problems_at(data_copy, "statements.csv", line, "venue") == []
    replace_in(
        path, "'Scholz told reporters in Freiburg on Tuesday' (rules S3, D1)", "(rules S3, D1)"
    )
    expect_problem(data_copy, "statements.csv", line, "venue", "'Reporters in Freiburg'", capsys)


def test_linking_words_printed_after_the_report(data_copy, capsys):
    path = data_copy / "responses.csv"
    line = line_of(path, "attal-cant-rule-out")
    # Al Jazeera prints 'Ukraine welcomed the prospect.' after Attal's words: it links nothing to them.
    replace_in(
        path, "Al Jazeera: 'echoed the comments'", "Al Jazeera: 'Ukraine welcomed the prospect.'"
    )
    report = expect_problem(data_copy, "responses.csv", line, "basis", "Ukraine welcomed", capsys)
    assert any("codebook R1, R3" in p.expected for p in report.problems)


def test_linking_words_from_an_article_that_does_not_report_the_statement(data_copy, capsys):
    path = data_copy / "responses.csv"
    line = line_of(path, "attal-cant-rule-out")
    replace_in(path, "Al Jazeera: 'echoed the comments'", "Euronews: 'differed from Macron'")
    expect_problem(data_copy, "responses.csv", line, "basis", "differed from Macron", capsys)


def test_linking_words_in_the_reports_own_sentence(data_copy):
    path = data_copy / "responses.csv"
    line = line_of(path, "attal-cant-rule-out")
    replace_in(
        path,
        "Al Jazeera: 'echoed the comments'",
        "Al Jazeera: 'On Tuesday, French Prime Minister Gabriel Attal echoed the comments'",
    )
    assert problems_at(data_copy, "responses.csv", line, "basis") == []


def test_an_inferred_date_resting_on_an_assumed_link(data_copy, capsys):
    responses = data_copy / "responses.csv"
    replace_in(
        responses, '(passage, rule R3)"\ngb-no-large-scale', 'assumed (rule R3)"\ngb-no-large-scale'
    )
    line = line_of(data_copy / "statements.csv", "pistorius-not-an-option")
    report = expect_problem(
        data_copy, "statements.csv", line, "date_earliest", "'2024-02-26'", capsys
    )
    assert any("codebook R3" in p.expected for p in report.problems)


def test_an_assumed_link_that_dates_nothing(data_copy):
    # Tusk's link to Macron is marked assumed; his date rests on his own day, not on D3.
    line = line_of(data_copy / "statements.csv", "tusk-no-plan")
    assert "assumed (rule R3)" in (data_copy / "responses.csv").read_text(encoding="utf-8")
    assert problems_at(data_copy, "statements.csv", line, "date_earliest") == []


def test_a_distortion_sourced_from_its_own_article_while_others_print_the_words(data_copy, capsys):
    path = data_copy / "distortions.csv"
    line = line_of(path, "d17")
    replace_in(
        path,
        "stoltenberg-no-plans,ap-repost,But there are no plans for NATO combat troops on the ground in Ukraine.,broadened,\"'combat troops' becomes 'personnel'",
        "stoltenberg-no-plans,voi,But there are no plans to place NATO combat troops in Ukraine,broadened,\"'combat troops' becomes 'personnel'",
    )
    report = expect_problem(
        data_copy, "distortions.csv", line, "source_article_id", "'voi'", capsys
    )
    assert any("codebook X1" in p.expected for p in report.problems)


def test_a_distortion_sourced_from_its_own_article_when_no_other_reports_it(data_copy):
    # Only Mind.ua reports the UK spokesperson's words, so d14 and d26 cite Mind.ua itself.
    path = data_copy / "distortions.csv"
    for row in ("d14", "d26"):
        assert (
            problems_at(data_copy, "distortions.csv", line_of(path, row), "source_article_id") == []
        )
