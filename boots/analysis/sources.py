"""Tables and figures for notebook 00: the sources and what the curated tables hold."""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from boots.analysis import memo, pooling
from boots.data import codebook, dates, labels, text
from boots.data.tables import Evidence
from boots.render import figures
from boots.render.report import names_list
from boots.util.words import agreeing, counted

# Sequential blues (ColorBrewer), readable in greyscale and for colour-blind readers.
QUOTE_TYPE_COLOURS = {
    "absent": "#f7f7f7",
    "paraphrase": "#c6dbef",
    "partial": "#6baed6",
    "direct": "#08519c",
}


def body_words(content: str, body_lines: str) -> int:
    """Number of words in the article body (the lines ``body_lines`` names)."""
    return len(text.body_text(content, body_lines).split())


def sources_table(evidence: Evidence) -> pd.DataFrame:
    """One row per article: outlet, date and its certainty, language, reprint, credits, size."""
    articles = evidence.articles
    counts = evidence.mentions.groupby("article_id").size()
    table = pd.DataFrame(
        {
            "article": articles.article_id,
            "outlet": articles.outlet,
            "kind": articles.outlet_kind,
            "published": [
                dates.interval_words(a, b, "%-d %b %Y")
                for a, b in zip(articles.published_earliest, articles.published_latest, strict=True)
            ],
            "date is": articles.published_certainty.map(labels.categories("published_certainty")),
            "translation": [
                labels.label("translation", t)
                + ("" if t == "none" else f" (from {language_name(o)} into {language_name(lang)})")
                for t, o, lang in zip(
                    articles.translation,
                    articles.original_language,
                    articles.language,
                    strict=True,
                )
            ],
            "reprint": articles.reprint,
            "credits": articles.credits.fillna("").str.replace(";", ", "),
            "body words": [
                body_words(evidence.texts[a], lines)
                for a, lines in zip(articles.article_id, articles.body_lines, strict=True)
            ],
            "statements reported": articles.article_id.map(counts).fillna(0).astype(int),
        }
    )
    return table.reset_index(drop=True)


def counts(evidence: Evidence) -> pd.Series:
    """Headline counts of the curated tables."""
    speakers = evidence.speakers
    stated = evidence.statements_with_speakers()
    return pd.Series(
        {
            "articles": len(evidence.articles),
            "speakers": len(speakers),
            "countries with a statement": stated.country.dropna().nunique(),
            "statements": len(evidence.statements),
            "mentions": len(evidence.mentions),
            "direct or partial quotations": int(
                evidence.mentions.quote_type.isin(codebook.QUOTED_TYPES).sum()
            ),
            "quoted passages excluded with a reason": len(evidence.quote_exclusions),
        },
        name="count",
    ).rename_axis("what is counted")


def coverage_matrix(evidence: Evidence) -> pd.DataFrame:
    """Statement x article: how each article reports each statement (empty if it does not).

    Rows follow the statements' dates; columns the articles' order in articles.csv."""
    stated = evidence.statements_with_speakers()
    stated = (
        stated.assign(_when=dates.sort_keys(stated))
        .sort_values(["_when", "rank", "statement_id"], kind="stable")
        .drop(columns="_when")
    )
    wide = evidence.mentions.pivot(index="statement_id", columns="article_id", values="quote_type")
    wide = wide.reindex(index=stated.statement_id, columns=evidence.articles.article_id)
    wide.insert(0, "speaker", stated.set_index("statement_id").name)
    wide["outlets"] = wide[list(evidence.articles.article_id)].notna().sum(axis=1)
    wide.columns.name = None
    return wide


def coverage_view(matrix: pd.DataFrame, evidence: Evidence) -> pd.DataFrame:
    """``coverage_matrix`` for readers: who said what, then one column per outlet saying how
    it reports the statement, in words (empty where it does not)."""
    summaries = evidence.statements.set_index("statement_id").summary
    quote_types = labels.categories("quote_type")
    view = pd.DataFrame({"speaker": matrix.speaker, "what was said": matrix.index.map(summaries)})
    for article, outlet in evidence.outlet_names.items():
        view[outlet] = matrix[article].map(
            lambda c: quote_types.get(c, "") if isinstance(c, str) else ""
        )
    view["outlets"] = matrix.outlets
    return view.reset_index(drop=True)


MAX_ROWS = 60


