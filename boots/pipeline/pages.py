"""The site's pages generated from the tables: the index, one page per article, and the
statements' evidence entries (MyST markdown, rendered by ``boots.render.site``).

* An **article page** prints the whole text as received (escaped), with each mention
  highlighted in its stance's colour and line style and linked to its statement's entry
  (each highlight has the mention's id as its anchor), and each excluded quotation marked
  with its reason.
* The **statements page** has one entry per statement under the anchor ``#<statement_id>``:
  speaker, country, date as known, stance, firmness, scope, and every wording an article
  printed, each linking back to its highlighted passage.

Readers see labels from the schema (``boots.data.labels``), never codes.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from boots.analysis import claims, stance
from boots.analysis.sources import language_name
from boots.data import dates, dictionary, labels, safe_files, text
from boots.data.tables import Evidence
from boots.render import figures, reference, site
from boots.render.report import names_list
from boots.util import config
from boots.util.words import counted

STATEMENTS_PAGE = "statements"
# Up to this many statements, each entry is a section of the page's contents and search.
HEADED_ENTRIES = 300
# Up to this many articles, each is listed in the sidebar; beyond, only the articles' index
# lists them and the article pages are in no toctree (Sphinx "orphans"): otherwise every page
# carries every article's link in its sidebar, and the site's build and size grow with the
# square of the articles (1,000 articles: 998 links and 135 kB per page, 15 min of Sphinx).
NAV_ARTICLES = 30
ORPHAN = "---\norphan: true\n---\n\n"  # MyST front matter: in no toctree, by design
ARTICLES_DIR = "articles"
_EMBEDDED_IMAGE = re.compile(r"<img [^>]*>")
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def md(value: object) -> str:
    """``value`` as literal MyST text: every ASCII punctuation character backslash-escaped."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(value).split()))


def h(value: object) -> str:
    """``value`` as HTML text."""
    return html.escape(str(value), quote=True)


def statement_href(statement_id: str, from_folder: str = "") -> str:
    prefix = "../" if from_folder else ""
    return f"{prefix}{STATEMENTS_PAGE}.html#{statement_id}"


def mention_href(article_id: str, mention_id: str) -> str:
    return f"{ARTICLES_DIR}/{article_id}.html#{mention_id}"


def _stance_badge(code: str) -> str:
    return f'<span class="stance-{site.css_name(code)}">{h(labels.label("stance", code))}</span>'


def _legend() -> str:
    items = "".join(
        f'<span class="legend-item">{_stance_badge(code)}</span>'
        for code in labels.categories("stance")
    )
    return (
        '<p class="legend">Highlights: the colour and the underline tell the stance of the '
        f"statement reported. {items}"
        '<span class="legend-item"><span class="excluded">quotation not counted</span></span>'
        "</p>"
    )


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    anchor: str
    html_open: str
    html_close: str
    nested: str = ""  # shown instead when the passage is already marked (same words)


@dataclass(frozen=True)
class ArticleRows:
    """The rows of each article's page, grouped in one pass over the tables (filtering the
    tables once per article made page generation grow with the square of the articles)."""

    mentions: dict[str, list]
    exclusions: dict[str, list]
    body_lines: dict[str, str]

    @classmethod
    def of(cls, evidence: Evidence, full: pd.DataFrame) -> ArticleRows:
        mentions: dict[str, list] = {}
        for row in full.itertuples():
            mentions.setdefault(row.article_id, []).append(row)
        exclusions: dict[str, list] = {}
        for row in evidence.quote_exclusions.itertuples():
            exclusions.setdefault(row.article_id, []).append(row)
        body_lines = dict(
            zip(evidence.articles.article_id, evidence.articles.body_lines, strict=True)
        )
        return cls(mentions, exclusions, body_lines)


