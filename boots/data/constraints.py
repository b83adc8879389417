"""The schema's constraints and keys, checked on the records validation has already read.

Driven entirely by the project's schema (``boots.data.schema``): ``required``, ``enum``,
``pattern`` (matched against the whole value), ``minimum`` / ``maximum``, ``unique``, the
primary key and the foreign keys (``"resource": ""`` refers to the table itself). Types are
checked before, strictly, by ``boots.data.cells``; a cell that failed there is not checked
again here.

These checks used to be delegated to frictionless, which was lenient about types (it reads
``2024-3-9`` as a date), opened the files named by the folder's own descriptor, and took
nine tenths of the validation time (0.5 s a run, which the fault suite pays hundreds of
times); the rules are few and the schema states them, so they are applied here directly.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Protocol

from boots.data.problems import Report
from boots.data.schema import Field, Resource


class TableLike(Protocol):
    resource: Resource
    rows: list[dict[str, str]]

    def where(self, index: int) -> int: ...


@cache
def _pattern(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _bounds_problem(field: Field, value: str) -> bool:
    if field.type not in {"integer", "number"} or (field.minimum is None and field.maximum is None):
        return False
    try:
        number = float(value)
    except ValueError:
        return False  # the type is reported by the cell layer
    return (field.minimum is not None and number < field.minimum) or (
        field.maximum is not None and number > field.maximum
    )


def check_table(table: TableLike, report: Report, skip: set[tuple[int, str]]) -> None:
    """Column constraints and the primary key of one table; ``skip`` holds the
    (line, column) pairs already reported."""
    resource = table.resource
    name = resource.path
    for field in resource.fields:
        first_line: dict[str, int] = {}
        for index, row in enumerate(table.rows):
            line, value = table.where(index), row[field.name]
            if (line, field.name) in skip:
                continue
            if value == "":
                if field.required:
                    report.add(name, line, field.name, "", "a value (this column is required)")
                continue
            if (
                (field.enum and value not in field.enum)
                or (field.pattern and not _pattern(field.pattern).fullmatch(value))
                or _bounds_problem(field, value)
            ):
                report.add(name, line, field.name, value, field.expectation())
            if field.unique:
                if value in first_line:
                    report.add(
                        name,
                        line,
                        field.name,
                        value,
                        f"a value not used on an earlier row (line {first_line[value]} has it; "
                        "the column is unique)",
                    )
                else:
                    first_line[value] = line
    key = resource.primary_key
    if len(key) > 1:  # a one-column key is checked as a unique column
        seen: dict[tuple[str, ...], int] = {}
        for index, row in enumerate(table.rows):
            values = tuple(row[k] for k in key)
            if values in seen:
                report.add(
                    name,
                    table.where(index),
                    key[0],
                    ", ".join(values),
                    f"a combination of {', '.join(key)} not used on an earlier row "
                    f"(line {seen[values]} has it)",
                )
            seen.setdefault(values, table.where(index))


def check_foreign_keys(
    tables: dict[str, TableLike], report: Report, skip: set[tuple[str, int, str]]
) -> None:
    """Every foreign key's values exist in the table and columns it refers to; an empty
    value refers to nothing."""
    for table in tables.values():
        resource = table.resource
        for fk in resource.foreign_keys:
            fields, target_fields = fk["fields"], fk["reference"]["fields"]
            target_name = fk["reference"]["resource"] or resource.name
            target = tables.get(target_name)
            if target is None:
                continue
            existing = {tuple(row[f] for f in target_fields) for row in target.rows}
            for index, row in enumerate(table.rows):
                values = tuple(row[f] for f in fields)
                line = table.where(index)
                if "" in values or values in existing:
                    continue
                for field_name, value in zip(fields, values, strict=True):
                    if (resource.path, line, field_name) in skip:
                        continue
                    report.add(
                        resource.path,
                        line,
                        field_name,
                        value,
                        f"a value that exists in column '{', '.join(target_fields)}' of "
                        f"{target.resource.path}",
                    )
