"""A synthetic corpus for the benchmarks, built from the kit's own texts (no downloads).

The paragraphs of every text in ``texts/`` are repeated in a fixed, seeded order until the
corpus holds at least ``min_words`` words, and returned as one Document, so every analysis
is timed on the same news-like prose.
"""

from __future__ import annotations

import random

from kit.text import Document, from_string, list_texts, load_text


def paragraphs_of_kit_texts() -> list[str]:
    """All body paragraphs of all texts shipped in ``texts/``."""
    out: list[str] = []
    for slug in list_texts()["slug"]:
        out.extend(p.text for p in load_text(slug).paragraphs)
    return out


def corpus_paragraphs(min_words: int = 1_000_000, seed: int = 20250318) -> list[str]:
    """The kit's paragraphs repeated in an order shuffled with ``seed`` until they hold ``min_words`` words."""
    pool = paragraphs_of_kit_texts()
    rng = random.Random(seed)
    chosen: list[str] = []
    words = 0
    while words < min_words:
        block = pool[:]
        rng.shuffle(block)
        for paragraph in block:
            chosen.append(paragraph)
            words += len(paragraph.split())
            if words >= min_words:
                break
    return chosen


def synthetic_corpus(min_words: int = 1_000_000, seed: int = 20250318) -> Document:
    """A Document of at least ``min_words`` words made of the kit's paragraphs, shuffled with ``seed``."""
    chosen = corpus_paragraphs(min_words, seed)
    return from_string("\n\n".join(chosen), slug="synthetic-corpus", title="Synthetic benchmark corpus")
