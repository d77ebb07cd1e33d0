"""Names in a text: capitalised runs cleaned of sentence words and titles, person or organisation,
and a surname resolved to the full name introduced earlier (``Abuza`` -> ``Zachary Abuza``).

Also fills a :class:`~kit.quotes.model.Draft`'s speaker mention and cue from a cue-pattern match.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from kit.quotes.cue_patterns import alternation
from kit.quotes.cues import CueSet
from kit.quotes.model import Draft

_ARTICLES = ("a", "an", "the", "one")
#: The longest noun phrase ``according to`` may name, in words: a possessive chain fits ("the United
#: Nations' Food and Agriculture Organization's chief veterinary officer" is ten), a clause does not.
MAX_ACCORDING_WORDS = 12
_OF_BEFORE = re.compile(r"[ \t]+of[ \t]+\Z")
#: A person's affiliation before an organisation's name: "John Geiger of USGS", "Bruce Bennett from the RAND Corporation".
_AFFILIATION_BEFORE = re.compile(r"[ \t]+(?:of|from)[ \t]+(?:the[ \t]+)?\Z")
#: ``, which includes the`` (with an optional abbreviation before it) up to a mention.
_RELATIVE_BEFORE = re.compile(r"(?:\s*\([^()\n]{1,20}\))?\s*,\s*(?:which|who)\s+[^,.;:“”\"\n]{0,100}\Z")
_TOKEN_RE = re.compile(r"\S+")
#: The words that join the parts of an organisation's name: "Institute for Policy Studies", "Ministry of the Interior".
_ORG_JOINER = re.compile(r"[ \t]+(?:for|of)(?:[ \t]+the)?[ \t]+")


class NameRun(NamedTuple):
    """One capitalised run of the body as the name pattern matched it, and the name cleaned from it."""

    run: str  # the matched text
    run_start: int  # its offset in the body
    name: str  # "" when the run holds only sentence words and titles
    start: int  # the name's offset in the body (-1 without a name)
    prefix: str  # the title words cleaned off its front


class NameIndex:
    """The names of one body: cleaning, kind, and surname -> full name (latest introduced before a point)."""

    def __init__(self, body: str, cues: CueSet):
        self.body = body
        self.cues = cues
        self._surnames: dict[str, dict[str, tuple[list[int], str]]] | None = None
        self._kinds: dict[str, str] = {}
        self._runs: list[NameRun] | None = None
        self._run_starts: list[int] | None = None
        self._first_words: dict[str, set[str]] | None = None
        self._organisation_first_words: set[str] | None = None
        self._spellings: dict[str, str] | None = None

    def runs(self) -> list[NameRun]:
        """Every capitalised run of the body, cleaned, in reading order (found once, shared by the
        surname index and the mention index)."""
        if self._runs is None:
            found: list[NameRun] = []
            for m in self.cues.name.finditer(self.body):
                if found and self._continues_organisation(found[-1], m.start()):
                    # "the Asan Institute for Policy Studies": "Policy Studies" is the institute's, no person
                    found.append(NameRun(m.group(), m.start(), "", -1, ""))
                    continue
                name, pos, prefix = self.clean(m.group(), m.start())
                found.append(NameRun(m.group(), m.start(), name, pos, prefix))
            self._runs = found
        return self._runs

    def organisation_start(self, pos: int) -> int:
        """The start of the organisation's name that the run at ``pos`` continues ("Policy Studies" in
        "the Asan Institute for Policy Studies" -> the offset of "Asan"); ``pos`` when it continues none."""
        runs = self.runs()
        run = self.run_at(pos)
        if run is None or run.run_start != pos or run.name or not run.run.strip():
            return pos
        k = bisect_left(self._run_starts, run.run_start)  # run_at built the sorted starts
        while k > 0 and not runs[k].name and self._continues_organisation(runs[k - 1], runs[k].run_start):
            k -= 1
        return runs[k].run_start

    def _continues_organisation(self, before: NameRun, start: int) -> bool:
        """Does the run at ``start`` continue the organisation's name ``before`` it, after "for" or "of"?"""
        words = before.run.split()
        last = words[-1] if words else ""
        gap = self.body[before.run_start + len(before.run) : start]
        return last in self.cues.org_words and _ORG_JOINER.fullmatch(gap) is not None

    def run_at(self, pos: int) -> NameRun | None:
        """The capitalised run of the body that starts at or last before offset ``pos``."""
        runs = self.runs()
        if self._run_starts is None:
            self._run_starts = [r.run_start for r in runs]
        k = bisect_right(self._run_starts, pos)
        return runs[k - 1] if k else None

    def clean(self, text: str, start: int) -> tuple[str, int, str]:
        """Strip sentence words and titles from a capitalised run: (name, absolute start, title prefix).

        A title with ``of`` takes the capitalised words after it up to the person's name, which is
        read as the last two words (a given name and a surname) or, with only two words after ``of``,
        the last one: ``Secretary of State Mike Pompeo`` -> ``Mike Pompeo``, ``Secretary of State
        Pompeo`` -> ``Pompeo``. With one word after it the title names no person, and the run is kept
        whole: ``Minister of Health`` is the mention.
        """
        words = text.split()
        if len(words) >= 3 and words[0] in self.cues.places_by_first_word:
            place = self._leading_place(text, start)
            if place:  # "the mayor of London Sadiq Khan": the place completes the role, the person follows
                return text[len(place) + 1 :], start + len(place) + 1, place
        if words and words[0] not in self.cues.not_names and self.cues.titles.isdisjoint(words):
            return text, start, ""  # most runs: nothing to strip
        first = 0
        while first < len(words) and words[first] in self.cues.not_names:
            first += 1
        words = words[first:]
        cut = max((i for i, w in enumerate(words) if w in self.cues.titles), default=-1)
        cut = self._title_of_end(words, cut)
        if cut >= len(words):
            off = _word_offset(text, first)
            return text[off:], start + off, ""
        if cut + 1 >= len(words):
            return "", -1, " ".join(words)
        off = _word_offset(text, first + cut + 1)
        return text[off:], start + off, " ".join(words[: cut + 1])

    def _leading_place(self, text: str, start: int) -> str:
        """The known place a run after ``of`` starts with, when a person's name of two words or more
        follows it (``of London Sadiq Khan`` -> ``London``); ``""`` otherwise (``of New York City``,
        ``Chad Michael Murray`` with no ``of`` before it)."""
        if not _OF_BEFORE.search(self.body, max(start - 8, 0), start):
            return ""
        for place in self.cues.places_by_first_word[text.split()[0]]:
            rest = text[len(place) + 1 :].split() if text.startswith(place + " ") else []
            if len(rest) >= 2 and not any(w in self.cues.org_words or w in self.cues.titles or _is_acronym(w) for w in rest):
                return place
        return ""

    @staticmethod
    def _title_of_end(words: list[str], cut: int) -> int:
        """Index of the last word of a title with ``of`` ending at ``cut`` (len(words) when no name follows)."""
        if cut < 0 or cut + 1 >= len(words) or words[cut + 1] != "of":
            return cut
        first = cut + 2 + (cut + 2 < len(words) and words[cut + 2] == "the")
        after = len(words) - first
        if after <= 1:
            return len(words)
        return len(words) - (2 if after >= 3 else 1) - 1

    def kind(self, name: str) -> str:
        """``group`` for an organisation or a collective name, else ``person``.

        A one-word collective that the text also gives a person as surname (``Rep. Jim Jordan`` ...
        ``Jordan said``) is the person.
        """
        kind = self._kinds.get(name)
        if kind is None:
            parts = name.split()
            collective = name in self.cues.collective and (len(parts) > 1 or name not in self.surnames())
            group = any(p in self.cues.org_words or _is_acronym(p) for p in parts) or collective
            kind = self._kinds[name] = "group" if group else "person"
        return kind

    def surnames(self) -> dict[str, dict[str, tuple[list[int], str]]]:
        """Last word of every multi-word person name in the body -> {full name: (offsets, title prefix)}."""
        if self._surnames is None:
            index: dict[str, dict[str, tuple[list[int], str]]] = {}
            for run in self.runs():
                words = run.name.split()
                if len(words) >= 2 and self.kind(run.name) == "person":
                    title = "" if run.prefix in self.cues.places else run.prefix  # a place completes a role, it is no title
                    entry = index.setdefault(words[-1], {}).setdefault(" ".join(words), ([], title))
                    entry[0].append(run.start)  # runs are in reading order: the list stays sorted
            self._surnames = index
        return self._surnames

    def resolve(self, name: str, pos: int, descriptions: dict[str, str]) -> str:
        """A name as written -> the full name it stands for (the latest introduced before ``pos``).

        A title written before the full name becomes its description when it has none yet.
        """
        words = name.split()
        full = " ".join(words)
        # (is before pos, is a longer name, offset or -offset, full name): a longer name introduced before
        # wins over the name itself ("Von der Leyen" after "Ursula von der Leyen")
        best: tuple[int, int, int, str] | None = None
        for candidate, (offsets, _) in self.surnames().get(words[-1], {}).items():
            longer = candidate != full
            if longer and not candidate.lower().endswith(" " + full.lower()):
                continue
            k = bisect_right(offsets, pos)
            key = (1, longer, offsets[k - 1], candidate) if k else (0, longer, -offsets[0], candidate)
            if best is None or key > best:
                best = key
        if best is None or best[0] == 0 and full in self.cues.collective:
            # no full name before it; a country or a collective does not stand for a person named later
            # ("Jordan said ..." before "Rep. Jim Jordan")
            return self.canonical(self._by_first_word(full))
        chosen = best[3]
        prefix = self.surnames()[words[-1]][chosen][1]
        if prefix and chosen not in descriptions:
            descriptions[chosen] = prefix
        return self.canonical(chosen)

    def _by_first_word(self, name: str) -> str:
        """A one-word name that is the first word of exactly one full person name of the text (a family
        name written first: ``Kim`` after ``Kim Jong Un``) -> that name; else ``name`` unchanged."""
        if " " in name:
            return name
        if self._first_words is None:
            index: dict[str, set[str]] = {}
            for names in self.surnames().values():
                for full in names:
                    index.setdefault(full.split()[0], set()).add(self.canonical(full))
            self._first_words = index
        found = self._first_words.get(name, set())
        return next(iter(found)) if len(found) == 1 else name

    def knows_first_word(self, name: str) -> bool:
        """Is ``name`` the first word of exactly one full person name of the text?"""
        return self._by_first_word(name) != name

    def opens_organisation(self, word: str) -> bool:
        """Is ``word`` the first word of an organisation's name in the text (``Salling`` of ``Salling Group``)?"""
        if self._organisation_first_words is None:
            self._organisation_first_words = {
                run.name.split()[0] for run in self.runs() if " " in run.name and self.kind(run.name) == "group"
            }
        return word in self._organisation_first_words

    def canonical(self, name: str) -> str:
        """The first spelling the text gives a person name that differs only in hyphens and case:
        ``Kim Jong-Un`` after ``Kim Jong Un`` -> ``Kim Jong Un``."""
        if self._spellings is None:
            spellings: dict[str, str] = {}
            for run in self.runs():
                if run.name and len(run.name.replace("-", " ").split()) > 1:
                    spellings.setdefault(_spelling_key(run.name), " ".join(run.name.split()))
            self._spellings = spellings
        return self._spellings.get(_spelling_key(name), name)


