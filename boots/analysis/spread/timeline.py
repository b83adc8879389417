"""The timeline of notebook 02: one row per speaker, each statement a bar over the days it
can have been made (an open end drawn open, fading), the articles' publication days marked
above, and the title counting what came by the day after the remark.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from boots.analysis import pooling
from boots.analysis.spread.common import _speakers
from boots.analysis.stance import date_label, speaker_label, stance_handles, statement_tooltips
from boots.data import dates
from boots.data.tables import Evidence
from boots.render import figures, style
from boots.util.words import agreeing, counted

ONE_DAY = pd.Timedelta(days=1)


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


NOTE_WIDTH = 28  # characters per line of a note


NOTE_LINE = 0.8


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
    # Above the bars, one note per publication day naming its outlets: all of a few, or the
    # first few and the number of the others, wrapped at NOTE_WIDTH characters (the notes'
    # text is chart-sized); each line takes NOTE_LINE rows.
    notes = {}
    for day, names in marks.groupby("published_earliest").outlet:
        # Every line kept (figures.keep_every_line), so the count of the others is never cut
        # off; a line longer than a label's is cut, as every text is (figures.literal).
        listed = figures.wrap(pooling.listed(names, NOTE_OUTLETS), NOTE_WIDTH)
        notes[day] = f"published on or after {day:%-d %b}:\n{listed} →"
    heights = [NOTE_LINE * (note.count("\n") + 1) for note in notes.values()]
    top = -1.6 - sum(heights)
    fig, ax = plt.subplots(figsize=(8.5, 0.52 * len(shown) + 2.8))
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
        if len(patches) == 1:
            figures.link(patches[0], row.statement_id, row.tooltip)
        else:
            # One link per bar (one Tab stop, one focus ring): a clear bar over the faded
            # steps carries it.
            (cover,) = ax.barh(
                bottom,
                end - start,
                left=start,
                height=height * 0.92,
                align="edge",
                color=(1, 1, 1, 0),
                linewidth=0,
                zorder=3.5,
            ).patches
            figures.link(cover, row.statement_id, row.tooltip)
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
                fontsize=figures.CHART_TEXT,
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
                fontsize=figures.CHART_TEXT,
                color="#222222",
                zorder=5,
            )
    for k, (day, note) in enumerate(notes.items()):
        ax.axvline(day, color="#444444", linestyle="--", linewidth=0.8, zorder=2)
        figures.keep_every_line(
            ax.text(
                day + pd.Timedelta(hours=2),
                -0.6 - sum(heights[k + 1 :]),
                note,
                ha="left",
                va="bottom",
                fontsize=figures.CHART_TEXT,
                color="#333333",
            )
        )
    ax.set_yticks(
        range(len(shown)), [figures.wrap(label, 36) for label in shown], fontsize=figures.CHART_TEXT
    )
    ax.set_ylim(len(shown) - 0.5, top)
    ax.set_xlim(axis_start, axis_end)
    ax.xaxis.set_major_locator(mdates.DayLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%a\n%-d %b"))
    ax.set_xlabel(
        "Day of the statement (2024); each bar spans the days it can have been made,\n"
        "and an arrow marks an end the articles leave open"
    )
    ax.grid(axis="x", color="#DDDDDD", zorder=0)
    handles = stance_handles(set(rows.stance), markersize=7, edgecolor="#222222")
    handles += [
        Patch(facecolor="#777777", label="on a known day\n(or between two)"),
        Patch(
            facecolor="#777777",
            alpha=0.35,
            label="fading, with arrow:\nan open end (on or\nafter / on or before)",
        ),
        Line2D([], [], color="#444444", linestyle="--", label="article published\non or after"),
    ]
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=figures.CHART_TEXT
    )
    # On two lines: a one-line title wider than the chart would set the figure's width, and
    # shrink all its text on the page.
    ax.set_title(figures.wrap(title, 70))
    figures.chart_text(ax)
    figures.source_note(
        fig, "statements.csv, speakers.csv, articles.csv", fontsize=figures.CHART_TEXT
    )
    return fig


def root_statement(evidence: Evidence) -> str:
    """The statement most others respond to (Macron's remark, in these sources)."""
    counts = evidence.responses.responds_to.value_counts()
    return str(counts.index[0])


def timeline_title(evidence: Evidence) -> str:
    """Counts only statements whose latest possible day is known: an open end is never
    counted as 'by' a day."""
    statements = evidence.statements
    open_ended = int(statements.date_latest.isna().sum())
    undated = f"{open_ended} {agreeing(open_ended, 'has')} no known latest day"
    if evidence.responses.empty:
        return (
            f"{counted(len(statements), 'statement')}, none presented as an answer to "
            f"another; {undated}"
        )
    root_id = root_statement(evidence)
    root = statements.set_index("statement_id").loc[root_id]
    stated = evidence.statements_with_speakers().set_index("statement_id")
    name = stated.at[root_id, "name"]
    if pd.isna(root.date_latest):
        return f"The statement most answered, {name}'s, has no known latest day; {undated}"
    next_day = root.date_latest + ONE_DAY
    by_next_day = int((statements.date_latest <= next_day).sum()) - 1
    return (
        f"At least {by_next_day} of {counted(len(statements) - 1, 'other statement')} came by "
        f"{next_day:%a %-d %b}, the day after {name}'s most-answered statement; {undated}"
    )
