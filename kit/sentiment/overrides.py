"""Lexicon override sets: named, cited word -> valence adjustments for VADER and TextBlob, read from YAML."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from kit.errors import SentimentError, parse_yaml, suggestion, unknown_key_fix

OVERRIDES_DIR = Path(__file__).resolve().parent.parent / "data" / "sentiment_overrides"

#: Valence ranges of the two lexicons (override values must fall inside them).
VALENCE_RANGE = {"vader": (-4.0, 4.0), "textblob": (-1.0, 1.0)}


# ---------------------------------------------------------------- override sets


@dataclass(frozen=True, eq=False)
class Overrides:
    """A named set of lexicon adjustments: word -> valence, per lexicon ("vader", "textblob").

    The stock lexicons are never changed: :func:`score` builds separate analysers holding a copy.
    """

    name: str
    source: Path | None
    valences: Mapping[str, Mapping[str, float]]
    description: str = field(default="", repr=False)

    @property
    def vader(self) -> Mapping[str, float]:
        return self.valences.get("vader", MappingProxyType({}))

    @property
    def textblob(self) -> Mapping[str, float]:
        return self.valences.get("textblob", MappingProxyType({}))

    @property
    def key(self) -> tuple:
        """A hashable identity (name and every word's valence), used to cache analysers."""
        return (
            self.name,
            tuple(sorted(self.vader.items())),
            tuple(sorted(self.textblob.items())),
        )


_OVERRIDE_KEYS = {
    "name": "short name recorded in every score table (letters, digits, - and _)",
    "description": "what the adjustments are for and why",
    "source": "who wrote the adjustments, from what",
    "citation": "the lexicons or studies the adjustments rest on",
    "licence": "licence of this file",
    "vader": "word: valence in [-4, 4] for VADER",
    "textblob": "word: polarity in [-1, 1] for TextBlob",
}
_REQUIRED_OVERRIDE_KEYS = ("name", "description", "source", "citation", "licence")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*\Z")


def _line_of(text: str, key: str, indented: bool = False) -> int | None:
    pattern = rf"^{'[ ]+' if indented else ''}['\"]?{re.escape(str(key))}['\"]?\s*:"
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(pattern, line):
            return number
    return None


def _where(path: Path, text: str, key: str | None = None, indented: bool = False) -> str:
    line = _line_of(text, key, indented) if key is not None else None
    return f"{path}:{line}" if line else str(path)


def list_overrides() -> pd.DataFrame:
    """The override sets shipped in ``kit/data/sentiment_overrides/``: name, description, counts, path.

    >>> "military" in list_overrides()["name"].tolist()
    True
    """
    rows = []
    for path in sorted(OVERRIDES_DIR.glob("*.yml")):
        ov = load_overrides(path)
        rows.append(
            {
                "name": ov.name,
                "description": ov.description,
                "n_vader": len(ov.vader),
                "n_textblob": len(ov.textblob),
                "path": str(path.relative_to(OVERRIDES_DIR.parent.parent.parent)),
            }
        )
    return pd.DataFrame(rows, columns=["name", "description", "n_vader", "n_textblob", "path"])


def _resolve_overrides_path(name_or_path: str | Path) -> Path:
    candidate = Path(name_or_path)
    if candidate.is_file():
        return candidate
    if isinstance(name_or_path, str) and _NAME_RE.match(name_or_path):
        shipped = OVERRIDES_DIR / f"{name_or_path}.yml"
        if shipped.is_file():
            return shipped
    names = sorted(p.stem for p in OVERRIDES_DIR.glob("*.yml"))
    hint = suggestion(name_or_path, names)
    raise SentimentError(
        name_or_path,
        "no such override set (neither a file nor a name in kit/data/sentiment_overrides/)",
        f"{hint}use one of: {', '.join(names) or '(none shipped)'}, or the path of a .yml file",
    )


def load_overrides(name_or_path: str | Path | Overrides) -> Overrides:
    """Load a lexicon override set by name (``"military"``) or path to a YAML file.

    Schema: ``name``, ``description``, ``source``, ``citation``, ``licence`` (all text) and at
    least one of ``vader`` (word: valence in [-4, 4]) and ``textblob`` (word: polarity in
    [-1, 1]). Words are single lower-case tokens. A bad file raises :class:`SentimentError`
    naming the file, line and key.

    >>> ov = load_overrides("military")
    >>> ov.name, ov.vader["attack"]
    ('military', 0.0)
    """
    if isinstance(name_or_path, Overrides):
        return name_or_path
    if not isinstance(name_or_path, (str, Path)):
        raise SentimentError(
            None,
            f"overrides must be a name, a path or an Overrides, got {type(name_or_path).__name__}",
            "pass e.g. overrides='military'",
        )
    path = _resolve_overrides_path(name_or_path)
    text = _read_overrides_text(path)
    data = _parse_overrides(text, path)
    _check_override_keys(data, path, text)
    _check_text_keys(data, path, text)
    name = _check_override_name(data, path, text)
    valences = {
        lexicon: _read_lexicon_section(data[lexicon], lexicon, path, text)
        for lexicon in VALENCE_RANGE
        if data.get(lexicon) is not None
    }
    if not any(valences.values()):
        raise SentimentError(path, "no adjustments: neither 'vader' nor 'textblob' lists a word", "add e.g. 'vader:' then '  attack: 0.0'")
    return Overrides(name=name, source=path.resolve(), valences=MappingProxyType(valences), description=data["description"].strip())


def _read_overrides_text(path: Path) -> str:
    """The file's text, which must be UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SentimentError(path, "not UTF-8", "re-save the file as UTF-8") from None


def _parse_overrides(text: str, path: Path) -> dict:
    """The file's YAML, which must be a mapping of keys."""
    data = parse_yaml(
        text, path, SentimentError, "write one 'word: number' per line, indented under 'vader:' or 'textblob:'"
    )
    if not isinstance(data, dict):
        raise SentimentError(path, "an override file must be a mapping of keys", "see kit/data/sentiment_overrides/military.yml")
    return data


def _check_override_keys(data: dict, path: Path, text: str) -> None:
    """No key outside those an override file has (:data:`_OVERRIDE_KEYS`)."""
    for key in data:
        if key not in _OVERRIDE_KEYS:
            fix = unknown_key_fix(key, _OVERRIDE_KEYS, f"use only: {', '.join(_OVERRIDE_KEYS)}")
            raise SentimentError(_where(path, text, key), f"unknown key '{key}'", fix)


def _check_text_keys(data: dict, path: Path, text: str) -> None:
    """Every required key is there and is text that is not empty, checked key by key."""
    for key in _REQUIRED_OVERRIDE_KEYS:
        if key in data and data[key] is not None and not isinstance(data[key], str):
            raise SentimentError(
                _where(path, text, key),
                f"key '{key}' should be text ({_OVERRIDE_KEYS[key]}), got {type(data[key]).__name__} {data[key]!r}",
                f"write it as text in quotes: {key}: \"{data[key]}\"",
            )
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise SentimentError(path, f"missing or empty key '{key}' ({_OVERRIDE_KEYS[key]})", f"add '{key}: ...'")


def _check_override_name(data: dict, path: Path, text: str) -> str:
    """The set's name, stripped: letters, digits, - and _ only."""
    name = data["name"].strip()
    if not _NAME_RE.match(name):
        raise SentimentError(
            _where(path, text, "name"), f"name {name!r} contains characters other than letters, digits, - and _",
            "choose a short name such as 'military'",
        )
    return name


def _read_lexicon_section(section: object, lexicon: str, path: Path, text: str) -> Mapping[str, float]:
    """The word -> valence mapping under ``vader:`` or ``textblob:``, every word and value checked."""
    if not isinstance(section, dict):
        raise SentimentError(
            _where(path, text, lexicon), f"'{lexicon}' must be a mapping of word: number", "indent 'word: 0.0' lines under it"
        )
    words: dict[str, float] = {}
    for word, value in section.items():
        if not isinstance(word, str):
            raise SentimentError(
                _where(path, text, lexicon),
                f"key {word!r} under '{lexicon}' is not a word (YAML reads yes/no/on/off/true/false and numbers as values)",
                f"quote it: '\"{str(word).lower()}\": 0.0'",
            )
        words[word] = _check_valence(word, value, lexicon, _where(path, text, word, indented=True))
    return MappingProxyType(words)


def _check_valence(word: str, value: object, lexicon: str, where: str) -> float:
    """The valence of one word: the word one lower-case token, the value a number inside the lexicon's range."""
    low, high = VALENCE_RANGE[lexicon]
    if word != word.strip().lower() or not word or any(ch.isspace() for ch in word):
        raise SentimentError(
            where, f"'{lexicon}' key {word!r} must be one lower-case word", f"write '{word.strip().lower().split()[0] if word.strip() else 'word'}'"
        )
    odd = next((ch for ch in word if unicodedata.category(ch)[0] == "C" or unicodedata.category(ch) == "So"), None)
    if odd is not None:  # a control character, or an emoji: VADER reads emoji as words first, so it never matches
        raise SentimentError(
            where,
            f"'{lexicon}' key {word!r} holds the character U+{ord(odd):04X}, which no token of a text can hold",
            "write the word in letters (for an emoji, the words VADER reads it as, e.g. 'smiling')",
        )
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise SentimentError(where, f"valence of '{word}' under '{lexicon}' is {value!r}, not a number", "write a number, e.g. 0.0")
    if not low <= value <= high:
        raise SentimentError(
            where, f"valence {value} of '{word}' is outside the {lexicon} range [{low:g}, {high:g}]", "use a number inside that range"
        )
    return float(value)
