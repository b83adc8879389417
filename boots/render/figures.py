"""Saving figures reproducibly: PNG, SVG and the plotted data as CSV, under stable names.

Every figure is written as ``figures/<name>.png``, ``.svg`` and ``.csv`` (the data it plots),
atomically, with no timestamps or version strings in the files, so that re-running a
notebook rewrites them byte for byte.

Text from the data (a name, an outlet, a label) is drawn literally: mathtext is off, so
``$x$`` stays dollars and an x; and before a figure is saved its labels (ticks, legends,
annotations) are cut to ``MAX_LINE_CHARS`` characters a line with an ellipsis, and its titles
and notes are wrapped if a line runs past ``MAX_TITLE_CHARS``, so a 300-character name cannot
push a chart off its canvas.
"""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

import matplotlib as mpl
import matplotlib.text
import matplotlib.ticker
import numpy as np
import pandas as pd

from boots.util import config
from boots.util.atomic import write_bytes, write_text

SOURCE_LINE = "Source: Boots on the Ground curated tables ({tables})."
# Labels from the data (ticks, legends, annotations): lines of at most MAX_LINE_CHARS, at most
# MAX_LINES lines. Titles and notes state findings and sources: a line longer than
# MAX_TITLE_CHARS is wrapped at TITLE_WRAP, at most MAX_LINES lines. (The longest real label is
# under 80 characters and the longest title under 120, so real figures are never cut.)
MAX_LINE_CHARS = 80
MAX_TITLE_CHARS = 130
TITLE_WRAP = 100
MAX_LINES = 3
_NAME = re.compile(r"^\d\d-[a-z0-9-]+$")

STYLE = {
    "svg.hashsalt": "boots-on-the-ground",
    "text.parse_math": False,  # data never turns into mathtext: "$x$" is drawn as typed
    "svg.fonttype": "none",  # text stays text: selectable, searchable, smaller
    "font.family": "DejaVu Sans",
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
}


def use_style() -> None:
    """Apply the project's plotting defaults (deterministic SVG ids, bundled font)."""
    mpl.rcParams.update(STYLE)


def source_note(fig, tables: str) -> None:
    """Print the source line below everything already drawn on ``fig`` (call it last)."""
    literal(fig)  # place the note below the labels as they will be drawn, cut if too long
    fig.draw_without_rendering()  # place axis labels where they will be drawn
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    width, height = fig.get_size_inches()
    fig.text(
        box.x0 / width,
        (box.y0 - 0.08) / height,
        SOURCE_LINE.format(tables=tables),
        fontsize=8,
        color="#444444",
        ha="left",
        va="top",
    )


def annotated_heatmap(
    ax, values, label, dark_above: float, vmax: float | None = None, cmap="Blues"
):
    """Draw ``values`` (2-D) as a heat map with ``label(value, row, column)`` in each cell,
    in white where the value exceeds ``dark_above``; returns the image (for a colour bar)."""
    grid = np.asarray(values, dtype=float)
    image = ax.imshow(grid, cmap=cmap, vmin=0, vmax=vmax, aspect="auto")
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            value = grid[i, j]
            dark = not np.isnan(value) and value > dark_above
            ax.text(
                j,
                i,
                label(value, i, j),
                ha="center",
                va="center",
                fontsize=8,
                color="white" if dark else "#333333",
            )
    return image


def _cut(line: str, limit: int) -> str:
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def shorten(text: str, limit: int = MAX_LINE_CHARS, lines: int = MAX_LINES) -> str:
    """``text`` with each line cut to ``limit`` characters and at most ``lines`` lines, an
    ellipsis marking each cut."""
    kept = [_cut(line, limit) for line in str(text).split("\n")]
    if len(kept) > lines:
        kept = [*kept[: lines - 1], _cut(kept[lines - 1], limit - 1).rstrip("…") + "…"]
    return "\n".join(kept)


def _too_long(text: str, limit: int) -> bool:
    lines = text.split("\n")
    return len(lines) > MAX_LINES or any(len(line) > limit for line in lines)


def _shortened(func):
    def label(value, position=None):
        return shorten(func(value, position))

    label.shortened = True
    return label


def literal(fig) -> None:
    """Make every text of ``fig`` plain and bounded: no mathtext, lines of at most
    ``MAX_LINE_CHARS`` characters (tick labels too, which their formatters redraw)."""
    for axes in fig.axes:
        for axis in (axes.xaxis, axes.yaxis):
            for ticker in (axis.major, axis.minor):
                formatter = ticker.formatter
                if isinstance(formatter, mpl.ticker.FixedFormatter):
                    formatter.seq = [shorten(label) for label in formatter.seq]
                elif isinstance(formatter, mpl.ticker.FuncFormatter) and not getattr(
                    formatter.func, "shortened", False
                ):
                    formatter.func = _shortened(formatter.func)
    titles = {id(t) for ax in fig.axes for t in (ax.title, ax._left_title, ax._right_title)}
    for item in fig.findobj(mpl.text.Text):
        item.set_parse_math(False)
        text = item.get_text()
        if id(item) in titles or item.axes is None:  # a title, a suptitle or a figure note
            if _too_long(text, MAX_TITLE_CHARS):
                wrapped = "\n".join(textwrap.fill(line, TITLE_WRAP) for line in text.split("\n"))
                item.set_text(shorten(wrapped, TITLE_WRAP))
        elif _too_long(text, MAX_LINE_CHARS):
            item.set_text(shorten(text))


def save(fig, name: str, data: pd.DataFrame, directory: Path | None = None) -> list[str]:
    """Write ``fig`` as ``<name>.png`` and ``<name>.svg`` and ``data`` as ``<name>.csv``.

    ``name`` starts with the notebook's number (``01-stance-map``). The folder is
    ``$BOOTS_FIGURES`` or ``figures/``. Returns the three file names."""
    if not _NAME.match(name):
        raise ValueError(f"figure name {name!r} must look like '01-stance-map'")
    folder = Path(directory) if directory else config.figures_dir()
    literal(fig)
    paths = []
    with mpl.rc_context(STYLE):
        for fmt, metadata in (
            ("png", {"Software": None}),
            ("svg", {"Date": None, "Creator": None}),
        ):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, metadata=metadata)
            path = folder / f"{name}.{fmt}"
            write_bytes(path, buffer.getvalue())
            paths.append(path)
    csv_path = folder / f"{name}.csv"
    write_text(csv_path, data.to_csv(index=False, lineterminator="\n"))
    paths.append(csv_path)
    return [path.name for path in paths]
