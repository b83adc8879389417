"""No phrase of the five articles, nor of the drafting development articles (tests/drafting/dev/),
lives in the drafting code or its vocabularies: rules are written for English reporting, not fitted
to these texts (issue #21)."""

from __future__ import annotations

import re

from boots.data import text
from boots.util import config

RUN = 5
CODE = config.ROOT / "boots" / "curate"
DEV = config.ROOT / "tests" / "drafting" / "dev"


def words(content: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.normalise(content).lower().replace("'", " "))


def runs(content: str) -> set[tuple[str, ...]]:
    tokens = words(content)
    return {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}


def test_runs_are_found_across_typography_and_line_breaks():
    article = "The minister said: \u201cWe will\nnot send anyone there.\u201d"
    assert runs('"we will not send anyone" is fine') & runs(article)
    assert not runs("we will never send anyone") & runs(article)


def test_no_run_of_five_words_of_an_article_is_in_the_drafting_code():
    articles = sorted((config.ROOT / "data" / "articles").glob("*.txt"))
    assert len(articles) >= 5
    dev = sorted(DEV.glob("*.txt"))
    assert len(dev) >= 12
    articles += dev
    phrases = set().union(*(runs(a.read_text(encoding="utf-8")) for a in articles))
    files = [p for p in sorted(CODE.rglob("*")) if p.suffix in {".py", ".csv"}]
    assert files
    found = {
        f"{p.relative_to(config.ROOT)}: {' '.join(run)}"
        for p in files
        for run in runs(p.read_text(encoding="utf-8")) & phrases
    }
    assert not found, sorted(found)
