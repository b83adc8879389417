"""The drafting test articles (tests/drafting/) and their hand keys agree with each other and with data/.

The articles are invented texts about the statements in data/statements.csv, written to measure the
drafting assistant on prose it was not built from (see tests/drafting/README.md). These checks keep
each key honest: every passage is in its article the stated number of times, every speaker and
statement exists, the kinds come from the README's list, and the texts are plain UTF-8.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from boots.util import config

ROOT = Path(__file__).parent / "drafting"
# dev/ holds the first test split (test-*), scored once and then spent, as development data.
SPLITS = ("dev", "holdout")
# The README that describes each split's articles: the holdout split, written blind later, has its own.
READMES = {"dev": ROOT / "README.md", "holdout": ROOT / "holdout" / "README.md"}
HEADER = ["article_id", "passage", "speaker_id", "statement_id", "kind", "note"]
ATTRIBUTED = {"direct", "partial", "paraphrase"}
UNATTRIBUTED = {"scare", "unnamed", "unknown-person", "headline"}
ARTICLE_ID = re.compile(r"^(dev|test|holdout)-[a-z0-9]+(-[a-z0-9]+)*$")
# Any C0 or C1 control character, DEL, or a line/paragraph separator, except the newline itself.
FORBIDDEN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _table(name: str) -> list[dict[str, str]]:
    with open(config.DEFAULT_DATA_DIR / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _key(split: str) -> list[dict[str, str]]:
    with open(ROOT / split / "key.csv", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        assert next(reader) == HEADER, f"{split}/key.csv: header must be {','.join(HEADER)}"
        return [dict(zip(HEADER, row, strict=True)) for row in reader]


def _articles(split: str) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / split).glob("*.txt"))}


def _spans(text: str, passage: str) -> list[tuple[int, int]]:
    """Every (possibly overlapping) occurrence of ``passage`` in ``text``."""
    return [
        (m.start(), m.start() + len(passage))
        for m in re.finditer(f"(?={re.escape(passage)})", text)
    ]


def _expected_rows(text: str, row: dict[str, str], rows: list[dict[str, str]]) -> int:
    """Occurrences of the row's passage that need a row of their own.

    An occurrence inside a longer passage of the same article keyed to the same statement is covered
    by that longer row (a short quote repeated inside a full quotation); any other occurrence needs its
    own row, even inside a longer passage (an inner quotation inside an unnamed source's words).
    """
    covering = [
        span
        for other in rows
        if other["statement_id"]
        and other["statement_id"] == row["statement_id"]
        and len(other["passage"]) > len(row["passage"])
        for span in _spans(text, other["passage"])
    ]
    return sum(
        1
        for start, end in _spans(text, row["passage"])
        if not any(a <= start and end <= b for a, b in covering)
    )


@pytest.mark.parametrize("split", SPLITS)
def test_every_article_has_key_rows_and_every_row_an_article(split):
    articles, key = _articles(split), _key(split)
    assert articles, f"{split}: no article"
    keyed = {row["article_id"] for row in key}
    assert set(articles) == keyed, f"{split}: articles without rows or rows without article"
    for article_id in articles:
        assert ARTICLE_ID.match(article_id), article_id
        assert article_id.startswith(split + "-") or split == "dev", article_id


def test_the_splits_share_no_article_and_the_readme_lists_every_article():
    articles = {split: set(_articles(split)) for split in SPLITS}
    for i, first in enumerate(SPLITS):
        for second in SPLITS[i + 1 :]:
            shared = articles[first] & articles[second]
            assert not shared, f"{first} and {second} share {sorted(shared)}"
    for split in SPLITS:
        readme = READMES[split].read_text(encoding="utf-8")
        missing = sorted(a for a in articles[split] if f"`{a}`" not in readme)
        assert not missing, f"{READMES[split].relative_to(ROOT)} does not describe {missing}"


@pytest.mark.parametrize("split", SPLITS)
def test_article_texts_are_plain_utf8_of_the_stated_length(split):
    for article_id, text in _articles(split).items():
        bad = FORBIDDEN.search(text)
        assert bad is None, (
            f"{split}/{article_id}.txt: control character {bad.group()!r} at {bad.start()}"
        )
        assert "\ufeff" not in text, f"{split}/{article_id}.txt: byte-order mark"
        words = len(text.split())
        assert 250 <= words <= 700, f"{split}/{article_id}.txt: {words} words"


@pytest.mark.parametrize("split", SPLITS)
def test_key_codes_exist_in_the_tables(split):
    speakers = {r["speaker_id"] for r in _table("speakers.csv")}
    statements = {r["statement_id"]: r["speaker_id"] for r in _table("statements.csv")}
    for line, row in enumerate(_key(split), start=2):
        where = f"{split}/key.csv line {line}"
        assert row["kind"] in ATTRIBUTED | UNATTRIBUTED, f"{where}: kind {row['kind']!r}"
        assert not row["speaker_id"] or row["speaker_id"] in speakers, (
            f"{where}: {row['speaker_id']!r}"
        )
        if row["statement_id"]:
            assert row["statement_id"] in statements, f"{where}: {row['statement_id']!r}"
        if row["kind"] in ATTRIBUTED:
            assert row["speaker_id"], f"{where}: a {row['kind']} row needs a speaker"
            assert row["statement_id"], (
                f"{where}: a {row['kind']} row of a known speaker needs a statement"
            )
            assert statements[row["statement_id"]] == row["speaker_id"], (
                f"{where}: statement of another speaker"
            )
        else:
            assert not row["speaker_id"], f"{where}: a {row['kind']} passage gets no speaker"


@pytest.mark.parametrize("split", SPLITS)
def test_every_passage_occurs_in_its_article_once_per_row(split):
    articles, key = _articles(split), _key(split)
    by_article: dict[str, list[dict[str, str]]] = {}
    for row in key:
        by_article.setdefault(row["article_id"], []).append(row)
    for article_id, rows in by_article.items():
        text = articles[article_id]
        for row in rows:
            passage = row["passage"]
            where = f"{split}/{article_id}: {passage!r}"
            assert passage and passage == passage.strip() and "\n" not in passage, where
            same = [r for r in rows if r["passage"] == passage]
            expected = _expected_rows(text, row, rows)
            assert expected >= 1, f"{where}: not in the article"
            assert len(same) == expected, f"{where}: {expected} occurrences, {len(same)} rows"
            if expected > 1:
                assert all("occurrence" in r["note"] for r in same), (
                    f"{where}: repeated, note each occurrence"
                )


@pytest.mark.parametrize("split", SPLITS)
def test_each_article_has_a_full_key(split):
    counts: dict[str, int] = {}
    for row in _key(split):
        counts[row["article_id"]] = counts.get(row["article_id"], 0) + 1
    thin = {a: n for a, n in counts.items() if n < 12}
    assert not thin, f"{split}: articles with fewer than 12 key rows: {thin}"
