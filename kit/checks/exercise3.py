"""Exercise 3, voices: who speaks directly and who is paraphrased, a fixed attribution, absent voices."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from kit.checks.feedback import Feedback, Report, closest, describe, document_of, listing, plural
from kit.quotes import actors, load_quote_annotation, quotes_table, same_speaker, span_overlap, speaker_words
from kit.text import Document


def annotated_speakers(slug: str = "oped") -> dict[str, set[str]]:
    """Speakers of the human quote annotation (``texts/annotations/<slug>_quotes.yml``) by kind.

    Returns ``{"direct": {...}, "indirect": {...}}`` (``mixed`` counts as both).
    """
    kinds: dict[str, set[str]] = {"direct": set(), "indirect": set()}
    for quote in _annotated_quotes(slug):
        if quote["kind"] in ("direct", "mixed"):
            kinds["direct"].add(quote["speaker"])
        if quote["kind"] in ("indirect", "mixed"):
            kinds["indirect"].add(quote["speaker"])
    return kinds


def _names(value: Any, what: str, report: Report) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Iterable) or isinstance(value, Mapping | pd.DataFrame):
        raise report.stop(f"expected {what} as a list of names, e.g. ['Jane Doe', 'the ministry']; "
                          f"got {describe(value)}")
    names = list(value)
    bad = [n for n in names if not isinstance(n, str) or not speaker_words(n)]
    if bad:
        raise report.stop(f"every name in {what} should be a non-empty string; got {listing(bad)}")
    return names


def _compare_names(given: list[str], truth: set[str], what: str, report: Report, hint_wrong: str) -> None:
    wrong = [g for g in given if not any(same_speaker(g, t) for t in truth)]
    covered = {t for t in truth if any(same_speaker(g, t) for g in given)}
    if given and len(wrong) < len(given):
        n_right = len(given) - len(wrong)
        report.ok(f"{n_right} of your {len(given)} {what} {'is' if n_right == 1 else 'are'} right")
    if wrong:
        report.bad(f"{listing(wrong)}: {hint_wrong}")
    if len(covered) < len(truth):
        n = len(truth) - len(covered)
        report.bad(f"{n} more {what if n > 1 else what[:-1]} {'is' if n == 1 else 'are'} missing from your list")
    elif not wrong:
        report.ok(f"you found every one of them ({len(truth)})")


def check_voices(direct: Any, reported: Any, slug: str = "oped") -> Feedback:
    """Exercise 3a: who is quoted directly and who is paraphrased, against the human annotation.

    Names match on their words, ignoring titles ("Putin" matches "Vladimir Putin"); group speakers
    ("junta officials", "rights groups") and unnamed ones ("one expert") count as speakers.
    """
    report = Report("Exercise 3a")
    direct_names = _names(direct, "direct", report)
    reported_names = _names(reported, "reported", report)
    if not direct_names and not reported_names:
        raise report.stop("both lists are empty", "read the op-ed for quotation marks (direct) and cue verbs such "
                          "as 'told', 'hailed', 'according to' (reported)")
    truth = annotated_speakers(slug)
    _compare_names(direct_names, truth["direct"], "direct speakers", report,
                   "never quoted word for word inside quotation marks")
    _compare_names(reported_names, truth["indirect"], "reported speakers", report,
                   "nothing in the text is reported as said by them without quotation marks")
    return report.finish("a reported statement has a cue (told, hailed, revealed, asked, according to) but no "
                         "quotation marks; one speaker can be in both lists")


FIX_KEYS = ("unit", "kind", "speaker", "start", "end")


def check_attribution_fix(fix: Any, doc: Document | str | None = None, min_overlap: float = 0.5) -> Feedback:
    """Exercise 3b: a statement the kit misses or misattributes, with its right speaker and kind.

    ``fix`` is a dict with ``unit`` (sentence id), ``kind`` ("direct" | "indirect"), ``speaker``,
    ``start`` and ``end`` (offsets of the quoted or reported content in ``doc.body``). It must match a
    statement of the human annotation (overlap >= ``min_overlap`` of the shorter span) that the kit
    does not already attribute to the same speaker.
    """
    report = Report("Exercise 3b")
    document = document_of(doc)
    example = "{'unit': 'p05.s1', 'kind': 'indirect', 'speaker': '...', 'start': 1312, 'end': 1430}"
    report.require_mapping(
        fix, example, "your fix is empty", "find a statement in quotes_table(doc) that is missing or attributed to the wrong speaker"
    )
    missing = [k for k in FIX_KEYS if k not in fix]
    if missing:
        raise report.stop(f"your fix lacks the key(s) {listing(missing)}; expected {example}")
    start, end = fix["start"], fix["end"]
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(document.body):
        raise report.stop(f"start and end should be whole numbers with 0 <= start < end <= {len(document.body)}; "
                          f"got {start!r} and {end!r}", "take them from the sentence's start plus str.find()")
    sentence = document.sentence_at(start)
    if fix["unit"] != (sentence.id if sentence else None):
        where = f"sentence {sentence.id}" if sentence else "no sentence"
        report.bad(f"unit {fix['unit']!r} does not hold the start of your span (offset {start} is in {where})")
    report.ok(f"your span is {document.body[start:end][:50]!r}{'...' if end - start > 50 else ''}")
    gold = [q for q in _annotated_quotes(document.slug) if span_overlap((start, end), (q["start"], q["end"])) >= min_overlap]
    if not gold:
        raise report.stop("no statement of the human annotation overlaps your span by half or more",
                          "a span covers what is said (inside the quotation marks, or after the cue verb)")
    truth = gold[0]
    kit = quotes_table(document)
    same = [
        r for r in kit.itertuples()
        if span_overlap((start, end), (r.start, r.end)) >= min_overlap and same_speaker(r.speaker or "", truth["speaker"])
    ]
    if same:
        report.bad("the kit already finds this statement and attributes it to the right speaker; choose another")
    else:
        report.ok("the kit misses this statement or gives it another speaker")
    if not isinstance(fix["speaker"], str) or not same_speaker(fix["speaker"], truth["speaker"]):
        report.bad(f"{fix['speaker']!r} is not who the annotation says makes this statement")
    else:
        report.ok("the speaker is right")
    kind = truth["kind"] if truth["kind"] != "mixed" else fix["kind"]
    if fix["kind"] != kind:
        report.bad(f"kind {fix['kind']!r} is not right for this statement (direct = inside quotation marks)")
    return report.finish("compare quotes_table(doc) with the text sentence by sentence; the kit's cue list "
                         "(kit/quotes/cues.yml) decides what it can see")


def _annotated_quotes(slug: str) -> list[dict[str, Any]]:
    """The human annotation's quotes that name a speaker, read by ``kit.quotes.load_quote_annotation``."""
    table = load_quote_annotation(slug)
    return [q for q in table.to_dict("records") if isinstance(q.get("speaker"), str) and q["speaker"]]


