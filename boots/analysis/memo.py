"""Analyses computed once per loaded data folder: results memoised on the ``Evidence``.

A notebook asks for the same table several times: for its figure, its title, its prose and
its closing findings (``*_facts``). ``per_evidence`` keeps a function's result on the
``Evidence`` it was computed from (``Evidence.computed``), keyed by the function and its other
arguments (tables by their content). Tables (and tuples of them) are handed out as copies, so a
caller changing a table it got cannot change what the next caller gets; other results (frozen
facts, a corpus) are shared and must be treated as read-only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

import pandas as pd

from boots.data.tables import Evidence

T = TypeVar("T")


def _key(value: object) -> object:
    if isinstance(value, pd.DataFrame | pd.Series):
        content = pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
        names = tuple(value.columns) if isinstance(value, pd.DataFrame) else value.name
        return (type(value).__name__, names, content)
    return value


def _copied(value: T) -> T:
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy()
    if isinstance(value, tuple):
        return tuple(_copied(v) for v in value)
    return value


def per_evidence(function: Callable[..., T]) -> Callable[..., T]:
    """Decorate ``function(evidence, ...)`` so that it runs once per evidence and arguments."""

    @functools.wraps(function)
    def once(evidence: Evidence, *args: object, **kwargs: object) -> T:
        key = (
            function.__module__,
            function.__qualname__,
            tuple(_key(a) for a in args),
            tuple(sorted((name, _key(v)) for name, v in kwargs.items())),
        )
        memo = getattr(evidence, "computed", None)
        if memo is None:  # a stand-in for the evidence (a test's) keeps nothing
            return function(evidence, *args, **kwargs)
        if key not in memo:
            memo[key] = function(evidence, *args, **kwargs)
        return _copied(memo[key])

    return once
