"""The cue lists of ``kit/quotes/cues.yml`` (speech verbs, pronouns, source nouns, titles ...) and the
patterns compiled from them.

The lists are data: instructors add a verb or a title to the YAML file, not to a regex. This module
validates the file's schema and holds the lists as sets (:class:`CueSet`) with the regular expressions
the extractor uses, which :mod:`kit.quotes.cue_patterns` builds from them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from kit.errors import WordListError, parse_yaml
from kit.quotes.cue_patterns import AGE_NOUN, alternation, compile_patterns

__all__ = [
    "AGE_NOUN",
    "CUES_PATH",
    "PLACES_PATH",
    "CueSet",
    "alternation",
    "compiled_cues",
    "load_cues",
    "place_names",
    "read_word_lists",
    "validate_cues",
    "word_list",
]

CUES_PATH = Path(__file__).resolve().parent / "cues.yml"
#: Countries and capitals: a lone place name speaks as a collective ("Tehran said").
PLACES_PATH = Path(__file__).resolve().parent / "places.yml"
_PLACE_KEYS = ("countries", "capitals")
#: The longest entry a word list may hold: a word or a phrase, not a paragraph.
MAX_PHRASE_CHARS = 200

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
    "passive_verbs",
    "coordinators",
    "taking_verbs",
    "taken_objects",
    "complement_verbs",
    "charge_verbs",
    "directive_verbs",
    "speech_nouns",
    "document_nouns",
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
        if len(item) > MAX_PHRASE_CHARS:
            raise WordListError(
                f"{path}: {key}",
                f"entry {item[:30]!r}... has {len(item)} characters, more than a word or phrase",
                f"keep each entry under {MAX_PHRASE_CHARS} characters",
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
    for key, subkeys, optional in (
        ("pronouns", ("singular", "plural"), ("bodies",)),
        ("source_nouns", ("individual", "collective"), ()),
        ("speaker_kinds", ("organisation", "document"), ()),
    ):
        value = data.get(key)
        if not isinstance(value, dict) or not set(subkeys) <= set(value) <= set(subkeys) | set(optional):
            named = ", ".join(subkeys) + (f" (and optionally {', '.join(optional)})" if optional else "")
            raise WordListError(path, f"'{key}' must map exactly {named} to lists", "see the file header")
        out[key] = {sub: word_list(path, f"{key}.{sub}", value[sub]) if sub in value else [] for sub in (*subkeys, *optional)}
    n = data.get("min_unattributed_words")
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise WordListError(path, "'min_unattributed_words' must be a positive whole number", "write e.g. 6")
    out["min_unattributed_words"] = n
    unknown = set(data) - set(out)
    if unknown:
        raise WordListError(path, f"unknown key(s) {sorted(unknown)}", f"use only {sorted(out)}")
    for key in ("tell_verbs", "that_only_verbs", "complement_verbs", "charge_verbs", "directive_verbs"):
        participles = set(out["participle_verbs"]) if key in ("complement_verbs", "charge_verbs", "directive_verbs") else set()
        missing = set(out[key]) - set(out["speech_verbs"]) - participles
        if missing:
            raise WordListError(path, f"{key} {sorted(missing)} are not speech_verbs", "add them to speech_verbs")
    return out


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
        self.places = place_names()
        self.collective = set(data["collective_names"]) | self.places
        # the places of more than one word, by first word: "the mayor of New York Eric Adams"
        self.places_by_first_word: dict[str, list[str]] = {}
        for place in sorted(self.places, key=len, reverse=True):
            self.places_by_first_word.setdefault(place.split()[0], []).append(place)
        # the places a name run cannot hold whole (a lower-case word inside), by each capitalised word:
        # "Bosnia and Herzegovina", "Democratic Republic of the Congo"
        self.split_places_by_word: dict[str, list[str]] = {}
        for place in sorted(self.places, key=len, reverse=True):
            if any(w[:1].islower() for w in place.split()):
                for word in {w for w in place.split() if w[:1].isupper()}:
                    self.split_places_by_word.setdefault(word, []).append(place)
        self.individual_nouns = {w.lower() for w in data["source_nouns"]["individual"]}
        #: plural nouns of people who speak as a group ("officials", "foreign ministers"): what "they" may stand for
        self.plural_people_nouns = frozenset(
            w.lower().split()[-1] for w in data["source_nouns"]["collective"] if w.lower().endswith("s") or w.lower() == "police"
        )
        self.organisation_nouns = {w.lower() for w in data["speaker_kinds"]["organisation"]}
        self.document_nouns = {w.lower() for w in data["speaker_kinds"]["document"]}
        #: what an "it" may stand for: an organisation's or a document's noun
        self.body_nouns = frozenset(self.organisation_nouns | self.document_nouns)
        self.singular = {w.lower() for w in data["pronouns"]["singular"]}
        #: pronouns that stand for an organisation or a document ("The ministry said ... It added that ...")
        self.body_pronouns = {w.lower() for w in data["pronouns"]["bodies"]}
        self.min_words = data["min_unattributed_words"]
        self.that_only = {w.lower() for w in data["that_only_verbs"]}
        self.taking = {w.lower() for w in data["taking_verbs"]}
        self.complement = {w.lower() for w in data["complement_verbs"]}
        self.charge = {w.lower() for w in data["charge_verbs"]}
        self.directive = {" ".join(w.lower().split()) for w in data["directive_verbs"]}
        self.taken_objects = {w.lower() for w in data["taken_objects"]}
        #: determiners, prepositions, conjunctions, auxiliaries and adverbs: never a modifier of a source noun
        self.function_words = {w.lower() for key in ("determiners", "not_modifiers", "adverbs") for w in data[key]}
        self.common_words = self.function_words | {w.lower() for ws in data["source_nouns"].values() for w in ws}
        self._compile(data)

    def _compile(self, data: dict[str, Any]) -> None:
        # every regex of kit/quotes/cue_patterns.py becomes an attribute of its name: cues.verbs, cues.before ...
        for key, pattern in compile_patterns(data).items():
            setattr(self, key, pattern)


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
