"""Reported speech: ``X said (that) ...``, ``X told Y ...``, ``..., the ministry said``, ``according to X``,
and mixed quotes (reported content holding a quoted fragment: ``called the award “an obscenity”``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache

from textblob.en.taggers import PatternTagger

from kit.quotes.cues import CueSet
from kit.quotes.marks import Quotation, trimmed
from kit.quotes.model import Draft
from kit.quotes.names import NameIndex, fill_according_mention, fill_mention
from kit.quotes.paragraph import ParagraphView
from kit.quotes.subjects import match_subject
from kit.text import WORD_RE

_LEAD_RE = re.compile(r"(?:But|And|So|Yet|Still|However)\b\s*,?\s*")
_OPTIONAL_LEAD_RE = re.compile(r"\s*(?:(?:But|And|So|Yet|Still|However)\b\s*,?\s*)?")
_ACCORDING_NP_RE = re.compile(r"\s+([^,.;:!?“”\"\n]{1,120}?)\s*(?=[,.;:!?]|$)")
_CLAUSE_FOLLOWS_RE = re.compile(r"\s*,?\s*(?:and|but|while|as|so|which|who)(?![\w\-])")
_TRAILING = ".!?;:,—–"
_ONLY_STOPS_RE = re.compile(r"[ .!?;:\t]*\Z")
_SPACE_COMMA_RE = re.compile(r"[ ,]*")

#: How each kind of reported statement is read from one cue match: (paragraph, match, sentence start,
#: sentence end) -> the statement, or None when the match attributes nothing.
ReportFromMatch = Callable[[ParagraphView, "re.Match[str]", int, int], "Draft | None"]


#: Reported content longer than this many characters is cut at a word boundary: no news sentence is
#: that long, and the cap keeps extraction linear on text with no sentence breaks.
MAX_CONTENT_CHARS = 1200


def _content_limit(text: str, a: int) -> int:
    """Where reported content starting at ``a`` must end at the latest (a word boundary)."""
    limit = a + MAX_CONTENT_CHARS
    if limit >= len(text):
        return len(text)
    space = text.rfind(" ", a, limit)
    return space if space > a else limit


def _has_words(text: str, a: int, b: int, n: int) -> bool:
    """Does ``text[a:b]`` hold at least ``n`` words? (Stops counting at ``n``.)"""
    for k, _ in enumerate(WORD_RE.finditer(text, a, b), start=1):
        if k >= n:
            return True
    return n <= 0


def reported_content(
    item: Draft, view: ParagraphView, a: int, b: int, min_words: int, trim_end: bool = False
) -> Draft | None:
    """Set the content span [a, b) (local) of a reported statement, absorbing quoted fragments (mixed).

    Returns ``item`` with its span set, or None when the content has fewer than ``min_words`` words.
    """
    text = view.text
    b = min(b, _content_limit(text, a))
    fragments = []
    for sp in view.spans_from(a):
        mark = sp.first
        if mark >= max(a, b):
            break
        if a <= mark < b or (sp.open_mark < 0 and a < sp.end <= b):
            if sp.used:
                b = min(b, mark)  # a direct quote with its own cue ends the reported content
                break
            fragments.append(sp)
            b = max(b, sp.after)
    while b > a and (text[b - 1].isspace() or text[b - 1] in _TRAILING or (trim_end and text[b - 1] in ",")):
        b -= 1
    a, b = trimmed(text, a, b)
    if not _has_words(text, a, b, min_words):
        return None
    fragments = [sp for sp in fragments if sp.first < b]
    for sp in fragments:
        sp.used = True
    fragments = [sp for sp in fragments if not _is_quoted_name(text, sp)]
    if _is_whole_quotation(text, fragments, a, b):
        # "... and said “An area like this cannot lose it.”": the words are quoted whole, a direct quote
        sp = fragments[0]
        item.kind, item.flag, item.rule = "direct", sp.flag, item.rule.replace("reported:", "direct:", 1)
        item.start, item.end = view.base + sp.start, view.base + sp.end
        return item
    if fragments:
        item.kind = "mixed"
        item.flag = next((sp.flag for sp in fragments if sp.flag), "")
        if b < len(text) and text[b : b + 1] in '”"' and b - 1 >= a:
            b += 1  # keep the closing mark of a fragment that ends the content
    item.start, item.end = view.base + a, view.base + b
    return item


#: How many words a quotation must hold to be a direct quote when it is the whole content after a
#: cue with no comma or colon ("and said “An area like this ...”"); fewer are a quoted phrase ("called “fury”").
_WHOLE_QUOTATION_WORDS = 3


def _is_whole_quotation(text: str, fragments: list[Quotation], a: int, b: int) -> bool:
    """Is the content [a, b) one quotation with both its marks, holding a few words or more?"""
    if len(fragments) != 1:
        return False
    sp = fragments[0]
    return sp.open_mark == a and sp.close_mark == b - 1 and _has_words(text, sp.start, sp.end, _WHOLE_QUOTATION_WORDS)


def _is_quoted_name(text: str, sp: Quotation) -> bool:
    """A one-word quotation that is capitalised or holds a digit (``“COVID-19”``, ``“Ares”``) names
    something; it is not the speaker's own wording, so it does not make a statement mixed."""
    word = text[sp.start : sp.end].strip().rstrip(".,;:!?")
    return bool(word) and not any(c.isspace() for c in word) and (word[0].isupper() or any(c.isdigit() for c in word))


