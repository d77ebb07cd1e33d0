"""The kit's one pattern language: codebook patterns, segment keywords and keywords in context.

A pattern is one word or a phrase of words separated by spaces; matching is case-insensitive and works
on the word tokens of :data:`kit.text.WORD_RE` (``make-shift`` and ``Hlaing’s`` are one token each).
Typographic and straight apostrophes are the same character.

===================  ==============================================  ===============================
pattern              matches                                         does not match
===================  ==============================================  ===============================
``drone*``           a token that starts with ``drone``: ``Drones``,  ``androids``, ``dron``
                     ``drone-makers``
``military``         the whole token, or it plus a possessive:       ``militarily``, ``militaries``
                     ``military``, ``Military’s``
``fighter jet*``     consecutive tokens separated only by spaces:     ``fighter, jets``,
                     ``fighter jets``                                ``fighter-jets`` (one token)
===================  ==============================================  ===============================

``*`` is allowed only at the end of a word, and a glob stem has at least :data:`MIN_STEM` characters.
A phrase never crosses punctuation, a sentence or a paragraph. Where patterns of one set overlap, a
token counts once: the longest match wins, then a whole word over a glob, then the pattern listed first.
The table-driven tests in ``tests/test_patterns.py`` pin every rule.

:class:`Matcher` compiles a set of patterns (a codebook's patterns, frame by frame) into one regex;
:func:`compile_patterns` and :func:`find` are the short way for one list of patterns.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kit.errors import KitError
from kit.text import WORD_RE

#: A glob stem shorter than this (``dr*``) would match far too many words.
MIN_STEM = 3
PATTERN_FIX = "write words or phrases with an optional * at the end of a word, e.g. drone* or fighter jet*"


@dataclass(frozen=True)
class Word:
    text: str  # normalised: lower case, straight apostrophe, without the trailing *
    glob: bool


@dataclass(frozen=True)
class Pattern:
    index: int  # position in the codebook (patterns, then exclude, frame by frame)
    frame: int
    exclude: bool
    source: str  # the pattern as normalised in the codebook
    words: tuple[Word, ...]
    rank: tuple[int, int, int]  # tie-break at equal span: whole word first, more literal characters, listed first


def normalise(text: str) -> str:
    """Lower case with the same length, straight apostrophes.

    ``str.lower`` turns one character, the dotted capital I (``İ``, U+0130), into two; it is mapped
    to ``i``, its simple lower case, which is also what the regex engine's IGNORECASE compares.
    """
    return text.replace("İ", "i").lower().replace("’", "'")


def word_matches(word: Word, token_norm: str) -> bool:
    if word.glob:
        return token_norm.startswith(word.text)
    return token_norm == word.text or token_norm == word.text + "'s"


def _trie_regex(words: Iterable[str], prune: bool) -> str:
    """A regex alternation shaped like a trie, so the engine branches once per character.

    With ``prune`` (glob stems), a stem that extends another stem is dropped: the shorter one
    already marks every such token as a candidate.
    """
    trie: dict[str, Any] = {}
    for w in sorted(set(words)):
        node = trie
        for ch in w:
            if prune and "" in node:
                break
            node = node.setdefault(ch, {})
        else:
            if prune:
                node.clear()
            node[""] = {}

    def char(ch: str) -> str:
        return re.escape(ch)  # apostrophes are straightened in the text before matching

    def emit(node: dict[str, Any]) -> str:
        alts = [char(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        group = alts[0] if len(alts) == 1 and len(alts[0]) == 1 else "(?:" + "|".join(alts) + ")"
        return group + "?" if "" in node else group

    return emit(trie)


# A token starts at a word character not preceded by a word character nor (inside a number
# such as 2,000) by a digit and a separator. After an apostrophe or hyphen joined to a word the
# candidate is checked against the tokenizer (_token_starts_at), which is rare and exact.
_TOKEN_START = r"(?<!\w)(?!(?<=\d[.,])\d)"
_GAP_RE = re.compile(r"[ \t]+")
_WORD_CHAR = re.compile(r"\w")
_IN_TOKEN = re.compile(r"[\w'’\-.,]")


class TokenStarts:
    """Does kit.text's tokenizer, run over the whole ``text``, start a token at ``pos``?

    Called with increasing positions. Tokenizing restarted after a character that no token can
    contain is in step with tokenizing the whole text, so each question re-tokenizes from the
    last such character, or, when there is none since the previous question (a long run such as
    ``x-war,x-war,...``), carries on with the tokens already read: every character is read a
    bounded number of times, however long the run.
    """

    def __init__(self, text: str):
        self.text = text
        self.asked = 0  # the tokens are known in step from here on
        self.tokens: Iterator[re.Match[str]] | None = None
        self.current: re.Match[str] | None = None  # the first token not yet passed

    def __call__(self, pos: int) -> bool:
        text, q = self.text, pos
        while q > self.asked and _IN_TOKEN.match(text, q - 1):
            q -= 1
        if self.tokens is None or q > self.asked:  # a fresh point where tokenizing is in step
            self.tokens = WORD_RE.finditer(text, q)
            self.current = next(self.tokens, None)
        current = self.current
        while current is not None and current.start() < pos:
            current = next(self.tokens, None)
        self.current, self.asked = current, pos
        return current is not None and current.start() == pos


class Matcher:
    """All patterns of a codebook compiled into one regex that finds candidate tokens.

    The regex matches only tokens whose text can begin some pattern (a trie of first words and
    glob stems), in one pass of the C regex engine over the lower-cased body. Each candidate is
    then resolved against the patterns that begin with it (looked up once per distinct token
    text and cached), so the work per word does not grow with the number of patterns.
    """

    def __init__(self, patterns: Sequence[Pattern], n_frames: int):
        self.patterns = tuple(patterns)
        self.n_frames = n_frames
        self.has_exclude = [any(p.exclude and p.frame == f for p in patterns) for f in range(n_frames)]
        exact = {p.words[0].text for p in patterns if not p.words[0].glob}
        stems = {p.words[0].text for p in patterns if p.words[0].glob}
        parts = []
        if exact:
            parts.append(_trie_regex(exact, prune=False) + r"(?!\w)")
        if stems:
            parts.append(_trie_regex(stems, prune=True) + r"\w*")
        # The whole token is consumed, so the match is the token (kit.text.WORD_RE).
        source = _TOKEN_START + "(?:" + "|".join(parts) + r")(?:['\-]\w+)*" if parts else None
        self.regex = re.compile(source) if source else None
        self.regex_ignorecase = re.compile(source, re.IGNORECASE) if source else None
        self._first: dict[str, tuple[Pattern, ...]] = {}

    def starting_with(self, token: str) -> tuple[Pattern, ...]:
        """Patterns whose first word matches this token (cached per token text)."""
        found = self._first.get(token)
        if found is None:
            norm = normalise(token)
            found = tuple(p for p in self.patterns if word_matches(p.words[0], norm))
            self._first[token] = found
        return found

    def spans(self, body: str) -> list[list[tuple[int, int, Pattern]]]:
        """Per frame, the (start, end, pattern) of every pattern match, in text order."""
        out: list[list[tuple[int, int, Pattern]]] = [[] for _ in range(self.n_frames)]
        if self.regex is None or self.regex_ignorecase is None:
            return out
        # Normalised copy of the body with the same offsets: lower case, straight apostrophes.
        text = body.lower().replace("’", "'")
        regex, lower = self.regex, False
        if len(text) != len(body):  # lower-casing changed the length (rare letters): ignore case instead
            text, regex, lower = body.replace("’", "'"), self.regex_ignorecase, True
        word_match = WORD_RE.match
        gap_match = _GAP_RE.match
        word_char = _WORD_CHAR.match
        first = self._first
        token_starts_at = TokenStarts(text)
        for m in regex.finditer(text):
            tok = m.group()
            pats = first.get(tok)
            if pats is None:
                pats = self.starting_with(tok)
            if not pats:
                continue
            start, end = m.span()
            if start >= 2 and text[start - 1] in "'-" and word_char(text, start - 2) and not token_starts_at(start):
                continue  # inside a joined token such as anti-drone (but 2,000-drone starts a token at drone)
            following: list[tuple[str, int]] = []  # the next words, fetched once for all phrases
            for pat in pats:
                stop = end
                for k in range(1, len(pat.words)):
                    if k > len(following):
                        gap = gap_match(text, stop)
                        nxt = word_match(text, gap.end()) if gap else None
                        if nxt is None:
                            stop = -1
                            break
                        following.append((normalise(nxt.group()) if lower else nxt.group(), nxt.end()))
                    word_text, word_end = following[k - 1]
                    if not word_matches(pat.words[k], word_text):
                        stop = -1
                        break
                    stop = word_end
                if stop >= 0:
                    out[pat.frame].append((start, stop, pat))
        return out

    def hits(self, body: str) -> list[tuple[int, int, Pattern]]:
        """Resolved hits (start, end, pattern): excludes applied, longest match per frame."""
        result: list[tuple[int, int, Pattern]] = []
        for f, matches in enumerate(self.spans(body)):
            if not matches:
                continue
            if self.has_exclude[f]:
                excluded = [(s, e) for s, e, p in matches if p.exclude]
                matches = [h for h in matches if not h[2].exclude]
                if excluded:
                    ex_starts = [s for s, _ in excluded]  # already in text order
                    max_end = np.maximum.accumulate([e for _, e in excluded]).tolist()

                    def keep(h, ex_starts=ex_starts, max_end=max_end) -> bool:
                        # no exclude span starts before the hit ends and ends after it starts
                        i = bisect.bisect_left(ex_starts, h[1])
                        return i == 0 or max_end[i - 1] <= h[0]

                    matches = [h for h in matches if keep(h)]
            last_end = -1
            n = len(matches)
            i = 0
            while i < n:
                best = matches[i]
                j = i + 1
                while j < n and matches[j][0] == best[0]:  # same start: longest, then best ranked
                    cand = matches[j]
                    if (-cand[1], cand[2].rank) < (-best[1], best[2].rank):
                        best = cand
                    j += 1
                if best[0] >= last_end:
                    result.append(best)
                    last_end = best[1]
                i = j
        return result


def parse_pattern(raw: Any) -> tuple[Word, ...] | str:
    """Parse one pattern; return its words, or a string saying what is wrong."""
    if not isinstance(raw, str):
        return f"is a {type(raw).__name__}, not text"
    words = normalise(raw).split()
    if not words:
        return "is empty"
    parsed = []
    for w in words:
        glob = w.endswith("*")
        stem = w[:-1] if glob else w
        if not stem:
            return "is only a wildcard '*', which would match every word"
        if "*" in stem:
            return f"has '*' inside the word {w!r}; '*' is allowed only at the end of a word"
        if not WORD_RE.fullmatch(stem):
            return f"word {w!r} is not a single word token (letters, digits, inner ' or -)"
        if glob and len(stem) < MIN_STEM:
            return f"stem {w!r} is shorter than {MIN_STEM} characters and would match far too many words"
        parsed.append(Word(stem, glob))
    return tuple(parsed)


def make_pattern(index: int, frame: int, exclude: bool, words: tuple[Word, ...]) -> Pattern:
    """A parsed pattern with its place in its set, its normalised source and its tie-break rank."""
    source = " ".join(w.text + ("*" if w.glob else "") for w in words)
    rank = (int(words[-1].glob), -sum(len(w.text) for w in words), index)
    return Pattern(index, frame, exclude, source, words, rank)


def compile_patterns(patterns: Iterable[Any], where: str | None = None, error: type[KitError] = KitError) -> Matcher:
    """One :class:`Matcher` for a list of patterns (all in one set); ``error`` names ``where`` and the bad pattern.

    >>> [p.source for p in compile_patterns(["Drone*", "rat  king"]).patterns]
    ['drone*', 'rat king']
    """
    compiled: list[Pattern] = []
    for raw in patterns:
        words = parse_pattern(raw)
        if isinstance(words, str):
            raise error(where if where is not None else repr(raw), f"pattern {raw!r} {words}", PATTERN_FIX)
        compiled.append(make_pattern(len(compiled), 0, False, words))
    if not compiled:
        raise error(where, "no pattern given", "give at least one pattern, e.g. 'drone*'")
    return Matcher(compiled, 1)


def find(body: str, matcher: Matcher) -> list[tuple[int, int, str]]:
    """Every match in ``body``: (start, end, the pattern's source), in text order, a token counted once.

    >>> body = "Drones, a drone-maker, fighter jets and androids."
    >>> [body[s:e] for s, e, _ in find(body, compile_patterns(["drone*", "fighter jet*"]))]
    ['Drones', 'drone-maker', 'fighter jets']
    """
    return [(start, end, pattern.source) for start, end, pattern in matcher.hits(body)]
