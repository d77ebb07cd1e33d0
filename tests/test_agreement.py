"""Inter-coder agreement: hand-checked values, confusion tables and bad input (kit/agreement.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kit.agreement import (
    AGREEMENT_COLUMNS,
    agreement_table,
    cohen_kappa,
    confusion,
    krippendorff_alpha,
    percent_agreement,
    undefined_agreement,
)
from kit.errors import AnnotationError, KitError


def codings(**coders: list) -> pd.DataFrame:
    """Codings from one list of labels per coder; None = the coder did not code that unit."""
    rows = []
    for coder, labels in coders.items():
        for i, label in enumerate(labels, start=1):
            if label is not None:
                rows.append({"unit": f"u{i:02d}", "coder": coder, "frame": label})
    return pd.DataFrame(rows, columns=["unit", "coder", "frame"])


# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", example A: two observers,
# ten units, binary data.
#   A: 0 1 0 0 0 0 0 0 1 0
#   B: 1 1 1 0 0 1 0 0 0 0
# By hand: pairs (0,0) x5, (1,1) x1, disagreements x4.
#   Coincidences: o00 = 10, o11 = 2, o01 = o10 = 4; n0 = 14, n1 = 6, n = 20.
#   alpha = 1 - Do/De, Do = 8/20 = 0.4, De = 2*14*6/(20*19) = 168/380 -> alpha = 1 - 0.4*380/168 = 0.095238
#   Cohen: Ao = 6/10; A's marginals 0: 8/10, 1: 2/10; B's 0: 6/10, 1: 4/10
#   Ae = 0.8*0.6 + 0.2*0.4 = 0.56 -> kappa = (0.6 - 0.56)/(1 - 0.56) = 0.04/0.44 = 0.090909
BINARY = codings(
    A=["0", "1", "0", "0", "0", "0", "0", "0", "1", "0"],
    B=["1", "1", "1", "0", "0", "1", "0", "0", "0", "0"],
)

# Krippendorff (2011), example C: four observers, twelve units, nominal values 1-5, missing data.
#   unit:  1  2  3  4  5  6  7  8  9 10 11 12
#   A:     1  2  3  3  2  1  4  1  2  .  .  .
#   B:     1  2  3  3  2  2  4  1  2  5  .  3
#   C:     .  3  3  3  2  3  4  2  2  5  1  .
#   D:     1  2  3  3  2  4  4  1  2  5  1  .
# By hand: unit 12 has one value and is dropped; n = 40 pairable values;
#   n1 = 9, n2 = 13, n3 = 10, n4 = 5, n5 = 3.
#   Do: unit 2 {2,2,2,3}: 2*3*1/(4-1) = 2; unit 6 {1,2,3,4}: 12/3 = 4; unit 8 {1,1,1,2}: 6/3 = 2;
#       Do = (2 + 4 + 2)/40 = 0.2
#   De = (40^2 - (81 + 169 + 100 + 25 + 9))/(40*39) = 1216/1560 = 0.779487
#   alpha = 1 - 0.2/0.779487 = 0.743421 (Krippendorff reports 0.743)
MISSING = codings(
    A=["1", "2", "3", "3", "2", "1", "4", "1", "2", None, None, None],
    B=["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", None, "3"],
    C=[None, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", None],
    D=["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", None],
)

# Three frames, two coders, eight units (a frame-coding shaped example).
#   ann: sec sec sec cul cul pol pol sec
#   kit: sec sec cul cul cul pol sec sec
# By hand: agreements on units 1, 2, 4, 5, 6, 8 -> Ao = 6/8 = 0.75
#   ann marginals: sec 4, cul 2, pol 2; kit: sec 4, cul 3, pol 1
#   Ae = (4*4 + 2*3 + 2*1)/64 = 24/64 = 0.375 -> kappa = (0.75 - 0.375)/0.625 = 0.6
#   Krippendorff: n = 16, n_sec = 8, n_cul = 5, n_pol = 3; Do = 2 disagreeing units * 2/16 = 4/16 = 0.25
#   De = (256 - 64 - 25 - 9)/(16*15) = 158/240 -> alpha = 1 - 0.25*240/158 = 0.620253
FRAMES = codings(
    ann=["sec", "sec", "sec", "cul", "cul", "pol", "pol", "sec"],
    kit=["sec", "sec", "cul", "cul", "cul", "pol", "sec", "sec"],
)


@pytest.mark.parametrize(
    ("data", "a", "b", "kappa"),
    [(BINARY, "A", "B", 0.04 / 0.44), (FRAMES, "ann", "kit", 0.6), (FRAMES, "kit", "ann", 0.6)],
)
def test_cohen_kappa_hand_checked(data, a, b, kappa):
    assert math.isclose(cohen_kappa(data, a, b), kappa, rel_tol=1e-12)


@pytest.mark.parametrize(
    ("data", "alpha"),
    [(BINARY, 1 - 0.4 * 380 / 168), (MISSING, 1 - 0.2 * 1560 / 1216), (FRAMES, 1 - 0.25 * 240 / 158)],
)
def test_krippendorff_alpha_hand_checked(data, alpha):
    assert math.isclose(krippendorff_alpha(data), alpha, rel_tol=1e-12)


def test_published_rounded_values():
    assert round(krippendorff_alpha(BINARY), 3) == 0.095
    assert round(krippendorff_alpha(MISSING), 3) == 0.743


def test_perfect_agreement_is_one_and_systematic_disagreement_is_negative():
    same = codings(a=["x", "y", "x", "y"], b=["x", "y", "x", "y"])
    assert cohen_kappa(same, "a", "b") == 1.0
    assert krippendorff_alpha(same) == 1.0
    flipped = codings(a=["x", "y", "x", "y"], b=["y", "x", "y", "x"])
    # Ao = 0, Ae = 0.5 -> kappa = -1; alpha: Do = 1, De = 2*4*4/(8*7) = 32/56 -> 1 - 56/32 = -0.75
    assert cohen_kappa(flipped, "a", "b") == -1.0
    assert math.isclose(krippendorff_alpha(flipped), -0.75)


def test_row_order_does_not_matter():
    shuffled = FRAMES.sample(frac=1, random_state=3)
    assert cohen_kappa(shuffled, "ann", "kit") == cohen_kappa(FRAMES, "ann", "kit")
    assert krippendorff_alpha(shuffled) == krippendorff_alpha(FRAMES)


def test_confusion_table_hand_checked():
    table = confusion(FRAMES, "ann", "kit")
    assert table.index.name == "ann" and table.columns.name == "kit"
    assert table.index.tolist() == table.columns.tolist() == ["cul", "pol", "sec"]
    expected = [[2, 0, 0], [0, 1, 1], [1, 0, 3]]  # rows ann, columns kit
    assert table.to_numpy().tolist() == expected
    assert table.to_numpy().sum() == 8


def test_confusion_includes_labels_only_one_coder_used():
    table = confusion(codings(a=["x", "x", "y"], b=["x", "z", "y"]), "a", "b")
    assert table.index.tolist() == ["x", "y", "z"]
    assert table.loc["z"].sum() == 0 and table["z"].sum() == 1


def test_percent_agreement():
    assert percent_agreement(FRAMES, "ann", "kit") == 0.75
    assert percent_agreement(BINARY, "A", "B") == 0.6


def test_agreement_table_two_coders():
    table = agreement_table(FRAMES)
    assert list(table.columns) == AGREEMENT_COLUMNS
    row = table.iloc[0]
    assert (row["coder_a"], row["coder_b"], row["n_units"], row["n_coders"]) == ("ann", "kit", 8, 2)
    assert row["percent_agreement"] == 0.75
    assert math.isclose(row["cohen_kappa"], 0.6)
    assert math.isclose(row["krippendorff_alpha"], 1 - 0.25 * 240 / 158)


def test_agreement_table_three_coders_has_one_row_per_pair():
    three = codings(a=["x", "y", "x", "y"], b=["x", "y", "y", "y"], c=["x", "x", "x", "y"])
    table = agreement_table(three)
    assert list(zip(table["coder_a"], table["coder_b"], strict=True)) == [("a", "b"), ("a", "c"), ("b", "c")]
    assert table["percent_agreement"].tolist() == [0.75, 0.75, 0.5]
    assert table["krippendorff_alpha"].nunique() == 1


BAD = [
    ("missing column", FRAMES.drop(columns=["frame"]), ("ann", "kit"), "missing column"),
    ("not a table", [("u1", "a", "x")], ("ann", "kit"), "expected a DataFrame"),
    ("unknown coder", FRAMES, ("ann", "bob"), "no coder 'bob'"),
    ("same coder", FRAMES, ("ann", "ann"), "both coders are"),
    ("units only one coder has", codings(a=["x", "y", "x"], b=["x", "y"]), ("a", "b"), "'a' coded ['u03'] which 'b' did not"),
    ("one label only", codings(a=["x", "x", "x"], b=["x", "x", "x"]), ("a", "b"), "only one label ('x')"),
    ("empty label", codings(a=["x", "", "y"], b=["x", "y", "y"]), ("a", "b"), "empty unit, coder or frame"),
    ("missing label", codings(a=["x", "y"], b=["x", "y"]).assign(frame=["x", None, "x", "y"]), ("a", "b"), "empty"),
    ("duplicate", pd.concat([FRAMES, FRAMES.head(1)]), ("ann", "kit"), "more than once"),
    ("no rows", FRAMES.head(0), ("ann", "kit"), "no codings"),
]


@pytest.mark.parametrize(("case", "data", "pair", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_gives_one_clear_error(case, data, pair, message):
    with pytest.raises(AnnotationError) as info:
        cohen_kappa(data, *pair)
    assert message in str(info.value)
    assert "Fix:" in str(info.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (codings(a=["x", "y"]), "only one coder"),
        (codings(a=["x", None], b=[None, "y"]), "no unit is coded by two"),
        (codings(a=["x", "x"], b=["x", "x"]), "only one label"),
        (FRAMES.rename(columns={"coder": "annotator"}), "missing column"),
    ],
)
def test_alpha_bad_input(data, message):
    with pytest.raises(KitError, match=message):
        krippendorff_alpha(data)


def test_alpha_allows_missing_codes_but_kappa_does_not():
    assert krippendorff_alpha(MISSING) > 0
    with pytest.raises(AnnotationError, match="did not"):
        cohen_kappa(MISSING, "A", "C")
    with pytest.raises(AnnotationError, match="did not"):
        agreement_table(MISSING)


def test_extra_columns_are_ignored_and_input_is_not_changed():
    extra = FRAMES.assign(start=range(16), note="n")
    before = extra.copy()
    assert cohen_kappa(extra, "ann", "kit") == cohen_kappa(FRAMES, "ann", "kit")
    pd.testing.assert_frame_equal(extra, before)


def test_labels_are_compared_as_text():
    numbers = codings(a=[1, 2, 1, 2], b=["1", "2", "1", "1"])
    assert percent_agreement(numbers, "a", "b") == 0.75


def test_agreement_table_reports_nan_not_an_error_when_every_code_is_one_label():
    same = codings(a=["x", "x", "x"], b=["x", "x", "x"])
    table = agreement_table(same)
    row = table.iloc[0]
    assert row["percent_agreement"] == 1.0
    assert math.isnan(row["cohen_kappa"]) and math.isnan(row["krippendorff_alpha"])
    assert "undefined (NaN)" in undefined_agreement(table)


def test_agreement_table_nan_only_for_the_pair_that_used_one_label():
    three = pd.concat([
        codings(a=["x", "x", "x"], b=["x", "x", "x"]),
        codings(c=["y", "x", "y"]),
    ], ignore_index=True)
    table = agreement_table(three).set_index(["coder_a", "coder_b"])
    assert math.isnan(table.loc[("a", "b"), "cohen_kappa"])
    assert not math.isnan(table.loc[("a", "c"), "cohen_kappa"])
    assert not math.isnan(table.loc[("a", "b"), "krippendorff_alpha"])
    assert undefined_agreement(agreement_table(FRAMES)) is None
