"""Where each country stood: tables, map data and figures for notebook 01.

Everything is derived from the curated tables: no country, speaker or colour is fixed here
beyond the palette keyed by the schema's stance codes (``boots.render.style``).

**Country rule.** A country's colour is the stance of its most senior speaker (lowest
``rank`` in ``speakers.csv``) among its statements that take a position (stance other than
``other``); if several statements share that rank, the most frequent stance, ties broken
in the order open, rules_out, warns, welcomes. When a country's statements take different
positions, the country is marked ``mixed`` and drawn hatched in the colour of the other
position. A country whose only statements are ``other`` gets the ``other`` colour; a country
with no statement is drawn as "no statement reported".
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath

from boots.analysis import once
from boots.data import dates, geo, labels
from boots.data.tables import Evidence
from boots.render import figures, style
from boots.render.report import names_list

POSITIONS = ["open", "rules_out", "warns", "welcomes"]
# Map extent in LAEA Europe metres: Lisbon to the Caucasus, Crete to the North Cape.
MAP_LIMITS = ((2_450_000, 7_000_000), (1_350_000, 5_500_000))


def date_label(row) -> str:
    """The statement's date interval in words: 'on 27 Feb', 'on or after 26 Feb',
    'on or before 26 Feb', 'date not known' (codebook D1)."""
    return dates.interval_words(row["date_earliest"], row["date_latest"])


def _shortest_quotes(evidence: Evidence) -> pd.DataFrame:
    mentions = evidence.mentions.assign(
        quoted=evidence.mentions.quote_type.isin(["direct", "partial"]),
        length=evidence.mentions.quote.str.len(),
    )
    best = mentions.sort_values(
        ["statement_id", "quoted", "length", "mention_id"], ascending=[True, False, True, True]
    )
    best = best.drop_duplicates("statement_id")
    return best.set_index("statement_id")[["quote", "quote_type"]]


def _outlets(evidence: Evidence) -> pd.Series:
    order, outlet = evidence.article_order, evidence.outlet_names
    return evidence.mentions.groupby("statement_id").article_id.agg(
        lambda ids: ", ".join(dict.fromkeys(outlet[a] for a in sorted(set(ids), key=order.get)))
    )


SHORT_NAMES = {"Russian Federation": "Russia"}


def _short(name: str) -> str:
    return SHORT_NAMES.get(name, name)


def country_name(code: str | None) -> str:
    """Short English name of an ISO alpha-2 code ('international body' for none)."""
    if not isinstance(code, str) or not code:
        return "international body"
    name = geo.country_name(code)
    if name is None:
        return code
    name = name.split(", ")[0]
    return SHORT_NAMES.get(name, name)


def speaker_label(name: str, where: str, form: str = "{name} ({place})") -> str:
    """A speaker with their country ('Olaf Scholz (Germany)', or in ``form``), but not when
    the name already says it: 'Government of Germany', not 'Government of Germany (Germany)'."""
    return name if str(where).lower() in str(name).lower() else form.format(name=name, place=where)


def stance_handles(stances: set, markersize: float, edgecolor: str) -> list[Line2D]:
    """Legend entries for the stances present, in the palette's order: each stance's colour
    and shape (so a colour-blind reader can tell them apart), with its label."""
    return [
        Line2D(
            [],
            [],
            marker=style.STANCE_MARKERS[s],
            linestyle="",
            markersize=markersize,
            markerfacecolor=style.STANCE_COLOURS[s],
            markeredgecolor=edgecolor,
            label=labels.label("stance", s),
        )
        for s in style.STANCE_COLOURS
        if s in stances
    ]


def place(stated: pd.DataFrame) -> pd.Series:
    """Country name of each statement's speaker, or its organisation (NATO) if it has none."""
    return stated.country.map(country_name).where(stated.country.notna(), stated.organisation)


