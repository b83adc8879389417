"""The analyses behind the notebooks: sources (notebook 00), stance, spread, framing, text reuse.

Each module reads the data layer and draws with ``boots.render``; nothing here is imported by
the data or rendering layers. Each notebook's findings are computed once, by one function of
its analysis (``sources.evidence_facts``, ``reliability.reliability_facts``,
``stance.stance_facts``, ``spread.spread_facts``, ``framing.framing_facts``): a frozen
dataclass whose fields are the counts and names the notebook states, with ``prose()`` (the
fields for ``report.say``) and ``what_we_found()`` (the closing sentences); the figure titles
(and so the alt text) come from it too. ``memo`` keeps such results, and the tables they are
made from, per loaded data folder, so a notebook asking again does not compute again.
``framing`` is a package with one module per seam (see its docstring).
"""