def _mention_marks(content: str, mentions: list) -> list[Mark]:
    marks = []
    for row in mentions:
        spans = text.find_all(row.quote, content)
        chosen = next((s for s in spans if s.start == row.offset), spans[0] if spans else None)
        if chosen is None:
            continue
        title = (
            f"{row.name}: {labels.label('stance', row.stance)} "
            f"({labels.label('quote_type', row.quote_type)}); see the statement's entry"
        )
        marks.append(
            Mark(
                chosen.start,
                chosen.end,
                row.mention_id,
                f'<a class="mention stance-{site.css_name(row.stance)}" id="{h(row.mention_id)}" '
                f'href="{h(statement_href(row.statement_id, ARTICLES_DIR))}" title="{h(title)}">',
                "</a>",
                f'<sup class="also"><a class="mention stance-{site.css_name(row.stance)}" '
                f'id="{h(row.mention_id)}" '
                f'href="{h(statement_href(row.statement_id, ARTICLES_DIR))}" title="{h(title)}">'
                f"also {h(row.name)}</a></sup>",
            )
        )
    return marks


def _exclusion_marks(content: str, lines: str, exclusions: list) -> list[Mark]:
    body = text.body_spans(content, lines)
    marks = []
    for row in exclusions:
        spans = [s for s in text.find_all(row.passage, content) if text.within(s, body)]
        if not spans:
            continue
        reason = labels.label("reason", row.reason)
        marks.append(
            Mark(
                spans[0].start,
                spans[0].end,
                row.exclusion_id,
                f'<span class="excluded" id="{h(row.exclusion_id)}" '
                f'title="{h(f"Not counted as a statement: {reason}. {row.note}")}">',
                "</span>",
            )
        )
    return marks


def _marked_line(content: str, start: int, end: int, marks: list[Mark]) -> str:
    """HTML of ``content[start:end]`` with the marks that overlap it (cut at the line).

    A mark whose words are already marked (two statements reported by one sentence) becomes
    a pointer right after them; a mark cut by a line break keeps its id on its first line."""
    out, at, pending = [], start, []
    for mark in marks:
        begin, finish = max(mark.start, at), min(mark.end, end)
        if mark.end <= start or mark.start >= end:
            continue
        if finish <= begin:
            pending.append(mark.nested or f'<span id="{h(mark.anchor)}"></span>')
            continue
        out.append(h(content[at:begin]) + "".join(pending))
        pending = []
        opening = (
            mark.html_open
            if mark.start >= start
            else mark.html_open.replace(f'id="{h(mark.anchor)}" ', "")
        )
        out.append(opening + h(content[begin:finish]) + mark.html_close)
        at = finish
    out.append("".join(pending) + h(content[at:end]))
    return "".join(out)


def article_text_html(
    evidence: Evidence, article_id: str, full: pd.DataFrame, rows: ArticleRows | None = None
) -> str:
    """The whole article file, line by line, with mentions and exclusions marked (``rows``:
    the tables grouped by article once, when rendering many pages)."""
    rows = rows or ArticleRows.of(evidence, full)
    content = evidence.texts[article_id]
    lines = rows.body_lines[article_id]
    body = {
        number for first, last in text.parse_line_ranges(lines) for number in range(first, last + 1)
    }
    marks = sorted(
        _mention_marks(content, rows.mentions.get(article_id, []))
        + _exclusion_marks(content, lines, rows.exclusions.get(article_id, [])),
        key=lambda m: (m.start, -m.end),
    )
    starts = text.line_starts(content)
    paragraphs = []
    for number, begin in enumerate(starts, start=1):
        finish = starts[number] - 1 if number < len(starts) else len(content)
        if not content[begin:finish].strip():
            continue
        kind = "" if number in body else ' class="not-body"'
        paragraphs.append(
            f'<p id="line-{number}"{kind}><span class="line-number" aria-hidden="true">'
            f"{number}</span>{_marked_line(content, begin, finish, marks)}</p>"
        )
    return '<div class="article-text">\n' + "\n".join(paragraphs) + "\n</div>"


def _facts(pairs: list[tuple[str, str]]) -> str:
    rows = "".join(f"<dt>{h(k)}</dt><dd>{v}</dd>" for k, v in pairs if v)
    return f'<dl class="statement-facts">{rows}</dl>'


