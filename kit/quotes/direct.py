"""Direct quotes: a quotation attributed by a cue right after it (``“...,” X said``), right before it
(``X said: “...``), split by its cue (``“We won,” he said, “and ...”``), or with no cue at all (a
continuation of the previous speaker, a long unattributed quotation, or a quoted term).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from kit.quotes.cues import CueSet
from kit.quotes.marks import Quotation
from kit.quotes.model import Draft
from kit.quotes.names import NameIndex, fill_according_mention, fill_cue, fill_mention
from kit.quotes.paragraph import ParagraphView
from kit.quotes.reported import sentence_subject
from kit.quotes.subjects import match_according_before_mark, match_before_mark
from kit.text import WORD_RE

_CLOSING_PUNCTUATION = ",.?!…—–-:;"
#: The verb right after a sentence's subject (an appositive and an adverb allowed before it).
_VERB_AFTER_SUBJECT = re.compile(r"(?:\s*,[^,“”\"\n]{1,120},)?\s+(?:[a-z]+ly\s+)?(?P<cue>[a-z]+)")
#: How far before an opening mark its attribution may start (``X, <appositive>, said: “``).
ATTRIBUTION_WINDOW = 300


def _attribute(item: Draft, m: re.Match, offset: int, rule: str, names: NameIndex) -> bool:
    """Fill ``item`` from a cue match; the rule names the mention's type. False if the match has no speaker."""
    according = "according-to" in rule
    if according:
        ok = fill_according_mention(item, m.group("np"), offset + m.start("np"), names)
    else:
        ok = fill_mention(item, m, offset, names)
    if not ok:
        return False
    who = {"pron": "pronoun", "group": "group"}.get(item.mtype, "name")
    fill_cue(item, m, offset)
    item.rule = rule.format(who=who)
    return True


def _cue_after(view: ParagraphView, si: int, item: Draft, cues: CueSet, names: NameIndex) -> bool:
    """``“...,” said X`` / ``“...,” X said`` / ``“...,” according to X``."""
    sp, spans, text = view.spans[si], view.spans, view.text
    limit = spans[si + 1].open_mark if si + 1 < len(spans) and spans[si + 1].open_mark >= 0 else len(text)
    if sp.close_mark < 0 or limit <= sp.close_mark:
        return False
    after = text[sp.close_mark + 1 : min(limit, sp.close_mark + 300)]
    if not (text[sp.start : sp.end][-1:] in _CLOSING_PUNCTUATION or after.lstrip(" ")[:1] == ","):
        return False
    patterns = (
        (cues.after_according, "direct:quote-according-to"),
        (cues.after_verb_first, "direct:quote-comma-verb-{who}"),
        (cues.after_speaker_first, "direct:quote-comma-{who}-verb"),
    )
    closes_sentence = text[sp.start : sp.end].rstrip()[-1:] == "."
    return _first_attribution(item, patterns, after, view.base + sp.close_mark + 1, names, closes_sentence)


#: What may follow a cue that a quotation's own sentence does not hold (``“We won.” He said on Monday.``):
#: a short phrase to the end of the sentence, or a comma.
_CUE_TAIL = re.compile(
    r"\s*(?:[.!?;,]|\Z|(?:[\w’'\-]+\s+){0,1}[\w’'\-]+[.!?]"
    r"|(?:on|in|at|during|after|before|to|from|via|through|with)\s[^.!?;:“”\"\n]{0,50}[.!?])"
)


def _first_attribution(
    item: Draft, patterns, text: str, offset: int, names: NameIndex, closes_sentence: bool = False
) -> bool:
    """Try the cue ``patterns`` in order, each matched at the start of ``text``.

    After a quotation that ends its sentence with a full stop (``“We won.” He said ...``) the cue opens a
    new sentence: it attributes the quotation only when that sentence ends with the cue (a short phrase
    allowed); ``“We won.” He claimed the vote was rigged.`` is a statement of its own.
    """
    for rx, rule in patterns:
        m = rx.match(text)
        if m is None or (closes_sentence and not _CUE_TAIL.match(text, m.end())):
            continue
        if _attribute(item, m, offset, rule, names):
            return True
    return False


