"""Write files atomically: to a temporary file in the same folder, then rename.

A reader (or a crash) never sees half a file, and a failed write leaves the previous
version in place. ``write_all`` does the same for a set of files: every new version is
written beside its file first, and only when all are written are they renamed into place
(a rename needs no space), so a full disk or a read-only folder publishes none of them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_with(path, data)


def replace_with(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` (whose folder exists), then rename
    it over ``path``: a reader sees the old file or the new one, never a part."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_all(files: dict[Path, bytes], remove: tuple[Path, ...] = ()) -> None:
    """Replace each file of ``files`` with its bytes and delete each of ``remove``, all
    or none: if any new version cannot be written (``OSError``: disk full, read-only
    folder), no file is changed and the error is raised."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
            )
            staged.append((temporary, path))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, 0o644)
    except BaseException:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise
    for temporary, path in staged:
        os.replace(temporary, path)
    for path in remove:
        Path(path).unlink(missing_ok=True)
