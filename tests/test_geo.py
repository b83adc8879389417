"""The shipped borders: recognised borders, ISO codes, and a loader that reads them."""

import json

import pycountry
import pytest

from boots.data import geo
from boots.util import config

BORDERS = geo.load_borders(config.DEFAULT_DATA_DIR)


@pytest.mark.parametrize(
    ("place", "lon", "lat", "code"),
    [
        ("Simferopol, Crimea", 34.10, 44.95, "UA"),
        ("Sevastopol, Crimea", 33.52, 44.60, "UA"),
        ("Kyiv", 30.52, 50.45, "UA"),
        ("Moscow", 37.62, 55.75, "RU"),
        ("Kyrenia, northern Cyprus", 33.32, 35.33, "CY"),
        ("Paris", 2.35, 48.86, "FR"),
    ],
)
def test_places_fall_in_their_internationally_recognised_country(place, lon, lat, code):
    assert geo.country_at(lon, lat, BORDERS) == code, place


def test_every_country_has_an_iso_code_or_the_documented_exception():
    for code in BORDERS:
        assert pycountry.countries.get(alpha_2=code) or code in geo.NE_OVERRIDES.values(), code


def test_file_has_one_feature_per_line_for_readable_diffs():
    text = (config.DEFAULT_DATA_DIR / geo.BORDERS_FILE).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) == len(BORDERS) + 2
    assert len(json.loads(text)["features"]) == len(BORDERS)


def test_projection_is_laea_europe():
    import numpy as np

    # EPSG:3035's natural origin (10 E, 52 N) maps to its false easting and northing.
    assert np.allclose(geo.project(np.array([[10.0, 52.0]])), [[4_321_000.0, 3_210_000.0]])
