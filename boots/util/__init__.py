"""Small utilities every layer may use.

``config`` (project paths, anchored at the root; the data and figures folders in use),
``atomic`` (atomic file writes), ``reads`` (recording which data files a notebook read, for
its fingerprint), ``words`` (counted nouns: "1 article", "2 articles") and
``pytest_startup`` (a pytest plugin loaded first, to keep test start-up light).
"""
