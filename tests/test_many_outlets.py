"""Nothing assumes at most eight outlets or one article per outlet: a data folder with twelve
outlets, one of which has two articles, validates, and the analyses and the outlet notebooks
(02 and 03, which compare outlets) run on it and count each mention once."""

from __future__ import annotations

import shutil

import pytest

from boots.analysis import framing
from boots.data import tables
from boots.data.validate import validate
from boots.pipeline.build import Layout, build
from boots.pipeline.synthetic import add_outlets
from boots.render import style
from boots.util import config

OUTLETS = 12


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many-outlets") / "data"
    shutil.copytree(config.DEFAULT_DATA_DIR, folder)
    existing = tables.load(folder).outlets
    new = [f"Test Outlet {i}" for i in range(1, max(1, OUTLETS - len(existing)) + 1)]
    # The last added article shares its outlet with the first article.
    add_outlets(folder, [*new, existing[0]])
    return folder


def test_the_folder_is_valid_with_twelve_outlets_and_a_shared_outlet(many):
    report = validate(many)
    assert report.ok, [str(p) for p in report.problems[:5]]
    ev = tables.load(many)
    assert len(ev.outlets) >= OUTLETS
    assert ev.articles.outlet.value_counts().max() == 2


def test_outlet_tables_count_each_mention_once(many):
    ev = tables.load(many)
    verbs = framing.verb_counts(ev)
    assert list(verbs.index) == ev.outlets
    assert verbs.to_numpy().sum() == len(ev.mentions)
    assert f"of {len(ev.mentions)} mentions" in framing.verbs_title(verbs)
    assert list(framing.mentions_by_stance(ev).index) == ev.outlets
    assert framing.mentions_by_stance(ev).to_numpy().sum() == len(ev.mentions)
    assert list(framing.stance_shares(ev).index) == ev.outlets
    lexicon = framing.lexicon_counts(ev, ev.lexicon)
    assert list(lexicon.columns[2:]) == ev.outlets


def test_each_article_keeps_its_own_headline_focus(many):
    ev = tables.load(many)
    matrix = framing.focus_matrix(ev)
    assert list(matrix.columns) == list(ev.article_labels.values())
    assert len(set(matrix.columns)) == len(ev.articles)


def test_quote_drift_figure_draws_every_outlet_distinctly(many):
    ev = tables.load(many)
    drift = framing.drift_table(ev)
    outlets = list(dict.fromkeys(drift.outlet))
    assert len(outlets) > 8
    markers, palette = style.outlet_styles(outlets)
    assert len({(markers[o], palette[o]) for o in outlets}) == len(outlets)
    fig = framing.drift_figure(drift, framing.drift_title(drift))
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert set(outlets) <= set(labels)


def test_the_outlet_notebooks_run_on_it(many, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("02-how-the-remark-spread.ipynb", "03-outlet-framing.ipynb"):
        shutil.copy(config.NOTEBOOKS_DIR / name, sources / name)
    layout = Layout.in_folder(tmp_path / "out", many, sources_dir=sources)
    log: list[str] = []
    assert build(layout, log=log.append) == 0, "\n".join(log)
    drift = (layout.figures_dir / "03-quote-drift.csv").read_text(encoding="utf-8")
    assert "Test Outlet 1" in drift
