"""Sentiment per sentence and paragraph with two lexicons, explained word by word.

What are we measuring? How positive or negative the *words* of a unit are, according to two
dictionaries of human ratings. Neither lexicon knows who is speaking, about whom, or why.

The two lexicons (both ship with their Python package; nothing is downloaded):

* **TextBlob** (``PatternAnalyzer``, from the Pattern library; De Smedt & Daelemans 2012,
  *Pattern for Python*, JMLR 13). A lexicon of about 2,900 English words, mostly **adjectives**
  from product reviews, each with a polarity in [-1, 1], a subjectivity in [0, 1] and an
  intensity (how strongly it modifies the next word: "very" x1.3). A unit's polarity is the
  **mean** of its assessed words or phrases ("very good", "not bad" = -0.5 x "bad", "!" x1.25);
  subjectivity is the mean of their subjectivities.
* **VADER** (Hutto & Gilbert 2014, ICWSM-14; the ``vaderSentiment`` package). About 7,500
  words, emoticons and slang rated from -4 to +4 by ten crowd workers each, tuned on **social
  media**, plus rules: negation ("not good" x-0.74), boosters ("very" +0.293), ALL CAPS
  (+0.733), contrastive "but" (before x0.5, after x1.5), "!" and "?" emphasis. ``compound`` is the
  normalised sum, x / sqrt(x^2 + 15), in [-1, 1]; ``pos``, ``neu``, ``neg`` are the shares of
  positive, neutral and negative words (they sum to 1).

Blind spots on news text, to teach rather than hide:

* **Negation and scope**: "not unlike", "less than half", "never have happened" are read word by
  word; VADER looks three words back, TextBlob one word.
* **Sarcasm, ridicule and irony**: a sneer built from positive words scores positive.
  Teaching fact: TextBlob rates "bizarre" **+0.4** (an "unusual, striking" adjective in its
  reviews), VADER rates it **-1.3** (crowd raters read it as negative). The rat-king anecdote
  (p03 of the op-ed) is ridicule, and both lexicons score it slightly positive.
* **Domain words**: "attack", "strike", "offensive", "fighter" are rated in their everyday
  (social media) sense; in military reporting they name operations and equipment. Re-score with
  an override set (``score(doc, overrides="military")``) to show how much a number depends on
  the lexicon; the output always says which set was used.
* **Who says it**: quoted praise ("a diplomatic win") counts as the author's sentiment.
* **Typography**: VADER strips only ASCII punctuation from word edges, so in text set with curly
  quotes a word like ``win,”`` is never looked up. The kit hands VADER the text with typographic
  quotes and apostrophes replaced one-for-one by ASCII ones (:func:`vader_input`), so offsets are
  unchanged; ``polarity_scores(vader_input(text))`` reproduces every VADER score here.
* **Length**: VADER's compound saturates on long texts, so paragraph scores here are
  word-weighted means of sentence scores, never one VADER call on the whole paragraph.

Public functions: :func:`score`, :func:`explain`, :func:`disagreements`,
:func:`load_overrides`, :func:`list_overrides`.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd
from textblob.en import Sentiment as _PatternSentiment
from textblob.en import sentiment as _STOCK_PATTERN
from vaderSentiment import vaderSentiment as _vader_module
from vaderSentiment.vaderSentiment import BOOSTER_DICT, SPECIAL_CASES, SentimentIntensityAnalyzer, SentiText

from kit.errors import SentimentError, parse_yaml, suggestion, unknown_key_fix
from kit.text import WORD_RE, Document, Paragraph, Sentence, as_document, from_string
from kit.tidy import table_of_rows

OVERRIDES_DIR = Path(__file__).resolve().parent / "data" / "sentiment_overrides"

#: Columns of :func:`score`, in order.
SCORE_COLUMNS = [
    "unit",
    "paragraph_id",
    "start",
    "end",
    "n_words",
    "text",
    "textblob_polarity",
    "textblob_subjectivity",
    "vader_compound",
    "vader_pos",
    "vader_neu",
    "vader_neg",
    "reason",
    "overrides",
]
#: The numeric scores of :func:`score` (per unit), in order.
SCORE_MEASURES = tuple(SCORE_COLUMNS[6:12])
_SCORE_NUMBERS = list(SCORE_MEASURES)

#: Columns of :func:`explain`, in order.
EXPLAIN_COLUMNS = [
    "unit",
    "lexicon",
    "token",
    "start",
    "end",
    "base_valence",
    "adjustment",
    "valence",
    "kind",
    "note",
]

#: Columns of :func:`disagreements`, in order.
DISAGREEMENT_COLUMNS = [
    "unit",
    "paragraph_id",
    "start",
    "end",
    "text",
    "textblob_polarity",
    "vader_compound",
    "difference",
    "why",
    "textblob_words",
    "vader_words",
]

#: Valence ranges of the two lexicons (override values must fall inside them).
VALENCE_RANGE = {"vader": (-4.0, 4.0), "textblob": (-1.0, 1.0)}

#: A unit is treated as not English when more than this share of its lower-case words
#: (at least ``_MIN_WORDS_FOR_LANGUAGE`` of them) is missing from the English word list.
#: English news prose in the kit's texts stays under 0.05; French, German, Spanish and Italian
#: sentences reach 0.5 and more, so one third leaves a wide margin on both sides.
UNKNOWN_SHARE_LIMIT = 1 / 3
_MIN_WORDS_FOR_LANGUAGE = 4

_N_SCALAR = _vader_module.N_SCALAR
_C_INCR = _vader_module.C_INCR


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
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")


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
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SentimentError(path, "not UTF-8", "re-save the file as UTF-8") from None
    data = parse_yaml(
        text, path, SentimentError, "write one 'word: number' per line, indented under 'vader:' or 'textblob:'"
    )
    if not isinstance(data, dict):
        raise SentimentError(path, "an override file must be a mapping of keys", "see kit/data/sentiment_overrides/military.yml")
    for key in data:
        if key not in _OVERRIDE_KEYS:
            fix = unknown_key_fix(key, _OVERRIDE_KEYS, f"use only: {', '.join(_OVERRIDE_KEYS)}")
            raise SentimentError(_where(path, text, key), f"unknown key '{key}'", fix)
    for key in _REQUIRED_OVERRIDE_KEYS:
        if key in data and data[key] is not None and not isinstance(data[key], str):
            raise SentimentError(
                _where(path, text, key),
                f"key '{key}' should be text ({_OVERRIDE_KEYS[key]}), got {type(data[key]).__name__} {data[key]!r}",
                f"write it as text in quotes: {key}: \"{data[key]}\"",
            )
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise SentimentError(path, f"missing or empty key '{key}' ({_OVERRIDE_KEYS[key]})", f"add '{key}: ...'")
    name = data["name"].strip()
    if not _NAME_RE.match(name):
        raise SentimentError(
            _where(path, text, "name"), f"name {name!r} contains characters other than letters, digits, - and _",
            "choose a short name such as 'military'",
        )
    valences: dict[str, Mapping[str, float]] = {}
    for lexicon, (low, high) in VALENCE_RANGE.items():
        section = data.get(lexicon)
        if section is None:
            continue
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
            where = _where(path, text, word, indented=True)
            if word != word.strip().lower() or not word or any(ch.isspace() for ch in word):
                raise SentimentError(
                    where, f"'{lexicon}' key {word!r} must be one lower-case word", f"write '{word.strip().lower().split()[0] if word.strip() else 'word'}'"
                )
            if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
                raise SentimentError(where, f"valence of '{word}' under '{lexicon}' is {value!r}, not a number", "write a number, e.g. 0.0")
            if not low <= value <= high:
                raise SentimentError(
                    where, f"valence {value} of '{word}' is outside the {lexicon} range [{low:g}, {high:g}]", "use a number inside that range"
                )
            words[word] = float(value)
        valences[lexicon] = MappingProxyType(words)
    if not any(valences.values()):
        raise SentimentError(path, "no adjustments: neither 'vader' nor 'textblob' lists a word", "add e.g. 'vader:' then '  attack: 0.0'")
    return Overrides(name=name, source=path.resolve(), valences=MappingProxyType(valences), description=data["description"].strip())


# ---------------------------------------------------------------- analysers


@dataclass(frozen=True, eq=False)
class _Analysers:
    name: str
    vader: SentimentIntensityAnalyzer
    textblob: _PatternSentiment
    overrides: Overrides | None


@lru_cache(maxsize=1)
def _stock() -> _Analysers:
    return _Analysers("", SentimentIntensityAnalyzer(), _STOCK_PATTERN, None)


_OVERRIDE_ANALYSERS: dict[tuple, _Analysers] = {}


def _with_overrides(ov: Overrides) -> _Analysers:
    """Analysers for an override set, built once per distinct set (name, source and words)."""
    key = (*ov.key, str(ov.source))
    if key not in _OVERRIDE_ANALYSERS:
        _OVERRIDE_ANALYSERS[key] = _build_with_overrides(ov)
    return _OVERRIDE_ANALYSERS[key]


def _build_with_overrides(ov: Overrides) -> _Analysers:
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
    return _Analysers(ov.name, vader, pattern, ov)


def _analysers(overrides: str | Path | Overrides | None) -> _Analysers:
    if overrides is None or overrides == "":
        return _stock()
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
    words.update(_stock().vader.lexicon)
    if len(_STOCK_PATTERN):  # loads the lazy Pattern lexicon
        words.update(w for w in dict.keys(_STOCK_PATTERN) if isinstance(w, str))
    return frozenset(words)


def _is_latin(ch: str) -> bool:
    code = ord(ch)
    return code < 0x250 or 0x1E00 <= code <= 0x1EFF


def _reason(text: str, words: list[str], language: str | None = None) -> str:
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


# ---------------------------------------------------------------- VADER, exactly as shipped


_EMOJI_CHARS: dict[int, tuple[dict, frozenset[str]]] = {}


def _emoji_chars(analyser: SentimentIntensityAnalyzer) -> frozenset[str]:
    """The single characters VADER replaces (its per-character loop can only match those)."""
    cached = _EMOJI_CHARS.get(id(analyser))
    if cached is None or cached[0] is not analyser.emojis:
        cached = (analyser.emojis, frozenset(k for k in analyser.emojis if len(k) == 1))
        _EMOJI_CHARS[id(analyser)] = cached
    return cached[1]


#: Typographic quotes and apostrophes mapped one-to-one to their ASCII forms before VADER.
#: VADER strips ``string.punctuation`` from word edges, which lacks “ ” ‘ ’, so in news text set
#: with curly quotes a word such as ``win,”`` is never looked up in the lexicon. The mapping keeps
#: every character offset, so explanations still point at the original text.
TYPOGRAPHIC_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


def vader_input(text: str) -> str:
    """The text as the kit hands it to VADER: typographic quotes replaced by ASCII ones (same length).

    >>> vader_input("“a win,” he said")
    '"a win," he said'
    """
    return text.translate(TYPOGRAPHIC_QUOTES)


def _vader_text(analyser: SentimentIntensityAnalyzer, text: str) -> str:
    """The text VADER scores: quotes normalised, emoji replaced by their descriptions, stripped."""
    text = vader_input(text)
    if text.isascii() or _emoji_chars(analyser).isdisjoint(text):
        return text.strip()
    converted, _ = _vader_text_with_origin(analyser, text)
    return converted


def _vader_text_with_origin(analyser: SentimentIntensityAnalyzer, text: str) -> tuple[str, list[int]]:
    """Same conversion as ``SentimentIntensityAnalyzer.polarity_scores``, plus each character's origin."""
    text = vader_input(text)
    out: list[str] = []
    origin: list[int] = []
    prev_space = True
    for index, ch in enumerate(text):
        if ch in analyser.emojis:
            description = analyser.emojis[ch]
            if not prev_space:
                out.append(" ")
                origin.append(index)
            out.append(description)
            origin.extend([index] * len(description))
            prev_space = False
        else:
            out.append(ch)
            origin.append(index)
            prev_space = ch == " "
    converted = "".join(out)
    left = len(converted) - len(converted.lstrip())
    stripped = converted.strip()
    return stripped, origin[left : left + len(stripped)]


