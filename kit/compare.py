"""Segments of a text and their comparison: two parts of one text (by default the sentences with quotes against the rest).

A *segment* is a named part of a text. It is defined in the text's front matter under ``segments:``
(see ``texts/README.md``) or passed as a parameter, as a mapping with exactly one of

- ``units``: paragraph or sentence ids (``[p03]``, ``[p02.s2, p12]``); a paragraph stands for all
  its sentences; an id may be pinned to its words (``p25.s2@3fa9c1``, :mod:`kit.pins`), and a pinned
  id whose words have changed is dropped from the segment and listed in ``Segment.dropped``;
- ``keywords``: patterns in the kit's one pattern language (:mod:`kit.patterns`, as in a codebook),
  matched case-insensitively inside each sentence (``drone*``, ``UAV``; a phrase, ``rat king*``,
  matches consecutive tokens);
- ``frame``: a frame id of a codebook; the segment is every sentence whose dominant frame
  (:func:`kit.framing.dominant_frames`) is that frame;

plus an optional ``description`` and, for segments passed as parameters, an optional ``name``.
A list of unit ids is accepted as a shorthand for ``{"units": [...]}``. Whatever its definition,
a segment resolves to a tuple of sentence ids in reading order, and an empty segment is an error.

The comparison is descriptive (Krippendorff 2004, ch. 10 on the analysis of content units): sizes,
mean sentence sentiment (Hutto & Gilbert 2014; TextBlob's pattern analyser), frame hits per 100
words (Boydstun et al. 2014 codebook) and sourcing. :func:`difference_test` adds an honest
statistic for one measure: a permutation test (Good 2005, *Permutation, Parametric and Bootstrap
Tests of Hypotheses*) and a bootstrap interval (Efron & Tibshirani 1993). Sentences of one article
are not independent draws, and segments of a few sentences cannot carry much weight: the test
says so in its ``warning`` column.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from kit import pins
from kit.errors import SegmentError
from kit.patterns import compile_patterns, find
from kit.sentiment import SCORE_MEASURES
from kit.text import Document, front_matter_line

#: Keys a segment definition may have; exactly one of DEFINING_KEYS.
DEFINING_KEYS = ("units", "keywords", "frame")
OPTIONAL_KEYS = ("description", "name")

#: Per-sentence sentiment columns of :func:`kit.sentiment.score` that can be compared.
SENTIMENT_MEASURES = SCORE_MEASURES

#: Below this many sentences in a segment, :func:`difference_test` adds a warning.
FEW_SENTENCES = 10
#: Below this many sentences in a segment a percentile bootstrap interval is not reported: resampling
#: two or three values gives an interval that looks precise and means nothing.
MIN_BOOTSTRAP = 5

COMPARISON_COLUMNS = ["segment", "measure", "family", "value", "n_sentences", "n_words", "evidence"]
TEST_COLUMNS = [
    "segment_a",
    "segment_b",
    "measure",
    "n_a",
    "n_b",
    "mean_a",
    "mean_b",
    "difference",
    "p_value",
    "method",
    "n_relabelings",
    "ci_low",
    "ci_high",
    "ci_level",
    "n_bootstrap",
    "seed",
    "units_a",
    "units_b",
    "warning",
]
ABLATION_COLUMNS = [
    "frame",
    "label",
    "hits_before",
    "hits_after",
    "hits_removed",
    "share_before",
    "share_after",
    "change_pp",
    "per_100_words_before",
    "per_100_words_after",
]


@dataclass(frozen=True)
class Segment:
    """A named part of a text, resolved to sentence ids in reading order."""

    name: str
    description: str
    definition: Mapping[str, Any] = field(hash=False)
    sentence_ids: tuple[str, ...]
    #: One line per pinned unit id left out because the body no longer has its words (``kit.pins``).
    dropped: tuple[str, ...] = ()

    @property
    def n_sentences(self) -> int:
        return len(self.sentence_ids)


# ------------------------------------------------------------------ access to the analysis modules
# Imported lazily, so that ``kit.compare`` imports even where an analysis module is missing.


def _sentence_scores(doc: Document) -> pd.DataFrame:
    from kit import sentiment

    return sentiment.score(doc, unit="sentence")


def _frame_hits(doc: Document, codebook: str) -> pd.DataFrame:
    from kit import framing

    return framing.code(doc, codebook)


def _frame_order(codebook: str) -> tuple[str, ...]:
    from kit import framing

    return tuple(f.id for f in framing.load_codebook(codebook).frames)


def _dominant_frames(doc: Document, codebook: str) -> pd.DataFrame:
    from kit import framing

    return framing.dominant_frames(doc, codebook, unit="sentence")


def _quotes(doc: Document) -> list[Any]:
    from kit import quotes

    return list(quotes.extract(doc))


def _frame_profile(doc: Document, codebook: str, units: Sequence[str] | None) -> pd.DataFrame:
    from kit import framing

    return framing.frame_profile(doc, codebook, units=units)


@dataclass(frozen=True)
class Analyses:
    """The analyses a comparison reads, one callable each (the defaults call the kit's modules).

    Tests replace :data:`ANALYSES` with toy callables returning tables of the contracted shape, to
    check the comparison logic on data small enough to verify by hand.
    """

    sentence_scores: Callable[..., Any] = _sentence_scores  # (doc) -> sentiment.score(doc, unit="sentence")
    frame_hits: Callable[..., Any] = _frame_hits  # (doc, codebook) -> framing.code(doc, codebook)
    frame_order: Callable[..., Any] = _frame_order  # (codebook) -> the codebook's frame ids in order
    dominant_frames: Callable[..., Any] = _dominant_frames  # (doc, codebook) -> framing.dominant_frames by sentence
    quotes: Callable[..., Any] = _quotes  # (doc) -> the quotes.extract(doc) list
    frame_profile: Callable[..., Any] = _frame_profile  # (doc, codebook, units) -> framing.frame_profile


#: The analyses every comparison in this module reads.
ANALYSES = Analyses()


# ------------------------------------------------------------------ defining and resolving segments


def _source(doc: Document) -> str:
    return str(doc.path) if doc.path is not None else doc.slug


def _front_matter_where(doc: Document, name: str) -> Callable[[str | None], str]:
    """Where a front-matter segment's problem is: ``file:LINE: segments.NAME``, LINE the offending key's."""

    def at(key: str | None) -> str:
        keys = ("segments", name) if key is None else ("segments", name, key)
        line = front_matter_line(doc, *keys)
        return f"{_source(doc)}{f':{line}' if line else ''}: segments.{name}"

    return at


def _as_list(value: Any, where: str, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not value:
        raise SegmentError(where, f"'{key}' must be a non-empty list", f"write e.g. {key}: [{_example(key)}]")
    bad = [v for v in value if not isinstance(v, str) or not v.strip()]
    if bad:
        raise SegmentError(where, f"'{key}' holds {bad[0]!r}, not a non-empty text", "quote each entry as a string")
    return [v.strip() for v in value]


def _example(key: str) -> str:
    return {"units": "p03, p12.s1", "keywords": '"drone*", "rat king*"', "frame": "security_and_defense"}[key]


def _unit_range(doc: Document) -> str:
    if not doc.paragraphs:
        return "the text has no paragraphs"
    first, last = doc.paragraphs[0], doc.paragraphs[-1]
    last_s = last.sentences[-1].id if last.sentences else last.id
    return f"paragraphs {first.id}..{last.id}, sentences {first.id}.s1..{last_s}"


def _resolve_units(doc: Document, ids: list[str], where: str) -> tuple[list[str], tuple[str, ...]]:
    """The sentence ids a list of unit ids stands for, and one line per stale pinned id left out."""
    kept, stale = pins.check(doc, ids)
    if stale and not kept:
        more = f" (and {len(stale) - 1} more of its pinned ids)" if len(stale) > 1 else ""
        raise SegmentError(where, f"every unit is stale: {stale[0].problem()}{more}", stale[0].fix(doc.slug))
    dropped = tuple(f"{where}: {s.problem()}; left out of the segment. Fix: {s.fix(doc.slug)}" for s in stale)
    index = {p.id: p for p in doc.paragraphs}
    sentences = {s.id for s in doc.sentences}
    wanted: set[str] = set()
    for uid in kept:
        if uid in index:
            wanted.update(s.id for s in index[uid].sentences)
        elif uid in sentences:
            wanted.add(uid)
        else:
            raise SegmentError(
                where,
                f"unknown unit id {uid!r} in text '{doc.slug}'",
                f"use ids that exist ({_unit_range(doc)}); see doc.table()",
            )
    return [s.id for s in doc.sentences if s.id in wanted], dropped


def keyword_hits(doc: Document, keywords: Iterable[str]) -> pd.DataFrame:
    """Where keywords match the text: one row per match (``unit``, ``keyword``, ``matched``, ``start``, ``end``).

    Keywords are written in the kit's pattern language (:mod:`kit.patterns`, as in a codebook):
    ``drone*`` matches every token starting with ``drone``, ``military`` also ``military’s``, and a
    phrase matches consecutive tokens (never across punctuation or a sentence); matching ignores case.
    A token can match several keywords; each keyword counts it once.

    >>> from kit.text import from_string
    >>> doc = from_string("Drones flew. The rat king spoke. No match here.")
    >>> keyword_hits(doc, ["drone*", "rat king*"])[["unit", "matched"]].values.tolist()
    [['p01.s1', 'Drones'], ['p01.s2', 'rat king']]
    """
    starts = [s.start for s in doc.sentences]
    ids = [s.id for s in doc.sentences]
    rows = []
    for kw in keywords:
        for start, end, _ in find(doc.body, compile_patterns([kw], where=f"keyword {kw!r}", error=SegmentError)):
            sentence = bisect.bisect_right(starts, start) - 1
            if sentence + 1 < len(starts) and end > starts[sentence + 1]:
                continue  # a keyword matches inside one sentence
            rows.append({"unit": ids[sentence], "keyword": kw, "matched": doc.body[start:end], "start": start, "end": end})
    table = pd.DataFrame(rows, columns=["unit", "keyword", "matched", "start", "end"])
    return table.sort_values(["start", "keyword"], kind="stable").reset_index(drop=True)


def _resolve_frame(doc: Document, frame: str, codebook: str, where: str) -> list[str]:
    order = ANALYSES.frame_order(codebook)
    if frame not in order:
        raise SegmentError(
            where,
            f"unknown frame {frame!r} in codebook '{codebook}'",
            f"use one of: {', '.join(order)}",
        )
    dominant = ANALYSES.dominant_frames(doc, codebook)
    chosen = set(dominant.loc[dominant["dominant_frame"] == frame, "unit"])
    return [s.id for s in doc.sentences if s.id in chosen]


def _definition_name(definition: Mapping[str, Any]) -> str:
    for key in DEFINING_KEYS:
        if key in definition:
            value = definition[key]
            shown = ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
            return f"{key}: {shown}"
    return "segment"


def _build_segment(
    doc: Document,
    name: str | None,
    definition: Any,
    codebook: str,
    where: str,
    at: Callable[[str | None], str] | None = None,
) -> Segment:
    """Resolve one definition; ``at(key)`` says where a problem with ``key`` is (default: ``where``)."""
    at = at or (lambda key: where)
    if isinstance(definition, (list, tuple)):
        definition = {"units": list(definition)}
    if not isinstance(definition, Mapping):
        raise SegmentError(
            at(None),
            f"a segment definition must be a mapping, not {type(definition).__name__}",
            "write e.g. {'units': ['p03']} or {'keywords': ['drone*']} or {'frame': 'security_and_defense'}",
        )
    unknown = sorted(str(k) for k in definition if k not in DEFINING_KEYS + OPTIONAL_KEYS)
    if unknown:
        raise SegmentError(
            at(unknown[0]),
            f"unknown key {unknown[0]!r} in segment definition",
            f"use exactly one of {', '.join(DEFINING_KEYS)}, plus optional {', '.join(OPTIONAL_KEYS)}",
        )
    present = [k for k in DEFINING_KEYS if k in definition]
    if len(present) != 1:
        problem = "no" if not present else f"several ({', '.join(present)}):"
        raise SegmentError(
            at(present[1] if len(present) > 1 else None),
            f"segment definition has {problem} defining keys",
            f"give exactly one of {', '.join(DEFINING_KEYS)}",
        )
    key = present[0]
    dropped: tuple[str, ...] = ()
    description = definition.get("description", "") or ""
    if not isinstance(description, str):
        raise SegmentError(at("description"), "'description' must be a text", "quote the description")
    if name is None:
        given = definition.get("name")
        if given is not None and (not isinstance(given, str) or not given.strip()):
            raise SegmentError(at("name"), "'name' must be a non-empty text", "give the segment a short name")
        name = given.strip() if given else _definition_name(definition)

    if key == "units":
        value: Any = tuple(_as_list(definition["units"], at("units"), "units"))
        ids, dropped = _resolve_units(doc, list(value), at("units"))
    elif key == "keywords":
        value = tuple(_as_list(definition["keywords"], at("keywords"), "keywords"))
        for keyword in value:
            if not any(ch.isalnum() for ch in keyword):
                raise SegmentError(
                    at("keywords"),
                    f"keyword {keyword!r} has no letter or digit, so it would match every sentence",
                    "write a word or a stem such as 'drone*'",
                )
            compile_patterns([keyword], where=at("keywords"), error=SegmentError)
        hits = keyword_hits(doc, value)
        chosen = set(hits["unit"])
        ids = [s.id for s in doc.sentences if s.id in chosen]
    else:
        value = definition["frame"]
        if not isinstance(value, str) or not value.strip():
            raise SegmentError(at("frame"), "'frame' must be one frame id", f"write e.g. frame: {_example('frame')}")
        value = value.strip()
        ids = _resolve_frame(doc, value, codebook, at("frame"))
    if not ids:
        raise SegmentError(
            at(key),
            f"segment '{name}' ({key}: {', '.join(value) if isinstance(value, tuple) else value}) "
            f"matches no sentence of text '{doc.slug}'",
            "check the definition against doc.table(); an empty segment cannot be compared",
        )
    clean = {key: value}
    if description:
        clean["description"] = description
    return Segment(
        name=name, description=description, definition=MappingProxyType(clean), sentence_ids=tuple(ids), dropped=dropped
    )


def _front_matter_segments(doc: Document) -> dict[str, Any]:
    raw = doc.metadata.get("segments") or {}
    if not isinstance(raw, Mapping):
        line = front_matter_line(doc, "segments")
        raise SegmentError(
            f"{_source(doc)}{f':{line}' if line else ''}: segments",
            "'segments' must be a mapping of name -> definition",
            "see the Segments section of texts/README.md",
        )
    return dict(raw)


def segments(doc: Document, codebook: str = "mfc") -> dict[str, Segment]:
    """The segments the text defines in its front matter, resolved, in the order they are written.

    >>> from kit.text import load_text
    >>> segs = segments(load_text("oped"))
    >>> list(segs), segs["rat_king"].sentence_ids
    (['rat_king', 'security_claims'], ('p03.s1', 'p03.s2'))
    """
    return {
        str(name): _build_segment(
            doc, str(name), definition, codebook, f"{_source(doc)}: segments.{name}", _front_matter_where(doc, str(name))
        )
        for name, definition in _front_matter_segments(doc).items()
    }


def resolve_segment(doc: Document, name_or_definition: Any, codebook: str = "mfc") -> Segment:
    """Resolve a segment name (from the front matter), a definition mapping or a list of unit ids.

    >>> from kit.text import from_string
    >>> doc = from_string("Drones flew. Cats slept.\\n\\nMore drones came.")
    >>> resolve_segment(doc, {"keywords": ["drone*"], "name": "drones"}).sentence_ids
    ('p01.s1', 'p02.s1')
    >>> resolve_segment(doc, ["p02"]).name
    'units: p02'
    """
    if isinstance(name_or_definition, Segment):
        missing = set(name_or_definition.sentence_ids) - {s.id for s in doc.sentences}
        if missing:
            raise SegmentError(
                f"segment '{name_or_definition.name}'",
                f"sentences {', '.join(sorted(missing))} are not in text '{doc.slug}'",
                "resolve the segment again on this text",
            )
        return name_or_definition
    if isinstance(name_or_definition, str):
        defined = _front_matter_segments(doc)
        name = name_or_definition
        if name not in defined:
            listed = ", ".join(map(str, defined)) or "(none: add a 'segments:' block to the front matter)"
            raise SegmentError(
                _source(doc),
                f"unknown segment {name!r}",
                f"use one of the segments the text defines: {listed}; or pass a definition such as "
                "{'units': ['p03']}",
            )
        return _build_segment(
            doc, name, defined[name], codebook, f"{_source(doc)}: segments.{name}", _front_matter_where(doc, name)
        )
    return _build_segment(doc, None, name_or_definition, codebook, "segment definition")


def default_segments(doc: Document) -> tuple[str, str]:
    """The names of the first two segments the text defines (what the comparison lesson compares).

    >>> from kit.text import load_text
    >>> default_segments(load_text("oped"))
    ('rat_king', 'security_claims')
    """
    names = [str(n) for n in _front_matter_segments(doc)]
    if len(names) < 2:
        raise SegmentError(
            _source(doc),
            f"the text defines {len(names)} segment(s) ({', '.join(names) or 'none'}); two are needed",
            "add two named segments under 'segments:' in the front matter (see texts/README.md), "
            "or pass both definitions as parameters",
        )
    return names[0], names[1]


def _pair(doc: Document, a: Any, b: Any, codebook: str) -> tuple[Segment, Segment]:
    seg_a = resolve_segment(doc, a, codebook)
    seg_b = resolve_segment(doc, b, codebook)
    if seg_a.name == seg_b.name:
        raise SegmentError(
            f"segments '{seg_a.name}'",
            "both segments have the same name, so the table could not tell them apart",
            "give one of them another name (a 'name' key in its definition)",
        )
    return seg_a, seg_b


# ------------------------------------------------------------------ the comparison table


def _fmt(value: float) -> str:
    return f"{value:+.3f}"


def _sentence_words(doc: Document, seg: Segment) -> dict[str, int]:
    wanted = set(seg.sentence_ids)
    return {s.id: s.n_words for s in doc.sentences if s.id in wanted}


def _quote_overlaps(q: Any, spans: list[tuple[int, int]]) -> bool:
    return any(q.start < end and start < q.end for start, end in spans)


def compare(doc: Document, a: Any, b: Any, codebook: str = "mfc") -> pd.DataFrame:
    """Compare two segments side by side: one row per (measure, segment) in a tidy long table.

    Columns: ``segment``, ``measure``, ``family`` (size | sentiment | frames | voices), ``value``,
    ``n_sentences``, ``n_words``, ``evidence`` (the sentence ids, scores or words behind the value).
    Measures, in this order, each for segment ``a`` then ``b``:

    - ``n_sentences``, ``n_words``;
    - ``mean_textblob_polarity``, ``mean_textblob_subjectivity``, ``mean_vader_compound``: the
      unweighted mean of sentence scores (:func:`kit.sentiment.score`; Hutto & Gilbert 2014);
    - ``frame:<id>``: hits of that frame per 100 words of the segment (:func:`kit.framing.code`,
      Boydstun et al. 2014), for every frame with a hit in either segment, in codebook order;
    - ``direct_quote_word_share``: share (0-1) of the segment's words inside direct quotes;
      ``n_quotes``: quotes of any kind overlapping the segment; ``n_speakers``: distinct named
      speakers of those quotes (:func:`kit.quotes.extract`).

    Segments may overlap; each is measured on its own sentences.
    """
    seg_a, seg_b = _pair(doc, a, b, codebook)
    scores = ANALYSES.sentence_scores(doc)
    hits = ANALYSES.frame_hits(doc, codebook)
    quotes = ANALYSES.quotes(doc)
    order = ANALYSES.frame_order(codebook)
    return _comparison_table(doc, (seg_a, seg_b), scores, hits, quotes, order)


def _comparison_table(
    doc: Document,
    segs: tuple[Segment, Segment],
    scores: pd.DataFrame,
    hits: pd.DataFrame,
    quotes: list[Any],
    frame_order: Sequence[str],
) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []
    info = {seg.name: _sentence_words(doc, seg) for seg in segs}

    def add(seg: Segment, measure: str, family: str, value: float, evidence: str) -> None:
        words = info[seg.name]
        rows.append(
            {
                "segment": seg.name,
                "measure": measure,
                "family": family,
                "value": float(value),
                "n_sentences": len(words),
                "n_words": sum(words.values()),
                "evidence": evidence,
            }
        )

    for seg in segs:
        add(seg, "n_sentences", "size", len(seg.sentence_ids), "; ".join(seg.sentence_ids))
    for seg in segs:
        words = info[seg.name]
        add(seg, "n_words", "size", sum(words.values()), "; ".join(f"{sid}={n}" for sid, n in words.items()))

    by_unit = scores.set_index("unit")
    for column in ("textblob_polarity", "textblob_subjectivity", "vader_compound"):
        for seg in segs:
            values = by_unit.loc[list(seg.sentence_ids), column].astype(float)
            evidence = "; ".join(f"{sid}={_fmt(v)}" for sid, v in values.items())
            add(seg, f"mean_{column}", "sentiment", float(values.mean()), evidence)

    in_seg = {seg.name: hits[hits["unit"].isin(seg.sentence_ids)] for seg in segs}
    hit_frames = set().union(*(set(h["frame"]) for h in in_seg.values()))
    frames = [f for f in frame_order if f in hit_frames] + sorted(hit_frames - set(frame_order))
    for frame in frames:
        for seg in segs:
            n_words = sum(info[seg.name].values())
            mine = in_seg[seg.name][in_seg[seg.name]["frame"] == frame]
            per_100 = 100.0 * len(mine) / n_words if n_words else 0.0
            evidence = (
                f"{len(mine)} hits"
                + (": " if len(mine) else "")
                + "; ".join(f"{u}:{m}" for u, m in zip(mine["unit"], mine["matched"], strict=True))
            )
            add(seg, f"frame:{frame}", "frames", per_100, evidence)

    for seg in segs:
        spans = [(doc.unit(sid).start, doc.unit(sid).end) for sid in seg.sentence_ids]
        direct = [q for q in quotes if q.kind == "direct" and _quote_overlaps(q, spans)]
        tokens = [t for sid in seg.sentence_ids for t in doc.unit(sid).tokens]
        inside = [t for t in tokens if any(q.start <= t.start and t.end <= q.end for q in direct)]
        share = len(inside) / len(tokens) if tokens else 0.0
        evidence = f"{len(inside)} of {len(tokens)} words in {len(direct)} direct quote(s)"
        if direct:
            evidence += ": " + "; ".join(f"{q.unit} ({q.speaker or 'unattributed'})" for q in direct)
        add(seg, "direct_quote_word_share", "voices", share, evidence)
    seg_quotes = {}
    for seg in segs:
        spans = [(doc.unit(sid).start, doc.unit(sid).end) for sid in seg.sentence_ids]
        seg_quotes[seg.name] = [q for q in quotes if _quote_overlaps(q, spans)]
        evidence = "; ".join(f"{q.unit} {q.kind} ({q.speaker or 'unattributed'})" for q in seg_quotes[seg.name])
        add(seg, "n_quotes", "voices", len(seg_quotes[seg.name]), evidence)
    for seg in segs:
        named = sorted({q.speaker for q in seg_quotes[seg.name] if q.speaker})
        unattributed = sum(1 for q in seg_quotes[seg.name] if not q.speaker)
        evidence = "; ".join(named) + (f" (+{unattributed} unattributed)" if unattributed else "")
        add(seg, "n_speakers", "voices", len(named), evidence)
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def side_by_side(comparison: pd.DataFrame) -> pd.DataFrame:
    """The :func:`compare` table as one row per measure and one column per segment (order kept)."""
    measures = list(dict.fromkeys(comparison["measure"]))
    names = list(dict.fromkeys(comparison["segment"]))
    wide = comparison.pivot(index="measure", columns="segment", values="value")
    wide = wide.loc[measures, names]
    wide.columns.name = None
    return wide


# ------------------------------------------------------------------ an honest statistic


def permutation_test(
    a: Sequence[float], b: Sequence[float], n_permutations: int = 10_000, seed: int = 0
) -> dict[str, Any]:
    """Two-sided permutation test of the difference of means ``mean(a) - mean(b)``.

    When the number of distinct relabelings C(n_a + n_b, n_a) is at most ``n_permutations`` they
    are all enumerated and the p-value is exact (the observed labeling counts). Otherwise
    ``n_permutations`` seeded random relabelings are drawn and ``p = (count + 1) / (n + 1)``
    (Phipson & Smyth 2010), which never reports an impossible p of 0.

    >>> permutation_test([1, 2, 3], [4, 5, 6])["p_value"]  # only 2 of 20 splits are as extreme
    0.1
    >>> permutation_test([1, 1, 1], [1, 1, 1])["p_value"]
    1.0
    """
    x = np.asarray(a, dtype=float)
    y = np.asarray(b, dtype=float)
    if len(x) == 0 or len(y) == 0:
        raise SegmentError("permutation test", "a group has no values", "give both groups at least one value")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise SegmentError("permutation test", "the values contain NaN or infinity", "drop or fix those values")
    if n_permutations < 1:
        raise SegmentError("permutation test", f"n_permutations={n_permutations}", "use at least 1 (e.g. 10000)")
    pooled = np.concatenate([x, y])
    n_a, total_n = len(x), len(pooled)
    total = pooled.sum()
    observed = x.mean() - y.mean()
    tolerance = 1e-9 * max(1.0, float(np.abs(pooled).max()))

    def stats(sums_a: np.ndarray) -> np.ndarray:
        return sums_a / n_a - (total - sums_a) / (total_n - n_a)

    n_relabelings = math.comb(total_n, n_a)
    if n_relabelings <= n_permutations:
        count = 0
        for chunk in _batched(itertools.combinations(range(total_n), n_a), 4096):
            sums = pooled[np.array(chunk)].sum(axis=1)
            count += int((np.abs(stats(sums)) >= abs(observed) - tolerance).sum())
        p_value = count / n_relabelings
        method = f"exact permutation ({n_relabelings} relabelings)"
        used = n_relabelings
    else:
        rng = np.random.default_rng(seed)
        count = 0
        remaining = n_permutations
        while remaining:
            size = min(remaining, max(1, 2_000_000 // total_n))
            shuffled = rng.permuted(np.tile(pooled, (size, 1)), axis=1)
            sums = shuffled[:, :n_a].sum(axis=1)
            count += int((np.abs(stats(sums)) >= abs(observed) - tolerance).sum())
            remaining -= size
        p_value = (count + 1) / (n_permutations + 1)
        method = f"Monte Carlo permutation ({n_permutations} relabelings, seed {seed})"
        used = n_permutations
    return {"difference": float(observed), "p_value": float(p_value), "method": method, "n_relabelings": used}


def _batched(iterable: Iterable[Any], size: int) -> Iterable[list[Any]]:
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def bootstrap_interval(
    a: Sequence[float], b: Sequence[float], n_bootstrap: int = 10_000, seed: int = 0, level: float = 0.95
) -> tuple[float, float]:
    """Percentile bootstrap interval for ``mean(a) - mean(b)``, resampling each group on its own.

    Seeded (Efron & Tibshirani 1993, ch. 13). With one value in a group that group never varies.

    >>> bootstrap_interval([1.0, 1.0], [0.0, 0.0])
    (1.0, 1.0)
    """
    x = np.asarray(a, dtype=float)
    y = np.asarray(b, dtype=float)
    if len(x) == 0 or len(y) == 0:
        raise SegmentError("bootstrap", "a group has no values", "give both groups at least one value")
    if not 0 < level < 1:
        raise SegmentError("bootstrap", f"level={level}", "use a level between 0 and 1, e.g. 0.95")
    if n_bootstrap < 1:
        raise SegmentError("bootstrap", f"n_bootstrap={n_bootstrap}", "use at least 1 resample (e.g. 10000)")
    rng = np.random.default_rng([seed, 1])  # a stream apart from the permutation test's
    means_a = x[rng.integers(0, len(x), size=(n_bootstrap, len(x)))].mean(axis=1)
    means_b = y[rng.integers(0, len(y), size=(n_bootstrap, len(y)))].mean(axis=1)
    diffs = means_a - means_b
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(diffs, [tail, 100 - tail])
    return float(low), float(high)


def sentence_values(doc: Document, measure: str = "vader_compound", codebook: str = "mfc") -> pd.Series:
    """One value per sentence (index: sentence id) for a sentiment column or ``frame:<id>``.

    ``frame:<id>`` gives that frame's hits per 100 words of each sentence (0 for a sentence with
    no words).
    """
    if measure in SENTIMENT_MEASURES:
        scores = ANALYSES.sentence_scores(doc)
        return scores.set_index("unit")[measure].astype(float)
    if measure.startswith("frame:"):
        frame = measure.removeprefix("frame:")
        order = ANALYSES.frame_order(codebook)
        if frame not in order:
            raise SegmentError(
                f"measure {measure!r}", f"unknown frame in codebook '{codebook}'", f"use one of: {', '.join(order)}"
            )
        hits = ANALYSES.frame_hits(doc, codebook)
        counts = hits.loc[hits["frame"] == frame, "unit"].value_counts()
        values = {s.id: (100.0 * counts.get(s.id, 0) / s.n_words if s.n_words else 0.0) for s in doc.sentences}
        return pd.Series(values, dtype=float)
    raise SegmentError(
        f"measure {measure!r}",
        "not a measure the test knows",
        f"use one of {', '.join(SENTIMENT_MEASURES)} or 'frame:<frame id>' (e.g. 'frame:security_and_defense')",
    )


def difference_test(
    doc: Document,
    a: Any,
    b: Any,
    measure: str = "vader_compound",
    n_permutations: int = 10_000,
    seed: int = 0,
    codebook: str = "mfc",
    n_bootstrap: int = 10_000,
) -> pd.DataFrame:
    """Is the difference between two segments' sentence scores more than chance? One-row table.

    The observed difference of means (a - b) of the per-sentence ``measure`` (a sentiment column
    of :func:`kit.sentiment.score` or ``frame:<id>`` hits per 100 words), a two-sided permutation
    p-value (:func:`permutation_test`: exact when few relabelings exist, else seeded Monte Carlo)
    and a seeded percentile bootstrap interval (:func:`bootstrap_interval`). Same seed, same
    numbers. The segments must not share sentences. ``warning`` is non-empty whenever a segment
    has fewer than 10 sentences. The test treats sentences as exchangeable, which sentences of
    one article only roughly are: read it as a description, not as proof.
    """
    seg_a, seg_b = _pair(doc, a, b, codebook)
    shared = sorted(set(seg_a.sentence_ids) & set(seg_b.sentence_ids))
    if shared:
        raise SegmentError(
            f"segments '{seg_a.name}' and '{seg_b.name}'",
            f"they share sentences {', '.join(shared)}, so the groups are not separate",
            "compare disjoint segments (drop the shared units from one of them)",
        )
    values = sentence_values(doc, measure, codebook)
    return _test_table(seg_a, seg_b, values, measure, n_permutations, seed, n_bootstrap)


def _test_table(
    seg_a: Segment,
    seg_b: Segment,
    values: pd.Series,
    measure: str,
    n_permutations: int,
    seed: int,
    n_bootstrap: int,
) -> pd.DataFrame:
    x = values.loc[list(seg_a.sentence_ids)].to_numpy(dtype=float)
    y = values.loc[list(seg_b.sentence_ids)].to_numpy(dtype=float)
    result = permutation_test(x, y, n_permutations=n_permutations, seed=seed)
    small = [f"'{s.name}' has {s.n_sentences}" for s in (seg_a, seg_b) if s.n_sentences < FEW_SENTENCES]
    warning = ""
    if small:
        warning = (
            f"{' and '.join(small)} sentence(s): a handful of sentences cannot carry much weight; "
            "read the interval and the sentences, not just the p-value"
        )
    if min(len(x), len(y)) >= MIN_BOOTSTRAP:
        low, high = bootstrap_interval(x, y, n_bootstrap=n_bootstrap, seed=seed)
    else:
        low = high = float("nan")
        warning = (warning + "; " if warning else "") + (
            f"no bootstrap interval: it needs at least {MIN_BOOTSTRAP} sentences in each segment"
        )
    row = {
        "segment_a": seg_a.name,
        "segment_b": seg_b.name,
        "measure": measure,
        "n_a": len(x),
        "n_b": len(y),
        "mean_a": float(x.mean()),
        "mean_b": float(y.mean()),
        "difference": result["difference"],
        "p_value": result["p_value"],
        "method": result["method"],
        "n_relabelings": result["n_relabelings"],
        "ci_low": low,
        "ci_high": high,
        "ci_level": 0.95,
        "n_bootstrap": n_bootstrap,
        "seed": seed,
        "units_a": "; ".join(seg_a.sentence_ids),
        "units_b": "; ".join(seg_b.sentence_ids),
        "warning": warning,
    }
    return pd.DataFrame([row], columns=TEST_COLUMNS)


# ------------------------------------------------------------------ ablation


def ablation(doc: Document, remove: Any, codebook: str = "mfc") -> pd.DataFrame:
    """The text's frame profile before and after removing a segment (Krippendorff 2004 on sampling units).

    One row per frame of the codebook, in codebook order: ``hits_before`` (whole text),
    ``hits_after`` (without the segment), ``hits_removed``, ``share_before`` / ``share_after``
    (the frame's share of all frame hits, 0-1, via :func:`kit.framing.frame_profile`) and
    ``change_pp`` (change of share in percentage points), and hits per 100 words before and
    after (the profile's own denominator: words of the selection). A frame whose share rises after the
    removal was diluted by the segment; one whose share falls was carried by it.
    """
    seg = resolve_segment(doc, remove, codebook)
    removed = set(seg.sentence_ids)
    kept = [s.id for s in doc.sentences if s.id not in removed]
    if not kept:
        raise SegmentError(
            f"segment '{seg.name}'",
            "removing it leaves no sentence",
            "remove a smaller segment",
        )
    before = _profile(ANALYSES.frame_profile(doc, codebook, None))
    after = _profile(ANALYSES.frame_profile(doc, codebook, kept))
    table = before.merge(after, on="frame", how="outer", suffixes=("_before", "_after"), sort=False)
    order = {f: i for i, f in enumerate(ANALYSES.frame_order(codebook))}
    table["_order"] = table["frame"].map(lambda f: order.get(f, len(order)))
    table = table.sort_values(["_order", "frame"], kind="stable").reset_index(drop=True)
    table["label"] = table["label_before"].fillna(table["label_after"]).fillna("")
    for col in ("hits_before", "hits_after"):
        table[col] = table[col].fillna(0).astype(int)
    for col in ("share_before", "share_after", "per_100_words_before", "per_100_words_after"):
        table[col] = table[col].fillna(0.0).astype(float)
    table["hits_removed"] = table["hits_before"] - table["hits_after"]
    table["change_pp"] = 100.0 * (table["share_after"] - table["share_before"])
    table.attrs["removed"] = seg.name
    table.attrs["removed_units"] = seg.sentence_ids
    return table[ABLATION_COLUMNS]


def _profile(profile: pd.DataFrame) -> pd.DataFrame:
    """Frame, label, hits, share (0-1, recomputed from hits so the scale is certain) and per 100 words."""
    hits = profile.groupby("frame", sort=False)["hits"].sum().astype(int)
    labels = (
        profile.groupby("frame", sort=False)["label"].first() if "label" in profile else pd.Series("", index=hits.index)
    )
    total = int(hits.sum())
    share = hits / total if total else hits * 0.0
    n_words = int(profile["n_words"].max()) if "n_words" in profile and len(profile) else 0
    per_100 = 100.0 * hits / n_words if n_words else hits * 0.0
    return pd.DataFrame(
        {
            "frame": hits.index,
            "label": labels.reindex(hits.index).to_numpy(),
            "hits": hits.to_numpy(),
            "share": share.to_numpy(dtype=float),
            "per_100_words": per_100.to_numpy(dtype=float),
        }
    )


# ------------------------------------------------------------------ a default comparison for any text

#: Names of the default segments of a text that defines none.
SPEECH_SEGMENT = "quoted_or_reported"
AUTHOR_SEGMENT = "author_own"
OPENING_SEGMENT = "opening"
REST_SEGMENT = "rest"


def _speech_sentences(doc: Document) -> list[str]:
    spans = [(q.start, q.end) for q in ANALYSES.quotes(doc)]
    return [s.id for s in doc.sentences if any(start < s.end and s.start < end for start, end in spans)]


def _opening_sentences(doc: Document) -> list[str]:
    if len(doc.paragraphs) > 1:
        return [s.id for s in doc.paragraphs[0].sentences]
    return [s.id for s in doc.sentences[: max(1, len(doc.sentences) // 2)]]


def _by_ids(doc: Document, name: str, description: str, ids: Sequence[str]) -> Segment:
    definition = MappingProxyType({"units": tuple(ids), "description": description})
    return Segment(name=name, description=description, definition=definition, sentence_ids=tuple(ids))


def default_pair(doc: Document, codebook: str = "mfc") -> tuple[Segment, Segment, str]:
    """The two parts the comparison lesson compares when none are given, and how they were drawn.

    1. the first two segments the text's front matter defines, if it defines two;
    2. otherwise the sentences that carry quoted or reported speech (:func:`kit.quotes.extract`)
       against the author's own sentences: a contrast every news text with sources has;
    3. otherwise (no quote, or nothing but quotes) the opening paragraph against the rest (in a
       one-paragraph text, the first half of its sentences against the second).

    Returns ``(a, b, definition)``, where ``definition`` is one sentence saying which rule applied.

    >>> from kit.text import from_string
    >>> doc = from_string("The council met.\\n\\n“We will build it,” said Mayor Ann Lee.\\n\\nWork starts soon.")
    >>> a, b, how = default_pair(doc)
    >>> a.name, a.sentence_ids, b.name, b.sentence_ids
    ('quoted_or_reported', ('p02.s1',), 'author_own', ('p01.s1', 'p03.s1'))
    """
    defined = list(_front_matter_segments(doc))
    if len(defined) >= 2:
        a, b = (resolve_segment(doc, name, codebook) for name in defined[:2])
        return a, b, f"the first two segments defined in the text's file ('{a.name}' and '{b.name}')"
    if len(doc.sentences) < 2:
        raise SegmentError(
            _source(doc),
            f"the text has {len(doc.sentences)} sentence, so it has no two parts to compare",
            "use a text of at least two sentences, or skip the comparison lesson",
        )
    speech = set(_speech_sentences(doc))
    if speech and len(speech) < len(doc.sentences):
        a = _by_ids(
            doc,
            SPEECH_SEGMENT,
            "sentences that carry quoted or reported speech",
            [s.id for s in doc.sentences if s.id in speech],
        )
        b = _by_ids(
            doc,
            AUTHOR_SEGMENT,
            "the author's own sentences (no quote in them)",
            [s.id for s in doc.sentences if s.id not in speech],
        )
        return (
            a,
            b,
            (
                "the text defines no segments, so the sentences that carry quoted or reported speech "
                "are compared with the author's own sentences"
            ),
        )
    opening = set(_opening_sentences(doc))
    why = "has no quote" if not speech else "is quotes throughout"
    a = _by_ids(doc, OPENING_SEGMENT, "the opening of the text", [s.id for s in doc.sentences if s.id in opening])
    b = _by_ids(doc, REST_SEGMENT, "the rest of the text", [s.id for s in doc.sentences if s.id not in opening])
    opening_is = "its first paragraph" if len(doc.paragraphs) > 1 else "the first half of its sentences"
    return a, b, f"the text defines no segments and {why}, so {opening_is} is compared with the rest"


def lesson_pair(doc: Document, a: Any = None, b: Any = None, codebook: str = "mfc") -> tuple[Segment, Segment, str]:
    """The comparison lesson's two segments: both given (names or definitions), or both ``None`` for :func:`default_pair`."""
    if a is None and b is None:
        return default_pair(doc, codebook)
    if a is None or b is None:
        raise SegmentError(
            "parameters segment_a, segment_b",
            "only one of the two segments is given",
            "give both (names or definitions), or set both to None for the default comparison",
        )
    seg_a, seg_b = _pair(doc, a, b, codebook)
    return seg_a, seg_b, "the segments given in the parameters cell"


def default_frame(doc: Document, codebook: str = "mfc") -> str:
    """The frame with the most hits in the whole text (ties: codebook order); the first frame if none hits.

    The comparison lesson tests this frame unless told another, so the test works with any codebook.

    >>> from kit.text import from_string
    >>> default_frame(from_string("The army sent troops and weapons to the border."))
    'security_and_defense'
    """
    order = ANALYSES.frame_order(codebook)
    counts = ANALYSES.frame_hits(doc, codebook)["frame"].value_counts()
    best = max(order, key=lambda f: (int(counts.get(f, 0)), -order.index(f)))
    return best
