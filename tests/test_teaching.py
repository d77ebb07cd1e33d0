"""Teaching notes in a text's front matter, and the lesson examples computed from any text (kit/teaching.py)."""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

from kit import sentiment, teaching, words
from kit.errors import TextError
from kit.notebooks import lesson_paths
from kit.text import from_string, load_text, read_text_file

NOTES_CALL = re.compile(r'teaching\.notes\(doc, "(\w+)", "(\w+)"\)')


def _doc(notes):
    return from_string("One sentence. Another one.", slug="demo", teaching_notes=notes)


def test_a_text_without_notes_shows_nothing():
    doc = from_string("A plain news text. Nothing about it is in the lessons.")
    assert teaching.teaching_problems(doc) == []
    for lesson, sections in teaching.LESSON_SECTIONS.items():
        for section in sections:
            assert teaching.notes(doc, lesson, section) is None
            assert teaching.note(doc, lesson, section) == ""


def test_a_note_is_shown_only_where_supplied():
    doc = _doc({"voices": {"discussion": ["Who is missing?", "Who speaks first?"]}, "sentiment": {"example": "Look."}})
    shown = teaching.notes(doc, "voices", "discussion")
    assert shown.data.startswith(teaching.NOTE_HEADER)
    assert "- Who is missing?\n- Who speaks first?" in shown.data
    assert teaching.notes(doc, "sentiment", "example").data.endswith("Look.")
    assert teaching.notes(doc, "voices", "actors") is None


@pytest.mark.parametrize(
    ("notes", "key", "fix"),
    [
        ({"sentiments": {"example": "x"}}, "teaching_notes.sentiments", "did you mean 'sentiment'"),
        ({}, "teaching_notes", "delete the key"),
        ({"voices": {}}, "teaching_notes.voices", "delete the key"),
        ({"voices": None}, "teaching_notes.voices", "delete the key"),
        ({"voices": {"discusion": "x"}}, "teaching_notes.voices.discusion", "did you mean 'discussion'"),
        ({"voices": {"discussion": ""}}, "teaching_notes.voices.discussion", "a list of texts"),
        ({"voices": {"discussion": ["ok", 3]}}, "teaching_notes.voices.discussion", "a list of texts"),
    ],
)
def test_bad_notes_get_one_line_naming_file_key_and_fix(notes, key, fix):
    problems = teaching.teaching_problems(_doc(notes))
    assert len(problems) == 1
    message = str(problems[0])
    assert "\n" not in message and message.startswith(f"demo: {key}:") and fix in message
    with pytest.raises(TextError, match=re.escape(key)):
        teaching.check_teaching_notes(_doc(notes))


def test_problems_in_a_file_name_the_file(tmp_path):
    path = tmp_path / "story.md"
    path.write_text('---\ntitle: Story\nteaching_notes:\n  voicez:\n    discussion: ["Why not?"]\n---\n\nBody text.\n')
    (problem,) = teaching.teaching_problems(read_text_file(path))
    assert str(problem).startswith(f"{path.resolve()}: teaching_notes.voicez: unknown lesson key 'voicez'")


def test_asking_for_a_section_no_lesson_has_is_an_error():
    with pytest.raises(TextError, match="did you mean 'discussion'"):
        teaching.note(_doc(None), "voices", "discussions")


def test_the_oped_notes_are_valid_and_carry_its_commentary():
    oped = load_text("oped")
    assert teaching.teaching_problems(oped) == []
    assert "bizarre" in teaching.note(oped, "sentiment", "example")
    assert "rat king" in teaching.note(oped, "two_parts", "about")


def test_the_oped_notes_pin_every_unit_they_name_and_show_them_bare():
    oped = load_text("oped")
    raw = str(oped.metadata["teaching_notes"])
    named = teaching.UNIT_ID_RE.findall(raw)
    assert named and all("@" in unit for unit in named), "every id in the op-ed's notes is pinned to its words"
    shown = teaching.note(oped, "sentiment", "example")
    assert 'example = "p03.s1"' in shown and "@" not in shown


