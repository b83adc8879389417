"""The codebook's tables as code: each list of codes and words has its one home here.

Codes come from the schema (``data/datapackage.json``), in its order, which is the order
figures, legends and tie-breaks use; the words the codebook's rules name (the troop nouns of
rules C3 and C4, which rule S2 uses to decide what is about troops) are listed once, and a
test checks that the codebook names each. Other layers import these, never retype them.
"""

from __future__ import annotations

import re

from boots.data.labels import categories

# The stance of a statement on topic (S2) that takes none of the positions (codebook, "Stance":
# characterisations, reports of what others consider); every other stance is a position.
NO_POSITION = "other"
# Quotation types whose words stand inside quotation marks (codebook, "Quote types"); the
# third, a paraphrase, reports the words without them.
QUOTED_TYPES = ("direct", "partial")
# Rules C3 and C4: the nouns that name troops or their deployment.
TROOP_NOUNS = ("troops", "soldiers", "contingents", "forces", "personnel", "deployment")
TROOP_WORDS = re.compile(
    r"\b(troops?|soldiers?|contingents?|forces|personnel|deploy(?:s|ed|ing|ment|ments)?)\b",
    re.IGNORECASE,
)


def codes(field: str, resource: str | None = None) -> list[str]:
    """The allowed codes of a coded column, in the schema's order."""
    return list(categories(field, resource))


def stances() -> list[str]:
    return codes("stance", "statements")


def positions() -> list[str]:
    """The stances that take a position, in the schema's order (the country rule's tie-break)."""
    return [code for code in stances() if code != NO_POSITION]


def quote_types() -> list[str]:
    return codes("quote_type", "mentions")
