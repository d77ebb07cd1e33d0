"""The cue lists of ``kit/quotes/cues.yml`` (speech verbs, pronouns, source nouns, titles ...) and the
patterns compiled from them.

The lists are data: instructors add a verb or a title to the YAML file, not to a regex. This module
validates the file's schema and turns the lists into the few regular expressions the extractor uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from kit.errors import WordListError, parse_yaml

CUES_PATH = Path(__file__).resolve().parent / "cues.yml"
#: Countries and capitals: a lone place name speaks as a collective ("Tehran said").
PLACES_PATH = Path(__file__).resolve().parent / "places.yml"
_PLACE_KEYS = ("countries", "capitals")
#: An age used as a noun for a person ("the 48-year-old told the court").
AGE_NOUN = r"\d{1,3}-year-old"

_CUE_LIST_KEYS = (
    "speech_verbs",
    "that_only_verbs",
    "tell_verbs",
    "recipients",
    "according_phrases",
    "auxiliaries",
    "adverbs",
    "determiners",
    "not_modifiers",
    "titles",
    "not_names",
    "name_particles",
    "organisation_words",
    "collective_names",
    "participle_verbs",
    "coordinators",
    "taking_verbs",
    "taken_objects",
    "approximators",
    "number_words",
)


def word_list(path: str | Path, key: str, value: Any) -> list[str]:
    """A non-empty list of words or phrases from a data file, stripped; WordListError naming ``key`` otherwise."""
    if not isinstance(value, list) or not value:
        raise WordListError(
            f"{path}: {key}", "must be a non-empty list of words or phrases", f"write {key}: [word, ...]"
        )
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise WordListError(
                f"{path}: {key}",
                f"entry {item!r} is not a word (YAML reads bare yes/no/on/off as true/false)",
                'put the word in double quotes, e.g. - "on"',
            )
    return [item.strip() for item in value]


def validate_cues(data: Any, path: str | Path = CUES_PATH) -> dict[str, Any]:
    """Check the schema of a cue file's content; return it with lists cleaned. Raises WordListError."""
    path = Path(path)
    if not isinstance(data, dict):
        raise WordListError(path, "the cue file must be a mapping of lists", "see the header of kit/quotes/cues.yml")
    out: dict[str, Any] = {}
    for key in _CUE_LIST_KEYS:
        if key not in data:
            raise WordListError(path, f"missing key '{key}'", "restore it from the kit's kit/quotes/cues.yml")
        out[key] = word_list(path, key, data[key])
    for key, subkeys in (
        ("pronouns", ("singular", "plural")),
        ("source_nouns", ("individual", "collective")),
        ("speaker_kinds", ("organisation", "document")),
    ):
        value = data.get(key)
        if not isinstance(value, dict) or set(value) != set(subkeys):
            raise WordListError(path, f"'{key}' must map exactly {', '.join(subkeys)} to lists", "see the file header")
        out[key] = {sub: word_list(path, f"{key}.{sub}", value[sub]) for sub in subkeys}
    n = data.get("min_unattributed_words")
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise WordListError(path, "'min_unattributed_words' must be a positive whole number", "write e.g. 6")
    out["min_unattributed_words"] = n
    unknown = set(data) - set(out)
    if unknown:
        raise WordListError(path, f"unknown key(s) {sorted(unknown)}", f"use only {sorted(out)}")
    for key in ("tell_verbs", "that_only_verbs"):
        missing = set(out[key]) - set(out["speech_verbs"])
        if missing:
            raise WordListError(path, f"{key} {sorted(missing)} are not speech_verbs", "add them to speech_verbs")
    return out


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
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


