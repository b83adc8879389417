"""How firmly each statement was worded, for notebook 01: the denials counted by firmness,
the chart's rows (one per speaker, stance, firmness and scope), the chart and its title.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from boots.analysis.stance.statements import place, speaker_label, statement_tooltips
from boots.data import labels
from boots.data.tables import Evidence
from boots.render import figures, style
from boots.util.words import agreeing, counted


def firmness_counts(evidence: Evidence) -> pd.Series:
    """How the statements ruling troops out were worded (statements per firmness code)."""
    denials = evidence.statements[evidence.statements.stance == "rules_out"]
    return (
        denials.firmness.value_counts()
        .reindex(style.DENIAL_FIRMNESS, fill_value=0)
        .rename("denials")
    )


def firmness_title(counts: pd.Series) -> str:
    if not counts.sum():
        return "No statement rules troops out"
    return (
        f"Of {counted(int(counts.sum()), 'denial')}, {counts['categorical']} "
        f"{agreeing(int(counts['categorical']), 'was')} categorical, {counts['no_plans']} denied "
        f"only plans, {counts['not_now']} held 'for the moment'"
    )


def firmness_data(evidence: Evidence) -> pd.DataFrame:
    """Statements grouped by country, speaker, stance, firmness and scope (the chart's rows)."""
    stated = evidence.statements_with_speakers()
    where = place(stated)
    stated = stated.assign(
        country_name=where,
        label=[
            speaker_label(n, p, "{place} · {name}") for n, p in zip(stated.name, where, strict=True)
        ],
    )
    keys = ["label", "country_name", "rank", "stance", "firmness", "scope"]
    grouped = (
        stated.groupby(keys, dropna=False)
        .statement_id.agg(statements="size", ids=lambda s: ";".join(s))
        .reset_index()
    )
    grouped["stance_order"] = grouped.stance.map({s: i for i, s in enumerate(style.STANCE_COLOURS)})
    tooltips = statement_tooltips(evidence)
    grouped["statement_id"] = grouped.ids.str.split(";").str[0]
    grouped["tooltip"] = grouped.ids.map(lambda ids: "\n".join(tooltips[i] for i in ids.split(";")))
    return grouped.sort_values(
        ["stance_order", "country_name", "rank", "label", "firmness"], kind="stable"
    ).reset_index(drop=True)


def firmness_chart(data: pd.DataFrame, title: str):
    """One row per speaker; x: how firm; colour: stance; marker: which troops."""
    rows = list(dict.fromkeys(data.label))
    y = {label: i for i, label in enumerate(rows)}
    x = {f: i for i, f in enumerate(style.FIRMNESS_ORDER)}
    fig, ax = plt.subplots(figsize=(9, 0.36 * len(rows) + 1.8))
    fig.subplots_adjust(bottom=0.02)
    offsets = data.groupby("label").cumcount() * 0.18
    for row, offset in zip(data.itertuples(), offsets, strict=True):
        point = ax.scatter(
            x[row.firmness] + offset,
            y[row.label],
            s=70 + 25 * (row.statements - 1),
            color=style.STANCE_COLOURS[row.stance],
            marker=style.SCOPE_MARKERS[row.scope],
            edgecolor="#222222",
            linewidth=0.5,
            zorder=3,
        )
        figures.link(point, row.statement_id, row.tooltip)
        if row.statements > 1:
            ax.annotate(
                f"×{row.statements}",
                (x[row.firmness] + offset, y[row.label]),
                xytext=(7, 0),
                textcoords="offset points",
                va="center",
                fontsize=figures.CHART_TEXT,
            )
    ax.set_yticks(
        range(len(rows)), [figures.wrap(r, 45) for r in rows], fontsize=figures.CHART_TEXT
    )
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xticks(
        range(len(style.FIRMNESS_ORDER)),
        [figures.wrap(labels.label("firmness", f), 11) for f in style.FIRMNESS_ORDER],
        fontsize=figures.CHART_TEXT,
    )
    ax.set_xlim(-0.5, len(style.FIRMNESS_ORDER) - 0.3)
    ax.set_xlabel("How firm the statement is", labelpad=8)
    ax.grid(axis="x", color="#DDDDDD", zorder=0)
    ax.xaxis.set_ticks_position("top")
    ax.xaxis.set_label_position("top")
    stance_handles = [
        Patch(facecolor=style.STANCE_COLOURS[s], label=labels.label("stance", s))
        for s in style.STANCE_COLOURS
        if s in set(data.stance)
    ]
    scope_handles = [
        Line2D(
            [],
            [],
            marker=style.SCOPE_MARKERS[s],
            linestyle="",
            color="#555555",
            label=labels.label("scope", s),
        )
        for s in style.SCOPE_MARKERS
        if s in set(data.scope)
    ]
    # Two legends side by side: a new legend replaces the axes' legend, so the first is kept
    # as an artist of its own.
    first, _ = [
        ax.legend(
            handles=handles,
            title=legend_title,
            loc="upper left",
            bbox_to_anchor=(1.01, top),
            fontsize=figures.CHART_TEXT,
            title_fontsize=figures.CHART_TEXT,
        )
        for handles, legend_title, top in (
            (stance_handles, "Stance", 1),
            (scope_handles, "Which troops", 0.55),
        )
    ]
    ax.add_artist(first)
    ax.set_title(title, pad=12)
    figures.chart_text(ax)
    figures.source_note(fig, "statements.csv, speakers.csv", fontsize=figures.CHART_TEXT)
    return fig