def _rstripped_end(text: str, a: int, b: int) -> int:
    """``b`` moved back over white space, not before ``a``."""
    while b > a and text[b - 1].isspace():
        b -= 1
    return b


def _lstripped_start(text: str, a: int, b: int) -> int:
    """``a`` moved forward over white space, not past ``b``."""
    while a < b and text[a].isspace():
        a += 1
    return a


def _is_lone_sentence_opener(item: Draft, view: ParagraphView, s0: int, names: NameIndex) -> bool:
    """A lone capitalised word opening a sentence ("Value added tax rose") that the text never introduces
    as part of a full name (a person's or an organisation's: "Salling" after "Salling Group") and that names no body (a known collective such as Moscow or the Kremlin, an
    acronym such as NPR): not a speaker."""
    lone = item.mtype == "name" and len(item.mention.split()) == 1 and not view.has_text(s0, item.m_start - view.base)
    known = item.mention in names.surnames() or names.knows_first_word(item.mention) or names.opens_organisation(item.mention)
    return lone and not known and names.kind(item.mention) != "group"


def _quotes_between(view: ParagraphView, a: int, b: int) -> bool:
    """Does a quotation of the speaker's wording, not yet attributed, open in ``text[a:b]``?

    Two words or more are someone's words. One word is when it ends its clause as the complement of the
    cue (``described the situation as “difficult.”``, ``called the plan “unworkable”, ...``); inside
    the author's noun phrase it is a scare quote (``called it a “historic” day``), and a capitalised
    word or one with a digit names something (``named it “COVID-19”``).
    """
    for sp in view.spans_from(a):
        if sp.first >= b:
            return False
        if sp.first >= a and not sp.used and (_has_words(view.text, sp.start, sp.end, 2) or _is_complement(view.text, sp)):
            return True
    return False


#: What ends the clause a one-word complement closes: punctuation (inside or after its marks) or the paragraph end.
_CLAUSE_END = ".,;:!?)—–"


def _is_complement(text: str, sp: Quotation) -> bool:
    """A one-word quotation that closes its clause and names nothing (see :func:`_quotes_between`)."""
    if _is_quoted_name(text, sp) or not _has_words(text, sp.start, sp.end, 1):
        return False
    inside = text[sp.start : sp.end].rstrip()
    after = text[sp.after :].lstrip(" ")
    return inside[-1:] in _CLAUSE_END or not after or after[0] in _CLAUSE_END


