"""The curated tables' schema: ``data/datapackage.json`` (Frictionless Data Package).

The descriptor is the single definition of every column (type, description, allowed
values, keys). Validation, typed loading and the data dictionary all read it from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from boots.util import config

# What `make add-article` writes into the cells only a curator can fill; validation lists each
# such cell with the column's description and the codebook section to read.
TO_FILL = "TO FILL"


class SchemaError(Exception):
    """The descriptor itself is missing or unreadable."""


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool
    unique: bool
    enum: tuple[str, ...]
    pattern: str | None
    minimum: float | None
    maximum: float | None
    example: str | None

    @classmethod
    def from_descriptor(cls, descriptor: dict) -> Field:
        constraints = descriptor.get("constraints", {})
        example = descriptor.get("example")
        return cls(
            name=descriptor["name"],
            type=descriptor.get("type", "string"),
            description=descriptor.get("description", ""),
            required=bool(constraints.get("required", False)),
            unique=bool(constraints.get("unique", False)),
            enum=tuple(constraints.get("enum", ())),
            pattern=constraints.get("pattern"),
            minimum=constraints.get("minimum"),
            maximum=constraints.get("maximum"),
            example=None if example is None else str(example),
        )

    def expectation(self) -> str:
        """What a valid value looks like, in words, for error messages."""
        if self.enum:
            return "one of " + ", ".join(self.enum)
        parts = {
            "date": "a date written YYYY-MM-DD that exists in the calendar",
            "integer": "a whole number",
            "number": "a number",
            "boolean": "true or false",
        }.get(self.type, "text")
        if self.pattern:
            parts += f" matching the pattern {self.pattern}"
        if self.minimum is not None:
            parts += f", at least {self.minimum:g}"
        if self.maximum is not None:
            parts += f", at most {self.maximum:g}"
        if self.example:
            parts += f" (e.g. {self.example})"
        return parts


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    description: str
    path: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict, ...]

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.path} has no column {name!r}")


def read_descriptor(data_dir: Path | None = None) -> dict:
    """The raw descriptor of the data package in ``data_dir``."""
    path = (data_dir or config.data_dir()) / config.DESCRIPTOR
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaError(f"{path}: file not found (the data package descriptor)") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SchemaError(f"{path}: not valid UTF-8 JSON: {error}") from None


def resources(data_dir: Path | None = None) -> dict[str, Resource]:
    """The package's tables, by resource name, in descriptor order."""
    descriptor = read_descriptor(data_dir)
    out = {}
    for res in descriptor.get("resources", []):
        schema = res.get("schema", {})
        primary_key = schema.get("primaryKey", [])
        out[res["name"]] = Resource(
            name=res["name"],
            title=res.get("title", res["name"]),
            description=res.get("description", ""),
            path=res["path"],
            fields=tuple(Field.from_descriptor(f) for f in schema.get("fields", [])),
            primary_key=tuple([primary_key] if isinstance(primary_key, str) else primary_key),
            foreign_keys=tuple(schema.get("foreignKeys", [])),
        )
    return out
