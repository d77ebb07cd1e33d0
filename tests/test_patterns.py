"""kit/patterns.py: the one pattern language of codebooks, segment keywords and keywords in context."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.errors import KitError, SegmentError
from kit.framing import load_codebook
from kit.patterns import MIN_STEM, TokenStarts, compile_patterns, find
from kit.segment import keyword_hits, resolve_segment
from kit.text import WORD_RE, from_string
from kit.words import kwic

# (pattern, text, what it matches): each rule of the module docstring, once.
RULES = [
    ("drone*", "Drones, a drone, drone-makers and androids.", ["Drones", "drone", "drone-makers"]),
    ("rat king*", "The rat king and rat kings, not a ratking or rat-king.", ["rat king", "rat kings"]),
    ("UAV", "unmanned (UAV) vehicles; UAVs", ["UAV"]),
    ("military", "The military’s budget, the military's plan, acting militarily.", ["military’s", "military's"]),
    ("fighter jet*", "fighter jets, a fighter, jets and fighter-jets", ["fighter jets"]),
    ("fighter jet*", "A fighter\n\njets.", []),  # never across a paragraph
    ("FIGHTER JET*", "the fighter jets", ["fighter jets"]),  # case does not matter, in pattern or text
    ("drone*", "Anti-drone guns and redrones; a 2,000-drone fleet.", ["drone"]),  # from a token's start
    ("drone*", "In 2025.Drones flew.", ["Drones"]),
    ("İstanbul", "Flights to İstanbul and ISTANBUL.", ["İstanbul", "ISTANBUL"]),
    ("drone*", "No match here.", []),
]


@pytest.mark.parametrize(("pattern", "text", "matches"), RULES)
def test_find_follows_each_rule(pattern, text, matches):
    doc = from_string(text)
    assert [doc.body[s:e] for s, e, _ in find(doc.body, compile_patterns([pattern]))] == matches


def _codebook_with(tmp_path, pattern):
    path = tmp_path / "one.yml"
    path.write_text(
        "name: one\nversion: '1'\ndescription: d\nsource: s\ncitation: c\nlicence: MIT\n"
        f"frames:\n  - id: f\n    label: F\n    description: d\n    patterns: [{pattern!r}]\n",
        encoding="utf-8",
    )
    return load_codebook(path)


@pytest.mark.parametrize(("pattern", "text", "matches"), RULES)
def test_codebooks_keywords_and_kwic_speak_the_same_language(tmp_path, pattern, text, matches):
    from kit.framing import code

    doc = from_string(text)
    spans = [(s, e) for s, e, _ in find(doc.body, compile_patterns([pattern]))]
    hits = code(doc, _codebook_with(tmp_path, pattern))
    assert list(zip(hits["start"], hits["end"], strict=True)) == spans
    lines = kwic(doc, pattern)
    assert list(zip(lines["start"], lines["end"], strict=True)) == spans
    found = keyword_hits(doc, [pattern])
    assert list(zip(found["start"], found["end"], strict=True)) == spans


def test_a_token_counts_once_longest_match_first():
    doc = from_string("The arms deal was signed; arms flowed.")
    found = find(doc.body, compile_patterns(["arms", "arms deal*"]))
    assert [(doc.body[s:e], source) for s, e, source in found] == [("arms deal", "arms deal*"), ("arms", "arms")]


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("*", "only a wildcard"),
        ("  ", "is empty"),
        ("dr*ne", "allowed only at the end"),
        ("ca?s", "not a single word token"),
        ("d" * (MIN_STEM - 1) + "*", "shorter than"),
        (5, "not text"),
    ],
)
def test_a_bad_pattern_is_one_error_naming_it(pattern, problem):
    with pytest.raises(KitError, match=problem):
        compile_patterns([pattern])
    if isinstance(pattern, str):
        with pytest.raises(KitError, match=problem):
            kwic(from_string("Drones flew."), pattern)


def test_a_bad_segment_keyword_is_a_segment_error():
    doc = from_string("Drones flew. Cats purr.")
    with pytest.raises(SegmentError, match=r"'ca\?s'.*not a single word token"):
        resolve_segment(doc, {"keywords": ["ca?s"]})


def test_a_keyword_phrase_stays_inside_one_sentence():
    doc = from_string("He spoke of the rat. King Charles did not.")
    assert keyword_hits(doc, ["rat king"]).empty


_FRAGMENTS = ["x", "war", "-", ",", ".", "'", "’", "2", "1,2", "drone", " ", "a", "troops", "\n\n"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=60),
    st.lists(st.integers(min_value=0, max_value=400), max_size=30),
)
def test_token_start_checks_agree_with_tokenizing_the_whole_text(fragments, asked):
    text = "".join(fragments)
    truth = {m.start() for m in WORD_RE.finditer(text)}
    starts_at = TokenStarts(text)
    for pos in sorted({p for p in asked if p < len(text)}):  # the matcher asks in text order
        assert starts_at(pos) == (pos in truth), (text, pos)
