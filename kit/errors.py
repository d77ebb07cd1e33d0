"""Errors the kit raises on bad input: one line naming the file, line or key, and the fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class KitError(ValueError):
    """Base class: bad input the user can fix; the message says where and how."""

    def __init__(self, where: str | Path | None, problem: str, fix: str):
        self.where = str(where) if where is not None else None
        self.problem = problem
        self.fix = fix
        prefix = f"{self.where}: " if self.where else ""
        super().__init__(f"{prefix}{problem}. Fix: {fix}")


class TextError(KitError):
    """A text in ``texts/`` (or passed by path) cannot be loaded."""


class CodebookError(KitError):
    """A frame codebook is invalid."""


class SegmentError(KitError):
    """A segment is unknown, malformed or empty."""


class AnnotationError(KitError):
    """A human annotation file is invalid."""


def parse_yaml(
    text: str,
    where: str | Path,
    error: type[KitError],
    fix: str,
    what: str = "not valid YAML",
    first_line: int = 1,
) -> Any:
    """``yaml.safe_load(text)``, or ``error`` naming ``where:line``, the parser's problem and ``fix``.

    ``first_line`` is the file line of the text's first line (front matter starts on line 2).
    """
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + first_line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(f"{where}:{line}", f"{what} ({problem})", fix) from None
    except ValueError as exc:  # e.g. an impossible date such as 2025-02-30
        raise error(f"{where}:{first_line}", f"{what} (a value cannot be read: {exc})", fix) from None
