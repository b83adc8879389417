"""The source texts are the only evidence: they must stay byte for byte as received.

Expected hashes come from articles.csv, never from this file, so adding an article needs no
change here; the copies in the project's shared/ folder (when present) guard the table itself.
"""

import hashlib

import pandas as pd
import pytest

from boots.util import config

FOLDER = config.DEFAULT_DATA_DIR / config.ARTICLES_SUBDIR


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _recorded() -> dict[str, str]:
    table = pd.read_csv(config.DEFAULT_DATA_DIR / "articles.csv", dtype=str)
    return dict(zip(table.file, table.sha256, strict=True))


def test_every_article_file_is_listed_with_its_hash():
    recorded = _recorded()
    assert recorded, "articles.csv lists no article"
    on_disk = {p.name: _digest(p) for p in sorted(FOLDER.iterdir())}
    assert on_disk == recorded


def test_copies_match_shared_when_it_is_present():
    shared = config.ROOT.parent / "shared" / "articles"
    if not shared.is_dir():
        pytest.skip("no shared/ folder beside this clone; articles.csv still holds the hashes")
    received = {p.name: _digest(p) for p in sorted(shared.iterdir())}
    recorded = _recorded()
    assert received, "shared/articles is empty"
    for name, digest in received.items():
        assert recorded.get(name) == digest, name
