"""The difference test on sentence values: permutation test, bootstrap interval, one-row table (kit/significance.py).

Toy documents with hand-set scores and frame hits (``tests/support/toys.py``) check the arithmetic;
the op-ed checks the wiring to the real modules.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kit.errors import SegmentError
from kit.significance import TEST_COLUMNS, bootstrap_interval, difference_test, permutation_test
from kit.text import from_string
from tests.support.toys import SEGMENTS, toy_doc

# ------------------------------------------------------------------ permutation test and bootstrap


@pytest.mark.parametrize(
    ("a", "b", "p_value", "difference"),
    [
        ([1, 2, 3], [4, 5, 6], 2 / 20, -3.0),  # fully separated: only the observed split and its mirror
        ([4, 5, 6], [1, 2, 3], 2 / 20, 3.0),
        ([1, 1, 1], [1, 1, 1], 1.0, 0.0),  # identical groups
        ([0, 0], [0, 1], 1.0, -0.5),  # every one of the 6 splits has |difference| 0.5
        ([1, 2], [3, 4, 5], 2 / 10, -2.5),  # pair sums 3 and 9 only, of 10 pairs
        ([1, 2], [3, 4], 2 / 6, -2.0),
        ([0.3], [0.1], 1.0, 0.2),  # one value each: two splits, both as extreme
    ],
)
def test_exact_permutation_p_values(a, b, p_value, difference):
    result = permutation_test(a, b)
    assert result["p_value"] == pytest.approx(p_value, abs=1e-12)
    assert result["difference"] == pytest.approx(difference)
    assert result["method"].startswith("exact")


def test_monte_carlo_p_value_is_corrected_and_seeded():
    a, b = np.arange(20.0), np.arange(100.0, 120.0)  # C(40, 20) relabelings: far too many to enumerate
    first = permutation_test(a, b, n_permutations=999, seed=3)
    assert first["method"].startswith("Monte Carlo")
    assert first["p_value"] == pytest.approx(1 / 1000)  # (0 + 1) / (999 + 1): never 0
    assert permutation_test(a, b, n_permutations=999, seed=3) == first
    overlap = permutation_test(np.arange(20.0), np.arange(1.0, 21.0), n_permutations=500, seed=1)
    again = permutation_test(np.arange(20.0), np.arange(1.0, 21.0), n_permutations=500, seed=1)
    assert overlap == again and 0.4 < overlap["p_value"] <= 1.0  # a shift of 1 in 20 spread-out values


def test_monte_carlo_is_used_when_enumeration_exceeds_the_budget():
    exact = permutation_test([1, 2, 3], [4, 5, 6], n_permutations=20)
    sampled = permutation_test([1, 2, 3], [4, 5, 6], n_permutations=19)
    assert exact["method"].startswith("exact") and sampled["method"].startswith("Monte Carlo")
    assert sampled["n_relabelings"] == 19


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [([], [1.0], "no values"), ([1.0, float("nan")], [1.0], "NaN"), ([1.0], [2.0], "n_permutations")],
)
def test_permutation_test_bad_input(a, b, message):
    with pytest.raises(SegmentError, match=message):
        permutation_test(a, b, n_permutations=0 if message == "n_permutations" else 100)


def test_bootstrap_interval():
    assert bootstrap_interval([2.0, 2.0, 2.0], [0.5, 0.5]) == (1.5, 1.5)  # no spread, no width
    low, high = bootstrap_interval([1, 2, 3, 4], [2, 3, 4, 5], seed=7)
    assert low < -1.0 < high  # holds the observed difference
    assert (low, high) == bootstrap_interval([1, 2, 3, 4], [2, 3, 4, 5], seed=7)
    low90, high90 = bootstrap_interval([1, 2, 3, 4], [2, 3, 4, 5], seed=7, level=0.9)
    assert low <= low90 and high90 <= high
    with pytest.raises(SegmentError, match="level"):
        bootstrap_interval([1.0], [2.0], level=95)
    with pytest.raises(SegmentError, match="n_bootstrap"):
        bootstrap_interval([1.0], [2.0], n_bootstrap=0)


def test_difference_test_on_toy_scores(toy_modules):
    doc = toy_doc({"air": {"units": ["p01"]}, "ground": {"units": ["p02"]}})
    table = difference_test(doc, "air", "ground")
    assert list(table.columns) == TEST_COLUMNS and len(table) == 1
    row = table.iloc[0]
    assert (row["n_a"], row["n_b"]) == (3, 3)
    assert row["difference"] == pytest.approx(-0.3)
    assert row["p_value"] == pytest.approx(0.1)  # 0.1 0.2 0.3 vs 0.4 0.5 0.6: fully separated
    # three sentences a side: too few for a percentile bootstrap, so no interval is reported
    assert np.isnan(row["ci_low"]) and np.isnan(row["ci_high"])
    assert "no bootstrap interval: it needs at least 5 sentences in each segment" in row["warning"]
    assert "a handful of sentences cannot carry much weight" in row["warning"]
    assert "'air' has 3" in row["warning"] and "'ground' has 3" in row["warning"]
    pd.testing.assert_frame_equal(table, difference_test(doc, "air", "ground"))


def test_difference_test_on_frame_hits(toy_modules):
    doc = toy_doc({"air": {"units": ["p01"]}, "ground": {"units": ["p02"]}})
    row = difference_test(doc, "air", "ground", measure="frame:security").iloc[0]
    # per sentence: 100/3, 100/3, 0 against 0, 0, 0
    assert row["mean_a"] == pytest.approx(200 / 9) and row["mean_b"] == 0.0
    # as extreme: both non-zero values in a (4 of 20 splits) or both in b (another 4)
    assert row["p_value"] == pytest.approx(8 / 20)
    with pytest.raises(SegmentError, match="unknown frame"):
        difference_test(doc, "air", "ground", measure="frame:sport")
    with pytest.raises(SegmentError, match="not a measure"):
        difference_test(doc, "air", "ground", measure="vader")


def test_a_measure_that_never_varies_is_named_in_the_warning(monkeypatch):
    """A frame with no hit anywhere in the text scores 0 in every sentence: the test is told so."""
    text = " ".join(f"Sentence number {i} is here." for i in range(6))
    doc = from_string(text + "\n\n" + text)
    constant = SEGMENTS.Analyses(
        sentence_scores=lambda d: pd.DataFrame({"unit": [s.id for s in d.sentences], "vader_compound": 0.0})
    )
    monkeypatch.setattr(SEGMENTS, "ANALYSES", constant)
    row = difference_test(doc, ["p01"], ["p02"]).iloc[0]
    assert "every sentence of both segments has the same value of vader_compound (0)" in row["warning"]
    assert row["p_value"] == 1.0


def test_difference_test_refuses_overlapping_segments(toy_modules):
    doc = toy_doc({"air": {"units": ["p01"]}, "ground": {"units": ["p01.s3", "p02"]}})
    with pytest.raises(SegmentError, match="share sentences p01.s3"):
        difference_test(doc, "air", "ground")


def test_difference_test_without_warning_for_large_segments(monkeypatch):
    text = " ".join(f"Sentence number {i} is here." for i in range(12))
    doc = from_string(text + "\n\n" + text)
    values = {s.id: float(s.paragraph_index) for s in doc.sentences}
    toys = SEGMENTS.Analyses(
        sentence_scores=lambda d: pd.DataFrame({"unit": list(values), "vader_compound": list(values.values())})
    )
    monkeypatch.setattr(SEGMENTS, "ANALYSES", toys)
    row = difference_test(doc, ["p01"], ["p02"], n_permutations=2000).iloc[0]
    assert (row["n_a"], row["n_b"]) == (12, 12)
    assert row["warning"] == ""
    assert row["method"].startswith("Monte Carlo")  # C(24, 12) = 2.7 million relabelings
    assert row["p_value"] == pytest.approx(1 / 2001)


def test_difference_test_on_the_oped(oped):
    from kit import sentiment

    table = difference_test(oped, "rat_king", "security_claims")
    row = table.iloc[0]
    scores = sentiment.score(oped).set_index("unit")["vader_compound"]
    assert (row["n_a"], row["n_b"]) == (2, 13)
    assert row["mean_a"] == pytest.approx(scores[["p03.s1", "p03.s2"]].mean())
    assert row["method"] == "exact permutation (105 relabelings)"  # C(15, 2)
    assert row["p_value"] * 105 == pytest.approx(round(row["p_value"] * 105))  # a count of splits
    assert "'rat_king' has 2" in row["warning"]
    pd.testing.assert_frame_equal(table, difference_test(oped, "rat_king", "security_claims"))


def test_difference_test_reports_an_interval_from_five_sentences_a_side():
    doc = from_string(
        "Good. Great. Fine. Nice. Lovely.\n\nBad. Awful. Sad. Ugly. Grim.",
        segments={"up": {"units": ["p01"]}, "down": {"units": ["p02"]}},
    )
    row = difference_test(doc, "up", "down").iloc[0]
    assert (row["n_a"], row["n_b"]) == (5, 5)
    assert row["ci_low"] <= row["difference"] <= row["ci_high"]
    assert row["ci_high"] < 0 or row["ci_low"] > 0
    assert "no bootstrap interval" not in row["warning"]
