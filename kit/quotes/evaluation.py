"""Evaluation of the extractor against a human annotation: span matching, speaker matching, scores."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from kit.errors import AnnotationError
from kit.quotes.annotation import annotation_path, load_quote_annotation
from kit.quotes.extraction import quotes_table
from kit.quotes.model import KINDS
from kit.text import SPLITS, Document, list_texts, load_text

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


def match_quotes(predicted: pd.DataFrame, gold: pd.DataFrame, min_overlap: float = 0.5) -> list[tuple[int, int, float]]:
    """One-to-one matches (predicted row, gold row, overlap) between two tables with start/end.

    Two spans match when their character overlap is at least ``min_overlap`` of the *shorter*
    span; pairs are taken greedily by largest overlap ratio. Ties go to the pair whose spans are most
    alike (overlap over the union), so a span nested in two annotated ones pairs with the one it
    equals; then to the earliest gold and the earliest prediction.
    """
    if not 0 < min_overlap <= 1:
        raise AnnotationError("min_overlap", f"{min_overlap!r} is outside (0, 1]", "use e.g. 0.5")
    pairs = []
    for i, (ps, pe) in enumerate(zip(predicted["start"], predicted["end"], strict=True)):
        for j, (gs, ge) in enumerate(zip(gold["start"], gold["end"], strict=True)):
            overlap = min(pe, ge) - max(ps, gs)
            shorter = min(pe - ps, ge - gs)
            if overlap > 0 and shorter > 0 and overlap / shorter >= min_overlap:
                union = max(pe, ge) - min(ps, gs)
                pairs.append((-overlap / shorter, -overlap / union, j, i))
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for neg, _, j, i in pairs:
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
    Speaker accuracy is the share of matched quotes whose speaker names the annotated one
    (:func:`same_speaker`, the rule of :func:`corpus_evaluation` and :func:`evaluation_details` too). Undefined ratios (0/0) are NaN. Scoring follows the span-overlap
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
        correct = sum(same_speaker(p.at[i, "speaker"], g.at[j, "speaker"]) for i, j, _ in matches)
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
                "speaker_ok": same_speaker(pred.at[i, "speaker"], gold.at[j, "speaker"]),
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


# ---------------------------------------------------------------- the news corpus

#: Quote kinds pooled in each row of :func:`corpus_evaluation`'s summary.
POOLS = {"direct+mixed": ("direct", "mixed"), "indirect": ("indirect",), "all": KINDS}


def quote_corpus(split: str | None = None) -> list[str]:
    """Slugs of the texts with a quote annotation and a front-matter ``split`` (``dev``/``heldout``), sorted."""
    if split is not None and split not in SPLITS:
        raise AnnotationError("split", f"unknown split {split!r}", f"use one of {list(SPLITS)} or None for both")
    out = []
    for slug in list_texts()["slug"]:
        if not annotation_path(slug).exists():
            continue
        text_split = load_text(slug).metadata.get("split")
        if text_split in SPLITS and (split is None or text_split == split):
            out.append(slug)
    return sorted(out)


@dataclass(frozen=True)
class CorpusEvaluation:
    """What :func:`corpus_evaluation` measured: one summary row per pool, speaker accuracy by mention kind,
    and every matched quote (``pairs``)."""

    texts: tuple[str, ...]
    summary: pd.DataFrame
    by_mention: pd.DataFrame
    pairs: pd.DataFrame


def _pairs(slug: str, min_overlap: float) -> tuple[list[dict[str, Any]], dict[str, list[int]]]:
    """Matched quotes of one text per pool (with speaker verdicts) and per-pool gold/predicted counts."""
    doc = load_text(slug)
    gold = load_quote_annotation(slug, doc=doc)
    pred = quotes_table(doc)
    rows: list[dict[str, Any]] = []
    counts: dict[str, list[int]] = {}
    for pool, kinds in POOLS.items():
        p = pred[pred["kind"].isin(kinds)].reset_index(drop=True)
        g = gold[gold["kind"].isin(kinds)].reset_index(drop=True)
        matches = match_quotes(p, g, min_overlap)
        counts[pool] = [len(g), len(p), len(matches)]
        for i, j, _ in matches:
            rows.append(
                {
                    "pool": pool,
                    "text": slug,
                    "gold_id": g.at[j, "id"],
                    "gold_speaker": g.at[j, "speaker"],
                    "mention_kind": g.at[j, "mention_kind"] or "unknown",
                    "speaker": p.at[i, "speaker"],
                    "rule": p.at[i, "rule"],
                    "speaker_ok": same_speaker(p.at[i, "speaker"], g.at[j, "speaker"]),
                }
            )
    return rows, counts


def corpus_evaluation(
    texts: Iterable[str] | None = None, split: str | None = "dev", min_overlap: float = 0.5
) -> CorpusEvaluation:
    """Precision, recall, F1 and speaker accuracy of the extractor over annotated texts.

    ``texts`` (slugs) default to the news corpus of ``split`` (:func:`quote_corpus`): tune on
    ``dev``, measure ``heldout`` once. Quotes match by span overlap (:func:`match_quotes`); a speaker
    is right when it names the annotated speaker (:func:`same_speaker`, the rule the self-checks use).
    Summary rows: ``direct+mixed``, ``indirect`` and ``all``; ``found_with_speaker`` is the share of
    annotated quotes found *and* given the right speaker. ``by_mention`` breaks the speaker accuracy
    of matched direct and mixed quotes down by the annotation's ``mention_kind`` (name, pronoun,
    role, organisation, document, continuation).
    """
    slugs = tuple(quote_corpus(split) if texts is None else texts)
    if not slugs:
        raise AnnotationError("texts", f"no annotated text in split {split!r}", "pass slugs with an annotation file")
    pairs: list[dict[str, Any]] = []
    totals = {pool: [0, 0, 0] for pool in POOLS}
    for slug in slugs:
        rows, counts = _pairs(slug, min_overlap)
        pairs += rows
        for pool, values in counts.items():
            totals[pool] = [a + b for a, b in zip(totals[pool], values, strict=True)]
    table = pd.DataFrame(
        pairs, columns=["pool", "text", "gold_id", "gold_speaker", "mention_kind", "speaker", "rule", "speaker_ok"]
    )
    summary = []
    for pool, (n_gold, n_pred, n_match) in totals.items():
        correct = int(table.loc[table["pool"] == pool, "speaker_ok"].sum())
        precision, recall = _ratio(n_match, n_pred), _ratio(n_match, n_gold)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else float("nan")
        summary.append(
            {
                "kind": pool,
                "gold": n_gold,
                "predicted": n_pred,
                "matched": n_match,
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "speaker_correct": correct,
                "speaker_accuracy": _ratio(correct, n_match),
                "found_with_speaker": _ratio(correct, n_gold),
            }
        )
    direct = table[table["pool"] == "direct+mixed"]
    by_mention = (
        direct.groupby("mention_kind", sort=True)["speaker_ok"]
        .agg(matched="size", speaker_correct="sum")
        .reset_index()
        .astype({"matched": "int64", "speaker_correct": "int64"})
    )
    by_mention["speaker_accuracy"] = by_mention["speaker_correct"] / by_mention["matched"]
    return CorpusEvaluation(slugs, pd.DataFrame(summary), by_mention, table)
