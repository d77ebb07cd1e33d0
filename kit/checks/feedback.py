"""Feedback plumbing shared by every exercise's checks: the Feedback result, NotYet, and the helpers
that describe a student's answer and suggest what they probably meant.

Nothing here knows about an exercise; the modules ``exercise1`` ... ``exercise5`` do.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from kit.errors import did_you_mean, did_you_mean_unit
from kit.text import Document, load_text

TICK, CROSS = "\u2713", "\u2717"


@dataclass(frozen=True)
class Feedback:
    """The result of a check: what is right, what is wrong, and a hint for the next step."""

    exercise: str
    right: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    hint: str = ""

    @property
    def passed(self) -> bool:
        return not self.wrong

    def __str__(self) -> str:
        head = f"Well done ({self.exercise})." if self.passed else f"Not yet ({self.exercise})."
        lines = [head]
        lines += [f"  {TICK} {line}" for line in self.right]
        lines += [f"  {CROSS} {line}" for line in self.wrong]
        if self.hint and not self.passed:
            lines.append(f"  Hint: {self.hint}")
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # IPython display
        printer.text(str(self))


class NotYet(Exception):
    """Raised by a check whose answer is not complete; its message is the whole feedback.

    >>> err = NotYet(Feedback("Exercise 0", right=("one thing",), wrong=("another",), hint="look again"))
    >>> print(err)
    Not yet (Exercise 0).
      ✓ one thing
      ✗ another
      Hint: look again
    """

    def __init__(self, feedback: Feedback):
        self.feedback = feedback
        super().__init__(str(feedback))

    def _render_traceback_(self) -> list[str]:
        """Jupyter shows these lines instead of a traceback: the feedback is the message."""
        return str(self.feedback).split("\n")


class Report:
    """Collects right and wrong findings of one check, then passes or raises NotYet."""

    def __init__(self, exercise: str):
        self.exercise = exercise
        self.right: list[str] = []
        self.wrong: list[str] = []

    def ok(self, message: str) -> None:
        self.right.append(message)

    def bad(self, message: str) -> None:
        self.wrong.append(message)

    def stop(self, message: str, hint: str = "") -> NotYet:
        """A problem that makes the rest of the check meaningless (wrong shape, nothing yet)."""
        self.wrong.append(message)
        return NotYet(Feedback(self.exercise, tuple(self.right), tuple(self.wrong), hint))

    def require_mapping(self, value: Any, example: str, empty: str, hint: str = "") -> Mapping:
        """``value`` if it is a non-empty dict; else stop, saying what was expected (``example``) or, for an
        empty one, ``empty`` and ``hint``."""
        if not isinstance(value, Mapping):
            raise self.stop(f"expected a dict like {example}; got {describe(value)}")
        if not value:
            raise self.stop(empty, hint)
        return value

    def finish(self, hint: str = "") -> Feedback:
        feedback = Feedback(self.exercise, tuple(self.right), tuple(self.wrong), hint)
        if not feedback.passed:
            raise NotYet(feedback)
        return feedback


def describe(value: Any) -> str:
    """A short description of what a student passed: type, size and columns, never the content.

    >>> describe([1, 2, 3]), describe({}), describe(None)
    ('a list of 3 items', 'an empty dict', 'None')
    >>> describe(pd.DataFrame({"unit": [], "frame": []}))
    "a DataFrame with 0 rows and columns ['unit', 'frame']"
    """
    if value is None:
        return "None"
    if isinstance(value, pd.DataFrame):
        return f"a DataFrame with {len(value)} rows and columns {list(map(str, value.columns))}"
    if isinstance(value, pd.Series):
        return f"a Series of {len(value)} values"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"a string {shown!r}"
    if isinstance(value, bool):
        return f"a bool ({value})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, Path):
        return f"a path '{value}'"
    name = type(value).__name__
    try:
        n = len(value)
    except TypeError:
        return f"a {name}"
    if n == 0:
        return f"an empty {name}"
    return f"a {name} of {n} item{'s' if n != 1 else ''}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def closest(value: str, options: Iterable[str]) -> str:
    """A "did you mean" hint for a student's answer (a looser cut-off than for file keys)."""
    return did_you_mean(value, options, cutoff=0.5)


def listing(items: Iterable[Any], limit: int = 5) -> str:
    items = [str(i) for i in items]
    shown = ", ".join(repr(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def suggest_unit(given: str, known: Iterable[str]) -> str:
    """Suggest the id a student probably meant: zero padding first ('p3.s1' -> 'p03.s1'), then spelling."""
    return did_you_mean_unit(given, known)


def document_of(doc: Document | str | None) -> Document:
    return load_text(doc if doc is not None else "oped")


def codebook_frame_ids(codebook: Any) -> tuple[str, tuple[str, ...]]:
    """(name, frame ids) of a codebook given by name, path, Codebook, or a plain collection of ids."""
    if isinstance(codebook, list | tuple | set | frozenset):
        return "given", tuple(sorted(map(str, codebook)))
    from kit.framing import load_codebook

    cb = load_codebook(codebook)
    return cb.name, tuple(f.id for f in cb.frames)


def sentence_ids(doc: Document) -> list[str]:
    return [s.id for s in doc.sentences]


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(float(value))
