"""Names from the data render as plain text: in figures (no mathtext, bounded lines) and in
the notebooks' markdown and HTML (no markup, no math, no link the data did not ask for)."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from boots.analysis import framing, spread
from boots.data import tables, validate
from boots.render import figures
from boots.render.report import escape
from tests.helpers import replace_in

HOSTILE = "$\\alpha$ 100% & <b>bold</b> https://evil.example/x www.evil.example " + "Long" * 75


@pytest.fixture
def hostile_names(data_copy):
    """A valid data folder whose speaker Stoltenberg and outlet Al Jazeera carry hostile
    names (a name is free text, so validation accepts them)."""
    replace_in(data_copy / "speakers.csv", "Jens Stoltenberg,", f'"{HOSTILE}",')
    replace_in(data_copy / "articles.csv", ",Al Jazeera,", f',"{HOSTILE} outlet",')
    assert validate.validate(data_copy).ok
    return tables.load(data_copy)


def _svg_texts(folder, name: str) -> list[str]:
    svg = (folder / f"{name}.svg").read_text(encoding="utf-8")
    return [t for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def test_figures_draw_hostile_names_literally_and_shortened(hostile_names, tmp_path):
    figures.use_style()
    evidence = hostile_names
    rows, marks = spread.timeline_rows(evidence), spread.article_marks(evidence)
    figures.save(spread.timeline_figure(rows, marks, "Timeline"), "98-timeline", rows, tmp_path)
    shares = framing.stance_shares(evidence)
    table = framing.prominence(evidence)
    figures.save(
        framing.prominence_figure(table, shares, "Prominence"), "98-prominence", table, tmp_path
    )
    plt.close("all")
    for name in ("98-timeline", "98-prominence"):
        texts = _svg_texts(tmp_path, name)
        drawn = [t for t in texts if "alpha" in t]
        assert drawn, f"{name}: the hostile name is drawn"
        assert all("$\\alpha$ 100% &amp; &lt;b&gt;" in t for t in drawn), drawn
        assert all(len(t) <= 200 for t in texts)  # entities aside, lines are bounded
        # Wrapped at words, the name's 300-character run of letters is cut, marked "…".
        assert any(t.endswith("…") for t in texts if "LongLong" in t), "a long name is cut"


def test_markdown_shows_hostile_names_as_text_without_links_or_math():
    rendered = markdown2html_mistune(escape(HOSTILE))
    assert "<a " not in rendered and "<b>" not in rendered
    assert "https://evil.example/x" in rendered and "www.evil.example" in rendered
    assert "$\\alpha$" not in escape(HOSTILE), "dollars are escaped for notebook math"
    assert "$\\alpha$" in rendered, "and still read as dollars"


def test_shorten_keeps_short_lines_and_cuts_long_ones():
    assert figures.shorten("Macron") == "Macron"
    cut = figures.shorten("x" * 300)
    assert len(cut) == figures.MAX_LINE_CHARS and cut.endswith("…")
    assert figures.shorten("a\n" + "b" * 300).startswith("a\nbbb")
    many = figures.shorten("\n".join(["word"] * 10))
    assert many.count("\n") == figures.MAX_LINES - 1 and many.endswith("…")