def _mention_kind(item: Draft) -> str:
    """The speaker's mention kind as rule names spell it: ``pronoun``, ``group`` or ``name``."""
    return {"pron": "pronoun", "group": "group"}.get(item.mtype, "name")


def _same_speaker(owner: Draft, para: int) -> Draft:
    """A new draft whose speaker mention is ``owner``'s."""
    return Draft(
        "indirect", -1, -1, "", para, mtype=owner.mtype, mention=owner.mention, m_start=owner.m_start,
        m_end=owner.m_end, desc=owner.desc,
    )


def sentence_subject(view: ParagraphView, s0: int, end: int, cues: CueSet, names: NameIndex) -> Draft | None:
    """A draft holding the mention of the subject of the sentence starting at ``s0`` (before ``end``), or None.

    The subject opens the sentence, or follows an opening phrase and its comma ("Following the
    announcement, Trump issued ..."); a lone capitalised word that opens the sentence and names nobody
    the text knows ("Following") is no subject."""
    for pattern in (cues.sentence_subject, cues.opened_sentence_subject):
        m = pattern.match(view.text, s0, end)
        item = Draft("indirect", -1, -1, "", view.index)
        if m is not None and fill_mention(item, m, view.base, names) and not _is_lone_sentence_opener(item, view, s0, names):
            return item
    return None


def _report_matches(
    view: ParagraphView, pattern: re.Pattern[str], report: ReportFromMatch, group: int | str = 0
) -> list[Draft]:
    """Run ``report(view, match, s0, s1)`` on every match of ``pattern`` in the paragraph whose ``group``
    starts outside quotations and outside the cues of direct quotes; keep the statements it returns."""
    found = []
    for m in pattern.finditer(view.text):
        v = m.start(group)
        if view.inside(v) or v in view.consumed:
            continue
        s0, s1 = view.sentence_bounds(v)
        done = report(view, m, s0, s1)
        if done is not None:
            found.append(done)
    return found


def participle_reports(view: ParagraphView, cues: CueSet, names: NameIndex) -> list[Draft]:
    """``X spoke out against the attack, calling it “an aggression”`` and ``X issued a statement saying
    ...``: the speaker is the sentence's subject."""

    def report(view: ParagraphView, m: re.Match[str], s0: int, s1: int) -> Draft | None:
        text, v = view.text, m.start("cue")
        owner = view.clause_owners.get(m.start())
        item = _same_speaker(owner, view.index) if owner else sentence_subject(view, s0, m.start(), cues, names)
        if item is None:
            return None
        item.rule = f"reported:{_mention_kind(item)}-participle"
        item.cue, item.cue_start, item.cue_end = m.group("cue").lower(), view.base + v, view.base + m.end()
        c = m.end()
        tm = cues.that_after.match(text, c)
        if tm:
            c = tm.end()
        elif not (
            _quotes_between(view, c, s1)
            or opens_statement(text, c, s1, item.cue, cues)
        ):
            # "..., adding to the pressure": speech only with a that-clause, a clause, quoted words or
            # (after "calling", "describing") an object and its complement
            return None
        return reported_content(item, view, c, _next_cue(view.match_starts(cues.participle), c, s1), min_words=2)

    return _report_matches(view, cues.participle, report, "cue") + _report_matches(
        view, cues.document_participle, report, "cue"
    )


#: How far before a statement noun its possessive name may start ("Kim Jong Un’s assertion").
_POSSESSIVE_NAME_CHARS = 60


