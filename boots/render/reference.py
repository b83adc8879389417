"""The codebook and the data dictionary as site pages, and the links that lead to them.

Both are Markdown files of the data folder, so a stranger's: they are rendered to HTML by
markdown-it with raw HTML off (a tag in the file is shown as text), images off (nothing
loads from the network) and only web links, in-page anchors and the two pages themselves
kept as links. The page Sphinx reads is MyST whose only typed parts are the headings,
every punctuation character escaped, and HTML blocks carried as base64
(``site.html_block``, read back by ``boots.render.sphinx_guard``), so no character of the
file can close a block or start a directive.

Anchors: each rule at ``#rule-<id>`` (``#rule-s3``, at the first bold ``**S3.``, where the
codebook states it), each column at ``#<table>-<column>`` on the dictionary
(``#statements-stance``), each heading at its GitHub-style slug (``#contextcsv``), so the
codebook's own links keep working. ``link_references`` turns every rule reference ("rules
D4, S3") and every column name set as code in a page's body into a link to its anchor.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from boots.render.site import html_block

CODEBOOK_PAGE = "codebook"
DICTIONARY_PAGE = "data-dictionary"
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_RULE_DEFINITION = re.compile(r"<strong>([A-Z]\d{1,2})\.")
_RULE_REFERENCE = re.compile(r"(?<![\w-])([A-Z]\d{1,2})(?![\w-])")
_ROW = re.compile(r"<tr>\n<td><code>([A-Za-z0-9_]+)</code>")
_TABLE_PATH = re.compile(r"([A-Za-z0-9_/-]+)\.csv")
_TAG = re.compile(r"(<[^>]*>)")
_SKIPPED = {"a", "pre", "script", "style", "title", "h1", "h2", "h3", "h4", "h5", "h6", "svg"}
_KEPT_LINKS = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)


def _literal(value: str) -> str:
    return _PUNCTUATION.sub(r"\\\1", " ".join(value.split()))


def slug(text: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def table_anchor(path: str) -> str:
    """``statements`` for ``statements.csv``, ``first_coding`` for ``reliability/first_coding.csv``."""
    return path.rsplit("/", 1)[-1].removesuffix(".csv")


def _parser():
    from markdown_it import MarkdownIt

    return (
        MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").disable("image")
    )


def _plain(inline) -> str:
    return "".join(child.content for child in inline.children or [] if child.content)


def _safe_links(tokens, pages: dict[str, str]) -> None:
    """Keep web links and anchors; point links to the codebook or the dictionary at their
    pages; drop every other link (its text stays)."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        kept, dropping = [], []
        for child in token.children:
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                target, _, fragment = href.partition("#")
                if target in pages:
                    child.attrSet("href", pages[target] + (f"#{fragment}" if fragment else ""))
                elif not _KEPT_LINKS.match(href):
                    dropping.append(True)
                    continue
                dropping.append(False)
            elif child.type == "link_close" and dropping and dropping.pop():
                continue
            kept.append(child)
        token.children = kept


@dataclass
class ReferencePage:
    """A page's MyST source and the anchors it holds (rule ids, table columns)."""

    source: str
    rules: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # column or file name -> anchor


def _raw(markup: str) -> str:
    markup = markup.replace("`", "&#96;").strip("\n")
    # A wide table scrolls inside its box, which a keyboard user can reach.
    markup = markup.replace(
        "<table>", '<div class="table-box" tabindex="0" role="region" aria-label="Table"><table>'
    ).replace("</table>", "</table></div>")
    return html_block(f'<div class="boots-reference">\n{markup}\n</div>') + "\n"


