"""Exercise 4, when lexicons disagree: sentences, the words behind each score, a sentence both get wrong."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from kit.checks.feedback import Feedback, Report, describe, document_of, listing, sentence_ids, suggest_unit
from kit.sentiment import disagreements, explain, score
from kit.text import Document

#: |score| below this counts as neutral, for both lexicons (VADER's conventional cut-off,
#: Hutto & Gilbert 2014, applied to TextBlob too so the two are judged alike).
NEUTRAL_BAND = 0.05


def _sign(value: float) -> int:
    return 0 if abs(value) < NEUTRAL_BAND else (1 if value > 0 else -1)


def _sentence_list(value: Any, n: int, report: Report, document: Document) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Iterable) or isinstance(value, Mapping | pd.DataFrame):
        raise report.stop(f"expected a list of {n} sentence ids such as ['p01.s1', ...]; got {describe(value)}")
    ids = list(value)
    known = set(sentence_ids(document))
    unknown = [i for i in ids if i not in known]
    for i in unknown:
        report.bad(f"{i!r} is not a sentence id{suggest_unit(str(i), known)}")
    if len(set(ids)) != len(ids):
        report.bad("the same sentence appears twice")
    if len(set(ids)) < n:
        report.bad(f"you chose {len(set(ids))} of the {n} sentences")
    return [i for i in ids if i in known]


def check_lexicon_choice(sentence_ids: Any, doc: Document | str | None = None, threshold: float = 0.5) -> Feedback:
    """Exercise 4a: three sentences where TextBlob and VADER disagree (``kit.sentiment.disagreements``)."""
    report = Report("Exercise 4a")
    document = document_of(doc)
    ids = _sentence_list(sentence_ids, 3, report, document)
    listed = set(disagreements(score(document), threshold=threshold)["unit"])
    agree = [i for i in ids if i not in listed]
    if agree:
        report.bad(f"{listing(agree)}: the two lexicons do not disagree there (by the rules of disagreements())")
    if ids and not agree:
        report.ok(f"the lexicons disagree on all {len(ids)} sentences you chose")
    return report.finish("disagreements(score(doc)) lists the sentences to choose from")


def _contributions(document: Document, sentence_id: str) -> pd.DataFrame:
    ex = explain(document.unit(sentence_id))
    return ex[ex["kind"].isin(["word", "phrase"]) & (ex["valence"] != 0)]


def check_word_explanations(words: Any, doc: Document | str | None = None) -> Feedback:
    """Exercise 4b: for each chosen sentence, the words that moved each lexicon's score.

    ``words`` maps a sentence id to ``{"textblob": [...], "vader": [...]}``. Each listed word must
    be a word (or a word of a phrase) with a non-zero valence in ``explain()`` for that lexicon, and
    the list must include the lexicon's strongest word (largest absolute valence).
    """
    report = Report("Exercise 4b")
    document = document_of(doc)
    example = "{'p03.s1': {'textblob': ['...'], 'vader': ['...']}, ...}"
    report.require_mapping(words, example, "your dict is empty", "fill in the words for each of your three sentences")
    known = set(sentence_ids(document))
    for sid, per_lexicon in words.items():
        if sid not in known:
            report.bad(f"{sid!r} is not a sentence id{suggest_unit(str(sid), known)}")
            continue
        if not isinstance(per_lexicon, Mapping) or set(per_lexicon) != {"textblob", "vader"}:
            report.bad(f"{sid}: expected {{'textblob': [...], 'vader': [...]}}; got {describe(per_lexicon)}"
                       + (f" with keys {sorted(map(str, per_lexicon))}" if isinstance(per_lexicon, Mapping) else ""))
            continue
        rows = _contributions(document, sid)
        for lexicon in ("textblob", "vader"):
            given = per_lexicon[lexicon]
            if isinstance(given, str) or not isinstance(given, Iterable):
                report.bad(f"{sid} {lexicon}: expected a list of words; got {describe(given)}")
                continue
            given = [str(w).lower() for w in given]
            mine = rows[rows["lexicon"] == lexicon]
            tokens = [str(t).lower() for t in mine["token"]]
            vocabulary = set(tokens) | {w for t in tokens for w in t.split()}
            stray = [w for w in given if w not in vocabulary]
            if stray:
                report.bad(f"{sid} {lexicon}: {listing(stray)} did not move {lexicon}'s score")
            if mine.empty:
                if not given:
                    report.ok(f"{sid} {lexicon}: no word moved the score, and your list is empty")
                continue
            top = str(mine.loc[mine["valence"].abs().idxmax(), "token"]).lower()
            if top in given or any(w in given for w in top.split()):
                if not stray:
                    report.ok(f"{sid} {lexicon}: your words all count, including the strongest one")
            else:
                report.bad(f"{sid} {lexicon}: the word with the largest effect is missing from your list")
    return report.finish("explain(doc.unit(sentence_id)) has one row per word; sort by the absolute valence")


def check_both_wrong(sentence_id: Any, my_polarity: Any, doc: Document | str | None = None) -> Feedback:
    """Exercise 4d: a sentence where both lexicons miss your own reading of it.

    ``my_polarity`` is your judgement: -1 (negative), 0 (neutral) or +1 (positive). A lexicon's
    score counts as neutral when its absolute value is below 0.05 (NEUTRAL_BAND).
    """
    report = Report("Exercise 4d")
    document = document_of(doc)
    known = set(sentence_ids(document))
    if not isinstance(sentence_id, str) or sentence_id not in known:
        raise report.stop(f"expected one sentence id such as 'p27.s1'; got {describe(sentence_id)}"
                          f"{suggest_unit(str(sentence_id), known) if isinstance(sentence_id, str) else ''}")
    if my_polarity not in (-1, 0, 1) or isinstance(my_polarity, bool):
        raise report.stop(f"my_polarity should be -1, 0 or 1 (your own reading); got {describe(my_polarity)}")
    row = score(document).set_index("unit").loc[sentence_id]
    verdicts = {"TextBlob": _sign(float(row["textblob_polarity"])), "VADER": _sign(float(row["vader_compound"]))}
    report.ok(f"you read {sentence_id} as {({-1: 'negative', 0: 'neutral', 1: 'positive'})[int(my_polarity)]}")
    for name, verdict in verdicts.items():
        if verdict == my_polarity:
            report.bad(f"{name} agrees with your reading of this sentence")
        else:
            report.ok(f"{name} does not agree with your reading")
    return report.finish("look for a sentence whose tone comes from facts, irony or quotation rather than from "
                         "emotional words")
