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
NO_STATEMENT = {"colour": "#F2F2F2", "hatch": "....", "label": "no statement reported"}

FIRMNESS_ORDER = ["categorical", "no_plans", "not_now", "unspecified", "not_applicable"]
SCOPE_MARKERS = {
    "any_troops": "o",
    "combat_troops": "^",
    "large_scale": "s",
    "non_combat_roles": "D",
    "not_specified": "P",
    "not_applicable": "X",
}
