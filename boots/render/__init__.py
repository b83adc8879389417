"""Rendering: figure saving and style, notebook reporting helpers, the HTML site.

Uses only ``boots.util``; it knows nothing of the tables or analyses.
"""