def claim_reports(view: ParagraphView, cues: CueSet, names: NameIndex) -> list[Draft]:
    """``rejected Kim’s assertion that North Korea is a nuclear power``: a named person's (or body's)
    statement noun and its that-clause; the owner speaks (mention kind ``name``), the clause is what
    they said. The statement noun is the cue."""

    def report(view: ParagraphView, m: re.Match[str], s0: int, s1: int) -> Draft | None:
        text, base, v = view.text, view.base, m.start("cue")
        owner = cues.possessive_name.search(text, max(s0, v - _POSSESSIVE_NAME_CHARS), v)
        if owner is None or not view.has_text(s0, owner.start()):
            # "Lee's claim that it paid was false": a statement noun that opens its sentence is the
            # subject, and its that-clause runs into the sentence's own verb
            return None
        item = Draft("indirect", -1, -1, "reported:name-statement-noun", view.index)
        if not fill_according_mention(item, owner.group("name"), base + owner.start("name"), names):
            return None
        if item.mtype != "name":
            return None
        item.cue, item.cue_start, item.cue_end = m.group("cue").lower(), base + v, base + m.end("cue")
        end = min(_next_cue(view.match_starts(cues.participle), m.end(), s1), _next_cue(view.match_starts(cues.and_verb), m.end(), s1))
        return reported_content(item, view, m.end(), end, min_words=2)

    return _report_matches(view, cues.speech_noun, report, "cue")


def verb_reports(view: ParagraphView, cues: CueSet, names: NameIndex) -> list[Draft]:
    """Reported statements introduced by a subject and a speech verb outside quotations, the verb in a
    simple form (``said``, ``has warned``) or progressive (``had been urging``, ``are warning that``: as
    after a participle, only with a that-clause, a clause, quoted words or an object the verb takes)."""

    def report(view: ParagraphView, m: re.Match[str], s0: int, s1: int) -> Draft | None:
        text, base, v = view.text, view.base, m.start()
        lo = max(s0, view.last_close_before(v) + 1)
        sm = match_subject(cues.subject, view.words, lo, v, v)
        coordinated = None if sm else cues.and_before.search(text, max(lo, v - 40), v)
        if coordinated:  # "They called on Turkey to halt ..., and deemed that ...": the sentence's subject
            earlier = view.sentence_speakers.get(s0)
            if earlier is not None and earlier.cue_start - base < coordinated.start():
                item = _same_speaker(earlier, view.index)  # the subject an earlier verb of the sentence found
            else:
                item = sentence_subject(view, s0, coordinated.start(), cues, names)
            if item is None:
                return None
        else:
            item = Draft("indirect", -1, -1, "", view.index)
            if not sm or not fill_mention(item, sm, base, names):
                return None
            if _is_lone_sentence_opener(item, view, s0, names):
                return None
        who = _mention_kind(item)
        progressive = "cue" in m.re.groupindex  # "had been urging", "are warning": the participle is the cue
        cue = "cue" if progressive else 0
        item.cue, item.cue_start, item.cue_end = m.group(cue).lower(), base + m.start(cue), base + m.end()
        head_end = _rstripped_end(text, lo, item.m_start - base)
        if coordinated:
            item.rule = f"reported:coordinated-{who}-verb"
        elif text[head_end - 1 : head_end] == "," and head_end > lo and (tail := cues.parenthetical_end.match(text, m.end(), s1)):
            # "The talks failed, the ministry said, and ...": the content is the clause before; "The suspect,
            # police said, fled on foot": the clause runs on after the attribution, which it then holds
            item.rule = f"reported:clause-{who}-verb"
            a = _lstripped_start(text, lo, head_end)
            lead = _LEAD_RE.match(text, a)
            b = s1 if _clause_runs_on(view, tail.end(), s1, cues) else head_end - 1
            return reported_content(item, view, lead.end() if lead else a, b, min_words=2)
        else:
            item.rule = f"reported:{who}-verb"
        c = m.end()
        if cues.tell.search(m.group()):
            rm = cues.recipient_after.match(text, c)
            if rm:
                c = rm.end()
        tm = cues.that_after.match(text, c)
        if tm:
            c = tm.end()
        elif (wm := cues.when_after.match(text, c)) is not None:
            c = wm.end()  # "said on Friday the country is ...": the time phrase is not what was said
        if (
            tm is None
            and (item.cue in cues.that_only or progressive)
            and not _quotes_between(view, c, s1)
            and not opens_statement(text, c, s1, item.cue, cues)
        ):
            # "concluded a visit", "wrote a book": not speech without a that-clause or a clause of its
            # own ("reported the fire started"), unless the content quotes someone's words: "called the
            # award “an obscenity”"
            return None
        if tm is None and item.cue in cues.taking and _is_taken_object(view, c, s1, cues):
            return None  # "the storm claimed about 3000 lives": took, not said
        participle = _next_cue(view.match_starts(cues.participle), c, s1)
        if participle < s1:
            view.clause_owners[participle] = item  # ", calling it ...": this verb's subject speaks there too
        and_verb = _next_cue(view.match_starts(cues.and_verb), c, s1)
        done = reported_content(item, view, c, min(and_verb, participle), min_words=2)
        if done is not None and not coordinated:
            view.sentence_speakers[s0] = done
        return done
    return _report_matches(view, cues.verbs, report) + _report_matches(view, cues.progressive, report, "cue")