class CueSet:
    """The cue lists and the regexes compiled from them (built once per cue file)."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.titles = set(data["titles"])
        self.particles = frozenset(data["name_particles"])
        self.source_head_nouns = frozenset(w.lower().split()[-1] for ws in data["source_nouns"].values() for w in ws)
        self.pronoun_words = frozenset(w.lower() for ws in data["pronouns"].values() for w in ws)
        self.single_word_verbs = frozenset(w for w in data["speech_verbs"] if " " not in w)
        self.not_names = set(data["not_names"])
        self.org_words = set(data["organisation_words"])
        self.collective = set(data["collective_names"]) | place_names()
        self.individual_nouns = {w.lower() for w in data["source_nouns"]["individual"]}
        self.organisation_nouns = {w.lower() for w in data["speaker_kinds"]["organisation"]}
        self.document_nouns = {w.lower() for w in data["speaker_kinds"]["document"]}
        self.singular = {w.lower() for w in data["pronouns"]["singular"]}
        self.min_words = data["min_unattributed_words"]
        self.that_only = {w.lower() for w in data["that_only_verbs"]}
        self.taking = {w.lower() for w in data["taking_verbs"]}
        self.taken_objects = {w.lower() for w in data["taken_objects"]}
        self.common_words = {w.lower() for key in ("determiners", "not_modifiers", "adverbs") for w in data[key]} | {
            w.lower() for ws in data["source_nouns"].values() for w in ws
        }
        self._compile(data)

    def _compile(self, data: dict[str, Any]) -> None:
        alt = alternation
        up = "A-ZÀ-ÖØ-Þ"
        particle = rf"(?-i:{alt(data['name_particles'])})"
        # a capitalised word, or one joined to a particle by a hyphen ("al-Assadi")
        token = rf"(?:{particle}-)?[{up}][\w\-]*(?:['’][{up}][\w\-]*)?"
        # a later word of a name may follow particles ("de Gaulle", "von der Leyen")
        inner = rf"(?:{particle}[ \t]+){{0,2}}{token}"
        # a title with "of" belongs to the run it starts: "Secretary of State Mike Pompeo" (NameIndex.clean
        # splits it into the title and the name)
        title_of = rf"(?=[{up}][\w\-]*\.?[ \t]+of[ \t])(?-i:{alt(data['titles'])})[ \t]+of[ \t]+(?:the[ \t]+)?"
        name = rf"(?<![\w’'\-])(?:{title_of})?{token}(?:[ \t]+{inner}){{0,5}}(?![\w\-])"
        verbs = rf"(?<![\w\-])(?:{alt(data['speech_verbs'])})(?![\w\-])"
        tells = rf"(?:{alt(data['tell_verbs'])})"
        pron = rf"(?<![\w\-])(?i:{alt(w for ws in data['pronouns'].values() for w in ws)})(?![\w\-])"
        adv = rf"(?:{alt(data['adverbs'])})"
        # what may stand between a speaker and the verb: "has said", "reportedly asked", "had earlier told"
        aux = rf"(?:(?:{alt(data['auxiliaries'])})\s+)?"
        det = rf"(?:{alt(data['determiners'])})"
        notmod = rf"(?:{alt(data['not_modifiers'] + data['determiners'])})(?![\w\-])"
        # a source noun, or an age standing for the person introduced with it ("the 48-year-old")
        nouns = rf"(?:{alt(w for ws in data['source_nouns'].values() for w in ws)}|{AGE_NOUN})"
        # "junta officials", "one expert", "historians of religion", "officials in Moscow"; after "of" a
        # capitalised name keeps to capitalised words ("the Department of Defense", not "... Defense justified");
        # a capitalised modifier is never the verb ("the United States Department": "States" is not "states");
        # a run of more than two capitalised words only after "the", an institution's name ("an article in
        # the Canadian Medical Association Journal"), not a title and a person ("Secretary of State Ann Lee")
        up_word = rf"(?-i:[{up}][\w’'\-]*)"
        group = (
            rf"(?<![\w’'\-])(?i:(?:{det}\s+)?(?:(?!{notmod}|(?-i:{verbs}))[\w’'\-]+\s+){{0,2}}{nouns})(?![\w\-])"
            rf"(?:\s+(?i:of|from|at|in|(?:seen|obtained|reviewed|published|issued|released)\s+by)\s+"
            rf"(?:(?i:the)\s+{up_word}(?:\s+{up_word}){{0,4}}|(?:(?i:the)\s+)?{up_word}(?:\s+{up_word})?|(?:(?i:the)\s+)?(?!{verbs})[\w’'\-]+(?:\s+(?!{notmod}|{verbs}|[{up}])[\w’'\-]+)?)(?![\w\-]))?"
        )
        recipient = rf"(?:(?i:{alt(data['recipients'])})(?![\w\-])|(?:the\s+)?{name})"
        according = rf"(?<![\w\-])(?i:{alt(data['according_phrases'])})(?![\w\-])"
        # An appositive inside a clause has no comma; at the end of a sentence it runs to the full stop.
        appos_mid = r"[^,;:“”\"\n.!?]{2,160}?"
        appos_end = r"(?:[^“”\"\n.!?;]|[.!?](?![\s“”\"]|$)){2,200}"
        # a role noun phrase before a name is the name's role: "said transport minister Dame Alison Crane"
        role_name = rf"(?P<np>{group})(?:[ \t]+(?P<rname>{name}))?"
        speaker = rf"(?:(?P<pron>{pron})|{role_name}|(?P<name>{name}))"
        # after a quotation an appositive may lack its closing comma (“...,” X, a professor at Y said);
        # before a verb elsewhere it must be closed, or "in Moscow, junta officials asked" reads as Moscow
        speaker_appos = rf"(?:(?P<pron>{pron})|{role_name}|(?P<name>{name})(?:\s*,\s*(?P<desc>{appos_mid}))?\s*,?)"
        # a name may end with the comma of an appositive before it: "The prime minister, Boris Johnson, said"
        # what follows a name before the verb: an abbreviation ("the World Health Organization (WHO)") and an
        # "of" phrase, capitalised ("of Rogaland Fire and Rescue") or a short noun phrase ("of the island's
        # power authority"); the owner of the "of" phrase is the speaker (names.fill_mention)
        aux_word = rf"(?:{alt(data['auxiliaries'])})(?![\w\-])"
        plain = rf"(?!{notmod}|{verbs}|{aux_word}|{adv}(?![\w\-]))[\w’'\-]+"
        affiliation = (
            rf"(?:the\s+)?{up_word}(?:\s+(?:(?:and|&|of|for|the)\s+)?{up_word}){{0,5}}(?![\w\-])"
            rf"|(?i:the)\s+(?:{plain}\s+){{0,3}}{plain}(?![\w\-])"
        )
        abbreviation = rf"(?:\s*\((?P<abbr>[{up}][\w.\-]{{1,11}})\))?"
        name_of = rf"(?P<name>{name}){abbreviation}(?:\s+of\s+(?P<affil>{affiliation}))?"
        speaker_closed = rf"(?:(?P<pron>{pron})|{role_name}|{name_of}(?:\s*,\s*(?P<desc>{appos_mid})\s*,|\s*,)?)"

        self.name = re.compile(name)
        self.verbs = re.compile(verbs)
        self.tell = re.compile(rf"{tells}\Z")
        self.according = re.compile(according)
        # after a closing mark: “...,” said Jason Tower, <appositive>.
        self.after_verb_first = re.compile(rf"\s*,?\s*(?P<cue>{verbs})\s+{speaker}(?:\s*,\s*(?P<desc>{appos_end}))?")
        # after a closing mark: “...,” Zachary Abuza, a professor at ... said / “...,” he added
        self.after_speaker_first = re.compile(rf"\s*,?\s*{speaker_appos}\s+{aux}(?:(?P<adv>{adv})\s+)?(?P<cue>{verbs})")
        # after a closing mark: “...,” according to one expert.
        self.after_according = re.compile(
            rf"\s*,?\s*(?P<cue>{according})\s+(?P<np>[^,.;:!?“”\"\n]{{1,120}}?)\s*(?=[,.;:!?]|$)"
        )
        # a time phrase after the cue: "told the press last week, “..."
        # ("on Friday", "on 3 March", "last week", "earlier today"; never a clause: "on Friday the country is")
        day = r"(?:[A-Z][\w\-]*|\d[\d,]*)"
        when = (
            rf"(?:\s+(?:(?:(?:late|early)\s+)?on\s+{day}(?:\s+{day}){{0,2}}|(?:last|this|next)\s+[a-z]+|earlier|later|yesterday|today)"
            r"(?:\s+(?:today|yesterday|(?:this|last)\s+[a-z]+))?(?![\w\-]))"
        )
        # a time phrase between a subject and its verb: "the ministry on Tuesday said", "reports as of Wednesday said"
        time_between = rf"(?:(?:(?:late|early)\s+)?on|as\s+of)\s+{day}(?:\s+{day}){{0,2}}\s*,?"
        # a time phrase between a cue and what was said: "said on Friday the country is ..."
        self.when_after = re.compile(rf"{when}\s*,?")
        # before an opening mark: X, <appositive>, said: “...   /  he told reporters, “...
        # (a short topic phrase may follow the cue when a comma or colon closes it: "commented on the future, “...")
        topic = r"\s+(?:on|about|of)\s+(?:the\s+)?[\w’'\-]+(?:\s+[\w’'\-]+){0,3}\s*[:,]"
        self.before = re.compile(
            rf"{speaker_closed}\s+{aux}(?:(?P<adv>{adv})\s+)?(?P<cue>{verbs})(?:\s+(?P<rcp>{recipient}))?{when}?"
            rf"(?:{topic}|\s*[:,]?)\s*\Z"
        )
        # before an opening mark: According to the ministry, “...
        self.before_according = re.compile(rf"(?P<cue>{according})\s+(?P<np>[^,.;:!?“”\"\n]{{1,120}}?)\s*,\s*\Z")
        # subject before a reported-speech verb, allowing a time phrase and an adverb: junta officials
        # reportedly <asked>, the ministry on Tuesday <said>, reports as of Wednesday <said>
        self.subject = re.compile(rf"{speaker_closed}\s+(?:{time_between}\s+)?{aux}(?:(?P<adv>{adv})\s+)?\Z")
        self.recipient_after = re.compile(rf"\s+(?P<rcp>{recipient})(?=[\s,])")
        self.that_after = re.compile(
            r"(?:\s+(?:on|in|at|during|after|before|last|this|yesterday|today|earlier|later)(?![\w\-])"
            r"[^,.;:“”\"\n]{0,40}?)?\s*,?\s+that(?![\w\-])"
        )
        self.parenthetical_end = re.compile(r"\s*(?:,|[.!?;:]?\s*\Z)")
        # a name that opens its sentence as its topic: "As for Putin, he ..." ("... between Greece and
        # Turkey, he added" names no topic)
        self.topic_name = re.compile(
            rf"[.!?]?[\s“”\"]*(?:(?i:as\s+for|as\s+to|for|like)\s+)?(?P<name>{name})\s*,\s*\Z"
        )
        participles = rf"(?:{alt(data['participle_verbs'])})(?![\w\-])"
        # ", calling it “an aggression”" / ", stating, “...”" / "before adding that ...": a participle clause
        # after a comma or a time conjunction (before a quotation also "by saying “...”")
        self.participle = re.compile(rf"(?:,\s*|\s+(?:before|after|while)\s+)(?P<cue>{participles})")
        # the subject of a sentence, after an optional opening phrase: "On Tuesday, the ministry said ..."
        verb_next = r"(?=(?!(?:of|in|at|from|and|or|to|for|with|who|which|that)\b)[a-z])"
        self.sentence_subject = re.compile(rf"{speaker_closed}\s+(?:{adv}\s+)?{verb_next}")
        self.opened_sentence_subject = re.compile(rf"[^,“”\"\n]{{1,80}},\s*{speaker_closed}\s+(?:{adv}\s+)?{verb_next}")
        self.participle_before_mark = re.compile(
            rf"(?:,\s*|\s+by\s+)(?P<cue>{participles})(?:\s+(?P<rcp>{recipient}))?\s*[:,]?\s*\Z"
        )
        self.group = re.compile(group)
        # a second speech verb sharing the sentence's subject: "X said ... and added that ...", ", and deemed"
        self.and_before = re.compile(rf"(?:,\s*)?(?<![\w\-])and\s+{aux}(?:{adv}\s+)?\Z")
        self.and_verb = re.compile(rf"(?:\s*,)?\s+and\s+{aux}(?:{adv}\s+)?{verbs}")
        # ", and according to X, ...": a coordinating conjunction right before a cue (searched in a short window)
        self.coordinator_before = re.compile(rf"(?<![\w\-])(?i:{alt(data['coordinators'])})\s*,?\s*\Z")
        self.the_before = re.compile(r"(?i:the)\s+\Z")
        self.pron = re.compile(pron)
        # a count opening an object: "about 3000", "more than 200", "dozens of", "two"
        self.count = re.compile(
            rf"\s*(?i:(?:{alt(data['approximators'])})\s+)?(?:\d[\d,.]*|(?i:{alt(data['number_words'])}))(?![\w\-])"
        )


def read_word_lists(path: Path, what: str) -> Any:
    """The parsed content of a word-list file (``what``: ``cue file``, ...); WordListError naming it otherwise."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WordListError(path, f"{what} not found", f"restore kit/quotes/{path.name}") from None
    return parse_yaml(raw, path, WordListError, "check the indentation of the lists", what=f"{what} is not valid YAML")


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """The countries and capitals of ``kit/quotes/places.yml`` (a lone one is a collective speaker)."""
    data = read_word_lists(PLACES_PATH, "place list")
    if not isinstance(data, dict) or set(data) != set(_PLACE_KEYS):
        raise WordListError(PLACES_PATH, f"the file must map exactly {', '.join(_PLACE_KEYS)} to lists", "restore it")
    return frozenset(name for key in _PLACE_KEYS for name in word_list(PLACES_PATH, key, data[key]))


@lru_cache(maxsize=4)
def _cues_cached(path: str, mtime: float) -> CueSet:
    p = Path(path)
    return CueSet(validate_cues(read_word_lists(p, "cue file"), p))


def compiled_cues(path: str | Path | None = None) -> CueSet:
    """The :class:`CueSet` of the cue file ``path`` (default ``kit/quotes/cues.yml``), cached until it changes."""
    p = Path(path) if path is not None else CUES_PATH
    mtime = p.stat().st_mtime if p.exists() else 0.0
    return _cues_cached(str(p), mtime)


def load_cues(path: str | Path | None = None) -> dict[str, Any]:
    """The validated cue lists (speech verbs, pronouns, source nouns, ...) as a dict.

    >>> "said" in load_cues()["speech_verbs"]
    True
    """
    return compiled_cues(path).data