def check_absent_voices(absent: Any, doc: Document | str | None = None) -> Feedback:
    """Exercise 3c: the actor groups the text talks about but never lets speak (``kit.quotes.actors``).

    Accepts actor ids or labels of the text's actor groups (``kit.quotes.text_actors``); compared
    with the groups that are mentioned at least once and have no quote attributed to them.
    """
    report = Report("Exercise 3c")
    names = _names(absent, "absent", report)
    if not names:
        raise report.stop("your list is empty", "look at actors(doc): who is mentioned but never speaks?")
    table = actors(document_of(doc))
    lookup = {str(a).lower(): a for a in table["actor"]} | {str(lab).lower(): a for a, lab in
                                                              zip(table["actor"], table["label"], strict=True)}
    unknown = [n for n in names if n.lower() not in lookup]
    if unknown:
        report.bad(f"{listing(unknown)}: not an actor id or label of the text's actor groups (actors(doc))"
                   f"{closest(unknown[0].lower(), lookup)}")
    chosen = {lookup[n.lower()] for n in names if n.lower() in lookup}
    silent = set(table.loc[(table["mentions"] > 0) & ~table["speaks"].astype(bool), "actor"])
    speaking = sorted(chosen - silent)
    if speaking:
        report.bad(f"{listing(speaking)}: a quote or reported statement is attributed to this group")
    found = chosen & silent
    if found:
        report.ok(f"{plural(len(found), 'group')} mentioned but never heard")
    if len(found) < len(silent):
        n = len(silent) - len(found)
        report.bad(f"{plural(n, 'more group')} {'is' if n == 1 else 'are'} mentioned but never heard")
    return report.finish("actors(doc) has a 'mentions' and a 'speaks' column")