def _spelling_key(name: str) -> str:
    """A name with hyphens read as spaces, in lower case: the key two spellings of one name share."""
    return " ".join(name.replace("-", " ").split()).lower()


def _word_offset(text: str, k: int) -> int:
    """The offset in ``text`` of its ``k``-th white-space separated word."""
    return next(islice(_TOKEN_RE.finditer(text), k, None)).start()


#: How far before a place name its role may start ("the prime minister of Spain").
_ROLE_OF_WINDOW = 60
#: An article and lower-case words ending in "of"/"for": the role a place name completes ("the prime
#: minister of", "the deputy head of the office for").
_ROLE_OF_RE = re.compile(r"(?<![\w’'\-])(?i:the|a|an)\s+(?:[a-z][\w’'\-]*\s+){0,6}(?:of|for)\s+(?:the\s+)?\Z")


def _role_of_place(text: str, start: int) -> str:
    """The role a place name at local offset ``start`` completes, with its trailing space: ``the prime
    minister of `` before ``Spain`` (``""`` if there is none). It starts at an article after the nearest
    clause boundary, so "In an interview, the mayor of London, Sadiq Khan, said" and "But the mayor of
    London, Sadiq Khan, said" both give "the mayor of "."""
    lead = text[max(start - _ROLE_OF_WINDOW, 0) : start]
    cut = max(lead.rfind(ch) for ch in ",;:.!?“”\"(\n") + 1
    clause = lead[cut:]
    m = _ROLE_OF_RE.search(clause)
    return clause[m.start() :] if m else ""


