"""Validation of a frame codebook against human coding, with the human coders' agreement beside it.

A dictionary must be validated against human coding on texts it was not built from, with
precision and recall per category (van Atteveldt, Trilling & Arcila 2022, *Computational Analysis
of Communication*, ch. 11; Krippendorff 2004, ch. 12). This module does that for paragraph frames:

- the **reference** coding of a text is ``texts/annotations/<slug>_frames.csv`` (one primary frame
  per paragraph and the secondary frames a careful coder could defend);
- a **second coder**, who saw neither the reference codes nor the kit's, may have coded the same
  paragraphs in ``texts/annotations/second_coder/<slug>_frames.csv``: the agreement of the two
  humans is the *ceiling* against which the dictionary is read;
- the **kit**'s code of a paragraph is its dominant frame (:func:`kit.framing.kit_coding`), or
  ``"none"`` when the paragraph has fewer hits than the codebook's threshold.

Measures (all shares run 0-1):

- ``accuracy``: the code equals the reference's primary frame;
- ``defensible``: the code is the reference's primary frame or one of its secondary frames (for two
  humans: the second coder's primary is in the reference's primary + secondary);
- ``cohen_kappa`` (Cohen 1960) and ``krippendorff_alpha`` (nominal; Krippendorff 2004) on the
  primary frames, from :mod:`kit.agreement`, pooled over all paragraphs of all texts;
- per frame, ``precision`` (of the paragraphs given this frame, the share whose primary is this
  frame), ``recall`` (of the paragraphs whose primary is this frame, the share given it) and ``f1``;
  ``defensible_precision`` counts a code as right when the frame is in the reference's
  primary + secondary.

A kit code of ``"none"`` is never right: abstaining costs recall, not precision.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kit import agreement, paths
from kit.errors import AnnotationError
from kit.framing import (
    DEFAULT_CODEBOOK,
    NO_FRAME,
    Codebook,
    code,
    crosswalk,
    kit_coding,
    load_codebook,
    load_human_frames,
)
from kit.text import SPLITS, Document, list_texts, load_text

SECOND_CODER_DIR = "second_coder"
#: The one codebook whose validation maps the human mfc coding through the crosswalk.
GENERIC_CODEBOOK = "generic"
KIT_CODER = "kit"

UNIT_COLUMNS = ["text", "unit", "start", "end", "split", "reference_coder", "primary", "secondary", "coder", "code",
                "code_secondary", "correct", "defensible"]
SUMMARY_COLUMNS = ["comparison", "coder", "reference_coder", "n_texts", "n_units", "accuracy", "defensible",
                   "cohen_kappa", "krippendorff_alpha", "abstained"]
HUMAN_AGREEMENT_COLUMNS = ["text", "n_units", "accuracy", "defensible", "defensible_reverse", "cohen_kappa",
                           "krippendorff_alpha"]
FALSE_POSITIVE_COLUMNS = ["text", "unit", "start", "end", "frame", "pattern", "matched", "primary", "secondary",
                          "defensible"]
PER_FRAME_COLUMNS = ["frame", "label", "n_reference", "n_coded", "true_positives", "precision", "recall", "f1",
                     "defensible_precision", "coder_f1", "coder_n_reference"]


@dataclass(frozen=True)
class FrameValidation:
    """Result of :func:`validate_frames`: three tidy tables.

    - ``summary``: one row per comparison: the kit against the reference on all paragraphs, the
      kit on the doubly coded paragraphs only, and the second human coder on those (the ceiling);
    - ``per_frame``: one row per codebook frame, the kit's precision, recall and F1, with the second
      coder's F1 for the same frame beside it;
    - ``units``: one row per (paragraph, coder) with both codes, so every figure traces to a paragraph.
    """

    codebook: Codebook
    summary: pd.DataFrame
    per_frame: pd.DataFrame
    units: pd.DataFrame


# ---------------------------------------------------------------- which texts


def second_coder_file(slug: str) -> Path:
    """Where the second, independent coder's frame coding of a text lives (it may not exist)."""
    return paths.annotations_dir() / SECOND_CODER_DIR / f"{slug}_frames.csv"


