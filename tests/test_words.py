"""Word frequencies and keywords in context (kit/words.py)."""

from __future__ import annotations

import pytest

from kit.patterns import compile_patterns, find
from kit.text import from_string
from kit.words import kwic, stopwords, word_frequencies


def test_stopword_list_is_function_words_only():
    stop = stopwords()
    assert {"the", "and", "of", "was"} <= stop
    assert not {"military", "war", "said", "drone", "king"} & stop
    assert all(w == w.lower().strip() for w in stop)


def test_frequencies_count_fold_possessives_and_sort_ties(oped):
    table = word_frequencies(oped, top=None)
    counts = dict(zip(table["word"], table["count"], strict=True))
    body_lower = oped.body.lower()
    # every occurrence of "myanmar" (with or without possessive) is one count
    assert counts["myanmar"] == body_lower.count("myanmar")
    assert "the" not in counts and "myanmar’s" not in counts
    assert table["count"].is_monotonic_decreasing
    top = table.head(5)
    assert top.iloc[0]["word"] == "myanmar"
    row = table.set_index("word").loc["drones"]
    assert oped.body[row.first_start : row.first_end].lower() == "drones"


def test_frequencies_without_stopword_removal():
    doc = from_string("The drone and the drone.")
    table = word_frequencies(doc, remove_stopwords=False)
    assert table[["word", "count"]].values.tolist() == [["drone", 2], ["the", 2], ["and", 1]]


def test_kwic_on_the_oped(oped):
    lines = kwic(oped, "rat king*")
    assert lines["unit"].tolist() == ["p03.s2", "p03.s2", "p25.s1"]
    for row in lines.itertuples():
        assert oped.body[row.start : row.end] == row.match
    drones = kwic(oped, "drone*")
    assert len(drones) == sum(1 for t in oped.tokens if t.text.lower().startswith("drone"))


def test_kwic_no_match_is_empty_but_well_formed(oped):
    table = kwic(oped, "zeppelin*")
    assert table.empty
    assert list(table.columns) == ["unit", "start", "end", "left", "match", "right"]


def _kwic_by_scan(doc, pattern, window):
    """The concordance computed the slow, obvious way: scan every token for every match (kit.patterns finds them)."""
    rows = []
    for start, end, _ in find(doc.body, compile_patterns([pattern])):
        paragraph = next(p for p in doc.paragraphs if p.start <= start < p.end)
        before = [t for t in paragraph.tokens if t.end <= start][-window:]
        after = [t for t in paragraph.tokens if t.start >= end][:window]
        sentence = next(s for s in doc.sentences if s.start <= start < s.end)
        rows.append(
            [
                sentence.id,
                start,
                end,
                doc.body[before[0].start : start].strip() if before else "",
                doc.body[start:end],
                doc.body[end : after[-1].end].strip() if after else "",
            ]
        )
    return rows


@pytest.mark.parametrize("pattern", ["drone*", "rat king*", "the", "myanmar*", "said"])
@pytest.mark.parametrize("window", [1, 3, 8])
def test_kwic_agrees_with_a_token_scan(oped, pattern, window):
    table = kwic(oped, pattern, window=window)
    expected = _kwic_by_scan(oped, pattern, window)
    assert expected, "each pattern occurs in the op-ed"
    assert table.values.tolist() == expected


def test_kwic_window_zero_gives_no_context():
    table = kwic(from_string("Russia sent drones. The drone war grew."), "drone*", window=0)
    assert table[["left", "right"]].values.tolist() == [["", ""], ["", ""]]
