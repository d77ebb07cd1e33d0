"""A long text made up for the tests of how figures and highlighted views stay bounded."""

from __future__ import annotations

from kit.text import from_string


def long_doc(n_paragraphs=300):
    paragraphs = [f"Paragraph {i} says that drones flew, a good sign. " + "Word " * (i % 7 + 3) + "end." for i in range(n_paragraphs)]
    return from_string("\n\n".join(paragraphs), slug="long")
