"""What each figure lists agrees with its CSV: nothing the data holds is dropped from the
drawing (a note that does not fit grows or moves; it is never cut)."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from boots.analysis import stance
from boots.data import geo, labels, tables
from boots.render import figures
from boots.util import config

FIGURES = config.ROOT / "figures"
LINKED = ("01-firmness", "02-timeline", "02-reactions", "01-stance-map")


def words(text: str) -> str:
    return " ".join(str(text).split())


def drawn_words(name: str) -> str:
    svg = (FIGURES / f"{name}.svg").read_text(encoding="utf-8")
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    return " ".join(words(html.unescape(re.sub(r"<[^>]+>", " ", t))) for t in texts)


@pytest.mark.parametrize("name", LINKED)
def test_every_statement_in_a_figures_csv_is_a_mark_in_its_svg(name):
    data = pd.read_csv(FIGURES / f"{name}.csv", dtype=str, keep_default_na=False)
    svg = (FIGURES / f"{name}.svg").read_text(encoding="utf-8")
    linked = set(re.findall(r"statements\.html#([a-z0-9-]+)", svg))
    listed = {s for s in data.statement_id if s}
    if name == "01-stance-map":
        listed = {
            s for s, on in zip(data.statement_id, data.on_map, strict=True) if s and on == "True"
        }
    assert listed and listed <= linked, sorted(listed - linked)


def test_the_map_lists_every_speaker_off_the_map_in_its_note():
    data = pd.read_csv(FIGURES / "01-stance-map.csv", dtype=str, keep_default_na=False)
    drawn = drawn_words("01-stance-map")
    off = data[data.on_map == "False"]
    assert len(off) >= 2  # NATO and the United States
    for row in off.itertuples():
        entry = words(f"{row.name}: {labels.label('stance', row.stance)} ({row.speakers})")
        # Wrapped over lines, the entry's words are drawn in order.
        assert " ".join(entry.split()) in drawn.replace(" \n", " "), entry


def test_a_long_note_grows_or_moves_and_keeps_every_row(tmp_path):
    figures.use_style()
    borders = geo.load_borders()
    data = stance.map_data(tables.load(), borders)
    extra = pd.DataFrame(
        [
            {
                **data[~data.on_map].iloc[0].to_dict(),
                "country": "",
                "name": f"International body number {i}",
                "speakers": f"Spokesperson number {i} of a long-named organisation",
            }
            for i in range(30)
        ]
    )
    data = pd.concat([data, extra], ignore_index=True)
    fig = stance.stance_map(data, borders, "A title")
    figures.save(fig, "01-stance-map", data, directory=tmp_path)
    svg = (tmp_path / "01-stance-map.svg").read_text(encoding="utf-8")
    drawn = " ".join(
        words(html.unescape(t)) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    )
    for i in range(30):
        assert f"International body number {i}:" in drawn
    assert "…" not in drawn
