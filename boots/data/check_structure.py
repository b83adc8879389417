"""Validation layers 1-3: structure, cells and schema constraints of each table.

1. structure: each file lies inside the data folder, is a regular file under its size cap
   (``boots.data.safe_files``), has no line too long to be a record, is UTF-8 (a byte-order
   mark is accepted), parses as CSV with one record per line, and has exactly the schema's
   columns in the schema's order;
2. cells: every value is strict for its column's type (``boots.data.cells``);
3. schema: required values, allowed values, patterns, ranges, unique and foreign keys, from
   the project's schema (``boots.data.constraints``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from boots.data import cells, constraints, safe_files
from boots.data.problems import Report
from boots.data.schema import Resource

# A record line longer than this is refused before the CSV parser sees it: no cell may hold
# more than cells.MAX_CELL_CHARS characters, and the widest table has 25 columns.
MAX_LINE_BYTES = 64 * 1024


@dataclass
class Table:
    """A CSV file read as text: one dict per record, with its line number."""

    resource: Resource
    rows: list[dict[str, str]]
    lines: list[int]
    records: list[list[str]] = field(default_factory=list)  # header first, as read

    def where(self, index: int) -> int:
        return self.lines[index]


# --- layer 1: structure -------------------------------------------------------------------


def _decode(raw: bytes, name: str, header: list[str] | None, report: Report) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        start = raw.rfind(b"\n", 0, error.start) + 1
        end = raw.find(b"\n", error.start)
        bad_line = raw[start : end if end != -1 else len(raw)].decode("utf-8", "replace")
        column = None
        try:
            cells = next(csv.reader([bad_line]))
            labels = header or next(csv.reader([raw.split(b"\n", 1)[0].decode("utf-8", "replace")]))
            for label, cell in zip(labels, cells, strict=False):
                if "\ufffd" in cell:
                    column = label
                    break
        except (csv.Error, StopIteration):
            pass
        bad = raw[error.start : error.end]
        report.add(
            name,
            line,
            column,
            f"bytes {bad!r}",
            "UTF-8 text (re-save the file as UTF-8; a byte-order mark is fine)",
        )
        return None


def _read_confined(data_dir: Path, name: str, report: Report) -> bytes | None:
    """The bytes of a table, or None after reporting why it may not be read."""
    try:
        return safe_files.read_bytes(data_dir, name, safe_files.MAX_TABLE_BYTES)
    except FileNotFoundError:
        report.add(name, None, None, None, "the file to exist (the schema lists it)")
    except safe_files.Refused as refused:
        report.add(name, None, None, None, str(refused))
    return None


def _long_line(raw: bytes, name: str, report: Report) -> bool:
    """Report the first line too long to be a record; True if there is one."""
    start = 0
    number = 1
    while start < len(raw):
        end = raw.find(b"\n", start)
        end = len(raw) if end == -1 else end
        if end - start > MAX_LINE_BYTES:
            report.add(
                name,
                number,
                None,
                None,
                f"lines of at most {MAX_LINE_BYTES // 1024} KiB (this one has "
                f"{end - start} bytes; a cell may hold at most {cells.MAX_CELL_CHARS} characters)",
            )
            return True
        start, number = end + 1, number + 1
    return False


def read_table(data_dir: Path, resource: Resource, report: Report) -> Table | None:
    """Read one CSV as text; report structural problems and return None if there are any."""
    name = resource.path
    before = len(report.problems)
    raw = _read_confined(data_dir, name, report)
    if raw is None or _long_line(raw, name, report):
        return None
    content = _decode(raw, name, resource.field_names, report)
    if content is None:
        return None
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    records: list[list[str]] = []
    lines: list[int] = []
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            report.add(
                name,
                start,
                None,
                None,
                f"well-formed CSV ({error}): look for an unbalanced double quote in the "
                f"record that starts on line {start}",
            )
            return None
        if reader.line_num != start:
            report.add(
                name,
                start,
                None,
                None,
                f"one record per line, but this record runs to line {reader.line_num}: "
                f"an unbalanced double quote on line {start} probably swallowed the lines "
                "after it",
            )
        records.append(record)
        lines.append(start)
    if not records:
        report.add(name, 1, None, None, "a header row naming the columns")
        return None
    header, expected = records[0], resource.field_names
    for label in header:
        if label not in expected:
            report.add(name, 1, label, label, "only the schema's columns: " + ", ".join(expected))
    for label in expected:
        if label not in header:
            report.add(name, 1, label, None, "this column to be present (the schema defines it)")
    if len(set(header)) != len(header):
        report.add(name, 1, None, ",".join(header), "each column name once")
    elif set(header) == set(expected) and header != expected:
        report.add(
            name,
            1,
            None,
            ",".join(header),
            "the columns in the schema's order: " + ",".join(expected),
        )
    for record, line in zip(records[1:], lines[1:], strict=True):
        if not any(cell.strip() for cell in record):
            report.add(name, line, None, None, "no blank lines")
        elif len(record) != len(header):
            report.add(
                name,
                line,
                None,
                f"{len(record)} values",
                f"{len(header)} values, one per column (check the commas and quotes)",
            )
    if len(report.problems) > before:
        return None
    rows = [dict(zip(header, record, strict=True)) for record in records[1:]]
    return Table(resource, rows, lines[1:], records)


# --- layer 2: cells -------------------------------------------------------------------------


def check_cells(table: Table, report: Report) -> None:
    """Every value strict for its column's type (``boots.data.cells``)."""
    fields = table.resource.fields
    for index, row in enumerate(table.rows):
        for field_ in fields:
            value = row[field_.name]
            found = cells.problem(field_, value) if value else None
            if found:
                report.add(table.resource.path, table.where(index), field_.name, value, found)


# --- layer 3: schema constraints -----------------------------------------------------------


def check_schema(tables: dict[str, Table], report: Report) -> None:
    """Required and allowed values, patterns, ranges, unique and foreign keys, from the
    project's schema (``boots.data.constraints``). A cell already reported by the cell layer
    is not reported again."""
    skip = {(p.file, p.line, p.column) for p in report.problems}
    for table in tables.values():
        path = table.resource.path
        constraints.check_table(table, report, {(ln, c) for f, ln, c in skip if f == path})
    constraints.check_foreign_keys(tables, report, skip)


# --- layer 4: evidence ----------------------------------------------------------------------