def corpus_texts(split: str | None = None) -> list[str]:
    """Slugs of the texts with a reference frame coding and a ``split`` (dev or heldout), sorted.

    ``split`` keeps only ``"dev"`` or only ``"heldout"`` texts; ``None`` keeps both. Texts without a
    ``split`` (the op-ed, constructed texts) are not part of the corpus: pass them by name.
    """
    if split is not None and split not in SPLITS:
        raise AnnotationError("split", f"unknown split {split!r}", f"use one of {list(SPLITS)} or None for both")
    slugs = []
    for slug in list_texts()["slug"]:
        if not (paths.annotations_dir() / f"{slug}_frames.csv").is_file():
            continue
        text_split = load_text(slug).metadata.get("split")
        if text_split in SPLITS and (split is None or text_split == split):
            slugs.append(slug)
    return sorted(slugs)


# ---------------------------------------------------------------- the measures


def defensible_share(codes: Sequence[str], primary: Sequence[str], secondary: Sequence[str]) -> float:
    """Share of units whose code is the reference's primary frame or one of its ";"-joined secondary frames.

    >>> defensible_share(["a", "b", "none"], ["a", "c", "a"], ["", "b;d", ""])
    0.6666666666666666
    """
    if len(codes) != len(primary) or len(codes) != len(secondary):
        raise AnnotationError("codes", "codes, primary and secondary frames differ in length", "pass one per unit")
    if not len(codes):
        return float("nan")
    ok = [_is_defensible(c, p, s) for c, p, s in zip(codes, primary, secondary, strict=True)]
    return float(np.mean(ok))


def _is_defensible(code: str, primary: str, secondary: str) -> bool:
    return code == primary or code in {s for s in secondary.split(";") if s}


def per_frame_scores(
    codes: Sequence[str], primary: Sequence[str], secondary: Sequence[str], frames: Iterable[str]
) -> pd.DataFrame:
    """Precision, recall and F1 of the codes against the primary frames, one row per frame.

    ``precision`` is NaN for a frame never coded, ``recall`` for a frame never the primary; ``f1`` is
    NaN if either is, 0 when both are defined and nothing matched. ``defensible_precision`` counts a
    code as right when the frame is the primary or a secondary frame of the unit.

    >>> t = per_frame_scores(["a", "a", "b"], ["a", "b", "b"], ["", "a", ""], ["a", "b"])
    >>> t[["frame", "precision", "recall", "defensible_precision"]].values.tolist()
    [['a', 0.5, 1.0, 1.0], ['b', 1.0, 0.5, 1.0]]
    """
    codes, primary, secondary = list(codes), list(primary), list(secondary)
    rows = []
    for f in frames:
        coded = [i for i, c in enumerate(codes) if c == f]
        actual = [i for i, p in enumerate(primary) if p == f]
        tp = sum(1 for i in coded if primary[i] == f)
        defensible = sum(1 for i in coded if _is_defensible(f, primary[i], secondary[i]))
        precision = tp / len(coded) if coded else float("nan")
        recall = tp / len(actual) if actual else float("nan")
        if np.isnan(precision) or np.isnan(recall):
            f1 = float("nan")
        else:
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append({"frame": f, "n_reference": len(actual), "n_coded": len(coded), "true_positives": tp,
                     "precision": precision, "recall": recall, "f1": f1,
                     "defensible_precision": defensible / len(coded) if coded else float("nan")})
    return pd.DataFrame(rows, columns=["frame", "n_reference", "n_coded", "true_positives", "precision", "recall",
                                       "f1", "defensible_precision"])


