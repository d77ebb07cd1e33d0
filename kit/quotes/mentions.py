"""Who a text talks about, in reading order: people and groups named outside quotations, what the text
tells of each (gender from a title or a noun, roles, an age), and the antecedent of a pronoun
(``he said``) or a role noun (``the minister said``, ``the 48-year-old told the court``) among them.

The pronoun rule follows Hobbs (1978) as simplified for news: search the sentences before the
pronoun, nearest first, for people who agree with it (gender where a title, a noun or an earlier
pronoun gave one; a person, not an organisation); take the leftmost in the nearest sentence that has
one (the subject, in English news prose). Two coordinated people (``Ann Lee and Bo Tan spoke``) that
agreement cannot tell apart give :data:`~kit.quotes.model.UNRESOLVED`, not a guess. Given names are
never used to guess a gender. Word lists: ``kit/quotes/mentions.yml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kit.errors import WordListError
from kit.quotes.cues import CueSet, read_word_lists, word_list
from kit.quotes.model import UNRESOLVED
from kit.quotes.names import NameIndex

MENTIONS_PATH = Path(__file__).resolve().parent / "mentions.yml"
_LIST_KEYS = ("male_titles", "female_titles", "male_nouns", "female_nouns", "role_nouns")
#: How many mentions before a pronoun the search looks at (keeps a text full of names linear).
MAX_LOOKBACK = 40
#: How far before a name its role may start ("Harbour Trust chief executive Priya Nand").
ROLE_WINDOW = 60

_AGE_RE = re.compile(r"\s*,\s*(\d{1,3})\s*[,.;]")
_APPOSITIVE_RE = re.compile(r"\s*,\s*(?:a|an|the)\s+([^,.;:“”\"\n]{1,80}?)\s*[,.;]")
_COORDINATED_RE = re.compile(r"\s*(?:,\s*)?(?:and|or|&)\s+\Z|\s*,\s*\Z")
_OF_BEFORE_RE = re.compile(r"(?:of|for)\s+(?:the\s+)?\Z")
#: A capitalised "of" phrase ending a role ("prime minister of Spain", "mayor of the City of London").
_OF_PLACE_END_RE = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+(?:of\s+)?[A-Z][\w’'\-]*){0,3}\Z")
_WORD_RE = re.compile(r"[\w\-]+")
_YEAR_OLD_RE = re.compile(r"\d{1,3}-year-old")


@dataclass(frozen=True)
class Agreement:
    """The word lists of ``mentions.yml``: titles and nouns that tell gender, and extra role nouns."""

    male_titles: frozenset[str]
    female_titles: frozenset[str]
    male_nouns: frozenset[str]
    female_nouns: frozenset[str]
    role_nouns: frozenset[str]

    def gender(self, words: list[str]) -> str:
        """``m``, ``f`` or ``""`` from titles (as written) and nouns (any case) among ``words``."""
        for w in words:
            if w in self.male_titles or w.lower() in self.male_nouns:
                return "m"
            if w in self.female_titles or w.lower() in self.female_nouns:
                return "f"
        return ""


def validate_agreement(data: object, path: str | Path = MENTIONS_PATH) -> Agreement:
    """The :class:`Agreement` of a ``mentions.yml`` content; WordListError naming the key otherwise."""
    if not isinstance(data, dict):
        raise WordListError(path, "the file must be a mapping of lists", "see the header of kit/quotes/mentions.yml")
    unknown = set(data) - set(_LIST_KEYS)
    if unknown:
        raise WordListError(path, f"unknown key(s) {sorted(unknown)}", f"use only {list(_LIST_KEYS)}")
    lists = {}
    for key in _LIST_KEYS:
        if key not in data:
            raise WordListError(path, f"missing key '{key}'", "restore it from the kit's kit/quotes/mentions.yml")
        words = word_list(path, key, data[key])
        lists[key] = frozenset(w if key.endswith("titles") else w.lower() for w in words)
    return Agreement(**lists)


@lru_cache(maxsize=4)
def _agreement_cached(path: str, mtime: float) -> Agreement:
    p = Path(path)
    return validate_agreement(read_word_lists(p, "agreement file"), p)


def load_agreement(path: str | Path | None = None) -> Agreement:
    """The agreement lists of ``path`` (default ``kit/quotes/mentions.yml``), cached until the file changes.

    >>> "Dame" in load_agreement().female_titles
    True
    """
    p = Path(path) if path is not None else MENTIONS_PATH
    return _agreement_cached(str(p), p.stat().st_mtime if p.exists() else 0.0)


@dataclass(frozen=True, order=True)
class Mention:
    """One mention of a person or a group outside quotations: ``body[start:end]`` names ``entity``."""

    start: int
    end: int
    entity: str
    kind: str  # person | group


@dataclass
class MentionIndex:
    """The mentions of one body in reading order, with each entity's gender and roles."""

    body: str
    names: NameIndex
    sentence_starts: list[int]
    quoted: list[tuple[int, int]]  # direct quotations, sorted: names inside them are not mentions
    agreement: Agreement = field(default_factory=load_agreement)

    def __post_init__(self) -> None:
        self.cues: CueSet = self.names.cues
        self.role_words = (
            self.cues.individual_nouns | {t.lower().rstrip(".") for t in self.cues.titles} | self.agreement.role_nouns
        ) - {t.lower().rstrip(".") for t in self.agreement.male_titles | self.agreement.female_titles}
        self.mentions: list[Mention] = []
        self.gender: dict[str, str] = {}
        self.roles: dict[str, list[tuple[int, str]]] = {}  # role -> [(offset, entity)], sorted
        self.speaker_starts: set[int] = set()  # mentions that are the speaker of a quote or statement
        self._quoted_starts = [a for a, _ in self.quoted]
        self._collect()
        self._starts = [m.start for m in self.mentions]

    # ------------------------------------------------------------------ building
    def is_quoted(self, pos: int) -> bool:
        """Is ``pos`` inside a direct quotation?"""
        k = bisect_right(self._quoted_starts, pos) - 1
        return k >= 0 and self.quoted[k][0] <= pos < self.quoted[k][1]

    def _part_of_longer_name(self, pos: int) -> bool:
        """``Ministry of Foreign Affairs``: a capitalised run after ``<Organisation> of`` continues it."""
        lead = self.body[max(pos - 12, 0) : pos]
        if not _OF_BEFORE_RE.search(lead):
            return False
        before = self.body[max(pos - 80, 0) : pos - len(_OF_BEFORE_RE.search(lead).group())].rstrip()
        last = before.split()[-1:] or [""]
        return last[0] in self.cues.org_words

    def _role_before(self, pos: int) -> list[str]:
        """Lower-case role words written right before a name: ``transport minister``, ``chief executive``."""
        lead = self.body[max(pos - ROLE_WINDOW, 0) : pos]
        stripped = lead.rstrip(" \t")
        if stripped == lead:
            return []  # the name is not a separate word after the role
        if stripped.endswith(","):  # "the Italian foreign minister, Luigi Di Maio"
            stripped = stripped[:-1]
            # "the prime minister of Spain, Jose Zapatero": the role is the noun before the "of" phrase
            stripped = _OF_PLACE_END_RE.sub("", stripped)
        tokens = stripped.split()[-3:]
        if not tokens or tokens[-1] not in self.role_words:
            return []
        found: list[str] = []
        for token in reversed(tokens):
            if not (token.islower() and _WORD_RE.fullmatch(token)):
                break
            found.insert(0, token)
        return found

    def _appositive(self, end: int) -> list[str]:
        """Words that follow a name and describe it: an age (``, 48,``) or ``, a/the <role>,``."""
        age = _AGE_RE.match(self.body, end)
        if age:
            return [f"{age.group(1)}-year-old"]
        m = _APPOSITIVE_RE.match(self.body, end)
        return m.group(1).split() if m else []

    def _roles_of(self, words: list[str]) -> list[str]:
        """Role keys of some descriptive words: the head (``minister``) and a two-word role (``prime minister``)."""
        lower = [w.lower().rstrip(".") for w in words]
        keys = [w for w in lower if w in self.role_words or _YEAR_OLD_RE.fullmatch(w)]
        keys += [f"{a} {b}" for a, b in zip(lower, lower[1:], strict=False) if b in self.role_words]
        return keys

    def _collect(self) -> None:
        scratch: dict[str, str] = {}
        for run in self.names.runs():
            name, pos, prefix = run.name, run.start, run.prefix
            if not name or self.is_quoted(pos) or self._part_of_longer_name(run.run_start):
                continue
            if self.names.kind(name) == "group":
                self.mentions.append(Mention(pos, pos + len(name), name, "group"))
                continue
            if self.cues.the_before.search(self.body, max(pos - 5, 0), pos):
                continue  # "the Eastern Mediterranean": a person's name takes no article
            full = self.names.resolve(name, pos, scratch)
            described = prefix.split() + self._role_before(run.run_start) + self._appositive(pos + len(name))
            roles = self._roles_of(described)
            if len(full.split()) < 2 and not roles and not prefix:
                continue  # a lone capitalised word: a place as often as a person
            self.mentions.append(Mention(pos, pos + len(name), full, "person"))
            gender = self.agreement.gender(described)
            if gender:
                self.gender.setdefault(full, gender)
            for role in roles:
                self.roles.setdefault(role, []).append((pos, full))

    def add(self, start: int, end: int, entity: str, kind: str, gender: str = "") -> None:
        """Record the speaker mention of a quote found while resolving (a name, or a pronoun or role noun
        resolved to ``entity``): a speaker is the likeliest antecedent of a later pronoun."""
        self.speaker_starts.add(start)
        k = bisect_left(self._starts, start)
        if k < len(self.mentions) and self.mentions[k].start == start:
            return
        self.mentions.insert(k, Mention(start, end, entity, kind))  # k keeps both lists sorted by start
        self._starts.insert(k, start)
        if gender:
            self.gender.setdefault(entity, gender)

    # ------------------------------------------------------------------ resolving
    def _sentence(self, pos: int) -> int:
        return bisect_right(self.sentence_starts, pos) - 1

    def pronoun_antecedent(self, pos: int, gender: str, floor: int) -> str:
        """The person a ``he`` (``m``) or ``she`` (``f``) at ``pos`` stands for; ``""`` if none after ``floor``,
        :data:`UNRESOLVED` if two coordinated people agree with it."""
        found: list[Mention] = []
        sentence = None
        k = bisect_left(self._starts, pos) - 1
        for _ in range(MAX_LOOKBACK):
            if k < 0 or self.mentions[k].start < floor:
                break
            m = self.mentions[k]
            s = self._sentence(m.start)
            if found and s != sentence:
                break
            sentence = s
            if m.kind == "person" and self.gender.get(m.entity, gender) == gender:
                found.append(m)
            k -= 1
        if not found:
            return ""
        # a speaker in that sentence outranks the other people named there (the subject of a speech
        # verb is the most salient mention: "Speaking to Ann Lee, Bob Smith said ... He added ...")
        found = [m for m in found if m.start in self.speaker_starts] or found
        found.reverse()
        first = found[0]
        other = next((m for m in found[1:] if m.entity != first.entity), None)
        if other is not None and _COORDINATED_RE.fullmatch(self.body, first.end, other.start):
            return UNRESOLVED
        return first.entity

    def role_holder(self, words: list[str], pos: int) -> str:
        """The person last introduced before ``pos`` with the role of ``the <words>``, or ``""``."""
        lower = [w.lower() for w in words]
        keys = [" ".join(lower[-2:])] if len(lower) >= 2 else []
        keys.append(lower[-1])
        for key in keys:
            holders = self.roles.get(key, [])
            k = bisect_left(holders, (pos, ""))
            if k:
                return holders[k - 1][1]
        return ""
