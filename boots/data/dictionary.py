"""Generate the data dictionary (``data/README.md``) from the schema.

``python -m boots.data.dictionary`` prints it; ``--write`` replaces ``data/README.md``;
``--check`` exits 1 if the file differs from what the schema generates (a test runs it).
"""

from __future__ import annotations

import sys

from boots.data import labels
from boots.data.schema import Field, resources
from boots.util import config
from boots.util.atomic import write_text

HEADER = """# Data dictionary

Generated from `datapackage.json` by `python -m boots.data.dictionary --write` (`make dictionary`);
do not edit by hand: a test fails if this file and the schema disagree. The coding rules,
with examples from the articles, are in [CODEBOOK.md](CODEBOOK.md).

All tables are UTF-8 CSV (a byte-order mark is accepted), one record per line, with the
columns in the order given here. Empty cells are missing values. Lists inside a cell are
separated by `;`.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _allowed(field: Field, names: dict[str, str] | None = None) -> str:
    """Allowed values, each code with the label readers see for it."""
    names = names or {}

    def coded(value: str) -> str:
        return f"`{value}` ({names[value]})" if value in names else f"`{value}`"

    if field.enum:
        return ", ".join(coded(value) for value in field.enum)
    bits = []
    if names:
        bits.append("codes " + ", ".join(coded(value) for value in names))
    if field.pattern:
        bits.append(f"pattern `{field.pattern}`")
    if field.minimum is not None or field.maximum is not None:
        low = "" if field.minimum is None else f"{field.minimum:g}"
        high = "" if field.maximum is None else f"{field.maximum:g}"
        bits.append(f"{low}..{high}")
    if field.unique:
        bits.append("unique")
    return "; ".join(bits)


def render() -> str:
    parts = [HEADER]
    for resource in resources().values():
        parts.append(f"\n## `{resource.path}`: {resource.title}\n\n{resource.description}\n")
        parts.append(f"\nPrimary key: `{', '.join(resource.primary_key)}`.")
        for fk in resource.foreign_keys:
            target = fk["reference"]["resource"] or resource.name
            parts.append(
                f" `{', '.join(fk['fields'])}` refers to "
                f"`{target}.csv` `{', '.join(fk['reference']['fields'])}`."
            )
        parts.append("\n\n| column | type | required | allowed values | description |\n")
        parts.append("|---|---|---|---|---|\n")
        for field in resource.fields:
            required = "yes" if field.required else ""
            parts.append(
                f"| `{field.name}` | {field.type} | {required} | {_cell(_allowed(field, labels.categories(field.name, resource.name)))} "
                f"| {_cell(field.description)} |\n"
            )
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = config.DEFAULT_DATA_DIR / "README.md"
    text = render()
    if args == ["--write"]:
        write_text(target, text)
    elif args == ["--check"]:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run `make dictionary`", file=sys.stderr)
            return 1
    elif not args:
        sys.stdout.write(text)
    else:
        print("usage: python -m boots.data.dictionary [--write | --check]", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