def _vader_word_valences(analyser: SentimentIntensityAnalyzer, sentitext: SentiText) -> list[float]:
    """Per-word valences before the "but" rule: the loop of ``polarity_scores``."""
    words = sentitext.words_and_emoticons
    sentiments: list[float] = []
    for i, item in enumerate(words):
        lower = item.lower()
        if lower in BOOSTER_DICT or (i < len(words) - 1 and lower == "kind" and words[i + 1].lower() == "of"):
            sentiments.append(0)
            continue
        sentiments = analyser.sentiment_valence(0, sentitext, item, i, sentiments)
    return sentiments


def _vader_totals(analyser: SentimentIntensityAnalyzer, sentiments: list[float], text: str) -> dict[str, float]:
    """``score_valence`` without its final rounding (full precision), plus the unnormalised sum."""
    if not sentiments:
        return {"compound": 0.0, "pos": 0.0, "neu": 0.0, "neg": 0.0, "sum": 0.0, "punctuation": 0.0}
    total = float(sum(sentiments))
    amplifier = analyser._punctuation_emphasis(text)
    applied = amplifier if total > 0 else -amplifier if total < 0 else 0.0
    total += applied
    compound = _vader_module.normalize(total)
    pos_sum, neg_sum, neu_count = analyser._sift_sentiment_scores(sentiments)
    if pos_sum > math.fabs(neg_sum):
        pos_sum += amplifier
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= amplifier
    denominator = pos_sum + math.fabs(neg_sum) + neu_count
    return {
        "compound": compound,
        "pos": math.fabs(pos_sum / denominator),
        "neu": math.fabs(neu_count / denominator),
        "neg": math.fabs(neg_sum / denominator),
        "sum": total,
        "punctuation": applied,
    }


