"""Segments, their comparison, the difference test and the ablation (kit/compare.py).

Toy documents with hand-set scores, frame hits and quotes (tables of the shapes the analysis
modules return) check the arithmetic; the op-ed checks the wiring to the real modules.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import kit
from kit import compare
from kit.compare import (
    Segment,
    ablation,
    bootstrap_interval,
    default_segments,
    difference_test,
    keyword_hits,
    permutation_test,
    resolve_segment,
    segments,
    side_by_side,
)
from kit.errors import SegmentError
from kit.text import from_string

TOY_TEXT = (
    "Alpha drones fly. Beta drones land. Gamma rests.\n\n“We win now,” said Ann. Delta cats sleep. Echo cats purr."
)
# sentence ids: p01.s1 p01.s2 p01.s3 | p02.s1 p02.s2 p02.s3 ; words 3 3 2 | 5 3 3
TOY_VADER = {"p01.s1": 0.1, "p01.s2": 0.2, "p01.s3": 0.3, "p02.s1": 0.4, "p02.s2": 0.5, "p02.s3": 0.6}
TOY_TEXTBLOB = {"p01.s1": -0.5, "p01.s2": 0.0, "p01.s3": 0.5, "p02.s1": 1.0, "p02.s2": 1.0, "p02.s3": 1.0}


def toy_doc(segments_meta=None):
    meta = {"segments": segments_meta} if segments_meta is not None else {}
    return from_string(TOY_TEXT, slug="toy", **meta)


def fake_scores(doc):
    rows = []
    for s in doc.sentences:
        rows.append(
            {
                "unit": s.id,
                "paragraph_id": s.paragraph_id,
                "start": s.start,
                "end": s.end,
                "n_words": s.n_words,
                "text": s.text,
                "textblob_polarity": TOY_TEXTBLOB[s.id],
                "textblob_subjectivity": 0.5,
                "vader_compound": TOY_VADER[s.id],
                "vader_pos": 0.0,
                "vader_neu": 1.0,
                "vader_neg": 0.0,
                "reason": "",
                "overrides": "",
            }
        )
    return pd.DataFrame(rows)


def fake_hits(doc, codebook="toy"):
    """'security' on every 'drones', 'culture' on every 'cats' (word spans found in the body)."""
    rows = []
    for s in doc.sentences:
        for t in s.tokens:
            frame = {"drones": "security", "cats": "culture"}.get(t.text)
            if frame:
                rows.append(
                    {
                        "unit": s.id,
                        "paragraph_id": s.paragraph_id,
                        "frame": frame,
                        "label": frame.title(),
                        "pattern": t.text,
                        "matched": t.text,
                        "start": t.start,
                        "end": t.end,
                    }
                )
    return pd.DataFrame(rows, columns=["unit", "paragraph_id", "frame", "label", "pattern", "matched", "start", "end"])


def fake_quotes(doc):
    start = doc.body.index("We win now,")
    return [SimpleNamespace(kind="direct", start=start, end=start + len("We win now,"), speaker="Ann", unit="p02.s1")]


def fake_profile(doc, codebook, units):
    hits = fake_hits(doc)
    if units is not None:
        hits = hits[hits["unit"].isin(units)]
    rows = []
    total = len(hits)
    for frame in ("security", "culture", "economy"):
        n = int((hits["frame"] == frame).sum())
        rows.append({"frame": frame, "label": frame.title(), "hits": n, "share": n / total, "n_words": 19})
    return pd.DataFrame(rows)


@pytest.fixture
def toy_modules(monkeypatch):
    """Replace the analysis modules with toy tables of their contracted shape."""
    dominant = {"p01.s1": "security", "p01.s2": "security", "p02.s2": "culture", "p02.s3": "culture"}
    toys = compare.Analyses(
        sentence_scores=fake_scores,
        frame_hits=fake_hits,
        frame_order=lambda codebook: ("security", "economy", "culture"),
        dominant_frames=lambda doc, codebook: pd.DataFrame(
            {"unit": [s.id for s in doc.sentences], "dominant_frame": [dominant.get(s.id, "") for s in doc.sentences]}
        ),
        quotes=fake_quotes,
        frame_profile=fake_profile,
    )
    monkeypatch.setattr(compare, "ANALYSES", toys)


# ------------------------------------------------------------------ segments of the op-ed


def test_oped_front_matter_segments_resolve_to_their_sentences(oped):
    segs = segments(oped)
    assert list(segs) == ["rat_king", "security_claims"]
    assert segs["rat_king"].sentence_ids == tuple(s.id for s in oped.unit("p03").sentences)
    written = ["p02.s2", "p07.s2", "p12", "p14", "p16", "p25.s2", "p25.s3", "p26", "p27"]
    expected = []
    for uid in written:
        unit = oped.unit(uid)
        expected.extend([s.id for s in unit.sentences] if hasattr(unit, "sentences") else [unit.id])
    assert segs["security_claims"].sentence_ids == tuple(expected)
    assert segs["security_claims"].dropped == ()
    assert "rat king" in segs["rat_king"].description
    assert isinstance(segs["rat_king"], Segment)
    assert default_segments(oped) == ("rat_king", "security_claims")


def test_a_sentence_inserted_into_the_oped_leaves_out_the_pinned_ids_it_moved(tmp_path):
    from tests.support.edited_oped import with_sentence_inserted

    edited = kit.load_text(with_sentence_inserted(tmp_path))
    claims = segments(edited)["security_claims"]
    # p25.s2 and p25.s3 now name the sentences before them: left out, never silently misread
    assert "p25.s1" not in claims.sentence_ids and "p25.s2" not in claims.sentence_ids
    assert "p26.s1" in claims.sentence_ids
    assert len(claims.dropped) == 2
    assert all("\n" not in line and "segments.security_claims" in line for line in claims.dropped)
    assert "its words are now p25.s3" in claims.dropped[0] and "Fix: write p25.s3@" in claims.dropped[0]


def test_a_segment_whose_every_pinned_id_is_stale_is_an_error():
    doc = toy_doc({"gone": {"units": ["p01.s1@000000"]}, "other": {"units": ["p02"]}})
    with pytest.raises(SegmentError, match=r"segments.gone: every unit is stale: 'p01.s1@000000'"):
        resolve_segment(doc, "gone")


def test_unknown_segment_name_lists_the_defined_ones(oped):
    with pytest.raises(SegmentError) as err:
        resolve_segment(oped, "rat_kingdom")
    message = str(err.value)
    assert "rat_kingdom" in message and "rat_king" in message and "security_claims" in message
    assert "Fix:" in message and "\n" not in message


# ------------------------------------------------------------------ resolving definitions


@pytest.mark.parametrize(
    ("definition", "expected"),
    [
        ({"units": ["p01"]}, ("p01.s1", "p01.s2", "p01.s3")),
        ({"units": ["p02.s3", "p01.s2"]}, ("p01.s2", "p02.s3")),  # reading order, not written order
        ({"units": ["p01", "p01.s2"]}, ("p01.s1", "p01.s2", "p01.s3")),  # no duplicates
        ({"units": "p02.s1"}, ("p02.s1",)),  # one id as a string
        (["p02"], ("p02.s1", "p02.s2", "p02.s3")),  # list shorthand
        ({"keywords": ["drone*"]}, ("p01.s1", "p01.s2")),
        ({"keywords": ["CATS"]}, ("p02.s2", "p02.s3")),  # case-insensitive
        ({"keywords": ["cats", "gamma"]}, ("p01.s3", "p02.s2", "p02.s3")),
        ({"keywords": ["delta cat*"]}, ("p02.s2",)),  # a phrase: consecutive tokens
        ({"keywords": ["drone"]}, None),  # no glob: whole words only, so 'drones' does not match
        ({"keywords": ["cats purr*", "beta"]}, ("p01.s2", "p02.s3")),
    ],
)
def test_resolve_definitions(definition, expected):
    doc = toy_doc()
    if expected is None:
        with pytest.raises(SegmentError, match="matches no sentence"):
            resolve_segment(doc, definition)
    else:
        assert resolve_segment(doc, definition).sentence_ids == expected


def test_frame_segment_uses_dominant_frames(toy_modules):
    doc = toy_doc()
    assert resolve_segment(doc, {"frame": "culture"}).sentence_ids == ("p02.s2", "p02.s3")
    with pytest.raises(SegmentError, match="matches no sentence"):
        resolve_segment(doc, {"frame": "economy"})  # a real frame that dominates nothing
    with pytest.raises(SegmentError, match="unknown frame 'sport'.*security, economy, culture"):
        resolve_segment(doc, {"frame": "sport"})


@pytest.mark.parametrize(
    ("definition", "message"),
    [
        ({"units": ["p09"]}, r"unknown unit id 'p09'.*p01\.\.p02"),
        ({"units": ["p01.s7"]}, r"unknown unit id 'p01.s7'.*p01.s1\.\.p02.s3"),
        ({}, "has no defining keys"),
        ({"description": "only words"}, "has no defining keys"),
        ({"units": ["p01"], "keywords": ["x"]}, r"several \(units, keywords\)"),
        ({"units": ["p01"], "paragraphs": ["p02"]}, "unknown key 'paragraphs'"),
        ({"units": []}, "'units' must be a non-empty list"),
        ({"keywords": [3]}, "'keywords' holds 3"),
        ({"units": ["p01"], "description": 5}, "'description' must be a text"),
        ({"frame": ""}, "'frame' must be one frame id"),
        ("p01", "unknown segment 'p01'"),  # a string is a name, never an id
        (42, "must be a mapping, not int"),
        ({"keywords": ["zebra*"]}, "matches no sentence"),
    ],
)
def test_bad_definitions_raise_segment_errors(definition, message):
    with pytest.raises(SegmentError, match=message):
        resolve_segment(toy_doc(), definition)


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ({"a": {"units": ["p01"]}, "b": {"units": ["p99"]}}, r"segments\.b: unknown unit id 'p99'"),
        ({"a": {"units": ["p01"]}, "b": ["p02"], "c": "p01"}, r"segments\.c: a segment definition must be a mapping"),
        ({"a": {"keywords": ["nothing*"]}}, r"segments\.a: segment 'a'.*matches no sentence"),
    ],
)
def test_front_matter_errors_name_the_segment(meta, message):
    with pytest.raises(SegmentError, match=message):
        segments(toy_doc(meta))


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"x": {"units": ["p02"]}, "y": {"keywords": ["drone*"]}, "z": ["p01.s3"]}, ("x", "y")),
        ({"late": {"units": ["p01"]}, "early": {"units": ["p02"]}}, ("late", "early")),  # written order
        ({"only": {"units": ["p01"]}}, None),
        (None, None),
    ],
)
def test_default_segments(meta, expected):
    doc = toy_doc(meta)
    if expected is None:
        with pytest.raises(SegmentError, match="two are needed"):
            default_segments(doc)
    else:
        assert default_segments(doc) == expected


def test_segment_names_and_passthrough():
    doc = toy_doc({"first": {"units": ["p01"], "description": "the first paragraph"}})
    seg = resolve_segment(doc, "first")
    assert (seg.name, seg.description, seg.n_sentences) == ("first", "the first paragraph", 3)
    assert resolve_segment(doc, seg) is seg
    assert resolve_segment(doc, {"keywords": ["cat*"], "name": "cats"}).name == "cats"
    assert resolve_segment(doc, {"keywords": ["cat*"]}).name == "keywords: cat*"
    other = from_string("One sentence only.")
    with pytest.raises(SegmentError, match="not in text"):
        resolve_segment(other, seg)


def test_keyword_hits_spans_are_the_words(oped):
    hits = keyword_hits(oped, ["rat king*", "drone*"])
    assert len(hits) > 0
    for row in hits.itertuples():
        assert oped.body[row.start : row.end] == row.matched
        assert row.matched.lower().startswith(("rat king", "drone"))
    assert list(hits["start"]) == sorted(hits["start"])
    assert "p03.s2" in set(hits["unit"])


# ------------------------------------------------------------------ the comparison table


def test_compare_toy_values(toy_modules):
    doc = toy_doc({"air": {"units": ["p01"]}, "ground": {"units": ["p02"]}})
    table = compare.compare(doc, "air", "ground", codebook="toy")
    assert list(table.columns) == compare.COMPARISON_COLUMNS
    value = table.set_index(["measure", "segment"])["value"]
    assert value["n_sentences", "air"] == 3 and value["n_words", "air"] == 8
    assert value["n_words", "ground"] == 11
    assert value["mean_vader_compound", "air"] == pytest.approx(0.2)
    assert value["mean_vader_compound", "ground"] == pytest.approx(0.5)
    assert value["mean_textblob_polarity", "air"] == pytest.approx(0.0)
    assert value["mean_textblob_polarity", "ground"] == pytest.approx(1.0)
    # two 'drones' in 8 words; no 'cats' in the air paragraph; two 'cats' in 11 words
    assert value["frame:security", "air"] == pytest.approx(25.0)
    assert value["frame:security", "ground"] == 0.0
    assert value["frame:culture", "ground"] == pytest.approx(200 / 11)
    assert "frame:economy" not in table["measure"].tolist()  # no hit in either segment
    # 'We win now' = 3 of the 11 words of p02 are inside the direct quote
    assert value["direct_quote_word_share", "ground"] == pytest.approx(3 / 11)
    assert value["direct_quote_word_share", "air"] == 0.0
    assert (value["n_quotes", "ground"], value["n_speakers", "ground"]) == (1, 1)
    assert value["n_quotes", "air"] == 0
    # every row carries its segment's size
    sizes = table.groupby("segment")[["n_sentences", "n_words"]].nunique()
    assert (sizes == 1).all().all()


def test_compare_toy_order_and_evidence(toy_modules):
    doc = toy_doc({"air": {"units": ["p01"]}, "ground": {"units": ["p02"]}})
    table = compare.compare(doc, "air", "ground", codebook="toy")
    measures = list(dict.fromkeys(table["measure"]))
    assert measures[:5] == [
        "n_sentences",
        "n_words",
        "mean_textblob_polarity",
        "mean_textblob_subjectivity",
        "mean_vader_compound",
    ]
    assert measures.index("frame:security") < measures.index("frame:culture")  # codebook order
    assert table["segment"].tolist()[:2] == ["air", "ground"]
    evidence = table.set_index(["measure", "segment"])["evidence"]
    assert evidence["n_sentences", "air"] == "p01.s1; p01.s2; p01.s3"
    assert evidence["frame:security", "air"] == "2 hits: p01.s1:drones; p01.s2:drones"
    assert "p01.s3=+0.300" in evidence["mean_vader_compound", "air"]
    assert "Ann" in evidence["n_speakers", "ground"]
    assert set(table["family"]) == {"size", "sentiment", "frames", "voices"}
    wide = side_by_side(table)
    assert list(wide.columns) == ["air", "ground"] and list(wide.index) == measures
    assert wide.loc["n_words", "ground"] == 11


def test_compare_refuses_two_segments_with_one_name(toy_modules):
    doc = toy_doc({"air": {"units": ["p01"]}})
    with pytest.raises(SegmentError, match="same name"):
        compare.compare(doc, "air", {"units": ["p02"], "name": "air"})


def test_compare_does_not_mutate_the_document(toy_modules):
    doc = toy_doc({"air": {"units": ["p01"]}, "ground": {"units": ["p02"]}})
    before = (doc.body, dict(doc.metadata), doc.table().copy())
    compare.compare(doc, "air", "ground")
    assert doc.body == before[0] and dict(doc.metadata) == before[1]
    pd.testing.assert_frame_equal(doc.table(), before[2])


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
    assert list(table.columns) == compare.TEST_COLUMNS and len(table) == 1
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


def test_difference_test_refuses_overlapping_segments(toy_modules):
    doc = toy_doc({"air": {"units": ["p01"]}, "ground": {"units": ["p01.s3", "p02"]}})
    with pytest.raises(SegmentError, match="share sentences p01.s3"):
        difference_test(doc, "air", "ground")


def test_difference_test_without_warning_for_large_segments(monkeypatch):
    text = " ".join(f"Sentence number {i} is here." for i in range(12))
    doc = from_string(text + "\n\n" + text)
    values = {s.id: float(s.paragraph_index) for s in doc.sentences}
    toys = compare.Analyses(
        sentence_scores=lambda d: pd.DataFrame({"unit": list(values), "vader_compound": list(values.values())})
    )
    monkeypatch.setattr(compare, "ANALYSES", toys)
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


# ------------------------------------------------------------------ ablation


def test_ablation_toy(toy_modules):
    doc = toy_doc({"air": {"units": ["p01"]}})
    table = ablation(doc, "air")
    assert list(table.columns) == compare.ABLATION_COLUMNS
    assert table["frame"].tolist() == ["security", "economy", "culture"]  # codebook order
    row = table.set_index("frame")
    # before: 2 security + 2 culture hits; after removing p01 only the 2 culture hits remain
    assert row.loc["security", ["hits_before", "hits_after", "hits_removed"]].tolist() == [2, 0, 2]
    assert row.loc["security", "share_before"] == pytest.approx(0.5)
    assert row.loc["security", "change_pp"] == pytest.approx(-50.0)
    assert row.loc["culture", "change_pp"] == pytest.approx(50.0)
    assert row.loc["economy", "change_pp"] == 0.0
    assert table.attrs["removed_units"] == ("p01.s1", "p01.s2", "p01.s3")


def test_ablation_of_everything_is_an_error(toy_modules):
    with pytest.raises(SegmentError, match="leaves no sentence"):
        ablation(toy_doc(), ["p01", "p02"])


# ------------------------------------------------------------------ the op-ed, through the real modules


def test_compare_on_the_oped_traces_to_the_analysis_tables(oped):
    from kit import framing, quotes, sentiment

    table = compare.compare(oped, "rat_king", "security_claims")
    value = table.set_index(["measure", "segment"])["value"]
    segs = segments(oped)
    scores = sentiment.score(oped).set_index("unit")
    hits = framing.code(oped, "mfc")
    for name, seg in segs.items():
        ids = list(seg.sentence_ids)
        n_words = sum(oped.unit(i).n_words for i in ids)
        assert value["n_words", name] == n_words
        assert value["mean_vader_compound", name] == pytest.approx(scores.loc[ids, "vader_compound"].mean())
        mine = hits[hits["unit"].isin(ids)]["frame"].value_counts()
        for frame, n in mine.items():
            assert value[f"frame:{frame}", name] == pytest.approx(100 * n / n_words)
    # the anecdote is culture, the claims are security; nobody is quoted inside the anecdote
    assert value["frame:cultural_identity", "rat_king"] > value["frame:cultural_identity", "security_claims"]
    assert value["frame:security_and_defense", "security_claims"] > value["frame:security_and_defense", "rat_king"]
    assert value["n_quotes", "rat_king"] == 0
    speakers = {q.speaker for q in quotes.extract(oped) if q.unit in segs["security_claims"].sentence_ids}
    assert speakers <= set(
        table.set_index(["measure", "segment"]).loc[("n_speakers", "security_claims"), "evidence"].split("; ")
    )


def test_ablation_on_the_oped_removes_exactly_the_segment_hits(oped):
    from kit import framing

    table = ablation(oped, "rat_king")
    hits = framing.code(oped, "mfc")
    in_p03 = hits[hits["unit"].str.startswith("p03.")]["frame"].value_counts()
    removed = table.set_index("frame")["hits_removed"]
    assert removed[removed > 0].to_dict() == in_p03.to_dict()
    assert table["change_pp"].sum() == pytest.approx(0.0, abs=1e-9)  # shares sum to 1 before and after
    assert table.set_index("frame").loc["cultural_identity", "change_pp"] < 0  # the anecdote carried culture
    assert table["share_before"].sum() == pytest.approx(1.0)


def test_frame_segment_on_the_oped(oped):
    from kit import framing

    seg = resolve_segment(oped, {"frame": "security_and_defense", "name": "security_frame"})
    sal = framing.salience(oped, "mfc", unit="sentence")
    for sid in seg.sentence_ids:
        mine = sal[sal["unit"] == sid].set_index("frame")["hits"]
        assert mine["security_and_defense"] == mine.max() > 0
    order = [f.id for f in framing.load_codebook("mfc").frames]
    earlier = set(order[: order.index("security_and_defense")])
    for sid in (s.id for s in oped.sentences if s.id not in seg.sentence_ids):
        mine = sal[sal["unit"] == sid].set_index("frame")["hits"]
        top = set(mine[mine == mine.max()].index)
        # left out: no hits, security not on top, or a tie won by an earlier frame of the codebook
        assert mine.max() == 0 or "security_and_defense" not in top or top & earlier


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


@pytest.mark.parametrize("keyword", ["*", "?*", "* *"])
def test_keyword_without_letters_is_refused(oped, keyword):
    with pytest.raises(SegmentError, match="has no letter or digit"):
        resolve_segment(oped, {"keywords": [keyword]})


# ------------------------------------------------------------------ the default comparison of any text


def test_default_pair_takes_the_texts_first_two_segments(oped):
    a, b, how = compare.default_pair(oped)
    assert (a.name, b.name) == ("rat_king", "security_claims") and "defined in the text's file" in how


def test_default_pair_without_segments_is_quoted_speech_against_the_author():
    doc = from_string(
        "The council met on Monday.\n\n“We will build it,” said Mayor Ann Lee.\n\n"
        "Work starts soon, the council said in a statement.\n\nThe site is empty."
    )
    a, b, how = compare.default_pair(doc)
    spans = [(q.start, q.end) for q in kit.extract(doc)]
    assert a.name == compare.SPEECH_SEGMENT and b.name == compare.AUTHOR_SEGMENT
    assert set(a.sentence_ids).isdisjoint(b.sentence_ids)
    assert set(a.sentence_ids) | set(b.sentence_ids) == {s.id for s in doc.sentences}
    for sid in a.sentence_ids:  # every speech sentence overlaps a quote, no author sentence does
        s = doc.unit(sid)
        assert any(st < s.end and s.start < en for st, en in spans)
    for sid in b.sentence_ids:
        s = doc.unit(sid)
        assert not any(st < s.end and s.start < en for st, en in spans)
    assert "quoted or reported speech" in how


@pytest.mark.parametrize(
    ("body", "opening", "why"),
    [
        ("The river rose. Roads closed.\n\nSchools shut on Friday.", ("p01.s1", "p01.s2"), "has no quote"),
        ("The river rose. Roads closed. Schools shut. Shops too.", ("p01.s1", "p01.s2"), "half of its sentences"),
    ],
)
def test_default_pair_without_quotes_is_the_opening_against_the_rest(body, opening, why):
    a, b, how = compare.default_pair(from_string(body))
    assert a.sentence_ids == opening and b.sentence_ids and why in how


def test_default_pair_of_one_sentence_is_a_clear_error():
    with pytest.raises(SegmentError, match="no two parts to compare"):
        compare.default_pair(from_string("Only one sentence here."))


def test_lesson_pair_needs_both_segments_or_neither(oped):
    assert compare.lesson_pair(oped)[0].name == "rat_king"
    a, b, how = compare.lesson_pair(oped, ["p01"], ["p02"])
    assert (a.sentence_ids[0], b.sentence_ids[0], how) == (
        "p01.s1",
        "p02.s1",
        "the segments given in the parameters cell",
    )
    with pytest.raises(SegmentError, match="only one of the two segments"):
        compare.lesson_pair(oped, "rat_king", None)


@pytest.mark.parametrize("codebook", kit.list_codebooks())
def test_default_frame_has_the_most_hits_in_every_codebook(oped, codebook):
    frame = compare.default_frame(oped, codebook)
    counts = kit.code(oped, codebook)["frame"].value_counts()
    assert counts.get(frame, 0) == counts.max()


def test_default_frame_of_a_text_without_hits_is_the_codebooks_first():
    doc = from_string("Zzz qqq.")
    assert compare.default_frame(doc) == kit.load_codebook("mfc").frames[0].id
