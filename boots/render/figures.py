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

import base64
import html
import io
import re
import textwrap
from dataclasses import dataclass, field
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
# The text of the charts the site draws across the page (firmness, timeline, reactions):
# about 950-1,050 pt wide, shown about 1,000 px wide on a desktop, 12.5 pt renders at 12 px
# (9 pt) or more.
CHART_TEXT = 12.5


def chart_text(ax) -> None:
    """Ticks and axis labels of ``ax`` at ``CHART_TEXT`` (what the chart did not size), its
    title at least as large."""
    ax.tick_params(labelsize=CHART_TEXT)
    for title in (ax.title, ax._left_title, ax._right_title):
        title.set_fontsize(max(title.get_fontsize(), CHART_TEXT + 0.5))
    ax.xaxis.label.set_size(CHART_TEXT)
    ax.yaxis.label.set_size(CHART_TEXT)


# Where a mark in a figure's SVG leads: the statement's evidence entry on the site. The SVGs
# the site shows live in site/figures/, beside site/statements.html.
EVIDENCE_URL = "../statements.html#{statement_id}"
FIGURE_KEY = "boots-figure"
_TOOLTIPS = "_boots_tooltips"
FOCUS_STYLE = (
    '<style type="text/css">a:focus { outline: none; } a:focus path, a:focus use'
    " { stroke: #0a58ca; stroke-width: 3; paint-order: stroke; }</style>"
)
_KEEP_LINES = "_boots_keep_lines"
_SVG_LINK = re.compile(r'<a xlink:href="([^"]*)"(?: target="[^"]*")?>')
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


