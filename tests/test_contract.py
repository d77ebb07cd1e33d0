"""The table contract (written once in ``kit/__init__.py``), checked over every public function that
returns a table, on the op-ed and on one news text.

Each case runs one public call; the checks are the contract's rules: ``start``/``end`` are integer
offsets into ``doc.body`` and the ``text`` column is exactly ``doc.body[start:end]``; a ``unit`` is an id
the document knows; no ``id`` column stands where ``unit`` is meant; share, proportion and rate columns
run 0-1; ``frame`` holds codebook ids and ``label`` beside it their readable names.
"""

from __future__ import annotations

import functools
import re

import pandas as pd
import pytest

import kit

NEWS = "avenatti-convicted"  # a news text with both human annotations (frames and quotes)

# Columns whose values are fractions: every name ending in one of these runs 0-1.
SHARE_COLUMN = re.compile(r"(^|_)(share|percent|proportion|rate|precision|recall|f1|accuracy|defensible)(_|$)")
# Offset pairs: (start column, end column, column holding the spanned text or None).
OFFSET_PAIRS = (
    ("start", "end", "text"),
    ("mention_start", "mention_end", "speaker_mention"),
    ("cue_start", "cue_end", "cue"),
)
NO_SPAN = -1  # documented "no span" marker (an actor never mentioned, a quote without a named speaker)


@functools.cache
def _doc(slug: str) -> kit.Document:
    return kit.load_text(slug)


def _codings(doc: kit.Document) -> pd.DataFrame:
    return pd.concat([kit.load_human_frames(doc.slug), kit.kit_coding(doc)], ignore_index=True)


CALLS = {
    "Codebook.table": lambda doc: kit.load_codebook("mfc").table(),
    "Document.table": lambda doc: doc.table(),
    "Document.paragraph_table": lambda doc: doc.paragraph_table(),
    "ablation": lambda doc: kit.ablation(doc, kit.default_segments(doc)[0]),
    "actors": kit.actors,
    "agreement_table": lambda doc: kit.agreement_table(_codings(doc)),
    "code": kit.code,
    "confusion": lambda doc: kit.confusion(_codings(doc), kit.load_human_frames(doc.slug)["coder"].iloc[0], "kit"),
    "crosswalk": lambda doc: kit.crosswalk(),
    "difference_test": lambda doc: kit.difference_test(
        doc, *kit.default_segments(doc), n_permutations=200, n_bootstrap=200
    ),
    "disagreements": lambda doc: kit.disagreements(kit.score(doc)),
    "dominant_frames": kit.dominant_frames,
    "evaluate": kit.evaluate,
    "explain": lambda doc: kit.explain(doc.sentences[1], doc=doc),
    "frame_profile": kit.frame_profile,
    "human_agreement": lambda doc: kit.human_agreement([doc.slug]),
    "kit_coding": kit.kit_coding,
    "kwic": lambda doc: kit.kwic(doc, "said"),
    "list_texts": lambda doc: kit.list_texts(),
    "load_human_frames": lambda doc: kit.load_human_frames(doc.slug),
    "load_quote_annotation": lambda doc: kit.load_quote_annotation(doc.slug),
    "override_effect": lambda doc: kit.override_effect(doc, "military"),
    "quoted_terms": kit.quoted_terms,
    "quotes_table": kit.quotes_table,
    "salience": kit.salience,
    "score": kit.score,
    "sentence_voices": kit.sentence_voices,
    "speakers": kit.speakers,
    "to_generic": lambda doc: kit.to_generic(kit.code(doc)),
    "voices": kit.voices,
    "word_frequencies": kit.word_frequencies,
}
NEEDS_SEGMENTS = {"ablation", "difference_test"}  # the news texts define no segments

KNOWN_BREAKS: dict[str, str] = {}  # call name -> reason, run as a strict xfail (none today)


def _cases():
    for slug in ("oped", NEWS):
        for name in CALLS:
            if slug == NEWS and name in NEEDS_SEGMENTS:
                continue
            marks = [pytest.mark.xfail(reason=KNOWN_BREAKS[name], strict=True)] if name in KNOWN_BREAKS else []
            yield pytest.param(slug, name, id=f"{slug}-{name}", marks=marks)


def test_every_public_table_function_is_covered():
    """A new public function that returns a DataFrame must get a case here."""
    returns_table = {
        name
        for name in kit.__all__
        if callable(obj := getattr(kit, name))
        and not isinstance(obj, type)
        and "DataFrame" in str(getattr(obj, "__annotations__", {}).get("return", ""))
    }
    assert returns_table - set(CALLS) == set()


def _check_offsets(table: pd.DataFrame, doc: kit.Document) -> None:
    for start, end, text in OFFSET_PAIRS:
        if start not in table.columns:
            continue
        assert pd.api.types.is_integer_dtype(table[start]) and pd.api.types.is_integer_dtype(table[end])
        absent = table[start] == NO_SPAN
        assert (table.loc[absent, end] == NO_SPAN).all(), f"'{start}' is {NO_SPAN} but '{end}' is not"
        spans = table[~absent]
        assert (spans[start] >= 0).all(), f"negative '{start}'"
        assert (spans[start] <= spans[end]).all() and (spans[end] <= len(doc.body)).all()
        if text in table.columns:
            for row in spans.itertuples():
                assert doc.body[getattr(row, start) : getattr(row, end)] == getattr(row, text), (start, row)


def _check_units(table: pd.DataFrame, doc: kit.Document) -> None:
    if "unit" in table.columns:
        known = {u.id for u in doc.paragraphs} | {s.id for s in doc.sentences}
        spanned = table[table["start"] != NO_SPAN] if "start" in table.columns else table  # no span, no unit
        assert set(spanned["unit"]) <= known, set(spanned["unit"]) - known
    assert "id" not in table.columns or "unit" in table.columns, "the unit column is called 'id', not 'unit'"


def _check_shares(table: pd.DataFrame) -> None:
    for column in table.columns:
        if SHARE_COLUMN.search(column) and pd.api.types.is_numeric_dtype(table[column]):
            values = table[column].dropna()
            assert ((values >= 0) & (values <= 1)).all(), f"'{column}' leaves 0-1: {values.max()}"


def _check_frames(table: pd.DataFrame) -> None:
    ids = {f.id for name in kit.list_codebooks() for f in kit.load_codebook(name).frames}
    if "frame" in table.columns:  # codings mark a unit with no frame by the one documented code
        ids = ids | {kit.framing.NO_FRAME} if "coder" in table.columns else ids
        assert set(table["frame"]) <= ids, set(table["frame"]) - ids
    if "label" in table.columns and "frame" not in table.columns:
        assert not set(table["label"]) & ids, "'label' holds frame ids; the id column is 'frame'"


@pytest.mark.parametrize(("slug", "name"), list(_cases()))
def test_table_follows_the_contract(slug, name):
    doc = _doc(slug)
    table = CALLS[name](doc)
    assert isinstance(table, pd.DataFrame)
    _check_offsets(table, doc)
    _check_units(table, doc)
    _check_shares(table)
    _check_frames(table)
