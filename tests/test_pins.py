"""Ids pinned to the words they were written for (kit/pins.py)."""

from __future__ import annotations

import pytest

from kit import pins
from kit.text import from_string, load_text
from tests.support.edited_oped import with_sentence_inserted

DOC = from_string("The mayor spoke. The council voted.\n\nRain fell on the town.")


def test_a_fingerprint_ignores_line_breaks_and_spacing_but_not_words():
    assert pins.fingerprint("The council  voted.") == pins.fingerprint("The council\nvoted.")
    assert pins.fingerprint("The council voted.") != pins.fingerprint("The council vetoed.")
    assert len(pins.fingerprint("x")) == pins.FINGERPRINT_LENGTH


@pytest.mark.parametrize(
    ("value", "expected"),
    [("p25.s2@3FA9C1", ("p25.s2", "3fa9c1")), (" p03 ", ("p03", None)), ("p03@", ("p03", None))],
)
def test_split_pin(value, expected):
    assert pins.split_pin(value) == expected


def test_pins_that_hold_are_kept_bare_and_unpinned_ids_pass_unchecked():
    given = [pins.pinned(DOC, "p01.s2"), pins.pinned(DOC, "p02"), "p01.s1", "p09"]
    assert pins.check(DOC, given) == (["p01.s2", "p02", "p01.s1", "p09"], [])


def test_a_moved_sentence_is_found_by_its_words():
    edited = from_string("A storm came. The mayor spoke. The council voted.\n\nRain fell on the town.")
    kept, stale = pins.check(edited, [pins.pinned(DOC, "p01.s2"), pins.pinned(DOC, "p02")])
    assert kept == ["p02"]
    (moved,) = stale
    assert (moved.unit, moved.now, moved.moved_to) == ("p01.s2", "The mayor spoke.", ("p01.s3",))
    assert "'The mayor spoke.'" in moved.problem() and "now p01.s3" in moved.problem()
    assert moved.fix("demo") == f"write p01.s3@{moved.fingerprint} instead of {moved.given}"


def test_an_edited_unit_and_a_removed_unit_have_no_suggestion():
    edited = from_string("The mayor spoke. The council voted again.")
    _, stale = pins.check(edited, [pins.pinned(DOC, "p01.s2"), pins.pinned(DOC, "p02")])
    assert [s.moved_to for s in stale] == [(), ()]
    assert stale[0].now == "The council voted again." and stale[1].now is None
    assert "the body has no such unit now" in stale[1].problem()
    assert "python -m kit pin --text demo" in stale[1].fix("demo")


def test_a_paragraph_pin_is_not_matched_by_a_sentence_of_the_same_words():
    one_sentence = from_string("Rain fell on the town.")
    edited = from_string("Rain fell on the town. And it went on.")
    _, (stale,) = pins.check(edited, [pins.pinned(one_sentence, "p01")])
    assert stale.moved_to == ()  # p01.s1 has the words, but a paragraph id is not replaced by a sentence id


def test_the_oped_segments_are_pinned_and_an_inserted_sentence_moves_two_of_them(tmp_path):
    units = load_text("oped").metadata["segments"]["security_claims"]["units"]
    assert all(pins.split_pin(u)[1] for u in units)
    edited = load_text(with_sentence_inserted(tmp_path))
    kept, stale = pins.check(edited, units)
    assert [(s.unit, s.moved_to) for s in stale] == [("p25.s2", ("p25.s3",)), ("p25.s3", ("p25.s4",))]
    assert "p25.s2" not in kept and "p26" in kept