def _clause_runs_on(view: ParagraphView, c: int, s1: int, cues: CueSet) -> bool:
    """After a parenthetical attribution (", police said,") at ``c``: does the clause it interrupts go on
    (``fled on foot``), rather than a new clause (``and ...``), a participle (``adding ...``) or a quotation?"""
    text = view.text
    if text[c - 1 : c] != "," or not _has_words(text, c, s1, 2):
        return False
    if _CLAUSE_FOLLOWS_RE.match(text, c - 1) or cues.participle.match(text, c - 1):
        return False
    return not _quotes_between(view, c, s1)


#: How many words of an object a taken noun may follow ("the life of", "the lives of some").
_TAKEN_OBJECT_WORDS = 3


def _is_taken_object(view: ParagraphView, c: int, s1: int, cues: CueSet) -> bool:
    """Is ``text[c:s1]`` what a taking verb took, not what it said: a count or a taken noun in its first
    words (``about 3000 lives``, ``the life of a fisherman``), with no quoted words and no clause of its own?"""
    text = view.text
    words = WORD_RE.finditer(text, c, s1)
    first = [w.group().lower() for w, _ in zip(words, range(_TAKEN_OBJECT_WORDS), strict=False)]
    taken = cues.count.match(text, c, s1) is not None or any(w in cues.taken_objects for w in first)
    return taken and not _quotes_between(view, c, s1) and not _tagged_sentence(text, c, s1).has_subject_and_verb(c, s1)


def _next_cue(cue_starts: list[int], c: int, s1: int) -> int:
    """Where content starting at ``c`` ends: before the first of ``cue_starts`` after it, else at the
    sentence end ``s1``. The cues are a second speech verb (``... and added that ...``) or a participle
    (``..., saying ...``): each opens a statement of its own."""
    k = bisect_left(cue_starts, c)
    return cue_starts[k] if k < len(cue_starts) and cue_starts[k] < s1 else s1


@lru_cache(maxsize=1)
def _tagger() -> PatternTagger:
    """TextBlob's Pattern tagger: it ships its lexicon, so tagging needs no download."""
    return PatternTagger()


def _tags(text: str) -> list[str]:
    return [tag for _, tag in _tagger().tag(text)]


def _is_verb(tag: str) -> bool:
    return tag.startswith("VB") or tag == "MD"


def _is_subject(tag: str) -> bool:
    return tag.startswith(("NN", "CD", "EX")) or tag == "PRP"


def has_subject_and_verb(text: str) -> bool:
    """Does ``text`` read as a clause of its own: a noun or pronoun, then a verb (Pattern tagger)?

    >>> has_subject_and_verb("the city escaped damage"), has_subject_and_verb("civilians")
    (True, False)
    """
    subject = False
    for tag in _tags(text):
        if _is_subject(tag):
            subject = True
        elif subject and _is_verb(tag):
            return True
    return False


