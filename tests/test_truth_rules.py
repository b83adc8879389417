"""Issue 10's rules, enforced by validation: date intervals with open ends, responses,
attribution verbs, distortions, outside knowledge and the frozen reliability codings.

Each case breaks one rule on a temporary copy of the data and checks the exact file, line
and column of the error (``expect_problem`` also checks nothing was rewritten)."""

from __future__ import annotations

import pandas as pd
import pytest

from boots.data import dates, text
from tests.helpers import expect_problem, line_of, replace_in


def test_interval_words_never_claim_more_than_the_ends():
    day = pd.Timestamp("2024-02-26")
    later = pd.Timestamp("2024-02-28")
    assert dates.interval_words(day, day) == "on 26 Feb"
    assert dates.interval_words(day, later) == "between 26 Feb and 28 Feb"
    assert dates.interval_words(day, pd.NaT) == "on or after 26 Feb"
    assert dates.interval_words(None, later) == "on or before 28 Feb"
    assert dates.interval_words(pd.NaT, None) == "date not known"


def test_open_ends_sort_outside_the_known_days():
    day = pd.Timestamp("2024-02-26")
    keys = {
        "until": dates.interval_sort_key(None, day),
        "day": dates.interval_sort_key(day, day),
        "from": dates.interval_sort_key(day, None),
        "unknown": dates.interval_sort_key(None, None),
    }
    assert sorted(keys, key=keys.get) == ["until", "day", "from", "unknown"]


def test_latest_before_earliest(data_copy, capsys):
    path = data_copy / "statements.csv"
    line = line_of(path, "tusk-no-plan")
    replace_in(
        path, "tusk-no-plan,tusk,2024-02-27,2024-02-27", "tusk-no-plan,tusk,2024-02-27,2024-02-26"
    )
    expect_problem(data_copy, "statements.csv", line, "date_latest", "'2024-02-26'", capsys)


def test_statement_after_the_latest_publication_of_an_article_reporting_it(data_copy, capsys):
    articles = data_copy / "articles.csv"
    line = line_of(data_copy / "statements.csv", "tusk-no-plan")
    # AP reports Tusk 'on Tuesday' (27 Feb); claim AP was published by Monday 26 Feb.
    replace_in(articles, ",2024-02-27,,inferred,Tusk", ",2024-02-26,2024-02-26,inferred,Tusk")
    report = expect_problem(
        data_copy, "statements.csv", line, "date_earliest", "'2024-02-27'", capsys
    )
    assert any("ap-repost" in p.expected for p in report.problems)


def test_publication_interval_is_ordered(data_copy, capsys):
    path = data_copy / "articles.csv"
    line = line_of(path, "voi")
    replace_in(path, ",2024-02-28,,inferred,", ",2024-02-28,2024-02-27,inferred,")
    expect_problem(data_copy, "articles.csv", line, "published_latest", "'2024-02-27'", capsys)


def test_a_reaction_cannot_precede_what_it_answers(data_copy, capsys):
    statements = data_copy / "statements.csv"
    replace_in(
        statements,
        "attal-cant-rule-out,attal,2024-02-27,2024-02-27",
        "attal-cant-rule-out,attal,2024-02-25,2024-02-25",
    )
    line = line_of(data_copy / "responses.csv", "attal-cant-rule-out")
    expect_problem(
        data_copy, "responses.csv", line, "responds_to", "'macron-nothing-ruled-out'", capsys
    )


def test_a_response_to_an_unknown_statement(data_copy, capsys):
    path = data_copy / "responses.csv"
    line = line_of(path, "attal-cant-rule-out")
    replace_in(
        path, "attal-cant-rule-out,macron-nothing-ruled-out", "attal-cant-rule-out,macron-typo"
    )
    expect_problem(data_copy, "responses.csv", line, "responds_to", "'macron-typo'", capsys)


def test_verb_must_introduce_the_quote_in_its_sentence(data_copy, capsys):
    # Mind.ua: "Peskov told reporters that ... According to him, these countries should ...":
    # 'told' belongs to the sentence before the quote (codebook V1).
    path = data_copy / "mentions.csv"
    line = line_of(path, "m046")
    replace_in(
        path,
        "Presidential spokesman Dmitry Peskov,According to,",
        "Presidential spokesman Dmitry Peskov,told,",
    )
    expect_problem(data_copy, "mentions.csv", line, "verb", "'told'", capsys)


def test_a_free_standing_quotation_takes_the_verb_of_the_sentence_before():
    content = 'It is bad, he told reporters. "In that case, war." Then, Scholz spoke.'
    span = text.locate("In that case, war.", content)
    sentence = text.attribution_sentence(span, content)
    assert content[sentence.start : sentence.end].strip() == (
        'It is bad, he told reporters. "In that case, war."'
    )
    own = 'Peskov said: "In that case, war." Then, Scholz spoke.'
    span = text.locate("In that case, war.", own)
    sentence = text.attribution_sentence(span, own)
    assert own[sentence.start : sentence.end] == 'Peskov said: "In that case, war."'


def test_distortion_passage_must_be_printed(data_copy, capsys):
    path = data_copy / "distortions.csv"
    line = line_of(path, "d17")
    replace_in(
        path,
        "had no plans to send personnel to Ukraine.",
        "had no plans to send anyone to Ukraine.",
    )
    expect_problem(data_copy, "distortions.csv", line, "passage", "anyone", capsys)


