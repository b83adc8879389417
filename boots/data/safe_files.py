"""Reading files of a data folder that anyone may have written: confined, capped, never blocking.

A data folder comes from a fork, a zip or a pull request, so every name in it is treated as
hostile. ``read_bytes(folder, name, limit)`` is the only way validation, typed loading and the
build read a data file, and it refuses, with a reason and without opening anything outside
the folder:

* names that are empty, absolute (``/etc/passwd``, ``C:\\x``), use backslashes, or contain a
  ``..`` segment, a NUL or another control character;
* names that lead out of the folder through a symbolic link (a link inside the folder to a
  file inside the folder is fine);
* anything that is not a regular file: folders, FIFOs (which would block a reader),
  sockets and devices (``/dev/zero`` would never end);
* files larger than ``limit`` bytes (checked before reading, and again while reading, so a
  file that grows or lies about its size is cut off too);
* hard links (a file with more than one name may be a file outside the folder under a
  name inside it).

``write_bytes(folder, name, data)`` is the only way a command writes into a data folder: the
same name checks, no link (symbolic or hard) or special file at the name, no folder on the
way that leads out, and an atomic replace, so a failed write leaves the old file.
``read_file(path, limit)`` reads a file the user names (the text ``make add-article`` copies)
with the same guards against FIFOs, devices and runaway sizes.

The file is opened without following a final symbolic link and without blocking, and its
type is checked on the open descriptor, so swapping the file between check and read does
not help an attacker either.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from boots.util import atomic

KIB = 1024
MIB = 1024 * KIB
# Caps, generous for real data (articles are ~5 KiB, the largest table ~30 KiB; a synthetic
# folder of 10^5 statements has tables of ~60 MiB) and small enough to refuse a runaway file.
MAX_ARTICLE_BYTES = 2 * MIB
MAX_TABLE_BYTES = 256 * MIB
MAX_DESCRIPTOR_BYTES = 1 * MIB
MAX_BORDERS_BYTES = 16 * MIB

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class Refused(Exception):
    """A data file that may not be read; ``str()`` is the reason, for the error message."""


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def check_name(name: str) -> PurePosixPath:
    """``name`` as a relative path inside the folder, or ``Refused`` with the reason."""
    if not name or not name.strip():
        raise Refused("an empty file name")
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise Refused("a file name without control characters")
    if "\\" in name:
        raise Refused("a file name with forward slashes only (no backslash)")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise Refused("a path relative to the data folder, not an absolute path")
    path = PurePosixPath(name)
    if ".." in path.parts:
        raise Refused("a path inside the data folder (no '..' segment)")
    return path


def locate(folder: Path, name: str) -> Path:
    """The real path of ``name`` inside ``folder``, after checking the name, its links and
    its type (a regular file); raises ``Refused`` or ``FileNotFoundError``."""
    relative = check_name(name)
    root = Path(folder).resolve()
    candidate = root / relative
    try:
        real = candidate.resolve(strict=True)
    except FileNotFoundError:
        raise
    except (OSError, RuntimeError) as error:  # a symlink loop, a name too long, ...
        raise Refused(f"a readable file ({type(error).__name__})") from None
    if not real.is_relative_to(root):
        raise Refused("a file inside the data folder (a symbolic link leads out of it)")
    mode = os.stat(real).st_mode
    if not stat.S_ISREG(mode):
        raise Refused(f"a regular file, not {_kind(mode)}")
    return real


def read_bytes(folder: Path, name: str, limit: int) -> bytes:
    """The content of the regular file ``name`` inside ``folder``, at most ``limit`` bytes.

    Raises ``Refused`` (the reason) or ``FileNotFoundError``."""
    return read_file(locate(folder, name), limit)


def read_file(path: Path, limit: int) -> bytes:
    """The content of the regular file at ``path`` (a final link is not followed), at most
    ``limit`` bytes; never blocks on a FIFO or a device. Raises ``Refused`` or
    ``FileNotFoundError``."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise Refused(f"a readable file ({error.strerror})") from None
    info = os.fstat(handle)
    problem = None
    if not stat.S_ISREG(info.st_mode):  # checked before fdopen, which refuses a folder
        problem = f"a regular file, not {_kind(info.st_mode)}"
    elif info.st_nlink > 1:
        problem = (
            f"a file with one name, not a hard link (this one has {info.st_nlink} names; "
            "copy it instead)"
        )
    elif info.st_size > limit:
        problem = f"a file of at most {_size(limit)} (this one has {_size(info.st_size)})"
    if problem:
        os.close(handle)
        raise Refused(problem)
    with os.fdopen(handle, "rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise Refused(f"a file of at most {_size(limit)} (this one is larger)")
    return data


def _inside_folder(folder: Path, name: str) -> Path:
    """Where ``name`` is written inside ``folder``: every folder on the way is a real
    folder inside it (no link leads out), and the name itself is not a link, a special
    file or a hard link. Raises ``Refused``."""
    relative = check_name(name)
    root = Path(folder).resolve()
    parent = root
    for part in relative.parts[:-1]:
        parent = parent / part
        try:
            mode = os.lstat(parent).st_mode
        except FileNotFoundError:
            raise Refused(f"a folder {part}/ in the data folder (it is missing)") from None
        if stat.S_ISLNK(mode):
            raise Refused(f"{part}/ as a real folder, not a symbolic link")
        if not stat.S_ISDIR(mode):
            raise Refused(f"{part}/ as a folder, not {_kind(mode)}")
    target = parent / relative.name
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return target
    if stat.S_ISLNK(info.st_mode):
        raise Refused("a regular file, not a symbolic link")
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f"a regular file, not {_kind(info.st_mode)}")
    if info.st_nlink > 1:
        raise Refused(f"a file with one name, not a hard link ({info.st_nlink} names)")
    return target


def write_bytes(folder: Path, name: str, data: bytes) -> None:
    """Write ``data`` as ``name`` inside ``folder``, atomically (see the module's docstring).
    Raises ``Refused``, or ``OSError`` when the disk refuses (the old file is then kept)."""
    target = _inside_folder(folder, name)
    atomic.replace_with(target, data)


def names_in(folder: Path, subfolder: str) -> list[str]:
    """The names in ``subfolder`` of ``folder`` (a real folder inside it), without
    following links or opening anything."""
    inside = _inside_folder(folder, f"{subfolder}/x").parent
    return sorted(entry.name for entry in os.scandir(inside))


def _size(n: int) -> str:
    if n >= MIB:
        return f"{n / MIB:.0f} MiB" if n % MIB == 0 else f"{n / MIB:.1f} MiB"
    if n >= KIB:
        return f"{n / KIB:.0f} KiB" if n % KIB == 0 else f"{n / KIB:.1f} KiB"
    return f"{n} bytes"


def entries(folder: Path) -> list[tuple[str, Path | None]]:
    """Every entry under ``folder`` by relative name, without following links: regular
    files with their path, symbolic links and special files with ``None`` (so the build can
    fingerprint a folder without reading anything a link points at or blocking on a FIFO)."""
    root = Path(folder)
    out: list[tuple[str, Path | None]] = []
    for base, dirs, files in os.walk(root):  # never descends into linked folders
        links = [d for d in dirs if os.path.islink(os.path.join(base, d))]
        dirs[:] = [d for d in dirs if d not in links and d != "__pycache__"]
        for name in [*files, *links]:
            path = Path(base) / name
            regular = stat.S_ISREG(os.lstat(path).st_mode)
            out.append((path.relative_to(root).as_posix(), path if regular else None))
    return sorted(out, key=lambda item: item[0])
