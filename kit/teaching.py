"""Teaching notes: what the lessons say about one text, written in that text's own file.

The lesson notebooks teach the method and hold for any news text. Commentary, discussion
questions and pointers that are true of one text only live in that text's front matter under
``teaching_notes:``, keyed by lesson and then by section::

    teaching_notes:
      sentiment:
        about: "In this op-ed, ..."
        discussion:
          - "A question about this text."

A section's value is Markdown text, or a list of texts (shown as a list). A lesson shows a
section with one call, :func:`notes`, and shows nothing when the text supplies none, so a lesson
run on this week's news never talks about the op-ed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kit import pins
from kit.errors import TextError, closest_match
from kit.patterns import MIN_STEM
from kit.text import Document

#: Lesson key (the notebook's name without its number) -> the sections a note may fill there.
LESSON_SECTIONS: dict[str, tuple[str, ...]] = {
    "the_text": ("about", "discussion"),
    "sentiment": ("example", "discussion"),
    "framing": ("discussion",),
    "voices": ("actors", "discussion"),
    "two_parts": ("about", "circularity", "discussion"),
}

#: A paragraph or sentence id named in a note's prose (``p03``, ``p03.s1``), pinned or not (``p03.s1@db3e21``).
UNIT_ID_RE = re.compile(r"\bp\d{2,}(?:\.s\d+)?(?:@[0-9a-fA-F]{6})?\b")

#: Shown above every note, so a reader can tell the method from the commentary on one text.
NOTE_HEADER = "**About this text** (from the `teaching_notes` in its file):"


def _where(doc: Document, key: str) -> str:
    source = str(doc.path) if doc.path is not None else doc.slug
    return f"{source}: teaching_notes.{key}" if key else f"{source}: teaching_notes"


def _fix_for(value: str, options: tuple[str, ...] | list[str], what: str) -> str:
    match = closest_match(value, options)
    hint = f"did you mean '{match}'? " if match else ""
    return f"{hint}use one of the {what}: {', '.join(options)} (see texts/README.md)"


def teaching_problems(doc: Document) -> list[TextError]:
    """Every problem of the text's ``teaching_notes``, one error each (file, key, fix); empty if none.

    >>> from kit.text import from_string
    >>> [str(e) for e in teaching_problems(from_string("Body.", teaching_notes={"sentiments": {"about": "x"}}))]
    ... # doctest: +ELLIPSIS
    ["untitled: teaching_notes.sentiments: unknown lesson key 'sentiments'. Fix: did you mean 'sentiment'? ..."]
    """
    if "teaching_notes" not in doc.metadata:
        return []
    raw = doc.metadata["teaching_notes"]
    if not isinstance(raw, Mapping) or not raw:
        fix = "give at least one lesson with a section, e.g. sentiment: {about: '...'}, or delete the key"
        return [TextError(_where(doc, ""), "'teaching_notes' is empty or not a mapping", fix)]
    problems = []
    for lesson, sections in raw.items():
        where = _where(doc, str(lesson))
        if lesson not in LESSON_SECTIONS:
            fix = _fix_for(str(lesson), list(LESSON_SECTIONS), "lesson keys")
            problems.append(TextError(where, f"unknown lesson key {lesson!r}", fix))
        elif not isinstance(sections, Mapping) or not sections:
            fix = f"write e.g. {lesson}: {{about: '...'}}, or delete the key"
            problems.append(TextError(where, "empty, or not a mapping of section -> note", fix))
        else:
            problems.extend(_section_problems(doc, where, lesson, sections))
    return problems


def _section_problems(doc: Document, where: str, lesson: str, sections: Mapping[str, Any]) -> list[TextError]:
    problems = []
    for section, value in sections.items():
        here = f"{where}.{section}"
        if section not in LESSON_SECTIONS[lesson]:
            fix = _fix_for(str(section), LESSON_SECTIONS[lesson], "sections")
            problems.append(TextError(here, f"unknown section {section!r} for lesson '{lesson}'", fix))
        elif not _note_text(value):
            fix = "write the note as a text, or a list of texts; or delete the key"
            problems.append(TextError(here, "the note is empty, or neither a text nor a list of texts", fix))
        else:
            problems.extend(unit_id_problems(doc, here, _note_text(value)))
    return problems


def unit_id_problems(doc: Document, where: str, prose: str) -> list[TextError]:
    """The unit ids a note's prose names that do not hold in this body, one error each.

    An id the body does not have is refused; an id pinned to its words (``p03.s1@db3e21``, from
    ``python -m kit pin``) is also refused when the body changed under it, with the id that now has
    those words. A bare id that exists cannot be checked, so notes should pin the ids they name.

    >>> from kit.text import from_string
    >>> doc = from_string("One. Two.")
    >>> [e.problem for e in unit_id_problems(doc, "note", "See `p01.s2` and `p07`.")]
    ["names unit 'p07', which this body does not have (it has paragraphs p01..p01)"]
    """
    texts = pins.unit_texts(doc)
    given = list(dict.fromkeys(UNIT_ID_RE.findall(prose)))
    kept, stale = pins.check(doc, given)
    problems = [TextError(where, s.problem(), s.fix(doc.slug)) for s in stale]
    last = doc.paragraphs[-1].id if doc.paragraphs else "none"
    for unit in kept:
        if unit not in texts:
            problems.append(TextError(
                where,
                f"names unit {unit!r}, which this body does not have (it has paragraphs p01..{last})",
                f"name a unit of this text and pin it to its words (python -m kit pin --text {doc.slug} ID)",
            ))
    return problems


def _shown(text: str) -> str:
    """A note as a reader sees it: pinned ids without their fingerprints (``p03.s1@db3e21`` -> ``p03.s1``)."""
    return UNIT_ID_RE.sub(lambda m: pins.split_pin(m.group(0))[0], text)


def _note_text(value: Any) -> str:
    """The note as Markdown ('' when it is empty or malformed)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return "\n".join(f"- {v.strip()}" for v in value)
    return ""


