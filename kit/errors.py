"""Errors the kit raises on bad input: one line naming the file, line or key, and the fix."""

from __future__ import annotations

from pathlib import Path


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