def _is_acronym(word: str) -> bool:
    """An all-capital word of two letters or more (``BBC``, ``NATO``, ``U.S.``): a body's name, not a person's."""
    return word.isupper() and sum(c.isalpha() for c in word) >= 2


def fill_mention(item: Draft, m: re.Match, offset: int, names: NameIndex) -> bool:
    """Fill the speaker mention of ``item`` from a match with pron/np/name groups; False if there is none.

    A role noun phrase followed by a name (``transport minister Dame Alison Crane``) names the person:
    the mention is the name, the role its description.
    """
    groups = m.groupdict()
    role = ""
    owner = None
    place_role = False
    if groups.get("rname"):
        kind, text, start = "name", groups["rname"], offset + m.start("rname")
        role = groups["np"]
        run = names.run_at(start)
        if run is not None and run.start < start < run.run_start + len(run.run):
            # "the president of France Emmanuel Macron": the "of" phrase took the given name; the whole
            # capitalised run is the name, and what it cleaned off completes the role
            lead = m.string[m.start("np") : run.run_start - offset]
            text, start, role = run.name, run.start, " ".join(w for w in (lead.strip(), run.prefix) if w)
    else:
        for kind in ("pron", "np", "name"):
            if groups.get(kind):
                text, start = groups[kind], offset + m.start(kind)
                break
        else:
            return False
    if kind == "name":
        org = names.organisation_start(start)
        if org < start:  # "Policy Studies" of "the Asan Institute for Policy Studies": the whole name
            text, start = m.string[org - offset : start - offset + len(text)], org
        run_start = start
        text, start, prefix = names.clean(text, start)
        if not text:
            return False
        place_role = prefix in names.cues.places
        if place_role:  # "The mayor of Lisbon Ana Ruiz": the place completes the role
            prefix = _role_of_place(m.string, run_start - offset) + prefix
        person = _person_before_of(names, m.string, start - offset, text)
        owner = person or _relative_clause_head(names, m.string, start - offset)
        if owner is not None:  # "John Geiger of USGS told": the person speaks, the organisation describes
            link = _affiliation_text(m.string, person, start - offset, text) if person else "of " + text
            text, start, role = owner[0], offset + owner[1], " ".join(w for w in (role, link) if w)
        elif groups.get("affil"):
            text, role = _with_affiliation(names, m, offset, text, start, role)
        role = " ".join(w for w in (role, prefix) if w)
        text, start = _whole_place(names, m.string, text, start, offset)
    elif kind == "np" and (owner := _person_before_of(names, m.string, start - offset, text)) is not None:
        # "Bo Tan from the Asan Institute told": the person speaks, the institution describes
        kind, role = "name", _affiliation_text(m.string, owner, start - offset, text)
        text, start = owner[0], offset + owner[1]
    mtype = {"pron": "pron", "np": "group", "name": "name"}[kind]
    item.mtype, item.mention, item.m_start, item.m_end = mtype, text, start, start + len(text)
    desc_group = "desc" if groups.get("desc") else "gdesc"  # after a name, or after a role and its name
    desc = groups.get(desc_group)
    if desc and kind in ("name", "np") and names.cues.name.fullmatch(desc.strip()):
        # "The mayor of London, Sadiq Khan, said" / "said the mayor, Sadiq Khan" / "The Director of Mid Wales
        # Tourism Partnership, David Clay, said": the appositive names the speaker
        desc_start = offset + m.start(desc_group) + (len(desc) - len(desc.lstrip()))
        named, named_start, _ = names.clean(desc.strip(), desc_start)
        named_kind = names.kind(named) if named else ""
        # "Dave Lewis, CEO of Tesco, stated": an appositive naming a body ("CEO of Tesco") describes the speaker
        if named and named_kind != "group" and (kind == "name" or named_kind == "person"):
            item.mtype, item.mention, item.m_start, item.m_end = "name", named, named_start, named_start + len(named)
            item.desc = _role_of_place(m.string, start - offset) + text if kind == "name" else text
            return True
    if desc and kind == "name" and (desc[0].isupper() or desc.split()[0].lower() in _ARTICLES):
        item.desc = desc.strip().rstrip(",")
    elif (groups.get("rname") or owner is not None or groups.get("affil") or place_role) and role:
        item.desc = role
    return True


