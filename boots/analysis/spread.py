"""How the remark spread: timeline, reaction graph and relay, for notebook 02.

All three are computed from the curated tables, grouped so that their size follows the
number of speakers and outlets, not the number of statements:

* timeline rows are speakers; each statement is a bar over the days it can have been made;
* the reaction graph links speakers (A → B: a statement by B responds to one by A);
* the relay links speakers to the channel each article credits (the wire named in the
  mention, else the article's byline wire, else "no credit") and on to the outlets.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from boots.analysis import once, outlets
from boots.analysis.stance import (
    date_label,
    decide_stance,
    place,
    speaker_label,
    stance_handles,
    statement_tooltips,
)
from boots.data import dates
from boots.data.tables import Evidence
from boots.render import figures, style
from boots.render.report import names_list

NO_CREDIT = "no credit given"
ONE_DAY = pd.Timedelta(days=1)


def _speakers(evidence: Evidence) -> pd.DataFrame:
    stated = evidence.statements_with_speakers()
    return stated.assign(place=place(stated))


def timeline_rows(evidence: Evidence) -> pd.DataFrame:
    """One row per distinct (speaker, stance, date interval) with the number of statements.

    ``date_earliest`` / ``date_latest`` keep their open ends (missing values); ``when`` is the
    interval in words ('on or after 26 Feb')."""
    stated = _speakers(evidence)
    stated = stated.assign(
        label=[
            speaker_label(n, p, "{place} · {name}")
            for n, p in zip(stated.name, stated.place, strict=True)
        ],
        when=stated.apply(date_label, axis=1),
    )
    keys = ["label", "speaker_id", "stance", "date_earliest", "date_latest", "when"]
    rows = (
        stated.groupby(keys, dropna=False)
        .statement_id.agg(statements="size", ids=";".join)
        .reset_index()
    )
    rows["_when"] = dates.sort_keys(rows)
    first = rows.groupby("speaker_id")._when.transform("min")
    tooltips = statement_tooltips(evidence)
    rows["statement_id"] = rows.ids.str.split(";").str[0]
    rows["tooltip"] = rows.ids.map(lambda ids: "\n".join(tooltips[i] for i in ids.split(";")))
    return (
        rows.assign(_first=first)
        .sort_values(["_first", "label", "_when"], kind="stable")
        .drop(columns=["_first", "_when"])
        .reset_index(drop=True)
    )


def article_marks(evidence: Evidence) -> pd.DataFrame:
    """Each article's publication interval and outlet, earliest first."""
    marks = evidence.articles[
        ["article_id", "outlet", "published_earliest", "published_latest", "published_certainty"]
    ]
    marks = marks.assign(
        published=[
            dates.interval_words(a, b)
            for a, b in zip(marks.published_earliest, marks.published_latest, strict=True)
        ]
    )
    return marks.sort_values(["published_earliest", "article_id"], kind="stable").reset_index(
        drop=True
    )


FADE_STEPS = 12
# Distance between the reaction graph's date columns, in units of the widest speaker label.
REACTION_GAP = 2.9


def _faded_bar(ax, bottom, height, start, end, colour, fade_towards: str | None) -> list:
    """A bar from ``start`` to ``end``; an open end fades out towards ``fade_towards``
    ('left', 'right' or 'both'), in fixed steps so the figure is byte-identical. Returns
    the bar's patches (several for a faded bar)."""
    if fade_towards is None:
        bars = ax.barh(
            bottom,
            end - start,
            left=start,
            height=height,
            align="edge",
            color=colour,
            edgecolor="white",
            linewidth=0.5,
            zorder=3,
        )
        return list(bars.patches)
    step = (end - start) / FADE_STEPS
    patches = []
    for i in range(FADE_STEPS):
        position = (i + 0.5) / FADE_STEPS  # 0 at the left end, 1 at the right
        if fade_towards == "left":
            alpha = 0.08 + 0.72 * position
        elif fade_towards == "right":
            alpha = 0.08 + 0.72 * (1 - position)
        else:
            alpha = 0.1 + 0.3 * (1 - abs(2 * position - 1))
        patches += ax.barh(
            bottom,
            step,
            left=start + i * step,
            height=height,
            align="edge",
            color=colour,
            alpha=alpha,
            linewidth=0,
            zorder=3,
        ).patches
    return patches


NOTE_OUTLETS = 4  # outlets named in a publication-day note; beyond, the first 3 and a count
NOTE_WIDTH = 60  # characters per line of a note
NOTE_LINE = 0.45


