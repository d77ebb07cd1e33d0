"""Texts that quote with single marks (``‘We are ready,’ she said.``, the British newspaper style).

The extractor pairs double marks. A text with no double mark at all but with single quotation marks
is read through a copy in which each single mark that opens or closes a quotation is written as the
double mark of the same role, one character for one, so every offset stays the offset of the text.
Apostrophes stay as they are: one inside a word (``it’s``, ``Lee’s``), and one after a word while no
quotation is open (``the players’ union``). In a text that has double marks, single marks are
quotations inside quotations (or apostrophes) and are left alone.
"""

from __future__ import annotations

import re

from kit.document import Document, build_document

#: Single marks, curly and straight.
_SINGLE_RE = re.compile("[‘’']")
_DOUBLE_MARKS = '“”"'
#: What may stand before an opening mark besides white space ("(‘No,’ she said)").
_BEFORE_OPENING = set("([{—–-/")


def quotes_with_single_marks(text: str) -> bool:
    """Does ``text`` quote with single marks: no double mark, and at least one single opening mark?

    >>> quotes_with_single_marks("‘We are ready,’ she said."), quotes_with_single_marks("It’s the players’ day.")
    (True, False)
    >>> quotes_with_single_marks("“We said ‘no’,” she said.")
    False
    """
    if any(mark in text for mark in _DOUBLE_MARKS):
        return False
    return bool(single_opening_marks(text))


def single_opening_marks(text: str) -> list[int]:
    """The offsets of the single marks in ``text`` that open a quotation (apostrophes are left out).

    >>> single_opening_marks("‘We’re ready,’ she said; the ’90s were 'great'.")
    [0, 39]
    """
    return [m.start() for m in _SINGLE_RE.finditer(text) if _opens(text, m.start())]


def _opens(text: str, i: int) -> bool:
    """Does the single mark at ``i`` open a quotation: after a space (or a bracket or dash) or at the start,
    before a letter, a digit or a bracket (``‘[a]n area``)? A curly ``’`` never opens (``’90s`` is an apostrophe)."""
    if text[i] == "’":
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in _BEFORE_OPENING) and (after.isalnum() or after in "…[(")


def _closes(text: str, i: int) -> bool:
    """Can the single mark at ``i`` close a quotation: not inside a word (``it’s``), after a non-space?"""
    if text[i] == "‘":
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def as_double_marks(paragraph: str) -> str:
    """``paragraph`` with its quoting single marks written as double marks, apostrophes left alone.

    >>> as_double_marks("‘We are ready,’ said Ann Lee, the players’ coach. ‘It’s time.’")
    '“We are ready,” said Ann Lee, the players’ coach. “It’s time.”'
    """
    chars = list(paragraph)
    open_at = -1
    for m in _SINGLE_RE.finditer(paragraph):
        i = m.start()
        if open_at < 0 and _opens(paragraph, i):
            open_at = i
        elif open_at >= 0 and _closes(paragraph, i):
            chars[open_at] = "“" if paragraph[open_at] == "‘" else '"'
            chars[i] = "”" if paragraph[i] == "’" else '"'
            open_at = -1
    if open_at >= 0:  # a quotation left open at the paragraph's end: it may run on into the next paragraph
        chars[open_at] = "“" if paragraph[open_at] == "‘" else '"'
    return "".join(chars)


def double_marked(doc: Document) -> Document:
    """``doc`` itself, or for a text that quotes with single marks a copy with those marks written double
    (same paragraphs, same offsets; the copy is for reading quotes only, its text is never shown)."""
    if not quotes_with_single_marks(doc.body):
        return doc
    paragraphs = [as_double_marks(p.text) for p in doc.paragraphs]
    return build_document(doc.slug, doc.path, doc.metadata, paragraphs)
