"""Corpus-level tables: the single-text analyses of every text, one tidy DataFrame each.

Every table has a ``text`` column (the slug) first, then exactly the columns and rows the
single-text function gives for that text, texts in corpus order: ``frame_profiles(corpus)`` is
``frame_profile(doc)`` of each text, stacked. A per-text table that has a ``text`` column of its own
(the words of a sentence in ``sentiment``, of a quote in ``quotes``) has it renamed ``passage``, so
that ``text`` always means the slug; :meth:`CorpusTables.of` gives it back its name. ``analyse`` computes several tables in one pass (each
text is loaded once); the named functions are shortcuts for one table each.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kit.corpus.analyses import ANALYSES, Plan
from kit.corpus.documents import PROBLEM_COLUMNS, Corpus
from kit.corpus.execute import run_plan
from kit.framing import DEFAULT_CODEBOOK, Codebook
from kit.sentiment import Overrides

#: The corpus tables' name for a per-text column called ``text`` (``text`` is the slug there).
PASSAGE = "passage"
#: The dtype of the ``text`` (slug) column: what pandas gives a column of strings.
SLUG_DTYPE = pd.Series(["slug"]).dtype
#: What :func:`analyse` computes unless told otherwise (the per-text and per-frame tables).
DEFAULT_ANALYSES = ("texts", "frame_profile", "sentiment_summary", "sourcing", "quotes", "voices")


@dataclass
class CorpusTables:
    """The tables of a corpus run, by analysis name, and the texts it skipped (one line each)."""

    tables: dict[str, pd.DataFrame]
    skipped: pd.DataFrame

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def of(self, name: str, slug: str) -> pd.DataFrame:
        """One text's rows of a table, without the ``text`` column: what the single-text function gives."""
        table = self.tables[name]
        rows = table[table["text"] == slug].drop(columns="text").reset_index(drop=True)
        return rows.rename(columns={PASSAGE: "text"})


def as_corpus(corpus: Corpus | str | Path | Iterable[str | Path]) -> Corpus:
    """A Corpus, or one built from folders, globs, slugs or paths."""
    return corpus if isinstance(corpus, Corpus) else Corpus(corpus)


def labelled(part: pd.DataFrame, slug: str) -> pd.DataFrame:
    """One text's table with the slug in a first ``text`` column (its own ``text`` becomes ``passage``)."""
    table = stack([part], [slug])
    table.attrs = dict(part.attrs)
    return table


def stack(parts: list[pd.DataFrame], slugs: list[str]) -> pd.DataFrame:
    """Per-text tables stacked with a ``text`` column first (empty tables keep the columns).

    The parts are joined first and labelled once (the slug of each row repeated from the parts'
    lengths): labelling each short part on its own cost more than the analyses of a short text.
    """
    if not parts:
        return pd.DataFrame(columns=["text"])
    rows = [part for part in parts if len(part)]
    table = pd.concat(rows, ignore_index=True) if rows else parts[0].iloc[0:0].reset_index(drop=True)
    table = table.rename(columns={"text": PASSAGE})
    table.attrs = {}
    lengths = [len(part) for part in parts]
    table.insert(0, "text", pd.array(np.repeat(np.array(slugs, dtype=object), lengths), dtype=SLUG_DTYPE))
    return table


def analyse(
    corpus: Corpus | str | Path | Iterable[str | Path],
    analyses: Iterable[str] = DEFAULT_ANALYSES,
    codebook: str | Path | Codebook = DEFAULT_CODEBOOK,
    overrides: str | Path | Overrides | None = None,
    cues: str | Path | None = None,
    executor: Any = None,
    batch_size: int | None = None,
    progress: bool | None = None,
) -> CorpusTables:
    """Run the named analyses on every text of the corpus; one table per analysis.

    Analyses (see :data:`kit.corpus.analyses.ANALYSES`): ``texts`` (metadata and size),
    ``frame_profile``, ``frame_salience`` (per paragraph), ``frame_hits``, ``sentiment`` (per
    sentence), ``sentiment_summary``, ``quotes``, ``voices``, ``sourcing``. ``executor``,
    ``batch_size`` and ``progress``: see :mod:`kit.corpus.execute`. Texts that do not load (and
    sources that name no text) are in ``skipped``, with the kit's one-line message; the rest run.

    >>> result = analyse(["texts/contrast/"], analyses=["sourcing"], executor="serial")
    >>> result["sourcing"]["text"].tolist()
    ['ridicule-column', 'security-report', 'state-media']
    """
    corpus = as_corpus(corpus)
    plan = Plan(
        tuple(analyses),
        str(codebook) if isinstance(codebook, Path) else codebook,
        str(overrides) if isinstance(overrides, Path) else overrides,
        str(cues) if cues is not None else None,
    )
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in plan.analyses}
    slugs: list[str] = []
    skipped = list(corpus.problems.itertuples(index=False, name=None))
    for result in run_plan(corpus.paths, plan, executor, batch_size, progress, description=corpus.name[:30]):
        if result.problem:
            skipped.append((result.path, result.problem))
            continue
        slugs.append(result.slug)
        for name in plan.analyses:
            parts[name].append(result.tables[name])
    tables = {name: stack(parts[name], slugs) for name in plan.analyses}
    return CorpusTables(tables, pd.DataFrame(skipped, columns=PROBLEM_COLUMNS))


def _one(name: str, corpus: Any, **options: Any) -> pd.DataFrame:
    return analyse(corpus, [name], **options)[name]


def frame_profiles(corpus: Any, codebook: str | Path | Codebook = DEFAULT_CODEBOOK, **options: Any) -> pd.DataFrame:
    """:func:`kit.framing.frame_profile` of every text: one row per (text, frame)."""
    return _one("frame_profile", corpus, codebook=codebook, **options)


def sentiment_summaries(corpus: Any, overrides: str | Path | Overrides | None = None, **options: Any) -> pd.DataFrame:
    """:func:`kit.corpus.analyses.sentiment_summary` of every text: one row per text."""
    return _one("sentiment_summary", corpus, overrides=overrides, **options)


def sourcing_summaries(corpus: Any, cues: str | Path | None = None, **options: Any) -> pd.DataFrame:
    """:func:`kit.corpus.analyses.sourcing_summary` of every text: quoted words, speakers, officials."""
    return _one("sourcing", corpus, cues=cues, **options)


def quote_tables(corpus: Any, cues: str | Path | None = None, **options: Any) -> pd.DataFrame:
    """:func:`kit.quotes.quotes_table` of every text: one row per quote."""
    return _one("quotes", corpus, cues=cues, **options)


def voice_tables(corpus: Any, cues: str | Path | None = None, **options: Any) -> pd.DataFrame:
    """:func:`kit.quotes.voices` of every text: one row per (text, speaker)."""
    return _one("voices", corpus, cues=cues, **options)


assert set(DEFAULT_ANALYSES) <= set(ANALYSES)