def check_teaching_notes(doc: Document) -> None:
    """Raise one :class:`TextError` for the first problem of the text's ``teaching_notes`` (if any)."""
    problems = teaching_problems(doc)
    if problems:
        raise problems[0]


def note(doc: Document, lesson: str, section: str) -> str:
    """The Markdown of one note, or '' when the text supplies none.

    >>> from kit.text import from_string
    >>> doc = from_string("Body.", teaching_notes={"voices": {"discussion": ["Who is missing?"]}})
    >>> note(doc, "voices", "discussion"), note(doc, "voices", "actors")
    ('- Who is missing?', '')
    """
    if lesson not in LESSON_SECTIONS or section not in LESSON_SECTIONS[lesson]:
        fix = (
            _fix_for(lesson, list(LESSON_SECTIONS), "lesson keys")
            if lesson not in LESSON_SECTIONS
            else (_fix_for(section, LESSON_SECTIONS[lesson], "sections"))
        )
        raise TextError(f"teaching note {lesson}.{section}", "no such lesson section", fix)
    raw = doc.metadata.get("teaching_notes") or {}
    sections = raw.get(lesson) if isinstance(raw, Mapping) else None
    if not isinstance(sections, Mapping):
        return ""
    return _shown(_note_text(sections.get(section)))


def notes(doc: Document, lesson: str, section: str) -> Any:
    """Show one teaching note in a notebook (IPython Markdown), or None, which shows nothing.

    The one call a lesson makes for text-specific commentary: a text without the note gets no
    output at all, so the lesson reads true on any text.
    """
    text = note(doc, lesson, section)
    if not text:
        return None
    from IPython.display import Markdown

    return Markdown(f"{NOTE_HEADER}\n\n{text}")


# ------------------------------------------------------------------ examples computed from any text


def frequent_keywords(frequencies: Any, n: int = 2) -> list[str]:
    """Globs for the ``n`` most frequent content words of a :func:`kit.words.word_frequencies` table.

    The default keywords of lesson 1: a word and its inflections (``word*``), chosen by the text. A
    word shorter than a glob stem may be (:data:`kit.patterns.MIN_STEM`) is searched as itself.

    >>> import pandas as pd
    >>> frequent_keywords(pd.DataFrame({"word": ["court", "ad", "jury"], "count": [5, 3, 3]}), n=3)
    ['court*', 'ad', 'jury*']
    """
    return [f"{word}*" if len(word) >= MIN_STEM else word for word in list(frequencies["word"])[:n]]


def example_sentence(scores: Any) -> str:
    """The id of the sentence where TextBlob and VADER differ most (lesson 2's default example).

    ``scores`` is :func:`kit.sentiment.score` by sentence; the gap is
    ``|textblob_polarity - vader_compound|`` (both on -1..1); ties go to the earlier sentence, and
    a text with no scored sentence gives its first sentence.

    >>> import pandas as pd
    >>> example_sentence(pd.DataFrame({"unit": ["p01.s1", "p01.s2"], "textblob_polarity": [0.1, 0.4],
    ...                                "vader_compound": [0.0, -0.3]}))
    'p01.s2'
    """
    table = scores
    if "reason" in table:
        table = table[table["reason"].fillna("") == ""]
    if not len(table):
        return str(scores["unit"].iloc[0])
    gap = (table["textblob_polarity"].astype(float) - table["vader_compound"].astype(float)).abs()
    return str(table["unit"].iloc[int(gap.to_numpy().argmax())])
