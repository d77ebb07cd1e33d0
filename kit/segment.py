"""Segments of a text: what a segment is, how it is resolved, and the two parts compared by default.

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

When a text defines fewer than two segments, :func:`default_pair` draws two parts every text has
(the sentences with quoted or reported speech against the author's own, else the opening against the
rest); :func:`lesson_pair` is the comparison lesson's choice between the segments it is given and that
default.

Comparing two segments is :mod:`kit.compare`; the difference test on their sentence values is
:mod:`kit.significance`. Both read the analyses through :data:`ANALYSES` of this module.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import pandas as pd

from kit import pins
from kit.errors import SegmentError
from kit.patterns import compile_patterns, find
from kit.text import Document, front_matter_line

#: Keys a segment definition may have; exactly one of DEFINING_KEYS.
DEFINING_KEYS = ("units", "keywords", "frame")
OPTIONAL_KEYS = ("description", "name")


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

    def summary(self) -> str:
        """One line for a reader: the name, how many sentences and which, and the description.

        >>> Segment("lead", "The opening.", {"units": ["p01"]}, ("p01.s1",)).summary()
        'lead: 1 sentence (p01.s1): The opening.'
        """
        n = self.n_sentences
        description = " ".join(self.description.split())  # a description written over several lines
        return f"{self.name}: {n} sentence{'' if n == 1 else 's'} ({', '.join(self.sentence_ids)}): {description}"


# ------------------------------------------------------------------ access to the analysis modules
# Imported lazily, so that ``kit.segment`` imports even where an analysis module is missing.


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


#: The analyses that resolving segments, the comparison (:mod:`kit.compare`) and the difference test
#: (:mod:`kit.significance`) read; all of them look it up here at call time.
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
    definition = _definition_mapping(definition, at)
    key = _defining_key(definition, at)
    description = _segment_description(definition, at)
    if name is None:
        name = _segment_name(definition, at)
    value, ids, dropped = _resolve_definition(doc, key, definition[key], codebook, at(key))
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


def _definition_mapping(definition: Any, at: Callable[[str | None], str]) -> Mapping[str, Any]:
    """The definition as a mapping: a list of unit ids stands for ``{"units": [...]}``."""
    if isinstance(definition, (list, tuple)):
        definition = {"units": list(definition)}
    if not isinstance(definition, Mapping):
        raise SegmentError(
            at(None),
            f"a segment definition must be a mapping, not {type(definition).__name__}",
            "write e.g. {'units': ['p03']} or {'keywords': ['drone*']} or {'frame': 'security_and_defense'}",
        )
    return definition


def _defining_key(definition: Mapping[str, Any], at: Callable[[str | None], str]) -> str:
    """The one defining key of a definition whose keys are all known."""
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
    return present[0]


def _segment_description(definition: Mapping[str, Any], at: Callable[[str | None], str]) -> str:
    """The definition's description, text ("" when it has none)."""
    description = definition.get("description", "") or ""
    if not isinstance(description, str):
        raise SegmentError(at("description"), "'description' must be a text", "quote the description")
    return description


def _segment_name(definition: Mapping[str, Any], at: Callable[[str | None], str]) -> str:
    """The name a definition gives itself, else one made from its defining key and value."""
    given = definition.get("name")
    if given is not None and (not isinstance(given, str) or not given.strip()):
        raise SegmentError(at("name"), "'name' must be a non-empty text", "give the segment a short name")
    return given.strip() if given else _definition_name(definition)


def _resolve_definition(
    doc: Document, key: str, raw: Any, codebook: str, where: str
) -> tuple[Any, list[str], tuple[str, ...]]:
    """The checked value of the defining key, the sentence ids it stands for, and the stale pinned ids left out."""
    if key == "units":
        value = tuple(_as_list(raw, where, "units"))
        ids, dropped = _resolve_units(doc, list(value), where)
        return value, ids, dropped
    if key == "keywords":
        value = tuple(_as_list(raw, where, "keywords"))
        return value, _keyword_sentences(doc, value, where), ()
    if not isinstance(raw, str) or not raw.strip():
        raise SegmentError(where, "'frame' must be one frame id", f"write e.g. frame: {_example('frame')}")
    return raw.strip(), _resolve_frame(doc, raw.strip(), codebook, where), ()


def _keyword_sentences(doc: Document, keywords: tuple[str, ...], where: str) -> list[str]:
    """The ids of the sentences some keyword matches, in reading order; every keyword must hold a letter or digit."""
    for keyword in keywords:
        if not any(ch.isalnum() for ch in keyword):
            raise SegmentError(
                where,
                f"keyword {keyword!r} has no letter or digit, so it would match every sentence",
                "write a word or a stem such as 'drone*'",
            )
        compile_patterns([keyword], where=where, error=SegmentError)
    chosen = set(keyword_hits(doc, keywords)["unit"])
    return [s.id for s in doc.sentences if s.id in chosen]


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


def segment_pair(doc: Document, a: Any, b: Any, codebook: str) -> tuple[Segment, Segment]:
    """Resolve two segments to compare (:func:`resolve_segment`); they must have different names."""
    seg_a = resolve_segment(doc, a, codebook)
    seg_b = resolve_segment(doc, b, codebook)
    if seg_a.name == seg_b.name:
        raise SegmentError(
            f"segments '{seg_a.name}'",
            "both segments have the same name, so the table could not tell them apart",
            "give one of them another name (a 'name' key in its definition)",
        )
    return seg_a, seg_b


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
            f"the text has {len(doc.sentences)} sentence{'' if len(doc.sentences) == 1 else 's'}, so it has no two parts"
            " to compare",
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
    seg_a, seg_b = segment_pair(doc, a, b, codebook)
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
