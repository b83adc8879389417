"""Notebook 00's tables: counts, sources, coverage (per statement, or per speaker when large)."""

import csv

from boots.analysis import sources
from boots.data import tables
from boots.pipeline.synthetic import make_synthetic
from boots.util import config


def rows(name):
    with open(config.DEFAULT_DATA_DIR / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_counts_match_the_csv_files(ev):
    counts = sources.counts(ev)
    assert counts["statements"] == len(rows("statements.csv"))
    assert counts["mentions"] == len(rows("mentions.csv"))
    quoted = sum(r["quote_type"] in {"direct", "partial"} for r in rows("mentions.csv"))
    assert counts["direct or partial quotations"] == quoted
    assert counts["countries with a statement"] == len(
        {r["country"] for r in rows("speakers.csv") if r["country"]}
    )


def test_body_words_count_only_body_lines():
    assert sources.body_words("Title here\nchrome\nthree body words", "1,3") == 5


def test_coverage_matrix_marks_how_each_article_reports_each_statement(ev):
    matrix = sources.coverage_matrix(ev)
    assert len(matrix) == len(ev.statements)
    reporting = ev.mentions[ev.mentions.statement_id == "stoltenberg-no-plans"].article_id
    assert matrix.at["stoltenberg-no-plans", "outlets"] == reporting.nunique()
    assert matrix.at["es-distanced", "voi"] == "paraphrase"
    assert sources.coverage_plot_data(matrix, ev) is matrix


def test_large_tables_are_plotted_per_speaker(tmp_path):
    ev = tables.load(make_synthetic(200, tmp_path / "data"))
    matrix = sources.coverage_matrix(ev)
    plotted = sources.coverage_plot_data(matrix, ev)
    assert len(plotted) == ev.speakers.speaker_id.nunique() < len(matrix)
    assert plotted.statements.sum() == 200
    outlet = ev.outlet_names["aljazeera"]  # one article per outlet here
    assert (
        plotted.loc["Dmitry Peskov", outlet]
        == matrix[matrix.speaker == "Dmitry Peskov"].aljazeera.notna().sum()
    )
    assert plotted.attrs["articles"][outlet] == 1
