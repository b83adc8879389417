"""The map of notebook 01: one row per drawn country (and per speaker off the map) with the
stance the country rule gives it, its colour, hatch and link, the choropleth drawn from
those rows, and the map's title.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath

from boots.analysis.stance.rule import country_stances, decide_stance
from boots.analysis.stance.statements import SHORT_NAMES, stance_handles, statement_tooltips
from boots.data import dates, geo, labels
from boots.data.tables import Evidence
from boots.render import figures, style

# Map extent in LAEA Europe metres: Lisbon to the Caucasus, Crete to the North Cape.
MAP_LIMITS = ((2_450_000, 7_000_000), (1_350_000, 5_500_000))


def _short(name: str) -> str:
    return SHORT_NAMES.get(name, name)


def map_data(evidence: Evidence, borders: dict[str, geo.Country]) -> pd.DataFrame:
    """One row per drawn country plus one per speaker off the map (NATO, the US): the
    stance shown, its colour and hatch. This is the data behind the map."""
    stances = country_stances(evidence).set_index("country")
    rows = []
    for code in sorted(borders):
        if code in stances.index:
            s = stances.loc[code]
            rows.append(
                _row(
                    code,
                    _short(borders[code].name),
                    s.stance,
                    s.mixed,
                    s.other_stance,
                    s.speakers,
                    s.statements,
                    True,
                )
            )
        else:
            rows.append(
                _row(code, _short(borders[code].name), "no_statement", False, None, "", 0, True)
            )
    for code, s in stances.iterrows():
        if code not in borders:
            rows.append(
                _row(
                    code,
                    s["name"],
                    s.stance,
                    s.mixed,
                    s.other_stance,
                    s.speakers,
                    s.statements,
                    False,
                )
            )
    bodies = evidence.statements_with_speakers()
    bodies = bodies[bodies.country.isna()]
    for organisation, group in bodies.groupby("organisation"):
        s = decide_stance(group)
        rows.append(
            _row(
                "",
                organisation,
                s.stance,
                s.mixed,
                s.other_stance,
                "; ".join(dict.fromkeys(group.name)),
                len(group),
                False,
            )
        )
    data = pd.DataFrame(rows)
    return _with_links(data, evidence)


def _with_links(data: pd.DataFrame, evidence: Evidence) -> pd.DataFrame:
    """Each mapped country or body: the statement its mark links to (its most senior
    speaker's statement with the stance drawn) and the tooltip naming every speaker."""
    stated = evidence.statements_with_speakers()
    key = stated.country.fillna(stated.organisation)
    tooltips = statement_tooltips(evidence)
    targets, tips = [], []
    for row in data.itertuples():
        group = stated[key == (row.country or row.name)]
        if group.empty:
            targets.append("")
            tips.append("")
            continue
        drawn = group[group.stance == row.stance]
        drawn = drawn if not drawn.empty else group
        first = (
            drawn.assign(_when=dates.sort_keys(drawn))
            .sort_values(["rank", "_when", "statement_id"], kind="stable")
            .statement_id
        )
        targets.append(first.iloc[0])
        ordered = group.assign(_when=dates.sort_keys(group)).sort_values(
            ["rank", "_when"], kind="stable"
        )
        lines = [tooltips[sid] for sid in ordered.statement_id]
        shown = lines[:4] + ([f"and {len(lines) - 4} more"] if len(lines) > 4 else [])
        tips.append(f"{row.name}: {labels.label('stance', row.stance)}\n" + "\n".join(shown))
    return data.assign(statement_id=targets, tooltip=tips)


def _row(code, name, stance, mixed, other, speakers, statements, on_map) -> dict:
    colour = (
        style.NO_STATEMENT["colour"] if stance == "no_statement" else style.STANCE_COLOURS[stance]
    )
    if stance == "no_statement":
        hatch = style.NO_STATEMENT["hatch"]
    elif mixed:
        hatch = "////"
    else:
        hatch = ""
    return {
        "country": code,
        "name": name,
        "stance": stance,
        "mixed": bool(mixed),
        "other_stance": other or "",
        "colour": colour,
        "hatch": hatch,
        "hatch_colour": style.STANCE_COLOURS[other] if mixed and other else "#9A9A9A",
        "speakers": speakers,
        "statements": int(statements),
        "on_map": on_map,
    }


def _patch(rings: list[np.ndarray], **kwargs) -> PathPatch:
    vertices, codes = [], []
    for ring in rings:
        xy = geo.project(ring)
        vertices.append(xy)
        codes.append(np.full(len(xy), MplPath.LINETO))
        codes[-1][0] = MplPath.MOVETO
    return PathPatch(MplPath(np.concatenate(vertices), np.concatenate(codes)), **kwargs)


# The note of what is not on the map stays beside it up to this many lines (then the
# legend needs the room) and goes below it beyond.
NOTE_LINES_BESIDE = 24


def stance_map(data: pd.DataFrame, borders: dict[str, geo.Country], title: str):
    """Choropleth of ``map_data``; NATO and off-map countries listed in a note."""
    (x0, x1), (y0, y1) = MAP_LIMITS
    fig, ax = plt.subplots(figsize=(8.2 * 1.45, 8.2 * (y1 - y0) / (x1 - x0)))
    fig.subplots_adjust(left=0.0, right=0.69, top=0.94, bottom=0.0)
    for row in data[data.on_map].itertuples():
        patch = ax.add_patch(
            _patch(
                list(borders[row.country].rings),
                facecolor=row.colour,
                edgecolor="white",
                hatch=row.hatch or None,
                hatchcolor=row.hatch_colour,
                linewidth=0.6,
            )
        )
        if row.statement_id:
            figures.link(patch, row.statement_id, row.tooltip)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    for row in data[data.on_map & (data.stance != "no_statement")].itertuples():
        x, y = label_point(borders[row.country], MAP_LIMITS)
        name = ax.annotate(
            row.name,
            (x, y),
            xytext=(5, 0),
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=7.5,
            fontweight="bold",
            color="#111111",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
        )
        # The stance's shape beside the name: the map does not rest on colour alone.
        fig.draw_without_rendering()
        box = name.get_window_extent()
        left = ax.transData.inverted().transform((box.x0 - 6, (box.y0 + box.y1) / 2))
        ax.scatter(
            *left,
            marker=style.STANCE_MARKERS[row.stance],
            s=34,
            color=style.STANCE_COLOURS[row.stance],
            edgecolor="#111111",
            linewidth=0.6,
            zorder=5,
        )
    off_map = data[~data.on_map]
    if not off_map.empty:
        entries = [
            f"{r.name}: {labels.label('stance', r.stance)} ({r.speakers})"
            for r in off_map.itertuples()
        ]
        note = "Not on the map\n" + "\n".join(figures.wrap(e, 40) for e in entries)
        # Beside the map while it leaves the legend room; below the map, as wide as it,
        # when it is longer: every row is listed, never cut.
        beside = note.count("\n") < NOTE_LINES_BESIDE
        if not beside:
            note = "Not on the map\n" + "\n".join(figures.wrap(e, 75) for e in entries)
        figures.keep_every_line(
            ax.text(
                1.02 if beside else 0.0,
                1.0 if beside else -0.01,
                note,
                transform=ax.transAxes,
                va="top",
                fontsize=8,
                bbox={"boxstyle": "round,pad=0.4", "fc": "white", "ec": "#999999"},
            )
        )
    handles = stance_handles(set(data.stance), markersize=11, edgecolor="#111111")
    if data.mixed.any():
        handles.append(
            Patch(
                facecolor="white",
                edgecolor="#555555",
                hatch="////",
                label="speakers differ (hatch: other position)",
            )
        )
    handles.append(
        Patch(
            facecolor=style.NO_STATEMENT["colour"],
            hatch=style.NO_STATEMENT["hatch"],
            edgecolor="#9A9A9A",
            label=style.NO_STATEMENT["label"],
        )
    )
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(1.02, 0.0),
        fontsize=8,
        frameon=True,
        title="Government's stance on sending troops",
        title_fontsize=8,
        alignment="left",
    )
    ax.set_title(title)
    figures.source_note(fig, "statements.csv, speakers.csv; borders: Natural Earth 1:110m")
    return fig


def label_point(country: geo.Country, limits) -> tuple[float, float]:
    """Where a country's name goes: the middle of the part of its largest ring that lies
    inside the map, so a country running off the edge (Russia) is still named on the map."""
    (x0, x1), (y0, y1) = limits
    xy = geo.project(max(country.rings, key=len))
    inside = xy[(xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)]
    if len(inside) == 0:
        return tuple(xy.mean(axis=0))
    lo, hi = inside.min(axis=0), inside.max(axis=0)
    return (float((lo[0] + hi[0]) / 2), float((lo[1] + hi[1]) / 2))


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def map_title(countries: pd.DataFrame) -> str:
    """The map's finding, in words, from ``country_stances``."""
    by_stance = {s: list(g.name) for s, g in countries.groupby("stance")}
    parts = [
        f"{len(by_stance.get('rules_out', []))} of {len(countries)} governments quoted ruled troops out"
    ]
    if by_stance.get("open"):
        parts.append(f"{_names(by_stance['open'])} kept the door open")
    if by_stance.get("warns"):
        parts.append(f"{_names(by_stance['warns'])} warned")
    return "; ".join(parts)
