"""Quotation marks: pairing the double marks of a paragraph into quotations.

Straight (``"``) and curly (``“ ”``) double marks are read; a straight mark opens or closes by its
context (space or punctuation on one side). Unbalanced marks give a quotation with a ``flag``
saying what was wrong, never an exception. A quotation left open at the end of a paragraph whose
next paragraph opens with a mark is the newspaper convention for a quotation running on over
several paragraphs: it is not flagged (``continues``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kit.text import WORD_RE

_MARKS_RE = re.compile('[“”"]')
_OPEN_CONTEXT = set("([{—–-/")
_CLOSE_CONTEXT = set(".,;:!?)]}—–…")
QUOTE_CHARACTERS = "“”\""


@dataclass
class Quotation:
    """A quotation inside one paragraph: marks and content, offsets local to the paragraph."""

    open_mark: int  # -1: no opening mark
    close_mark: int  # -1: no closing mark
    start: int
    end: int
    flag: str = ""
    continues: bool = False  # open at paragraph end, next paragraph opens a quotation
    used: bool = False

    @property
    def first(self) -> int:
        """The opening mark, else the first character of the content."""
        return self.open_mark if self.open_mark >= 0 else self.start

    @property
    def after(self) -> int:
        """The first character after the closing mark, else after the content."""
        return self.close_mark + 1 if self.close_mark >= 0 else self.end


def mark_role(text: str, i: int) -> str:
    """Whether the mark at ``text[i]`` opens, closes, or could do either (``toggle``)."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    left = prev.isspace() or prev in _OPEN_CONTEXT
    right = nxt.isspace() or nxt in _CLOSE_CONTEXT
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return {"“": "open", "”": "close"}.get(ch, "toggle")


def trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` without the white space at either end."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def quotation_spans(text: str, next_opens: bool, min_words: int = 6) -> list[Quotation]:
    """Pair the double quotation marks of one paragraph; unbalanced marks give flagged spans.

    An opening mark inside an open quotation either ends it (its closing mark was forgotten:
    the words before are a full sentence or ``min_words`` long) or is a stray extra mark, ignored.
    """
    spans: list[Quotation] = []
    open_at = -1
    floor = 0  # where a quotation with a missing opening mark may start
    extra = ""  # flag for a quotation that contained a stray opening mark

    def add(open_mark: int, close_mark: int, a: int, b: int, flag: str, continues: bool = False) -> None:
        a, b = trimmed(text, a, b)
        if b > a:
            spans.append(Quotation(open_mark, close_mark, a, b, flag, continues))

    for m in _MARKS_RE.finditer(text):
        i = m.start()
        role = mark_role(text, i)
        if role == "toggle":
            role = "close" if open_at >= 0 else "open"
        if role == "open":
            if open_at >= 0:
                inner = text[open_at + 1 : i]
                if len(WORD_RE.findall(inner)) < min_words and not re.search(r"[.!?]", inner):
                    extra = "unbalanced quotes: extra opening mark"
                    continue
                add(open_at, -1, open_at + 1, i, "unbalanced quotes: opening mark never closed")
            open_at, extra = i, ""
        elif open_at >= 0:
            add(open_at, i, open_at + 1, i, extra)
            open_at, floor, extra = -1, i + 1, ""
        else:
            add(-1, i, floor, i, "unbalanced quotes: closing mark without opening mark")
            floor = i + 1
    if open_at >= 0:
        if next_opens and not extra:
            add(open_at, -1, open_at + 1, len(text), "", continues=True)
        else:
            add(open_at, -1, open_at + 1, len(text), "unbalanced quotes: opening mark never closed")
    return spans


def opens_with_quote(text: str) -> bool:
    """Does the paragraph ``text`` open with a quotation mark?"""
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in '“"' and mark_role(stripped, 0) in ("open", "toggle")


def inside(spans: list[Quotation], i: int) -> bool:
    """Is local offset ``i`` inside the content of a quotation?"""
    return any(sp.start <= i < sp.end for sp in spans)