def _chance_corrected(units: pd.DataFrame) -> tuple[float, float]:
    """Cohen's kappa and Krippendorff's alpha of one coder's codes against the reference's primary frames."""
    if units.empty:
        return float("nan"), float("nan")
    ids = units["text"] + ":" + units["unit"]
    codings = pd.concat([
        pd.DataFrame({"unit": ids, "coder": "reference", "frame": units["primary"]}),
        pd.DataFrame({"unit": ids, "coder": "other", "frame": units["code"]}),
    ], ignore_index=True)
    try:
        return agreement.cohen_kappa(codings, "reference", "other"), agreement.krippendorff_alpha(codings)
    except AnnotationError:  # a single label overall: chance-corrected agreement is undefined
        return float("nan"), float("nan")


def summarise(units: pd.DataFrame, comparison: str) -> dict:
    """One summary row (see :data:`SUMMARY_COLUMNS`) from a ``units`` table of one coder."""
    kappa, alpha = _chance_corrected(units)
    n = len(units)
    return {
        "comparison": comparison,
        "coder": ", ".join(sorted(set(units["coder"]))),
        "reference_coder": ", ".join(sorted(set(units["reference_coder"]))),
        "n_texts": int(units["text"].nunique()),
        "n_units": n,
        "accuracy": float(units["correct"].mean()) if n else float("nan"),
        "defensible": float(units["defensible"].mean()) if n else float("nan"),
        "cohen_kappa": kappa,
        "krippendorff_alpha": alpha,
        "abstained": float((units["code"] == NO_FRAME).mean()) if n else float("nan"),
    }


# ---------------------------------------------------------------- units


def _coded_units(doc: Document, reference: pd.DataFrame, codes: pd.DataFrame, coder: str) -> pd.DataFrame:
    """Join one coder's codes (columns unit, code, code_secondary) to the reference coding of a text."""
    merged = reference.merge(codes, on="unit", how="inner", validate="one_to_one")
    out = pd.DataFrame({
        "text": doc.slug,
        "unit": merged["unit"],
        "start": merged["start"],
        "end": merged["end"],
        "split": str(doc.metadata.get("split", "")),
        "reference_coder": merged["coder"],
        "primary": merged["frame"],
        "secondary": merged["secondary"],
        "coder": coder,
        "code": merged["code"],
        "code_secondary": merged["code_secondary"],
    })
    out["correct"] = out["code"] == out["primary"]
    out["defensible"] = [_is_defensible(c, p, s) for c, p, s in zip(out["code"], out["primary"], out["secondary"],
                                                                   strict=True)]
    return out[UNIT_COLUMNS]


def _human_frames(slug: str | Document, cb: Codebook, path: Path | None = None) -> pd.DataFrame:
    """Human frame coding in the codebook's frame ids: mfc coding is mapped through the crosswalk for ``generic``.

    A primary mfc frame without a generic counterpart becomes ``"none"``; such secondary frames are dropped.
    Rows coded for another version of the body are left out (``kit validate`` names them).
    """
    if cb.name != GENERIC_CODEBOOK:
        return load_human_frames(slug, cb, path=path, drop_stale=True)
    human = load_human_frames(slug, DEFAULT_CODEBOOK, path=path, drop_stale=True)
    to_generic = crosswalk().set_index("mfc_frame")["generic_frame"].to_dict()
    secondary = [";".join(dict.fromkeys(g for s in sec.split(";") if s and (g := to_generic[s])))
                 for sec in human["secondary"]]
    return human.assign(frame=[to_generic[p] or NO_FRAME for p in human["frame"]], secondary=secondary)


