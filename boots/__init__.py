"""Shared code for the Boots on the Ground notebooks: paths, data loading, validation, analysis."""

import os
import sys

__version__ = "0.1.0"


def skip_iri_grammar() -> None:
    """Keep jsonschema from building the ``rfc3987_syntax`` grammar when it is imported.

    jsonschema imports that optional package (installed with jupyterlab) only to check the
    ``iri`` string formats, which no descriptor or notebook here uses, and building its
    grammar costs about 1.6 s per process. Marking it absent makes jsonschema skip those two
    format checks. Called by the build, the test session (``boots.util.pytest_startup``)
    and the site's Sphinx process (``boots.render.site``) before they import jsonschema
    (through nbformat); it must run before jsonschema is first imported.
    """
    sys.modules.setdefault("rfc3987_syntax", None)


if os.environ.get("BOOTS_READ_LOG"):  # set by the build for its kernels (boots.util.reads)
    from boots.util import reads

    reads.install()
