"""Two parts of one text compared (by default the sentences with quotes against the rest), and an ablation.

The comparison is descriptive (Krippendorff 2004, ch. 10 on the analysis of content units): sizes,
mean sentence sentiment (Hutto & Gilbert 2014; TextBlob's pattern analyser), frame hits per 100
words (Boydstun et al. 2014 codebook) and sourcing, side by side. :func:`ablation` shows the text's
frame profile with and without one segment.

This module is the comparison step. What a segment is and how it is resolved (from the front matter
or a parameter, and the default pair of any text) is :mod:`kit.segment`; the difference test on
sentence values is :mod:`kit.significance`. Their public names are importable from here too, so
``from kit.compare import resolve_segment`` keeps working.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from kit import segment  # ANALYSES is read at call time: tests replace it there
from kit.errors import SegmentError
from kit.segment import (
    ANALYSES,
    AUTHOR_SEGMENT,
    DEFINING_KEYS,
    OPENING_SEGMENT,
    OPTIONAL_KEYS,
    REST_SEGMENT,
    SPEECH_SEGMENT,
    Analyses,
    Segment,
    default_frame,
    default_pair,
    default_segments,
    keyword_hits,
    lesson_pair,
    resolve_segment,
    segment_pair,
    segments,
)
from kit.significance import (
    FEW_SENTENCES,
    MIN_BOOTSTRAP,
    SENTIMENT_MEASURES,
    TEST_COLUMNS,
    bootstrap_interval,
    difference_test,
    permutation_test,
    sentence_values,
)
from kit.text import Document

__all__ = [
    "ABLATION_COLUMNS",
    "ANALYSES",
    "AUTHOR_SEGMENT",
    "COMPARISON_COLUMNS",
    "DEFINING_KEYS",
    "FEW_SENTENCES",
    "MIN_BOOTSTRAP",
    "OPENING_SEGMENT",
    "OPTIONAL_KEYS",
    "REST_SEGMENT",
    "SENTIMENT_MEASURES",
    "SPEECH_SEGMENT",
    "TEST_COLUMNS",
    "Analyses",
    "Segment",
    "ablation",
    "bootstrap_interval",
    "compare",
    "default_frame",
    "default_pair",
    "default_segments",
    "difference_test",
    "keyword_hits",
    "lesson_pair",
    "permutation_test",
    "resolve_segment",
    "segment_pair",
    "segments",
    "sentence_values",
    "side_by_side",
]


COMPARISON_COLUMNS = ["segment", "measure", "family", "value", "n_sentences", "n_words", "evidence"]
ABLATION_COLUMNS = [
    "frame",
    "label",
    "hits_before",
    "hits_after",
    "hits_removed",
    "share_before",
    "share_after",
    "change_pp",
    "per_100_words_before",
    "per_100_words_after",
]


# ------------------------------------------------------------------ the comparison table


def _fmt(value: float) -> str:
    return f"{value:+.3f}"


def _sentence_words(doc: Document, seg: Segment) -> dict[str, int]:
    wanted = set(seg.sentence_ids)
    return {s.id: s.n_words for s in doc.sentences if s.id in wanted}


def _quote_overlaps(q: Any, spans: list[tuple[int, int]]) -> bool:
    return any(q.start < end and start < q.end for start, end in spans)


def compare(doc: Document, a: Any, b: Any, codebook: str = "mfc") -> pd.DataFrame:
    """Compare two segments side by side: one row per (measure, segment) in a tidy long table.

    Columns: ``segment``, ``measure``, ``family`` (size | sentiment | frames | voices), ``value``,
    ``n_sentences``, ``n_words``, ``evidence`` (the sentence ids, scores or words behind the value).
    Measures, in this order, each for segment ``a`` then ``b``:

    - ``n_sentences``, ``n_words``;
    - ``mean_textblob_polarity``, ``mean_textblob_subjectivity``, ``mean_vader_compound``: the
      unweighted mean of sentence scores (:func:`kit.sentiment.score`; Hutto & Gilbert 2014);
    - ``frame:<id>``: hits of that frame per 100 words of the segment (:func:`kit.framing.code`,
      Boydstun et al. 2014), for every frame with a hit in either segment, in codebook order;
    - ``direct_quote_word_share``: share (0-1) of the segment's words inside direct quotes;
      ``n_quotes``: quotes of any kind overlapping the segment; ``n_speakers``: distinct named
      speakers of those quotes (:func:`kit.quotes.extract`).

    Segments may overlap; each is measured on its own sentences.
    """
    seg_a, seg_b = segment_pair(doc, a, b, codebook)
    scores = segment.ANALYSES.sentence_scores(doc)
    hits = segment.ANALYSES.frame_hits(doc, codebook)
    quotes = segment.ANALYSES.quotes(doc)
    order = segment.ANALYSES.frame_order(codebook)
    return _comparison_table(doc, (seg_a, seg_b), scores, hits, quotes, order)


#: One measure of one segment: (segment, measure, family, value, evidence).
Measure = tuple[Segment, str, str, float, str]


def _comparison_table(
    doc: Document,
    segs: tuple[Segment, Segment],
    scores: pd.DataFrame,
    hits: pd.DataFrame,
    quotes: list[Any],
    frame_order: Sequence[str],
) -> pd.DataFrame:
    words = {seg.name: _sentence_words(doc, seg) for seg in segs}
    measures = [
        *_size_measures(segs, words),
        *_sentiment_measures(segs, scores),
        *_frame_measures(segs, words, hits, frame_order),
        *_voice_measures(doc, segs, quotes),
    ]
    rows = [
        {
            "segment": seg.name,
            "measure": measure,
            "family": family,
            "value": float(value),
            "n_sentences": len(words[seg.name]),
            "n_words": sum(words[seg.name].values()),
            "evidence": evidence,
        }
        for seg, measure, family, value, evidence in measures
    ]
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def _size_measures(segs: tuple[Segment, Segment], words: dict[str, dict[str, int]]) -> list[Measure]:
    """Sentences and words of each segment, the sentence ids (and their word counts) as evidence."""
    found: list[Measure] = [(seg, "n_sentences", "size", len(seg.sentence_ids), "; ".join(seg.sentence_ids)) for seg in segs]
    for seg in segs:
        counts = words[seg.name]
        found.append((seg, "n_words", "size", sum(counts.values()), "; ".join(f"{sid}={n}" for sid, n in counts.items())))
    return found


def _sentiment_measures(segs: tuple[Segment, Segment], scores: pd.DataFrame) -> list[Measure]:
    """The mean of each sentiment score over a segment's sentences, each sentence's score as evidence."""
    by_unit = scores.set_index("unit")
    found: list[Measure] = []
    for column in ("textblob_polarity", "textblob_subjectivity", "vader_compound"):
        for seg in segs:
            values = by_unit.loc[list(seg.sentence_ids), column].astype(float)
            evidence = "; ".join(f"{sid}={_fmt(v)}" for sid, v in values.items())
            found.append((seg, f"mean_{column}", "sentiment", float(values.mean()), evidence))
    return found


def _frame_measures(
    segs: tuple[Segment, Segment], words: dict[str, dict[str, int]], hits: pd.DataFrame, frame_order: Sequence[str]
) -> list[Measure]:
    """Hits per 100 words of every frame with a hit in either segment (codebook order), the hits as evidence."""
    in_seg = {seg.name: hits[hits["unit"].isin(seg.sentence_ids)] for seg in segs}
    hit_frames = set().union(*(set(h["frame"]) for h in in_seg.values()))
    frames = [f for f in frame_order if f in hit_frames] + sorted(hit_frames - set(frame_order))
    found: list[Measure] = []
    for frame in frames:
        for seg in segs:
            n_words = sum(words[seg.name].values())
            mine = in_seg[seg.name][in_seg[seg.name]["frame"] == frame]
            per_100 = 100.0 * len(mine) / n_words if n_words else 0.0
            evidence = (
                f"{len(mine)} hits"
                + (": " if len(mine) else "")
                + "; ".join(f"{u}:{m}" for u, m in zip(mine["unit"], mine["matched"], strict=True))
            )
            found.append((seg, f"frame:{frame}", "frames", per_100, evidence))
    return found


def _voice_measures(doc: Document, segs: tuple[Segment, Segment], quotes: list[Any]) -> list[Measure]:
    """Share of words in direct quotes, quotes and named speakers of each segment, the quotes as evidence."""
    found: list[Measure] = []
    spans = {seg.name: [(doc.unit(sid).start, doc.unit(sid).end) for sid in seg.sentence_ids] for seg in segs}
    for seg in segs:
        direct = [q for q in quotes if q.kind == "direct" and _quote_overlaps(q, spans[seg.name])]
        tokens = [t for sid in seg.sentence_ids for t in doc.unit(sid).tokens]
        inside = [t for t in tokens if any(q.start <= t.start and t.end <= q.end for q in direct)]
        share = len(inside) / len(tokens) if tokens else 0.0
        evidence = f"{len(inside)} of {len(tokens)} words in {len(direct)} direct quote(s)"
        if direct:
            evidence += ": " + "; ".join(f"{q.unit} ({q.speaker or 'unattributed'})" for q in direct)
        found.append((seg, "direct_quote_word_share", "voices", share, evidence))
    seg_quotes = {seg.name: [q for q in quotes if _quote_overlaps(q, spans[seg.name])] for seg in segs}
    for seg in segs:
        evidence = "; ".join(f"{q.unit} {q.kind} ({q.speaker or 'unattributed'})" for q in seg_quotes[seg.name])
        found.append((seg, "n_quotes", "voices", len(seg_quotes[seg.name]), evidence))
    for seg in segs:
        named = sorted({q.speaker for q in seg_quotes[seg.name] if q.speaker})
        unattributed = sum(1 for q in seg_quotes[seg.name] if not q.speaker)
        evidence = "; ".join(named) + (f" (+{unattributed} unattributed)" if unattributed else "")
        found.append((seg, "n_speakers", "voices", len(named), evidence))
    return found


def side_by_side(comparison: pd.DataFrame) -> pd.DataFrame:
    """The :func:`compare` table as one row per measure and one column per segment (order kept)."""
    measures = list(dict.fromkeys(comparison["measure"]))
    names = list(dict.fromkeys(comparison["segment"]))
    wide = comparison.pivot(index="measure", columns="segment", values="value")
    wide = wide.loc[measures, names]
    wide.columns.name = None
    return wide


# ------------------------------------------------------------------ ablation


def ablation(doc: Document, remove: Any, codebook: str = "mfc") -> pd.DataFrame:
    """The text's frame profile before and after removing a segment (Krippendorff 2004 on sampling units).

    One row per frame of the codebook, in codebook order: ``hits_before`` (whole text),
    ``hits_after`` (without the segment), ``hits_removed``, ``share_before`` / ``share_after``
    (the frame's share of all frame hits, 0-1, via :func:`kit.framing.frame_profile`) and
    ``change_pp`` (change of share in percentage points), and hits per 100 words before and
    after (the profile's own denominator: words of the selection). A frame whose share rises after the
    removal was diluted by the segment; one whose share falls was carried by it.
    """
    seg = resolve_segment(doc, remove, codebook)
    removed = set(seg.sentence_ids)
    kept = [s.id for s in doc.sentences if s.id not in removed]
    if not kept:
        raise SegmentError(
            f"segment '{seg.name}'",
            "removing it leaves no sentence",
            "remove a smaller segment",
        )
    before = _profile(segment.ANALYSES.frame_profile(doc, codebook, None))
    after = _profile(segment.ANALYSES.frame_profile(doc, codebook, kept))
    table = before.merge(after, on="frame", how="outer", suffixes=("_before", "_after"), sort=False)
    order = {f: i for i, f in enumerate(segment.ANALYSES.frame_order(codebook))}
    table["_order"] = table["frame"].map(lambda f: order.get(f, len(order)))
    table = table.sort_values(["_order", "frame"], kind="stable").reset_index(drop=True)
    table["label"] = table["label_before"].fillna(table["label_after"]).fillna("")
    for col in ("hits_before", "hits_after"):
        table[col] = table[col].fillna(0).astype(int)
    for col in ("share_before", "share_after", "per_100_words_before", "per_100_words_after"):
        table[col] = table[col].fillna(0.0).astype(float)
    table["hits_removed"] = table["hits_before"] - table["hits_after"]
    table["change_pp"] = 100.0 * (table["share_after"] - table["share_before"])
    table.attrs["removed"] = seg.name
    table.attrs["removed_units"] = seg.sentence_ids
    return table[ABLATION_COLUMNS]


def _profile(profile: pd.DataFrame) -> pd.DataFrame:
    """Frame, label, hits, share (0-1, recomputed from hits so the scale is certain) and per 100 words."""
    hits = profile.groupby("frame", sort=False)["hits"].sum().astype(int)
    labels = (
        profile.groupby("frame", sort=False)["label"].first() if "label" in profile else pd.Series("", index=hits.index)
    )
    total = int(hits.sum())
    share = hits / total if total else hits * 0.0
    n_words = int(profile["n_words"].max()) if "n_words" in profile and len(profile) else 0
    per_100 = 100.0 * hits / n_words if n_words else hits * 0.0
    return pd.DataFrame(
        {
            "frame": hits.index,
            "label": labels.reindex(hits.index).to_numpy(),
            "hits": hits.to_numpy(),
            "share": share.to_numpy(dtype=float),
            "per_100_words": per_100.to_numpy(dtype=float),
        }
    )