def article_page(
    evidence: Evidence,
    row,
    full: pd.DataFrame,
    rows: ArticleRows | None = None,
    in_nav: bool = True,
) -> str:
    """One article's page; out of the sidebar (``in_nav`` false: a large collection) it is
    in no toctree and says where the other articles are listed."""
    rows = rows or ArticleRows.of(evidence, full)
    date = dates.publication_date(row)
    printed, written = language_name(row.language), language_name(row.original_language)
    language = (
        printed
        if row.translation == "none"
        else f"{printed}, {labels.label('translation', row.translation)} from {written}"
    )
    credits = "" if pd.isna(row.credits) else h(str(row.credits).replace(";", ", "))
    facts = _facts(
        [
            ("Outlet", f"{h(row.outlet)}, {h(row.outlet_kind)}"),
            (
                "How we know the outlet",
                f"{h(labels.label('outlet_certainty', row.outlet_certainty))}: "
                f"{h(row.outlet_evidence)}",
            ),
            ("Published", f"{h(date)}: {h(row.published_basis)}"),
            ("Language", f"{h(language)}: {h(row.translation_evidence)}"),
            ("This copy", f"{h(labels.label('reprint', row.reprint))}: {h(row.reprint_evidence)}"),
            ("Credits", credits),
            ("Not article text", "" if pd.isna(row.non_body_note) else h(row.non_body_note)),
        ]
    )
    mentions = rows.mentions.get(row.article_id, [])
    excluded = rows.exclusions.get(row.article_id, [])
    exclusion_items = "".join(
        f'<li><a href="#{h(x.exclusion_id)}">“{h(x.passage)}”</a>: '
        f"{h(labels.label('reason', x.reason))}. {h(x.note)}</li>"
        for x in excluded
    )
    exclusions = (
        f"<ul>{exclusion_items}</ul>"
        if exclusion_items
        else "<p>Every quotation in this article is a recorded statement.</p>"
    )
    listed = "" if in_nav else f" One of [{counted(len(evidence.articles), 'article')}](index.md)."
    return (
        ("" if in_nav else ORPHAN) + f"# {md(row.outlet)}\n\n"
        f"{md(row.headline)}\n\n"
        f"{site.html_block(facts)}\n\n"
        f"This article reports {counted(len(mentions), 'statement')} "
        f"(see [every statement](../{STATEMENTS_PAGE}.md)).{listed}\n\n"
        "## The text as printed\n\n"
        "The file exactly as received, line by line (grey lines are not article text: "
        "footers, captions, comments).\n\n"
        f"{site.html_block(_legend())}\n\n"
        f"{site.html_block(article_text_html(evidence, row.article_id, full, rows))}\n\n"
        "## Quotations not counted as statements\n\n"
        f"{site.html_block(exclusions)}\n"
    )


def statement_entry(
    row,
    wordings: pd.DataFrame,
    outlets: dict[str, str],
    names,
    heading: bool = True,
    answers: pd.DataFrame | None = None,
) -> str:
    """One statement's evidence entry: a MyST heading carrying the anchor (so the entry is
    in the page's contents and in search), or for large tables an HTML heading with the
    same anchor (Sphinx then builds the page in seconds, not minutes), then HTML facts."""
    date = dates.statement_date(row)
    links = [] if answers is None else answers.itertuples()
    responds = "; ".join(
        f'<a href="#{h(a.responds_to)}">{h(names.get(a.responds_to, a.responds_to))}</a>'
        + (f" ({h(a.basis)})" if isinstance(a.basis, str) and a.basis else "")
        for a in links
    )
    facts = _facts(
        [
            ("Speaker", f"{h(row['name'])}, {h(row.role)}"),
            ("Country or body", h(row.place)),
            ("Date", f"{h(date)}: {h(row.date_basis)}"),
            ("Venue", "" if pd.isna(row.venue) else h(row.venue)),
            ("Stance", _stance_badge(row.stance)),
            ("Firmness", h(labels.label("firmness", row.firmness))),
            ("Scope", h(labels.label("scope", row.scope))),
            ("Whose troops", h(labels.label("whose_troops", row.whose_troops))),
            ("Reported", h(labels.label("reported_as", row.reported_as))),
            ("Answers", responds),
            ("Notes", "" if pd.isna(row.notes) else h(row.notes)),
        ]
    )
    items = []
    for w in wordings.itertuples():
        via = f", via {h(w.via)}" if isinstance(w.via, str) and w.via else ""
        items.append(
            f"<li><blockquote>{h(w.quote)}</blockquote>"
            f"{h(outlets[w.article_id])}: {h(labels.label('quote_type', w.quote_type))}, "
            f"“{h(w.printed_speaker)} {h(w.verb)}”{via}. "
            f'<a href="{h(mention_href(w.article_id, w.mention_id))}">'
            f"See it in the {h(outlets[w.article_id])} article</a></li>"
        )
    wording = (
        f'<ol class="wordings">{"".join(items)}</ol>'
        if items
        else "<p>No article prints a wording of this statement.</p>"
    )
    if not heading:
        return (
            site.html_block(
                f'<section class="statement" id="{h(row.statement_id)}">'
                f"<h3>{h(row['name'])}: {h(row.summary)}</h3>{facts}{wording}</section>"
            )
            + "\n"
        )
    return (
        f"({row.statement_id})=\n### {md(row['name'])}: {md(row.summary)}\n\n"
        f"{site.html_block(facts)}\n\n{site.html_block(wording)}\n"
    )


