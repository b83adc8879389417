"""The synthetic data folders used by the benchmark are valid data, as real folders must be."""

from __future__ import annotations

import pandas as pd

from boots.data.validate import validate
from boots.pipeline.synthetic import COPY_EVERY, make_synthetic_articles


def test_synthetic_articles_pass_validation_with_their_mentions(tmp_path):
    folder = make_synthetic_articles(45, tmp_path / "data")
    report = validate(folder)
    assert report.ok, [str(p) for p in report.problems[:5]]
    articles = pd.read_csv(folder / "articles.csv", dtype=str)
    mentions = pd.read_csv(folder / "mentions.csv", dtype=str)
    assert len(articles) == 45 and articles.article_id.is_unique
    synthetic = articles.article_id.str.startswith("syn")
    assert mentions.article_id.isin(articles.article_id[synthetic]).sum() > 40
    # several articles per outlet, as a week of coverage has
    assert articles.outlet[synthetic].value_counts().max() > 1


def test_synthetic_texts_differ_but_reposts_copy(tmp_path):
    folder = make_synthetic_articles(5 + COPY_EVERY, tmp_path / "data")
    articles = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False)
    texts = {
        row.article_id: (folder / "articles" / row.file).read_text(encoding="utf-8")
        for row in articles.itertuples()
    }
    bodies = [t.split("\n", 1)[1] for a, t in texts.items() if a.startswith("syn")]
    assert len(set(bodies)) == len(bodies) - 1  # exactly one repost repeats a body