def statement_table(evidence: Evidence) -> pd.DataFrame:
    """Every statement, by country: speaker, role, date, stance, firmness, scope, the
    shortest verbatim wording any article printed, and the outlets reporting it."""
    stated = evidence.statements_with_speakers()
    quotes = _shortest_quotes(evidence)
    table = pd.DataFrame(
        {
            "country": place(stated),
            "speaker": stated.name,
            "role": stated.role,
            "date": stated.apply(date_label, axis=1),
            "stance": stated.stance,
            "firmness": stated.firmness,
            "scope": stated.scope,
            "shortest wording": stated.statement_id.map(quotes.quote),
            "wording is": stated.statement_id.map(quotes.quote_type),
            "reported by": stated.statement_id.map(_outlets(evidence)),
            "statement_id": stated.statement_id,
            "_sort": list(
                zip(stated.country.fillna(""), stated["rank"], dates.sort_keys(stated), strict=True)
            ),
        }
    )
    return table.sort_values("_sort", kind="stable").drop(columns="_sort").reset_index(drop=True)


def decide_stance(group: pd.DataFrame) -> pd.Series:
    """The module's country rule applied to one group of statements (a country's, a
    speaker's, a body's): the stance drawn for it, whether it is mixed, and the other stance."""
    positions = group[group.stance != "other"]
    if positions.empty:
        return pd.Series({"stance": "other", "mixed": False, "other_stance": None})
    senior = positions[positions["rank"] == positions["rank"].min()]
    counts = senior.stance.value_counts()
    best = max(counts.index, key=lambda s: (counts[s], -POSITIONS.index(s)))
    others = [s for s in POSITIONS if s in set(positions.stance) and s != best]
    return pd.Series(
        {"stance": best, "mixed": bool(others), "other_stance": others[0] if others else None}
    )


def country_stances(evidence: Evidence) -> pd.DataFrame:
    """One row per country with a statement: the stance drawn for it and why."""
    stated = evidence.statements_with_speakers().dropna(subset=["country"])
    if stated.empty:
        return pd.DataFrame(
            columns=[
                "country",
                "name",
                "stance",
                "mixed",
                "other_stance",
                "stances",
                "speakers",
                "statements",
            ]
        )
    decided = stated.groupby("country").apply(decide_stance, include_groups=False)
    detail = stated.groupby("country").agg(
        stances=("stance", lambda s: ";".join(sorted(set(s)))),
        speakers=("name", lambda s: "; ".join(dict.fromkeys(s))),
        statements=("statement_id", "size"),
    )
    out = decided.join(detail).reset_index()
    out.insert(1, "name", out.country.map(country_name))
    return out


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


