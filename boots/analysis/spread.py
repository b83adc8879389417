"""How the remark spread: timeline, reaction graph and relay, for notebook 02.

All three are computed from the curated tables, grouped so that their size follows the
number of speakers and outlets, not the number of statements:

* timeline rows are speakers; each statement is a bar over the days it can have been made;
* the reaction graph links speakers (A → B: a statement by B responds to one by A);
* the relay links speakers to the channel each article credits (the wire named in the
  mention, else the article's byline wire, else "no credit") and on to the outlets.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from boots.analysis.stance import (
    date_label,
    decide_stance,
    place,
    speaker_label,
    statement_tooltips,
)
from boots.data import labels
from boots.data.tables import Evidence
from boots.render import figures, style
from boots.render.report import names_list

NO_CREDIT = "no credit given"
ONE_DAY = pd.Timedelta(days=1)


def _speakers(evidence: Evidence) -> pd.DataFrame:
    stated = evidence.statements_with_speakers()
    return stated.assign(place=place(stated), start=stated.date_earliest.fillna(stated.date))


def timeline_rows(evidence: Evidence) -> pd.DataFrame:
    """One row per distinct (speaker, stance, dates) with the number of statements."""
    stated = _speakers(evidence)
    stated = stated.assign(
        label=[
            speaker_label(n, p, "{place} · {name}")
            for n, p in zip(stated.name, stated.place, strict=True)
        ],
        when=stated.apply(date_label, axis=1),
    )
    keys = ["label", "speaker_id", "stance", "date_precision", "start", "date", "when"]
    rows = (
        stated.groupby(keys, dropna=False)
        .statement_id.agg(statements="size", ids=";".join)
        .reset_index()
    )
    first = rows.groupby("speaker_id").start.transform("min")
    tooltips = statement_tooltips(evidence)
    rows["statement_id"] = rows.ids.str.split(";").str[0]
    rows["tooltip"] = rows.ids.map(lambda ids: "\n".join(tooltips[i] for i in ids.split(";")))
    return (
        rows.assign(first=first)
        .sort_values(["first", "label", "start"], kind="stable")
        .drop(columns="first")
        .reset_index(drop=True)
    )


def article_marks(evidence: Evidence) -> pd.DataFrame:
    """Each article's (earliest) publication date and outlet."""
    marks = evidence.articles[["article_id", "outlet", "published", "published_certainty"]]
    return marks.sort_values(["published", "article_id"], kind="stable").reset_index(drop=True)