def _whole_place(names: NameIndex, string: str, text: str, start: int, offset: int) -> tuple[str, int]:
    """A name inside a known place with a lower-case word in it is that place: ``Herzegovina`` in
    ``Bosnia and Herzegovina said``, ``Trinidad`` in ``said Trinidad and Tobago`` (mention, absolute start)."""
    a = start - offset
    b = a + len(text)
    for word in (text.split()[0], text.split()[-1]):
        for place in names.cues.split_places_by_word.get(word, ()):
            begin = string.find(place, max(b - len(place), 0), a + len(place))
            if 0 <= begin <= a and begin + len(place) >= b and _bounded(string, begin, begin + len(place)):
                return place, offset + begin
    return text, start


def _bounded(string: str, a: int, b: int) -> bool:
    """Is ``string[a:b]`` a whole-word span (no letter or digit right before or after it)?"""
    return (a == 0 or not string[a - 1].isalnum()) and (b == len(string) or not string[b].isalnum())


def _with_affiliation(names: NameIndex, m: re.Match, offset: int, text: str, start: int, role: str) -> tuple[str, str]:
    """A name followed by ``of <affiliation>``: (mention, role). A person keeps the name and takes the
    affiliation as role (``José Ortiz of the power authority``); an organisation's name runs through it
    (``the Ministry of Defence``, ``the Bank of England``)."""
    affil = m.group("affil")
    if names.kind(text) == "group" or names.kind(affil) != "group" and affil[:1].isupper() and len(text.split()) == 1:
        return m.string[start - offset : m.end("affil")], role
    return text, " ".join(w for w in (role, "of " + affil) if w)


