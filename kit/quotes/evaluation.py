"""Evaluation of the extractor against a human annotation: span matching, speaker matching, scores."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from kit.errors import AnnotationError
from kit.quotes.annotation import load_quote_annotation
from kit.quotes.extraction import quotes_table
from kit.quotes.model import KINDS
from kit.text import Document

#: Words that do not tell two speakers apart: articles, number words and titles.
SPEAKER_NOISE_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "one",
        "some",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "dame",
        "professor",
        "president",
        "general",
        "senior",
    }
)


def speaker_words(name: Any) -> frozenset[str]:
    """The words of a speaker name that identify the speaker (lower case; articles and titles dropped).

    >>> sorted(speaker_words("President Vladimir Putin"))
    ['putin', 'vladimir']
    """
    return frozenset(w for w in re.findall(r"\w+", str(name).lower()) if w not in SPEAKER_NOISE_WORDS)


def same_speaker(given: Any, canonical: Any) -> bool:
    """Whether two names refer to the same speaker: the words of one contain the other's.

    ``"Putin"`` and ``"President Putin"`` name ``"Vladimir Putin"``; ``"an expert"`` names
    ``"one expert"``; an empty name or one made only of titles names nobody.

    >>> same_speaker("Putin", "Vladimir Putin"), same_speaker("Tower", "Zachary Abuza")
    (True, False)
    """
    a, b = speaker_words(given), speaker_words(canonical)
    return bool(a) and bool(b) and (a <= b or b <= a)


def span_overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two spans as a fraction of the shorter one (the kit's quote-matching rule).

    >>> span_overlap((0, 10), (5, 20)), span_overlap((0, 4), (4, 8))
    (0.5, 0.0)
    """
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return inter / shorter if inter > 0 and shorter > 0 else 0.0


def _norm(name: Any) -> str:
    return " ".join(str(name or "").split()).lower()


def match_quotes(predicted: pd.DataFrame, gold: pd.DataFrame, min_overlap: float = 0.5) -> list[tuple[int, int, float]]:
    """One-to-one matches (predicted row, gold row, overlap) between two tables with start/end.

    Two spans match when their character overlap is at least ``min_overlap`` of the *shorter*
    span; pairs are taken greedily by largest overlap ratio (ties: earliest gold, earliest prediction).
    """
    if not 0 < min_overlap <= 1:
        raise AnnotationError("min_overlap", f"{min_overlap!r} is outside (0, 1]", "use e.g. 0.5")
    pairs = []
    for i, (ps, pe) in enumerate(zip(predicted["start"], predicted["end"], strict=True)):
        for j, (gs, ge) in enumerate(zip(gold["start"], gold["end"], strict=True)):
            overlap = min(pe, ge) - max(ps, gs)
            shorter = min(pe - ps, ge - gs)
            if overlap > 0 and shorter > 0 and overlap / shorter >= min_overlap:
                pairs.append((-overlap / shorter, j, i))
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for neg, j, i in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j, -neg))
    return sorted(out, key=lambda t: (t[1], t[0]))