class _TaggedSentence:
    """One sentence tagged once, with the offsets of its subject-like and verb tokens, so each question
    about a part of it costs a bisection instead of tagging that part again (a sentence with many
    ``according to`` cues stays linear)."""

    def __init__(self, text: str, s0: int, s1: int):
        self.subjects: list[int] = []
        self.verbs: list[int] = []
        cursor = s0
        for word, tag in _tagger().tag(text[s0:s1]):
            at = text.find(word, cursor, s1)
            if at < 0:  # the tagger rewrote the token: keep the cursor, skip the word
                continue
            cursor = at + len(word)
            if _is_subject(tag):
                self.subjects.append(at)
            elif _is_verb(tag):
                self.verbs.append(at)

    def has_subject_and_verb(self, a: int, b: int) -> bool:
        """A subject-like token in [a, b) followed by a verb token before ``b``."""
        i = bisect_left(self.subjects, a)
        if i == len(self.subjects) or self.subjects[i] >= b:
            return False
        j = bisect_right(self.verbs, self.subjects[i])
        return j < len(self.verbs) and self.verbs[j] < b

    def last_verb_before(self, a: int, b: int) -> int:
        """Offset of the last verb token starting in [a, b), or -1."""
        j = bisect_left(self.verbs, b) - 1
        return self.verbs[j] if j >= 0 and self.verbs[j] >= a else -1


#: How many tokens a clause's subject noun phrase may take before its verb (det, modifiers, noun, of-phrase).
_CLAUSE_LEAD_TOKENS = 9
#: Penn tags of a finite verb or modal: the verb that makes a clause (``started``, ``is``, ``may``).
_FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Penn tags that may stand in a subject noun phrase before its noun (determiners, modifiers, possessives).
_NOUN_PHRASE_TAGS = frozenset({"DT", "PDT", "JJ", "JJR", "JJS", "PRP$", "POS", "CD", "NN", "NNS", "NNP", "NNPS"})
#: Prepositions that may extend a subject noun phrase (``the epicentre of the quake``).
_NOUN_PHRASE_PREPOSITIONS = frozenset({"of", "in"})


def _lead_tags(text: str, a: int, b: int, n: int) -> list[tuple[str, str]]:
    """The Pattern tags of the first ``n`` words of ``text[a:b]`` (and the punctuation among them)."""
    words = list(zip(WORD_RE.finditer(text, a, b), range(n), strict=False))
    return _tagger().tag(text[a : words[-1][0].end()]) if words else []


#: The prepositions after which a verb of charging takes its complement: "accused X of ...", "blamed X for ...".
_CHARGE_PREPOSITIONS = frozenset({"of", "for"})


def opens_statement(text: str, a: int, b: int, cue: str, cues: CueSet) -> bool:
    """Does ``text[a:b]``, after the cue ``cue``, hold a statement with no that-clause: a clause of its own
    (``reported the fire started``); after a verb of judgement or of charging, an object and its
    complement (``called the plan unworkable``, ``accused the network of violating its franchise``);
    after a verb of asking, an object and what it is asked to do (``urging residents to stay inside``)?"""
    if opens_clause(text, a, b) or cue in cues.directive and opens_directive(text, a, b):
        return True
    if cue in cues.charge:
        return opens_complement(text, a, b, _CHARGE_PREPOSITIONS)
    return cue in cues.complement and opens_complement(text, a, b)


def opens_directive(text: str, a: int, b: int) -> bool:
    """Does ``text[a:b]`` open with an object, then ``to`` and a verb (``residents to stay inside``)?
    ``to the pressure`` does not (no object before ``to``, no verb after it).

    >>> opens_directive("residents to stay inside", 0, 24), opens_directive("to the pressure", 0, 15)
    (True, False)
    """
    tagged = _lead_tags(text, a, b, _OBJECT_TOKENS + 4)
    head = False
    for k, (word, tag) in enumerate(tagged):
        if word.lower() == "to":
            return head and k + 1 < len(tagged) and _opens_verb_phrase(*tagged[k + 1])
        if tag in _OBJECT_HEAD_TAGS:
            head = True
        elif not (tag in _NOUN_PHRASE_TAGS or word.lower() in _NOUN_PHRASE_PREPOSITIONS):
            return False
    return False