def text_units(doc: Document | str, codebook: str | Path | Codebook = DEFAULT_CODEBOOK) -> pd.DataFrame:
    """The kit's and the second coder's codes of one text's paragraphs, beside the reference coding.

    One row per (paragraph, coder): coder ``"kit"`` for every paragraph of the reference coding, and
    the second coder's rows where ``texts/annotations/second_coder/<slug>_frames.csv`` exists.
    For the ``generic`` codebook the human mfc codes are mapped through the crosswalk
    (:func:`kit.framing.crosswalk`); a primary frame with no generic counterpart becomes ``"none"``.
    """
    doc = load_text(doc)
    cb = load_codebook(codebook)
    reference = _human_frames(doc, cb)
    if reference["coder"].nunique() != 1:
        raise AnnotationError(paths.annotations_dir() / f"{doc.slug}_frames.csv",
                              f"the reference coding has several coders {sorted(set(reference['coder']))}",
                              "keep one coder in the reference file; put a second coder in "
                              f"{SECOND_CODER_DIR}/")
    kit_codes = kit_coding(doc, cb, unit="paragraph").rename(columns={"frame": "code"})[["unit", "code"]]
    kit_codes["code_secondary"] = ""
    parts = [_coded_units(doc, reference, kit_codes, KIT_CODER)]
    second_file = second_coder_file(doc.slug)
    if second_file.is_file():
        second = _human_frames(doc, cb, path=second_file)
        for coder, rows in second.groupby("coder", sort=True):
            codes = rows.rename(columns={"frame": "code", "secondary": "code_secondary"})
            codes = codes[["unit", "code", "code_secondary"]]
            parts.append(_coded_units(doc, reference, codes, str(coder)))
    return pd.concat(parts, ignore_index=True)


# ---------------------------------------------------------------- the whole validation


def validate_frames(
    texts: Iterable[Document | str] | None = None,
    codebook: str | Path | Codebook = DEFAULT_CODEBOOK,
    split: str | None = None,
) -> FrameValidation:
    """Validate a codebook's dominant paragraph frames against human coding, with the human ceiling.

    ``texts``: slugs or Documents with a reference coding; default: the news corpus
    (:func:`corpus_texts`) of ``split`` (``"dev"``, ``"heldout"`` or ``None`` for both). Tune a
    codebook on ``dev`` only and read ``heldout`` once, at the end.

    >>> v = validate_frames(["oped"])
    >>> v.summary["comparison"].tolist()
    ['kit, all paragraphs', 'kit, doubly coded paragraphs', 'second coder (ceiling)']
    """
    cb = load_codebook(codebook)
    slugs = corpus_texts(split) if texts is None else list(texts)
    if not slugs:
        raise AnnotationError("texts", f"no text with a reference frame coding (split {split!r})",
                              "pass slugs of texts that have texts/annotations/<slug>_frames.csv")
    units = pd.concat([text_units(t, cb) for t in slugs], ignore_index=True)
    kit_rows = units[units["coder"] == KIT_CODER]
    human_rows = units[units["coder"] != KIT_CODER]
    doubly = kit_rows.merge(human_rows[["text", "unit"]], on=["text", "unit"], how="inner")
    summary = pd.DataFrame(
        [summarise(kit_rows, "kit, all paragraphs"), summarise(doubly, "kit, doubly coded paragraphs"),
         summarise(human_rows, "second coder (ceiling)")],
        columns=SUMMARY_COLUMNS,
    )
    summary = summary.astype({"n_texts": "int64", "n_units": "int64"})
    labels = {f.id: f.label for f in cb.frames}
    kit_scores = per_frame_scores(kit_rows["code"], kit_rows["primary"], kit_rows["secondary"], cb.frame_ids)
    human_scores = per_frame_scores(human_rows["code"], human_rows["primary"], human_rows["secondary"], cb.frame_ids)
    per_frame = kit_scores.assign(
        label=kit_scores["frame"].map(labels),
        coder_f1=human_scores["f1"].to_numpy(),
        coder_n_reference=human_scores["n_reference"].to_numpy(),
    )[PER_FRAME_COLUMNS]
    return FrameValidation(codebook=cb, summary=summary, per_frame=per_frame,
                           units=units.sort_values(["coder", "text", "start"], kind="stable").reset_index(drop=True))


