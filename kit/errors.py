"""Errors the kit raises on bad input: one line naming the file, line or key, and the fix."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: Line breaks and other control characters: written as escapes in a message, never as themselves.
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")  # and lone surrogates


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters written as escapes, so that a message
    quoting the user's input (a key ``"\\n"``) stays one line.

    >>> one_line("unknown key 'a\\nb'")
    "unknown key 'a\\\\nb'"
    """
    return _CONTROL_RE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class KitError(ValueError):
    """Base class: bad input the user can fix; the message says where and how, in one line."""

    def __init__(self, where: str | Path | None, problem: str, fix: str):
        self.where = one_line(str(where)) if where is not None else None
        self.problem = one_line(problem)
        self.fix = one_line(fix)
        prefix = f"{self.where}: " if self.where else ""
        super().__init__(f"{prefix}{self.problem}. Fix: {self.fix}")


class TextError(KitError):
    """A text in ``texts/`` (or passed by path) cannot be loaded."""


class CodebookError(KitError):
    """A frame codebook is invalid."""


class SegmentError(KitError):
    """A segment is unknown, malformed or empty."""


class AnnotationError(KitError):
    """A human annotation file is invalid."""


class OutputError(KitError):
    """An output folder the kit may not write, cannot write, or that another run is writing."""


class LessonError(KitError):
    """A lesson notebook failed while running on a text (the other lessons still ran)."""


class SentimentError(KitError):
    """Bad input to the sentiment functions: unit, override set, scores table or threshold."""


class WordListError(CodebookError):
    """A word-list data file (quote cues, actor groups, mention rules, official roles) is invalid.

    A kind of :class:`CodebookError`, so code that caught that for these files still works.
    """


def parse_yaml(
    text: str,
    where: str | Path,
    error: type[KitError],
    fix: str,
    what: str = "not valid YAML",
    first_line: int = 1,
) -> Any:
    """Parse ``text`` with the kit's strict YAML loader, or raise ``error`` naming ``where:line``, the problem and ``fix``.

    The loader (:mod:`kit.safe_yaml`) refuses anchors, aliases and duplicate keys and gives every value
    error its line. ``first_line`` is the file line of the text's first line (front matter starts on line 2).
    """
    import yaml

    from kit.safe_yaml import DuplicateKeyError, safe_load

    try:
        return safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + first_line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if isinstance(exc, DuplicateKeyError):
            problem += f", first on line {exc.context_mark.line + first_line}"
        raise error(f"{where}:{line}", f"{what} ({problem})", getattr(exc, "fix", fix)) from None


def close_matches(value: object, options: Iterable[object], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` options most like ``value`` (difflib's ratio at least ``cutoff``), best first.

    The kit's one place that asks difflib; every "did you mean" hint goes through it.

    >>> close_matches("sentense", ["sentence", "sentences", "paragraph"])
    ['sentence', 'sentences']
    """
    return difflib.get_close_matches(str(value), [str(o) for o in options], n=n, cutoff=cutoff)


def closest_match(value: object, options: Iterable[object], cutoff: float = 0.6) -> str | None:
    """The option most like ``value`` (difflib's ratio at least ``cutoff``), or None.

    >>> closest_match("titel", ["title", "slug"])
    'title'
    >>> closest_match("zzz", ["title", "slug"]) is None
    True
    """
    close = close_matches(value, options, n=1, cutoff=cutoff)
    return close[0] if close else None


def suggestion(value: object, options: Iterable[object]) -> str:
    """The start of a fix, ``"did you mean 'x'? "``, naming the closest option; empty when none is close.

    >>> suggestion("mcf", ["mfc", "generic"]) + "use one of ['mfc', 'generic']"
    "did you mean 'mfc'? use one of ['mfc', 'generic']"
    >>> suggestion("zzz", ["mfc"])
    ''
    """
    match = closest_match(value, options)
    return f"did you mean '{match}'? " if match else ""


def unknown_key_fix(key: object, allowed: Iterable[object], otherwise: str) -> str:
    """The fix for an unknown key: ``"did you mean 'x'?"`` when one allowed key is close, else ``otherwise``.

    >>> unknown_key_fix("titel", ["title"], "use only ['title']"), unknown_key_fix("zzz", ["title"], "use only ['title']")
    ("did you mean 'title'?", "use only ['title']")
    """
    match = closest_match(key, allowed)
    return f"did you mean '{match}'?" if match else otherwise


def did_you_mean(value: object, options: Iterable[object], cutoff: float = 0.6) -> str:
    """A hint ``" (did you mean 'x'?)"`` naming the closest option, or an empty string.

    >>> did_you_mean("p9.s2", ["p09.s2", "p10.s1"])
    " (did you mean 'p09.s2'?)"
    """
    match = closest_match(value, options, cutoff)
    return f" (did you mean '{match}'?)" if match else ""


def did_you_mean_unit(given: object, known: Iterable[str]) -> str:
    """A hint for a mistyped unit id: zero padding first (``p3.s1`` -> ``p03.s1``), then spelling.

    >>> did_you_mean_unit("p9", ["p09", "p19"]), did_you_mean_unit("p09.s9", ["p09.s1", "p10.s1"])
    (" (did you mean 'p09'?)", " (did you mean 'p09.s1'?)")
    """
    known = list(known)
    m = re.fullmatch(r"\s*[pP]?(\d+)(?:\s*[.\-_ ]\s*[sS]?(\d+))?\s*", str(given))
    if m:
        width = max((len(k.split(".")[0]) - 1 for k in known), default=2)
        guess = f"p{int(m.group(1)):0{width}d}" + (f".s{int(m.group(2))}" if m.group(2) else "")
        if guess in known:
            return f" (did you mean '{guess}'?)"
    return did_you_mean(given, known, cutoff=0.5)