def coverage_plot_data(matrix: pd.DataFrame, evidence: Evidence) -> pd.DataFrame:
    """What the coverage figure draws: the statement x article matrix itself when it is
    small enough to read cell by cell; otherwise, per statement (or per speaker, for long
    tables) and per outlet (the heaviest by name, the rest pooled: ``pooling.pooled``), how
    many of the outlet's articles report it, with the number of articles of each outlet in
    ``.attrs["articles"]``."""
    article_ids = list(evidence.articles.article_id)
    if len(matrix) <= MAX_ROWS and len(article_ids) <= pooling.MAX_SHOWN:
        return matrix
    outlet_of = evidence.articles.set_index("article_id").outlet.loc[article_ids]
    reported = matrix[article_ids].notna().T.groupby(outlet_of.to_numpy(), sort=False).sum().T
    if len(matrix) > MAX_ROWS:
        statements = matrix.groupby("speaker").size()
        reported = reported.groupby(matrix.speaker).sum().loc[statements.index]
    else:
        statements = pd.Series(1, index=matrix.index)
    reported = pooling.pooled(reported)
    per_outlet = outlet_of.value_counts()
    articles = {group: int(per_outlet.get(group, 0)) for group in reported.columns[:-1]}
    if reported.shape[1] and reported.columns[-1] not in per_outlet.index:
        articles[reported.columns[-1]] = int(per_outlet.sum() - sum(articles.values()))
    else:
        articles[reported.columns[-1]] = int(per_outlet.get(reported.columns[-1], 0))
    reported.insert(0, "statements", statements.to_numpy())
    reported.attrs["articles"] = articles
    return reported.sort_values("statements", ascending=False, kind="stable")


def coverage_figure(matrix: pd.DataFrame, evidence: Evidence):
    """Heat map of ``coverage_matrix``: a row per statement (or per speaker, for large tables)."""
    article_ids = list(evidence.articles.article_id)
    outlets_shown = list(evidence.articles.outlet)
    plotted = coverage_plot_data(matrix, evidence)
    per_statement = plotted is matrix
    n_rows = len(plotted)
    fig, ax = plt.subplots(figsize=(8.5, 0.28 * n_rows + 2.2))
    if per_statement:
        codes = {name: i for i, name in enumerate(QUOTE_TYPE_COLOURS)}
        grid = plotted[article_ids].fillna("absent").map(codes.get).to_numpy(dtype=float)
        ax.imshow(
            grid,
            cmap=ListedColormap(list(QUOTE_TYPE_COLOURS.values())),
            vmin=0,
            vmax=len(codes) - 1,
            aspect="auto",
        )
        summaries = evidence.statements.set_index("statement_id").summary
        row_labels = [
            f"{speaker}: {figures.shorten_words(summaries[sid], 44)}"
            for sid, speaker in zip(plotted.index, plotted.speaker, strict=True)
        ]
        labels_of = labels.categories("quote_type")
        handles = [
            Patch(
                facecolor=c,
                edgecolor="#999999",
                label=labels_of.get(k, "not reported"),
            )
            for k, c in QUOTE_TYPE_COLOURS.items()
        ]
        legend_title = "How the article reports it"
    else:
        columns = [c for c in plotted.columns if c != "statements"]
        articles = pd.Series(plotted.attrs["articles"]).reindex(columns)
        possible = np.outer(plotted.statements.to_numpy(), articles.to_numpy())
        counts = plotted[columns].to_numpy()
        shares = counts / np.where(possible == 0, 1, possible)
        figures.annotated_heatmap(
            ax, shares, lambda _v, i, j: f"{counts[i, j]:,}", dark_above=0.6, vmax=1
        )
        if len(matrix) > MAX_ROWS:
            row_labels = [
                f"{speaker} ({n:,} statements)"
                for speaker, n in zip(plotted.index, plotted.statements, strict=True)
            ]
        else:
            summaries = evidence.statements.set_index("statement_id").summary
            speakers = matrix.speaker
            row_labels = [
                f"{speakers[sid]}: {figures.shorten_words(summaries[sid], 44)}"
                for sid in plotted.index
            ]
        outlets_shown = [f"{c} ({articles[c]:,})" for c in columns]
        handles = []
        legend_title = ""
        ax.set_xlabel(
            "Number of the outlet's articles (in brackets) that report it; colour: their share"
        )
    ax.set_xticks(
        range(len(outlets_shown)),
        [figures.wrap(o, 14) for o in outlets_shown],
        rotation=0 if len(outlets_shown) <= 6 else 45,
        ha="center" if len(outlets_shown) <= 6 else "left",
        fontsize=9 if len(outlets_shown) <= 6 else 7,
    )
    ax.xaxis.tick_top()
    ax.set_yticks(range(n_rows), row_labels, fontsize=8)
    ax.set_xticks(np.arange(-0.5, len(outlets_shown)), minor=True)
    ax.set_yticks(np.arange(-0.5, n_rows), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    everywhere = int((matrix.outlets == len(article_ids)).sum())
    once = int((matrix.outlets == 1).sum())
    ax.set_title(reach_phrase(once, len(matrix), everywhere, len(article_ids)), pad=34)
    if handles:
        ax.legend(
            handles=handles,
            title=legend_title,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.01),
            ncol=4,
            frameon=False,
            fontsize=8,
        )
    figures.source_note(fig, "statements.csv, mentions.csv")
    return fig


