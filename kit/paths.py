"""The one place that resolves the kit's folders (texts, notebooks, exercises, build).

Set ``FRAMING_KIT_ROOT`` to point the kit at another checkout; otherwise the folders are
found next to the ``kit`` package (the repository root in an editable install).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def repo_root() -> Path:
    """Return the root folder holding ``texts/``, ``notebooks/`` and ``exercises/``."""
    override = os.environ.get("FRAMING_KIT_ROOT")
    return Path(override).resolve() if override else PACKAGE_DIR.parent


def texts_dir() -> Path:
    """Folder of source texts (read only: the kit never writes here)."""
    return repo_root() / "texts"


def annotations_dir() -> Path:
    """Folder of human annotations of the texts."""
    return texts_dir() / "annotations"


def notebooks_dir() -> Path:
    """Folder of the numbered lesson notebooks."""
    return repo_root() / "notebooks"


def exercises_dir() -> Path:
    """Folder of the exercises (solutions and generated student versions)."""
    return repo_root() / "exercises"


def build_dir() -> Path:
    """Default output folder of ``python -m kit run`` (gitignored)."""
    return repo_root() / "build"