def source_note(fig, tables: str, fontsize: float = 8) -> None:
    """Print the source line below everything already drawn on ``fig`` (call it last)."""
    literal(fig)  # place the note below the labels as they will be drawn, cut if too long
    fig.draw_without_rendering()  # place axis labels where they will be drawn
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    width, height = fig.get_size_inches()
    fig.text(
        box.x0 / width,
        (box.y0 - 0.08) / height,
        SOURCE_LINE.format(tables=tables),
        fontsize=fontsize,
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


def keep_every_line(artist):
    """Mark a text that lists data (a figure's note of what is not drawn): ``literal`` cuts
    its long lines but never drops a line, so the figure never leaves out a row silently;
    the note grows instead."""
    setattr(artist, _KEEP_LINES, True)
    return artist


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
        elif getattr(item, _KEEP_LINES, False):
            item.set_text(shorten(text, lines=len(text.split("\n"))))
        elif _too_long(text, MAX_LINE_CHARS):
            item.set_text(shorten(text))


def evidence_url(statement_id: str) -> str:
    return EVIDENCE_URL.format(statement_id=statement_id)


def link(artist, statement_id: str, tooltip: str) -> None:
    """Make ``artist`` (a patch, a bar, a node collection, a text) a link, in the SVG, to
    the statement's evidence entry, with ``tooltip`` (speaker and wording) shown on hover."""
    url = evidence_url(statement_id)
    if hasattr(artist, "set_urls"):  # a collection (a scatter point) draws its own links
        artist.set_urls([url])
    else:
        artist.set_url(url)
    _tooltips(artist.figure)[url] = tooltip


def link_each(collection, statement_ids: list[str], tooltips: list[str]) -> None:
    """``link`` for each member of a collection (the points of a scatter, the nodes of a graph)."""
    urls = [evidence_url(s) for s in statement_ids]
    collection.set_urls(urls)
    _tooltips(collection.figure).update(zip(urls, tooltips, strict=True))


def _tooltips(fig) -> dict[str, str]:
    fig = fig.get_figure(root=True) if hasattr(fig, "get_figure") else fig
    if not hasattr(fig, _TOOLTIPS):
        setattr(fig, _TOOLTIPS, {})
    return getattr(fig, _TOOLTIPS)


def _with_tooltips(svg: str, tooltips: dict[str, str]) -> str:
    """Each link opens in the whole page (not the figure's frame) and carries a ``<title>``."""

    def titled(match: re.Match) -> str:
        tip = tooltips.get(html.unescape(match.group(1)), "")
        title = f"<title>{html.escape(tip, quote=False)}</title>" if tip else ""
        return f'<a target="_top" xlink:href="{match.group(1)}">{title}'

    linked = _SVG_LINK.sub(titled, svg)
    if linked == svg:
        return svg
    # A keyboard user sees which mark has focus: a dark ring around it.
    return linked.replace("<defs>", "<defs>" + FOCUS_STYLE, 1) if "<defs>" in linked else linked


def finding_of(fig) -> str:
    """The figure's title (which states its finding) as one sentence: its alt text."""
    titles = [fig._suptitle.get_text()] if getattr(fig, "_suptitle", None) else []
    for ax in fig.axes:
        titles += [ax.get_title(loc) for loc in ("left", "center", "right")]
    text = next((t for t in titles if t.strip()), "")
    return " ".join(text.split()).rstrip(".") + "." if text.strip() else ""


def wrap(label: str, width: int = 28) -> str:
    """A long label on several lines, never split inside a word."""
    return "\n".join(textwrap.wrap(str(label), width, break_long_words=False)) or str(label)


def shorten_words(label: str, width: int = 40) -> str:
    """A label cut to ``width`` characters at a word boundary, with an ellipsis."""
    return textwrap.shorten(" ".join(str(label).split()), width, placeholder=" …")


@dataclass(frozen=True)
class Saved:
    """What a notebook cell shows after saving a figure: the figure (the PNG, embedded, so
    JupyterLab and GitHub show it from the notebook alone), its finding as alt text, and
    links to the PNG, SVG and CSV (relative to the notebook). The site draws the SVG, with
    its linked marks, in place of the embedded PNG (``boots.pipeline.pages.site_notebook``)."""

    name: str
    alt: str
    files: tuple[str, ...]
    png: bytes = field(default=b"", repr=False)

    def _repr_html_(self):
        alt = html.escape(self.alt)
        links = " · ".join(
            f'<a href="../figures/{html.escape(f)}" download>{f.rsplit(".", 1)[1].upper()}</a>'
            for f in self.files
        )
        return (
            f'<figure class="boots-figure" id="figure-{self.name}">'
            f'<img src="{self.image_source}" alt="{alt}">'
            f'<figcaption class="figure-downloads">Download this figure: {links}'
            " (the CSV holds the plotted data)</figcaption></figure>"
        )

    @property
    def image_source(self) -> str:
        if not self.png:
            return f"../figures/{self.name}.png"
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/plain": f"Figure: {self.alt}"}, {
            FIGURE_KEY: {"name": self.name, "alt": self.alt}
        }


def save(fig, name: str, data: pd.DataFrame, directory: Path | None = None) -> Saved:
    """Write ``fig`` as ``<name>.png`` and ``<name>.svg`` and ``data`` as ``<name>.csv``,
    close it, and return what the notebook shows in its place (``Saved``).

    ``name`` starts with the notebook's number (``01-stance-map``). The folder is
    ``$BOOTS_FIGURES`` or ``figures/``. Marks made links with ``link`` become links with
    tooltips in the SVG."""
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
            content = buffer.getvalue()
            if fmt == "svg":
                content = _with_tooltips(content.decode("utf-8"), _tooltips(fig)).encode()
            path = folder / f"{name}.{fmt}"
            write_bytes(path, content)
            if fmt == "png":
                png = content
            paths.append(path)
    csv_path = folder / f"{name}.csv"
    write_text(csv_path, data.to_csv(index=False, lineterminator="\n"))
    paths.append(csv_path)
    import matplotlib.pyplot as plt

    alt = finding_of(fig)
    plt.close(fig)
    return Saved(name, alt, tuple(path.name for path in paths), png=png)
