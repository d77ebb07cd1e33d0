"""The cue lists of kit/quotes/cues.py and kit/quotes/places.yml as the extractor reads them."""

from __future__ import annotations

from kit.quotes.cues import compiled_cues, load_cues


def test_speech_verb_pattern_matches_every_listed_verb():
    verbs = compiled_cues().verbs
    for verb in load_cues()["speech_verbs"]:
        text = f"x {verb} y"
        m = verbs.search(text)
        assert m is not None and m.group() == verb, verb


def test_place_list_is_clean_names():
    from kit.quotes.cues import place_names

    places = place_names()
    assert {"Ottawa", "Iran", "United States", "Naypyidaw"} <= places
    assert all(name[0].isupper() for name in places)
    # a lone place speaks for its government: it is a collective of every cue set
    assert places <= compiled_cues().collective


def test_an_entry_longer_than_a_phrase_is_refused_in_one_line():
    import pytest

    from kit.errors import WordListError
    from kit.quotes.cues import MAX_PHRASE_CHARS, word_list

    with pytest.raises(WordListError) as err:
        word_list("my_cues.yml", "speech_verbs", ["said", "x" * (MAX_PHRASE_CHARS + 1)])
    assert "speech_verbs" in str(err.value) and len(str(err.value).splitlines()) == 1