#: Penn tags that open a noun phrase, not a verb phrase, after "to" (``to the pressure``, ``to 300``).
_NOUN_PHRASE_OPENING_TAGS = frozenset({"DT", "PDT", "PRP$", "PRP", "CD", "NNP", "NNPS"})


def _opens_verb_phrase(word: str, tag: str) -> bool:
    """Can ``word`` after "to" be the verb of an infinitive? The tagger often reads ``to delay`` or
    ``to open`` as a noun or an adjective, so any lower-case word counts that does not open a noun phrase."""
    return word[:1].islower() and word.isalpha() and tag not in _NOUN_PHRASE_OPENING_TAGS


def opens_clause(text: str, a: int, b: int) -> bool:
    """Does ``text[a:b]`` open with a clause of its own: a noun phrase (with ``of``/``in`` phrases), then a
    finite verb (``the fire started``, ``bird flight may have evolved``)? ``a book about the war`` and ``a
    letter saying`` do not: no finite verb follows their noun phrase. The subject may carry a phrase
    between commas (``Ann Lee, the mayor, said``, ``officials, following an inquiry, stated``). Only the
    first words are tagged.

    >>> text = "NRK reported the fire started in a car."
    >>> opens_clause(text, 13, len(text)), opens_clause("Ann Lee wrote a book about it.", 14, 30)
    (True, False)
    """
    subject = False
    appositive = False  # inside ", the caretaker prime minister," after the subject
    closed = False  # right after the comma that closes the phrase
    for word, tag in _lead_tags(text, a, b, _CLAUSE_LEAD_TOKENS + 1):
        if tag == ",":
            if not (subject or appositive):
                return False
            closed, appositive = appositive, not appositive
            continue
        if subject and not appositive and (tag in _FINITE_VERB_TAGS or closed and tag == "VBN"):
            return True  # the tagger reads "officials, following an inquiry, stated" as a participle
        closed = False
        if appositive:
            continue  # ", following an investigation," or ", the mayor,": any phrase between the commas
        if _is_subject(tag):
            subject = True
        elif not (tag in _NOUN_PHRASE_TAGS or word.lower() in _NOUN_PHRASE_PREPOSITIONS or tag == "RB" and not subject):
            return False  # an adverb may open the noun phrase: "only 0.5% of sales comes from ..."
    return False


#: How many tokens the object of a judging verb may take before its complement (``its actions``, ``Trump's order``).
_OBJECT_TOKENS = 6
#: Penn tags of an object's head: a noun or a pronoun (``the plan``, ``it``).
_OBJECT_HEAD_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
#: Penn tags of an adjective complement (``unworkable``, ``more dangerous``).
_ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS"})


def opens_complement(text: str, a: int, b: int, prepositions: frozenset[str] = frozenset({"as"})) -> bool:
    """Does ``text[a:b]`` open with an object and its complement, as a verb of judgement takes them: ``the
    plan as unworkable``, ``the plan unworkable``, ``the vote a fraud``? ``the police``, ``a tough new
    policy`` and ``the scene of the attack`` do not (no complement after the object's noun). A verb of
    charging takes its complement after ``prepositions`` (``the network of violating its franchise``).

    >>> text = "Ann Lee called the plan unworkable."
    >>> opens_complement(text, 15, len(text)), opens_complement("Ann Lee called a tough new policy.", 15, 33)
    (True, False)
    """
    tagged = _lead_tags(text, a, b, _OBJECT_TOKENS + 2)
    head = False
    for k, (word, tag) in enumerate(tagged):
        if head and (word.lower() in prepositions and k + 1 < len(tagged) or tag in _ADJECTIVE_TAGS or tag in ("DT", "PRP$")):
            return True  # a complement after the object's noun: "as ...", an adjective or a second noun phrase
        if tag in _OBJECT_HEAD_TAGS:
            head = True
        elif not (tag in _NOUN_PHRASE_TAGS or tag == "POS"):
            return False
    return False


