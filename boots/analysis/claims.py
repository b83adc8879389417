"""Typed prose bound to a check: a claim is computed, or it is checked.

A paragraph a notebook's author wrote about the curated data (who stood alone, which text
copied which) is not computed from the data, so it is bound to a *predicate*: a function of
the evidence, registered here under the claim's name, that holds exactly when the paragraph
is true of the tables and texts being built. A notebook shows such a paragraph with
``claims.say(ev, "name", "the typed paragraph")`` in a cell whose input is removed:

* the predicate holds: the paragraph is shown;
* every phrase it sets in double quotation marks must be printed in one of the folder's
  articles (``unprinted``; words left out marked ``...``), so a quotation needs no check of
  its own; a term of ours is set in italics, not in quotation marks;
* it fails on another data folder: one short line (``NOT_HERE``) says a paragraph written
  about the project's curated data does not hold for this folder;
* it fails on the project's own ``data/``: the cell raises ``ClaimFailed`` naming the claim,
  so ``make`` and ``make test`` (nbval) fail until the prose or the data is corrected.

Each shown output carries ``{"boots-claim": {"name": ..., "holds": ...}}`` in its metadata, so
the tests can see that every claim was evaluated and shown only where it holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from boots.data import text
from boots.data.tables import Evidence
from boots.util import config

CLAIM_KEY = "boots-claim"
# A notebook cell's call, as the tests find it: ``claims.say(ev, "name", ...)``.
SAY_CALL = re.compile(r'claims\.say\(\s*ev,\s*"([a-z_]+)"')
NOT_HERE = (
    "*A paragraph written about the project's curated data does not hold for this data "
    "folder and is left out here.*"
)
PREDICATES: dict[str, Callable[[Evidence], bool]] = {}


class ClaimFailed(AssertionError):
    """A typed paragraph is false for the project's own data."""


def predicate(function: Callable[[Evidence], bool]) -> Callable[[Evidence], bool]:
    """Register ``function`` as the check of the claim of the same name."""
    PREDICATES[function.__name__] = function
    return function


def holds(evidence: Evidence, name: str) -> bool:
    """Whether the claim ``name`` is true of ``evidence`` (a missing row makes it false)."""
    try:
        return bool(PREDICATES[name](evidence))
    except (KeyError, IndexError, ValueError) as error:
        if isinstance(error, KeyError) and name not in PREDICATES:
            raise
        return False


_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')
_GAP = re.compile(r"\.\.\.|…")
_NESTED = re.compile(r"(?<!\w)'([^']+)'(?!\w)")


def unprinted(evidence: Evidence, paragraph: str) -> list[str]:
    """The phrases ``paragraph`` sets in double quotation marks that no article of the
    folder prints (case aside; the parts around a '...' all in one article)."""
    texts = [t.lower() for t in evidence.texts.values()]
    missing = []
    for match in _QUOTED.finditer(paragraph):
        phrase = " ".join((match.group(1) or match.group(2)).split())
        printed = _NESTED.sub(r'"\1"', phrase)  # a quotation inside it, in single marks
        parts = [p.strip().lower() for p in _GAP.split(printed) if p.strip()]
        if not any(all(text.locate(p, t) for p in parts) for t in texts):
            missing.append(phrase)
    return missing


def true_of(evidence: Evidence, name: str, paragraph: str) -> bool:
    """Whether ``paragraph`` is shown: its predicate holds and every phrase it quotes is
    printed in the folder's articles."""
    return holds(evidence, name) and not unprinted(evidence, paragraph)


def is_project_data(evidence: Evidence) -> bool:
    return evidence.data_dir.resolve() == config.DEFAULT_DATA_DIR.resolve()


def say(evidence: Evidence, name: str, paragraph: str) -> None:
    """Show the typed ``paragraph`` if its claim holds (see the module's docstring)."""
    from IPython.display import Markdown, display

    if name not in PREDICATES:
        raise KeyError(f"no predicate named {name!r} in boots.analysis.claims")
    missing = unprinted(evidence, paragraph)
    true = true_of(evidence, name, paragraph)
    if not true and is_project_data(evidence):
        why = f"; no article prints {missing!r}" if missing else ""
        raise ClaimFailed(
            f"claim {name!r} does not hold for the project's data{why}: correct the paragraph "
            f"or the data ({paragraph[:80]!r}...)"
        )
    display(
        Markdown(paragraph if true else NOT_HERE),
        metadata={CLAIM_KEY: {"name": name, "holds": true}},
    )


NO_REMARK = (
    "*This data folder holds no statement of Macron's remark of 26 February 2024: the question "
    "above is answered for the statements it holds.*"
)


def has_remark(evidence: Evidence) -> bool:
    """Whether the folder holds Macron's remark, which notebook titles and questions name
    (where it does not, the notebook says so under its title: ``NO_REMARK``)."""
    return REMARK in set(evidence.statements.statement_id)


# --- what the predicates look at (each analysis package registers its notebook's predicates
# in its own ``claims`` module, so a notebook depends only on the analyses it imports) ------


def statements(evidence: Evidence) -> pd.DataFrame:
    return evidence.statements_with_speakers().set_index("statement_id")


def statement(evidence: Evidence, statement_id: str) -> pd.Series:
    return statements(evidence).loc[statement_id]


def article(evidence: Evidence, article_id: str) -> pd.Series:
    return evidence.articles.set_index("article_id").loc[article_id]


def reports(evidence: Evidence, statement_id: str) -> set[str]:
    mentions = evidence.mentions
    return set(mentions[mentions.statement_id == statement_id].article_id)


def answers(evidence: Evidence) -> set[tuple[str, str]]:
    r = evidence.responses
    return set(zip(r.statement_id, r.responds_to, strict=True))


REMARK = "macron-nothing-ruled-out"


# --- notebook 00 ----------------------------------------------------------------------------


@predicate
def sources_as_received(evidence: Evidence) -> bool:
    """Al Jazeera and AP are reposts, Euronews carries the AP byline, Mind.ua probably and VOI
    by machine translated (from Ukrainian, from Indonesian)."""
    a = lambda i: article(evidence, i)  # noqa: E731
    return (
        a("aljazeera").reprint == "repost"
        and a("ap-repost").reprint == "repost"
        and a("euronews").byline_wire == "AP"
        and (a("mind").translation, a("mind").original_language) == ("probable", "uk")
        and (a("voi").translation, a("voi").original_language) == ("machine", "id")
    )


@predicate
def no_article_dated(evidence: Evidence) -> bool:
    """No article prints its own date: none has a known latest publication day."""
    return bool(evidence.articles.published_latest.isna().all())
