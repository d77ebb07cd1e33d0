"""Test-wide guarantees: no network (pytest-socket, set in pyproject) and no NLTK data.

``NLTK_DATA`` points at an empty folder and ``nltk.data.path`` is emptied, so a test passes
only if the kit never needs a downloaded NLTK resource; notebook kernels started by nbval
inherit the same environment variable.
"""

from __future__ import annotations

import os
import tempfile

EMPTY_NLTK_DATA = tempfile.mkdtemp(prefix="empty-nltk-data-")
os.environ["NLTK_DATA"] = EMPTY_NLTK_DATA
os.environ.setdefault("MPLBACKEND", "Agg")

import nltk  # noqa: E402
import pytest  # noqa: E402

nltk.data.path[:] = [EMPTY_NLTK_DATA]

# Fixtures shared by several test modules (a JupyterLab server on loopback; toy analyses for segments).
pytest_plugins = ["tests.support.jupyter", "tests.support.toys"]


@pytest.fixture
def no_nltk_data(monkeypatch):
    """Make any attempt to load NLTK data fail loudly, as on a machine with none installed."""

    def refuse(*args, **kwargs):
        raise LookupError(f"test forbids NLTK data access: {args!r}")

    monkeypatch.setattr(nltk.data, "load", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)
    return refuse


@pytest.fixture(scope="session")
def oped():
    """The op-ed as a Document."""
    from kit.text import load_text

    return load_text("oped")
