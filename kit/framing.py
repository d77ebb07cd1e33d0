"""Frame codebooks, dictionary coding of a Document with evidence, and frame salience.

A *codebook* (``kit/codebooks/<name>.yml``) lists frames, each with dictionary patterns. Coding
is dictionary-based content analysis (Krippendorff 2004, ch. 12; the glob convention of LIWC and
quanteda): every match of a frame's pattern in the text is one *hit* that carries its unit id and
character span, so every number can be traced back to the words that produced it.

Codebooks shipped with the kit:

- ``mfc``: the 15 frame dimensions of the Media Frames Corpus policy-frames codebook
  (Boydstun, Gross, Resnik & Smith 2014; Card, Boydstun, Gross, Resnik & Smith 2015). Default.
- ``generic``: Semetko & Valkenburg's (2000) five generic news frames.
- ``crosswalk.yml``: MFC dimensions mapped to the generic frames and to Entman's (1993) four
  framing functions, where such a mapping is defensible.

Patterns are written in the kit's one pattern language (:mod:`kit.patterns`, the same for every
codebook, for segment keywords and for keywords in context): ``drone*`` matches every token starting
with ``drone``, ``military`` also matches ``military’s``, ``fighter jet*`` matches consecutive tokens,
and within one frame a token counts at most once. Two codebook-only rules:

- ``exclude`` patterns remove a frame's hits that overlap them (``ethnic armed group*`` keeps
  ``ethnic`` out of cultural identity when it names an armed actor).
- The same token may count for several frames.

A unit's *dominant* frame is the frame with most hits, if it has at least the codebook's
``min_hits`` (a top-level setting, default 1; Field et al. 2018 required at least 3 lexicon hits
for a frame to count). A unit below the threshold has no dominant frame (``""``, coded ``"none"``): the
dictionary abstains rather than guessing ``other``.

Dictionary coding counts words; it does not read. A frame is a way of defining a problem,
interpreting causes, judging and recommending (Entman 1993), and a count of frame words is
only evidence for a frame, to be checked against human coding (see :mod:`kit.agreement`).

This module is the coding step. The codebook model, its loading, the crosswalk and the linter are
:mod:`kit.codebook`; reading a human frame coding is :mod:`kit.human_frames`. Their public names are
importable from here too, so ``from kit.framing import load_codebook`` keeps working.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kit import paths
from kit.codebook import (
    CODEBOOK_DIR,
    CODEBOOK_KEYS,
    CROSSWALK_COLUMNS,
    CROSSWALK_FILE,
    DEFAULT_CODEBOOK,
    DEFAULT_MIN_HITS,
    ENTMAN_FUNCTIONS,
    FRAME_ID_RE,
    FRAME_KEYS,
    Codebook,
    Frame,
    clear_codebook_cache,
    crosswalk,
    lint_codebook,
    list_codebooks,
    load_codebook,
    resolve_codebook,
)
from kit.errors import CodebookError
from kit.human_frames import (
    CODING_COLUMNS,
    FINGERPRINT_COLUMN,
    HUMAN_FRAME_FILE_COLUMNS,
    NO_FRAME,
    has_human_frames,
    load_human_frames,
    stale_frame_codings,
)
from kit.text import Document, load_text
from kit.tidy import typed_columns

__all__ = [
    "CODEBOOK_DIR",
    "CODEBOOK_KEYS",
    "CODING_COLUMNS",
    "CROSSWALK_COLUMNS",
    "CROSSWALK_FILE",
    "DEFAULT_CODEBOOK",
    "DEFAULT_MIN_HITS",
    "DOMINANT_COLUMNS",
    "ENTMAN_FUNCTIONS",
    "FINGERPRINT_COLUMN",
    "FRAME_ID_RE",
    "FRAME_KEYS",
    "HIT_COLUMNS",
    "HUMAN_FRAME_FILE_COLUMNS",
    "NO_FRAME",
    "PROFILE_COLUMNS",
    "SALIENCE_COLUMNS",
    "TIE_BREAK_RULE",
    "UNIT_LEVELS",
    "Codebook",
    "Frame",
    "ReferenceComparison",
    "clear_codebook_cache",
    "code",
    "crosswalk",
    "dominant_frames",
    "frame_profile",
    "has_human_frames",
    "kit_coding",
    "lint_codebook",
    "list_codebooks",
    "load_codebook",
    "load_human_frames",
    "reference_comparison",
    "resolve_codebook",
    "salience",
    "stale_frame_codings",
    "to_generic",
]

#: How a tie for the dominant frame is broken.
TIE_BREAK_RULE = "first frame in codebook order"
UNIT_LEVELS = ("sentence", "paragraph", "document")

HIT_COLUMNS = ["unit", "paragraph_id", "frame", "label", "pattern", "matched", "start", "end"]
SALIENCE_COLUMNS = ["unit", "start", "end", "n_words", "frame", "label", "hits", "per_100_words", "dominant"]
DOMINANT_COLUMNS = ["unit", "start", "end", "n_words", "dominant_frame", "hits", "tied_with", "tie_break"]
PROFILE_COLUMNS = ["frame", "label", "hits", "share", "n_words", "per_100_words"]


# ---------------------------------------------------------------- coding


def code(doc: Document | str, codebook: str | Path | Codebook = DEFAULT_CODEBOOK) -> pd.DataFrame:
    """Code a text with a codebook: one row per frame hit, with its sentence and span.

    Dictionary-based frame coding (Krippendorff 2004, ch. 12) with the patterns of the codebook
    (default ``mfc``: Boydstun et al. 2014). Columns: ``unit`` (sentence id), ``paragraph_id``,
    ``frame``, ``label``, ``pattern``, ``matched``, ``start``, ``end``; ``doc.body[start:end] ==
    matched``. Sorted by start, then frame. Pattern rules: see the module docstring.

    >>> from kit.text import from_string
    >>> code(from_string("Drones and fighter jets flew."))[["unit", "frame", "matched"]].values.tolist()
    [['p01.s1', 'security_and_defense', 'Drones'], ['p01.s1', 'security_and_defense', 'fighter jets']]
    """
    doc = load_text(doc)
    cb = load_codebook(codebook)
    assert cb.matcher is not None
    hits = cb.matcher.hits(doc.body)
    if not hits:
        return typed_columns(pd.DataFrame({c: [] for c in HIT_COLUMNS}, columns=HIT_COLUMNS), ints=("start", "end"))
    # Order: start, then frame id (alphabetical), as one sort key in the C sort.
    alpha = {fid: r for r, fid in enumerate(sorted(cb.frame_ids))}
    frame_rank = [alpha[f.id] for f in cb.frames]
    n_frames = len(frame_rank)
    hits.sort(key=lambda h: h[0] * n_frames + frame_rank[h[2].frame])
    sentences = doc.sentences
    sent_starts = np.fromiter((s.start for s in sentences), dtype=np.int64, count=len(sentences))
    starts = np.fromiter((h[0] for h in hits), dtype=np.int64, count=len(hits))
    ends = np.fromiter((h[1] for h in hits), dtype=np.int64, count=len(hits))
    which = np.searchsorted(sent_starts, starts, side="right") - 1
    sent_ids = np.array([s.id for s in sentences], dtype=object)
    para_ids = np.array([s.paragraph_id for s in sentences], dtype=object)
    frame_ids = np.array([f.id for f in cb.frames], dtype=object)
    labels = np.array([f.label for f in cb.frames], dtype=object)
    frame_idx = np.fromiter((h[2].frame for h in hits), dtype=np.int64, count=len(hits))
    body = doc.body
    df = pd.DataFrame(
        {
            "unit": sent_ids[which],
            "paragraph_id": para_ids[which],
            "frame": frame_ids[frame_idx],
            "label": labels[frame_idx],
            "pattern": [h[2].source for h in hits],
            "matched": [body[s:e] for s, e, _ in hits],
            "start": starts,
            "end": ends,
        },
        columns=HIT_COLUMNS,
    )
    return df


def _units(doc: Document, unit: str) -> list[tuple[str, int, int, int]]:
    """(id, start, end, n_words) of every unit at this level."""
    if unit == "document":
        return [(doc.slug, 0, len(doc.body), doc.n_words)]
    if unit not in ("sentence", "paragraph"):
        raise CodebookError(None, f"unknown unit {unit!r}", f"use unit= one of {list(UNIT_LEVELS)}")
    return [(u.id, u.start, u.end, u.n_words) for u in doc.units(unit)]


def _hit_counts(doc: Document, cb: Codebook, unit: str) -> tuple[list[tuple[str, int, int, int]], np.ndarray]:
    """Units and a (units x frames) matrix of hit counts; a hit belongs to the unit holding its start."""
    units = _units(doc, unit)
    counts = np.zeros((len(units), len(cb.frames)), dtype=np.int64)
    hits = code(doc, cb)
    if units and len(hits):
        unit_starts = np.array([u[1] for u in units], dtype=np.int64)
        rows = np.searchsorted(unit_starts, hits["start"].to_numpy(), side="right") - 1
        col_of = {f.id: j for j, f in enumerate(cb.frames)}
        cols = hits["frame"].map(col_of).to_numpy()
        np.add.at(counts, (rows, cols), 1)
    return units, counts


def _dominant(counts_row: np.ndarray, min_hits: int = DEFAULT_MIN_HITS) -> tuple[int, list[int]]:
    """Index of the dominant frame (-1 if no frame has ``min_hits`` hits) and the indices it is tied with."""
    top = int(counts_row.max()) if counts_row.size else 0
    if top == 0 or top < min_hits:
        return -1, []
    tied = [int(j) for j in np.flatnonzero(counts_row == top)]
    return tied[0], tied[1:]


def salience(
    doc: Document | str, codebook: str | Path | Codebook = DEFAULT_CODEBOOK, unit: str = "paragraph"
) -> pd.DataFrame:
    """Frame salience per unit: hits and hits per 100 words, one row per (unit, frame).

    Salience as relative frequency of frame indicators (Boydstun et al. 2014 dimensions counted
    as in dictionary analysis, Krippendorff 2004). Every frame of the codebook gets a row, zeros
    included. ``unit`` is ``"sentence"``, ``"paragraph"`` or ``"document"`` (one unit whose id is the
    document's slug). ``dominant`` marks the frame with most hits in the unit; ties go to the
    first frame in codebook order (see :func:`dominant_frames`). Rows follow the text, then the
    codebook order of frames. ``per_100_words`` is NaN for a unit with no words.

    >>> from kit.text import from_string
    >>> s = salience(from_string("Troops and drones."), unit="document")
    >>> s.loc[s.dominant, ["frame", "hits", "per_100_words"]].values.tolist()
    [['security_and_defense', 2, 66.66666666666667]]
    """
    doc = load_text(doc)
    cb = load_codebook(codebook)
    units, counts = _hit_counts(doc, cb, unit)
    rows = []
    for i, (uid, start, end, n_words) in enumerate(units):
        dom, _ = _dominant(counts[i], cb.min_hits)
        for j, f in enumerate(cb.frames):
            hits = int(counts[i, j])
            rows.append(
                {
                    "unit": uid,
                    "start": start,
                    "end": end,
                    "n_words": n_words,
                    "frame": f.id,
                    "label": f.label,
                    "hits": hits,
                    "per_100_words": 100.0 * hits / n_words if n_words else float("nan"),
                    "dominant": j == dom,
                }
            )
    df = pd.DataFrame(rows, columns=SALIENCE_COLUMNS)
    return typed_columns(df, ints=("start", "end", "n_words", "hits"), floats=("per_100_words",), bools=("dominant",))


def dominant_frames(
    doc: Document | str, codebook: str | Path | Codebook = DEFAULT_CODEBOOK, unit: str = "paragraph"
) -> pd.DataFrame:
    """The dominant frame of each unit (most hits), with ties reported and broken deterministically.

    A tie goes to the first frame in codebook order; ``tied_with`` lists the other frames with as
    many hits (";"-joined) and ``tie_break`` names the rule ("" when there was no tie). A unit where
    no frame has the codebook's ``min_hits`` hits (default 1) has no dominant frame:
    ``dominant_frame == ""`` and ``hits == 0`` (never ``other``, which is a frame a coder chooses).
    Method: dominant-frame coding of
    units by frame-indicator counts (Boydstun et al. 2014 dimensions).

    >>> from kit.text import from_string
    >>> dominant_frames(from_string("The troops prayed at the temple."))[["dominant_frame", "tied_with"]].values.tolist()
    [['security_and_defense', 'cultural_identity']]
    """
    doc = load_text(doc)
    cb = load_codebook(codebook)
    units, counts = _hit_counts(doc, cb, unit)
    rows = []
    for i, (uid, start, end, n_words) in enumerate(units):
        dom, tied = _dominant(counts[i], cb.min_hits)
        rows.append(
            {
                "unit": uid,
                "start": start,
                "end": end,
                "n_words": n_words,
                "dominant_frame": cb.frames[dom].id if dom >= 0 else "",
                "hits": int(counts[i, dom]) if dom >= 0 else 0,
                "tied_with": ";".join(cb.frames[j].id for j in tied),
                "tie_break": TIE_BREAK_RULE if tied else "",
            }
        )
    df = pd.DataFrame(rows, columns=DOMINANT_COLUMNS)
    return typed_columns(df, ints=("start", "end", "n_words", "hits"))


def frame_profile(
    doc: Document | str, codebook: str | Path | Codebook = DEFAULT_CODEBOOK, units: Iterable[str] | None = None
) -> pd.DataFrame:
    """Hits and share of hits per frame, over the whole text or only the given unit ids.

    ``units`` may mix paragraph and sentence ids (``["p01", "p03.s2"]``); a hit counts if it
    starts inside any of them, and a word is counted once even if two ids cover it. ``share`` is
    the frame's fraction of all hits in the selection (NaN when there are none). Use it for
    ablations: the profile without the anecdote is ``units=[p.id for p in doc.paragraphs if
    p.id != "p03"]``. One row per frame, in codebook order.

    >>> from kit.text import from_string
    >>> doc = from_string("Troops and drones.\\n\\nA temple festival.")
    >>> prof = frame_profile(doc, units=["p02"]).set_index("frame")
    >>> int(prof.loc["cultural_identity", "hits"]), float(prof.loc["cultural_identity", "share"])
    (2, 1.0)
    """
    doc = load_text(doc)
    cb = load_codebook(codebook)
    hits = code(doc, cb)
    if units is None:
        spans = [(0, len(doc.body))] if doc.paragraphs else []
    else:
        if isinstance(units, str):
            units = [units]
        chosen = [doc.unit(u) for u in units]  # a TextError names an unknown id
        spans = []
        for s, e in sorted((u.start, u.end) for u in chosen):
            if spans and s <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], e))
            else:
                spans.append((s, e))

    def inside(pos: np.ndarray) -> np.ndarray:
        if not spans:
            return np.zeros(len(pos), dtype=bool)
        starts = np.array([s for s, _ in spans])
        ends = np.array([e for _, e in spans])
        k = np.searchsorted(starts, pos, side="right") - 1
        return (k >= 0) & (pos < ends[np.clip(k, 0, None)])

    token_starts = np.fromiter((t.start for t in doc.tokens), dtype=np.int64)
    n_words = int(inside(token_starts).sum())
    selected = hits[inside(hits["start"].to_numpy())] if len(hits) else hits
    per_frame = selected["frame"].value_counts()
    total = int(len(selected))
    rows = []
    for f in cb.frames:
        n = int(per_frame.get(f.id, 0))
        rows.append(
            {
                "frame": f.id,
                "label": f.label,
                "hits": n,
                "share": n / total if total else float("nan"),
                "n_words": n_words,
                "per_100_words": 100.0 * n / n_words if n_words else float("nan"),
            }
        )
    df = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    return typed_columns(df, ints=("hits", "n_words"), floats=("share", "per_100_words"))


def to_generic(hits_or_salience: pd.DataFrame) -> pd.DataFrame:
    """Map mfc hits (from :func:`code`) or mfc salience (from :func:`salience`) to generic frames.

    Hits: each row's ``frame``/``label`` become the generic frame's, ``mfc_frame`` keeps the
    original; hits of mfc frames with no generic counterpart are dropped, and a span reached
    through two mfc frames that map to one generic frame counts once (a token counts once per
    frame). Salience: hits are summed per (unit, generic frame), so there a word hit by two
    such mfc frames counts twice; map the hits and recompute for exact counts. Crosswalk:
    Semetko & Valkenburg (2000) frames from Boydstun et al. (2014) dimensions.
    """
    df = hits_or_salience
    if not isinstance(df, pd.DataFrame) or "frame" not in df.columns:
        raise CodebookError(
            None,
            "to_generic() needs the table from code() or salience()",
            "pass code(doc) or salience(doc), computed with the mfc codebook",
        )
    cw = crosswalk().set_index("mfc_frame")
    unknown = sorted(set(df["frame"]) - set(cw.index))
    if unknown:
        raise CodebookError(
            None, f"frames {unknown} are not mfc frames", "compute the table with codebook='mfc' before mapping it"
        )
    generic = load_codebook("generic")
    labels = {f.id: f.label for f in generic.frames}
    mapped = df["frame"].map(cw["generic_frame"])
    if "hits" in df.columns:  # salience
        needed = set(SALIENCE_COLUMNS) - set(df.columns)
        if needed:
            raise CodebookError(None, f"salience table lacks {sorted(needed)}", "pass salience(doc) unchanged")
        units = df[["unit", "start", "end", "n_words"]].drop_duplicates("unit")
        rows = []
        sums = df.assign(generic=mapped).groupby(["unit", "generic"], sort=False)["hits"].sum()
        for u in units.itertuples(index=False):
            block = []
            for f in generic.frames:
                hits = int(sums.get((u.unit, f.id), 0))
                per = 100.0 * hits / u.n_words if u.n_words else float("nan")
                block.append(
                    {
                        "unit": u.unit,
                        "start": u.start,
                        "end": u.end,
                        "n_words": u.n_words,
                        "frame": f.id,
                        "label": f.label,
                        "hits": hits,
                        "per_100_words": per,
                        "dominant": False,
                    }
                )
            top = max(b["hits"] for b in block)
            if top > 0 and top >= generic.min_hits:
                next(b for b in block if b["hits"] == top)["dominant"] = True
            rows.extend(block)
        out = pd.DataFrame(rows, columns=SALIENCE_COLUMNS)
        return typed_columns(
            out, ints=("start", "end", "n_words", "hits"), floats=("per_100_words",), bools=("dominant",)
        )
    needed = set(HIT_COLUMNS) - set(df.columns)
    if needed:
        raise CodebookError(None, f"hits table lacks {sorted(needed)}", "pass code(doc) unchanged")
    out = df.assign(mfc_frame=df["frame"], frame=mapped)
    out = out[out["frame"] != ""]
    out = out.assign(label=out["frame"].map(labels))
    out = out.drop_duplicates(["start", "end", "frame"])
    cols = [*HIT_COLUMNS, "mfc_frame"]
    out = out[cols].sort_values(["start", "frame"], kind="stable").reset_index(drop=True)
    return typed_columns(out, ints=("start", "end"))


# ---------------------------------------------------------------- kit coding against the human reference


def kit_coding(
    doc: Document | str, codebook: str | Path | Codebook = DEFAULT_CODEBOOK, unit: str = "paragraph"
) -> pd.DataFrame:
    """The kit's dominant frame per unit as a coding (coder ``"kit"``), for :mod:`kit.agreement`.

    Columns ``unit``, ``start``, ``end``, ``coder``, ``frame``; a unit where no frame reaches the
    codebook's ``min_hits`` gets :data:`NO_FRAME` (``"none"``). Compare with human coding (Krippendorff 2004) via :func:`kit.agreement.agreement_table`.

    >>> from kit.text import from_string
    >>> kit_coding(from_string("Troops.\\n\\nHello."))["frame"].tolist()
    ['security_and_defense', 'none']
    """
    dom = dominant_frames(doc, codebook, unit)
    out = pd.DataFrame(
        {
            "unit": dom["unit"],
            "start": dom["start"],
            "end": dom["end"],
            "coder": "kit",
            "frame": dom["dominant_frame"].where(dom["dominant_frame"] != "", NO_FRAME),
        },
        columns=CODING_COLUMNS,
    )
    return typed_columns(out, ints=("start", "end"))


@dataclass(frozen=True)
class ReferenceComparison:
    """The human reference coding beside the kit's, on the paragraphs both can be compared on.

    ``codings`` is None when the text has no reference coding in this codebook and unit; ``note``
    says what was compared; ``left_out`` has one line per paragraph left out (coded for another
    version of the body, or not coded by the human coder).
    """

    codings: pd.DataFrame | None
    note: str
    left_out: tuple[str, ...] = ()


def reference_comparison(
    doc: Document | str, codebook: str | Path | Codebook = DEFAULT_CODEBOOK, unit: str = "paragraph"
) -> ReferenceComparison:
    """The text's human frame coding and the kit's on the same paragraphs, for :mod:`kit.agreement`.

    Only paragraphs whose words are still those the human coded take part: a row of the file for
    another version of the body is left out (:func:`stale_frame_codings`), and so is a paragraph of
    the body the human did not code, each named in ``left_out``; the comparison never fails on them.
    """
    doc = load_text(doc)
    cb = load_codebook(codebook)
    if not has_human_frames(doc.slug) or cb.name != DEFAULT_CODEBOOK or unit != "paragraph":
        return ReferenceComparison(
            None, f"No reference coding of '{doc.slug}' with the mfc codebook by paragraph: agreement is skipped."
        )
    stale = stale_frame_codings(doc)
    human = load_human_frames(doc, cb, drop_stale=True)
    machine = kit_coding(doc, cb, unit="paragraph")
    uncoded = [u for u in machine["unit"] if u not in set(human["unit"]) and u not in stale]
    file = paths.annotations_dir() / f"{doc.slug}_frames.csv"
    left_out = tuple(str(e) for e in stale.values()) + tuple(
        f"{u}: not in {file.name}, so only the kit coded it" for u in uncoded
    )
    if human.empty:
        return ReferenceComparison(None, f"No paragraph of {file.name} fits this body: agreement is skipped.", left_out)
    machine = machine[machine["unit"].isin(set(human["unit"]))]
    codings = pd.concat([human, machine], ignore_index=True)
    note = f"{human['unit'].nunique()} paragraphs coded by {', '.join(sorted(codings['coder'].unique()))}"
    if left_out:
        note += f"; {len(left_out)} paragraph(s) left out, so agreement is measured on the shared ones:"
    return ReferenceComparison(codings, note, left_out)
