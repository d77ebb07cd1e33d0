"""Speaker resolution: from the mention next to a cue to the canonical speaker.

Names resolve to the full name introduced earlier; ``he``/``she`` to the person of the nearest
sentence that agrees with it (:meth:`~kit.quotes.mentions.MentionIndex.pronoun_antecedent`; names
inside quotations do not count), else to the most recent compatible *named source*; ``they`` to the
most recent group source; a role noun (``the minister``, ``the 48-year-old``) to the person introduced
with that role; other source nouns (``officials``, ``one expert``) are their own speakers; a quotation
with no cue inherits the speaker of the quotation it continues.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from kit.quotes.mentions import MentionIndex
from kit.quotes.model import UNATTRIBUTED, UNRESOLVED, Draft
from kit.quotes.names import NameIndex, earlier_document_source
from kit.text import Document

#: The gender a singular pronoun agrees with (``""``: any).
_PRONOUN_GENDER = {"he": "m", "she": "f"}
#: How far before a pronoun a topic name (``As for Putin, he ...``) may start.
TOPIC_WINDOW = 200
#: The kinds of speaker that pronoun resolution treats alike: "they" and "it" can stand for any body.
RESOLUTION_CLASS = {"organisation": "group", "document": "group"}
#: How many lower-case words before its noun a pronoun's antecedent keeps ("foreign ministers").
_PLURAL_MODIFIERS = 2
#: How many quoted nouns a pronoun's antecedent search passes over before it gives up.
_ANTECEDENT_LOOKBACK = 20
_WORD = re.compile(r"[\w’'\-]+")
#: Words after the head noun of a source phrase ("a letter seen by the newspaper", "officials in Moscow").
_AFTER_HEAD = frozenset({"of", "from", "at", "in", "seen", "obtained", "reviewed", "published", "issued", "released"})


def _head_noun(phrase: str) -> str:
    """The head noun of a source noun phrase, lower case: the last word before its qualifier."""
    words = phrase.lower().split()
    for i, word in enumerate(words[1:], start=1):
        if word in _AFTER_HEAD:
            words = words[:i]
            break
    return words[-1] if words else ""


class Resolver:
    """Resolves the speakers of every draft of one document, in reading order."""

    def __init__(self, doc: Document, names: NameIndex, drafts: list[Draft]):
        self.doc = doc
        self.body = doc.body
        self.names = names
        self.cues = names.cues
        self.drafts = drafts
        self.kinds: dict[str, str] = {}
        self.descriptions: dict[str, str] = {}
        self._last_source: dict[str, str] = {}  # "person" / "group" / "unnamed" / "any" -> latest speaker
        self._sources: list[str] = []  # every speaker in order of attribution
        self._noun_offsets: dict[frozenset[str], list[int]] = {}
        direct = sorted((it.start, it.end) for it in drafts if it.kind == "direct")
        self.mentions = MentionIndex(doc.body, names, [s.start for s in doc.sentences], direct)

    def speaker_kind(self, item: Draft) -> str:
        """``person``, ``organisation``, ``document``, ``group`` (of people) or ``unnamed`` (one unnamed
        person: ``one expert``), from the head noun of a source phrase or the words of a name."""
        if item.mtype == "role":
            return "person"
        if item.mtype == "group":
            head = _head_noun(item.mention)
            if head in self.cues.document_nouns:
                return "document"
            if head in self.cues.organisation_nouns:
                return "organisation"
            return "unnamed" if head in self.cues.individual_nouns else "group"
        return "organisation" if self.names.kind(item.speaker) == "group" else "person"

    def pronoun(self, item: Draft) -> str:
        """The speaker a pronoun mention stands for, or ``""`` when the text offers none."""
        pron = item.mention.lower()
        body, end = self.body, item.m_start
        lo = max(self.doc.paragraphs[item.para].start, end - TOPIC_WINDOW)
        sent_start = max(body.rfind(". ", lo, end), body.rfind("? ", lo, end), body.rfind("! ", lo, end), lo)
        tm = self.cues.topic_name.match(body, sent_start, end)
        if tm:  # "As for Putin, he hailed ..."
            name, pos, _ = self.names.clean(tm.group("name"), tm.start("name"))
            if name and self.names.kind(name) == "person":
                return self.names.resolve(name, pos, self.descriptions)
        if pron in self.cues.body_pronouns:
            return self._last_body_source(item)
        if pron not in self.cues.singular:
            return self._last_source.get("group") or self._plural_antecedent(item) or self._last_source.get("any", "")
        gender = _PRONOUN_GENDER.get(pron, "")
        floor = self.doc.paragraphs[max(item.para - 1, 0)].start
        found = self.mentions.pronoun_antecedent(item.m_start, gender, floor)
        return found or self._last_compatible_source(gender)

    def _plural_antecedent(self, item: Draft) -> str:
        """With no group source yet, the people a ``they`` stands for: the nearest plural noun of people
        before it in this or the previous paragraph, with the lower-case words that modify it ("The
        foreign ministers of Egypt and Greece met ... They concluded" -> "foreign ministers")."""
        return self._noun_antecedent(item, self.cues.plural_people_nouns)

    def _noun_antecedent(self, item: Draft, nouns: frozenset[str]) -> str:
        """The nearest of ``nouns`` before the pronoun of ``item`` in its paragraph or the one before (not in
        a quotation), with up to two lower-case modifiers before it; ``""`` if there is none."""
        floor = self.doc.paragraphs[max(item.para - 1, 0)].start
        starts = self._noun_starts(nouns)
        k = bisect_left(starts, item.m_start) - 1
        lowest = k - _ANTECEDENT_LOOKBACK  # quoted nouns passed over: a bounded few, so resolution stays linear
        while k > lowest and k >= 0 and starts[k] >= floor and self.mentions.is_quoted(starts[k]):
            k -= 1
        if k <= lowest or k < 0 or starts[k] < floor or self.mentions.is_quoted(starts[k]):
            return ""
        found = _WORD.match(self.body, starts[k])
        words = [found.group().lower()]
        before = self.body[max(floor, found.start() - 40) : found.start()].split()
        for word in reversed(before[-_PLURAL_MODIFIERS:]):
            if not word.isalpha() or not word.islower() or word in self.cues.function_words:
                break
            words.insert(0, word)
        return " ".join(words)

    def _noun_starts(self, nouns: frozenset[str]) -> list[int]:
        """Ascending offsets of every word of the body in ``nouns`` (found in one pass, kept per noun set)."""
        starts = self._noun_offsets.get(nouns)
        if starts is None:
            starts = self._noun_offsets[nouns] = [m.start() for m in _WORD.finditer(self.body) if m.group().lower() in nouns]
        return starts

    def _last_body_source(self, item: Draft) -> str:
        """What an ``it`` stands for: the most recent organisation or document already quoted or reported,
        else the nearest organisation or document noun before it ("The report is long. It says ...")."""
        for speaker in reversed(self._sources[-50:]):
            if self.kinds.get(speaker) in ("organisation", "document"):
                return speaker
        return self._noun_antecedent(item, self.cues.body_nouns)

    def _last_compatible_source(self, gender: str) -> str:
        """The most recent person already quoted or reported whose gender (if known) agrees."""
        for speaker in reversed(self._sources[-50:]):
            if self.kinds.get(speaker) == "person" and self.mentions.gender.get(speaker, gender) == gender:
                return speaker
        return ""

    def _group_speaker(self, item: Draft) -> str:
        words = item.mention.split()
        article = words[0].lower() == "the" and len(words) > 1
        if article:
            words = words[1:]
        two_before = self.body[max(item.m_start - 2, 0) : item.m_start]
        at_start = not two_before.strip(' \n“”"') or two_before.rstrip()[-1:] in '.!?“”"'
        if at_start and not article and words[0].lower() in self.cues.common_words:  # capital only because it opens a sentence
            words[0] = words[0].lower()
        definite = item.mention.split()[0].lower() == "the" and len(words) <= 3
        holder = self.mentions.role_holder(words, item.m_start) if definite else ""
        if holder:  # "the minister said": the person introduced with that role
            item.mtype = "role"
            return holder
        head = words[-1].lower()
        author = earlier_document_source(self.body, head, item.m_start, self.names) if definite and head in self.cues.document_nouns else None
        if author and author[2] == "name":  # "the statement continued" after "a statement from al-Sadr"
            item.mtype = "name"
            return self.names.resolve(author[0], author[1], self.descriptions)
        if author:  # "the statement said" after "the ministry issued a statement": the ministry speaks
            words = author[0].split()
        earlier = self._earlier_group(words) if definite else ""
        return earlier or " ".join(words)

    def _earlier_group(self, words: list[str]) -> str:
        """The most recent group or organisation source whose name ends with ``words``: "the commission"
        after "Angola's electoral commission", "the ministry" after "South Korea's Defense Ministry"."""
        tail = [w.lower() for w in words]
        for speaker in reversed(self._sources[-50:]):
            if self.kinds.get(speaker) in ("group", "organisation"):
                parts = [w.lower() for w in speaker.split()]
                if len(parts) > len(tail) and parts[-len(tail) :] == tail:
                    return speaker
        return ""

    def _resolve_one(self, item: Draft, last_in_para: dict[int, Draft]) -> None:
        if item.pending == "split":
            link = item.link
            item.speaker = link.speaker
            item.mtype, item.mention, item.m_start, item.m_end = link.mtype, link.mention, link.m_start, link.m_end
        elif item.pending == "follows":
            item.speaker, item.pending = item.link.speaker, ""
        elif item.pending == "continuation":
            prev = last_in_para.get(item.para - 1)
            if prev is not None and prev.speaker and prev.speaker != UNATTRIBUTED:
                item.speaker = prev.speaker
                item.pending = ""
        elif item.mtype == "name":
            item.speaker = self.names.resolve(item.mention, item.m_start, self.descriptions)
        elif item.mtype == "pron":
            item.speaker = self.pronoun(item)
        elif item.mtype == "group":
            item.speaker = self._group_speaker(item)

    def _remember(self, item: Draft) -> None:
        if item.speaker and item.speaker not in self.kinds:
            known = item.mtype and item.speaker != UNRESOLVED
            self.kinds[item.speaker] = self.speaker_kind(item) if known else "person"
        if item.desc and item.speaker and item.speaker not in self.descriptions:
            self.descriptions[item.speaker] = item.desc
        if item.speaker and item.speaker != UNRESOLVED:
            kind = RESOLUTION_CLASS.get(self.kinds[item.speaker], self.kinds[item.speaker])
            self._last_source[kind] = self._last_source["any"] = item.speaker
            self._sources.append(item.speaker)
            if item.m_start >= 0:
                gender = _PRONOUN_GENDER.get(item.mention.lower(), "") if item.mtype == "pron" else ""
                as_kind = "group" if kind == "group" else "person"
                self.mentions.add(item.m_start, item.m_end, item.speaker, as_kind, gender)

    def _continuations_from_next(self) -> None:
        """A quotation left open at a paragraph end belongs to whoever speaks in the next paragraph."""
        by_start = sorted(self.drafts, key=lambda it: it.start)
        for i in range(len(by_start) - 2, -1, -1):
            item, nxt = by_start[i], by_start[i + 1]
            if item.pending == "continuation" and nxt.para == item.para + 1 and nxt.kind == "direct" and nxt.speaker:
                item.speaker, item.rule, item.pending = nxt.speaker, "continuation:next-speaker", ""
        for item in self.drafts:
            if item.pending == "continuation":
                item.rule, item.pending = "direct:unattributed", ""

    def resolve(self) -> None:
        """Give every draft its speaker (``""`` when none is found), in order of attribution."""
        last_in_para: dict[int, Draft] = {}
        for item in sorted(self.drafts, key=lambda it: (it.anchor, it.start)):
            self._resolve_one(item, last_in_para)
            self._remember(item)
            last_in_para[item.para] = item
        self._continuations_from_next()
