"""Country borders for the maps: Natural Earth 110m admin-0, shipped in ``data/geo/``.

``python -m boots.data.geo extract SHAPEFILE`` rebuilds ``data/geo/ne_110m_europe.geojson``
from the Natural Earth shapefile packaged in the geopandas 0.14.4 wheel (provenance and
checks in ``data/geo/README.md``). Nothing is downloaded at run time: notebooks read the
GeoJSON with ``load_borders`` and draw it with matplotlib in the LAEA Europe projection.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from matplotlib.path import Path as MplPath

from boots.data import safe_files
from boots.data.folder import BORDERS_FILE
from boots.util import config
from boots.util.atomic import write_text

# Countries whose bounding box meets this lon/lat window are kept.
EXTENT = (-30.0, 30.0, 60.0, 75.0)
# Natural Earth polygons that are not ISO 3166 countries, mapped to what the map draws.
# Northern Cyprus is internationally recognised as part of Cyprus; Kosovo has no ISO code
# and is drawn with the code the EU uses for it (user-assigned XK).
NE_OVERRIDES = {"CYN": "CY", "Kosovo": "XK"}
# Codes the map draws that ISO 3166-1 has not assigned, with their names.
USER_ASSIGNED = {"XK": "Kosovo"}
DECIMALS = 4


@dataclass(frozen=True)
class Country:
    iso_a2: str
    name: str
    rings: tuple[np.ndarray, ...]  # each an (n, 2) array of lon, lat

    def contains(self, lon: float, lat: float) -> bool:
        """Whether the point lies inside one of the country's rings (even-odd over rings)."""
        inside = sum(MplPath(ring).contains_point((lon, lat)) for ring in self.rings)
        return inside % 2 == 1


def _alpha2(iso_a3: str, name: str) -> str | None:
    import pycountry

    if name in NE_OVERRIDES:
        return NE_OVERRIDES[name]
    if iso_a3 in NE_OVERRIDES:
        return NE_OVERRIDES[iso_a3]
    country = pycountry.countries.get(alpha_3=iso_a3)
    return country.alpha_2 if country else None


def extract(shapefile_path: Path, target: Path) -> dict[str, int]:
    """Write the European window of a Natural Earth admin-0 shapefile as GeoJSON."""
    import shapefile  # pyshp

    lon0, lat0, lon1, lat1 = EXTENT
    features: dict[str, dict] = {}
    reader = shapefile.Reader(str(shapefile_path))
    for item in reader.iterShapeRecords():
        record = item.record.as_dict()
        x0, y0, x1, y1 = item.shape.bbox
        if x1 < lon0 or x0 > lon1 or y1 < lat0 or y0 > lat1:
            continue
        code = _alpha2(record["iso_a3"], record["name"])
        if code is None:
            raise ValueError(f"no ISO code for Natural Earth country {record['name']!r}")
        points = item.shape.points
        bounds = [*item.shape.parts, len(points)]
        rings = [
            [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in points[bounds[i] : bounds[i + 1]]]
            for i in range(len(bounds) - 1)
        ]
        feature = features.setdefault(
            code,
            {
                "type": "Feature",
                "properties": {"iso_a2": code, "name": _name(code, record["name"]), "ne_names": []},
                "geometry": {"type": "MultiPolygon", "coordinates": []},
            },
        )
        feature["properties"]["ne_names"].append(record["name"])
        feature["geometry"]["coordinates"].extend([ring] for ring in rings)
    lines = [json.dumps(features[code], separators=(",", ":")) for code in sorted(features)]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    write_text(target, text)
    return {code: len(f["geometry"]["coordinates"]) for code, f in sorted(features.items())}


def _name(code: str, fallback: str) -> str:
    return country_name(code) or fallback


@cache
def country_codes() -> frozenset[str]:
    """Every country code the tables may use: the one list validation and the map share
    (ISO 3166-1 alpha-2, and the user-assigned codes the map draws, such as XK)."""
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries) | frozenset(USER_ASSIGNED)


def country_name(code: str) -> str | None:
    """English (common) name of a country code from ``country_codes()``, or None."""
    import pycountry

    if code in USER_ASSIGNED:
        return USER_ASSIGNED[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


@cache
def _read(folder: Path, name: str) -> dict[str, Country]:
    return parse_borders(safe_files.read_bytes(folder, name, safe_files.MAX_BORDERS_BYTES))


def parse_borders(raw: bytes) -> dict[str, Country]:
    """Countries by code from the bytes of a borders GeoJSON file; raises ValueError,
    KeyError, TypeError or IndexError if it is not one."""
    collection = json.loads(raw)
    countries = {}
    for feature in collection["features"]:
        props = feature["properties"]
        rings = tuple(
            np.asarray(polygon[0], dtype=float) for polygon in feature["geometry"]["coordinates"]
        )
        countries[props["iso_a2"]] = Country(props["iso_a2"], props["name"], rings)
    return countries


def load_borders(data_dir: Path | None = None) -> dict[str, Country]:
    """Countries by ISO alpha-2 code, from ``<data>/geo/`` (the project's if absent there)."""
    folder = Path(data_dir or config.data_dir()).resolve()
    if not os.path.lexists(folder / BORDERS_FILE):
        folder = config.DEFAULT_DATA_DIR.resolve()
    return _read(folder, BORDERS_FILE)


def country_at(lon: float, lat: float, borders: dict[str, Country]) -> str | None:
    """ISO code of the country whose polygon holds the point, if any."""
    for code, country in borders.items():
        if country.contains(lon, lat):
            return code
    return None


@cache
def _transformer():
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", "EPSG:3035", always_xy=True)


def project(ring: np.ndarray) -> np.ndarray:
    """Lon/lat to LAEA Europe (EPSG:3035) metres."""
    x, y = _transformer().transform(ring[:, 0], ring[:, 1])
    return np.column_stack([x, y])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] != "extract":
        print(
            "usage: python -m boots.data.geo extract PATH/TO/naturalearth_lowres.shp",
            file=sys.stderr,
        )
        return 2
    counts = extract(Path(args[1]), config.DEFAULT_DATA_DIR / BORDERS_FILE)
    print(f"{len(counts)} countries written to data/{BORDERS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
