"""Validation of frame codebooks against human coding (kit/frame_validation.py)."""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest

import kit
from kit import frame_validation as fv
from kit.errors import AnnotationError
from kit.framing import crosswalk, kit_coding
from kit.paths import annotations_dir

# ------------------------------------------------------------------ the measures on hand-made cases


def test_per_frame_scores_by_hand():
    # codes:   a a a b b c none
    # primary: a a b b c c a
    codes = ["a", "a", "a", "b", "b", "c", "none"]
    primary = ["a", "a", "b", "b", "c", "c", "a"]
    secondary = ["", "", "a", "", "b;a", "", "b"]
    t = fv.per_frame_scores(codes, primary, secondary, ["a", "b", "c", "d"]).set_index("frame")
    # a: coded 3, right 2 -> P 2/3; primary a 3 times, found 2 -> R 2/3; a in p03's secondary -> defensible 3/3
    assert t.loc["a", "precision"] == pytest.approx(2 / 3)
    assert t.loc["a", "recall"] == pytest.approx(2 / 3)
    assert t.loc["a", "f1"] == pytest.approx(2 / 3)
    assert t.loc["a", "defensible_precision"] == pytest.approx(1.0)
    # b: coded 2, right 1 -> P 1/2; primary b twice, found 1 -> R 1/2; p05 has b secondary -> 2/2
    assert (t.loc["b", "precision"], t.loc["b", "recall"], t.loc["b", "defensible_precision"]) == (0.5, 0.5, 1.0)
    # c: coded once, right -> P 1; primary c twice -> R 1/2; F1 = 2*1*0.5/1.5
    assert t.loc["c", "precision"] == 1.0 and t.loc["c", "recall"] == 0.5
    assert t.loc["c", "f1"] == pytest.approx(2 / 3)
    # d: never coded, never primary -> undefined, not zero
    assert math.isnan(t.loc["d", "precision"]) and math.isnan(t.loc["d", "recall"]) and math.isnan(t.loc["d", "f1"])
    assert t["n_coded"].tolist() == [3, 2, 1, 0] and t["n_reference"].tolist() == [3, 2, 2, 0]


def test_f1_is_zero_when_a_coded_frame_never_matches():
    t = fv.per_frame_scores(["a", "b"], ["b", "a"], ["", ""], ["a"]).set_index("frame")
    assert t.loc["a", "precision"] == 0.0 and t.loc["a", "recall"] == 0.0 and t.loc["a", "f1"] == 0.0


def test_defensible_share_counts_primary_and_secondary_never_none():
    assert fv.defensible_share(["a", "b", "none", "none"], ["a", "c", "a", "none"], ["", "b;d", "", ""]) == 0.75
    assert fv.defensible_share(["a", "b"], ["b", "a"], ["", "c"]) == 0.0
    assert math.isnan(fv.defensible_share([], [], []))
    with pytest.raises(AnnotationError, match="differ in length"):
        fv.defensible_share(["a"], ["a", "b"], ["", ""])


