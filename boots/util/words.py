"""Counts in prose that agree in number: ``counted(1, "statement")`` is "1 statement",
``agreeing(2, "was")`` is "were" (English inflection by the ``inflect`` library)."""

from __future__ import annotations

import functools


@functools.cache
def _engine():
    import inflect  # imported on first use: a command that never pluralises does not load it

    return inflect.engine()


def plural(singular: str) -> str:
    """The English plural of the noun ``singular`` ("country" -> "countries")."""
    return _engine().plural_noun(singular)


def counted(n: int, singular: str, plural_form: str | None = None) -> str:
    """``n`` followed by the noun in the number ``n`` asks for ("1 mention", "2 mentions")."""
    return f"{n} {singular if n == 1 else plural_form or plural(singular)}"


def agreeing(n: int, verb: str) -> str:
    """The singular verb ``verb`` ("was", "has", "is") in the number ``n`` asks for."""
    return verb if n == 1 else _engine().plural_verb(verb, n)


# Words printed with an attribution verb that are not the verb: 'has insisted', 'also said'.
AUXILIARIES = frozenset({"has", "have", "had", "was", "were", "is", "also", "later"})


def verb_words(verb: str) -> list[str]:
    """The words of a printed attribution verb without auxiliaries, lower case."""
    return [w for w in verb.lower().split() if w not in AUXILIARIES]