def _affiliation_text(string: str, person: tuple[str, int], at: int, mention: str) -> str:
    """The words from a person's name to the end of the organisation after it: ``from the RAND Corporation``."""
    return " ".join(string[person[1] + len(person[0]) : at].split() + [mention])


def _person_before_of(names: NameIndex, text: str, at: int, mention: str) -> tuple[str, int] | None:
    """``John Geiger of USGS``, ``Bruce Bennett from the RAND Corporation``: the full name of a person right
    before ``of``/``from`` and the mention (text, local start)."""
    if len(mention.split()) > 1 and names.kind(mention) != "group":
        return None
    m = _AFFILIATION_BEFORE.search(text, max(at - 80, 0), at)
    if m is None:
        return None
    runs = list(names.cues.name.finditer(text, max(at - 80, 0), m.start()))
    if not runs or runs[-1].end() != m.start():
        return None
    name, pos, _ = names.clean(runs[-1].group(), runs[-1].start())
    if len(name.split()) < 2 or names.kind(name) != "person":
        return None
    return name, pos


def _relative_clause_head(names: NameIndex, text: str, at: int) -> tuple[str, int] | None:
    """``The Guard Corps (IRGC), which includes the Quds Force, declared``: a name inside a relative
    clause is not the subject; the name the clause describes is (text, local start)."""
    m = _RELATIVE_BEFORE.search(text, max(at - 120, 0), at)
    if m is None:
        return None
    runs = list(names.cues.name.finditer(text, max(m.start() - 80, 0), m.start()))
    if not runs or text[runs[-1].end() : m.start()].strip():
        return None
    name, pos, _ = names.clean(runs[-1].group(), runs[-1].start())
    return (name, pos) if name else None


_DOCUMENT_BY = re.compile(r"(?i:a|an|the|his|her|its|their)\s+(?:[\w’'\-]+\s+)?(?P<doc>[\w\-]+)\s+(?i:by|from)\s+")