def statements_page(evidence: Evidence) -> str:
    stated = evidence.statements_with_speakers()
    stated = stated.assign(place=stance.place(stated).to_numpy())
    stated = stated.sort_values(["place", "rank", "statement_id"], kind="stable")
    outlets = evidence.outlet_names
    by_statement = {k: g for k, g in evidence.mentions.groupby("statement_id")}
    names = dict(zip(stated.statement_id, stated.name, strict=True))
    empty = evidence.mentions.iloc[0:0]
    answers = {k: g for k, g in evidence.responses.groupby("statement_id")}
    parts = [
        "# Every statement and its evidence\n\n"
        f"{counted(len(stated), 'statement')} by {counted(stated.speaker_id.nunique(), 'speaker')}, grouped by "
        "country or body. Each entry gives what the tables record and every wording an "
        "article printed, with a link to the passage on the article's page. The link to an "
        "entry (its `#` anchor) is the statement's identifier and does not change.\n"
    ]
    for place, group in stated.groupby("place", sort=False):
        parts.append(f"## {md(place)}\n")
        for _, row in group.iterrows():
            wordings = by_statement.get(row.statement_id, empty).sort_values(
                "article_id", key=lambda s: s.map(evidence.article_order)
            )
            parts.append(
                statement_entry(
                    row,
                    wordings,
                    outlets,
                    names,
                    heading=len(stated) <= HEADED_ENTRIES,
                    answers=answers.get(row.statement_id),
                )
            )
    return "\n".join(parts)


def articles_in_nav(evidence: Evidence) -> bool:
    """Whether every article has its own entry in the sidebar (small collections)."""
    return len(evidence.articles) <= NAV_ARTICLES


def _these(n: int) -> str:
    """'This article is' or 'These 5 articles are'."""
    return "This article is" if n == 1 else f"These {counted(n, 'article')} are"


def articles_index(evidence: Evidence) -> str:
    rows = []
    counts = evidence.mentions.groupby("article_id").size()
    for row in evidence.articles.itertuples():
        date = dates.publication_date(row)
        rows.append(
            f"- [{md(row.outlet)}]({row.article_id}.md): {md(row.headline)} "
            f"(published {md(date)}; {counted(int(counts.get(row.article_id, 0)), 'statement')})"
        )
    return (
        "# The articles\n\n"
        f"{_these(len(evidence.articles))} the only evidence. "
        + ("Its page prints it" if len(evidence.articles) == 1 else "Each page prints one")
        + " in full, every reported statement highlighted and linked to its entry.\n\n"
        + "\n".join(rows)
        + "\n"
    )


# The index cards' pictures: each notebook's lead figure shrunk into this box (pixels),
# centred on white, so every card is the same size and the page loads kilobytes, not the
# full-size PNGs.
THUMBNAIL = (480, 300)


def thumbnail_path(figure: str) -> str:
    return f"figures/thumbnails/{figure}.png"


def thumbnail(png: Path) -> bytes:
    """``png`` fitted into ``THUMBNAIL`` on white (same input, same bytes)."""
    import io

    from PIL import Image, ImageOps

    with Image.open(png) as image:
        fitted = ImageOps.pad(
            image.convert("RGB"), THUMBNAIL, method=Image.Resampling.LANCZOS, color="white"
        )
    buffer = io.BytesIO()
    fitted.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(
        buffer, format="PNG", optimize=True
    )
    return buffer.getvalue()


