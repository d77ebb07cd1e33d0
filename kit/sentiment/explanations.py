"""The words and phrases behind each lexicon's score: :func:`explain`, with the rules each library applied."""

from __future__ import annotations

import math
import re
import string
from pathlib import Path
from typing import Any

import pandas as pd
from vaderSentiment import vaderSentiment as _vader_module
from vaderSentiment.vaderSentiment import BOOSTER_DICT, SPECIAL_CASES, SentimentIntensityAnalyzer, SentiText

from kit.errors import SentimentError
from kit.sentiment.analysers import Analysers, analysers_for, stock_analysers, unscored_reason
from kit.sentiment.overrides import Overrides
from kit.sentiment.vader import vader_text_with_origin, vader_totals
from kit.text import WORD_RE, Document, Paragraph, Sentence

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

_N_SCALAR = _vader_module.N_SCALAR
_C_INCR = _vader_module.C_INCR


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


def explain_vader(an: Analysers, text: str, offset: int, unit_id: str) -> list[dict[str, Any]]:
    vader = an.vader
    vtext, origin = vader_text_with_origin(vader, text)
    sentitext = SentiText(vtext)
    words = sentitext.words_and_emoticons
    spans = _vader_token_spans(vtext, origin, words, len(text))
    before_but, labels = _traced_valences(vader, sentitext)
    after_but = vader._but_check(words, list(before_but))
    stock = stock_analysers().vader.lexicon
    override_words = an.overrides.vader if an.overrides else {}
    rows = []
    for i, word in enumerate(words):
        lower = word.lower()
        base = vader.lexicon.get(lower, 0.0)
        final = float(after_but[i])
        if base == 0 and final == 0 and lower not in override_words:
            continue
        adjustment = [*labels[i], *_but_rule_labels(before_but[i], after_but[i])]
        a, b = spans[i]
        note = _vader_word_note(an, word, text, a, b, stock)
        rows.append(
            explanation_row(
                unit_id, "vader", text[a:b], offset + a, offset + b, base, "; ".join(adjustment), final, "word", note
            )
        )
    if not rows:
        return rows
    return rows + _vader_unit_rows(vader, vtext, vader_totals(vader, after_but, vtext), unit_id, text, offset)


def _traced_valences(vader: SentimentIntensityAnalyzer, sentitext: SentiText) -> tuple[list[float], list[list[str]]]:
    """Each word's valence before the 'but' rule, and the labels of the rules that changed it."""
    words = sentitext.words_and_emoticons
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
    return before_but, labels


def _but_rule_labels(before: float, after: float) -> list[str]:
    """The label of what the 'but' rule did to a word's valence (none where it left it alone)."""
    if not before or after == before:
        return []
    ratio = after / before
    if math.isclose(ratio, 0.5):
        return ["before 'but' x0.5"]
    if math.isclose(ratio, 1.5):
        return ["but-clause x1.5"]
    return [f"'but' rule x{ratio:g} (library matches equal values to their first position)"]


def _vader_word_note(an: Analysers, word: str, text: str, a: int, b: int, stock: dict[str, float]) -> str:
    """The note of a word's row: the stock valence an override replaced, the emoji the word was read from."""
    notes = []
    lower = word.lower()
    if an.overrides and lower in an.overrides.vader:
        notes.append(f"override '{an.name}': stock valence {stock.get(lower, 0.0):g}")
    if word != text[a:b]:
        notes.append(f"emoji {text[a:b]} read as '{word}'" if a < len(text) and text[a:b] in an.vader.emojis else "")
    return "; ".join(n for n in notes if n)


def _vader_unit_rows(
    vader: SentimentIntensityAnalyzer, vtext: str, totals: dict[str, float], unit_id: str, text: str, offset: int
) -> list[dict[str, Any]]:
    """The rows about the whole unit: the punctuation emphasis (where there is one), then the normalisation."""
    emphasis = vader._punctuation_emphasis(vtext)
    rows = []
    if totals["punctuation"] or emphasis:
        marks = f"{vtext.count('!')} x '!', {vtext.count('?')} x '?'"
        rows.append(
            (
                emphasis,
                f"punctuation emphasis ({marks})",
                totals["punctuation"],
                "punctuation",
                "VADER adds 0.292 per '!' (up to 4) and 0.18 per '?' (2-3; 0.96 for 4+) in the direction of the "
                "sum; 0 when the sum is 0. Not attributable to one word.",
            )
        )
    rows.append(
        (
            totals["sum"],
            "normalize(alpha=15)",
            totals["compound"],
            "normalisation",
            "compound = sum / sqrt(sum^2 + 15), where sum (base_valence here) is the total of the rows above; "
            "not a contribution: leave this row out when adding valences",
        )
    )
    return [
        explanation_row(unit_id, "vader", "", offset, offset + len(text), base, adjustment, valence, kind, note)
        for base, adjustment, valence, kind, note in rows
    ]


# ---------------------------------------------------------------- explain: TextBlob


def _find_word(lower_text: str, word: str, cursor: int) -> tuple[int, int] | None:
    left = r"(?<!\w)" if word[:1].isalnum() else ""
    right = r"(?!\w)" if word[-1:].isalnum() else ""
    pattern = re.compile(left + re.escape(word) + right)
    m = pattern.search(lower_text, cursor) or pattern.search(lower_text)
    return (m.start(), m.end()) if m else None


def explain_textblob(an: Analysers, text: str, offset: int, unit_id: str) -> list[dict[str, Any]]:
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
        rows.append(explanation_row(unit_id, "textblob", text[a:b], offset + a, offset + b, base, "; ".join(adjustment), float(polarity), kind, note))
    total = float(sum(a[1] for a in assessments))
    rows.append(
        explanation_row(
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


def explanation_row(unit: str, lexicon: str, token: str, start: int, end: int, base: float, adjustment: str, valence: float, kind: str, note: str) -> dict[str, Any]:
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


def explain_unit(an: Analysers, text: str, offset: int, unit_id: str, language: str | None) -> list[dict[str, Any]]:
    reason = unscored_reason(text, WORD_RE.findall(text), language)
    if reason:
        return [explanation_row(unit_id, "", "", offset, offset + len(text), 0.0, "", 0.0, "not scored", reason)]
    return explain_textblob(an, text, offset, unit_id) + explain_vader(an, text, offset, unit_id)


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
    an = analysers_for(overrides)
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
        rows = explain_unit(an, text_or_unit, 0, "", language)
    else:
        raise SentimentError(
            None,
            f"explain() needs a string, Sentence, Paragraph or Document, got {type(text_or_unit).__name__}",
            "pass e.g. doc.unit('p03.s1') or a string",
        )
    for s in sentences:
        rows.extend(explain_unit(an, s.text, s.start, s.id, language))
    frame = pd.DataFrame(rows, columns=EXPLAIN_COLUMNS)
    frame = frame.astype({"start": "int64", "end": "int64", "base_valence": "float64", "valence": "float64"})
    frame.attrs["overrides"] = an.name
    return frame