def _split_by_cue(view: ParagraphView, si: int, item: Draft) -> bool:
    """“We won,” he said, “and we will win again.”: the second half shares the first half's cue."""
    prev = view.attributed.get(si - 1)
    if prev is None or not prev.rule.startswith("direct:quote-comma"):
        return False
    sp, before = view.spans[si], view.spans[si - 1]
    if before.close_mark < 0:
        return False
    base = view.base
    gap = view.text[max(prev.cue_end, prev.m_end) - base : sp.open_mark]
    if not (prev.cue_end - base <= sp.open_mark and prev.cue_start - base >= before.close_mark + 1):
        return False
    if gap.strip(" ,:;—–-\t"):
        return False
    item.rule, item.pending, item.link = "direct:split-quote", "split", prev
    item.cue, item.cue_start, item.cue_end = prev.cue, prev.cue_start, prev.cue_end
    return True


def _cue_before(view: ParagraphView, si: int, item: Draft, cues: CueSet, names: NameIndex) -> bool:
    """``X said: “...`` / ``According to X, “...``: the attribution between the sentence start and the mark."""
    sp, spans = view.spans[si], view.spans
    s0, _ = view.sentence_bounds(sp.open_mark)
    lo = max(s0, spans[si - 1].close_mark + 1 if si > 0 else 0)
    lo = min(lo, sp.open_mark)
    for find, rx, rule in (
        (match_according_before_mark, cues.before_according, "direct:according-to-quote"),
        (match_before_mark, cues.before, "direct:{who}-verb-colon-quote"),
    ):
        m = find(rx, view.words, lo, sp.open_mark)
        if m and _attribute(item, m, view.base, rule, names):
            return True
    return _participle_before(view, sp, s0, item, cues, names) or _colon_before(view, sp, s0, item, cues, names)


def _participle_before(
    view: ParagraphView, sp: Quotation, s0: int, item: Draft, cues: CueSet, names: NameIndex
) -> bool:
    """``An eyewitness described the attack, stating, “...``: the sentence's subject speaks."""
    m = cues.participle_before_mark.search(view.text, max(s0, sp.open_mark - 120), sp.open_mark)
    if m is None:
        return False
    subject = sentence_subject(view, s0, m.start(), cues, names)
    if subject is None:
        return False
    return _spoken_by_subject(item, subject, m, view.base, "participle-quote")


def _colon_before(view: ParagraphView, sp: Quotation, s0: int, item: Draft, cues: CueSet, names: NameIndex) -> bool:
    """``In his message, he praised the general: “He was a stellar example ...”``: a clause ending in a
    colon introduces a quotation of at least a sentence's length, and its subject speaks. The verb
    after the subject is the cue."""
    lead = view.text[s0 : sp.open_mark].rstrip()
    if not lead.endswith(":") or len(WORD_RE.findall(view.text[sp.start : sp.end])) < cues.min_words:
        return False
    colon = s0 + len(lead) - 1
    subject = sentence_subject(view, s0, colon, cues, names)
    opening = view.text.find(",", s0, colon)
    if subject is None and opening >= 0:  # "In his message, he praised ...:"
        subject = sentence_subject(view, _after_space(view.text, opening + 1), colon, cues, names)
    if subject is None:
        return False
    verb = _VERB_AFTER_SUBJECT.match(view.text, subject.m_end - view.base)
    if verb is None:
        return False
    return _spoken_by_subject(item, subject, verb, view.base, "clause-colon-quote")


def _passive_agent(view: ParagraphView, sp: Quotation, item: Draft, cues: CueSet, names: NameIndex) -> bool:
    """``was described as “knife-obsessed” by the police``: the agent after the closing mark speaks."""
    if sp.close_mark < 0:
        return False
    cue = cues.passive_before_mark.search(view.text, max(sp.open_mark - 40, 0), sp.open_mark)
    if cue is None:
        return False
    agent = cues.agent_after_mark.match(view.text, sp.close_mark + 1)
    if agent is None or not fill_mention(item, agent, view.base, names):
        return False
    fill_cue(item, cue, view.base)
    who = {"pron": "pronoun", "group": "group"}.get(item.mtype, "name")
    item.rule = f"direct:passive-by-{who}"
    return True