def collection_description(evidence: Evidence) -> str:
    """The index's account of the collection, built from the data folder: its outlets and
    the dates of its articles and statements, and what is computed and what is checked."""
    articles = evidence.articles
    outlets = list(dict.fromkeys(articles.outlet))
    # Each article's date is a lower bound ("on or after"): the collection's is the earliest.
    earliest = articles.published_earliest.min()
    published = f"none published before {earliest:%-d %B %Y}, " if pd.notna(earliest) else ""
    statements = evidence.statements_with_speakers()
    n = len(articles)
    remark = "" if claims.has_remark(evidence) else " (none of them the remark itself)"
    return (
        "A notebook collection about Emmanuel Macron's remark of 26 February 2024 that sending "
        "Western troops to Ukraine “cannot be ruled out”, built from this data folder: "
        f"{counted(n, 'article')} by {md(names_list(outlets))}, "
        f"{published}and the "
        f"{counted(len(statements), 'statement')} by "
        f"{counted(statements.speaker_id.nunique(), 'speaker')} that hand-curated tables record "
        f"from {'it' if n == 1 else 'them'}{remark}. Every chart, table and number is computed from those tables and texts; a "
        "paragraph typed about the project's own data is shown only where a check on this "
        "folder's tables holds. Every mark leads to the printed words behind it: see "
        f"[the articles](articles/index.md) and [every statement]({STATEMENTS_PAGE}.md)."
    )


def index_page(
    summaries: list[tuple[str, dict[str, str]]], evidence: Evidence, docs: str = ""
) -> str:
    cards = []
    for page, summary in summaries:
        image = ""
        if summary["figure"]:
            image = (
                f'<a href="{h(page)}.html" tabindex="-1" aria-hidden="true">'
                f'<img src="{h(thumbnail_path(summary["figure"]))}" width="{THUMBNAIL[0]}" '
                f'height="{THUMBNAIL[1]}" alt="{h(summary["finding"])}"></a>'
            )
        cards.append(
            f'<div class="nb-card">{image}<div>'
            f'<p><a href="{h(page)}.html"><strong>{h(summary["title"])}</strong></a></p>'
            f"<p><em>{h(summary['question'])}</em></p>"
            f"<p>{h(summary['finding'])}</p></div></div>"
        )
    cards_html = '<div class="cards">\n' + "\n".join(cards) + "\n</div>"
    pages = "\n".join(page for page, _ in summaries)
    articles = (
        "\n".join(f"{ARTICLES_DIR}/{a}" for a in evidence.articles.article_id)
        if articles_in_nav(evidence)
        else ""
    )
    return (
        f"# {site.PROJECT}\n\n"
        f"{collection_description(evidence)}\n\n"
        f"{site.html_block(cards_html)}\n\n"
        f"```{{toctree}}\n:hidden:\n:caption: Notebooks\n\n{pages}\n```\n\n"
        "```{toctree}\n:hidden:\n:caption: Evidence\n\n"
        f"{STATEMENTS_PAGE}\narticles/index\n{articles}\n```\n\n"
        "```{toctree}\n:hidden:\n:caption: How the data is made\n\n"
        f"{reference.CODEBOOK_PAGE}\n{reference.DICTIONARY_PAGE}\n```\n"
        + (
            f"\n```{{toctree}}\n:hidden:\n:caption: About this project\n\n{docs}\n```\n"
            if docs
            else ""
        )
    )


def figure_marks_table(csv: Path) -> str:
    """The marks of a figure whose CSV names a statement per row, as a table of links
    (what each mark shows and where it leads): the same links as the chart, reachable by
    a screen reader and readable on a phone. Empty for a figure without such marks."""
    if not csv.is_file():
        return ""
    data = pd.read_csv(csv, dtype=str, keep_default_na=False)
    if not {"statement_id", "tooltip"} <= set(data.columns):
        return ""
    data = data[data.statement_id != ""].drop_duplicates("statement_id")
    if data.empty:
        return ""
    named = next((c for c in ("label", "name") if c in data.columns), None)
    rows = "".join(
        "<tr>"
        + (f"<td>{h(getattr(r, named))}</td>" if named else "")
        + f'<td><a href="../{h(statement_href(r.statement_id))}">{h(r.tooltip)}</a></td></tr>'
        for r in data.itertuples()
    )
    head = ('<th scope="col">Shown as</th>' if named else "") + (
        '<th scope="col">Statement (a link to its evidence)</th>'
    )
    return (
        f'<details class="figure-marks"><summary>The figure\'s {counted(len(data), "mark")}'
        f' as a table</summary><div class="table-box"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div></details>"
    )


