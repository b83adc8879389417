"""The reaction graph of notebook 02: speakers as nodes (A → B: a statement by B responds to
one by A), in one column per date interval of each speaker's first statement, and its title.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd

from boots.analysis.spread.common import _columns, _speakers
from boots.analysis.stance import (
    date_label,
    decide_stance,
    speaker_label,
    stance_handles,
    statement_tooltips,
)
from boots.data import dates
from boots.data.tables import Evidence
from boots.render import figures, style
from boots.util.words import counted

# Distance between the reaction graph's date columns, in units of the widest speaker label.
REACTION_GAP = 2.9


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
    fig, ax = plt.subplots(figsize=(13, 0.55 * max((len(g) for g in groups), default=1) + 1.8))
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
    first_column = set(groups[0]) if groups else set()
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
            fontsize=figures.CHART_TEXT,
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
            fontsize=figures.CHART_TEXT,
            fontweight="bold",
        )
    for edge in edges[edges.statements > 1].itertuples():
        x1, y1 = positions[edge.target]
        ax.annotate(
            f"×{edge.statements}",
            (x1, y1),
            xytext=(-16, 6),
            textcoords="offset points",
            fontsize=figures.CHART_TEXT,
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
        fontsize=figures.CHART_TEXT,
        title="Speaker's stance",
        title_fontsize=figures.CHART_TEXT,
    )
    ax.set_title(title, pad=22)
    figures.chart_text(ax)
    figures.source_note(
        fig, "responses.csv, statements.csv, speakers.csv", fontsize=figures.CHART_TEXT
    )
    return fig


def reaction_title(nodes: pd.DataFrame, edges: pd.DataFrame) -> str:
    if edges.empty:
        return "No article presents a statement as an answer to another"
    root = edges.source.value_counts().index[0]
    name = nodes.set_index("speaker_id").at[root, "name"]
    direct = int((edges.source == root).sum())
    other = int((edges.source != root).sum())
    return (
        f"{counted(direct, 'speaker')} answered {name}; {other} answered anyone else, as these "
        "articles tell it"
    )
