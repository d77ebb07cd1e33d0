"""Texts that quote with single marks (kit/quotes/single_marks.py): British style reads like American style."""

from __future__ import annotations

import pytest

from kit.document import build_document
from kit.quotes import extract
from kit.quotes.single_marks import as_double_marks, double_marked, quotes_with_single_marks, single_opening_marks
from kit.text import from_string, list_texts, load_text

_TO_SINGLE = str.maketrans({"“": "‘", "”": "’", '"': "'"})


def _found(doc):
    return [(q.kind, q.start, q.end, q.speaker) for q in extract(doc)]


def _quotes_only_with_double_marks(slug: str) -> bool:
    """A shipped text with double marks and no single mark that opens a quotation inside them."""
    body = load_text(slug).body
    return any(m in body for m in '“”"') and not single_opening_marks(body)


SHIPPED = [slug for slug in list_texts()["slug"] if _quotes_only_with_double_marks(slug)]


def test_the_shipped_texts_give_enough_cases():
    assert len(SHIPPED) >= 30


@pytest.mark.parametrize("slug", SHIPPED)
def test_a_text_rewritten_with_single_marks_gives_the_same_quotes(slug):
    """Every double mark written single (apostrophes stay): the same quotes, spans and speakers."""
    doc = load_text(slug)
    single = build_document(slug, None, doc.metadata, [p.text.translate(_TO_SINGLE) for p in doc.paragraphs])
    assert quotes_with_single_marks(single.body)
    assert _found(single) == _found(doc)


def test_apostrophes_are_no_quotation_marks():
    assert not quotes_with_single_marks("It’s the players’ day, and Lee’s too. The ’90s were fun.")
    assert double_marked(from_string("It’s the players’ day.")).body == "It’s the players’ day."
    doc = from_string("It’s the players’ day, and Lee’s too. Ann Lee called the plan 'unworkable'.")
    assert [(q.kind, q.text) for q in extract(doc)] == [("mixed", "the plan 'unworkable'")]


def test_the_quote_text_keeps_the_single_marks_of_the_text():
    doc = from_string("The minister called the plan ‘unworkable’. ‘It’s over,’ said Ann Lee.")
    quotes = extract(doc)
    assert [(q.kind, q.text, q.speaker) for q in quotes] == [
        ("mixed", "the plan ‘unworkable’", "minister"),
        ("direct", "It’s over,", "Ann Lee"),
    ]
    assert all(doc.body[q.start : q.end] == q.text for q in quotes)


def test_single_marks_inside_double_marks_are_left_alone():
    text = "“We said ‘no’ twice,” Ann Lee said."
    assert not quotes_with_single_marks(text)
    assert as_double_marks("“We said ‘no’ twice,”") == "“We said “no” twice,”"  # only ever called on single-mark texts
    assert [(q.kind, q.text) for q in extract(from_string(text))] == [("direct", "We said ‘no’ twice,")]


def test_a_quotation_running_on_over_paragraphs_with_single_marks():
    doc = from_string("‘We are ready,’ said Ann Lee. ‘The town is ready.\n\n‘And so am I.’")
    assert [(q.kind, q.speaker) for q in extract(doc)] == [("direct", "Ann Lee")] * 3