def statement_tooltips(evidence: Evidence) -> pd.Series:
    """What a mark linked to a statement says on hover: speaker, date as known, stance and
    the shortest wording printed (or the summary, when no article prints one)."""
    stated = evidence.statements_with_speakers().set_index("statement_id")
    quotes = _shortest_quotes(evidence)
    out = {}
    for statement_id, row in stated.iterrows():
        date = dates.statement_date(row)
        quote = quotes.quote.get(statement_id)
        said = f"“{quote}”" if isinstance(quote, str) else f"{row.summary} (no wording printed)"
        out[statement_id] = f"{row['name']}, {date} ({labels.label('stance', row.stance)}): {said}"
    return pd.Series(out, name="tooltip", dtype=object)


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
        lines = [
            figures.wrap(f"{r.name}: {labels.label('stance', r.stance)} ({r.speakers})", 40)
            for r in off_map.itertuples()
        ]
        ax.text(
            1.02,
            1.0,
            "Not on the map\n" + "\n".join(lines),
            transform=ax.transAxes,
            va="top",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.4", "fc": "white", "ec": "#999999"},
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


def firmness_counts(evidence: Evidence) -> pd.Series:
    """How the statements ruling troops out were worded (statements per firmness code)."""
    denials = evidence.statements[evidence.statements.stance == "rules_out"]
    return (
        denials.firmness.value_counts()
        .reindex(style.DENIAL_FIRMNESS, fill_value=0)
        .rename("denials")
    )


def firmness_title(counts: pd.Series) -> str:
    return (
        f"Of {counts.sum()} denials, {counts['categorical']} were categorical, {counts['no_plans']} denied only "
        f"plans, {counts['not_now']} held 'for the moment'"
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
    fig, ax = plt.subplots(figsize=(10, 0.3 * len(rows) + 1.6))
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
                fontsize=7,
            )
    ax.set_yticks(range(len(rows)), [figures.wrap(r, 45) for r in rows], fontsize=8)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xticks(
        range(len(style.FIRMNESS_ORDER)),
        [figures.wrap(labels.label("firmness", f), 16) for f in style.FIRMNESS_ORDER],
        fontsize=8,
    )
    ax.set_xlim(-0.5, len(style.FIRMNESS_ORDER) - 0.3)
    ax.set_xlabel("How firm the statement is")
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
    first = ax.legend(
        handles=stance_handles,
        title="Stance",
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=8,
        title_fontsize=8,
    )
    ax.add_artist(first)
    ax.legend(
        handles=scope_handles,
        title="Which troops",
        loc="upper left",
        bbox_to_anchor=(1.01, 0.55),
        fontsize=8,
        title_fontsize=8,
    )
    ax.set_title(title, pad=12)
    figures.source_note(fig, "statements.csv, speakers.csv")
    return fig


@dataclass(frozen=True)
class StanceFacts:
    """What notebook 01 finds, in readers' names (countries, speakers), never ids."""

    governments: int  # countries with a statement
    by_stance: dict[str, tuple[str, ...]]  # stance drawn for a country -> its names
    mixed: tuple[str, ...]  # countries whose speakers took different positions
    firmness: dict[str, int]  # firmness code -> statements ruling troops out
    narrow: tuple[tuple[str, str], ...]  # (speaker, scope in words): denials of less than all
    map_title: str
    firmness_title: str

    @property
    def denials(self) -> int:
        return sum(self.firmness.values())

    def prose(self) -> dict[str, object]:
        """The facts as ``report.say`` fields: ``governments``, ``mixed`` (how many),
        ``rules_out`` (governments ruling troops out), ``open`` (their names, or 'none'),
        ``denials`` and one count per firmness code (``categorical``, ``no_plans``, ...)."""
        return {
            "governments": self.governments,
            "mixed": len(self.mixed),
            "rules_out": len(self.by_stance.get("rules_out", ())),
            "open": ", ".join(self.by_stance.get("open", ())) or "none",
            "denials": self.denials,
            **self.firmness,
        }

    def what_we_found(self) -> list[str]:
        """The closing sentences."""
        f = self.firmness
        return [
            self.map_title + ".",
            f"Of {self.denials} denials, {f['categorical']} were categorical, "
            f"{f['no_plans']} denied only current plans, {f['not_now']} held only "
            f"for the moment, and for {f['unspecified']} no article prints the wording.",
            f"{len(self.narrow)} denials ruled out less than all troops ("
            + names_list([f"{name}: {scope}" for name, scope in self.narrow])
            + ")."
            if self.narrow
            else "Every denial covered troops of any kind.",
            f"In {len(self.mixed)} of {self.governments} countries, speakers took different "
            "positions" + (f" ({names_list(list(self.mixed))})." if self.mixed else "."),
        ]


@once.per_evidence
def stance_facts(evidence: Evidence) -> StanceFacts:
    """Every finding notebook 01 states, computed once from the tables."""
    countries = country_stances(evidence)
    firmness = firmness_counts(evidence)
    stated = evidence.statements_with_speakers()
    narrow = stated[
        (stated.stance == "rules_out") & stated.scope.isin(["combat_troops", "large_scale"])
    ]
    scope = labels.categories("scope")
    return StanceFacts(
        governments=len(countries),
        by_stance={s: tuple(g.name) for s, g in countries.groupby("stance")},
        mixed=tuple(countries[countries.mixed].name),
        firmness={code: int(n) for code, n in firmness.items()},
        narrow=tuple(zip(narrow.name, narrow.scope.map(scope), strict=True)),
        map_title=map_title(countries),
        firmness_title=firmness_title(firmness),
    )


def what_we_found(evidence: Evidence) -> list[str]:
    """Notebook 01's closing sentences (``StanceFacts.what_we_found``)."""
    return stance_facts(evidence).what_we_found()
