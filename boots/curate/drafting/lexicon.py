"""The drafting's vocabularies, kept as data beside this module (package data, not the data
folder: they describe English reporting, not the articles of one collection).

* ``reporting_verbs.csv``: each printed form of a reporting verb (``said``, ``ruled out``) with
  its lemma and three yes/no columns: ``speaker_after`` (the speaker may follow it:
  ``"...," said X``), ``addressee`` (the noun after it is whom the words were for: ``told
  reporters``), ``reports`` (it introduces what was said, so a clause after it is reported
  speech; ``spoke`` does not). Forms that are as often nouns (``remark``, ``comment``,
  ``call``, ``claim``, ``warning``) are left out: as nouns they would be read as cues.
* ``cue_words.csv``: words with a ``kind``: ``source_after`` (``according to X``), ``scare``
  (``so-called``), ``pronoun`` and ``relative`` (with ``number``: person, plural or thing),
  ``preposition`` (a name after one is not a subject), ``unnamed`` (nouns of sources without a
  name: ``officials``, ``a diplomat``), ``negation``, ``topic`` (words naming troops, rule S2),
  ``refers_back`` (words pointing to something said before, rule C2), ``passive`` (forms of
  ``be`` before a verb that make it passive), ``stance_verb``, ``stance_determiner``,
  ``alike`` and ``stance_noun`` (composed into the cues of a report that points to another
  statement: ``took a similar position``; a reporting verb followed by a short clause with an
  ``alike`` word, ``said the same``, is one too), ``function`` (words that carry no content when
  statements are compared), ``answer_label`` and ``question_label`` (the labels of a
  transcript's lines: ``A:``, ``Q:``) and ``gender`` (pronouns with the grammatical gender in
  ``number``: two pronouns of different gender in one stretch of text are two people).

The role nouns that name one known speaker (``the chancellor``) are not here: they belong to
the speakers, in the data folder's ``speakers.csv`` (column ``role_nouns``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Verb:
    form: str
    lemma: str
    speaker_after: bool
    addressee: bool
    reports: bool
    refers: bool = False  # 'took a similar position': a report that points to another statement


def _rows(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def verbs() -> dict[str, Verb]:
    """Reporting verbs by printed form (lower case)."""
    out = {}
    for row in _rows("reporting_verbs.csv"):
        flags = {k: row[k] == "yes" for k in ("speaker_after", "addressee", "reports")}
        out[row["form"]] = Verb(row["form"], row["lemma"], **flags)
    for verb in words("stance_verb"):
        for determiner in words("stance_determiner"):
            for alike in words("alike"):
                for noun in words("stance_noun"):
                    form = f"{verb} {determiner} {alike} {noun}"
                    out[form] = Verb(form, "take a position", False, False, False, refers=True)
    return out


@cache
def words(kind: str) -> dict[str, str]:
    """The cue words of ``kind`` with their ``number`` (empty where it does not apply)."""
    return {r["word"]: r["number"] for r in _rows("cue_words.csv") if r["kind"] == kind}


def alternation(phrases) -> str:
    """A regular expression matching any of ``phrases`` as whole words, longest first, any
    run of spaces between their words."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)
    return rf"(?<![\w'’-])(?:{body})(?![\w-])"


@cache
def scare_pattern() -> re.Pattern:
    return re.compile(alternation(words("scare")) + r"\s*$", re.IGNORECASE)


@cache
def transcript_label() -> re.Pattern:
    """A transcript line's label at the start of a paragraph (use with ``match``): ``A:``,
    ``Q:``, ``A (Name):``; group ``kind`` is the label word, group ``who`` what the brackets
    hold."""
    answer, question = words("answer_label"), words("question_label")
    body = "|".join(re.escape(w) for w in sorted({*answer, *question}, key=len, reverse=True))
    return re.compile(
        rf"\s*(?P<kind>{body})\s*(?:\((?P<who>[^()\n]{{1,80}})\))?\s*:\s+", re.IGNORECASE
    )
