"""Where the speaker mention before a cue may start: a few candidate offsets instead of every one.

A speaker before a speech verb is a pronoun, a source noun phrase (``junta officials``, ``one
expert``, ``officials in Moscow``) or a name, possibly with an appositive closed by a comma
(``Ann Lee, a lawyer, said``). Trying the cue patterns only where such a mention can start keeps
attribution linear in the length of a paragraph (a regex searched backwards from every verb is not).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from kit.quotes.cues import AGE_NOUN, CueSet

_WORD_RE = re.compile(r"[\w’'\-]+")  # scanned with finditer: each match is a whole word
_AGE_NOUN_RE = re.compile(AGE_NOUN)

#: How far before a speech verb its subject may start (a name with an appositive fits easily).
SUBJECT_WINDOW = 240
#: How many words before a verb a subject with no appositive may span (det + modifiers + noun + of the X Y).
SUBJECT_WORDS = 10
#: How many words before its head noun a source noun phrase may start (det + two modifiers).
_NOUN_PHRASE_LEAD = 3
#: Words after which a name is the object of a preposition, never a subject: "and via Twitter urged".
_PREPOSITIONS = frozenset(("via", "on", "in", "at", "through", "with", "into", "onto", "over", "across", "during"))


class WordIndex:
    """The words of one paragraph with their offsets (built once), and the cue words that matter here."""

    def __init__(self, text: str, cues: CueSet):
        self.text = text
        self.cues = cues
        found = list(_WORD_RE.finditer(text))
        self.starts = [m.start() for m in found]
        self.words = [m.group() for m in found]
        self.nouns = cues.source_head_nouns
        self.pronouns = cues.pronoun_words
        self.verbs = cues.single_word_verbs

    def subject_starts(self, lo: int, v: int) -> list[int]:
        """Ascending offsets in ``[lo, v)`` where a speaker mention ending before offset ``v`` may start."""
        lo = max(lo, v - SUBJECT_WINDOW)
        first = bisect_left(self.starts, lo)
        end = bisect_left(self.starts, v)
        near = max(first, end - SUBJECT_WORDS)
        words, starts = self.words, self.starts
        # a mention without an appositive holds no speech verb: start after the last one (a noun that is
        # also a verb form, "reports said", stays a noun)
        for k in range(end - 1, near - 1, -1):
            if words[k] in self.verbs and words[k].lower() not in self.nouns:
                near = k + 1
                break
        candidates: set[int] = set()
        for k in range(near, end):
            word = words[k]
            lower = word.lower()
            if lower in self.pronouns or self.opens_name(word) and not self._after_preposition(k):
                candidates.add(starts[k])
            if lower in self.nouns or _AGE_NOUN_RE.fullmatch(lower):
                candidates.update(starts[max(k - _NOUN_PHRASE_LEAD, near) : k + 1])
        if "," in self.text[max(lo, v - 40) : v]:  # a name with an appositive: "Ann Lee, a lawyer at X, said"
            candidates.update(
                starts[k] for k in range(first, end) if self.opens_name(words[k]) and not self._after_preposition(k)
            )
        return sorted(candidates)

    def _after_preposition(self, k: int) -> bool:
        """Is the ``k``-th word right after a preposition (``via Twitter``), with only a space between?"""
        if k == 0 or self.words[k - 1].lower() not in _PREPOSITIONS:
            return False
        gap = self.text[self.starts[k - 1] + len(self.words[k - 1]) : self.starts[k]]
        return gap.isspace()

    def opens_name(self, word: str) -> bool:
        """Can a name start with ``word``: a capitalised word, or a particle joined to one (``al-Sadr``)?"""
        if word[0].isupper():
            return True
        head, dash, rest = word.partition("-")
        return bool(dash) and head in self.cues.particles and rest[:1].isupper()


def match_subject(rx: re.Pattern[str], index: WordIndex, lo: int, v: int, end: int) -> re.Match[str] | None:
    """The leftmost match of ``rx`` (a speaker pattern) starting at a candidate subject start before ``v``
    and running to ``end`` (``rx`` ends with ``\\Z``, which matches at ``end``)."""
    text = index.text
    for start in index.subject_starts(lo, v):
        m = rx.match(text, start, end)
        if m:
            return m
    return None


#: How far before an opening mark the cue of a ``X said: “...`` attribution may start.
_CUE_BEFORE_MARK = 140
#: How far before an opening mark an ``according to X,`` attribution may start.
_ACCORDING_BEFORE_MARK = 200


def match_before_mark(rx: re.Pattern[str], index: WordIndex, lo: int, mark: int) -> re.Match[str] | None:
    """The leftmost match of ``rx`` (speaker, cue, optional hearer, ``\\Z``) in ``text[lo:mark]``, tried
    only at subject starts before the speech verbs near the opening mark."""
    text = index.text
    starts: set[int] = set()
    for verb in index.cues.verbs.finditer(text, max(lo, mark - _CUE_BEFORE_MARK), mark):
        starts.update(index.subject_starts(lo, verb.start()))
    for start in sorted(starts):
        m = rx.match(text, start, mark)
        if m:
            return m
    return None


def match_according_before_mark(rx: re.Pattern[str], index: WordIndex, lo: int, mark: int) -> re.Match[str] | None:
    """The leftmost match of ``rx`` (``according to X,`` then ``\\Z``) in ``text[lo:mark]``."""
    text = index.text
    for cue in index.cues.according.finditer(text, max(lo, mark - _ACCORDING_BEFORE_MARK), mark):
        m = rx.match(text, cue.start(), mark)
        if m:
            return m
    return None
