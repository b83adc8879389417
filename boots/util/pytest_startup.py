"""A pytest plugin loaded before all others (``-p boots.util.pytest_startup`` in the addopts
of pyproject.toml), so that it runs before the plugins installed as entry points are
imported: nbval imports nbformat, hence jsonschema, whose optional IRI grammar would
otherwise be built in the test controller and in each xdist worker (``skip_iri_grammar``)."""

from boots import skip_iri_grammar

skip_iri_grammar()
