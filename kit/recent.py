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

    With ``weigh`` and ``budget``, the oldest are also dropped while the kept results weigh more than
    ``budget`` together (the most recent result is always kept): a store of Documents can then keep
    every article of a corpus and still never more than one long report.

    >>> store = Recent(kept=2)
    >>> [store.get(k, lambda k=k: k * 10) for k in (1, 2, 1, 3)]
    [10, 20, 10, 30]
    >>> sorted(store.keys())  # 2 was the oldest when 3 came
    [1, 3]
    >>> light = Recent(kept=10, weigh=len, budget=5)
    >>> [len(light.get(k, lambda k=k: "x" * k)) for k in (2, 3, 4)]
    [2, 3, 4]
    >>> light.keys()  # 2 + 3 + 4 weigh more than 5: the oldest went first
    [4]
    """

    def __init__(self, kept: int, weigh: Callable[[T], int] | None = None, budget: int | None = None):
        self.kept = kept
        self.weigh = weigh
        self.budget = budget
        self._results: dict[Hashable, T] = {}
        self._weights: dict[Hashable, int] = {}

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The result kept under ``key``, or ``build()`` kept under it."""
        result = self._results.pop(key, None)
        if result is None:
            result = build()
            self._weights[key] = self.weigh(result) if self.weigh else 0
        self._results[key] = result  # re-inserted: most recent last
        while len(self._results) > self.kept or (len(self._results) > 1 and self._too_heavy()):
            oldest = next(iter(self._results))
            del self._results[oldest]
            del self._weights[oldest]
        return result

    def _too_heavy(self) -> bool:
        return self.budget is not None and sum(self._weights.values()) > self.budget

    def keys(self) -> list[Hashable]:
        return list(self._results)

    def clear(self) -> None:
        self._results.clear()
        self._weights.clear()
