"""Shared code for the Boots on the Ground notebooks: paths, data loading, validation, analysis."""

__version__ = "0.1.0"
