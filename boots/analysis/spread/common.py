"""What the timeline, the reaction graph and the relay share: the statements with their
speaker's place, and node positions in columns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from boots.analysis.stance import place
from boots.data.tables import Evidence


def _speakers(evidence: Evidence) -> pd.DataFrame:
    stated = evidence.statements_with_speakers()
    return stated.assign(place=place(stated))


def _columns(groups: list[list], gap: float = 1.0, fill: bool = False) -> dict:
    """Positions for nodes in columns: column i at x = i * gap; rows one unit apart and
    centred, or (``fill``) spread over the height of the tallest column."""
    tallest = max((len(group) for group in groups), default=0)  # no responses: no nodes
    positions = {}
    for i, group in enumerate(groups):
        if fill and len(group) > 1:
            ys = (
                np.linspace(0, tallest - 1, len(group) + 2)[1:-1]
                if len(group) < tallest
                else np.arange(tallest)
            )
        else:
            ys = np.arange(len(group)) + (tallest - len(group)) / 2
        for node, y in zip(group, ys, strict=True):
            positions[node] = (i * gap, -float(y))
    return positions
