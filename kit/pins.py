"""Ids pinned to content: a unit id with a short fingerprint of the words it was written for.

A segment or an annotation names units by id (``p25.s2``). Ids are positions, so an edited text
moves them: a sentence inserted at the start of ``p25`` makes ``p25.s2`` the sentence that used to
be ``p25.s1``. A *pinned* id carries a fingerprint of the unit's text, ``p25.s2@3fa9c1``: the first
six hex digits of the SHA-1 of the unit's words (whitespace collapsed, so re-wrapping a paragraph
does not count as an edit). When the body changes, :func:`check` tells which pinned ids still name
the words they were written for, which do not, what those ids point at now, and which unit of the
edited body has the old words (the suggested new id). An id without a fingerprint is taken as it is.

>>> from kit.text import from_string
>>> doc = from_string("The mayor spoke. The council voted.")
>>> pinned(doc, "p01.s2")
'p01.s2@99f4d9'
>>> edited = from_string("A storm came. The mayor spoke. The council voted.")
>>> kept, stale = check(edited, ["p01.s2@99f4d9", "p01.s1"])
>>> kept, stale[0].moved_to
(['p01.s1'], ('p01.s3',))
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from kit.text import Document

#: Separates the unit id from its fingerprint: ``p25.s2@3fa9c1``.
PIN_MARK = "@"
#: Hex digits kept of the SHA-1: 16 million values, so two units of one text share one by accident
#: about once in a few million pairs, and the pins stay short enough to read in front matter.
FINGERPRINT_LENGTH = 6
#: Words of a unit's current text quoted in a message about a stale id.
QUOTED_WORDS = 8


def fingerprint(text: str) -> str:
    """The fingerprint of a unit's text: six hex digits of the SHA-1 of its words joined by single spaces."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def split_pin(value: str) -> tuple[str, str | None]:
    """``"p25.s2@3fa9c1"`` -> ``("p25.s2", "3fa9c1")``; an id without a fingerprint -> ``(id, None)``."""
    unit, mark, pin = str(value).strip().partition(PIN_MARK)
    return unit.strip(), (pin.strip().lower() or None) if mark else None


def unit_texts(doc: Document) -> dict[str, str]:
    """Every paragraph and sentence id of the body with its text, in reading order."""
    texts: dict[str, str] = {}
    for p in doc.paragraphs:
        texts[p.id] = doc.body[p.start : p.end]
        texts.update((s.id, s.text) for s in p.sentences)
    return texts


def unit_fingerprint(doc: Document, unit_id: str) -> str:
    """The fingerprint of paragraph or sentence ``unit_id`` of this body (a KeyError if there is none)."""
    return fingerprint(unit_texts(doc)[unit_id])


def pinned(doc: Document, unit_id: str) -> str:
    """The pinned form of ``unit_id`` in this body (what to write in front matter or an annotation)."""
    return f"{unit_id}{PIN_MARK}{unit_fingerprint(doc, unit_id)}"


@dataclass(frozen=True)
class StaleId:
    """A pinned id whose unit no longer has the words it was written for."""

    given: str
    unit: str
    fingerprint: str
    now: str | None  # the first words the id points at now; None when the body has no such unit
    moved_to: tuple[str, ...]  # units of the body that now have the pinned words

    def problem(self) -> str:
        """What changed, in one clause: what the id points at now and where its old words went."""
        now = f"it now points at {self.now!r}" if self.now is not None else "the body has no such unit now"
        where = (
            f"its words are now {' and '.join(self.moved_to)}"
            if self.moved_to
            else "no unit of this body has its words (edited or removed)"
        )
        return f"{self.given!r} no longer names the words it was pinned to: {now}; {where}"

    def fix(self, slug: str) -> str:
        """How to repair the reference: the suggested new id, or re-pinning after reading the text again."""
        if self.moved_to:
            return f"write {self.moved_to[0]}{PIN_MARK}{self.fingerprint} instead of {self.given}"
        return f"re-read the text and pin the unit you mean again (python -m kit pin --text {slug} ID)"


def _first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:QUOTED_WORDS]) + (" ..." if len(words) > QUOTED_WORDS else "")


def check(doc: Document, given: Iterable[str]) -> tuple[list[str], list[StaleId]]:
    """Split ids into those that still hold (returned bare, fingerprints removed) and stale pinned ids.

    An id without a fingerprint is kept as written (whether it exists is the caller's question).
    """
    texts = unit_texts(doc)
    by_fingerprint: dict[str, list[str]] = {}
    for unit, text in texts.items():
        by_fingerprint.setdefault(fingerprint(text), []).append(unit)
    kept: list[str] = []
    stale: list[StaleId] = []
    for value in given:
        unit, pin = split_pin(value)
        if pin is None or (unit in texts and fingerprint(texts[unit]) == pin):
            kept.append(unit)
            continue
        now = _first_words(texts[unit]) if unit in texts else None
        moved = tuple(u for u in by_fingerprint.get(pin, []) if u.count(".") == unit.count("."))
        stale.append(StaleId(str(value).strip(), unit, pin, now, moved))
    return kept, stale
