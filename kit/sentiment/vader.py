"""VADER exactly as shipped, step by step, so that scores and explanations reuse the library's own computation."""

from __future__ import annotations

import math

from vaderSentiment import vaderSentiment as _vader_module
from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer, SentiText

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
    converted, _ = vader_text_with_origin(analyser, text)
    return converted


def vader_text_with_origin(analyser: SentimentIntensityAnalyzer, text: str) -> tuple[str, list[int]]:
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


def vader_totals(analyser: SentimentIntensityAnalyzer, sentiments: list[float], text: str) -> dict[str, float]:
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


def vader_scores(analyser: SentimentIntensityAnalyzer, text: str) -> dict[str, float]:
    vtext = _vader_text(analyser, text)
    sentitext = SentiText(vtext)
    sentiments = analyser._but_check(sentitext.words_and_emoticons, _vader_word_valences(analyser, sentitext))
    return vader_totals(analyser, sentiments, vtext)
