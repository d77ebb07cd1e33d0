"""The regexes of kit/quotes/cue_patterns.py: word lists merged into a trie match what a plain alternation
does, and every pattern the extractor reads is built."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kit.quotes.cue_patterns import alternation, compile_patterns
from kit.quotes.cues import compiled_cues, load_cues


def plain_alternation(words: list[str]) -> str:
    """The reference: every phrase tried in turn, longest first (what the trie must behave like)."""
    parts = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(piece) for piece in w.split()) for w in parts)


def spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(rf"(?<![\w\-])(?:{pattern})(?![\w\-])", text)]


# few letters, so that phrases share prefixes and one is often the start of another
_phrase = st.lists(st.text("abs.", min_size=1, max_size=4), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_phrase, min_size=1, max_size=8), text=st.text("abs. \n-", max_size=60))
def test_trie_finds_the_matches_of_a_plain_alternation(words, text):
    assert spans(alternation(words), text) == spans(plain_alternation(words), text)


def test_trie_prefers_the_longest_phrase():
    pattern = alternation(["told", "told reporters", "to"])
    assert re.match(pattern, "told  reporters that").group() == "told  reporters"
    assert re.match(pattern, "told them").group() == "told"
    assert re.match(rf"(?:{pattern})(?![\w\-])", "tolder") is None


def test_trie_merges_shared_prefixes():
    assert alternation(["said", "says"]) == "sa(?:id|ys)"


def test_every_pattern_is_an_attribute_of_the_cue_set():
    patterns = compile_patterns(load_cues())
    cues = compiled_cues()
    assert {"name", "verbs", "before", "subject", "participle", "count"} <= set(patterns)
    assert all(getattr(cues, key).pattern == p.pattern for key, p in patterns.items())


def test_a_long_phrase_needs_no_deep_recursion():
    phrase = "a" * 2000
    assert re.fullmatch(alternation([phrase, phrase[:10]]), phrase)
