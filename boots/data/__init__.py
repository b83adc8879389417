"""The data layer: the schema, typed loading of the curated tables, validation against the
articles, the generated data dictionary, text normalisation and the map's borders.

Uses only ``boots.util``.
"""