def timeline_figure(rows: pd.DataFrame, marks: pd.DataFrame, title: str):
    """Bars over the days each statement can have been made, one row per speaker.

    A closed interval is a solid bar over its days. An open end is drawn as open: the bar
    runs to the edge of the axis, fading, with an arrow and the interval in words ('on or
    after 26 Feb'); a statement with no date at all is a faint bar across the whole axis."""
    shown = list(dict.fromkeys(rows.label))
    y = {label: i for i, label in enumerate(shown)}
    known = pd.concat([rows.date_earliest, rows.date_latest, marks.published_earliest]).dropna()
    axis_start = known.min() - 2 * ONE_DAY
    axis_end = known.max() + 3 * ONE_DAY
    # Above the bars, one note per publication day naming its outlets: all of a few on one
    # line (a name too long for a line is cut, as every text is: figures.literal), or the
    # first few and the number of the others, wrapped; each line takes NOTE_LINE rows.
    notes = {}
    for day, names in marks.groupby("published_earliest").outlet:
        listed = outlets.listed(names, NOTE_OUTLETS)
        if names.nunique() > NOTE_OUTLETS:
            listed = figures.wrap(listed, NOTE_WIDTH)
        notes[day] = f"published on or after {day:%-d %b}:\n{listed} →"
    heights = [NOTE_LINE * (note.count("\n") + 1) for note in notes.values()]
    top = -1.6 - sum(heights)
    fig, ax = plt.subplots(figsize=(10, 0.32 * len(shown) + 2.6))
    counts = rows.groupby("label").cumcount()
    per_label = rows.groupby("label").label.transform("size")
    for row, k, n in zip(rows.itertuples(), counts, per_label, strict=True):
        height = 0.8 / n
        bottom = y[row.label] - 0.4 + k * height
        colour = style.STANCE_COLOURS[row.stance]
        kind = dates.interval_kind(row.date_earliest, row.date_latest)
        start = row.date_earliest if kind in ("day", "between", "from") else axis_start
        end = row.date_latest + ONE_DAY if kind in ("day", "between", "until") else axis_end
        fade = {"from": "right", "until": "left", "unknown": "both"}.get(kind)
        patches = _faded_bar(ax, bottom, height * 0.92, start, end, colour, fade)
        for patch in patches:
            figures.link(patch, row.statement_id, row.tooltip)
        middle = bottom + height * 0.46
        # the stance's shape at the bar's known end, so it reads without colour too
        if kind in ("day", "between", "from"):
            at = start + pd.Timedelta(hours=3)
        elif kind == "until":
            at = end - pd.Timedelta(hours=3)
        else:  # no known end: beside the words in the middle
            at = axis_start + (axis_end - axis_start) / 2 - 1.3 * ONE_DAY
        ax.plot(
            [at],
            [middle],
            marker=style.STANCE_MARKERS[row.stance],
            markersize=5,
            markerfacecolor="white",
            markeredgecolor="#222222",
            markeredgewidth=0.8,
            linestyle="",
            zorder=6,
        )
        if kind in ("until", "unknown"):
            ax.annotate(
                "",
                (axis_start, middle),
                (axis_start + 0.6 * ONE_DAY, middle),
                arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.2},
                zorder=4,
            )
        if kind in ("from", "unknown"):
            ax.annotate(
                "",
                (axis_end, middle),
                (axis_end - 0.6 * ONE_DAY, middle),
                arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.2},
                zorder=4,
            )
        if kind != "day":
            anchor, ha = {"from": (start, "left"), "until": (end, "right")}.get(
                kind, (axis_start + (axis_end - axis_start) / 2, "center")
            )
            shift = pd.Timedelta(hours=9) * (1 if ha == "left" else -1 if ha == "right" else 0)
            ax.text(
                anchor + shift,
                middle,
                row.when,
                ha=ha,
                va="center",
                fontsize=6.5,
                color="#222222",
                zorder=5,
            )
        if row.statements > 1:
            ax.text(
                (end if kind in ("day", "between", "until") else start + ONE_DAY)
                - pd.Timedelta(hours=2),
                middle,
                f"×{row.statements}",
                ha="right",
                va="center",
                fontsize=7,
                color="#222222",
                zorder=5,
            )
    for k, (day, note) in enumerate(notes.items()):
        ax.axvline(day, color="#444444", linestyle="--", linewidth=0.8, zorder=2)
        ax.text(
            day + pd.Timedelta(hours=2),
            -0.6 - sum(heights[k + 1 :]),
            note,
            ha="left",
            va="bottom",
            fontsize=7,
            color="#333333",
        )
    ax.set_yticks(range(len(shown)), [figures.wrap(label, 45) for label in shown], fontsize=8)
    ax.set_ylim(len(shown) - 0.5, top)
    ax.set_xlim(axis_start, axis_end)
    ax.xaxis.set_major_locator(mdates.DayLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%a %-d %b"))
    ax.set_xlabel(
        "Day of the statement (2024); each bar spans the days it can have been made, "
        "and an arrow marks an end the articles leave open"
    )
    ax.grid(axis="x", color="#DDDDDD", zorder=0)
    handles = stance_handles(set(rows.stance), markersize=7, edgecolor="#222222")
    handles += [
        Patch(facecolor="#777777", label="on a known day (or between two)"),
        Patch(
            facecolor="#777777",
            alpha=0.35,
            label="fading, with arrow: an open end\n(on or after / on or before)",
        ),
        Line2D([], [], color="#444444", linestyle="--", label="article published on or after"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    ax.set_title(title)
    figures.source_note(fig, "statements.csv, speakers.csv, articles.csv")
    return fig


def reaction_graph(evidence: Evidence) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Speakers as nodes (stance, first day) and who-responds-to-whom edges with counts."""
    stated = _speakers(evidence)
    by_id = stated.set_index("statement_id")
    links = evidence.responses
    edges = pd.DataFrame(
        {
            "source": links.responds_to.map(by_id.speaker_id),
            "target": links.statement_id.map(by_id.speaker_id),
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
    # A speaker's column is the date interval of its first statement, in words; columns run
    # from known days to open intervals, so that a reaction known only as "on or after 26 Feb"
    # is never drawn as if it were made on the day of the remark it answers.
    speakers = speakers.assign(
        _key=[
            (b if pd.notna(b) else pd.Timestamp.max, a if pd.notna(a) else pd.Timestamp.max)
            for a, b in zip(speakers.date_earliest, speakers.date_latest, strict=True)
        ],
        when=speakers.apply(date_label, axis=1),
    ).sort_values(["speaker_id", "_key"], kind="stable")
    detail = speakers.groupby("speaker_id").agg(
        name=("name", "first"),
        place=("place", "first"),
        when=("when", "first"),
        column_key=("_key", "first"),
    )
    nodes = nodes.join(detail).reset_index()
    # Each node links to the speaker's earliest statement in the graph (an answer, or the
    # remark answered).
    in_graph = stated[stated.statement_id.isin(set(links.statement_id) | set(links.responds_to))]
    in_graph = in_graph.assign(_when=dates.sort_keys(in_graph)).sort_values(
        ["_when", "statement_id"], kind="stable"
    )
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
    days = list(dict.fromkeys(info.sort_values("column_key", kind="stable").when))
    groups = [
        sorted(
            info.index[info.when == day],
            key=lambda n: (
                list(style.STANCE_COLOURS).index(info.at[n, "stance"]),
                info.at[n, "name"],
            ),
        )
        for day in days
    ]
    positions = _columns(groups, gap=REACTION_GAP)
    fig, ax = plt.subplots(figsize=(15, 0.42 * max(len(g) for g in groups) + 1.6))
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
        connectionstyle="arc3,rad=0.12",
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
            day,
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
    ax.set_xlim(-1.3 if len(days) > 1 else -0.3, (len(days) - 1) * REACTION_GAP + 1.9)
    handles = stance_handles(set(nodes.stance), markersize=9, edgecolor="#222222")
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        title="Speaker's stance",
        title_fontsize=8,
    )
    ax.set_title(title, pad=22)
    figures.source_note(fig, "responses.csv, statements.csv, speakers.csv")
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
            "published on or after": mentions.published_earliest,
        }
    )
    return table.sort_values(
        ["statement_id", "published on or after", "article_id"], kind="stable"
    ).reset_index(drop=True)


def reach_table(evidence: Evidence, relay: pd.DataFrame) -> pd.DataFrame:
    """Per statement: how many outlets carried it, which, and the first in these sources.

    "First" is the outlet(s) with the earliest possible publication date; articles whose
    earliest possible dates tie are all listed, since the sources cannot order them, and no
    article's latest date is known, so "first" means "can have been first"."""
    n_outlets = evidence.articles.outlet.nunique()
    grouped = relay.groupby("statement_id", sort=False)
    earliest = grouped["published on or after"].transform("min")
    first = relay[relay["published on or after"] == earliest]

    def joined(series: pd.Series) -> str:
        return ", ".join(dict.fromkeys(series))

    reach = pd.DataFrame(
        {
            "speaker": grouped.speaker.first(),
            "outlets": grouped.outlet.nunique(),
            "carried by": grouped.outlet.agg(joined),
            "can have been first": first.groupby("statement_id", sort=False).outlet.agg(joined),
            "published on or after": grouped["published on or after"].min(),
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


# Line widths and node areas grow with the mentions up to these (the most in the five real
# articles); past them they are scaled down together, so a large collection's heaviest flow
# stays a line and not a band covering the figure.
RELAY_WIDEST_FLOW = 12
RELAY_LARGEST_NODE = 34


def relay_figure(flows: pd.DataFrame, relay: pd.DataFrame, title: str):
    """Three columns (speakers, channels, outlets) joined by lines as wide as the flow; past
    ``outlets.MAX_SHOWN`` outlets the heaviest are shown by name and the rest pooled."""
    graph = nx.DiGraph()
    order = relay.groupby("speaker").size().sort_values(ascending=False, kind="stable")
    speakers = list(order.index)
    channels = list(relay.channel.value_counts().sort_values(ascending=False, kind="stable").index)
    by_date = list(dict.fromkeys(relay.sort_values(["published on or after", "article_id"]).outlet))
    kept = set(outlets.heaviest(relay.outlet.value_counts().reindex(by_date)))
    shown = [name for name in by_date if name in kept]
    if len(shown) < len(by_date):
        pooled = outlets.others_label(len(by_date) - len(shown))
        to_outlet = flows.stage == "channel → outlet"
        flows = flows.assign(
            target=flows.target.where(~to_outlet | flows.target.isin(kept), pooled)
        )
        flows = flows.groupby(
            ["source", "target", "stage"], sort=False, as_index=False
        ).mentions.sum()
        shown.append(pooled)
    for layer, names in enumerate([speakers, channels, shown]):
        for name in names:
            graph.add_node((layer, name), layer=layer)
    for flow in flows.itertuples():
        layer = 0 if flow.stage == "speaker → channel" else 1
        graph.add_edge((layer, flow.source), (layer + 1, flow.target), mentions=flow.mentions)
    columns = [
        [(layer, name) for name in names] for layer, names in enumerate([speakers, channels, shown])
    ]
    positions = _columns(columns, gap=1.0, fill=True)
    fig, ax = plt.subplots(figsize=(10, max(5.5, 0.3 * len(speakers) + 1.5)))
    widest = max(d["mentions"] for *_, d in graph.edges(data=True))
    thinned = min(1.0, RELAY_WIDEST_FLOW / widest)
    widths = [0.6 + 0.9 * d["mentions"] * thinned for _, _, d in graph.edges(data=True)]
    nx.draw_networkx_edges(
        graph, positions, ax=ax, width=widths, edge_color="#0072B2", alpha=0.35, arrows=False
    )
    totals = {
        node: sum(d["mentions"] for *_, d in graph.edges(node, data=True)) for node in graph.nodes
    }
    shrunk = min(1.0, RELAY_LARGEST_NODE / max(totals.values()))
    sizes = {node: 30 + 12 * total * shrunk for node, total in totals.items()}
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
    counts = evidence.responses.responds_to.value_counts()
    return str(counts.index[0])


def timeline_title(evidence: Evidence) -> str:
    """Counts only statements whose latest possible day is known: an open end is never
    counted as 'by' a day."""
    statements = evidence.statements
    root = statements.set_index("statement_id").loc[root_statement(evidence)]
    next_day = root.date_latest + ONE_DAY
    by_next_day = int((statements.date_latest <= next_day).sum()) - 1
    open_ended = int(statements.date_latest.isna().sum())
    return (
        f"At least {by_next_day} of {len(statements) - 1} other statements came by "
        f"{next_day:%a %-d %b}, the day after the remark; {open_ended} have no known latest day"
    )


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


@dataclass(frozen=True)
class SpreadFacts:
    """What notebook 02 finds, in readers' names (speakers, outlets), never ids."""

    statements: int
    date_shapes: dict[str, int]  # shape of a statement's date interval -> statements
    outlets: int
    articles: int
    reached_all: tuple[str, ...]  # speakers of the statements every outlet carried
    reached_one: int  # statements carried by a single outlet
    reported: int  # statements carried by any outlet
    earliest_shared: int  # articles sharing the most common earliest possible date
    earliest_day: pd.Timestamp  # that date
    latest_known: int  # articles whose latest possible publication date is known
    uncredited: int  # mentions crediting no channel
    mentions: int
    closest: tuple[str, str]  # the two articles sharing the most wording (their labels)
    closest_jaccard: float
    closest_shares: tuple[float, float]  # first's runs found in second, second's in first
    closest_why: str  # what their bylines say about it
    timeline_title: str
    reaction_title: str
    relay_title: str
    reuse_title: str

    def prose(self) -> dict[str, object]:
        """The facts as ``report.say`` fields: ``statements``, one count per date shape
        (``day``, ``between``, ``after``, ``before``, ``unknown``), ``outlets``, ``articles``,
        ``n_all`` and ``names`` (statements every outlet carried), ``n_one``, ``n``
        (statements carried), ``tied`` and ``day`` (the shared earliest date), ``latest`` (whether
        any article's latest date is known, in words),
        ``uncredited``, ``mentions``, ``a``, ``b``, ``score``, ``share_a``, ``share_b``,
        ``why`` (the closest pair) and ``shingle_words``."""
        from boots.analysis import reuse

        shapes = self.date_shapes
        return {
            "statements": self.statements,
            "day": f"{self.earliest_day:%-d %b}",
            "between": shapes["between"],
            "after": shapes["from"],
            "before": shapes["until"],
            "unknown": shapes["unknown"],
            "to_the_day": shapes["day"],
            "outlets": self.outlets,
            "articles": self.articles,
            "n_all": len(self.reached_all),
            "names": names_list(list(self.reached_all)),
            "n_one": self.reached_one,
            "n": self.reported,
            "tied": self.earliest_shared,
            "latest": "none has a known latest date"
            if not self.latest_known
            else f"{self.latest_known} of them {'has' if self.latest_known == 1 else 'have'} "
            "a known latest date",
            "uncredited": self.uncredited,
            "mentions": self.mentions,
            "a": self.closest[0],
            "b": self.closest[1],
            "score": self.closest_jaccard,
            "share_a": f"{self.closest_shares[0]:.0%}",
            "share_b": f"{self.closest_shares[1]:.0%}",
            "why": self.closest_why,
            "shingle_words": reuse.SHINGLE_WORDS,
        }

    def what_we_found(self) -> list[str]:
        """The closing sentences."""
        shapes = self.date_shapes
        return [
            self.reaction_title + ".",
            f"Of {self.statements} statements, {shapes['day']} are known to the day, "
            f"{shapes['between']} only to a range of days, {shapes['from']} only as on or after a "
            f"day, {shapes['until']} only as on or before a day, and {shapes['unknown']} have no "
            "date the articles fix.",
            f"{len(self.reached_all)} statements reached all {self.outlets} outlets"
            + (f" ({names_list(list(self.reached_all))})" if self.reached_all else "")
            + f"; {self.reached_one} of {self.reported} reached only one.",
            f"{self.uncredited} of {self.mentions} mentions credit no "
            "channel for the words they report.",
            f"{self.closest[0]} and {self.closest[1]} share the most wording (Jaccard "
            f"{self.closest_jaccard:.2f}): {self.closest_why}.",
        ]


@once.per_evidence
def spread_facts(evidence: Evidence) -> SpreadFacts:
    """Every finding notebook 02 states, computed once from the tables and the article texts."""
    from boots.analysis import reuse

    nodes, edges = reaction_graph(evidence)
    relay = relay_table(evidence)
    reach = reach_table(evidence, relay)
    earliest = article_marks(evidence).published_earliest.value_counts()
    _, pairs = reuse.article_reuse(evidence)
    first, second, score = reuse.closest_pair(pairs)
    names = evidence.article_labels
    wires = evidence.articles.set_index("article_id").byline_wire
    return SpreadFacts(
        statements=len(evidence.statements),
        date_shapes={k: int(n) for k, n in dates.kind_counts(evidence.statements).items()},
        outlets=evidence.articles.outlet.nunique(),
        articles=len(evidence.articles),
        reached_all=tuple(reach[reach["reached all"]].speaker),
        reached_one=int((reach.outlets == 1).sum()),
        reported=len(reach),
        earliest_shared=int(earliest.max()),
        earliest_day=earliest.idxmax(),
        latest_known=int(evidence.articles.published_latest.notna().sum()),
        uncredited=int((relay.channel == NO_CREDIT).sum()),
        mentions=len(relay),
        closest=(names[first], names[second]),
        closest_jaccard=score,
        closest_shares=(float(pairs.a_in_b.iloc[0]), float(pairs.b_in_a.iloc[0])),
        closest_why=reuse.pair_explanation(wires[first], wires[second]),
        timeline_title=timeline_title(evidence),
        reaction_title=reaction_title(nodes, edges),
        relay_title=relay_title(relay),
        reuse_title=reuse.reuse_title(pairs, names),
    )


def what_we_found(evidence: Evidence) -> list[str]:
    """Notebook 02's closing sentences (``SpreadFacts.what_we_found``)."""
    return spread_facts(evidence).what_we_found()
