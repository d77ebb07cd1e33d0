"""One text against the rest of a corpus: which frames it over- or under-uses, and how sure we can be.

The statistic for each frame is the chosen text's share of frame hits minus the mean share of the
other texts. Its p-value comes from an exact **permutation test over texts**: if the chosen text were
just one more text of the corpus, any of the ``n`` texts could have been "the chosen one", so the
statistic is computed with each text in turn held against the others, and ``p`` is the fraction of
those ``n`` values at least as far from zero as the chosen text's (two-sided; Good 2005,
*Permutation, Parametric and Bootstrap Tests of Hypotheses*, ch. 3). No randomness, no seed.

What a handful of texts can show: with ``n`` texts the smallest possible ``p`` is ``1 / n`` (0.05 with
20 texts), a frame is tested once per frame of the codebook (15 tests: expect one "significant"
frame by chance at 0.05), and the corpus is whatever texts were put in the folder, not a sample of
all coverage. Texts with no frame hits have no shares and are left out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit.errors import KitError

CONTRAST_COLUMNS = ["frame", "label", "share", "others_mean", "difference", "rank", "n_texts", "p_value", "min_p"]


def share_matrix(profiles: pd.DataFrame, value: str = "share") -> pd.DataFrame:
    """Texts x frames of one column of a corpus frame-profile table (texts and frames in table order)."""
    texts = list(dict.fromkeys(profiles["text"]))
    frames = list(dict.fromkeys(profiles["frame"]))
    wide = profiles.pivot(index="text", columns="frame", values=value)
    return wide.loc[texts, frames]


def hold_against(profiles: pd.DataFrame, text: str) -> pd.DataFrame:
    """Each frame's share in ``text`` against the other texts, with an exact permutation p-value.

    ``profiles`` is a corpus frame-profile table (:func:`kit.corpus.frame_profiles`). One row per
    frame, codebook order: ``share`` (the text's), ``others_mean``, ``difference``, ``rank`` (1 = the
    text with the largest share of that frame), ``n_texts``, ``p_value`` and ``min_p`` (``1 / n_texts``,
    the smallest p-value this corpus can give). A text with no frame hits gets an empty table whose
    ``attrs["reason"]`` says so.

    >>> rows = [{"text": t, "frame": f, "label": f, "share": s}
    ...         for t, a in [("x", 0.9), ("y", 0.2), ("z", 0.3), ("w", 0.1)] for f, s in [("war", a), ("law", 1 - a)]]
    >>> hold_against(pd.DataFrame(rows), "x")[["frame", "rank", "p_value"]].values.tolist()
    [['war', 1, 0.25], ['law', 4, 0.25]]
    """
    if text not in set(profiles["text"]):
        raise KitError(text, "this text is not in the corpus", f"pick one of {sorted(set(profiles['text']))}")
    shares = share_matrix(profiles).dropna(how="any")
    if text not in shares.index:
        # a text the codebook finds nothing in (a short notice, an off-topic piece) is a finding, not an
        # error: an empty table that says why, which the lesson's plot and notes then show
        table = pd.DataFrame(columns=CONTRAST_COLUMNS).astype({"rank": "int64", "n_texts": "int64"})
        table.attrs["reason"] = f"'{text}' has no frame hits with this codebook, so there are no frame shares to compare"
        return table
    n = len(shares)
    if n < 3:
        raise KitError(None, f"only {n} texts with frame hits", "a comparison needs the text and at least two others")
    values = shares.to_numpy(dtype=float)
    others_mean = (values.sum(axis=0, keepdims=True) - values) / (n - 1)
    stats = values - others_mean  # row i: text i held against the rest
    i = list(shares.index).index(text)
    extreme = np.abs(stats) >= np.abs(stats[i]) - 1e-12
    ranks = (values > values[i]).sum(axis=0) + 1
    labels = profiles.drop_duplicates("frame").set_index("frame")["label"]
    table = pd.DataFrame(
        {
            "frame": shares.columns,
            "label": [labels[f] for f in shares.columns],
            "share": values[i],
            "others_mean": others_mean[i],
            "difference": stats[i],
            "rank": ranks,
            "n_texts": n,
            "p_value": extreme.mean(axis=0),
            "min_p": 1 / n,
        },
        columns=CONTRAST_COLUMNS,
    )
    return table.astype({"rank": "int64", "n_texts": "int64"})


def reading_notes(versus: pd.DataFrame) -> str:
    """What a :func:`hold_against` table allows one to say: the smallest p-value the corpus can give,
    how many frames would look unusual by chance, and where the text ranks first or last.

    >>> rows = [{"text": t, "frame": f, "label": f, "share": s}
    ...         for t, a in [("x", 0.9), ("y", 0.2), ("z", 0.3), ("w", 0.1)] for f, s in [("war", a), ("law", 1 - a)]]
    >>> print(reading_notes(hold_against(pd.DataFrame(rows), "x")))
    4 texts with frame hits: the smallest p-value this corpus can give is 1/4 = 0.250.
    2 frames were tested: at a 0.10 level, about 0.2 would look 'unusual' by chance alone.
    Frames where the chosen text ranks first or last: war, law
    """
    if versus.empty:
        return versus.attrs.get("reason", "no frames to compare")
    n = int(versus["n_texts"].iloc[0])
    extremes = versus.loc[(versus["rank"] == 1) | (versus["rank"] == n), "label"]
    return "\n".join(
        [
            f"{n} texts with frame hits: the smallest p-value this corpus can give is 1/{n} = {1 / n:.3f}.",
            f"{len(versus)} frames were tested: at a 0.10 level, about {0.10 * len(versus):.1f} would look "
            "'unusual' by chance alone.",
            f"Frames where the chosen text ranks first or last: {', '.join(extremes) or 'none'}",
        ]
    )
