"""Extractor (a): quotation spans, in every convention an article may print.

A paragraph is scanned once, left to right, with a stack of open marks:

* pairs: ``"…"``, ``“…”``, ``„…“`` and ``„…”``, ``”…”`` (Nordic), ``«…»`` and ``»…«``,
  ``‹…›`` and ``›…‹``, ``‘…’``, ``‚…‘`` and ``‚…’``, ``'…'``;
* a mark opens only where a quotation can start (after a space, a bracket, a dash, a colon or
  another opening mark, before a non-space) and closes only where one can end (after a
  non-space, before no letter or digit); guillemets may have spaces inside them (French
  typesetting); so apostrophes (``don’t``, ``Europe’s``) are never
  taken for quotation marks;
* a closing mark that matches an opener deeper in the stack closes it (an inner mark left
  open is dropped); quotations inside another (nested: ``‚…‘`` in ``„…“``, ``‹…›`` in
  ``«…»``) are kept in the outer one's ``inner`` list, for the pipeline to attribute from the
  outer quotation's own words;
* a quotation still open where its paragraph ends runs to that end
  (``open_end``); when the next paragraph starts with an opening mark, its first quotation
  continues it (``continues``): the convention for a quotation over several paragraphs;
* a block quote (a paragraph starting with ``>``) is one quotation.

Spans exclude the marks and the punctuation English prints inside closing marks (``, ; : .``).
"""

from __future__ import annotations

from dataclasses import dataclass

CLOSERS = {
    '"': '"',
    "\u201c": "\u201d",
    "\u201e": "\u201c\u201d",
    "\u201d": "\u201d",
    "\u00ab": "\u00bb",
    "\u00bb": "\u00ab",
    "\u2039": "\u203a",
    "\u203a": "\u2039",
    "\u2018": "\u2019",
    "\u201a": "\u2018\u2019",
    "'": "'",
}
GUILLEMETS = set("\u00ab\u00bb\u2039\u203a")  # French typesetting puts spaces inside them
SINGLE = set("'\u2018\u2019\u201a\u2039\u203a")
MARKS = set(CLOSERS) | set("".join(CLOSERS.values()))
_OPEN_AFTER = set(" \t([{-/:\u2013\u2014\u2026") | MARKS
_TRIM_END = set(",;:. \t")


@dataclass
class Quote:
    """A quotation: ``start``/``end`` are offsets of the quoted words in the article."""

    start: int
    end: int
    mark: str
    open_end: bool = False
    continues: bool = False
    block: bool = False
    inner: tuple[Quote, ...] = ()  # quotations nested inside this one


def _can_open(line: str, at: int) -> bool:
    before = line[at - 1] if at else " "
    after = line[at + 1] if at + 1 < len(line) else " "
    return before in _OPEN_AFTER and (line[at] in GUILLEMETS or not after.isspace())


def _can_close(line: str, at: int) -> bool:
    before = line[at - 1] if at else " "
    after = line[at + 1] if at + 1 < len(line) else " "
    return (line[at] in GUILLEMETS or not before.isspace()) and not after.isalnum()


def _inside_word(line: str, at: int) -> bool:
    before = line[at - 1] if at else " "
    after = line[at + 1] if at + 1 < len(line) else " "
    return before.isalnum() and after.isalnum()


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRIM_END:
        end -= 1
    return start, end


def paragraph_quotes(text: str, start: int, end: int) -> list[Quote]:
    """The top-level quotations of the paragraph ``text[start:end]``, in order."""
    line = text[start:end]
    if line.lstrip().startswith(">"):
        first = start + line.index(">") + 1
        s, e = _span(text, first, end)
        return [Quote(s, e, ">", block=True)] if e > s else []
    stack: list[tuple[str, int]] = []
    found: list[Quote] = []
    nested: tuple[Quote, ...] = ()  # the inner quotations of the top-level one open now
    for at, char in enumerate(line):
        if char not in MARKS:
            continue
        if char in SINGLE and _inside_word(line, at):
            continue  # an apostrophe
        depth = next(
            (
                d
                for d in range(len(stack) - 1, -1, -1)
                if char in CLOSERS[stack[d][0]] and _can_close(line, at)
            ),
            None,
        )
        if depth is not None and not (
            char in CLOSERS and _can_open(line, at) and depth < len(stack) - 1
        ):
            opener, opened = stack[depth]
            del stack[depth:]
            s, e = _span(text, start + opened + 1, start + at)
            if not stack:
                if e > s:
                    found.append(Quote(s, e, opener, inner=nested))
                nested = ()
            elif e > s:
                nested += (Quote(s, e, opener),)
            continue
        if char in CLOSERS and _can_open(line, at):
            if char in SINGLE and stack and stack[-1][0] == char:
                continue
            stack.append((char, at))
    if stack:
        opener, opened = stack[0]
        s, e = _span(text, start + opened + 1, end)
        if e > s:
            found.append(Quote(s, e, opener, open_end=True, inner=nested))
    return found


def quotations(text: str, paragraphs: list[tuple[int, int]]) -> list[list[Quote]]:
    """The quotations of each paragraph (see the module docstring), continuations marked."""
    out: list[list[Quote]] = []
    previous_open = False
    for start, end in paragraphs:
        quotes = paragraph_quotes(text, start, end)
        first = text[start:end].lstrip()
        if previous_open and quotes and first[:1] in CLOSERS and quotes[0].start - start <= 2:
            quotes[0].continues = True
        previous_open = bool(quotes) and quotes[-1].open_end
        out.append(quotes)
    return out
