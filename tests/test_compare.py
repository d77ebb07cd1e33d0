"""The comparison of two segments side by side and the ablation of one (kit/compare.py), and the names
kit.compare still gives for segments and the difference test.

Toy documents with hand-set scores, frame hits and quotes (``tests/support/toys.py``) check the
arithmetic; the op-ed checks the wiring to the real modules.
"""

from __future__ import annotations

import ast
import inspect

import pandas as pd
import pytest

from kit import compare
from kit.compare import ablation, segments, side_by_side
from kit.errors import SegmentError
from tests.support.toys import toy_doc

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


# ------------------------------------------------------------------ the names kit.compare still gives


def test_kit_compare_still_gives_the_names_of_segments_and_statistics():
    """Notebooks and instructors' code import these from kit.compare; they are the very same objects."""
    from kit import segment as segmenting
    from kit import significance as statistics
    from kit.compare import (
        ANALYSES,
        TEST_COLUMNS,
        Segment,
        bootstrap_interval,
        default_pair,
        difference_test,
        lesson_pair,
        permutation_test,
        resolve_segment,
        segments,
    )
    assert (segments, resolve_segment, default_pair, lesson_pair, Segment, ANALYSES) == (
        segmenting.segments,
        segmenting.resolve_segment,
        segmenting.default_pair,
        segmenting.lesson_pair,
        segmenting.Segment,
        segmenting.ANALYSES,
    )
    assert (permutation_test, bootstrap_interval, difference_test, TEST_COLUMNS) == (
        statistics.permutation_test,
        statistics.bootstrap_interval,
        statistics.difference_test,
        statistics.TEST_COLUMNS,
    )
    for module in (segmenting, statistics):  # every public name either module defines, and only those
        tree = ast.parse(inspect.getsource(module))
        defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))} | {
            t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)
        }
        for name in sorted(n for n in defined if not n.startswith("_")):
            assert name in compare.__all__ and getattr(compare, name) is getattr(module, name), name