def gold_table(doc: Document, annotation: pd.DataFrame | str | Path | None = None) -> pd.DataFrame:
    """The annotation to score against: a table as given, a file read, or the text's own annotation file."""
    if annotation is None:
        return load_quote_annotation(doc.slug, doc=doc)
    if isinstance(annotation, pd.DataFrame):
        return annotation
    return load_quote_annotation(path=annotation, doc=doc)


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def evaluate(
    doc: Document, annotation: pd.DataFrame | str | Path | None = None, min_overlap: float = 0.5
) -> pd.DataFrame:
    """Precision, recall, F1 of quote spans and speaker accuracy, by kind: direct, reported, all.

    A predicted and an annotated quote match when their character overlap is at least
    ``min_overlap`` (default 0.5) of the shorter span, one-to-one (greedy, largest overlap first):
    lenient on where a span starts and ends (a trailing comma, "that"), strict on which statement
    it is. ``reported`` pools indirect and mixed quotes; ``all`` matches regardless of kind.
    Speaker accuracy is the share of matched quotes whose speaker equals the annotated one
    (case and spacing ignored). Undefined ratios (0/0) are NaN. Scoring follows the span-overlap
    evaluation of news quote extractors (Asr et al. 2021; Pareti 2016).
    """
    gold = gold_table(doc, annotation)
    missing = {"kind", "start", "end", "speaker"} - set(gold.columns)
    if missing:
        raise AnnotationError("annotation", f"missing column(s) {sorted(missing)}", "pass load_quote_annotation(...)")
    pred = quotes_table(doc)
    rows = []
    for label, kinds in (("direct", {"direct"}), ("reported", {"indirect", "mixed"}), ("all", set(KINDS))):
        p = pred[pred["kind"].isin(kinds)].reset_index(drop=True)
        g = gold[gold["kind"].isin(kinds)].reset_index(drop=True)
        matches = match_quotes(p, g, min_overlap)
        correct = sum(_norm(p.at[i, "speaker"]) == _norm(g.at[j, "speaker"]) for i, j, _ in matches)
        precision, recall = _ratio(len(matches), len(p)), _ratio(len(matches), len(g))
        f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else float("nan")
        rows.append(
            {
                "kind": label,
                "gold": len(g),
                "predicted": len(p),
                "matched": len(matches),
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "speaker_correct": int(correct),
                "speaker_accuracy": _ratio(int(correct), len(matches)),
            }
        )
    return pd.DataFrame(rows)


def evaluation_details(
    doc: Document, annotation: pd.DataFrame | str | Path | None = None, min_overlap: float = 0.5
) -> pd.DataFrame:
    """Every annotated and predicted quote side by side (all kinds): what matched, what was missed.

    Columns: ``gold_id``, ``gold_kind``, ``gold_start``, ``gold_end``, ``gold_speaker``, ``kind``,
    ``start``, ``end``, ``speaker``, ``rule``, ``overlap``, ``status`` (``match``, ``missed``,
    ``spurious``), ``speaker_ok``; sorted by position.
    """
    gold = gold_table(doc, annotation)
    gold = gold.reset_index(drop=True)
    pred = quotes_table(doc)
    matches = match_quotes(pred, gold, min_overlap)
    rows = []
    done_p = set()
    done_g = set()
    for i, j, ov in matches:
        done_p.add(i)
        done_g.add(j)
        rows.append(
            {
                **_gold_part(gold, j),
                **_pred_part(pred, i),
                "overlap": ov,
                "status": "match",
                "speaker_ok": _norm(pred.at[i, "speaker"]) == _norm(gold.at[j, "speaker"]),
            }
        )
    for j in range(len(gold)):
        if j not in done_g:
            rows.append(
                {**_gold_part(gold, j), **_pred_part(None, -1), "overlap": 0.0, "status": "missed", "speaker_ok": False}
            )
    for i in range(len(pred)):
        if i not in done_p:
            rows.append(
                {
                    **_gold_part(None, -1),
                    **_pred_part(pred, i),
                    "overlap": 0.0,
                    "status": "spurious",
                    "speaker_ok": False,
                }
            )
    table = pd.DataFrame(rows)
    table["_pos"] = table[["gold_start", "start"]].max(axis=1)
    return table.sort_values(["_pos", "status"], kind="stable").drop(columns="_pos").reset_index(drop=True)


def _gold_part(gold: pd.DataFrame | None, j: int) -> dict[str, Any]:
    if gold is None:
        return {"gold_id": "", "gold_kind": "", "gold_start": -1, "gold_end": -1, "gold_speaker": ""}
    return {
        "gold_id": str(gold.at[j, "id"]) if "id" in gold.columns else str(j),
        "gold_kind": gold.at[j, "kind"],
        "gold_start": int(gold.at[j, "start"]),
        "gold_end": int(gold.at[j, "end"]),
        "gold_speaker": gold.at[j, "speaker"],
    }


def _pred_part(pred: pd.DataFrame | None, i: int) -> dict[str, Any]:
    if pred is None:
        return {"kind": "", "start": -1, "end": -1, "speaker": "", "rule": ""}
    return {
        "kind": pred.at[i, "kind"],
        "start": int(pred.at[i, "start"]),
        "end": int(pred.at[i, "end"]),
        "speaker": pred.at[i, "speaker"],
        "rule": pred.at[i, "rule"],
    }
