"""Reported speech: ``X said (that) ...``, ``X told Y ...``, ``..., the ministry said``, ``according to X``,
and mixed quotes (reported content holding a quoted fragment: ``called the award “an obscenity”``).
"""

from __future__ import annotations

import re

from kit.quotes.cues import CueSet
from kit.quotes.marks import trimmed
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
    if fragments:
        item.kind = "mixed"
        item.flag = next((sp.flag for sp in fragments if sp.flag), "")
        if b < len(text) and text[b : b + 1] in '”"' and b - 1 >= a:
            b += 1  # keep the closing mark of a fragment that ends the content
    item.start, item.end = view.base + a, view.base + b
    return item


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


def _is_lone_sentence_opener(item: Draft, view: ParagraphView, s0: int, cues: CueSet, names: NameIndex) -> bool:
    """A lone capitalised word opening a sentence ("Value added tax rose") that the text never introduces
    as part of a full name and that is no known collective (Moscow, Kremlin): not a speaker."""
    lone = item.mtype == "name" and " " not in item.mention and not view.has_text(s0, item.m_start - view.base)
    return lone and item.mention not in names.surnames() and item.mention not in cues.collective


def _quotes_between(view: ParagraphView, a: int, b: int) -> bool:
    """Does a quotation of two words or more, not yet attributed, open in ``text[a:b]``?

    A one-word quotation is a scare quote (``called it a “historic” day``), not someone's words.
    """
    for sp in view.spans_from(a):
        if sp.first >= b:
            return False
        if sp.first >= a and not sp.used and _has_words(view.text, sp.start, sp.end, 2):
            return True
    return False


def sentence_subject(view: ParagraphView, s0: int, end: int, cues: CueSet, names: NameIndex) -> Draft | None:
    """A draft holding the mention of the subject of the sentence starting at ``s0`` (before ``end``), or None."""
    m = cues.sentence_subject.match(view.text, s0, end) or cues.opened_sentence_subject.match(view.text, s0, end)
    item = Draft("indirect", -1, -1, "", view.index)
    if m is None or not fill_mention(item, m, view.base, names):
        return None
    return item


def participle_reports(view: ParagraphView, cues: CueSet, names: NameIndex) -> list[Draft]:
    """``X spoke out against the attack, calling it “an aggression”``: the speaker is the sentence's subject."""
    text, base = view.text, view.base
    found = []
    for m in cues.participle.finditer(text):
        v = m.start("cue")
        if view.inside(v) or v in view.consumed:
            continue
        s0, s1 = view.sentence_bounds(v)
        item = sentence_subject(view, s0, m.start(), cues, names)
        if item is None:
            continue
        who = {"pron": "pronoun", "group": "group"}.get(item.mtype, "name")
        item.rule = f"reported:{who}-participle"
        item.cue, item.cue_start, item.cue_end = m.group("cue").lower(), base + v, base + m.end()
        c = m.end()
        tm = cues.that_after.match(text, c)
        if tm:
            c = tm.end()
        elif not _quotes_between(view, c, s1):
            continue  # "..., adding to the pressure": speech only with a that-clause or quoted words
        done = reported_content(item, view, c, s1, min_words=2)
        if done is not None:
            found.append(done)
    return found


def verb_reports(view: ParagraphView, cues: CueSet, names: NameIndex) -> list[Draft]:
    """Reported statements introduced by a subject and a speech verb outside quotations."""
    text, base = view.text, view.base
    found = []
    for m in cues.verbs.finditer(text):
        v = m.start()
        if v in view.consumed or view.inside(v):
            continue
        s0, s1 = view.sentence_bounds(v)
        lo = max(s0, view.last_close_before(v) + 1)
        sm = match_subject(cues.subject, view.words, lo, v, v)
        if not sm:
            continue
        item = Draft("indirect", -1, -1, "", view.index)
        if not fill_mention(item, sm, base, names) or _is_lone_sentence_opener(item, view, s0, cues, names):
            continue
        who = {"pron": "pronoun", "group": "group"}.get(item.mtype, "name")
        item.cue, item.cue_start, item.cue_end = m.group().lower(), base + v, base + m.end()
        head_end = _rstripped_end(text, lo, item.m_start - base)
        if text[head_end - 1 : head_end] == "," and head_end > lo and cues.parenthetical_end.match(text, m.end(), s1):
            # "The talks failed, the ministry said, and ...": the content is the clause before
            item.rule = f"reported:clause-{who}-verb"
            a = _lstripped_start(text, lo, head_end)
            lead = _LEAD_RE.match(text, a)
            done = reported_content(item, view, lead.end() if lead else a, head_end - 1, min_words=2)
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
            elif item.cue in cues.that_only and not _quotes_between(view, c, s1):
                # "concluded a visit", "wrote a book": not speech without a that-clause, unless the
                # content quotes someone's words: "called the award “an obscenity”"
                continue
            done = reported_content(item, view, c, s1, min_words=2)
        if done is not None:
            found.append(done)
    return found


def according_reports(view: ParagraphView, cues: CueSet, names: NameIndex) -> list[Draft]:
    """Reported statements attributed by ``according to X`` (before or after the content)."""
    text, base = view.text, view.base
    found = []
    for m in cues.according.finditer(text):
        v = m.start()
        if view.inside(v) or v in view.consumed:
            continue
        s0, s1 = view.sentence_bounds(v)
        npm = _ACCORDING_NP_RE.match(text, m.end(), s1)
        if not npm:
            continue
        item = Draft("indirect", -1, -1, "reported:according-to", view.index)
        if not fill_according_mention(item, npm.group(1), base + npm.start(1), names):
            continue
        item.cue, item.cue_start, item.cue_end = " ".join(m.group().split()).lower(), base + v, base + m.end()
        np_end = npm.end()
        nothing_after = _ONLY_STOPS_RE.match(text, np_end, s1) is not None
        clause_follows = _CLAUSE_FOLLOWS_RE.match(text, np_end, s1)
        head_end = _rstripped_end(text, s0, v)
        if view.has_text(s0, v) and (nothing_after or (clause_follows and text[head_end - 1] == ",")):
            # "..., according to one expert." - the content is the clause before the cue
            lead = _OPTIONAL_LEAD_RE.match(text, s0, v)
            a = lead.end() if lead else s0
            done = reported_content(item, view, a, v, min_words=1, trim_end=True)
        else:
            c = _SPACE_COMMA_RE.match(text, np_end, s1).end()
            done = reported_content(item, view, c, s1, min_words=1)
        if done is not None:
            found.append(done)
    return found
