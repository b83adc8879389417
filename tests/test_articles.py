"""The source texts are the only evidence: they must stay byte for byte as received."""

import hashlib

import pandas as pd
import pytest

from boots.util import config

# SHA-256 of the five files in shared/articles/ as received (2026-11-21).
RECEIVED = {
    "000_48a6bae5c0c654dd.txt": "738775887749920880d68483dd593b0e522a745ddf51a69b99ad2fa69cb24976",
    "001_d99ebd7b9dc06dfd.txt": "5a6d88bf69e8000e6380535b2d0b73139609bf2fe8ae9ee33b7825460bb548be",
    "002_651902f293bf5d6b.txt": "8f3408f2f76f97460045140ccc51d46ca263a8c98715d004c11b796ded45fec5",
    "003_8a319cc9db30a8f5.txt": "ab6b373da914d8d3ebbea1be735afa5d3aad279639081f5cce26da5ab56caf5d",
    "004_100787297a8fe750.txt": "ad52d89ba7d2498c0111003cc04233829dbc55900bd28c52dc9d4983cf672028",
}


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_article_files_are_unchanged():
    folder = config.DEFAULT_DATA_DIR / "articles"
    assert {p.name: _digest(p) for p in sorted(folder.iterdir())} == RECEIVED


def test_articles_csv_records_the_same_hashes():
    table = pd.read_csv(config.DEFAULT_DATA_DIR / "articles.csv", dtype=str)
    assert dict(zip(table.file, table.sha256, strict=True)) == RECEIVED


def test_copies_match_shared_when_it_is_present():
    shared = config.ROOT.parent / "shared" / "articles"
    if not shared.is_dir():
        pytest.skip("no shared/ folder beside this clone; the hashes above still hold")
    assert {p.name: _digest(p) for p in sorted(shared.iterdir())} == RECEIVED
