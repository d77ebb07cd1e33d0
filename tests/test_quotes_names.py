"""Names and speaker mentions (kit/quotes/names.py): which name in a subject speaks."""

from __future__ import annotations

import pytest

from kit.quotes import extract, speakers
from kit.text import from_string

R, M = "indirect", "mixed"

CASES = [
    (
        "person-of-organisation",
        "John Geiger of USGS said the quake was small.",
        [(R, "John Geiger", "said", "the quake was small")],
    ),
    (
        "relative-clause-is-not-the-subject",
        "The Iranian Revolutionary Guard Corps (IRGC), which includes the Quds Force, declared that "
        "Soleimani was “martyred” by the airstrike.",
        [(M, "Iranian Revolutionary Guard Corps", "declared", "Soleimani was “martyred” by the airstrike")],
    ),
    (
        "who-clause-is-not-the-subject",
        "Ann Lee, who met Bo Tan on Monday, said the talks failed.",
        [(R, "Ann Lee", "said", "the talks failed")],
    ),
    (
        "capitalised-modifier-is-not-a-verb",
        "The United States Department of Defense said the strike was lawful.",
        [(R, "United States Department of Defense", "said", "the strike was lawful")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_case(text, expected):
    got = [(q.kind, q.speaker, q.cue, q.text) for q in extract(from_string(text))]
    assert got == expected


def test_the_organisation_of_a_person_becomes_the_role():
    table = speakers(from_string("John Geiger of USGS said the quake was small.")).set_index("speaker")
    assert table.at["John Geiger", "description"] == "of USGS"