@lru_cache(maxsize=16)
def _tagged_sentence(text: str, s0: int, s1: int) -> _TaggedSentence:
    return _TaggedSentence(text, s0, s1)


_CLAUSE_BOUNDARY_RE = re.compile(r"[,;:—–(]")


def _clause_start(text: str, s0: int, s1: int, i: int) -> int:
    """The start of the clause ending at local offset ``i`` in the sentence [s0, s1): after the nearest
    clause boundary (comma, semicolon, colon, dash, bracket) whose part up to ``i`` holds a verb, so list
    items are passed over (``struck the towns, the roads, and ...``); past a leading connective."""
    w0 = max(s0, i - MAX_CONTENT_CHARS)  # the content is capped there anyway
    verb = _tagged_sentence(text, s0, s1).last_verb_before(w0, i)
    a = w0
    if verb >= 0:
        bounds = [m.end() for m in _CLAUSE_BOUNDARY_RE.finditer(text, w0, verb)]
        a = bounds[-1] if bounds else w0
    a = _lstripped_start(text, a, i)
    lead = _LEAD_RE.match(text, a)
    return lead.end() if lead else a


def _coordinated_content_start(view: ParagraphView, item: Draft, v: int, c: int, s0: int, s1: int, cues: CueSet) -> int:
    """Where the content of ``according to X, Y`` starts when the cue at ``v`` follows a coordinating
    conjunction (``..., and according to X, Y.``) and ``Y`` (from ``c``) is no clause of its own.

    ``Y`` then completes the clause before the conjunction (``strike back against the resistance, and
    according to rights groups, civilians``): the claim runs from that clause's start. A ``Y`` with its own
    subject and verb (``..., but according to police, the suspect fled``) is the whole claim: returns ``c``.
    """
    text = view.text
    cm = cues.coordinator_before.search(text, max(s0, v - 16), v)
    if cm is None or cm.start() <= s0 or _tagged_sentence(text, s0, s1).has_subject_and_verb(c, s1):
        return c
    item.rule = "reported:according-to-coordinated"
    i = _rstripped_end(text, s0, cm.start())
    return _clause_start(text, s0, s1, i - 1 if text[i - 1 : i] == "," else i)


def according_reports(view: ParagraphView, cues: CueSet, names: NameIndex) -> list[Draft]:
    """Reported statements attributed by ``according to X`` (before, inside or after the content)."""

    def report(view: ParagraphView, m: re.Match[str], s0: int, s1: int) -> Draft | None:
        text, base, v = view.text, view.base, m.start()
        npm = _ACCORDING_NP_RE.match(text, m.end(), s1)
        if not npm:
            return None
        item = Draft("indirect", -1, -1, "reported:according-to", view.index)
        if not fill_according_mention(item, npm.group(1), base + npm.start(1), names):
            return None
        item.cue, item.cue_start, item.cue_end = " ".join(m.group().split()).lower(), base + v, base + m.end()
        np_end = npm.end()
        nothing_after = _ONLY_STOPS_RE.match(text, np_end, s1) is not None
        clause_follows = _CLAUSE_FOLLOWS_RE.match(text, np_end, s1)
        head_end = _rstripped_end(text, s0, v)
        if view.has_text(s0, v) and (nothing_after or (clause_follows and text[head_end - 1] == ",")):
            # "..., according to one expert." - the content is the clause before the cue
            lead = _OPTIONAL_LEAD_RE.match(text, s0, v)
            a = lead.end() if lead else s0
            return reported_content(item, view, a, v, min_words=1, trim_end=True)
        c = _SPACE_COMMA_RE.match(text, np_end, s1).end()
        a = _coordinated_content_start(view, item, v, c, s0, s1, cues) if view.has_text(s0, v) else c
        return reported_content(item, view, a, s1, min_words=1)

    return _report_matches(view, cues.according, report)
