"""Sentence and paragraph scores with both lexicons: :func:`score`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from kit.errors import SentimentError
from kit.sentiment.analysers import Analysers, analysers_for, unscored_reason
from kit.sentiment.overrides import Overrides
from kit.sentiment.vader import vader_scores
from kit.text import Document, as_document
from kit.tidy import table_of_rows

#: Columns of :func:`score`, in order.
SCORE_COLUMNS = [
    "unit",
    "paragraph_id",
    "start",
    "end",
    "n_words",
    "text",
    "textblob_polarity",
    "textblob_subjectivity",
    "vader_compound",
    "vader_pos",
    "vader_neu",
    "vader_neg",
    "reason",
    "overrides",
]
#: The numeric scores of :func:`score` (per unit), in order.
SCORE_MEASURES = tuple(SCORE_COLUMNS[6:12])
_SCORE_NUMBERS = list(SCORE_MEASURES)


# ---------------------------------------------------------------- score


def _zero_scores() -> dict[str, float]:
    return dict.fromkeys(_SCORE_NUMBERS, 0.0)


def _score_text(an: Analysers, text: str) -> dict[str, float]:
    polarity, subjectivity = an.textblob(text)[:2]
    vader = vader_scores(an.vader, text)
    return {
        "textblob_polarity": float(polarity),
        "textblob_subjectivity": float(subjectivity),
        "vader_compound": vader["compound"],
        "vader_pos": vader["pos"],
        "vader_neu": vader["neu"],
        "vader_neg": vader["neg"],
    }


def sentiment_document(doc: Any, function: str) -> Document:
    return as_document(doc, function, SentimentError)


def score(doc: Document | str, unit: str = "sentence", overrides: str | Path | Overrides | None = None) -> pd.DataFrame:
    """TextBlob and VADER scores, one row per sentence or paragraph (Hutto & Gilbert 2014; De Smedt & Daelemans 2012).

    Columns: ``unit``, ``paragraph_id``, ``start``, ``end``, ``n_words``, ``text``,
    ``textblob_polarity`` [-1, 1], ``textblob_subjectivity`` [0, 1], ``vader_compound`` [-1, 1],
    ``vader_pos``, ``vader_neu``, ``vader_neg`` (shares, sum 1), ``reason`` and ``overrides``.
    Numbers are full precision (round them only to display). ``df.attrs["overrides"]`` and the
    ``overrides`` column name the override set ("" = stock lexicons).

    Sentences are scored by each library as shipped (VADER's ``compound`` here is not rounded to
    4 decimals as ``polarity_scores`` does). A **paragraph** is the mean of its sentences' scores
    weighted by their word counts, because VADER's compound saturates towards +-1 on long texts.

    Units that cannot be scored get zeros and a ``reason``: "empty text", "no words ..."
    (punctuation or emoji only), "not English ..." (the document's ``language`` metadata, a
    non-Latin script, or more than a third of its lower-case words unknown to an English word
    list). Paragraph scores skip such sentences and say how many were skipped.

    >>> from kit.text import from_string
    >>> df = score(from_string("The book was good. The book was bad."))
    >>> df[["unit", "vader_compound"]].round(4).values.tolist()
    [['p01.s1', 0.4404], ['p01.s2', -0.5423]]
    """
    document = sentiment_document(doc, "score")
    if unit not in ("sentence", "paragraph"):
        raise SentimentError(None, f"unknown unit {unit!r}", "use unit='sentence' or unit='paragraph'")
    an = analysers_for(overrides)
    language = document.metadata.get("language")
    rows = []
    for s in document.sentences:
        reason = unscored_reason(s.text, [t.text for t in s.tokens], language)
        numbers = _zero_scores() if reason else _score_text(an, s.text)
        rows.append(
            {
                **s.row(),
                **numbers,
                "reason": reason,
                "overrides": an.name,
            }
        )
    if unit == "paragraph":
        rows = _paragraph_rows(document, rows, an.name)
    frame = table_of_rows(
        rows, SCORE_COLUMNS, {c: "float64" for c in _SCORE_NUMBERS} | {"start": "int64", "end": "int64", "n_words": "int64"}
    )
    frame.attrs["overrides"] = an.name
    frame.attrs["overrides_source"] = str(an.overrides.source) if an.overrides and an.overrides.source else ""
    frame.attrs["unit"] = unit
    return frame


def _paragraph_rows(document: Document, sentence_rows: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    by_paragraph: dict[str, list[dict[str, Any]]] = {}
    for row in sentence_rows:
        by_paragraph.setdefault(row["paragraph_id"], []).append(row)
    rows = []
    for p in document.paragraphs:
        members = by_paragraph.get(p.id, [])
        scored = [r for r in members if not r["reason"]]
        weight = sum(r["n_words"] for r in scored)
        if weight:
            numbers = {c: sum(r[c] * r["n_words"] for r in scored) / weight for c in _SCORE_NUMBERS}
        else:
            numbers = _zero_scores()
        skipped = [r for r in members if r["reason"]]
        if not weight:
            reason = skipped[0]["reason"] if skipped else unscored_reason(p.text, [t.text for t in p.tokens])
            reason = reason or "no words"
        elif skipped:
            reason = f"{len(skipped)} of {len(members)} sentences not scored ({skipped[0]['unit']}: {skipped[0]['reason']})"
        else:
            reason = ""
        rows.append(
            {
                "unit": p.id,
                "paragraph_id": p.id,
                "start": p.start,
                "end": p.end,
                "n_words": p.n_words,
                "text": p.text,
                **numbers,
                "reason": reason,
                "overrides": name,
            }
        )
    return rows
