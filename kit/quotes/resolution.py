"""Speaker resolution: from the mention next to a cue to the canonical speaker.

Names resolve to the full name introduced earlier; pronouns to the most recent *named source* (a
person who was already quoted or reported) of a compatible number, because the most recent names are
often inside the previous quotation; source nouns (``officials``, ``one expert``) are their own
speakers; a quotation with no cue inherits the speaker of the quotation it continues.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from kit.quotes.model import UNATTRIBUTED, Draft
from kit.quotes.names import NameIndex
from kit.text import Document

#: How far before a pronoun a topic name (``As for Putin, he ...``) may start.
TOPIC_WINDOW = 200


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
        self._people: tuple[list[int], list[str]] | None = None

    def speaker_kind(self, item: Draft) -> str:
        """``person``, ``group`` or ``unnamed`` (one unnamed person: ``one expert``)."""
        if item.mtype == "group":
            head = item.mention.split()[-1].lower()
            return "unnamed" if head in self.cues.individual_nouns else "group"
        return self.names.kind(item.speaker)

    def pronoun(self, item: Draft) -> str:
        """The speaker a pronoun mention stands for, or ``""`` when the text offers none."""
        pron = item.mention.lower()
        body, end = self.body, item.m_start
        lo = max(self.doc.paragraphs[item.para].start, end - TOPIC_WINDOW)
        sent_start = max(body.rfind(". ", lo, end), body.rfind("? ", lo, end), body.rfind("! ", lo, end), lo)
        tm = self.cues.topic_name.search(body, sent_start, end)
        if tm:  # "As for Putin, he hailed ..."
            name, pos, _ = self.names.clean(tm.group("name"), tm.start("name"))
            if name and self.names.kind(name) == "person":
                return self.names.resolve(name, pos, self.descriptions)
        want = "person" if pron in self.cues.singular else "group"
        if want in self._last_source:
            return self._last_source[want]
        if want == "group":
            return self._last_source.get("any", "")
        return self._last_person_named(item)

    def _people_outside_quotes(self) -> tuple[list[int], list[str]]:
        """Offsets and cleaned text of every person's name outside direct quotations, in order (built once)."""
        if self._people is None:
            direct = sorted((it.start, it.end) for it in self.drafts if it.kind == "direct")
            starts = [a for a, _ in direct]
            offsets: list[int] = []
            texts: list[str] = []
            for m in self.cues.name.finditer(self.body):
                name, pos, _ = self.names.clean(m.group(), m.start())
                if not name or self.names.kind(name) != "person":
                    continue
                if self.cues.the_before.search(self.body, max(pos - 5, 0), pos):
                    continue  # "the Eastern Mediterranean": a person's name takes no article
                k = bisect_right(starts, pos) - 1
                if k >= 0 and direct[k][0] <= pos < direct[k][1]:
                    continue
                offsets.append(pos)
                texts.append(name)
            self._people = (offsets, texts)
        return self._people

    def _last_person_named(self, item: Draft) -> str:
        """No named source yet: the last person named in full outside quotations in this or the previous paragraph."""
        lo = self.doc.paragraphs[max(item.para - 1, 0)].start
        offsets, texts = self._people_outside_quotes()
        for k in range(bisect_left(offsets, item.m_start) - 1, bisect_left(offsets, lo) - 1, -1):
            full = self.names.resolve(texts[k], offsets[k], self.descriptions)
            if len(full.split()) >= 2:
                return full
        return ""

    def _group_speaker(self, item: Draft) -> str:
        words = item.mention.split()
        if words[0].lower() == "the" and len(words) > 1:
            words = words[1:]
        two_before = self.body[max(item.m_start - 2, 0) : item.m_start]
        at_start = not two_before.strip(' \n“”"') or two_before.rstrip()[-1:] in '.!?“”"'
        if at_start and words[0].lower() in self.cues.common_words:  # capital only because it opens a sentence
            words[0] = words[0].lower()
        return " ".join(words)

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
            self.kinds[item.speaker] = self.speaker_kind(item) if item.mtype else "person"
        if item.desc and item.speaker and item.speaker not in self.descriptions:
            self.descriptions[item.speaker] = item.desc
        if item.speaker:
            self._last_source[self.kinds[item.speaker]] = self._last_source["any"] = item.speaker

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
