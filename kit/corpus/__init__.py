"""Corpus mode: many texts at once, one tidy table per analysis with a ``text`` column (the slug).

>>> from kit.corpus import Corpus, analyse
>>> tables = analyse(Corpus(["texts/news/", "oped"]), ["frame_profile"], executor="serial")
>>> tables["frame_profile"]["text"].nunique() == len(Corpus(["texts/news/", "oped"]))
True

Modules, one step each: :mod:`~kit.corpus.documents` (which texts), :mod:`~kit.corpus.analyses`
(what is computed per text), :mod:`~kit.corpus.execute` (on which executor, in batches, with
progress), :mod:`~kit.corpus.tables` (the corpus-level tables).
"""

from kit.corpus.analyses import ANALYSES, Plan, is_official, sentiment_summary, sourcing_summary, text_row
from kit.corpus.documents import Corpus, resolve_sources
from kit.corpus.execute import SerialExecutor, TextResult, analyse_batch, batch_size_for, run_plan
from kit.corpus.tables import (
    DEFAULT_ANALYSES,
    CorpusTables,
    analyse,
    frame_profiles,
    quote_tables,
    sentiment_summaries,
    sourcing_summaries,
    voice_tables,
)

__all__ = [
    "ANALYSES",
    "DEFAULT_ANALYSES",
    "Corpus",
    "CorpusTables",
    "Plan",
    "SerialExecutor",
    "TextResult",
    "analyse",
    "analyse_batch",
    "batch_size_for",
    "frame_profiles",
    "is_official",
    "quote_tables",
    "resolve_sources",
    "run_plan",
    "sentiment_summaries",
    "sentiment_summary",
    "sourcing_summaries",
    "sourcing_summary",
    "text_row",
    "voice_tables",
]
