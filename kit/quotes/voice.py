"""Voices: whose words each sentence carries, who the speakers are, and how much each one says."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kit.quotes.extraction import extract, n_words, run_extraction, unit_of
from kit.quotes.model import SENTENCE_VOICE_COLUMNS, SPEAKER_COLUMNS, UNATTRIBUTED, VOICE_COLUMNS
from kit.text import Document, accepts_text
from kit.tidy import table_of_rows


@accepts_text
def sentence_voices(doc: Document, cues: str | Path | None = None) -> pd.DataFrame:
    """Whose words is each sentence? One row per sentence: ``unit``, ``start``, ``end``, ``n_words``,
    ``quoted_words`` (words inside direct or mixed quotes), ``voice`` and ``speakers``.

    ``voice`` is ``"direct quote"`` when at least half of the sentence's words are inside a direct or
    mixed quote, ``"partly quoted"`` when fewer are, ``"reported"`` when it carries a reported
    statement, else ``"author"``.

    >>> from kit.text import from_string
    >>> sentence_voices(from_string("“We won the war today,” Ann Lee said. Ann Lee said the talks failed. It rained."))["voice"].tolist()
    ['direct quote', 'reported', 'author']
    """
    quotes = sorted(extract(doc, cues), key=lambda q: (q.start, q.end))
    quoted_spans = _merged((q.start, q.end) for q in quotes if q.kind != "indirect")
    rows = []
    next_quote = 0  # quotes before this index start before the current sentence ends
    active: list = []  # quotes that may overlap the current sentence
    span_index = 0
    for sentence in doc.sentences:
        while next_quote < len(quotes) and quotes[next_quote].start < sentence.end:
            active.append(quotes[next_quote])
            next_quote += 1
        active = [q for q in active if q.end > sentence.start]
        touching = [q for q in active if q.start < sentence.end]
        quoted = 0
        for t in sentence.tokens:
            while span_index < len(quoted_spans) and quoted_spans[span_index][1] < t.end:
                span_index += 1
            if span_index < len(quoted_spans) and quoted_spans[span_index][0] <= t.start:
                quoted += 1
        voice = _voice(sentence.n_words, quoted, touching)
        speakers = sorted({q.speaker or UNATTRIBUTED for q in touching}) if voice != "author" else []
        rows.append(
            {
                "unit": sentence.id,
                "start": sentence.start,
                "end": sentence.end,
                "n_words": sentence.n_words,
                "quoted_words": quoted,
                "voice": voice,
                "speakers": "; ".join(speakers),
            }
        )
    return pd.DataFrame(rows, columns=SENTENCE_VOICE_COLUMNS)


def _merged(spans) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones merged: the stretches of the body inside a direct or mixed quote."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _voice(n_words: int, quoted: int, touching: list) -> str:
    if n_words and quoted * 2 >= n_words:
        return "direct quote"
    if quoted:
        return "partly quoted"
    if any(q.kind == "indirect" for q in touching):
        return "reported"
    return "author"


@accepts_text
def speakers(doc: Document, cues: str | Path | None = None) -> pd.DataFrame:
    """One row per speaker: canonical name, kind, description, first mention.

    ``kind`` is ``person``, ``organisation`` (``the ministry``, ``World Health Organization``),
    ``document`` (``a letter seen by the newspaper``), ``group`` (people: ``junta officials``) or
    ``unnamed`` (one unnamed person: ``one expert``); the head nouns are listed in ``cues.yml``.

    The description is the appositive that introduces the source (``Jason Tower, Myanmar Country
    Director at ...``), else a title written before the name (``Russian President``). The first mention
    is the earliest place the speaker is named in the body (the full name or a quote's mention).

    >>> from kit.text import from_string
    >>> speakers(from_string("Ann Lee, a lawyer, told me the vote was rigged."))[["speaker", "kind", "description"]].values.tolist()
    [['Ann Lee', 'person', 'a lawyer']]
    """
    found = run_extraction(doc, cues)
    body = doc.body
    starts = [s.start for s in doc.sentences]
    ids = [s.id for s in doc.sentences]
    rows = []
    for name in sorted({q.speaker for q in found.quotes if q.speaker}):
        spans = [(q.mention_start, q.mention_end) for q in found.quotes if q.speaker == name and q.mention_start >= 0]
        m = re.search(rf"(?<![\w\-]){re.escape(name)}(?![\w\-])", body)
        if m:
            spans.append((m.start(), m.end()))
        a, b = min(spans) if spans else (-1, -1)
        rows.append(
            {
                "speaker": name,
                "kind": found.kinds.get(name, "person"),
                "description": found.descriptions.get(name, ""),
                "first_mention": body[a:b] if a >= 0 else "",
                "unit": unit_of(starts, ids, a) if a >= 0 else "",
                "start": a,
                "end": b,
            }
        )
    rows.sort(key=lambda row: (row["start"], row["speaker"]))
    return table_of_rows(rows, SPEAKER_COLUMNS, {"start": "int64", "end": "int64"})


@accepts_text
def voices(doc: Document, cues: str | Path | None = None) -> pd.DataFrame:
    """Who speaks and how much: one row per speaker, sorted by words quoted (desc), then name.

    ``direct_quotes`` counts direct quotations (continuations included); ``reported_statements``
    counts indirect and mixed ones; ``words_quoted`` is the number of words of content attributed to
    the speaker (direct or reported); ``share_of_quoted_words`` divides it by all attributed words.
    Quotes with no speaker are grouped under ``(unattributed)``.

    >>> from kit.text import from_string
    >>> doc = from_string("“We won,” Ann Lee said. Bo Tan said the count was wrong. “It is over,” he said.")
    >>> voices(doc)[["speaker", "direct_quotes", "reported_statements", "words_quoted"]].values.tolist()
    [['Bo Tan', 1, 1, 7], ['Ann Lee', 1, 0, 2]]
    """
    found = run_extraction(doc, cues)
    named = {q.speaker for q in found.quotes if q.speaker}  # the rows of speakers(), read from the same pass
    rows: dict[str, dict[str, Any]] = {}
    for q in found.quotes:
        name = q.speaker or UNATTRIBUTED
        known = name in named
        row = rows.setdefault(
            name,
            {
                "speaker": name,
                "kind": found.kinds.get(name, "person") if known else "unnamed",
                "description": found.descriptions.get(name, "") if known else "",
                "direct_quotes": 0,
                "reported_statements": 0,
                "words_quoted": 0,
            },
        )
        row["direct_quotes" if q.kind == "direct" else "reported_statements"] += 1
        row["words_quoted"] += n_words(q.text)
    ordered = sorted(rows.values(), key=lambda row: (-row["words_quoted"], row["speaker"]))
    total = sum(row["words_quoted"] for row in ordered)
    for row in ordered:
        row["share_of_quoted_words"] = row["words_quoted"] / total if total else np.nan
    counts = {"direct_quotes": "int64", "reported_statements": "int64", "words_quoted": "int64"}
    return table_of_rows(ordered, VOICE_COLUMNS, counts | {"share_of_quoted_words": "float64"})
