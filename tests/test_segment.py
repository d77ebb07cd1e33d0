"""Segments: front-matter and parameter definitions resolved to sentences, and the default pair (kit/segment.py).

Toy documents (``tests/support/toys.py``) check the resolving by hand; the op-ed checks the wiring to
the real modules.
"""

from __future__ import annotations

import pytest

import kit
from kit.errors import SegmentError
from kit.segment import (
    AUTHOR_SEGMENT,
    SPEECH_SEGMENT,
    Segment,
    default_frame,
    default_pair,
    default_segments,
    keyword_hits,
    lesson_pair,
    resolve_segment,
    segments,
)
from kit.text import from_string
from tests.support.toys import toy_doc

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


# ------------------------------------------------------------------ the op-ed, through the real modules


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


@pytest.mark.parametrize("keyword", ["*", "?*", "* *"])
def test_keyword_without_letters_is_refused(oped, keyword):
    with pytest.raises(SegmentError, match="has no letter or digit"):
        resolve_segment(oped, {"keywords": [keyword]})


# ------------------------------------------------------------------ the default comparison of any text


def test_default_pair_takes_the_texts_first_two_segments(oped):
    a, b, how = default_pair(oped)
    assert (a.name, b.name) == ("rat_king", "security_claims") and "defined in the text's file" in how


def test_default_pair_without_segments_is_quoted_speech_against_the_author():
    doc = from_string(
        "The council met on Monday.\n\n“We will build it,” said Mayor Ann Lee.\n\n"
        "Work starts soon, the council said in a statement.\n\nThe site is empty."
    )
    a, b, how = default_pair(doc)
    spans = [(q.start, q.end) for q in kit.extract(doc)]
    assert a.name == SPEECH_SEGMENT and b.name == AUTHOR_SEGMENT
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
    a, b, how = default_pair(from_string(body))
    assert a.sentence_ids == opening and b.sentence_ids and why in how


def test_default_pair_of_one_sentence_is_a_clear_error():
    with pytest.raises(SegmentError, match="no two parts to compare"):
        default_pair(from_string("Only one sentence here."))


def test_lesson_pair_needs_both_segments_or_neither(oped):
    assert lesson_pair(oped)[0].name == "rat_king"
    a, b, how = lesson_pair(oped, ["p01"], ["p02"])
    assert (a.sentence_ids[0], b.sentence_ids[0], how) == (
        "p01.s1",
        "p02.s1",
        "the segments given in the parameters cell",
    )
    with pytest.raises(SegmentError, match="only one of the two segments"):
        lesson_pair(oped, "rat_king", None)


@pytest.mark.parametrize("codebook", kit.list_codebooks())
def test_default_frame_has_the_most_hits_in_every_codebook(oped, codebook):
    frame = default_frame(oped, codebook)
    counts = kit.code(oped, codebook)["frame"].value_counts()
    assert counts.get(frame, 0) == counts.max()


def test_default_frame_of_a_text_without_hits_is_the_codebooks_first():
    doc = from_string("Zzz qqq.")
    assert default_frame(doc) == kit.load_codebook("mfc").frames[0].id


def test_summary_counts_sentences_in_words_a_reader_expects():
    from kit.segment import Segment

    one = Segment("lead", "The opening.", {"units": ["p01"]}, ("p01.s1",))
    two = Segment("rest", "Everything else.", {"units": ["p02"]}, ("p02.s1", "p02.s2"))
    assert one.summary() == "lead: 1 sentence (p01.s1): The opening."
    assert two.summary() == "rest: 2 sentences (p02.s1, p02.s2): Everything else."


def test_summary_is_one_line_and_a_too_short_text_is_counted_right():
    import pytest

    from kit.errors import SegmentError
    from kit.segment import Segment, lesson_pair
    from kit.text import from_string

    seg = Segment("lead", "The lead\nover two lines\n", {"units": ["p01"]}, ("p01.s1",))
    assert seg.summary() == "lead: 1 sentence (p01.s1): The lead over two lines"
    with pytest.raises(SegmentError, match="has 0 sentences,"):
        lesson_pair(from_string(""))