def reference_page(markdown: str, pages: dict[str, str], columns: bool = False) -> ReferencePage:
    """``markdown`` (a stranger's) as a MyST page: headings 1-3 as MyST headings (so they are
    in the page's contents and search), everything else as escaped HTML. ``pages`` maps a
    linked Markdown file (``README.md``) to its page (``data-dictionary.html``); ``columns``
    anchors each row of a table whose first cell is code under a heading naming a CSV file."""
    parser = _parser()
    tokens = parser.parse(markdown)
    _safe_links(tokens, pages)
    page = ReferencePage("")
    parts: list[str] = []
    chunk: list = []
    table = ""

    def flush() -> None:
        markup = parser.renderer.render(chunk, parser.options, {}) if chunk else ""
        chunk.clear()
        if columns and table:

            def anchored(match: re.Match) -> str:
                anchor = f"{table}-{match.group(1)}"
                page.columns.setdefault(match.group(1), anchor)
                return f'<tr id="{html.escape(anchor)}">\n<td><code>{match.group(1)}</code>'

            markup = _ROW.sub(anchored, markup)

        def defined(match: re.Match) -> str:
            rule = match.group(1)
            if rule in page.rules:
                return match.group(0)
            page.rules.append(rule)
            return f'<strong id="rule-{rule.lower()}">{rule}.'

        markup = _RULE_DEFINITION.sub(defined, markup)
        if markup.strip():
            parts.append(_raw(markup))

    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open" and token.tag in {"h1", "h2", "h3"}:
            flush()
            text = _plain(tokens[index + 1])
            level = int(token.tag[1])
            parts.append(f"{'#' * level} {_literal(text) or '(untitled)'}\n")
            # The section's own anchor is this slug (myst_heading_anchors): no second one.
            anchor = slug(text)
            named = _TABLE_PATH.search(text)
            if columns and level == 2:
                table = table_anchor(named.group(0)) if named else ""
                if named:
                    page.columns.setdefault(named.group(0), anchor)
            index += 3  # heading_open, inline, heading_close
            chunk.clear()
            continue
        chunk.append(token)
        index += 1
    flush()
    page.source = "\n".join(parts)
    return page


def link_references(
    body: str, rules: dict[str, str], columns: dict[str, str], own_rules: bool = False
) -> str:
    """``body`` (a page's HTML) with each rule reference outside links, code and headings
    made a link (``rules``: rule id -> URL) and each ``<code>`` that is exactly a column or
    table name made a link (``columns``: name -> URL). ``own_rules``: the page that defines
    the rules, whose definitions are not linked to themselves."""
    if not rules and not columns:
        return body
    pieces = _TAG.split(body)
    out: list[str] = []
    depth: dict[str, int] = {}
    in_definition = False
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if index % 2 == 1:  # a tag
            name = re.match(r"</?([a-zA-Z0-9]+)", piece)
            tag = name.group(1).lower() if name else ""
            closing = piece.startswith("</")
            if tag in _SKIPPED and not piece.endswith("/>"):
                depth[tag] = max(0, depth.get(tag, 0) + (-1 if closing else 1))
            if tag == "strong":
                in_definition = not closing and own_rules and 'id="rule-' in piece
            if tag == "code" and not closing and not any(depth.values()) and columns:
                end = index + 1
                while end < len(pieces) and not pieces[end].startswith("</code"):
                    end += 1
                words = html.unescape("".join(pieces[index + 1 : end : 2])).strip()
                if words in columns and end < len(pieces):
                    out.append(f'<a class="boots-ref" href="{html.escape(columns[words])}">')
                    out.extend(pieces[index : end + 1])
                    out.append("</a>")
                    index = end + 1
                    continue
            out.append(piece)
        elif any(depth.values()) or in_definition or not rules:
            out.append(piece)
        else:
            out.append(
                _RULE_REFERENCE.sub(
                    lambda m: (
                        f'<a class="boots-ref" href="{html.escape(rules[m.group(1)])}">'
                        f"{m.group(1)}</a>"
                        if m.group(1) in rules
                        else m.group(0)
                    ),
                    piece,
                )
            )
        index += 1
    return "".join(out)
