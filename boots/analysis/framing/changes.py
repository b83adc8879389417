"""Changes an outlet made to what a source said (``distortions.csv``, codebook X1) and
name errors the articles print (dropped accents, misspellings, misattributions)."""

from __future__ import annotations

import unicodedata

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from boots.analysis import pooling
from boots.data import labels, text
from boots.data.tables import Evidence
from boots.render import figures, style
from boots.util.words import agreeing, counted


def distortion_kinds() -> dict[str, str]:
    """Kinds of change an outlet made to a source's words (codebook X1), code -> label."""
    return labels.categories("kind", resource="distortions")


def distortion_table(evidence: Evidence) -> pd.DataFrame:
    """Every recorded distortion in words: the outlet, whose statement, the kind of change,
    the article's words against the source's words as another article prints them."""
    order = evidence.article_order
    d = evidence.distortions.sort_values(
        ["article_id", "distortion_id"], key=lambda c: c.map(order) if c.name == "article_id" else c
    )
    outlet_of = evidence.outlet_names
    speakers = evidence.statements_with_speakers().set_index("statement_id").name
    return pd.DataFrame(
        {
            "outlet": d.article_id.map(outlet_of),
            "speaker": d.statement_id.map(speakers),
            "change": d.kind.map(distortion_kinds()),
            "the outlet printed": d.passage,
            "the source's words": d.source_passage,
            "as printed by": d.source_article_id.map(outlet_of),
            "evidence": d.evidence,
        }
    ).reset_index(drop=True)


def distortion_counts(evidence: Evidence) -> pd.DataFrame:
    """Outlet x kind of change, every outlet listed (zeros included), with the number of
    statements each outlet reports for scale."""
    d = evidence.distortions
    counts = d.groupby(["article_id", "kind"]).size().unstack(fill_value=0)
    kind_labels = distortion_kinds()
    kinds = [k for k in kind_labels if k in counts.columns]
    counts = counts.reindex(index=list(evidence.articles.article_id), columns=kinds, fill_value=0)
    counts.index = counts.index.map(evidence.outlet_names)
    counts.columns = [kind_labels[k] for k in kinds]
    reported = evidence.mentions.groupby("article_id").statement_id.nunique()
    counts.insert(0, "total", counts.sum(axis=1))
    counts["statements reported"] = [int(reported.get(a, 0)) for a in evidence.articles.article_id]
    counts.index.name = "outlet"
    return counts


def commonest_change(evidence: Evidence) -> dict[str, object]:
    """The commonest kind of change, how many rows of distortions.csv record it, and the speaker whose words
    it changed most often (for the notebook's prose)."""
    d = evidence.distortions
    if d.empty:
        return {"commonest": "No outlet is recorded as changing what a source said."}
    kind = d.kind.value_counts().idxmax()
    of_kind = d[d.kind == kind]
    speakers = evidence.statements_with_speakers().set_index("statement_id").name
    by_speaker = of_kind.statement_id.map(speakers).value_counts()
    # the label's head only: a value with parentheses would be escaped as \( \), which
    # notebook renderers may read as mathematics
    change = distortion_kinds()[kind].split(" (")[0]
    n = int(by_speaker.max())
    return {
        "commonest": (
            f"The commonest change, {change}, accounts for {len(of_kind)} of "
            f"{counted(len(d), 'change')}; {n} of them {agreeing(n, 'changes')} "
            f"{by_speaker.idxmax()}'s words."
        )
    }


def by_outlet(counts: pd.DataFrame) -> pd.DataFrame:
    """``distortion_counts`` (one row per article) summed per outlet, in their order."""
    return counts.groupby(level=0, sort=False).sum()


def distortions_title(counts: pd.DataFrame) -> str:
    total = by_outlet(counts).total
    most = total[total == total.max()].index
    changed = int((total > 0).sum())
    if not changed:
        return f"None of the {counted(len(total), 'outlet')} is recorded as changing what a source said"
    return (
        f"{changed} of {counted(len(total), 'outlet')} changed what a source said; "
        f"{' and '.join(most)} most often ({counted(int(total.max()), 'change')} each)"
        if len(most) > 1
        else f"{changed} of {len(total)} outlets changed what a source said; "
        f"{most[0]} most often ({counted(int(total.max()), 'change')})"
    )


def distortions_figure(counts: pd.DataFrame, title: str):
    """Stacked bars: changes per outlet (one per passage and kind), by kind of change; past
    ``pooling.MAX_SHOWN`` outlets, those with the most changes by name and the rest pooled."""
    counts = by_outlet(counts)
    if len(counts) > pooling.MAX_SHOWN:
        kept = pooling.heaviest(counts.total)
        rest = counts.drop(index=kept)
        pooled = rest.sum().rename(pooling.others_label(len(rest))).to_frame().T
        counts = pd.concat([counts.loc[kept], pooled])
    kinds = [c for c in counts.columns if c not in ("total", "statements reported")]
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(counts) + 1.8))
    left = np.zeros(len(counts))
    colours = dict(zip(distortion_kinds().values(), style.DISTORTION_COLOURS, strict=True))
    for kind in kinds:
        values = counts[kind].to_numpy()
        ax.barh(
            range(len(counts)),
            values,
            left=left,
            color=colours[kind],
            label=kind,
            edgecolor="white",
            linewidth=0.6,
        )
        left += values
    for i, (total, reported) in enumerate(
        zip(counts.total, counts["statements reported"], strict=True)
    ):
        ax.text(
            total + 0.15, i, f"{total} (of {reported} statements reported)", va="center", fontsize=8
        )
    ax.set_yticks(range(len(counts)), counts.index)
    ax.invert_yaxis()
    ax.set_xlim(0, counts.total.max() + 3.5)
    ax.set_xlabel("Changes to what the source said, one per passage and kind (distortions.csv)")
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=8,
        title="Kind of change",
        title_fontsize=8,
    )
    ax.set_title(title)
    figures.source_note(fig, "distortions.csv, mentions.csv")
    return fig


def _plain(value: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c)
    ).lower()


def printed_errors(evidence: Evidence) -> pd.DataFrame:
    """Name forms an article printed that are not the speaker's name: dropped accents,
    misspellings and misattributions, with the correction from the speaker registry.

    Governments reported collectively are printed by country name, which is no error."""
    mentions = evidence.mentions_in_full()
    rows = []
    for mention in mentions[mentions.kind != "government"].itertuples():
        reference = f"{mention.name} {mention.role}"
        for form in mention.printed_names.split(";"):
            if not form or text.normalise(form) not in text.normalise(mention.printed_speaker):
                continue
            if form in reference:
                continue
            kind = (
                "accents dropped"
                if _plain(form) in _plain(reference)
                else "misspelt or misattributed"
            )
            rows.append(
                {
                    "outlet": mention.outlet,
                    "printed": mention.printed_speaker,
                    "name form": form,
                    "kind": kind,
                    "speaker": mention.name,
                    "correction": mention.speaker_notes
                    if isinstance(mention.speaker_notes, str)
                    else "",
                }
            )
    errors = pd.DataFrame(
        rows, columns=["outlet", "printed", "name form", "kind", "speaker", "correction"]
    )
    longest_first = errors.assign(n=errors["name form"].str.len()).sort_values(
        "n", ascending=False, kind="stable"
    )
    kept = longest_first.drop_duplicates(["outlet", "printed"]).drop(columns="n")
    return kept.sort_index().reset_index(drop=True)
