"""Counts in prose that agree in number: ``counted(1, "statement")`` is "1 statement"."""

from __future__ import annotations


def plural(singular: str) -> str:
    """The regular English plural of ``singular`` (enough for the nouns this project counts)."""
    if singular.endswith(("s", "x", "ch", "sh")):
        return singular + "es"
    if singular.endswith("y") and singular[-2:-1] not in set("aeiou"):
        return singular[:-1] + "ies"
    return singular + "s"


def counted(n: int, singular: str, plural_form: str | None = None) -> str:
    """``n`` followed by the noun in the number ``n`` asks for ("1 mention", "2 mentions")."""
    return f"{n} {singular if n == 1 else plural_form or plural(singular)}"


# Words printed with an attribution verb that are not the verb: 'has insisted', 'also said'.
AUXILIARIES = frozenset({"has", "have", "had", "was", "were", "is", "also", "later"})


def verb_words(verb: str) -> list[str]:
    """The words of a printed attribution verb without auxiliaries, lower case."""
    return [w for w in verb.lower().split() if w not in AUXILIARIES]