def _document_author(np_text: str, np_start: int, names: NameIndex) -> tuple[str, int] | None:
    """The named author of a document the noun phrase holds (``a statement by the spokesperson Harry
    Roque``, ``a letter from Ann Lee``): (name, start), or None."""
    m = _DOCUMENT_BY.match(np_text)
    if m is None or m.group("doc").lower() not in names.cues.document_nouns:
        return None
    runs = list(names.cues.name.finditer(np_text, m.end()))
    if not runs or np_text[runs[-1].end() :].strip():
        return None
    name, pos, _ = names.clean(runs[-1].group(), np_start + runs[-1].start())
    return (name, pos) if name else None


#: How far back a definite document ("the statement") looks for the document it refers to.
_DOCUMENT_WINDOW = 1500


@lru_cache(maxsize=8)
def _alternation_of(words: frozenset[str]) -> str:
    """One regex alternation of ``words`` (built once per cue set's word list, not per call)."""
    return alternation(sorted(words))


@lru_cache(maxsize=64)
def _document_source_patterns(noun: str, name: str, bodies: str) -> tuple[re.Pattern[str], ...]:
    """For one document noun: "a statement from|by <name>", "<name> issued|released a statement" and
    "the <body> issued|released a statement" (``bodies``: an alternation of organisation nouns)."""
    doc = rf"(?i:a|an)\s+(?:[\w’'\-]+\s+)?(?i:{re.escape(noun)})(?![\w\-])"
    issued = r"\s+(?:(?:has|had)\s+)?(?:issued|released|published|sent|posted|wrote)\s+"
    by = re.compile(rf"(?<![\w\-]){doc}\s+(?i:by|from)\s+(?P<name>{name})")
    named = re.compile(rf"(?P<name>{name}){issued}{doc}")
    body = re.compile(rf"(?<![\w\-])(?i:the)\s+(?P<body>(?:[\w’'\-]+\s+){{0,2}}?(?i:{bodies})){issued}{doc}")
    return by, named, body


def earlier_document_source(body: str, noun: str, at: int, names: NameIndex) -> tuple[str, int, str] | None:
    """Who issued the latest "a statement from X" / "X issued a statement" / "the ministry issued a
    statement" before ``at`` (for "the statement continued" after it): (name or noun phrase, start,
    ``"name"`` or ``"group"``), or None."""
    cues = names.cues
    found = None
    for rx in _document_source_patterns(noun, cues.name.pattern, _alternation_of(frozenset(cues.organisation_nouns))):
        group = "body" if "body" in rx.groupindex else "name"
        for m in rx.finditer(body, max(0, at - _DOCUMENT_WINDOW), at):
            if found is None or m.start(group) > found[1]:
                found = (m.group(group), m.start(group), group)
    if found is None:
        return None
    if found[2] == "body":
        return found[0], found[1], "group"
    name, pos, _ = names.clean(found[0], found[1])
    return (name, pos, "name") if name else None


def fill_according_mention(item: Draft, np_text: str, np_start: int, names: NameIndex) -> bool:
    """Fill the mention of ``item`` from the noun phrase after ``according to``; False if it is too long."""
    np_text = np_text.strip()
    if not np_text or len(np_text.split()) > MAX_ACCORDING_WORDS:
        return False
    cues = names.cues
    author = _document_author(np_text, np_start, names)
    if author is not None:  # "according to a statement by the spokesperson Harry Roque": Harry Roque
        np_text, np_start = author
        item.mtype = "name"
    elif cues.pron.fullmatch(np_text):
        item.mtype = "pron"
    elif cues.name.fullmatch(np_text) and names.clean(np_text, np_start)[0]:
        np_text, np_start, _ = names.clean(np_text, np_start)
        item.mtype = "name"
    else:
        item.mtype = "group"
    item.mention, item.m_start, item.m_end = np_text, np_start, np_start + len(np_text)
    return True


def fill_cue(item: Draft, m: re.Match, offset: int) -> None:
    """Set the cue of ``item`` from the ``cue`` group of a match (lower case, spaces normalised)."""
    item.cue = " ".join(m.group("cue").split()).lower()
    item.cue_start, item.cue_end = offset + m.start("cue"), offset + m.end("cue")
