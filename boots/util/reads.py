"""Record which files of the data folder a process reads (for the build's fingerprints).

When ``$BOOTS_READ_LOG`` names a file, importing ``boots`` installs an audit hook
(``sys.addaudithook``) that appends to that file the path, relative to ``$BOOTS_DATA``, of
every file opened and every folder listed inside the data folder, once each. The build sets
both variables for the kernels it starts, so it knows what each notebook read without the
notebook declaring it (a declaration could be wrong). Nothing is recorded otherwise.
"""

from __future__ import annotations

import os
import sys

ENV = "BOOTS_READ_LOG"
_EVENTS = {"open", "os.listdir", "os.scandir"}
_state: dict = {}


def install() -> None:
    """Start recording if ``$BOOTS_READ_LOG`` is set (once per process)."""
    log, data = os.environ.get(ENV), os.environ.get("BOOTS_DATA")
    if not log or not data or _state:
        return
    _state.update(log=log, root=os.path.join(os.path.realpath(data), ""), seen=set(), busy=False)
    sys.addaudithook(_hook)


def _hook(event: str, args: tuple) -> None:
    if event not in _EVENTS or _state["busy"]:
        return
    path = args[0] if args else None
    if path is None or isinstance(path, int):
        return
    try:
        full = os.path.realpath(os.fsdecode(path))
    except (TypeError, ValueError):
        return
    root = _state["root"]
    if not (full + os.sep).startswith(root):
        return
    relative = os.path.relpath(full, root[:-1])
    if relative in _state["seen"]:
        return
    _state["seen"].add(relative)
    _state["busy"] = True  # writing the log opens a file: do not record that
    try:
        with open(_state["log"], "a", encoding="utf-8") as log:
            log.write(relative.replace(os.sep, "/") + "\n")
    finally:
        _state["busy"] = False


def recorded(log_file: str | os.PathLike) -> list[str]:
    """The paths a log holds, sorted, without repeats ('.' is the data folder itself)."""
    try:
        with open(log_file, encoding="utf-8") as log:
            return sorted({line.rstrip("\n") for line in log if line.strip()})
    except FileNotFoundError:
        return []