def _spoken_by_subject(item: Draft, subject: Draft, cue: re.Match, base: int, rule: str) -> bool:
    """Give ``item`` the mention of the sentence's ``subject`` and the ``cue`` group of a match."""
    item.mtype, item.mention, item.m_start, item.m_end, item.desc = (
        subject.mtype,
        subject.mention,
        subject.m_start,
        subject.m_end,
        subject.desc,
    )
    fill_cue(item, cue, base)
    who = {"pron": "pronoun", "group": "group"}.get(item.mtype, "name")
    item.rule = f"direct:{who}-{rule}"
    return True


def _after_space(text: str, i: int) -> int:
    """The first offset from ``i`` that is not white space."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def attributed_quotes(view: ParagraphView, cues: CueSet, names: NameIndex) -> list[Draft]:
    """The direct quotes of a paragraph that have a cue of their own (or share the one of a split quote)."""
    found = []
    for si, sp in enumerate(view.spans):
        item = Draft("direct", view.base + sp.start, view.base + sp.end, "", view.index, flag=sp.flag)
        ok = _cue_after(view, si, item, cues, names)
        if not ok and sp.open_mark >= 0:
            ok = (
                _split_by_cue(view, si, item)
                or _cue_before(view, si, item, cues, names)
                or _passive_agent(view, sp, item, cues, names)
            )
        if not ok:
            continue
        if item.pending != "split":
            view.consumed.add(item.cue_start - view.base)
            _owns_participle_after(view, item, cues)
        sp.used = True
        view.attributed[si] = item
        found.append(item)
    return found


def _owns_participle_after(view: ParagraphView, item: Draft, cues: CueSet) -> None:
    """``“It is over,” he said, adding that talks had failed``: the participle right after a direct quote's
    cue and speaker opens a statement by the same speaker (see ``participle_reports``)."""
    if item.cue_end < 0 or item.mtype == "":
        return
    end = max(item.cue_end, item.m_end) - view.base
    when = cues.when_after.match(view.text, end)  # "said on Monday, adding ..."
    starts = view.match_starts(cues.participle)
    k = bisect_left(starts, end)
    if k < len(starts) and starts[k] <= (when.end() if when else end):
        view.clause_owners[starts[k]] = item


def _is_whole_paragraph(view: ParagraphView, sp: Quotation) -> bool:
    return not view.has_text(0, sp.first) and not view.has_text(sp.after, len(view.text))


def uncued_quotations(view: ParagraphView, cues: CueSet) -> tuple[list[Draft], list[tuple[int, int]]]:
    """Quotations with no cue: continuations (whole-paragraph or run-on quotations), long unattributed
    speech, and quoted terms (returned as absolute ``(start, end)`` spans)."""
    found: list[Draft] = []
    terms: list[tuple[int, int]] = []
    text, base = view.text, view.base
    earlier: Draft | None = None  # the nearest attributed direct quote before, with no mixed quote in between
    for si, sp in enumerate(view.spans):
        if si in view.attributed:
            earlier = view.attributed[si]
        elif sp.used:
            earlier = None  # a mixed quote in between: its speaker is not the one to continue
        if sp.used:
            continue
        starts_sentence = sp.open_mark >= 0 and not view.has_text(view.sentence_bounds(sp.open_mark)[0], sp.open_mark)
        content = text[sp.start : sp.end]
        speechlike = content[-1:] in ".?!,…" or bool(re.search(r"[.?!]\s", content))
        if earlier is not None and starts_sentence and speechlike and not sp.flag:
            # “...,” said Mayor Okafor. “We cannot wait.”: a quotation with no cue continues the speaker before
            item = Draft("direct", base + sp.start, base + sp.end, "continuation:same-paragraph", view.index)
            item.pending, item.link = "follows", earlier
            found.append(item)
        elif _is_whole_paragraph(view, sp) or sp.continues:
            item = Draft(
                "direct", base + sp.start, base + sp.end, "continuation:previous-speaker", view.index, flag=sp.flag
            )
            item.pending = "continuation"
            found.append(item)
        elif len(WORD_RE.findall(content)) >= cues.min_words and ((starts_sentence and speechlike) or sp.flag):
            # long enough to be speech: opens a sentence like a quotation, or its marks are broken
            found.append(
                Draft("direct", base + sp.start, base + sp.end, "direct:unattributed", view.index, flag=sp.flag)
            )
        else:
            terms.append((base + sp.start, base + sp.end))
    return found, terms