def false_positives(result: FrameValidation, frame: str | None = None) -> pd.DataFrame:
    """The evidence behind a frame's false positives: its hits in paragraphs the kit gave it wrongly.

    A false positive is a paragraph whose dominant frame (the kit's code) is ``frame`` while the
    reference's primary frame is another; ``defensible`` says whether the reference listed ``frame``
    as a secondary frame. ``frame=None`` takes the frame with most indefensible false positives (not
    even a secondary frame), then most false positives, then the first in codebook order. One row per hit of that frame in those paragraphs: ``text``, ``unit``, ``start``, ``end``
    (offsets into that text's body), ``frame``, ``pattern``, ``matched``, ``primary``, ``secondary``,
    ``defensible``; empty when the kit made no false positive.
    """
    kit_rows = result.units[(result.units["coder"] == KIT_CODER) & (result.units["code"] != NO_FRAME)]
    wrong = kit_rows[~kit_rows["correct"]]
    if frame is None:
        indefensible = wrong.loc[~wrong["defensible"], "code"].value_counts()
        counts = wrong["code"].value_counts()
        ranked = sorted(counts.index, key=lambda f: (-indefensible.get(f, 0), -counts[f], result.per_frame["frame"]
                                                    .tolist().index(f)))
        frame = ranked[0] if ranked else ""
    elif frame not in set(result.per_frame["frame"]):
        raise AnnotationError("frame", f"no frame {frame!r} in codebook '{result.codebook.name}'",
                              f"use one of {result.per_frame['frame'].tolist()}")
    wrong = wrong[wrong["code"] == frame]
    rows = []
    for r in wrong.itertuples(index=False):
        hits = code(load_text(r.text), result.codebook)
        hits = hits[(hits["paragraph_id"] == r.unit) & (hits["frame"] == frame)]
        for h in hits.itertuples(index=False):
            rows.append({"text": r.text, "unit": r.unit, "start": h.start, "end": h.end, "frame": frame,
                         "pattern": h.pattern, "matched": h.matched, "primary": r.primary, "secondary": r.secondary,
                         "defensible": r.defensible})
    out = pd.DataFrame(rows, columns=FALSE_POSITIVE_COLUMNS)
    return out.astype({"start": "int64", "end": "int64", "defensible": "bool"})


def human_agreement(texts: Iterable[str] | None = None, split: str | None = None) -> pd.DataFrame:
    """The two human coders' agreement per text and pooled (the ceiling), one row per text plus ``all``.

    Columns: ``text``, ``n_units``, ``accuracy`` (same primary frame), ``defensible`` (the second
    coder's primary is in the reference's primary + secondary), ``defensible_reverse`` (the reference's
    primary is in the second coder's primary + secondary), ``cohen_kappa``, ``krippendorff_alpha``.
    Only texts with a second coder's file count; kappa and alpha are NaN where a text uses one frame only.
    """
    slugs = corpus_texts(split) if texts is None else list(texts)
    parts = []
    for slug in slugs:
        if second_coder_file(slug).is_file():
            units = text_units(slug)
            parts.append(units[units["coder"] != KIT_CODER])
    if not parts:
        raise AnnotationError(paths.annotations_dir() / SECOND_CODER_DIR, "no text has a second coder",
                              "code some paragraphs twice, blind, into the second_coder folder")
    rows = [_agreement_row(str(part["text"].iloc[0]), part) for part in parts]
    rows.append(_agreement_row("all", pd.concat(parts, ignore_index=True)))
    return pd.DataFrame(rows, columns=HUMAN_AGREEMENT_COLUMNS)


def _agreement_row(name: str, human: pd.DataFrame) -> dict:
    reverse = [_is_defensible(p, c, s) for p, c, s in zip(human["primary"], human["code"], human["code_secondary"],
                                                         strict=True)]
    kappa, alpha = _chance_corrected(human)
    return {"text": name, "n_units": len(human), "accuracy": float(human["correct"].mean()),
            "defensible": float(human["defensible"].mean()), "defensible_reverse": float(np.mean(reverse)),
            "cohen_kappa": kappa, "krippendorff_alpha": alpha}


__all__ = [
    "FrameValidation",
    "corpus_texts",
    "defensible_share",
    "false_positives",
    "human_agreement",
    "per_frame_scores",
    "second_coder_file",
    "summarise",
    "text_units",
    "validate_frames",
]
