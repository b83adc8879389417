"""Colours and markers shared by every figure, keyed by the schema's codes (the codes'
labels live with the schema: ``boots.data.labels``).

The stance palette is Okabe & Ito's colour-blind-safe set; "no statement reported" is a
light grey with a dotted hatch, so it is never mistaken for a stance.
"""

from __future__ import annotations

STANCE_COLOURS = {
    "open": "#E69F00",  # orange
    "rules_out": "#0072B2",  # blue
    "warns": "#D55E00",  # vermillion
    "welcomes": "#009E73",  # bluish green
    "other": "#999999",  # grey
}
# A shape per stance, so marks that carry a stance tell it by shape as well as by colour.
STANCE_MARKERS = {"open": "o", "rules_out": "s", "warns": "^", "welcomes": "D", "other": "h"}
# And an underline style per stance, for highlighted passages on the site's article pages.
STANCE_LINES = {
    "open": "wavy",
    "rules_out": "solid",
    "warns": "double",
    "welcomes": "dotted",
    "other": "dashed",
}
# Sparse dots: each dot of a hatch is a path in the SVG ("...." made the map 360 kB).
NO_STATEMENT = {"colour": "#F2F2F2", "hatch": "..", "label": "no statement reported"}

FIRMNESS_ORDER = ["categorical", "no_plans", "not_now", "hedged", "unspecified", "not_applicable"]
# Firmness codes a denial (stance rules_out) can take; 'hedged' is for warnings only.
DENIAL_FIRMNESS = ["categorical", "no_plans", "not_now", "unspecified"]
SCOPE_MARKERS = {
    "any_troops": "o",
    "combat_troops": "^",
    "large_scale": "s",
    "non_combat_roles": "D",
    "not_specified": "P",
    "not_applicable": "X",
}
# Okabe & Ito, one colour per kind of distortion, in the schema's order of the kinds: the
# palette's eight colours (black included) and a grey.
DISTORTION_COLOURS = [
    "#0072B2",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#CC79A7",
    "#009E73",
    "#000000",
    "#E69F00",
    "#999999",
]

OUTLET_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#F0E442",
    "#000000",
)
OUTLET_MARKERS = "osD^vP*X"


def outlet_styles(outlets: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """A marker and a colour per outlet, any number of outlets: colours cycle through the
    colour-blind-safe palette and the marker shifts each round, so the first 64 outlets each
    get a distinct pair (beyond that pairs repeat, and the legend still names every outlet)."""
    n_colours, n_markers = len(OUTLET_COLOURS), len(OUTLET_MARKERS)
    markers = {o: OUTLET_MARKERS[(i + i // n_colours) % n_markers] for i, o in enumerate(outlets)}
    palette = {o: OUTLET_COLOURS[i % n_colours] for i, o in enumerate(outlets)}
    return markers, palette
