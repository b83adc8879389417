"""Shared fixtures. Tests never touch the committed data: they work on temporary copies."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import pytest

from boots.util import config as boots_config


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the project's data folder."""
    target = tmp_path / "data"
    shutil.copytree(boots_config.DEFAULT_DATA_DIR, target)
    return target


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def read_rows(path: Path) -> list[list[str]]:
    """A CSV file's records as lists of cells (header first), a byte-order mark dropped."""
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    """Write records as the curated tables are written (UTF-8, LF line endings)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a text file, failing loudly if ``old`` is not there (so a test cannot go stale)."""
    content = path.read_text(encoding="utf-8")
    assert content.count(old) >= 1, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The project's site (``site/``), brought up to date from the committed notebooks,
    figures and tables by the build's own site step: a no-op after ``make``, a full render
    on a fresh clone. A lock keeps the test workers from rendering it twice at once."""
    from filelock import FileLock

    from boots.pipeline import build

    layout = build.Layout.default()
    lock = build.site_work_dir(layout).with_suffix(".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    messages: list[str] = []
    with FileLock(lock):
        failed = build.render(layout, build.notebooks_in(layout.sources_dir), messages.append)
    assert not failed, "\n".join(messages)
    return layout.site_dir


# A curator's answers for the cells `make add-article` leaves TO FILL, by column; columns not
# listed here get a value from the schema (a date, the first allowed code, or text).
CURATOR_VALUES = {
    "outlet": "The Ledger",
    "outlet_kind": "test outlet (an article written for the tests)",
    "outlet_evidence": "The byline 'By Ledger staff, with AP'.",
    "outlet_certainty": "stated",
    "language": "en",
    "original_language": "en",
    "translation": "none",
    "translation_evidence": "Written for the tests in English.",
    "reprint": "original",
    "reprint_evidence": "Written for the tests.",
    "credits": "AP",
    "byline_wire": "AP",
    "standfirst": "",
    "headline_focus": "allied_denials",
    "lede_focus": "allied_denials",
    "published_certainty": "inferred",
    "published_basis": "'on Tuesday', a day after Macron's remark of Monday 26 February 2024.",
    "non_body_note": "The last lines are share and newsletter buttons.",
}


def fill_curator_cells(data_dir: Path, article_id: str, values: dict[str, str]) -> None:
    """Fill the TO FILL cells of one articles.csv row, as a curator would."""
    import csv
    import io

    from boots.data.schema import TO_FILL, resources

    resource = resources()["articles"]
    path = data_dir / resource.path
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        if row["article_id"] != article_id:
            continue
        for field in resource.fields:
            if row[field.name] != TO_FILL:
                continue
            if field.name in values:
                row[field.name] = values[field.name]
            elif field.type == "date":
                row[field.name] = "2024-02-27"
            elif field.enum:
                row[field.name] = field.enum[0]
            else:
                row[field.name] = "Filled by the test."
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=resource.field_names, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
