"""Actor prominence: who each outlet quotes first and most.

Every passage inside quotation marks in an article body is attributed to the mention that
covers it (or the one it repeats, ``quote_exclusions.csv``), and counted in words; an
outlet's speakers are ranked by first appearance and by their share of its quoted words."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from boots.analysis import memo, pooling, reuse
from boots.data import labels, text
from boots.data.tables import Evidence
from boots.render import figures, style

UNATTRIBUTED = "(not a statement in the tables)"


@memo.per_evidence
def _located(evidence: Evidence) -> pd.DataFrame:
    mentions = evidence.mentions_in_full()
    spans = [
        text.locate(q, evidence.texts[a])
        for q, a in zip(mentions.quote, mentions.article_id, strict=True)
    ]
    return mentions.assign(
        start=[s.start if s else np.nan for s in spans], end=[s.end if s else np.nan for s in spans]
    )


@memo.per_evidence
def quoted_passages(evidence: Evidence) -> pd.DataFrame:
    """Every passage inside quotation marks in every article body, attributed to the
    speaker and stance of the mention covering it (or that it repeats), with its words."""
    located = _located(evidence)[["mention_id", "article_id", "name", "stance", "start", "end"]]
    mentions = list(located.itertuples(index=False))
    by_mention = {m.mention_id: m for m in mentions}
    by_article: dict[str, list] = {}
    for mention in mentions:
        by_article.setdefault(mention.article_id, []).append(mention)
    repeats: dict[str, dict[str, object]] = {}
    exclusions = evidence.quote_exclusions
    for article, passage, mention in zip(
        exclusions.article_id, exclusions.passage, exclusions.mention_id, strict=True
    ):
        repeats.setdefault(article, {})[text.passage_key(passage)] = mention
    rows = []
    for article in evidence.articles.itertuples():
        content = evidence.texts[article.article_id]
        passages, _ = text.quoted_passages(content, text.body_spans(content, article.body_lines))
        mine = by_article.get(article.article_id, [])
        repeated = repeats.get(article.article_id, {})
        for passage in passages:
            start, end = passage.span.start, passage.span.end
            covering = [m for m in mine if m.start <= start and m.end >= end]
            if not covering:
                repeat = repeated.get(text.passage_key(passage.text))
                if isinstance(repeat, str):
                    covering = [by_mention[repeat]]
            words = len(reuse.tokens(passage.text))
            if not covering:
                rows.append(
                    (
                        article.article_id,
                        article.outlet,
                        UNATTRIBUTED,
                        "none",
                        start,
                        words,
                        passage.text,
                    )
                )
                continue
            share = words / len(covering)  # a passage reported for several speakers is split evenly
            for mention in covering:
                rows.append(
                    (
                        article.article_id,
                        article.outlet,
                        mention.name,
                        mention.stance,
                        start,
                        share,
                        passage.text,
                    )
                )
    return pd.DataFrame(
        rows, columns=["article_id", "outlet", "speaker", "stance", "start", "words", "passage"]
    )


def prominence(evidence: Evidence) -> pd.DataFrame:
    """Per outlet and speaker: order of first appearance, mentions, quoted words and share."""
    located = _located(evidence)
    passages = quoted_passages(evidence)
    attributed = passages[passages.speaker != UNATTRIBUTED]
    first = (
        pd.concat(
            [
                located[["outlet", "name", "start"]].rename(columns={"name": "speaker"}),
                attributed[["outlet", "speaker", "start"]],
            ]
        )
        .groupby(["outlet", "speaker"])
        .start.min()
    )
    mentions = located.groupby(["outlet", "name"]).size().rename_axis(["outlet", "speaker"])
    words = attributed.groupby(["outlet", "speaker"]).words.sum()
    total = passages.groupby("outlet").words.sum()
    table = (
        pd.DataFrame({"first_position": first, "mentions": mentions})
        .join(words)
        .fillna({"words": 0.0})
    )
    table = table.reset_index()
    table["first_rank"] = table.groupby("outlet").first_position.rank(method="min").astype(int)
    table["quoted_share"] = table.words / table.outlet.map(total)
    order = evidence.outlets
    table["outlet_order"] = table.outlet.map(order.index)
    table = table.sort_values(["outlet_order", "first_rank", "speaker"], kind="stable").drop(
        columns="outlet_order"
    )
    return table.rename(columns={"words": "quoted_words"}).reset_index(drop=True)


def mentions_by_stance(evidence: Evidence) -> pd.DataFrame:
    """Per outlet: how many of the statements it reports take each stance."""
    mentions = evidence.mentions_in_full()
    counts = pd.crosstab(mentions.outlet, mentions.stance)
    columns = [s for s in style.STANCE_COLOURS if s in counts.columns]
    return counts.reindex(index=evidence.outlets, columns=columns, fill_value=0)


def stance_shares(evidence: Evidence) -> pd.DataFrame:
    """Per outlet: share of its quoted words by the stance of the statement quoted."""
    passages = quoted_passages(evidence)
    shares = passages.pivot_table(
        index="outlet", columns="stance", values="words", aggfunc="sum", fill_value=0
    )
    shares = shares.div(shares.sum(axis=1), axis=0)
    columns = [s for s in [*style.STANCE_COLOURS, "none"] if s in shares.columns]
    return shares.reindex(index=evidence.outlets, columns=columns)


def prominence_title(shares: pd.DataFrame) -> str:
    denials, opening = shares.get("rules_out"), shares.get("open")
    parts = []
    if denials is not None:
        parts.append(
            f"{denials.idxmax()} gives denials the largest share of its quoted words ({denials.max():.0%})"
        )
    if opening is not None:
        parts.append(f"{opening.idxmax()} gives the most to the open door ({opening.max():.0%})")
    return "; ".join(parts)


def prominence_figure(table: pd.DataFrame, shares: pd.DataFrame, title: str, top: int = 12):
    """Left: quoted words by stance per outlet. Right: who is quoted most, and who comes first."""
    shown_note = ""
    if len(shares) > pooling.MAX_SHOWN:  # the outlets quoting most words, by name
        words = table.groupby("outlet").quoted_words.sum().reindex(shares.index, fill_value=0)
        kept = pooling.heaviest(words, pooling.MAX_SHOWN)
        shares = shares.loc[kept]
        shown_note = f" (the {len(kept)} outlets quoting most words, of {len(words):,})"
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(13, 6.2), gridspec_kw={"width_ratios": [1, 1.5]}
    )
    bottom = np.zeros(len(shares))
    for stance in shares.columns:
        colour = style.STANCE_COLOURS.get(stance, "#DDDDDD")
        label = (
            labels.label("stance", stance) if stance in style.STANCE_COLOURS else "not a statement"
        )
        left.barh(
            range(len(shares)),
            shares[stance],
            left=bottom,
            color=colour,
            label=label,
            edgecolor="white",
        )
        bottom += shares[stance].to_numpy()
    left.set_yticks(range(len(shares)), shares.index)
    left.set_ylim(len(shares) - 0.5, -0.5)
    left.set_xlim(0, 1)
    left.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    left.set_xlabel(
        "Share of the outlet's quoted words, by the stance of the statement quoted"
        + (f"\n{shown_note.strip()}" if shown_note else "")
    )
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8, frameon=False)
    speakers = table.groupby("speaker").quoted_share.sum().sort_values(ascending=False).index[:top]
    shown = list(shares.index)
    grid = table.pivot_table(
        index="speaker", columns="outlet", values="quoted_share", aggfunc="sum"
    ).reindex(index=speakers, columns=shown)
    ranks = table.pivot_table(
        index="speaker", columns="outlet", values="first_rank", aggfunc="min"
    ).reindex(index=speakers, columns=shown)
    image = right.imshow(
        grid.fillna(0).to_numpy(),
        cmap="Blues",
        vmin=0,
        vmax=max(0.5, float(np.nanmax(grid.to_numpy()))),
        aspect="auto",
    )
    for i in range(len(speakers)):
        for j in range(len(shown)):
            rank = ranks.iat[i, j]
            if not np.isnan(rank):
                share = grid.iat[i, j]
                right.text(
                    j,
                    i,
                    f"#{int(rank)}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if share > 0.3 else "#222222",
                )
    right.set_xticks(range(len(shown)), shown, rotation=20, ha="right")
    right.set_yticks(range(len(speakers)), [textwrap.fill(s, 30) for s in speakers], fontsize=8)
    right.set_xlabel("Colour: share of quoted words; #n: order of first appearance")
    fig.colorbar(image, ax=right, shrink=0.7, format=lambda v, _: f"{v:.0%}")
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    fig.subplots_adjust(wspace=0.45)
    figures.source_note(fig, "mentions.csv, quote_exclusions.csv, article texts")
    return fig