def _units(codes, primary, secondary=None, coder="kit"):
    n = len(codes)
    out = pd.DataFrame({
        "text": ["t1"] * (n // 2) + ["t2"] * (n - n // 2),
        "unit": [f"p{i:02d}" for i in range(1, n + 1)],
        "reference_coder": "ref",
        "primary": primary,
        "secondary": secondary or [""] * n,
        "coder": coder,
        "code": codes,
    })
    out["correct"] = out["code"] == out["primary"]
    out["defensible"] = [fv.defensible_share([c], [p], [s]) == 1.0
                         for c, p, s in zip(out["code"], out["primary"], out["secondary"], strict=True)]
    return out


def test_summarise_matches_hand_computed_kappa_and_alpha():
    # ref x x y y, kit x y y y: Ao = 3/4, Ae = 2/4*1/4 + 2/4*3/4 = 1/2, kappa = 0.5;
    # alpha: Do = 2/8, De = 2*3*5/(8*7) -> 1 - 0.25*56/30 = 0.5333
    row = fv.summarise(_units(["x", "y", "y", "y"], ["x", "x", "y", "y"], ["", "y", "", ""]), "kit")
    assert row["accuracy"] == 0.75 and row["defensible"] == 1.0
    assert row["cohen_kappa"] == pytest.approx(0.5) and row["krippendorff_alpha"] == pytest.approx(0.5333, abs=1e-4)
    assert row["n_texts"] == 2 and row["n_units"] == 4 and row["abstained"] == 0.0


def test_summarise_counts_abstentions_and_survives_a_single_label():
    row = fv.summarise(_units(["none", "none"], ["x", "x"]), "kit")
    assert row["abstained"] == 1.0 and row["accuracy"] == 0.0 and row["defensible"] == 0.0
    assert row["cohen_kappa"] <= 0, "never agreeing is no better than chance"
    same = fv.summarise(_units(["x", "x"], ["x", "x"]), "kit")
    assert same["accuracy"] == 1.0 and math.isnan(same["cohen_kappa"]), "one label only: kappa is undefined, not 1"


# ------------------------------------------------------------------ on the shipped annotations


def _read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return {r["unit"]: r for r in csv.DictReader(fh)}


def test_human_agreement_on_the_oped_is_what_the_two_files_say():
    ref = _read(annotations_dir() / "oped_frames.csv")
    second = _read(fv.second_coder_file("oped"))
    same = sum(ref[u]["primary"] == second[u]["primary"] for u in ref) / len(ref)
    inside = sum(second[u]["primary"] in {ref[u]["primary"], *ref[u]["secondary"].split(";")} for u in ref) / len(ref)
    table = fv.human_agreement(["oped"]).set_index("text")
    assert list(table.index) == ["oped", "all"]
    assert table.loc["oped", "n_units"] == len(ref) == 28
    assert table.loc["oped", "accuracy"] == pytest.approx(same)
    assert table.loc["oped", "defensible"] == pytest.approx(inside)
    assert table.loc["oped", "accuracy"] < 1, "the two op-ed coders do disagree somewhere"
    assert -1 <= table.loc["oped", "cohen_kappa"] <= 1


def test_validation_of_the_oped_traces_to_the_kit_coding():
    v = fv.validate_frames(["oped"])
    assert list(v.summary.columns) == fv.SUMMARY_COLUMNS and list(v.per_frame.columns) == fv.PER_FRAME_COLUMNS
    kit_rows = v.units[v.units["coder"] == "kit"]
    machine = kit_coding("oped").set_index("unit")["frame"]
    assert kit_rows.set_index("unit")["code"].to_dict() == machine.to_dict()
    ref = _read(annotations_dir() / "oped_frames.csv")
    accuracy = sum(machine[u] == ref[u]["primary"] for u in ref) / len(ref)
    row = v.summary.set_index("comparison").loc["kit, all paragraphs"]
    assert row["accuracy"] == pytest.approx(accuracy)
    assert row["n_units"] == 28 and row["reference_coder"] == "coder-1"
    # per-frame counts add up to the paragraphs the kit gave a frame
    assert v.per_frame["n_coded"].sum() == (kit_rows["code"] != "none").sum()
    assert v.per_frame["n_reference"].sum() == 28
    ceiling = v.summary.set_index("comparison").loc["second coder (ceiling)"]
    assert ceiling["coder"] == "coder-5" and ceiling["cohen_kappa"] > row["cohen_kappa"]


def test_the_generic_validation_maps_the_human_coding_through_the_crosswalk():
    v = fv.validate_frames(["oped"], codebook="generic")
    to_generic = crosswalk().set_index("mfc_frame")["generic_frame"]
    ref = _read(annotations_dir() / "oped_frames.csv")
    kit_rows = v.units[v.units["coder"] == "kit"].set_index("unit")
    for unit, r in ref.items():
        assert kit_rows.loc[unit, "primary"] == (to_generic[r["primary"]] or "none")
    assert set(v.per_frame["frame"]) == {"conflict", "human_interest", "economic_consequences", "morality",
                                         "responsibility"}


def test_corpus_texts_follow_the_split_in_the_front_matter():
    dev, heldout = fv.corpus_texts("dev"), fv.corpus_texts("heldout")
    assert dev and heldout and not set(dev) & set(heldout)
    assert "oped" not in dev + heldout
    assert sorted(dev + heldout) == fv.corpus_texts()
    with pytest.raises(AnnotationError, match="unknown split"):
        fv.corpus_texts("test")


def test_a_text_without_reference_coding_is_one_clear_error():
    with pytest.raises(AnnotationError, match="no frame coding file"):
        fv.validate_frames(["security-report"])  # a constructed contrast text, never hand-coded for frames


def test_validation_needs_texts():
    with pytest.raises(AnnotationError, match="no text with a reference frame coding"):
        fv.validate_frames([])


def test_false_positives_are_hits_of_the_frame_in_wrongly_coded_paragraphs():
    v = fv.validate_frames(["oped"])
    kit_rows = v.units[v.units["coder"] == "kit"]
    wrong = kit_rows[(kit_rows["code"] != kit_rows["primary"]) & (kit_rows["code"] != "none")]
    # the frame with most false positives that are not even a secondary frame of the paragraph
    expected_frame = wrong.loc[~wrong["defensible"], "code"].value_counts().idxmax()
    fp = fv.false_positives(v)
    assert set(fp["frame"]) == {expected_frame}
    assert set(fp["unit"]) == set(wrong.loc[wrong["code"] == expected_frame, "unit"])
    body = kit.load_text("oped").body
    assert all(body[s:e] == m for s, e, m in zip(fp["start"], fp["end"], fp["matched"], strict=True))
    assert (fp["primary"] != expected_frame).all()
    right = kit_rows.loc[kit_rows["correct"], "code"].iloc[0]
    assert set(fv.false_positives(v, right)["unit"]).isdisjoint(kit_rows.loc[kit_rows["correct"], "unit"])
    with pytest.raises(AnnotationError, match="no frame 'war'"):
        fv.false_positives(v, "war")


# ------------------------------------------------------------------ quality floors

# Floors set from the held-out measurement, not tuned until the test passed: `python -m kit evaluate
# frames --split heldout` with mfc 1.1 (2026-12-02, after tuning on dev only, read once) gave, on 12
# paragraphs of 4 held-out news texts against coder-4: defensible 0.917 (11/12), accuracy 0.583 (7/12),
# Cohen's kappa 0.406, alpha 0.422 (mfc 1.0 had 0.667, 0.500, 0.345). Each floor allows one paragraph
# to change (defensible 10/12, accuracy 6/12) or kappa to lose about 0.1. The op-ed's floor is its
# agreement with coder-1 before the codebook was extended (kappa 0.508; 0.606 with mfc 1.1).
# Re-measured on 24 paragraphs of 6 held-out texts at commit 175b19c (two articles coded by coder-6
# added, part C of texts/news/README.md): defensible 0.750 (18/24), accuracy 0.542 (13/24), kappa
# 0.271, alpha 0.281. The defensible and kappa floors are set to these measured figures (rounded down);
# the accuracy floor still holds and is kept. Re-measured on 50 paragraphs of 9 held-out texts at commit
# 3ff422a (part C complete, 38 paragraphs by coder-6): defensible 0.640 (32/50), accuracy 0.440 (22/50),
# kappa 0.310, alpha 0.308; the defensible and accuracy floors are set to these figures, kappa's kept.
# Re-measured on 93 paragraphs of 15 held-out texts (parts E and F added 43 paragraphs coded blind by
# coder-11 and coder-12) with the codebook as of this commit: defensible 0.699 (65/93), accuracy 0.484
# (45/93), kappa 0.337, alpha 0.336; the three floors are set to these figures, rounded down.
# Re-measured on 115 paragraphs of 18 held-out texts (part I added 22 paragraphs of 3 texts coded blind by
# coder-15 and read once, never tuned on; the kit alone on them: defensible 0.545, accuracy 0.409, 23 %
# abstained): defensible 0.670 (77/115), accuracy 0.470 (54/115), kappa 0.371, alpha 0.367; the three
# floors are set to these figures, rounded down. The target (defensible 0.70) is not met.
HELDOUT_FLOORS = {"defensible": 0.66, "accuracy": 0.46, "cohen_kappa": 0.37}
OPED_KAPPA_FLOOR = 0.508


def test_heldout_news_floors():
    row = fv.validate_frames(split="heldout").summary.set_index("comparison").loc["kit, all paragraphs"]
    assert row["n_units"] >= 12
    for measure, floor in HELDOUT_FLOORS.items():
        assert row[measure] >= floor, f"held-out {measure} {row[measure]:.3f} fell below {floor}"


def test_oped_agreement_does_not_fall_below_the_reference_before_the_extension():
    row = fv.validate_frames(["oped"]).summary.set_index("comparison").loc["kit, all paragraphs"]
    assert row["cohen_kappa"] >= OPED_KAPPA_FLOOR


def test_oped_paragraphs_the_reference_supports_keep_their_frames():
    codes = kit_coding("oped").set_index("unit")["frame"]
    ref = _read(annotations_dir() / "oped_frames.csv")
    assert codes["p03"] == ref["p03"]["primary"] == "cultural_identity", "the rat-king paragraph"
    security = [u for u, r in ref.items() if r["primary"] == "security_and_defense"]
    assert security and all(codes[u] == "security_and_defense" for u in security), "arms and drones paragraphs"
