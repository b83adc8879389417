"""Quote drift: how the same statement's wording differs between articles, each wording
compared word by word with the earliest one."""

from __future__ import annotations

import difflib
from functools import cache

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from boots.analysis import memo, pooling, reuse
from boots.data import labels, text
from boots.data.tables import Evidence
from boots.render import figures, style
from boots.util.words import agreeing, counted


def word_diff(reference: list[str], wording: list[str]) -> str:
    """Word-level diff: [-removed-] {+added+}, shared words as they are."""
    out = []
    matcher = difflib.SequenceMatcher(None, reference, wording, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            out.append(" ".join(reference[a0:a1]))
        if op in {"delete", "replace"}:
            out.append("[-" + " ".join(reference[a0:a1]) + "-]")
        if op in {"insert", "replace"}:
            out.append("{+" + " ".join(wording[b0:b1]) + "+}")
    return " ".join(out)


def _display_words(passage: str) -> list[tuple[str, str]]:
    """(comparison key, word as printed) for each word of ``passage``."""
    out = []
    for word in text.normalise(passage).split():
        key = " ".join(reuse.tokens(word))
        out.append((key or word, word))
    return out


def diff_html(reference: str, wording: str) -> str:
    """How ``wording`` differs from ``reference``, word by word, as HTML: removed words in
    ``<del>``, added ones in ``<ins>``, shared words as this wording prints them (case and
    punctuation kept; words match regardless of case and punctuation)."""
    import html

    ref, new = _display_words(reference), _display_words(wording)
    matcher = difflib.SequenceMatcher(
        None, [k for k, _ in ref], [k for k, _ in new], autojunk=False
    )
    out = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            out.append(html.escape(" ".join(w for _, w in new[b0:b1])))
        if op in {"delete", "replace"}:
            removed = html.escape(" ".join(w for _, w in ref[a0:a1]))
            out.append(f'<del class="drift" title="not in this wording">{removed}</del>')
        if op in {"insert", "replace"}:
            added = html.escape(" ".join(w for _, w in new[b0:b1]))
            out.append(f'<ins class="drift" title="added in this wording">{added}</ins>')
    return " ".join(out)


def similarity(reference: list[str], wording: list[str]) -> float:
    """2 x matched words / all words (difflib's ratio over words): 1 for identical wordings."""
    return difflib.SequenceMatcher(None, reference, wording, autojunk=False).ratio()


def coverage(reference: list[str], wording: list[str]) -> float:
    """Share of this wording's words matched, in order, in the reference (1 for an exact excerpt)."""
    if not wording:
        return 0.0
    matcher = difflib.SequenceMatcher(None, reference, wording, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(wording)


@cache
def _compare(reference: tuple[str, ...], wording: tuple[str, ...]) -> tuple[float, float, str]:
    ref, words = list(reference), list(wording)
    return round(similarity(ref, words), 3), round(coverage(ref, words), 3), word_diff(ref, words)


@memo.per_evidence
def drift_table(evidence: Evidence) -> pd.DataFrame:
    """Every wording of every statement reported by two or more outlets, compared with the
    earliest wording: the article that can have been published earliest's, preferring a direct quotation and
    then the fullest one when articles share a date. Most changed statements first."""
    mentions = evidence.mentions_in_full()
    order = evidence.article_order
    words = mentions.quote.map(lambda q: tuple(reuse.tokens(q)))
    mentions = mentions.assign(
        words=words,
        length=words.map(len),
        quoted=mentions.quote_type != "paraphrase",
        article_order=mentions.article_id.map(order),
    )
    outlets = mentions.groupby("statement_id").outlet.transform("nunique")
    mentions = mentions[outlets >= 2].sort_values(
        ["statement_id", "published_earliest", "quoted", "length", "article_order"],
        ascending=[True, True, False, False, True],
        kind="stable",
    )
    columns = [
        "statement",
        "speaker",
        "summary",
        "article",
        "outlet",
        "wording",
        "quote_type",
        "similarity",
        "coverage",
        "reference_article",
        "reference_wording",
        "diff",
    ]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    reference = mentions.groupby("statement_id", sort=False).head(1).set_index("statement_id")
    ref_words = mentions.statement_id.map(reference.words)
    compared = [_compare(r, w) for r, w in zip(ref_words, mentions.words, strict=True)]
    table = pd.DataFrame(
        {
            "statement": mentions.statement_id,
            "speaker": mentions.name,
            "summary": mentions.summary,
            "article": mentions.article_id,
            "outlet": mentions.outlet,
            "wording": mentions.quote,
            "quote_type": mentions.quote_type,
            "similarity": [c[0] for c in compared],
            "coverage": [c[1] for c in compared],
            "reference_article": mentions.statement_id.map(reference.article_id),
            "reference_wording": mentions.statement_id.map(reference.quote),
            "diff": [c[2] for c in compared],
        }
    )
    least = table.groupby("statement").similarity.transform("min")
    table = table.assign(_least=least).sort_values(
        ["_least", "statement", "similarity", "article"], kind="stable"
    )
    return table.drop(columns="_least").reset_index(drop=True)


def showcase_statements(evidence: Evidence, drift: pd.DataFrame) -> dict[str, str]:
    """The two statements notebook 03 follows sentence by sentence, chosen by rule: the one
    quoted (directly or in part) by the most outlets, and the firmest warning among those
    quoted by the most outlets (ties: the statement listed first in statements.csv)."""
    reach = quoted_wordings(drift).groupby("statement").outlet.nunique()
    if reach.empty:  # no statement quoted by two outlets: nothing to follow
        return {"most quoted": "", "firmest warning": ""}
    listed = {sid: i for i, sid in enumerate(evidence.statements.statement_id)}
    table = evidence.statements.set_index("statement_id")
    ranked = pd.DataFrame(
        {
            "outlets": reach,
            "listed": reach.index.map(listed),
            "firmness": reach.index.map(lambda s: style.FIRMNESS_ORDER.index(table.firmness[s])),
            "warns": reach.index.map(lambda s: table.stance[s] == "warns"),
        }
    )
    widest = ranked.sort_values(["outlets", "listed"], ascending=[False, True]).index
    warnings = ranked[ranked.warns].sort_values(
        ["firmness", "outlets", "listed"], ascending=[True, False, True]
    )
    # No statement in two outlets, or no warning among them: nothing to follow ("").
    return {
        "most quoted": widest[0] if len(widest) else "",
        "firmest warning": warnings.index[0] if len(warnings) else "",
    }


def quoted_wordings(drift: pd.DataFrame) -> pd.DataFrame:
    """The rows of a drift table that quote the statement (directly or in part)."""
    return drift[drift.quote_type != "paraphrase"]


def wordings_of(drift: pd.DataFrame, statement: str) -> pd.DataFrame:
    """The rows of a drift table for one statement (an id from the facts, never typed)."""
    return drift[drift.statement == statement]


def drift_view(drift: pd.DataFrame) -> pd.DataFrame:
    """The drift table for readers: speaker, outlet, how the wording is reported, the
    scores, and the changes from the reference wording marked up (``diff_html``)."""
    return pd.DataFrame(
        {
            "speaker": drift.speaker,
            "outlet": drift.outlet,
            "reported as": drift.quote_type.map(lambda c: labels.label("quote_type", c)),
            "similarity": drift.similarity,
            "coverage": drift.coverage,
            "changes from the earliest wording": [
                diff_html(r, w) for r, w in zip(drift.reference_wording, drift.wording, strict=True)
            ],
        }
    ).reset_index(drop=True)


DRIFT_ROWS = 40


DRIFT_HTML = ("changes from the earliest wording",)


def drift_title(drift: pd.DataFrame) -> str:
    per_statement = drift.groupby("statement").similarity.min()
    changed = int((per_statement < 0.5).sum())
    if per_statement.empty:
        return "No statement is printed by two outlets, so no wording can be compared"
    return (
        f"{changed} of {counted(len(per_statement), 'statement')} {agreeing(changed, 'reaches')} "
        "some outlet with under half their words in common"
    )


def drift_figure(drift: pd.DataFrame, title: str):
    """Similarity of each outlet's wording to the earliest one, statement by statement
    (the ``DRIFT_ROWS`` most changed statements when there are more; past
    ``pooling.MAX_SHOWN`` outlets, those printing the most wordings by name, the rest as grey
    dots)."""
    statements = list(dict.fromkeys(drift.statement))[:DRIFT_ROWS]
    drift = drift[drift.statement.isin(statements)]
    fig, ax = plt.subplots(figsize=(9.5, 0.42 * len(statements) + 1.8))
    y = {s: i for i, s in enumerate(statements)}
    every = list(dict.fromkeys(drift.sort_values("article").outlet))
    heaviest = set(pooling.heaviest(drift.outlet.value_counts().reindex(every)))
    shown = [o for o in every if o in heaviest]
    others = drift[~drift.outlet.isin(shown)]
    if len(others):  # past pooling.MAX_SHOWN outlets: the rest as grey dots, one legend entry
        ax.scatter(
            others.similarity, others.statement.map(y), marker=".", s=30, color="#999999", zorder=2
        )
    markers, palette = style.outlet_styles(shown)
    for row in drift[drift.outlet.isin(shown)].itertuples():
        filled = row.quote_type != "paraphrase"
        ax.scatter(
            row.similarity,
            y[row.statement],
            marker=markers[row.outlet],
            s=60,
            zorder=3,
            facecolor=palette[row.outlet] if filled else "white",
            edgecolor=palette[row.outlet],
            linewidth=1.2,
        )
    first = drift.drop_duplicates("statement").set_index("statement")
    row_labels = [
        f"{first.speaker[s]}: {figures.shorten_words(first.summary[s], 44)}" for s in statements
    ]
    ax.set_yticks(range(len(statements)), row_labels, fontsize=8)
    ax.set_ylim(len(statements) - 0.5, -0.5)
    ax.set_xlim(-0.02, 1.05)
    ax.set_xlabel("Similarity to the earliest wording (1 = word for word)")
    ax.grid(axis="x", color="#DDDDDD", zorder=0)
    handles = [
        plt.Line2D([], [], marker=markers[o], linestyle="", color=palette[o], label=o)
        for o in shown
    ]
    if len(others):
        label = pooling.others_label(others.outlet.nunique())
        handles.append(plt.Line2D([], [], marker=".", linestyle="", color="#999999", label=label))
    handles.append(Patch(facecolor="white", edgecolor="#555555", label="hollow: paraphrase"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    ax.set_title(title)
    figures.source_note(fig, "mentions.csv (quote)")
    return fig
