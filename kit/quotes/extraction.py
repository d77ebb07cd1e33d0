"""Quote extraction, one step after another: for each paragraph pair the quotation marks, attribute
direct quotes by their cues, find reported speech, keep the quotations with no cue; then resolve
every speaker in reading order. ``extract``, ``quotes_table`` and ``quoted_terms`` are the public calls.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from kit.quotes.cues import CueSet, compiled_cues
from kit.quotes.direct import attributed_quotes, uncued_quotations
from kit.quotes.model import QUOTE_COLUMNS, TERM_COLUMNS, Draft, Quote
from kit.quotes.names import NameIndex
from kit.quotes.paragraph import read_paragraph
from kit.quotes.reported import according_reports, claim_reports, participle_reports, verb_reports
from kit.quotes.resolution import Resolver
from kit.quotes.single_marks import double_marked
from kit.recent import Recent
from kit.text import WORD_RE, Document, accepts_text
from kit.tidy import table_of_rows


@dataclass
class Extraction:
    """Everything one pass over a Document found: quotes, quoted terms, speaker kinds and descriptions."""

    quotes: list[Quote]
    terms: list[tuple[int, int]]
    kinds: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)


def _drafts(doc: Document, cues: CueSet, names: NameIndex) -> tuple[list[Draft], list[tuple[int, int]]]:
    drafts: list[Draft] = []
    terms: list[tuple[int, int]] = []
    for index in range(len(doc.paragraphs)):
        view = read_paragraph(doc, index, cues)
        drafts += attributed_quotes(view, cues, names)
        drafts += verb_reports(view, cues, names)
        drafts += according_reports(view, cues, names)
        drafts += participle_reports(view, cues, names)
        drafts += claim_reports(view, cues, names)
        uncued, quoted = uncued_quotations(view, cues)
        drafts += uncued
        terms += quoted
    return drafts, terms


def unit_of(sentence_starts: list[int], sentence_ids: list[str], offset: int) -> str:
    """The id of the sentence holding ``offset`` (``""`` for a text with no sentences)."""
    if not sentence_ids:
        return ""
    return sentence_ids[max(bisect_right(sentence_starts, offset) - 1, 0)]


#: The extractions of the last few (Document, cue set) pairs: quotes, voices, speakers and the corpus's
#: sourcing summary each ask for the same pass over the same text. Documents and cue sets are immutable
#: and compared by identity (an edited cue file is a new cue set), so a kept pass cannot go stale.
_RECENT_EXTRACTIONS: Recent[Extraction] = Recent(kept=8)


def forget_extractions() -> None:
    """Drop the kept extraction passes (benchmarks time a fresh pass with it)."""
    _RECENT_EXTRACTIONS.clear()


def run_extraction(doc: Document, cues: str | Path | None = None) -> Extraction:
    """One pass of the extractor over ``doc`` with the cue file ``cues`` (default ``kit/quotes/cues.yml``).

    A pass already made over the same Document with the same cue set is not made again; the caller
    gets its own lists and dicts either way.
    """
    cue_set = compiled_cues(cues)
    found = _RECENT_EXTRACTIONS.get((doc, cue_set), lambda: _extraction(doc, cue_set))
    return Extraction(list(found.quotes), list(found.terms), dict(found.kinds), dict(found.descriptions))


def _extraction(doc: Document, cue_set: CueSet) -> Extraction:
    marked = double_marked(doc)  # a text quoting with single marks is read with them written double
    names = NameIndex(marked.body, cue_set)
    drafts, terms = _drafts(marked, cue_set, names)
    resolver = Resolver(marked, names, drafts)
    resolver.resolve()
    starts = [s.start for s in doc.sentences]
    ids = [s.id for s in doc.sentences]
    body = doc.body
    quotes = [
        Quote(
            kind=it.kind,
            text=body[it.start : it.end],
            start=it.start,
            end=it.end,
            speaker=it.speaker,
            speaker_mention=it.mention,
            mention_start=it.m_start,
            mention_end=it.m_end,
            cue=it.cue,
            cue_start=it.cue_start,
            cue_end=it.cue_end,
            unit=unit_of(starts, ids, it.start),
            rule=it.rule,
            flag=it.flag,
        )
        for it in sorted(drafts, key=lambda it: (it.start, it.end, it.rule))
    ]
    return Extraction(quotes, terms, resolver.kinds, resolver.descriptions)


@accepts_text
def extract(doc: Document, cues: str | Path | None = None) -> list[Quote]:
    """Direct, indirect and mixed quotes of ``doc``, sorted by start (speech only, never quoted terms).

    Rule-based attribution after Pareti et al. (2013) and the Gender Gap Tracker (Asr et al. 2021);
    cue lists from ``kit/quotes/cues.yml`` (or the file ``cues``).

    >>> from kit.text import from_string
    >>> [(q.kind, q.text, q.speaker, q.rule) for q in extract(from_string("“We won,” Ann Lee said."))]
    [('direct', 'We won,', 'Ann Lee', 'direct:quote-comma-name-verb')]
    """
    return list(run_extraction(doc, cues).quotes)


def n_words(text: str) -> int:
    """The number of words in ``text`` (the kit's word pattern)."""
    return len(WORD_RE.findall(text))


@accepts_text
def quotes_table(doc: Document, cues: str | Path | None = None) -> pd.DataFrame:
    """One row per quote: the :class:`Quote` fields plus ``n_words``, sorted by start.

    >>> from kit.text import from_string
    >>> quotes_table(from_string("Ann Lee said the talks failed."))[["kind", "speaker", "cue", "text"]].values.tolist()
    [['indirect', 'Ann Lee', 'said', 'the talks failed']]
    """
    rows = [{**asdict(q), "n_words": n_words(q.text)} for q in extract(doc, cues)]
    return table_of_rows(
        rows,
        QUOTE_COLUMNS,
        {c: "int64" for c in ("start", "end", "mention_start", "mention_end", "cue_start", "cue_end", "n_words")},
    )


@accepts_text
def quoted_terms(doc: Document, cues: str | Path | None = None) -> pd.DataFrame:
    """Scare quotes and quoted terms (short quotations with no cue): ``unit``, ``text``, ``start``, ``end``.

    >>> from kit.text import from_string
    >>> quoted_terms(from_string("Critics call the plan a “masterstroke”."))["text"].tolist()
    ['masterstroke']
    """
    found = run_extraction(doc, cues)
    starts = [s.start for s in doc.sentences]
    ids = [s.id for s in doc.sentences]
    rows = [
        {"unit": unit_of(starts, ids, a), "text": doc.body[a:b], "start": a, "end": b} for a, b in sorted(found.terms)
    ]
    return pd.DataFrame(rows, columns=TERM_COLUMNS).astype({"start": "int64", "end": "int64"})
