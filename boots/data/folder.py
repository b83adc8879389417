"""The files a data folder is made of: the ones the schema names, each with its size cap.

Validation reads these and nothing else, so whatever else lies in a folder (a stray 3 GB
file, a thousand nested folders, a name that is not UTF-8, a FIFO) is never opened, listed or
hashed: ``digest(folder)`` fingerprints exactly these files, through the same confined
reader (``safe_files.read_bytes``) and under the same caps.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from boots.data import safe_files
from boots.data.schema import resources
from boots.util import config

CODEBOOK = "CODEBOOK.md"
BORDERS_FILE = "geo/ne_110m_europe.geojson"


def article_names(raw: bytes) -> list[str]:
    """The article files an ``articles.csv`` (its bytes) names, as paths in the folder; a
    name validation would refuse is left out (validation reports it)."""
    try:
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        return []
    if not rows or "file" not in rows[0]:
        return []
    at = rows[0].index("file")
    names = []
    for row in rows[1:]:
        if len(row) > at and row[at] and "/" not in row[at]:
            try:
                safe_files.check_name(row[at])
            except safe_files.Refused:
                continue
            names.append(f"{config.ARTICLES_SUBDIR}/{row[at]}")
    return names


def _content(folder: Path, name: str, limit: int) -> bytes | str:
    """The file's bytes, or why there are none (``missing``, or the refusal's reason)."""
    try:
        return safe_files.read_bytes(folder, name, limit)
    except FileNotFoundError:
        return "missing"
    except safe_files.Refused as refused:
        return f"refused: {refused}"


def digest(folder: Path) -> str:
    """SHA-256 over the files the schema names (descriptor, codebook, borders, tables and
    the articles ``articles.csv`` lists), each read confined and capped: what validation
    and the notebooks read, and nothing else of the folder."""
    folder = Path(folder)
    named = [
        (config.DESCRIPTOR, safe_files.MAX_DESCRIPTOR_BYTES),
        (CODEBOOK, safe_files.MAX_DESCRIPTOR_BYTES),
        (BORDERS_FILE, safe_files.MAX_BORDERS_BYTES),
    ] + [(resource.path, safe_files.MAX_TABLE_BYTES) for resource in resources().values()]
    total = hashlib.sha256()
    articles_table, articles = resources()["articles"].path, []
    for name, limit in named:
        content = _content(folder, name, limit)
        if name == articles_table and isinstance(content, bytes):
            articles = article_names(content)
        _add(total, name, content)
    for name in articles:
        _add(total, name, _content(folder, name, safe_files.MAX_ARTICLE_BYTES))
    return total.hexdigest()


def _add(total, name: str, content: bytes | str) -> None:
    total.update(name.encode("utf-8", "surrogateescape") + b"\0")
    data = content if isinstance(content, bytes) else content.encode("utf-8", "replace")
    total.update(hashlib.sha256(data).digest() + b"\0")
