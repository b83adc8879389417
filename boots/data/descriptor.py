"""The data folder's own ``datapackage.json``: well-formed, and in step with the project's.

Validation always checks a folder against the project's schema (``boots.data.schema``), so a
folder's descriptor cannot loosen it: dropping the stance ``enum`` there changes nothing about
what is accepted. The folder's copy is still checked, so that a folder never claims a schema
it was not checked against: it must be UTF-8 JSON (a syntax error is reported at its line and
column), and every property validation relies on (resources and their paths, columns and
their order, types, formats, constraints, primary and foreign keys) must equal the project's.
Titles, descriptions and examples may differ.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from boots.data import safe_files
from boots.data.problems import Report
from boots.data.schema import read_descriptor
from boots.util import config

NAME = config.DESCRIPTOR
_CHECKED_FIELD_KEYS = ("type", "format", "constraints")
_FIX = "the project's schema (copy the project's data/datapackage.json into the folder)"


def _position(text: str, *names: str) -> tuple[int | None, int | None]:
    """Line and column of the last of ``"name": "<n>"`` found in turn for each of ``names``
    (a resource, then a column), or of the nearest one found."""
    at, found = 0, None
    for name in names:
        match = re.compile(rf'"name"\s*:\s*{re.escape(json.dumps(name))}').search(text, at)
        if match is None:
            break
        at = found = match.start()
    if found is None:
        match = re.search(r'"resources"\s*:', text)
        found = match.start() if match else None
    if found is None:
        return 1, None
    line = text.count("\n", 0, found) + 1
    return line, found - (text.rfind("\n", 0, found) + 1) + 1


def _fields(resource) -> list:
    schema = resource.get("schema") if isinstance(resource, dict) else None
    fields = schema.get("fields") if isinstance(schema, dict) else None
    return fields if isinstance(fields, list) else []


def _keys(resource) -> dict:
    schema = resource.get("schema") if isinstance(resource, dict) else None
    if not isinstance(schema, dict):
        return {}
    return {key: schema.get(key) for key in ("primaryKey", "foreignKeys")}


def _resources(descriptor) -> dict[str, dict]:
    listed = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(listed, list):
        return {}
    out: dict[str, dict] = {}
    for resource in listed:
        if isinstance(resource, dict) and isinstance(resource.get("name"), str):
            out.setdefault(resource["name"], resource)
    return out


@lru_cache(maxsize=4)
def _loads(text: str) -> object:
    """The parsed descriptor, once per content (only read, never changed, by ``check``)."""
    return json.loads(text)


def _parse(data_dir: Path, report: Report) -> tuple[str, object] | None:
    try:
        raw = safe_files.read_bytes(data_dir, NAME, safe_files.MAX_DESCRIPTOR_BYTES)
    except FileNotFoundError:
        report.add(NAME, None, None, None, f"the file to exist: {_FIX}")
        return None
    except safe_files.Refused as refused:
        report.add(NAME, None, None, None, str(refused))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        report.add(NAME, line, None, f"bytes {raw[error.start : error.end]!r}", "UTF-8 text")
        return None
    try:
        return text, _loads(text)
    except json.JSONDecodeError as error:
        report.add(NAME, error.lineno, None, None, f"valid JSON ({error.msg})", char=error.colno)
    except (RecursionError, ValueError) as error:
        reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        report.add(NAME, 1, None, None, f"valid JSON ({reason})")
    return None


def check(data_dir: Path, report: Report) -> None:
    """Report every way the folder's descriptor is malformed or differs from the project's."""
    parsed = _parse(data_dir, report)
    if parsed is None:
        return
    text, theirs = parsed
    if not isinstance(theirs, dict) or not isinstance(theirs.get("resources"), list):
        line, char = _position(text)
        report.add(NAME, line, None, None, f"a JSON object with a 'resources' list: {_FIX}", char)
        return
    ours, folder = _resources(read_descriptor()), _resources(theirs)
    for name in folder.keys() - ours.keys():
        line, char = _position(text, name)
        report.add(
            NAME, line, None, name, f"only the project's resources ({', '.join(ours)})", char
        )
    for name, resource in ours.items():
        other = folder.get(name)
        if other is None:
            line, char = _position(text)
            report.add(NAME, line, None, None, f"a resource named '{name}': {_FIX}", char)
            continue
        _compare_resource(text, name, resource, other, report)


def _compare_resource(text: str, name: str, ours: dict, theirs: dict, report: Report) -> None:
    def differs(what: str, got, column: str | None = None) -> None:
        line, char = _position(text, name, column) if column else _position(text, name)
        shown = json.dumps(got, ensure_ascii=False)
        report.add(NAME, line, None, shown, f"{what} as in {_FIX}", char)

    if theirs.get("path") != ours.get("path"):
        differs(f"resource '{name}' with path {json.dumps(ours.get('path'))}", theirs.get("path"))
    if _keys(theirs) != _keys(ours):
        differs(f"the primary and foreign keys of '{name}'", _keys(theirs))
    our_fields, their_fields = _fields(ours), _fields(theirs)
    names = [f.get("name") if isinstance(f, dict) else None for f in their_fields]
    wanted = [f["name"] for f in our_fields]
    if names != wanted:
        differs(f"the columns of '{name}' in this order: {', '.join(wanted)}", names)
        return
    for mine, other in zip(our_fields, their_fields, strict=True):
        for key in _CHECKED_FIELD_KEYS:
            if other.get(key) != mine.get(key):
                differs(
                    f"column '{mine['name']}' of '{name}' with {key} {json.dumps(mine.get(key))}",
                    other.get(key),
                    mine["name"],
                )
