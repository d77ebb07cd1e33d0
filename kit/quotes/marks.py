"""Quotation marks: pairing the double marks of a paragraph into quotations.

Straight (``"``) and curly (``“ ”``) double marks are read; a straight mark opens or closes by its
context (space or punctuation on one side). Unbalanced marks give a quotation with a ``flag``
saying what was wrong, never an exception. A quotation left open at the end of a paragraph whose
next paragraph opens with a mark is the newspaper convention for a quotation running on over
several paragraphs: it is not flagged (``continues``). A text that quotes with single marks is read
through :mod:`kit.quotes.single_marks`, which writes its quoting marks double.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kit.text import WORD_RE

_MARKS_RE = re.compile('[“”"]')
_OPEN_CONTEXT = set("([{—–-/")
_CLOSE_CONTEXT = set(".,;:!?)]}—–…")
QUOTE_CHARACTERS = '“”"'


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


def _roles(text: str) -> list[tuple[int, str]]:
    """Every double mark of ``text`` with the role its context gives it (``open``, ``close``, ``toggle``).

    A mark that could do either, right after an opening mark, opens too: an inner quotation at the
    start of an outer one (``“"Closed" was the word,” she said.``), not an empty quotation.
    """
    roles: list[tuple[int, str]] = []
    for m in _MARKS_RE.finditer(text):
        i = m.start()
        role = mark_role(text, i)
        if role == "toggle" and roles and roles[-1] == (i - 1, "open"):
            role = "open"
        roles.append((i, role))
    return roles


def _nested_spans(text: str, marks: list[tuple[int, str]], next_opens: bool) -> list[Quotation] | None:
    """Pair marks allowing quotations inside quotations; None unless the marks nest cleanly.

    ``“He said “we won” today,” Ann Lee said.``: the inner quotation is part of the outer one.
    Only outermost quotations are returned. The marks nest cleanly when every closing mark has an
    open quotation and none is left open at the end (except the outermost one, when the next
    paragraph opens with a mark: a quotation running on).
    """
    depth = 0
    outer = -1
    nested = False
    spans: list[Quotation] = []
    for i, role in marks:
        if role == "toggle":
            role = "close" if depth else "open"
        if role == "open":
            if depth == 0:
                outer = i
            else:
                nested = True
            depth += 1
        elif depth == 0:
            return None
        else:
            depth -= 1
            if depth == 0:
                a, b = trimmed(text, outer + 1, i)
                if b > a:
                    spans.append(Quotation(outer, i, a, b))
    if not nested:
        return None
    if depth == 0:
        return spans
    if depth == 1 and next_opens:
        a, b = trimmed(text, outer + 1, len(text))
        if b > a:
            spans.append(Quotation(outer, -1, a, b, continues=True))
        return spans
    return None


class _OpenQuotation:
    """The words and sentence punctuation seen so far inside the open quotation (counted once each)."""

    def __init__(self, text: str, open_mark: int):
        self.text = text
        self.open_mark = open_mark
        self.scanned = open_mark + 1
        self.words = 0
        self.has_stop = False

    def looks_complete(self, i: int, min_words: int) -> bool:
        """Does the content up to ``i`` read as a full sentence or at least ``min_words`` words?"""
        # marks are never part of a word, so scanning from the previous mark counts each word once
        chunk = self.text[self.scanned : i]
        if not self.has_stop and self.words < min_words:
            self.words += len(WORD_RE.findall(chunk))
            self.has_stop = _STOP_RE.search(chunk) is not None
        self.scanned = i + 1
        return self.words >= min_words or self.has_stop


_STOP_RE = re.compile(r"[.!?]")


def _flat_spans(text: str, marks: list[tuple[int, str]], next_opens: bool, min_words: int) -> list[Quotation]:
    """Pair marks one level deep; an opening mark inside an open quotation ends it or is a stray mark."""
    spans: list[Quotation] = []
    current: _OpenQuotation | None = None
    floor = 0  # where a quotation with a missing opening mark may start
    extra = ""  # flag for a quotation that contained a stray opening mark

    def add(open_mark: int, close_mark: int, a: int, b: int, flag: str, continues: bool = False) -> None:
        a, b = trimmed(text, a, b)
        if b > a:
            spans.append(Quotation(open_mark, close_mark, a, b, flag, continues))

    for i, role in marks:
        if role == "toggle":
            role = "close" if current is not None else "open"
        if role == "open":
            if current is not None:
                if not current.looks_complete(i, min_words):
                    extra = "unbalanced quotes: extra opening mark"
                    continue
                add(current.open_mark, -1, current.open_mark + 1, i, "unbalanced quotes: opening mark never closed")
            current, extra = _OpenQuotation(text, i), ""
        elif current is not None:
            add(current.open_mark, i, current.open_mark + 1, i, extra)
            current, floor, extra = None, i + 1, ""
        else:
            add(-1, i, floor, i, "unbalanced quotes: closing mark without opening mark")
            floor = i + 1
    if current is not None:
        o = current.open_mark
        if next_opens and not extra:
            add(o, -1, o + 1, len(text), "", continues=True)
        else:
            add(o, -1, o + 1, len(text), "unbalanced quotes: opening mark never closed")
    return spans


def quotation_spans(text: str, next_opens: bool, min_words: int = 6) -> list[Quotation]:
    """Pair the double quotation marks of one paragraph; unbalanced marks give flagged spans.

    Marks that nest cleanly (an inner quotation inside an outer one) give the outer quotations, the
    inner ones part of them. Otherwise an opening mark inside an open quotation either ends it (its
    closing mark was forgotten: the words before are a full sentence or ``min_words`` long) or is a
    stray extra mark, ignored. Linear in the length of the paragraph.
    """
    marks = _roles(text)
    nested = _nested_spans(text, marks, next_opens)
    return nested if nested is not None else _flat_spans(text, marks, next_opens, min_words)


def opens_with_quote(text: str) -> bool:
    """Does the paragraph ``text`` open with a quotation mark?"""
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in '“"' and mark_role(stripped, 0) in ("open", "toggle")


def inside(spans: list[Quotation], i: int) -> bool:
    """Is local offset ``i`` inside the content of a quotation?"""
    return any(sp.start <= i < sp.end for sp in spans)
