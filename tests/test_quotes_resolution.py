"""Speaker resolution (kit/quotes/resolution.py): pronouns by agreement and recency, ``unresolved``
when two people remain, role nouns and ages resolved to the person introduced with them."""

from __future__ import annotations

import pytest

from kit.quotes import UNRESOLVED, extract, speakers
from kit.text import from_string

D, R = "direct", "indirect"

# (case id, text, expected quotes as (kind, speaker, cue, content)): texts written for the kit
CASES = [
    (
        "pronoun-two-people",
        "Ines Varga met Paul Brandt on Monday. “The deal is done,” Varga said. Brandt disagreed. “Nothing is signed,” he said.",
        [(D, "Ines Varga", "said", "The deal is done,"), (D, "Paul Brandt", "said", "Nothing is signed,")],
    ),
    (
        "pronoun-title-agreement",
        "Ms Ines Varga and Mr Paul Brandt spoke after the vote. “We lost,” she said.",
        [(D, "Ines Varga", "said", "We lost,")],
    ),
    (
        "pronoun-title-agreement-he",
        "Ms Ines Varga and Mr Paul Brandt spoke after the vote. “We lost,” he said.",
        [(D, "Paul Brandt", "said", "We lost,")],
    ),
    (
        "pronoun-coordinated-people-unresolved",
        "Ines Varga and Paul Brandt spoke after the vote. “We lost,” she said.",
        [(D, UNRESOLVED, "said", "We lost,")],
    ),
    (
        "pronoun-earlier-pronoun-gives-gender",
        "Ines Varga spoke first. “We lost,” she said. Ines Varga and Paul Brandt left together. “It is over,” he said.",
        [(D, "Ines Varga", "said", "We lost,"), (D, "Paul Brandt", "said", "It is over,")],
    ),
    (
        "pronoun-noun-gives-gender",
        "Ines Varga, a spokeswoman for the union, met Paul Brandt. “We lost,” he said.",
        [(D, "Paul Brandt", "said", "We lost,")],
    ),
    (
        "pronoun-skips-names-inside-quotes",
        "Ines Varga spoke after the count. “Paul Brandt lost the vote,” she said. “He knows it,” she added.",
        [(D, "Ines Varga", "said", "Paul Brandt lost the vote,"), (D, "Ines Varga", "added", "He knows it,")],
    ),
    (
        "pronoun-person-not-organisation",
        "The Ministry of Foreign Affairs issued a statement. Turkish president Erdoğan spoke on Monday. “We are ready,” he said.",
        [(D, "Erdoğan", "said", "We are ready,")],
    ),
    (
        "pronoun-subject-of-nearest-sentence",
        "Ines Varga thanked Paul Brandt for his help. “We won,” she said.",
        [(D, "Ines Varga", "said", "We won,")],
    ),
    (
        "pronoun-with-no-antecedent",
        "“We won,” she said.",
        [(D, "", "said", "We won,")],
    ),
    (
        "age-anaphora",
        "Ravi Menon, 48, was arrested in March. The 48-year-old told the court he had been at home.",
        [(R, "Ravi Menon", "told", "he had been at home")],
    ),
    (
        "role-title-anaphora",
        "Mayor Tomas Okafor opened the bridge. “It is safe,” the mayor said.",
        [(D, "Tomas Okafor", "said", "It is safe,")],
    ),
    (
        "role-appositive-anaphora",
        "The Italian foreign minister, Luigi Di Maio, joined the talks. “We agree,” the foreign minister said.",
        [(D, "Luigi Di Maio", "said", "We agree,")],
    ),
    (
        "role-lowercase-before-name",
        "Turkish president Recep Erdoğan spoke on Monday. “We are ready,” the president said.",
        [(D, "Recep Erdoğan", "said", "We are ready,")],
    ),
    (
        "role-noun-with-no-holder-stays-a-source",
        "“We won,” the mayor said.",
        [(D, "mayor", "said", "We won,")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_case(text, expected):
    got = [(q.kind, q.speaker, q.cue, q.text) for q in extract(from_string(text))]
    assert got == expected


def test_resolved_mention_keeps_its_surface_form():
    quote = extract(from_string("Mayor Tomas Okafor opened the bridge. “It is safe,” the mayor said."))[0]
    assert (quote.speaker, quote.speaker_mention) == ("Tomas Okafor", "the mayor")
    doc = from_string("Mayor Tomas Okafor opened the bridge. “It is safe,” the mayor said.")
    assert doc.body[quote.mention_start : quote.mention_end] == "the mayor"


def test_a_person_found_through_a_role_is_a_person():
    table = speakers(from_string("Ravi Menon, 48, was arrested. “I was at home,” the 48-year-old said."))
    assert table.set_index("speaker").at["Ravi Menon", "kind"] == "person"