def test_a_note_naming_a_unit_the_body_lacks_is_a_problem():
    doc = _doc({"sentiment": {"example": "Look at `p01.s2`, then at `p04.s1`."}})
    (problem,) = teaching.teaching_problems(doc)
    assert str(problem).startswith("demo: teaching_notes.sentiment.example: names unit 'p04.s1', which this body")
    assert "python -m kit pin --text demo" in str(problem)


def test_a_pinned_id_in_a_note_follows_its_words_when_the_body_changes(tmp_path):
    """Insert a paragraph above the pinned sentence: validate names the stale id and where its words went."""
    body = "The council met on Monday.\n\nA bizarre prophecy was told. Nobody laughed."
    old = from_string(body)
    pin = f"p02.s1@{teaching.pins.unit_fingerprint(old, 'p02.s1')}"
    notes = {"sentiment": {"example": f"The classic case is `{pin}`."}}
    assert teaching.teaching_problems(from_string(body, teaching_notes=notes)) == []
    moved = from_string("A new lead paragraph.\n\n" + body, slug="demo", teaching_notes=notes)
    (problem,) = teaching.teaching_problems(moved)
    assert f"'{pin}' no longer names the words it was pinned to" in str(problem)
    assert f"write p03.s1@{pin.split('@')[1]} instead of {pin}" in str(problem)


@pytest.mark.parametrize("path", lesson_paths(), ids=lambda p: p.stem)
def test_lessons_ask_only_for_sections_of_their_own_lesson(path):
    source = "\n".join(c.source for c in nbformat.read(str(path), as_version=4).cells if c.cell_type == "code")
    for lesson, section in NOTES_CALL.findall(source):
        assert path.stem.endswith(lesson), f"{path.name} shows notes of lesson '{lesson}'"
        assert section in teaching.LESSON_SECTIONS[lesson]


def test_example_sentence_is_where_the_lexicons_differ_most(oped):
    scores = sentiment.score(oped)
    chosen = teaching.example_sentence(scores)
    gaps = (scores["textblob_polarity"] - scores["vader_compound"]).abs()
    assert gaps[scores["unit"] == chosen].iloc[0] == gaps.max()
    assert teaching.example_sentence(sentiment.score(from_string("Good. Very bad indeed."))) in ("p01.s1", "p01.s2")


def test_example_sentence_of_unscored_text_is_its_first_sentence():
    scores = pd.DataFrame(
        {"unit": ["p01.s1"], "textblob_polarity": [0.0], "vader_compound": [0.0], "reason": ["empty"]}
    )
    assert teaching.example_sentence(scores) == "p01.s1"


def test_frequent_keywords_follow_the_frequency_table():
    doc = from_string("The court sat. The court ruled. A jury of twelve.")
    assert teaching.frequent_keywords(words.word_frequencies(doc), n=1) == ["court*"]


def test_frequent_short_words_are_keywords_that_kwic_accepts():
    doc = from_string("An ad ran. The ad ran again. R0 is 2; R0 fell. Ads cost.")
    keywords = teaching.frequent_keywords(words.word_frequencies(doc), n=2)
    assert keywords == ["ad", "r0"]
    assert [len(words.kwic(doc, k)) for k in keywords] == [2, 2]


def test_texts_readme_lists_every_lesson_section():
    from kit import paths

    readme = (paths.texts_dir() / "README.md").read_text(encoding="utf-8")
    for lesson, sections in teaching.LESSON_SECTIONS.items():
        row = next(line for line in readme.splitlines() if line.startswith(f"| `{lesson}`"))
        assert re.findall(r"`(\w+)`", row.split("|")[2]) == list(sections), row


def test_every_section_is_shown_by_its_lesson():
    calls = set()
    for path in lesson_paths():
        cells = nbformat.read(str(path), as_version=4).cells
        calls |= set(NOTES_CALL.findall("\n".join(c.source for c in cells if c.cell_type == "code")))
    assert calls == {(lesson, s) for lesson, sections in teaching.LESSON_SECTIONS.items() for s in sections}