def timeline_figure(rows: pd.DataFrame, marks: pd.DataFrame, title: str):
    """Bars over the days each statement can have been made, one row per speaker.

    A statement known to the day fills that day; a range is drawn lighter over its days;
    'before' has no earlier bound and is drawn as an open bar ending on its date."""
    shown = list(dict.fromkeys(rows.label))
    y = {label: i for i, label in enumerate(shown)}
    first_day = min(rows.start.min(), marks.published.min())
    last_day = max(rows.date.max(), marks.published.max()) + ONE_DAY
    axis_start = first_day - ONE_DAY
    fig, ax = plt.subplots(figsize=(10, 0.32 * len(shown) + 2.2))
    counts = rows.groupby("label").cumcount()
    per_label = rows.groupby("label").label.transform("size")
    for row, k, n in zip(rows.itertuples(), counts, per_label, strict=True):
        height = 0.8 / n
        bottom = y[row.label] - 0.4 + k * height
        colour = style.STANCE_COLOURS[row.stance]
        if row.date_precision == "before":
            start, alpha, hatch = axis_start, 0.45, "///"
        elif row.date_precision == "range":
            start, alpha, hatch = row.start, 0.55, None
        else:
            start, alpha, hatch = row.start, 1.0, None
        end = row.date + ONE_DAY
        bars = ax.barh(
            bottom,
            end - start,
            left=start,
            height=height * 0.92,
            align="edge",
            color=colour,
            alpha=alpha,
            hatch=hatch,
            edgecolor="white",
            linewidth=0.5,
            zorder=3,
        )
        figures.link(bars.patches[0], row.statement_id, row.tooltip)
        if row.statements > 1:
            ax.text(
                end - pd.Timedelta(hours=2),
                bottom + height / 2,
                f"×{row.statements}",
                ha="right",
                va="center",
                fontsize=7,
                color="white",
                zorder=4,
            )
    day_marks = marks.groupby("published").outlet.agg(lambda s: ", ".join(s))
    for day, outlets in day_marks.items():
        x = day + ONE_DAY  # published during that day: mark its end, the latest moment
        ax.axvline(x, color="#444444", linestyle="--", linewidth=0.8, zorder=2)
        ax.text(
            x,
            -0.7,
            f"published by {day:%-d %b}:\n{outlets}",
            ha="right",
            va="bottom",
            fontsize=7,
            color="#333333",
        )
    ax.set_yticks(range(len(shown)), [figures.wrap(label, 45) for label in shown], fontsize=8)
    ax.set_ylim(len(shown) - 0.5, -2.2)
    ax.set_xlim(axis_start, last_day + pd.Timedelta(hours=6))
    ax.xaxis.set_major_locator(mdates.DayLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%a %-d %b"))
    ax.set_xlabel("Day of the statement (2024); each bar spans the days it can have been made")
    ax.grid(axis="x", color="#DDDDDD", zorder=0)
    handles = [
        Patch(facecolor=style.STANCE_COLOURS[s], label=labels.label("stance", s))
        for s in style.STANCE_COLOURS
        if s in set(rows.stance)
    ]
    handles += [
        Patch(facecolor="#777777", label="known to the day"),
        Patch(facecolor="#777777", alpha=0.55, label="somewhere in a range of days"),
        Patch(
            facecolor="#777777", alpha=0.45, hatch="///", label="on or before (no earlier bound)"
        ),
        Line2D([], [], color="#444444", linestyle="--", label="article published by"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    ax.set_title(title)
    figures.source_note(fig, "statements.csv, speakers.csv, articles.csv")
    return fig


def reaction_graph(evidence: Evidence) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Speakers as nodes (stance, first day) and who-responds-to-whom edges with counts."""
    stated = _speakers(evidence)
    by_id = stated.set_index("statement_id")
    links = stated.dropna(subset=["responds_to"])
    edges = pd.DataFrame(
        {
            "source": links.responds_to.map(by_id.speaker_id),
            "target": links.speaker_id,
            "statement_id": links.statement_id,
        }
    )
    edges = (
        edges.groupby(["source", "target"])
        .statement_id.agg(statements="size", ids=";".join)
        .reset_index()
    )
    involved = set(edges.source) | set(edges.target)
    speakers = stated[stated.speaker_id.isin(involved)]
    nodes = speakers.groupby("speaker_id").apply(decide_stance, include_groups=False)[["stance"]]
    # A speaker's column is the latest day its first statement can have been made, so that a
    # reaction known only as "26-28 Feb" is never drawn beside the remark it answers.
    detail = speakers.groupby("speaker_id").agg(
        name=("name", "first"), place=("place", "first"), first_day=("date", "min")
    )
    nodes = nodes.join(detail).reset_index()
    # Each node links to the speaker's earliest statement in the graph (an answer, or the
    # remark answered).
    in_graph = stated[
        stated.statement_id.isin(set(links.statement_id) | set(links.responds_to))
    ].sort_values(["date", "statement_id"], kind="stable")
    first = in_graph.drop_duplicates("speaker_id").set_index("speaker_id").statement_id
    nodes["statement_id"] = nodes.speaker_id.map(first)
    nodes["tooltip"] = nodes.statement_id.map(statement_tooltips(evidence))
    return nodes, edges


def _columns(groups: list[list], gap: float = 1.0, fill: bool = False) -> dict:
    """Positions for nodes in columns: column i at x = i * gap; rows one unit apart and
    centred, or (``fill``) spread over the height of the tallest column."""
    tallest = max(len(group) for group in groups)
    positions = {}
    for i, group in enumerate(groups):
        if fill and len(group) > 1:
            ys = (
                np.linspace(0, tallest - 1, len(group) + 2)[1:-1]
                if len(group) < tallest
                else np.arange(tallest)
            )
        else:
            ys = np.arange(len(group)) + (tallest - len(group)) / 2
        for node, y in zip(group, ys, strict=True):
            positions[node] = (i * gap, -float(y))
    return positions


def reaction_figure(nodes: pd.DataFrame, edges: pd.DataFrame, title: str):
    """Directed graph in time: one column per day, the remark on the left, reactions fanning out."""
    graph = nx.DiGraph()
    for edge in edges.itertuples():
        graph.add_edge(edge.source, edge.target, statements=edge.statements)
    info = nodes.set_index("speaker_id")
    days = sorted(info.first_day.unique())
    groups = [
        sorted(
            info.index[info.first_day == day],
            key=lambda n: (
                list(style.STANCE_COLOURS).index(info.at[n, "stance"]),
                info.at[n, "name"],
            ),
        )
        for day in days
    ]
    positions = _columns(groups, gap=1.6)
    fig, ax = plt.subplots(figsize=(10, 0.42 * max(len(g) for g in groups) + 1.6))
    order = [n for group in groups for n in group]
    nx.draw_networkx_edges(
        graph,
        positions,
        ax=ax,
        edgelist=list(graph.edges),
        width=[0.8 + 0.8 * (graph.edges[e]["statements"] - 1) for e in graph.edges],
        edge_color="#999999",
        arrows=True,
        arrowsize=10,
        node_size=380,
        connectionstyle="arc3,rad=0.0",
    )
    # Each stance has its own shape as well as its colour, for readers who cannot tell
    # the colours apart.
    for stance_code, marker in style.STANCE_MARKERS.items():
        members = [n for n in order if info.at[n, "stance"] == stance_code]
        if not members:
            continue
        drawn = nx.draw_networkx_nodes(
            graph,
            positions,
            ax=ax,
            nodelist=members,
            node_color=style.STANCE_COLOURS[stance_code],
            node_shape=marker,
            node_size=380,
            edgecolors="#222222",
            linewidths=0.6,
        )
        figures.link_each(
            drawn,
            [info.at[n, "statement_id"] for n in members],
            [info.at[n, "tooltip"] for n in members],
        )
    # Names sit on a white box above the arrows (which pass behind them); the first day's
    # names stand left of their node, where no arrow arrives.
    first_column = set(groups[0])
    for node in order:
        x, y = positions[node]
        left = node in first_column and len(days) > 1
        ax.annotate(
            figures.wrap(speaker_label(info.at[node, "name"], info.at[node, "place"]), 34),
            (x, y),
            xytext=(-12 if left else 12, 0),
            textcoords="offset points",
            ha="right" if left else "left",
            va="center",
            fontsize=8,
            zorder=5,
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.9},
        )
    for day, group in zip(days, groups, strict=True):
        x = positions[group[0]][0]
        ax.text(
            x,
            1.01,
            f"{pd.Timestamp(day):%a %-d %b}",
            ha="center",
            va="bottom",
            transform=ax.get_xaxis_transform(),
            fontsize=9,
            fontweight="bold",
        )
    for edge in edges[edges.statements > 1].itertuples():
        x1, y1 = positions[edge.target]
        ax.annotate(
            f"×{edge.statements}",
            (x1, y1),
            xytext=(-16, 6),
            textcoords="offset points",
            fontsize=7,
            color="#555555",
            zorder=5,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.9},
        )
    ax.set_axis_off()
    ax.set_xlim(-1.3 if len(days) > 1 else -0.3, (len(days) - 1) * 1.6 + 1.5)
    handles = [
        Line2D(
            [],
            [],
            marker=style.STANCE_MARKERS[s],
            linestyle="",
            markersize=9,
            markerfacecolor=style.STANCE_COLOURS[s],
            markeredgecolor="#222222",
            label=labels.label("stance", s),
        )
        for s in style.STANCE_COLOURS
        if s in set(nodes.stance)
    ]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        title="Speaker's stance",
        title_fontsize=8,
    )
    ax.set_title(title, pad=22)
    figures.source_note(fig, "statements.csv (responds_to), speakers.csv")
    return fig


def relay_table(evidence: Evidence) -> pd.DataFrame:
    """One row per mention: who, which statement, through which channel, to which outlet."""
    mentions = evidence.mentions_in_full()
    byline = evidence.articles.set_index("article_id").byline_wire
    channel = mentions.via.fillna(
        mentions.article_id.map(byline).map(
            lambda w: f"{w} (byline)" if isinstance(w, str) else None
        )
    )
    table = pd.DataFrame(
        {
            "statement_id": mentions.statement_id,
            "speaker": mentions.name,
            "place": place(mentions),
            "channel": channel.fillna(NO_CREDIT),
            "credit as printed": mentions.channel.fillna(""),
            "article_id": mentions.article_id,
            "outlet": mentions.outlet,
            "published": mentions.published,
        }
    )
    return table.sort_values(
        ["statement_id", "published", "article_id"], kind="stable"
    ).reset_index(drop=True)


def reach_table(evidence: Evidence, relay: pd.DataFrame) -> pd.DataFrame:
    """Per statement: how many outlets carried it, which, and the first in these sources.

    "First" is the outlet(s) with the earliest publication date; articles whose earliest
    possible dates tie are all listed, since the sources cannot order them."""
    n_outlets = evidence.articles.outlet.nunique()
    grouped = relay.groupby("statement_id", sort=False)
    earliest = grouped.published.transform("min")
    first = relay[relay.published == earliest]

    def joined(series: pd.Series) -> str:
        return ", ".join(dict.fromkeys(series))

    reach = pd.DataFrame(
        {
            "speaker": grouped.speaker.first(),
            "outlets": grouped.outlet.nunique(),
            "carried by": grouped.outlet.agg(joined),
            "first in these sources": first.groupby("statement_id", sort=False).outlet.agg(joined),
            "first date": grouped.published.min(),
            "channels": grouped.channel.agg(lambda s: ", ".join(sorted(set(s)))),
        }
    )
    reach.insert(2, "reached all", reach.outlets == n_outlets)
    reach = reach.rename_axis("statement_id").reset_index()
    return reach.sort_values(
        ["outlets", "statement_id"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def relay_flows(relay: pd.DataFrame) -> pd.DataFrame:
    """Speaker → channel → outlet flows with the number of mentions on each link."""
    left = relay.groupby(["speaker", "channel"]).size().rename("mentions").reset_index()
    left = left.rename(columns={"speaker": "source", "channel": "target"}).assign(
        stage="speaker → channel"
    )
    right = relay.groupby(["channel", "outlet"]).size().rename("mentions").reset_index()
    right = right.rename(columns={"channel": "source", "outlet": "target"}).assign(
        stage="channel → outlet"
    )
    return pd.concat([left, right], ignore_index=True)


def relay_figure(flows: pd.DataFrame, relay: pd.DataFrame, title: str):
    """Three columns (speakers, channels, outlets) joined by lines as wide as the flow."""
    graph = nx.DiGraph()
    order = relay.groupby("speaker").size().sort_values(ascending=False, kind="stable")
    speakers = list(order.index)
    channels = list(relay.channel.value_counts().sort_values(ascending=False, kind="stable").index)
    outlets = list(dict.fromkeys(relay.sort_values(["published", "article_id"]).outlet))
    for layer, names in enumerate([speakers, channels, outlets]):
        for name in names:
            graph.add_node((layer, name), layer=layer)
    for flow in flows.itertuples():
        layer = 0 if flow.stage == "speaker → channel" else 1
        graph.add_edge((layer, flow.source), (layer + 1, flow.target), mentions=flow.mentions)
    columns = [
        [(layer, name) for name in names]
        for layer, names in enumerate([speakers, channels, outlets])
    ]
    positions = _columns(columns, gap=1.0, fill=True)
    fig, ax = plt.subplots(figsize=(10, max(5.5, 0.3 * len(speakers) + 1.5)))
    widths = [0.6 + 0.9 * d["mentions"] for _, _, d in graph.edges(data=True)]
    nx.draw_networkx_edges(
        graph, positions, ax=ax, width=widths, edge_color="#0072B2", alpha=0.35, arrows=False
    )
    sizes = {
        node: 30 + 12 * sum(d["mentions"] for *_, d in graph.edges(node, data=True))
        for node in graph.nodes
    }
    nx.draw_networkx_nodes(
        graph, positions, ax=ax, node_size=[sizes[n] for n in graph.nodes], node_color="#333333"
    )
    for (layer, name), (x, y) in positions.items():
        ha, dx = ("right", -8) if layer == 0 else ("left", 8)
        ax.annotate(
            name,
            (x, y),
            xytext=(dx, 0),
            textcoords="offset points",
            ha=ha,
            va="center",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        )
    for layer, heading in enumerate(["Speaker", "Channel credited", "Outlet"]):
        ax.text(
            layer,
            1.01,
            heading,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=9,
            fontweight="bold",
        )
    ax.set_axis_off()
    ax.set_xlim(-0.9, 2.5)
    ax.set_title(title, pad=24)
    figures.source_note(fig, "mentions.csv (via, channel), articles.csv (byline_wire)")
    return fig


def root_statement(evidence: Evidence) -> str:
    """The statement most others respond to (Macron's remark, in these sources)."""
    counts = evidence.statements.responds_to.value_counts()
    return str(counts.index[0])


def timeline_title(evidence: Evidence) -> str:
    root = evidence.statements.set_index("statement_id").loc[root_statement(evidence)]
    next_day = root.date + ONE_DAY
    by_next_day = int((evidence.statements.date <= next_day).sum()) - 1
    return f"At least {by_next_day} of {len(evidence.statements) - 1} other statements came by {next_day:%a %-d %b}, the day after the remark"


def reaction_title(nodes: pd.DataFrame, edges: pd.DataFrame) -> str:
    root = edges.source.value_counts().index[0]
    name = nodes.set_index("speaker_id").at[root, "name"]
    direct = int((edges.source == root).sum())
    other = int((edges.source != root).sum())
    return f"{direct} speakers answered {name}; {other} answered anyone else, as these articles tell it"


def relay_title(relay: pd.DataFrame) -> str:
    counts = relay.channel.value_counts()
    wires = ", ".join(f"{name} {n}" for name, n in counts.items() if name != NO_CREDIT)
    return (
        f"{counts.get(NO_CREDIT, 0)} of {len(relay)} mentions credit no channel; credited: {wires}"
    )


def what_we_found(evidence: Evidence) -> list[str]:
    """Notebook 02's closing sentences, computed from the tables and the article texts."""
    from boots.analysis import reuse

    nodes, edges = reaction_graph(evidence)
    bounds = [labels.statement_bounds(row) for _, row in evidence.statements.iterrows()]
    missing = [pd.isna(first) if first is not None else True for first, _ in bounds]
    day = sum(
        1 for (first, last), gap in zip(bounds, missing, strict=True) if not gap and first == last
    )
    open_start = sum(missing)
    relay = relay_table(evidence)
    reach = reach_table(evidence, relay)
    everywhere = reach[reach["reached all"]]
    outlets = evidence.outlet_names
    corpus = reuse.Corpus.of(
        {article: evidence.body(article) for article in evidence.articles.article_id}
    )
    first, second, score = reuse.closest_pair(reuse.reuse_pairs(corpus))
    return [
        reaction_title(nodes, edges) + ".",
        f"Of {len(bounds)} statements, {day} are known to the day, {open_start} only as on or "
        f"before a day, and {len(bounds) - day - open_start} only to a range of days.",
        f"{len(everywhere)} statements reached all {evidence.articles.outlet.nunique()} outlets"
        + (f" ({names_list(list(everywhere.speaker))})" if len(everywhere) else "")
        + f"; {int((reach.outlets == 1).sum())} of {len(reach)} reached only one.",
        f"{int((relay.channel == NO_CREDIT).sum())} of {len(relay)} mentions credit no "
        "channel for the words they report.",
        f"{outlets[first]} and {outlets[second]} share the most wording (Jaccard "
        f"{score:.2f}): {reuse.pair_explanation(*evidence.articles.set_index('article_id').byline_wire[[first, second]])}.",
    ]