def _vader_scores(analyser: SentimentIntensityAnalyzer, text: str) -> dict[str, float]:
    vtext = _vader_text(analyser, text)
    sentitext = SentiText(vtext)
    sentiments = analyser._but_check(sentitext.words_and_emoticons, _vader_word_valences(analyser, sentitext))
    return _vader_totals(analyser, sentiments, vtext)


# ---------------------------------------------------------------- score


def _zero_scores() -> dict[str, float]:
    return dict.fromkeys(_SCORE_NUMBERS, 0.0)


def _score_text(an: _Analysers, text: str) -> dict[str, float]:
    polarity, subjectivity = an.textblob(text)[:2]
    vader = _vader_scores(an.vader, text)
    return {
        "textblob_polarity": float(polarity),
        "textblob_subjectivity": float(subjectivity),
        "vader_compound": vader["compound"],
        "vader_pos": vader["pos"],
        "vader_neu": vader["neu"],
        "vader_neg": vader["neg"],
    }


def _as_document(doc: Any, function: str) -> Document:
    return as_document(doc, function, SentimentError)


def score(doc: Document | str, unit: str = "sentence", overrides: str | Path | Overrides | None = None) -> pd.DataFrame:
    """TextBlob and VADER scores, one row per sentence or paragraph (Hutto & Gilbert 2014; De Smedt & Daelemans 2012).

    Columns: ``unit``, ``paragraph_id``, ``start``, ``end``, ``n_words``, ``text``,
    ``textblob_polarity`` [-1, 1], ``textblob_subjectivity`` [0, 1], ``vader_compound`` [-1, 1],
    ``vader_pos``, ``vader_neu``, ``vader_neg`` (shares, sum 1), ``reason`` and ``overrides``.
    Numbers are full precision (round them only to display). ``df.attrs["overrides"]`` and the
    ``overrides`` column name the override set ("" = stock lexicons).

    Sentences are scored by each library as shipped (VADER's ``compound`` here is not rounded to
    4 decimals as ``polarity_scores`` does). A **paragraph** is the mean of its sentences' scores
    weighted by their word counts, because VADER's compound saturates towards +-1 on long texts.

    Units that cannot be scored get zeros and a ``reason``: "empty text", "no words ..."
    (punctuation or emoji only), "not English ..." (the document's ``language`` metadata, a
    non-Latin script, or more than a third of its lower-case words unknown to an English word
    list). Paragraph scores skip such sentences and say how many were skipped.

    >>> df = score(from_string("The book was good. The book was bad."))
    >>> df[["unit", "vader_compound"]].round(4).values.tolist()
    [['p01.s1', 0.4404], ['p01.s2', -0.5423]]
    """
    document = _as_document(doc, "score")
    if unit not in ("sentence", "paragraph"):
        raise SentimentError(None, f"unknown unit {unit!r}", "use unit='sentence' or unit='paragraph'")
    an = _analysers(overrides)
    language = document.metadata.get("language")
    rows = []
    for s in document.sentences:
        reason = _reason(s.text, [t.text for t in s.tokens], language)
        numbers = _zero_scores() if reason else _score_text(an, s.text)
        rows.append(
            {
                "unit": s.id,
                "paragraph_id": s.paragraph_id,
                "start": s.start,
                "end": s.end,
                "n_words": s.n_words,
                "text": s.text,
                **numbers,
                "reason": reason,
                "overrides": an.name,
            }
        )
    if unit == "paragraph":
        rows = _paragraph_rows(document, rows, an.name)
    frame = table_of_rows(
        rows, SCORE_COLUMNS, {c: "float64" for c in _SCORE_NUMBERS} | {"start": "int64", "end": "int64", "n_words": "int64"}
    )
    frame.attrs["overrides"] = an.name
    frame.attrs["overrides_source"] = str(an.overrides.source) if an.overrides and an.overrides.source else ""
    frame.attrs["unit"] = unit
    return frame


