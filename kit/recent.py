"""A small store of the last few results, for work several lessons or analyses ask for twice.

Only for results built from immutable inputs compared by identity or content (a Document, a cue set,
a file's bytes): a kept result can then never be stale, and the same input gives the same numbers
whether it was kept or rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Recent(Generic[T]):
    """The results of the last ``kept`` keys, oldest dropped first.

    >>> store = Recent(kept=2)
    >>> [store.get(k, lambda k=k: k * 10) for k in (1, 2, 1, 3)]
    [10, 20, 10, 30]
    >>> sorted(store.keys())  # 2 was the oldest when 3 came
    [1, 3]
    """

    def __init__(self, kept: int):
        self.kept = kept
        self._results: dict[Hashable, T] = {}

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The result kept under ``key``, or ``build()`` kept under it."""
        result = self._results.pop(key, None)
        if result is None:
            result = build()
        self._results[key] = result  # re-inserted: most recent last
        while len(self._results) > self.kept:
            del self._results[next(iter(self._results))]
        return result

    def keys(self) -> list[Hashable]:
        return list(self._results)

    def clear(self) -> None:
        self._results.clear()
