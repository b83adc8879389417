"""Lexicon patterns: checked and compiled here, and only here.

``lexicon.csv`` holds regular expressions that anyone extending the collection may write, so
they run on RE2 (``google-re2``), an engine whose time grows linearly with the text: no
pattern can backtrack catastrophically (``(\\w+\\s?)+$`` is as fast as ``troops``).
Validation (``boots.data.validate``) and the analysis (``boots.analysis.framing``) both call
``compile_term``, so what validation accepted is exactly what the analysis runs.

The syntax is RE2's, restricted so that a pattern means the same wherever it is used:

* groups are plain ``( )`` or non-capturing ``(?: )``: no inline flags such as ``(?i)``
  (matching is always case-insensitive), no named groups, no look-around or
  back-references (RE2 has neither);
* ASCII only: bodies are matched after normalisation (typographic quotes and dashes folded
  to ASCII) and RE2's word boundaries are ASCII;
* no ``\\C`` (a single byte, which could split a character);
* the pattern must not be able to match the empty string anywhere (``\\b``, ``x*``, ``a|``):
  an empty match counts nothing and breaks the keyword-in-context table.

Each term is matched case-insensitively between word boundaries: ``\\b(?:PATTERN)\\b``.
"""

from __future__ import annotations

import itertools
from functools import cache

import re2

MAX_PATTERN_CHARS = 300
# Every text of up to three characters drawn from a word character, a space and a line
# break: together they put an empty match in every context RE2's zero-width assertions
# (^ $ \A \z \b \B) can tell apart.
_PROBES = tuple("".join(chars) for n in range(4) for chars in itertools.product("a \n", repeat=n))


class PatternError(ValueError):
    """A lexicon pattern that may not be used; ``str()`` says why."""


def _options(case_sensitive: bool = False) -> re2.Options:
    options = re2.Options()
    options.case_sensitive = case_sensitive
    options.log_errors = False
    return options


def _syntax_problem(pattern: str) -> str | None:
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"a pattern of at most {MAX_PATTERN_CHARS} characters"
    if not pattern.isascii():
        return "ASCII characters only (bodies are matched after folding quotes and dashes to ASCII)"
    escaped = in_class = False
    for at, char in enumerate(pattern):
        if escaped:
            escaped = False
            if char == "C":
                return "no \\C (it matches a single byte and can split a character)"
            continue
        if char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]" or pattern[at - 1] == "["
        elif char == "[":
            in_class = True
        elif char == "(" and pattern[at + 1 : at + 2] == "?" and pattern[at + 2 : at + 3] != ":":
            return (
                "groups written ( ) or (?: ) only: no inline flags such as (?i) (matching is "
                "already case-insensitive), named groups or look-around"
            )
    return None


@cache
def compile_term(pattern: str) -> re2._Regexp:
    """The compiled matcher of a lexicon pattern: case-insensitive, between word
    boundaries. Raises ``PatternError`` with the reason if the pattern may not be used."""
    problem = _syntax_problem(pattern)
    if problem:
        raise PatternError(problem)
    try:
        bare = re2.compile(pattern, _options())  # alone, so `a)|(b` cannot leak out of a group
    except re2.error as error:
        reason = error.args[0].decode() if isinstance(error.args[0], bytes) else str(error)
        raise PatternError(f"a valid RE2 regular expression ({reason})") from None
    for probe in _PROBES:
        for at in range(len(probe) + 1):
            if bare.fullmatch(probe, at, at):
                raise PatternError(
                    "a pattern that cannot match the empty string (it would count nothing, "
                    "everywhere); make every part match at least one character"
                )
    return re2.compile(rf"\b(?:{pattern})\b", _options())


def check(pattern: str) -> str | None:
    """Why ``pattern`` may not be used, or None if it may."""
    try:
        compile_term(pattern)
    except PatternError as error:
        return str(error)
    return None
