"""Relay and reach, for notebook 02: which channel each article credits for a statement (the
wire named in the mention, else the article's byline wire, else "no credit"), how many
outlets carried each statement and which can have been first, and the speaker → channel →
outlet flows drawn as three columns.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd

from boots.analysis import pooling
from boots.analysis.spread.common import _columns
from boots.analysis.stance import place
from boots.data.tables import Evidence
from boots.render import figures

NO_CREDIT = "no credit given"


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
    ``pooling.MAX_SHOWN`` outlets the heaviest are shown by name and the rest pooled."""
    graph = nx.DiGraph()
    order = relay.groupby("speaker").size().sort_values(ascending=False, kind="stable")
    speakers = list(order.index)
    channels = list(relay.channel.value_counts().sort_values(ascending=False, kind="stable").index)
    by_date = list(dict.fromkeys(relay.sort_values(["published on or after", "article_id"]).outlet))
    kept = set(pooling.heaviest(relay.outlet.value_counts().reindex(by_date)))
    shown = [name for name in by_date if name in kept]
    if len(shown) < len(by_date):
        pooled = pooling.others_label(len(by_date) - len(shown))
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


def relay_title(relay: pd.DataFrame) -> str:
    counts = relay.channel.value_counts()
    wires = ", ".join(f"{name} {n}" for name, n in counts.items() if name != NO_CREDIT)
    return (
        f"{counts.get(NO_CREDIT, 0)} of {len(relay)} mentions credit no channel; credited: {wires}"
    )
