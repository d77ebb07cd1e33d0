"""Mentions of people and groups (kit/quotes/mentions.py): what the text tells of each entity, the
agreement word lists and their schema, and the antecedent search."""

from __future__ import annotations

import pytest

from kit.errors import CodebookError
from kit.quotes.cues import compiled_cues
from kit.quotes.mentions import MENTIONS_PATH, MentionIndex, load_agreement, validate_agreement
from kit.quotes.model import UNRESOLVED
from kit.quotes.names import NameIndex
from kit.safe_yaml import safe_load


def index(body: str, quoted: list[tuple[int, int]] | None = None) -> MentionIndex:
    starts = [0] + [i + 2 for i in range(len(body)) if body.startswith(". ", i)]
    return MentionIndex(body, NameIndex(body, compiled_cues()), starts, quoted or [])


def test_the_shipped_lists_validate_and_keep_titles_as_written():
    agreement = validate_agreement(safe_load(MENTIONS_PATH.read_text(encoding="utf-8")))
    assert {"Mr", "Sir"} <= agreement.male_titles and {"Ms", "Dame"} <= agreement.female_titles
    assert agreement.gender(["a", "spokeswoman"]) == "f" and agreement.gender(["Russian", "President"]) == ""
    assert load_agreement() == agreement


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], "mapping of lists"),
        ({"male_titles": ["Mr"]}, "missing key"),
        ({**safe_load(MENTIONS_PATH.read_text(encoding="utf-8")), "colours": ["red"]}, "unknown key"),
        ({**safe_load(MENTIONS_PATH.read_text(encoding="utf-8")), "role_nouns": [True]}, "is not a word"),
    ],
    ids=["not-a-mapping", "missing-key", "unknown-key", "not-a-word"],
)
def test_a_broken_list_file_names_the_problem(data, message):
    with pytest.raises(CodebookError, match=message):
        validate_agreement(data, "mentions.yml")


def test_people_groups_gender_and_roles_are_collected():
    body = "Mr Paul Brandt met the Ministry of Foreign Affairs. Ravi Menon, 48, and transport minister Dame Alison Crane came."
    found = index(body)
    assert [(m.entity, m.kind) for m in found.mentions] == [
        ("Paul Brandt", "person"),
        ("Ministry", "group"),
        ("Ravi Menon", "person"),
        ("Alison Crane", "person"),
    ]  # "Foreign Affairs" continues the ministry's name: not a person
    assert found.gender == {"Paul Brandt": "m", "Alison Crane": "f"}
    assert found.role_holder(["48-year-old"], len(body)) == "Ravi Menon"
    assert found.role_holder(["transport", "minister"], len(body)) == "Alison Crane"
    assert found.role_holder(["minister"], 10) == ""  # not introduced yet at offset 10


def test_a_lone_capitalised_word_is_not_a_person_unless_a_role_introduces_it():
    assert [m.entity for m in index("Value added tax rose on Monday.").mentions] == []
    # countries are named bodies (kit/quotes/places.yml), never people
    assert [(m.entity, m.kind) for m in index("Turkey met Greece on Monday.").mentions] == [
        ("Turkey", "group"),
        ("Greece", "group"),
    ]
    assert [(m.entity, m.kind) for m in index("Turkish president Erdoğan met Greece.").mentions] == [
        ("Erdoğan", "person"),
        ("Greece", "group"),
    ]


def test_names_inside_quotations_are_not_mentions():
    body = "“Paul Brandt lost,” Ines Varga said."
    assert [m.entity for m in index(body, quoted=[(1, 18)]).mentions] == ["Ines Varga"]


def test_antecedent_prefers_the_nearest_sentence_then_its_subject():
    body = "Ines Varga met Paul Brandt. Ann Lee thanked Bo Tan. He left."
    found = index(body)
    assert found.pronoun_antecedent(body.index("He left"), "m", 0) == "Ann Lee"
    assert found.pronoun_antecedent(body.index("Ann Lee"), "m", 0) == "Ines Varga"
    assert found.pronoun_antecedent(body.index("Ann Lee"), "m", body.index("Ann Lee")) == ""  # floor


def test_antecedent_is_unresolved_for_coordinated_people_agreement_cannot_split():
    body = "Ines Varga and Paul Brandt spoke. She left."
    assert index(body).pronoun_antecedent(body.index("She"), "f", 0) == UNRESOLVED
    body = "Ms Ines Varga and Mr Paul Brandt spoke. She left."
    assert index(body).pronoun_antecedent(body.index("She"), "f", 0) == "Ines Varga"


def test_a_resolved_pronoun_becomes_a_mention_with_its_gender():
    body = "Ines Varga spoke. She left. Ines Varga and Paul Brandt came. He sat."
    found = index(body)
    found.add(body.index("She"), body.index("She") + 3, "Ines Varga", "person", "f")
    assert found.pronoun_antecedent(body.index("He sat"), "m", 0) == "Paul Brandt"
