"""The difference test on sentence values: is the difference between two segments more than chance?

:func:`difference_test` adds an honest statistic for one measure of :func:`sentence_values` (a
sentiment column or a frame's hits per 100 words, sentence by sentence): a permutation test (Good
2005, *Permutation, Parametric and Bootstrap Tests of Hypotheses*) and a bootstrap interval (Efron &
Tibshirani 1993). Sentences of one article are not independent draws, and segments of a few sentences
cannot carry much weight: the test says so in its ``warning`` column.

The segments are resolved by :mod:`kit.segment`, and the analyses read through its
:data:`kit.segment.ANALYSES`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from kit import segment  # ANALYSES is read at call time: tests replace it there
from kit.errors import SegmentError
from kit.segment import Segment, segment_pair
from kit.sentiment import SCORE_MEASURES
from kit.text import Document

#: Per-sentence sentiment columns of :func:`kit.sentiment.score` that can be compared.
SENTIMENT_MEASURES = SCORE_MEASURES

#: Below this many sentences in a segment, :func:`difference_test` adds a warning.
FEW_SENTENCES = 10
#: Below this many sentences in a segment a percentile bootstrap interval is not reported: resampling
#: two or three values gives an interval that looks precise and means nothing.
MIN_BOOTSTRAP = 5

TEST_COLUMNS = [
    "segment_a",
    "segment_b",
    "measure",
    "n_a",
    "n_b",
    "mean_a",
    "mean_b",
    "difference",
    "p_value",
    "method",
    "n_relabelings",
    "ci_low",
    "ci_high",
    "ci_level",
    "n_bootstrap",
    "seed",
    "units_a",
    "units_b",
    "warning",
]


def permutation_test(
    a: Sequence[float], b: Sequence[float], n_permutations: int = 10_000, seed: int = 0
) -> dict[str, Any]:
    """Two-sided permutation test of the difference of means ``mean(a) - mean(b)``.

    When the number of distinct relabelings C(n_a + n_b, n_a) is at most ``n_permutations`` they
    are all enumerated and the p-value is exact (the observed labeling counts). Otherwise
    ``n_permutations`` seeded random relabelings are drawn and ``p = (count + 1) / (n + 1)``
    (Phipson & Smyth 2010), which never reports an impossible p of 0.

    >>> permutation_test([1, 2, 3], [4, 5, 6])["p_value"]  # only 2 of 20 splits are as extreme
    0.1
    >>> permutation_test([1, 1, 1], [1, 1, 1])["p_value"]
    1.0
    """
    x = np.asarray(a, dtype=float)
    y = np.asarray(b, dtype=float)
    if len(x) == 0 or len(y) == 0:
        raise SegmentError("permutation test", "a group has no values", "give both groups at least one value")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise SegmentError("permutation test", "the values contain NaN or infinity", "drop or fix those values")
    if n_permutations < 1:
        raise SegmentError("permutation test", f"n_permutations={n_permutations}", "use at least 1 (e.g. 10000)")
    pooled = np.concatenate([x, y])
    n_a, total_n = len(x), len(pooled)
    total = pooled.sum()
    observed = x.mean() - y.mean()
    tolerance = 1e-9 * max(1.0, float(np.abs(pooled).max()))

    def stats(sums_a: np.ndarray) -> np.ndarray:
        return sums_a / n_a - (total - sums_a) / (total_n - n_a)

    n_relabelings = math.comb(total_n, n_a)
    if n_relabelings <= n_permutations:
        count = 0
        for chunk in _batched(itertools.combinations(range(total_n), n_a), 4096):
            sums = pooled[np.array(chunk)].sum(axis=1)
            count += int((np.abs(stats(sums)) >= abs(observed) - tolerance).sum())
        p_value = count / n_relabelings
        method = f"exact permutation ({n_relabelings} relabelings)"
        used = n_relabelings
    else:
        rng = np.random.default_rng(seed)
        count = 0
        remaining = n_permutations
        while remaining:
            size = min(remaining, max(1, 2_000_000 // total_n))
            shuffled = rng.permuted(np.tile(pooled, (size, 1)), axis=1)
            sums = shuffled[:, :n_a].sum(axis=1)
            count += int((np.abs(stats(sums)) >= abs(observed) - tolerance).sum())
            remaining -= size
        p_value = (count + 1) / (n_permutations + 1)
        method = f"Monte Carlo permutation ({n_permutations} relabelings, seed {seed})"
        used = n_permutations
    return {"difference": float(observed), "p_value": float(p_value), "method": method, "n_relabelings": used}


def _batched(iterable: Iterable[Any], size: int) -> Iterable[list[Any]]:
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def bootstrap_interval(
    a: Sequence[float], b: Sequence[float], n_bootstrap: int = 10_000, seed: int = 0, level: float = 0.95
) -> tuple[float, float]:
    """Percentile bootstrap interval for ``mean(a) - mean(b)``, resampling each group on its own.

    Seeded (Efron & Tibshirani 1993, ch. 13). With one value in a group that group never varies.

    >>> bootstrap_interval([1.0, 1.0], [0.0, 0.0])
    (1.0, 1.0)
    """
    x = np.asarray(a, dtype=float)
    y = np.asarray(b, dtype=float)
    if len(x) == 0 or len(y) == 0:
        raise SegmentError("bootstrap", "a group has no values", "give both groups at least one value")
    if not 0 < level < 1:
        raise SegmentError("bootstrap", f"level={level}", "use a level between 0 and 1, e.g. 0.95")
    if n_bootstrap < 1:
        raise SegmentError("bootstrap", f"n_bootstrap={n_bootstrap}", "use at least 1 resample (e.g. 10000)")
    rng = np.random.default_rng([seed, 1])  # a stream apart from the permutation test's
    means_a = x[rng.integers(0, len(x), size=(n_bootstrap, len(x)))].mean(axis=1)
    means_b = y[rng.integers(0, len(y), size=(n_bootstrap, len(y)))].mean(axis=1)
    diffs = means_a - means_b
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(diffs, [tail, 100 - tail])
    return float(low), float(high)


def sentence_values(doc: Document, measure: str = "vader_compound", codebook: str = "mfc") -> pd.Series:
    """One value per sentence (index: sentence id) for a sentiment column or ``frame:<id>``.

    ``frame:<id>`` gives that frame's hits per 100 words of each sentence (0 for a sentence with
    no words).
    """
    if measure in SENTIMENT_MEASURES:
        scores = segment.ANALYSES.sentence_scores(doc)
        return scores.set_index("unit")[measure].astype(float)
    if measure.startswith("frame:"):
        frame = measure.removeprefix("frame:")
        order = segment.ANALYSES.frame_order(codebook)
        if frame not in order:
            raise SegmentError(
                f"measure {measure!r}", f"unknown frame in codebook '{codebook}'", f"use one of: {', '.join(order)}"
            )
        hits = segment.ANALYSES.frame_hits(doc, codebook)
        counts = hits.loc[hits["frame"] == frame, "unit"].value_counts()
        values = {s.id: (100.0 * counts.get(s.id, 0) / s.n_words if s.n_words else 0.0) for s in doc.sentences}
        return pd.Series(values, dtype=float)
    raise SegmentError(
        f"measure {measure!r}",
        "not a measure the test knows",
        f"use one of {', '.join(SENTIMENT_MEASURES)} or 'frame:<frame id>' (e.g. 'frame:security_and_defense')",
    )


def difference_test(
    doc: Document,
    a: Any,
    b: Any,
    measure: str = "vader_compound",
    n_permutations: int = 10_000,
    seed: int = 0,
    codebook: str = "mfc",
    n_bootstrap: int = 10_000,
) -> pd.DataFrame:
    """Is the difference between two segments' sentence scores more than chance? One-row table.

    The observed difference of means (a - b) of the per-sentence ``measure`` (a sentiment column
    of :func:`kit.sentiment.score` or ``frame:<id>`` hits per 100 words), a two-sided permutation
    p-value (:func:`permutation_test`: exact when few relabelings exist, else seeded Monte Carlo)
    and a seeded percentile bootstrap interval (:func:`bootstrap_interval`). Same seed, same
    numbers. The segments must not share sentences. ``warning`` is non-empty whenever a segment
    has fewer than 10 sentences. The test treats sentences as exchangeable, which sentences of
    one article only roughly are: read it as a description, not as proof.
    """
    seg_a, seg_b = segment_pair(doc, a, b, codebook)
    shared = sorted(set(seg_a.sentence_ids) & set(seg_b.sentence_ids))
    if shared:
        raise SegmentError(
            f"segments '{seg_a.name}' and '{seg_b.name}'",
            f"they share sentences {', '.join(shared)}, so the groups are not separate",
            "compare disjoint segments (drop the shared units from one of them)",
        )
    values = sentence_values(doc, measure, codebook)
    return _test_table(seg_a, seg_b, values, measure, n_permutations, seed, n_bootstrap)


def _test_table(
    seg_a: Segment,
    seg_b: Segment,
    values: pd.Series,
    measure: str,
    n_permutations: int,
    seed: int,
    n_bootstrap: int,
) -> pd.DataFrame:
    x = values.loc[list(seg_a.sentence_ids)].to_numpy(dtype=float)
    y = values.loc[list(seg_b.sentence_ids)].to_numpy(dtype=float)
    result = permutation_test(x, y, n_permutations=n_permutations, seed=seed)
    small = [f"'{s.name}' has {s.n_sentences}" for s in (seg_a, seg_b) if s.n_sentences < FEW_SENTENCES]
    warning = ""
    if small:
        warning = (
            f"{' and '.join(small)} sentence(s): a handful of sentences cannot carry much weight; "
            "read the interval and the sentences, not just the p-value"
        )
    if len(x) and len(y) and np.unique(np.concatenate([x, y])).size == 1:
        # "frame:economic" on a text with no economic hit: every sentence scores the same
        warning = (warning + "; " if warning else "") + (
            f"every sentence of both segments has the same value of {measure} ({float(x[0]):g}), so the test"
            " can show no difference: choose a measure that varies in this text"
        )
    if min(len(x), len(y)) >= MIN_BOOTSTRAP:
        low, high = bootstrap_interval(x, y, n_bootstrap=n_bootstrap, seed=seed)
    else:
        low = high = float("nan")
        warning = (warning + "; " if warning else "") + (
            f"no bootstrap interval: it needs at least {MIN_BOOTSTRAP} sentences in each segment"
        )
    row = {
        "segment_a": seg_a.name,
        "segment_b": seg_b.name,
        "measure": measure,
        "n_a": len(x),
        "n_b": len(y),
        "mean_a": float(x.mean()),
        "mean_b": float(y.mean()),
        "difference": result["difference"],
        "p_value": result["p_value"],
        "method": result["method"],
        "n_relabelings": result["n_relabelings"],
        "ci_low": low,
        "ci_high": high,
        "ci_level": 0.95,
        "n_bootstrap": n_bootstrap,
        "seed": seed,
        "units_a": "; ".join(seg_a.sentence_ids),
        "units_b": "; ".join(seg_b.sentence_ids),
        "warning": warning,
    }
    return pd.DataFrame([row], columns=TEST_COLUMNS)