_TABLE_STYLE = re.compile(r'<div id="(t[0-9a-f]{8})"([^>]*)>\s*<style>(.*?)</style>', re.S)


def shared_table_styles(markup: str, seen: set[str]) -> str:
    """A table's stylesheet (great_tables writes one per table, scoped by the table's id,
    8 kB each) scoped by a class instead, and left out when the page already has it."""

    def scoped(match: re.Match) -> str:
        identity, attributes, style = match.groups()
        style = style.replace(f"#{identity}", ".gt-scope")
        kept = "" if style in seen else f"<style>{style}</style>"
        seen.add(style)
        return f'<div id="{identity}" class="gt-scope"{attributes}>{kept}'

    return _TABLE_STYLE.sub(scoped, markup)


# Sections of a notebook for its author, left out of the site: the list of files a
# notebook reads and writes (JupyterLab still shows it; the site's reader needs the story).
AUTHOR_SECTIONS = ("Inputs and outputs",)


def _without_author_sections(cell: dict) -> dict:
    """A markdown cell without its ``AUTHOR_SECTIONS`` (each heading and what follows it up
    to the next heading of its level or higher)."""
    if cell.get("cell_type") != "markdown":
        return cell
    lines = "".join(cell.get("source", "")).split("\n")
    kept, skipping = [], 0
    for line in lines:
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*$", line)
        if heading and skipping and len(heading.group(1)) <= skipping:
            skipping = 0
        if heading and heading.group(2) in AUTHOR_SECTIONS:
            skipping = len(heading.group(1))
        if not skipping:
            kept.append(line)
    if len(kept) == len(lines):
        return cell
    return {**cell, "source": "\n".join(kept).rstrip("\n") + "\n"}


