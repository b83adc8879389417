"""What validation reports: problems located by file, line, column (and character), and the
report that collects them.

Everything printed is made safe for a terminal: a value from the data is shown with
``repr`` (cut to ``MAX_SHOWN`` characters), and any control, format or bidirectional
character left anywhere in a message is written as an escape (``\\x1b``), so a hostile
cell can neither move the cursor nor hide text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from boots.util import config
from boots.util.words import counted

MAX_SHOWN = 120


def printable(text: str) -> str:
    """``text`` with every character a terminal would not print literally escaped."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _show(value: str) -> str:
    value = value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 1] + "…"
    return repr(value)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as the data allows: ``line`` in
    the file, ``column`` (a CSV column's name) and ``char`` (a 1-based character position in
    the line, where the fault has one)."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    expected: str
    char: int | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        where += f":{self.char}" if self.line and self.char else ""
        column = f" column '{self.column}':" if self.column else ""
        value = f" got {_show(self.value)};" if self.value is not None else ""
        return printable(f"{where}:{column}{value} expected {self.expected}")


@dataclass
class Report:
    data_dir: Path
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    checked_quotes: int = 0
    checked_passages: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(
        self,
        file: str,
        line: int | None,
        column: str | None,
        value,
        expected: str,
        char: int | None = None,
    ) -> None:
        self.problems.append(
            Problem(file, line, column, None if value is None else str(value), expected, char)
        )

    def located(self, file: str) -> set[tuple[int | None, str | None]]:
        """The (line, column) pairs of ``file`` that already have a problem."""
        return {(p.line, p.column) for p in self.problems if p.file == file}

    def summary(self) -> str:
        tables = ", ".join(_counted_rows(n, name) for name, n in self.counts.items())
        verdict = "valid" if self.ok else counted(len(self.problems), "problem")
        try:
            shown = self.data_dir.resolve().relative_to(config.ROOT).as_posix()
        except ValueError:
            shown = str(self.data_dir)
        quotes = counted(self.checked_quotes, "quote")
        passages = counted(self.checked_passages, "quoted passage")
        return printable(
            f"{shown}: {verdict}; {tables}; {quotes} found in their articles; "
            f"{passages} accounted for"
        )


def _counted_rows(n: int, table: str) -> str:
    """'1 article', '5 articles', '19 lexicon': a table's row count in its own noun."""
    singular = table[:-1] if table.endswith("s") else table
    return counted(n, singular, table)