def _paragraph_rows(document: Document, sentence_rows: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    by_paragraph: dict[str, list[dict[str, Any]]] = {}
    for row in sentence_rows:
        by_paragraph.setdefault(row["paragraph_id"], []).append(row)
    rows = []
    for p in document.paragraphs:
        members = by_paragraph.get(p.id, [])
        scored = [r for r in members if not r["reason"]]
        weight = sum(r["n_words"] for r in scored)
        if weight:
            numbers = {c: sum(r[c] * r["n_words"] for r in scored) / weight for c in _SCORE_NUMBERS}
        else:
            numbers = _zero_scores()
        skipped = [r for r in members if r["reason"]]
        if not weight:
            reason = skipped[0]["reason"] if skipped else _reason(p.text, [t.text for t in p.tokens])
            reason = reason or "no words"
        elif skipped:
            reason = f"{len(skipped)} of {len(members)} sentences not scored ({skipped[0]['unit']}: {skipped[0]['reason']})"
        else:
            reason = ""
        rows.append(
            {
                "unit": p.id,
                "paragraph_id": p.id,
                "start": p.start,
                "end": p.end,
                "n_words": p.n_words,
                "text": p.text,
                **numbers,
                "reason": reason,
                "overrides": name,
            }
        )
    return rows


# ---------------------------------------------------------------- explain: VADER


class _TracingVader(SentimentIntensityAnalyzer):
    """The shipped analyser, recording what its rule methods changed (values are the library's own)."""

    def __init__(self, base: SentimentIntensityAnalyzer):  # no file reading: share the base lexicons
        self.lexicon = base.lexicon
        self.emojis = base.emojis
        self.events: list[tuple[str, int, float, float]] = []

    def _negation_check(self, valence, words_and_emoticons, start_i, i):
        out = SentimentIntensityAnalyzer._negation_check(valence, words_and_emoticons, start_i, i)
        self.events.append(("negation", start_i, valence, out))
        return out

    def _special_idioms_check(self, valence, words_and_emoticons, i):
        out = SentimentIntensityAnalyzer._special_idioms_check(valence, words_and_emoticons, i)
        self.events.append(("idiom", 2, valence, out))
        return out

    def _least_check(self, valence, words_and_emoticons, i):
        out = SentimentIntensityAnalyzer._least_check(self, valence, words_and_emoticons, i)
        self.events.append(("least", -1, valence, out))
        return out


def _vader_token_spans(vtext: str, origin: list[int], words: list[str], text_len: int) -> list[tuple[int, int]]:
    spans = []
    for m, word in zip(re.finditer(r"\S+", vtext), words, strict=False):
        raw = m.group()
        lead = len(raw) - len(raw.lstrip(string.punctuation)) if word != raw else 0
        a, b = m.start() + lead, m.start() + lead + len(word)
        spans.append((origin[a], origin[b - 1] + 1) if origin else (0, text_len))
    while len(spans) < len(words):
        spans.append((0, text_len))
    return spans


def _vader_labels(tracer: _TracingVader, sentitext: SentiText, i: int) -> list[str]:
    words = sentitext.words_and_emoticons
    lower = [w.lower() for w in words]
    item = words[i]
    labels = []
    if lower[i] == "no" and i != len(words) - 1 and lower[i + 1] in tracer.lexicon:
        labels.append("'no' before a rated word counts 0")
    if (i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no") or (
        i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor")
    ):
        labels.append(f"negated by 'no' x{_N_SCALAR:g}")
    if item.isupper() and sentitext.is_cap_diff:
        labels.append(f"ALL CAPS {_C_INCR:+g}")
    for kind, start_i, before, after in tracer.events:
        if kind == "negation":
            modifier = words[i - (start_i + 1)]
            if modifier.lower() in BOOSTER_DICT:
                damp = {0: "", 1: " x0.95 (2 words back)", 2: " x0.9 (3 words back)"}[start_i]
                caps = " in CAPS" if modifier.isupper() and sentitext.is_cap_diff else ""
                kind_word = "booster" if BOOSTER_DICT[modifier.lower()] > 0 else "dampener"
                labels.append(f"{kind_word} '{modifier}'{caps}{damp}")
            if after != before:
                ratio = after / before if before else float("nan")
                if math.isclose(ratio, _N_SCALAR):
                    negator = words[i - 3] if start_i == 2 else modifier
                    labels.append(f"negated by '{negator}' x{_N_SCALAR:g}")
                else:
                    labels.append(f"'so'/'this' emphasis x{ratio:g}")
        elif kind == "idiom" and after != before:
            phrase = _special_case(lower, i)
            if phrase in BOOSTER_DICT:
                labels.append(f"{'booster' if BOOSTER_DICT[phrase] > 0 else 'dampener'} '{phrase}' {BOOSTER_DICT[phrase]:+g}")
            elif phrase:
                labels.append(f"phrase '{phrase}' sets {after:g}")
            else:
                labels.append(f"phrase rule {before:+.3f} -> {after:+.3f}")
        elif kind == "least" and after != before:
            labels.append(f"negated by 'least' x{_N_SCALAR:g}")
    return labels


def _special_case(lower: list[str], i: int) -> str:
    candidates = []
    for a, b in ((i - 1, i), (i - 2, i), (i - 2, i - 1), (i - 3, i - 1), (i - 3, i - 2), (i, i + 1), (i, i + 2)):
        if a >= 0 and b < len(lower):
            candidates.append(" ".join(lower[a : b + 1]))
    found = [c for c in candidates if c in SPECIAL_CASES or c in BOOSTER_DICT]
    return found[0] if found else ""


def _explain_vader(an: _Analysers, text: str, offset: int, unit_id: str) -> list[dict[str, Any]]:
    vader = an.vader
    vtext, origin = _vader_text_with_origin(vader, text)
    sentitext = SentiText(vtext)
    words = sentitext.words_and_emoticons
    spans = _vader_token_spans(vtext, origin, words, len(text))
    tracer = _TracingVader(vader)
    before_but: list[float] = []
    labels: list[list[str]] = []
    for i, item in enumerate(words):
        lower = item.lower()
        if lower in BOOSTER_DICT or (i < len(words) - 1 and lower == "kind" and words[i + 1].lower() == "of"):
            before_but.append(0)
            labels.append(["used as a booster: own rating ignored"] if lower in vader.lexicon else [])
            continue
        tracer.events = []
        before_but.append(tracer.sentiment_valence(0, sentitext, item, i, [])[-1])
        labels.append(_vader_labels(tracer, sentitext, i))
    after_but = vader._but_check(words, list(before_but))
    stock = _stock().vader.lexicon
    override_words = an.overrides.vader if an.overrides else {}
    rows = []
    for i, word in enumerate(words):
        lower = word.lower()
        base = vader.lexicon.get(lower, 0.0)
        final = float(after_but[i])
        if base == 0 and final == 0 and lower not in override_words:
            continue
        adjustment = list(labels[i])
        if before_but[i] and after_but[i] != before_but[i]:
            ratio = after_but[i] / before_but[i]
            if math.isclose(ratio, 0.5):
                adjustment.append("before 'but' x0.5")
            elif math.isclose(ratio, 1.5):
                adjustment.append("but-clause x1.5")
            else:
                adjustment.append(f"'but' rule x{ratio:g} (library matches equal values to their first position)")
        notes = []
        if lower in override_words:
            notes.append(f"override '{an.name}': stock valence {stock.get(lower, 0.0):g}")
        a, b = spans[i]
        if word != text[a:b]:
            notes.append(f"emoji {text[a:b]} read as '{word}'" if a < len(text) and text[a:b] in vader.emojis else "")
        rows.append(
            _row(unit_id, "vader", text[a:b], offset + a, offset + b, base, "; ".join(adjustment), final, "word", "; ".join(n for n in notes if n))
        )
    if not rows:
        return rows
    totals = _vader_totals(vader, after_but, vtext)
    if totals["punctuation"] or vader._punctuation_emphasis(vtext):
        marks = f"{vtext.count('!')} x '!', {vtext.count('?')} x '?'"
        rows.append(
            _row(
                unit_id,
                "vader",
                "",
                offset,
                offset + len(text),
                vader._punctuation_emphasis(vtext),
                f"punctuation emphasis ({marks})",
                totals["punctuation"],
                "punctuation",
                "VADER adds 0.292 per '!' (up to 4) and 0.18 per '?' (2-3; 0.96 for 4+) in the direction of the "
                "sum; 0 when the sum is 0. Not attributable to one word.",
            )
        )
    rows.append(
        _row(
            unit_id,
            "vader",
            "",
            offset,
            offset + len(text),
            totals["sum"],
            "normalize(alpha=15)",
            totals["compound"],
            "normalisation",
            "compound = sum / sqrt(sum^2 + 15), where sum (base_valence here) is the total of the rows above; "
            "not a contribution: leave this row out when adding valences",
        )
    )
    return rows


# ---------------------------------------------------------------- explain: TextBlob


def _find_word(lower_text: str, word: str, cursor: int) -> tuple[int, int] | None:
    left = r"(?<!\w)" if word[:1].isalnum() else ""
    right = r"(?!\w)" if word[-1:].isalnum() else ""
    pattern = re.compile(left + re.escape(word) + right)
    m = pattern.search(lower_text, cursor) or pattern.search(lower_text)
    return (m.start(), m.end()) if m else None


def _explain_textblob(an: _Analysers, text: str, offset: int, unit_id: str) -> list[dict[str, Any]]:
    pattern = an.textblob
    result = pattern(text)
    assessments = result.assessments
    if not assessments:
        return []
    lower_text = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    cursor = 0
    rows = []
    stock_words = an.overrides.textblob if an.overrides else {}
    for words, polarity, _subjectivity, label in assessments:
        spans = []
        for w in words:
            found = _find_word(lower_text, w, cursor)
            if found:
                spans.append(found)
                cursor = found[1]
        a, b = (spans[0][0], spans[-1][1]) if spans else (0, len(text))
        known = [w for w in words if w != "!" and w not in pattern.negations and w in pattern]
        head = known[-1] if known else words[-1]
        base = float(pattern[head][None][0]) if head in pattern else float(polarity)
        adjustment = []
        if len(known) > 1:
            modifier = known[-2]
            adjustment.append(f"intensifier '{modifier}' x{float(pattern[modifier][None][2]):g}")
        negators = [w for w in words if w in pattern.negations]
        if negators:
            adjustment.append(f"negated by '{negators[0]}' x-0.5")
        if "!" in words:
            adjustment.append("'!' x1.25")
        if label:
            adjustment.append(f"label '{label}'")
        note = f"override '{an.name}'" if head in stock_words else ""
        kind = "phrase" if len(words) > 1 else "word"
        rows.append(_row(unit_id, "textblob", text[a:b], offset + a, offset + b, base, "; ".join(adjustment), float(polarity), kind, note))
    total = float(sum(a[1] for a in assessments))
    rows.append(
        _row(
            unit_id,
            "textblob",
            "",
            offset,
            offset + len(text),
            total,
            f"mean of {len(assessments)} assessments",
            float(result[0]),
            "averaging",
            "polarity = mean of the rows above (each counts 1/n, zeros included); "
            "not a contribution: leave this row out when averaging",
        )
    )
    return rows


def _row(unit: str, lexicon: str, token: str, start: int, end: int, base: float, adjustment: str, valence: float, kind: str, note: str) -> dict[str, Any]:
    return {
        "unit": unit,
        "lexicon": lexicon,
        "token": token,
        "start": int(start),
        "end": int(end),
        "base_valence": float(base),
        "adjustment": adjustment,
        "valence": float(valence),
        "kind": kind,
        "note": note,
    }


def _explain_one(an: _Analysers, text: str, offset: int, unit_id: str, language: str | None) -> list[dict[str, Any]]:
    reason = _reason(text, WORD_RE.findall(text), language)
    if reason:
        return [_row(unit_id, "", "", offset, offset + len(text), 0.0, "", 0.0, "not scored", reason)]
    return _explain_textblob(an, text, offset, unit_id) + _explain_vader(an, text, offset, unit_id)


def explain(
    text_or_unit: str | Sentence | Paragraph | Document,
    overrides: str | Path | Overrides | None = None,
    doc: Document | None = None,
) -> pd.DataFrame:
    """The words and phrases behind each lexicon's score, one row each (Hutto & Gilbert 2014).

    Accepts a string, a Sentence, a Paragraph or a Document (paragraphs and documents are
    explained sentence by sentence, as :func:`score` scores them); with ``doc`` given, a unit id
    such as ``"p03.s1"`` also works. ``start``/``end`` are offsets into ``doc.body`` for units
    and documents, into the string for a string.

    Rows with ``kind`` "word" or "phrase" are contributions: ``base_valence`` is the lexicon's
    rating, ``adjustment`` names the rules applied ("negated by 'not' x-0.74", "booster 'very'",
    "but-clause x1.5", "ALL CAPS +0.733", "intensifier 'very' x1.3", ...) and ``valence`` is the
    library's own result. VADER valences come from the shipped analyser's
    ``sentiment_valence`` and ``_but_check``; TextBlob's from ``sentiment_assessments``
    (PatternAnalyzer). Rules that belong to no single word get rows with an empty ``token``
    and a ``note``:

    * VADER ``punctuation``: "!" and "?" emphasis added to the sum;
    * VADER ``normalisation``: compound = sum / sqrt(sum^2 + 15); ``base_valence`` holds the sum,
      which equals the total of the word and punctuation rows;
    * TextBlob ``averaging``: polarity = the mean of the word/phrase rows (zeros count).

    A unit that :func:`score` does not score gets one ``not scored`` row with the reason.

    >>> ex = explain("VADER is not smart.")
    >>> ex[ex.kind.isin(["word", "phrase"])][["lexicon", "token", "adjustment"]].values.tolist()
    [['textblob', 'not smart', "negated by 'not' x-0.5"], ['vader', 'smart', "negated by 'not' x-0.74"]]
    """
    an = _analysers(overrides)
    rows: list[dict[str, Any]] = []
    if isinstance(text_or_unit, str) and doc is not None and text_or_unit in {u.id for u in doc.sentences + doc.paragraphs}:
        text_or_unit = doc.unit(text_or_unit)
    language = doc.metadata.get("language") if isinstance(doc, Document) else None
    if isinstance(text_or_unit, Document):
        language = text_or_unit.metadata.get("language")
        sentences = text_or_unit.sentences
    elif isinstance(text_or_unit, Paragraph):
        sentences = text_or_unit.sentences
    elif isinstance(text_or_unit, Sentence):
        sentences = (text_or_unit,)
    elif isinstance(text_or_unit, str):
        sentences = ()
        rows = _explain_one(an, text_or_unit, 0, "", language)
    else:
        raise SentimentError(
            None,
            f"explain() needs a string, Sentence, Paragraph or Document, got {type(text_or_unit).__name__}",
            "pass e.g. doc.unit('p03.s1') or a string",
        )
    for s in sentences:
        rows.extend(_explain_one(an, s.text, s.start, s.id, language))
    frame = pd.DataFrame(rows, columns=EXPLAIN_COLUMNS)
    frame = frame.astype({"start": "int64", "end": "int64", "base_valence": "float64", "valence": "float64"})
    frame.attrs["overrides"] = an.name
    return frame


# ---------------------------------------------------------------- disagreements


def _sign(x: float) -> int:
    x = float(x)
    return (x > 0) - (x < 0)


def _contributions(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of an explanation that are words or phrases with a non-zero valence."""
    return [r for r in rows if r["kind"] in ("word", "phrase") and r["valence"] != 0]


def _words_of(words: list[dict[str, Any]], lexicon: str) -> str:
    return ", ".join(f"{r['token']} ({r['valence']:+.2f})" for r in words if r["lexicon"] == lexicon)


def _opposite_words(words: list[dict[str, Any]]) -> list[str]:
    tb = [r for r in words if r["lexicon"] == "textblob"]
    found = []
    for v in words:
        if v["lexicon"] != "vader":
            continue
        for t in tb:
            if t["start"] < v["end"] and v["start"] < t["end"] and _sign(t["valence"]) == -_sign(v["valence"]):
                found.append(f"'{v['token']}': TextBlob {t['valence']:+.2f}, VADER {v['valence']:+.2f}")
                break
    return found


def override_effect(
    doc: Document | str,
    overrides: str | Path | Overrides,
    measure: str = "vader_compound",
    unit: str = "sentence",
    digits: int = 3,
) -> pd.DataFrame:
    """Units whose ``measure`` changes when the lexicon overrides are applied, stock score beside tuned score.

    Columns: ``unit``, ``start``, ``end``, ``text``, ``<measure>_stock``, ``<measure>_<overrides name>``,
    ``change``. A unit counts as changed when the two scores differ at ``digits`` decimals, so
    floating-point noise is not reported as an effect of the overrides.

    >>> override_effect("The strike hit the depot. The weather was fine.", "military")["unit"].tolist()
    ['p01.s1']
    """
    if measure not in SCORE_MEASURES:
        raise SentimentError(measure, "not a sentiment measure", f"use one of {', '.join(SCORE_MEASURES)}")
    document = _as_document(doc, "override_effect")
    tuned_set = load_overrides(overrides)
    stock = score(document, unit=unit)
    tuned = score(document, unit=unit, overrides=tuned_set)
    tuned_col = f"{measure}_{tuned_set.name}"
    table = stock[["unit", "start", "end", "text", measure]].rename(columns={measure: f"{measure}_stock"})
    table[tuned_col] = tuned[measure].to_numpy()
    table["change"] = table[tuned_col] - table[f"{measure}_stock"]
    changed = table[f"{measure}_stock"].round(digits) != table[tuned_col].round(digits)
    return table[changed].reset_index(drop=True)


def disagreements(scores: pd.DataFrame, threshold: float = 0.5) -> pd.DataFrame:
    """Units where TextBlob and VADER disagree, with the words behind each side.

    A unit is listed when (1) ``textblob_polarity`` and ``vader_compound`` have opposite signs
    (exact zeros are ignored: a lexicon that found nothing does not disagree), (2) they differ
    by more than ``threshold`` (both are on [-1, 1]), or (3) one word pulls the two scores in
    opposite directions, e.g. "bizarre": TextBlob +0.40, VADER -1.59, even when the totals agree.
    ``why`` says which; ``textblob_words`` and ``vader_words`` list each side's words with their
    valences (from :func:`explain`, with the override set recorded in ``scores``). Rows stay in
    text order; unscored units (non-empty ``reason``) are skipped.

    >>> from kit.text import from_string
    >>> d = disagreements(score(from_string("A bizarre story.")))
    >>> d["why"].tolist()
    ["opposite signs; differ by 0.72 (> 0.5); word 'bizarre': TextBlob +0.40, VADER -1.30"]
    """
    missing = [c for c in ("unit", "start", "end", "text", "textblob_polarity", "vader_compound") if c not in getattr(scores, "columns", [])]
    if not isinstance(scores, pd.DataFrame) or missing:
        raise SentimentError(None, f"scores is not a table from score() (missing {missing or 'a DataFrame'})", "pass the result of kit.sentiment.score(doc)")
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 2:
        raise SentimentError(None, f"threshold {threshold!r} is not a number between 0 and 2", "use e.g. threshold=0.5")
    source = scores.attrs.get("overrides_source") or scores.attrs.get("overrides") or None
    an = _analysers(source)
    rows = []
    for r in scores.itertuples(index=False):
        if getattr(r, "reason", ""):
            continue
        tb, vd = float(r.textblob_polarity), float(r.vader_compound)
        why = []
        if _sign(tb) and _sign(vd) and _sign(tb) != _sign(vd):
            why.append("opposite signs")
        if abs(tb - vd) > threshold:
            why.append(f"differ by {abs(tb - vd):.2f} (> {threshold:g})")
        # plain rows, not a DataFrame per unit: building one costs more than explaining a sentence
        if ".s" in str(r.unit):
            explained = _explain_textblob(an, r.text, r.start, r.unit) + _explain_vader(an, r.text, r.start, r.unit)
        else:  # a paragraph or the document: sentence by sentence, as explain() does
            explained = []
            for s in from_string(r.text).sentences:
                explained.extend(_explain_one(an, s.text, r.start + s.start, s.id, None))
        ex = _contributions(explained)
        why.extend(f"word {w}" for w in _opposite_words(ex))
        if not why:
            continue
        rows.append(
            {
                "unit": r.unit,
                "paragraph_id": getattr(r, "paragraph_id", ""),
                "start": r.start,
                "end": r.end,
                "text": r.text,
                "textblob_polarity": tb,
                "vader_compound": vd,
                "difference": vd - tb,
                "why": "; ".join(why),
                "textblob_words": _words_of(ex, "textblob"),
                "vader_words": _words_of(ex, "vader"),
            }
        )
    frame = pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)
    frame.attrs["overrides"] = an.name
    frame.attrs["threshold"] = threshold
    return frame