def outside_facts(evidence: Evidence) -> pd.DataFrame:
    """Every fact in the tables that no article prints (context.csv), in words: what it is
    about (an outlet's or a speaker's name, not an id), which column, the fact, and what it
    rests on (codebook K1)."""
    context = evidence.context
    names = {
        "articles": evidence.outlet_names,
        "speakers": dict(zip(evidence.speakers.speaker_id, evidence.speakers.name, strict=True)),
    }
    about = [
        names.get(resource, {}).get(record, record)
        for resource, record in zip(context.resource, context.record, strict=True)
    ]
    return pd.DataFrame(
        {
            "about": about,
            "column": context.field.str.replace("_", " "),
            "fact": context.fact,
            "rests on": context.kind.map(labels.categories("kind", resource="context")),
        }
    ).reset_index(drop=True)


def reach_phrase(once: int, statements: int, everywhere: int, articles: int) -> str:
    """How many statements one article reports, and how many every article reports."""
    single = (
        f"{once:,} of {counted(statements, 'statement')} {agreeing(once, 'appears')} in a "
        "single article"
    )
    return single if articles == 1 else f"{single}; {everywhere:,} in all {articles:,} articles"


@dataclass(frozen=True)
class EvidenceFacts:
    """What notebook 00 finds in the tables, in readers' names, never ids (the validation's
    own figures, problems and quotes found, come from ``boots.data.validate``)."""

    counts: dict[str, int]  # ``counts``: articles, speakers, statements, mentions, ...
    outlets: tuple[str, ...]  # each article's outlet, in articles.csv order
    bodies: tuple[str, ...]  # organisations speaking for no country (NATO), first stated first
    single_article: int  # statements reported by one article
    everywhere: tuple[str, ...]  # speakers of the statements every article reports
    open_ended: int  # articles whose publication date is known only from below
    outside: dict[str, int]  # what facts from outside the articles rest on -> how many

    def prose(self) -> dict[str, object]:
        """The facts as ``report.say`` fields: ``statements``, ``speakers``, ``countries``,
        ``mentions``, ``quoted``, ``and_bodies`` (' and ' the organisations speaking for no
        country, or nothing), ``outside`` (facts from outside the articles) and
        ``outside_kinds`` (how many rest on what)."""
        n = self.counts
        return {
            "statements": n["statements"],
            "speakers": n["speakers"],
            "countries": n["countries with a statement"],
            "mentions": n["mentions"],
            "quoted": n["direct or partial quotations"],
            "and_bodies": f" and {names_list(list(self.bodies))}" if self.bodies else "",
            "outside": sum(self.outside.values()),
            "outside_kinds": ", ".join(f"{k} {kind}" for kind, k in self.outside.items()),
        }

    def what_we_found(self, problems: int, found: int) -> list[str]:
        """The closing sentences, given the validation's problems and quotes found."""
        n, n_articles = self.counts, self.counts["articles"]
        return [
            f"{counted(n_articles, 'article')} ({names_list(list(self.outlets))}) "
            f"{agreeing(n_articles, 'reports')} {counted(n['statements'], 'statement')} by "
            f"{counted(n['speakers'], 'speaker')} in {counted(n['mentions'], 'mention')}.",
            f"{found} of {counted(n['mentions'], 'wording')} {agreeing(found, 'was')} found "
            f"verbatim in their articles, and validation reports {counted(problems, 'problem')}.",
            reach_phrase(self.single_article, n["statements"], len(self.everywhere), n_articles)
            + (
                f" ({names_list(list(dict.fromkeys(self.everywhere)))})."
                if self.everywhere and n_articles > 1
                else "."
            ),
            f"For {self.open_ended} of {counted(n_articles, 'article')} the publication date is known only "
            "as on or after a day: the texts bound it from below, never from above.",
        ]


@memo.per_evidence
def evidence_facts(evidence: Evidence) -> EvidenceFacts:
    """Every finding notebook 00 states about the tables, computed once."""
    matrix = coverage_matrix(evidence)
    stated = evidence.statements_with_speakers()
    kinds = outside_facts(evidence)["rests on"].value_counts()
    return EvidenceFacts(
        counts={name: int(n) for name, n in counts(evidence).items()},
        outlets=tuple(evidence.articles.outlet),
        bodies=tuple(dict.fromkeys(stated[stated.country.isna()].organisation.dropna())),
        single_article=int((matrix.outlets == 1).sum()),
        everywhere=tuple(matrix[matrix.outlets == len(evidence.articles)].speaker),
        open_ended=int(evidence.articles.published_latest.isna().sum()),
        outside={kind: int(k) for kind, k in kinds.items()},
    )


def what_we_found(evidence: Evidence, problems: int, found: int) -> list[str]:
    """Notebook 00's closing sentences (``EvidenceFacts.what_we_found``): the sources, what
    the tables hold, how well they are anchored in the texts, how far each statement went."""
    return evidence_facts(evidence).what_we_found(problems, found)


def language_name(code: str) -> str:
    """'English' for 'en' (ISO 639-1), the code itself if unknown."""
    import pycountry

    language = pycountry.languages.get(alpha_2=str(code))
    return language.name if language else str(code)
