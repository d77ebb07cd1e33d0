"""Where the two lexicons disagree, and what an override set changes: :func:`disagreements`, :func:`override_effect`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from kit.errors import SentimentError
from kit.sentiment.analysers import analysers_for
from kit.sentiment.explanations import explain_textblob, explain_unit, explain_vader
from kit.sentiment.overrides import Overrides, load_overrides
from kit.sentiment.scores import SCORE_MEASURES, score, sentiment_document
from kit.text import Document, from_string

#: Columns of :func:`disagreements`, in order.
DISAGREEMENT_COLUMNS = [
    "unit",
    "paragraph_id",
    "start",
    "end",
    "text",
    "textblob_polarity",
    "vader_compound",
    "difference",
    "why",
    "textblob_words",
    "vader_words",
]


# ---------------------------------------------------------------- disagreements


def _sign(x: float) -> int:
    x = float(x)
    return (x > 0) - (x < 0)


def _contributions(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of an explanation that are words or phrases with a non-zero valence."""
    return [r for r in rows if r["kind"] in ("word", "phrase") and r["valence"] != 0]


def _words_of(words: list[dict[str, Any]], lexicon: str) -> str:
    return ", ".join(f"{r['token']} ({r['valence']:+.2f})" for r in words if r["lexicon"] == lexicon)


def _opposite_words(words: list[dict[str, Any]]) -> list[str]:
    tb = [r for r in words if r["lexicon"] == "textblob"]
    found = []
    for v in words:
        if v["lexicon"] != "vader":
            continue
        for t in tb:
            if t["start"] < v["end"] and v["start"] < t["end"] and _sign(t["valence"]) == -_sign(v["valence"]):
                found.append(f"'{v['token']}': TextBlob {t['valence']:+.2f}, VADER {v['valence']:+.2f}")
                break
    return found


def override_effect(
    doc: Document | str,
    overrides: str | Path | Overrides,
    measure: str = "vader_compound",
    unit: str = "sentence",
    digits: int = 3,
) -> pd.DataFrame:
    """Units whose ``measure`` changes when the lexicon overrides are applied, stock score beside tuned score.

    Columns: ``unit``, ``start``, ``end``, ``text``, ``<measure>_stock``, ``<measure>_<overrides name>``,
    ``change``. A unit counts as changed when the two scores differ at ``digits`` decimals, so
    floating-point noise is not reported as an effect of the overrides.

    >>> override_effect("The strike hit the depot. The weather was fine.", "military")["unit"].tolist()
    ['p01.s1']
    """
    if measure not in SCORE_MEASURES:
        raise SentimentError(measure, "not a sentiment measure", f"use one of {', '.join(SCORE_MEASURES)}")
    document = sentiment_document(doc, "override_effect")
    tuned_set = load_overrides(overrides)
    stock = score(document, unit=unit)
    tuned = score(document, unit=unit, overrides=tuned_set)
    tuned_col = f"{measure}_{tuned_set.name}"
    table = stock[["unit", "start", "end", "text", measure]].rename(columns={measure: f"{measure}_stock"})
    table[tuned_col] = tuned[measure].to_numpy()
    table["change"] = table[tuned_col] - table[f"{measure}_stock"]
    changed = table[f"{measure}_stock"].round(digits) != table[tuned_col].round(digits)
    return table[changed].reset_index(drop=True)


def disagreements(scores: pd.DataFrame, threshold: float = 0.5) -> pd.DataFrame:
    """Units where TextBlob and VADER disagree, with the words behind each side.

    A unit is listed when (1) ``textblob_polarity`` and ``vader_compound`` have opposite signs
    (exact zeros are ignored: a lexicon that found nothing does not disagree), (2) they differ
    by more than ``threshold`` (both are on [-1, 1]), or (3) one word pulls the two scores in
    opposite directions, e.g. "bizarre": TextBlob +0.40, VADER -1.59, even when the totals agree.
    ``why`` says which; ``textblob_words`` and ``vader_words`` list each side's words with their
    valences (from :func:`explain`, with the override set recorded in ``scores``). Rows stay in
    text order; unscored units (non-empty ``reason``) are skipped.

    >>> from kit.text import from_string
    >>> d = disagreements(score(from_string("A bizarre story.")))
    >>> d["why"].tolist()
    ["opposite signs; differ by 0.72 (> 0.5); word 'bizarre': TextBlob +0.40, VADER -1.30"]
    """
    missing = [c for c in ("unit", "start", "end", "text", "textblob_polarity", "vader_compound") if c not in getattr(scores, "columns", [])]
    if not isinstance(scores, pd.DataFrame) or missing:
        raise SentimentError(None, f"scores is not a table from score() (missing {missing or 'a DataFrame'})", "pass the result of kit.sentiment.score(doc)")
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 2:
        raise SentimentError(None, f"threshold {threshold!r} is not a number between 0 and 2", "use e.g. threshold=0.5")
    source = scores.attrs.get("overrides_source") or scores.attrs.get("overrides") or None
    an = analysers_for(source)
    rows = []
    for r in scores.itertuples(index=False):
        if getattr(r, "reason", ""):
            continue
        tb, vd = float(r.textblob_polarity), float(r.vader_compound)
        why = []
        if _sign(tb) and _sign(vd) and _sign(tb) != _sign(vd):
            why.append("opposite signs")
        if abs(tb - vd) > threshold:
            why.append(f"differ by {abs(tb - vd):.2f} (> {threshold:g})")
        # plain rows, not a DataFrame per unit: building one costs more than explaining a sentence
        if ".s" in str(r.unit):
            explained = explain_textblob(an, r.text, r.start, r.unit) + explain_vader(an, r.text, r.start, r.unit)
        else:  # a paragraph or the document: sentence by sentence, as explain() does
            explained = []
            for s in from_string(r.text).sentences:
                explained.extend(explain_unit(an, s.text, r.start + s.start, s.id, None))
        ex = _contributions(explained)
        why.extend(f"word {w}" for w in _opposite_words(ex))
        if not why:
            continue
        rows.append(
            {
                "unit": r.unit,
                "paragraph_id": getattr(r, "paragraph_id", ""),
                "start": r.start,
                "end": r.end,
                "text": r.text,
                "textblob_polarity": tb,
                "vader_compound": vd,
                "difference": vd - tb,
                "why": "; ".join(why),
                "textblob_words": _words_of(ex, "textblob"),
                "vader_words": _words_of(ex, "vader"),
            }
        )
    frame = pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)
    frame.attrs["overrides"] = an.name
    frame.attrs["threshold"] = threshold
    return frame
