"""Direct quotes and their cues (kit/quotes/direct.py): the attributions before an opening mark that
news writing uses beside ``X said: “...``. Short texts written for the kit: (kind, speaker, cue, content)."""

from __future__ import annotations

import pytest

from kit.quotes import extract
from kit.text import from_string

D, R = "direct", "indirect"

CASES = [
    (
        "clause-colon-quote-pronoun",
        "Ann Lee spoke at the funeral. In her speech, she praised the general: "
        "“He was a stellar example of courage for every soldier.”",
        [(D, "Ann Lee", "praised", "He was a stellar example of courage for every soldier.")],
    ),
    (
        "clause-colon-quote-organisation",
        "The Department of Defense justified the strike, which the president approved: "
        "“The military has taken decisive action to protect its personnel.”",
        [(D, "Department of Defense", "justified", "The military has taken decisive action to protect its personnel.")],
    ),
    (
        "clause-colon-short-quotation-is-not-speech",
        "Ann Lee had one word for it: “shameful.”",
        [],
    ),
    (
        "clause-colon-without-a-subject",
        "The menu read: “Fish and chips with peas and a pint of beer for two.”",
        [],
    ),
    (
        "went-on-to-say",
        "Ann Lee spoke first. She went on to say, “People tend to think of the disease as belonging to a place.”",
        [(D, "Ann Lee", "went on to say", "People tend to think of the disease as belonging to a place.")],
    ),
    (
        "time-phrase-after-recipient",
        "John Geiger of USGS told the press last week, “We have had hundreds of small earthquakes.”",
        [(D, "John Geiger", "told", "We have had hundreds of small earthquakes.")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_case(text, expected):
    got = [(q.kind, q.speaker, q.cue, q.text) for q in extract(from_string(text))]
    assert got == expected


def test_clause_colon_rule_is_named_and_offsets_are_exact():
    doc = from_string("In her speech, Ann Lee praised the general: “He was a stellar example of courage for us all.”")
    (quote,) = extract(doc)
    assert quote.rule == "direct:name-clause-colon-quote"
    assert doc.body[quote.cue_start : quote.cue_end] == "praised"
    assert doc.body[quote.mention_start : quote.mention_end] == "Ann Lee"