def test_distortion_source_must_report_the_statement(data_copy, capsys):
    path = data_copy / "distortions.csv"
    line = line_of(path, "d12")
    replace_in(path, "fico-not-planning,ap-repost,", "fico-not-planning,voi,")
    expect_problem(data_copy, "distortions.csv", line, "source_article_id", "'voi'", capsys)


def test_outside_fact_must_name_a_real_field(data_copy, capsys):
    path = data_copy / "context.csv"
    line = line_of(path, "k02")
    replace_in(path, "k02,articles,voi,outlet,", "k02,articles,voi,outlet_name,")
    expect_problem(data_copy, "context.csv", line, "field", "'outlet_name'", capsys)


def test_adjudication_must_match_the_frozen_codings(data_copy, capsys):
    path = data_copy / "reliability" / "adjudication.csv"
    line = line_of(path, "fiala-not-send")
    replace_in(path, "fiala-not-send,firmness,categorical,", "fiala-not-send,firmness,not_now,")
    expect_problem(data_copy, "reliability/adjudication.csv", line, "first", "'not_now'", capsys)


def test_adjudicated_value_must_be_the_one_the_table_holds(data_copy, capsys):
    path = data_copy / "reliability" / "adjudication.csv"
    line = line_of(path, "fiala-not-send")
    replace_in(path, "no_plans,no_plans,F2,", "no_plans,categorical,F2,")
    expect_problem(
        data_copy, "reliability/adjudication.csv", line, "adjudicated", "'categorical'", capsys
    )


def test_adjudication_must_cite_a_codebook_rule(data_copy, capsys):
    path = data_copy / "reliability" / "adjudication.csv"
    line = line_of(path, "fiala-not-send")
    replace_in(path, "no_plans,no_plans,F2,", "no_plans,no_plans,F99,")  # no rule F99
    expect_problem(data_copy, "reliability/adjudication.csv", line, "rule", "'F99'", capsys)


def test_every_disagreement_is_adjudicated(data_copy, capsys):
    path = data_copy / "reliability" / "adjudication.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if not line.startswith("fiala")) + "\n")
    line = line_of(data_copy / "reliability" / "first_coding.csv", "fiala-not-send")
    expect_problem(
        data_copy, "reliability/first_coding.csv", line, "firmness", "'no_plans'", capsys
    )


@pytest.mark.parametrize("column", ["date_earliest", "date_latest"])
def test_open_ends_are_allowed(data_copy, column):
    from boots.data.validate import validate

    report = validate(data_copy)
    assert report.ok
    statements = pd.read_csv(data_copy / "statements.csv", dtype=str, keep_default_na=False)
    assert (statements[column] == "").any(), f"no open {column} in the curated data"


def test_a_basis_must_quote_words_the_articles_print(data_copy, capsys):
    path = data_copy / "statements.csv"
    line = line_of(path, "attal-cant-rule-out")
    replace_in(
        path, "Al Jazeera: 'On Tuesday, French Prime", "Al Jazeera: 'On Wednesday, French Prime"
    )
    expect_problem(data_copy, "statements.csv", line, "date_basis", "On Wednesday", capsys)


def test_quoted_fragments_skip_apostrophes_and_split_at_ellipses():
    from boots.data.check_articles import quoted_fragments

    assert quoted_fragments("VOI: 'Asked about Macron's remarks'; 'was reacting ... in Paris'") == [
        "Asked about Macron's remarks",
        "was reacting",
        "in Paris",
    ]


@pytest.mark.parametrize("written", ["2024-2-27", "20240227", "27/02/2024"])
def test_dates_are_strict_iso(data_copy, capsys, written):
    path = data_copy / "statements.csv"
    line = line_of(path, "tusk-no-plan")
    replace_in(path, "tusk-no-plan,tusk,2024-02-27,", f"tusk-no-plan,tusk,{written},")
    report = expect_problem(data_copy, "statements.csv", line, "date_earliest", written, capsys)
    located = [p for p in report.problems if (p.line, p.column) == (line, "date_earliest")]
    assert len(located) == 1  # reported once, by whichever check sees it first


def test_an_inferred_bound_needs_the_response_it_rests_on(data_copy, capsys):
    # Pistorius is dated "on or after 26 Feb" only because he responds to Macron (D3).
    path = data_copy / "responses.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join(line for line in lines if not line.startswith("pistorius")) + "\n",
        encoding="utf-8",
    )
    line = line_of(data_copy / "statements.csv", "pistorius-not-an-option")
    expect_problem(data_copy, "statements.csv", line, "date_earliest", "2024-02-26", capsys)


def test_an_article_cannot_predate_what_it_reports(data_copy, capsys):
    path = data_copy / "articles.csv"
    line = line_of(path, "ap-repost")
    # AP reports Tusk speaking 'on Tuesday' (27 Feb).
    replace_in(path, ",2024-02-27,,inferred,Tusk", ",2024-02-26,,inferred,Tusk")
    expect_problem(data_copy, "articles.csv", line, "published_earliest", "2024-02-26", capsys)