def site_notebook(raw: bytes, figures_dir: Path | None = None) -> bytes:
    """The notebook as the site shows it: each saved figure drawn from its SVG, whose marks
    link to the evidence, with the PNG beside the page as its fallback (the notebook itself
    embeds the PNG)."""
    notebook = json.loads(raw)
    notebook["cells"] = [_without_author_sections(cell) for cell in notebook["cells"]]
    styles: set[str] = set()
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            shown = output.get("data", {}).get("text/html")
            if shown is not None:
                shown = shown if isinstance(shown, str) else "".join(shown)
                output["data"]["text/html"] = shared_table_styles(shown, styles)
            meta = output.get("metadata", {}).get(figures.FIGURE_KEY)
            if not meta or "text/html" not in output.get("data", {}):
                continue
            markup = output["data"]["text/html"]
            markup = markup if isinstance(markup, str) else "".join(markup)
            # The PNG is the fallback of a browser that cannot draw the SVG; lazy, so a
            # browser that can does not load it too.
            image = (
                f'<img src="../figures/{h(meta["name"])}.png" loading="lazy" '
                f'alt="{h(meta["alt"])}">'
            )
            svg = (
                f'<object data="../figures/{h(meta["name"])}.svg" type="image/svg+xml" '
                f'aria-label="{h(meta["alt"])}">{image}</object>'
            )
            # The notebook embeds the PNG; the site links the files beside the page instead.
            markup = _EMBEDDED_IMAGE.sub(lambda _m, svg=svg: svg, markup, count=1)
            marks = figure_marks_table(figures_dir / f"{meta['name']}.csv") if figures_dir else ""
            # Across the page on a desktop (into the contents column), so the chart's text is
            # read at its size; its marks as a table below it, for a phone and a screen reader.
            output["data"]["text/html"] = f'<div class="full-width">{markup}</div>{marks}'

    return (json.dumps(notebook, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _docs() -> list[Path]:
    """The project's documentation pages (``docs/*.md``), shown under "About this project"."""
    return sorted(config.DOCS_DIR.glob("*.md"))


def site_sources(evidence: Evidence, notebooks: list[Path], figures_dir: Path) -> site.SiteSources:
    """Every page of the site and the files copied beside them."""
    full = evidence.mentions.merge(
        evidence.statements_with_speakers()[["statement_id", "name", "stance"]],
        on="statement_id",
        how="left",
    )
    pages: dict[str, str | bytes] = {}
    summaries = []
    for path in notebooks:
        if not path.exists():
            continue
        raw = path.read_bytes()
        page = f"notebooks/{path.stem}"
        summaries.append((page, site.notebook_summary(json.loads(raw))))
        pages[f"{page}.ipynb"] = site_notebook(raw, figures_dir)
    docs = {f"docs/{p.stem}": p.read_text(encoding="utf-8") for p in _docs()}
    pages.update({f"{page}.md": text for page, text in docs.items()})
    pages["index.md"] = index_page(summaries, evidence, "\n".join(docs))
    pages[f"{STATEMENTS_PAGE}.md"] = statements_page(evidence)
    pages[f"{ARTICLES_DIR}/index.md"] = articles_index(evidence)
    rows = ArticleRows.of(evidence, full)
    in_nav = articles_in_nav(evidence)
    for row in evidence.articles.itertuples():
        page = article_page(evidence, row, full, rows, in_nav)
        pages[f"{ARTICLES_DIR}/{row.article_id}.md"] = page
    book, glossary = reference_pages(evidence)
    pages[f"{reference.CODEBOOK_PAGE}.md"] = book.source
    pages[f"{reference.DICTIONARY_PAGE}.md"] = glossary.source
    extra: dict[str, Path | bytes] = {
        f"figures/{p.name}": p
        for p in sorted(figures_dir.glob("*"))
        if p.suffix in {".png", ".svg", ".csv"}
    }
    for _, summary in summaries:
        lead = figures_dir / f"{summary['figure']}.png"
        if summary["figure"] and lead.is_file():
            extra[thumbnail_path(summary["figure"])] = thumbnail(lead)
    return site.SiteSources(
        pages,
        extra,
        collapse_navigation=not articles_in_nav(evidence),
        rules=tuple(book.rules),
        columns=reference_links(glossary),
    )


def reference_links(glossary: reference.ReferencePage) -> dict[str, str]:
    """Each column, table and data file a page may name (as code) -> ``page#anchor``."""
    links = {
        name: f"{reference.DICTIONARY_PAGE}#{anchor}" for name, anchor in glossary.columns.items()
    }
    links |= {f"data/{name}": target for name, target in links.items() if name.endswith(".csv")}
    for name in (CODEBOOK_FILE, f"data/{CODEBOOK_FILE}"):
        links[name] = reference.CODEBOOK_PAGE
    for name in ("README.md", "data/README.md", "datapackage.json", "data/datapackage.json"):
        links[name] = reference.DICTIONARY_PAGE
    return links


CODEBOOK_FILE = "CODEBOOK.md"
# A codebook is prose: a file larger than this is not one.
MAX_CODEBOOK_BYTES = 2 * 1024 * 1024


def reference_pages(evidence: Evidence) -> tuple[reference.ReferencePage, reference.ReferencePage]:
    """The codebook (the data folder's ``CODEBOOK.md``, read as confined as validation) and
    the data dictionary (from the schema, as ``make dictionary`` writes ``data/README.md``)."""
    links = {
        "README.md": f"{reference.DICTIONARY_PAGE}.html",
        CODEBOOK_FILE: f"{reference.CODEBOOK_PAGE}.html",
    }
    try:
        raw = safe_files.read_bytes(evidence.data_dir, CODEBOOK_FILE, MAX_CODEBOOK_BYTES)
        book = raw.decode("utf-8", errors="replace")
    except (OSError, safe_files.Refused):
        book = ""
    if not book.strip():
        book = (
            "# Codebook\n\nThis data folder has no codebook (CODEBOOK.md): the data dictionary"
            " lists what each column holds.\n"
        )
    return (
        reference.reference_page(book, links),
        reference.reference_page(dictionary.render(), links, columns=True),
    )
