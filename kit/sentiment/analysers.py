"""The two analysers (stock, or built once per override set) and the units they cannot score (empty, no words, not English)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from textblob.en import Sentiment as _PatternSentiment
from textblob.en import sentiment as _STOCK_PATTERN
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from kit.sentiment.overrides import Overrides, load_overrides

#: A unit is treated as not English when more than this share of its lower-case words
#: (at least ``_MIN_WORDS_FOR_LANGUAGE`` of them) is missing from the English word list.
#: English news prose in the kit's texts stays under 0.05; French, German, Spanish and Italian
#: sentences reach 0.5 and more, so one third leaves a wide margin on both sides.
UNKNOWN_SHARE_LIMIT = 1 / 3
_MIN_WORDS_FOR_LANGUAGE = 4


# ---------------------------------------------------------------- analysers


@dataclass(frozen=True, eq=False)
class Analysers:
    name: str
    vader: SentimentIntensityAnalyzer
    textblob: _PatternSentiment
    overrides: Overrides | None


@lru_cache(maxsize=1)
def stock_analysers() -> Analysers:
    return Analysers("", SentimentIntensityAnalyzer(), _STOCK_PATTERN, None)


_OVERRIDE_ANALYSERS: dict[tuple, Analysers] = {}


def _with_overrides(ov: Overrides) -> Analysers:
    """Analysers for an override set, built once per distinct set (name, source and words)."""
    key = (*ov.key, str(ov.source))
    if key not in _OVERRIDE_ANALYSERS:
        _OVERRIDE_ANALYSERS[key] = _build_with_overrides(ov)
    return _OVERRIDE_ANALYSERS[key]


def _build_with_overrides(ov: Overrides) -> Analysers:
    # A separate VADER instance owns its own lexicon dict; a fresh Pattern lexicon is loaded from
    # the same XML file, so neither stock lexicon is touched.
    vader = SentimentIntensityAnalyzer()
    vader.lexicon.update(ov.vader)
    stock = _STOCK_PATTERN
    pattern = _PatternSentiment(
        path=stock.path,
        synset="wordnet_id",
        negations=stock.negations,
        modifiers=stock.modifiers,
        modifier=stock.modifier,
        tokenizer=stock.tokenizer,
        language="en",
    )
    len(pattern)  # load the XML now
    for word, polarity in ov.textblob.items():
        if word in pattern:
            entry = dict.__getitem__(pattern, word)
            for pos, psi in list(entry.items()):
                entry[pos] = (polarity, psi[1], psi[2])
        else:
            pattern.annotate(word, None, polarity, 0.0, 1.0)
    return Analysers(ov.name, vader, pattern, ov)


def analysers_for(overrides: str | Path | Overrides | None) -> Analysers:
    if overrides is None or overrides == "":
        return stock_analysers()
    ov = load_overrides(overrides)
    return _with_overrides(ov)


# ---------------------------------------------------------------- bad input and language


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """English word list: Brill's tagger lexicon shipped with TextBlob, plus both sentiment lexicons."""
    words: set[str] = set()
    lexicon = Path(_STOCK_PATTERN.path).with_name("en-lexicon.txt")
    if lexicon.is_file():
        with lexicon.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.startswith(";;;"):
                    words.add(line.split(" ", 1)[0].lower())
    words.update(stock_analysers().vader.lexicon)
    if len(_STOCK_PATTERN):  # loads the lazy Pattern lexicon
        words.update(w for w in dict.keys(_STOCK_PATTERN) if isinstance(w, str))
    return frozenset(words)


def _is_latin(ch: str) -> bool:
    code = ord(ch)
    return code < 0x250 or 0x1E00 <= code <= 0x1EFF


def unscored_reason(text: str, words: list[str], language: str | None = None) -> str:
    """Why a unit is not scored ("" when it is): empty, no words, or not English."""
    if not text.strip():
        return "empty text"
    if not words:
        return "no words (only punctuation, symbols or emoji)"
    if language and not str(language).lower().startswith("en"):
        return f"not English (language: {language}); both lexicons are English-only"
    if not text.isascii():
        letters = [ch for ch in text if ch.isalpha()]
        if letters and sum(map(_is_latin, letters)) < len(letters) / 2:
            return "not English (mostly non-Latin script); both lexicons are English-only"
    lower = [w for w in words if w.isalpha() and w[0].islower()]
    if len(lower) >= _MIN_WORDS_FOR_LANGUAGE:
        vocabulary = _english_words()
        unknown = sum(w.lower() not in vocabulary for w in lower)
        if unknown > UNKNOWN_SHARE_LIMIT * len(lower):
            return f"probably not English ({unknown} of {len(lower)} lower-case words unknown); both lexicons are English-only"
    return ""
