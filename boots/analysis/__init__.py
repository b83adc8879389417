"""The analyses behind the notebooks: evidence, stance, spread, framing, text reuse.

Each module reads the data layer and draws with ``boots.render``; nothing here is imported by
the data or rendering layers.
"""
