"""The regexes of the quote extractor, built from the cue lists of ``kit/quotes/cues.yml``.

The word lists stay data; this module only joins them into patterns, in steps a reader can follow:
the pieces of a name, the pieces of a speaker (a pronoun, a source noun phrase, a name with its
appositive or affiliation), time phrases, and then the patterns each step of the extractor matches
(:func:`compile_patterns`, one compiled regex per name). A word list becomes a trie-shaped alternation
(:func:`alternation`), so each scan reads a character once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

#: An age standing for the person introduced with it ("the 48-year-old").
AGE_NOUN = r"\d{1,3}-year-old"
#: Capital letters a name may start with: Latin-1 and the capitals of Latin Extended-A and -B
#: (``Š``, ``Ł``, ``Đ``, ``Ş``: Ana Šimić, Łukasz Śliwa).
UPPER = "A-ZÀ-ÖØ-Þ" + "".join(c for c in map(chr, range(0x100, 0x250)) if c.isupper())


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of the literal phrases, the longest first, spaces matching any whitespace.

    The phrases are merged into a trie (``sa(?:id|ys)`` rather than ``said|says``), so the regex engine
    reads each character once instead of trying every phrase at every offset: a scan of the speech verbs
    over a paragraph is about three times faster. At each node the longer phrases come before the one
    ending there, which keeps the longest-first preference of a plain alternation.
    """
    trie: dict[str, dict] = {}
    for phrase in set(words):
        node = trie
        for ch in " ".join(phrase.split()):
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [_chain(ch, child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _chain(ch: str, node: dict[str, dict]) -> str:
    """``ch`` and the characters after it up to the next branch or phrase end, read in a loop (a long
    phrase needs no deep recursion), then that node's pattern."""
    text = [ch]
    while len(node) == 1 and "" not in node:
        [(ch, node)] = node.items()
        text.append(ch)
    return "".join(r"\s+" if c == " " else re.escape(c) for c in text) + _trie_pattern(node)


def _name_pieces(data: dict[str, Any]) -> SimpleNamespace:
    """A capitalised name: its words, particles and a leading title with "of"."""
    up = UPPER
    gap = "[ \t\u00a0\u202f]"  # between the words of a name: a space, a tab or a no-break space
    particle = rf"(?-i:{alternation(data['name_particles'])})"
    # a capitalised word, or one joined to a particle by a hyphen ("al-Assadi")
    token = rf"(?:{particle}-)?[{up}][\w\-]*(?:['’][{up}][\w\-]*)?"
    # a later word of a name may follow particles ("de Gaulle", "von der Leyen")
    inner = rf"(?:{particle}{gap}+){{0,2}}{token}"
    # a title with "of" belongs to the run it starts: "Secretary of State Mike Pompeo" (NameIndex.clean
    # splits it into the title and the name)
    title_of = rf"(?=[{up}][\w\-]*\.?{gap}+of{gap})(?-i:{alternation(data['titles'])}){gap}+of{gap}+(?:the{gap}+)?"
    # ... and so do up to two capitalised words before such a title: "Assistant Secretary of State Ann Lee"
    # the lookahead first lets the regex engine skip, cheaply, every position where no name can start
    opens = rf"(?=[{up}]|{particle}-)"
    name = rf"{opens}(?<![\w’'\-])(?:(?:{token}{gap}+){{0,2}}{title_of})?{token}(?:{gap}+{inner}){{0,5}}(?![\w\-])"
    return SimpleNamespace(name=name, up_word=rf"(?-i:[{up}][\w’'\-]*)")


def _word_pieces(data: dict[str, Any]) -> SimpleNamespace:
    """Single cue lists as patterns: verbs, pronouns, adverbs, auxiliaries, determiners, source nouns."""
    alt = alternation
    return SimpleNamespace(
        verbs=rf"(?<![\w\-])(?:{alt(data['speech_verbs'])})(?![\w\-])",
        tells=rf"(?:{alt(data['tell_verbs'])})",
        pron=rf"(?<![\w\-])(?i:{alt(w for ws in data['pronouns'].values() for w in ws)})(?![\w\-])",
        adv=rf"(?:{alt(data['adverbs'])})",
        # what may stand between a speaker and the verb: "has said", "reportedly asked", "had earlier told"
        aux=rf"(?:(?:{alt(data['auxiliaries'])})\s+)?",
        aux_word=rf"(?:{alt(data['auxiliaries'])})(?![\w\-])",
        det=rf"(?:{alt(data['determiners'])})",
        notmod=rf"(?:{alt(data['not_modifiers'] + data['determiners'])})(?![\w\-])",
        # a source noun, or an age standing for the person introduced with it ("the 48-year-old")
        nouns=rf"(?:{alt(w for ws in data['source_nouns'].values() for w in ws)}|{AGE_NOUN})",
        according=rf"(?<![\w\-])(?i:{alt(data['according_phrases'])})(?![\w\-])",
        participles=rf"(?:{alt(data['participle_verbs'])})(?![\w\-])",
        passives=rf"(?<![\w\-])(?:(?:was|were|is|are|be|been|being)\s+)?(?:{alt(data['passive_verbs'])})(?:\s+as)?",
        # a document the subject issues, with where or when it was issued: "a statement", "its report",
        # "a statement at his golf club outside Washington, D.C.", "a letter on Monday"
        document=(
            rf"(?<![\w\-])(?i:a|an|the|its|their|his|her)\s+(?:[\w’'\-]+\s+)?(?i:{alt(data['document_nouns'])})"
            r"(?:\s+(?:at|in|on|from|outside|after|during|to)\s+[^;:!?“”\"\n]{1,60}?)?"
        ),
    )


def _group_pattern(w: SimpleNamespace, up_word: str) -> str:
    """A source noun phrase: "junta officials", "one expert", "historians of religion", "officials in Moscow".

    After "of" a capitalised name keeps to capitalised words ("the Department of Defense", not "... Defense
    justified"); a capitalised modifier is never the verb ("the United States Department": "States" is not
    "states"); a run of more than two capitalised words only after "the", an institution's name ("an
    article in the Canadian Medical Association Journal"), not a title and a person ("Secretary of State
    Ann Lee").
    """
    det, notmod, verbs, nouns, up = w.det, w.notmod, w.verbs, w.nouns, UPPER
    return (
        rf"(?<![\w’'\-])(?i:(?:{det}\s+)?(?:(?!{notmod}|(?-i:{verbs}))[\w’'\-]+\s+){{0,2}}{nouns})(?![\w\-])"
        rf"(?:\s+(?i:of|from|at|in|(?:seen|obtained|reviewed|published|issued|released)\s+by)\s+"
        rf"(?:(?i:the)\s+{up_word}(?:\s+{up_word}){{0,4}}|(?:(?i:the)\s+)?{up_word}(?:\s+{up_word})?|(?:(?i:the)\s+)?(?!{verbs})[\w’'\-]+(?:\s+(?!{notmod}|{verbs}|[{up}])[\w’'\-]+)?)(?![\w\-]))?"
    )


def _speaker_pieces(data: dict[str, Any], n: SimpleNamespace, w: SimpleNamespace) -> SimpleNamespace:
    """Who speaks: a pronoun, a source noun phrase (with a name after it), or a name with what follows it."""
    group = _group_pattern(w, n.up_word)
    # An appositive inside a clause has no comma; at the end of a sentence it runs to the full stop.
    appos_mid = r"[^,;:“”\"\n.!?]{2,160}?"
    # a role noun phrase before a name is the name's role: "said transport minister Dame Alison Crane"
    role_name = rf"(?P<np>{group})(?:[ \t]+(?P<rname>{n.name}))?"
    # before a verb the name may also stand between commas: "the mayor, Sadiq Khan, said"
    role_name_closed = (
        rf"(?P<np>{group})(?:(?:[ \t]+|\s*,[ \t]*(?=(?:{n.name})\s*,))(?P<rname>{n.name})(?:(?<=\S)\s*,(?=\s))?)?"
    )
    # what follows a name before the verb: an abbreviation ("the World Health Organization (WHO)") and an
    # "of" phrase, capitalised ("of Rogaland Fire and Rescue") or a short noun phrase ("of the island's
    # power authority"); the owner of the "of" phrase is the speaker (names.fill_mention)
    plain = rf"(?!{w.notmod}|{w.verbs}|{w.aux_word}|{w.adv}(?![\w\-]))[\w’'\-]+"
    affiliation = (
        rf"(?:the\s+)?{n.up_word}(?:\s+(?:(?:and|&|of|for|the)\s+)?{n.up_word}){{0,5}}(?![\w\-])"
        rf"|(?i:the)\s+(?:{plain}\s+){{0,3}}{plain}(?![\w\-])"
    )
    abbreviation = rf"(?:\s*\((?P<abbr>[{UPPER}][\w.\-]{{1,11}})\))?"
    name_of = rf"(?P<name>{n.name}){abbreviation}(?:\s+of\s+(?P<affil>{affiliation}))?"
    return SimpleNamespace(
        group=group,
        appos_mid=appos_mid,
        appos_end=r"(?:[^“”\"\n.!?;]|[.!?](?![\s“”\"]|$)){2,200}",
        recipient=rf"(?:(?i:{alternation(data['recipients'])})(?![\w\-])|(?:the\s+)?{n.name})",
        speaker=rf"(?:(?P<pron>{w.pron})|{role_name}|(?P<name>{n.name}))",
        # after a quotation an appositive may lack its closing comma (“...,” X, a professor at Y said);
        # before a verb elsewhere it must be closed, or "in Moscow, junta officials asked" reads as Moscow
        speaker_appos=rf"(?:(?P<pron>{w.pron})|{role_name_closed}|(?P<name>{n.name})(?:\s*,\s*(?P<desc>{appos_mid}))?\s*,?)",
        # a name may end with the comma of an appositive before it: "The prime minister, Boris Johnson, said"
        # and a source noun phrase may carry one between commas too: "The study, published in Nature, found"
        speaker_closed=(
            rf"(?:(?P<pron>{w.pron})|{role_name_closed}(?:(?<![,\s])\s*,\s*(?P<gdesc>{appos_mid})\s*,)?"
            rf"|{name_of}(?:\s*,\s*(?P<desc>{appos_mid})\s*,|\s*,)?)"
        ),
    )


def _time_pieces() -> SimpleNamespace:
    """Time phrases around a cue ("on Friday", "on 3 March", "last week", "earlier today"; never a clause)."""
    day = r"(?:[A-Z][\w\-]*|\d[\d,]*)"
    # a weekday with no "on", as American copy writes it: "said Tuesday that ...", "said Monday night"
    # ("said Friday was the deadline": a weekday before a verb is the subject of what was said)
    weekday = (
        r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
        r"(?!\s+(?:is|was|will|would|has|had|could|may|might|should|can|marks|marked)(?![\w\-]))"
    )
    # a month or a year after "in": "reported in mid-2019, ...", "said in March 2004 that ..."
    month = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    in_period = rf"in\s+(?:(?:early|mid|late)[\s\-]+)?(?:{month}(?:\s+\d{{4}})?|\d{{4}})"
    return SimpleNamespace(
        weekday=weekday,
        # after the cue: "told the press last week, “...", "said on Friday the country is ...", "said Monday"
        when=(
            rf"(?:\s+(?:(?:(?:late|early)\s+)?on\s+{day}(?:\s+{day}){{0,2}}|{weekday}|{in_period}|(?:last|this|next)\s+[a-z]+|earlier|later|yesterday|today)"
            r"(?:\s+(?:today|yesterday|(?:this|last)\s+[a-z]+))?(?![\w\-]))"
        ),
        # between a subject and its verb: "the ministry on Tuesday said", "reports as of Wednesday said"
        between=rf"(?:(?:(?:late|early)\s+)?on|as\s+of)\s+{day}(?:\s+{day}){{0,2}}\s*,?",
    )


def _direct_patterns(w: SimpleNamespace, s: SimpleNamespace, t: SimpleNamespace) -> dict[str, str]:
    """Attributions next to a quotation: after its closing mark or before its opening mark."""
    aux, adv, verbs, according = w.aux, w.adv, w.verbs, w.according
    # before an opening mark a short topic phrase may follow the cue when a comma or colon closes it:
    # "commented on the future, “..."
    topic = r"\s+(?:on|about|of)\s+(?:the\s+)?[\w’'\-]+(?:\s+[\w’'\-]+){0,3}\s*[:,]"
    return {
        # after a closing mark: “...,” said Jason Tower, <appositive>.
        "after_verb_first": rf"\s*,?\s*(?P<cue>{verbs})\s+{s.speaker}(?:\s*,\s*(?P<desc>{s.appos_end}))?",
        # after a closing mark: “...,” Zachary Abuza, a professor at ... said / “...,” he added
        "after_speaker_first": rf"\s*,?\s*{s.speaker_appos}\s+{aux}(?:(?P<adv>{adv})\s+)?(?P<cue>{verbs})",
        # after a closing mark: “...,” according to one expert.
        "after_according": rf"\s*,?\s*(?P<cue>{according})\s+(?P<np>[^,.;:!?“”\"\n]{{1,120}}?)\s*(?=[,.;:!?]|$)",
        # before an opening mark: X, <appositive>, said: “...   /  he told reporters, “...
        "before": (
            rf"{s.speaker_closed}\s+{aux}(?:(?P<adv>{adv})\s+)?(?P<cue>{verbs})(?:\s+(?P<rcp>{s.recipient}))?{t.when}?"
            rf"(?:{topic}|\s*[:,]?)\s*\Z"
        ),
        # before an opening mark: According to the ministry, “...
        "before_according": rf"(?P<cue>{according})\s+(?P<np>[^,.;:!?“”\"\n]{{1,120}}?)\s*,\s*\Z",
        # "was described as “knife-obsessed” by the police": a passive cue before the mark, its agent after
        "passive_before_mark": rf"(?P<cue>{w.passives})\s*\Z",
        "agent_after_mark": rf"\s*,?\s*by\s+{s.speaker}(?![\w\-])",
        # ", stating, “...”" / "by saying “...”" / "issued a statement saying, “...”": a participle clause
        # before a quotation
        "participle_before_mark": (
            rf"(?:,\s*|\s+by\s+|{w.document}\s+)(?P<cue>{w.participles})(?:\s+(?P<rcp>{s.recipient}))?\s*[:,]?\s*\Z"
        ),
    }


def _reported_patterns(
    data: dict[str, Any], n: SimpleNamespace, w: SimpleNamespace, s: SimpleNamespace, t: SimpleNamespace
) -> dict[str, str]:
    """Reported speech: the subject before a verb and what may come between the verb and the content."""
    aux, adv = w.aux, w.adv
    verb_next = r"(?=(?!(?:of|in|at|from|and|or|to|for|with|who|which|that)\b)[a-z])"
    channel = r"(?:(?:via|on|in|through)\s+(?:the\s+)?[\w’'\-]+(?:\s+[\w’'\-]+)?\s*,?\s+)?"
    return {
        # subject before a reported-speech verb, allowing a time phrase and an adverb: junta officials
        # reportedly <asked>, the ministry on Tuesday <said>, reports as of Wednesday <said>
        # a progressive speech verb, the be-form before the participle: "had been urging", "are warning"
        "progressive": rf"(?<![\w\-])(?:is|are|was|were|be|been)\s+(?P<cue>{w.participles})",
        "subject": rf"{s.speaker_closed}\s+(?:{t.between}\s+)?{aux}(?:(?P<adv>{adv})\s+)?\Z",
        "recipient_after": rf"\s+(?P<rcp>{s.recipient})(?=[\s,])",
        "that_after": (
            rf"(?:\s+(?:on|in|at|during|after|before|last|this|yesterday|today|earlier|later|{t.weekday})(?![\w\-])"
            r"[^,.;:“”\"\n]{0,40}?)?\s*,?\s+that(?![\w\-])"
        ),
        # a time phrase between a cue and what was said: "said on Friday the country is ..."
        "when_after": rf"{t.when}\s*,?",
        "parenthetical_end": r"\s*(?:,|[.!?;:]?\s*\Z)",
        # ", calling it “an aggression”" / "before adding that ..." / "declaring ... and naming ...": a
        # participle clause after a comma, a time conjunction or "and"
        "participle": rf"(?:,\s*|\s+(?:before|after|while|and)\s+)(?P<cue>{w.participles})",
        # "issued a statement saying ...": a document the subject issues, then a participle, no comma
        "document_participle": rf"{w.document}\s+(?P<cue>{w.participles})",
        # "Kim's assertion that ...": a statement noun and "that" (the possessive name before it is checked apart)
        "speech_noun": rf"(?<=[’'s]\s)(?P<cue>(?i:{alternation(data['speech_nouns'])}))\s+that(?![\w\-])",
        "possessive_name": rf"(?P<name>{n.name})[’']s?\s+\Z",
        # the subject of a sentence, after an optional opening phrase: "On Tuesday, the ministry said ..."
        "sentence_subject": rf"{s.speaker_closed}\s+(?:{adv}\s+)?{verb_next}",
        "opened_sentence_subject": rf"[^,“”\"\n]{{1,80}},\s*{s.speaker_closed}\s+(?:{adv}\s+)?{verb_next}",
        # a second speech verb sharing the sentence's subject: "X said ... and added that ...", ", and deemed"
        # (a short "via"/"in"/"on" phrase may come between: "and via Twitter urged")
        "and_before": rf"(?:,\s*)?(?<![\w\-])and\s+{aux}(?:{adv}\s+)?{channel}\Z",
        # (the lookahead says what it must start with, so the engine skips other positions cheaply)
        "and_verb": rf"(?=[\s,])(?:\s*,)?\s+and\s+{aux}(?:{adv}\s+)?{channel}{w.verbs}",
        # ", and according to X, ...": a coordinating conjunction right before a cue (searched in a short window)
        "coordinator_before": rf"(?<![\w\-])(?i:{alternation(data['coordinators'])})\s*,?\s*\Z",
        # a count opening an object: "about 3000", "more than 200", "dozens of", "two"
        "count": (
            rf"\s*(?i:(?:{alternation(data['approximators'])})\s+)?"
            rf"(?:\d[\d,.]*|(?i:{alternation(data['number_words'])}))(?![\w\-])"
        ),
    }


def compile_patterns(data: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    """Every regex of the extractor, by name, from validated cue lists."""
    n = _name_pieces(data)
    w = _word_pieces(data)
    s = _speaker_pieces(data, n, w)
    t = _time_pieces()
    sources = {
        "name": n.name,
        "verbs": w.verbs,
        "tell": rf"{w.tells}\Z",
        "according": w.according,
        "pron": w.pron,
        "group": s.group,
        # a name that opens its sentence as its topic: "As for Putin, he ..." ("... between Greece and
        # Turkey, he added" names no topic)
        "topic_name": rf"[.!?]?[\s“”\"]*(?:(?i:as\s+for|as\s+to|for|like)\s+)?(?P<name>{n.name})\s*,\s*\Z",
        "the_before": r"(?i:the)\s+\Z",
        **_direct_patterns(w, s, t),
        **_reported_patterns(data, n, w, s, t),
    }
    return {key: re.compile(source) for key, source in sources.items()}
